"""The session engine, driven through whole routines by a fake clock in milliseconds."""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

import pytest

from stretchapp.core.routines import Entry, Routine, Sides, Stretch, load_library
from stretchapp.core.session import (
    Cue,
    Event,
    EventKind,
    Outcome,
    PauseReason,
    Phase,
    PhaseKind,
    Session,
    Snapshot,
    State,
    Summary,
    boot_clock_ms,
    build_plan,
)

REPO = Path(__file__).resolve().parents[2]
T0 = 1_000_000  # the fake clock does not start at zero, so offsets must be right


class FakeClock:
    def __init__(self, now: int = T0) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now

    def advance(self, ms: int) -> None:
        self.now += ms


def make_stretch(
    stretch_id: str,
    *,
    hold: int | None = None,
    reps: int | None = None,
    tempo: int = 4,
    sides: Sides = Sides.NONE,
    frames: int = 2,
) -> Stretch:
    return Stretch(
        id=stretch_id,
        name=stretch_id.replace("-", " ").capitalize(),
        frames=tuple(Path(f"{stretch_id}-{n}.svg") for n in range(1, frames + 1)),
        steps=("One.", "Two.", "Three."),
        hold=hold,
        reps=reps,
        tempo=tempo,
        sides=sides,
    )


def make_entry(stretch: Stretch, *, get_ready: int | None = None, rest: int | None = None) -> Entry:
    return Entry(
        stretch=stretch,
        hold=stretch.hold,
        reps=stretch.reps,
        tempo=stretch.tempo,
        sides=stretch.sides,
        get_ready=get_ready,
        rest=rest,
    )


def make_routine(
    *entries: Entry, get_ready: int | None = None, rest: int | None = None, switch: int = 5
) -> Routine:
    return Routine(
        id="test",
        name="Test",
        description="",
        entries=entries,
        get_ready=get_ready,
        rest=rest,
        switch=switch,
    )


def main_routine() -> Routine:
    """A hold, reps on both sides, and two stretches back to back, the last one finishing.

    e0 GR [0,5) ST [5,25) REST [25,35) | e1 GR [35,38) L [38,50) SW [50,56) R [56,68)
    REST [68,72) | e2 ST [72,82) | e3 ST [82,90) -- in seconds after T0.
    """
    return make_routine(
        make_entry(make_stretch("childs-pose", hold=20)),
        make_entry(make_stretch("bridge", reps=3, sides=Sides.BOTH), get_ready=3, rest=4),
        make_entry(make_stretch("cat-cow", hold=10), get_ready=0, rest=0),
        make_entry(make_stretch("twist", hold=8), get_ready=0),
        switch=6,
    )


TOTAL = 90_000

Brief = tuple[str, int, int | None, str | None, str | None]

FULL: list[Brief] = [
    ("session_started", 0, None, None, None),
    ("phase_started", 0, 0, None, "get_ready"),
    ("cue", 2000, 0, None, "tick"),
    ("cue", 3000, 0, None, "tick"),
    ("cue", 4000, 0, None, "tick"),
    ("phase_started", 5000, 0, None, "stretch"),
    ("cue", 5000, 0, None, "start"),
    ("stretch_done", 25000, 0, None, None),
    ("cue", 25000, 0, None, "end"),
    ("phase_started", 25000, 0, None, "rest"),
    ("phase_started", 35000, 1, None, "get_ready"),
    ("cue", 35000, 1, None, "tick"),
    ("cue", 36000, 1, None, "tick"),
    ("cue", 37000, 1, None, "tick"),
    ("phase_started", 38000, 1, "left", "stretch"),
    ("cue", 38000, 1, "left", "start"),
    ("stretch_done", 50000, 1, "left", None),
    ("phase_started", 50000, 1, "right", "switch"),
    ("cue", 50000, 1, "right", "switch"),
    ("phase_started", 56000, 1, "right", "stretch"),
    ("cue", 56000, 1, "right", "start"),
    ("stretch_done", 68000, 1, "right", None),
    ("cue", 68000, 1, "right", "end"),
    ("phase_started", 68000, 1, None, "rest"),
    ("phase_started", 72000, 2, None, "stretch"),
    ("cue", 72000, 2, None, "start"),
    ("stretch_done", 82000, 2, None, None),
    ("phase_started", 82000, 3, None, "stretch"),
    ("cue", 82000, 3, None, "start"),
    ("stretch_done", 90000, 3, None, None),
    ("cue", 90000, None, None, "finish"),
    ("finished", 90000, None, None, None),
]
AFTER_START = FULL[1:]


def brief(event: Event) -> Brief:
    detail: str | None = None
    if event.kind is EventKind.PHASE_STARTED:
        assert event.phase is not None
        detail = event.phase.kind.value
    elif event.kind is EventKind.CUE:
        assert event.cue is not None
        detail = event.cue.value
    elif event.kind is EventKind.PAUSED:
        assert event.reason is not None
        detail = event.reason.value
    return (event.kind.value, event.at_ms - T0, event.entry_index, event.side, detail)


def upto(offset: int) -> list[Brief]:
    """The full run's events that update() at `offset` has already emitted."""
    return [e for e in FULL if e[1] <= offset]


