"""What a moving figure's frame repaints is worked out once for each pair of steps and kept
(`Illustration._change`): a movement's steps follow each other the same way in every
repetition. Kept, it must be what working it out afresh gives, at the size the widget has
now; a still pose repaints nothing; a new stretch starts with nothing kept.

Driven by a fake clock, as the player's own timer paces it (tests/ui/test_figure_pacing.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QRectF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import stretchapp.ui.figure as figure
from stretchapp.core.drawing import Drawing, KeyPose, StretchPose
from stretchapp.core.routines import Entry, Routine, Sides, Stretch
from stretchapp.ui.illustration import Illustration
from stretchapp.ui.player import PlayerPage
from tests.fake_clock import FakeClock as Clock
from tests.ui.figure_images import started_page

POSE = StretchPose(
    keys=(
        KeyPose("lying", (("body_pitch", -90.0),)),
        KeyPose("knee up", (("body_pitch", -90.0), ("hip_flex_l", 100.0), ("knee_flex_l", 110.0))),
    )
)
TEMPO = 4


def afresh(picture: Illustration, old: Drawing, new: Drawing) -> tuple[bool, QRect] | None:
    """What showing `new` after `old` repaints, worked out as the player did before it
    was kept: nothing for the same picture, all of it when the props behind moved, else the
    moved parts' bounds."""
    if new == old:
        return None
    if figure.backdrop(old) != figure.backdrop(new):
        return True, QRect()
    skip = len(figure.backdrop(new).items)
    changed = figure.changed_bounds(old, new, QRectF(picture.rect()), skip)
    return False, QRect() if changed.isEmpty() else changed.toAlignedRect()


def started(qtbot: QtBot, clock: Clock) -> PlayerPage:
    reps = Stretch("reps", "Reps", (), ("a", "b", "c"), reps=10, tempo=TEMPO, pose=POSE)
    routine = Routine("r", "R", "", (Entry(reps, None, 10, TEMPO, Sides.NONE),), get_ready=0)
    page = started_page(qtbot, routine, clock, (1920, 1080))
    QApplication.processEvents()
    return page


def run(page: PlayerPage, clock: Clock, ms: int) -> None:
    end = clock.now + ms
    while clock.now < end:
        clock.now += max(1, page.timer.interval())
        page._on_timer()
        QApplication.processEvents()


def test_a_frame_repaints_what_working_it_out_afresh_gives(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    page = started(qtbot, clock)
    picture = page.illustration
    run(page, clock, TEMPO * 1000)  # the first repetition: worked out
    shown: list[tuple[Drawing, Drawing, tuple[bool, QRect] | None]] = []
    kept = picture._change

    def recorded(old: Drawing, new: Drawing) -> tuple[bool, QRect] | None:
        change = kept(old, new)
        shown.append((old, new, change))
        return change

    measured: list[int] = []
    bounds = figure.changed_bounds

    def counted(*args: object, **kwargs: object) -> QRectF:
        measured.append(1)
        return bounds(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(picture, "_change", recorded)
    monkeypatch.setattr(figure, "changed_bounds", counted)
    run(page, clock, 2 * TEMPO * 1000)  # two more: kept
    assert len(shown) > 20
    # nothing worked out again but the turns into and out of a still key pose (drawn afresh
    # each time) ...
    steps = {id(drawing) for drawing in picture._poses.values()}
    turns = [s for s in shown if s[2] is not None and not {id(s[0]), id(s[1])} <= steps]
    assert len(measured) == len(turns) < len(shown) / 5, (len(measured), len(turns))
    monkeypatch.setattr(figure, "changed_bounds", bounds)
    for old, new, change in shown:  # ... and each the same as afresh
        assert change == afresh(picture, old, new)
    assert any(change is not None and not change[1].isEmpty() for *_, change in shown)

    # A new size: what the same two steps repaint is worked out again, for that size.
    old, new, change = next(s for s in shown if s[2] is not None and not s[2][1].isEmpty())
    page.resize(1200, 900)
    QApplication.processEvents()
    assert picture.size() != (1920, 1080)
    again = kept(old, new)
    assert again == afresh(picture, old, new) and again != change


def test_a_still_pose_repaints_nothing_and_a_new_stretch_keeps_nothing(qtbot: QtBot) -> None:
    clock = Clock()
    page = started(qtbot, clock)
    picture = page.illustration
    run(page, clock, TEMPO * 1000)
    assert picture._changes
    still = picture.drawing()
    assert still is not None
    # the same picture drawn again (equal, not the same object): nothing to repaint
    same = Drawing(tuple(still.items), still.frame)
    assert same is not still and picture._change(still, same) is None
    picture.set_pose(None)
    assert not picture._changes
