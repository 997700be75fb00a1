"""The history store: schema, crash safety, broken files, calendar rules, queries, the CLI."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from stretchapp import history_cli
from stretchapp.core import history as h
from stretchapp.core.history import (
    HistoryStore,
    HistoryWriteError,
    SessionFilter,
    SessionRecorder,
    SortColumn,
    Status,
)
from stretchapp.core.paths import Paths
from stretchapp.core.routines import Entry, Routine, Sides, Stretch
from stretchapp.core.session import Session

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def store(paths: Paths) -> HistoryStore:
    s, notice = HistoryStore.open(paths.history_db)
    assert notice is None
    return s


def add(store: HistoryStore, when: datetime, **kw: Any) -> int:
    kw.setdefault("active_seconds", 600)
    kw.setdefault("done", 5)
    return store.add_session(when, kw.pop("routine_id", "daily"), kw.pop("name", "Daily"), **kw)


# ---- the real session engine over a fake clock --------------------------------------------


def _stretch(id_: str, name: str, **kw: Any) -> Stretch:
    return Stretch(id_, name, (Path("x.svg"),), ("a", "b", "c"), **kw)


ROUTINE = Routine(
    "short",
    "My short routine",
    "",
    (
        Entry(_stretch("cat-cow", "Cat-cow", hold=30), 30, None, 4, Sides.NONE),
        Entry(_stretch("knee-hug", "Knee to chest", hold=20), 20, None, 4, Sides.BOTH),
        Entry(_stretch("child", "Child's pose", hold=20), 20, None, 4, Sides.NONE),
    ),
    get_ready=5,
    rest=5,
    switch=3,
)
T0 = datetime(2024, 3, 10, 8, 0, tzinfo=UTC).timestamp()


def wall(ms: int) -> float:
    """The wall time of the session clock's `ms`."""
    return T0 + ms / 1000


class FakeClock:
    def __init__(self, now: int = 0) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


def run_until(session: Session, clock: FakeClock, ms: int) -> None:
    """Move the clock on in the steps a UI timer takes (no suspend seen), updating as it goes."""
    while clock.now < ms:
        clock.now = min(ms, clock.now + 250)
        session.update()


# ---- schema ---------------------------------------------------------------------------------


def test_a_new_history_is_created_at_the_latest_schema_in_wal_mode(store: HistoryStore) -> None:
    assert store.schema_version == h.SCHEMA_VERSION == len(h.MIGRATIONS)
    assert store.journal_mode == "wal"
    conn = sqlite3.connect(store.path)  # type: ignore[arg-type]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"sessions", "stretch_events"} <= tables
    assert {"sessions_by_start", "sessions_by_day", "stretch_events_by_session"} <= indexes
    assert conn.execute("PRAGMA synchronous").fetchone()[0] in (1, 2)  # per connection


def test_migrations_run_from_version_0_on_an_empty_file_and_keep_data(paths: Paths) -> None:
    paths.data_dir.mkdir(parents=True)
    paths.history_db.write_bytes(b"")  # an empty file is a version-0 database
    store, notice = HistoryStore.open(paths.history_db)
    assert notice is None and store.schema_version == h.SCHEMA_VERSION
    add(store, datetime(2024, 1, 1, 9, tzinfo=UTC))
    store.close()
    again, notice = HistoryStore.open(paths.history_db)
    assert notice is None and again.count() == 1


def test_each_migration_is_applied_once_in_order(paths: Paths, monkeypatch: Any) -> None:
    extra = (*h.MIGRATIONS, ("ALTER TABLE sessions ADD COLUMN note TEXT",))
    store, _ = HistoryStore.open(paths.history_db)
    add(store, datetime(2024, 1, 1, 9, tzinfo=UTC))
    store.close()
    monkeypatch.setattr(h, "MIGRATIONS", extra)
    monkeypatch.setattr(h, "SCHEMA_VERSION", len(extra))
    upgraded, notice = HistoryStore.open(paths.history_db)
    assert notice is None and upgraded.schema_version == len(extra) and upgraded.count() == 1
    upgraded.close()
    reopened, notice = HistoryStore.open(paths.history_db)  # not applied twice
    assert notice is None and reopened.schema_version == len(extra)


# ---- recording ------------------------------------------------------------------------------


