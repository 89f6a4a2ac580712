"""One definition of every config: schema/<config>.schema.json, from which Arrow, pandera and card features derive.

The JSON Schema files are the single truth. Field names, types, nullability, enums, patterns and descriptions
are written there once; this module turns them into the Arrow schema written to Parquet, the pandera model
that checks whole tables, and the Hugging Face features of the dataset card. Checks that span rows (unique
ids, alternation, reply_to) cannot be said in JSON Schema and live in checks.py.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema
import pandera.polars as pdp
import polars as pl
import pyarrow as pa

CONFIGS = ("turns", "qa_pairs", "interviews", "entities")
DEFAULT_CONFIG = "turns"
#: Key in the Parquet schema metadata that names the config a file belongs to.
CONFIG_METADATA_KEY = b"interview_dataset.config"


@cache
def schema_dir() -> Path:
    """The folder holding the schemas: packaged inside the wheel, or the repository's own `schema/`."""
    packaged = Path(__file__).parent / "schema"
    if (packaged / "turns.schema.json").is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "schema"


@cache
def load_json_schema(name: str) -> dict:
    """The JSON Schema `schema/<name>.schema.json`, checked against the draft 2020-12 metaschema."""
    schema = json.loads((schema_dir() / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def json_validator(schema: dict) -> jsonschema.Draft202012Validator:
    """A validator that also enforces `format` (dates), which JSON Schema only annotates by default."""
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def field_descriptions(config: str) -> dict[str, str]:
    """Top-level field name → description, in schema order."""
    return {name: prop["description"] for name, prop in load_json_schema(config)["properties"].items()}


# --- Arrow -------------------------------------------------------------------------------------------------


def _types(prop: dict) -> tuple[str, bool]:
    """The JSON type of a property and whether it admits null."""
    types = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
    kinds = [t for t in types if t != "null"]
    if len(kinds) != 1:
        raise ValueError(f"a property needs exactly one non-null type, got {types}")
    return kinds[0], "null" in types


def _arrow_type(prop: dict) -> pa.DataType:
    kind, _ = _types(prop)
    if kind == "string":
        return pa.date32() if prop.get("format") == "date" else pa.string()
    if kind == "integer":
        return pa.int64()
    if kind == "number":
        return pa.float64()
    if kind == "boolean":
        return pa.bool_()
    if kind == "array":
        return pa.list_(_arrow_type(prop["items"]))
    if kind == "object":
        return pa.struct(_arrow_fields(prop))
    raise ValueError(f"no Arrow type for JSON type {kind!r}")


def _arrow_fields(object_schema: dict) -> list[pa.Field]:
    required = set(object_schema.get("required", []))
    fields = []
    for name, prop in object_schema["properties"].items():
        _, nullable = _types(prop)
        metadata = {"description": prop["description"]} if "description" in prop else None
        fields.append(pa.field(name, _arrow_type(prop), nullable=nullable or name not in required, metadata=metadata))
    return fields


@cache
def arrow_schema(config: str) -> pa.Schema:
    """The Arrow schema of a config, with each field's description in its metadata and the config name."""
    return pa.schema(_arrow_fields(load_json_schema(config)), metadata={CONFIG_METADATA_KEY: config.encode()})


def hf_features(config: str):
    """The Hugging Face `datasets.Features` of a config, derived from its Arrow schema."""
    import datasets  # imported here: only the card needs it, and it is slow to import

    return datasets.Features.from_arrow_schema(arrow_schema(config))


# --- pandera ---------------------------------------------------------------------------------------------
# The pandera model runs on polars: the checks across rows are window expressions there, several times
# faster than the same checks on pandas (see benchmarks/).


def _pandera_dtype(prop: dict):
    kind, _ = _types(prop)
    if kind == "string":
        return pl.Date if prop.get("format") == "date" else pl.Utf8
    if kind == "integer":
        return pl.Int64
    if kind == "number":
        return pl.Float64
    if kind == "boolean":
        return pl.Boolean
    return None  # arrays and objects: their shape is checked by JSON Schema and the Arrow schema


def _pandera_checks(prop: dict) -> list[pdp.Check]:
    checks = []
    if "enum" in prop:
        checks.append(pdp.Check.isin([v for v in prop["enum"] if v is not None], name="enum"))
    if "minimum" in prop:
        checks.append(pdp.Check.ge(prop["minimum"], name="minimum"))
    return checks  # patterns and lengths: JSON Schema checks them on every value


@cache
def pandera_schema(config: str) -> pdp.DataFrameSchema:
    """The pandera model of a config: column types, nulls, enums, bounds and uniqueness from the JSON
    Schema, plus the checks across rows of checks.py."""
    from .checks import TABLE_CHECKS

    schema = load_json_schema(config)
    columns = {}
    for name, prop in schema["properties"].items():
        _, nullable = _types(prop)
        columns[name] = pdp.Column(
            _pandera_dtype(prop),
            checks=_pandera_checks(prop),
            nullable=nullable,
            unique=prop.get("x-unique", False),
            required=True,
            description=prop.get("description"),
        )
    return pdp.DataFrameSchema(columns, checks=TABLE_CHECKS[config], strict=True, ordered=True, name=config)


def to_frame(table: pa.Table) -> pl.DataFrame:
    """The polars DataFrame the pandera model checks."""
    return pl.from_arrow(table)
