"""Linux (and the other freedesktop systems): XDG autostart entry, socket in $XDG_RUNTIME_DIR."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from stretchapp.core.platform.base import (
    APP_ID,
    BACKGROUND_FLAG,
    Platform,
    config_digest,
    user_tag,
)
from stretchapp.core.settings import atomic_write

AUTOSTART_FILE = "stretchapp.desktop"
# sun_path holds 108 bytes on Linux (104 on the BSDs and macOS); stay below both.
MAX_SOCKET_PATH = 100

# The desktop-entry specification, "The Exec key": an argument with any of these is quoted.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_argument(arg: str) -> str:
    """One argument as the Exec key's quoting rules want it (before string escaping)."""
    arg = arg.replace("%", "%%")  # a lone % would start a field code
    if not arg or any(c in _RESERVED for c in arg):
        inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        return f'"{inner}"'
    return arg


def escape_string(value: str) -> str:
    """The desktop-entry format's escapes for a string value: a backslash, newline, tab or
    carriage return cannot stand in the file as itself."""
    return (
        value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    )


def exec_line(command: Sequence[str]) -> str:
    """The value of an Exec key that runs `command`, quoted and then escaped as the
    specification says (so a path holding a space, quote, backslash or newline survives)."""
    return escape_string(" ".join(exec_argument(arg) for arg in command))


def entry_text(command: Sequence[str]) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=StretchApp\n"
        "Comment=Stretch reminders in the background\n"
        f"Exec={exec_line([*command, BACKGROUND_FLAG])}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
        "NoDisplay=false\n"
    )


class LinuxPlatform(Platform):
    name = "linux"

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self.env = os.environ if env is None else env

    def autostart_file(self) -> Path:
        """`$XDG_CONFIG_HOME/autostart/stretchapp.desktop` (default `~/.config/autostart/`):
        what GNOME, KDE, Xfce and most other desktops read at login."""
        config = self.env.get("XDG_CONFIG_HOME") or str(
            Path(self.env.get("HOME", "~")).expanduser() / ".config"
        )
        return Path(config) / "autostart" / AUTOSTART_FILE

    def autostart_location(self) -> str:
        return str(self.autostart_file())

    def autostart_enabled(self) -> bool:
        return self.autostart_file().is_file()

    def enable_autostart(self, command: Sequence[str]) -> None:
        path = self.autostart_file()
        text = entry_text(command)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            atomic_write(path, text)

    def disable_autostart(self) -> None:
        path = self.autostart_file()
        if path.is_file() or path.is_symlink():
            path.unlink()

    def instance_name(self, config_dir: Path) -> str:
        """A socket in $XDG_RUNTIME_DIR (private to the user) when there is one and the path
        fits; otherwise a name that Qt puts in the temporary folder."""
        name = f"stretchapp-{config_digest(config_dir)}"
        runtime = self.env.get("XDG_RUNTIME_DIR", "")
        if runtime and Path(runtime).is_absolute():
            path = str(Path(runtime) / name)
            if len(path.encode("utf-8")) <= MAX_SOCKET_PATH:
                return path
        return f"stretchapp-{user_tag()}-{config_digest(config_dir)}"
