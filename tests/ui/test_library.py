"""The library window, as a person sees and uses it (offscreen)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from stretchapp.cli import main
from stretchapp.core.paths import Paths
from stretchapp.core.present import format_duration
from stretchapp.core.routines import Timing
from stretchapp.ui.app import MainWindow, create_window
from stretchapp.ui.library import RoutineCard, open_link
from stretchapp.ui.tray import Companion
from tests.ui.conftest import open_window


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
    assert notice.summary.text() == "oops.yaml: 2 problems"  # in words a person can act on
    # Every problem, for whoever mends the file, a click away.
    assert not notice.details.isVisibleTo(win)
    notice.details_button.click()
    assert notice.details.isVisibleTo(win) and notice.details_button.text() == "Hide details"
    assert f"{paths.user_routines_dir / 'oops.yaml'}:3: routines[x].name: is missing" in (
        notice.details.text()
    )
    assert notice.folder == paths.user_routines_dir and notice.folder_button.isVisibleTo(win)


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


def test_detail_page_says_when_to_stop_and_who_should_ask_first(window: MainWindow) -> None:
    from stretchapp.core import health

    page = window.open_routine("gentle-recovery")
    assert page is not None
    before = page.before.text()
    assert health.stop_rule() in before
    for precaution in health.precautions():
        assert precaution.text in before  # each full text once, at the top
    rows = {
        row_entry.stretch.id: row
        for row, row_entry in zip(page.rows, page.routine.entries, strict=True)
    }
    child = rows["childs-pose"]
    assert child.precautions is not None
    assert child.precautions.text() == (
        "Ask first if this applies to you: Pregnancy · Osteoporosis (weak bones) · "
        "Recent back, hip or spine surgery"
    )
    assert child.transition is not None
    assert "Roll onto your side, then push up with your arms" in child.transition.text()
    # a stretch that leaves the spine alone and loads a hip names only the surgery
    desk = window.open_routine("desk-break")
    assert desk is not None
    figure = next(
        r
        for r, e in zip(desk.rows, desk.routine.entries, strict=True)
        if e.stretch.id == "seated-figure-4"
    )
    assert figure.precautions is not None and figure.transition is None
    assert figure.precautions.text() == (
        "Ask first if this applies to you: Recent back, hip or spine surgery"
    )


def test_one_routine_shows_the_same_total_everywhere(
    qtbot: QtBot, paths: Paths, icon: QIcon, capsys: pytest.CaptureFixture[str]
) -> None:
    # A routine of one's own that leaves get-ready and rest to the settings.
    paths.user_routines_dir.mkdir(parents=True)
    (paths.user_routines_dir / "mine.yaml").write_text(
        "version: 1\nroutines:\n  - id: mine\n    name: Mine\n"
        "    stretches: [cat-cow, childs-pose, pelvic-tilt]\n"
    )
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("version: 1\nget_ready_seconds: 40\nrest_seconds: 90\n")
    window = open_window(qtbot, paths)
    routine = window.library.routine("mine")
    assert routine is not None
    seconds = Timing(40, 90).total_seconds(routine)
    total = format_duration(seconds)
    assert seconds != routine.total_seconds()  # the fixed defaults would give another total
    card = next(c for c in window.library_page.cards if c.routine.id == "mine")
    assert f"{total} · 3 stretches" in texts(card)
    detail = window.open_routine("mine")
    assert detail is not None
    assert any(t.startswith(f"{total} · 3 stretches") for t in texts(detail))
    companion = Companion(window.app, window, icon, has_tray=False)
    assert companion._routine_text(window.settings.replace(reminder_routine="mine")) == (
        f"Mine, {total}"
    )
    editor = window.builder.duplicate("mine")
    assert editor is not None and editor.total.text().startswith(f"{total} in all")
    window.builder.close_editor()
    window.start_routine("mine")
    assert window.player is not None
    assert sum(p.duration_ms for p in window.player.session.plan) == seconds * 1000
    window.leave_player()
    assert main(["routines"]) == 0
    [line] = [x for x in capsys.readouterr().out.splitlines() if x.startswith("mine ")]
    assert f" {total} " in line
    # Changing the settings changes every total shown.
    window.app.settings.change(get_ready_seconds=0, rest_seconds=0)
    card = next(c for c in window.library_page.cards if c.routine.id == "mine")
    assert f"{format_duration(Timing(0, 0).total_seconds(routine))} · 3 stretches" in texts(card)


def test_a_routines_page_says_what_the_colour_on_its_figures_means(
    qtbot: QtBot, paths: Paths
) -> None:
    """Once, above the stretches: the part in colour is the area the exercise works on
    (blind reviewers not told read the glow as "stretched", "working" or "a focus")."""
    from stretchapp.core.routines import load_library
    from stretchapp.ui.library import RoutineDetailPage

    library = load_library(paths.bundled_routines_dir, None, paths.assets_dir)
    routine = library.routine("daily-back-care")
    assert routine is not None
    page = RoutineDetailPage(routine, False, editable=False, timing=Timing())
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    assert page.glow_key is not None and page.glow_key.isVisible()
    key = "In each picture, the part in colour is the area the exercise works on."
    assert [label.text() for label in page.findChildren(QLabel)].count(key) == 1
    assert page.glow_key.accessibleName() == key
    # just above the stretches' pictures, below what to know before starting
    assert page.before.geometry().bottom() < page.glow_key.geometry().top()
    assert page.glow_key.geometry().bottom() < page.rows[0].geometry().top()
    # a routine of one's own pictures marks nothing: no key
    pictures_only = replace(
        routine,
        entries=tuple(
            replace(e, stretch=replace(e.stretch, pose=None, frames=(paths.assets_dir / "x.png",)))
            for e in routine.entries
        ),
    )
    plain = RoutineDetailPage(pictures_only, False, editable=False, timing=Timing())
    qtbot.addWidget(plain)
    assert plain.glow_key is None
    assert key not in [label.text() for label in plain.findChildren(QLabel)]
