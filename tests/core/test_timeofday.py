"""Times of day and weekdays: one module for the settings file, the reminders and the pane."""

from __future__ import annotations

from datetime import time

import pytest

from stretchapp.core import reminders, settings
from stretchapp.core.settings import Settings, check_setting
from stretchapp.core.timeofday import (
    WEEKDAY_NAMES,
    WEEKDAYS,
    is_time,
    parse_time,
    split_times,
    weekday_name,
)


@pytest.mark.parametrize("text", ["00:00", "08:30", "19:05", "23:59"])
def test_times_of_day(text: str) -> None:
    assert is_time(text)
    assert parse_time(text).strftime("%H:%M") == text


@pytest.mark.parametrize("text", ["8:30", "24:00", "12:60", "12:5", " 08:30", "08:30\n", "", 830])
def test_not_times_of_day(text: object) -> None:
    assert not is_time(text)
    with pytest.raises((ValueError, TypeError)):
        parse_time(text)  # type: ignore[arg-type]


def test_what_a_person_types_is_split_and_padded_not_checked() -> None:
    assert split_times("18:00, 7:30") == ("18:00", "07:30")
    assert split_times(" 8:00;9:15 ,, ") == ("08:00", "09:15")
    assert split_times("noon, 25:00") == ("noon", "25:00")
    assert split_times("") == ()


def test_weekdays_monday_first() -> None:
    assert WEEKDAYS[0] == "mon" and WEEKDAYS[-1] == "sun" and len(set(WEEKDAYS)) == 7
    assert [weekday_name(d) for d in WEEKDAYS] == list(WEEKDAY_NAMES)
    assert weekday_name("sun") == "Sunday"
    assert time(8, 0) == parse_time("08:00")


def test_settings_and_reminders_use_the_same_definitions() -> None:
    assert settings.WEEKDAYS is WEEKDAYS and reminders.WEEKDAYS is WEEKDAYS
    assert reminders.parse_time is parse_time


def test_a_setting_is_checked_against_its_declaration() -> None:
    assert check_setting("reminder_times", ("18:00", "07:30")) == (("07:30", "18:00"), None)
    value, problem = check_setting("reminder_times", ("07:30", "25:00"))
    assert value is None
    assert problem is not None and problem.startswith("'25:00' is not a time (a list of up to")
    assert check_setting("reminder_days", ("sun", "mon")) == (("mon", "sun"), None)
    assert check_setting("reminder_days", ("someday",))[1] == (
        "'someday' is not a day (a list of days: mon, tue, wed, thu, fri, sat, sun)"
    )
    with pytest.raises(ValueError, match="unknown setting"):
        check_setting("nope", 1)
    with pytest.raises(ValueError, match=r"^settings: reminder_from: '7' is not a time"):
        Settings().replace(reminder_from="7")
