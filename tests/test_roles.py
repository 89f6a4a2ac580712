"""Property tests of the role readings: texts of every convention with the markers of one role removed, or all
removed (or none), are parsed exactly right or refused with a line, never wrong; labelled texts also open with
an interviewee's statement or close with the interviewer's remark, which only speaker labels may hold.

Questions are one paragraph ending with '?' (sometimes inside a closing quote or bracket, sometimes after a
preamble sentence); answers have one to three paragraphs and contain rhetorical questions inside a paragraph,
quoted questions and one-word answers. An answer's last paragraph may end with '?' too: such a text must be
refused. A whole paragraph ending with '?' in the middle of an answer is not generated: with nothing to mark
the questions, it is one (docs/conventions.md).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_dataset.errors import SourceError
from interview_dataset.parse.interview import interview_from_text

from conftest import ROOT

#: Inputs per property; the report quotes these.
ROLE_EXAMPLES = 600

MARKERS = {
    "dash-hyphen": ("- ", "- "),
    "dash-en": ("\u2013 ", "\u2013 "),
    "dash-em": ("\u2014 ", "\u2014 "),
    "dash-bar": ("\u2015 ", "\u2015 "),
    "labels-qa-ru": ("Вопрос: ", "Ответ: "),
    "labels-qa-en": ("Q: ", "A: "),
    "labels-speaker": ("Корр.: ", "Иван Петров: "),
}
_WORDS = [
    "экономика",
    "страна",
    "регион",
    "развитие",
    "год",
    "план",
    "рост",
    "курс",
    "инвестиции",
    "рынок",
    "trade",
    "policy",
    "market",
    "growth",
    "region",
    "plan",
    "year",
    "budget",
]
_sentence_words = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8).map(" ".join)


@st.composite
def sentence(draw, end: str = ".") -> str:
    text = draw(_sentence_words)
    return text[0].upper() + text[1:] + end


@st.composite
def question(draw) -> str:
    ask = draw(sentence("?"))
    shape = draw(st.sampled_from(["plain", "preamble", "quoted", "bracket"]))
    if shape == "preamble":
        return draw(sentence(".")) + " " + ask
    if shape == "quoted":
        return f"«{ask}»"
    if shape == "bracket":
        return f"{draw(sentence('.'))} ({ask})"
    return ask


@st.composite
def answer_paragraph(draw, last: bool) -> str:
    parts = [draw(sentence("."))]
    for _ in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(["plain", "rhetorical", "quoted", "exclaim"]))
        if kind == "rhetorical":
            parts.append(draw(sentence("?")) + " " + draw(sentence(".")))
        elif kind == "quoted":
            parts.append(f"«{draw(sentence('?'))}» — спросил он.")
        else:
            parts.append(draw(sentence("!" if kind == "exclaim" else ".")))
    text = " ".join(parts)
    if last and draw(st.integers(0, 9)) == 0:  # now and then an answer that ends on a rhetorical question
        text += " " + draw(sentence("?"))
    return text


@st.composite
def role_texts(draw):
    """(text, lead, [(role, text)]): a text in a convention with question markers, answer markers, both or
    none removed."""
    convention = draw(st.sampled_from(sorted(MARKERS)))
    removed = draw(st.sampled_from(["questions", "answers", "both", "none"]))
    q_marker, a_marker = MARKERS[convention]
    if removed in ("questions", "both"):
        q_marker = ""
    if removed in ("answers", "both"):
        a_marker = ""
    lead = [draw(sentence(".")) for _ in range(draw(st.integers(1, 2)))]
    turns = []
    for _ in range(draw(st.integers(1, 5))):
        # A marked question may have a preamble paragraph; an unmarked one cannot (docs/conventions.md: not caught).
        preamble = [draw(sentence("."))] if q_marker and draw(st.integers(0, 3)) == 0 else []
        turns.append(("question", [*preamble, draw(question())]))
        if draw(st.booleans()) and not a_marker:
            turns.append(("answer", ["Да."]))  # a one-word answer
        else:
            n = draw(st.integers(1, 3))
            turns.append(("answer", [draw(answer_paragraph(i == n - 1)) for i in range(n)]))
    if removed == "none" and convention.startswith("labels-") and draw(st.integers(0, 3)) == 0:
        # A turn nobody asked for: an opening statement, a closing remark (now and then one that asks), or both.
        # Speaker labels with an interviewer label (`Корр.`) may hold them; Q/A labels must refuse them.
        where = draw(st.sampled_from(["opening", "closing", "both"]))
        if where != "closing":
            turns.insert(0, ("statement", [draw(answer_paragraph(False))]))
        if where != "opening":
            turns.append(("statement", [draw(sentence(draw(st.sampled_from([".", ".", "?"]))))]))
    body = [*lead]
    asked = False
    for role, paragraphs in turns:
        asked = asked or role == "question"
        marker = q_marker if role == "question" or (role == "statement" and asked) else a_marker
        body += [marker + paragraphs[0], *paragraphs[1:]]
    text = " date 2026-01-01 Заголовок\n" + "\n".join(body) + "\n"
    return text, "\n".join(lead), [(role, "\n".join(p)) for role, p in turns]


@settings(max_examples=ROLE_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(role_texts())
def test_texts_with_one_role_or_none_marked_parse_exactly_or_are_refused(case):
    text, lead, expected = case
    try:
        interview = interview_from_text(text, "roles.txt")
    except SourceError as error:
        assert error.path == "roles.txt" and 2 <= error.line <= text.count("\n")
        return
    assert interview.lead == lead
    assert [(t.role, t.text) for t in interview.turns] == expected


@settings(max_examples=ROLE_EXAMPLES // 3, deadline=None)
@given(role_texts())
def test_clear_texts_are_not_refused(case):
    """The evidence rule is not a blanket refusal: a text whose answers never end with '?' and whose questions
    are one paragraph each parses."""
    text, lead, expected = case
    if any(
        (role == "answer" and body.endswith("?"))
        or (role == "question" and "\n" in body)
        or (role == "statement" and ("Корр.: " not in text or body.endswith("?")))  # only labels hold them
        for role, body in expected
    ):
        return
    interview = interview_from_text(text)
    assert [(t.role, t.text) for t in interview.turns] == expected


def test_the_conventions_page_quotes_this_suites_figure():
    page = " ".join((ROOT / "docs" / "conventions.md").read_text(encoding="utf-8").split())
    assert f"({ROLE_EXAMPLES} generated texts per run;" in page
