"""Names read from a lead are people's names: never an outlet, a title or a place. And the language of a text
decides whether its mentions are tagged."""

from __future__ import annotations

import pytest

from interview_dataset.annotate.rows import missing_metadata, rows_from_source
from interview_dataset.parse.language import detect_language
from interview_dataset.parse.names import name_in_lead
from interview_dataset.parse.sources import read_source

from conftest import SEED

#: Leads whose only capitalised run beside a verb of speaking is an outlet, a title or a place: no name.
NOT_A_PERSON = [
    ("О реформе рассказал министр, сообщает Эхо Региона.", None),
    ("Об этом министр рассказал в интервью газете Egemen Qazaqstan.", None),
    ("Об этом рассказал глава ведомства, передает BAQ.KZ.", "BAQ.KZ"),
    ("Подробности рассказал источник, сообщает сайт Tengri News.", None),
    ("Об этом рассказал депутат, пишет «Новый Курс».", None),
    ("Об этом сообщил Министр Финансов.", None),
    ("Об этом заявила Центральная Азия.", None),
    ("Об этом рассказал глава ведомства агентству Казинформ Сегодня.", None),
    ("Об этом заявил Аким Алматы.", None),
    ("О планах рассказал телеканал Хабар Двадцать Четыре.", None),
    ("The minister told Foreign Policy.", None),
    ("The plan was explained by officials, said Kazakh Radio.", None),
    ("Сарапшы Ұлттық Банк айтты.", None),
    ("Об этом рассказал министр, передает Курсив Медиа.", "Курсив Медиа"),
]
#: Leads that do name the interviewee.
A_PERSON = [
    ("О планах рассуждает председатель комитета Айгуль Куспан, передает BAQ.KZ.", "BAQ.KZ", "Айгуль Куспан"),
    ("Об этом рассказал Президент Касым-Жомарт Токаев.", None, "Касым-Жомарт Токаев"),
    ("Mayor Anna Lee told us about the budget.", None, "Anna Lee"),
    ("Ерлан Карин айтты.", None, "Ерлан Карин"),
    ("Об этом рассказала Жанар Сагинтаева, пишет Курсив.", None, "Жанар Сагинтаева"),
]


@pytest.mark.parametrize("lead, outlet", NOT_A_PERSON)
def test_a_lead_naming_only_an_outlet_title_or_place_gives_no_name(lead, outlet):
    assert name_in_lead(lead, outlet) is None


@pytest.mark.parametrize("lead, outlet, name", A_PERSON)
def test_a_lead_naming_a_person_gives_the_name(lead, outlet, name):
    assert name_in_lead(lead, outlet) == name


def test_there_are_at_least_ten_outlet_leads():
    assert len(NOT_A_PERSON) >= 10


@pytest.mark.parametrize(
    "text, language",
    [
        ("Экономика растет, сообщил министр.", "ru"),
        ("Экономика өсіп жатыр, деді министр. Бағалар тұрақты.", "kk"),
        ("The economy is growing, the minister said.", "en"),
        ("Iqtisodiyot o'smoqda, dedi vazir.", None),
        ("", None),
    ],
)
def test_language_is_told_from_the_letters(text, language):
    assert detect_language(text) == language


def _copy(tmp_path, name: str, text: str, sidecar: str | None = None):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    if sidecar is not None:
        path.with_suffix(".yaml").write_text(sidecar, encoding="utf-8")
    return read_source(path)


def test_a_kazakh_text_is_not_tagged_and_says_so_in_one_warning_line(tmp_path):
    source = _copy(tmp_path, "kk-text", " date 2024-01-01 Сұхбат\nСарапшы айтты.\n- Нарық қалай?\n- Өсіп жатыр.\n")
    rows = rows_from_source(source)
    assert [row["mentions"] for row in rows.turns] == [None, None] and rows.entities == []
    (line,) = missing_metadata(source)
    assert "language kk: entity mentions are tagged only in ru" in line and "no interviewee found" in line


def test_an_outlet_in_the_lead_leaves_the_speaker_null_with_a_warning(tmp_path):
    source = _copy(
        tmp_path,
        "echo",
        " date 2024-01-01 Реформа\nО реформе рассказал министр, сообщает Эхо Региона.\n- Когда?\n- Весной.\n",
    )
    rows = rows_from_source(source, mentions=False)
    assert [row["speaker"] for row in rows.turns] == [None, None]
    (line,) = missing_metadata(source)
    assert line.startswith("no sidecar") and "no interviewee found" in line


def test_the_seed_is_tagged_and_gives_no_warning():
    assert missing_metadata(read_source(SEED)) == []
