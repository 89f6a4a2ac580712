"""Which paragraphs are the lead, which are questions and which answers: every turn marked, one role marked,
or nothing marked. One mechanism reads all three, and refuses whenever the evidence is not clear.

A reading is a lead (the paragraphs before the first turn) and turns, each a run of paragraphs with a role.
A reading meets the evidence rule when `doubt` finds nothing:

- every question's last paragraph ends with `?` (a closing quote or bracket may follow it), and no question
  goes on after a paragraph ending with `?`;
- no answer followed by another turn ends with `?`, and no answer of several paragraphs opens with one;
- the lead, if any, does not end with `?` (else it may be the first question);
- nothing marked only: a lead comes first, and questions and answers alternate to the end.

"One role marked" and "nothing marked" readings are taken only when they meet it. "Every turn marked" also
stands when it only lacks a `?` at the end of a question (older texts need not end questions with `?`), unless
another reading finds a `?` where it puts a question; a `?` where it has none (at the end of an answer, inside
a question, at the end of the lead) means the text may mark one role only, and the build refuses rather than
guess.

A turn nobody asked for is a statement, and only where speaker labels say who speaks and the sidecar or a label
says who asks: the answering speakers' turns before the first question, and the asking speaker's after the last
answer when none ends with `?`. Anywhere else the reading opens with a question and ends with an answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from interview_dataset.errors import SourceError
from interview_dataset.parse.clarify import is_clarification
from interview_dataset.parse.markers import ends_with_question
from interview_dataset.parse.paragraphs import Paragraph

QUESTION, ANSWER, STATEMENT = "question", "answer", "statement"
ALL_MARKED, ANSWERS_MARKED, QUESTIONS_MARKED, UNMARKED = (
    "all-marked",
    "answers-marked",
    "questions-marked",
    "unmarked-question-marks",
)
HINT = "mark the questions (e.g. '- ' before each), or import the saved web page, where bold questions survive"


@dataclass(frozen=True)
class Span:
    """One turn: paragraphs first..last (indexes), its role; for a turn nobody marked, the marked paragraph whose
    speaker speaks it (`voice`), if the reading knows."""

    first: int
    last: int
    role: str
    voice: int | None = None


@dataclass(frozen=True)
class Reading:
    """How a text divides into lead and turns, and under which rule."""

    kind: str
    lead: int  # number of lead paragraphs
    turns: tuple[Span, ...]


def read_roles(
    paragraphs: list[Paragraph],
    marked: list[int],
    roles: Sequence[str | None],
    alternating: bool,
    path: str,
    round_table: bool = False,
    statements: bool = False,
) -> Reading:
    """The one reading the evidence supports. `marked` are the indexes of marked paragraphs, `roles` what
    their markers say (None: the marker does not say, as with dashes; `alternating`: the convention reads
    all-marked turns as question, answer, question, …; `statements`: the markers say who speaks and who asks,
    so turns before the first question or after the last answer may be statements)."""
    if not marked:
        return _accept(paragraphs, unmarked(paragraphs), path, "no turn markers found")
    known = {r for r in roles if r}
    if known == {QUESTION, ANSWER}:  # labels that say both roles say one for every turn
        return all_marked(paragraphs, marked, roles, path, round_table, statements)  # type: ignore[arg-type]
    if known:  # one role marked, the markers say which
        reader = answers_marked if known == {ANSWER} else questions_marked
        return _accept(paragraphs, reader(paragraphs, marked), path, f"only {known.pop()}s are marked")
    candidates = {
        ANSWERS_MARKED: answers_marked(paragraphs, marked),
        QUESTIONS_MARKED: questions_marked(paragraphs, marked),
    }
    if alternating and len(marked) % 2 == 0:
        candidates[ALL_MARKED] = all_marked(paragraphs, marked, [QUESTION, ANSWER] * (len(marked) // 2), path)
    valid = {kind: r for kind, r in candidates.items() if r is not None}
    clear = [kind for kind, r in valid.items() if doubt(paragraphs, r) is None]
    # With no clear reading, all-marked stands unless another reading finds at least one question mark where
    # it puts a question: then the text may well mark one role only, and guessing could be silently wrong.
    supported = [kind for kind, r in valid.items() if kind != ALL_MARKED and _asks_somewhere(paragraphs, r)]
    all_marked_stands = (
        ALL_MARKED in valid and not supported and doubt(paragraphs, valid[ALL_MARKED], strong=True) is None
    )
    if len(clear) == 1 or (not clear and all_marked_stands):
        return valid[clear[0] if clear else ALL_MARKED]
    if len(clear) > 1:
        line = paragraphs[marked[0]].number
        raise SourceError(path, line, f"turns can be read as {' or as '.join(clear)}; {HINT}")
    if not valid:  # no reading fits: say what the all-marked reading finds wrong
        return all_marked(paragraphs, marked, [QUESTION, ANSWER] * ((len(marked) + 1) // 2), path)
    # Name the doubt of the reading that fits the text furthest: its first doubtful paragraph is the latest.
    pool = [r for kind, r in valid.items() if kind == ALL_MARKED or kind in supported] or list(valid.values())
    doubts = [d for d in (doubt(paragraphs, r) for r in pool) if d is not None]  # none is clear here
    first = max(doubts, key=lambda d: d[0])
    raise SourceError(path, paragraphs[first[0]].number, f"{first[1]}; not sure which paragraphs are questions: {HINT}")


def _accept(paragraphs: list[Paragraph], reading: Reading | None | tuple[int, str], path: str, what: str) -> Reading:
    if isinstance(reading, tuple):
        raise SourceError(path, paragraphs[reading[0]].number if paragraphs else 2, f"{what}: {reading[1]}; {HINT}")
    if reading is None:
        raise SourceError(
            path, paragraphs[0].number, f"{what}, and they do not alternate with unmarked paragraphs; {HINT}"
        )
    found = doubt(paragraphs, reading)
    if found:
        raise SourceError(path, paragraphs[found[0]].number, f"{what}: {found[1]}; {HINT}")
    return reading


def _asks_somewhere(paragraphs: list[Paragraph], reading: Reading) -> bool:
    return any(ends_with_question(paragraphs[s.last].last_text) for s in reading.turns if s.role == QUESTION)


def all_marked(
    paragraphs: list[Paragraph],
    marked: list[int],
    roles: list[str],
    path: str,
    round_table: bool = False,
    statements: bool = False,
) -> Reading:
    """Every turn marked: a turn runs from its marker to the next. Questions and answers must alternate, question
    first; several answers in a row only where `roles` come from speaker labels (a round table). With
    `statements`, the interviewees' turns before the first question and the interviewer's after the last answer
    are statements (`with_statements`)."""
    bounds = [*marked[1:], len(paragraphs)]
    spans = tuple(Span(m, stop - 1, role) for m, stop, role in zip(marked, bounds, roles))
    if statements:
        spans = with_statements(paragraphs, spans)
    _check_alternation(paragraphs, [s for s in spans if s.role != STATEMENT], path, round_table)
    return Reading(ALL_MARKED, marked[0], spans)


def with_statements(paragraphs: list[Paragraph], spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Turns spoken unasked, where the labels say who speaks and who asks: the answering speakers' turns before
    the first question (an opening statement) and the asking speaker's after the last answer, when none of
    them ends with '?' (a closing remark; a last question left unanswered stays a question, and is refused)."""
    roles = [s.role for s in spans]
    if QUESTION not in roles or ANSWER not in roles[roles.index(QUESTION) :]:
        return spans
    first = roles.index(QUESTION)
    after = len(roles) - roles[::-1].index(ANSWER)
    closing = spans[after:]
    if any(ends_with_question(paragraphs[s.last].last_text) for s in closing):
        closing = ()
    statement = set(range(first)) | set(range(after, after + len(closing)))
    return tuple(replace(s, role=STATEMENT) if i in statement else s for i, s in enumerate(spans))


