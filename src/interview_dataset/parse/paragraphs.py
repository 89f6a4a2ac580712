"""Lines → paragraphs. Usually one line is one paragraph; a text that separates paragraphs with blank lines and
wraps the lines inside them (a copy from an archive) has the block between blank lines as its paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

#: A line ending in one of these ends a sentence; a hard-wrapped line mostly ends mid-sentence.
_SENTENCE_END = tuple('.!?…:;»"”)')


@dataclass(frozen=True)
class Line:
    """One line: its 1-based number and the offsets of its content (line break excluded)."""

    number: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """Consecutive non-blank lines read as one paragraph."""

    lines: tuple[Line, ...]

    @property
    def number(self) -> int:
        return self.lines[0].number

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def last_text(self) -> str:
        return self.lines[-1].text


def paragraphs_of(lines: list[Line], starts: set[int], joined: set[int]) -> list[Paragraph]:
    """The paragraphs of the body's lines. `starts` are indexes of lines that open a paragraph whatever the
    layout (a line with a turn marker); `joined` are lines that always continue the line before (the dash line
    under a speaker's name)."""
    blocks, current = [], []
    for i, line in enumerate(lines):
        if line.text.strip():
            current.append(i)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    wrapped = hard_wrapped([[lines[i] for i in block] for block in blocks])
    paragraphs: list[list[Line]] = []
    for block in blocks:
        for n, i in enumerate(block):
            opens = n == 0 or i in starts or (not wrapped and i not in joined)
            if opens:
                paragraphs.append([lines[i]])
            else:
                paragraphs[-1].append(lines[i])
    return [Paragraph(tuple(p)) for p in paragraphs]


def hard_wrapped(blocks: list[list[Line]]) -> bool:
    """Whether blank lines separate the paragraphs and lines are wrapped inside them: at least three blocks,
    and most line ends inside the blocks fall mid-sentence."""
    inner_ends = [line.text.rstrip() for block in blocks for line in block[:-1]]
    if len(blocks) < 3 or not inner_ends:
        return False
    mid_sentence = sum(not end.endswith(_SENTENCE_END) for end in inner_ends)
    return mid_sentence * 2 > len(inner_ends)
