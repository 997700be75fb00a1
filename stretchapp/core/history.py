"""The history of sessions: a SQLite store, the recorder that fills it, and its queries.

No Qt here: the CLI, the window and the tests all go through `HistoryStore`.

Storage
    `history.sqlite3` in the user's data folder, in WAL mode, its schema version in
    `PRAGMA user_version` and upgraded by `MIGRATIONS`, applied in order from version 0 (a
    new, empty file). `synchronous=FULL`: every commit is flushed to disk before it returns.
    In WAL mode NORMAL would already survive a crash or `kill -9`, but a power cut could roll
    back the last few commits; the recorder commits a handful of times a minute, so the cost
    of FULL is nothing and "a stretch already done is never lost" holds for power cuts too.

Crash safety
    A session row is written when the session starts and updated, each in its own short
    transaction, as each stretch is done or skipped, as phases start and on pause; so a
    crash loses at most the seconds since the last phase change. A row left `running` by a
    process that is gone becomes `interrupted` when the store is next opened: the row keeps
    the writer's process id, and a running row whose process no longer exists (or, where
    that cannot be checked, that has not been written for `STALE_AFTER` seconds) is
    interrupted. A row of a live process is left alone, so `stretchapp history` run during a
    session shows it as running.

Days, weeks and streaks
    Each session keeps its UTC start instant and the UTC offset of the clock where it started.
    It belongs to the local calendar day it started on, *there and then*: a session at 23:30
    in New York is on that New York date even if the user now lives in Berlin, and a DST
    change never moves a session to another day. "Today" (for streaks, this week, this month)
    is the date in the time zone given to `summary()`. "This week" starts on the locale's first
    day; the weekly chart's weeks start on Monday.
    A day counts towards a streak when at least one stretch was done in a session started on
    it; the current streak still stands on a day with no session yet if yesterday counted.
    Session counts and minutes count every recorded session (minutes are active time, pauses
    excluded). Time in stretches (`stretch_seconds`, STRETCH phases only) is summed over the
    sessions that have it; those recorded before it was kept (NULL) are counted apart.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from stretchapp.core import files, i18n
from stretchapp.core.i18n import _

SCHEMA_VERSION = 3
# `PRAGMA quick_check` reads the whole file (about 5 ms per MB); above this size opening only
# checks the structure, and `verify()` does the full check when the caller has time for it.
FULL_CHECK_MAX_BYTES = 16 * 1024 * 1024  # about 25,000 sessions
STALE_AFTER = 24 * 3600  # a running row not written for this long is interrupted regardless
EPOCH_DAY = date(1970, 1, 1)

# MIGRATIONS[n] takes the schema from version n to n + 1, in one transaction.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            started_at INTEGER NOT NULL,      -- UTC, seconds since the epoch
            utc_offset INTEGER NOT NULL,      -- minutes east of UTC where it started
            local_day INTEGER NOT NULL,       -- local date it started on, days since 1970-01-01
            routine_id TEXT NOT NULL,
            routine_name TEXT NOT NULL,
            status TEXT NOT NULL
                CHECK (status IN ('running', 'completed', 'stopped', 'interrupted')),
            active_seconds INTEGER NOT NULL DEFAULT 0,
            done INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            feeling_before INTEGER CHECK (feeling_before BETWEEN 0 AND 10),
            feeling_after INTEGER CHECK (feeling_after BETWEEN 0 AND 10),
            ended_at INTEGER,
            updated_at INTEGER NOT NULL,
            writer_pid INTEGER
        )""",
        """CREATE TABLE stretch_events (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            entry_index INTEGER NOT NULL,
            stretch_id TEXT NOT NULL,
            stretch_name TEXT NOT NULL,
            side TEXT CHECK (side IN ('left', 'right')),
            outcome TEXT NOT NULL CHECK (outcome IN ('done', 'skipped')),
            at INTEGER NOT NULL               -- UTC, seconds since the epoch
        )""",
        "CREATE INDEX sessions_by_start ON sessions(started_at)",
        "CREATE INDEX sessions_by_day ON sessions(local_day, done, active_seconds)",
        "CREATE INDEX sessions_by_routine ON sessions(routine_id, started_at)",
        "CREATE INDEX sessions_by_routine_name ON sessions(routine_name)",
        "CREATE INDEX sessions_by_active ON sessions(active_seconds)",
        "CREATE INDEX sessions_by_done ON sessions(done)",
        "CREATE INDEX sessions_by_skipped ON sessions(skipped)",
        "CREATE INDEX sessions_by_status ON sessions(status)",
        "CREATE INDEX sessions_by_feeling_before ON sessions(feeling_before)",
        "CREATE INDEX sessions_by_feeling_after ON sessions(feeling_after)",
        "CREATE INDEX stretch_events_by_session ON stretch_events(session_id, entry_index)",
    ),
    (
        # Why a session was stopped, when the person said (one optional tap).
        "ALTER TABLE sessions ADD COLUMN stop_reason TEXT"
        " CHECK (stop_reason IN ('pain', 'no_time', 'other'))",
    ),
    (
        # Time in the stretches themselves (get-ready, switches, rests and pauses left out),
        # beside active_seconds, the time in the session. NULL for sessions recorded before
        # it was kept: unknown, never 0.
        "ALTER TABLE sessions ADD COLUMN stretch_seconds INTEGER CHECK (stretch_seconds >= 0)",
    ),
)
STOP_REASONS = ("pain", "no_time", "other")

_SESSION_COLUMNS = (
    "id, started_at, utc_offset, local_day, routine_id, routine_name, status, active_seconds,"
    " done, skipped, feeling_before, feeling_after, ended_at, updated_at, writer_pid,"
    " stop_reason, stretch_seconds"
)
_EVENT_COLUMNS = "id, session_id, entry_index, stretch_id, stretch_name, side, outcome, at"


