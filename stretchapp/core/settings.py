"""The user's settings, the clinic's contact details and the relief options: declared once.

`SETTINGS_FIELDS`, `CLINIC_FIELDS` and `RELIEF_FIELDS` are the only descriptions of these
formats. The loaders check files against them with `schema.Checker`, the defaults come from
them, `scripts/gen-docs` writes the tables in docs/settings.md from them and the settings pane
builds its controls from them.

Files written by a person (or broken by a crash, or hostile) never stop the app: bad values go
back to their defaults and the person is told which and why, and the original file is kept
aside as a `.bak` before anything overwrites it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

from stretchapp.core import content_i18n, i18n, yamlfile
from stretchapp.core.files import atomic_write
from stretchapp.core.i18n import LANGUAGES, N_, _, ngettext
from stretchapp.core.paths import Paths
from stretchapp.core.records import record
from stretchapp.core.routines import Timing
from stretchapp.core.schema import Checker, Field, is_safe_link, short, type_name
from stretchapp.core.timeofday import WEEKDAYS, is_time
from stretchapp.core.yamlfile import Located, LocatedList, Problem, YamlError

SETTINGS_VERSION = 1
CLINIC_VERSION = 1
RELIEF_VERSION = 1
MAX_SETTINGS_BYTES = 64 * 1024
RELIEF_FILE_NAME = "relief-options.yaml"
MAP_SEARCH = "https://www.openstreetmap.org/search?query="

# Groups of the Preferences page, in order. A field's group is in its extras; a field with
# extras["hidden"] is kept by the app itself and has no control.
# The names are also the keys fields use, so they stay English here: show `_(group)`.
SETTINGS_GROUPS: tuple[str, ...] = (
    N_("Timing"),
    N_("Sound and voice"),
    N_("Check-ins"),
    N_("Look and start"),
    N_("Reminders"),
)


@record
class ListField(Field):
    """A list setting whose items are times of day (HH:MM) or weekdays (mon … sun)."""

    def valid_text(self) -> str:
        if self.extras.get("items") == "time":
            return _("a list of up to {count} times of day as HH:MM, e.g. [08:00, 18:00]").format(
                count=self.max_items
            )
        return _("a list of days: {days}").format(days=", ".join(WEEKDAYS))


class _SettingsChecker(Checker):
    """The shared checker, plus the items of `ListField`s. YAML 1.1 reads an unquoted 18:00
    as the number 1080 (base 60); that is taken back as the time it was meant to be."""

    def value(self, value: Any, f: Field, path: str, line: int) -> Any:
        if f.kind == "time" or (isinstance(f, ListField) and f.extras.get("items") == "time"):
            value = _sexagesimal_time(value)
        if not isinstance(f, ListField):
            return super().value(value, f, path, line)
        if not isinstance(value, list | tuple):
            what = _("is {what}").format(what=type_name(value))
            return self._bad(line, path, what, f.valid_text())
        if len(value) > f.max_items:
            many = ngettext("has {count} item", "has {count} items", len(value))
            return self._bad(line, path, many.format(count=len(value)), f.valid_text())
        items: list[str] = []
        for item in value:
            text = str(item).strip().lower() if isinstance(item, str) else item
            ok = isinstance(text, str) and (
                is_time(text) if f.extras["items"] == "time" else text in WEEKDAYS
            )
            if not ok:
                wrong = (
                    _("{value} is not a time")
                    if f.extras["items"] == "time"
                    else _("{value} is not a day")
                )
                return self._bad(line, path, wrong.format(value=short(item)), f.valid_text())
            if text in items:
                twice = _("{value} appears twice").format(value=short(item))
                return self._bad(line, path, twice, f.valid_text())
            items.append(text)
        if f.extras["items"] == "time":
            return tuple(sorted(items))
        return tuple(d for d in WEEKDAYS if d in items)


def _sexagesimal_time(value: Any) -> Any:
    """An unquoted `8:00` is read as the text written (see yamlfile); it is the time 08:00."""
    if isinstance(value, str) and re.fullmatch(r"\d:[0-5]\d", value.strip()):
        return "0" + value.strip()
    if isinstance(value, list):
        return [_sexagesimal_time(v) for v in value]
    return value


# ---- the declaration: loader, defaults, docs and the pane all read these --------------------

SETTINGS_FIELDS: tuple[Field, ...] = (
    Field(
        "version",
        "int",
        "Format version of this file, written by StretchApp.",
        default=SETTINGS_VERSION,
        minimum=1,
        maximum=SETTINGS_VERSION,
        label="Settings version",
        extras={"hidden": True},
    ),
    Field(
        "get_ready_seconds",
        "int",
        N_(
            "Seconds to get into position before each stretch (0: start at once). "
            "A routine may set its own."
        ),
        default=5,
        minimum=0,
        maximum=60,
        label=N_("Get ready"),
        extras={"group": "Timing", "unit": "s"},
    ),
    Field(
        "rest_seconds",
        "int",
        N_("Seconds of rest between stretches (0: no rest). A routine may set its own."),
        default=10,
        minimum=0,
        maximum=120,
        label=N_("Rest between stretches"),
        extras={"group": "Timing", "unit": "s"},
    ),
    Field(
        "sound",
        "bool",
        N_("Play soft cue sounds when a stretch starts, switches side and ends."),
        default=True,
        label=N_("Cue sounds"),
        extras={"group": "Sound and voice"},
    ),
    Field(
        "volume",
        "int",
        N_("Loudness of the cue sounds, in percent."),
        default=70,
        minimum=0,
        maximum=100,
        label=N_("Volume"),
        extras={"group": "Sound and voice", "unit": "%", "slider": True, "needs": "sound"},
    ),
    Field(
        "ticks",
        "bool",
        N_("A quiet tick in each of the last few seconds of a hold."),
        default=True,
        label=N_("Ticks in the last seconds"),
        extras={"group": "Sound and voice", "needs": "sound"},
    ),
    Field(
        "voice",
        "bool",
        N_("Say each stretch's name aloud, for when you cannot see the screen."),
        default=False,
        label=N_("Speak the stretch names"),
        extras={"group": "Sound and voice"},
    ),
    Field(
        "checkin_before",
        "bool",
        N_("Ask how your back feels before a session."),
        default=True,
        label=N_("Check in before a session"),
        extras={"group": "Check-ins"},
    ),
    Field(
        "checkin_after",
        "bool",
        N_("Ask how your back feels after a session."),
        default=True,
        label=N_("Check in after a session"),
        extras={"group": "Check-ins"},
    ),
    Field(
        "theme",
        "choice",
        N_("Light or dark look; system follows your computer's setting."),
        default="system",
        choices=("system", "light", "dark"),
        label=N_("Look"),
        extras={
            "group": "Look and start",
            "choice_labels": {
                "system": N_("Follow the system"),
                "light": N_("Light"),
                "dark": N_("Dark"),
            },
        },
    ),
    Field(
        "language",
        "choice",
        N_(
            "The language of StretchApp's texts, dates and numbers; System default follows your "
            "computer. A change applies the next time StretchApp starts."
        ),
        default="system",
        choices=("system", *LANGUAGES),
        label=N_("Language"),
        extras={
            "group": "Look and start",
            # Each language named in itself, so a person can find their own.
            # (The pane translates "System default" only.)
            "choice_labels": {"system": N_("System default"), **LANGUAGES},
            "restart": True,
        },
    ),
    Field(
        "start_full_screen",
        "bool",
        N_("Sessions fill the whole screen, easier to read from the floor."),
        default=False,
        label=N_("Start sessions full screen"),
        extras={"group": "Look and start"},
    ),
    Field(
        "default_routine",
        "id",
        N_("The routine offered first, e.g. on the Start button."),
        default="daily-back-care",
        label=N_("Default routine"),
        extras={"group": "Look and start"},
    ),
    Field(
        "safety_note_seen",
        "bool",
        "Whether the first-start safety note has been shown.",
        default=False,
        label="Safety note seen",
        extras={"hidden": True},
    ),
    Field(
        "start_with_desktop",
        "bool",
        N_("Start StretchApp in the background when you log in, so reminders can reach you."),
        default=False,
        label=N_("Start when I log in"),
        extras={"group": "Look and start"},
    ),
    Field(
        "reminders",
        "bool",
        N_("Remind me to stretch with a notification and a small prompt: Start, Snooze or Skip."),
        default=False,
        label=N_("Remind me to stretch"),
        extras={"group": "Reminders"},
    ),
    ListField(
        "reminder_times",
        "any",
        N_("Times of day for a reminder; several are fine, e.g. 08:00 and 18:00."),
        default=("18:00",),
        max_items=8,
        label=N_("At these times"),
        extras={"group": "Reminders", "items": "time", "needs": "reminders"},
    ),
    Field(
        "reminder_every_minutes",
        "int",
        N_("Also remind me every this many minutes between the two times below (0: not at all)."),
        default=0,
        minimum=0,
        maximum=480,
        label=N_("Also every"),
        extras={"group": "Reminders", "unit": "min", "needs": "reminders"},
    ),
    Field(
        "reminder_from",
        "time",
        N_("When the repeating reminders begin each day."),
        default="09:00",
        label=N_("Between"),
        extras={"group": "Reminders", "needs": "reminders"},
    ),
    Field(
        "reminder_until",
        "time",
        N_("When the repeating reminders end each day (the last one is at or before this)."),
        default="17:00",
        label=N_("And"),
        extras={"group": "Reminders", "needs": "reminders"},
    ),
    ListField(
        "reminder_days",
        "any",
        N_("The days reminders come on."),
        default=WEEKDAYS,
        max_items=7,
        label=N_("On these days"),
        extras={"group": "Reminders", "items": "weekday", "needs": "reminders"},
    ),
    Field(
        "reminder_routine",
        "id",
        N_("The routine a reminder offers to start."),
        default="daily-back-care",
        label=N_("Routine to offer"),
        extras={"group": "Reminders", "needs": "reminders"},
    ),
    Field(
        "snooze_minutes",
        "int",
        N_("How long Snooze puts a reminder off."),
        default=10,
        minimum=1,
        maximum=120,
        label=N_("Snooze for"),
        extras={"group": "Reminders", "unit": "min", "needs": "reminders"},
    ),
    Field(
        "reminder_skip_if_stretched",
        "bool",
        N_("No reminders on a day you have already stretched."),
        default=True,
        label=N_("Not on a day I already stretched"),
        extras={"group": "Reminders", "needs": "reminders"},
    ),
    Field(
        "tray_note_seen",
        "bool",
        "Whether you have been told that StretchApp keeps running in the tray.",
        default=False,
        label="Tray note seen",
        extras={"hidden": True},
    ),
    Field(
        "report_name",
        "text",
        "Your name as printed on each page of the report for your clinician; empty: no name. "
        "Asked when a report is made.",
        default="",
        max_length=80,
        label="Name on reports",
        extras={"hidden": True},
    ),
)


@record
class Settings:
    """Every setting, typed. Build changed copies with `replace(name=value)`."""

    version: int = SETTINGS_VERSION
    get_ready_seconds: int = 5
    rest_seconds: int = 10
    sound: bool = True
    volume: int = 70
    ticks: bool = True
    voice: bool = False
    checkin_before: bool = True
    checkin_after: bool = True
    theme: str = "system"
    language: str = "system"
    start_full_screen: bool = False
    default_routine: str = "daily-back-care"
    safety_note_seen: bool = False
    start_with_desktop: bool = False
    reminders: bool = False
    reminder_times: tuple[str, ...] = ("18:00",)
    reminder_every_minutes: int = 0
    reminder_from: str = "09:00"
    reminder_until: str = "17:00"
    reminder_days: tuple[str, ...] = WEEKDAYS
    reminder_routine: str = "daily-back-care"
    snooze_minutes: int = 10
    reminder_skip_if_stretched: bool = True
    tray_note_seen: bool = False
    report_name: str = ""

    def replace(self, **changes: Any) -> Settings:
        """A copy with `changes`, each checked against its field (ValueError if invalid)."""
        for name, value in changes.items():
            checked, problem = check_setting(name, value)
            if problem is not None:
                raise ValueError(f"settings: {name}: {problem}")
            if isinstance(field(name), ListField):
                changes[name] = checked  # normalised: sorted, as a tuple
        return dataclasses.replace(self, **changes)

    @property
    def timing(self) -> Timing:
        """The get-ready and rest every routine total is computed with."""
        return Timing(self.get_ready_seconds, self.rest_seconds)

    def as_dict(self) -> dict[str, Any]:
        """Values in declaration order."""
        return {f.name: getattr(self, f.name) for f in SETTINGS_FIELDS}


def defaults() -> Settings:
    """The settings a first start uses, straight from the declaration."""
    return Settings(**{f.name: f.default for f in SETTINGS_FIELDS})


def read_settings(paths: Paths) -> Settings:
    """The settings as the app would use them, read without repairing or writing anything
    (for the command line): defaults for what is missing, unreadable or not valid."""
    try:
        data = yamlfile.parse(
            yamlfile.read_text(paths.settings_file, MAX_SETTINGS_BYTES), paths.settings_file.name
        )
    except YamlError:
        return defaults()
    version = data.get("version", SETTINGS_VERSION) if isinstance(data, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version > SETTINGS_VERSION:
        return defaults()
    checker = _SettingsChecker(paths.settings_file.name)
    return Settings(**checker.mapping(data, SETTINGS_FIELDS, "", getattr(data, "line", 1)))


def check_setting(name: str, value: Any) -> tuple[Any, str | None]:
    """`value` checked against the setting's declaration: (the value as kept, None), or
    (None, what is wrong with it and what would be valid) to show beside its control."""
    known = {f.name: f for f in SETTINGS_FIELDS}
    if name not in known:
        raise ValueError(f"unknown setting {name!r}")
    checker = _SettingsChecker("settings")
    checked = checker.value(value, known[name], name, 0)
    if checker.problems:
        bad = checker.problems[0]
        return None, f"{bad.message} ({bad.valid})" if bad.valid else bad.message
    return checked, None


def field(name: str) -> Field:
    """The declaration of one setting."""
    for f in SETTINGS_FIELDS:
        if f.name == name:
            return f
    raise KeyError(name)


def display_value(value: Any) -> str:
    """A value as it is written in the file (true, 70, system)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# ---- writing files: atomic, and never over a file that was not kept aside -------------------


