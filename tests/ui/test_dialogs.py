"""The one dialog convention: inside the window, the keyboard kept in the dialog while it is
open, and focus given back where it was when it closes (ui/overlay.py, ui/dialogs.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from stretchapp.ui.dialogs import PathDialog, Question, show_compact
from stretchapp.ui.overlay import show_in_window


def host_with_a_field(qtbot: QtBot) -> tuple[QWidget, QLineEdit]:
    host = QWidget()
    host.resize(800, 600)
    field = QLineEdit(host)
    other = QLineEdit(host)
    other.move(0, 40)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    return host, field


def test_tab_stays_inside_an_open_dialog(qtbot: QtBot) -> None:
    host, _field = host_with_a_field(qtbot)
    question = Question("Leave?", "Really?", [("Stay", ""), ("Leave", "primary")])
    show_compact(host, question)
    question.buttons[0].setFocus()
    for _ in range(6):  # more presses than the dialog has controls
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None and question.isAncestorOf(now), now
    question.done(0)


def test_focus_goes_back_where_it_was_when_the_dialog_closes(qtbot: QtBot) -> None:
    host, _first = host_with_a_field(qtbot)
    field = QLineEdit(host)  # the last in the tab order: Qt's own choice would be the first
    field.move(0, 80)
    field.show()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    answers: list[int] = []
    question = Question("Leave?", "Really?", [("Stay", ""), ("Leave", "primary")])
    show_in_window(host, question, answers.append)
    question.buttons[1].setFocus()
    assert not field.hasFocus()
    qtbot.mouseClick(question.buttons[1], Qt.MouseButton.LeftButton)
    assert answers == [2]
    assert field.hasFocus()


def test_a_dialog_opened_from_a_dialog_takes_the_keyboard(qtbot: QtBot) -> None:
    host, _field = host_with_a_field(qtbot)
    outer = PathDialog("Save", "Where to?", "", "Save", save=True, name_filter="*")
    show_compact(host, outer)
    inner = Question("Sure?", "Overwrite it?", [("No", ""), ("Yes", "primary")])
    show_compact(host, inner)
    inner.buttons[1].setFocus()
    assert inner.buttons[1].hasFocus()  # the older dialog does not pull it back
    inner.done(0)
    assert outer.isAncestorOf(QApplication.focusWidget())  # back in the dialog underneath
    outer.done(0)


def test_a_dialog_whose_window_went_away_does_not_unguard_an_older_one(qtbot: QtBot) -> None:
    host, _field = host_with_a_field(qtbot)
    question = Question("Leave?", "Really?", [("Stay", ""), ("Leave", "primary")])
    show_compact(host, question)
    gone, _ = host_with_a_field(qtbot)  # another window, with a dialog open when it closes
    show_compact(gone, Question("Left open", "…", [("OK", "")]))
    gone.close()
    gone.deleteLater()
    qtbot.waitUntil(lambda: not gone.isVisible())
    host.activateWindow()
    question.buttons[0].setFocus()
    qtbot.waitUntil(question.buttons[0].hasFocus)
    for _ in range(4):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None and question.isAncestorOf(now), now
    question.done(0)


def test_a_dialog_is_opaque_in_light_and_dark(qtbot: QtBot) -> None:
    """In the dark theme the page used to show through an in-window dialog's text."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QLabel

    from stretchapp.core.palette import DARK, LIGHT
    from stretchapp.ui import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        for palette in (LIGHT, DARK):
            theme.apply(app, palette)
            host = QLabel()
            host.setStyleSheet("background: #ff0000;")  # a loud page behind the dialog
            host.resize(800, 600)
            qtbot.addWidget(host)
            host.show()
            qtbot.waitExposed(host)
            question = Question("Leave?", "Really?", [("Stay", ""), ("Leave", "primary")])
            show_compact(host, question)
            qtbot.waitExposed(question)
            image = host.grab().toImage()
            # A point of the dialog's own background: in its left margin, half way down.
            probe = question.mapTo(host, QPoint(6, question.height() // 2))
            seen = image.pixelColor(probe).name()
            assert seen == QColor(palette.window).name(), (palette.window, seen)
            question.done(0)
    finally:
        theme.apply(app, LIGHT)
