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
#: Question and answer labels of each Q/A convention, in lower case (a label matches in any case).
QA_LABELS = {
    "labels-qa-ru": ({"вопрос"}, {"ответ"}),
    "labels-qa-en": ({"q", "question"}, {"a", "answer"}),
}
_QA_MARKERS = {
    name: re.compile(rf"^{_SPACE}*(?P<label>(?i:{'|'.join(sorted(questions | answers, key=len, reverse=True))})){_SPACE}*:{_SPACE}*")
    for name, (questions, answers) in QA_LABELS.items()
}
# A speaker label: one to three capitalised words (initials and hyphenated names allowed), then a colon.
_NAME_WORD = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w.\-’']*"
_SPEAKER_MARKER = re.compile(rf"^{_SPACE}*(?P<label>{_NAME_WORD}(?:{_SPACE}{_NAME_WORD}){{0,2}}){_SPACE}*:{_SPACE}+")
#: Labels that name the interviewer however the outlet spells them; otherwise whoever speaks first asks.
INTERVIEWER_LABELS = {"корр.", "корреспондент", "журналист", "интервьюер", "ведущий", "interviewer", "reporter"}
#: Words that open a paragraph with a colon without naming a speaker ("Например: ...").
NOT_SPEAKERS = {"например", "итак", "кстати", "справка", "примечание", "важно", "во-первых", "во-вторых",
                "note", "example", "update", "p.s.", "ps"}


def label_key(label: str) -> str:
    """A label as compared: case folded, any run of spaces (no-break ones too) as one space."""
    return " ".join(label.split()).casefold()


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
    lead_start, lead_end = _span(body[: markers[0][0]])
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
_SPEECH = re.compile(r"(?i:рассказал[аи]?|рассказывает|рассуждает|рассуждал[аи]?|ответил[аи]?|отвечает|поделил(?:ся|ась|ись)"
                     r"|заявил[аи]?|говорит|сообщил[аи]?|told|said|says|explains|explained|spoke)")
_TITLE_WORD = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?")
_TOKEN = re.compile(r"[\w’'.-]+|[,;:!?]")
#: Words after which a capitalised run is an object of the sentence, not the speaker ("to Jane Doe").
_PREPOSITIONS = {"the", "a", "an", "to", "with", "of", "in", "for", "on", "at", "by", "from", "about",
                 "в", "во", "с", "со", "к", "ко", "по", "о", "об", "от", "для", "на", "у", "из", "за", "при", "про"}


def name_in_lead(lead: str) -> str | None:
    """The interviewee's name where the lead states it beside a verb of speaking; None when it does not.

    The name is a run of two or three capitalised words right after the verb's clause (ending the clause) or
    right before the verb, not after a preposition or article; a title in the run is dropped by keeping its
    last two words ("Президент Касым-Жомарт Токаев" → "Касым-Жомарт Токаев").
    """
    for sentence in re.split(r"(?<=[.!?])\s+", lead):
        tokens = [t.rstrip(".") or t for t in _TOKEN.findall(sentence)]
        for v, token in enumerate(tokens):
            if not _SPEECH.fullmatch(token):
                continue
            name = _run_after(tokens, v) or _run_before(tokens, v)
            if name:
                return " ".join(name[-2:])
    return None


def _runs(tokens: list[str], start: int, stop: int):
    """(first, last) index of each run of capitalised words within tokens[start:stop]."""
    i = start
    while i < stop:
        if _TITLE_WORD.fullmatch(tokens[i]):
            j = i
            while j + 1 < stop and _TITLE_WORD.fullmatch(tokens[j + 1]):
                j += 1
            yield i, j
            i = j + 1
        else:
            i += 1


