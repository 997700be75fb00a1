"""The resting breath breathes: through its hold the belly, and the hands resting on it, rise
slowly and fall (4 s in, 6 s out, eased) as a pure function of the session's time, while the
back, pelvis, head, elbows and feet stay where they rest on the mat. A blind physiotherapist
saw the one still key "show no breathing"; an arrow over the belly read as the bridge's "lift
your hips" (rb63), and an arched low back or lifted pelvis would read as a tilt or a bridge."""

from __future__ import annotations

import itertools
import math

import pytest
from figure_bodies import drawn_circles, pose_of

from stretchapp.core.body import motion, scene, spec
from stretchapp.core.body import skeleton as sk
from stretchapp.core.body.pose import KeyPose
from stretchapp.core.drawing import Limb, body_at, drawing_at, still_drawing
from stretchapp.core.session import PhaseKind

ID = "constructive-rest"
HOLD_MS = 60_000
TRUNK = ("pelvis", "waist", "chest")
STILL_POINTS = (
    "hip_c",
    "sacrum",
    "lumbar",
    "low_back",
    "thoracic",
    "mid_back",
    "upper_back",
    "neck_base",
    "head",
    "back_of_head",
    "elbow_l",
    "elbow_r",
    "heel_l",
    "heel_r",
    "toe_l",
    "toe_r",
    "knee_l",
    "knee_r",
)


def placed(ms: int) -> sk.Body:
    _, where = body_at(
        pose_of(ID), phase=PhaseKind.STRETCH, elapsed_ms=ms, phase_ms=HOLD_MS, rep_ms=0, side=None
    )
    return where.body


def trunk_outline(ms: int, xs: list[float]) -> tuple[list[float], list[float]]:
    """The top (the belly's front, lying on the back) and bottom (the back, on the mat) of
    the drawn trunk's outline at each `x` of the picture, as the renderer fills it."""
    drawing = drawing_at(
        pose_of(ID), phase=PhaseKind.STRETCH, elapsed_ms=ms, phase_ms=HOLD_MS, rep_ms=0, side=None
    )
    trunk = [i for i in drawing.items if isinstance(i, Limb) and i.part in TRUNK]
    circles = list(drawn_circles(trunk))
    tops, bottoms = [], []
    for x in xs:
        spans = [
            (cy - math.sqrt(r * r - (x - cx) ** 2), cy + math.sqrt(r * r - (x - cx) ** 2))
            for cx, cy, r in circles
            if abs(x - cx) <= r
        ]
        bottoms.append(min(lo for lo, _ in spans))
        tops.append(max(hi for _, hi in spans))
    return tops, bottoms


def waist_xs() -> list[float]:
    """Places across the drawn waist, in the picture."""
    drawing = still_drawing(pose_of(ID), 0)
    waist = next(i for i in drawing.items if isinstance(i, Limb) and i.part == "waist")
    x0, x1 = waist.points[0][0], waist.points[-1][0]
    return [x0 + (x1 - x0) * k / 10 for k in range(11)]


