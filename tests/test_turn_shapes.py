"""Issue 18's shapes: question headers open the turn they head; labels that stop, copula dashes, follow-up
questions. Each is read right where the evidence is clear, or refused at a line; never merged silently."""

from __future__ import annotations

import pytest

from interview_dataset.errors import SourceError
from interview_dataset.parse.interview import interview_from_text

from conftest import SEED


def _turns(body: str) -> list[tuple[str, str, str | None]]:
    interview = interview_from_text(" date 2024-01-01 T\nЛид.\n" + body)
    return [(t.role[0], t.text, t.speaker) for t in interview.turns]


@pytest.mark.parametrize(
    "body, turns",
    [
        (
            "Question#1 Author: Kuanysh\nHow?\nLike this.\nQuestion#2 Author: Anvar\nWhy?\nBecause.\n",
            [("q", "How?", "Kuanysh"), ("a", "Like this.", None), ("q", "Why?", "Anvar"), ("a", "Because.", None)],
        ),
        (
            "Вопрос 1: Как дела?\nХорошо.\nВопрос 2: А планы?\nМного.\n",
            [("q", "Как дела?", None), ("a", "Хорошо.", None), ("q", "А планы?", None), ("a", "Много.", None)],
        ),
        (
            "Вопрос читателя: Когда?\nЗавтра.\nВопрос читателя: Где?\nЗдесь.\n",
            [("q", "Когда?", None), ("a", "Завтра.", None), ("q", "Где?", None), ("a", "Здесь.", None)],
        ),
        (
            "Q1. When?\nSoon.\nQ2. Where?\nHere.\n",
            [("q", "When?", None), ("a", "Soon.", None), ("q", "Where?", None), ("a", "Here.", None)],
        ),
        (
            "Question from Reuters: When?\nSoon.\nQuestion from AP: Where?\nHere.\n",
            [("q", "When?", "Reuters"), ("a", "Soon.", None), ("q", "Where?", "AP"), ("a", "Here.", None)],
        ),
    ],
    ids=["question-author", "vopros-n", "vopros-chitatelya", "q-number", "question-from"],
)
def test_a_question_header_opens_its_turn_and_names_who_asks(body, turns):
    assert _turns(body) == turns


def test_a_header_is_never_the_end_of_the_answer_before_it():
    body = "Question#1 Author: A\nHow?\nFine.\nSecond paragraph.\nQuestion#2 Author: B\nWhy?\nBecause.\n"
    assert [text for _, text, _ in _turns(body)] == ["How?", "Fine.\nSecond paragraph.", "Why?", "Because."]


def test_q_dot_before_a_dash_stays_a_speaker_label_of_initials():
    assert _turns("Q. – Are you?\nJ.S. – Yes.\nQ. – Why?\nJ.S. – Work.\n")[0] == ("q", "Are you?", "Q.")


def test_a_header_with_no_question_after_it_is_refused():
    with pytest.raises(SourceError):
        interview_from_text(" date 2024-01-01 T\nЛид.\nВопрос 1: Как?\nТак.\nВопрос 2:\n")


def test_follow_ups_after_a_labelled_first_exchange_are_turns_with_its_voices():
    body = "Корр.: Как дела?\nИван Петров:\nХорошо.\nА планы?\nБольшие.\nИ сроки у вас какие?\nГод.\n"
    assert _turns(body) == [
        ("q", "Как дела?", "Корр."),
        ("a", "Хорошо.", "Иван Петров"),
        ("q", "А планы?", "Корр."),
        ("a", "Большие.", "Иван Петров"),
        ("q", "И сроки у вас какие?", "Корр."),
        ("a", "Год.", "Иван Петров"),
    ]


def test_follow_ups_after_dashes_stop_are_turns():
    assert [role for role, *_ in _turns("- Как дела?\n- Хорошо.\nА у вас?\nТоже.\n")] == ["q", "a", "q", "a"]


@pytest.mark.parametrize(
    "body, line, message",
    [
        (
            "- Как дела?\n- Хорошо.\nА у вас?\nТоже.\n- Планы?\n- Есть.\n",
            5,
            "inside an answer, before the next marked turn",
        ),
        ("- Как дела?\n- Хорошо.\nКто, если не мы?\nТак и будет.\n", 5, "does not read as a follow-up"),
        ("- Как дела?\n- Хорошо.\nА у вас?\nИ планы?\nТоже.\n", 6, "follow-ups do not read clearly"),
    ],
    ids=["marking-goes-on", "speakers-own-question", "two-in-a-row"],
)
def test_a_question_inside_an_answer_that_the_evidence_does_not_explain_is_refused_at_its_line(body, line, message):
    with pytest.raises(SourceError) as caught:
        interview_from_text(" date 2024-01-01 T\nЛид.\n" + body)
    assert (caught.value.line, message in caught.value.message) == (line, True), caught.value.message


