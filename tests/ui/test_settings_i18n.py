"""The Settings pane in the person's language, and the offer to restart for a new language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from layout_checks import overflowing  # tests/ui/layout_checks.py
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QTimeEdit, QWidget
from pytestqt.qtbot import QtBot

from stretchapp.core import i18n
from stretchapp.core.paths import Paths
from stretchapp.core.settings import SettingsStore, check_setting
from stretchapp.ui.controller import SettingsModel
from stretchapp.ui.dialogs import Question
from stretchapp.ui.settings import ClinicDialog, SettingsPage
from stretchapp.ui.settings import restart as ui_restart

ROUTINES = [("daily-back-care", "Daily back care")]

CLINIC = """\
version: 1
name: Rückenpraxis am Fluss
phone: "+49 30 1234567"
email: termine@rueckenpraxis-am-fluss.example.de
address: Hauptstraße 123, 10115 Berlin
website: https://rueckenpraxis-am-fluss.example.de
hours:
  - Mo–Fr 8:00–18:00
"""


def make_page(qtbot: QtBot, paths: Paths, restarts: list[str] | None = None) -> SettingsPage:
    store = SettingsStore(paths)
    settings, messages = store.load()
    model = SettingsModel(store, settings, messages)
    restart = (lambda: restarts.append("restart")) if restarts is not None else None
    page = SettingsPage(paths, model, ROUTINES, restart=restart)
    qtbot.addWidget(page)
    page.resize(800, 600)
    return page


def texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


# ---- German ---------------------------------------------------------------------------------


def test_preferences_speak_german(qtbot: QtBot, paths: Paths) -> None:
    i18n.activate("de")
    page = make_page(qtbot, paths)
    assert [tab.text() for tab in page.tabs] == [
        "Allgemein",
        "Möglichkeiten zur Linderung",
        "Ihre Praxis",
        "Über Rückenkrämpfe",
    ]
    assert page.tabs[2].accessibleName() == "Bereich Ihre Praxis"
    shown = texts(page.preferences)
    assert "Einstellungen" in texts(page)  # the page's heading
    for words in ("Erinnerungen", "Aussehen und Start", "Sprache", "Ans Dehnen erinnern"):
        assert words in shown
    theme = page.preferences.controls["theme"]
    assert isinstance(theme, QComboBox)
    assert [theme.itemText(i) for i in range(theme.count())] == ["Wie das System", "Hell", "Dunkel"]
    language = page.preferences.controls["language"]
    assert isinstance(language, QComboBox)
    # Every language keeps its own name; only "System default" is translated.
    assert [language.itemText(i) for i in range(language.count())] == [
        "Systemstandard",
        "English",
        "Deutsch",
        "Français",
        "Español",
    ]
    snooze = page.preferences.controls["snooze_minutes"]
    assert isinstance(snooze, QSpinBox) and snooze.text() == "10 Min."
    assert page.preferences.value_labels["volume"].text() == "70 %"
    assert page.preferences.controls["reminders"].accessibleName() == "Ans Dehnen erinnern"


def test_weekdays_in_german_from_monday(qtbot: QtBot, paths: Paths) -> None:
    i18n.activate("de")
    page = make_page(qtbot, paths)
    page.change(reminders=True)
    buttons = page.preferences.day_buttons
    assert [b.text() for b in buttons] == ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]
    assert buttons[0].accessibleName() == "Montag"
    with qtbot.waitSignal(page.settings_changed):
        buttons[6].click()  # Sonntag off
    assert page.settings.reminder_days == ("mon", "tue", "wed", "thu", "fri", "sat")


def test_american_week_starts_on_sunday_and_clock_has_am_pm(qtbot: QtBot, paths: Paths) -> None:
    i18n.activate("system", {"LANG": "en_US.UTF-8"})
    page = make_page(qtbot, paths)
    page.change(reminders=True)
    buttons = page.preferences.day_buttons
    assert [b.text() for b in buttons][:2] == ["Sun", "Mon"]
    with qtbot.waitSignal(page.settings_changed):
        buttons[0].click()  # Sunday off: the setting still lists days Monday first
    assert page.settings.reminder_days == ("mon", "tue", "wed", "thu", "fri", "sat")
    edit = page.preferences.controls["reminder_from"]
    assert isinstance(edit, QTimeEdit) and edit.text() == "9:00 AM"
    with qtbot.waitSignal(page.settings_changed):
        edit.setTime(edit.time().addSecs(9 * 3600))  # 6:00 PM
    assert page.settings.reminder_from == "18:00"  # the file keeps HH:MM


def test_a_wrong_day_is_said_in_german(qtbot: QtBot, paths: Paths) -> None:
    i18n.activate("de")
    value, problem = check_setting("reminder_days", ["mon", "someday"])
    assert value is None and problem is not None
    assert problem.startswith("'someday' ist kein Tag (eine Liste von Tagen: mon, tue")


def test_clinic_card_and_form_in_german(qtbot: QtBot, paths: Paths) -> None:
    i18n.activate("de")
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.user_clinic_file.write_text(CLINIC, encoding="utf-8")
    page = make_page(qtbot, paths)
    page.show_section("Your clinic")
    shown = texts(page.clinic)
    for words in ("Telefon", "E-Mail", "Adresse", "Website", "Öffnungszeiten"):
        assert words in shown
    assert page.clinic.action_buttons["book"].text() == "Termin buchen"
    assert page.clinic.action_buttons["call"].accessibleName() == "+49 30 1234567 anrufen"
    assert page.clinic.action_buttons["own"].text() == "Meine Praxis bearbeiten…"

    dialog = ClinicDialog(paths, None)
    qtbot.addWidget(dialog)
    dialog.inputs["phone"].setText("ruf mich an")  # type: ignore[union-attr]
    assert not dialog.save()
    assert dialog.notice.title.text() == "Bitte prüfen Sie diese Angaben:"
    assert "Telefon: 'ruf mich an' ist keine Telefonnummer" in dialog.notice.details.text()
    assert dialog.save_button.text() == "Speichern"
    assert dialog.inputs["name"].placeholderText() == "z. B. Rückenpraxis am Fluss"
    assert dialog.inputs["website"].placeholderText() == "z. B. https://example.org"


def test_contact_titles_go_above_their_values_when_narrow(qtbot: QtBot, paths: Paths) -> None:
    i18n.activate("en@pseudo")  # every text 40 % longer
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.user_clinic_file.write_text(CLINIC, encoding="utf-8")
    page = make_page(qtbot, paths)
    page.show_section("Your clinic")
    page.show()
    qtbot.waitExposed(page)
    page.resize(560, 600)
    call = page.clinic.action_buttons["call"]
    phone = i18n.pseudo("Phone")
    [phone_title] = [t for t in page.clinic.findChildren(QLabel) if t.text() == phone]

    def where(widget: QWidget) -> tuple[int, int]:
        point = widget.mapTo(page, widget.rect().topLeft())
        return point.x(), point.y()

    def above() -> bool:  # narrow: the title over its value, both from the left edge
        (tx, ty), (vx, vy) = where(phone_title), where(call)
        return tx == vx and ty < vy

    qtbot.waitUntil(above)
    assert overflowing(page.clinic) == []
    page.resize(1200, 800)
    qtbot.waitUntil(lambda: where(phone_title)[0] < where(call)[0])  # beside again


def test_tabs_take_two_rows_when_their_names_are_long(qtbot: QtBot, paths: Paths) -> None:
    i18n.activate("en@pseudo")
    page = make_page(qtbot, paths)
    language = page.preferences.controls["language"]
    assert isinstance(language, QComboBox)  # the languages' own names are never translated
    assert [language.itemText(i) for i in range(1, 5)] == list(i18n.LANGUAGES.values())
    page.show()
    qtbot.waitExposed(page)
    page.resize(600, 600)

    def whole() -> bool:  # every tab at its full width, inside the page
        return all(
            tab.isVisible()
            and tab.width() >= tab.sizeHint().width()
            and tab.mapTo(page, tab.rect().topRight()).x() <= page.width()
            for tab in page.tabs
        )

    qtbot.waitUntil(lambda: page.width() == 600 and whole())
    assert len({tab.y() for tab in page.tabs}) == 2
    page.resize(1400, 600)
    qtbot.waitUntil(lambda: len({tab.y() for tab in page.tabs}) == 1)
    xs = [tab.x() for tab in page.tabs]
    assert xs == sorted(xs)  # still in their order


# ---- the restart offer ----------------------------------------------------------------------


def choose_language(qtbot: QtBot, page: SettingsPage, code: str) -> None:
    combo = page.preferences.controls["language"]
    assert isinstance(combo, QComboBox)
    with qtbot.waitSignal(page.settings_changed):
        combo.setCurrentIndex(combo.findData(code))


def visible_question(page: SettingsPage) -> Question:
    [question] = [q for q in page.findChildren(Question) if q.isVisible()]
    return question


def test_a_new_language_offers_to_restart_now(qtbot: QtBot, paths: Paths) -> None:
    restarts: list[str] = []
    page = make_page(qtbot, paths, restarts)
    page.show()
    choose_language(qtbot, page, "de")
    question = visible_question(page)
    shown = texts(question)
    assert "Restart StretchApp now?" in shown
    # Said in the chosen language too, for a person who reads only that one.
    assert any("Die neue Sprache gilt" in text for text in shown)
    # The buttons too, with the focus on the one Enter presses.
    assert [b.text() for b in question.buttons] == [
        "Later / Später",
        "Restart now / Jetzt neu starten",
    ]
    qtbot.waitUntil(question.buttons[1].hasFocus)
    assert SettingsStore(paths).load()[0].language == "de"  # saved before restarting
    qtbot.mouseClick(question.buttons[1], Qt.MouseButton.LeftButton)
    assert restarts == ["restart"]


def test_later_leaves_a_note_on_the_language_row(qtbot: QtBot, paths: Paths) -> None:
    restarts: list[str] = []
    page = make_page(qtbot, paths, restarts)
    page.show()
    note = page.preferences.restart_note
    assert note is not None and not note.isVisible()
    choose_language(qtbot, page, "fr")
    qtbot.mouseClick(visible_question(page).buttons[0], Qt.MouseButton.LeftButton)
    assert restarts == []
    assert note.isVisible() and note.text() == "Applies when StretchApp starts again."
    # Back to the language in use: nothing to restart for, no note, no question.
    choose_language(qtbot, page, "en")
    assert not note.isVisible()
    assert [q for q in page.findChildren(Question) if q.isVisible()] == []


def test_the_same_language_by_another_name_asks_nothing(qtbot: QtBot, paths: Paths) -> None:
    i18n.activate("system", {"LANG": "de_DE.UTF-8"})
    restarts: list[str] = []
    page = make_page(qtbot, paths, restarts)
    page.show()
    choose_language(qtbot, page, "de")  # the system's German, now chosen by name
    assert [q for q in page.findChildren(Question) if q.isVisible()] == []
    assert restarts == []


# ---- restarting -----------------------------------------------------------------------------


def test_restart_command_is_the_command_that_started_us() -> None:
    run = ui_restart.restart_command
    started = ["/usr/bin/python3", "-m", "stretchapp", "--theme", "dark"]
    argv = ["/src/stretchapp/__main__.py", "--theme", "dark"]
    assert run(argv, "/usr/bin/python3", False, started) == started
    assert run(["/bin/stretchapp"], "/bin/python3", False, []) == [
        "/bin/python3",
        "/bin/stretchapp",
    ]
    frozen = run(["/opt/StretchApp/stretchapp", "gui"], "/opt/StretchApp/stretchapp", True, [])
    assert frozen == ["/opt/StretchApp/stretchapp", "gui"]


class FakeWindow(QWidget):
    def __init__(self, closes: bool) -> None:
        super().__init__()
        self.closes = closes

    def quit_app(self) -> None:
        if self.closes:
            self.hide()


@pytest.mark.parametrize("closes", [True, False])
def test_restart_quits_then_runs_the_command_again(qtbot: QtBot, closes: bool) -> None:
    window = FakeWindow(closes)
    qtbot.addWidget(window)
    window.show()
    hooks: list[object] = []
    order: list[str] = []

    def execute(path: str, argv: list[str]) -> None:
        order.append(f"exec {path} {' '.join(argv)}")

    restarted = ui_restart.restart_app(
        window,
        ["/usr/bin/python3", "-m", "stretchapp"],
        execute,
        register=hooks.append,
        unregister=hooks.remove,
        run_others=lambda: order.append("other exit handlers"),
    )
    assert restarted is closes
    if not closes:  # the window asked something first: no restart, now or at exit
        assert hooks == []
        return
    [again] = hooks
    assert not window.isVisible()
    again()  # as Python exits
    assert order == ["other exit handlers", "exec /usr/bin/python3 /usr/bin/python3 -m stretchapp"]


def test_the_restart_runs_with_no_console_streams(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows' windowed build has no stdout or stderr (None): the restart still happens."""
    window = FakeWindow(closes=True)
    qtbot.addWidget(window)
    hooks: list[Callable[[], None]] = []
    ran: list[list[str]] = []
    assert ui_restart.restart_app(
        window,
        ["stretchapp.exe"],
        lambda _path, argv: ran.append(argv),
        register=hooks.append,
        unregister=hooks.remove,
        run_others=list,
    )
    monkeypatch.setattr("sys.stdout", None)
    monkeypatch.setattr("sys.stderr", None)
    hooks[0]()
    assert ran == [["stretchapp.exe"]]


