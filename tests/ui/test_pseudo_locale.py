"""Every page at 800×600 with every text 40 % longer (issue 16): the pseudo-locale
`en@pseudo` stands in for German, which runs about 30 % longer than English, and for
translations not written yet. Nothing may be cut off or reach out of its page; the same walk
with Qt's layout direction forced right-to-left must hold too.

The check compares each label's and button's needed size with the size it was given
(tests/ui/layout_checks.py), so it fails on a text that is clipped, not on a look.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import pytest
from layout_checks import clipped, overflowing  # tests/ui/layout_checks.py
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from stretchapp.core import i18n
from stretchapp.core.history import Status
from stretchapp.core.paths import Paths
from stretchapp.ui.app import MainWindow
from tests.ui.conftest import open_window


def _seed(window: MainWindow) -> None:
    now = datetime.now().astimezone()
    window.history.add_sessions(
        [
            (
                now - timedelta(days=d, hours=2),
                "daily-back-care",
                "Daily back care",
                Status.COMPLETED if d % 4 else Status.STOPPED,
                600,
                6,
                d % 2,
                5,
                3,
                [],
            )
            for d in range(30)
        ]
    )


def _pages(window: MainWindow) -> Iterator[tuple[str, Callable[[], object]]]:
    first = window.library.routines[0].id
    yield "routines", window.show_library
    yield "routine detail", lambda: window.open_routine(first)
    yield "history", lambda: window.show_section(1)
    for section in range(4):
        yield f"settings {section}", lambda section=section: window.open_settings(section)
    yield "get help", window.open_get_help
    yield "new routine", window.builder.new_routine
    yield "routine editor", lambda: window.builder.edit(first)
    yield "player", lambda: window.start_routine(first)


def _walk(qtbot: QtBot, paths: Paths) -> dict[str, list[str]]:
    window = open_window(qtbot, paths, (800, 600))
    _seed(window)
    found: dict[str, list[str]] = {}
    for name, show in _pages(window):
        show()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.processEvents()
        problems = clipped(window) + overflowing(window)
        if problems:
            found[name] = problems
        if name == "routine editor" or name == "new routine":
            window.builder.close_editor()
    window.app.session.end()
    return found


@pytest.fixture
def pseudo() -> Iterator[None]:
    i18n.activate(i18n.PSEUDO)
    assert _("Routines") != "Routines"
    yield


def _(text: str) -> str:
    return i18n._(text)


def test_every_page_fits_800_by_600_in_english(qtbot: QtBot, paths: Paths) -> None:
    assert _walk(qtbot, paths) == {}


def test_every_page_fits_800_by_600_with_texts_40_percent_longer(
    qtbot: QtBot, paths: Paths, pseudo: None
) -> None:
    assert _walk(qtbot, paths) == {}


def test_every_page_fits_right_to_left(qtbot: QtBot, paths: Paths) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        assert _walk(qtbot, paths) == {}
        window = open_window(qtbot, paths, (800, 600))
        # Mirrored: the sections' column on the right, the page on its left.
        assert window.nav.mapTo(window, window.nav.rect().topLeft()).x() > 400
    finally:
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_the_checks_catch_a_clipped_text(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel, QPushButton

    page = QWidget()
    page.resize(200, 100)
    label = QLabel("A text far too long for the forty pixels it is given", page)
    label.setGeometry(0, 0, 40, 20)
    button = QPushButton("Another text that is cut off", page)
    button.setGeometry(0, 30, 40, 30)
    qtbot.addWidget(page)
    page.show()
    assert len(clipped(page)) == 2
