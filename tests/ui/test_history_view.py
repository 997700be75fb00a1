"""The history page and its table model, as a person sees and uses them (offscreen)."""

from __future__ import annotations

import csv
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from layout_checks import overflowing  # tests/ui/layout_checks.py
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QHeaderView,
    QLabel,
)
from pytestqt.qtbot import QtBot

from stretchapp.core.history import HistoryStore, SessionFilter, Status
from stretchapp.core.palette import DARK, LIGHT
from stretchapp.core.paths import Paths
from stretchapp.ui import theme
from stretchapp.ui.checkin import FeelingCheckIn
from stretchapp.ui.dialogs import PathDialog
from stretchapp.ui.history import PAGE_ROWS, HistoryPage, SessionTableModel


def local_now() -> datetime:
    """Now in the local zone, which the page's days follow (pinned in tests/conftest.py)."""
    return datetime.now().astimezone()


def seed(store: HistoryStore, days: int = 20, today: date | None = None) -> None:
    today = today or local_now().date()
    rows = []
    for back in range(days):
        d = today - timedelta(days=back)
        desk = back % 4 == 0
        rows.append(
            (
                datetime(d.year, d.month, d.day, 8, 0).astimezone(),
                "desk-break" if desk else "daily-back-care",
                "Desk break" if desk else "Daily back care",
                Status.STOPPED if back == 3 else Status.COMPLETED,
                300 if desk else 840,
                5,
                back % 3,
                6 if back < 10 else None,
                3 if back < 10 else None,
                [(0, "glute-bridge", "<b>Glute bridge</b>", None, "skipped")],
            )
        )
    store.add_sessions(rows)


@pytest.fixture
def store(paths: Paths) -> HistoryStore:
    s, _ = HistoryStore.open(paths.history_db)
    return s


@pytest.fixture
def page(qtbot: QtBot, store: HistoryStore) -> HistoryPage:
    seed(store)
    p = HistoryPage(store, LIGHT)
    qtbot.addWidget(p)
    p.resize(1100, 760)
    p.show()
    qtbot.waitExposed(p)
    return p


def texts(widget: object) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]  # type: ignore[attr-defined]


def test_the_page_follows_its_clock_not_the_machines(qtbot: QtBot, store: HistoryStore) -> None:
    """A page whose clock says a Wednesday 40 days ago counts the streak and the week up to
    that day (with the machine's "now" there would be no streak at all)."""
    then = (local_now() - timedelta(days=40)).replace(hour=18)
    then -= timedelta(days=then.weekday() - 2)  # that week's Wednesday
    seed(store, days=5, today=then.date())
    page = HistoryPage(store, LIGHT, now=lambda: then)
    qtbot.addWidget(page)
    page.refresh()
    assert page.streak_tile.value.text() == "5 days"
    assert page.week_tile.value.text() == "3 sessions"  # Monday to Wednesday
    assert page.days_chart.days[-1 - (6 - then.weekday())][0] == then.date()


def test_the_page_shows_the_summary_from_the_store(page: HistoryPage) -> None:
    shown = texts(page)
    assert page.streak_tile.value.text() == "20 days"
    assert page.streak_tile.note.text() == "longest: 20 days"
    assert page.all_tile.value.text() == "20 sessions"
    this_week = local_now().date().weekday() + 1  # one a day since Monday
    assert page.week_tile.value.text() == (
        "1 session" if this_week == 1 else f"{this_week} sessions"
    )
    assert "This month" in shown and "All time" in shown
    assert page.pain_card.isVisible() and len(page.pain_chart.marks) == 10
    assert len(page.days_chart.days) == 56
    assert page.stack.currentWidget() is page.scroller
    assert page.shown_label.text() == "20 sessions"


def test_all_text_is_plain(page: HistoryPage) -> None:
    for label in page.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


def test_the_empty_state_offers_the_first_routine(qtbot: QtBot, store: HistoryStore) -> None:
    p = HistoryPage(store, DARK)
    qtbot.addWidget(p)
    p.show()
    assert p.stack.currentWidget() is p.empty
    assert p.empty_title.text() == "No sessions yet — start Daily back care"
    assert not p.export_csv_button.isEnabled()
    with qtbot.waitSignal(p.start_requested) as signal:
        qtbot.mouseClick(p.start_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["daily-back-care"]


def test_the_model_passes_the_model_tester(qtbot: QtBot, store: HistoryStore) -> None:
    seed(store, days=450)
    model = SessionTableModel(store)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == 450 and model.columnCount() == 7
    model.sort(2, Qt.SortOrder.AscendingOrder)
    model.set_filters(SessionFilter(routine_id="desk-break"))
    model.refresh()


def test_the_model_fetches_pages_as_needed(store: HistoryStore) -> None:
    seed(store, days=1000)
    model = SessionTableModel(store)
    assert model.pages_fetched == 0
    first = model.index(0, 0).data()
    assert model.pages_fetched == 1
    model.index(PAGE_ROWS - 1, 1).data()
    assert model.pages_fetched == 1
    last = model.index(999, 0).data()
    assert model.pages_fetched == 2
    today = local_now().date()
    assert first.startswith(f"{today.day} {today:%b %Y}")
    assert last.startswith(f"{(today - timedelta(days=999)).day} ")
    assert len(model._pages) <= 12


def test_sorting_is_done_by_the_store(page: HistoryPage) -> None:
    model = page.model
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # time spent
    assert model.index(0, 2).data() == "– of 5 min"  # seeded without stretch time
    assert model.index(model.rowCount() - 1, 2).data() == "– of 14 min"
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 1).data() == "Desk break"
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    oldest = local_now().date() - timedelta(days=19)
    assert model.index(0, 0).data().startswith(f"{oldest.day} {oldest:%b}")


