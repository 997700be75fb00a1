"""The Settings page: a row of section tabs over the four sections."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stretchapp.core.paths import Paths
from stretchapp.core.settings import (
    Settings,
    SettingsStore,
    load_relief,
)
from stretchapp.ui.controller import SettingsModel
from stretchapp.ui.library import PAGE_MARGINS, plain_label
from stretchapp.ui.overlay import show_in_window
from stretchapp.ui.settings.about import AboutSection, SafetyNoteDialog
from stretchapp.ui.settings.clinic import ClinicSection
from stretchapp.ui.settings.preferences import PreferencesSection
from stretchapp.ui.settings.relief import ReliefSection
from stretchapp.ui.widgets import (
    FORM_STYLE,
)

SECTIONS: tuple[str, ...] = ("Preferences", "Relief options", "Your clinic", "About back spasms")


class SettingsPage(QWidget):
    """Settings: a row of section tabs over the four sections.

    It shows and changes the app's one `SettingsModel` (ui/controller.py): `settings_changed
    (Settings)` is emitted on every change, after the model saved it, wherever it was made.
    """

    settings_changed = Signal(object)
    clinic_changed = Signal()

    def __init__(
        self,
        paths: Paths,
        model: SettingsModel,
        routines: Sequence[tuple[str, str]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
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
        model.save_error.connect(self.preferences.show_save_error)
        model.changed.connect(self._changed)

    @property
    def settings(self) -> Settings:
        return self.model.value

    @property
    def store(self) -> SettingsStore:
        return self.model.store

    def show_section(self, index: int | str) -> None:
        """Show a section by index or name ("Your clinic")."""
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
        self.change(**{name: value})

    def show_safety_note(self) -> SafetyNoteDialog:
        note = SafetyNoteDialog()
        show_in_window(self.window(), note)
        return note
