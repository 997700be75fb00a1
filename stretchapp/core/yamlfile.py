"""Reading YAML that may be hostile, keeping the line of every value.

PyYAML's safe loader builds the node graph; we turn it into plain Python values ourselves so
that each mapping remembers the line of each key (for messages like `FILE:LINE: FIELD: ...`)
and so that what the safe loader tolerates but we do not (aliases, duplicate keys, tags,
several documents, huge or deeply nested files) becomes a clear error instead of a hang.

PyYAML is imported on the first parse, not with this module: a start-up whose files all come
from the parse cache (`parsecache`) never loads it.
"""

from __future__ import annotations

import functools
import math
import os
import re
import stat
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stretchapp.core.records import record

if TYPE_CHECKING:
    import yaml

from stretchapp.core.i18n import _, format_number

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_DIGITS = 18  # a whole number longer than this is out of range for every field we have
_CHUNK = 64 * 1024


@record
class Problem:
    """One thing wrong with a file, printed as `FILE:LINE: FIELD: message (valid)`."""

    file: str
    line: int
    field: str
    message: str
    valid: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )
        return f"{text} ({self.valid})" if self.valid else text


class YamlError(Exception):
    """The file could not be read as YAML at all; carries one Problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class Located(dict[str, Any]):
    """A mapping read from a file, which knows the line of each key and its own line."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


