"""What StretchApp says about back health, read from `assets/health.yaml`.

The first-start safety note, "About back spasms", the red flags (the signs that need a
doctor), the precautions and the rule for every stretch are data, so a clinic can review and
reword them in one place. The format is declared here once (see docs/content.md). The file is
read all or nothing: a file that has lost a red-flag group or a precaution is refused with
every problem named, never shown in part. The facts and their sources are listed in
docs/content.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from stretchapp.core import yamlfile
from stretchapp.core.i18n import _
from stretchapp.core.schema import Checker, Field, type_name
from stretchapp.core.yamlfile import Located, LocatedList, Problem, YamlError

FORMAT_VERSION = 1
FILE_NAME = "health.yaml"

# These must always be there: the loader refuses a file without them, and tests check them.
REQUIRED_RED_FLAG_GROUPS = ("emergency", "today", "tell-doctor")
REQUIRED_PRECAUTIONS = ("pregnancy", "osteoporosis", "surgery")


# ---- the declaration -----------------------------------------------------------------------

_TEXT = 600

FILE_FIELDS: tuple[Field, ...] = (
    Field(
        "version",
        "int",
        "Format version of this file.",
        required=True,
        minimum=1,
        maximum=FORMAT_VERSION,
    ),
    Field(
        "stop_rule",
        "text",
        "The rule for every stretch, shown before and during a session.",
        required=True,
        max_length=200,
    ),
    Field("safety_note", "any", "The note shown at first start.", required=True),
    Field("precautions", "any", "Conditions to ask about before stretching.", required=True),
    Field("red_flags", "any", "When to get help: the red-flag groups.", required=True),
    Field("about", "any", "The 'About back spasms' page.", required=True),
)

SAFETY_NOTE_FIELDS: tuple[Field, ...] = (
    Field("title", "text", "Its heading.", required=True, max_length=60),
    Field(
        "paragraphs",
        "texts",
        "Its paragraphs.",
        required=True,
        min_items=1,
        max_items=6,
        max_length=_TEXT,
    ),
    Field(
        "footer", "text", "A last line saying where to read it again.", default="", max_length=200
    ),
)

PRECAUTIONS_FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        "text",
        "Heading of the precautions, e.g. 'Ask first'.",
        required=True,
        max_length=60,
    ),
    Field("intro", "text", "The sentence before the list.", required=True, max_length=_TEXT),
    Field(
        "items", "any", "The precautions; stretches name them by id in `avoid_if`.", required=True
    ),
)

PRECAUTION_FIELDS: tuple[Field, ...] = (
    Field("id", "id", "How a stretch's `avoid_if` names it.", required=True),
    Field("name", "text", "A short name, e.g. 'Pregnancy'.", required=True, max_length=60),
    Field(
        "text", "text", "One or two sentences saying what to do.", required=True, max_length=_TEXT
    ),
)

RED_FLAGS_FIELDS: tuple[Field, ...] = (
    Field("title", "text", "Heading, e.g. 'When to get help'.", required=True, max_length=60),
    Field("note", "text", "A calm sentence before the groups.", default="", max_length=_TEXT),
    Field("groups", "any", "The groups, most urgent first.", required=True),
)

RED_FLAG_GROUP_FIELDS: tuple[Field, ...] = (
    Field("id", "id", "emergency, today or tell-doctor.", required=True),
    Field(
        "title", "text", "What to do, e.g. 'Get emergency help now'.", required=True, max_length=60
    ),
    Field("intro", "text", "The sentence before the signs.", required=True, max_length=_TEXT),
    Field(
        "items",
        "texts",
        "The signs, one per line.",
        required=True,
        min_items=1,
        max_items=12,
        max_length=300,
    ),
)

ABOUT_FIELDS: tuple[Field, ...] = (
    Field("title", "text", "The page's heading.", required=True, max_length=60),
    Field("intro", "text", "The first paragraph.", required=True, max_length=_TEXT),
    Field("sections", "any", "Sections: title and paragraphs.", default=()),
    Field("links", "any", "'Learn more' links: title and url.", default=()),
)

SECTION_FIELDS: tuple[Field, ...] = (
    Field("title", "text", "The section's heading.", required=True, max_length=60),
    Field(
        "paragraphs",
        "texts",
        "Its paragraphs.",
        required=True,
        min_items=1,
        max_items=6,
        max_length=_TEXT,
    ),
)

LINK_FIELDS: tuple[Field, ...] = (
    Field("title", "text", "What the link opens.", required=True, max_length=100),
    Field("url", "url", "The address (http or https).", required=True, max_length=300),
)


# ---- the model -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class SafetyNote:
    title: str
    paragraphs: tuple[str, ...]
    footer: str = ""


@dataclass(frozen=True)
class Precaution:
    id: str
    name: str
    text: str


@dataclass(frozen=True)
class RedFlagGroup:
    """One level of urgency: `emergency`, `today` or `tell-doctor`."""

    id: str
    title: str
    intro: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class About:
    title: str
    intro: str
    sections: tuple[Section, ...] = ()
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class HealthContent:
    stop_rule: str
    safety_note: SafetyNote
    precautions_title: str
    precautions_intro: str
    precautions: tuple[Precaution, ...]
    red_flags_title: str
    red_flags_note: str
    red_flags: tuple[RedFlagGroup, ...]
    about: About

    def precaution(self, precaution_id: str) -> Precaution | None:
        return next((p for p in self.precautions if p.id == precaution_id), None)

    def all_texts(self) -> list[str]:
        """Every sentence the file makes the app show (for the content checks)."""
        note = self.safety_note
        texts = [self.stop_rule, note.title, *note.paragraphs, note.footer]
        texts += [self.precautions_title, self.precautions_intro]
        texts += [t for p in self.precautions for t in (p.name, p.text)]
        texts += [self.red_flags_title, self.red_flags_note]
        texts += [t for g in self.red_flags for t in (g.title, g.intro, *g.items)]
        texts += [self.about.title, self.about.intro]
        texts += [t for s in self.about.sections for t in (s.title, *s.paragraphs)]
        texts += [link.title for link in self.about.links]
        return [t for t in texts if t]


class HealthFileError(Exception):
    """The health file cannot be used; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = list(problems)


