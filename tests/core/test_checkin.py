"""What the app says back to the check-ins: every threshold and its boundary."""

from __future__ import annotations

import pytest

from stretchapp.core import checkin as c
from stretchapp.core.checkin import Response, StopReason, guidance, pattern


@pytest.mark.parametrize(
    ("before", "after", "flare"),
    [
        (3, 5, True),  # rose by exactly 2
        (3, 4, False),  # rose by 1
        (0, 2, True),
        (5, 3, False),  # better
        (None, 6, False),  # no before: a rise cannot be told, and 6 is below 7
        (None, 7, True),  # 7 after: sore, whatever it was before
        (7, 7, True),  # the same, but 7 or more
        (6, 6, False),
        (8, None, False),  # only a before: nothing to compare
        (None, None, False),
    ],
)
def test_a_flare_is_a_rise_of_two_or_an_after_of_seven(
    before: int | None, after: int | None, flare: bool
) -> None:
    assert Response(before, after).flare is flare
    assert guidance(Response(before, after)).suggest_gentle is flare


@pytest.mark.parametrize("reason", ["no_time", "other", None])
def test_only_a_stop_for_pain_is_a_flare(reason: str | None) -> None:
    assert not Response(2, 2, reason).flare
    assert Response(2, 2, "pain").flare
    assert Response(None, None, StopReason.PAIN).flare


def test_a_rising_pain_gets_a_calm_note_the_gentle_routine_and_the_clinic() -> None:
    g = guidance(Response(3, 5))
    assert g.title == "Go a little easier next time"
    assert g.suggest_gentle and g.offer_clinic
    text = g.text()
    assert "3 before, 5 after" in text
    assert "Gentle days" in text and "about 3 out of 10" in text and "next day" in text
    assert "do less" in text
    assert not g.get_help and not g.pattern


def test_a_high_after_says_so_without_a_comparison() -> None:
    text = guidance(Response(None, 7)).text()
    assert "quite sore right now (7 out of 10)" in text
    assert "before" not in text.split("\n")[1]


def test_a_stop_for_pain_is_answered_kindly() -> None:
    g = guidance(Response(None, None, "pain"))
    assert "You stopped because it hurt" in g.text() and g.suggest_gentle and g.offer_clinic


def test_nothing_is_said_when_nothing_went_wrong() -> None:
    for r in (Response(), Response(4, 4), Response(6, 2), Response(2, 3, "no_time")):
        assert guidance(r).empty
        assert guidance(r).text() == ""


@pytest.mark.parametrize(
    ("before", "after", "pointer"),
    [(8, None, True), (None, 8, True), (7, 7, False), (2, 10, True), (7, None, False)],
)
def test_any_check_in_of_eight_points_to_when_to_get_help(
    before: int | None, after: int | None, pointer: bool
) -> None:
    g = guidance(Response(before, after))
    assert bool(g.get_help) is pointer
    if pointer:
        assert "When to get help" in g.get_help and "\n" not in g.get_help
    assert bool(c.before_note(before)) is (before is not None and before >= 8)


def test_a_pattern_is_three_flares_in_the_latest_five() -> None:
    calm, flare = Response(3, 3), Response(3, 6)
    assert not pattern([flare, flare, calm, calm, calm])
    assert pattern([flare, flare, calm, calm, flare])
    assert pattern([flare, flare, flare])  # fewer than five is enough with three
    assert not pattern([flare, flare])
    # Only the latest five count: old flares fall out of the window.
    assert not pattern([flare, flare, flare, calm, calm, calm, flare, flare])
    assert pattern([Response(None, None, "pain")] * 3)


def test_the_pattern_is_said_on_the_finish_screen_with_its_numbers() -> None:
    flare = Response(3, 6)
    g = guidance(flare, [Response(2, 2), flare, flare, flare])
    assert "3 of your last 4 sessions" in g.pattern and "clinic" in g.pattern
    assert "3 of your last 4" in c.pattern_text([Response(2, 2), flare, flare, flare])
    assert c.pattern_text([flare, flare]) == ""


def test_the_words_never_alarm() -> None:
    everything = " ".join(
        [
            guidance(Response(2, 9, "pain"), [Response(3, 9)] * 5).text(),
            c.before_note(10),
            c.help_pointer(),
        ]
    ).lower()
    for word in ("danger", "emergency", "serious", "damage", "injur", "urgent", "!"):
        assert word not in everything


def test_stop_reasons_read_as_words() -> None:
    assert [r.label for r in StopReason] == ["Pain", "No time", "Something else"]
    assert c.stop_reason_text("no_time") == "no time"
    assert c.stop_reason_text("other") == "other"
    assert c.stop_reason_text(None) == c.stop_reason_text("bogus") == ""
