"""The cards' painted figures kept on disk between starts, so the first paint copies them.

Painting the library's figures cost a start some 7 ms (about 2 ms a card). While the window
is being built and first painted, `FigureCache` (ui/figure_cache.py) asks this store first, and
what it has to paint is written here once the window shows (`flush`), as files named
after a digest of everything the picture depends on: the drawing itself, its size in device
pixels, the palette and background, and the painting code (the app's version and, in a
checkout, ui/figure.py's and the drawing modules' size and time stamp). Files no start has
used since are removed at the same time, so the folder holds about one library's cards.

Each file holds the picture's pixels, compressed (a PNG took ten times as long to read).
The folder is treated as untrusted: a file is read only when it is a regular file of the
user's, of bounded size, without following a link or blocking; it must hold a picture of
exactly the size asked for, or it counts as missing (and is painted and written anew).
A picture read here is only ever drawn; failing to read or write costs only the time saved.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import stat
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage, QPixmap

from stretchapp.core.drawing import Drawing, encode_drawing
from stretchapp.core.palette import Palette

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_SIDE = 4096  # device pixels
SUFFIX = ".figure"
MAGIC = b"StretchAppFigure1\n"


@functools.cache
def _sha256() -> Callable[[bytes], Any]:
    # The built-in SHA-256 (`_sha2` from Python 3.12, `_sha256` before): `hashlib` would load
    # OpenSSL first, a few milliseconds.
    for module in ("_sha2", "_sha256"):
        try:
            return importlib.import_module(module).sha256
        except ImportError:
            continue
    import hashlib

    return hashlib.sha256


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
        return str(_sha256()(text.encode("utf-8")).hexdigest()) + SUFFIX

    def get(self, name: str, width: int, height: int, ratio: float) -> QPixmap | None:
        """The stored picture `name`, when it is a good one of this size; else None."""
        self._used.add(name)
        pending = self._pending.get(name)
        if pending is not None:
            return pending
        data = _read_bounded(self.folder / name)
        image = _decode(data, *_device_size(width, height, ratio)) if data else None
        if image is None:
            return None
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.read += 1
        return pixmap

    def put(self, name: str, pixmap: QPixmap) -> None:
        """Keep `pixmap` under `name`: written by `flush`, once the window shows."""
        self._used.add(name)
        if max(pixmap.width(), pixmap.height()) <= MAX_SIDE:
            self._pending[name] = pixmap

    def flush(self) -> None:
        """Write the pictures painted since the start, atomically, and remove the files no
        picture of this start used."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            for name, pixmap in self._pending.items():
                temp = self.folder / f".{name}.{os.getpid()}.tmp"
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
                fd = os.open(temp, flags, 0o600)  # (binary: Windows would write CR LF)
                with os.fdopen(fd, "wb") as out:
                    out.write(_encode(pixmap.toImage()))
                temp.replace(self.folder / name)
            for path in self.folder.iterdir():  # (the folder is this store's alone)
                if path.name not in self._used and not path.is_dir():
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


def _encode(image: QImage) -> bytes:
    """The picture as MAGIC, width and height (2 bytes each), then its premultiplied ARGB
    pixels, compressed: about as small as a PNG, and read back ten times as fast."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    width, height = image.width(), image.height()
    pixels = bytes(image.constBits())[: width * height * 4]  # (32-bit rows: no padding)
    return MAGIC + struct.pack(">HH", width, height) + zlib.compress(pixels, 1)


def _decode(data: bytes, width: int, height: int) -> QImage | None:
    """The picture in `data` when it is one `_encode` wrote at exactly this size; else None."""
    head = len(MAGIC) + 4
    if len(data) < head or not data.startswith(MAGIC):
        return None
    if struct.unpack(">HH", data[len(MAGIC) : head]) != (width, height):
        return None
    size = width * height * 4
    try:
        inflate = zlib.decompressobj()
        pixels = inflate.decompress(data[head:], size + 1)  # never more than the picture
    except zlib.error:
        return None
    if len(pixels) != size or not inflate.eof:
        return None
    image = QImage(pixels, width, height, width * 4, QImage.Format.Format_ARGB32_Premultiplied)
    return image.copy()  # (its own pixels: `pixels` goes away)


def _device_size(width: int, height: int, ratio: float) -> tuple[int, int]:
    return max(1, round(width * ratio)), max(1, round(height * ratio))


def _read_bounded(path: Path) -> bytes | None:
    """The bytes of `path` when it is a regular file of this user's, not too large; opened
    without following a link and without blocking (a FIFO must not hang the start)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)  # Windows: no text mode (CR LF, Ctrl-Z as the end)
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
        data = os.read(fd, MAX_FILE_BYTES + 1)  # (a regular file gives it all at once)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) <= MAX_FILE_BYTES else None
