"""What is known of a publisher's pages, by host: practices read off many of its pages, which one page alone
cannot show. Each entry names the pages it was read on; `import` relies on it only where the page itself agrees.
"""

from __future__ import annotations

#: Hosts whose transcripts open every turn, follow-up questions and remarks too, with the speaker's label, so
#: that a paragraph ending with '?' inside an answer is the speaker's own question. Read on 32 transcripts of
#: en.kremlin.ru (2010–2020) in benchmarks/import-devset/ and checked on 12 more held out from it.
EVERY_TURN_LABELLED = ("kremlin.ru",)


def labels_every_turn(host: str | None) -> str | None:
    """The publisher's host when its transcripts label every turn (the host or a subdomain of it), else None."""
    if not host:
        return None
    return next((known for known in EVERY_TURN_LABELLED if host == known or host.endswith("." + known)), None)
