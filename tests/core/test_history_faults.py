"""History under faults: newer versions, read-only folders, full disks, reused process ids."""

from __future__ import annotations

import argparse
import io
import os
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from stretchapp import history_cli
from stretchapp.core import history as h
from stretchapp.core.history import HistoryStore, HistoryWriteError, SessionRecorder, Status
from stretchapp.core.paths import Paths
from stretchapp.core.session import Session
from tests.core.test_history import ROUTINE, T0, FakeClock, run_until, wall


def a_history(paths: Paths, sessions: int = 2) -> None:
    store, _ = HistoryStore.open(paths.history_db)
    for n in range(sessions):
        store.add_session(datetime(2024, 1, 1 + n, 8, tzinfo=UTC), "daily", "Daily")
    store.close()


def set_version(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm")))


def history_command(paths: Paths, capsys: pytest.CaptureFixture[str], **flags: bool) -> str:
    args = argparse.Namespace(csv=flags.get("csv", False), json=False)
    assert history_cli.run(args, paths) == 0
    captured = capsys.readouterr()
    return captured.out + captured.err


# ---- finding 5: a newer history is never moved aside ------------------------------------------


def test_the_history_command_never_moves_a_newer_history(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    a_history(paths)
    set_version(paths.history_db, h.SCHEMA_VERSION + 5)
    before = files_in(paths.data_dir)
    text = history_command(paths, capsys)
    assert files_in(paths.data_dir) == before
    assert "newer version" in text
    assert "2 sessions" in text or "Daily" in text


def test_the_app_opens_a_newer_history_read_only(paths: Paths) -> None:
    a_history(paths)
    set_version(paths.history_db, h.SCHEMA_VERSION + 1)
    before = files_in(paths.data_dir)
    store, notice = HistoryStore.open(paths.history_db)
    assert notice is not None and "newer version" in notice and "read-only" in notice
    assert store.count() == 2
    with pytest.raises(HistoryWriteError, match="read-only"):
        store.start_session(time.time(), 0, "daily", "Daily")
    store.close()
    assert files_in(paths.data_dir) == before
    conn = sqlite3.connect(paths.history_db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == h.SCHEMA_VERSION + 1


# ---- finding 6: a read-only data folder still shows the history --------------------------------


def test_a_history_that_cannot_be_written_is_shown_read_only(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_history(paths, 3)

    def refuses(cls: type, path: Path, full_check: bool | None) -> HistoryStore:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(HistoryStore, "_open_file", classmethod(refuses))
    store, notice = HistoryStore.open(paths.history_db)
    assert store.count() == 3
    assert notice is not None and "read-only" in notice


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders anyway")
def test_a_read_only_folder_shows_the_history(paths: Paths) -> None:  # pragma: no cover
    a_history(paths, 3)
    for p in [paths.data_dir, *paths.data_dir.iterdir()]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        store, notice = HistoryStore.open(paths.history_db)
        assert store.count() == 3
        assert notice is not None and "read-only" in notice
    finally:
        paths.data_dir.chmod(0o755)


# ---- finding 8: stretches finished while the disk was full -------------------------------------


def test_stretches_finished_on_a_full_disk_are_written_when_space_returns(paths: Paths) -> None:
    store, _ = HistoryStore.open(paths.history_db)
    clock = FakeClock()
    session = Session(ROUTINE, clock=clock)
    errors: list[str] = []
    recorder = SessionRecorder(store, session, ROUTINE, wall, on_error=errors.append)
    session.start()
    filler = store.add_session(datetime(2024, 1, 2, tzinfo=UTC), "r", "r")
    conn = store._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    outcome = [(0, "a", "a", None, "done")]
    for size in (2000, 200, 1):
        with pytest.raises(HistoryWriteError, match="disk is full"):
            for i in range(10_000):
                store.add_session(datetime(2024, 1, 1, tzinfo=UTC), f"r{i}", "x" * size)
                store.add_session(datetime(2024, 1, 1, tzinfo=UTC), "r", "r", outcomes=outcome)
    with pytest.raises(HistoryWriteError, match="disk is full"):
        for i in range(100_000):  # until not even one more stretch fits
            store.record_stretch(
                filler, i, "a", "a", None, "done", T0, done=i, skipped=0, active_seconds=i
            )
    while session.summary().done < 2:  # two stretches end while the disk is full
        run_until(session, clock, clock.now + 250)
    assert errors and "disk is full" in errors[0]
    conn.execute("PRAGMA max_page_count = 1073741823")  # space is back
    run_until(session, clock, 200_000)  # the last stretch, then the end
    assert recorder.session_id is not None
    outcomes = store.outcomes(recorder.session_id)
    assert [o.stretch_id for o in outcomes] == ["cat-cow", "knee-hug", "knee-hug", "child"]
    record = store.session(recorder.session_id)
    assert record is not None and record.status is Status.COMPLETED and record.done == 3


# ---- finding 15: a reused process id -----------------------------------------------------------


def test_a_session_whose_process_id_was_reused_is_interrupted(paths: Paths) -> None:
    store, _ = HistoryStore.open(paths.history_db)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        long_ago = time.time() - 3600
        session_id = store.start_session(long_ago, 0, "daily", "Daily")
        store._conn.execute(
            "UPDATE sessions SET writer_pid = ?, updated_at = ? WHERE id = ?",
            (other.pid, int(time.time()) - 30, session_id),
        )
        assert store.mark_interrupted() == 1
        record = store.session(session_id)
        assert record is not None and record.status is Status.INTERRUPTED
    finally:
        other.kill()
        other.wait()


def test_a_session_whose_process_still_runs_stays_running(paths: Paths) -> None:
    store, _ = HistoryStore.open(paths.history_db)
    session_id = store.start_session(time.time(), 0, "daily", "Daily")
    assert store.mark_interrupted() == 0
    record = store.session(session_id)
    assert record is not None and record.status is Status.RUNNING


# ---- finding 10: CSV injection ------------------------------------------------------------------


@pytest.mark.parametrize("name", ['=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_history_csv_neutralises_formulas(
    paths: Paths, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    store, _ = HistoryStore.open(paths.history_db)
    store.add_session(datetime(2024, 1, 1, tzinfo=UTC), "r", name)
    store.close()
    text = history_command(paths, capsys, csv=True)
    import csv

    rows = list(csv.reader(io.StringIO(text)))
    cell = rows[1][rows[0].index("routine_name")]
    assert cell == "'" + name.replace("\r", "\n")