def keep_aside(path: Path) -> Path:
    """Copy `path` to `NAME.bak` (or a dated name if that exists) and return the copy's path.

    If an identical copy was already kept, that one is returned instead of a new one, so a
    file that stays broken does not fill the folder. Raises OSError.

    A file that cannot be copied safely (not a regular file, such as a pipe or a link to a
    device, or larger than MAX_KEPT_BYTES) is not read at all: it is moved aside instead, so
    nothing is lost and nothing huge is copied.
    """
    if yamlfile.file_problem(path, MAX_KEPT_BYTES) is not None:
        return _move_aside(path)
    try:
        data = yamlfile.read_bytes(path, MAX_KEPT_BYTES)
    except YamlError:
        return _move_aside(path)
    first = path.with_name(path.name + ".bak")
    candidates = [first]
    stamp = time.strftime("%Y-%m-%d-%H%M%S")
    candidates += [path.with_name(f"{path.name}.{stamp}.bak")]
    candidates += [path.with_name(f"{path.name}.{stamp}-{n}.bak") for n in range(2, 100)]
    for candidate in candidates:
        if candidate.exists():
            with contextlib.suppress(OSError):
                if candidate.read_bytes() == data:
                    return candidate
            continue
        # "x": never overwrite a copy that appeared in the meantime.
        with candidate.open("xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        return candidate
    raise OSError(f"too many kept copies of {path.name} in {path.parent}")


MAX_KEPT_BYTES = 1024 * 1024


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y-%m-%d-%H%M%S")
    for n in range(1, 100):
        candidate = path.with_name(f"{path.name}.{stamp}{'' if n == 1 else f'-{n}'}.bak")
        if candidate.exists() or candidate.is_symlink():
            continue
        path.rename(candidate)
        return candidate
    raise OSError(f"too many kept copies of {path.name} in {path.parent}")


def _yaml_value(value: Any) -> str:
    """One value as YAML, quoted where plain text would read as something else."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    import yaml  # only when writing: reading goes through yamlfile (and its cache)

    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=False, width=1000)
    return dumped.removesuffix("\n...\n").rstrip("\n")


def _render(header: str, fields: Sequence[Field], values: Mapping[str, Any]) -> str:
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    for f in fields:
        value = values.get(f.name)
        lines.append("")
        lines.append(f"# {f.doc} ({f.valid_text()})" if f.valid_text() else f"# {f.doc}")
        if isinstance(value, (list, tuple)):
            if value:
                lines.append(f"{f.name}:")
                lines += [f"  - {_yaml_value(item)}" for item in value]
            else:
                lines.append(f"{f.name}: []")
        elif value is None:
            lines.append(f'{f.name}: ""')
        else:
            rendered = _yaml_value(value)
            if "\n" in rendered:
                lines.append(f"{f.name}:")
                lines += [f"  {line}" for line in rendered.splitlines()]
            else:
                lines.append(f"{f.name}: {rendered}")
    return "\n".join(lines) + "\n"


_SETTINGS_HEADER = (
    "StretchApp settings. StretchApp writes this file whenever you change a setting in the\n"
    "Settings pane; you may edit it by hand too. A value it cannot use goes back to its\n"
    "default, and the file as you wrote it is kept beside it as settings.yaml.bak.\n"
    "Every setting is described in docs/settings.md."
)


def render_settings(settings: Settings) -> str:
    """The settings file's text: a header comment, then every key in declaration order."""
    return _render(_SETTINGS_HEADER, SETTINGS_FIELDS, settings.as_dict())


# ---- the settings store ---------------------------------------------------------------------


class SettingsStore:
    """Loads and saves `settings.yaml`. Never raises into the UI: problems become messages.

    After `load()`, `read_only` is true when the file was written by a newer StretchApp: it is
    then left exactly as it is, and `save()` refuses (changes last for this session only).
    """

    def __init__(self, paths: Paths) -> None:
        self.path = paths.settings_file
        self.read_only = False
        self.read_only_reason = ""
        self.last_error = ""
        self.kept_copy: Path | None = None
        self._on_disk: Settings | None = None  # what the file holds, when it matches a Settings

    def load(self) -> tuple[Settings, list[str]]:
        """The settings to use, and one message per thing the person should know."""
        self.read_only = False
        self.read_only_reason = ""
        self.kept_copy = None
        name = self.path.name
        if not (self.path.exists() or self.path.is_symlink()):
            self._on_disk = defaults()  # nothing to write until something changes
            return defaults(), []
        try:
            data = yamlfile.parse(yamlfile.read_text(self.path, MAX_SETTINGS_BYTES), name)
        except YamlError as exc:
            return self._unreadable(str(exc.problem))
        if not isinstance(data, dict):
            what = (
                _("{file}: is empty, not a list of settings")
                if data is None
                else _("{file}: holds {what}, not a list of settings")
            )
            return self._unreadable(what.format(file=name, what=type_name(data)))

        line = data.line if isinstance(data, Located) else 1
        version = data.get("version", SETTINGS_VERSION)
        if (
            isinstance(version, int)
            and not isinstance(version, bool)
            and version > SETTINGS_VERSION
        ):
            self.read_only = True
            self.read_only_reason = _(
                "{file} was written by a newer version of StretchApp (settings version "
                "{version}; this version understands up to {known}). It has been left "
                "untouched and the default settings are in use: changes you make now last "
                "until you quit. Update StretchApp to use your saved settings."
            ).format(file=self.path, version=version, known=SETTINGS_VERSION)
            self._on_disk = None
            return defaults(), [self.read_only_reason]

        checker = _SettingsChecker(name)
        values = checker.mapping(data, SETTINGS_FIELDS, "", line)
        settings = Settings(**values)
        if not checker.problems:
            self._on_disk = settings
            return settings, []
        messages = [_settings_problem(p) for p in sorted(checker.problems, key=lambda p: p.line)]
        self._on_disk = None
        header = self._repair(settings, _("Some of your settings could not be used"))
        return settings, [header, *messages]

    def _unreadable(self, problem: str) -> tuple[Settings, list[str]]:
        self._on_disk = None
        header = self._repair(defaults(), _("Your settings file could not be read"))
        using = _("{problem} — using the default settings").format(problem=problem)
        return defaults(), [header, using]

    def _repair(self, settings: Settings, what: str) -> str:
        """Keep the original aside, then write the repaired settings; say what happened."""
        try:
            self.kept_copy = keep_aside(self.path)
        except OSError as exc:
            # Without a copy, the original must not be overwritten: stop saving this session.
            self.read_only = True
            self.read_only_reason = _(
                "{what}, and a copy of {file} could not be kept ({reason}), so it is left "
                "untouched: changes you make now last until you quit."
            ).format(what=what, file=self.path, reason=exc.strerror or exc)
            return self.read_only_reason
        saved = self.save(settings)
        if saved:
            said = _(
                "{what}; they were reset to their defaults and a copy of the file as it was "
                "is kept as {copy}."
            )
        else:
            said = _(
                "{what}; they are reset to their defaults for now and a copy of the file as "
                "it was is kept as {copy}."
            )
        return said.format(what=what, copy=self.kept_copy)

    def save(self, settings: Settings) -> bool:
        """Write the settings if they differ from the file. False (and `last_error`) if not
        possible; never raises."""
        if self.read_only:
            self.last_error = self.read_only_reason
            return False
        if settings == self._on_disk:
            return True
        try:
            atomic_write(self.path, render_settings(settings))
        except OSError as exc:
            self.last_error = _(
                "Your settings could not be saved to {file} ({reason}). "
                "Changes last until you quit."
            ).format(file=self.path, reason=exc.strerror or exc)
            return False
        self.last_error = ""
        self._on_disk = settings
        return True


def _settings_problem(problem: Problem) -> str:
    known = {f.name: f for f in SETTINGS_FIELDS}
    if problem.field in known:
        default = display_value(known[problem.field].default)
        return _("{problem} — using {default}").format(problem=problem, default=default)
    unknown = _("is not a known field")
    if problem.message.startswith(unknown) and problem.message != unknown:  # with "did you mean"
        problem = dataclasses.replace(problem, valid="")
    return _("{problem} — ignored").format(problem=problem)


# ---- the clinic's contact details -----------------------------------------------------------

# A number as dialled, then perhaps an extension: "ext. 2", "x 2", "# 2", or the words
# German, French and Spanish clinics write ("Durchwahl", "DW", "poste", "ext.", "ext").
_PHONE = re.compile(
    r"^(?P<number>\+?[0-9][0-9 ().\-/]{2,30}?)"
    r"(?:\s*,?\s*(?:ext\.?|extension|x|#|durchwahl|dw\.?|poste|extensi[oó]n)\s*:?\s*"
    r"(?P<ext>[0-9]{1,6}))?$",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"^[^@\s<>\"'()\[\],;:]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")

CLINIC_FIELDS: tuple[Field, ...] = (
    Field(
        "version",
        "int",
        "Format version of this file.",
        default=CLINIC_VERSION,
        minimum=1,
        maximum=CLINIC_VERSION,
        label="Format version",
        extras={"hidden": True},
    ),
    Field(
        "name",
        "text",
        N_("The clinic's name, as its card shows it."),
        default="",
        max_length=80,
        label=N_("Clinic name"),
        example=N_("Riverside Back Care"),
    ),
    Field(
        "phone",
        "text",
        N_(
            "Phone number, as dialled: digits, spaces, + ( ) - . /, and perhaps an extension"
            " (ext. 12)"
        ),
        default="",
        max_length=40,
        label=N_("Phone"),
        example="+1 555 0100",
        extras={"check": "phone"},
    ),
    Field(
        "email",
        "text",
        N_("Email address."),
        default="",
        max_length=120,
        label=N_("Email"),
        example="hello@example.org",
        extras={"check": "email"},
    ),
    Field(
        "address",
        "text",
        N_("Street address; opens a map search."),
        default="",
        max_length=200,
        label=N_("Address"),
        extras={"multiline": True},
    ),
    Field(
        "website",
        "url",
        N_("The clinic's website (http or https)."),
        default="",
        max_length=300,
        label=N_("Website"),
        example="https://example.org",
    ),
    Field(
        "booking_url",
        "url",
        N_("Where the booking button leads; without it, the button calls the phone number."),
        default="",
        max_length=300,
        label=N_("Booking link"),
        example="https://example.org/book",
    ),
    Field(
        "hours",
        "texts",
        N_("Opening hours, one line each."),
        default=(),
        max_items=14,
        max_length=80,
        label=N_("Opening hours"),
        example=N_("Mon–Fri 8:00–18:00"),
        extras={"multiline": True},
    ),
    Field(
        "note",
        "text",
        N_("A short note shown on the card."),
        default="",
        max_length=300,
        label=N_("Note"),
        extras={"multiline": True},
    ),
    Field(
        "offer",
        "text",
        "What the clinic offers through its booking button, completing 'Book …', e.g. "
        "'a free personalized treatment plan'. Empty: the button says 'Book an appointment'. "
        "Only a clinic's own file states an offer; a clinic a person types in has none.",
        default="",
        max_length=80,
        label="Offer",
        example="a free personalized treatment plan",
        extras={"hidden": True},
    ),
)

BOOK_APPOINTMENT = N_("Book an appointment")


@record
class ClinicDetails:
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    website: str = ""
    booking_url: str = ""
    hours: tuple[str, ...] = ()
    note: str = ""
    offer: str = ""  # what the booking button offers; '' for a plain appointment
    source: str = "bundled"  # "bundled" or "user"
    file: Path | None = None

    def is_empty(self) -> bool:
        """No way to reach the clinic is given (a name alone is not enough)."""
        return not (self.phone or self.email or self.address or self.website or self.booking_url)

    @property
    def tel_url(self) -> str:
        """The number to call, with its extension as RFC 3966 writes one (";ext=12")."""
        parts = _PHONE.match(self.phone)
        number, ext = (parts["number"], parts["ext"]) if parts else (self.phone, None)
        digits = re.sub(r"[^0-9+]", "", number)
        if not digits:
            return ""
        return f"tel:{digits};ext={ext}" if ext else f"tel:{digits}"

    @property
    def mailto_url(self) -> str:
        return f"mailto:{quote(self.email, safe='@.+-_')}" if self.email else ""

    @property
    def map_url(self) -> str:
        query = " ".join(self.address.split())
        return MAP_SEARCH + quote_plus(query) if query else ""

    @property
    def booking_target(self) -> str:
        """The booking link, or else a call to the clinic, or ''."""
        return self.booking_url or self.tel_url

    @property
    def book_text(self) -> str:
        """The booking button's words: the clinic's own offer, else a plain appointment."""
        offer = self.offer.strip().rstrip(".")
        if not offer:
            return _(BOOK_APPOINTMENT)
        # Translators: {offer} is the clinic's own words, e.g. "a free personalized treatment
        # plan" (from its file, in the language it wrote them).
        return _("Book {offer}").format(offer=offer)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name, CLINIC_VERSION) for f in CLINIC_FIELDS}


