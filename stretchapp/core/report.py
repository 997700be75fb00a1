"""The clinician's report as figures and words: everything the PDF shows, worked out here.

`report_model(store, start, end)` reads the history once and returns a `ReportModel`; the PDF
writer (ui/history/report.py) only lays it out and draws it. No Qt; tested without a display.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from stretchapp.core import checkin, i18n, present, shown_names
from stretchapp.core.i18n import N_, _, format_duration, format_number, ngettext, pgettext

if TYPE_CHECKING:  # the history store (and sqlite3) only when a report is made: the command
    # line imports status_text at start-up
    from stretchapp.core.history import HistoryStore, PainPoint, Report, SessionRecord

SESSIONS_LISTED = 400  # the report's last pages list at most this many sessions
PAIN_POINTS = 60  # more check-ins than this, or a period over WEEKLY_AFTER days: weekly medians
WEEKLY_AFTER = 91  # days
MAX_TICKS = 8  # date labels under a chart at most (each about 50 px wide on A4)

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
    partial: bool = False  # the week runs past the start or the end of the period


@dataclass(frozen=True)
class Tick:
    at: float  # 0 (the chart's left) to 1 (its right)
    label: str  # "3 Nov", or "Jan 2027" on long periods


@dataclass(frozen=True)
class PainMark:
    """One check-in, or a week's medians, placed along the period."""

    at: float  # 0 (the period's first day) to 1 (the end of its last)
    before: float | None
    after: float | None


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()  # the columns of figures, set flush right


@dataclass(frozen=True)
class ReportModel:
    """Every figure and sentence of the report, in the order the PDF shows them."""

    figures: Report
    title: str
    person: str  # the name the person gave, or ""
    period: str
    running_head: str  # on every page: "Jane Doe · 2 Nov 2026 – 29 Nov 2026"
    tiles: tuple[Tile, ...]
    weeks: tuple[WeekBar, ...]
    week_ticks: tuple[Tick, ...]  # where each label goes under the weekly chart
    week_note: str  # partial weeks explained, or ""
    time_note: str  # sessions left out of the time stretching (recorded before it was kept), or ""
    week_scale_top: int  # minutes at the top of the weekly chart
    pain_line: str  # the paired check-ins summed up, or that there were none
    pain: tuple[PainMark, ...]  # every check-in of the period (weekly medians when many)
    pain_ticks: tuple[Tick, ...]
    pain_note: str  # what a dot of the pain chart stands for
    stop_line: str  # "" when nothing was stopped with a reason
    advice: str  # the suggestion to contact the clinic, or ""
    routines: Table | None
    skipped: Table | None
    sessions_heading: str
    sessions: Table | None


def _skeleton(d: date, skeleton: str) -> str:
    """A date in the locale's own order and words for the fields of `skeleton` (CLDR)."""
    from babel import dates as babel_dates

    return str(babel_dates.format_skeleton(skeleton, d, locale=i18n.active().locale))


def day_text(d: date) -> str:
    """'3 Nov', '3. Nov.', 'Nov 3'."""
    return _skeleton(d, "MMMd")


def day_year_text(d: date) -> str:
    """'3 Nov 2026', '03.11.2026', 'Nov 3, 2026'."""
    return i18n.format_date(d, "medium")


def month_text(d: date) -> str:
    """'Nov 2026', 'Nov. 2026'."""
    return _skeleton(d, "yMMM")


def date_time_text(moment: datetime) -> str:
    """A session's start with its weekday: 'Sun, 29 Nov 2026, 18:05' (in German
    'So., 29. Nov. 2026, 18:05')."""
    pattern = str(i18n.active().locale.datetime_formats["medium"])
    day = _skeleton(moment.date(), "yMMMEd")
    return pattern.replace("{1}", day).replace("{0}", i18n.format_time(moment))


def list_date_time(moment: datetime) -> str:
    """A session's start in a list: '30 Sept 2026, 07:18', '30.09.2026, 07:18'."""
    pattern = str(i18n.active().locale.datetime_formats["medium"])
    return pattern.replace("{1}", day_year_text(moment.date())).replace(
        "{0}", i18n.format_time(moment)
    )


def days_text(n: int) -> str:
    """'1 day', '12 days', '1.234 Tage'."""
    return ngettext("{count} day", "{count} days", n).format(count=number(n))


def sessions_text(n: int) -> str:
    return ngettext("{count} session", "{count} sessions", n).format(count=number(n))


def percent(fraction: float) -> str:
    """'40%', '40 %', as the locale writes a share."""
    from babel import numbers as babel_numbers

    return babel_numbers.format_percent(fraction, locale=i18n.active().locale)


def number(n: float, decimals: int | None = None) -> str:
    return format_number(n, decimals)


