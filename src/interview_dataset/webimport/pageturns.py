"""What the importer reads a page as: its turns, a note per block of the article, and who asks."""

from __future__ import annotations

from dataclasses import dataclass, field

from interview_dataset.text import shorten


@dataclass(frozen=True)
class PageTurn:
    """A turn as it is written: role, the label written before it (None for our Q/A markers), paragraphs."""

    role: str | None
    label: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class BlockNote:
    """What the importer made of one block of the article, for `import --explain`."""

    number: int
    text: str
    role: str
    why: str

    def __str__(self) -> str:
        return f"{self.number:4} {self.role:10} «{shorten(self.text, 60)}»: {self.why}"


@dataclass
class Reading:
    """The page read as an interview: lead, turns, a note per block, and the named speaker who asks (if any)."""

    lead: list[str]
    turns: list[PageTurn]
    notes: list[BlockNote] = field(default_factory=list)
    asker: str | None = None
    asker_labels: tuple[str, ...] = ()
    #: Every turn read opened with its speaker's label on the page (none inferred): the sidecar says so.
    every_turn_marked: bool = False
