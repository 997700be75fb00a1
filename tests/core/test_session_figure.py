"""The session asks for ~30 frames a second only while the posed figure moves."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from stretchapp.core.body.motion import FRAME_MS
from stretchapp.core.routines import Entry, Routine, Sides, Stretch, load_library
from stretchapp.core.session import PhaseKind, Session

REPO = Path(__file__).resolve().parents[2]
STRETCHES = load_library(REPO / "routines", None, REPO / "assets").stretches
T0 = 1_000_000


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> int:
        return self.now


def entry(stretch: Stretch) -> Entry:
    return Entry(stretch, stretch.hold, stretch.reps, stretch.tempo, stretch.sides)


def run(*stretches: Stretch) -> tuple[Session, Clock]:
    routine = Routine("t", "T", "", tuple(entry(s) for s in stretches), get_ready=5, rest=5)
    clock = Clock()
    session = Session(routine, clock=clock)
    session.start()
    return session, clock


def waits_through(session: Session, clock: Clock, kind: PhaseKind, ms: int) -> list[int]:
    """next_change_ms at every wake-up the session asks for, for `ms` from now."""
    out = []
    end = clock.now + ms
    while clock.now < end:
        session.update()
        wait = session.next_change_ms()
        assert wait is not None
        snap = session.snapshot()
        assert snap.phase is not None and snap.phase.kind is kind
        out.append(wait)
        clock.now += max(1, wait)
    return out


def skip_to(session: Session, clock: Clock, kind: PhaseKind) -> None:
    """Run the clock (a second at most between updates, as the UI does) into that phase."""
    while (snap := session.snapshot()).phase is not None and snap.phase.kind is not kind:
        clock.now += min(1000, snap.remaining_ms)
        session.update()


def test_a_hold_asks_for_frames_only_while_easing_in() -> None:
    session, clock = run(STRETCHES["seated-figure-4"])
    assert session.next_change_ms() == 1000  # get-ready: a still start pose, the countdown
    skip_to(session, clock, PhaseKind.STRETCH)
    snap = session.snapshot()
    assert snap.rep_ms == 0 and snap.side == "left"
    assert session.next_change_ms() == FRAME_MS  # easing into the stretch
    clock.now += 3000
    session.update()
    waits = waits_through(session, clock, PhaseKind.STRETCH, 20_000)
    assert min(waits) == 1000  # then only the seconds change
    assert len(waits) <= 21


def test_repetitions_ask_for_frames_while_moving_and_none_while_dwelling() -> None:
    session, clock = run(STRETCHES["knee-to-chest"])
    skip_to(session, clock, PhaseKind.STRETCH)
    assert session.snapshot().rep_ms == 8000
    waits = waits_through(session, clock, PhaseKind.STRETCH, 8000)
    frames = [w for w in waits if w == FRAME_MS]
    assert 80 <= len(frames) <= 8000 * 0.6 / FRAME_MS  # moving part of a rep, ~30 a second
    assert any(w > 100 for w in waits)  # it sleeps through the dwell in the hug


def test_switching_sides_is_drawn_moving() -> None:
    session, clock = run(STRETCHES["seated-twist"])
    skip_to(session, clock, PhaseKind.SWITCH)
    assert session.snapshot().side == "right"
    assert session.next_change_ms() == FRAME_MS


def test_pictures_keep_their_old_timing() -> None:
    pictured = dataclasses.replace(
        STRETCHES["cat-cow"], pose=None, frames=(Path("a.svg"), Path("b.svg"))
    )
    session, clock = run(pictured)
    skip_to(session, clock, PhaseKind.STRETCH)
    assert session.next_change_ms() == 1000  # not 33: frames change every half tempo


def test_the_rest_is_still() -> None:
    one = dataclasses.replace(STRETCHES["cat-cow"], sides=Sides.NONE)
    session, clock = run(one, one)
    skip_to(session, clock, PhaseKind.REST)
    assert session.next_change_ms() == 1000
