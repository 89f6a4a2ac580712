"""This repository's published dataset is what tests/dataset_expectations.yaml says: rows, mentions, entities."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from expectations import EXPECTED, figures

#: Reads this repository's published dataset: the next-interview walkthrough runs it (.ci/next-interview.sh).
pytestmark = pytest.mark.dataset


def test_published_data_has_the_expected_figures():
    found = figures(ROOT / "data")
    assert found == {key: EXPECTED[key] for key in found}


def test_published_card_and_croissant_count_the_expected_rows():
    import json

    front = yaml.safe_load((ROOT / "README.md").read_text(encoding="utf-8").split("---\n")[1])
    counted = {i["config_name"]: i["splits"][0]["num_examples"] for i in front["dataset_info"]}
    assert counted == EXPECTED["rows"] and front["language"] == EXPECTED["languages"]
    croissant = json.loads((ROOT / "croissant.json").read_text(encoding="utf-8"))
    assert croissant["inLanguage"] == EXPECTED["languages"]
