"""The Settings pane: preferences, relief options, the clinic's contact details and
"About back spasms", plus the first-start safety note.

The preference controls are built from `SETTINGS_FIELDS`, so a new setting appears here by being
declared. Every change is applied at once (`settings_changed`) and saved through the store.
All text from files is shown as plain text; only http(s), mailto and tel links are opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, QTime, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QStackedWidget,
    QSystemTrayIcon,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stretchapp.core import health
from stretchapp.core.paths import Paths
from stretchapp.core.schema import Field
from stretchapp.core.settings import (
    CLINIC_FIELDS,
    SETTINGS_FIELDS,
    SETTINGS_GROUPS,
    WEEKDAYS,
    ClinicDetails,
    ListField,
    Relief,
    ReliefOption,
    Settings,
    SettingsStore,
    check_clinic,
    check_setting,
    clear_user_clinic,
    load_clinic,
    load_relief,
    save_user_clinic,
    with_scheme,
)
from stretchapp.core.timeofday import WEEKDAY_NAMES, split_times
from stretchapp.ui.library import bullets as _bullets
from stretchapp.ui.library import open_link, plain_label, scroll_column
from stretchapp.ui.links import copy_button, unless_opened
from stretchapp.ui.sound import sound_support, speech_support

CONTENT_MAX_WIDTH = 860
ROW_TEXT_MIN = 280  # a setting's text keeps this width beside its control, else goes above it

# Local additions to the app's style sheet. Colours come from the application palette (which
# the theme sets), so they follow light and dark without a rebuild.
_LOCAL_STYLE = """
QPushButton#tab { background: transparent; border: none; border-radius: 0;
                  border-bottom: 3px solid transparent; padding: 10px 2px 7px 2px;
                  color: palette(window-text); }
QPushButton#tab:checked { border-bottom: 3px solid palette(highlight); color: palette(link); }
QPushButton#tab:hover:!checked { border-bottom: 3px solid palette(mid); }
QPushButton#tab:focus { border: 2px solid palette(highlight); border-radius: 4px;
                        border-bottom: 3px solid palette(highlight); }
#rowTitle { font-weight: 600; }
#groupTitle { font-size: 18px; font-weight: 600; }
#redFlagTitle { font-weight: 600; }
#rule { font-weight: 600; }
QLineEdit, QPlainTextEdit { padding: 4px 8px; min-height: 26px;
    border: 1px solid palette(mid); border-radius: 6px; background: palette(base); }
QLineEdit:focus, QPlainTextEdit:focus { border: 2px solid palette(highlight); }
QPushButton#link { padding: 2px 0; }
#linkText { color: palette(link); text-decoration: underline; }
"""


# ---- small building blocks -------------------------------------------------------------------


class Switch(QCheckBox):
    """An on/off switch: a check box (for screen readers and keyboards) drawn as a toggle."""

    TRACK_W = 46
    TRACK_H = 26

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(self.TRACK_W + 6, self.TRACK_H + 6)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def hitButton(self, pos: Any) -> bool:
        return bool(self.rect().contains(pos))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        on = self.isChecked()
        track = QRectF(3, (self.height() - self.TRACK_H) / 2, self.TRACK_W, self.TRACK_H)
        if on:
            fill = pal.color(QPalette.ColorRole.Highlight)
        else:
            fill = QColor(pal.color(QPalette.ColorRole.PlaceholderText))
            fill.setAlphaF(0.55)
        if not self.isEnabled():
            painter.setOpacity(0.4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        radius = self.TRACK_H / 2
        painter.drawRoundedRect(track, radius, radius)
        knob_d = self.TRACK_H - 6
        x = track.right() - knob_d - 3 if on else track.left() + 3
        knob = QRectF(x, track.top() + 3, knob_d, knob_d)
        painter.setBrush(
            pal.color(QPalette.ColorRole.HighlightedText)
            if on
            else pal.color(QPalette.ColorRole.Base)
        )
        painter.drawEllipse(knob)
        if self.hasFocus():
            painter.setOpacity(1.0)
            pen = painter.pen()
            pen.setStyle(Qt.PenStyle.SolidLine)
            pen.setColor(pal.color(QPalette.ColorRole.Highlight))
            pen.setWidthF(2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(track.adjusted(-2, -2, 2, 2), radius + 2, radius + 2)
        painter.end()


def _scroll_page(name: str) -> tuple[QScrollArea, QVBoxLayout]:
    """A scrolling section whose content keeps a readable width and stays centred."""
    scroll = QScrollArea()
    scroll.setObjectName(name)
    titles = {"preferences": 0, "relief": 1, "clinic": 2, "about": 3}
    scroll.setAccessibleName(SECTIONS[titles[name]] if name in titles else name)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    body = QWidget()
    scroll.setWidget(body)
    row = QHBoxLayout(body)
    row.setContentsMargins(32, 16, 32, 32)
    column = QWidget()
    column.setMaximumWidth(CONTENT_MAX_WIDTH)
    column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    # Left-aligned under the page title: all the width up to a readable one, then the rest
    # stays empty.
    row.addWidget(column, 1)
    row.addStretch(0)
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(16)
    return scroll, layout


def _card() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(20, 16, 20, 20)
    layout.setSpacing(8)
    return frame, layout


class WrapButton(QPushButton):
    """A push button whose text wraps, so a long link never widens the page."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = plain_label(text, "linkText")
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.label)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:  # the label holds the text, so that it can wrap
        return self.label.text()

    def sizeHint(self) -> QSize:
        # As wide as the text on one line; narrower only when the layout has less room.
        self.label.ensurePolished()
        metrics = self.label.fontMetrics()
        width = max(metrics.horizontalAdvance(line) for line in self.label.text().split("\n"))
        return QSize(width + 4, self.heightForWidth(width + 4))

    def minimumSizeHint(self) -> QSize:
        return QSize(80, self.label.fontMetrics().lineSpacing() + 4)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.heightForWidth(width) if layout is not None else -1


