"""What stays behind a moving figure (background, floor, mat, the movement's arrow) is
painted once on a pixmap and copied under each frame (ui/illustration.py). It is kept for
both ways of a movement's arrow, painted ahead while the stretch rests before it sets off,
and not kept at all while the props move with the body (a mat turning as the figure changes
sides): painted straight on then. Each way, a frame looks exactly like the drawing painted
whole."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from stretchapp.core.routines import Entry, Routine, Sides, load_library
from stretchapp.core.session import PhaseKind
from stretchapp.ui.figure import backdrop
from stretchapp.ui.player import PlayerPage
from tests.fake_clock import FakeClock as Clock
from tests.ui.figure_images import shows_drawing_whole, started_page

REPO = Path(__file__).resolve().parents[2]


def player(qtbot: QtBot, stretch_id: str, reps: int, sides: Sides) -> tuple[PlayerPage, Clock]:
    library = load_library(REPO / "routines", None, REPO / "assets")
    stretch = library.stretches[stretch_id]
    assert stretch.reps is not None and stretch.tempo is not None
    routine = Routine(
        "r", "R", "", (Entry(stretch, None, reps, stretch.tempo, sides),), get_ready=3, switch=3
    )
    clock = Clock()
    page = started_page(qtbot, routine, clock)
    QApplication.processEvents()
    return page, clock


def tick(page: PlayerPage, clock: Clock) -> None:
    """The page's next timer, at once: the frames the player would draw."""
    clock.now += max(1, page.timer.interval())
    page._on_timer()
    QApplication.processEvents()


def test_a_cat_cows_two_arrows_are_each_painted_once_behind_the_body(qtbot: QtBot) -> None:
    page, clock = player(qtbot, "cat-cow", 3, Sides.NONE)
    picture = page.illustration
    while page.session.snapshot().phase.kind is not PhaseKind.STRETCH:  # type: ignore[union-attr]
        tick(page, clock)
    painted_before = picture.backdrops.painted
    behind = set()
    while page.session.state.value == "running":
        tick(page, clock)
        drawing = picture.drawing()
        if picture.is_moving() and drawing is not None:
            behind.add(backdrop(drawing))
    assert len(behind) == 2  # the arrow down into the cow, and up out of it ...
    # ... each painted once in three repetitions (kept one at a time, they were painted
    # again at every turn of the back)
    assert picture.backdrops.painted - painted_before <= 2


def test_a_movement_s_first_frame_finds_its_backdrop_painted_ahead(qtbot: QtBot) -> None:
    page, clock = player(qtbot, "glute-bridge", 1, Sides.NONE)
    picture = page.illustration
    while page.session.snapshot().phase.kind is not PhaseKind.STRETCH:  # type: ignore[union-attr]
        tick(page, clock)
    assert not picture.is_moving()  # resting in the start pose before it sets off ...
    painted = picture.backdrops.painted
    while not picture.is_moving():
        tick(page, clock)
    picture.repaint()
    # ... when its backdrop was painted: the first moving frame only copied it
    assert picture.backdrops.painted == painted
    assert shows_drawing_whole(picture)
    # and at another size it is painted again, at that size
    page.resize(900, 700)
    QApplication.processEvents()
    tick(page, clock)
    picture.repaint()
    assert picture.is_moving() and shows_drawing_whole(picture)


def test_props_moving_with_the_body_are_painted_straight_on_and_look_the_same(
    qtbot: QtBot,
) -> None:
    # a figure-4 changing sides: the mat turns with the body, in a new place every frame
    page, clock = player(qtbot, "figure-4", 1, Sides.BOTH)
    picture = page.illustration
    while page.session.snapshot().phase.kind is not PhaseKind.SWITCH:  # type: ignore[union-attr]
        tick(page, clock)
    painted_before = picture.backdrops.painted
    behind, compared = set(), 0
    while page.session.snapshot().phase.kind is PhaseKind.SWITCH:  # type: ignore[union-attr]
        tick(page, clock)
        drawing = picture.drawing()
        if picture.is_moving() and drawing is not None:
            behind.add(backdrop(drawing))
            if len(behind) % 4 == 1 and compared < len(behind):
                compared = len(behind)
                assert shows_drawing_whole(picture)
    assert len(behind) >= 10  # the mat moved, frame after frame ...
    # ... and was not painted on a pixmap for each frame, to be copied once
    assert picture.backdrops.painted - painted_before <= 2
