"""The package's layout: no import cycle between its modules, counting imports inside functions too, and
schema.py (which every derivation reads) imports nothing from the package."""

from __future__ import annotations

import ast
from pathlib import Path

import interview_dataset

PACKAGE = Path(interview_dataset.__file__).parent


def package_imports(path: Path) -> set[str]:
    """The package modules a module imports anywhere in its body (top level, functions, TYPE_CHECKING)."""
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                imported.add(node.module.split(".")[0])
            else:
                imported.update(alias.name for alias in node.names if (PACKAGE / f"{alias.name}.py").exists())
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("interview_dataset."):
            imported.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            imported.update(a.name.split(".")[1] for a in node.names if a.name.startswith("interview_dataset."))
    return imported - {path.stem}


def import_graph() -> dict[str, set[str]]:
    return {path.stem: package_imports(path) for path in sorted(PACKAGE.glob("*.py"))}


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph as the list of its modules, or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                return stack[stack.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        state[module] = "done"
        stack.pop()
        return None

    for module in sorted(graph):
        if module not in state and (found := visit(module)):
            return found
    return None


def test_the_package_has_no_import_cycle():
    assert cycle(import_graph()) is None


def test_the_cycle_finder_finds_a_cycle_through_imports_inside_functions():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None


def test_schema_imports_nothing_from_the_package():
    assert import_graph()["schema"] == set()


def test_ci_runs_ruff_and_mypy_before_the_tests():
    ci = (PACKAGE.parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("\nruff check .\n") < ci.index("\nmypy\n") < ci.index("\npytest\n")
