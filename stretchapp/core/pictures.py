"""Limits on pictures, and the check every SVG passes before it is drawn (no Qt here).

A picture comes from a routine file or a shared file, so it is read as hostile input:

- A PNG, JPG or GIF is at most `MAX_IMAGE_BYTES` on disk and `MAX_PIXELS` pixels (width ×
  height, read from its header before decoding); it is decoded at the size it is shown.
- An SVG is at most `MAX_SVG_BYTES`, holds no DTD or entities, no scripts, no embedded
  pictures (`<image>`) or foreign objects, and refers to nothing outside itself: every `href`
  and `url(…)` points at an element of the same file (`#id`). Its *work* — the elements and
  path points drawn once every `<use>`, pattern, filter, mask, marker and gradient reference
  is expanded — is counted without drawing anything, and an SVG above `MAX_SVG_WORK` is
  refused. A reference loop is refused too. What passes is drawn by the UI in a separate
  process with a time limit (see stretchapp/ui/pictures.py), so the window never waits.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import TYPE_CHECKING

from stretchapp.core import yamlfile
from stretchapp.core.i18n import _, format_number

if TYPE_CHECKING:  # the parser is imported when an SVG is checked: not needed to start
    import xml.etree.ElementTree as ET

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 16_777_216  # 16 megapixels, e.g. 4096 × 4096: more than any screen shows
MAX_SVG_BYTES = 2 * 1024 * 1024
MAX_SVG_ELEMENTS = 20_000
MAX_SVG_WORK = 20_000  # elements and points drawn once references are expanded
RENDER_SECONDS = 5.0  # an SVG from a file is drawn in a worker process, given up after this
_FILTER_WEIGHT = 200  # a filter primitive works on every pixel: it counts as many elements


def svg_valid() -> str:
    """What an SVG must be, for "(what is valid)" in a message."""
    return _(
        "an SVG of at most {size} MiB that refers to nothing outside itself, without scripts "
        "or embedded pictures"
    ).format(size=MAX_SVG_BYTES // (1024 * 1024))


def pixels_valid() -> str:
    """How large a PNG, GIF or JPEG may be, for "(what is valid)" in a message."""
    return _("a picture of at most {count} megapixels (e.g. 4096 × 4096)").format(
        count=MAX_PIXELS // 1_000_000
    )


# What each file name's ending promises its content is.
KINDS = {".png": "png", ".jpg": "jpg", ".jpeg": "jpg", ".gif": "gif", ".svg": "svg"}


def image_kind(data: bytes) -> str | None:
    """'png', 'jpg', 'gif' or 'svg' from the first bytes, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:65536]:
        return "svg"
    return None


def kind_problem(name: str, data: bytes) -> str | None:
    """Why a picture's content is not what its name says (a text file named .png, which a
    shared routine would then be refused for), or None."""
    expected = KINDS.get(Path(name).suffix.lower())
    kind = image_kind(data)
    if expected is None or kind == expected:
        return None
    if kind:
        return _("named {expected} but a {kind} by its content").format(
            expected=expected.upper(), kind=kind.upper()
        )
    return _("named {expected} but not a picture by its content").format(expected=expected.upper())


def file_kind_problem(path: Path) -> str | None:
    """`kind_problem` for the file at `path`, from its first bytes (a file that cannot be
    read is left to the checks that read it whole)."""
    try:
        data = yamlfile.read_bytes(path, MAX_IMAGE_BYTES, head=65_536)
    except yamlfile.YamlError:
        return None
    return kind_problem(path.name, data)


def kind_valid() -> str:
    """What a picture's content must be, for "(what is valid)" in a message."""
    return _("a PNG, JPG, SVG or GIF picture whose name ends as its kind")


