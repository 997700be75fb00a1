"""What makes each bundled stretch's figure recognisable, measured on the posed body: hands
that are not feet, a foam roller the body rolls over, a pelvis that visibly tips, a figure-4
whose crossed knee falls out, a knee hugged with both hands, a twist of the shoulders against
the hips, both hands on the belly, a lower back that glows on the back, and still pictures that
fill their card."""

from __future__ import annotations

import itertools
import math

import pytest
from figure_bodies import (  # tests/core/figure_bodies.py
    STRETCHES,
    key_body,
    pose_of,
    rep_ms,
    rolling_moments,
    trunk_top,
)

from stretchapp.core import drawing as drawing_module
from stretchapp.core.body import motion, scene
from stretchapp.core.body import skeleton as sk
from stretchapp.core.body.pose import StretchPose
from stretchapp.core.drawing import (
    Drawing,
    Head,
    Layer,
    Limb,
    Prop,
    body_at,
    drawing_at,
    frame_of,
    still_drawing,
)
from stretchapp.core.session import PhaseKind


def body_at_key(pose: StretchPose, key: int) -> tuple[dict[str, float], scene.Placed]:
    k = pose.keys[key]
    state, *_ = drawing_module._state(pose, motion.Moment(k, k, 0.0, False))
    return k.angle_map(), state.placed


def in_pelvis(body: sk.Body, v: sk.Vec) -> sk.Vec:
    """A room vector in the pelvis's own frame (x forward, y up the body, z to its right)."""
    f = body.frames["pelvis"]
    return (
        sum(f[r][0] * v[r] for r in range(3)),
        sum(f[r][1] * v[r] for r in range(3)),
        sum(f[r][2] * v[r] for r in range(3)),
    )


def closest(q: sk.Vec, a: sk.Vec, b: sk.Vec) -> sk.Vec:
    ab = sk.sub(b, a)
    t = sum(x * y for x, y in zip(sk.sub(q, a), ab, strict=True)) / sum(x * x for x in ab)
    return sk.add(a, sk.scale(ab, min(1.0, max(0.0, t))))


def hand_middle(body: sk.Body, side: str) -> sk.Vec:
    p = body.points
    return sk.scale(sk.add(p[f"wrist_{side}"], p[f"fingers_{side}"]), 0.5)


# ---- hands ----------------------------------------------------------------------------------


def test_a_hand_is_drawn_as_a_hand_not_as_a_foot() -> None:
    parts, _ = scene.limbs(sk.pose_body({}))
    by_part = {limb.part: limb for limb in parts}
    for s in "lr":
        hand, foot = by_part[f"hand_{s}"], by_part[f"foot_{s}"]
        hand_len = sum(sk.dist(a, b) for a, b in zip(hand.points, hand.points[1:], strict=False))
        foot_len = sum(sk.dist(a, b) for a, b in zip(foot.points, foot.points[1:], strict=False))
        assert hand_len < 0.6 * foot_len  # much smaller than a foot, in every view
        # a foot stands on a flat sole (not on tiptoe): heel and toes touch alike
        bottoms = [c[1] - w / 2 for c, w in zip(foot.points, foot.widths, strict=True)]
        assert max(bottoms) - min(bottoms) < 0.004 * sk.H
        assert foot.widths[-1] >= 0.7 * foot.widths[0]  # broad toes, not a point
        # a mitten: narrow at the wrist, the palm wider, the fingers rounded off
        assert hand.widths[0] < hand.widths[1] > hand.widths[-1]
        # a foot is widest at the heel and tapers to the toes
        assert foot.widths[0] == max(foot.widths) > foot.widths[-1]
        # and a thumb, off the palm, shorter than the hand
        thumb = by_part[f"thumb_{s}"]
        assert sk.dist(*thumb.points) < 0.6 * hand_len
        axis = closest(thumb.points[1], hand.points[0], hand.points[-1])
        assert sk.dist(thumb.points[1], axis) > max(hand.widths) / 2


@pytest.mark.parametrize("stretch_id", sorted(STRETCHES))
def test_every_drawn_hand_has_its_thumb_on_the_same_layer(stretch_id: str) -> None:
    items = still_drawing(pose_of(stretch_id)).items
    limbs = {item.part: item for item in items if isinstance(item, Limb)}
    for s in "lr":
        assert limbs[f"thumb_{s}"].layer == limbs[f"hand_{s}"].layer


# ---- foam rollers ---------------------------------------------------------------------------


@pytest.mark.parametrize("stretch_id", ["foam-roll-glutes", "foam-roll-upper-back"])
def test_the_body_rolls_over_a_roller_that_stays_put(stretch_id: str) -> None:
    """The body rolls over the roller. Under the seat the roller stays put; a long one under
    the back rolls along the mat with the body, a third as far (scene.ROLLER_ROLLS: held
    still, a blind physiotherapist saw the upper back's key poses "barely differ")."""
    pose = pose_of(stretch_id)
    rollers, hips = [], []
    for side, _, at in rolling_moments(stretch_id, step_ms=250):
        _, placed = body_at(pose, **at)
        assert placed.roller is not None
        rollers.append((side, placed.roller))
        hips.append((side, placed.body.points["hip_c"]))
    for side in ("left", "right"):
        at = [r for s, r in rollers if s == side]
        moved = [h for s, h in hips if s == side]
        travel = max(abs(h[0] - moved[0][0]) for h in moved)
        assert travel > 30.0  # the body rolls over it
        rolled = max(sk.dist(r, at[0]) for r in at)
        if stretch_id == "foam-roll-glutes":
            assert rolled < 1.0  # the roller does not move
        else:
            assert 0.25 * travel <= rolled <= 0.5 * travel, (travel, rolled)


# ---- pelvic tilt ----------------------------------------------------------------------------


def pelvis_angle(body: sk.Body) -> float:
    f = body.frames["pelvis"]  # the pelvis's long axis, in the side view's plane
    return math.degrees(math.atan2(f[1][1], f[0][1]))


def test_pelvic_tilt_tips_the_pelvis_and_flattens_the_low_back() -> None:
    curve, pressed = key_body("pelvic-tilt", 0), key_body("pelvic-tilt", 1)
    tip = (pelvis_angle(pressed) - pelvis_angle(curve)) % 360.0
    # a rock you can see, within range; a rock of 40 degrees or more lifted the buttocks
    assert 15.0 <= min(tip, 360.0 - tip) <= 35.0
    base = scene.MAT_T

    def gap(body: sk.Body) -> float:
        return scene.contact_bottoms(body, ["low_back"])["low_back"] - base

    assert gap(curve) >= 20.0  # the natural curve: the small of the back off the mat
    assert abs(gap(pressed)) <= scene.CONTACT_TOLERANCE  # pressed flat


# ---- lying figure-4 and knee to chest -------------------------------------------------------


@pytest.mark.parametrize("key", [0, 1])
def test_figure_4_crosses_the_ankle_on_the_thigh_and_the_knee_falls_out(key: int) -> None:
    body = key_body("figure-4", key)
    p = body.points
    thigh_l = in_pelvis(body, sk.sub(p["knee_l"], p["hip_l"]))
    knee_out = -thigh_l[2]  # to the body's left
    assert knee_out >= 150.0
    # the crossed knee falls well out to the side: 40 degrees or more from straight up
    assert math.degrees(math.atan2(knee_out, thigh_l[0])) >= 40.0
    # the crossed ankle rests on the supporting thigh, just above its knee
    on = closest(p["ankle_l"], p["hip_r"], p["knee_r"])
    assert sk.dist(on, p["ankle_l"]) < 135.0
    assert 0.7 * sk.THIGH <= sk.dist(on, p["hip_r"]) <= 0.9 * sk.THIGH
    # on the front of the thigh (the side facing the head), where it can be seen
    front = sk.apply(body.frames["thigh_r"], (1.0, 0.0, 0.0))
    assert sum(a * b for a, b in zip(sk.sub(p["ankle_l"], on), front, strict=True)) > 25.0
    if key == 1:  # both hands clasp behind the supporting thigh, elbows bent and off the floor
        for s in "lr":
            hand = hand_middle(body, s)
            axis = closest(hand, p["hip_r"], p["knee_r"])
            assert sk.dist(hand, axis) < 110.0
            assert sum(a * b for a, b in zip(sk.sub(hand, axis), front, strict=True)) < -25.0
            assert p[f"elbow_{s}"][1] - scene.MAT_T > 70.0
            assert 180.0 - elbow_angle(body, s) >= 35.0
        # the supporting thigh stands about upright, its shin about level
        thigh = sk.sub(p["knee_r"], p["hip_r"])
        shin = sk.sub(p["ankle_r"], p["knee_r"])
        assert math.degrees(math.asin(thigh[1] / sk.THIGH)) >= 70.0
        assert abs(math.degrees(math.asin(shin[1] / sk.SHANK))) <= 20.0


