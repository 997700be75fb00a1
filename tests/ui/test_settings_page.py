"""The Settings pane: controls change the settings and the file; clinic card; safety note."""

from __future__ import annotations

from pathlib import Path

import pytest
from layout_checks import overflowing  # tests/ui/layout_checks.py
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from stretchapp.core import health
from stretchapp.core.paths import Paths
from stretchapp.core.settings import SETTINGS_FIELDS, SettingsStore, load_clinic
from stretchapp.ui import widgets as ui_widgets
from stretchapp.ui.app import first_start
from stretchapp.ui.controller import SettingsModel
from stretchapp.ui.dialogs import Question
from stretchapp.ui.settings import ClinicDialog, SafetyNoteDialog, SettingsPage
from stretchapp.ui.settings import clinic as ui_clinic
from stretchapp.ui.settings import preferences as ui_preferences
from tests.ui.conftest import open_window

ROUTINES = [("daily-back-care", "Daily back care"), ("desk-break", "Desk break")]


def make_page(qtbot: QtBot, paths: Paths) -> SettingsPage:
    store = SettingsStore(paths)
    settings, messages = store.load()
    page = SettingsPage(paths, SettingsModel(store, settings, messages), ROUTINES)
    qtbot.addWidget(page)
    page.resize(800, 600)
    return page


def saved(paths: Paths):  # type: ignore[no-untyped-def]
    return SettingsStore(paths).load()[0]


def test_a_control_for_every_visible_setting(qtbot: QtBot, paths: Paths) -> None:
    page = make_page(qtbot, paths)
    visible = [f.name for f in SETTINGS_FIELDS if not f.extras.get("hidden")]
    assert sorted(page.preferences.controls) == sorted(visible)
    for name, control in page.preferences.controls.items():
        assert control.accessibleName(), name
    spin = page.preferences.controls["rest_seconds"]
    assert isinstance(spin, QSpinBox) and (spin.minimum(), spin.maximum()) == (0, 120)
    assert isinstance(page.preferences.controls["sound"], QCheckBox)
    combo = page.preferences.controls["theme"]
    assert isinstance(combo, QComboBox) and combo.count() == 3


def test_toggling_a_switch_changes_settings_and_file(qtbot: QtBot, paths: Paths) -> None:
    page = make_page(qtbot, paths)
    switch = page.preferences.controls["checkin_after"]
    assert isinstance(switch, QCheckBox) and switch.isChecked()
    with qtbot.waitSignal(page.settings_changed) as signal:
        qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert signal.args[0].checkin_after is False
    assert page.settings.checkin_after is False
    assert saved(paths).checkin_after is False


def test_spin_box_changes_settings_and_file(qtbot: QtBot, paths: Paths) -> None:
    page = make_page(qtbot, paths)
    spin = page.preferences.controls["get_ready_seconds"]
    assert isinstance(spin, QSpinBox)
    with qtbot.waitSignal(page.settings_changed):
        spin.setValue(12)
    assert saved(paths).get_ready_seconds == 12
    spin.setValue(999)  # clamped to the declared maximum
    assert saved(paths).get_ready_seconds == 60


def test_number_and_time_boxes_keep_their_text_off_the_edge(qtbot: QtBot, paths: Paths) -> None:
    """The text in a number box starts as far in as a combo box's ("5 s" touched the edge)."""
    page = make_page(qtbot, paths)
    page.show()
    qtbot.waitExposed(page)
    boxes = page.preferences.findChildren(QAbstractSpinBox)
    assert len(boxes) >= 3  # get ready, rest, the reminders' times
    for box in boxes:
        edit = box.findChild(QLineEdit)
        assert edit is not None
        inset = edit.mapTo(box, QPoint(0, 0)).x() + edit.textMargins().left()
        assert inset >= 5, box.accessibleName()


def test_page_keys_on_a_tab_scroll_its_section(qtbot: QtBot, paths: Paths) -> None:
    """Page Down on the Preferences tab did nothing: it scrolls the section shown."""
    page = make_page(qtbot, paths)
    page.resize(800, 450)
    page.show()
    qtbot.waitExposed(page)
    page.tabs[0].setFocus()
    area = page.preferences.findChild(QScrollArea)
    assert area is not None
    bar = area.verticalScrollBar()
    assert bar.value() == 0 and bar.maximum() > 0
    qtbot.keyClick(page.tabs[0], Qt.Key.Key_PageDown)
    assert bar.value() == bar.pageStep()
    assert page.focusWidget() is page.tabs[0]  # the focus stays on the tab
    qtbot.keyClick(page.tabs[0], Qt.Key.Key_PageUp)
    assert bar.value() == 0


