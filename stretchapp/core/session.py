"""The session engine: runs a routine phase by phase over an injected clock.

There is no Qt, no thread and no timer here. The UI calls `update()` whenever its timer fires
(`next_change_ms()` says when the display next needs to change) and shows the `Snapshot` it
returns; `Event`s, delivered to subscribers, tell it when to play sounds and speak.

Remaining time is always derived from timestamps (phase start + duration - now, with the
phase start moved on by each pause), never by counting calls, so a long routine cannot drift
however late or irregularly `update()` is called.

Cues are emitted in order with the time they were due (`Event.at_ms`), also when `update()`
notices them late, e.g. in a catch-up after the app was busy. The UI decides what is stale:
it may drop a cue whose `at_ms` is more than about a second before the clock's now.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from stretchapp.core.body.motion import FRAME_MS, motion_wait_ms
from stretchapp.core.routines import DEFAULT_GET_READY, DEFAULT_REST, Entry, Routine, Sides

LEFT = "left"
RIGHT = "right"
TICK_SECONDS = (3, 2, 1)  # the get-ready countdown beeps on its last three seconds
DEFAULT_SUSPEND_GAP_MS = 4000

Clock = Callable[[], int]

_BOOTTIME: int | None = getattr(time, "CLOCK_BOOTTIME", None)


def boot_clock_ms() -> int:
    """Milliseconds from a clock that keeps counting while the machine is suspended.

    Linux's CLOCK_BOOTTIME includes suspend (CLOCK_MONOTONIC does not), so a suspend shows up
    as a long gap between two `update()` calls, which the session turns into a pause.
    Elsewhere time.monotonic() is used; where it stops during sleep the session simply
    carries on after waking as if no time had passed, which is also safe.
    """
    if _BOOTTIME is not None:
        return time.clock_gettime_ns(_BOOTTIME) // 1_000_000
    return time.monotonic_ns() // 1_000_000


# ---- the plan -------------------------------------------------------------------------------


class PhaseKind(StrEnum):
    GET_READY = "get_ready"
    STRETCH = "stretch"
    SWITCH = "switch"  # switching sides in a two-sided stretch
    REST = "rest"


@dataclass(frozen=True)
class Phase:
    """One stretch of time with a single countdown.

    `side` is "left"/"right" for the sides of a two-sided stretch, and for SWITCH the side
    being switched to; None otherwise. `reps` is None for holds and outside STRETCH phases.
    `rep_ms` is the stretch's tempo in every phase: the illustration frames cycle once per
    `rep_ms`, in holds too.
    """

    kind: PhaseKind
    entry_index: int
    side: str | None
    duration_ms: int
    reps: int | None
    rep_ms: int


def figure_rep_ms(entry: Entry) -> int:
    """The repetition length the posed figure moves at: the tempo, or 0 for a hold."""
    return entry.tempo * 1000 if entry.hold is None else 0


def entry_sides(entry: Entry) -> tuple[str | None, ...]:
    """The sides an entry is done on, in order: (left, right), or (None,) for one-sided."""
    return (LEFT, RIGHT) if entry.sides is Sides.BOTH else (None,)


def build_plan(
    routine: Routine,
    default_get_ready: int = DEFAULT_GET_READY,
    default_rest: int = DEFAULT_REST,
) -> list[Phase]:
    """Every phase of the routine in order; their durations add up to routine.total_seconds()."""
    plan: list[Phase] = []
    for i, entry in enumerate(routine.entries):
        rep_ms = entry.tempo * 1000
        get_ready = routine.get_ready_for(i, default_get_ready)
        if get_ready > 0:
            plan.append(Phase(PhaseKind.GET_READY, i, None, get_ready * 1000, None, rep_ms))
        stretch_ms = entry.seconds_per_side * 1000
        reps = entry.reps if entry.hold is None else None
        for n, side in enumerate(entry_sides(entry)):
            if n > 0 and routine.switch > 0:
                plan.append(Phase(PhaseKind.SWITCH, i, side, routine.switch * 1000, None, rep_ms))
            plan.append(Phase(PhaseKind.STRETCH, i, side, stretch_ms, reps, rep_ms))
        rest = routine.rest_after(i, default_rest)
        if rest > 0:
            plan.append(Phase(PhaseKind.REST, i, None, rest * 1000, None, rep_ms))
    return plan


# ---- what the session tells its listeners ----------------------------------------------------


class State(StrEnum):
    READY = "ready"  # built, not started
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class EventKind(StrEnum):
    SESSION_STARTED = "session_started"
    PHASE_STARTED = "phase_started"
    CUE = "cue"
    STRETCH_DONE = "stretch_done"
    STRETCH_SKIPPED = "stretch_skipped"
    PAUSED = "paused"
    RESUMED = "resumed"
    FINISHED = "finished"
    STOPPED = "stopped"


class Cue(StrEnum):
    """What the UI plays or says."""

    TICK = "tick"  # 3, 2 and 1 s before a get-ready ends
    START = "start"  # a stretch (side) starts
    SWITCH = "switch"  # switch sides
    END = "end"  # a stretch is over and a rest or get-ready follows
    FINISH = "finish"  # the routine is finished (instead of "end" for the last stretch)


class PauseReason(StrEnum):
    USER = "user"
    SUSPEND = "suspend"  # the machine slept or the app was frozen


class Outcome(StrEnum):
    """What became of an entry: the latest attempt at it counts."""

    DONE = "done"  # every side done
    SKIPPED = "skipped"  # no side done, some skipped
    PARTIAL = "partial"  # some sides done, not all
    PENDING = "pending"  # not reached yet


@dataclass(frozen=True)
class Event:
    """Something that happened, at the time it was due (not when update() noticed it).

    For history: SESSION_STARTED comes once, then STRETCH_DONE / STRETCH_SKIPPED per side
    (a later one for the same entry and side replaces an earlier one: a re-done entry starts
    again with the PHASE_STARTED of its first phase), and FINISHED or STOPPED once at the end.
    `Session.summary()` gives the final tally directly.
    """

    kind: EventKind
    at_ms: int
    phase: Phase | None = None
    entry_index: int | None = None
    stretch_id: str | None = None
    side: str | None = None
    cue: Cue | None = None
    reason: PauseReason | None = None


Listener = Callable[[Event], None]


@dataclass(frozen=True)
class Snapshot:
    """Everything the session screen shows, at one moment."""

    state: State
    phase: Phase | None
    phase_index: int  # == phase_count once finished
    phase_count: int
    entry_index: int | None
    entry_count: int
    entry: Entry | None
    side: str | None
    rep: int | None  # 1-based; None for holds and outside stretches
    reps: int | None
    remaining_ms: int
    elapsed_ms: int
    fraction: float  # 0..1 of the phase elapsed, for a smoothly moving ring
    display_seconds: int  # the big countdown: ceil(remaining_ms / 1000)
    frame: int  # index into entry.stretch.frames
    routine_remaining_ms: int
    next_entry: Entry | None  # for "Next: ..."
    paused_reason: PauseReason | None
    # The repetition's length for the posed figure (core.drawing.drawing_at): the tempo for
    # a stretch done in repetitions, 0 for a hold (the figure holds still).
    rep_ms: int = 0


@dataclass(frozen=True)
class Summary:
    done: int  # entries with every side done
    skipped: int  # entries with any side skipped (in their latest attempt)
    active_ms: int  # time running, pauses excluded (get-ready, switches and rests included)
    outcomes: tuple[Outcome, ...]
    started_at_ms: int | None
    ended_at_ms: int | None  # None until finished or stopped
    stretch_ms: int = 0  # time running in STRETCH phases only, pauses excluded


# ---- the session ----------------------------------------------------------------------------


class Session:
    """One run of a routine: a state machine driven by `update()` and the user's actions.

    Actions (start, pause, resume, toggle_pause, skip, back, restart, stop) first catch up
    with the clock, then act at the clock's now; each returns False when it does not apply.
    skip/back/restart while paused move to the new phase and stay paused.

    Suspend: the UI calls update() several times a second, so a gap of more than
    `suspend_gap_ms` since the last update while running means the machine slept (the
    default clock, CLOCK_BOOTTIME, keeps counting through a suspend) or the app was frozen.
    Rather than jump ahead through stretches nobody did, the session pauses as it was at the
    last update (reason "suspend"), and the user resumes when ready.
    """

    def __init__(
        self,
        routine: Routine,
        clock: Clock = boot_clock_ms,
        *,
        default_get_ready: int = DEFAULT_GET_READY,
        default_rest: int = DEFAULT_REST,
        suspend_gap_ms: int = DEFAULT_SUSPEND_GAP_MS,
    ) -> None:
        self.routine = routine
        self.plan: tuple[Phase, ...] = tuple(build_plan(routine, default_get_ready, default_rest))
        self._clock = clock
        self._suspend_gap_ms = suspend_gap_ms
        self._listeners: list[Listener] = []
        self._queue: deque[Event] = deque()
        self._delivering = False

        self._state = State.READY
        self._index = 0  # the current phase
        self._phase_start = 0  # when it started, moved on by the time spent paused
        self._cue_cursor = 0  # how many of its cues were emitted
        self._frozen_at: int | None = None  # when paused or stopped
        self._paused_reason: PauseReason | None = None
        self._last_update: int | None = None
        self._started_at: int | None = None
        self._ended_at: int | None = None
        self._active_ms = 0  # running time before _running_since
        self._running_since = 0
        self._stretch_ms = 0  # running time in STRETCH phases left behind
        self._in_phase = False  # whether _index is a phase under way (its time can count)
        self._marks: list[dict[str | None, Outcome]] = [{} for _ in routine.entries]

        count = len(self.plan)
        self._first_phase: dict[int, int] = {}
        for index, phase in enumerate(self.plan):
            self._first_phase.setdefault(phase.entry_index, index)
        self._after_ms = [sum(p.duration_ms for p in self.plan[i + 1 :]) for i in range(count)]
        self._cues = [self._phase_cues(phase) for phase in self.plan]
        self._end_cue = [self._ending_cue(i) for i in range(count)]

    # ---- listening ----

    def subscribe(self, callback: Listener) -> Callable[[], None]:
        """Add a listener; events arrive synchronously, in order. Returns an unsubscriber."""
        self._listeners.append(callback)
        return lambda: self.unsubscribe(callback)

    def unsubscribe(self, callback: Listener) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    @property
    def state(self) -> State:
        return self._state

    @property
    def clock(self) -> Clock:
        """The session's clock: compare an event's at_ms with clock() to drop stale cues."""
        return self._clock

    # ---- actions ----

    def update(self) -> Snapshot:
        """Catch up with the clock, emitting every event due since the last call, in order."""
        now = self._now()
        self._catch_up(now)
        self._deliver()
        return self.snapshot(now)

    def start(self) -> bool:
        return self._act(self._start)

    def pause(self, reason: PauseReason | str = PauseReason.USER) -> bool:
        why = PauseReason(reason)
        return self._act(lambda now: self._pause_at(now, why))

    def resume(self) -> bool:
        return self._act(self._resume)

    def toggle_pause(self) -> bool:
        def toggle(now: int) -> bool:
            if self._state is State.RUNNING:
                return self._pause_at(now, PauseReason.USER)
            return self._resume(now)

        return self._act(toggle)

    def skip(self) -> bool:
        """Skip the current stretch (its sides not yet done), or the rest, to the next entry."""
        return self._act(self._skip)

    def back(self) -> bool:
        """Go to the previous entry; from a rest, re-do the entry just finished."""

        def back(now: int) -> bool:
            phase = self.plan[self._index]
            target = phase.entry_index if phase.kind is PhaseKind.REST else phase.entry_index - 1
            self._jump(self._first_phase[max(target, 0)], now)
            return True

        return self._act(self._when_underway(back))

    def restart(self) -> bool:
        """Start the current entry over (from a rest, the entry just finished)."""

        def restart(now: int) -> bool:
            self._jump(self._first_phase[self.plan[self._index].entry_index], now)
            return True

        return self._act(self._when_underway(restart))

    def stop(self) -> bool:
        return self._act(self._when_underway(self._stop))

    # ---- reading ----

    def snapshot(self, now: int | None = None) -> Snapshot:
        """The screen at `now` (default: the clock's now). Pure: no events, no suspend check.

        While running, time is projected forward past phase ends that update() has not yet
        caught up with.
        """
        if now is None:
            now = self._clock()
        state = self._state
        if not self.plan or state is State.FINISHED:
            return self._blank(state)
        index, start = self._index, self._phase_start
        if state is State.READY:
            elapsed = 0
        elif state is State.RUNNING:
            while start + self.plan[index].duration_ms <= now:
                start += self.plan[index].duration_ms
                index += 1
                if index == len(self.plan):
                    return self._blank(State.FINISHED)
            elapsed = max(0, now - start)
        else:
            assert self._frozen_at is not None
            elapsed = max(0, self._frozen_at - start)
        phase = self.plan[index]
        entry = self.routine.entries[phase.entry_index]
        remaining = max(0, phase.duration_ms - elapsed)
        rep = None
        if phase.kind is PhaseKind.STRETCH and phase.reps is not None and phase.rep_ms > 0:
            rep = min(phase.reps, 1 + elapsed // phase.rep_ms)
        next_index = phase.entry_index + 1
        return Snapshot(
            state=state,
            phase=phase,
            phase_index=index,
            phase_count=len(self.plan),
            entry_index=phase.entry_index,
            entry_count=len(self.routine.entries),
            entry=entry,
            side=phase.side,
            rep=rep,
            reps=phase.reps,
            remaining_ms=remaining,
            elapsed_ms=elapsed,
            fraction=min(1.0, elapsed / phase.duration_ms) if phase.duration_ms else 1.0,
            display_seconds=-(-remaining // 1000),
            frame=self._frame(phase, entry, elapsed),
            routine_remaining_ms=remaining + self._after_ms[index],
            next_entry=(
                self.routine.entries[next_index] if next_index < len(self.routine.entries) else None
            ),
            paused_reason=self._paused_reason if state is State.PAUSED else None,
            rep_ms=figure_rep_ms(entry),
        )

    def summary(self, now: int | None = None) -> Summary:
        """The tally so far (or final): what was done and skipped, and for how long."""
        outcomes = tuple(self._outcome(i) for i in range(len(self.routine.entries)))
        active = self._active_ms
        stretch = self._stretch_ms + self._phase_stretch_ms(now)
        if self._state is State.RUNNING:
            if now is None:
                now = self._clock()
            # Not past the planned end, should update() not have caught up yet.
            end = self._phase_start + self.plan[self._index].duration_ms
            end += self._after_ms[self._index]
            active += max(0, min(now, end) - self._running_since)
        return Summary(
            done=outcomes.count(Outcome.DONE),
            skipped=sum(Outcome.SKIPPED in marks.values() for marks in self._marks),
            active_ms=active,
            outcomes=outcomes,
            started_at_ms=self._started_at,
            ended_at_ms=self._ended_at,
            stretch_ms=stretch,
        )

    def _phase_stretch_ms(self, now: int | None = None) -> int:
        """Time stretched so far in the current phase (0 unless a STRETCH phase under way).

        Running, it is `now` less the phase's start (which resumes move on by the pause),
        capped at the phase's length should update() not have caught up yet; paused or
        stopped, the time up to the freeze."""
        if not self._in_phase or self._state not in (State.RUNNING, State.PAUSED, State.STOPPED):
            return 0
        phase = self.plan[self._index]
        if phase.kind is not PhaseKind.STRETCH:
            return 0
        if self._frozen_at is not None:
            at = self._frozen_at
        else:
            at = self._clock() if now is None else now
        return max(0, min(at - self._phase_start, phase.duration_ms))

    def _leave_phase(self, at: int) -> None:
        """Bank the current phase's stretch time, as it is left at `at`."""
        self._stretch_ms += self._phase_stretch_ms(at)
        self._in_phase = False

    def next_change_ms(self, now: int | None = None, *, figure_frames: bool = True) -> int | None:
        """Ms until the display next changes: a countdown second, a cue, a frame or the end.

        The UI arms a single-shot timer with it and calls update() when it fires. Never more
        than 1000 while running (so the suspend check keeps working); 0 means "update now".
        None when not running.

        `figure_frames=False`: a UI that paces the moving figure's frames itself (drawing one
        only once the figure has moved enough to see) is not woken for each of them; it is
        still woken when a still figure starts to move.
        """
        if self._state is not State.RUNNING:
            return None
        if now is None:
            now = self._clock()
        last = self._last_update
        if last is not None and now - last > self._suspend_gap_ms:
            return 0
        phase = self.plan[self._index]
        remaining = self._phase_start + phase.duration_ms - now
        if remaining <= 0:
            return 0
        waits = [remaining, (remaining - 1) % 1000 + 1]
        cues = self._cues[self._index]
        if self._cue_cursor < len(cues):
            waits.append(max(0, self._phase_start + cues[self._cue_cursor][0] - now))
        elapsed = now - self._phase_start
        entry = self.routine.entries[phase.entry_index]
        pose = entry.stretch.pose
        if pose is not None:
            # The drawn figure: ~30 frames a second while it moves, nothing while it is still.
            wait = motion_wait_ms(
                pose, phase.kind, elapsed, phase.duration_ms, figure_rep_ms(entry)
            )
            if wait is not None and (figure_frames or wait > 0):
                waits.append(FRAME_MS if wait == 0 else wait)
            if phase.kind is PhaseKind.STRETCH and phase.reps is not None and phase.rep_ms > 0:
                waits.append(phase.rep_ms - elapsed % phase.rep_ms)
            return min(waits)
        frames = len(entry.stretch.frames)
        if phase.kind is PhaseKind.STRETCH and phase.rep_ms > 0:
            if phase.reps is not None:
                waits.append(phase.rep_ms - elapsed % phase.rep_ms)
            if frames > 1:
                k = elapsed * frames // phase.rep_ms + 1
                waits.append(-(-k * phase.rep_ms // frames) - elapsed)
        return min(waits)

    # ---- the machine ----

    def _now(self) -> int:
        now = self._clock()
        if self._last_update is not None and now < self._last_update:
            return self._last_update  # a clock must not run backwards; never undo time
        return now

    def _act(self, action: Callable[[int], bool]) -> bool:
        now = self._now()
        self._catch_up(now)
        try:
            return action(now)
        finally:
            self._deliver()

    def _when_underway(self, action: Callable[[int], bool]) -> Callable[[int], bool]:
        def guarded(now: int) -> bool:
            if self._state not in (State.RUNNING, State.PAUSED):
                return False
            return action(now)

        return guarded

    def _catch_up(self, now: int) -> None:
        if self._state is State.RUNNING:
            last = self._last_update
            if last is not None and now - last > self._suspend_gap_ms:
                self._pause_at(last, PauseReason.SUSPEND)
            else:
                self._advance(now)
        self._last_update = now

    def _advance(self, now: int) -> None:
        """Emit everything due up to `now`: cues, phase ends and starts, at their times."""
        while self._state is State.RUNNING:
            phase = self.plan[self._index]
            cues = self._cues[self._index]
            while self._cue_cursor < len(cues):
                offset, cue = cues[self._cue_cursor]
                if self._phase_start + offset > now:
                    break
                self._cue_cursor += 1
                self._emit_phase(EventKind.CUE, self._phase_start + offset, phase, cue=cue)
            end = self._phase_start + phase.duration_ms
            if end > now:
                return
            self._complete(end)

    def _complete(self, end: int) -> None:
        phase = self.plan[self._index]
        if phase.kind is PhaseKind.STRETCH:
            self._marks[phase.entry_index][phase.side] = Outcome.DONE
            self._emit_phase(EventKind.STRETCH_DONE, end, phase)
        end_cue = self._end_cue[self._index]
        if end_cue is not None:
            self._emit_phase(EventKind.CUE, end, phase, cue=end_cue)
        if self._index + 1 < len(self.plan):
            self._enter(self._index + 1, end)
        else:
            self._finish(end)

    def _enter(self, index: int, at: int) -> None:
        self._leave_phase(at)
        self._index = index
        # While paused the new phase waits at its very start until resumed.
        self._phase_start = at if self._frozen_at is None else self._frozen_at
        self._cue_cursor = 0
        self._in_phase = True
        phase = self.plan[index]
        if self._first_phase[phase.entry_index] == index:
            self._marks[phase.entry_index] = {}  # a re-done entry's old outcome is replaced
        self._emit_phase(EventKind.PHASE_STARTED, at, phase)

    def _jump(self, index: int, now: int) -> None:
        self._enter(index, now)
        if self._state is State.RUNNING:
            self._advance(now)

    def _start(self, now: int) -> bool:
        if self._state is not State.READY:
            return False
        self._state = State.RUNNING
        self._started_at = self._running_since = now
        self._emit(Event(EventKind.SESSION_STARTED, now))
        if not self.plan:
            self._finish(now)
            return True
        self._jump(0, now)
        return True

    def _pause_at(self, at: int, reason: PauseReason) -> bool:
        if self._state is not State.RUNNING:
            return False
        self._state = State.PAUSED
        self._frozen_at = at
        self._paused_reason = reason
        self._active_ms += at - self._running_since
        self._emit_phase(EventKind.PAUSED, at, self.plan[self._index], reason=reason)
        return True

    def _resume(self, now: int) -> bool:
        if self._state is not State.PAUSED:
            return False
        assert self._frozen_at is not None
        self._phase_start += now - self._frozen_at
        self._state = State.RUNNING
        self._frozen_at = None
        self._paused_reason = None
        self._running_since = now
        self._emit_phase(EventKind.RESUMED, now, self.plan[self._index])
        self._advance(now)
        return True

    def _skip(self, now: int) -> bool:
        if self._state not in (State.RUNNING, State.PAUSED):
            return False
        phase = self.plan[self._index]
        i = phase.entry_index
        entry = self.routine.entries[i]
        if phase.kind is not PhaseKind.REST:
            for side in entry_sides(entry):
                if self._marks[i].get(side) is not Outcome.DONE:
                    self._marks[i][side] = Outcome.SKIPPED
                    self._emit(
                        Event(EventKind.STRETCH_SKIPPED, now, None, i, entry.stretch.id, side)
                    )
        if i + 1 < len(self.routine.entries):
            self._jump(self._first_phase[i + 1], now)
        else:
            self._finish(now)
        return True

    def _stop(self, now: int) -> bool:
        if self._state is State.RUNNING:
            self._active_ms += now - self._running_since
            self._frozen_at = now
        self._state = State.STOPPED
        self._ended_at = now
        self._emit_phase(EventKind.STOPPED, now, self.plan[self._index])
        return True

    def _finish(self, at: int) -> None:
        self._leave_phase(at)
        if self._state is State.RUNNING:
            self._active_ms += at - self._running_since
        self._state = State.FINISHED
        self._ended_at = at
        self._frozen_at = None
        self._paused_reason = None
        self._emit(Event(EventKind.CUE, at, cue=Cue.FINISH))
        self._emit(Event(EventKind.FINISHED, at))

    # ---- helpers ----

    def _phase_cues(self, phase: Phase) -> tuple[tuple[int, Cue], ...]:
        """Cues within a phase, as (ms after its start, cue); the ending cue is separate."""
        if phase.kind is PhaseKind.STRETCH:
            return ((0, Cue.START),)
        if phase.kind is PhaseKind.SWITCH:
            return ((0, Cue.SWITCH),)
        if phase.kind is PhaseKind.GET_READY:
            offsets = (phase.duration_ms - s * 1000 for s in TICK_SECONDS)
            return tuple((offset, Cue.TICK) for offset in offsets if offset >= 0)
        return ()

    def _ending_cue(self, index: int) -> Cue | None:
        """END when a stretch's last side ends and a rest or get-ready follows."""
        phase = self.plan[index]
        if phase.kind is not PhaseKind.STRETCH or index + 1 >= len(self.plan):
            return None  # the last stretch gets FINISH, from _finish
        following = self.plan[index + 1]
        if following.kind in (PhaseKind.REST, PhaseKind.GET_READY):
            return Cue.END
        return None

    def _frame(self, phase: Phase, entry: Entry, elapsed: int) -> int:
        frames = len(entry.stretch.frames)
        if phase.kind is not PhaseKind.STRETCH or frames == 0 or phase.rep_ms <= 0:
            return 0
        return (elapsed * frames // phase.rep_ms) % frames

    def _outcome(self, index: int) -> Outcome:
        marks = [self._marks[index].get(side) for side in entry_sides(self.routine.entries[index])]
        if all(mark is Outcome.DONE for mark in marks):
            return Outcome.DONE
        if Outcome.DONE in marks:
            return Outcome.PARTIAL
        if Outcome.SKIPPED in marks:
            return Outcome.SKIPPED
        return Outcome.PENDING

    def _blank(self, state: State) -> Snapshot:
        """The screen with no phase: a finished (or empty) routine."""
        return Snapshot(
            state=state,
            phase=None,
            phase_index=len(self.plan),
            phase_count=len(self.plan),
            entry_index=None,
            entry_count=len(self.routine.entries),
            entry=None,
            side=None,
            rep=None,
            reps=None,
            remaining_ms=0,
            elapsed_ms=0,
            fraction=1.0,
            display_seconds=0,
            frame=0,
            routine_remaining_ms=0,
            next_entry=None,
            paused_reason=None,
        )

    def _emit_phase(
        self,
        kind: EventKind,
        at: int,
        phase: Phase,
        *,
        cue: Cue | None = None,
        reason: PauseReason | None = None,
    ) -> None:
        stretch_id = self.routine.entries[phase.entry_index].stretch.id
        self._emit(Event(kind, at, phase, phase.entry_index, stretch_id, phase.side, cue, reason))

    def _emit(self, event: Event) -> None:
        self._queue.append(event)

    def _deliver(self) -> None:
        """Hand queued events to listeners once the state is settled.

        A listener may call back into the session; its events join the queue and are
        delivered in order by the outermost delivery.
        """
        if self._delivering:
            return
        self._delivering = True
        try:
            while self._queue:
                event = self._queue.popleft()
                for listener in tuple(self._listeners):
                    listener(event)
        finally:
            self._delivering = False
