"""The autostart entry: written where desktops look, valid, removed again, never half."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from stretchapp.core import autostart


def test_written_in_xdg_config_home_and_removed(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg"), "HOME": str(tmp_path)}
    path = autostart.set_enabled(True, env, ["/opt/stretch app/bin/stretchapp"])
    assert path == tmp_path / "cfg" / "autostart" / "stretchapp.desktop"
    assert autostart.is_enabled(env)
    text = path.read_text(encoding="utf-8")
    assert 'Exec="/opt/stretch app/bin/stretchapp" --background\n' in text
    assert "Type=Application\n" in text and "Icon=io.github.stretchapp.StretchApp\n" in text
    assert [p.name for p in path.parent.iterdir()] == ["stretchapp.desktop"]  # no temp files
    autostart.set_enabled(True, env, ["/opt/stretch app/bin/stretchapp"])  # again: unchanged
    assert path.read_text(encoding="utf-8") == text
    autostart.set_enabled(False, env)
    assert not path.exists() and not autostart.is_enabled(env)
    autostart.set_enabled(False, env)  # removing twice is fine


def test_default_folder_is_home_config(tmp_path: Path) -> None:
    assert autostart.autostart_file({"HOME": str(tmp_path)}) == (
        tmp_path / ".config" / "autostart" / "stretchapp.desktop"
    )


def test_exec_quoting() -> None:
    text = autostart.entry_text(["/usr/bin/python3", "-m", "stretchapp", "100%"])
    assert "Exec=/usr/bin/python3 -m stretchapp 100%% --background\n" in text
    assert autostart.launch_command()  # some way to start this StretchApp is always found


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate is not installed (Debian: desktop-file-utils)",
)
def test_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    path = autostart.set_enabled(True, env, ["/opt/my apps/stretchapp"])
    out = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0 and out.stdout.strip() == "", out.stdout + out.stderr
