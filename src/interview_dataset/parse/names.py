"""Who a lead says is speaking: a person's name beside a verb of speaking, never an outlet, a title or a place.

A wrong name in a dataset about who said what is worse than no name, so a candidate must pass every check:
not in quotes, not next to a word such as «газета» or "agency", not the sidecar's outlet, not a domain, not a
Latin brand in a Cyrillic text, and, in Cyrillic, at least one word the morphology analyser (pymorphy2, shipped
with natasha) tags as a first name, surname or patronymic, or that ends like a surname.
"""

from __future__ import annotations

import re
import warnings
from functools import cache

from interview_dataset.text import letter_counts

# Press leads name the interviewee next to a verb of speaking: "..., рассказал министр Мурат Нуртлеу." or
# "Jane Doe told us ...". Only these two shapes are read; any other lead leaves the name unknown (null).
_SPEECH = re.compile(
    r"(?i:рассказал[аи]?|рассказывает|рассуждает|рассуждал[аи]?|ответил[аи]?|отвечает|поделил(?:ся|ась|ись)"
    r"|заявил[аи]?|говорит|сообщил[аи]?|сообщает|отметил[аи]?|подчеркнул[аи]?"
    r"|айтты|деді|мәлімдеді|told|said|says|explains|explained|spoke)"
)
CAPITALISED = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]+"
_TITLE_WORD = re.compile(rf"{CAPITALISED}(?:-{CAPITALISED})?")
_TOKEN = re.compile(r"[\w’'.-]+|[,;:!?«»\"“”„()]")
_CLAUSE_END = {",", ";", ":", "!", "?", ")", "»", '"', "”"}
_QUOTES = {"«", "»", '"', "“", "”", "„"}
#: Words after which a capitalised run is an object of the sentence, not the speaker ("to Jane Doe").
_PREPOSITIONS = {
    "the",
    "a",
    "an",
    "to",
    "with",
    "of",
    "in",
    "for",
    "on",
    "at",
    "by",
    "from",
    "about",
    "в",
    "во",
    "с",
    "со",
    "к",
    "ко",
    "по",
    "о",
    "об",
    "от",
    "для",
    "на",
    "у",
    "из",
    "за",
    "при",
    "про",
}
#: Words that say the next name is a publication, not a person (any case form: matched by stem).
_OUTLET_WORDS = re.compile(
    r"(?i:газет|издани|агентств|телеканал|канал|портал|сайт|журнал|радио|newspaper|agency"
    r"|channel|website|site|portal|magazine|outlet|radio|tv)\w*"
)
#: Latin words that make a run a brand, a title or a place rather than a person's name.
_NOT_NAME_WORDS = {
    "news",
    "times",
    "post",
    "press",
    "agency",
    "radio",
    "tv",
    "daily",
    "journal",
    "policy",
    "review",
    "herald",
    "tribune",
    "gazette",
    "network",
    "media",
    "channel",
    "online",
    "today",
    "weekly",
    "service",
    "minister",
    "president",
    "ambassador",
    "secretary",
    "chairman",
    "director",
    "mayor",
    "governor",
    "senator",
    "spokesman",
    "spokeswoman",
    "prime",
    "deputy",
    "head",
    "general",
    "united",
    "states",
    "republic",
    "city",
    "new",
    "york",
    "central",
    "asia",
    "kazakhstan",
    "parliament",
    "government",
}
_SURNAME_ENDING = re.compile(
    r"(?i:.*(?:ов|ев|ёв|ова|ева|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая|улы|ұлы|кызы|қызы|енко|швили))"
)
_DOMAIN = re.compile(r"\w\.[a-zA-Zа-яА-Я]{2,}")


def name_in_lead(lead: str, outlet: str | None = None) -> str | None:
    """The interviewee's name where the lead states it beside a verb of speaking; None when it does not, or
    when the only candidate is not a person's name.

    The name is a run of two or three capitalised words right after the verb's clause (ending the clause) or
    right before the verb, not after a preposition or article; a title in the run is dropped by keeping its
    last two words ("Президент Касым-Жомарт Токаев" → "Касым-Жомарт Токаев"). Each sentence is scanned once,
    so the time is linear in the lead's length.
    """
    cyrillic = _mostly_cyrillic(lead)
    for sentence in re.split(r"(?<=[.!?])\s+", lead):
        tokens = [t.rstrip(".") or t for t in _TOKEN.findall(sentence)]
        name = _name_in_sentence(tokens, outlet, cyrillic)
        if name:
            return name
    return None


