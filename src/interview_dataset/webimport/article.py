"""The page's one article: trafilatura's main text (with bold, headings and lists) and its metadata."""

from __future__ import annotations

from dataclasses import replace

from interview_dataset.webimport.blocks import Block, clean, same_text
from interview_dataset.webimport.reading import PageRefused

# --- the article and its metadata --------------------------------------------------------------------------

#: An <article> with this much paragraph text is a candidate interview, not a teaser card of related links.
CANDIDATE_MIN_CHARS = 200


def one_article(html: str, path, title: str | None) -> str:
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
        chosen = [a for a, h in zip(candidates, headlines) if h and same_text(h, title)]
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
            return clean(heading.text_content())
    return None


def extract_article(html: str, path):
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


def asking_headings_left_out(html: str, kept: list[str]) -> list[str]:
    """The page's headings that end with '?' and that the extracted article does not hold (`kept`, its blocks'
    texts): on some layouts trafilatura drops the headings an interview sets its questions in."""
    import lxml.html

    texts = {clean(text).casefold() for text in kept}
    headings = (clean(h.text_content()) for h in lxml.html.document_fromstring(html).iter("h2", "h3", "h4", "h5"))
    return [h for h in headings if h.rstrip(" \u00a0\"'»”)").endswith("?") and h.casefold() not in texts]


def with_teasers(blocks: list[Block], html: str) -> list[Block]:
    """The blocks, those the page printed as a paragraph holding one link and nothing else marked as teasers.
    trafilatura's text keeps no links (keeping them changes what it extracts), so the page is read again."""
    import lxml.html

    linked = set()
    for paragraph in lxml.html.document_fromstring(html).iter("p"):
        links = list(paragraph.iter("a"))
        text = clean(paragraph.text_content())
        if len(links) == 1 and text and clean(links[0].text_content()) == text:
            linked.add(text.casefold())
    return [replace(b, teaser=True) if b.kind == "p" and b.text.casefold() in linked else b for b in blocks]
