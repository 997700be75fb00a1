"""The clinician's report as figures and words: everything the PDF shows, worked out here.

`report_model(store, start, end)` reads the history once and returns a `ReportModel`; the PDF
writer (ui/history/report.py) only lays it out and draws it. No Qt; tested without a display.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from stretchapp.core import checkin
from stretchapp.core.i18n import N_, _
from stretchapp.core.present import format_duration

if TYPE_CHECKING:  # the history store (and sqlite3) only when a report is made: the command
    # line imports status_text at start-up
    from stretchapp.core.history import HistoryStore, PainPoint, Report, SessionRecord

SESSIONS_LISTED = 400  # the report's last pages list at most this many sessions
PAIN_POINTS = 120  # the latest check-ins drawn in the pain chart

STATUS_WORDS = {
    "running": N_("in progress"),
    "completed": N_("completed"),
    "stopped": N_("stopped"),
    "interrupted": N_("interrupted"),
}


@dataclass(frozen=True)
class Tile:
    value: str  # "12"
    label: str  # "sessions"
    note: str  # "10 completed, 2 stopped"


@dataclass(frozen=True)
class WeekBar:
    label: str  # the week's Monday, "3 Nov"
    minutes: float
    value: str  # the minutes as written above the bar


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ReportModel:
    """Every figure and sentence of the report, in the order the PDF shows them."""

    figures: Report
    title: str
    period: str
    tiles: tuple[Tile, ...]
    weeks: tuple[WeekBar, ...]
    week_scale_top: int  # minutes at the top of the weekly chart
    pain_line: str  # the check-ins summed up, or that there were none
    pain: tuple[PainPoint, ...]  # the latest check-ins, oldest first
    stop_line: str  # "" when nothing was stopped with a reason
    advice: str  # the suggestion to contact the clinic, or ""
    routines: Table | None
    skipped: Table | None
    sessions_heading: str
    sessions: Table | None


def day_text(d: date) -> str:
    return f"{d.day} {d:%b}"


def day_year_text(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def feeling_text(record: SessionRecord) -> str:
    """'6 → 3', '– → 3', or "" when neither check-in was answered."""
    before, after = record.feeling_before, record.feeling_after
    if before is None and after is None:
        return ""
    return f"{'–' if before is None else before} → {'–' if after is None else after}"


def status_text(record: SessionRecord) -> str:
    """ "completed", or "stopped: pain" when the person said why they stopped (in the
    active language, as the command line and the history table say it)."""
    words = _(STATUS_WORDS[record.status])
    reason = checkin.stop_reason_text(record.stop_reason)
    return _("{status}: {reason}").format(status=words, reason=reason) if reason else words


def nice_top(minutes: float) -> int:
    """A chart's top in minutes: the next round number at or above `minutes`, at least 10.

    Every top halves to a whole number, so the middle grid line reads true (no "8" for 7.5).
    """
    for top in (10, 20, 30, 40, 60, 90, 120, 180, 240):
        if minutes <= top:
            return top
    return -int(-minutes // 60) * 60  # whole hours above four


def status_line(r: Report) -> str:
    parts = [f"{r.completed:,} completed"]
    if r.stopped:
        parts.append(f"{r.stopped:,} stopped")
    if r.interrupted:
        parts.append(f"{r.interrupted:,} cut off")
    return ", ".join(parts)


def per_week(r: Report) -> str:
    weeks = max(r.days / 7, 1)
    return f"about {r.days_stretched / weeks:.1f} a week"


def pain_line(pain: list[PainPoint]) -> str:
    if not pain:
        return "No check-ins in this period."
    befores = [x.before for x in pain if x.before is not None]
    afters = [x.after for x in pain if x.after is not None]
    parts = [plural(len(pain), "check-in")]
    if befores:
        parts.append(f"average before a session {sum(befores) / len(befores):.1f}")
    if afters:
        parts.append(f"after {sum(afters) / len(afters):.1f}")
    return ", ".join(parts) + " (0 = no pain, 10 = worst)."


def stop_line(stop_reasons: dict[str, int]) -> str:
    """The stopped sessions by reason, most first (a stop for pain first among equals)."""
    if not stop_reasons:
        return ""
    said = ", ".join(
        f"{checkin.stop_reason_text(reason)} {n:,}"
        for reason, n in sorted(stop_reasons.items(), key=lambda kv: (-kv[1], kv[0] != "pain"))
    )
    return f"Stopped sessions, by the reason given: {said}."


def _tiles(r: Report) -> tuple[Tile, ...]:
    return (
        Tile(f"{r.sessions:,}", "sessions", status_line(r)),
        Tile(format_duration(r.active_seconds), "time stretching", "pauses not counted"),
        Tile(f"{r.days_stretched}", f"days stretched of {r.days}", per_week(r)),
        Tile(plural(r.longest_streak, "day"), "longest streak", "days in a row"),
    )


def _weeks(r: Report) -> tuple[WeekBar, ...]:
    return tuple(
        WeekBar(day_text(w.day), w.active_seconds / 60, str(round(w.active_seconds / 60)))
        for w in r.weeks
    )


def _routines(r: Report) -> Table | None:
    if not r.routines:
        return None
    return Table(
        ("Routine", "Sessions", "Time"),
        tuple(
            (u.routine_name, f"{u.sessions:,}", format_duration(u.active_seconds))
            for u in r.routines
        ),
    )


def _skipped(r: Report) -> Table | None:
    if not r.often_skipped:
        return None
    return Table(
        ("Stretch", "Skipped", "Of"),
        tuple(
            (
                s.stretch_name,
                f"{s.skipped:,} ({round(100 * s.skipped / s.attempts)} %)",
                f"{s.attempts:,}",
            )
            for s in r.often_skipped
        ),
    )


def _sessions(records: list[SessionRecord]) -> Table | None:
    if not records:
        return None
    return Table(
        ("Date", "Routine", "Time", "Done", "Skipped", "Status", "Feeling"),
        tuple(
            (
                f"{s.started_at:%a} {s.started_at.day} {s.started_at:%b %Y %H:%M}",
                s.routine_name,
                format_duration(s.active_seconds),
                str(s.done),
                str(s.skipped),
                status_text(s),
                feeling_text(s),
            )
            for s in records
        ),
    )


def report_model(
    store: HistoryStore,
    start: date,
    end: date,
    *,
    title: str = "Stretching report",
    generated: datetime,
) -> ReportModel:
    """The report for local dates start..end (inclusive), made at `generated`."""
    from stretchapp.core.history import SessionFilter, SortColumn

    r = store.report(start, end)
    records = store.sessions(
        0,
        SESSIONS_LISTED,
        SortColumn.STARTED,
        descending=True,
        filters=SessionFilter(None, r.start, r.end),
    )
    peak = max((w.active_seconds for w in r.weeks), default=0) / 60
    more = r.sessions > SESSIONS_LISTED
    return ReportModel(
        figures=r,
        title=title,
        period=f"{day_year_text(r.start)} – {day_year_text(r.end)} ({plural(r.days, 'day')})"
        f" · made {day_year_text(generated.date())}",
        tiles=_tiles(r),
        weeks=_weeks(r),
        week_scale_top=nice_top(max(peak, 1)),
        pain_line=pain_line(r.pain),
        pain=tuple(r.pain[-PAIN_POINTS:]),
        stop_line=stop_line(r.stop_reasons),
        advice=checkin.pattern_text(store.responses(r.start, r.end, limit=checkin.PATTERN_OF)),
        routines=_routines(r),
        skipped=_skipped(r),
        sessions_heading="Sessions" + (f" (the latest {SESSIONS_LISTED})" if more else ""),
        sessions=_sessions(records),
    )
