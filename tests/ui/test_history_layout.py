"""History at the sizes people use (issue 14): what is visible at 800×600, the date filter's
calendar, weekends not in alarm red, and dates under the pain chart."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from stretchapp.core.history import HistoryStore, PainPoint
from stretchapp.core.palette import LIGHT
from stretchapp.ui.history import HistoryPage
from stretchapp.ui.history.charts import PainChart, spread
from tests.ui.test_history_view import local_now, seed


@pytest.fixture
def page(qtbot: QtBot) -> HistoryPage:
    store = HistoryStore.in_memory()
    seed(store, 40)
    p = HistoryPage(store, LIGHT)
    qtbot.addWidget(p)
    p.resize(610, 560)  # the History page inside an 800×600 window, beside the sidebar
    p.show()
    qtbot.waitExposed(p)
    return p


def test_status_and_feeling_are_visible_without_a_sideways_scroll(page: HistoryPage) -> None:
    table = page.table
    assert table.horizontalScrollBar().maximum() == 0
    for column in (0, 1, 5, 6):  # date, routine, status, feeling
        assert not table.isColumnHidden(column)
        assert table.columnViewportPosition(column) + table.columnWidth(column) <= (
            table.viewport().width()
        )
    folded = [c for c in range(7) if table.isColumnHidden(c)]
    assert folded  # less important columns fold into the row's details
    tip = page.model.data(page.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "Done" in tip and "Skipped" in tip


def test_skipped_is_the_last_count_to_fold(page: HistoryPage) -> None:
    """What was skipped matters to a clinician more than what was done: at the window's
    default width the Skipped column stays when Done folds."""
    for width in range(1700, 400, -10):  # narrower until a count folds
        page.resize(width, 700)
        folded = [c for c in range(7) if page.table.isColumnHidden(c)]
        if 3 in folded or 4 in folded:
            break
    assert 3 in folded and 4 not in folded, (width, folded)


def test_every_column_is_back_when_there_is_room(page: HistoryPage) -> None:
    page.resize(1700, 1000)
    assert [page.table.isColumnHidden(c) for c in range(7)] == [False] * 7


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # offscreen
def test_the_date_filter_opens_at_today_and_has_presets(page: HistoryPage, qtbot: QtBot) -> None:
    calendar = page.from_date.calendarWidget()
    edit = page.from_date
    arrow = QPoint(edit.width() - 6, edit.height() // 2)
    QTest.mouseClick(edit, Qt.MouseButton.LeftButton, pos=arrow)  # opens the calendar
    qtbot.waitUntil(calendar.isVisible)
    today = local_now().date()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year, today.month)
    QTest.keyClick(calendar, Qt.Key.Key_Escape)
    presets = [page.period_filter.itemText(i) for i in range(page.period_filter.count())]
    assert presets == ["All dates", "Last 7 days", "Last 30 days", "Last 90 days"]
    page.period_filter.setCurrentIndex(1)
    assert page.from_date.date() == QDate(today - timedelta(days=6))
    assert page.model.rowCount() == 7
    page.period_filter.setCurrentIndex(0)
    assert page.model.rowCount() == 40


def test_weekends_are_not_drawn_in_alarm_red(page: HistoryPage) -> None:
    for edit in (page.from_date, page.to_date):
        calendar = edit.calendarWidget()
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            colour = calendar.weekdayTextFormat(day).foreground().color()
            assert colour == QColor(LIGHT.text)


def test_the_pain_chart_has_dates(page: HistoryPage) -> None:
    ticks = page.pain_chart.ticks
    assert len(ticks) >= 2
    assert all(0 <= tick.at <= 1 for tick in ticks)
    assert [tick.at for tick in ticks] == sorted(tick.at for tick in ticks)


def _after_dots(chart: PainChart) -> list[float]:
    """The middles (x) of the filled accent dots a person sees on the drawn chart: columns
    with more of the accent than the 2 px line between the dots has, above the dates and
    the legend (its own "after" dot) in the chart's last 40 px."""
    image = chart.grab().toImage()
    accent = QColor(LIGHT.accent)
    tall = [
        sum(image.pixelColor(x, y) == accent for y in range(image.height() - 40)) >= 5
        for x in range(image.width())
    ]
    runs: list[list[int]] = []
    for x, hit in enumerate(tall):
        if hit and runs and runs[-1][-1] >= x - 3:  # a dot's edge blended off the accent
            runs[-1].append(x)
        elif hit:
            runs.append([x])
    return [(run[0] + run[-1]) / 2 for run in runs]


def test_check_ins_are_spaced_by_their_dates(qtbot: QtBot) -> None:
    """Three check-ins on 1, 2 and 20 November: the gap of 18 days looks 18 times the gap
    of one, as a clinician reading the chart expects, not three evenly spaced dots."""
    chart = PainChart(LIGHT)
    qtbot.addWidget(chart)
    chart.resize(600, 200)
    days = (date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 20))
    points = [
        PainPoint(i, datetime(d.year, d.month, d.day, 9).astimezone(), None, 3)
        for i, d in enumerate(days)
    ]
    chart.set_points(points, date(2026, 11, 20))
    dots = _after_dots(chart)
    assert len(dots) == 3, dots
    short, long = dots[1] - dots[0], dots[2] - dots[1]
    assert long / short == pytest.approx(18, rel=0.1)
    assert chart.ticks[0].label == "2 Nov"  # Mondays name the days


