"""Every check across rows (checks.py) on frames of a few rows: exactly the rows it flags."""

from __future__ import annotations

import hashlib

import polars as pl
import pytest

from interview_dataset.validation import checks
from interview_dataset.validation.checks import TABLE_CHECKS

I1, I2 = "a-2025", "b-2025"


def flagged(check, frame: pl.DataFrame) -> list[int]:
    """The rows (from 0) a row-wise check (an expression) or a whole-frame check fails."""
    if check in (checks.mentions_slice_text, checks.mentions_in_order):
        passed = check(frame.lazy()).collect().to_series()
    else:
        passed = frame.select(check().fill_null(False)).to_series()
    return [i for i, ok in enumerate(passed) if not ok]


def turns(roles: str, interview: list[str] | None = None, **columns) -> pl.DataFrame:
    """Turns of one interview from a string of roles (q/a/s, s a statement: an interviewee's before the first
    question, the interviewer's after it), consistent unless `columns` say otherwise."""
    n = len(roles)
    role = [{"q": "question", "a": "answer", "s": "statement"}[r] for r in roles]
    exchange = [sum(r in "qs" for r in roles[: i + 1]) for i in range(n)]
    asks = [r == "q" or (r == "s" and "q" in roles[:i]) for i, r in enumerate(roles)]
    ids = interview or [I1] * n
    index = [sum(ids[j] == ids[i] for j in range(i + 1)) for i in range(n)]
    turn_id = [f"{ids[i]}-t{index[i]:03d}" for i in range(n)]
    last_q = [
        max((turn_id[j] for j in range(i) if role[j] == "question" and ids[j] == ids[i]), default=None)
        for i in range(n)
    ]
    base = {
        "interview_id": ids,
        "turn_id": turn_id,
        "turn_index": index,
        "exchange_index": exchange,
        "role": role,
        "speaker_role": ["interviewer" if a else "interviewee" for a in asks],
        "reply_to": [last_q[i] if role[i] == "answer" else None for i in range(n)],
        "topic": ["education"] * n,
        "cap_major_topic": [6] * n,
        "text": ["ab"] * n,
        "char_start": [2 * i for i in range(n)],
        "char_end": [2 * i + 2 for i in range(n)],
    }
    return pl.DataFrame({**base, **columns})


def test_every_check_is_tested_here():
    tested = {name.removeprefix("test_") for name in globals() if name.startswith("test_")}
    assert {check.code.replace("-", "_") for checks_ in TABLE_CHECKS.values() for check in checks_} <= tested


def test_interviews_out_of_order():
    assert flagged(checks.interviews_sorted, pl.DataFrame({"interview_id": [I1, I1, I2, I1]})) == [3]


def test_turn_index_not_consecutive():
    frame = turns("qaqa", turn_index=[1, 2, 4, 4])
    assert flagged(checks.turn_index_consecutive, frame) == [2]


def test_turn_id_mismatch():
    frame = turns("qaq", turn_id=[f"{I1}-t001", f"{I1}-t2", f"{I1}-t003"])
    assert flagged(checks.turn_id_derived, frame) == [1]


def test_turns_do_not_alternate():
    assert flagged(checks.alternation, turns("qaqa")) == []
    assert flagged(checks.alternation, turns("aqa")) == [0]  # opens with an answer
    assert flagged(checks.alternation, turns("qqa")) == [0]  # a question without its answer
    assert flagged(checks.alternation, turns("qaa", exchange_index=[1, 1, 2])) == [2]
    assert flagged(checks.alternation, turns("ssqaqas")) == []  # statements open and close it
    assert flagged(checks.alternation, turns("sqas", exchange_index=[1, 1, 1, 2])) == [1, 2, 3]  # each its own


def test_statement_out_of_place():
    assert flagged(checks.statement_in_place, turns("ssqaqas")) == []
    assert flagged(checks.statement_in_place, turns("qasqa")) == [2]  # in the middle
    assert flagged(checks.statement_in_place, turns("sqa", speaker_role=["interviewer"] * 2 + ["interviewee"])) == [0]
    assert flagged(
        checks.statement_in_place, turns("qas", speaker_role=["interviewer", "interviewee", "interviewee"])
    ) == [2]
    assert flagged(checks.statement_in_place, turns("ss", speaker_role=["interviewee", "interviewer"])) == [
        1
    ]  # closes nothing


def test_statement_has_reply_to():
    frame = turns("sqas", reply_to=[None, None, f"{I1}-t002", f"{I1}-t002"])
    assert flagged(checks.statement_replies_to_nothing, frame) == [3]
    assert flagged(checks.reply_to_question, frame) == []  # statement-has-reply-to's alone


def test_exchange_topics_differ():
    frame = turns("qaaqa", topic=["education", "education", "health", "health", "health"])
    assert flagged(checks.exchange_shares_topic, frame) == [2]


