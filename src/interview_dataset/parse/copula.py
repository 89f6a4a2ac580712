"""When a dash convention explains every turn, a repeated `К.Токаев – …` paragraph is a sentence, not a label.

Russian writes a copula as a dash: «К.Токаев – именно такой партнёр…» opens a paragraph exactly as a speaker
label of the `Name – text` shape does. Once such a sentence occurs twice, its "speaker" speaks more than once and
the label counts, so the text looked marked two ways and was refused. The text's own dash markers
are the stronger evidence when they explain every turn on their own: they open the first turn, come in
question-answer pairs, and every would-be label lies inside an answer of that reading (never opening a turn),
while the labels name nobody the sidecar lists and nobody who asks: such "speakers" would explain no turn.
"""

from __future__ import annotations

from bisect import bisect_left

from interview_dataset.parse.markers import Marker
from interview_dataset.parse.speakers import Person


def dashes_explain_every_turn(dashes: list[int], labels: list[int], markers: list[dict], people: dict) -> bool:
    """Whether the dash markers (paragraph indexes) explain every turn and the `Name – text` labels are sentences
    inside their answers."""
    persons: list[Person] = [people[k] for k in labels]
    if len(dashes) % 2 or not dashes or dashes[0] > labels[0]:
        return False
    if any(person.id is not None or person.interviewer for person in persons):
        return False
    for k in labels:
        marker: Marker = markers[k]["speaker"]
        turn = bisect_left(dashes, k) - 1  # the dash turn the label lies in (dashes are sorted)
        if marker.shape != "dash" or turn % 2 == 0:  # a label inside a question, or of another shape
            return False
    return True
