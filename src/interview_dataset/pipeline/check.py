"""`build --check`: rebuild into a temporary folder and list every built file that differs from the dataset's."""

from __future__ import annotations

import filecmp
import shutil
import tempfile
from pathlib import Path

from interview_dataset.metadata import METADATA_FILE
from interview_dataset.pipeline.build import BUILT_FILES, build


def check(sources: str | Path | list, out_dir: str | Path, *, mentions: bool = True, topics: bool = True) -> list[str]:
    """Rebuild into a temporary folder and list every built file that differs from `out_dir` (empty: fresh)."""
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="interview-dataset-check-") as tmp:
        fresh = Path(tmp)
        for name in ("README.md", METADATA_FILE):  # the author's card and metadata: what a build reads
            if (out_dir / name).exists():
                shutil.copyfile(out_dir / name, fresh / name)
        build(sources, fresh, quiet=True, mentions=mentions, topics=topics, cache=False, warn=lambda line: None)
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
