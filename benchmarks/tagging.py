"""Benchmark entity tagging against natasha's bare batched NER, side by side on the same turn texts.

    python benchmarks/tagging.py                      # seed + 30 synthetic interviews, best of 3
    python benchmarks/tagging.py --interviews 100 --rounds 5

The texts are the turns of sources/ and of a synthetic corpus made by benchmarks/corpus.py's generator. Each
round times, one after the other on the same texts: the bare NER model (`NewsNERTagger.map`, all turns in one
call, and one call per interview as the build tags), the batch tagging path (`mentions_in_texts`, one call per
interview, and all turns in one call) and the old per-turn path (`reference_mentions_in`). The normal-form
caches are emptied before each round, so every round pays them. Each figure is the best round: the machine's
other work only ever adds time. Ratios are to the bare model on all turns in one call. The batch path's
mentions are checked to equal the per-turn path's, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import MARKERS, generate  # noqa: E402

from interview_dataset.annotate import mentions  # noqa: E402
from interview_dataset.parse.interview import interview_from_text  # noqa: E402


def generated_turns(path: Path) -> list[str]:
    """The turns of one interview made by corpus.generate, split by the markers it wrote, without the parser.

    Tagging figures and the pinned digests of tests/test_tagging.py then stay put when the parser changes
    (it may refuse or re-split a generated text). A turn is its marker's line, marker dropped, and the lines
    up to the next marker; the title line and the lead are not turns.
    """
    number = int(path.stem.rsplit("-", 1)[1])
    markers = MARKERS[number % len(MARKERS)][1:]
    turns: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines()[2:]:
        marker = next((m for m in markers if line.startswith(m)), None)
        if marker is not None:
            turns.append([line[len(marker) :]])
        elif turns:
            turns[-1].append(line)
    return ["\n".join(lines) for lines in turns]


def interviews_turns(n: int) -> list[list[str]]:
    """The turn texts of each interview: the seed's (as parsed), then n synthetic ones."""
    seed = [
        [turn.text for turn in interview_from_text(path.read_text(encoding="utf-8")).turns]
        for path in sorted((ROOT / "sources").glob("*.txt"))
    ]
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), n)
        return seed + [generated_turns(path) for path in sorted(Path(folder).glob("*.txt"))]


def timed(run) -> tuple[float, object]:
    mentions._normal.cache_clear()
    mentions._tag_free.cache_clear()
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--interviews", type=int, default=30, help="synthetic interviews besides the seed")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-old", action="store_true", help="skip the old per-turn path (slow)")
    args = parser.parse_args()

    groups = interviews_turns(args.interviews)
    texts = [text for group in groups for text in group]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    m = mentions.model()
    mentions.mentions_in_texts(texts[:8])  # first-call set-up (dictionaries, caches) outside the timings

    runs = {
        "bare NER, all turns in one map()": lambda: list(m.ner_tagger.map(texts)),
        "bare NER, one map() per interview": lambda: [list(m.ner_tagger.map(g)) for g in groups],
        "tagging, mentions_in_texts per interview": lambda: [f for g in groups for f in mentions.mentions_in_texts(g)],
        "tagging, mentions_in_texts on all turns": lambda: mentions.mentions_in_texts(texts),
    }
    if not args.no_old:
        runs["old per-turn path (reference_mentions_in)"] = lambda: [mentions.reference_mentions_in(t) for t in texts]
    best = dict.fromkeys(runs, float("inf"))
    results = {}
    for _ in range(args.rounds):
        for name, run in runs.items():
            seconds, results[name] = timed(run)
            best[name] = min(best[name], seconds)

    batch = [json.dumps(found, ensure_ascii=False) for found in results["tagging, mentions_in_texts per interview"]]
    assert batch == [json.dumps(f, ensure_ascii=False) for f in results["tagging, mentions_in_texts on all turns"]]
    if not args.no_old:
        old = [json.dumps(found, ensure_ascii=False) for found in results["old per-turn path (reference_mentions_in)"]]
        assert batch == old, "the batch path's mentions differ from the per-turn path's"

    print(
        f"{len(groups)} interviews, {len(texts)} turns, {megabytes:.3f} MB of turn text; best of {args.rounds} rounds"
    )
    bare = best["bare NER, all turns in one map()"]
    print(f"{'':45} {'seconds':>8} {'MB/s':>8} {'x bare':>7}")
    for name, seconds in best.items():
        print(f"{name:45} {seconds:8.2f} {megabytes / seconds:8.4f} {seconds / bare:7.2f}")
    print("mentions identical to the per-turn path:", "not checked (--no-old)" if args.no_old else "yes")


if __name__ == "__main__":
    main()
