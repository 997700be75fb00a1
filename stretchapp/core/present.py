"""How the app words a routine's numbers for people: doses, durations, phase titles.

One place for each wording, so the library, the player, the routine builder, the tray and the
command line say the same thing the same way. Plain functions of core values; no Qt.

It imports no other core module at run time (the session's types only for type checking), so
the routine model can use it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from stretchapp.core.session import Snapshot


class _Dosed(Protocol):
    """A stretch, a routine's entry or an entry being edited: anything with a dose."""

    @property
    def hold(self) -> int | None: ...
    @property
    def reps(self) -> int | None: ...
    @property
    def tempo(self) -> int: ...
    @property
    def sides(self) -> object: ...


def dose_text(item: _Dosed) -> str:
    """'Hold 30 s' or '8 reps × 4 s', with ' each side' for a two-sided one."""
    text = f"Hold {item.hold} s" if item.hold is not None else f"{item.reps} reps × {item.tempo} s"
    return text + (" each side" if str(item.sides) == "both" else "")


def format_duration(seconds: int) -> str:
    """'45 s', '8 min', '1 h 05 min' — rounded the way a person says it."""
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def precise_duration(seconds: int) -> str:
    """Like `format_duration`, but seconds kept below an hour: '4 min 10 s'."""
    seconds = max(0, int(seconds))
    minutes, rest = divmod(seconds, 60)
    if 0 < minutes < 60 and rest:
        return f"{minutes} min {rest} s"
    return format_duration(seconds)


# Time in stretches and time in the session, said apart and the same way everywhere (the
# finish screen, History, the clinician's report, `stretchapp history`). Time in stretches
# counts the stretches only; time in the session adds get-ready, switching sides and rests
# (pauses are in neither). Sessions recorded before stretch time was kept have none: "–".
UNKNOWN = "–"
STRETCHING = "stretching"  # after a duration: "4 min 10 s stretching"
IN_THE_SESSION = "in the session"
IN_SESSIONS = "in sessions"


def stretch_time(seconds: int | None) -> str:
    """Time in stretches ('4 min 10 s'), or '–' when it was not recorded (never '0 s')."""
    return UNKNOWN if seconds is None else precise_duration(seconds)


def time_split(stretch_seconds: int | None, session_seconds: int, *, sessions: bool = False) -> str:
    """'4 min 10 s stretching · 6 min in the session'; for a period's total (`sessions`),
    rounded as people say it: '47 min stretching · 1 h 15 min in sessions'."""
    if sessions:
        stretch = UNKNOWN if stretch_seconds is None else format_duration(stretch_seconds)
        return f"{stretch} {STRETCHING} · {format_duration(session_seconds)} {IN_SESSIONS}"
    return (
        f"{stretch_time(stretch_seconds)} {STRETCHING} · {format_duration(session_seconds)}"
        f" {IN_THE_SESSION}"
    )


def session_result(
    done: int, skipped: int, stretch_seconds: int | None, session_seconds: int
) -> str:
    """What a session came to: '3 stretches done · 1 skipped · 4 min 10 s stretching · 6 min in
    the session'."""
    parts = [f"{done} stretch{'' if done == 1 else 'es'} done"]
    if skipped:
        parts.append(f"{skipped} skipped")
    parts.append(time_split(stretch_seconds, session_seconds))
    return " · ".join(parts)


def stretch_of_session(stretch_seconds: int | None, session_seconds: int) -> str:
    """A table cell: '4 min 10 s of 6 min' (time in stretches of the time in the session)."""
    return f"{stretch_time(stretch_seconds)} of {format_duration(session_seconds)}"


def period_times(
    stretch_seconds: int, session_seconds: int, *, known: bool = True, sep: str = " "
) -> str:
    """A period's total, rounded as people say it: '4 min stretching of 6 min in sessions'
    (`sep` between the two: a newline for a narrow tile); '– stretching …' when none of its
    sessions has the figure (`known` False)."""
    stretch = format_duration(stretch_seconds) if known else UNKNOWN
    return f"{stretch} {STRETCHING}{sep}of {format_duration(session_seconds)} {IN_SESSIONS}"


STRETCH_OF_SESSION_HEADING = "Stretching"
STRETCH_OF_SESSION_HELP = (
    "Time in the stretches, of the time in the session (get-ready and rests included)"
)


def unknown_stretch_note(sessions: int) -> str:
    """The note beside a total of time in stretches that some sessions have no figure for."""
    if sessions <= 0:
        return ""
    which = "1 earlier session" if sessions == 1 else f"{sessions} earlier sessions"
    return (
        f"Time stretching leaves out {which}, recorded before the app kept it apart"
        " from the time in the session."
    )


# By the session's PhaseKind values (a test checks there is one for every kind).
PHASE_TITLES: dict[str, str] = {
    "get_ready": "Get ready",
    "stretch": "Stretch",
    "switch": "Switch sides",
    "rest": "Rest",
}


def phase_title(snap: Snapshot) -> str:
    """What the countdown ring says: the phase, or "Done" once the routine is over."""
    if snap.state == "finished" or snap.phase is None:
        return "Done"
    return PHASE_TITLES[snap.phase.kind]
