"""The pandera model of each config: column types, nulls, enums, bounds and uniqueness from the JSON Schema,
plus the checks across rows of checks.py.

The model runs on polars: the checks across rows are window expressions there, several times faster than
the same checks on pandas (see benchmarks/).
"""

from __future__ import annotations

from functools import cache

import polars as pl

from interview_dataset.problems import CODES
from interview_dataset.schema import json_type, load_json_schema, scalar_type
from interview_dataset.validation.checks import TABLE_CHECKS


def _dtype(prop: dict):
    """The polars type of a column; None for arrays and objects, whose shape JSON Schema and Arrow check."""
    scalar = scalar_type(prop)
    return scalar.polars if scalar else None


#: JSON Schema keyword → its pandera built-in check, and the same test as a polars expression for surely_passes.
_KEYWORD_CHECKS = {
    "enum": ("isin", lambda column, values: column.is_in(values)),
    "minimum": ("ge", lambda column, bound: column >= bound),
    "maximum": ("le", lambda column, bound: column <= bound),
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
def pandera_schema(config: str):
    """The pandera model of a config: its columns from the JSON Schema and its checks across rows. pandera (and
    the pandas it brings) is imported only here: valid data never needs it (surely_passes)."""
    import pandera.polars as pdp

    columns = {}
    for name, prop in load_json_schema(config)["properties"].items():
        _, nullable = json_type(prop)
        columns[name] = pdp.Column(
            _dtype(prop),
            checks=[getattr(pdp.Check, _KEYWORD_CHECKS[k][0])(v, name=k) for k, v in _keyword_values(prop)],
            nullable=nullable,
            unique=prop.get("x-unique", False),
            required=True,
            description=prop.get("description"),
        )
    checks = [
        pdp.Check(
            lambda data, verdict=check.verdict: verdict(data.lazyframe),
            name=check.code,
            description=CODES[check.code].description,
        )
        for check in TABLE_CHECKS[config]
    ]
    return pdp.DataFrameSchema(columns, checks=checks, strict=True, ordered=True, name=config)


def surely_passes(config: str, frame: pl.DataFrame) -> bool:
    """Whether the config's pandera model would find nothing in `frame`, from one polars query over the same
    definitions (the JSON Schema and the checks across rows): column types, nulls, uniqueness, the keyword
    checks and every check across rows. False means "look closer": the caller runs pandera for the exact failure
    cases. Several times faster than pandera's one collect per check on valid data, the common case."""
    properties = load_json_schema(config)["properties"]
    if list(frame.columns) != list(properties):  # strict and ordered
        return False
    tests = []
    for name, prop in properties.items():
        dtype = _dtype(prop)
        if dtype is not None and frame.schema[name] != dtype:
            return False
        value = pl.col(name)
        if not json_type(prop)[1]:
            tests.append(value.null_count() == 0)
        if prop.get("x-unique", False):
            tests.append(~value.is_duplicated().any())
        for keyword, bound in _keyword_values(prop):
            tests.append(
                (_KEYWORD_CHECKS[keyword][1](value, bound) | value.is_null()).all()
            )  # nulls pass, as in pandera
    lazy = frame.lazy()
    verdicts = [lazy.select(pl.all_horizontal(tests))] + [
        check.verdict(lazy).select(pl.all_horizontal(pl.all()).all()) for check in TABLE_CHECKS[config]
    ]
    return all(result.item() is True for result in pl.collect_all(verdicts))