def test_figure_4_card_shows_the_4_ankle_on_knee() -> None:
    """The card's still is the "4" itself: the supporting foot planted on the mat, the
    crossed ankle resting on the supporting knee, the crossed shin lying on top of the
    supporting thigh (painted over it, not tucked behind it) in its own leg's shade. With
    the supporting thigh held and drawn in (ab207's choice), both blind card reviewers of
    rv224 named it "knee to chest": a held thigh reads as a knee hug."""
    pose = pose_of("figure-4")
    assert pose.still is not None
    key = pose.keys[pose.still]
    assert "foot_r" in (key.contacts or pose.contacts)
    body = key_body("figure-4", pose.still)
    bottom = scene.contact_bottoms(body, ["foot_r"])["foot_r"]
    assert abs(bottom - scene.MAT_T) <= scene.CONTACT_TOLERANCE  # planted
    p = body.points
    assert sk.dist(p["ankle_l"], p["knee_r"]) <= 140.0  # the ankle on the knee
    items = still_drawing(pose).items
    assert first_index(items, "shank_l") > first_index(items, "thigh_r")
    shin, thigh = items[first_index(items, "shank_l")], items[first_index(items, "thigh_l")]
    # in its own leg's shade: a near-dark shin on a far-grey thigh read as two legs
    assert isinstance(shin, Limb) and isinstance(thigh, Limb) and shin.layer == thigh.layer


def elbow_angle(body: sk.Body, s: str) -> float:
    p = body.points
    u = sk.sub(p[f"shoulder_{s}"], p[f"elbow_{s}"])
    v = sk.sub(p[f"wrist_{s}"], p[f"elbow_{s}"])
    c = sum(a * b for a, b in zip(u, v, strict=True)) / (math.hypot(*u) * math.hypot(*v))
    return math.degrees(math.acos(max(-1.0, min(1.0, c))))


def test_knee_to_chest_hugs_one_knee_with_both_hands() -> None:
    start, hug = key_body("knee-to-chest", 0), key_body("knee-to-chest", 1)
    p = hug.points
    assert sk.dist(p["knee_l"], p["thoracic"]) < 0.7 * sk.dist(
        start.points["knee_l"], start.points["thoracic"]
    )
    for s in "lr":  # both hands behind the thigh just below the knee, or on the shin below it
        hand = hand_middle(hug, s)
        on_shin = closest(hand, p["knee_l"], p["ankle_l"])
        on_thigh = closest(hand, p["hip_l"], p["knee_l"])
        assert (
            sk.dist(hand, on_shin) < 70.0 and sk.dist(on_shin, p["knee_l"]) < 0.4 * sk.SHANK
        ) or (sk.dist(hand, on_thigh) < 110.0 and sk.dist(on_thigh, p["knee_l"]) < 0.4 * sk.THIGH)
        # elbows bent out, off the floor
        assert p[f"elbow_{s}"][1] - scene.MAT_T > 150.0
    # the lifted foot is well clear of the other knee (not a figure-4)
    assert sk.dist(p["ankle_l"], p["knee_r"]) > 200.0


# ---- seated twist ---------------------------------------------------------------------------


def facing(frame: sk.Mat) -> float:
    """Which way a trunk segment faces in the room, as a compass angle (degrees)."""
    return math.degrees(math.atan2(frame[2][0], frame[0][0]))


def twist_body(right: bool) -> sk.Body:
    """The seated twist's turned key, posed and placed as drawn, on one side."""
    pose = pose_of("seated-twist")
    k = motion.side_keys(pose, right)[-1]
    state, *_ = drawing_module._state(pose, motion.Moment(k, k, 0.0, right))
    return state.placed.body


@pytest.mark.parametrize("right", [False, True], ids=["left side", "right side"])
def test_seated_twist_turns_the_chest_toward_the_side_announced(right: bool) -> None:
    """The announced "Left side" is heard as "turn to the left" (two reviewers saw it
    reversed): on the left side the chest turns to the body's left of the hips' forward
    direction, the left shoulder going back, the left hand behind on the chair and the right
    hand on the outside of the left knee; the right side is its mirror image."""
    body = twist_body(right)
    turned, other = ("r", "l") if right else ("l", "r")
    to_right = 1.0 if right else -1.0  # the turn's sign toward the body's right (+z)
    turn = facing(body.frames["chest"]) - facing(body.frames["pelvis"])
    # gently: round 28 saw 42 as about 90, rv47's physiotherapists saw 28 as "large"
    assert 20.0 <= turn * to_right <= 25.0, turn
    p = body.points
    back = in_pelvis(body, sk.sub(p[f"shoulder_{turned}"], p[f"shoulder_{other}"]))
    assert back[0] <= -0.08 * sk.H  # the turned side's shoulder goes back
    # the front hand rests on the outside of the turned side's thigh near the knee, the
    # other hand behind, on the chair (low on the side of its back, where it meets the seat)
    on_knee = in_pelvis(body, sk.sub(hand_middle(body, other), p[f"kneecap_{turned}"]))
    assert -220.0 <= on_knee[0] <= 0.0 and 20.0 <= on_knee[2] * to_right <= 120.0
    assert abs(on_knee[1]) <= 100.0
    behind = in_pelvis(body, sk.sub(hand_middle(body, turned), p["hip_c"]))
    assert behind[0] <= -150.0 and behind[2] * to_right >= 120.0
    seat, radius = scene.contact_point(body, "seat")
    above_seat = hand_middle(body, turned)[1] - (seat[1] - radius)
    assert 0.0 <= above_seat <= 150.0
    # the spine stays upright: a twist, not a lean
    assert tilt_between(body.frames["pelvis"], body.frames["chest"]) <= 5.0
    # the head follows the chest, not beyond it: the twist is not in the neck
    neck = facing(body.frames["head"]) - facing(body.frames["chest"])
    assert neck * turn >= 0.0 and abs(neck) <= 3.0, neck


@pytest.mark.parametrize("right", [False, True], ids=["left side", "right side"])
def test_seated_twist_sits_tall_with_the_hands_resting_on_the_thighs(right: bool) -> None:
    """rv41's reviewers saw the start "a little slumped, head forward; the near hand tucked
    under the thigh at the seat edge, it should rest on the thigh" (the hands then lay on the
    seat beside the hips). Sitting tall, the low back is a little arched (not rounded) and
    the head's middle sits over the shoulders (37 mm ahead of them before), each elbow bent
    (60 to 100 degrees: a straight arm read as a rod) and each hand resting on top of its
    thigh, on the half by the hip (by the knees, rv32's saw arm and thigh merge): 40 to
    100 mm above the thigh's middle line, within 40 mm of it sideways."""
    pose = pose_of("seated-twist")
    k = motion.side_keys(pose, right)[0]
    state, *_ = drawing_module._state(pose, motion.Moment(k, k, 0.0, right))
    body = state.placed.body
    p = body.points
    assert k.angle_map().get("lumbar_flex", 0.0) <= 0.0
    for s in "lr":
        ahead = in_pelvis(body, sk.sub(p["head"], p[f"shoulder_{s}"]))[0]
        assert ahead <= 10.0, (s, ahead)
        upper = sk.sub(p[f"elbow_{s}"], p[f"shoulder_{s}"])
        fore = sk.sub(p[f"wrist_{s}"], p[f"elbow_{s}"])
        origin = (0.0, 0.0, 0.0)
        cos = sum(a * b for a, b in zip(upper, fore, strict=True)) / (
            sk.dist(upper, origin) * sk.dist(fore, origin)
        )
        assert 60.0 <= math.degrees(math.acos(cos)) <= 100.0, s
        hip, knee = p[f"hip_{s}"], p[f"knee_{s}"]
        hand = hand_middle(body, s)
        along = in_pelvis(body, sk.sub(knee, hip))
        rel = in_pelvis(body, sk.sub(hand, hip))
        t = sum(a * b for a, b in zip(rel, along, strict=True)) / sum(a * a for a in along)
        off = sk.sub(rel, sk.scale(along, t))
        assert 0.1 <= t <= 0.5, (s, t)
        assert 40.0 <= off[1] <= 100.0 and abs(off[2]) <= 40.0, (s, off)


