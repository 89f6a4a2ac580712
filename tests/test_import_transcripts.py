"""`interview-dataset import` on transcripts with speaker labels, on reduced copies of real pages (kremlin.ru,
CC BY 4.0, from the web archive iandennismiller/valdai-transcripts): each page's exact turns, or its exact
refusal, and what `--explain` says of its blocks."""

from __future__ import annotations

import pytest
import yaml

from interview_dataset.cli import main
from interview_dataset.parse.interview import interview_from_text
from interview_dataset.webimport.page import PageRefused, convert_page
from interview_dataset.webimport.speakerlabels import who_asks

from conftest import FIXTURES

TRANSCRIPTS = FIXTURES / "html" / "transcripts"
Q, A, S = "question", "answer", "statement"

#: page → (interview id, every turn as (role, speaker, its first words)) after import and parse.
TURNS = {
    # `Question:` labels beside named answers; the first answer's label carries a title
    # (`President of Russia Vladimir Putin:`); a "See also" box title between paragraphs; the last label lost
    # its bold.
    "en-kremlin-question-labels.html": (
        "2017-06-17-president-of-russia-putin",
        [
            (Q, "Interviewer", "Sad tidings arrived from Germany: Helmut"),
            (A, "Vladimir Putin", "I knew him since the early"),
            (Q, "Interviewer", "Helmut Kohl thought that the Cold"),
            (A, "Vladimir Putin", "No, he was not. All processes"),
            (Q, "Interviewer", "My last question, if I may,"),
            (A, "Vladimir Putin", "I do not doubt that Russia"),
        ],
    ),
    # Named interviewer and interviewee: who asks is read from the turns that end with '?'.
    "en-kremlin-named-interviewer.html": (
        "2020-02-21-president-of-russia-putin",
        [
            (Q, "Andrei Vandenko", "The next subject is Ukraine. Have"),
            (A, "Vladimir Putin", "No."),
            (Q, "Andrei Vandenko", "Even the segment when president Goloborodko"),
            (A, "Vladimir Putin", "I haven't seen it. I don't"),
            (Q, "Andrei Vandenko", "Ok. Though a very interesting pair"),
            (A, "Vladimir Putin", "As you know, whatever goes around"),
            (Q, "Andrei Vandenko", "Is there a chance that you"),
            (A, "Vladimir Putin", "What about?"),
            (Q, "Andrei Vandenko", "About peace, about friendship."),
            (A, "Vladimir Putin", "Hope is the last thing to"),
        ],
    ),
    # The interviewer argues in statements, never ending a turn with '?': who asks is read from who speaks first
    # and says far fewer words (en.kremlin.ru: the interviewee's own '?' stays inside his answer).
    "en-kremlin-brief-interviewer.html": (
        "2020-03-16-president-of-russia-putin",
        [
            (Q, "Andrei Vandenko", "We’ve been hit with sanctions because"),
            (A, "Vladimir Putin", "To hell with those sanctions. According"),
            (Q, "Andrei Vandenko", "That’s quite a bit."),
            (A, "Vladimir Putin", "Quite a bit, but it made"),
            (Q, "Andrei Vandenko", "But counter-sanctions give the impression that"),
            (A, "Vladimir Putin", "Nonsense. Counter-sanctions helped us boost the"),
            (Q, "Andrei Vandenko", "But there are 40 countries in"),
            (A, "Vladimir Putin", "You see, they are losing jobs."),
        ],
    ),
    # The page prints «Vladimir Putin:» on two adjacent paragraphs of one answer: one turn.
    "en-kremlin-label-twice.html": (
        "2020-03-04-president-of-russia-putin",
        [
            (Q, "Andrei Vandenko", "Stability or stagnation? How does economic"),
            (A, "Vladimir Putin", "This is very simple. Economic stability"),
            (Q, "Andrei Vandenko", "Look, during the first decade of"),
            (A, "Vladimir Putin", "Yes."),
            (Q, "Andrei Vandenko", "Then, around 2008, we set off"),
            (A, "Vladimir Putin", "Well, firstly, it is very healthy."),
            (Q, "Andrei Vandenko", "Do you mean since 2000?"),
            (A, "Vladimir Putin", "Yes, since 2000.Those are definitely real"),
        ],
    ),
    # A meeting with journalists: the President speaks first (a statement), then answers `Question:` and a
    # `Response:` from the floor, both the asking side's, named nobody.
    "en-kremlin-press-conference.html": (
        "2013-03-07-president-of-russia-putin",
        [
            (S, "Vladimir Putin", "First of all, let me congratulate"),
            (Q, "Interviewer", "Mr President, my question does not"),
            (A, "Vladimir Putin", "I first met Hugo Chavez in"),
            (Q, "Interviewer", "Do you think they deserve an"),
            (A, "Vladimir Putin", "I don’t want to comment on"),
            (Q, "Interviewer", "You commented in the past on"),
            (A, "Vladimir Putin", "Maybe, I don’t remember, but today"),
        ],
    ),
    # Two interviewees answer the same questions (a group answer); one label holds a link with a tooltip card.
    "en-kremlin-group-answers.html": (
        "2019-02-15-president-of-russia-lukashenko",
        [
            (Q, "Interviewer", "Mr Lukashenko, Mr Putin, You have"),
            (A, "Alexander Lukashenko", "The President and I just a"),
            (A, "Vladimir Putin", "I fully support what Mr President"),
            (Q, "Interviewer", "Mr Putin, Mr Lukashenko, I have"),
            (A, "Alexander Lukashenko", "Listen, why would we discuss the"),
            (A, "Vladimir Putin", "And there are results."),
            (A, "Alexander Lukashenko", "Exactly, results… You had a head"),
        ],
    ),
    # A press conference: two opening statements (the second label's note «(retranslated)» and its colon after
    # the bold), then `Question:` labels; a question answered by both.
    "en-kremlin-press-statements.html": (
        "2018-09-18-president-of-russia-putin",
        [
            (S, "Vladimir Putin", "Mr Prime Minister, ladies and gentlemen,"),
            (S, "Viktor Orban", "Good afternoon, ladies and gentlemen, Mr"),
            (Q, "Interviewer", "Good afternoon. I would like to"),
            (A, "Vladimir Putin", "You know, it is not easy"),
            (Q, "Interviewer", "Mr Orban, a question for you."),
            (A, "Viktor Orban", "There is a lot of talk"),
            (A, "Vladimir Putin", "I would like to join the"),
        ],
    ),
    # An interview that ends with the interviewer's thanks, which nobody answers: a closing remark.
    "en-kremlin-closing-remark.html": (
        "2020-08-27-president-of-russia-putin",
        [
            (Q, "Sergei Brilyov", "Good afternoon, Mr President."),
            (A, "Vladimir Putin", "Good afternoon."),
            (Q, "Sergei Brilyov", "No matter what else is happening,"),
            (A, "Vladimir Putin", "That’s true."),
            (Q, "Sergei Brilyov", "What do you think about the"),
            (A, "Vladimir Putin", "What is the second wave? We"),
            (Q, "Sergei Brilyov", "It will continue to gradually increase?"),
            (A, "Vladimir Putin", "Well, yes, it can increase, and"),
            (Q, "Sergei Brilyov", "Yes, it is awful."),
            (A, "Vladimir Putin", "Have those who are putting the"),
            (S, "Sergei Brilyov", "Thank you, Mr President. <…>"),
        ],
    ),
}

