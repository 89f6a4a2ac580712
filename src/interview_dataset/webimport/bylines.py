"""Bylines: the line that names who asked, before the first turn or closing the article; not a turn.

Two shapes are read. A verb of interviewing and a name ("Беседовала Анна Иванова", "Das Gespräch führte Anna
Berg"), before the first turn or last. And, last only, a bold paragraph that is a person's name and nothing else
(«Наталья ИВАНОВА.», a Russian paper's signature under its article), maybe with a photo credit after it: only
after an answer (a bold paragraph after a bold one could be a question), and only when the name rules take it
for a person's (parse/names.py; a Latin-script name, which no dictionary checks, must print its surname in
capitals as such signatures do).
"""

from __future__ import annotations

import re

from interview_dataset.webimport.blocks import Block
from interview_dataset.webimport.groups import looks_like_name

# A byline or credit closing the article: not a turn; it names the interviewer. In every language the importer
# reads: ru, kk, en, de, fr, es ("Беседовала Анна Иванова", "Das Gespräch führte Anna Berg", "Propos recueillis
# par Jean Dupont", "Entrevista realizada por Ana Gómez").
_BYLINE = re.compile(
    r"^(?:Беседовал[аи]?|Интервью (?:взял[аи]?|записал[аи]?)|Записал[аи]?|Сұхбаттасқан|Сұхбатты жүргізген|"
    r"Сұхбатты (?:алған|жазып алған)|Interviewed by|Interview by|Interview conducted by|"
    r"Das (?:Gespräch|Interview) führten?|Interview(?:s)?\s*:|Mit (?:ihr|ihm|ihnen) sprach|"
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


def without_byline(blocks: list[Block]) -> tuple[list[Block], str | None]:
    """A byline closing the article, or standing before its first turn ("Беседовала Анна Иванова"), or a bold
    signature closing it («Наталья ИВАНОВА.»), is not a turn; its name is the interviewer's."""
    first_turn = next((i for i, b in enumerate(blocks) if b.bold or b.label or b.long_label), len(blocks))
    for index in (len(blocks) - 1, *range(first_turn)):
        if blocks and blocks[index].kind == "p" and not blocks[index].label:
            match = _BYLINE.match(blocks[index].text)
            if match:
                return blocks[:index] + blocks[index + 1 :], match.group("name")
    if len(blocks) >= 2 and not blocks[-2].bold and blocks[-2].kind != "head":
        name = signature(blocks[-1])
        if name:
            return blocks[:-1], name
    return blocks, None


def signature(block: Block) -> str | None:
    """The name a bold paragraph signs with, in ordinary case («Наталья ИВАНОВА.» → «Наталья Иванова»), when
    the paragraph is that name and nothing else but a photo credit; else None."""
    if block.kind != "p" or not block.bold or block.label or block.asks:
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
