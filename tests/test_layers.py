"""The layering: the core below everything (tests/core/test_core_has_no_qt.py), and the
`stretchapp.ui` modules depending on each other without a cycle, none of them on the window.

Every import counts, also one inside a function: a lazy import hides a cycle from Python,
not from a reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "stretchapp"


def imports_of(path: Path, package: str) -> set[str]:
    """The modules of `package` (e.g. "stretchapp.ui") that the file imports, by short name."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == package:
                found |= {alias.name for alias in node.names}
            elif node.module.startswith(package + "."):
                found.add(node.module[len(package) + 1 :].split(".")[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(package + "."):
                    found.add(alias.name[len(package) + 1 :].split(".")[0])
    return found


def module_name(path: Path, root: Path) -> str:
    """ "history.page" for ui/history/page.py, "history" for ui/history/__init__.py."""
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path) -> list[str]:
    """Every dotted name the file imports: "a.b" for `import a.b`, "a.b.c" for
    `from a.b import c` (absolute imports only)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return names


def dotted_imports(path: Path, package: str, modules: set[str]) -> set[str]:
    """The modules (dotted, below `package`) that the file imports; `from P import name`
    counts as P.name when that is a module, else as P."""
    found: set[str] = set()
    for name in imported_names(path):
        if not name.startswith(package + "."):
            continue
        dotted = name.removeprefix(package + ".")
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        if dotted:
            found.add(dotted)
    return found


def ui_graph() -> dict[str, set[str]]:
    folder = PACKAGE / "ui"
    files = [p for p in sorted(folder.rglob("*.py")) if p != folder / "__init__.py"]
    modules = {module_name(p, folder) for p in files}
    return {
        module_name(p, folder): dotted_imports(p, "stretchapp.ui", modules)
        - {module_name(p, folder)}
        for p in files
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path (first module repeated at the end), or None."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        for target in sorted(graph.get(module, ())):
            cycle = visit(target, [*path, module])
            if cycle:
                return cycle
        done.add(module)
        return None

    for module in sorted(graph):
        cycle = visit(module, [])
        if cycle:
            return cycle
    return None


def test_the_graph_sees_inside_packages() -> None:
    graph = ui_graph()
    assert "history.page" in graph and "history.charts" in graph["history.page"]
    assert "history.page" in graph["history"]  # the package re-exports its page
    assert "history" in graph["app"]


def test_the_cycle_finder_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_ui_modules_form_no_import_cycle() -> None:
    graph = ui_graph()
    assert len(graph) >= 10 and "library" in graph["app"]
    assert find_cycle(graph) is None


def test_nothing_but_the_entry_point_reaches_into_the_main_window() -> None:
    """Pages, the builder and the tray ask the application layer (ui/controller.py) and the
    navigator (ui/navigator.py); only the window itself lives in ui/app.py."""
    assert {module for module, targets in ui_graph().items() if "app" in targets} == set()


def test_the_core_imports_no_ui_and_no_command_line() -> None:
    offenders = {
        f"{path.name}: stretchapp.{name}"
        for path in sorted((PACKAGE / "core").glob("*.py"))
        for name in imports_of(path, "stretchapp")
        if name != "core"
    }
    assert offenders == set()
