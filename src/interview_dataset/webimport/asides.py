"""What a page of bold questions sets around and into its turns that is not a turn: a bold standfirst before the
first question, a box set into an answer under a heading, an editorial note and a box title closing the article.
"""

from __future__ import annotations

from interview_dataset.webimport.blocks import SENTENCE_ENDS, Block
from interview_dataset.webimport.furniture import furniture_line

#: A closing box's title is short: «Die Kino-Highlights im November», "More interviews".
BOX_TITLE_MAX_WORDS = 8


BOXED = "in italics under a heading that is not a question: the text of a box (an event, a note)"


def boxed_under_headings(blocks: list[Block], headings: set[int], first: int) -> set[int]:
    """The italic paragraphs right under a left-out heading after the first question (rbb24: «Veranstaltungshinweis»,
    «Buchvorstellung im rbb», then the event in italics): a box set into an answer, not the answer's text."""
    boxed: set[int] = set()
    for i in sorted(h for h in headings if h > first):
        k = i + 1
        while k < len(blocks) and k in headings:
            k += 1
        while k < len(blocks) and blocks[k].kind == "p" and blocks[k].italic and not blocks[k].bold:
            boxed.add(k)
            k += 1
    return boxed


def standfirst(blocks: list[Block]) -> bool:
    """Blocks before the outlet-labelled first question are a bold standfirst and its intro when none of them
    reads as an answer: no plain paragraph, at least one in italics (rbb24: a bold summary that asks, then the
    intro in italics)."""
    texts = [b for b in blocks if not b.bold and b.kind == "p"]
    return bool(texts) and all(b.italic for b in texts)


def closing_title(blocks: list[Block], last: int) -> bool:
    """The last bold paragraph is the title of a box closing the page, not a question: a few words that do not
    end as a sentence or a question does, with nothing but page furniture after it (the box's pictures)."""
    block = blocks[last]
    return (
        block.kind == "p"
        and len(block.text.split()) <= BOX_TITLE_MAX_WORDS
        and not block.text.rstrip().endswith(SENTENCE_ENDS)
        and all(furniture_line(b) for b in blocks[last + 1 :])
    )


def closing_note(blocks: list[Block], end: int) -> int:
    """Where an editorial note closing the article starts (`«Midway» startet am 7. November in unseren Kinos.`):
    the italic paragraphs right before `end`, after a plain one; `end` when there are none."""
    start = end
    while start > 0 and (blocks[start - 1].italic or furniture_line(blocks[start - 1])):
        start -= 1
    while start < end and furniture_line(blocks[start]):
        start += 1
    plain_before = start > 0 and not blocks[start - 1].bold and not blocks[start - 1].italic
    return start if start < end and plain_before else end
