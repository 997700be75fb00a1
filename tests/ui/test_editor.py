"""The routine builder as a person uses it: keys and clicks, inside the window (offscreen)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from stretchapp.core.paths import Paths
from stretchapp.core.routines import ENTRY_FIELDS, ROUTINE_FIELDS, STRETCH_FIELDS, Source
from stretchapp.core.schema import Field, field_named
from stretchapp.ui.app import MainWindow
from stretchapp.ui.dialogs import PathDialog, Question
from stretchapp.ui.editor import ImportDialog, RoutineEditorPage, StretchForm
from tests.core.test_editing import png
from tests.ui.conftest import open_window


@pytest.fixture
def window(qtbot: QtBot, paths: Paths) -> MainWindow:
    return open_window(qtbot, paths, (1200, 800))


def open_new(window: MainWindow, qtbot: QtBot) -> RoutineEditorPage:
    qtbot.mouseClick(window.library_page.new_button, Qt.MouseButton.LeftButton)
    editor = window.builder.editor
    assert editor is not None and window.routines_stack.currentWidget() is editor
    return editor


def entry_ids(editor: RoutineEditorPage) -> list[str]:
    return [e.stretch_id for e in editor.draft.entries]


def only(window: MainWindow, kind: type) -> object:
    found = [w for w in window.findChildren(kind) if w.isVisible()]
    assert len(found) == 1, found
    return found[0]


def test_build_a_routine_with_keys_and_clicks(
    window: MainWindow, qtbot: QtBot, paths: Paths, tmp_path: Path
) -> None:
    editor = open_new(window, qtbot)
    assert editor.empty_hint.isVisible()
    qtbot.keyClicks(editor.name, "Morning plan")
    # Search, Enter adds the first match.
    qtbot.keyClicks(editor.filter, "cat-cow")
    qtbot.keyClick(editor.filter, Qt.Key.Key_Return)
    editor.filter.clear()
    row = next(
        i
        for i in range(editor.picker.count())
        if editor.picker.item(i).data(Qt.ItemDataRole.UserRole) == "childs-pose"
    )
    editor.picker.setCurrentRow(row)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert entry_ids(editor) == ["cat-cow", "childs-pose"]
    before = editor.total.text()
    editor.entry_hold.setValue(90)  # child's pose, the selected entry
    assert editor.draft.entries[1].hold == 90
    assert editor.total.text() != before  # the total follows
    # Reorder with keys: Alt+Up moves child's pose first.
    qtbot.keyClick(editor.entries, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert entry_ids(editor) == ["childs-pose", "cat-cow"]
    assert editor.entries.item(0).text().startswith("1. Child's pose — Hold 90 s")
    # A stretch of one's own with a picture typed as a path.
    qtbot.mouseClick(editor.new_stretch_button, Qt.MouseButton.LeftButton)
    form = only(window, StretchForm)
    assert isinstance(form, StretchForm)
    qtbot.waitUntil(form.name.hasFocus)  # typing at once goes into the name
    qtbot.keyClicks(form.name, "Wall angel")
    form.steps.setPlainText("Stand with your back to a wall.\nRaise your arms.\nSlide them up.")
    form.sides.setCurrentIndex(1)
    window.resize(800, 600)  # a small window: the form scrolls
    fake = tmp_path / "mine" / "notes.png"
    fake.parent.mkdir(parents=True, exist_ok=True)
    fake.write_text("not a picture")  # a shared routine with it would be refused
    qtbot.keyClicks(form.picture_path, str(fake))
    qtbot.keyClick(form.picture_path, Qt.Key.Key_Return)
    assert form.images() == []
    assert "notes.png cannot be used: named PNG but not a picture" in form.problem.text()
    for _ in range(3):
        QApplication.processEvents()
    assert not form.problem.visibleRegion().isEmpty()  # scrolled into view, under the pictures
    form.picture_path.clear()
    picture = png(tmp_path / "mine" / "wall.png")
    qtbot.keyClicks(form.picture_path, str(picture))
    qtbot.keyClick(form.picture_path, Qt.Key.Key_Return)
    assert form.images() == [picture]
    qtbot.mouseClick(form.ok, Qt.MouseButton.LeftButton)
    assert not form.problem.isVisible(), form.problem.text()
    assert entry_ids(editor) == ["childs-pose", "wall-angel", "cat-cow"]  # after the selected
    # Delete removes the selected one, with an Undo (Ctrl+Z) that puts it back as it was.
    editor.entries.setCurrentRow(2)
    qtbot.keyClick(editor.entries, Qt.Key.Key_Delete)
    assert entry_ids(editor) == ["childs-pose", "wall-angel"]
    assert editor.undo_button.isVisible() and "Removed “Cat-cow”." in editor.problems.text()
    qtbot.keyClick(editor.entries, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert entry_ids(editor) == ["childs-pose", "wall-angel", "cat-cow"]
    assert not editor.undo_button.isVisible()
    editor.entries.setCurrentRow(2)
    qtbot.keyClick(editor.entries, Qt.Key.Key_Delete)
    assert entry_ids(editor) == ["childs-pose", "wall-angel"]
    # Ctrl+S saves; the library shows it, marked Yours.
    qtbot.keyClick(editor.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.draft.dirty, editor.problems.text()
    saved = paths.user_routines_dir / "morning-plan.yaml"
    assert saved.exists()
    assert (paths.user_routines_dir / "morning-plan-images" / "wall-angel-1.png").exists()
    card = next(c for c in window.library_page.cards if c.routine.id == "morning-plan")
    assert card.routine.source is Source.USER
    assert "Yours" in [label.text() for label in card.findChildren(QLabel)]
    assert [e.stretch.id for e in card.routine.entries] == ["childs-pose", "wall-angel"]


def test_drag_and_drop_reorders_the_draft(window: MainWindow, qtbot: QtBot) -> None:
    editor = open_new(window, qtbot)
    for stretch_id in ("cat-cow", "childs-pose", "glute-bridge"):
        editor.add_stretch(stretch_id)
    editor.entries.setCurrentRow(0)
    # What a drop does to the list's model: the first row goes to the end.
    assert editor.entries.model().moveRow(QModelIndex(), 0, QModelIndex(), 3)
    assert entry_ids(editor) == ["childs-pose", "glute-bridge", "cat-cow"]
    qtbot.waitUntil(lambda: editor.entries.item(0).text().startswith("1. Child's pose"))


def test_a_drop_moves_the_very_entry_dragged(window: MainWindow, qtbot: QtBot) -> None:
    """The same stretch twice with different holds: the one dragged is the one that moves."""
    editor = open_new(window, qtbot)
    for _ in range(2):
        editor.add_stretch("childs-pose")
    editor.add_stretch("cat-cow")
    editor.entries.setCurrentRow(1)
    editor.entry_hold.setValue(50)  # the second child's pose holds longer
    holds = [e.hold for e in editor.draft.entries]
    assert holds[1] == 50 and holds[0] != 50
    editor.entries.setCurrentRow(1)
    assert editor.entries.model().moveRow(QModelIndex(), 1, QModelIndex(), 0)
    assert [e.hold for e in editor.draft.entries] == [holds[1], holds[0], holds[2]]
    assert editor.draft.dirty
    qtbot.waitUntil(lambda: editor.entries.item(0).text().startswith("1. Child's pose — Hold 50"))
    assert editor.entries.currentRow() == 0


def test_leaving_with_unsaved_changes_asks(window: MainWindow, qtbot: QtBot, paths: Paths) -> None:
    editor = open_new(window, qtbot)
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)  # nothing typed yet
    assert window.builder.editor is None
    editor = open_new(window, qtbot)
    qtbot.keyClicks(editor.name, "Half done")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    question = only(window, Question)
    assert isinstance(question, Question)
    assert question.parent() is not None  # shown inside the window, not as its own
    assert [b.text() for b in question.buttons] == ["Keep editing", "Discard changes", "Save"]
    qtbot.mouseClick(question.buttons[0], Qt.MouseButton.LeftButton)
    assert window.builder.editor is editor and editor.name.text() == "Half done"
    qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton)
    question = only(window, Question)
    qtbot.mouseClick(question.buttons[1], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert window.builder.editor is None
    assert window.routines_stack.currentWidget() is window.library_page
    assert not paths.user_routines_dir.exists()


def test_a_bundled_routine_is_duplicated_then_edited(window: MainWindow, qtbot: QtBot) -> None:
    page = window.open_routine("desk-break")
    assert page is not None
    assert "edit" not in page.action_buttons and "delete" not in page.action_buttons
    qtbot.mouseClick(page.action_buttons["duplicate"], Qt.MouseButton.LeftButton)
    editor = window.builder.editor
    assert editor is not None and editor.name.text() == "Desk break (my copy)"
    editor.remove_entry(0)
    assert window.builder.save()
    mine = window.library.routine("desk-break-my-copy")
    assert mine is not None and len(mine.entries) == 4
    page = window.open_routine("desk-break-my-copy")
    assert page is not None and {"edit", "delete", "export"} <= set(page.action_buttons)


def test_share_delete_undo_and_import_with_preview(
    window: MainWindow, qtbot: QtBot, paths: Paths, tmp_path: Path
) -> None:
    editor = open_new(window, qtbot)
    editor.name.setText("Shared plan")
    editor.add_stretch("cat-cow")
    assert window.builder.save()
    page = window.open_routine("shared-plan")
    assert page is not None
    qtbot.mouseClick(page.action_buttons["export"], Qt.MouseButton.LeftButton)
    dialog = only(window, PathDialog)
    assert isinstance(dialog, PathDialog)
    out = tmp_path / "plan.stretchapp"
    dialog.path.setText(str(out))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    assert zipfile.ZipFile(out).namelist() == ["routine.yaml"]
    page = window.open_routine("shared-plan")
    assert page is not None
    qtbot.mouseClick(page.action_buttons["delete"], Qt.MouseButton.LeftButton)
    assert window.library.routine("shared-plan") is None
    undo = window.library_page.notices[-1].property("action")
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert window.library.routine("shared-plan") is not None
    # Importing the same file again: the preview says the routine is there unchanged, and
    # Enter cancels; a copy is still one click away.
    dialog = window.builder.import_file(out)
    assert isinstance(dialog, ImportDialog)
    shown = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Shared plan" in shown
    assert (
        "You already have this routine, unchanged: “Shared plan”. Importing it again adds"
        " a copy, “Shared plan (2)”." in shown
    )
    assert dialog.replace_button is None and dialog.import_button is not None
    assert dialog.close_button.isDefault() and dialog.close_button.text() == "Cancel"
    assert dialog.import_button.text() == "Import a copy"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert window.library.routine("shared-plan-2") is not None
    assert window.detail_page is not None and window.detail_page.routine.id == "shared-plan-2"


def test_a_broken_shared_file_shows_its_problems_and_saves_nothing(
    window: MainWindow, paths: Paths, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.stretchapp"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("../../escape.yaml", "version: 1")
    dialog = window.builder.import_file(bad)
    assert dialog.import_button is None
    assert "not a safe file name" in dialog.problems.text()
    # Nothing to import: Close, not Cancel, with the focus, at the dialog's own height.
    assert dialog.close_button.text() == "Close" and dialog.close_button.hasFocus()
    assert dialog.maximumHeight() < window.height()
    dialog.reject()
    assert not paths.user_routines_dir.exists()


def test_a_transition_is_shown_typed_and_saved(window: MainWindow, qtbot: QtBot) -> None:
    page = window.open_routine("gentle-recovery")
    assert page is not None
    qtbot.mouseClick(page.action_buttons["duplicate"], Qt.MouseButton.LeftButton)
    editor = window.builder.editor
    assert editor is not None
    last = len(editor.draft.entries) - 1
    editor.entries.setCurrentRow(last)
    assert editor.entry_transition.text().startswith("Optional: skip this one")
    editor.entries.setCurrentRow(1)  # pelvic tilt: no change of position
    assert editor.entry_transition.text() == ""
    editor.entry_transition.setFocus()
    qtbot.keyClicks(editor.entry_transition, "Stay on your back.")
    assert window.builder.save()
    mine = next(r for r in window.library.routines if r.name == "Gentle days (my copy)")
    assert mine.entries[1].transition == "Stay on your back."
    assert mine.entries[last].transition.startswith("Optional: skip this one")


def test_the_controls_take_their_limits_from_the_format(window: MainWindow, qtbot: QtBot) -> None:
    def bounds(fields: tuple[Field, ...], name: str, unset: bool = False) -> tuple[int, int]:
        f = field_named(fields, name)
        assert f.minimum is not None and f.maximum is not None
        return (f.minimum - 1 if unset else f.minimum), f.maximum

    editor = open_new(window, qtbot)
    assert editor.name.maxLength() == field_named(ROUTINE_FIELDS, "name").max_length
    for spin, expected in (
        (editor.get_ready, bounds(ROUTINE_FIELDS, "get_ready", unset=True)),
        (editor.rest, bounds(ROUTINE_FIELDS, "rest", unset=True)),
        (editor.entry_hold, bounds(ENTRY_FIELDS, "hold")),
        (editor.entry_reps, bounds(ENTRY_FIELDS, "reps")),
        (editor.entry_tempo, bounds(ENTRY_FIELDS, "tempo")),
        (editor.entry_get_ready, bounds(ENTRY_FIELDS, "get_ready", unset=True)),
        (editor.entry_rest, bounds(ENTRY_FIELDS, "rest", unset=True)),
    ):
        assert (spin.minimum(), spin.maximum()) == expected, spin.accessibleName()
    form = StretchForm()
    qtbot.addWidget(form)
    assert form.name.maxLength() == field_named(STRETCH_FIELDS, "name").max_length
    assert form.caution.maxLength() == field_named(STRETCH_FIELDS, "caution").max_length
    for spin, name in ((form.hold, "hold"), (form.reps, "reps"), (form.tempo, "tempo")):
        assert (spin.minimum(), spin.maximum()) == bounds(STRETCH_FIELDS, name)


def test_adding_with_enter_keeps_the_list_of_stretches_in_view(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Enter on a stretch adds it; the routine's list grows above and the page scrolled up to
    it, leaving the keyboard in a list out of sight (at 800x600)."""
    window.resize(800, 600)
    editor = open_new(window, qtbot)
    editor.picker.setFocus()
    editor.picker.setCurrentRow(3)
    qtbot.keyClick(editor.picker, Qt.Key.Key_Return)
    assert len(entry_ids(editor)) == 1
    for _ in range(3):
        QApplication.processEvents()
    assert editor.picker.hasFocus()
    assert not editor.picker.visibleRegion().isEmpty()
