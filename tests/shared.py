"""What several test files share: the figures the README quotes (test_docs.py checks them), the damage cases'
exact problems, and helpers that build or compare corpora. Test files import from here, never from each other."""

from __future__ import annotations

import hashlib
import signal
import sys
from pathlib import Path

import yaml

from interview_dataset.pipeline.cache import CACHE_DIR_NAME
from interview_dataset.pipeline.failpoints import FAILPOINTS

from conftest import ROOT, SEED

# --- figures the README quotes -----------------------------------------------------------------------------

#: Examples hypothesis runs per property (test_fuzz.py).
GENERATED_EXAMPLES = 400
ARBITRARY_EXAMPLES = 400
#: Fractions of an uninterrupted build's wall time at which builds are killed or interrupted: all well before
#: its end, so every signal lands in a running build (the tests assert it did). With the named phases of
#: FAILPOINTS, these are the kill points the README counts.
TIMED_KILLS = [0.25, 0.5, 0.7]
INTERRUPT_POINTS = [0.4, 0.7]
KILL_POINTS = [*FAILPOINTS, *TIMED_KILLS]
#: Signals and moments (seconds) at which a parallel build is stopped (test_workers.py).
TIMED_SIGNALS = [signal.SIGKILL, signal.SIGTERM, signal.SIGINT]
TIMED_DELAYS = [0.5, 2.0]
#: Address space a validating process may take here (polars reserves much it never touches); the dictionary
#: bomb below expands to 2 GiB, and took 13.7 GB before reads were bounded.
ADDRESS_SPACE = 6 * 2**30
#: A YAML alias bomb of a few hundred bytes (test_sources.py, test_hostile.py).
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)
#: damage case of test_validate.py → every problem validate reports for it, as "config row field code".
DAMAGE_PROBLEMS = yaml.safe_load((ROOT / "tests" / "damage_problems.yaml").read_text(encoding="utf-8"))


# --- helpers ----------------------------------------------------------------------------------------------


def build_command(sources: Path, out: Path, *options: str, topics: bool = False) -> list[str]:
    """The build as a user runs it, quiet, untagged and (unless `topics`) without topic suggestions: the fast
    build these tests need; plus `options`."""
    return [
        sys.executable,
        str(ROOT / "build_dataset.py"),
        "--sources",
        str(sources),
        "--out",
        str(out),
        "--quiet",
        "--no-mentions",
        *([] if topics else ["--no-topics"]),
        *options,
    ]


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def data_of(out: Path) -> dict[str, str]:
    return {name: digest for name, digest in tree_digest(out).items() if not name.startswith(CACHE_DIR_NAME)}


def data_digest(out: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((out / "data").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(out)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def make_corpus(folder: Path, n: int) -> Path:
    """n distinct interviews made from the seed (each with its own title, so no two texts are equal)."""
    folder.mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    sidecar = SEED.with_suffix(".yaml").read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    for i in range(n):
        stem = f"2025-12-26-copy-{i:04d}"
        (folder / f"{stem}.txt").write_text(f"{header} ({i})\n{rest}", encoding="utf-8")
        (folder / f"{stem}.yaml").write_text(sidecar, encoding="utf-8")
    return folder
