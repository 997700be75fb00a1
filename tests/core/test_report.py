"""The clinician's report's figures and words, worked out without a display (core/report.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from stretchapp.core.history import HistoryStore, Status
from stretchapp.core.paths import Paths
from stretchapp.core.report import SESSIONS_LISTED, nice_top, report_model

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
    session(store, 3, active_seconds=600, done=5, feeling_before=6, feeling_after=2)
    session(store, 4, active_seconds=1200, done=5, feeling_before=4, feeling_after=None)
    session(
        store,
        10,
        active_seconds=300,
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
    assert time.value == "35 min"
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
        "2 check-ins, average before a session 5.0, after 2.0 (0 = no pain, 10 = worst)."
    )
    assert model.stop_line == "Stopped sessions, by the reason given: pain 1."
    assert model.routines is not None
    assert model.routines.rows == (("Daily back care", "2", "30 min"), ("Desk break", "1", "5 min"))
    assert model.skipped is not None and model.skipped.rows == (("Cat-cow", "1 (100 %)", "1"),)
    assert model.sessions is not None and model.sessions_heading == "Sessions"
    latest = model.sessions.rows[0]
    assert latest[1:] == ("Desk break", "5 min", "1", "2", "stopped: pain", "")
    assert model.sessions.rows[-1][-1] == "6 → 2"


def test_only_the_latest_sessions_are_listed(store: HistoryStore) -> None:
    store.add_sessions(
        (datetime(2026, 11, 5, 8, tzinfo=UTC), "d", "D", Status.COMPLETED, 60, 1, 0, None, None, [])
        for _ in range(SESSIONS_LISTED + 1)
    )
    model = report_model(store, *NOV, generated=MADE)
    assert model.sessions is not None and len(model.sessions.rows) == SESSIONS_LISTED
    assert model.sessions_heading == f"Sessions (the latest {SESSIONS_LISTED})"


def test_minutes_per_day_scale_is_in_proportion() -> None:

    assert nice_top(0.1) == 10  # six seconds: a sliver under a 10-minute top, not a full bar
    assert nice_top(10) == 10 and nice_top(14) == 20 and nice_top(25) == 30
    assert nice_top(200) == 240 and nice_top(250) == 300
    for minutes in (1, 7, 15, 33, 61, 95, 500):
        top = nice_top(minutes)
        assert top >= max(minutes, 10) and top % 2 == 0  # the middle line is a whole number
