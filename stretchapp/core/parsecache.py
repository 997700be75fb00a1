"""A cache of parsed YAML files, so that opening the window need not load or run PyYAML.

Only the *parse* is cached: the tree of values with their line numbers that
`yamlfile.parse` builds from a file's text. Every file read through the cache is still
checked by its loader exactly as if it had just been parsed, so a cache can never make a bad
file look good; a file that is not valid YAML is never cached at all.

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

Last, the precaution ids a good health file gave (`KnownPrecautions`), under the file's whole
text, the language and the code that read it: loading the library for the window checks the
stretches' `avoid_if` against them without loading health.py. Only that loading consults
them; every other reader of the health file reads and checks it in full.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from stretchapp.core import yamlfile
from stretchapp.core.yamlfile import MAX_DEPTH, Located, LocatedList

CACHE_VERSION = 1
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
        self._old: dict[str, dict[str, Any]] = self._read()
        self._now: dict[str, dict[str, Any]] = {}
        self._book: FrameBook | None = None
        self._checked: CheckedPoses | None = None
        self._stills: StillBook | None = None
        self._precautions: KnownPrecautions | None = None

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
        return (
            self.rejected
            or self._now.keys() != self._old.keys()
            or self.misses > 0
            or frames
            or poses
            or drawn
            or ids
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
    """Within this block, every `yamlfile.parse` (and `load`) goes through `cache`, and
    `routines.load_library` skips the support check of poses the cache knows passed it."""
    from stretchapp.core import routines  # (imported by whoever loads a library anyway)

    token = yamlfile.CACHE.set(cache.parse)
    code = routines.check_code_key(cache.version)
    checked = routines.CHECKED_POSES.set(cache.checked_poses(code))
    precautions = routines.KNOWN_PRECAUTIONS.set(
        cache.known_precautions(routines.health_code_key(cache.version))
    )
    try:
        yield cache
    finally:
        routines.KNOWN_PRECAUTIONS.reset(precautions)
        routines.CHECKED_POSES.reset(checked)
        yamlfile.CACHE.reset(token)


def _read_bounded(path: Path) -> Any:
    """The JSON in `path`, which must be a regular file of this user's, not too large.
    Opened without following a link and without blocking (a FIFO must not hang the start)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
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
