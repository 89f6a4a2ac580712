"""Parquet files → every problem found, as rows (file, row, field, code, message); never a traceback.

Three layers, all on every file: the Arrow schema (columns, types, field metadata), JSON Schema on every row,
and the pandera model (types, enums, uniqueness and the checks across rows). When all configs are validated
together, the checks across configs run too (turn texts against the verbatim source, counts, pairs); when they
cannot, a `cross-config-skipped` line says so. Nothing in a file that can be recomputed is trusted: the config
it declares must be its folder's, the row counts and column statistics of its footer must be the data's, and
its data is read without the statistics. A file a client rewrote with compatible types (large_string, other
nullability or metadata: pandas, polars, `datasets`) is cast to the published schema first (`type-drift`),
so its content is checked all the same.

Memory is bounded: files are read one row group at a time, strings as dictionaries, and a row group whose
decoded size exceeds MAX_DECODED_BYTES is refused before it is decoded. Files written by the build have
aligned row groups (see write.py), so they are checked one row group at a time and memory stays flat however
large they are; other layouts are checked whole (each row group still under the bound).
"""

from __future__ import annotations

import errno
import os
import stat
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jsonschema_rs
import pandera.errors
import pyarrow as pa
import pyarrow.compute as pc  # pyarrow does not import its compute module itself
import pyarrow.parquet as pq

from .configrows import ConfigRows, frame
from .crosschecks import cross_problems
from .model import pandera_schema
from .problems import CODES, Problem, printable, register, reports, severity
from .schema import CONFIG_METADATA_KEY, CONFIGS, arrow_schema, load_json_schema

#: The most a row group of one file may hold once decoded (strings expanded from their dictionaries), in
#: bytes. The build writes row groups of about 8 million characters (write.py), far below it; a hostile file
#: whose few kilobytes expand to gigabytes is refused before it is decoded.
MAX_DECODED_BYTES = 512 * 2**20

__all__ = ["MAX_DECODED_BYTES", "Problem", "validate_dataset", "validate_paths"]


@dataclass
class _File:
    """A Parquet file whose footer was read and whose schema fits its config (perhaps after a cast)."""

    path: Path
    config: str
    metadata: pq.FileMetaData
    #: column paths read as dictionaries (every string leaf), so repeated strings are not expanded
    strings: list[str]

    @property
    def name(self) -> str:
        return str(self.path)


@dataclass
class _Seen:
    """What earlier batches held, for the checks that span batches: unique ids and interview order."""

    ids: dict[tuple[str, str], set] = field(default_factory=lambda: defaultdict(set))
    last_interview: dict[str, str] = field(default_factory=dict)


class _Unreadable(Exception):
    def __init__(self, file: str, error: Exception):
        self.problem = _path_or_data_problem(file, error)


class _NotRegular(Exception):
    """A path that is not a regular file (a FIFO would block the reader forever)."""


_READ_ERRORS = (pa.ArrowException, OSError, ValueError)
_NO_DESCRIPTOR = "cannot open: too many open files"


def validate_paths(paths: list[str | Path], strict: bool = False, require_all: bool = False) -> list[Problem]:
    """Validate Parquet files, config folders or whole data folders; checks across configs run when every
    config is among them. `strict` makes type drift an error, `require_all` a skipped check across configs."""
    problems: list[Problem] = []
    opened: dict[str, list[_File]] = defaultdict(list)
    for path in _expand(paths, problems):
        file, file_problems = open_and_check_file(path, strict)
        problems += file_problems
        if file is not None:
            opened[file.config].append(file)
        if any(p.message == _NO_DESCRIPTOR for p in file_problems):
            break  # every further file would fail the same way: one line says it
    seen = _Seen()
    crossed = False
    try:
        for batch in _batches(opened, problems):
            bounded = _bound_mentions(batch)
            problems += bounded
            for config, part in batch.items():
                problems += _table_problems(part, config, seen)
            if all(config in batch for config in CONFIGS):
                problems += cross_problems(batch, entities=not bounded)
                crossed = True
    except _Unreadable as unreadable:
        problems.append(unreadable.problem)
    if not crossed:
        problems.append(_skipped(paths, opened, require_all))
    return sorted(set(problems), key=lambda p: (p.file, -1 if p.row is None else p.row, p.field or "", p.code))


