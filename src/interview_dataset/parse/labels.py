"""Speaker labels → the ones that name a speaker, with the person each names, and who of those people asks."""

from __future__ import annotations

from interview_dataset.parse.markers import Marker
from interview_dataset.parse.names import is_person_name
from interview_dataset.parse.paragraphs import Paragraph
from interview_dataset.parse.roles import ANSWER, QUESTION
from interview_dataset.parse.speakers import Person, Speakers, name_parts


def speaker_labels(
    paragraphs: list[Paragraph], markers: list[dict], speakers: Speakers
) -> tuple[dict[int, Person], list[tuple[int, str]]]:
    """Speaker labels that name a speaker, by paragraph, with the person each names; and the near misses
    (line, why not taken) for the "no turns found" message.

    A label counts when its person speaks more than once, is named in the sidecar, asks (`Корр.`, the outlet),
    or — with a colon — is a name of two or more words that looks like a person's. Labels without a colon must
    also look like a person's name (or be initials), since a sentence can open with a capitalised phrase too.
    """
    candidates = [(k, m["speaker"]) for k, m in enumerate(markers) if "speaker" in m and "qa" not in m]
    # Full names first, so that initials (И.П.) can find the person they abbreviate.
    order = sorted(candidates, key=lambda c: not _has_surname(c[1].name))
    person_of = {k: speakers.resolve(m.label if m.shape == "colon" else m.name, m.name) for k, m in order}
    for k, m in candidates:
        if m.alias:
            speakers.alias(person_of[k], m.alias)
    counts: dict[int, int] = {}
    for person in person_of.values():
        counts[id(person)] = counts.get(id(person), 0) + 1
    accepted, near = {}, []
    for k, m in candidates:
        person = person_of[k]
        why = _why_not_a_speaker(m, person, counts[id(person)], speakers)
        if why:
            near.append((paragraphs[k].number, f"{m.label!r} looks like a speaker label, but {why}"))
        else:
            accepted[k] = person
    return accepted, near


def _has_surname(name: str) -> bool:
    return name_parts(name)[0] is not None


def _why_not_a_speaker(marker: Marker, person: Person, count: int, speakers: Speakers) -> str | None:
    if person.id is not None or person.interviewer:
        return None
    words = [w.title() if w.isupper() and len(w) > 2 else w for w in marker.name.replace(".", ". ").split()]
    latin = all(w.isascii() for w in words)
    name_like = "." in marker.name or is_person_name(
        [w for w in words if not w.endswith(".")] or words, cyrillic=not latin
    )
    if marker.shape == "colon":
        if count > 1 or (len(marker.name.split()) > 1 and name_like):
            return None
        return "it occurs once and is not a full name (a label counts when its speaker speaks more than once or is named in the sidecar)"
    if not name_like:
        return "it does not look like a person's name"
    if count > 1:
        return None
    return "that speaker speaks only once (a label without a colon counts when its speaker speaks more than once or is named in the sidecar)"


def speaker_roles(persons: list[Person]) -> tuple[list[str | None], bool]:
    """The interviewer asks: the sidecar's, a label such as `Корр.` or the outlet's name; failing those, the one
    person the sidecar does not list as an interviewee, or else whoever speaks first. One unknown speaker alone
    says nothing about roles (None). Also whether who asks is known from the sidecar or the labels rather than
    from who speaks first: only then may a turn be spoken unasked (a statement, roles.py)."""
    askers = {id(p) for p in persons if p.interviewer}
    known = bool(askers)
    if not askers:
        others = list({id(p): p for p in persons if p.id is None}.values())
        if len(others) == 1 and len(others) < len({id(p) for p in persons}):
            askers, known = {id(others[0])}, True
        elif not any(p.id for p in persons) and len({id(p) for p in persons}) > 1:
            askers = {id(persons[0])}
        elif others:
            return [None] * len(persons), False
    return [QUESTION if id(p) in askers else ANSWER for p in persons], known
