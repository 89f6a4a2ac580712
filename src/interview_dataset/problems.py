"""What validate reports: one Problem per thing wrong, how grave each code is, and the exit status they give.

Every code is named for the problem. Most are errors in the data (exit 1). A few are warnings: the data was
checked but something is worth knowing (`type-drift`: a file a client rewrote with other but compatible
types), or not everything could be checked (`cross-config-skipped`). Path codes say a path could not be read
at all (exit 2, like bad usage): then validate cannot say anything about that file's data.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from interview_dataset.text import printable, shorten

EXIT_OK, EXIT_INVALID, EXIT_BAD_INPUT = 0, 1, 2


@dataclass(frozen=True)
class Code:
    """A problem code: its name (what is wrong), the field it is reported against (None: the file or table as
    a whole; "*": whichever field has it), one line saying what must hold, and how grave it is: "error" (exit
    1), "warning" (reported, exit 0; the option named by `unless` makes it an error) or "path" (the path could
    not be read at all, exit 2: nothing can be said of its data)."""

    name: str
    field: str | None
    description: str
    severity: str = "error"
    unless: str | None = None


#: Every code validate can report, registered where the check that finds it is defined.
CODES: dict[str, Code] = {}


def register(name: str, field: str | None, description: str, severity: str = "error", unless: str | None = None) -> str:
    """Add a code to the registry (once: the same name may not be given two meanings) and return its name."""
    code = Code(name, field, " ".join(description.split()), severity, unless)
    if CODES.get(name, code) != code:
        raise ValueError(f"problem code {name!r} registered twice with different meanings")
    CODES[name] = code
    return name


def reports(name: str, field: str | None, description: str | None = None):
    """Decorator: the function it decorates finds problem `name` (described by `description`, else by the
    function's docstring), as pandera's decorators register checks."""

    def decorate(function):
        register(name, field, description or function.__doc__ or name)
        return function

    return decorate


def code_table() -> str:
    """The Markdown table of every registered code, by name: the README's list of codes."""
    lines = ["| code | field | problem |", "|---|---|---|"]
    for code in sorted(CODES.values(), key=lambda c: c.name):
        field = "" if code.field is None else "any" if code.field == "*" else f"`{code.field}`"
        description = code.description.replace("|", "\\|")
        lines.append(f"| `{code.name}` | {field} | {description} |")
    return "\n".join(lines)


register(
    "type-drift",
    None,
    "a column has another but compatible Arrow type, nullability or metadata; checked after a cast",
    "warning",
    unless="strict",
)
register(
    "cross-config-skipped",
    None,
    "the checks across configs did not run: not every config was given",
    "warning",
    unless="require_all",
)
register("file-missing", None, "no such file or folder", "path")
register("not-a-regular-file", None, "a FIFO, device or socket: never opened, it could block or never end", "path")
register(
    "bad-file-name",
    None,
    "a control character (a line break...) in the name: it would break the one-line report",
    "path",
)
register(
    "unreadable-path", None, "the operating system refused to open it (permissions, too many open files...)", "path"
)
#: Codes for a path that could not be read at all: exit 2.
PATH_CODES = frozenset(code.name for code in CODES.values() if code.severity == "path")

#: The longest message printed; a message that quotes a value is cut there, never the whole value.
MAX_MESSAGE_CHARS = 300


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file: `row` counts from 0 in the file and is None for the file as a whole.
    `severity` is "error" or "warning"."""

    file: str
    row: int | None
    field: str | None
    code: str
    message: str
    severity: str = "error"

    def __post_init__(self):
        object.__setattr__(self, "message", shorten(self.message, MAX_MESSAGE_CHARS))

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"row {self.row}" if self.row is not None else "",
                f"field {self.field}" if self.field else "",
            )
            if part
        )
        warning = "warning: " if self.severity == "warning" else ""
        return printable(f"{self.file}: {where + ': ' if where else ''}{warning}{self.message} [{self.code}]")

    def json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    def github(self) -> str:
        """A GitHub Actions workflow command: the row (from 0) is given as line row + 1 (Parquet has no lines);
        a problem of the whole file has no line."""
        line = "" if self.row is None else f",line={self.row + 1}"
        where = f"row {self.row}, " if self.row is not None else ""
        field = f"field {self.field}: " if self.field else ""
        text = f"{where}{field}{self.message} [{self.code}]"
        return f"::{self.severity} file={_github_property(self.file)}{line}::{_github_data(text)}"


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def severity(code: str, strict: bool = False, require_all: bool = False) -> str:
    """Whether a code is an error or a warning under the options given (a path problem is an error)."""
    registered = CODES[code]
    if registered.severity == "warning" and not {"strict": strict, "require_all": require_all}.get(
        registered.unless or "", False
    ):
        return "warning"
    return "error"


def exit_status(problems: list[Problem]) -> int:
    """2 when a path could not be read, else 1 when any error was found, else 0 (warnings alone pass)."""
    if any(p.code in PATH_CODES for p in problems):
        return EXIT_BAD_INPUT
    return EXIT_INVALID if any(p.severity == "error" for p in problems) else EXIT_OK


def summary(problems: list[Problem], paths: list[str]) -> str:
    """The closing line: never reads as a full pass unless every check ran and nothing is wrong."""
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    if errors:
        return printable(
            f"{len(errors)} problem(s) in {len({p.file for p in errors})} file(s)"
            + (f", {len(warnings)} warning(s)" if warnings else "")
        )
    if any(p.code == "cross-config-skipped" for p in warnings):
        return printable(
            f"partly checked, no problem found in what was checked ({len(warnings)} warning(s)); "
            "the checks across configs did not run"
        )
    if warnings:
        return printable(f"valid, with {len(warnings)} warning(s): {', '.join(paths)}")
    return printable(f"valid: {', '.join(paths)}")
