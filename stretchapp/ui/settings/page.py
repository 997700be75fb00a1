"""The Settings page: a row of section tabs over the four sections."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stretchapp.core import i18n
from stretchapp.core.i18n import N_, _
from stretchapp.core.paths import Paths
from stretchapp.core.settings import (
    Settings,
    SettingsStore,
    load_relief,
)
from stretchapp.ui.controller import SettingsModel
from stretchapp.ui.dialogs import Question, show_compact
from stretchapp.ui.library import PAGE_MARGINS, page_step, plain_label
from stretchapp.ui.overlay import show_in_window
from stretchapp.ui.settings.about import AboutSection, SafetyNoteDialog
from stretchapp.ui.settings.clinic import ClinicSection
from stretchapp.ui.settings.preferences import PreferencesSection
from stretchapp.ui.settings.relief import ReliefSection
from stretchapp.ui.settings.restart import restart_app
from stretchapp.ui.widgets import (
    FORM_STYLE,
)

# The sections' names, also how `show_section` is asked for one: English here, shown with `_()`.
SECTIONS: tuple[str, ...] = (
    N_("Preferences"),
    N_("Relief options"),
    N_("Your clinic"),
    N_("About back spasms"),
)

# The restart offer, in the language in use and in the one just chosen (read by whoever chose it).
RESTART_TITLE = N_("Restart StretchApp now?")
RESTART_TEXT = N_(
    "The new language applies when StretchApp starts again. Your settings are saved, so "
    "nothing is lost."
)


class SettingsPage(QWidget):
    """Settings: a row of section tabs over the four sections.

    It shows and changes the app's one `SettingsModel` (ui/controller.py): `settings_changed
    (Settings)` is emitted on every change, after the model saved it, wherever it was made.
    A new Language offers to restart StretchApp; `restart` does that (default: quit and start
    again with the same command, see restart.py).
    """

    settings_changed = Signal(object)
    clinic_changed = Signal()

    def __init__(
        self,
        paths: Paths,
        model: SettingsModel,
        routines: Sequence[tuple[str, str]] = (),
        parent: QWidget | None = None,
        restart: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self._restart = restart or (lambda: restart_app(self.window()))
        self.restart_question: Question | None = None
        self.setObjectName("page")
        self.setStyleSheet(FORM_STYLE)
        self.paths = paths
        self.model = model
        settings, messages = model.value, model.messages
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        header = QWidget()
        header_layout = QVBoxLayout(header)
        left, top, right, _bottom = PAGE_MARGINS
        header_layout.setContentsMargins(left, top, right, 0)
        header_layout.setSpacing(8)
        header_layout.addWidget(plain_label(_("Settings"), "h1"))
        # The tabs in one row, or in two when their names are too long for the window (_reflow).
        # Their width is theirs to manage, so long names never widen the window.
        tab_box = QWidget()
        tab_box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        tab_layout = QVBoxLayout(tab_box)
        tab_layout.setContentsMargins(0, 0, 0, 0)
        tab_layout.setSpacing(8)
        self._tab_rows = (QHBoxLayout(), QHBoxLayout())
        for row in self._tab_rows:
            row.setSpacing(24)
            row.setAlignment(Qt.AlignmentFlag.AlignLeft)
            tab_layout.addLayout(row)
        header_layout.addWidget(tab_box)
        self.tab_group = QButtonGroup(self)
        self.tab_group.setExclusive(True)
        self.tabs: list[QPushButton] = []
        for i, name in enumerate(SECTIONS):
            tab = QPushButton(_(name))
            tab.setObjectName("tab")
            tab.setCheckable(True)
            tab.setCursor(Qt.CursorShape.PointingHandCursor)
            tab.setAccessibleName(_("{section} section").format(section=_(name)))
            self.tab_group.addButton(tab, i)
            self.tabs.append(tab)
            tab.installEventFilter(self)  # Page Up and Page Down scroll the section
            self._tab_rows[0].addWidget(tab)
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
        model.save_error.connect(self.preferences.show_save_error)
        model.changed.connect(self._changed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On a tab, Page Up and Page Down scroll the section shown (Left and Right already
        go from tab to tab), so the keyboard need not Tab into the section first."""
        if (
            watched in self.tabs
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
        ):
            section = self.stack.currentWidget()
            area = section.findChild(QScrollArea) if section is not None else None
            if area is not None:
                page_step(area, event.key() == Qt.Key.Key_PageDown)
                return True
        return super().eventFilter(watched, event)

    def _reflow(self) -> None:
        """As many tabs in the first row as fit beside each other, the rest in a second."""
        left, _top, right, _bottom = PAGE_MARGINS
        room = self.width() - left - right
        first, second = self._tab_rows
        wanted: list[QHBoxLayout] = []
        used = -first.spacing()
        for tab in self.tabs:
            tab.ensurePolished()  # the style sheet's font and padding are part of its width
            used += first.spacing() + tab.sizeHint().width()
            wanted.append(first if used <= room and second not in wanted else second)
        if all(row.indexOf(tab) >= 0 for tab, row in zip(self.tabs, wanted, strict=True)):
            return
        for tab in self.tabs:
            first.removeWidget(tab)
            second.removeWidget(tab)
        for tab, row in zip(self.tabs, wanted, strict=True):
            row.addWidget(tab)

    @property
    def settings(self) -> Settings:
        return self.model.value

    @property
    def store(self) -> SettingsStore:
        return self.model.store

    def show_section(self, index: int | str) -> None:
        """Show a section by index or its English name ("Your clinic")."""
        i = SECTIONS.index(index) if isinstance(index, str) else index
        self.tabs[i].setChecked(True)
        self.stack.setCurrentIndex(i)

    def change(self, **changes: Any) -> bool:
        """Change settings through the model: apply, save, tell listeners. Returns whether
        they were saved."""
        return self.model.change(**changes)

    def _changed(self, new: object) -> None:
        assert isinstance(new, Settings)
        self.preferences._update_dependents(new)
        self.settings_changed.emit(new)

    def _on_control(self, name: str, value: Any) -> None:
        saved = self.change(**{name: value})
        if name == "language":
            self.language_chosen(str(value), saved)

    def language_chosen(self, setting: str, saved: bool = True) -> Question | None:
        """Offer to restart when the chosen language is not the one in use: "Restart now"
        restarts, "Later" leaves a line on the row saying when it applies."""
        wanted = i18n.choose(setting)[0]
        if wanted == i18n.active().code or not saved:
            # Back to the language in use; or not saved, so a restart would not bring it.
            self.preferences.show_restart_note(False)
            return None
        chosen = i18n.load_translations(wanted)
        details = chosen.gettext(RESTART_TEXT)

        def both(mine: str, theirs: str) -> str:
            # The buttons in both languages too, as the question is: the person chose the
            # other one because they read it better.
            return mine if mine == theirs else f"{mine} / {theirs}"

        question = Question(
            _(RESTART_TITLE),
            _(RESTART_TEXT),
            [
                (both(_("Later"), chosen.gettext("Later")), ""),
                (both(_("Restart now"), chosen.gettext("Restart now")), "primary"),
            ],
            details=details if details != _(RESTART_TEXT) else "",
        )
        self.restart_question = question

        def answered(answer: int) -> None:
            self.restart_question = None
            self.preferences.show_restart_note(True)
            if answer == 2:
                self._restart()

        show_compact(self.window(), question, answered)
        QTimer.singleShot(0, question.buttons[-1].setFocus)  # Enter restarts, as it shows
        return question

    def show_safety_note(self) -> SafetyNoteDialog:
        note = SafetyNoteDialog()
        show_in_window(self.window(), note)
        return note
