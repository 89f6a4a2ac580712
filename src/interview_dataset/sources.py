"""Find the source texts and their sidecars, and read them safely: strict UTF-8, size limit, no escapes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema_rs
import yaml

from .errors import SourceError
from .schema import json_validator, load_json_schema

#: Largest source text accepted. The longest press interviews are a few hundred KB; anything bigger is
#: almost certainly not an interview, and refusing it keeps a stranger's file from exhausting memory.
MAX_SOURCE_BYTES = 2 * 1024 * 1024
MAX_SIDECAR_BYTES = 256 * 1024

# Only YAML's safe loader ever reads a sidecar: plain scalars, lists and mappings, no Python objects. The C
# implementation (libyaml, in PyYAML's wheels) is the same loader, about ten times faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Control characters other than tab, line feed and carriage return mark a binary file, not a text.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Source:
    """One interview text as read from disk, with its curated metadata (None when it has no sidecar)."""

    id: str
    path: Path
    text: str
    sha256: str
    meta: dict | None
    meta_path: Path | None


def find_sources(folder: str | Path) -> list[Path]:
    """Return the source texts (`*.txt`) of a folder, sorted by name so builds are in a stable order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError(folder, 0, "sources folder does not exist")
    texts = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
    for sidecar in sorted(folder.glob("*.yaml")):
        if not sidecar.with_suffix(".txt").exists():
            raise SourceError(sidecar, 1, f"sidecar without a source text: expected {sidecar.stem}.txt beside it")
    for misnamed in sorted(folder.glob("*.yml")):
        raise SourceError(misnamed, 1, f"sidecars end in .yaml: rename it to {misnamed.stem}.yaml")
    return texts


def read_source(path: str | Path) -> Source:
    """Read one source text and its sidecar (`<id>.yaml` beside it), refusing anything unsafe or malformed."""
    path = Path(path)
    source_id = path.stem
    if not ID_PATTERN.match(source_id):
        raise SourceError(path, 1, "file name must be a lowercase slug (letters a-z, digits, single hyphens) ending in .txt")
    data = _read_bytes(path, MAX_SOURCE_BYTES)
    text = _decode(path, data)
    meta_path = path.with_suffix(".yaml")
    meta = read_sidecar(meta_path) if meta_path.exists() or meta_path.is_symlink() else None
    return Source(
        id=source_id,
        path=path,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        meta=meta,
        meta_path=meta_path if meta is not None else None,
    )


def read_sidecar(path: str | Path) -> dict:
    """Read a sidecar with YAML's safe loader and check it against schema/sidecar.schema.json."""
    path = Path(path)
    text = _decode(path, _read_bytes(path, MAX_SIDECAR_BYTES))
    try:
        meta = yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise SourceError(path, line, f"not valid YAML: {reason}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError(path, 1, "sidecar must be a mapping of keys to values")
    if _sidecar_is_valid(meta):
        return meta
    errors = sorted(json_validator(load_json_schema("sidecar")).iter_errors(meta), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        key_path = list(first.absolute_path)
        if first.validator == "additionalProperties":  # point at the first unexpected key, not its parent
            key_path.append(sorted(set(first.instance) - set(first.schema.get("properties", {})))[0])
        where = ".".join(str(p) for p in first.absolute_path) or "sidecar"
        raise SourceError(path, yaml_line(text, key_path), f"{where}: {first.message}")
    return meta


@cache
def _sidecar_validator():
    return jsonschema_rs.validator_for(load_json_schema("sidecar"))


def _sidecar_is_valid(meta: dict) -> bool:
    """The fast (compiled) check; the pure-Python validator runs only to explain a failure with its path."""
    try:
        return _sidecar_validator().is_valid(meta)
    except ValueError:  # a value JSON cannot hold (a YAML date, say): let the full validator explain
        return False


def _read_bytes(path: Path, limit: int) -> bytes:
    # A symlink could point anywhere on the machine; sources are plain files inside the folder.
    if path.is_symlink():
        raise SourceError(path, 1, "is a symbolic link; sources must be regular files inside the sources folder")
    if not path.is_file():
        raise SourceError(path, 1, "is not a regular file")
    size = path.stat().st_size
    if size > limit:
        raise SourceError(path, 1, f"is {size:,} bytes, over the limit of {limit:,} bytes")
    data = path.read_bytes()
    if len(data) > limit:  # the file grew while we looked
        raise SourceError(path, 1, f"is over the limit of {limit:,} bytes")
    return data


def _decode(path: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError(
            path, line, f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        ) from None
    binary = _BINARY.search(text)
    if binary:
        line = text.count("\n", 0, binary.start()) + 1
        raise SourceError(path, line, f"binary content (control character U+{ord(binary.group()):04X}); not a text file")
    return text


def yaml_line(text: str, key_path: list) -> int:
    """1-based line of the YAML node at `key_path`, or of the deepest ancestor that exists."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return 1
    line = node.start_mark.line + 1 if node is not None else 1
    for key in key_path:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == key]
            if not match:
                break
            line = match[0][0].start_mark.line + 1
            node = match[0][1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line
