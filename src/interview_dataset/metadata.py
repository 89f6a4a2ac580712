"""dataset.yaml: what a dataset says about itself, read once and turned into every metadata file.

The file at the dataset's root (beside README.md) is the single source of the card's YAML and prose,
CITATION.cff and croissant.json; it is checked against schema/dataset.schema.json. Nothing about a particular
dataset lives in this package.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from interview_dataset.errors import SourceError
from interview_dataset.schema import json_validator, load_json_schema
from interview_dataset.text import shorten
from interview_dataset.yamlfile import safe_load, syntax_error, yaml_line

METADATA_FILE = "dataset.yaml"
LICENSE_PARTS = ("texts", "annotations", "code")
#: The warning of a build whose folder has no dataset.yaml: it builds, but describes nobody's dataset.
NO_METADATA = (
    "no dataset.yaml: the card and croissant.json name no authors or licence and no CITATION.cff is "
    "written; `interview-dataset init` writes one"
)
#: What a licence id becomes in Croissant, which wants URLs: SPDX's page of the licence.
SPDX_URL = "https://spdx.org/licenses/{}.html"


@dataclass(frozen=True)
class Author:
    """A person (given and family names) or a group (name), as CITATION.cff tells them apart."""

    given_names: str | None = None
    family_names: str | None = None
    name: str | None = None
    orcid: str | None = None
    affiliation: str | None = None

    @property
    def display(self) -> str:
        return self.name or f"{self.given_names} {self.family_names}"

    @property
    def is_person(self) -> bool:
        return self.name is None


@dataclass(frozen=True)
class DatasetMetadata:
    """The contents of dataset.yaml; `found` is false for the neutral stand-in used when the file is missing."""

    name: str
    pretty_name: str
    summary: str
    version: str
    release_date: str
    authors: tuple[Author, ...]
    licenses: dict[str, str | None]
    tags: tuple[str, ...] = ()
    task_categories: tuple[str, ...] = ()
    annotations_creators: tuple[str, ...] = ()
    language_creators: tuple[str, ...] = ()
    homepage: str | None = None
    repository: str | None = None
    doi: str | None = None
    citation_note: str = "Please also cite the original publication of each interview (outlet, title and date are in the interviews config)."
    found: bool = field(default=True, compare=False)

    @property
    def year(self) -> str:
        return self.release_date[:4]

    @property
    def license_ids(self) -> list[str]:
        """The distinct licences of the parts this dataset licenses, in the order texts, annotations, code."""
        ids = [self.licenses.get(part) for part in LICENSE_PARTS]
        return list(dict.fromkeys(i for i in ids if i))

    @property
    def license_urls(self) -> list[str]:
        return [SPDX_URL.format(i) for i in self.license_ids]

    @property
    def license_sentence(self) -> str:
        """Which licence covers which part, in one sentence: Croissant's and the Hub's licence lists cannot say it."""
        said = [
            f"the {part} are {i}" if i else f"the {part} are not licensed by this dataset"
            for part, i in self.licenses.items()
        ]
        return f"Licences: {'; '.join(said)}." if said else "No licence is given."


#: The stand-in for a dataset folder without dataset.yaml: it names nobody and licenses nothing.
NEUTRAL = DatasetMetadata(
    name="interview-dataset",
    pretty_name="Interview dataset",
    summary="Press interviews as data, built with interview-dataset. This dataset has no dataset.yaml yet: "
    "`interview-dataset init` writes one to describe it.",
    version="0.0.0",
    release_date="1970-01-01",
    authors=(),
    licenses={},
    found=False,
)


def read_metadata(out_dir: str | Path) -> DatasetMetadata:
    """The dataset.yaml of a dataset folder, checked against its schema; NEUTRAL when there is none.
    A broken file raises SourceError with its line, so the build stops before doing any work."""
    path = Path(out_dir) / METADATA_FILE
    if not path.is_file():
        return NEUTRAL
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(path, 1, f"not UTF-8 ({error.reason} at byte {error.start})") from None
    return parse_metadata(text, path)


def parse_metadata(text: str, path: str | Path = METADATA_FILE) -> DatasetMetadata:
    """dataset.yaml's text → DatasetMetadata, or a SourceError naming the line of the first problem."""
    try:
        raw = safe_load(text)
    except yaml.YAMLError as error:
        raise syntax_error(path, error) from None
    if not isinstance(raw, dict):
        raise SourceError(path, 1, "must be a mapping of keys such as name, pretty_name, summary, authors, licenses")
    raw = {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in raw.items()}
    errors = sorted(json_validator(load_json_schema("dataset")).iter_errors(raw), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = ".".join(map(str, first.absolute_path)) or "dataset.yaml"
        raise SourceError(path, yaml_line(text, list(first.absolute_path)), f"{where}: {shorten(first.message)}")
    plain: dict[str, Any] = {key: tuple(value) if isinstance(value, list) else value for key, value in raw.items()}
    return DatasetMetadata(
        **{
            **plain,
            "authors": tuple(Author(**author) for author in raw["authors"]),
            "licenses": {part: raw["licenses"][part] for part in LICENSE_PARTS if part in raw["licenses"]},
        }
    )


def bibtex(metadata: DatasetMetadata) -> str:
    """The dataset's BibTeX entry (@misc), from the same fields as CITATION.cff."""
    authors = " and ".join(
        f"{a.family_names}, {a.given_names}" if a.is_person else f"{{{a.name}}}" for a in metadata.authors
    )
    fields = [
        ("title", f"{{{_bibtex_escape(metadata.pretty_name)}}}"),
        ("author", _bibtex_escape(authors)),
        ("year", metadata.year),
        ("version", metadata.version),
    ]
    if metadata.doi:
        fields.append(("doi", metadata.doi))
    url = metadata.homepage or metadata.repository
    if url:
        fields.append(("url", url))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields)
    return f"@misc{{{metadata.name},\n{body}\n}}"


def _bibtex_escape(text: str) -> str:
    return text.replace("&", r"\&").replace("%", r"\%").replace("#", r"\#").replace("_", r"\_")
