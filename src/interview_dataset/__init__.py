"""interview-dataset: press interviews as typed, validated, citable datasets.

    import interview_dataset as ids
    report = ids.validate("data")          # .valid, .problems, .frame
    ids.build("sources", ".")              # needs the build extra
    interview = ids.parse_text(open("sources/x.txt").read())

Names are loaded on first use, so `import interview_dataset` is cheap and a validate-only install never imports
the build's dependencies.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: The public names and the module each lives in.
_API = {
    "build": "interview_dataset.api",
    "validate": "interview_dataset.api",
    "parse_text": "interview_dataset.api",
    "import_pages": "interview_dataset.api",
    "init_corpus": "interview_dataset.api",
    "ValidationReport": "interview_dataset.api",
    "InterviewDatasetError": "interview_dataset.errors",
    "SourceError": "interview_dataset.errors",
    "SourceErrors": "interview_dataset.errors",
    "OutputError": "interview_dataset.errors",
    "UsageError": "interview_dataset.errors",
    "MissingExtra": "interview_dataset.errors",
    "DataError": "interview_dataset.errors",
    "Problem": "interview_dataset.problems",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'interview_dataset' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
