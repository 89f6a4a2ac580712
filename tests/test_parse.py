"""The parser: header, lead, turns with exact offsets, roles from alternation, and every malformed text."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_dataset.errors import SourceError
from interview_dataset.parse.interview import interview_from_text, split_lines
from interview_dataset.parse.names import name_in_lead

from conftest import FIXTURES, SEED

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


CONVENTIONS = FIXTURES / "conventions"

#: fixture → (convention, roles as q/a, speaker labels as written)
CONVENTION_CASES = {
    "2026-02-01-dash-en-crlf-bom.txt": ("dash-en", "qaqa", [None] * 4),
    "2026-02-02-dash-em-en.txt": ("dash-em", "qaqa", [None] * 4),
    "2026-02-03-labels-qa-ru.txt": ("labels-qa-ru", "qaqa", ["Вопрос", "Ответ", "Вопрос", "Ответ"]),
    "2026-02-04-labels-qa-en.txt": ("labels-qa-en", "qaqa", ["Q", "A", "Q", "A"]),
    "2026-02-05-labels-speaker-ru.txt": (
        "labels-speaker",
        "qaaqa",
        ["Корр.", "Иван Петров", "Мария Сидорова", "Корр.", "Иван Петров"],
    ),
    "2026-02-06-labels-speaker-caps-ru.txt": ("labels-speaker", "qaqa", ["КОРР.", "ПЕТРОВ", "КОРР.", "ПЕТРОВ"]),
    "2026-02-07-labels-speaker-en.txt": ("labels-speaker", "qaqa", ["Interviewer", "Smith", "Interviewer", "Smith"]),
}


@pytest.mark.parametrize("name", sorted(CONVENTION_CASES))
def test_each_convention_gives_its_turns_roles_and_labels(name):
    text = (CONVENTIONS / name).read_bytes().decode("utf-8")
    convention, roles, labels = CONVENTION_CASES[name]
    interview = interview_from_text(text)
    assert interview.convention == convention
    assert "".join(t.role[0] for t in interview.turns) == roles
    assert [t.label for t in interview.turns] == labels
    for turn in interview.turns:
        assert text[turn.start : turn.end] == turn.text and turn.text.strip() == turn.text


def test_fixtures_cover_every_convention_the_schema_names():
    import json

    from interview_dataset.schema import load_json_schema

    named = set(load_json_schema("interviews")["properties"]["convention"]["enum"])
    shapes = [json.loads(p.read_text(encoding="utf-8")) for p in (FIXTURES / "real-shapes").glob("*.expected.json")]
    assert named == {"dash-hyphen"} | {c for c, _, _ in CONVENTION_CASES.values()} | {
        e["convention"] for e in shapes if "convention" in e
    }


def test_crlf_bom_and_no_break_space_keep_offsets_on_the_original_text():
    text = (CONVENTIONS / "2026-02-01-dash-en-crlf-bom.txt").read_bytes().decode("utf-8")
    assert text.startswith("\ufeff") and "\r\n" in text and "\u2013\u00a0" in text
    interview = interview_from_text(text)
    assert interview.date == datetime.date(2026, 2, 1) and interview.title == "Интервью с тире"
    assert interview.turns[1].text == "Планы большие.\r\nИ второй абзац."


def test_continuation_paragraphs_belong_to_the_turn_before():
    interview = interview_from_text((CONVENTIONS / "2026-02-07-labels-speaker-en.txt").read_text(encoding="utf-8"))
    assert interview.turns[1].text == "Fine, thanks.\nFor example: this line is not a speaker."


@pytest.mark.parametrize(
    "name, line, message",
    [
        (
            "2026-03-01-mixed-dashes.txt",
            5,
            "a question that does not end with '?'; not sure which paragraphs are questions",
        ),
        ("2026-03-02-two-answers.txt", 5, "two answers in a row"),
        ("2026-03-03-answer-first.txt", 3, "the first turn must be a question"),
        ("2026-03-04-two-questions.txt", 3, "question without an answer"),
        # the interviewer's last turn asks: a question left unanswered, not a closing remark
        ("2026-03-05-closing-question.txt", 5, "question without an answer (last turn)"),
        # nothing but the order says who asks: the last speaker's thanks cannot be told from a question
        ("2026-03-06-closing-remark-unclear.txt", 7, "question without an answer (last turn)"),
    ],
)
def test_ambiguous_or_non_alternating_text_fails_with_a_clear_line(name, line, message):
    with pytest.raises(SourceError) as caught:
        interview_from_text((FIXTURES / "ambiguous" / name).read_text(encoding="utf-8"), name)
    assert (caught.value.line, message in caught.value.message) == (line, True)


@pytest.mark.parametrize(
    "lead, name",
    [
        ("О планах рассуждает председатель комитета Айгуль Куспан, передает BAQ.KZ.", "Айгуль Куспан"),
        ("Об этом рассказал Президент Касым-Жомарт Токаев.", "Касым-Жомарт Токаев"),
        ("Mayor Anna Lee told us about the budget.", "Anna Lee"),
        ("Эксперты обсудили экономику.", None),
        ("", None),
    ],
)
def test_name_in_lead_reads_only_a_name_beside_a_verb_of_speaking(lead, name):
    assert name_in_lead(lead) == name


@pytest.mark.parametrize(
    "body, convention, roles",
    [
        # dashes inside a labelled answer are a list, not turns: the first turn carries a label
        (
            "Корр.: Какие планы?\nИван Петров: Вот они:\n- первый;\n- второй.\nКорр.: Спасибо?\nИван Петров: Пожалуйста.\n",
            "labels-speaker",
            "qaqa",
        ),
        # the interviewer label in two spellings is still the interviewer
        ("Корр.: Первый?\nПетров: Да.\nКОРР.: Второй?\nПетров: Нет.\n", "labels-speaker", "qaqa"),
        # a discourse word with a colon is never a speaker, however often it recurs
        ("- Вопрос?\n- Ответ.\nНапример: одно.\nНапример: другое.\n- Ещё вопрос?\n- Ответ.\n", "dash-hyphen", "qaqa"),
        # Q/A labels in any case
        ("вопрос: Что?\nответ: Это.\n", "labels-qa-ru", "qa"),
    ],
    ids=[
        "dash list in a labelled answer",
        "interviewer label in two cases",
        "repeated discourse word",
        "lower-case labels",
    ],
)
def test_convention_rules_for_markers_of_several_kinds(body, convention, roles):
    interview = interview_from_text(" date 2026-01-01 Заголовок\nЛид.\n" + body)
    assert (interview.convention, "".join(t.role[0] for t in interview.turns)) == (convention, roles)


def test_labels_after_a_dash_turn_are_ambiguous():
    body = "- Вопрос?\n- Ответ.\nИван Петров: Реплика.\nМария Сидорова: Другая.\n- Вопрос?\n- Ответ.\n"
    with pytest.raises(
        SourceError, match="ambiguous turn convention: dash-hyphen from line 3, labels-speaker from line 5"
    ):
        interview_from_text(" date 2026-01-01 Заголовок\nЛид.\n" + body)


@pytest.mark.parametrize(
    "lead",
    [
        "In an interview, the minister explained the plan to Jane Doe.",
        "The minister said trade with the United States would grow.",
        "He told The New York Times about it.",
    ],
)
def test_name_in_lead_ignores_objects_and_institutions(lead):
    assert name_in_lead(lead) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab ё\n\u2028", max_size=30))
def test_the_fast_split_gives_the_lines_of_the_general_one(text):
    from interview_dataset.parse.interview import split_at_any_break, split_at_newlines

    assert split_at_newlines(text) == split_at_any_break(text)