def test_the_recorder_writes_a_session_as_it_happens(store: HistoryStore) -> None:
    clock = FakeClock(1000)
    session = Session(ROUTINE, clock=clock)
    recorder = SessionRecorder(store, session, ROUTINE, wall, tz=NY)
    recorder.set_feeling_before(7)
    session.start()
    sid = recorder.session_id
    assert sid is not None
    row = store.session(sid)
    assert row is not None and row.status is Status.RUNNING and row.feeling_before == 7
    assert row.started_at == datetime.fromtimestamp(T0 + 1, NY)
    assert row.started_at.utcoffset() == timedelta(hours=-4)  # EDT: after the March change

    run_until(session, clock, 36_000)  # get ready 5 s, cat-cow 30 s
    row = store.session(sid)
    assert row is not None and (row.done, row.skipped, row.active_seconds) == (1, 0, 35)
    run_until(session, clock, 42_000)  # rest, then a second into knee-hug's get-ready
    session.skip()
    row = store.session(sid)
    assert row is not None and (row.done, row.skipped, row.active_seconds) == (1, 1, 41)
    assert [(o.stretch_name, o.side, o.outcome) for o in store.outcomes(sid)] == [
        ("Cat-cow", None, "done"),
        ("Knee to chest", "left", "skipped"),
        ("Knee to chest", "right", "skipped"),
    ]
    # Going back and doing the skipped side replaces the skip.
    session.back()
    run_until(session, clock, 70_000)  # left side done, into the right
    outcomes = {(o.stretch_name, o.side): o.outcome for o in store.outcomes(sid)}
    assert outcomes == {
        ("Cat-cow", None): "done",
        ("Knee to chest", "left"): "done",
        ("Knee to chest", "right"): "skipped",
    }
    session.pause()
    assert store.session(sid).active_seconds == 69  # type: ignore[union-attr]
    clock.now += 10_000
    session.resume()
    run_until(session, clock, 200_000)
    recorder.set_feeling_after(3)
    row = store.session(sid)
    assert row is not None and row.status is Status.COMPLETED and row.feeling_after == 3
    assert (row.done, row.skipped, row.active_seconds) == (3, 0, 119)
    assert row.ended_at is not None and row.ended_at.timestamp() == int(T0 + 130)
    assert {(o.stretch_id, o.side): o.outcome for o in store.outcomes(sid)} == {
        ("cat-cow", None): "done",
        ("knee-hug", "left"): "done",
        ("knee-hug", "right"): "done",
        ("child", None): "done",
    }
    recorder.close()
    session.stop()  # no longer listened to: the finished row stays as it is
    assert store.session(sid).status is Status.COMPLETED  # type: ignore[union-attr]


def test_a_stopped_session_is_kept_as_stopped(store: HistoryStore) -> None:
    clock = FakeClock()
    session = Session(ROUTINE, clock=clock)
    recorder = SessionRecorder(store, session, ROUTINE, wall)
    session.start()
    run_until(session, clock, 5000)
    session.stop()
    row = store.session(recorder.session_id or 0)
    assert row is not None and row.status is Status.STOPPED
    assert row.ended_at is not None and row.ended_at.timestamp() == int(T0 + 5)


CHILD = """
import sys, time
from pathlib import Path
from stretchapp.core.history import HistoryStore, SessionRecorder
from stretchapp.core.session import Session
sys.path.insert(0, {tests!r})
from core.test_history import ROUTINE, FakeClock, run_until, wall

store, notice = HistoryStore.open(Path({db!r}))
clock = FakeClock()
session = Session(ROUTINE, clock=clock)
recorder = SessionRecorder(store, session, ROUTINE, wall)
session.start()
run_until(session, clock, 70_000)  # cat-cow and knee-hug's left side done, the right begun
print("ready", flush=True)
time.sleep(60)
"""


def test_a_session_killed_mid_way_reads_back_as_interrupted_with_its_stretches(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    code = CHILD.format(tests=str(Path(__file__).parents[1]), db=str(paths.history_db))
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        # While the writer lives, its session is running, not interrupted.
        live, _ = HistoryStore.open(paths.history_db)
        assert [r.status for r in live.sessions()] == [Status.RUNNING]
        live.close()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    store, notice = HistoryStore.open(paths.history_db)
    assert notice is None
    [row] = store.sessions()
    assert row.status is Status.INTERRUPTED
    # Written at the last phase change (the right side began at 68 s); a heartbeat would add more.
    assert (row.routine_id, row.done, row.active_seconds) == ("short", 1, 68)
    assert [(o.stretch_id, o.outcome) for o in store.outcomes(row.id)] == [
        ("cat-cow", "done"),
        ("knee-hug", "done"),
    ]
    store.close()
    assert history_cli.run(argparse.Namespace(csv=True, json=False), paths) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert (rows[0]["status"], rows[0]["done"]) == ("interrupted", "1")


def test_a_running_row_of_a_live_process_is_left_alone(store: HistoryStore) -> None:
    sid = store.start_session(T0, 0, "daily", "Daily")
    assert store.mark_interrupted() == 0  # this very process is writing it
    assert store.session(sid).status is Status.RUNNING  # type: ignore[union-attr]
    # Nothing written for more than a day: interrupted even if the pid looks alive.
    assert store.mark_interrupted(now=time.time() + h.STALE_AFTER + 60) == 1
    assert store.session(sid).status is Status.INTERRUPTED  # type: ignore[union-attr]


# ---- broken files ---------------------------------------------------------------------------


def broken(paths: Paths) -> list[Path]:
    return sorted(paths.data_dir.glob("history.sqlite3.broken-*"))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "corrupt-page"])
