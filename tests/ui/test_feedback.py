"""Feedback a person expects: exports say where the file went and open it; snooze says until
when; Settings says when the next reminder comes (issue 14)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from stretchapp.core.history import HistoryStore
from stretchapp.core.palette import LIGHT
from stretchapp.core.paths import Paths
from stretchapp.ui import dialogs
from stretchapp.ui.app import MainWindow
from stretchapp.ui.dialogs import SavedDialog
from stretchapp.ui.history import HistoryPage


def texts(widget: object) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]  # type: ignore[attr-defined]


def visible(widget: object, kind: type) -> list:  # type: ignore[type-arg]
    return [d for d in widget.findChildren(kind) if d.isVisible()]  # type: ignore[attr-defined]


@pytest.fixture
def page(qtbot: QtBot, paths: Paths) -> HistoryPage:
    store, _ = HistoryStore.open(paths.history_db)
    store.add_session(datetime.now().astimezone() - timedelta(days=1), "daily", "Daily")
    p = HistoryPage(store, LIGHT)
    qtbot.addWidget(p)
    p.resize(1000, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """What the desktop was asked to open (it opens nothing in the tests)."""
    asked: list[Path] = []

    def fake(path: Path) -> bool:
        asked.append(path)
        return True

    monkeypatch.setattr(dialogs, "open_local", fake)
    return asked


def test_a_csv_export_names_the_file_and_offers_open_and_folder(
    page: HistoryPage, tmp_path: Path, opened: list[Path], qtbot: QtBot
) -> None:
    target = tmp_path / "all.csv"
    assert page.export_csv_to(target) == 1
    [saved] = visible(page, SavedDialog)
    assert any("all.csv" in t for t in texts(saved))
    qtbot.mouseClick(saved.open_button, Qt.MouseButton.LeftButton)
    assert opened == [target] and not saved.problem.isVisible()
    qtbot.mouseClick(saved.folder_button, Qt.MouseButton.LeftButton)
    assert opened == [target, tmp_path]


def test_a_report_export_names_the_file(page: HistoryPage, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    today = date.today()
    assert page.export_report_to(target, today - timedelta(days=30), today)
    [saved] = visible(page, SavedDialog)
    assert any("report.pdf" in t for t in texts(saved))


def test_a_file_that_cannot_be_opened_says_so_and_offers_its_path(
    page: HistoryPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    monkeypatch.setattr(dialogs, "open_local", lambda path: False)
    target = tmp_path / "all.csv"
    page.export_csv_to(target)
    [saved] = visible(page, SavedDialog)
    assert not saved.copy_button.isVisible()
    qtbot.mouseClick(saved.open_button, Qt.MouseButton.LeftButton)
    assert saved.problem.isVisible() and "could not" in saved.problem.text()
    qtbot.mouseClick(saved.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == str(target)


def test_a_failed_export_shows_no_saved_dialog(page: HistoryPage, tmp_path: Path) -> None:
    folder = tmp_path / "taken.csv"
    folder.mkdir()  # a folder where the file should go: it cannot be written
    assert page.export_csv_to(folder) is None
    assert not visible(page, SavedDialog)
    assert page.notice.isVisible()


def test_buttons_have_names(page: HistoryPage, tmp_path: Path) -> None:
    page.export_csv_to(tmp_path / "all.csv")
    [saved] = visible(page, SavedDialog)
    for button in saved.findChildren(QPushButton):
        assert button.accessibleName()


def test_a_shared_routine_names_its_file_and_offers_open(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, opened: list[Path]
) -> None:
    page = window.open_routine("desk-break")
    assert page is not None
    qtbot.mouseClick(page.action_buttons["export"], Qt.MouseButton.LeftButton)
    [ask] = visible(window, dialogs.PathDialog)
    out = tmp_path / "plan.stretchapp"
    ask.path.setText(str(out))
    qtbot.keyClick(ask.path, Qt.Key.Key_Return)
    [saved] = visible(window, SavedDialog)
    assert any("plan.stretchapp" in t for t in texts(saved))
    qtbot.mouseClick(saved.folder_button, Qt.MouseButton.LeftButton)
    assert opened == [tmp_path]