_XLINK = "{http://www.w3.org/1999/xlink}href"
_URL = re.compile(r"url\(\s*['\"]?([^)'\"]*)['\"]?\s*\)", re.IGNORECASE)
_REFUSED_ELEMENTS = {"script", "foreignobject", "image", "iframe", "video", "audio", "feimage"}


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height declared in a PNG, GIF or JPEG's header (from its first bytes), or
    None when they cannot be found there."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data.startswith((b"GIF87a", b"GIF89a")) and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        at = 2
        while at + 9 < len(data):
            if data[at] != 0xFF:
                return None
            marker = data[at + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                at += 2
                continue
            length = struct.unpack(">H", data[at + 2 : at + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[at + 5 : at + 9])
                return int(width), int(height)
            at += 2 + length
    return None


def pixels_problem(data: bytes) -> str | None:
    """Why a PNG, GIF or JPEG is too large in pixels to show, or None."""
    size = image_size(data)
    if size is not None and size[0] * size[1] > MAX_PIXELS:
        return _(
            "the picture is {width} × {height} pixels, more than StretchApp shows "
            "({count} megapixels at most)"
        ).format(width=size[0], height=size[1], count=MAX_PIXELS // 1_000_000)
    return None


def raster_file_problem(path: Path) -> str | None:
    """Why the PNG, GIF or JPEG at `path` is not shown (judged from its header), or None."""
    try:
        data = yamlfile.read_bytes(path, MAX_IMAGE_BYTES, head=262_144)
    except yamlfile.YamlError as exc:
        return exc.problem.message
    return pixels_problem(data)


class SvgError(Exception):
    """Why an SVG is not drawn, in words for a person."""


def svg_file_problem(path: Path) -> str | None:
    """Why the SVG at `path` is not drawn, or None when it is fine."""
    try:
        data = yamlfile.read_bytes(path, MAX_SVG_BYTES)
    except yamlfile.YamlError as exc:
        return exc.problem.message
    try:
        check_svg(data)
    except SvgError as exc:
        return str(exc)
    return None


def check_svg(data: bytes) -> ET.Element:
    """Parse and check an SVG (see the module's doc); returns its root or raises SvgError."""
    if len(data) > MAX_SVG_BYTES:
        raise SvgError(
            _("the SVG is {size} bytes, more than {maximum}").format(
                size=format_number(len(data)), maximum=format_number(MAX_SVG_BYTES)
            )
        )
    head = data[:65536].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise SvgError(_("the SVG holds a DTD or entities, which pictures do not need"))
    import xml.etree.ElementTree as ET

    parser = ET.XMLParser()
    try:
        parser.feed(data)
        root = parser.close()
    except (ET.ParseError, ValueError, RecursionError) as exc:
        raise SvgError(_("the SVG is not well-formed XML ({reason})").format(reason=exc)) from exc
    elements = list(root.iter())
    if len(elements) > MAX_SVG_ELEMENTS:
        raise SvgError(
            _("the SVG has {count} elements, more than {maximum}").format(
                count=format_number(len(elements)), maximum=format_number(MAX_SVG_ELEMENTS)
            )
        )
    if _local(root.tag) != "svg":
        raise SvgError(_("the file is not an SVG picture"))
    by_id: dict[str, ET.Element] = {}
    for element in elements:
        name = _local(element.tag)
        if name in _REFUSED_ELEMENTS:
            raise SvgError(
                _(
                    "the SVG holds <{element}>; scripts, embedded pictures and foreign content "
                    "are not drawn"
                ).format(element=name)
            )
        element_id = element.get("id")
        if element_id:
            by_id.setdefault(element_id, element)
        if name == "style" and element.text:
            _check_style(element.text)
        for key, value in element.attrib.items():
            if key in ("href", _XLINK):
                if not value.strip().startswith("#"):
                    raise SvgError(_refers_outside(value))
            elif "url(" in value.lower() or "@import" in value.lower():
                _check_style(value)
    _check_work(root, by_id)
    return root


def _local(tag: object) -> str:
    text = tag if isinstance(tag, str) else ""
    return text.rsplit("}", 1)[-1].lower()


def _check_style(text: str) -> None:
    if "@import" in text.lower():
        raise SvgError(_("the SVG's style imports another file; it may refer only to itself"))
    for target in _URL.findall(text):
        if not target.strip().startswith("#"):
            raise SvgError(_refers_outside(target))


def _refers_outside(target: str) -> str:
    return _("the SVG refers to {target}; it may refer only to parts of itself").format(
        target=repr(target[:60])
    )


def _references(element: ET.Element) -> list[str]:
    refs = []
    for key, value in element.attrib.items():
        if key in ("href", _XLINK):
            refs.append(value.strip()[1:])
        else:
            refs += [t.strip()[1:] for t in _URL.findall(value) if t.strip().startswith("#")]
    return refs


_NUMBER = re.compile(r"[-+]?(?:\d*\.\d+|\d+\.?)(?:[eE][-+]?\d+)?")


def _weight(element: ET.Element) -> int:
    """The work of drawing one element: 1, plus one per point of a path or polygon and per
    few characters of text; a filter step works on every pixel and counts FILTER_WEIGHT."""
    if _local(element.tag).startswith("fe"):
        return _FILTER_WEIGHT
    points = element.get("d", "") + " " + element.get("points", "")
    text = len(element.text or "") // 4 if _local(element.tag) in ("text", "tspan") else 0
    return 1 + len(_NUMBER.findall(points)) // 2 + text


def _check_work(root: ET.Element, by_id: dict[str, ET.Element]) -> None:
    """Count the elements drawn with every reference expanded, without recursion (an SVG is
    data: its depth is not ours to trust), refusing loops and anything above MAX_SVG_WORK."""
    memo: dict[int, int] = {}
    in_progress: set[int] = set()
    # Iterative post-order walk over children and referenced elements.
    stack: list[tuple[ET.Element, bool]] = [(root, False)]
    while stack:
        element, expanded = stack.pop()
        key = id(element)
        if key in memo:
            continue
        edges = list(element) + [by_id[r] for r in _references(element) if r in by_id]
        if not expanded:
            if key in in_progress:
                raise SvgError(_("the SVG's references form a loop"))
            in_progress.add(key)
            stack.append((element, True))
            for child in edges:
                if id(child) in in_progress and id(child) not in memo:
                    raise SvgError(_("the SVG's references form a loop"))
                if id(child) not in memo:
                    stack.append((child, False))
            continue
        total = _weight(element) + sum(memo.get(id(child), 0) for child in edges)
        if total > MAX_SVG_WORK:
            raise SvgError(
                _(
                    "the SVG expands to more than {count} shapes and path points when its "
                    "references are followed; it would take too long to draw"
                ).format(count=format_number(MAX_SVG_WORK))
            )
        memo[key] = total
        in_progress.discard(key)
