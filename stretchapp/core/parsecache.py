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

    def __init__(self, file: Path) -> None:
        self.file = file
        self.rejected = False  # the file held something it should not: replace it
        self.hits = 0
        self.misses = 0
        self._old: dict[str, dict[str, Any]] = self._read()
        self._now: dict[str, dict[str, Any]] = {}

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
        return good

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
        return self.rejected or self._now.keys() != self._old.keys() or self.misses > 0

    def save(self) -> bool:
        """Write the entries used since this cache was opened (and no others), atomically,
        when they differ from the file. False when it could not be written."""
        if not self.changed:
            return True
        body = json.dumps(
            {"version": CACHE_VERSION, "entries": self._now},
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
        return True


@contextlib.contextmanager
def using(cache: ParseCache) -> Iterator[ParseCache]:
    """Within this block, every `yamlfile.parse` (and `load`) goes through `cache`."""
    token = yamlfile.CACHE.set(cache.parse)
    try:
        yield cache
    finally:
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
