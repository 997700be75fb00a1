"""The player's figure: holds hold, movements move, in step with the session's clock.

The drawing itself is the core's (tested there); here a small stand-in producer makes every
change visible, so these tests see exactly what the player asks for and when it repaints.
"""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QRectF
from pytestqt.qtbot import QtBot

import stretchapp.core.session as session_module
import stretchapp.ui.illustration as illustration
from stretchapp.core.body import motion
from stretchapp.core.drawing import Drawing, Head, KeyPose, Layer, Limb, Prop, StretchPose
from stretchapp.core.palette import LIGHT
from stretchapp.core.routines import Entry, Routine, Sides, Stretch
from stretchapp.core.session import PhaseKind, Session, State
from stretchapp.ui.figure import fit
from stretchapp.ui.illustration import FIGURE_FRAME_MS, MIN_STEP_PX
from stretchapp.ui.player import PlayerPage, figure_moment
from tests.fake_clock import FakeClock

WIDTH = 1000.0
CALLS: list[int] = []  # every drawing_at the player asked for


def fake_drawing_at(
    pose: StretchPose,
    *,
    phase: PhaseKind,
    elapsed_ms: int,
    phase_ms: int,
    rep_ms: int,
    side: str | None,
) -> Drawing:
    """A head that travels across while a repetition runs, eased as the body moves; the right
    side mirrored."""
    CALLS.append(elapsed_ms)
    moving = fake_is_moving(pose, phase, elapsed_ms, phase_ms, rep_ms)
    x = 200.0 + (400.0 * motion.ease((elapsed_ms % rep_ms) / rep_ms) if moving else 0.0)
    if phase is PhaseKind.STRETCH and not moving:
        x = 300.0  # the held pose
    if phase is PhaseKind.REST:
        x = 100.0  # lying at rest
    if side == "right":
        x = WIDTH - x
    items = (
        Prop("mat", ((0.0, 0.0), (WIDTH, 0.0), (WIDTH, 20.0), (0.0, 20.0))),
        Limb("torso", ((x, 100.0), (x, 400.0)), (120.0, 140.0), Layer.MID, False),
        Head((x, 500.0), 80.0, Layer.MID, False),
    )
    return Drawing(items, (0.0, 0.0, WIDTH, 700.0))


def fake_is_moving(
    pose: StretchPose, phase: PhaseKind, elapsed_ms: int, phase_ms: int, rep_ms: int
) -> bool:
    return phase is PhaseKind.STRETCH and rep_ms > 0


def fake_movement(
    pose: StretchPose,
    phase: PhaseKind,
    elapsed_ms: int,
    phase_ms: int,
    rep_ms: int,
    side: str | None,
) -> tuple[float, float] | None:
    """Each repetition is one movement from its start to its end."""
    if not fake_is_moving(pose, phase, elapsed_ms, phase_ms, rep_ms):
        return None
    start = elapsed_ms - elapsed_ms % rep_ms
    return float(start), float(start + rep_ms)


def fake_motion_wait(
    pose: StretchPose, phase: PhaseKind, elapsed_ms: int, phase_ms: int, rep_ms: int
) -> int | None:
    return 0 if fake_is_moving(pose, phase, elapsed_ms, phase_ms, rep_ms) else None


def fake_still(pose: StretchPose, key: int | None = None) -> Drawing:
    return fake_drawing_at(
        pose, phase=PhaseKind.GET_READY, elapsed_ms=0, phase_ms=1, rep_ms=0, side=None
    )


POSE = StretchPose(keys=(KeyPose("start"), KeyPose("end")))


def posed(id_: str, **kw: object) -> Stretch:
    return Stretch(
        id_,
        id_.capitalize(),
        (),
        ("a", "b", "c"),
        pose=POSE,
        **kw,  # type: ignore[arg-type]
    )