def replay(start: int, at: int) -> list[Brief]:
    """The full run from the phase that started at `start` on, moved to begin at `at`."""
    first = next(n for n, e in enumerate(AFTER_START) if e[0] == "phase_started" and e[1] == start)
    return [(k, t - start + at, i, s, d) for (k, t, i, s, d) in AFTER_START[first:]]


class Run:
    """A session on a fake clock, recording every event."""

    def __init__(self, routine: Routine | None = None, **options: Any) -> None:
        self.clock = FakeClock()
        self.session = Session(routine or main_routine(), self.clock, **options)
        self.events: list[Event] = []
        self.session.subscribe(self.events.append)

    def start(self) -> None:
        assert self.session.start() is True

    def to(self, offset: int, step: int = 250) -> Snapshot:
        """Move the clock to T0 + offset, calling update() every `step` ms on the way."""
        snap = self.session.update()
        while self.clock.now < T0 + offset:
            self.clock.now = min(self.clock.now + step, T0 + offset)
            snap = self.session.update()
        return snap

    def log(self) -> list[Brief]:
        return [brief(e) for e in self.events]


# ---- the plan ---------------------------------------------------------------------------------


def test_plan_of_holds_reps_two_sides_and_back_to_back_stretches() -> None:
    g, s, w, r = PhaseKind.GET_READY, PhaseKind.STRETCH, PhaseKind.SWITCH, PhaseKind.REST
    assert build_plan(main_routine()) == [
        Phase(g, 0, None, 5000, None, 4000),
        Phase(s, 0, None, 20000, None, 4000),
        Phase(r, 0, None, 10000, None, 4000),
        Phase(g, 1, None, 3000, None, 4000),
        Phase(s, 1, "left", 12000, 3, 4000),
        Phase(w, 1, "right", 6000, None, 4000),
        Phase(s, 1, "right", 12000, 3, 4000),
        Phase(r, 1, None, 4000, None, 4000),
        Phase(s, 2, None, 10000, None, 4000),
        Phase(s, 3, None, 8000, None, 4000),
    ]


@pytest.mark.parametrize(("get_ready", "rest"), [(5, 10), (0, 0), (7, 3), (0, 12)])
def test_plan_adds_up_to_the_routine_total(get_ready: int, rest: int) -> None:
    routine = main_routine()
    plan = build_plan(routine, get_ready, rest)
    assert sum(p.duration_ms for p in plan) == routine.total_seconds(get_ready, rest) * 1000
    assert all(p.duration_ms > 0 for p in plan)


def test_plan_defaults_are_the_routines_own_when_given() -> None:
    routine = make_routine(make_entry(make_stretch("a", hold=9)), get_ready=2, rest=30)
    assert [p.duration_ms for p in build_plan(routine, 5, 10)] == [2000, 9000]  # no last rest


def bundled_routines(tmp_path: Path) -> list[Routine]:
    """The bundled routines, as the app loads them."""
    del tmp_path
    library = load_library(REPO / "routines", None, REPO / "assets")
    assert [str(p) for r in library.reports for p in r.problems] == []
    assert len(library.routines) >= 4
    return library.routines


@pytest.mark.parametrize(("get_ready", "rest"), [(5, 10), (0, 0), (7, 3)])
def test_bundled_routines_plan_their_total(tmp_path: Path, get_ready: int, rest: int) -> None:
    for routine in bundled_routines(tmp_path):
        plan = build_plan(routine, get_ready, rest)
        total = routine.total_seconds(get_ready, rest) * 1000
        assert sum(p.duration_ms for p in plan) == total, routine.id


def test_bundled_routines_run_to_their_total(tmp_path: Path) -> None:
    for routine in bundled_routines(tmp_path):
        run = Run(routine)
        run.start()
        run.to(routine.total_seconds() * 1000 + 5000, step=997)
        assert run.events[-1] == Event(EventKind.FINISHED, T0 + routine.total_seconds() * 1000)
        done = [e for e in run.events if e.kind is EventKind.STRETCH_DONE]
        assert len(done) == sum(e.side_count for e in routine.entries), routine.id
        assert run.session.summary().done == len(routine.entries)


# ---- a whole run ------------------------------------------------------------------------------


def test_full_run_emits_every_event_at_its_planned_time() -> None:
    run = Run()
    run.start()
    run.to(TOTAL + 3000, step=100)
    assert run.log() == FULL
    assert run.session.state is State.FINISHED


def test_full_run_events_carry_the_stretch_and_side() -> None:
    run = Run()
    run.start()
    run.to(TOTAL)
    left = Phase(PhaseKind.STRETCH, 1, "left", 12000, 3, 4000)
    assert run.events[16] == Event(
        EventKind.STRETCH_DONE, T0 + 50000, left, 1, "bridge", "left", None, None
    )
    assert run.events[0] == Event(EventKind.SESSION_STARTED, T0)
    assert run.events[-2:] == [
        Event(EventKind.CUE, T0 + TOTAL, cue=Cue.FINISH),
        Event(EventKind.FINISHED, T0 + TOTAL),
    ]
    done = [(e.stretch_id, e.side) for e in run.events if e.kind is EventKind.STRETCH_DONE]
    assert done == [
        ("childs-pose", None),
        ("bridge", "left"),
        ("bridge", "right"),
        ("cat-cow", None),
        ("twist", None),
    ]


