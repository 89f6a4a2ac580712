"""Checks across rows of one table, which JSON Schema cannot express: order, alternation, references, offsets.

Each check returns one boolean per row, so a failure names the row; its name is the stable problem code and
`FIELDS` names the field to blame. The pandera model of schema.py attaches them to the columns it derives.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pandera.pandas as pdr


def _vocabulary_caps() -> dict[str, int]:
    from .annotate import load_vocabulary

    return {slug: topic.cap_major_topic for slug, topic in load_vocabulary().items()}


def _position(df: pd.DataFrame) -> pd.Series:
    return df.groupby("interview_id", sort=False).cumcount() + 1


def turn_index_consecutive(df: pd.DataFrame) -> pd.Series:
    """turn_index runs 1, 2, 3, ... within each interview, in row order."""
    return (df["turn_index"] == _position(df)).fillna(False)


def turn_id_derived(df: pd.DataFrame) -> pd.Series:
    """turn_id is <interview_id>-t<turn_index, 3 digits>."""
    expected = df["interview_id"] + "-t" + df["turn_index"].astype("string").str.zfill(3)
    return (df["turn_id"] == expected).fillna(False)


def alternation(df: pd.DataFrame) -> pd.Series:
    """Each interview opens with a question, every question is followed by an answer, and exchange_index
    counts the questions so far."""
    is_question = df["role"] == "question"
    group = df.groupby("interview_id", sort=False)
    first = _position(df) == 1
    nxt = group["role"].shift(-1)
    question_answered = ~is_question | (nxt == "answer")
    exchange = is_question.astype("int64").groupby(df["interview_id"], sort=False).cumsum()
    return ((~first | is_question) & question_answered & (df["exchange_index"] == exchange)).fillna(False)


def speaker_role_matches_role(df: pd.DataFrame) -> pd.Series:
    """The interviewer asks the questions and interviewees give the answers."""
    return (df["role"] == "question") == (df["speaker_role"] == "interviewer")


def reply_to_question(df: pd.DataFrame) -> pd.Series:
    """An answer's reply_to is the turn_id of the question before it in the same interview; a question's is null."""
    is_question = df["role"] == "question"
    last_question = df["turn_id"].where(is_question).groupby(df["interview_id"], sort=False).ffill()
    answer_ok = df["reply_to"] == last_question
    return (is_question & df["reply_to"].isna()) | (~is_question & answer_ok.fillna(False))


def offsets_match_text(df: pd.DataFrame) -> pd.Series:
    """char_end - char_start is the length of text, and turns follow each other without overlapping."""
    length_ok = (df["char_end"] - df["char_start"]) == df["text"].str.len()
    previous_end = df.groupby("interview_id", sort=False)["char_end"].shift(1).fillna(0)
    return (length_ok & (df["char_start"] >= previous_end)).fillna(False)


def cap_matches_topic(df: pd.DataFrame) -> pd.Series:
    """cap_major_topic is the vocabulary's code for topic, and null exactly when topic is null."""
    expected = df["topic"].map(_vocabulary_caps()).astype("Int64")
    both_null = expected.isna() & df["cap_major_topic"].isna()
    return both_null | (df["cap_major_topic"] == expected).fillna(False)


def pair_ids_agree(df: pd.DataFrame) -> pd.Series:
    """A pair is named by its answer, and question and answer belong to the pair's interview."""
    same_interview = [
        isinstance(q, str) and isinstance(a, str) and q.startswith(f"{i}-t") and a.startswith(f"{i}-t")
        for i, q, a in zip(df["interview_id"], df["question_turn_id"], df["answer_turn_id"])
    ]
    return ((df["pair_id"] == df["answer_turn_id"]).fillna(False) & pd.Series(same_interview, index=df.index))


def counts_add_up(df: pd.DataFrame) -> pd.Series:
    """n_turns = n_questions + n_answers, and there is at least one answer per question."""
    return ((df["n_turns"] == df["n_questions"] + df["n_answers"]) & (df["n_answers"] >= df["n_questions"])).fillna(False)


def source_hash_matches(df: pd.DataFrame) -> pd.Series:
    """source_sha256 is the hash of source_text encoded as UTF-8: the text is the file, byte for byte."""
    actual = df["source_text"].map(lambda text: hashlib.sha256(text.encode("utf-8")).hexdigest() if isinstance(text, str) else None)
    return (actual == df["source_sha256"]).fillna(False)


def interviews_sorted(df: pd.DataFrame) -> pd.Series:
    """Interviews come in the stable order of their ids (the build's order)."""
    ids = df["interview_id"]
    return (ids >= ids.shift(1).fillna("")).fillna(False)


def _check(function, code: str, field: str | None) -> pdr.Check:
    FIELDS[code] = field
    return pdr.Check(function, name=code, description=function.__doc__.strip().splitlines()[0])


#: Problem code → the field a failure of that check is reported against.
FIELDS: dict[str, str | None] = {}

TABLE_CHECKS = {
    "turns": [
        _check(interviews_sorted, "interviews-out-of-order", "interview_id"),
        _check(turn_index_consecutive, "turn-index-not-consecutive", "turn_index"),
        _check(turn_id_derived, "turn-id-mismatch", "turn_id"),
        _check(alternation, "turns-do-not-alternate", "role"),
        _check(speaker_role_matches_role, "speaker-role-mismatch", "speaker_role"),
        _check(reply_to_question, "dangling-reply-to", "reply_to"),
        _check(offsets_match_text, "offsets-do-not-match-text", "char_start"),
        _check(cap_matches_topic, "cap-code-mismatch", "cap_major_topic"),
    ],
    "qa_pairs": [
        _check(interviews_sorted, "interviews-out-of-order", "interview_id"),
        _check(pair_ids_agree, "pair-id-mismatch", "pair_id"),
        _check(cap_matches_topic, "cap-code-mismatch", "cap_major_topic"),
    ],
    "interviews": [
        _check(interviews_sorted, "interviews-out-of-order", "interview_id"),
        _check(counts_add_up, "counts-do-not-add-up", "n_turns"),
        _check(source_hash_matches, "source-hash-mismatch", "source_sha256"),
    ],
}
