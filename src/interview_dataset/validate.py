"""Parquet files → every problem found, as rows (file, row, field, code, message); never a traceback.

Three layers, all on every file: the Arrow schema (columns, types, field metadata), JSON Schema on every row,
and the pandera model (types, enums, uniqueness and the checks across rows). When the three configs are
validated together, the checks across configs run too (turn texts against the verbatim source, counts, pairs).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandera.errors
import pyarrow as pa
import pyarrow.parquet as pq

from .checks import FIELDS
from .schema import CONFIG_METADATA_KEY, CONFIGS, arrow_schema, json_validator, load_json_schema, pandera_schema, to_frame


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
    """A config's table, stitched from its files, remembering which rows came from which file."""

    tables: list[tuple[str, pa.Table]]

    def table(self) -> pa.Table:
        return pa.concat_tables([t for _, t in self.tables])

    def locate(self, row: int) -> tuple[str, int]:
        for file, table in self.tables:
            if row < table.num_rows:
                return file, row
            row -= table.num_rows
        raise IndexError(row)


def validate_paths(paths: list[str | Path]) -> list[Problem]:
    """Validate Parquet files, config folders or whole data folders; checks across configs run when all three
    configs are among them."""
    problems: list[Problem] = []
    parts: dict[str, _Part] = defaultdict(lambda: _Part([]))
    for file in _expand(paths, problems):
        table, config, file_problems = read_and_check_file(file)
        problems += file_problems
        if table is not None and not file_problems:
            parts[config].tables.append((str(file), table))
    for config, part in parts.items():
        problems += _table_problems(part, config)
    if all(config in parts for config in CONFIGS):
        problems += _cross_problems(parts)
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


def read_and_check_file(file: Path) -> tuple[pa.Table | None, str | None, list[Problem]]:
    """Read one Parquet file (nothing in it is executed) and compare its schema with the config's."""
    name = str(file)
    try:
        schema = pq.read_schema(file)
        table = pq.read_table(file)
    except (pa.ArrowException, OSError, ValueError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return None, None, [Problem(name, None, None, "unreadable-file", f"not a readable Parquet file: {reason}")]
    config = _config_of(file, schema)
    if config is None:
        return None, None, [Problem(name, None, None, "unknown-config",
                                    f"cannot tell the config: no {CONFIG_METADATA_KEY.decode()} metadata and folder is not one of {', '.join(CONFIGS)}")]
    return table, config, _schema_problems(name, schema, arrow_schema(config))


def _config_of(file: Path, schema: pa.Schema) -> str | None:
    declared = (schema.metadata or {}).get(CONFIG_METADATA_KEY, b"").decode(errors="replace")
    if declared in CONFIGS:
        return declared
    return file.parent.name if file.parent.name in CONFIGS else None


def _schema_problems(file: str, actual: pa.Schema, expected: pa.Schema) -> list[Problem]:
    problems = []
    for field in expected:
        if field.name not in actual.names:
            problems.append(Problem(file, None, field.name, "column-missing", f"column {field.name!r} is missing"))
    for field in actual:
        if field.name not in expected.names:
            problems.append(Problem(file, None, field.name, "column-extra", f"column {field.name!r} is not in the schema"))
            continue
        want = expected.field(field.name)
        if not field.type.equals(want.type):
            problems.append(Problem(file, None, field.name, "column-type", f"type is {field.type}, expected {want.type}"))
        elif field.nullable != want.nullable:
            problems.append(Problem(file, None, field.name, "column-nullability",
                                    f"nullable is {field.nullable}, expected {want.nullable}"))
        elif (field.metadata or {}) != (want.metadata or {}):
            problems.append(Problem(file, None, field.name, "field-metadata",
                                    "field metadata (description) differs from the schema's"))
    if not problems and actual.names != expected.names:
        problems.append(Problem(file, None, None, "column-order", f"columns are in the order {actual.names}, expected {expected.names}"))
    return problems


def json_rows(table: pa.Table) -> list[dict]:
    """Rows as JSON values (dates as ISO strings), the form the JSON Schema describes."""
    rows = table.to_pylist()
    date_columns = [f.name for f in table.schema if pa.types.is_date(f.type)]
    for row in rows:
        for name in date_columns:
            if isinstance(row[name], datetime.date):
                row[name] = row[name].isoformat()
    return rows


def _table_problems(part: _Part, config: str) -> list[Problem]:
    table = part.table()
    problems = []
    blamed = set()
    validator = json_validator(load_json_schema(config))
    for i, row in enumerate(json_rows(table)):
        for error in validator.iter_errors(row):
            field = str(error.absolute_path[0]) if error.absolute_path else None
            file, row_in_file = part.locate(i)
            blamed.add((i, field))
            problems.append(Problem(file, row_in_file, field, f"json-schema-{error.validator}", error.message))
    try:
        pandera_schema(config).validate(to_frame(table), lazy=True)
    except pandera.errors.SchemaErrors as errors:
        for case in errors.failure_cases.to_dict("records"):
            problem = _pandera_problem(part, case)
            if problem is not None and (problem.code.startswith("table-") or (case.get("index"), problem.field) not in blamed):
                problems.append(problem)
    return problems


#: pandera's names of its built-in checks → our problem codes.
_PANDERA_CODES = {
    "not_nullable": "null-in-required-field", "field_uniqueness": "duplicate-id", "dtype": "wrong-type",
    "isin": "enum", "str_matches": "pattern", "greater_than_or_equal_to": "minimum", "str_length": "min-length",
}


def _pandera_problem(part: _Part, case: dict) -> Problem | None:
    index = case.get("index")
    row = None if index is None or index != index else int(index)
    file, row_in_file = part.locate(row) if row is not None else (part.tables[0][0], None)
    check = str(case.get("check"))
    if case.get("schema_context") == "DataFrameSchema" and check in FIELDS:
        return Problem(file, row_in_file, FIELDS[check], f"table-{check}", _CHECK_ERRORS.get(check, check))
    field = case.get("column")
    code = _PANDERA_CODES.get(check.split("(")[0], check)
    return Problem(file, row_in_file, field, f"pandera-{code}", f"value {case.get('failure_case')!r} fails check {check}")


def _check_errors() -> dict[str, str]:
    from .checks import TABLE_CHECKS

    return {check.name: check.description for checks in TABLE_CHECKS.values() for check in checks}


_CHECK_ERRORS = _check_errors()


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
        problems.append(Problem(parts["qa_pairs"].tables[0][0], None, "answer_turn_id", "pair-missing", f"answer {missing!r} has no row in qa_pairs"))
    return problems
