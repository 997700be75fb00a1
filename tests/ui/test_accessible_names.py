"""Every control a person can reach with Tab has a name a screen reader can say.

The name is what Qt's accessibility layer exposes (QAccessible's Name): a button's own text
counts, and so does the label a form row gives its field; a control with neither needs
setAccessibleName. The walk covers every page: the library, a routine's page, the player
(check-in, session, finish screen), History, each Settings section and the routine editor.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from stretchapp.ui.app import MainWindow
from stretchapp.ui.settings import SECTIONS
from tests.ui.test_history_view import seed


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return ""
    return interface.text(QAccessible.Text.Name).strip()


def describe(widget: QWidget) -> str:
    chain = []
    at: QWidget | None = widget
    while at is not None and len(chain) < 4:
        chain.append(
            f"{type(at).__name__}({at.objectName()})" if at.objectName() else type(at).__name__
        )
        at = at.parentWidget()
    tip = widget.toolTip()
    return " < ".join(chain) + (f" tip={tip!r}" if tip else "")


def unnamed(root: QWidget) -> list[str]:
    """The focusable controls shown in `root` that have no accessible name."""
    QApplication.processEvents()
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or not widget.isEnabled():
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None:  # its proxy is the one reached
            continue
        if not spoken_name(widget):
            found.append(describe(widget))
    return found


def test_every_page_names_every_focusable_control(window: MainWindow, qtbot: QtBot) -> None:
    seed(window.history, days=5)
    missing: dict[str, list[str]] = {}

    def check(page: str) -> None:
        names = unnamed(window)
        if names:
            missing[page] = names

    check("library")
    detail = window.open_routine(window.library.routines[0].id)
    assert detail is not None
    check("a routine's page")
    window.show_library()
    window.nav.setCurrentRow(1)
    check("history")
    window.nav.setCurrentRow(2)
    settings = window.settings_page
    assert settings is not None
    for section in SECTIONS:
        settings.show_section(section)
        check(f"settings: {section}")
    window.nav.setCurrentRow(0)
    editor = window.builder.new_routine()
    assert editor is not None
    editor.add_stretch("cat-cow")
    check("routine editor")
    window.builder.close_editor()
    window.show_library()

    player = window.start_routine(window.library.routines[0].id)
    assert player is not None
    check("player: before check-in")
    if player.session.state.value not in ("running", "paused"):
        player.start()
    check("player: session")
    player.escape()
    check("player: finish screen")
    window.leave_player()

    assert not missing, "focusable controls without an accessible name:\n" + "\n".join(
        f"{page}:\n  " + "\n  ".join(names) for page, names in missing.items()
    )


def test_the_dialogs_name_every_focusable_control(qtbot: QtBot, window: MainWindow) -> None:
    from stretchapp.ui.editor import PathDialog, Question, StretchForm
    from stretchapp.ui.reminder import ReminderPrompt
    from stretchapp.ui.settings import ClinicDialog, SafetyNoteDialog

    missing = {}
    dialogs = (
        StretchForm(),
        ClinicDialog(window.paths, None),
        SafetyNoteDialog(),
        ReminderPrompt("Daily back care", 10, late=False),
        Question("Unsaved changes", "Keep them?", [("save", "Save"), ("discard", "Discard")]),
        PathDialog("Share", "Where to?", "/tmp/a.stretchapp", "Save", save=True, name_filter="*"),
    )
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        names = unnamed(dialog)
        if names:
            missing[type(dialog).__name__] = names
        dialog.close()
    assert not missing, f"focusable controls without an accessible name: {missing}"
