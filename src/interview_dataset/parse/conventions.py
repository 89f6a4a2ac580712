"""Which turn convention marks a text: the markers of each kind compete, and a text marked two ways is refused."""

from __future__ import annotations

from interview_dataset.errors import SourceError
from interview_dataset.parse.copula import dashes_explain_every_turn
from interview_dataset.parse.markers import DASHES
from interview_dataset.parse.paragraphs import Paragraph
from interview_dataset.parse.speakers import Person

SPEAKER = "labels-speaker"


def convention_of(
    paragraphs: list[Paragraph], markers: list[dict], people: dict[int, Person], path: str
) -> tuple[str | None, list[int]]:
    """Which convention marks the turns; refuse a text where two conventions compete.

    A single stray marker of another kind (a dash-led list item inside an answer) is common, so only
    conventions that mark several paragraphs compete. When labels and dashes both do, the labels win if the
    first turn carries a label: the dashes are then list items inside labelled turns; the dashes win when they
    explain every turn and the labels are copula sentences inside answers (copula.py). Anything else that
    competes is refused, with the line where each convention begins.
    """
    found: dict[str, list[int]] = {}
    for k, kinds in enumerate(markers):
        if "dash" in kinds and k not in people:
            found.setdefault("dash", []).append(k)
        if "qa" in kinds:
            found.setdefault(kinds["qa"].kind, []).append(k)
    if people:
        found[SPEAKER] = sorted(people)
    if not found:
        return None, []
    strong = {name: hits for name, hits in found.items() if len(hits) > 1} or found
    if len(strong) > 1:
        first = min(strong, key=lambda name: strong[name][0])
        labels = [name for name in strong if name.startswith("labels-")]
        if labels == [first]:
            strong = {first: strong[first]}
        elif set(strong) == {"dash", SPEAKER} and dashes_explain_every_turn(
            strong["dash"], strong[SPEAKER], markers, people
        ):
            strong = {"dash": strong["dash"]}
    if len(strong) > 1:
        detail = ", ".join(
            f"{_family_name(name, markers, hits)} from line {paragraphs[hits[0]].number}"
            for name, hits in strong.items()
        )
        line = min(paragraphs[hits[0]].number for hits in strong.values())
        raise SourceError(path, line, f"ambiguous turn convention: {detail}; mark all turns one way")
    ((name, hits),) = strong.items()
    return _family_name(name, markers, hits), hits


def _family_name(name: str, markers: list[dict], hits: list[int]) -> str:
    """The dash family is named after its first turn's dash (one convention whatever the mix)."""
    return DASHES[markers[hits[0]]["dash"].label] if name == "dash" else name
