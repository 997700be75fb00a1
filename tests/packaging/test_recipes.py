"""The packaging recipes, checked as far as a Linux machine can: scripts lint, the workflow
parses and names files that exist, the Windows and macOS pieces agree with the app's own
constants, and one version number is used everywhere."""

from __future__ import annotations

import ast
import os
import plistlib
import re
import runpy
import shutil
import struct
import subprocess
import sys
import types
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from stretchapp import __version__
from stretchapp.core import paths as paths_module
from stretchapp.core.platform import windows
from stretchapp.ui import svg_worker
from tests.conftest import REPO
from tests.syslibs import package_groups

SHELL_SCRIPTS = [
    REPO / ".ci" / "run",
    REPO / "scripts" / "install-system-deps",
    REPO / "packaging" / "macos" / "build-dmg.sh",
]
PACKAGING = REPO / "packaging"
APP_ID = "io.github.stretchapp.StretchApp"


@pytest.mark.parametrize("script", SHELL_SCRIPTS, ids=lambda p: p.name)
def test_shell_scripts_parse_and_pass_shellcheck(script: Path) -> None:
    subprocess.run(["bash", "-n", str(script)], check=True)
    if shutil.which("shellcheck") is None:
        pytest.skip("shellcheck is not installed (Debian: shellcheck; .ci/run installs it)")
    out = subprocess.run(["shellcheck", str(script)], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout


def test_workflow_builds_all_three_from_files_that_exist() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "packages.yml").read_text())
    assert set(workflow["jobs"]) == {"windows", "macos", "linux"}
    # (a Windows step names its paths with backslashes: ISCC needs them)
    text = (REPO / ".github" / "workflows" / "packages.yml").read_text().replace("\\", "/")
    for needed in (
        "packaging/stretchapp.spec",
        "packaging/windows/stretchapp.iss",
        "packaging/macos/build-dmg.sh",
        "packaging/make-platform-icons",
        "scripts/build-package",
        "scripts/install-system-deps",
        "tests/packaging/test_deb_install.py",
    ):
        assert needed in text
        assert (REPO / needed).is_file(), needed
    for job in workflow["jobs"].values():
        assert all("uses" in step or "run" in step for step in job["steps"])


