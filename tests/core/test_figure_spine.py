"""The trunk drawn along the spine's curve: a rounded back reads round, a hollow reads hollow.

Blind reviewers (round 25) saw the chest drawn as one straight piece from the thoracic joint
to the neck: a cow read as a straight ramp from the hips to the shoulders, a standing back
bend as a lean with a straight chest. The trunk's parts are now drawn as a few pieces along
one smooth curve through the spine's joints, which themselves stay where they were."""

from __future__ import annotations

import itertools
import math

import pytest
from figure_bodies import STRETCHES, pose_of, rep_ms, trunk_top  # tests/core/figure_bodies.py

from stretchapp.core import drawing as drawing_module
from stretchapp.core.body import motion, scene
from stretchapp.core.body import skeleton as sk
from stretchapp.core.drawing import Layer, Limb, card_pose, still_drawing
from stretchapp.core.session import PhaseKind
from tests.figure_geometry import gap_2d

TRUNK = ("pelvis", "waist", "chest")
STEP = 20.0  # mm between the samples of a back's outline


def key_index(stretch_id: str, name: str) -> int:
    return next(i for i, k in enumerate(pose_of(stretch_id).keys) if k.name == name)


def drawn_limbs(stretch_id: str, key: str) -> dict[str, Limb]:
    items = still_drawing(pose_of(stretch_id), key_index(stretch_id, key)).items
    return {item.part: item for item in items if isinstance(item, Limb)}