def validate_dataset(data_dir: str | Path) -> list[Problem]:
    """Validate a data folder as the build writes it: data/<config>/*.parquet for every config; every check
    must run (a skipped check across configs is an error here)."""
    return validate_paths([data_dir], strict=True, require_all=True)


def _skipped(paths: list[str | Path], opened: dict[str, list[_File]], require_all: bool) -> Problem:
    missing = [config for config in CONFIGS if config not in opened]
    try:
        where = os.path.commonpath([str(p) for p in paths]) or "."
    except ValueError:  # absolute and relative paths together
        where = str(paths[0])
    reason = f"no checkable file of {', '.join(missing)}" if missing else "a file was refused before its rows were checked"
    return Problem(where, None, None, "cross-config-skipped", f"checks across configs did not run: {reason}",
                   severity("cross-config-skipped", require_all=require_all))


@reports("config-missing", None, "a data folder holds no Parquet file for a config")
@reports("no-parquet-files", None, "a folder given holds no .parquet file")
def _expand(paths: list[str | Path], problems: list[Problem]) -> list[Path]:
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            if any((path / config).is_dir() for config in CONFIGS):  # a data folder: every config must be there
                problems += [
                    Problem(str(path / config), None, None, "config-missing", f"no Parquet file for config {config!r}")
                    for config in CONFIGS
                    if not any((path / config).glob("*.parquet"))
                ]
            # not only regular files: a FIFO named *.parquet is reported, not skipped in silence
            found = sorted(p for p in path.rglob("*.parquet") if not p.is_dir())
            if not found:
                problems.append(Problem(str(path), None, None, "no-parquet-files", "folder holds no .parquet file"))
            files += found
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(Problem(str(path), None, None, "file-missing", "no such file or folder"))
    named = []
    for file in dict.fromkeys(files):  # a file named twice (itself and in its folder) is checked once
        if printable(str(file)) != str(file):
            problems.append(Problem(str(file), None, None, "bad-file-name",
                                    "the file name holds a control character (a line break?); rename the file"))
        else:
            named.append(file)
    return named


def _reason(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


@reports("unreadable-file", None, "the bytes are not a readable Parquet file")
def _path_or_data_problem(file: str, error: Exception) -> Problem:
    """An operating system's refusal is a path problem (exit 2); anything else means the bytes are not Parquet."""
    if isinstance(error, _NotRegular):
        return Problem(file, None, None, "not-a-regular-file", "not a regular file (a FIFO, device or socket); not opened")
    if isinstance(error, OSError) and error.errno is not None and not isinstance(error, pa.ArrowException):
        if error.errno in (errno.EMFILE, errno.ENFILE):
            return Problem(file, None, None, "unreadable-path", _NO_DESCRIPTOR)
        return Problem(file, None, None, "unreadable-path", f"cannot open: {os.strerror(error.errno)}")
    return Problem(file, None, None, "unreadable-file", f"not a readable Parquet file: {_reason(error)}")


def _open(path: Path):
    """The file, opened without blocking (a FIFO would never answer) and only if it is a regular file."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _NotRegular()
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def open_and_check_file(path: Path, strict: bool = False) -> tuple[_File | None, list[Problem]]:
    """Read one Parquet file's footer (nothing in it is executed; the file is closed again, so any number of
    files can be checked) and compare its schema and row counts with the config's."""
    name = str(path)
    try:
        with _open(path) as handle:
            parquet = pq.ParquetFile(handle)
            metadata, schema = parquet.metadata, parquet.schema_arrow
            strings = [column.path for column in parquet.schema if column.physical_type == "BYTE_ARRAY"]
    except (*_READ_ERRORS, _NotRegular) as error:
        return None, [_path_or_data_problem(name, error)]
    config, problems = _config_of(path, schema)
    if config is None:
        return None, problems
    schema_problems = _schema_problems(name, schema, arrow_schema(config), strict)
    problems += schema_problems + _row_count_problems(name, metadata)
    if any(p.code != "type-drift" for p in schema_problems):
        return None, problems  # the data cannot be cast to the config's schema: its rows cannot be checked
    return _File(path, config, metadata, strings), problems


