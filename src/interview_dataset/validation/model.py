"""The pandera model of each config: column types, nulls, enums, bounds and uniqueness from the JSON Schema,
plus the checks across rows of checks.py.

The model runs on polars: the checks across rows are window expressions there, several times faster than
the same checks on pandas (see benchmarks/).
"""

from __future__ import annotations

from functools import cache

import pandera.polars as pdp

from interview_dataset.schema import json_type, load_json_schema, scalar_type
from interview_dataset.validation.checks import TABLE_CHECKS


def _dtype(prop: dict):
    """The polars type of a column; None for arrays and objects, whose shape JSON Schema and Arrow check."""
    scalar = scalar_type(prop)
    return scalar.polars if scalar else None


def _column_checks(prop: dict) -> list[pdp.Check]:
    checks = []
    if "enum" in prop:
        checks.append(pdp.Check.isin([v for v in prop["enum"] if v is not None], name="enum"))
    if "minimum" in prop:
        checks.append(pdp.Check.ge(prop["minimum"], name="minimum"))
    if "maximum" in prop:
        checks.append(pdp.Check.le(prop["maximum"], name="maximum"))
    return checks  # patterns and lengths: JSON Schema checks them on every value


@cache
def pandera_schema(config: str) -> pdp.DataFrameSchema:
    """The pandera model of a config: its columns from the JSON Schema and its checks across rows."""
    columns = {}
    for name, prop in load_json_schema(config)["properties"].items():
        _, nullable = json_type(prop)
        columns[name] = pdp.Column(
            _dtype(prop),
            checks=_column_checks(prop),
            nullable=nullable,
            unique=prop.get("x-unique", False),
            required=True,
            description=prop.get("description"),
        )
    return pdp.DataFrameSchema(columns, checks=TABLE_CHECKS[config], strict=True, ordered=True, name=config)
