"""Windows: a value under HKCU\\...\\Run starts StretchApp at login; a named pipe per user."""

from __future__ import annotations

import ctypes
import functools
import os
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from stretchapp.core.platform.base import (
    APP_NAME,
    BACKGROUND_FLAG,
    RESTARTED_FROM,
    Platform,
    config_digest,
    user_tag,
)

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
VALUE_NAME = APP_NAME


class Registry(Protocol):
    """The current user's registry, as much of it as StretchApp touches (HKEY_CURRENT_USER)."""

    def get(self, key: str, name: str) -> str | None: ...

    def set(self, key: str, name: str, value: str) -> None: ...

    def delete(self, key: str, name: str) -> None: ...


class WinRegistry:
    """The real one, through the standard library's winreg (present only on Windows)."""

    def __init__(self) -> None:
        import winreg  # Windows only

        self._winreg: Any = winreg

    def get(self, key: str, name: str) -> str | None:
        reg = self._winreg
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, key) as handle:
                value, _kind = reg.QueryValueEx(handle, name)
        except FileNotFoundError:
            return None
        return str(value)

    def set(self, key: str, name: str, value: str) -> None:
        reg = self._winreg
        with reg.CreateKeyEx(reg.HKEY_CURRENT_USER, key, 0, reg.KEY_SET_VALUE) as handle:
            reg.SetValueEx(handle, name, 0, reg.REG_SZ, value)

    def delete(self, key: str, name: str) -> None:
        reg = self._winreg
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, key, 0, reg.KEY_SET_VALUE) as handle:
                reg.DeleteValue(handle, name)
        except FileNotFoundError:
            pass


def command_line(command: Sequence[str]) -> str:
    """The command as Windows parses it back (the Microsoft C runtime's rules). The program is
    always in quotes, so a path with spaces can never be read as a shorter program's path."""
    program, *args = command
    quoted = f'"{program}"' if '"' not in program else subprocess.list2cmdline([program])
    return " ".join([quoted, *([subprocess.list2cmdline(args)] if args else [])])


PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
STILL_ACTIVE = 259
ERROR_ACCESS_DENIED = 5
ERROR_INVALID_PARAMETER = 87


@functools.cache
def _kernel32() -> Any:
    """kernel32, loaded once, with the error of each call kept by ctypes (use_last_error,
    read with `_last_error`): a separate GetLastError call could see an error that Python's
    own calls left in between."""
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.OpenProcess.restype = ctypes.c_void_p
    kernel32.OpenProcess.argtypes = [ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]
    kernel32.GetExitCodeProcess.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_ulong)]
    kernel32.CloseHandle.argtypes = [ctypes.c_void_p]
    return kernel32


def _last_error() -> int:
    return int(ctypes.get_last_error())  # type: ignore[attr-defined]


_CSIDL = {"CSIDL_APPDATA": 26, "CSIDL_COMMON_APPDATA": 35, "CSIDL_LOCAL_APPDATA": 28}


def known_folder(csidl_name: str, shell32: Any = None) -> str:
    """A Windows known folder by its long name. appdirs' own lookup swaps in the 8.3 short
    name (C:\\Users\\8E2C~1\\AppData\\Local) when the path has a letter beyond Latin-1, as a
    Cyrillic, Greek, Polish or Chinese user name has; every place a path is shown then reads
    as gibberish, and a volume without short names has no such folder at all."""
    if shell32 is None:
        shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
    buffer = ctypes.create_unicode_buffer(1024)
    if shell32.SHGetFolderPathW(None, _CSIDL[csidl_name], None, 0, buffer) != 0:
        raise OSError(f"Windows did not say where {csidl_name} is")
    return buffer.value


def preferred_ui_languages() -> list[str]:
    """The user's display languages, best first, from Windows (GetUserPreferredUILanguages,
    Windows Vista and later): "de-DE", "en-US". Raises OSError where it cannot be asked."""
    from ctypes import wintypes

    kernel32 = _kernel32()
    mui_language_name = 0x8
    count, size = wintypes.ULONG(0), wintypes.ULONG(0)
    if not kernel32.GetUserPreferredUILanguages(
        mui_language_name, ctypes.byref(count), None, ctypes.byref(size)
    ):
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined]
    names = ctypes.create_unicode_buffer(size.value)
    if not kernel32.GetUserPreferredUILanguages(
        mui_language_name, ctypes.byref(count), names, ctypes.byref(size)
    ):
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined]
    return [name for name in ctypes.wstring_at(names, size.value).split("\0") if name]


class WindowsPlatform(Platform):
    name = "windows"

    def __init__(
        self,
        registry: Registry | None = None,
        spawn: Callable[..., object] | None = None,
        languages: Callable[[], Sequence[str]] | None = None,
        kernel32: Any = None,
        last_error: Callable[[], int] = _last_error,
    ) -> None:
        self._registry = registry
        self._spawn = spawn or subprocess.Popen
        self._languages = languages or preferred_ui_languages
        self._kernel32 = kernel32  # (a fake in tests; Windows' own when first needed)
        self._last_error = last_error

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = WinRegistry()
        return self._registry

    def autostart_location(self) -> str:
        return f"HKEY_CURRENT_USER\\{RUN_KEY}\\{VALUE_NAME}"

    def autostart_enabled(self) -> bool:
        return self.registry.get(RUN_KEY, VALUE_NAME) is not None

    def enable_autostart(self, command: Sequence[str]) -> None:
        value = command_line([*command, BACKGROUND_FLAG])
        if self.registry.get(RUN_KEY, VALUE_NAME) != value:
            self.registry.set(RUN_KEY, VALUE_NAME, value)

    def disable_autostart(self) -> None:
        if self.registry.get(RUN_KEY, VALUE_NAME) is not None:
            self.registry.delete(RUN_KEY, VALUE_NAME)

    def ui_languages(self) -> list[str]:
        try:
            return [name for name in self._languages() if isinstance(name, str) and name]
        except (OSError, AttributeError, ValueError):  # an older Windows, or no kernel32
            return []

    def process_alive(self, pid: int) -> bool | None:
        """Windows has no signal 0 (`os.kill` there ends the process): the process is opened
        to ask for its exit code, which is STILL_ACTIVE while it runs."""
        try:
            kernel32 = self._kernel32 or _kernel32()
            handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
            if not handle:
                error = self._last_error()
                if error == ERROR_ACCESS_DENIED:
                    return True  # another user's (or a protected) process: it runs
                return False if error == ERROR_INVALID_PARAMETER else None  # (87: no such id)
            try:
                code = ctypes.c_ulong(0)
                if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                    return None
                return code.value == STILL_ACTIVE
            finally:
                kernel32.CloseHandle(handle)
        except (OSError, AttributeError):
            return None

    def replace_process(self, argv: Sequence[str]) -> None:
        """Windows has no exec: its C runtime's `execv` starts a new process from the arguments
        joined without quotes, so a program under C:\\Program Files lost its path at the space
        and the app did not come back. A new process starts with each argument quoted
        (subprocess), told to wait for this one to end (RESTARTED_FROM), and this one goes
        on ending as it was."""
        environment = {**os.environ, RESTARTED_FROM: str(os.getpid())}
        self._spawn(list(argv), close_fds=True, env=environment)

    def instance_name(self, config_dir: Path) -> str:
        """A pipe name (Qt adds `\\\\.\\pipe\\`): no backslash, well under 256 characters;
        pipes are per session, and the user's name keeps two users' copies apart."""
        return f"stretchapp-{user_tag()}-{config_digest(config_dir)}"