def with_scheme(url: str) -> str:
    """A web address typed without its scheme ("example.org") with https:// in front; any
    other text as it was (the check then says what is wrong with it)."""
    url = url.strip()
    scheme = re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:(?!\d)", url)  # "host:8080" has none
    if url and scheme is None:
        return "https://" + url.lstrip("/")
    return url


def check_clinic(
    data: Any, file: str, line: int = 1, language: str | None = None
) -> tuple[ClinicDetails, list[Problem]]:
    """Check clinic details (from a file or a form): the good values, and every problem.

    A clinic file may carry `translations` of its name, address, hours, note and offer
    (content_i18n); the details come in `language` (default: the active one)."""
    checker = Checker(file)
    values = _clinic_values(checker, data, line, language)
    for f in CLINIC_FIELDS:
        kind = f.extras.get("check")
        value = values.get(f.name)
        if not kind or not value:
            continue
        where = data.line_of(f.name) if isinstance(data, Located) else line
        if kind == "phone" and not _PHONE.match(value):
            checker.add(
                where,
                f.name,
                _("{value} is not a phone number").format(value=repr(value)),
                _("digits, spaces and + ( ) - . /, then perhaps an extension (ext. 12)"),
            )
            values[f.name] = f.default
        elif kind == "email" and (not _EMAIL.match(value) or not is_safe_link("mailto:" + value)):
            not_email = _("{value} is not an email address").format(value=repr(value))
            checker.add(where, f.name, not_email, "name@example.org")
            values[f.name] = f.default
    values.pop("version", None)
    clean: dict[str, Any] = {k: ("" if v is None else v) for k, v in values.items()}
    clean["hours"] = tuple(values.get("hours") or ())
    return ClinicDetails(**clean), checker.problems


