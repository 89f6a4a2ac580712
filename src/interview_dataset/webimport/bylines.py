"""Bylines: the line that names who asked, before the first turn or closing the article; not a turn.

Two shapes are read. A verb of interviewing and a name ("Беседовала Анна Иванова", "Das Gespräch führte Anna
Berg"), before the first turn or last. And, last only, a paragraph (bold or plain) that is a person's name and
nothing else («Наталья ИВАНОВА.», «Татьяна Ковачева», a Russian paper's signature under its article), maybe
with a photo credit after it: only after a further plain paragraph of an answer (after a question it could be
the answer), and only when the name rules take it for a person's (parse/names.py; a Latin-script name, which no
dictionary checks, must print its surname in capitals as such signatures do).
"""

from __future__ import annotations

import re

from interview_dataset.webimport.blocks import Block
from interview_dataset.webimport.groups import looks_like_name

# A byline or credit closing the article: not a turn; it names the interviewer. In every language the importer
# reads: ru, kk, en, de, fr, es ("Беседовала Анна Иванова", "Das Gespräch (mit Carola Rackete) führte Anna Berg",
# "Propos recueillis par Jean Dupont", "Entrevista realizada por Ana Gómez"). What follows the name after a comma
# is the name's outlet or place ("Birgit Raddatz, Inforadio"), not part of it.
_BYLINE = re.compile(
    r"^(?:Беседовал[аи]?|Интервью (?:взял[аи]?|записал[аи]?)|Записал[аи]?|Сұхбаттасқан|Сұхбатты жүргізген|"
    r"Сұхбатты (?:алған|жазып алған)|Interviewed by|Interview by|Interview conducted by|"
    r"Das (?:Gespräch|Interview)(?: mit [^.!?]{1,80}?)? führten?|Interview(?:s)?\s*:|Mit (?:ihr|ihm|ihnen) sprach|"
    r"Propos recueillis par|Entretien réalisé par|Interview réalisée par|"
    r"Entrevista (?:realizada )?(?:por|de)|Entrevistad[oa] por)\s*:?\s+(?P<name>[^.!?]+?)\.?$"
)
# A signature: a name (two or three words, a period after it or not), then maybe a photo credit after a period
# or a comma («Наталья ИВАНОВА. Фото автора», "Anna BERG, photo by the author").
_SIGNATURE = re.compile(
    r"^(?P<name>[^\W\d_][\w’'-]*(?:\s+[^\W\d_][\w’'-]*){1,2})"
    r"(?:\s*[.,]\s*(?i:фото|photo|foto|сурет)\b[^!?]*|\.)?$"
)
_CAPS_WORD = re.compile(r"[^\W\d_]{2,}(?:-[^\W\d_]{2,})?")
_LATIN = re.compile(r"[A-Za-z]")


#: Labels that credit a source or a photograph ("Source :", "Photos :", «Фото:»): never a speaker's.
CREDIT_LABELS = {"source", "sources", "photo", "photos", "crédit", "crédits", "credit", "credits", "фото"}
CREDIT_LABELS |= {"источник", "quelle", "fuente", "foto", "fotos"}


def without_byline(blocks: list[Block]) -> tuple[list[Block], str | None, bool]:
    """A byline closing the article, or standing before its first turn ("Беседовала Анна Иванова"), or a bold
    signature closing it («Наталья ИВАНОВА.»), is not a turn; its name is the interviewer's. A closing byline
    may stand in a list item and have credits, a book's reference or a photograph's after it (no turn): those go
    with it. Returned with the blocks: the name, and whether a verb of interviewing says that person asked."""
    first_turn = next((i for i, b in enumerate(blocks) if b.bold or b.label or b.long_label), len(blocks))
    for index in range(len(blocks) - 1, first_turn - 1, -1):
        block, last = blocks[index], index == len(blocks) - 1
        byline = not block.label and "\n" not in block.text and block.kind != "head"
        match = _BYLINE.match(block.text.removeprefix("\u2022 ")) if byline else None
        name = _byline_name(match) if match else ""
        if match and name and (last or _capitalised(name)):
            return blocks[:index] + blocks[index + 1 :] if last else blocks[:index], name, True
        if block.bold or block.long_label or (block.label and block.label.casefold() not in CREDIT_LABELS):
            break
    for index in range(first_turn):
        if blocks[index].kind == "p" and not blocks[index].label:
            match = _BYLINE.match(blocks[index].text)
            if match and _byline_name(match):
                return blocks[:index] + blocks[index + 1 :], _byline_name(match), True
    if len(blocks) >= 2 and not blocks[-2].bold and not blocks[-2].italic and blocks[-2].kind != "head":
        signed = signature(blocks[-1])
        if signed:
            return blocks[:-1], signed, False
    return blocks, None, False


def _byline_name(match: re.Match) -> str:
    """The byline's name without what follows a comma after it: the name's outlet or place."""
    return match.group("name").split(",")[0].strip()


def _capitalised(name: str) -> bool:
    """One to four words, each capitalised: a name, not a sentence that happens to open like a byline."""
    words = name.split()
    return 1 <= len(words) <= 4 and all(word[:1].isupper() for word in words)


def signature(block: Block) -> str | None:
    """The name a paragraph (bold or plain) signs with, in ordinary case («Наталья ИВАНОВА.» → «Наталья
    Иванова»), when the paragraph is that name and nothing else but a photo credit; else None."""
    if block.kind != "p" or block.italic or block.label or block.asks:
        return None
    match = _SIGNATURE.match(block.text.strip())
    if not match:
        return None
    words = match.group("name").split()
    capitals = [w for w in words if w.isupper() and _CAPS_WORD.fullmatch(w)]
    if _LATIN.search(match.group("name")) and not capitals:
        return None  # no dictionary says a Latin-script pair of words is a name; a surname in capitals does
    name = " ".join(w.title() if w in capitals else w for w in words)
    return name if looks_like_name(name) else None
