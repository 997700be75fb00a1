"""PySide6's look at each imported module's source: quick, and with PySide's own answers."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from test_startup import start_env  # tests/ui/test_startup.py

from stretchapp.core.paths import Paths
from stretchapp.ui import source_check

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def pyside_check() -> Iterator[Callable[[ModuleType], Any]]:
    """PySide's own check, with `source_check` installed (an earlier test may have done it:
    `stretchapp start` run in this process installs it)."""
    assert source_check.install()
    check = source_check.pyside_check()
    assert check is not None and check is not source_check.uses_pyside
    yield check


def module_from(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_answers_as_pyside_does_for_every_module_loaded(
    pyside_check: Callable[[ModuleType], Any],
) -> None:
    modules = [m for m in list(sys.modules.values()) if isinstance(m, ModuleType)]
    with_source = [m for m in modules if str(getattr(m, "__file__", "")).endswith(".py")]
    assert len(with_source) > 100  # the app's, the tests', the standard library's
    answers = {m.__name__: source_check.uses_pyside(m) for m in modules}
    assert answers == {m.__name__: bool(pyside_check(m)) for m in modules}
    # Both kinds are among them.
    assert answers["stretchapp.ui.library"] is True
    assert answers["stretchapp.core.routines"] is False
    assert answers["PySide6.QtCore"] is False  # (no source: PySide's own check answers)


def test_the_word_anywhere_in_the_file_counts(
    tmp_path: Path, pyside_check: Callable[[ModuleType], Any]
) -> None:
    (tmp_path / "mentions.py").write_text('"""Nothing but a word: PySide6."""\nX = 1\n')
    (tmp_path / "silent.py").write_text("# pyside6, in other letters\nX = 1\n")
    (tmp_path / "empty.py").write_text("")
    for name, expected in (("mentions", True), ("silent", False), ("empty", False)):
        module = module_from(tmp_path / f"{name}.py", f"_source_check_{name}")
        assert source_check.uses_pyside(module) is expected
        assert bool(pyside_check(module)) is expected
    gone = module_from(tmp_path / "mentions.py", "_source_check_gone")
    (tmp_path / "mentions.py").unlink()  # no file to read: PySide's check decides
    assert source_check.uses_pyside(gone) is bool(pyside_check(gone)) is False


# Runs the real `stretchapp` and prints the modules with a source file that were read through
# `inspect.getsource` (PySide's own way) from its start until it quits at its first paint.
READ_SOURCES = """
import inspect, sys
read = []
real = inspect.getsource

def counting(obj, *args, **kwargs):
    if str(getattr(obj, "__file__", "")).endswith(".py"):
        read.append(obj.__name__)
    return real(obj, *args, **kwargs)

inspect.getsource = counting
from stretchapp.cli import main
status = main(sys.argv[1:])
print("read", len(read), " ".join(read), flush=True)
sys.exit(status)
"""


def test_the_start_reads_no_module_source_through_inspect(paths: Paths) -> None:
    result = subprocess.run(
        [sys.executable, "-c", READ_SOURCES],
        cwd=REPO,
        env=start_env(paths),  # a returning user's first start, as test_startup's
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "first-paint " in result.stdout  # (the window was shown)
    [line] = [line for line in result.stdout.splitlines() if line.startswith("read ")]
    # Only the two PySide6 reads while it loads itself (as a bare PySide6 window does),
    # before its check can be replaced; without `install`, some fifty.
    assert set(line.split()[2:]) <= {"shiboken6", "enum"}, line


def test_a_call_shaped_otherwise_goes_to_pysides_own_check(
    pyside_check: Callable[[ModuleType], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another PySide in the range pyproject.toml allows may call its check with more
    arguments: such a call is handed on unchanged, never answered from the file."""
    calls: list[tuple[Any, ...]] = []

    def own(module: ModuleType, *more: Any) -> str:
        calls.append((module, *more))
        return "pyside's answer"

    monkeypatch.setattr(source_check, "_pyside_check", own)
    assert source_check.uses_pyside(source_check, "extra") == "pyside's answer"
    assert calls == [(source_check, "extra")]
    # the usual call is answered from the file (this module names PySide6; os does not)
    assert source_check.uses_pyside(source_check) is True
    assert source_check.uses_pyside(os) is False
    assert len(calls) == 1
