"""The user's language: choosing it, translating through it, formatting in it, and the catalogs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from stretchapp.core import i18n
from stretchapp.core.i18n import _, ngettext, pgettext
from stretchapp.core.paths import Paths
from stretchapp.core.reminders import ReminderPlan, describe_time
from tests.scripts import load_script

REPO = Path(__file__).resolve().parents[2]
LANGS = ("de", "fr", "es")


def load_tool() -> ModuleType:
    return load_script("i18n", "i18n_tool")


# ---- which language ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, ("de", "de_DE")),
        ({"LANG": "fr_CA.UTF-8"}, ("fr", "fr_CA")),
        ({"LANG": "es_ES.UTF-8"}, ("es", "es_ES")),
        ({"LANG": "en_US.UTF-8"}, ("en", "en_US")),
        ({"LANG": "C.UTF-8"}, ("en", "en_GB")),
        ({}, ("en", "en_GB")),
        ({"LANG": "it_IT.UTF-8"}, ("en", "en_GB")),  # no Italian catalog: English
        ({"LANG": "de_DE.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, ("fr", "fr_FR")),  # LC_ALL wins
        ({"LANG": "de_DE.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, ("es", "es_ES")),
        ({"LANG": "de_AT.UTF-8", "LANGUAGE": "it:es:de"}, ("es", "es_ES")),  # first we have
        ({"LANG": "C", "LANGUAGE": "de"}, ("en", "en_GB")),  # gettext ignores LANGUAGE under C
        ({"LANG": "de_AT.UTF-8", "LANGUAGE": "de"}, ("de", "de_AT")),  # keeps the country
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "en@pseudo"}, ("en@pseudo", "en_GB")),
    ],
)
def test_the_language_comes_from_the_environment_as_gettext_reads_it(
    env: dict[str, str], expected: tuple[str, str]
) -> None:
    assert i18n.choose("system", env) == expected


def test_the_language_setting_wins_over_the_system() -> None:
    assert i18n.choose("fr", {"LANG": "de_DE.UTF-8"}) == ("fr", "fr_FR")
    assert i18n.choose("en", {"LANG": "en_US.UTF-8"}) == ("en", "en_US")
    assert i18n.choose("de", {"LANG": "de_CH.UTF-8"}) == ("de", "de_CH")
    assert i18n.choose("xx", {"LANG": "es_ES.UTF-8"}) == ("es", "es_ES")  # unknown: system


def test_the_language_setting_is_read_from_settings_without_touching_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.yaml"
    assert i18n.language_from_settings(path) == "system"
    path.write_text("version: 1\nlanguage: es\n", encoding="utf-8")
    assert i18n.language_from_settings(path) == "es"
    path.write_text("version: 1\nlanguage: klingon\nvolume: [\n", encoding="utf-8")
    before = path.read_bytes()
    assert i18n.language_from_settings(path) == "system"
    assert path.read_bytes() == before and list(tmp_path.iterdir()) == [path]


def test_the_language_setting_is_declared_with_each_language_named_in_itself() -> None:
    from stretchapp.core.settings import defaults, field

    f = field("language")
    assert defaults().language == "system"
    assert f.choices == ("system", "en", "de", "fr", "es")
    labels = f.extras["choice_labels"]
    assert [labels[c] for c in f.choices] == [
        "System default",
        "English",
        "Deutsch",
        "Français",
        "Español",
    ]
    assert defaults().replace(language="de").language == "de"
    with pytest.raises(ValueError, match="not a valid choice"):
        defaults().replace(language="it")


# ---- translating ---------------------------------------------------------------------------------


def test_texts_follow_the_active_language() -> None:
    i18n.activate("de")
    assert _("Reminders are off") == "Erinnerungen sind aus"
    assert pgettext("column heading", "TIME") == "DAUER"
    assert ngettext("{count} day", "{count} days", 1).format(count=1) == "1 Tag"
    assert ngettext("{count} day", "{count} days", 3).format(count=3) == "3 Tage"
    i18n.activate("fr")
    assert ngettext("{count} day", "{count} days", 0).format(count=0) == "0 jour"  # fr: 0 is one
    i18n.activate("es")
    assert _("Reminders are off") == "Los recordatorios están desactivados"
    i18n.reset()
    assert _("Reminders are off") == "Reminders are off"


def test_a_text_missing_from_a_catalog_is_shown_in_english_never_empty() -> None:
    i18n.activate("de")
    assert _("A sentence no catalog has") == "A sentence no catalog has"
    assert ngettext("one thing", "{n} things", 2) == "{n} things"
    assert pgettext("nowhere", "Start") == "Start"
    assert _("") == ""  # the header is never shown as a text


def test_every_translated_text_is_not_empty_at_run_time() -> None:
    tool = load_tool()
    template = tool.read(tool.POT)
    for lang in LANGS:
        i18n.activate(lang)
        for message in template:
            if not message.id:
                continue
            if isinstance(message.id, tuple):
                for n in (1, 2, 5):
                    got = (
                        i18n.npgettext(message.context, *message.id, n)
                        if message.context
                        else ngettext(*message.id, n)
                    )
                    assert got.strip(), (lang, message.id)
            else:
                got = pgettext(message.context, message.id) if message.context else _(message.id)
                assert got.strip(), (lang, message.id)


# ---- the catalogs --------------------------------------------------------------------------------


def test_every_catalog_is_complete_without_fuzzy_entries_and_keeps_placeholders() -> None:
    tool = load_tool()
    assert tool.languages() == sorted(LANGS)
    for lang in LANGS:
        found, total, done = tool.problems(lang)
        assert found == [], "\n".join(found)
        assert done == total > 100


def test_the_template_and_the_compiled_catalogs_are_current() -> None:
    tool = load_tool()
    assert tool.template_is_current(), "run: python scripts/i18n extract, then update"
    for lang in LANGS:
        po = tool.po_path(lang)
        mo = po.with_suffix(".mo")
        assert mo.read_bytes() == tool.mo_bytes(tool.read(po, lang)), (
            "run: python scripts/i18n compile"
        )


def test_the_check_finds_a_lost_placeholder_a_fuzzy_and_an_untranslated_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tool = load_tool()
    locale = tmp_path / "locale"
    shutil.copytree(tool.LOCALE, locale)
    monkeypatch.setattr(tool, "LOCALE", locale)
    monkeypatch.setattr(tool, "POT", locale / "stretchapp.pot")
    po = locale / "de" / "LC_MESSAGES" / "stretchapp.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgstr "{value} ist keine Uhrzeit"', 'msgstr "{wert} ist keine Uhrzeit"')
    text = text.replace('msgstr "Erinnerungen sind aus"', 'msgstr ""')
    text = text.replace(
        'msgid "every day"\nmsgstr "jeden Tag"', '#, fuzzy\nmsgid "every day"\nmsgstr "jeden Tag"'
    )
    po.write_text(text, encoding="utf-8")
    found, _total, _done = tool.problems("de")
    assert any("placeholders" in f and "{wert}" in f for f in found), found
    assert any("untranslated: 'Reminders are off'" in f for f in found), found
    assert any("fuzzy: 'every day'" in f for f in found), found


def test_the_catalogs_ship_in_the_package_layout_a_translation_platform_reads() -> None:
    for lang in LANGS:
        base = REPO / "stretchapp" / "locale" / lang / "LC_MESSAGES"
        assert (base / "stretchapp.po").is_file() and (base / "stretchapp.mo").is_file()
    assert i18n.LOCALE_DIR == REPO / "stretchapp" / "locale"
    assert set(i18n.known_languages()) == {"en", *LANGS, "en@pseudo"}


# ---- the pseudo-language -------------------------------------------------------------------------


def test_the_pseudo_language_lengthens_accents_and_brackets_keeping_placeholders() -> None:
    i18n.activate("system", {"LANG": "en_GB.UTF-8", "LANGUAGE": "en@pseudo"})
    source = "every {minutes} min from {start} to {end}"
    shown = _(source)
    assert shown.startswith("[") and shown.endswith("]")
    assert len(shown) >= 1.4 * len(source)
    assert "{minutes}" in shown and "{start}" in shown and "{end}" in shown
    assert shown != source and any(ord(c) > 127 for c in shown)
    assert shown.format(minutes=30, start="09:00", end="17:00")  # still formats
    assert "%(prog)s" in i18n.pseudo("%(prog)s: error: %(message)s\n")
    assert i18n.pseudo("line\n").endswith("]\n")
    # Longer, but wrapping where words end: no run of padding longer than a long word.
    assert max(len(word) for word in i18n.pseudo("x" * 100).split()) <= 102
    assert "~" * 8 not in i18n.pseudo("a long sentence " * 10)


# ---- dates, times, numbers, plurals per locale --------------------------------------------

WHEN = datetime(2026, 11, 29, 18, 5)


@pytest.mark.parametrize(
    ("lang", "env", "clock", "first_day", "number", "date_text"),
    [
        ("de", "de_DE.UTF-8", "18:05", 0, "12.345,5", "29.11.2026"),
        ("fr", "fr_FR.UTF-8", "18:05", 0, "12\u202f345,5", "29 nov. 2026"),
        ("es", "es_ES.UTF-8", "18:05", 0, "12.345,5", "29 nov 2026"),
        ("en", "en_US.UTF-8", "6:05\u202fPM", 6, "12,345.5", "Nov 29, 2026"),
        ("en", "en_GB.UTF-8", "18:05", 0, "12,345.5", "29 Nov 2026"),
    ],
)
def test_dates_times_numbers_and_the_first_weekday_follow_the_locale(
    lang: str, env: str, clock: str, first_day: int, number: str, date_text: str
) -> None:
    language = i18n.activate("system", {"LANG": env})
    assert language.code == lang
    assert i18n.format_time(WHEN) == clock
    assert i18n.uses_24_hour_clock() == (env != "en_US.UTF-8")
    assert i18n.first_weekday() == first_day
    assert i18n.format_number(12345.5) == number
    assert i18n.format_date(WHEN.date()) == date_text


@pytest.mark.parametrize(
    ("lang", "precise", "rounded", "hours", "relative", "past"),
    [
        ("de", "3 Min. 20 s", "3 Min.", "1 Std. 05 Min.", "in 2 Minuten", "vor 3 Stunden"),
        ("fr", "3 min 20 s", "3 min", "1 h 05 min", "dans 2 minutes", "il y a 3 heures"),
        ("es", "3 min 20 s", "3 min", "1 h 05 min", "dentro de 2 minutos", "hace 3 horas"),
        ("en", "3 min 20 s", "3 min", "1 h 05 min", "in 2 minutes", "3 hours ago"),
    ],
)
def test_durations_and_relative_times_per_language(
    lang: str, precise: str, rounded: str, hours: str, relative: str, past: str
) -> None:
    i18n.activate(lang)
    assert i18n.format_duration(200, precise=True) == precise
    assert i18n.format_duration(200) == rounded
    assert i18n.format_duration(45) == "45 s"
    assert i18n.format_duration(65 * 60) == hours
    assert i18n.format_relative(timedelta(minutes=2)) == relative
    assert i18n.format_relative(timedelta(hours=-3)) == past


def test_reminder_texts_follow_the_language_the_clock_and_the_week() -> None:
    plan = ReminderPlan(enabled=True, times=(time(8, 0), time(18, 0)), weekdays=frozenset({0, 6}))
    i18n.activate("de")
    assert plan.describe() == "Erinnerungen um 08:00, 18:00, am Mo., So."
    i18n.activate("system", {"LANG": "en_US.UTF-8"})
    assert plan.describe() == "Reminders at 8:00\u202fAM, 6:00\u202fPM, on Sun, Mon"
    now = datetime(2026, 11, 29, 12, 0)  # a Sunday
    i18n.activate("fr")
    assert describe_time(now + timedelta(days=1, hours=6), now) == "demain 18:00"
    i18n.activate("es")
    assert describe_time(now + timedelta(days=3), now) == "mié 12:00"
    i18n.reset()
    assert plan.describe() == "Reminders at 08:00, 18:00, on Mon, Sun"


def test_validation_messages_are_translated_with_their_values() -> None:
    from stretchapp.core.schema import Checker, Field

    i18n.activate("de")
    checker = Checker("r.yaml")
    checker.value(99, Field("hold", "int", "", minimum=5, maximum=60), "hold", 4)
    checker.value("x" * 5, Field("name", "text", "", max_length=3), "name", 5)
    assert [str(p) for p in checker.problems] == [
        "r.yaml:4: hold: 99 liegt außerhalb des Bereichs (eine ganze Zahl von 5 bis 60)",
        "r.yaml:5: name: ist 5 Zeichen lang (reiner Text, höchstens 3 Zeichen)",
    ]


# ---- the command line in German ------------------------------------------------------------------


def _run(args: list[str], lang: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANGUAGE"))}
    env.update(
        LANG=lang,
        STRETCHAPP_CONFIG_DIR=str(tmp_path / "config"),
        STRETCHAPP_DATA_DIR=str(tmp_path / "data"),
    )
    return subprocess.run(
        [sys.executable, "-m", "stretchapp", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_command_line_speaks_german(tmp_path: Path) -> None:
    result = _run(["--help"], "de_DE.UTF-8", tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("Aufruf: stretchapp")
    assert "diese Hilfe zeigen und beenden" in result.stdout
    assert "Ablauf-Dateien (und health.yaml) prüfen" in result.stdout
    bad = tmp_path / "mine.yaml"
    bad.write_text("version: 1\nroutines:\n  - id: Mine\n    name: Mine\n", encoding="utf-8")
    result = _run(["validate", str(bad)], "de_DE.UTF-8", tmp_path)
    assert result.returncode == 1
    assert f"{bad}:3: routines[1].id: 'Mine' ist keine gültige ID (Kleinbuchstaben" in (
        result.stdout
    )
    assert "routines[1].stretches: fehlt" in result.stdout
    result = _run(["--theme", "pink"], "de_DE.UTF-8", tmp_path)
    assert "Fehler: Argument --theme: ungültige Wahl: 'pink'" in result.stderr


def test_the_command_line_follows_the_language_setting(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.yaml").write_text("version: 1\nlanguage: fr\n", "utf-8")
    result = _run(["history"], "de_DE.UTF-8", tmp_path)
    assert result.stdout.startswith("Pas encore de séance."), result.stdout
    result = _run(["history"], "es_ES.UTF-8", tmp_path / "elsewhere")
    assert result.stdout.startswith("Todavía no hay sesiones."), result.stdout


def test_a_country_cldr_does_not_know_formats_as_the_language() -> None:
    language = i18n.activate("system", {"LANG": "de_XX.UTF-8"})
    assert (language.code, language.locale_name) == ("de", "de_XX")
    assert i18n.format_date(date(2026, 1, 5), "short") == "05.01.26"
    assert i18n.first_weekday() == 0


def test_format_helpers_accept_plain_dates() -> None:
    i18n.activate("fr")
    assert i18n.format_date(date(2026, 1, 5), "long") == "5 janvier 2026"
    assert i18n.weekday_name(0) == "lundi"


def test_a_settings_notice_in_german_keeps_its_did_you_mean_short(paths: Paths) -> None:
    from stretchapp.core.settings import SettingsStore

    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("version: 1\nvolumn: 30\n", encoding="utf-8")
    i18n.activate("de")
    _settings, messages = SettingsStore(paths).load()
    notice = next(m for m in messages if "volumn" in m)
    assert "volumn: ist kein bekanntes Feld; meinten Sie 'volume'?" in notice
    assert "bekannte Felder" not in notice  # the list of every field is left out with a hint


def test_a_name_outside_a_list_of_names_is_reported_in_german(tmp_path: Path) -> None:
    """A word a pose field does not know (highlight, contacts) is named in the reader's language
    with its did-you-mean, like every other loader message."""
    from stretchapp.core.routines import Library, check_text

    i18n.activate("de")
    text = (
        "version: 1\nstretches:\n  - id: mine\n    name: Mine\n    hold: 20\n    pose:\n"
        "      support: floor\n      contacts: [back]\n"
        "      keys:\n        - name: a\n          angles: {body_pitch: -90}\n"
        "    steps: [Lie down., Rest., Breathe.]\n"
    )
    report = check_text(text, tmp_path / "mine.yaml", Library({}, {}), tmp_path)
    messages = [p.message for p in report.problems]
    assert "'back' ist keiner der Namen; meinten Sie 'mid_back'?" in messages, messages
