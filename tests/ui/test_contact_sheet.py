"""scripts/contact-sheet, the sheet a person judges the figures by, shows what the player shows."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImage

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


def test_a_blind_set_shows_every_posed_stretch_once_with_no_names(
    qapp: object, tmp_path: Path
) -> None:
    """`--blind` makes what a blind reviewer is shown: a card and a strip per stretch, named
    by number only, and the key to them kept out of the folder."""
    sheet = load_sheet()
    posed = [s for s in LIBRARY.stretches.values() if s.pose is not None]
    out, key = tmp_path / "shown", tmp_path / "key.json"
    assert sheet.main(["--blind", str(out), "--key", str(key), "--seed", "7"]) == 0
    answers = json.loads(key.read_text(encoding="utf-8"))
    assert sorted(answers.values()) == sorted(s.id for s in posed)
    numbers = [f"{i:02d}" for i in range(1, len(posed) + 1)]
    assert sorted(answers) == numbers
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted([f"card{n}.png" for n in numbers] + [f"full{n}.png" for n in numbers])
    names = {s.id for s in posed} | {s.name.lower() for s in posed}
    assert not any(name in file for file in files for name in names)
    card = QImage(str(out / "card01.png"))
    assert (card.width(), card.height()) == (120, 90)
    # the card is the library card's still picture, drawn as the sheet draws it
    first = LIBRARY.stretches[answers["01"]]
    want = sheet._picture_strip([still_drawing(first.pose)], 120, 90)
    assert card.convertToFormat(want.format()) == want
    shown = [p for label, p in sheet.pictures(first) if label != "library card"]
    assert QImage(str(out / "full01.png")).width() == len(shown) * (640 + sheet.GAP) - sheet.GAP
    # the same seed, the same order; another seed, another
    again = tmp_path / "again.json"
    assert sheet.main(["--blind", str(tmp_path / "b"), "--key", str(again), "--seed", "7"]) == 0
    assert json.loads(again.read_text(encoding="utf-8")) == answers
    other = tmp_path / "other.json"
    assert sheet.main(["--blind", str(tmp_path / "c"), "--key", str(other), "--seed", "8"]) == 0
    assert json.loads(other.read_text(encoding="utf-8")) != answers


def test_a_blind_sets_key_is_refused_inside_the_folder_shown(qapp: object, tmp_path: Path) -> None:
    sheet = load_sheet()
    out = tmp_path / "shown"
    assert sheet.main(["--blind", str(out), "--key", str(out / "key.json")]) == 2
    assert not (out / "key.json").exists()
    assert not out.exists() or not any(out.iterdir())


def test_a_blind_set_that_cannot_be_written_says_so(
    qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = load_sheet()
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert sheet.main(["--blind", str(blocker / "shown"), "--key", str(tmp_path / "k.json")]) == 1
    assert "could not make the folder" in capsys.readouterr().err
    assert sheet.main(["--blind", str(tmp_path / "shown"), "--key", str(blocker / "k.json")]) == 1
    assert "could not write the key" in capsys.readouterr().err