def test_the_resting_breath_breathes_in_for_4_s_and_out_for_6_s() -> None:
    """The belly's rise follows one calm breath every 10 s, whatever the moment: none at the
    start, all of it 4 s in, half of it 2 s in and 3 s into the breath out, none at 10 s,
    and the same again in every breath (the time alone says where it is: a pause freezes it,
    the count never drifts). The old pose, one still key, never rose."""
    pose = pose_of(ID)
    assert pose.cycle_ms == 10_000
    top = max(dict(k.angles).get("belly_rise", 0.0) for k in pose.keys)
    assert 20.0 <= top <= 40.0  # a gentle, visible belly breath
    for breath in range(HOLD_MS // pose.cycle_ms):
        at = breath * pose.cycle_ms
        rises = {ms: sk.belly_rise(placed(at + ms)) for ms in (0, 2_000, 4_000, 7_000, 9_999)}
        assert rises[0] == pytest.approx(0.0, abs=0.01)
        assert rises[2_000] == pytest.approx(top / 2, abs=0.5)
        assert rises[4_000] == pytest.approx(top, abs=0.01)
        assert rises[7_000] == pytest.approx(top / 2, abs=0.5)
        assert rises[9_999] == pytest.approx(0.0, abs=0.05)
    # smoothly: no jump between two frames a thirtieth of a second apart
    steps = [sk.belly_rise(placed(ms)) for ms in range(0, 10_001, 33)]
    assert max(abs(b - a) for a, b in itertools.pairwise(steps)) <= 0.5


def test_the_back_pelvis_head_elbows_and_feet_stay_put_as_it_breathes() -> None:
    """Only the belly and the hands on it move: every other placed point stays within a
    tenth of a millimetre, no joint of the spine or pelvis turns, the contacts rest on the
    mat (and the head on its cushion) in every key."""
    rest = placed(0)
    for ms in range(0, 10_001, 500):
        body = placed(ms)
        for name in STILL_POINTS:
            assert sk.dist(body.points[name], rest.points[name]) <= 0.1, (ms, name)
    keys = pose_of(ID).keys
    for name in ("lumbar_flex", "thoracic_flex", "body_pitch", "hip_flex_l", "neck_flex"):
        assert len({dict(k.angles).get(name, 0.0) for k in keys}) == 1, name
    assert spec.support_problems(pose_of(ID)) == []


def test_the_hands_ride_up_and_down_on_the_belly() -> None:
    """The hands rise with the belly under them (at least 60 % of its rise, never more than
    it), stay on its surface in every moment (the palm pressing in a little, not held above
    it) and lie flat on it, the elbows on the mat."""
    rest = placed(0)
    highest = 0.0
    for ms in range(0, 10_001, 500):
        body = placed(ms)
        rise = sk.belly_rise(body)
        p, front = body.points, sk.apply(body.frames["waist"], (1.0, 0.0, 0.0))
        half = (sk.TRUNK_DEPTH[1] + sk.TRUNK_DEPTH[2]) / 4
        for s in "lr":
            up = p[f"fingers_{s}"][1] - rest.points[f"fingers_{s}"][1]
            highest = max(highest, up)
            assert 0.6 * rise - 0.5 <= up <= rise + 0.5, (ms, s, up, rise)
            middle = sk.scale(sk.add(p[f"wrist_{s}"], p[f"fingers_{s}"]), 0.5)
            out = sum(a * b for a, b in zip(sk.sub(middle, p["lumbar"]), front, strict=True))
            surface = half + rise
            assert surface - 0.012 * sk.H - rise * 0.4 <= out <= surface + 0.04 * sk.H, (ms, s)
            palm = sk.apply(body.frames[f"hand_{s}"], (1.0, 0.0, 0.0))
            assert math.degrees(math.acos(-palm[1])) <= 25.0, (ms, s)
            elbow = p[f"elbow_{s}"][1] - 0.021 * sk.H
            assert elbow - scene.MAT_T <= scene.CONTACT_TOLERANCE, (ms, s)
    assert highest >= 15.0  # (they do rise)


def test_the_drawn_belly_rises_off_a_back_left_on_the_mat() -> None:
    """In the picture the trunk's top edge over the waist (the belly's front) moves up as
    the breath comes in, by some 1 to 3 cm at its most, half as much halfway in, and its
    bottom edge (the back, on the mat) does not move; the chest's and pelvis's far ends
    stay where they were."""
    xs = waist_xs()
    top0, bottom0 = trunk_outline(0, xs)
    top1, bottom1 = trunk_outline(4_000, xs)
    rises = [b - a for a, b in zip(top0, top1, strict=True)]
    assert 10.0 <= max(rises) <= 30.0, rises
    assert min(rises) >= -0.01, rises  # up, nowhere down
    assert max(abs(b - a) for a, b in zip(bottom0, bottom1, strict=True)) <= 0.5
    half = trunk_outline(2_000, xs)[0]
    assert max(b - a for a, b in zip(top0, half, strict=True)) >= 0.3 * max(rises)
    before = still_drawing(pose_of(ID), 0)
    after = drawing_at(
        pose_of(ID),
        phase=PhaseKind.STRETCH,
        elapsed_ms=4_000,
        phase_ms=HOLD_MS,
        rep_ms=0,
        side=None,
    )
    for part, end in (("pelvis", 0), ("chest", -1)):
        a, b = (
            next(i for i in d.items if isinstance(i, Limb) and i.part == part)
            for d in (before, after)
        )
        assert a.points[end] == b.points[end] and a.widths[end] == b.widths[end], part


def test_the_card_and_the_get_ready_show_the_resting_key() -> None:
    """The library card (one still picture) and the get-ready stay the resting key: the
    belly at rest, nothing to read as a movement."""
    pose = pose_of(ID)
    assert pose.keys[0].name == "resting"
    assert still_drawing(pose) == still_drawing(pose, 0)
    ready = drawing_at(
        pose, phase=PhaseKind.GET_READY, elapsed_ms=2_000, phase_ms=5_000, rep_ms=0, side=None
    )
    assert ready == still_drawing(pose, 0)


def test_a_key_can_take_its_own_share_of_a_repetition() -> None:
    """`move` sets how long the move from a key to the next takes: 0.4 and 0.6 of a
    repetition, the breath in shorter than the breath out; without it the moves share
    alike what the dwells leave."""
    a = KeyPose("a", dwell=0.0, move=0.4)
    b = KeyPose("b", dwell=0.0, move=0.6)
    assert motion._schedule((a, b)) == [(0.0, 0.4), (0.0, 0.6)]
    assert motion.cycle((a, b), 0.2) == (a, b, pytest.approx(0.5))
    assert motion.cycle((a, b), 0.7) == (b, a, pytest.approx(0.5))
    plain = (KeyPose("a", dwell=0.1), KeyPose("b", dwell=0.3))
    assert motion._schedule(plain) == [(0.1, pytest.approx(0.3)), (0.3, pytest.approx(0.3))]
    half = (KeyPose("a", dwell=0.2, move=0.5), KeyPose("b", dwell=0.0))
    assert motion._schedule(half) == [(0.2, 0.5), (0.0, pytest.approx(0.3))]


def test_nothing_changes_places_as_it_breathes() -> None:
    """Every moment of a breath draws the same pieces in the same order (the far hand on the
    belly stays on top of it: hidden in the trunk's shade it did not show, rv41)."""

    def order(ms: int) -> list[str]:
        drawing = drawing_at(
            pose_of(ID),
            phase=PhaseKind.STRETCH,
            elapsed_ms=ms,
            phase_ms=HOLD_MS,
            rep_ms=0,
            side=None,
        )
        return [getattr(item, "part", type(item).__name__) for item in drawing.items]

    rest = order(0)
    assert rest.index("hand_r") > rest.index("waist")
    for ms in range(0, 10_001, 250):
        assert order(ms) == rest, ms


def test_a_belly_rise_is_checked_in_millimetres() -> None:
    """`belly_rise` is not an angle: out of its range, the message says mm, not degrees."""
    assert spec.check_angles({"belly_rise": 30}) == []
    (problem,) = spec.check_angles({"belly_rise": 50})
    assert "50 mm" in problem.message and "degrees" not in problem.message
    assert "0 to 40" in problem.valid
    (angle,) = spec.check_angles({"lumbar_flex": 70})
    assert "70 degrees" in angle.message


def test_which_way_it_breathes_follows_the_belly() -> None:
    """motion.breath: "in" for the 4 s the belly rises, "out" for the 6 s it falls, every
    10 s through the hold; nothing outside the stretch, nor for a figure that does not
    breathe (cat-cow moves, but its keys do not differ in their breath)."""
    pose = pose_of(ID)

    def way(ms: int, phase: str = PhaseKind.STRETCH) -> str | None:
        return motion.breath(pose, phase, ms, HOLD_MS, 0, None)

    for breath_start in (0, 10_000, 50_000):
        assert way(breath_start + 100) == motion.BREATH_IN
        assert way(breath_start + 3_900) == motion.BREATH_IN
        assert way(breath_start + 4_100) == motion.BREATH_OUT
        assert way(breath_start + 9_900) == motion.BREATH_OUT
    assert way(1_000, PhaseKind.GET_READY) is None
    assert motion.breath(pose_of("cat-cow"), PhaseKind.STRETCH, 1_000, 48_000, 6_000, None) is None
