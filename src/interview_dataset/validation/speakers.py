"""The check that each turn's speaker is the person its speaker_id names in the interviews config."""

from __future__ import annotations

import polars as pl

from interview_dataset.problems import Problem, reports
from interview_dataset.validation.configrows import ConfigRows, frame


@reports(
    "speaker-mismatch",
    "speaker",
    "a turn's speaker is not the name the interviews config gives the person its speaker_id names",
)
def speaker_problems(parts: dict[str, ConfigRows], turns: pl.DataFrame) -> list[Problem]:
    """A turn whose speaker_id is the interview's interviewer or one of its interviewees has that person's name
    as its speaker, and null only where the config has no name for them (a turns config with every
    speaker erased but the ids kept was accepted). An id the config does not list is not this check's concern."""
    people = _people(parts)
    named = (
        turns.select("interview_id", pl.col("speaker_id").cast(pl.Utf8), pl.col("speaker").cast(pl.Utf8))
        .with_row_index("row")
        .join(people, on=["interview_id", "speaker_id"], how="inner", maintain_order="left")
        .filter(~pl.col("speaker").eq_missing(pl.col("config_name")))
    )
    problems = []
    for r in named.to_dicts():
        file, row = parts["turns"].locate(r["row"])
        problems.append(
            Problem(
                file,
                row,
                "speaker",
                "speaker-mismatch",
                f"speaker is {r['speaker']!r}, but the interviews config names {r['speaker_id']!r} "
                f"{r['config_name']!r}",
            )
        )
    return problems


def _people(parts: dict[str, ConfigRows]) -> pl.DataFrame:
    """(interview_id, speaker_id, config_name) of every interviewer and interviewee with an id."""
    interviews = frame(
        parts["interviews"].table().select(["interview_id", "interviewer", "interviewer_id", "interviewees"])
    )
    askers = interviews.select(
        "interview_id", pl.col("interviewer_id").alias("speaker_id"), pl.col("interviewer").alias("config_name")
    )
    answerers = (
        interviews.select("interview_id", "interviewees")
        .explode("interviewees")
        .drop_nulls("interviewees")
        .select(
            "interview_id",
            pl.col("interviewees").struct.field("speaker_id").alias("speaker_id"),
            pl.col("interviewees").struct.field("name").alias("config_name"),
        )
    )
    text = [pl.col("speaker_id").cast(pl.Utf8), pl.col("config_name").cast(pl.Utf8)]  # an all-null column is typed Null
    return (
        pl.concat([askers.with_columns(text), answerers.with_columns(text)])
        .drop_nulls("speaker_id")
        .unique(maintain_order=True)
    )
