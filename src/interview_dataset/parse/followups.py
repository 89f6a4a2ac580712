"""Questions nobody marked inside a marked text: a paragraph ending with '?' within an answer.

Marked texts often stop marking: the first exchange is labelled (`EU Reporter: …` / `Erlan Idrissov:`) and the
follow-ups that come after it are not, or the dashes stop. A paragraph ending with '?' inside an answer, with
more of that answer after it, is evidence the reading must explain: it is either a follow-up question or the
speaker's own question. The reading explains it only where the evidence is clear, else the text is refused at
that paragraph:

- after the last marked turn (the marking stopped), the rest of the text is read as a nothing-marked text is
  (roles.unmarked, on its evidence rule), and each question found there must read as addressed to the one
  answering: it opens as a follow-up does (`And …?`, `А …?`) or speaks to them (`you`, `вы`, `сіз`), and
  does not speak in the first person («А кто, если не мы?» is the answerer's). Marking stops early, so the
  follow-ups must be at least as many as the marked exchanges. The follow-ups take the voices of the last
  marked exchange: its asker asks, its answerer answers;
- before the next marked turn (the marking goes on), the text marks its turns and left this one unmarked, or
  the '?' is the speaker's: refused, naming the paragraph.
"""

from __future__ import annotations

import re

from interview_dataset.errors import SourceError
from interview_dataset.parse.markers import ends_with_question
from interview_dataset.parse.paragraphs import Paragraph
from interview_dataset.parse.roles import ALL_MARKED, ANSWER, QUESTION, Reading, Span, doubt, unmarked

#: How a follow-up question opens (a conjunction carrying on the conversation), by language.
_FOLLOW_UP_OPENING = re.compile(
    r"(?i:and|but|so|what about|how about|then|а|и|но|так|то есть|ну а|ал|ендеше|сонда)\b", re.UNICODE
)
#: Words that speak to the one answering.
_ADDRESS = re.compile(
    r"(?i:\b(?:you|your|yours|yourself|вы|вас|вам|вами|ваш\w*|ты|тебя|тебе|тобой|тво[йяеёи]\w*"
    r"|сіз|сізге|сізді|сіздің|сізбен|сен|саған|сені|сенің)\b)"
)
#: Words of the speaker's own voice: «А кто, если не мы?», «И что мы видим?» are the answerer's, not a follow-up.
_FIRST_PERSON = re.compile(
    r"(?i:\b(?:i|me|my|mine|we|us|our|ours|я|меня|мне|мной|мы|нас|нам|нами|наш\w*|мо[йяеёи]\w*"
    r"|мен|менің|маған|біз|біздің|бізге|бізді)\b)"
)
_HINT = "mark the question (e.g. '- ' before it, or its speaker's label)"


#: The sidecar key by which a text states that every turn of it opens with its marker.
EVERY_TURN_MARKED = "every_turn_marked"


def with_follow_ups(paragraphs: list[Paragraph], reading: Reading, path: str, every_marked: bool = False) -> Reading:
    """The reading with the follow-ups of its last answer read as turns; refused where a paragraph ending with
    '?' inside an answer cannot be explained. With `every_marked` (the sidecar's `every_turn_marked: true`) no
    turn is inferred: a paragraph without a marker continues the turn before it, '?' or not; the statement must
    hold where it can be seen, markers on both sides (questions and answers) in alternation."""
    if every_marked:
        return marked_throughout(paragraphs, reading, path)
    spans = list(reading.turns)
    for span in spans[:-1]:
        inner = _inner_questions(paragraphs, span)
        if span.role == ANSWER and inner:
            raise SourceError(
                path,
                paragraphs[inner[0]].number,
                "a paragraph ending with '?' inside an answer, before the next marked turn: a follow-up question "
                f"nobody marked, or the speaker's own question; {_HINT}",
            )
    last = spans[-1] if spans else None
    if last is None or last.role != ANSWER or not _inner_questions(paragraphs, last):
        return reading
    tail = _tail_turns(paragraphs, last, spans[-2] if len(spans) > 1 else None, path)
    follow_ups = [span for span in tail if span.role == QUESTION]
    marked = sum(span.role == QUESTION for span in spans)
    if len(follow_ups) < marked:
        # Marking that stops does so early (a labelled first exchange); a '?' late in the last of many marked
        # answers is more likely the speaker's own.
        raise SourceError(
            path,
            paragraphs[follow_ups[0].first].number,
            f"a paragraph ending with '?' inside the last answer, after {marked} marked exchanges: a follow-up "
            f"question nobody marked, or the speaker's own question; {_HINT}",
        )
    return Reading(reading.kind, reading.lead, (*spans[:-1], *tail))


def marked_throughout(paragraphs: list[Paragraph], reading: Reading | object, path: str) -> Reading:
    """The reading as marked, refused where the text contradicts `every_turn_marked: true` (no reading: nothing
    is marked)."""
    if not isinstance(reading, Reading) or reading.kind != ALL_MARKED:
        first = paragraphs[0].number if paragraphs else 2
        raise SourceError(
            path,
            first,
            f"the sidecar says {EVERY_TURN_MARKED}: true, but the text does not mark both questions and answers "
            "(a speaker's label, a Q/A label or a dash before each turn); mark them, or drop the key",
        )
    return reading


def _inner_questions(paragraphs: list[Paragraph], span: Span) -> list[int]:
    """Paragraphs after the span's first that end with '?' and have more of the span after them."""
    return [k for k in range(span.first + 1, span.last) if ends_with_question(paragraphs[k].last_text)]


def _tail_turns(paragraphs: list[Paragraph], answer: Span, question: Span | None, path: str) -> list[Span]:
    """The last marked answer and the follow-ups after it, read by the nothing-marked rule."""
    part = paragraphs[answer.first : answer.last + 1]
    found = unmarked(part)
    problem = found if isinstance(found, tuple) else doubt(part, found)
    if problem is not None:
        raise SourceError(
            path,
            part[problem[0]].number,
            f"after the last marked turn, the follow-ups do not read clearly: {problem[1]}; {_HINT}",
        )
    assert isinstance(found, Reading)
    asker = question.first if question is not None and question.role == QUESTION else None
    turns = [Span(answer.first, answer.first + found.lead - 1, ANSWER, answer.voice)]
    for span in found.turns:
        first, last = answer.first + span.first, answer.first + span.last
        if span.role == QUESTION and not _addressed(paragraphs[first : last + 1]):
            raise SourceError(
                path,
                paragraphs[first].number,
                "a paragraph ending with '?' after the last marked turn does not read as a follow-up question "
                f"(it neither opens as one nor speaks to the one answering): it may be the speaker's own; {_HINT}",
            )
        voice = asker if span.role == QUESTION else answer.first if answer.voice is None else answer.voice
        turns.append(Span(first, last, span.role, voice))
    return turns


def _addressed(question: list[Paragraph]) -> bool:
    text = " ".join(line.text for p in question for line in p.lines).strip()
    return bool(_FOLLOW_UP_OPENING.match(text) or _ADDRESS.search(text)) and not _FIRST_PERSON.search(text)
