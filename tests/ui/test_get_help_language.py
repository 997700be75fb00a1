"""'When to get help' (from the check-in's guidance) opens the red flags in any language."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from stretchapp.core import i18n
from stretchapp.core.paths import Paths
from tests.ui.conftest import open_window


@pytest.mark.parametrize("language", ["en", "de", "es"])
def test_get_help_finds_the_red_flags(qtbot: QtBot, paths: Paths, language: str) -> None:
    i18n.activate(language)
    window = open_window(qtbot, paths, (800, 600))
    card = window.open_get_help()
    assert card is not None and card.isVisible()
    assert card.property("redFlags")
    if language != "en":
        assert card.accessibleName() != "When to get help"  # its title is translated
