"""The clinician's report's figures and words, worked out without a display (core/report.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from stretchapp.core.history import HistoryStore, PainPoint, Status
from stretchapp.core.paths import Paths
from stretchapp.core.report import SESSIONS_LISTED, nice_top, pain_chart, report_model

NOV = (date(2026, 11, 2), date(2026, 11, 29))  # four whole weeks, Monday to Sunday
MADE = datetime(2026, 11, 30, 9, tzinfo=UTC)


@pytest.fixture
def store(paths: Paths) -> HistoryStore:
    s, notice = HistoryStore.open(paths.history_db)
    assert notice is None
    return s


def session(store: HistoryStore, day: int, **kw: object) -> None:
    store.add_session(
        datetime(2026, 11, day, 12, tzinfo=UTC),
        str(kw.pop("routine_id", "daily-back-care")),
        str(kw.pop("routine_name", "Daily back care")),
        **kw,  # type: ignore[arg-type]
    )


def test_an_empty_period_says_so(store: HistoryStore) -> None:
    model = report_model(store, *NOV, generated=MADE)
    assert model.period == "2 Nov 2026 – 29 Nov 2026 (28 days) · made 30 Nov 2026"
    assert [t.value for t in model.tiles] == ["0", "0 s", "0", "0 days"]
    assert model.pain_line == "No check-ins in this period." and model.pain == ()
    assert model.routines is None and model.skipped is None and model.sessions is None
    assert model.stop_line == "" and model.advice == ""
    assert model.week_scale_top == 10


def test_every_figure_the_pdf_draws(store: HistoryStore) -> None:
    session(
        store, 3, active_seconds=600, stretch_seconds=400, done=5, feeling_before=6, feeling_after=2
    )
    session(store, 4, active_seconds=1200, stretch_seconds=800, done=5, feeling_before=4)
    session(
        store,
        10,
        active_seconds=300,
        stretch_seconds=130,
        done=1,
        skipped=2,
        status=Status.STOPPED,
        stop_reason="pain",
        routine_id="desk-break",
        routine_name="Desk break",
        outcomes=[(0, "cat-cow", "Cat-cow", None, "skipped")],
    )
    session(store, 30, active_seconds=900)  # after the period: not counted
    model = report_model(store, *NOV, title="For my physio", generated=MADE)
    assert model.title == "For my physio"
    sessions, time, days, streak = model.tiles
    assert (sessions.value, sessions.note) == ("3", "2 completed, 1 stopped")
    assert (time.value, time.label, time.note) == (
        "22 min",
        "time stretching",
        "of 35 min in sessions",
    )
    assert model.time_note == ""
    assert (days.value, days.label, days.note) == ("3", "days stretched of 28", "about 0.8 a week")
    assert streak.value == "2 days"
    assert [(w.label, w.value) for w in model.weeks] == [
        ("2 Nov", "30"),
        ("9 Nov", "5"),
        ("16 Nov", "0"),
        ("23 Nov", "0"),
    ]
    assert model.week_scale_top == 30
    assert model.pain_line == (
        "1 session with both check-ins: on average 6.0 before and 2.0 after"
        " (0 = no pain, 10 = worst). 1 session with only one check-in not counted in these"
        " averages."
    )
    assert model.stop_line == "Stopped sessions, by the reason given: pain 1."
    assert model.routines is not None
    assert model.routines.rows == (("Daily back care", "2", "30 min"), ("Desk break", "1", "5 min"))
    assert model.skipped is not None and model.skipped.rows == (("Cat-cow", "1 (100%)", "1"),)
    assert model.sessions is not None and model.sessions_heading == "Sessions"
    latest = model.sessions.rows[0]
    assert model.sessions.header[2] == "Stretching"
    assert latest[1:] == ("Desk break", "2 min 10 s of 5 min", "1", "2", "stopped: pain", "")
    assert model.sessions.rows[-1][-1] == "6 → 2"


def test_only_the_latest_sessions_are_listed(store: HistoryStore) -> None:
    store.add_sessions(
        (datetime(2026, 11, 5, 8, tzinfo=UTC), "d", "D", Status.COMPLETED, 60, 1, 0, None, None, [])
        for _ in range(SESSIONS_LISTED + 1)
    )
    model = report_model(store, *NOV, generated=MADE)
    assert model.sessions is not None and len(model.sessions.rows) == SESSIONS_LISTED
    assert model.sessions_heading == "Sessions (the latest 400 of 401)"


def test_minutes_per_day_scale_is_in_proportion() -> None:

    assert nice_top(0.1) == 10  # six seconds: a sliver under a 10-minute top, not a full bar
    assert nice_top(10) == 10 and nice_top(14) == 20 and nice_top(25) == 30
    assert nice_top(200) == 240 and nice_top(250) == 300
    for minutes in (1, 7, 15, 33, 61, 95, 500):
        top = nice_top(minutes)
        assert top >= max(minutes, 10) and top % 2 == 0  # the middle line is a whole number


def test_before_and_after_are_paired_within_sessions(store: HistoryStore) -> None:
    """Issue 14: "before 7.0, after 4.5" averaged different sessions; paired it is 6.5 → 4.5."""
    session(store, 3, feeling_before=8)  # no after: not in the comparison
    session(store, 4, feeling_before=7, feeling_after=5)
    session(store, 5, feeling_before=6, feeling_after=4)
    session(store, 6, feeling_after=3)  # no before
    line = report_model(store, *NOV, generated=MADE).pain_line
    assert line.startswith("2 sessions with both check-ins: on average 6.5 before and 4.5 after")
    assert "2 sessions with only one check-in not counted" in line


def test_a_whole_year_of_check_ins_is_charted_as_weekly_medians(store: HistoryStore) -> None:
    year = (date(2026, 1, 1), date(2026, 12, 31))
    store.add_sessions(
        (
            datetime(2026, 1, 1, 8, tzinfo=UTC) + timedelta(days=d),
            "d",
            "D",
            Status.COMPLETED,
            600,
            3,
            0,
            6 if d < 180 else 4,
            3,
            [],
        )
        for d in range(365)
    )
    model = report_model(store, *year, generated=MADE)
    assert len(model.pain) == 53  # every week of the year, none silently dropped
    assert model.pain[0].at < 0.01 and model.pain[-1].at > 0.99
    assert model.pain[0].before == 6 and model.pain[-1].before == 4
    assert "365 check-ins in 53 weeks" in model.pain_note
    labels = [t.label for t in model.pain_ticks]
    assert labels == ["Jan 2026", "Mar 2026", "May 2026", "Jul 2026", "Sept 2026", "Nov 2026"]
    assert all(0 <= t.at < 1 for t in model.pain_ticks)


def test_a_short_period_charts_every_check_in_at_its_date(store: HistoryStore) -> None:
    session(store, 2, feeling_before=5, feeling_after=3)
    session(store, 29, feeling_before=4, feeling_after=2)
    model = report_model(store, *NOV, generated=MADE)
    assert [(round(m.at, 2), m.before, m.after) for m in model.pain] == [
        (0.02, 5, 3),
        (0.98, 4, 2),
    ]
    assert [t.label for t in model.pain_ticks] == ["2 Nov", "9 Nov", "16 Nov", "23 Nov"]


def test_partial_weeks_are_marked_and_explained(store: HistoryStore) -> None:
    model = report_model(store, date(2026, 11, 4), date(2026, 11, 26), generated=MADE)
    assert [w.partial for w in model.weeks] == [True, False, False, True]
    assert "first starts 4 Nov" in model.week_note and "last ends 26 Nov" in model.week_note
    assert report_model(store, *NOV, generated=MADE).week_note == ""


def test_long_periods_label_months_with_their_year(store: HistoryStore) -> None:
    model = report_model(store, date(2025, 12, 1), date(2026, 11, 29), generated=MADE)
    labels = [t.label for t in model.week_ticks]
    assert labels[:2] == ["Dec 2025", "Feb 2026"] and len(labels) <= 8


def test_numbers_have_thousands_separators_and_the_app_s_status_words(
    store: HistoryStore,
) -> None:
    store.add_sessions(
        (datetime(2026, 11, 5, 8, tzinfo=UTC), "d", "D", status, 3600, 1, 0, None, None, [])
        for status in [Status.COMPLETED] * 1200 + [Status.INTERRUPTED] * 2
    )
    model = report_model(store, *NOV, generated=MADE)
    sessions, time, _days, _streak = model.tiles
    assert sessions.value == "1,202"
    assert sessions.note == "1,200 completed, 2 interrupted"  # the History's word, not "cut off"
    assert time.value == "–"  # recorded without stretch time: unknown, not 0
    assert time.note == "of 1,202 h 00 min in sessions"
    assert model.routines is not None and model.routines.rows[0][1] == "1,202"


def test_the_person_and_the_period_head_every_page(store: HistoryStore) -> None:
    model = report_model(store, *NOV, person="  Ada   Lovelace ", generated=MADE)
    assert model.person == "Ada Lovelace"
    assert model.running_head == "Ada Lovelace · 2 Nov 2026 – 29 Nov 2026"
    assert report_model(store, *NOV, generated=MADE).running_head == "2 Nov 2026 – 29 Nov 2026"


def test_a_week_s_pain_chart_names_every_day(store: HistoryStore) -> None:
    model = report_model(store, date(2026, 11, 23), date(2026, 11, 29), generated=MADE)
    assert [t.label for t in model.pain_ticks][:2] == ["23 Nov", "24 Nov"]
    assert len(model.pain_ticks) == 7


def test_time_stretching_and_time_in_sessions_are_apart(store: HistoryStore) -> None:
    """Time in the stretches, beside time in the sessions (get-ready and rests included,
    pauses in neither); sessions without stretch time are left out of it, and said so
    (issue 14, item 6)."""
    session(store, 3, active_seconds=600, stretch_seconds=400)
    session(store, 4, active_seconds=1200)  # recorded before stretch time was kept
    model = report_model(store, *NOV, generated=MADE)
    time = model.tiles[1]
    assert (time.value, time.label, time.note) == (
        "7 min",
        "time stretching",
        "of 30 min in sessions",
    )
    assert "1 earlier session" in model.time_note
    assert model.sessions is not None
    assert [row[2] for row in model.sessions.rows] == ["– of 20 min", "6 min 40 s of 10 min"]


def test_a_period_longer_than_the_history_starts_at_its_first_session(
    store: HistoryStore,
) -> None:
    """ "The last 3 months" of a history kept since 9 Nov, stretched almost daily, read "22
    days stretched of 91, about 1.7 a week": the days count from the first session."""
    for day in range(9, 30):
        session(store, day, active_seconds=300, done=3)
    model = report_model(store, date(2026, 8, 31), NOV[1], generated=MADE)
    assert model.period == "9 Nov 2026 – 29 Nov 2026 (21 days) · made 30 Nov 2026"
    days = model.tiles[2]
    assert (days.value, days.label) == ("21", "days stretched of 21")
    assert days.note == "about 7.0 a week"
    # A period after the first session keeps its own start.
    later = report_model(store, date(2026, 11, 16), NOV[1], generated=MADE)
    assert later.period.startswith("16 Nov 2026")


def test_the_pain_chart_places_check_ins_at_their_moments() -> None:
    """The history page's chart runs from the first check-in's day to today: each check-in
    sits at its moment, so a week without one shows as a gap."""
    first = datetime(2026, 11, 2, 6).astimezone()
    points = [
        PainPoint(1, first, 6, 4),
        PainPoint(2, first + timedelta(hours=12), 5, 3),  # the same day, at 18:00
        PainPoint(3, first + timedelta(days=7), None, 2),
    ]
    marks, ticks = pain_chart(points, date(2026, 11, 10))
    days = 9  # 2 to 10 November
    assert [m.at for m in marks] == pytest.approx([0.25 / days, 0.75 / days, 7.25 / days])
    assert (marks[2].before, marks[2].after) == (None, 2)
    assert (ticks[0].label, ticks[-1].label) == ("2 Nov", "10 Nov")
    assert pain_chart([], date(2026, 11, 10)) == ((), ())
