"""Property-based tests: generated interviews in every convention, and arbitrary text, through the parser.

Every input either parses into turns whose texts are exact slices of it and account for every character, or
fails with SourceError and a line inside the text; never another exception.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_dataset.errors import SourceError
from interview_dataset.parse.interview import interview_from_text, split_lines
from interview_dataset.parse.markers import dash_marker, ends_with_question, qa_marker, speaker_marker

from shared import ARBITRARY_EXAMPLES, GENERATED_EXAMPLES

#: Inputs per property; the README's reliability figures quote these.


# Paragraph text: any Unicode except line breaks (which delimit paragraphs) and the control characters that
# the reader refuses as binary before the parser ever sees them.
_PARAGRAPH_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r\n\u2028\u2029\x85")
_paragraph = st.text(_PARAGRAPH_CHARS, min_size=0, max_size=40) | st.text(_PARAGRAPH_CHARS, min_size=500, max_size=3000)
_word = st.text(_PARAGRAPH_CHARS, min_size=1, max_size=30).map(str.strip).filter(bool)

MARKERS = {
    "dash-hyphen": ("- ", "- "),
    "dash-en": ("\u2013 ", "\u2013\u00a0"),
    "dash-em": ("\u2014\u00a0", "\u2014 "),
    "labels-qa-ru": ("Вопрос: ", "Ответ: "),
    "labels-qa-en": ("Q: ", "A: "),
    "labels-speaker": ("Корр.: ", "Иван\u00a0Петров: "),
}


@st.composite
def interviews(draw):
    """A generated interview: (text, convention, the exact text of each turn), with mixed line breaks."""
    convention = draw(st.sampled_from(sorted(MARKERS)))
    question_marker, answer_marker = MARKERS[convention]
    date = draw(st.dates()).isoformat()
    bom = draw(st.sampled_from(["", "\ufeff"]))
    header = f"{bom} date {date} {draw(_word)}"
    leads = [[lead] for lead in draw(st.lists(_word, max_size=2)) if _is_continuation(lead)]
    paragraphs = [[header], *leads]
    for _ in range(draw(st.integers(1, 5))):
        for marker, asks in ((question_marker, True), (answer_marker, False)):
            more = [p for p in draw(st.lists(_paragraph, max_size=3)) if _is_continuation(p)]
            while more and not more[-1].strip():
                more.pop()
            # An answer opening with '?' would make "questions marked" a fitting reading too: refused, rightly.
            # So would a question that goes on after a first paragraph ending with '?' (that paragraph may be the
            # whole question, and the next an answer whose dash was lost): see the pinned case below.
            first = draw(_word if asks and not more else _word.filter(lambda w: not ends_with_question(w)))
            paragraphs.append([marker + first, *more])
    text, expected = "", []
    for group in paragraphs:
        start = len(text)
        for line in group:
            text += line + draw(st.sampled_from(["\n", "\r\n"]))
        expected.append(text[start:].strip())
    turns = expected[1 + len(leads) :]
    return text, convention, [_strip_marker(t, question_marker, answer_marker) for t in turns]


def _strip_marker(turn: str, *markers: str) -> str:
    for marker in markers:
        if turn.startswith(marker.strip()):
            return turn[len(marker.strip()) :].strip()
    return turn


def _is_continuation(paragraph: str) -> bool:
    """A paragraph that no convention reads as a turn marker (so the generator knows the right answer), and that
    does not end with '?': an all-marked text whose every answer ends with '?' reads as "answers marked" too,
    which the role properties below test on their own."""
    marker = dash_marker(paragraph, 0) or qa_marker(paragraph, 0) or speaker_marker(paragraph, 0, None, 0)
    return marker is None and not ends_with_question(paragraph)


def _accounts_for_every_character(text: str, interview) -> None:
    """Header, lead and turn texts are exact slices; what lies between them is only markers and whitespace."""
    spans = [(turn.start, turn.end, turn.text) for turn in interview.turns]
    for start, end, piece in spans:
        assert text[start:end] == piece
    lines = split_lines(text)
    cursor = lines[0].end
    if interview.lead is not None:
        assert text[interview.lead_start : interview.lead_start + len(interview.lead)] == interview.lead
        assert not text[cursor : interview.lead_start].strip()
        cursor = interview.lead_start + len(interview.lead)
    for turn in interview.turns:
        gap = text[cursor : turn.start].strip(" \t\r\n\u00a0")
        marker = turn.label or ""
        assert (
            gap.rstrip(": \t\u00a0").removesuffix(marker.rstrip(" \t\u00a0")).strip(" \t\u00a0-\u2013\u2014") == ""
        ), gap
        cursor = turn.end
    assert not text[cursor:].strip()


@settings(
    max_examples=GENERATED_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(interviews())
def test_generated_interviews_parse_to_their_turns(case):
    text, convention, expected = case
    interview = interview_from_text(text)
    assert interview.convention == convention
    assert [t.role for t in interview.turns] == ["question", "answer"] * (len(expected) // 2)
    assert [t.text for t in interview.turns] == expected
    _accounts_for_every_character(text, interview)


def test_a_question_going_on_after_its_question_mark_is_refused_at_that_line():
    """The case hypothesis once shrank a disagreement to: the generator called it a two-paragraph question, the
    parser rightly doubts it (the paragraph after '?' may be an answer that lost its dash)."""
    with pytest.raises(SourceError) as caught:
        interview_from_text(" date 2000-01-01 0\n\u2014\u00a0?\n0\n\u2014 0\n", "pinned.txt")
    assert str(caught.value) == (
        "pinned.txt:2: a question that goes on after a paragraph ending with '?', so that paragraph may be the whole "
        "question; not sure which paragraphs are questions: mark the questions (e.g. '- ' before each), or import "
        "the saved web page, where bold questions survive"
    )


_ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
_LIKE_AN_INTERVIEW = st.lists(
    st.sampled_from(
        [
            " date 2025-12-26 Title",
            "- ",
            "– ",
            "— ",
            "Вопрос: ",
            "Ответ: ",
            "Q: ",
            "A: ",
            "Корр.: ",
            "Иван Петров: ",
            "text",
            "",
            " ",
            "\u00a0",
            "\r",
            "\n",
            "\r\n",
            "\ufeff",
            "date",
            "2025-02-30",
            ":",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=ARBITRARY_EXAMPLES, deadline=None)
@given(_ANY_TEXT | _LIKE_AN_INTERVIEW)
def test_any_text_parses_or_fails_with_a_line(text):
    try:
        interview = interview_from_text(text, "fuzz.txt")
    except SourceError as error:
        assert error.path == "fuzz.txt"
        assert 1 <= error.line <= len(split_lines(text)) + 1
        assert str(error).startswith(f"fuzz.txt:{error.line}: ")
        return
    _accounts_for_every_character(text, interview)
