"""Text → header, lead and turns with exact character offsets; which turn convention; the role of each turn.

A source is a header line ` date YYYY-MM-DD <title>`, then lead paragraphs, then turns. A turn starts at a
paragraph that carries a turn marker (a dash, a label such as `Вопрос:`, or a speaker label in one of its
printed shapes, markers.py) and runs until the next, so an answer may span many paragraphs. Which speaker
labels count is labels.py's to say, which convention marks the text conventions.py's; texts that mark only one
role, or none, are read by roles.py on strict evidence, questions nobody marked by followups.py. Offsets are Python string indices into the
decoded source (a UTF-8 BOM, if any, is character 0), so `source[turn.start:turn.end] == turn.text` always holds.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from interview_dataset.errors import SourceError
from interview_dataset.parse.conventions import SPEAKER, convention_of
from interview_dataset.parse.followups import EVERY_TURN_MARKED, marked_throughout, with_follow_ups
from interview_dataset.parse.labels import speaker_labels, speaker_roles
from interview_dataset.parse.markers import (
    DASH_NO_SPACE,
    DASHES,
    QA_LABELS,
    SPACE,
    SPACE_CHARS,
    Marker,
    dash_marker,
    label_key,
    qa_marker,
    speaker_marker,
)
from interview_dataset.parse.names import name_in_lead
from interview_dataset.parse.paragraphs import Line, Paragraph, paragraphs_of
from interview_dataset.parse.roles import (
    ALL_MARKED,
    ANSWER,
    HINT,
    QUESTION,
    STATEMENT,
    Reading,
    doubt,
    read_roles,
    unmarked,
)
from interview_dataset.parse.speakers import INTERVIEWER_LABELS, Person, Speakers

__all__ = [
    "QUESTION",
    "ANSWER",
    "STATEMENT",
    "DASHES",
    "QA_LABELS",
    "INTERVIEWER_LABELS",
    "Turn",
    "Interview",
    "interview_from_text",
    "interviewer_speaks",
    "label_key",
    "split_lines",
]

# The date and what follows it; the title is the rest with its surrounding space stripped (by str.strip, not a
# lazy regex group, which would make a line of many spaces take quadratic time).
_HEADER = re.compile(rf"\ufeff?{SPACE}*date{SPACE}+(?P<date>\S+)")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


@dataclass(frozen=True)
class Turn:
    """One turn: its position (from 1), role, exact text and where that text lies in the source; with speaker
    labels, the label as written and the person it names (display name, sidecar id or None); `asked_by` is who
    a question header says asks (`Question#2 Author: Anvar`), which the turn's speaker then is."""

    index: int
    role: str
    text: str
    start: int
    end: int
    line: int
    label: str | None = None
    speaker: str | None = None
    speaker_id: str | None = None
    asked_by: str | None = None


@dataclass(frozen=True)
class Interview:
    """What a source text states: date and title from the header, the lead, and the turns."""

    date: datetime.date
    title: str
    lead: str | None
    lead_start: int | None
    convention: str
    turns: tuple[Turn, ...]

    @property
    def interviewee_in_lead(self) -> str | None:
        """The person the lead names beside a verb of speaking (names.py), without the sidecar's outlet to rule out."""
        return name_in_lead(self.lead or "")


def interviewer_speaks(turns: tuple[Turn, ...]) -> list[bool]:
    """Whose each turn is: the interviewer's questions and closing remarks (a statement after a question), the
    interviewees' answers and opening statements (a statement before any question)."""
    asked = [any(t.role == QUESTION for t in turns[: i + 1]) for i in range(len(turns))]
    return [t.role == QUESTION or (t.role == STATEMENT and a) for t, a in zip(turns, asked)]


def split_lines(text: str) -> list[Line]:
    """Every line with its 1-based number and the offsets of its content (line break excluded)."""
    return split_at_newlines(text) if "\r" not in text else split_at_any_break(text)


def split_at_newlines(text: str) -> list[Line]:
    """split_lines for a text without carriage returns (the common case): the same lines, several times faster."""
    contents = text.split("\n")
    if len(contents) > 1 and not contents[-1]:
        contents.pop()  # the empty rest after a final line break is not a line
    lines = []
    start = 0
    for number, content in enumerate(contents, start=1):
        lines.append(Line(number, start, start + len(content), content))
        start += len(content) + 1
    return lines


def split_at_any_break(text: str) -> list[Line]:
    """split_lines for any text: a line ends at \\r\\n, \\r or \\n."""
    lines: list[Line] = []
    for number, match in enumerate(_LINE.finditer(text), start=1):
        if match.start() == len(text) and lines:
            break  # the empty match after a final line break is not a line
        content = match.group().rstrip("\r\n")
        lines.append(Line(number, match.start(), match.start() + len(content), content))
        if match.end() == len(text):
            break
    return lines


def interview_from_text(text: str, path: str = "<text>", meta: dict | None = None) -> Interview:
    """Parse a whole source text; raise SourceError(path, line, ...) on anything malformed. `meta` (the
    sidecar) names the people behind speaker labels and who of them asks."""
    lines = split_lines(text)
    date, title = _header(lines[0] if lines else Line(1, 0, 0, ""), path)
    body = lines[1:]
    found = _candidates(body)
    paragraphs = paragraphs_of(body, {i for i, c in enumerate(found) if c}, _joined(found))
    markers = [found[p.number - 2] for p in paragraphs]  # body line i is line i + 2 of the text
    speakers = Speakers(meta)
    people, near = speaker_labels(paragraphs, markers, speakers)
    convention, marked = convention_of(paragraphs, markers, people, path)
    every_marked = bool((meta or {}).get(EVERY_TURN_MARKED))
    if convention is None:
        marked = []
        reading = (marked_throughout if every_marked else _unmarked_or_refuse)(paragraphs, near, path)
        convention = reading.kind
    else:
        reading = _read(paragraphs, marked, markers, people, convention, path)
        reading = with_follow_ups(paragraphs, reading, path, every_marked)
        if reading.kind != ALL_MARKED:
            convention = reading.kind
    marks = {k: _marker_of(markers[k], k in people) for k in marked}
    turns = [_turn(text, paragraphs, marks, people, i, span, path) for i, span in enumerate(reading.turns, start=1)]
    lead_start, lead_end = (
        _strip(text, paragraphs[0].start, paragraphs[reading.lead - 1].end) if reading.lead else (None, None)
    )
    lead = text[lead_start:lead_end] if lead_start is not None else None
    return Interview(date, title, lead, lead_start, convention, tuple(turns))


