"""`interview-dataset init DIR`: a new corpus folder that builds, validates and checks itself from the start.

It writes a short example interview with its sidecar, dataset.yaml, a dataset card, CITATION.cff, a pre-commit
configuration and a CI workflow, from the templates shipped inside the package. A file that already exists is
kept, never overwritten, so `init` also equips a folder that already holds sources.
"""

from __future__ import annotations

from pathlib import Path

from interview_dataset import __version__
from interview_dataset.files import TEMPLATES
from interview_dataset.metadata import METADATA_FILE, parse_metadata
from interview_dataset.publish.citation import CITATION_FILE, citation_text

#: Template file → where it goes in the new corpus (template names carry no leading dot, so wheels keep them).
FILES = {
    METADATA_FILE: METADATA_FILE,
    "README.md": "README.md",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "ci-workflow.yml": ".github/workflows/dataset.yml",
    "gitignore": ".gitignore",
}


def scaffold(folder: Path) -> dict[str, str]:
    """Every file of a new corpus: relative path → text."""
    files = {target: (TEMPLATES / name).read_text(encoding="utf-8") for name, target in FILES.items()}
    files[".github/workflows/dataset.yml"] = files[".github/workflows/dataset.yml"].replace("{{version}}", __version__)
    files[CITATION_FILE] = citation_text(parse_metadata(files[METADATA_FILE], TEMPLATES / METADATA_FILE))
    if not list((folder / "sources").glob("*.txt")):  # an example only for a corpus with no interview yet
        for example in sorted((TEMPLATES / "sources").iterdir()):
            files[f"sources/{example.name}"] = example.read_text(encoding="utf-8")
    return files


def init(folder: str | Path) -> tuple[list[Path], list[Path]]:
    """Write the scaffold into `folder`: (files written, files kept because they existed)."""
    folder = Path(folder)
    written, kept = [], []
    for relative, text in scaffold(folder).items():
        path = folder / relative
        if path.exists() or path.is_symlink():
            kept.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written, kept
