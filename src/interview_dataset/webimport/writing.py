"""The source text in our format and its draft sidecar; the self-check that parses the text back."""

from __future__ import annotations

import hashlib
import json
import re

import yaml

from interview_dataset import __version__
from interview_dataset.errors import SourceError
from interview_dataset.parse.followups import EVERY_TURN_MARKED
from interview_dataset.parse.interview import (
    QUESTION,
    Interview,
    interview_from_text,
    interviewer_speaks,
)
from interview_dataset.webimport.pageturns import PageTurn, Reading
from interview_dataset.webimport.reading import PageRefused

# --- the source text and the sidecar -------------------------------------------------------------------------

#: Question and answer markers by the page's language: labels the parser reads unambiguously.
QA_MARKERS = {"ru": ("Вопрос: ", "Ответ: ")}
DEFAULT_QA_MARKERS = ("Q: ", "A: ")


def source_text(date: str, title: str, lead: list[str], turns: list[PageTurn], language: str | None) -> str:
    """The source in our format: header, lead paragraphs, then one line per paragraph with a turn marker on
    the first paragraph of each turn (`Name: ` for speaker labels, else `Вопрос: `/`Ответ: ` or `Q: `/`A: `)."""
    question, answer = QA_MARKERS.get(language or "", DEFAULT_QA_MARKERS)
    lines = [f" date {date} {title}", *lead]
    for turn in turns:
        marker = f"{turn.label}: " if turn.label else (question if turn.role == QUESTION else answer)
        lines.append(marker + turn.paragraphs[0])
        lines.extend(turn.paragraphs[1:])
    return "\n".join(lines) + "\n"


def parse_meta(interviewer: str | None, outlet: str | None, labels: list[str] | None = None) -> dict:
    """What the parser reads from the sidecar that decides roles: who asks (and their other labels), the outlet."""
    meta: dict = {"outlet": outlet} if outlet else {}
    person_id = slug(interviewer or "")
    if interviewer and person_id:
        meta["interviewer"] = {"id": person_id, "name": interviewer, **({"labels": labels} if labels else {})}
    return meta


def check_parse(text: str, reading: Reading, meta: dict, path) -> Interview:
    """The parser, given the sidecar's interviewer, must read exactly the page's lead and turns back, with the
    roles the importer gave: else a paragraph of the page looks like a turn marker (or a label is one the parser
    does not take), and writing the file would give wrong turns."""
    lead, turns = reading.lead, reading.turns
    try:
        parsed = interview_from_text(text, str(path), meta)
    except SourceError as error:
        raise PageRefused(
            path, f"the converted text does not parse ({error.message}); convert it by hand", reading.notes
        ) from None
    same = (
        (parsed.lead or None) == ("\n".join(lead) or None)
        and len(parsed.turns) == len(turns)
        and all(
            got.text == "\n".join(want.paragraphs)
            and (want.role is None or got.role == want.role)
            and (want.label is None or got.label == want.label)
            for got, want in zip(parsed.turns, turns)
        )
    )
    if not same:
        raise PageRefused(
            path,
            f"the parser reads {len(parsed.turns)} turns where the page has {len(turns)}, or other "
            "ones: a paragraph looks like a turn marker; convert it by hand",
            reading.notes,
        )
    return parsed


def suggested_interviewees(interview: Interview) -> list[str]:
    """Who answers, as the page names them: the labels of the speakers who answer (or make an opening statement),
    or the name beside a verb of speaking in the lead. A suggestion for a person to check, never used as a fact."""
    if interview.convention == "labels-speaker":
        asks = interviewer_speaks(interview.turns)
        return list(
            dict.fromkeys(" ".join(t.label.split()) for t, a in zip(interview.turns, asks) if not a and t.label)
        )
    return [interview.interviewee_in_lead] if interview.interviewee_in_lead else []


def sidecar_text(
    data: bytes,
    outlet: str,
    url: str | None,
    language: str | None,
    author: str | None,
    interviewees: list[str],
    n_exchanges: int,
    asked_by_label: bool = False,
    interviewer_labels: list[str] | None = None,
    every_turn_marked: str | None = None,
) -> str:
    """The draft sidecar: what the page states, the conversion's provenance, and comments for the reviewer."""
    import htmldate
    import trafilatura

    lines = [
        "# Draft written by `interview-dataset import` from a saved web page: check every value against the page.",
        f"# Topics are left for a person: add `topics:` with one slug from schema/topics.yaml per exchange ({n_exchanges}).",
        "converted_from: html",
        f"page_sha256: {hashlib.sha256(data).hexdigest()}",
        f"importer_version: {_scalar(f'interview-dataset {__version__} (trafilatura {trafilatura.__version__}, htmldate {htmldate.__version__})')}",
        f"outlet: {_scalar(outlet)}",
        f"url: {_scalar(url)}",
        f"language: {_scalar(language)}",
    ]
    if every_turn_marked:
        lines.append(f"{EVERY_TURN_MARKED}: true  # {every_turn_marked}")
    person_id = slug(author or "")
    if author and person_id:
        why = (
            "the speaker whose labelled turns ask; check the label names the interviewer"
            if asked_by_label
            else "the page's author; check that the author asked the questions"
        )
        lines += [
            f"interviewer:  # {why}",
            f"  id: {person_id}",
            f"  name: {_scalar(author)}",
        ]
        if interviewer_labels:
            lines += [
                "  labels:  # the interviewer's label in the text",
                *(f"    - {_scalar(x)}" for x in interviewer_labels),
            ]
    else:
        lines.append("# interviewer: not stated on the page")
    if interviewees:
        lines.append(
            "suggested_interviewees:  # review: read from the page; copy to interviewees with an id once checked"
        )
        lines += [f"  - {_scalar(name)}" for name in interviewees]
    return "\n".join(lines) + "\n"


def _scalar(value: str | None) -> str:
    """A YAML scalar: plain where YAML reads it back unchanged, else double-quoted."""
    if value is None:
        return "null"
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value} and "#" not in value:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)  # JSON's double-quoted strings are YAML's


# --- names for files and ids -------------------------------------------------------------------------------------

_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "iu",
            "ia",
            "a",
            "g",
            "q",
            "n",
            "o",
            "u",
            "u",
            "h",
            "i",
        ],
    )
)


def slug(text: str, max_words: int | None = None) -> str:
    """Lowercase a-z/0-9 words joined by single hyphens; Cyrillic (Russian, Kazakh) transliterated."""
    latin = "".join(_LATIN.get(c, c) for c in text.casefold())
    words = re.findall(r"[a-z0-9]+", latin)
    return "-".join(words[:max_words] if max_words else words)


def stem_of(date: str, outlet: str, interviewees: list[str], title: str) -> str:
    """`<date>-<outlet>-<slug>`: the slug is the first interviewee's surname, else the title's first words."""
    name = slug(interviewees[0].split()[-1]) if interviewees else ""
    return "-".join(part for part in (date, slug(outlet), name or slug(title, max_words=4)) if part)
