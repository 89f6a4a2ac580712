"""Exchange text + language → a suggested CAP major topic with its confidence, or None: the suggester abstains.

Offline, from what ships with the package: keywords per CAP major topic in English, Russian and Kazakh
(schema/cap_lexicon.yaml, written from the codebook's definitions) and, for Russian, natasha's navec news
embeddings (inside the natasha package, as the NER uses them). No model for English or Kazakh ships in a package
installable here, so those languages have the keywords alone.

How a suggestion is made: every keyword found in the question counts QUESTION_WEIGHT, in the answer's first
ANSWER_WORDS words 1, for its topic. In Russian, a word no keyword matches adds EMBEDDING_WEIGHT to the topic whose
embedding centroid (the mean vector of the navec words its keywords match) it lies closest to, when that cosine
similarity is at least EMBEDDING_MIN_SIMILARITY. The top topic's confidence is its share of all the evidence,
with PRIOR added to the total, so that one stray keyword is not a confident suggestion; below THRESHOLD the
suggester abstains, since a wrong topic is worse than none. THRESHOLD and ANSWER_WORDS were chosen on the dev
split of the evaluation set (benchmarks/topics.py), never on its test split.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from interview_dataset.annotate.embedding import news_embedding
from interview_dataset.vocabulary import load_checked_yaml

#: Languages with keywords; another language, or none, gets no suggestion.
LANGUAGES = ("en", "ru", "kk")
#: A keyword in the question counts this much; in the answer, 1. The question names the topic; a long answer
#: wanders.
QUESTION_WEIGHT = 2.0
#: Words of the answer read: its opening says what it answers.
ANSWER_WORDS = 150
#: Evidence added to the total before the top topic's share is taken: one keyword of the answer alone gives 1/3,
#: one of the question alone 1/2.
PRIOR = 2.0
#: Below this confidence the suggester abstains (chosen on the dev split: see benchmarks/topics.py).
THRESHOLD = 0.4
#: What a Russian word near a topic's centroid adds (a keyword adds 1), and how near it must be: common words
#: lie at most 0.12 from every centroid ("сказал", "который", "сегодня", "вопрос", "человек", "страна"), topic
#: words the keywords miss 0.3 or more ("фельдшер" 0.30 from health, "лицей" 0.39 from education).
EMBEDDING_WEIGHT = 0.5
EMBEDDING_MIN_SIMILARITY = 0.25

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class Suggestion:
    """A suggested CAP major topic code and the suggester's confidence in it (0-1)."""

    code: int
    confidence: float


def words_of(text: str) -> list[str]:
    """The words of a text in lower case, "ё" as "е", hyphenated words kept whole."""
    return _WORD.findall(text.casefold().replace("ё", "е"))


def suggest_topic(question: str, answer: str, language: str | None) -> Suggestion | None:
    """The CAP major topic of an exchange and the confidence in it, or None when the evidence is too weak or
    the language has no keywords."""
    if language not in LANGUAGES:
        return None
    scores = topic_scores(question, answer, language)
    total = sum(scores.values())
    if not total:
        return None
    code = max(scores, key=lambda c: (scores[c], -c))  # ties go to the lower code: the same answer every run
    confidence = round(scores[code] / (total + PRIOR), 4)
    return Suggestion(code, confidence) if confidence >= THRESHOLD else None


def topic_scores(question: str, answer: str, language: str) -> dict[int, float]:
    """Evidence per CAP code: keywords (and, in Russian, words near a topic's centroid) in the question and the
    opening of the answer."""
    scores: dict[int, float] = defaultdict(float)
    for words, weight in ((words_of(question), QUESTION_WEIGHT), (words_of(answer)[:ANSWER_WORDS], 1.0)):
        unmatched = _count_keywords(words, language, weight, scores)
        if language == "ru" and unmatched:
            _count_neighbours(unmatched, weight, scores)
    return dict(scores)


@dataclass(frozen=True)
class _Keyword:
    code: int
    rest: tuple[str, ...]  # the words after the first, each a word or a stem ending in "*"


@dataclass(frozen=True)
class _Lexicon:
    exact: dict[str, list[_Keyword]]
    stems: dict[str, list[_Keyword]]


