"""Turns from the blocks: speaker labels in bold, or bold questions alternating with plain answers."""

from __future__ import annotations

from dataclasses import replace

from interview_dataset.parse.interview import (
    ANSWER,
    INTERVIEWER_LABELS,
    QUESTION,
    STATEMENT,
    label_key,
)
from interview_dataset.parse.markers import ends_with_question
from interview_dataset.text import shorten
from interview_dataset.webimport.blocks import LEADING_DASH, Block, lead_paragraphs
from interview_dataset.webimport.boldquestions import bold_turns
from interview_dataset.webimport.furniture import furniture_line, is_box_title
from interview_dataset.webimport.italicquestions import italic_questions
from interview_dataset.webimport.pageturns import BlockNote, PageTurn, Reading
from interview_dataset.webimport.reading import PageRefused
from interview_dataset.webimport.speakerlabels import (
    DEFAULT_INTERVIEWER_MARKER,
    INTERVIEWER_MARKER,
    Labelled,
    canonical,
    is_generic_answer,
    is_generic_question,
    labelled,
    short_labels,
    squeezed,
    who_asks,
)


def structure(blocks: list[Block], path, language: str | None = None) -> Reading:
    """The page's turns: speaker labels if two or more speakers are labelled, else bold questions. The outlet's
    own label counts only when it opens two turns or more: a page that labels its first exchange alone is a page
    of bold questions (boldquestions.py)."""
    labelled_keys = {squeezed(canonical(b.label)) for b in blocks if b.label and not b.outlet_label}
    if sum(b.outlet_label for b in blocks) >= 2:
        labelled_keys.add("(the outlet)")
    if len(labelled_keys) >= 2:
        return _speaker_turns(blocks, path, language)
    if sum(b.bold or (b.bold_prefix or "").rstrip().endswith("?") for b in blocks) >= 2:
        return bold_turns(blocks, path, language)
    italic = italic_questions(blocks, path)
    if italic is not None:
        return bold_turns(italic, path, language, emphasis="italic")
    raise PageRefused(path, f"{NO_STRUCTURE}; convert it by hand")


NO_STRUCTURE = (
    "no Q&A structure: the article has neither bold questions, nor speaker labels in bold, nor questions in "
    "italics alternating with plain answers"
)


def _speaker_turns(blocks: list[Block], path, language: str | None) -> Reading:
    """Turns opened by speaker labels; furniture between them left out; who asks decided from the turns."""
    known = short_labels(blocks)
    starts = [labelled(block, known) for block in blocks]
    first = next(i for i, start in enumerate(starts) if start)
    notes = [BlockNote(i + 1, b.text, "lead", "before the first speaker label") for i, b in enumerate(blocks[:first])]
    unread = next((i for i, b in enumerate(blocks) if b.long_label and starts[i] is None), None)
    if unread is not None:  # a label we cannot read: taken as text, it would join a speaker's turn or the lead
        raise PageRefused(
            path,
            f"block {unread + 1} opens with «{shorten(blocks[unread].long_label or '', 60)}:» in bold, like a speaker "
            "label, but none of the page's short labels stands in it: whose turn is it? convert it by hand",
            notes,
        )
    opened: list[tuple[Labelled, list[str], int]] = []  # (label, paragraphs, block number)
    last = max(i for i, start in enumerate(starts) if start)
    in_turn = False  # the block before this one went into the last turn
    for number, (block, start) in enumerate(zip(blocks[first:], starts[first:]), start=first + 1):
        furniture = furniture_line(block)
        in_turn, was_in_turn = start is not None or not furniture, in_turn
        if number - 1 > last and is_box_title(block):  # a box closing the page: its title and all in it
            why = "a box after the last turn (its title, then what it holds)"
            notes += [BlockNote(n, b.text, "left out", why) for n, b in enumerate(blocks[number - 1 :], start=number)]
            break
        if start is not None and opened and opened[-1][0].speaker == start.speaker and was_in_turn:
            # The page prints the same speaker's label again on the next paragraph: their turn goes on. (With a
            # block left out between, as an omission mark, the two stay apart: something was cut.)
            opened[-1][1].append(LEADING_DASH.sub("", start.text.lstrip()))
            notes.append(
                BlockNote(number, block.text, "continues", f"«{start.speaker}»'s label again: a further paragraph")
            )
        elif start is not None:
            opened.append((start, [LEADING_DASH.sub("", start.text.lstrip())], number))
            said = start.why if block.outlet_label else f"{start.why}: «{start.speaker}» speaks"
            notes.append(BlockNote(number, block.text, "turn", said))
        elif furniture:
            notes.append(BlockNote(number, block.text, "left out", furniture))
        elif block.bold or block.kind == "head" or block.long_label or block.label:
            note = BlockNote(number, block.text, "unclear", "bold or heading between labelled turns, no label")
            raise PageRefused(
                path,
                f"block {number}, «{shorten(block.text, 60)}», is bold between speaker-labelled turns and names "
                "none of the page's speakers: an intertitle or a turn? convert it by hand",
                [*notes, note],
            )
        else:
            opened[-1][1].append(block.text)
            notes.append(
                BlockNote(number, block.text, "continues", f"a further paragraph of «{opened[-1][0].speaker}»")
            )
    roles = who_asks(
        [(start.speaker, paragraphs[-1].rstrip(" \u00a0\"'»”)").endswith("?")) for start, paragraphs, _ in opened],
        [sum(len(paragraph.split()) for paragraph in paragraphs) for _, paragraphs, _ in opened],
    )
    if isinstance(roles, str):
        raise PageRefused(path, f"{roles}; convert it by hand", notes)
    generic = all(is_generic_question(s.speaker) or is_generic_answer(s.speaker) for s, _, _ in opened)
    turns = []
    for start, paragraphs, number in opened:
        role = QUESTION if start.speaker in roles.askers else ANSWER
        if generic:
            label = None  # a Q/A page: our Q/A markers
        elif is_generic_answer(start.speaker):
            raise PageRefused(
                path,
                f"block {number}: «{start.printed}» labels an answer without naming who answers, while other "
                "labels name speakers; convert it by hand",
                notes,
            )
        elif is_generic_question(start.speaker) or label_key(start.speaker) in INTERVIEWER_LABELS:
            label = (
                INTERVIEWER_MARKER.get(language or "", DEFAULT_INTERVIEWER_MARKER)
                if is_generic_question(start.speaker)
                else start.speaker
            )
        else:
            label = start.speaker
        turns.append(PageTurn(role, label, tuple(paragraphs)))
    numbers = [number for _, _, number in opened]
    turns = _with_statements(turns, generic)
    _check_sequence(turns, numbers, path, notes)
    lead = lead_paragraphs(blocks[:first])
    named_askers = [s for s in roles.askers if not is_generic_question(s) and label_key(s) not in INTERVIEWER_LABELS]
    asker = named_askers[0] if named_askers else None
    spellings = tuple(dict.fromkeys(s.printed for s, _, _ in opened if s.speaker == asker))
    role_at = {number: turn.role for number, turn in zip(numbers, turns)}
    notes = [replace(note, role=role_at[note.number] or ANSWER) if note.role == "turn" else note for note in notes]
    notes.append(BlockNote(0, "(roles)", "roles", roles.why))
    return Reading(lead, turns, notes, asker, spellings, every_turn_marked=True)  # each turn opened with a label