def test_seated_twist_first_frame_draws_the_near_hand_over_the_near_thigh_by_the_hip() -> None:
    """rv32's reviewers: "frame 1: the near arm lies along the near thigh, same colour and
    thickness, arm and leg merge" (the hands then lay by the knees); rv41's wanted the hands
    on the thighs. The near hand now rests on the near thigh by the hip, its fingertips
    within the thigh's first 55 %, the forearm and hand painted over the thigh (outlined on
    it), so the arm ends in a hand on the leg rather than running along it to the knee."""
    items = still_drawing(pose_of("seated-twist"), 0).items
    limbs = {item.part: item for item in items if isinstance(item, Limb)}
    (hx, hy), (kx, ky) = limbs["thigh_l"].points[0], limbs["thigh_l"].points[-1]
    hand = limbs["hand_l"].points[-1]
    t = ((hand[0] - hx) * (kx - hx) + (hand[1] - hy) * (ky - hy)) / (
        (kx - hx) ** 2 + (ky - hy) ** 2
    )
    assert t <= 0.55, t
    order = list(items)
    assert order.index(limbs["hand_l"]) > order.index(limbs["thigh_l"])
    assert order.index(limbs["forearm_l"]) > order.index(limbs["thigh_l"])


@pytest.mark.parametrize("right", [False, True], ids=["left side", "right side"])
@pytest.mark.parametrize("key", [0, 1], ids=["sitting tall", "turned"])
def test_seated_twist_keeps_the_knees_hip_width_apart_and_the_front_hand_at_the_knee(
    right: bool, key: int
) -> None:
    """Round twenty-eight's reviewer saw the legs "spread wide" (the knees 25 cm apart, the
    hips 18): the steps say knees facing forward, so in both keys the knees stay hip-width
    apart (within 4 cm) and face forward, and in the turned key the front hand still rests
    on the outside of the opposite knee, within a few centimetres of the kneecap."""
    pose = pose_of("seated-twist")
    k = motion.side_keys(pose, right)[key]
    state, *_ = drawing_module._state(pose, motion.Moment(k, k, 0.0, right))
    body = state.placed.body
    p = body.points
    hips = sk.dist(p["hip_l"], p["hip_r"])
    knees = in_pelvis(body, sk.sub(p["knee_r"], p["knee_l"]))
    assert hips - 40.0 <= knees[2] <= hips + 40.0, (knees, hips)
    assert abs(knees[0]) <= 30.0  # side by side, neither knee ahead
    if key == 1:
        turned, other = ("r", "l") if right else ("l", "r")
        assert sk.dist(hand_middle(body, other), p[f"kneecap_{turned}"]) <= 100.0


def test_seated_twist_card_shows_the_chest_turned_against_the_hips() -> None:
    """Seen from the side the chest turns toward, the hips are side-on and the chest has
    turned toward the viewer: it is drawn broader than the pelvis, and in body colour (only
    the waist glows), so its turn shows instead of a glowing block that reads as a lean."""
    drawing = still_drawing(pose_of("seated-twist"))
    limbs = {item.part: item for item in drawing.items if isinstance(item, Limb)}
    assert not limbs["chest"].highlight
    assert max(limbs["chest"].widths) > 1.15 * max(limbs["pelvis"].widths)


def test_seated_twist_still_shows_the_thighs_on_the_seat_and_the_feet_on_the_floor() -> None:
    drawing = still_drawing(pose_of("seated-twist"))
    limbs = {item.part: item for item in drawing.items if isinstance(item, Limb)}
    for s in "lr":  # seen from above and in front, not end-on: sitting, not standing
        (x0, y0), (x1, y1) = limbs[f"thigh_{s}"].points[0], limbs[f"thigh_{s}"].points[-1]
        assert math.hypot(x1 - x0, y1 - y0) >= 0.5 * sk.THIGH
    assert any(getattr(item, "kind", None) == "floor" for item in drawing.items)
    body = key_body("seated-twist", 1)
    for s in "lr":  # feet flat on the floor
        assert abs(body.points[f"heel_{s}"][1] - body.points[f"toe_{s}"][1]) < 25.0


# ---- what the still picture shows ---------------------------------------------------------


def first_index(items: tuple[object, ...], part: str) -> int:
    return next(i for i, item in enumerate(items) if isinstance(item, Limb) and item.part == part)


def test_resting_breath_shows_both_hands_on_the_belly() -> None:
    items = still_drawing(pose_of("constructive-rest")).items
    trunk = max(first_index(items, part) for part in ("pelvis", "waist", "chest"))
    for s in "lr":
        hand = first_index(items, f"hand_{s}")
        assert hand > trunk  # painted on the body, not hidden behind it (the far one in
        # its own arm's lighter shade: in the trunk's it did not show, rv41)
        body = key_body("constructive-rest", 0)
        assert sk.dist(hand_middle(body, s), body.points["belly"]) < 160.0


def test_standing_back_bend_glows_on_the_back_not_the_belly() -> None:
    drawing = still_drawing(pose_of("standing-back-extension"))
    lit = [item for item in drawing.items if isinstance(item, Limb) and item.highlight]
    assert [item.part for item in lit] == ["low_back"]
    glow = lit[0]
    waist = next(i for i in drawing.items if isinstance(i, Limb) and i.part == "waist")
    nose = next(i for i in drawing.items if isinstance(i, Limb) and i.part == "nose")
    head = next(i for i in drawing.items if isinstance(i, Head))
    ahead = 1.0 if nose.points[1][0] > head.center[0] else -1.0  # the way the face looks
    middle = sum(x for x, _ in waist.points) / len(waist.points)
    band = sum(x for x, _ in glow.points) / len(glow.points)
    assert (band - middle) * ahead < -0.02 * sk.H  # behind the waist's middle: the back
    # and painted where it shows, over the trunk
    items = drawing.items
    assert items.index(glow) > max(first_index(items, p) for p in ("pelvis", "waist", "chest"))


# ---- the frame ------------------------------------------------------------------------------


def extent(drawing: Drawing) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for item in drawing.items:
        if isinstance(item, Limb):
            for (x, y), w in zip(item.points, item.widths, strict=True):
                xs += [x - w / 2, x + w / 2]
                ys += [y - w / 2, y + w / 2]
        elif isinstance(item, Head):
            xs += [item.center[0] - item.radius, item.center[0] + item.radius]
            ys += [item.center[1] - item.radius, item.center[1] + item.radius]
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize("stretch_id", sorted(STRETCHES))
def test_the_still_picture_fills_its_frame(stretch_id: str) -> None:
    # the frame holds every moment (the right side, the switch) but leaves no empty band
    drawing = still_drawing(pose_of(stretch_id))
    x0, y0, x1, y1 = drawing.frame
    bx0, by0, bx1, by1 = extent(drawing)
    assert max((bx1 - bx0) / (x1 - x0), (by1 - by0) / (y1 - y0)) >= 0.6


@pytest.mark.parametrize("stretch_id", sorted(STRETCHES))
def test_every_moment_stays_inside_the_frame(stretch_id: str) -> None:
    stretch = STRETCHES[stretch_id]
    pose = pose_of(stretch_id)
    phases = [
        (PhaseKind.STRETCH, "left", 30_000),
        (PhaseKind.STRETCH, "right", 30_000),
        (PhaseKind.SWITCH, "right", 5000),
    ]
    for phase, side, phase_ms in phases:
        for t in range(0, phase_ms, 400 if phase is PhaseKind.STRETCH else 200):
            drawing = drawing_at(
                pose,
                phase=phase,
                elapsed_ms=t,
                phase_ms=phase_ms,
                rep_ms=rep_ms(stretch),
                side=side,
            )
            x0, _, x1, y1 = drawing.frame
            bx0, _, bx1, by1 = extent(drawing)
            assert bx0 >= x0 - 0.5 and bx1 <= x1 + 0.5 and by1 <= y1 + 0.5, (phase, side, t)


# ---- seated figure-4 ------------------------------------------------------------------------


@pytest.mark.parametrize("key", [0, 1])
def test_seated_figure_4_rests_the_ankle_on_the_other_thigh(key: int) -> None:
    body = key_body("seated-figure-4", key)
    p = body.points
    # the crossed ankle lies on top of the supporting thigh, just above its knee
    on = closest(p["ankle_l"], p["hip_r"], p["knee_r"])
    assert sk.dist(on, p["ankle_l"]) < 110.0
    assert sk.dist(on, p["hip_r"]) > 0.65 * sk.THIGH
    assert p["ankle_l"][1] > on[1]  # on it, not under it
    # the crossed knee falls out to the side, not up at the chest
    assert -in_pelvis(body, sk.sub(p["knee_l"], p["hip_l"]))[2] >= 150.0
    assert p["knee_l"][1] - p["hip_l"][1] < 0.6 * sk.THIGH
    # a hand rests on the crossed knee; the supporting foot stands flat on the floor
    assert sk.dist(hand_middle(body, "l"), p["kneecap_l"]) < 100.0
    assert abs(p["heel_r"][1] - p["toe_r"][1]) < 25.0
    assert p["heel_r"][1] < 60.0


