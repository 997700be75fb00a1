"""The reminder schedule: a pure function of plan, state and now, driven with exact times."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from stretchapp.core.reminders import (
    CATCH_UP_WINDOW,
    ReminderPlan,
    ReminderState,
    describe_time,
    next_reminder,
    parse_time,
    pause_for_an_hour,
    pause_until_tomorrow,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def at(text: str, zone: ZoneInfo = BERLIN) -> datetime:
    """'2025-03-03 07:00' in the zone (2025-03-03 is a Monday)."""
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def daily(*times: str, **kw: object) -> ReminderPlan:
    return ReminderPlan(times=tuple(parse_time(t) for t in times), **kw)  # type: ignore[arg-type]


def nxt(plan: ReminderPlan, now: datetime, **state: object) -> datetime | None:
    found = next_reminder(plan, ReminderState(**state), now)  # type: ignore[arg-type]
    return found.at if found is not None else None


def run_day(
    plan: ReminderPlan,
    start: datetime,
    end: datetime,
    handled: datetime | None = None,
    **state: object,
) -> list[datetime]:
    """Fire every reminder between start and end the way the window does: arm, fire, handle."""
    fired = []
    now = start
    while True:
        found = next_reminder(plan, ReminderState(handled_until=handled, **state), now)  # type: ignore[arg-type]
        if found is None or found.at > end:
            return fired
        now = max(now, found.at)
        fired.append(now)
        handled = now


def test_off_means_no_reminder() -> None:
    assert nxt(daily("08:00", enabled=False), at("2025-03-03 07:00")) is None
    assert nxt(ReminderPlan(), at("2025-03-03 07:00")) is None  # nothing planned


def test_daily_times_in_order_and_into_tomorrow() -> None:
    plan = daily("18:00", "08:00")
    assert nxt(plan, at("2025-03-03 07:00")) == at("2025-03-03 08:00")
    assert nxt(plan, at("2025-03-03 08:00:01"), handled_until=at("2025-03-03 08:00:01")) == at(
        "2025-03-03 18:00"
    )
    assert nxt(plan, at("2025-03-03 19:00")) == at("2025-03-04 08:00")
    fired = run_day(plan, at("2025-03-03 00:00"), at("2025-03-04 23:59"))
    assert [f.strftime("%d %H:%M") for f in fired] == [
        "03 08:00",
        "03 18:00",
        "04 08:00",
        "04 18:00",
    ]


def test_weekdays_only() -> None:
    plan = daily("08:00", weekdays=frozenset(range(5)))  # Monday to Friday
    friday_evening = at("2025-03-07 20:00")
    assert nxt(plan, friday_evening) == at("2025-03-10 08:00")  # Monday
    assert nxt(daily("08:00", weekdays=frozenset()), friday_evening) is None


def test_every_n_minutes_between_two_times() -> None:
    plan = ReminderPlan(every_minutes=45, window_start=time(9, 0), window_end=time(11, 0))
    fired = run_day(plan, at("2025-03-03 00:00"), at("2025-03-03 23:59"))
    assert [f.strftime("%H:%M") for f in fired] == ["09:00", "09:45", "10:30"]
    # with a daily time as well, and one that falls on an interval time only once
    both = ReminderPlan(
        times=(time(18, 0), time(9, 45)),
        every_minutes=45,
        window_start=time(9, 0),
        window_end=time(11, 0),
    )
    fired = run_day(both, at("2025-03-03 00:00"), at("2025-03-03 23:59"))
    assert [f.strftime("%H:%M") for f in fired] == ["09:00", "09:45", "10:30", "18:00"]


def test_snooze_comes_back_after_its_minutes() -> None:
    plan = daily("08:00", "18:00")
    shown = at("2025-03-03 08:00")
    found = next_reminder(
        plan, ReminderState(handled_until=shown, snoozed_until=shown + timedelta(minutes=10)), shown
    )
    assert found is not None and found.snoozed
    assert found.at == at("2025-03-03 08:10")
    # when the snooze is due it comes once; then the day goes on
    due = at("2025-03-03 08:10")
    assert nxt(plan, due, handled_until=shown, snoozed_until=due) == due
    assert nxt(plan, due, handled_until=due, snoozed_until=due) == at("2025-03-03 18:00")


def test_not_on_a_day_already_stretched() -> None:
    plan = daily("08:00", "18:00")
    today = date(2025, 3, 3)
    assert nxt(plan, at("2025-03-03 12:00"), stretched_days={today}) == at("2025-03-04 08:00")
    keep = daily("08:00", "18:00", skip_if_stretched=False)
    assert nxt(keep, at("2025-03-03 12:00"), stretched_days={today}) == at("2025-03-03 18:00")


def test_not_while_a_session_runs_and_not_right_after_it() -> None:
    plan = daily("18:00")
    assert nxt(plan, at("2025-03-03 18:00"), session_running=True) is None
    # the session ended at 18:20 and the window marks what fell due meanwhile as handled
    ended = at("2025-03-03 18:20")
    assert nxt(daily("18:00", skip_if_stretched=False), ended, handled_until=ended) == at(
        "2025-03-04 18:00"
    )


def test_a_sleep_through_reminders_gives_one_catch_up_not_a_burst() -> None:
    plan = ReminderPlan(every_minutes=30, window_start=time(9, 0), window_end=time(17, 0))
    handled = at("2025-03-03 09:00")
    woke = at("2025-03-03 11:10")  # slept through 09:30 … 11:00
    found = next_reminder(plan, ReminderState(handled_until=handled), woke)
    assert found is not None and found.catch_up and found.at == woke
    assert found.scheduled == at("2025-03-03 11:00")
    # once shown, the next is the next planned one, not the others missed
    assert nxt(plan, woke, handled_until=woke) == at("2025-03-03 11:30")
    fired = run_day(plan, woke, at("2025-03-03 12:00"), handled=handled)
    assert fired == [woke, at("2025-03-03 11:30"), at("2025-03-03 12:00")]


def test_a_long_sleep_gives_no_catch_up() -> None:
    plan = daily("08:00", "18:00")
    handled = at("2025-03-03 08:00")
    woke = at("2025-03-04 07:00")  # slept over 18:00 yesterday: too old to be worth it
    assert woke - at("2025-03-03 18:00") > CATCH_UP_WINDOW
    found = next_reminder(plan, ReminderState(handled_until=handled), woke)
    assert found is not None and not found.catch_up and found.at == at("2025-03-04 08:00")
    # and an app not run for months starts at the next planned time
    assert nxt(plan, woke, handled_until=at("2024-11-01 08:00")) == at("2025-03-04 08:00")


def test_a_timer_a_little_late_is_on_time() -> None:
    found = next_reminder(
        daily("08:00"),
        ReminderState(handled_until=at("2025-03-02 08:00")),
        at("2025-03-03 08:00:02"),
    )
    assert found is not None and found.due(at("2025-03-03 08:00:02")) and not found.catch_up


def test_a_clock_set_back_does_not_repeat_a_reminder() -> None:
    plan = daily("08:00", "18:00")
    shown = at("2025-03-03 18:00")
    set_back = at("2025-03-03 17:00")
    assert nxt(plan, set_back, handled_until=shown) == at("2025-03-04 08:00")
    # a clock that was far ahead (a wrong date) does not silence reminders for ever
    assert nxt(plan, set_back, handled_until=at("2026-01-01 08:00")) == at("2025-03-03 18:00")


def test_dst_spring_forward_and_fall_back() -> None:
    plan = daily("02:30", "08:00")
    # 2025-03-30: Berlin jumps from 02:00 to 03:00; 02:30 does not exist and comes at 03:30
    fired = run_day(plan, at("2025-03-29 12:00"), at("2025-03-30 23:00"))
    assert [f.astimezone(UTC).strftime("%d %H:%M") for f in fired] == [
        "30 01:30",  # 03:30 CEST
        "30 06:00",  # 08:00 CEST
    ]
    # 2025-10-26: 02:00–03:00 happens twice; 02:30 still comes once, and 08:00 at 08:00 CET
    fired = run_day(plan, at("2025-10-25 12:00"), at("2025-10-26 23:00"))
    assert [f.astimezone(UTC).strftime("%d %H:%M") for f in fired] == ["26 00:30", "26 07:00"]
    assert fired[1].astimezone(BERLIN).strftime("%H:%M") == "08:00"


def test_intervals_across_fall_back_and_other_zones() -> None:
    plan = ReminderPlan(every_minutes=60, window_start=time(0, 0), window_end=time(4, 0))
    fired = run_day(plan, at("2025-11-01 23:00", NEW_YORK), at("2025-11-02 05:00", NEW_YORK))
    # wall times 00:00 … 04:00 once each, although 01:00 happens twice that night
    assert [f.strftime("%H:%M") for f in fired] == ["00:00", "01:00", "02:00", "03:00", "04:00"]
    assert len({f.astimezone(UTC) for f in fired}) == 5


def test_pauses() -> None:
    plan = ReminderPlan(every_minutes=30, window_start=time(9, 0), window_end=time(17, 0))
    now = at("2025-03-03 10:05")
    assert nxt(plan, now, paused_until=pause_for_an_hour(now)) == at("2025-03-03 11:30")
    until = pause_until_tomorrow(now)
    assert until == at("2025-03-04 00:00")
    assert nxt(plan, now, paused_until=until) == at("2025-03-04 09:00")
    # a reminder due exactly when the pause ends is shown
    assert nxt(plan, now, paused_until=at("2025-03-03 10:30")) == at("2025-03-03 10:30")
    # a pause also swallows what came due during it (no catch-up after the pause)
    later = at("2025-03-03 11:10")
    assert nxt(plan, later, paused_until=at("2025-03-03 11:05"), handled_until=now) == at(
        "2025-03-03 11:30"
    )


def test_needs_an_aware_now() -> None:
    with pytest.raises(ValueError, match="aware"):
        next_reminder(daily("08:00"), ReminderState(), datetime(2025, 3, 3, 8, 0))


def test_plan_from_settings_and_described() -> None:
    settings = SimpleNamespace(
        reminders=True,
        reminder_times=("08:00", "18:00"),
        reminder_every_minutes=0,
        reminder_from="09:00",
        reminder_until="17:00",
        reminder_days=("mon", "tue", "wed", "thu", "fri"),
        reminder_skip_if_stretched=False,
    )
    plan = ReminderPlan.from_settings(settings)
    assert plan.times == (time(8, 0), time(18, 0)) and plan.weekdays == frozenset(range(5))
    assert not plan.skip_if_stretched
    assert plan.describe() == "Reminders at 08:00, 18:00, on weekdays"
    assert ReminderPlan(enabled=False).describe() == "Reminders are off"
    assert ReminderPlan().describe() == "No reminder times are set"


def test_helpers() -> None:
    now = at("2025-03-03 12:00")
    assert describe_time(at("2025-03-03 18:00"), now) == "18:00"
    assert describe_time(at("2025-03-04 08:00"), now) == "tomorrow 08:00"
    assert describe_time(at("2025-03-06 08:00"), now) == "Thu 08:00"
    with pytest.raises(ValueError):
        parse_time("24:00")
