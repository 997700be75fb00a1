"""The settings' and clinic's messages, and health.py's own words, in German."""

from __future__ import annotations

from stretchapp.core import health, i18n
from stretchapp.core.paths import Paths
from stretchapp.core.settings import ClinicDetails, SettingsStore, field


def test_a_settings_file_problem_is_told_in_german(paths: Paths) -> None:
    i18n.activate("de")
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("version: 1\nvolume: 140\n", encoding="utf-8")
    _settings, messages = SettingsStore(paths).load()
    header, problem = messages
    assert header.startswith("Einige Ihrer Einstellungen konnten nicht verwendet werden; sie ")
    assert "eine Kopie der bisherigen Datei liegt unter" in header
    assert problem.startswith("settings.yaml:2: volume: ") and problem.endswith(" – es gilt 70")


def test_list_settings_describe_their_values_in_german() -> None:
    i18n.activate("de")
    assert field("reminder_times").valid_text() == (
        "eine Liste mit bis zu 8 Uhrzeiten als HH:MM, z. B. [08:00, 18:00]"
    )


def test_the_booking_button_in_german() -> None:
    i18n.activate("de")
    assert ClinicDetails(phone="1").book_text == "Termin buchen"
    offer = ClinicDetails(phone="1", offer="einen kostenlosen Behandlungsplan.")
    assert offer.book_text == "einen kostenlosen Behandlungsplan buchen"


def test_precaution_summary_in_german() -> None:
    i18n.activate("de")
    summary = health.precaution_summary(["pregnancy"])
    title = health.content().precautions_title  # the file's own words (translated there)
    assert summary.startswith(f"{title}, falls das auf Sie zutrifft: ")