@cache
def _lexicon_entries() -> list[dict]:
    entries, _, _ = load_checked_yaml("cap_lexicon")
    assert isinstance(entries, list)  # the JSON Schema says so
    return entries


@cache
def lexicon(language: str) -> _Lexicon:
    """The keywords of one language from schema/cap_lexicon.yaml, indexed by their first word or stem."""
    entries = _lexicon_entries()
    exact: dict[str, list[_Keyword]] = defaultdict(list)
    stems: dict[str, list[_Keyword]] = defaultdict(list)
    for entry in entries:
        for keyword in entry[language]:
            first, *rest = keyword.replace("ё", "е").split()
            index = stems if first.endswith("*") else exact
            index[first.rstrip("*")].append(_Keyword(entry["code"], tuple(rest)))
    return _Lexicon(dict(exact), dict(stems))


def _matches(word: str, pattern: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def _count_keywords(words: list[str], language: str, weight: float, scores: dict[int, float]) -> list[str]:
    """Add `weight` to a topic for every keyword of it found in `words`; the words no keyword starts at."""
    unmatched = []
    for i, word in enumerate(words):
        hit = False
        for keyword in _keywords_at(word, language):
            following = words[i + 1 : i + 1 + len(keyword.rest)]
            if len(following) == len(keyword.rest) and all(map(_matches, following, keyword.rest)):
                scores[keyword.code] += weight
                hit = True
        if not hit:
            unmatched.append(word)
    return unmatched


# Words repeat across a corpus (a few thousand make most of any text): what each word brings is looked up once.
@lru_cache(maxsize=200_000)
def _keywords_at(word: str, language: str) -> tuple[_Keyword, ...]:
    """The keywords that may start at `word`: those whose first word it is, or whose first stem it begins with."""
    index = lexicon(language)
    found = list(index.exact.get(word, ()))
    for end in range(1, len(word) + 1):
        found += index.stems.get(word[:end], ())
    return tuple(found)


def _count_neighbours(words: list[str], weight: float, scores: dict[int, float]) -> None:
    """Add EMBEDDING_WEIGHT × `weight` to the topic whose centroid each word lies closest to, when close enough."""
    for word in words:
        code = _nearest_topic(word) if len(word) > 3 else None
        if code is not None:
            scores[code] += EMBEDDING_WEIGHT * weight


@lru_cache(maxsize=200_000)
def _nearest_topic(word: str) -> int | None:
    """The CAP code whose centroid `word`'s navec vector lies closest to, if at least EMBEDDING_MIN_SIMILARITY."""
    import numpy as np

    embedding, codes, centroids = _centroids()
    vector = embedding.get(word)
    if vector is None:
        return None
    similarity = (vector / np.linalg.norm(vector)) @ centroids.T
    best = int(similarity.argmax())
    return codes[best] if similarity[best] >= EMBEDDING_MIN_SIMILARITY else None


@cache
def _centroids():
    """navec's news embedding, the CAP codes, and per code the unit mean vector of the navec words matched by its
    Russian one-word keywords. A stem's words are found by bisection in the sorted vocabulary."""
    import bisect

    import numpy as np

    embedding = news_embedding()
    vocabulary = sorted(embedding.vocab.words)
    index = lexicon("ru")
    members: dict[int, set[str]] = defaultdict(set)
    for word, keywords in index.exact.items():
        for keyword in keywords:
            if not keyword.rest and word in embedding:
                members[keyword.code].add(word)
    for stem, keywords in index.stems.items():
        start = bisect.bisect_left(vocabulary, stem)
        end = bisect.bisect_left(vocabulary, stem + "\U0010ffff")
        for keyword in keywords:
            if not keyword.rest:
                members[keyword.code].update(vocabulary[start:end])
    codes = sorted(members)
    pq = embedding.pq  # product quantisation: a word's vector is one code per sub-vector, decoded here in bulk
    centroids = []
    for code in codes:
        ids = [embedding.vocab[word] for word in sorted(members[code])]
        vectors = pq.codes[np.arange(pq.qdim), pq.indexes[ids]].reshape(len(ids), pq.dim)
        mean = vectors.mean(axis=0)
        centroids.append(mean / np.linalg.norm(mean))
    return embedding, codes, np.array(centroids)
