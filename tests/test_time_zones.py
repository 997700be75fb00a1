"""The calendar logic under other time zones than the pinned one.

Days, weeks, streaks and reminder times follow the local calendar. The suite pins TZ to UTC
(tests/conftest.py), which has no DST and no offset; here the calendar tests run again in a
child pytest under a zone far ahead of UTC with southern-hemisphere DST, and one behind it with
northern DST, so a test or a query that quietly assumes UTC (or the machine's zone) fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CALENDAR_TESTS = (
    "tests/core/test_history.py",
    "tests/core/test_reminders.py",
    "tests/ui/test_history_view.py",
)


@pytest.mark.parametrize("zone", ["Pacific/Auckland", "America/New_York"])
def test_calendar_tests_pass_in_another_zone(zone: str) -> None:
    env = dict(os.environ, STRETCHAPP_TEST_TZ=zone)
    env.pop("PYTEST_ADDOPTS", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *CALENDAR_TESTS],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout.splitlines()[-1]
