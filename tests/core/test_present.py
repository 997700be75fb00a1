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


def test_a_timed_stretch_that_moves_throughout_is_not_called_a_hold(paths: object) -> None:
    """ "Hold 60 s" on the resting breath read as "hold your breath"; a foam roller is rolled
    over, not held on."""
    from stretchapp.core.paths import Paths

    assert isinstance(paths, Paths)
    library = routines.load_library(paths.bundled_routines_dir, None, paths.assets_dir)
    shown = {s.id: dose_text(s) for s in library.stretches.values()}
    assert shown["constructive-rest"] == "For 60 s"
    assert shown["foam-roll-upper-back"] == "For 60 s"
    assert shown["childs-pose"].startswith("Hold ")  # a still hold is a hold


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


# ---- time in stretches and time in the session (issue 14 item 6) -------------------------------


def test_precise_duration_keeps_seconds_below_an_hour() -> None:
    assert present.precise_duration(45) == "45 s"
    assert present.precise_duration(250) == "4 min 10 s"
    assert present.precise_duration(240) == "4 min"
    assert present.precise_duration(3900) == "1 h 05 min"


def test_stretch_time_unknown_is_a_dash_never_zero() -> None:
    assert present.stretch_time(None) == "–"
    assert present.stretch_time(0) == "0 s"
    assert present.stretch_time(250) == "4 min 10 s"


def test_a_session_result_says_stretching_and_the_session_apart() -> None:
    assert (
        present.session_result(3, 0, 250, 360)
        == "3 stretches done · 4 min 10 s stretching · 6 min in the session"
    )
    assert (
        present.session_result(0, 2, 0, 4)
        == "0 stretches done · 2 skipped · 0 s stretching · 4 s in the session"
    )
    assert present.session_result(1, 0, 30, 45).startswith("1 stretch done · 30 s stretching")


def test_time_split_for_one_session_and_for_many() -> None:
    assert present.time_split(250, 360) == "4 min 10 s stretching · 6 min in the session"
    assert present.time_split(None, 360) == "– stretching · 6 min in the session"
    assert present.time_split(250, 360, sessions=True) == "4 min stretching · 6 min in sessions"


def test_stretch_of_session_for_tables() -> None:
    assert present.stretch_of_session(250, 360) == "4 min 10 s of 6 min"
    assert present.stretch_of_session(None, 360) == "– of 6 min"


def test_the_note_on_sessions_without_stretch_time() -> None:
    assert present.unknown_stretch_note(0) == ""
    note = present.unknown_stretch_note(2)
    assert "2 earlier sessions" in note and "leaves out" in note
    assert "1 earlier session," in present.unknown_stretch_note(1)


def test_period_times_for_tiles() -> None:
    assert present.period_times(250, 360) == "4 min stretching of 6 min in sessions"
    assert present.period_times(0, 360, known=False, sep="\n") == (
        "– stretching\nof 6 min in sessions"
    )
