"""Benchmark the topic suggester against hand coding, per language, and its cost beside the entity tagging's.

    python benchmarks/topics.py                              # the test split, with the texts the repository holds
    python benchmarks/topics.py --texts ~/topics/eval.jsonl  # fill in the texts it may not hold (see below)
    python benchmarks/topics.py --split dev                  # the split THRESHOLD and ANSWER_WORDS were chosen on
    python benchmarks/topics.py --texts FILE --write         # and store the figures the dataset card quotes

The evaluation set (benchmarks/topics/eval.jsonl) is exchanges of real published interviews in Russian, Kazakh
and English, each coded by hand with one CAP major topic from the codebook's definitions and a one-line reason.
The exchanges from kremlin.ru (all the English ones), licensed CC BY 4.0, are stored whole; the other Russian
and Kazakh ones belong to their publishers, so only their ids, sources, codes and reasons are stored, and their
texts are read from a JSON Lines file of the same ids (`--texts`, with `question` and `answer`). An exchange
without its text is left out and counted.

Per language it prints n, accuracy (an abstention counts as wrong), macro-F1 over the hand-coded topics,
coverage (the share not abstained) and accuracy on the covered share; then the cost: milliseconds per exchange
of the suggester and of the entity tagging (annotate.mentions, natasha's NER, one call per exchange, as the build
tags turns) on the same texts, each the best of --rounds rounds, and the one-off cost of loading each model.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from interview_dataset.annotate import topics  # noqa: E402

EVALUATION_SET = ROOT / "benchmarks" / "topics" / "eval.jsonl"
#: Where --write stores the figures the dataset card quotes (publish/card.py reads them).
FIGURES = ROOT / "src" / "interview_dataset" / "publish" / "topic_agreement.json"
LANGUAGES = ("ru", "kk", "en")


def read_items(texts: Path | None, split: str) -> tuple[list[dict], int]:
    """The exchanges of one split with their texts, and how many of the split have no text here."""
    items = [json.loads(line) for line in EVALUATION_SET.read_text(encoding="utf-8").splitlines() if line]
    if texts is not None:
        given = {row["id"]: row for row in map(json.loads, texts.read_text(encoding="utf-8").splitlines()) if row}
        for item in items:
            if item["question"] is None and item["id"] in given:
                item["question"], item["answer"] = given[item["id"]]["question"], given[item["id"]]["answer"]
    chosen = [item for item in items if item["split"] == split]
    with_text = [item for item in chosen if item["question"] is not None]
    return with_text, len(chosen) - len(with_text)


def agreement(items: list[dict]) -> dict:
    """n, accuracy, macro-F1, coverage and accuracy on the covered share of one language's exchanges."""
    predicted = []
    for item in items:
        suggestion = topics.suggest_topic(item["question"], item["answer"], item["language"])
        predicted.append(suggestion.code if suggestion else None)
    gold = [item["cap_major"] for item in items]
    covered = [(g, p) for g, p in zip(gold, predicted) if p is not None]
    right = sum(g == p for g, p in zip(gold, predicted))
    f1s = []
    for code in sorted(set(gold)):
        tp = sum(g == p == code for g, p in zip(gold, predicted))
        fp = sum(p == code and g != code for g, p in zip(gold, predicted))
        fn = sum(g == code and p != code for g, p in zip(gold, predicted))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return {
        "n": len(items),
        "accuracy": round(right / len(items), 3),
        "macro_f1": round(sum(f1s) / len(f1s), 3),
        "coverage": round(len(covered) / len(items), 3),
        "covered_accuracy": round(sum(g == p for g, p in covered) / len(covered), 3) if covered else None,
    }


def best_of(rounds: int, run) -> float:
    """The fastest of `rounds` runs in seconds: the machine's other work only ever adds time."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


#: What loads each model on first use, timed after the imports, each in a fresh process (no shared cache).
_LOADERS = {
    "suggest": "from interview_dataset.annotate import topics as m\nrun = lambda: [m.suggest_topic('', 'слово', 'ru'), "
    "m.lexicon('en'), m.lexicon('kk')]",
    "tag": "from interview_dataset.annotate import mentions as m\nrun = lambda: m.mentions_in_texts(['Москва'])",
}


def loading_times() -> dict:
    """Seconds to load each model on first use: the suggester's keywords and navec centroids, natasha's NER."""
    found = {}
    for name, setup in _LOADERS.items():
        script = f"import time\n{setup}\nstart = time.perf_counter()\nrun()\nprint(time.perf_counter() - start)"
        times = []
        for _ in range(3):  # the fastest of three: the machine's other work only ever adds time
            result = subprocess.run(
                [sys.executable, "-c", script],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            )
            times.append(float(result.stdout.split()[-1]))
        found[name] = round(min(times), 2)
    return found


def costs(items: list[dict], rounds: int) -> dict:
    """Milliseconds per exchange of suggesting and of entity tagging, on the same texts."""
    from interview_dataset.annotate import mentions

    found = {}
    for language in LANGUAGES:
        chosen = [item for item in items if item["language"] == language]
        if not chosen:
            continue
        suggest = best_of(
            rounds,
            lambda chosen=chosen: [topics.suggest_topic(i["question"], i["answer"], i["language"]) for i in chosen],
        )
        tag = best_of(
            rounds,
            lambda chosen=chosen: [mentions.mentions_in_texts([i["question"], i["answer"]]) for i in chosen],
        )
        found[language] = {
            "suggest_ms": round(1000 * suggest / len(chosen), 2),
            "tag_ms": round(1000 * tag / len(chosen), 2),
        }
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=Path, help="JSON Lines of id, question, answer for the texts not stored")
    parser.add_argument("--split", choices=["test", "dev"], default="test")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write", action="store_true", help=f"store the figures in {FIGURES.relative_to(ROOT)}")
    args = parser.parse_args()
    items, missing = read_items(args.texts, args.split)
    loading = loading_times()
    print(f"{args.split} split: {len(items)} exchanges with their texts ({missing} without: pass --texts)")
    present = [language for language in LANGUAGES if any(i["language"] == language for i in items)]
    figures = {language: agreement([i for i in items if i["language"] == language]) for language in present}
    print("| language | n | accuracy | macro-F1 | coverage | accuracy on covered |")
    print("|---|---:|---:|---:|---:|---:|")
    for language, f in figures.items():
        print(
            f"| {language} | {f['n']} | {f['accuracy']:.3f} | {f['macro_f1']:.3f} | {f['coverage']:.3f} | "
            f"{f['covered_accuracy']:.3f} |"
        )
    cost = costs(items, args.rounds)
    print("\n| language | suggestion, ms per exchange | entity tagging, ms per exchange |")
    print("|---|---:|---:|")
    for language, c in cost.items():
        print(f"| {language} | {c['suggest_ms']} | {c['tag_ms']} |")
    print(f"\nloading: suggester {loading['suggest']} s, entity tagging {loading['tag']} s")
    if args.write:
        if missing:
            sys.exit(f"--write needs every text of the split: {missing} missing (pass --texts)")
        record = {
            "date": date.today().isoformat(),
            "split": args.split,
            "method": {
                "question_weight": topics.QUESTION_WEIGHT,
                "answer_words": topics.ANSWER_WORDS,
                "threshold": topics.THRESHOLD,
            },
            "languages": figures,
        }
        FIGURES.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {FIGURES.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
