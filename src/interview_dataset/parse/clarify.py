"""Short clarifications: a paragraph such as «Например?» or "How so?" that asks the one answering to go on.

In a text with nothing marked, two paragraphs in a row ending with '?' are two questions in a row, which the
reading refuses (one of them may end an answer). Issue 18 reads one case: the second is a short clarification
of the first and the paragraph after it answers them both; the question is then both paragraphs. What counts
is a closed list of phrases, not any short question: «Что дальше?» after «А кто, если не мы?» is a new question
after an answer that asks, and stays refused (real-shapes/nothing-marked-answer-asks-refused-ru).
"""

from __future__ import annotations

import re

from interview_dataset.parse.paragraphs import Paragraph

#: Clarifications as a whole paragraph, lower case, without the '?' (an opening «а», «и», "and" may precede).
CLARIFICATIONS = {
    # ru
    "например",
    "то есть",
    "почему",
    "зачем",
    "как именно",
    "каким образом",
    "в смысле",
    "в каком смысле",
    "а именно",
    "именно",
    "какие именно",
    "что именно",
    "серьезно",
    "правда",
    "неужели",
    "это как",
    "как так",
    "и как",
    "почему так",
    "за счет чего",
    # en
    "such as",
    "like what",
    "meaning",
    "why",
    "why so",
    "why not",
    "how so",
    "how come",
    "really",
    "for example",
    "for instance",
    "in what sense",
    "what do you mean",
    # kk
    "мысалы",
    "неге",
    "қалай",
    "яғни",
}
_OPENING = re.compile(r"^(?:а|и|ну|and|but|so)\s+")
_CLOSERS = "?»\"”’')]!.… \t\u00a0"


def is_clarification(paragraph: Paragraph) -> bool:
    """Whether a paragraph is one short clarification such as «Например?» or "How so?"."""
    if len(paragraph.lines) != 1:
        return False
    text = paragraph.lines[0].text.strip().rstrip(_CLOSERS).lstrip("«\"“'(").casefold().replace("ё", "е")
    text = " ".join(text.replace(",", " ").split())
    return len(text.split()) <= 4 and (text in CLARIFICATIONS or _OPENING.sub("", text) in CLARIFICATIONS)
