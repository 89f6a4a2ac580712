"""A saved web page (HTML) → a source text in our format and a draft sidecar: `interview-dataset import`.

trafilatura finds the article and its metadata (title, site name, author, canonical address) and keeps bold and
headings; htmldate finds the publication date. This module does only the interview-specific part: it reads the
turns from the markup (bold paragraphs alternating with plain ones, or speaker labels in bold), writes them with
markers the parser already knows, and checks its own output with that parser, so a page whose structure is
unclear is refused with one line rather than converted into wrong roles. No network is ever used: the libraries
get the page's text, never an address.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interview_dataset.files import write_atomic
from interview_dataset.parse.interview import (
    QUESTION,
)
from interview_dataset.webimport.article import extract_article, one_article
from interview_dataset.webimport.blocks import blocks_of, without_byline, without_furniture, without_headline
from interview_dataset.webimport.pagemeta import (
    checked_date,
    declared_language,
    host_of,
    page_date,
    page_title,
    page_url_or_none,
)
from interview_dataset.webimport.reading import (
    EXTRA_HINT,
    MAX_PAGE_BYTES,
    MissingExtra,
    PageRefused,
    read_page,
    require_extra,
)
from interview_dataset.webimport.turns import check_first_speaker, structure
from interview_dataset.webimport.writing import check_parse, sidecar_text, source_text, stem_of, suggested_interviewees

__all__ = ["EXTRA_HINT", "MAX_PAGE_BYTES", "MissingExtra", "PageRefused", "convert_page", "import_pages", "read_page"]


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

    if url is not None and not page_url_or_none(url):
        raise PageRefused(path, f"--url {url!r} is not an address starting with http:// or https://")
    html = one_article(decode_file(data), path, title)
    body, meta = extract_article(html, path)
    title = title or page_title(meta, path)
    date = checked_date(date, path) if date else page_date(html, path)
    blocks = without_furniture(without_headline(blocks_of(body), title))
    blocks, byline = without_byline(blocks)
    lead, turns = structure(blocks, path)
    author = meta.author or byline
    check_first_speaker(turns, author, path)
    language = declared_language(html)
    text = source_text(date, title, lead, turns, language)
    interview = check_parse(text, lead, turns, path)
    interviewees = suggested_interviewees(interview)
    page_url = url or page_url_or_none(meta.url)
    outlet = meta.sitename or host_of(page_url)
    if not outlet:
        raise PageRefused(path, "no site name or canonical address on the page to name the outlet; pass --url")
    stem = stem_of(date, outlet, interviewees, title)
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
