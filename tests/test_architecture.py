"""The package's layout: subpackages in pipeline order over a small core, no import cycle between modules
(counting imports inside functions too), and schema.py (which every derivation reads) imports nothing."""

from __future__ import annotations

import ast
from pathlib import Path

import interview_dataset

PACKAGE = Path(interview_dataset.__file__).parent

#: The pipeline's layers, bottom up: a module imports from its own subpackage and from lower layers only.
#: Core modules (at the package's top) are layer 0, except the front doors above everything.
LAYERS = {
    "core": 0,
    "parse": 1,
    "validation": 1,
    "publish": 1,
    "annotate": 2,
    "webimport": 2,
    "pipeline": 3,
    "front": 4,
}
FRONT = {"__init__", "__main__", "cli", "arguments", "api"}


def module_name(path: Path) -> str:
    """`parse.roles` for src/interview_dataset/parse/roles.py, `errors` for errors.py."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def layer_of(module: str) -> str:
    if "." in module or (PACKAGE / module).is_dir():
        return module.split(".")[0]
    return "front" if module in FRONT else "core"


def package_imports(path: Path) -> set[str]:
    """The package modules a module imports anywhere in its body (top level, functions, TYPE_CHECKING)."""
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: relative import; the package imports absolutely")
        if isinstance(node, ast.ImportFrom) and (node.module or "") == "interview_dataset":
            imported.update(alias.name for alias in node.names if alias.name != "__version__")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("interview_dataset."):
            imported.add(node.module.removeprefix("interview_dataset."))
        elif isinstance(node, ast.Import):
            imported.update(
                a.name.removeprefix("interview_dataset.") for a in node.names if a.name.startswith("interview_dataset.")
            )
    return imported - {module_name(path)}


def import_graph() -> dict[str, set[str]]:
    return {module_name(path): package_imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


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


def test_each_module_imports_only_its_own_subpackage_and_lower_layers():
    upward = sorted(
        (module, target)
        for module, targets in import_graph().items()
        for target in targets
        if layer_of(target) != layer_of(module) and LAYERS[layer_of(target)] >= LAYERS[layer_of(module)]
    )
    assert upward == []


def test_the_layer_check_sees_an_upward_import():
    assert (layer_of("parse.roles"), layer_of("pipeline.build"), layer_of("errors"), layer_of("cli")) == (
        "parse",
        "pipeline",
        "core",
        "front",
    )
    assert LAYERS[layer_of("pipeline.build")] > LAYERS[layer_of("parse.roles")] > LAYERS[layer_of("errors")]


def test_no_module_is_over_300_lines():
    long = {
        module_name(p): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300
    }
    assert long == {}


def test_ci_runs_ruff_and_mypy_before_the_tests():
    ci = (PACKAGE.parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("\nruff check .\n") < ci.index("\nmypy\n") < ci.index("\npytest\n")
