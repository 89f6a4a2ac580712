"""The parser: header, lead, turns with exact offsets, roles from alternation, and every malformed text."""

from __future__ import annotations

import datetime

import pytest

from conftest import SEED
from interview_dataset.errors import SourceError
from interview_dataset.parse import interview_from_text, split_lines

SEED_TEXT = SEED.read_text(encoding="utf-8")


def test_seed_has_header_lead_and_twelve_alternating_turns():
    interview = interview_from_text(SEED_TEXT)
    assert interview.date == datetime.date(2025, 12, 26)
    assert interview.title.startswith("Касым-Жомарт Токаев и США")
    assert interview.lead.startswith("В 2025 году внешняя политика") and interview.lead.endswith("передает BAQ.KZ.")
    assert interview.convention == "dash-hyphen"
    assert [t.role for t in interview.turns] == ["question", "answer"] * 6
    assert [t.index for t in interview.turns] == list(range(1, 13))


def test_every_turn_text_is_its_slice_of_the_source():
    for turn in interview_from_text(SEED_TEXT).turns:
        assert SEED_TEXT[turn.start : turn.end] == turn.text
        assert not turn.text.startswith("- ") and turn.text == turn.text.strip()


def test_the_source_body_is_rebuilt_exactly_from_the_turns():
    interview = interview_from_text(SEED_TEXT)
    header, lead_and_body = SEED_TEXT.split("\n", 1)
    rebuilt = interview.lead + "\n" + "".join(f"- {turn.text}\n" for turn in interview.turns)
    assert rebuilt == lead_and_body


def test_answers_keep_every_paragraph():
    interview = interview_from_text(SEED_TEXT)
    source_paragraphs = [line for line in SEED_TEXT.split("\n")[2:] if line]
    turn_paragraphs = [p for turn in interview.turns for p in turn.text.split("\n")]
    assert [p.removeprefix("- ") for p in source_paragraphs] == turn_paragraphs
    assert len(interview.turns[1].text.split("\n")) == 8  # the first answer spans eight paragraphs


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("Заголовок без даты\n- Вопрос?\n- Ответ.\n", 1, "first line must be the header"),
        (" date 2025-13-01 Заголовок\n- Вопрос?\n- Ответ.\n", 1, "is not a real date"),
        (" date 26.12.2025 Заголовок\n- Вопрос?\n- Ответ.\n", 1, "is not a real date"),
        (" date 2025-12-26\n- Вопрос?\n- Ответ.\n", 1, "no title"),
        (" date 2025-12-26 Заголовок\nТолько лид.\n", 2, "no turns found"),
        (" date 2025-12-26 Заголовок\n- Вопрос?\n- Ответ.\n- Ещё вопрос?\n", 4, "question without an answer"),
        (" date 2025-12-26 Заголовок\n- Вопрос?\n-  \n", 3, "empty turn"),
        ("", 1, "first line must be the header"),
    ],
)
def test_malformed_text_fails_with_file_and_line(text, line, message):
    with pytest.raises(SourceError) as caught:
        interview_from_text(text, "x.txt")
    assert caught.value.path == "x.txt" and caught.value.line == line
    assert message in caught.value.message


@pytest.mark.parametrize("text", ["a\nb\n", "a\r\nb\r\n", "a\rb", "a\n\nb", "", "\n"])
def test_split_lines_covers_the_text(text):
    lines = split_lines(text)
    assert [text[line.start : line.end] for line in lines] == [line.text for line in lines]
    assert "".join(line.text for line in lines) == text.replace("\r", "").replace("\n", "")
