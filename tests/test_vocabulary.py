"""The curated tables (topics.yaml, aliases.yaml): a broken edit is refused with the line to fix."""

from __future__ import annotations

import shutil

import pytest

from interview_dataset import vocabulary
from interview_dataset.errors import SourceError
from interview_dataset.schema import schema_dir


@pytest.fixture
def tables(tmp_path, monkeypatch):
    """A copy of schema/ that the loaders read instead, with their caches emptied before and after."""
    for name in ("topics.yaml", "aliases.yaml", "cap_topics.yaml"):
        shutil.copyfile(schema_dir() / name, tmp_path / name)
    monkeypatch.setattr(vocabulary, "schema_dir", lambda: tmp_path)
    loaders = (vocabulary.load_vocabulary, vocabulary.load_aliases, vocabulary.load_cap_topics)
    for loader in loaders:
        loader.cache_clear()
    yield tmp_path
    for loader in loaders:
        loader.cache_clear()


def _line_of(path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_a_topic_with_a_bad_cap_code_names_its_line(tables):
    path = tables / "topics.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  cap_major_topic: 19\n", "  cap_major_topic: 11\n", 1),
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as caught:
        vocabulary.load_vocabulary()
    assert (
        str(caught.value) == f"{path}:{_line_of(path, '  cap_major_topic: 11')}: 0.cap_major_topic: 11 is not one of "
        "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23]"
    )


def test_a_duplicate_slug_names_the_line_of_the_second(tables):
    path = tables / "topics.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("- slug: summit-diplomacy", "- slug: bilateral-relations"),
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as caught:
        vocabulary.load_vocabulary()
    line = path.read_text(encoding="utf-8").splitlines().index("- slug: bilateral-relations", 10) + 1
    assert str(caught.value) == f"{path}:{line}: duplicate slug 'bilateral-relations' in the topic vocabulary"


def test_an_unknown_key_in_the_alias_table_names_its_line(tables):
    path = tables / "aliases.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("titles:", "headings:", 1), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        vocabulary.load_aliases()
    assert (
        str(caught.value)
        == f"{path}:{_line_of(path, 'headings:')}: aliases.yaml: Additional properties are not allowed "
        "('headings' was unexpected)"
    )


def test_the_shipped_tables_load():
    assert vocabulary.load_vocabulary()
    assert vocabulary.load_aliases().canonical


def test_cap_topics_are_the_codebook_major_topics_and_no_policy_content():
    topics = vocabulary.load_cap_topics()
    assert list(topics) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23]
    assert (topics[19].label_en, topics[19].label_ru, topics[19].label_kk) == (
        "International affairs",
        "Международные отношения",
        "Халықаралық қатынастар",
    )


def test_every_curated_topic_falls_under_a_cap_topic():
    assert {topic.cap_major_topic for topic in vocabulary.load_vocabulary().values()} <= set(
        vocabulary.load_cap_topics()
    )


def test_a_duplicate_cap_code_names_the_line_of_the_second(tables):
    path = tables / "cap_topics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- code: 23\n", "- code: 21\n"), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        vocabulary.load_cap_topics()
    line = path.read_text(encoding="utf-8").splitlines().index("- code: 21", 126) + 1
    assert str(caught.value) == f"{path}:{line}: duplicate CAP code 21 in cap_topics.yaml"
