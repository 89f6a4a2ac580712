"""Small text helpers every layer prints with: one line per message, bounded length, a text's script."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """`text` with every control character escaped (\\n, \\x1b...), so a report line stays one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def shorten(text: str, limit: int = 200) -> str:
    """`text` cut to `limit` characters, the cut marked with "…": validators and pages quote whole values,
    which may be huge."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def letter_counts(text: str) -> tuple[int, int]:
    """(Cyrillic letters, Latin letters) of `text`: the script decides the language and the name rules."""
    return count_letters(_CYRILLIC_RUN, text), count_letters(_LATIN_RUN, text)


_CYRILLIC_RUN = re.compile("[\u0400-\u04ff]+")
_LATIN_RUN = re.compile("[A-Za-z]+")


def count_letters(runs: re.Pattern, text: str) -> int:
    """How many characters of `text` the character class of `runs` (a class with `+`) matches: counted a run
    at a time, many times faster than a character at a time in Python."""
    return sum(map(len, runs.findall(text)))