REFUSED = {
    # Its opening statement («Good afternoon.») is read; its last question, cut off with the page, is not answered.
    "en-kremlin-statement-first.html": "the last turn (block 10, «Then what is your opinion about this?») asks and "
    "has no answer after it; convert it by hand",
}


@pytest.mark.parametrize("page", sorted(TURNS))
def test_transcript_pages_give_exactly_their_turns(page):
    stem, expected = TURNS[page]
    converted = convert_page((TRANSCRIPTS / page).read_bytes(), page)
    interview = interview_from_text(converted.source, page, yaml.safe_load(converted.sidecar))
    assert converted.stem == stem
    assert [(t.role, t.speaker, " ".join(t.text.split()[:6])) for t in interview.turns] == expected


@pytest.mark.parametrize("page", sorted(REFUSED))
def test_transcript_pages_that_cannot_be_right_are_refused_with_the_block(page):
    with pytest.raises(PageRefused) as refused:
        convert_page((TRANSCRIPTS / page).read_bytes(), page)
    assert refused.value.message == REFUSED[page]


def test_a_title_before_a_name_is_left_out_of_the_label():
    converted = convert_page((TRANSCRIPTS / "en-kremlin-question-labels.html").read_bytes(), "page.html")
    lines = converted.source.splitlines()
    assert [line.split(":")[0] for line in lines if line.startswith(("Interviewer:", "Vladimir Putin:"))] == [
        "Interviewer",
        "Vladimir Putin",
    ] * 3
    assert "President of" not in converted.source


