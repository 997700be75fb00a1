"""scripts/contact-sheet, the sheet a person judges the figures by, shows what the player shows."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from stretchapp.core.drawing import Drawing, drawing_at, still_drawing
from stretchapp.core.routines import Sides, load_library
from stretchapp.core.session import PhaseKind
from tests.scripts import load_script

REPO = Path(__file__).resolve().parents[2]


def load_sheet() -> ModuleType:
    return load_script("contact-sheet", "contact_sheet")


LIBRARY = load_library(REPO / "routines", None, REPO / "assets")
HELD_BOTH_SIDES = [  # still holds, done on both sides (a roll's hold moves: moves: true)
    s.id
    for s in LIBRARY.stretches.values()
    if s.pose and s.hold and not s.pose.cycle_ms and s.sides is Sides.BOTH
]


def test_there_are_held_two_sided_stretches() -> None:
    assert "seated-twist" in HELD_BOTH_SIDES


@pytest.mark.parametrize("stretch_id", HELD_BOTH_SIDES)
def test_a_holds_right_side_is_the_held_pose(qapp: object, stretch_id: str) -> None:
    # The sheet once drew a hold's right side as if it were done in repetitions: halfway
    # back to the start, its arrow pointing the way back (a blind review, ab133, read it as
    # the turn going the same way on both sides).
    stretch = LIBRARY.stretches[stretch_id]
    shown = dict(load_sheet().pictures(stretch))["right side"]
    assert isinstance(shown, Drawing)
    phase_ms = (stretch.hold or 0) * 1000
    held = drawing_at(
        stretch.pose,
        phase=PhaseKind.STRETCH,
        elapsed_ms=phase_ms - 1,
        phase_ms=phase_ms,
        rep_ms=0,
        side="right",
    )
    assert shown == held


CARD_CAMERAS = [
    s.id
    for s in LIBRARY.stretches.values()
    if s.pose and (s.pose.card_azimuth is not None or s.pose.card_elevation is not None)
]


def test_there_are_cards_with_their_own_camera() -> None:
    assert {"seated-twist", "figure-4", "lower-back-rotation"} <= set(CARD_CAMERAS)


@pytest.mark.parametrize("stretch_id", CARD_CAMERAS)
def test_a_card_with_its_own_camera_is_on_the_sheet(qapp: object, stretch_id: str) -> None:
    """A card seen from elsewhere than the player is a picture of its own, judged on the
    sheet like every other (the twist's, the figure-4's and the lower-back rotation's)."""
    stretch = LIBRARY.stretches[stretch_id]
    shown = dict(load_sheet().pictures(stretch))
    assert shown["library card"] == still_drawing(stretch.pose)
    assert all(
        picture != shown["library card"]
        for name, picture in shown.items()
        if name != "library card"
    )
