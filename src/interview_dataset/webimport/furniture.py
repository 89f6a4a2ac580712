"""Page furniture among the article's blocks, wherever it stands: counters, captions, separators, widgets' data,
the titles of the page's boxes, calls to action, teasers of other articles. Left out, and said (`--explain`)."""

from __future__ import annotations

import re

from interview_dataset.webimport.blocks import Block

# Page furniture that survives extraction on some pages: counters with their number, reading time, captions and
# "read also" lines by their opening words. Narrow on purpose: a short answer such as "That is my view." stays.
_FURNITURE = re.compile(
    r"(?i)^(?:фото|photo|сурет|иллюстрация|читайте также|read more|see also|тақырыпқа қатысты)\s*[:—–-]"
    r"|(?:просмотр\w*|қаралым\w*|views?|время чтения|оқу уақыты)\s*:?\s*\d"
    r"|\d[\d\s\u00a0,.]*\s*(?:просмотр\w*|views|min read|мин\.? чтения)\b"
    r"|^версия для печати$"
)
FURNITURE_MAX_CHARS = 120


#: Headings and bold lines that are page furniture between turns, whole: links to other articles, section titles
#: of the page's own boxes, separators. Compared whole (case and final colon aside), never as an opening.
FURNITURE_LINES = {
    "see also",
    "read also",
    "read more",
    "related",
    "related articles",
    "topics",
    "more on this topic",
    "читайте также",
    "справочно",
    "справка",
    "досье",
    "смотрите также",
    "см. также",
    "по теме",
    "тақырыпқа қатысты",
    "оқи отырыңыз",
    "lesen sie auch",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "lire aussi",
    "à lire aussi",
    "voir aussi",
    "sur le même sujet",
    "lee también",
    "te puede interesar",
    "ver también",
    "más información",
}
_SEPARATOR = re.compile(r"^[*\u2022\u00b7\-\u2013\u2014~=_#\s]+$")
# An ornament: a run of separator marks with a stray quote or symbol beside it ("========== ‘"), no word in it.
_ORNAMENT = re.compile(r"[*\u2022\u00b7\-\u2013\u2014~=_#]{3}")
# A widget's data printed as text (a gallery's `[ { "src": "…", … } ]`): no reader's text has a quoted key.
_SERIALISED = re.compile(r'[\[{,]\s*"[\w-]+"\s*:\s*["\[{\d]')


# A call to action closing or interrupting an article: short, opening with the verb, in each language we read.
_CALL_TO_ACTION = re.compile(
    r"(?i)^(?:subscribe|sign up|follow us|join us on|подпишитесь|подписывайтесь|присоединяйтесь|следите за нами|"
    r"жазылыңыз|abonnieren sie|folgen sie uns|abonnez-vous|suivez-nous|suscríbete|síguenos)\b"
)
CALL_TO_ACTION_MAX_CHARS = 160


def furniture_line(block: Block) -> str | None:
    """Why a block is page furniture wherever it stands ("a 'see also' box title", "a separator"), or None."""
    if _SEPARATOR.match(block.text):
        return "a separator line"
    if _ORNAMENT.search(block.text) and not re.search(r"[^\W_]", block.text):
        return "an ornament (separator marks, no word)"
    if _SERIALISED.search(block.text):
        return "a widget's data (quoted keys, as JSON has), not text"
    if is_box_title(block):
        return f"the title of a page box («{block.text}»)"
    if block.teaser and not block.bold and not block.label:
        return "a link on its own: a teaser of another page"
    if len(block.text) <= CALL_TO_ACTION_MAX_CHARS and _CALL_TO_ACTION.match(block.text) and not block.label:
        return "a call to action"
    return None


def is_box_title(block: Block) -> bool:
    """The block is the title of one of the page's boxes ("See also", «Справочно:»), whole."""
    return block.text.strip().rstrip(":").strip().casefold() in FURNITURE_LINES


def without_furniture(blocks: list[Block]) -> list[Block]:
    """Drop short plain paragraphs that are page furniture (`Просмотров: 877`, `Фото: …`, `6 min read`); a line
    that ends as a sentence does is text ("In 2024 views changed.")."""
    return [b for b in blocks if not _is_furniture(b)]


def _is_furniture(block: Block) -> bool:
    if block.bold or block.label or len(block.text) > FURNITURE_MAX_CHARS or block.text.endswith((".", "!", "?", "…")):
        return False
    return _FURNITURE.search(block.text) is not None
