"""The hostile corpus's pictures and window states, through the UI's one picture loader."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from stretchapp.ui import pictures, window_state
from stretchapp.ui.illustration import Illustration
from tests.hostile.generate import CASES, build
from tests.hostile.test_corpus import finishes


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    pictures.CACHE.clear()


@pytest.mark.parametrize("name", [n for n in CASES if n.startswith("picture-")])
def test_picture_case(name: str, tmp_path: Path, qtbot: QtBot) -> None:
    case = build(name, tmp_path / "case")
    shown = finishes(lambda: pictures.picture(case.path, QSize(800, 600)))
    assert shown.image is None
    assert case.expect in shown.problem
    # And the widget that shows it paints a placeholder instead of blocking.
    widget = Illustration()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.set_frames((case.path,))
    widget.grab()
    assert widget.problem


@pytest.mark.parametrize("name", [n for n in CASES if n.startswith("window-")])
def test_window_state_case(name: str, tmp_path: Path, qtbot: QtBot) -> None:
    case = build(name, tmp_path / "case")
    window = QWidget()
    qtbot.addWidget(window)
    assert (
        finishes(lambda: window_state.restore(window, window_state.read(case.path.parent))) is False
    )
