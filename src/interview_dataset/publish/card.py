"""The dataset card (README.md): YAML front matter and generated blocks, rebuilt from the data, the schemas and
dataset.yaml.

The card belongs to its author. Only the keys of GENERATED_KEYS in the front matter and the blocks between
`<!-- BEGIN GENERATED: name -->` and `<!-- END GENERATED: name -->` are rewritten; every other key and every other
line is kept as it is. huggingface_hub's DatasetCard reads and writes the front matter.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.compute as pc  # pyarrow does not import its compute module itself
import pyarrow.parquet as pq

from interview_dataset.errors import SourceError
from interview_dataset.files import TEMPLATES
from interview_dataset.metadata import DatasetMetadata, bibtex
from interview_dataset.publish.statistics import PLOT_PATH, statistics_block, write_plot
from interview_dataset.publish.topicblock import topics_block
from interview_dataset.publish.write import FILE_NAME
from interview_dataset.schema import (
    CONFIGS,
    DEFAULT_CONFIG,
    arrow_schema,
    field_descriptions,
    hf_features,
    load_json_schema,
)
from interview_dataset.yamlfile import syntax_error

_BLOCK = re.compile(
    r"(<!-- BEGIN GENERATED: (?P<name>[a-z-]+) -->\n)(?:.*?\n)?(<!-- END GENERATED: (?P=name) -->)", re.S
)

#: Front-matter keys every build replaces (from dataset.yaml and the data); any other key is the author's.
GENERATED_KEYS = (
    "pretty_name",
    "license",
    "license_name",
    "license_link",
    "language",
    "multilinguality",
    "size_categories",
    "task_categories",
    "tags",
    "annotations_creators",
    "language_creators",
    "source_datasets",
    "configs",
    "dataset_info",
)
#: What `license_name` says when the parts of a dataset have different licences (or some have none).
MIXED_LICENSE = "mixed-see-card"
LICENSE_PART_NAMES = {"texts": "The interview texts", "annotations": "The annotations", "code": "The code"}


def size_category(n: int) -> str:
    """The Hub's size bucket for a number of rows."""
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < limit:
            return name
    return "1M<n<10M"


def hub_license(metadata: DatasetMetadata) -> dict:
    """The Hub's licence keys: the licence's id when every part has the same one, else `other`, a name that says
    so, and a link to the card itself (always there, unlike a LICENSE file), whose licence block tells the parts."""
    ids = metadata.license_ids
    parts = [metadata.licenses.get(part) for part in metadata.licenses]
    if not ids:
        return {}
    if len(ids) == 1 and None not in parts:
        return {"license": ids[0].lower()}
    return {"license": "other", "license_name": MIXED_LICENSE, "license_link": "README.md"}


def languages(data_dir: Path) -> list[str]:
    """The languages of the turns, from their column: the sidecars are the one place a language is written."""
    column = pq.read_table(data_dir / DEFAULT_CONFIG / FILE_NAME, columns=["language"]).column(0)
    return sorted({v for v in column.unique().to_pylist() if v})


def card_data(data_dir: Path, metadata: DatasetMetadata):
    """The generated front matter: Hub metadata from dataset.yaml, one config per data folder (turns first, the
    default), and features, counts and sizes from the Parquet footers (so a large corpus costs no more memory)."""
    from datasets.info import DatasetInfo, DatasetInfosDict
    from datasets.splits import SplitDict, SplitInfo
    from huggingface_hub import DatasetCardData

    files = {config: pq.ParquetFile(data_dir / config / FILE_NAME) for config in CONFIGS}
    found = languages(data_dir)
    card = DatasetCardData(
        pretty_name=metadata.pretty_name,
        **hub_license(metadata),
        language=found or None,
        multilinguality=("multilingual" if len(found) > 1 else "monolingual") if found else None,
        size_categories=[size_category(files[DEFAULT_CONFIG].metadata.num_rows)],
        task_categories=list(metadata.task_categories) or None,
        tags=list(metadata.tags) or None,
        annotations_creators=list(metadata.annotations_creators) or None,
        language_creators=list(metadata.language_creators) or None,
        source_datasets=["original"],
        configs=[
            {
                "config_name": config,
                "data_files": [{"split": "train", "path": f"data/{config}/*.parquet"}],
                **({"default": True} if config == DEFAULT_CONFIG else {}),
            }
            for config in CONFIGS
        ],
    )
    infos = {}
    for config, parquet in files.items():
        meta = parquet.metadata
        # Uncompressed bytes of the column chunks: the Hub's "dataset size" is the decoded size.
        num_bytes = sum(meta.row_group(k).total_byte_size for k in range(meta.num_row_groups))
        splits = SplitDict()
        splits.add(SplitInfo(name="train", num_bytes=num_bytes, num_examples=meta.num_rows))
        infos[config] = DatasetInfo(
            config_name=config,
            features=hf_features(config),
            splits=splits,
            download_size=(data_dir / config / FILE_NAME).stat().st_size,
            dataset_size=num_bytes,
        )
    DatasetInfosDict(infos).to_dataset_card_data(card)
    return card


