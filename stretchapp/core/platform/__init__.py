"""The operating system StretchApp runs on, behind one small interface (see base.py).

`current()` is the one place the system is chosen; `use()` replaces it (tests, or a system
detected differently). Each implementation can be built directly on any system, with its
folders and registry injected, which is how the tests check all three on Linux.
"""

from __future__ import annotations

import sys

from stretchapp.core.platform.base import Platform, launch_command
from stretchapp.core.platform.filenames import is_safe_file_name, safe_file_name

__all__ = [
    "Platform",
    "current",
    "for_system",
    "is_safe_file_name",
    "launch_command",
    "safe_file_name",
    "use",
]

_current: Platform | None = None


def system_name(platform: str | None = None) -> str:
    """ "linux", "windows" or "macos" for a `sys.platform` value (other Unixes count as linux:
    they follow the same freedesktop conventions)."""
    platform = sys.platform if platform is None else platform
    if platform.startswith(("win32", "cygwin")):
        return "windows"
    if platform == "darwin":
        return "macos"
    return "linux"


def for_system(name: str) -> Platform:
    """A fresh implementation for `name` ("linux", "windows" or "macos")."""
    if name == "windows":
        from stretchapp.core.platform.windows import WindowsPlatform

        return WindowsPlatform()
    if name == "macos":
        from stretchapp.core.platform.macos import MacPlatform

        return MacPlatform()
    if name == "linux":
        from stretchapp.core.platform.linux import LinuxPlatform

        return LinuxPlatform()
    raise ValueError(f"unknown system {name!r} (linux, windows or macos)")


def current() -> Platform:
    """The platform this StretchApp runs on (chosen once, here)."""
    global _current
    if _current is None:
        _current = for_system(system_name())
    return _current


def use(platform: Platform | None) -> None:
    """Make `platform` the current one (None: choose again from the system)."""
    global _current
    _current = platform
