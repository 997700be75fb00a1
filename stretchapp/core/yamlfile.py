"""Reading YAML that may be hostile, keeping the line of every value.

PyYAML's safe loader builds the node graph; we turn it into plain Python values ourselves so
that each mapping remembers the line of each key (for messages like `FILE:LINE: FIELD: ...`)
and so that what the safe loader tolerates but we do not (aliases, duplicate keys, tags,
several documents, huge or deeply nested files) becomes a clear error instead of a hang.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from stretchapp.core.i18n import _

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


# libyaml's parser when PyYAML has it (several times faster), else the pure-Python one. Both
# are only asked to compose nodes; we build the values ourselves in _convert.
_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
                Problem(
                    name,
                    0,
                    "",
                    _("the file is {size} bytes").format(size=_bytes(size)),
                    _("at most {limit} bytes").format(limit=_bytes(max_bytes)),
                )
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise YamlError(
            Problem(name, 0, "", _("cannot be read: {reason}").format(reason=reason))
        ) from exc
    if len(data) > max_bytes:
        raise YamlError(
            Problem(
                name,
                0,
                "",
                _("the file is too large"),
                _("at most {limit} bytes").format(limit=_bytes(max_bytes)),
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlError(
            Problem(name, line, "", _("is not UTF-8 text"), _("save it as UTF-8"))
        ) from exc


def parse(text: str, name: str) -> Any:
    """Parse one YAML document into plain values (Located / LocatedList / scalars)."""
    loader = _LOADER(text)
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
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise _fail(name, node, _tag_refused(node.tag), _("a plain mapping"))
        out = Located(line)
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _fail(name, key_node, _("merge keys (<<) are not allowed"))
            if not isinstance(key_node, yaml.ScalarNode):
                raise _fail(
                    name, key_node, _("a key must be plain text"), _("for example  name: ...")
                )
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
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise _fail(name, node, _tag_refused(node.tag), _("a plain list"))
        seq = LocatedList(line)
        for item in node.value:
            seq.append(_convert(item, name, depth + 1, seen))
            seq.lines.append(item.start_mark.line + 1)
        return seq
    return _scalar(node, name)


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.Node, name: str) -> Any:
    tag = node.tag
    if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
        return str(node.value)
    if tag == "tag:yaml.org,2002:binary":
        raise _fail(name, node, _("binary values are not allowed"), _("plain text"))
    if tag in ("tag:yaml.org,2002:omap", "tag:yaml.org,2002:set", "tag:yaml.org,2002:pairs"):
        raise _fail(name, node, _tag_refused(tag))
    try:
        value = _CONSTRUCTOR.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        reason = _("this value cannot be read: {reason}").format(reason=exc)
        raise _fail(name, node, reason) from exc
    if isinstance(value, float) and not math.isfinite(value):
        return str(node.value)
    return value
