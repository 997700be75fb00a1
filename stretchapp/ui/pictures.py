"""The one way a picture becomes pixels on screen: bounded in size, work and memory.

Every picture the app shows from a file goes through `picture()` (or `movie()` for an
animated GIF):

- The file is checked first without decoding (a regular file, at most MAX_IMAGE_BYTES; see
  `stretchapp.core.pictures`).
- PNG, JPG and GIF: the header's size is read (`QImageReader.size()`); a picture above
  MAX_PIXELS is refused with a message; otherwise it is decoded at the size it is shown
  (`QImageReader.setScaledSize`), never larger.
- SVG: checked by `check_svg` (nothing outside the file, no embedded pictures, reference
  expansion bounded by MAX_SVG_WORK), then drawn once at the size shown. The app's own
  pictures are drawn here; any other SVG is drawn in a worker process (svg_worker.py) while a
  placeholder shows, and the worker is killed after RENDER_SECONDS: the picture's place then
  says it took too long, and it is not tried again in this run. The GUI thread never draws
  an SVG from a file someone else made.
- What is drawn is kept in one cache bounded in bytes (CACHE_BYTES), least recently used first
  out, so many large pictures cannot add up.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QObject,
    QProcess,
    QProcessEnvironment,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QImageReader, QMovie
from PySide6.QtSvg import QSvgRenderer

from stretchapp.core import yamlfile
from stretchapp.core.i18n import _
from stretchapp.core.palette import themed_svg
from stretchapp.core.paths import _bundled_root
from stretchapp.core.pictures import (
    MAX_IMAGE_BYTES,
    MAX_PIXELS,
    MAX_SVG_BYTES,
    RENDER_SECONDS,
    SvgError,
    check_svg,
)
from stretchapp.ui import svg_worker

CACHE_BYTES = 48 * 1024 * 1024


@dataclass(frozen=True)
class Picture:
    """A picture ready to draw, or why there is none (`image` is None, `problem` says why)."""

    image: QImage | None
    problem: str = ""
    pending: bool = False  # being drawn in a worker process; `RENDERER.ready` says when


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
_PACKAGE_PARENT = Path(__file__).resolve().parent.parent.parent


def _bundled_assets() -> Path | None:
    try:
        return _bundled_root() / "assets"
    except FileNotFoundError:
        return None


BUNDLED = _bundled_assets()


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
    if not result.pending:
        CACHE.put(key, result)
    return result


def _raster(path: Path, size: QSize) -> Picture:
    problem = yamlfile.file_problem(path, MAX_IMAGE_BYTES)
    if problem is not None:
        return Picture(None, _cannot_show(problem))
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    full = reader.size()
    if not full.isValid() or full.isEmpty():
        return Picture(None, _("This picture cannot be read."))
    problem = pixel_problem(full)
    if problem:
        return Picture(None, problem)
    shown = full.scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
    if shown.width() < full.width():  # only ever smaller, never blown up in memory
        reader.setScaledSize(shown)
    image = reader.read()
    if image.isNull():
        return Picture(None, _("This picture cannot be read."))
    return Picture(image)


def _cannot_show(problem: str) -> str:
    return _("This picture cannot be shown: {reason}.").format(reason=problem)


def pixel_problem(full: QSize) -> str:
    pixels = full.width() * full.height()
    if pixels > MAX_PIXELS:
        return _(
            "This picture is {width} × {height} pixels, larger than StretchApp shows "
            "({count} megapixels at most)."
        ).format(width=full.width(), height=full.height(), count=MAX_PIXELS // 1_000_000)
    return ""


def _svg(path: Path, size: QSize, dark: bool) -> Picture:
    if path in _too_slow:
        return Picture(None, _("This picture took too long to draw."))
    try:
        data = yamlfile.read_bytes(path, MAX_SVG_BYTES)
    except yamlfile.YamlError as exc:
        return Picture(None, _cannot_show(exc.problem.message))
    try:
        check_svg(data)
        text = data.decode("utf-8-sig")
    except SvgError as exc:
        return Picture(None, _("This picture is not drawn: {reason}.").format(reason=exc))
    except UnicodeDecodeError:
        return Picture(None, _("This picture is not UTF-8 text."))
    if not _trusted(path):
        return RENDERER.request(path, size, dark)
    return _draw_svg(text, size, dark)


def _trusted(path: Path) -> bool:
    """Pictures that ship with the app are drawn here; any other SVG in a worker process."""
    try:
        return BUNDLED is not None and BUNDLED.resolve() in path.resolve().parents
    except (OSError, RuntimeError, ValueError):
        return False


def _draw_svg(text: str, size: QSize, dark: bool) -> Picture:
    renderer = QSvgRenderer(QByteArray(themed_svg(text, dark).encode("utf-8")))
    if not renderer.isValid():
        return Picture(None, _("This picture cannot be read."))
    return Picture(svg_worker.draw(renderer, size))


class _SvgRenderer(QObject):
    """Draws SVGs from files in worker processes (stretchapp/ui/svg_worker.py), at most
    RENDER_SECONDS each: the window asks, shows a calm placeholder, and is told (`ready`)
    when the picture is there. One that takes longer is killed and not tried again."""

    ready = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._jobs: dict[tuple[object, ...], QProcess] = {}
        self._folder: Path | None = None

    def _out_folder(self) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="stretchapp-pictures-"))
            atexit.register(shutil.rmtree, self._folder, True)
        return self._folder

    def request(self, path: Path, size: QSize, dark: bool) -> Picture:
        key = _key(path, size, dark)
        if key in self._jobs:
            return Picture(None, "", pending=True)
        out = self._out_folder() / f"{len(self._jobs)}-{abs(hash(key))}.png"
        process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        python_path = environment.value("PYTHONPATH", "")
        environment.insert(
            "PYTHONPATH", os.pathsep.join(p for p in (str(_PACKAGE_PARENT), python_path) if p)
        )
        environment.insert("QT_QPA_PLATFORM", "offscreen")
        process.setProcessEnvironment(environment)
        program, arguments = svg_worker.command(
            [str(path), str(out), str(size.width()), str(size.height()), "1" if dark else "0"]
        )
        process.setProgram(program)
        process.setArguments(arguments)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        timer = QTimer(process)
        timer.setSingleShot(True)
        timer.timeout.connect(process.kill)
        process.finished.connect(
            lambda code, _status, p=process, k=key, o=out, pa=path, t=timer: self._done(
                p, k, o, pa, t, code
            )
        )
        self._jobs[key] = process
        process.start()
        timer.start(round(RENDER_SECONDS * 1000))
        return Picture(None, "", pending=True)

    def _done(
        self,
        process: QProcess,
        key: tuple[object, ...],
        out: Path,
        path: Path,
        timer: QTimer,
        code: int,
    ) -> None:
        timed_out = not timer.isActive()
        timer.stop()
        self._jobs.pop(key, None)
        process.deleteLater()
        image = QImage()
        if code == 0 and not timed_out:
            reader = QImageReader(str(out))
            full = reader.size()
            if full.isValid() and not pixel_problem(full):
                image = reader.read()
        with contextlib.suppress(OSError):
            out.unlink()
        if timed_out:
            _too_slow.add(path)
            result = Picture(None, _("This picture took too long to draw."))
        elif image.isNull():
            result = Picture(None, _("This picture cannot be drawn."))
        else:
            result = Picture(image)
        CACHE.put(key, result)
        self.ready.emit()

    def busy(self) -> bool:
        return bool(self._jobs)


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


RENDERER = _SvgRenderer()
