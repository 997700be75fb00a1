"""Posing one's own stretch: the sliders' changes to a bundled pose (no display needed)."""

from __future__ import annotations

from stretchapp.core.body.skeleton import JOINT_BY_NAME
from stretchapp.core.drawing import KeyPose, StretchPose
from stretchapp.ui.posing import adjust_key, adjusted

START = KeyPose("start", (("hip_flex_l", 10.0), ("knee_flex_l", 20.0)))
STRETCH = KeyPose("stretch", (("hip_flex_l", 90.0), ("hip_flex_r", 90.0), ("lumbar_flex", 10.0)))
POSE = StretchPose(keys=(START, STRETCH))


def test_a_slider_moves_both_sides_of_its_joints_in_the_chosen_key_only() -> None:
    pose = adjusted(POSE, {1: {"hips": 15}})
    assert pose.keys[0] == START
    angles = dict(pose.keys[1].angles)
    assert angles["hip_flex_l"] == 105 and angles["hip_flex_r"] == 105
    assert angles["lumbar_flex"] == 10  # untouched


def test_the_back_slider_shares_its_degrees_between_lower_and_upper_back() -> None:
    angles = dict(adjust_key(STRETCH, {"back": 20}).angles)
    assert angles["lumbar_flex"] == 20 and angles["thoracic_flex"] == 10


def test_joints_stay_inside_their_range_of_motion() -> None:
    angles = dict(adjust_key(STRETCH, {"hips": 60, "knees": -60}).angles)
    assert angles["hip_flex_l"] == JOINT_BY_NAME["hip_flex_l"].high
    assert angles["knee_flex_l"] == JOINT_BY_NAME["knee_flex_l"].low


def test_no_change_keeps_the_bundled_pose() -> None:
    assert adjusted(POSE, {}) == POSE
    assert adjusted(POSE, {0: {"hips": 0}}) == POSE


def test_a_right_side_of_its_own_moves_alike() -> None:
    pose = StretchPose(keys=(START, STRETCH), right=(START, STRETCH))
    changed = adjusted(pose, {1: {"knees": 30}})
    assert changed.right is not None
    assert dict(changed.right[1].angles)["knee_flex_l"] == 30
    assert dict(changed.keys[1].angles)["knee_flex_r"] == 30
