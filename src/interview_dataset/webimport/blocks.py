"""The article as a sequence of blocks, each classified by its markup; page furniture, headline and byline left out."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from interview_dataset.parse.interview import label_key

#: A speaker label: up to four words and 40 characters, as in `<b>Айгуль Куспан:</b>` or `<b>Корр.</b> —`.
MAX_LABEL_WORDS, MAX_LABEL_CHARS = 4, 40
#: A label with the speaker's title before the name, as transcripts print a person's first turn.
MAX_LONG_LABEL_WORDS = 14
# A paragraph's own dash before a turn ("— Как вы…?") is the page's turn marker; ours replaces it. Spanish sets
# the dash against the turn's first word ("—¿De qué…?", "-Siempre…"): a dash right before a letter or an opening
# mark is the marker too (a dash before a digit, "-5 degrees", is not); so is a dash typed twice ("—-En mi caso").
LEADING_DASH = re.compile(r"^[-\u2013\u2014]{1,2}(?:\s+|(?=[^\W\d_]|[¿¡«\"“„(]))")
# What may stand between a bold label and the turn's text: a colon, or a dash.
_LABEL_SEPARATOR = re.compile(r"^\s*(?::|[-\u2013\u2014](?=\s))\s*")


@dataclass(frozen=True)
class Block:
    """One block of the extracted article: its text, and what its markup says about it.

    `kind` is "p", "head" or "list"; `bold` is true when all of a paragraph's text is bold; `label` and `rest`
    are set when the paragraph opens with a bold speaker label (`<b>Name:</b> rest`); `long_label` (with `rest`)
    when the bold opening ends with a colon but is too long for a label on its own, as in `<b>President of
    Russia Vladimir Putin:</b>`, which speakerlabels.py reads against the page's short labels; `outlet_label`
    when the label is the outlet's own («СГ»:, outletlabels.py): the interviewer's; `italic` when all of a
    paragraph's text is in italics and none in bold; `teaser` when the page printed the paragraph as one link and
    nothing else (a "read also" teaser of another article, article.py).
    """

    kind: str
    text: str
    bold: bool = False
    level: int | None = None
    label: str | None = None
    rest: str | None = None
    bold_prefix: str | None = None
    long_label: str | None = None
    outlet_label: bool = False
    italic: bool = False
    teaser: bool = False

    @property
    def asks(self) -> bool:
        """The block's text ends as a question does."""
        return self.text.rstrip(" \u00a0\"'»”)").endswith("?")


# --- blocks of the article -----------------------------------------------------------------------------------


def clean(text: str) -> str:
    """One paragraph as one line: runs of spaces, tabs and line breaks become one space (hard wraps undone);
    no-break spaces are kept, as the parser reads them as spaces, but not at the end of a text, where the parser
    drops them (a lone one, before a bold run, is kept: it is text before the bold)."""
    cleaned = re.sub(r"[ \t\r\n\f\v\u2028\u2029]+", " ", text).strip(" ")
    return cleaned.rstrip() if cleaned.strip() else cleaned


def blocks_of(body, openers: frozenset[str] | None = None) -> list[Block]:
    """The article's paragraphs, headings and lists in order, each classified by its markup. A paragraph is split
    before a bold label inside it that opens other paragraphs of the page (`… this question. <b>Question:</b> No,
    I did not …`): a turn the page ran into the one before."""
    if openers is None:
        openers = _opening_labels(body)
    blocks: list[Block] = []
    for element in body:
        if element.tag in _CONTAINERS and any(child.tag in _BLOCKS for child in element):
            blocks += blocks_of(element, openers)
        elif element.tag == "p" and openers:
            blocks += [b for part in _split_at_labels(element, openers) if (b := _paragraph(part)) is not None]
        elif element.tag == "list":
            items = [clean("".join(item.itertext())) for item in element.iter("item")]
            items = [f"\u2022 {item}" for item in items if item]
            if items:
                blocks.append(Block("list", "\n".join(items)))
        elif element.tag == "head":
            text = clean("".join(element.itertext()))
            level = re.fullmatch(r"h([1-6])", element.get("rend") or "")
            if text:
                blocks.append(Block("head", text, bold=True, level=int(level.group(1)) if level else None))
        else:
            block = _paragraph(element)
            if block is not None:
                blocks.append(block)
    return blocks


def _opening_labels(body) -> frozenset[str]:
    """The label keys that open paragraphs of the article in bold (`<b>Question:</b> …`)."""
    found = set()
    for element in body.iter("p"):
        prefix, rest = _bold_prefix(element)
        label, after = _split_label(prefix, rest) if prefix else (None, "")
        if label and after:
            found.add(label_key(label))
    return frozenset(found)


def _split_at_labels(element, openers: frozenset[str]) -> list:
    """The paragraph, cut before each bold run after its opening that is `Label:` with a label of `openers`."""
    opens = not (element.text or "").strip()  # a first run with no text before it opens the paragraph: no cut
    cuts = [k for k, child in enumerate(element) if (k or not opens) and _inner_label(child, openers)]
    if not cuts:
        return [element]
    parts, bounds = [], [0, *cuts, len(element)]
    for start, end in zip(bounds, bounds[1:]):
        part = copy.copy(element)
        for child in list(part):
            part.remove(child)
        part.text = element.text if start == 0 else None
        part.tail = None
        for child in element[start:end]:
            part.append(copy.deepcopy(child))
        parts.append(part)
    return parts


