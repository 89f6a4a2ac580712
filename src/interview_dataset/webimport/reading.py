"""Read a saved page from disk; a page refused, and the libraries of the `import` extra checked for."""

from __future__ import annotations

from pathlib import Path

from interview_dataset.errors import InterviewDatasetError, MissingExtra

#: Pages bigger than this are refused: saved article pages are a few hundred KB to a few MB.
MAX_PAGE_BYTES = 20 * 1024 * 1024


class PageRefused(InterviewDatasetError):
    """A page that cannot be converted honestly; `str()` is the one line `page: what is wrong`."""

    def __init__(self, path: str | Path, message: str, notes: list | None = None):
        super().__init__(str(path), message)
        self.path, self.message = str(path), message
        self.notes = list(notes or [])  # what was made of each block up to the refusal, for --explain

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


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
