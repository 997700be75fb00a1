"""How the app words a routine's numbers for people: doses, durations, phase titles.

One place for each wording, so the library, the player, the routine builder, the tray and the
command line say the same thing the same way. Plain functions of core values; no Qt.

It imports no other core module at run time but `i18n` (the session's types only for type
checking), so the routine model can use it too. Every wording is in the active language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from stretchapp.core import i18n
from stretchapp.core.i18n import N_, _, ngettext, pgettext

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
    """'Hold 30 s' or '8 reps × 4 s', with ' each side' for a two-sided one. A timed
    stretch whose figure moves all through it (breathing, rolling over a foam roller) is not
    held: 'For 60 s' ("Hold" on the resting breath read as "hold your breath")."""
    both = str(item.sides) == "both"
    if item.hold is not None and _moves_throughout(item):
        if both:
            return _("For {seconds} s each side").format(seconds=item.hold)
        return _("For {seconds} s").format(seconds=item.hold)
    if item.hold is not None:
        if both:
            return _("Hold {seconds} s each side").format(seconds=item.hold)
        return _("Hold {seconds} s").format(seconds=item.hold)
    reps = item.reps or 0
    if both:
        text = ngettext(
            "{reps} rep × {tempo} s each side", "{reps} reps × {tempo} s each side", reps
        )
    else:
        text = ngettext("{reps} rep × {tempo} s", "{reps} reps × {tempo} s", reps)
    return text.format(reps=reps, tempo=item.tempo)


def _moves_throughout(item: object) -> bool:
    """Whether a stretch's (or an entry's stretch's) figure moves through a timed hold."""
    stretch = getattr(item, "stretch", item)
    pose = getattr(stretch, "pose", None)
    return bool(getattr(pose, "cycle_ms", 0))


def format_duration(seconds: int) -> str:
    """'45 s', '8 min', '1 h 05 min' — rounded the way a person says it, in the user's
    language (`i18n.format_duration`)."""
    return i18n.format_duration(seconds)


def precise_duration(seconds: int) -> str:
    """Like `format_duration`, but seconds kept below an hour: '4 min 10 s'."""
    return i18n.format_duration(max(0, int(seconds)), precise=True)


# Time in stretches and time in the session, said apart and the same way everywhere (the
# finish screen, History, the clinician's report, `stretchapp history`). Time in stretches
# counts the stretches only; time in the session adds get-ready, switching sides and rests
# (pauses are in neither). Sessions recorded before stretch time was kept have none: "–".
UNKNOWN = "–"
# Pieces kept for callers that still glue them after a duration ("4 min stretching"); new code
# uses the whole sentences of `time_split` and `period_times`. Marked with N_: show with `_()`.
# Translators: after a duration, "4 min stretching" (time spent in the stretches themselves).
STRETCHING = N_("stretching")
# Translators: after a duration, "6 min in the session" (get-ready and rests included).
IN_THE_SESSION = N_("in the session")
# Translators: after a duration, "1 h 15 min in sessions" (a period's total).
IN_SESSIONS = N_("in sessions")


def stretch_time(seconds: int | None) -> str:
    """Time in stretches ('4 min 10 s'), or '–' when it was not recorded (never '0 s')."""
    return UNKNOWN if seconds is None else precise_duration(seconds)


def time_split(stretch_seconds: int | None, session_seconds: int, *, sessions: bool = False) -> str:
    """'4 min 10 s stretching · 6 min in the session'; for a period's total (`sessions`),
    rounded as people say it: '47 min stretching · 1 h 15 min in sessions'."""
    if sessions:
        stretch = UNKNOWN if stretch_seconds is None else format_duration(stretch_seconds)
        return _("{stretch} stretching · {session} in sessions").format(
            stretch=stretch, session=format_duration(session_seconds)
        )
    return _("{stretch} stretching · {session} in the session").format(
        stretch=stretch_time(stretch_seconds), session=format_duration(session_seconds)
    )


def session_result(
    done: int, skipped: int, stretch_seconds: int | None, session_seconds: int
) -> str:
    """What a session came to: '3 stretches done · 1 skipped · 4 min 10 s stretching · 6 min in
    the session'."""
    parts = [ngettext("{count} stretch done", "{count} stretches done", done).format(count=done)]
    if skipped:
        # Translators: stretches skipped in a session, after "3 stretches done · ".
        parts.append(ngettext("{count} skipped", "{count} skipped", skipped).format(count=skipped))
    parts.append(time_split(stretch_seconds, session_seconds))
    return " · ".join(parts)


def stretch_of_session(stretch_seconds: int | None, session_seconds: int) -> str:
    """A table cell: '4 min 10 s of 6 min' (time in stretches of the time in the session)."""
    # Translators: a table cell, time in the stretches of the time in the session.
    return _("{stretch} of {session}").format(
        stretch=stretch_time(stretch_seconds), session=format_duration(session_seconds)
    )


def period_times(
    stretch_seconds: int, session_seconds: int, *, known: bool = True, sep: str = " "
) -> str:
    """A period's total, rounded as people say it: '4 min stretching of 6 min in sessions'
    (`sep` between the two: a newline for a narrow tile); '– stretching …' when none of its
    sessions has the figure (`known` False)."""
    stretch = format_duration(stretch_seconds) if known else UNKNOWN
    # Translators: keep the line break: a narrow tile shows two lines, a wide one a space.
    text = _("{stretch} stretching\nof {session} in sessions").format(
        stretch=stretch, session=format_duration(session_seconds)
    )
    return text.replace("\n", sep)


STRETCH_OF_SESSION_HEADING = N_("Stretching")  # a column heading: show it with `_()`
STRETCH_OF_SESSION_HELP = N_(
    "Time in the stretches, of the time in the session (get-ready and rests included)"
)


def unknown_stretch_note(sessions: int) -> str:
    """The note beside a total of time in stretches that some sessions have no figure for."""
    if sessions <= 0:
        return ""
    return ngettext(
        "Time stretching leaves out {count} earlier session, recorded before the app kept it"
        " apart from the time in the session.",
        "Time stretching leaves out {count} earlier sessions, recorded before the app kept it"
        " apart from the time in the session.",
        sessions,
    ).format(count=sessions)


# By the session's PhaseKind values (a test checks there is one for every kind); each gives
# its title in the active language.
PHASE_TITLES: dict[str, Callable[[], str]] = {
    "get_ready": lambda: pgettext("phase", "Get ready"),
    "stretch": lambda: pgettext("phase", "Stretch"),
    "switch": lambda: pgettext("phase", "Switch sides"),
    "rest": lambda: pgettext("phase", "Rest"),
}


def phase_title(snap: Snapshot) -> str:
    """What the countdown ring says: the phase, or "Done" once the routine is over."""
    if snap.state == "finished" or snap.phase is None:
        return pgettext("phase", "Done")
    return PHASE_TITLES[snap.phase.kind]()
