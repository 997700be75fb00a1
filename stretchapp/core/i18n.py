"""The user's language: which one, its translated texts, and dates, times and numbers in it.

No Qt: the core, the command line and the window all translate through this module.

- `activate(setting)` picks the language (an explicit setting, or the system's locale from
  LANGUAGE, LC_ALL, LC_MESSAGES and LANG, as gettext reads them) and loads its catalog from
  `stretchapp/locale/<lang>/LC_MESSAGES/stretchapp.mo`.
- `_`, `ngettext` and `pgettext` translate through the active catalog. A text missing from a
  catalog (or translated as nothing) is shown in English: never an empty string.
- `format_date`, `format_time`, `format_number`, `format_duration`, `format_relative`,
  `first_weekday` and `weekday_name` follow the active locale through Babel's CLDR data.

gettext is process-wide by nature (one language per run), so the active language is kept here,
once; `activate` replaces it and returns it, and tests activate what they need and `reset()`.

Until `activate` is called, texts are English and formats follow `FALLBACK_LOCALE` (en_GB:
24-hour clock, Monday first), which is what StretchApp showed before it was translated.

`en@pseudo` is a generated pseudo-language for layout checks: every text about 40 % longer,
with accented letters and in brackets (`[Ŝţàŕţ ~~~]`), placeholders kept.
"""

from __future__ import annotations

import functools
import gettext
import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from stretchapp.core.records import record

if TYPE_CHECKING:  # (datetime is not needed until something is formatted)
    from datetime import date, datetime, time, timedelta

    from babel import Locale

# Babel (CLDR data) is imported when a date, time or number is first formatted, not at start-up.

DOMAIN = "stretchapp"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "en"
PSEUDO = "en@pseudo"
FALLBACK_LOCALE = "en_GB"

# The languages StretchApp speaks, each named in itself (as the Language setting shows them).
LANGUAGES: Mapping[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
}
# A language's usual country, for when the system names none (LANG=de, or a setting).
_DEFAULT_TERRITORY = {"en": "GB", "de": "DE", "fr": "FR", "es": "ES"}
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "yi"})