def test_platform_icons_are_valid(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(PACKAGING / "make-platform-icons"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    ico = (tmp_path / "stretchapp.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind, count) == (0, 1, 7)
    for i in range(count):
        _w, _h, _c, _r, _p, _b, size, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * i)
        assert ico[offset : offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + size <= len(ico)
    icns = (tmp_path / "StretchApp.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack_from(">I", icns, 4)[0] == len(icns)
    at, kinds = 8, []
    while at < len(icns):
        kinds.append(icns[at : at + 4].decode())
        assert icns[at + 8 : at + 16] == b"\x89PNG\r\n\x1a\n"
        at += struct.unpack_from(">I", icns, at + 4)[0]
    assert at == len(icns) and "ic09" in kinds


def test_macos_info_plist_is_valid_and_names_the_app() -> None:
    raw = (PACKAGING / "macos" / "Info.plist").read_bytes()
    ET.fromstring(raw)  # well-formed XML
    info = plistlib.loads(raw)
    assert info["CFBundleIdentifier"] == "io.github.stretchapp.StretchApp"
    assert "CFBundleVersion" not in info  # added from stretchapp.__version__ by the spec


def test_windows_switches_are_not_given_through_git_bash() -> None:
    """Git Bash on a Windows runner rewrites an argument like /DAppVersion=1.0 as a path
    under its own folder, so ISCC's /D switches go through PowerShell."""
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "packages.yml").read_text())
    steps = [s for s in workflow["jobs"]["windows"]["steps"] if "ISCC" in s.get("run", "")]
    assert steps
    for step in steps:
        assert step.get("shell") == "pwsh", step
        assert re.search(r'"/DAppVersion=\$version"', step["run"]), step


def test_only_the_linux_build_is_a_console_program() -> None:
    """On Windows a console program opens a console window behind the app; on macOS
    PyInstaller makes a console program's bundle a background-only app (no Dock icon)."""
    spec = ast.parse((PACKAGING / "stretchapp.spec").read_text())
    calls = [
        node
        for node in ast.walk(spec)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "EXE"
    ]
    (console,) = [k.value for call in calls for k in call.keywords if k.arg == "console"]
    expression = compile(ast.Expression(console), "stretchapp.spec", "eval")
    for system, expected in (("linux", True), ("win32", False), ("darwin", False)):
        fake_sys = types.SimpleNamespace(platform=system)
        assert eval(expression, {"sys": fake_sys}) is expected, system


def test_windows_installer_is_per_user_and_clears_the_old_build() -> None:
    script = (PACKAGING / "windows" / "stretchapp.iss").read_text()
    assert "PrivilegesRequired=lowest" in script
    assert "PrivilegesRequiredOverridesAllowed" not in script  # an admin's HKCU is not the user's
    install_delete = script.split("[InstallDelete]", 1)[1].split("\n[", 1)[0]
    assert 'Type: filesandordirs; Name: "{app}\\_internal"' in install_delete


def test_windows_uninstaller_removes_the_value_the_app_writes() -> None:
    script = (PACKAGING / "windows" / "stretchapp.iss").read_text()
    key = windows.RUN_KEY
    assert (
        f'Root: HKCU; Subkey: "{key}"; ValueType: none; ValueName: "{windows.VALUE_NAME}"; '
        "Flags: uninsdeletevalue"
    ) in script
    assert "AppVersion={#AppVersion}" in script  # given by the workflow from __version__


def test_one_version_everywhere() -> None:
    metainfo = ET.parse(REPO / "assets" / "desktop" / f"{APP_ID}.metainfo.xml")
    releases = [r.get("version") for r in metainfo.getroot().iter("release")]
    assert releases[0] == __version__, "the newest release in the metainfo is this version"
    version = subprocess.run(
        [sys.executable, "-m", "stretchapp", "--version"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert version.stdout.strip() == f"stretchapp {__version__}"
    pyproject = (REPO / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject and 'path = "stretchapp/__init__.py"' in pyproject
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    named = re.findall(
        r"stretchapp_([0-9][^_]*)_amd64\.deb|stretchapp-([0-9][^-]*)-linux|"
        r"StretchApp-([0-9][^-]*)-setup|StretchApp-([0-9][^-]*)\.dmg",
        readme,
    )
    assert named and {v for group in named for v in group if v} == {__version__}
    build = runpy.run_path(str(REPO / "scripts" / "build-package"), run_name="build_package")
    control = build["control_text"](1000)
    assert f"Version: {__version__}\n" in control
    depends = control.split("Depends: ", 1)[1].split("\n", 1)[0].split(", ")
    assert sorted(depends) == sorted(package_groups()["run"])


def test_a_frozen_build_finds_its_bundled_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "stretchapp" / "_data"
    (data / "assets").mkdir(parents=True)
    (data / "routines").mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths_module._bundled_root() == data
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "elsewhere"), raising=False)
    assert paths_module._bundled_root() != data  # not there: the wheel or checkout layout


def test_the_frozen_program_draws_a_users_svg_when_started_as_the_worker(tmp_path: Path) -> None:
    """A bundle's worker is the bundle's own program (svg_worker.command): the launcher
    hands such a start to the worker, not to the app's command line (which refuses it)."""
    svg = tmp_path / "ok.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/>'
        "</svg>",
        encoding="utf-8",
    )
    out = tmp_path / "out.png"
    launcher = str(PACKAGING / "launcher.py")
    _program, args = svg_worker.command([str(svg), str(out), "40", "30", "0"], frozen=True)
    done = subprocess.run(
        [sys.executable, launcher, *args],
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", out.read_bytes()[16:24]) == (40, 30)


def test_early_modules_are_what_the_first_paint_loads(tmp_path: Path) -> None:
    """The list the spec keeps out of the archive: the window's modules, not the player's."""
    listed = tmp_path / "early.txt"
    subprocess.run(
        [sys.executable, str(PACKAGING / "early_modules.py"), str(listed)],
        check=True,
        timeout=300,
        capture_output=True,
    )
    names = set(listed.read_text(encoding="utf-8").split())
    assert {"stretchapp.cli", "stretchapp.ui.app", "stretchapp.ui.library", "enum"} <= names
    assert not {"stretchapp.ui.player", "stretchapp.ui.editor", "yaml", "sqlite3"} & names
