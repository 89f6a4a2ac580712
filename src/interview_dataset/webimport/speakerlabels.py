"""Speaker labels of a labelled page: which label each block carries, and who of the speakers asks.

A transcript prints a person's first label with their title (`President of Russia Vladimir Putin:`) and the
short form after (`Vladimir Putin:`); notes ride on labels (`Question (retranslated):`); a label loses its bold
on some paragraphs. Each of these is read against the page's own short labels, never guessed: a long label is
a speaker's only when exactly one short label of the page stands in it as whole words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview_dataset.parse.interview import INTERVIEWER_LABELS, label_key
from interview_dataset.webimport.blocks import Block

#: Labels that say "a question" or "an answer" without naming anyone, by language. A remark or a response from
#: the floor ("Remark:", "Response:", «Реплика:») is the asking side's in the transcripts that print it.
GENERIC_QUESTION = {"question", "q", "remark", "response", "вопрос", "реплика", "сұрақ", "frage", "pregunta"}
GENERIC_ANSWER = {"answer", "a", "ответ", "жауап", "antwort", "respuesta", "réponse", "reponse"}
#: Our marker for a generic question label in a speaker-labelled text: a label the parser reads as the
#: interviewer's (parse/speakers.py INTERVIEWER_LABELS), by the page's language.
INTERVIEWER_MARKER = {"ru": "Корреспондент", "kk": "Тілші"}
DEFAULT_INTERVIEWER_MARKER = "Interviewer"
#: The speaker of an outlet's own label («СГ»:, outletlabels.py): a question label, as the parser reads one.
OUTLET_ASKS = "Question"
# A note after a label: `(retranslated)`, `(via interpreter)`, `(в переводе)`.
_NOTE = re.compile(r"\s*\([^()]{2,40}\)\s*$")
# What a plain paragraph opens with when its label lost the bold: a label and a colon.
_PLAIN_LABEL = re.compile(r"^\s*([^:]{1,80}?)\s*:\s+(?=\S)")
#: Who asks on a page of named speakers: the speaker with the most turns ending in '?', when at least this share
#: of their turns do and every other speaker's share is at most OTHERS_AT_MOST of theirs (interviewers make
#: remarks, interviewees ask back: the shares differ, they are not 1 and 0). Else who asks is not clear.
ASKS_SHARE, OTHERS_AT_MOST = 0.2, 0.5
#: The same, when that speaker also speaks first, as an interviewer does: two signals agree, so the others may
#: ask back more often (an interviewee who argues).
OTHERS_AT_MOST_FIRST = 2 / 3
#: With generic question labels, a named speaker who ends more than this share of turns with '?' may be asking.
ANSWERS_SHARE = 0.25
#: Where '?' does not tell (an interviewer who argues in statements), two speakers: the one who speaks first asks
#: when they also say at most this share of the other's words and end no fewer of their turns with '?'.
ASKER_WORDS_AT_MOST = 0.25


@dataclass(frozen=True)
class Labelled:
    """A block read as the start of a turn: the label as the page prints it, the speaker it names, the text."""

    printed: str
    speaker: str
    text: str
    why: str


def canonical(label: str) -> str:
    """A label without its note (`Question (retranslated)` → `Question`) and with single spaces."""
    return " ".join(_NOTE.sub("", label).split())


def squeezed(label: str) -> str:
    return label_key(label).replace(" ", "")


def is_generic_question(label: str) -> bool:
    return label_key(canonical(label)) in GENERIC_QUESTION


def is_generic_answer(label: str) -> bool:
    return label_key(canonical(label)) in GENERIC_ANSWER


def short_labels(blocks: list[Block]) -> dict[str, str]:
    """The page's short labels (bold, up to four words), by their squeezed key → the spelling seen first."""
    found: dict[str, str] = {}
    for block in blocks:
        if block.label:
            found.setdefault(
                squeezed(canonical(block.label)), OUTLET_ASKS if block.outlet_label else canonical(block.label)
            )
    return found


def labelled(block: Block, known: dict[str, str]) -> Labelled | None:
    """The block as a turn's start (its label resolved to one of the page's short labels), or None."""
    if block.outlet_label and block.label is not None and block.rest is not None:
        return Labelled(
            block.label, OUTLET_ASKS, block.rest, f"the outlet's own label ({block.label}): the interviewer's"
        )
    if block.label is not None and block.rest is not None:
        label = canonical(block.label)
        why = "a bold speaker label"
        if label != block.label:
            why += f" (its note «{block.label[len(label) :].strip()}» left out)"
        return Labelled(block.label, known.get(squeezed(label), label), block.rest, why)
    if block.long_label is not None and block.rest is not None:
        inside = _known_inside(canonical(block.long_label), known)
        if inside is not None:
            why = f"a bold label with a title; the page's short label «{inside}» stands in it"
            return Labelled(block.long_label, inside, block.rest, why)
    if not block.bold and block.label is None:
        match = _PLAIN_LABEL.match(block.text)
        if match and squeezed(canonical(match.group(1))) in known:
            speaker = known[squeezed(canonical(match.group(1)))]
            why = f"the page's label «{speaker}» without its bold"
            return Labelled(match.group(1), speaker, block.text[match.end() :], why)
        # `<b>President of Finland Sauli Niinisto </b>(<i>retranslated</i>): …`: the note and colon after the bold.
        bold = canonical(block.bold_prefix or "")
        inside = _known_inside(bold, known) if match and bold and canonical(match.group(1)) == bold else None
        if match and inside is not None:
            why = f"a bold label with a title, its colon after the bold; the page's short label «{inside}» stands in it"
            return Labelled(match.group(1), inside, block.text[match.end() :], why)
    return None


