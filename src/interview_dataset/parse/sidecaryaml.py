"""A sidecar's YAML in one pass over libyaml's events: aliases and deep nesting refused before anything is
built, the values of a plain sidecar built in the same pass, a value YAML cannot build named at its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from interview_dataset.errors import SourceError
from interview_dataset.yamlfile import unbuildable_problem

# Only YAML's safe loader ever reads a sidecar: plain scalars, lists and mappings, no Python objects. The C
# implementation (libyaml, in PyYAML's wheels) is the same loader, about ten times faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What the safe loader builds from an untagged scalar, by the tag its resolver gives it. Any other tag (a merge
# key `<<`, the value key `=`, an explicit tag) leaves the sidecar to the loader itself.
_STR_TAG = "tag:yaml.org,2002:str"
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp"))
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
#: Sidecars are small and flat; deeper nesting or YAML aliases are refused before anything is built from them.
MAX_SIDECAR_DEPTH = 8


def load_sidecar_yaml(text: str, path: Path):
    """The sidecar's YAML as the safe loader builds it, aliases and deep nesting refused from the event stream
    before anything is built: an alias bomb of a few hundred bytes expands to gigabytes, and deep nesting
    exhausts the stack.

    The one pass over the events that checks the shape also builds the values of a plain sidecar (untagged
    scalars, lists and mappings, one document), with the loader's own resolver and scalar constructors, so
    the result is the loader's. Anything else (an anchor, a tag, a merge key, a key that is a list or a
    mapping, a second document, a scalar the constructor refuses) is left to `yaml.load` once the whole
    stream has passed the check, as before: its value or its error is the loader's own.
    """
    depth = 0
    stack: list = []  # the open lists and mappings, innermost last
    root = None
    building = True
    documents = 0
    unbuildable: tuple[int, str] | None = None  # the first scalar the loader cannot build, and why
    event: Any  # told apart by exact type, which mypy does not narrow on
    value: Any
    for event in yaml.parse(text, Loader=_SafeLoader):
        kind = type(event)
        if kind is yaml.AliasEvent:
            raise SourceError(
                path, line_of(event), f"YAML alias *{event.anchor}: sidecars may not use aliases; write the value out"
            )
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            depth += 1
            if depth > MAX_SIDECAR_DEPTH:
                raise SourceError(path, line_of(event), f"nested more than {MAX_SIDECAR_DEPTH} levels deep")
            if not building:
                continue
            if event.anchor is not None or event.tag not in (None, "!"):
                building = False
                continue
            value = {} if kind is yaml.MappingStartEvent else []
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            depth -= 1
            if building:
                stack.pop()
            continue
        elif kind is yaml.ScalarEvent:
            if not building:
                continue
            if event.anchor is not None or event.tag not in (None, "!"):
                building = False
                continue
            tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag == _STR_TAG:
                value = event.value
            elif tag in _SCALAR_TAGS:
                try:
                    value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, event.value))
                except ValueError as error:  # `2026-13-01`: reported once the whole stream has been checked
                    unbuildable = unbuildable or (line_of(event), unbuildable_problem(event.value, tag, error))
                    building = False
                    continue
                except Exception:  # the loader raises it, after the whole stream has been checked
                    building = False
                    continue
            else:
                building = False
                continue
        else:
            if kind is yaml.DocumentStartEvent:
                documents += 1
                building = building and documents == 1
            continue
        if not stack:
            root = value
        elif type(stack[-1]) is list:
            stack[-1].append(value)
        elif stack[-1].key is _NO_KEY:
            if kind is not yaml.ScalarEvent:  # a list or a mapping as a key: the loader says what is wrong
                building = False
                continue
            stack[-1].key = value
        else:
            stack[-1].mapping[stack[-1].key] = value  # a repeated key: the last value, in the first one's place
            stack[-1].key = _NO_KEY
        if kind is yaml.MappingStartEvent:
            stack.append(_OpenMapping(value))
        elif kind is yaml.SequenceStartEvent:
            stack.append(value)
    if unbuildable is not None:
        raise SourceError(path, *unbuildable)
    if building:
        return root
    try:
        return yaml.load(text, Loader=_SafeLoader)
    except ValueError as error:  # a value YAML reads as a date or a number but cannot build, under a tag or anchor
        raise SourceError(path, 1, f"a value YAML cannot build ({error}); quote it to keep it as text") from None


#: The pending key of a mapping between its values.
_NO_KEY = object()


class _OpenMapping:
    """A mapping being built from the events, with the key whose value comes next."""

    __slots__ = ("key", "mapping")

    def __init__(self, mapping: dict) -> None:
        self.mapping = mapping
        self.key: object = _NO_KEY


def line_of(event: yaml.Event) -> int:
    """The 1-based line a YAML event starts on."""
    return event.start_mark.line + 1 if event.start_mark else 1
