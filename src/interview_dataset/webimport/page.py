"""A saved web page (HTML) → a source text in our format and a draft sidecar: `interview-dataset import`.

trafilatura finds the article and its metadata (title, site name, author, canonical address) and keeps bold and
headings; htmldate finds the publication date. This module does only the interview-specific part: it reads the
turns from the markup (bold paragraphs alternating with plain ones, or speaker labels in bold), writes them with
markers the parser already knows, and checks its own output with that parser, so a page whose structure is
unclear is refused with one line rather than converted into wrong roles. No network is ever used: the libraries
get the page's text, never an address.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from interview_dataset import __version__
from interview_dataset.errors import InterviewDatasetError, MissingExtra, SourceError
from interview_dataset.files import write_atomic
from interview_dataset.parse.interview import (
    ANSWER,
    INTERVIEWER_LABELS,
    QUESTION,
    Interview,
    interview_from_text,
    label_key,
)
from interview_dataset.text import shorten

#: Pages bigger than this are refused: saved article pages are a few hundred KB to a few MB.
MAX_PAGE_BYTES = 20 * 1024 * 1024

#: A speaker label: up to four words and 40 characters, as in `<b>Айгуль Куспан:</b>` or `<b>Корр.</b> —`.
MAX_LABEL_WORDS, MAX_LABEL_CHARS = 4, 40
# A paragraph's own dash before a turn ("— Как вы…?") is the page's turn marker; ours replaces it.
_LEADING_DASH = re.compile(r"^[-\u2013\u2014]\s+")
# What may stand between a bold label and the turn's text: a colon, or a dash.
_LABEL_SEPARATOR = re.compile(r"^\s*(?::|[-\u2013\u2014](?=\s))\s*")
# A byline closing the article ("Беседовала Анна Иванова"): not a turn; it names the interviewer.
_BYLINE = re.compile(
    r"^(?:Беседовал[аи]?|Сұхбаттасқан|Сұхбатты жүргізген|Interviewed by|Interview by)\s*:?\s+(?P<name>.+?)\.?$"
)
# A day number and a year near each other: the visible date htmldate's text search must rest on.
_NEAR = 24


class PageRefused(InterviewDatasetError):
    """A page that cannot be converted honestly; `str()` is the one line `page: what is wrong`."""

    def __init__(self, path: str | Path, message: str):
        super().__init__(str(path), message)
        self.path, self.message = str(path), message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Block:
    """One block of the extracted article: its text, and what its markup says about it.

    `kind` is "p", "head" or "list"; `bold` is true when all of a paragraph's text is bold; `label` and `rest`
    are set when the paragraph opens with a bold speaker label (`<b>Name:</b> rest`).
    """

    kind: str
    text: str
    bold: bool = False
    label: str | None = None
    rest: str | None = None
    bold_prefix: str | None = None


@dataclass(frozen=True)
class PageTurn:
    """A turn as the page gives it: role (None when the parser decides it from labels), label, paragraphs."""

    role: str | None
    label: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Converted:
    """A converted page: the file name stem (interview id), the source text and the draft sidecar text."""

    stem: str
    source: str
    sidecar: str


@dataclass
class ImportReport:
    """What `import_pages` did: the files it wrote, and one line per refused page."""

    written: list[Path]
    refused: list[str]


def import_pages(
    pages: list[str | Path],
    sources_dir: str | Path,
    *,
    url: str | None = None,
    date: str | None = None,
    title: str | None = None,
    force: bool = False,
) -> ImportReport:
    """Convert each saved page and write `<id>.txt` and `<id>.yaml` into sources_dir.

    A refused page writes nothing and adds its line to the report; the other pages go on. `url`, `date` and
    `title` describe one page, so they are refused with several.
    """
    require_extra()
    report = ImportReport([], [])
    if len(pages) > 1 and (url or date or title):
        report.refused.append(
            f"{pages[0]}: --url, --date and --title describe one page; import the pages one at a time to pass them"
        )
        return report
    sources_dir = Path(sources_dir)
    written_by: dict[str, str | Path] = {}
    for page in pages:
        try:
            converted = convert_page(read_page(page), page, url=url, date=date, title=title)
            if converted.stem in written_by:  # --force must not let a later page replace an earlier one
                raise PageRefused(
                    page,
                    f"gives the same interview id {converted.stem!r} as {written_by[converted.stem]}; import it on its own",
                )
            report.written += write_converted(converted, sources_dir, page, force)
            written_by[converted.stem] = page
        except PageRefused as error:
            report.refused.append(str(error))
    return report


def require_extra() -> None:
    """Fail early, with the extra to install, when the libraries of the `import` extra are missing."""
    try:
        import htmldate  # noqa: F401
        import trafilatura  # noqa: F401
    except ImportError as error:
        raise MissingExtra("import", "import", error.name) from None


def read_page(path: str | Path) -> bytes:
    """The bytes of a saved page; a missing, non-regular or oversized file is refused."""
    path = Path(path)
    if not path.exists():
        raise PageRefused(path, "no such file (a saved page is read from disk; addresses are never fetched)")
    if not path.is_file():
        raise PageRefused(path, "is not a regular file; name the saved page itself")
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        raise PageRefused(path, f"is {size:,} bytes, over the limit of {MAX_PAGE_BYTES:,} bytes for a saved page")
    data = path.read_bytes()
    if not data.strip():
        raise PageRefused(path, "is empty; save the page again")
    return data


def convert_page(
    data: bytes,
    path: str | Path = "<page>",
    *,
    url: str | None = None,
    date: str | None = None,
    title: str | None = None,
) -> Converted:
    """One page's bytes → the source text and draft sidecar; PageRefused when it can't be done honestly."""
    from trafilatura.utils import decode_file

    if url is not None and not _url(url):
        raise PageRefused(path, f"--url {url!r} is not an address starting with http:// or https://")
    html = _one_article(decode_file(data), path, title)
    body, meta = _extract(html, path)
    title = title or _title(meta, path)
    date = _checked_date(date, path) if date else _page_date(html, path)
    blocks = _without_furniture(_without_headline(_blocks(body), title))
    blocks, byline = _without_byline(blocks)
    lead, turns = _structure(blocks, path)
    author = meta.author or byline
    _check_first_speaker(turns, author, path)
    language = _language(html)
    text = source_text(date, title, lead, turns, language)
    interview = _check_parse(text, lead, turns, path)
    interviewees = _suggested_interviewees(interview)
    page_url = url or _url(meta.url)
    outlet = meta.sitename or _host(page_url)
    if not outlet:
        raise PageRefused(path, "no site name or canonical address on the page to name the outlet; pass --url")
    stem = _stem(date, outlet, interviewees, title)
    n_exchanges = sum(turn.role == QUESTION for turn in interview.turns)
    sidecar = sidecar_text(data, outlet, page_url, language, author, interviewees, n_exchanges)
    return Converted(stem, text, sidecar)


def write_converted(converted: Converted, sources_dir: Path, page: str | Path, force: bool) -> list[Path]:
    """Write the source and its sidecar; an existing one is replaced only with force. Atomic per file."""
    text_path = sources_dir / f"{converted.stem}.txt"
    sidecar_path = sources_dir / f"{converted.stem}.yaml"
    if not force:
        for existing in (text_path, sidecar_path):
            if existing.exists():
                raise PageRefused(page, f"{existing} already exists; pass --force to replace it")
    if not sources_dir.is_dir():
        raise PageRefused(page, f"sources folder {sources_dir} does not exist")
    for target, content in ((text_path, converted.source), (sidecar_path, converted.sidecar)):
        write_atomic(target, content)
    return [text_path, sidecar_path]


# --- the article and its metadata --------------------------------------------------------------------------

#: An <article> with this much paragraph text is a candidate interview, not a teaser card of related links.
CANDIDATE_MIN_CHARS = 200


def _one_article(html: str, path, title: str | None) -> str:
    """The page with one article: two substantial <article> elements are refused unless --title picks one."""
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        raise PageRefused(path, "not an HTML page") from None
    outer = [a for a in tree.iter("article") if not any(p.tag == "article" for p in a.iterancestors())]
    candidates = [a for a in outer if sum(len(p.text_content()) for p in a.iter("p")) >= CANDIDATE_MIN_CHARS]
    if len(candidates) < 2:
        return html
    headlines = [_headline(a) for a in candidates]
    if title:
        chosen = [a for a, h in zip(candidates, headlines) if h and _same(h, title)]
        if len(chosen) == 1:
            for other in candidates:
                if other is not chosen[0]:
                    other.drop_tree()
            return lxml.html.tostring(tree, encoding="unicode")
    named = ", ".join(f"«{h}»" if h else "(no headline)" for h in headlines)
    raise PageRefused(
        path, f"{len(candidates)} candidate articles ({named}); pass --title with the headline of the one to import"
    )


def _headline(article) -> str | None:
    for tag in ("h1", "h2", "h3"):
        for heading in article.iter(tag):
            return _clean(heading.text_content())
    return None


def _same(a: str, b: str) -> bool:
    return label_key(a) == label_key(b)


def _extract(html: str, path):
    """trafilatura's main text (as an XML tree with bold, headings and lists) and its metadata."""
    import trafilatura

    def extract(tables: bool):
        return trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_formatting=True,
            include_comments=False,
            include_tables=tables,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )

    document = extract(tables=False)
    # On pages laid out in tables (older sites) trafilatura falls back to an extractor that drops bold;
    # with tables kept, its own extractor runs and keeps it.
    if document is not None and document.body is not None and not _has_formatting(document.body):
        with_tables = extract(tables=True)
        if with_tables is not None and with_tables.body is not None and _has_formatting(with_tables.body):
            document = with_tables
    if document is None or document.body is None:
        raise PageRefused(path, "no article text found on the page; convert it by hand")
    for line_break in document.body.iter("lb"):  # <br>: a space, so "Вопрос?<br>Ответ" keeps its words apart
        line_break.tail = " " + (line_break.tail or "")
    return document.body, document