def test_explain_prints_the_role_of_each_block_and_why(tmp_path, capsys):
    page = TRANSCRIPTS / "en-kremlin-question-labels.html"
    assert main(["import", str(page), "--sources", str(tmp_path), "--explain"]) == 0
    explained = [line.replace("\u00a0", " ") for line in capsys.readouterr().out.splitlines()]
    assert explained[2:6] == [
        f"{page}:",
        "   1 question   «Question: Sad tidings arrived from Germany: Helmut Kohl has…»: a bold speaker label: "
        "«Question» speaks",
        "   2 left out   «See also»: the title of a page box («See also»)",
        "   3 answer     «President of Russia Vladimir Putin: I knew him since the ea…»: a bold label with a title; "
        "the page's short label «Vladimir Putin» stands in it: «Vladimir Putin» speaks",
    ]
    assert explained[-4:] == [
        "  14 answer     « Vladimir Putin: I do not doubt that Russia can manage it, …»: the page's label "
        "«Vladimir Putin» without its bold: «Vladimir Putin» speaks",
        "  15 continues  «We face the task, organisation-wise, of ensuring a very ope…»: a further paragraph of "
        "«Vladimir Putin»",
        "  16 continues  «We will see very soon how our national team performs. Let u…»: a further paragraph of "
        "«Vladimir Putin»",
        "   0 roles      «(roles)»: «Question» labels the questions; every named speaker answers",
    ]


def test_a_see_also_box_title_between_turns_is_left_out_and_said():
    converted = convert_page((TRANSCRIPTS / "en-kremlin-group-answers.html").read_bytes(), "page.html")
    assert "See also" not in converted.source
    assert [str(n) for n in converted.notes if n.role == "left out"] == [
        "   6 left out   «See also»: the title of a page box («See also»)"
    ]


PAGE = """<html lang="en"><head><meta property="og:site_name" content="Test"><title>Talk</title>
<meta property="article:published_time" content="2025-01-02"></head><body><article><h1>Talk</h1>
<p>An introduction to the talk, about the city, the river and the plans for the year.</p>{turns}</article></body></html>"""


def test_a_title_label_with_the_colon_after_the_bold_is_the_short_label_in_it():
    turns = (
        "<p><b>Host of the Morning Show Anna Berg</b>: How is the river?</p><p><b>Tom Hale</b>: High.</p>"
        "<p><b>Anna Berg</b>: And the bridge?</p><p><b>Tom Hale</b>: Closed.</p>"
    )
    converted = convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert converted.source.splitlines()[2:] == [
        "Anna Berg: How is the river?",
        "Tom Hale: High.",
        "Anna Berg: And the bridge?",
        "Tom Hale: Closed.",
    ]


