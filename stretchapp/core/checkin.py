"""What the app says back when a person tells it how their back feels.

No Qt: the finish screen, the History page and the PDF report all ask this module.

The thresholds follow the pain-monitoring model physiotherapists use: some discomfort while
exercising, up to about 3 out of 10, is acceptable if it settles by the next day; more than
that means doing less next time. From the 0-10 check-ins (0 no pain, 10 the worst) and a
Stop's reason, one session is a *flare* when

- the pain after is higher than before by `RISE` (2) or more, or
- the pain after is `HIGH_AFTER` (7) or more, or
- the session was stopped because of pain.

A flare gets a calm note to do less next time, the gentler routine (Gentle days) and the
clinic one click away. When at least `PATTERN_AT_LEAST` (3) of the latest `PATTERN_OF` (5)
sessions that have a check-in or a stop for pain were flares, the app suggests contacting the
clinic (finish screen, History page, report). Any check-in of `GET_HELP_AT` (8) or more adds a
one-line pointer to "When to get help". The words never diagnose and never alarm: they say
what to do.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from stretchapp.core.i18n import N_, _

RISE = 2  # after - before at least this: the session made the back worse
HIGH_AFTER = 7  # after at least this: sore, whatever it was before
GET_HELP_AT = 8  # any check-in at least this: point to "When to get help"
ACCEPTABLE = 3  # discomfort up to about this while stretching is fine if it settles
PATTERN_OF = 5  # the latest sessions with a check-in (or a stop for pain) looked at …
PATTERN_AT_LEAST = 3  # … and how many of them must be flares to suggest the clinic
GENTLE_ROUTINE_ID = "gentle-recovery"
# English names, marked with N_: show them with `_()` (the bundled routine's and the health
# card's own translations should read the same).
GENTLE_ROUTINE_NAME = N_("Gentle days")
GET_HELP_TITLE = N_("When to get help")


class StopReason(StrEnum):
    """Why a person stopped a session (asked in one optional tap after Stop)."""

    PAIN = "pain"
    NO_TIME = "no_time"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(STOP_REASON_LABELS[self])


STOP_REASON_LABELS: dict[StopReason, str] = {
    StopReason.PAIN: N_("Pain"),
    StopReason.NO_TIME: N_("No time"),
    StopReason.OTHER: N_("Something else"),
}
STOP_QUESTION = N_("What made you stop?")  # show it with `_()`


# Translators: a stop reason in a list, "stopped: no time".
STOP_REASON_SHORT: dict[StopReason, str] = {
    StopReason.PAIN: N_("pain"),
    StopReason.NO_TIME: N_("no time"),
    StopReason.OTHER: N_("other"),
}


# Translators: a stop reason inside a sentence, "Stopped because of: something else."
STOP_REASON_SAID: dict[StopReason, str] = {
    StopReason.PAIN: N_("pain"),
    StopReason.NO_TIME: N_("no time"),
    StopReason.OTHER: N_("something else"),
}


def stop_reason_said(reason: StopReason) -> str:
    """A stop reason inside a sentence ("Stopped because of: no time."), translated."""
    return _(STOP_REASON_SAID[reason])


def stop_reason_text(reason: str | None) -> str:
    """A stop reason as a list shows it ("stopped: no time"); "" for None or an unknown one."""
    if reason is None:
        return ""
    try:
        return _(STOP_REASON_SHORT[StopReason(reason)])
    except ValueError:
        return ""


class _Said(Protocol):
    @property
    def before(self) -> int | None: ...
    @property
    def after(self) -> int | None: ...
    @property
    def stop_reason(self) -> str | None: ...


@dataclass(frozen=True)
class Response:
    """What one session told the app: the check-ins (0-10 or None) and a Stop's reason."""

    before: int | None = None
    after: int | None = None
    stop_reason: str | None = None

    @classmethod
    def of(cls, said: _Said) -> Response:
        """From anything with before, after and stop_reason (a history PainPoint)."""
        return cls(said.before, said.after, said.stop_reason)

    @property
    def rose(self) -> bool:
        return (
            self.before is not None and self.after is not None and self.after - self.before >= RISE
        )

    @property
    def high(self) -> bool:
        return self.after is not None and self.after >= HIGH_AFTER

    @property
    def stopped_for_pain(self) -> bool:
        return self.stop_reason == StopReason.PAIN

    @property
    def flare(self) -> bool:
        """This session left the back worse, or was stopped because of pain."""
        return self.rose or self.high or self.stopped_for_pain

    @property
    def strongest(self) -> int | None:
        given = [v for v in (self.before, self.after) if v is not None]
        return max(given) if given else None

    @property
    def very_painful(self) -> bool:
        strongest = self.strongest
        return strongest is not None and strongest >= GET_HELP_AT


