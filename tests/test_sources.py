"""Reading sources and sidecars: strict UTF-8, binary and size refusals, symlinks, safe YAML with line numbers."""

from __future__ import annotations

import pytest

from interview_dataset.errors import SourceError, SourceErrors
from interview_dataset.parse.sources import MAX_SOURCE_BYTES, find_sources, read_sidecar, read_source

from conftest import FIXTURES
from shared import BOMB

GOOD = FIXTURES / "good" / "2026-01-15-test-short.txt"


def test_read_source_keeps_bytes_hash_and_sidecar():
    source = read_source(GOOD)
    assert source.id == "2026-01-15-test-short"
    assert source.text == GOOD.read_text(encoding="utf-8")
    assert source.sidecar["interviewees"][0]["name"] == "Иван Петров"


@pytest.mark.parametrize(
    "content, line, message",
    [
        (" date 2026-01-15 Т\n- Вопрос?\n".encode("cp1251"), 1, "not valid UTF-8"),
        (" date 2026-01-15 Т\n- ok\n- ".encode() + b"\xff", 3, "not valid UTF-8"),
        (b" date 2026-01-15 T\n\x00\x01\x02binary", 2, "binary content"),
    ],
)
def test_undecodable_or_binary_text_is_refused(tmp_path, content, line, message):
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert (caught.value.line, message in caught.value.message) == (line, True)


def test_oversized_source_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (MAX_SOURCE_BYTES + 1))
    with pytest.raises(SourceError, match="over the limit"):
        read_source(path)


def test_symlinked_source_is_refused(tmp_path):
    (tmp_path / "real.txt").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    with pytest.raises(SourceError, match="symbolic link"):
        read_source(tmp_path / "link.txt")


@pytest.mark.parametrize("name", ["Bad Name.txt", "UPPER.txt", "a--b.txt", "-lead.txt"])
def test_source_names_must_be_slugs(tmp_path, name):
    (tmp_path / name).write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(SourceError, match="lowercase slug"):
        read_source(tmp_path / name)


@pytest.mark.parametrize(
    "yaml_text, line, message",
    [
        ("outlet: [unclosed\n", 2, "not valid YAML"),
        ("outlet: X\nlanguage: russian\n", 2, "language"),
        ("outlet: X\nsecret: 1\n", 2, "'secret' was unexpected"),
        ("interviewer:\n  id: Not A Slug\n  name: X\n", 2, "interviewer.id"),
        ("- just\n- a list\n", 1, "must be a mapping"),
        ("outlet: !!python/object/apply:os.system ['true']\n", 1, "not valid YAML"),
    ],
)
def test_broken_sidecar_fails_at_its_line(tmp_path, yaml_text, line, message):
    path = tmp_path / "x.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_sidecar(path)
    assert caught.value.line == line
    assert message in caught.value.message


def test_sidecar_without_text_is_an_error(tmp_path):
    (tmp_path / "orphan.yaml").write_text("outlet: X\n", encoding="utf-8")
    with pytest.raises(SourceErrors) as caught:
        find_sources(tmp_path)
    assert list(map(str, caught.value.errors)) == [
        f"{tmp_path / 'orphan.yaml'}:1: sidecar without a source text: expected orphan.txt beside it"
    ]


def test_sources_are_found_in_name_order(tmp_path):
    for name in ["b.txt", "a.txt", "c.md"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in find_sources(tmp_path)] == ["a.txt", "b.txt"]


def test_sidecar_with_a_yml_ending_is_an_error_not_ignored(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.yml").write_text("outlet: X\n", encoding="utf-8")
    with pytest.raises(SourceErrors) as caught:
        find_sources(tmp_path)
    assert list(map(str, caught.value.errors)) == [
        f"{tmp_path / 'a.yml'}:1: sidecars end in .yaml: rename it to a.yaml"
    ]


@pytest.mark.parametrize(
    "yaml_text, line, message",
    [
        (BOMB, 2, "YAML alias *a: sidecars may not use aliases; write the value out"),
        ("outlet: " + "[" * 500 + "]" * 500 + "\n", 1, "nested more than 8 levels deep"),
        ('outlet: "BAQ\\0\\x1b[31mRED\\x7f"\n', 1, "control character U+0000 in 'outlet'"),
        ('outlet: X\ninterviewer:\n  id: a\n  name: "A\\x1bB"\n', 4, "control character U+001B in 'interviewer.name'"),
        ('url: "https://x.kz/\\u009b"\n', 1, "control character U+009B in 'url'"),
        ('outlet: "A\\u2028B"\n', 1, "control character U+2028 in 'outlet'"),
        (
            "outlet: " + "x" * 5000 + "\nlanguage: [" + ", ".join(["y" * 100] * 100) + "]\n",
            2,
            "language: ['" + "y" * 100 + "', '" + "y" * 93 + "…",
        ),
    ],
    ids=[
        "alias bomb",
        "nested 500 deep",
        "NUL, ESC and DEL",
        "ESC in a nested value",
        "C1 control",
        "line separator",
        "huge value quoted in part",
    ],
)
def test_hostile_sidecar_is_refused_with_one_short_line(tmp_path, yaml_text, line, message):
    path = tmp_path / "x.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_sidecar(path)
    assert (caught.value.line, caught.value.message) == (line, message)


@pytest.mark.parametrize("char", ["\u0085", "\u2028", "\u2029", "\u009b"])
def test_unicode_line_separators_and_c1_controls_in_a_text_are_refused(tmp_path, char):
    path = tmp_path / "x.txt"
    path.write_text(f" date 2026-01-15 T\nЛид.\n- Вопрос?{char}- Ответ.\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert (caught.value.line, caught.value.message) == (
        3,
        f"control character U+{ord(char):04X}; use a plain line break (or remove it) and save again",
    )


def test_a_file_name_with_a_newline_is_not_a_slug(tmp_path):
    path = tmp_path / "abc\n.txt"
    path.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(SourceError, match="lowercase slug"):
        read_source(path)


def test_a_fifo_named_like_a_source_is_refused_without_blocking(tmp_path):
    import os

    os.mkfifo(tmp_path / "a.txt")
    with pytest.raises(SourceError, match="is not a regular file"):
        read_source(tmp_path / "a.txt")
