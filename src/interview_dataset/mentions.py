"""Turn text → entity mentions: natasha's Russian news NER, titles dropped, canonical names from the alias table.

The model ships inside the natasha package and runs offline; it is loaded once per process, on first use.
Offsets index the turn's text, so `text[start:end] == mention["text"]` always holds.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import cache

import yaml

from .errors import SourceError
from .schema import json_validator, load_json_schema, schema_dir

_WORD = re.compile(r"\S+")
#: Languages the NER model reads (natasha's news model is Russian); other texts get `mentions` null.
LANGUAGES = {"ru"}


@dataclass(frozen=True)
class Aliases:
    """The curated alias table: titles to drop, and alias key → (canonical name, type)."""

    titles: tuple[tuple[str, ...], ...]
    canonical: dict[str, tuple[str, str]]


def alias_key(name: str) -> str:
    """The form names are matched in: case folded, "ё" as "е", no space after an initial, single spaces."""
    name = name.casefold().replace("ё", "е")
    name = re.sub(r"\.\s+", ".", name)
    return " ".join(name.split())


@cache
def load_aliases() -> Aliases:
    """schema/aliases.yaml, checked against its JSON Schema; an alias may name only one entity."""
    path = schema_dir() / "aliases.yaml"
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = list(json_validator(load_json_schema("aliases")).iter_errors(table))
    if errors:
        raise SourceError(path, 1, errors[0].message)
    canonical = {}
    for entity in table["entities"]:
        for alias in entity["aliases"]:
            key = alias_key(alias)
            if key in canonical and canonical[key][0] != entity["name"]:
                raise SourceError(path, 1, f"alias {alias!r} names both {canonical[key][0]!r} and {entity['name']!r}")
            canonical[key] = (entity["name"], entity["type"])
    titles = tuple(sorted((tuple(alias_key(t).split()) for t in table["titles"]), key=len, reverse=True))
    return Aliases(titles=titles, canonical=canonical)


class _Model:
    """natasha's segmenter, morphology and NER, built once per process (about a second)."""

    def __init__(self):
        with warnings.catch_warnings():
            # pymorphy2 (natasha's morphology) still imports pkg_resources, which warns on import.
            warnings.simplefilter("ignore")
            from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

            embedding = NewsEmbedding()
            self.doc = Doc
            self.segmenter = Segmenter()
            self.morph_vocab = MorphVocab()
            self.morph_tagger = NewsMorphTagger(embedding)
            self.ner_tagger = NewsNERTagger(embedding)


@cache
def model() -> _Model:
    return _Model()


def mentions_in(text: str) -> list[dict]:
    """The entity mentions of one text, in order: text, type (PER/ORG/LOC), normal, canonical, start, end."""
    m = model()
    doc = m.doc(text)
    doc.segment(m.segmenter)
    doc.tag_morph(m.morph_tagger)
    doc.tag_ner(m.ner_tagger)
    aliases = load_aliases()
    found = []
    for span in doc.spans:
        span.normalize(m.morph_vocab)
        mention = _without_title(text, span.start, span.stop, span.normal or span.text, aliases.titles)
        if mention is None:
            continue
        start, end, normal = mention
        canonical, kind = aliases.canonical.get(alias_key(normal), (normal, span.type))
        found.append({"text": text[start:end], "type": kind, "normal": normal, "canonical": canonical, "start": start, "end": end})
    return found


def _without_title(text: str, start: int, stop: int, normal: str, titles) -> tuple[int, int, str] | None:
    """Drop a leading title from a mention ("Президентом Д.Трампом" → "Д.Трампом"); None if only a title."""
    words = [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:stop])]
    normal_words = normal.split()
    for title in titles:
        if tuple(alias_key(w) for w in normal_words[: len(title)]) == title:
            if len(words) <= len(title) or len(normal_words) <= len(title):
                return None
            return words[len(title)][0], stop, " ".join(normal_words[len(title):])
    return start, stop, normal