def arm_clearance(body: sk.Body, side: str) -> float:
    """How close an arm (below its shoulder) comes to the spine's centre line (mm)."""
    p = body.points
    spine = [p["hip_c"], p["lumbar"], p["thoracic"], p["neck_base"]]
    near = math.inf
    for a, b, t0 in (
        (f"shoulder_{side}", f"elbow_{side}", 0.35),
        (f"elbow_{side}", f"wrist_{side}", 0.0),
    ):
        for k in range(11):
            q = sk.add(p[a], sk.scale(sk.sub(p[b], p[a]), t0 + (1.0 - t0) * k / 10))
            near = min(near, *(sk.dist(q, closest(q, u, v)) for u, v in itertools.pairwise(spine)))
    return near


@pytest.mark.parametrize("key", [0, 1])
def test_seated_figure_4_arms_rest_on_the_leg_outside_the_trunk(key: int) -> None:
    """Both hands rest on the crossed leg (knee and shin), and no arm passes through the
    trunk on its way there; the back stays long, leaning forward from the hips."""
    body = key_body("seated-figure-4", key)
    p = body.points
    for s in "lr":
        assert arm_clearance(body, s) >= 0.5 * max(sk.TRUNK_DEPTH) + 0.02 * sk.H
        hand = hand_middle(body, s)
        to_leg = min(
            sk.dist(hand, closest(hand, p["hip_l"], p["knee_l"])),
            sk.dist(hand, closest(hand, p["knee_l"], p["ankle_l"])),
        )
        assert to_leg <= 100.0
    f = body.frames
    assert tilt_between(f["pelvis"], f["chest"]) <= 5.0  # a long back, not rounded
    if key == 1:
        lean = math.degrees(math.asin(sk.apply(f["chest"], (0.0, 1.0, 0.0))[0]))
        assert 10.0 <= lean <= 25.0


def test_seated_figure_4_still_shows_floor_under_the_chair() -> None:
    items = still_drawing(pose_of("seated-figure-4")).items
    assert any(getattr(item, "kind", None) == "floor" for item in items)


def test_seated_figure_4_still_shows_the_thigh_and_shin_apart() -> None:
    items = still_drawing(pose_of("seated-figure-4")).items
    limbs = {item.part: item for item in items if isinstance(item, Limb)}
    thigh, shin, under = limbs["thigh_l"], limbs["shank_l"], limbs["thigh_r"]

    def direction(limb: Limb) -> tuple[float, float, float]:
        (x0, y0), (x1, y1) = limb.points[0], limb.points[-1]
        return math.degrees(math.atan2(y1 - y0, x1 - x0)), math.hypot(x1 - x0, y1 - y0), 0.0

    (a_thigh, l_thigh, _), (a_shin, l_shin, _) = direction(thigh), direction(shin)
    bend = abs((a_shin - a_thigh + 180.0) % 360.0 - 180.0)
    assert bend >= 45.0  # a "4", not one wedge
    assert l_thigh >= 0.35 * sk.THIGH and l_shin >= 0.55 * sk.SHANK  # neither seen end-on
    # the crossed shin lies over the supporting thigh (drawn after it, outlined)
    assert items.index(shin) > items.index(under)


# ---- cat-cow --------------------------------------------------------------------------------


def test_cat_cow_moves_the_spine_not_the_elbows() -> None:
    stretch = STRETCHES["cat-cow"]
    pose = pose_of("cat-cow")
    rep = rep_ms(stretch)
    for t in range(0, 2 * rep, 100):
        _, placed = body_at(
            pose, phase=PhaseKind.STRETCH, elapsed_ms=t, phase_ms=30_000, rep_ms=rep, side=None
        )
        for s in "lr":  # the arms stay straight, hands under the shoulders
            assert elbow_angle(placed.body, s) >= 170.0, (t, s)
    cat, cow = key_body("cat-cow", 1), key_body("cat-cow", 2)
    # the cat rounds the back up, the cow lets the belly sink: the spine moves
    assert cat.points["mid_back"][1] - cow.points["mid_back"][1] > 60.0
    # and the cow's head is not cranked back: at 52 and at 44 degrees of neck extension
    # two reviewers in a row saw the head sit back on the shoulders, "a neck crank" for
    # older necks (round 25); no more than 40
    angles = pose.keys[2].angle_map()
    assert angles.get("neck_flex", 0.0) >= -40.0


def test_cat_cow_flat_back_is_level_the_cat_rounds_the_low_back_the_cow_looks_ahead() -> None:
    """Round 24's reviewer saw the flat back slope 17 degrees down from the shoulders to the
    hips (it could teach sitting back), the cat's hump high in the upper back (lumbar 30 of
    74 degrees) and the cow's face 25 degrees down, read as tucked: the drawn back is now
    within 5.5 degrees of level from the hips' top to the shoulders' and the low back takes
    at least 45 % of the cat's rounding. Lifting the cow's head further was read twice as a
    neck crank (the limit above), and round 32's reviewer still saw the head "lifted quite
    high" with the neck bent back 36 degrees and the face 24 degrees down, and asked for the
    gaze kept forward (safer in a spasm); at 24 degrees back, the face 36 down, round 34's
    still saw the head lifted, and with the neck 12 degrees back (its drawn rise in line
    with the chest's, the face 48 down) a physiotherapist still saw it craned: the neck
    carried on the chest's own line (not bent back), the face 60 degrees down. A later
    physiotherapist still saw the head raised well above the shoulders (the chest rose 30
    degrees and the head with it): in the gentler cow the neck bends a little forward of
    the chest (at most 12 degrees: a long neck, not a tucked chin), never back, its drawn
    rise at most 20 degrees below the upper back's, the face down and a little forward at
    the floor ahead of the hands, 70 to 80 degrees below level (not at the floor under the
    head: see the next test)."""
    pose = pose_of("cat-cow")
    names = [k.name for k in pose.keys]
    hips, _, shoulders, _ = drawn_back("cat-cow", names.index("flat back"))
    items = still_drawing(pose, names.index("flat back")).items
    limbs = {i.part: i for i in items if isinstance(i, Limb)}
    near = next(s for s in "lr" if limbs[f"upper_arm_{s}"].layer != Layer.FAR)
    run = abs(limbs[f"upper_arm_{near}"].points[0][0] - limbs["pelvis"].points[0][0])
    assert abs(math.degrees(math.atan2(shoulders - hips, run))) <= 5.5, (hips, shoulders)
    cat = pose.keys[names.index("cat")].angle_map()
    assert cat["lumbar_flex"] >= 0.45 * (cat["lumbar_flex"] + cat["thoracic_flex"])
    cow = key_body("cat-cow", names.index("cow"))
    face = sk.apply(cow.frames["head"], (1.0, 0.0, 0.0))
    assert -80.0 <= math.degrees(math.atan2(face[1], abs(face[0]))) <= -70.0
    # the neck's extension: how far the head's long axis tips back from the chest's (< 0:
    # forward of it)
    head_up, chest_up = (sk.apply(cow.frames[n], (0.0, 1.0, 0.0)) for n in ("head", "chest"))
    tilt = math.degrees(math.atan2(chest_up[0], chest_up[1]) - math.atan2(head_up[0], head_up[1]))
    assert -12.0 <= tilt <= 0.0, tilt
    # as drawn: the neck (its base to the head's joint) rises no steeper than the upper back
    # does (the chest from the thoracic joint to the neck's base): in line, not lifted
    p = cow.points

    def rise(a: str, b: str) -> float:
        return math.degrees(math.atan2(p[b][1] - p[a][1], abs(p[b][0] - p[a][0])))

    assert -20.0 <= rise("neck_base", "head_joint") - rise("thoracic", "neck_base") <= 0.0


