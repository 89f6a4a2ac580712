"""`build --scheduler`: parsing on a Dask cluster (a LocalCluster of 2 worker processes) gives the bytes of a
local build; an unreachable scheduler is one line and exit status 2."""

from __future__ import annotations

import pytest

from interview_dataset.pipeline import engines

from conftest import FIXTURES, run, run_here
from shared import data_of, make_corpus


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def test_a_cluster_build_gives_the_bytes_of_a_local_build(cluster, tmp_path):
    sources = make_corpus(tmp_path / "sources", 20)
    for source in (FIXTURES / "conventions").iterdir():
        (sources / source.name).write_bytes(source.read_bytes())
    for out, options in (("local", ["--jobs", "2"]), ("cluster", ["--scheduler", cluster.scheduler_address])):
        result = run(
            "build_dataset.py",
            "--sources",
            str(sources),
            "--out",
            str(tmp_path / out),
            "--quiet",
            "--no-cache",
            "--no-mentions",
            *options,
        )
        assert result.returncode == 0, result.stderr
    assert data_of(tmp_path / "local") == data_of(tmp_path / "cluster")


def test_an_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(engines, "SCHEDULER_TIMEOUT", 2)  # the default (10 s) waits longer than this test needs
    result = run_here(
        "build_dataset.py",
        "--sources",
        str(FIXTURES / "good"),
        "--out",
        str(tmp_path / "out"),
        "--scheduler",
        "tcp://127.0.0.1:9",
        "--no-mentions",
    )
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("--scheduler tcp://127.0.0.1:9: cannot reach the Dask scheduler (")
    assert not (tmp_path / "out" / "data").exists()