def test_more_than_four_sessions_show_at_800_by_600(page: HistoryPage) -> None:
    rows = page.table.viewport().height() // page.table.verticalHeader().defaultSectionSize()
    assert rows >= 8


def test_only_the_page_scrolls(page: HistoryPage) -> None:
    """One vertical scrollbar: the list is as tall as its rows inside the scrolling page."""
    table, rows = page.table, page.model.rowCount()
    assert rows > 20
    assert not table.verticalScrollBar().isVisible() and table.verticalScrollBar().maximum() == 0
    assert table.viewport().height() >= rows * table.verticalHeader().defaultSectionSize()
    assert page.scroller.verticalScrollBar().isVisible()
    assert page.scroller.verticalScrollBar().maximum() > 0


def _visible_in_page(page: HistoryPage, row: int) -> bool:
    top = page.table.viewport().mapTo(
        page.scroller.viewport(), QPoint(0, page.table.rowViewportPosition(row))
    )
    height = page.table.verticalHeader().defaultSectionSize()
    return top.y() >= 0 and top.y() + height <= page.scroller.viewport().height()


def test_the_keyboard_walks_the_sessions_and_the_page_follows(
    page: HistoryPage, qtbot: QtBot
) -> None:
    table = page.table
    table.setFocus()
    table.setCurrentIndex(page.model.index(0, 0))
    QTest.keyClick(table, Qt.Key.Key_PageDown)
    in_view = page.scroller.viewport().height() // table.verticalHeader().defaultSectionSize()
    assert table.currentIndex().row() == in_view - 1  # a screenful, not the whole list
    assert _visible_in_page(page, table.currentIndex().row())
    QTest.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    last = page.model.rowCount() - 1
    assert table.currentIndex().row() == last
    assert _visible_in_page(page, last)
    QTest.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert _visible_in_page(page, 0)


def test_tab_leaves_the_date_fields_and_the_list(page: HistoryPage, qtbot: QtBot) -> None:
    """The "any date" fields used to keep Tab for their own sections forever."""
    page.from_date.setFocus()
    QTest.keyClick(page.from_date, Qt.Key.Key_Tab)
    assert page.to_date.hasFocus()
    QTest.keyClick(page.to_date, Qt.Key.Key_Tab)
    assert page.clear_filters.hasFocus()
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Tab)
    assert not page.table.hasFocus()
    page.to_date.setFocus()
    QTest.keyClick(page.to_date, Qt.Key.Key_Backtab)
    assert page.from_date.hasFocus()


def test_summary_tiles_side_by_side_line_up(page: HistoryPage) -> None:
    page.resize(900, 700)
    QTest.qWait(0)
    left, right = page.streak_tile.geometry(), page.week_tile.geometry()
    assert left.top() == right.top() and left.height() == right.height()


def test_tiles_stay_two_a_row_in_german_at_800_by_600(qtbot: QtBot) -> None:
    """Their lines wrap in a longer language; that must not push them one per row."""
    from PySide6.QtWidgets import QApplication

    from stretchapp.core import i18n
    from stretchapp.ui import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app, LIGHT)  # the app's type sizes, as in the window
    i18n.activate("de")
    store = HistoryStore.in_memory()
    seed(store, 40)
    # Long totals, as after months of use: "von 13 Std. 20 Min. in Einheiten".
    store.add_session(
        local_now() - timedelta(days=200), "x", "X", active_seconds=48_000, stretch_seconds=33_600
    )
    p = HistoryPage(store, LIGHT)
    qtbot.addWidget(p)
    p.resize(610, 560)
    p.show()
    qtbot.waitExposed(p)
    assert p._columns == 2
    for tile in p.tiles:  # lines at the top of the tile, not spread over it
        assert tile.caption.y() < tile.height() // 3


def test_check_ins_minutes_apart_are_dots_apart(qtbot: QtBot) -> None:
    """A stranger's three sessions a minute apart were one column of six dots, the before
    and after of each lost. Check-ins close in time stay in order, a dot's width apart."""
    chart = PainChart(LIGHT)
    qtbot.addWidget(chart)
    chart.resize(600, 200)
    start = datetime(2026, 11, 20, 9).astimezone()
    points = [PainPoint(i, start + timedelta(minutes=i), None, 3) for i in range(3)]
    chart.set_points(points, date(2026, 11, 20))
    dots = _after_dots(chart)
    assert len(dots) == 3, dots
    assert all(b - a >= 9.0 for a, b in itertools.pairwise(dots)), dots


def test_spread_keeps_order_room_and_bounds() -> None:
    assert spread([5.0, 5.0, 5.0], 10.0, 0.0, 100.0) == [5.0, 15.0, 25.0]
    assert spread([0.0, 50.0, 99.0, 100.0], 10.0, 0.0, 100.0) == [0.0, 50.0, 90.0, 100.0]
    crowded = spread([50.0] * 11, 20.0, 0.0, 100.0)  # too many for 20 apart: evenly
    assert crowded[0] >= 0.0 and crowded[-1] <= 100.0
    assert all(b - a >= 9.99 for a, b in itertools.pairwise(crowded))
