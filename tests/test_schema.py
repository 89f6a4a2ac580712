"""One truth: the JSON Schemas, the Arrow schema, the pandera model, the card features and the vocabulary agree."""

from __future__ import annotations

import json

import datasets
import pandera.polars as pdp
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from jsonschema import Draft202012Validator

from interview_dataset.publish.write import parquet_path
from interview_dataset.schema import (
    CONFIGS,
    arrow_schema,
    field_descriptions,
    hf_features,
    load_json_schema,
    schema_dir,
)
from interview_dataset.validation.model import pandera_schema
from interview_dataset.vocabulary import load_vocabulary


@pytest.mark.parametrize("name", [*CONFIGS, "sidecar", "topics", "aliases", "dataset"])
def test_json_schemas_are_valid_draft_2020_12(name):
    schema = load_json_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("config", CONFIGS)
def test_arrow_schema_has_every_json_field_in_order_with_its_nullability(config):
    schema = load_json_schema(config)
    arrow = arrow_schema(config)
    assert arrow.names == list(schema["properties"]) == schema["required"]
    for name, prop in schema["properties"].items():
        types = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
        assert arrow.field(name).nullable == ("null" in types), name
        assert arrow.field(name).metadata[b"description"].decode() == prop["description"]


@pytest.mark.parametrize(
    "config, field, arrow_type",
    [
        ("turns", "date", pa.date32()),
        ("turns", "turn_index", pa.int64()),
        ("turns", "text", pa.string()),
        (
            "interviews",
            "interviewees",
            pa.list_(pa.struct([("speaker_id", pa.string()), ("name", pa.string()), ("position", pa.string())])),
        ),
    ],
)
def test_json_types_map_to_arrow_types(config, field, arrow_type):
    assert arrow_schema(config).field(field).type == arrow_type


@pytest.mark.parametrize("config", CONFIGS)
def test_pandera_model_has_the_json_fields_nullability_enums_and_uniqueness(config):
    schema = load_json_schema(config)
    model = pandera_schema(config)
    assert list(model.columns) == list(schema["properties"])
    for name, prop in schema["properties"].items():
        column = model.columns[name]
        assert column.nullable == ("null" in (prop["type"] if isinstance(prop["type"], list) else [prop["type"]]))
        assert column.unique == prop.get("x-unique", False)
        assert column.description == prop["description"]
        enum_checks = [c for c in column.checks if c.name == "enum"]
        if "enum" in prop:
            assert set(enum_checks[0].statistics["allowed_values"]) == {v for v in prop["enum"] if v is not None}
        else:
            assert not enum_checks


@pytest.mark.parametrize("config", CONFIGS)
def test_card_features_are_the_arrow_schema(config):
    def names_and_types(schema):  # the Hub's features do not carry nullability
        return [(f.name, str(f.type).replace(" not null", "")) for f in schema]

    assert names_and_types(hf_features(config).arrow_schema) == names_and_types(arrow_schema(config))


@pytest.mark.parametrize("config", ["turns", "qa_pairs"])
def test_topic_enums_are_written_once_in_the_vocabulary(config):
    on_disk = json.loads((schema_dir() / f"{config}.schema.json").read_text(encoding="utf-8"))["properties"]["topic"]
    assert on_disk["x-vocabulary"] == "topics" and "enum" not in on_disk
    assert load_json_schema(config)["properties"]["topic"]["enum"] == [*load_vocabulary(), None]


@pytest.mark.parametrize("config", ["turns", "qa_pairs"])
def test_topic_enums_are_exactly_the_vocabulary(config):
    enum = {v for v in load_json_schema(config)["properties"]["topic"]["enum"] if v is not None}
    assert enum == set(load_vocabulary())
    caps = {v for v in load_json_schema(config)["properties"]["cap_major_topic"]["enum"] if v is not None}
    assert caps == set(load_json_schema("topics")["items"]["properties"]["cap_major_topic"]["enum"])


@pytest.mark.parametrize("config", CONFIGS)
def test_built_parquet_carries_the_schema_and_descriptions(built, config):
    written = pq.read_schema(parquet_path(built / "data", config))
    assert written.equals(arrow_schema(config), check_metadata=False)
    assert {f.name: f.metadata[b"description"].decode() for f in written} == field_descriptions(config)


@pytest.mark.parametrize("config", CONFIGS)
def test_card_front_matter_features_match_the_schema(built, config):
    front = yaml.safe_load((built / "README.md").read_text(encoding="utf-8").split("---\n")[1])
    (info,) = [i for i in front["dataset_info"] if i["config_name"] == config]
    assert datasets.Features._from_yaml_list(info["features"]) == hf_features(config)


def test_pandera_model_rejects_a_string_date_and_a_bad_enum(built):
    frame = pl.read_parquet(parquet_path(built / "data", "turns"))
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("comment")).otherwise(pl.col("role")).alias("role"),
        pl.col("date").cast(pl.Utf8),
    )
    with pytest.raises(pdp.errors.SchemaErrors) as caught:
        pandera_schema("turns").validate(frame, lazy=True)
    failed = set(zip(caught.value.failure_cases["column"], caught.value.failure_cases["check"]))
    assert any(column == "role" and check.startswith("isin") for column, check in failed)
    assert any(column == "date" and check.startswith("dtype") for column, check in failed)


def test_schema_files_ship_in_one_place():
    assert sorted(p.name for p in schema_dir().glob("*.schema.json")) == sorted(
        f"{n}.schema.json" for n in [*CONFIGS, "sidecar", "topics", "cap_topics", "cap_lexicon", "aliases", "dataset"]
    )
    json.loads((schema_dir() / "turns.schema.json").read_text(encoding="utf-8"))
