"""validate trusts nothing in a file it can recompute, and stays bounded on hostile files (issue 14).

Each case was reproduced against the released validator, which called the data valid, hung or crashed. Files
are damaged the way an attacker would: the footer's bytes edited in place, configs swapped, a dictionary page
that expands a thousandfold, a FIFO, a line break in a name, thousands of files.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from interview_dataset.problems import Problem
from interview_dataset.publish.write import FILE_NAME, parquet_path
from interview_dataset.schema import arrow_schema, load_json_schema
from interview_dataset.validation.validate import MAX_DECODED_BYTES, validate_paths

from conftest import ROOT
from shared import ADDRESS_SPACE

TIME_LIMIT = 120  # seconds; a guard against hangs (a FIFO), not a measurement


def _skipped(where: Path, reason: str) -> Problem:
    return Problem(
        str(where), None, None, "cross-config-skipped", f"checks across configs did not run: {reason}", "warning"
    )


def _validate_in_child(*args: str, nofile: int | None = None, before: str = "") -> subprocess.CompletedProcess:
    """`interview-dataset validate ARGS` in a process limited in memory (and, if given, open files)."""
    limits = f"resource.setrlimit(resource.RLIMIT_AS, ({ADDRESS_SPACE}, {ADDRESS_SPACE}))"
    if nofile:
        limits += f"; resource.setrlimit(resource.RLIMIT_NOFILE, ({nofile}, {nofile}))"
    code = "\n".join(
        [
            "import resource, sys",
            "from interview_dataset.cli import main",
            limits,
            before,
            f"sys.exit(main(['validate', *{list(args)!r}]))",
        ]
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=TIME_LIMIT, cwd=ROOT)


# --- footers that lie ---------------------------------------------------------------------------------------


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _edit_footer(path: Path, old: bytes, new: bytes) -> None:
    """Replace bytes of the Thrift footer in place (fields are length-prefixed, so only the footer length moves)."""
    data = path.read_bytes()
    (length,) = struct.unpack("<I", data[-8:-4])
    start = len(data) - 8 - length
    footer = data[start:-8]
    assert footer.count(old) == 1
    footer = footer.replace(old, new)
    path.write_bytes(data[:start] + footer + struct.pack("<I", len(footer)) + b"PAR1")


def test_statistics_that_lie_about_min_and_max_are_caught(built_copy):
    path = parquet_path(built_copy / "data", "turns")
    _edit_footer(path, b"\x06answer", b"\x08question")  # role min 'answer' → 'question': readers skip every answer
    assert pl.scan_parquet(path).filter(pl.col("role") == "answer").collect().height == 0  # what the lie does
    assert validate_paths([built_copy / "data"]) == [
        Problem(
            str(path),
            None,
            "role",
            "statistics-mismatch",
            "row group 0, column role: the footer says min/max 'question'/'question', the data ranges over 'answer'/'question'",
        )
    ]


def test_a_footer_row_count_that_lies_is_caught(built_copy):
    path = parquet_path(built_copy / "data", "turns")
    rows = pq.ParquetFile(path).metadata.num_rows
    # FileMetaData field 3 (num_rows, i64, zigzag varint) between the schema list and the row groups list
    _edit_footer(path, b"\x16" + _varint(2 * rows) + b"\x19", b"\x16" + _varint(2 * 10**9) + b"\x19")
    assert pq.ParquetFile(path).metadata.num_rows == 10**9
    assert validate_paths([built_copy / "data"]) == [
        Problem(
            str(path), None, None, "row-count-mismatch", "the footer says 1000000000 rows but its row groups hold 12"
        )
    ]


# --- configs in the wrong place -------------------------------------------------------------------------------


def test_turns_and_qa_pairs_swapped_between_folders_are_errors(built_copy):
    data = built_copy / "data"
    turns, pairs = parquet_path(data, "turns"), parquet_path(data, "qa_pairs")
    turns_bytes = turns.read_bytes()
    turns.write_bytes(pairs.read_bytes())
    pairs.write_bytes(turns_bytes)
    assert validate_paths([data]) == [
        _skipped(data, "no checkable file of turns, qa_pairs"),
        Problem(
            str(pairs),
            None,
            None,
            "config-mismatch",
            "the file declares config 'turns' but lies in the folder of config 'qa_pairs'",
        ),
        Problem(
            str(turns),
            None,
            None,
            "config-mismatch",
            "the file declares config 'qa_pairs' but lies in the folder of config 'turns'",
        ),
    ]


def test_configs_replaced_by_empty_files_of_the_turns_schema_are_errors(built_copy):
    data = built_copy / "data"
    for config in ("qa_pairs", "interviews", "entities"):
        pq.write_table(arrow_schema("turns").empty_table(), parquet_path(data, config))
    assert validate_paths([data]) == [_skipped(data, "no checkable file of qa_pairs, interviews, entities")] + [
        Problem(
            str(parquet_path(data, config)),
            None,
            None,
            "config-mismatch",
            f"the file declares config 'turns' but lies in the folder of config {config!r}",
        )
        for config in ("entities", "interviews", "qa_pairs")
    ]


def test_configs_emptied_under_their_own_schema_contradict_the_turns(built_copy):
    data = built_copy / "data"
    for config in ("qa_pairs", "interviews", "entities"):
        pq.write_table(arrow_schema(config).empty_table(), parquet_path(data, config))
    problems = validate_paths([data])
    turns = pq.read_table(parquet_path(data, "turns"))
    assert sorted({(p.file, p.code) for p in problems}) == [
        (str(parquet_path(data, "entities")), "entity-missing"),
        (str(parquet_path(data, "qa_pairs")), "pair-missing"),
        (str(parquet_path(data, "turns")), "unknown-interview"),
    ]
    assert sum(p.code == "unknown-interview" for p in problems) == turns.num_rows
    assert sum(p.code == "pair-missing" for p in problems) == pc.sum(pc.equal(turns.column("role"), "answer")).as_py()


# --- sizes ----------------------------------------------------------------------------------------------------


def test_one_turn_with_a_million_identical_mentions_is_refused(built_copy):
    data = built_copy / "data"
    path = parquet_path(data, "turns")
    table = pq.read_table(path)
    mentions = table.column("mentions").combine_chunks()
    first = mentions.values.slice(mentions.offsets[1].as_py(), 1)  # turn 1's first mention
    many = pa.concat_arrays(
        [
            mentions.values.slice(0, mentions.offsets[1].as_py()),
            first.take(pa.array([0] * 10**6)),
            mentions.values.slice(mentions.offsets[2].as_py()),
        ]
    )
    lengths = pc.fill_null(pc.list_value_length(mentions), 0).to_pylist()
    lengths[1] = 10**6
    offsets = pa.array([0, *__import__("itertools").accumulate(lengths)], pa.int32())
    column = pa.ListArray.from_arrays(offsets, many, type=mentions.type, mask=mentions.is_null())
    pq.write_table(
        table.set_column(table.schema.get_field_index("mentions"), table.schema.field("mentions"), column), path
    )
    # the entities config made consistent with the million mentions
    entities = pq.read_table(parquet_path(data, "entities")).to_pylist()
    canonical = first.field("canonical")[0].as_py()
    for row in entities:
        row["n_mentions"] += (10**6 - 1) if row["canonical"] == canonical else 0
    pq.write_table(pa.Table.from_pylist(entities, schema=arrow_schema("entities")), parquet_path(data, "entities"))
    characters = len(table.column("text")[1].as_py())
    assert validate_paths([data]) == [
        Problem(
            str(path),
            1,
            "mentions",
            "too-many-mentions",
            f"{10**6} mentions in a text of {characters} characters; its mentions and the entity counts are not checked further",
        )
    ]


def test_text_bounds_in_the_schemas_are_the_source_limit():
    from interview_dataset.parse.sources import MAX_SOURCE_BYTES

    def bounds(node):
        if isinstance(node, dict):
            yield from ((k, v) for k, v in node.items() if k in ("maxLength", "maxItems"))
            for value in node.values():
                yield from bounds(value)

    found = [v for config in ("turns", "qa_pairs", "interviews") for _, v in bounds(load_json_schema(config))]
    assert len(found) == 8 and set(found) == {MAX_SOURCE_BYTES}  # a text of N bytes has at most N characters


def test_a_dictionary_bomb_is_refused_before_it_is_decoded(tmp_path):
    """11 KB on disk, 2 GiB decoded: one 2 MiB text repeated by a dictionary 1,000 times."""
    folder = tmp_path / "turns"
    folder.mkdir()
    turns = pq.read_table(ROOT / "data" / "turns").slice(0, 1)
    n = 1000
    columns = [
        pa.repeat(turns.column(name)[0], n)
        if name != "text"
        else pa.DictionaryArray.from_arrays(pa.array([0] * n, pa.int32()), pa.array(["ы" * 2**20]))
        for name in turns.column_names
    ]
    pq.write_table(pa.table(columns, names=turns.column_names), folder / FILE_NAME, compression="zstd")
    assert (folder / FILE_NAME).stat().st_size < 20_000
    result = _validate_in_child(str(folder / FILE_NAME))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        f"{folder / FILE_NAME}: warning: checks across configs did not run: no checkable file of qa_pairs, "
        "interviews, entities [cross-config-skipped]",
        f"{folder / FILE_NAME}: row group 0 would take 2,097,457,879 bytes decoded, over the limit of "
        f"{MAX_DECODED_BYTES:,}; not decoded [row-group-too-large]",
        f"{folder / FILE_NAME}: warning: every column (20) differs from the published Arrow schema in type, "
        "nullability or field metadata; checked after a cast to it [type-drift]",
    ]


# --- paths ----------------------------------------------------------------------------------------------------


def test_a_fifo_named_parquet_is_refused_without_opening_it(tmp_path):
    os.mkfifo(tmp_path / "x.parquet")  # opening it for reading would block until a writer comes
    for target in (tmp_path / "x.parquet", tmp_path):
        result = _validate_in_child(str(target))
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert (
            f"{tmp_path / 'x.parquet'}: not a regular file (a FIFO, device or socket); not opened [not-a-regular-file]"
            in result.stdout.splitlines()
        )


def test_a_file_name_with_a_line_break_is_one_line_and_bad_input(built, tmp_path):
    name = tmp_path / "turns" / "evil\nname.parquet"
    name.parent.mkdir()
    shutil.copyfile(parquet_path(built / "data", "turns"), name)
    result = _validate_in_child(str(tmp_path / "turns"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'turns'}: warning: checks across configs did not run: no checkable file of turns, qa_pairs, "
        "interviews, entities [cross-config-skipped]",
        f"{tmp_path / 'turns'}/evil\\nname.parquet: the file name holds a control character (a line break?); "
        "rename the file [bad-file-name]",
    ]


def test_three_thousand_files_fit_in_a_thousand_descriptors(tmp_path):
    folder = tmp_path / "turns"
    folder.mkdir()
    pq.write_table(arrow_schema("turns").empty_table(), folder / "part-0000.parquet")
    empty = (folder / "part-0000.parquet").read_bytes()
    for i in range(1, 3001):
        (folder / f"part-{i:04}.parquet").write_bytes(empty)
    result = _validate_in_child(str(folder), nofile=1024)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        f"{folder}: warning: checks across configs did not run: no checkable file of qa_pairs, interviews, entities "
        "[cross-config-skipped]"
    ]


def test_no_descriptor_left_is_one_line_and_bad_input(built):
    path = parquet_path(built / "data", "turns")
    exhaust = "import interview_dataset.validation.validate\nheld = []\nwhile True:\n    try: held.append(open(sys.executable, 'rb'))\n    except OSError: break"
    result = _validate_in_child(str(path), nofile=64, before=f"exec({exhaust!r})")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        f"{path}: warning: checks across configs did not run: no checkable file of turns, qa_pairs, interviews, "
        "entities [cross-config-skipped]",
        f"{path}: cannot open: too many open files [unreadable-path]",
    ]


def test_a_row_group_over_the_limit_uncompressed_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import interview_dataset.validation.batches as batches

    monkeypatch.setattr(batches, "MAX_DECODED_BYTES", 2**20)  # the same path as 512 MiB, at a size a test can write
    folder = tmp_path / "turns"
    folder.mkdir()
    turns = pq.read_table(ROOT / "data" / "turns")
    texts = pa.array([f"{i}" + "ы" * 100_000 for i in range(turns.num_rows)])  # 2.4 MB, plain encoded
    pq.write_table(
        turns.set_column(turns.schema.get_field_index("text"), turns.schema.field("text"), texts),
        folder / FILE_NAME,
        use_dictionary=False,
        compression="zstd",
    )
    declared = pq.ParquetFile(folder / FILE_NAME).metadata.row_group(0)
    declared = sum(declared.column(i).total_uncompressed_size for i in range(declared.num_columns))
    assert validate_paths([folder / FILE_NAME]) == [
        _skipped(folder / FILE_NAME, "no checkable file of qa_pairs, interviews, entities"),
        Problem(
            str(folder / FILE_NAME),
            None,
            None,
            "row-group-too-large",
            f"row group 0 holds {declared:,} bytes uncompressed, over the limit of {2**20:,}; not decoded",
        ),
    ]
