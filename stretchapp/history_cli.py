"""`stretchapp history`: the summary and latest sessions, or every session as CSV / JSON Lines.

No Qt. Output formats (one session per row or line, oldest first, streamed as read):

- `--csv`: a header row, then one row per session (comma-separated, `\\n` line ends).
- `--json`: JSON Lines: one JSON object per line, per session; empty values are `null`.

Fields, in order: started_at (ISO 8601 with the UTC offset where it started), routine_id,
routine_name, status (running, completed, stopped or interrupted), active_seconds, done,
skipped, feeling_before, feeling_after (0-10 or empty), ended_at, session_id, stop_reason
(pain, no_time, other, or empty: why a stopped session was stopped, when the person said),
stretch_seconds (time in the stretches themselves, get-ready, rests and pauses left out;
empty for sessions recorded before it was kept). active_seconds is the time in the session:
get-ready and rests included, pauses left out.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from stretchapp.core import i18n
from stretchapp.core.i18n import _, ngettext, pgettext
from stretchapp.core.paths import Paths

# The `stretchapp` command loads this module on every start (for its --help), so what only
# the command itself needs (the report, the presenters, the export helpers) is imported there.

if TYPE_CHECKING:  # the store is imported when the command runs: `--help` stays quick
    from stretchapp.core.history import HistoryStore, SessionRecord

FIELDS = (
    "started_at",
    "routine_id",
    "routine_name",
    "status",
    "active_seconds",
    "done",
    "skipped",
    "feeling_before",
    "feeling_after",
    "ended_at",
    "session_id",
    "stop_reason",
    "stretch_seconds",
)
LATEST = 10


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `history` command to the `stretchapp` parser's subparsers."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "history",
        help=_("show your streaks, totals and latest sessions (or every session as CSV/JSON)"),
        description=_(
            "Show your streaks, totals and latest sessions. With --csv or --json, "
            "print every session instead, oldest first, one per row (CSV) or line (JSON Lines), "
            "with: {fields}. These field names stay in English in every language."
        ).format(fields=", ".join(FIELDS)),
    )
    formats = parser.add_mutually_exclusive_group()
    formats.add_argument("--csv", action="store_true", help=_("every session as CSV"))
    formats.add_argument(
        "--json",
        action="store_true",
        help=_("every session as JSON Lines (one object per line)"),
    )
    return parser


def record_fields(record: SessionRecord) -> dict[str, Any]:
    return {
        "started_at": record.started_at.isoformat(timespec="seconds"),
        "routine_id": record.routine_id,
        "routine_name": record.routine_name,
        "status": record.status.value,
        "active_seconds": record.active_seconds,
        "done": record.done,
        "skipped": record.skipped,
        "feeling_before": record.feeling_before,
        "feeling_after": record.feeling_after,
        "ended_at": record.ended_at.isoformat(timespec="seconds") if record.ended_at else None,
        "session_id": record.id,
        "stop_reason": record.stop_reason,
        "stretch_seconds": record.stretch_seconds,
    }


def write_csv(records: Iterable[SessionRecord], out: TextIO) -> int:
    import csv  # not at import: the `stretchapp` command loads this module on every start

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    n = 0
    for record in records:
        values = record_fields(record)
        writer.writerow(["" if values[f] is None else _cell(values[f]) for f in FIELDS])
        n += 1
    return n


def _cell(value: Any) -> Any:
    """A CSV cell: formulas neutralised (OWASP) and a lone carriage return made a newline, so
    the cell is quoted and cannot end the row."""
    if isinstance(value, str):
        value = value.replace("\r\n", "\n")
        from stretchapp.core.exports import spreadsheet_safe

        safe = spreadsheet_safe(value)
        return safe[:1] + safe[1:].replace("\r", "\n")
    return value


def write_json_lines(records: Iterable[SessionRecord], out: TextIO) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record_fields(record), ensure_ascii=False) + "\n")
        n += 1
    return n


def feeling_text(record: SessionRecord) -> str:
    before, after = record.feeling_before, record.feeling_after
    if before is None and after is None:
        return ""
    return f"{'–' if before is None else before} → {'–' if after is None else after}"


def _say(out: TextIO, text: str) -> None:
    out.write(text + "\n")


def _days(n: int) -> str:
    return ngettext("{count} day", "{count} days", n).format(count=i18n.format_number(n))


def _sessions(n: int) -> str:
    return ngettext("{count} session", "{count} sessions", n).format(count=i18n.format_number(n))


def _started(record: SessionRecord) -> str:
    when = record.started_at
    return f"{i18n.format_date(when.date(), 'short')} {i18n.format_time(when)}"


def status_text(record: SessionRecord) -> str:
    from stretchapp.core import report

    return report.status_text(record)


def print_overview(store: HistoryStore, out: TextIO, db_path: str) -> None:
    from stretchapp.core import present
    from stretchapp.core import shown_names as names

    summary = store.summary()
    total = store.count()
    if total == 0:
        _say(
            out,
            _("No sessions yet. Start one with `stretchapp` (Daily back care is a good first)."),
        )
        return
    _say(
        out,
        _("Current streak: {current} (longest: {longest})").format(
            current=_days(summary.current_streak), longest=_days(summary.longest_streak)
        ),
    )
    labels = [_("This week:"), _("This month:"), _("All time:")]
    width = max(12, *(len(label) + 1 for label in labels))
    for label, totals in zip(labels, (summary.week, summary.month, summary.all_time), strict=True):
        times = present.time_split(totals.stretch_seconds, totals.active_seconds, sessions=True)
        _say(out, f"{label:<{width}}{_sessions(totals.sessions)}, {times}")
    note = present.unknown_stretch_note(summary.all_time.stretch_unknown)
    if note:
        _say(out, note)
    _say(out, "")
    header = (
        pgettext("column heading", "STARTED"),
        pgettext("column heading", "ROUTINE"),
        pgettext("column heading", "TIME"),
        pgettext("column heading", "DONE"),
        pgettext("column heading", "SKIPPED"),
        pgettext("column heading", "STATUS"),
        pgettext("column heading", "FEELING"),
    )
    rows = [
        (
            _started(r),
            names.routine_name(r.routine_id, r.routine_name),
            present.stretch_of_session(r.stretch_seconds, r.active_seconds),
            str(r.done),
            str(r.skipped),
            status_text(r),
            feeling_text(r),
        )
        for r in store.sessions(0, LATEST)
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        _say(out, "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    shown = len(rows)
    _say(
        out,
        "\n"
        + ngettext(
            "The latest {shown} of {count} session.",
            "The latest {shown} of {count} sessions.",
            total,
        ).format(shown=shown, count=i18n.format_number(total))
        + " "
        + _("`stretchapp history --csv` or `--json` prints them all."),
    )
    _say(out, _("History file: {path}").format(path=db_path))


def _name_from_library(paths: Paths) -> None:
    """Bundled routines named as the window names them now, in the person's language (the
    CSV and JSON keep the names as recorded)."""
    from stretchapp.core import shown_names
    from stretchapp.core.routines import load_library

    library = load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)
    shown_names.use_library(library)


def run(args: argparse.Namespace, paths: Paths) -> int:
    """Run `stretchapp history`; returns the exit status."""
    from stretchapp.core.history import HistoryStore

    out = sys.stdout
    if out is None:  # a build with no console (Windows' windowed program): nowhere to write
        return 0
    store, notice = HistoryStore.open_existing_or_empty(paths.history_db)
    if notice and sys.stderr is not None:
        _say(sys.stderr, f"stretchapp: {notice}")
    machine_readable = getattr(args, "csv", False) or getattr(args, "json", False)
    if machine_readable and not out.isatty() and isinstance(out, io.TextIOWrapper):
        # Into a file or another program: UTF-8, whatever the system's code page (Windows
        # would write cp1252 there, and fail on any name it cannot hold).
        out.reconfigure(encoding="utf-8")
    try:
        if getattr(args, "csv", False):
            write_csv(store.export_rows(), out)
        elif getattr(args, "json", False):
            write_json_lines(store.export_rows(), out)
        else:
            if store.count():  # the table names bundled routines as the window does
                _name_from_library(paths)
            print_overview(store, out, str(paths.history_db))
        out.flush()
    except BrokenPipeError:
        # `stretchapp history --csv | head`: the reader has all it wanted.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        return 0
    finally:
        store.close()
    return 0
