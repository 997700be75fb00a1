"""The app as a person runs it: a routine started from the terminal, the process killed
mid-session, then the history read back from the terminal."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from stretchapp.core.paths import Paths

ROUTINE = """\
version: 1
routines:
  - id: quick-test
    name: Quick test
    get_ready: 0
    rest: 0
    stretches:
      - stretch: childs-pose
        hold: 1
      - stretch: cat-cow
        reps: 1
        tempo: 1
      - stretch: childs-pose
        hold: 600
"""


def history_rows(env: dict[str, str]) -> list[dict[str, str]]:
    out = subprocess.run(
        [sys.executable, "-m", "stretchapp", "history", "--csv"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    return list(csv.DictReader(io.StringIO(out)))


def test_killed_mid_session_keeps_what_was_done(paths: Paths, tmp_path: Path) -> None:
    paths.user_routines_dir.mkdir(parents=True)
    (paths.user_routines_dir / "quick.yaml").write_text(ROUTINE)
    paths.settings_file.write_text("version: 1\ncheckin_before: false\nsafety_note_seen: true\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    log = tmp_path / "app.log"
    with log.open("w") as errors:
        app = subprocess.Popen(
            [sys.executable, "-m", "stretchapp", "start", "quick-test"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    try:
        deadline = time.monotonic() + 60
        rows: list[dict[str, str]] = []
        while time.monotonic() < deadline:
            rows = history_rows(env) if paths.history_db.exists() else []
            if rows and int(rows[0]["done"]) >= 2:
                break
            assert app.poll() is None, log.read_text()
            time.sleep(0.3)
        assert rows and int(rows[0]["done"]) >= 2, rows
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=30)
    (row,) = history_rows(env)
    assert row["routine_id"] == "quick-test"
    assert row["status"] == "interrupted"
    assert row["done"] == "2" and row["skipped"] == "0"
    assert int(row["active_seconds"]) >= 2
    assert row["started_at"][-6] in "+-"  # ISO 8601 with its offset


def test_start_with_an_unknown_id_names_the_ones_that_exist() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "stretchapp", "start", "nope"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "there is no routine with the id 'nope'" in result.stderr
    assert "daily-back-care" in result.stderr and "desk-break" in result.stderr


def test_no_history_yet(paths: Paths) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "stretchapp", "history"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert not Path(paths.history_db).exists()  # reading never creates the file