# ---- loading -------------------------------------------------------------------------------


def load(path: Path) -> HealthContent:
    """Read and check a health file. Raises HealthFileError naming every problem."""
    try:
        data = yamlfile.load(path)
    except YamlError as exc:
        raise HealthFileError([exc.problem]) from exc
    checker = Checker(str(path))
    content = _read(checker, data)
    if checker.problems or content is None:
        if not checker.problems:
            checker.add(0, "", _("could not be read"), _("see docs/content.md"))
        raise HealthFileError(checker.problems)
    return content


def _read(checker: Checker, data: Any) -> HealthContent | None:
    if data is None:
        checker.add(
            0,
            "",
            _("the file is empty"),
            _("a mapping with version: {version}").format(version=FORMAT_VERSION),
        )
        return None
    top = checker.mapping(data, FILE_FIELDS, "", getattr(data, "line", 1))
    if not isinstance(data, dict) or "version" not in top:
        return None
    note = _mapping(checker, data, "safety_note", SAFETY_NOTE_FIELDS)
    prec = _mapping(checker, data, "precautions", PRECAUTIONS_FIELDS)
    flags = _mapping(checker, data, "red_flags", RED_FLAGS_FIELDS)
    about = _mapping(checker, data, "about", ABOUT_FIELDS)
    precautions = [
        Precaution(v["id"], v["name"], v["text"])
        for v in _items(checker, prec, "items", "precautions.items", PRECAUTION_FIELDS)
    ]
    groups = [
        RedFlagGroup(v["id"], v["title"], v["intro"], v["items"])
        for v in _items(checker, flags, "groups", "red_flags.groups", RED_FLAG_GROUP_FIELDS)
    ]
    sections = [
        Section(v["title"], v["paragraphs"])
        for v in _items(checker, about, "sections", "about.sections", SECTION_FIELDS)
    ]
    links = [
        Link(v["title"], v["url"])
        for v in _items(checker, about, "links", "about.links", LINK_FIELDS)
    ]
    _require(checker, data, "precautions", [p.id for p in precautions], REQUIRED_PRECAUTIONS)
    _require(checker, data, "red_flags", [g.id for g in groups], REQUIRED_RED_FLAG_GROUPS)
    if checker.problems:
        return None
    return HealthContent(
        stop_rule=top["stop_rule"],
        safety_note=SafetyNote(note["title"], note["paragraphs"], note["footer"] or ""),
        precautions_title=prec["title"],
        precautions_intro=prec["intro"],
        precautions=tuple(precautions),
        red_flags_title=flags["title"],
        red_flags_note=flags["note"] or "",
        red_flags=tuple(groups),
        about=About(about["title"], about["intro"], tuple(sections), tuple(links)),
    )


