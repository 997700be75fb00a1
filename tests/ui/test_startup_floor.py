"""The start-up's floor (scripts/startup_floor.py) shows the very first page the app shows.

scripts/bench.py measures the app's start against this replay of its first page, made with no
app code; the comparison means something only while the replay paints what the app painted."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from stretchapp.core.paths import Paths
from tests.ui.test_startup import REPO, run_start, start_env

FLOOR = REPO / "scripts" / "startup_floor.py"


def floor(paths: Paths, command: str, folder: Path) -> subprocess.CompletedProcess[str]:
    return run_start(paths, str(FLOOR), command, str(folder))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_floor_paints_the_apps_first_page_pixel_for_pixel(
    paths: Paths, tmp_path: Path, theme: str
) -> None:
    start_env(paths)
    paths.settings_file.write_text(f"version: 1\nsafety_note_seen: true\ntheme: {theme}\n")
    for _ in range(2):  # a first start, then the usual one (from the caches)
        recorded = floor(paths, "dump", tmp_path / "floor")
        assert recorded.returncode == 0 and "first-paint " in recorded.stdout, recorded.stderr
    tree = json.loads((tmp_path / "floor" / "tree.json").read_text(encoding="utf-8"))
    assert "Daily back care" in json.dumps(tree)  # the library's cards were recorded

    compared = floor(paths, "compare", tmp_path / "floor")
    assert compared.returncode == 0, compared.stdout + compared.stderr
    assert "pixels that differ: 0.0000%" in compared.stdout