def duration(seconds: float) -> str:
    """As the app says a duration ('8 min', '1 h 05 min'), the hours with the locale's
    thousands separator ('1,202 h 00 min')."""
    minutes = round(max(0, seconds) / 60)
    if minutes < 60:
        return format_duration(seconds)
    hours, minutes = divmod(minutes, 60)
    return _("{hours} h {minutes:02d} min").format(hours=number(hours), minutes=minutes)


def feeling_text(record: SessionRecord) -> str:
    """'6 → 3', '– → 3', or "" when neither check-in was answered."""
    before, after = record.feeling_before, record.feeling_after
    if before is None and after is None:
        return ""
    return f"{'–' if before is None else before} → {'–' if after is None else after}"


def status_text(record: SessionRecord) -> str:
    """ "completed", or "stopped: pain" when the person said why they stopped (in the
    active language, as the command line and the history table say it)."""
    return status_words(record.status, record.stop_reason)


def status_words(status: str, stop_reason: str | None = None) -> str:
    """A status as `status_text` says it, from the status and the stop reason alone."""
    words = _(STATUS_WORDS[status])
    reason = checkin.stop_reason_text(stop_reason)
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
    """The sessions by status, in the words the app's History uses."""
    parts = [
        ngettext("{count} completed", "{count} completed", r.completed).format(
            count=number(r.completed)
        )
    ]
    if r.stopped:
        parts.append(
            ngettext("{count} stopped", "{count} stopped", r.stopped).format(
                count=number(r.stopped)
            )
        )
    if r.interrupted:
        parts.append(
            ngettext("{count} interrupted", "{count} interrupted", r.interrupted).format(
                count=number(r.interrupted)
            )
        )
    return ", ".join(parts)


def per_week(r: Report) -> str:
    weeks = max(r.days / 7, 1)
    return _("about {count} a week").format(count=number(r.days_stretched / weeks, 1))


def pain_line(pain: list[PainPoint]) -> str:
    """Before and after compared only where one session has both: averaging all the befores
    against all the afters would compare different sessions."""
    if not pain:
        return _("No check-ins in this period.")
    pairs = [(x.before, x.after) for x in pain if x.before is not None and x.after is not None]
    single = len(pain) - len(pairs)
    if not pairs:
        return ngettext(
            "{count} session with a check-in, none with both a before and an after, so there"
            " is no before-and-after comparison (0 = no pain, 10 = worst).",
            "{count} sessions with a check-in, none with both a before and an after, so there"
            " is no before-and-after comparison (0 = no pain, 10 = worst).",
            len(pain),
        ).format(count=number(len(pain)))
    before = sum(b for b, _a in pairs) / len(pairs)
    after = sum(a for _b, a in pairs) / len(pairs)
    said = ngettext(
        "{count} session with both check-ins: on average {before} before and {after} after"
        " (0 = no pain, 10 = worst).",
        "{count} sessions with both check-ins: on average {before} before and {after} after"
        " (0 = no pain, 10 = worst).",
        len(pairs),
    ).format(count=number(len(pairs)), before=number(before, 1), after=number(after, 1))
    if single:
        said += " " + ngettext(
            "{count} session with only one check-in not counted in these averages.",
            "{count} sessions with only one check-in not counted in these averages.",
            single,
        ).format(count=number(single))
    return said


def stop_line(stop_reasons: dict[str, int]) -> str:
    """The stopped sessions by reason, most first (a stop for pain first among equals)."""
    if not stop_reasons:
        return ""
    said = ", ".join(
        pgettext("a reason for stopping and how many sessions", "{reason} {count}").format(
            reason=checkin.stop_reason_text(reason), count=number(n)
        )
        for reason, n in sorted(stop_reasons.items(), key=lambda kv: (-kv[1], kv[0] != "pain"))
    )
    return _("Stopped sessions, by the reason given: {reasons}.").format(reasons=said)


def stretch_duration(r: Report) -> str:
    """Time in the stretches over the period; '–' when no session of it has the figure."""
    if r.sessions and r.stretch_unknown == r.sessions:
        return present.UNKNOWN
    return duration(r.stretch_seconds)


def _tiles(r: Report) -> tuple[Tile, ...]:
    return (
        Tile(
            number(r.sessions),
            ngettext("session", "sessions", r.sessions),
            status_line(r),
        ),
        Tile(
            stretch_duration(r),
            _("time stretching"),
            _("of {duration} in sessions").format(duration=duration(r.active_seconds)),
        ),
        Tile(
            number(r.days_stretched),
            ngettext(
                "day stretched of {days}", "days stretched of {days}", r.days_stretched
            ).format(days=number(r.days)),
            per_week(r),
        ),
        Tile(days_text(r.longest_streak), _("longest streak"), _("days in a row")),
    )


