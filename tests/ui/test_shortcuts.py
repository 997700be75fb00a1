"""The window-wide keys (Ctrl+1/2/3, Ctrl+Z, Ctrl+Q), and one table for every shortcut."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from stretchapp.core.keys import SHORTCUTS
from stretchapp.core.paths import Paths
from stretchapp.ui.app import MainWindow
from stretchapp.ui.checkin import FeelingCheckIn
from stretchapp.ui.shortcuts import key_sequences
from tests.conftest import REPO
from tests.ui.test_history_view import seed

CTRL = Qt.KeyboardModifier.ControlModifier


def press(window: MainWindow, qtbot: QtBot, key: Qt.Key, modifier: object = CTRL) -> None:
    window.activateWindow()
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)  # type: ignore[arg-type]


def test_ctrl_1_2_3_open_the_sections(window: MainWindow, qtbot: QtBot) -> None:
    press(window, qtbot, Qt.Key.Key_2)
    assert window.stack.currentWidget() is window.history_page
    press(window, qtbot, Qt.Key.Key_3)
    assert window.stack.currentWidget() is window.settings_page
    press(window, qtbot, Qt.Key.Key_1)
    assert window.stack.currentWidget() is window.routines_stack


def test_ctrl_2_leaves_a_finished_session_for_history_not_a_running_one(
    window: MainWindow, qtbot: QtBot
) -> None:
    """On the finish screen Ctrl+2 did nothing; while a session runs it still does nothing
    (a session has the whole window)."""
    player = window.start_routine("daily-back-care")
    assert player is not None
    for check_in in player.findChildren(FeelingCheckIn):
        check_in.answered.emit(None)  # skipped: the session starts
    press(window, qtbot, Qt.Key.Key_2)
    assert window.player is player  # not left while it runs
    player.stop()
    assert player.is_over()
    press(window, qtbot, Qt.Key.Key_2)
    assert window.player is None
    assert window.stack.currentWidget() is window.history_page


def test_the_keys_are_bound_once_the_window_has_painted(qtbot: QtBot, paths: Paths) -> None:
    from stretchapp.ui.app import create_window

    win = create_window(paths, "light")
    qtbot.addWidget(win)
    assert not win.findChildren(QShortcut)  # nothing to press before the window shows
    win.show()
    qtbot.waitUntil(lambda: bool(win.shortcuts))
    bound = {s.key().toString() for s in win.findChildren(QShortcut)}
    assert {"Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+Z", "Ctrl+Q", "Ctrl+N", "Ctrl+O"} <= bound
    assert win.install_shortcuts() == win.shortcuts  # once only
    assert len(win.findChildren(QShortcut)) == len(win.shortcuts)


def test_a_rebuilt_library_page_has_its_keys_at_once(window: MainWindow) -> None:
    window.app.reload_library()
    page = window.library_page
    assert {s.key().toString() for s in page.shortcuts} == {"Ctrl+N", "Ctrl+O"}


def test_the_sidebar_names_its_keys(window: MainWindow) -> None:
    tips = [window.nav.item(row).toolTip() for row in range(3)]
    assert tips == ["Routines (Ctrl+1)", "History (Ctrl+2)", "Settings (Ctrl+3)"]


def test_ctrl_z_undoes_a_history_delete(window: MainWindow, qtbot: QtBot) -> None:
    seed(window.history, days=3)
    press(window, qtbot, Qt.Key.Key_2)
    page = window.history_page
    assert page is not None
    page.table.selectRow(0)
    page.delete_selected()
    assert window.history.count() == 2 and page.undo_bar.isVisible()
    press(window, qtbot, Qt.Key.Key_Z)
    assert window.history.count() == 3 and not page.undo_bar.isVisible()


def test_ctrl_z_undoes_a_routine_delete(window: MainWindow, qtbot: QtBot) -> None:
    editor = window.builder.new_routine()
    assert editor is not None
    editor.name.setText("Mine to delete")
    editor.add_stretch("cat-cow")
    assert window.builder.save()
    page = window.open_routine("mine-to-delete")
    assert page is not None
    qtbot.mouseClick(page.action_buttons["delete"], Qt.MouseButton.LeftButton)
    assert window.library.routine("mine-to-delete") is None
    undo = window.library_page.notices[-1].property("action")
    qtbot.waitUntil(undo.isVisible)  # what a person sees before pressing the key
    press(window, qtbot, Qt.Key.Key_Z)
    assert window.library.routine("mine-to-delete") is not None


def test_ctrl_z_with_nothing_to_undo_does_nothing(window: MainWindow, qtbot: QtBot) -> None:
    routines = len(window.library.routines)
    press(window, qtbot, Qt.Key.Key_Z)
    assert len(window.library.routines) == routines and window.isVisible()


def test_ctrl_q_quits(window: MainWindow, qtbot: QtBot) -> None:
    press(window, qtbot, Qt.Key.Key_Q)
    qtbot.waitUntil(lambda: not window.isVisible())


def declared() -> set[str]:
    return {
        seq.toString()
        for s in SHORTCUTS
        for seq in key_sequences(s) + [QKeySequence(k) for k in s.keys]
    }


def test_every_shortcut_of_the_window_and_player_is_declared(
    window: MainWindow, qtbot: QtBot, paths: Paths
) -> None:
    """A QShortcut bound anywhere (window, library, player, editor, history) is in the one
    table that docs/keys.md is made from."""
    press(window, qtbot, Qt.Key.Key_2)
    press(window, qtbot, Qt.Key.Key_1)
    window.builder.new_routine()
    player = window.start_routine(window.library.routines[0].id)
    assert player is not None
    known = declared()
    bound = {s.key().toString() for s in window.findChildren(QShortcut)}
    assert bound and bound <= known, f"not in core/keys.py: {sorted(bound - known)}"
    window.leave_player()


def test_docs_keys_md_is_current() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "gen-docs"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    text = (REPO / "docs" / "keys.md").read_text(encoding="utf-8")
    for shortcut in SHORTCUTS:
        assert f"| {shortcut.where} |" in text and shortcut.does in text


def test_the_library_buttons_name_their_keys_once_bound(window: MainWindow) -> None:
    page = window.library_page
    assert page.new_button.toolTip().endswith("from any stretches (Ctrl+N)")
    assert page.import_button.toolTip().endswith("drop the file on the window (Ctrl+O)")


@pytest.mark.parametrize(
    ("system", "new", "save", "up"),
    [("linux", "Ctrl+N", "Ctrl+S", "Alt+Up"), ("macos", "⌘N", "⌘S", "⌥↑")],
)
def test_tooltips_name_the_keys_as_the_system_does(
    qtbot: QtBot, paths: Paths, system: str, new: str, save: str, up: str
) -> None:
    """A Mac binds Command and Option where Linux and Windows bind Ctrl and Alt, and its
    tooltips say so ("⌘N", not "Ctrl+N")."""
    from stretchapp.core import platform
    from stretchapp.ui.app import create_window

    platform.use(platform.for_system(system))
    try:
        win = create_window(paths, "light")
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: bool(win.shortcuts))
        assert win.library_page.new_button.toolTip().endswith(f"({new})")
        editor = win.builder.new_routine()
        assert editor is not None
        assert editor.save_button.toolTip() == f"Save the routine ({save})"
        assert editor.up_button.toolTip() == up
        assert f"or {up} and " in editor.entries.toolTip()
    finally:
        platform.use(None)
