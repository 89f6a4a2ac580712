"""Turn text → entity mentions: natasha's Russian news NER, titles dropped, canonical names from the alias table.

The model ships inside the natasha package and runs offline; it is loaded once per process, on first use.
Offsets index the turn's text, so `text[start:end] == mention["text"]` always holds.
"""

from __future__ import annotations

import re
import warnings
from functools import cache

from .vocabulary import alias_key, load_aliases

_WORD = re.compile(r"\S+")
#: Languages the NER model reads (natasha's news model is Russian); other texts get `mentions` null.
LANGUAGES = {"ru"}


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