def _with_statements(turns: list[PageTurn], generic: bool) -> list[PageTurn]:
    """The turns spoken unasked, where the labels name who speaks: the answering speakers' turns before the first
    question (an opening statement) and the asking speaker's after the last answer that do not end with '?' (a
    closing remark). A page of bare `Question:`/`Answer:` labels names nobody, so it keeps them as they are."""
    roles = [t.role for t in turns]
    if generic or QUESTION not in roles or ANSWER not in roles[roles.index(QUESTION) :]:
        return turns
    first = roles.index(QUESTION)
    after = len(roles) - roles[::-1].index(ANSWER)
    closing = range(after, len(turns))
    if any(ends_with_question(turns[k].paragraphs[-1]) for k in closing):
        closing = range(0)
    statements = [*range(first), *closing]
    return [replace(t, role=STATEMENT) if k in statements else t for k, t in enumerate(turns)]


def _check_sequence(turns: list[PageTurn], numbers: list[int], path, notes: list[BlockNote]) -> None:
    """Our format opens with a question, answers every question, and never asks twice in a row."""

    def said(k: int) -> str:
        return f"block {numbers[k]}, «{shorten(turns[k].paragraphs[0], 50)}»"

    if turns[0].role == ANSWER:
        raise PageRefused(
            path,
            f"the first turn ({said(0)}) answers before any question is asked; a source opens with a question: "
            "convert it by hand, with what is said before the first question in the lead",
            notes,
        )
    if turns[-1].role == QUESTION:
        raise PageRefused(
            path, f"the last turn ({said(len(turns) - 1)}) asks and has no answer after it; convert it by hand", notes
        )
    for k in range(1, len(turns)):
        if turns[k].role == QUESTION and turns[k - 1].role == QUESTION:
            raise PageRefused(
                path,
                f"two questions in a row ({said(k - 1)}, then {said(k)}): one asked before the other was "
                "answered; convert it by hand",
                notes,
            )


def check_first_speaker(turns: list[PageTurn], author: str | None, path) -> None:
    """The parser lets the first speaker ask unless a label names the interviewer (`Корр.:`). When the page's
    author speaks under another label later, the first speaker is a guest: refuse rather than swap the roles."""
    labels = [label_key(t.label) for t in turns if t.label]
    if not labels or not author or any(label in INTERVIEWER_LABELS for label in labels):
        return
    names = set(label_key(author).split())
    author_labels = [
        label for label in dict.fromkeys(labels) if set(label.split()) <= names or label == label_key(author)
    ]
    if author_labels and labels[0] not in author_labels:
        raise PageRefused(
            path,
            f"the first speaker «{turns[0].label}» is not the page's author ({author}), who speaks "
            "later: who asks? convert it by hand",
        )