def _run_after(tokens: list[str], verb: int) -> list[str] | None:
    for first, last in _runs(tokens, verb + 1, len(tokens)):
        ends_clause = last + 1 == len(tokens) or tokens[last + 1] in {",", ";", ":", "!", "?"}
        after_preposition = tokens[first - 1].casefold() in _PREPOSITIONS
        if ends_clause and 2 <= last - first + 1 <= 3 and not after_preposition:
            return tokens[first : last + 1]
    return None


def _run_before(tokens: list[str], verb: int) -> list[str] | None:
    end = verb - 1 if verb and tokens[verb - 1] == "," else verb
    runs = [(f, l) for f, l in _runs(tokens, 0, end) if l == end - 1]
    if runs and 2 <= runs[0][1] - runs[0][0] + 1 <= 3:
        first, last = runs[0]
        return tokens[first : last + 1]
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
    """Find which convention marks the turns; refuse a text where two conventions compete.

    A single stray marker of another kind (a dash-led list item inside an answer) is common, so only
    conventions that mark several paragraphs compete. When labels and dashes both do, the labels win if the
    first turn carries a label: the dashes are then list items inside labelled turns. Anything else that
    competes is refused, with the line where each convention begins.
    """
    found = {}
    for name, pattern in {**_DASH_MARKERS, **_QA_MARKERS}.items():
        hits = [(i, m) for i, line in enumerate(body) if (m := pattern.match(line.text))]
        if hits:
            found[name] = hits
    qa_lines = {i for name in QA_LABELS if name in found for i, _ in found[name]}
    speakers = [(i, m) for i, m in _speaker_label_hits(body) if i not in qa_lines]
    if speakers:
        found["labels-speaker"] = speakers
    if not found:
        raise SourceError(path, 2, "no turns found: expected paragraphs starting with '- ', '– ', '— ' or a label such as 'Вопрос:'")
    strong = {name: hits for name, hits in found.items() if len(hits) > 1} or found
    if len(strong) > 1:
        first = min(strong, key=lambda name: strong[name][0][0])
        labels = [name for name in strong if name.startswith("labels-")]
        if labels == [first]:
            strong = {first: strong[first]}
    if len(strong) > 1:
        detail = ", ".join(f"{name} from line {body[hits[0][0]].number}" for name, hits in strong.items())
        line = min(body[hits[0][0]].number for hits in strong.values())
        raise SourceError(path, line, f"ambiguous turn convention: {detail}; mark all turns one way")
    (name, hits), = strong.items()
    return name, hits


def _speaker_label_hits(body: list[_Line]) -> list[tuple[int, re.Match]]:
    """Paragraphs that start with a speaker label. A one-word label must recur (or name the interviewer) to
    count, and common openers such as 'Например:' never do; a full name ('Мария Сидорова:') counts even
    once, as a round-table guest may speak only once."""
    candidates = [(i, m) for i, line in enumerate(body) if (m := _SPEAKER_MARKER.match(line.text))]
    counts: dict[str, int] = {}
    for _, m in candidates:
        key = label_key(m.group("label"))
        counts[key] = counts.get(key, 0) + 1

    def is_speaker(key: str) -> bool:
        if key in NOT_SPEAKERS:
            return False
        return counts[key] > 1 or len(key.split()) > 1 or key in INTERVIEWER_LABELS

    return [(i, m) for i, m in candidates if is_speaker(label_key(m.group("label")))]


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
    elif convention in QA_LABELS:
        questions, _ = QA_LABELS[convention]
        roles = [QUESTION if label_key(t.label) in questions else ANSWER for t in raw]
    else:
        interviewer = _interviewer_label(raw)
        roles = [QUESTION if label_key(t.label) == interviewer else ANSWER for t in raw]
    _check_alternation(convention, raw, roles, path)
    return roles


def _interviewer_label(raw: list[_RawTurn]) -> str:
    """The label key of the interviewer: a known interviewer label, else whoever speaks first."""
    for turn in raw:
        if label_key(turn.label) in INTERVIEWER_LABELS:
            return label_key(turn.label)
    return label_key(raw[0].label)


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