@reports("row-count-mismatch", None, "the footer's row counts are not the rows its row groups hold")
def _row_count_problems(file: str, metadata: pq.FileMetaData) -> list[Problem]:
    """The footer's row count is the sum of its row groups' (readers such as polars trust the first)."""
    groups = sum(metadata.row_group(k).num_rows for k in range(metadata.num_row_groups))
    if metadata.num_rows != groups:
        return [Problem(file, None, None, "row-count-mismatch",
                        f"the footer says {metadata.num_rows} rows but its row groups hold {groups}")]
    return []


@reports("config-mismatch", None, "the config a file declares is not the config of its folder")
@reports("unknown-config", None, "neither the file's metadata nor its folder names a config")
def _config_of(file: Path, schema: pa.Schema) -> tuple[str | None, list[Problem]]:
    """The config a file belongs to: the one its metadata declares, which must be its folder's when the
    folder is named for a config; else its folder's."""
    declared = (schema.metadata or {}).get(CONFIG_METADATA_KEY, b"").decode(errors="replace")
    folder = file.parent.name if file.parent.name in CONFIGS else None
    if declared in CONFIGS and folder is not None and declared != folder:
        return None, [Problem(str(file), None, None, "config-mismatch",
                              f"the file declares config {declared!r} but lies in the folder of config {folder!r}")]
    if declared in CONFIGS or folder is not None:
        return declared if declared in CONFIGS else folder, []
    return None, [Problem(str(file), None, None, "unknown-config",
                          f"cannot tell the config: no {CONFIG_METADATA_KEY.decode()} metadata and folder is not one of {', '.join(CONFIGS)}")]


def _read(file: str, read):
    try:
        return read()
    except (*_READ_ERRORS, _NotRegular) as error:
        raise _Unreadable(file, error) from None


def _batches(opened: dict[str, list[_File]], problems: list[Problem]):
    """Row group k of every config together when the build's aligned layout is there; else each config whole.
    A row group that cannot be checked (too large, lying footer, failed cast) drops its file or batch."""
    if _aligned(opened):
        offsets = dict.fromkeys(CONFIGS, 0)
        (n_groups,) = {opened[config][0].metadata.num_row_groups for config in CONFIGS}
        for k in range(n_groups):
            batch = {}
            for config in CONFIGS:
                file = opened[config][0]
                table = _load(file, k, problems)
                if table is not None:
                    batch[config] = ConfigRows([(file.name, offsets[config], table)])
                offsets[config] += file.metadata.row_group(k).num_rows
            yield batch
        return
    batch = {}
    for config, files in opened.items():
        segments = []
        for file in files:
            tables = [_load(file, k, problems) for k in range(file.metadata.num_row_groups)]
            if all(table is not None for table in tables):
                segments.append((file.name, 0, pa.concat_tables(tables) if tables else arrow_schema(config).empty_table()))
        if len(segments) == len(files):
            batch[config] = ConfigRows(segments)
    yield batch


def _aligned(opened: dict[str, list[_File]]) -> bool:
    """One file per config, as many row groups in each, and row group k of each covering the same interviews."""
    if not all(len(opened.get(config, [])) == 1 for config in CONFIGS):
        return False
    files = {config: opened[config][0] for config in CONFIGS}
    if len({file.metadata.num_row_groups for file in files.values()}) != 1:
        return False
    for k in range(files["turns"].metadata.num_row_groups):
        ids = {config: _interview_ids(file, k) for config, file in files.items()}
        # An interview that mentions no entity has no entities rows: that config may cover fewer interviews.
        if not (ids["turns"] == ids["qa_pairs"] == ids["interviews"] and ids["entities"] <= ids["interviews"]):
            return False
    return True


def _interview_ids(file: _File, k: int) -> set:
    """The distinct interview ids of row group k, read as a dictionary: only the distinct values are decoded."""
    def read():
        with _open(file.path) as handle:
            parquet = pq.ParquetFile(handle, read_dictionary=["interview_id"])
            return parquet.read_row_group(k, columns=["interview_id"]).column(0)

    return set(pc.unique(_read(file.name, read)).to_pylist())


