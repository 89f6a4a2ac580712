"""Every fixture of tests/fixtures/real-shapes parses exactly as its expected file says, or is refused at the
line and with the message it says.

Each `<name>.txt` (with an optional sidecar `<name>.yaml`) has `<name>.expected.json`: the convention, the lead's
first and last line, and per turn [role (q/a), first line, last line, speaker, speaker_id] as the turns config
gets them; or {"refused": {"line": N, "message": "..."}}.
"""

from __future__ import annotations

import json

import pytest

from interview_dataset.annotate.rows import rows_from_source
from interview_dataset.errors import SourceError
from interview_dataset.parse.interview import interview_from_text
from interview_dataset.parse.sources import read_source

from conftest import FIXTURES

SHAPES = FIXTURES / "real-shapes"
CASES = sorted(p.stem for p in SHAPES.glob("*.txt"))


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@pytest.mark.parametrize("name", CASES)
def test_real_shape_parses_exactly_as_expected(name):
    expected = json.loads((SHAPES / f"{name}.expected.json").read_text(encoding="utf-8"))
    source = read_source(SHAPES / f"{name}.txt")
    if "refused" in expected:
        with pytest.raises(SourceError) as caught:
            interview_from_text(source.text, name, source.sidecar)
        assert (caught.value.line, expected["refused"]["message"] in caught.value.message) == (
            expected["refused"]["line"],
            True,
        ), caught.value.message
        return
    interview = interview_from_text(source.text, name, source.sidecar)
    rows = rows_from_source(source, mentions=False).turns
    text = source.text
    lead = (
        [_line_of(text, interview.lead_start), _line_of(text, interview.lead_start + len(interview.lead))]
        if interview.lead
        else None
    )
    turns = [
        [t.role[0], t.line, _line_of(text, t.end), row["speaker"], row["speaker_id"]]
        for t, row in zip(interview.turns, rows)
    ]
    assert {"convention": interview.convention, "lead": lead, "turns": turns} == expected
    for turn in interview.turns:
        assert text[turn.start : turn.end] == turn.text


def test_there_are_enough_fixtures_of_each_issue():
    refused = [n for n in CASES if "refused" in json.loads((SHAPES / f"{n}.expected.json").read_text(encoding="utf-8"))]
    assert len(CASES) >= 37 and len(refused) >= 5


def test_sidecar_labels_must_be_a_list_of_spellings(tmp_path):
    text = (SHAPES / "caps-spellings-sidecar-ru.txt").read_text(encoding="utf-8")
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    (tmp_path / "x.yaml").write_text("interviewees:\n  - id: a\n    name: А Б\n    labels: ГЛАВНЫЙ\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_source(tmp_path / "x.txt")
    assert caught.value.line == 4 and "labels" in caught.value.message
