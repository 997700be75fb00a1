"""Translations of content texts (stretches, routines, …) carried beside the English in the file.

A stretch, a routine or a routine's entry may hold a `translations` mapping: per language code,
the texts of that item in that language. Only the fields named in `TRANSLATABLE` can be
translated (texts a person reads or hears); ids, timings and pictures are the same in every
language, so an item's behaviour never depends on the language.

    - id: childs-pose
      name: Child's pose
      steps: [...]
      translations:
        de:
          name: Kindhaltung
          steps: [...]            # the same number of steps as the English

Each translated value is checked against the same `Field` of the format's declaration as the
English one (length, plain text, no markup), and problems read like every other one:
`FILE:LINE: stretches[1].translations.de.name: is 75 characters long (…)`. A field a
translation leaves out is shown in English: the fallback is per text, never an empty string.

The English text is the source: a translation never replaces the id or any field not listed in
`TRANSLATABLE`, and `translations.en` is refused (edit the English itself).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import field
from typing import Any

from stretchapp.core.i18n import SOURCE_LANGUAGE, _, active
from stretchapp.core.records import record
from stretchapp.core.schema import Checker, Field
from stretchapp.core.yamlfile import Located

KEY = "translations"
# What can be translated, per kind of item, by field name of that item's declaration.
TRANSLATABLE: Mapping[str, tuple[str, ...]] = {
    "stretch": ("name", "steps", "breathing", "caution", "video", "left_side", "right_side"),
    "routine": ("name", "description"),
    "entry": ("transition",),
    # assets/health.yaml (stretchapp/core/health.py)
    "health": ("stop_rule",),
    "safety_note": ("title", "paragraphs", "footer"),
    "precautions": ("title", "intro"),
    "precaution": ("name", "text"),
    "red_flags": ("title", "note"),
    "red_flag_group": ("title", "intro", "items"),
    "about": ("title", "intro"),
    "about_section": ("title", "paragraphs"),
    "link": ("title",),
    # assets/relief-options.yaml and clinic.yaml (stretchapp/core/settings.py)
    "relief": ("intro",),
    "relief_option": ("title", "text"),
    "relief_link": ("title",),
    "clinic": ("name", "address", "hours", "note", "offer"),
}
# Fields whose translation must keep the English item count (steps read one per line, in order;
# a red-flag group's signs and a page's paragraphs are the same list in every language).
SAME_COUNT = frozenset({"steps", "items", "paragraphs"})
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")


@record
class Translations:
    """An item's checked translations: language code → field name → value."""

    texts: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.texts))

    def for_language(self, code: str, locale_name: str = "") -> Mapping[str, Any]:
        """The texts for a language: its country's own (de_AT) over the language's (de)."""
        found: dict[str, Any] = {}
        found.update(self.texts.get(code.split("@")[0], {}))
        if locale_name and locale_name in self.texts:
            found.update(self.texts[locale_name])
        return found

    def apply(self, values: Mapping[str, Any], code: str, locale_name: str = "") -> dict[str, Any]:
        """The item's values with each text that has a translation replaced: English per
        field otherwise (and for every field when `code` is English)."""
        out = dict(values)
        if code == SOURCE_LANGUAGE:
            return out
        for name, text in self.for_language(code, locale_name).items():
            if text not in (None, "", ()):
                out[name] = text
        return out

    def without(self, name: str) -> Translations:
        """These translations less one field in every language."""
        texts = {code: {k: v for k, v in t.items() if k != name} for code, t in self.texts.items()}
        return Translations({code: t for code, t in texts.items() if t})

    def still_fitting(self, was: Mapping[str, Any], now: Mapping[str, Any]) -> Translations:
        """These translations less those of each text changed from `was` to `now`: they
        translated the old text, so the new one is shown as written, in every language."""
        out = self
        for name in was:
            if _plain(was[name]) != _plain(now.get(name)):
                out = out.without(name)
        return out

    def data(self) -> dict[str, dict[str, Any]]:
        """The translations as a routine file writes them: plain mappings and lists, each
        language's fields in their declared order."""
        out: dict[str, dict[str, Any]] = {}
        for code in sorted(self.texts):
            texts = self.texts[code]
            out[code] = {
                name: list(value) if isinstance(value, tuple | list) else value
                for name in _ALL_TRANSLATABLE
                if (value := texts.get(name)) not in (None, "", ())
            }
        return out


def _plain(value: Any) -> Any:
    return tuple(value) if isinstance(value, list | tuple) else (value or "")


_ALL_TRANSLATABLE = tuple(dict.fromkeys(n for names in TRANSLATABLE.values() for n in names))


def shown_language() -> tuple[str, str]:
    """The language content is shown in: the active language's code and formatting locale."""
    language = active()
    return language.code, language.locale_name