@reports("row-group-too-large", None, f"a row group larger than {MAX_DECODED_BYTES // 2**20} MiB once decoded: refused before it is decoded")
@reports("cast-failed", None, "a column cannot be cast to the published Arrow schema")
def _load(file: _File, k: int, problems: list[Problem]) -> pa.Table | None:
    """Row group k of a file, cast to its config's schema, or None (with the reason in `problems`) when it is
    too large to decode, its footer lies about it or the cast fails."""
    def read():
        with _open(file.path) as handle:
            return pq.ParquetFile(handle, read_dictionary=file.strings).read_row_group(k)

    row_group = file.metadata.row_group(k)
    declared = sum(row_group.column(i).total_uncompressed_size for i in range(row_group.num_columns))
    if declared > MAX_DECODED_BYTES:  # plain pages decode to at least their uncompressed size
        problems.append(Problem(file.name, None, None, "row-group-too-large",
                                f"row group {k} holds {declared:,} bytes uncompressed, over the limit of {MAX_DECODED_BYTES:,}; not decoded"))
        return None
    table = _read(file.name, read)
    expected = file.metadata.row_group(k).num_rows
    if table.num_rows != expected:
        problems.append(Problem(file.name, None, None, "row-count-mismatch",
                                f"row group {k}: the footer says {expected} rows but it holds {table.num_rows}"))
        return None
    size = decoded_bytes(table)
    if size > MAX_DECODED_BYTES:
        problems.append(Problem(file.name, None, None, "row-group-too-large",
                                f"row group {k} would take {size:,} bytes decoded, over the limit of {MAX_DECODED_BYTES:,}; not decoded"))
        return None
    try:
        table = table.cast(arrow_schema(file.config))
    except (pa.ArrowException, ValueError) as error:
        problems.append(Problem(file.name, None, None, "cast-failed",
                                f"row group {k} cannot be cast to the {file.config} schema: {_reason(error)}"))
        return None
    problems += _statistics_problems(file.name, k, file.metadata.row_group(k), table)
    return table


def decoded_bytes(data) -> int:
    """The bytes a table (or array) takes once every dictionary is expanded, computed without expanding it."""
    if isinstance(data, pa.Table):
        return sum(decoded_bytes(column) for column in data.columns)
    if isinstance(data, pa.ChunkedArray):
        return sum(decoded_bytes(chunk) for chunk in data.chunks)
    if pa.types.is_dictionary(data.type):
        lengths = pc.take(pc.binary_length(data.dictionary), data.indices)
        return (pc.sum(lengths).as_py() or 0) + 8 * len(data)
    if pa.types.is_list(data.type) or pa.types.is_large_list(data.type):
        return data.offsets.nbytes + decoded_bytes(data.flatten())
    if pa.types.is_struct(data.type):
        return sum(decoded_bytes(data.field(i)) for i in range(data.type.num_fields))
    return data.nbytes


def _statistics_problems(file: str, k: int, row_group: pq.RowGroupMetaData, table: pa.Table) -> list[Problem]:
    """Column statistics in the footer must hold for the data: readers skip row groups by them, so a min or
    max that lies makes duckdb, polars or pyarrow return wrong answers from data that itself is fine."""
    problems = []
    for i in range(row_group.num_columns):
        chunk = row_group.column(i)
        statistics = chunk.statistics
        values = _leaf(table, chunk.path_in_schema)
        if statistics is None or values is None:
            continue
        top_level = "." not in chunk.path_in_schema
        if top_level and statistics.has_null_count and statistics.null_count != values.null_count:
            problems.append(_lying(file, k, chunk.path_in_schema, f"null count {statistics.null_count}, the data has {values.null_count}"))
        if statistics.has_min_max and len(values) > values.null_count:
            low, high = pc.min_max(values).values()
            try:
                holds = statistics.min <= low.as_py() and statistics.max >= high.as_py()
            except (TypeError, ValueError, UnicodeDecodeError):  # a statistic of another type, or not UTF-8
                holds = False
            if not holds:
                problems.append(_lying(file, k, chunk.path_in_schema, f"min/max {statistics.min!r}/{statistics.max!r}, "
                                                                      f"the data ranges over {low.as_py()!r}/{high.as_py()!r}"))
    return problems


@reports("statistics-mismatch", "*", "the footer's column statistics (min, max, null count) are not the data's")
def _lying(file: str, k: int, column: str, what: str) -> Problem:
    return Problem(file, None, column.split(".")[0], "statistics-mismatch", f"row group {k}, column {column}: the footer says {what}")


