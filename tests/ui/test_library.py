"""The library window, as a person sees and uses it (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from stretchapp.core.paths import Paths
from stretchapp.ui.app import MainWindow, create_window
from stretchapp.ui.library import RoutineCard, open_link


@pytest.fixture
def window(qtbot: QtBot, paths: Paths) -> MainWindow:
    win = create_window(paths, "light")
    qtbot.addWidget(win)
    win.resize(1000, 700)
    win.show()
    qtbot.waitExposed(win)
    return win


def texts(widget: object) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]  # type: ignore[attr-defined]


def test_library_shows_a_card_per_bundled_routine(window: MainWindow) -> None:
    cards = window.library_page.cards
    names = [c.routine.name for c in cards]
    assert "Daily back care" in names and "Desk break" in names
    assert len(cards) == len(window.library.routines) >= 4
    desk = next(c for c in cards if c.routine.id == "desk-break")
    shown = texts(desk)
    assert "Desk break" in shown
    assert any(t.endswith("· 5 stretches") and "min" in t for t in shown)
    # Cards show the first stretch's drawn figure, still.
    for card in cards:
        assert card.thumbnail.pose() is card.routine.entries[0].stretch.pose is not None
        assert card.thumbnail.drawing() is not None and not card.thumbnail.is_moving()
    assert window.library_page.notice is None


def test_clicking_a_card_opens_its_stretches(window: MainWindow, qtbot: QtBot) -> None:
    card = next(c for c in window.library_page.cards if c.routine.id == "daily-back-care")
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    page = window.detail_page
    assert page is not None and window.routines_stack.currentWidget() is page
    names = [row.findChildren(QLabel)[0].text() for row in page.rows]
    assert names[0] == "1. Cat-cow"
    assert len(page.rows) == len(card.routine.entries)
    shown = texts(page)
    assert "8 reps × 6 s · No side switch" in shown  # cat-cow's dose
    assert any(t.startswith("Take care: ") for t in shown)
    assert page.rows[0].video_url.startswith("https://www.youtube.com/results?search_query=")
    # Cat-cow's key poses: flat back, cat and cow, each drawn.
    pose = page.rows[0].illustrations[0].pose()
    assert pose is not None and len(page.rows[0].illustrations) == len(pose.keys) == 3
    assert len({picture.drawing() for picture in page.rows[0].illustrations}) == 3
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    assert window.routines_stack.currentWidget() is window.library_page


def test_keyboard_opens_a_card(window: MainWindow, qtbot: QtBot) -> None:
    card: RoutineCard = window.library_page.cards[1]
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Return)
    assert window.detail_page is not None
    assert window.detail_page.routine.id == card.routine.id


def test_user_routines_appear_marked_and_bad_files_show_a_notice(
    qtbot: QtBot, paths: Paths
) -> None:
    paths.user_routines_dir.mkdir(parents=True)
    (paths.user_routines_dir / "mine.yaml").write_text(
        "version: 1\nroutines:\n  - {id: mine, name: My evening, stretches: [cat-cow]}\n"
    )
    (paths.user_routines_dir / "oops.yaml").write_text("version: 1\nroutines:\n  - {id: x}\n")
    win = create_window(paths, "dark")
    qtbot.addWidget(win)
    mine = next(c for c in win.library_page.cards if c.routine.id == "mine")
    assert "Yours" in texts(mine)
    notice = win.library_page.notice
    assert notice is not None
    assert "1 routine file could not be loaded completely" in texts(notice)[0]
    assert f"{paths.user_routines_dir / 'oops.yaml'}:3: routines[x].name: is missing" in (
        notice.details.text()
    )


def test_file_text_is_shown_as_plain_text(window: MainWindow) -> None:
    for label in window.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("file:///etc/passwd", False),
        ("javascript:alert(1)", False),
        ("smb://x/y", False),
        ("tel:+15551234567", True),
        ("mailto:a@example.org", True),
    ],
)
def test_only_safe_links_are_opened(
    url: str, allowed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "stretchapp.ui.library.QDesktopServices.openUrl",
        lambda u: opened.append(u.toString()) or True,
    )
    assert open_link(url) is allowed
    assert opened == ([url] if allowed else [])


def test_window_fits_800_by_600(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(800, 600)
    qtbot.wait(10)
    assert window.width() == 800 and window.height() == 600
    assert window.library_page.grid.columnCount() >= 1
    card = window.library_page.cards[0]
    assert card.width() >= 260


def test_bundled_paths_found_from_checkout() -> None:
    paths = Paths.default()
    assert (paths.assets_dir / "sounds").is_dir()
    assert Path(paths.bundled_routines_dir / "stretches.yaml").is_file()
