"""The New stretch form: starting from a bundled pose, adjusting it, or using own pictures."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from stretchapp.core.drawing import KeyPose, StretchPose
from stretchapp.core.paths import Paths
from stretchapp.core.routines import Stretch
from stretchapp.ui.app import create_window
from stretchapp.ui.editor import OWN_PICTURES, StretchForm

POSE = StretchPose(
    keys=(
        KeyPose("lying", (("body_pitch", -90.0),)),
        KeyPose("knee up", (("body_pitch", -90.0), ("hip_flex_l", 90.0), ("knee_flex_l", 90.0))),
    )
)
BUNDLED = Stretch("knee-hug", "Knee hug", (), ("a", "b", "c"), hold=30, pose=POSE)
PLAIN = Stretch("plain", "Plain", (), ("a", "b", "c"), hold=30)


def form(qtbot: QtBot) -> StretchForm:
    shown = StretchForm(poses=[BUNDLED, PLAIN])
    qtbot.addWidget(shown)
    shown.resize(800, 700)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_own_pictures_by_default_and_only_posed_stretches_offered(qtbot: QtBot) -> None:
    shown = form(qtbot)
    choices = [shown.pose_source.itemText(i) for i in range(shown.pose_source.count())]
    assert choices == [OWN_PICTURES, "Knee hug"]
    assert shown.pictures_panel.isVisible() and not shown.pose_panel.isVisible()
    assert shown.pose() is None


def test_start_from_a_bundled_pose_and_adjust_it_with_the_live_figure(qtbot: QtBot) -> None:
    shown = form(qtbot)
    shown.pose_source.setCurrentIndex(1)
    assert shown.pose_panel.isVisible() and not shown.pictures_panel.isVisible()
    assert shown.key_choice.currentText() == "knee up"
    assert shown.figure.pose() == POSE
    before = shown.figure.drawing()
    assert before is not None
    shown.sliders["hips"].setValue(20)
    assert shown.slider_values["hips"].text() == "+20°"
    qtbot.waitUntil(lambda: shown.figure.drawing() != before)  # the figure beside follows
    pose = shown.pose()
    assert pose is not None
    assert dict(pose.keys[1].angles)["hip_flex_l"] == 110
    assert pose.keys[0] == POSE.keys[0]
    # The start position keeps its own sliders.
    shown.key_choice.setCurrentIndex(0)
    assert shown.sliders["hips"].value() == 0
    shown.name.setText("My knee hug")
    shown.steps.setPlainText("Lie down.\nHug the knee.\nBreathe.")
    draft = shown.result_draft()
    assert draft.pose == pose  # type: ignore[attr-defined]
    assert draft.images == []


def test_a_held_arrow_key_draws_the_figure_once_where_the_slider_stops(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each changed pose takes tens of milliseconds to work out: steps queued faster than
    that (a held key, a drag) are drawn once, at the last one, not one by one after it."""
    shown = form(qtbot)
    shown.pose_source.setCurrentIndex(1)
    drawn: list[int] = []
    show_still = shown.figure.show_still
    monkeypatch.setattr(
        shown.figure, "show_still", lambda key: (drawn.append(key), show_still(key))
    )
    slider = shown.sliders["knees"]
    slider.setFocus()
    for _ in range(12):  # as auto-repeat delivers them while a figure is being worked out
        qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert slider.value() == 12 and shown.slider_values["knees"].text() == "+12°"
    qtbot.waitUntil(lambda: drawn != [])
    assert not shown._pose_due.isActive()  # (and none is waiting)
    assert drawn == [1]
    pose = shown.figure.pose()
    assert pose is not None and dict(pose.keys[1].angles)["knee_flex_l"] == 102


def test_reset_goes_back_to_the_bundled_pose(qtbot: QtBot) -> None:
    shown = form(qtbot)
    shown.pose_source.setCurrentIndex(1)
    shown.sliders["knees"].setValue(-30)
    shown.reset_pose.click()
    assert shown.sliders["knees"].value() == 0
    assert shown.pose() == POSE


def test_a_posed_stretch_of_ones_own_is_saved_with_its_pose(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = create_window(paths, "light")
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.library.stretches["knee-hug"] = BUNDLED  # a posed stretch to start from
    qtbot.mouseClick(window.library_page.new_button, Qt.MouseButton.LeftButton)
    editor = window.builder.editor
    assert editor is not None
    qtbot.keyClicks(editor.name, "Knee plan")
    shown = editor.new_stretch()
    shown.name.setText("My knee hug")
    shown.steps.setPlainText("Lie on your back.\nHug one knee.\nBreathe slowly.")
    shown.pose_source.setCurrentIndex(shown.pose_source.findData("knee-hug"))
    shown.sliders["knees"].setValue(-20)
    wanted = shown.pose()
    qtbot.mouseClick(shown.ok, Qt.MouseButton.LeftButton)
    assert not shown.problem.isVisible(), shown.problem.text()
    assert window.builder.save(), editor.problems.text()
    saved = paths.user_routines_dir / "knee-plan.yaml"
    assert "pose:" in saved.read_text(encoding="utf-8")
    routine = window.library.routine("knee-plan")
    assert routine is not None
    mine = routine.entries[0].stretch
    assert mine.frames == () and mine.pose is not None and wanted is not None
    assert dict(mine.pose.keys[1].angles)["knee_flex_l"] == 70
    card = next(c for c in window.library_page.cards if c.routine.id == "knee-plan")
    assert card.thumbnail.pose() == mine.pose  # the card shows the figure


def test_positions_are_named_in_the_chosen_language(qtbot: QtBot) -> None:
    """The bundled poses' key names are English words from a file ("knee up"): in German the
    positions are named by the app, in German."""
    from stretchapp.core import i18n

    i18n.activate("de")
    try:
        shown = form(qtbot)
        shown.pose_source.setCurrentIndex(1)
        names = [shown.key_choice.itemText(i) for i in range(shown.key_choice.count())]
        assert names == ["Anfang", "Position 2"], names
    finally:
        i18n.activate("en")