def read_card(existing: str, path: str | Path = "README.md"):
    """The author's card as a DatasetCard; a front matter that is not YAML stops the build with its line."""
    import yaml
    from huggingface_hub import DatasetCard

    if not existing.startswith("---"):
        existing = "---\n{}\n---\n" + existing
    try:
        return DatasetCard(existing)
    except yaml.YAMLError as error:
        raise syntax_error(path, error, "card front matter is not valid YAML", offset=2) from None
    except ValueError as error:
        raise SourceError(path, 1, f"card front matter: {error}") from None


def fields_block() -> str:
    """A table of every field of every config: name, Arrow type, whether null is allowed, description."""
    parts = []
    for config in CONFIGS:
        schema = arrow_schema(config)
        descriptions = field_descriptions(config)
        lines = [
            f"**`{config}`**{' (default)' if config == DEFAULT_CONFIG else ''}",
            "",
            "| field | type | null | description |",
            "|---|---|---|---|",
        ]
        for field in schema:
            description = descriptions[field.name].replace("|", "\\|")
            lines.append(f"| `{field.name}` | `{field.type}` | {'yes' if field.nullable else 'no'} | {description} |")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def example_block(data_dir: Path, max_chars: int = 160) -> str:
    """The first answer of the turns config as JSON, long strings shortened for the page."""
    parquet = pq.ParquetFile(data_dir / DEFAULT_CONFIG / FILE_NAME)
    table = parquet.read_row_group(0) if parquet.num_row_groups else parquet.schema_arrow.empty_table()
    answers = table.filter(pc.equal(table.column("role"), "answer"))
    if answers.num_rows == 0:
        return "_No rows yet._"
    row = answers.slice(0, 1).to_pylist()[0]
    shown = {k: _shorten(v, max_chars) for k, v in row.items()}
    return "```json\n" + json.dumps(shown, ensure_ascii=False, indent=2, default=str) + "\n```"


def _shorten(value, max_chars: int, max_items: int = 2):
    """A value for the page: long strings cut, long lists cut to their first items and a count of the rest."""
    if isinstance(value, str) and len(value) > max_chars:
        return value[:max_chars] + "…"
    if isinstance(value, list) and len(value) > max_items:
        return [*value[:max_items], f"… {len(value) - max_items} more"]
    return value


def row_counts(data_dir: Path) -> dict[str, int]:
    """Rows of every config, from the Parquet footers."""
    return {config: pq.ParquetFile(data_dir / config / FILE_NAME).metadata.num_rows for config in CONFIGS}


def mention_count(data_dir: Path) -> int | None:
    """Entity mentions in all turns; None when the build ran without entity tagging."""
    column = pq.read_table(data_dir / DEFAULT_CONFIG / FILE_NAME, columns=["mentions"]).column(0)
    if column.null_count == len(column) and len(column):
        return None
    return pc.sum(pc.list_value_length(column)).as_py() or 0