def test_filtering_by_routine_and_dates(page: HistoryPage) -> None:
    combo = page.routine_filter
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All routines",
        "Daily back care",
        "Desk break",
    ]
    combo.setCurrentIndex(2)
    assert page.model.rowCount() == 5
    assert page.shown_label.text() == "5 of 20 sessions"
    today = local_now().date()
    start = today - timedelta(days=9)
    page.from_date.setDate(QDate(start.year, start.month, start.day))
    assert page.model.rowCount() == 3  # back 0, 4 and 8
    page.to_date.setDate(QDate(today.year, today.month, today.day).addDays(-1))
    assert page.model.rowCount() == 2
    page.to_date.setDate(QDate(start.year, start.month, start.day).addDays(-1))  # before "from"
    assert page.model.rowCount() == 0
    assert page.shown_label.text() == (
        "None of your 20 sessions match these filters: Clear shows them all."
    )
    # Dates typed by hand: the period box no longer names a preset they are not.
    assert page.period_filter.currentText() == "Dates of your choice"
    page.period_filter.setCurrentIndex(1)  # Last 7 days
    assert page.period_filter.currentText() == "Last 7 days"
    assert page.period_filter.count() == 4  # the hand-chosen entry goes with it
    page.reset_filters()
    assert page.model.rowCount() == 20 and combo.currentIndex() == 0
    assert page.period_filter.currentText() == "All dates"


def test_delete_then_undo(qtbot: QtBot, page: HistoryPage) -> None:
    page.table.selectRow(0)
    assert page.delete_button.isEnabled()
    first_id = page.model.index(0, 0).data(SessionTableModel.SessionIdRole)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.store.count() == 19 and page.model.rowCount() == 19
    assert page.undo_bar.isVisible()
    assert page.undo_text.text().startswith("Deleted the Desk break session of")
    assert page.streak_tile.value.text() == "19 days"  # today's session was the one deleted
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert page.store.count() == 20 and not page.undo_bar.isVisible()
    assert page.model.index(0, 0).data(SessionTableModel.SessionIdRole) == first_id
    assert page.streak_tile.value.text() == "20 days"


def test_undo_goes_away_after_a_while(qtbot: QtBot, page: HistoryPage) -> None:
    page.undo_timer.setInterval(50)
    page.table.selectRow(3)
    assert page.delete_selected()
    qtbot.waitUntil(lambda: not page.undo_bar.isVisible(), timeout=2000)
    assert page.last_deleted is None and page.store.count() == 19


