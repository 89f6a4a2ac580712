"""Turn markers as texts write them: a dash, a Q/A label, or a speaker label in one of its printed shapes.

Each function looks at one line (and, for a name alone on its line, the line after) and says whether a turn
could start there and where its text begins. Whether a speaker label really names a speaker is decided later,
once every label of the text is known (speakers.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPACE = "[ \t\u00a0]"
SPACE_CHARS = " \t\u00a0"
#: The dash family: any of these followed by a space opens a turn of the dash convention. Named by the first turn's.
DASHES = {"-": "dash-hyphen", "\u2013": "dash-en", "\u2014": "dash-em", "\u2015": "dash-bar"}
_DASH = "[" + "".join(re.escape(d) for d in DASHES) + "]"
# A dash, then a space or the end of the line (a dash alone on its line opens a turn whose text starts below).
_DASH_MARKER = re.compile(rf"{SPACE}*(?P<dash>{_DASH})(?:{SPACE}+|$)")
_DASH_LINE = re.compile(rf"{SPACE}*{_DASH}{SPACE}*")
#: A dash glued to the text ("-Текст"): not a marker, but worth naming when no turns are found.
DASH_NO_SPACE = re.compile(rf"{SPACE}*{_DASH}\w")
#: Question and answer labels of each Q/A convention, in lower case (a label matches in any case).
QA_LABELS = {
    "labels-qa-ru": ({"вопрос"}, {"ответ"}),
    "labels-qa-en": ({"q", "question"}, {"a", "answer"}),
}
_QA_MARKERS = {
    name: re.compile(
        rf"{SPACE}*(?P<label>(?i:{'|'.join(sorted(questions | answers, key=len, reverse=True))})){SPACE}*:{SPACE}*"
    )
    for name, (questions, answers) in QA_LABELS.items()
}
# Question headers: a line that opens a question and may name who asks, as readers' Q&A and press
# briefings print them: `Question#2 Author: Anvar` (alone on its line), `Question from Reuters:`, `Question 3:`,
# `Q1.`, `Q.`, `Вопрос 1:`, `Вопрос №2.`, `Вопрос читателя:`. A header belongs to the question it opens, never to
# the answer before it. Group `label` is the header as written (without a final colon), `name` who asks.
# Possessive: two runs of spaces side by side would backtrack quadratically on a line of many spaces.
_NUMBER = rf"{SPACE}*+(?:(?:#|№|(?i:no)\.?){SPACE}*+)?\d{{1,4}}"
_AUTHOR_NAME = r"(?P<name>[^\s:][^\r\n:]{0,78}?)"
_HEADERS = [
    ("labels-qa-en", rf"(?P<label>(?i:question){_NUMBER}{SPACE}+(?i:author){SPACE}*:{SPACE}*{_AUTHOR_NAME}){SPACE}*$"),
    ("labels-qa-ru", rf"(?P<label>(?i:вопрос){_NUMBER}{SPACE}+(?i:автор){SPACE}*:{SPACE}*{_AUTHOR_NAME}){SPACE}*$"),
    ("labels-qa-en", rf"(?P<label>(?i:question){SPACE}+(?i:from){SPACE}+(?P<name>[^\s:][^\r\n:]{{0,59}}?)){SPACE}*:"),
    ("labels-qa-en", rf"(?P<label>(?i:question){_NUMBER}{SPACE}*[.)])"),
    ("labels-qa-en", rf"(?P<label>(?i:question){_NUMBER}){SPACE}*(?::|$)"),
    # `Q. – …` is a speaker label of initials (label-shape-en-initials), not a header.
    ("labels-qa-en", rf"(?P<label>Q{SPACE}?\d{{0,4}}[.)])(?!{SPACE}*{_DASH})"),
    ("labels-qa-en", rf"(?P<label>Q{SPACE}?\d{{1,4}}){SPACE}*:"),
    ("labels-qa-ru", rf"(?P<label>(?i:вопрос){_NUMBER}{SPACE}*[.)])"),
    ("labels-qa-ru", rf"(?P<label>(?i:вопрос){_NUMBER}){SPACE}*(?::|$)"),
    (
        "labels-qa-ru",
        rf"(?P<label>(?i:вопрос){SPACE}+(?i:от{SPACE}+)?(?i:читател|слушател|зрител)(?i:я|ей|ьницы)){SPACE}*:",
    ),
]
_HEADER_MARKERS = [(name, re.compile(rf"{SPACE}*{pattern}(?:{SPACE}+|$)")) for name, pattern in _HEADERS]
# Every header and Q/A label opens with one of these letters (in either case, as the patterns match them): a line
# that does not is none of them, found with one match instead of a dozen.
_QA_START = re.compile(rf"{SPACE}*(?i:[qaво])")
UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
# A word of a label: capitalised (initials, hyphens, apostrophes and abbreviations such as "U.S." allowed). Words
# and initials have bounded lengths, so that no pattern backtracks more than a few dozen characters on a long
# line: matching stays linear in the input.
_WORD = rf"[{UPPER}][\w.\-’']{{0,39}}"
_INITIALS = rf"[{UPPER}]\.(?:{SPACE}?[{UPPER}]\.){{0,3}}"
# A name for the shapes without a colon: initials with a surname (Т.Иванова, И. ПЕТРОВА), initials alone (М.П.),
# or two or three capitalised words.
_NAME = rf"(?:{_INITIALS}{SPACE}?{_WORD}|{_INITIALS}|{_WORD}(?:{SPACE}{_WORD}){{1,2}})"
# Shapes, most specific first. Group `label` is the whole label as written; `name` the person part of it.
_COLON = re.compile(
    rf"{SPACE}*(?P<label>(?P<name>{_WORD}(?:{SPACE}{_WORD}){{0,4}})(?:,{SPACE}*{_WORD}(?:{SPACE}{_WORD}){{0,2}})?){SPACE}*:(?:{SPACE}+|$)"
)
_STOP = re.compile(rf"{SPACE}*(?P<label>(?P<name>{_NAME}))(?<!\.)\.{SPACE}+(?=\S)")
_NAME_DASH = re.compile(
    rf"{SPACE}*(?P<label>(?P<name>{_NAME}|{_WORD})(?:{SPACE}*\((?P<alias>{_INITIALS})\))?){SPACE}+{_DASH}{SPACE}+(?=\S)"
)
_BARE = re.compile(rf"{SPACE}*(?P<label>(?P<name>{_NAME})){SPACE}*")
#: Words that open a paragraph with a colon without naming a speaker ("Например: ...").
NOT_SPEAKERS = {
    "например",
    "итак",
    "кстати",
    "справка",
    "примечание",
    "важно",
    "во-первых",
    "во-вторых",
    "цитата",
    "note",
    "example",
    "update",
    "p.s.",
    "ps",
    "editor's note",
    "source",
    "источник",
}


@dataclass(frozen=True)
class Marker:
    """A possible turn start: its kind ("dash", a Q/A convention name, or "speaker"), the label as written (the
    dash itself for dashes), the speaker label's shape and alias, and where the turn's text begins.

    `lines` is how many lines the marker takes: 2 for a name alone on its line followed by a dash line.
    """

    kind: str
    label: str
    text_start: int
    shape: str = ""
    name: str = ""
    alias: str | None = None
    lines: int = 1


def dash_marker(text: str, start: int) -> Marker | None:
    match = _DASH_MARKER.match(text)
    return Marker("dash", match.group("dash"), start + match.end()) if match else None


def qa_marker(text: str, start: int) -> Marker | None:
    """A Q/A label (`Вопрос:`, `A:`) or a question header (shape "header", `name` who asks, if it says). A header
    alone on its line takes the line after it as its text (`lines` 2)."""
    if not _QA_START.match(text):
        return None
    for name, pattern in _HEADER_MARKERS:
        match = pattern.match(text)
        if match:
            alone = match.end() == len(text)
            asker = match.groupdict().get("name")
            return Marker(name, match.group("label"), start + match.end(), "header", asker or "", lines=1 + alone)
    for name, pattern in _QA_MARKERS.items():
        match = pattern.match(text)
        if match:
            return Marker(name, match.group("label"), start + match.end())
    return None


def speaker_marker(text: str, start: int, next_text: str | None, next_start: int) -> Marker | None:
    """A speaker label in any printed shape: `Name: text`, `Name:` alone, `Name. text`, `Name – text`,
    `Name (N.N.) – text`, or a name alone on its line followed by a line holding only a dash."""
    match = _COLON.match(text)
    if match and match.group("label").casefold() not in NOT_SPEAKERS:
        return Marker("speaker", match.group("label"), start + match.end(), "colon", match.group("name"))
    match = _NAME_DASH.match(text)
    if match:
        return Marker(
            "speaker", match.group("label"), start + match.end(), "dash", match.group("name"), match.group("alias")
        )
    match = _STOP.match(text)
    if match:
        return Marker("speaker", match.group("label"), start + match.end(), "stop", match.group("name"))
    if next_text is not None and _DASH_LINE.fullmatch(next_text):
        match = _BARE.fullmatch(text)
        if match:
            return Marker(
                "speaker", match.group("label"), next_start + len(next_text), "bare", match.group("name"), lines=2
            )
    return None


def label_key(label: str) -> str:
    """A label as compared: case folded, any run of spaces (no-break ones too) as one space."""
    return " ".join(label.split()).casefold()


_CLOSERS = "»\"”’')]"


def ends_with_question(text: str) -> bool:
    """Whether a paragraph ends with a question mark, allowing a closing quote or bracket after it."""
    return text.rstrip().rstrip(_CLOSERS).endswith("?")
