"""The one way a picture becomes pixels on screen: bounded in size, work and memory.

Every picture the app shows from a file goes through `picture()` (or `movie()` for an
animated GIF):

- The file is checked first without decoding (a regular file, at most MAX_IMAGE_BYTES; see
  `stretchapp.core.pictures`).
- PNG, JPG and GIF: the header's size is read (`QImageReader.size()`); a picture above
  MAX_PIXELS is refused with a message; otherwise it is decoded at the size it is shown
  (`QImageReader.setScaledSize`), never larger.
- SVG: checked by `check_svg` (nothing outside the file, no embedded pictures, reference
  expansion bounded by MAX_SVG_WORK), then drawn once at the size shown. A drawing that still
  takes longer than SLOW_RENDER_SECONDS marks the file as too slow: it is not drawn again in
  this run and its place says so.
- What is drawn is kept in one cache bounded in bytes (CACHE_BYTES), least recently used first
  out, so many large pictures cannot add up.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QMovie, QPainter
from PySide6.QtSvg import QSvgRenderer

from stretchapp.core import yamlfile
from stretchapp.core.palette import themed_svg
from stretchapp.core.pictures import (
    MAX_IMAGE_BYTES,
    MAX_PIXELS,
    MAX_SVG_BYTES,
    SvgError,
    check_svg,
)

CACHE_BYTES = 48 * 1024 * 1024
SLOW_RENDER_SECONDS = 2.0


@dataclass(frozen=True)
class Picture:
    """A picture ready to draw, or why there is none (`image` is None, `problem` says why)."""

    image: QImage | None
    problem: str = ""


class _Cache:
    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.used = 0
        self._items: OrderedDict[tuple[object, ...], Picture] = OrderedDict()

    def get(self, key: tuple[object, ...]) -> Picture | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: tuple[object, ...], picture: Picture) -> None:
        size = _bytes(picture)
        if size > self.budget:
            return
        old = self._items.pop(key, None)
        if old is not None:
            self.used -= _bytes(old)
        self._items[key] = picture
        self.used += size
        while self.used > self.budget and self._items:
            _key, dropped = self._items.popitem(last=False)
            self.used -= _bytes(dropped)

    def clear(self) -> None:
        self._items.clear()
        self.used = 0


def _bytes(picture: Picture) -> int:
    return picture.image.sizeInBytes() if picture.image is not None else 64


CACHE = _Cache(CACHE_BYTES)
_too_slow: set[Path] = set()


def _key(path: Path, size: QSize, dark: bool) -> tuple[object, ...]:
    try:
        info = path.stat()
        stamp: tuple[int, int] = (info.st_mtime_ns, info.st_size)
    except (OSError, RuntimeError, ValueError):
        stamp = (0, 0)
    return (str(path), stamp, size.width(), size.height(), dark)


def picture(path: Path, size: QSize, *, dark: bool = False) -> Picture:
    """`path` drawn to fit inside `size` (device pixels), keeping its aspect ratio."""
    size = QSize(max(1, size.width()), max(1, size.height()))
    key = _key(path, size, dark)
    cached = CACHE.get(key)
    if cached is not None:
        return cached
    result = _svg(path, size, dark) if path.suffix.lower() == ".svg" else _raster(path, size)
    CACHE.put(key, result)
    return result


def _raster(path: Path, size: QSize) -> Picture:
    problem = yamlfile.file_problem(path, MAX_IMAGE_BYTES)
    if problem is not None:
        return Picture(None, f"This picture {problem}.")
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    full = reader.size()
    if not full.isValid() or full.isEmpty():
        return Picture(None, "This picture cannot be read.")
    problem = pixel_problem(full)
    if problem:
        return Picture(None, problem)
    shown = full.scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
    if shown.width() < full.width():  # only ever smaller, never blown up in memory
        reader.setScaledSize(shown)
    image = reader.read()
    if image.isNull():
        return Picture(None, "This picture cannot be read.")
    return Picture(image)


def pixel_problem(full: QSize) -> str:
    pixels = full.width() * full.height()
    if pixels > MAX_PIXELS:
        return (
            f"This picture is {full.width()} × {full.height()} pixels, larger than StretchApp "
            f"shows ({MAX_PIXELS // 1_000_000} megapixels at most)."
        )
    return ""


def _svg(path: Path, size: QSize, dark: bool) -> Picture:
    if path in _too_slow:
        return Picture(None, "This picture took too long to draw.")
    try:
        data = yamlfile.read_bytes(path, MAX_SVG_BYTES)
    except yamlfile.YamlError as exc:
        return Picture(None, f"This picture {exc.problem.message}.")
    try:
        check_svg(data)
        text = data.decode("utf-8-sig")
    except SvgError as exc:
        return Picture(None, f"This picture is not drawn: {exc}.")
    except UnicodeDecodeError:
        return Picture(None, "This picture is not UTF-8 text.")
    renderer = QSvgRenderer(QByteArray(themed_svg(text, dark).encode("utf-8")))
    if not renderer.isValid():
        return Picture(None, "This picture cannot be read.")
    natural = renderer.defaultSize()
    shown = natural.scaled(size, Qt.AspectRatioMode.KeepAspectRatio) if natural.isValid() else size
    shown = shown.boundedTo(size).expandedTo(QSize(1, 1))
    image = QImage(shown, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    started = time.monotonic()
    renderer.render(painter, QRectF(0, 0, shown.width(), shown.height()))
    painter.end()
    if time.monotonic() - started > SLOW_RENDER_SECONDS:
        _too_slow.add(path)
    return Picture(image)


def movie(path: Path, size: QSize) -> QMovie | None:
    """An animated GIF scaled to `size` as it plays, or None (not animated, or refused)."""
    if yamlfile.file_problem(path, MAX_IMAGE_BYTES) is not None:
        return None
    reader = QImageReader(str(path))
    full = reader.size()
    if not full.isValid() or pixel_problem(full):
        return None
    result = QMovie(str(path))
    if not result.isValid() or result.frameCount() == 1:
        result.deleteLater()
        return None
    shown = full.scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
    if shown.width() < full.width():
        result.setScaledSize(shown)
    result.setCacheMode(QMovie.CacheMode.CacheNone)
    return result
