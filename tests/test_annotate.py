"""Rows from a source: speakers from the sidecar, topics from the vocabulary, ids, pairs and the interview row."""

from __future__ import annotations

import pytest

from interview_dataset.annotate.rows import missing_metadata, rows_from_source
from interview_dataset.errors import SourceError
from interview_dataset.parse.sources import read_source
from interview_dataset.vocabulary import load_vocabulary

from conftest import FIXTURES, SEED


@pytest.fixture(scope="module")
def seed_rows():
    return rows_from_source(read_source(SEED))


def test_seed_gives_six_questions_by_the_interviewer_and_six_answers_by_kuspan(seed_rows):
    questions = [r for r in seed_rows.turns if r["role"] == "question"]
    answers = [r for r in seed_rows.turns if r["role"] == "answer"]
    assert len(questions) == len(answers) == 6
    assert {(r["speaker_role"], r["speaker_id"]) for r in questions} == {("interviewer", "baq-kz-correspondent")}
    assert {(r["speaker_role"], r["speaker"]) for r in answers} == {("interviewee", "Айгуль Куспан")}
    assert {str(r["date"]) for r in seed_rows.turns} == {"2025-12-26"}


def test_question_and_answer_share_a_vocabulary_topic(seed_rows):
    vocabulary = load_vocabulary()
    for question, answer in zip(seed_rows.turns[::2], seed_rows.turns[1::2]):
        assert question["topic"] == answer["topic"] in vocabulary
        assert answer["cap_major_topic"] == vocabulary[answer["topic"]].cap_major_topic
        assert answer["reply_to"] == question["turn_id"] and question["reply_to"] is None
        assert question["exchange_index"] == answer["exchange_index"]


def test_turn_ids_are_unique_and_derived_from_the_interview(seed_rows):
    ids = [r["turn_id"] for r in seed_rows.turns]
    assert len(set(ids)) == 12
    assert ids[0] == "2025-12-26-baq-kz-kuspan-t001" and ids[-1] == "2025-12-26-baq-kz-kuspan-t012"


def test_qa_pairs_join_each_answer_to_its_question(seed_rows):
    assert len(seed_rows.qa_pairs) == 6
    first = seed_rows.qa_pairs[0]
    assert first["question"] == seed_rows.turns[0]["text"] and first["answer"] == seed_rows.turns[1]["text"]
    assert first["pair_id"] == first["answer_turn_id"] == seed_rows.turns[1]["turn_id"]


def test_interview_row_holds_what_the_text_states_and_the_curated_metadata(seed_rows):
    (row,) = seed_rows.interviews
    assert row["outlet"] == "BAQ.KZ" and row["url"] is None and row["language"] == "ru"
    assert row["interviewees"][0]["speaker_id"] == "aigul-kuspan"
    assert "Комитета по международным делам, обороне и безопасности" in row["interviewees"][0]["position"]
    assert (row["n_turns"], row["n_questions"], row["n_answers"]) == (12, 6, 6)
    assert row["source_text"] == SEED.read_text(encoding="utf-8")
    assert row["source_file"] == SEED.name and len(row["source_sha256"]) == 64


@pytest.mark.parametrize(
    "case, line, message",
    [
        ("unknown-topic", 13, "unknown topic 'space-tourism'"),
        ("topic-count", 11, "topics lists 1 topic(s) but the text has 2 exchange(s)"),
    ],
)
def test_sidecar_topics_that_do_not_fit_fail_at_their_line(case, line, message):
    source = read_source(FIXTURES / "bad" / case / "2026-01-15-test-short.txt")
    with pytest.raises(SourceError) as caught:
        rows_from_source(source)
    assert caught.value.path.endswith(".yaml") and caught.value.line == line
    assert message in caught.value.message


def test_every_vocabulary_entry_has_a_cap_code_and_both_labels():
    vocabulary = load_vocabulary()
    assert "no-policy-content" in vocabulary and vocabulary["no-policy-content"].cap_major_topic == 0
    assert all(t.label_en and t.label_ru and t.definition for t in vocabulary.values())
    assert not {t.cap_major_topic for t in vocabulary.values()} & {11, 22}


def test_complete_sidecar_gives_no_warning():
    assert missing_metadata(read_source(SEED)) == []
