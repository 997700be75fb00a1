"""Every folder StretchApp reads or writes, in one place.

User folders come from appdirs (which honours the XDG variables on Linux; on Windows it is
asked for the long folder names, see `use_long_windows_folders`). Bundled data
(`assets/`, `routines/`) is found beside the package in a checkout and under
`stretchapp/_data/` in an installed wheel. Tests point everything at temporary folders with
`STRETCHAPP_CONFIG_DIR` / `STRETCHAPP_DATA_DIR` or by setting the XDG variables.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import appdirs

from stretchapp.core.records import record

APP_DIR_NAME = "stretchapp"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def use_long_windows_folders(module: Any = appdirs, system: str = sys.platform) -> None:
    """On Windows, have appdirs find folders by their long names
    (core/platform/windows.py `known_folder`)."""
    if system == "win32":
        from stretchapp.core.platform.windows import known_folder

        module._get_win_folder = known_folder


use_long_windows_folders()


def _bundled_root() -> Path:
    """The folder holding `assets/` and `routines/`: a frozen build's (PyInstaller puts them in
    `_internal/stretchapp/_data/`, see packaging/stretchapp.spec), then the wheel layout, then
    a checkout."""
    candidates = [_PACKAGE_DIR / "_data", _PACKAGE_DIR.parent]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        candidates.insert(0, Path(frozen_root) / "stretchapp" / "_data")
    for candidate in candidates:
        if (candidate / "assets").is_dir() and (candidate / "routines").is_dir():
            return candidate
    raise FileNotFoundError(
        f"StretchApp's bundled assets/ and routines/ were not found beside {_PACKAGE_DIR}; "
        "the installation is incomplete"
    )


def bundled_assets_dir() -> Path:
    """The read-only assets that ship with the app (also `Paths.assets_dir`)."""
    return _bundled_root() / "assets"


@record
class Paths:
    """Where things live. Build one with `Paths.default()`; tests build their own."""

    config_dir: Path
    data_dir: Path
    bundled_root: Path

    @classmethod
    def default(cls) -> Paths:
        config = os.environ.get("STRETCHAPP_CONFIG_DIR") or appdirs.user_config_dir(APP_DIR_NAME)
        data = os.environ.get("STRETCHAPP_DATA_DIR") or appdirs.user_data_dir(APP_DIR_NAME)
        return cls(Path(config), Path(data), _bundled_root())

    # bundled, read-only
    @property
    def assets_dir(self) -> Path:
        return self.bundled_root / "assets"

    @property
    def bundled_routines_dir(self) -> Path:
        return self.bundled_root / "routines"

    # the user's own
    @property
    def user_routines_dir(self) -> Path:
        return self.config_dir / "routines"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.yaml"

    @property
    def user_clinic_file(self) -> Path:
        return self.config_dir / "clinic.yaml"

    @property
    def bundled_clinic_file(self) -> Path:
        return self.assets_dir / "clinic.yaml"

    @property
    def history_db(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def parse_cache_file(self) -> Path:
        """Parsed routine and settings files, so a start need not parse them (parsecache)."""
        return self.data_dir / "cache" / "parsed-yaml.json"

    @property
    def figure_cache_dir(self) -> Path:
        """The cards' painted figures, so a start need not paint them (ui/figure_store.py)."""
        return self.data_dir / "cache" / "figures"

    def sound(self, name: str) -> Path:
        return self.assets_dir / "sounds" / f"{name}.wav"


def frozen_key() -> str:
    """In a self-contained build (PyInstaller), the program's size and time stamp: every build
    is new code, whatever its version says. "" when run from source."""
    if not getattr(sys, "frozen", False):
        return ""
    try:
        info = Path(sys.executable).stat()
    except OSError:
        return "-"
    return f"{info.st_size}:{info.st_mtime_ns}"
