"""Checked files → batches of rows to check, in bounded memory: one row group at a time, strings as
dictionaries, a row group too large once decoded refused before it is decoded, footer statistics compared with
the data. Files the build wrote have aligned row groups, checked one row group of every config at a time."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc  # pyarrow does not import its compute module itself
import pyarrow.parquet as pq

from interview_dataset.problems import Problem, reports
from interview_dataset.schema import CONFIGS, arrow_schema
from interview_dataset.validation.configrows import ConfigRows
from interview_dataset.validation.discovery import open_regular, read_or_raise, reason
from interview_dataset.validation.footers import CheckedFile

#: The most a row group of one file may hold once decoded (strings expanded from their dictionaries), in
#: bytes. The build writes row groups of about 8 million characters (write.py), far below it; a hostile file
#: whose few kilobytes expand to gigabytes is refused before it is decoded.
MAX_DECODED_BYTES = 512 * 2**20


def batches(opened: dict[str, list[CheckedFile]], problems: list[Problem]):
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
                segments.append(
                    (file.name, 0, pa.concat_tables(tables) if tables else arrow_schema(config).empty_table())
                )
        if len(segments) == len(files):
            batch[config] = ConfigRows(segments)
    yield batch


def _aligned(opened: dict[str, list[CheckedFile]]) -> bool:
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


def _interview_ids(file: CheckedFile, k: int) -> set:
    """The distinct interview ids of row group k, read as a dictionary: only the distinct values are decoded."""

    def read():
        with open_regular(file.path) as handle:
            parquet = pq.ParquetFile(handle, read_dictionary=["interview_id"])
            return parquet.read_row_group(k, columns=["interview_id"]).column(0)

    return set(pc.unique(read_or_raise(file.name, read)).to_pylist())


@reports(
    "row-group-too-large",
    None,
    f"a row group larger than {MAX_DECODED_BYTES // 2**20} MiB once decoded: refused before it is decoded",
)
@reports("cast-failed", None, "a column cannot be cast to the published Arrow schema")
def _load(file: CheckedFile, k: int, problems: list[Problem]) -> pa.Table | None:
    """Row group k of a file, cast to its config's schema, or None (with the reason in `problems`) when it is
    too large to decode, its footer lies about it or the cast fails."""

    def read():
        with open_regular(file.path) as handle:
            return pq.ParquetFile(handle, read_dictionary=file.strings).read_row_group(k)

    row_group = file.metadata.row_group(k)
    declared = sum(row_group.column(i).total_uncompressed_size for i in range(row_group.num_columns))
    if declared > MAX_DECODED_BYTES:  # plain pages decode to at least their uncompressed size
        problems.append(
            Problem(
                file.name,
                None,
                None,
                "row-group-too-large",
                f"row group {k} holds {declared:,} bytes uncompressed, over the limit of {MAX_DECODED_BYTES:,}; not decoded",
            )
        )
        return None
    table = read_or_raise(file.name, read)
    expected = file.metadata.row_group(k).num_rows
    if table.num_rows != expected:
        problems.append(
            Problem(
                file.name,
                None,
                None,
                "row-count-mismatch",
                f"row group {k}: the footer says {expected} rows but it holds {table.num_rows}",
            )
        )
        return None
    size = decoded_bytes(table)
    if size > MAX_DECODED_BYTES:
        problems.append(
            Problem(
                file.name,
                None,
                None,
                "row-group-too-large",
                f"row group {k} would take {size:,} bytes decoded, over the limit of {MAX_DECODED_BYTES:,}; not decoded",
            )
        )
        return None
    try:
        table = table.cast(arrow_schema(file.config))
    except (pa.ArrowException, ValueError) as error:
        problems.append(
            Problem(
                file.name,
                None,
                None,
                "cast-failed",
                f"row group {k} cannot be cast to the {file.config} schema: {reason(error)}",
            )
        )
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
            problems.append(
                _lying(
                    file,
                    k,
                    chunk.path_in_schema,
                    f"null count {statistics.null_count}, the data has {values.null_count}",
                )
            )
        if statistics.has_min_max and len(values) > values.null_count:
            low, high = pc.min_max(values).values()
            try:
                holds = statistics.min <= low.as_py() and statistics.max >= high.as_py()
            except (TypeError, ValueError, UnicodeDecodeError):  # a statistic of another type, or not UTF-8
                holds = False
            if not holds:
                problems.append(
                    _lying(
                        file,
                        k,
                        chunk.path_in_schema,
                        f"min/max {statistics.min!r}/{statistics.max!r}, "
                        f"the data ranges over {low.as_py()!r}/{high.as_py()!r}",
                    )
                )
    return problems


@reports("statistics-mismatch", "*", "the footer's column statistics (min, max, null count) are not the data's")
def _lying(file: str, k: int, column: str, what: str) -> Problem:
    return Problem(
        file,
        None,
        column.split(".")[0],
        "statistics-mismatch",
        f"row group {k}, column {column}: the footer says {what}",
    )


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


@reports("too-many-mentions", "mentions", "a turn has more mentions than characters (mentions do not overlap)")
def bound_mentions(batch: dict[str, ConfigRows]) -> list[Problem]:
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
            problems.append(
                Problem(
                    file,
                    first + row,
                    "mentions",
                    "too-many-mentions",
                    f"{mentions[row].as_py()} mentions in a text of {characters[row].as_py()} "
                    "characters; its mentions and the entity counts are not checked further",
                )
            )
        if any(p.file == file for p in problems):
            index = table.schema.get_field_index("mentions")
            kept = pc.if_else(over, pa.scalar(None, table.schema.field("mentions").type), table.column("mentions"))
            part.segments[i] = (file, first, table.set_column(index, table.schema.field("mentions"), kept))
    return problems