def test_speaker_role_mismatch():
    frame = turns("qaq", speaker_role=["interviewer", "interviewer", "interviewer"])
    assert flagged(checks.speaker_role_matches_role, frame) == [1]
    assert flagged(checks.speaker_role_matches_role, turns("sqas")) == []  # statement-out-of-place's to check


def test_dangling_reply_to():
    frame = turns("qaqa", reply_to=[None, f"{I1}-t001", f"{I1}-t001", f"{I1}-t001"])
    assert flagged(checks.reply_to_question, frame) == [2, 3]


def test_offsets_do_not_match_text():
    frame = turns("qaqa", char_start=[0, 2, 3, 6], char_end=[2, 4, 5, 9])
    assert flagged(checks.offsets_match_text, frame) == [2, 3]  # overlaps the turn before; 3 for a text of 2


def test_cap_code_mismatch():
    frame = pl.DataFrame({"topic": ["education", "education", None, None], "cap_major_topic": [6, 3, None, 6]})
    assert flagged(checks.cap_matches_topic, frame) == [1, 3]


def test_pair_id_mismatch():
    frame = pl.DataFrame(
        {
            "interview_id": [I1, I1, I1],
            "pair_id": [f"{I1}-t002", f"{I1}-t003", f"{I1}-t006"],
            "question_turn_id": [f"{I1}-t001", f"{I1}-t002", f"{I2}-t005"],
            "answer_turn_id": [f"{I1}-t002", f"{I1}-t004", f"{I1}-t006"],
        }
    )
    assert flagged(checks.pair_ids_agree, frame) == [1, 2]


def test_counts_do_not_add_up():
    frame = pl.DataFrame({"n_turns": [4, 5, 3, 3], "n_questions": [2, 2, 2, 2], "n_answers": [2, 2, 1, 2]})
    assert flagged(checks.counts_add_up, frame) == [2, 3]  # 5 > 4: a statement; fewer answers than questions; 3 < 4


def test_source_hash_mismatch():
    text = " date 2025-01-01 A title"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    frame = pl.DataFrame({"source_text": [text, text + " ", text], "source_sha256": [digest, digest, "0" * 64]})
    assert flagged(checks.source_hash_matches, frame) == [1, 2]


def _mention(text: str, start: int, end: int) -> dict:
    return {"text": text, "type": "PER", "normal": text, "canonical": text, "start": start, "end": end}


def test_mention_offsets_do_not_match():
    frame = pl.DataFrame(
        {
            "text": ["Иван Петров сказал", "Иван Петров сказал", "нет", "Иван"],
            "mentions": [[_mention("Иван Петров", 0, 11)], [_mention("Иван Петров", 1, 12)], [], None],
        }
    )
    assert flagged(checks.mentions_slice_text, frame) == [1]


def test_mentions_overlap():
    frame = pl.DataFrame(
        {
            "text": ["Иван Петров и Анна", "Иван Петров и Анна", "Иван"],
            "mentions": [
                [_mention("Иван Петров", 0, 11), _mention("Анна", 14, 18)],
                [_mention("Анна", 14, 18), _mention("Иван Петров", 0, 11)],
                None,
            ],
        }
    )
    assert flagged(checks.mentions_in_order, frame) == [1]


def test_entity_out_of_order():
    frame = pl.DataFrame({"interview_id": [I1, I1, I1, I2], "canonical": ["Анна", "Иван", "Иван", "Анна"]})
    assert flagged(checks.entities_in_order, frame) == [2]


@pytest.mark.parametrize("config", TABLE_CHECKS)
def test_each_config_has_its_checks(config):
    assert TABLE_CHECKS[config]


@pytest.mark.parametrize(
    ("topic", "suggested", "source", "valid"),
    [
        ("education", 6, "curated", True),
        ("education", None, "curated", True),
        (None, 6, "suggested", True),
        (None, None, None, True),
        ("education", 6, "suggested", False),  # a curated topic is the exchange's topic
        (None, 6, "curated", False),  # nothing curated
        (None, None, "suggested", False),  # nothing suggested
        (None, 6, None, False),  # the suggestion is the topic
    ],
)
def test_topic_source_mismatch(topic, suggested, source, valid):
    frame = pl.DataFrame(
        {"topic": [topic], "topic_suggested": [suggested], "topic_source": [source]},
        schema={"topic": pl.Utf8, "topic_suggested": pl.Int64, "topic_source": pl.Utf8},
    )
    assert frame.select(checks.topic_source_truthful())[0, 0] is valid


def test_confidence_without_suggestion():
    frame = pl.DataFrame(
        {"topic_suggested": [6, None, 6, None], "topic_confidence": [0.5, None, None, 0.5]},
        schema={"topic_suggested": pl.Int64, "topic_confidence": pl.Float64},
    )
    assert frame.select(checks.confidence_with_suggestion()).to_series().to_list() == [True, True, False, False]
