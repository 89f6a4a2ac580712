"""The README's promises and figures come from the code and the test suites, so they cannot drift."""

from __future__ import annotations

import ast
import re

from interview_dataset.pipeline.failpoints import FAILPOINTS

from conftest import FIXTURES, ROOT
from shared import (
    ADDRESS_SPACE,
    ARBITRARY_EXAMPLES,
    DAMAGE_PROBLEMS,
    GENERATED_EXAMPLES,
    INTERRUPT_POINTS,
    KILL_POINTS,
    TIMED_DELAYS,
    TIMED_SIGNALS,
)

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_reliability_figures_are_the_suites_figures():
    assert f"{GENERATED_EXAMPLES + ARBITRARY_EXAMPLES} inputs per run" in README
    assert f"{GENERATED_EXAMPLES} generated interviews" in README and f"{ARBITRARY_EXAMPLES} arbitrary" in README
    damages = len(DAMAGE_PROBLEMS) + 1  # + the pickled extension type
    assert f"{damages} damaged variants of the built Parquet files caught of {damages}" in README
    sources = len(list((FIXTURES / "bad").iterdir())) + len(list((FIXTURES / "ambiguous").glob("*.txt")))
    assert f"{sources} of {sources} malformed or\n  ambiguous source folders" in README
    assert f"SIGKILL at {len(KILL_POINTS)} of {len(KILL_POINTS)} points" in README
    assert f"the {len(FAILPOINTS)} named phases" in README
    assert f"at {len(INTERRUPT_POINTS)} of {len(INTERRUPT_POINTS)} points" in README
    assert f"by SIGKILL, SIGTERM and SIGINT at {len(TIMED_DELAYS)}\n  moments" in README and len(TIMED_SIGNALS) == 3


def test_hostile_file_figures_are_the_suites():
    from interview_dataset.problems import MAX_MESSAGE_CHARS
    from interview_dataset.validation.validate import MAX_DECODED_BYTES

    tree = ast.parse((ROOT / "tests" / "test_hostile_files.py").read_text(encoding="utf-8"))
    tests = {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}
    cases = [name for name in tests if "bounds" not in name]
    assert f"{len(cases)} of {len(cases)} hostile inputs caught" in README
    assert f"under a {ADDRESS_SPACE // 2**30} GiB address-space limit" in README
    assert README.count(f"over {MAX_DECODED_BYTES // 2**20} MiB decoded") == 2  # Validate it in CI, Security
    assert f"quote at most {MAX_MESSAGE_CHARS} characters" in README


def test_at_least_thirty_damaged_variants_are_tested():
    assert len(DAMAGE_PROBLEMS) >= 30


def test_size_limits_in_the_security_section_are_the_readers():
    from interview_dataset.parse.sources import MAX_SIDECAR_BYTES, MAX_SOURCE_BYTES

    assert f"over {MAX_SOURCE_BYTES // 2**20} MiB" in README and f"over {MAX_SIDECAR_BYTES // 2**10} KiB" in README


def test_pinned_pyarrow_in_the_security_section_is_the_pin():
    pin = re.search(r'"pyarrow>=([\d.]+)', (ROOT / "pyproject.toml").read_text(encoding="utf-8")).group(1)
    assert f"pyarrow ≥ {pin}" in README


def test_the_pandas_line_of_load_it_keeps_nullable_integers():
    import pandas as pd
    import pyarrow as pa

    assert 'turns = pd.read_parquet("data/turns", dtype_backend="pyarrow")' in README
    turns = pd.read_parquet(ROOT / "data" / "turns", dtype_backend="pyarrow")
    assert turns["cap_major_topic"].dtype == pd.ArrowDtype(pa.int64())
