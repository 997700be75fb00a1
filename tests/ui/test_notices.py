"""Success and problems each have one look: success is never warning red and names the
thing in the person's words (not a file path); problems are the warning colour."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from stretchapp.core.palette import LIGHT
from stretchapp.core.paths import Paths
from stretchapp.ui.app import MainWindow


def colour(label: QLabel) -> QColor:
    label.ensurePolished()
    return label.palette().color(QPalette.ColorRole.WindowText)


def test_saving_a_routine_says_so_in_the_success_style(window: MainWindow, qtbot: QtBot) -> None:
    editor = window.builder.new_routine()
    assert editor is not None
    editor.name.setText("Morning loosen-up")
    editor.add_stretch("cat-cow")
    assert window.builder.save()
    said = editor.problems
    assert "Morning loosen-up" in said.text()
    assert str(window.paths.user_routines_dir) not in said.text() and ".yaml" not in said.text()
    assert colour(said) != QColor(LIGHT.warning)
    assert colour(said) == QColor(LIGHT.accent)


def test_a_problem_after_a_success_is_shown_as_a_problem(window: MainWindow) -> None:
    editor = window.builder.new_routine()
    assert editor is not None
    editor.name.setText("Morning loosen-up")
    editor.add_stretch("cat-cow")
    assert window.builder.save()
    editor.name.setText("")
    assert not window.builder.save()
    assert editor.problems.text()
    assert colour(editor.problems) == QColor(LIGHT.warning)


def test_the_library_shows_no_raw_file_path(window: MainWindow, paths: Paths) -> None:
    shown = [label.text() for label in window.library_page.findChildren(QLabel)]
    assert not [t for t in shown if str(paths.user_routines_dir) in t or str(paths.config_dir) in t]


def test_a_routine_that_cannot_be_deleted_is_a_problem_notice(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchapp.ui import editor as editor_module

    editor = window.builder.new_routine()
    assert editor is not None
    editor.name.setText("Stuck one")
    editor.add_stretch("cat-cow")
    assert window.builder.save()

    def refuse(*_args: object) -> object:
        raise OSError("read-only folder")

    monkeypatch.setattr(editor_module, "delete_routine", refuse)
    window.builder.delete("stuck-one")
    problem = window.library_page.notices[-1]
    assert problem.property("kind") == "problem"
    window.show_library()
    qtbot.waitUntil(problem.isVisible)
    left = problem.grab().toImage().pixelColor(2, problem.height() // 2)
    assert left == QColor(LIGHT.warning)
    monkeypatch.undo()
    window.builder.delete("stuck-one")
    done = window.library_page.notices[-1]
    assert done.property("kind") != "problem"


def test_problems_with_files_use_the_problem_look_everywhere(
    qtbot: QtBot, paths: Paths, window: MainWindow
) -> None:
    """The settings page's file problems and the history page's notice are problems."""
    from tests.ui.test_settings_page import CLINIC, make_page

    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.user_clinic_file.write_text(CLINIC + "website: 'javascript:alert(1)'\n")
    page = make_page(qtbot, paths)
    assert page.clinic.notice is not None
    assert page.clinic.notice.property("kind") == "problem"
    window.nav.setCurrentRow(1)
    assert window.history_page is not None
    assert window.history_page.notice.property("kind") == "problem"
