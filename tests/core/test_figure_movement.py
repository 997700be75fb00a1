"""`motion.movement` tells the UI when the figure moves and along which ease, so the player can
work out when the figure will next have moved a visible step instead of asking again and again:
it must agree with `motion.moment` at every moment of every bundled stretch."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from stretchapp.core.body import motion
from stretchapp.core.routines import load_library
from stretchapp.core.session import PhaseKind

REPO = Path(__file__).resolve().parents[2]
LIBRARY = load_library(REPO / "routines", None, REPO / "assets")
POSED = {s.id: s for s in LIBRARY.stretches.values() if s.pose is not None}


def ease(u: float) -> float:
    return (1.0 - math.cos(math.pi * u)) / 2.0


def shown(m: motion.Moment) -> tuple[object, ...]:
    """What a moment shows: a key pose (at either end of a movement), or a pose between two."""
    between: object = m.a if m.t == 0.0 or m.a == m.b else m.b if m.t == 1.0 else (m.a, m.b, m.t)
    return (between, m.right, m.turn, m.blend_right)


@pytest.mark.parametrize("stretch_id", sorted(POSED))
def test_the_movement_agrees_with_the_moment(stretch_id: str) -> None:
    stretch = POSED[stretch_id]
    pose = stretch.pose
    assert pose is not None
    rep_ms = stretch.tempo * 1000 if stretch.reps is not None else 0
    phase_ms = 4 * rep_ms if rep_ms else 20_000
    seen_moving = False
    cases = [(PhaseKind.STRETCH, phase_ms, side) for side in (None, "left", "right")]
    cases += [(PhaseKind.SWITCH, 5_000, "right"), (PhaseKind.GET_READY, 5_000, None)]
    for phase, length, side in cases:
        kind = str(phase)
        for t in range(0, length, 23):
            span = motion.movement(pose, kind, t, length, rep_ms, side)
            now = motion.moment(pose, kind, t, length, rep_ms, side)
            if span is None:
                # Still: the next millisecond shows the same pose.
                after = motion.moment(pose, kind, t + 1, length, rep_ms, side)
                assert shown(now) == shown(after), (phase, side, t)
                continue
            seen_moving = True
            start, end = span
            assert start <= t <= end, (phase, side, t, span)
            eased = ease((t - start) / (end - start))
            assert now.t == pytest.approx(eased, abs=1e-9), (phase, side, t)
            if now.blend_right:
                assert now.turn == pytest.approx(eased, abs=1e-9)
    assert seen_moving  # every stretch moves somewhere: its ease in, its repetitions, a switch