def _has_formatting(body) -> bool:
    return any(element.tag in ("hi", "head") for element in body.iter())


def _title(meta, path) -> str:
    title = _clean(meta.title or "")
    site = meta.sitename
    if site:  # "<headline> — <site>" in <title>: the site is not part of the headline
        title = re.sub(rf"\s*[|\u2014\u2013-]\s*{re.escape(site)}\s*$", "", title, flags=re.I)
    if not title:
        raise PageRefused(path, "no title found on the page; pass --title")
    return title


def _url(url: str | None) -> str | None:
    return url if url and re.match(r"^https?://", url) else None


def _host(url: str | None) -> str | None:
    """The host of an address without `www.`, as the outlet's name where the page gives no site name."""
    match = re.match(r"^https?://(?:www\.)?([^/:?#]+)", url or "")
    return match.group(1).lower() if match else None


def _language(html: str) -> str | None:
    """The page's declared language (`<html lang="ru-RU">` → "ru"), or None; never guessed from the text."""
    match = re.search(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", html[:4096], re.I)
    return match.group(1).lower() if match else None


# --- the publication date ----------------------------------------------------------------------------------


def _checked_date(raw: str, path) -> str:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            raise ValueError
        datetime.date.fromisoformat(raw)
    except ValueError:
        raise PageRefused(path, f"--date {raw!r} is not a real date in the form YYYY-MM-DD") from None
    return raw


def _page_date(html: str, path) -> str:
    """The publication date: from the page's markup (meta tags, <time>, structured data) if it states one, else
    from a visible date such as «21 ақпан 2025» — but only when that day and year stand together on the page,
    because htmldate's text search falls back to a bare year or month (as 2025-01-01) when it finds no day."""
    import htmldate

    found = htmldate.find_date(_date_tree(html), extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    if found is None:
        found = htmldate.find_date(_date_tree(html), extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
        if found is not None and not _day_and_year_on_page(html, found):
            found = None
    if found is None:
        raise PageRefused(path, "no publication date found on the page; pass --date YYYY-MM-DD")
    return found


def _date_tree(html: str):
    """A fresh tree of the page for htmldate (which edits the tree it gets, and would fetch a string that looks
    like an address), without the page's own address: an address often has only year and month
    (/2008/12/slug), which htmldate returns as the 1st of the month."""
    import lxml.html

    tree = lxml.html.document_fromstring(html)
    for element in tree.xpath('//link[@rel="canonical"] | //meta[@property="og:url"]'):
        element.drop_tree()
    return tree


def _day_and_year_on_page(html: str, iso: str) -> bool:
    year, _, day = iso.split("-")
    pattern = rf"(?<!\d)0?{int(day)}(?!\d).{{0,{_NEAR}}}(?<!\d){year}(?!\d)|(?<!\d){year}(?!\d).{{0,{_NEAR}}}(?<!\d)0?{int(day)}(?!\d)"
    return re.search(pattern, re.sub(r"<[^>]*>", " ", html), re.S) is not None


# --- blocks of the article -----------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """One paragraph as one line: runs of spaces, tabs and line breaks become one space (hard wraps undone);
    no-break spaces are kept, as the parser reads them as spaces."""
    return re.sub(r"[ \t\r\n\f\v\u2028\u2029]+", " ", text).strip(" ")


def _blocks(body) -> list[Block]:
    """The article's paragraphs, headings and lists in order, each classified by its markup."""
    blocks: list[Block] = []
    for element in body:
        if element.tag in _CONTAINERS and any(child.tag in _BLOCKS for child in element):
            blocks += _blocks(element)
        elif element.tag == "list":
            items = [_clean("".join(item.itertext())) for item in element.iter("item")]
            items = [f"\u2022 {item}" for item in items if item]
            if items:
                blocks.append(Block("list", "\n".join(items)))
        elif element.tag == "head":
            text = _clean("".join(element.itertext()))
            if text:
                blocks.append(Block("head", text, bold=True))
        else:
            block = _paragraph(element)
            if block is not None:
                blocks.append(block)
    return blocks


#: Elements of trafilatura's output that hold blocks rather than text (a table layout's rows and cells).
_CONTAINERS = {"table", "row", "cell", "div", "quote"}
_BLOCKS = _CONTAINERS | {"p", "head", "list"}


def _is_bold(element) -> bool:
    return element.tag == "hi" and "#b" in (element.get("rend") or "")


def _paragraph(element) -> Block | None:
    text = _clean("".join(element.itertext()))
    if not text:
        return None
    if not _clean(_plain_text(element)):
        return Block("p", text, bold=True)
    prefix, rest = _bold_prefix(element)
    if not prefix:
        return Block("p", text)
    label, rest = _split_label(prefix, rest)
    if label and rest:
        return Block("p", text, label=label, rest=rest)
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


def _plain_text(element) -> str:
    """The text of an element that is not inside bold (tails of bold runs included)."""
    parts = [element.text or ""]
    for child in element:
        if not _is_bold(child):
            parts.append(_plain_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _bold_prefix(element) -> tuple[str, str]:
    """(bold text, rest) of a paragraph that opens with bold runs, adjacent runs joined (`<b>S</b><b>unshine:</b>`
    is one label); ("", text) when it does not open with bold."""
    if _clean(element.text or "") or len(element) == 0 or not _is_bold(element[0]):
        return "", _clean("".join(element.itertext()))
    runs, position = [], 0
    for position, child in enumerate(element):
        if not _is_bold(child):
            position -= 1
            break
        runs.append("".join(child.itertext()))
        if _clean(child.tail or ""):
            break
        runs.append(child.tail or "")  # the space between `<b>Айдар</b> <b>Сеитов</b>`
    last = element[position]
    rest = (last.tail or "") + "".join(
        "".join(child.itertext()) + (child.tail or "") for child in element[position + 1 :]
    )
    return _clean("".join(runs)), _clean(rest)


def _looks_like_label(label: str) -> bool:
    """Short enough to name a speaker, and not a sentence: an abbreviation such as `Корр.` may end in a dot."""
    words = label.split()
    if not words or len(words) > MAX_LABEL_WORDS or len(label) > MAX_LABEL_CHARS or label.endswith(("?", "!")):
        return False
    return not label.endswith(".") or (len(words) == 1 and len(label) <= 6)


# Page furniture that survives extraction on some pages: counters with their number, reading time, captions and
# "read also" lines by their opening words. Narrow on purpose: a short answer such as "That is my view." stays.
_FURNITURE = re.compile(
    r"(?i)^(?:фото|photo|сурет|иллюстрация|читайте также|read more|see also|тақырыпқа қатысты)\s*[:—–-]"
    r"|(?:просмотр\w*|қаралым\w*|views?|время чтения|оқу уақыты)\s*:?\s*\d"
    r"|\d[\d\s\u00a0,.]*\s*(?:просмотр\w*|views|min read|мин\.? чтения)\b"
    r"|^версия для печати$"
)
FURNITURE_MAX_CHARS = 120


def _without_furniture(blocks: list[Block]) -> list[Block]:
    """Drop short plain paragraphs that are page furniture (`Просмотров: 877`, `Фото: …`, `6 min read`); a line
    that ends as a sentence does is text ("In 2024 views changed.")."""
    return [b for b in blocks if not _is_furniture(b)]


def _is_furniture(block: Block) -> bool:
    if block.bold or block.label or len(block.text) > FURNITURE_MAX_CHARS or block.text.endswith((".", "!", "?", "…")):
        return False
    return _FURNITURE.search(block.text) is not None


def _lead_paragraphs(blocks: list[Block]) -> list[str]:
    """The lead: headings (a subtitle) and paragraphs before the first turn that end as sentences do. A line
    that does not (a date widget, a menu, a byline with a counter) is page furniture, not lead."""
    return [b.text for b in blocks if b.kind == "head" or b.text.rstrip().endswith(_SENTENCE_ENDS)]


_SENTENCE_ENDS = (".", "!", "?", "…", "»", '"', "”", ":", ";", ")")


def _without_headline(blocks: list[Block], title: str) -> list[Block]:
    """Drop the headline repeated inside the article text (the title is the header line already)."""
    return [b for b in blocks if not (b.kind != "list" and _same(b.text, title))]


def _without_byline(blocks: list[Block]) -> tuple[list[Block], str | None]:
    """A closing byline ("Беседовала Анна Иванова") is not a turn; its name is the interviewer's."""
    if blocks and blocks[-1].kind == "p":
        match = _BYLINE.match(blocks[-1].text)
        if match:
            return blocks[:-1], match.group("name")
    return blocks, None


# --- turns from the blocks -------------------------------------------------------------------------------------


def _structure(blocks: list[Block], path) -> tuple[list[str], list[PageTurn]]:
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
    lead = _lead_paragraphs(blocks[:first])
    turns: list[PageTurn] = []
    for block in blocks[first:]:
        if block.label:
            turns.append(PageTurn(None, block.label, (_LEADING_DASH.sub("", block.rest or ""),)))
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
    lead = _lead_paragraphs(blocks[:first])
    turns: list[PageTurn] = []
    for block in blocks[first:]:
        role = QUESTION if block.bold else ANSWER
        if turns and turns[-1].role == role:  # a question or an answer of several paragraphs
            turns[-1] = PageTurn(role, None, turns[-1].paragraphs + (block.text,))
        else:
            turns.append(PageTurn(role, None, (_LEADING_DASH.sub("", block.text),)))
    if turns[-1].role == QUESTION:
        raise PageRefused(
            path,
            f"the last bold paragraph («{shorten(turns[-1].paragraphs[0], 60)}») has no answer after it; convert it by hand",
        )
    return lead, turns


def _check_first_speaker(turns: list[PageTurn], author: str | None, path) -> None:
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


# --- the source text and the sidecar -------------------------------------------------------------------------

#: Question and answer markers by the page's language: labels the parser reads unambiguously.
QA_MARKERS = {"ru": ("Вопрос: ", "Ответ: ")}
DEFAULT_QA_MARKERS = ("Q: ", "A: ")


def source_text(date: str, title: str, lead: list[str], turns: list[PageTurn], language: str | None) -> str:
    """The source in our format: header, lead paragraphs, then one line per paragraph with a turn marker on
    the first paragraph of each turn (`Name: ` for speaker labels, else `Вопрос: `/`Ответ: ` or `Q: `/`A: `)."""
    question, answer = QA_MARKERS.get(language or "", DEFAULT_QA_MARKERS)
    lines = [f" date {date} {title}", *lead]
    for turn in turns:
        marker = f"{turn.label}: " if turn.label else (question if turn.role == QUESTION else answer)
        lines.append(marker + turn.paragraphs[0])
        lines.extend(turn.paragraphs[1:])
    return "\n".join(lines) + "\n"


def _check_parse(text: str, lead: list[str], turns: list[PageTurn], path) -> Interview:
    """The parser must read exactly the page's lead and turns back: else a paragraph of the page looks like a
    turn marker (or a label is one the parser does not take), and writing the file would give wrong turns."""
    try:
        parsed = interview_from_text(text, str(path))
    except SourceError as error:
        raise PageRefused(path, f"the converted text does not parse ({error.message}); convert it by hand") from None
    same = (
        (parsed.lead or None) == ("\n".join(lead) or None)
        and len(parsed.turns) == len(turns)
        and all(
            got.text == "\n".join(want.paragraphs)
            and (want.role is None or got.role == want.role)
            and (want.label is None or got.label == want.label)
            for got, want in zip(parsed.turns, turns)
        )
    )
    if not same:
        raise PageRefused(
            path,
            f"the parser reads {len(parsed.turns)} turns where the page has {len(turns)}, or other "
            "ones: a paragraph looks like a turn marker; convert it by hand",
        )
    return parsed


def _suggested_interviewees(interview: Interview) -> list[str]:
    """Who answers, as the page names them: the answering speakers' labels, or the name beside a verb of
    speaking in the lead. A suggestion for a person to check, never used as a fact."""
    if interview.convention == "labels-speaker":
        return list(dict.fromkeys(" ".join(t.label.split()) for t in interview.turns if t.role == ANSWER and t.label))
    return [interview.interviewee_in_lead] if interview.interviewee_in_lead else []


def sidecar_text(
    data: bytes,
    outlet: str,
    url: str | None,
    language: str | None,
    author: str | None,
    interviewees: list[str],
    n_exchanges: int,
) -> str:
    """The draft sidecar: what the page states, the conversion's provenance, and comments for the reviewer."""
    import htmldate
    import trafilatura

    lines = [
        "# Draft written by `interview-dataset import` from a saved web page: check every value against the page.",
        f"# Topics are left for a person: add `topics:` with one slug from schema/topics.yaml per exchange ({n_exchanges}).",
        "converted_from: html",
        f"page_sha256: {hashlib.sha256(data).hexdigest()}",
        f"importer_version: {_scalar(f'interview-dataset {__version__} (trafilatura {trafilatura.__version__}, htmldate {htmldate.__version__})')}",
        f"outlet: {_scalar(outlet)}",
        f"url: {_scalar(url)}",
        f"language: {_scalar(language)}",
    ]
    person_id = slug(author or "")
    if author and person_id:
        lines += [
            "interviewer:  # the page's author; check that the author asked the questions",
            f"  id: {person_id}",
            f"  name: {_scalar(author)}",
        ]
    else:
        lines.append("# interviewer: not stated on the page")
    if interviewees:
        lines.append(
            "suggested_interviewees:  # review: read from the page; copy to interviewees with an id once checked"
        )
        lines += [f"  - {_scalar(name)}" for name in interviewees]
    return "\n".join(lines) + "\n"


def _scalar(value: str | None) -> str:
    """A YAML scalar: plain where YAML reads it back unchanged, else double-quoted."""
    if value is None:
        return "null"
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value} and "#" not in value:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)  # JSON's double-quoted strings are YAML's


# --- names for files and ids -------------------------------------------------------------------------------------

_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "iu",
            "ia",
            "a",
            "g",
            "q",
            "n",
            "o",
            "u",
            "u",
            "h",
            "i",
        ],
    )
)


def slug(text: str, max_words: int | None = None) -> str:
    """Lowercase a-z/0-9 words joined by single hyphens; Cyrillic (Russian, Kazakh) transliterated."""
    latin = "".join(_LATIN.get(c, c) for c in text.casefold())
    words = re.findall(r"[a-z0-9]+", latin)
    return "-".join(words[:max_words] if max_words else words)


def _stem(date: str, outlet: str, interviewees: list[str], title: str) -> str:
    """`<date>-<outlet>-<slug>`: the slug is the first interviewee's surname, else the title's first words."""
    name = slug(interviewees[0].split()[-1]) if interviewees else ""
    return "-".join(part for part in (date, slug(outlet), name or slug(title, max_words=4)) if part)
