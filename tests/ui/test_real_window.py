"""The app in a real X window (Xvfb + Qt's xcb plugin), as installed users run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def _xcb_missing() -> str:
    if shutil.which("Xvfb") is None:
        return "Xvfb is not installed (apt-get install xvfb)"
    libs = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    needed = [
        "libxcb-cursor.so.0",
        "libxkbcommon-x11.so.0",
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
    ]
    missing = [lib for lib in needed if lib not in libs]
    return f"Qt's xcb plugin needs {', '.join(missing)}" if missing else ""


@pytest.fixture
def display() -> Iterator[str]:
    reason = _xcb_missing()
    if reason:
        pytest.skip(reason)
    number = next(
        n
        for n in range(150, 250)
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists()
    )
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail("Xvfb did not start")
            time.sleep(0.05)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_window_opens_and_paints_in_a_real_x_server(display: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, STRETCHAPP_FIRST_PAINT="quit", QT_QPA_PLATFORM="xcb")
    result = subprocess.run(
        [sys.executable, "-m", "stretchapp"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("first-paint "), result.stdout + result.stderr
