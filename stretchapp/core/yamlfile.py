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
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32


@dataclass(frozen=True)
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


@functools.cache
def _loader() -> type:
    """libyaml's parser when PyYAML has it (several times faster), else the pure-Python one.
    Both are only asked to compose nodes; we build the values ourselves in _convert."""
    import yaml

    loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


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


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file of bounded size, or raise YamlError saying why not."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise YamlError(
                Problem(name, 0, "", f"the file is {size:,} bytes", f"at most {max_bytes:,} bytes")
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise YamlError(Problem(name, 0, "", f"cannot be read: {exc.strerror or exc}")) from exc
    if len(data) > max_bytes:
        raise YamlError(
            Problem(name, 0, "", "the file is too large", f"at most {max_bytes:,} bytes")
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlError(Problem(name, line, "", "is not UTF-8 text", "save it as UTF-8")) from exc


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
        what = exc.problem or exc.context or "not valid YAML"
        if "expected a single document" in str(exc.context or ""):
            what = "the file holds more than one YAML document"
        raise YamlError(Problem(name, line, "", f"not valid YAML: {what}")) from exc
    except yaml.YAMLError as exc:
        raise YamlError(Problem(name, 0, "", f"not valid YAML: {exc}")) from exc
    except RecursionError as exc:
        raise YamlError(Problem(name, 0, "", "the file is nested too deeply")) from exc
    finally:
        loader.dispose()


def load(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """Read and parse a YAML file; every failure is a YamlError with a Problem."""
    return parse(read_text(path, max_bytes), str(path))


def _fail(name: str, node: yaml.Node, message: str, valid: str = "") -> YamlError:
    return YamlError(Problem(name, node.start_mark.line + 1, "", message, valid))


def _convert(node: yaml.Node, name: str, depth: int, seen: set[int]) -> Any:
    """Build plain values from the node graph.

    An alias makes the composer hand back the anchored node object again; meeting a node a
    second time is how we refuse aliases, which no format of ours needs and which is how
    'billion laughs' documents make a small file expand without end.
    """
    if id(node) in seen:
        raise _fail(name, node, "anchors and aliases (&name, *name) are not allowed")
    import yaml

    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _fail(name, node, "the file is nested too deeply", f"at most {MAX_DEPTH} levels")
    if node.tag not in _SAFE_TAGS:
        raise _fail(name, node, f"the tag {node.tag!r} is not allowed", "plain YAML values only")
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise _fail(name, node, f"the tag {node.tag!r} is not allowed", "a plain mapping")
        out = Located(line)
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _fail(name, key_node, "merge keys (<<) are not allowed")
            if not isinstance(key_node, yaml.ScalarNode):
                raise _fail(name, key_node, "a key must be plain text", "for example  name: ...")
            key = str(key_node.value)
            if key in out:
                raise YamlError(
                    Problem(
                        name,
                        key_node.start_mark.line + 1,
                        key,
                        f"appears twice in one mapping (first on line {out.lines[key]})",
                        "each key once",
                    )
                )
            out[key] = _convert(value_node, name, depth + 1, seen)
            out.lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise _fail(name, node, f"the tag {node.tag!r} is not allowed", "a plain list")
        seq = LocatedList(line)
        for item in node.value:
            seq.append(_convert(item, name, depth + 1, seen))
            seq.lines.append(item.start_mark.line + 1)
        return seq
    return _scalar(node, name)


@functools.cache
def _constructor() -> yaml.constructor.SafeConstructor:
    import yaml

    return yaml.constructor.SafeConstructor()


def _scalar(node: yaml.Node, name: str) -> Any:
    import yaml

    tag = node.tag
    if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
        return str(node.value)
    if tag == "tag:yaml.org,2002:binary":
        raise _fail(name, node, "binary values are not allowed", "plain text")
    if tag in ("tag:yaml.org,2002:omap", "tag:yaml.org,2002:set", "tag:yaml.org,2002:pairs"):
        raise _fail(name, node, f"the tag {tag!r} is not allowed")
    try:
        value = _constructor().construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        raise _fail(name, node, f"this value cannot be read: {exc}") from exc
    if isinstance(value, float) and not math.isfinite(value):
        return str(node.value)
    return value
