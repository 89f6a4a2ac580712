"""croissant.json: valid Croissant 1.1 according to mlcroissant, describing every field, and loadable."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import mlcroissant as mlc
import pytest

from interview_dataset.schema import CONFIGS, load_json_schema

from conftest import ROOT
from expectations import EXPECTED

#: Reads this repository's published dataset: the next-interview walkthrough runs it (.ci/next-interview.sh).
pytestmark = pytest.mark.dataset


@pytest.fixture(scope="module")
def dataset():
    return mlc.Dataset(jsonld=str(ROOT / "croissant.json"))


def test_croissant_validates_without_warnings(tmp_path):
    command = [str(Path(sys.executable).parent / "mlcroissant"), "validate", "--jsonld", str(ROOT / "croissant.json")]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert not [line for line in result.stderr.splitlines() if line.startswith(("W", "E"))]


@pytest.mark.parametrize("config", CONFIGS)
def test_croissant_describes_every_field_of_every_config(dataset, config):
    (record_set,) = [r for r in dataset.metadata.record_sets if r.name == config]
    assert [f.name for f in record_set.fields] == list(load_json_schema(config)["properties"])


@pytest.mark.parametrize("config", CONFIGS)
def test_records_load_through_croissant(dataset, config):
    records = list(dataset.records(config))
    assert len(records) == EXPECTED["rows"][config]


def test_loaded_records_match_the_parquet_data(dataset):
    import pyarrow.parquet as pq

    first = next(iter(dataset.records("turns")))
    row = pq.read_table(ROOT / "data" / "turns").slice(0, 1).to_pylist()[0]
    assert first["turns/turn_id"].decode() == row["turn_id"]
    assert first["turns/date"].date() == row["date"]
    assert first["turns/text"].decode() == row["text"]


def test_croissant_records_the_files_sha256():
    import hashlib

    metadata = json.loads((ROOT / "croissant.json").read_text(encoding="utf-8"))
    for entry in metadata["distribution"]:
        assert hashlib.sha256((ROOT / entry["contentUrl"]).read_bytes()).hexdigest() == entry["sha256"]
