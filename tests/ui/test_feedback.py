"""Feedback a person expects: exports say where the file went and open it; snooze says until
when; Settings says when the next reminder comes (issue 14)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
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


# ---- reminders: until when, the next one, a test one, closing without a tray ----------------


def test_the_status_says_today_and_how_long_until(qtbot: QtBot) -> None:
    from stretchapp.core.reminders import ReminderPlan, parse_time
    from stretchapp.ui.reminder import ReminderClock

    zone = datetime.now().astimezone().tzinfo
    now = [datetime(2025, 3, 3, 13, 56, tzinfo=zone)]
    clock = ReminderClock(lambda _now: set(), lambda: False, lambda: now[0])
    clock.set_plan(ReminderPlan(times=(parse_time("13:58"), parse_time("18:00"))))
    assert clock.status() == "Next reminder: today 13:58 (in 2 min)"
    now[0] = datetime(2025, 3, 3, 13, 59, tzinfo=zone)
    clock.timer.timeout.emit()
    assert clock.status() == "Next reminder: today 18:00 (in 4 h 1 min)"
    clock.snooze(10)
    assert clock.status() == "Snoozed until 14:09 (in 10 min)"
    clock.undo_snooze()
    assert clock.snoozed_until is None
    clock.timer.stop()


def remind_now(companion: object) -> None:
    from stretchapp.core.reminders import Reminder

    now = datetime.now().astimezone()
    companion.remind(Reminder(at=now, scheduled=now))  # type: ignore[attr-defined]


def test_snooze_says_until_when_and_undo_brings_the_prompt_back(
    window: MainWindow, qtbot: QtBot, icon: object
) -> None:
    from stretchapp.ui.tray import Companion

    companion = Companion(window.app, window, icon, has_tray=False)  # type: ignore[arg-type]
    window.app.settings.change(reminders=True, snooze_minutes=15)
    remind_now(companion)
    assert companion.prompt is not None
    companion.prompt.snooze_button.click()
    until = companion.clock.snoozed_until
    assert until is not None
    notice = window.library_page.notices[-1]
    shown = " ".join(texts(notice))
    # ("tomorrow 00:05" when the snooze runs past midnight: the time is what must be there)
    assert "Snoozed until " in shown and f"{until:%H:%M}" in shown
    undo = notice.property("action")
    assert undo.text() == "Undo"
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert companion.clock.snoozed_until is None
    assert companion.prompt is not None and companion.prompt.isVisible()
    window.app.settings.change(reminders=False)


def test_settings_shows_the_next_reminder_and_sends_a_test_one(
    window: MainWindow, qtbot: QtBot, icon: object
) -> None:
    from stretchapp.ui.tray import Companion

    companion = Companion(window.app, window, icon, has_tray=False)  # type: ignore[arg-type]
    window.app.settings.change(reminders=True)
    page = window.open_settings("Preferences")
    prefs = page.preferences
    assert prefs.reminder_status.isVisible()
    assert prefs.reminder_status.text().startswith("Next reminder: ")
    assert "(in " in prefs.reminder_status.text()
    assert prefs.status_timer.isActive()  # kept current while shown
    before = companion.clock.next
    qtbot.mouseClick(prefs.test_reminder_button, Qt.MouseButton.LeftButton)
    assert companion.prompt is not None and companion.prompt.isVisible()
    companion.prompt.snooze_button.click()  # a test changes nothing in the schedule
    assert companion.clock.snoozed_until is None and companion.clock.next == before
    window.app.settings.change(reminders=False)


def test_closing_without_a_tray_asks_to_keep_the_window_or_quit(
    window: MainWindow, qtbot: QtBot, icon: object
) -> None:
    from stretchapp.ui.dialogs import Question
    from stretchapp.ui.tray import Companion

    Companion(window.app, window, icon, has_tray=False)  # type: ignore[arg-type]
    window.app.settings.change(reminders=True)
    window.close()
    assert window.isVisible()
    [ask] = visible(window, Question)
    keep = next(b for b in ask.buttons if b.text() == "Keep window open")
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert window.isVisible()
    window.close()
    [ask] = visible(window, Question)
    quit_button = next(b for b in ask.buttons if b.text() == "Quit")
    qtbot.mouseClick(quit_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()
    window.app.settings.change(reminders=False)


# ---- the clinic: words for a patient, a reset that says what it does, problems at the field --

CLINIC = """\
name: Riverside Back Care
phone: "+1 555 0100"
"""


def clinic_section(qtbot: QtBot, paths: Paths) -> object:
    from stretchapp.ui.settings.clinic import ClinicSection

    section = ClinicSection(paths)
    qtbot.addWidget(section)
    section.resize(900, 700)
    section.show()
    return section


def test_an_empty_clinic_file_speaks_to_the_patient(
    qtbot: QtBot, paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bundled-clinic.yaml"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setattr(Paths, "bundled_clinic_file", property(lambda self: empty))
    section = clinic_section(qtbot, paths)
    shown = "\n".join(texts(section))
    assert "No clinic details yet" in shown
    for technical in ("site-packages", "docs/", ".yaml", str(tmp_path)):
        assert technical not in shown


def test_reset_says_it_leaves_no_clinic_when_none_came_with_the_app(
    qtbot: QtBot, paths: Paths
) -> None:
    from stretchapp.ui.dialogs import Question

    paths.config_dir.mkdir(parents=True)
    paths.user_clinic_file.write_text(CLINIC, encoding="utf-8")
    section = clinic_section(qtbot, paths)
    reset = section.action_buttons["reset"]  # type: ignore[attr-defined]
    assert "came with the app" not in reset.text()
    reset.click()
    [question] = visible(section, Question)
    said = " ".join(texts(question))
    assert "no clinic" in said.lower() and "came with the app" not in said


def test_reset_names_the_clinic_that_came_with_the_app(
    qtbot: QtBot, paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchapp.ui.dialogs import Question

    bundled = tmp_path / "bundled-clinic.yaml"
    bundled.write_text('name: Harbour Physio\nphone: "0100"\n', encoding="utf-8")
    monkeypatch.setattr(Paths, "bundled_clinic_file", property(lambda self: bundled))
    paths.config_dir.mkdir(parents=True)
    paths.user_clinic_file.write_text(CLINIC, encoding="utf-8")
    section = clinic_section(qtbot, paths)
    section.action_buttons["reset"].click()  # type: ignore[attr-defined]
    [question] = visible(section, Question)
    assert "Harbour Physio" in " ".join(texts(question))


def test_a_bad_clinic_field_is_marked_at_the_field(qtbot: QtBot, paths: Paths) -> None:
    from stretchapp.ui.settings.clinic import ClinicDialog

    dialog = ClinicDialog(paths, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.inputs["phone"].setText("call me")  # type: ignore[union-attr]
    dialog.inputs["website"].setText("javascript:alert(1)")  # type: ignore[union-attr]
    assert not dialog.save()
    for name in ("phone", "website"):
        field = dialog.inputs[name]
        assert field.property("problem") is True
        assert dialog.field_problems[name].isVisible()
        assert dialog.field_problems[name].text()
        assert dialog.field_problems[name].text() in field.accessibleDescription()
    assert not dialog.field_problems["email"].isVisible()
    assert dialog.focusWidget() is dialog.inputs["phone"]  # the first one to fix
    dialog.inputs["phone"].setText("0123 456")  # type: ignore[union-attr]
    dialog.inputs["website"].setText("https://example.org")  # type: ignore[union-attr]
    assert dialog.save()


# ---- one page frame: titles in one place, Settings as wide as History -----------------------


def page_title(window: MainWindow, text: str) -> QLabel:
    [title] = [
        label
        for label in window.findChildren(QLabel)
        if label.objectName() == "h1" and label.text() == text and label.isVisible()
    ]
    return title


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)])
def test_titles_sit_in_one_place_and_settings_is_as_wide_as_history(
    qtbot: QtBot, paths: Paths, size: tuple[int, int]
) -> None:
    from conftest import open_window  # tests/ui/conftest.py
    from PySide6.QtCore import QPoint

    store, _ = HistoryStore.open(paths.history_db)
    store.add_session(datetime.now().astimezone() - timedelta(days=1), "daily", "Daily")
    store.close()
    window = open_window(qtbot, paths, size)
    places = {}
    for row, title in enumerate(("Routines", "History", "Settings")):
        window.nav.setCurrentRow(row)
        label = page_title(window, title)
        places[title] = label.mapTo(window, QPoint(0, 0))
    assert len(set(places.values())) == 1, places
    window.nav.setCurrentRow(1)
    history = window.findChild(HistoryPage)
    assert history is not None
    table = history.table
    history_right = table.mapTo(window, QPoint(table.width(), 0)).x()
    window.nav.setCurrentRow(2)
    settings = window.settings_page
    assert settings is not None
    [card] = [c for c in settings.preferences.findChildren(QWidget, "card") if c.isVisible()][:1]
    card_right = card.mapTo(window, QPoint(card.width(), 0)).x()
    bar = window.style().pixelMetric(window.style().PixelMetric.PM_ScrollBarExtent)
    assert abs(card_right - history_right) <= bar + 2, (card_right, history_right)


def test_the_status_follows_reminders_turned_on_in_the_pane(
    window: MainWindow, qtbot: QtBot, icon: object
) -> None:
    from stretchapp.ui.tray import Companion

    prefs = window.open_settings("Preferences").preferences
    Companion(window.app, window, icon, has_tray=False)  # type: ignore[arg-type]
    window.app.settings.change(reminders=True)
    qtbot.waitUntil(lambda: prefs.reminder_status.text().startswith("Next reminder: "))
    assert prefs.test_reminder_button.isVisible()
    window.app.settings.change(reminders=False)
    assert not prefs.reminder_status.isVisible() and not prefs.status_timer.isActive()


def test_marked_clinic_fields_keep_their_height_in_a_small_window(
    qtbot: QtBot, paths: Paths
) -> None:
    from conftest import open_window  # tests/ui/conftest.py

    window = open_window(qtbot, paths, (800, 600))
    dialog = window.open_settings("Your clinic").clinic.edit()
    dialog.inputs["phone"].setText("call me")  # type: ignore[union-attr]
    dialog.inputs["website"].setText("javascript:x")  # type: ignore[union-attr]
    assert not dialog.save()
    QApplication.processEvents()  # the layout settles with the problems shown
    for name in ("phone", "website"):
        field = dialog.inputs[name]
        assert field.height() >= field.sizeHint().height() - 2, (name, field.height())
    dialog.reject()


def test_prose_in_a_wide_settings_page_wraps_at_a_readable_width(
    qtbot: QtBot, paths: Paths
) -> None:
    from conftest import open_window  # tests/ui/conftest.py

    from stretchapp.ui.widgets import READABLE_TEXT

    window = open_window(qtbot, paths, (1920, 1080))
    relief = window.open_settings("Relief options").relief
    QApplication.processEvents()
    card = relief.cards[0]
    assert card.width() <= READABLE_TEXT + 40  # the column is as wide as a readable line
    assert card.mapTo(window, card.rect().topLeft()).x() < 400  # at the left, as other pages
    wrapped = [label for label in card.findChildren(QLabel) if label.wordWrap()]
    assert wrapped and max(label.width() for label in wrapped) <= READABLE_TEXT
