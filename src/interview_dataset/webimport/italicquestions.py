"""Italic questions: a page with neither bold nor labels whose questions are paragraphs set wholly in italics
(`<i>— …?</i>`), each followed by a plain answer. Read only when the whole article follows that pattern; a page
that half fits is refused, naming the block that breaks it.
"""

from __future__ import annotations

from dataclasses import replace

from interview_dataset.text import shorten
from interview_dataset.webimport.blocks import Block
from interview_dataset.webimport.furniture import furniture_line
from interview_dataset.webimport.reading import PageRefused

#: Fewer italic questions than this is not a pattern: an italic paragraph or two is emphasis, a note, a quote.
MIN_ITALIC_QUESTIONS = 3


def italic_questions(blocks: list[Block], path) -> list[Block] | None:
    """The blocks with each italic question set as a bold one (for boldquestions.py to read), when the article
    is italic questions alternating with plain answers; None when it has fewer than MIN_ITALIC_QUESTIONS italic
    paragraphs that ask; refused when it has them but the pattern breaks.

    The pattern: italic paragraphs before the first one that asks (a '?' in it) are lead; from there on every
    italic paragraph asks, is followed by one plain paragraph or more (its answer), and no block is bold, a
    heading or labelled.
    """
    if any(b.bold or b.label or b.long_label or b.kind == "head" for b in blocks):
        return None
    kept = [b for b in blocks if not furniture_line(b)]
    asking = [i for i, b in enumerate(kept) if b.italic and "?" in b.text]
    if len(asking) < MIN_ITALIC_QUESTIONS:
        return None
    if asking[0] == 0 and not kept[0].asks:  # read as a bold lead by boldquestions.py: the first exchange lost
        raise PageRefused(
            path,
            f"the questions are in italics, but the first, «{shorten(kept[0].text, 60)}», opens the article and does "
            "not end with '?': a question or the lead? convert it by hand",
        )
    for i in range(asking[0], len(kept)):
        block = kept[i]
        if not block.italic:
            continue
        why = None
        if "?" not in block.text:
            why = "is in italics but does not ask"
        elif i + 1 == len(kept) or kept[i + 1].italic:
            why = "asks in italics but no plain answer follows it"
        if why:
            raise PageRefused(
                path,
                f"the questions are in italics, but «{shorten(block.text, 60)}» {why}: a question, a note or a "
                "quote? convert it by hand",
            )
    questions = {id(kept[i]) for i in asking}
    return [replace(b, bold=True, italic=False) if id(b) in questions else b for b in blocks]
