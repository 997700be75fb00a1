"""Test set-up shared by every test: no display, and every user folder in a temp dir."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

# Before anything imports Qt: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("STRETCHAPP_SPEECH_ENGINE", "mock")
# Days, weeks and streaks follow the local calendar: pin the zone before anything reads it, so
# the suite gives the same answers on every machine. STRETCHAPP_TEST_TZ picks another zone (one
# with DST): tests/core/test_time_zones.py reruns the calendar tests under two more that way.
os.environ["TZ"] = os.environ.get("STRETCHAPP_TEST_TZ", "UTC")
time.tzset()

from stretchapp.core.paths import Paths  # noqa: E402 - after the zone is pinned

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """Point every folder the app writes at a fresh temp dir, the XDG way."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("STRETCHAPP_CONFIG_DIR", raising=False)
    monkeypatch.delenv("STRETCHAPP_DATA_DIR", raising=False)
    return Paths.default()


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> object:
    """Every test starts in English with the fallback formats, whatever the machine speaks;
    a test that wants another language activates it (or sets LANG for a subprocess)."""
    from stretchapp.core import i18n, shown_names

    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.reset()
    shown_names.forget()
    yield
    i18n.reset()
    shown_names.forget()


@pytest.fixture
def paths(user_dirs: Paths) -> Paths:
    return user_dirs
