"""The language of a source: the sidecar's `language`, else guessed from its letters (offline, no model).

Kazakh is Cyrillic with letters Russian lacks (ә ғ қ ң ө ұ ү һ і); Russian is Cyrillic without them; a Latin text
is English only when common English words make up a fair share of it. Anything else is unknown (None).
"""

from __future__ import annotations

import re

from interview_dataset.text import count_letters, letter_counts

_KAZAKH_RUN = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]+")
_ENGLISH_WORDS = {"the", "and", "of", "to", "is", "in", "that", "we", "you", "it", "for", "what", "are", "this"}


def language_of(meta: dict | None, text: str) -> str | None:
    """ISO 639-1 code: the sidecar's, else "kk", "ru" or "en" from the text, else None."""
    if meta and meta.get("language"):
        return meta["language"]
    return detect_language(text)


def detect_language(text: str) -> str | None:
    cyrillic, latin = letter_counts(text)
    kazakh = count_letters(_KAZAKH_RUN, text)
    if cyrillic and cyrillic >= latin:
        # Kazakh-only letters are about 1 in 12 letters of a Kazakh text; a Russian text quoting a Kazakh name has few.
        return "kk" if kazakh * 50 > cyrillic else "ru"
    words = re.findall(r"[a-z]+", text.casefold())
    if words and sum(w in _ENGLISH_WORDS for w in words) * 12 > len(words):
        return "en"
    return None
