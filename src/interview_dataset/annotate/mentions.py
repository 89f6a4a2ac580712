"""Turn text → entity mentions: natasha's Russian news NER, titles dropped, canonical names from the alias table.

The model ships inside the natasha package and runs offline; it is loaded once per process, on first use.
Offsets index the turn's text, so `text[start:end] == mention["text"]` always holds.
"""

from __future__ import annotations

import re
import warnings
from functools import cache, lru_cache

from interview_dataset.annotate.embedding import news_embedding
from interview_dataset.vocabulary import Aliases, alias_key, load_aliases

_WORD = re.compile(r"\S+")
#: Languages the NER model reads (natasha's news model is Russian); other texts get `mentions` null.
LANGUAGES = {"ru"}


class _Model:
    """natasha's segmenter, morphology and NER, built once per process (about a second)."""

    def __init__(self):
        with warnings.catch_warnings():
            # pymorphy2 (natasha's morphology) still imports pkg_resources, which warns on import.
            warnings.simplefilter("ignore")
            from natasha import Doc, MorphVocab, NewsMorphTagger, NewsNERTagger, Segmenter
            from natasha.doc import DocSpan, DocToken
            from natasha.norm import normal_word
            from natasha.span import envelop_spans

            embedding = news_embedding()  # shared with the topic suggester
            self.doc = Doc
            self.segmenter = Segmenter()
            self.morph_vocab = MorphVocab()
            self.morph_tagger = NewsMorphTagger(embedding)
            self.ner_tagger = NewsNERTagger(embedding)
            self.doc_span = DocSpan
            self.doc_token = DocToken
            self.normal_word = normal_word
            self.envelop_spans = envelop_spans
            self.morph_reach = _reach(self.morph_tagger)
            self.morph_windows = _window_tagger(self.morph_tagger)


#: Sentence windows tagged per model call. Every call pays a fixed cost (numpy set-up, waking the BLAS threads)
#: and windows are short (7 to 9 tokens), so 64 of them make a call about the size of the NER's batch of 8 turns.
WINDOW_BATCH = 64


def _window_tagger(tagger):
    """natasha's morphology model, the same weights and vocabularies, taking WINDOW_BATCH windows per call."""
    from slovnet import Morph
    from slovnet.exec.encoders import TagEncoder
    from slovnet.exec.infer import MorphInfer

    infer = tagger.infer
    encoder = TagEncoder(infer.encoder.words_vocab, infer.encoder.shapes_vocab, WINDOW_BATCH)
    return Morph(MorphInfer(infer.model, encoder, infer.decoder), WINDOW_BATCH)


def _reach(tagger) -> int | None:
    """How many tokens either side of a word can change its tags: the sum of the convolutions' half-widths.

    Exact only for slovnet's tag model (embeddings, same-length Conv1d layers, a per-position head); for any
    other structure None, and whole sentences are tagged.
    """
    model = tagger.infer.model
    if type(model).__name__ != "Morph" or type(model.head).__name__ != "MorphHead":
        return None
    reach = 0
    for layer in model.encoder.layers:
        filters, channels, width = layer.conv.weight.shape
        if width % 2 != 1 or layer.conv.padding != width // 2:
            return None
        reach += width // 2
    return reach


@cache
def model() -> _Model:
    return _Model()


def mentions_in(text: str) -> list[dict]:
    """The entity mentions of one text, in order: text, type (PER/ORG/LOC), normal, canonical, start, end."""
    return mentions_in_texts([text])[0]


