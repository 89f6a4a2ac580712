"""Find the source texts and their sidecars, and read them safely: strict UTF-8, size limit, no escapes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema_rs
import yaml

from interview_dataset.errors import SourceError, SourceErrors
from interview_dataset.parse.sidecaryaml import load_sidecar_yaml
from interview_dataset.schema import json_validator, load_json_schema
from interview_dataset.yamlfile import schema_error, syntax_error, yaml_line

#: Largest source text accepted. The longest press interviews are a few hundred KB; anything bigger is
#: almost certainly not an interview, and refusing it keeps a stranger's file from exhausting memory.
MAX_SOURCE_BYTES = 2 * 1024 * 1024
MAX_SIDECAR_BYTES = 256 * 1024

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # used with fullmatch: `$` would accept a final newline
# Control characters other than tab, line feed and carriage return mark a binary file, not a text.
_BINARY_CHARS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_BINARY = re.compile(f"[{_BINARY_CHARS}]")
# C1 controls and the Unicode line and paragraph separators. NEL (U+0085), U+2028 and U+2029 are line breaks
# to some tools and not to others; the parser, the offsets and the card agree only on \n, \r\n and \r, so a
# text holding them is refused rather than split one way here and another way elsewhere.
_CONTROL_CHARS = r"\x80-\x9f\u2028\u2029"
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
_ANY_CONTROL = re.compile(f"[{_BINARY_CHARS}{_CONTROL_CHARS}]")
# In a sidecar value (a single line) only tab and line feed are allowed of the control characters.
_VALUE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")

#: Longest part of a value quoted in an error message.
MAX_QUOTED = 60


@dataclass(frozen=True)
class Source:
    """One interview text as read from disk, with its curated metadata (None when it has no sidecar)."""

    id: str
    path: Path
    text: str
    sha256: str
    sidecar: dict | None
    sidecar_path: Path | None


def find_sources(folder: str | Path) -> list[Path]:
    """Return the source texts (`*.txt`) of a folder, sorted by name so builds are in a stable order; raise
    SourceErrors naming every stray sidecar at once."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError(folder, 0, "sources folder does not exist")
    names = sorted(p.name for p in folder.iterdir())
    texts = [folder / name for name in names if name.endswith(".txt")]
    errors = [
        SourceError(folder / name, 1, f"sidecar without a source text: expected {name[:-5]}.txt beside it")
        for name in names
        if name.endswith(".yaml") and not (folder / f"{name[:-5]}.txt").exists()
    ]
    errors += [
        SourceError(folder / name, 1, f"sidecars end in .yaml: rename it to {name[:-4]}.yaml")
        for name in names
        if name.endswith(".yml")
    ]
    if errors:
        raise SourceErrors(errors)
    return texts


def read_source(path: str | Path) -> Source:
    """Read one source text and its sidecar (`<id>.yaml` beside it), refusing anything unsafe or malformed."""
    path = Path(path)
    source_id = path.stem
    if not ID_PATTERN.fullmatch(source_id):
        raise SourceError(
            path, 1, "file name must be a lowercase slug (letters a-z, digits, single hyphens) ending in .txt"
        )
    data = _read_bytes(path, MAX_SOURCE_BYTES)
    text = _decode(path, data)
    meta_path = path.with_suffix(".yaml")
    meta = read_sidecar(meta_path) if meta_path.exists() or meta_path.is_symlink() else None
    return Source(
        id=source_id,
        path=path,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        sidecar=meta,
        sidecar_path=meta_path if meta is not None else None,
    )


def read_sidecar(path: str | Path) -> dict:
    """Read a sidecar with YAML's safe loader and check it against schema/sidecar.schema.json."""
    path = Path(path)
    text = _decode(path, _read_bytes(path, MAX_SIDECAR_BYTES))
    try:
        meta = load_sidecar_yaml(text, path)
    except yaml.YAMLError as error:
        raise syntax_error(path, error) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError(path, 1, "sidecar must be a mapping of keys to values")
    _check_values(meta, [], text, path)
    if _sidecar_is_valid(meta):
        return meta
    errors = sorted(json_validator(load_json_schema("sidecar")).iter_errors(meta), key=lambda e: list(e.absolute_path))
    if not errors:  # the two validators disagree: a bug of ours or of one of them, never a pass
        raise SourceError(
            path, 1, "sidecar fails the compiled schema check but passes the reference one; please report this"
        )
    raise schema_error(path, text, errors[0], "sidecar")


def _check_values(value, key_path: list, text: str, path: Path) -> None:
    """Refuse control characters in every key and string value: they corrupt terminals and the card's tables."""
    if isinstance(value, dict):
        for key, item in value.items():
            _check_values(key, key_path, text, path)
            _check_values(item, [*key_path, key], text, path)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_values(item, [*key_path, i], text, path)
    elif isinstance(value, str) and (found := _VALUE_CONTROL.search(value)):
        where = ".".join(map(str, key_path)) or "sidecar"
        raise SourceError(path, yaml_line(text, key_path), f"control character U+{ord(found.group()):04X} in {where!r}")


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
    if not _ANY_CONTROL.search(text):  # one pass over the text in the common, clean case
        return text
    binary = _BINARY.search(text)
    if binary:
        line = text.count("\n", 0, binary.start()) + 1
        raise SourceError(
            path, line, f"binary content (control character U+{ord(binary.group()):04X}); not a text file"
        )
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise SourceError(
            path,
            line,
            f"control character U+{ord(control.group()):04X}; use a plain line break (or remove it) and save again",
        )
    return text