def summary_block(data_dir: Path, metadata: DatasetMetadata) -> str:
    """The Dataset Summary: dataset.yaml's title and summary, then what the data holds, counted."""
    rows = row_counts(data_dir)
    mentions = mention_count(data_dir)
    found = languages(data_dir)
    counted = (
        f"This version ({metadata.version}, released {metadata.release_date}) holds {rows['interviews']:,} "
        f"interview(s){' in ' + ', '.join(found) if found else ''}: {rows['turns']:,} turns, "
        f"{rows['qa_pairs']:,} question–answer pairs and {rows['entities']:,} entities"
    )
    counted += "." if mentions is None else f", mentioned {mentions:,} times."
    return f"**{metadata.pretty_name}**\n\n{metadata.summary.strip()}\n\n{counted}"


def configs_block(data_dir: Path) -> str:
    """A table of the configs: what one row is (the schema's description) and how many rows there are."""
    lines = ["| config | description | rows |", "|---|---|---:|"]
    for config, n in row_counts(data_dir).items():
        default = " (default)" if config == DEFAULT_CONFIG else ""
        lines.append(f"| `{config}`{default} | {load_json_schema(config)['description']} | {n:,} |")
    return "\n".join(lines)


def licenses_block(metadata: DatasetMetadata) -> str:
    """One line per part of the dataset and its licence, as dataset.yaml gives them."""
    if not metadata.licenses:
        return "_No licence is given: dataset.yaml is missing._"
    lines = []
    for part, license_id in metadata.licenses.items():
        said = (
            f"[{license_id}]({metadata.license_urls[metadata.license_ids.index(license_id)]})"
            if license_id
            else "not licensed by this dataset: they remain their owners'"
        )
        lines.append(f"- **{LICENSE_PART_NAMES[part]}**: {said}.")
    return "\n".join(lines)


def citation_block(metadata: DatasetMetadata) -> str:
    """The BibTeX entry of the dataset and the note on what else to cite."""
    return f"```bibtex\n{bibtex(metadata)}\n```\n\n{metadata.citation_note.strip()}"


def render_card(existing: str, data_dir: str | Path, metadata: DatasetMetadata, path: str | Path = "README.md") -> str:
    """The card with its generated front-matter keys and blocks rebuilt from `data_dir` and `metadata`; every
    other key and line as the author left it."""
    data_dir = Path(data_dir)
    card = read_card(existing, path)
    for key in GENERATED_KEYS:
        card.data.pop(key, None)
    for key, value in card_data(data_dir, metadata).to_dict().items():
        card.data[key] = value
    blocks = {
        "summary": lambda: summary_block(data_dir, metadata),
        "configs": lambda: configs_block(data_dir),
        "fields": fields_block,
        "example": lambda: example_block(data_dir),
        "statistics": lambda: statistics_block(data_dir),
        "topics": lambda: topics_block(data_dir),
        "licenses": lambda: licenses_block(metadata),
        "citation": lambda: citation_block(metadata),
    }

    def fill(match: re.Match) -> str:
        make = blocks.get(match.group("name"))
        return match.group(0) if make is None else f"{match.group(1)}{make()}\n{match.group(3)}"

    card.text = _BLOCK.sub(fill, card.text)
    return card.content


def card_template() -> str:
    """The card of a dataset folder that has none yet: the HF dataset card's sections, generated blocks inside."""
    return (TEMPLATES / "README.md").read_text(encoding="utf-8")


def companion_files(out_dir: Path, staging: Path, metadata: DatasetMetadata) -> dict[str, bytes]:
    """The files published beside data/, made from `staging` and dataset.yaml: the card, its plot,
    croissant.json, and CITATION.cff (only when dataset.yaml names the authors it needs)."""
    from interview_dataset.publish.citation import CITATION_FILE, citation_text
    from interview_dataset.publish.croissant import croissant_text

    readme = out_dir / "README.md"
    card = render_card(
        readme.read_text(encoding="utf-8") if readme.exists() else card_template(), staging, metadata, readme
    )
    plot = staging / "plot.png"
    write_plot(staging, plot)
    plot_bytes = plot.read_bytes()
    plot.unlink()
    files = {
        "README.md": card.encode("utf-8"),
        "croissant.json": croissant_text(staging, metadata, languages(staging)).encode("utf-8"),
        PLOT_PATH: plot_bytes,
    }
    if metadata.found:
        files[CITATION_FILE] = citation_text(metadata).encode("utf-8")
    return files
