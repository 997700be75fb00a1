"""The New stretch form: starting from a bundled pose, adjusting it, or using own pictures."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from stretchapp.core.drawing import KeyPose, StretchPose
from stretchapp.core.routines import Stretch
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
    assert shown.key_choice.currentText() == "knee up (the stretch)"
    assert shown.figure.pose() == POSE
    before = shown.figure.drawing()
    assert before is not None
    shown.sliders["hips"].setValue(20)
    assert shown.slider_values["hips"].text() == "+20°"
    assert shown.figure.drawing() != before  # the figure beside follows
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


def test_reset_goes_back_to_the_bundled_pose(qtbot: QtBot) -> None:
    shown = form(qtbot)
    shown.pose_source.setCurrentIndex(1)
    shown.sliders["knees"].setValue(-30)
    shown.reset_pose.click()
    assert shown.sliders["knees"].value() == 0
    assert shown.pose() == POSE