def test_a_broken_history_is_moved_aside_and_a_new_one_started(paths: Paths, damage: str) -> None:
    store, _ = HistoryStore.open(paths.history_db)
    for day in range(1, 200):
        add(store, datetime(2023, 1, 1, 9, tzinfo=UTC) + timedelta(days=day))
    store.close()
    db = paths.history_db
    original = db.read_bytes()
    if damage == "garbage":
        db.write_bytes(os.urandom(5000))
    elif damage == "truncated":
        db.write_bytes(original[:60])
    else:  # scribble over a page in the middle
        data = bytearray(original)
        data[4096 * 2 : 4096 * 2 + 2000] = os.urandom(2000)
        db.write_bytes(bytes(data))
    damaged = db.read_bytes()
    store, notice = HistoryStore.open(db, now=datetime(2024, 5, 6, 7, 8, 9))
    assert notice is not None
    [aside] = broken(paths)
    assert aside.name == "history.sqlite3.broken-20240506-070809"
    assert str(aside) in notice and "new one was started" in notice
    assert aside.read_bytes() == damaged  # kept, unchanged
    assert store.count() == 0 and store.schema_version == h.SCHEMA_VERSION
    add(store, datetime(2024, 5, 6, 9, tzinfo=UTC))  # and the new one works
    assert store.count() == 1


