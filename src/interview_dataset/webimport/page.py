"""A saved web page (HTML) → a source text in our format and a draft sidecar: `interview-dataset import`.

trafilatura finds the article and its metadata (title, site name, author, canonical address) and keeps bold and
headings; htmldate finds the publication date. This module does only the interview-specific part: it reads the
turns from the markup (bold paragraphs alternating with plain ones, or speaker labels in bold), writes them with
markers the parser already knows, and checks its own output with that parser, so a page whose structure is
unclear is refused with one line rather than converted into wrong roles. No network is ever used: the libraries
get the page's text, never an address.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from interview_dataset.files import write_atomic
from interview_dataset.parse.followups import EVERY_TURN_MARKED
from interview_dataset.parse.interview import (
    ANSWER,
    label_key,
)
from interview_dataset.text import shorten
from interview_dataset.webimport.article import asking_headings_left_out, extract_article, one_article, with_teasers
from interview_dataset.webimport.blocks import blocks_of, without_headline
from interview_dataset.webimport.bylines import without_byline
from interview_dataset.webimport.furniture import without_furniture
from interview_dataset.webimport.outletlabels import outlet_keys, with_outlet_labels
from interview_dataset.webimport.pagemeta import (
    checked_date,
    declared_language,
    host_of,
    page_date,
    page_title,
    page_url_or_none,
)
from interview_dataset.webimport.pageturns import Reading
from interview_dataset.webimport.publishers import labels_every_turn
from interview_dataset.webimport.reading import MAX_PAGE_BYTES, PageRefused, read_page, require_extra
from interview_dataset.webimport.turns import NO_STRUCTURE, check_first_speaker, structure
from interview_dataset.webimport.writing import (
    check_parse,
    parse_meta,
    sidecar_text,
    source_text,
    stem_of,
    suggested_interviewees,
)

__all__ = ["MAX_PAGE_BYTES", "PageRefused", "convert_page", "import_pages", "read_page"]


@dataclass(frozen=True)
class Converted:
    """A converted page: the file name stem (interview id), the source text, the draft sidecar text, and what
    was made of each block of the article (`import --explain`)."""

    stem: str
    source: str
    sidecar: str
    notes: tuple = ()


@dataclass
class ImportReport:
    """What `import_pages` did: the files it wrote, one line per refused page, and per page what was made of
    each block of its article (for `import --explain`)."""

    written: list[Path]
    refused: list[str]
    explained: list[str] = field(default_factory=list, compare=False)


def import_pages(
    pages: list[str | Path],
    sources_dir: str | Path,
    *,
    url: str | None = None,
    date: str | None = None,
    title: str | None = None,
    force: bool = False,
    every_turn_marked: bool = False,
) -> ImportReport:
    """Convert each saved page and write `<id>.txt` and `<id>.yaml` into sources_dir.

    A refused page writes nothing and adds its line to the report; the other pages go on. `url`, `date` and
    `title` describe one page, so they are refused with several. The report's `explained` holds, per page, a
    line for each block of its article: the role given and why (`import --explain`).
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
        notes: tuple = ()
        try:
            converted = convert_page(
                read_page(page), page, url=url, date=date, title=title, every_turn_marked=every_turn_marked
            )
            notes = converted.notes
            if converted.stem in written_by:  # --force must not let a later page replace an earlier one
                raise PageRefused(
                    page,
                    f"gives the same interview id {converted.stem!r} as {written_by[converted.stem]}; import it on its own",
                )
            report.written += write_converted(converted, sources_dir, page, force)
            written_by[converted.stem] = page
        except PageRefused as error:
            report.refused.append(str(error))
            notes = notes or tuple(error.notes)
        report.explained += [f"{page}:", *(str(note) for note in notes)]
    return report


