"""Speaker labels → people: one id per person however the text spells them (ИРИНА ПЕТРОВА, И. ПЕТРОВА, Петрова,
И.П.), the sidecar's people and their `labels` first, and who of them asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview_dataset.parse.markers import label_key

#: Labels that name the interviewer however the outlet spells them.
INTERVIEWER_LABELS = {
    "корр.",
    "корреспондент",
    "журналист",
    "интервьюер",
    "ведущий",
    "ведущая",
    "тілші",
    "журналист:",
    "interviewer",
    "reporter",
    "host",
    "moderator",
}
_INITIAL = re.compile(r"\w\.?$")
#: Titles written before a name in a label ("Ambassador Smith", "Министр Петров"): not part of the name.
TITLES = {
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "prof.",
    "mr",
    "mrs",
    "ms",
    "dr",
    "ambassador",
    "minister",
    "president",
    "senator",
    "governor",
    "mayor",
    "secretary",
    "chairman",
    "director",
    "deputy",
    "general",
    "г-н",
    "г-жа",
    "господин",
    "госпожа",
    "министр",
    "президент",
    "посол",
    "депутат",
    "аким",
    "директор",
    "председатель",
    "профессор",
    "генерал",
    "министрі",
    "депутаты",
    "әкім",
}


@dataclass
class Person:
    """One speaker: the fullest spelling seen, the sidecar's id and name if it names them, and whether they ask."""

    fullest: str = ""
    id: str | None = None
    sidecar_name: str | None = None
    interviewer: bool = False
    surname: str | None = None
    initials: str = ""

    @property
    def name(self) -> str:
        """The sidecar's name, else the fullest spelling seen (CAPS turned to title case)."""
        if self.sidecar_name:
            return self.sidecar_name
        return self.fullest.title() if self.fullest.isupper() else self.fullest

    def saw(self, spelling: str) -> None:
        """Note a spelling; the one with most words (then most characters, then first seen) is kept."""
        if (len(spelling.split()), len(spelling)) > (len(self.fullest.split()), len(self.fullest)):
            self.fullest = spelling


def name_parts(name: str) -> tuple[str | None, str]:
    """(surname, initials) of a name as written: `Т.Иванова` → ("иванова", "т"), `И.П.` → (None, "ип"),
    `U.S. Ambassador John Smith` → ("smith", "j") (a title before a two-word name is dropped)."""
    words = re.sub(r"\.(?=\w)", ". ", name).replace("ё", "е").replace("Ё", "Е").split()
    while len(words) > 1 and words[0].casefold() in TITLES:
        words = words[1:]
    full = [w for w in words if not _INITIAL.fullmatch(w)]
    if len(full) > 2:
        words = words[-2:]
        full = [w for w in words if not _INITIAL.fullmatch(w)]
    if not full:
        return None, "".join(w[0] for w in words).casefold()
    surname = full[-1]
    initials = "".join(w[0] for w in words if w is not surname)
    return surname.casefold(), initials.casefold()


def _compatible(a: str, b: str) -> bool:
    return not a or not b or a.startswith(b) or b.startswith(a)


class Speakers:
    """Resolves labels to people in the order they are added; sidecar people are known from the start."""

    def __init__(self, meta: dict | None):
        meta = meta or {}
        self.people: list[Person] = []
        self.outlet = label_key(meta["outlet"]) if meta.get("outlet") else None
        self._by_key: dict[str, Person] = {}
        if meta.get("interviewer"):
            self._add_sidecar(meta["interviewer"], interviewer=True)
        for person in meta.get("interviewees") or []:
            self._add_sidecar(person, interviewer=False)

    def _add_sidecar(self, entry: dict, interviewer: bool) -> None:
        person = Person(id=entry["id"], sidecar_name=entry["name"], interviewer=interviewer)
        person.surname, person.initials = name_parts(entry["name"])
        self.people.append(person)
        for spelling in [entry["name"], *entry.get("labels", [])]:
            self._by_key[label_key(spelling)] = person

    def from_sidecar(self, person: Person) -> bool:
        return person.id is not None

    def resolve(self, label: str, name: str) -> Person:
        """The person a label names, made new if nobody known matches."""
        key = label_key(label)
        person = self._by_key.get(key) or self._by_key.get(label_key(name)) or self._match(key, name)
        if person is None:
            person = Person(interviewer=self._names_interviewer(key))
            person.surname, person.initials = name_parts(name)
            self.people.append(person)
        self._by_key.setdefault(key, person)
        person.saw(" ".join(name.split()))
        return person

    def alias(self, person: Person, alias: str) -> None:
        """Another spelling of a known person, as in `Марат Петров (М.П.)`: later `М.П.` labels are theirs."""
        self._by_key.setdefault(label_key(alias), person)

    def _names_interviewer(self, key: str) -> bool:
        """An interviewer label (`Корр.`), or a label naming the outlet (`NEWS24:` when the outlet is NEWS24)."""
        return key in INTERVIEWER_LABELS or (
            self.outlet is not None and (key == self.outlet or key in self.outlet.split())
        )

    def _match(self, key: str, name: str) -> Person | None:
        if self._names_interviewer(key):
            return next((p for p in self.people if p.interviewer), None)
        surname, initials = name_parts(name)
        if surname is None:  # initials only: the one person whose initials and surname's initial they are
            found = [p for p in self.people if p.surname and (p.initials + p.surname[0]) == initials]
        else:
            found = [p for p in self.people if p.surname == surname and _compatible(p.initials, initials)]
        return found[0] if len(found) == 1 else None
