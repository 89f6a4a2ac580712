"""Suggested topics in the data: topic_suggested, topic_confidence and topic_source, never mixed with curated
topics, and `build --no-topics`."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from interview_dataset.annotate.rows import rows_from_source
from interview_dataset.parse.sources import read_source

from conftest import ROOT, run_here

NO_SIDECAR = ROOT / "tests" / "fixtures" / "topics" / "2026-02-01-test-topics.txt"
TOPIC_FIELDS = ("topic", "cap_major_topic", "topic_suggested", "topic_confidence", "topic_source")


def _topics(rows: list[dict]) -> list[tuple]:
    return [tuple(row[name] for name in TOPIC_FIELDS) for row in rows]


def test_an_interview_without_a_sidecar_gets_suggested_topics_where_confident():
    turns = rows_from_source(read_source(NO_SIDECAR), mentions=False).turns
    # Health, then macroeconomics; the third exchange (a weekend) names no topic: the suggester abstains.
    assert _topics(turns) == [
        (None, None, 3, 0.8, "suggested"),
        (None, None, 3, 0.8, "suggested"),
        (None, None, 1, 0.8, "suggested"),
        (None, None, 1, 0.8, "suggested"),
        (None, None, None, None, None),
        (None, None, None, None, None),
    ]


def test_the_seeds_curated_topics_stay_and_suggestions_stand_beside_them():
    seed = read_source(sorted((ROOT / "sources").glob("*.txt"))[0])
    pairs = rows_from_source(seed, mentions=False).qa_pairs
    assert _topics(pairs) == [
        ("bilateral-relations", 19, 19, 0.7037, "curated"),
        ("leadership-diplomacy", 19, 19, 0.5745, "curated"),
        ("summit-diplomacy", 19, None, None, "curated"),
        ("trade-investment", 18, None, None, "curated"),
        ("regional-cooperation", 19, None, None, "curated"),
        ("international-standing", 19, 19, 0.5938, "curated"),
    ]


def test_without_topics_nothing_is_suggested_and_curated_topics_stay():
    turns = rows_from_source(read_source(NO_SIDECAR), mentions=False, topics=False).turns
    assert _topics(turns) == [(None, None, None, None, None)] * 6
    seed = read_source(sorted((ROOT / "sources").glob("*.txt"))[0])
    pairs = rows_from_source(seed, mentions=False, topics=False).qa_pairs
    assert {row["topic_source"] for row in pairs} == {"curated"} and {row["topic_suggested"] for row in pairs} == {None}


def test_build_no_topics_writes_no_suggestion_and_validates(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / NO_SIDECAR.name).write_text(NO_SIDECAR.read_text(encoding="utf-8"), encoding="utf-8")
    for options, expected in (((), [3, 3, 1, 1, None, None]), (("--no-topics",), [None] * 6)):
        out = tmp_path / f"out{len(options)}"
        built = run_here(
            "build_dataset.py", "--sources", str(sources), "--out", str(out), "--quiet", "--no-mentions", *options
        )
        assert built.returncode == 0, built.stderr
        turns = pq.read_table(next((out / "data" / "turns").glob("*.parquet"))).to_pylist()
        assert [row["topic_suggested"] for row in turns] == expected
        card = (out / "README.md").read_text(encoding="utf-8")
        suggested, without = (2, 1) if not options else (0, 3)
        assert (
            f"In this data: 3 exchanges, 0 with a curated topic, {suggested} with a suggested one and {without} without "
            "a topic. Beside the curated topics the suggester suggests one for 0 exchanges, the curated CAP code in 0 "
            "of them." in card
        )
        validated = run_here("-m", "interview_dataset", "validate", str(out))
        assert validated.returncode == 0, validated.stdout


@pytest.mark.parametrize(("value", "code"), [(3.0, "type-drift"), (2.5, "cast-failed")])
def test_a_suggested_topic_written_as_a_float_is_drift_when_whole_and_an_error_when_not(tmp_path, value, code):
    # pandas writes an integer column with nulls as float64: a whole number survives the cast to int64.
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / NO_SIDECAR.name).write_text(NO_SIDECAR.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    built = run_here("build_dataset.py", "--sources", str(sources), "--out", str(out), "--quiet", "--no-mentions")
    assert built.returncode == 0, built.stderr
    path = next((out / "data" / "turns").glob("*.parquet"))
    table = pq.read_table(path)
    floats = [
        None if v is None else (value if v == 3 else float(v)) for v in table.column("topic_suggested").to_pylist()
    ]
    index = table.schema.get_field_index("topic_suggested")
    pq.write_table(table.set_column(index, "topic_suggested", pa.array(floats, pa.float64())), path)
    validated = run_here("-m", "interview_dataset", "validate", str(out))
    assert f"[{code}]" in validated.stdout and validated.returncode == (0 if code == "type-drift" else 1)
