"""Parsing is linear in the input: the hostile inputs of the red-team issue (a header of 1.9 MB of spaces, a lead
of 1.9 MB of "said", long lines of initials or capitalised words) finish. The alarm is only a hang guard, set
far above the time these take (a few seconds at most); the algorithms themselves are single passes with
bounded backtracking (markers.py bounds the length of a label's words)."""

from __future__ import annotations

import signal

import pytest

from interview_dataset.errors import SourceError
from interview_dataset.parse.interview import interview_from_text
from interview_dataset.parse.names import name_in_lead

SIZE = 1_900_000  # just under the reader's 2 MiB limit
HANG_GUARD_SECONDS = 30

HEADER = " date 2025-01-01 Title\n"
HOSTILE_TEXTS = {
    "header of spaces": " date 2025-01-01" + " " * SIZE + "x\n- Q?\n- A.\n",
    "header without a date": " " * SIZE + "\n",
    "line of initials": HEADER + "А." * (SIZE // 2) + "\n",
    "line of initials with a colon": HEADER + "А." * (SIZE // 2) + ":\n",
    "line of capitalised words": HEADER + "Аа " * (SIZE // 3) + "\n",
    "capitalised words then a dash": HEADER + "Аа " * (SIZE // 3) + "– x\n",
    "line of dashes": HEADER + "- " * (SIZE // 2) + "\n",
    "question header then spaces": HEADER + "Question" + " " * SIZE + "x\n",
    "numbered header then spaces": HEADER + "Вопрос 1" + " " * SIZE + "x\n",
    "header author of spaces": HEADER + "Question#1 Author:" + " " * SIZE + "x\n",
    "question from a long name": HEADER + "Question from " + "a " * (SIZE // 2) + "\n",
    "many copula sentences": HEADER + "Лид.\n" + "- Как?\n- Так.\nИ.Петров – друг.\n" * (SIZE // 31 + 1),
    "many questions with a clarification": HEADER + "Лид.\n" + "Как?\nПочему?\nТак.\n" * (SIZE // 18 + 1),
    "many questions in a row": HEADER + "Лид.\n" + "Как?\n" * (SIZE // 5 + 1),
    "many follow-ups": HEADER
    + "Лид.\nКорр.: Как?\nИван Петров:\nТак.\n"
    + ("А вы " + "так" * 30 + "?\nДа.\n") * (SIZE // 100 + 1),
    "many question headers": HEADER + "Лид.\n" + "Question#1 Author: Anvar\nHow?\nFine.\n" * (SIZE // 36 + 1),
    "many labelled turns": HEADER
    + "Лид.\n"
    + "Вадим Петров. Как вам работается в этом году?\nИрина Смирнова. Хорошо, спасибо.\n" * (SIZE // 78),
}
HOSTILE_LEADS = {
    "said": "said " * (SIZE // 5),
    "said and a name": "said Anna " * (SIZE // 10),
    "рассказал": "рассказал " * (SIZE // 10),
    "capitalised run": "Аа " * (SIZE // 3) + "said",
}


@pytest.fixture
def hang_guard():
    def fail(signum, frame):
        raise TimeoutError("parsing did not finish: not linear in the input")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(HANG_GUARD_SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", sorted(HOSTILE_TEXTS))
def test_hostile_text_finishes(name, hang_guard):
    text = HOSTILE_TEXTS[name]
    assert len(text) >= SIZE
    try:
        interview_from_text(text, "hostile.txt")
    except SourceError as error:
        assert error.path == "hostile.txt"


@pytest.mark.parametrize("name", sorted(HOSTILE_LEADS))
def test_hostile_lead_finishes(name, hang_guard):
    assert name_in_lead(HOSTILE_LEADS[name]) is None
