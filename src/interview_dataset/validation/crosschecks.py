"""The checks across configs: what one config says about another must hold (texts, counts, pairs, entities).

Each function takes the rows under check of every config (`parts`: config → rows with `table()` and
`locate(row)` giving file and row, see configrows.py) and returns the problems it finds, each naming the
row of the config that is wrong.
"""

from __future__ import annotations

import polars as pl

from interview_dataset.problems import Problem, reports
from interview_dataset.validation.configrows import ConfigRows, frame
from interview_dataset.validation.speakers import speaker_problems


def cross_problems(parts: dict[str, ConfigRows], entities: bool = True) -> list[Problem]:
    """Every check across configs (`entities`: the entity counts too)."""
    turns = frame(parts["turns"].table().drop_columns(["mentions"]))
    interviews = _interviews(parts)
    problems = (
        source_problems(parts, turns, interviews)
        + count_problems(parts, turns, interviews)
        + pair_problems(parts, turns)
        + speaker_problems(parts, turns)
    )
    return problems + (entity_problems(parts) if entities else [])


def _interviews(parts: dict[str, ConfigRows]) -> pl.DataFrame:
    """The interviews config's columns that other configs are checked against, and each source's length."""
    interviews = frame(
        parts["interviews"]
        .table()
        .select(["interview_id", "date", "n_turns", "n_questions", "n_answers", "source_text"])
    )
    return interviews.with_columns(pl.col("source_text").str.len_chars().alias("source_length"))


@reports("unknown-interview", "interview_id", "a turn's interview is not in the interviews config")
@reports("offsets-outside-source", "char_end", "a turn's offsets lie outside its interview's source text")
@reports(
    "text-does-not-match-source", "text", "a turn's text is not its slice char_start:char_end of the verbatim source"
)
@reports("date-mismatch", "date", "a turn's date is not its interview's")
def source_problems(parts: dict[str, ConfigRows], turns: pl.DataFrame, interviews: pl.DataFrame) -> list[Problem]:
    """Every turn belongs to an interview, has its date, and its text is its slice of the verbatim source."""
    interviews = interviews.select("interview_id", "date", "source_text", "source_length")
    turns = turns.select(["interview_id", "turn_id", "role", "date", "text", "char_start", "char_end"])
    joined = turns.with_row_index("row").join(
        interviews, on="interview_id", how="left", suffix="_interview", maintain_order="left"
    )
    start, end = pl.col("char_start"), pl.col("char_end")
    known = pl.col("source_text").is_not_null()
    inside = (start >= 0) & (start <= end) & (end <= pl.col("source_length"))
    flagged = joined.select(
        "row",
        "interview_id",
        "date",
        "date_interview",
        "char_start",
        "char_end",
        "source_length",
        (~known).alias("unknown"),
        (known & ~inside).alias("outside"),
        (known & inside & (pl.col("source_text").str.slice(start, end - start) != pl.col("text"))).alias("mismatch"),
        (known & (pl.col("date") != pl.col("date_interview"))).alias("date_off"),
    ).filter(pl.any_horizontal("unknown", "outside", "mismatch", "date_off"))
    problems = []
    for r in flagged.to_dicts():
        file, row = parts["turns"].locate(r["row"])
        if r["unknown"]:
            problems.append(
                Problem(
                    file,
                    row,
                    "interview_id",
                    "unknown-interview",
                    f"interview {r['interview_id']!r} is not in the interviews config",
                )
            )
        if r["outside"]:
            problems.append(
                Problem(
                    file,
                    row,
                    "char_end",
                    "offsets-outside-source",
                    f"offsets {r['char_start']}:{r['char_end']} lie outside the source text of {r['source_length']} characters",
                )
            )
        if r["mismatch"]:
            problems.append(
                Problem(
                    file,
                    row,
                    "text",
                    "text-does-not-match-source",
                    f"text is not the source slice {r['char_start']}:{r['char_end']}",
                )
            )
        if r["date_off"]:
            problems.append(
                Problem(
                    file,
                    row,
                    "date",
                    "date-mismatch",
                    f"date {r['date']} differs from the interview's {r['date_interview']}",
                )
            )
    return problems


