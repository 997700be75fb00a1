"""History, the report and `stretchapp history` name bundled routines and stretches as the
library does now (in the person's language); a person's own routine keeps its recorded name."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from stretchapp.core import i18n, shown_names
from stretchapp.core.history import HistoryStore, Status
from stretchapp.core.paths import Paths
from stretchapp.core.report import report_model
from stretchapp.core.routines import load_library


def test_bundled_names_follow_the_language_own_names_stay(paths: Paths) -> None:
    i18n.activate("de")
    library = load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)
    shown_names.use_library(library)
    assert shown_names.routine_name("daily-back-care", "Daily back care") != "Daily back care"
    assert shown_names.stretch_name("childs-pose", "Child's pose") == "Kindhaltung"
    assert shown_names.routine_name("my-own", "Meine Runde") == "Meine Runde"
    shown_names.forget()
    assert shown_names.stretch_name("childs-pose", "Child's pose") == "Child's pose"


def test_the_report_names_a_session_recorded_in_english_in_german(paths: Paths) -> None:
    store = HistoryStore.in_memory()
    start = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    outcomes = [(0, "childs-pose", "Child's pose", None, "skipped")]
    for day in range(3):
        store.add_session(
            start + timedelta(days=day),
            "daily-back-care",
            "Daily back care",
            status=Status.COMPLETED,
            active_seconds=300,
            done=4,
            skipped=1,
            outcomes=outcomes,
        )
    i18n.activate("de")
    library = load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)
    shown_names.use_library(library)
    german = library.routine("daily-back-care")
    assert german is not None
    model = report_model(
        store, start.date(), start.date() + timedelta(days=6), generated=start + timedelta(days=7)
    )
    tables = [t for t in (model.routines, model.skipped, model.sessions) if t is not None]
    assert len(tables) == 3
    cells = [cell for table in tables for row in table.rows for cell in row]
    assert german.name in cells and "Daily back care" not in cells
    assert "Kindhaltung" in cells and "Child's pose" not in cells
