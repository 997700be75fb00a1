"""Declarations of file formats, and the one checker that reads them.

Each file format (routine, settings, clinic details) declares its fields once as `Field`s.
The loaders check files against the declaration, the defaults come from it, the docs are
generated from it and the settings pane builds its controls from it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import field
from typing import Any

from stretchapp.core.i18n import _, ngettext
from stretchapp.core.records import record
from stretchapp.core.timeofday import is_time
from stretchapp.core.yamlfile import Located, LocatedList, NumberText, Problem, number_problem

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_MARKUP = re.compile(
    r"<\s*[/!?]?\s*[a-zA-Z][^>]*>|<!--|&[a-zA-Z][a-zA-Z0-9]*;|&#\d+;|&#[xX][0-9a-fA-F]+;"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A one-line text (a name, a caution) must stay one line wherever it is shown or printed.
_LINE_BREAK = re.compile(r"[\t\n\r\x85\u2028\u2029]")
SAFE_SCHEMES = ("http", "https", "mailto", "tel")


@record
class Field:
    """One field of a file format.

    kind: "text", "id", "int", "float", "bool", "choice", "texts" (list of text), "words"
    (a list of names from `choices`),
    "time" (HH:MM), "url", "paths" (list of relative file paths), "any" (checked by the caller).
    """

    name: str
    kind: str
    doc: str
    default: Any = None
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    max_length: int = 200
    min_items: int = 0
    max_items: int = 100
    example: str = ""
    label: str = ""  # what a settings pane calls it
    extras: dict[str, Any] = field(default_factory=dict)

    def valid_text(self) -> str:
        """What values are valid, in words, for error messages and docs."""
        describe = _VALID_TEXT.get(self.kind)
        return describe(self) if describe is not None else ""


def _schemes() -> str:
    return ", ".join(f"{s}:" for s in SAFE_SCHEMES)


# What each kind of field accepts, in words (asked at run time: the language may change).
_VALID_TEXT: dict[str, Callable[[Field], str]] = {
    "int": lambda f: _("a whole number from {minimum} to {maximum}").format(
        minimum=_num(f.minimum), maximum=_num(f.maximum)
    ),
    "float": lambda f: _("a number from {minimum} to {maximum}").format(
        minimum=_num(f.minimum), maximum=_num(f.maximum)
    ),
    "bool": lambda f: _("true or false"),
    "choice": lambda f: _("one of: {choices}").format(choices=", ".join(f.choices)),
    "words": lambda f: _("a list of up to {max_items} of the names given").format(
        max_items=f.max_items
    ),
    "id": lambda f: _("lower-case letters, digits and dashes, up to 64, e.g. cat-cow"),
    "texts": lambda f: _(
        "a list of {min_items} to {max_items} lines of plain text, "
        "each at most {max_length} characters"
    ).format(min_items=f.min_items, max_items=f.max_items, max_length=f.max_length),
    "time": lambda f: _("a time of day as HH:MM, e.g. 08:30"),
    "url": lambda f: _("an address starting with {schemes}").format(schemes=_schemes()),
    "paths": lambda f: _(
        "a list of 1 to {max_items} image files (PNG, JPG, SVG or GIF) relative to this file"
    ).format(max_items=f.max_items),
    "text": lambda f: _("plain text, at most {max_length} characters").format(
        max_length=f.max_length
    ),
}


def _num(value: float | None) -> str:
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else str(value)


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """A 'did you mean …?' hint for a near-miss key, or ''."""
    import difflib  # only for a misspelt word: not when every file is good

    close = difflib.get_close_matches(word.lower(), list(options), n=1, cutoff=0.6)
    return _("did you mean {name}?").format(name=repr(close[0])) if close else ""


def type_name(value: Any) -> str:
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int):
        return _("a number")
    if isinstance(value, float):
        return _("a decimal number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return type(value).__name__


class Checker:
    """Collects every problem in one file, so they can all be shown together."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, line: int, field_name: str, message: str, valid: str = "") -> None:
        self.problems.append(Problem(self.file, line, field_name, message, valid))

    def mapping(
        self,
        value: Any,
        fields: Sequence[Field],
        path: str,
        line: int,
        *,
        fill_defaults: bool = True,
    ) -> dict[str, Any]:
        """Check a mapping against its fields; return the good values (and defaults).

        Bad values are reported and left out (or replaced by their default when
        `fill_defaults`), so a caller can go on with what is good.
        """
        if not isinstance(value, dict):
            self.add(
                line,
                path or _("(top level)"),
                _is(value),
                _("a mapping of key: value"),
            )
            return {f.name: f.default for f in fields if fill_defaults and not f.required}
        located = value if isinstance(value, Located) else None
        known = {f.name: f for f in fields}
        out: dict[str, Any] = {}
        for key in value:
            if key not in known:
                hint = did_you_mean(str(key), known)
                self.add(
                    located.line_of(key) if located else line,
                    _join(path, str(key)),
                    _("is not a known field") + (f"; {hint}" if hint else ""),
                    _("known fields: {fields}").format(fields=", ".join(known)),
                )
        for f in fields:
            key_line = located.line_of(f.name) if located else line
            if f.name not in value:
                if f.required:
                    self.add(
                        line, _join(path, f.name), _("is missing"), f.valid_text() or _("required")
                    )
                elif fill_defaults:
                    out[f.name] = f.default
                continue
            checked = self.value(value[f.name], f, _join(path, f.name), key_line)
            if checked is not _BAD:
                out[f.name] = checked
            elif fill_defaults and not f.required:
                out[f.name] = f.default
        return out

    def value(self, value: Any, f: Field, path: str, line: int) -> Any:
        """Check one value against its field; return it (normalised) or _BAD."""
        if f.kind == "any":
            return value
        if isinstance(value, NumberText):
            if f.kind in ("int", "float"):
                problem = f"{_short(value)} {number_problem(value)}"
                return self._bad(line, path, problem, f.valid_text())
            value = str(value)  # text as written, as plain text
        check = {
            "int": self._number,
            "float": self._number,
            "bool": self._bool,
            "choice": self._choice,
            "words": self._words,
            "id": self._id,
            "time": self._time,
            "url": self._url,
            "text": self.text,
            "texts": self._texts,
            "paths": self._texts,
        }.get(f.kind)
        if check is None:
            raise ValueError(f"unknown field kind {f.kind!r}")
        return check(value, f, path, line)

    def _number(self, value: Any, f: Field, path: str, line: int) -> Any:
        ok_type = isinstance(value, int) and not isinstance(value, bool)
        if f.kind == "float":
            ok_type = ok_type or isinstance(value, float)
        if not ok_type:
            return self._bad(line, path, _is_value(value), f.valid_text())
        if (f.minimum is not None and value < f.minimum) or (
            f.maximum is not None and value > f.maximum
        ):
            out_of_range = _("{value} is out of range").format(value=value)
            return self._bad(line, path, out_of_range, f.valid_text())
        return float(value) if f.kind == "float" else value

    def _bool(self, value: Any, f: Field, path: str, line: int) -> Any:
        if not isinstance(value, bool):
            return self._bad(line, path, _is_value(value), f.valid_text())
        return value

    def _choice(self, value: Any, f: Field, path: str, line: int) -> Any:
        if not isinstance(value, str) or value not in f.choices:
            hint = did_you_mean(str(value), f.choices) if isinstance(value, str) else ""
            msg = _("{value} is not a valid choice").format(value=_short(value)) + (
                f"; {hint}" if hint else ""
            )
            return self._bad(line, path, msg, f.valid_text())
        return value

    def _words(self, value: Any, f: Field, path: str, line: int) -> Any:
        """A list of names from `choices` (one name alone counts as a list)."""
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or len(value) > f.max_items:
            return self._bad(line, path, _is(value), f.valid_text())
        words: list[str] = []
        for i, word in enumerate(value):
            item_line = value.line_of(i) if isinstance(value, LocatedList) else line
            if not isinstance(word, str) or word not in f.choices:
                hint = did_you_mean(str(word), f.choices) if isinstance(word, str) else ""
                return self._bad(
                    item_line,
                    f"{path}[{i + 1}]",
                    _("{value} is not one of the names").format(value=_short(word))
                    + (f"; {hint}" if hint else ""),
                    ", ".join(f.choices),
                )
            words.append(word)
        return tuple(words)

    def _id(self, value: Any, f: Field, path: str, line: int) -> Any:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            return self._bad(
                line,
                path,
                _("{value} is not a valid id").format(value=_short(value)),
                f.valid_text(),
            )
        return value

    def _time(self, value: Any, f: Field, path: str, line: int) -> Any:
        if not is_time(value):
            return self._bad(
                line, path, _("{value} is not a time").format(value=_short(value)), f.valid_text()
            )
        return value

    def _url(self, value: Any, f: Field, path: str, line: int) -> Any:
        text = self.text(value, f, path, line)
        if text is _BAD or text in ("", None):
            return text
        if not is_safe_link(text):
            return self._bad(
                line,
                path,
                _("{value} is not a link StretchApp opens").format(value=_short(text)),
                f.valid_text(),
            )
        return text

    def _texts(self, value: Any, f: Field, path: str, line: int) -> Any:
        """A list of lines of text or of picture paths (one path alone counts as a list)."""
        if isinstance(value, str) and f.kind == "paths":
            value = [value]
        if not isinstance(value, list):
            return self._bad(line, path, _is(value), f.valid_text())
        if not f.min_items <= len(value) <= f.max_items:
            count = ngettext("has {count} item", "has {count} items", len(value))
            return self._bad(line, path, count.format(count=len(value)), f.valid_text())
        items: list[str] = []
        ok = True
        for i, item in enumerate(value):
            item_line = value.line_of(i) if isinstance(value, LocatedList) else line
            checked = self.text(item, f, f"{path}[{i + 1}]", item_line)
            if checked is _BAD or checked is None:
                ok = False
            else:
                items.append(checked)
        return tuple(items) if ok else _BAD

    def text(self, value: Any, f: Field, path: str, line: int) -> Any:
        if value is None and not f.required:
            return None if f.default is None else f.default
        if isinstance(value, (int, float)) and not isinstance(value, bool) and f.kind == "text":
            value = str(value)
        if not isinstance(value, str):
            return self._bad(line, path, _is(value), f.valid_text())
        value = value.strip()
        if len(value) > f.max_length:
            long = ngettext(
                "is {count} character long", "is {count} characters long", len(value)
            ).format(count=len(value))
            return self._bad(line, path, long, f.valid_text())
        if f.required and not value:
            return self._bad(line, path, _("is empty"), f.valid_text())
        # (Both patterns find only characters str.isprintable() refuses, and markup starts
        # with < or &: most texts skip the searches, which reading the library made 2,500.)
        printable = value.isprintable()
        if not printable and _CONTROL.search(value):
            return self._bad(line, path, _("holds control characters"), _("plain text"))
        if not printable and _LINE_BREAK.search(value) and not f.extras.get("multiline"):
            return self._bad(
                line, path, _("holds a line break or tab"), _("one line of plain text")
            )
        if value and not visible(value):
            return self._bad(
                line, path, _("holds only invisible characters"), _("text a person can read")
            )
        if ("<" in value or "&" in value) and _MARKUP.search(value):
            return self._bad(
                line,
                path,
                _("holds HTML or markup"),
                _("plain text; it is shown exactly as written"),
            )
        return value

    def _bad(self, line: int, path: str, message: str, valid: str) -> Any:
        self.add(line, path, message, valid)
        return _BAD


