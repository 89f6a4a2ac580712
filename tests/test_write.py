"""Writing: deterministic Parquet, row groups aligned across configs, streaming validation, atomic swap."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from interview_dataset.pipeline.engines import source_rows
from interview_dataset.publish.write import DatasetWriter, parquet_path, replace_dir, staging_dir
from interview_dataset.schema import CONFIGS
from interview_dataset.validation.validate import validate_dataset

from conftest import FIXTURES, ROOT

SOURCES = sorted([*(ROOT / "sources").glob("*.txt"), *(FIXTURES / "conventions").glob("*.txt")], key=lambda p: p.stem)


def write_corpus(folder, row_group_turns):
    writer = DatasetWriter(folder, row_group_turns=row_group_turns)
    for path in SOURCES:
        writer.add(source_rows(path).rows)
    writer.close()
    return writer


@pytest.mark.dataset
def test_row_groups_close_together_at_interview_boundaries(tmp_path):
    write_corpus(tmp_path, row_group_turns=10)
    files = {config: pq.ParquetFile(parquet_path(tmp_path, config)) for config in CONFIGS}
    groups = {files[c].num_row_groups for c in CONFIGS}
    assert len(groups) == 1 and groups.pop() > 1
    for k in range(files["turns"].num_row_groups):
        ids = [set(files[c].read_row_group(k, columns=["interview_id"]).column(0).to_pylist()) for c in CONFIGS]
        assert ids[0] == ids[1] == ids[2]


def test_streamed_validation_finds_a_duplicate_id_across_row_groups(tmp_path):
    write_corpus(tmp_path, row_group_turns=10)
    assert validate_dataset(tmp_path) == []
    path = parquet_path(tmp_path, "interviews")
    parquet = pq.ParquetFile(path)
    groups = [parquet.read_row_group(k) for k in range(parquet.num_row_groups)]
    first_id = groups[0].column("interview_id")[0].as_py()
    last = groups[-1].to_pylist()
    last[-1]["interview_id"] = first_id
    import pyarrow as pa

    with pq.ParquetWriter(path, parquet.schema_arrow) as writer:
        for table in [*groups[:-1], pa.Table.from_pylist(last, schema=parquet.schema_arrow)]:
            writer.write_table(table)
    codes = {p.code for p in validate_dataset(tmp_path)}
    assert "duplicate-interview-id" in codes


def test_same_rows_give_the_same_bytes(tmp_path):
    write_corpus(tmp_path / "a", row_group_turns=10)
    write_corpus(tmp_path / "b", row_group_turns=10)
    for config in CONFIGS:
        assert parquet_path(tmp_path / "a", config).read_bytes() == parquet_path(tmp_path / "b", config).read_bytes()


def test_replace_dir_swaps_in_the_new_folder_and_keeps_the_old_at_the_staging_path(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "old.txt").write_text("old")
    with staging_dir(tmp_path / "data") as staging:
        (staging / "new.txt").write_text("new")
        replace_dir(staging, tmp_path / "data")
        assert (staging / "old.txt").exists()
    assert [p.name for p in (tmp_path / "data").iterdir()] == ["new.txt"]
    assert not list(tmp_path.glob(".data.tmp-*"))


def test_staging_folder_is_removed_when_the_build_fails(tmp_path):
    with pytest.raises(RuntimeError):
        with staging_dir(tmp_path / "data") as staging:
            (staging / "partial.parquet").write_bytes(b"x")
            raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_a_second_build_into_the_same_folder_stops_at_once(tmp_path):
    from interview_dataset.errors import OutputError
    from interview_dataset.publish.write import build_lock

    with build_lock(tmp_path):
        with pytest.raises(OutputError, match="another build is writing to this folder"):
            with build_lock(tmp_path):
                pass
    with build_lock(tmp_path):  # released: the next build may go
        pass
    assert list(tmp_path.iterdir()) == []
