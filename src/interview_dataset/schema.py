"""One definition of every config: schema/<config>.schema.json, from which Arrow, pandera and card features derive.

The JSON Schema files are the single truth. Field names, types, nullability, enums, patterns and descriptions
are written there once; this module reads them and turns them into the Arrow schema written to Parquet and
the Hugging Face features of the dataset card, with one table of types that pandera (model.py) and Croissant
share. Checks that span rows (unique ids, alternation, reply_to) cannot be said in JSON Schema and live in
checks.py. It imports nothing from the package, so every other module can import it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import NamedTuple

import jsonschema
import polars as pl
import pyarrow as pa
import yaml

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
    """The JSON Schema `schema/<name>.schema.json`, checked against the draft 2020-12 metaschema, with each
    `x-vocabulary` property's enum filled in from its curated table."""
    schema = json.loads((schema_dir() / f"{name}.schema.json").read_text(encoding="utf-8"))
    schema = _with_vocabularies(schema)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _with_vocabularies(node):
    """`node` with every `"x-vocabulary": "<table>"` given the enum of schema/<table>.yaml's slugs (and null
    when the property admits it): a topic is added by one edit of topics.yaml."""
    if isinstance(node, list):
        return [_with_vocabularies(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _with_vocabularies(value) for key, value in node.items()}
    if "x-vocabulary" in node:
        nullable = "null" in (node["type"] if isinstance(node["type"], list) else [node["type"]])
        node["enum"] = [*vocabulary_keys(node["x-vocabulary"]), *([None] if nullable else [])]
    return node


#: The key that names an entry of each curated table: a slug (topics.yaml) or a code (cap_topics.yaml).
VOCABULARY_KEYS = {"topics": ("slug", str), "cap_topics": ("code", int)}


@cache
def vocabulary_keys(table: str) -> tuple:
    """The slugs (or codes) of schema/<table>.yaml in file order. Read here without checking: vocabulary.py
    checks the table against its JSON Schema, with the line of any problem, wherever it is used."""
    key, kind = VOCABULARY_KEYS[table]
    text = (schema_dir() / f"{table}.yaml").read_text(encoding="utf-8")
    # yamlfile.safe_load's rule, written out here because this module imports nothing from the package: libyaml
    # when PyYAML has it, and PyYAML's own parser for a text libyaml refuses, so the error is yaml.safe_load's.
    try:
        entries = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        entries = yaml.load(text, Loader=yaml.SafeLoader)
    return tuple(
        entry[key]
        for entry in entries
        if isinstance(entry, dict) and isinstance(entry.get(key), kind) and not isinstance(entry.get(key), bool)
    )


def json_validator(schema: dict) -> jsonschema.Draft202012Validator:
    """A validator that also enforces `format` (dates), which JSON Schema only annotates by default."""
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def field_descriptions(config: str) -> dict[str, str]:
    """Top-level field name → description, in schema order."""
    return {name: prop["description"] for name, prop in load_json_schema(config)["properties"].items()}


# --- types --------------------------------------------------------------------------------------------------


class ScalarType(NamedTuple):
    """What one JSON scalar type becomes in each derivation: Arrow (Parquet), polars (pandera), Croissant."""

    arrow: pa.DataType
    polars: type[pl.DataType]
    croissant: str


#: (JSON type, `format`) → its type in every derivation: the one table Arrow, pandera and Croissant read.
SCALAR_TYPES = {
    ("string", None): ScalarType(pa.string(), pl.Utf8, "sc:Text"),
    ("string", "date"): ScalarType(pa.date32(), pl.Date, "sc:Date"),
    ("integer", None): ScalarType(pa.int64(), pl.Int64, "sc:Integer"),
    ("number", None): ScalarType(pa.float64(), pl.Float64, "sc:Float"),
    ("boolean", None): ScalarType(pa.bool_(), pl.Boolean, "sc:Boolean"),
}


def json_type(prop: dict) -> tuple[str, bool]:
    """The JSON type of a property and whether it admits null."""
    types = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
    kinds = [t for t in types if t != "null"]
    if len(kinds) != 1:
        raise ValueError(f"a property needs exactly one non-null type, got {types}")
    return kinds[0], "null" in types


def scalar_type(prop: dict) -> ScalarType | None:
    """The derived types of a scalar property; None for arrays and objects."""
    kind, _ = json_type(prop)
    if kind in ("array", "object"):
        return None
    key = (kind, "date" if kind == "string" and prop.get("format") == "date" else None)
    if key not in SCALAR_TYPES:
        raise ValueError(f"no derived type for JSON type {kind!r}")
    return SCALAR_TYPES[key]


# --- Arrow -------------------------------------------------------------------------------------------------


def _arrow_type(prop: dict) -> pa.DataType:
    kind, _ = json_type(prop)
    if kind == "array":
        return pa.list_(_arrow_type(prop["items"]))
    if kind == "object":
        return pa.struct(_arrow_fields(prop))
    scalar = scalar_type(prop)
    assert scalar is not None
    return scalar.arrow


def _arrow_fields(object_schema: dict) -> list[pa.Field]:
    required = set(object_schema.get("required", []))
    fields = []
    for name, prop in object_schema["properties"].items():
        _, nullable = json_type(prop)
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
