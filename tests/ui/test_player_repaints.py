"""What the player repaints, and how often it wakes: a still pose repaints only what changes
(the ring's arc, the seconds); a moving figure repaints where it was and where it is, not the
whole picture; the page is woken for the figure's visible steps, not 30 times a second.

Uses the stand-in figure of test_player_figure (a torso and head travelling across a mat).
"""

from __future__ import annotations

import pytest
import test_player_figure as base
from PySide6.QtCore import QEvent, QObject, QRect, QRectF
from PySide6.QtWidgets import QApplication, QWidget

from stretchapp.ui.figure import backdrop, figure_bounds
from stretchapp.ui.player import PlayerPage
from tests.ui.figure_images import shows_drawing_whole

clock, page, tick = base.clock, base.page, base.tick  # the fixtures of the stand-in figure


class Paints(QObject):
    """The regions of every paint event a widget gets."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.rects: list[QRect] = []  # the bounding rect of each region
        self.areas: list[int] = []  # ... and how many pixels it holds
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            region = event.region()  # type: ignore[attr-defined]
            self.rects.append(region.boundingRect())
            self.areas.append(sum(area(r) for r in region))
        return False


def run(page: PlayerPage, clock: base.FakeClock, ms: int) -> None:
    """Let time pass in steps, painting after each as the event loop would."""
    for _ in range(ms // 100):
        tick(page, clock, 100)
        QApplication.processEvents()


def area(rect: QRect) -> int:
    return rect.width() * rect.height()


def test_a_hold_repaints_no_figure_and_only_the_rings_number_and_arc_each_second(
    page: PlayerPage,
    clock: base.FakeClock,
) -> None:
    page.skip()  # to the two-sided hold
    run(page, clock, 5_000 + 1_000)
    assert page.ring.caption == "Stretch" and not page.illustration.is_moving()
    figure, ring, strip = Paints(page.illustration), Paints(page.ring), Paints(page.progress)
    run(page, clock, 6_000)
    assert figure.rects == []
    assert ring.rects  # the arc does move
    whole_ring = area(page.ring.rect())
    assert all(a < whole_ring * 0.7 for a in ring.areas)  # never the whole ring
    seconds = [a for a in ring.areas if a * 20 >= whole_ring]
    assert 5 <= len(seconds) <= 7  # the number with the arc's end, once a second
    assert len(ring.rects) <= 7
    # The progress strip repaints the few pixels its end moved, not its whole length.
    assert strip.rects
    assert all(a < page.progress.width() * page.progress.height() / 20 for a in strip.areas)


def test_a_hold_wakes_the_page_once_a_second_and_never_repaints_what_is_behind(
    page: PlayerPage,
    clock: base.FakeClock,
) -> None:
    page.skip()  # to the two-sided hold
    run(page, clock, 5_000 + 1_000)
    assert page.ring.caption == "Stretch" and not page.illustration.is_moving()
    behind = Paints(page.stack.currentWidget())  # the styled page behind ring, strip, text
    ring = Paints(page.ring)
    wakes, left = 0, 6_000
    while left > 0:  # as the player's own timer would wake it
        step = max(1, page.timer.interval())
        clock.now += step
        left -= step
        page._on_timer()
        QApplication.processEvents()
        wakes += 1
    assert wakes <= 6 + 1
    assert ring.rects  # the arc and the seconds do move
    assert behind.rects == []


def test_while_the_figure_moves_the_ring_keeps_its_own_pace(
    page: PlayerPage,
    clock: base.FakeClock,
) -> None:
    run(page, clock, 5_000 + 1_000)  # into the first repetition
    assert page.illustration.is_moving()
    figure, ring = Paints(page.illustration), Paints(page.ring)
    left = 3_000
    while left > 0:  # as the player's own timer would wake it
        step = max(1, page.timer.interval())
        clock.now += step
        left -= step
        page._on_timer()
        QApplication.processEvents()
    assert len(figure.rects) > 20  # the figure moves at its own frame rate ...
    assert len(ring.rects) <= 3 + 1  # ... the ring once a second, its arc with its number


def test_a_moving_figure_repaints_its_own_rect_not_the_whole_picture(
    page: PlayerPage,
    clock: base.FakeClock,
) -> None:
    run(page, clock, 5_000 + 1_000)  # 1 s into the first repetition
    assert page.illustration.is_moving()
    figure = Paints(page.illustration)
    whole = page.illustration.rect()
    for _ in range(10):
        before = after = page.illustration.drawing()
        for _ in range(10):  # until the figure has moved enough to be drawn again (<= 1 s)
            run(page, clock, 100)
            after = page.illustration.drawing()
            if after != before:
                break
        assert before is not None and after is not None and after != before
        rect, skip = QRectF(whole), len(backdrop(after).items)
        moved = figure_bounds(before, rect, skip).united(figure_bounds(after, rect, skip))
        assert figure.rects, "the figure moved but was not repainted"
        painted = figure.rects[-1]
        assert painted.contains(moved.toAlignedRect())
        assert area(painted) < area(whole) / 2
        figure.rects.clear()


def test_a_movement_wakes_the_session_at_its_seconds_not_at_every_frame(
    page: PlayerPage,
    clock: base.FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run(page, clock, 5_000 + 500)
    assert page.illustration.is_moving()
    refreshes = []
    original = page.refresh

    def counted() -> None:
        refreshes.append(1)
        original()

    monkeypatch.setattr(page, "refresh", counted)
    drawings = set()
    for _ in range(100):  # 3 s in 30 ms steps
        tick(page, clock, 30)
        drawings.add(page.illustration.drawing())
    assert len(drawings) > 30  # the figure kept moving smoothly ...
    assert len(refreshes) <= 4  # ... while the session was asked only at its whole seconds


def test_a_moving_frame_looks_exactly_like_the_still_drawing_of_that_pose(
    page: PlayerPage,
    clock: base.FakeClock,
) -> None:
    run(page, clock, 5_000 + 1_000)
    picture = page.illustration
    assert picture.is_moving()
    for _ in range(3):
        run(page, clock, 300)
    assert shows_drawing_whole(picture)
    assert picture.backdrops.painted == 1  # the mat behind it was painted once


def test_a_slow_movement_wakes_the_page_only_for_its_frames(
    page: PlayerPage,
    clock: base.FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run(page, clock, 5_000 + 1_200)
    assert page.illustration.is_moving()
    # A slow movement: the figure next moves a visible step in 180 ms.
    monkeypatch.setattr(page.illustration, "frame_wait_ms", lambda: 180)
    clock.now += 10
    page._on_timer()
    due = page._due_at - clock.now
    assert page.timer.interval() == min(180, due)  # not sooner for the ring's arc


def test_a_long_step_of_the_arc_repaints_all_of_the_arc_it_passes(
    page: PlayerPage,
) -> None:
    """Once a second the arc can move far in a short phase (a fifth of the ring in a 5 s
    get-ready): the repainted region holds the whole stretch of arc it passed, including the
    bulge where it rounds the ring's side, not only the squares around its two ends."""
    ring = page.ring
    ring.resize(400, 400)
    ring.set_state(0.4, 3, "Stretch", False)
    QApplication.processEvents()
    paints = Paints(ring)
    ring.set_state(0.6, 2, "Stretch", False)  # passes the bottom of the ring
    QApplication.processEvents()
    painted = paints.rects[-1]
    bottom = ring._arc_end(0.5).toAlignedRect()
    assert painted.contains(bottom)
