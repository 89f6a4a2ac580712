"""Real clients read the published data with the right types: datasets, pandas, pyarrow, polars and duckdb.

pyarrow's reading of the files is the reference; every other client must return the same rows. Counts come from
tests/dataset_expectations.yaml, so these tests hold when an interview is added.
"""

from __future__ import annotations

import datetime
from collections import Counter

import datasets
import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import ROOT, SEED
from expectations import EXPECTED

#: Reads this repository's published dataset: the next-interview walkthrough runs it (.ci/next-interview.sh).
pytestmark = pytest.mark.dataset


@pytest.fixture(scope="module")
def hf_cache(tmp_path_factory):
    return str(tmp_path_factory.mktemp("hf-cache"))


@pytest.fixture(scope="module")
def reference():
    """Each config's rows as pyarrow reads them."""
    return {config: pq.read_table(ROOT / "data" / config).to_pylist() for config in EXPECTED["rows"]}


def test_load_dataset_gives_the_turns_config_by_default(hf_cache, reference):
    turns = datasets.load_dataset(str(ROOT), split="train", cache_dir=hf_cache)
    assert turns.num_rows == EXPECTED["rows"]["turns"]
    assert turns.features["date"] == datasets.Value("date32")
    assert turns.to_list() == reference["turns"]
    seed = [row for row in turns if row["interview_id"] == SEED.stem]
    assert seed[0]["date"] == datetime.date(2025, 12, 26)
    assert seed[1]["speaker"] == "Айгуль Куспан" and seed[1]["reply_to"] == seed[0]["turn_id"]


@pytest.mark.parametrize("config", ["qa_pairs", "interviews", "entities"])
def test_load_dataset_gives_each_named_config(hf_cache, reference, config):
    table = datasets.load_dataset(str(ROOT), config, split="train", cache_dir=hf_cache)
    assert table.num_rows == EXPECTED["rows"][config]
    assert table.to_list() == reference[config]


def test_pandas_reads_a_config_folder_with_real_dates():
    turns = pd.read_parquet(ROOT / "data" / "turns")
    assert len(turns) == EXPECTED["rows"]["turns"] and list(turns["role"][:2]) == ["question", "answer"]
    assert isinstance(turns["date"].iloc[0], datetime.date)
    assert pd.api.types.is_integer_dtype(turns["turn_index"])


def test_pyarrow_reads_date32_and_field_descriptions():
    table = pq.read_table(ROOT / "data" / "turns")
    assert table.schema.field("date").type == pa.date32()
    assert b"description" in table.schema.field("text").metadata


def test_polars_reads_dates_and_nested_lists(reference):
    interviews = pl.read_parquet(ROOT / "data" / "interviews" / "*.parquet")
    assert interviews.schema["date"] == pl.Date
    assert interviews.to_dicts() == reference["interviews"]
    seed = interviews.filter(pl.col("interview_id") == SEED.stem)
    assert seed["interviewees"][0][0]["speaker_id"] == "aigul-kuspan"


def test_duckdb_queries_the_files_with_a_date_type(reference):
    con = duckdb.connect()
    rows = con.sql(
        f"SELECT typeof(date), count(*), count(DISTINCT topic) FROM '{ROOT}/data/turns/*.parquet' GROUP BY ALL"
    ).fetchall()
    topics = {row["topic"] for row in reference["turns"] if row["topic"] is not None}
    assert rows == [("DATE", EXPECTED["rows"]["turns"], len(topics))]


def test_mentions_load_as_lists_of_structs(hf_cache):
    turns = datasets.load_dataset(str(ROOT), split="train", cache_dir=hf_cache)
    row = next(row for row in turns if row["mentions"])
    first = row["mentions"][0]
    assert set(first) == {"text", "type", "normal", "canonical", "start", "end"}
    assert row["text"][first["start"] : first["end"]] == first["text"]


def test_duckdb_answers_who_is_mentioned_how_often_in_one_line():
    rows = duckdb.sql(
        f"SELECT canonical, sum(n_mentions) AS n FROM '{ROOT}/data/entities/*.parquet' GROUP BY canonical ORDER BY n DESC, canonical LIMIT 3"
    ).fetchall()
    totals: Counter = Counter()
    for entities in EXPECTED["entities"].values():
        for canonical, (_, n_mentions, _) in entities.items():
            totals[canonical] += n_mentions
    assert rows == sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:3]
