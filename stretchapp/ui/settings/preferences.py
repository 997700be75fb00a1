"""Preferences: one row per setting, built from `SETTINGS_FIELDS` (a new setting appears
here by being declared); every change goes to the settings model at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QSystemTrayIcon,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stretchapp.core import i18n
from stretchapp.core.i18n import _, pgettext
from stretchapp.core.schema import Field
from stretchapp.core.settings import (
    SETTINGS_FIELDS,
    SETTINGS_GROUPS,
    WEEKDAYS,
    ListField,
    Settings,
    check_setting,
)
from stretchapp.core.timeofday import split_times
from stretchapp.ui.early_widgets import inset_spin_text
from stretchapp.ui.library import PAGE_MARGINS, plain_label
from stretchapp.ui.sound import sound_support, speech_support, voice_language_problem
from stretchapp.ui.widgets import (
    Notice,
    Switch,
    make_card,
    scroll_page,
)

ROW_TEXT_MIN = 280  # a setting's text keeps this width beside its control, else goes above it


def unit_text(value: int, unit: str) -> str:
    """A value with its declared unit ("s", "min" or "%"), as the locale writes it."""
    number = i18n.format_number(value)
    if unit == "s":
        return pgettext("unit", "{number} s").format(number=number)
    if unit == "min":
        return pgettext("unit", "{number} min").format(number=number)
    if unit == "%":
        return pgettext("unit", "{number} %").format(number=number)
    return number


def time_format() -> str:
    """How a time control shows a time: 18:00, or 6:00 PM where the locale has a 12-hour clock."""
    return "HH:mm" if i18n.uses_24_hour_clock() else "h:mm AP"


def _speech_state() -> tuple[bool, str]:
    """Whether names can be spoken, or why not: a speech engine, and a voice for the app's
    language (never an English voice reading German)."""
    speech_ok, speech_reason = speech_support()
    if speech_ok:
        speech_reason = voice_language_problem()
        speech_ok = not speech_reason
    return speech_ok, speech_reason


class PreferencesSection(QWidget):
    """One control per declared setting, grouped into cards."""

    changed = Signal(str, object)  # field name, new value

    def __init__(
        self,
        settings: Settings,
        messages: Sequence[str],
        routines: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controls: dict[str, QWidget] = {}
        self.value_labels: dict[str, QLabel] = {}
        self.reasons: dict[str, QLabel] = {}
        self._routines = list(routines)
        self._rows: list[tuple[QBoxLayout, QWidget]] = []
        self._status_from: Callable[[], str] | None = None
        self._send_test_to: Callable[[], object] | None = None
        self._reminders_on = settings.reminders
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(20_000)
        self.status_timer.timeout.connect(self._refresh_status)
        self.restart_note: QLabel | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll, layout = scroll_page("preferences", title=_("Preferences"))
        outer.addWidget(scroll)
        self.notice: Notice | None = None
        if messages:
            self.notice = Notice(messages[0], messages[1:])
            layout.addWidget(self.notice)
        self.save_error = Notice("")
        self.save_error.hide()
        layout.addWidget(self.save_error)

        sound_ok, sound_reason = sound_support()
        speech_ok, speech_reason = _speech_state()
        for group in SETTINGS_GROUPS:
            fields = [
                f
                for f in SETTINGS_FIELDS
                if f.extras.get("group") == group and not f.extras.get("hidden")
            ]
            if not fields:
                continue
            card, card_layout = make_card()
            card.setAccessibleName(_(group))
            card_layout.addWidget(plain_label(_(group), "groupTitle"))
            if group == "Sound and voice" and not sound_ok:
                reason = plain_label(
                    _(
                        "{reason} Until then StretchApp runs silently; your choices below "
                        "are kept for when sound works."
                    ).format(reason=sound_reason),
                    "caution",
                )
                reason.setAccessibleName(_("Sound is unavailable"))
                self.reasons["sound"] = reason
                card_layout.addWidget(reason)
            if group == "Reminders":
                self.reminder_status = plain_label("", "secondary")
                self.reminder_status.setAccessibleName(_("Next reminder"))
                self.reminder_status.hide()
                status_row = QHBoxLayout()
                status_row.addWidget(self.reminder_status, 1)
                self.test_reminder_button = QPushButton(_("Send a test reminder"))
                self.test_reminder_button.setAccessibleName(_("Send a test reminder"))
                self.test_reminder_button.setToolTip(
                    _("Show a reminder now, as it will come; your schedule stays as it is")
                )
                self.test_reminder_button.setCursor(Qt.CursorShape.PointingHandCursor)
                self.test_reminder_button.clicked.connect(self._send_test)
                self.test_reminder_button.hide()
                status_row.addWidget(self.test_reminder_button, 0, Qt.AlignmentFlag.AlignTop)
                card_layout.addLayout(status_row)
                if not QSystemTrayIcon.isSystemTrayAvailable():
                    reason = plain_label(
                        _(
                            "Reminders need a system tray to reach you while the window is "
                            "closed, and this desktop has none: they come only while "
                            "StretchApp's window is open, and closing the window asks whether "
                            "to keep it open."
                        ),
                        "caution",
                    )
                    reason.setAccessibleName(_("Reminders need a system tray"))
                    self.reasons["reminders"] = reason
                    card_layout.addWidget(reason)
            card_layout.addSpacing(4)
            for f in fields:
                control = self._control(f, getattr(settings, f.name))
                self.controls[f.name] = control
                # Control beside the text, or under it when the card is narrow (_reflow).
                row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
                row.setSpacing(24)
                self._rows.append((row, control))
                text = QVBoxLayout()
                text.setSpacing(2)
                title = plain_label(_(f.label) if f.label else f.name, "rowTitle")
                title.setBuddy(control)
                text.addWidget(title)
                text.addWidget(plain_label(_(f.doc), "secondary"))
                if f.name == "voice" and not speech_ok:
                    control.setEnabled(False)
                    control.setToolTip(speech_reason)
                    note = plain_label(
                        _("Not available: {reason}").format(reason=speech_reason), "caution"
                    )
                    self.reasons["voice"] = note
                    text.addWidget(note)
                if f.extras.get("restart"):
                    # Said once the person chose "Later" in the restart offer (page.py).
                    self.restart_note = plain_label(
                        _("Applies when StretchApp starts again."), "caution"
                    )
                    self.restart_note.hide()
                    text.addWidget(self.restart_note)
                row.addLayout(text, 1)
                row.addWidget(
                    control, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                card_layout.addLayout(row)
                card_layout.addSpacing(10)
            layout.addWidget(card)
        layout.addStretch(1)
        self._update_dependents(settings)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._reflow()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._reflow()
        self._keep_status_current()

    def _reflow(self) -> None:
        """Each control beside its text while the text keeps room to read, else under it."""
        bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        # the section, less the scrolling page's margins and bar, less the card's margins
        card = self.width() - PAGE_MARGINS[0] - PAGE_MARGINS[2] - bar - 40
        for row, control in self._rows:
            beside = card - 24 - control.sizeHint().width() >= ROW_TEXT_MIN
            direction = row.Direction.LeftToRight if beside else row.Direction.TopToBottom
            if row.direction() != direction:
                row.setDirection(direction)
                row.setSpacing(24 if beside else 6)
                align = Qt.AlignmentFlag.AlignRight if beside else Qt.AlignmentFlag.AlignLeft
                row.setAlignment(control, align | Qt.AlignmentFlag.AlignVCenter)

    def _control(self, f: Field, value: Any) -> QWidget:
        """The control a setting's declared kind asks for, wired to `changed`."""
        name = _(f.label) if f.label else f.name
        tip = f"{_(f.doc)} ({f.valid_text()})"
        if f.kind == "bool":
            return self._switch_control(f, value, name, tip)
        if f.kind == "int" and f.extras.get("slider"):
            return self._slider_control(f, value, name, tip)
        if f.kind == "int":
            return self._spin_control(f, value, name, tip)
        if f.kind in ("choice", "id"):
            return self._combo_control(f, value, name, tip)
        if f.kind == "time":
            return self._time_control(f, value, name, tip)
        if isinstance(f, ListField) and f.extras.get("items") == "time":
            return self._times_control(f, value, name, tip)
        if isinstance(f, ListField) and f.extras.get("items") == "weekday":
            return self._days_control(f, value, name)
        raise ValueError(f"no control for setting kind {f.kind!r}")

    def _switch_control(self, f: Field, value: Any, name: str, tip: str) -> QWidget:
        switch = Switch(name)
        switch.setChecked(bool(value))
        switch.setToolTip(tip)
        switch.toggled.connect(lambda on, n=f.name: self.changed.emit(n, bool(on)))
        return switch

    def _slider_control(self, f: Field, value: Any, name: str, tip: str) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setRange(int(f.minimum or 0), int(f.maximum or 100))
        slider.setSingleStep(5)
        slider.setPageStep(10)
        slider.setValue(int(value))
        slider.setFixedWidth(150)
        slider.setAccessibleName(name)
        slider.setToolTip(tip)
        unit = f.extras.get("unit", "")
        shown = plain_label(unit_text(int(value), unit), wrap=False)
        shown.setMinimumWidth(shown.fontMetrics().horizontalAdvance(unit_text(100, unit)) + 8)
        shown.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.value_labels[f.name] = shown

        def moved(v: int, n: str = f.name, label: QLabel = shown, u: str = unit) -> None:
            label.setText(unit_text(v, u))
            if not slider.isSliderDown():  # while dragging, save once on release
                self.changed.emit(n, v)

        slider.valueChanged.connect(moved)
        slider.sliderReleased.connect(lambda n=f.name: self.changed.emit(n, slider.value()))
        row.addWidget(slider)
        row.addWidget(shown)
        box.setAccessibleName(name)
        box.setProperty("slider", slider)
        self._sliders = getattr(self, "_sliders", {})
        self._sliders[f.name] = slider
        return box

    def _spin_control(self, f: Field, value: Any, name: str, tip: str) -> QWidget:
        spin = QSpinBox()
        inset_spin_text(spin)
        spin.setRange(int(f.minimum or 0), int(f.maximum or 0))
        unit = f.extras.get("unit", "")
        if unit:
            # The number's place in "{number} min", as the language writes it
            before, _number, after = unit_text(0, unit).partition(i18n.format_number(0))
            spin.setPrefix(before)
            spin.setSuffix(after)
        spin.setValue(int(value))
        spin.setKeyboardTracking(False)
        spin.setMinimumSize(120, 34)
        spin.setAccessibleName(name)
        spin.setToolTip(tip)
        spin.valueChanged.connect(lambda v, n=f.name: self.changed.emit(n, int(v)))
        return spin

    def _combo_control(self, f: Field, value: Any, name: str, tip: str) -> QWidget:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(tip)
        combo.setMinimumSize(200, 34)
        if f.kind == "choice":
            labels = f.extras.get("choice_labels", {})
            for choice in f.choices:
                label = labels.get(choice, choice)
                # A language keeps its own name, so a person can find theirs in any language.
                if f.name != "language" or choice == "system":
                    label = _(label)
                combo.addItem(label, choice)
        else:
            for routine_id, routine_name in self._routines:
                combo.addItem(routine_name, routine_id)
            if combo.findData(value) < 0:
                combo.addItem(str(value), value)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        combo.currentIndexChanged.connect(
            lambda i, n=f.name, c=combo: self.changed.emit(n, c.itemData(i))
        )
        return combo

    def _time_control(self, f: Field, value: Any, name: str, tip: str) -> QWidget:
        edit = QTimeEdit(QTime.fromString(str(value), "HH:mm"))
        inset_spin_text(edit)
        edit.setDisplayFormat(time_format())
        edit.setMinimumSize(100, 34)
        edit.setAccessibleName(name)
        edit.setToolTip(tip)
        edit.setKeyboardTracking(False)
        edit.timeChanged.connect(lambda t, n=f.name: self.changed.emit(n, t.toString("HH:mm")))
        return edit

    def _times_control(self, f: Field, value: Any, name: str, tip: str) -> QWidget:
        """Times typed as "08:00, 18:00"; a time that is not valid is said, not saved."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        edit = QLineEdit(", ".join(value))
        edit.setPlaceholderText(_("e.g. 08:00, 18:00"))
        edit.setMinimumSize(200, 34)
        edit.setAccessibleName(name)
        edit.setToolTip(tip)
        problem = plain_label("", "caution")
        problem.hide()
        column.addWidget(edit)
        column.addWidget(problem)

        def done() -> None:
            times, wrong = check_setting(f.name, split_times(edit.text()))
            if wrong is not None:
                problem.setText(wrong)
                problem.show()
                return
            problem.hide()
            edit.setText(", ".join(times))
            self.changed.emit(f.name, times)

        edit.editingFinished.connect(done)
        box.setAccessibleName(name)
        self.times_edit, self.times_problem = edit, problem
        return box

    def _days_control(self, f: Field, value: Any, name: str) -> QWidget:
        """Seven toggles, named in the person's language, from the first day of their week."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        buttons: list[QToolButton] = []
        first = i18n.first_weekday()
        order = [(first + i) % 7 for i in range(7)]
        for weekday in order:
            day = WEEKDAYS[weekday]
            button = QToolButton()
            button.setText(i18n.weekday_name(weekday, "abbreviated"))
            button.setCheckable(True)
            button.setChecked(day in value)
            button.setAccessibleName(i18n.weekday_name(weekday))
            button.setProperty("day", day)
            button.setMinimumSize(44, 34)
            buttons.append(button)
            row.addWidget(button)

        def toggled() -> None:
            on = {b.property("day") for b in buttons if b.isChecked()}
            self.changed.emit(f.name, tuple(d for d in WEEKDAYS if d in on))

        for button in buttons:
            button.toggled.connect(toggled)
        box.setAccessibleName(name)
        self.day_buttons = buttons
        return box

    def slider(self, name: str) -> QSlider:
        slider: QSlider = self._sliders[name]
        return slider

    def _update_dependents(self, settings: Settings) -> None:
        if settings.reminders != self._reminders_on:
            status = getattr(self, "reminder_status", None)
            self.show_reminder_status(status.text() if status else "", settings.reminders)
            # read again once every listener (the reminders' plan among them) has the change
            QTimer.singleShot(0, self, self._refresh_status)
        for f in SETTINGS_FIELDS:
            needs = f.extras.get("needs")
            if needs and f.name in self.controls:
                self.controls[f.name].setEnabled(bool(getattr(settings, needs)))

    def show_reminder_status(self, text: str, reminders_on: bool) -> None:
        """When the next reminder comes (from the tray), while reminders are on."""
        self._reminders_on = reminders_on
        if self._status_from is not None:
            text = self._status_from()  # the same words, read now
        if hasattr(self, "reminder_status"):
            self.reminder_status.setText(text)
            self.reminder_status.setVisible(reminders_on and bool(text))
            self.test_reminder_button.setVisible(reminders_on and self._send_test_to is not None)
        self._keep_status_current()

    def attach_reminders(self, status: Callable[[], str], send_test: Callable[[], object]) -> None:
        """Where the next reminder's time comes from (kept current while shown), and the test."""
        self._status_from = status
        self._send_test_to = send_test
        self.show_reminder_status(status(), self._reminders_on)

    def _send_test(self) -> None:
        if self._send_test_to is not None:
            self._send_test_to()

    def _refresh_status(self) -> None:
        if self._status_from is not None and hasattr(self, "reminder_status"):
            self.reminder_status.setText(self._status_from())

    def _keep_status_current(self) -> None:
        """ "(in 2 min)" stays true: re-read every 20 s while the pane shows it."""
        wanted = self._status_from is not None and self._reminders_on and self.isVisible()
        if wanted and not self.status_timer.isActive():
            self._refresh_status()
            self.status_timer.start()
        elif not wanted:
            self.status_timer.stop()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.status_timer.stop()

    def show_restart_note(self, shown: bool) -> None:
        """Whether the Language row says that the change applies after a restart."""
        if self.restart_note is not None:
            self.restart_note.setVisible(shown)

    def show_save_error(self, message: str) -> None:
        shown = self.notice.text() if self.notice else ""
        if not message or message in shown:
            self.save_error.hide()
            return
        self.save_error.title.setText(message)
        self.save_error.show()
