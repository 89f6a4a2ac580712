"""Parquet files → every problem found, as rows (file, row, field, code, message); never a traceback.

Three layers, all on every file: the Arrow schema (columns, types, field metadata), JSON Schema on every row,
and the pandera model (types, enums, uniqueness and the checks across rows). When the three configs are
validated together, the checks across configs run too (turn texts against the verbatim source, counts, pairs).
Files written by the build have aligned row groups (see write.py), so they are checked one row group at a
time and memory stays flat however large they are; other layouts are checked whole.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jsonschema_rs
import pandera.errors
import pyarrow as pa
import pyarrow.parquet as pq

from .checks import FIELDS, TABLE_CHECKS
from .schema import CONFIG_METADATA_KEY, CONFIGS, arrow_schema, load_json_schema, pandera_schema, to_frame


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file: `row` counts from 0 in the file and is None for the file as a whole."""

    file: str
    row: int | None
    field: str | None
    code: str
    message: str

    def __str__(self) -> str:
        where = ", ".join(part for part in (
            f"row {self.row}" if self.row is not None else "",
            f"field {self.field}" if self.field else "",
        ) if part)
        return f"{self.file}: {where + ': ' if where else ''}{self.message} [{self.code}]"


@dataclass
class _Part:
    """Rows of one config under check: segments (file, first row in that file, table), in order."""

    segments: list[tuple[str, int, pa.Table]]

    def table(self) -> pa.Table:
        return pa.concat_tables([t for _, _, t in self.segments])

    def locate(self, row: int) -> tuple[str, int]:
        for file, first, table in self.segments:
            if row < table.num_rows:
                return file, first + row
            row -= table.num_rows
        raise IndexError(row)

    @property
    def file(self) -> str:
        return self.segments[0][0]


@dataclass
class _Seen:
    """What earlier batches held, for the checks that span batches: unique ids and interview order."""

    ids: dict[tuple[str, str], set] = field(default_factory=lambda: defaultdict(set))
    last_interview: dict[str, str] = field(default_factory=dict)


class _Unreadable(Exception):
    def __init__(self, file: str, error: Exception):
        self.problem = Problem(file, None, None, "unreadable-file", f"not a readable Parquet file: {_reason(error)}")


_READ_ERRORS = (pa.ArrowException, OSError, ValueError)


def validate_paths(paths: list[str | Path]) -> list[Problem]:
    """Validate Parquet files, config folders or whole data folders; checks across configs run when all three
    configs are among them."""
    problems: list[Problem] = []
    opened: dict[str, list[tuple[str, pq.ParquetFile]]] = defaultdict(list)
    for file in _expand(paths, problems):
        parquet, config, file_problems = open_and_check_file(file)
        problems += file_problems
        if parquet is not None and not file_problems:
            opened[config].append((str(file), parquet))
    seen = _Seen()
    try:
        for batch in _batches(opened):
            for config, part in batch.items():
                problems += _table_problems(part, config, seen)
            if all(config in batch for config in CONFIGS):
                problems += _cross_problems(batch)
    except _Unreadable as unreadable:
        problems.append(unreadable.problem)
    return sorted(set(problems), key=lambda p: (p.file, -1 if p.row is None else p.row, p.field or "", p.code))


def validate_dataset(data_dir: str | Path) -> list[Problem]:
    """Validate a data folder as the build writes it: data/<config>/*.parquet for every config."""
    return validate_paths([data_dir])


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
            found = sorted(p for p in path.rglob("*.parquet") if p.is_file())
            if not found:
                problems.append(Problem(str(path), None, None, "no-parquet-files", "folder holds no .parquet file"))
            files += found
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(str(path), None, None, "file-missing", "no such file or folder"))
    return files


