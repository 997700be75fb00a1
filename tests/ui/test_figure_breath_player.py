"""The player draws the resting breath breathing through its hold (a hold with a cycle is
allowed to move; a plain hold stays still: test_player_figure.py): the real figure, on the
session's clock, its belly rising for 4 s and falling for 6, the same at the same moment of
every breath, frozen by a pause, and drawn in a few small steps rather than 30 times a
second."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from stretchapp.core.drawing import Drawing, Limb
from stretchapp.core.palette import LIGHT
from stretchapp.core.routines import Entry, Routine, Sides, load_library
from stretchapp.core.session import Session, State
from stretchapp.ui.illustration import SLOW_FRAME_MS
from stretchapp.ui.player import PlayerPage
from tests.fake_clock import FakeClock

REPO = Path(__file__).resolve().parents[2]
STRETCH = load_library(REPO / "routines", None, REPO / "assets").stretches["constructive-rest"]


def tick(page: PlayerPage, clock: FakeClock, ms: int) -> int:
    """Let time pass as the player's own timer would; how many times the figure changed."""
    changes = 0
    while ms > 0:
        step = min(ms, max(1, page.timer.interval()))
        clock.now += step
        ms -= step
        before = page.illustration.drawing()
        page._on_timer()
        changes += page.illustration.drawing() != before
    return changes


def belly(drawing: Drawing | None) -> float:
    """How thick the drawn waist is at its middle (mm): it grows as the belly rises."""
    assert drawing is not None
    waist = next(i for i in drawing.items if isinstance(i, Limb) and i.part == "waist")
    return max(waist.widths)


@pytest.fixture
def page(qtbot: QtBot) -> tuple[PlayerPage, FakeClock]:
    clock = FakeClock()
    entry = Entry(STRETCH, 30, None, STRETCH.tempo, Sides.NONE)
    session = Session(Routine("r", "R", "", (entry,), get_ready=0, rest=0), clock=clock)
    player = PlayerPage(session, LIGHT)
    qtbot.addWidget(player)
    player.resize(1100, 760)
    player.show()
    qtbot.waitExposed(player)
    player.start()
    return player, clock


def test_the_resting_breath_breathes_in_the_player(page: tuple[PlayerPage, FakeClock]) -> None:
    player, clock = page
    tick(player, clock, 100)
    assert player.ring.caption == "Breathe in"
    rest = belly(player.illustration.drawing())
    tick(player, clock, 3_900)  # 4 s: breathed in
    full = belly(player.illustration.drawing())
    assert full >= rest + 10.0
    assert player.illustration.is_moving()
    tick(player, clock, 3_000)  # 7 s: halfway out
    assert rest + 0.2 * (full - rest) <= belly(player.illustration.drawing()) <= full - 2.0
    tick(player, clock, 2_950)  # 9.95 s: out again (within its last small step)
    assert belly(player.illustration.drawing()) <= rest + 0.25 * (full - rest)
    # the same moment of the next breath shows the same figure (the count never drifts)
    tick(player, clock, 4_050)  # 14 s
    assert belly(player.illustration.drawing()) == pytest.approx(full, abs=1.0)


def test_a_pause_freezes_the_breath(page: tuple[PlayerPage, FakeClock]) -> None:
    player, clock = page
    tick(player, clock, 2_000)
    player.toggle_pause()
    assert player.session.state is State.PAUSED
    frozen = player.illustration.drawing()
    tick(player, clock, 3_000)
    assert player.illustration.drawing() == frozen
    player.toggle_pause()
    tick(player, clock, 2_000)  # 4 s of the stretch: breathed in
    assert belly(player.illustration.drawing()) > belly(frozen) + 4.0


def test_the_breath_is_drawn_in_a_few_small_steps(page: tuple[PlayerPage, FakeClock]) -> None:
    """A slow breath costs few frames, a few a second, not 30; but it is drawn often enough
    to flow: in steps of a few pixels at least every SLOW_FRAME_MS (at one step of
    MIN_STEP_PX a second it jumped: some 8 steps a breath in)."""
    player, clock = page
    changes = tick(player, clock, 20_000)  # two breaths
    assert 20_000 // SLOW_FRAME_MS * 0.8 <= changes <= 20 * 6, changes


def test_the_ring_says_which_way_to_breathe_in_step_with_the_belly(
    page: tuple[PlayerPage, FakeClock],
) -> None:
    """4 s in, 6 s out: the ring's caption turns with the figure's breath, between whole
    seconds too, and says it to a screen reader."""
    player, clock = page
    seen: list[tuple[int, str]] = []
    for _ in range(24):
        tick(player, clock, 500)
        seen.append((clock.now, player.ring.caption))
    ins = [t for t, caption in seen if caption == "Breathe in"]
    outs = [t for t, caption in seen if caption == "Breathe out"]
    assert len(ins) + len(outs) == len(seen)
    start = seen[0][0] - 500  # (the stretch began here)
    assert all((t - start) % 10_000 < 4_000 + 250 for t in ins), seen
    assert all((t - start) % 10_000 >= 4_000 - 250 for t in outs), seen
    assert len(ins) >= 6 and len(outs) >= 10
    assert "Breathe" in player.ring.accessibleDescription()


def test_a_stretch_that_does_not_breathe_keeps_its_caption(qtbot: QtBot) -> None:
    other = load_library(REPO / "routines", None, REPO / "assets").stretches["cat-cow"]
    clock = FakeClock()
    entry = Entry(other, None, 4, other.tempo, Sides.NONE)
    session = Session(Routine("r", "R", "", (entry,), get_ready=0, rest=0), clock=clock)
    player = PlayerPage(session, LIGHT)
    qtbot.addWidget(player)
    player.resize(1100, 760)
    player.show()
    player.start()
    for _ in range(8):
        tick(player, clock, 700)
        assert player.ring.caption == "Stretch"
