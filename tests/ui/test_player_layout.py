"""The player and its check-in hold their layout from 800×600 up."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from stretchapp.ui.checkin import FeelingCheckIn


def rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("width", [800, 1920])
def test_the_check_in_scale_ends_at_its_worst(qtbot: QtBot, width: int) -> None:
    check_in = FeelingCheckIn("after")
    qtbot.addWidget(check_in)
    check_in.resize(width, 300)
    check_in.show()
    qtbot.waitExposed(check_in)
    ten = rect_in(check_in.buttons.button(10), check_in)
    zero = rect_in(check_in.buttons.button(0), check_in)
    labels = {label.text(): rect_in(label, check_in) for label in check_in.findChildren(QLabel)}
    worst, none = labels["worst"], labels["no pain"]
    # "worst" sits under 10, "no pain" under 0, however wide the window.
    assert abs(worst.right() - ten.right()) <= 4, (worst, ten)
    assert abs(none.left() - zero.left()) <= 4, (none, zero)
    assert worst.top() >= ten.bottom()
