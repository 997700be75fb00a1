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