def clinic_coverage(path: Path) -> list[content_i18n.Coverage]:
    """Every text of a clinic file, with the languages that translate it."""
    data = yamlfile.load(path, MAX_SETTINGS_BYTES)
    checker = Checker(str(path))
    reader = content_i18n.Localizer(checker, i18n.SOURCE_LANGUAGE)
    reader.read(_hours_fixed(data, getattr(data, "line", 1)), CLINIC_FIELDS, "clinic", "", 1)
    return reader.coverage


def _hours_fixed(data: Any, line: int) -> Any:
    if isinstance(data, dict) and "hours" in data and data["hours"] is None:
        # "hours:" left empty means no hours, not a mistake.
        located = data if isinstance(data, Located) else None
        copy = Located(line)
        copy.update(data)
        copy.lines = dict(located.lines) if located else {}
        copy["hours"] = []
        return copy
    return data


def _clinic_values(checker: Checker, data: Any, line: int, language: str | None) -> dict[str, Any]:
    active = i18n.active()
    if language is None:
        language, locale_name = active.code, active.locale_name
    else:
        locale_name = ""
    reader = content_i18n.Localizer(checker, language, locale_name)
    return reader.read(_hours_fixed(data, line), CLINIC_FIELDS, "clinic", "", line)


CLINIC_FILE_NAME = "clinic.yaml"
# Data files with a format of their own that `stretchapp validate` checks by their name.
DATA_FILE_NAMES = (RELIEF_FILE_NAME, CLINIC_FILE_NAME)


