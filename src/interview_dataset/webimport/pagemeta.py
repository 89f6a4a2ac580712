"""What the page says about itself: title, address, outlet host, declared language, publication date."""

from __future__ import annotations

import datetime
import re

from interview_dataset.webimport.blocks import clean
from interview_dataset.webimport.reading import PageRefused

# A day number and a year near each other: the visible date htmldate's text search must rest on.
_NEAR = 24


def page_title(meta, path) -> str:
    title = clean(meta.title or "")
    site = meta.sitename
    if site:  # "<headline> — <site>" in <title>: the site is not part of the headline
        title = re.sub(rf"\s*[|\u2014\u2013-]\s*{re.escape(site)}\s*$", "", title, flags=re.I)
    if not title:
        raise PageRefused(path, "no title found on the page; pass --title")
    return title


def page_url_or_none(url: str | None) -> str | None:
    return url if url and re.match(r"^https?://", url) else None


def host_of(url: str | None) -> str | None:
    """The host of an address without `www.`, as the outlet's name where the page gives no site name."""
    match = re.match(r"^https?://(?:www\.)?([^/:?#]+)", url or "")
    return match.group(1).lower() if match else None


def declared_language(html: str) -> str | None:
    """The page's declared language (`<html lang="ru-RU">` → "ru"), or None; never guessed from the text."""
    match = re.search(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", html[:4096], re.I)
    return match.group(1).lower() if match else None


# --- the publication date ----------------------------------------------------------------------------------


def checked_date(raw: str, path) -> str:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            raise ValueError
        datetime.date.fromisoformat(raw)
    except ValueError:
        raise PageRefused(path, f"--date {raw!r} is not a real date in the form YYYY-MM-DD") from None
    return raw


def page_date(html: str, path) -> str:
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