class _Bad:
    def __repr__(self) -> str:
        return "<bad value>"


_BAD: Any = _Bad()


def _is(value: Any) -> str:
    """'is a list': what a value is, where something else was wanted."""
    return _("is {what}").format(what=type_name(value))


def _is_value(value: Any) -> str:
    """'is text ('ten')': what a value is, and the value."""
    return _("is {what} ({value})").format(what=type_name(value), value=_short(value))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def visible(text: str) -> bool:
    """True when `text` has at least one character that shows (not only spaces, zero-width or
    other format characters)."""
    return any(
        not (ch.isspace() or unicodedata.category(ch) in ("Cf", "Zs", "Zl", "Zp", "Mn", "Cc"))
        for ch in text
    )


def _short(value: Any) -> str:
    text = repr(str(value)) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


short = _short  # for the checkers built on this one


def is_safe_link(url: str) -> bool:
    """True for the only kinds of link StretchApp ever opens: http(s), mailto and tel."""
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", url.strip())
    if not match or match.group(1).lower() not in SAFE_SCHEMES:
        return False
    scheme = match.group(1).lower()
    rest = url.strip()[len(scheme) + 1 :]
    if scheme in ("http", "https"):
        return bool(re.match(r"^//[^\s/?#]+", rest)) and not re.search(r"\s", rest)
    return bool(rest) and not re.search(r"[\s<>]", rest.strip())


def field_named(fields: Sequence[Field], name: str) -> Field:
    """The declaration called `name` among `fields` (KeyError if there is none), so a limit is
    read where it is used rather than typed again."""
    for f in fields:
        if f.name == name:
            return f
    raise KeyError(name)


def fields_table(fields: Sequence[Field]) -> str:
    """A Markdown table of the fields, for the docs (generated, never hand-written)."""
    rows = ["| field | required | default | valid values | meaning |", "|---|---|---|---|---|"]
    for f in fields:
        default = "" if f.default is None else f"`{_doc_value(f.default)}`"
        rows.append(
            f"| `{f.name}` | {'yes' if f.required else 'no'} | {default} | "
            f"{f.valid_text()} | {f.doc} |"
        )
    return "\n".join(rows)


def _doc_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)