def test_export_csv(page: HistoryPage, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "out.csv"
    assert page.export_csv_to(target) == 20
    # a byte-order mark, so that Excel reads it as UTF-8 ("Rücken", not "RÃ¼cken")
    assert target.read_bytes().startswith(b"\xef\xbb\xbfstarted")
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 20 and rows[-1]["routine_id"] == "desk-break"  # oldest first
    assert [p.name for p in folder.iterdir()] == ["out.csv"]  # no temporary left behind


def test_export_report_writes_a_pdf(page: HistoryPage, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    today = local_now().date()
    assert page.export_report_to(target, today - timedelta(days=30), today)
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1024
    assert re.findall(rb"/Count (\d+)", data) == [b"2"]  # the summary page and the sessions
    assert data.count(b"/Type /Page\n") == 2


def test_exports_ask_inside_the_window(page: HistoryPage, qtbot: QtBot, tmp_path: Path) -> None:
    """CSV: where to save; the report: the period, then where. No window of their own."""
    ask = page.choose_csv()
    assert ask.window() is page and ask.isVisible()
    ask.path.setText(str(tmp_path / "all.csv"))
    qtbot.mouseClick(ask.ok, Qt.MouseButton.LeftButton)
    assert (tmp_path / "all.csv").read_text(encoding="utf-8").count("\n") == 21
    period = page.choose_report()
    assert period.window() is page and period.isVisible()
    period.period.setCurrentIndex(0)  # the last 4 weeks
    period.accept()
    [where] = [d for d in page.findChildren(PathDialog) if d.isVisible()]
    assert where.path.text().endswith(f"-to-{local_now().date():%Y-%m-%d}.pdf")
    where.path.setText(str(tmp_path / "report.pdf"))
    qtbot.mouseClick(where.ok, Qt.MouseButton.LeftButton)
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")


def test_a_notice_is_shown_as_plain_text(page: HistoryPage) -> None:
    page.set_notice("Your history file <b>was damaged</b>")
    assert page.notice.isVisible()
    assert page.notice_text.text() == "Your history file <b>was damaged</b>"


def test_the_check_in_answers_in_one_click_or_skips(qtbot: QtBot) -> None:
    check_in = FeelingCheckIn("after")
    qtbot.addWidget(check_in)
    with qtbot.waitSignal(check_in.answered) as signal:
        qtbot.mouseClick(check_in.buttons.button(4), Qt.MouseButton.LeftButton)
    assert signal.args == [4]
    with qtbot.waitSignal(check_in.answered) as signal:
        qtbot.mouseClick(check_in.skip, Qt.MouseButton.LeftButton)
    assert signal.args == [None]


def test_the_page_fits_the_smallest_window_and_a_large_one(
    qtbot: QtBot, store: HistoryStore
) -> None:
    # The main window is 800 x 600 at the least, less the 190 px navigation column.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    seed(store, days=400)
    now = local_now()
    long_name = "A routine with a rather long name, for the narrowest table"
    store.add_sessions(
        [(now - timedelta(minutes=5), "long", long_name, Status.COMPLETED, 6, 5, 0, 2, 1, [])]
    )
    try:
        for palette in (LIGHT, DARK):
            theme.apply(app, palette)
            page = HistoryPage(store, palette)
            qtbot.addWidget(page)
            assert page.minimumSizeHint().width() <= 610
            for size, columns, side_by_side in (((610, 540), 2, False), ((1600, 900), 4, True)):
                page.resize(*size)
                page.show()
                qtbot.waitExposed(page)
                app.processEvents()
                assert page.width() == size[0]
                assert overflowing(page) == [], size
                assert page._columns == columns
                horizontal = page.charts_row.direction() == QBoxLayout.Direction.LeftToRight
                assert horizontal is side_by_side
                assert page.content.width() <= page.scroller.viewport().width()
            # wide: the Routine column takes the spare room, the others keep their width
            head = page.table.horizontalHeader()
            assert head.sectionResizeMode(1) == QHeaderView.ResizeMode.Stretch
            assert page.table.columnWidth(1) > page.table.columnWidth(0)
            page.close()
    finally:
        theme.apply(app, LIGHT)


def test_the_empty_page_fits_the_smallest_window(qtbot: QtBot, store: HistoryStore) -> None:
    page = HistoryPage(store, LIGHT)
    qtbot.addWidget(page)
    page.resize(610, 540)
    page.show()
    qtbot.waitExposed(page)
    assert page.minimumSizeHint().width() <= 610
    assert overflowing(page) == []
    assert page.start_button.width() >= page.start_button.sizeHint().width()


def test_tiles_and_table_say_time_stretching_apart_from_time_in_sessions(
    qtbot: QtBot, store: HistoryStore
) -> None:
    # A Wednesday afternoon, so "two hours ago" is this week whatever the machine's clock says
    # (with the machine's clock this failed in the first two hours of every Monday).
    now = local_now().replace(hour=15, minute=0, second=0, microsecond=0)
    now -= timedelta(days=now.weekday() - 2)
    store.add_session(
        now - timedelta(hours=2), "d", "Daily", active_seconds=360, stretch_seconds=250
    )
    store.add_session(now - timedelta(days=400), "d", "Daily", active_seconds=120)  # no figure
    page = HistoryPage(store, LIGHT, now=lambda: now)
    qtbot.addWidget(page)
    page.refresh()
    assert page.week_tile.note.text() == "4 min stretching\nof 6 min in sessions"
    assert page.all_tile.note.text() == "4 min stretching\nof 8 min in sessions"  # unknown left out
    assert "1 earlier session" in page.stretch_note.text() and not page.stretch_note.isHidden()
    latest, oldest = page.model.index(0, 2).data(), page.model.index(1, 2).data()
    assert (latest, oldest) == ("4 min 10 s of 6 min", "– of 2 min")
    assert page.model.headerData(2, Qt.Orientation.Horizontal) == "Stretching"


def test_no_note_when_every_session_has_its_stretch_time(qtbot: QtBot, store: HistoryStore) -> None:
    store.add_session(local_now(), "d", "Daily", active_seconds=360, stretch_seconds=250)
    page = HistoryPage(store, LIGHT)
    qtbot.addWidget(page)
    page.refresh()
    assert page.stretch_note.isHidden()


def test_the_daily_chart_says_it_counts_time_in_sessions(page: HistoryPage) -> None:
    assert "Minutes in sessions per day, last 8 weeks" in texts(page)
