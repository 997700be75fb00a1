"""Start with the desktop: the freedesktop autostart entry, written or removed.

`$XDG_CONFIG_HOME/autostart/stretchapp.desktop` (default `~/.config/autostart/`) is what
GNOME, KDE, Xfce and most other desktops read at login. The entry starts StretchApp in the
background (`--background`): in the tray when there is one, with the window otherwise.
Writes are atomic, so a crash never leaves half an entry behind.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from stretchapp.core.settings import atomic_write

APP_ID = "io.github.stretchapp.StretchApp"
FILE_NAME = "stretchapp.desktop"


def autostart_file(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    config = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".config")
    return Path(config) / "autostart" / FILE_NAME


def launch_command() -> list[str]:
    """How to start this StretchApp: the installed command when there is one, else this
    Python running the package (a checkout or a venv not on PATH)."""
    found = shutil.which("stretchapp")
    beside = Path(sys.executable).with_name("stretchapp")
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    if found:
        return [found]
    return [sys.executable, "-m", "stretchapp"]


def _exec_line(command: Sequence[str]) -> str:
    # The Exec key's quoting: arguments with reserved characters in double quotes, and
    # "%" doubled (field codes).
    parts = []
    for arg in command:
        arg = arg.replace("%", "%%")
        if any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
            arg = (
                '"'
                + arg.replace("\\", "\\\\")
                .replace('"', '\\"')
                .replace("`", "\\`")
                .replace("$", "\\$")
                + '"'
            )
        parts.append(arg)
    return " ".join(parts)


def entry_text(command: Sequence[str]) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=StretchApp\n"
        "Comment=Stretch reminders in the background\n"
        f"Exec={_exec_line([*command, '--background'])}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
        "NoDisplay=false\n"
    )


def is_enabled(env: Mapping[str, str] | None = None) -> bool:
    return autostart_file(env).is_file()


def set_enabled(
    on: bool, env: Mapping[str, str] | None = None, command: Sequence[str] | None = None
) -> Path:
    """Write (on) or remove (off) the entry; returns its path. Raises OSError."""
    path = autostart_file(env)
    if on:
        text = entry_text(command if command is not None else launch_command())
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            atomic_write(path, text)
    elif path.is_file() or path.is_symlink():
        path.unlink()
    return path
