"""CITATION.cff (Citation File Format 1.2.0), written from dataset.yaml so it agrees with the card and Croissant."""

from __future__ import annotations

import yaml

from interview_dataset.metadata import DatasetMetadata

CITATION_FILE = "CITATION.cff"


def _author(author) -> dict:
    keys = (
        ("given-names", author.given_names),
        ("family-names", author.family_names),
        ("name", author.name),
        ("affiliation", author.affiliation),
        ("orcid", author.orcid),
    )
    return {key: value for key, value in keys if value}


def citation(metadata: DatasetMetadata) -> dict:
    """The CFF fields of a dataset: title, authors, version, date and licences as in dataset.yaml."""
    licenses = metadata.license_ids
    fields = {
        "cff-version": "1.2.0",
        "message": f"If you use this dataset, please cite it as below. {metadata.citation_note}",
        "type": "dataset",
        "title": metadata.pretty_name,
        "abstract": metadata.summary.strip(),
        "authors": [_author(a) for a in metadata.authors],
        "version": metadata.version,
        "date-released": metadata.release_date,
        "license": licenses[0] if len(licenses) == 1 else licenses,
        "doi": metadata.doi,
        "repository-code": metadata.repository,
        "url": metadata.homepage,
        "keywords": list(metadata.tags),
    }
    return {key: value for key, value in fields.items() if value not in (None, [])}


def citation_text(metadata: DatasetMetadata) -> str:
    """CITATION.cff as written: keys in CFF's usual order, UTF-8 as is, a stable line width."""
    return yaml.safe_dump(citation(metadata), sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
