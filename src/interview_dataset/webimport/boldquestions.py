"""Turns from bold questions: bold paragraphs (or headings) ask, the plain blocks after each answer.

A paragraph that opens with a bold question and goes on in plain text (in the same paragraph, or after a
<br>) is split there. A page's own marker before a turn (`Q:`, `A:`, «— ») is removed once: ours replaces it.
"""

from __future__ import annotations

import re

from interview_dataset.parse.interview import ANSWER, INTERVIEWER_LABELS, QUESTION, label_key
from interview_dataset.text import shorten
from interview_dataset.webimport.asides import BOXED, boxed_under_headings, closing_note, closing_title, standfirst
from interview_dataset.webimport.blocks import LEADING_DASH, Block, lead_paragraphs
from interview_dataset.webimport.furniture import furniture_line, is_box_title
from interview_dataset.webimport.groups import section_names
from interview_dataset.webimport.pageturns import BlockNote, PageTurn, Reading
from interview_dataset.webimport.reading import PageRefused
from interview_dataset.webimport.speakerlabels import (
    DEFAULT_INTERVIEWER_MARKER,
    INTERVIEWER_MARKER,
    is_generic_question,
)

#: A page's own question and answer markers, by language: `Q:`/`A:`, «Вопрос:»/«Ответ:», `Frage:`/`Antwort:`.
PAGE_MARKERS = {
    QUESTION: ("q", "question", "вопрос", "сұрақ", "frage", "pregunta", "p"),
    ANSWER: ("a", "answer", "ответ", "жауап", "antwort", "respuesta", "réponse", "r"),
}
_MARKER = re.compile(r"^\s*(?P<marker>[^\W\d_]{1,9})\s*:\s*(?=\S)")


def split_bold_openings(blocks: list[Block]) -> tuple[list[Block], dict[int, str]]:
    """Blocks with each `<b>Question?</b> answer` paragraph split in two; and, by new block index, why."""
    out: list[Block] = []
    why: dict[int, str] = {}
    for block in blocks:
        prefix = (block.bold_prefix or "").rstrip(" \u00a0\"'»”)")
        rest = block.text[len(block.bold_prefix or "") :].strip() if block.bold_prefix else ""
        if block.kind == "p" and prefix.endswith("?") and rest and block.text.startswith(block.bold_prefix or ""):
            why[len(out)] = "the bold opening of a paragraph, ending with '?': split from the plain text after it"
            out.append(Block("p", block.bold_prefix or "", bold=True))
            why[len(out)] = "the plain text after a bold question in the same paragraph"
            out.append(Block("p", rest))
        else:
            out.append(block)
    return out, why


def _question_level(blocks: list[Block]) -> int | None:
    """The heading level of the questions on a page of heading questions: the commonest among headings that
    end with '?' (else among all headings)."""
    heads = [b for b in blocks if b.kind == "head"]
    asking = [b.level for b in heads if b.asks] or [b.level for b in heads]
    return max(dict.fromkeys(asking), key=asking.count) if asking else None


# A name label opening an answer under a bold question: `McKelvey:`, `Rick:`, `Anna Berg:` (bold or not).
_NAME_LABEL = re.compile(r"^(?P<name>(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w.’'-]*\s?){1,4}?)\s*:\s*(?=\S)")


