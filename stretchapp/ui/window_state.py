"""The window's size and position, remembered between runs in `window.json` (config folder),
with the system's light or dark look as the window last saw it.

Saved atomically when the window closes, restored on start and clamped to the screen that is
there now (a monitor unplugged since must not leave the window out of reach). The look is
what the next start's first paint takes for the "system" theme (asking the system costs the
first paint 14-18 ms: see early_widgets); once the window shows, the system is asked and the
look put right if it changed while the app was closed.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from stretchapp.core import yamlfile
from stretchapp.core.settings import atomic_write

FILE_NAME = "window.json"

# The window frame's widths (left, top, right, bottom) when none was saved (a file from before
# they were): a title bar's worth at the top, so a window shrunk to the screen keeps it there.
UNKNOWN_FRAME = (0, 40, 0, 0)


def state_file(config_dir: Path) -> Path:
    return config_dir / FILE_NAME


def clamp(rect: QRect, area: QRect, minimum: tuple[int, int] = (0, 0)) -> QRect:
    """`rect` moved and shrunk as needed to lie inside `area`."""
    width = max(min(rect.width(), area.width()), min(minimum[0], area.width()))
    height = max(min(rect.height(), area.height()), min(minimum[1], area.height()))
    x = min(max(rect.x(), area.x()), area.x() + area.width() - width)
    y = min(max(rect.y(), area.y()), area.y() + area.height() - height)
    return QRect(x, y, width, height)


def frame_margins(state: Mapping[str, object]) -> tuple[int, int, int, int]:
    """The frame round the window's inside as `save` measured it (title bar, borders)."""
    value = state.get("frame")
    if (
        isinstance(value, list)
        and len(value) == 4
        and all(type(v) is int and 0 <= v <= 400 for v in value)
    ):
        return (value[0], value[1], value[2], value[3])
    return UNKNOWN_FRAME


def read(config_dir: Path) -> dict[str, object]:
    """The state as last written: empty when there is none or it cannot be read. (Read once
    at a start, for both the look and the window's place.)"""
    try:
        # Read like every other file: a regular file only, 64 KiB at most (never a FIFO).
        data = json.loads(yamlfile.read_text(state_file(config_dir), 64 * 1024))
    except (yamlfile.YamlError, OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_system_dark(state: Mapping[str, object]) -> bool | None:
    """Whether the system's look was dark when the window last asked; None if never known."""
    value = state.get("system_dark")
    return value if isinstance(value, bool) else None


def remember_system_dark(config_dir: Path, dark: bool) -> None:
    """Keep the system's look for the next start, if it is not what is kept already."""
    data = read(config_dir)
    if data.get("system_dark") is dark:
        return
    data["system_dark"] = dark
    with contextlib.suppress(OSError):
        atomic_write(state_file(config_dir), json.dumps(data, indent=1) + "\n")


def restore(window: QWidget, state: Mapping[str, object]) -> bool:
    """Put the window where `state` (`read`) says it was. False (and nothing changed) without
    a usable place in it."""
    try:
        values = [int(state[key]) for key in ("x", "y", "width", "height")]  # type: ignore[call-overload]
        if any(abs(v) > 1_000_000 for v in values):
            return False  # no screen is that large: not a state we wrote
        rect = QRect(*values)
        maximized = bool(state.get("maximized", False))
    except (ValueError, KeyError, TypeError, OverflowError):
        return False
    if rect.width() <= 0 or rect.height() <= 0:
        return False
    screen = QGuiApplication.screenAt(rect.center()) or QGuiApplication.primaryScreen()
    if screen is None:
        return False
    minimum = (window.minimumWidth(), window.minimumHeight())
    # The inside is fitted within the screen less the frame, so the title bar stays on the
    # screen to be grabbed (a window from a larger monitor, shrunk to this one, had it above).
    left, top, right, bottom = frame_margins(state)
    area = screen.availableGeometry().adjusted(left, top, -right, -bottom)
    fitted = clamp(rect, area, minimum)
    # The inside of the window, as `save` measured it (`geometry()`): `move()` would place the
    # frame's corner there, and the window would creep down a title bar at every start.
    window.setGeometry(fitted)
    if maximized:
        from PySide6.QtCore import Qt  # (only then: see early_widgets)

        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    return True


def save(window: QWidget, config_dir: Path, system_dark: bool | None = None) -> None:
    """Write the window's normal geometry (and the system's look, when given), if it changed.
    Errors are not worth a message."""
    rect = window.normalGeometry() if window.isMaximized() else window.geometry()
    if window.isFullScreen():
        rect = window.normalGeometry()
    if not rect.isValid():
        return
    data: dict[str, object] = {
        "x": rect.x(),
        "y": rect.y(),
        "width": rect.width(),
        "height": rect.height(),
        "maximized": window.isMaximized(),
    }
    frame, inside = window.frameGeometry(), window.geometry()
    if window.isVisible() and not window.isMaximized() and not window.isFullScreen():
        data["frame"] = [
            max(0, inside.left() - frame.left()),
            max(0, inside.top() - frame.top()),
            max(0, frame.right() - inside.right()),
            max(0, frame.bottom() - inside.bottom()),
        ]
    else:  # hidden (in the tray) or filling the screen: the frame as last measured
        known = read(config_dir).get("frame")
        if known is not None and frame_margins({"frame": known}) != UNKNOWN_FRAME:
            data["frame"] = known
    if system_dark is not None:
        data["system_dark"] = system_dark
    text = json.dumps(data, indent=1) + "\n"
    path = state_file(config_dir)
    try:
        with contextlib.suppress(yamlfile.YamlError):
            if path.is_file() and yamlfile.read_text(path, 64 * 1024) == text:
                return
        atomic_write(path, text)
    except OSError:
        pass
