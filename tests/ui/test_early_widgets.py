"""ui/early_widgets.py: the first page's widgets set up without naming `Qt`, to the same effect."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from stretchapp.core.paths import Paths
from stretchapp.ui import early_widgets


@pytest.fixture(autouse=True)
def released() -> Iterator[None]:
    yield
    early_widgets.release()  # no test leaves the next one holding


def test_each_value_is_its_qt_enum() -> None:
    assert Qt.TextFormat.PlainText.value == early_widgets.PLAIN_TEXT
    assert (
        Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
    ).value == early_widgets.ALIGN_TOP_LEFT
    assert Qt.ScrollBarPolicy.ScrollBarAlwaysOff.value == early_widgets.SCROLL_BAR_ALWAYS_OFF
    assert Qt.FocusPolicy.StrongFocus.value == early_widgets.STRONG_FOCUS
    assert Qt.LayoutDirection.LeftToRight.value == early_widgets.LEFT_TO_RIGHT
    assert Qt.LayoutDirection.RightToLeft.value == early_widgets.RIGHT_TO_LEFT
    assert Qt.TextInteractionFlag.TextSelectableByMouse.value == early_widgets.SELECTABLE_BY_MOUSE


def test_set_by_name_is_set(qtbot: QtBot) -> None:
    label, nav, card = QLabel(), QListWidget(), QWidget()
    for widget in (label, nav, card):
        qtbot.addWidget(widget)
    early_widgets.plain_text(label)
    early_widgets.align_top_left(label)
    early_widgets.selectable(label)
    early_widgets.no_horizontal_scroll_bar(nav)
    early_widgets.strong_focus(card)
    assert label.textFormat() == Qt.TextFormat.PlainText
    label.setText("<b>kept as written</b>")
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.alignment() == Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
    assert nav.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert card.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_the_pointer_and_opaque_painting_wait_for_the_first_paint(qtbot: QtBot) -> None:
    button, picture, gone = QPushButton("Start"), QWidget(), QWidget()
    qtbot.addWidget(button)
    qtbot.addWidget(picture)
    early_widgets.hold()
    early_widgets.pointing_hand(button)
    early_widgets.opaque_paint(picture, True)
    early_widgets.pointing_hand(gone)
    gone.deleteLater()
    qtbot.waitUntil(lambda: not early_widgets.Shiboken.isValid(gone))
    assert button.cursor().shape() == Qt.CursorShape.ArrowCursor  # not yet
    assert not picture.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    early_widgets.release()  # (a widget gone by then is passed over)
    assert button.cursor().shape() == Qt.CursorShape.PointingHandCursor
    assert picture.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    later = QPushButton("Import")  # made after the first paint: at once
    qtbot.addWidget(later)
    early_widgets.pointing_hand(later)
    assert later.cursor().shape() == Qt.CursorShape.PointingHandCursor


def test_the_system_look_is_remembered_put_right_and_followed(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first paint of the "system" theme takes the look remembered from the last run (the
    system is not asked before it: that would build `Qt`); once shown, the window asks, puts
    the look right, remembers it, and follows the system's changes."""
    from stretchapp.ui import theme, window_state
    from stretchapp.ui.app import create_window

    never = window_state.read(paths.config_dir)  # no window.json yet
    assert window_state.remembered_system_dark(never) is None
    system = {"dark": True}
    monkeypatch.setattr(theme, "system_prefers_dark", lambda: system["dark"])
    window = create_window(paths, "system", system_dark=False)  # remembered light, now dark
    qtbot.addWidget(window)
    assert not window.dark

    window.follow_system_look()
    assert window.dark
    assert window_state.remembered_system_dark(window_state.read(paths.config_dir)) is True

    system["dark"] = False  # the system switches back while the app runs
    window._system_look_changed()
    assert not window.dark
    assert window_state.remembered_system_dark(window_state.read(paths.config_dir)) is False

    chosen = create_window(paths, "dark", system_dark=False)  # a look chosen is kept
    qtbot.addWidget(chosen)
    chosen.follow_system_look()
    assert chosen.dark
