"""Guards against a broken Qt binding: PySide6 6.12.0 on Python 3.11 drops a reference to
None on every call of a method that returns nothing, so a long session ends in an abort."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_methods_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(500):
        font.setPixelSize(20)
        label.setText("5")
    # Other threads may take or drop a few references meanwhile; 500 lost ones are the bug.
    assert sys.getrefcount(None) - before > -100