def flares(responses: Iterable[_Said | Response]) -> tuple[int, int]:
    """(flares, sessions) among the latest PATTERN_OF responses (oldest first in, as given)."""
    latest = [r if isinstance(r, Response) else Response.of(r) for r in responses][-PATTERN_OF:]
    return sum(r.flare for r in latest), len(latest)


def pattern(responses: Iterable[_Said | Response]) -> bool:
    """At least PATTERN_AT_LEAST of the latest PATTERN_OF responses were flares."""
    return flares(responses)[0] >= PATTERN_AT_LEAST


def pattern_text(responses: Iterable[_Said | Response]) -> str:
    """The suggestion to contact the clinic when there is a pattern, else ""."""
    n, of = flares(responses)
    if n < PATTERN_AT_LEAST:
        return ""
    # n is at least PATTERN_AT_LEAST (3): always a plural.
    return _(
        "In {count} of your last {of} sessions with a check-in, your back felt worse afterwards "
        "or you stopped because of pain. Please talk this over with your clinic or a "
        "physiotherapist: they can help you find a routine that suits your back."
    ).format(count=n, of=of)


def help_pointer() -> str:
    """The one line shown beside any check-in of GET_HELP_AT or more."""
    return _("With pain this strong, check “{title}” for the signs that need a doctor.").format(
        title=_(GET_HELP_TITLE)
    )


def before_note(before: int | None) -> str:
    """A line for the player when the check-in before the session was high, else ""."""
    if before is None or before < GET_HELP_AT:
        return ""
    return _(
        "Go very gently today. Afterwards, see “{title}” in Settings → About back spasms."
    ).format(title=_(GET_HELP_TITLE))


@dataclass(frozen=True)
class Guidance:
    """What the finish screen says after a session; every part may be empty."""

    title: str = ""
    lines: tuple[str, ...] = ()
    suggest_gentle: bool = False  # offer the Gentle days routine
    offer_clinic: bool = False  # the clinic one click away
    pattern: str = ""  # the suggestion to contact the clinic (several sessions)
    get_help: str = ""  # the one-line pointer to "When to get help"

    @property
    def empty(self) -> bool:
        return not (self.title or self.lines or self.pattern or self.get_help)

    def text(self) -> str:
        """Everything it says, in reading order."""
        return "\n".join(t for t in (self.title, *self.lines, self.pattern, self.get_help) if t)


def guidance(now: Response, recent: Sequence[_Said | Response] = ()) -> Guidance:
    """What to say after a session that told the app `now`; `recent`: the latest responses,
    oldest first, this session's included (as `HistoryStore.responses()` returns them)."""
    lines: list[str] = []
    title = ""
    if now.flare:
        title = _("Go a little easier next time")
        if now.stopped_for_pain and not (now.rose or now.high):
            lines.append(_("You stopped because it hurt. Stopping was the right thing to do."))
        elif now.rose:
            lines.append(
                _(
                    "Your back felt worse after stretching today ({before} before, {after} after)."
                ).format(before=now.before, after=now.after)
            )
        else:
            lines.append(
                _("Your back is quite sore right now ({after} out of 10).").format(after=now.after)
            )
        lines.append(
            _(
                "Stretching should feel like a gentle pull: mild discomfort, up to about "
                "{acceptable} out of 10, that settles by the next day. Next time do less: shorter "
                "holds, fewer stretches, or the {routine} routine."
            ).format(acceptable=ACCEPTABLE, routine=_(GENTLE_ROUTINE_NAME))
        )
        lines.append(_("If it has not settled by tomorrow, talk to your clinic."))
    return Guidance(
        title=title,
        lines=tuple(lines),
        suggest_gentle=now.flare,
        offer_clinic=now.flare,
        pattern=pattern_text(recent) if now.flare else "",
        get_help=help_pointer() if now.very_painful else "",
    )
