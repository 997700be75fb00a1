"""Posing one's own stretch from a bundled pose: a few joint sliders over its key poses.

Pure functions (no widgets), so they are tested without a display. A slider moves a group of
joints together (both hips, both knees, the lower and upper back, both shoulders) by a number
of degrees from the bundled pose, each joint kept inside its range of motion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from stretchapp.core.body.skeleton import JOINT_BY_NAME
from stretchapp.core.drawing import KeyPose, StretchPose
from stretchapp.core.i18n import N_

SLIDER_RANGE = 60  # degrees either way from the bundled pose


@dataclass(frozen=True)
class Slider:
    id: str
    label: str  # marked with N_: shown through _()
    joints: tuple[tuple[str, float], ...]  # joint, share of the slider's degrees
    tip: str


SLIDERS = (
    Slider(
        "hips",
        N_("Hips"),
        (("hip_flex_l", 1.0), ("hip_flex_r", 1.0)),
        N_("Thighs toward the chest (+) or back (−)"),
    ),
    Slider(
        "knees",
        N_("Knees"),
        (("knee_flex_l", 1.0), ("knee_flex_r", 1.0)),
        N_("Knees bend more (+)"),
    ),
    Slider(
        "back",
        N_("Back"),
        (("lumbar_flex", 0.5), ("thoracic_flex", 0.5)),
        N_("Round the back (+) or arch it (−)"),
    ),
    Slider(
        "shoulders",
        N_("Shoulders"),
        (("shoulder_flex_l", 1.0), ("shoulder_flex_r", 1.0)),
        N_("Arms forward and up (+) or back (−)"),
    ),
)

Changes = Mapping[int, Mapping[str, int]]  # key pose index -> slider id -> degrees


def adjust_key(key: KeyPose, degrees: Mapping[str, int]) -> KeyPose:
    """The key pose with each slider's degrees added to its joints, kept in their ranges."""
    angles = dict(key.angles)
    for slider in SLIDERS:
        moved = degrees.get(slider.id, 0)
        if not moved:
            continue
        for name, share in slider.joints:
            joint = JOINT_BY_NAME[name]
            angles[name] = round(joint.clamp(angles.get(name, 0.0) + moved * share), 1)
    if angles == dict(key.angles):
        return key
    return replace(key, angles=tuple(angles.items()))


def adjusted(pose: StretchPose, changes: Changes) -> StretchPose:
    """The pose with the sliders' changes applied to its key poses (and, when the right side
    has its own keys, to the same keys of that side: the sliders move both sides alike)."""
    keys = tuple(adjust_key(k, changes.get(i, {})) for i, k in enumerate(pose.keys))
    right = pose.right
    if right is not None:
        right = tuple(adjust_key(k, changes.get(i, {})) for i, k in enumerate(right))
    return replace(pose, keys=keys, right=right)
