"""`interview-dataset import`: saved pages → exactly the expected source and sidecar, which build and validate
with the expected turns; honest refusals with exact messages; byte-identical re-imports; no overwrite."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import htmldate
import pyarrow.parquet as pq
import pytest
import trafilatura
import yaml

from interview_dataset import __version__
from interview_dataset.cli import main
from interview_dataset.parse.interview import interview_from_text
from interview_dataset.parse.sources import read_sidecar
from interview_dataset.pipeline.build import build
from interview_dataset.validation.validate import validate_paths
from interview_dataset.webimport.outletlabels import names_outlet, outlet_keys
from interview_dataset.webimport.page import PageRefused, convert_page, import_pages

from conftest import FIXTURES, run

PAGES = FIXTURES / "html" / "pages"
EXPECTED = FIXTURES / "html" / "expected"
REFUSED = FIXTURES / "html" / "refused"
Q, A, S = "question", "answer", "statement"

#: page → (options, interview id, expected (role, speaker) of every turn after import → build).
CASES = {
    "ru-bold-questions.html": (
        {},
        "2025-10-14-kursiv-novosti-akkenzhenov",
        [(Q, "Дмитрий Ким"), (A, "Ерлан Аккенженов")] * 4,
    ),
    "kk-bold-questions.html": (
        {},
        "2025-02-21-egemen-qazaqstan-asqar-zhumabaev-auyl-mektebi",
        [(Q, "Айгерім Сейітова"), (A, None)] * 3,
    ),
    "en-speaker-labels-split-bold.html": (
        {},
        "2008-12-29-the-daily-groove-sunshine",
        [(Q, "Mike Rivers"), (A, "Sunshine")] * 4,
    ),
    "ru-speaker-labels-round-table.html": (
        {},
        "2025-11-01-gorodskoi-portal-orlova",
        [(Q, "Ольга Белова"), (A, "Наталья Орлова"), (A, "Игорь Лебедев")] * 2
        + [(Q, "Ольга Белова"), (A, "Наталья Орлова")],
    ),
    "en-heading-questions.html": (
        {},
        "2024-03-07-capital-post-we-will-not-raise",
        [(Q, "Rachel Green"), (A, None)] * 3,
    ),
    "ru-bold-lead-byline.html": (
        {},
        "2025-06-03-vlast-example-rezhisser-aliia-nurlanova-kino",
        [(Q, "Дана Ахметова"), (A, None)] * 3,
    ),
    "ru-speaker-labels-cp1251.html": (
        {"url": "http://rybgazeta.example/interview/volkov.html"},
        "2008-12-29-rybgazeta-example-volkov",
        [(Q, "Корреспондент"), (A, "Волков")] * 3,
    ),
    # The guest speaks before the first question: an opening statement; the author asks under a first name.
    "en-guest-speaks-first.html": (
        {},
        "2024-02-14-food-journal-lena",
        [(S, "Lena")] + [(Q, "Sam Wilson"), (A, "Lena")] * 2,
    ),
    "en-qa-bold-with-quotes.html": (
        {},
        "2023-09-18-science-weekly-q-a-the-scientist",
        [(Q, "Tom Baker"), (A, None)] * 3,
    ),
}


@pytest.mark.parametrize("page", sorted(CASES))
def test_import_writes_exactly_the_expected_source_and_sidecar(page, tmp_path):
    options, stem, _ = CASES[page]
    report = import_pages([PAGES / page], tmp_path, **options)
    assert report.refused == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{stem}.txt", f"{stem}.yaml"]
    for name in (f"{stem}.txt", f"{stem}.yaml"):
        assert (tmp_path / name).read_bytes() == (EXPECTED / name).read_bytes(), name
    sidecar = read_sidecar(tmp_path / f"{stem}.yaml")  # valid against schema/sidecar.schema.json
    assert sidecar["converted_from"] == "html"
    assert sidecar["page_sha256"] == hashlib.sha256((PAGES / page).read_bytes()).hexdigest()
    assert (
        sidecar["importer_version"]
        == f"interview-dataset {__version__} (trafilatura {trafilatura.__version__}, htmldate {htmldate.__version__})"
    )
    assert "topics" not in sidecar


def test_every_expected_file_has_its_page():
    stems = {stem for _, stem, _ in CASES.values()}
    assert {p.stem for p in EXPECTED.iterdir()} == stems
    assert {p.name for p in PAGES.iterdir()} == set(CASES)


def test_imported_pages_build_and_validate_with_the_expected_turns(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    for page, (options, _, _) in sorted(CASES.items()):
        assert import_pages([PAGES / page], sources, **options).refused == []
    build(sources, tmp_path / "ds", mentions=False, quiet=True, warn=lambda line: None)
    assert validate_paths([tmp_path / "ds" / "data"]) == []
    rows = pq.read_table(tmp_path / "ds" / "data" / "turns").to_pylist()
    turns: dict[str, list] = {}
    for row in rows:
        turns.setdefault(row["interview_id"], []).append((row["role"], row["speaker"]))
    assert turns == {stem: expected for _, stem, expected in CASES.values()}


def test_import_twice_gives_byte_identical_files(tmp_path):
    page = PAGES / "ru-bold-questions.html"
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    import_pages([page], first)
    import_pages([page], second)
    assert [p.read_bytes() for p in sorted(first.iterdir())] == [p.read_bytes() for p in sorted(second.iterdir())]
    assert import_pages([page], first, force=True).refused == []
    assert [p.read_bytes() for p in sorted(first.iterdir())] == [p.read_bytes() for p in sorted(second.iterdir())]


def test_existing_source_is_not_overwritten_without_force(tmp_path):
    page = PAGES / "ru-bold-questions.html"
    target = tmp_path / "2025-10-14-kursiv-novosti-akkenzhenov.txt"
    target.write_text("a curated text\n", encoding="utf-8")
    report = import_pages([page], tmp_path)
    assert report.refused == [f"{page}: {target} already exists; pass --force to replace it"]
    assert target.read_text(encoding="utf-8") == "a curated text\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


#: refused page → (options, the exact one line after `page: `).
REFUSALS = {
    "no-structure.html": (
        {},
        "no Q&A structure: the article has neither bold questions, nor speaker labels in bold, nor questions in "
        "italics alternating with plain answers; convert it by hand",
    ),
    "no-date.html": ({}, "no publication date found on the page; pass --date YYYY-MM-DD"),
    "two-articles.html": (
        {},
        "2 candidate articles («The baker who wakes at three», «The last cobbler in town»); "
        "pass --title with the headline of the one to import",
    ),
    "bold-between-labels.html": (
        {},
        "block 4, «О составе», is bold between speaker-labelled turns and names none of the page's speakers: "
        "an intertitle or a turn? convert it by hand",
    ),
    "question-without-answer.html": (
        {},
        "the last bold paragraph («Будете ли расширять капельное орошение?») has no answer after it; convert it by hand",
    ),
    "marker-in-answer.html": (
        {},
        "the converted text does not parse (question without an answer (question followed by another question)); convert it by hand",
    ),
    "no-date.html --date 2025-02-30": (
        {"date": "2025-02-30"},
        "--date '2025-02-30' is not a real date in the form YYYY-MM-DD",
    ),
    "ru-speaker-labels-cp1251.html": (
        {},
        "no site name or canonical address on the page to name the outlet; pass --url",
    ),
    # FAZ.NET (a reduced copy): the questions are <h3> headings, which trafilatura's article text leaves out.
    "questions-in-headings-the-extraction-drops.html": (
        {},
        "no Q&A structure: the article has neither bold questions, nor speaker labels in bold, nor questions in "
        "italics alternating with plain answers, but 5 headings of the page ask («Sie sehen also viel "
        "Scheinheiligkeit im deutschen…», …) and the article's text extracted from the page does not hold them: "
        "questions set as headings that the extraction left out? convert it by hand",
    ),
    "en-heading-questions.html --url": (
        {"url": "capitalpost.example/x"},
        "--url 'capitalpost.example/x' is not an address starting with http:// or https://",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refused_page_gives_one_line_and_writes_nothing(case, tmp_path):
    options, message = REFUSALS[case]
    name = case.split()[0]  # "page.html --option": the page refused for that option
    page = REFUSED / name if (REFUSED / name).exists() else PAGES / name
    report = import_pages([page], tmp_path, **options)
    assert report == type(report)([], [f"{page}: {message}"])
    assert list(tmp_path.iterdir()) == []


def test_what_the_refusal_asks_for_is_enough(tmp_path):
    assert import_pages([REFUSED / "no-date.html"], tmp_path, date="2025-01-15").refused == []
    assert import_pages([REFUSED / "two-articles.html"], tmp_path, title="The last cobbler in town").refused == []
    texts = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.txt")}
    assert sorted(texts) == [
        "2024-05-10-weekly-review-the-last-cobbler-in.txt",
        "2025-01-15-garden-notes-five-questions-for-a.txt",
    ]
    cobbler = texts["2024-05-10-weekly-review-the-last-cobbler-in.txt"]
    assert cobbler.startswith(" date 2024-05-10 The last cobbler in town\n") and "baker" not in cobbler


def test_one_page_options_are_refused_with_several_pages(tmp_path):
    pages = [PAGES / "ru-bold-questions.html", PAGES / "kk-bold-questions.html"]
    report = import_pages(pages, tmp_path, date="2025-01-01")
    assert report.refused == [
        f"{pages[0]}: --url, --date and --title describe one page; import the pages one at a time to pass them"
    ]
    assert list(tmp_path.iterdir()) == []


def test_a_refused_page_does_not_stop_the_others(tmp_path, capsys):
    code = main(
        [
            "import",
            str(REFUSED / "no-structure.html"),
            str(PAGES / "kk-bold-questions.html"),
            "--sources",
            str(tmp_path),
        ]
    )
    out, err = capsys.readouterr()
    assert code == 2
    assert err == f"{REFUSED / 'no-structure.html'}: {REFUSALS['no-structure.html'][1]}\n"
    stem = CASES["kk-bold-questions.html"][1]
    assert out.splitlines() == [str(tmp_path / f"{stem}.txt"), str(tmp_path / f"{stem}.yaml")]


def test_command_line_import_exits_0_and_names_the_files(tmp_path):
    result = run(
        "-m", "interview_dataset", "import", str(PAGES / "en-heading-questions.html"), "--sources", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    stem = CASES["en-heading-questions.html"][1]
    assert result.stdout.splitlines() == [str(tmp_path / f"{stem}.txt"), str(tmp_path / f"{stem}.yaml")]


def test_missing_extra_is_one_line_naming_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if the extra were not installed
    code = main(["import", str(PAGES / "en-heading-questions.html"), "--sources", str(tmp_path)])
    assert (code, capsys.readouterr().err) == (
        2,
        "interview-dataset import needs the import extra (module 'trafilatura' is not installed): "
        "pip install 'interview-dataset[import]'\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_a_missing_page_is_refused_without_fetching(tmp_path):
    page = Path("https://example.com/interview.html")
    assert import_pages([page], tmp_path).refused == [
        f"{page}: no such file (a saved page is read from disk; addresses are never fetched)"
    ]


def test_two_pages_with_one_interview_id_do_not_replace_each_other(tmp_path):
    page = PAGES / "ru-bold-questions.html"
    report = import_pages([page, page], tmp_path, force=True)
    assert report.refused == [
        f"{page}: gives the same interview id '2025-10-14-kursiv-novosti-akkenzhenov' as {page}; import it on its own"
    ]
    assert len(report.written) == 2


PAGE = """<html lang="ru"><head><meta property="og:site_name" content="Тест"><title>Заголовок</title>
<meta property="article:published_time" content="2025-01-02"></head><body><article><h1>Заголовок</h1>
<p>Вступление к беседе о погоде, о городе и о планах на год.</p>{turns}</article></body></html>"""


@pytest.mark.parametrize(
    "asks, answers",
    [
        ("<b>Корр.:</b> Как погода?", "<b>Айдар Сеитов:</b> Солнечно."),
        ("<b>Корр.</b>: Как погода?", "<b>Айдар Сеитов</b>: Солнечно."),
        ("<strong>Корр. —</strong> Как погода?", "<strong>Айдар Сеитов —</strong> Солнечно."),
        ("<strong>Корр.</strong> — Как погода?", "<strong>Айдар</strong> <strong>Сеитов</strong> — Солнечно."),
    ],
)
def test_speaker_label_shapes(asks, answers):
    turns = f"<p>{asks}</p><p>{answers}</p>" * 2
    converted = convert_page(PAGE.format(turns=turns).encode(), "page.html")
    body = converted.source.splitlines()[2:]
    assert body == ["Корр.: Как погода?", "Айдар Сеитов: Солнечно."] * 2


def test_bold_emphasis_inside_an_answer_stays_in_the_answer():
    turns = (
        "<p><b>Как погода?</b></p><p>Солнечно, <b>очень</b> солнечно.</p><p><b>Важно:</b> возьмите зонт.</p>"
        "<p><b>А завтра?</b></p><p>Дождь.</p>"
    )
    converted = convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert converted.source.splitlines()[2:] == [
        "Вопрос: Как погода?",
        "Ответ: Солнечно, очень солнечно.",
        "Важно: возьмите зонт.",
        "Вопрос: А завтра?",
        "Ответ: Дождь.",
    ]


@pytest.mark.parametrize(
    "first",
    [
        "<p><b>Как погода?</b> Солнечно.</p>",
        "<p><b>Как погода?</b><br>Солнечно.</p>",
        "<p><strong>Как погода?<br></strong>Солнечно.</p>",  # the </strong> after the <br>
    ],
)
def test_a_bold_question_and_its_plain_answer_in_one_paragraph_are_split(first):
    turns = first + "<p><b>А завтра?</b></p><p>Дождь.</p>"
    converted = convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert converted.source.splitlines()[2:] == [
        "Вопрос: Как погода?",
        "Ответ: Солнечно.",
        "Вопрос: А завтра?",
        "Ответ: Дождь.",
    ]


def test_the_pages_own_q_and_a_markers_are_removed_once():
    turns = (
        "<h4><strong>Q: How is the weather?</strong></h4><p>A: Sunny.</p>"
        "<h4><strong>Q: And tomorrow?</strong></h4><p>A: Rain.</p>"
    )
    page = PAGE.format(turns=turns).replace('lang="ru"', 'lang="en"')
    converted = convert_page(page.encode(), "page.html")
    assert converted.source.splitlines()[2:] == [
        "Q: How is the weather?",
        "A: Sunny.",
        "Q: And tomorrow?",
        "A: Rain.",
    ]


def test_a_dash_set_against_the_first_word_is_the_pages_marker_and_removed_once():
    # Diario de Cuyo (a reduced copy): «<b>-¿…?</b><br/>-…», the Spanish dash with no space after it.
    converted = convert_page(
        (FIXTURES / "html" / "shapes" / "es-bold-question-br-answer-attached-dash.html").read_bytes(), "page.html"
    )
    assert converted.source.splitlines()[2:] == [
        "Q: ¿Qué te impulsó a trabajar con víctimas de violencia de género?",
        "A: Siempre me gustó ayudar a las demás personas.",
        "Q: ¿Te tocó ayudar a alguien en medio de un hecho violento?",
        "A: No. Solamente me contaron situaciones violentas, pero mis compañeras acompañaron a muchas mujeres y "
        "hasta las ayudaron a que presentaran las denuncias.",
        "Q: ¿Tu mamá las crío sola?",
        "A: Sí. Ella trabajaba todo el día y mi abuela nos cuidaba.",
    ]


def test_a_dash_typed_twice_goes_and_a_minus_before_a_number_stays():
    turns = (
        "<p><b>—¿De qué temas le gusta escribir?</b><br/>—-En mi caso, ciencia ficción.</p>"
        "<p><b>—¿Y la temperatura hoy?</b><br/>-5 grados.</p>"
    )
    page = PAGE.format(turns=turns).replace('lang="ru"', 'lang="es"')
    converted = convert_page(page.encode(), "page.html")
    assert converted.source.splitlines()[2:] == [
        "Q: ¿De qué temas le gusta escribir?",
        "A: En mi caso, ciencia ficción.",
        "Q: ¿Y la temperatura hoy?",
        "A: -5 grados.",
    ]


def test_an_ornament_after_the_last_answer_is_left_out_and_its_paragraph_continues_the_answer():
    # El Siglo (a reduced copy): «<b>========== ‘</b>» is no question; the quoted paragraph after it goes on
    # with the last answer's alternatives.
    converted = convert_page(
        (FIXTURES / "html" / "shapes" / "es-bold-questions-ornament.html").read_bytes(), "page.html"
    )
    assert converted.source.splitlines()[2:] == [
        "Q: ¿Qué porcentaje de los alumnos del sector oficial tiene una computadora o un tablet?",
        "A: No hay estadísticas.",
        "Q: ¿Cuál es la situación en el campo oficial?",
        "A: La pandemia nos ha revelado una brecha de las desigualdades.",
        "Otra alternativa podría ser adecuar el calendario. Los estudiantes que asisten dos veces por semana y el "
        "resto por plataforma, esto prevendría la masificación en las escuelas'",
    ]
    assert [str(n) for n in converted.notes if n.role == "left out"] == [
        "   6 left out   «========== ‘»: an ornament (separator marks, no word)"
    ]


def test_a_page_that_labels_only_its_first_exchange_loses_both_labels_and_names_every_answer():
    # RFI (a reduced copy): «<b>RFI : …?</b>» then «<b>Martial Ze Belinga</b> : …», later turns unlabelled.
    converted = convert_page(
        (FIXTURES / "html" / "shapes" / "fr-first-exchange-labelled.html").read_bytes(), "page.html"
    )
    assert converted.source.splitlines()[2:] == [
        "Interviewer: Le président béninois Patrice Talon vient d’annoncer le retrait des réserves de change du CFA "
        "de la Banque de France. Et c’est la première fois qu’un chef d’État des pays concernés en parle "
        "ouvertement. Est-ce que c’est un tabou qui est brisé\u00a0?",
        "Martial Ze Belinga: De fait, c’est un tabou qui est brisé, mais qui est en réalité inéluctable.",
        "Interviewer: Il n’a en revanche pas annoncé le calendrier. Est-ce que cela va se faire dans quelques mois, "
        "dans un an\u00a0?",
        "Martial Ze Belinga: Oui, cela dépend de plusieurs facteurs, parce qu’il y a un cadre juridique qui fixe des "
        "obligations de remonter au moins 50% des réserves au Trésor public français.",
        "Interviewer: Il s’agissait en fait d’un blocage politique\u00a0?",
        "Martial Ze Belinga: C’est un blocage politique, c’est une rente ancienne, c’est une rente historique.",
    ]


def test_an_answer_opening_with_a_word_and_a_colon_is_no_label_when_the_question_has_none():
    turns = "<p><b>Как погода?</b></p><p>Солнечно: ни облака.</p><p><b>А завтра?</b></p><p>Дождь.</p>"
    converted = convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert converted.source.splitlines()[2:] == [
        "Вопрос: Как погода?",
        "Ответ: Солнечно: ни облака.",
        "Вопрос: А завтра?",
        "Ответ: Дождь.",
    ]


def test_a_teaser_a_closing_note_a_box_title_and_a_gallerys_data_are_left_out_and_said():
    # Bluewin (a reduced copy): a paragraph that is one link to another article between two turns; after the last
    # answer an italic note, then the title of a box («Die Kino-Highlights im November», not a question: a few
    # words, no sentence end, nothing but a gallery after it) and the gallery's data printed as text.
    converted = convert_page(
        (FIXTURES / "html" / "shapes" / "de-box-title-and-gallery-data-after-the-last-answer.html").read_bytes(),
        "page.html",
    )
    assert converted.source.splitlines()[2:] == [
        "Q: Herr Emmerich, warum haben Sie gerade jetzt einen Kriegsfilm gedreht?",
        "A: Ich wollte den Film schon vor 20 Jahren machen, bin aber jetzt ganz dankbar gewesen, dass es damals "
        "nicht funktioniert hat.",
        "Q: Haben Sie einen amerikanischen und einen deutschen Pass?",
        "A: Das war Bedingung.",
        "Q: Wie erklären Sie sich, dass viele Leute Trump unterstützen?",
        "A: Das kann ich nicht verstehen.",
    ]
    assert [str(note) for note in converted.notes if note.role == "left out"] == [
        "   4 left out   «FilmfestivalZurich Film Festival zeichnet Emmerich aus»: a link on its own: a teaser of "
        "another page",
        "   9 left out   ««Midway» startet am 7. November in unseren Kinos.»: an editorial note in italics after the "
        "last answer",
        "  10 left out   «Die Kino-Highlights im November»: a box after the last turn (its title, then what it holds)",
        '  11 left out   «Weitere 21 Bilder ansehen [ { "src": "https://production-li…»: a box after the last turn '
        "(its title, then what it holds)",
    ]


@pytest.mark.parametrize(
    "ending",
    [
        "<p><b>Und morgen?</b></p>",  # asks
        "<p><b>Mehr dazu.</b></p>",  # ends as a sentence does
        "<p><b>Eine letzte Frage, bitte, an Sie, bevor wir schließen</b></p>",  # more words than a title has
    ],
)
def test_a_last_bold_paragraph_that_is_not_a_box_title_is_refused(ending):
    turns = f"<p><b>Wie geht es?</b></p><p>Gut.</p><p><b>Und heute?</b></p><p>Auch.</p>{ending}"
    with pytest.raises(PageRefused) as refused:
        convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert "has no answer after it; convert it by hand" in str(refused.value)


def test_an_answer_that_opens_with_a_question_marker_is_refused():
    turns = "<p><b>Как погода?</b></p><p>Вопрос: Солнечно.</p><p><b>А завтра?</b></p><p>Дождь.</p>"
    with pytest.raises(PageRefused) as refused:
        convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert str(refused.value) == (
        "page.html: block 3, «Вопрос: Солнечно.», is set as an answer but opens with the page's question "
        "marker «Вопрос»; convert it by hand"
    )


def test_furniture_lines_go_and_short_answers_stay():
    turns = (
        "<p><b>Как погода?</b></p><p>Солнечно.</p><p>В 2024 году 5 просмотров было рекордом.</p>"
        "<p><b>А завтра?</b></p><p>Дождь</p><p>Просмотров: 877</p><p>Фото: Тест</p>"
    )
    converted = convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert converted.source.splitlines()[2:] == [
        "Вопрос: Как погода?",
        "Ответ: Солнечно.",
        "В 2024 году 5 просмотров было рекордом.",
        "Вопрос: А завтра?",
        "Ответ: Дождь",
    ]


def test_section_titles_between_bold_questions_are_left_out_and_said():
    converted = convert_page(
        (FIXTURES / "html" / "shapes" / "en-intertitles-bold-questions.html").read_bytes(),
        "page.html",
        url="https://x.example/a",
    )
    assert converted.source.splitlines()[1:] == [
        "A year after the election, we asked the mayor what has changed.",
        "Q: Are the new buses running?",
        "A: Yes, forty of them since March, all electric.",
        "Q: When will the old bridge reopen?",
        "A: In the spring, if the weather lets us finish the deck.",
    ]
    assert [str(n) for n in converted.notes if n.role == "left out"] == [
        "   2 left out   «Transport»: a heading that is not a question: an intertitle",
        "   5 left out   «Bridges»: a heading that is not a question: an intertitle",
    ]


def test_a_pull_quote_set_as_a_heading_of_another_level_is_left_out():
    turns = (
        "<h2>How is the weather?</h2><p>Sunny, and warm for the season.</p><h3><em>“Warm for the season”</em></h3>"
        "<p>We had no rain at all.</p><h2>And tomorrow?</h2><p>Rain.</p>"
    )
    page = PAGE.format(turns=turns).replace('lang="ru"', 'lang="en"')
    converted = convert_page(page.encode(), "page.html")
    assert converted.source.splitlines()[2:] == [
        "Q: How is the weather?",
        "A: Sunny, and warm for the season.",
        "We had no rain at all.",
        "Q: And tomorrow?",
        "A: Rain.",
    ]


GROUP = (
    "<h2>Anna Berg</h2><p><b>What do you read?</b></p><p>Poetry, mostly.</p>"
    "<p><b>Where do you read?</b></p><p>On the train.</p>"
    "<h2>Tom Hale</h2><p><b>What do you read?</b></p><p>Crime novels.</p>"
    "<p><b>Where do you read?</b></p><p>In bed, late.</p>"
)


def test_a_group_interview_gives_each_answer_the_name_above_it():
    page = PAGE.format(turns=GROUP).replace('lang="ru"', 'lang="en"')
    converted = convert_page(page.encode(), "page.html")
    assert converted.source.splitlines()[2:] == [
        "Interviewer: What do you read?",
        "Anna Berg: Poetry, mostly.",
        "Interviewer: Where do you read?",
        "Anna Berg: On the train.",
        "Interviewer: What do you read?",
        "Tom Hale: Crime novels.",
        "Interviewer: Where do you read?",
        "Tom Hale: In bed, late.",
    ]
    interview = interview_from_text(converted.source, "page.html", yaml.safe_load(converted.sidecar))
    assert [(t.role, t.speaker) for t in interview.turns] == [(Q, "Interviewer"), (A, "Anna Berg")] * 2 + [
        (Q, "Interviewer"),
        (A, "Tom Hale"),
    ] * 2


def test_a_group_interview_with_a_section_without_a_name_is_refused():
    turns = GROUP.replace("<h2>Tom Hale</h2>", "<h2>Readers on the train</h2>")
    page = PAGE.format(turns=turns).replace('lang="ru"', 'lang="en"')
    with pytest.raises(PageRefused) as refused:
        convert_page(page.encode(), "page.html")
    assert refused.value.message == (
        "the same questions are asked more than once (a group interview), but no heading names who answers "
        "block 8, «What do you read?»; convert it by hand"
    )


def test_a_heading_that_looks_like_a_name_above_different_questions_is_refused():
    turns = GROUP.replace("What do you read?</b></p><p>Crime", "Why crime?</b></p><p>Crime").replace(
        "<p><b>Where do you read?</b></p><p>In bed", "<p><b>And when?</b></p><p>In bed"
    )
    page = PAGE.format(turns=turns).replace('lang="ru"', 'lang="en"')
    with pytest.raises(PageRefused) as refused:
        convert_page(page.encode(), "page.html")
    assert refused.value.message == (
        "block 2, the heading «Anna Berg», looks like a person's name: the one who answers below it (a group "
        "interview), or a section title? convert it by hand"
    )


@pytest.mark.parametrize(
    "answer",
    [
        "<p><strong>McKelvey:</strong>{text}</p>",  # a bold label glued to the text
        "<p><em>McKelvey: {text}</em></p>",  # the answer in italics, its label in it
    ],
)
def test_answers_that_open_with_the_answerers_name_have_it_as_their_label(answer):
    turns = "".join(
        f"<p><b>{question}</b></p>" + answer.format(text=text)
        for question, text in [("How is the weather?", "Sunny."), ("And tomorrow?", "Rain.")]
    )
    page = PAGE.format(turns=turns).replace('lang="ru"', 'lang="en"')
    converted = convert_page(page.encode(), "page.html")
    assert converted.source.splitlines()[2:] == [
        "Interviewer: How is the weather?",
        "McKelvey: Sunny.",
        "Interviewer: And tomorrow?",
        "McKelvey: Rain.",
    ]


def test_bold_questions_that_open_with_the_interviewers_label_lose_it_once():
    turns = "<p><b>Корр.: Как погода?</b></p><p>Солнечно.</p><p><b>Корр.: А завтра?</b></p><p>Дождь.</p>"
    converted = convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert converted.source.splitlines()[2:] == [
        "Вопрос: Как погода?",
        "Ответ: Солнечно.",
        "Вопрос: А завтра?",
        "Ответ: Дождь.",
    ]


def test_bold_questions_that_open_with_a_name_make_that_person_the_interviewer():
    turns = (
        "<p><b>Tom Baker: How is the weather?</b></p><p>Sunny.</p><p><b>Tom Baker: And tomorrow?</b></p><p>Rain.</p>"
    )
    page = PAGE.format(turns=turns).replace('lang="ru"', 'lang="en"')
    converted = convert_page(page.encode(), "page.html")
    assert converted.source.splitlines()[2:] == ["Q: How is the weather?", "A: Sunny.", "Q: And tomorrow?", "A: Rain."]
    assert yaml.safe_load(converted.sidecar)["interviewer"] == {"id": "tom-baker", "name": "Tom Baker"}


def test_named_questions_and_named_answers_are_both_labels():
    turns = (
        "<p><b>Tom Baker: How is the weather?</b></p><p>Ann Lee: Sunny.</p>"
        "<p><b>Tom Baker: And tomorrow?</b></p><p>Ann Lee: Rain.</p>"
    )
    page = PAGE.format(turns=turns).replace('lang="ru"', 'lang="en"')
    converted = convert_page(page.encode(), "page.html")
    assert converted.source.splitlines()[2:] == [
        "Tom Baker: How is the weather?",
        "Ann Lee: Sunny.",
        "Tom Baker: And tomorrow?",
        "Ann Lee: Rain.",
    ]


def test_answers_of_which_only_some_open_with_a_name_are_refused():
    turns = (
        "<p><b>How is the weather?</b></p><p>Rick: Sunny.</p><p><b>And tomorrow?</b></p><p>Rick: Rain.</p>"
        "<p><b>And then?</b></p><p>Snow.</p>"
    )
    page = PAGE.format(turns=turns).replace('lang="ru"', 'lang="en"')
    with pytest.raises(PageRefused) as refused:
        convert_page(page.encode(), "page.html")
    assert refused.value.message == (
        "2 of 3 answers open with a name («Rick:»), but «Snow.» does not: whose answer is it? convert it by hand"
    )


def test_an_opening_byline_and_a_call_to_action_are_not_turns():
    turns = (
        "<p>Беседовала Анна Иванова</p><p><b>Как погода?</b></p><p>Солнечно.</p><p><b>А завтра?</b></p>"
        "<p>Дождь.</p><p>Подписывайтесь на наш канал в Telegram!</p>"
    )
    converted = convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert converted.source.splitlines()[2:] == [
        "Вопрос: Как погода?",
        "Ответ: Солнечно.",
        "Вопрос: А завтра?",
        "Ответ: Дождь.",
    ]
    assert "  name: Анна Иванова" in converted.sidecar.splitlines()
    assert [str(n) for n in converted.notes if n.role == "left out"] == [
        "   6 left out   «Подписывайтесь на наш канал в Telegram!»: a call to action"
    ]


@pytest.mark.parametrize(
    "byline, name",
    [
        ("Беседовала Анна Иванова", "Анна Иванова"),
        ("Сұхбаттасқан Айгерім Сейітова", "Айгерім Сейітова"),
        ("Interview by Tom Baker.", "Tom Baker"),
        ("Das Gespräch führte Anna Berg.", "Anna Berg"),
        ("Das Gespräch mit Carola Rackete führte Birgit Raddatz, Inforadio.", "Birgit Raddatz"),  # rbb24
        ("Propos recueillis par Jean Dupont", "Jean Dupont"),
        ("Entrevista realizada por Ana Gómez", "Ana Gómez"),
    ],
)
def test_a_closing_byline_in_each_language_names_the_interviewer_and_is_not_a_turn(byline, name):
    turns = f"<p><b>Как погода?</b></p><p>Солнечно.</p><p><b>А завтра?</b></p><p>Дождь.</p><p>{byline}</p>"
    converted = convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert converted.source.splitlines()[-1] == "Ответ: Дождь."
    assert f"  name: {name}" in converted.sidecar.splitlines()


def test_a_folder_is_not_a_page(tmp_path):
    assert import_pages([PAGES], tmp_path).refused == [f"{PAGES}: is not a regular file; name the saved page itself"]


def test_a_page_without_a_title_asks_for_one(tmp_path):
    page = tmp_path / "untitled.html"
    turns = "<p><b>Как погода?</b></p><p>Солнечно.</p><p><b>А завтра?</b></p><p>Дождь.</p>"
    page.write_text(
        PAGE.format(turns=turns).replace("<title>Заголовок</title>", "").replace("<h1>Заголовок</h1>", ""),
        encoding="utf-8",
    )
    sources = tmp_path / "sources"
    sources.mkdir()
    assert import_pages([page], sources).refused == [f"{page}: no title found on the page; pass --title"]
    assert import_pages([page], sources, title="О погоде").refused == []
    assert (
        (sources / "2025-01-02-test-o-pogode.txt").read_text(encoding="utf-8").startswith(" date 2025-01-02 О погоде\n")
    )


def test_an_empty_page_is_refused(tmp_path):
    page = tmp_path / "empty.html"
    page.write_bytes(b"  \n")
    assert import_pages([page], tmp_path).refused == [f"{page}: is empty; save the page again"]


def test_a_bold_signature_after_the_last_answer_is_a_byline_not_a_question():
    # SARATOVNEWS.ru (a reduced copy): «<b>Наталья ИВАНОВА.</b>» closes the article, the author's signature.
    converted = convert_page(
        (FIXTURES / "html" / "shapes" / "ru-bold-signature-after-the-last-answer.html").read_bytes(), "page.html"
    )
    assert converted.source.splitlines()[2:] == [
        "Q: Внедрением информационных технологий сейчас активно интересуются во всех сферах жизни. В чём, на ваш "
        "взгляд, состоит уникальность данного проекта?",
        "A: Проект реализуется в рамках федерального проекта «”Молодые профессионалы” (Повышение "
        "конкурентоспособности профессионального образования)» национального проекта «Образование».",
        "Оснащение позволит создать условия для формирования профессиональных компетенций в соответствии с "
        "требованиями федеральных государственных образовательных стандартов среднего профессионального "
        "образования по соответствующим профессиям и специальностям с опорой на стандарты Ворлдскиллс Россия.",
        "Q: На какой стадии проект сейчас?",
        "A: Всё необходимое оборудование уже закуплено, и на сегодняшний день осуществляется его поставка. В "
        "помещениях идёт косметический ремонт.",
        "Q: Недавно колледж попал на Саратовскую доску почёта, а лично вас поздравил губернатор Валерий РАДАЕВ. Как "
        "это на вас повлияло?",
        "A: Мотивировало, и очень сильно.",
    ]
    assert "  name: Наталья Иванова" in converted.sidecar.splitlines()


@pytest.mark.parametrize(
    "signature, name",
    [
        ("<b>Наталья ИВАНОВА</b>", "Наталья Иванова"),
        ("<b>Наталья Иванова.</b>", "Наталья Иванова"),
        ("<b>Иван ПЕТРОВ. Фото автора</b>", "Иван Петров"),
        ("<b>Anna BERG, photo by the author</b>", "Anna Berg"),
    ],
)
def test_a_bold_name_closing_the_article_is_its_signature(signature, name):
    turns = f"<p><b>Как погода?</b></p><p>Солнечно.</p><p><b>А завтра?</b></p><p>Дождь.</p><p>{signature}</p>"
    converted = convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert converted.source.splitlines()[-1] == "Ответ: Дождь."
    assert f"  name: {name}" in converted.sidecar.splitlines()


def test_a_signature_after_a_question_is_no_signature_and_the_question_has_no_answer():
    turns = (
        "<p><b>Как погода?</b></p><p>Солнечно.</p><p><b>А завтра?</b></p><p>Дождь.</p>"
        "<p><b>Дождь?</b></p><p><b>Наталья ИВАНОВА.</b></p>"
    )
    with pytest.raises(PageRefused) as refused:
        convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert refused.value.message == "the last bold paragraph («Дождь?») has no answer after it; convert it by hand"


@pytest.mark.parametrize(
    "last",
    [
        "Anna Berg",  # Latin script: no dictionary to say it is a name, no capitals: not taken as the signature
        "Новости партнёров",  # a box title
    ],
)
def test_a_last_bold_line_of_a_few_words_is_a_box_title_left_out_not_a_question_or_a_signature(last):
    turns = f"<p><b>Как погода?</b></p><p>Солнечно.</p><p><b>А завтра?</b></p><p>Дождь.</p><p><b>{last}</b></p>"
    converted = convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert converted.source.splitlines()[-1] == "Ответ: Дождь."
    assert last not in converted.sidecar
    assert str(converted.notes[-1]) == (
        f"   6 left out   «{last}»: a box after the last turn (its title, then what it holds)"
    )


def test_the_outlets_initials_label_the_questions_and_a_closing_box_is_left_out():
    # Строительная газета (a reduced copy): «<b>«СГ»: …?</b>» (the outlet's initials) asks, «Сергей Шумей:» then
    # «С.Ш.:» answer; the «Справочно:» box after the last answer goes with its biography.
    converted = convert_page(
        (FIXTURES / "html" / "shapes" / "ru-outlet-initials-label-and-closing-box.html").read_bytes(), "page.html"
    )
    assert converted.source.splitlines()[1:] == [
        "Летом этого года инвестиционно-девелоперская компания «РГ - Девелопмент», являющаяся активом закрытого "
        "паевого инвестиционного комбинированного фонда (ЗПИФ) «Лонтано», перешла под управление ЗАО «УК РВМ "
        "Капитал».",
        "Interviewer: «РГ - Девелопмент» находится под контролем ЗПИФ «Лонтано» уже больше двух лет. При этом о роли "
        "УК в бизнес-процессах компании заговорили только сейчас. С чем это связано?",
        "Сергей Шумей: Сделка, в результате которой «РГ - Девелопмент» перешла к ЗПИФ «Лонтано», была завершена в "
        "начале 2017 года.",
        "Interviewer: Планы весьма амбициозные…",
        "С.Ш.: Но осуществимые! Стоит отметить, что за пять лет своего существования компания «РГ - Девелопмент» уже "
        "добилась больших успехов.",
        "Interviewer: Новые инвесторы в капитале девелопера не появятся?",
        "С.Ш.: На сегодняшний день таких планов у нас нет.",
        "Interviewer: Даже в условиях новых «правил игры» на рынке жилищного строительства?",
        "С.Ш.: Вопреки! Хотя соглашусь, последние изменения в законодательстве, связанные с внедрением эскроу-счетов "
        "и проектного финансирования, еще отразятся существенным образом на рыночной ситуации.",
    ]
    assert "  name: Сергей МОСЕНКО" in converted.sidecar.splitlines()
    assert [(n.number, n.why) for n in converted.notes if n.role == "left out"] == [
        (11, "a box after the last turn (its title, then what it holds)"),
        (12, "a box after the last turn (its title, then what it holds)"),
    ]


@pytest.mark.parametrize(
    "label, outlet, is_outlet",
    [
        ("«СГ»", "Строительная газета", True),
        ("СГ", "Строительная газета", True),
        ("«АиФ»", "Аргументы и факты", True),
        ("АиФ", "Аргументы и факты", False),  # initials neither quoted nor in capitals
        ("RFI", "RFI", True),
        ("Reporterre", "Reporterre", True),
        ("Stroygaz", "stroygaz.ru", True),
        ("«СШ»", "Строительная газета", False),
        ("С.Ш.", "Строительная газета", False),
        ("Сергей Шумей", "Строительная газета", False),
    ],
)
def test_an_outlet_label_is_the_site_name_or_its_initials_quoted_or_in_capitals(label, outlet, is_outlet):
    assert names_outlet(label, outlet_keys(outlet)) is is_outlet


def test_a_bold_paragraph_asking_before_the_outlet_labelled_first_question_is_refused():
    # rbb24 (its shape): a bold standfirst ending with '?', then «<b>rbb: …?</b>», the interviewer's first question.
    turns = (
        "<p><b>Warum gehört beides zusammen?</b></p><p>Sie ist Kapitänin und Aktivistin.</p>"
        "<p><b>rbb: Frau Rackete, haben Sie das Buch allein geschrieben?</b></p><p>Mit einer Ghostwriterin.</p>"
        "<p><b>Wer ist Ihre Zielgruppe?</b></p><p>Viele Leute.</p>"
    )
    page = PAGE.format(turns=turns).replace('lang="ru"', 'lang="de"')
    with pytest.raises(PageRefused) as refused:
        convert_page(page.encode(), "page.html", url="https://www.rbb24.de/politik/a.html")
    assert refused.value.message == (
        "block 4, «rbb: Frau Rackete, haben Sie das Buch allein gesc…», opens with the outlet's label, as a first "
        "question does, but bold paragraphs before it ask too (block 2, «Warum gehört beides zusammen?»): a bold lead "
        "or questions? convert it by hand"
    )


def test_a_first_exchange_labelled_in_bold_with_dashes_and_a_byline_in_a_list_with_credits_after_it():
    # Reporterre (a reduced copy): «<b>Reporterre — …?</b>» (the outlet's label) and «<b>Yves Monteil —</b> …» label
    # the first exchange only; «Propos recueillis par Émilie Massemin» in a list item closes the interview, and the
    # book's reference and the «Source :»/«Photos :» credits after it go with it.
    converted = convert_page(
        (FIXTURES / "html" / "shapes" / "fr-outlet-label-dash-first-exchange-byline-in-list.html").read_bytes(),
        "page.html",
    )
    assert converted.source.splitlines()[1:] == [
        "Dans «\u00a0Police, paysages et résistances\u00a0», le photographe nantais Yves Monteil relate six années de "
        "maintien de l’ordre à Nantes et sur la Zad de Notre-Dame-des-Landes.",
        "Interviewer: Comment a germé l’idée de regrouper dans un livre ces années de travail photographique\u00a0?",
        "Yves Monteil: C’est mon premier long projet, né en\u00a02012.",
        "Mon idée était de mêler maintien de l’ordre en milieu urbain et sur la Zad.",
        "Interviewer: Quelle évolution du maintien de l’ordre avez-vous observée entre 2012 et 2018\u00a0?",
        "Yves Monteil: Nantes et la Zad ont été des terrains expérimentaux, notamment par l’utilisation d’armes qui "
        "étaient auparavant cantonnées aux quartiers populaires sans que ça n’intéresse personne.",
        "Interviewer: Quelles sont les conséquences de ce durcissement\u00a0?",
        "Yves Monteil: C’est un danger pour la démocratie. Même si on a l’impression que cet excès de sécurité a pour "
        "but de rassurer les citoyens, ce livre montre l’effet inverse.",
    ]
    # The byline names who asked; the page's author field holds the headline's «Entretien avec Yves Monteil».
    assert "  name: Émilie Massemin" in converted.sidecar.splitlines()


def test_a_first_exchange_with_a_bold_label_that_is_not_the_outlets_keeps_its_words():
    # Only the outlet's label in bold opens the markup reading: «<b>Berlin — …?</b>» is a question's own words.
    turns = (
        "<p><b>Berlin — wie geht es weiter?</b></p><p><b>Anna Berg —</b> Gut.</p><p><b>Und morgen?</b></p><p>Regen.</p>"
    )
    page = PAGE.format(turns=turns).replace('lang="ru"', 'lang="de"')
    converted = convert_page(page.encode(), "page.html")
    assert converted.source.splitlines()[2:4] == ["Q: Berlin — wie geht es weiter?", "A: Anna Berg — Gut."]


def test_a_paragraph_inside_the_last_answer_that_opens_like_a_byline_does_not_end_the_interview():
    turns = (
        "<p><b>Как погода?</b></p><p>Солнечно.</p><p><b>А как вы это запомнили?</b></p>"
        "<p>Записал все на диктофон.</p><p>Потом переслушал.</p>"
    )
    converted = convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert converted.source.splitlines()[-2:] == ["Ответ: Записал все на диктофон.", "Потом переслушал."]


def test_questions_wholly_in_italics_alternating_with_plain_answers_are_read_and_a_plain_signature_closes():
    # 35Медиа (a reduced copy): «<i>— …?</i>» asks, the plain paragraph after it answers; «Татьяна Ковачева»,
    # a plain name after the last answer, is the author's signature.
    converted = convert_page(
        (FIXTURES / "html" / "shapes" / "ru-italic-questions-signature.html").read_bytes(), "page.html"
    )
    assert converted.source.splitlines()[2:] == [
        "Q: Юлия Леонидовна, не\u00a0скучно\u00a0ли быть библиотекарем? Копаешься в\u00a0книгах, как книжный червь…",
        "A: Не скучно. Библиотекарь отнюдь не книжный червь.",
        "Q: А\u00a0как вы\u00a0стали библиотекарем? С\u00a0детства мечтали?",
        "A: Не мечтала, и в мыслях подобного не было.",
        "Q: Есть\u00a0ли у\u00a0вас книга из\u00a0детства, юности, которая дорога вам и\u00a0по\u00a0сей день?",
        "A: Есть такая. Русские народные сказки (1976 года издания). Книга, которая завораживала меня в детстве, и "
        "сейчас лежит у меня на столе.",
        "Q: Юлия Леонидовна, юные читатели сильно отличаются от\u00a0нас?",
        "A: Отличаются. В нашем понимании современные дети не любят читать, но это не так.",
    ]
    assert "  name: Татьяна Ковачева" in converted.sidecar.splitlines()
    assert [n.why for n in converted.notes if n.role == "question"] == ["italic: asks"] * 4


ITALIC_QA = "<p><i>Как погода?</i></p><p>Солнечно.</p><p><i>А завтра?</i></p><p>Дождь.</p>"


@pytest.mark.parametrize(
    "turns, refusal",
    [
        (
            ITALIC_QA + "<p><i>А потом?</i></p><p>Снег.</p><p><i>Фильм выходит в ноябре.</i></p>",
            "the questions are in italics, but «Фильм выходит в ноябре.» is in italics but does not ask: a question, "
            "a note or a quote? convert it by hand",
        ),
        (
            ITALIC_QA + "<p><i>А потом?</i></p><p><i>И через неделю?</i></p><p>Снег.</p>",
            "the questions are in italics, but «А потом?» asks in italics but no plain answer follows it: a "
            "question, a note or a quote? convert it by hand",
        ),
        (
            ITALIC_QA,  # two italic questions are no pattern: emphasis, a note or a quote as often
            "no Q&A structure: the article has neither bold questions, nor speaker labels in bold, nor questions in "
            "italics alternating with plain answers; convert it by hand",
        ),
    ],
)
def test_a_page_that_only_half_follows_the_italic_questions_pattern_is_refused(turns, refusal):
    with pytest.raises(PageRefused) as refused:
        convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert refused.value.message == refusal


def test_a_plain_name_answering_a_question_is_the_answer_not_a_signature():
    turns = "<p><b>Как погода?</b></p><p>Солнечно.</p><p><b>Кто ваш любимый автор?</b></p><p>Михаил Булгаков</p>"
    converted = convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert converted.source.splitlines()[-1] == "Ответ: Михаил Булгаков"


def test_an_italic_first_question_opening_the_article_without_a_question_mark_at_its_end_is_refused():
    turns = "<p><i>Как погода? Говорят, жарко…</i></p><p>Солнечно.</p>" + ITALIC_QA.replace("Как погода?", "А вчера?")
    page = PAGE.format(turns=turns).replace("<p>Вступление к беседе о погоде, о городе и о планах на год.</p>", "")
    with pytest.raises(PageRefused) as refused:
        convert_page(page.encode(), "page.html")
    assert refused.value.message == (
        "the questions are in italics, but the first, «Как погода? Говорят, жарко…», opens the article and does not "
        "end with '?': a question or the lead? convert it by hand"
    )


def test_a_box_after_the_last_bold_question_goes_with_what_it_holds():
    turns = (
        "<p><b>Как погода?</b></p><p>Солнечно.</p><p><b>А завтра?</b></p><p>Дождь.</p><p><b>Справка:</b></p>"
        "<p>Иван Петров родился в 1970 году.</p>"
    )
    converted = convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert converted.source.splitlines()[-1] == "Ответ: Дождь."
    assert [(n.number, n.role) for n in converted.notes if n.role == "left out"] == [(6, "left out"), (7, "left out")]


def test_a_byline_in_italics_before_an_editors_note_names_the_interviewer_and_both_leave_the_answer():
    # rbb24: «<i>Das Gespräch mit … führte Birgit Raddatz, Inforadio.</i>» then «<i>Dieser Text ist eine gekürzte …</i>»
    turns = (
        "<p><b>Как погода?</b></p><p>Солнечно.</p><p><b>А завтра?</b></p><p>Дождь.</p>"
        "<p><i>Das Gespräch mit Carola Rackete führte Birgit Raddatz, Inforadio.</i></p>"
        "<p><i>Dieser Text ist eine gekürzte und redigierte Fassung.</i></p>"
    )
    converted = convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert converted.source.splitlines()[-1] == "Ответ: Дождь."
    assert "  name: Birgit Raddatz" in converted.sidecar.splitlines()


def test_a_bold_standfirst_with_its_intro_in_italics_is_lead_before_the_outlets_labelled_question():
    # rbb24 (a reduced copy): a bold standfirst that asks, two intro paragraphs in italics, then «rbb: Frau
    # Rackete, …?» (the outlet's label, removed once); a box (a summary, a heading, its text in italics) inside the
    # first answer; the byline and an editor's note in italics after the last answer.
    page = FIXTURES / "html" / "shapes" / "de-bold-standfirst-outlet-label-box-in-answer.html"
    converted = convert_page(page.read_bytes(), "page.html")
    assert [line.split(" ")[0] for line in converted.source.splitlines()[1:]] == [
        *("Interview", "Bekannt", "Im", "Rackete,"),
        *("Q:", "A:", "Q:", "A:"),
    ]
    assert converted.source.splitlines()[5].startswith('Q: Frau Rackete, Sie haben das Buch "Handeln statt hoffen.')
    assert [str(note)[:60] for note in converted.notes if note.role in ("left out", "question")] == [
        '   5 question   «rbb: Frau Rackete, Sie haben das Buch "Hand',
        "   7 left out   «Veranstaltungshinweis»: a heading that is n",
        "   8 left out   «Buchvorstellung im rbb»: a heading that is ",
        "   9 left out   «Radioeins lädt am Samstag, 2. November 2019",
        '  10 question   «Sie hätten nach dem ganzen Rummel um die "S',
    ]
    assert str(converted.notes[8]).endswith(
        "in italics under a heading that is not a question: the text of a box (an event, a note)"
    )
    assert "  name: Birgit Raddatz" in converted.sidecar.splitlines()


def test_bold_paragraphs_with_a_plain_answer_before_the_outlets_labelled_question_are_still_refused():
    turns = (
        "<p><b>Как погода?</b></p><p>Солнечно.</p><p><b>Тест: А завтра?</b></p><p>Дождь.</p>"
        "<p><b>Тест: А потом?</b></p><p>Снег.</p>"
    )
    with pytest.raises(PageRefused) as refused:
        convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert "opens with the outlet's label, as a first question does, but bold paragraphs before it ask too" in str(
        refused.value
    )
