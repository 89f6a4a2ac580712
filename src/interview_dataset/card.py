"""The dataset card (README.md): YAML front matter and generated sections, rebuilt from the data and schemas.

Only the front matter and the blocks between `<!-- BEGIN GENERATED: name -->` and `<!-- END GENERATED: name -->`
are rewritten; every other line of the README is hand-written and kept as it is.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc  # pyarrow does not import its compute module itself
import pyarrow.parquet as pq

from .schema import CONFIGS, DEFAULT_CONFIG, arrow_schema, field_descriptions, hf_features
from .write import FILE_NAME

_BLOCK = re.compile(r"(<!-- BEGIN GENERATED: (?P<name>[a-z-]+) -->\n)(?:.*?\n)?(<!-- END GENERATED: (?P=name) -->)", re.S)
_FRONT_MATTER = re.compile(r"\A---\n(?:.*?\n)?---\n", re.S)

#: What the card's front matter says that the data cannot: licences, task, tags. Reasons in README "Licence".
CARD_METADATA = {
    "pretty_name": "Interview dataset: press interviews as turns, Q&A pairs and interviews",
    "license": "other",
    "license_name": "mixed-see-card",
    "license_link": "LICENSE",
    "annotations_creators": ["expert-generated"],
    "language_creators": ["found"],
    "multilinguality": "monolingual",
    "source_datasets": ["original"],
    "task_categories": ["text-classification", "question-answering"],
    "tags": ["interviews", "political-science", "press", "kazakhstan", "foreign-policy", "comparative-agendas-project"],
}


def size_category(n: int) -> str:
    """The Hub's size bucket for a number of rows."""
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < limit:
            return name
    return "1M<n<10M"


def front_matter(data_dir: Path) -> str:
    """The YAML front matter: Hub metadata, one config per data folder (turns first, the default), features.

    Counts and sizes come from the Parquet footers and languages from one column, so a card for a large corpus
    costs no more memory than a small one.
    """
    from datasets.info import DatasetInfo, DatasetInfosDict
    from datasets.splits import SplitDict, SplitInfo
    from huggingface_hub import DatasetCardData

    files = {config: pq.ParquetFile(data_dir / config / FILE_NAME) for config in CONFIGS}
    languages = sorted({v for v in pq.read_table(data_dir / "turns" / FILE_NAME, columns=["language"]).column(0).unique().to_pylist() if v})
    card = DatasetCardData(
        language=languages or None,
        size_categories=[size_category(files[DEFAULT_CONFIG].metadata.num_rows)],
        configs=[
            {"config_name": config, "data_files": [{"split": "train", "path": f"data/{config}/*.parquet"}],
             **({"default": True} if config == DEFAULT_CONFIG else {})}
            for config in CONFIGS
        ],
        **CARD_METADATA,
    )
    infos = {}
    for config, parquet in files.items():
        meta = parquet.metadata
        # Uncompressed bytes of the column chunks: the Hub's "dataset size" is the decoded size.
        num_bytes = sum(meta.row_group(k).total_byte_size for k in range(meta.num_row_groups))
        splits = SplitDict()
        splits.add(SplitInfo(name="train", num_bytes=num_bytes, num_examples=meta.num_rows))
        infos[config] = DatasetInfo(
            config_name=config, features=hf_features(config), splits=splits,
            download_size=(data_dir / config / FILE_NAME).stat().st_size, dataset_size=num_bytes,
        )
    DatasetInfosDict(infos).to_dataset_card_data(card)
    return f"---\n{card.to_yaml()}\n---\n"


def fields_block() -> str:
    """A table of every field of every config: name, Arrow type, whether null is allowed, description."""
    parts = []
    for config in CONFIGS:
        schema = arrow_schema(config)
        descriptions = field_descriptions(config)
        lines = [f"**`{config}`**{' (default)' if config == DEFAULT_CONFIG else ''}", "",
                 "| field | type | null | description |", "|---|---|---|---|"]
        for field in schema:
            description = descriptions[field.name].replace("|", "\\|")
            lines.append(f"| `{field.name}` | `{field.type}` | {'yes' if field.nullable else 'no'} | {description} |")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def example_block(data_dir: Path, max_chars: int = 160) -> str:
    """The first answer of the turns config as JSON, long strings shortened for the page."""
    parquet = pq.ParquetFile(data_dir / DEFAULT_CONFIG / FILE_NAME)
    table = parquet.read_row_group(0) if parquet.num_row_groups else parquet.schema_arrow.empty_table()
    answers = table.filter(pc.equal(table.column("role"), "answer"))
    if answers.num_rows == 0:
        return "_No rows yet._"
    row = answers.slice(0, 1).to_pylist()[0]
    shown = {k: _shorten(v, max_chars) for k, v in row.items()}
    return "```json\n" + json.dumps(shown, ensure_ascii=False, indent=2, default=str) + "\n```"


PLOT_PATH = "assets/words_by_topic.png"
_WORDS = pl.col("text").str.count_matches(r"\S+")