def _leaf(table: pa.Table, path: str) -> pa.ChunkedArray | None:
    """The values of a Parquet leaf column (`mentions.list.element.start`) in an Arrow table, or None."""
    parts = path.split(".")
    if parts[0] not in table.column_names:
        return None
    values = table.column(parts[0])
    rest = parts[1:]
    while rest:
        if pa.types.is_list(values.type) and len(rest) >= 2:
            values, rest = pc.list_flatten(values), rest[2:]  # the three-level list: <name>.list.element
        elif pa.types.is_struct(values.type) and values.type.get_field_index(rest[0]) >= 0:
            values, rest = pc.struct_field(values, [values.type.get_field_index(rest[0])]), rest[1:]
        else:
            return None
    return values


def _compatible(actual: pa.DataType, expected: pa.DataType) -> bool:
    """Whether values of `actual` can be cast to `expected` without changing them: the same type written
    another way (large_string, a view, a dictionary, large_list, other names or nullability of children)."""
    if actual.equals(expected):
        return True
    if pa.types.is_dictionary(actual):
        return _compatible(actual.value_type, expected)
    strings = (pa.types.is_string, pa.types.is_large_string, pa.types.is_string_view)
    if any(is_(expected) for is_ in strings):
        return any(is_(actual) for is_ in strings)
    lists = (pa.types.is_list, pa.types.is_large_list, pa.types.is_list_view, pa.types.is_large_list_view)
    if any(is_(expected) for is_ in lists):
        return any(is_(actual) for is_ in lists) and _compatible(actual.value_type, expected.value_type)
    if pa.types.is_struct(expected):
        return pa.types.is_struct(actual) and [f.name for f in actual] == [f.name for f in expected] and all(
            _compatible(a.type, e.type) for a, e in zip(actual, expected))
    return False


@reports("column-missing", "*", "a column of the schema is missing")
@reports("column-extra", "*", "a column is not in the schema")
@reports("column-type", "*", "a column has an Arrow type that cannot be cast to the schema's")
@reports("column-order", None, "the columns are not in the order of the schema")
def _schema_problems(file: str, actual: pa.Schema, expected: pa.Schema, strict: bool = False) -> list[Problem]:
    problems = []
    drifted = []
    for field_ in expected:
        if field_.name not in actual.names:
            problems.append(Problem(file, None, field_.name, "column-missing", f"column {field_.name!r} is missing"))
    for field_ in actual:
        if field_.name not in expected.names:
            problems.append(Problem(file, None, field_.name, "column-extra", f"column {field_.name!r} is not in the schema"))
            continue
        want = expected.field(field_.name)
        if not _compatible(field_.type, want.type):
            problems.append(Problem(file, None, field_.name, "column-type", f"type is {field_.type}, expected {want.type}"))
        elif not (field_.type.equals(want.type) and field_.nullable == want.nullable
                  and (field_.metadata or {}) == (want.metadata or {})):
            drifted.append(field_.name)
    if not problems and actual.names != expected.names:
        problems.append(Problem(file, None, None, "column-order", f"columns are in the order {actual.names}, expected {expected.names}"))
    if drifted and not problems:
        which = f"every column ({len(drifted)}) differs" if drifted == expected.names else f"columns {', '.join(drifted)} differ"
        problems.append(Problem(file, None, None, "type-drift",
                                f"{which} from the published Arrow schema in type, nullability or field metadata; "
                                "checked after a cast to it", severity("type-drift", strict=strict)))
    return problems


def _json_column(column: pa.ChunkedArray) -> pa.ChunkedArray:
    return pc.cast(column, pa.string()) if pa.types.is_date(column.type) else column


#: The top-level keywords a config's JSON Schema uses. With only these, a row is valid exactly when each
#: value is valid against its property's subschema (`required` and `additionalProperties` are the column
#: check of the Arrow layer), so JSON Schema can check each distinct value of a column once instead of every
#: row, with the same verdict. A keyword that links properties (if/then, dependentRequired...) would break
#: that, and property_validators refuses it.
_ROW_KEYWORDS = {"$schema", "$id", "title", "description", "type", "additionalProperties", "required", "properties"}