def localize(
    values: Mapping[str, Any],
    translations: Translations,
    kind: str,
    language: tuple[str, str] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """An item's values as shown in `language` (the active one when not given), and the
    file's own texts of the fields that show a translation instead (to write the file back
    as it was: an editor edits the English and keeps the translations)."""
    code, locale_name = language if language is not None else shown_language()
    shown = translations.apply(values, code, locale_name)
    written = {
        name: values.get(name)
        for name in TRANSLATABLE[kind]
        if name in shown and shown[name] != values.get(name)
    }
    return shown, written


@record
class Coverage:
    """One English text of a file and the languages that translate it."""

    path: str  # e.g. "red_flags.groups[1].items"
    line: int
    languages: frozenset[str]


@record(frozen=False)
class Localizer:
    """Reads a file's items with their translations, for loaders of nested content files.

    `read` checks an item against its declaration, checks its `translations` against the
    same fields, notes which languages translate each of its texts (`coverage`, for the
    completeness tests) and returns the item's values in `language`, English per text where
    a translation is missing. Every problem goes to `checker`, with the file's others.
    """

    checker: Checker
    language: str = SOURCE_LANGUAGE
    locale_name: str = ""
    coverage: list[Coverage] = field(default_factory=list)

    def read(
        self,
        item: Any,
        fields: Sequence[Field],
        kind: str,
        path: str,
        line: int,
        *,
        fill_defaults: bool = True,
    ) -> dict[str, Any]:
        rest, raw, raw_line = take(item)
        line = rest.line if isinstance(rest, Located) else line
        values = self.checker.mapping(rest, fields, path, line, fill_defaults=fill_defaults)
        translations = check(self.checker, raw, fields, kind, path, raw_line or line, source=values)
        for name in TRANSLATABLE[kind]:
            if values.get(name) not in (None, "", ()):
                where = f"{path}.{name}" if path else name
                languages = frozenset(
                    code for code, texts in translations.texts.items() if name in texts
                )
                self.coverage.append(Coverage(where, _line_of(rest, name, line), languages))
        return translations.apply(values, self.language, self.locale_name)


def take(item: Any) -> tuple[Any, Any, int]:
    """Split an item into (the item without `translations`, the raw translations, their line).

    The item keeps its type (a `Located` stays one, with its lines), so the format's own
    checker reads it exactly as it would read a file with no translations.
    """
    if not isinstance(item, dict) or KEY not in item:
        return item, None, 0
    line = item.line_of(KEY) if isinstance(item, Located) else 0
    return _without(item, [KEY]), item[KEY], line


# Worked out once a declaration (a module's constant, kept alive here): loading the library
# asks for them for every stretch, routine and entry (about 0.8 ms at every start).
_TRANSLATABLE_MEMO: dict[tuple[int, str], tuple[Sequence[Field], tuple[Field, ...]]] = {}


def translatable_fields(fields: Sequence[Field], kind: str) -> tuple[Field, ...]:
    """The declaration's fields that a translation may give, none of them required."""
    known = _TRANSLATABLE_MEMO.get((id(fields), kind))
    if known is not None and known[0] is fields and isinstance(fields, tuple):
        return known[1]
    names = TRANSLATABLE[kind]
    result = tuple(dataclasses.replace(f, required=False) for f in fields if f.name in names)
    # (A list could change: worked out again each time; and a few declarations at most.)
    if isinstance(fields, tuple) and len(_TRANSLATABLE_MEMO) < 32:
        _TRANSLATABLE_MEMO[(id(fields), kind)] = (fields, result)
    return result


def _good_language(checker: Checker, code: object, lang_path: str, code_line: int) -> bool:
    """Whether `code` may carry translations; a problem is added to `checker` when not."""
    if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
        checker.add(
            code_line,
            lang_path,
            _("is not a language code"),
            _("a code like de, fr, es or pt_BR"),
        )
        return False
    if code == SOURCE_LANGUAGE:
        checker.add(
            code_line,
            lang_path,
            _("English is the text of the item itself"),
            _("edit the English fields instead"),
        )
        return False
    return True


def check(
    checker: Checker,
    raw: Any,
    fields: Sequence[Field],
    kind: str,
    path: str,
    line: int,
    source: Mapping[str, Any] | None = None,
) -> Translations:
    """Check an item's raw `translations` against its declaration; return the good ones.

    Every problem is added to `checker` (so it is reported with the file's other problems);
    a bad language or field is left out, and what remains still loads.
    """
    if raw is None:
        return Translations()
    where = f"{path}.{KEY}" if path else KEY
    if not isinstance(raw, dict):
        checker.add(
            line,
            where,
            _("is not a mapping of languages"),
            _("a language code, then its texts, e.g. de: then name: …"),
        )
        return Translations()
    allowed = translatable_fields(fields, kind)
    allowed_names = [f.name for f in allowed]
    declared = {f.name for f in fields}
    out: dict[str, Mapping[str, Any]] = {}
    for code, texts in raw.items():
        code_line = raw.line_of(code) if isinstance(raw, Located) else line
        lang_path = f"{where}.{code}"
        if not _good_language(checker, code, lang_path, code_line):
            continue
        if isinstance(texts, dict):
            fixed = [n for n in texts if n in declared and n not in allowed_names]
            for name in fixed:
                checker.add(
                    _line_of(texts, name, code_line),
                    f"{lang_path}.{name}",
                    _("cannot be translated; it is the same in every language"),
                    _("translatable fields: {fields}").format(fields=", ".join(allowed_names)),
                )
            texts = _without(texts, fixed)
        # Unknown fields (with "did you mean") and bad values are reported by the same checker.
        values = checker.mapping(texts, allowed, lang_path, code_line, fill_defaults=False)
        values = {k: v for k, v in values.items() if v not in (None, "")}
        for name in SAME_COUNT & values.keys():
            english = (source or {}).get(name)
            if english is not None and len(values[name]) != len(english):
                item_line = _line_of(texts, name, code_line)
                checker.add(
                    item_line,
                    f"{lang_path}.{name}",
                    _("has {count} items; the English has {english}").format(
                        count=len(values[name]), english=len(english)
                    ),
                    _("one translated line for each English line"),
                )
                del values[name]
        if values:
            out[code] = values
    return Translations(out)


def _line_of(texts: Any, name: str, default: int) -> int:
    return texts.line_of(name) if isinstance(texts, Located) else default


def _without(texts: dict[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """A copy of a mapping without some keys, keeping the lines of the others."""
    if not names:
        return texts
    if isinstance(texts, Located):
        rest = Located(texts.line)
        for key, value in texts.items():
            if key not in names:
                rest[key] = value
                rest.lines[key] = texts.line_of(key)
        return rest
    return {k: v for k, v in texts.items() if k not in names}