def test_a_title_label_that_holds_none_of_the_short_labels_is_refused():
    turns = (
        "<p><b>Host of the Morning Show Kate Moss</b>: How is the river?</p><p><b>Tom Hale</b>: High.</p>"
        "<p><b>Anna Berg</b>: And the bridge?</p><p><b>Tom Hale</b>: Closed.</p>"
    )
    with pytest.raises(PageRefused) as refused:
        convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert refused.value.message == (
        "block 2 opens with «Host of the Morning Show Kate Moss:» in bold, like a speaker label, but none of the "
        "page's short labels stands in it: whose turn is it? convert it by hand"
    )


@pytest.mark.parametrize(
    "turns, refusal",
    [
        # bare Question:/Answer: labels name nobody: an answer first is still refused
        (
            "<p><b>Answer:</b> Good morning.</p><p><b>Question:</b> How is the river?</p><p><b>Answer:</b> High.</p>",
            "the first turn (block 2, «Good morning.») answers before any question is asked; a source opens with a "
            "question: convert it by hand, with what is said before the first question in the lead",
        ),
        # the interviewer's last turn asks: a question left unanswered, not a closing remark
        (
            "<p><b>Anna Berg:</b> How is the river?</p><p><b>Tom Hale:</b> High.</p>"
            "<p><b>Anna Berg:</b> And the bridge?</p><p><b>Tom Hale:</b> Closed.</p>"
            "<p><b>Anna Berg:</b> Thank you. Will it open soon?</p>",
            "the last turn (block 6, «Thank you. Will it open soon?») asks and has no answer after it; convert it by hand",
        ),
    ],
)
def test_a_turn_nobody_asked_for_is_refused_where_the_labels_do_not_make_it_a_statement(turns, refusal):
    with pytest.raises(PageRefused) as refused:
        convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert refused.value.message == refusal


def test_statements_are_written_with_their_labels_and_count_as_exchanges(tmp_path, capsys):
    turns = (
        "<p><b>Tom Hale:</b> Good morning, everyone.</p><p><b>Anna Berg:</b> How is the river?</p>"
        "<p><b>Tom Hale:</b> High.</p><p><b>Anna Berg:</b> And the bridge?</p><p><b>Tom Hale:</b> Closed.</p>"
        "<p><b>Anna Berg:</b> Thank you, Mr Hale.</p>"
    )
    converted = convert_page(PAGE.format(turns=turns).encode(), "page.html")
    assert converted.source.splitlines()[2:] == [
        "Tom Hale: Good morning, everyone.",
        "Anna Berg: How is the river?",
        "Tom Hale: High.",
        "Anna Berg: And the bridge?",
        "Tom Hale: Closed.",
        "Anna Berg: Thank you, Mr Hale.",
    ]
    assert "per exchange (4)" in converted.sidecar  # two questions and two statements
    assert [note.role for note in converted.notes if note.number] == [
        "lead",
        "statement",
        "question",
        "answer",
        "question",
        "answer",
        "statement",
    ]


@pytest.mark.parametrize(
    "turns, askers",
    [
        # a generic question label asks; every named speaker answers
        ([("Question", True), ("Ann Lee", False), ("Question", True), ("Ann Lee", False)], {"Question"}),
        # named speakers only: the first, who ends most turns with '?'
        ([("Tom Hale", True), ("Ann Lee", False), ("Tom Hale", False), ("Ann Lee", False)], {"Tom Hale"}),
        # the interviewee asks back a third as often as the interviewer who speaks first
        ([("Tom Hale", True)] * 3 + [("Ann Lee", True), ("Ann Lee", False), ("Ann Lee", False)], {"Tom Hale"}),
    ],
)
def test_who_asks_is_read_from_the_turns(turns, askers):
    assert who_asks(turns).askers == askers  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "turns, why",
    [
        (
            [("Tom Hale", False), ("Ann Lee", False)],
            "who asks is not clear from the turns: «Tom Hale» ends 0% of their turns with '?', «Ann Lee» ends 0% of "
            "their turns with '?'",
        ),
        (
            [("Question", True), ("Ann Lee", True), ("Question", True), ("Ann Lee", False)],
            "the page labels its questions, but some named speakers ask too: «Ann Lee» ends 50% of their turns "
            "with '?'",
        ),
    ],
)
def test_who_asks_says_why_it_is_not_clear(turns, why):
    assert who_asks(turns) == why


