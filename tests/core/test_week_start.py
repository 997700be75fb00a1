"""History's "This week" starts on the first day of the week where the person lives."""

from __future__ import annotations

from datetime import UTC, datetime

from stretchapp.core import i18n
from stretchapp.core.history import HistoryStore


def test_this_week_starts_where_the_locale_starts_it() -> None:
    """Sunday in the United States, Monday in Germany (Wednesday 4 Nov 2026, a session on
    Sunday 1 Nov)."""
    store = HistoryStore.in_memory()
    sunday = datetime(2026, 11, 1, 10, 0, tzinfo=UTC)
    store.add_session(sunday, "desk-break", "Desk break", active_seconds=60, done=1)
    wednesday = datetime(2026, 11, 4, 12, 0, tzinfo=UTC)
    i18n.activate("system", {"LANG": "en_US.UTF-8"})
    assert store.summary(wednesday, UTC).week.sessions == 1
    i18n.activate("de")
    assert store.summary(wednesday, UTC).week.sessions == 0
    assert store.summary(wednesday, UTC, first_weekday=6).week.sessions == 1
