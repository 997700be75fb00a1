"""Start with the desktop: StretchApp's start-at-login entry, written or removed.

What is written depends on the system (see stretchapp.core.platform): the freedesktop autostart
entry on Linux (`$XDG_CONFIG_HOME/autostart/stretchapp.desktop`), a value under the current
user's `Run` key on Windows, a LaunchAgent on macOS. The entry starts StretchApp in the
background (`--background`): in the tray when there is one, with the window otherwise.
Files are written atomically, so a crash never leaves half an entry behind.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from stretchapp.core import platform as _platform
from stretchapp.core.platform.base import APP_ID, Platform, launch_command
from stretchapp.core.platform.linux import AUTOSTART_FILE as FILE_NAME
from stretchapp.core.platform.linux import LinuxPlatform, entry_text

__all__ = [
    "APP_ID",
    "FILE_NAME",
    "autostart_file",
    "entry_text",
    "is_enabled",
    "launch_command",
    "set_enabled",
]


def _pick(env: Mapping[str, str] | None, platform: Platform | None) -> Platform:
    if platform is not None:
        return platform
    if env is not None:  # folders given: the freedesktop entry under them
        return LinuxPlatform(env)
    return _platform.current()


def autostart_file(env: Mapping[str, str] | None = None) -> Path:
    """Where the Linux autostart entry lives for these variables."""
    return LinuxPlatform(env).autostart_file()


def is_enabled(env: Mapping[str, str] | None = None, platform: Platform | None = None) -> bool:
    return _pick(env, platform).autostart_enabled()


def set_enabled(
    on: bool,
    env: Mapping[str, str] | None = None,
    command: Sequence[str] | None = None,
    platform: Platform | None = None,
) -> str:
    """Write (on) or remove (off) the entry; returns where it lives. Raises OSError."""
    return _pick(env, platform).set_autostart(on, command)
