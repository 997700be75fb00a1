"""Text from files is shown exactly as written (issue 12, finding 14)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from stretchapp.core.paths import Paths
from stretchapp.core.routines import load_library
from stretchapp.ui.library import plain_tip, start_button

NAME = "<!b>Safe &#x3c;i&#x3e;"


def shown_as(tip: str) -> str:
    """What a tooltip shows: Qt reads text that looks like markup as rich text."""
    from PySide6.QtGui import Qt

    if not Qt.mightBeRichText(tip):
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


@pytest.mark.parametrize(
    "text", [NAME, "<b>bold</b>", "a & b", "Tom &amp; Jerry", "x <i>y", "plain"]
)
def test_a_tooltip_shows_text_as_written(qapp: object, text: str) -> None:
    assert shown_as(plain_tip(text)) == text


def test_a_start_button_tooltip_shows_the_name_as_written(qtbot: QtBot, paths: Paths) -> None:
    library = load_library(paths.bundled_routines_dir, None, paths.assets_dir)
    routine = replace(library.routines[0], name=NAME)
    button = start_button(routine)
    qtbot.addWidget(button)
    assert shown_as(button.toolTip()) == f"Start “{NAME}” now"
