"""Entity mentions: real NER offsets that slice the text, titles dropped, one canonical name per entity."""

from __future__ import annotations

import polars as pl
import pytest

from interview_dataset.annotate import mentions
from interview_dataset.annotate.mentions import mentions_in
from interview_dataset.vocabulary import alias_key

from conftest import FIXTURES, ROOT, SEED, run_here
from expectations import EXPECTED

#: Reads this repository's published dataset: the next-interview walkthrough runs it (.ci/next-interview.sh).
pytestmark = pytest.mark.dataset

#: The seed's entities as the build counts them: canonical name → [type, mentions, turns].
SEED_ENTITIES = EXPECTED["entities"][SEED.stem]


@pytest.fixture(scope="module")
def turns():
    """The seed interview's turns in the published data."""
    return pl.read_parquet(ROOT / "data" / "turns" / "*.parquet").filter(pl.col("interview_id") == SEED.stem)


def test_every_mention_slices_its_turn_text_exactly(turns):
    count = 0
    for text, found in zip(turns["text"], turns["mentions"]):
        for mention in found:
            assert text[mention["start"] : mention["end"]] == mention["text"]
            count += 1
    assert count == sum(n for _, n, _ in SEED_ENTITIES.values())


def test_seed_entity_counts_are_pinned():
    entities = pl.read_parquet(ROOT / "data" / "entities" / "*.parquet").filter(pl.col("interview_id") == SEED.stem)
    got = {row["canonical"]: [row["type"], row["n_mentions"], row["n_turns"]] for row in entities.to_dicts()}
    assert got == SEED_ENTITIES


def test_the_variants_of_a_name_are_one_canonical_entity(turns):
    forms = {}
    for found in turns["mentions"]:
        for mention in found:
            forms.setdefault(mention["canonical"], set()).add(mention["text"])
    assert {"К.Токаев", "Касым-Жомарта Токаева", "Токаева", "К.Токаеве"} <= forms["Касым-Жомарт Токаев"]
    assert {"Д.Трампом", "Дональдом Трампом", "Трампа"} <= forms["Дональд Трамп"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "В течение года Президент К.Токаев общался с Президентом Д.Трампом по телефону.",
            [("К.Токаев", "PER", "Касым-Жомарт Токаев"), ("Д.Трампом", "PER", "Дональд Трамп")],
        ),
        (
            "Визиты Специального представителя президента США в Казахстан.",
            [("США", "LOC", "США"), ("Казахстан", "LOC", "Казахстан")],
        ),
    ],
)
def test_titles_are_not_part_of_a_name(text, expected):
    assert [(m["text"], m["type"], m["canonical"]) for m in mentions_in(text)] == expected


@pytest.mark.parametrize(
    "name, key",
    [("К. Токаев", "к.токаев"), ("Соединённые  Штаты", "соединенные штаты"), ("США", "сша")],
)
def test_alias_keys_ignore_case_yo_and_spaces_after_initials(name, key):
    assert alias_key(name) == key


def test_the_model_is_loaded_once_per_process(monkeypatch):
    loads = []
    original = mentions._Model.__init__

    def counting_init(self):
        loads.append(1)
        original(self)

    monkeypatch.setattr(mentions._Model, "__init__", counting_init)
    mentions.model.cache_clear()
    for text in ("Казахстан и США.", "Астана.", "Вашингтон."):
        mentions_in(text)
    assert len(loads) == 1


def test_build_without_mentions_leaves_them_null_and_entities_empty(tmp_path):
    result = run_here(
        "build_dataset.py", "--sources", str(FIXTURES / "good"), "--out", str(tmp_path), "--no-mentions", "--quiet"
    )
    assert result.returncode == 0, result.stderr
    turns = pl.read_parquet(tmp_path / "data" / "turns" / "*.parquet")
    assert turns.height > 0 and turns["mentions"].null_count() == turns.height
    assert pl.read_parquet(tmp_path / "data" / "entities" / "*.parquet").height == 0
    assert run_here("-m", "interview_dataset", "validate", str(tmp_path / "data")).returncode == 0