def link_button(
    text: str,
    url: str,
    accessible_name: str = "",
    tooltip: str = "",
    *,
    copy: str = "",
    what: str = "",
) -> QPushButton:
    """A link-styled button that opens `url` (only http(s), mailto and tel ever open); when
    nothing on the computer opens it, a notice says so and offers to copy `copy` (the link)."""
    button = WrapButton(text)
    button.setObjectName("link")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setAccessibleName(accessible_name or text)
    button.setToolTip(tooltip or url)
    button.setProperty("url", url)
    button.clicked.connect(lambda: unless_opened(open_link(url), button, url, copy, what))
    return button


class Notice(QFrame):
    """Things the person should know about a file: a title and one line per problem."""

    def __init__(self, title: str, lines: Sequence[str] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notice")
        self.setProperty("kind", "problem")  # the problem look (ui/theme.py)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        self.title = plain_label(title, "noticeTitle")
        layout.addWidget(self.title)
        shown = list(lines[:12])
        if len(lines) > len(shown):
            shown.append(f"… and {len(lines) - len(shown)} more")
        self.details = plain_label("\n".join(shown), "secondary")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setVisible(bool(shown))
        layout.addWidget(self.details)

    def text(self) -> str:
        return "\n".join(x for x in (self.title.text(), self.details.text()) if x)


# ---- Preferences -----------------------------------------------------------------------------


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
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll, layout = _scroll_page("preferences")
        outer.addWidget(scroll)
        self.notice: Notice | None = None
        if messages:
            self.notice = Notice(messages[0], messages[1:])
            layout.addWidget(self.notice)
        self.save_error = Notice("")
        self.save_error.hide()
        layout.addWidget(self.save_error)

        sound_ok, sound_reason = sound_support()
        speech_ok, speech_reason = speech_support()
        for group in SETTINGS_GROUPS:
            fields = [
                f
                for f in SETTINGS_FIELDS
                if f.extras.get("group") == group and not f.extras.get("hidden")
            ]
            if not fields:
                continue
            card, card_layout = _card()
            card.setAccessibleName(group)
            card_layout.addWidget(plain_label(group, "groupTitle"))
            if group == "Sound and voice" and not sound_ok:
                reason = plain_label(
                    f"{sound_reason} Until then StretchApp runs silently; your choices below "
                    "are kept for when sound works.",
                    "caution",
                )
                reason.setAccessibleName("Sound is unavailable")
                self.reasons["sound"] = reason
                card_layout.addWidget(reason)
            if group == "Reminders":
                self.reminder_status = plain_label("", "secondary")
                self.reminder_status.setAccessibleName("Next reminder")
                self.reminder_status.hide()
                card_layout.addWidget(self.reminder_status)
                if not QSystemTrayIcon.isSystemTrayAvailable():
                    reason = plain_label(
                        "Reminders need a system tray to reach you while the window is closed, "
                        "and this desktop has none: they come only while StretchApp's window "
                        "is open, and closing the window quits.",
                        "caution",
                    )
                    reason.setAccessibleName("Reminders need a system tray")
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
                title = plain_label(f.label or f.name, "rowTitle")
                title.setBuddy(control)
                text.addWidget(title)
                text.addWidget(plain_label(f.doc, "secondary"))
                if f.name == "voice" and not speech_ok:
                    control.setEnabled(False)
                    control.setToolTip(speech_reason)
                    note = plain_label(f"Not available: {speech_reason}", "caution")
                    self.reasons["voice"] = note
                    text.addWidget(note)
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

    def _reflow(self) -> None:
        """Each control beside its text while the text keeps room to read, else under it."""
        bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        # the section, less the scrolling page's margins and bar, at most the readable width,
        # less the card's margins
        card = min(self.width() - 64 - bar, CONTENT_MAX_WIDTH) - 40
        for row, control in self._rows:
            beside = card - 24 - control.sizeHint().width() >= ROW_TEXT_MIN
            direction = row.Direction.LeftToRight if beside else row.Direction.TopToBottom
            if row.direction() != direction:
                row.setDirection(direction)
                row.setSpacing(24 if beside else 6)
                align = Qt.AlignmentFlag.AlignRight if beside else Qt.AlignmentFlag.AlignLeft
                row.setAlignment(control, align | Qt.AlignmentFlag.AlignVCenter)

    def _control(self, f: Field, value: Any) -> QWidget:
        name = f.label or f.name
        tip = f"{f.doc} ({f.valid_text()})"
        if f.kind == "bool":
            switch = Switch(name)
            switch.setChecked(bool(value))
            switch.setToolTip(tip)
            switch.toggled.connect(lambda on, n=f.name: self.changed.emit(n, bool(on)))
            return switch
        if f.kind == "int" and f.extras.get("slider"):
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
            shown = plain_label(f"{value} {unit}".strip(), wrap=False)
            shown.setMinimumWidth(48)
            shown.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.value_labels[f.name] = shown

            def moved(v: int, n: str = f.name, label: QLabel = shown, u: str = unit) -> None:
                label.setText(f"{v} {u}".strip())
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
        if f.kind == "int":
            spin = QSpinBox()
            spin.setRange(int(f.minimum or 0), int(f.maximum or 0))
            unit = f.extras.get("unit", "")
            if unit:
                spin.setSuffix(f" {unit}")
            spin.setValue(int(value))
            spin.setKeyboardTracking(False)
            spin.setMinimumSize(120, 34)
            spin.setAccessibleName(name)
            spin.setToolTip(tip)
            spin.valueChanged.connect(lambda v, n=f.name: self.changed.emit(n, int(v)))
            return spin
        if f.kind in ("choice", "id"):
            combo = QComboBox()
            combo.setAccessibleName(name)
            combo.setToolTip(tip)
            combo.setMinimumSize(200, 34)
            if f.kind == "choice":
                labels = f.extras.get("choice_labels", {})
                for choice in f.choices:
                    combo.addItem(labels.get(choice, choice), choice)
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
        if f.kind == "time":
            edit = QTimeEdit(QTime.fromString(str(value), "HH:mm"))
            edit.setDisplayFormat("HH:mm")
            edit.setMinimumSize(100, 34)
            edit.setAccessibleName(name)
            edit.setToolTip(tip)
            edit.setKeyboardTracking(False)
            edit.timeChanged.connect(lambda t, n=f.name: self.changed.emit(n, t.toString("HH:mm")))
            return edit
        if isinstance(f, ListField) and f.extras.get("items") == "time":
            return self._times_control(f, value, name, tip)
        if isinstance(f, ListField) and f.extras.get("items") == "weekday":
            return self._days_control(f, value, name)
        raise ValueError(f"no control for setting kind {f.kind!r}")

    def _times_control(self, f: Field, value: Any, name: str, tip: str) -> QWidget:
        """Times typed as "08:00, 18:00"; a time that is not valid is said, not saved."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        edit = QLineEdit(", ".join(value))
        edit.setPlaceholderText("e.g. 08:00, 18:00")
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
        """Seven toggles, Monday first."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        buttons: list[QToolButton] = []
        for day, long_name in zip(WEEKDAYS, WEEKDAY_NAMES, strict=True):
            button = QToolButton()
            button.setText(day.capitalize())
            button.setCheckable(True)
            button.setChecked(day in value)
            button.setAccessibleName(long_name)
            button.setMinimumSize(44, 34)
            buttons.append(button)
            row.addWidget(button)

        def toggled() -> None:
            days = tuple(d for d, b in zip(WEEKDAYS, buttons, strict=True) if b.isChecked())
            self.changed.emit(f.name, days)

        for button in buttons:
            button.toggled.connect(toggled)
        box.setAccessibleName(name)
        self.day_buttons = buttons
        return box

    def slider(self, name: str) -> QSlider:
        slider: QSlider = self._sliders[name]
        return slider

    def _update_dependents(self, settings: Settings) -> None:
        for f in SETTINGS_FIELDS:
            needs = f.extras.get("needs")
            if needs and f.name in self.controls:
                self.controls[f.name].setEnabled(bool(getattr(settings, needs)))

    def show_save_error(self, message: str) -> None:
        shown = self.notice.text() if self.notice else ""
        if not message or message in shown:
            self.save_error.hide()
            return
        self.save_error.title.setText(message)
        self.save_error.show()


# ---- Relief options --------------------------------------------------------------------------


class ReliefCard(QFrame):
    def __init__(self, option: ReliefOption, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.option = option
        self.setAccessibleName(option.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(plain_label(option.title, "cardTitle"))
        layout.addWidget(plain_label(option.text))
        self.links: list[QPushButton] = []
        for link in option.links:
            button = link_button(
                f"Learn more: {link.title} ↗",
                link.url,
                f"Learn more about {option.title}: {link.title}",
                f"Opens {link.url} in your browser",
            )
            self.links.append(button)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)


class ReliefSection(QWidget):
    def __init__(
        self,
        relief: Relief,
        messages: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll, layout = _scroll_page("relief")
        outer.addWidget(scroll)
        options = relief.options
        self.intro = plain_label(relief.intro, "secondary")
        self.intro.setVisible(bool(relief.intro))
        layout.addWidget(self.intro)
        self.notice: Notice | None = None
        if messages:
            self.notice = Notice("Some relief options could not be shown:", messages)
            layout.addWidget(self.notice)
        self.cards = [ReliefCard(option) for option in options]
        for card in self.cards:
            layout.addWidget(card)
        if not self.cards:
            layout.addWidget(plain_label("No relief options are available.", "secondary"))
        layout.addStretch(1)


# ---- Your clinic -----------------------------------------------------------------------------


class ClinicDialog(QDialog):
    """A form for the user's own clinic, from CLINIC_FIELDS; saves to their clinic.yaml."""

    def __init__(
        self, paths: Paths, details: ClinicDetails | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.saved: ClinicDetails | None = None
        self.setWindowTitle("Your clinic")
        self.setObjectName("page")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(plain_label("Your own clinic", "h2"))
        layout.addWidget(
            plain_label(
                "Enter the details you want at hand. Leave out anything you don't need; "
                "a phone number, email, address, website or booking link is enough.",
                "secondary",
            )
        )
        self.notice = Notice("")
        self.notice.hide()
        layout.addWidget(self.notice)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(10)
        self.inputs: dict[str, QLineEdit | QPlainTextEdit] = {}
        for f in CLINIC_FIELDS:
            if f.extras.get("hidden"):
                continue
            value = getattr(details, f.name, "") if details is not None else ""
            widget: QLineEdit | QPlainTextEdit
            if f.extras.get("multiline"):
                widget = QPlainTextEdit()
                widget.setTabChangesFocus(True)
                lines = 3 if f.name != "hours" else 4
                widget.setFixedHeight(widget.fontMetrics().lineSpacing() * lines + 20)
                text = "\n".join(value) if isinstance(value, tuple) else str(value or "")
                widget.setPlainText(text)
                if f.example:
                    widget.setPlaceholderText(f"e.g. {f.example}")
                elif f.name == "hours":
                    widget.setPlaceholderText("One line each")
            else:
                widget = QLineEdit(str(value or ""))
                widget.setMaxLength(f.max_length)
                if f.example:
                    widget.setPlaceholderText(f"e.g. {f.example}")
            label = f.label or f.name
            widget.setAccessibleName(label)
            widget.setToolTip(f.doc)
            self.inputs[f.name] = widget
            form.addRow(plain_label(label, wrap=False), widget)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton("Cancel")
        cancel.setAccessibleName("Cancel")
        cancel.clicked.connect(self.reject)
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("primary")
        self.save_button.setAccessibleName("Save my clinic")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.inputs.items():
            text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
            if name == "hours":
                out[name] = [line.strip() for line in text.splitlines() if line.strip()]
            elif name in ("website", "booking_url"):
                out[name] = with_scheme(text)  # "example.org" is https://example.org
            else:
                out[name] = text.strip()
        return out

    def save(self) -> bool:
        """Check the form with the clinic declaration; save and close when it is good."""
        details, problems = check_clinic(self.values(), "Your clinic")
        labels = {f.name: f.label for f in CLINIC_FIELDS}
        lines = []
        for p in problems:
            key = p.field.split("[")[0]
            what = f"{labels.get(key, p.field)}: {p.message}"
            lines.append(f"{what} ({p.valid})" if p.valid else what)
        if not lines and details.is_empty():
            lines.append("Add at least a phone number, email, address, website or booking link.")
        if not lines:
            ok, message = save_user_clinic(self.paths, details)
            if ok:
                self.saved = details
                self.accept()
                return True
            lines.append(message)
        self.notice.title.setText("Please check these details:")
        self.notice.details.setText("\n".join(lines))
        self.notice.details.show()
        self.notice.show()
        return False


class ClinicSection(QWidget):
    """The clinic card, or how to add one; and the way to use one's own clinic."""

    clinic_changed = Signal()

    def __init__(self, paths: Paths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.details: ClinicDetails | None = None
        self.messages: list[str] = []
        self.actions: dict[str, QPushButton] = {}
        self._buttons: QBoxLayout | None = None
        self.notice: Notice | None = None
        self.status = plain_label("", "meta")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._scroll: QScrollArea | None = None
        self._outer = outer
        self.reload()

    def reload(self) -> None:
        self.details, self.messages = load_clinic(self.paths)
        self._build()

    def _build(self) -> None:
        if self._scroll is not None:
            self._outer.removeWidget(self._scroll)
            self._scroll.deleteLater()
        self.actions = {}
        self._buttons = None
        scroll, layout = _scroll_page("clinic")
        self._scroll = scroll
        self._outer.addWidget(scroll)
        self.notice = None
        if self.messages:
            self.notice = Notice("Some of the clinic's details could not be used:", self.messages)
            layout.addWidget(self.notice)
        card, card_layout = _card()
        card.setAccessibleName("Your clinic")
        self.card = card
        if self.details is None:
            self._empty(card_layout)
        else:
            self._filled(card_layout, self.details)
        layout.addWidget(card)
        self.status = plain_label("", "meta")
        self.status.hide()
        layout.addWidget(self.status)
        layout.addStretch(1)

    def _empty(self, layout: QVBoxLayout) -> None:
        layout.addWidget(plain_label("No clinic details yet", "cardTitle"))
        self.how_to = plain_label(
            "If a clinic gave you StretchApp, it can add its phone number, address, opening "
            "hours and a booking link to the clinic file that comes with the app "
            f"({self.paths.bundled_clinic_file}); docs/settings.md shows how.\n\n"
            "You can also enter your own clinic's details here, to have them at hand when "
            "your back needs more than stretching."
        )
        self.how_to.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.how_to)
        row = QHBoxLayout()
        own = QPushButton("Use my own clinic…")
        own.setObjectName("primary")
        own.setAccessibleName("Use my own clinic")
        own.clicked.connect(self.edit)
        self.actions["own"] = own
        row.addWidget(own)
        row.addStretch(1)
        layout.addSpacing(8)
        layout.addLayout(row)

    def _filled(self, layout: QVBoxLayout, d: ClinicDetails) -> None:
        layout.addWidget(plain_label(d.name or "Your clinic", "h2"))
        if d.note:
            layout.addWidget(plain_label(d.note, "secondary"))
        rows = QVBoxLayout()
        rows.setSpacing(8)

        def add(label: str, widget: QWidget | QHBoxLayout, centre: bool = False) -> None:
            line = QHBoxLayout()
            line.setSpacing(16)
            title = plain_label(label, "meta", wrap=False)
            title.ensurePolished()  # the style sheet sets the font that is measured here
            title.setFixedWidth(title.fontMetrics().horizontalAdvance("Opening hours") + 12)
            align = Qt.AlignmentFlag.AlignVCenter if centre else Qt.AlignmentFlag.AlignTop
            line.addWidget(title, 0, align)
            if isinstance(widget, QHBoxLayout):
                line.addLayout(widget, 1)
            else:
                line.addWidget(widget, 0, align)
                line.addStretch(1)
            rows.addLayout(line)

        def with_copy(link: QPushButton, value: str, what: str, key: str) -> QHBoxLayout:
            line = QHBoxLayout()
            line.setSpacing(16)
            copy = copy_button(value, what)
            self.actions[key] = copy
            line.addWidget(link, 0, Qt.AlignmentFlag.AlignVCenter)
            line.addWidget(copy, 0, Qt.AlignmentFlag.AlignVCenter)
            line.addStretch(1)
            return line

        if d.phone:
            call = link_button(
                d.phone, d.tel_url, f"Call {d.phone}", f"Call {d.phone}",
                copy=d.phone, what="phone number",
            )
            self.actions["call"] = call
            add("Phone", with_copy(call, d.phone, "phone number", "copy"), centre=True)
        if d.email:
            mail = link_button(
                d.email, d.mailto_url, f"Email {d.email}", f"Write to {d.email}",
                copy=d.email, what="email address",
            )
            self.actions["email"] = mail
            add("Email", with_copy(mail, d.email, "email address", "copy_email"), centre=True)
        if d.address:
            place = link_button(
                d.address, d.map_url, f"Show {d.address} on a map", "Search for it on a map",
                copy=d.address, what="address",
            )
            self.actions["map"] = place
            add("Address", with_copy(place, d.address, "address", "copy_address"), centre=True)
        if d.website:
            site = link_button(
                d.website, d.website, "Open the clinic's website", copy=d.website,
                what="website address",
            )
            self.actions["website"] = site
            add("Website", with_copy(site, d.website, "website address", "copy_website"), True)
        if d.hours:
            add("Opening hours", plain_label("\n".join(d.hours)))
        layout.addSpacing(4)
        layout.addLayout(rows)
        target = d.booking_target or d.mailto_url
        if target:
            # The offer is the clinic's own (its file's `offer`), never one the app makes up.
            book = QPushButton(d.book_text)
            book.setObjectName("primary")
            book.setAccessibleName(d.book_text)
            how = (
                f"Opens {d.booking_url}"
                if d.booking_url
                else (f"Calls {d.phone}" if d.phone else f"Writes to {d.email}")
            )
            book.setToolTip(how)
            book.setProperty("url", target)
            copy, what = (
                (d.phone, "phone number")
                if target == d.tel_url
                else (d.email, "email address")
                if target == d.mailto_url
                else (target, "link")
            )
            book.clicked.connect(
                lambda: unless_opened(open_link(target), book, target, copy, what)
            )
            self.actions["book"] = book
            layout.addSpacing(8)
            layout.addWidget(book, 0, Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(plain_label(how, "meta"))
        layout.addSpacing(8)
        if d.source == "user":
            source = f"Your own clinic, saved in {d.file}."
        else:
            source = "These details came with StretchApp."
        source_label = plain_label(source, "meta")
        source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(source_label)
        # Side by side, or one under the other when the card is narrow (_reflow).
        buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._buttons = buttons
        own = QPushButton("Edit my clinic…" if d.source == "user" else "Use my own clinic…")
        own.setAccessibleName("Edit my clinic" if d.source == "user" else "Use my own clinic")
        own.clicked.connect(self.edit)
        self.actions["own"] = own
        buttons.addWidget(own)
        if d.source == "user" or self.paths.user_clinic_file.exists():
            reset = QPushButton("Reset to the clinic that came with the app")
            reset.setAccessibleName("Reset to the clinic that came with the app")
            reset.clicked.connect(self.reset)
            self.actions["reset"] = reset
            buttons.addWidget(reset)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._reflow()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        row = self._buttons
        if row is None:
            return
        bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        card = min(self.width() - 64 - bar, CONTENT_MAX_WIDTH) - 40  # as PreferencesSection
        shown = [w for w in self.actions.values() if row.indexOf(w) >= 0]
        needs = sum(w.sizeHint().width() for w in shown) + row.spacing() * (len(shown) - 1)
        beside = needs <= card
        direction = row.Direction.LeftToRight if beside else row.Direction.TopToBottom
        if row.direction() != direction:
            row.setDirection(direction)
            for widget in shown:
                row.setAlignment(widget, Qt.AlignmentFlag.AlignLeft)

    def dialog(self) -> ClinicDialog:
        """The form, prefilled with the user's clinic (not the bundled one)."""
        current = self.details if self.details and self.details.source == "user" else None
        return ClinicDialog(self.paths, current, self)

    def edit(self) -> None:
        dialog = self.dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.clinic_changed.emit()

    def confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Your clinic", question)
        return answer == QMessageBox.StandardButton.Yes

    def reset(self) -> None:
        if not self.confirm(
            "Remove your own clinic's details and show the clinic that came with the app? "
            "A copy of your details is kept in your config folder."
        ):
            return
        ok, message = clear_user_clinic(self.paths)
        self.reload()
        if message:
            self.status.setText(message)
            self.status.show()
        if ok:
            self.clinic_changed.emit()


# ---- About back spasms and the safety note ----------------------------------------------------


def health_content(layout: QVBoxLayout) -> health.HealthContent | None:
    """The health texts, or None with a notice naming every problem in their file."""
    try:
        return health.content()
    except health.HealthFileError as exc:
        layout.addWidget(
            Notice(
                "The health information that comes with StretchApp could not be read. "
                "If back pain comes with numbness, weakness or trouble passing urine, get "
                "medical help at once.",
                [str(p) for p in exc.problems],
            )
        )
        return None


def stop_rule_label(content: health.HealthContent) -> QLabel:
    """The rule for every stretch, in bold."""
    return plain_label(content.stop_rule, "rule")


def precautions_block(layout: QVBoxLayout, content: health.HealthContent) -> list[QLabel]:
    """Who should ask before stretching: a heading, a sentence and one line per precaution."""
    layout.addWidget(plain_label(content.precautions_title, "cardTitle"))
    layout.addWidget(plain_label(content.precautions_intro))
    box, items = _bullets([p.text for p in content.precautions], "")
    layout.addWidget(box)
    return items


def red_flags_block(layout: QVBoxLayout, content: health.HealthContent) -> list[QLabel]:
    """The red flags, most urgent first: each group's title and signs in the warning colour,
    its sentence in the text colour. Returns the labels in the warning colour."""
    labels: list[QLabel] = []
    for group in content.red_flags:
        heading = plain_label(group.title, "warning")
        font = heading.font()
        font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(font)
        heading.setAccessibleName(f"{group.title}: {group.intro}")
        layout.addSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(plain_label(group.intro))
        box, items = _bullets(group.items, "warning")
        layout.addWidget(box)
        labels += [heading, *items]
    return labels


class AboutSection(QWidget):
    """About back spasms: what they are, who should ask first, when to get help."""

    safety_note_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll, layout = _scroll_page("about")
        outer.addWidget(scroll)
        self.red_flags: list[QLabel] = []
        self.precautions: list[QLabel] = []
        self.links: list[QPushButton] = []
        content = health_content(layout)
        if content is not None:
            about = content.about
            layout.addWidget(plain_label(about.intro))
            for section in about.sections:
                card, card_layout = _card()
                card.setAccessibleName(section.title)
                card_layout.addWidget(plain_label(section.title, "cardTitle"))
                for paragraph in section.paragraphs:
                    card_layout.addWidget(plain_label(paragraph))
                layout.addWidget(card)
            card, card_layout = _card()
            card.setAccessibleName(content.precautions_title)
            self.precautions = precautions_block(card_layout, content)
            card_layout.addSpacing(4)
            card_layout.addWidget(stop_rule_label(content))
            layout.addWidget(card)
            card, card_layout = _card()
            card.setAccessibleName(content.red_flags_title)
            card_layout.addWidget(plain_label(content.red_flags_title, "cardTitle"))
            if content.red_flags_note:
                card_layout.addWidget(plain_label(content.red_flags_note))
            self.red_flags = red_flags_block(card_layout, content)
            layout.addWidget(card)
            if about.links:
                learn, learn_layout = _card()
                learn.setAccessibleName("Learn more")
                learn_layout.addWidget(plain_label("Learn more", "cardTitle"))
                self.links = [
                    link_button(f"{link.title} ↗", link.url, link.title, f"Opens {link.url}")
                    for link in about.links
                ]
                for button in self.links:
                    learn_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
                layout.addWidget(learn)
        self.safety_button = QPushButton("Read the safety note again")
        self.safety_button.setAccessibleName("Read the safety note again")
        self.safety_button.clicked.connect(self.safety_note_requested)
        layout.addWidget(self.safety_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)


class SafetyNoteDialog(QDialog):
    """The brief safety note shown on first start, and again from About back spasms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.setStyleSheet(_LOCAL_STYLE)
        self.setModal(True)
        self.setMinimumWidth(480)
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry().height() - 60 if screen is not None else 660
        self.resize(620, max(420, min(680, room)))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 16)
        layout = scroll_column(outer, (28, 24, 28, 8), 12, "Safety note")
        self.red_flags: list[QLabel] = []
        content = health_content(layout)
        title = content.safety_note.title if content is not None else "Before you start"
        self.setWindowTitle(title)
        if content is not None:
            note = content.safety_note
            layout.addWidget(plain_label(note.title, "h1"))
            for paragraph in note.paragraphs:
                layout.addWidget(plain_label(paragraph))
            layout.addWidget(stop_rule_label(content))
            layout.addSpacing(4)
            precautions_block(layout, content)
            layout.addSpacing(4)
            layout.addWidget(plain_label(content.red_flags_title, "cardTitle"))
            self.red_flags = red_flags_block(layout, content)
            if note.footer:
                layout.addWidget(plain_label(note.footer, "meta"))
            self.setAccessibleDescription(health.safety_note_text())
        layout.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(28, 0, 28, 0)
        row.addStretch(1)
        self.ok_button = QPushButton("I understand")
        self.ok_button.setObjectName("primary")
        self.ok_button.setAccessibleName("I understand")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.accept)
        row.addWidget(self.ok_button)
        outer.addLayout(row)

    def text(self) -> str:
        """Everything the note says, as shown."""
        return "\n".join(label.text() for label in self.findChildren(QLabel))


# ---- the page --------------------------------------------------------------------------------

SECTIONS: tuple[str, ...] = ("Preferences", "Relief options", "Your clinic", "About back spasms")


class SettingsPage(QWidget):
    """Settings: a row of section tabs over the four sections.

    `settings_changed(Settings)` is emitted on every change, after saving it through the store.
    Other parts of the app change settings through `change()`, so this page always holds the
    newest copy and never writes back an old value.
    """

    settings_changed = Signal(object)
    clinic_changed = Signal()

    def __init__(
        self,
        paths: Paths,
        store: SettingsStore,
        settings: Settings,
        messages: Sequence[str] = (),
        routines: Sequence[tuple[str, str]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.setStyleSheet(_LOCAL_STYLE)
        self.paths = paths
        self.store = store
        self._settings = settings
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        header = QWidget()
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(32, 24, 32, 0)
        header_layout.setSpacing(8)
        header_layout.addWidget(plain_label("Settings", "h1"))
        tabs = QHBoxLayout()
        tabs.setSpacing(24)
        self.tab_group = QButtonGroup(self)
        self.tab_group.setExclusive(True)
        self.tabs: list[QPushButton] = []
        for i, name in enumerate(SECTIONS):
            tab = QPushButton(name)
            tab.setObjectName("tab")
            tab.setCheckable(True)
            tab.setCursor(Qt.CursorShape.PointingHandCursor)
            tab.setAccessibleName(f"{name} section")
            self.tab_group.addButton(tab, i)
            self.tabs.append(tab)
            tabs.addWidget(tab)
        tabs.addStretch(1)
        header_layout.addLayout(tabs)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFixedHeight(1)
        rule.setStyleSheet("background: palette(mid); border: none;")
        header_layout.addWidget(rule)
        layout.addWidget(header)

        relief, relief_messages = load_relief(paths)
        self.preferences = PreferencesSection(settings, messages, routines)
        self.preferences.changed.connect(self._on_control)
        self.relief = ReliefSection(relief, relief_messages)
        self.clinic = ClinicSection(paths)
        self.clinic.clinic_changed.connect(self.clinic_changed)
        self.about = AboutSection()
        self.about.safety_note_requested.connect(self.show_safety_note)
        self.stack = QStackedWidget()
        for section in (self.preferences, self.relief, self.clinic, self.about):
            self.stack.addWidget(section)
        layout.addWidget(self.stack, 1)
        self.tab_group.idClicked.connect(self.show_section)
        self.show_section(0)

    @property
    def settings(self) -> Settings:
        return self._settings

    def show_section(self, index: int | str) -> None:
        """Show a section by index or name ("Your clinic")."""
        i = SECTIONS.index(index) if isinstance(index, str) else index
        self.tabs[i].setChecked(True)
        self.stack.setCurrentIndex(i)

    def change(self, **changes: Any) -> bool:
        """Change settings (from here or elsewhere in the app): apply, save, tell listeners.
        Returns whether they were saved."""
        new = self._settings.replace(**changes)
        if new == self._settings:
            return True
        self._settings = new
        saved = self.store.save(new)
        self.preferences.show_save_error("" if saved else self.store.last_error)
        self.preferences._update_dependents(new)
        self.settings_changed.emit(new)
        return saved

    def _on_control(self, name: str, value: Any) -> None:
        self.change(**{name: value})

    def show_safety_note(self) -> None:
        SafetyNoteDialog(self).exec()
