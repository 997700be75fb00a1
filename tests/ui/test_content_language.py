"""The bundled routines and stretches in the person's language, as the window shows them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from stretchapp.core import i18n
from stretchapp.core.paths import Paths
from tests.ui.conftest import open_window


def texts(widget: object) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("code", "routine", "first", "step"),
    [
        ("de", "Tägliche Rückenpflege", "1. Katze-Kuh", "Gehen Sie in den Vierfüßlerstand"),
        ("fr", "Soin du dos au quotidien", "1. Chat-vache", "Mettez-vous à quatre pattes"),
        ("es", "Cuidado diario de la espalda", "1. Gato-vaca", "Póngase a cuatro patas"),
    ],
)
def test_the_library_and_a_routines_page_show_the_bundled_texts_in_the_language(
    qtbot: QtBot, paths: Paths, code: str, routine: str, first: str, step: str
) -> None:
    i18n.activate(code)  # as the command line does before the window opens
    window = open_window(qtbot, paths)
    card = next(c for c in window.library_page.cards if c.routine.id == "daily-back-care")
    assert routine in texts(card)
    assert "Daily back care" not in texts(window.library_page)
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    page = window.detail_page
    assert page is not None
    assert page.rows[0].findChildren(QLabel)[0].text() == first
    shown = texts(page.rows[0])
    assert any(t.startswith(f"1. {step}") for t in shown), shown
    assert not any("hands and knees" in t for t in shown)


def test_a_users_routine_stays_as_its_author_wrote_it(qtbot: QtBot, paths: Paths) -> None:
    paths.user_routines_dir.mkdir(parents=True, exist_ok=True)
    (paths.user_routines_dir / "mine.yaml").write_text(
        "version: 1\nroutines:\n  - id: mine\n    name: Mein Morgen\n    stretches: [cat-cow]\n",
        encoding="utf-8",
    )
    i18n.activate("fr")
    window = open_window(qtbot, paths)
    card = next(c for c in window.library_page.cards if c.routine.id == "mine")
    assert "Mein Morgen" in texts(card)
    assert card.routine.entries[0].stretch.name == "Chat-vache"  # the bundled stretch it uses
