"""Outlet labels: a turn that opens, in bold, with the outlet's own name or its initials («СГ»: for Строительная
газета, `RFI :`, `Reporterre —`) is the interviewer's, as the parser reads a label naming the outlet.

The label must be inside the bold, and be the site name (or its host's name, with or without the digits it ends
with: `rbb:` on rbb24.de) as a whole, or the initials of the site name's words (two or more), printed in quotes
or in capitals («СГ», «АиФ», "RFI"). Nothing else is guessed: a label that is not the outlet stays a speaker's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from interview_dataset.webimport.blocks import Block

# A turn's opening label: quoted, or up to four words; then a colon, or a dash with a space after it.
_OPENING = re.compile(
    r"^(?P<label>«[^«»]{1,30}»|\"[^\"]{1,30}\"|“[^“”]{1,30}”|„[^„“”]{1,30}[“”]"
    r"|[^\W\d_][\w.&’'-]{0,29}(?:\s[^\W\d_][\w.&’'-]{0,29}){0,3})"
    r"\s*(?::|[-\u2013\u2014](?=\s))\s*(?=\S)"
)
_QUOTES = '«»"“”„'


def outlet_keys(*names: str | None) -> tuple[set[str], set[str]]:
    """(whole names, initials) of the outlet, as compared: case folded, no spaces; a host without its domain."""
    whole, initials = set(), set()
    for name in filter(None, names):
        words = re.findall(r"[^\W_]+", name.strip(_QUOTES))
        if not words:
            continue
        whole.add("".join(words).casefold())
        host = re.fullmatch(r"(?:www\.)?([^\W_][\w-]*)\.[a-z]{2,}", name.strip().casefold())
        if host:  # the host's name, with or without the digits it ends with (rbb24.de → rbb24, rbb)
            whole.update({host.group(1).replace("-", ""), host.group(1).replace("-", "").rstrip("0123456789")} - {""})
        if len(words) >= 2:
            initials.add("".join(word[0] for word in words).casefold())
    return whole, initials


def names_outlet(label: str, keys: tuple[set[str], set[str]]) -> bool:
    """The label is the outlet's name, or its initials printed in quotes or capitals."""
    whole, initials = keys
    bare = label.strip().strip(_QUOTES).strip()
    key = "".join(re.findall(r"[^\W_]+", bare)).casefold()
    if not key:
        return False
    if key in whole:
        return True
    quoted = label.strip()[:1] in _QUOTES
    return key in initials and (quoted or bare.isupper())


def with_outlet_labels(blocks: list[Block], keys: tuple[set[str], set[str]]) -> list[Block]:
    """Each block that opens with the outlet's label in bold, marked as the interviewer's turn (its label and the
    text after it set); every other block as it was."""
    out = []
    for block in blocks:
        match = _OPENING.match(block.text) if block.kind == "p" else None
        printed = match.group("label") if match else None
        in_bold = printed is not None and (
            block.bold or (block.bold_prefix or "").startswith(printed) or block.label == printed
        )
        if match and printed and in_bold and names_outlet(printed, keys):
            block = replace(block, label=printed, rest=block.text[match.end() :], long_label=None, outlet_label=True)
        out.append(block)
    return out
