"""Checks across rows of one table, which JSON Schema cannot express: order, alternation, references, offsets.

Each check is a polars expression with one boolean per row, so a failure names the row; its name is the
stable problem code and `FIELDS` names the field to blame. The pandera model of schema.py attaches them.
"""

from __future__ import annotations

import hashlib
from functools import cache

import pandera.polars as pdp
import polars as pl

from .vocabulary import load_vocabulary

INTERVIEW = "interview_id"
IS_QUESTION = pl.col("role") == "question"


@cache
def _vocabulary_caps() -> dict[str, int]:
    return {slug: topic.cap_major_topic for slug, topic in load_vocabulary().items()}


def interviews_sorted() -> pl.Expr:
    """Interviews come in the stable order of their ids (the build's order)."""
    return pl.col(INTERVIEW) >= pl.col(INTERVIEW).shift(1).fill_null("")


def turn_index_consecutive() -> pl.Expr:
    """turn_index runs 1, 2, 3, ... within each interview, in row order."""
    return pl.col("turn_index") == pl.int_range(1, pl.len() + 1).over(INTERVIEW)


def turn_id_derived() -> pl.Expr:
    """turn_id is interview_id, then -t and turn_index in 3 digits."""
    return pl.col("turn_id") == pl.col(INTERVIEW) + "-t" + pl.col("turn_index").cast(pl.Utf8).str.zfill(3)


def alternation() -> pl.Expr:
    """Each interview opens with a question, every question is followed by an answer, and exchange_index
    counts the questions so far."""
    first = pl.int_range(pl.len()).over(INTERVIEW) == 0
    answered = pl.col("role").shift(-1).over(INTERVIEW) == "answer"
    exchange = IS_QUESTION.cast(pl.Int64).cum_sum().over(INTERVIEW)
    return (~first | IS_QUESTION) & (~IS_QUESTION | answered.fill_null(False)) & (pl.col("exchange_index") == exchange)


def exchange_shares_topic() -> pl.Expr:
    """A question and its answers share one topic: every turn of an exchange has the topic of its question."""
    return pl.col("topic").eq_missing(pl.col("topic").first().over([INTERVIEW, "exchange_index"]))


def speaker_role_matches_role() -> pl.Expr:
    """The interviewer asks the questions and interviewees give the answers."""
    return IS_QUESTION == (pl.col("speaker_role") == "interviewer")


def reply_to_question() -> pl.Expr:
    """An answer's reply_to is the turn_id of the question before it in the same interview; a question's is null."""
    last_question = pl.when(IS_QUESTION).then(pl.col("turn_id")).forward_fill().over(INTERVIEW)
    return pl.when(IS_QUESTION).then(pl.col("reply_to").is_null()).otherwise(pl.col("reply_to") == last_question)


def offsets_match_text() -> pl.Expr:
    """char_end - char_start is the length of text, and turns follow each other without overlapping."""
    previous_end = pl.col("char_end").shift(1).over(INTERVIEW).fill_null(0)
    return ((pl.col("char_end") - pl.col("char_start")) == pl.col("text").str.len_chars()) & (pl.col("char_start") >= previous_end)


def cap_matches_topic() -> pl.Expr:
    """cap_major_topic is the vocabulary's code for topic, and null exactly when topic is null."""
    expected = pl.col("topic").replace_strict(_vocabulary_caps(), default=None, return_dtype=pl.Int64)
    return pl.when(expected.is_null()).then(pl.col("cap_major_topic").is_null()).otherwise(pl.col("cap_major_topic") == expected)


def pair_ids_agree() -> pl.Expr:
    """A pair is named by its answer, and question and answer belong to the pair's interview."""
    prefix = pl.col(INTERVIEW) + "-t"
    return (
        (pl.col("pair_id") == pl.col("answer_turn_id"))
        & pl.col("question_turn_id").str.starts_with(prefix)
        & pl.col("answer_turn_id").str.starts_with(prefix)
    )


def counts_add_up() -> pl.Expr:
    """n_turns = n_questions + n_answers, and there is at least one answer per question."""
    return (pl.col("n_turns") == pl.col("n_questions") + pl.col("n_answers")) & (pl.col("n_answers") >= pl.col("n_questions"))


def source_hash_matches() -> pl.Expr:
    """source_sha256 is the hash of source_text encoded as UTF-8: the text is the file, byte for byte."""
    actual = pl.col("source_text").map_elements(lambda text: hashlib.sha256(text.encode("utf-8")).hexdigest(), return_dtype=pl.Utf8)
    return actual == pl.col("source_sha256")


def mentions_slice_text(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Every mention is its slice of the turn's text: text[start:end] == mention text."""
    frame = frame.with_row_index("_row")
    mention = pl.col("mentions")
    start, end = mention.struct.field("start"), mention.struct.field("end")
    per_mention = (
        frame.select("_row", "text", "mentions").explode("mentions").drop_nulls("mentions")
        .select("_row", ((start >= 0) & (end > start) & (pl.col("text").str.slice(start, end - start) == mention.struct.field("text"))).alias("ok"))
        .group_by("_row").agg(pl.col("ok").all())
    )
    return frame.join(per_mention, on="_row", how="left", maintain_order="left").select(pl.col("ok").fill_null(True))


def mentions_in_order(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Mentions come in the order of their offsets and never overlap, so a turn has at most as many mentions
    as characters."""
    frame = frame.with_row_index("_row")
    mention = pl.col("mentions")
    per_mention = (
        frame.select("_row", "mentions").explode("mentions").drop_nulls("mentions")
        .select("_row", mention.struct.field("start").alias("start"), mention.struct.field("end").alias("end"))
        .select("_row", (pl.col("start") >= pl.col("end").shift(1).over("_row").fill_null(0)).alias("ok"))
        .group_by("_row").agg(pl.col("ok").all())
    )
    return frame.join(per_mention, on="_row", how="left", maintain_order="left").select(pl.col("ok").fill_null(True))


def entities_in_order() -> pl.Expr:
    """An interview has one row per canonical entity, in order of the canonical name."""
    key = pl.col(INTERVIEW) + "\x00" + pl.col("canonical")
    return (key > key.shift(1)).fill_null(True)


def _check(function, code: str, field: str | None, whole_frame: bool = False) -> pdp.Check:
    """A pandera check from an expression (or, `whole_frame`, a LazyFrame → LazyFrame function)."""
    FIELDS[code] = field
    DESCRIPTIONS[code] = function.__doc__.strip().replace("\n    ", " ")

    def check(data) -> pl.LazyFrame:
        if whole_frame:
            return function(data.lazyframe)
        return data.lazyframe.select(function().fill_null(False).alias(code))

    return pdp.Check(check, name=code, description=DESCRIPTIONS[code])


#: Problem code → the field a failure of that check is reported against, and what the check demands.
FIELDS: dict[str, str | None] = {}
DESCRIPTIONS: dict[str, str] = {}

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
        _check(exchange_shares_topic, "exchange-topics-differ", "topic"),
        _check(mentions_slice_text, "mention-offsets-do-not-match", "mentions", whole_frame=True),
        _check(mentions_in_order, "mentions-overlap", "mentions", whole_frame=True),
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
    "entities": [
        _check(entities_in_order, "entity-out-of-order", "canonical"),
    ],
}
