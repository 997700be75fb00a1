"""The lying stretches as a physiotherapist would check them, measured on the posed body:
knees that visibly drop to one side with the feet left on the mat, a figure-4 whose crossed
knee stays out, a resting breath with the knees up, a pelvic tilt that never lifts the
buttocks, a roller kept under the ribs, a knee hugged from behind the thigh."""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Iterator

import pytest
import yaml
from figure_bodies import (  # tests/core/figure_bodies.py
    REPO,
    STRETCHES,
    drawn_circles,
    key_body,
    pose_of,
    rep_ms,
    rolling_moments,
    trunk_top,
)

from stretchapp.core import drawing as drawing_module
from stretchapp.core.body import motion, scene, spec
from stretchapp.core.body import skeleton as sk
from stretchapp.core.body.pose import KeyPose, StretchPose
from stretchapp.core.drawing import (
    Drawing,
    Head,
    Item,
    Layer,
    Limb,
    Prop,
    body_at,
    drawing_at,
    still_drawing,
)
from stretchapp.core.routines import Sides
from stretchapp.core.session import PhaseKind


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


def drawn_moments(stretch_id: str, side: str, span: int | None = None) -> list[tuple[int, Drawing]]:
    """The drawing at 17 moments through one repetition (or its first `span` ms), one side."""
    stretch = STRETCHES[stretch_id]
    pose = pose_of(stretch_id)
    rep = rep_ms(stretch)
    out = []
    for t in range(0, (rep if span is None else span) + 1, rep // 16):
        drawing = drawing_at(
            pose, phase=PhaseKind.STRETCH, elapsed_ms=t, phase_ms=60_000, rep_ms=rep, side=side
        )
        out.append((t, drawing))
    return out


def hand_middle(body: sk.Body, side: str) -> sk.Vec:
    p = body.points
    return sk.scale(sk.add(p[f"wrist_{side}"], p[f"fingers_{side}"]), 0.5)


# ---- lower-back rotation --------------------------------------------------------------------


@pytest.mark.parametrize("side", ["left", "right"])
def test_lower_back_rotation_near_thigh_starts_from_a_hip_not_the_belly(side: str) -> None:
    """Seen from the feet end, the near hip joint lies up the pelvis's drawn length (0.58 of
    the way to the waist with the knees up, 0.83 with them dropped), and with the pelvis
    glowing like the waist round 32's reviewers saw the near thigh start "in the middle of
    the belly", as if the leg came out of the stomach. Through a whole repetition the near
    thigh now starts inside the drawn pelvis, and what it starts on there (the last part
    drawn before it at that point) is the pelvis in the body's own shade, not a glowing
    belly."""
    for t, drawing in drawn_moments("lower-back-rotation", side):
        items = drawing.items
        limbs = [(i, x) for i, x in enumerate(items) if isinstance(x, Limb)]
        at, thigh = next(
            (i, x) for i, x in limbs if x.part.startswith("thigh_") and x.layer == Layer.NEAR
        )
        start = thigh.points[0]
        pelvis = next(x for _, x in limbs if x.part == "pelvis")
        assert in_capsule(start, pelvis), (side, t)
        under = [x for i, x in limbs if i < at and in_capsule(start, x)]
        assert under[-1].part == "pelvis" and not under[-1].highlight, (side, t, under[-1].part)


@pytest.mark.parametrize("side", ["left", "right"])
def test_lower_back_rotation_glows_along_a_flank_not_as_a_ball_on_the_belly(side: str) -> None:
    """Round 37's reviewer saw "the head sits right on a green ball standing in for both chest
    and pelvis": seen from the feet end the whole waist glowed and filled the belly. Through a
    whole repetition only a band along one flank glows (where the rotation is felt), and the
    middle of the drawn waist, the belly, is in the body's own shade."""
    for t, drawing in drawn_moments("lower-back-rotation", side):
        limbs = [x for x in drawing.items if isinstance(x, Limb)]

        def on_top(q: tuple[float, float], limbs: list[Limb] = limbs) -> Limb:
            return [x for x in limbs if in_capsule(q, x)][-1]  # what is drawn last there

        lit = [x for x in limbs if x.highlight]
        assert all(x.part in ("side_l", "side_r", "low_back") for x in lit), (side, t)
        bands = [x for x in lit if x.part.startswith("side_")]
        assert len(bands) == 1 and on_top(bands[0].points[1]) is bands[0], (side, t)
        waist = next(x for x in limbs if x.part == "waist")
        (ax, ay), (bx, by) = waist.points[0], waist.points[-1]
        assert not on_top(((ax + bx) / 2, (ay + by) / 2)).highlight, (side, t)


def test_lower_back_rotation_drops_the_stacked_knees_well_over_to_one_side() -> None:
    up, down = key_body("lower-back-rotation", 0), key_body("lower-back-rotation", 1)
    p, q = up.points, down.points
    # across the body (the room's y-z plane), the legs lean well over from upright, about
    # halfway: at 60 degrees two blind physiotherapists read the card as the legs lying flat
    # on the floor, the far end of the range, which people copy by forcing the knees down
    hips = q["hip_c"]
    knees = sk.scale(sk.add(q["knee_l"], q["knee_r"]), 0.5)
    lean = math.degrees(math.atan2(abs(knees[2] - hips[2]), knees[1] - hips[1]))
    assert 50.0 <= lean <= 55.0, lean  # clearly dropped, clearly not flat on the floor
    start = sk.scale(sk.add(p["knee_l"], p["knee_r"]), 0.5)
    assert abs(start[2] - p["hip_c"][2]) < 20.0  # they start upright
    # stacked: the knee on the side they fall away from rides on top of the other one
    assert q["knee_r"][1] - q["knee_l"][1] >= 30.0
    # stacked: together as at the start (touching there since lbr63: no further apart than
    # then), yet not one in the other, so that the two knees are drawn as two (each is
    # drawn some 110 mm wide)
    assert sk.dist(q["knee_l"], q["knee_r"]) <= min(180.0, sk.dist(p["knee_l"], p["knee_r"]) + 10)


def test_lower_back_rotation_holds_the_lowered_knees_well_up_off_the_mat() -> None:
    """The card showed the knees at the far end of the range, the thighs read as lying on
    the floor (blind review, two physiotherapists: people copy it and force the knees
    down). In the lowered key the lower knee stays at least 285 mm above the mat (it starts
    about 440 up) and the upper one at least 340: a moderate roll, part of the way."""
    q = key_body("lower-back-rotation", 1).points
    lower, upper = sorted((q["knee_l"], q["knee_r"]), key=lambda k: k[1])
    assert lower[1] - scene.MAT_T >= 285.0, lower[1] - scene.MAT_T
    assert upper[1] - scene.MAT_T >= 340.0, upper[1] - scene.MAT_T


def surface_gap(body: sk.Body, a: str, b: str) -> float:
    """How far apart two of the body's parts are at their surfaces (mm; < 0: through each
    other), sampled along both."""

    def samples(part: str) -> list[tuple[sk.Vec, float]]:
        limb = next(x for x in scene.limbs(body)[0] if x.part == part)
        out = []
        for (p, wp), (q, wq) in itertools.pairwise(zip(limb.points, limb.widths, strict=True)):
            for k in range(9):
                t = k / 8
                out.append((sk.add(p, sk.scale(sk.sub(q, p), t)), (wp + (wq - wp) * t) / 2))
        return out

    return min(sk.dist(p, q) - rp - rq for p, rp in samples(a) for q, rq in samples(b))


def test_lower_back_rotation_lowers_the_knees_together_one_on_the_other() -> None:
    """A blind physiotherapist (lbr62) saw the lowered knees "side by side", swinging, not
    lowering together to the side with one resting on the other and the feet together. In
    the lowered key the two knees touch (at most 20 mm between them, never through each
    other: they were 67 mm apart), the upper knee (on the side they fall away from) rests
    higher than the lower one and less far over, and the feet lie together on the mat (at
    most 15 mm apart: they were 35)."""
    up, down = key_body("lower-back-rotation", 0), key_body("lower-back-rotation", 1)
    q = down.points
    widths = {x.part: x.widths[0] for x in scene.limbs(down)[0] if x.part.startswith("shank")}
    knees = sk.dist(q["knee_l"], q["knee_r"]) - 0.5 * (widths["shank_l"] + widths["shank_r"])
    assert -5.0 <= knees <= 20.0, knees
    toward = 1.0 if q["knee_l"][2] > up.points["knee_l"][2] else -1.0  # the knees' side, in z
    lower, upper = ("l", "r") if toward < 0 else ("r", "l")
    assert q[f"knee_{upper}"][1] - q[f"knee_{lower}"][1] >= 30.0
    assert toward * (q[f"knee_{lower}"][2] - q[f"knee_{upper}"][2]) >= 60.0
    for body in (up, down):
        feet = surface_gap(body, "foot_l", "foot_r")
        assert -5.0 <= feet <= 15.0, feet


def test_lower_back_rotation_turns_the_pelvis_and_rolls_the_feet_with_the_knees() -> None:
    """Round twenty-eight's reviewer saw "the pelvis isn't turned" and "both feet flat, soles
    down". Measured on the body, with the knees dropped: the pelvis rolls 30 to 50 degrees
    toward them (the far hip lifting off the mat) while the chest stays flat, and each foot
    rolls with its knee (the lower foot onto its outer edge, the upper one onto its inner
    edge), its sole tipped at least 30 degrees toward the knees' side."""
    up, down = key_body("lower-back-rotation", 0), key_body("lower-back-rotation", 1)
    q, f = down.points, down.frames
    toward = 1.0 if q["knee_l"][2] > up.points["knee_l"][2] else -1.0  # the knees' side, in z

    def roll(frame: sk.Mat) -> float:  # of the segment's up (y) axis, toward the knees
        return math.degrees(math.atan2(toward * frame[2][1], frame[1][1]))

    # the pelvis's front (x axis) faces the ceiling on the back: it tips toward the knees
    pelvis = math.degrees(math.atan2(toward * f["pelvis"][2][0], f["pelvis"][1][0]))
    assert 30.0 <= pelvis <= 50.0, pelvis
    chest = math.degrees(math.atan2(toward * f["chest"][2][0], f["chest"][1][0]))
    assert abs(chest) <= 5.0, chest
    lower, upper = ("l", "r") if toward < 0 else ("r", "l")
    assert q[f"hip_{upper}"][1] - q[f"hip_{lower}"][1] >= 60.0
    for s in (lower, upper):
        assert abs(roll(up.frames[f"foot_{s}"])) <= 10.0, s  # flat at the start
        assert roll(f[f"foot_{s}"]) >= 30.0, (s, roll(f[f"foot_{s}"]))


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


def test_lower_back_rotation_draws_each_leg_apart_as_the_knees_drop() -> None:
    """Seen as drawn, in every moment of a repetition, both sides: the two knees and the two
    feet keep their centres apart on the page (drawn on top of each other they merge into
    one blob), each shin keeps most of its length (not a stub under a full thigh, a "7"),
    and the knees travel well across the page as they drop to the side. Lowered, the knees
    now touch and the feet lie together (lbr62: a physiotherapist saw them "side by side"),
    so their centres are drawn closer than before (84 and 81 mm, not 109 and 104): the far
    knee's rim still shows beside the near one (tests/ui/test_figure_stacked_knees.py
    counts its pixels on a card)."""
    rep = rep_ms(STRETCHES["lower-back-rotation"])
    for side in ("left", "right"):
        knees = []
        for t, drawing in drawn_moments("lower-back-rotation", side, rep // 2):
            limbs = {item.part: item for item in drawing.items if isinstance(item, Limb)}
            knee_l, knee_r = limbs["shank_l"].points[0], limbs["shank_r"].points[0]
            feet = limbs["foot_l"].points[0], limbs["foot_r"].points[0]
            assert math.dist(knee_l, knee_r) >= 70.0, (side, t)
            assert math.dist(*feet) >= 70.0, (side, t)
            for s in "lr":
                pts = limbs[f"shank_{s}"].points
                drawn = sum(math.dist(a, b) for a, b in itertools.pairwise(pts))
                assert drawn >= 0.6 * sk.SHANK, (side, t, s)
            knees.append((knee_l, knee_r))
        # a moderate roll (about halfway, see the test above) still carries the two knees,
        # lowering together, most of a thigh's length across the page (their middle 0.53 of
        # it), and each of them well across (the lower knee 0.43, held against the upper one
        # since lbr62; it went 0.46 when they were apart, and the upper one 0.64)
        (l0, r0), (l1, r1) = knees[0], knees[-1]
        assert math.dist(l0, l1) >= 0.4 * sk.THIGH and math.dist(r0, r1) >= 0.4 * sk.THIGH
        middle = math.dist((l0[0] + r0[0], l0[1] + r0[1]), (l1[0] + r1[0], l1[1] + r1[1])) / 2
        assert middle >= 0.5 * sk.THIGH, side


def test_lower_back_rotation_starts_with_the_knees_together_over_the_feet() -> None:
    """Knees up, the two knees touch, as the first step says, over feet that lie together:
    drawn a hand apart (109 mm between them, the far thigh showing) over touching feet, the
    legs spread from the feet up to the knees, and a blind physiotherapist (lbr63) read
    "knees apart, feet together", the opposite of the instruction. In the room the knees
    are at most 20 mm apart and never through each other, the thighs beside each other and
    the feet together; neither foot sinks into the mat."""
    up = key_body("lower-back-rotation", 0)
    q = up.points
    widths = {x.part: x.widths[0] for x in scene.limbs(up)[0] if x.part.startswith("shank")}
    knees = sk.dist(q["knee_l"], q["knee_r"]) - 0.5 * (widths["shank_l"] + widths["shank_r"])
    assert -5.0 <= knees <= 20.0, knees
    assert surface_gap(up, "thigh_l", "thigh_r") >= -5.0
    assert -5.0 <= surface_gap(up, "foot_l", "foot_r") <= 15.0
    for bottom in scene.contact_bottoms(up, ["foot_l", "foot_r"]).values():
        assert abs(bottom - scene.MAT_T) <= scene.CONTACT_TOLERANCE


def test_lower_back_rotation_draws_the_far_knee_up_behind_the_near_one() -> None:
    """Knees up, as drawn, both sides: the far knee lies behind the near one, touching it
    (the two drawn knees overlap, no mat between them: lbr63), its rim still showing beside
    it (their centres at least 70 mm apart, so they read as two knees: touching and drawn
    on top of each other, they read as one leg in round 12), and a strip of mat between the
    drawn ankles, the feet together."""
    pose = pose_of("lower-back-rotation")
    for side in ("left", "right"):
        drawing = drawing_at(
            pose, phase=PhaseKind.GET_READY, elapsed_ms=0, phase_ms=5_000, rep_ms=0, side=side
        )
        limbs = {item.part: item for item in drawing.items if isinstance(item, Limb)}
        shins = limbs["shank_l"], limbs["shank_r"]
        knees = math.dist(shins[0].points[0], shins[1].points[0])
        gap = knees - 0.5 * (shins[0].widths[0] + shins[1].widths[0])
        assert gap <= 0.0 and knees >= 70.0, (side, knees, gap)
        ankles = math.dist(shins[0].points[-1], shins[1].points[-1])
        assert ankles - 0.5 * (shins[0].widths[-1] + shins[1].widths[-1]) >= 15.0, side
        feet = math.dist(limbs["foot_l"].points[0], limbs["foot_r"].points[0])
        assert feet <= 100.0, side


def test_lower_back_rotation_stands_both_knees_up_side_by_side_at_the_start() -> None:
    """Knees up, from above the feet end: each thigh rises from its hip to a knee above it
    on the page, drawn at most of its length, the two thighs side by side (nearly parallel).
    Seen from higher up, the thighs pointed at the viewer: drawn at a third of their length
    and nearly flat on the page, one read as lying across the hips (blind review, round 18).
    With the knees together (lbr63) the far thigh leans in toward the camera and is drawn
    0.44 of its length (it was 0.53), most of it behind the near one. Both sides."""
    pose = pose_of("lower-back-rotation")
    for side in ("left", "right"):
        drawing = drawing_at(
            pose, phase=PhaseKind.GET_READY, elapsed_ms=0, phase_ms=5_000, rep_ms=0, side=side
        )
        limbs = {item.part: item for item in drawing.items if isinstance(item, Limb)}
        directions = []
        for s in "lr":
            (hx, hy), (kx, ky) = limbs[f"thigh_{s}"].points[0], limbs[f"thigh_{s}"].points[-1]
            assert math.hypot(kx - hx, ky - hy) >= 0.44 * sk.THIGH, (side, s)
            rise = math.degrees(math.atan2(ky - hy, abs(kx - hx)))
            assert rise >= 35.0, (side, s, rise)  # the knee well above its hip
            directions.append(math.atan2(ky - hy, kx - hx))
        turn = math.degrees(directions[0] - directions[1])
        assert abs((turn + 180.0) % 360.0 - 180.0) <= 10.0, side


# ---- figure-4 -------------------------------------------------------------------------------


def drawn_limbs(drawing: Drawing) -> dict[str, Limb]:
    return {item.part: item for item in drawing.items if isinstance(item, Limb)}


def drawn_angle(a: Limb, b: Limb) -> float:
    """The angle between two drawn limbs' directions on the page (degrees, 0..180)."""
    (ax0, ay0), (ax1, ay1) = a.points[0], a.points[-1]
    (bx0, by0), (bx1, by1) = b.points[0], b.points[-1]
    turn = math.atan2(ay1 - ay0, ax1 - ax0) - math.atan2(by1 - by0, bx1 - bx0)
    return abs((math.degrees(turn) + 180.0) % 360.0 - 180.0)


def test_figure_4_crossed_thigh_is_drawn_apart_from_the_supporting_thigh() -> None:
    """In every moment, both sides, the crossed thigh leans well away from the supporting
    one on the page (drawn parallel, the two read as a double knee hug) and its knee stands
    clear of the supporting thigh."""
    for side, crossed, support in (("left", "l", "r"), ("right", "r", "l")):
        for t, drawing in drawn_moments("figure-4", side):
            limbs = drawn_limbs(drawing)
            thigh, other = limbs[f"thigh_{crossed}"], limbs[f"thigh_{support}"]
            assert drawn_angle(thigh, other) >= 40.0, (side, t)
            knee = thigh.points[-1]
            hip, other_knee = other.points[0], other.points[-1]
            on = closest2(knee, hip, other_knee)
            assert math.dist(knee, on) >= 0.8 * sk.THIGH, (side, t)


def test_figure_4_crossed_leg_keeps_one_shade_through_the_movement() -> None:
    """The crossed shin keeps its own leg's shade in every moment: it flipped between the near
    and far shades as the supporting thigh rose (a flicker), and a dark shin on a grey thigh
    read as two different legs. It is still painted after the thigh it rests on."""
    for side, crossed, support in (("left", "l", "r"), ("right", "r", "l")):
        for t, drawing in drawn_moments("figure-4", side):
            limbs = drawn_limbs(drawing)
            shin, thigh = limbs[f"shank_{crossed}"], limbs[f"thigh_{crossed}"]
            assert shin.layer == thigh.layer, (side, t, shin.layer, thigh.layer)
            items = drawing.items
            assert items.index(shin) > items.index(limbs[f"thigh_{support}"]), (side, t)


def key_drawing(stretch_id: str, key: int, right: bool) -> Drawing:
    """A key pose as drawn, the left side or the mirrored right side."""
    pose = pose_of(stretch_id)
    k = motion.side_keys(pose, right)[key]
    return drawing_module._drawing(pose, motion.Moment(k, k, 0.0, right))


def mirrored_part(part: str) -> str:
    base, _, side = part.rpartition("_")
    return f"{base}_{dict(l='r', r='l')[side]}" if side in ("l", "r") else part


@pytest.mark.parametrize(
    "stretch_id", sorted(i for i, s in STRETCHES.items() if s.sides is Sides.BOTH)
)
def test_the_right_side_paints_the_mirrored_parts_in_the_same_order(stretch_id: str) -> None:
    """The right side is the left side mirrored, down to which part is painted over which:
    parts level in a view (a thigh, its shin and foot seen from the side) were once ordered
    by rounding noise, which the mirrored camera tipped the other way (a grey waist over the
    glowing chest on the right side of one stretch only)."""
    for key in range(len(pose_of(stretch_id).keys)):
        left = [
            getattr(item, "part", type(item).__name__)
            for item in key_drawing(stretch_id, key, False).items
        ]
        right = [
            getattr(item, "part", type(item).__name__)
            for item in key_drawing(stretch_id, key, True).items
        ]
        assert right == [mirrored_part(part) for part in left], key


def test_figure_4_first_key_lets_the_crossed_knee_fall_open_to_the_side() -> None:
    """Ankle on knee (the first key and the card): the crossed thigh falls open to the side,
    well away from the ceiling in the room, its ankle on the supporting thigh just below the
    knee. (A view from the head end drew the opening on the page too, but a reviewer shown
    both read the body there as upside down and the legs as a tangle, and chose this view.)"""
    body = key_body("figure-4", 0)
    p = body.points
    thigh = sk.sub(p["knee_l"], p["hip_l"])
    assert math.degrees(math.acos(thigh[1] / sk.THIGH)) >= 45.0
    # the ankle lies on the supporting thigh just below its knee, not beside it or on the shin
    on = closest3(p["ankle_l"], p["hip_r"], p["knee_r"])
    assert 80.0 <= sk.dist(on, p["ankle_l"]) <= 115.0
    assert 0.75 * sk.THIGH <= sk.dist(on, p["hip_r"]) <= 0.92 * sk.THIGH


def test_figure_4_draws_the_crossed_knee_out_to_the_side_of_its_hip() -> None:
    """On the page, in every moment and on the card, both sides, the crossed knee is drawn
    well to the side of the upright line through its hip: the thigh falls open. Seen from
    the supporting side (azimuth 35) with the knee only a little toward the head, the knee
    opening away from the camera was drawn straight above the hip (13 degrees), and the
    card read as a leg held in tabletop (blind review, round 23)."""
    cards = [("left", "l", still_drawing(pose_of("figure-4")))]
    cards.append(("right", "r", key_drawing("figure-4", 0, True)))
    moments = [
        (side, crossed, drawing)
        for side, crossed in (("left", "l"), ("right", "r"))
        for _, drawing in drawn_moments("figure-4", side)
    ]
    for side, crossed, drawing in cards + moments:
        thigh = drawn_limbs(drawing)[f"thigh_{crossed}"]
        (hx, hy), (kx, ky) = thigh.points[0], thigh.points[-1]
        assert ky > hy, side  # the knee above its hip on the page
        assert math.degrees(math.atan2(abs(kx - hx), ky - hy)) >= 25.0, side
        assert abs(kx - hx) >= 0.4 * sk.THIGH, side


def test_figure_4_card_draws_the_crossed_knee_fallen_open_not_up_at_the_ceiling() -> None:
    """Ankle on knee (the card), both sides: the crossed thigh is drawn at least 33 degrees
    off the upright through its hip, and its knee no higher on the page than the supporting
    knee. Seen from 45 degrees round and 22 above, the thigh falling open away from the
    camera was drawn 28 degrees off the upright with its knee the highest point of the
    figure, above the supporting knee, and a physiotherapist shown only the picture read
    the crossed knee as pointing at the ceiling (blind review). The knee in the room is at
    its limit already (hip abduction 45, outward turn 60, the ankle on the other knee)."""
    cards = [("left", "l", "r", still_drawing(pose_of("figure-4")))]
    cards.append(("right", "r", "l", key_drawing("figure-4", 0, True)))
    for side, crossed, support, drawing in cards:
        limbs = drawn_limbs(drawing)
        (hx, hy), (kx, ky) = (
            limbs[f"thigh_{crossed}"].points[0],
            limbs[f"thigh_{crossed}"].points[-1],
        )
        assert math.degrees(math.atan2(abs(kx - hx), ky - hy)) >= 33.0, side
        assert ky <= limbs[f"thigh_{support}"].points[-1][1], side


@pytest.mark.parametrize("key", [0, 1])
def test_figure_4_crossed_ankle_rests_on_the_supporting_thigh_not_floating(key: int) -> None:
    """In both keys the crossed leg's thigh stands out 45 degrees from the body's midline
    plane (the hip's abduction limit; further out the shin no longer reaches the other
    thigh), and its ankle rests on the front of the supporting thigh just above the knee:
    the shin's surface at the ankle within 5 mm of the thigh's (the limbs' capsules), neither
    floating nor sunk in. It floated 19 mm off the thigh on the card (9 drawn in)."""
    body = key_body("figure-4", key)
    p = body.points
    out = sk.apply(body.frames["pelvis"], (0.0, 0.0, -1.0))
    thigh = sk.sub(p["knee_l"], p["hip_l"])
    across = sum(a * b for a, b in zip(thigh, out, strict=True))
    outward = math.degrees(math.asin(across / sk.THIGH))
    assert outward >= 44.0
    on = closest3(p["ankle_l"], p["hip_r"], p["knee_r"])
    t = sk.dist(on, p["hip_r"]) / sk.THIGH
    assert 0.75 <= t <= 0.92
    limbs = {limb.part: limb for limb in scene.limbs(body)[0]}
    (w0, w1), ankle_w = limbs["thigh_r"].widths, limbs["shank_l"].widths[-1]
    surface = (w0 + (w1 - w0) * t) / 2 + ankle_w / 2
    assert -4.0 <= sk.dist(on, p["ankle_l"]) - surface <= 5.0
    # on its front, not only beside it (the front is what the drawing paints the shin over)
    front = sk.apply(body.frames["thigh_r"], (1.0, 0.0, 0.0))
    rel = sk.sub(p["ankle_l"], on)
    assert sum(a * b for a, b in zip(rel, front, strict=True)) >= 0.25 * sk.dist(on, p["ankle_l"])


def closest2(
    q: tuple[float, float], a: tuple[float, float], b: tuple[float, float]
) -> tuple[float, float]:
    ab = (b[0] - a[0], b[1] - a[1])
    t = ((q[0] - a[0]) * ab[0] + (q[1] - a[1]) * ab[1]) / (ab[0] ** 2 + ab[1] ** 2)
    t = min(1.0, max(0.0, t))
    return a[0] + ab[0] * t, a[1] + ab[1] * t


def test_figure_4_hands_reach_behind_the_supporting_thigh_from_the_shoulders() -> None:
    """Drawn in, both hands hold the back of the supporting thigh, each arm reaching to it
    from its own shoulder outside the crossed leg (no arm through a leg)."""
    body = key_body("figure-4", 1)
    p = body.points
    back = sk.apply(body.frames["thigh_r"], (-1.0, 0.0, 0.0))
    for s in "lr":
        hand = hand_middle(body, s)
        on = closest3(hand, p["hip_r"], p["knee_r"])
        assert sk.dist(hand, on) <= 100.0
        assert sum(a * b for a, b in zip(sk.sub(hand, on), back, strict=True)) > 25.0
        # the arm reaches: the hand is within the arm's length of its shoulder, not torn off
        reach = sk.UPPER_ARM + sk.FOREARM + 0.5 * sk.HAND
        assert sk.dist(p[f"shoulder_{s}"], hand) <= reach
        # the elbow keeps out of the crossed thigh and shin, and the forearm comes round the
        # supporting thigh to the hand, not through it
        for a, b in (("hip_l", "knee_l"), ("knee_l", "ankle_l")):
            assert sk.dist(p[f"elbow_{s}"], closest3(p[f"elbow_{s}"], p[a], p[b])) >= 90.0
        elbow, wrist = p[f"elbow_{s}"], p[f"wrist_{s}"]
        for k in range(8):
            q = sk.add(elbow, sk.scale(sk.sub(wrist, elbow), k / 10))
            assert sk.dist(q, closest3(q, p["hip_r"], p["knee_r"])) >= 80.0, (s, k)
    # the two hands meet: clasped, not one floating apart
    assert sk.dist(hand_middle(body, "l"), hand_middle(body, "r")) <= 140.0


def test_figure_4_drawn_in_keeps_the_supporting_knee_at_a_right_angle() -> None:
    """Drawn in, the supporting knee stays bent about 90 degrees with its shin near level, in
    the room and as drawn, both sides. With the knee at 95 and the shin level in the room,
    the view from the head end and above drew the shin rising 23 degrees to a foot high in
    the air and the knee opened to 110, and a physiotherapist read the knee as half bent
    (more hamstring stretch, and the crossed ankle free to slide off; blind review). (A
    little past 90 in the room, 108, keeps the shin level as drawn: see the foot below.)"""
    body = key_body("figure-4", 1)
    p = body.points
    thigh, shin = sk.sub(p["knee_r"], p["hip_r"]), sk.sub(p["ankle_r"], p["knee_r"])
    cos = sum(a * b for a, b in zip(thigh, shin, strict=True)) / (sk.THIGH * sk.SHANK)
    assert 75.0 <= math.degrees(math.acos(cos)) <= 110.0  # the knee's bend
    assert abs(math.degrees(math.asin(shin[1] / sk.SHANK))) <= 15.0
    for right, support in ((False, "r"), (True, "l")):
        limbs = drawn_limbs(key_drawing("figure-4", 1, right))
        assert 75.0 <= drawn_knee_bend(limbs, support) <= 105.0, right
        (kx, ky), (ax, ay) = (
            limbs[f"shank_{support}"].points[0],
            limbs[f"shank_{support}"].points[-1],
        )
        assert abs(math.degrees(math.atan2(ay - ky, abs(ax - kx)))) <= 15.0, right


def test_figure_4_drawn_in_lets_the_supporting_foot_relax_not_point_up() -> None:
    """Drawn in, both sides, the lifted supporting foot is drawn no more than 45 degrees up
    the page from its ankle, its toes at most 80 mm above the knee. Held up at the shin
    (ankle -32) it was drawn 68 degrees up, the toes 167 mm above the knee, and a
    physiotherapist read the leg as "half-straightened (foot pointing up) instead of bent
    about 90 degrees" (blind review of all 15 at full size)."""
    for right, support in ((False, "r"), (True, "l")):
        limbs = drawn_limbs(key_drawing("figure-4", 1, right))
        knee = limbs[f"thigh_{support}"].points[-1]
        (ax, ay), (tx, ty) = limbs[f"foot_{support}"].points[0], limbs[f"foot_{support}"].points[-1]
        assert math.degrees(math.atan2(ty - ay, abs(tx - ax))) <= 45.0, right
        assert ty - knee[1] <= 80.0, right


def closest3(q: sk.Vec, a: sk.Vec, b: sk.Vec) -> sk.Vec:
    ab = sk.sub(b, a)
    t = sum(x * y for x, y in zip(sk.sub(q, a), ab, strict=True)) / sum(x * x for x in ab)
    return sk.add(a, sk.scale(ab, min(1.0, max(0.0, t))))


# ---- resting breath (constructive rest) -----------------------------------------------------


def drawn_knee_bend(limbs: dict[str, Limb], side: str) -> float:
    """The angle at the knee as drawn on the page (180: a straight leg)."""
    hip, knee = limbs[f"thigh_{side}"].points[0], limbs[f"thigh_{side}"].points[-1]
    ankle = limbs[f"shank_{side}"].points[-1]
    a, b = (hip[0] - knee[0], hip[1] - knee[1]), (ankle[0] - knee[0], ankle[1] - knee[1])
    cos = (a[0] * b[0] + a[1] * b[1]) / (math.hypot(*a) * math.hypot(*b))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def test_resting_breath_points_the_knees_up_over_feet_hip_width_apart() -> None:
    """Bent knees pointing at the ceiling, apart (not leaning together), over feet set
    hip-width apart and flat on the mat; the card shows the knees bent."""
    body = key_body("constructive-rest", 0)
    p = body.points
    for pair in (("knee_l", "knee_r"), ("ankle_l", "ankle_r")):
        assert 140.0 <= sk.dist(p[pair[0]], p[pair[1]]) <= 260.0, pair
    for s in "lr":
        assert p[f"knee_{s}"][1] - p[f"hip_{s}"][1] >= 250.0  # up, not fallen in or out
        # each knee straight above its own foot, seen along the body
        assert abs(p[f"knee_{s}"][2] - p[f"ankle_{s}"][2]) <= 30.0
        assert abs(p[f"heel_{s}"][1] - p[f"toe_{s}"][1]) <= 25.0  # the foot flat
    limbs = drawn_limbs(still_drawing(pose_of("constructive-rest")))
    for s in "lr":
        assert drawn_knee_bend(limbs, s) <= 110.0, s


def test_resting_breath_rests_both_hands_on_the_middle_of_the_belly() -> None:
    """Both hands lie on the front of the belly, over the middle of the waist (the glow), not
    at the hip crease nor sunk into it; the elbows rest on the mat beside the trunk, so each
    forearm rises from the mat to its hand."""
    body = key_body("constructive-rest", 0)
    p, waist = body.points, body.frames["waist"]
    front = sk.apply(waist, (1.0, 0.0, 0.0))
    spine = sk.sub(p["thoracic"], p["lumbar"])
    length = math.hypot(*spine)
    for s in "lr":
        hand = sk.sub(hand_middle(body, s), p["lumbar"])
        along = sum(a * b for a, b in zip(hand, spine, strict=True)) / length**2
        assert 0.25 <= along <= 0.75, (s, along)
        # on the belly's surface (the palm pressing in a little), not held above it
        out = sum(a * b for a, b in zip(hand, front, strict=True))
        half = (sk.TRUNK_DEPTH[1] + sk.TRUNK_DEPTH[2]) / 4  # the waist's half depth there
        assert half - 0.012 * sk.H <= out <= half + 0.04 * sk.H, (s, out)
        # on its own half of the belly, the two hands side by side
        assert hand[2] * p[f"shoulder_{s}"][2] > 0.0, (s, hand[2])
        assert abs(hand[2]) <= 0.05 * sk.H + 20.0, (s, hand[2])
        elbow = p[f"elbow_{s}"][1] - 0.021 * sk.H
        assert elbow - scene.MAT_T <= scene.CONTACT_TOLERANCE, (s, elbow)
    # in the picture both hands show on the belly: the far one is not hidden under the near
    # hand or arm
    items = still_drawing(pose_of("constructive-rest")).items
    for s in "lr":
        at = next(i for i, x in enumerate(items) if isinstance(x, Limb) and x.part == f"hand_{s}")
        hand = items[at]
        assert isinstance(hand, Limb)
        middle = hand.points[len(hand.points) // 2]
        later = [x for x in items[at + 1 :] if isinstance(x, Limb) and x.part != f"thumb_{s}"]
        assert not any(in_capsule(middle, x) for x in later), s


def test_resting_breath_lays_both_palms_flat_on_the_belly() -> None:
    """Each forearm turns so its palm faces down into the belly (within 25 degrees), not
    sideways like a thumbs-up, the fingers pointing across toward the other hand."""
    body = key_body("constructive-rest", 0)
    p = body.points
    for s, inward in (("l", 1.0), ("r", -1.0)):
        palm = sk.apply(body.frames[f"hand_{s}"], (1.0, 0.0, 0.0))
        assert math.degrees(math.acos(-palm[1])) <= 25.0, (s, palm)
        fingers = sk.sub(p[f"fingers_{s}"], p[f"wrist_{s}"])
        assert fingers[2] * inward / math.hypot(*fingers) >= 0.8, (s, fingers)


def test_resting_breath_rests_the_head_on_a_low_cushion() -> None:
    """Step 1 offers a cushion under the head: a soft low pillow (8-10 cm thick, 28 to 45 cm
    wide) lies on the mat under the head, which rests on its top within a few millimetres,
    the neck in line with the chest (bent a little, not thrown back nor propped up); the
    shoulders rest on the mat, beyond the cushion. Drawn behind the body, under the head."""
    pose = pose_of("constructive-rest")
    assert "cushion" in pose.props
    body = key_body("constructive-rest", 0)
    p = body.points
    pillow = drawing_module._layout(pose, False).cushion
    assert pillow is not None
    (x0, y0, z0), (x1, y1, z1) = pillow.lo, pillow.hi
    assert y0 == scene.MAT_T and 80.0 <= y1 - y0 <= 100.0
    assert 280.0 <= z1 - z0 <= 450.0 and 200.0 <= x1 - x0 <= 350.0
    head = scene.contact_bottoms(body, ["head"])["head"]
    assert abs(head - y1) <= 5.0, head - y1
    c = p["head"]
    assert x0 < c[0] < x1 and z0 + 90.0 < c[2] < z1 - 90.0  # well on it, not at an edge
    for s in "lr":
        assert not x0 <= p[f"shoulder_{s}"][0] <= x1, s
    for name in ("upper_back", "hips"):
        assert scene.contact_bottoms(body, [name])[name] - scene.MAT_T <= 5.0, name
    neck = sk.sub(p["head_joint"], p["neck_base"])
    chest = sk.sub(p["neck_base"], p["thoracic"])
    cos = sum(a * b for a, b in zip(neck, chest, strict=True)) / (
        math.hypot(*neck) * math.hypot(*chest)
    )
    assert math.degrees(math.acos(cos)) <= 25.0
    for side in ("left", "right"):
        items = drawing_at(
            pose, phase=PhaseKind.STRETCH, elapsed_ms=0, phase_ms=60_000, rep_ms=0, side=side
        ).items
        props = [x for x in items if isinstance(x, Prop)]
        assert [x.kind for x in props] == ["mat", "cushion"]
        drawn = next(x for x in items if isinstance(x, Head))
        outline = props[1].outline
        xs, ys = [q[0] for q in outline], [q[1] for q in outline]
        assert min(xs) < drawn.center[0] < max(xs)
        # the head lies on it: the cushion shows below the head (drawing y grows upward)
        assert min(ys) < drawn.center[1] - drawn.radius


def _centroid(outline: tuple[tuple[float, float], ...]) -> tuple[float, float]:
    """The centre of a polygon's area."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise((*outline, outline[0])):
        c = x0 * y1 - x1 * y0
        a, cx, cy = a + c, cx + (x0 + x1) * c, cy + (y0 + y1) * c
    return cx / (3 * a), cy / (3 * a)


def _inside(q: tuple[float, float], outline: tuple[tuple[float, float], ...]) -> bool:
    """Whether a point lies inside a convex outline, counter-clockwise."""
    return all(
        (b[0] - a[0]) * (q[1] - a[1]) - (b[1] - a[1]) * (q[0] - a[0]) >= 0.0
        for a, b in itertools.pairwise((*outline, outline[0]))
    )


def test_resting_breath_shows_the_pillow_under_the_head() -> None:
    """Round 32's reviewers saw the head "at the top corner of the pillow, or hovering above
    it", the pillow under the neck and shoulders rather than the head: it reached 185 mm
    beyond the head's centre and 76 toward the neck, and the picture showed its middle 0.45
    of a head's radius beyond the head. The pillow is now centred under the head (within 30
    mm along the body), from just beyond the back of the head to under the neck; in the
    picture, on each side, the pillow's middle lies under the head (below its centre, and
    straight under it: rv41's reviewers still saw the head "perched on the far edge" with
    the pillow's middle 0.22 of a radius beyond the head's, reaching 1.64 radii out beyond
    it and 1.20 toward the neck), the bottom of the head lies on the pillow and the
    pillow's far edge stays below the head's middle."""
    pose = pose_of("constructive-rest")
    body = key_body("constructive-rest", 0)
    pillow = drawing_module._layout(pose, False).cushion
    assert pillow is not None
    assert abs((pillow.lo[0] + pillow.hi[0]) / 2 - body.points["head"][0]) <= 30.0
    for side in ("left", "right"):
        _items, outline, head = resting_head_on_pillow(side)
        cx, cy = _centroid(outline)
        (hx, hy), r = head.center, head.radius
        # (rv41: at 0.22 of a radius beyond it the head read as "perched on the far edge")
        assert abs(cx - hx) <= 0.08 * r, (side, (cx - hx) / r)
        # as far out either side of the head's centre
        xs = [x for x, _ in outline]
        assert abs((max(xs) - hx) - (hx - min(xs))) <= 0.15 * r, side
        assert cy < hy - 0.5 * r, (side, (cy - hy) / r)
        assert _inside((hx, hy - r), outline), side
        # seen from 32 degrees up, not 40, the pillow shows under the head, not behind it
        # (its far edge rose 0.6 of a radius above the head's centre: a head at its corner)
        assert max(y for _, y in outline) <= hy + 0.25 * r, side


def resting_head_on_pillow(
    side: str,
) -> tuple[tuple[Item, ...], tuple[tuple[float, float], ...], Head]:
    """Resting breath on `side`: the drawn items, the pillow's outline and the head."""
    items = drawing_at(
        pose_of("constructive-rest"),
        phase=PhaseKind.STRETCH,
        elapsed_ms=0,
        phase_ms=60_000,
        rep_ms=0,
        side=side,
    ).items
    outline = next(x for x in items if isinstance(x, Prop) and x.kind == "cushion").outline
    head = next(x for x in items if isinstance(x, Head))
    return items, outline, head


def test_resting_breath_pillow_lies_under_the_head_only() -> None:
    """rv35's reviewers saw "the pillow under the shoulders and neck; the head sits on its far
    edge and looks perched": seen from 32 degrees up the 36 cm pillow reached 1.55 head radii
    from the head's centre toward the feet, past the drawn neck's base (1.39), and its far
    edge was level with the head's middle (0.04 of a radius above it). In the picture, on
    each side, the pillow now stops short of the neck's base (its near edge at the neck) and
    its far edge lies below the head's middle, so the head rests down on it. (Centred
    straight under the head in the picture, rv41, it reaches 1.34 radii toward the feet,
    0.05 short of the neck's base, and its far edge 0.03 of a radius below the head's
    middle: rv35's pillow reached 0.16 past the neck's base and its far edge above the
    head's middle.)"""
    for side in ("left", "right"):
        items, outline, head = resting_head_on_pillow(side)
        limbs = {x.part: x for x in items if isinstance(x, Limb)}
        (hx, hy), r = head.center, head.radius
        feet = 1.0 if limbs["chest"].points[0][0] > hx else -1.0  # toward the feet on the page
        neck_base = max((x - hx) * feet for x, _ in limbs["neck"].points)
        reach = max((x - hx) * feet for x, _ in outline)
        assert reach <= neck_base - 0.03 * r, (side, reach / r, neck_base / r)
        assert max(y for _, y in outline) <= hy - 0.02 * r, side


def test_a_part_pressing_into_the_cushion_is_named() -> None:
    """The head may press into the cushion a little, as into the mat; a cushion too thick
    for the pose (the head and neck pushed deep into it) is named."""
    pose = pose_of("constructive-rest")
    body = key_body("constructive-rest", 0)
    pillow = drawing_module._layout(pose, False).cushion
    assert pillow is not None
    assert spec._into_cushion(pose.keys[0], body, pillow) == []
    (x0, y0, z0), (x1, y1, z1) = pillow.lo, pillow.hi
    thick = scene.Box("cushion", (x0, y0, z0), (x1, y1 + 60.0, z1))
    (problem,) = spec._into_cushion(pose.keys[0], body, thick)
    assert "mm into the cushion" in problem.message
    assert "sinks 6" in problem.message  # the head's bottom, 60 mm under the thicker top


def test_resting_breath_keeps_the_far_arm_off_the_chest_s_top_edge() -> None:
    """Seen from above the near side, the far elbow rests on the mat close beside the trunk,
    so the far upper arm lies behind the trunk: at most a fifth of it shows past the trunk's
    outline (an upper arm lying along the chest's top edge read as an arm through the body:
    blind review, round 17), and the far hand still shows on the belly."""
    items = still_drawing(pose_of("constructive-rest")).items
    limbs = [x for x in items if isinstance(x, Limb)]
    trunk = [x for x in limbs if x.part in ("pelvis", "waist", "chest")]
    arm = next(x for x in limbs if x.part.startswith("upper_arm_") and x.layer == Layer.FAR)
    (a, b), (wa, wb) = (arm.points[0], arm.points[-1]), (arm.widths[0], arm.widths[-1])
    shown = total = 0
    for k in range(21):
        t = k / 20
        x, y = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        half = (wa + (wb - wa) * t) / 2
        for dy in (-0.7 * half, 0.0, 0.7 * half):
            total += 1
            shown += not any(in_capsule((x, y + dy), part) for part in trunk)
    assert shown / total <= 0.2, shown / total
    side = arm.part[-1]
    hand = next(x for x in limbs if x.part == f"hand_{side}")
    assert items.index(hand) > max(items.index(x) for x in trunk)


def _uncovered(items: tuple[Item, ...], limb: Limb) -> float:
    """The share of a drawn limb's area that no limb painted after it covers (its own
    thumb aside), sampled along it and across it."""
    at = items.index(limb)
    later = [
        x
        for x in items[at + 1 :]
        if isinstance(x, Limb) and x.part != limb.part.replace("hand", "thumb")
    ]
    shown = total = 0
    for (a, wa), (b, wb) in itertools.pairwise(zip(limb.points, limb.widths, strict=True)):
        for k in range(11):
            t = k / 10
            x, y = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
            half = (wa + (wb - wa) * t) / 2
            for f in (-0.6, -0.3, 0.0, 0.3, 0.6):
                q = (x, y + f * half)
                total += 1
                shown += not any(in_capsule(q, other) for other in later)
    return shown / total


def test_resting_breath_shows_both_hands_side_by_side_on_the_belly() -> None:
    """rv41: "only one hand is shown, on the belly". The far hand lay beside the belly's
    middle line, under the near hand's knuckles, in the trunk's own shade: it did not show.
    Each hand now rests on its own half of the belly, the far one well over to its side,
    and in the picture most of each shows (three quarters or more, none under the other
    hand), the far one in its arm's lighter shade, on top of the trunk's."""
    body = key_body("constructive-rest", 0)
    for s in "lr":
        z = hand_middle(body, s)[2] * (1.0 if body.points[f"shoulder_{s}"][2] > 0 else -1.0)
        assert z >= 35.0, (s, z)
    items = still_drawing(pose_of("constructive-rest")).items
    limbs = {x.part: x for x in items if isinstance(x, Limb)}
    trunk = max(items.index(limbs[p]) for p in ("pelvis", "waist", "chest"))
    for s in "lr":
        hand = limbs[f"hand_{s}"]
        assert items.index(hand) > trunk, s
        assert _uncovered(items, hand) >= 0.75, (s, _uncovered(items, hand))
    far = next(s for s in "lr" if limbs[f"upper_arm_{s}"].layer == Layer.FAR)
    assert limbs[f"hand_{far}"].layer == Layer.FAR  # a shade lighter than the trunk
    assert limbs["waist"].layer == Layer.MID


def test_resting_breath_steps_match_the_picture() -> None:
    """The knees point up over feet hip-width apart in the picture: no step (in any
    language) still sets the feet wide with the knees leaning together."""
    data = yaml.safe_load((REPO / "routines" / "stretches.yaml").read_text(encoding="utf-8"))
    item = next(s for s in data["stretches"] if s["id"] == "constructive-rest")
    steps = {"en": item["steps"], **{k: v["steps"] for k, v in item["translations"].items()}}
    assert set(steps) >= {"en", "de", "fr", "es"}
    assert all(len(texts) == 3 for texts in steps.values())
    assert "hip-width" in steps["en"][0]
    assert not any("knees rest against" in text for text in steps["en"])


# ---- the mat seen from the side -------------------------------------------------------------


def side_views() -> list[tuple[str, float, float]]:
    """The stretches drawn from the side and a little above on a mat: (id, azimuth, elevation)."""
    out = []
    for stretch_id in STRETCHES:
        pose = pose_of(stretch_id)
        az, el = drawing_module._camera_of(pose, False)
        if el > 25.0 or abs(scene.camera(az, el)[2][2]) < 0.7:
            continue
        if drawing_module._layout(pose, False).mat is not None:
            out.append((stretch_id, az, el))
    return out


def test_seen_from_the_side_the_body_lies_on_the_mat_not_in_it() -> None:
    """Seen from the side and a little above, the mat's far edge is the line the body lies
    on, or just beyond the farthest contact resting on it (a whole mat rises behind the body
    as a band as high as the body is thick, and the back, buttocks and shins look sunk into
    it)."""
    views = side_views()
    assert len(views) >= 4
    for stretch_id, az, el in views:
        pose = pose_of(stretch_id)
        cam = scene.camera(az, el)
        mat = drawing_module._layout(pose, False).mat
        assert mat is not None
        middle = key_body(stretch_id, 0).points["hip_c"][2]
        far = mat.hi[2] if cam[2][2] < 0 else mat.lo[2]
        farthest = max(
            (p[2] for k in range(len(pose.keys)) for p in floor_contacts(stretch_id, k)),
            default=middle,
        )
        assert abs(far - max(middle, farthest + drawing_module.CONTACT_MAT_MARGIN)) <= 1.0
        assert far - middle <= 250.0, stretch_id  # a strip behind the body, not a whole mat
        if abs(abs(az) - 180.0) < 1.0 and el == 0.0:  # straight from the side: a line
            for key in range(len(pose.keys)):
                for item in still_drawing(pose, key).items:
                    if isinstance(item, Prop) and item.kind == "mat":
                        assert max(y for _, y in item.outline) <= scene.MAT_T + 0.5


def floor_contacts(stretch_id: str, key: int) -> list[sk.Vec]:
    """Where each declared floor contact of a key touches (left side, as drawn)."""
    pose = pose_of(stretch_id)
    k = pose.keys[key]
    return drawing_module._floor_contacts(key_body(stretch_id, key), k.contacts or pose.contacts)


def inside(poly: tuple[tuple[float, float], ...], x: float, y: float) -> bool:
    hit = False
    for (ax, ay), (bx, by) in zip(poly, poly[1:] + poly[:1], strict=True):
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            hit = not hit
    return hit


def off_edge(poly: tuple[tuple[float, float], ...], x: float, y: float) -> float:
    """How far a point lies from a polygon's outline."""
    best = math.inf
    for (ax, ay), (bx, by) in zip(poly, poly[1:] + poly[:1], strict=True):
        (cx, cy) = closest2((x, y), (ax, ay), (bx, by))
        best = min(best, math.hypot(x - cx, y - cy))
    return best


def test_seen_from_the_side_every_contact_rests_on_the_drawn_mat() -> None:
    """Near hands and feet do not sink into the mat and far ones do not float above it: the
    spot on the mat's top under each declared contact lies on the drawn mat, or within 2 px
    of its outline, at 800x600, in every key of every side view. (How closely each contact
    touches the mat is the pose's to get right, within CONTACT_TOLERANCE: validated.)"""
    for stretch_id, az, el in side_views():
        pose = pose_of(stretch_id)
        cam = scene.camera(az, el)
        for key in range(len(pose.keys)):
            drawing = still_drawing(pose, key)
            x0, y0, x1, y1 = drawing.frame
            px = min(800 / (x1 - x0), 600 / (y1 - y0))
            mat = next(i for i in drawing.items if isinstance(i, Prop) and i.kind == "mat")
            for p in floor_contacts(stretch_id, key):
                x, y, _ = sk.apply(cam, (p[0], scene.MAT_T, p[2]))
                if inside(mat.outline, x, y):
                    continue
                assert off_edge(mat.outline, x, y) * px <= 2.0, (stretch_id, key, p)


# ---- pelvic tilt ----------------------------------------------------------------------------


def pelvis_bottom(body: sk.Body) -> float:
    """The lowest point of the pelvis (mm above the floor)."""
    pelvis = next(limb for limb in scene.limbs(body)[0] if limb.part == "pelvis")
    points = (scene._along(pelvis, k / 20) for k in range(21))
    return min(c[1] - r for c, r in points)


def test_pelvic_tilt_keeps_the_buttocks_on_the_mat() -> None:
    """A tilt, never a lift: the pelvis rests on the mat in every moment (a bridge, however
    small, is what a person would copy)."""
    for body in moments("pelvic-tilt", 24):
        assert pelvis_bottom(body) - scene.MAT_T <= scene.CONTACT_TOLERANCE


def low_back_clearance(body: sk.Body) -> float:
    """How far the small of the back (the back of the waist) is off the mat, mm."""
    return scene.contact_bottoms(body, ["low_back"])["low_back"] - scene.MAT_T


def pelvis_tilt(body: sk.Body) -> float:
    """The pelvis's long axis (hip centre to the lumbosacral joint) against the floor, in
    degrees: + its top end raised off the mat (tipped forward, the back arched), - rocked
    back (the pubic bone raised toward the ribs)."""
    axis = sk.sub(body.points["lumbar"], body.points["hip_c"])
    return math.degrees(math.atan2(axis[1], math.hypot(axis[0], axis[2])))


def pubis(body: sk.Body) -> sk.Vec:
    """The front of the pelvis at the pubic bone (forward of and a little below the hips)."""
    return sk.add(
        body.points["hip_c"], sk.apply(body.frames["pelvis"], (0.055 * sk.H, -0.01 * sk.H, 0.0))
    )


def test_pelvic_tilt_lifts_the_small_of_the_back_then_presses_it_flat() -> None:
    """In 3D: the natural curve holds the small of the back clear of the mat, the tilt
    presses it flat onto it."""
    curve, pressed = key_body("pelvic-tilt", 0), key_body("pelvic-tilt", 1)
    assert low_back_clearance(curve) >= 15.0
    assert low_back_clearance(pressed) <= 5.0


def test_pelvic_tilt_rocks_the_pelvis_back_where_it_shows() -> None:
    """The tilt is the movement: the pelvis rocks back 20 degrees or more (within the 35
    that keeps the buttocks down), the pubic bone rising toward the ribs, and at 800x600 the
    front of the pelvis moves 8 px or more between the two key poses. The card shows the
    pelvis rocked back, glowing."""
    pose = pose_of("pelvic-tilt")
    curve, pressed = key_body("pelvic-tilt", 0), key_body("pelvic-tilt", 1)
    rock = pelvis_tilt(curve) - pelvis_tilt(pressed)
    assert 20.0 <= rock <= 35.0, rock
    up = sk.sub(pubis(pressed), pubis(curve))
    toward_head = sk.sub(curve.points["neck_base"], curve.points["hip_c"])
    assert up[1] >= 20.0  # rising
    assert sum(a * b for a, b in zip(up, toward_head, strict=True)) > 0.0  # toward the ribs
    drawing = still_drawing(pose, 0)
    x0, y0, x1, y1 = drawing.frame  # one frame for the whole stretch
    px = min(800 / (x1 - x0), 600 / (y1 - y0)) * 0.92  # (the margin)
    az, el = drawing_module._camera_of(pose, False)
    cam = scene.camera(az, el)
    a, b = sk.apply(cam, pubis(curve)), sk.apply(cam, pubis(pressed))
    assert math.hypot(a[0] - b[0], a[1] - b[1]) * px >= 8.0
    still = len(pose.keys) - 1 if pose.still is None else pose.still
    assert still == 1 and {"pelvis", "low_back"} <= set(pose.highlight)


def test_pelvic_tilt_rests_on_the_mat_and_never_through_it() -> None:
    """Through a whole repetition the buttocks stay on the mat (within a few mm: never a
    bridge), the shoulders and head stay down and no part goes through the floor."""
    for body in moments("pelvic-tilt", 24):
        assert pelvis_bottom(body) - scene.MAT_T <= 8.0
        assert scene.lowest(body) >= scene.MAT_T - scene.SINK_TOLERANCE - 0.5
        assert scene.contact_bottoms(body, ["upper_back"])["upper_back"] - scene.MAT_T <= 8.0


def elbow_angle(body: sk.Body, s: str) -> float:
    """The angle at the elbow (180: a straight arm)."""
    p = body.points
    u = sk.sub(p[f"shoulder_{s}"], p[f"elbow_{s}"])
    v = sk.sub(p[f"wrist_{s}"], p[f"elbow_{s}"])
    c = sum(a * b for a, b in zip(u, v, strict=True)) / (math.hypot(*u) * math.hypot(*v))
    return math.degrees(math.acos(max(-1.0, min(1.0, c))))


def test_pelvic_tilt_rests_the_hands_on_the_hip_bones() -> None:
    """In every moment each hand rests on the front of its own side of the pelvis (the hip
    bone, a common way to feel the tilt), not on the chest (rv35: a fist on the ribs) nor on
    the belly (the resting breath's hands lie there), the palm toward it, and the elbow on
    the mat beside the waist."""
    for body in moments("pelvic-tilt", 12):
        p, pelvis = body.points, body.frames["pelvis"]
        front = sk.apply(pelvis, (1.0, 0.0, 0.0))
        spine = sk.sub(p["lumbar"], p["hip_c"])
        length = math.hypot(*spine)
        for s in "lr":
            hand = sk.sub(hand_middle(body, s), p["hip_c"])
            along = sum(a * b for a, b in zip(hand, spine, strict=True)) / length**2
            assert 0.2 <= along <= 0.8, (s, along)
            # on the pelvis's (elliptic) surface where the hand lies, not held above it
            out = sum(a * b for a, b in zip(hand, front, strict=True))
            across = min(1.0, abs(hand[2]) / (sk.TRUNK_BREADTH[0] / 2))
            surface = sk.TRUNK_DEPTH[0] / 2 * math.sqrt(1.0 - across**2)
            assert surface - 0.015 * sk.H <= out <= surface + 0.03 * sk.H, (s, out, surface)
            # out toward the hip bone on its own side, not on the middle of the belly
            assert hand[2] * p[f"shoulder_{s}"][2] > 0.0 and abs(hand[2]) >= 80.0, (s, hand[2])
            palm = sk.apply(body.frames[f"hand_{s}"], (1.0, 0.0, 0.0))
            assert -sum(a * b for a, b in zip(palm, front, strict=True)) >= 0.8, (s, palm)
            elbow = p[f"elbow_{s}"][1] - 0.021 * sk.H - scene.MAT_T
            assert abs(elbow) <= scene.CONTACT_TOLERANCE, (s, elbow)
            # the elbow beside the trunk, not under it
            assert abs(p[f"elbow_{s}"][2]) >= sk.TRUNK_BREADTH[1] / 2 + 0.02 * sk.H, s


def test_pelvic_tilt_draws_the_near_arm_at_its_length_from_the_top_of_the_chest() -> None:
    """rv35's reviewers saw the near arm "stunted, about 40 % of the length of the arm in the
    glute bridge", its shoulder "in the middle of the chest": the elbows lay out to the sides,
    the arm foreshortened toward the camera (0.41 of its length drawn). Seen from the side,
    the near arm (upper arm and forearm) is now drawn at 70 % of its length or more in every
    key, the upper arm leaving the shoulder above the chest's middle line, toward its top."""
    pose = pose_of("pelvic-tilt")
    for key in range(len(pose.keys)):
        limbs = drawn_limbs(still_drawing(pose, key))
        upper, fore = limbs["upper_arm_l"], limbs["forearm_l"]
        drawn = sum(
            math.dist(a, b) for limb in (upper, fore) for a, b in itertools.pairwise(limb.points)
        )
        ratio = drawn / (sk.UPPER_ARM + sk.FOREARM)
        assert ratio >= 0.7, (key, ratio)
        chest = limbs["chest"]
        (sx, sy) = upper.points[0]
        # the chest's middle line at the shoulder, and its half width there
        (ax, ay), (bx, by) = min(
            itertools.pairwise(chest.points),
            key=lambda ab: abs((ab[0][0] + ab[1][0]) / 2 - sx),
        )
        t = (sx - ax) / (bx - ax) if bx != ax else 0.0
        middle = ay + (by - ay) * t
        half = chest.widths[-1] / 2
        assert sy - middle >= 0.3 * half, (key, (sy - middle) / half)


def lower_outline(items: tuple[object, ...], x: float) -> float:
    """The bottom of the drawn trunk (with its glowing low back) at `x`."""
    trunk = [
        i
        for i in items
        if isinstance(i, Limb) and i.part in ("pelvis", "waist", "chest", "low_back")
    ]
    return min(
        (
            cy - math.sqrt(r * r - (x - cx) ** 2)
            for cx, cy, r in drawn_circles(trunk)
            if abs(x - cx) <= r
        ),
        default=math.inf,
    )


def small_of_the_back(key: int) -> tuple[list[tuple[float, float]], float]:
    """Across the drawn small of the back (the lumbosacral joint to the bottom of the ribs)
    the lower outline's height over the mat's top at each x, in body mm; and the mat's top."""
    pose = pose_of("pelvic-tilt")
    drawing = still_drawing(pose, key)
    mat = next(i for i in drawing.items if isinstance(i, Prop) and i.kind == "mat")
    top = max(y for _, y in mat.outline)
    cam = scene.camera(*drawing_module._camera_of(pose, False))
    body = key_body("pelvic-tilt", key)
    x0, x1 = (sk.apply(cam, body.points[n])[0] for n in ("lumbar", "thoracic"))
    xs = [x0 + (x1 - x0) * k / 40 for k in range(41)]
    return [(x, lower_outline(drawing.items, x) - top) for x in xs], top


def test_pelvic_tilt_shows_the_arch_under_the_small_of_the_back_then_closes_it() -> None:
    """Seen level with the mat, the small of the back's lower outline stands 25 mm or more
    clear of the mat in the natural curve and lies on it (within 5 mm) pressed down: the
    movement shows as the room under the low back opening and closing (seen from above, a
    band of mat behind the body hid it). The near elbow rests on the mat beside the waist
    (the hands on the hip bones, rv35), so it covers part of that room; next to the buttocks
    9 cm or more of it shows with no arm drawn over it (pt59's reviewer: the elbow "planted
    on the floor right beside it draws the eye away"; 6.8 cm showed then, the elbow now
    lies out toward the lower ribs)."""
    curve, top = small_of_the_back(0)
    pressed, _ = small_of_the_back(1)
    arch = max(h for _, h in curve)
    flat = max(h for _, h in pressed)
    assert arch >= 25.0, arch
    assert flat <= 5.0, flat
    assert arch - flat >= 25.0
    under = [(x, h) for x, h in curve if h >= 5.0]  # where the room under the back shows
    step = abs(curve[1][0] - curve[0][0])
    drawing = still_drawing(pose_of("pelvic-tilt"), 0)
    arms = [
        i for i in drawing.items if isinstance(i, Limb) and i.part.rpartition("_")[0] in ARM_PARTS
    ]
    shown = sum(
        step
        for x, h in under
        if not any(in_capsule((x, top + h * k / 4), arm) for arm in arms for k in (1, 2, 3))
    )
    assert shown >= 90.0, shown


ARM_PARTS = ("upper_arm", "forearm", "hand", "thumb")


def glow_on_the_mat(drawing: Drawing) -> float:
    """How long a stretch of the mat's top edge the glowing low back lies along (within 15
    mm of it) with no arm painted over it, in mm of the picture."""
    items = drawing.items
    mat = next(i for i in items if isinstance(i, Prop) and i.kind == "mat")
    top = max(y for _, y in mat.outline)
    low_back = next(i for i in items if isinstance(i, Limb) and i.part == "low_back")
    arms = [
        i
        for i in items[items.index(low_back) + 1 :]
        if isinstance(i, Limb) and i.part.rpartition("_")[0] in ARM_PARTS
    ]
    circles = list(drawn_circles([low_back]))
    lo = min(cx - r for cx, _, r in circles)
    hi = max(cx + r for cx, _, r in circles)
    step = (hi - lo) / 200
    shown = 0.0
    for k in range(200):
        x = lo + step * (k + 0.5)
        bottom = min(
            cy - math.sqrt(r * r - (x - cx) ** 2) for cx, cy, r in circles if abs(x - cx) <= r
        )
        if bottom - top <= 15.0 and not any(in_capsule((x, bottom + 2.0), a) for a in arms):
            shown += step
    return shown


def test_pelvic_tilt_card_shows_the_glowing_low_back_on_the_mat_unlike_resting_breath() -> None:
    """At card size both lie on the back with the knees up. What tells the pelvic tilt's card
    apart is the low back pressed flat: seen level with the mat (a thin strip), its glowing
    low back lies along the mat's edge over 20 cm or more with no arm over it (17.8 cm in
    round 21, the near elbow resting on part of it). The resting breath's card is seen from
    above, the mat a broad band, and glows at the belly, not the low back."""
    tilt = still_drawing(pose_of("pelvic-tilt"))
    assert glow_on_the_mat(tilt) >= 200.0, glow_on_the_mat(tilt)
    mat = next(i for i in tilt.items if isinstance(i, Prop) and i.kind == "mat")
    assert max(y for _, y in mat.outline) - min(y for _, y in mat.outline) <= 3 * scene.MAT_T
    rest = still_drawing(pose_of("constructive-rest"))
    band = next(i for i in rest.items if isinstance(i, Prop) and i.kind == "mat")
    assert max(y for _, y in band.outline) - min(y for _, y in band.outline) >= 0.2 * sk.H
    glowing = {i.part for i in rest.items if isinstance(i, Limb) and i.highlight}
    assert "waist" in glowing and "low_back" not in glowing


def trunk_bottom(items: tuple[object, ...], x: float) -> float:
    """The bottom of the drawn trunk (pelvis, waist, chest, without the glow) at `x`."""
    trunk = [i for i in items if isinstance(i, Limb) and i.part in ("pelvis", "waist", "chest")]
    return min(
        (
            cy - math.sqrt(r * r - (x - cx) ** 2)
            for cx, cy, r in drawn_circles(trunk)
            if abs(x - cx) <= r
        ),
        default=math.inf,
    )


@pytest.mark.parametrize("key", [0, 1])
def test_pelvic_tilt_glows_inside_the_back_not_as_a_band_under_it(key: int) -> None:
    """rv29's reviewers read the glowing band along the small of the back as a rolled towel
    under it: it stood some 7 mm proud of the back, below the body lying on the mat. The glow
    now lies inside the back's outline: at every x along it, its lower edge is at or above
    the drawn trunk's (within 1 mm), in both key poses."""
    items = still_drawing(pose_of("pelvic-tilt"), key).items
    glow = next(i for i in items if isinstance(i, Limb) and i.part == "low_back")
    circles = list(drawn_circles([glow]))
    lo = min(cx - r for cx, _, r in circles)
    hi = max(cx + r for cx, _, r in circles)
    for k in range(1, 100):
        x = lo + (hi - lo) * k / 100
        bottom = min(
            cy - math.sqrt(r * r - (x - cx) ** 2) for cx, cy, r in circles if abs(x - cx) <= r
        )
        assert bottom >= trunk_bottom(items, x) - 1.0, (x, bottom, trunk_bottom(items, x))


def hand_slope(drawing: Drawing) -> float:
    """The near hand's drawn slope, wrist to fingertips, in degrees above the floor's line
    (its fingers toward the feet, the picture's -x)."""
    hand = next(
        i
        for i in drawing.items
        if isinstance(i, Limb) and i.part.startswith("hand_") and i.layer == Layer.NEAR
    )
    (ax, ay), (bx, by) = hand.points[0], hand.points[-1]
    return math.degrees(math.atan2(by - ay, ax - bx))


def test_pelvic_tilt_keeps_the_near_hand_flat_on_the_hip_bone() -> None:
    """pt59's reviewer saw the near hand, flat on the hip bone in the natural curve, "turn to
    point upward, off the hip bone, for no reason" as the back pressed down (from 7 to 41
    degrees above the floor's line). Through a whole repetition it now lies as flat as in the
    natural curve: its slope stays within 20 degrees of level and changes by 12 degrees or
    less, the hand riding on the hip bone as the pelvis rocks (its palm toward it:
    test_pelvic_tilt_rests_the_hands_on_the_hip_bones)."""
    slopes = [hand_slope(d) for _, d in drawn_moments("pelvic-tilt", "left")]
    assert all(-10.0 <= a <= 20.0 for a in slopes), [round(a) for a in slopes]
    assert max(slopes) - min(slopes) <= 12.0, [round(a) for a in slopes]


def test_pelvic_tilt_steps_match_the_picture() -> None:
    """The first step, in every language, rests the hands on the hip bones, as drawn; no
    step still lays the arms long by the sides nor the hands on the chest. The caution
    stays."""
    data = yaml.safe_load((REPO / "routines" / "stretches.yaml").read_text(encoding="utf-8"))
    item = next(s for s in data["stretches"] if s["id"] == "pelvic-tilt")
    texts = {"en": item, **item["translations"]}
    assert set(texts) >= {"en", "de", "fr", "es"}
    hands = {
        "en": "hands on your hip bones",
        "de": "Hände vorn auf die Hüftknochen",
        "fr": "mains sur l'avant des hanches",
        "es": "manos en la parte delantera de las caderas",
    }
    sides = {
        "en": "by your sides",
        "de": "neben dem Körper",
        "fr": "le long du corps",
        "es": "junto al cuerpo",
    }
    for lang, text in texts.items():
        if lang not in hands:
            continue
        assert hands[lang] in text["steps"][0], lang
        assert lang not in sides or not any(sides[lang] in step for step in text["steps"])
        assert text["caution"].strip()


# ---- foam roll, upper back ------------------------------------------------------------------


def test_upper_back_roller_stays_between_the_ribs_and_the_shoulder_blades() -> None:
    """In every key and every moment of the rolling, both sides, the roller touches the back
    under the shoulder blades, well below the neck: the contact (the back's point nearest the
    roller's axis, measured down the spine from the neck's base) lies 60 to 175 mm below the
    neck's base, on the chest. The shoulder blades cover the back from about T2 to T7-T8 (some
    20 to 170 mm below it on this skeleton, whose chest, T1 to T12, is 269 mm long); below the
    ribs is the low back, a risk for a back in spasm. A blind reviewer (physiotherapist) saw
    the roller start "right where the shoulders meet the neck, only a neck's length from the
    head": it touched 47 mm below the neck's base, and users would copy it and roll onto the
    lower neck. Two later ones saw the end of the roll, 195 mm below it (about T9), leave the
    shoulder blades for the mid-back: "shorten the slide so it stays under the shoulder
    blades the whole time"."""
    pose = pose_of("foam-roll-upper-back")
    keys = [
        drawing_module._state(pose, motion.Moment(k, k, 0.0, False))[0].placed for k in pose.keys
    ]
    rolling = [
        (side, t, body_at(pose, **at)[1])
        for side, t, at in rolling_moments("foam-roll-upper-back", step_ms=pose.cycle_ms // 40)
    ]
    for side, t, placed in [("key", k, p) for k, p in enumerate(keys)] + rolling:
        below, part = roller_contact_below_neck(placed)
        assert part == "chest", (side, t, part)
        assert 60.0 <= below <= 175.0, (side, t, below)


def roller_contact_below_neck(placed: scene.Placed) -> tuple[float, str]:
    """Where the roller touches the back: the trunk's surface point nearest the roller's axis,
    measured down the spine from the neck's base (mm), and the trunk part it lies on."""
    assert placed.roller is not None
    parts, _head = scene.limbs(placed.body)
    _gap, point, part = min(
        (sk.dist(c, placed.roller) - r, c, limb.part)
        for limb in parts
        if limb.part in ("pelvis", "waist", "chest")
        for c, r in (scene._along(limb, k / 200) for k in range(201))
    )
    p = placed.body.points
    spine = sk.sub(p["thoracic"], p["neck_base"])
    down = sk.scale(spine, 1.0 / math.hypot(*spine))
    return sum(a * b for a, b in zip(sk.sub(point, p["neck_base"]), down, strict=True)), part


def roller_below_neck(placed: scene.Placed) -> float:
    """How far down the back from the neck's base the roller touches it, mm."""
    p = placed.body.points
    return (1.0 - roller_along_chest(placed)) * sk.dist(p["neck_base"], p["thoracic"])


def test_upper_back_roller_lifts_the_hips_a_little_and_the_legs_push() -> None:
    """The body can roll as drawn: the hips lift a little off the floor (a low bridge, some
    3 to 15 cm, in every moment of both sides) while the feet stay planted, so the legs push
    the body over the roller. With the hips resting on the floor the pelvis slid some 8 cm
    along it with the feet and roller put, which cannot be done."""
    pose = pose_of("foam-roll-upper-back")
    assert "hips" not in pose.contacts and "feet" in pose.contacts
    for side in ("left", "right"):
        feet = set()
        for placed in roller_moments(side):
            hips = scene.contact_bottoms(placed.body, ["hips"])["hips"]
            assert 30.0 <= hips - scene.surface(pose.support) <= 150.0, (side, hips)
            p = placed.body.points
            feet.add(tuple(round(v) for v in p["ankle_l"]))
        assert len(feet) == 1, (side, feet)  # the feet stay put


def test_upper_back_roller_lifts_the_hips_a_little_off_the_mat() -> None:
    """The steps say "lift your hips a little off the floor", and the picture must show just
    that, enough to roll, never a bridge. Blind reviewers read hips 65 to 86 mm over the mat
    as "neither resting nor lifted" (round 25), 91 to 106 mm with the body level as a plank
    held on the roller (round 28), and 77 to 94 mm with the thighs near the trunk's line as
    "a held glute bridge, not rolling" (rv33, rv34). At 62 to 67 mm, drawn 7 to 10 px over
    the mat at 480x360, two blind physiotherapists saw the hips "resting on the mat, sliding
    on the buttocks": the brief says lift them a little, so show a clear gap. In every moment
    of both sides the pelvis's lowest point stands 75 to 95 mm over the mat, the trunk still
    sloping down from the roller to the hips (the pelvis's axis rising 6 to 14 degrees toward
    the head; the extra height comes from the back arching a little more over the roller,
    not from a flatter trunk), the hips below the line from the knees to the shoulders (the
    thigh and the trunk meet at the hip at 142 degrees or less; glute-bridge's lifted key:
    178, a straight line; rv34's bridge: 138 to 148) and the knees no higher than before
    (47 cm: not pushed up)."""
    pose = pose_of("foam-roll-upper-back")
    assert "mat" in pose.props
    for side, t, at in rolling_moments("foam-roll-upper-back"):
        _, placed = body_at(pose, **at)
        body = placed.body
        lifted = pelvis_bottom(body) - scene.MAT_T
        assert 75.0 <= lifted <= 95.0, (side, t, lifted)
        p = body.points
        rise = math.degrees(
            math.atan2(p["lumbar"][1] - p["hip_c"][1], abs(p["lumbar"][0] - p["hip_c"][0]))
        )
        assert 6.0 <= rise <= 14.0, (side, t, rise)
        s = "l" if side == "left" else "r"
        assert p[f"knee_{s}"][1] <= 470.0, (side, t, p[f"knee_{s}"][1])
        thigh, trunk = sk.sub(p[f"knee_{s}"], p["hip_c"]), sk.sub(p["neck_base"], p["hip_c"])
        cos = sum(a * b for a, b in zip(thigh, trunk, strict=True)) / (
            math.hypot(*thigh) * math.hypot(*trunk)
        )
        assert math.degrees(math.acos(cos)) <= 142.0, (side, t, math.degrees(math.acos(cos)))


def test_upper_back_roller_curves_the_trunk_without_a_kink_at_the_waist() -> None:
    """Over the roller the trunk is nearly level and gently curved: seen from the side, the
    pelvis, waist and chest each turn at most 12 degrees from the one before (the bend spread
    over the spine), never the steep waist down to the floor and the flat chest on the roller
    (a 25 degree kink at the low back) that read as an unsupported fold."""
    for side in ("left", "right"):
        for i, placed in enumerate(roller_moments(side)):
            p = placed.body.points

            def tilt(a: str, b: str, p: dict[str, sk.Vec] = p) -> float:
                return math.degrees(math.atan2(p[b][1] - p[a][1], abs(p[b][0] - p[a][0])))

            pelvis, waist = tilt("hip_c", "lumbar"), tilt("lumbar", "thoracic")
            chest = tilt("thoracic", "neck_base")
            assert abs(pelvis - waist) <= 12.0 and abs(waist - chest) <= 12.0, (
                side,
                i,
                (pelvis, waist, chest),
            )
            assert pelvis <= 25.0, (side, i, pelvis)  # nearly level, not sitting up


def roller_along_chest(placed: scene.Placed) -> float:
    """Where along the chest (0 the bottom of the ribs, 1 the neck's base) the roller
    touches the back."""
    assert placed.roller is not None
    p = placed.body.points
    chest = sk.sub(p["neck_base"], p["thoracic"])
    return sum(
        a * b for a, b in zip(sk.sub(placed.roller, p["thoracic"]), chest, strict=True)
    ) / sum(a * a for a in chest)


def _signed_gap(point: tuple[float, float], outline: tuple[tuple[float, float], ...]) -> float:
    """How far `point` lies outside a closed drawn outline (below 0: inside it), mm."""
    ring = list(zip(outline, (*outline[1:], outline[0]), strict=True))
    nearest = min(_to_segment(point, a, b) for a, b in ring)
    x, y = point
    inside = False
    for (ax, ay), (bx, by) in ring:
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            inside = not inside
    return -nearest if inside else nearest


def _to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    along = (p[0] - a[0]) * dx + (p[1] - a[1]) * dy
    u = 0.0 if length == 0 else max(0.0, min(1.0, along / length))
    return math.hypot(p[0] - a[0] - u * dx, p[1] - a[1] - u * dy)


def test_upper_back_roller_is_drawn_clear_of_the_neck_and_head() -> None:
    """Three blind reviews in a row saw the 90 cm roller "come out from under
    the neck and the top of the shoulders, its line crossing the body right beside the head":
    seen from above the head's side, the roller's far half rose in the picture behind the
    neck and head, whichever spot of the back it lay under (its drawn outline covered the
    neck's base on the card and passed over the head's disc in every key). Seen from above
    the feet's side, its visible near half runs down from under the back onto the mat. In
    mm of the picture: on the card the drawn roller stays 60 mm (4 px of a 160 px card) and
    more from the neck's base and 120 mm from the head's disc; in every key, 30 mm from the
    neck's base (rolling, the roller comes under the top of the shoulder blades) and 100 mm
    from the head."""
    pose = pose_of("foam-roll-upper-back")
    for k in (None, *range(len(pose.keys))):
        drawing = still_drawing(pose, k)
        (roller,) = [i for i in drawing.items if isinstance(i, Prop) and i.kind == "roller"]
        neck = drawn_limbs(drawing)["chest"].points[-1]
        head = next(item for item in drawing.items if isinstance(item, Head))
        to_neck = _signed_gap(neck, roller.outline)
        to_head = _signed_gap(head.center, roller.outline) - head.radius
        x0, _, x1, _ = drawing.frame
        if k is None:
            assert to_neck >= 60.0 and to_neck * 160 / (x1 - x0) >= 4.0, (k, to_neck)
            assert to_head >= 120.0, (k, to_head)
        else:
            assert to_neck >= 30.0, (k, to_neck)
            assert to_head >= 100.0, (k, to_head)


def test_upper_back_roller_card_sits_under_the_shoulder_blades_and_the_body_rolls() -> None:
    """The card shows the roller at the middle of the shoulder blades: not under the middle
    of the back, and not under their top either, level with the shoulder joints just below
    the neck, where clients would slide it into the neck (blind review). It lies in the
    upper half of the chest, 10 to 14 cm below the neck's base (its axis; the rolling now
    starts some 6 cm below the neck, not under the shoulder blades' top, so their middle
    lies lower than the 6 to 11 cm it was) and at least 15 mm below the shoulder joints
    along the back. Rolling, the body travels some 9.5 cm over it, from the upper part of
    the shoulder blades to their lower tips (at 5 cm the two key poses looked alike)."""
    pose = pose_of("foam-roll-upper-back")
    still = len(pose.keys) - 1 if pose.still is None else pose.still
    placed = [
        drawing_module._state(pose, motion.Moment(k, k, 0.0, False))[0].placed for k in pose.keys
    ]
    card = placed[still]
    assert card.roller is not None
    assert 0.5 <= roller_along_chest(card) <= 0.65
    p = card.body.points
    back = sk.sub(p["thoracic"], p["neck_base"])
    down = sk.scale(back, 1.0 / math.hypot(*back))

    def below(point: sk.Vec) -> float:
        return sum(a * b for a, b in zip(sk.sub(card.roller, point), down, strict=True))

    assert 100.0 <= below(p["neck_base"]) <= 140.0, below(p["neck_base"])
    for s in "lr":
        assert below(p[f"shoulder_{s}"]) >= 15.0, (s, below(p[f"shoulder_{s}"]))
    assert max(roller_along_chest(p) for p in placed) >= 0.75
    assert min(roller_along_chest(p) for p in placed) <= 0.45
    for side in ("left", "right"):
        hips = [p.body.points["hip_c"][0] for p in roller_moments(side)]
        assert max(hips) - min(hips) >= 40.0, (side, hips)


def test_upper_back_roller_travels_visibly_along_the_shoulder_blades() -> None:
    """Rolling, the roller's contact travels along the back the length of the shoulder
    blades, at least 90 mm from their upper part to their lower tips, and the body with it
    (the hips at least 90 mm): at 48 mm the two key poses looked alike, and at 80 mm blind
    reviewers still saw the rolling "barely show" (rv29). (It was 120 mm, to 195 mm below
    the neck's base, where two blind physiotherapists saw the roller leave the shoulder
    blades for the mid-back: the roll now ends at their lower tips, some 95 mm of travel.)"""
    for side in ("left", "right"):
        placed = roller_moments(side)
        below = [roller_below_neck(p) for p in placed]
        assert max(below) - min(below) >= 90.0, (side, below)
        hips = [p.body.points["hip_c"][0] for p in placed]
        assert max(hips) - min(hips) >= 90.0, (side, hips)


def _px_at_420(drawing: Drawing) -> float:
    """Pixels per mm of the picture when the drawing fills a 420x315 panel (the key poses'
    size; ui/figure.py's fit, 4% kept free round the frame)."""
    x0, y0, x1, y1 = drawing.frame
    return min(420 * 0.92 / (x1 - x0), 315 * 0.92 / (y1 - y0))


def test_upper_back_roll_ends_differ_clearly_at_key_size() -> None:
    """A blind physiotherapist saw the key poses "barely differ, the rolling does not show":
    with the roller held still, the body moved 16.7 px of a 420x315 panel between the roll's
    two ends (the roller under the upper part of the shoulder blades, then under their
    tips). The roller now rolls along the mat a little with the body, so the body travels
    further for the same spots of the back: between the two ends the drawn neck's base moves
    22 px or more, the drawn roller's near end moves the same way (no more than half as
    far), and along the drawn back (from the neck's base toward the hips) the roller's end
    sits at least 15 px further down at the lower end than at the upper."""
    pose = pose_of("foam-roll-upper-back")
    ends = [0, 2]
    assert [pose.keys[k].roller for k in ends] == ["upper_back", "mid_back"]
    drawn = []
    for k in ends:
        drawing = still_drawing(pose, k)
        px = _px_at_420(drawing)
        limbs = drawn_limbs(drawing)
        neck, hips = limbs["chest"].points[-1], limbs["pelvis"].points[0]
        (end,) = [i for i in drawing.items if isinstance(i, Prop) and i.kind == "roller_end"]
        ex, ey = _centroid(end.outline)
        length = math.dist(neck, hips)
        ux, uy = (hips[0] - neck[0]) / length, (hips[1] - neck[1]) / length
        down = ((ex - neck[0]) * ux + (ey - neck[1]) * uy) * px
        drawn.append((px, neck, (ex, ey), down))
    (px, neck0, end0, down0), (_, neck1, end1, down1) = drawn
    body = math.dist(neck0, neck1) * px
    roller = (end1[0] - end0[0]) * px
    assert body >= 22.0, body
    assert (neck1[0] - neck0[0]) * roller > 0.0 and abs(roller) <= 0.5 * body, (body, roller)
    assert down1 - down0 >= 15.0, (down0, down1)


def test_upper_back_roller_keeps_the_feet_planted_and_the_knees_open_as_it_rolls() -> None:
    """A true rolling pattern: the feet stay where they are (within 2 mm in every moment of
    both sides) and the legs do the work, the knees opening by at least 15 degrees as the
    body rolls from under the top of the shoulder blades down to their tips."""
    for side in ("left", "right"):
        placed = roller_moments(side)
        for s in "lr":
            for part in (f"heel_{s}", f"toe_{s}", f"ankle_{s}"):
                spots = [p.body.points[part] for p in placed]
                moved = max(sk.dist(a, spots[0]) for a in spots)
                assert moved <= 2.0, (side, part, moved)
        knees = [drawn_knee_angle_3d(p.body, "l") for p in placed]
        assert max(knees) - min(knees) >= 15.0, (side, knees)


def drawn_knee_angle_3d(body: sk.Body, s: str) -> float:
    """The angle between the thigh and the shin at the knee, degrees (180: straight)."""
    p = body.points
    thigh, shin = sk.sub(p[f"hip_{s}"], p[f"knee_{s}"]), sk.sub(p[f"ankle_{s}"], p[f"knee_{s}"])
    cos = sum(a * b for a, b in zip(thigh, shin, strict=True))
    return math.degrees(math.acos(cos / (math.hypot(*thigh) * math.hypot(*shin))))


def roller_moments(side: str) -> list[scene.Placed]:
    """The placed body through two cycles of the rolling (one side)."""
    pose = pose_of("foam-roll-upper-back")
    moments = rolling_moments("foam-roll-upper-back", sides=(side,))
    return [body_at(pose, **at)[1] for _, _, at in moments]


def back_gap(placed: scene.Placed) -> float:
    """How far the back is from the roller's surface, mm (below 0: pressed into it)."""
    assert placed.roller is not None
    parts, _head = scene.limbs(placed.body)
    return min(
        sk.dist(c, placed.roller) - scene.ROLLER_R - r
        for limb in parts
        if limb.part in ("pelvis", "waist", "chest")
        for c, r in (scene._along(limb, k / 40) for k in range(41))
    )


def test_upper_back_rests_on_the_roller_while_the_body_rolls_over_it() -> None:
    """The back lies ON the roller in every moment (neither floating above it nor sunk into
    it) and the body travels over it: the roller rolls along the mat the same way as the
    body, a third as far (scene.ROLLER_ROLLS; held still, the body's 9.5 cm read as key
    poses that "barely differ"), so the body travels 12 to 17 cm and the roller at most half
    as far as the body."""
    for side in ("left", "right"):
        placed = roller_moments(side)
        for i, p in enumerate(placed):
            assert -8.0 <= back_gap(p) <= 4.0, (side, i, back_gap(p))
        hips = [p.body.points["hip_c"][0] for p in placed]
        rollers = [p.roller[0] for p in placed if p.roller is not None]
        assert 120.0 <= max(hips) - min(hips) <= 170.0, (side, hips)
        assert max(rollers) - min(rollers) <= 0.5 * (max(hips) - min(hips)), (side, rollers)
        for p, q in itertools.pairwise(placed):
            assert p.roller is not None and q.roller is not None
            body = q.body.points["hip_c"][0] - p.body.points["hip_c"][0]
            roll = q.roller[0] - p.roller[0]
            assert body * roll >= 0.0 and abs(roll) <= abs(body), (side, body, roll)


def test_upper_back_extends_over_the_roller_not_a_sit_up() -> None:
    """Not a crunch: past the roller the upper back goes level or back down, so the neck is no
    higher than the chest over the roller, the knees stand higher than the head, and the hips
    stay down."""
    for side in ("left", "right"):
        for placed in roller_moments(side):
            assert placed.roller is not None
            parts, head = scene.limbs(placed.body)
            p = placed.body.points
            _, over_roller = min(
                (abs(c[0] - placed.roller[0]), c[1])
                for limb in parts
                if limb.part == "chest"
                for c, _r in (scene._along(limb, k / 40) for k in range(41))
            )
            # the head in line with the chest (the neck neutral) stands some 40 mm over the
            # chest's middle line: its centre sits forward of the neck (rv28)
            assert head.center[1] <= over_roller + 50.0, (head.center[1], over_roller)
            assert p["neck_base"][1] <= over_roller + 10.0
            for s in "lr":
                assert p[f"knee_{s}"][1] >= head.center[1] + head.radius


def neck_extension(body: sk.Body) -> float:
    """How far the head's axis turns back from the chest's (degrees, in the body's mid-plane;
    below 0 the chin drops toward the chest)."""
    chest, head = body.frames["chest"], body.frames["head"]
    axis = [head[j][1] for j in range(3)]
    along = sum(axis[j] * chest[j][1] for j in range(3))
    forward = sum(axis[j] * chest[j][0] for j in range(3))
    return -math.degrees(math.atan2(forward, along))


def test_upper_back_roller_holds_the_head_in_line_with_the_chest() -> None:
    """The hands carry the head in line with the chest, in every moment: the neck turns back
    at most 3 degrees from the chest's line (the head never hangs back over the roller; at 12
    degrees blind reviewers saw the neck in extension, rv28) nor curls forward more than 10
    (a sit-up)."""
    for side in ("left", "right"):
        for i, placed in enumerate(roller_moments(side)):
            ext = neck_extension(placed.body)
            assert -10.0 <= ext <= 3.0, (side, i, ext)


def test_upper_back_roller_raises_the_elbows_off_the_chest() -> None:
    """Seen from the side, the near upper arm rises off the chest toward the ceiling (the
    elbows up, the hands behind the head), rather than lying along the chest, where its
    shoulder end read as the middle of the trunk. With the elbows opened out a little (the
    near upper arm now rising behind the head) it leaves the chest's line 37 degrees or
    more; raised in front of the face (61 degrees) it read as a stiff rod. (ur5: risen that
    steeply from the shoulder, the bar met the head where the neck joins it and read as a
    hand on the neck; raised more and turned out it leaves the chest at 27 degrees, still
    well off it, and goes behind the head under the skull, the test above.)"""
    pose = pose_of("foam-roll-upper-back")
    for key in range(len(pose.keys)):
        limbs = drawn_limbs(still_drawing(pose, key))
        (cx0, cy0), (cx1, cy1) = limbs["chest"].points[0], limbs["chest"].points[-1]
        upper = limbs["upper_arm_l"]
        (sx, sy), (ex, ey) = upper.points[0], upper.points[-1]
        chest = math.degrees(math.atan2(cy1 - cy0, cx1 - cx0))
        arm = math.degrees(math.atan2(ey - sy, ex - sx))
        lift = abs((arm - chest + 180.0) % 360.0 - 180.0)
        # seen from a little above (round 29) the raised upper arm draws a little steeper
        assert 25.0 <= lift <= 120.0, (key, lift)


def test_upper_back_roller_is_seen_as_a_cylinder_across_the_mat() -> None:
    """Round 28's reviewer saw the end-on roller of a pure side view as a brown dot, "a ball:
    a client may use a tennis ball". Seen from 10 degrees off the side and a little above,
    the roller's drawn outline reaches at least twice as far as its round end is wide (its
    length shows across the mat; end-on the two were the same), in every key."""
    pose = pose_of("foam-roll-upper-back")
    assert pose.elevation is not None and 10.0 <= pose.elevation <= 30.0
    for key in range(len(pose.keys)):
        drawing = still_drawing(pose, key)
        props = {i.kind: i for i in drawing.items if isinstance(i, Prop)}

        def span(outline: tuple[tuple[float, float], ...]) -> float:
            return max(math.dist(a, b) for a, b in itertools.combinations(outline, 2))

        length = span(props["roller"].outline)
        end = span(props["roller_end"].outline)
        assert length >= 2.0 * end, (key, length, end)


def roller_across_the_body(drawing: Drawing) -> float:
    """The angle on the page between the drawn roller's axis (from the middle of its outline
    to the middle of its near round end) and the body's long axis (from the hips to the
    neck's base), degrees: 90 a roller drawn square across the body, 0 one along it."""
    props = {i.kind: i for i in drawing.items if isinstance(i, Prop)}
    (mx, my), (ex, ey) = _centroid(props["roller"].outline), _centroid(props["roller_end"].outline)
    limbs = drawn_limbs(drawing)
    (hx, hy), (nx, ny) = limbs["pelvis"].points[0], limbs["chest"].points[-1]
    turn = math.degrees(math.atan2(ey - my, ex - mx) - math.atan2(ny - hy, nx - hx))
    return abs((turn + 90.0) % 180.0 - 90.0)


def test_upper_back_roller_is_drawn_across_the_back_not_along_it() -> None:
    """A blind physiotherapist saw the roller "lie lengthwise under the spine" and the
    rolling arrow (along the body) as rolling "along the roller's own axis, which can't be
    done": seen from 20 degrees off the side toward the feet, the roller's visible near half
    was drawn as a long diagonal rod from under the mid back toward the head's side, its
    axis 43 to 44 degrees off the body's on the page. From 10 degrees off the side and 16
    above it is drawn 65 degrees off it (the arms' near elbow stays hidden behind the head:
    nearer the side it pokes past the head, the knobs test below; higher, the mat's back
    edge rises behind the lifted hips). In the card, every key and every moment of the
    rolling, both sides, the drawn roller crosses the body's axis at 60 degrees or more."""
    pose = pose_of("foam-roll-upper-back")
    drawings = [("still", k, still_drawing(pose, k)) for k in (None, *range(len(pose.keys)))]
    drawings += [
        (side, t, drawing_module.drawing_at(pose, **at))
        for side, t, at in rolling_moments("foam-roll-upper-back")
    ]
    for side, t, drawing in drawings:
        across = roller_across_the_body(drawing)
        assert across >= 60.0, (side, t, across)


def test_upper_back_roller_marks_the_upper_back_only() -> None:
    """Blind review rv35: the whole chest in the accent reached down over the lower ribs and
    read as the mid and low back marked, beside the roller: an invitation to roll there.
    In every key the accent covers the back from the shoulders to the shoulder blades (over
    the roller) and nothing of it reaches the lower ribs (the chest's lower end, T10 or so).
    Measured along the drawn body from the neck's base, in mm of the body."""
    pose = pose_of("foam-roll-upper-back")
    for k in range(len(pose.keys)):
        drawing = still_drawing(pose, k)
        limbs = drawn_limbs(drawing)
        hips, neck = limbs["pelvis"].points[0], limbs["chest"].points[-1]
        drawn = math.dist(hips, neck)
        ux, uy = (hips[0] - neck[0]) / drawn, (hips[1] - neck[1]) / drawn
        mm = (sk.PELVIS_SEG + sk.WAIST_SEG + sk.CHEST_SEG) / drawn

        def along(p: tuple[float, float]) -> float:
            return ((p[0] - neck[0]) * ux + (p[1] - neck[1]) * uy) * mm  # noqa: B023

        marked = [
            (along(p) - w / 2 * mm, along(p) + w / 2 * mm)
            for item in drawing.items
            if isinstance(item, Limb) and item.highlight
            for p, w in zip(item.points, item.widths, strict=True)
        ]
        assert marked, k
        lowest = max(hi for _, hi in marked)
        assert lowest < 0.75 * sk.CHEST_SEG, (k, lowest)  # some 200 mm: above the lower ribs
        (roller,) = [i for i in drawing.items if isinstance(i, Prop) and i.kind == "roller"]
        xs = [x for x, _ in roller.outline]
        ys = [y for _, y in roller.outline]
        over = along(((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2))
        assert any(lo < over < hi for lo, hi in marked), (k, over, marked)  # over the roller


def test_upper_back_roller_card_holds_the_head_with_bent_elbows() -> None:
    """Hands behind the head, the elbows bent and pointing forward (toward the knees) and up:
    no arm is drawn over the face, no arm is a straight bar, none rises behind the head. An
    arm drawn behind the head (the near one, wrapping round it) may have its elbow hidden
    there, inside the head's disc; the far elbow shows forward of the head and up."""
    drawing = still_drawing(pose_of("foam-roll-upper-back"))
    head = next(item for item in drawing.items if isinstance(item, Head))
    (hx, hy), radius = head.center, head.radius
    limbs = drawn_limbs(drawing)
    index = {item.part: i for i, item in enumerate(drawing.items) if isinstance(item, Limb)}
    head_index = drawing.items.index(head)
    feet = limbs["pelvis"].points[0][0] - hx  # the direction of the feet on the page
    for s in "lr":
        upper, fore = limbs[f"upper_arm_{s}"], limbs[f"forearm_{s}"]
        for part in (f"upper_arm_{s}", f"forearm_{s}"):
            limb = limbs[part]
            if index[part] < head_index:
                continue  # behind the head
            # drawn over the head: it may cross its back, never its middle (the face)
            for (ax, ay), (bx, by) in zip(limb.points, limb.points[1:], strict=False):
                for k in range(11):
                    x, y = ax + (bx - ax) * k / 10, ay + (by - ay) * k / 10
                    assert math.hypot(x - hx, y - hy) >= 0.5 * radius, part
        assert drawn_angle(upper, fore) >= 60.0  # bent, not a straight bar
        ex, ey = upper.points[-1]
        if index[upper.part] < head_index and math.hypot(ex - hx, ey - hy) < radius:
            assert s == "l", s  # the near elbow, hidden behind the head
        else:
            assert (ex - hx) * feet > 0.5 * radius  # the elbow forward of the head
            assert ey > hy  # and up
        # nothing of the arm rises on the far side of the head (a post behind it)
        for limb in (upper, fore):
            for x, y in limb.points:
                assert (x - hx) * feet >= -radius or y <= hy + radius


def test_upper_back_roller_cradles_the_back_of_the_head_in_both_hands() -> None:
    """Both hands hold the back of the head, the same on both sides, in every key: the
    fingertips within 40 mm of it in 3D (the fingers behind it, the wrists not forward of its
    middle), the elbows level with each other and raised toward the ceiling in front of the
    shoulders, a soft "V" round the head. With the elbows opened out to the sides (rv28) the
    hands stayed 19 cm from the head, and seen from this camera the near elbow pointed down
    at the floor while the far one stood up: two different arm positions, the near hand
    read as a hand at the throat."""
    pose = pose_of("foam-roll-upper-back")
    for key in range(len(pose.keys)):
        body = key_body("foam-roll-upper-back", key)
        p, head, chest = body.points, body.frames["head"], body.frames["chest"]
        for s in "lr":
            reach = sk.dist(p[f"fingers_{s}"], p["back_of_head"])
            assert reach <= 40.0, (key, s, reach)
            for part, most in ((f"fingers_{s}", -0.4), (f"wrist_{s}", 0.0)):
                d = sk.sub(p[part], p["head"])
                forward = sum(d[j] * head[j][0] for j in range(3))
                assert forward <= most * sk.HEAD_R, (key, part, forward)
            raised = sk.sub(p[f"elbow_{s}"], p[f"shoulder_{s}"])
            ahead = sum(raised[j] * chest[j][0] for j in range(3))
            assert ahead >= 0.08 * sk.H, (key, s, ahead)
        assert abs(p["elbow_l"][1] - p["elbow_r"][1]) <= 30.0, key


def upper_back_roll_heads(
    per_cycle: int,
) -> Iterator[tuple[str, int, drawing_module.Drawing, str, Head]]:
    """Moments through the upper-back roll on both sides, `per_cycle` to a repetition: the
    side, the time, the drawing, the near side's letter and the drawn head."""
    pose = pose_of("foam-roll-upper-back")
    for side, t, at in rolling_moments("foam-roll-upper-back", step_ms=pose.cycle_ms // per_cycle):
        drawing = drawing_module.drawing_at(pose, **at)
        head = next(item for item in drawing.items if isinstance(item, Head))
        yield side, t, drawing, "l" if side == "left" else "r", head


def test_upper_back_roller_near_hand_holds_the_back_of_the_skull_not_the_neck() -> None:
    """The head is cradled, not pulled: in every moment of both sides the near hand's middle
    lies inside the head's drawn disc, in its back half (away from the face), and the near
    forearm goes behind the head, nothing of it that shows crossing the neck's front. Drawn
    over the head, the forearm ran from the raised elbow across the jaw and the throat down
    to the hand, and blind reviewers asked whether the person was pulling on the neck (rv33,
    rv34). (The hand's end once showed past the disc's edge at the back of the skull: seen
    as a dot at the throat, it is now hidden behind the head, the test below.)"""
    for side, t, drawing, near, head in upper_back_roll_heads(4):
        (hx, hy), radius = head.center, head.radius
        limbs = drawn_limbs(drawing)
        (bx, by), (tx, ty) = limbs["nose"].points
        face = ((tx - bx) / math.hypot(tx - bx, ty - by), (ty - by) / math.hypot(tx - bx, ty - by))
        hand = limbs[f"hand_{near}"]
        mx, my = hand.points[len(hand.points) // 2]
        assert math.hypot(mx - hx, my - hy) <= radius, (side, t)
        assert (mx - hx) * face[0] + (my - hy) * face[1] <= -0.3 * radius, (side, t)
        index = {item.part: i for i, item in enumerate(drawing.items) if isinstance(item, Limb)}
        head_index = drawing.items.index(head)
        fore = limbs[f"forearm_{near}"]
        assert index[fore.part] < head_index, (side, t)
        (n0x, n0y), (n1x, n1y) = limbs["neck"].points[0], limbs["neck"].points[-1]
        neck_half = max(limbs["neck"].widths) / 2
        (ax, ay), (ex, ey) = fore.points[0], fore.points[-1]
        for k in range(41):
            x, y = ax + (ex - ax) * k / 40, ay + (ey - ay) * k / 40
            if math.hypot(x - hx, y - hy) < radius:
                continue  # hidden behind the head
            u = ((x - n0x) * (n1x - n0x) + (y - n0y) * (n1y - n0y)) / (
                (n1x - n0x) ** 2 + (n1y - n0y) ** 2
            )
            u = min(1.0, max(0.0, u))
            cx, cy = n0x + (n1x - n0x) * u, n0y + (n1y - n0y) * u
            assert math.hypot(x - cx, y - cy) > neck_half, (side, t, k)


def _meets_the_disc(
    a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], radius: float
) -> tuple[float, float] | None:
    """Where the segment from `a` (outside) toward `b` first crosses the circle round `c`."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    fx, fy = a[0] - c[0], a[1] - c[1]
    qa, qb, qc = dx * dx + dy * dy, 2 * (fx * dx + fy * dy), fx * fx + fy * fy - radius**2
    disc = qb * qb - 4 * qa * qc
    if disc < 0:
        return None
    t = (-qb - math.sqrt(disc)) / (2 * qa)
    return (a[0] + t * dx, a[1] + t * dy) if 0.0 <= t <= 1.0 else None


def test_upper_back_roller_near_arm_goes_behind_the_head_away_from_the_neck() -> None:
    """A blind physiotherapist read the near arm as "holding the neck": all that shows of it
    is the upper arm, the hand hidden behind the head, and its centre line met the head's
    drawn edge 4.5 degrees from where the neck joins it (the neck's line from the head's
    middle to the neck's base): the bar ended at the neck. With the upper arms raised more
    and turned out (the elbows out to the sides, still hidden behind the head) it meets the
    head's edge under the skull, in every moment of both sides at least 30 degrees round
    from the neck's junction toward the back of the head, and the near hand's middle, hidden
    behind the head, lies at least 0.9 of the head's radius from that junction."""
    for side, t, drawing, near, head in upper_back_roll_heads(8):
        (hx, hy), radius = head.center, head.radius
        limbs = drawn_limbs(drawing)
        nx, ny = limbs["chest"].points[-1]
        neck = math.atan2(ny - hy, nx - hx)
        upper = limbs[f"upper_arm_{near}"]
        meet = _meets_the_disc(upper.points[0], upper.points[-1], head.center, radius)
        assert meet is not None, (side, t)
        turn = math.degrees(math.atan2(meet[1] - hy, meet[0] - hx) - neck)
        off = abs((turn + 180.0) % 360.0 - 180.0)
        assert off >= 30.0, (side, t, off)
        hand = limbs[f"hand_{near}"]
        mx, my = hand.points[len(hand.points) // 2]
        junction = (hx + radius * math.cos(neck), hy + radius * math.sin(neck))
        assert math.dist((mx, my), junction) >= 0.9 * radius, (side, t)


def test_upper_back_roller_near_arm_wraps_behind_the_head_not_a_rod() -> None:
    """A blind physiotherapist saw the arms as "straight bars with the elbows pointing at the
    ceiling": the near upper arm rose in front of the face with its forearm folded flat
    behind it, "one stiff rod sticking up". The elbows now open out a little (each 10 cm or
    more outside its shoulder, 45 to 65 cm apart; 32 cm, straight above the shoulders, was
    the rod) and, in every moment of both sides, the whole near arm is drawn behind the
    head, wrapping round it, its elbow hidden within the head's disc: the head shows whole,
    the hands behind it (hidden whole, the test below), the far arm's soft bend in front."""
    pose = pose_of("foam-roll-upper-back")
    for key in range(len(pose.keys)):
        body = key_body("foam-roll-upper-back", key)
        p, chest = body.points, body.frames["chest"]
        gap = sk.dist(p["elbow_l"], p["elbow_r"])
        assert 450.0 <= gap <= 650.0, (key, gap)
        for s, sign in (("l", -1.0), ("r", 1.0)):
            out = sk.sub(p[f"elbow_{s}"], p[f"shoulder_{s}"])
            lateral = sign * sum(out[j] * chest[j][2] for j in range(3))
            assert lateral >= 100.0, (key, s, lateral)
    for side, t, at in rolling_moments("foam-roll-upper-back", step_ms=pose.cycle_ms // 8):
        drawing = drawing_module.drawing_at(pose, **at)
        near = "l" if side == "left" else "r"
        head = next(item for item in drawing.items if isinstance(item, Head))
        (hx, hy), radius = head.center, head.radius
        index = {item.part: i for i, item in enumerate(drawing.items) if isinstance(item, Limb)}
        upper = drawn_limbs(drawing)[f"upper_arm_{near}"]
        assert index[upper.part] < drawing.items.index(head), (side, t)
        ex, ey = upper.points[-1]
        assert math.hypot(ex - hx, ey - hy) <= 0.9 * radius, (side, t)


def test_upper_back_roller_shows_no_knobs_round_the_head() -> None:
    """A blind physiotherapist saw small knobs on the head: the near elbow's round end
    poking out over the crown (0.14 of the head's radius past its edge) read as an ear, hair
    or a horn, and the near hand's end showing just under the head (0.28 past) as a dark dot
    at the throat or the chin, not a hand behind the skull. In every moment of both sides
    the near elbow's round end, the far hand and both thumbs lie wholly inside the head's
    drawn disc, behind it; the near hand, behind the head too, shows past its edge only as
    the band round the back of the skull that the test after this one describes (ur6): its
    middle line inside the edge all along, no more than 0.3 of the radius of it showing,
    never within 30 degrees of the neck's junction."""
    for side, t, drawing, near, head in upper_back_roll_heads(8):
        (hx, hy), radius = head.center, head.radius
        head_index = drawing.items.index(head)
        index = {item.part: i for i, item in enumerate(drawing.items) if isinstance(item, Limb)}
        limbs = drawn_limbs(drawing)
        upper = limbs[f"upper_arm_{near}"]
        (ex, ey), elbow = upper.points[-1], upper.widths[-1] / 2
        assert index[upper.part] < head_index, (side, t)
        assert math.hypot(ex - hx, ey - hy) + elbow <= 0.9 * radius, (side, t)
        far = "r" if near == "l" else "l"
        for part in (f"hand_{far}", f"thumb_{far}", f"thumb_{near}"):
            assert index[part] < head_index, (side, t, part)
            for x, y, r in drawn_circles([limbs[part]]):
                assert math.hypot(x - hx, y - hy) + r <= 0.95 * radius, (side, t, part)
        hand = limbs[f"hand_{near}"]
        assert index[hand.part] < head_index, (side, t)
        nx, ny = limbs["chest"].points[-1]
        neck = math.atan2(ny - hy, nx - hx)
        for x, y in hand.points:
            assert math.hypot(x - hx, y - hy) <= radius, (side, t)
        for x, y, r in drawn_circles([hand]):
            past = math.hypot(x - hx, y - hy) + r - radius
            assert past <= 0.3 * radius, (side, t, past)
            if past > 0.0:
                turn = math.degrees(math.atan2(y - hy, x - hx) - neck)
                assert abs((turn + 180.0) % 360.0 - 180.0) >= 30.0, (side, t, turn)


def test_upper_back_roller_near_hand_shows_round_the_back_of_the_skull() -> None:
    """With the near hand hidden whole behind the head, all that showed of the near arm was
    the upper arm ending at the head's edge under the skull, and a blind A/B (ab123) saw in
    both versions "the near hand ends at the base of the skull or neck instead of clearly
    cradling the back of the head". In every moment of both sides the near hand goes on from
    where the upper arm meets the head, round under the skull past its back (the side
    opposite the face) by 20 degrees or more, away from the neck, and shows past the head's
    edge there (0.15 of its radius or more), one band with the arm."""
    for side, t, drawing, near, head in upper_back_roll_heads(8):
        (hx, hy), radius = head.center, head.radius
        limbs = drawn_limbs(drawing)
        upper, hand = limbs[f"upper_arm_{near}"], limbs[f"hand_{near}"]
        meet = _meets_the_disc(upper.points[0], upper.points[-1], head.center, radius)
        assert meet is not None, (side, t)
        # it leaves the upper arm where that meets the head
        assert math.dist(hand.points[0], meet) <= upper.widths[-1] / 2, (side, t)
        (bx, by), (tx, ty) = limbs["nose"].points
        back = math.atan2(by - ty, bx - tx)  # the way opposite the face
        nx, ny = limbs["chest"].points[-1]
        neck = math.atan2(ny - hy, nx - hx)
        start = math.atan2(meet[1] - hy, meet[0] - hx)
        way = 1.0 if math.sin(start - neck) > 0 else -1.0
        fx, fy = hand.points[-1]
        reach = (way * (math.atan2(fy - hy, fx - hx) - start)) % (2 * math.pi)
        to_back = (way * (back - start)) % (2 * math.pi)
        assert math.degrees(reach - to_back) >= 20.0, (side, t, reach, to_back)
        shown = max(
            math.hypot(x - hx, y - hy) + r - radius
            for x, y, r in drawn_circles([hand])
            if (way * (math.atan2(y - hy, x - hx) - start)) % (2 * math.pi) >= to_back
        )
        assert shown >= 0.15 * radius, (side, t, shown)


# ---- child's pose ---------------------------------------------------------------------------


def in_capsule(q: tuple[float, float], limb: Limb) -> bool:
    """Whether a page point lies inside a drawn limb (a chain of round-capped segments)."""
    for a, b, wa, wb in zip(
        limb.points, limb.points[1:], limb.widths, limb.widths[1:], strict=False
    ):
        on = closest2(q, a, b)
        span = math.dist(a, b)
        t = 0.0 if span == 0 else math.dist(on, a) / span
        if math.dist(q, on) <= (wa + (wb - wa) * t) / 2:
            return True
    return False


def test_childs_pose_reach_draws_both_arms_long_and_alike() -> None:
    """In the reach (the card) both arms lie long toward the front of the mat and look alike:
    each drawn nearly straight (a bent near arm beside a straight-looking far one read as two
    different arms; seen from the side, as now, the arm's slope from the raised shoulder down
    to the mat shows as about 20 degrees), and the far arm reads as an arm, not as its round
    shoulder alone above the back (a second head): seen from the side its upper arm goes
    behind the chest and then the head, so at least a quarter of it shows between the two,
    and its forearm shows, reaching ahead beyond the head."""
    pose = pose_of("childs-pose")
    key = [k.name for k in pose.keys].index("resting back")
    assert (len(pose.keys) - 1 if pose.still is None else pose.still) == key
    drawing = still_drawing(pose, key)
    limbs = drawn_limbs(drawing)
    head = next(item for item in drawing.items if isinstance(item, Head))
    bends = [drawn_angle(limbs[f"upper_arm_{s}"], limbs[f"forearm_{s}"]) for s in "lr"]
    assert max(bends) <= 21.0 and abs(bends[0] - bends[1]) <= 5.0, bends
    body = key_body("childs-pose", key)
    for s in "lr":
        hand = hand_middle(body, s)
        assert sk.dist(body.points[f"shoulder_{s}"], hand) >= 0.9 * (sk.UPPER_ARM + sk.FOREARM)
    side = next(s for s in "lr" if limbs[f"upper_arm_{s}"].layer == Layer.FAR)
    trunk = [limbs[p] for p in ("pelvis", "waist", "chest", "neck")]
    for part, least in ((f"upper_arm_{side}", 0.25), (f"forearm_{side}", 0.5)):
        (ax, ay), (bx, by) = limbs[part].points[0], limbs[part].points[-1]
        shown = 0
        for k in range(21):
            q = (ax + (bx - ax) * k / 20, ay + (by - ay) * k / 20)
            hidden = any(in_capsule(q, limb) for limb in trunk)
            if not hidden and math.dist(q, head.center) > head.radius:
                shown += 1
        assert shown / 21 >= least, (part, shown)


def test_childs_pose_on_hands_and_knees_shows_no_far_shoulder_above_the_back() -> None:
    """On hands and knees, seen from the front and above, the far upper arm goes behind the
    trunk: no part of it shows above the back's outline (its round shoulder end showed there
    as a knob: blind review, round 12). Its hand still shows, below the trunk."""
    pose = pose_of("childs-pose")
    key = [k.name for k in pose.keys].index("on hands and knees")
    ready = drawing_at(
        pose, phase=PhaseKind.GET_READY, elapsed_ms=0, phase_ms=5_000, rep_ms=0, side=None
    )
    for drawing in (still_drawing(pose, key), ready):
        limbs = drawn_limbs(drawing)
        trunk = [limbs[p] for p in ("pelvis", "waist", "chest")]
        far = [s for s in "lr" if limbs[f"upper_arm_{s}"].layer == Layer.FAR]
        assert len(far) == 1
        arm = limbs[f"upper_arm_{far[0]}"]
        (ax, ay), (bx, by) = arm.points[0], arm.points[-1]
        for k in range(21):  # the outline of the arm's tapered shape, all round
            t = k / 20
            cx, cy = ax + (bx - ax) * t, ay + (by - ay) * t
            r = (arm.widths[0] + (arm.widths[-1] - arm.widths[0]) * t) / 2
            for j in range(36):
                x = cx + r * math.cos(math.radians(10 * j))
                y = cy + r * math.sin(math.radians(10 * j))
                assert y <= trunk_top(trunk, x) + 1.0, (t, j, round(x), round(y))
        hand = limbs[f"hand_{far[0]}"]
        assert not any(in_capsule(q, limb) for q in hand.points for limb in trunk)


def test_childs_pose_is_seen_side_on_full_length_on_a_level_mat() -> None:
    """The camera shows the kneeling fold from the side and a little above. From well above
    (elevation 56) the arms and thighs on hands and knees were drawn at a third to a half
    of their length: it read as a low crawl and the body's proportions changed between the
    frames, and the mat lay skewed by 8 degrees (blind review, round 24). In every key each
    thigh and upper arm is drawn at least 70 % of its length, the mat's long edge within 5
    degrees of level."""
    pose = pose_of("childs-pose")
    for key in range(len(pose.keys)):
        drawing = still_drawing(pose, key)
        limbs = drawn_limbs(drawing)
        p = key_body("childs-pose", key).points
        for s in "lr":
            for part, (a, b) in {
                f"thigh_{s}": (f"hip_{s}", f"knee_{s}"),
                f"upper_arm_{s}": (f"shoulder_{s}", f"elbow_{s}"),
            }.items():
                drawn = math.dist(limbs[part].points[0], limbs[part].points[-1])
                assert drawn >= 0.70 * sk.dist(p[a], p[b]), (key, part)
        mat = next(i for i in drawing.items if isinstance(i, Prop) and i.kind == "mat")
        edges = [(q, mat.outline[(n + 1) % len(mat.outline)]) for n, q in enumerate(mat.outline)]
        (x0, y0), (x1, y1) = max(edges, key=lambda e: math.dist(*e))
        tilt = (math.degrees(math.atan2(y1 - y0, x1 - x0)) + 90.0) % 180.0 - 90.0
        assert abs(tilt) <= 5.0, (key, tilt)


def test_childs_pose_rests_the_forehead_in_front_of_the_knees_hips_back() -> None:
    """At rest the hips sit back toward the heels (as far as the knee's 150 degrees allow:
    about 170 mm above them) and the forehead lies on the mat in front of the knees (it
    sank 11 mm into it before the neck came up a little to show the head below the chest)."""
    pose = pose_of("childs-pose")
    key = [k.name for k in pose.keys].index("resting back")
    body = key_body("childs-pose", key)
    p = body.points
    for s in "lr":
        assert p[f"hip_{s}"][1] - p[f"heel_{s}"][1] <= 200.0
    head = scene.contact_bottoms(body, ["forehead"])["forehead"]
    assert abs(head - scene.MAT_T) <= 8.0
    hips = sk.scale(sk.add(p["hip_l"], p["hip_r"]), 0.5)

    def ahead(q: sk.Vec) -> float:  # how far in front of the hips, along the floor
        return math.hypot(q[0] - hips[0], q[2] - hips[2])

    assert ahead(p["forehead"]) >= max(ahead(p["knee_l"]), ahead(p["knee_r"])) + 100.0


def test_childs_pose_rests_knees_apart_toes_together_near_arm_from_the_chest() -> None:
    """At rest the knees are comfortably apart and the big toes together (step 1), and the
    near arm is seen to start at the chest: its round shoulder end lay against the near
    knee in the picture, so the arm seemed to grow out of the knee (blind review, round
    24). With the knees apart the near knee sits lower, the shoulder's end clear of it."""
    pose = pose_of("childs-pose")
    key = [k.name for k in pose.keys].index("resting back")
    p = key_body("childs-pose", key).points
    assert sk.dist(p["knee_l"], p["knee_r"]) >= 300.0
    assert sk.dist(p["toe_l"], p["toe_r"]) <= 150.0
    limbs = drawn_limbs(still_drawing(pose, key))
    near = next(s for s in "lr" if limbs[f"upper_arm_{s}"].layer == Layer.NEAR)
    arm = limbs[f"upper_arm_{near}"]
    (ax, ay), (bx, by) = limbs[f"thigh_{near}"].points[0], limbs[f"thigh_{near}"].points[-1]
    shoulder, r = arm.points[0], arm.widths[0] / 2
    on = closest2(shoulder, (ax, ay), (bx, by))
    t = math.dist(on, (ax, ay)) / math.dist((ax, ay), (bx, by))
    wa, wb = limbs[f"thigh_{near}"].widths[0], limbs[f"thigh_{near}"].widths[-1]
    assert math.dist(shoulder, on) - (wa + (wb - wa) * t) / 2 - r >= 45.0
    chest = limbs["chest"]
    assert in_capsule(shoulder, chest)


def drawn_area(item: Limb | Head) -> float:
    """A drawn piece's area on the page (mm², a tapered capsule chain; overlaps counted)."""
    if isinstance(item, Head):
        return math.pi * item.radius**2
    pieces = zip(item.points, item.points[1:], item.widths, item.widths[1:], strict=False)
    return (
        sum(math.dist(a, b) * (wa + wb) / 2 for a, b, wa, wb in pieces)
        + math.pi * (item.widths[0] / 2) ** 2
    )


def test_childs_pose_glow_leaves_the_folded_body_readable() -> None:
    """Its card was read as a big green hump beside a small head (round 28): the whole waist
    and chest glowed, a quarter of the figure. The stretch is felt in the small of the back:
    only it glows, under a tenth of the drawn figure in every key, and the trunk is drawn in
    the body's own ink like the head and limbs."""
    pose = pose_of("childs-pose")
    for key in range(len(pose.keys)):
        items = [i for i in still_drawing(pose, key).items if isinstance(i, Limb | Head)]
        glowing = [i for i in items if i.highlight]
        share = sum(drawn_area(i) for i in glowing) / sum(drawn_area(i) for i in items)
        assert share <= 0.10, (key, share)
        assert "low_back" in {i.part for i in glowing if isinstance(i, Limb)}, key


def test_childs_pose_low_back_mark_reaches_the_back_s_outline() -> None:
    """Seen from above and behind, the middle of the back lies well inside the trunk's outline
    in the picture, and a band there read as a sticker on the back (blind review rv32): the
    mark widens out to within a few millimetres of the drawn waist's outline on the back's
    side, in every key (it stopped some 20 mm short of it)."""
    from tests.figure_geometry import closest_on_segment, gap_2d

    pose = pose_of("childs-pose")
    for key in range(len(pose.keys)):
        items = {i.part: i for i in still_drawing(pose, key).items if isinstance(i, Limb)}
        band, waist = items["low_back"], items["waist"]
        short = math.inf
        for p, w in zip(band.points, band.widths, strict=True):
            # the point of the band's edge farthest from the waist's middle line
            c = min(
                (closest_on_segment(p, a, b)[0] for a, b in itertools.pairwise(waist.points)),
                key=lambda q, p=p: math.dist(q, p),
            )
            d = math.dist(p, c)
            assert d > 1.0, key
            edge = (p[0] + (p[0] - c[0]) / d * w / 2, p[1] + (p[1] - c[1]) / d * w / 2)
            short = min(short, -gap_2d(edge, waist))
        assert -1.0 <= short <= 10.0, (key, short)


def shape_gap(a: Limb, b: Limb) -> float:
    """How far apart two drawn limbs' shapes are on the page (mm; below 0 they overlap)."""
    from tests.figure_geometry import gap_2d

    return min(gap_2d((x, y), b) - r for x, y, r in drawn_circles([a]))


def fold_hole(limbs: dict[str, Limb], side: str) -> float:
    """How deep the deepest point of the triangle hip-knee-ankle of a drawn leg lies outside
    the drawn leg and pelvis (mm; 0: the fold between thigh and shin is filled)."""
    from tests.figure_geometry import gap_2d

    thigh, shank = limbs[f"thigh_{side}"], limbs[f"shank_{side}"]
    hip, knee, ankle = thigh.points[0], thigh.points[-1], shank.points[-1]
    parts = [thigh, shank, limbs[f"foot_{side}"], limbs["pelvis"]]
    deepest = 0.0
    for i in range(41):
        for j in range(41 - i):
            u, v = i / 40, j / 40
            q = (
                knee[0] + (hip[0] - knee[0]) * u + (ankle[0] - knee[0]) * v,
                knee[1] + (hip[1] - knee[1]) * u + (ankle[1] - knee[1]) * v,
            )
            deepest = max(deepest, min(gap_2d(q, part) for part in parts))
    return deepest


def test_childs_pose_rest_sits_the_buttocks_on_the_heels() -> None:
    """Every blind review saw the buttocks hover well above the heels, "a half-loaded
    crouch, not a resting stretch" (to round 41): the knee at its full 150 degrees keeps the
    thigh 30 degrees off the shin, and the slim drawn thigh and shin left an empty wedge
    between them, the heel 37-42 mm below the back of the thigh. A real fold is soft tissue
    pressed together: the back of the thigh and the calf are drawn with their bulk, so on
    the card and seen straight from the side each drawn heel meets the drawn back of its
    thigh within 5 mm; from the side the fold between thigh and shin is filled (no point of
    the triangle hip-knee-ankle more than 12 mm outside the drawn leg and pelvis, 25 before),
    and the bulk goes no lower than the knee and the shin resting on the mat."""
    pose = pose_of("childs-pose")
    key = [k.name for k in pose.keys].index("resting back")
    side_on = dataclasses.replace(pose, azimuth=180.0, elevation=0.0)
    for view in (pose, side_on):
        limbs = drawn_limbs(still_drawing(view, key))
        for s in "lr":
            gap = shape_gap(limbs[f"foot_{s}"], limbs[f"thigh_{s}"])
            assert gap <= 5.0, (view.elevation, s, gap)
    limbs = drawn_limbs(still_drawing(side_on, key))
    for s in "lr":
        assert fold_hole(limbs, s) <= 12.0, s
        for part in ("thigh", "shank"):  # the bulk no lower than the knee and the shin's ends
            limb = limbs[f"{part}_{s}"]
            ends = min(p[1] - w / 2 for p, w in ((limb.points[i], limb.widths[i]) for i in (0, -1)))
            low = min(y - r for _, y, r in drawn_circles([limb]))
            assert low >= ends - 0.5, (part, s, low, ends)


def test_any_fold_onto_the_heels_is_drawn_full_a_right_angle_slim() -> None:
    """Not only the bundled child's pose: a pose of a user's own sitting back on the heels
    (upright, the knees at 150 degrees, the shins flat) is drawn with its buttocks on its
    heels and the fold filled, seen from the side; on hands and knees (the knees at a right
    angle) the legs keep their slim two-point shape, as every straighter leg does."""
    angles = {"hip_flex_l": 60.0, "hip_flex_r": 60.0, "knee_flex_l": 150.0}
    angles |= {"knee_flex_r": 150.0, "ankle_flex_l": -75.0, "ankle_flex_r": -75.0}
    sitting = StretchPose(
        keys=(KeyPose("sitting back", tuple(angles.items())),),
        contacts=("knees", "shins"),
    )
    body = drawing_module.body_at(
        sitting, phase=PhaseKind.STRETCH, elapsed_ms=0, phase_ms=1000, rep_ms=0, side=None
    )[1].body
    for s in "lr":  # flat shins, the hips well above the heels as the bones have it
        assert abs(body.points[f"ankle_{s}"][1] - body.points[f"knee_{s}"][1]) <= 10.0
        assert body.points[f"hip_{s}"][1] - body.points[f"heel_{s}"][1] >= 150.0
    limbs = drawn_limbs(still_drawing(sitting, 0))
    for s in "lr":
        assert shape_gap(limbs[f"foot_{s}"], limbs[f"thigh_{s}"]) <= 5.0, s
        assert fold_hole(limbs, s) <= 12.0, s
    kneeling = pose_of("childs-pose")
    start = [k.name for k in kneeling.keys].index("on hands and knees")
    limbs = drawn_limbs(still_drawing(kneeling, start))
    for s in "lr":
        assert len(limbs[f"thigh_{s}"].points) == len(limbs[f"shank_{s}"].points) == 2, s


def test_a_bent_leg_s_drawn_bulk_never_sinks_into_the_support() -> None:
    """The bulk drawn behind a deeply bent thigh and shin (`drawing._soft_leg`) grows only
    behind the bone, the front of the shin where it rests: in every key of every bundled
    stretch, the leg with it reaches no lower than the leg without it, or than a part may
    press into the mat."""
    for stretch_id in STRETCHES:
        pose = pose_of(stretch_id)
        base = scene.surface(pose.support)
        for key in range(len(pose.keys)):
            body = key_body(stretch_id, key)
            for limb in scene.limbs(body)[0]:
                if limb.part[:-2] not in drawing_module.SOFT_PARTS:
                    continue
                slim = drawing_module._round_knee(body, limb)
                soft = drawing_module._soft_leg(body, slim)

                def low(x: scene.Limb3) -> float:
                    return min(p[1] - w / 2 for p, w in zip(x.points, x.widths, strict=True))

                least = min(low(slim), base - scene.SINK_TOLERANCE)
                assert low(soft) >= least - 0.5, (stretch_id, key, limb.part)


# ---- knee to chest --------------------------------------------------------------------------


def test_knee_to_chest_hugs_the_knee_in_from_behind_the_thigh() -> None:
    """The hugged knee comes in toward the chest, both hands clasped behind the thigh just
    below the knee, the elbows bent. Its card was read as the hands gripping the top of the
    knee with straight arms, the knee hardly drawn in (round 28): a grip over the knee is
    hard on an arthritic knee. Now each hand lies within a few cm of the back of the thigh
    (the hamstring side), a little way down from the knee; the elbows bend, in the body and
    as drawn; the pelvis tips back with the hug, so the knee comes some 5 cm nearer the
    chest than the old pose's 287 mm; the head rests on the mat."""
    body = key_body("knee-to-chest", 1)
    p = body.points
    thigh3 = {limb.part: limb for limb in scene.limbs(body)[0]}["thigh_l"]
    back = sk.apply(body.frames["thigh_l"], (-1.0, 0.0, 0.0))  # the hamstring side
    for s in "lr":
        hand = hand_middle(body, s)
        on = closest3(hand, p["hip_l"], p["knee_l"])
        along = sk.dist(on, p["hip_l"]) / sk.THIGH
        assert 0.6 <= along <= 0.9, (s, along)  # on the thigh, just below the knee
        off = sk.sub(hand, on)
        gap = math.hypot(*off)
        radius = (thigh3.widths[0] + (thigh3.widths[-1] - thigh3.widths[0]) * along) / 2
        assert gap - radius <= 40.0, (s, gap - radius)  # within a few cm of its surface
        behind = sum(a * b for a, b in zip(off, back, strict=True)) / gap
        assert behind >= 0.85, (s, behind)  # on its back, not over its front or top
        assert elbow_angle(body, s) <= 150.0, s  # the elbows bent and soft
    # drawn in: the thigh leans past upright toward the head (the moderate hug's hip angle
    # and knee height: test_knee_to_chest_hugs_moderately_knee_over_the_lower_chest)
    # head and shoulders resting on the mat
    bottoms = scene.contact_bottoms(body, ["head", "upper_back"])
    for name, bottom in bottoms.items():
        assert abs(bottom - scene.MAT_T) <= scene.CONTACT_TOLERANCE, name
    card = still_drawing(pose_of("knee-to-chest"))
    limbs = drawn_limbs(card)
    heads = [item for item in card.items if isinstance(item, Head)]
    (hx, hy), (kx, ky) = limbs["thigh_l"].points[0], limbs["thigh_l"].points[-1]
    toward_head = 1.0 if heads[0].center[0] > hx else -1.0
    past_upright = math.degrees(math.atan2(toward_head * (kx - hx), ky - hy))
    # 38 now (was 40+ at hip 139; 33 at hip 115, which a physiotherapist read on the card as
    # the knee not clearly drawn toward the chest)
    assert past_upright >= 35.0, past_upright
    for s in "lr":
        (sx, sy), (ex, ey) = limbs[f"upper_arm_{s}"].points
        wx, wy = limbs[f"forearm_{s}"].points[-1]
        a, b = (sx - ex, sy - ey), (wx - ex, wy - ey)
        cos = (a[0] * b[0] + a[1] * b[1]) / (math.hypot(*a) * math.hypot(*b))
        if limbs[f"upper_arm_{s}"].layer == Layer.NEAR:
            assert math.degrees(math.acos(cos)) <= 150.0  # the near elbow shows its bend
    assert sk.dist(p["ankle_l"], p["knee_r"]) >= 250.0
    # and the foot does not point at it (a figure-4's crossed foot does)
    foot = sk.sub(p["toe_l"], p["ankle_l"])
    at = sk.sub(p["knee_r"], p["ankle_l"])
    cos = sum(a * b for a, b in zip(foot, at, strict=True)) / (math.hypot(*foot) * math.hypot(*at))
    assert math.degrees(math.acos(cos)) >= 35.0


def test_knee_to_chest_card_draws_the_hugged_foot_along_its_shin() -> None:
    """Its card was read as a tabletop hold with a second shin: the hugged foot, held bent up
    off the shin, pointed at the ceiling and was drawn about as long as the shin's visible
    part, so the knee could be at either end. Relaxed, the lifted foot falls in line with the
    shin: drawn, it points within 35 degrees of the shin's direction and stays clear of the
    other leg."""
    limbs = drawn_limbs(still_drawing(pose_of("knee-to-chest")))
    assert drawn_angle(limbs["foot_l"], limbs["shank_l"]) <= 35.0
    other = [limbs[f"{part}_r"] for part in ("thigh", "shank", "foot")]
    assert min(limbs_gap(limbs["foot_l"], b) for b in other) >= 60.0


def limbs_gap(a: Limb, b: Limb) -> float:
    """How far apart two drawn limbs' outlines are on the page (mm; < 0: they overlap)."""
    best = math.inf
    for p, q, wp, wq in zip(a.points, a.points[1:], a.widths, a.widths[1:], strict=False):
        for k in range(41):
            t = k / 40
            c = (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)
            r = (wp + (wq - wp) * t) / 2
            for u, v, wu, wv in zip(b.points, b.points[1:], b.widths, b.widths[1:], strict=False):
                on = closest2(c, u, v)
                span = math.dist(u, v)
                s = 0.0 if span == 0 else math.dist(on, u) / span
                best = min(best, math.dist(c, on) - r - (wu + (wv - wu) * s) / 2)
    return best


def test_knee_to_chest_card_keeps_the_hugged_leg_clear_of_the_other() -> None:
    """Its card was once read as a figure-4: the hugged leg's foot was drawn on the other
    knee, as a crossed ankle rests there. In the card the hugged shin and foot stand clear of
    the other leg (some 5 px of mat between them on a 160 px card), and its thigh clear of
    the other shin and foot: no part of one leg drawn across the other."""
    pose = pose_of("knee-to-chest")
    limbs = drawn_limbs(still_drawing(pose))
    other = [limbs[f"{part}_r"] for part in ("thigh", "shank", "foot")]
    for part in ("shank_l", "foot_l"):
        assert min(limbs_gap(limbs[part], b) for b in other) >= 60.0, part
    for b in other[1:]:
        assert limbs_gap(limbs["thigh_l"], b) >= 60.0, b.part


def test_knee_to_chest_clasps_the_thigh_below_the_knee_and_shows_the_knee() -> None:
    """Reviewers (rv32) saw the hand sit over the knee, the other hand a grey patch over the
    joint, so thigh and shin read as two pieces and the grip as a dark knot. The hands now
    clasp the back of the thigh a little below the knee (68-80 % of the way from the hip, in
    the body: a physiotherapist read 64-71 % as mid-thigh, and two read 76-77 % with the near
    forearm up at the shin as a grip on the top of the shin), both close together, and as
    drawn every hand lies clear of the knee's round end: the drawn knee shows whole, its
    centre more than its own radius and a 15 mm margin from any hand (20 before the hands
    moved up to just behind the knee)."""
    pose = pose_of("knee-to-chest")
    key = [k.name for k in pose.keys].index("knee hugged")
    body = key_body("knee-to-chest", key)
    p = body.points
    for s in "lr":
        on = closest3(hand_middle(body, s), p["hip_l"], p["knee_l"])
        along = sk.dist(on, p["hip_l"]) / sk.THIGH
        assert 0.68 <= along <= 0.8, (s, along)
    assert sk.dist(hand_middle(body, "l"), hand_middle(body, "r")) <= 70.0  # clasped
    limbs = drawn_limbs(still_drawing(pose, key))
    knee = limbs["thigh_l"].points[-1]
    radius = limbs["thigh_l"].widths[-1] / 2
    for part, limb in limbs.items():
        if part.startswith(("hand", "thumb")):
            for (a, b), (wa, wb) in zip(
                itertools.pairwise(limb.points), itertools.pairwise(limb.widths), strict=False
            ):
                for k in range(21):
                    t = k / 20
                    c = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
                    gap = math.dist(c, knee) - (wa + (wb - wa) * t) / 2
                    assert gap >= radius + 15.0, (part, gap)


def test_knee_to_chest_draws_the_hands_behind_the_thigh_just_behind_the_knee() -> None:
    """A blind review (physiotherapist) saw the rounded hand end at the back edge of the
    thigh about 60 % of the way from hip to knee: mid-thigh, not "just below the knee"; two
    more read hands drawn 77-78 % of the way up, the near forearm reaching the shin, as
    gripping the top of the shin. In the card and the hugged key the far (hidden) hand's
    middle lies 68-80 % of the way along the drawn thigh from hip to knee (behind the thigh:
    never past the knee onto the shin), and beyond the thigh's axis on its back edge, not in
    its middle. The near hand (kc3) is drawn on from the forearm round the thigh's back edge
    (test_knee_to_chest_near_hand_shows_round_the_back_of_the_thigh): it meets that edge
    just under the crook of the knee, 58-72 % of the way up, and runs no further toward the
    hip than 44 %, its part along the edge at its back edge too."""
    pose = pose_of("knee-to-chest")
    key = [k.name for k in pose.keys].index("knee hugged")
    for drawing in (still_drawing(pose), still_drawing(pose, key)):
        limbs = drawn_limbs(drawing)
        (hx, hy), (kx, ky) = limbs["thigh_l"].points[0], limbs["thigh_l"].points[-1]
        ax, ay = kx - hx, ky - hy
        half = (limbs["thigh_l"].widths[0] + limbs["thigh_l"].widths[-1]) / 4
        near = limbs["hand_l"].points
        meets, ends = (
            ((x - hx) * ax + (y - hy) * ay) / (ax * ax + ay * ay) for x, y in (near[1], near[-1])
        )
        assert 0.58 <= meets <= 0.72 and ends >= 0.44, (meets, ends)
        for s in "lr":
            pts = limbs[f"hand_{s}"].points if s == "r" else near[1:]
            cx = sum(q[0] for q in pts) / len(pts)
            cy = sum(q[1] for q in pts) / len(pts)
            along = ((cx - hx) * ax + (cy - hy) * ay) / (ax * ax + ay * ay)
            if s == "r":
                assert 0.68 <= along <= 0.8, (s, along)
            off = abs((cx - hx) * ay - (cy - hy) * ax) / math.hypot(ax, ay)
            assert off >= 0.5 * half, (s, off, half)  # at the thigh's edge, not its middle


def test_knee_to_chest_hugs_moderately_knee_over_the_lower_chest() -> None:
    """A blind review (physiotherapist) saw the hip bent to about 140 degrees with the knee
    up at shoulder height: near end-range, and older people or people in pain will force it
    to match. The hug is moderate: the thigh 110-128 degrees from the trunk's line (hip and
    pelvis tip together) and the knee over the lower chest, 30-55 % of the way from the hips
    to the base of the neck along the trunk, not up by the shoulders; still clearly drawn in,
    past upright (the card's check in test_knee_to_chest_hugs_the_knee_in_from_behind_the_thigh)."""
    p = key_body("knee-to-chest", 1).points
    thigh = sk.sub(p["knee_l"], p["hip_l"])
    trunk = sk.sub(p["neck_base"], p["hip_c"])
    cos = sum(a * b for a, b in zip(thigh, trunk, strict=True)) / (
        math.hypot(*thigh) * math.hypot(*trunk)
    )
    hip = 180.0 - math.degrees(math.acos(cos))
    assert 110.0 <= hip <= 128.0, hip
    up = sum(a * b for a, b in zip(sk.sub(p["knee_l"], p["hip_c"]), trunk, strict=True))
    along = up / sum(a * a for a in trunk)
    assert 0.3 <= along <= 0.55, along


def test_knee_to_chest_draws_the_mat_level() -> None:
    """A blind review (physiotherapist) saw the mat drawn as a tilted strip, its feet end
    lower than the head end, which can read as lying on a slope (from 5 degrees up and 20
    round toward the feet its long edges sloped 1.8 degrees). In every key each long edge of
    the drawn mat lies within 1 degree of level."""
    pose = pose_of("knee-to-chest")
    for key in range(len(pose.keys)):
        drawing = still_drawing(pose, key)
        mat = next(i for i in drawing.items if isinstance(i, Prop) and i.kind == "mat")
        edges = list(itertools.pairwise((*mat.outline, mat.outline[0])))
        edges.sort(key=lambda e: -math.dist(*e))
        for (x0, y0), (x1, y1) in edges[:2]:  # the two long edges
            tilt = math.degrees(math.atan2(abs(y1 - y0), abs(x1 - x0)))
            assert tilt <= 1.0, (key, tilt)


def test_knee_to_chest_draws_the_hands_behind_the_thigh_clear_of_the_shin() -> None:
    """Reviewers (rv36, rv37) read the hands as gripping the front of the knee or the top of
    the shin: a hand was drawn over the thigh in the crook of the knee, on top of the shin.
    Clasped round the back of the thigh, the hands lie beyond it from the viewer: in the card
    and the hugged key the hugged thigh is painted over both hands and thumbs, and no hand is
    painted over the lifted shin (under it, or some 2 cm clear of it)."""
    pose = pose_of("knee-to-chest")
    key = [k.name for k in pose.keys].index("knee hugged")
    for drawing in (still_drawing(pose), still_drawing(pose, key)):
        order = [item.part for item in drawing.items if isinstance(item, Limb)]
        limbs = drawn_limbs(drawing)
        for s in "lr":
            for part in (f"hand_{s}", f"thumb_{s}"):
                assert order.index(part) < order.index("thigh_l"), part
                # under the shin where they meet it, never painted over its top
                assert (
                    order.index(part) < order.index("shank_l")
                    or limbs_gap(limbs[part], limbs["shank_l"]) >= 20.0
                ), part
    body = key_body("knee-to-chest", key)
    p = body.points
    for s in "lr":  # clasped beyond the thigh's middle from the viewer, not over its near side
        on = closest3(hand_middle(body, s), p["hip_l"], p["knee_l"])
        assert hand_middle(body, s)[2] - on[2] >= 20.0, s


def _knee_to_chest_hugs(side: str) -> list[Drawing]:
    """Knee to chest with the knee hugged: the card and the hugged key (left), or the right
    side's mid-repetition (mirrored)."""
    pose = pose_of("knee-to-chest")
    if side == "left":
        key = [k.name for k in pose.keys].index("knee hugged")
        return [still_drawing(pose), still_drawing(pose, key)]
    rep = rep_ms(STRETCHES["knee-to-chest"])
    when = {"phase": PhaseKind.STRETCH, "phase_ms": 60_000, "rep_ms": rep}
    return [drawing_at(pose, **when, elapsed_ms=rep // 2, side="right")]


@pytest.mark.parametrize("side", ["left", "right"])
def test_knee_to_chest_ends_the_near_forearm_on_the_thigh_clear_of_the_shin(side: str) -> None:
    """Two blind reviewers (physiotherapists) read the hands as gripping the top of the shin
    just below the knee: the near forearm, painted over the leg, ran up the thigh to the
    underside of the shin at the knee (its outline 7 mm from the drawn shin's), the hands in
    the crook behind it. Clasped behind the thigh a little below the knee, the near forearm
    crosses the side of the thigh and ends on it, the hands going round behind: in the card,
    the hugged key and the right side (mirrored), its drawn outline stays at least 35 mm
    clear of the drawn shin's (3 px on the 160 px card) and its wrist end lies 60-72 % of the
    way along the drawn thigh from hip to knee, below the knee, not at mid-thigh. With it 33 mm
    clear, ending at the thigh's back edge, a physiotherapist still read the hands as holding
    the shin: it now ends on the thigh's middle line, 38 mm clear."""
    for drawing in _knee_to_chest_hugs(side):
        limbs = drawn_limbs(drawing)
        s = max("lr", key=lambda q: limbs[f"thigh_{q}"].points[-1][1])  # the hugged leg
        near = next(
            limbs[f"forearm_{q}"] for q in "lr" if limbs[f"forearm_{q}"].layer == Layer.NEAR
        )
        assert limbs_gap(near, limbs[f"shank_{s}"]) >= 35.0, side
        (hx, hy), (kx, ky) = limbs[f"thigh_{s}"].points[0], limbs[f"thigh_{s}"].points[-1]
        wx, wy = near.points[-1]
        along = ((wx - hx) * (kx - hx) + (wy - hy) * (ky - hy)) / ((kx - hx) ** 2 + (ky - hy) ** 2)
        assert 0.6 <= along <= 0.72, (side, along)


@pytest.mark.parametrize("side", ["left", "right"])
def test_knee_to_chest_near_hand_shows_round_the_back_of_the_thigh(side: str) -> None:
    """Every blind review saw the picture contradict "clasp your hands behind your thigh":
    "the hands never hold the knee: the leg hangs in the air on its own strength", "the hand
    rests on the front of the thigh, like pushing, not holding". Both hands were hidden
    behind the thigh, in the crook where thigh and shin meet on the page. As the upper-back
    roll's near hand goes round under the skull (ur6), the near hand is drawn on from the
    forearm's end round the thigh's back edge (the shin's side), still behind the thigh, so
    its fingers show past that edge just under the knee: in the card, the hugged key and the
    right side (mirrored), some of its outline lies at least 34 mm past the thigh's outline
    (the thigh's 14 mm parting gap and 4 px at 420x315) and 14 mm clear of the shin's, on the
    thigh's back side (not its front, not on the shin); it reaches no more than 50 mm past the
    thigh (fingers, not a lump); the far hand stays hidden, and both stay painted under the
    thigh (test_knee_to_chest_draws_the_hands_behind_the_thigh_clear_of_the_shin)."""
    for drawing in _knee_to_chest_hugs(side):
        limbs = drawn_limbs(drawing)
        s = max("lr", key=lambda q: limbs[f"thigh_{q}"].points[-1][1])  # the hugged leg
        thigh, shin = limbs[f"thigh_{s}"], limbs[f"shank_{s}"]
        near = next(limbs[f"hand_{q}"] for q in "lr" if limbs[f"hand_{q}"].layer == Layer.NEAR)
        (hx, hy), (kx, ky) = thigh.points[0], thigh.points[-1]
        length = math.hypot(kx - hx, ky - hy)
        nx, ny = -(ky - hy) / length, (kx - hx) / length
        ax, ay = shin.points[-1]
        if (ax - hx) * nx + (ay - hy) * ny < 0.0:
            nx, ny = -nx, -ny  # toward the thigh's back: the shin's side
        past, shows = -math.inf, 0
        for (a, b), (wa, wb) in zip(
            itertools.pairwise(near.points), itertools.pairwise(near.widths), strict=True
        ):
            for k in range(21):
                t = k / 20
                c = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
                r = (wa + (wb - wa) * t) / 2
                for ux, uy in ((nx, ny), (-nx, -ny), (-ny, nx), (ny, -nx)):
                    q = (c[0] + ux * r, c[1] + uy * r)
                    gap = limbs_gap(Limb("q", (q, q), (0.0, 0.0), Layer.NEAR, False), thigh)
                    past = max(past, gap)
                    clear = limbs_gap(Limb("q", (q, q), (0.0, 0.0), Layer.NEAR, False), shin)
                    if gap >= 34.0 and clear >= 14.0:
                        shows += 1
                        assert (q[0] - hx) * nx + (q[1] - hy) * ny > 0.0, side  # its back
        assert shows > 0, (side, past)
        assert past <= 50.0, (side, past)
        far = next(limbs[f"hand_{q}"] for q in "lr" if limbs[f"hand_{q}"].layer != Layer.NEAR)
        assert limbs_gap(far, thigh) < 0.0 or limbs_gap(far, shin) < 0.0, side


def test_knee_to_chest_lets_the_hugged_shin_hang_relaxed_from_the_knee() -> None:
    """Held from behind the thigh, the lower leg hangs relaxed from the knee. Its shin was
    read as kicked up (round 29): bent 120 degrees with the thigh drawn in past upright, it
    pointed up and away from the knee, the foot some 19 degrees above it. With the moderate
    hug (the hip bent some 122 degrees, not 139) the knee bends at least 118 degrees (in the
    body) and the card draws the shin about level: from the knee toward the feet, within 6
    degrees above and 20 below the horizontal."""
    pose = pose_of("knee-to-chest")
    key = [k.name for k in pose.keys].index("knee hugged")
    assert (len(pose.keys) - 1 if pose.still is None else pose.still) == key
    p = key_body("knee-to-chest", key).points
    thigh, shin = sk.sub(p["knee_l"], p["hip_l"]), sk.sub(p["ankle_l"], p["knee_l"])
    cos = sum(a * b for a, b in zip(thigh, shin, strict=True)) / (
        math.hypot(*thigh) * math.hypot(*shin)
    )
    assert math.degrees(math.acos(cos)) >= 118.0
    drawing = still_drawing(pose, key)
    limbs = drawn_limbs(drawing)
    head = next(item for item in drawing.items if isinstance(item, Head))
    (kx, ky), (ax, ay) = limbs["shank_l"].points[0], limbs["shank_l"].points[-1]
    assert (ax - kx) * (head.center[0] - kx) < 0.0  # from the knee toward the feet
    slope = math.degrees(math.atan2(ay - ky, abs(ax - kx)))
    assert -20.0 <= slope <= 6.0, slope


def test_knee_to_chest_starts_with_both_knees_bent_and_the_feet_flat() -> None:
    """The start is lying on the back with both knees bent and the feet flat on the mat (the
    first step says so). A blind review read the start as legs barely bent: the knees bent
    50 degrees, the thighs 20 degrees off the mat. Each knee bends at least 70 degrees (in
    the body and as drawn, thigh against shin on the page), each foot rests flat on the mat,
    and through the hug the other foot stays on the mat. (At 93 degrees, until rv224, the
    other knee stood so high that the hugged foot was drawn on it: see
    test_knee_to_chest_draws_the_hugged_foot_clear_above_the_other_knee.)"""
    pose = pose_of("knee-to-chest")
    body = key_body("knee-to-chest", 0)
    p = body.points
    for s in "lr":
        thigh, shin = sk.sub(p[f"knee_{s}"], p[f"hip_{s}"]), sk.sub(p[f"ankle_{s}"], p[f"knee_{s}"])
        cos = sum(a * b for a, b in zip(thigh, shin, strict=True)) / (
            math.hypot(*thigh) * math.hypot(*shin)
        )
        assert math.degrees(math.acos(cos)) >= 70.0, s
        assert abs(p[f"heel_{s}"][1] - p[f"toe_{s}"][1]) <= 15.0, s  # the foot flat
    bottoms = scene.contact_bottoms(body, ["foot_l", "foot_r"])
    for name, bottom in bottoms.items():
        assert abs(bottom - scene.MAT_T) <= scene.CONTACT_TOLERANCE, name
    limbs = drawn_limbs(still_drawing(pose, 0))
    for s in "lr":
        assert 180.0 - drawn_angle(limbs[f"thigh_{s}"], limbs[f"shank_{s}"]) <= 110.0, s
    for moment in moments("knee-to-chest", 32):
        bottom = scene.contact_bottoms(moment, ["foot_r"])["foot_r"]
        assert abs(bottom - scene.MAT_T) <= scene.CONTACT_TOLERANCE


def test_knee_to_chest_starts_with_the_hands_resting_on_the_belly() -> None:
    """A blind review (physiotherapist) read the start's hands, lying on the mat by the sides
    of the hips, as a second pair of feet. The hands now rest on the belly, the elbows on the
    mat: each hand's middle lies within 8 cm of the belly's front and at least 15 cm above
    the mat, and as drawn each hand lies clear of the mat (its lowest point some 12 cm over
    the drawn feet's lowest), so nothing by the hips is drawn at the feet's level."""
    body = key_body("knee-to-chest", 0)
    p = body.points
    for s in "lr":
        hand = hand_middle(body, s)
        assert sk.dist(hand, p["belly"]) <= 80.0, s
        assert hand[1] - scene.MAT_T >= 150.0, s
    limbs = drawn_limbs(still_drawing(pose_of("knee-to-chest"), 0))
    floor = min(
        q[1] - w / 2
        for s in "lr"
        for q, w in zip(limbs[f"foot_{s}"].points, limbs[f"foot_{s}"].widths, strict=True)
    )
    for s in "lr":
        low = min(
            q[1] - w / 2
            for q, w in zip(limbs[f"hand_{s}"].points, limbs[f"hand_{s}"].widths, strict=True)
        )
        assert low - floor >= 100.0, (s, low - floor)


def test_knee_to_chest_draws_the_hugged_foot_clear_above_the_other_knee() -> None:
    """rv224: both blind card reviewers named the knee to chest's card "figure-4" (and the
    figure-4's "knee to chest"): the hugged shin, lying about level, ended right over the
    other knee, "the other shin lies level across that knee". On the card and in the
    hugged key of either side, the hugged foot is drawn at least 120 mm clear of the other
    leg (98 then) and its toes at least 90 mm nearer the head than the other knee (69
    then)."""
    pose = pose_of("knee-to-chest")
    cases = [("l", "r", still_drawing(pose))]
    cases.append(("r", "l", drawing_module._drawing(pose, _hugged_right(pose))))
    for hugged, other, drawing in cases:
        limbs = drawn_limbs(drawing)
        (head,) = [i for i in drawing.items if isinstance(i, Head)]
        foot = list(drawn_circles([limbs[f"foot_{hugged}"]]))
        leg = list(drawn_circles([limbs[f"thigh_{other}"], limbs[f"shank_{other}"]]))
        gap = min(math.dist(a[:2], b[:2]) - a[2] - b[2] for a in foot for b in leg)
        assert gap >= 120.0, (hugged, gap)
        toe, knee = limbs[f"foot_{hugged}"].points[-1], limbs[f"thigh_{other}"].points[-1]
        toward_head = 1.0 if head.center[0] > knee[0] else -1.0
        assert (toe[0] - knee[0]) * toward_head >= 90.0, hugged


def _hugged_right(pose: StretchPose) -> motion.Moment:
    k = motion.side_keys(pose, True)[1]
    return motion.Moment(k, k, 0.0, True)


@pytest.mark.parametrize("side", ["left", "right"])
def test_knee_to_chest_keeps_the_other_foot_planted_and_its_knee_bent(side: str) -> None:
    """A blind review (physiotherapist) saw the other foot slide "about two-thirds of a foot
    length" toward the feet and that knee straighten while the first knee came up (the foot
    slid some 18 cm, the knee opened from 93 to 51 degrees): against "keep the other foot
    relaxed on the floor", and people copy it. Through a whole repetition, on either side,
    the other foot stays where the start puts it (within 2 cm, in the body and as drawn),
    flat on the mat, and that knee keeps the start's bend (within 5 degrees)."""
    stretch = STRETCHES["knee-to-chest"]
    pose = pose_of("knee-to-chest")
    rep = rep_ms(stretch)
    o = "r" if side == "left" else "l"  # the other leg, the one that stays down
    joints = [f"{j}_{o}" for j in ("ankle", "heel", "ball", "toe")]
    first: tuple[list[sk.Vec], list[tuple[float, float]], float] | None = None
    for t in range(0, rep + 1, rep // 32):
        when = {"phase": PhaseKind.STRETCH, "elapsed_ms": t, "phase_ms": 60_000, "rep_ms": rep}
        body = body_at(pose, **when, side=side)[1].body
        p = body.points
        foot = [p[j] for j in joints]
        drawn = list(drawn_limbs(drawing_at(pose, **when, side=side))[f"foot_{o}"].points)
        thigh, shin = sk.sub(p[f"knee_{o}"], p[f"hip_{o}"]), sk.sub(p[f"ankle_{o}"], p[f"knee_{o}"])
        cos = sum(a * b for a, b in zip(thigh, shin, strict=True)) / (
            math.hypot(*thigh) * math.hypot(*shin)
        )
        bend = math.degrees(math.acos(cos))
        if first is None:
            first = (foot, drawn, bend)
        assert max(sk.dist(a, b) for a, b in zip(foot, first[0], strict=True)) <= 20.0, t
        assert max(math.dist(a, b) for a, b in zip(drawn, first[1], strict=True)) <= 20.0, t
        assert abs(bend - first[2]) <= 5.0, (t, bend, first[2])
        assert abs(p[f"heel_{o}"][1] - p[f"toe_{o}"][1]) <= 15.0, t  # flat
        bottom = scene.contact_bottoms(body, [f"foot_{o}"])[f"foot_{o}"]
        assert abs(bottom - scene.MAT_T) <= scene.CONTACT_TOLERANCE, t


# ---- glute bridge ---------------------------------------------------------------------------


def shin_from_upright(body: sk.Body, side: str) -> float:
    p = body.points
    shin = sk.sub(p[f"knee_{side}"], p[f"ankle_{side}"])
    return math.degrees(math.atan2(math.hypot(shin[0], shin[2]), shin[1]))


def test_glute_bridge_sets_the_feet_near_the_buttocks() -> None:
    """Feet flat and close to the buttocks: the shins lean less than 25 degrees from upright
    lying down and about upright (within 15) with the hips lifted."""
    down, up = key_body("glute-bridge", 0), key_body("glute-bridge", 1)
    for s in "lr":
        assert shin_from_upright(down, s) <= 25.0
        assert shin_from_upright(up, s) <= 15.0
        for body in (down, up):
            p = body.points
            assert abs(p[f"heel_{s}"][1] - p[f"toe_{s}"][1]) <= 15.0


def test_upper_back_roller_paints_the_glowing_chest_over_the_waist_on_both_sides() -> None:
    """In every moment of both sides the upper back's accent is painted after the pelvis and
    the waist, as on the left: the right side, straight from the side, once painted the grey
    waist and pelvis over the glowing chest, so its glow spread over them like a second body.
    (The accent is now its own band inside the chest, painted over the trunk: seen from
    above the feet's side, rv43, the nearer waist rightly overlaps the grey chest.)"""
    pose = pose_of("foam-roll-upper-back")
    for side, t, at in rolling_moments("foam-roll-upper-back"):
        drawing = drawing_module.drawing_at(pose, **at)
        order = [i.part for i in drawing.items if isinstance(i, Limb)]
        lit = [order.index(i.part) for i in drawing.items if isinstance(i, Limb) and i.highlight]
        assert lit, (side, t)
        assert min(lit) > order.index("waist") and min(lit) > order.index("pelvis"), (side, t)


def _top_at(outline: tuple[tuple[float, float], ...], x: float) -> float | None:
    """The top of a closed drawn outline at `x` (None where it does not reach)."""
    ys = [
        ay + (by - ay) * (x - ax) / (bx - ax)
        for (ax, ay), (bx, by) in zip(outline, (*outline[1:], outline[0]), strict=True)
        if (ax - x) * (bx - x) <= 0 and ax != bx
    ]
    return max(ys) if ys else None


def test_upper_back_roller_shows_the_mat_under_the_lifted_hips() -> None:
    """Blind reviews rv38 and rv40: seen from 22 degrees above, the buttocks (5 to 7 cm up)
    sat on the mat's far half in the picture, "the hips are not seen lifted", and a client
    may roll with them down. The body lifted between its feet and the roller casts a shadow
    band on the mat, in the card and every key: under the pelvis's lowest drawn point a strip
    of mat at least 70 mm of the body deep (5.5 px on a 160 px card) shows between the
    buttocks and the band (58 mm, with the hips 62 mm up, read as "resting on the mat", two
    blind physiotherapists); the band reaches on under the feet (they stand on it) and to
    the roller, which covers its end."""
    pose = pose_of("foam-roll-upper-back")
    for k in (None, *range(len(pose.keys))):
        drawing = still_drawing(pose, k)
        props = {i.kind: i for i in drawing.items if isinstance(i, Prop)}
        assert "shadow" in props, k
        shadow = props["shadow"].outline
        pelvis = drawn_limbs(drawing)["pelvis"]
        (x, y), w = min(
            zip(pelvis.points, pelvis.widths, strict=True), key=lambda pw: pw[0][1] - pw[1] / 2
        )
        top = _top_at(shadow, x)
        assert top is not None, k
        gap = y - w / 2 - top
        assert gap >= 70.0, (k, gap)
        x0, _, x1, _ = drawing.frame
        assert gap * 160 / (x1 - x0) >= 5.5, (k, gap)
        limbs = drawn_limbs(drawing)
        for s in "lr":
            heel = limbs[f"foot_{s}"].points[0]
            assert min(p[0] for p in shadow) <= heel[0] <= max(p[0] for p in shadow), (k, s)
        roller = props["roller"].outline
        rx = sum(p[0] for p in roller) / len(roller)
        end = max(shadow, key=lambda p: abs(p[0] - heel[0]))
        assert abs(end[0] - rx) <= scene.ROLLER_R, (k, end, rx)


def _bottom_at(limb: Limb, x: float) -> float | None:
    """The bottom of a drawn limb (a chain of round-capped segments) at `x`, or None."""
    ys = []
    for (ax, ay), (bx, by), wa, wb in zip(
        limb.points, limb.points[1:], limb.widths, limb.widths[1:], strict=False
    ):
        for k in range(21):
            cx, cy, r = (
                ax + (bx - ax) * k / 20,
                ay + (by - ay) * k / 20,
                (wa + (wb - wa) * k / 20) / 2,
            )
            if abs(x - cx) < r:
                ys.append(cy - math.sqrt(r * r - (x - cx) ** 2))
    return min(ys) if ys else None


def test_upper_back_roller_draws_the_lifted_buttocks_over_the_mats_back_edge() -> None:
    """Blind reviewers (physiotherapist role) read the hips as resting on the floor: "the
    body makes a V with the pelvis as its lowest point; the buttock touches the back edge of
    the mat": seen from 22 degrees above, the mat's far edge was drawn 7 to 11 mm (of the
    picture) above the buttocks' lowest point. Seen from 14 degrees above (16 and nearer the
    side since fr4: 34.5 mm over it), the whole drawn pelvis stands over the mat's back
    edge, in the card and every key. With the hips 62 mm up
    it was drawn 18 mm over it (1.5 px on the card, 4.4 px at 480x360) and two blind
    physiotherapists still saw the hips "resting on the mat": now at least 30 mm of the
    picture (2.4 px of a 160 px card, 7 px at 480) of bare background between them."""
    pose = pose_of("foam-roll-upper-back")
    for k in (None, *range(len(pose.keys))):
        drawing = still_drawing(pose, k)
        (mat,) = [i for i in drawing.items if isinstance(i, Prop) and i.kind == "mat"]
        pelvis = drawn_limbs(drawing)["pelvis"]
        xs = [x for x, _ in pelvis.points]
        half = max(pelvis.widths) / 2
        gaps = []
        for j in range(81):
            x = min(xs) - half + (max(xs) - min(xs) + 2 * half) * j / 80
            bottom, edge = _bottom_at(pelvis, x), _top_at(mat.outline, x)
            if bottom is not None and edge is not None:
                gaps.append(bottom - edge)
        assert gaps, k
        x0, _, x1, _ = drawing.frame
        gap = min(gaps)
        assert gap >= 30.0, (k, gap)
        assert gap * 160 / (x1 - x0) >= 2.4 and gap * 480 / (x1 - x0) >= 7.0, (k, gap)


def test_only_a_body_lifted_off_the_mat_between_feet_and_roller_casts_a_shadow() -> None:
    """No other bundled stretch draws a shadow: lying on the mat, sitting on a roller (the
    glutes' roll) or standing, the body rests where it is drawn."""
    for stretch_id in STRETCHES:
        pose = pose_of(stretch_id)
        for k in range(len(pose.keys)):
            kinds = {i.kind for i in still_drawing(pose, k).items if isinstance(i, Prop)}
            assert ("shadow" in kinds) == (stretch_id == "foam-roll-upper-back"), stretch_id
