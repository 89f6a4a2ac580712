"""YAML files a person writes (sidecars, dataset.yaml, the schema tables): a syntax or schema error as the
file and line to fix, never a traceback."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import yaml

from interview_dataset.errors import SourceError
from interview_dataset.text import shorten

#: libyaml's loader (in PyYAML's wheels) when PyYAML was built with it, else PyYAML's own. Both scan and parse
#: the same YAML; the values are built by the same SafeConstructor and resolver, in Python either way.
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    """`yaml.safe_load(text)`, parsed by libyaml when PyYAML has it (about ten times faster). libyaml words its
    syntax errors differently, so a text it refuses is read again by PyYAML's own parser: the YAMLError raised,
    its message and its line, are always the ones `yaml.safe_load` gives."""
    try:
        if FAST_SAFE_LOADER is not yaml.SafeLoader:
            try:
                return yaml.load(text, Loader=FAST_SAFE_LOADER)
            except yaml.YAMLError:
                pass
        return yaml.load(text, Loader=yaml.SafeLoader)
    except ValueError as error:  # `release_date: 2026-11-31`: a date YAML cannot build, as a YAML error at its line
        raise _unbuildable(text, error) from None


def _unbuildable(text: str, error: ValueError) -> yaml.YAMLError:
    """The error of the first scalar the safe loader cannot build, marked at its line (a bare ValueError would
    reach the user as a traceback)."""
    constructor = yaml.SafeLoader("")
    nodes = [yaml.compose(text, Loader=yaml.SafeLoader)]
    while nodes:
        node = nodes.pop(0)
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node, deep=True)
            except ValueError as found:
                problem = unbuildable_problem(node.value, node.tag, found)
                return yaml.constructor.ConstructorError(None, None, problem, node.start_mark)
        elif isinstance(node, yaml.SequenceNode):
            nodes = [*node.value, *nodes]
        elif isinstance(node, yaml.MappingNode):
            nodes = [item for pair in node.value for item in pair] + nodes
    return yaml.constructor.ConstructorError(None, None, str(error), None)


def unbuildable_problem(value: str, tag: str, error: ValueError) -> str:
    """Why a scalar YAML's resolver reads as a date (or a number) cannot be built, and what to do."""
    kind = {"timestamp": "date", "int": "number", "float": "number"}.get(tag.rsplit(":", 1)[-1], "value")
    return f"{value!r} reads as a {kind} but is not one ({error}); fix it, or quote it to keep it as text"


def syntax_error(path: str | Path, error: yaml.YAMLError, what: str = "not valid YAML", offset: int = 1) -> SourceError:
    """A YAML syntax error as `path:line: what: reason`; `offset` turns the parser's 0-based line into the
    file's line (2 for a card's front matter, which starts after its `---` line)."""
    mark = getattr(error, "problem_mark", None)
    reason = getattr(error, "problem", None) or str(error).splitlines()[0]
    return SourceError(path, mark.line + offset if mark is not None else 1, f"{what}: {reason}")


def schema_error(path: Path, text: str, error: jsonschema.ValidationError, whole: str) -> SourceError:
    """A JSON Schema failure of a YAML file as `path:line: where: message`, at the line of the failing key
    (`whole` names the document when the failure is at its top)."""
    key_path = list(error.absolute_path)
    if error.validator == "additionalProperties":  # point at the first unexpected key, not its parent
        key_path.append(sorted(set(error.instance) - set(error.schema.get("properties", {})))[0])
    where = ".".join(str(p) for p in error.absolute_path) or whole
    return SourceError(path, yaml_line(text, key_path), f"{where}: {shorten(error.message)}")


def yaml_line(text: str, key_path: list) -> int:
    """1-based line of the YAML node at `key_path`, or of the deepest ancestor that exists."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return 1
    line = node.start_mark.line + 1 if node is not None else 1
    for key in key_path:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == key]
            if not match:
                break
            line = match[0][0].start_mark.line + 1
            node = match[0][1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line
