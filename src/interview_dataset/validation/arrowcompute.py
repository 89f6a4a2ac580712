"""JSON Schema constraints as Arrow compute over a whole column: which values are surely valid, so that the
compiled validator (columnschema.py) sees only the others. Sound by construction: each translated test is one
a valid value must pass, never a looser one; what does not translate is left to the validator."""

from __future__ import annotations

import re
from functools import reduce

import pyarrow as pa
import pyarrow.compute as pc  # pyarrow does not import its compute module itself

#: Keywords that only annotate: they constrain nothing.
_ANNOTATIONS = {"description", "title", "examples", "$comment", "x-unique", "x-vocabulary"}
#: Keywords translated per kind of value; a property with any other keyword keeps the validator.
_TRANSLATED = {
    "string": {"type", "enum", "pattern", "minLength", "maxLength", "format"},
    "integer": {"type", "enum", "minimum", "maximum"},
    "number": {"type", "minimum", "maximum"},
    "boolean": {"type"},
    "array": {"type", "items", "minItems", "maxItems"},
    "object": {"type", "properties", "required", "additionalProperties"},
}
#: The regular expressions whose RE2 match (Arrow) implies an ECMA 262 match (JSON Schema): ASCII literals,
#: classes, groups, alternation, anchors and counted repeats. No `.` (RE2's matches \r and U+2028, ECMA's does
#: not), no \s \S \w \b (Unicode in one, ASCII in the other), no escape but `\.`.
_PORTABLE_PATTERN = re.compile(r"(?:[A-Za-z0-9^$\[\]()*+?{},|:/_-]|\\\.)*")
#: A date32 printed in the years 1000-9999 (the validator decides the others).
_PRINTED_DATE = r"^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$"


def surely_valid(column, prop: dict):
    """Per value of a column (Array or ChunkedArray), True where Arrow compute proves it valid against `prop`, False where it cannot (the validator
    then decides); None when `prop` or the column's type does not translate (the validator checks every
    value)."""
    types = prop.get("type")
    types = [types] if isinstance(types, str) else list(types or [])
    kinds = [t for t in types if t != "null"]
    if len(kinds) != 1 or kinds[0] not in _TRANSLATED or set(prop) - _ANNOTATIONS - _TRANSLATED[kinds[0]]:
        return None
    tests = _tests(column, kinds[0], prop)
    if tests is None:
        return None
    nullable = "null" in types and ("enum" not in prop or None in prop["enum"])
    valid = pc.fill_null(reduce(pc.and_, tests), False) if tests else pc.is_valid(column)
    return pc.if_else(pc.is_valid(column), valid, pa.scalar(nullable))


def _tests(column, kind: str, prop: dict) -> list | None:
    """The Arrow tests a present value of this kind must pass; None when the column's type is not the kind's."""
    arrow_type = column.type
    if kind == "string" and (pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type)):
        return _string_tests(column, prop)
    if kind == "string" and pa.types.is_date32(arrow_type) and prop.get("format") == "date":
        if set(prop) & {"pattern", "minLength", "maxLength", "enum"}:
            return None
        return [pc.match_substring_regex(pc.cast(column, pa.string()), _PRINTED_DATE)]
    if kind == "integer" and pa.types.is_integer(arrow_type) or kind == "number" and _is_number(arrow_type):
        return _number_tests(column, prop)
    if kind == "boolean" and pa.types.is_boolean(arrow_type):
        return []
    if kind == "array" and (pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type)):
        return _array_tests(column, prop)
    if kind == "object" and pa.types.is_struct(arrow_type):
        return _object_tests(column, prop)
    return None


def _is_number(arrow_type: pa.DataType) -> bool:
    return pa.types.is_integer(arrow_type) or pa.types.is_floating(arrow_type)


def _string_tests(column, prop: dict) -> list | None:
    if "format" in prop:
        return None  # a date as text: the validator decides
    tests = []
    if "enum" in prop:
        members = [v for v in prop["enum"] if v is not None]
        if any(type(v) is not str for v in members):
            return None
        tests.append(pc.is_in(column, value_set=pa.array(members, type=column.type)))
    if "pattern" in prop:
        if not _PORTABLE_PATTERN.fullmatch(prop["pattern"]):
            return None
        tests.append(pc.match_substring_regex(column, prop["pattern"]))
    # JSON Schema counts code points; a UTF-8 byte count bounds them: bytes/4 <= code points <= bytes. The byte
    # count comes from the offsets alone, the code points only where the bytes cannot decide.
    size = pc.binary_length(column)
    if "minLength" in prop:
        bound = prop["minLength"]
        tests.append(pc.greater_equal(size, bound) if bound <= 1 else pc.greater_equal(pc.utf8_length(column), bound))
    if "maxLength" in prop:
        bound = prop["maxLength"]
        short = pc.less_equal(size, bound)
        tests.append(short if pc.all(short).as_py() is not False else pc.less_equal(pc.utf8_length(column), bound))
    return tests


def _number_tests(column, prop: dict) -> list | None:
    tests = []
    if pa.types.is_floating(column.type):
        tests.append(pc.is_finite(column))  # NaN and infinities: the validator decides
    if "enum" in prop:
        members = [v for v in prop["enum"] if v is not None]
        if any(type(v) is not int for v in members):
            return None
        tests.append(pc.is_in(column, value_set=pa.array(members, type=column.type)))
    for keyword, compare in (("minimum", pc.greater_equal), ("maximum", pc.less_equal)):
        if keyword in prop:
            if isinstance(prop[keyword], bool) or not isinstance(prop[keyword], (int, float)):
                return None
            tests.append(compare(column, prop[keyword]))
    return tests


def _array_tests(column, prop: dict) -> list | None:
    """Lengths within bounds, and every item surely valid against `items`."""
    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    lengths = pc.fill_null(pc.list_value_length(column), 0)
    tests = []
    if "minItems" in prop:
        tests.append(pc.greater_equal(lengths, prop["minItems"]))
    if "maxItems" in prop:
        tests.append(pc.less_equal(lengths, prop["maxItems"]))
    if "items" not in prop:
        return tests
    items = column.flatten()
    parents = pc.list_parent_indices(column)
    if len(items) != len(parents):
        return None  # null lists backed by values: the rows below would not line up
    items_valid = surely_valid(items, prop["items"])
    if items_valid is None:
        return None
    doubtful = pc.filter(parents, pc.invert(items_valid))
    rows = pa.array(range(len(column)), type=parents.type)
    tests.append(pc.invert(pc.is_in(rows, value_set=doubtful)))
    return tests


def _object_tests(column, prop: dict) -> list | None:
    """The struct's fields are exactly the properties, all required and no other, each surely valid."""
    properties = prop.get("properties", {})
    names = [column.type.field(i).name for i in range(column.type.num_fields)]
    if (
        prop.get("additionalProperties") is not False
        or sorted(prop.get("required", [])) != sorted(properties)
        or sorted(names) != sorted(properties)
    ):
        return None
    tests = []
    for name, sub in properties.items():
        valid = surely_valid(pc.struct_field(column, name), sub)
        if valid is None:
            return None
        tests.append(valid)
    return tests
