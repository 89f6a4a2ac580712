"""Batch tagging gives exactly the mentions of natasha's per-text pipeline, on the seed and a 100-interview corpus.

The reference is `reference_mentions_in` (natasha's Doc pipeline, as mentions_in ran before batching). On the
seed it runs live; on the synthetic corpus, which it would take minutes to tag, its output is pinned as one
digest per interview in fixtures/tagging-corpus-100.json. The synthetic turns are split by the generator's own
markers, not by the parser, so the digests do not move when the parser does. Regenerate that file with the
reference, never with the batch path:

    python tests/test_tagging.py --regenerate
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from interview_dataset.annotate.mentions import (
    _tag_free,
    _windows,
    mentions_in,
    mentions_in_texts,
    model,
    reference_mentions_in,
)
from interview_dataset.parse.interview import interview_from_text

from conftest import SEED

ROOT = Path(__file__).resolve().parents[1]
DIGESTS = Path(__file__).parent / "fixtures" / "tagging-corpus-100.json"
CORPUS_SIZE = 100


def dump(mentions) -> str:
    """The bytes compared: mentions as JSON, keys in the order the code writes them."""
    return json.dumps(mentions, ensure_ascii=False)


def digest(value) -> str:
    return hashlib.sha256(dump(value).encode("utf-8")).hexdigest()


def turn_texts(path: Path) -> list[str]:
    return [turn.text for turn in interview_from_text(path.read_text(encoding="utf-8")).turns]


def synthetic_corpus(folder: Path) -> list[Path]:
    """The 100-interview corpus benchmarks/corpus.py makes from the seed alone (deterministic: seeded by interview
    number), so it stays the same when interviews join sources/."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import generate

    generate(folder, CORPUS_SIZE, [SEED])
    return sorted(folder.glob("*.txt"))


def synthetic_turns(path: Path) -> list[str]:
    """A generated interview's turns, split by its own markers (not by the parser, which may change)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from tagging import generated_turns

    return generated_turns(path)


def seed_paths() -> list[Path]:
    return sorted((ROOT / "sources").glob("*.txt"))


@pytest.mark.dataset
def test_seed_turns_tag_exactly_as_the_reference():
    for path in seed_paths():
        texts = turn_texts(path)
        expected = [dump(reference_mentions_in(text)) for text in texts]
        assert [dump(found) for found in mentions_in_texts(texts)] == expected
        assert [dump(mentions_in(text)) for text in texts] == expected


@pytest.mark.dataset
def test_all_seed_turns_in_one_batch_tag_as_the_reference():
    texts = [text for path in seed_paths() for text in turn_texts(path)]
    assert [dump(found) for found in mentions_in_texts(texts)] == [dump(reference_mentions_in(t)) for t in texts]


def test_synthetic_corpus_tags_as_the_reference_did(tmp_path):
    pinned = json.loads(DIGESTS.read_text(encoding="utf-8"))["interviews"]
    paths = synthetic_corpus(tmp_path)
    assert [p.stem for p in paths] == sorted(pinned)
    texts_changed, mentions_changed = [], []
    for path in paths:
        texts = synthetic_turns(path)
        if digest(texts) != pinned[path.stem]["texts_sha256"]:
            texts_changed.append(path.stem)
        elif digest(mentions_in_texts(texts)) != pinned[path.stem]["mentions_sha256"]:
            mentions_changed.append(path.stem)
    assert not texts_changed, f"the generator changed; regenerate {DIGESTS.name}: {texts_changed[:5]}"
    if mentions_changed:
        path = tmp_path / f"{mentions_changed[0]}.txt"
        first = [(t, dump(mentions_in_texts([t])[0]), dump(reference_mentions_in(t))) for t in synthetic_turns(path)]
        differing = next(((text, a, b) for text, a, b in first if a != b), None)
        if differing is None:
            pytest.fail(
                f"{len(mentions_changed)} interview(s) differ from the pinned digests, but not from the live "
                f"reference (e.g. {mentions_changed[0]}): natasha changed? regenerate {DIGESTS.name}"
            )
        pytest.fail(
            f"{len(mentions_changed)} interview(s) tag differently, e.g. in {mentions_changed[0]}: "
            f"turn, batch path, reference: {differing}"
        )


@pytest.mark.parametrize(
    "texts",
    [
        [],
        [""],
        ["", "   \n", "Казахстан и США."],
        ["Президент К.Токаев прибыл в Вашингтон.", "Президент К.Токаев прибыл в Вашингтон."],
        ["Встреча в Астане. Затем — в Джидде, где глава МИД Казахстана Мурат Нуртлеу говорил с Марко Рубио."],
    ],
)
def test_blank_repeated_and_multi_sentence_texts_tag_as_the_reference(texts):
    assert [dump(found) for found in mentions_in_texts(texts)] == [dump(reference_mentions_in(t)) for t in texts]


def test_a_text_tags_the_same_alone_and_in_a_batch():
    texts = turn_texts(seed_paths()[0])
    together = mentions_in_texts(texts)
    assert [dump(mentions_in_texts([t])[0]) for t in texts] == [dump(found) for found in together]


def test_the_morphology_reach_is_three_tokens():
    # natasha's news morphology model: three convolutions of width 3, each seeing one token either side.
    assert model().morph_reach == 3


@pytest.mark.parametrize(
    "positions, length, reach, windows",
    [
        ([], 10, 3, []),
        ([5], 20, 3, [(2, 9, [5])]),
        ([0], 2, 3, [(0, 2, [0])]),
        ([2, 6], 20, 3, [(0, 10, [2, 6])]),
        ([2, 12], 20, 3, [(0, 6, [2]), (9, 16, [12])]),
        ([1, 4], 9, None, [(0, 9, [1, 4])]),
    ],
)
def test_windows_cover_the_reach_either_side_and_merge_when_they_overlap(positions, length, reach, windows):
    assert _windows(positions, length, reach) == windows


@pytest.mark.parametrize(
    "word, free",
    [("США", True), ("Казахстан", True), ("Казахстана", False), ("Трампом", False), ("ООН", True)],
)
def test_a_token_needs_tags_only_when_they_can_change_its_normal_form(word, free):
    assert _tag_free(word) is free


def regenerate() -> None:
    """Pin the reference's mentions of every synthetic interview (slow: the per-text pipeline, minutes)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        interviews = {}
        for path in synthetic_corpus(Path(folder)):
            texts = synthetic_turns(path)
            interviews[path.stem] = {
                "texts_sha256": digest(texts),
                "mentions_sha256": digest([reference_mentions_in(text) for text in texts]),
            }
    made_by = "tests/test_tagging.py --regenerate: reference_mentions_in on benchmarks/corpus.py's generate(100)"
    DIGESTS.write_text(json.dumps({"made_by": made_by, "interviews": interviews}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--regenerate"]:
    regenerate()
