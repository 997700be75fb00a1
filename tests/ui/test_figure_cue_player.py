"""The player shows a movement's motion arrow (core/cue.py) while the movement plays: the
same arrow in every frame, painted once with what stays behind the moving body (or, for a
pelvic tilt's ring round the pelvis, over it), and none while getting ready."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from stretchapp.core.drawing import Drawing, Prop
from stretchapp.core.palette import LIGHT
from stretchapp.core.routines import Entry, Routine, Sides, load_library
from stretchapp.ui.figure import backdrop, fit, inks_for
from stretchapp.ui.player import PlayerPage
from tests.fake_clock import FakeClock as Clock
from tests.ui.figure_images import started_page

REPO = Path(__file__).resolve().parents[2]


def arrows(drawing: Drawing | None) -> list[Prop]:
    assert drawing is not None
    return [i for i in drawing.items if isinstance(i, Prop) and i.kind == "cue"]


def advance(page: PlayerPage, clock: Clock, ms: int) -> None:
    while ms > 0:
        step = min(ms, 30 if page.illustration.is_moving() else 250)
        clock.now += step
        ms -= step
        page._on_timer()
        QApplication.processEvents()


def started_player(qtbot: QtBot, stretch_id: str, reps: int) -> tuple[PlayerPage, Clock]:
    """A player of one bundled stretch done `reps` times, started on a hand-moved clock,
    getting ready (5 s)."""
    library = load_library(REPO / "routines", None, REPO / "assets")
    stretch = library.stretches[stretch_id]
    assert stretch.reps is not None and stretch.tempo is not None
    routine = Routine(
        "r", "R", "", (Entry(stretch, None, reps, stretch.tempo, Sides.NONE),), get_ready=5, rest=0
    )
    clock = Clock()
    return started_page(qtbot, routine, clock), clock


def test_the_player_shows_the_pelvic_tilts_arrow_still_while_the_body_moves(
    qtbot: QtBot,
) -> None:
    page, clock = started_player(qtbot, "pelvic-tilt", 2)
    advance(page, clock, 1_000)
    assert arrows(page.illustration.drawing()) == []  # getting ready: the start pose, still
    advance(page, clock, 4_000 + 1_000)  # into the first repetition's tilt
    picture = page.illustration
    seen = []
    painted_before = picture.backdrops.painted
    for _ in range(60):  # 1.8 s in frames: the tilt
        advance(page, clock, 30)
        drawing = picture.drawing()
        seen.append(drawing)
    moving = [d for d in seen if d is not None]
    assert len(set(moving)) >= 3  # the body moved (in visible steps) ...
    shown = {tuple(arrows(d)) for d in moving}
    assert len(shown) == 1 and len(next(iter(shown))) == 1  # ... under one arrow that stays put
    (arrow,) = next(iter(shown))
    # painted over the body (a ring round the pelvis, over the thigh's root and the hands:
    # core/cue.py, ROCKS), last, with each frame; the backdrop behind the body, once
    assert all(arrow not in backdrop(d).items and d.items[-1] == arrow for d in moving)
    assert picture.backdrops.painted - painted_before <= 1
    # and on screen, in the arrow's ink, along its band
    image = picture.grab().toImage()
    transform = fit(moving[-1].frame, QRectF(picture.rect()))
    ink = inks_for(LIGHT).stretched
    # the band's two edges, the head (three soft corners), the round tail
    n = (len(arrow.outline) - 15 - 7) // 2
    for i in (n // 4, n // 2, 3 * n // 4):
        a, b = arrow.outline[i], arrow.outline[2 * n + 14 - i]
        x, y = transform.map((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        colour = image.pixelColor(round(x), round(y))
        assert abs(colour.red() - ink.red()) + abs(colour.green() - ink.green()) < 12


def test_the_player_turns_cat_cows_arrow_where_the_back_turns(qtbot: QtBot) -> None:
    page, clock = started_player(qtbot, "cat-cow", 3)
    tempo = page.session.routine.entries[0].tempo
    assert tempo is not None
    advance(page, clock, 5_000 + 100)  # into the first repetition
    picture = page.illustration
    painted_before = picture.backdrops.painted
    tips = []
    for _ in range(tempo * 1000 // 30):  # one repetition in frames
        advance(page, clock, 30)
        (arrow,) = arrows(picture.drawing())
        assert arrow in backdrop(picture.drawing()).items  # painted behind the body
        # one head (the two-way arrow's outline has two): its tip, the highest or lowest point
        assert len(arrow.outline) != 2 * 24 + 30
        ys = [q[1] for q in arrow.outline]
        middle = (max(ys) + min(ys)) / 2
        tail = (arrow.outline[0][1] + arrow.outline[-1][1]) / 2
        tips.append("up" if tail < middle else "down")
    turns = sum(1 for a, b in itertools.pairwise(tips) if a != b)
    assert set(tips) == {"up", "down"} and turns == 2  # down into the cow, up out of it
    # the backdrop (with the arrow) painted again only where the arrow turns
    assert picture.backdrops.painted - painted_before <= 3