def _turn_stats(data_dir: Path, by: list[str]) -> pl.DataFrame:
    """Turns, words and characters per group, summed over batches of rows so memory stays flat."""
    parquet = pq.ParquetFile(data_dir / DEFAULT_CONFIG / FILE_NAME)
    counts = pl.DataFrame(schema={**{name: pl.Utf8 for name in by}, "turns": pl.UInt32, "words": pl.UInt32, "characters": pl.UInt32})
    for batch in parquet.iter_batches(batch_size=20_000, columns=[*by, "text"]):
        part = pl.from_arrow(batch).group_by(by).agg(
            pl.len().alias("turns"), _WORDS.sum().alias("words"), pl.col("text").str.len_chars().sum().alias("characters")
        )
        counts = pl.concat([counts, part.cast(counts.schema)])
    return counts.group_by(by).agg(pl.col("turns", "words", "characters").sum())


def statistics_block(data_dir: Path) -> str:
    """Tables of turns, words and characters per speaker and per topic, and the plot."""
    from .annotate import load_vocabulary

    vocabulary = load_vocabulary()
    speakers = _turn_stats(data_dir, ["speaker", "speaker_role"]).sort(
        ["words", "speaker", "speaker_role"], descending=[True, False, False], nulls_last=True
    )
    lines = [f"![Words per topic, questions and answers]({PLOT_PATH})", "",
             "| speaker | role | turns | words | characters |", "|---|---|---:|---:|---:|"]
    for row in speakers.head(20).to_dicts():
        lines.append(f"| {row['speaker'] or '(not named)'} | {row['speaker_role']} | {row['turns']:,} | {row['words']:,} | {row['characters']:,} |")
    if speakers.height > 20:
        lines.append(f"| … {speakers.height - 20:,} more speakers | | | | |")
    topics = _turn_stats(data_dir, ["topic"]).sort(["words", "topic"], descending=[True, False], nulls_last=True)
    lines += ["", "| topic | CAP major topic | turns | words | characters |", "|---|---:|---:|---:|---:|"]
    for row in topics.to_dicts():
        topic = vocabulary.get(row["topic"])
        name = f"{topic.label_en} (`{topic.slug}`)" if topic else "(no topic)"
        lines.append(f"| {name} | {topic.cap_major_topic if topic else ''} | {row['turns']:,} | {row['words']:,} | {row['characters']:,} |")
    return "\n".join(lines)


def write_plot(data_dir: Path, path: Path) -> None:
    """Words per topic, split into the interviewer's questions and the answers, as a PNG with fixed bytes:
    a fixed size and DPI, and no timestamp or software version in the file."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .annotate import load_vocabulary

    vocabulary = load_vocabulary()
    stats = _turn_stats(data_dir, ["topic", "role"])
    totals = stats.group_by("topic").agg(pl.col("words").sum()).sort(["words", "topic"], descending=[False, True], nulls_last=False)
    topics = totals["topic"].to_list()
    labels = [vocabulary[t].label_en if t in vocabulary else "(no topic)" for t in topics]
    words = {(r["topic"], r["role"]): r["words"] for r in stats.to_dicts()}
    questions = [words.get((t, "question"), 0) for t in topics]
    answers = [words.get((t, "answer"), 0) for t in topics]
    figure, axes = plt.subplots(figsize=(8, 0.45 * len(topics) + 1.4), dpi=100)
    axes.barh(labels, questions, color="#4c72b0", label="questions (interviewer)")
    axes.barh(labels, answers, left=questions, color="#dd8452", label="answers (interviewees)")
    axes.set_xlabel("words")
    axes.set_title("Words per topic")
    axes.legend(loc="lower right", frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png", metadata={"Software": None})
    plt.close(figure)


def _shorten(value, max_chars: int, max_items: int = 2):
    """A value for the page: long strings cut, long lists cut to their first items and a count of the rest."""
    if isinstance(value, str) and len(value) > max_chars:
        return value[:max_chars] + "…"
    if isinstance(value, list) and len(value) > max_items:
        return [*value[:max_items], f"… {len(value) - max_items} more"]
    return value


def render_card(existing: str, data_dir: str | Path) -> str:
    """The README with its front matter and generated blocks rebuilt from `data_dir`; the rest untouched."""
    data_dir = Path(data_dir)
    blocks = {"fields": fields_block, "example": lambda: example_block(data_dir), "statistics": lambda: statistics_block(data_dir)}
    body = _FRONT_MATTER.sub("", existing, count=1)

    def fill(match: re.Match) -> str:
        make = blocks.get(match.group("name"))
        return match.group(0) if make is None else f"{match.group(1)}{make()}\n{match.group(3)}"

    return front_matter(data_dir) + _BLOCK.sub(fill, body)


#: The card written into a fresh output folder that has no README.md yet.
CARD_TEMPLATE = """# Interview dataset

Press interviews as data: one row per turn (`turns`), per question and answer (`qa_pairs`) and per
interview (`interviews`), built by interview-dataset.

## Fields

<!-- BEGIN GENERATED: fields -->
<!-- END GENERATED: fields -->

## Example row

<!-- BEGIN GENERATED: example -->
<!-- END GENERATED: example -->

## Statistics

<!-- BEGIN GENERATED: statistics -->
<!-- END GENERATED: statistics -->
"""