def test_finished_summary_and_snapshot() -> None:
    run = Run()
    run.start()
    snap = run.to(TOTAL + 5000)
    assert run.session.summary() == Summary(
        done=4,
        skipped=0,
        active_ms=TOTAL,
        outcomes=(Outcome.DONE,) * 4,
        started_at_ms=T0,
        ended_at_ms=T0 + TOTAL,
        stretch_ms=62000,
    )
    assert (snap.state, snap.phase, snap.phase_index, snap.entry_index) == (
        State.FINISHED,
        None,
        10,
        None,
    )
    assert (snap.remaining_ms, snap.display_seconds, snap.routine_remaining_ms) == (0, 0, 0)
    assert snap.fraction == 1.0


def test_ready_snapshot_shows_the_first_phase_whole() -> None:
    clock = FakeClock()
    session = Session(main_routine(), clock)
    snap = session.update()
    assert snap.state is State.READY
    assert snap.phase == Phase(PhaseKind.GET_READY, 0, None, 5000, None, 4000)
    assert (snap.remaining_ms, snap.display_seconds, snap.routine_remaining_ms) == (
        5000,
        5,
        TOTAL,
    )
    assert snap.next_entry == main_routine().entries[1]
    clock.advance(60_000)
    assert session.update().remaining_ms == 5000  # time does not run before start()


@pytest.mark.parametrize("step", [1, 999, 1000, 3999])
def test_same_events_however_often_update_is_called(step: int) -> None:
    run = Run()
    run.start()
    run.to(TOTAL, step=step)
    assert run.log() == FULL


def test_one_catch_up_over_the_whole_routine_when_no_suspend_is_watched() -> None:
    run = Run(suspend_gap_ms=10**9)
    run.start()
    run.clock.advance(TOTAL * 3)
    run.session.update()
    assert run.log() == FULL


def test_a_large_catch_up_below_the_gap_emits_everything_in_order() -> None:
    routine = make_routine(
        make_entry(make_stretch("a", hold=1)),
        make_entry(make_stretch("b", hold=1, sides=Sides.BOTH)),
        make_entry(make_stretch("c", hold=1)),
        get_ready=1,
        rest=1,
        switch=1,
    )
    run = Run(routine)
    run.start()
    run.clock.advance(3999)
    snap = run.session.update()
    assert run.log() == [
        ("session_started", 0, None, None, None),
        ("phase_started", 0, 0, None, "get_ready"),
        ("cue", 0, 0, None, "tick"),
        ("phase_started", 1000, 0, None, "stretch"),
        ("cue", 1000, 0, None, "start"),
        ("stretch_done", 2000, 0, None, None),
        ("cue", 2000, 0, None, "end"),
        ("phase_started", 2000, 0, None, "rest"),
        ("phase_started", 3000, 1, None, "get_ready"),
        ("cue", 3000, 1, None, "tick"),
    ]
    assert (snap.state, snap.phase_index, snap.remaining_ms) == (State.RUNNING, 3, 1)