def _named_turns(turns: list[PageTurn], asker: str, path, notes: list[BlockNote]) -> tuple[list[PageTurn], str | None]:
    """Turns of one role that each open with the speaker's name (`McKelvey: …`, `Корр.: …?`), a name that
    opens two or more of them: the name is removed from the text once and becomes the turn's label. With named
    answers the questions are the interviewer's (`asker`); with named questions only, the turns keep our Q/A
    markers and the questions' one name is returned as who asks. Some turns of a role named and others not is
    refused."""
    named_roles = {}
    for role, plural in ((QUESTION, "questions"), (ANSWER, "answers")):
        of_role = [t for t in turns if t.role == role]
        names = [m.group("name").strip() for t in of_role if (m := _NAME_LABEL.match(t.paragraphs[0]))]
        if not any(names.count(name) >= 2 for name in names):  # one answer opening "Yes: …" names nobody
            continue
        if len(names) < len(of_role):
            unnamed = next(t for t in of_role if not _NAME_LABEL.match(t.paragraphs[0]))
            raise PageRefused(
                path,
                f"{len(names)} of {len(of_role)} {plural} open with a name («{names[0]}:»), but "
                f"«{shorten(unnamed.paragraphs[0], 50)}» does not: whose {plural[:-1]} is it? convert it by hand",
                notes,
            )
        named_roles[role] = sorted(set(names))
    if not named_roles:
        return _first_exchange_labelled(turns, asker, notes), None
    relabelled = []
    for turn in turns:
        match = _NAME_LABEL.match(turn.paragraphs[0]) if turn.role in named_roles else None
        paragraphs = (turn.paragraphs[0][match.end() :], *turn.paragraphs[1:]) if match else turn.paragraphs
        if ANSWER not in named_roles:
            label = None  # named questions only: our Q/A markers, the name said in the sidecar
        else:
            label = match.group("name").strip() if match else asker
        relabelled.append(PageTurn(turn.role, label, paragraphs))
    said = " and ".join(f"every {'question' if r == QUESTION else 'answer'}" for r in named_roles)
    notes.append(BlockNote(0, "(names)", "roles", f"{said} opens with its speaker's name: the name is its label"))
    askers = named_roles.get(QUESTION, [])
    named_asker = askers[0] if len(askers) == 1 and ANSWER not in named_roles else None
    if named_asker and (label_key(named_asker) in INTERVIEWER_LABELS or is_generic_question(named_asker)):
        named_asker = None
    return relabelled, named_asker


def _first_exchange_in_bold(turns: list[PageTurn], openers: list[Block]) -> bool:
    """The first question opens with the outlet's label in bold and the first answer with a bold speaker label
    (`<b>Reporterre — …?</b>`, `<b>Yves Monteil —</b> …`), a colon or a dash after each; no later turn has either."""
    return (
        len(turns) >= 2
        and (turns[0].role, turns[1].role) == (QUESTION, ANSWER)
        and openers[0].outlet_label
        and openers[0].rest is not None
        and openers[1].label is not None
        and openers[1].rest is not None
        and not openers[1].outlet_label
        and not any(b.label or b.long_label for b in openers[2:])
    )


def _first_exchange_labelled(
    turns: list[PageTurn], asker: str, notes: list[BlockNote], openers: list[Block] | None = None
) -> list[PageTurn]:
    """Pages that label only their first exchange (`RFI : …?` / `Martial Ze Belinga : …`, the French space before
    the colon; or, in bold markup, the outlet's label and the answerer's, a dash after each): both labels go once;
    the answerer's name is the label of every answer, the questions are the interviewer's (`asker`). Any later
    turn opening with a name, or a first exchange with one label, is left as it is."""
    questions = [t for t in turns if t.role == QUESTION]
    answers = [t for t in turns if t.role == ANSWER]
    if not questions or not answers or turns[0].role != QUESTION:
        return turns
    if openers is not None:  # the labels read from the bold markup (_first_exchange_in_bold)
        asked, name = openers[0].label or "", openers[1].label or ""
        first_texts = {id(questions[0]): openers[0].rest or "", id(answers[0]): openers[1].rest or ""}
    else:
        asked_match, answered = (_NAME_LABEL.match(t.paragraphs[0]) for t in (questions[0], answers[0]))
        if not asked_match or not answered:
            return turns
        if any(_NAME_LABEL.match(t.paragraphs[0]) for t in [*questions[1:], *answers[1:]]):
            return turns
        asked, name = asked_match.group("name").strip(), answered.group("name").strip()
        first_texts = {
            id(questions[0]): questions[0].paragraphs[0][asked_match.end() :],
            id(answers[0]): answers[0].paragraphs[0][answered.end() :],
        }
    if label_key(asked) == label_key(name):
        return turns
    relabelled = []
    for turn in turns:
        first_text = first_texts.get(id(turn))
        paragraphs = (first_text, *turn.paragraphs[1:]) if first_text is not None else turn.paragraphs
        relabelled.append(PageTurn(turn.role, name if turn.role == ANSWER else asker, paragraphs))
    notes.append(
        BlockNote(
            0,
            "(names)",
            "roles",
            f"only the first exchange is labelled («{asked}», «{name}»): the labels go once, every answer is {name}'s",
        )
    )
    return relabelled


