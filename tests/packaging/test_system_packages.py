"""The system packages the README and scripts/install-system-deps name are the ones Qt needs:
checked against what the PySide6 files StretchApp uses actually link to (ldd, dpkg -S)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.syslibs import missing_tools, package_groups, system_needs, uncovered

USED_MODULES = (
    "QtCore",
    "QtGui",
    "QtWidgets",
    "QtSvg",
    "QtNetwork",
    "QtMultimedia",
    "QtTextToSpeech",
)
USED_PLUGINS = (
    "platforms/libqxcb.so",
    "platforms/libqwayland*.so",
    "platforms/libqoffscreen.so",
    "xcbglintegrations/*.so",
    "imageformats/libq[sgji][vipc][gfe]*.so",  # svg, gif, jpeg, ico
    "iconengines/*.so",
    "multimedia/*.so",
    "texttospeech/*.so",
    "platforminputcontexts/libcompose*.so",
    "platforminputcontexts/libibus*.so",
    "wayland-*-client/*.so",
    "wayland-shell-integration/*.so",
)


def pyside_dir() -> Path:
    import PySide6

    return Path(PySide6.__file__).resolve().parent


def test_every_module_the_app_imports_is_in_the_checked_set() -> None:
    """A new `PySide6.QtX` import in the app must be added here (and to packaging/ recipes)."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "stretchapp").rglob("*.py"))
    imported = set(re.findall(r"PySide6\.(Qt\w+)", source))
    assert imported <= set(USED_MODULES), imported - set(USED_MODULES)
    spec = (REPO / "packaging" / "stretchapp.spec").read_text(encoding="utf-8")
    for module in USED_MODULES:
        assert f'"{module}"' in spec


def test_the_list_is_well_formed() -> None:
    groups = package_groups()
    assert set(groups) == {"run", "voice", "venv", "test", "build"}
    for needed in (
        "libglib2.0-0",
        "libgl1",
        "libegl1",
        "libfontconfig1",
        "libxkbcommon0",
        "libdbus-1-3",
        "libxcb-cursor0",
        "libpulse0",
    ):
        assert needed in groups["run"]


def test_the_list_covers_what_pyside6_links_to() -> None:
    why = missing_tools()
    if why:
        pytest.skip(why)
    root = pyside_dir()
    plugins = root / "Qt" / "plugins"
    start = [root / f"{m}.abi3.so" for m in USED_MODULES]
    for pattern in USED_PLUGINS:
        found = sorted(plugins.glob(pattern))
        assert found, f"no Qt plugin matches {pattern}"
        start += found
    shiboken = root.parent / "shiboken6"
    report = system_needs(start, [root, shiboken])
    groups = package_groups()
    problems = uncovered(report, groups["run"] | groups["voice"])
    assert not problems, "\n".join(problems)
    # The check really looked: the windowing and sound libraries were among what it found.
    assert {"libxcb-cursor0", "libpulse0", "libfontconfig1"} <= set(report.packages)
