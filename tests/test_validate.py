"""The validate command: clean data passes; each damaged copy of the built files is rejected with a clear line."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from interview_dataset.cli import main
from interview_dataset.problems import CODES, Problem, code_table
from interview_dataset.publish.write import parquet_path
from interview_dataset.schema import CONFIG_METADATA_KEY, CONFIGS, arrow_schema
from interview_dataset.validation.checks import TABLE_CHECKS
from interview_dataset.validation.columnschema import KEYWORD_CODES, json_schema_problems
from interview_dataset.validation.validate import validate_dataset, validate_paths

from conftest import ROOT, run
from shared import DAMAGE_PROBLEMS


def _rows(change):
    """A damage that edits the rows of a table as plain dicts and keeps its schema."""

    def damage(table: pa.Table) -> pa.Table:
        rows = table.to_pylist()
        change(rows)
        return pa.Table.from_pylist(rows, schema=table.schema)

    return damage


def _set(row: int, **values):
    return _rows(lambda rows: rows[row].update(values))


def _schema(change):
    """A damage that rewrites the schema (and casts the data to it)."""

    def damage(table: pa.Table) -> pa.Table:
        schema = change(table.schema)
        return pa.Table.from_pylist(table.to_pylist(), schema=schema)

    return damage


def _swap_descriptions(schema: pa.Schema) -> pa.Schema:
    a, b = schema.field("text"), schema.field("speaker")
    schema = schema.set(schema.get_field_index("text"), a.with_metadata(b.metadata))
    return schema.set(schema.get_field_index("speaker"), b.with_metadata(a.metadata))


def _nullable(name: str):
    return lambda schema: schema.set(schema.get_field_index(name), schema.field(name).with_nullable(True))


def _retype(name: str, new_type: pa.DataType, convert):
    def damage(table: pa.Table) -> pa.Table:
        index = table.schema.get_field_index(name)
        column = pa.array([convert(v) for v in table.column(name).to_pylist()], new_type)
        return table.set_column(index, table.schema.field(name).with_type(new_type), column)

    return damage


def _shuffle(rows):
    rows[0], rows[3] = rows[3], rows[0]


#: (name, config, damage to its table, the problem code that must be reported under --strict, which makes
#: type drift an error: a nullable column or other field metadata is drift, checked after a cast)
TABLE_DAMAGES = [
    ("dropped column", "turns", lambda t: t.drop_columns(["topic"]), "column-missing"),
    (
        "renamed column",
        "turns",
        lambda t: t.rename_columns(["body" if n == "text" else n for n in t.column_names]),
        "column-extra",
    ),
    ("retyped column", "turns", _retype("turn_index", pa.string(), str), "column-type"),
    ("date as text", "turns", _retype("date", pa.string(), datetime.date.isoformat), "column-type"),
    ("extra column", "turns", lambda t: t.append_column("sentiment", pa.array([0.5] * t.num_rows)), "column-extra"),
    ("reordered columns", "turns", lambda t: t.select(list(reversed(t.column_names))), "column-order"),
    ("nullable required field", "turns", _schema(_nullable("role")), "type-drift"),
    ("null in required field", "turns", lambda t: _set(2, role=None)(_schema(_nullable("role"))(t)), "cast-failed"),
    ("swapped field metadata", "turns", _schema(_swap_descriptions), "type-drift"),
    ("unknown topic", "turns", _set(0, topic="space-tourism"), "not-in-vocabulary"),
    ("unknown speaker role", "turns", _set(1, speaker_role="moderator"), "not-in-vocabulary"),
    ("unknown role", "turns", _set(1, role="comment"), "not-in-vocabulary"),
    ("bad turn id", "turns", _set(0, turn_id="Turn One"), "pattern-mismatch"),
    ("negative offset", "turns", _set(0, char_start=-5), "below-minimum"),
    ("empty text", "turns", _set(3, text=""), "too-short"),
    ("duplicate turn id", "turns", _set(2, turn_id="2025-12-26-baq-kz-kuspan-t001"), "duplicate-turn-id"),
    ("dangling reply_to", "turns", _set(3, reply_to="2025-12-26-baq-kz-kuspan-t099"), "dangling-reply-to"),
    ("reply_to on a question", "turns", _set(2, reply_to="2025-12-26-baq-kz-kuspan-t001"), "dangling-reply-to"),
    ("shuffled rows", "turns", _rows(_shuffle), "turn-index-not-consecutive"),
    ("turn index gap", "turns", _set(4, turn_index=9), "turn-index-not-consecutive"),
    ("turn id not derived", "turns", _set(4, turn_id="2025-12-26-baq-kz-kuspan-t105"), "turn-id-mismatch"),
    ("two questions in a row", "turns", _set(1, role="question", speaker_role="interviewer"), "turns-do-not-alternate"),
    ("question by interviewee", "turns", _set(0, speaker_role="interviewee"), "speaker-role-mismatch"),
    ("cap code of another topic", "turns", _set(0, cap_major_topic=16), "cap-code-mismatch"),
    ("offsets shorter than text", "turns", _set(1, char_end=1200), "offsets-do-not-match-text"),
    ("offsets outside source", "turns", _set(11, char_start=99_000, char_end=99_776), "offsets-outside-source"),
    (
        "text edited",
        "turns",
        _set(
            1,
            text="2025 год можно смело назвать годом ПАССИВНОЙ казахстанской дипломатии по всем азимутам." + "x" * 1703,
        ),
        "text-does-not-match-source",
    ),
    ("wrong date", "turns", _set(5, date=datetime.date(2025, 12, 27)), "date-mismatch"),
    (
        "unknown interview",
        "turns",
        _set(0, interview_id="some-other-interview", turn_id="some-other-interview-t001"),
        "unknown-interview",
    ),
    ("edited source text", "interviews", _set(0, source_text=" date 2025-12-26 forged"), "source-hash-mismatch"),
    ("wrong turn count", "interviews", _set(0, n_turns=13), "count-mismatch"),
    ("counts do not add up", "interviews", _set(0, n_answers=7), "counts-do-not-add-up"),
    ("edited answer in pairs", "qa_pairs", _set(0, answer="Другой ответ."), "pair-text-mismatch"),
    ("dropped pair", "qa_pairs", _rows(lambda rows: rows.pop()), "pair-missing"),
    ("pair id of another turn", "qa_pairs", _set(0, pair_id="2025-12-26-baq-kz-kuspan-t004"), "pair-id-mismatch"),
    (
        "mention offsets shifted",
        "turns",
        _rows(lambda rows: rows[1]["mentions"][0].update(start=rows[1]["mentions"][0]["start"] + 1)),
        "mention-offsets-do-not-match",
    ),
    (
        "unknown mention type",
        "turns",
        _rows(lambda rows: rows[1]["mentions"][0].update(type="MISC")),
        "not-in-vocabulary",
    ),
    ("wrong entity count", "entities", _set(0, n_mentions=99), "entity-count-mismatch"),
    ("dropped entity", "entities", _rows(lambda rows: rows.pop()), "entity-missing"),
    ("duplicate entity", "entities", _rows(lambda rows: rows.insert(1, dict(rows[0]))), "entity-out-of-order"),
    ("questions and answers miscounted", "interviews", _set(0, n_questions=5, n_answers=7), "count-mismatch"),
    (
        "pair of an answer with itself",
        "qa_pairs",
        _rows(lambda rows: rows[0].update(question_turn_id=rows[0]["answer_turn_id"])),
        "pair-turns-mismatch",
    ),
    ("pair topic differs from its turns", "qa_pairs", _set(1, topic="culture", cap_major_topic=23), "pair-mismatch"),
    (
        "answer topic differs from its question",
        "turns",
        _set(1, topic="trade-investment", cap_major_topic=18),
        "exchange-topics-differ",
    ),
    # The last answer relabelled as the interviewer's closing remark, keeping the reply_to of an answer.
    (
        "statement with reply_to",
        "turns",
        _set(11, role="statement", speaker_role="interviewer"),
        "statement-has-reply-to",
    ),
    # A question in the middle relabelled as a statement: only an opening or a closing one is allowed.
    ("statement in the middle", "turns", _set(2, role="statement"), "statement-out-of-place"),
    # The first question relabelled as an interviewee's opening statement: qa_pairs still pairs it.
    ("statement in qa_pairs", "turns", _set(0, role="statement", speaker_role="interviewee"), "statement-in-qa-pairs"),
    (
        "speakers erased, ids kept",
        "turns",
        _rows(lambda rows: [row.update(speaker=None) for row in rows]),
        "speaker-mismatch",
    ),
]


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


#: (name, what to do to the turns file, code): damages of the file itself rather than of its table.
FILE_DAMAGES = [
    ("truncated file", _truncate, "unreadable-file"),
    ("not a Parquet file", lambda p: p.write_text("interview_id,turn_id\n", encoding="utf-8"), "unreadable-file"),
    ("empty file", lambda p: p.write_bytes(b""), "unreadable-file"),
    ("missing config file", lambda p: p.unlink(), "config-missing"),
]


def test_clean_build_has_no_problems(built):
    assert validate_dataset(built / "data") == []


@pytest.mark.dataset
def test_committed_data_is_valid():
    assert validate_dataset(ROOT / "data") == []


def _found(data: Path, strict: bool) -> list[str]:
    """The problems of a data folder as the lines of damage_problems.yaml."""
    return [
        " ".join(
            [
                Path(p.file).relative_to(data).parts[0] if p.file != str(data) else ".",
                "-" if p.row is None else str(p.row),
                p.field or "-",
                p.code,
            ]
        )
        for p in validate_paths([data], strict=strict)
    ]


@pytest.mark.parametrize("name, config, damage, code", TABLE_DAMAGES, ids=[d[0] for d in TABLE_DAMAGES])
def test_damaged_table_is_rejected(built_copy, capsys, name, config, damage, code):
    path = parquet_path(built_copy / "data", config)
    table = damage(pq.read_table(path))
    pq.write_table(table, path)
    assert main(["validate", "--strict", str(built_copy / "data")]) == 1
    out, err = capsys.readouterr()
    assert f"[{code}]" in out, out
    assert "Traceback" not in out + err
    assert all(line.startswith(str(built_copy / "data")) for line in out.splitlines())
    assert _found(built_copy / "data", strict=True) == DAMAGE_PROBLEMS[name]


@pytest.mark.parametrize("name, damage, code", FILE_DAMAGES, ids=[d[0] for d in FILE_DAMAGES])
def test_damaged_file_is_rejected(built_copy, capsys, name, damage, code):
    damage(parquet_path(built_copy / "data", "turns"))
    assert main(["validate", str(built_copy / "data")]) == 1
    out, err = capsys.readouterr()
    assert f"[{code}]" in out and "Traceback" not in out + err
    assert _found(built_copy / "data", strict=False) == DAMAGE_PROBLEMS[name]


def test_every_damage_case_has_its_exact_problems():
    assert list(DAMAGE_PROBLEMS) == [d[0] for d in TABLE_DAMAGES + FILE_DAMAGES]


def test_file_outside_its_folder_without_config_metadata_is_rejected(built, tmp_path):
    table = pq.read_table(parquet_path(built / "data", "turns"))
    pq.write_table(table.replace_schema_metadata({}), tmp_path / "loose.parquet")
    assert [(p.code, p.severity) for p in validate_paths([tmp_path / "loose.parquet"])] == [
        ("cross-config-skipped", "warning"),
        ("unknown-config", "error"),
    ]


def test_a_file_named_twice_is_checked_once(built):
    data = built / "data"
    assert validate_paths([data, parquet_path(data, "turns")]) == []


def test_single_file_is_validated_by_its_config_metadata(built, tmp_path):
    shutil.copyfile(parquet_path(built / "data", "qa_pairs"), tmp_path / "pairs.parquet")
    assert validate_paths([tmp_path / "pairs.parquet"]) == [
        Problem(
            str(tmp_path / "pairs.parquet"),
            None,
            None,
            "cross-config-skipped",
            "checks across configs did not run: no checkable file of turns, interviews, entities",
            "warning",
        )
    ]


def test_all_problems_are_reported_at_once(built_copy):
    path = parquet_path(built_copy / "data", "turns")
    damage = _rows(lambda rows: (rows[0].update(topic="space-tourism"), rows[3].update(reply_to=None)))
    pq.write_table(damage(pq.read_table(path)), path)
    problems = validate_paths([built_copy / "data"])
    assert {(p.row, p.code) for p in problems} >= {(0, "not-in-vocabulary"), (3, "dangling-reply-to")}


def test_a_problem_both_layers_find_is_reported_once_under_one_code(built_copy):
    """JSON Schema and pandera both check enums: an unknown topic is one not-in-vocabulary, not two."""
    path = parquet_path(built_copy / "data", "turns")
    pq.write_table(_set(0, topic="space-tourism")(pq.read_table(path)), path)
    found = [(p.row, p.field, p.code) for p in validate_paths([path]) if (p.row, p.field) == (0, "topic")]
    assert found == [(0, "topic", "not-in-vocabulary")]


def test_json_format_gives_one_object_per_problem(built_copy, capsys):
    path = parquet_path(built_copy / "data", "turns")
    pq.write_table(_set(0, topic="space-tourism")(pq.read_table(path)), path)
    assert main(["validate", "--format", "json", str(built_copy / "data")]) == 1
    problems = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {"file", "row", "field", "code", "message", "severity"} == set(problems[0])
    assert any({"row": 0, "field": "topic", "code": "not-in-vocabulary"}.items() <= p.items() for p in problems)


@pytest.mark.dataset
def test_validate_runs_as_a_module_and_exits_non_zero_without_traceback(built_copy):
    parquet_path(built_copy / "data", "turns").write_bytes(b"not parquet")
    result = run("-m", "interview_dataset", "validate", str(built_copy / "data"))
    assert result.returncode == 1
    assert "unreadable-file" in result.stdout and "Traceback" not in result.stderr
    assert run("-m", "interview_dataset", "validate", str(ROOT / "data")).returncode == 0


def test_the_validation_page_shows_a_real_problem_line(built_copy, capsys):
    path = parquet_path(built_copy / "data", "turns")
    pq.write_table(_set(3, reply_to=None)(pq.read_table(path)), path)
    main(["validate", str(built_copy / "data")])
    line = next(out for out in capsys.readouterr().out.splitlines() if "dangling" in out)
    shown = line.replace(str(built_copy) + "/", "")
    assert " ".join(shown.split()) in " ".join((ROOT / "docs" / "validation.md").read_text(encoding="utf-8").split())


def test_the_validation_page_lists_every_problem_code_from_the_registry():
    page = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
    start, end = "<!-- problem codes: generated from problems.CODES -->\n", "\n<!-- end of problem codes -->"
    assert page[page.index(start) + len(start) : page.index(end)] == code_table()  # python docs/generate.py


def test_damage_cases_cover_every_config_and_schema_layer():
    assert {config for _, config, _, _ in TABLE_DAMAGES} == set(CONFIGS)
    codes = {code for *_, code in TABLE_DAMAGES + [(None, None, c) for _, _, c in FILE_DAMAGES]}
    table_checks = {check.code for checks in TABLE_CHECKS.values() for check in checks}
    assert codes & set(KEYWORD_CODES.values()) and codes & table_checks  # JSON Schema and pandera's checks across rows
    assert "duplicate-turn-id" in codes and "column-type" in codes  # pandera's uniqueness and the Arrow layer
    assert codes <= set(CODES)
    assert arrow_schema("turns").metadata[CONFIG_METADATA_KEY] == b"turns"


class _Payload:
    """Unpickling this creates a file: proof that a reader executed code from the file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_parquet_with_a_pickled_extension_type_is_read_without_executing_it(built, tmp_path):
    import pickle

    marker = tmp_path / "executed"
    table = pq.read_table(parquet_path(built / "data", "turns"))
    poisoned = table.schema.field("text").with_metadata(
        {
            "ARROW:extension:name": "arrow.py_extension_type",
            "ARROW:extension:metadata": pickle.dumps(_Payload(marker)),
        }
    )
    path = tmp_path / "turns" / "train-00000-of-00001.parquet"
    path.parent.mkdir()
    pq.write_table(table.cast(table.schema.set(table.schema.get_field_index("text"), poisoned)), path)
    problems = validate_paths([path])
    assert not marker.exists()
    assert problems and all(p.row is None for p in problems)