@reports("count-mismatch", "*", "an interview's n_turns, n_questions or n_answers differs from the turns config")
def count_problems(parts: dict[str, ConfigRows], turns: pl.DataFrame, interviews: pl.DataFrame) -> list[Problem]:
    """An interview's counts of turns, questions and answers are those of the turns config."""
    problems = []
    counts = turns.group_by("interview_id").agg(
        pl.len().alias("turns_n_turns"),
        (pl.col("role") == "question").sum().alias("turns_n_questions"),
        (pl.col("role") == "answer").sum().alias("turns_n_answers"),
    )
    compared = (
        interviews.select("interview_id", "n_turns", "n_questions", "n_answers")
        .with_row_index("row")
        .join(counts, on="interview_id", how="left", maintain_order="left")
    )
    differ = pl.any_horizontal(
        pl.col(name) != pl.col(f"turns_{name}").fill_null(0) for name in ("n_turns", "n_questions", "n_answers")
    )
    for r in compared.filter(differ.fill_null(True)).to_dicts():
        for name in ("n_turns", "n_questions", "n_answers"):
            have = r[f"turns_{name}"] or 0
            if r[name] != have:
                file, row = parts["interviews"].locate(r["row"])
                problems.append(
                    Problem(file, row, name, "count-mismatch", f"{name} is {r[name]} but the turns config has {have}")
                )
    return problems


@reports("pair-turns-mismatch", "question_turn_id", "a pair is not a question and the answer to it in the turns config")
@reports("pair-text-mismatch", "*", "a pair's question or answer text differs from its turn's text")
@reports(
    "pair-mismatch", "*", "a pair's interview, exchange, speakers, topic, date or language differs from its turns'"
)
@reports("pair-missing", "answer_turn_id", "an answer of the turns config has no row in qa_pairs")
@reports("statement-in-qa-pairs", "question_turn_id", "a pair's question or answer is a statement in the turns config")
def pair_problems(parts: dict[str, ConfigRows], turns: pl.DataFrame) -> list[Problem]:
    """Each pair is a question and the answer to it in the turns config, with their texts and metadata, and
    every answer has its pair."""
    problems = []
    pairs = frame(parts["qa_pairs"].table()).with_row_index("row")
    sides = {side: turns.select(pl.all().name.prefix(f"{side}_")) for side in ("q", "a")}
    joined = pairs.join(
        sides["q"], left_on="question_turn_id", right_on="q_turn_id", how="left", maintain_order="left"
    ).join(sides["a"], left_on="answer_turn_id", right_on="a_turn_id", how="left", maintain_order="left")
    statement = (pl.col("q_role") == "statement") | (pl.col("a_role") == "statement")
    problems += _pair_rows(
        parts,
        joined.filter(statement.fill_null(False)),
        "question_turn_id",
        "statement-in-qa-pairs",
        lambda r: (
            f"{r['question_turn_id']!r} or {r['answer_turn_id']!r} is a statement in the turns config, which has no pair"
        ),
    )
    not_a_pair = (
        (pl.col("q_role") != "question").fill_null(True)
        | (pl.col("a_role") != "answer").fill_null(True)
        | ~pl.col("a_reply_to").eq_missing(pl.col("question_turn_id"))
    )
    problems += _pair_rows(
        parts,
        joined.filter(~statement.fill_null(False) & not_a_pair),
        "question_turn_id",
        "pair-turns-mismatch",
        lambda r: (
            f"{r['question_turn_id']!r} and {r['answer_turn_id']!r} are not a question and the answer to it in the turns config"
        ),
    )
    for field_, expected, code in _PAIR_FIELDS:
        problems += _pair_rows(
            parts,
            joined.filter(~pl.col(field_).eq_missing(pl.col(expected)) & pl.col("a_role").is_not_null()),
            field_,
            code,
            lambda r, field_=field_, expected=expected: (
                f"{field_} differs from the turns config ({expected.replace('q_', 'question ').replace('a_', 'answer ')})"
            ),
        )
    unpaired = turns.filter(pl.col("role") == "answer").join(
        pairs, left_on="turn_id", right_on="answer_turn_id", how="anti"
    )
    for turn_id in unpaired["turn_id"].to_list():
        problems.append(
            Problem(
                parts["qa_pairs"].file,
                None,
                "answer_turn_id",
                "pair-missing",
                f"answer {turn_id!r} has no row in qa_pairs",
            )
        )
    return problems


