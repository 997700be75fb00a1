"""A UI that paces the figure's frames itself asks next_change_ms(figure_frames=False): it is
not woken ~30 times a second while the figure moves, but still when a still figure starts to
move (and at every second, cue and repetition as before)."""

from __future__ import annotations

from pathlib import Path

from stretchapp.core.body.motion import FRAME_MS, motion_wait_ms
from stretchapp.core.routines import Entry, Routine, Sides, Stretch, load_library
from stretchapp.core.session import PhaseKind, Session, figure_rep_ms

REPO = Path(__file__).resolve().parents[2]
STRETCHES = load_library(REPO / "routines", None, REPO / "assets").stretches
T0 = 1_000_000


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> int:
        return self.now


def session_of(stretch: Stretch) -> tuple[Session, Clock]:
    entry = Entry(stretch, stretch.hold, stretch.reps, stretch.tempo, Sides.NONE)
    clock = Clock()
    session = Session(Routine("t", "T", "", (entry,), get_ready=0, rest=0), clock=clock)
    session.start()
    return session, clock


def test_frames_left_to_the_ui_still_wake_it_when_the_figure_starts_to_move() -> None:
    stretch = STRETCHES["knee-to-chest"]
    assert stretch.pose is not None
    session, clock = session_of(stretch)
    snap = session.snapshot()
    assert snap.phase is not None and snap.phase.kind is PhaseKind.STRETCH
    entry = session.routine.entries[0]
    starts = 0
    woken = set()
    plan: list[tuple[int, int]] = []
    for _ in range(200):
        session.update()
        snap = session.snapshot()
        if snap.phase is None or snap.phase.kind is not PhaseKind.STRETCH:
            break
        wait = session.next_change_ms(figure_frames=False)
        assert wait is not None
        assert wait == session.next_change_ms(figure_frames=False)  # asking changes nothing
        woken.add(clock.now)
        still_for = motion_wait_ms(
            stretch.pose,
            snap.phase.kind,
            snap.elapsed_ms,
            snap.phase.duration_ms,
            figure_rep_ms(entry),
        )
        if still_for:
            plan.append((clock.now, still_for))
        assert session.next_change_ms() == (min(FRAME_MS, wait) if still_for == 0 else wait)
        clock.now += max(1, wait)
    assert len(woken) <= 3 * (stretch.reps or 0) * (stretch.tempo or 0)  # not 30 a second
    for at, still_for in plan:  # every time it stood still, woken when it moves again
        if at + still_for < max(woken):
            assert at + still_for in woken
            starts += 1
    assert starts >= 2
