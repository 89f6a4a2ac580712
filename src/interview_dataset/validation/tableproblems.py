"""The rows of one config → its problems from JSON Schema and the pandera model (types, nulls, uniqueness and
the checks across rows of checks.py), each problem once under one code; uniqueness and order also against
the batches before."""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field

import pyarrow as pa

from interview_dataset.problems import CODES, Problem, register
from interview_dataset.schema import CONFIGS, load_json_schema
from interview_dataset.text import shorten
from interview_dataset.validation.columnschema import KEYWORD_CODES, NULL_CODE, json_schema_problems
from interview_dataset.validation.configrows import ConfigRows, frame
from interview_dataset.validation.model import pandera_schema, surely_passes

#: validate checks the configs of a batch in threads; pandera's global state is not documented as thread-safe.
_PANDERA = threading.Lock()


@dataclass
class Seen:
    """What earlier batches held, for the checks that span batches: unique ids and interview order."""

    ids: dict[tuple[str, str], set] = field(default_factory=lambda: defaultdict(set))
    last_interview: dict[str, str] = field(default_factory=dict)


def table_problems(part: ConfigRows, config: str, seen: Seen) -> list[Problem]:
    """Every problem of one config's rows: JSON Schema's first, then pandera's that JSON Schema did not find."""
    table = part.table()
    problems = []
    blamed = set()
    for i, field_, code, message in json_schema_problems(table, config):
        file, row_in_file = part.locate(i)
        blamed.add((i, field_))
        problems.append(Problem(file, row_in_file, field_, code, message))
    rows = frame(table)
    if surely_passes(config, rows):
        return problems + _across_batches(part, config, table, seen)
    import pandera.errors  # only for data with a problem: valid data never loads pandera (or pandas)

    try:
        with _PANDERA:
            pandera_schema(config).validate(rows, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        for case in errors.failure_cases.to_dicts():
            problem = _pandera_problem(part, case)
            across_rows = case.get("schema_context") == "DataFrameSchema" and str(case.get("check")) in CODES
            if across_rows or (case.get("index"), problem.field) not in blamed:  # found once: JSON Schema's stands
                problems.append(problem)
    return problems + _across_batches(part, config, table, seen)


def _across_batches(part: ConfigRows, config: str, table: pa.Table, seen: Seen) -> list[Problem]:
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
                problems.append(
                    Problem(file, row, name, duplicate_code(name), f"{value!r} already appears in an earlier row group")
                )
        earlier.update(values)
    ids = table.column("interview_id")
    if len(ids):
        last = seen.last_interview.get(config)
        if last is not None and ids[0].as_py() < last:
            file, row = part.locate(0)
            problems.append(
                Problem(
                    file, row, "interview_id", "interviews-out-of-order", "interviews are not in the order of their ids"
                )
            )
        seen.last_interview[config] = ids[-1].as_py()
    return problems


def duplicate_code(field: str) -> str:
    """The code of a repeated value in a unique field: duplicate-turn-id, duplicate-pair-id, ..."""
    return f"duplicate-{field.replace('_', '-')}"


for _config in CONFIGS:
    for _name, _prop in load_json_schema(_config)["properties"].items():
        if _prop.get("x-unique"):
            register(
                duplicate_code(_name),
                _name,
                f"{_name} is unique across the {_config} config: a value appears in two rows",
            )


#: pandera's names of its built-in checks → the problem codes JSON Schema gives the same problems.
_PANDERA_CODES = {
    "not_nullable": NULL_CODE,
    "dtype": KEYWORD_CODES["type"],
    "isin": KEYWORD_CODES["enum"],
    "str_matches": KEYWORD_CODES["pattern"],
    "greater_than_or_equal_to": KEYWORD_CODES["minimum"],
    "str_length": KEYWORD_CODES["minLength"],
}


def _pandera_problem(part: ConfigRows, case: dict) -> Problem:
    index = case.get("index")
    row = None if index is None or index != index else int(index)
    file, row_in_file = part.locate(row) if row is not None else (part.file, None)
    check = str(case.get("check"))
    if case.get("schema_context") == "DataFrameSchema" and check in CODES:
        registered = CODES[check]
        found = ""
        if row is not None and registered.field not in (None, "*"):
            found = f" (found {registered.field} = {shorten(repr(part.value(row, registered.field)), 80)})"
        return Problem(file, row_in_file, registered.field, check, registered.description + found)
    column = case.get("column")
    name = check.split("(")[0]
    code = duplicate_code(str(column)) if name == "field_uniqueness" else _PANDERA_CODES.get(name, name)
    return Problem(file, row_in_file, column, code, f"value {case.get('failure_case')!r} fails check {check}")