def _weeks(r: Report) -> tuple[WeekBar, ...]:
    return tuple(
        WeekBar(
            day_text(w.day),
            w.active_seconds / 60,
            number(round(w.active_seconds / 60)),
            partial=w.day < r.start or w.day + timedelta(days=6) > r.end,
        )
        for w in r.weeks
    )


def _week_ticks(r: Report) -> tuple[Tick, ...]:
    """Under each bar its Monday while they fit; on long periods the first week of each month,
    named with its year ("Jan 2027"), thinned to at most MAX_TICKS."""
    n = len(r.weeks)
    if not n:
        return ()
    if n <= MAX_TICKS:
        return tuple(Tick((i + 0.5) / n, day_text(w.day)) for i, w in enumerate(r.weeks))
    firsts = [
        i
        for i, w in enumerate(r.weeks)
        if i == 0 or (w.day + timedelta(days=6)).month != (r.weeks[i - 1].day + timedelta(6)).month
    ]
    step = -(-len(firsts) // MAX_TICKS)
    return tuple(
        Tick((i + 0.5) / n, month_text(r.weeks[i].day + timedelta(days=6))) for i in firsts[::step]
    )


def _week_note(r: Report) -> str:
    first = bool(r.weeks) and r.weeks[0].day < r.start
    last = bool(r.weeks) and r.weeks[-1].day + timedelta(days=6) > r.end
    start, end = day_text(r.start), day_text(r.end)
    if first and last:
        return _(
            "Weeks run Monday to Sunday. Lighter bars are weeks only partly inside the period"
            " (the first starts {start} and the last ends {end}), so they count fewer days."
        ).format(start=start, end=end)
    if first:
        return _(
            "Weeks run Monday to Sunday. Lighter bars are weeks only partly inside the period"
            " (the first starts {start}), so they count fewer days."
        ).format(start=start)
    if last:
        return _(
            "Weeks run Monday to Sunday. Lighter bars are weeks only partly inside the period"
            " (the last ends {end}), so they count fewer days."
        ).format(end=end)
    return ""


def _date_ticks(start: date, end: date) -> tuple[Tick, ...]:
    """Dates along a period: Mondays on short periods, the first of each month (with its
    year) on long ones; at most MAX_TICKS, always inside the chart."""
    days = (end - start).days + 1
    if days <= WEEKLY_AFTER:
        marks = [start + timedelta(days=i) for i in range(days)]
        if days > 14:  # Mondays; every day on a week or two
            marks = [d for d in marks if d.weekday() == 0] or [start]
        step = -(-len(marks) // MAX_TICKS)
        return tuple(Tick(((d - start).days + 0.5) / days, day_text(d)) for d in marks[::step])
    firsts = [start] if start.day <= 7 else []
    d = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    while d <= end:
        firsts.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    step = -(-len(firsts) // MAX_TICKS)
    return tuple(Tick((f - start).days / days, month_text(f)) for f in firsts[::step])


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _along(moment: datetime, start: date, days: int) -> float:
    """Where a moment (at its own local time) falls along `days` days from `start`: 0 at
    the first day's midnight, 1 at the end of the last."""
    local = moment.replace(tzinfo=None)
    offset = (local - datetime.combine(start, datetime.min.time())).total_seconds()
    return min(1.0, max(0.0, offset / (days * 86400.0)))


def _pain_marks(r: Report) -> tuple[tuple[PainMark, ...], str]:
    """Every check-in at its date; on a long period or with many check-ins, each week's
    median before and after at the middle of the week's days inside the period."""
    if len(r.pain) <= PAIN_POINTS and r.days <= WEEKLY_AFTER:
        marks = tuple(
            PainMark(_along(p.started_at, r.start, r.days), p.before, p.after) for p in r.pain
        )
        return marks, _("Each dot is one session's check-in.")
    weeks: dict[date, list[PainPoint]] = {}
    for p in r.pain:
        day = p.started_at.date()
        weeks.setdefault(day - timedelta(days=day.weekday()), []).append(p)
    marks_list = []
    for monday, points in sorted(weeks.items()):
        first, last = max(monday, r.start), min(monday + timedelta(days=6), r.end)
        middle = ((first - r.start).days + (last - r.start).days + 1) / 2 / r.days
        marks_list.append(
            PainMark(
                middle,
                _median([p.before for p in points if p.before is not None]),
                _median([p.after for p in points if p.after is not None]),
            )
        )
    checkins = ngettext("{count} check-in", "{count} check-ins", len(r.pain)).format(
        count=number(len(r.pain))
    )
    weeks_text = ngettext("{count} week", "{count} weeks", len(marks_list)).format(
        count=number(len(marks_list))
    )
    return tuple(marks_list), _(
        "Each dot is the median of one week's check-ins ({checkins} in {weeks}); every"
        " check-in of the period is counted."
    ).format(checkins=checkins, weeks=weeks_text)


def _routines(r: Report) -> Table | None:
    if not r.routines:
        return None
    return Table(
        (
            pgettext("column heading", "Routine"),
            pgettext("column heading", "Sessions"),
            pgettext("column heading", "Time"),
        ),
        tuple(
            (
                shown_names.routine_name(u.routine_id, u.routine_name),
                number(u.sessions),
                duration(u.active_seconds),
            )
            for u in r.routines
        ),
        frozenset({1, 2}),
    )


def _skipped(r: Report) -> Table | None:
    if not r.often_skipped:
        return None
    return Table(
        (
            pgettext("column heading", "Stretch"),
            pgettext("column heading", "Skipped"),
            pgettext("column heading: skipped of how many times it came", "Of"),
        ),
        tuple(
            (
                shown_names.stretch_name(s.stretch_id, s.stretch_name),
                _("{count} ({share})").format(
                    count=number(s.skipped), share=percent(s.skipped / s.attempts)
                ),
                number(s.attempts),
            )
            for s in r.often_skipped
        ),
        frozenset({1, 2}),
    )


def _sessions(records: list[SessionRecord]) -> Table | None:
    if not records:
        return None
    return Table(
        session_headings(),
        tuple(
            (
                date_time_text(s.started_at),
                shown_names.routine_name(s.routine_id, s.routine_name),
                present.stretch_of_session(s.stretch_seconds, s.active_seconds),
                number(s.done),
                number(s.skipped),
                status_text(s),
                feeling_text(s),
            )
            for s in records
        ),
        frozenset({2, 3, 4}),
    )


def session_headings() -> tuple[str, ...]:
    """The headings of a list of sessions (the report's last pages, the history table)."""
    return (
        pgettext("column heading", "Date"),
        pgettext("column heading", "Routine"),
        pgettext("column heading", "Stretching"),
        pgettext("column heading", "Done"),
        pgettext("column heading", "Skipped"),
        pgettext("column heading", "Status"),
        pgettext("column heading", "Feeling"),
    )


def report_model(
    store: HistoryStore,
    start: date,
    end: date,
    *,
    title: str | None = None,
    person: str = "",
    generated: datetime,
) -> ReportModel:
    """The report for local dates start..end (inclusive), made at `generated`, for `person`
    (a name, or "" when none was given)."""
    from stretchapp.core.history import SessionFilter, SortColumn

    # A period that begins before the history does ("the last 3 months" of a history kept
    # since 9 Nov) starts in the week of its first session, on that Monday so the weeks stay
    # whole: counted from the period's start, "22 days stretched of 91, about 1.7 a week"
    # told a clinician of near-daily use that it was rare.
    earliest = store.sessions(0, 1, SortColumn.STARTED, descending=False)
    if earliest and start < earliest[0].local_date <= end:
        first = earliest[0].local_date
        start = max(start, first - timedelta(days=first.weekday()))
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
    person = " ".join(person.split())
    span = f"{day_year_text(r.start)} – {day_year_text(r.end)}"
    pain, pain_note = _pain_marks(r)
    return ReportModel(
        figures=r,
        title=title or _("Stretching report"),
        person=person,
        period=_("{dates} ({days}) · made {made}").format(
            dates=span, days=days_text(r.days), made=day_year_text(generated.date())
        ),
        running_head=f"{person} · {span}" if person else span,
        tiles=_tiles(r),
        weeks=_weeks(r),
        week_ticks=_week_ticks(r),
        week_note=_week_note(r),
        time_note=present.unknown_stretch_note(r.stretch_unknown),
        week_scale_top=nice_top(max(peak, 1)),
        pain_line=pain_line(r.pain),
        pain=pain,
        pain_ticks=_date_ticks(r.start, r.end),
        pain_note=pain_note if r.pain else "",
        stop_line=stop_line(r.stop_reasons),
        advice=checkin.pattern_text(store.responses(r.start, r.end, limit=checkin.PATTERN_OF)),
        routines=_routines(r),
        skipped=_skipped(r),
        sessions_heading=_("Sessions (the latest {shown} of {count})").format(
            shown=number(SESSIONS_LISTED), count=number(r.sessions)
        )
        if more
        else _("Sessions"),
        sessions=_sessions(records),
    )


def pain_chart(
    points: list[PainPoint], today: date
) -> tuple[tuple[PainMark, ...], tuple[Tick, ...]]:
    """The history page's chart of check-ins: each at its moment along the days from the
    first one's to today, so a gap of weeks looks like one, with the dates under it."""
    if not points:
        return (), ()
    start = min(points[0].started_at.date(), today)
    end = max(points[-1].started_at.date(), today)
    days = (end - start).days + 1
    marks = tuple(PainMark(_along(p.started_at, start, days), p.before, p.after) for p in points)
    return marks, _date_ticks(start, end)