def without_page_marker(text: str, role: str, number: int, path) -> str:
    """The turn's text without the page's own marker (once); a marker of the other role is refused."""
    text = LEADING_DASH.sub("", text, count=1)
    match = _MARKER.match(text)
    if not match:
        return text
    marker = match.group("marker").casefold()
    if marker in PAGE_MARKERS[role]:
        return text[match.end() :]
    other = ANSWER if role == QUESTION else QUESTION
    if marker in PAGE_MARKERS[other]:
        raise PageRefused(
            path,
            f"block {number}, «{shorten(text, 50)}», is set as {'a question' if role == QUESTION else 'an answer'} "
            f"but opens with the page's {'answer' if role == QUESTION else 'question'} marker «{match.group('marker')}»; "
            "convert it by hand",
        )
    return text


def bold_turns(blocks: list[Block], path, language: str | None = None, emphasis: str = "bold") -> Reading:
    """Bold paragraphs (or, on pages without them, headings) ask; the plain blocks after each answer. `emphasis`
    says how the questions were set, for --explain (italicquestions.py hands its questions over as bold)."""
    blocks, split = split_bold_openings(blocks)
    # A box closing the page (its title after the last bold paragraph, «Справочно:», "See also"): what it holds
    # is no part of the last answer.
    last_bold = max((i for i, b in enumerate(blocks) if b.bold and not furniture_line(b)), default=len(blocks))
    box = next((i for i in range(last_bold + 1, len(blocks)) if is_box_title(blocks[i])), len(blocks))
    if last_bold < len(blocks) and closing_title(blocks, last_bold):
        box = last_bold
    boxed = "a box after the last turn (its title, then what it holds)"
    note_after = closing_note(blocks, box)
    ending = "an editorial note in italics after the last answer"
    kept = [(i, b) for i, b in enumerate(blocks) if not furniture_line(b) and i < note_after]
    notes = [
        BlockNote(i + 1, b.text, "left out", why)
        for i, b in enumerate(blocks)
        if (why := boxed if i >= box else ending if i >= note_after else furniture_line(b))
    ]
    numbers = [i + 1 for i, _ in kept]
    blocks = [b for _, b in kept]
    kind = "p" if sum(b.bold and b.kind == "p" for b in blocks) >= 2 else "head"
    # Many sites set the lead (standfirst) in bold: a bold first paragraph that is not a question is lead; so
    # is a subtitle heading above the first bold question.
    start = 1 if blocks and blocks[0].bold and blocks[0].kind == "p" and not blocks[0].asks else 0
    level = _question_level(blocks[start:]) if kind == "head" else None
    first = next(
        (
            i
            for i in range(start, len(blocks))
            if blocks[i].bold and blocks[i].kind == kind and blocks[i].level == level
        ),
        None,
    )
    if first is None or sum(b.bold for b in blocks[first:]) < 2:
        raise PageRefused(path, "no Q&A structure: fewer than two bold questions after the lead; convert it by hand")
    # The outlet's own label («rbb:», "RFI :") marks the interviewer's first question: a bold paragraph asking
    # before it is a bold standfirst or a question, and the page does not say which.
    labelled = next((i for i in range(first, len(blocks)) if blocks[i].outlet_label and blocks[i].bold), None)
    if labelled is not None and labelled != first and standfirst(blocks[first:labelled]):
        first = labelled  # a bold standfirst, its intro in italics: no answer before the labelled question
    if labelled is not None and labelled != first:
        raise PageRefused(
            path,
            f"block {numbers[labelled]}, «{shorten(blocks[labelled].text, 50)}», opens with the outlet's label, as a "
            f"first question does, but bold paragraphs before it ask too (block {numbers[first]}, "
            f"«{shorten(blocks[first].text, 50)}»): a bold lead or questions? convert it by hand",
            notes,
        )
    # Headings that are not the questions' (section titles, pull quotes set as headings) are left out, as is a
    # heading right before the first question; one that asks is not guessed at.
    left_out = set()
    for i in range(first - 1 if first and blocks[first - 1].kind == "head" else first, len(blocks)):
        block = blocks[i]
        if block.kind == "head" and (kind == "p" or block.level != level):
            if block.asks:
                raise PageRefused(
                    path,
                    f"block {numbers[i]}, the heading «{shorten(block.text, 60)}», asks, but the questions are "
                    f"{'bold paragraphs' if kind == 'p' else f'headings of level {level}'}: a question or an "
                    "intertitle? convert it by hand",
                    notes,
                )
            left_out.add(i)
            notes.append(
                BlockNote(numbers[i], block.text, "left out", "a heading that is not a question: an intertitle")
            )
    sections = section_names(blocks, numbers, left_out, first, path, notes)
    box_text = boxed_under_headings(blocks, left_out, first)
    notes += [BlockNote(numbers[i], blocks[i].text, "left out", BOXED) for i in sorted(box_text)]
    left_out |= box_text
    numbers = [n for i, n in enumerate(numbers) if i not in left_out]
    blocks = [b for i, b in enumerate(blocks) if i not in left_out]
    first -= sum(1 for i in left_out if i < first)  # the heading right before the first question
    asker = INTERVIEWER_MARKER.get(language or "", DEFAULT_INTERVIEWER_MARKER)
    lead = lead_paragraphs(blocks[:first])
    notes += [
        BlockNote(n, b.text, "lead", f"before the first {emphasis} question") for n, b in zip(numbers, blocks[:first])
    ]
    turns: list[PageTurn] = []
    openers: list[Block] = []  # the block that opens each turn
    for k, (number, block) in enumerate(zip(numbers[first:], blocks[first:]), start=first):
        role = QUESTION if block.bold else ANSWER
        why = split.get(number - 1) or (f"{emphasis}: asks" if block.bold else "plain: answers")
        label = None if sections is None else (asker if role == QUESTION else sections[k])
        if sections is not None and role == ANSWER:
            why += f", in the section of «{label}» (a group interview)"
        if turns and turns[-1].role == role:  # a question or an answer of several paragraphs
            turns[-1] = PageTurn(role, label, turns[-1].paragraphs + (block.text,))
            notes.append(BlockNote(number, block.text, "continues", f"{why}, a further paragraph of the {role}"))
        else:
            # The outlet's label on a question («rbb: Frau Rackete, …?») is the page's question marker: it goes once.
            text = block.rest if role == QUESTION and block.outlet_label and block.rest else block.text
            turns.append(PageTurn(role, label, (without_page_marker(text, role, number, path),)))
            openers.append(block)
            notes.append(BlockNote(number, block.text, role, why))
    notes.sort(key=lambda note: note.number)
    named_asker = None
    if sections is None and _first_exchange_in_bold(turns, openers):
        turns = _first_exchange_labelled(turns, asker, notes, openers)
    elif sections is None:
        turns, named_asker = _named_turns(turns, asker, path, notes)
    if turns[-1].role == QUESTION:
        raise PageRefused(
            path,
            f"the last bold paragraph («{shorten(turns[-1].paragraphs[0], 60)}») has no answer after it; convert it by hand",
            notes,
        )
    return Reading(lead, turns, notes, named_asker)
