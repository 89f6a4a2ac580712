"""The evaluation set of the topic suggester and the agreement figures the card quotes."""

from __future__ import annotations

import collections
import json
import sys

from interview_dataset.annotate import topics
from interview_dataset.publish.topicblock import FIGURES
from interview_dataset.vocabulary import load_cap_topics

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import topics as benchmark  # noqa: E402  (benchmarks/topics.py)

ITEMS = [json.loads(line) for line in benchmark.EVALUATION_SET.read_text(encoding="utf-8").splitlines() if line]


def test_the_evaluation_set_has_its_size_per_language_and_split():
    sizes = collections.Counter((item["language"], item["split"]) for item in ITEMS)
    assert dict(sizes) == {
        ("en", "dev"): 38,
        ("en", "test"): 80,
        ("ru", "dev"): 3,
        ("ru", "test"): 17,
        ("kk", "dev"): 5,
        ("kk", "test"): 7,
    }


def test_every_exchange_is_coded_with_a_cap_topic_a_reason_and_a_source():
    codes = set(load_cap_topics())
    for item in ITEMS:
        assert item["cap_major"] in codes and item["reason"] and item["source"]["url"], item["id"]
        # Texts are stored only where the licence allows it: kremlin.ru, CC BY 4.0.
        assert (item["question"] is not None) == item["source"]["licence"].startswith("CC-BY-4.0"), item["id"]


def test_the_cards_english_figures_are_a_fresh_run_of_the_benchmark():
    record = json.loads(FIGURES.read_text(encoding="utf-8"))
    items, _ = benchmark.read_items(None, record["split"])
    assert benchmark.agreement([i for i in items if i["language"] == "en"]) == record["languages"]["en"]
    assert record["method"] == {
        "question_weight": topics.QUESTION_WEIGHT,
        "answer_words": topics.ANSWER_WORDS,
        "threshold": topics.THRESHOLD,
    }
