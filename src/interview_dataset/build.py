"""Sources folder → validated data folder and card, swapped in atomically; and the check that data/ is fresh."""

from __future__ import annotations

import filecmp
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .annotate import missing_metadata, rows_from_source
from .card import CARD_TEMPLATE, render_card
from .errors import DataError, SourceError
from .schema import CONFIGS
from .sources import find_sources, read_source
from .validate import validate_dataset
from .write import DatasetWriter, replace_dir, staging_dir, write_text_atomic

#: Files of an output folder that a build writes, besides everything under data/.
BUILT_FILES = ("README.md",)


@dataclass
class BuildReport:
    """What a build wrote: rows per config, sources read, and one warning per source with missing metadata."""

    rows: dict[str, int]
    sources: int
    warnings: list[str] = field(default_factory=list)


def build(sources_dir: str | Path, out_dir: str | Path, *, warn=None) -> BuildReport:
    """Build every source of `sources_dir` into `out_dir`/data and `out_dir`/README.md.

    Rows go to a staging folder first and are validated there; only a complete, valid build replaces
    `out_dir`/data, in one atomic step. On any error the existing data is left exactly as it was.
    """
    warn = warn or (lambda line: print(line, file=sys.stderr))
    out_dir = Path(out_dir)
    paths = find_sources(sources_dir)
    if not paths:
        raise SourceError(sources_dir, 0, "no source texts (*.txt) in the sources folder")
    report = BuildReport(rows={}, sources=len(paths))
    with staging_dir(out_dir / "data") as staging:
        writer = DatasetWriter(staging)
        for path in paths:
            source = read_source(path)
            for message in missing_metadata(source):
                report.warnings.append(f"{source.path}:1: warning: {message}")
                warn(report.warnings[-1])
            rows = rows_from_source(source)
            for config in CONFIGS:
                writer.add(config, getattr(rows, config))
        writer.close()
        report.rows = dict(writer.counts)
        problems = validate_dataset(staging)
        if problems:
            raise DataError(problems)
        readme = out_dir / "README.md"
        card = render_card(readme.read_text(encoding="utf-8") if readme.exists() else CARD_TEMPLATE, staging)
        replace_dir(staging, out_dir / "data")
    write_text_atomic(out_dir / "README.md", card)
    return report


def check(sources_dir: str | Path, out_dir: str | Path) -> list[str]:
    """Rebuild into a temporary folder and list every built file that differs from `out_dir` (empty: fresh)."""
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="interview-dataset-check-") as tmp:
        fresh = Path(tmp)
        if (out_dir / "README.md").exists():
            shutil.copyfile(out_dir / "README.md", fresh / "README.md")
        build(sources_dir, fresh, warn=lambda line: None)
        return _differences(fresh, out_dir)


def _built_files(root: Path) -> set[str]:
    files = {str(p.relative_to(root)) for p in (root / "data").rglob("*") if p.is_file()}
    return files | {name for name in BUILT_FILES if (root / name).exists()}


def _differences(fresh: Path, committed: Path) -> list[str]:
    want, have = _built_files(fresh), _built_files(committed)
    problems = [f"{name}: missing (a fresh build writes it)" for name in sorted(want - have)]
    problems += [f"{name}: not written by a fresh build (stale file)" for name in sorted(have - want)]
    problems += [
        f"{name}: differs from a fresh build"
        for name in sorted(want & have)
        if not filecmp.cmp(fresh / name, committed / name, shallow=False)
    ]
    return problems