def check_data_file(path: Path) -> list[str]:
    """Every problem of a relief-options.yaml or clinic.yaml, translations included."""
    if path.name == RELIEF_FILE_NAME:
        return read_relief(path)[1]
    try:
        data = yamlfile.load(path, MAX_SETTINGS_BYTES)
    except YamlError as exc:
        return [str(exc.problem)]
    if data is None:
        return []
    line = data.line if isinstance(data, Located) else 1
    return [str(p) for p in check_clinic(data, str(path), line)[1]]


def _read_clinic(path: Path) -> tuple[ClinicDetails | None, list[str]]:
    """One clinic file: its details (None when unusable) and messages."""
    try:
        data = yamlfile.load(path, MAX_SETTINGS_BYTES)
    except YamlError as exc:
        return None, [
            _("{problem} — these clinic details are not used").format(problem=exc.problem)
        ]
    if data is None:
        return ClinicDetails(file=path), []
    if not isinstance(data, dict):
        holds = _("{file}: holds {what}, not clinic details — not used")
        return None, [holds.format(file=path, what=type_name(data))]
    version = data.get("version", CLINIC_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > CLINIC_VERSION:
        newer = _(
            "{file}: was written by a newer version of StretchApp (clinic format {version}; "
            "this version understands up to {known}) — not used, and left untouched"
        )
        return None, [newer.format(file=path, version=version, known=CLINIC_VERSION)]
    line = data.line if isinstance(data, Located) else 1
    details, problems = check_clinic(data, str(path), line)
    details = dataclasses.replace(details, file=path)
    return details, [_("{problem} — left out").format(problem=p) for p in problems]


def load_clinic(paths: Paths) -> tuple[ClinicDetails | None, list[str]]:
    """The clinic to show: the user's own file wins over the one that came with the app.

    None when neither gives a way to reach a clinic. Bad values are left out, each with a
    message naming FILE:LINE; links other than http(s), mailto and tel are refused.
    """
    messages: list[str] = []
    if paths.user_clinic_file.exists() or paths.user_clinic_file.is_symlink():
        details, found = _read_clinic(paths.user_clinic_file)
        messages += found
        if details is not None and not details.is_empty():
            return dataclasses.replace(details, source="user"), messages
        if details is None:
            messages.append(_("Using the clinic details that came with StretchApp instead."))
    if paths.bundled_clinic_file.exists():
        details, found = _read_clinic(paths.bundled_clinic_file)
        messages += found
        if details is not None and not details.is_empty():
            return dataclasses.replace(details, source="bundled"), messages
    return None, messages


def bundled_clinic(paths: Paths) -> ClinicDetails | None:
    """The clinic that came with the app, or None when none did (what a reset goes back to)."""
    if not paths.bundled_clinic_file.exists():
        return None
    details, _messages = _read_clinic(paths.bundled_clinic_file)
    if details is None or details.is_empty():
        return None
    return dataclasses.replace(details, source="bundled")


_CLINIC_HEADER = (
    "Your own clinic's contact details for StretchApp, saved from the Settings pane\n"
    "(Your clinic > Use my own clinic). You may edit this file by hand; the fields are\n"
    "described in docs/settings.md. Delete it to go back to the clinic that came with the app."
)


def render_clinic(details: ClinicDetails, header: str = _CLINIC_HEADER) -> str:
    values = details.as_dict()
    values["version"] = CLINIC_VERSION
    return _render(header, CLINIC_FIELDS, values)


def save_user_clinic(paths: Paths, details: ClinicDetails) -> tuple[bool, str]:
    """Save the user's own clinic atomically. (True, "") or (False, why)."""
    values = details.as_dict()
    values["hours"] = list(details.hours)
    _values, problems = check_clinic(values, _("clinic details"))
    if problems:
        return False, "; ".join(str(p) for p in problems)
    try:
        atomic_write(paths.user_clinic_file, render_clinic(details))
    except OSError as exc:
        return False, _("Your clinic's details could not be saved to {file} ({reason}).").format(
            file=paths.user_clinic_file, reason=exc.strerror or exc
        )
    return True, ""


def clear_user_clinic(paths: Paths) -> tuple[bool, str]:
    """Go back to the bundled clinic. The user's file is kept aside as a .bak, not deleted."""
    path = paths.user_clinic_file
    if not path.exists():
        return True, ""
    try:
        kept = keep_aside(path)
        path.unlink()
    except OSError as exc:
        return False, _("{file} could not be removed ({reason}).").format(
            file=path, reason=exc.strerror or exc
        )
    return True, _("Your clinic's details were removed; a copy is kept as {copy}.").format(
        copy=kept
    )


# ---- relief options: data a clinic can edit -------------------------------------------------

RELIEF_FILE_FIELDS: tuple[Field, ...] = (
    Field(
        "version",
        "int",
        "Format version of this file.",
        required=True,
        minimum=1,
        maximum=RELIEF_VERSION,
    ),
    Field(
        "intro",
        "text",
        "A few sentences shown above the options (what comes first, what goes alongside).",
        default="",
        max_length=600,
    ),
    Field("options", "any", "The relief options, in the order shown.", required=True),
)

RELIEF_FIELDS: tuple[Field, ...] = (
    Field("id", "id", "A short name for the option.", required=True),
    Field("title", "text", "The card's title.", required=True, max_length=60),
    Field(
        "text",
        "text",
        "Two or three plain sentences: what it is and when it may help.",
        required=True,
        max_length=600,
        extras={"multiline": True},
    ),
    Field("links", "any", "'Learn more' links: a list of title and url.", default=()),
)

RELIEF_LINK_FIELDS: tuple[Field, ...] = (
    Field(
        "title", "text", "What the link opens, e.g. the site's name.", required=True, max_length=80
    ),
    Field("url", "url", "The address (http or https).", required=True, max_length=300),
)


@record
class ReliefLink:
    title: str
    url: str


@record
class ReliefOption:
    id: str
    title: str
    text: str
    links: tuple[ReliefLink, ...] = ()


def relief_file(paths: Paths) -> Path:
    return paths.assets_dir / RELIEF_FILE_NAME


@record
class Relief:
    """What the Relief options pane shows: an introduction, then the options."""

    intro: str = ""
    options: tuple[ReliefOption, ...] = ()


def load_relief_options(paths: Paths) -> tuple[list[ReliefOption], list[str]]:
    """The relief options from assets/relief-options.yaml; a bad option is left out, with a
    message, and the rest are shown."""
    relief, messages = load_relief(paths)
    return list(relief.options), messages


def load_relief(
    paths: Paths, language: str | None = None, locale_name: str = ""
) -> tuple[Relief, list[str]]:
    """The Relief options pane's content (see load_relief_options), with its introduction,
    in `language` (default: the active one), English per text without a translation."""
    relief, messages, _coverage = read_relief(relief_file(paths), language, locale_name)
    return relief, messages


def _relief_option(
    reader: content_i18n.Localizer, item: Any, where: str, line: int
) -> ReliefOption | None:
    """One relief option in the reader's language; None when it cannot be shown."""
    checker = reader.checker
    values = reader.read(item, RELIEF_FIELDS, "relief_option", where, line)
    links: list[ReliefLink] = []
    raw_links = values.get("links") or []
    if not isinstance(raw_links, list):
        checker.add(
            line,
            f"{where}.links",
            _("is {what}").format(what=type_name(raw_links)),
            _("a list of links"),
        )
        raw_links = []
    for j, raw in enumerate(raw_links):
        link_line = raw_links.line_of(j) if isinstance(raw_links, LocatedList) else line
        link = reader.read(
            raw, RELIEF_LINK_FIELDS, "relief_link", f"{where}.links[{j + 1}]", link_line
        )
        if "title" in link and "url" in link and link["url"]:
            links.append(ReliefLink(link["title"], link["url"]))
    if not {"id", "title", "text"} <= values.keys():
        return None
    return ReliefOption(values["id"], values["title"], values["text"], tuple(links))


def read_relief(
    path: Path, language: str | None = None, locale_name: str = ""
) -> tuple[Relief, list[str], list[content_i18n.Coverage]]:
    """A relief-options file: its content, its problems and which texts are translated."""
    if language is None:
        active = i18n.active()
        language, locale_name = active.code, active.locale_name
    try:
        data = yamlfile.load(path)
    except YamlError as exc:
        return Relief(), [str(exc.problem)], []
    checker = Checker(str(path))
    reader = content_i18n.Localizer(checker, language, locale_name)
    top = reader.read(data, RELIEF_FILE_FIELDS, "relief", "", getattr(data, "line", 1))
    items = top.get("options")
    if not isinstance(data, dict) or "version" not in top or items is None:
        return Relief(), [str(p) for p in checker.problems], reader.coverage
    if not isinstance(items, list):
        checker.add(
            data.line_of("options") if isinstance(data, Located) else 1,
            "options",
            _("is {what}").format(what=type_name(items)),
            _("a list of options"),
        )
        items = []
    options: list[ReliefOption] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        line = items.line_of(i) if isinstance(items, LocatedList) else 1
        option = _relief_option(reader, item, f"options[{i + 1}]", line)
        if option is None:
            continue  # reported; the other options are still shown
        if option.id in seen:
            twice = _("{value} appears twice").format(value=repr(option.id))
            checker.add(line, f"options[{i + 1}].id", twice, _("unique ids"))
            continue
        seen.add(option.id)
        options.append(option)
    relief = Relief(top.get("intro") or "", tuple(options))
    return relief, [str(p) for p in checker.problems], reader.coverage
