"""The Settings pane: preferences, relief options, the clinic's contact details and
"About back spasms", plus the first-start safety note.

The preference controls are built from `SETTINGS_FIELDS`, so a new setting appears here by being
declared. Every change is applied at once (`settings_changed`) and saved through the store.
All text from files is shown as plain text; only http(s), mailto and tel links are opened.
"""

from stretchapp.ui.settings.about import AboutSection, SafetyNoteDialog
from stretchapp.ui.settings.clinic import ClinicDialog, ClinicSection
from stretchapp.ui.settings.page import SECTIONS, SettingsPage
from stretchapp.ui.settings.preferences import PreferencesSection
from stretchapp.ui.settings.relief import ReliefSection

__all__ = [
    "SECTIONS",
    "AboutSection",
    "ClinicDialog",
    "ClinicSection",
    "PreferencesSection",
    "ReliefSection",
    "SafetyNoteDialog",
    "SettingsPage",
]
