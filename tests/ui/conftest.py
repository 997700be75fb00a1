"""Fixtures shared by the widget tests: the main window, an icon, and a check for timers left on.

A timer still running after a test is a test that leaks into the next one (and, in the app, a
wake-up nobody asked for). Like napari's `dangling_qtimers`, every QTimer and QTimeLine started
from Python during a test is tracked, and the test fails if one is still active once pytest-qt
has closed the test's widgets.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QTimeLine, QTimer
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from stretchapp.core.paths import Paths
from stretchapp.ui.app import MainWindow, app_icon, create_window


def open_window(
    qtbot: QtBot, paths: Paths, size: tuple[int, int] = (1000, 700), theme: str = "light"
) -> MainWindow:
    """The app's main window over the test's folders, shown and exposed."""
    win = create_window(paths, theme)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: bool(win.shortcuts))  # bound once the window has painted
    return win


@pytest.fixture
def window(qtbot: QtBot, paths: Paths) -> MainWindow:
    return open_window(qtbot, paths)


@pytest.fixture
def icon(paths: Paths) -> QIcon:
    """The app's own icon (a tray icon without one makes Qt warn)."""
    return app_icon(paths)


def _describe(timer: QTimer | QTimeLine) -> str:
    parent = timer.parent()
    owner = type(parent).__name__ if parent is not None else "no parent"
    return f"{type(timer).__name__} {timer.objectName()!r} of {owner}"


@pytest.fixture(autouse=True)
def no_timer_left_running(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    started: weakref.WeakSet[QTimer | QTimeLine] = weakref.WeakSet()

    def tracking(cls: Any) -> Any:
        base = cls.start

        def start(self: Any, *args: Any) -> None:
            started.add(self)
            base(self, *args)

        return start

    monkeypatch.setattr(QTimer, "start", tracking(QTimer))
    monkeypatch.setattr(QTimeLine, "start", tracking(QTimeLine))
    yield
    left = [
        _describe(t)
        for t in list(started)
        if shiboken6.isValid(t)
        and (t.isActive() if isinstance(t, QTimer) else t.state() == QTimeLine.State.Running)
    ]
    if left:
        pytest.fail(f"timers still running after the test: {', '.join(sorted(left))}")