def known_languages() -> tuple[str, ...]:
    """Every language a catalog exists for, plus English and the pseudo-language."""
    found = {SOURCE_LANGUAGE}
    if LOCALE_DIR.is_dir():
        found |= {p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return (*sorted(found), PSEUDO)


# ---- choosing the language -------------------------------------------------------------------


def _parse_env_locale(value: str) -> tuple[str, str]:
    """'de_AT.UTF-8@euro' → ('de', 'AT'); 'C', 'POSIX' and '' → ('', '')."""
    value = value.strip()
    if value.lower() == PSEUDO:
        return PSEUDO, ""
    base = value.split(".", 1)[0].split("@", 1)[0]
    if base in ("", "C", "POSIX"):
        return "", ""
    lang, _sep, territory = base.replace("-", "_").partition("_")
    return lang.lower(), territory.upper()


def system_locales(environ: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """The system's preferred (language, territory) pairs, best first, as gettext reads them.

    LC_ALL, then LC_MESSAGES, then LANG name the locale; LANGUAGE (a colon-separated list)
    takes precedence over it, unless the locale is C (where GNU gettext ignores LANGUAGE).
    When none of them is set, as for a program started from Windows' Start menu or the macOS
    Finder, the system's own display languages (`Platform.ui_languages`) are used.
    """
    env = os.environ if environ is None else environ
    main = ""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            main = env[name]
            break
    out: list[tuple[str, str]] = []
    main_pair = _parse_env_locale(main)
    if env.get("LANGUAGE") and main_pair != ("", ""):
        out += [_parse_env_locale(item) for item in env["LANGUAGE"].split(":") if item]
    out.append(main_pair)
    if not main and not env.get("LANGUAGE"):
        from stretchapp.core import platform  # only then: Linux always has the environment

        out = [_parse_env_locale(name) for name in platform.current().ui_languages()]
    return [pair for pair in out if pair[0]]


def choose(setting: str = "system", environ: Mapping[str, str] | None = None) -> tuple[str, str]:
    """(language, formatting locale) for a Language setting ("system" or a language code).

    The language is the first one StretchApp has a catalog for (else English); the
    formatting locale keeps the system's country when it speaks that language (en_US keeps
    its 12-hour clock and Sunday), else the language's usual one.
    """
    available = known_languages()
    system = system_locales(environ)
    language = ""
    if setting and setting != "system" and setting in available:
        language = setting
    else:
        for lang, _territory in system:
            if lang in available:
                language = lang
                break
    if not language:
        language = SOURCE_LANGUAGE
    if language == PSEUDO:
        return PSEUDO, FALLBACK_LOCALE
    for lang, territory in system:
        if lang == language and territory and _valid_locale(f"{lang}_{territory}"):
            return language, f"{lang}_{territory}"
    return language, f"{language}_{_DEFAULT_TERRITORY.get(language, '')}".rstrip("_")


def _valid_locale(name: str) -> bool:
    # A shape check only, so choosing costs no CLDR load at start-up; a country CLDR does not
    # know falls back to the language's own formats when the first date is formatted.
    return re.fullmatch(r"[a-z]{2,3}_[A-Z]{2}", name) is not None


# ---- the active language -----------------------------------------------------------------------


class _Fallback(gettext.NullTranslations):
    """English, the source language: every text as written."""


class _NeverEmpty(gettext.GNUTranslations):
    """A catalog that answers with the English text wherever its own is missing or empty."""

    def gettext(self, message: str) -> str:
        if not message:
            return message  # "" would be the catalog's header
        return super().gettext(message) or message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return super().ngettext(msgid1, msgid2, n) or (msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return super().pgettext(context, message) or message

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        result = super().npgettext(context, msgid1, msgid2, n)
        return result or (msgid1 if n == 1 else msgid2)


_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[sd]|%[sd]")
_ACCENTS = str.maketrans(
    "AaCcDEeGgHhIiJjKkLlNnOoRrSsTtUuWwYyZz",
    "ÅàÇçĐÉéĜĝĤĥÎîĴĵĶķĻļÑñÖöŔŕŜŝŢţÛûŴŵÝýŽž",
)


def pseudo(text: str) -> str:
    """The pseudo-translation of a text: accented, 40 % longer, bracketed; placeholders kept."""
    if not text:
        return text
    parts: list[str] = []
    last = 0
    for match in _PLACEHOLDER.finditer(text):
        parts.append(text[last : match.start()].translate(_ACCENTS))
        parts.append(match.group(0))
        last = match.end()
    parts.append(text[last:].translate(_ACCENTS))
    # The extra length comes as words of up to seven characters, so a long text still wraps
    # where a translation's would (one 40-character run of "~" is no language's word).
    extra = math.ceil(len(text) * 0.4)
    padding = " ".join("~" * min(7, extra - start) for start in range(0, extra, 8))
    # Texts that end in a newline keep it at the end, so line-based output stays line-based.
    body = "".join(parts)
    tail = "\n" if body.endswith("\n") else ""
    return f"[{body.rstrip(chr(10))} {padding}]{tail}"


class _Pseudo(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)


@record
class Language:
    """The active language: its code ("de"), formatting locale ("de_DE") and catalog."""

    code: str
    locale_name: str
    translations: gettext.NullTranslations

    @property
    def locale(self) -> Locale:
        return _parse_locale(self.locale_name)

    @property
    def right_to_left(self) -> bool:
        return self.code.split("@")[0] in RTL_LANGUAGES


@functools.lru_cache(maxsize=8)
def _parse_locale(name: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        language = name.split("_")[0]
        territory = _DEFAULT_TERRITORY.get(language)
        return Locale.parse(f"{language}_{territory}" if territory else FALLBACK_LOCALE)


def load_translations(code: str) -> gettext.NullTranslations:
    """The catalog for a language; English (texts as written) when there is none."""
    if code == PSEUDO:
        return _Pseudo()
    mo = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if code == SOURCE_LANGUAGE or not mo.is_file():
        return _Fallback()
    with mo.open("rb") as handle:
        return _NeverEmpty(handle)


def _make(code: str, locale_name: str) -> Language:
    return Language(code, locale_name, load_translations(code))


_active = _make(SOURCE_LANGUAGE, FALLBACK_LOCALE)


def activate(setting: str = "system", environ: Mapping[str, str] | None = None) -> Language:
    """Make the language for this setting ("system", "en", "de", …) the active one."""
    global _active
    code, locale_name = choose(setting, environ)
    _active = _make(code, locale_name)
    return _active


def reset() -> None:
    """Back to English with the fallback formats (for tests)."""
    global _active
    _active = _make(SOURCE_LANGUAGE, FALLBACK_LOCALE)


def active() -> Language:
    return _active


def _(message: str) -> str:
    """The text in the active language."""
    return _active.translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural text for n, by the active language's plural rules."""
    return _active.translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """The text in the active language, where the same English word needs telling apart."""
    return _active.translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _active.translations.npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Marks a text for translation where it is declared; translate it with `_` where shown."""
    return message


def language_from_settings(path: Path) -> str:
    """The Language setting in a settings.yaml, read without side effects; "system" if none.

    The command line reads only this one value (and never repairs the file, which is the
    window's job); a missing, unreadable or invalid file means the system's language.
    """
    from stretchapp.core import yamlfile

    try:
        # Named as the settings store names it, so that with a parse cache the store's read
        # of the same text is served from it rather than parsed again.
        data = yamlfile.parse(yamlfile.read_text(path, 64 * 1024), path.name)
    except (yamlfile.YamlError, OSError):
        return "system"
    value = data.get("language") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value in ("system", *LANGUAGES) else "system"


# ---- dates, times, numbers, durations -----------------------------------------------------------


def uses_24_hour_clock(locale: Locale | None = None) -> bool:
    from babel import dates as babel_dates

    pattern = str(babel_dates.get_time_format("short", locale=locale or _active.locale).pattern)
    return "H" in pattern or "k" in pattern


def format_date(value: date, length: str = "medium") -> str:
    """'29 Nov 2026', '29.11.2026', '29 nov. 2026', 'Nov 29, 2026'."""
    from babel import dates as babel_dates

    return babel_dates.format_date(value, length, locale=_active.locale)


def format_time(value: time | datetime) -> str:
    """'18:05' or '6:05 PM', as the locale has it."""
    from babel import dates as babel_dates

    return babel_dates.format_time(value, "short", locale=_active.locale)


def format_datetime(value: datetime, length: str = "short") -> str:
    """A date and time together, e.g. '29/11/2026, 18:05'."""
    from babel import dates as babel_dates

    return babel_dates.format_datetime(value, length, locale=_active.locale)


def format_number(value: float, decimals: int | None = None) -> str:
    """'1,234.5', '1.234,5', '1 234,5' (with the locale's own spaces)."""
    from babel import numbers as babel_numbers

    if decimals is None:
        return babel_numbers.format_decimal(value, locale=_active.locale)
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return babel_numbers.format_decimal(value, pattern, locale=_active.locale)


def format_duration(seconds: float, precise: bool = False) -> str:
    """'45 s', '8 min', '1 h 05 min' (rounded the way a person says it), or with `precise`
    '3 min 20 s', in the active language ('3 Min. 20 s')."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return _("{seconds} s").format(seconds=seconds)
    minutes, rest = divmod(seconds, 60)
    if precise and minutes < 60 and rest:
        return _("{minutes} min {seconds} s").format(minutes=minutes, seconds=rest)
    minutes = round(seconds / 60)
    if minutes < 60:
        return _("{minutes} min").format(minutes=minutes)
    hours, minutes = divmod(minutes, 60)
    return _("{hours} h {minutes:02d} min").format(hours=hours, minutes=minutes)


def format_relative(delta: timedelta) -> str:
    """'in 2 minutes', 'in 2 Minuten', 'dans 2 minutes', 'hace 3 horas'."""
    from babel import dates as babel_dates

    return babel_dates.format_timedelta(
        delta, add_direction=True, threshold=1.0, locale=_active.locale
    )


def first_weekday() -> int:
    """The first day of the week where the user lives: 0 Monday … 6 Sunday."""
    return int(_active.locale.first_week_day)


def weekday_name(weekday: int, width: str = "wide") -> str:
    """The name of a weekday (0 Monday … 6 Sunday); width "wide" or "abbreviated"."""
    return str(_active.locale.days["format"][width][weekday])