def mentions_in_texts(texts: list[str]) -> list[list[dict]]:
    """The entity mentions of each text, as `mentions_in` gives them one by one, tagged in one batch.

    Same result, byte for byte, as natasha's per-text Doc pipeline (kept as `reference_mentions_in`), at close
    to the cost of the NER model alone: the texts are tokenized once, the NER runs over all of them in batches,
    morphology runs only on short windows around the tokens whose normal form it can change, and each distinct
    span is normalised once. Give it all the turns of an interview (or more) at a time: every call pays for
    at least one model call per model.
    """
    m = model()
    tokens = [list(m.segmenter.tokenize(text)) for text in texts]
    spans = _ner_spans(texts, tokens)
    # natasha's span.tokens: the text's tokens that lie wholly inside the span.
    span_tokens = [list(m.envelop_spans(doc_tokens, doc_spans)) for doc_tokens, doc_spans in zip(tokens, spans)]
    tags = _morph_tags(texts, tokens, span_tokens)
    aliases = load_aliases()
    found = []
    for text, doc_spans, groups, doc_tags in zip(texts, spans, span_tokens, tags):
        mentions = []
        for span, group in zip(doc_spans, groups):
            normal = _normal(span.type, _span_key(span.start, group, doc_tags)) or text[span.start : span.stop]
            mention = _mention(text, span.start, span.stop, span.type, normal, aliases)
            if mention is not None:
                mentions.append(mention)
        found.append(mentions)
    return found


def reference_mentions_in(text: str) -> list[dict]:
    """natasha's own per-text pipeline: segment, morphology for every token, NER, normalise every span.

    The definition `mentions_in_texts` must match exactly; the tests and benchmarks/tagging.py compare against it.
    """
    m = model()
    doc = m.doc(text)
    doc.segment(m.segmenter)
    doc.tag_morph(m.morph_tagger)
    doc.tag_ner(m.ner_tagger)
    aliases = load_aliases()
    found = []
    for span in doc.spans:
        span.normalize(m.morph_vocab)
        mention = _mention(text, span.start, span.stop, span.type, span.normal or span.text, aliases)
        if mention is not None:
            found.append(mention)
    return found


def _mention(text: str, start: int, stop: int, kind: str, normal: str, aliases: Aliases) -> dict | None:
    """One mention dict, its title dropped and its canonical name looked up; None if it was only a title."""
    mention = _without_title(text, start, stop, normal, aliases.titles)
    if mention is None:
        return None
    start, end, normal = mention
    canonical, kind = aliases.canonical.get(alias_key(normal), (normal, kind))
    return {"text": text[start:end], "type": kind, "normal": normal, "canonical": canonical, "start": start, "end": end}


def _ner_spans(texts: list[str], tokens: list[list]) -> list[list]:
    """NER spans of every text, the model run over all non-blank texts in batches of similar length.

    This is slovnet's NERInfer.__call__ (what `NewsNERTagger.map` runs), fed the words of the tokens already
    made for natasha's Doc instead of tokenizing every text a second time: both are razdel's tokens of the text.
    natasha gives a blank text no spans without running the model. The model tags each text on its own, as
    padding never reaches a text's own positions (the padding embedding is zero and is masked after every
    layer), so grouping texts of similar length only saves padding; tests/test_tagging.py checks the result
    against one call per text.
    """
    from slovnet.markup import BIOMarkup

    infer = model().ner_tagger.infer
    spans: list[list] = [[] for _ in texts]
    order = sorted((i for i, text in enumerate(texts) if text.strip()), key=lambda i: len(tokens[i]))
    words = [[token.text for token in tokens[i]] for i in order]
    predictions = infer.decoder(infer.process(infer.encoder(words)))
    for i, item, tags in zip(order, words, predictions):
        spans[i] = BIOMarkup.from_tuples(zip(item, tags)).to_span(texts[i]).spans
    return spans


