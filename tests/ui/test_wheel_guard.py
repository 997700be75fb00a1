"""The mouse wheel scrolls the page and changes a value only in the control that has focus;
Return and Enter press the focused button."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTime
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from stretchapp.core.paths import Paths
from stretchapp.ui import wheel_guard
from stretchapp.ui.app import MainWindow


@pytest.fixture(autouse=True)
def guard() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    installed = wheel_guard.install(app)
    yield
    app.removeEventFilter(installed)
    installed.setParent(None)  # the next test installs a fresh one


def wheel_down(widget: QWidget) -> None:
    """One notch of the wheel, downwards, over the middle of `widget`."""
    target = widget
    local = widget.rect().center()
    event = QWheelEvent(
        QPointF(local),
        QPointF(target.mapToGlobal(local)),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(target, event)


def page_with(qtbot: QtBot, control: QWidget) -> tuple[QScrollArea, QWidget]:
    area = QScrollArea()
    area.setWidgetResizable(True)
    body = QWidget()
    column = QVBoxLayout(body)
    column.addSpacing(600)
    column.addWidget(control)
    column.addSpacing(1200)
    area.setWidget(body)
    area.resize(300, 400)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    area.ensureWidgetVisible(control)
    return area, body


def make(kind: str) -> tuple[QWidget, object]:
    if kind == "spin":
        spin = QSpinBox()
        spin.setRange(0, 60)
        spin.setValue(5)
        return spin, spin.value
    if kind == "combo":
        combo = QComboBox()
        combo.addItems(["one", "two", "three"])
        return combo, combo.currentIndex
    if kind == "slider":
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setRange(0, 100)
        slider.setValue(50)
        return slider, slider.value
    edit = QTimeEdit()
    edit.setTime(QTime(12, 30))
    return edit, edit.time


@pytest.mark.parametrize("kind", ["spin", "combo", "slider", "time"])
def test_wheel_over_an_unfocused_control_scrolls_the_page(qtbot: QtBot, kind: str) -> None:
    control, value = make(kind)
    area, _ = page_with(qtbot, control)
    area.setFocus()
    assert not control.hasFocus()
    before, scrolled = value(), area.verticalScrollBar().value()  # type: ignore[operator]
    wheel_down(control)
    assert value() == before  # type: ignore[operator]
    assert area.verticalScrollBar().value() > scrolled


@pytest.mark.parametrize("kind", ["spin", "combo", "slider", "time"])
def test_wheel_over_a_focused_control_changes_it(qtbot: QtBot, kind: str) -> None:
    control, value = make(kind)
    area, _ = page_with(qtbot, control)
    control.setFocus()
    qtbot.waitUntil(control.hasFocus)
    before, scrolled = value(), area.verticalScrollBar().value()  # type: ignore[operator]
    wheel_down(control)
    assert value() != before  # type: ignore[operator]
    assert area.verticalScrollBar().value() == scrolled


def test_page_keys_on_a_combo_box_scroll_the_page(qtbot: QtBot) -> None:
    """Page Down on the History page's routine filter chose the last routine: on a closed
    combo box the page keys scroll the page, and the choice stays."""
    control, value = make("combo")
    area, _ = page_with(qtbot, control)
    bar = area.verticalScrollBar()
    start = bar.value()
    QTest.keyClick(control, Qt.Key.Key_PageDown)
    assert value() == 0  # type: ignore[operator]
    assert bar.value() == min(bar.maximum(), start + bar.pageStep())
    QTest.keyClick(control, Qt.Key.Key_PageUp)
    assert value() == 0 and bar.value() == start  # type: ignore[operator]
    QTest.keyClick(control, Qt.Key.Key_Down)  # the arrows still choose
    assert value() == 1  # type: ignore[operator]


@pytest.mark.parametrize("kind", ["spin", "combo", "time"])
def test_the_wheel_itself_does_not_give_focus(qtbot: QtBot, kind: str) -> None:
    """Qt gives WheelFocus controls focus before any filter sees the wheel: they are made
    to take focus from a click or Tab only."""
    control, _ = make(kind)
    assert control.focusPolicy() == Qt.FocusPolicy.WheelFocus  # Qt's default for these
    area, _ = page_with(qtbot, control)
    assert area.isVisible()
    assert control.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_installing_twice_keeps_one_guard() -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert wheel_guard.install(app) is wheel_guard.install(app)


def test_scrolling_settings_past_get_ready_leaves_it_and_the_file(
    qtbot: QtBot, paths: Paths
) -> None:
    """The reported case: the wheel over *Get ready* changed it from 5 to 7 and saved it."""
    from stretchapp.core.settings import SettingsStore
    from tests.ui.test_settings_page import make_page

    page = make_page(qtbot, paths)
    page.show()
    qtbot.waitExposed(page)
    spin = page.preferences.controls["get_ready_seconds"]
    assert isinstance(spin, QSpinBox)
    page.tabs[0].setFocus()
    before = spin.value()
    wheel_down(spin)
    wheel_down(spin)
    assert spin.value() == before
    assert SettingsStore(paths).load()[0].get_ready_seconds == before


def test_a_field_reached_with_tab_shows_its_groups_heading(qtbot: QtBot, paths: Paths) -> None:
    """Tab to *Get ready* with the page scrolled down brought the field alone into view, and
    the "Timing" heading above it stayed under the tabs: its card comes into view whole."""
    from tests.ui.test_settings_page import make_page

    page = make_page(qtbot, paths)
    page.resize(800, 450)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    area = page.preferences.findChild(QScrollArea)
    assert area is not None
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    spin = page.preferences.controls["get_ready_seconds"]
    card = spin.parentWidget()
    while card is not None and card.objectName() != "card":
        card = card.parentWidget()
    assert card is not None
    page.tabs[0].setFocus()
    QTest.keyClick(page.tabs[0], Qt.Key.Key_Tab)  # onto the section, then into it
    for _ in range(10):
        if QApplication.focusWidget() is spin:
            break
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is spin
    viewport = area.viewport()
    qtbot.waitUntil(lambda: card.mapTo(viewport, QPoint(0, 0)).y() >= 0)
    assert card.mapTo(viewport, QPoint(0, card.height())).y() <= viewport.height()


def return_key(widget: QWidget, key: Qt.Key = Qt.Key.Key_Return, shift: bool = False) -> None:
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    QTest.keyClick(widget, key, modifier)


@pytest.mark.parametrize("kind", ["push", "tool"])
def test_return_and_enter_press_a_focused_button(qtbot: QtBot, kind: str) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    button = QPushButton("Start", host) if kind == "push" else QToolButton(host)
    presses: list[bool] = []
    button.clicked.connect(lambda: presses.append(True))
    host.show()
    qtbot.waitExposed(host)
    button.setFocus()
    return_key(button)
    qtbot.waitUntil(lambda: len(presses) == 1)
    return_key(button, Qt.Key.Key_Enter)  # the keypad's
    qtbot.waitUntil(lambda: len(presses) == 2)
    return_key(button, shift=True)  # not with a modifier
    button.setEnabled(False)
    return_key(button)
    qtbot.wait(300)  # (animateClick releases after 100 ms)
    assert len(presses) == 2


def test_a_dialogs_buttons_are_pressed_once(qtbot: QtBot) -> None:
    """In a dialog Qt presses the focused (auto-default) button itself: not twice."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    column = QVBoxLayout(dialog)
    first, second = QPushButton("Keep"), QPushButton("Cancel")
    column.addWidget(first)
    column.addWidget(second)
    presses: list[str] = []
    first.clicked.connect(lambda: presses.append("keep"))
    second.clicked.connect(lambda: presses.append("cancel"))
    dialog.show()
    qtbot.waitExposed(dialog)
    second.setFocus()
    return_key(second)
    qtbot.wait(300)
    assert presses == ["cancel"]


def test_enter_on_a_cards_start_starts_the_routine(qtbot: QtBot, window: MainWindow) -> None:
    """Someone who moved to a card's Start with Tab presses Enter: the session begins."""
    window.show()
    qtbot.waitExposed(window)
    card = window.library_page.cards[0]
    card.start_button.setFocus()
    return_key(card.start_button)
    qtbot.waitUntil(lambda: window.player is not None)
    assert window.stack.currentWidget() is window.player