@cache
def property_validators(config: str) -> dict:
    """A compiled (Rust) validator per property of the config's JSON Schema, formats (dates) included."""
    schema = load_json_schema(config)
    linked = set(schema) - _ROW_KEYWORDS
    if linked or schema.get("additionalProperties") is not False or schema["required"] != list(schema["properties"]):
        raise ValueError(f"{config}.schema.json links properties ({sorted(linked)}); check whole rows instead")
    return {
        name: (
            jsonschema_rs.validator_for({"$schema": schema["$schema"], **prop}, validate_formats=True),
            # the same subschema over a whole column: one call into the compiled validator in the common,
            # valid case
            jsonschema_rs.validator_for({"$schema": schema["$schema"], "type": "array", "items": prop}, validate_formats=True),
        )
        for name, prop in schema["properties"].items()
    }


def json_schema_problems(table: pa.Table, config: str) -> list[tuple[int, str, str, str]]:
    """(row, field, code, message) for every row whose value fails its JSON Schema property."""
    found = []
    properties = load_json_schema(config)["properties"]
    for name, (validator, column_validator) in property_validators(config).items():
        column = _json_column(table.column(name))
        distinct = None  # free text repeats rarely, and lists cannot be hashed: check every value
        if _repeats(properties[name]):
            distinct = pc.unique(column).to_pylist()
        values = column.to_pylist() if distinct is None else distinct
        if column_validator.is_valid(values):
            continue
        bad = {_key(v): v for v in values if not validator.is_valid(v)}
        if not bad:
            continue
        everything = column.to_pylist() if distinct is not None else values
        for row, value in enumerate(everything):
            if _key(value) in bad:
                for error in validator.iter_errors(value):
                    found.append((row, name, _json_schema_code(error), error.message))
    return found


#: JSON Schema keyword that fails → the problem code, the same whichever layer (JSON Schema or pandera) finds it.
KEYWORD_CODES = {
    "enum": register("not-in-vocabulary", "*", "a value outside its field's allowed values (a topic not in topics.yaml, a role, a type)"),
    "type": register("wrong-type", "*", "a value of another type than its field's"),
    "pattern": register("pattern-mismatch", "*", "a value that does not have its field's form (an id, a language code)"),
    "format": register("not-a-date", "*", "a date that is not a calendar date YYYY-MM-DD"),
    "minimum": register("below-minimum", "*", "a number below its field's minimum (negative offsets and counts, indexes from 1)"),
    "minLength": register("too-short", "*", "a text shorter than its field allows (an empty text)"),
    "maxLength": register("too-long", "*", "a text longer than its field allows"),
    "maxItems": register("too-many-items", "*", "a list longer than its field allows"),
    "required": register("missing-field", "*", "a record (a mention) lacks a field"),
    "additionalProperties": register("unexpected-field", "*", "a record (a mention) has a field its schema does not name"),
}
_NULL_CODE = register("null-in-required-field", "*", "null in a field that may not be null")


def _json_schema_code(error) -> str:
    """The problem code of a JSON Schema failure: a null where a value must be is its own problem."""
    keyword = str(error.schema_path[-1]) if error.schema_path else "type"
    if keyword == "type" and error.instance is None:
        return _NULL_CODE
    return KEYWORD_CODES[keyword]


def duplicate_code(field: str) -> str:
    """The code of a repeated value in a unique field: duplicate-turn-id, duplicate-pair-id, ..."""
    return f"duplicate-{field.replace('_', '-')}"


for _config in CONFIGS:
    for _name, _prop in load_json_schema(_config)["properties"].items():
        if _prop.get("x-unique"):
            register(duplicate_code(_name), _name, f"{_name} is unique across the {_config} config: a value appears in two rows")


def _repeats(prop: dict) -> bool:
    """Whether a column's values repeat enough that checking its distinct values pays: enums, ids, dates."""
    return prop.get("type") not in ("array", ["array"]) and any(k in prop for k in ("enum", "pattern", "format", "minimum"))


def _key(value) -> str:
    return repr(value)