def _check_alternation(paragraphs: list[Paragraph], spans: Sequence[Span], path: str, round_table: bool) -> None:
    line = [paragraphs[s.first].number for s in spans]
    if spans[0].role != QUESTION:
        raise SourceError(path, line[0], "the first turn must be a question; turns don't alternate as they must")
    for i, span in enumerate(spans):
        nxt = spans[i + 1].role if i + 1 < len(spans) else None
        if span.role == QUESTION and nxt != ANSWER:
            where = "last turn" if nxt is None else "question followed by another question"
            raise SourceError(path, line[i], f"question without an answer ({where})")
        if span.role == ANSWER and nxt == ANSWER and not round_table:
            raise SourceError(path, line[i + 1], "two answers in a row; turns don't alternate as they must")


def answers_marked(paragraphs: list[Paragraph], marked: list[int]) -> Reading | None:
    """Only answers marked: the unmarked paragraph right before each answer is its question. None when an answer
    has no unmarked paragraph before it."""
    spans: list[Span] = []
    previous = -1
    for m in marked:
        question = m - 1
        if question <= previous:
            return None
        if spans:
            spans[-1] = Span(spans[-1].first, question - 1, ANSWER)
        spans += [Span(question, question, QUESTION), Span(m, len(paragraphs) - 1, ANSWER)]
        previous = m
    return Reading(ANSWERS_MARKED, spans[0].first, tuple(spans))