def test_no_drift_with_irregular_updates_through_a_long_routine() -> None:
    rng = random.Random(20240611)
    entries = []
    for n in range(40):
        sides = Sides.BOTH if n % 3 == 0 else Sides.NONE
        if n % 2:
            stretch = make_stretch(f"s{n}", reps=rng.randint(2, 10), tempo=rng.randint(1, 8))
        else:
            stretch = make_stretch(f"s{n}", hold=rng.randint(5, 90), sides=sides)
        entries.append(make_entry(stretch, get_ready=rng.choice([None, 0, 3, 7])))
    routine = make_routine(*entries, switch=4)
    total = routine.total_seconds() * 1000
    plan = build_plan(routine)
    planned, moment = [], T0
    for phase in plan:
        planned.append(moment)
        moment += phase.duration_ms

    run = Run(routine)
    run.start()
    while run.session.state is State.RUNNING:
        run.clock.advance(rng.randint(1, 900))
        snap = run.session.update()
        if snap.state is State.RUNNING:
            assert snap.routine_remaining_ms == total - (run.clock.now - T0)
            assert snap.display_seconds == -(-snap.remaining_ms // 1000)
    starts = [e.at_ms for e in run.events if e.kind is EventKind.PHASE_STARTED]
    assert starts == planned
    assert run.events[-1] == Event(EventKind.FINISHED, T0 + total)
    assert total > 30 * 60_000  # long enough to matter


# ---- what the screen shows ----------------------------------------------------------------------


def test_display_seconds_count_down_every_second_once_and_never_show_zero() -> None:
    run = Run()
    run.start()
    shown: list[tuple[int, int]] = []  # (phase index, display_seconds), every ms
    for ms in range(25000):
        run.clock.now = T0 + ms
        snap = run.session.update()
        assert snap.display_seconds == -(-snap.remaining_ms // 1000)
        assert snap.display_seconds > 0 and snap.remaining_ms > 0
        shown.append((snap.phase_index, snap.display_seconds))
    runs: list[list[int]] = []  # [phase, seconds, ms shown]
    for phase_index, seconds in shown:
        if runs and runs[-1][:2] == [phase_index, seconds]:
            runs[-1][2] += 1
        else:
            runs.append([phase_index, seconds, 1])
    assert runs == [[0, s, 1000] for s in range(5, 0, -1)] + [
        [1, s, 1000] for s in range(20, 0, -1)
    ]


def test_fraction_and_elapsed_move_smoothly() -> None:
    run = Run()
    run.start()
    snap = run.to(5000 + 5000)
    assert (snap.elapsed_ms, snap.remaining_ms, snap.fraction) == (5000, 15000, 0.25)
    snap = run.to(5000 + 19999)
    assert (snap.elapsed_ms, snap.remaining_ms, snap.display_seconds) == (19999, 1, 1)
    assert snap.routine_remaining_ms == TOTAL - 24999


@pytest.mark.parametrize(
    ("elapsed", "rep"),
    [(0, 1), (1, 1), (3999, 1), (4000, 2), (7999, 2), (8000, 3), (11999, 3)],
)
def test_rep_counter(elapsed: int, rep: int) -> None:
    run = Run()
    run.start()
    snap = run.to(38000 + elapsed)
    assert (snap.phase.kind if snap.phase else None, snap.side) == (PhaseKind.STRETCH, "left")
    assert (snap.rep, snap.reps) == (rep, 3)
    snap = run.to(56000 + elapsed)
    assert (snap.side, snap.rep) == ("right", rep)


@pytest.mark.parametrize("offset", [0, 4999, 5000, 24999, 30000, 52000])
def test_no_rep_counter_for_holds_and_outside_stretches(offset: int) -> None:
    run = Run()
    run.start()
    snap = run.to(offset)
    assert (snap.rep, snap.reps) == (None, None)


@pytest.mark.parametrize(
    ("offset", "frame"),
    [
        (38000, 0),
        (39999, 0),
        (40000, 1),
        (41999, 1),
        (42000, 0),
        (44000, 1),
        (49999, 1),
        (5000 + 1999, 0),  # a hold alternates at the tempo too
        (5000 + 2000, 1),
        (5000 + 4000, 0),
        (3000, 0),  # never during a get-ready, switch or rest
        (52000, 0),
        (30000, 0),
    ],
)
def test_two_frames_alternate_once_per_rep(offset: int, frame: int) -> None:
    run = Run()
    run.start()
    assert run.to(offset).frame == frame


@pytest.mark.parametrize(
    ("frames", "elapsed", "frame"),
    [
        (3, 0, 0),
        (3, 1333, 0),
        (3, 1334, 1),
        (3, 2666, 1),
        (3, 2667, 2),
        (3, 3999, 2),
        (3, 4000, 0),
        (1, 2500, 0),
        (0, 2500, 0),
    ],
)
def test_frame_cycle_with_any_number_of_frames(frames: int, elapsed: int, frame: int) -> None:
    routine = make_routine(make_entry(make_stretch("a", hold=8, frames=frames)), get_ready=0)
    run = Run(routine)
    run.start()
    assert run.to(elapsed).frame == frame


def test_next_entry_is_the_stretch_after_the_current_one() -> None:
    routine = main_routine()
    run = Run(routine)
    run.start()
    assert run.to(1000).next_entry == routine.entries[1]
    assert run.to(30000).next_entry == routine.entries[1]  # resting after entry 0
    assert run.to(70000).next_entry == routine.entries[2]
    assert run.to(85000).next_entry is None


# ---- pause and resume ------------------------------------------------------------------------

PAUSE_POINTS = [
    (1500, PhaseKind.GET_READY, 3500, 0, None),
    (7000, PhaseKind.STRETCH, 18000, 0, None),
    (25000, PhaseKind.REST, 10000, 0, None),
    (30000, PhaseKind.REST, 5000, 0, None),
    (35500, PhaseKind.GET_READY, 2500, 1, None),
    (52000, PhaseKind.SWITCH, 4000, 1, "right"),
    (60000, PhaseKind.STRETCH, 8000, 1, "right"),
    (89999, PhaseKind.STRETCH, 1, 3, None),
]


@pytest.mark.parametrize(("at", "kind", "remaining", "entry", "side"), PAUSE_POINTS)
def test_pause_and_resume_in_every_phase_kind(
    at: int, kind: PhaseKind, remaining: int, entry: int, side: str | None
) -> None:
    pause_ms = 12345
    run = Run()
    run.start()
    run.to(at)
    assert run.session.pause() is True
    assert run.session.pause() is False
    snap = run.session.update()
    assert (snap.state, snap.paused_reason) == (State.PAUSED, PauseReason.USER)
    assert (snap.phase.kind if snap.phase else None, snap.remaining_ms) == (kind, remaining)
    before = len(run.events)
    while run.clock.now < T0 + at + pause_ms:  # updates while paused change nothing
        run.clock.now = min(run.clock.now + 500, T0 + at + pause_ms)
        assert run.session.update() == snap
    assert len(run.events) == before
    assert run.session.next_change_ms() is None
    assert run.session.resume() is True
    assert run.session.resume() is False
    snap = run.session.update()
    assert (snap.state, snap.remaining_ms, snap.paused_reason) == (
        State.RUNNING,
        remaining,
        None,
    )
    run.to(TOTAL + pause_ms + 1000)
    later = [(k, t + pause_ms, i, s, d) for (k, t, i, s, d) in FULL if t > at]
    assert run.log() == [
        *upto(at),
        ("paused", at, entry, side, "user"),
        ("resumed", at + pause_ms, entry, side, None),
        *later,
    ]
    summary = run.session.summary()
    assert (summary.active_ms, summary.ended_at_ms) == (TOTAL, T0 + TOTAL + pause_ms)


def test_toggle_pause() -> None:
    run = Run()
    assert run.session.toggle_pause() is False  # not started
    run.start()
    run.to(1000)
    assert run.session.toggle_pause() is True
    assert run.session.update().state is State.PAUSED
    run.to(3000)
    assert run.session.toggle_pause() is True
    snap = run.session.update()
    assert (snap.state, snap.remaining_ms) == (State.RUNNING, 4000)
    run.to(TOTAL + 2000)
    assert run.session.toggle_pause() is False


def test_pause_reason_must_be_known() -> None:
    run = Run()
    run.start()
    with pytest.raises(ValueError, match="nap"):
        run.session.pause("nap")
    assert run.session.state is State.RUNNING


def test_summary_while_running_and_paused() -> None:
    run = Run()
    run.start()
    run.to(40000)
    assert run.session.summary() == Summary(
        1,
        0,
        40000,
        (Outcome.DONE, Outcome.PENDING, Outcome.PENDING, Outcome.PENDING),
        T0,
        None,
        22000,
    )
    run.session.pause()
    run.to(50000)
    assert run.session.summary().active_ms == 40000


# ---- skip, back, restart ---------------------------------------------------------------------

D, S, P, N = Outcome.DONE, Outcome.SKIPPED, Outcome.PARTIAL, Outcome.PENDING

SKIPS = [
    # at, sides skipped, original start of where it goes (None: finished), outcomes at the end
    (0, [(0, None)], 35000, (S, D, D, D)),
    (10000, [(0, None)], 35000, (S, D, D, D)),
    (24999, [(0, None)], 35000, (S, D, D, D)),
    (25000, [], 35000, (D, D, D, D)),  # the rest has begun: nothing is skipped
    (30000, [], 35000, (D, D, D, D)),
    (34999, [], 35000, (D, D, D, D)),
    (35000, [(1, "left"), (1, "right")], 72000, (D, S, D, D)),
    (40000, [(1, "left"), (1, "right")], 72000, (D, S, D, D)),
    (52000, [(1, "right")], 72000, (D, P, D, D)),
    (67999, [(1, "right")], 72000, (D, P, D, D)),
    (68000, [], 72000, (D, D, D, D)),
    (72000, [(2, None)], 82000, (D, D, S, D)),
    (82000, [(3, None)], None, (D, D, D, S)),
    (89999, [(3, None)], None, (D, D, D, S)),
]


@pytest.mark.parametrize(("at", "skipped", "goes_to", "outcomes"), SKIPS)
def test_skip_at_every_boundary(
    at: int, skipped: list[tuple[int, str | None]], goes_to: int | None, outcomes: tuple[Outcome]
) -> None:
    run = Run()
    run.start()
    run.to(at)
    assert run.session.skip() is True
    run.to(TOTAL + 1000)
    skip_events: list[Brief] = [("stretch_skipped", at, i, s, None) for i, s in skipped]
    if goes_to is None:
        rest: list[Brief] = [("cue", at, None, None, "finish"), ("finished", at, None, None, None)]
    else:
        rest = replay(goes_to, at)
    assert run.log() == [*upto(at), *skip_events, *rest]
    summary = run.session.summary()
    assert summary.outcomes == outcomes
    assert (summary.done, summary.skipped) == (outcomes.count(D), len({i for i, _ in skipped}))
    assert run.session.skip() is False  # finished


def test_skipped_event_names_the_stretch() -> None:
    run = Run()
    run.start()
    run.to(36000)
    run.session.skip()
    assert run.events[-4:-2] == [
        Event(EventKind.STRETCH_SKIPPED, T0 + 36000, None, 1, "bridge", "left"),
        Event(EventKind.STRETCH_SKIPPED, T0 + 36000, None, 1, "bridge", "right"),
    ]


BACKS = [
    # at, original start of the entry it goes to, outcomes right after
    (0, 0, (N, N, N, N)),
    (10000, 0, (N, N, N, N)),
    (24999, 0, (N, N, N, N)),
    (25000, 0, (N, N, N, N)),  # from the rest after entry 0: entry 0 again
    (30000, 0, (N, N, N, N)),
    (35000, 0, (N, N, N, N)),
    (36000, 0, (N, N, N, N)),
    (52000, 0, (N, P, N, N)),  # entry 1 keeps its left side until it is re-done
    (70000, 35000, (D, N, N, N)),
    (72000, 35000, (D, N, N, N)),
    (82000, 72000, (D, D, N, N)),
    (89999, 72000, (D, D, N, N)),
]


@pytest.mark.parametrize(("at", "goes_to", "outcomes"), BACKS)
def test_back_at_every_boundary(at: int, goes_to: int, outcomes: tuple[Outcome]) -> None:
    run = Run()
    run.start()
    run.to(at)
    assert run.session.back() is True
    assert run.session.summary().outcomes == outcomes
    run.to(at - goes_to + TOTAL + 1000)
    assert run.log() == [*upto(at), *replay(goes_to, at)]
    assert run.session.summary().outcomes == (D, D, D, D)  # re-done entries replace old ones
    assert run.session.back() is False


@pytest.mark.parametrize(
    ("at", "goes_to"),
    [
        (0, 0),
        (10000, 0),
        (30000, 0),
        (36000, 35000),
        (60000, 35000),
        (70000, 35000),
        (85000, 82000),
    ],
)
def test_restart_goes_to_the_start_of_the_current_entry(at: int, goes_to: int) -> None:
    run = Run()
    run.start()
    run.to(at)
    assert run.session.restart() is True
    run.to(at - goes_to + TOTAL + 1000)
    assert run.log() == [*upto(at), *replay(goes_to, at)]


def test_restart_replaces_a_half_done_entry() -> None:
    run = Run()
    run.start()
    run.to(60000)  # left side of entry 1 done
    assert run.session.summary().outcomes[1] is Outcome.PARTIAL
    run.session.restart()
    assert run.session.summary().outcomes[1] is Outcome.PENDING
    run.to(60000 + 3000 + 12000)  # left side done again
    assert run.session.summary().outcomes[1] is Outcome.PARTIAL


def test_moving_while_paused_stays_paused_at_the_start_of_the_new_phase() -> None:
    run = Run()
    run.start()
    run.to(10000)
    run.session.pause()
    run.to(11000)
    assert run.session.back() is True
    snap = run.to(15000)
    assert (snap.state, snap.phase_index, snap.remaining_ms) == (State.PAUSED, 0, 5000)
    assert run.session.skip() is True  # entry 0 again skipped, still paused
    snap = run.to(16000)
    assert (snap.state, snap.phase_index, snap.remaining_ms) == (State.PAUSED, 3, 3000)
    assert run.session.resume() is True
    run.to(16000 - 35000 + TOTAL)
    assert run.log() == [
        *upto(10000),
        ("paused", 10000, 0, None, "user"),
        ("phase_started", 11000, 0, None, "get_ready"),
        ("stretch_skipped", 15000, 0, None, None),
        ("phase_started", 15000, 1, None, "get_ready"),
        ("resumed", 16000, 1, None, None),
        *replay(35000, 16000)[1:],  # its start was announced when skipped to
    ]
    assert run.session.summary().active_ms == 10000 + (TOTAL - 35000)


def test_actions_before_start_do_nothing() -> None:
    run = Run()
    for action in (
        run.session.pause,
        run.session.resume,
        run.session.skip,
        run.session.back,
        run.session.restart,
        run.session.stop,
    ):
        assert action() is False
    assert run.events == []
    assert run.session.state is State.READY
    run.start()
    assert run.session.start() is False


# ---- stop ------------------------------------------------------------------------------------


def test_stop_ends_the_session_and_freezes_it() -> None:
    run = Run()
    run.start()
    run.to(60000)
    assert run.session.stop() is True
    assert run.log() == [*upto(60000), ("stopped", 60000, 1, "right", None)]
    assert run.session.summary() == Summary(
        done=1,
        skipped=0,
        active_ms=60000,
        outcomes=(D, P, N, N),
        started_at_ms=T0,
        ended_at_ms=T0 + 60000,
        stretch_ms=36000,  # 20 s, 12 s left, 4 s right
    )
    for action in (
        run.session.stop,
        run.session.pause,
        run.session.resume,
        run.session.skip,
        run.session.back,
        run.session.restart,
        run.session.start,
        run.session.toggle_pause,
    ):
        assert action() is False
    snap = run.to(TOTAL * 2, step=5000)
    assert (snap.state, snap.remaining_ms, snap.side) == (State.STOPPED, 8000, "right")
    assert len(run.events) == len(upto(60000)) + 1
    assert run.session.next_change_ms() is None


def test_stop_while_paused_counts_no_paused_time() -> None:
    run = Run()
    run.start()
    run.to(10000)
    run.session.pause()
    run.to(20000)
    run.session.stop()
    summary = run.session.summary()
    assert (summary.active_ms, summary.ended_at_ms) == (10000, T0 + 20000)
    assert run.log()[-1] == ("stopped", 20000, 0, None, None)


# ---- suspend ---------------------------------------------------------------------------------


def test_a_long_gap_pauses_where_the_last_update_left_off() -> None:
    run = Run()
    run.start()
    run.to(1000)
    run.clock.advance(4001)
    snap = run.session.update()
    assert (snap.state, snap.paused_reason, snap.remaining_ms) == (
        State.PAUSED,
        PauseReason.SUSPEND,
        4000,
    )
    assert run.log() == [*upto(1000), ("paused", 1000, 0, None, "suspend")]
    assert run.session.resume() is True
    run.to(5001 + 4000)
    assert run.log() == [
        *upto(1000),
        ("paused", 1000, 0, None, "suspend"),
        ("resumed", 5001, 0, None, None),
        ("cue", 6001, 0, None, "tick"),
        ("cue", 7001, 0, None, "tick"),
        ("cue", 8001, 0, None, "tick"),
        ("phase_started", 9001, 0, None, "stretch"),
        ("cue", 9001, 0, None, "start"),
    ]
    assert run.session.summary().active_ms == 1000 + 4000


@pytest.mark.parametrize(("gap", "remaining"), [(3999, 1), (4000, 20000)])
def test_a_gap_up_to_the_limit_is_caught_up(gap: int, remaining: int) -> None:
    run = Run()
    run.start()
    run.to(1000)
    run.clock.advance(gap)
    snap = run.session.update()
    assert snap.state is State.RUNNING
    assert run.log() == upto(1000 + gap)
    assert snap.remaining_ms == remaining


def test_a_gap_in_a_stretch_keeps_its_remaining_time_and_the_pause_button_is_moot() -> None:
    run = Run(suspend_gap_ms=10000)
    run.start()
    run.to(40000)
    run.clock.advance(9000)
    assert run.session.update().state is State.RUNNING  # under this session's own gap
    run.clock.advance(10001)
    assert run.session.pause() is False  # update() inside pause() found the suspend first
    snap = run.session.update()
    assert (snap.paused_reason, snap.side, snap.remaining_ms) == (PauseReason.SUSPEND, "left", 1000)
    assert run.log()[-1] == ("paused", 49000, 1, "left", "suspend")


def test_no_suspend_check_while_paused_or_before_start() -> None:
    run = Run()
    run.clock.now = T0 - 60000
    run.session.update()
    run.clock.now = T0
    run.start()
    run.to(1000)
    run.session.pause()
    run.clock.advance(60000)
    run.session.update()
    run.session.resume()
    assert run.log() == [
        *upto(1000),
        ("paused", 1000, 0, None, "user"),
        ("resumed", 61000, 0, None, None),
    ]
    assert run.session.update().remaining_ms == 4000


# ---- next_change_ms --------------------------------------------------------------------------


def test_next_change_ms_at_seconds_and_ends() -> None:
    run = Run()
    assert run.session.next_change_ms() is None
    run.start()
    assert run.session.next_change_ms() == 1000
    run.to(250)
    assert run.session.next_change_ms() == 750
    run.to(1999)
    assert run.session.next_change_ms() == 1
    run.to(4999)
    assert run.session.next_change_ms() == 1
    run.clock.advance(1)  # the get-ready is over, update() not yet called
    assert run.session.next_change_ms() == 0
    run.clock.advance(4001)  # a gap update() will treat as a suspend
    assert run.session.next_change_ms() == 0
    run.to(TOTAL, step=1000)
    assert run.session.next_change_ms() is None


@pytest.mark.parametrize(
    ("frames", "tempo", "elapsed", "wait"),
    [(3, 4, 1000, 334), (3, 4, 1334, 666), (8, 1, 0, 125), (8, 1, 130, 120), (2, 4, 500, 500)],
)
def test_next_change_ms_includes_frame_changes(
    frames: int, tempo: int, elapsed: int, wait: int
) -> None:
    routine = make_routine(
        make_entry(make_stretch("a", hold=8, tempo=tempo, frames=frames)), get_ready=0
    )
    run = Run(routine)
    run.start()
    run.to(elapsed)
    assert run.session.next_change_ms() == wait


def test_a_ui_waking_only_at_next_change_misses_nothing() -> None:
    run = Run()
    run.start()
    fields = ("phase_index", "display_seconds", "frame", "rep")
    while run.session.state is State.RUNNING:
        wait = run.session.next_change_ms()
        assert wait is not None and 1 <= wait <= 1000
        shown = run.session.snapshot()
        held = run.session.snapshot(run.clock.now + wait - 1)
        assert [getattr(held, f) for f in fields] == [getattr(shown, f) for f in fields]
        count = len(run.events)
        run.clock.advance(wait)
        run.session.update()
        assert all(e.at_ms == run.clock.now for e in run.events[count:])
    assert run.log() == FULL


# ---- listeners and odd cases -----------------------------------------------------------------


def test_every_listener_gets_every_event_in_order_and_may_act() -> None:
    run = Run()
    second: list[Event] = []

    def pause_after_the_first_stretch(event: Event) -> None:
        second.append(event)
        if event.kind is EventKind.STRETCH_DONE and event.entry_index == 0:
            run.session.pause()

    run.session.subscribe(pause_after_the_first_stretch)
    run.start()
    run.to(30000, step=300)
    assert second == run.events
    assert run.log() == [*upto(25000), ("paused", 25200, 0, None, "user")]
    assert run.session.update().remaining_ms == 9800


def test_unsubscribe() -> None:
    clock = FakeClock()
    session = Session(main_routine(), clock)
    got: list[Event] = []
    unsubscribe = session.subscribe(got.append)
    session.start()
    unsubscribe()
    clock.advance(3000)
    session.update()
    assert [e.kind for e in got] == [EventKind.SESSION_STARTED, EventKind.PHASE_STARTED]
    assert session.clock is clock


@pytest.mark.parametrize("get_ready", [1, 2, 3, 4, 6])
def test_ticks_only_where_they_fit(get_ready: int) -> None:
    routine = make_routine(make_entry(make_stretch("a", hold=5)), get_ready=get_ready)
    run = Run(routine)
    run.start()
    run.to(get_ready * 1000 + 5000)
    ticks = [e.at_ms - T0 for e in run.events if e.cue is Cue.TICK]
    assert ticks == [get_ready * 1000 - s * 1000 for s in (3, 2, 1) if s <= get_ready]


def test_no_end_cue_between_back_to_back_stretches_and_switch_without_switch_time() -> None:
    routine = make_routine(
        make_entry(make_stretch("a", hold=2, sides=Sides.BOTH)),
        make_entry(make_stretch("b", hold=2)),
        get_ready=0,
        rest=0,
        switch=0,
    )
    run = Run(routine)
    run.start()
    run.to(10000)
    assert run.log() == [
        ("session_started", 0, None, None, None),
        ("phase_started", 0, 0, "left", "stretch"),
        ("cue", 0, 0, "left", "start"),
        ("stretch_done", 2000, 0, "left", None),
        ("phase_started", 2000, 0, "right", "stretch"),
        ("cue", 2000, 0, "right", "start"),
        ("stretch_done", 4000, 0, "right", None),
        ("phase_started", 4000, 1, None, "stretch"),
        ("cue", 4000, 1, None, "start"),
        ("stretch_done", 6000, 1, None, None),
        ("cue", 6000, None, None, "finish"),
        ("finished", 6000, None, None, None),
    ]


def test_an_empty_routine_finishes_at_once() -> None:
    run = Run(make_routine())
    run.start()
    assert run.log() == [
        ("session_started", 0, None, None, None),
        ("cue", 0, None, None, "finish"),
        ("finished", 0, None, None, None),
    ]
    assert run.session.update().state is State.FINISHED
    assert run.session.summary() == Summary(0, 0, 0, (), T0, T0)


def test_a_clock_that_steps_back_does_not_undo_time() -> None:
    run = Run()
    run.start()
    run.to(3000)
    run.clock.now -= 2000
    snap = run.session.update()
    assert snap.remaining_ms == 2000
    assert run.log() == upto(3000)


def test_boot_clock_is_boottime_in_milliseconds() -> None:
    first = boot_clock_ms()
    if hasattr(time, "CLOCK_BOOTTIME"):
        reference = time.clock_gettime_ns(time.CLOCK_BOOTTIME) // 1_000_000
    else:
        reference = time.monotonic_ns() // 1_000_000
    second = boot_clock_ms()
    assert isinstance(first, int)
    assert first <= reference <= second


# ---- time in stretches (issue 14 item 6) -------------------------------------------------------
# main_routine's STRETCH phases: [5,25) [38,50) [56,68) [72,82) [82,90) s = 62 s of 90.


def test_stretch_time_counts_only_stretch_phases_of_a_full_run() -> None:
    run = Run()
    run.start()
    run.to(TOTAL)
    summary = run.session.summary()
    assert summary.active_ms == TOTAL
    assert summary.stretch_ms == 62_000


@pytest.mark.parametrize(
    ("at", "stretch"),
    [
        (0, 0),
        (4999, 0),
        (5000, 0),
        (15000, 10000),
        (30000, 20000),
        (37000, 20000),
        (44000, 26000),
        (53000, 32000),
        (60000, 36000),
        (70000, 44000),
        (75000, 47000),
    ],
)
def test_stretch_time_leaves_out_get_ready_switch_and_rest(at: int, stretch: int) -> None:
    run = Run()
    run.start()
    run.to(at)
    assert run.session.summary().stretch_ms == stretch


def test_stretch_time_leaves_out_pauses_and_a_suspend() -> None:
    run = Run(suspend_gap_ms=5000)
    run.start()
    run.to(10000)
    run.session.pause()
    run.clock.advance(60_000)
    assert run.session.summary().stretch_ms == 5000
    run.session.resume()
    run.to(73000)
    assert run.session.summary().stretch_ms == 8000
    run.clock.advance(3_600_000)  # the machine slept mid-stretch
    run.session.update()
    assert run.session.state is State.PAUSED
    assert run.session.summary().stretch_ms == 8000


def test_stretch_time_after_a_skip_keeps_what_was_stretched() -> None:
    run = Run()
    run.start()
    run.to(12000)  # 7 s into the first stretch
    run.session.skip()  # to entry 1's 3 s get-ready
    run.to(15000)
    assert run.session.summary().stretch_ms == 7000
    run.to(20000)  # 5 s into bridge, left
    assert run.session.summary().stretch_ms == 12000


def test_stretch_time_after_back_and_restart_counts_the_redone_time_too() -> None:
    run = Run()
    run.start()
    run.to(30000)  # in the rest after 20 s of stretching
    run.session.back()  # redo childs-pose from its 5 s get-ready
    run.to(35000)
    assert run.session.summary().stretch_ms == 20000
    run.to(39000)
    assert run.session.summary().stretch_ms == 24000
    run.session.restart()  # its get-ready again: nothing more counts until the stretch
    run.to(44000)
    assert run.session.summary().stretch_ms == 24000
    run.to(45000)
    assert run.session.summary().stretch_ms == 25000


def test_stretch_time_of_a_stop_mid_stretch_is_kept() -> None:
    run = Run()
    run.start()
    run.to(15000)
    run.session.stop()
    run.clock.advance(60_000)
    summary = run.session.summary()
    assert summary.stretch_ms == 10000
    assert summary.active_ms == 15000


def test_stretch_time_of_a_stop_while_paused() -> None:
    run = Run()
    run.start()
    run.to(15000)
    run.session.pause()
    run.clock.advance(60_000)
    run.session.stop()
    assert run.session.summary().stretch_ms == 10000