def test_the_restart_goes_through_the_systems_own_way(qtbot: QtBot) -> None:
    """Without an `execute` given, the restart asks the platform (a new process on Windows)."""
    from stretchapp.core import platform
    from stretchapp.core.platform.windows import WindowsPlatform

    spawned: list[list[str]] = []
    hooks: list[Callable[[], None]] = []
    platform.use(WindowsPlatform(spawn=lambda argv, **_kw: spawned.append(argv)))
    try:
        window = FakeWindow(closes=True)
        qtbot.addWidget(window)
        command = [r"C:\Program Files\StretchApp\stretchapp.exe"]
        assert ui_restart.restart_app(
            window, command, register=hooks.append, unregister=hooks.remove, run_others=list
        )
        hooks[0]()
    finally:
        platform.use(None)
    assert spawned == [command]


def test_the_restart_really_starts_the_same_command_again(tmp_path: Path) -> None:
    """The exit hook in a real Python process: it replaces itself with the command."""
    import subprocess
    import sys

    marker = tmp_path / "ran"
    again = f"open({str(marker)!r}, 'w')"
    script = (
        "import sys\n"
        "from stretchapp.ui.settings import restart\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        f"restart.restart_app(None, [sys.executable, '-c', {again!r}])\n"
    )
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", script], check=True, env=env, timeout=60)
    assert marker.exists()
