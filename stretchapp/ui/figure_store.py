"""The cards' painted figures kept on disk between starts, so the first paint copies them.

Painting the library's figures cost a start some 7 ms (about 2 ms a card). While the window
is being built and first painted, `FigureCache` (ui/figure.py) asks this store first, and
what it has to paint is written here once the window shows (`flush`), as PNG files named
after a digest of everything the picture depends on: the drawing itself, its size in device
pixels, the palette and background, and the painting code (the app's version and, in a
checkout, ui/figure.py's and the drawing modules' size and time stamp). Files no start has
used since are removed at the same time, so the folder holds about one library's cards.

The folder is treated as untrusted: a file is read only when it is a regular file of the
user's, of bounded size, without following a link or blocking; it must decode to an image
of exactly the size asked for, or it counts as missing (and is painted and written anew).
A picture read here is only ever drawn; failing to read or write costs only the time saved.
"""

from __future__ import annotations

import importlib
import json
import os
import stat
from pathlib import Path

from PySide6.QtGui import QImage, QPixmap

from stretchapp.core.drawing import Drawing, encode_drawing
from stretchapp.core.palette import Palette

MAX_FILE_BYTES = 4 * 1024 * 1024
SUFFIX = ".png"


def _sha256_hex(data: bytes) -> str:
    # The built-in SHA-256 (`_sha2` from Python 3.12, `_sha256` before): `hashlib` would load
    # OpenSSL first, a few milliseconds.
    for module in ("_sha2", "_sha256"):
        try:
            return str(importlib.import_module(module).sha256(data).hexdigest())
        except ImportError:
            continue
    import hashlib

    return hashlib.sha256(data).hexdigest()


class FigureStore:
    """Painted figures in `folder`, for the drawing code `code` (see the module's doc)."""

    def __init__(self, folder: Path, code: str) -> None:
        self.folder = folder
        self.code = code
        self.read = 0  # figures read from the folder (for tests and the benchmark)
        self._used: set[str] = set()
        self._pending: dict[str, QPixmap] = {}

    def name(
        self,
        drawing: Drawing,
        width: int,
        height: int,
        palette: Palette,
        ratio: float,
        background: str,
    ) -> str:
        """The file name of this picture: a digest of all it depends on."""
        parts = [self.code, width, height, ratio, background, repr(palette)]
        text = json.dumps([parts, encode_drawing(drawing)], separators=(",", ":"))
        return _sha256_hex(text.encode("utf-8")) + SUFFIX

    def get(self, name: str, width: int, height: int, ratio: float) -> QPixmap | None:
        """The stored picture `name`, when it is a good one of this size; else None."""
        self._used.add(name)
        pending = self._pending.get(name)
        if pending is not None:
            return pending
        data = _read_bounded(self.folder / name)
        if data is None:
            return None
        image = QImage()
        expected = _device_size(width, height, ratio)
        if not image.loadFromData(data, "PNG") or (image.width(), image.height()) != expected:
            return None
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.read += 1
        return pixmap

    def put(self, name: str, pixmap: QPixmap) -> None:
        """Keep `pixmap` under `name`: written by `flush`, once the window shows."""
        self._used.add(name)
        self._pending[name] = pixmap

    def flush(self) -> None:
        """Write the pictures painted since the start, atomically, and remove the files no
        picture of this start used."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            for name, pixmap in self._pending.items():
                temp = self.folder / f".{name}.{os.getpid()}.tmp"
                if pixmap.save(str(temp), "PNG"):
                    temp.replace(self.folder / name)
                else:
                    temp.unlink(missing_ok=True)
            for path in self.folder.iterdir():
                if path.name not in self._used and path.suffix in (SUFFIX, ".tmp"):
                    path.unlink(missing_ok=True)
        except OSError:
            pass  # a folder that cannot be written only costs the time it would have saved
        self._pending.clear()


def code_key(version: str) -> str:
    """What identifies the code that paints a figure: the drawing code's key (the app's
    `version`, the drawing modules) and, in a checkout, ui/figure.py's size and time stamp."""
    from stretchapp.core import drawing

    try:
        info = Path(__file__).with_name("figure.py").stat()
        own = f"{info.st_size}:{info.st_mtime_ns}"
    except (OSError, TypeError):
        own = "-"
    return f"{drawing.code_key(version)}|{own}"


def _device_size(width: int, height: int, ratio: float) -> tuple[int, int]:
    return max(1, round(width * ratio)), max(1, round(height * ratio))


def _read_bounded(path: Path) -> bytes | None:
    """The bytes of `path` when it is a regular file of this user's, not too large; opened
    without following a link and without blocking (a FIFO must not hang the start)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) <= MAX_FILE_BYTES else None