def back_turns(limbs: dict[str, Limb], x0: float, x1: float) -> list[tuple[float, float]]:
    """The top of the drawn trunk (on hands and knees, the back) sampled every STEP mm from
    x0 to x1: at each inner sample its x and how far the outline turns there, in degrees
    (above 0 it turns up: a hollow; below 0 down: a round back)."""
    trunk = [limbs[p] for p in TRUNK]
    a, b = sorted((x0, x1))
    xs = [a + i * STEP for i in range(int((b - a) // STEP) + 1)]
    ys = [trunk_top(trunk, x) for x in xs]
    slopes = [math.atan2(y1 - y0, STEP) for y0, y1 in itertools.pairwise(ys)]
    return [
        (xs[i + 1], math.degrees(s1 - s0)) for i, (s0, s1) in enumerate(itertools.pairwise(slopes))
    ]


@pytest.mark.parametrize("key", ["cat", "cow"])
def test_the_cat_and_cow_backs_bend_evenly_without_a_corner_or_a_plank(key: str) -> None:
    """From the pelvis's round end to the neck's base, the back's outline never turns by
    more than 16 degrees at a sample (the one-piece chest: 11 in the cat, 23 in the cow,
    where the hollow was a notch), and nowhere runs straight (turning under 1 degree at
    each sample) for more than 140 mm (it did for 240 mm in the cat and 220 mm in the cow:
    the chest drawn as a plank). Now: at most 10 (cat) and 15 (cow) degrees, straight for
    60 mm (cat) and 120 mm (cow)."""
    limbs = drawn_limbs("cat-cow", key)
    turns = back_turns(limbs, limbs["pelvis"].points[0][0], limbs["chest"].points[-1][0])
    assert max(abs(t) for _, t in turns) <= 16.0, turns
    run = longest = 0
    for _, t in turns:
        run = run + 1 if abs(t) < 1.0 else 0
        longest = max(longest, run)
    assert (longest + 1) * STEP <= 140.0, turns


@pytest.mark.parametrize(("key", "sign"), [("cat", -1.0), ("cow", 1.0)])
def test_the_back_curves_the_way_the_spine_bends(key: str, sign: float) -> None:
    """Along the waist and the chest (from the lumbar joint to the neck's base, the last
    80 mm, the round end, left out) the back's outline turns the way the spine bends: down,
    convex, in the rounded cat, up, concave, in the cow's hollow, by at least 20 degrees in
    all, and nowhere the other way by more than 2 (a wave). Now 55 and 34 degrees."""
    limbs = drawn_limbs("cat-cow", key)
    (x0, _), (x1, _) = limbs["waist"].points[0], limbs["chest"].points[-1]
    toward = 1.0 if x1 > x0 else -1.0
    turns = back_turns(limbs, x0, x1 - 80.0 * toward)
    assert sign * sum(t for _, t in turns) >= 20.0, turns
    assert min(sign * t for _, t in turns) >= -2.0, turns


def test_the_trunk_stays_one_continuous_shape_on_its_joints() -> None:
    """In every stretch, at every key and through a repetition or hold: each part of the
    trunk starts where the one below it ends, as wide; it begins at the same spine joint
    (the projected lumbar and thoracic joints) as before; and its drawn centre line turns
    by at most 25 degrees between neighbouring pieces, never doubling back."""
    for stretch_id, stretch in STRETCHES.items():
        pose = pose_of(stretch_id)
        rep = rep_ms(stretch)
        moments = [motion.Moment(k, k, 0.0, False) for k in pose.keys]
        drawings = [drawing_module._drawing(pose, m) for m in moments]
        phase_ms = rep * 2 if rep else 30_000
        for t in range(0, phase_ms, phase_ms // 12):
            for side in ("left", "right"):
                drawings.append(
                    drawing_module.drawing_at(
                        pose,
                        phase=PhaseKind.STRETCH,
                        elapsed_ms=t,
                        phase_ms=phase_ms,
                        rep_ms=rep,
                        side=side,
                    )
                )
        for drawing in drawings:
            limbs = {i.part: i for i in drawing.items if isinstance(i, Limb) and i.part in TRUNK}
            chain = [limbs[p] for p in TRUNK]
            for below, above in itertools.pairwise(chain):
                assert math.dist(below.points[-1], above.points[0]) < 1e-6, stretch_id
                assert abs(below.widths[-1] - above.widths[0]) < 1e-6, stretch_id
            line = [p for limb in chain for p in limb.points]
            line = [p for p, q in itertools.pairwise([*line, None]) if q is None or p != q]
            for a, b, c in zip(line, line[1:], line[2:], strict=False):
                u = math.atan2(b[1] - a[1], b[0] - a[0])
                v = math.atan2(c[1] - b[1], c[0] - b[0])
                if math.dist(a, b) < 1.0 or math.dist(b, c) < 1.0:
                    continue  # seen end on
                turn = abs(math.degrees((v - u + math.pi) % (2 * math.pi) - math.pi))
                assert turn <= 25.0, (stretch_id, turn)


def test_the_joints_are_drawn_where_the_skeleton_puts_them() -> None:
    """Only how the trunk is drawn changes: in a side view the waist still runs from the
    lumbar joint to the thoracic joint and the chest starts there (projected)."""
    pose = pose_of("cat-cow")
    x0, _, x1, _ = drawing_module.frame_of(pose)
    for key in pose.keys:
        m = motion.Moment(key, key, 0.0, False)
        state, az, el, shift = drawing_module._state(pose, m)
        cam = scene.camera(az, el)
        body = state.placed.body
        at = {}
        for name in ("lumbar", "thoracic"):
            q = sk.apply(cam, body.points[name])
            at[name] = (q[0] + shift * (x0 + x1), q[1])
        drawn = drawing_module._drawing(pose, m).items
        limbs = {i.part: i for i in drawn if isinstance(i, Limb)}
        assert math.dist(limbs["waist"].points[0], at["lumbar"]) < 1e-6
        assert math.dist(limbs["waist"].points[-1], at["thoracic"]) < 1e-6
        assert math.dist(limbs["chest"].points[0], at["thoracic"]) < 1e-6


def test_the_seated_twist_far_arm_starts_at_the_shoulder_line() -> None:
    """Round 25's reviewers saw the seated twist's far arm drawn off the trunk's top corner:
    the chest's tapered top is narrower than the shoulders, and with the shoulder line
    tilted the far arm's start lay outside it (its centre 41 mm out of the trunk in the
    turned pose). Seen from the front a band now joins the shoulders across the chest's
    top: on both sides, at every key and through the hold, the far side's upper arm (drawn
    in the near shade once it reaches across the body, rv35) starts inside the drawn trunk
    and shoulders, by at least 15 mm once turned (47 now). Sitting tall, seen from the front
    left as the player shows it (ab202), the far shoulder is drawn at the chest's far edge,
    where a shoulder is seen from there: its start at least 5 mm inside (6.7 now; 19 from the
    card's view, further round the side)."""
    stretch = STRETCHES["seated-twist"]
    pose = pose_of("seated-twist")
    drawings = [("l", still_drawing(pose, k)) for k in range(len(pose.keys))]
    card = still_drawing(card_pose(pose), 0)  # sitting tall seen from the card's camera
    phase_ms = (stretch.hold or 30) * 1000
    for t in range(0, phase_ms, phase_ms // 6):
        for side in ("left", "right"):
            drawings.append(
                (
                    side[0],
                    drawing_module.drawing_at(
                        pose,
                        phase=PhaseKind.STRETCH,
                        elapsed_ms=t,
                        phase_ms=phase_ms,
                        rep_ms=0,
                        side=side,
                    ),
                )
            )
    for near, drawing in drawings:
        limbs = {i.part: i for i in drawing.items if isinstance(i, Limb)}
        body = [limbs[p] for p in (*TRUNK, "shoulder_l", "shoulder_r") if p in limbs]
        far = [limbs[f"upper_arm_{s}"] for s in "lr" if s != near]
        for arm in far:
            inside = min(gap_2d(arm.points[0], piece) for piece in body)
            # (sitting tall the far arm hangs behind the trunk, in the far shade)
            most = -5.0 if arm.layer == Layer.FAR else -15.0
            assert inside <= most, (arm.part, inside)
    limbs = {i.part: i for i in card.items if isinstance(i, Limb)}
    body = [limbs[p] for p in (*TRUNK, "shoulder_l", "shoulder_r") if p in limbs]
    assert min(gap_2d(limbs["upper_arm_r"].points[0], piece) for piece in body) <= -15.0