def test_a_repeated_copula_sentence_stays_a_sentence_when_the_dashes_explain_every_turn():
    """The seed's «К.Токаев – именно такой партнёр…» once more in a later answer: still the seed's twelve turns."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    copula = next(line for line in lines if line.startswith("К.Токаев – "))
    later = next(i for i, line in enumerate(lines) if i > lines.index(copula) + 3 and line.startswith("- ")) + 2
    text = "\n".join([*lines[:later], copula, *lines[later:]])
    interview = interview_from_text(text)
    assert interview.convention == "dash-hyphen"
    assert [t.role for t in interview.turns] == ["question", "answer"] * 6
    assert sum(copula in t.text for t in interview.turns) == 2


def test_copula_sentences_about_two_people_stay_sentences_too():
    body = (
        "- Как дела?\n- Хорошо.\nИ.Петров – наш друг.\nА.Сидоров – тоже.\n"
        "- А планы?\n- Большие.\nИ.Петров – их автор.\nА.Сидоров – их критик.\n"
    )
    assert [(role, text.count("\n")) for role, text, _ in _turns(body)] == [("q", 0), ("a", 2), ("q", 0), ("a", 2)]


@pytest.mark.parametrize(
    "body",
    [
        "- Как дела?\nИ.Петров – Хорошо.\n- А планы?\nИ.Петров – Большие.\n",  # dashes ask, labels answer
        "- Как дела?\nИ.Петров – наш друг.\n- Хорошо.\n- А планы?\nИ.Петров – наш друг.\n- Большие.\n",  # in questions
    ],
    ids=["labels-answer", "inside-questions"],
)
def test_name_dash_paragraphs_that_the_dashes_do_not_explain_are_still_refused(body):
    with pytest.raises(SourceError) as caught:
        interview_from_text(" date 2024-01-01 T\nЛид.\n" + body)
    assert "ambiguous turn convention" in caught.value.message


@pytest.mark.parametrize(
    "body, turns",
    [
        (
            "Как вы оцениваете год?\nНапример?\nРост цен.\nА дальше?\nТоже рост.\n",
            [("q", "Как вы оцениваете год?\nНапример?"), ("a", "Рост цен."), ("q", "А дальше?"), ("a", "Тоже рост.")],
        ),
        ("What changed?\nHow so?\nEverything.\n", [("q", "What changed?\nHow so?"), ("a", "Everything.")]),
        ("Не қиын?\nМысалы?\nЖол.\n", [("q", "Не қиын?\nМысалы?"), ("a", "Жол.")]),
    ],
    ids=["ru", "en", "kk"],
)
def test_nothing_marked_question_with_a_short_clarification_is_one_question(body, turns):
    assert [(role, text) for role, text, _ in _turns(body)] == turns


@pytest.mark.parametrize(
    "body, line",
    [
        ("Каковы перспективы?\nХорошие.\nА кто, если не мы?\nЧто дальше?\nРост.\n", 6),  # not a clarification
        ("Как год?\nПочему?\nПочему?\nТак.\n", 5),  # three in a row
        ("Как год?\nНапример?\n", 4),  # nothing answers it
    ],
    ids=["new-question", "three-in-a-row", "no-answer"],
)
def test_nothing_marked_consecutive_questions_otherwise_are_refused_at_the_line(body, line):
    with pytest.raises(SourceError) as caught:
        interview_from_text(" date 2024-01-01 T\nЛид.\n" + body)
    assert caught.value.line == line


@pytest.mark.parametrize(
    "body, line",
    [
        ("- Как дела?\n- Хорошо.\n- А планы?\n- Большие.\nА у вас?\nТоже.\n", 7),  # after two marked exchanges
        ("- Как дела?\n- Хорошо.\nА кто, если не мы?\nТак и будет.\n", 5),  # first person: the answerer's own
    ],
    ids=["late-in-many-marked", "first-person"],
)
def test_a_question_late_in_the_last_answer_is_refused_rather_than_split(body, line):
    with pytest.raises(SourceError) as caught:
        interview_from_text(" date 2024-01-01 T\nЛид.\n" + body)
    assert caught.value.line == line
