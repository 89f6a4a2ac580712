"""Files that users' tools wrote back: pandas, polars and `datasets` change the Arrow types but not the values,
so validate casts them to the published schema, says so in one warning line, and still checks every row."""

from __future__ import annotations

from pathlib import Path

import datasets
import pandas as pd
import polars as pl
import pytest

from interview_dataset.cli import main
from interview_dataset.problems import Problem
from interview_dataset.publish.write import parquet_path
from interview_dataset.validation.validate import validate_paths

EDITED = "Другой ответ."


def _pandas(path: Path) -> None:
    frame = pd.read_parquet(path)
    frame.loc[0, "answer"] = EDITED
    frame.to_parquet(path)


def _polars(path: Path) -> None:
    frame = pl.read_parquet(path)
    first = pl.int_range(pl.len()) == 0
    frame.with_columns(pl.when(first).then(pl.lit(EDITED)).otherwise(pl.col("answer")).alias("answer")).write_parquet(
        path
    )


def _datasets(path: Path, cache: Path) -> None:
    pairs = datasets.Dataset.from_parquet(str(path), cache_dir=str(cache))
    pairs = pairs.map(lambda row, i: {"answer": EDITED if i == 0 else row["answer"]}, with_indices=True)
    pairs.to_parquet(str(path))


ROUND_TRIPS = {"pandas": _pandas, "polars": _polars, "datasets": _datasets}


def _expected(path: Path, drift: str) -> list[Problem]:
    return [
        Problem(
            str(path),
            None,
            None,
            "type-drift",
            "every column (17) differs from the published Arrow schema in type, "
            "nullability or field metadata; checked after a cast to it",
            drift,
        ),
        Problem(str(path), 0, "answer", "pair-text-mismatch", "answer differs from the turns config (answer text)"),
    ]


@pytest.mark.parametrize("client", ROUND_TRIPS)
def test_a_round_trip_with_an_edited_answer_is_drift_and_the_edit(built_copy, tmp_path, client):
    path = parquet_path(built_copy / "data", "qa_pairs")
    write_back = ROUND_TRIPS[client]
    write_back(path, tmp_path / "cache") if client == "datasets" else write_back(path)
    assert validate_paths([built_copy / "data"]) == _expected(path, "warning")
    assert validate_paths([built_copy / "data"], strict=True) == _expected(path, "error")


@pytest.mark.parametrize("client", ["pandas", "polars"])
def test_a_round_trip_alone_passes_with_a_warning_and_fails_under_strict(built_copy, capsys, client):
    path = parquet_path(built_copy / "data", "turns")
    if client == "pandas":
        pd.read_parquet(path).to_parquet(path)
    else:
        pl.read_parquet(path).write_parquet(path)
    assert main(["validate", str(built_copy / "data")]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{path}: warning: every column (20) differs from the published Arrow schema in type, "
        "nullability or field metadata; checked after a cast to it [type-drift]"
    ]
    assert err.splitlines() == [f"valid, with 1 warning(s): {built_copy / 'data'}"]
    assert main(["validate", "--strict", str(built_copy / "data")]) == 1


def test_a_null_where_the_schema_forbids_it_fails_the_cast(built_copy):
    path = parquet_path(built_copy / "data", "qa_pairs")
    frame = pl.read_parquet(path)
    frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 2).then(None).otherwise(pl.col("question")).alias("question")
    ).write_parquet(path)
    problems = validate_paths([built_copy / "data"])
    assert [(p.file, p.row, p.code, p.severity) for p in problems] == [
        (str(built_copy / "data"), None, "cross-config-skipped", "warning"),
        (str(path), None, "cast-failed", "error"),
        (str(path), None, "type-drift", "warning"),
    ]
    assert (
        problems[1].message
        == "row group 0 cannot be cast to the qa_pairs schema: Casting field 'question' with null values to non-nullable"
    )
