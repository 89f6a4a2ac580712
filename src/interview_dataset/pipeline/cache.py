"""Rows per source, content-addressed: a rebuild parses and tags only the sources that changed.

An entry is keyed by everything that determines a source's rows: its text and sidecar bytes, the package's own
code and schemas (vocabulary and alias tables included), the NER model's version and the build options. Entries
are JSON (nothing in them is executed), written atomically, and checked on reading: a corrupt or foreign entry
is ignored and rebuilt. The build uses `<out>/.interview-dataset-cache/` unless told otherwise.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from interview_dataset import __version__
from interview_dataset.annotate.rows import Rows
from interview_dataset.files import write_atomic
from interview_dataset.schema import CONFIGS, arrow_schema, schema_dir

CACHE_DIR_NAME = ".interview-dataset-cache"
_ENTRY = re.compile(r"[0-9a-f]{64}\.json")
#: The model packages whose versions change what tagging returns.
_MODEL_PACKAGES = ("natasha", "slovnet", "navec", "pymorphy2", "pymorphy2-dicts-ru", "razdel")


@dataclass(frozen=True)
class Parsed:
    """What one source contributes to a build: its rows, its warning lines and the SHA-256 of its text."""

    rows: Rows
    warnings: list[str]
    sha256: str


@cache
def _fingerprint(mentions: bool, topics: bool = True) -> str:
    """The hash of everything besides the source that decides its rows: code, schemas, tables, model, options."""
    digest = hashlib.sha256(f"interview-dataset {__version__} mentions={mentions} topics={topics}\n".encode())
    package = Path(__file__).parents[1]
    for folder in (package, schema_dir()):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in {".py", ".json", ".yaml"}):
            digest.update(f"{path.relative_to(folder)}\n".encode() + path.read_bytes())
    if mentions or topics:  # the topic suggester reads natasha's navec embeddings
        for name in _MODEL_PACKAGES:
            digest.update(f"{name}=={metadata.version(name)}\n".encode())
    return digest.hexdigest()


def source_key(path: Path, mentions: bool, topics: bool = True) -> tuple[str, str]:
    """The cache key of one source (the fingerprint, the text's bytes and its sidecar's bytes, if any) and the
    SHA-256 of the text, which the rows parsed for that key must carry."""
    digest = hashlib.sha256(_fingerprint(mentions, topics).encode())
    text_sha256 = ""
    for part in (path, path.with_suffix(".yaml")):
        data = part.read_bytes() if part.is_file() and not part.is_symlink() else b""
        digest.update(len(data).to_bytes(8, "big") + data)
        text_sha256 = text_sha256 or hashlib.sha256(data).hexdigest()
    return digest.hexdigest(), text_sha256


class RowCache:
    """A folder of entries, one per source key; `used` remembers this build's keys so `prune` keeps only them."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()
        self.write_error: str | None = None

    def get(self, key: str) -> Parsed | None:
        """The entry for `key`, or None when it is missing, corrupt or written for another key."""
        self.used.add(key)
        try:
            entry = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            if entry["key"] != key:
                return None
            rows = Rows(**{config: [_with_dates(config, row) for row in entry["rows"][config]] for config in CONFIGS})
            return Parsed(rows, [str(line) for line in entry["warnings"]], str(entry["sha256"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, parsed: Parsed) -> None:
        """Write an entry atomically: a build killed while writing leaves the old entry or none. The cache only
        saves time, so a failed write (a full disk, say) is remembered in `write_error`, not raised."""
        self.used.add(key)
        entry = {
            "key": key,
            "sha256": parsed.sha256,
            "warnings": parsed.warnings,
            "rows": {config: getattr(parsed.rows, config) for config in CONFIGS},
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.folder / f"{key}.json", json.dumps(entry, ensure_ascii=False, default=_iso_date))
        except OSError as error:
            self.write_error = self.write_error or (error.strerror or str(error))

    def prune(self) -> None:
        """Remove the entries this build did not use, and temporary files of killed builds; nothing else."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            stale_entry = _ENTRY.fullmatch(path.name) and path.name[:-5] not in self.used
            killed = path.name.startswith(".") and path.name.endswith(".tmp")  # write_atomic's temporary files
            if (stale_entry or killed) and path.is_file() and not path.is_symlink():
                path.unlink(missing_ok=True)


def _iso_date(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a cache entry")


@cache
def _date_fields(config: str) -> tuple[str, ...]:
    return tuple(
        field.name for field in arrow_schema(config) if field.type.equals(arrow_schema("turns").field("date").type)
    )


def _with_dates(config: str, row: dict) -> dict:
    for name in _date_fields(config):
        if row[name] is not None:
            row[name] = datetime.date.fromisoformat(row[name])
    return row
