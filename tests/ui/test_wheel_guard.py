"""The mouse wheel scrolls the page and changes a value only in the control that has focus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTime
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QScrollArea,
    QSlider,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from stretchapp.core.paths import Paths
from stretchapp.ui import wheel_guard


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