class Status(StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    STOPPED = "stopped"
    INTERRUPTED = "interrupted"


class SortColumn(StrEnum):
    """Columns the session list can be sorted by (each has an index)."""

    STARTED = "started_at"
    ROUTINE = "routine_name"
    ACTIVE = "active_seconds"
    DONE = "done"
    SKIPPED = "skipped"
    STATUS = "status"
    FEELING_BEFORE = "feeling_before"
    FEELING_AFTER = "feeling_after"


class HistoryError(Exception):
    """Something about the history went wrong; `str()` is a sentence for the user."""


class HistoryWriteError(HistoryError):
    """A write failed (disk full, read-only folder…). The session itself goes on."""


# ---- plain records --------------------------------------------------------------------------


def day_number(day: date) -> int:
    return (day - EPOCH_DAY).days


def day_from_number(number: int) -> date:
    return EPOCH_DAY + timedelta(days=number)


def offset_minutes(instant: datetime, tz: tzinfo | None = None) -> int:
    """The UTC offset, in minutes, of the clock in `tz` (default: this machine's) at `instant`."""
    local = instant.astimezone(tz) if tz is not None else instant.astimezone()
    delta = local.utcoffset() or timedelta(0)
    return int(delta.total_seconds() // 60)


def local_day_of(epoch_seconds: int, utc_offset: int) -> int:
    return (epoch_seconds + utc_offset * 60) // 86400


def _aware(epoch_seconds: int, utc_offset: int) -> datetime:
    return datetime.fromtimestamp(epoch_seconds, timezone(timedelta(minutes=utc_offset)))


@dataclass(frozen=True)
class SessionRecord:
    """One session as stored. `started_at` is in the UTC offset where it started."""

    id: int
    started_at: datetime
    routine_id: str
    routine_name: str
    status: Status
    active_seconds: int
    done: int
    skipped: int
    feeling_before: int | None
    feeling_after: int | None
    ended_at: datetime | None
    stop_reason: str | None = None  # "pain", "no_time" or "other", when the person said
    stretch_seconds: int | None = None  # in the stretches themselves; None: not recorded

    @property
    def local_date(self) -> date:
        return self.started_at.date()

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> SessionRecord:
        offset = row[2]
        return cls(
            id=row[0],
            started_at=_aware(row[1], offset),
            routine_id=row[4],
            routine_name=row[5],
            status=Status(row[6]),
            active_seconds=row[7],
            done=row[8],
            skipped=row[9],
            feeling_before=row[10],
            feeling_after=row[11],
            ended_at=_aware(row[12], offset) if row[12] is not None else None,
            stop_reason=row[15],
            stretch_seconds=row[16],
        )


@dataclass(frozen=True)
class StretchOutcome:
    """What became of one side of one stretch in a session (the latest attempt counts)."""

    entry_index: int
    stretch_id: str
    stretch_name: str
    side: str | None
    outcome: str  # "done" or "skipped"
    at: datetime


@dataclass(frozen=True)
class PeriodTotals:
    sessions: int
    active_seconds: int  # time in the sessions (get-ready and rests included)
    stretch_seconds: int = 0  # time in the stretches, of the sessions where it is known
    stretch_unknown: int = 0  # sessions recorded before stretch time was kept

    @property
    def minutes(self) -> int:
        return round(self.active_seconds / 60)


@dataclass(frozen=True)
class HistorySummary:
    today: date
    current_streak: int
    longest_streak: int
    week: PeriodTotals
    month: PeriodTotals
    all_time: PeriodTotals


@dataclass(frozen=True)
class DayTotals:
    day: date
    sessions: int
    active_seconds: int


@dataclass(frozen=True)
class PainPoint:
    session_id: int
    started_at: datetime
    before: int | None
    after: int | None
    stop_reason: str | None = None


@dataclass(frozen=True)
class SessionFilter:
    """Which sessions to list: a routine, and local dates from/to (inclusive); None: any."""

    routine_id: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class RoutineUse:
    routine_id: str
    routine_name: str  # as of its latest session
    sessions: int
    active_seconds: int = 0


@dataclass(frozen=True)
class SkippedStretch:
    stretch_id: str
    stretch_name: str
    skipped: int  # sides skipped
    attempts: int  # sides done or skipped


@dataclass(frozen=True)
class Report:
    """What the clinician's report shows for a period (local dates, inclusive)."""

    start: date
    end: date
    sessions: int
    completed: int
    stopped: int
    interrupted: int
    active_seconds: int
    days_stretched: int
    longest_streak: int
    weeks: list[DayTotals]  # one per week (day: its Monday)
    routines: list[RoutineUse]
    often_skipped: list[SkippedStretch]
    pain: list[PainPoint]
    stop_reasons: dict[str, int] = field(default_factory=dict)  # reason: stopped sessions
    stretch_seconds: int = 0  # time in the stretches, of the sessions where it is known
    stretch_unknown: int = 0  # sessions recorded before stretch time was kept

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class DeletedSession:
    """Everything `delete()` removed, so `restore()` can put it back as it was."""

    session_row: tuple[Any, ...]
    event_rows: tuple[tuple[Any, ...], ...]

    @property
    def session_id(self) -> int:
        return int(self.session_row[0])


# ---- the store ------------------------------------------------------------------------------


def _write_message(exc: sqlite3.Error, path: str) -> str:
    text = str(exc).lower()
    if "full" in text:
        return _("History could not be saved: the disk is full. Your session goes on.")
    if "readonly" in text or "read-only" in text or "permission" in text:
        return _(
            "History could not be saved: {path} is read-only. Your session goes on, "
            "but this session will not be kept."
        ).format(path=path)
    return _("History could not be saved ({error}). Your session goes on.").format(error=exc)


def _broken_name(path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.name}.broken-{stamp}-{n}")
        n += 1
    return target


class _IncompatibleError(Exception):
    """The file is a StretchApp history from a newer version (or not one at all)."""


def _process_start(pid: int) -> float | None:
    """When process `pid` started (epoch seconds), where the system tells (Linux: /proc);
    None elsewhere. A process id is reused once its process ends, so a session's writer is
    known by its id *and* by having started before the session did."""
    try:
        with Path(f"/proc/{pid}/stat").open("rb") as handle:
            fields = handle.read(4096).rsplit(b")", 1)[1].split()
        ticks = int(fields[19])  # field 22, starttime, counted after the ")"
        with Path("/proc/stat").open("rb") as handle:
            boot = next(int(line.split()[1]) for line in handle if line.startswith(b"btime "))
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _pid_alive(pid: int) -> bool | None:
    """True/False when it can be told, None where it cannot (core/platform asks the system)."""
    from stretchapp.core import platform

    return platform.current().process_alive(pid)


class HistoryStore:
    """The history database. Build one with `HistoryStore.open(path)`.

    Reads never raise for a healthy database; writes raise `HistoryWriteError` with a sentence
    for the user when the disk refuses them.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self._conn = conn
        self.path = path
        self.read_only = False  # shown, never written (a newer version's file, a locked folder)

    # ---- opening ----

    @classmethod
    def open(
        cls, path: Path, *, now: datetime | None = None, full_check: bool | None = None
    ) -> tuple[HistoryStore, str | None]:
        """Open (or create) the history at `path`; returns the store and a notice or None.

        A file that is not a readable, healthy history (not SQLite, corrupt, or from a newer
        StretchApp) is moved aside with a timestamped name, never deleted, and a new history
        is started; the notice says where the old one went. If the folder cannot be written at
        all, the history lives in memory for this run and the notice says so.
        `full_check`: run `PRAGMA quick_check` (default: when the file is at most
        FULL_CHECK_MAX_BYTES; larger files get a structural check, see `verify()`).
        """
        now = now or datetime.now()
        try:
            return cls._open_file(path, full_check), None
        except _IncompatibleError as exc:
            if exc.args[:1] == ("newer",):
                # Never moved aside: a newer StretchApp must find it as it left it.
                return cls._newer(path)
            moved = cls._move_aside(path, now)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and not _looks_corrupt(exc):
                if path.is_file():
                    try:
                        store = cls.open_read_only(path)
                    except sqlite3.Error:
                        pass
                    else:
                        return store, _(
                            "Your history at {path} cannot be written ({error}), so it is shown "
                            "read-only: sessions this time will not be kept."
                        ).format(path=path, error=exc)
                return cls.in_memory(), _(
                    "Your history at {path} could not be opened ({error}). Sessions this time "
                    "will not be kept."
                ).format(path=path, error=exc)
            moved = cls._move_aside(path, now)
        except OSError as exc:
            return cls.in_memory(), _(
                "Your history folder {folder} could not be used ({error}). "
                "Sessions this time will not be kept."
            ).format(folder=path.parent, error=exc.strerror or exc)
        return cls._start_again(path, moved)

    @classmethod
    def _start_again(cls, path: Path, moved: Path | OSError) -> tuple[HistoryStore, str]:
        """After a damaged file was set aside (or could not be): a new history, and what to
        tell the person."""
        if isinstance(moved, OSError):  # held open by another program, or a read-only folder
            return cls.in_memory(), _(
                "Your history file is damaged and could not be read, nor set aside to start a"
                " new one ({error}). It is left as it was, and sessions this time will not be"
                " kept."
            ).format(error=moved.strerror or moved)
        try:
            store = cls._open_file(path, True)
        except (sqlite3.Error, _IncompatibleError, OSError) as again:
            return cls.in_memory(), _(
                "Your history file was damaged and could not be read; it was kept as {moved}."
                " A new one could not be started ({error}), so sessions this time will not be"
                " kept."
            ).format(moved=moved, error=again)
        return store, _(
            "Your history file was damaged and could not be read, so a new one was started."
            " The old file was kept, unchanged, as {moved}."
        ).format(moved=moved)

    @classmethod
    def _newer(cls, path: Path) -> tuple[HistoryStore, str]:
        try:
            store = cls.open_read_only(path)
        except sqlite3.Error as exc:
            return cls.in_memory(), _(
                "Your history at {path} was made by a newer version of StretchApp and cannot "
                "be read by this one ({error}). It is left untouched; sessions this time will "
                "not be kept. Update StretchApp to see it."
            ).format(path=path, error=exc)
        return store, _(
            "Your history at {path} was made by a newer version of StretchApp. It is shown "
            "read-only and left untouched; sessions this time will not be kept. Update "
            "StretchApp to keep recording."
        ).format(path=path)

    @classmethod
    def open_read_only(cls, path: Path) -> HistoryStore:
        """The history at `path` for reading only: nothing is created, migrated, marked or
        moved. Raises sqlite3.Error when it cannot be read."""
        uri = path.resolve().as_uri()
        error: sqlite3.Error | None = None
        # A WAL file in a folder that cannot be written has no -shm to share: read it as
        # immutable then (nothing else can be writing to a folder nobody can write).
        for query in ("mode=ro", "mode=ro&immutable=1"):
            conn = sqlite3.connect(f"{uri}?{query}", uri=True, isolation_level=None, timeout=5)
            try:
                conn.execute("SELECT count(*) FROM sessions").fetchone()
                conn.execute("SELECT count(*) FROM stretch_events").fetchone()
            except sqlite3.Error as exc:
                conn.close()
                error = exc
                continue
            store = cls(conn, path)
            store.read_only = True
            return store
        assert error is not None
        raise error

    @classmethod
    def in_memory(cls) -> HistoryStore:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        store = cls(conn, None)
        store._migrate()
        return store

    @classmethod
    def open_existing_or_empty(cls, path: Path) -> tuple[HistoryStore, str | None]:
        """For read-only commands: the history if it exists, else an empty one in memory.

        Never moves, repairs or replaces anything: a newer version's history is read as it is,
        and one that cannot be read is reported and left untouched."""
        if not path.exists():
            return cls.in_memory(), None
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
            finally:
                conn.close()
            if version > SCHEMA_VERSION:
                return cls._newer(path)
        except sqlite3.Error as exc:
            return cls.in_memory(), _(
                "Your history at {path} could not be read ({error}); it was left untouched. "
                "Open StretchApp to check it."
            ).format(path=path, error=exc)
        try:
            # Brought up to date, and sessions whose writer is gone marked interrupted.
            return cls._open_file(path, None), None
        except (sqlite3.Error, _IncompatibleError, OSError) as exc:
            if isinstance(exc, sqlite3.OperationalError) and not _looks_corrupt(exc):
                with contextlib.suppress(sqlite3.Error):
                    return cls.open_read_only(path), None  # a folder that cannot be written
            return cls.in_memory(), _(
                "Your history at {path} could not be read ({error}); it was left untouched. "
                "Open StretchApp to check it."
            ).format(path=path, error=exc)

    @classmethod
    def _open_file(cls, path: Path, full_check: bool | None) -> HistoryStore:
        path.parent.mkdir(parents=True, exist_ok=True)
        if full_check is None:
            full_check = not path.exists() or path.stat().st_size <= FULL_CHECK_MAX_BYTES
        conn = sqlite3.connect(str(path), timeout=5.0, isolation_level=None)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise _IncompatibleError("newer")
            if full_check and not _quick_check_ok(conn):
                raise sqlite3.DatabaseError("database disk image is malformed (quick_check)")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise sqlite3.OperationalError(f"could not switch to WAL mode ({mode})")
            conn.execute("PRAGMA synchronous = FULL")
            store = cls(conn, path)
            store._migrate()
            if version > 0:
                store._check_tables()
                if not full_check:  # walk both ends of every table and index
                    for table in ("sessions", "stretch_events"):
                        # one aggregate per query, so SQLite reads just the b-tree's edge
                        conn.execute(f"SELECT min(id) FROM {table}").fetchone()
                        conn.execute(f"SELECT max(id) FROM {table}").fetchone()
        except BaseException:
            conn.close()
            raise
        with contextlib.suppress(HistoryWriteError):
            store.mark_interrupted()
        return store

    def _check_tables(self) -> None:
        names = {
            r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if not {"sessions", "stretch_events"} <= names:
            raise _IncompatibleError("foreign")

    @staticmethod
    def _move_aside(path: Path, now: datetime) -> Path | OSError:
        """The damaged file renamed out of the way (with its -wal and -shm), or why it
        could not be (on Windows, a file another program holds open is tried for a second)."""
        target = _broken_name(path, now)
        # Its -wal and -shm first and the file itself last, each put back if a later one
        # cannot move: a -wal left beside a new file would be read into it.
        moved: list[tuple[Path, Path]] = []
        try:
            for suffix in ("-wal", "-shm", ""):
                source = path.with_name(path.name + suffix)
                if suffix and not source.exists():
                    continue
                files.replace(source, target.with_name(target.name + suffix))
                moved.append((source, target.with_name(target.name + suffix)))
        except OSError as exc:
            for source, aside in reversed(moved):
                with contextlib.suppress(OSError):
                    files.replace(aside, source)
            return exc
        return target

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        for target in range(version, len(MIGRATIONS)):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in MIGRATIONS[target]:
                    self._conn.execute(statement)
                self._conn.execute(f"PRAGMA user_version = {target + 1}")
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self._conn.close()

    def verify(self) -> bool:
        """The full `PRAGMA quick_check`: True when the file is healthy.

        For a large history `open()` checks only the structure; call this when there is time
        (e.g. after the window is shown). When it is False, `open(path, full_check=True)`
        moves the file aside and starts a new one.
        """
        try:
            return _quick_check_ok(self._conn)
        except sqlite3.DatabaseError:
            return False

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def journal_mode(self) -> str:
        return str(self._conn.execute("PRAGMA journal_mode").fetchone()[0])

    # ---- writing ----

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short transaction; a refusal from the disk becomes HistoryWriteError."""
        conn = self._conn
        if self.read_only:
            raise HistoryWriteError(
                _("History is open read-only ({path}): this session will not be kept.").format(
                    path=self.path
                )
            )
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise HistoryWriteError(_write_message(exc, str(self.path or "memory"))) from exc

    def mark_interrupted(self, now: float | None = None) -> int:
        """Running sessions whose process is gone become interrupted; returns how many."""
        now_s = int(now if now is not None else time.time())
        if self.read_only:
            return 0
        rows = self._conn.execute(
            "SELECT id, writer_pid, updated_at, started_at FROM sessions WHERE status = 'running'"
        ).fetchall()
        gone = []
        for session_id, pid, updated_at, started_at in rows:
            alive = _pid_alive(pid) if pid else False
            if alive and pid and pid != os.getpid():
                began = _process_start(pid)
                # The writer was alive when it last wrote; a process that started after that is
                # another one that was given the same id.
                if began is not None and began > max(started_at, updated_at) + 2:
                    alive = False
            if pid == os.getpid():
                alive = True
            if alive is False or now_s - updated_at > STALE_AFTER:
                gone.append((now_s, session_id))
        if gone:
            with self._write() as conn:
                conn.executemany(
                    "UPDATE sessions SET status = 'interrupted', updated_at = ? "
                    "WHERE id = ? AND status = 'running'",
                    gone,
                )
        return len(gone)

    def start_session(
        self,
        started_at: float,
        utc_offset: int,
        routine_id: str,
        routine_name: str,
        *,
        feeling_before: int | None = None,
    ) -> int:
        """A new running session; returns its id."""
        start = int(started_at)
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO sessions (started_at, utc_offset, local_day, routine_id,"
                " routine_name, status, feeling_before, updated_at, writer_pid, stretch_seconds)"
                " VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, 0)",
                (
                    start,
                    utc_offset,
                    local_day_of(start, utc_offset),
                    routine_id,
                    routine_name,
                    _feeling(feeling_before),
                    int(time.time()),
                    os.getpid(),
                ),
            )
            return int(cursor.lastrowid or 0)

    def record_stretch(
        self,
        session_id: int,
        entry_index: int,
        stretch_id: str,
        stretch_name: str,
        side: str | None,
        outcome: str,
        at: float,
        *,
        done: int,
        skipped: int,
        active_seconds: int,
        stretch_seconds: int | None = None,
    ) -> None:
        """A side done or skipped (replacing an earlier outcome for it), with the new tally."""
        if outcome not in ("done", "skipped"):
            raise ValueError(f"outcome must be 'done' or 'skipped', not {outcome!r}")
        with self._write() as conn:
            conn.execute(
                "DELETE FROM stretch_events WHERE session_id = ? AND entry_index = ? AND side IS ?",
                (session_id, entry_index, side),
            )
            conn.execute(
                "INSERT INTO stretch_events (session_id, entry_index, stretch_id, stretch_name,"
                " side, outcome, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (session_id, entry_index, stretch_id, stretch_name, side, outcome, int(at)),
            )
            self._tally(conn, session_id, done, skipped, active_seconds, stretch_seconds)

    def update_progress(
        self,
        session_id: int,
        *,
        done: int,
        skipped: int,
        active_seconds: int,
        stretch_seconds: int | None = None,
    ) -> None:
        with self._write() as conn:
            self._tally(conn, session_id, done, skipped, active_seconds, stretch_seconds)

    @staticmethod
    def _tally(
        conn: sqlite3.Connection,
        session_id: int,
        done: int,
        skipped: int,
        active: int,
        stretch: int | None = None,
    ) -> None:
        # A row wrongly marked interrupted (say, paused for a day) comes back to life.
        # Stretch time given as None leaves the stored figure as it was.
        conn.execute(
            "UPDATE sessions SET done = ?, skipped = ?, active_seconds = ?, updated_at = ?,"
            " stretch_seconds = coalesce(?, stretch_seconds),"
            " status = CASE status WHEN 'interrupted' THEN 'running' ELSE status END"
            " WHERE id = ?",
            (done, skipped, max(0, int(active)), int(time.time()), _seconds(stretch), session_id),
        )

    def end_session(
        self,
        session_id: int,
        status: Status,
        ended_at: float,
        *,
        done: int,
        skipped: int,
        active_seconds: int,
        stretch_seconds: int | None = None,
    ) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, done = ?, skipped = ?,"
                " active_seconds = ?, updated_at = ?,"
                " stretch_seconds = coalesce(?, stretch_seconds) WHERE id = ?",
                (
                    Status(status).value,
                    int(ended_at),
                    done,
                    skipped,
                    max(0, int(active_seconds)),
                    int(time.time()),
                    _seconds(stretch_seconds),
                    session_id,
                ),
            )

    def set_feeling(
        self, session_id: int, *, before: int | None = None, after: int | None = None
    ) -> None:
        """Set the check-in(s) given (a value that is None is left as it was)."""
        with self._write() as conn:
            if before is not None:
                conn.execute(
                    "UPDATE sessions SET feeling_before = ? WHERE id = ?",
                    (_feeling(before), session_id),
                )
            if after is not None:
                conn.execute(
                    "UPDATE sessions SET feeling_after = ? WHERE id = ?",
                    (_feeling(after), session_id),
                )

    def set_stop_reason(self, session_id: int, reason: str | None) -> None:
        """Why the session was stopped ("pain", "no_time", "other"), or None: not said."""
        if reason is not None and reason not in STOP_REASONS:
            raise ValueError(f"a stop reason is one of {', '.join(STOP_REASONS)}, not {reason!r}")
        with self._write() as conn:
            conn.execute("UPDATE sessions SET stop_reason = ? WHERE id = ?", (reason, session_id))

    def add_session(
        self,
        started_at: datetime,
        routine_id: str,
        routine_name: str,
        *,
        status: Status = Status.COMPLETED,
        active_seconds: int = 0,
        done: int = 0,
        skipped: int = 0,
        feeling_before: int | None = None,
        feeling_after: int | None = None,
        outcomes: Sequence[tuple[int, str, str, str | None, str]] = (),
        stop_reason: str | None = None,
        stretch_seconds: int | None = None,
    ) -> int:
        """Record a whole session at once (imports, tests, the benchmark).

        `started_at` must be aware; its offset is kept as the offset where it happened.
        `outcomes`: (entry_index, stretch_id, stretch_name, side, "done"/"skipped").
        """
        ids = self.add_sessions(
            [
                (
                    started_at,
                    routine_id,
                    routine_name,
                    Status(status),
                    active_seconds,
                    done,
                    skipped,
                    feeling_before,
                    feeling_after,
                    outcomes,
                )
            ]
        )
        if stop_reason is not None:
            self.set_stop_reason(ids[0], stop_reason)
        if stretch_seconds is not None:
            with self._write() as conn:
                conn.execute(
                    "UPDATE sessions SET stretch_seconds = ? WHERE id = ?",
                    (_seconds(stretch_seconds), ids[0]),
                )
        return ids[0]

    def add_sessions(
        self,
        sessions: Iterable[
            tuple[
                datetime,
                str,
                str,
                Status,
                int,
                int,
                int,
                int | None,
                int | None,
                Sequence[tuple[int, str, str, str | None, str]],
            ]
        ],
    ) -> list[int]:
        """Many finished sessions in one transaction (same fields as `add_session`)."""
        ids: list[int] = []
        now = int(time.time())
        with self._write() as conn:
            for (
                started,
                routine_id,
                routine_name,
                status,
                active,
                done,
                skipped,
                before,
                after,
                outcomes,
            ) in sessions:
                if started.tzinfo is None:
                    raise ValueError("started_at must be an aware datetime")
                start = int(started.timestamp())
                offset = offset_minutes(started, started.tzinfo)
                cursor = conn.execute(
                    "INSERT INTO sessions (started_at, utc_offset, local_day, routine_id,"
                    " routine_name, status, active_seconds, done, skipped, feeling_before,"
                    " feeling_after, ended_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        start,
                        offset,
                        local_day_of(start, offset),
                        routine_id,
                        routine_name,
                        Status(status).value,
                        active,
                        done,
                        skipped,
                        _feeling(before),
                        _feeling(after),
                        start + active if status is not Status.RUNNING else None,
                        now,
                    ),
                )
                session_id = int(cursor.lastrowid or 0)
                ids.append(session_id)
                if outcomes:
                    conn.executemany(
                        "INSERT INTO stretch_events (session_id, entry_index, stretch_id,"
                        " stretch_name, side, outcome, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [(session_id, *o, start) for o in outcomes],
                    )
        return ids

    def delete(self, session_id: int) -> DeletedSession | None:
        """Delete a session and its stretches; returns what was removed (for `restore`)."""
        row = self._conn.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            return None
        events = self._conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM stretch_events WHERE session_id = ? ORDER BY id",
            (session_id,),
        ).fetchall()
        with self._write() as conn:
            conn.execute("DELETE FROM stretch_events WHERE session_id = ?", (session_id,))
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        return DeletedSession(tuple(row), tuple(tuple(e) for e in events))

    def restore(self, deleted: DeletedSession) -> None:
        """Put a deleted session back exactly as it was (same id)."""
        marks = ", ".join("?" * len(deleted.session_row))
        with self._write() as conn:
            conn.execute(
                f"INSERT INTO sessions ({_SESSION_COLUMNS}) VALUES ({marks})",
                deleted.session_row,
            )
            conn.executemany(
                f"INSERT INTO stretch_events ({_EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                deleted.event_rows,
            )

    # ---- reading ----

    def summary(
        self,
        now: datetime | None = None,
        tz: tzinfo | None = None,
        first_weekday: int | None = None,
    ) -> HistorySummary:
        """Streaks and totals as of `now` (default: now), with "today" taken in `tz`. "This
        week" starts on `first_weekday` (0 Monday … 6 Sunday; default: as the person's locale
        has it, Sunday in the United States, Monday in most of Europe)."""
        now = now or datetime.now(UTC)
        local_now = now.astimezone(tz) if tz is not None else now.astimezone()
        today = local_now.date()
        t = day_number(today)
        first = i18n.first_weekday() if first_weekday is None else first_weekday
        week_start = t - (today.weekday() - first) % 7
        month_start = day_number(today.replace(day=1))
        row = self._conn.execute(
            "SELECT count(*), total(active_seconds),"
            " total(local_day BETWEEN :w AND :t), total(iif(local_day BETWEEN :w AND :t,"
            "  active_seconds, 0)),"
            " total(local_day BETWEEN :m AND :t), total(iif(local_day BETWEEN :m AND :t,"
            "  active_seconds, 0)),"
            " total(stretch_seconds), total(stretch_seconds IS NULL),"
            " total(iif(local_day BETWEEN :w AND :t, stretch_seconds, 0)),"
            " total(local_day BETWEEN :w AND :t AND stretch_seconds IS NULL),"
            " total(iif(local_day BETWEEN :m AND :t, stretch_seconds, 0)),"
            " total(local_day BETWEEN :m AND :t AND stretch_seconds IS NULL)"
            " FROM sessions",
            {"w": week_start, "m": month_start, "t": t},
        ).fetchone()
        days = self._streak_days()
        current, longest = _streaks(days, t)
        return HistorySummary(
            today=today,
            current_streak=current,
            longest_streak=longest,
            week=PeriodTotals(int(row[2]), int(row[3]), int(row[8]), int(row[9])),
            month=PeriodTotals(int(row[4]), int(row[5]), int(row[10]), int(row[11])),
            all_time=PeriodTotals(int(row[0]), int(row[1]), int(row[6]), int(row[7])),
        )

    def _streak_days(self, start: int | None = None, end: int | None = None) -> array[int]:
        sql = "SELECT DISTINCT local_day FROM sessions WHERE done > 0"
        params: list[int] = []
        if start is not None and end is not None:
            sql += " AND local_day BETWEEN ? AND ?"
            params = [start, end]
        sql += " ORDER BY local_day"
        return array("q", (r[0] for r in self._conn.execute(sql, params)))

    def stretched_on(self, day: date) -> bool:
        """Whether a session on this local day got at least one stretch done.

        Raises HistoryError when the history cannot be read (the caller decides what a
        reminder does then)."""
        try:
            row = self._conn.execute(
                "SELECT 1 FROM sessions WHERE local_day = ? AND done > 0 LIMIT 1",
                (day_number(day),),
            ).fetchone()
        except sqlite3.Error as exc:
            raise HistoryError(_("History could not be read ({error}).").format(error=exc)) from exc
        return row is not None

    def minutes_per_day(self, start: date, end: date) -> list[DayTotals]:
        """Every local day from start to end (inclusive), with sessions and active time."""
        found = {
            r[0]: (r[1], r[2])
            for r in self._conn.execute(
                "SELECT local_day, count(*), total(active_seconds) FROM sessions"
                " WHERE local_day BETWEEN ? AND ? GROUP BY local_day",
                (day_number(start), day_number(end)),
            )
        }
        out = []
        for n in range(day_number(start), day_number(end) + 1):
            sessions, seconds = found.get(n, (0, 0))
            out.append(DayTotals(day_from_number(n), int(sessions), int(seconds)))
        return out

    def pain_trend(
        self, start: date | None = None, end: date | None = None, limit: int | None = None
    ) -> list[PainPoint]:
        """Sessions with a check-in, oldest first (the latest `limit` of them if given)."""
        where, params = _filter_sql(SessionFilter(None, start, end))
        extra = " AND " if where else " WHERE "
        sql = (
            f"SELECT id, started_at, utc_offset, feeling_before, feeling_after FROM sessions"
            f"{where}{extra}(feeling_before IS NOT NULL OR feeling_after IS NOT NULL)"
            " ORDER BY started_at DESC, id DESC"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = self._conn.execute(sql, params).fetchall()
        return [PainPoint(r[0], _aware(r[1], r[2]), r[3], r[4]) for r in reversed(rows)]

    def responses(
        self, start: date | None = None, end: date | None = None, limit: int | None = None
    ) -> list[PainPoint]:
        """Sessions where the person told the app something about their back: a check-in,
        or a stop for pain. Oldest first (the latest `limit` of them if given)."""
        where, params = _filter_sql(SessionFilter(None, start, end))
        extra = " AND " if where else " WHERE "
        sql = (
            "SELECT id, started_at, utc_offset, feeling_before, feeling_after, stop_reason"
            f" FROM sessions{where}{extra}(feeling_before IS NOT NULL"
            " OR feeling_after IS NOT NULL OR stop_reason = 'pain')"
            " ORDER BY started_at DESC, id DESC"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = self._conn.execute(sql, params).fetchall()
        return [PainPoint(r[0], _aware(r[1], r[2]), r[3], r[4], r[5]) for r in reversed(rows)]

    def count(self, filters: SessionFilter | None = None) -> int:
        where, params = _filter_sql(filters or SessionFilter())
        row = self._conn.execute(f"SELECT count(*) FROM sessions{where}", params).fetchone()
        return int(row[0])

    def sessions(
        self,
        offset: int = 0,
        limit: int = 100,
        sort: SortColumn = SortColumn.STARTED,
        descending: bool = True,
        filters: SessionFilter | None = None,
    ) -> list[SessionRecord]:
        """A page of sessions, sorted in SQL (ties broken by id, in the same direction)."""
        where, params = _filter_sql(filters or SessionFilter())
        column = SortColumn(sort).value
        direction = "DESC" if descending else "ASC"
        rows = self._conn.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions{where}"
            f" ORDER BY {column} {direction}, id {direction} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [SessionRecord.from_row(r) for r in rows]

    def session(self, session_id: int) -> SessionRecord | None:
        row = self._conn.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        return SessionRecord.from_row(row) if row else None

    def outcomes(self, session_id: int) -> list[StretchOutcome]:
        rows = self._conn.execute(
            "SELECT s.utc_offset, e.entry_index, e.stretch_id, e.stretch_name, e.side,"
            " e.outcome, e.at FROM stretch_events e JOIN sessions s ON s.id = e.session_id"
            " WHERE e.session_id = ? ORDER BY e.entry_index, e.side",
            (session_id,),
        ).fetchall()
        return [StretchOutcome(r[1], r[2], r[3], r[4], r[5], _aware(r[6], r[0])) for r in rows]

    def routines_used(self) -> list[RoutineUse]:
        """Each routine with sessions, named as in its latest one, most used first."""
        rows = self._conn.execute(
            "SELECT routine_id, routine_name, max(started_at), count(*), total(active_seconds)"
            " FROM sessions GROUP BY routine_id ORDER BY count(*) DESC, routine_name"
        ).fetchall()
        return [RoutineUse(r[0], r[1], r[3], int(r[4])) for r in rows]

    def export_rows(self) -> Iterator[SessionRecord]:
        """Every session, oldest first, read as it is written out (not all held at once)."""
        cursor = self._conn.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions ORDER BY started_at, id"
        )
        while True:
            rows = cursor.fetchmany(500)
            if not rows:
                return
            for row in rows:
                yield SessionRecord.from_row(row)

    def report(self, start: date, end: date) -> Report:
        """Everything the clinician's report shows for local dates start..end (inclusive)."""
        a, b = day_number(start), day_number(end)
        row = self._conn.execute(
            "SELECT count(*), total(status = 'completed'), total(status = 'stopped'),"
            " total(status = 'interrupted'), total(active_seconds),"
            " count(DISTINCT iif(done > 0, local_day, NULL)),"
            " total(stretch_seconds), total(stretch_seconds IS NULL)"
            " FROM sessions WHERE local_day BETWEEN ? AND ?",
            (a, b),
        ).fetchone()
        _current, longest = _streaks(self._streak_days(a, b), b)
        monday = a - start.weekday()
        weeks = {
            r[0]: (r[1], r[2])
            for r in self._conn.execute(
                "SELECT (local_day - ?) / 7, count(*), total(active_seconds) FROM sessions"
                " WHERE local_day BETWEEN ? AND ? GROUP BY 1",
                (monday, a, b),
            )
        }
        week_list = [
            DayTotals(
                day_from_number(monday + 7 * w),
                int(weeks.get(w, (0, 0))[0]),
                int(weeks.get(w, (0, 0))[1]),
            )
            for w in range((b - monday) // 7 + 1)
        ]
        routines = [
            RoutineUse(r[0], r[1], r[3], int(r[4]))
            for r in self._conn.execute(
                "SELECT routine_id, routine_name, max(started_at), count(*),"
                " total(active_seconds) FROM sessions WHERE local_day BETWEEN ? AND ?"
                " GROUP BY routine_id ORDER BY count(*) DESC, routine_name",
                (a, b),
            )
        ]
        skipped = [
            SkippedStretch(r[0], r[1], int(r[2]), int(r[3]))
            for r in self._conn.execute(
                "SELECT e.stretch_id, e.stretch_name, total(e.outcome = 'skipped') AS n,"
                " count(*) FROM stretch_events e JOIN sessions s ON s.id = e.session_id"
                " WHERE s.local_day BETWEEN ? AND ? GROUP BY e.stretch_id"
                " HAVING n > 0 ORDER BY n * 1.0 / count(*) DESC, n DESC LIMIT 8",
                (a, b),
            )
        ]
        return Report(
            start=start,
            end=end,
            sessions=int(row[0]),
            completed=int(row[1]),
            stopped=int(row[2]),
            interrupted=int(row[3]),
            active_seconds=int(row[4]),
            days_stretched=int(row[5]),
            stretch_seconds=int(row[6]),
            stretch_unknown=int(row[7]),
            longest_streak=longest,
            weeks=week_list,
            routines=routines,
            often_skipped=skipped,
            pain=self.pain_trend(start, end),
            stop_reasons={
                str(r[0]): int(r[1])
                for r in self._conn.execute(
                    "SELECT stop_reason, count(*) FROM sessions WHERE local_day BETWEEN ? AND ?"
                    " AND status = 'stopped' AND stop_reason IS NOT NULL GROUP BY stop_reason",
                    (a, b),
                )
            },
        )


def _quick_check_ok(conn: sqlite3.Connection) -> bool:
    return [tuple(r) for r in conn.execute("PRAGMA quick_check").fetchall()] == [("ok",)]


def _looks_corrupt(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return any(w in text for w in ("not a database", "malformed", "corrupt", "encrypted"))


def _feeling(value: int | None) -> int | None:
    if value is None:
        return None
    if not 0 <= int(value) <= 10:
        raise ValueError(f"a feeling is 0 to 10, not {value}")
    return int(value)


def _seconds(value: int | None) -> int | None:
    """A stored duration: None stays None (unknown), anything else a whole number >= 0."""
    return None if value is None else max(0, int(value))


def _filter_sql(filters: SessionFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.routine_id is not None:
        clauses.append("routine_id = ?")
        params.append(filters.routine_id)
    if filters.start is not None:
        clauses.append("local_day >= ?")
        params.append(day_number(filters.start))
    if filters.end is not None:
        clauses.append("local_day <= ?")
        params.append(day_number(filters.end))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _streaks(days: Sequence[int], today: int) -> tuple[int, int]:
    """(current, longest) runs of consecutive day numbers; `days` sorted and distinct.

    The current streak ends today, or yesterday when today has nothing yet.
    """
    longest = run = 0
    previous: int | None = None
    for day in days:
        run = run + 1 if previous is not None and day == previous + 1 else 1
        longest = max(longest, run)
        previous = day
    current = 0
    if previous is not None and today - 1 <= previous <= today:
        current = run
    elif previous is not None and previous > today:
        # Sessions dated after "today" (a clock set wrong): count back from today.
        wanted = today if today in days else today - 1
        present = set(days)
        while wanted in present:
            current += 1
            wanted -= 1
    return current, longest


# ---- recording a session --------------------------------------------------------------------


class _Summary(Protocol):
    done: int
    skipped: int
    active_ms: int
    stretch_ms: int


class _Event(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def at_ms(self) -> int: ...
    @property
    def entry_index(self) -> int | None: ...
    @property
    def stretch_id(self) -> str | None: ...
    @property
    def side(self) -> str | None: ...


class _Session(Protocol):
    def subscribe(self, callback: Callable[[Any], None]) -> Any: ...
    def summary(self) -> Any: ...


class _Stretch(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


class _Entry(Protocol):
    @property
    def stretch(self) -> _Stretch: ...


class _Routine(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def entries(self) -> Sequence[Any]: ...


def wall_clock_from(clock: Callable[[], int]) -> Callable[[int], float]:
    """Turn a session clock's milliseconds into epoch seconds, as of now.

    The session's clock (boot time) has no date; this pins it to the wall clock once, so
    the times recorded for one session stay consistent even if the wall clock is changed.
    """
    offset = time.time() - clock() / 1000
    return lambda ms: offset + ms / 1000


@dataclass
class SessionRecorder:
    """Writes a `Session` to the history as it happens.

    SESSION_STARTED inserts the row; each STRETCH_DONE / STRETCH_SKIPPED records the side and
    the new tally (from `session.summary()`); PHASE_STARTED and PAUSED keep the active time
    and the time in stretches up to date; FINISHED and STOPPED close the row. Each is its own
    committed transaction.

    A write that fails never stops the session: the first failure's message goes to
    `on_error` (once) and is kept in `error`. Writes the disk refused (it was full, say) wait
    in order in a queue and are written, oldest first, with the next write that succeeds (a
    heartbeat every few seconds tries), so stretches done meanwhile are not lost. If the app
    ends before space returns, the session stays without its end and shows as interrupted.
    """

    store: HistoryStore
    session: _Session
    routine: _Routine
    clock_to_wall: Callable[[int], float]
    tz: tzinfo | None = None
    on_error: Callable[[str], None] | None = None
    session_id: int | None = None
    error: str | None = None
    _feeling_before: int | None = field(default=None, repr=False)
    _unsubscribe: Any = field(default=None, repr=False)
    _pending: list[tuple[str, Callable[[int], None]]] = field(default_factory=list, repr=False)
    _start_pending: Callable[[], int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._unsubscribe = self.session.subscribe(self.handle)

    def close(self) -> None:
        if callable(self._unsubscribe):
            self._unsubscribe()
        self._unsubscribe = None

    def set_feeling_before(self, value: int | None) -> None:
        """Before the session starts (kept until the row exists) or during it."""
        self._feeling_before = _feeling(value)
        if self.session_id is not None and value is not None:
            self._try(lambda sid: self.store.set_feeling(sid, before=value))

    def set_feeling_after(self, value: int | None) -> None:
        if self.session_id is not None and value is not None:
            self._try(lambda sid: self.store.set_feeling(sid, after=value))

    def set_stop_reason(self, reason: str | None) -> None:
        """Why the person stopped ("pain", "no_time", "other"), after a Stop."""
        self._try(lambda sid: self.store.set_stop_reason(sid, reason))

    def heartbeat(self) -> None:
        """Bring the active time up to date mid-stretch (the UI calls this every few
        seconds), so a session cut off by a crash or power cut shows how long it ran."""
        tally = self._tally()
        self._try(lambda sid: self.store.update_progress(sid, **tally), "progress")

    @property
    def pending(self) -> int:
        """How many writes wait for the disk."""
        return len(self._pending) + (self._start_pending is not None)

    def handle(self, event: _Event) -> None:
        kind = str(event.kind)
        if kind == "session_started":
            self._start(event)
        elif kind in ("stretch_done", "stretch_skipped"):
            self._stretch(event, "done" if kind == "stretch_done" else "skipped")
        elif kind in ("phase_started", "paused"):
            tally = self._tally()
            self._try(lambda sid: self.store.update_progress(sid, **tally), "progress")
        elif kind in ("finished", "stopped"):
            status = Status.COMPLETED if kind == "finished" else Status.STOPPED
            tally = self._tally()
            ended = self.clock_to_wall(event.at_ms)
            self._try(lambda sid: self.store.end_session(sid, status, ended, **tally))

    def _start(self, event: _Event) -> None:
        started = self.clock_to_wall(event.at_ms)
        offset = offset_minutes(datetime.fromtimestamp(started, UTC), self.tz)
        feeling = self._feeling_before

        def start() -> int:
            return self.store.start_session(
                started, offset, self.routine.id, self.routine.name, feeling_before=feeling
            )

        try:
            self.session_id = start()
        except HistoryWriteError as exc:
            self._start_pending = start  # tried again with the next write
            self._report(str(exc))

    def _stretch(self, event: _Event, outcome: str) -> None:
        index = event.entry_index if event.entry_index is not None else -1
        name = event.stretch_id or ""
        if 0 <= index < len(self.routine.entries):
            stretch = self.routine.entries[index].stretch
            name = stretch.name
        tally = self._tally()
        at = self.clock_to_wall(event.at_ms)
        self._try(
            lambda sid: self.store.record_stretch(
                sid, index, event.stretch_id or "", name, event.side, outcome, at, **tally
            )
        )

    def _tally(self) -> dict[str, int]:
        summary: _Summary = self.session.summary()
        return {
            "done": int(summary.done),
            "skipped": int(summary.skipped),
            "active_seconds": round(summary.active_ms / 1000),
            "stretch_seconds": round(summary.stretch_ms / 1000),
        }

    _MAX_PENDING = 10_000

    def _try(self, write: Callable[[int], None], kind: str = "write") -> None:
        if self.session_id is None and self._start_pending is None:
            return
        if kind == "progress" and self._pending and self._pending[-1][0] == "progress":
            self._pending[-1] = (kind, write)  # only the latest progress matters
        elif len(self._pending) < self._MAX_PENDING:
            self._pending.append((kind, write))
        self._flush()

    def _flush(self) -> None:
        try:
            if self.session_id is None:
                if self._start_pending is None:
                    return
                self.session_id = self._start_pending()
                self._start_pending = None
            while self._pending:
                self._pending[0][1](self.session_id)
                self._pending.pop(0)
        except HistoryWriteError as exc:
            self._report(str(exc))

    def _report(self, message: str) -> None:
        if self.error is None:
            self.error = message
            if self.on_error is not None:
                self.on_error(message)
