"""The autostart entry: written where desktops look, valid, removed again, never half."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from stretchapp.core import autostart


def test_written_in_xdg_config_home_and_removed(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg"), "HOME": str(tmp_path)}
    path = Path(autostart.set_enabled(True, env, ["/opt/stretch app/bin/stretchapp"]))
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


HOSTILE_PATH = '/home/ann/my "apps"\\new\nline $HOME `x` 100%/stretch app/stretchapp'


def parse_exec(value: str) -> list[str]:
    """The Exec value read back as the desktop-entry specification says: first the string
    escapes (\\s \\n \\t \\r \\\\), then the quoting of arguments, then %% as %."""
    unescaped, i = "", 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            unescaped += {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(
                value[i + 1], "\\" + value[i + 1]
            )
            i += 2
        else:
            unescaped += value[i]
            i += 1
    args: list[str] = []
    current: str | None = None
    quoted = False
    i = 0
    while i < len(unescaped):
        c = unescaped[i]
        if quoted:
            if c == "\\":
                assert unescaped[i + 1] in '"`$\\', f"bad escape in {unescaped!r}"
                current = (current or "") + unescaped[i + 1]
                i += 1
            elif c == '"':
                quoted = False
            else:
                current = (current or "") + c
        elif c == " ":
            if current is not None:
                args.append(current)
            current = None
        elif c == '"':
            quoted, current = True, current or ""
        else:
            assert c not in "\t\n\"'\\><~|&;$*?#()`", f"unquoted {c!r} in {unescaped!r}"
            current = (current or "") + c
        i += 1
    assert not quoted, unescaped
    if current is not None:
        args.append(current)
    return [a.replace("%%", "%") for a in args]


@pytest.mark.parametrize(
    "program",
    [
        "/usr/bin/stretchapp",
        "/opt/stretch app/bin/stretchapp",
        "/opt/back\\slash/stretchapp",
        "/opt/new\nline/stretchapp",
        HOSTILE_PATH,
    ],
)
def test_exec_line_reads_back_as_the_same_command(program: str) -> None:
    text = autostart.entry_text([program, "-m", "100%"])
    (exec_line,) = [line for line in text.splitlines() if line.startswith("Exec=")]
    assert text.count("\n") == 9  # a newline in the path never splits the entry
    assert parse_exec(exec_line.removeprefix("Exec=")) == [program, "-m", "100%", "--background"]


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
    path = Path(autostart.set_enabled(True, env, [HOSTILE_PATH]))
    out = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0 and out.stdout.strip() == "", out.stdout + out.stderr