def test_a_broken_history_that_cannot_be_set_aside_is_left_and_said(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows a file another program holds open cannot be renamed (after a second's
    tries): the app still starts, keeps this time's sessions in memory and says why."""
    paths.history_db.parent.mkdir(parents=True, exist_ok=True)
    paths.history_db.write_bytes(os.urandom(5000))
    damaged = paths.history_db.read_bytes()

    def held(_temp: Path, _path: Path) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(h.files, "replace", held)
    store, notice = HistoryStore.open(paths.history_db, now=datetime(2024, 5, 6, 7, 8, 9))
    assert notice is not None and "nor set aside" in notice
    assert "cannot access the file" in notice
    assert paths.history_db.read_bytes() == damaged and broken(paths) == []
    add(store, datetime(2024, 5, 6, 9, tzinfo=UTC))  # this time's session, in memory
    assert store.count() == 1


def test_a_half_done_move_aside_is_put_back(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its -wal held (or the file itself) while the rest could move: nothing stays moved,
    so that no -wal is left for a new file to read, and "left as it was" stays true."""
    paths.history_db.parent.mkdir(parents=True, exist_ok=True)
    paths.history_db.write_bytes(os.urandom(5000))
    wal = paths.history_db.with_name(paths.history_db.name + "-wal")
    wal.write_bytes(b"log")
    real = h.files.replace

    held = [wal]

    def file_held(source: Path, target: Path) -> None:
        if source in held:
            raise PermissionError(13, "held")
        real(source, target)

    monkeypatch.setattr(h.files, "replace", file_held)
    # (asked directly: opening the damaged file, SQLite itself may remove a -wal it rejects)
    moved = HistoryStore._move_aside(paths.history_db, datetime(2024, 5, 6, 7, 8, 9))
    assert isinstance(moved, PermissionError)
    assert wal.read_bytes() == b"log" and broken(paths) == []
    assert not list(paths.data_dir.glob("*broken*"))
    held[:] = [paths.history_db]  # the file itself held, after its -wal moved: put back
    moved = HistoryStore._move_aside(paths.history_db, datetime(2024, 5, 6, 7, 8, 9))
    assert isinstance(moved, PermissionError)
    assert wal.read_bytes() == b"log" and not list(paths.data_dir.glob("*broken*"))


def test_large_files_get_a_structural_check_and_verify_does_the_full_one(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _ = HistoryStore.open(paths.history_db)
    for day in range(1, 200):
        add(store, datetime(2023, 1, 1, 9, tzinfo=UTC) + timedelta(days=day))
    store.close()
    data = bytearray(paths.history_db.read_bytes())
    middle = len(data) // 4096 // 2 * 4096  # a leaf page the structural check does not read
    data[middle : middle + 2000] = os.urandom(2000)
    paths.history_db.write_bytes(bytes(data))
    monkeypatch.setattr(h, "FULL_CHECK_MAX_BYTES", 1000)  # as if it were a big file
    quick, notice = HistoryStore.open(paths.history_db)
    assert notice is None and broken(paths) == []
    assert not quick.verify()
    quick.close()
    again, notice = HistoryStore.open(paths.history_db, full_check=True)
    assert notice is not None and len(broken(paths)) == 1
    assert again.verify()


def test_moving_aside_twice_in_a_second_keeps_both(paths: Paths) -> None:
    paths.data_dir.mkdir(parents=True)
    at = datetime(2024, 5, 6, 7, 8, 9)
    for _ in range(2):
        paths.history_db.write_bytes(b"not a database at all" * 10)
        store, _ = HistoryStore.open(paths.history_db, now=at)
        store.close()
    assert [p.name for p in broken(paths)] == [
        "history.sqlite3.broken-20240506-070809",
        "history.sqlite3.broken-20240506-070809-2",
    ]


def test_an_unusable_folder_gives_a_memory_history_and_says_so(paths: Paths) -> None:
    paths.data_dir.parent.mkdir(parents=True, exist_ok=True)
    paths.data_dir.write_text("a file where the folder should be")
    store, notice = HistoryStore.open(paths.history_db)
    assert notice is not None and "will not be kept" in notice
    assert store.path is None
    add(store, datetime(2024, 1, 1, tzinfo=UTC))
    assert store.count() == 1


def test_a_full_disk_is_reported_and_the_session_goes_on(store: HistoryStore) -> None:
    clock = FakeClock()
    session = Session(ROUTINE, clock=clock)
    errors: list[str] = []
    recorder = SessionRecorder(store, session, ROUTINE, wall, on_error=errors.append)
    session.start()
    sid = recorder.session_id
    assert sid is not None
    conn = store._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    # Fill the last free pages (big rows, then small ones) so no insert fits any more, ending
    # with stretch records smaller than the one the recorder writes next, so what is left
    # cannot hold it whatever the rows' exact sizes (they vary with the zone's offset).
    outcome = [(0, "a", "a", None, "done")]
    for size in (2000, 200, 1):
        with pytest.raises(HistoryWriteError, match="disk is full"):
            for i in range(10_000):
                store.add_session(datetime(2024, 1, 1, tzinfo=UTC), f"r{i}", "x" * size)
                store.add_session(datetime(2024, 1, 1, tzinfo=UTC), "r", "r", outcomes=outcome)
    with pytest.raises(HistoryWriteError, match="disk is full"):
        for i in range(10_000):
            store.record_stretch(
                sid, 100 + i, "", "", None, "done", wall(35_000),
                done=0, skipped=0, active_seconds=0,
            )  # fmt: skip
    run_until(session, clock, 200_000)
    assert session.summary().done == 3  # the session went on to the end
    assert len(errors) == 1 and "disk is full" in errors[0] and "goes on" in errors[0]
    assert recorder.error == errors[0]


def test_a_read_only_database_is_reported_as_such(store: HistoryStore) -> None:
    store._conn.execute("PRAGMA query_only = ON")  # what a read-only file or folder does
    with pytest.raises(HistoryWriteError, match="read-only"):
        store.start_session(T0, 0, "daily", "Daily")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders anyway")
def test_a_read_only_folder_is_reported(paths: Paths) -> None:  # pragma: no cover - non-root
    store, _ = HistoryStore.open(paths.history_db)
    store.close()
    for p in [paths.data_dir, *paths.data_dir.iterdir()]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        store, _ = HistoryStore.open(paths.history_db)
        with pytest.raises(HistoryWriteError):
            store.start_session(T0, 0, "daily", "Daily")
    finally:
        paths.data_dir.chmod(0o755)


# ---- days, weeks, streaks -------------------------------------------------------------------


def test_streaks_follow_local_days_across_the_dst_change(store: HistoryStore) -> None:
    # 23:30 every evening around the US change on Sunday 10 March 2024 (EST -> EDT).
    for day in (8, 9, 10, 11, 12):
        add(store, datetime(2024, 3, day, 23, 30, tzinfo=NY))
    days = [r.local_date for r in store.sessions(sort=SortColumn.STARTED, descending=False)]
    assert days == [date(2024, 3, d) for d in (8, 9, 10, 11, 12)]
    offsets = {r.started_at.utcoffset() for r in store.sessions()}
    assert offsets == {timedelta(hours=-5), timedelta(hours=-4)}
    s = store.summary(datetime(2024, 3, 12, 23, 50, tzinfo=NY), NY)
    assert (s.current_streak, s.longest_streak) == (5, 5)
    # 23:30 EDT is 03:30 UTC the next day: a UTC calendar would have broken the days apart.
    assert s.week == h.PeriodTotals(2, 1200, 0, 2)  # Mon 11 and Tue 12


def test_streaks_follow_the_calendar_where_each_session_happened(store: HistoryStore) -> None:
    # Evenings in New York, then a flight: mornings in Berlin.
    add(store, datetime(2024, 6, 1, 21, 0, tzinfo=NY))  # 03:00 on 2 June in Berlin
    add(store, datetime(2024, 6, 2, 21, 0, tzinfo=NY))
    add(store, datetime(2024, 6, 3, 9, 0, tzinfo=BERLIN))  # 03:00 on 3 June in New York
    add(store, datetime(2024, 6, 4, 9, 0, tzinfo=BERLIN))
    days = sorted(r.local_date for r in store.sessions())
    assert days == [date(2024, 6, d) for d in (1, 2, 3, 4)]
    s = store.summary(datetime(2024, 6, 4, 20, tzinfo=BERLIN), BERLIN)
    assert (s.current_streak, s.longest_streak) == (4, 4)


def test_current_streak_survives_until_a_whole_day_is_missed(store: HistoryStore) -> None:
    for day in (1, 2, 3, 10, 11):
        add(store, datetime(2024, 4, day, 8, tzinfo=BERLIN))
    add(store, datetime(2024, 4, 12, 8, tzinfo=BERLIN), done=0)  # opened, nothing done
    at = datetime(2024, 4, 12, 20, tzinfo=BERLIN)
    s = store.summary(at, BERLIN)
    assert (s.current_streak, s.longest_streak) == (2, 3)  # Wed 10 and Thu 11; today doesn't
    s = store.summary(at + timedelta(days=1), BERLIN)
    assert s.current_streak == 0


def test_week_month_and_all_time_totals(store: HistoryStore) -> None:
    add(store, datetime(2024, 4, 28, 9, tzinfo=BERLIN), active_seconds=300)  # Sun, April
    add(store, datetime(2024, 4, 29, 9, tzinfo=BERLIN), active_seconds=600)  # Mon, April
    add(store, datetime(2024, 5, 1, 9, tzinfo=BERLIN), active_seconds=900)  # Wed, May
    add(store, datetime(2024, 5, 1, 18, tzinfo=BERLIN), active_seconds=90, status=Status.STOPPED)
    s = store.summary(datetime(2024, 5, 2, 12, tzinfo=BERLIN), BERLIN)
    assert s.week == h.PeriodTotals(3, 1590, 0, 3)
    assert s.month == h.PeriodTotals(2, 990, 0, 2)
    assert s.all_time == h.PeriodTotals(4, 1890, 0, 4)
    assert s.all_time.minutes == 32
    per_day = store.minutes_per_day(date(2024, 4, 28), date(2024, 5, 2))
    assert [d.active_seconds for d in per_day] == [300, 600, 0, 990, 0]
    assert [d.sessions for d in per_day] == [1, 1, 0, 2, 0]


# ---- queries --------------------------------------------------------------------------------


def test_stretched_on_a_local_day_needs_a_stretch_done(store: HistoryStore) -> None:
    late = datetime(2024, 3, 9, 23, 30, tzinfo=NY)  # 10 March in UTC, 9 March where it was done
    add(store, late)
    add(store, datetime(2024, 3, 11, 9, tzinfo=NY), done=0)  # started, nothing done
    assert store.stretched_on(date(2024, 3, 9))
    assert not store.stretched_on(date(2024, 3, 10))
    assert not store.stretched_on(date(2024, 3, 11))
    store.close()
    with pytest.raises(h.HistoryError, match="could not be read"):
        store.stretched_on(date(2024, 3, 9))


def test_list_sort_filter_count_and_routines(store: HistoryStore) -> None:
    base = datetime(2024, 2, 1, 9, tzinfo=BERLIN)
    for i in range(30):
        add(
            store,
            base + timedelta(days=i),
            routine_id="desk" if i % 3 == 0 else "daily",
            name="Desk break" if i % 3 == 0 else "Daily back care",
            active_seconds=100 + i,
        )
    assert store.count() == 30
    assert store.count(SessionFilter(routine_id="desk")) == 10
    window = SessionFilter(start=date(2024, 2, 10), end=date(2024, 2, 19))
    assert store.count(window) == 10
    page = store.sessions(0, 5, SortColumn.ACTIVE, descending=False, filters=window)
    assert [r.active_seconds for r in page] == [109, 110, 111, 112, 113]
    latest = store.sessions(0, 3)
    assert [r.local_date.day for r in latest] == [1, 29, 28]  # 1 March, then February
    assert [r.routine_id for r in store.routines_used()] == ["daily", "desk"]
    assert store.routines_used()[1].sessions == 10


def test_delete_and_restore_give_back_the_same_session(store: HistoryStore) -> None:
    sid = add(
        store,
        datetime(2024, 2, 1, 9, tzinfo=BERLIN),
        feeling_before=6,
        outcomes=[(0, "cat-cow", "Cat-cow", None, "done")],
    )
    before = store.session(sid)
    deleted = store.delete(sid)
    assert deleted is not None and deleted.session_id == sid
    assert store.count() == 0 and store.outcomes(sid) == []
    assert store.delete(sid) is None
    store.restore(deleted)
    assert store.session(sid) == before
    assert [o.stretch_id for o in store.outcomes(sid)] == ["cat-cow"]


def test_report_for_a_period(store: HistoryStore) -> None:
    skip = [(0, "cat-cow", "Cat-cow", None, "done"), (1, "bridge", "Bridge", None, "skipped")]
    for day in range(1, 15):
        add(
            store,
            datetime(2024, 3, day, 9, tzinfo=BERLIN),
            routine_id="daily" if day % 2 else "desk",
            name="Daily" if day % 2 else "Desk",
            feeling_before=7 if day < 8 else 5,
            feeling_after=4,
            outcomes=skip,
        )
    add(store, datetime(2024, 2, 1, 9, tzinfo=BERLIN))  # outside
    r = store.report(date(2024, 3, 1), date(2024, 3, 31))
    assert (r.sessions, r.completed, r.days_stretched, r.longest_streak) == (14, 14, 14, 14)
    assert r.days == 31 and r.active_seconds == 14 * 600
    assert [w.day for w in r.weeks][:2] == [date(2024, 2, 26), date(2024, 3, 4)]
    assert sum(w.sessions for w in r.weeks) == 14
    assert {u.routine_id: u.sessions for u in r.routines} == {"daily": 7, "desk": 7}
    assert [(s.stretch_name, s.skipped, s.attempts) for s in r.often_skipped] == [
        ("Bridge", 14, 14)
    ]
    assert [p.before for p in r.pain][:2] == [7, 7] and len(r.pain) == 14


def test_summary_of_years_of_sessions_counts_every_one(paths: Paths) -> None:
    # How quick this is with 100,000 sessions is a figure of scripts/bench.py, not a test.
    store, _ = HistoryStore.open(paths.history_db)
    start = datetime(2021, 1, 1, 8, tzinfo=BERLIN)
    times = [start + timedelta(hours=7 * i) for i in range(3000)]  # until 26 May 2023
    store.add_sessions(
        (when, "daily", "Daily", Status.COMPLETED, 600, 5, 0, None, None, ()) for when in times
    )
    now = datetime(2023, 5, 26, 12, tzinfo=BERLIN)  # the last one was at 01:00
    s = store.summary(now, BERLIN)
    days = {t.astimezone(BERLIN).date() for t in times}
    assert len(days) == (max(days) - min(days)).days + 1  # one unbroken run of days
    assert len(days) == 876
    assert (s.today, s.current_streak, s.longest_streak) == (date(2023, 5, 26), 876, 876)
    week = sum(t.astimezone(BERLIN).date() >= date(2023, 5, 22) for t in times)  # a Monday
    month = sum(t.astimezone(BERLIN).date() >= date(2023, 5, 1) for t in times)
    assert (s.week.sessions, s.month.sessions) == (week, month) == (14, 86)
    assert (s.all_time.sessions, s.all_time.active_seconds) == (3000, 3000 * 600)


# ---- the command line -----------------------------------------------------------------------


def run_cli(paths: Paths, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    parser = argparse.ArgumentParser()
    history_cli.add_parser(parser.add_subparsers(dest="command"))
    assert history_cli.run(parser.parse_args(["history", *argv]), paths) == 0
    return capsys.readouterr().out


@pytest.fixture
def seeded(store: HistoryStore) -> HistoryStore:
    add(store, datetime(2024, 3, 9, 23, 30, tzinfo=NY), feeling_before=6, feeling_after=3)
    add(
        store,
        datetime(2024, 3, 11, 7, 5, tzinfo=BERLIN),
        routine_id="desk",
        name='Desk, "quick"',
        status=Status.INTERRUPTED,
        active_seconds=95,
        done=2,
        skipped=1,
    )
    return store


def test_cli_csv_prints_every_session_with_iso_times_and_offsets(
    seeded: HistoryStore, paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = list(csv.DictReader(io.StringIO(run_cli(paths, capsys, "--csv"))))
    assert [r["started_at"] for r in rows] == [
        "2024-03-09T23:30:00-05:00",
        "2024-03-11T07:05:00+01:00",
    ]
    assert rows[1] == {
        "started_at": "2024-03-11T07:05:00+01:00",
        "routine_id": "desk",
        "routine_name": 'Desk, "quick"',
        "status": "interrupted",
        "active_seconds": "95",
        "done": "2",
        "skipped": "1",
        "feeling_before": "",
        "feeling_after": "",
        "ended_at": "2024-03-11T07:06:35+01:00",
        "session_id": "2",
        "stop_reason": "",
        "stretch_seconds": "",
    }
    assert rows[0]["feeling_before"] == "6" and rows[0]["feeling_after"] == "3"


def test_cli_json_prints_one_object_per_line(
    seeded: HistoryStore, paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = run_cli(paths, capsys, "--json").splitlines()
    objects = [json.loads(line) for line in lines]
    assert len(objects) == 2
    assert objects[0]["started_at"] == "2024-03-09T23:30:00-05:00"
    assert objects[0]["status"] == "completed" and objects[0]["feeling_after"] == 3
    assert objects[1]["feeling_before"] is None and objects[1]["routine_name"] == 'Desk, "quick"'
    assert list(objects[0]) == list(history_cli.FIELDS)


def test_cli_overview_shows_summary_and_latest(
    seeded: HistoryStore, paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run_cli(paths, capsys)
    assert "Current streak:" in out and "All time:" in out and "2 sessions" in out
    assert "11/03/2024 07:05" in out and "interrupted" in out and "6 → 3" in out
    assert out.index("11/03/2024") < out.index("09/03/2024")  # latest first


def test_cli_with_no_history_creates_nothing(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "No sessions yet" in run_cli(paths, capsys)
    assert run_cli(paths, capsys, "--csv").splitlines() == [",".join(history_cli.FIELDS)]
    assert run_cli(paths, capsys, "--json") == ""
    assert not paths.history_db.exists()


def test_cli_reports_a_damaged_history_on_stderr_and_leaves_it(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    paths.data_dir.mkdir(parents=True)
    paths.history_db.write_bytes(b"\x00garbage" * 100)
    parser = argparse.ArgumentParser()
    history_cli.add_parser(parser.add_subparsers(dest="command"))
    assert history_cli.run(parser.parse_args(["history", "--csv"]), paths) == 0
    err = capsys.readouterr().err
    # A read-only command reports it and moves nothing (issue 12); the app repairs it.
    assert "could not be read" in err and "left untouched" in err
    assert not list(paths.data_dir.glob("*.broken-*"))


def test_times_keep_the_offset_where_they_happened() -> None:
    tz = timezone(timedelta(hours=5, minutes=30))
    instant = datetime(2024, 1, 1, 23, 0, tzinfo=tz)
    assert h.offset_minutes(instant, tz) == 330
    assert h.day_from_number(h.local_day_of(int(instant.timestamp()), 330)) == date(2024, 1, 1)


# ---- stop reasons (schema version 2) -----------------------------------------------------------

V1_SESSIONS = h.MIGRATIONS[0][0]


def test_a_version_1_history_is_upgraded_keeping_every_session(paths: Paths) -> None:
    paths.data_dir.mkdir(parents=True)
    conn = sqlite3.connect(paths.history_db)
    for statement in h.MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute(
        "INSERT INTO sessions (started_at, utc_offset, local_day, routine_id, routine_name,"
        " status, feeling_before, feeling_after, updated_at) VALUES"
        " (1700000000, 60, 19675, 'daily', 'Daily', 'stopped', 3, 6, 1700000000)"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    store, notice = HistoryStore.open(paths.history_db)
    assert notice is None and store.schema_version == h.SCHEMA_VERSION
    (old,) = store.sessions()
    assert (old.feeling_before, old.feeling_after, old.stop_reason) == (3, 6, None)
    store.set_stop_reason(old.id, "pain")
    assert store.session(old.id).stop_reason == "pain"  # type: ignore[union-attr]


def test_a_stop_reason_is_one_of_three(store: HistoryStore) -> None:
    sid = add(store, datetime(2024, 1, 1, 9, tzinfo=UTC), status=Status.STOPPED)
    with pytest.raises(ValueError, match="pain, no_time, other"):
        store.set_stop_reason(sid, "bored")
    with pytest.raises(sqlite3.IntegrityError):  # the table refuses it too
        store._conn.execute("UPDATE sessions SET stop_reason = 'bored'")


def test_the_recorder_keeps_why_a_session_was_stopped(store: HistoryStore) -> None:
    clock = FakeClock()
    session = Session(ROUTINE, clock=clock)
    recorder = SessionRecorder(store, session, ROUTINE, wall)
    session.start()
    run_until(session, clock, 5000)
    session.stop()
    recorder.set_stop_reason("no_time")
    row = store.session(recorder.session_id or 0)
    assert row is not None and row.status is Status.STOPPED and row.stop_reason == "no_time"


def test_a_deleted_session_comes_back_with_its_stop_reason(store: HistoryStore) -> None:
    sid = add(store, datetime(2024, 1, 1, 9, tzinfo=UTC), status=Status.STOPPED, stop_reason="pain")
    deleted = store.delete(sid)
    assert deleted is not None
    store.restore(deleted)
    assert store.session(sid).stop_reason == "pain"  # type: ignore[union-attr]


def test_responses_are_check_ins_and_stops_for_pain_oldest_first(store: HistoryStore) -> None:
    day = datetime(2024, 1, 1, 9, tzinfo=UTC)
    add(store, day, feeling_before=3, feeling_after=6)
    add(store, day + timedelta(days=1))  # nothing said
    add(store, day + timedelta(days=2), status=Status.STOPPED, stop_reason="no_time")
    add(store, day + timedelta(days=3), status=Status.STOPPED, stop_reason="pain")
    add(store, day + timedelta(days=4), feeling_after=2)
    said = store.responses()
    assert [(p.before, p.after, p.stop_reason) for p in said] == [
        (3, 6, None),
        (None, None, "pain"),
        (None, 2, None),
    ]
    assert [p.after for p in store.responses(limit=2)] == [None, 2]
    assert len(store.responses(end=date(2024, 1, 2))) == 1


def test_the_report_counts_stops_by_reason(store: HistoryStore) -> None:
    day = datetime(2024, 1, 1, 9, tzinfo=UTC)
    for reason in ("pain", "pain", "other", None):
        add(store, day, status=Status.STOPPED, stop_reason=reason)
    add(store, day, stop_reason=None)
    report = store.report(date(2024, 1, 1), date(2024, 1, 1))
    assert report.stopped == 4 and report.stop_reasons == {"pain": 2, "other": 1}


def test_exports_carry_the_stop_reason(
    store: HistoryStore, capsys: pytest.CaptureFixture[str]
) -> None:
    day = datetime(2024, 1, 1, 9, tzinfo=UTC)
    add(store, day, status=Status.STOPPED, stop_reason="pain")
    add(store, day + timedelta(hours=1))
    out = io.StringIO()
    history_cli.write_csv(store.export_rows(), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["stop_reason"] for r in rows] == ["pain", ""]
    out = io.StringIO()
    history_cli.write_json_lines(store.export_rows(), out)
    objects = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [o["stop_reason"] for o in objects] == ["pain", None]
    (first, _) = list(store.export_rows())
    assert history_cli.status_text(first) == "stopped: pain"


# ---- time in stretches (schema version 3, issue 14 item 6) -------------------------------------


def test_a_version_2_history_is_upgraded_with_its_stretch_time_unknown(paths: Paths) -> None:
    paths.data_dir.mkdir(parents=True)
    conn = sqlite3.connect(paths.history_db)
    for migration in h.MIGRATIONS[:2]:
        for statement in migration:
            conn.execute(statement)
    conn.execute(
        "INSERT INTO sessions (started_at, utc_offset, local_day, routine_id, routine_name,"
        " status, active_seconds, done, skipped, feeling_before, feeling_after, ended_at,"
        " updated_at, stop_reason) VALUES (1700000000, 60, 19675, 'daily', 'Daily',"
        " 'stopped', 300, 2, 1, 3, 6, 1700000300, 1700000300, 'pain')"
    )
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    store, notice = HistoryStore.open(paths.history_db)
    assert notice is None and store.schema_version == h.SCHEMA_VERSION == 3
    (old,) = store.sessions()
    assert (old.active_seconds, old.done, old.skipped) == (300, 2, 1)
    assert (old.feeling_before, old.feeling_after, old.stop_reason) == (3, 6, "pain")
    assert old.stretch_seconds is None  # not known: never shown as 0
    totals = store.summary(datetime(2023, 11, 20, tzinfo=UTC)).all_time
    assert (totals.sessions, totals.active_seconds) == (1, 300)
    assert (totals.stretch_seconds, totals.stretch_unknown) == (0, 1)


def test_the_recorder_writes_stretch_time_as_the_session_goes(store: HistoryStore) -> None:
    clock = FakeClock(1000)
    session = Session(ROUTINE, clock=clock)
    recorder = SessionRecorder(store, session, ROUTINE, wall)
    session.start()
    sid = recorder.session_id or 0
    assert store.session(sid).stretch_seconds == 0  # type: ignore[union-attr]
    run_until(session, clock, 21_000)  # get ready 5 s, then 15 s into cat-cow
    recorder.heartbeat()
    row = store.session(sid)
    assert row is not None and (row.active_seconds, row.stretch_seconds) == (20, 15)
    run_until(session, clock, 45_000)  # cat-cow (30 s), its rest, into knee-hug
    row = store.session(sid)
    assert (
        row is not None and row.stretch_seconds == 30 and row.active_seconds == 40
    )  # written as the get-ready began
    session.pause()
    clock.now += 60_000
    session.resume()
    run_until(session, clock, 200_000)
    row = store.session(sid)
    assert row is not None and row.status is Status.COMPLETED
    assert row.stretch_seconds == 30 + 20 + 20 + 20  # stretches only, pause left out
    assert row.active_seconds > row.stretch_seconds


def test_a_stop_mid_stretch_keeps_its_stretch_time(store: HistoryStore) -> None:
    clock = FakeClock()
    session = Session(ROUTINE, clock=clock)
    recorder = SessionRecorder(store, session, ROUTINE, wall)
    session.start()
    run_until(session, clock, 12_000)
    session.stop()
    row = store.session(recorder.session_id or 0)
    assert row is not None and (row.active_seconds, row.stretch_seconds) == (12, 7)


def test_totals_add_known_stretch_time_and_count_the_unknown(store: HistoryStore) -> None:
    day = datetime(2024, 1, 1, 9, tzinfo=UTC)
    add(store, day, active_seconds=600, stretch_seconds=400)
    add(store, day + timedelta(hours=1), active_seconds=300, stretch_seconds=200)
    add(store, day + timedelta(hours=2), active_seconds=100)  # from before stretch time
    totals = store.summary(day + timedelta(hours=3)).all_time
    assert (totals.active_seconds, totals.stretch_seconds, totals.stretch_unknown) == (1000, 600, 1)
    report = store.report(day.date(), day.date())
    assert (report.active_seconds, report.stretch_seconds, report.stretch_unknown) == (1000, 600, 1)


def test_exports_append_stretch_seconds_after_the_old_columns(store: HistoryStore) -> None:
    assert history_cli.FIELDS[-1] == "stretch_seconds"
    assert history_cli.FIELDS[:-1][-1] == "stop_reason"  # the old order is kept
    day = datetime(2024, 1, 1, 9, tzinfo=UTC)
    add(store, day, stretch_seconds=400)
    add(store, day + timedelta(hours=1))
    out = io.StringIO()
    history_cli.write_csv(store.export_rows(), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["stretch_seconds"] for r in rows] == ["400", ""]
    out = io.StringIO()
    history_cli.write_json_lines(store.export_rows(), out)
    objects = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [o["stretch_seconds"] for o in objects] == [400, None]


def test_a_deleted_session_comes_back_with_its_stretch_time(store: HistoryStore) -> None:
    sid = add(store, datetime(2024, 1, 1, 9, tzinfo=UTC), stretch_seconds=321)
    deleted = store.delete(sid)
    assert deleted is not None
    store.restore(deleted)
    assert store.session(sid).stretch_seconds == 321  # type: ignore[union-attr]


def test_cli_overview_says_time_stretching_apart_from_time_in_sessions(
    store: HistoryStore, paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    now = datetime.now(UTC)
    add(store, now - timedelta(days=400), active_seconds=120)  # recorded before: unknown
    add(store, now - timedelta(minutes=30), active_seconds=360, stretch_seconds=250)
    out = run_cli(paths, capsys)
    all_time = next(line for line in out.splitlines() if line.startswith("All time:"))
    assert all_time.endswith("2 sessions, 4 min stretching · 8 min in sessions")
    assert "1 earlier session" in out  # the unknown one is left out, and said so
    assert "4 min 10 s of 6 min" in out and "– of 2 min" in out  # never "0 s" for unknown
