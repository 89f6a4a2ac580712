"""`interview-dataset init`: a new corpus that builds, validates and passes --check with its own metadata only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from conftest import ROOT, run
from expectations import EXPECTED


def traces_of_this_dataset() -> list[str]:
    """Words that belong to this repository's dataset: its expectations' list, its name, and the outlets and
    speakers of its sidecars."""
    words = set(EXPECTED["traces"]) | {yaml.safe_load((ROOT / "dataset.yaml").read_text(encoding="utf-8"))["name"]}
    for sidecar in (ROOT / "sources").glob("*.yaml"):
        meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
        words |= {meta["outlet"], meta["interviewer"]["name"], *(p["name"] for p in meta["interviewees"])} - {None}
    return sorted(words)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A corpus made by `init` and built by `build`, in a folder outside the repository, run from that folder."""
    folder = tmp_path_factory.mktemp("init") / "my-corpus"
    for args in (["init", str(folder)], ["build", "--sources", str(folder / "sources"), "--out", str(folder)]):
        result = run("-m", "interview_dataset", *args, cwd=folder.parent)
        assert result.returncode == 0, result.stderr
        # The example interview is in English, which the NER model does not tag: that is the one warning.
        warnings = [line for line in result.stderr.splitlines() if "warning" in line]
        assert all(
            line.endswith(": warning: language en: entity mentions are tagged only in ru; null here")
            for line in warnings
        )
        assert len(warnings) == (args[0] == "build")
    return folder


def test_init_writes_the_scaffold(corpus):
    files = {str(p.relative_to(corpus)) for p in corpus.rglob("*") if p.is_file()}
    assert {
        "dataset.yaml",
        "README.md",
        "CITATION.cff",
        "croissant.json",
        ".pre-commit-config.yaml",
        ".gitignore",
        ".github/workflows/dataset.yml",
    } <= files
    assert len([f for f in files if f.startswith("sources/")]) == 2


def test_the_new_corpus_validates_and_passes_check(corpus):
    assert run("-m", "interview_dataset", "validate", str(corpus / "data"), cwd=corpus).returncode == 0
    result = run(
        "-m",
        "interview_dataset",
        "build",
        "--sources",
        str(corpus / "sources"),
        "--out",
        str(corpus),
        "--check",
        cwd=corpus,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.dataset
def test_no_trace_of_this_repositorys_dataset_in_the_new_corpus(corpus):
    words = traces_of_this_dataset()
    found = [
        (str(p.relative_to(corpus)), w)
        for p in corpus.rglob("*")
        if p.is_file() and p.suffix != ".png"
        for w in words
        if w.casefold() in _as_text(p).casefold()
    ]
    assert found == []


def _as_text(path: Path) -> str:
    """A file's text; a Parquet file's values and schema (its compressed bytes may hold any three letters)."""
    if path.suffix == ".parquet":
        table = pq.read_table(path)
        return f"{table.schema}\n{table.to_pylist()}"
    return path.read_bytes().decode("utf-8", "replace")


def test_the_new_corpus_croissant_validates(corpus, tmp_path):
    command = [str(Path(sys.executable).parent / "mlcroissant"), "validate", "--jsonld", str(corpus / "croissant.json")]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert not [line for line in result.stderr.splitlines() if line.startswith(("W", "E"))]


def test_the_workflow_and_hook_validate_and_check_the_corpus(corpus):
    workflow = yaml.safe_load((corpus / ".github" / "workflows" / "dataset.yml").read_text(encoding="utf-8"))
    steps = [step.get("run") for job in workflow["jobs"].values() for step in job["steps"]]
    assert (
        "interview-dataset validate data" in steps
        and "interview-dataset build --sources sources --out . --check" in steps
    )
    (hook,) = yaml.safe_load((corpus / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    assert hook["entry"] == "interview-dataset validate data"


def test_init_keeps_existing_files_and_adds_no_example_to_a_corpus_with_sources(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "2026-01-01-mine.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "dataset.yaml").write_text("name: mine\n", encoding="utf-8")
    result = run("-m", "interview_dataset", "init", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0 and f"{tmp_path / 'dataset.yaml'}: exists, kept" in result.stderr
    assert (tmp_path / "dataset.yaml").read_text(encoding="utf-8") == "name: mine\n"
    assert sorted(p.name for p in (tmp_path / "sources").iterdir()) == ["2026-01-01-mine.txt"]


def test_templates_ship_inside_the_package():
    """The wheel packs src/interview_dataset whole, so templates inside it ship (.ci/next-interview.sh runs
    `init` from a non-editable install to prove it)."""
    import tomllib

    from interview_dataset.pipeline.init import FILES, TEMPLATES

    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]["targets"][
        "wheel"
    ]
    assert wheel["packages"] == ["src/interview_dataset"] and TEMPLATES.parent.name == "interview_dataset"
    assert all((TEMPLATES / name).is_file() and not name.startswith(".") for name in FILES)
