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