def test_volume_slider_and_theme_choice(qtbot: QtBot, paths: Paths) -> None:
    page = make_page(qtbot, paths)
    page.preferences.slider("volume").setValue(35)
    combo = page.preferences.controls["theme"]
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("dark"))
    result = saved(paths)
    assert (result.volume, result.theme) == (35, "dark")
    assert page.preferences.value_labels["volume"].text() == "35 %"


def test_sound_off_greys_out_volume_and_ticks(qtbot: QtBot, paths: Paths) -> None:
    page = make_page(qtbot, paths)
    controls = page.preferences.controls
    assert controls["volume"].isEnabled() and controls["ticks"].isEnabled()
    controls["sound"].click()  # type: ignore[attr-defined]
    assert not controls["volume"].isEnabled() and not controls["ticks"].isEnabled()


def test_voice_greyed_out_with_the_reason(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    reason = "No speech engine was found. Install speech-dispatcher."
    monkeypatch.setattr(ui_preferences, "speech_support", lambda: (False, reason))
    page = make_page(qtbot, paths)
    voice = page.preferences.controls["voice"]
    assert not voice.isEnabled()
    assert reason in voice.toolTip()
    assert reason in page.preferences.reasons["voice"].text()


def test_voice_available_when_speech_works(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ui_preferences, "speech_support", lambda: (True, ""))
    page = make_page(qtbot, paths)
    assert page.preferences.controls["voice"].isEnabled()
    assert "voice" not in page.preferences.reasons


def test_sound_unavailable_shows_why(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        ui_preferences, "sound_support", lambda: (False, "Sound is off: libpulse is missing.")
    )
    page = make_page(qtbot, paths)
    text = page.preferences.reasons["sound"].text()
    assert "libpulse is missing" in text and "silently" in text


def test_load_messages_shown_in_a_notice(qtbot: QtBot, paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text("volume: 140\nvolumn: 3\n")
    page = make_page(qtbot, paths)
    assert page.preferences.notice is not None
    text = page.preferences.notice.text()
    assert "volume: 140 is out of range" in text and "did you mean 'volume'" in text
    assert page.preferences.notice.details.textFormat() == Qt.TextFormat.PlainText


def test_newer_settings_file_notice_and_untouched(qtbot: QtBot, paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text("version: 5\n")
    page = make_page(qtbot, paths)
    assert page.preferences.notice is not None and "newer" in page.preferences.notice.text()
    page.preferences.controls["sound"].click()  # type: ignore[attr-defined]
    assert page.settings.sound is False  # applies for this session
    assert paths.settings_file.read_text() == "version: 5\n"


def test_change_from_elsewhere_is_kept(qtbot: QtBot, paths: Paths) -> None:
    page = make_page(qtbot, paths)
    page.change(safety_note_seen=True)
    page.preferences.controls["ticks"].click()  # type: ignore[attr-defined]
    result = saved(paths)
    assert result.safety_note_seen and not result.ticks


# ---- the clinic ---------------------------------------------------------------------------------

CLINIC = """\
name: Riverside Back Care
phone: "+1 555 0100"
email: hello@example.org
address: 12 High Street, Springfield
hours: ["Mon–Fri 8:00–18:00"]
"""


def test_empty_clinic_explains_how_to_add_one(qtbot: QtBot, paths: Paths) -> None:
    page = make_page(qtbot, paths)
    page.show_section("Your clinic")
    assert page.stack.currentWidget() is page.clinic
    assert "gave you StretchApp" in page.clinic.how_to.text()
    assert "own" in page.clinic.action_buttons and "book" not in page.clinic.action_buttons


def test_filled_clinic_shows_details_and_actions(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.user_clinic_file.write_text(CLINIC, encoding="utf-8")
    opened: list[str] = []
    for module in (ui_clinic, ui_widgets):  # the booking button, and every link button
        monkeypatch.setattr(module, "open_link", lambda url: opened.append(url) or True)
    page = make_page(qtbot, paths)
    actions = page.clinic.action_buttons
    texts = [label.text() for label in page.clinic.findChildren(QLabel)]
    assert "Riverside Back Care" in texts and "Mon–Fri 8:00–18:00" in texts
    assert actions["call"].property("url") == "tel:+15550100"
    assert actions["email"].property("url") == "mailto:hello@example.org"
    assert actions["map"].property("url").startswith("https://www.openstreetmap.org/search?query=")
    # a clinic typed in offers nothing the app makes up
    assert actions["book"].text() == "Book an appointment"
    assert actions["book"].property("url") == "tel:+15550100"  # no booking link: call
    qtbot.mouseClick(actions["book"], Qt.MouseButton.LeftButton)
    assert opened == ["tel:+15550100"]
    assert "reset" in actions


def test_copy_button_puts_the_phone_on_the_clipboard(qtbot: QtBot, paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.user_clinic_file.write_text(CLINIC, encoding="utf-8")
    page = make_page(qtbot, paths)
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(page.clinic.action_buttons["copy"], Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "+1 555 0100"


def test_refused_link_is_reported_on_the_page(qtbot: QtBot, paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.user_clinic_file.write_text(CLINIC + "website: 'javascript:alert(1)'\n")
    page = make_page(qtbot, paths)
    assert page.clinic.notice is not None
    assert "website" in page.clinic.notice.text()
    assert "website" not in page.clinic.action_buttons


def test_own_clinic_dialog_saves_and_the_page_updates(qtbot: QtBot, paths: Paths) -> None:
    page = make_page(qtbot, paths)
    page.show()
    page.clinic.action_buttons["own"].click()
    [dialog] = [d for d in page.findChildren(ClinicDialog) if d.isVisible()]
    dialog.inputs["name"].setText("My Physio")  # type: ignore[union-attr]
    dialog.inputs["phone"].setText("0123 456 789")  # type: ignore[union-attr]
    dialog.inputs["website"].setText("javascript:alert(1)")  # type: ignore[union-attr]
    assert not dialog.save()  # refused, with the reason shown
    assert "Website" in dialog.notice.text()
    dialog.inputs["website"].setText("https://physio.example.org")  # type: ignore[union-attr]
    dialog.inputs["hours"].setPlainText("Mon 9–5\n\nTue 9–5\n")  # type: ignore[union-attr]
    with qtbot.waitSignal(page.clinic_changed):
        assert dialog.save()
    assert not dialog.isVisible()
    details, messages = load_clinic(paths)
    assert messages == [] and details is not None
    assert (details.name, details.phone, details.hours) == (
        "My Physio",
        "0123 456 789",
        ("Mon 9–5", "Tue 9–5"),
    )
    assert page.clinic.action_buttons["call"].property("url") == "tel:0123456789"
    texts = [label.text() for label in page.clinic.findChildren(QLabel)]
    assert "My Physio" in texts


def test_dialog_needs_a_way_to_reach_the_clinic(qtbot: QtBot, paths: Paths) -> None:
    dialog = ClinicDialog(paths, None)
    qtbot.addWidget(dialog)
    dialog.inputs["name"].setText("Only a name")  # type: ignore[union-attr]
    assert not dialog.save()
    assert "at least" in dialog.notice.text()
    assert not paths.user_clinic_file.exists()


def test_reset_goes_back_to_the_bundled_clinic(qtbot: QtBot, paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.user_clinic_file.write_text(CLINIC, encoding="utf-8")
    page = make_page(qtbot, paths)
    page.show()
    page.clinic.action_buttons["reset"].click()
    [question] = [q for q in page.findChildren(Question) if q.isVisible()]
    assert question.window() is page  # asked inside the window
    qtbot.mouseClick(question.buttons[0], Qt.MouseButton.LeftButton)  # keep them
    assert paths.user_clinic_file.exists()
    page.clinic.action_buttons["reset"].click()
    [question] = [q for q in page.findChildren(Question) if q.isVisible()]
    qtbot.mouseClick(question.buttons[1], Qt.MouseButton.LeftButton)  # remove
    assert not paths.user_clinic_file.exists()
    assert page.clinic.details is None and "book" not in page.clinic.action_buttons


# ---- relief options, about, safety note -----------------------------------------------------


def test_relief_cards_with_learn_more_links(qtbot: QtBot, paths: Paths) -> None:
    page = make_page(qtbot, paths)
    cards = page.relief.cards
    assert len(cards) == 10
    for card in cards:
        assert card.links
        for button in card.links:
            assert button.property("url").startswith("https://")
            assert button.accessibleName().startswith("Learn more about")


def test_all_text_is_plain(qtbot: QtBot, paths: Paths) -> None:
    page = make_page(qtbot, paths)
    for label in page.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


def test_every_control_has_an_accessible_name(qtbot: QtBot, paths: Paths) -> None:
    page = make_page(qtbot, paths)
    from PySide6.QtWidgets import QAbstractButton, QAbstractSlider, QAbstractSpinBox, QScrollBar

    kinds = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox)
    checked = 0
    for widget in page.findChildren(QWidget):
        if isinstance(widget, kinds) and not isinstance(widget, QScrollBar):
            assert widget.accessibleName(), widget
            checked += 1
    assert checked > 20


def test_about_page_has_red_flags_in_the_warning_colour(qtbot: QtBot, paths: Paths) -> None:
    """The urgent signs in the warning colour; what to mention to a doctor in time (being
    pregnant, a past cancer) in the text colour: it is not an alarm."""
    page = make_page(qtbot, paths)
    shown = {label.text() for label in page.about.red_flags}
    groups = health.red_flags()
    assert [g.id for g in groups] == ["emergency", "today", "tell-doctor"]
    for group in groups[:2]:
        assert group.title in shown
        for flag in group.items:
            assert flag in shown
    assert all(label.objectName() == "warning" for label in page.about.red_flags)
    calm = groups[2]
    labels = {label.text(): label for label in page.about.findChildren(QLabel)}
    assert calm.title not in shown and labels[calm.title].objectName() != "warning"
    assert all(labels[flag].objectName() != "warning" for flag in calm.items)


def test_about_page_says_who_should_ask_first_and_when_to_stop(qtbot: QtBot, paths: Paths) -> None:
    page = make_page(qtbot, paths)
    texts = [label.text() for label in page.about.findChildren(QLabel)]
    for precaution in health.precautions():
        assert precaution.text in texts
    assert health.stop_rule() in texts
    assert any("Heat and cold" in t or "cold pack" in t for t in texts)
    assert not any("less likely" in t or "recover its strength" in t for t in texts)


def test_relief_pane_puts_exercise_first(qtbot: QtBot, paths: Paths) -> None:
    page = make_page(qtbot, paths)
    assert page.relief.intro.text().startswith("Exercise and staying active come first")
    titles = [card.option.title for card in page.relief.cards]
    assert titles[0] == "Physical therapy and exercise" and "Heat and cold" in titles


def test_a_clinics_own_offer_is_on_its_button(qtbot: QtBot, paths: Paths, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "assets").mkdir(parents=True)
    (bundle / "routines").mkdir()
    (bundle / "assets" / "relief-options.yaml").write_bytes(
        (paths.assets_dir / "relief-options.yaml").read_bytes()
    )
    offer = paths.bundled_clinic_file.read_text(encoding="utf-8")
    (bundle / "assets" / "clinic.yaml").write_text(
        offer.replace('phone: ""', 'phone: "+1 555 0100"'), encoding="utf-8"
    )
    page = make_page(qtbot, Paths(paths.config_dir, paths.data_dir, bundle))
    assert page.clinic.action_buttons["book"].text() == "Book a free personalized treatment plan"


def test_safety_note_text_and_reachable_from_about(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = SafetyNoteDialog()
    qtbot.addWidget(dialog)
    text = dialog.text()
    assert "not medical advice" in text
    assert health.stop_rule() in text
    assert "saddle" in text and "control" in text and "both legs" in text
    for group in health.red_flags():
        assert group.title in text and group.intro in text
        for flag in group.items:
            assert flag in text
    for precaution in health.precautions():
        assert precaution.text in text
    assert dialog.red_flags and all(label.objectName() == "warning" for label in dialog.red_flags)
    page = make_page(qtbot, paths)
    page.show()
    page.about.safety_button.click()
    [shown] = visible_notes(page)
    assert shown.window() is page and "not medical advice" in shown.text()
    qtbot.mouseClick(shown.ok_button, Qt.MouseButton.LeftButton)
    assert visible_notes(page) == []


def visible_notes(window: QWidget) -> list[SafetyNoteDialog]:
    return [d for d in window.findChildren(SafetyNoteDialog) if d.isVisible()]


def test_first_start_note_shown_once_then_the_routine_asked_for(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STRETCHAPP_NO_SAFETY_NOTE", raising=False)
    window = open_window(qtbot, paths)
    first_start(window, "desk-break")  # what the app runs once the window is on screen
    [note] = visible_notes(window)
    assert note.window() is window  # inside the window, not a window of its own
    assert window.player is None  # the routine waits until the note is read
    assert not saved(paths).safety_note_seen
    qtbot.mouseClick(note.ok_button, Qt.MouseButton.LeftButton)
    assert saved(paths).safety_note_seen
    assert visible_notes(window) == []
    assert window.player is not None and window.player.session.routine.id == "desk-break"
    window.leave_player()
    again = open_window(qtbot, paths)  # the next start
    first_start(again, None)
    assert visible_notes(again) == []


def test_no_first_start_note_for_kiosks(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STRETCHAPP_NO_SAFETY_NOTE", "1")
    window = open_window(qtbot, paths)
    first_start(window, None)
    assert visible_notes(window) == []


def test_renders_light_and_dark_at_small_and_large_sizes(
    qtbot: QtBot, paths: Paths, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from stretchapp.core.palette import DARK, LIGHT
    from stretchapp.ui import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    page = make_page(qtbot, paths)
    try:
        for palette in (LIGHT, DARK):
            theme.apply(app, palette)
            for size in ((610, 600), (1300, 900)):
                page.resize(*size)
                for i in range(4):
                    page.show_section(i)
                    image = page.grab()
                    assert image.width() == size[0]
                    # nothing wider than the page: no horizontal overflow in any section
                    body = page.stack.currentWidget().findChild(QScrollArea).widget()
                    assert body.width() <= page.width()
    finally:
        theme.apply(app, LIGHT)


def test_reminder_controls(qtbot: QtBot, paths: Paths) -> None:
    from PySide6.QtWidgets import QTimeEdit

    page = make_page(qtbot, paths)
    prefs = page.preferences
    # off by default: the reminder details wait until reminders are on
    assert not prefs.controls["reminder_times"].isEnabled()
    prefs.controls["reminders"].click()
    assert saved(paths).reminders and prefs.controls["reminder_times"].isEnabled()
    prefs.times_edit.setText("18:00, 7:30")
    prefs.times_edit.editingFinished.emit()
    assert saved(paths).reminder_times == ("07:30", "18:00")
    assert prefs.times_edit.text() == "07:30, 18:00"
    prefs.times_edit.setText("7:30, 25:00")
    prefs.times_edit.editingFinished.emit()
    assert (
        not prefs.times_problem.isHidden() and "'25:00' is not a time" in prefs.times_problem.text()
    )
    assert saved(paths).reminder_times == ("07:30", "18:00")  # kept until it is valid
    sunday = prefs.day_buttons[6]
    assert sunday.accessibleName() == "Sunday" and sunday.isChecked()
    sunday.click()
    assert saved(paths).reminder_days == ("mon", "tue", "wed", "thu", "fri", "sat")
    start = prefs.controls["reminder_from"]
    assert isinstance(start, QTimeEdit) and start.time().toString("HH:mm") == "09:00"
    start.setTime(start.time().addSecs(30 * 60))
    assert saved(paths).reminder_from == "09:30"
    # offscreen there is no system tray: the pane says what that means
    assert "need a system tray" in prefs.reasons["reminders"].text()


def test_every_section_fits_the_smallest_window_and_a_large_one(qtbot: QtBot, paths: Paths) -> None:
    # The main window is 800 x 600 at the least, less the 190 px navigation column.
    from PySide6.QtWidgets import QApplication

    from stretchapp.core.palette import DARK, LIGHT
    from stretchapp.ui import theme

    paths.user_clinic_file.parent.mkdir(parents=True, exist_ok=True)
    paths.user_clinic_file.write_text(
        "version: 1\n"
        'name: "Springfield Back and Spine Physiotherapy Centre"\n'
        'phone: "+1 555 0100"\n'
        'email: "appointments@springfield-back-and-spine.example.org"\n'
        'website: "https://www.springfield-back-and-spine.example.org/patients/first-visit"\n'
        'booking_url: "https://booking.example.org/springfield"\n',
        encoding="utf-8",
    )
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        for palette in (LIGHT, DARK):
            theme.apply(app, palette)
            page = make_page(qtbot, paths)
            assert "reset" in page.clinic.action_buttons  # the widest row of buttons is there
            for size in ((610, 540), (1600, 900)):
                page.resize(*size)
                page.show()
                qtbot.waitExposed(page)
                for i in range(4):
                    page.show_section(i)
                    app.processEvents()
                    assert page.minimumSizeHint().width() <= 610
                    assert overflowing(page) == [], (size, i)
            page.close()
    finally:
        theme.apply(app, LIGHT)