def test_cat_cow_cow_keeps_the_head_in_line_with_the_back() -> None:
    """A physiotherapist's blind review: in the cow the head sat well forward of and above
    the shoulders, the neck clearly craned (the head's centre 74 mm above the shoulder
    joints, the neck rising 33 degrees); older users want a gentler lift. With the neck
    not bent back the head still rose with a chest lifted 30 degrees (its centre 37 mm
    above the shoulder joints) and the next physiotherapist saw it "raised well above the
    shoulders": in the gentler cow the head's long axis lies within 8 degrees of the back's
    line from the hips to the base of the neck (4; it was 17 off, 30 degrees up against
    13), its centre no higher than the shoulder joints (43 mm below), the neck rising at
    most 10 degrees (5), and the gaze meets the floor a little ahead of the hands, at
    least 150 mm past the fingertips (280: not down at the floor under the head)."""
    cow = key_body("cat-cow", [k.name for k in pose_of("cat-cow").keys].index("cow"))
    p = cow.points
    up = sk.apply(cow.frames["head"], (0.0, 1.0, 0.0))
    back = sk.sub(p["neck_base"], p["hip_c"])
    off = math.degrees(math.atan2(up[1], abs(up[0])) - math.atan2(back[1], abs(back[0])))
    assert abs(off) <= 8.0, off
    above = p["head"][1] - max(p[f"shoulder_{s}"][1] for s in "lr")
    assert above <= 0.0, above
    neck = sk.sub(p["head_joint"], p["neck_base"])
    assert math.degrees(math.atan2(neck[1], abs(neck[0]))) <= 10.0
    face = sk.apply(cow.frames["head"], (1.0, 0.0, 0.0))
    assert face[1] < 0.0
    floor_at = p["head"][0] + (p["head"][1] - scene.MAT_T) / -face[1] * face[0]
    assert floor_at - max(p[f"fingers_{s}"][0] for s in "lr") >= 150.0


def below_chord(body: sk.Body, point: str) -> float:
    """How far a spine point sits below the straight line from the hips to the neck (mm)."""
    p = body.points
    a, c, q = p["hip_c"], p["neck_base"], p[point]
    t = (q[0] - a[0]) / (c[0] - a[0])
    return a[1] + t * (c[1] - a[1]) - q[1]


def test_cat_cow_shows_a_real_cow_on_flat_shins() -> None:
    cow = key_body("cat-cow", 2)
    # the belly sinks: the back dips below the line from the hips to the shoulders (gently:
    # see the next test)
    assert below_chord(cow, "lumbar") >= 20.0
    assert below_chord(cow, "thoracic") >= 40.0
    assert cow.points["belly"][1] < cow.points["hip_c"][1] - 60.0
    # the face looks down and a little forward (at the floor ahead of the hands), not at
    # the floor under the head: see the tests above
    assert sk.apply(cow.frames["head"], (1.0, 0.0, 0.0))[0] >= 0.17
    pose = pose_of("cat-cow")
    for key in range(len(pose.keys)):  # the shins lie on the mat, not just the toes
        body = key_body("cat-cow", key)
        assert "shins" in (pose.keys[key].contacts or pose.contacts)
        bottom = scene.contact_bottoms(body, ["shins"])["shins"]
        assert bottom - scene.MAT_T <= scene.CONTACT_TOLERANCE
        for s in "lr":
            assert body.points[f"ankle_{s}"][1] <= body.points[f"knee_{s}"][1] + 10.0


def test_cat_cow_cow_arches_gently_spread_along_the_back() -> None:
    """A physiotherapist's blind review: the cow's sag was deep and mostly in the low back,
    the belly hanging well below the neutral line; for people with back pain the arch
    should be small and pain-free. The cow now tips the pelvis at most 18 degrees from the
    flat back (16; it was 26), the low back extends at most 15 degrees (10; 25) and less
    than the upper back (22), the small of the back lies at most 40 mm below the line from
    the hips to the base of the neck (32; 59) and the back between the shoulder blades at
    most 65 (58; 81), and the belly hangs at most 48 mm lower than in the flat back (42;
    55). It is still the cow, not the flat back: the middle of the back lies at least
    30 mm lower than there (38)."""
    pose = pose_of("cat-cow")
    names = [k.name for k in pose.keys]
    flat_key, cow_key = names.index("flat back"), names.index("cow")
    angles, flat_angles = pose.keys[cow_key].angle_map(), pose.keys[flat_key].angle_map()
    assert angles["body_pitch"] - flat_angles["body_pitch"] <= 18.0
    assert -15.0 <= angles["lumbar_flex"] < 0.0
    assert angles["lumbar_flex"] > angles["thoracic_flex"]
    flat, cow = key_body("cat-cow", flat_key), key_body("cat-cow", cow_key)
    assert below_chord(cow, "lumbar") <= 40.0
    assert below_chord(cow, "thoracic") <= 65.0

    def belly(body: sk.Body) -> float:
        return body.points["belly"][1] - body.points["hip_c"][1]

    assert belly(flat) - belly(cow) <= 48.0, (belly(flat), belly(cow))
    assert flat.points["mid_back"][1] - cow.points["mid_back"][1] >= 30.0


@pytest.mark.parametrize("stretch_id", ["cat-cow", "seated-cat-cow"])
def test_cat_cow_cards_show_an_end_of_the_movement(stretch_id: str) -> None:
    """The card shows the back clearly rounded (cat) or arched (cow), never the neutral
    start a reviewer takes for plain kneeling or sitting."""
    pose = pose_of(stretch_id)
    assert pose.still is not None and pose.still != 0
    angles = pose.keys[pose.still].angle_map()
    assert abs(angles["lumbar_flex"]) >= 20.0


def drawn_back(stretch_id: str, key: int) -> tuple[float, float, float, float]:
    """The drawn back seen from the side: its top over the hips, its lowest top between the
    hips and the shoulders, its top over the shoulders, and how far the middle of the waist
    lies above (+) or below (-) the straight line from the hips' top to the shoulders'."""
    items = still_drawing(pose_of(stretch_id), key).items
    limbs = {i.part: i for i in items if isinstance(i, Limb)}
    trunk = [limbs[p] for p in ("pelvis", "waist", "chest")]
    hip, lumbar = limbs["pelvis"].points[0], limbs["pelvis"].points[-1]
    thoracic = limbs["waist"].points[-1]
    near = next(s for s in "lr" if limbs[f"upper_arm_{s}"].layer != Layer.FAR)
    shoulder = limbs[f"upper_arm_{near}"].points[0]
    xs = [hip[0] + (shoulder[0] - hip[0]) * k / 20 for k in range(21)]
    tops = [trunk_top(trunk, x) for x in xs]
    middle = (lumbar[0] + thoracic[0]) / 2
    t = (middle - xs[0]) / (xs[-1] - xs[0])
    chord = tops[0] + (tops[-1] - tops[0]) * t
    return tops[0], min(tops[1:-1]), tops[-1], trunk_top(trunk, middle) - chord


def test_cat_cow_cow_lets_the_back_sag_between_level_hips_and_shoulders() -> None:
    """Round twelve's reviewers saw the cow's back as a flat table tilted up toward the
    shoulders (the arms are longer than the thighs): the chest now sinks between the
    shoulder blades, so the shoulders' top is near the hips' and the back sags visibly
    between them, belly toward the mat; the cat's back rounds up above the same line."""
    pose = pose_of("cat-cow")
    names = [k.name for k in pose.keys]
    hips, low, shoulders, middle = drawn_back("cat-cow", names.index("cow"))
    assert shoulders - hips <= 100.0, (hips, shoulders)  # near level, not a ramp
    assert min(hips, shoulders) - low >= 35.0, (hips, low, shoulders)  # a sag you can see
    assert middle <= -40.0
    *_, middle = drawn_back("cat-cow", names.index("cat"))
    assert middle >= 40.0
    # in 3D too: the low back's middle below the line from the hips to the shoulders in the
    # cow, above it in the cat
    for name, sign in (("cow", -1.0), ("cat", 1.0)):
        p = key_body("cat-cow", names.index(name)).points
        shoulder = sk.scale(sk.add(p["shoulder_l"], p["shoulder_r"]), 0.5)
        spine = sk.scale(sk.add(p["lumbar"], p["thoracic"]), 0.5)
        a = p["hip_c"]
        t = (spine[0] - a[0]) / (shoulder[0] - a[0])
        above = spine[1] - (a[1] + (shoulder[1] - a[1]) * t)
        assert sign * above >= 20.0, (name, above)