def questions_marked(paragraphs: list[Paragraph], marked: list[int]) -> Reading | None:
    """Only questions marked: the unmarked paragraphs after each question, up to the next, are its answer. None
    when a question has none."""
    spans = []
    for m, stop in zip(marked, [*marked[1:], len(paragraphs)]):
        if stop == m + 1:
            return None
        spans += [Span(m, m, QUESTION), Span(m + 1, stop - 1, ANSWER)]
    return Reading(QUESTIONS_MARKED, marked[0], tuple(spans))


def unmarked(paragraphs: list[Paragraph]) -> Reading | tuple[int, str]:
    """Nothing marked: each paragraph ending with `?` is a question, the paragraphs up to the next its answer.
    Returns (paragraph index, why) where the rule fails."""
    asks = [i for i, p in enumerate(paragraphs) if ends_with_question(p.last_text)]
    if not asks:
        return 0, "no paragraph ends with '?', so no question can be told from an answer"
    if asks[0] == 0:
        return 0, "the first paragraph ends with '?': no lead before the first question"
    # A short clarification right after a question («Например?») is part of it (clarify.py).
    asking = set(asks)
    clarifications = {k for k in asks if k - 1 in asking and k - 2 not in asking and is_clarification(paragraphs[k])}
    asks = [k for k in asks if k not in clarifications]
    spans = []
    for q, stop in zip(asks, [*asks[1:], len(paragraphs)]):
        end = q + 1 if q + 1 in clarifications else q
        if stop == len(paragraphs) == end + 1:
            return end, "the last paragraph ends with '?': a question without an answer"
        if stop == end + 1:
            return (
                stop,
                "two paragraphs in a row end with '?': two questions in a row (the second is not a short clarification such as «Например?»)",
            )
        spans += [Span(q, end, QUESTION), Span(end + 1, stop - 1, ANSWER)]
    return Reading(UNMARKED, asks[0], tuple(spans))


def doubt(paragraphs: list[Paragraph], reading: Reading, strong: bool = False) -> tuple[int, str] | None:
    """The first paragraph where the evidence rule fails for this reading, and why; None when it holds. With
    `strong`, only failures that point to another structure count (a `?` where this reading has none), not a
    question that merely lacks its `?`."""
    problems = []
    if reading.lead and ends_with_question(paragraphs[reading.lead - 1].last_text):
        problems.append((reading.lead - 1, "the lead ends with '?', so it may be the first question"))
    for i, span in enumerate(reading.turns):
        ends = ends_with_question(paragraphs[span.last].last_text)
        if span.role == QUESTION and not ends and not strong:
            problems.append((span.last, "a question that does not end with '?'"))
        if span.role == ANSWER and ends and i + 1 < len(reading.turns):
            problems.append((span.last, "an answer that ends with '?', so it may be a question"))
        inner = [k for k in range(span.first, span.last) if ends_with_question(paragraphs[k].last_text)]
        if span.role == QUESTION and inner == [span.last - 1] and is_clarification(paragraphs[span.last]):
            inner = []  # a question and its short clarification
        if span.role == QUESTION and inner:
            problems.append(
                (
                    inner[0],
                    "a question that goes on after a paragraph ending with '?', so that paragraph may be the whole question",
                )
            )
        if span.role == ANSWER and inner and inner[0] == span.first:
            problems.append(
                (span.first, "an answer that opens with a paragraph ending with '?', so it may be a question")
            )
    return min(problems) if problems else None
