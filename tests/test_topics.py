"""The topic suggester: exchange text + language → a CAP major topic and its confidence, or None."""

from __future__ import annotations

import pytest

from interview_dataset.annotate.topics import LANGUAGES, Suggestion, lexicon, suggest_topic, topic_scores, words_of
from interview_dataset.vocabulary import load_cap_topics

CASES = [
    # (question, answer, language, suggestion)
    (
        "What will you do about inflation and the key rate of the central bank?",
        "Inflation is slowing down.",
        "en",
        Suggestion(1, 0.6364),
    ),
    ("Когда построят новую больницу и поликлинику в нашем районе?", "Врачи уже набраны.", "ru", Suggestion(3, 0.7143)),
    (
        "Ауыл шаруашылығына бөлінетін субсидия жеткілікті ме?",
        "Фермерлерге көмек беріледі.",
        "kk",
        Suggestion(4, 0.7143),
    ),
    (
        "Как вы оцениваете ситуацию с парламентскими выборами?",
        "Голосование прошло спокойно.",
        "ru",
        Suggestion(20, 0.7143),
    ),
    # navec: "лицеев" is no keyword but lies near the education centroid, and adds half a keyword's weight.
    ("Сколько лицеев и школ откроют?", "Три.", "ru", Suggestion(6, 0.6)),
    # Abstentions: no keyword at all; evidence spread over three topics; a language without keywords.
    ("How was your weekend?", "Fine, thank you.", "en", None),
    ("What about the army?", "Our schools and our hospitals are fine.", "en", None),
    ("Wie hoch ist die Inflation?", "Zu hoch.", "de", None),
    ("What is the inflation rate?", "Too high.", None, None),
]


@pytest.mark.parametrize(("question", "answer", "language", "expected"), CASES)
def test_suggest_topic_returns_the_code_and_confidence_or_abstains(question, answer, language, expected):
    assert suggest_topic(question, answer, language) == expected


def test_topic_scores_count_question_keywords_twice_and_phrases_whole():
    # "inflation" in the question (2) and the answer (1), "key rate" and "central bank" (2 each); "bank" is
    # also a keyword of domestic commerce.
    assert topic_scores(
        "What will you do about inflation and the key rate of the central bank?", "Inflation is slowing down.", "en"
    ) == {1: 7.0, 15: 2.0}


def test_a_russian_word_near_no_centroid_adds_nothing():
    assert topic_scores("Сколько лицеев откроют?", "Три.", "ru") == {6: 1.0}
    assert topic_scores("Что вы сказали сегодня?", "Ничего.", "ru") == {}


def test_words_are_lower_case_with_e_for_yo_and_hyphenated_words_whole():
    assert words_of("Жилищно-коммунальное ХОЗЯЙСТВО, учёные и 2024 год") == [
        "жилищно-коммунальное",
        "хозяйство",
        "ученые",
        "и",
        "год",
    ]


def test_every_cap_topic_has_keywords_in_every_language():
    for language in LANGUAGES:
        index = lexicon(language)
        codes = {k.code for found in (*index.exact.values(), *index.stems.values()) for k in found}
        assert codes == set(load_cap_topics()), language
