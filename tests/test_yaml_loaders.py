"""libyaml and PyYAML's own parser read every YAML file the package reads alike: the sidecars (read in one
pass over libyaml's events) and the curated tables and dataset.yaml (yamlfile.safe_load)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from interview_dataset.errors import SourceError
from interview_dataset.parse import sidecaryaml
from interview_dataset.parse.sources import read_sidecar
from interview_dataset.yamlfile import FAST_SAFE_LOADER, safe_load

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))
SIDECARS = FIXTURES + sorted((ROOT / "sources").glob("*.yaml"))
TABLES = FIXTURES + sorted((ROOT / "schema").glob("*.yaml")) + [ROOT / "dataset.yaml"]

#: Sidecars the one-pass reader leaves to the loader, or refuses itself, beside the fixtures' plain ones.
ODD_SIDECARS = {
    "anchor": "outlet: &o X\nlanguage: ru\n",
    "merge key": "interviewer:\n  <<: {id: a, name: A}\n",
    "explicit tag": "outlet: !!str 12\n",
    "non-specific tag": "outlet: ! 12\n",
    "list as a key": "? [a]\n: 1\n",
    "two documents": "outlet: X\n---\noutlet: Y\n",
    "empty": "",
    "repeated key": "outlet: X\nlanguage: ru\noutlet: Y\n",
    "resolved scalars": "outlet: [1, 0x1f, 1:30, 1.5e3, .inf, ~, yes, No, 2026-01-02, 2026-01-02 10:00:00]\n",
    "null key": "? !!null\n: 1\n",
    "value key": "=: x\n",
    "alias after an anchor": "outlet: &o X\nurl: *o\n",
    "syntax error": "outlet: [unclosed\n",
    "impossible date": "outlet: X\nurl: 2026-02-30\n",
    "impossible date under an anchor": "outlet: &o 2026-02-30\n",
}
requires_libyaml = pytest.mark.skipif(FAST_SAFE_LOADER is yaml.SafeLoader, reason="PyYAML without libyaml")


def _outcome(read, *args):
    """What reading gives: ("value", value) or ("error", type, line, message)."""
    try:
        return ("value", read(*args))
    except SourceError as error:
        return ("error", "SourceError", error.line, error.message)
    except yaml.MarkedYAMLError as error:
        return ("error", type(error).__name__, error.problem_mark.line, str(error))
    except ValueError as error:  # a scalar YAML resolves as a date but cannot build (`2026-13-01`)
        return ("error", "ValueError", None, str(error))


def _sidecar_loaded_whole(text: str, path: Path):
    """The sidecar's YAML as read before the one-pass reader: the shape of the whole event stream checked,
    then `yaml.load`."""
    depth = 0
    for event in yaml.parse(text, Loader=sidecaryaml._SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise SourceError(
                path,
                sidecaryaml.line_of(event),
                f"YAML alias *{event.anchor}: sidecars may not use aliases; write the value out",
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > sidecaryaml.MAX_SIDECAR_DEPTH:
                raise SourceError(
                    path, sidecaryaml.line_of(event), f"nested more than {sidecaryaml.MAX_SIDECAR_DEPTH} levels deep"
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return yaml.load(text, Loader=sidecaryaml._SafeLoader)


def _sidecar_texts():
    return [pytest.param(p.read_text(encoding="utf-8"), id=str(p.relative_to(ROOT))) for p in SIDECARS] + [
        pytest.param(text, id=name) for name, text in ODD_SIDECARS.items()
    ]


@pytest.mark.parametrize("pure_python", [False, True], ids=["libyaml", "PyYAML"])
@pytest.mark.parametrize("text", _sidecar_texts())
def test_one_pass_sidecar_reader_gives_what_loading_it_whole_gives(monkeypatch, text, pure_python):
    if pure_python:
        monkeypatch.setattr(sidecaryaml, "_SafeLoader", yaml.SafeLoader)
    path = Path("x.yaml")
    read, whole = _outcome(sidecaryaml.load_sidecar_yaml, text, path), _outcome(_sidecar_loaded_whole, text, path)
    if whole[1] == "ValueError":  # the loader's bare ValueError is a `file:line` error of ours, naming it
        assert read[:2] == ("error", "SourceError") and f"({whole[3]}); " in read[3]
        assert read[3].endswith("quote it to keep it as text")
    else:
        assert read == whole


@requires_libyaml
@pytest.mark.parametrize("path", SIDECARS, ids=lambda p: str(p.relative_to(ROOT)))
def test_fixture_sidecar_reads_the_same_with_libyaml_and_without(monkeypatch, path):
    with_libyaml = _outcome(read_sidecar, path)
    monkeypatch.setattr(sidecaryaml, "_SafeLoader", yaml.SafeLoader)
    without = _outcome(read_sidecar, path)
    if with_libyaml[0] == "error" and with_libyaml[3].startswith("not valid YAML: "):
        # libyaml words its syntax errors in its own way ("did not find expected ',' or ']'" where PyYAML says
        # "expected ',' or ']', but got ':'"): the line is the same, and the message is libyaml's, as it has
        # been since sidecars are read with it (tests/fixtures/bad/broken-sidecar-yaml/expected-error).
        assert without[:3] == with_libyaml[:3] and without[3].startswith("not valid YAML: ")
    else:
        assert with_libyaml == without


@pytest.mark.parametrize("path", TABLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_yaml_file_reads_as_yaml_safe_load_reads_it(path):
    text = path.read_text(encoding="utf-8")
    ours, theirs = _outcome(safe_load, text), _outcome(yaml.safe_load, text)
    if theirs[1] == "ValueError":  # yaml.safe_load's bare ValueError is a YAML error at the value's line
        assert ours[:2] == ("error", "ConstructorError") and f"({theirs[3]}); fix it, or quote it" in ours[3]
    else:
        assert ours == theirs


@pytest.mark.parametrize(
    "text",
    [
        "name: [unclosed\n",
        "a: b: c\n",
        "a:\n\t- b\n",
        "- a\nb: c\n",
        "a: 'x\n",
        "{a: 1, b\n",
        "a: !!python/name:os.system\n",
    ],
)
def test_yaml_error_is_the_one_yaml_safe_load_raises(text):
    assert _outcome(safe_load, text)[0] == "error"
    assert _outcome(safe_load, text) == _outcome(yaml.safe_load, text)
