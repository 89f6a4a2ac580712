"""The Arrow translation of JSON Schema never vouches for a value the validator rejects, and vouches for the
published data: generated values of each column's Arrow type, near the edges of its constraints."""

from __future__ import annotations

import datetime

import jsonschema_rs
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_dataset.publish.write import parquet_path
from interview_dataset.schema import CONFIGS, arrow_schema, load_json_schema
from interview_dataset.validation.arrowcompute import surely_valid
from tests.shared import ROOT

COLUMNS = [(config, name) for config in CONFIGS for name in load_json_schema(config)["properties"]]
# Near the id patterns and dates, with what differs between RE2 and ECMA 262 (line ends, non-ASCII letters).
ALPHABET = "ab09-t\n\r é\u2028Ａ"


def values_of(arrow_type: pa.DataType, prop: dict) -> st.SearchStrategy:
    """Values an Arrow column of this type can hold, with the property's enum members among them."""
    members = [v for v in prop.get("enum", []) if v is not None]
    if pa.types.is_struct(arrow_type):
        fields = {
            f.name: values_of(f.type, prop.get("items", prop).get("properties", {}).get(f.name, {})) for f in arrow_type
        }
        value = st.fixed_dictionaries(fields)
    elif pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        value = st.lists(values_of(arrow_type.value_type, prop.get("items", {})), max_size=3)
    elif pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        value = st.sampled_from(members) | st.text(ALPHABET, max_size=8) if members else st.text(ALPHABET, max_size=8)
    elif pa.types.is_date32(arrow_type):
        value = st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31))
    elif pa.types.is_floating(arrow_type):
        value = st.floats(allow_nan=True, allow_infinity=True)
    elif pa.types.is_integer(arrow_type):
        value = st.sampled_from(members) | st.integers(-3, 30) if members else st.integers(-3, 30)
    elif pa.types.is_boolean(arrow_type):
        value = st.booleans()
    else:
        raise AssertionError(f"no strategy for {arrow_type}")
    return st.none() | value


def as_json(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("config, name", COLUMNS, ids=[f"{c}.{n}" for c, n in COLUMNS])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_value_vouched_for_is_valid(config, name, data):
    prop = load_json_schema(config)["properties"][name]
    arrow_type = arrow_schema(config).field(name).type
    values = data.draw(st.lists(values_of(arrow_type, prop), min_size=1, max_size=6))
    vouched = surely_valid(pa.chunked_array([pa.array(values, type=arrow_type)]), prop)
    if vouched is None:
        return
    validator = jsonschema_rs.validator_for(
        {"$schema": load_json_schema(config)["$schema"], **prop}, validate_formats=True
    )
    for value, sure in zip(values, vouched.to_pylist()):
        assert not sure or validator.is_valid(as_json(value)), value


@pytest.mark.parametrize("config", CONFIGS)
def test_every_published_value_is_vouched_for(config):
    """On the published data every column translates and no value is left to the validator."""
    table = pq.read_table(parquet_path(ROOT / "data", config))
    doubtful = {}
    for name, prop in load_json_schema(config)["properties"].items():
        vouched = surely_valid(table.column(name), prop)
        doubtful[name] = None if vouched is None else pc.sum(pc.invert(vouched)).as_py() or 0
    assert doubtful == dict.fromkeys(doubtful, 0)
