"""How often the player draws the real figure: never during a hold; during a movement once it
has moved a visible step (MIN_STEP_PX), at most 1000 / FIGURE_FRAME_MS times a second; and
the poses of a repetition's steps are worked out once, not again in every repetition.

The page is driven by a fake clock, advanced by exactly what the page's own timer asks for,
so these count what a running session would do, with no sleeps."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QEvent, QObject, QRectF
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

import stretchapp.ui.illustration as illustration
from stretchapp.core.drawing import Drawing, Head, KeyPose, Limb, StretchPose
from stretchapp.core.routines import Entry, Routine, Sides, Stretch
from stretchapp.ui.figure import fit
from stretchapp.ui.illustration import FIGURE_FRAME_MS, MIN_STEP_PX
from stretchapp.ui.player import STILL_FRAME_MS, PlayerPage
from tests.fake_clock import FakeClock as Clock
from tests.ui.figure_images import started_page

POSE = StretchPose(
    keys=(
        KeyPose("lying", (("body_pitch", -90.0),)),
        KeyPose("knee up", (("body_pitch", -90.0), ("hip_flex_l", 100.0), ("knee_flex_l", 110.0))),
    )
)
TEMPO = 4


class Paints(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def player(qtbot: QtBot, clock: Clock, entry: Entry) -> PlayerPage:
    routine = Routine("r", "R", "", (entry,), get_ready=0, rest=0)
    page = started_page(qtbot, routine, clock, (1920, 1080))
    QApplication.processEvents()
    return page


def run(page: PlayerPage, clock: Clock, ms: int) -> list[tuple[int, int]]:
    """Let `ms` pass as the page's timer would, painting after each wake-up; returns each
    wake-up's time and the interval the timer was armed with."""
    woken = []
    end = clock.now + ms
    while clock.now < end:
        step = max(1, page.timer.interval())
        clock.now += step
        woken.append((clock.now, step))
        page._on_timer()
        QApplication.processEvents()
    return woken


def points(drawing: Drawing) -> dict[str, tuple[tuple[float, float], ...]]:
    found = {}
    for item in drawing.items:
        if isinstance(item, Limb):
            found[item.part] = item.points
        elif isinstance(item, Head):
            found["head"] = (item.center,)
    return found


def step_px(a: Drawing, b: Drawing, px_per_mm: float) -> float:
    before, most = points(a), 0.0
    for part, now in points(b).items():
        for (ax, ay), (bx, by) in zip(before[part], now, strict=True):
            most = max(most, abs(ax - bx), abs(ay - by))
    return most * px_per_mm


def test_a_hold_schedules_no_figure_frames(qtbot: QtBot) -> None:
    clock = Clock()
    hold = Stretch("hold", "Hold", (), ("a", "b", "c"), hold=30, pose=POSE)
    page = player(qtbot, clock, Entry(hold, 30, None, 4, Sides.NONE))
    run(page, clock, 4_000)  # past easing into the stretch
    assert page.ring.caption == "Stretch" and not page.illustration.is_moving()
    paints = Paints(page.illustration)
    woken = run(page, clock, 20_000)
    assert page.illustration.frame_wait_ms() is None
    assert paints.count == 0
    # Woken for the ring's arc and the seconds only: never sooner than the arc's pace.
    assert len(woken) <= 20 * 1000 // STILL_FRAME_MS + 20
    assert min(step for _, step in woken) >= STILL_FRAME_MS // 2


def test_a_movement_takes_small_steps_at_a_bounded_pace(qtbot: QtBot) -> None:
    clock = Clock()
    reps = Stretch("reps", "Reps", (), ("a", "b", "c"), reps=10, tempo=TEMPO, pose=POSE)
    page = player(qtbot, clock, Entry(reps, None, 10, TEMPO, Sides.NONE))
    picture = page.illustration
    paints = Paints(picture)
    shown: list[tuple[int, Drawing]] = []
    end = clock.now + 2 * TEMPO * 1000
    while clock.now < end:
        clock.now += max(1, page.timer.interval())
        page._on_timer()
        QApplication.processEvents()
        drawing = picture.drawing()
        assert drawing is not None
        if not shown or shown[-1][1] != drawing:
            shown.append((clock.now, drawing))
    seconds = 2 * TEMPO
    assert paints.count > 6 * seconds  # it moves, smoothly ...
    assert paints.count <= seconds * 1000 / FIGURE_FRAME_MS + 2  # ... at a bounded pace
    px_per_mm = fit(shown[0][1].frame, QRectF(picture.rect())).m11()
    for (t0, a), (t1, b) in itertools.pairwise(shown):
        # A step of MIN_STEP_PX, or a bigger one only where frames come as often as they may.
        if t1 - t0 > FIGURE_FRAME_MS:
            assert step_px(a, b, px_per_mm) <= MIN_STEP_PX + 0.5, (t0, t1)


def test_the_poses_of_a_repetition_are_worked_out_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    reps = Stretch("reps", "Reps", (), ("a", "b", "c"), reps=10, tempo=TEMPO, pose=POSE)
    page = player(qtbot, clock, Entry(reps, None, 10, TEMPO, Sides.NONE))
    run(page, clock, TEMPO * 1000)  # the first repetition
    real = illustration.drawing_at
    calls: list[int] = []

    def counted(*args: object, **kwargs: object) -> Drawing:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(illustration, "drawing_at", counted)
    paints = Paints(page.illustration)
    run(page, clock, 2 * TEMPO * 1000)  # two more
    assert paints.count > 20  # the figure moved on screen ...
    assert len(calls) <= 4  # ... from poses worked out before (a still pose now and then)
