"""The card's statistics: turns, words and characters per speaker and per topic, as tables and a plot, counted
from the built turns a batch at a time."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

from interview_dataset.publish.write import FILE_NAME
from interview_dataset.schema import DEFAULT_CONFIG
from interview_dataset.vocabulary import load_vocabulary

PLOT_PATH = "assets/words_by_topic.png"
_WORDS = pl.col("text").str.count_matches(r"\S+")


#: The finest grouping the card shows; every table and the plot sum it further.
_GROUPS = ["speaker", "speaker_role", "topic"]


def _turn_stats(data_dir: Path, by: list[str]) -> pl.DataFrame:
    """Turns, words and characters per group, from the one pass over the turns' texts that _counted makes."""
    turns = data_dir / DEFAULT_CONFIG / FILE_NAME
    stat = turns.stat()
    return (
        _counted(str(turns), stat.st_ino, stat.st_mtime_ns, stat.st_size)
        .group_by(by)
        .agg(pl.col("turns", "words", "characters").sum())
    )


@lru_cache(maxsize=2)
def _counted(path: str, inode: int, mtime_ns: int, size: int) -> pl.DataFrame:
    """Turns, words and characters per _GROUPS of the turns file, summed over batches of rows so memory stays
    flat; cached by the file's identity (path, inode, mtime and size), so the card's tables and plot read it once."""
    parquet = pq.ParquetFile(path)
    counts = pl.DataFrame(
        schema={**{name: pl.Utf8 for name in _GROUPS}, "turns": pl.UInt32, "words": pl.UInt32, "characters": pl.UInt32}
    )
    for batch in parquet.iter_batches(batch_size=20_000, columns=[*_GROUPS, "text"]):
        part = (
            pl.DataFrame(batch)
            .group_by(_GROUPS)
            .agg(
                pl.len().alias("turns"),
                _WORDS.sum().alias("words"),
                pl.col("text").str.len_chars().sum().alias("characters"),
            )
        )
        counts = pl.concat([counts, part.cast(counts.schema)])
    return counts.group_by(_GROUPS).agg(pl.col("turns", "words", "characters").sum())


def statistics_block(data_dir: Path) -> str:
    """Tables of turns, words and characters per speaker and per topic, and the plot."""
    vocabulary = load_vocabulary()
    speakers = _turn_stats(data_dir, ["speaker", "speaker_role"]).sort(
        ["words", "speaker", "speaker_role"], descending=[True, False, False], nulls_last=True
    )
    lines = [
        f"![Words per topic, by the interviewer and by the interviewees]({PLOT_PATH})",
        "",
        "| speaker | role | turns | words | characters |",
        "|---|---|---:|---:|---:|",
    ]
    for row in speakers.head(20).to_dicts():
        lines.append(
            f"| {row['speaker'] or '(not named)'} | {row['speaker_role']} | {row['turns']:,} | {row['words']:,} | {row['characters']:,} |"
        )
    if speakers.height > 20:
        lines.append(f"| … {speakers.height - 20:,} more speakers | | | | |")
    topics = _turn_stats(data_dir, ["topic"]).sort(["words", "topic"], descending=[True, False], nulls_last=True)
    lines += ["", "| topic | CAP major topic | turns | words | characters |", "|---|---:|---:|---:|---:|"]
    for row in topics.to_dicts():
        topic = vocabulary.get(row["topic"])
        name = f"{topic.label_en} (`{topic.slug}`)" if topic else "(no topic)"
        lines.append(
            f"| {name} | {topic.cap_major_topic if topic else ''} | {row['turns']:,} | {row['words']:,} | {row['characters']:,} |"
        )
    return "\n".join(lines)


def write_plot(data_dir: Path, path: Path) -> None:
    """Words per topic, split into the interviewer's (questions, closing remarks) and the interviewees' (answers,
    opening statements), as a PNG with fixed bytes: a fixed size and DPI, no timestamp or software version."""
    # A bare Figure draws with Agg, without pyplot's import (half a second) or its global state.
    from matplotlib.figure import Figure

    vocabulary = load_vocabulary()
    stats = _turn_stats(data_dir, ["topic", "speaker_role"])
    totals = (
        stats.group_by("topic")
        .agg(pl.col("words").sum())
        .sort(["words", "topic"], descending=[False, True], nulls_last=False)
    )
    topics = totals["topic"].to_list()
    labels = [vocabulary[t].label_en if t in vocabulary else "(no topic)" for t in topics]
    words = {(r["topic"], r["speaker_role"]): r["words"] for r in stats.to_dicts()}
    asked = [words.get((t, "interviewer"), 0) for t in topics]
    answered = [words.get((t, "interviewee"), 0) for t in topics]
    figure = Figure(figsize=(8, 0.45 * len(topics) + 1.4), dpi=100)
    axes = figure.subplots()
    axes.barh(labels, asked, color="#4c72b0", label="interviewer (questions, closing remarks)")
    axes.barh(labels, answered, left=asked, color="#dd8452", label="interviewees (answers, statements)")
    axes.set_xlabel("words")
    axes.set_title("Words per topic")
    axes.legend(loc="lower right", frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png", metadata={"Software": None})
