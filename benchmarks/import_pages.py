"""Time `interview-dataset import` per page on the saved pages of the test fixtures.

    python benchmarks/import_pages.py              # best of 5 runs per page
    python benchmarks/import_pages.py --runs 20 PAGE.html ...

Each run converts and writes one page into a fresh temporary folder. The
first line is the one-off cost of importing trafilatura and htmldate in this process; the table gives, per
page, its size and the best and median wall time of a full import (read, extract, date, convert, self-check
with the parser, write), then the same for the page padded to the size of a real news page (--pad KB of
scripts, menus and reader comments after the article, as saved pages carry). Figures depend on the machine; the README quotes a run on the project's 2-core machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PAGES = ROOT / "tests" / "fixtures" / "html" / "pages"
#: Pages that state no address or site name need one on the command line, as in the tests.
OPTIONS = {"ru-speaker-labels-cp1251.html": {"url": "http://rybgazeta.example/interview/volkov.html"}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path, help="saved pages (default: the test fixtures)")
    parser.add_argument("--runs", type=int, default=5, help="runs per page (default: 5)")
    parser.add_argument("--pad", type=int, default=300, help="KB of page furniture for the padded copy (default: 300)")
    args = parser.parse_args()
    pages = args.pages or sorted(PAGES.glob("*.html"))

    start = time.perf_counter()
    import htmldate  # noqa: F401
    import trafilatura  # noqa: F401

    from interview_dataset.webimport.page import import_pages

    print(f"importing trafilatura and htmldate: {time.perf_counter() - start:.2f} s (once per process)")
    print(f"{'page':<40} {'KB':>6} {'best ms':>8} {'median ms':>10} {'padded KB':>10} {'best ms':>8} {'median ms':>10}")
    with tempfile.TemporaryDirectory() as padded_folder:
        for page in pages:
            padded = Path(padded_folder) / page.name
            padded.write_bytes(pad(page.read_bytes(), args.pad * 1024))
            row = [page.name]
            for path in (page, padded):
                times = time_import(import_pages, path, OPTIONS.get(page.name, {}), args.runs)
                row += [
                    f"{path.stat().st_size / 1024:.1f}",
                    f"{min(times) * 1000:.1f}",
                    f"{statistics.median(times) * 1000:.1f}",
                ]
            print(f"{row[0]:<40} {row[1]:>6} {row[2]:>8} {row[3]:>10} {row[4]:>10} {row[5]:>8} {row[6]:>10}")
    return 0


def time_import(import_pages, page: Path, options: dict, runs: int) -> list[float]:
    """Wall times of `runs` imports of one page, each into a fresh folder."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            report = import_pages([page], folder, **options)
            times.append(time.perf_counter() - start)
        if report.refused:
            raise SystemExit(report.refused[0])
    return times


def pad(page: bytes, size: int) -> bytes:
    """The page with reader comments, menus and a script after the article until it is about `size` bytes."""
    encoding = "windows-1251" if b"windows-1251" in page[:400] else "utf-8"
    unit = (
        '<div class="comment"><span class="user">reader</span> <span class="when">2 hours ago</span>'
        "<p>I do not agree with this at all, the numbers were different last year.</p>"
        '<a href="/reply">Reply</a> <a href="/like">Like 12</a></div>\n'
        '<ul class="menu"><li><a href="/a">Politics</a></li><li><a href="/b">Economy</a></li></ul>\n'
        '<script>window.dataLayer = window.dataLayer || []; dataLayer.push({"event": "view", "id": 123456});</script>\n'
    )
    furniture = (unit * (size // len(unit.encode()) + 1)).encode(encoding)
    head, _, tail = page.rpartition(b"</body>")
    return head + b'<section class="comments">' + furniture + b"</section></body>" + tail


if __name__ == "__main__":
    sys.exit(main())