def _inner_label(run, openers: frozenset[str]) -> bool:
    if not _is_bold(run):
        return False
    text = clean("".join(run.itertext()))
    return text.endswith(":") and label_key(text[:-1]) in openers and _looks_like_label(text[:-1].strip())


#: Elements of trafilatura's output that hold blocks rather than text (a table layout's rows and cells).
_CONTAINERS = {"table", "row", "cell", "div", "quote"}
_BLOCKS = _CONTAINERS | {"p", "head", "list"}


def _is_bold(element) -> bool:
    return element.tag == "hi" and "#b" in (element.get("rend") or "")


def _is_italic(element) -> bool:
    return element.tag == "hi" and "#i" in (element.get("rend") or "")


def _paragraph(element) -> Block | None:
    text = clean("".join(element.itertext()))
    if not text:
        return None
    if not clean(_plain_text(element)):
        return Block("p", text, bold=True)
    if not clean(_plain_text(element, _is_italic)):
        return Block("p", text, italic=True)
    prefix, rest = _bold_prefix(element)
    if not prefix:
        return Block("p", text)
    label, after = _split_label(prefix, rest)
    if label and after:
        return Block("p", text, label=label, rest=after)
    # A bold opening too long for a label, then a colon inside the bold or just after it.
    colon = re.match(r"^\s*:\s*", rest)
    long_label = prefix.rstrip().removesuffix(":").strip() if prefix.rstrip().endswith(":") or colon else None
    after = rest[colon.end() :] if colon else rest
    if long_label and after and len(long_label.split()) <= MAX_LONG_LABEL_WORDS and not long_label.endswith("?"):
        return Block("p", text, bold_prefix=prefix, long_label=long_label, rest=after)
    return Block("p", text, bold_prefix=prefix)


def _split_label(prefix: str, rest: str) -> tuple[str | None, str]:
    """(label, turn text) when a bold prefix is a speaker label: `Name:` in bold, or `Name` in bold followed
    by a colon or a dash (`<strong>Name</strong> — text`); (None, rest) when it is emphasis."""
    separator = _LABEL_SEPARATOR.match(rest)
    if re.search(r"\s*(?::|\s[-\u2013\u2014])$", prefix):  # `Name:` or `Name —` inside the bold
        label = re.sub(r"\s*(?::|\s[-\u2013\u2014])$", "", prefix)
    elif separator and separator.group().strip():
        label, rest = prefix, rest[separator.end() :]
    else:
        return None, rest
    return (label, rest) if _looks_like_label(label) else (None, rest)


def _plain_text(element, emphasis=_is_bold) -> str:
    """The text of an element that is not inside bold (or another emphasis; tails of its runs included)."""
    parts = [element.text or ""]
    for child in element:
        if not emphasis(child):
            parts.append(_plain_text(child, emphasis))
        parts.append(child.tail or "")
    return "".join(parts)


def _bold_prefix(element) -> tuple[str, str]:
    """(bold text, rest) of a paragraph that opens with bold runs, adjacent runs joined (`<b>S</b><b>unshine:</b>`
    is one label); ("", text) when it does not open with bold."""
    if clean(element.text or "") or len(element) == 0 or not _is_bold(element[0]):
        return "", clean("".join(element.itertext()))
    runs, position = [], 0
    for position, child in enumerate(element):
        if not _is_bold(child):
            position -= 1
            break
        runs.append("".join(child.itertext()))
        if clean(child.tail or ""):
            break
        runs.append(child.tail or "")  # the space between `<b>Айдар</b> <b>Сеитов</b>`
    last = element[position]
    rest = (last.tail or "") + "".join(
        "".join(child.itertext()) + (child.tail or "") for child in element[position + 1 :]
    )
    return clean("".join(runs)), clean(rest)


def _looks_like_label(label: str) -> bool:
    """Short enough to name a speaker, and not a sentence: an abbreviation such as `Корр.` may end in a dot."""
    words = label.split()
    if not words or len(words) > MAX_LABEL_WORDS or len(label) > MAX_LABEL_CHARS or label.endswith(("?", "!")):
        return False
    return not label.endswith(".") or (len(words) == 1 and len(label) <= 6)


def lead_paragraphs(blocks: list[Block]) -> list[str]:
    """The lead: headings (a subtitle) and paragraphs before the first turn that end as sentences do. A line
    that does not (a date widget, a menu, a byline with a counter) is page furniture, not lead."""
    return [b.text for b in blocks if b.kind == "head" or b.text.rstrip().endswith(SENTENCE_ENDS)]


SENTENCE_ENDS = (".", "!", "?", "…", "»", '"', "”", ":", ";", ")")


def same_text(a: str, b: str) -> bool:
    """The same words, whatever the case, spacing and punctuation around them (as labels are compared)."""
    return label_key(a) == label_key(b)


def without_headline(blocks: list[Block], title: str) -> list[Block]:
    """Drop the headline repeated inside the article text (the title is the header line already)."""
    return [b for b in blocks if not (b.kind != "list" and same_text(b.text, title))]