def convert_page(
    data: bytes,
    path: str | Path = "<page>",
    *,
    url: str | None = None,
    date: str | None = None,
    title: str | None = None,
    every_turn_marked: bool = False,
) -> Converted:
    """One page's bytes → the source text and draft sidecar; PageRefused when it can't be done honestly.
    `every_turn_marked` is the user's word, after reading the page, that it opens every turn (follow-up questions
    too) with its speaker's label: the page alone cannot show that no question lost its label."""
    from trafilatura.utils import decode_file

    if url is not None and not page_url_or_none(url):
        raise PageRefused(path, f"--url {url!r} is not an address starting with http:// or https://")
    html = one_article(decode_file(data), path, title)
    body, meta = extract_article(html, path)
    title = title or page_title(meta, path)
    date = checked_date(date, path) if date else page_date(html, path)
    blocks = with_teasers(without_furniture(without_headline(blocks_of(body), title)), html)
    blocks, byline, byline_asked = without_byline(blocks)
    language = declared_language(html)
    page_url = url or page_url_or_none(meta.url)
    outlet = meta.sitename or host_of(page_url)
    blocks = with_outlet_labels(blocks, outlet_keys(meta.sitename, host_of(page_url)))
    try:
        reading = structure(blocks, path, language)
    except PageRefused as refusal:
        left_out = asking_headings_left_out(html, [b.text for b in blocks]) if NO_STRUCTURE in refusal.message else []
        if len(left_out) < 2:
            raise
        raise PageRefused(
            path,
            f"{NO_STRUCTURE}, but {len(left_out)} headings of the page ask («{shorten(left_out[0], 50)}», …) and the "
            "article's text extracted from the page does not hold them: questions set as headings that the "
            "extraction left out? convert it by hand",
        ) from None
    author = byline if byline_asked else meta.author or byline  # «Propos recueillis par …» names who asked
    if reading.asker is None:
        check_first_speaker(reading.turns, author, path)
    interviewer = _interviewer(reading, author, path)
    text = source_text(date, title, reading.lead, reading.turns, language)
    # The asker's label when it is not the interviewer's name (`Sam` for Sam Wilson): the sidecar lists it, so the
    # parser knows who asks from the sidecar rather than from who speaks first.
    labels = (
        [reading.asker] if reading.asker and interviewer and label_key(reading.asker) != label_key(interviewer) else []
    )
    if every_turn_marked and not reading.every_turn_marked:
        raise PageRefused(path, "--every-turn-marked: the page does not open its turns with speakers' labels")
    marked_why = _every_turn_marked_why(every_turn_marked, reading, page_url)
    meta = parse_meta(interviewer, outlet, labels) | ({EVERY_TURN_MARKED: True} if marked_why else {})
    try:
        interview = check_parse(text, reading, meta, path)
    except PageRefused as refusal:
        if not reading.every_turn_marked or marked_why or "'?'" not in refusal.message:
            raise
        raise PageRefused(path, refusal.message + LABELLED_HINT, refusal.notes) from None
    interviewees = suggested_interviewees(interview)
    if not outlet:
        raise PageRefused(path, "no site name or canonical address on the page to name the outlet; pass --url")
    stem = stem_of(date, outlet, interviewees, title)
    n_exchanges = sum(turn.role != ANSWER for turn in interview.turns)  # a statement is an exchange of its own
    sidecar = sidecar_text(
        data,
        outlet,
        page_url,
        language,
        interviewer,
        interviewees,
        n_exchanges,
        asked_by_label=interviewer != author,
        interviewer_labels=labels,
        every_turn_marked=marked_why,
    )
    return Converted(stem, text, sidecar, tuple(reading.notes))


def _every_turn_marked_why(said: bool, reading: Reading, url: str | None) -> str | None:
    """Why the source may state that every turn is marked (the sidecar's comment), or None: the user's word
    (`--every-turn-marked`), or a publisher known to label every turn of its transcripts, on a page that opens its
    turns with labels."""
    if said:
        return "imported with --every-turn-marked: the page opens every turn with its speaker's label"
    host = labels_every_turn(host_of(url)) if reading.every_turn_marked else None
    return f"{host} opens every turn of its transcripts with the speaker's label, as this page does" if host else None


#: Added to a labelled page's refusal for a question inside an answer: the user may know better than the page shows.
LABELLED_HINT = (
    "; if the page opens every turn with its speaker's label, follow-up questions too, so that this is the "
    "speaker's own question, pass --every-turn-marked (a question that lost its label would then join the answer)"
)


def _interviewer(reading: Reading, author: str | None, path) -> str | None:
    """Who asks: the author, when no label names the asker or when the asker's label is the author's name
    (`Mike` for Mike Rivers); else the asking label. An author who speaks under another label is refused."""
    if reading.asker is None or (author and _names(reading.asker, author)):
        return author
    answering = {t.label for t in reading.turns if t.role == ANSWER and t.label}
    if author and any(_names(label, author) for label in answering):
        raise PageRefused(
            path,
            f"the page's author ({author}) speaks in answering turns, but «{reading.asker}»'s turns are the "
            "questions: who asks? convert it by hand",
            reading.notes,
        )
    return reading.asker


def _names(label: str, person: str) -> bool:
    """A label names a person: its words are some of the person's name's words."""
    return set(label_key(label).split()) <= set(label_key(person).split())


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
