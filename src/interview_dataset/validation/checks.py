"""Checks across rows of one table, which JSON Schema cannot express: order, alternation, references, offsets.

Each check is a polars expression with one boolean per row, so a failure names the row. `table_check`
registers its problem code (problems.CODES: the field to blame, the docstring as description) and the
configs whose pandera model (model.py) runs it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import polars as pl

from interview_dataset.problems import register
from interview_dataset.vocabulary import load_vocabulary

INTERVIEW = "interview_id"


@dataclass(frozen=True)
class TableCheck:
    """A check across rows: its problem code, and its verdict, LazyFrame → one boolean column true where a row
    passes (model.py runs it in the pandera model and in the one-query screen before it)."""

    code: str
    verdict: Callable[[pl.LazyFrame], pl.LazyFrame]


#: config → its checks across rows, in the order they are defined here.
TABLE_CHECKS: dict[str, list[TableCheck]] = {"turns": [], "qa_pairs": [], "interviews": [], "entities": []}
IS_QUESTION = pl.col("role") == "question"
IS_STATEMENT = pl.col("role") == "statement"


@cache
def _vocabulary_caps() -> dict[str, int]:
    return {slug: topic.cap_major_topic for slug, topic in load_vocabulary().items()}


def table_check(code: str, field: str, *configs: str, whole_frame: bool = False):
    """Decorator: register the check's problem code (described by its docstring) and attach the check to each
    config. The function is a row-wise expression, or with `whole_frame` a LazyFrame → LazyFrame
    function, true where a row passes."""

    def decorate(function):
        register(code, field, function.__doc__)

        def verdict(frame: pl.LazyFrame) -> pl.LazyFrame:
            if whole_frame:
                return function(frame)
            return frame.select(function().fill_null(False).alias(code))

        for config in configs:
            TABLE_CHECKS[config].append(TableCheck(code, verdict))
        return function

    return decorate


@table_check("interviews-out-of-order", "interview_id", "turns", "qa_pairs", "interviews")
def interviews_sorted() -> pl.Expr:
    """Interviews come in the stable order of their ids (the build's order)."""
    return pl.col(INTERVIEW) >= pl.col(INTERVIEW).shift(1).fill_null("")


@table_check("turn-index-not-consecutive", "turn_index", "turns")
def turn_index_consecutive() -> pl.Expr:
    """turn_index runs 1, 2, 3, ... within each interview, in row order."""
    return pl.col("turn_index") == pl.int_range(1, pl.len() + 1).over(INTERVIEW)


@table_check("turn-id-mismatch", "turn_id", "turns")
def turn_id_derived() -> pl.Expr:
    """turn_id is interview_id, then -t and turn_index in 3 digits."""
    return pl.col("turn_id") == pl.col(INTERVIEW) + "-t" + pl.col("turn_index").cast(pl.Utf8).str.zfill(3)


@table_check("turns-do-not-alternate", "role", "turns")
def alternation() -> pl.Expr:
    """Each interview opens with a question or a statement, every question is followed by an answer, and
    exchange_index counts the questions and statements so far (a statement is an exchange of its own)."""
    first = pl.int_range(pl.len()).over(INTERVIEW) == 0
    answered = pl.col("role").shift(-1).over(INTERVIEW) == "answer"
    exchange = (IS_QUESTION | IS_STATEMENT).cast(pl.Int64).cum_sum().over(INTERVIEW)
    opens = IS_QUESTION | IS_STATEMENT
    return (~first | opens) & (~IS_QUESTION | answered.fill_null(False)) & (pl.col("exchange_index") == exchange)


@table_check("statement-out-of-place", "role", "turns")
def statement_in_place() -> pl.Expr:
    """A statement is an interviewee's opening statement, before any question or answer of its interview, or the
    interviewer's closing remark, after its last answer; nowhere else."""
    asked = (IS_QUESTION | (pl.col("role") == "answer")).cast(pl.Int64)
    before = asked.cum_sum().over(INTERVIEW)  # questions and answers up to this row
    after = asked.sum().over(INTERVIEW) - before
    opening = (before == 0) & (pl.col("speaker_role") == "interviewee")
    closing = (after == 0) & (before > 0) & (pl.col("speaker_role") == "interviewer")
    return ~IS_STATEMENT | opening | closing


@table_check("statement-has-reply-to", "reply_to", "turns")
def statement_replies_to_nothing() -> pl.Expr:
    """A statement answers no question: its reply_to is null."""
    return ~IS_STATEMENT | pl.col("reply_to").is_null()


@table_check("exchange-topics-differ", "topic", "turns")
def exchange_shares_topic() -> pl.Expr:
    """A question and its answers share one topic: every turn of an exchange has the topic of its question."""
    return pl.col("topic").eq_missing(pl.col("topic").first().over([INTERVIEW, "exchange_index"]))


@table_check("speaker-role-mismatch", "speaker_role", "turns")
def speaker_role_matches_role() -> pl.Expr:
    """The interviewer asks the questions and interviewees give the answers."""
    return IS_STATEMENT | (IS_QUESTION == (pl.col("speaker_role") == "interviewer"))


@table_check("dangling-reply-to", "reply_to", "turns")
def reply_to_question() -> pl.Expr:
    """An answer's reply_to is the turn_id of the question before it in the same interview; a question's is null."""
    last_question = pl.when(IS_QUESTION).then(pl.col("turn_id")).forward_fill().over(INTERVIEW)
    return (
        pl.when(IS_QUESTION)
        .then(pl.col("reply_to").is_null())
        .when(IS_STATEMENT)
        .then(True)
        .otherwise(pl.col("reply_to") == last_question)
    )


@table_check("offsets-do-not-match-text", "char_start", "turns")
def offsets_match_text() -> pl.Expr:
    """char_end - char_start is the length of text, and turns follow each other without overlapping."""
    previous_end = pl.col("char_end").shift(1).over(INTERVIEW).fill_null(0)
    return ((pl.col("char_end") - pl.col("char_start")) == pl.col("text").str.len_chars()) & (
        pl.col("char_start") >= previous_end
    )


@table_check("cap-code-mismatch", "cap_major_topic", "turns", "qa_pairs")
def cap_matches_topic() -> pl.Expr:
    """cap_major_topic is the vocabulary's code for topic, and null exactly when topic is null."""
    expected = pl.col("topic").replace_strict(_vocabulary_caps(), default=None, return_dtype=pl.Int64)
    return (
        pl.when(expected.is_null())
        .then(pl.col("cap_major_topic").is_null())
        .otherwise(pl.col("cap_major_topic") == expected)
    )


@table_check("topic-source-mismatch", "topic_source", "turns", "qa_pairs")
def topic_source_truthful() -> pl.Expr:
    """topic_source is curated where topic is curated, suggested where only topic_suggested is given, and null
    where neither is."""
    expected = (
        pl.when(pl.col("topic").is_not_null())
        .then(pl.lit("curated"))
        .when(pl.col("topic_suggested").is_not_null())
        .then(pl.lit("suggested"))
        .otherwise(pl.lit(None, dtype=pl.Utf8))
    )
    return pl.col("topic_source").eq_missing(expected)


@table_check("confidence-without-suggestion", "topic_confidence", "turns", "qa_pairs")
def confidence_with_suggestion() -> pl.Expr:
    """topic_confidence is given exactly when topic_suggested is."""
    return pl.col("topic_confidence").is_null() == pl.col("topic_suggested").is_null()


@table_check("pair-id-mismatch", "pair_id", "qa_pairs")
def pair_ids_agree() -> pl.Expr:
    """A pair is named by its answer, and question and answer belong to the pair's interview."""
    prefix = pl.col(INTERVIEW) + "-t"
    return (
        (pl.col("pair_id") == pl.col("answer_turn_id"))
        & pl.col("question_turn_id").str.starts_with(prefix)
        & pl.col("answer_turn_id").str.starts_with(prefix)
    )


@table_check("counts-do-not-add-up", "n_turns", "interviews")
def counts_add_up() -> pl.Expr:
    """n_turns is n_questions + n_answers, or more by the statements, and there is at least one answer per
    question."""
    return (pl.col("n_turns") >= pl.col("n_questions") + pl.col("n_answers")) & (
        pl.col("n_answers") >= pl.col("n_questions")
    )


@table_check("source-hash-mismatch", "source_sha256", "interviews")
def source_hash_matches() -> pl.Expr:
    """source_sha256 is the hash of source_text encoded as UTF-8: the text is the file, byte for byte."""
    # As bytes: polars hands each value over without decoding it to a str and encoding it again (5x faster).
    actual = (
        pl.col("source_text")
        .cast(pl.Binary)
        .map_elements(lambda data: hashlib.sha256(data).hexdigest(), return_dtype=pl.Utf8)
    )
    return actual == pl.col("source_sha256")


@table_check("mention-offsets-do-not-match", "mentions", "turns", whole_frame=True)
def mentions_slice_text(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Every mention is its slice of the turn's text: text[start:end] == mention text."""
    frame = frame.with_row_index("_row")
    mention = pl.col("mentions")
    start, end = mention.struct.field("start"), mention.struct.field("end")
    per_mention = (
        frame.select("_row", "text", "mentions")
        .explode("mentions")
        .drop_nulls("mentions")
        .select(
            "_row",
            (
                (start >= 0)
                & (end > start)
                & (pl.col("text").str.slice(start, end - start) == mention.struct.field("text"))
            ).alias("ok"),
        )
        .group_by("_row")
        .agg(pl.col("ok").all())
    )
    return frame.join(per_mention, on="_row", how="left", maintain_order="left").select(pl.col("ok").fill_null(True))


@table_check("mentions-overlap", "mentions", "turns", whole_frame=True)
def mentions_in_order(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Mentions come in the order of their offsets and never overlap, so a turn has at most as many mentions
    as characters."""
    frame = frame.with_row_index("_row")
    mention = pl.col("mentions")
    per_mention = (
        frame.select("_row", "mentions")
        .explode("mentions")
        .drop_nulls("mentions")
        .select("_row", mention.struct.field("start").alias("start"), mention.struct.field("end").alias("end"))
        .select("_row", (pl.col("start") >= pl.col("end").shift(1).over("_row").fill_null(0)).alias("ok"))
        .group_by("_row")
        .agg(pl.col("ok").all())
    )
    return frame.join(per_mention, on="_row", how="left", maintain_order="left").select(pl.col("ok").fill_null(True))


@table_check("entity-out-of-order", "canonical", "entities")
def entities_in_order() -> pl.Expr:
    """An interview has one row per canonical entity, in order of the canonical name."""
    key = pl.col(INTERVIEW) + "\x00" + pl.col("canonical")
    return (key > key.shift(1)).fill_null(True)