@pytest.mark.parametrize(
    "name, config, damage, code",
    [d for d in TABLE_DAMAGES if d[3] in KEYWORD_CODES.values()],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_column_wise_json_schema_gives_the_verdict_of_whole_rows(built, name, config, damage, code):
    """The compiled check of distinct column values finds exactly the (row, field) that the reference
    validator finds on every whole row of the same JSON Schema."""
    from jsonschema import Draft202012Validator

    from interview_dataset.schema import load_json_schema

    table = damage(pq.read_table(parquet_path(built / "data", config)))
    rows = [
        {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in row.items()} for row in table.to_pylist()
    ]
    reference = Draft202012Validator(load_json_schema(config), format_checker=Draft202012Validator.FORMAT_CHECKER)
    expected = {(i, error.absolute_path[0]) for i, row in enumerate(rows) for error in reference.iter_errors(row)}
    assert expected and {(row, field) for row, field, _, _ in json_schema_problems(table, config)} == expected


def test_github_format_annotates_errors_and_warnings(built_copy, capsys):
    data = built_copy / "data"
    path = parquet_path(data, "qa_pairs")
    pq.write_table(_set(0, answer="Другой ответ.")(pq.read_table(path)), path)
    assert main(["validate", "--format", "github", str(data)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"::error file={path},line=1::row 0, field answer: answer differs from the turns config (answer text) [pair-text-mismatch]"
    ]
    turns = parquet_path(data, "turns")
    assert main(["validate", "--format", "github", str(turns)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"::warning file={turns}::checks across configs did not run: no checkable file of qa_pairs, interviews, "
        "entities [cross-config-skipped]"
    ]


def test_github_format_escapes_what_would_end_a_command():
    problem = Problem("a:b,c.parquet", 4, "text", "x", "50% done\nnext")
    assert problem.github() == "::error file=a%3Ab%2Cc.parquet,line=5::row 4, field text: 50%25 done%0Anext [x]"


def test_messages_never_quote_a_whole_value():
    from interview_dataset.problems import MAX_MESSAGE_CHARS

    problem = Problem("f.parquet", 0, "text", "too-long", "'" + "ы" * 10_000 + "' is longer than 2097152 characters")
    assert len(problem.message) == MAX_MESSAGE_CHARS and problem.message.endswith("…")


#: Every exit status `validate --help` documents, with a case that gives it (more in test_hostile_files.py:
#: a FIFO, a line break in a name and no descriptor left exit 2; test_cli.py: usage errors, a missing path).
EXIT_PATHS = [
    ("a whole valid folder", [], lambda data: None, 0),
    ("one valid file: partly checked, a warning", ["{data}/turns/train-00000-of-00001.parquet"], lambda data: None, 0),
    ("a file rewritten with large strings: drift, a warning", [], lambda data: _large_strings(data), 0),
    ("the same under --strict", ["--strict"], lambda data: _large_strings(data), 1),
    (
        "one file under --require-all",
        ["--require-all", "{data}/turns/train-00000-of-00001.parquet"],
        lambda data: None,
        1,
    ),
    ("invalid data", [], lambda data: parquet_path(data, "turns").write_bytes(b"x"), 1),
    ("a missing path", ["{data}/nope.parquet"], lambda data: None, 2),
    ("bad usage", ["--format", "xml"], lambda data: None, 2),
]


def _large_strings(data: Path) -> None:
    path = parquet_path(data, "entities")
    table = pq.read_table(path)
    pq.write_table(
        table.cast(
            pa.schema(
                [f.with_type(pa.large_string()) if f.type == pa.string() else f for f in table.schema],
                metadata=table.schema.metadata,
            )
        ),
        path,
    )


@pytest.mark.parametrize("name, args, damage, status", EXIT_PATHS, ids=[case[0] for case in EXIT_PATHS])
def test_every_documented_exit_status(built_copy, name, args, damage, status):
    data = built_copy / "data"
    damage(data)
    args = [a.format(data=data) for a in args] or []
    if not any(a.startswith(str(data)) for a in args):
        args.append(str(data))
    result = run("-m", "interview_dataset", "validate", *args)
    assert result.returncode == status and "Traceback" not in result.stderr, result.stdout + result.stderr


def test_exit_paths_cover_every_documented_status():
    from interview_dataset.arguments import EXIT_CODES

    documented = {int(line.split()[0]) for line in EXIT_CODES.splitlines()[1:]}
    assert {status for *_, status in EXIT_PATHS} == documented == {0, 1, 2}


def test_speaker_may_be_null_only_where_the_interviews_config_names_nobody():
    from interview_dataset.validation.configrows import ConfigRows, frame
    from interview_dataset.validation.speakers import speaker_problems

    person = pa.struct([("speaker_id", pa.string()), ("name", pa.string()), ("position", pa.string())])
    interviews = pa.table(
        {
            "interview_id": ["i1"],
            "interviewer": [None],
            "interviewer_id": ["corr"],
            "interviewees": pa.array(
                [[{"speaker_id": "ann", "name": "Ann Lee", "position": None}, {"speaker_id": "bo", "name": None}]],
                pa.list_(person),
            ),
        }
    )
    turns = pa.table(
        {
            "interview_id": ["i1"] * 5,
            "speaker_id": ["corr", "ann", "bo", "ann", "zed"],
            "speaker": [None, "Ann Lee", None, None, None],
        }
    )
    parts = {
        "interviews": ConfigRows([("interviews.parquet", 0, interviews)]),
        "turns": ConfigRows([("t.parquet", 0, turns)]),
    }
    found = [(p.row, p.field, p.code) for p in speaker_problems(parts, frame(turns))]
    assert found == [(3, "speaker", "speaker-mismatch")]


def test_valid_data_is_checked_without_numpy_or_pandera(built):
    """The validate-only install has neither numpy nor the build's extras: valid data must pass without
    importing numpy, and without pandera (which runs only where the one-query screen finds something)."""
    code = (
        "import sys; sys.modules['numpy'] = None\n"
        "from interview_dataset.validation.validate import validate_dataset\n"
        f"print(validate_dataset({str(built / 'data')!r}), 'pandera' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "[] False\n", "")
