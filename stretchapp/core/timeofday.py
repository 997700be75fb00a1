"""Times of day and weekdays as settings, reminders and the settings pane write them.

A time of day is "HH:MM" on the 24-hour clock ("08:00", "18:30"); weekdays are "mon" … "sun",
Monday first, as in the settings file. One place for both, so the file's checker, the reminder
schedule and the pane cannot disagree.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from stretchapp.core import i18n
from stretchapp.core.i18n import _

if TYPE_CHECKING:  # (imported when a time is first read: the start reads none)
    from datetime import time

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# The English names, as the settings file's comments and docs say them; a person sees
# `weekday_name`, in their language.
WEEKDAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


def is_time(text: object) -> bool:
    """Whether `text` is a time of day as HH:MM."""
    return isinstance(text, str) and _TIME.fullmatch(text) is not None


def parse_time(text: str) -> time:
    """ "08:30" → time(8, 30). ValueError for anything else."""
    match = _TIME.fullmatch(text)
    if not match:
        raise ValueError(_("{value} is not a time of day as HH:MM").format(value=repr(text)))
    from datetime import time

    return time(int(match.group(1)), int(match.group(2)))


def split_times(typed: str) -> tuple[str, ...]:
    """The times a person typed ("8:00, 18:00" or "8:00; 18:00"), in order, "8:00" written
    as "08:00". Not checked: anything else is passed on for the checker to name."""
    items = (item.strip() for item in typed.replace(";", ",").split(","))
    return tuple(("0" + t) if len(t) == 4 and t[1] == ":" else t for t in items if t)


def weekday_name(day: str) -> str:
    """ "mon" → "Monday" ("Montag", "lundi", "lunes") in the active language."""
    return i18n.weekday_name(WEEKDAYS.index(day))
