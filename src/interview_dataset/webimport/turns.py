"""Turns from the blocks: speaker labels in bold, or bold questions alternating with plain answers."""

from __future__ import annotations

from dataclasses import dataclass

from interview_dataset.parse.interview import (
    ANSWER,
    INTERVIEWER_LABELS,
    QUESTION,
    label_key,
)
from interview_dataset.text import shorten
from interview_dataset.webimport.blocks import LEADING_DASH, Block, lead_paragraphs
from interview_dataset.webimport.reading import PageRefused


@dataclass(frozen=True)
class PageTurn:
    """A turn as the page gives it: role (None when the parser decides it from labels), label, paragraphs."""

    role: str | None
    label: str | None
    paragraphs: tuple[str, ...]


# --- turns from the blocks -------------------------------------------------------------------------------------


def structure(blocks: list[Block], path) -> tuple[list[str], list[PageTurn]]:
    """(lead paragraphs, turns): speaker labels if two or more speakers are labelled, else bold questions."""
    mixed = next((b for b in blocks if b.bold_prefix and "?" in b.bold_prefix), None)
    if mixed:
        raise PageRefused(
            path, f"question and answer in one paragraph («{shorten(mixed.text, 60)}»); convert it by hand"
        )
    labelled = [b for b in blocks if b.label]
    if len({label_key(b.label) for b in labelled if b.label}) >= 2:
        return _speaker_turns(blocks, path)
    if sum(b.bold for b in blocks) >= 2:
        return _bold_turns(blocks, path)
    raise PageRefused(
        path, "no Q&A structure: the article has neither bold questions nor speaker labels in bold; convert it by hand"
    )


def _speaker_turns(blocks: list[Block], path) -> tuple[list[str], list[PageTurn]]:
    first = next(i for i, b in enumerate(blocks) if b.label)
    lead = lead_paragraphs(blocks[:first])
    turns: list[PageTurn] = []
    for block in blocks[first:]:
        if block.label:
            turns.append(PageTurn(None, block.label, (LEADING_DASH.sub("", block.rest or ""),)))
        elif block.bold:
            raise PageRefused(
                path,
                f"bold paragraph «{shorten(block.text, 60)}» between speaker-labelled turns: a heading or a turn? convert it by hand",
            )
        else:
            last = turns[-1]
            turns[-1] = PageTurn(None, last.label, last.paragraphs + (block.text,))
    return lead, turns


def _bold_turns(blocks: list[Block], path) -> tuple[list[str], list[PageTurn]]:
    """Bold paragraphs (or, on pages without them, headings) ask; the plain blocks after each answer."""
    kind = "p" if sum(b.bold and b.kind == "p" for b in blocks) >= 2 else "head"
    # Many sites set the lead (standfirst) in bold: a bold first paragraph that is not a question is lead; so
    # is a subtitle heading above the first bold question.
    start = 1 if blocks[0].bold and blocks[0].kind == "p" and not blocks[0].text.endswith("?") else 0
    first = next((i for i in range(start, len(blocks)) if blocks[i].bold and blocks[i].kind == kind), None)
    if first is None or sum(b.bold for b in blocks[first:]) < 2:
        raise PageRefused(path, "no Q&A structure: fewer than two bold questions after the lead; convert it by hand")
    if len({b.kind for b in blocks[first:] if b.bold}) > 1:
        raise PageRefused(
            path, "both headings and bold paragraphs after the lead: section titles or questions? convert it by hand"
        )
    lead = lead_paragraphs(blocks[:first])
    turns: list[PageTurn] = []
    for block in blocks[first:]:
        role = QUESTION if block.bold else ANSWER
        if turns and turns[-1].role == role:  # a question or an answer of several paragraphs
            turns[-1] = PageTurn(role, None, turns[-1].paragraphs + (block.text,))
        else:
            turns.append(PageTurn(role, None, (LEADING_DASH.sub("", block.text),)))
    if turns[-1].role == QUESTION:
        raise PageRefused(
            path,
            f"the last bold paragraph («{shorten(turns[-1].paragraphs[0], 60)}») has no answer after it; convert it by hand",
        )
    return lead, turns


def check_first_speaker(turns: list[PageTurn], author: str | None, path) -> None:
    """The parser lets the first speaker ask unless a label names the interviewer (`Корр.:`). When the page's
    author speaks under another label later, the first speaker is a guest: refuse rather than swap the roles."""
    labels = [label_key(t.label) for t in turns if t.label]
    if not labels or not author or any(label in INTERVIEWER_LABELS for label in labels):
        return
    names = set(label_key(author).split())
    author_labels = [
        label for label in dict.fromkeys(labels) if set(label.split()) <= names or label == label_key(author)
    ]
    if author_labels and labels[0] not in author_labels:
        raise PageRefused(
            path,
            f"the first speaker «{turns[0].label}» is not the page's author ({author}), who speaks "
            "later: who asks? convert it by hand",
        )
