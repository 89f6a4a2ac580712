"""Rows → Parquet files per config with deterministic bytes, and an atomic swap of the output folder.

Rows stream in one interview at a time and leave as row groups of at most ROW_GROUP_ROWS rows, so memory
does not grow with the size of the corpus.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from interview_dataset.errors import OutputError
from interview_dataset.schema import CONFIGS, arrow_schema

#: A row group closes after the interview that brings it to this many turns or source characters. Row groups
#: of the three configs close together, at an interview boundary, so row group k of every config covers the
#: same interviews: validation then streams the files batch by batch, in memory that does not grow with them.
ROW_GROUP_TURNS = 50_000
ROW_GROUP_CHARS = 8_000_000
#: One file per config, named the way the Hugging Face Hub names a single-shard split.
FILE_NAME = "train-00000-of-00001.parquet"
STAGING_PREFIX = ".data.tmp-"


def parquet_path(data_dir: str | Path, config: str) -> Path:
    return Path(data_dir) / config / FILE_NAME


class DatasetWriter:
    """Writes every config's Parquet file under `data_dir`, one interview's rows at a time."""

    def __init__(
        self, data_dir: str | Path, row_group_turns: int = ROW_GROUP_TURNS, row_group_chars: int = ROW_GROUP_CHARS
    ):
        self.data_dir = Path(data_dir)
        self.row_group_turns = row_group_turns
        self.row_group_chars = row_group_chars
        self.buffers: dict[str, list[dict]] = {config: [] for config in CONFIGS}
        self.buffered_chars = 0
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.counts = dict.fromkeys(CONFIGS, 0)

    def add(self, rows) -> None:
        """Add the rows of one interview (an annotate.Rows) to every config."""
        for config in CONFIGS:
            self.buffers[config].extend(getattr(rows, config))
            self.counts[config] += len(getattr(rows, config))
        self.buffered_chars += sum(len(row["source_text"]) for row in rows.interviews)
        if len(self.buffers["turns"]) >= self.row_group_turns or self.buffered_chars >= self.row_group_chars:
            self._flush()

    def _flush(self) -> None:
        for config in CONFIGS:
            table = pa.Table.from_pylist(self.buffers[config], schema=arrow_schema(config))
            with self._naming(config):
                self._writer(config).write_table(table, row_group_size=max(table.num_rows, 1))
            self.buffers[config] = []
        self.buffered_chars = 0

    def _writer(self, config: str) -> pq.ParquetWriter:
        if config not in self.writers:
            path = parquet_path(self.data_dir, config)
            path.parent.mkdir(parents=True, exist_ok=True)
            # Fixed settings make the bytes a function of the rows alone (and of the pinned pyarrow, whose
            # version is written into the file footer).
            self.writers[config] = pq.ParquetWriter(
                path,
                arrow_schema(config),
                compression="zstd",
                compression_level=3,
                use_dictionary=True,
                write_statistics=True,
                store_schema=True,
            )
        return self.writers[config]

    def close(self) -> None:
        if any(self.buffers.values()) or not self.writers:
            self._flush()  # an empty build still gets a file per config, with the schema
        for config, writer in self.writers.items():
            with self._naming(config):
                writer.close()

    @contextmanager
    def _naming(self, config: str):
        """Turn an OSError while writing a config's file (a full disk, a file size limit) into one line that
        names the file, which pyarrow's errors do not; the other writers are closed quietly first, so none
        fails again when it is collected."""
        try:
            yield
        except OSError as error:
            for writer in self.writers.values():
                with suppress(OSError):
                    writer.close()
            raise OutputError(parquet_path(self.data_dir, config), f"cannot write ({_reason(error)})") from None


@contextmanager
def _naming(path: Path):
    """Turn an OSError while writing `path` into one line that names it."""
    try:
        yield
    except OSError as error:
        raise OutputError(path, f"cannot write ({_reason(error)})") from None


def _reason(error: OSError) -> str:
    return os.strerror(error.errno) if error.errno else _first_line(error)


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


@contextmanager
def build_lock(out_dir: Path):
    """Hold an exclusive lock on the `out_dir` folder itself for a whole build, so two builds never swap or
    clean up each other's folders; a second build fails at once instead of waiting. No lock file is left."""
    out_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(out_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(out_dir, "another build is writing to this folder; wait for it to finish") from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


def check_replaceable(data_dir: Path) -> None:
    """Refuse to replace a `data_dir` holding anything a build does not write: the swap deletes the old folder
    whole, so a user's file kept there (or a file or link in the folder's place) would be lost."""
    if data_dir.is_symlink() or (data_dir.exists() and not data_dir.is_dir()):
        raise OutputError(data_dir, "is not a folder written by a build; move it away (the build writes data/ here)")
    if not data_dir.exists():
        return
    ours = {Path(config) for config in CONFIGS} | {Path(config) / FILE_NAME for config in CONFIGS}
    for root, folders, files in os.walk(data_dir):
        for name in sorted(folders + files):
            path = Path(root) / name
            if path.relative_to(data_dir) not in ours or path.is_symlink():
                raise OutputError(
                    path,
                    f"was not written by a build, and a build replaces {data_dir} whole; "
                    "move it out of that folder first",
                )


@contextmanager
def staging_dir(target: str | Path):
    """A fresh folder beside `target` (same file system, so the final rename is atomic), removed on any exit.
    Call it under build_lock: it first removes what killed builds left behind."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(target.parent)
    path = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target.parent))
    path.chmod(0o755)  # mkdtemp makes it private; the published data folder is not
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def remove_stale_staging(folder: Path) -> None:
    """Remove staging folders and files that a killed build left behind; they are never published data."""
    for stale in folder.glob(STAGING_PREFIX + "*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)


def replace_dir(new: Path, target: Path) -> None:
    """Make `new` the folder at `target` in one step: readers see the old folder or the new, never a mix.

    On Linux, renameat2(RENAME_EXCHANGE) swaps the two folders atomically; where the kernel or file system
    lacks it, two renames leave a short moment with no `target`, and a failed second rename puts the old
    folder back. Either way the old data ends up at `new`, which the caller removes.
    """
    if not target.exists():
        os.rename(new, target)
        new.mkdir()
        return
    if _exchange(new, target):
        return
    parked = new.with_name(new.name + "-old")
    os.rename(target, parked)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(parked, target)
        raise
    os.rename(parked, new)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where renameat2 is missing or unsupported, OSError on a real failure."""
    libc_name = ctypes.util.find_library("c")
    renameat2 = getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None) if libc_name else None
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a))


def prepare_files(out_dir: Path, contents: dict[str, bytes]) -> dict[Path, Path]:
    """Write each file's bytes to a temporary file in `out_dir`, named like staging so that a killed build's
    leftovers are removed by the next; returns final path → temporary path, for publish()."""
    pending = {}
    try:
        for name, data in contents.items():
            with _naming(out_dir / name):
                fd, tmp = tempfile.mkstemp(prefix=f"{STAGING_PREFIX}{Path(name).name}.", dir=out_dir)
                pending[out_dir / name] = Path(tmp)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.chmod(tmp, 0o644)
    except BaseException:
        discard(pending)
        raise
    return pending


def publish(pending: dict[Path, Path]) -> None:
    """Move prepared files into place, each in one rename."""
    for final, tmp in pending.items():
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, final)


def discard(pending: dict[Path, Path]) -> None:
    for tmp in pending.values():
        tmp.unlink(missing_ok=True)
