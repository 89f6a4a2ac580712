"""JSON Schema on every row, checked one column at a time, with the verdict of whole rows (the reference test in
test_validate.py): a property's constraints as Arrow compute over the whole column where they translate, and
its compiled (Rust) validator on the values Arrow cannot vouch for (or on each distinct value where they do not)."""

from __future__ import annotations

from functools import cache

import jsonschema_rs
import pyarrow as pa
import pyarrow.compute as pc  # pyarrow does not import its compute module itself

from interview_dataset.problems import register
from interview_dataset.schema import load_json_schema
from interview_dataset.validation.arrowcompute import surely_valid


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
            jsonschema_rs.validator_for(
                {"$schema": schema["$schema"], "type": "array", "items": prop}, validate_formats=True
            ),
        )
        for name, prop in schema["properties"].items()
    }


def json_schema_problems(table: pa.Table, config: str) -> list[tuple[int, str, str, str]]:
    """(row, field, code, message) for every row whose value fails its JSON Schema property."""
    found = []
    properties = load_json_schema(config)["properties"]
    for name, (validator, column_validator) in property_validators(config).items():
        surely_valid_rows = surely_valid(table.column(name), properties[name])
        if surely_valid_rows is not None:
            # Only the rows Arrow cannot vouch for go to the validator, which alone decides and words the problem.
            column = _json_column(table.column(name))
            for row in pc.indices_nonzero(pc.invert(surely_valid_rows)).to_pylist():
                for error in validator.iter_errors(column[row].as_py()):
                    found.append((row, name, _json_schema_code(error), error.message))
            continue
        column = _json_column(table.column(name))
        distinct = None  # free text repeats rarely, and lists cannot be hashed: check every value
        if _repeats(properties[name]):
            distinct = pc.unique(column).to_pylist()
        values = column.to_pylist() if distinct is None else distinct
        if column_validator.is_valid(values):
            continue
        bad = {_hashable(v): v for v in values if not validator.is_valid(v)}
        if not bad:
            continue
        everything = column.to_pylist() if distinct is not None else values
        for row, value in enumerate(everything):
            if _hashable(value) in bad:
                for error in validator.iter_errors(value):
                    found.append((row, name, _json_schema_code(error), error.message))
    return found


#: JSON Schema keyword that fails → the problem code, the same whichever layer (JSON Schema or pandera) finds it.
KEYWORD_CODES = {
    "enum": register(
        "not-in-vocabulary",
        "*",
        "a value outside its field's allowed values (a topic not in topics.yaml, a role, a type)",
    ),
    "type": register("wrong-type", "*", "a value of another type than its field's"),
    "pattern": register(
        "pattern-mismatch", "*", "a value that does not have its field's form (an id, a language code)"
    ),
    "format": register("not-a-date", "*", "a date that is not a calendar date YYYY-MM-DD"),
    "minimum": register(
        "below-minimum", "*", "a number below its field's minimum (negative offsets and counts, indexes from 1)"
    ),
    "maximum": register("above-maximum", "*", "a number above its field's maximum (a confidence over 1)"),
    "minLength": register("too-short", "*", "a text shorter than its field allows (an empty text)"),
    "maxLength": register("too-long", "*", "a text longer than its field allows"),
    "maxItems": register("too-many-items", "*", "a list longer than its field allows"),
    "required": register("missing-field", "*", "a record (a mention) lacks a field"),
    "additionalProperties": register(
        "unexpected-field", "*", "a record (a mention) has a field its schema does not name"
    ),
}


NULL_CODE = register("null-in-required-field", "*", "null in a field that may not be null")


def _json_schema_code(error) -> str:
    """The problem code of a JSON Schema failure: a null where a value must be is its own problem."""
    keyword = str(error.schema_path[-1]) if error.schema_path else "type"
    if keyword == "type" and error.instance is None:
        return NULL_CODE
    return KEYWORD_CODES[keyword]


def _repeats(prop: dict) -> bool:
    """Whether a column's values repeat enough that checking its distinct values pays: enums, ids, dates."""
    return prop.get("type") not in ("array", ["array"]) and any(
        k in prop for k in ("enum", "pattern", "format", "minimum", "maximum")
    )


def _hashable(value) -> str:
    """A value as a dict key: lists (mentions) cannot be hashed, their repr can."""
    return repr(value)
