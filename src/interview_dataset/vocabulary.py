"""The curated tables in schema/: the CAP major topics (cap_topics.yaml), the topic vocabulary under them
(topics.yaml) and the entity alias table (aliases.yaml).

Both are read by one loader that checks them against their JSON Schemas and names the YAML line of the first
problem (as sidecars are, through yamlfile.schema_error), so a broken edit points at the line to fix. The checks, the card and the annotation read them here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from interview_dataset.errors import SourceError
from interview_dataset.schema import json_validator, load_json_schema, schema_dir
from interview_dataset.yamlfile import safe_load, schema_error, syntax_error, yaml_line


@dataclass(frozen=True)
class Topic:
    """One entry of the controlled vocabulary (schema/topics.yaml)."""

    slug: str
    label_en: str
    label_ru: str
    definition: str
    cap_major_topic: int


@dataclass(frozen=True)
class CapTopic:
    """One major topic of the Comparative Agendas Project master codebook (schema/cap_topics.yaml)."""

    code: int
    label_en: str
    label_ru: str
    label_kk: str
    definition_en: str
    definition_ru: str


@dataclass(frozen=True)
class Aliases:
    """The curated alias table: titles to drop, and alias key → (canonical name, type)."""

    titles: tuple[tuple[str, ...], ...]
    canonical: dict[str, tuple[str, str]]


def load_checked_yaml(name: str) -> tuple[object, str, Path]:
    """schema/<name>.yaml checked against schema/<name>.schema.json: its data, its text and its path; a
    SourceError names the line of the first problem."""
    path = schema_dir() / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    try:
        data = safe_load(text)
    except yaml.YAMLError as error:
        raise syntax_error(path, error) from None
    errors = sorted(json_validator(load_json_schema(name)).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        raise schema_error(path, text, errors[0], f"{name}.yaml")
    return data, text, path


@cache
def load_vocabulary() -> dict[str, Topic]:
    """The topic vocabulary by slug, checked against schema/topics.schema.json; a slug may appear once."""
    entries, text, path = load_checked_yaml("topics")
    assert isinstance(entries, list)  # the JSON Schema says so
    vocabulary: dict[str, Topic] = {}
    for k, entry in enumerate(entries):
        if entry["slug"] in vocabulary:
            raise SourceError(
                path, yaml_line(text, [k, "slug"]), f"duplicate slug {entry['slug']!r} in the topic vocabulary"
            )
        vocabulary[entry["slug"]] = Topic(**entry)
    return vocabulary


@cache
def load_cap_topics() -> dict[int, CapTopic]:
    """The CAP major topics by code, checked against schema/cap_topics.schema.json; a code may appear once."""
    entries, text, path = load_checked_yaml("cap_topics")
    assert isinstance(entries, list)  # the JSON Schema says so
    topics: dict[int, CapTopic] = {}
    for k, entry in enumerate(entries):
        if entry["code"] in topics:
            raise SourceError(
                path, yaml_line(text, [k, "code"]), f"duplicate CAP code {entry['code']} in cap_topics.yaml"
            )
        topics[entry["code"]] = CapTopic(**entry)
    return topics


def alias_key(name: str) -> str:
    """The form names are matched in: case folded, "ё" as "е", no space after an initial, single spaces."""
    name = name.casefold().replace("ё", "е")
    name = re.sub(r"\.\s+", ".", name)
    return " ".join(name.split())


@cache
def load_aliases() -> Aliases:
    """schema/aliases.yaml, checked against its JSON Schema; an alias may name only one entity."""
    table, text, path = load_checked_yaml("aliases")
    assert isinstance(table, dict)  # the JSON Schema says so
    canonical: dict[str, tuple[str, str]] = {}
    for k, entity in enumerate(table["entities"]):
        for a, alias in enumerate(entity["aliases"]):
            key = alias_key(alias)
            if key in canonical and canonical[key][0] != entity["name"]:
                line = yaml_line(text, ["entities", k, "aliases", a])
                raise SourceError(
                    path, line, f"alias {alias!r} names both {canonical[key][0]!r} and {entity['name']!r}"
                )
            canonical[key] = (entity["name"], entity["type"])
    titles = tuple(sorted((tuple(alias_key(t).split()) for t in table["titles"]), key=len, reverse=True))
    return Aliases(titles=titles, canonical=canonical)
