"""Every case of the hostile corpus (tests/hostile/generate.py) ends in a clear message or in
correct behaviour: nothing raises, nothing waits, nothing huge is copied or kept."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stretchapp.core.paths import Paths
from stretchapp.core.routines import Library, check_files, load_library
from stretchapp.core.settings import SettingsStore, load_clinic
from stretchapp.core.sharing import read_shared
from tests.hostile.generate import CASES, build

CORE_KINDS = ("routine", "settings", "clinic", "shared")


def finishes(call: Callable[[], Any], seconds: float = 60) -> Any:
    """`call()`'s result; fails (instead of hanging the suite) if it waits on a special file."""
    result: list[Any] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as exc:  # noqa: BLE001 - reported below
            result.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert result, "the reader did not finish: it waited on something"
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0]


@pytest.fixture(scope="module")
def library() -> Library:
    paths = Paths.default()
    return load_library(paths.bundled_routines_dir, None, paths.assets_dir)


def messages_for(kind: str, path: Path, paths: Paths, library: Library) -> list[str]:
    if kind == "routine":
        (report,) = check_files([path], library, paths.assets_dir)
        return [str(p) for p in report.problems] or ["OK"]
    if kind == "settings":
        folder_paths = dataclasses.replace(paths, config_dir=path.parent)
        _settings, found = SettingsStore(folder_paths).load()
        return found or ["OK"]
    if kind == "clinic":
        folder_paths = dataclasses.replace(paths, config_dir=path.parent)
        _details, found = load_clinic(folder_paths)
        return found or ["OK"]
    with read_shared(path, library, paths) as preview:
        return list(preview.problems) or ["OK"]


@pytest.mark.parametrize("name", [n for n in CASES if n.split("-", 1)[0] in CORE_KINDS])
def test_case(name: str, tmp_path: Path, paths: Paths, library: Library) -> None:
    case = build(name, tmp_path / "case")
    found = finishes(lambda: messages_for(case.kind, case.path, paths, library))
    text = "\n".join(found)
    assert case.expect in text, found
    assert all(len(m) < 1000 for m in found), [m[:200] for m in found]
    # Nothing huge is copied aside (a sparse giant settings file is moved, not copied).
    for kept in (tmp_path / "case").glob("*.bak"):
        assert kept.is_symlink() or kept.lstat().st_blocks * 512 < 2 * 1024 * 1024
