"""The window-wide shortcuts (sections, undo, quit), bound from the one table in core/keys.py."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QListWidget, QPushButton, QStackedWidget, QWidget

from stretchapp.core.keys import EVERYWHERE, Shortcut, shortcuts


class Session(Protocol):
    """What the shortcuts use of the session on screen (ui/player.py's PlayerPage)."""

    def is_over(self) -> bool: ...


class MainWindow(Protocol):
    """What the shortcuts use of the main window (ui/app.py imports this module)."""

    @property
    def player(self) -> Session | None: ...  # the session on screen, or None

    def leave_player(self) -> None: ...

    @property
    def nav(self) -> QListWidget: ...

    @property
    def stack(self) -> QStackedWidget: ...

    def quit_app(self) -> None: ...


def key_sequences(shortcut: Shortcut) -> list[QKeySequence]:
    """The platform's standard key where there is one (Cmd on macOS), else the keys given
    (Windows, for one, has no standard Quit: Ctrl+Q it is)."""
    if shortcut.standard:
        standard = QKeySequence(getattr(QKeySequence.StandardKey, shortcut.standard))
        if not standard.isEmpty():
            return [standard]
    return [QKeySequence(key) for key in shortcut.keys]


def bind(parent: QWidget, shortcut: Shortcut, action: object) -> list[QShortcut]:
    """QShortcuts on `parent` (window-wide) for one declared shortcut."""
    made = []
    for sequence in key_sequences(shortcut):
        made_one = QShortcut(sequence, parent)
        made_one.setContext(Qt.ShortcutContext.WindowShortcut)
        made_one.activated.connect(action)
        made.append(made_one)
    return made


def install(window: MainWindow) -> list[QShortcut]:
    """Ctrl+1/2/3 for the sections, Ctrl+Z for the last delete's Undo, Ctrl+Q to quit."""
    assert isinstance(window, QWidget)
    keys = shortcuts(EVERYWHERE)
    made: list[QShortcut] = []
    for row, name in enumerate(("routines", "history", "settings")):
        made += bind(window, keys[name], lambda row=row: go_to_section(window, row))
        item = window.nav.item(row)
        if item is not None:  # the sidebar says its keys
            keys_text = key_sequences(keys[name])[0].toString(
                QKeySequence.SequenceFormat.NativeText
            )
            item.setToolTip(f"{item.text()} ({keys_text})")
    made += bind(window, keys["undo"], lambda: undo_last_delete(window))
    made += bind(window, keys["quit"], window.quit_app)
    return made


def go_to_section(window: MainWindow, row: int) -> None:
    """A session has the whole window; once it is over (its finish screen), Ctrl+1/2/3 leave
    it for their section, as *Back to routines* does for the first."""
    if row >= window.nav.count():
        return
    if window.player is not None and window.player.is_over():
        window.leave_player()
    if window.player is None:
        window.nav.setCurrentRow(row)


def undo_button(window: MainWindow) -> QPushButton | None:
    """The Undo on screen (a deleted session, a deleted or replaced routine), if any."""
    page = window.stack.currentWidget()
    for button in page.findChildren(QPushButton) if page is not None else []:
        if button.property("undo") and button.isVisible() and button.isEnabled():
            return button
    return None


def undo_last_delete(window: MainWindow) -> bool:
    button = undo_button(window)
    if button is None:
        return False
    button.click()
    return True
