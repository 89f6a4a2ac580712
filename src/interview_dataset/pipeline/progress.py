"""What a person sees during a build: one progress bar over parsing, validation and the card, and warning lines
that neither split the bar nor bury each other."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

#: Builds of more sources than this show a progress bar (unless quiet, in CI, or not on a terminal).
PROGRESS_MIN_SOURCES = 10
#: Warnings of one kind shown one by one; the rest are counted in one line at the end (all with --verbose).
MAX_SHOWN = 5
#: Steps of a build after parsing, each one step of the bar.
PHASES = ("validate", "card")


class Progress:
    """The bar (when shown) and the warnings of one build."""

    def __init__(
        self, total: int, *, quiet: bool = False, verbose: bool = False, warn: Callable[[str], None] | None = None
    ):
        self.bar = None
        if not quiet and total > PROGRESS_MIN_SOURCES and not os.environ.get("CI"):
            from tqdm import tqdm

            # disable=None: tqdm stays silent when stderr is not a terminal (logs, pipes).
            self.bar = tqdm(total=total + len(PHASES), unit="step", desc="parse", disable=None)
        self.write = warn or (self.bar.write if self.bar is not None else _to_stderr)
        self.summarise = warn is None and not verbose
        self.kinds: Counter[str] = Counter()

    def sources(self, items: Iterable) -> Iterator:
        """The items, advancing the bar by one for each."""
        for item in items:
            yield item
            if self.bar is not None:
                self.bar.update()

    def phase(self, name: str) -> None:
        """Start one of PHASES: the bar says which and counts the one before as done."""
        if self.bar is not None:
            if name != PHASES[0]:
                self.bar.update()
            self.bar.set_description(name)

    def warning(self, line: str, source_id: str) -> None:
        """Show a warning line about one source, unless MAX_SHOWN of its kind were shown already."""
        kind = line.split(": warning: ", 1)[-1].replace(source_id, "<id>")
        self.kinds[kind] += 1
        if not self.summarise or self.kinds[kind] <= MAX_SHOWN:
            self.write(line)

    def close(self) -> None:
        """Close the bar and say how many warnings of each kind were not shown."""
        if self.bar is not None:
            self.bar.update(self.bar.total - self.bar.n)
            self.bar.close()
        if self.summarise:
            for kind, count in self.kinds.items():
                if count > MAX_SHOWN:
                    self.write(
                        f"warning: {count - MAX_SHOWN} more source(s) with this warning: {kind} (--verbose shows each)"
                    )


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr)
