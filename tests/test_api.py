"""The Python API at the package's top: each function returns data, prints nothing, and `import
interview_dataset` loads none of the heavy dependencies."""

from __future__ import annotations

import subprocess
import sys

import pyarrow.parquet as pq
import pytest

import interview_dataset as ids

from conftest import FIXTURES, SEED

TURNS = "turns/train-00000-of-00001.parquet"


def test_importing_the_package_loads_no_dependency():
    code = (
        "import sys, interview_dataset as ids; ids.__version__; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pyarrow', 'polars', 'pandera', 'datasets', "
        "'natasha', 'jsonschema', 'yaml', 'trafilatura'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"


def test_the_public_names_are_listed_and_an_unknown_one_is_an_attribute_error():
    assert {"build", "validate", "parse_text", "import_pages", "init_corpus", "InterviewDatasetError"} <= set(dir(ids))
    with pytest.raises(AttributeError, match="has no attribute 'buld'"):
        ids.buld  # noqa: B018


def test_validate_reports_valid_data_as_valid_with_an_empty_frame(built):
    report = ids.validate(built / "data")
    assert (report.valid, report.exit_status, report.problems) == (True, 0, [])
    assert report.frame.columns == ["file", "row", "field", "code", "severity", "message"]
    assert report.frame.height == 0


def test_validate_reports_a_dropped_column_as_one_row_of_its_frame(built_copy, capsys):
    path = built_copy / "data" / TURNS
    pq.write_table(pq.read_table(path).drop_columns(["topic"]), path)
    report = ids.validate(built_copy / "data")
    rows = report.frame.select("file", "row", "field", "code", "severity").rows()
    assert (report.valid, report.exit_status, rows) == (
        False,
        1,
        [
            (str(built_copy / "data"), None, None, "cross-config-skipped", "warning"),
            (str(path), None, "topic", "column-missing", "error"),
        ],
    )
    assert capsys.readouterr() == ("", "")


def test_build_prints_nothing_and_returns_its_warnings(tmp_path, capfd):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / SEED.name).write_bytes(SEED.read_bytes())  # no sidecar, no dataset.yaml: warnings
    report = ids.build(sources, tmp_path / "out", mentions=False, cache=False)
    assert capfd.readouterr() == ("", "")
    assert report.sources == 1 and report.rows["turns"] == 12
    assert report.warnings == [
        f"{sources / SEED.name}:1: warning: no sidecar ({SEED.stem}.yaml): outlet, url, language, interviewer ids "
        "and topics are null; speakers only where the text names them",
        f"{tmp_path / 'out' / 'dataset.yaml'}: warning: no dataset.yaml: the card and croissant.json name no "
        "authors or licence and no CITATION.cff is written; `interview-dataset init` writes one",
    ]


def test_parse_text_returns_the_turns_and_refuses_with_a_line():
    interview = ids.parse_text(" date 2025-01-02 Title\nLead.\n- Why?\n- Because.\n")
    assert [(t.role, t.text) for t in interview.turns] == [("question", "Why?"), ("answer", "Because.")]
    with pytest.raises(ids.SourceError) as caught:
        ids.parse_text("no header\n", "x.txt")
    assert (caught.value.path, caught.value.line, caught.value.exit_status) == ("x.txt", 1, 2)


def test_init_corpus_writes_a_corpus_and_keeps_what_exists(tmp_path):
    written, kept = ids.init_corpus(tmp_path / "corpus")
    assert kept == [] and (tmp_path / "corpus" / "dataset.yaml") in written
    again, kept = ids.init_corpus(tmp_path / "corpus")
    assert (again, tmp_path / "corpus" / "dataset.yaml" in kept) == ([], True)


def test_import_pages_writes_the_source_and_sidecar(tmp_path):
    report = ids.import_pages([FIXTURES / "html" / "pages" / "en-heading-questions.html"], tmp_path)
    assert report.refused == []
    assert sorted(p.suffix for p in report.written) == [".txt", ".yaml"]
