"""croissant.json: MLCommons Croissant 1.1 metadata of the built files, every field derived from the JSON Schemas."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from interview_dataset.metadata import DatasetMetadata, bibtex
from interview_dataset.publish.write import FILE_NAME
from interview_dataset.schema import CONFIGS, load_json_schema, scalar_type

# The context mlcroissant expects verbatim (a different one only earns a warning, but tools key on it).
CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
    "arrayShape": "cr:arrayShape",
    "containedIn": "cr:containedIn",
    "isArray": "cr:isArray",
}


def _data_type(prop: dict) -> str:
    scalar = scalar_type(prop)
    assert scalar is not None, "a Croissant field's type is a scalar's"
    return scalar.croissant


def _field(config: str, name: str, prop: dict, file_id: str) -> dict:
    field = {"@type": "cr:Field", "@id": f"{config}/{name}", "name": name, "description": prop["description"]}
    source = {"fileObject": {"@id": file_id}, "extract": {"column": name}}
    items = (
        prop.get("items") if "array" in (prop["type"] if isinstance(prop["type"], list) else [prop["type"]]) else None
    )
    if items is None:
        return {**field, "dataType": _data_type(prop), "source": source}
    field.update({"isArray": True, "arrayShape": "-1"})
    if "properties" not in items:
        return {**field, "dataType": _data_type(items), "source": source}
    field["subField"] = [
        {
            "@type": "cr:Field",
            "@id": f"{config}/{name}/{sub}",
            "name": sub,
            "description": sub_prop["description"],
            "dataType": _data_type(sub_prop),
            "source": {**source, "transform": {"jsonPath": sub}},
        }
        for sub, sub_prop in items["properties"].items()
    ]
    return field


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _creator(author) -> dict:
    return {"@type": "sc:Person" if author.is_person else "sc:Organization", "name": author.display}


def croissant(data_dir: str | Path, metadata: DatasetMetadata, languages: list[str]) -> dict:
    """The Croissant JSON-LD of a built data folder: who, what and which licence from dataset.yaml, one
    FileObject (with its SHA-256) and one RecordSet per config from the data and the schemas."""
    data_dir = Path(data_dir)
    distribution, record_sets = [], []
    for config in CONFIGS:
        path = data_dir / config / FILE_NAME
        file_id = f"{config}-parquet"
        distribution.append(
            {
                "@type": "cr:FileObject",
                "@id": file_id,
                "name": file_id,
                "contentUrl": f"data/{config}/{FILE_NAME}",
                "encodingFormat": "application/x-parquet",
                "sha256": _sha256(path),
            }
        )
        schema = load_json_schema(config)
        record_sets.append(
            {
                "@type": "cr:RecordSet",
                "@id": config,
                "name": config,
                "description": schema["description"],
                "field": [_field(config, name, prop, file_id) for name, prop in schema["properties"].items()],
            }
        )
    about = {
        "name": metadata.name,
        "alternateName": metadata.pretty_name,
        "description": f"{metadata.summary.strip()} {metadata.license_sentence}",
        "creator": [_creator(a) for a in metadata.authors] or None,
        "license": metadata.license_urls or None,
        "url": metadata.homepage or metadata.repository,
        "sameAs": metadata.repository if metadata.homepage else None,
        "identifier": f"https://doi.org/{metadata.doi}" if metadata.doi else None,
        "citeAs": bibtex(metadata) if metadata.found else None,
        "datePublished": metadata.release_date,
        "version": metadata.version,
    }
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.1",
        **{key: value for key, value in about.items() if value is not None},
        "inLanguage": languages,
        "distribution": distribution,
        "recordSet": record_sets,
    }


def croissant_text(data_dir: str | Path, metadata: DatasetMetadata, languages: list[str]) -> str:
    """croissant.json as written: indented, UTF-8 as is, ending in a newline."""
    return json.dumps(croissant(data_dir, metadata, languages), ensure_ascii=False, indent=2) + "\n"