def routine() -> Routine:
    bridge = posed("bridge", reps=3, tempo=4)
    hold = posed("hold", hold=10, sides=Sides.BOTH)
    return Routine(
        "r",
        "Figure routine",
        "",
        (Entry(bridge, None, 3, 4, Sides.NONE), Entry(hold, 10, None, 4, Sides.BOTH)),
        get_ready=5,
        rest=5,
        switch=3,
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def page(qtbot: QtBot, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> PlayerPage:
    monkeypatch.setattr(illustration, "drawing_at", fake_drawing_at)
    monkeypatch.setattr(illustration, "movement", fake_movement)
    monkeypatch.setattr(illustration, "still_drawing", fake_still)
    monkeypatch.setattr(session_module, "motion_wait_ms", fake_motion_wait)
    player = PlayerPage(Session(routine(), clock=clock), LIGHT)
    qtbot.addWidget(player)
    player.resize(1100, 760)
    player.show()
    qtbot.waitExposed(player)
    player.start()
    return player


def tick(page: PlayerPage, clock: FakeClock, ms: int) -> None:
    """Let time pass the way the player's own timer would see it."""
    while ms > 0:
        step = min(ms, 30 if page.illustration.is_moving() else 250)
        clock.now += step
        ms -= step
        page._on_timer()


def head_x(page: PlayerPage) -> float:
    drawing = page.illustration.drawing()
    assert drawing is not None
    return next(item.center[0] for item in drawing.items if isinstance(item, Head))


def shown(page: PlayerPage, qtbot: QtBot) -> bytes:
    """The figure as painted on screen."""
    image = page.illustration.grab().toImage()
    return bytes(image.constBits())  # type: ignore[arg-type]


def test_a_movement_moves_in_step_with_the_clock(
    page: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    tick(page, clock, 5_000 + 1_000)  # 1 s into the first rep
    assert page.ring.caption == "Stretch"
    assert page.illustration.is_moving()
    # Woken for the figure's next visible step: tens of ms, never above 20 frames a second.
    wait = page.illustration.frame_wait_ms()
    assert wait is not None and 0 < wait < 100
    assert page.timer.interval() <= wait
    first, picture = head_x(page), shown(page, qtbot)
    tick(page, clock, 530)  # between whole seconds too, not only when the count changes
    assert head_x(page) > first
    assert shown(page, qtbot) != picture
    # Where the clock says, or at most one step behind (frames are paced, not per tick): a
    # step of MIN_STEP_PX, or as far as it goes between two frames at the most frequent.
    drawing = page.illustration.drawing()
    assert drawing is not None
    px_per_mm = fit(drawing.frame, QRectF(page.illustration.rect())).m11()
    fastest = 400 * math.pi / 2 / 4_000  # mm per ms, halfway through the ease
    behind = max(MIN_STEP_PX / px_per_mm, fastest * FIGURE_FRAME_MS)
    exact = 200 + 400 * motion.ease(1_530 / 4_000)
    assert exact - behind <= head_x(page) <= exact


def test_a_hold_holds_still_and_repaints_nothing(
    page: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    page.skip()  # to the two-sided hold's get-ready
    tick(page, clock, 5_000 + 1_000)
    assert page.ring.caption == "Stretch" and page.side_label.text() == "Left side"
    assert not page.illustration.is_moving()
    assert page.timer.interval() > FIGURE_FRAME_MS
    drawing, picture = page.illustration.drawing(), shown(page, qtbot)
    painted = page.illustration.figures.painted
    CALLS.clear()
    tick(page, clock, 6_000)
    assert page.ring.seconds == 3
    assert page.illustration.drawing() == drawing
    assert CALLS == []  # worked out once for the whole hold
    assert shown(page, qtbot) == picture
    assert page.illustration.figures.painted == painted


def test_the_right_side_is_the_left_mirrored(page: PlayerPage, clock: FakeClock) -> None:
    page.skip()
    tick(page, clock, 5_000 + 2_000)
    left = head_x(page)
    tick(page, clock, 8_000 + 3_000 + 2_000)  # the rest of the left, the switch, 2 s right
    assert page.side_label.text() == "Right side"
    assert head_x(page) == pytest.approx(WIDTH - left)


def test_pausing_freezes_the_figure_and_skip_and_back_land_right(
    page: PlayerPage, clock: FakeClock
) -> None:
    tick(page, clock, 5_000 + 1_500)
    page.toggle_pause()
    assert page.session.state is State.PAUSED
    frozen = head_x(page)
    clock.now += 2_000
    page.refresh()
    assert head_x(page) == frozen
    page.toggle_pause()
    tick(page, clock, 500)
    assert head_x(page) == pytest.approx(200 + 400 * motion.ease(2_000 / 4_000), abs=15)
    page.skip()  # the hold's get-ready: its starting position, left side
    assert head_x(page) == pytest.approx(200)
    page.back()  # the bridge again, from its start
    snap = page.session.update()
    moment = figure_moment(snap, snap.elapsed_ms)
    assert moment is not None and moment.phase is snap.phase.kind  # type: ignore[union-attr]
    assert head_x(page) == pytest.approx(200)


def test_a_rest_shows_the_next_stretch_ready_to_start(page: PlayerPage, clock: FakeClock) -> None:
    tick(page, clock, 5_000 + 12_000 + 1_000)
    assert page.ring.caption == "Rest"
    assert page.illustration.pose() is POSE
    assert not page.illustration.is_moving()
    assert head_x(page) == pytest.approx(200)


def test_with_the_real_body_a_hold_is_still_and_repetitions_move(
    qtbot: QtBot, clock: FakeClock
) -> None:
    pose = StretchPose(
        keys=(
            KeyPose("lying", (("body_pitch", -90.0),)),
            KeyPose(
                "knee up", (("body_pitch", -90.0), ("hip_flex_l", 100.0), ("knee_flex_l", 110.0))
            ),
        )
    )
    reps = Stretch("reps", "Reps", (), ("a", "b", "c"), reps=3, tempo=4, pose=pose)
    hold = Stretch("hold", "Hold", (), ("a", "b", "c"), hold=20, pose=pose)
    entries = (Entry(reps, None, 3, 4, Sides.NONE), Entry(hold, 20, None, 4, Sides.NONE))
    player = PlayerPage(
        Session(Routine("r", "R", "", entries, get_ready=0, rest=0), clock=clock), LIGHT
    )
    qtbot.addWidget(player)
    player.resize(900, 700)
    player.show()
    player.start()
    seen = set()
    for _ in range(12):  # a whole repetition, in third-of-a-second steps
        tick(player, clock, 333)
        seen.add(player.illustration.drawing())
    assert len(seen) > 3  # it moves
    player.skip()
    tick(player, clock, 4_000)  # past easing into the hold
    held = player.illustration.drawing()
    picture = player.illustration.grab().toImage()
    tick(player, clock, 9_000)
    assert player.ring.caption == "Stretch" and player.illustration.drawing() == held
    assert player.illustration.grab().toImage() == picture


def test_hovering_a_figure_with_a_glow_says_what_the_colour_means(
    qtbot: QtBot, clock: FakeClock
) -> None:
    """As the routine's page says above its stretches; a figure marking nothing says
    nothing (nor do a person's own pictures)."""
    marked = StretchPose(keys=(KeyPose("lying", (("body_pitch", -90.0),)),), highlight=("waist",))
    plain = StretchPose(keys=(KeyPose("lying", (("body_pitch", -90.0),)),))
    entries = tuple(
        Entry(Stretch(i, i, (), ("a", "b", "c"), hold=10, pose=p), 10, None, 4, Sides.NONE)
        for i, p in (("marked", marked), ("plain", plain))
    )
    player = PlayerPage(Session(Routine("r", "R", "", entries, get_ready=0), clock=clock), LIGHT)
    qtbot.addWidget(player)
    player.resize(900, 700)
    player.show()
    player.start()
    tick(player, clock, 500)
    assert player.illustration.toolTip() == (
        "In each picture, the part in colour is the area the exercise works on."
    )
    player.skip()
    tick(player, clock, 500)
    assert player.name_label.text() == "plain"
    assert player.illustration.toolTip() == ""
