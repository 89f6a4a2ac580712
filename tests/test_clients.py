"""Real clients read the data with the right types: datasets, pandas, pyarrow, polars and duckdb."""

from __future__ import annotations

import datetime

import datasets
import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def hf_cache(tmp_path_factory):
    return str(tmp_path_factory.mktemp("hf-cache"))


def test_load_dataset_gives_the_turns_config_by_default(hf_cache):
    turns = datasets.load_dataset(str(ROOT), split="train", cache_dir=hf_cache)
    assert turns.num_rows == 12
    assert turns.features["date"] == datasets.Value("date32")
    assert turns[0]["date"] == datetime.date(2025, 12, 26)
    assert turns[1]["speaker"] == "Айгуль Куспан" and turns[1]["reply_to"] == turns[0]["turn_id"]


@pytest.mark.parametrize("config, rows", [("qa_pairs", 6), ("interviews", 1), ("entities", 16)])
def test_load_dataset_gives_each_named_config(hf_cache, config, rows):
    table = datasets.load_dataset(str(ROOT), config, split="train", cache_dir=hf_cache)
    assert table.num_rows == rows


def test_pandas_reads_a_config_folder_with_real_dates():
    turns = pd.read_parquet(ROOT / "data" / "turns")
    assert len(turns) == 12 and list(turns["role"][:2]) == ["question", "answer"]
    assert isinstance(turns["date"].iloc[0], datetime.date)
    assert pd.api.types.is_integer_dtype(turns["turn_index"])


def test_pyarrow_reads_date32_and_field_descriptions():
    table = pq.read_table(ROOT / "data" / "turns")
    assert table.schema.field("date").type == pa.date32()
    assert b"description" in table.schema.field("text").metadata


def test_polars_reads_dates_and_nested_lists():
    interviews = pl.read_parquet(ROOT / "data" / "interviews" / "*.parquet")
    assert interviews.schema["date"] == pl.Date
    assert interviews["interviewees"][0][0]["speaker_id"] == "aigul-kuspan"


def test_duckdb_queries_the_files_with_a_date_type():
    con = duckdb.connect()
    rows = con.sql(f"SELECT typeof(date), count(*), count(DISTINCT topic) FROM '{ROOT}/data/turns/*.parquet' GROUP BY ALL").fetchall()
    assert rows == [("DATE", 12, 6)]


def test_mentions_load_as_lists_of_structs(hf_cache):
    turns = datasets.load_dataset(str(ROOT), split="train", cache_dir=hf_cache)
    row = next(row for row in turns if row["mentions"])
    first = row["mentions"][0]
    assert set(first) == {"text", "type", "normal", "canonical", "start", "end"}
    assert row["text"][first["start"] : first["end"]] == first["text"]


def test_duckdb_answers_who_is_mentioned_how_often_in_one_line():
    rows = duckdb.sql(f"SELECT canonical, n_mentions FROM '{ROOT}/data/entities/*.parquet' ORDER BY n_mentions DESC, canonical LIMIT 3").fetchall()
    assert rows == [("Казахстан", 17), ("США", 15), ("Касым-Жомарт Токаев", 11)]
