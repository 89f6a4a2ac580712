"""The row cache: a rebuild parses only new or changed sources and writes the bytes of a clean build; a corrupt
or foreign entry is ignored and rebuilt; `--no-cache` neither reads nor writes it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from interview_dataset.pipeline.build import build as build_dataset
from interview_dataset.pipeline.cache import CACHE_DIR_NAME

from conftest import FIXTURES
from shared import data_of


@pytest.fixture
def sources(tmp_path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    for source in [*(FIXTURES / "conventions").iterdir(), *(FIXTURES / "good").iterdir()]:
        shutil.copyfile(source, folder / source.name)
    return folder


def build(sources: Path, out: Path, *options: str) -> None:
    """A build in this process (the command line is tested elsewhere), with the options as on the command line."""
    cache_dir = options[options.index("--cache-dir") + 1] if "--cache-dir" in options else None
    build_dataset(
        sources,
        out,
        quiet=True,
        warn=lambda line: None,
        mentions="--no-mentions" not in options,
        cache="--no-cache" not in options,
        cache_dir=cache_dir,
    )


def entries(out: Path) -> dict[str, int]:
    """Each cache entry and the inode it was written to: a rewritten entry gets a new inode (atomic rename)."""
    return {path.name: path.stat().st_ino for path in (out / CACHE_DIR_NAME).iterdir()}


@pytest.mark.parametrize("mentions", [(), ("--no-mentions",)], ids=["tagged", "untagged"])
def test_cached_rebuild_gives_the_bytes_of_a_clean_build(sources, tmp_path, mentions):
    build(sources, tmp_path / "cached", *mentions)
    first = entries(tmp_path / "cached")
    assert len(first) == len(list(sources.glob("*.txt")))
    build(sources, tmp_path / "cached", *mentions)
    assert entries(tmp_path / "cached") == first  # every source came from the cache
    build(sources, tmp_path / "clean", "--no-cache", *mentions)
    assert not (tmp_path / "clean" / CACHE_DIR_NAME).exists()
    assert data_of(tmp_path / "cached") == data_of(tmp_path / "clean")


def test_adding_one_interview_parses_only_that_one(sources, tmp_path):
    out = tmp_path / "out"
    build(sources, out, "--no-mentions")
    before = entries(out)
    shutil.copyfile(FIXTURES / "ambiguous" / "2026-03-01-mixed-dashes.txt", sources / "2026-03-01-new.txt")
    (sources / "2026-03-01-new.txt").write_text(" date 2026-03-01 Новое\nЛид.\n- Вопрос?\n- Ответ.\n", encoding="utf-8")
    build(sources, out, "--no-mentions")
    after = entries(out)
    assert {name: inode for name, inode in after.items() if name in before} == before
    assert len(after) == len(before) + 1
    build(sources, tmp_path / "clean", "--no-cache", "--no-mentions")
    assert data_of(out) == data_of(tmp_path / "clean")


def test_a_changed_sidecar_is_parsed_again(sources, tmp_path):
    out = tmp_path / "out"
    build(sources, out, "--no-mentions")
    sidecar = sources / "2026-01-15-test-short.yaml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("outlet: ", "outlet: Новый "), encoding="utf-8")
    build(sources, out, "--no-mentions")
    build(sources, tmp_path / "clean", "--no-cache", "--no-mentions")
    assert data_of(out) == data_of(tmp_path / "clean")
    assert len(entries(out)) == len(list(sources.glob("*.txt")))  # the old entry was pruned


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry, other: entry.write_text("{ not json", encoding="utf-8"),
        lambda entry, other: entry.write_bytes(entry.read_bytes()[:100]),
        lambda entry, other: entry.write_text(other.read_text(encoding="utf-8"), encoding="utf-8"),
        lambda entry, other: entry.write_text(
            json.dumps({**json.loads(entry.read_text(encoding="utf-8")), "rows": {}}), encoding="utf-8"
        ),
    ],
    ids=["not JSON", "truncated", "another source's entry", "rows missing"],
)
def test_a_corrupt_or_foreign_entry_is_ignored_and_rebuilt(sources, tmp_path, damage):
    out = tmp_path / "out"
    build(sources, out, "--no-mentions")
    entry, other = sorted((out / CACHE_DIR_NAME).iterdir())[:2]
    damage(entry, other)
    build(sources, out, "--no-mentions")
    build(sources, tmp_path / "clean", "--no-cache", "--no-mentions")
    assert data_of(out) == data_of(tmp_path / "clean")
    assert json.loads(entry.read_text(encoding="utf-8"))["key"] == entry.stem


def test_pruning_removes_only_cache_entries(sources, tmp_path):
    out = tmp_path / "out"
    cache = out / CACHE_DIR_NAME
    cache.mkdir(parents=True)
    (cache / "notes.txt").write_text("mine\n", encoding="utf-8")
    stale = cache / f"{'0' * 64}.json"
    stale.write_text("{}", encoding="utf-8")
    build(sources, out, "--no-mentions")
    assert (cache / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert not stale.exists()


def test_the_cache_can_live_elsewhere(sources, tmp_path):
    build(sources, tmp_path / "out", "--no-mentions", "--cache-dir", str(tmp_path / "cache"))
    assert not (tmp_path / "out" / CACHE_DIR_NAME).exists()
    assert len(list((tmp_path / "cache").glob("*.json"))) == len(list(sources.glob("*.txt")))
