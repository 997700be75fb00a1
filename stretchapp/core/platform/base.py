"""The few things StretchApp does differently on each operating system, as one small interface.

Everything that touches the system in a system-specific way goes through a `Platform`: starting
at login, the name the one-running-copy check listens on, the display languages the person chose
(where no LANG says), whether another process still runs, and starting the app again in this
process's place. Folders come from appdirs (in
core/paths.py) and file names are made safe for every system by core/platform/filenames.py.
`stretchapp.core.platform.current()` picks the implementation in one place; tests build the one
they want (any of the three, on any system) with fake folders and a fake registry.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import shutil
import sys
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path

APP_ID = "io.github.stretchapp.StretchApp"
APP_NAME = "StretchApp"
BACKGROUND_FLAG = "--background"
# Set for a copy started again in a new process (Windows' restart): the old copy's process id,
# which the new one waits for, so that it never finds the old one still listening as "the
# running copy" and hands itself over to it (cli.py reads it).
RESTARTED_FROM = "STRETCHAPP_RESTARTED_FROM"


def launch_command() -> list[str]:
    """How to start this StretchApp: the frozen program itself, the installed command beside
    this Python, the one on the PATH, else this Python running the package (a checkout)."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    for name in ("stretchapp", "stretchapp.exe"):
        beside = Path(sys.executable).with_name(name)
        if beside.is_file() and os.access(beside, os.X_OK):
            return [str(beside)]
    found = shutil.which("stretchapp")
    if found:
        return [found]
    return [sys.executable, "-m", "stretchapp"]


def config_digest(config_dir: Path) -> str:
    """A short, stable tag for one config folder (two folders, two running copies)."""
    return hashlib.sha256(str(config_dir.resolve()).encode("utf-8")).hexdigest()[:12]


def user_tag() -> str:
    if hasattr(os, "getuid"):
        return str(os.getuid())
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no user name known (rare): one copy for all is still safe
        user = "user"
    # Pipe names take most characters, but keep the tag to what every system accepts.
    return "".join(c if c.isalnum() else "_" for c in user)[:32] or "user"


class Platform(ABC):
    """What differs per system. `name` is "linux", "windows" or "macos"."""

    name: str

    # ---- start at login ----

    @abstractmethod
    def autostart_location(self) -> str:
        """Where the start-at-login entry lives, for messages (a path or a registry value)."""

    @abstractmethod
    def autostart_enabled(self) -> bool:
        """True when StretchApp's start-at-login entry is there."""

    @abstractmethod
    def enable_autostart(self, command: Sequence[str]) -> None:
        """Write the entry that starts `command` (plus --background) at login. OSError."""

    @abstractmethod
    def disable_autostart(self) -> None:
        """Remove exactly what enable_autostart wrote, and nothing else. OSError."""

    def set_autostart(self, on: bool, command: Sequence[str] | None = None) -> str:
        if on:
            self.enable_autostart(list(command) if command is not None else launch_command())
        else:
            self.disable_autostart()
        return self.autostart_location()

    # ---- the person's languages ----

    def ui_languages(self) -> list[str]:
        """The display languages the person chose for the system, best first ("de-DE",
        "fr"), for when the environment names none: a program started from the Start menu or
        the Finder has no LANG. On Linux the environment is the system's own answer."""
        return []

    # ---- other processes ----

    def process_alive(self, pid: int) -> bool | None:
        """Whether process `pid` runs (a session's writer that crashed does not): True or
        False when it can be told, None when not. POSIX: signal 0 asks without sending."""
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True  # someone else's process: alive
        except OSError:
            return None
        return True

    def wait_for_exit(
        self,
        pid: int,
        seconds: float = 5.0,
        sleep: Callable[[float], object] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> bool:
        """Wait (at most `seconds`) until process `pid` has ended; whether it has."""
        deadline = clock() + seconds
        while self.process_alive(pid):
            if clock() >= deadline:
                return False
            sleep(0.05)
        return True

    # ---- starting again ----

    def replace_process(self, argv: Sequence[str]) -> None:
        """Run `argv` in this process's place (a new language starts the app again): here the
        system replaces the process (`os.execv`), which does not return."""
        os.execv(argv[0], list(argv))

    # ---- one running copy ----

    @abstractmethod
    def instance_name(self, config_dir: Path) -> str:
        """The name the one-running-copy check listens on (QLocalServer's name), valid here:
        a socket path on Linux and macOS, a named pipe on Windows."""
