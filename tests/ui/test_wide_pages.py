"""Every page at full-HD and 4K-like widths, in English and German: nothing cut off. Prose
pages wrap their text at a readable width (widgets.READABLE_TEXT) however wide the window, and a
card's height must follow the lines its text takes there (at 1920 px the Chiropractic care
card's text was cut in half, its stroke warning with it)."""

from __future__ import annotations

import pytest
from layout_checks import clipped  # tests/ui/layout_checks.py
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from stretchapp.core import i18n
from stretchapp.core.paths import Paths
from tests.ui.conftest import open_window
from tests.ui.test_pseudo_locale import _pages


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("size", [(1920, 1080), (1500, 900), (2560, 1400)])
def test_nothing_is_cut_off_in_a_wide_window(
    qtbot: QtBot, paths: Paths, language: str, size: tuple[int, int]
) -> None:
    i18n.activate(language)
    try:
        window = open_window(qtbot, paths, size)
        found: dict[str, list[str]] = {}
        for name, show in _pages(window):
            if name == "player":
                continue
            show()
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            app.processEvents()
            problems = clipped(window)
            if problems:
                found[name] = problems
            if name in ("routine editor", "new routine"):
                window.builder.close_editor()
        assert not found
    finally:
        i18n.activate("en")


def test_home_and_end_scroll_a_page_that_has_the_focus(qtbot: QtBot, paths: Paths) -> None:
    """End did nothing in the Relief options' scroll area (Qt's takes arrows and pages)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScrollArea

    window = open_window(qtbot, paths, (800, 600))
    window.open_settings("Relief options")
    QApplication.processEvents()
    (area,) = [a for a in window.findChildren(QScrollArea) if a.objectName() == "relief"]
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0
    area.setFocus()
    qtbot.keyClick(area, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    qtbot.keyClick(area, Qt.Key.Key_Home)
    assert bar.value() == 0
