"""Files the tool writes for the user, each swapped in with one rename so a crash leaves the old file or the new
one, never half of one; and the templates folder the package ships."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"


def write_atomic(target: Path, content: str) -> None:
    """Write `content` (UTF-8, LF line ends) to a temporary file beside `target`, then rename it over `target`."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