def _morph_tags(texts: list[str], tokens: list[list], span_tokens: list[list[list]]) -> list[dict]:
    """Per text, token start → (pos, sorted feats) for every span token whose normal form depends on its tags.

    natasha tags every sentence of a text. The tagger is a stack of same-length convolutions read out position
    by position, so a token's tags depend only on the words within `model().morph_reach` tokens of it in its own
    sentence (the sentence's edges read as zero padding, in a batch as on its own): tagging that window of the
    sentence gives the token the same tags. Identical windows are tagged once.
    """
    m = model()
    wanted: dict[tuple, list[tuple[dict, int, int]]] = {}
    tags: list[dict] = [{} for _ in texts]
    for i, (text, groups) in enumerate(zip(texts, span_tokens)):
        needed = {t.start for group in groups for t in group if not _tag_free(t.text)}
        if not needed:
            continue
        sents = list(m.segmenter.sentenize(text))
        # As natasha does: a sentence's words are the tokens wholly inside it; a token in none stays untagged.
        for sent_tokens in m.envelop_spans(tokens[i], sents):
            positions = [k for k, t in enumerate(sent_tokens) if t.start in needed]
            for lo, hi, picks in _windows(positions, len(sent_tokens), m.morph_reach):
                words = tuple(t.text for t in sent_tokens[lo:hi])
                wanted.setdefault(words, []).extend((tags[i], k - lo, sent_tokens[k].start) for k in picks)
    windows = sorted(wanted, key=len)  # similar lengths together: less padding, same tags
    for words, markup in zip(windows, m.morph_windows.map([list(words) for words in windows])):
        for doc_tags, k, start in wanted[words]:
            tagged = markup.tokens[k]
            doc_tags[start] = (tagged.pos, tuple(sorted(tagged.feats.items())))
    return tags


def _windows(positions: list[int], length: int, reach: int | None) -> list[tuple[int, int, list[int]]]:
    """Token windows [lo, hi) of a sentence that cover `reach` tokens either side of each position, merged
    where they overlap, each with the positions it serves; the whole sentence when reach is None."""
    if not positions:
        return []
    if reach is None:
        return [(0, length, positions)]
    windows: list[tuple[int, int, list[int]]] = []
    for k in positions:
        lo, hi = max(0, k - reach), min(length, k + reach + 1)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi, windows[-1][2] + [k])
        else:
            windows.append((lo, hi, [k]))
    return windows


def _span_key(start: int, tokens: list, tags: dict) -> tuple:
    """Everything a span's normal form depends on: each token's text, place in the span, pos and feats.

    A token without tags (its span's normal form does not depend on them, or natasha leaves it untagged because
    it straddles two sentences) has pos and feats None, as in an untagged natasha token.
    """
    return tuple((t.start - start, t.stop - start, t.text, *tags.get(t.start, (None, None))) for t in tokens)


@lru_cache(maxsize=1 << 16)
def _normal(kind: str, key: tuple) -> str:
    """natasha's normal form of a span of this type made of these tokens (cached: names recur across turns)."""
    m = model()
    tokens = [
        m.doc_token(start, stop, text, pos=pos, feats=dict(feats) if feats is not None else None)
        for start, stop, text, pos, feats in key
    ]
    span = m.doc_span(0, 0, kind, "", tokens=tokens)  # normalize reads only the type and the tokens
    span.normalize(m.morph_vocab)
    return span.normal


@lru_cache(maxsize=1 << 16)
def _tag_free(word: str) -> bool:
    """Whether natasha normalises this token to the same word whatever its pos and feats.

    natasha (norm.inflect_word) keeps the lower-cased word, or puts one of the word's dictionary forms in the
    nominative; when every form's nominative is the word itself, the tags cannot change the result, and the
    token needs no morphology.
    """
    m = model()
    normal = m.normal_word(word)
    for form in m.morph_vocab(normal):
        nominative = form.inflect({"Nom"})
        if nominative is not None and m.normal_word(nominative.word) != normal:
            return False
    return True


def _without_title(text: str, start: int, stop: int, normal: str, titles) -> tuple[int, int, str] | None:
    """Drop a leading title from a mention ("Президентом Д.Трампом" → "Д.Трампом"); None if only a title."""
    words = [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:stop])]
    normal_words = normal.split()
    for title in titles:
        if tuple(alias_key(w) for w in normal_words[: len(title)]) == title:
            if len(words) <= len(title) or len(normal_words) <= len(title):
                return None
            return words[len(title)][0], stop, " ".join(normal_words[len(title) :])
    return start, stop, normal
