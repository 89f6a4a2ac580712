"""The quick rejection in front of the Q/A markers lets through every line a label or header could open."""

from __future__ import annotations

import re

import pytest

from interview_dataset.parse import markers


@pytest.mark.parametrize("label", sorted({w for q, a in markers.QA_LABELS.values() for w in q | a}))
def test_every_qa_label_passes_the_quick_rejection(label):
    for written in (label, label.upper(), label.capitalize(), "\u00a0 " + label):
        assert markers._QA_START.match(written), written


@pytest.mark.parametrize("pattern", [pattern for _, pattern in markers._HEADERS])
def test_every_question_header_opens_with_a_letter_the_quick_rejection_lets_through(pattern):
    opening = re.match(r"\(\?P<label>(?:\(\?i:(?P<word>question|вопрос)|(?P<letter>Q))", pattern)
    assert opening, pattern
    assert markers._QA_START.match(opening.group("word") or opening.group("letter"))


@pytest.mark.parametrize(
    "line, label",
    [
        ("Вопрос 2: Как?", "Вопрос 2"),
        ("ОТВЕТ: Да.", "ОТВЕТ"),
        ("Q1. Why?", "Q1."),
        ("Question from Reuters: Why?", "Question from Reuters"),
    ],
)
def test_labels_are_still_found(line, label):
    assert markers.qa_marker(line, 0).label == label


def test_a_line_opening_with_another_letter_is_no_qa_marker():
    assert markers.qa_marker("Когда: завтра", 0) is None