def test_cat_cow_cat_back_outline_rounds_without_a_notch() -> None:
    """Round 24's reviewer saw a notch in the cat's back where the waist meets the chest and
    the pelvis, the trunk looking cut off: each trunk piece's end was as wide as its frame
    measured across the piece, so at a bent join the waist ended 65 mm thinner than the
    chest began. From the hips to the shoulders the drawn back now never dips more than
    3 mm below the straight line between any two of its points (it dipped 21 mm)."""
    pose = pose_of("cat-cow")
    cat = [k.name for k in pose.keys].index("cat")
    items = still_drawing(pose, cat).items
    limbs = {i.part: i for i in items if isinstance(i, Limb)}
    trunk = [limbs[p] for p in ("pelvis", "waist", "chest")]
    near = next(s for s in "lr" if limbs[f"upper_arm_{s}"].layer != Layer.FAR)
    hip, shoulder = limbs["pelvis"].points[0], limbs[f"upper_arm_{near}"].points[0]
    xs = [hip[0] + (shoulder[0] - hip[0]) * k / 40 for k in range(41)]
    tops = [trunk_top(trunk, x) for x in xs]
    dip = max(
        tops[i] + (tops[j] - tops[i]) * (xs[m] - xs[i]) / (xs[j] - xs[i]) - tops[m]
        for i in range(len(xs))
        for j in range(i + 2, len(xs))
        for m in range(i + 1, j)
    )
    assert dip <= 3.0, dip


@pytest.mark.parametrize("key", [0, 1, 2])
def test_cat_cow_keeps_hands_under_shoulders_and_knees_under_hips(key: int) -> None:
    p = key_body("cat-cow", key).points
    for s in "lr":
        assert abs(p[f"shoulder_{s}"][0] - p[f"wrist_{s}"][0]) <= 60.0
        assert abs(p[f"hip_{s}"][0] - p[f"knee_{s}"][0]) <= 70.0


# ---- seated cat-cow -------------------------------------------------------------------------


def test_seated_cat_cow_shows_a_real_cow_and_a_moderate_cat() -> None:
    tall, cat, cow = (key_body("seated-cat-cow", k) for k in range(3))
    angles = pose_of("seated-cat-cow").keys[2].angle_map()
    # the cow arches the low back and brings the chest forward (not upright, not leaning back);
    # forward and up, not down: a chest 60 mm forward came with the whole trunk dropping
    # (-20 or more until ab62: a gentle low-back curve since, see test_figure_upright)
    assert angles["lumbar_flex"] <= -10.0
    assert cow.points["chest_front"][0] - tall.points["chest_front"][0] > 30.0
    # (+ 40 until ab62's physiotherapist saw the deeper arch as "stick your bottom out")
    assert cow.points["neck_base"][0] > cow.points["hip_c"][0] + 20.0
    # the cat rounds, but the head stays well above the knees
    knee = max(cat.points["knee_l"][1], cat.points["knee_r"][1])
    assert cat.points["head"][1] - knee > 250.0


@pytest.mark.parametrize("stretch_id", ["foam-roll-glutes", "foam-roll-upper-back"])
def test_the_roller_is_a_thick_cylinder_behind_the_body(stretch_id: str) -> None:
    assert scene.ROLLER_R >= 70.0  # a 15 cm foam roller, not a rod
    pose = pose_of(stretch_id)
    for key in range(len(pose.keys)):
        items = still_drawing(pose, key).items
        kinds = [getattr(item, "kind", None) for item in items]
        roller = kinds.index("roller")
        first_body = min(i for i, item in enumerate(items) if isinstance(item, (Limb, Head)))
        assert roller < first_body  # the body rests on it: drawn behind every part
        # its end shows, so it reads as a cylinder
        assert kinds.index("roller_end") < first_body
        outline = items[roller].outline  # type: ignore[union-attr]
        xs, ys = [x for x, _ in outline], [y for _, y in outline]
        assert min(max(xs) - min(xs), max(ys) - min(ys)) >= 1.8 * scene.ROLLER_R
        # its end shows a hollow, so it reads as a tube's end, not a ball
        end = items[kinds.index("roller_end")].outline  # type: ignore[union-attr]
        core = items[kinds.index("roller_core")].outline  # type: ignore[union-attr]
        assert kinds.index("roller_end") < kinds.index("roller_core") < first_body
        end_w = max(x for x, _ in end) - min(x for x, _ in end)
        core_w = max(x for x, _ in core) - min(x for x, _ in core)
        assert 0.3 * end_w <= core_w <= 0.5 * end_w
        cx, cy = sum(x for x, _ in core) / len(core), sum(y for _, y in core) / len(core)
        ex, ey = sum(x for x, _ in end) / len(end), sum(y for _, y in end) / len(end)
        assert math.dist((cx, cy), (ex, ey)) <= 0.1 * end_w


@pytest.mark.parametrize("stretch_id", ["foam-roll-glutes", "foam-roll-upper-back"])
def test_the_roller_is_shaded_round_and_lies_on_the_mat(stretch_id: str) -> None:
    """In flat colour, seen nearly end-on from a little above, the upper-back roller read as
    "a slanted tan bar running from the back down to a brown circle on the floor, a prop or
    lever, not a roller lying across the back" (blind A/B ab123, both versions). It is shaded
    as a cylinder: a band of shade along its underside from its lower edge, a lit stripe
    along its top, both running with its axis; and it casts a shadow band on the mat along
    its length, within the mat and showing beside it, so it lies on the mat. All of it
    behind the body, the end and its hollow over the bands."""
    from tests.figure_geometry import inside_polygon

    pose = pose_of(stretch_id)
    r = scene.ROLLER_R
    for key in range(len(pose.keys)):
        items = still_drawing(pose, key).items
        props = {item.kind: item for item in items if isinstance(item, Prop)}
        kinds = [getattr(item, "kind", None) for item in items]
        first_body = min(i for i, item in enumerate(items) if isinstance(item, (Limb, Head)))
        order = ["mat", "roller_shadow", "roller", "roller_shade", "roller_light", "roller_end"]
        at = [kinds.index(kind) for kind in order]
        assert at == sorted(at) and at[-1] < first_body, (key, at)
        roller = props["roller"].outline
        end = props["roller_end"].outline
        ex, ey = sum(x for x, _ in end) / len(end), sum(y for _, y in end) / len(end)
        mx, my = sum(x for x, _ in roller) / len(roller), sum(y for _, y in roller) / len(roller)
        length = math.hypot(mx - ex, my - ey)
        ax, ay = (mx - ex) / length, (my - ey) / length  # the axis on the page, end to middle
        nx, ny = (-ay, ax) if ax > 0 else (ay, -ax)  # across it, the way up the page

        def across(q: tuple[float, float], o: tuple[float, ...] = (ex, ey, nx, ny)) -> float:
            return (q[0] - o[0]) * o[2] + (q[1] - o[1]) * o[3]

        lowest = min(across(q) for q in roller)
        bands = {}
        for kind in ("roller_shade", "roller_light"):
            band = props[kind].outline
            assert len(band) == 4
            for q in band:
                assert inside_polygon(q, roller) >= -1.0, (key, kind)
            # its two long sides run with the axis
            for a, b in ((band[0], band[1]), (band[3], band[2])):
                d = math.hypot(b[0] - a[0], b[1] - a[1])
                assert abs(((b[0] - a[0]) * ay - (b[1] - a[1]) * ax) / d) < 0.01, (key, kind)
            offsets = [across(q) for q in band]
            assert max(offsets) - min(offsets) >= 0.3 * r, (key, kind)
            bands[kind] = offsets
        # the shade from the lower edge; the light along the top, well above it
        assert min(bands["roller_shade"]) <= lowest + 2.0, key
        light = sum(bands["roller_light"]) / 4
        assert light - sum(bands["roller_shade"]) / 4 >= 0.7 * r, key
        assert light > 0.3 * r, key
        # the shadow on the mat, some of it beside the roller
        shadow = props["roller_shadow"].outline
        for q in shadow:
            assert inside_polygon(q, props["mat"].outline) >= -1.0, key
        xs, ys = [x for x, _ in shadow], [y for _, y in shadow]
        grid = [
            (min(xs) + (max(xs) - min(xs)) * i / 40, min(ys) + (max(ys) - min(ys)) * j / 40)
            for i in range(41)
            for j in range(41)
        ]
        under = [q for q in grid if inside_polygon(q, shadow) > 0]
        beside = [q for q in under if inside_polygon(q, roller) < 0]
        assert len(beside) >= 0.25 * len(under), (key, len(beside), len(under))


