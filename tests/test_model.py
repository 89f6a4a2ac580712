"""The one-query screen in front of the pandera model gives pandera's verdict: on the published data and on
every damage of the validation tests (where pandera fails a frame, the screen must never pass it)."""

from __future__ import annotations

import pandera.errors
import pyarrow.parquet as pq
import pytest
from test_validate import TABLE_DAMAGES

from interview_dataset.publish.write import parquet_path
from interview_dataset.schema import CONFIGS
from interview_dataset.validation.configrows import frame
from interview_dataset.validation.model import pandera_schema, surely_passes


def pandera_passes(config, rows) -> bool:
    try:
        pandera_schema(config).validate(rows, lazy=True)
    except pandera.errors.SchemaErrors:
        return False
    return True


@pytest.mark.parametrize("config", CONFIGS)
def test_published_data_passes_the_screen(built, config):
    rows = frame(pq.read_table(parquet_path(built / "data", config)))
    assert surely_passes(config, rows) and pandera_passes(config, rows)


@pytest.mark.parametrize("name, config, damage, code", TABLE_DAMAGES, ids=[d[0] for d in TABLE_DAMAGES])
def test_the_screen_gives_pandera_s_verdict_on_every_damage(built, name, config, damage, code):
    rows = frame(damage(pq.read_table(parquet_path(built / "data", config))))
    assert surely_passes(config, rows) == pandera_passes(config, rows)
