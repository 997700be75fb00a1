"""When to remind someone to stretch: a pure function of the plan, what happened, and now.

No Qt and no clock of its own: the caller passes an aware `now` (any zoneinfo zone) and gets the
next reminder back, and the window arms one timer for it. Everything is compared in UTC, while
the schedule is laid out in the local wall-clock time of `now`'s zone, so DST days get each
daily time once (a time skipped by spring-forward comes an hour later; a time that happens twice
in autumn comes the first time).

The caller keeps `handled_until`: every reminder due at or before it was shown, skipped or
dropped (a session that ends sets it too). That one instant is what keeps reminders from
repeating after the clock is set back, and from coming in a burst after a sleep: reminders missed
while the computer slept become at most one catch-up, and only if the latest was recent.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from stretchapp.core import i18n
from stretchapp.core.i18n import _
from stretchapp.core.timeofday import WEEKDAYS, parse_time

# A reminder missed by more than this (the computer slept, or was off) is not caught up.
CATCH_UP_WINDOW = timedelta(hours=2)
# A timer firing this late still counts as on time (not a catch-up).
ON_TIME = timedelta(seconds=90)
# A clock set back by more than this was wrong before: what happened "later" is forgotten.
CLOCK_BACK_LIMIT = timedelta(days=1)
_DAYS_AHEAD = 8  # a week of weekdays, plus today


@dataclass(frozen=True)
class ReminderPlan:
    """What the person asked for. Build one from settings with `from_settings`."""

    enabled: bool = True
    times: tuple[time, ...] = ()
    every_minutes: int = 0  # 0: no repeating reminders
    window_start: time = time(9, 0)
    window_end: time = time(17, 0)
    weekdays: frozenset[int] = frozenset(range(7))  # 0 is Monday
    skip_if_stretched: bool = True

    @classmethod
    def from_settings(cls, settings: object) -> ReminderPlan:
        """From a `Settings` (read by attribute, so this module needs no settings import)."""
        days = frozenset(
            WEEKDAYS.index(d) for d in getattr(settings, "reminder_days", WEEKDAYS) if d in WEEKDAYS
        )
        return cls(
            enabled=bool(getattr(settings, "reminders", False)),
            times=tuple(parse_time(t) for t in getattr(settings, "reminder_times", ())),
            every_minutes=int(getattr(settings, "reminder_every_minutes", 0)),
            window_start=parse_time(getattr(settings, "reminder_from", "09:00")),
            window_end=parse_time(getattr(settings, "reminder_until", "17:00")),
            weekdays=days,
            skip_if_stretched=bool(getattr(settings, "reminder_skip_if_stretched", True)),
        )

    def times_on(self, day: date) -> list[time]:
        """The wall-clock times of this plan's reminders on one day, in order."""
        if day.weekday() not in self.weekdays:
            return []
        found = set(self.times)
        if self.every_minutes > 0:
            start = self.window_start.hour * 60 + self.window_start.minute
            end = self.window_end.hour * 60 + self.window_end.minute
            minute = start
            while minute <= end:
                found.add(time(minute // 60, minute % 60))
                minute += self.every_minutes
        return sorted(found)

    def describe(self) -> str:
        """The plan in a few words, for the settings pane and the tray tooltip."""
        if not self.enabled:
            return _("Reminders are off")
        parts = []
        if self.times:
            times = ", ".join(i18n.format_time(t) for t in self.times)
            parts.append(_("at {times}").format(times=times))
        if self.every_minutes:
            parts.append(
                _("every {minutes} min from {start} to {end}").format(
                    minutes=self.every_minutes,
                    start=i18n.format_time(self.window_start),
                    end=i18n.format_time(self.window_end),
                )
            )
        if not parts or not self.weekdays:
            return _("No reminder times are set")
        if len(self.weekdays) == 7:
            days = _("every day")
        elif self.weekdays == frozenset(range(5)):
            days = _("on weekdays")
        else:
            # In the order the user's week runs (Sunday first where that is the custom).
            first = i18n.first_weekday()
            names = [
                i18n.weekday_name(d, "abbreviated")
                for d in sorted(self.weekdays, key=lambda d: (d - first) % 7)
            ]
            days = _("on {days}").format(days=", ".join(names))
        when = (
            parts[0]
            if len(parts) == 1
            else _("{first} and {second}").format(first=parts[0], second=parts[1])
        )
        return _("Reminders {when}, {days}").format(when=when, days=days)


@dataclass(frozen=True)
class ReminderState:
    """What happened so far, as the window keeps it."""

    handled_until: datetime | None = None  # reminders due at or before this are done with
    snoozed_until: datetime | None = None
    paused_until: datetime | None = None
    stretched_days: Collection[date] = field(default_factory=frozenset)  # local dates
    session_running: bool = False


@dataclass(frozen=True)
class Reminder:
    """The next reminder: `at` is when to show it (now, when it is due or caught up);
    `scheduled` is the planned time it stands for."""

    at: datetime
    scheduled: datetime
    catch_up: bool = False
    snoozed: bool = False

    def due(self, now: datetime) -> bool:
        return self.at <= now


def next_reminder(plan: ReminderPlan, state: ReminderState, now: datetime) -> Reminder | None:
    """The next reminder to show, or None (reminders off, nothing planned, or a session runs:
    then the caller asks again when it ends). `now` must be aware; times come back in its zone.
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    if not plan.enabled or state.session_running:
        return None
    now_utc = now.astimezone(UTC)
    floor = _done_until(state, now_utc)
    return _choose(_candidates(plan, state, floor, now), now)


def _done_until(state: ReminderState, now_utc: datetime) -> datetime:
    """The UTC instant at or before which every reminder is done with."""
    floor = now_utc
    if state.handled_until is not None:
        handled = state.handled_until.astimezone(UTC)
        if handled <= now_utc or handled - now_utc <= CLOCK_BACK_LIMIT:
            # Normally in the past. Ahead of now means the clock was set back: what was
            # already shown is not shown again.
            floor = handled
    paused = state.paused_until.astimezone(UTC) if state.paused_until is not None else None
    if paused is not None and paused > floor:
        floor = paused - timedelta(microseconds=1)  # a reminder exactly at the end counts
    return floor


def _candidates(
    plan: ReminderPlan, state: ReminderState, floor: datetime, now: datetime
) -> list[tuple[datetime, bool]]:
    """Reminders after `floor` as (UTC instant, is the snooze), in order: those since the
    catch-up window began, and the first one ahead of now (the week after is searched)."""
    zone = now.tzinfo
    now_utc = now.astimezone(UTC)
    skip_days = set(state.stretched_days) if plan.skip_if_stretched else set()
    candidates: list[tuple[datetime, bool]] = []
    if state.snoozed_until is not None:
        snooze = state.snoozed_until.astimezone(UTC)
        if snooze > floor:
            candidates.append((snooze, True))
    since = min(max(floor, now_utc - CATCH_UP_WINDOW), now_utc)
    first_day = since.astimezone(zone).date() - timedelta(days=1)
    for instant in _planned(plan, first_day, zone):
        if instant <= floor or instant.astimezone(zone).date() in skip_days:
            continue
        candidates.append((instant, False))
        if instant > now_utc:
            break  # the first one ahead is all that is needed
    return sorted(candidates)


def _choose(candidates: list[tuple[datetime, bool]], now: datetime) -> Reminder | None:
    """The latest missed reminder if it is recent enough to catch up, else the next one."""
    zone = now.tzinfo
    now_utc = now.astimezone(UTC)
    missed = [c for c in candidates if c[0] <= now_utc]
    if missed:
        latest, snoozed = missed[-1]
        if now_utc - latest <= CATCH_UP_WINDOW:
            return Reminder(
                at=now,
                scheduled=latest.astimezone(zone),
                catch_up=now_utc - latest > ON_TIME,
                snoozed=snoozed,
            )
    ahead = [c for c in candidates if c[0] > now_utc]
    if not ahead:
        return None
    instant, snoozed = ahead[0]
    local = instant.astimezone(zone)
    return Reminder(at=local, scheduled=local, snoozed=snoozed)


def _planned(plan: ReminderPlan, first_day: date, zone: object) -> Iterator[datetime]:
    """Planned reminders as UTC instants, in order, from `first_day` for about a week."""
    seen: set[datetime] = set()
    for n in range(_DAYS_AHEAD + 3):
        day = first_day + timedelta(days=n)
        instants = sorted({_instant(day, t, zone) for t in plan.times_on(day)})
        for instant in instants:
            if instant not in seen:  # two wall times can meet at one instant around DST
                seen.add(instant)
                yield instant


def _instant(day: date, wall: time, zone: object) -> datetime:
    """The UTC instant of a wall-clock time on a day. A time that does not exist (DST gap)
    is taken with the offset before the change, i.e. it comes an hour later; a time that
    happens twice is its first occurrence (fold 0)."""
    local = datetime.combine(day, wall, tzinfo=zone)  # type: ignore[arg-type]
    return local.astimezone(UTC)


def snooze_until(now: datetime, minutes: int) -> datetime:
    return now + timedelta(minutes=minutes)


def pause_for_an_hour(now: datetime) -> datetime:
    return now + timedelta(hours=1)


def pause_until_tomorrow(now: datetime) -> datetime:
    """The start of the next local day (in `now`'s zone)."""
    tomorrow = now.date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(0, 0), tzinfo=now.tzinfo).astimezone(now.tzinfo)


def describe_time(when: datetime, now: datetime) -> str:
    """ "18:00", "tomorrow 08:00" or "Mon 08:00"."""
    days = (when.date() - now.date()).days
    clock = i18n.format_time(when)
    if days <= 0:
        return clock
    if days == 1:
        return _("tomorrow {time}").format(time=clock)
    return _("{weekday} {time}").format(
        weekday=i18n.weekday_name(when.weekday(), "abbreviated"), time=clock
    )
