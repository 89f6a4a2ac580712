"""The card's block on topics: curated and suggested topics, how suggestions are made, how well they agree.

The agreement figures are the last run of benchmarks/topics.py --write (topic_agreement.json beside this
module); the counts are the data's.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

from interview_dataset.publish.write import FILE_NAME

FIGURES = Path(__file__).with_name("topic_agreement.json")


def topics_block(data_dir: Path) -> str:
    """How each exchange gets its topic, the suggester's measured agreement, and the topics of this data."""
    record = json.loads(FIGURES.read_text(encoding="utf-8"))
    method = record["method"]
    lines = [
        "An exchange has two topic fields that never mix. `topic` and its `cap_major_topic` are curated: typed into "
        "the interview's sidecar from schema/topics.yaml, whose slugs are finer topics under a Comparative Agendas "
        "Project (CAP) major topic. `topic_suggested` is a CAP major topic (schema/cap_topics.yaml: the master "
        "codebook's 21 major topics, and 0 for no policy content) that the build suggests offline, with "
        "`topic_confidence`. `topic_source` says which one is the exchange's topic: `curated`, `suggested` or null.",
        "",
        "How a suggestion is made: keywords per CAP major topic in English, Russian and Kazakh (schema/cap_lexicon.yaml, "
        "written from the codebook's definitions) are counted in the question, each counting "
        f"{method['question_weight']:g}, and in the first {method['answer_words']} words of the answer, each counting 1. "
        "In Russian, a word no keyword matches counts half when natasha's navec news embeddings (shipped inside the "
        "natasha package) place it near a topic's keywords. The top topic's share of the evidence is the confidence; "
        f"below {method['threshold']:g} the suggester abstains (null), since a wrong topic is worse than none. No model "
        "for English or Kazakh ships in an installable package, so those languages have the keywords alone.",
        "",
        f"Agreement with hand coding, measured {record['date']} on the {record['split']} split of the evaluation set "
        "(benchmarks/topics/: exchanges of real published interviews, each coded from the codebook's definitions; "
        "`python benchmarks/topics.py`). Accuracy counts an abstention as wrong; coverage is the share not abstained.",
        "",
        "| language | exchanges | accuracy | macro-F1 | coverage | accuracy on covered |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for language, f in record["languages"].items():
        lines.append(
            f"| {language} | {f['n']} | {f['accuracy']:.1%} | {f['macro_f1']:.1%} | {f['coverage']:.1%} | "
            f"{f['covered_accuracy']:.1%} |"
        )
    return "\n".join([*lines, "", _counts(data_dir)])


def _counts(data_dir: Path) -> str:
    """What this data holds: exchanges by topic_source, and how often suggestions match curated topics."""
    columns = ["interview_id", "exchange_index", "cap_major_topic", "topic_suggested", "topic_source"]
    table = pq.read_table(data_dir / "turns" / FILE_NAME, columns=[*columns, "role"])
    exchanges = pl.DataFrame(table).filter(pl.col("role") == "question").select(columns)
    curated = exchanges.filter(pl.col("topic_source") == "curated")
    suggested_for_curated = curated.filter(pl.col("topic_suggested").is_not_null())
    agree = suggested_for_curated.filter(pl.col("topic_suggested") == pl.col("cap_major_topic")).height
    return (
        f"In this data: {exchanges.height:,} exchanges, {curated.height:,} with a curated topic, "
        f"{exchanges.filter(pl.col('topic_source') == 'suggested').height:,} with a suggested one and "
        f"{exchanges.filter(pl.col('topic_source').is_null()).height:,} without a topic. Beside the curated topics the "
        f"suggester suggests one for {suggested_for_curated.height:,} exchanges, the curated CAP code in {agree:,} of them."
    )