def _reason(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def open_and_check_file(file: Path) -> tuple[pq.ParquetFile | None, str | None, list[Problem]]:
    """Open one Parquet file (reading its footer only; nothing in it is executed) and compare its schema
    with the config's."""
    name = str(file)
    try:
        parquet = pq.ParquetFile(file)
        schema = parquet.schema_arrow
    except _READ_ERRORS as error:
        return None, None, [Problem(name, None, None, "unreadable-file", f"not a readable Parquet file: {_reason(error)}")]
    config = _config_of(file, schema)
    if config is None:
        return None, None, [Problem(name, None, None, "unknown-config",
                                    f"cannot tell the config: no {CONFIG_METADATA_KEY.decode()} metadata and folder is not one of {', '.join(CONFIGS)}")]
    return parquet, config, _schema_problems(name, schema, arrow_schema(config))


def _read(file: str, read):
    try:
        return read()
    except _READ_ERRORS as error:
        raise _Unreadable(file, error) from None


def _batches(opened: dict[str, list[tuple[str, pq.ParquetFile]]]):
    """Row group k of every config together when the build's aligned layout is there; else each config whole."""
    if _aligned(opened):
        offsets = dict.fromkeys(CONFIGS, 0)
        (n_groups,) = {opened[config][0][1].num_row_groups for config in CONFIGS}
        for k in range(n_groups):
            batch = {}
            for config in CONFIGS:
                file, parquet = opened[config][0]
                table = _read(file, lambda: parquet.read_row_group(k))
                batch[config] = _Part([(file, offsets[config], table)])
                offsets[config] += table.num_rows
            yield batch
        return
    batch = {}
    for config, files in opened.items():
        batch[config] = _Part([(file, 0, _read(file, parquet.read)) for file, parquet in files])
    yield batch


def _aligned(opened) -> bool:
    """One file per config, as many row groups in each, and row group k of each covering the same interviews."""
    if not all(len(opened.get(config, [])) == 1 for config in CONFIGS):
        return False
    files = {config: opened[config][0] for config in CONFIGS}
    if len({parquet.num_row_groups for _, parquet in files.values()}) != 1:
        return False
    for k in range(files["turns"][1].num_row_groups):
        ids = [
            set(_read(file, lambda: parquet.read_row_group(k, columns=["interview_id"])).column(0).to_pylist())
            for file, parquet in files.values()
        ]
        if not ids[0] == ids[1] == ids[2]:
            return False
    return True


def _config_of(file: Path, schema: pa.Schema) -> str | None:
    declared = (schema.metadata or {}).get(CONFIG_METADATA_KEY, b"").decode(errors="replace")
    if declared in CONFIGS:
        return declared
    return file.parent.name if file.parent.name in CONFIGS else None


def _schema_problems(file: str, actual: pa.Schema, expected: pa.Schema) -> list[Problem]:
    problems = []
    for field_ in expected:
        if field_.name not in actual.names:
            problems.append(Problem(file, None, field_.name, "column-missing", f"column {field_.name!r} is missing"))
    for field_ in actual:
        if field_.name not in expected.names:
            problems.append(Problem(file, None, field_.name, "column-extra", f"column {field_.name!r} is not in the schema"))
            continue
        want = expected.field(field_.name)
        if not field_.type.equals(want.type):
            problems.append(Problem(file, None, field_.name, "column-type", f"type is {field_.type}, expected {want.type}"))
        elif field_.nullable != want.nullable:
            problems.append(Problem(file, None, field_.name, "column-nullability",
                                    f"nullable is {field_.nullable}, expected {want.nullable}"))
        elif (field_.metadata or {}) != (want.metadata or {}):
            problems.append(Problem(file, None, field_.name, "field-metadata",
                                    "field metadata (description) differs from the schema's"))
    if not problems and actual.names != expected.names:
        problems.append(Problem(file, None, None, "column-order", f"columns are in the order {actual.names}, expected {expected.names}"))
    return problems


def json_rows(table: pa.Table) -> list[dict]:
    """Rows as JSON values (dates as ISO strings), the form the JSON Schema describes."""
    columns = [
        pa.compute.cast(column, pa.string()) if pa.types.is_date(column.type) else column
        for column in table.columns
    ]
    return pa.Table.from_arrays(columns, names=table.column_names).to_pylist()


@cache
def row_validator(config: str):
    """A compiled (Rust) validator of the config's JSON Schema, formats included: the same schema file as
    everywhere, at a speed that allows checking every row."""
    return jsonschema_rs.validator_for(load_json_schema(config), validate_formats=True)


def _table_problems(part: _Part, config: str, seen: _Seen) -> list[Problem]:
    table = part.table()
    problems = []
    blamed = set()
    validator = row_validator(config)
    for i, row in enumerate(json_rows(table)):
        if validator.is_valid(row):
            continue
        for error in validator.iter_errors(row):
            path = list(error.instance_path)
            field_ = str(path[0]) if path else None
            file, row_in_file = part.locate(i)
            blamed.add((i, field_))
            keyword = error.schema_path[-1] if error.schema_path else "schema"
            problems.append(Problem(file, row_in_file, field_, f"json-schema-{keyword}", error.message))
    try:
        pandera_schema(config).validate(to_frame(table), lazy=True)
    except pandera.errors.SchemaErrors as errors:
        for case in errors.failure_cases.to_dict("records"):
            problem = _pandera_problem(part, case)
            if problem.code.startswith("table-") or (case.get("index"), problem.field) not in blamed:
                problems.append(problem)
    return problems + _across_batches(part, config, table, seen)


def _across_batches(part: _Part, config: str, table: pa.Table, seen: _Seen) -> list[Problem]:
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
                problems.append(Problem(file, row, name, "duplicate-id", f"{value!r} already appears in an earlier row group"))
        earlier.update(values)
    ids = table.column("interview_id")
    if len(ids):
        last = seen.last_interview.get(config)
        if last is not None and ids[0].as_py() < last:
            file, row = part.locate(0)
            problems.append(Problem(file, row, "interview_id", "interviews-out-of-order", "interviews are not in the order of their ids"))
        seen.last_interview[config] = ids[-1].as_py()
    return problems


#: pandera's names of its built-in checks → our problem codes.
_PANDERA_CODES = {
    "not_nullable": "null-in-required-field", "field_uniqueness": "duplicate-id", "dtype": "wrong-type",
    "isin": "enum", "str_matches": "pattern", "greater_than_or_equal_to": "minimum", "str_length": "min-length",
}
_CHECK_DESCRIPTIONS = {check.name: check.description for checks in TABLE_CHECKS.values() for check in checks}


def _pandera_problem(part: _Part, case: dict) -> Problem:
    index = case.get("index")
    row = None if index is None or index != index else int(index)
    file, row_in_file = part.locate(row) if row is not None else (part.file, None)
    check = str(case.get("check"))
    if case.get("schema_context") == "DataFrameSchema" and check in FIELDS:
        return Problem(file, row_in_file, FIELDS[check], f"table-{check}", _CHECK_DESCRIPTIONS[check])
    code = _PANDERA_CODES.get(check.split("(")[0], check)
    return Problem(file, row_in_file, case.get("column"), f"pandera-{code}", f"value {case.get('failure_case')!r} fails check {check}")


def _cross_problems(parts: dict[str, _Part]) -> list[Problem]:
    """Checks across configs: every turn's text is its slice of the verbatim source, and the configs agree."""
    problems = []
    interviews = {row["interview_id"]: row for row in parts["interviews"].table().select(
        ["interview_id", "date", "n_turns", "source_text"]).to_pylist()}
    turns = parts["turns"].table().select(["interview_id", "turn_id", "role", "date", "text", "char_start", "char_end"]).to_pylist()
    counts: dict[str, int] = defaultdict(int)
    texts = {}
    for i, turn in enumerate(turns):
        file, row = parts["turns"].locate(i)
        texts[turn["turn_id"]] = turn["text"]
        interview = interviews.get(turn["interview_id"])
        if interview is None:
            problems.append(Problem(file, row, "interview_id", "unknown-interview", f"interview {turn['interview_id']!r} is not in the interviews config"))
            continue
        counts[turn["interview_id"]] += 1
        source = interview["source_text"]
        start, end = turn["char_start"], turn["char_end"]
        if not 0 <= start <= end <= len(source):
            problems.append(Problem(file, row, "char_end", "offsets-outside-source",
                                    f"offsets {start}:{end} lie outside the source text of {len(source)} characters"))
        elif source[start:end] != turn["text"]:
            problems.append(Problem(file, row, "text", "text-does-not-match-source", f"text is not the source slice {start}:{end}"))
        if turn["date"] != interview["date"]:
            problems.append(Problem(file, row, "date", "date-mismatch", f"date {turn['date']} differs from the interview's {interview['date']}"))
    for i, interview in enumerate(parts["interviews"].table().select(["interview_id", "n_turns"]).to_pylist()):
        if counts[interview["interview_id"]] != interview["n_turns"]:
            file, row = parts["interviews"].locate(i)
            problems.append(Problem(file, row, "n_turns", "count-mismatch",
                                    f"n_turns is {interview['n_turns']} but the turns config has {counts[interview['interview_id']]}"))
    answers = {t["turn_id"] for t in turns if t["role"] == "answer"}
    paired = set()
    for i, pair in enumerate(parts["qa_pairs"].table().select(["answer_turn_id", "question_turn_id", "question", "answer"]).to_pylist()):
        file, row = parts["qa_pairs"].locate(i)
        paired.add(pair["answer_turn_id"])
        for side in ("question", "answer"):
            if texts.get(pair[f"{side}_turn_id"]) != pair[side]:
                problems.append(Problem(file, row, side, "pair-text-mismatch", f"{side} differs from turn {pair[f'{side}_turn_id']!r} of the turns config"))
    for missing in sorted(answers - paired):
        problems.append(Problem(parts["qa_pairs"].file, None, "answer_turn_id", "pair-missing", f"answer {missing!r} has no row in qa_pairs"))
    return problems
