"""macOS: a LaunchAgent starts StretchApp at login; the socket sits in the user's own $TMPDIR."""

from __future__ import annotations

import errno
import plistlib
from collections.abc import Sequence
from pathlib import Path

from stretchapp.core.i18n import _
from stretchapp.core.platform.base import (
    APP_ID,
    BACKGROUND_FLAG,
    Platform,
    config_digest,
    user_tag,
)
from stretchapp.core.settings import atomic_write

LABEL = APP_ID
# sun_path holds 104 bytes on macOS; Qt puts the socket in $TMPDIR (/var/folders/…/T/).
MAX_NAME = 40


MAX_PREFERENCES_BYTES = 4 * 1024 * 1024  # the global preferences are a few kilobytes

# Where a program runs from only for now: the disk image's own volume (build-dmg.sh names it
# "StretchApp VERSION"), gone once it is ejected, and the random read-only copy macOS runs an
# app from when it was opened straight from the Downloads folder (App Translocation).
DISK_IMAGE_VOLUME = "/Volumes/StretchApp "
TRANSLOCATED = "/AppTranslocation/"


def runs_from_a_temporary_place(program: str) -> bool:
    return program.startswith(DISK_IMAGE_VOLUME) or TRANSLOCATED in program


def agent_text(command: Sequence[str]) -> str:
    agent = {
        "Label": LABEL,
        "ProgramArguments": [*command, BACKGROUND_FLAG],
        "RunAtLoad": True,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",  # the graphical login, not ssh sessions
    }
    return plistlib.dumps(agent, fmt=plistlib.FMT_XML, sort_keys=False).decode("utf-8")


class MacPlatform(Platform):
    name = "macos"

    def __init__(self, home: Path | None = None) -> None:
        self.home = home if home is not None else Path.home()

    def agent_file(self) -> Path:
        return self.home / "Library" / "LaunchAgents" / f"{LABEL}.plist"

    def autostart_location(self) -> str:
        return str(self.agent_file())

    def autostart_enabled(self) -> bool:
        return self.agent_file().is_file()

    def ui_languages(self) -> list[str]:
        """System Settings → General → Language & Region, as the user's global preferences
        keep it (AppleLanguages: "de-DE", "en-US"); none when it cannot be read."""
        path = self.home / "Library" / "Preferences" / ".GlobalPreferences.plist"
        try:
            if path.stat().st_size > MAX_PREFERENCES_BYTES:
                return []
            languages = plistlib.loads(path.read_bytes()).get("AppleLanguages", [])
        except (OSError, ValueError, AttributeError, plistlib.InvalidFileException):
            return []
        if not isinstance(languages, list):
            return []
        return [name for name in languages if isinstance(name, str) and name]

    def enable_autostart(self, command: Sequence[str]) -> None:
        if command and runs_from_a_temporary_place(command[0]):  # it would start nothing
            raise OSError(
                errno.EINVAL,
                _(
                    "StretchApp is running from its disk image or a temporary copy; drag it "
                    "to Applications, open it from there and turn this on again"
                ),
            )
        path = self.agent_file()
        text = agent_text(command)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            atomic_write(path, text)

    def disable_autostart(self) -> None:
        path = self.agent_file()
        if path.is_file() or path.is_symlink():
            path.unlink()

    def instance_name(self, config_dir: Path) -> str:
        name = f"stretchapp-{user_tag()}-{config_digest(config_dir)}"
        assert len(name) <= MAX_NAME
        return name