@pytest.mark.parametrize("stretch_id", ["foam-roll-glutes"])
@pytest.mark.parametrize("right", [False, True], ids=["left", "right"])
def test_the_roller_fits_across_the_mat(stretch_id: str, right: bool) -> None:
    """A 90 cm roller on a 60 cm mat stuck out past both its edges, a post through the hip
    at card size (blind review, round 17): the roller under the seat (a common 50 cm one)
    lies within the mat's width in every key and on either side, and along the drawn mat
    within its ends. (Across the back it is a long one: see the test after this.)"""
    pose = pose_of(stretch_id)
    assert 450.0 <= 2 * scene.ROLLER_HALF <= 600.0
    full = scene.mat_box(0.0, 0.0, 1000.0)
    for k in pose.keys:
        state, *_ = drawing_module._state(pose, motion.Moment(k, k, 0.0, right))
        roller = state.placed.roller
        assert roller is not None
        ends = [z for _, _, z in scene.roller_points(roller)]
        assert full.lo[2] <= min(ends) and max(ends) <= full.hi[2], (k.name, min(ends), max(ends))
        items = drawing_module._drawing(pose, motion.Moment(k, k, 0.0, right)).items
        mats = [i for i in items if isinstance(i, Prop) and i.kind == "mat"]
        drawn = next(i for i in items if isinstance(i, Prop) and i.kind == "roller")
        for mat in mats:
            hx = [x for x, _ in mat.outline]
            rx = [x for x, _ in drawn.outline]
            assert min(hx) <= min(rx) and max(rx) <= max(hx), k.name


@pytest.mark.parametrize("right", [False, True], ids=["left", "right"])
def test_the_upper_back_roller_spans_the_back_past_both_shoulders(right: bool) -> None:
    """Blind review rv38: the 50 cm roller hid behind the trunk and read as a short roller
    lying beside a body on the mat. Across the back it is a common full-length one (90 cm):
    in every key its ends reach at least 20 cm past each shoulder, and the roller under the
    seat of foam-roll-glutes stays the short one."""
    pose = pose_of("foam-roll-upper-back")
    for k in pose.keys:
        state, *_ = drawing_module._state(pose, motion.Moment(k, k, 0.0, right))
        roller = state.placed.roller
        assert roller is not None
        ends = [z for _, _, z in scene.roller_points(roller, half=state.roller_half)]
        body = state.placed.body
        shoulders = [body.points[f"shoulder_{s}"][2] for s in "lr"]
        assert min(ends) <= min(shoulders) - 200.0, (k.name, min(ends), shoulders)
        assert max(ends) >= max(shoulders) + 200.0, (k.name, max(ends), shoulders)
    glutes = pose_of("foam-roll-glutes")
    k = glutes.keys[0]
    state, *_ = drawing_module._state(glutes, motion.Moment(k, k, 0.0, right))
    assert state.roller_half == scene.ROLLER_HALF


@pytest.mark.parametrize("key", [0, 1])
def test_the_upper_back_roller_stays_under_the_shoulder_blades(key: int) -> None:
    pose = pose_of("foam-roll-upper-back")
    _, placed = body_at_key(pose, key)
    assert placed.roller is not None
    p = placed.body.points
    # between the shoulder blades and the bottom of the ribs, never at the neck or low back
    lo, hi = sorted((p["thoracic"][0], p["neck_base"][0]))
    margin = 0.1 * (hi - lo)
    assert lo - margin <= placed.roller[0] <= hi - 2 * margin


# ---- pelvic tilt and resting breath tell apart ------------------------------------------


def test_resting_breath_rests_the_elbows_on_the_mat_beside_the_body() -> None:
    body = key_body("constructive-rest", 0)
    p = body.points
    for s in "lr":
        elbow = p[f"elbow_{s}"]
        # beside the trunk, not under the back
        assert abs(in_pelvis(body, sk.sub(elbow, p["hip_c"]))[2]) >= max(sk.TRUNK_BREADTH) / 2
        assert elbow[1] >= scene.MAT_T - scene.SINK_TOLERANCE
        assert elbow[1] <= p["belly"][1]  # resting low, not held up in the air


def drawn_knee_angle(items: list[object], side: str) -> float:
    """The angle at the knee as drawn on the page (180: a straight leg)."""
    limbs = {item.part: item for item in items if isinstance(item, Limb)}
    hip, knee = limbs[f"thigh_{side}"].points[0], limbs[f"thigh_{side}"].points[-1]
    ankle = limbs[f"shank_{side}"].points[-1]
    a, b = (hip[0] - knee[0], hip[1] - knee[1]), (ankle[0] - knee[0], ankle[1] - knee[1])
    cos = (a[0] * b[0] + a[1] * b[1]) / (math.hypot(*a) * math.hypot(*b))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def test_lower_back_rotation_shows_bent_knees_that_drop_to_one_side() -> None:
    pose = pose_of("lower-back-rotation")
    for key in range(len(pose.keys)):  # bent knees are drawn bent, never as straight legs
        items = list(still_drawing(pose, key).items)
        for s in "lr":
            assert drawn_knee_angle(items, s) <= 120.0, (key, s)
    up, down = key_body("lower-back-rotation", 0), key_body("lower-back-rotation", 1)
    p = up.points
    # the start: knees up together over level hips, no lean yet
    assert p["knee_l"][1] - p["hip_l"][1] >= 250.0
    assert abs(p["knee_l"][1] - p["knee_r"][1]) <= 10.0
    assert abs(p["hip_l"][1] - p["hip_r"][1]) <= 10.0
    # then both knees go over to the same side, stacked: the lower one drops toward the
    # mat, the upper one rides over on top of it (never rising)
    q = down.points
    drops = [p[f"knee_{s}"][1] - q[f"knee_{s}"][1] for s in "lr"]
    shifts = [q[f"knee_{s}"][2] - p[f"knee_{s}"][2] for s in "lr"]
    assert max(drops) >= 60.0 and min(drops) >= -10.0
    assert shifts[0] * shifts[1] > 0.0 and min(abs(x) for x in shifts) >= 60.0