class LocatedList(list[Any]):
    """A sequence read from a file, which knows the line of each item."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
# YAML 1.1 reads 030 as octal 24, 0x1e as 30, 1:30 as 90 (base 60) and 1_000 as 1000. Values
# are kept as written instead: only plain decimal numbers are numbers; everything else stays
# text (a `NumberText` when it looks like a number, so a number field can say what is wrong).
_DECIMAL_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_DECIMAL_FLOAT = re.compile(
    r"^(?:[-+]?[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_NUMBER_LIKE = re.compile(
    r"^[-+]?(?:0[0-7_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+"
    r"(?:\.[0-9_]*)?|[0-9][0-9_]*_[0-9_]*)$"
)


@functools.cache
def _loader() -> type:
    """The safe loader, resolving only plain decimal numbers as numbers.

    libyaml's parser when PyYAML has it (several times faster), else the pure-Python one. Both
    are only asked to compose nodes; we build the values ourselves in _convert. Built on first
    use, so that loading the library from the parse cache never imports PyYAML."""
    import yaml

    base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolvers: dict[Any, list[Any]] = {
        first: [(tag, regexp) for tag, regexp in found if tag not in (_INT, _FLOAT)]
        for first, found in getattr(base, "yaml_implicit_resolvers", {}).items()
    }
    for first in "-+0123456789":
        resolvers.setdefault(first, []).append((_INT, _DECIMAL_INT))
    for first in "-+.0123456789":
        resolvers.setdefault(first, []).append((_FLOAT, _DECIMAL_FLOAT))
    return type("_Loader", (base,), {"yaml_implicit_resolvers": resolvers})


class NumberText(str):
    """Text that looks like a number but is not a plain decimal one within range: `030`,
    `0x1e`, `1:30`, or a number of thousands of digits. Shown as written in text fields; number
    fields refuse it with a message (see `number_problem`)."""

    __slots__ = ()


def number_problem(text: str) -> str:
    """Why `text` (a NumberText) is not a usable whole number, in words."""
    digits = sum(c.isalnum() for c in text)
    if digits > MAX_DIGITS:
        return _("out of range")
    if re.match(r"^[-+]?0[0-9_]+$", text):
        return _("has a leading zero; write the number without it (a plain decimal number)")
    return _("is not a plain decimal whole number")


# Set while a parse cache is in use (see parsecache.using): parse() then asks it first.
CACHE: ContextVar[Callable[[str, str, Callable[[str, str], Any]], Any] | None] = ContextVar(
    "stretchapp_parse_cache", default=None
)


_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:timestamp",  # kept as the text written
    "tag:yaml.org,2002:binary",  # refused below with a message of its own
    "tag:yaml.org,2002:omap",
    "tag:yaml.org,2002:set",
    "tag:yaml.org,2002:pairs",
}


def file_problem(path: Path, max_bytes: int) -> str | None:
    """Why `path` cannot be read as a user's file (not there, not a regular file, too large,
    a symbolic-link loop…), or None. Looks only at what `stat` says; reads nothing."""
    try:
        info = path.stat()
    except (OSError, RuntimeError, ValueError) as exc:
        return _os_reason(exc)
    return _stat_problem(info, max_bytes)


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        if exc.errno == 40 or "symbolic links" in str(exc):  # ELOOP
            return _("cannot be read: its path is a loop of symbolic links")
        return _("cannot be read: {reason}").format(reason=exc.strerror or exc)
    if isinstance(exc, RuntimeError) and "loop" in str(exc).lower():
        return _("cannot be read: its path is a loop of symbolic links")
    return _("cannot be read: {reason}").format(reason=exc)


def _at_most_bytes(max_bytes: int) -> str:
    return _("at most {size} bytes").format(size=format_number(max_bytes))


def _stat_problem(info: os.stat_result, max_bytes: int) -> str | None:
    if not stat.S_ISREG(info.st_mode):
        return _("cannot be read: it is not a regular file (a device, pipe or folder)")
    if info.st_size > max_bytes:
        return _("the file is {size} bytes, which is too large").format(
            size=format_number(info.st_size)
        )
    return None


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES, *, head: int | None = None) -> bytes:
    """The one safe way StretchApp reads a file someone else may have made.

    Only a regular file is read (a FIFO, a device such as /dev/zero behind a link, or a folder
    is refused without waiting: it is opened non-blocking and checked with fstat); its size is
    checked before reading and the limit is enforced again while reading (a file may grow).
    With `head`, only the first `head` bytes are read (after the same checks).
    Raises YamlError with a Problem saying why not.
    """
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except (OSError, RuntimeError, ValueError) as exc:
        raise YamlError(Problem(name, 0, "", _os_reason(exc))) from exc
    try:
        info = os.fstat(fd)
        problem = _stat_problem(info, max_bytes)
        if problem is not None:
            raise YamlError(
                Problem(
                    name,
                    0,
                    "",
                    problem,
                    _at_most_bytes(max_bytes)
                    if stat.S_ISREG(info.st_mode)
                    else _("a regular file"),
                )
            )
        parts: list[bytes] = []
        total = 0
        wanted = max_bytes + 1 if head is None else min(head, max_bytes + 1)
        while total < wanted:
            chunk = os.read(fd, min(_CHUNK, wanted - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise YamlError(
                    Problem(name, 0, "", _("the file is too large"), _at_most_bytes(max_bytes))
                )
    except OSError as exc:
        raise YamlError(Problem(name, 0, "", _os_reason(exc))) from exc
    finally:
        os.close(fd)
    return b"".join(parts)


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file of bounded size (see `read_bytes`), decoded once."""
    name = str(path)
    data = read_bytes(path, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlError(
            Problem(name, line, "", _("is not UTF-8 text"), _("save it as UTF-8"))
        ) from exc


def parse(text: str, name: str) -> Any:
    """Parse one YAML document into plain values (Located / LocatedList / scalars)."""
    cache = CACHE.get()
    if cache is not None:
        return cache(text, name, _parse)
    return _parse(text, name)


def _parse(text: str, name: str) -> Any:
    import yaml

    loader = _loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _convert(node, name, 0, set())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        # PyYAML's own words (e.g. "mapping values are not allowed here") stay English.
        what = exc.problem or exc.context or "not valid YAML"
        if "expected a single document" in str(exc.context or ""):
            what = _("the file holds more than one YAML document")
        raise YamlError(
            Problem(name, line, "", _("not valid YAML: {reason}").format(reason=what))
        ) from exc
    except yaml.YAMLError as exc:
        raise YamlError(
            Problem(name, 0, "", _("not valid YAML: {reason}").format(reason=exc))
        ) from exc
    except RecursionError as exc:
        raise YamlError(Problem(name, 0, "", _("the file is nested too deeply"))) from exc
    finally:
        loader.dispose()


def load(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """Read and parse a YAML file; every failure is a YamlError with a Problem."""
    return parse(read_text(path, max_bytes), str(path))


def _bytes(n: int) -> str:
    from stretchapp.core.i18n import format_number

    return format_number(n)


def _tag_refused(tag: str) -> str:
    return _("the tag {tag} is not allowed").format(tag=repr(tag))


def _fail(name: str, node: yaml.Node, message: str, valid: str = "") -> YamlError:
    return YamlError(Problem(name, node.start_mark.line + 1, "", message, valid))


def _convert(node: yaml.Node, name: str, depth: int, seen: set[int]) -> Any:
    """Build plain values from the node graph.

    An alias makes the composer hand back the anchored node object again; meeting a node a
    second time is how we refuse aliases, which no format of ours needs and which is how
    'billion laughs' documents make a small file expand without end.
    """
    if id(node) in seen:
        raise _fail(name, node, _("anchors and aliases (&name, *name) are not allowed"))
    import yaml

    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _fail(
            name,
            node,
            _("the file is nested too deeply"),
            _("at most {depth} levels").format(depth=MAX_DEPTH),
        )
    if node.tag not in _SAFE_TAGS:
        raise _fail(name, node, _tag_refused(node.tag), _("plain YAML values only"))
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, name, depth, seen)
    if isinstance(node, yaml.SequenceNode):
        return _convert_sequence(node, name, depth, seen)
    return _scalar(node, name)


def _convert_mapping(node: yaml.MappingNode, name: str, depth: int, seen: set[int]) -> Located:
    """A plain mapping, each key plain text and once, with the line of every key."""
    import yaml

    if node.tag != "tag:yaml.org,2002:map":
        raise _fail(name, node, _tag_refused(node.tag), _("a plain mapping"))
    out = Located(node.start_mark.line + 1)
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise _fail(name, key_node, _("merge keys (<<) are not allowed"))
        if not isinstance(key_node, yaml.ScalarNode):
            raise _fail(name, key_node, _("a key must be plain text"), _("for example  name: ..."))
        key = str(key_node.value)
        if key in out:
            raise YamlError(
                Problem(
                    name,
                    key_node.start_mark.line + 1,
                    key,
                    _("appears twice in one mapping (first on line {line})").format(
                        line=out.lines[key]
                    ),
                    _("each key once"),
                )
            )
        out[key] = _convert(value_node, name, depth + 1, seen)
        out.lines[key] = key_node.start_mark.line + 1
    return out


def _convert_sequence(
    node: yaml.SequenceNode, name: str, depth: int, seen: set[int]
) -> LocatedList:
    """A plain list, with the line of every item."""
    if node.tag != "tag:yaml.org,2002:seq":
        raise _fail(name, node, _tag_refused(node.tag), _("a plain list"))
    seq = LocatedList(node.start_mark.line + 1)
    for item in node.value:
        seq.append(_convert(item, name, depth + 1, seen))
        seq.lines.append(item.start_mark.line + 1)
    return seq


@functools.cache
def _constructor() -> yaml.constructor.SafeConstructor:
    import yaml

    return yaml.constructor.SafeConstructor()


def _scalar(node: yaml.Node, name: str) -> Any:
    import yaml

    tag = node.tag
    if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
        text = str(node.value)
        if not getattr(node, "style", None) and _NUMBER_LIKE.match(text):
            return NumberText(text)
        return text
    if tag == _INT and not getattr(node, "style", None):
        text = str(node.value)
        if _DECIMAL_INT.match(text):
            if len(text.lstrip("+-")) > MAX_DIGITS:
                return NumberText(text)
            return int(text)
    if tag == "tag:yaml.org,2002:binary":
        raise _fail(name, node, _("binary values are not allowed"), _("plain text"))
    if tag in ("tag:yaml.org,2002:omap", "tag:yaml.org,2002:set", "tag:yaml.org,2002:pairs"):
        raise _fail(name, node, _tag_refused(tag))
    try:
        value = _constructor().construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        reason = _("this value cannot be read: {reason}").format(reason=exc)
        raise _fail(name, node, reason) from exc
    if isinstance(value, float) and not math.isfinite(value):
        return str(node.value)
    return value
