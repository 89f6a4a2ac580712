"""dataset.yaml: the one source of the card's YAML, CITATION.cff and croissant.json, which agree; the card's
other keys and prose are its author's; a broken or missing dataset.yaml is reported in one line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from interview_dataset.metadata import SPDX_URL, read_metadata

from conftest import FIXTURES, ROOT, run_here


def metadata_files(folder: Path) -> dict:
    """Title, authors, version, date and licences as the card, CITATION.cff and croissant.json of `folder` say them."""
    card = (folder / "README.md").read_text(encoding="utf-8")
    front = yaml.safe_load(card.split("---\n")[1])
    cff = yaml.safe_load((folder / "CITATION.cff").read_text(encoding="utf-8"))
    croissant = json.loads((folder / "croissant.json").read_text(encoding="utf-8"))
    licenses = cff["license"] if isinstance(cff["license"], list) else [cff["license"]]
    return {
        "title": {front["pretty_name"], cff["title"], croissant["alternateName"]},
        "authors": {
            tuple(a.get("name") or f"{a['given-names']} {a['family-names']}" for a in cff["authors"]),
            tuple(c["name"] for c in croissant["creator"]),
        },
        "version": {cff["version"], croissant["version"]},
        "date": {str(cff["date-released"]), croissant["datePublished"]},
        "licenses": {tuple(SPDX_URL.format(i) for i in licenses), tuple(croissant["license"])},
        "card": card,
    }


@pytest.mark.parametrize("folder", ["repository", "built"])
def test_card_citation_and_croissant_agree_with_dataset_yaml(folder, built):
    folder = ROOT if folder == "repository" else built
    metadata = read_metadata(folder)
    said = metadata_files(folder)
    assert said["title"] == {metadata.pretty_name}
    assert said["authors"] == {tuple(a.display for a in metadata.authors)}
    assert said["version"] == {metadata.version} and said["date"] == {metadata.release_date}
    assert said["licenses"] == {tuple(metadata.license_urls)}
    assert f"This version ({metadata.version}, released {metadata.release_date})" in said["card"]
    assert f"@misc{{{metadata.name}," in said["card"]


def test_a_hand_added_key_and_paragraph_survive_two_rebuilds(built_copy):
    readme = built_copy / "README.md"
    text = readme.read_text(encoding="utf-8")
    text = text.replace("---\n", "---\ntask_ids:\n- topic-classification\n", 1).replace(
        "\n## Quick start", "\nA paragraph by hand.\n\n## Quick start", 1
    )
    readme.write_text(text, encoding="utf-8")
    for _ in range(2):
        assert run_here("build_dataset.py", "--out", str(built_copy), "--quiet").returncode == 0
    card = readme.read_text(encoding="utf-8")
    assert yaml.safe_load(card.split("---\n")[1])["task_ids"] == ["topic-classification"]
    assert "\nA paragraph by hand.\n\n## Quick start" in card
    assert run_here("build_dataset.py", "--out", str(built_copy), "--check").returncode == 0


def test_a_changed_dataset_yaml_changes_every_metadata_file(built_copy):
    path = built_copy / "dataset.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("version: 0.1.0", "version: 0.2.0"), encoding="utf-8")
    assert run_here("build_dataset.py", "--out", str(built_copy), "--quiet").returncode == 0
    assert metadata_files(built_copy)["version"] == {"0.2.0"}
    assert "This version (0.2.0," in (built_copy / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "broken, line, message",
    [
        ("name: [unclosed\n", 2, "not valid YAML"),
        ("- a list\n", 1, "must be a mapping"),
        (None, "licenses:", "licenses: 'annotations' is a required property"),
        ("VERSION", "version:", "version: 0.1 is not of type 'string'"),
        (
            "DATE",
            "release_date:",
            "not valid YAML: '2026-11-31' reads as a date but is not one (day is out of range for month); fix it, "
            "or quote it",
        ),
    ],
)
def test_a_broken_dataset_yaml_is_one_line_and_nothing_changes(built_copy, broken, line, message):
    path = built_copy / "dataset.yaml"
    text = path.read_text(encoding="utf-8")
    if broken is None:
        text = text.replace("  annotations: CC-BY-4.0\n", "")
    elif broken == "VERSION":
        text = text.replace("version: 0.1.0", "version: 0.1")
    elif broken == "DATE":
        text = re.sub(r"(?m)^release_date: .*$", "release_date: 2026-11-31", text)
    else:
        text = broken
    path.write_text(text, encoding="utf-8")
    if isinstance(line, str):  # the line of that key
        line = [n for n, text_line in enumerate(text.splitlines(), 1) if text_line.startswith(line)][0]
    before = (built_copy / "README.md").read_bytes()
    result = run_here("build_dataset.py", "--out", str(built_copy))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    (reported,) = result.stderr.splitlines()
    assert reported.startswith(f"{path}:{line}: ") and message in reported, reported
    assert (built_copy / "README.md").read_bytes() == before


def test_a_folder_without_dataset_yaml_builds_with_one_warning_and_no_citation(tmp_path):
    result = run_here("build_dataset.py", "--sources", str(FIXTURES / "good"), "--out", str(tmp_path), "--no-mentions")
    assert result.returncode == 0, result.stderr
    assert f"{tmp_path / 'dataset.yaml'}: warning: no dataset.yaml" in result.stderr
    assert not (tmp_path / "CITATION.cff").exists()
    croissant = json.loads((tmp_path / "croissant.json").read_text(encoding="utf-8"))
    assert "license" not in croissant and "creator" not in croissant


def test_a_card_whose_front_matter_is_not_yaml_is_one_line(built_copy):
    readme = built_copy / "README.md"
    text = readme.read_text(encoding="utf-8").replace("---\n", "---\npretty_name: [unclosed\n", 1)
    readme.write_text(text, encoding="utf-8")
    result = run_here("build_dataset.py", "--out", str(built_copy))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    (reported,) = result.stderr.splitlines()
    assert reported.startswith(f"{readme}:3: card front matter is not valid YAML"), reported
    assert readme.read_text(encoding="utf-8") == text
