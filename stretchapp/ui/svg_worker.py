"""Draws one SVG to a PNG, in a process of its own: `python -m stretchapp.ui.svg_worker SVG
OUT.png WIDTH HEIGHT DARK`. The window starts it (ui/pictures.py) and kills it when it takes
too long, so a picture that is slow to draw never blocks the window.

A self-contained build has no Python to run `-m` with: its program is StretchApp itself, so
the worker is that program with `FROZEN_SWITCH` first (packaging/launcher.py hands such a
start to `main` before the app's own command line sees it). `command` says which.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt is imported only once QT_QPA_PLATFORM is set (see main)
    from collections.abc import Sequence

    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage
    from PySide6.QtSvg import QSvgRenderer

FROZEN_SWITCH = "--draw-svg-worker"  # packaging/launcher.py checks for it by this value


def command(
    args: Sequence[str], executable: str | None = None, frozen: bool | None = None
) -> tuple[str, list[str]]:
    """The program and arguments that draw `args` (SVG OUT.png WIDTH HEIGHT DARK) in a
    process of its own: this Python with `-m`, or a frozen build's own program."""
    executable = executable or sys.executable
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    if frozen:
        return executable, [FROZEN_SWITCH, *args]
    return executable, ["-m", "stretchapp.ui.svg_worker", *args]


def draw(renderer: QSvgRenderer, size: QSize) -> QImage:
    """The SVG drawn as large as fits in `size`, aspect kept, on a transparent image; the one
    way StretchApp draws an SVG from a file, here and in the window (ui/pictures.py)."""
    from PySide6.QtCore import QRectF, QSize, Qt
    from PySide6.QtGui import QImage, QPainter

    natural = renderer.defaultSize()
    shown = natural.scaled(size, Qt.AspectRatioMode.KeepAspectRatio) if natural.isValid() else size
    shown = shown.boundedTo(size).expandedTo(QSize(1, 1))
    image = QImage(shown, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    renderer.render(painter, QRectF(0, 0, shown.width(), shown.height()))
    painter.end()
    return image


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray, QSize
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtSvg import QSvgRenderer

    from stretchapp.core import yamlfile
    from stretchapp.core.palette import themed_svg
    from stretchapp.core.pictures import MAX_SVG_BYTES, SvgError, check_svg

    source, out, width, height, dark = argv[1], argv[2], int(argv[3]), int(argv[4]), argv[5]
    _app = QGuiApplication(argv[:1])
    try:
        data = yamlfile.read_bytes(Path(source), MAX_SVG_BYTES)
        check_svg(data)
        text = themed_svg(data.decode("utf-8-sig"), dark == "1")
    except (yamlfile.YamlError, SvgError, UnicodeDecodeError) as exc:
        print(exc, file=sys.stderr)  # noqa: T201
        return 2
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    if not renderer.isValid():
        return 3
    image = draw(renderer, QSize(width, height))
    # PySide6's stubs type the format as bytes, but it takes (and only takes) a str.
    return 0 if image.save(out, "PNG") else 4  # type: ignore[call-overload]


if __name__ == "__main__":
    sys.exit(main(sys.argv))
