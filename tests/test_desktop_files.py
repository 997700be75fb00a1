"""The desktop entry, the AppStream metainfo and the icon: what desktops and software
centres read. The validators run when installed (.ci/run installs them) and skip otherwise."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from stretchapp import __version__
from tests.conftest import REPO

DESKTOP = REPO / "assets" / "desktop"
APP_ID = "io.github.stretchapp.StretchApp"
ENTRY = DESKTOP / f"{APP_ID}.desktop"
METAINFO = DESKTOP / f"{APP_ID}.metainfo.xml"


def test_entry_names_the_command_and_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ENTRY, encoding="utf-8")
    main = entry["Desktop Entry"]
    assert main["Exec"] == "stretchapp" and main["Icon"] == APP_ID
    assert main["Type"] == "Application" and main["Name"] == "StretchApp"
    assert entry["Desktop Action daily-back-care"]["Exec"] == "stretchapp start daily-back-care"


def test_metainfo_matches_the_app() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == ENTRY.name
    releases = [r.get("version") for r in root.iter("release")]
    assert __version__ in releases


def test_icon_svg_and_every_png_size() -> None:
    assert (DESKTOP / f"{APP_ID}.svg").is_file()
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        png = DESKTOP / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", png
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (size, size), png


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate is not installed (Debian: desktop-file-utils)",
)
def test_desktop_file_validate() -> None:
    out = subprocess.run(
        ["desktop-file-validate", str(ENTRY)], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0 and out.stdout.strip() == "", out.stdout + out.stderr


@pytest.mark.skipif(
    shutil.which("appstreamcli") is None,
    reason="appstreamcli is not installed (Debian: appstream)",
)
def test_appstreamcli_validate() -> None:
    out = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    # errors (E:) and warnings (W:) fail; infos about tags newer than the validator do not
    assert not [line for line in out.stdout.splitlines() if line[:2] in ("E:", "W:")], out.stdout