def _name_in_sentence(tokens: list[str], outlet: str | None, cyrillic: bool) -> str | None:
    verbs = [i for i, token in enumerate(tokens) if _SPEECH.fullmatch(token)]
    if not verbs:
        return None
    runs = _runs(tokens)
    after = [
        r
        for r in runs
        if _ends_clause(tokens, r)
        and 2 <= r[1] - r[0] + 1 <= 3
        and (r[0] == 0 or tokens[r[0] - 1].casefold() not in _PREPOSITIONS)
    ]
    ending_at = {last: first for first, last in runs}
    cursor = 0
    for v in verbs:
        while cursor < len(after) and after[cursor][0] <= v:
            cursor += 1
        candidates = []
        if cursor < len(after):
            candidates.append(after[cursor])
        end = v - 1 if v and tokens[v - 1] == "," else v
        if end - 1 in ending_at and 2 <= end - ending_at[end - 1] <= 3:
            candidates.append((ending_at[end - 1], end - 1))
        for first, last in candidates:
            words = tokens[first : last + 1][-2:]
            if is_person_name(words, outlet, cyrillic) and not _beside_outlet_word(tokens, first, last):
                return " ".join(words)
    return None


def _runs(tokens: list[str]) -> list[tuple[int, int]]:
    """(first, last) index of each run of capitalised words; a verb of speaking ends a run."""
    runs, start = [], None
    for i, token in enumerate([*tokens, ""]):
        capitalised = bool(_TITLE_WORD.fullmatch(token)) and not _SPEECH.fullmatch(token)
        if capitalised and start is None:
            start = i
        elif not capitalised and start is not None:
            runs.append((start, i - 1))
            start = None
    return runs


def _ends_clause(tokens: list[str], run: tuple[int, int]) -> bool:
    return run[1] + 1 == len(tokens) or tokens[run[1] + 1] in _CLAUSE_END


def _beside_outlet_word(tokens: list[str], first: int, last: int) -> bool:
    """In quotes, or within two words after «газета», "agency" and the like."""
    before = tokens[max(0, first - 2) : first]
    if (first and tokens[first - 1] in _QUOTES) or (last + 1 < len(tokens) and tokens[last + 1] in _QUOTES):
        return True
    return any(_OUTLET_WORDS.fullmatch(word) for word in before)


def is_person_name(words: list[str], outlet: str | None = None, cyrillic: bool = True) -> bool:
    """Whether capitalised words look like a person's name rather than an outlet, a brand, a title or a place."""
    joined = " ".join(words)
    if outlet and (_key(joined) in _key(outlet) or _key(outlet) in _key(joined)):
        return False
    if any(_DOMAIN.search(word) or word.isupper() for word in words):
        return False
    latin = all(re.fullmatch(r"[A-Za-z’'.-]+", word) for word in words)
    if latin:
        return not cyrillic and not any(word.casefold() in _NOT_NAME_WORDS for word in words)
    return _morphology_says_person(tuple(words))


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


@cache
def _morphology_says_person(words: tuple[str, ...]) -> bool:
    """A word is tagged Name, Surn or Patr; or one ends like a surname (Токаев, Куспанова) while no other word
    is a dictionary word (so «Министр Финансов» is not a name). No word may be mainly a place or organisation."""
    analyser = morphology()
    parts = [part for word in words for part in word.split("-")]
    tagged, surname_like, common = False, set(), set()
    for part in parts:
        parses = analyser.parse(part)
        if parses and {"Geox", "Orgn", "Trad"} & _grammemes(parses[0]):
            return False
        grammemes = set().union(*(_grammemes(p) for p in parses[:3])) if parses else set()
        tagged = tagged or bool({"Name", "Surn", "Patr"} & grammemes)
        if _SURNAME_ENDING.fullmatch(part):
            surname_like.add(part)
        elif analyser.word_is_known(part.lower()):
            common.add(part)
    return tagged or bool(surname_like and not common)


def _grammemes(parse) -> set[str]:
    return set(str(parse.tag).replace(" ", ",").split(","))


@cache
def morphology():
    """natasha's wrapper of pymorphy2's analyser (pymorphy2 alone fails on Python 3.11), loaded on first use."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pymorphy2 imports pkg_resources, which warns
        from natasha import MorphVocab

        return MorphVocab()


def _mostly_cyrillic(text: str) -> bool:
    cyrillic, latin = letter_counts(text)
    return cyrillic >= latin