def test_lower_back_rotation_keeps_knees_and_feet_together_shoulders_flat() -> None:
    """The knees and feet stay close as they drop (never drifting apart), the shoulders
    stay flat on the mat and the arms stay out to the sides, all through a repetition."""
    stretch = STRETCHES["lower-back-rotation"]
    pose = pose_of("lower-back-rotation")
    rep = rep_ms(stretch)
    for t in range(0, rep + 1, rep // 20):
        _, placed = body_at(
            pose, phase=PhaseKind.STRETCH, elapsed_ms=t, phase_ms=60_000, rep_ms=rep, side="left"
        )
        p = placed.body.points
        # close together, a hand's gap apart at most (so that they are drawn as two), never
        # through each other
        assert 90.0 <= sk.dist(p["knee_l"], p["knee_r"]) <= 215.0, t
        assert sk.dist(p["ankle_l"], p["ankle_r"]) <= 130.0, t
        assert abs(p["shoulder_l"][1] - p["shoulder_r"][1]) <= 15.0, t
        for s in "lr":  # the arms out to the sides (the body lies along the room's x)
            assert abs(sk.sub(p[f"wrist_{s}"], p[f"shoulder_{s}"])[2]) >= 350.0, t


def test_childs_pose_reaches_both_arms_forward_side_by_side_on_the_mat() -> None:
    body = key_body("childs-pose", 1)
    p = body.points
    arms = [sk.sub(p[f"wrist_{s}"], p[f"shoulder_{s}"]) for s in "lr"]
    cos = sum(a * b for a, b in zip(*arms, strict=True)) / (
        math.hypot(*arms[0]) * math.hypot(*arms[1])
    )
    assert math.degrees(math.acos(min(1.0, cos))) < 12.0  # parallel
    for s in "lr":  # both hands rest on the mat
        assert hand_middle(body, s)[1] - scene.MAT_T < 45.0
    # the near hand does not drop below the far one by more than a hand, beyond what looking
    # down on two hands side by side on the mat shows (the card looks down to show the head)
    pose = pose_of("childs-pose")
    items = still_drawing(pose, 1).items
    hands = [i for i in items if isinstance(i, Limb) and i.part in ("hand_l", "hand_r")]
    ys = [sum(y for _, y in h.points) / len(h.points) for h in hands]
    apart = sk.dist(hand_middle(body, "l"), hand_middle(body, "r"))
    seen = apart * math.sin(math.radians(pose.elevation or 0.0))
    assert abs(ys[0] - ys[1]) < seen + 0.05 * sk.H


# ---- standing bends -----------------------------------------------------------------------


def tilt_between(a: sk.Mat, b: sk.Mat) -> float:
    """The angle between two segments' long axes (degrees)."""
    ua, ub = sk.apply(a, (0.0, 1.0, 0.0)), sk.apply(b, (0.0, 1.0, 0.0))
    cos = sum(x * y for x, y in zip(ua, ub, strict=True))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def test_standing_back_bend_bends_in_the_low_back_not_the_knees() -> None:
    body = key_body("standing-back-extension", 1)
    f = body.frames
    # the chest leans back past the pelvis: the bend is in the spine, through the low back
    assert tilt_between(f["pelvis"], f["chest"]) >= 25.0
    assert tilt_between(f["pelvis"], f["waist"]) >= 12.0
    # the chest leans back from upright (the figure faces +x), a gentle lean and never a deep
    # backbend: this is for people with back spasms
    up = sk.apply(f["chest"], (0.0, 1.0, 0.0))
    assert up[0] < 0.0 and 18.0 <= math.degrees(math.acos(up[1])) <= 38.0
    # over a pelvis eased forward of the ankles, the head back over the feet: an arch that
    # keeps its balance, not a forward fold with the buttocks back (nor, pushed 15 cm ahead
    # over bent knees, a lean back from the knees)
    p = body.points
    ankle = max(p["ankle_l"][0], p["ankle_r"][0])
    assert 60.0 <= p["hip_c"][0] - ankle <= 150.0
    assert -120.0 <= p["head"][0] - ankle <= 60.0
    # the face looks ahead or gently up (a face turned to the ceiling reads, at card size, as
    # the top of a bowed head), the head in line with the chest or the chin a little in
    face = sk.apply(f["head"], (1.0, 0.0, 0.0))
    assert 0.0 <= math.degrees(math.asin(face[1])) <= 25.0
    assert sk.apply(f["head"], (0.0, 1.0, 0.0))[0] >= up[0]  # not thrown back past the chest
    # knees soft: a small bend, neither locked nor bent (eleven read as squatting; 5.5
    # read as locked, bb2's review: nine, the hips over the feet)
    for s in "lr":
        assert 5.0 <= tilt_between(f[f"thigh_{s}"], f[f"shank_{s}"]) <= 10.0
    # the hands rest on the lower back, fingers pointing down
    for s in "lr":
        hand = hand_middle(body, s)
        assert abs(hand[1] - p["lumbar"][1]) <= 120.0
        assert p[f"fingers_{s}"][1] < p[f"wrist_{s}"][1]
        assert hand[0] < p["hip_c"][0]  # behind the body, not on the belly


def test_standing_side_bend_keeps_the_head_in_line_and_glows_on_the_trunk() -> None:
    body = key_body("standing-side-bend", 1)
    assert tilt_between(body.frames["chest"], body.frames["head"]) <= 10.0
    assert tilt_between(body.frames["pelvis"], body.frames["chest"]) >= 25.0
    # on the trunk: the stretched side of it (the raised arm's, the left)
    assert set(pose_of("standing-side-bend").highlight) == {"side_l"}


def test_standing_side_bend_arcs_the_raised_arm_over_toward_the_bend() -> None:
    stretch = STRETCHES["standing-side-bend"]
    assert stretch.hold is not None
    pose = pose_of("standing-side-bend")
    across = []  # the raised hand's reach toward the bend (the body's right), from the neck
    for t in range(0, motion.ease_in_ms(stretch.hold * 1000) + 1, 100):
        _, placed = body_at(
            pose,
            phase=PhaseKind.STRETCH,
            elapsed_ms=t,
            phase_ms=stretch.hold * 1000,
            rep_ms=0,
            side=None,
        )
        p = placed.body.points
        across.append(in_pelvis(placed.body, sk.sub(p["fingers_l"], p["neck_base"]))[2])
    # the arm is up from the start and only ever travels over toward the bend, never out the
    # other way first
    assert min(across) >= -350.0
    assert all(b >= a - 1.0 for a, b in itertools.pairwise(across))
    assert across[-1] >= 200.0
    # the trunk curves: both the low and the upper back bend, not one stiff block
    f = key_body("standing-side-bend", 1).frames
    assert tilt_between(f["pelvis"], f["waist"]) >= 15.0
    assert tilt_between(f["waist"], f["chest"]) >= 15.0


def test_childs_pose_sinks_the_hips_back_on_flat_shins() -> None:
    pose = pose_of("childs-pose")
    body = key_body("childs-pose", 1)
    p = body.points
    # the hips sink back toward the heels: the thighs lie low over flat shins, not at 45
    # degrees (30 is as low as the knee's 150-degree range allows)
    for s in "lr":
        rise = p[f"hip_{s}"][1] - p[f"knee_{s}"][1]
        run = abs(p[f"hip_{s}"][0] - p[f"knee_{s}"][0])
        assert math.degrees(math.atan2(rise, run)) <= 31.0
    # the head rests on the mat
    contacts = pose.keys[1].contacts or pose.contacts
    assert "forehead" in contacts
    head = scene.contact_bottoms(body, ["forehead"])["forehead"]
    assert head - scene.MAT_T <= scene.CONTACT_TOLERANCE
    for key in range(len(pose.keys)):  # the shins lie on the mat, not just the toes
        body = key_body("childs-pose", key)
        assert "shins" in (pose.keys[key].contacts or pose.contacts)
        bottom = scene.contact_bottoms(body, ["shins"])["shins"]
        assert bottom - scene.MAT_T <= scene.CONTACT_TOLERANCE
        for s in "lr":
            assert body.points[f"ankle_{s}"][1] <= body.points[f"knee_{s}"][1] + 10.0


def test_pelvic_tilt_card_shows_the_back_pressed_flat() -> None:
    pose = pose_of("pelvic-tilt")
    still = len(pose.keys) - 1 if pose.still is None else pose.still
    assert "low_back" in (pose.keys[still].contacts or pose.contacts)
    assert {"pelvis", "low_back"} <= set(pose.highlight)


def test_childs_pose_sits_the_hips_back_over_the_heels_arms_long() -> None:
    body = key_body("childs-pose", 1)
    p = body.points
    # the buttocks come back close over the heels, not perched high above the knees
    for s in "lr":
        assert sk.dist(p["seat"], p[f"heel_{s}"]) <= 195.0
    # the arms lie long on the mat ahead of the head, the elbows soft so the forearms rest on it
    head = p["head"][0]
    for s in "lr":
        assert 180.0 - elbow_angle(body, s) <= 50.0
        hand = hand_middle(body, s)
        assert hand[1] - scene.MAT_T <= 50.0
        assert abs(hand[0] - head) >= 250.0


def test_resting_breath_lays_the_forearms_on_the_trunk_hands_on_the_belly() -> None:
    body = key_body("constructive-rest", 0)
    p = body.points
    belly = p["belly"][1]  # the front of the belly, facing the ceiling
    for s in "lr":
        hand = hand_middle(body, s)
        assert abs(hand[1] - belly) <= 40.0  # resting on it, not held up in the air
        fingers = p[f"fingers_{s}"][1]
        assert fingers <= belly + 40.0
        middle = sk.scale(sk.add(p[f"elbow_{s}"], p[f"wrist_{s}"]), 0.5)
        assert middle[1] <= belly  # the forearm lies along the trunk, it does not stand up
        # on the lower belly: in the lower half of the trunk
        spine = sk.sub(p["neck_base"], p["hip_c"])
        along = sum(a * b for a, b in zip(sk.sub(hand, p["hip_c"]), spine, strict=True))
        assert 0.0 <= along / sum(x * x for x in spine) <= 0.5


@pytest.mark.parametrize("stretch_id", ["knee-to-chest", "glute-bridge", "pelvic-tilt", "cat-cow"])
def test_a_body_on_the_floor_seen_from_the_side_lies_on_the_floors_band(stretch_id: str) -> None:
    """Every picture taken from the side, about level with the mat, stands on the same grey
    band of floor, the mat on top of it: with the camera 2 degrees up (for its arrow's room)
    the knee to chest had only the mat, seen as a thin teal line (rv218)."""
    pose = pose_of(stretch_id)
    x0, _, x1, _ = frame_of(pose)
    for i in range(len(pose.keys)):
        items = still_drawing(pose, i).items
        floor = items[0]
        assert isinstance(floor, Prop) and floor.kind == "floor", (stretch_id, i)
        xs = [p[0] for p in floor.outline]
        ys = [p[1] for p in floor.outline]
        assert min(xs) == x0 and max(xs) == x1 and max(ys) == 0.0 and min(ys) < 0.0
        assert any(isinstance(item, Prop) and item.kind == "mat" for item in items[1:])
