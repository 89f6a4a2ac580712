"""The dataset card: front matter for the Hub, generated statistics that match the data, a plot with fixed bytes."""

from __future__ import annotations

import struct

import polars as pl
import pytest
import yaml

from interview_dataset.publish.card import size_category
from interview_dataset.publish.statistics import PLOT_PATH
from interview_dataset.schema import CONFIGS, DEFAULT_CONFIG

from conftest import ROOT
from expectations import EXPECTED

#: Reads this repository's published dataset: the next-interview walkthrough runs it (.ci/next-interview.sh).
pytestmark = pytest.mark.dataset

README = (ROOT / "README.md").read_text(encoding="utf-8")


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        chunks.append(data[at + 4 : at + 8])
        at += 12 + length
    return chunks


def test_front_matter_declares_every_config_with_turns_as_default():
    front = yaml.safe_load(README.split("---\n")[1])
    assert [c["config_name"] for c in front["configs"]] == list(CONFIGS)
    assert [c["config_name"] for c in front["configs"] if c.get("default")] == [DEFAULT_CONFIG]
    assert front["license"] == "other" and front["language"] == EXPECTED["languages"]
    assert front["size_categories"] == [size_category(EXPECTED["rows"][DEFAULT_CONFIG])]


def test_statistics_match_the_data():
    turns = pl.read_parquet(ROOT / "data" / "turns" / "*.parquet")
    for (speaker,), group in turns.group_by(["speaker"]):
        words = group["text"].str.count_matches(r"\S+").sum()
        chars = group["text"].str.len_chars().sum()
        assert f"| {speaker} | {group['speaker_role'][0]} | {group.height:,} | {words:,} | {chars:,} |" in README


def test_the_plot_is_in_the_card_and_has_no_timestamp_or_version():
    assert f"]({PLOT_PATH})" in README
    chunks = png_chunks((ROOT / PLOT_PATH).read_bytes())
    assert b"tIME" not in chunks and b"tEXt" not in chunks and b"iTXt" not in chunks


def test_size_categories_follow_the_hub_buckets():
    assert [size_category(n) for n in (0, 999, 1000, 99_999, 5_000_000)] == [
        "n<1K",
        "n<1K",
        "1K<n<10K",
        "10K<n<100K",
        "1M<n<10M",
    ]