@reports("too-many-mentions", "mentions", "a turn has more mentions than characters (mentions do not overlap)")
def _bound_mentions(batch: dict[str, ConfigRows]) -> list[Problem]:
    """A turn has at most as many mentions as characters (mentions do not overlap). Checked in Arrow before any
    layer turns values into Python objects; a turn over the bound loses its mentions for the other checks (and
    the entity counts, which count them, are not compared), so a hostile file costs no more than its arrays."""
    if "turns" not in batch:
        return []
    problems = []
    part = batch["turns"]
    for i, (file, first, table) in enumerate(part.segments):
        mentions = pc.fill_null(pc.list_value_length(table.column("mentions")), 0)
        characters = pc.utf8_length(table.column("text"))
        over = pc.greater(mentions, characters)
        for row in pc.indices_nonzero(over).to_pylist():
            problems.append(Problem(file, first + row, "mentions", "too-many-mentions",
                                    f"{mentions[row].as_py()} mentions in a text of {characters[row].as_py()} "
                                    "characters; its mentions and the entity counts are not checked further"))
        if any(p.file == file for p in problems):
            index = table.schema.get_field_index("mentions")
            kept = pc.if_else(over, pa.scalar(None, table.schema.field("mentions").type), table.column("mentions"))
            part.segments[i] = (file, first, table.set_column(index, table.schema.field("mentions"), kept))
    return problems


def _table_problems(part: ConfigRows, config: str, seen: _Seen) -> list[Problem]:
    table = part.table()
    problems = []
    blamed = set()
    for i, field_, code, message in json_schema_problems(table, config):
        file, row_in_file = part.locate(i)
        blamed.add((i, field_))
        problems.append(Problem(file, row_in_file, field_, code, message))
    try:
        pandera_schema(config).validate(frame(table), lazy=True)
    except pandera.errors.SchemaErrors as errors:
        for case in errors.failure_cases.to_dicts():
            problem = _pandera_problem(part, case)
            across_rows = case.get("schema_context") == "DataFrameSchema" and str(case.get("check")) in CODES
            if across_rows or (case.get("index"), problem.field) not in blamed:  # found once: JSON Schema's stands
                problems.append(problem)
    return problems + _across_batches(part, config, table, seen)


def _across_batches(part: ConfigRows, config: str, table: pa.Table, seen: _Seen) -> list[Problem]:
    """Uniqueness and order against the batches before this one (pandera sees one batch at a time)."""
    problems = []
    for name, prop in load_json_schema(config)["properties"].items():
        if not prop.get("x-unique"):
            continue
        earlier = seen.ids[(config, name)]
        values = table.column(name).to_pylist()
        for i, value in enumerate(values):
            if value in earlier:
                file, row = part.locate(i)
                problems.append(Problem(file, row, name, duplicate_code(name), f"{value!r} already appears in an earlier row group"))
        earlier.update(values)
    ids = table.column("interview_id")
    if len(ids):
        last = seen.last_interview.get(config)
        if last is not None and ids[0].as_py() < last:
            file, row = part.locate(0)
            problems.append(Problem(file, row, "interview_id", "interviews-out-of-order", "interviews are not in the order of their ids"))
        seen.last_interview[config] = ids[-1].as_py()
    return problems


#: pandera's names of its built-in checks → the problem codes JSON Schema gives the same problems.
_PANDERA_CODES = {
    "not_nullable": _NULL_CODE, "dtype": KEYWORD_CODES["type"], "isin": KEYWORD_CODES["enum"],
    "str_matches": KEYWORD_CODES["pattern"], "greater_than_or_equal_to": KEYWORD_CODES["minimum"],
    "str_length": KEYWORD_CODES["minLength"],
}


def _pandera_problem(part: ConfigRows, case: dict) -> Problem:
    index = case.get("index")
    row = None if index is None or index != index else int(index)
    file, row_in_file = part.locate(row) if row is not None else (part.file, None)
    check = str(case.get("check"))
    if case.get("schema_context") == "DataFrameSchema" and check in CODES:
        return Problem(file, row_in_file, CODES[check].field, check, CODES[check].description)
    column = case.get("column")
    name = check.split("(")[0]
    code = duplicate_code(str(column)) if name == "field_uniqueness" else _PANDERA_CODES.get(name, name)
    return Problem(file, row_in_file, column, code, f"value {case.get('failure_case')!r} fails check {check}")
