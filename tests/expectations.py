"""What is true of this repository's published dataset (tests/dataset_expectations.yaml), read once.

The package's tests run on fixtures; only the tests of the published data (test_published.py and a few others)
read these figures. After adding an interview, `python tests/expectations.py` rewrites the figures from the new
data/; the maintainer reads the diff (it should show the new interview and nothing else) and commits it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

EXPECTATIONS_FILE = Path(__file__).parent / "dataset_expectations.yaml"
EXPECTED = yaml.safe_load(EXPECTATIONS_FILE.read_text(encoding="utf-8"))
HEADER = """\
# What is true of this repository's published dataset: the tests of data/ compare it with these figures.
# After adding an interview, run `python tests/expectations.py`, read the diff, and commit it with data/.
# `traces` (words of this dataset that no other corpus may show) is kept as written.
"""


def figures(data_dir: Path) -> dict:
    """The figures of a data folder: rows per config, entity mentions, and each interview's entities."""
    import polars as pl

    from interview_dataset.schema import CONFIGS

    tables = {config: pl.read_parquet(data_dir / config / "*.parquet") for config in CONFIGS}
    entities: dict = {}
    for row in tables["entities"].sort(["interview_id", "canonical"]).iter_rows(named=True):
        entities.setdefault(row["interview_id"], {})[row["canonical"]] = [
            row["type"],
            row["n_mentions"],
            row["n_turns"],
        ]
    return {
        "rows": {config: table.height for config, table in tables.items()},
        "mentions": int(tables["turns"]["mentions"].list.len().sum() or 0),
        "languages": sorted(set(tables["turns"]["language"].drop_nulls())),
        "entities": entities,
    }


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    written = {**figures(root / "data"), "traces": EXPECTED["traces"]}
    text = HEADER + yaml.safe_dump(written, sort_keys=False, allow_unicode=True, width=110, default_flow_style=None)
    EXPECTATIONS_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {EXPECTATIONS_FILE}", file=sys.stderr)
