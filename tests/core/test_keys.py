"""Keys named the way each system and language writes them (core/keys.py)."""

from __future__ import annotations

import pytest

from stretchapp.core import i18n
from stretchapp.core.keys import EDITOR, LIBRARY, key_name, shortcuts


@pytest.mark.parametrize(
    ("key", "linux", "macos"),
    [
        ("Ctrl+N", "Ctrl+N", "⌘N"),
        ("Ctrl+1", "Ctrl+1", "⌘1"),
        ("Alt+Up", "Alt+Up", "⌥↑"),
        ("Alt+Down", "Alt+Down", "⌥↓"),
        ("Ctrl+Shift+Left", "Ctrl+Shift+Left", "⇧⌘←"),
        ("Space", "Space", "Space"),
        ("Esc", "Esc", "Esc"),
        ("N", "N", "N"),
    ],
)
def test_a_mac_writes_modifiers_as_its_menus_do(key: str, linux: str, macos: str) -> None:
    assert key_name(key, "linux") == linux
    assert key_name(key, "windows") == linux
    assert key_name(key, "macos") == macos


def test_a_german_keyboard_says_strg() -> None:
    i18n.activate("de")
    assert key_name("Ctrl+N", "windows") == "Strg+N"
    assert key_name("Ctrl+N", "macos") == "⌘N"
    assert key_name("Alt+Up", "linux") == "Alt+Pfeil hoch"
    assert shortcuts(EDITOR)["save"].keys_text_on("linux") == "Strg+S"


def test_a_shortcut_with_two_keys_names_both_for_the_system() -> None:
    move = shortcuts(EDITOR)["move"]
    assert move.keys_text_on("linux") == "Alt+Up or Alt+Down"
    assert move.keys_text_on("macos") == "⌥↑ or ⌥↓"
    assert shortcuts(LIBRARY)["new"].keys_text_on("macos") == "⌘N"
