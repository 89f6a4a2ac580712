"""Group interviews on bold-question pages: several people answer the same questions, each under a heading
with their name. Each answer's speaker is the name above it; a page that only half fits is refused."""

from __future__ import annotations

import re

from interview_dataset.parse.interview import label_key
from interview_dataset.parse.names import is_person_name
from interview_dataset.text import shorten
from interview_dataset.webimport.blocks import Block
from interview_dataset.webimport.pageturns import BlockNote
from interview_dataset.webimport.reading import PageRefused

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def looks_like_name(text: str) -> bool:
    """Two to four capitalised words and nothing else, that the name rules take for a person's."""
    words = text.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
        return False
    return is_person_name(words, cyrillic=bool(_CYRILLIC.search(text)))


def section_names(
    blocks: list[Block], numbers: list[int], left_out: set[int], first: int, path, notes: list[BlockNote]
) -> list[str | None] | None:
    """Per block, the name of the person whose section it is in, when the page is a group interview (the same
    question asked more than once, each section under a heading that names someone); None when it is not one.

    Refused: questions asked again with no name heading above some of them, and name-like headings on a page
    whose questions are all different (a section per person, or section titles? the page does not say).
    """
    questions = [label_key(b.text) for i, b in enumerate(blocks) if i >= first and i not in left_out and b.bold]
    repeated = len(set(questions)) < len(questions)
    named = [i for i in sorted(left_out) if looks_like_name(blocks[i].text)]
    if not repeated and not named:
        return None
    if not repeated:
        i = named[0]
        raise PageRefused(
            path,
            f"block {numbers[i]}, the heading «{shorten(blocks[i].text, 60)}», looks like a person's name: the one "
            "who answers below it (a group interview), or a section title? convert it by hand",
            notes,
        )
    names: list[str | None] = []
    current: str | None = None
    for i, block in enumerate(blocks):
        if i in left_out:
            current = block.text if i in named else None
            continue
        if i >= first and block.bold and current is None:
            raise PageRefused(
                path,
                f"the same questions are asked more than once (a group interview), but no heading names who "
                f"answers block {numbers[i]}, «{shorten(block.text, 60)}»; convert it by hand",
                notes,
            )
        names.append(current)
    return names