CONVERSATION = [("Tom Hale", False), ("Ann Lee", False)] * 3  # an interviewer who argues, never asking with '?'
NOT_CLEAR = (
    "who asks is not clear from the turns: «Tom Hale» ends 0% of their turns with '?', «Ann Lee» ends 0% of "
    "their turns with '?'"
)


@pytest.mark.parametrize(
    "turns, words, found",
    [
        # the first speaker says a tenth of the other's words: the interviewer
        (CONVERSATION, [12, 150, 9, 80, 14, 120], {"Tom Hale"}),
        # at exactly a quarter of the other's words, still
        (CONVERSATION, [25, 100, 25, 100, 25, 100], {"Tom Hale"}),
        # more than a quarter: a conversation of equals
        (CONVERSATION, [26, 100, 25, 100, 25, 100], NOT_CLEAR),
        # the brief speaker speaks second: the signals disagree
        (CONVERSATION, [150, 12, 80, 9, 120, 14], NOT_CLEAR),
        # the other ends more turns with '?': the signals disagree
        (  # Tom ends a third of his turns with '?', Ann half of hers
            [("Tom Hale", True), ("Ann Lee", True), ("Tom Hale", False), ("Ann Lee", False), ("Tom Hale", False)]
            + [("Ann Lee", True), ("Ann Lee", False)],
            [5, 100, 5, 100, 5, 100, 100],
            None,
        ),
        # three speakers: not decided by words
        ([("Tom Hale", False), ("Ann Lee", False), ("Bo Kim", False), ("Ann Lee", False)], [5, 100, 5, 100], None),
    ],
)
def test_who_asks_falls_back_on_who_speaks_first_and_briefly(turns, words, found):
    roles = who_asks(turns, words)
    if found is None:
        assert isinstance(roles, str) and roles.startswith("who asks is not clear from the turns: ")
    elif isinstance(found, str):
        assert roles == found
    else:
        assert roles.askers == found  # type: ignore[union-attr]


#: A transcript whose questions are `Question:` and whose answers are Tom Hale's.
def _talk(*turns: str) -> list[str]:
    converted = convert_page(PAGE.format(turns="".join(turns)).encode(), "page.html")
    return converted.source.splitlines()[2:]


def test_a_label_inside_a_paragraph_opens_a_turn_there():
    # en.kremlin.ru ran a question into the answer before it: `… this question. <b>Question:</b> No, I did not …`
    assert _talk(
        "<p><b>Question:</b> How is the river?</p>",
        "<p><b>Tom Hale:</b> You asked already. <b>Question:</b> No, I did not. Is it high?</p>",
        "<p><b>Tom Hale:</b> No, it is not.</p>",
    ) == [
        "Interviewer: How is the river?",
        "Tom Hale: You asked already.",
        "Interviewer: No, I did not. Is it high?",
        "Tom Hale: No, it is not.",
    ]


def test_bold_inside_a_paragraph_that_no_paragraph_opens_with_stays_in_it():
    assert _talk(
        "<p><b>Question:</b> How is the river?</p>",
        "<p><b>Tom Hale:</b> High. <b>Note:</b> the gauge is broken.</p>",
        "<p><b>Question:</b> And the bridge?</p><p><b>Tom Hale:</b> Closed.</p>",
    ) == [
        "Interviewer: How is the river?",
        "Tom Hale: High. Note: the gauge is broken.",
        "Interviewer: And the bridge?",
        "Tom Hale: Closed.",
    ]


