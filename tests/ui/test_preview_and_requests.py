"""A preview from the routine builder leaves no trace in the history; a request from a second
`stretchapp start ID` (or a reminder's Start) is honoured on the finish screen and, when it
cannot be, says why."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from stretchapp.core.history import HistoryStore
from stretchapp.core.paths import Paths
from stretchapp.core.session import State
from stretchapp.ui.app import MainWindow
from stretchapp.ui.checkin import FeelingCheckIn
from stretchapp.ui.single_instance import SingleInstance
from stretchapp.ui.tray import Companion
from tests.ui.conftest import open_window
from tests.ui.test_tray_and_instance import child_env


def run_to_the_end(window: MainWindow) -> None:
    player = window.player
    assert player is not None
    if player.session.state is State.READY:
        player.start()
    while player.session.state is not State.FINISHED:
        player.skip()


def test_a_preview_is_not_recorded_in_the_history(qtbot: QtBot, paths: Paths) -> None:
    window = open_window(qtbot, paths, (1100, 760))
    qtbot.mouseClick(window.library_page.new_button, Qt.MouseButton.LeftButton)
    editor = window.builder.editor
    assert editor is not None
    editor.name.setText("Tried out")
    editor.add_stretch("cat-cow")
    qtbot.mouseClick(editor.preview_button, Qt.MouseButton.LeftButton)
    player = window.player
    assert player is not None and player.session.routine.id == "tried-out"
    assert "Preview" in player.note_label.text() and player.note_label.isVisible()
    run_to_the_end(window)
    assert not player.finish_view.findChildren(FeelingCheckIn)  # a try-out asks nothing
    # Its end says nothing is kept (not "What you did is kept") and where the button leads.
    assert player.finish_note.text().startswith("This was a try-out: nothing of it is kept")
    assert player.done_button.text() == "Back to the editor"
    player.escape()  # leaves the finish screen
    assert window.player is None
    assert window.routines_stack.currentWidget() is editor  # back to the builder
    # A real session afterwards is recorded as usual.
    window.start_routine("tried-out")
    run_to_the_end(window)
    window.leave_player()
    window.app.close_history()
    # The real store on disk, read afresh: only the real session is there.
    store, _notice = HistoryStore.open(paths.history_db)
    try:
        rows = store.sessions()
        assert len(rows) == 1
        assert store.count() == 1
    finally:
        store.close()


def test_a_request_on_the_finish_screen_starts_the_routine(qtbot: QtBot, paths: Paths) -> None:
    window = open_window(qtbot, paths)
    window.app.settings.change(checkin_before=False)
    window.start_routine("desk-break")
    run_to_the_end(window)
    request = {"action": "start", "routine": "daily-back-care"}
    assert window.refusal(request) is None
    window.handle_request(request)
    player = window.player
    assert player is not None and player.session.routine.id == "daily-back-care"
    assert player.session.state is State.RUNNING
    window.leave_player()


def test_requests_that_cannot_be_honoured_say_why(qtbot: QtBot, paths: Paths) -> None:
    window = open_window(qtbot, paths)
    window.app.settings.change(checkin_before=False)
    unknown = window.refusal({"action": "start", "routine": "no-such-routine"})
    assert unknown is not None and "no-such-routine" in unknown
    window.start_routine("desk-break")
    running = window.refusal({"action": "start", "routine": "daily-back-care"})
    assert running is not None and "session" in running
    window.handle_request({"action": "start", "routine": "daily-back-care"})
    assert window.player is not None and window.player.session.routine.id == "desk-break"
    assert window.refusal({"action": "show"}) is None
    window.leave_player()
    # A routine being edited with unsaved changes is not thrown away.
    qtbot.mouseClick(window.library_page.new_button, Qt.MouseButton.LeftButton)
    editor = window.builder.editor
    assert editor is not None
    editor.name.setText("Half made")
    editor.add_stretch("cat-cow")
    unsaved = window.refusal({"action": "start", "routine": "desk-break"})
    assert unsaved is not None and "unsaved" in unsaved


def test_a_refused_request_exits_non_zero_with_the_reason(qtbot: QtBot, paths: Paths) -> None:
    first = SingleInstance(paths.config_dir)
    first.check = lambda request: "a session is running: finish or stop it first"
    assert first.claim()
    received: list[object] = []
    first.request_received.connect(received.append)
    try:
        second = subprocess.Popen(
            [sys.executable, "-m", "stretchapp", "start", "desk-break"],
            env=child_env(paths),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=20_000)
        _out, err = second.communicate()
        assert second.returncode == 2, err
        assert "a session is running: finish or stop it first" in err
        assert received == []  # nothing happens in the running copy
    finally:
        first.close()


def test_a_reminders_start_on_the_finish_screen_starts_the_routine(
    qtbot: QtBot, paths: Paths, icon: QIcon
) -> None:
    window = open_window(qtbot, paths)
    window.app.settings.change(checkin_before=False, reminder_routine="daily-back-care")
    companion = Companion(window.app, window, icon, has_tray=False)
    window.start_routine("desk-break")
    run_to_the_end(window)
    companion.start_reminder_routine()
    assert window.player is not None and window.player.session.routine.id == "daily-back-care"
    companion.start_reminder_routine()  # now one is in progress: it goes on undisturbed
    assert window.player.session.state is State.RUNNING
    window.leave_player()