def _header(line: Line, path: str) -> tuple[datetime.date, str]:
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
    title = line.text[match.end() :].strip(SPACE_CHARS)
    if not title:
        raise SourceError(path, 1, "header has no title after the date")
    return date, title


def _candidates(body: list[Line]) -> list[dict[str, Marker]]:
    """Every marker each line could carry, by kind ("dash", a Q/A convention, "speaker")."""
    found: list[dict[str, Marker]] = []
    consumed = False
    for i, line in enumerate(body):
        if consumed:  # the dash line under a speaker's name belongs to that name's marker
            found.append({})
            consumed = False
            continue
        nxt = body[i + 1] if i + 1 < len(body) else None
        kinds: dict[str, Marker] = {}
        for marker in (
            dash_marker(line.text, line.start),
            qa_marker(line.text, line.start),
            speaker_marker(line.text, line.start, nxt.text if nxt else None, nxt.start if nxt else 0),
        ):
            if marker:
                kinds.setdefault("qa" if marker.kind in QA_LABELS else marker.kind, marker)
        consumed = any(marker.lines == 2 for marker in kinds.values())
        found.append(kinds)
    return found


def _joined(found: list[dict[str, Marker]]) -> set[int]:
    return {i + 1 for i, kinds in enumerate(found) if any(marker.lines == 2 for marker in kinds.values())}


def _read(paragraphs, marked, markers, people, convention, path) -> Reading:
    if convention in QA_LABELS:
        questions, _ = QA_LABELS[convention]
        roles = [_qa_role(markers[k]["qa"], questions) for k in marked]
        return read_roles(paragraphs, marked, roles, False, path)
    if convention == SPEAKER:
        said, asker_known = speaker_roles([people[k] for k in marked])
        return read_roles(paragraphs, marked, said, False, path, round_table=True, statements=asker_known)
    return read_roles(paragraphs, marked, [None] * len(marked), True, path)


def _qa_role(marker: Marker, questions: set[str]) -> str:
    """A question header (`Q1.`, `Вопрос читателя:`) or a question label opens a question; any other, an answer."""
    return QUESTION if marker.shape == "header" or label_key(marker.label) in questions else ANSWER


def _unmarked_or_refuse(paragraphs: list[Paragraph], near: list[tuple[int, str]], path: str) -> Reading:
    """No markers: the "nothing marked" reading on its evidence rule, else "no turns found" naming the line that
    looked most like a marker and why it was not taken."""
    reading = unmarked(paragraphs) if paragraphs else (0, "the text has nothing after the header")
    problem = reading if isinstance(reading, tuple) else doubt(paragraphs, reading)
    if problem is None:
        assert not isinstance(reading, tuple)  # a tuple is itself the problem
        return reading
    misses = list(near)
    for p in paragraphs:
        if DASH_NO_SPACE.match(p.lines[0].text):
            misses.append((p.number, f"{p.lines[0].text[:12].strip()!r} starts with a dash but has no space after it"))
    line = paragraphs[problem[0]].number if paragraphs else 2
    message = "no turns found: expected paragraphs starting with '- ', '– ', '— ' or a label such as 'Вопрос:'"
    if misses:
        line, why = min(misses)
        message += f"; line {line}: {why}"
    message += f"; read as unmarked questions, line {paragraphs[problem[0]].number if paragraphs else 2}: {problem[1]} ({HINT})"
    raise SourceError(path, line, message)


def _turn(
    text: str,
    paragraphs: list[Paragraph],
    marks: dict[int, Marker | None],
    people: dict[int, Person],
    index: int,
    span,
    path: str,
) -> Turn:
    marker = marks.get(span.first)
    first = paragraphs[span.first]
    start, end = _strip(text, marker.text_start if marker else first.start, paragraphs[span.last].end)
    if start is None or end is None:
        raise SourceError(path, first.number, "empty turn: a turn marker with no text after it")
    voice = span.first if marker else span.voice  # a follow-up nobody marked speaks in its exchange's voices
    person = people.get(voice) if voice is not None else None
    label = marker.label if marker and marker.kind != "dash" else None
    asker = marker.name if marker and marker.shape == "header" and marker.name else None
    return Turn(
        index,
        span.role,
        text[start:end],
        start,
        end,
        first.number,
        label,
        person.name if person else asker,
        person.id if person else None,
        asker,
    )


def _marker_of(kinds: dict, is_speaker: bool) -> Marker | None:
    if is_speaker:
        return kinds["speaker"]
    return kinds.get("qa") or kinds.get("dash")


def _strip(text: str, start: int, end: int) -> tuple[int | None, int | None]:
    """Offsets of text[start:end] without surrounding whitespace, or (None, None) when only whitespace."""
    piece = text[start:end]
    inner = piece.strip()
    if not inner:
        return None, None
    first = start + len(piece) - len(piece.lstrip())
    return first, first + len(inner)
