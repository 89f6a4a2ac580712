"""The sidecar's `every_turn_marked: true`: a text that marks every turn, so a paragraph without a marker always
continues the turn before it, even one ending with '?'; without the key, the text is refused as before; with
the key on a text that does not mark its turns, refused. And a reduced kremlin.ru page that labels every turn
imports with the key when the user says so (`--every-turn-marked`) or, as the publisher is known to label every
turn, by itself, its own questions left inside its answers; the same page on another host is refused with the hint,
as is a page whose labels stop after its first exchanges."""

from __future__ import annotations

import pytest
import yaml

from interview_dataset.errors import SourceError
from interview_dataset.parse.interview import interview_from_text
from interview_dataset.webimport.page import PageRefused, convert_page
from interview_dataset.webimport.publishers import labels_every_turn

from conftest import FIXTURES

TEXTS = FIXTURES / "every-turn-marked"
PAGE = FIXTURES / "html" / "transcripts" / "en-kremlin-own-questions.html"
Q, A, S = "question", "answer", "statement"
KEY = {"every_turn_marked": True}


def _turns(interview):
    return [(t.role, t.speaker, " ".join(t.text.split()[:6])) for t in interview.turns]


def test_with_the_key_a_question_inside_an_answer_is_the_speakers_own():
    interview = interview_from_text((TEXTS / "2026-03-01-own-question.txt").read_text(), "own.txt", KEY)
    assert _turns(interview) == [
        (Q, "Anna Berg", "When will the bridge open?"),
        (A, "Mayor Olsen", "In the spring, if the weather"),
        (Q, "Anna Berg", "And the cost?"),
        (A, "Mayor Olsen", "Within the budget."),
    ]
    assert interview.turns[1].text.endswith("and we lost two months each time.")


@pytest.mark.parametrize("meta", [None, {}, {"every_turn_marked": False}])
def test_without_the_key_the_same_text_is_refused_as_before(meta):
    with pytest.raises(SourceError) as refused:
        interview_from_text((TEXTS / "2026-03-01-own-question.txt").read_text(), "own.txt", meta)
    assert str(refused.value) == (
        "own.txt:9: a paragraph ending with '?' inside an answer, before the next marked turn: a follow-up "
        "question nobody marked, or the speaker's own question; mark the question (e.g. '- ' before it, or its "
        "speaker's label)"
    )


def test_the_key_on_a_text_that_marks_nothing_is_refused():
    with pytest.raises(SourceError) as refused:
        interview_from_text((TEXTS / "2026-03-02-nothing-marked.txt").read_text(), "none.txt", KEY)
    assert str(refused.value) == (
        "none.txt:3: the sidecar says every_turn_marked: true, but the text does not mark both questions and "
        "answers (a speaker's label, a Q/A label or a dash before each turn); mark them, or drop the key"
    )


def test_a_page_that_labels_every_turn_imports_with_the_key_when_the_user_says_so():
    converted = convert_page(PAGE.read_bytes(), PAGE.name, every_turn_marked=True)
    meta = yaml.safe_load(converted.sidecar)
    assert meta["every_turn_marked"] is True
    assert converted.stem == "2016-10-12-president-of-russia-putin"
    assert _turns(interview_from_text(converted.source, PAGE.name, meta)) == [
        (S, "Vladimir Putin", "How did you end up here?"),
        (Q, "Interviewer", "Mr President, could you explain why"),
        (A, "Vladimir Putin", "It’s very simple. We had planned"),
        (Q, "Interviewer", "This is exactly what the French"),
        (A, "Vladimir Putin", "You know, it is not that"),
        (Q, "Interviewer", "Many Western representatives, including [US Secretary"),
        (A, "Vladimir Putin", "I would say this is political"),
    ]
    assert "Remember how everyone rushed to support the Arab Spring?" in converted.source
    with pytest.raises(SourceError):  # the same text without the page's evidence: refused as before
        interview_from_text(converted.source, PAGE.name, {k: v for k, v in meta.items() if k != "every_turn_marked"})


HINT = (
    "; if the page opens every turn with its speaker's label, follow-up questions too, so that this is the "
    "speaker's own question, pass --every-turn-marked (a question that lost its label would then join the answer)"
)
#: The kremlin page as another outlet's: its address on a host whose practice the importer does not know.
ELSEWHERE = PAGE.read_bytes().replace(b"http://en.kremlin.ru/", b"https://example.org/")


@pytest.mark.parametrize(
    "page",
    [ELSEWHERE, (TEXTS / "en-labels-stop-after-the-first-exchange.html").read_bytes()],
    ids=["kremlin-elsewhere", "labels-stop"],
)
def test_without_the_users_word_a_labelled_page_with_a_question_inside_an_answer_is_refused_with_the_hint(page):
    """The page alone cannot tell the speaker's own question from a follow-up that lost its label (the second
    page: its follow-ups carry no label at all), so the importer does not set the key from one page."""
    with pytest.raises(PageRefused) as refused:
        convert_page(page, "page.html")
    assert refused.value.message.endswith("); convert it by hand" + HINT)
    assert "a paragraph ending with '?'" in refused.value.message


def test_a_publisher_known_to_label_every_turn_imports_without_the_users_word():
    """en.kremlin.ru labels every turn of its transcripts (webimport/publishers.py): the sidecar says so and why."""
    converted = convert_page(PAGE.read_bytes(), PAGE.name)
    said = convert_page(PAGE.read_bytes(), PAGE.name, every_turn_marked=True)
    assert (converted.stem, converted.source) == (said.stem, said.source)
    differ = [(a, b) for a, b in zip(converted.sidecar.splitlines(), said.sidecar.splitlines()) if a != b]
    assert differ == [
        (
            "every_turn_marked: true  # kremlin.ru opens every turn of its transcripts with the speaker's label, as "
            "this page does",
            "every_turn_marked: true  # imported with --every-turn-marked: the page opens every turn with its "
            "speaker's label",
        )
    ]


@pytest.mark.parametrize(
    ("host", "known"),
    [
        ("kremlin.ru", "kremlin.ru"),
        ("en.kremlin.ru", "kremlin.ru"),
        ("notkremlin.ru", None),
        ("kremlin.ru.example.org", None),
        (None, None),
    ],
)
def test_a_publisher_is_known_by_its_host_or_a_subdomain(host, known):
    assert labels_every_turn(host) == known


def test_the_users_word_on_a_page_without_speaker_labels_is_refused():
    page = FIXTURES / "html" / "shapes" / "es-bold-questions-ornament.html"
    with pytest.raises(PageRefused) as refused:
        convert_page(page.read_bytes(), page.name, every_turn_marked=True)
    assert refused.value.message == "--every-turn-marked: the page does not open its turns with speakers' labels"