def _known_inside(label: str, known: dict[str, str]) -> str | None:
    """The one short label of the page that stands in a long label as whole words; None when none or several."""
    words = label_key(label).split()
    hits = set()
    for key, short in known.items():
        size = len(label_key(short).split())
        for start in range(len(words) - size + 1):
            if "".join(words[start : start + size]) == key:
                hits.add(short)
    return hits.pop() if len(hits) == 1 else None


@dataclass(frozen=True)
class Roles:
    """Who asks on a labelled page: the speakers who ask (names as labelled), and how it was decided."""

    askers: frozenset[str]
    why: str


def who_asks(turns: list[tuple[str, bool]], words: list[int] | None = None) -> Roles | str:
    """From (speaker, turn ends with '?') pairs in page order, and the words of each turn: the askers, or why it
    is not clear.

    Generic question labels (`Question:`) and interviewer labels (`Корр.:`) ask, and then every named speaker
    answers. Otherwise one named speaker asks: the one who ends the most turns with '?', clearly more often
    than every other speaker (ASKS_SHARE, OTHERS_AT_MOST; OTHERS_AT_MOST_FIRST when they also speak first); or,
    of two speakers, the one who speaks first and says far fewer words (ASKER_WORDS_AT_MOST). Several named
    speakers asking (a press conference of named journalists) is never the answer: a sidecar names one interviewer.
    """
    speakers = list(dict.fromkeys(speaker for speaker, _ in turns))
    generic = [s for s in speakers if is_generic_question(s) or label_key(s) in INTERVIEWER_LABELS]
    shares = {s: sum(q for who, q in turns if who == s) / sum(1 for who, _ in turns if who == s) for s in speakers}
    named = [s for s in speakers if s not in generic and not is_generic_answer(s)]
    if generic:
        doubtful = [s for s in named if shares[s] > ANSWERS_SHARE]
        if doubtful:
            return _shares("the page labels its questions, but some named speakers ask too", doubtful, shares)
        return Roles(frozenset(generic), f"«{'», «'.join(generic)}» labels the questions; every named speaker answers")
    ranked = sorted(named, key=lambda s: shares[s], reverse=True)
    asker = ranked[0] if ranked else None
    at_most = OTHERS_AT_MOST_FIRST if asker == turns[0][0] else OTHERS_AT_MOST
    if asker and shares[asker] >= ASKS_SHARE and all(shares[s] <= shares[asker] * at_most for s in ranked[1:]):
        return Roles(
            frozenset([asker]),
            f"«{asker}» ends {shares[asker]:.0%} of their turns with '?', clearly more often than any other speaker",
        )
    brief = _brief_first_speaker(turns, words, named, shares)
    if brief is not None:
        return brief
    return _shares("who asks is not clear from the turns", named, shares)


def _brief_first_speaker(
    turns: list[tuple[str, bool]], words: list[int] | None, named: list[str], shares: dict[str, float]
) -> Roles | None:
    """Of two named speakers, the first asks when they say at most ASKER_WORDS_AT_MOST of the other's words and the
    other does not ask as an interviewer does (ASKS_SHARE of their turns, and more often than the first): two
    signals of an interviewer, where '?' alone does not tell."""
    first = turns[0][0]
    if words is None or len(named) != 2 or len(turns) < 4 or first not in named:
        return None
    (other,) = [s for s in named if s != first]
    said = {s: sum(n for (who, _), n in zip(turns, words) if who == s) for s in named}
    asks_back = shares[other] >= ASKS_SHARE and shares[other] > shares[first]
    if asks_back or said[first] > said[other] * ASKER_WORDS_AT_MOST:
        return None
    return Roles(
        frozenset([first]),
        f"«{first}» speaks first and says {said[first]} words to «{other}»'s {said[other]} ('?' does not tell: "
        f"{shares[first]:.0%} and {shares[other]:.0%} of their turns)",
    )


def _shares(why: str, speakers: list[str], shares: dict[str, float]) -> str:
    return f"{why}: " + ", ".join(f"«{s}» ends {shares[s]:.0%} of their turns with '?'" for s in speakers)
