"""The tarball runs from wherever it is unpacked, with no Python of the user's on the PATH.
Runs when STRETCHAPP_TARBALL names one (.ci/run sets it after scripts/build-package)."""

from __future__ import annotations

import os
import subprocess
import tarfile
from pathlib import Path

import pytest

from stretchapp import __version__
from stretchapp.ui import svg_worker
from tests.conftest import REPO

TARBALL = os.environ.get("STRETCHAPP_TARBALL", "")

pytestmark = pytest.mark.skipif(
    not (TARBALL and Path(TARBALL).is_file()),
    reason="STRETCHAPP_TARBALL is not set to a tarball built by scripts/build-package",
)


def test_unpacked_in_a_home_folder_it_runs(tmp_path: Path) -> None:
    home = tmp_path / "home" / "ann"
    downloads = home / "Downloads"
    downloads.mkdir(parents=True)
    with tarfile.open(TARBALL) as tar:
        if hasattr(tarfile, "tar_filter"):  # Python 3.11.4 and later
            tar.extractall(downloads, filter="tar")
        else:
            tar.extractall(downloads)  # our own build, on Python < 3.11.4
    program = downloads / "stretchapp" / "stretchapp"
    assert program.is_file() and os.access(program, os.X_OK)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "STRETCHAPP_NO_SAFETY_NOTE": "1",
    }

    def run(*args: str, cwd: Path = downloads) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
        )

    assert run("./stretchapp/stretchapp", "--version").stdout.strip() == f"stretchapp {__version__}"
    routines = sorted(str(p) for p in (REPO / "routines").glob("*.yaml"))
    checked = run(str(program), "validate", *routines, cwd=tmp_path)  # by full path, elsewhere
    assert checked.returncode == 0, checked
    listed = run("./stretchapp", "routines", cwd=downloads / "stretchapp")
    assert "daily-back-care" in listed.stdout, listed
    painted = subprocess.run(
        ["./stretchapp/stretchapp"],
        env=dict(env, STRETCHAPP_FIRST_PAINT="quit"),
        cwd=downloads,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert painted.returncode == 0 and "first-paint" in painted.stdout, painted
    # a user's SVG picture is drawn by the bundle's own program (no Python to run -m with)
    svg = home / "mine.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/>'
        "</svg>",
        encoding="utf-8",
    )
    out = home / "mine.png"
    worker, args = svg_worker.command([str(svg), str(out), "40", "30", "1"], str(program), True)
    drawn = run(worker, *args)
    assert drawn.returncode == 0 and out.read_bytes()[:4] == b"\x89PNG", drawn


def test_the_first_paints_modules_are_plain_files_the_rest_archived(tmp_path: Path) -> None:
    """packaging/early_modules.py and the spec: what the window's first paint imports is
    loaded from plain .pyc files (quicker), what only comes later stays in the archive."""
    with tarfile.open(TARBALL) as tar:
        names = set(tar.getnames())
    app = "stretchapp/_internal/stretchapp"
    for early in ("ui/app.pyc", "ui/library.pyc", "core/routines.pyc", "cli.pyc"):
        assert f"{app}/{early}" in names, early
    for later in ("ui/editor.pyc", "ui/player.pyc", "core/history.pyc", "ui/history/page.pyc"):
        assert f"{app}/{later}" not in names, later