def _pair_rows(parts: dict[str, ConfigRows], rows: pl.DataFrame, field: str, code: str, message) -> list[Problem]:
    """One problem per row of `rows` (qa_pairs rows with their index in `row`), worded by `message(row)`."""
    problems = []
    for r in rows.to_dicts():
        file, row = parts["qa_pairs"].locate(r["row"])
        problems.append(Problem(file, row, field, code, message(r)))
    return problems


#: qa_pairs field, the turns field it must equal (q_: of the question, a_: of the answer), problem code.
_PAIR_FIELDS = [
    ("question", "q_text", "pair-text-mismatch"),
    ("answer", "a_text", "pair-text-mismatch"),
    ("interview_id", "a_interview_id", "pair-mismatch"),
    ("exchange_index", "a_exchange_index", "pair-mismatch"),
    ("interviewer", "q_speaker", "pair-mismatch"),
    ("interviewee", "a_speaker", "pair-mismatch"),
    ("interviewee_id", "a_speaker_id", "pair-mismatch"),
    ("topic", "a_topic", "pair-mismatch"),
    ("cap_major_topic", "a_cap_major_topic", "pair-mismatch"),
    ("topic_suggested", "a_topic_suggested", "pair-mismatch"),
    ("topic_confidence", "a_topic_confidence", "pair-mismatch"),
    ("topic_source", "a_topic_source", "pair-mismatch"),
    ("date", "a_date", "pair-mismatch"),
    ("language", "a_language", "pair-mismatch"),
]


@reports("entity-missing", "canonical", "an entity mentioned in the turns config has no entities row")
@reports(
    "entity-count-mismatch",
    "n_mentions",
    "an entity's mention and turn counts differ from the mentions of the turns config",
)
def entity_problems(parts: dict[str, ConfigRows]) -> list[Problem]:
    """The entities config counts exactly the mentions of the turns config, per interview and canonical name."""
    mentions = frame(parts["turns"].table().select(["interview_id", "turn_id", "mentions"]))
    if mentions["mentions"].null_count() == len(mentions):  # built without mentions: no entities either
        expected = pl.DataFrame(
            schema={"interview_id": pl.Utf8, "canonical": pl.Utf8, "want_mentions": pl.UInt32, "want_turns": pl.UInt32}
        )
    else:
        expected = (
            mentions.explode("mentions")
            .drop_nulls("mentions")
            .select("interview_id", "turn_id", pl.col("mentions").struct.field("canonical"))
            .group_by("interview_id", "canonical")
            .agg(pl.len().alias("want_mentions"), pl.col("turn_id").n_unique().alias("want_turns"))
        )
    entities = frame(
        parts["entities"].table().select(["interview_id", "canonical", "n_mentions", "n_turns"])
    ).with_row_index("row")
    compared = entities.join(
        expected, on=["interview_id", "canonical"], how="full", coalesce=True, maintain_order="left"
    )
    problems = []
    for r in compared.filter(
        pl.col("row").is_null()
        | (pl.col("n_mentions") != pl.col("want_mentions").fill_null(0))
        | (pl.col("n_turns") != pl.col("want_turns").fill_null(0))
    ).to_dicts():
        if r["row"] is None:
            problems.append(
                Problem(
                    parts["entities"].file,
                    None,
                    "canonical",
                    "entity-missing",
                    f"{r['canonical']!r} is mentioned in interview {r['interview_id']!r} but has no entities row",
                )
            )
            continue
        file, row = parts["entities"].locate(r["row"])
        problems.append(
            Problem(
                file,
                row,
                "n_mentions",
                "entity-count-mismatch",
                f"{r['canonical']!r}: {r['n_mentions']} mentions in {r['n_turns']} turns, but the turns config has "
                f"{r['want_mentions'] or 0} in {r['want_turns'] or 0}",
            )
        )
    return problems
