"""How numbers are worded for people: one wording each, whoever shows them."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchapp.core import present, routines
from stretchapp.core.editing import EntryDraft
from stretchapp.core.present import PHASE_TITLES, dose_text, format_duration, phase_title
from stretchapp.core.routines import Entry, Routine, Sides, Stretch
from stretchapp.core.session import PhaseKind, Session


def stretch(**kw: object) -> Stretch:
    return Stretch("s", "S", (Path("s.svg"),), ("a", "b", "c"), **kw)  # type: ignore[arg-type]


def test_dose_of_a_stretch_an_entry_and_an_entry_being_edited() -> None:
    assert dose_text(stretch(hold=30)) == "Hold 30 s"
    assert dose_text(stretch(reps=8, tempo=4, sides=Sides.BOTH)) == "8 reps × 4 s each side"
    entry = Entry(stretch(hold=30), 45, None, 4, Sides.BOTH)
    assert dose_text(entry) == entry.dose() == "Hold 45 s each side"
    draft = EntryDraft("s", None, 10, 3, Sides.NONE)
    assert dose_text(draft) == "10 reps × 3 s"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 s"), (59, "59 s"), (60, "1 min"), (89, "1 min"), (90, "2 min"), (3599, "1 h 00 min")],
)
def test_durations_the_way_a_person_says_them(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


def test_the_routine_model_words_durations_the_same() -> None:
    assert routines.format_duration is present.format_duration
    assert format_duration(3 * 3600 + 25 * 60) == "3 h 25 min"


def test_every_phase_has_a_title_and_the_end_says_done() -> None:
    assert set(PHASE_TITLES) == {kind.value for kind in PhaseKind}
    now = [0]
    routine = Routine("r", "R", "", (Entry(stretch(hold=2), 2, None, 4, Sides.BOTH),), 1, 0, 1)
    session = Session(routine, clock=lambda: now[0])
    session.start()
    seen = []
    while session.state.value == "running":
        seen.append(phase_title(session.update()))
        now[0] += 250
    assert seen[0] == "Get ready" and "Stretch" in seen and "Switch sides" in seen
    assert phase_title(session.update()) == "Done"