def test_the_same_speakers_label_on_the_next_paragraph_continues_the_turn():
    assert _talk(
        "<p><b>Question:</b> How is the river?</p>",
        "<p><b>Tom Hale:</b> High.</p><p><b>Tom Hale:</b> Higher than last year.</p>",
        "<p><b>Question:</b> And the bridge?</p><p><b>Tom Hale:</b> Closed.</p>",
    ) == [
        "Interviewer: How is the river?",
        "Tom Hale: High.",
        "Higher than last year.",
        "Interviewer: And the bridge?",
        "Tom Hale: Closed.",
    ]


def test_the_same_speakers_label_after_something_left_out_opens_a_turn():
    # An omission mark between two answers: a question was cut, the two stay apart.
    assert _talk(
        "<p><b>Question:</b> How is the river?</p>",
        "<p><b>Tom Hale:</b> High.</p><p>* * *</p><p><b>Tom Hale:</b> Closed, since May.</p>",
        "<p><b>Question:</b> And the bridge?</p><p><b>Tom Hale:</b> Closed.</p>",
    )[1:4] == ["Tom Hale: High.", "Tom Hale: Closed, since May.", "Interviewer: And the bridge?"]


def test_a_no_break_space_after_a_label_is_not_part_of_the_turn():
    # `<b>Question:</b>&nbsp;Good afternoon.` (en.kremlin.ru): the parser reads the space as a space, and so must
    # the importer, or its self-check finds other turns than it wrote.
    assert _talk(
        "<p><b>Question:</b>\u00a0How is the river?</p><p><b>Tom Hale:</b>\u00a0High.</p>",
        "<p><b>Question:</b> And the bridge?</p><p><b>Tom Hale:</b> Closed.</p>",
    ) == ["Interviewer: How is the river?", "Tom Hale: High.", "Interviewer: And the bridge?", "Tom Hale: Closed."]


PRESS = [("Ann Lee", True), ("Vladimir Putin", False), ("Bo Kim", True), ("Vladimir Putin", False)]


@pytest.mark.parametrize(
    "turns, words, found",
    [
        # named journalists at a press conference: a sidecar names one interviewer, so who asks is not decided
        (PRESS + [("Cy Ray", True), ("Vladimir Putin", False)], [10, 100, 12, 80, 9, 90], None),
        # a generic label and a named journalist asking: the same
        (
            [("Question", True), ("Vladimir Putin", False), ("Maria Bo", True), ("Vladimir Putin", False)],
            [10, 100, 12, 80],
            None,
        ),
        # `Response:` from the floor is a generic question label, as `Remark:` is
        (
            [("Question", True), ("Vladimir Putin", False), ("Response", False), ("Vladimir Putin", False)],
            [10, 100, 12, 80],
            {"Question", "Response"},
        ),
        # a generic answer label speaks first, before two named speakers: not the brief first speaker
        ([("Answer", False), ("Tom Hale", False), ("Ann Lee", False), ("Tom Hale", False)], [5, 10, 100, 10], None),
        # two speakers, the other asks back in fewer than a fifth of their turns: the brief first speaker asks
        (
            [("Tom Hale", False), ("Ann Lee", False)] * 5 + [("Tom Hale", True), ("Ann Lee", True)],
            [10, 100] * 6,
            {"Tom Hale"},
        ),
    ],
)
def test_who_asks_at_a_press_conference_and_in_a_conversation(turns, words, found):
    roles = who_asks(turns, words)
    if found is None:
        assert isinstance(roles, str)
    else:
        assert roles.askers == found  # type: ignore[union-attr]


def test_questions_from_the_floor_name_no_interviewer_in_the_sidecar():
    converted = convert_page((TRANSCRIPTS / "en-kremlin-press-conference.html").read_bytes(), "page.html")
    meta = yaml.safe_load(converted.sidecar)
    assert "interviewer" not in meta
    assert "# interviewer: not stated on the page" in converted.sidecar.splitlines()
