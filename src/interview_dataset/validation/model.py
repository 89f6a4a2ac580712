"""The pandera model of each config: column types, nulls, enums, bounds and uniqueness from the JSON Schema,
plus the checks across rows of checks.py.

The model runs on polars: the checks across rows are window expressions there, several times faster than
the same checks on pandas (see benchmarks/).
"""

from __future__ import annotations

from functools import cache

import pandera.polars as pdp
import polars as pl

from interview_dataset.schema import json_type, load_json_schema, scalar_type
from interview_dataset.validation.checks import TABLE_CHECKS, TABLE_VERDICTS


def _dtype(prop: dict):
    """The polars type of a column; None for arrays and objects, whose shape JSON Schema and Arrow check."""
    scalar = scalar_type(prop)
    return scalar.polars if scalar else None


#: JSON Schema keyword → its pandera check, and the same test as a polars expression for surely_passes.
_KEYWORD_CHECKS = {
    "enum": (lambda values: pdp.Check.isin(values, name="enum"), lambda column, values: column.is_in(values)),
    "minimum": (lambda bound: pdp.Check.ge(bound, name="minimum"), lambda column, bound: column >= bound),
    "maximum": (lambda bound: pdp.Check.le(bound, name="maximum"), lambda column, bound: column <= bound),
}


def _keyword_values(prop: dict) -> list[tuple[str, object]]:
    """The column checks of a property: (keyword, value); patterns and lengths JSON Schema checks on every
    value."""
    found = []
    for keyword in _KEYWORD_CHECKS:
        if keyword in prop:
            value = prop[keyword]
            found.append((keyword, [v for v in value if v is not None] if keyword == "enum" else value))
    return found


@cache
def pandera_schema(config: str) -> pdp.DataFrameSchema:
    """The pandera model of a config: its columns from the JSON Schema and its checks across rows."""
    columns = {}
    for name, prop in load_json_schema(config)["properties"].items():
        _, nullable = json_type(prop)
        columns[name] = pdp.Column(
            _dtype(prop),
            checks=[_KEYWORD_CHECKS[k][0](v) for k, v in _keyword_values(prop)],
            nullable=nullable,
            unique=prop.get("x-unique", False),
            required=True,
            description=prop.get("description"),
        )
    return pdp.DataFrameSchema(columns, checks=TABLE_CHECKS[config], strict=True, ordered=True, name=config)


def surely_passes(config: str, frame: pl.DataFrame) -> bool:
    """Whether the config's pandera model would find nothing in `frame`, from one polars query over the same
    definitions: column types, nulls, uniqueness, the JSON Schema keywords and the checks across rows. False
    means "look closer": the caller runs pandera for the exact failure cases. Several times faster than
    pandera's one collect per check on valid data, the common case (benchmarks/corpus.py)."""
    schema = pandera_schema(config)
    if list(frame.columns) != list(schema.columns):  # strict and ordered
        return False
    properties = load_json_schema(config)["properties"]
    tests = []
    for name, column in schema.columns.items():
        if column.dtype is not None and not column.dtype.check(frame.schema[name]):  # as pandera compares
            return False
        value = pl.col(name)
        if not column.nullable:
            tests.append(value.null_count() == 0)
        if column.unique:
            tests.append(~value.is_duplicated().any())
        for keyword, bound in _keyword_values(properties[name]):
            tests.append(
                (_KEYWORD_CHECKS[keyword][1](value, bound) | value.is_null()).all()
            )  # nulls pass, as in pandera
    lazy = frame.lazy()
    verdicts = [lazy.select(pl.all_horizontal(tests))] + [
        verdict(lazy).select(pl.all_horizontal(pl.all()).all()) for verdict in TABLE_VERDICTS[config]
    ]
    return all(result.item() is True for result in pl.collect_all(verdicts))
