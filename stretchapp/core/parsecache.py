"""A cache of parsed YAML files, so that opening the window need not load or run PyYAML.

Its entries cache the *parse*: the tree of values with their line numbers that
`yamlfile.parse` builds from a file's text. Every file read through the cache is still
checked by its loader exactly as if it had just been parsed, so a cache can never make a bad
file look good; a file that is not valid YAML is never cached at all. (The one exception is
the library kept whole, last below: kept only for files that all passed their checks.)

An entry is kept under the file's name and holds the file's whole text: it is used only when
the text read now is the same, character for character. Any edit, however quick or small
(even one that keeps the size and the time stamp), is a miss and the file is parsed again.

The cache file is JSON, never pickle, and is treated as untrusted: it must be a regular file
of the user's, of bounded size, and every value in it is checked on the way in. Anything
unexpected makes it count as empty; it is then written anew, atomically, from what was parsed.
Failing to read or write it only costs the time it would have saved.

It also keeps the box each drawn stretch is framed in (`drawing.frame_of`: some 8 ms a
stretch, which every card of the library would otherwise cost at each start), under the
pose it was worked out for and the drawing code that worked it out (`FrameBook`). A box only
frames a picture: a wrong one can misplace a drawing, never let a bad file through.

Likewise the still drawings of the library's cards (`drawing.still_drawing`, some 2 ms each),
under the key pose and pose they show and the same drawing code (`StillBook`); a drawing is
checked part by part when read back (`drawing.decode_drawing`), and only ever drawn.

And it keeps which poses were found resting on their support (`routines.support_problems`:
some 1-2 ms a stretch, the most costly part of reading the library), under the pose's full
description and the code that checked it (`CheckedPoses`). Only poses that passed are kept,
and only loading through the cache (the window, `stretchapp start`) consults them:
`stretchapp validate`, the editor and imports always check a pose afresh.

The precaution ids a good health file gave (`KnownPrecautions`), under the file's whole
text, the language and the code that read it: loading the library for the window checks the
stretches' `avoid_if` against them without loading health.py. Only that loading consults
them; every other reader of the health file reads and checks it in full.

Last, the library itself as loading it gave it (`LibraryBook`), when every file of it was
good and no stretch in it shows pictures of its own: under the whole text of every routine
file (bundled and the user's, by name and in order), the language, the precaution ids and
the code that read them (`routines.library_code_key`). The window then takes the routines,
stretches and poses as they were checked rather than checking every field again. Unlike the
entries above this one does stand for a check: it is kept only for files that passed, used
only for those very texts and that very code, its every part is of the library's own types
(anything else counts as missing), and only loading inside `using` consults it:
`stretchapp validate`, the editor and imports check every file in full.
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from stretchapp.core import yamlfile
from stretchapp.core.yamlfile import MAX_DEPTH, Located, LocatedList, NumberText

CACHE_VERSION = 2  # 2: a NumberText kept as such (its message names a leading zero)
MAX_CACHE_BYTES = 8 * 1024 * 1024


class BadEntryError(ValueError):
    """A cached tree that is not one `yamlfile.parse` could have built."""


class ParseCache:
    """Parsed YAML files kept in one JSON file; use it with `using(cache)`."""

    def __init__(self, file: Path, version: str = "") -> None:
        self.file = file
        self.version = version  # the app's: what the checked poses are kept under
        self.rejected = False  # the file held something it should not: replace it
        self.hits = 0
        self.misses = 0
        self._old_frames: tuple[str, dict[str, Box]] = ("", {})
        self._old_checked: tuple[str, set[str]] = ("", set())
        self._old_stills: tuple[str, dict[str, Any]] = ("", {})
        self._old_precautions: tuple[str, dict[str, tuple[str, ...]]] = ("", {})
        self._old_library: tuple[str, Any, Any] = ("", None, None)  # code, key, library
        self._old: dict[str, dict[str, Any]] = self._read()
        self._now: dict[str, dict[str, Any]] = {}
        self._book: FrameBook | None = None
        self._checked: CheckedPoses | None = None
        self._stills: StillBook | None = None
        self._precautions: KnownPrecautions | None = None
        self._library: LibraryBook | None = None

    # ---- reading the cache file ----

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            data = _read_bounded(self.file)
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, RecursionError):
            self.rejected = True
            return {}
        entries = data.get("entries") if isinstance(data, dict) else None
        if (
            not isinstance(data, dict)
            or data.get("version") != CACHE_VERSION
            or not isinstance(entries, dict)
        ):
            self.rejected = True
            return {}
        good = {
            name: entry
            for name, entry in entries.items()
            if isinstance(entry, dict) and isinstance(entry.get("text"), str) and "tree" in entry
        }
        if len(good) != len(entries):
            self.rejected = True
        if "frames" in data:
            try:
                self._old_frames = _frames(data["frames"])
            except BadEntryError:
                self.rejected = True
        if "checked" in data:
            try:
                self._old_checked = _checked(data["checked"])
            except BadEntryError:
                self.rejected = True
        if "stills" in data:
            try:
                self._old_stills = _stills(data["stills"])
            except BadEntryError:
                self.rejected = True
        if "precautions" in data:
            try:
                self._old_precautions = _precautions(data["precautions"])
            except BadEntryError:
                self.rejected = True
        if "library" in data:
            value = data["library"]
            if isinstance(value, dict) and value.keys() == {"code", "key", "library"}:
                self._old_library = (str(value["code"]), value["key"], value["library"])
            else:
                self.rejected = True
        return good

    def frame_book(self, code: str) -> FrameBook:
        """The stored boxes worked out by the drawing code `code` (none if another code
        wrote them); boxes put in it are saved with the cache."""
        if self._book is None or self._book.code != code:
            old_code, old = self._old_frames
            self._book = FrameBook(code, old if old_code == code else {})
        return self._book

    def still_book(self, code: str) -> StillBook:
        """The still drawings worked out by the drawing code `code` (none if another code
        drew them); drawings put in it are saved with the cache."""
        if self._stills is None or self._stills.code != code:
            old_code, old = self._old_stills
            self._stills = StillBook(code, old if old_code == code else {})
        return self._stills

    def checked_poses(self, code: str) -> CheckedPoses:
        """The poses found resting on their support by the checking code `code` (none if
        another code checked them); poses added to it are saved with the cache."""
        if self._checked is None or self._checked.code != code:
            old_code, old = self._old_checked
            self._checked = CheckedPoses(code, old if old_code == code else set())
        return self._checked

    def known_precautions(self, code: str) -> KnownPrecautions:
        """The precaution ids health files gave the reading code `code` (none if another code
        read them); ids put in it are saved with the cache."""
        if self._precautions is None or self._precautions.code != code:
            old_code, old = self._old_precautions
            self._precautions = KnownPrecautions(code, old if old_code == code else {})
        return self._precautions

    def library_book(self, code: str) -> LibraryBook:
        """The library the loading code `code` gave (none if another code loaded it); a
        library put in it is saved with the cache."""
        if self._library is None or self._library.code != code:
            old_code, key, value = self._old_library
            old = (key, value) if old_code == code else None
            self._library = LibraryBook(code, old, self._holds, self._keep_checked)
        return self._library

    def _keep_checked(self) -> None:
        """A kept library was used: the poses known to rest on their support stay known
        (no pose was checked this time, and a later change to one file needs the rest)."""
        if self._checked is not None:
            self._checked.used |= self._checked.old

    def _holds(self, name: str, text: str) -> bool:
        """Whether the entry of `name` holds this very `text`; it is then kept for the next
        start (unparsed, when a kept library spared parsing it)."""
        entry = self._now.get(name) or self._old.get(name)
        if entry is None or entry["text"] != text:
            return False
        self._now[name] = entry
        return True

    # ---- parsing through the cache ----

    def parse(self, text: str, name: str, parse: Callable[[str, str], Any]) -> Any:
        """The tree of `text`: from the cache when it holds this very text, else `parse`d."""
        entry = self._now.get(name) or self._old.get(name)  # (read once already this run?)
        if entry is not None and entry["text"] == text:
            try:
                tree = decode(entry["tree"])
            except (BadEntryError, RecursionError):
                self.rejected = True
            else:
                self.hits += 1
                self._now[name] = entry
                return tree
        tree = parse(text, name)  # a YamlError goes to the caller and nothing is kept
        self.misses += 1
        with contextlib.suppress(BadEntryError):
            self._now[name] = {"text": text, "tree": encode(tree)}
        return tree

    @property
    def changed(self) -> bool:
        """Whether saving would write something different from the file read."""
        book = self._book
        frames = book is not None and (book.added > 0 or book.used.keys() != book.old.keys())
        checked = self._checked
        poses = checked is not None and (checked.added > 0 or checked.used != checked.old)
        stills = self._stills
        drawn = stills is not None and (stills.added > 0 or stills.used.keys() != stills.old.keys())
        known = self._precautions
        ids = known is not None and (known.added > 0 or known.used.keys() != known.old.keys())
        kept = self._library is not None and self._library.changed
        return (
            self.rejected
            or self._now.keys() != self._old.keys()
            or self.misses > 0
            or frames
            or poses
            or drawn
            or ids
            or kept
        )

    def save(self) -> bool:
        """Write the entries used since this cache was opened (and no others), atomically,
        when they differ from the file. False when it could not be written."""
        if not self.changed:
            return True
        content: dict[str, Any] = {"version": CACHE_VERSION, "entries": self._now}
        book = self._book
        if book is not None:
            content["frames"] = {
                "code": book.code,
                "boxes": {k: list(v) for k, v in book.used.items()},
            }
        stills = self._stills
        if stills is not None:
            content["stills"] = {"code": stills.code, "drawings": stills.used}
        checked = self._checked
        if checked is not None:
            content["checked"] = {"code": checked.code, "good": sorted(checked.used)}
        precautions = self._precautions
        if precautions is not None:
            content["precautions"] = {
                "code": precautions.code,
                "ids": {key: list(ids) for key, ids in precautions.used.items()},
            }
        library = self._library
        if library is not None and library.used is not None:
            key, value = library.used
            content["library"] = {"code": library.code, "key": key, "library": value}
        body = json.dumps(
            content,
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        if len(body) > MAX_CACHE_BYTES:
            return False
        temp = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            fd = os.open(temp, flags, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(body)
            temp.replace(self.file)
        except OSError:
            with contextlib.suppress(OSError):
                temp.unlink()
            return False
        self._old, self.rejected, self.misses = dict(self._now), False, 0
        if book is not None:
            book.old, book.added = dict(book.used), 0
            self._old_frames = (book.code, book.old)
        if stills is not None:
            stills.old, stills.added = dict(stills.used), 0
            self._old_stills = (stills.code, stills.old)
        if checked is not None:
            checked.old, checked.added = set(checked.used), 0
            self._old_checked = (checked.code, checked.old)
        if precautions is not None:
            precautions.old, precautions.added = dict(precautions.used), 0
            self._old_precautions = (precautions.code, precautions.old)
        if library is not None:
            library.old, library.added = library.used, False
            key, value = library.used or (None, None)
            self._old_library = (library.code, key, value)
        return True


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


class FrameBook:
    """Boxes of drawn stretches, by pose (see `drawing.frame_of`): the ones read from the
    cache file, and the ones used or worked out in this run (which are what is saved)."""

    def __init__(self, code: str, old: dict[str, Box]) -> None:
        self.code = code
        self.old = old
        self.used: dict[str, Box] = {}
        self.added = 0

    def get(self, key: str) -> Box | None:
        box = self.used.get(key) or self.old.get(key)
        if box is not None:
            self.used[key] = box
        return box

    def put(self, key: str, box: Box) -> None:
        _box(list(box))  # only boxes that would be read back
        self.used[key] = box
        self.added += 1


class StillBook:
    """Still drawings by key pose and pose (see `drawing.still_drawing`), as JSON values that
    `drawing.decode_drawing` checks when it reads them: the ones read from the cache file,
    and the ones used or drawn in this run (which are what is saved)."""

    def __init__(self, code: str, old: dict[str, Any]) -> None:
        self.code = code
        self.old = old
        self.used: dict[str, Any] = {}
        self.added = 0

    def get(self, key: str) -> Any:
        value = self.used.get(key)
        if value is None:
            value = self.old.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value
        self.added += 1


def _stills(value: Any) -> tuple[str, dict[str, Any]]:
    if not (isinstance(value, dict) and value.keys() == {"code", "drawings"}):
        raise BadEntryError("stills are not {code, drawings}")
    code, drawings = value["code"], value["drawings"]
    if not isinstance(code, str) or not isinstance(drawings, dict):
        raise BadEntryError("stills are not {code: text, drawings: mapping}")
    return code, drawings


class CheckedPoses:
    """Poses (by their full description, `repr`) that the checking code `code` found resting
    on their support: the ones read from the cache file, and the ones used or found in this
    run (which are what is saved)."""

    def __init__(self, code: str, old: set[str]) -> None:
        self.code = code
        self.old = old
        self.used: set[str] = set()
        self.added = 0

    def __contains__(self, key: str) -> bool:
        if key in self.used or key in self.old:
            self.used.add(key)
            return True
        return False

    def add(self, key: str) -> None:
        self.used.add(key)
        self.added += 1


def _checked(value: Any) -> tuple[str, set[str]]:
    if not (isinstance(value, dict) and value.keys() == {"code", "good"}):
        raise BadEntryError("checked poses are not {code, good}")
    code, good = value["code"], value["good"]
    if not isinstance(code, str) or not isinstance(good, list):
        raise BadEntryError("checked poses are not {code: text, good: list}")
    if not all(isinstance(key, str) for key in good):
        raise BadEntryError("a checked pose is not text")
    return code, set(good)


class KnownPrecautions:
    """Precaution ids by the health file they came from (its language and whole text, see
    `routines.precaution_ids`), as the reading code `code` found them: the ones read from
    the cache file, and the ones used or found in this run (which are what is saved)."""

    def __init__(self, code: str, old: dict[str, tuple[str, ...]]) -> None:
        self.code = code
        self.old = old
        self.used: dict[str, tuple[str, ...]] = {}
        self.added = 0

    def get(self, key: str) -> tuple[str, ...] | None:
        ids = self.used.get(key, self.old.get(key))
        if ids is not None:
            self.used[key] = ids
        return ids

    def put(self, key: str, ids: tuple[str, ...]) -> None:
        self.used[key] = ids
        self.added += 1


MAX_PRECAUTION_ID = 200


class LibraryBook:
    """The library as loading it gave it, under its key (`routines.library_key`: the
    language, the precaution ids, every file's name and source) and the whole text of every
    file, which the cache's entries for those files must hold: the one read from the cache
    file, and the one used or loaded in this run (which is what is saved)."""

    def __init__(
        self,
        code: str,
        old: tuple[Any, Any] | None,
        holds: Callable[[str, str], bool],
        used: Callable[[], None],
    ) -> None:
        self.code = code
        self.old = old  # (key, library as JSON)
        self.used: tuple[Any, Any] | None = None
        self.added = False
        self._holds = holds
        self._on_use = used

    @property
    def changed(self) -> bool:
        return self.added or (self.used is None) != (self.old is None)

    def get(self, key: list[Any], texts: list[str]) -> Any:
        """The library kept under `key` for files of these very `texts` (in the key's
        order), or None (also when the kept one is not sound)."""
        if self.old is None or self.old[0] != key or len(key[-1]) != len(texts):
            return None
        if not all(self._holds(name, text) for (name, _), text in zip(key[-1], texts, strict=True)):
            return None
        try:
            library = decode_library(self.old[1])
        except (BadEntryError, RecursionError, TypeError, ValueError):
            self.old = None  # replaced by what is loaded instead
            return None
        self.used = self.old
        self._on_use()
        return library

    def put(self, key: list[Any], texts: list[str], library: Any) -> None:
        """Keep `library` under `key`, when the cache holds the files' very `texts`."""
        if not all(self._holds(name, text) for (name, _), text in zip(key[-1], texts, strict=True)):
            return
        with contextlib.suppress(BadEntryError, RecursionError):
            self.used = (key, encode_library(library))
            self.added = True


def _precautions(value: Any) -> tuple[str, dict[str, tuple[str, ...]]]:
    if not (isinstance(value, dict) and value.keys() == {"code", "ids"}):
        raise BadEntryError("precautions are not {code, ids}")
    code, ids = value["code"], value["ids"]
    if not isinstance(code, str) or not isinstance(ids, dict):
        raise BadEntryError("precautions are not {code: text, ids: mapping}")
    known: dict[str, tuple[str, ...]] = {}
    for key, found in ids.items():
        if not (isinstance(found, list) and found):
            raise BadEntryError("precaution ids are not a list")
        if not all(isinstance(i, str) and 0 < len(i) <= MAX_PRECAUTION_ID for i in found):
            raise BadEntryError("a precaution id is not short text")
        known[str(key)] = tuple(found)
    return code, known


def _frames(value: Any) -> tuple[str, dict[str, Box]]:
    if not (isinstance(value, dict) and value.keys() == {"code", "boxes"}):
        raise BadEntryError("frames are not {code, boxes}")
    code, boxes = value["code"], value["boxes"]
    if not isinstance(code, str) or not isinstance(boxes, dict):
        raise BadEntryError("frames are not {code: text, boxes: mapping}")
    return code, {str(key): _box(box) for key, box in boxes.items()}


def _box(value: Any) -> Box:
    if not (isinstance(value, list) and len(value) == 4):
        raise BadEntryError("a box is not four numbers")
    for number in value:
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise BadEntryError("a box is not four numbers")
        if not math.isfinite(number) or abs(number) > 1e6:
            raise BadEntryError("a box's number is out of range")
    x0, y0, x1, y1 = (float(n) for n in value)
    if not (x0 < x1 and y0 < y1):
        raise BadEntryError("a box is empty")
    return (x0, y0, x1, y1)


@contextlib.contextmanager
def using(cache: ParseCache) -> Iterator[ParseCache]:
    """Within this block, every `yamlfile.parse` (and `load`) goes through `cache`,
    `routines.load_library` skips the support check of poses the cache knows passed it, and
    gives the library it kept for the very same files (see `LibraryBook`)."""
    from stretchapp.core import routines  # (imported by whoever loads a library anyway)

    token = yamlfile.CACHE.set(cache.parse)
    code = routines.check_code_key(cache.version)
    checked = routines.CHECKED_POSES.set(cache.checked_poses(code))
    precautions = routines.KNOWN_PRECAUTIONS.set(
        cache.known_precautions(routines.health_code_key(cache.version))
    )
    library = routines.CHECKED_LIBRARY.set(
        cache.library_book(routines.library_code_key(cache.version))
    )
    try:
        yield cache
    finally:
        routines.CHECKED_LIBRARY.reset(library)
        routines.KNOWN_PRECAUTIONS.reset(precautions)
        routines.CHECKED_POSES.reset(checked)
        yamlfile.CACHE.reset(token)


def _read_bounded(path: Path) -> Any:
    """The JSON in `path`, which must be a regular file of this user's, not too large.
    Opened without following a link and without blocking (a FIFO must not hang the start)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)  # Windows: no text mode (CR LF, Ctrl-Z as the end)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise ValueError("owned by someone else")
        if info.st_size > MAX_CACHE_BYTES:
            raise ValueError("too large")
        data = handle.read(MAX_CACHE_BYTES + 1)
    if len(data) > MAX_CACHE_BYTES:
        raise ValueError("too large")
    return json.loads(data.decode("utf-8"), parse_constant=_no_constant)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a value a YAML file can give")


# ---- the tree as JSON ----
# A mapping:  {"m": line, "k": [[key, line of key, value], ...]}
# A sequence: {"l": line, "i": [[line of item, value], ...]}
# Plain text, whole and finite numbers, true/false and null as themselves.
# Text that looks like a number but is not a plain decimal one (yamlfile.NumberText, e.g.
# `010`): {"n": text}, so that its message after a cached start is the one a fresh read gives.


def encode(tree: Any, depth: int = 0) -> Any:
    """The tree `yamlfile.parse` built, as plain JSON values (BadEntryError if it is not one)."""
    if depth > MAX_DEPTH + 1:
        raise BadEntryError("nested too deeply")
    if isinstance(tree, Located):
        return {
            "m": tree.line,
            "k": [
                [key, tree.line_of(key), encode(value, depth + 1)] for key, value in tree.items()
            ],
        }
    if isinstance(tree, LocatedList):
        return {
            "l": tree.line,
            "i": [[tree.line_of(i), encode(value, depth + 1)] for i, value in enumerate(tree)],
        }
    if isinstance(tree, NumberText):
        return {"n": str(tree)}
    if tree is None or isinstance(tree, str | bool | int):
        return tree
    if isinstance(tree, float) and math.isfinite(tree):
        return tree
    raise BadEntryError(f"{type(tree).__name__} is not a value a YAML file gives")


def decode(value: Any, depth: int = 0) -> Any:
    """The tree back from `encode`'s JSON, every part checked (BadEntryError if anything is off)."""
    if depth > MAX_DEPTH + 1:
        raise BadEntryError("nested too deeply")
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise BadEntryError("not a finite number")
        return value
    if isinstance(value, dict) and value.keys() == {"n"} and isinstance(value["n"], str):
        return NumberText(value["n"])
    if isinstance(value, dict) and value.keys() == {"m", "k"}:
        mapping = Located(_line(value["m"]))
        items = value["k"]
        if not isinstance(items, list):
            raise BadEntryError("mapping items are not a list")
        for item in items:
            if not (isinstance(item, list) and len(item) == 3 and isinstance(item[0], str)):
                raise BadEntryError("a mapping item is not [key, line, value]")
            key = item[0]
            if key in mapping:
                raise BadEntryError("a key appears twice")
            mapping[key] = decode(item[2], depth + 1)
            mapping.lines[key] = _line(item[1])
        return mapping
    if isinstance(value, dict) and value.keys() == {"l", "i"}:
        sequence = LocatedList(_line(value["l"]))
        items = value["i"]
        if not isinstance(items, list):
            raise BadEntryError("sequence items are not a list")
        for item in items:
            if not (isinstance(item, list) and len(item) == 2):
                raise BadEntryError("a sequence item is not [line, value]")
            sequence.append(decode(item[1], depth + 1))
            sequence.lines.append(_line(item[0]))
        return sequence
    raise BadEntryError(f"{type(value).__name__} is not a cached value")


def _line(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10**8:
        raise BadEntryError("a line number is not a whole number")
    return value


# ---- the library as JSON ----
# Written and read by the types of the library's records (their fields' annotations), so the
# JSON says only what the types do not: a record is the list of its fields' values, in order;
# the same record again (a stretch is in its file's report, the library's stretches and every
# entry using it) is the number of the record, counting records in the order they first
# appear; tuples and lists are lists, mappings objects, paths text, choices (enums) their
# value, and where a type says Any (what `written` and `translations` hold: text, numbers,
# true/false, null, tuples and lists of those) a tuple is ["t", ...] and a list ["l", ...].
# Reading checks every value against its field's type as it goes; anything else is a
# BadEntryError, and the library is then loaded from its files.

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]  # (encode, decode) of one type


class _Made:
    """The records read (or written) so far, by number, for references."""

    def __init__(self) -> None:
        self.records: list[Any] = []
        self.numbers: dict[int, int] = {}


def _bad(what: str) -> Any:
    raise BadEntryError(what)


def _finite(value: Any) -> Any:
    if type(value) is float and not math.isfinite(value):
        raise BadEntryError("not a finite number")
    return value


def _encode_plain(value: Any) -> Any:
    if value is None or type(value) in (str, bool, int, float):
        return _finite(value)
    if type(value) is tuple:
        return ["t", *(_encode_plain(v) for v in value)]
    if type(value) is list:
        return ["l", *(_encode_plain(v) for v in value)]
    raise BadEntryError(f"{type(value).__name__} is not a plain value")


def _decode_plain(value: Any) -> Any:
    if value is None or type(value) in (str, bool, int, float):
        return _finite(value)
    if type(value) is list and value and value[0] in ("t", "l"):
        items = [_decode_plain(v) for v in value[1:]]
        return tuple(items) if value[0] == "t" else items
    raise BadEntryError("not a plain value")


class _LibraryCodec:
    """Encoders and decoders for each type a library's records have, made once."""

    def __init__(self) -> None:
        import dataclasses

        from stretchapp.core import routines
        from stretchapp.core.body import pose
        from stretchapp.core.content_i18n import Translations

        self.made: _Made = _Made()
        self.records: list[type] = [
            routines.Library,
            routines.FileReport,
            routines.Routine,
            routines.Entry,
            routines.Stretch,
            pose.StretchPose,
            pose.KeyPose,
            Translations,
        ]
        self.fields: dict[type, list[tuple[str, Codec]]] = {}
        self.codecs: dict[type, Codec] = {}
        for cls in self.records:  # (a record's own codec first: fields may name any record)
            self.codecs[cls] = self._record(cls)
        for cls in self.records:
            # The annotations as `typing.get_type_hints` would give them, for half its time.
            space = vars(sys.modules[cls.__module__])
            self.fields[cls] = [
                (f.name, self.codec(eval(f.type, space) if isinstance(f.type, str) else f.type))
                for f in dataclasses.fields(cls)
            ]

    def codec(self, hint: Any) -> Codec:
        import enum
        import types
        import typing
        from collections.abc import Mapping

        if hint in self.codecs:
            return self.codecs[hint]
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if hint is Any:
            return _encode_plain, _decode_plain
        if hint in (str, int, bool):

            def same(value: Any, kind: type = hint) -> Any:
                return value if type(value) is kind else _bad(f"not {kind.__name__}")

            return same, same
        if hint is float:

            def number(value: Any) -> Any:
                if type(value) in (int, float) and math.isfinite(value):
                    return value
                return _bad("not a finite number")

            return number, number
        if hint is Path:
            return str, lambda v: Path(v) if type(v) is str else _bad("not a path")
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return lambda v: v.value, hint  # (ValueError for a value it does not have)
        if origin in (typing.Union, types.UnionType) and type(None) in args and len(args) == 2:
            inner_encode, inner_decode = self.codec(next(a for a in args if a is not type(None)))
            return (
                lambda v: None if v is None else inner_encode(v),
                lambda v: None if v is None else inner_decode(v),
            )
        if origin in (tuple, list) and (origin is list or args[1:] == (Ellipsis,)):
            item_encode, item_decode = self.codec(args[0])
            kind = origin

            def decode_items(value: Any) -> Any:
                if type(value) is not list:
                    return _bad("not a list")
                return kind([item_decode(v) for v in value])

            return lambda v: [item_encode(i) for i in v], decode_items
        if origin is tuple:
            parts = [self.codec(a) for a in args]

            def decode_parts(value: Any) -> Any:
                if type(value) is not list or len(value) != len(parts):
                    return _bad("not a list of its parts")
                return tuple([d(v) for (_, d), v in zip(parts, value, strict=True)])

            return lambda v: [e(i) for (e, _), i in zip(parts, v, strict=False)], decode_parts
        if origin in (dict, Mapping) and args[0] is str:
            value_encode, value_decode = self.codec(args[1])

            def decode_mapping(value: Any) -> Any:
                if type(value) is not dict:
                    return _bad("not a mapping")
                return {k: value_decode(v) for k, v in value.items()}

            return lambda v: {k: value_encode(i) for k, i in v.items()}, decode_mapping
        if isinstance(hint, type):  # (a problem: a kept library has none)
            never = f"a kept library holds no {hint.__name__}"
            return lambda v: _bad(never), lambda v: _bad(never)
        raise BadEntryError(f"a library holds no {hint!r}")

    def _record(self, cls: type) -> Codec:
        def encode(value: Any) -> Any:
            if type(value) is not cls:
                return _bad(f"not a {cls.__name__}")
            made = self.made
            if id(value) in made.numbers:
                return made.numbers[id(value)]
            made.numbers[id(value)] = len(made.records)
            made.records.append(value)  # (kept, so that no id is reused meanwhile)
            return [e(getattr(value, name)) for name, (e, _) in self.fields[cls]]

        def decode(value: Any) -> Any:
            made = self.made.records
            if type(value) is int:  # a record read before
                if 0 <= value < len(made) and type(made[value]) is cls:
                    return made[value]
                return _bad(f"not the number of a {cls.__name__} read before")
            fields = self.fields[cls]
            if type(value) is not list or len(value) != len(fields):
                return _bad(f"not the fields of a {cls.__name__}")
            number = len(made)
            made.append(None)  # numbered before its parts, as when written
            values = {name: d(v) for (name, (_, d)), v in zip(fields, value, strict=True)}
            # What an item wrote (its texts as its file gives them) names its own fields
            # only; and no kept library has pictures of its own (see routines._keepable).
            if not values.get("written", {}).keys() <= values.keys() or values.get("frames"):
                return _bad(f"not the fields of a {cls.__name__}")
            made[number] = cls(**values)
            return made[number]

        return encode, decode


@functools.cache
def _library_codec() -> _LibraryCodec:
    return _LibraryCodec()


def encode_library(library: Any) -> Any:
    """The library as plain JSON values (BadEntryError for a part of another type)."""
    return _through_codec(0, library)


def decode_library(value: Any) -> Any:
    """The library back from `encode_library`'s JSON, every value checked against its
    field's type (BadEntryError, ValueError or RecursionError if anything is off)."""
    return _through_codec(1, value)


def _through_codec(way: int, value: Any) -> Any:
    """`value` through the library record's encoder (0) or decoder (1)."""
    codec = _library_codec()
    codec.made = _Made()
    try:
        return codec.codecs[codec.records[0]][way](value)
    except (AttributeError, TypeError) as exc:
        raise BadEntryError(str(exc)) from exc
    finally:
        codec.made = _Made()
