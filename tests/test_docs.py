"""The manual's promises and figures come from the code and the test suites, so they cannot drift: each figure
is read from the page where it lives (whitespace normalised, so rewrapping a paragraph never matters), the
generated pages equal what docs/generate.py writes now, and every link between pages leads somewhere."""

from __future__ import annotations

import ast
import importlib.util
import re
import tomllib
from pathlib import Path

import pytest

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

DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "CHANGELOG.md", *sorted(DOCS.glob("*.md"))]


def page(name: str) -> str:
    """A page's text with every run of whitespace (line breaks included) as one space."""
    return " ".join((ROOT / name).read_text(encoding="utf-8").split())


def _generator():
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reliability_figures_are_the_suites_figures():
    reliability = page("docs/reliability.md")
    assert f"{GENERATED_EXAMPLES + ARBITRARY_EXAMPLES} inputs per run" in reliability
    assert f"{GENERATED_EXAMPLES} generated interviews" in reliability
    assert f"{ARBITRARY_EXAMPLES} arbitrary" in reliability
    damages = len(DAMAGE_PROBLEMS) + 1  # + the pickled extension type
    assert f"{damages} damaged variants of the built Parquet files caught of {damages}" in reliability
    sources = len(list((FIXTURES / "bad").iterdir())) + len(list((FIXTURES / "ambiguous").glob("*.txt")))
    assert f"{sources} of {sources} malformed or ambiguous source folders" in reliability
    assert f"SIGKILL at {len(KILL_POINTS)} of {len(KILL_POINTS)} points" in reliability
    assert f"the {len(FAILPOINTS)} named phases" in reliability
    assert f"at {len(INTERRUPT_POINTS)} of {len(INTERRUPT_POINTS)} points" in reliability
    assert f"by SIGKILL, SIGTERM and SIGINT at {len(TIMED_DELAYS)} moments" in reliability and len(TIMED_SIGNALS) == 3


def test_hostile_file_figures_are_the_suites():
    from interview_dataset.problems import MAX_MESSAGE_CHARS
    from interview_dataset.validation.validate import MAX_DECODED_BYTES

    tree = ast.parse((ROOT / "tests" / "test_hostile_files.py").read_text(encoding="utf-8"))
    tests = {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}
    cases = [name for name in tests if "bounds" not in name]
    assert f"{len(cases)} of {len(cases)} hostile inputs caught" in page("docs/reliability.md")
    assert f"under a {ADDRESS_SPACE // 2**30} GiB address-space limit" in page("docs/reliability.md")
    decoded = f"over {MAX_DECODED_BYTES // 2**20} MiB decoded"
    assert decoded in page("docs/validation.md") and decoded in page("docs/security.md")
    assert f"quote at most {MAX_MESSAGE_CHARS} characters" in page("docs/security.md")


def test_at_least_thirty_damaged_variants_are_tested():
    assert len(DAMAGE_PROBLEMS) >= 30


def test_size_limits_in_the_security_page_are_the_readers():
    from interview_dataset.parse.sources import MAX_SIDECAR_BYTES, MAX_SOURCE_BYTES

    security = page("docs/security.md")
    assert f"over {MAX_SOURCE_BYTES // 2**20} MiB" in security and f"over {MAX_SIDECAR_BYTES // 2**10} KiB" in security


def test_pinned_pyarrow_in_the_security_page_is_the_pin():
    pin = re.search(r'"pyarrow>=([\d.]+)', (ROOT / "pyproject.toml").read_text(encoding="utf-8")).group(1)
    assert f"pyarrow ≥ {pin}" in page("docs/security.md")


@pytest.mark.dataset
def test_the_pandas_line_of_load_it_keeps_nullable_integers():
    import pandas as pd
    import pyarrow as pa

    assert 'turns = pd.read_parquet("data/turns", dtype_backend="pyarrow")' in page("README.md")
    turns = pd.read_parquet(ROOT / "data" / "turns", dtype_backend="pyarrow")
    assert turns["cap_major_topic"].dtype == pd.ArrowDtype(pa.int64())


def test_generated_pages_are_what_the_code_gives_now():
    """docs/cli.md from --help, validation.md's code table, architecture.md's module table."""
    stale = [str(path.relative_to(ROOT)) for path in _generator().stale_pages()]
    assert stale == [], "run python docs/generate.py"


def test_the_cli_reference_has_every_command_and_option():
    from interview_dataset.arguments import build_parser

    reference = page("docs/cli.md")
    commands = _generator()._commands(build_parser())
    assert set(commands) == {"build", "init", "import", "validate"}
    for name, command in commands.items():
        assert f"## `interview-dataset {name}`" in reference
        for option in (o for action in command._actions for o in action.option_strings):
            assert option in reference, (name, option)


def test_the_cli_reference_does_not_depend_on_the_terminal(monkeypatch):
    generator = _generator()
    monkeypatch.setenv("COLUMNS", "60")
    narrow = generator.cli_reference()
    monkeypatch.setenv("COLUMNS", "200")
    assert generator.cli_reference() == narrow == (DOCS / "cli.md").read_text(encoding="utf-8")


def test_every_relative_link_between_pages_leads_to_a_file_and_heading():
    broken = []
    for source in PAGES:
        text = re.sub(r"```.*?```", "", source.read_text(encoding="utf-8"), flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue  # an address on the web
            path, _, anchor = target.partition("#")
            linked = (source.parent / path).resolve() if path else source
            if not linked.exists():
                broken.append(f"{source.name}: {target}")
            elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
                broken.append(f"{source.name}: {target} (no such heading)")
    assert broken == []


def _anchors(path: Path) -> set[str]:
    """GitHub's anchors of a page's headings: lowercase, punctuation dropped, spaces as hyphens."""
    headings = re.findall(r"(?m)^#+ (.+)$", re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S))
    return {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-") for heading in headings}


def test_the_package_page_is_pyprojects_readme_and_has_no_front_matter():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["readme"] == "docs/index.md"
    assert not (ROOT / "docs" / "index.md").read_text(encoding="utf-8").startswith("---")
    assert "docs" in project["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]


def test_every_docs_page_is_linked_from_the_package_page_and_the_card():
    index, card = page("docs/index.md"), page("README.md")
    for path in sorted(DOCS.glob("*.md")):
        if path.name != "index.md":
            assert f"]({path.name}" in index, path.name
        assert f"](docs/{path.name}" in card, path.name
