"""The window's size and position, remembered between runs in `window.json` (config folder).

Saved atomically when the window closes, restored on start and clamped to the screen that is
there now (a monitor unplugged since must not leave the window out of reach).
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from stretchapp.core.settings import atomic_write

FILE_NAME = "window.json"


def state_file(config_dir: Path) -> Path:
    return config_dir / FILE_NAME


def clamp(rect: QRect, area: QRect, minimum: tuple[int, int] = (0, 0)) -> QRect:
    """`rect` moved and shrunk as needed to lie inside `area`."""
    width = max(min(rect.width(), area.width()), min(minimum[0], area.width()))
    height = max(min(rect.height(), area.height()), min(minimum[1], area.height()))
    x = min(max(rect.x(), area.x()), area.x() + area.width() - width)
    y = min(max(rect.y(), area.y()), area.y() + area.height() - height)
    return QRect(x, y, width, height)


def restore(window: QWidget, config_dir: Path) -> bool:
    """Put the window where it was. False (and nothing changed) without a usable state."""
    try:
        data = json.loads(state_file(config_dir).read_text(encoding="utf-8"))
        rect = QRect(int(data["x"]), int(data["y"]), int(data["width"]), int(data["height"]))
        maximized = bool(data.get("maximized", False))
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if rect.width() <= 0 or rect.height() <= 0:
        return False
    screen = QGuiApplication.screenAt(rect.center()) or QGuiApplication.primaryScreen()
    if screen is None:
        return False
    minimum = (window.minimumWidth(), window.minimumHeight())
    fitted = clamp(rect, screen.availableGeometry(), minimum)
    window.resize(fitted.size())
    window.move(fitted.topLeft())
    if maximized:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    return True


def save(window: QWidget, config_dir: Path) -> None:
    """Write the window's normal geometry, if it changed. Errors are not worth a message."""
    rect = window.normalGeometry() if window.isMaximized() else window.geometry()
    if window.isFullScreen():
        rect = window.normalGeometry()
    if not rect.isValid():
        return
    data = {
        "x": rect.x(),
        "y": rect.y(),
        "width": rect.width(),
        "height": rect.height(),
        "maximized": window.isMaximized(),
    }
    text = json.dumps(data, indent=1) + "\n"
    path = state_file(config_dir)
    try:
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return
        atomic_write(path, text)
    except OSError:
        pass
