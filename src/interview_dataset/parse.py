"""Text → header, lead and turns with exact character offsets; which turn convention; the role of each turn.

A source is a header line ` date YYYY-MM-DD <title>`, then lead paragraphs, then turns. One paragraph is one
line. A turn starts at a paragraph that carries a turn marker (a dash, or a label such as `Вопрос:` or
`Айгуль Куспан:`) and runs until the next such paragraph, so an answer may span many paragraphs. Offsets are
Python string indices into the decoded source (a UTF-8 BOM, if any, is character 0), so
`source[turn.start:turn.end] == turn.text` always holds.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .errors import SourceError

QUESTION, ANSWER = "question", "answer"

_SPACE = "[ \t\u00a0]"
_HEADER = re.compile(rf"^\ufeff?{_SPACE}*date{_SPACE}+(?P<date>\S+)(?:{_SPACE}+(?P<title>.*?))?{_SPACE}*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")

# Each convention: the paragraph-start pattern of a turn marker. Group `label` (if any) is the label as written.
DASHES = {"dash-hyphen": "-", "dash-en": "\u2013", "dash-em": "\u2014"}
_DASH_MARKERS = {name: re.compile(rf"^{_SPACE}*{re.escape(dash)}{_SPACE}+") for name, dash in DASHES.items()}
_QA_LABELS = {
    "labels-qa-ru": ({"вопрос"}, {"ответ"}),
    "labels-qa-en": ({"q", "question"}, {"a", "answer"}),
}
_QA_MARKERS = {
    "labels-qa-ru": re.compile(rf"^{_SPACE}*(?P<label>Вопрос|Ответ|ВОПРОС|ОТВЕТ){_SPACE}*:{_SPACE}*"),
    "labels-qa-en": re.compile(rf"^{_SPACE}*(?P<label>Q|A|Question|Answer|QUESTION|ANSWER){_SPACE}*:{_SPACE}*"),
}
# A speaker label: one to three capitalised words (initials and hyphenated names allowed), then a colon.
_NAME_WORD = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w.\-’']*"
_SPEAKER_MARKER = re.compile(rf"^{_SPACE}*(?P<label>{_NAME_WORD}(?:{_SPACE}{_NAME_WORD}){{0,2}}){_SPACE}*:{_SPACE}+")
#: Labels that name the interviewer however the outlet spells them; otherwise whoever speaks first asks.
INTERVIEWER_LABELS = {"корр.", "корреспондент", "журналист", "интервьюер", "ведущий", "interviewer", "reporter", "q"}


@dataclass(frozen=True)
class Turn:
    """One turn: its position (from 1), role, exact text and where that text lies in the source."""

    index: int
    role: str
    text: str
    start: int
    end: int
    line: int
    label: str | None = None


@dataclass(frozen=True)
class Interview:
    """What a source text states: date and title from the header, the lead, and the turns."""

    date: datetime.date
    title: str
    lead: str | None
    lead_start: int | None
    convention: str
    turns: tuple[Turn, ...]
    interviewee_in_lead: str | None = None


@dataclass(frozen=True)
class _Line:
    number: int
    start: int
    end: int
    text: str


def split_lines(text: str) -> list[_Line]:
    """Every line with its 1-based number and the offsets of its content (line break excluded)."""
    lines = []
    for number, match in enumerate(_LINE.finditer(text), start=1):
        if match.start() == len(text) and lines:
            break  # the empty match after a final line break is not a line
        content = match.group().rstrip("\r\n")
        lines.append(_Line(number, match.start(), match.start() + len(content), content))
        if match.end() == len(text):
            break
    return lines


def interview_from_text(text: str, path: str = "<text>") -> Interview:
    """Parse a whole source text; raise SourceError(path, line, ...) on anything malformed."""
    lines = split_lines(text)
    date, title = _header(lines[0] if lines else _Line(1, 0, 0, ""), path)
    body = lines[1:]
    convention, markers = _detect_convention(body, path)
    first = markers[0][0] if markers else len(body)
    lead_start, lead_end = _span(body[:first])
    raw_turns = _turns(body, markers, path)
    roles = _roles(convention, raw_turns, path)
    turns = [
        Turn(index=i, role=role, text=text[t.start : t.end], start=t.start, end=t.end, line=t.line.number, label=t.label)
        for i, (t, role) in enumerate(zip(raw_turns, roles), start=1)
    ]
    lead = text[lead_start:lead_end] if lead_start is not None else None
    return Interview(date, title, lead, lead_start, convention, tuple(turns), name_in_lead(lead or ""))


# Press leads name the interviewee next to a verb of speaking: "..., рассказал министр Мурат Нуртлеу." or
# "Jane Doe told us ...". Only these two shapes are read; any other lead leaves the name unknown (null).
_SPEECH = (r"(?i:рассказал[аи]?|рассказывает|рассуждает|рассуждал[аи]?|ответил[аи]?|отвечает|поделил(?:ся|ась|ись)"
           r"|заявил[аи]?|говорит|сообщил[аи]?|told|said|says|explains|explained|spoke)")
_TITLE_WORD = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?"
_NAME = rf"{_TITLE_WORD}(?:{_SPACE}{_TITLE_WORD}){{1,2}}"
_NAME_AFTER_VERB = re.compile(rf"\b{_SPEECH}\b[^.!?]*?(?<![\w-])(?P<name>{_NAME})(?=[,.;!?]|$)")
_NAME_BEFORE_VERB = re.compile(rf"(?<![\w-])(?P<name>{_NAME}),?{_SPACE}{_SPEECH}\b")


def name_in_lead(lead: str) -> str | None:
    """The interviewee's name where the lead states it beside a verb of speaking (its last two words, so a
    title before the name is dropped); None when it does not."""
    for pattern in (_NAME_AFTER_VERB, _NAME_BEFORE_VERB):
        match = pattern.search(lead)
        if match:
            return " ".join(match.group("name").split()[-2:])
    return None


def _header(line: _Line, path: str) -> tuple[datetime.date, str]:
    match = _HEADER.match(line.text)
    if not match:
        raise SourceError(path, 1, "first line must be the header ' date YYYY-MM-DD <title>'")
    raw = match.group("date")
    try:
        if not _DATE.match(raw):
            raise ValueError
        date = datetime.date.fromisoformat(raw)
    except ValueError:
        raise SourceError(path, 1, f"header date {raw!r} is not a real date in the form YYYY-MM-DD") from None
    title = match.group("title")
    if not title:
        raise SourceError(path, 1, "header has no title after the date")
    return date, title


def _detect_convention(body: list[_Line], path: str) -> tuple[str, list[tuple[int, re.Match]]]:
    """Find which convention marks the turns; refuse a text where two conventions compete."""
    found = {}
    for name, pattern in {**_DASH_MARKERS, **_QA_MARKERS}.items():
        hits = [(i, m) for i, line in enumerate(body) if (m := pattern.match(line.text))]
        if hits:
            found[name] = hits
    if not found:
        hits = _speaker_label_hits(body)
        if hits:
            found["labels-speaker"] = hits
    if not found:
        raise SourceError(path, 2, "no turns found: expected paragraphs starting with '- ', '– ', '— ' or a label such as 'Вопрос:'")
    if len(found) > 1:
        # A single stray marker of another kind (a dash-led list item inside an answer) is common; refuse only
        # when two conventions each mark several paragraphs, and say where each begins.
        strong = {name: hits for name, hits in found.items() if len(hits) > 1}
        if len(strong) != 1:
            detail = ", ".join(f"{name} from line {body[hits[0][0]].number}" for name, hits in found.items())
            first = min(body[hits[0][0]].number for hits in found.values())
            raise SourceError(path, first, f"ambiguous turn convention: {detail}; mark all turns one way")
        found = strong
    (name, hits), = found.items()
    return name, hits


def _speaker_label_hits(body: list[_Line]) -> list[tuple[int, re.Match]]:
    """Paragraphs that start with a speaker label. A one-word label must recur (or name the interviewer) to
    count, so that a continuation paragraph such as 'Например: ...' is not mistaken for a speaker; a full
    name ('Мария Сидорова:') counts even once, as a round-table guest may speak only once."""
    candidates = [(i, m) for i, line in enumerate(body) if (m := _SPEAKER_MARKER.match(line.text))]
    counts: dict[str, int] = {}
    for _, m in candidates:
        counts[m.group("label")] = counts.get(m.group("label"), 0) + 1

    def is_speaker(label: str) -> bool:
        return counts[label] > 1 or len(label.split()) > 1 or label.lower() in INTERVIEWER_LABELS

    return [(i, m) for i, m in candidates if is_speaker(m.group("label"))]


def _span(lines: list[_Line]) -> tuple[int | None, int | None]:
    """Offsets from the first to the last non-blank character of some lines, or (None, None)."""
    content = [line for line in lines if line.text.strip()]
    if not content:
        return None, None
    first, last = content[0], content[-1]
    lead_space = len(first.text) - len(first.text.lstrip())
    trail_space = len(last.text) - len(last.text.rstrip())
    return first.start + lead_space, last.end - trail_space


@dataclass(frozen=True)
class _RawTurn:
    line: _Line
    label: str | None
    start: int
    end: int


def _turns(body: list[_Line], markers: list[tuple[int, re.Match]], path: str) -> list[_RawTurn]:
    turns = []
    bounds = [i for i, _ in markers] + [len(body)]
    for (i, match), stop in zip(markers, bounds[1:]):
        first = body[i]
        rest = _Line(first.number, first.start + match.end(), first.end, first.text[match.end():])
        start, end = _span([rest, *body[i + 1 : stop]])
        if start is None:
            raise SourceError(path, first.number, "empty turn: a turn marker with no text after it")
        label = match.groupdict().get("label")
        turns.append(_RawTurn(first, label, start, end))
    return turns


def _roles(convention: str, raw: list[_RawTurn], path: str) -> list[str]:
    if convention in DASHES:
        # Dashes say nothing about who speaks: interviews open with a question, so roles alternate from it.
        roles = [QUESTION if i % 2 == 0 else ANSWER for i in range(len(raw))]
    elif convention in _QA_LABELS:
        questions, _ = _QA_LABELS[convention]
        roles = [QUESTION if t.label.lower() in questions else ANSWER for t in raw]
    else:
        interviewer = _interviewer_label(raw)
        roles = [QUESTION if t.label == interviewer else ANSWER for t in raw]
    _check_alternation(convention, raw, roles, path)
    return roles


def _interviewer_label(raw: list[_RawTurn]) -> str:
    for turn in raw:
        if turn.label.lower() in INTERVIEWER_LABELS:
            return turn.label
    return raw[0].label


def _check_alternation(convention: str, raw: list[_RawTurn], roles: list[str], path: str) -> None:
    """Turns must open with a question and every question must get an answer. Only speaker labels can say
    that two answers in a row come from two interviewees (a round table); elsewhere that is an error."""
    if roles[0] != QUESTION:
        raise SourceError(path, raw[0].line.number, "the first turn must be a question; turns don't alternate as they must")
    for i, role in enumerate(roles):
        nxt = roles[i + 1] if i + 1 < len(roles) else None
        if role == QUESTION and nxt != ANSWER:
            where = "last turn" if nxt is None else "question followed by another question"
            raise SourceError(path, raw[i].line.number, f"question without an answer ({where})")
        if role == ANSWER and nxt == ANSWER and convention != "labels-speaker":
            raise SourceError(path, raw[i + 1].line.number, "two answers in a row; turns don't alternate as they must")