def _mapping(checker: Checker, data: dict[str, Any], key: str, fields: Sequence[Field]) -> Any:
    value = data.get(key)
    line = data.line_of(key) if isinstance(data, Located) else 1
    if value is None:
        return {}  # reported as missing by the file's own check
    line = value.line if isinstance(value, Located) else line
    return checker.mapping(value, fields, key, line)


def _items(
    checker: Checker, parent: Any, key: str, where: str, fields: Sequence[Field]
) -> list[dict[str, Any]]:
    """The good items of a list of mappings; every bad one is reported."""
    if not isinstance(parent, dict):
        return []
    value = parent.get(key)
    if value is None or value == ():
        return []
    if not isinstance(value, list):
        what = _("is {what}").format(what=type_name(value))
        checker.add(getattr(value, "line", 0), where, what, _("a list"))
        return []
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, item in enumerate(value):
        line = value.line_of(i) if isinstance(value, LocatedList) else 0
        before = len(checker.problems)
        values = checker.mapping(item, fields, f"{where}[{i + 1}]", line)
        if len(checker.problems) > before:
            continue
        item_id = values.get("id")
        if item_id is not None:
            if item_id in seen:
                twice = _("{value} appears twice").format(value=repr(item_id))
                checker.add(line, f"{where}[{i + 1}].id", twice, _("unique ids"))
                continue
            seen.add(item_id)
        out.append(values)
    return out


def _require(
    checker: Checker, data: dict[str, Any], key: str, found: Sequence[str], required: Sequence[str]
) -> None:
    missing = [r for r in required if r not in found]
    if missing and key in data:
        line = data.line_of(key) if isinstance(data, Located) else 0
        checker.add(
            line,
            key,
            _("is missing {ids}").format(ids=", ".join(repr(m) for m in missing)),
            _("these must always be there: {ids}").format(ids=", ".join(required)),
        )


# ---- the app's content ---------------------------------------------------------------------


def bundled_file() -> Path:
    from stretchapp.core.paths import Paths

    return Paths.default().assets_dir / FILE_NAME


@lru_cache(maxsize=4)
def _cached(path: Path) -> HealthContent:
    return load(path)


def content(assets_dir: Path | None = None) -> HealthContent:
    """The health content the app shows (from `assets_dir`, default the bundled assets).
    Raises HealthFileError when the file cannot be used."""
    path = assets_dir / FILE_NAME if assets_dir is not None else bundled_file()
    return _cached(path.resolve())


def stop_rule() -> str:
    return content().stop_rule


def safety_note() -> SafetyNote:
    return content().safety_note


def precautions() -> tuple[Precaution, ...]:
    return content().precautions


def red_flags() -> tuple[RedFlagGroup, ...]:
    return content().red_flags


def about() -> About:
    return content().about


def precaution_ids(assets_dir: Path | None = None) -> tuple[str, ...]:
    """The ids a stretch's `avoid_if` may name; () when the health file cannot be read."""
    try:
        return tuple(p.id for p in content(assets_dir).precautions)
    except HealthFileError:
        return ()


def precaution_text(precaution_id: str) -> str:
    """What the app shows for one precaution id ('' for an unknown id)."""
    found = content().precaution(precaution_id)
    return found.text if found is not None else ""


def precaution_texts(ids: Iterable[str]) -> tuple[str, ...]:
    """The display texts of a stretch's `avoid_if` ids, in the given order."""
    return tuple(text for text in (precaution_text(i) for i in ids) if text)


def safety_note_text() -> str:
    """The whole safety note as plain text (for tests, logs and screen readers)."""
    data = content()
    note = data.safety_note
    parts = [note.title, *note.paragraphs, data.stop_rule, data.precautions_intro]
    parts += [f"• {p.text}" for p in data.precautions]
    parts.append(data.red_flags_title)
    for group in data.red_flags:
        parts += [f"{group.title}. {group.intro}", *(f"• {item}" for item in group.items)]
    if note.footer:
        parts.append(note.footer)
    return "\n".join(parts)


def precaution_summary(ids: Iterable[str]) -> str:
    """One line naming a stretch's precautions, e.g. "Ask first if this applies to you:
    Pregnancy · Osteoporosis (weak bones)"; '' when none apply."""
    data = content()
    names = [p.name for p in (data.precaution(i) for i in ids) if p is not None]
    if not names:
        return ""
    # Translators: {title} is the precautions' heading from health.yaml, e.g. "Ask first".
    return _("{title} if this applies to you: {names}").format(
        title=data.precautions_title, names=" · ".join(names)
    )
