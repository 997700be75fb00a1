"""The lying stretches as a physiotherapist would check them, measured on the posed body:
knees that visibly drop to one side with the feet left on the mat, a figure-4 whose crossed
knee stays out, a resting breath with the knees up, a pelvic tilt that never lifts the
buttocks, a roller kept under the ribs, a knee hugged from behind the thigh."""

from __future__ import annotations

import math
from pathlib import Path

from stretchapp.core import drawing as drawing_module
from stretchapp.core.body import motion, scene
from stretchapp.core.body import skeleton as sk
from stretchapp.core.body.pose import StretchPose
from stretchapp.core.drawing import body_at
from stretchapp.core.routines import Stretch, load_library
from stretchapp.core.session import PhaseKind

REPO = Path(__file__).resolve().parents[2]
LIBRARY = load_library(REPO / "routines", None, REPO / "assets")
STRETCHES = {s.id: s for s in LIBRARY.stretches.values() if s.pose is not None}


def pose_of(stretch_id: str) -> StretchPose:
    pose = STRETCHES[stretch_id].pose
    assert pose is not None
    return pose


def key_body(stretch_id: str, key: int) -> sk.Body:
    """A key pose's body placed as it is drawn (left side)."""
    k = pose_of(stretch_id).keys[key]
    state, *_ = drawing_module._state(pose_of(stretch_id), motion.Moment(k, k, 0.0, False))
    return state.placed.body


def rep_ms(stretch: Stretch) -> int:
    return stretch.tempo * 1000 if stretch.hold is None else 0


def moments(stretch_id: str, steps: int = 20) -> list[sk.Body]:
    """The placed body through one repetition (or the ease into a hold), left side."""
    stretch = STRETCHES[stretch_id]
    pose = pose_of(stretch_id)
    rep = rep_ms(stretch)
    span = rep if rep else motion.ease_in_ms(60_000) + 1
    out = []
    for i in range(steps + 1):
        _, placed = body_at(
            pose,
            phase=PhaseKind.STRETCH,
            elapsed_ms=span * i // steps,
            phase_ms=60_000,
            rep_ms=rep,
            side="left" if stretch.sides.value != "none" else None,
        )
        out.append(placed.body)
    return out


def hand_middle(body: sk.Body, side: str) -> sk.Vec:
    p = body.points
    return sk.scale(sk.add(p[f"wrist_{side}"], p[f"fingers_{side}"]), 0.5)


# ---- lower-back rotation --------------------------------------------------------------------


def test_lower_back_rotation_drops_the_stacked_knees_well_over_to_one_side() -> None:
    up, down = key_body("lower-back-rotation", 0), key_body("lower-back-rotation", 1)
    p, q = up.points, down.points
    # across the body (the room's y-z plane), the legs lean well over from upright
    hips = q["hip_c"]
    knees = sk.scale(sk.add(q["knee_l"], q["knee_r"]), 0.5)
    lean = math.degrees(math.atan2(abs(knees[2] - hips[2]), knees[1] - hips[1]))
    assert 50.0 <= lean <= 75.0  # clearly dropped, not flat on the floor
    start = sk.scale(sk.add(p["knee_l"], p["knee_r"]), 0.5)
    assert abs(start[2] - p["hip_c"][2]) < 20.0  # they start upright
    # stacked: the knee on the side they fall away from rides on top of the other one
    assert q["knee_r"][1] - q["knee_l"][1] >= 30.0
    assert sk.dist(q["knee_l"], q["knee_r"]) <= 125.0


def test_lower_back_rotation_leaves_the_feet_together_on_the_mat() -> None:
    for body in moments("lower-back-rotation"):
        bottoms = scene.contact_bottoms(body, ["foot_l", "foot_r"])
        for bottom in bottoms.values():
            assert abs(bottom - scene.MAT_T) <= scene.CONTACT_TOLERANCE
        p = body.points
        assert sk.dist(p["ankle_l"], p["ankle_r"]) <= 130.0


def test_lower_back_rotation_lays_the_arms_out_in_a_level_t() -> None:
    """The arms lie out straight from the shoulders, square to the body (neither toward the
    head nor toward the hips), both hands on the mat, all through a repetition."""
    for body in moments("lower-back-rotation"):
        p = body.points
        for s in "lr":
            # the body lies along the room's x: each arm runs across it, at shoulder level
            assert abs(p[f"wrist_{s}"][0] - p[f"shoulder_{s}"][0]) <= 60.0
            assert abs(p[f"wrist_{s}"][2] - p[f"shoulder_{s}"][2]) >= 450.0
            assert hand_middle(body, s)[1] - scene.MAT_T <= 40.0
