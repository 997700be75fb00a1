"""What a blind reviewer (a physiotherapist) needs to name the seated, kneeling and standing
stretches for sure, measured on the posed body and on the still picture: a face and neck clear
of the arms, a crossed leg that reads as a "4", a spine that curves rather than tips, hands
that rest where the steps say."""

from __future__ import annotations

import dataclasses
import math

import pytest
from figure_bodies import (  # tests/core/figure_bodies.py
    STRETCHES,
    drawn_circles,
    key_body,
    pose_of,
    rolling_moments,
)

from stretchapp.core import drawing as drawing_module
from stretchapp.core.body import motion, scene
from stretchapp.core.body import skeleton as sk
from stretchapp.core.body.pose import StretchPose, Support
from stretchapp.core.drawing import (
    Drawing,
    Head,
    Item,
    Layer,
    Limb,
    Prop,
    card_pose,
    still_drawing,
)
from stretchapp.core.session import PhaseKind
from tests.figure_geometry import gap_2d, inside_polygon

Point = tuple[float, float]


def key_index(pose: StretchPose, name: str) -> int:
    return next(i for i, k in enumerate(pose.keys) if k.name == name)


def still_parts(stretch_id: str, key: int | None = None) -> tuple[dict[str, Limb], Head]:
    items = still_drawing(pose_of(stretch_id), key).items
    limbs = {item.part: item for item in items if isinstance(item, Limb)}
    head = next(item for item in items if isinstance(item, Head))
    return limbs, head


ARMS = tuple(f"{part}_{s}" for part in ("upper_arm", "forearm", "hand") for s in "lr")


# ---- on a chair ----------------------------------------------------------------------------

CHAIR_STRETCHES = sorted(
    sid for sid, s in STRETCHES.items() if s.pose is not None and s.pose.support is Support.CHAIR
)


@pytest.mark.parametrize("stretch_id", CHAIR_STRETCHES)
def test_a_chair_stretch_sits_near_the_front_of_the_seat_away_from_the_backrest(
    stretch_id: str,
) -> None:
    """The steps say "sit near the front of a steady chair" (or "sit tall"), but the seat
    bones sat 19 cm behind the drawn seat's front edge, at the back of a deep seat: now in
    every key they rest within 10 cm of the front edge (and at least 4 cm onto the seat),
    the back of the pelvis a hand's span (20 cm) clear of the backrest (a seat made shallower
    instead left the back drawn against it), and the feet flat under the knees."""
    pose = pose_of(stretch_id)
    for key in pose.keys:
        state, *_ = drawing_module._state(pose, motion.Moment(key, key, 0.0, False))
        body = state.placed.body
        chairs = [b for b in state.boxes if b.kind == "chair"]
        seat_box = max(chairs, key=lambda b: b.hi[0] - b.lo[0])
        backrest = max(chairs, key=lambda b: b.hi[1])
        seat, radius = scene.contact_point(body, "seat")
        assert abs(seat[1] - radius - seat_box.hi[1]) <= 5.0, key.name  # resting on it
        to_front = seat_box.hi[0] - seat[0]
        assert 40.0 <= to_front <= 100.0, (key.name, to_front)
        assert body.points["sacrum"][0] - backrest.hi[0] >= 200.0, key.name
        p = body.points
        for s in "lr":
            if "feet" in pose.contacts or f"foot_{s}" in pose.contacts:
                assert abs(p[f"ankle_{s}"][0] - p[f"knee_{s}"][0]) <= 60.0, (key.name, s)


# ---- seated figure-4 ------------------------------------------------------------------------


def test_seated_figure_4_card_shows_the_face_clear_of_the_arms() -> None:
    """The reviewer saw one dark hooded mass: seen from high above the head sank into the
    shoulders and the arms covered it. Seen from a little above, no arm crosses the face."""
    pose = pose_of("seated-figure-4")
    assert (pose.elevation or 0.0) <= 30.0
    for key in range(len(pose.keys)):
        limbs, head = still_parts("seated-figure-4", key)
        for part in ARMS:
            assert gap_2d(head.center, limbs[part]) >= head.radius, (key, part)
        # the head stands above the shoulders, not sunk between them
        top_of_shoulders = max(limbs[f"upper_arm_{s}"].points[0][1] for s in "lr")
        assert head.center[1] - head.radius * 0.5 > top_of_shoulders, key


GLOW_REACH = (0.2, 45.0)  # ui/figure.py: a stretched part glows a fifth of its width, ≤ 45 mm


def body_cover(items: tuple[Item, ...]) -> list[tuple[float, float, float]]:
    """The drawn body as circles (centre x, centre y, radius), a glowing part grown by its
    glow: whatever lies inside one is hidden from the viewer."""
    out = [(h.center[0], h.center[1], h.radius) for h in items if isinstance(h, Head)]
    for item in items:
        if isinstance(item, Limb):
            grow = min(GLOW_REACH[0] * max(item.widths), GLOW_REACH[1]) if item.highlight else 0.0
            out += [(x, y, r + grow) for x, y, r in drawn_circles([item])]
    return out


def uncovered_length(
    a: sk.Vec, b: sk.Vec, cam: sk.Mat, cover: list[tuple[float, float, float]]
) -> float:
    """How much of the room's segment a-b the picture shows clear of the body (mm)."""
    pa, pb = sk.apply(cam, a), sk.apply(cam, b)
    steps = 200
    clear = 0
    for i in range(steps):
        t = (i + 0.5) / steps
        q = (pa[0] + (pb[0] - pa[0]) * t, pa[1] + (pb[1] - pa[1]) * t)
        clear += all((q[0] - x) ** 2 + (q[1] - y) ** 2 > r * r for x, y, r in cover)
    return math.dist(pa[:2], pb[:2]) * clear / steps


def test_seated_figure_4_card_shows_the_seat_edge_and_the_chair_legs() -> None:
    """Round twenty-five's reviewers could not see where or how far forward to sit: seen
    from 12 degrees above, the seat was a sliver behind the body and its glowing buttock
    (its top showing as 9 % of its area), its front edge showing 43 to 52 mm and one front
    leg wholly behind the standing shin. Seen from a little higher (20 degrees), in each key
    the seat's front edge shows at least 60 mm clear of the body and its glow, its top at
    least 15 % of its area as the picture foreshortens it, and every chair leg at least
    60 % of its length."""
    pose = pose_of("seated-figure-4")
    for index, k in enumerate(pose.keys):
        state, az, el, _ = drawing_module._state(pose, motion.Moment(k, k, 0.0, False))
        cam = scene.camera(az, el)
        cover = body_cover(still_drawing(pose, index).items)
        chair = [b for b in state.boxes if b.kind == "chair"]
        seat = max(chair, key=lambda b: b.hi[0] - b.lo[0])
        (x0, _, z0), (x1, top, z1) = seat.lo, seat.hi
        edge = uncovered_length((x1, top, z0), (x1, top, z1), cam, cover)
        assert edge >= 60.0, (k.name, edge)
        # the seat's top: the share of it the picture shows, foreshortened by the view
        n = 24
        shown = sum(
            all(
                (q[0] - x) ** 2 + (q[1] - y) ** 2 > r * r
                for x, y, r in cover
                for q in [sk.apply(cam, (x0 + (x1 - x0) * (i + 0.5) / n, top, z))]
            )
            for i in range(n)
            for z in (z0 + (z1 - z0) * (j + 0.5) / n for j in range(n))
        ) / (n * n)
        assert shown * math.sin(math.radians(el)) >= 0.15, (k.name, shown)
        for leg in (b for b in chair if b.lo[1] == 0.0):
            mx, mz = (leg.lo[0] + leg.hi[0]) / 2, (leg.lo[2] + leg.hi[2]) / 2
            length = uncovered_length((mx, 0.0, mz), (mx, leg.hi[1], mz), cam, cover)
            assert length >= 0.6 * leg.hi[1] * math.cos(math.radians(el)), (k.name, length)


def test_seated_figure_4_sits_tall_then_leans_from_the_hips_with_a_long_back() -> None:
    pose = pose_of("seated-figure-4")
    tall = key_body("seated-figure-4", 0).frames
    lean = key_body("seated-figure-4", len(pose.keys) - 1).frames

    def forward(frame: sk.Mat) -> float:
        return math.degrees(math.asin(sk.apply(frame, (0.0, 1.0, 0.0))[0]))

    assert abs(forward(tall["chest"])) <= 3.0  # sitting tall
    assert forward(lean["chest"]) >= 12.0  # leaning forward
    # from the hips: the pelvis tips as far as the chest, the back stays long
    assert abs(forward(lean["pelvis"]) - forward(lean["chest"])) <= 3.0


def _angle(u: sk.Vec, v: sk.Vec) -> float:
    """The angle (degrees) between two unit vectors."""
    dot = sum(x * y for x, y in zip(u, v, strict=True))
    return math.degrees(math.acos(max(-1.0, min(1.0, dot))))


def _turn(a: sk.Mat, b: sk.Mat) -> float:
    """The angle (degrees) of the rotation that takes frame `a` to frame `b`."""
    trace = sum(sum(a[i][j] * b[i][j] for i in range(3)) for j in range(3))
    return math.degrees(math.acos(max(-1.0, min(1.0, (trace - 1.0) / 2.0))))


@pytest.mark.parametrize("key", [0, 1])
def test_seated_figure_4_leans_straight_forward_without_bend_or_twist(key: int) -> None:
    """Round 23's reviewers read the lean as a sideways lean or a twist toward the raised
    knee, the head turned away from the chest. In the body the lean is a pure forward hinge
    at the hips (what reads sideways is the three-quarter camera): the pelvis square to the
    room and level, no side bend and no twist anywhere in the back, and the head neither
    turned nor tilted on the neck (it may only nod)."""
    f = key_body("seated-figure-4", key).frames
    across = (0.0, 0.0, 1.0)
    assert _angle(sk.apply(f["pelvis"], across), across) <= 1.0
    for part in ("waist", "chest"):
        assert _turn(f["pelvis"], f[part]) <= 1.0, part  # a long straight back, square
    assert _angle(sk.apply(f["head"], across), sk.apply(f["chest"], across)) <= 1.0


def test_seated_figure_4_hinge_tips_the_back_clearly_forward() -> None:
    """At card size the trunk read as upright: the lean tips the whole back from the hips
    at least 20 degrees more than sitting tall."""
    pose = pose_of("seated-figure-4")
    tall = key_body("seated-figure-4", 0).frames["chest"]
    lean = key_body("seated-figure-4", len(pose.keys) - 1).frames["chest"]
    up = (0.0, 1.0, 0.0)
    assert _angle(sk.apply(lean, up), up) - _angle(sk.apply(tall, up), up) >= 20.0


def test_seated_figure_4_turns_the_crossed_knee_well_out_into_a_clear_4() -> None:
    """The crossed knee's turn-out looked small (the knee raised toward the chest, the ankle
    on the inside of the other thigh): sitting tall, the crossed thigh lies nearly level
    with the knee turned out to the side, the ankle rests on top of the other thigh, and on
    the card the crossed knee stands well out beside the supporting one, the crossed thigh
    level and the shin across, a clear "4"."""
    pose = pose_of("seated-figure-4")
    body = key_body("seated-figure-4", 0)
    p, f = body.points, body.frames
    v = sk.sub(p["knee_l"], p["hip_l"])
    up = sum(v[j] * f["pelvis"][j][1] for j in range(3))
    assert up <= 0.3 * sk.THIGH  # level, not up at the chest
    # the ankle on top of the supporting thigh, not on its inner side
    a, b = p["hip_r"], p["knee_r"]
    ab = sk.sub(b, a)
    t = sum(x * y for x, y in zip(sk.sub(p["ankle_l"], a), ab, strict=True)) / sum(
        x * x for x in ab
    )
    on = sk.add(a, sk.scale(ab, min(1.0, max(0.0, t))))
    assert p["ankle_l"][2] - on[2] >= -10.0 and p["ankle_l"][1] > on[1]
    for key in range(len(pose.keys)):
        limbs, _ = still_parts("seated-figure-4", key)
        crossed = limbs["thigh_l"].points
        # the crossed knee stands well clear of the trunk and of the supporting thigh (seen
        # from the supporting leg's side since round thirteen, the two knees no longer lie
        # side by side across the picture)
        knee = crossed[-1]
        parts = ("pelvis", "waist", "chest", "thigh_r")
        assert min(gap_2d(knee, limbs[p]) for p in parts) >= 0.5 * sk.THIGH, key
        (x0, y0), (x1, y1) = crossed[0], crossed[-1]
        # near level (seen from 12 degrees above and nearer the side, the level thigh going
        # off to the far side rises some 15 degrees in the picture)
        assert abs(math.degrees(math.atan2(y1 - y0, abs(x1 - x0)))) <= 18.0, key
        # (a deeply bent leg's shin is drawn through more points: its calf)
        (x0, y0), (x1, y1) = limbs["shank_l"].points[0], limbs["shank_l"].points[-1]
        assert abs(math.degrees(math.atan2(y1 - y0, abs(x1 - x0)))) <= 45.0, key  # across


def _crossed_ankle_on_thigh(key: int) -> tuple[sk.Vec, float, sk.Vec]:
    """The seated figure-4's crossed ankle in key `key`, how far it lies up the supporting
    thigh from the knee (along the thigh), and the point on the thigh's axis level with it."""
    p = key_body("seated-figure-4", key).points
    hip, knee, ankle = p["hip_r"], p["knee_r"], p["ankle_l"]
    thigh = sk.sub(knee, hip)
    length = math.sqrt(sum(x * x for x in thigh))
    along = sum(x * y for x, y in zip(sk.sub(ankle, hip), thigh, strict=True)) / length
    return ankle, length - along, sk.add(hip, sk.scale(thigh, along / length))


def test_seated_figure_4_rests_the_ankle_above_the_knee_and_the_far_arm_leaves_its_shoulder() -> (
    None
):
    """Round twelve's reviewers saw the crossed ankle resting on the kneecap (its centre 71 mm
    from the knee's, inside the knee's round end) and the far arm starting near the chin
    (seen from 25 degrees above, the far shoulder's round end rose to 10-23 mm under it).
    The ankle now lies on the thigh a hand's breadth above the knee, on top of it; and seen
    from a little lower, the far arm leaves its shoulder well below the chin, the two
    shoulders near level in the picture."""
    pose = pose_of("seated-figure-4")
    for key in range(len(pose.keys)):
        ankle, from_knee, on = _crossed_ankle_on_thigh(key)
        assert 110.0 <= from_knee <= 170.0, (key, from_knee)
        assert ankle[1] > on[1] and sk.dist(on, ankle) <= 110.0, key
        limbs, head = still_parts("seated-figure-4", key)
        far = min("lr", key=lambda s: limbs[f"upper_arm_{s}"].layer)
        near = "r" if far == "l" else "l"
        root, width = limbs[f"upper_arm_{far}"].points[0], limbs[f"upper_arm_{far}"].widths[0]
        chin = head.center[1] - head.radius
        assert chin - (root[1] + width / 2) >= 40.0, key
        # seen from nearer the side (round thirteen) the far shoulder, further off, sits a
        # little higher in the picture; still close to level with the near one
        assert root[1] - limbs[f"upper_arm_{near}"].points[0][1] <= 60.0, key


def test_seated_figure_4_rests_the_ankle_up_the_thigh_clear_of_the_kneecap() -> None:
    """A later blind review still saw "the ankle rests on the kneecap": the ankle lay
    111 mm up the thigh from the knee's centre, 116 mm from the kneecap and 17 mm above the
    thigh's axis, and in the picture its outline came within 20 mm of the knee's round end,
    the foot lying over the knee. The ankle now rests on top of the thigh just above the
    knee: at least 130 mm up the thigh from the knee and from the kneecap, at least 20 mm
    above the thigh's axis, and drawn at least 40 mm clear of the knee's round end (more
    than a shin's width): it reads as on the thigh, not on the knee."""
    pose = pose_of("seated-figure-4")
    for key in range(len(pose.keys)):
        ankle, from_knee, on = _crossed_ankle_on_thigh(key)
        assert from_knee >= 130.0, (key, from_knee)
        assert sk.dist(key_body("seated-figure-4", key).points["kneecap_r"], ankle) >= 130.0, key
        assert ankle[1] - on[1] >= 20.0, (key, ankle[1] - on[1])
        limbs, _ = still_parts("seated-figure-4", key)
        supporting, shin = limbs["thigh_r"], limbs["shank_l"]
        gap = (
            math.dist(supporting.points[-1], shin.points[-1])
            - supporting.widths[-1] / 2
            - shin.widths[-1] / 2
        )
        assert gap >= 40.0, (key, gap)


def test_seated_figure_4_shows_the_ankle_on_top_of_a_long_supporting_thigh() -> None:
    """Round thirteen's reviewers saw the crossed ankle drawn under and through the near knee,
    the near thigh short (pointing at the viewer) and the figure perched in front of a hidden
    seat; seen from the supporting leg's side, the next reviewer read the crossed thigh as
    coming out of the belly and the pose as a knee hug. From 40 to 60 degrees round, the "4"
    lies across the picture and the supporting thigh shows at least 65 % of its length; the
    crossed shin and foot are painted over the supporting thigh and its
    shin (the foot is nearer the camera than that knee), the ankle on the thigh's upper half
    in the picture and the foot's middle not below the thigh's centre line, the near knee itself
    uncovered."""
    pose = pose_of("seated-figure-4")
    for key in range(len(pose.keys)):
        items = still_drawing(pose, key).items
        limbs = {item.part: item for item in items if isinstance(item, Limb)}
        thigh = limbs["thigh_r"]
        (ax, ay), (bx, by) = thigh.points[0], thigh.points[-1]
        length = math.hypot(bx - ax, by - ay)
        assert length >= 0.65 * sk.THIGH, key
        for part in ("shank_l", "foot_l"):
            for under in ("thigh_r", "shank_r"):
                assert items.index(limbs[part]) > items.index(limbs[under]), (key, part, under)
        # the picture's up side of the thigh's centre line
        nx, ny = -(by - ay) / length, (bx - ax) / length
        if ny < 0:
            nx, ny = -nx, -ny

        def above(
            q: Point, ax: float = ax, ay: float = ay, nx: float = nx, ny: float = ny
        ) -> float:
            return (q[0] - ax) * nx + (q[1] - ay) * ny

        ankle = limbs["shank_l"].points[-1]
        assert 0.0 <= above(ankle) <= thigh.widths[-1] / 2, key
        foot = limbs["foot_l"]
        # (on or above the centre line, within a tenth of the thigh's width)
        assert above(foot.points[len(foot.points) // 2]) >= -0.1 * thigh.widths[-1], key
        assert gap_2d(thigh.points[-1], foot) >= 0.0, key  # the near knee shows


def test_seated_figure_4_card_shows_the_lean_the_supporting_thigh_and_the_crossed_foot() -> None:
    """Round seventeen's reviewers saw almost no forward lean between the keys (the torso
    moved some 20 px; seen from 30 degrees round from the front, a lean toward the camera
    hardly shows) and, on the card, a stub of a supporting thigh with the crossed foot fused
    into its knee. Seen from 40 degrees round from the front, the back tips 23 degrees from
    the hips: its drawn line turns at least 12 degrees between the keys; on the card the
    supporting thigh shows at least 60 % of its length, and the flexed crossed foot reaches
    over that knee (past its centre until the ankle moved up the thigh, away from the
    kneecap), its toes clear of the supporting leg's outline."""
    pose = pose_of("seated-figure-4")

    def trunk_angle(key: int) -> float:
        limbs, _ = still_parts("seated-figure-4", key)
        (ax, ay), (bx, by) = limbs["pelvis"].points[0], limbs["chest"].points[-1]
        return math.degrees(math.atan2(bx - ax, by - ay))

    assert abs(trunk_angle(len(pose.keys) - 1) - trunk_angle(0)) >= 12.0
    limbs, _ = still_parts("seated-figure-4")
    thigh = limbs["thigh_r"]
    (ax, ay), (bx, by) = thigh.points[0], thigh.points[-1]
    length = math.hypot(bx - ax, by - ay)
    assert length >= 0.6 * sk.THIGH
    toe = limbs["foot_l"].points[-1]
    past_knee = ((toe[0] - bx) * (bx - ax) + (toe[1] - by) * (by - ay)) / length
    # (with the ankle a hand's breadth up the thigh, clear of the kneecap, the toes reach
    # over the knee's round end rather than past its centre)
    assert past_knee >= -0.25 * thigh.widths[-1], past_knee
    clear = min(gap_2d(toe, thigh), gap_2d(toe, limbs["shank_r"]))
    assert clear >= 10.0, clear


# ---- standing back bend ---------------------------------------------------------------------


def first_index(items: tuple[object, ...], part: str) -> int:
    return next(i for i, item in enumerate(items) if getattr(item, "part", None) == part)


def test_standing_back_bend_card_shows_the_elbows_back_and_the_hands_on_the_back() -> None:
    """At card size the hands on the low back were a 3 px bump: an elbow now stands out
    behind the back, clear of the trunk, and both hands show (painted over the trunk or
    clear of it), at every key."""
    pose = pose_of("standing-back-extension")
    for key in range(len(pose.keys)):
        items = still_drawing(pose, key).items
        limbs = {item.part: item for item in items if isinstance(item, Limb)}
        trunk = [limbs[p] for p in ("pelvis", "waist", "chest")]
        elbows = [limbs[f"forearm_{s}"].points[0] for s in "lr"]
        clear = max(min(gap_2d(e, t) for t in trunk) for e in elbows)
        assert clear >= 0.06 * sk.H, key
        last_trunk = max(items.index(t) for t in trunk)
        for s in "lr":
            hand = limbs[f"hand_{s}"]
            shown = items.index(hand) > last_trunk
            assert shown or min(gap_2d(hand.points[-1], t) for t in trunk) > 0.0, (key, s)


def test_standing_back_bend_arches_the_low_back_on_soft_knees_head_in_line_hands_on_it() -> None:
    """The lean back was a stiff block over bent knees with the head tipped back: now the
    low back arches, the knees stay soft (a small bend, not locked), the head follows the
    chest with the chin a little in (the face gently up, never to the ceiling), the near
    hand lies flat on the low back (just behind its surface), and a floor line shows under
    the feet in every key."""
    pose = pose_of("standing-back-extension")
    lean = key_index(pose, "leaning back")
    body = key_body("standing-back-extension", lean)
    f, p = body.frames, body.points
    assert tilt_between(f["pelvis"], f["chest"]) >= 24.0  # the back arches
    # soft knees: a stiff lean over bent knees read as squatting, eleven degrees still
    # read as "bend the knees, lean back" (round thirteen) and six, with the hips 12 cm
    # forward, as leaning back from the knees (round seventeen); two read as locked (round
    # 22), and so did 5.5 (bb2's review): nine, with the hips over the feet
    for s in "lr":
        assert 5.0 <= tilt_between(f[f"thigh_{s}"], f[f"shank_{s}"]) <= 10.0, s
    # the gaze only a little up: a head tipped back while standing is a dizziness and fall
    # risk for older people (round thirteen's reviewers, 22 degrees), but a neck bent
    # forward to keep the face level off a chest leaning back read, at card size, as the
    # bend being in the neck with the face tipped up (round 28's, at 27 degrees): the head
    # follows the chest (test_standing_back_bend_shows_no_desk_and_keeps_the_head_in_line)
    # on a gentler lean
    face = math.degrees(math.asin(sk.apply(f["head"], (1.0, 0.0, 0.0))[1]))
    assert 0.0 <= face <= 20.0
    # the near hand in the waist's own frame: just behind the back's surface, at its height
    waist = f["waist"]
    d = sk.sub(sk.scale(sk.add(p["wrist_l"], p["fingers_l"]), 0.5), p["lumbar"])
    back, along = (sum(d[j] * waist[j][c] for j in range(3)) for c in (0, 1))
    assert -0.058 * sk.H - 40.0 <= back <= -0.058 * sk.H and 0.0 <= along <= sk.WAIST_SEG
    for key in range(len(pose.keys)):
        items = still_drawing(pose, key).items
        assert any(getattr(item, "kind", None) == "floor" for item in items), key


def test_standing_back_bend_curves_through_the_low_back_rather_than_tipping() -> None:
    """Round twelve's reviewers saw the lean as a rigid tilt of the whole body, with no
    curve in the low back, and the card could read as leaning forward: the arch sat in one
    kink at the bottom of the waist (25 of its 30 degrees). It is now spread over both ends
    of the waist, neither carrying more than about 60 % of it, so the trunk bends in a
    curve; the hips are a little in front of the feet's middle and the head behind it."""
    pose = pose_of("standing-back-extension")
    body = key_body("standing-back-extension", key_index(pose, "leaning back"))
    f, p = body.frames, body.points
    low, high = tilt_between(f["pelvis"], f["waist"]), tilt_between(f["waist"], f["chest"])
    assert low + high >= 24.0
    # the low back leads (round thirteen saw a hump at the upper back), the upper back
    # still follows so it is a curve, not one kink
    assert high <= low <= 0.7 * (low + high), (low, high)
    feet = sum(p[f"{end}_{s}"][0] for end in ("heel", "toe") for s in "lr") / 4
    # the hips eased forward, over the feet's middle: the body bends at the low back rather
    # than leaning back from the ankles (round thirteen's reviewers), but only a little:
    # pushed 12 cm forward over bent knees it read as leaning back from the knees (round
    # seventeen's), 5 cm ahead of the feet's middle as "hips pushed forward" (round 22's),
    # 2 cm as "the hips not pushed forward" (round 28's)
    assert -10.0 <= p["hip_c"][0] - feet <= 45.0  # the figure faces +x
    assert p["head"][0] - feet <= -50.0


def back_hollow(trunk: list[Limb], back: float, top: float | None = None) -> float:
    """How deep the drawn trunk's back outline curves in (mm): the most its outline, traced
    from the bottom of the pelvis to the top of the chest (or up to the height `top`), lies
    in front of a straight line touching it at two heights. `back` is +1 when the back faces
    +x in the picture."""
    y0, y1 = trunk[0].points[0][1], trunk[-1].points[-1][1] if top is None else top
    ys = [y0 + (y1 - y0) * k / 40 for k in range(41)]
    xs = []
    for y in ys:
        edge = max(
            (
                back * cx + math.sqrt(r * r - (y - cy) ** 2)
                for cx, cy, r in drawn_circles(trunk)
                if abs(y - cy) <= r
            ),
            default=-math.inf,
        )
        xs.append(edge)
    deepest = 0.0
    for i in range(1, 40):
        for a in range(i):
            for b in range(i + 1, 41):
                chord = xs[a] + (xs[b] - xs[a]) * (ys[i] - ys[a]) / (ys[b] - ys[a])
                deepest = max(deepest, chord - xs[i])
    return deepest


def _leaning_back() -> tuple[dict[str, Limb], float]:
    """The standing back bend's leaning-back key as drawn, and which way its back faces on
    the page (1.0: toward +x)."""
    pose = pose_of("standing-back-extension")
    limbs, _ = still_parts("standing-back-extension", key_index(pose, "leaning back"))
    (bx, _), (tx, _) = limbs["nose"].points
    return limbs, 1.0 if tx < bx else -1.0  # the face looks the other way


def _lean(limb: Limb) -> float:
    """A drawn limb's lean from upright on the page, degrees."""
    (x0, y0), (x1, y1) = limb.points[0], limb.points[-1]
    return math.degrees(math.atan2(x1 - x0, y0 - y1))


def test_standing_back_bend_bends_in_the_drawn_back_on_near_straight_legs() -> None:
    """Round seventeen's reviewers saw, leaning back, the knees bent and the hips thrust
    forward with a straight back: leaning back from the knees, a balance risk for older
    people (the drawn shins leaned 20 degrees, the thighs 6, the hips 15 cm ahead of the
    feet). Now, in the picture, each knee is soft but nearly straight (drawn thigh and shin
    6 to 13 degrees apart: round 22's reviewers read 5 as locked, bb2's 9 too), the hips only
    a little ahead of the feet's middle, and the drawn back outline curves in at the low
    back by at least 3 cm."""
    limbs, back = _leaning_back()
    for s in "lr":
        assert 6.0 <= _lean(limbs[f"shank_{s}"]) - _lean(limbs[f"thigh_{s}"]) <= 13.0, s
    feet = [x for s in "lr" for x, _ in limbs[f"foot_{s}"].points]
    ahead = (sum(feet) / len(feet) - limbs["thigh_l"].points[0][0]) * back
    assert ahead <= 80.0, ahead
    trunk = [limbs[p] for p in ("pelvis", "waist", "chest")]
    assert back_hollow(trunk, back) >= 30.0


def test_standing_back_bend_points_both_elbows_back_with_the_arms_following_the_trunk() -> None:
    """Both elbows point back, close to the body (not out to the side, where from behind the
    near one showed as a short arm hanging at the waist), and the upper arms lean with the
    trunk: in the chest's own frame each elbow sits behind the shoulder, a little out, in
    every key; the hands lie on the back with the fingers pointing down."""
    pose = pose_of("standing-back-extension")
    for key in range(len(pose.keys)):
        body = key_body("standing-back-extension", key)
        f, p = body.frames, body.points
        for s in "lr":
            d = sk.sub(p[f"elbow_{s}"], p[f"shoulder_{s}"])
            back, down, out = (sum(d[j] * f["chest"][j][c] for j in range(3)) for c in (0, 1, 2))
            assert back <= -0.09 * sk.H, (key, s, back)
            assert abs(out) <= 0.1 * sk.H, (key, s, out)
            assert down <= -0.07 * sk.H, (key, s, down)
            tip = sk.sub(p[f"fingers_{s}"], p[f"wrist_{s}"])
            assert sum(tip[j] * f["waist"][j][1] for j in range(3)) < -0.02 * sk.H, (key, s)


def test_standing_back_bend_shows_both_elbows_back_and_both_hands_on_the_back() -> None:
    """Seen from well behind the side, the near elbow pointed down over the trunk and the
    near hand sat at the side of the hip: in every key both elbows now stand out behind the
    back in the picture, and both hands lie at the back edge of the low back, fingers down."""
    pose = pose_of("standing-back-extension")
    for key in range(len(pose.keys)):
        limbs, _ = still_parts("standing-back-extension", key)
        trunk = [limbs[p] for p in ("pelvis", "waist", "chest")]
        (bx, _), (tx, _) = limbs["nose"].points
        back = 1.0 if tx < bx else -1.0  # the face looks the other way

        def behind(q: Point, limb: Limb, back: float = back) -> float:
            """How far q lies behind the limb's centre line, toward the back (mm)."""
            mid = sum(x for x, _ in limb.points) / len(limb.points)
            return (q[0] - mid) * back

        waist = limbs["waist"]
        for s in "lr":
            elbow = limbs[f"forearm_{s}"].points[0]
            assert min(gap_2d(elbow, t) for t in trunk) >= 0.04 * sk.H, (key, s)
            assert behind(elbow, waist) >= 0.1 * sk.H, (key, s)
            hand = limbs[f"hand_{s}"]
            middle = hand.points[len(hand.points) // 2]
            # on the back half of the low back, touching its edge, not beside the hip
            assert behind(middle, waist) >= 0.4 * sk.TRUNK_DEPTH[1] / 2, (key, s)
            assert min(gap_2d(middle, t) for t in trunk) <= 0.02 * sk.H, (key, s)
            low = min(y for _, y in waist.points) - 0.03 * sk.H
            assert low <= middle[1] <= max(y for _, y in waist.points), (key, s)
            assert hand.points[-1][1] < hand.points[0][1], (key, s)  # fingers down


def test_standing_back_bend_near_elbow_points_back_as_a_clear_v() -> None:
    """A physiotherapist's blind review saw the near arm as "a straight bar to the flank with
    no elbow pointing back": its elbow stood 70 to 81 mm (its joint's middle) off the drawn
    trunk, inside the far arm's grey, and its forearm, turned toward the spine, was drawn a
    96 to 126 mm stub. In every key the near elbow now stands at least 85 mm off the trunk
    and the forearm down to the hand on the back is drawn at least 136 mm long, so the arm
    reads as a V with its point behind the back."""
    pose = pose_of("standing-back-extension")
    for key in range(len(pose.keys)):
        limbs, _ = still_parts("standing-back-extension", key)
        trunk = [limbs[p] for p in ("pelvis", "waist", "chest")]
        (elbow, *_, wrist) = limbs["forearm_l"].points
        assert min(gap_2d(elbow, t) for t in trunk) >= 0.05 * sk.H, key
        assert math.dist(elbow, wrist) >= 0.08 * sk.H, key


def test_standing_back_bend_hands_lie_open_on_the_back_fingers_down() -> None:
    """A physiotherapist's blind review (bb3) saw the hands on the back as "fists with no
    fingers", in the middle of the side of the waist: the near hand's fingers pointed across
    the back toward the spine, so it was drawn foreshortened, 120 and 98 mm from the wrist
    to its round end, 18 and 12 degrees off straight down, at its true size (61 mm across),
    half under the forearm's end. In every key each hand is now drawn an open mitten, as a
    hand on the floor is: at least 0.045 H across the palm (78 mm), and the near one reaches
    at least 0.08 H from the wrist to its fingers' round end (164 and 154 mm), pointing down
    the back within 10 degrees of straight down (7 and 2), painted over the near leg (a hand
    painted between the thigh and the shin cut a line across the knee)."""
    pose = pose_of("standing-back-extension")
    for key in range(len(pose.keys)):
        items = still_drawing(pose, key).items
        limbs = {item.part: item for item in items if isinstance(item, Limb)}
        for s in "lr":
            assert max(limbs[f"hand_{s}"].widths) >= 0.045 * sk.H, (key, s)
        hand = limbs["hand_l"]
        (wx, wy), (fx, fy) = hand.points[0], hand.points[-1]
        reach = math.hypot(fx - wx, fy - wy) + hand.widths[-1] / 2
        assert reach >= 0.08 * sk.H, (key, reach)
        assert abs(math.degrees(math.atan2(fx - wx, wy - fy))) <= 10.0, key
        leg = [items.index(limbs[f"{p}_l"]) for p in ("foot", "shank", "thigh")]
        assert items.index(hand) > max(leg), key


def test_standing_back_bend_card_leans_the_shoulders_well_behind_the_hips() -> None:
    """Round 21's reviewers saw barely any bend on the card ("a person standing with hands on
    the lower back"): the shoulders stood 15 cm behind the hips, the line between them 18
    degrees from upright; round 22's found 20 cm (25 degrees) too large for an acute spasm.
    In the card's picture the shoulders (where the upper arms leave the trunk) now stand 16
    to 18 cm behind the hips (where the thighs leave it), the line between them leaning back
    19 degrees or more; the spine arches within the gentle 30 degrees."""
    pose = pose_of("standing-back-extension")
    items = still_drawing(pose).items
    limbs = {item.part: item for item in items if isinstance(item, Limb)}
    (bx, _), (tx, _) = limbs["nose"].points
    back = 1.0 if tx < bx else -1.0  # the face looks the other way
    shoulder = [sum(limbs[f"upper_arm_{s}"].points[0][c] for s in "lr") / 2 for c in (0, 1)]
    hip = [sum(limbs[f"thigh_{s}"].points[0][c] for s in "lr") / 2 for c in (0, 1)]
    behind, up = (shoulder[0] - hip[0]) * back, shoulder[1] - hip[1]
    # round 29: the head in line with a chest leaning 24 degrees back (not 29 with the neck
    # bent forward), seen 20 degrees off the side (the feet apart): some 12.5 cm drawn
    assert 120.0 <= behind <= 180.0, behind
    assert math.degrees(math.atan2(behind, up)) >= 15.0
    still = len(pose.keys) - 1 if pose.still is None else pose.still
    f = key_body("standing-back-extension", still).frames
    assert tilt_between(f["pelvis"], f["chest"]) <= 30.0


def test_standing_back_bend_hands_on_the_back_outline_head_upright_spine_leading() -> None:
    """Round 22's reviewers saw, at full size, the hands sunk some 2 cm into the body outline
    (the supporting-hands cue lost), the head thrown back on the card (the face 10 degrees
    up: a dizziness and fall risk) and the lean coming partly from the hips (the pelvis
    tipped back 13 degrees on the thighs). Now in every drawn moment of a repetition, on
    both sides, each hand's middle lies on the drawn back's outline at its height (at most
    3 mm inside it, at most 2 cm out), and the face looks level (within 5 degrees); leaning
    back, the spine's arch carries the lean (at least half of the chest's tilt) and the
    hips open at most a third as much as the spine arches."""
    stretch = STRETCHES["standing-back-extension"]
    pose = pose_of("standing-back-extension")
    rep = stretch.tempo * 1000
    for side in ("left", "right"):
        for t in range(0, rep + 1, rep // 16):
            when = {
                "phase": PhaseKind.STRETCH,
                "elapsed_ms": t,
                "phase_ms": 60_000,
                "rep_ms": rep,
                "side": side,
            }
            items = drawing_module.drawing_at(pose, **when).items  # type: ignore[arg-type]
            limbs = {item.part: item for item in items if isinstance(item, Limb)}
            trunk = [limbs[p] for p in ("pelvis", "waist", "chest")]
            (bx, _), (tx, _) = limbs["nose"].points
            back = 1.0 if tx < bx else -1.0  # the face looks the other way
            for s in "lr":
                points = limbs[f"hand_{s}"].points
                x = sum(q[0] for q in points) / len(points)
                y = sum(q[1] for q in points) / len(points)
                edge = max(
                    back * cx + math.sqrt(r * r - (y - cy) ** 2)
                    for cx, cy, r in drawn_circles(trunk)
                    if abs(y - cy) <= r
                )
                # seen 20 degrees off the side the far hand shows a little past the back
                assert -3.0 <= back * x - edge <= 35.0, (side, t, s, back * x - edge)
            _, placed = drawing_module.body_at(pose, **when)  # type: ignore[arg-type]
            gaze = sk.apply(placed.body.frames["head"], (1.0, 0.0, 0.0))[1]
            # level or a little up, the head following the chest (round 29)
            assert -5.0 <= math.degrees(math.asin(gaze)) <= 20.0, (side, t)
    f = key_body("standing-back-extension", key_index(pose, "leaning back")).frames
    spine = tilt_between(f["pelvis"], f["chest"])
    chest = math.degrees(math.acos(sk.apply(f["chest"], (0.0, 1.0, 0.0))[1]))
    assert spine >= 0.5 * chest
    for s in "lr":
        assert tilt_between(f[f"thigh_{s}"], f["pelvis"]) <= spine / 3, s


def test_standing_back_bend_starts_standing_tall() -> None:
    """The start looked slightly slumped (soft knees and hips, the head forward): standing
    tall, the legs are straight and upright, the ears over the shoulders over the hips, the
    chin level."""
    body = key_body("standing-back-extension", 0)
    f, p = body.frames, body.points
    up = (0.0, 1.0, 0.0)
    for s in "lr":
        assert tilt_between(f[f"thigh_{s}"], f[f"shank_{s}"]) <= 2.0, s
        assert abs(math.degrees(math.asin(sk.apply(f[f"thigh_{s}"], up)[0]))) <= 2.0, s
    shoulder = (p["shoulder_l"][0] + p["shoulder_r"][0]) / 2
    hip = (p["hip_l"][0] + p["hip_r"][0]) / 2
    ear = p["head"][0] - 0.01 * sk.H  # the ear sits a little behind the head's middle
    assert abs(ear - shoulder) <= 25.0 and abs(shoulder - hip) <= 25.0
    assert abs(math.degrees(math.asin(sk.apply(f["head"], up)[0]))) <= 6.0


def test_standing_back_bend_leans_back_without_a_hump_behind_the_neck() -> None:
    """Blind reviewers (physiotherapists) read the lean back as stooped: "the upper back is
    drawn as a rounded hump, with the head and neck sitting forward of it". The chest's round
    top (its depth across, centred on the neck's base) rose 88 mm above the neck's base
    behind the neck. Leaning back it now rises at most 60 mm, so the trunk ends at the
    shoulders with the head on a neck above them, the head's middle over the shoulders or
    behind them (never in front); standing tall keeps its full shoulders (at least 75 mm)."""
    pose = pose_of("standing-back-extension")

    def top_and_head(key: int) -> tuple[float, float]:
        limbs, head = still_parts("standing-back-extension", key)
        (bx, _), (tx, _) = limbs["nose"].points
        back = 1.0 if tx < bx else -1.0  # the face looks the other way
        trunk = [limbs[p] for p in ("pelvis", "waist", "chest")]
        top = max(cy + r for _, cy, r in drawn_circles(trunk)) - limbs["neck"].points[0][1]
        shoulder = sum(limbs[f"upper_arm_{s}"].points[0][0] for s in "lr") / 2
        return top, (head.center[0] - shoulder) * back

    top, behind = top_and_head(key_index(pose, "leaning back"))
    assert top <= 60.0, top
    assert 0.0 <= behind <= 50.0, behind
    top, _ = top_and_head(key_index(pose, "standing tall"))
    assert top >= 75.0, top


def test_standing_back_bend_leans_in_the_back_not_by_pushing_the_hips_forward() -> None:
    """The same reviewers: "much of the lean comes from the hips moving forward, and the far
    knee is slightly bent; older users may copy this as a hip-thrust with bent knees" (the
    hips drawn 48 mm ahead of the feet's middle, each knee 11 degrees). A later review (bb2)
    saw the knees, drawn 9 degrees, as locked: the soft knee is kept by the hips standing
    over the feet, not ahead of them. In the picture the hips now stand at most 15 mm ahead
    of the feet's middle (7: the thighs slope back from the knees to the hips) and each knee
    bends at most 13 degrees (still soft:
    test_standing_back_bend_bends_in_the_drawn_back_on_near_straight_legs), the shoulders
    still well behind the hips."""
    limbs, back = _leaning_back()
    for s in "lr":
        assert _lean(limbs[f"shank_{s}"]) - _lean(limbs[f"thigh_{s}"]) <= 13.0, s
    feet = [x for s in "lr" for x, _ in limbs[f"foot_{s}"].points]
    hips = sum(limbs[f"thigh_{s}"].points[0][0] for s in "lr") / 2
    assert (sum(feet) / len(feet) - hips) * back <= 15.0
    # the near thigh slopes back up from the knee to the hip (the knee a little ahead):
    # soft knees under hips kept back over the feet (5.5 degrees of knee bend drew the
    # thigh upright, 1.8 degrees, and read as locked)
    assert -_lean(limbs["thigh_l"]) * back >= 3.0, _lean(limbs["thigh_l"])
    shoulders = sum(limbs[f"upper_arm_{s}"].points[0][0] for s in "lr") / 2
    assert (shoulders - hips) * back >= 120.0


def test_standing_back_bend_shows_the_feet_apart() -> None:
    """bb2's blind reviewer (physiotherapist) saw the feet close together: seen 20 degrees
    off the side and 8 above, the far foot was drawn 46 mm above the near one, mostly hidden
    behind its heel. Seen from 11 degrees above, in every key the far ankle is drawn at
    least 0.035 H above the near one (63 mm) and 0.06 H behind it, so the far foot shows
    whole on the floor beside the near one."""
    pose = pose_of("standing-back-extension")
    for key in range(len(pose.keys)):
        limbs, _ = still_parts("standing-back-extension", key)
        (bx, _), (tx, _) = limbs["nose"].points
        back = 1.0 if tx < bx else -1.0  # the face looks the other way
        near, far = (limbs[f"shank_{s}"].points[-1] for s in "lr")
        assert far[1] - near[1] >= 0.035 * sk.H, key
        assert (far[0] - near[0]) * back >= 0.06 * sk.H, key


def test_standing_feet_are_drawn_adult_sized_with_an_instep() -> None:
    """Standing, the feet were thin sticks at the height of the sole and read as tiny: each
    foot is drawn from heel to toes about 0.15 of the body's height long, and filled up to
    the ankle (an instep), so it shows at card size."""
    for stretch_id in ("standing-back-extension", "standing-side-bend"):
        pose = pose_of(stretch_id)
        limbs, _ = still_parts(stretch_id, 0)
        for s in "lr":
            foot = limbs[f"foot_{s}"]
            top = max(y + w / 2 for (_, y), w in zip(foot.points, foot.widths, strict=True))
            # up to the drawn ankle (the shin's end: a camera a little above the floor
            # shifts the picture's heights from the room's)
            ankle = limbs[f"shank_{s}"].points[-1][1]
            assert top >= ankle + 0.01 * sk.H, (stretch_id, s)
        # seen from the side, the near foot's drawn length
        if pose.view.value == "side":
            foot = max((limbs[f"foot_{s}"] for s in "lr"), key=lambda limb: limb.layer)
            xs = [
                x + k * w / 2
                for (x, _), w in zip(foot.points, foot.widths, strict=True)
                for k in (-1, 1)
            ]
            assert max(xs) - min(xs) >= 0.14 * sk.H, stretch_id


def test_lower_back_rotation_shows_the_trunk_long_and_the_knees_over_the_mat() -> None:
    """The trunk was drawn at about half its length (a head on the hips) and the far knee
    went past the mat's edge: the trunk shows most of its length and the dropped knees stay
    above the mat. (Seen from the feet end, the knees now travel across the picture as they
    go over: test_figure_lying checks that travel.)"""
    pose = pose_of("lower-back-rotation")
    for key in range(len(pose.keys)):
        items = still_drawing(pose, key).items
        limbs = {item.part: item for item in items if isinstance(item, Limb)}
        head = next(item for item in items if isinstance(item, Head))
        hip = limbs["thigh_l"].points[0]
        body = key_body("lower-back-rotation", key).points
        assert math.dist(head.center, hip) >= 0.7 * sk.dist(body["head"], body["hip_l"]), key
        if key == len(pose.keys) - 1:
            # held part of the way down, above the mat's edge, not out over the floor (seen
            # from the side they fall away from, a raised knee shows just beyond that edge)
            assert all(abs(body[f"knee_{s}"][2] - body["hip_c"][2]) <= 360.0 for s in "lr")


# ---- child's pose ---------------------------------------------------------------------------


def test_childs_pose_card_shows_the_head_clear_of_the_near_arm() -> None:
    """The head was a small grey fin under the arms: seen from a little in front and above,
    the near arm passes below it in the picture and most of the head shows."""
    pose = pose_of("childs-pose")
    still = len(pose.keys) - 1 if pose.still is None else pose.still
    limbs, head = still_parts("childs-pose", still)
    near = [limbs[p] for p in ARMS if limbs[p].layer == max(limbs[q].layer for q in ARMS)]
    assert near
    for limb in near:
        assert gap_2d(head.center, limb) >= 0.5 * head.radius, limb.part
    # the forehead rests on the mat
    assert "forehead" in (pose.keys[still].contacts or pose.contacts)


def test_childs_pose_reaches_the_arms_straight_ahead_along_the_mat() -> None:
    """The arms reached diagonally toward the mat's edge: they now go straight ahead, each
    hand in line with its shoulder, the forearms lying along the mat's long edge in the
    picture (within 7.5 degrees: seen from the side, the forearm's slope down to the mat
    shows)."""
    pose = pose_of("childs-pose")
    still = len(pose.keys) - 1 if pose.still is None else pose.still
    p = key_body("childs-pose", still).points
    for s in "lr":
        assert abs(p[f"fingers_{s}"][2] - p[f"shoulder_{s}"][2]) <= 15.0, s
    items = still_drawing(pose, still).items
    mat = next(i for i in items if isinstance(i, Prop) and i.kind == "mat").outline
    sides = list(zip(mat, mat[1:] + mat[:1], strict=True))
    a, b = max(sides, key=lambda ab: math.dist(*ab))

    def direction(u: Point, v: Point) -> float:
        return math.degrees(math.atan2(v[1] - u[1], v[0] - u[0]))

    limbs, _ = still_parts("childs-pose", still)
    for s in "lr":
        arm = direction(limbs[f"forearm_{s}"].points[0], limbs[f"hand_{s}"].points[-1])
        assert abs((arm - direction(a, b) + 90.0) % 180.0 - 90.0) <= 7.5, s


# ---- seated cat-cow -------------------------------------------------------------------------


def test_childs_pose_near_arm_leaves_the_trunk_at_the_head_end() -> None:
    """In the reach the near arm came out of the middle of the trunk (the ribs): its shoulder
    now sits at the head end of the trunk in the picture, within 15 % of the trunk's drawn
    length from the neck."""
    pose = pose_of("childs-pose")
    limbs, _ = still_parts("childs-pose", key_index(pose, "resting back"))
    nx, ny = limbs["chest"].points[-1]  # the neck end
    hx, hy = limbs["pelvis"].points[0]  # the hips
    ax, ay = hx - nx, hy - ny
    near = max("lr", key=lambda s: limbs[f"upper_arm_{s}"].layer)
    sx, sy = limbs[f"upper_arm_{near}"].points[0]
    along = ((sx - nx) * ax + (sy - ny) * ay) / (ax * ax + ay * ay)
    assert along <= 0.15, along


def tilt_between(a: sk.Mat, b: sk.Mat) -> float:
    """The angle between two segments' long axes (degrees)."""
    ua, ub = sk.apply(a, (0.0, 1.0, 0.0)), sk.apply(b, (0.0, 1.0, 0.0))
    cos = sum(x * y for x, y in zip(ua, ub, strict=True))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def test_seated_cat_cow_card_shows_the_whole_back_rounded() -> None:
    """The round was a lean from the hips with a straight back and the card showed neutral
    sitting: the card now shows the round, the pelvis tucked under and the low back and the
    upper back both curved, the head bowed but well above the knees."""
    pose = pose_of("seated-cat-cow")
    round_ = key_index(pose, "round")
    assert pose.still == round_
    body = key_body("seated-cat-cow", round_)
    f, p = body.frames, body.points
    up = (0.0, 1.0, 0.0)
    tuck = math.degrees(math.asin(sk.apply(f["pelvis"], up)[0]))
    assert tuck <= -10.0  # the pelvis rolls back under
    assert tilt_between(f["pelvis"], f["waist"]) >= 25.0  # the low back rounds
    assert tilt_between(f["waist"], f["chest"]) >= 25.0  # and the upper back
    assert p["head"][1] - max(p["knee_l"][1], p["knee_r"][1]) > 250.0


def test_seated_cat_cow_round_is_a_gentle_curve_of_the_whole_back() -> None:
    """Round 29's reviewers saw the card's round as a deep slump: the chest tipped 36 degrees
    forward over the lap and the head hung 28 cm ahead of the hips. The round is a gentle C:
    the chest leans at most 25 degrees forward, the head within 23 cm of the hips and at
    least 50 cm above the knees (round nineteen's head pushed forward at shoulder height,
    32 cm ahead of the hips; round 35's, bowed 50 degrees on the neck, read as detached).
    The curve is the back's, not the neck's: with the neck bent 25 degrees and the back 51,
    two blind physiotherapists (ab134, ab201) saw the bend "concentrated in the upper back
    and where the neck meets it", the pelvis barely tilting, "it tempts people to get their
    range by bending the neck". Now the pelvis rolls well under (at least 35 degrees), the
    back rounds 55 to 65 degrees from pelvis to chest, shared between the low and upper
    back, and the neck at most 20, a third of the back's at most; the face 30 to 50 degrees
    down, the head's centre 8 to 14 cm above the base of the neck."""
    pose = pose_of("seated-cat-cow")
    body = key_body("seated-cat-cow", key_index(pose, "round"))
    f, p = body.frames, body.points
    up = (0.0, 1.0, 0.0)
    assert math.degrees(math.asin(sk.apply(f["pelvis"], up)[0])) <= -35.0  # tucked under
    assert math.degrees(math.asin(sk.apply(f["chest"], up)[0])) <= 25.0
    back = tilt_between(f["pelvis"], f["chest"])
    assert 55.0 <= back <= 65.0
    assert tilt_between(f["pelvis"], f["waist"]) >= 0.4 * back  # the low back rounds too
    assert tilt_between(f["waist"], f["chest"]) >= 0.4 * back
    neck = tilt_between(f["chest"], f["head"])
    assert 8.0 <= neck <= 20.0 and neck <= back / 3.0
    assert p["head"][0] - p["hip_c"][0] <= 230.0  # the figure faces +x
    assert p["head"][1] - max(p["knee_l"][1], p["knee_r"][1]) >= 500.0
    assert 80.0 <= p["head"][1] - p["neck_base"][1] <= 140.0
    face = sk.apply(f["head"], (1.0, 0.0, 0.0))
    assert 30.0 <= math.degrees(math.atan2(-face[1], face[0])) <= 50.0


def test_seated_cat_cow_round_keeps_the_head_on_a_neck_over_the_chest() -> None:
    """Round 35's reviewers saw the round's head without a neck, in front of the upper
    chest about a head-width forward: detached, the neck bent to its end. In the picture
    the head now sits up over the chest: its centre at least 8 cm above the chest's top and
    at most 7 cm ahead of the chest's front, the line from the neck's base to it within 60
    degrees of upright (it ran out nearly level, 84 degrees)."""
    pose = pose_of("seated-cat-cow")
    limbs, head = still_parts("seated-cat-cow", key_index(pose, "round"))
    chest, neck = limbs["chest"], limbs["neck"].points[0]
    ahead = 1.0 if limbs["shank_l"].points[0][0] > chest.points[0][0] else -1.0
    front = max(x * ahead + w / 2 for (x, _), w in zip(chest.points, chest.widths, strict=True))
    assert head.center[1] - chest.points[-1][1] >= 80.0
    assert head.center[0] * ahead - front <= 70.0
    run = (head.center[0] - neck[0]) * ahead
    assert math.degrees(math.atan2(run, head.center[1] - neck[1])) <= 60.0


def test_seated_cat_cow_lift_arches_the_low_back_with_the_chest_forward_and_head_level() -> None:
    """The lift read as a slight lean with a straight back, barely different from sitting
    tall: the pelvis now tips forward, the low back hollows (in front of the line from the
    sacrum to the shoulder blades) and the chest comes forward."""
    pose = pose_of("seated-cat-cow")
    tall = key_body("seated-cat-cow", key_index(pose, "sitting tall"))
    lift = key_body("seated-cat-cow", key_index(pose, "lift"))
    f, p = lift.frames, lift.points

    def hollow(q: dict[str, sk.Vec]) -> float:
        a, b, c = q["sacrum"], q["upper_back"], q["low_back"]
        return c[0] - (a[0] + (b[0] - a[0]) * (c[1] - a[1]) / (b[1] - a[1]))

    up = (0.0, 1.0, 0.0)
    assert math.degrees(math.asin(sk.apply(f["pelvis"], up)[0])) >= 20.0  # tipped forward
    # (+ 25: a gentle hollow since ab62, see test_seated_cat_cow_lift_keeps_the_low_back_gentle)
    assert hollow(p) >= 25.0 and hollow(p) >= hollow(tall.points) + 25.0
    assert p["chest_front"][0] - tall.points["chest_front"][0] >= 30.0


def test_seated_cat_cow_lift_raises_the_chest_and_keeps_the_head_tall() -> None:
    """The reviewers saw the lift as a slump: the pelvis tipped 50 degrees dropped the whole
    trunk, the head some 55 mm (20 px) below sitting tall. Sitting tall is now upright (see
    the next test) and the lift hollows the back beyond it, which costs the head a little:
    within 35 mm of sitting tall (12 px at 800x600, under half the round-ten slump), the
    sternum no lower than 40 mm, the face level at first. In the lift the head stays in line
    with the chest, the gaze straight ahead: round 32's reviewer saw the neck "clearly bent
    back, face tipped up" with the face 17 degrees up and the neck bent back 10 degrees, and
    asked for a neutral neck (now within 6 degrees of level, the neck not bent back)."""
    pose = pose_of("seated-cat-cow")
    tall = key_body("seated-cat-cow", key_index(pose, "sitting tall"))
    lift = key_body("seated-cat-cow", key_index(pose, "lift"))
    p, t = lift.points, tall.points
    assert p["chest_front"][1] >= t["chest_front"][1] - 40.0
    assert p["neck_base"][1] >= t["neck_base"][1] - 40.0
    assert p["head"][1] >= t["head"][1] - 35.0
    face = sk.apply(lift.frames["head"], (1.0, 0.0, 0.0))  # where the face points
    assert abs(math.degrees(math.asin(face[1]))) <= 6.0  # straight ahead
    # the neck not bent back: the head's long axis no further back than the chest's
    head_up, chest_up = (sk.apply(lift.frames[n], (0.0, 1.0, 0.0)) for n in ("head", "chest"))
    assert math.degrees(math.atan2(head_up[0], head_up[1])) >= math.degrees(
        math.atan2(chest_up[0], chest_up[1])
    )
    assert abs(sk.apply(tall.frames["head"], (1.0, 0.0, 0.0))[1]) <= 0.05  # level at first


def test_seated_cat_cow_starts_upright_and_the_lift_goes_clearly_beyond_it() -> None:
    """Round thirteen's reviewers read the start as already a slump (the upper back rounded
    18 degrees, the head poking 33 mm ahead of the shoulders) and the lift as plain upright
    sitting. Sitting tall is now upright: the chest within 4 degrees of vertical, the upper
    back nearly straight on the waist, the ears over the shoulders. The lift is clearly
    beyond it: the pelvis tipped forward, the sternum at least 50 mm forward of sitting
    tall, and the shoulders drawn back (at least 40 mm further behind the sternum in the
    chest's own frame). (The pelvis tipped 38 degrees or more and the sternum came 100 mm
    forward until ab62's physiotherapist saw the buttocks stick out over an exaggerated
    hollow: see test_seated_cat_cow_lift_keeps_the_low_back_gentle.)"""
    pose = pose_of("seated-cat-cow")
    tall = key_body("seated-cat-cow", key_index(pose, "sitting tall"))
    lift = key_body("seated-cat-cow", key_index(pose, "lift"))
    up = (0.0, 1.0, 0.0)
    t, f = tall.points, tall.frames
    assert abs(math.degrees(math.asin(sk.apply(f["chest"], up)[0]))) <= 4.0
    assert tilt_between(f["waist"], f["chest"]) <= 8.0
    shoulders = (t["shoulder_l"][0] + t["shoulder_r"][0]) / 2
    assert abs(t["head"][0] - 0.01 * sk.H - shoulders) <= 25.0  # the figure faces +x
    p, g = lift.points, lift.frames
    assert math.degrees(math.asin(sk.apply(g["pelvis"], up)[0])) >= 18.0
    assert p["chest_front"][0] - t["chest_front"][0] >= 50.0

    def back_of_sternum(q: dict[str, sk.Vec], chest: sk.Mat) -> float:
        d = [sk.sub(q[f"shoulder_{s}"], q["chest_front"]) for s in "lr"]
        return min(-sum(v[j] * chest[j][0] for j in range(3)) for v in d)

    assert back_of_sternum(p, g["chest"]) - back_of_sternum(t, f["chest"]) >= 40.0


def test_seated_cat_cow_lift_is_a_clear_arch_on_hips_that_sit_on_the_seat() -> None:
    """Round twelve's reviewers still read the lift as plain sitting tall (the back turned
    30 degrees from pelvis to chest, the hollow hidden where a grey pelvis met the green
    waist) and the pelvis as a disc bulging over the lap. The lift now arches some 40
    degrees, its sternum forward and up of sitting tall; the low back's curve has its own
    sign in each key (flat sitting tall, convex in the round, hollow in the lift); and the
    pelvis, which tips with the movement, is drawn in the back's ink in every key, so the
    part of it above the thighs reads as the hips on the seat, one with the back."""
    pose = pose_of("seated-cat-cow")
    tall, round_, lift = (
        key_body("seated-cat-cow", key_index(pose, name))
        for name in ("sitting tall", "round", "lift")
    )

    def hollow(q: dict[str, sk.Vec]) -> float:
        # how far the low back lies in front of the line from the sacrum to the shoulder
        # blades (mm; > 0 hollow, < 0 rounded)
        a, b, c = q["sacrum"], q["upper_back"], q["low_back"]
        return c[0] - (a[0] + (b[0] - a[0]) * (c[1] - a[1]) / (b[1] - a[1]))

    assert abs(hollow(tall.points)) <= 15.0
    assert hollow(round_.points) <= -40.0
    # (35, 38 and 60 until ab62: a gentler arch since, see the next test)
    assert hollow(lift.points) >= 30.0
    assert tilt_between(lift.frames["pelvis"], lift.frames["chest"]) >= 28.0
    sternum, start = lift.points["chest_front"], tall.points["chest_front"]
    assert sternum[0] - start[0] >= 50.0
    for key in range(len(pose.keys)):
        limbs, _ = still_parts("seated-cat-cow", key)
        assert limbs["pelvis"].highlight == limbs["waist"].highlight, key
        # and it is no bigger above the lap than a seated trunk's hips (a 4 cm rise over the
        # thigh's top edge at the hip)
        pelvis = limbs["pelvis"]
        thigh = max((limbs["thigh_l"], limbs["thigh_r"]), key=lambda t: t.layer)
        rise = (
            pelvis.points[0][1] + pelvis.widths[0] / 2 - (thigh.points[0][1] + thigh.widths[0] / 2)
        )
        assert rise <= 40.0, key


def test_seated_cat_cow_round_stays_upright_and_lift_shows_at_card_size() -> None:
    """Round eleven's reviewers read the round as a deep forward fold (the head some 39 cm
    above the knees, over the shins) and the lift as the start again (the sternum 39 mm
    forward, 2 px on a card). A seated cat rounds the back in place: the head stays at
    least 45 cm above the knees and behind the kneecaps; the lift brings the sternum at
    least 50 mm forward of sitting tall (60 until ab62's gentler arch), so the two pictures
    differ."""
    pose = pose_of("seated-cat-cow")
    tall = key_body("seated-cat-cow", key_index(pose, "sitting tall")).points
    round_ = key_body("seated-cat-cow", key_index(pose, "round")).points
    lift = key_body("seated-cat-cow", key_index(pose, "lift")).points
    knee_top = max(round_["knee_l"][1], round_["knee_r"][1])
    assert round_["head"][1] - knee_top >= 450.0
    assert round_["head"][0] <= min(round_["kneecap_l"][0], round_["kneecap_r"][0]) - 60.0
    assert lift["chest_front"][0] - tall["chest_front"][0] >= 50.0


def back_outline_bow(limbs: dict[str, Limb]) -> float:
    """How far the drawn back's outline bows from a straight line (mm): the rearmost edge of
    the trunk (pelvis, waist and chest strokes; the figure faces -x) sampled from the low
    back's joint up to the top of the chest, against the chord between its ends. > 0: the
    outline bows forward, a hollow back; < 0: it bulges back, a rounded one."""
    trunk = [limbs[name] for name in ("pelvis", "waist", "chest")]

    def rear(y: float) -> float:
        best = -math.inf
        for limb in trunk:
            for (a, wa), (b, wb) in zip(
                zip(limb.points, limb.widths, strict=True),
                zip(limb.points[1:], limb.widths[1:], strict=True),
                strict=False,
            ):
                for i in range(41):
                    t = i / 40
                    cx, cy = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
                    r = (wa + (wb - wa) * t) / 2
                    if abs(y - cy) < r:
                        best = max(best, cx + math.sqrt(r * r - (y - cy) ** 2))
        return best

    lo, hi = limbs["waist"].points[0][1], limbs["chest"].points[-1][1]
    xs = [rear(lo + (hi - lo) * i / 10) for i in range(11)]
    bows = [xs[0] + (xs[-1] - xs[0]) * i / 10 - xs[i] for i in range(1, 10)]
    return max(bows) if max(bows) > -min(bows) else min(bows)


def test_seated_cat_cow_lift_keeps_the_low_back_gentle() -> None:
    """ab62's physiotherapist saw the lift's buttocks "stick out a lot" over an exaggerated
    low-back hollow (the pelvis tipped 40 degrees, the low back 25 degrees into extension,
    the drawn back bowed 43 mm, the seat drawn 125 mm behind the shoulder blades): people
    would copy "stick your bottom out" and over-arch, which hurts those whose pain worsens
    bending backward. The lift is now the chest lifting with the shoulders drawn back over a
    gentle low-back curve: the pelvis tips at most 25 degrees, the low back extends at most
    15, the drawn back bows at most 30 mm and the buttock shows at most 90 mm behind the
    shoulder blades; the buttock stays on the seat (the contact tests). (80 mm until the
    lift brought the chest further forward over the hips, a later physiotherapist having
    found it small beside the round: the shoulder blades coming forward with the chest
    make the buttock show 25 mm more, 89, while the low back arches less, 10 degrees
    against 12, and the drawn back bows no more than before. Back to 80 since the buttock,
    on the seat under an arching back, no longer swings back with the pelvis (68 mm): see
    the next test.)"""
    pose = pose_of("seated-cat-cow")
    lift = key_index(pose, "lift")
    body = key_body("seated-cat-cow", lift)
    up = (0.0, 1.0, 0.0)
    assert math.degrees(math.asin(sk.apply(body.frames["pelvis"], up)[0])) <= 25.0
    assert pose.keys[lift].angle_map()["lumbar_flex"] >= -15.0
    limbs, _ = still_parts("seated-cat-cow", lift)
    assert back_outline_bow(limbs) <= 30.0

    def rear(limb: Limb) -> float:  # the figure faces -x
        return max(x + w / 2 for (x, _), w in zip(limb.points, limb.widths, strict=True))

    assert rear(limbs["pelvis"]) - rear(limbs["chest"]) <= 80.0


def test_seated_cat_cow_lift_draws_the_low_back_as_a_gentle_curve() -> None:
    """ab124's physiotherapist, choosing the chest-led lift, still saw in it (and in the
    lift it replaced) "a very deep hollow drawn at the lower back: for people with back pain
    that suggests forcing the low back to arch; a softer curve would be safer". Measured on
    the picture: the back's outline lay up to 54 mm (11 px at 420x315) in front of the line
    from the buttock's back to the shoulder blades, 63 mm (13 px) against the whole trunk,
    some 16 of it the buttock drawn swung 21 mm back with the pelvis's 24 degree tip. On the
    seat under an arching back the buttock now stays where the body rests (see
    drawing.ARCHED_NO_SWING): the hollow is at most 45 mm (40, 8 px), still deeper than
    sitting tall's (17 mm, the waist's own narrowing) by at least 15, so the lift still
    arches. The rest is the pose's 30 degree arch: shared otherwise between the low and the
    upper back it changes by 2 mm at most, and a 28 degree one (the pelvis tipped 22, the
    low back 7) would take 3 mm off."""
    pose = pose_of("seated-cat-cow")

    def hollow(key: int) -> float:
        limbs, _ = still_parts("seated-cat-cow", key)
        trunk = [limbs[name] for name in ("pelvis", "waist", "chest")]
        blades = min(limbs[f"upper_arm_{s}"].points[0][1] for s in "lr")
        return back_hollow(trunk, 1.0, blades)  # the figure faces -x, its back +x

    lift, tall = hollow(key_index(pose, "lift")), hollow(key_index(pose, "sitting tall"))
    assert lift <= 45.0, lift
    assert lift >= 25.0 and lift >= tall + 15.0, (lift, tall)


def test_seated_cat_cow_back_outline_is_straight_rounded_then_hollow() -> None:
    """Round thirteen's moves reviewer read the lift (cow) as the start shifted forward: no
    chest lift, no hollow low back, no upward gaze. The drawn back's outline now has its own
    shape in each key: nearly straight sitting tall, bulging back in the round, bowed well
    forward (a hollow low back under a chest that leans back) in the lift; the chest opens
    (tips back at least 5 degrees, the sternum facing up) while staying well forward of
    sitting tall and within 30 mm of its height. The face looked 10 to 20 degrees up until
    round 32's reviewer read that as the neck bent back: it now looks straight ahead, the
    head in line with the chest (the test above)."""
    pose = pose_of("seated-cat-cow")
    tall, round_, lift = (key_index(pose, name) for name in ("sitting tall", "round", "lift"))
    assert abs(back_outline_bow(still_parts("seated-cat-cow", tall)[0])) <= 30.0
    assert back_outline_bow(still_parts("seated-cat-cow", round_)[0]) <= -50.0
    # 43 mm (49 while the waist was drawn thinner than the chest at a bent join, round 25)
    # until ab62's physiotherapist saw that hollow as exaggerated: now a gentle 20 to 30
    # (see test_seated_cat_cow_lift_keeps_the_low_back_gentle), against sitting tall's -24
    assert back_outline_bow(still_parts("seated-cat-cow", lift)[0]) >= 20.0

    start, cow = key_body("seated-cat-cow", tall), key_body("seated-cat-cow", lift)
    up = (0.0, 1.0, 0.0)
    assert math.degrees(math.asin(sk.apply(cow.frames["chest"], up)[0])) <= -5.0
    sternum, before = cow.points["chest_front"], start.points["chest_front"]
    assert sternum[0] - before[0] >= 50.0  # (80 until ab62's gentler arch)
    assert sternum[1] >= before[1] - 30.0
    face = math.degrees(math.asin(sk.apply(cow.frames["head"], (1.0, 0.0, 0.0))[1]))
    assert -6.0 <= face <= 6.0


def drawn_lean(a: Point, b: Point) -> float:
    """How far the drawn line from `a` up to `b` leans forward of vertical (degrees; the
    figure faces -x, y up). The picture is the drawing scaled alike both ways, so these are
    the angles seen at 420x315 too."""
    return math.degrees(math.atan2(a[0] - b[0], b[1] - a[1]))


def test_seated_cat_cow_lift_is_the_rounds_opposite_with_the_chest_forward_and_clear() -> None:
    """A blind physiotherapist named the stretch only as "likely": the lift (cow) small
    beside the round, the two halves not reading as opposites. The lift's hips and
    shoulders stood in one upright line (0 degrees), the chest 8 degrees back, the sternum
    55 mm and the head 35 mm ahead of sitting tall, the straight near arm covering the
    chest's front low down (the belly the foremost point). Now each half leans the other
    way: in the round the hips-to-shoulders line leans back and the chest forward, in the
    lift the line stands upright or leans forward (-1 degree or more; the hips-to-neck line
    leans forward at least 5) and the chest back (5 degrees or more, the test above). (At
    least 1.5 and 7.5 until the buttock, seated under an arching back, stopped swinging back
    with the pelvis, ab124's reviewer seeing a very deep hollow over it: the drawn hips came
    21 mm forward, the lines -0.5 and 6.1; the round's -4.5 and -1.8, and the lift before
    the chest came forward, drawn so, -2.7 and 3.5.) The sternum comes at least 70 mm ahead
    of sitting tall and the head follows it at least 50 mm, the gaze level (the tests
    above); and the chest's front, from a quarter of the way up, shows clear of the near
    upper arm (it softens at the elbow on the grip)."""
    pose = pose_of("seated-cat-cow")
    round_, lift = key_index(pose, "round"), key_index(pose, "lift")

    def leans(key: int) -> tuple[float, float, float]:
        limbs, _ = still_parts("seated-cat-cow", key)
        hip, chest = limbs["pelvis"].points[0], limbs["chest"].points
        s = [limbs[f"upper_arm_{side}"].points[0] for side in "lr"]
        shoulders = ((s[0][0] + s[1][0]) / 2, (s[0][1] + s[1][1]) / 2)
        return (
            drawn_lean(hip, shoulders),
            drawn_lean(hip, chest[-1]),
            drawn_lean(chest[0], chest[-1]),
        )

    hips_shoulders, _, chest = leans(round_)
    assert hips_shoulders < 0.0 < chest  # the round: the line back, the chest forward
    hips_shoulders, hips_neck, chest = leans(lift)
    assert hips_shoulders >= -1.0 and hips_neck >= 5.0, (hips_shoulders, hips_neck)
    assert chest <= -5.0
    tall = key_body("seated-cat-cow", key_index(pose, "sitting tall")).points
    cow = key_body("seated-cat-cow", lift).points
    assert cow["chest_front"][0] - tall["chest_front"][0] >= 70.0
    assert cow["head"][0] - tall["head"][0] >= 50.0

    limbs, _ = still_parts("seated-cat-cow", lift)
    near = max("lr", key=lambda s: limbs[f"upper_arm_{s}"].layer)
    arm, body = limbs[f"upper_arm_{near}"], limbs["chest"]
    for i in range(1, len(body.points)):
        (px, py), (x, y), w = body.points[i - 1], body.points[i], body.widths[i]
        n = math.hypot(x - px, y - py)
        front = (x - (y - py) / n * w / 2, y + (x - px) / n * w / 2)  # the chest's front edge
        assert gap_2d(front, arm) >= 15.0, (i, gap_2d(front, arm))


# ---- cat-cow --------------------------------------------------------------------------------


def test_cat_cow_cat_rounds_the_whole_spine_up_on_straight_arms() -> None:
    """The cat showed mainly the head dropping over a flat upper back: now the pelvis tucks,
    the low and upper back both round, the middle of the back is its highest point and the
    head hangs below the shoulders; the card shows it."""
    pose = pose_of("cat-cow")
    cat_key = key_index(pose, "cat")
    assert pose.still == cat_key
    flat, cat = key_body("cat-cow", 0), key_body("cat-cow", cat_key)
    f, p = cat.frames, cat.points
    tuck = tilt_between(flat.frames["pelvis"], f["pelvis"])
    assert tuck >= 25.0  # the tailbone tucks under
    assert tilt_between(f["pelvis"], f["waist"]) >= 30.0
    assert tilt_between(f["waist"], f["chest"]) >= 30.0
    top = p["mid_back"][1]
    assert top > p["sacrum"][1] + 60.0 and top > p["upper_back"][1]
    assert p["head"][1] < min(p["shoulder_l"][1], p["shoulder_r"][1])


def test_cat_cow_cow_sinks_the_belly_with_the_hips_over_the_knees() -> None:
    pose = pose_of("cat-cow")
    cow = key_body("cat-cow", key_index(pose, "cow"))
    f = cow.frames
    # the low back dips, gently (a physiotherapist's blind review: the deep lumbar sag, 25
    # degrees, is not for people with back pain; see test_figure_shapes), and the chest lifts
    assert tilt_between(f["pelvis"], f["waist"]) >= 8.0
    assert tilt_between(f["waist"], f["chest"]) >= 20.0
    # the gaze goes down and a little forward, ahead of the hands, not straight down
    assert sk.apply(f["head"], (1.0, 0.0, 0.0))[0] >= 0.17


def lumbar_dip(p: dict[str, sk.Vec]) -> float:
    """How far the low back sits below the straight line from the sacrum to the upper back,
    in the picture's vertical (mm)."""
    a, b, q = p["sacrum"], p["upper_back"], p["low_back"]
    t = (q[0] - a[0]) / (b[0] - a[0])
    return a[1] + (b[1] - a[1]) * t - q[1]


def test_cat_cow_keeps_the_hips_over_the_knees_and_the_cow_hollows_the_low_back() -> None:
    """The reviewer saw the hips slide forward past the knees in the cow and the trunk tip
    down as one block, teaching sagging: the thighs stay upright in every key and the cow
    shows a dip in the low back, below the line from the tailbone to the shoulder blades
    (a gentle one since a physiotherapist saw the 45 mm dip as a deep lumbar sag: 36)."""
    pose = pose_of("cat-cow")
    cow_key = key_index(pose, "cow")
    for key in range(len(pose.keys)):
        p = key_body("cat-cow", key).points
        for s in "lr":
            off = abs(p[f"hip_{s}"][0] - p[f"knee_{s}"][0])
            assert off <= (10.0 if key == cow_key else 25.0), (key, s)
    flat = lumbar_dip(key_body("cat-cow", 0).points)
    cow = lumbar_dip(key_body("cat-cow", cow_key).points)
    assert cow >= 25.0 and cow >= flat + 20.0


def test_cat_cow_cow_looks_a_little_ahead_the_head_in_line() -> None:
    """Round eleven's reviewers saw the cow's face pointing down (39 degrees below level):
    the head lifted with the chest, the gaze forward (25 until round 32's reviewer saw the
    head "lifted quite high" with the neck bent back 36 degrees; at 24, the face 36 degrees
    down, round 34's still saw it lifted; 12 back, the face 48 down, a physiotherapist saw
    the neck craned; not bent back, the face 60 down and the head 37 mm above the
    shoulders, the next physiotherapist saw it raised well above them). The head now lies
    in line with the back, its centre below the shoulders, the gaze down and a little
    forward at the floor ahead of the hands (76 degrees below level, at most 80), the low
    back dipped."""
    pose = pose_of("cat-cow")
    cow = key_body("cat-cow", key_index(pose, "cow"))
    face = sk.apply(cow.frames["head"], (1.0, 0.0, 0.0))
    assert math.degrees(math.atan2(-face[1], face[0])) <= 80.0
    assert cow.points["head"][1] < min(cow.points[f"shoulder_{s}"][1] for s in "lr")
    assert lumbar_dip(cow.points) >= 25.0


def test_cat_cow_cat_tucks_the_chin_with_the_head_between_the_arms() -> None:
    """Round nineteen's card reviewer saw the cat's head hang in front of the hands, the neck
    reaching forward: the chin now tucks toward the chest and the head hangs back between
    the arms, its centre at most 75 mm ahead of the wrists and 125 mm ahead of the
    shoulders in the picture (it was 105 and 156), the face toward the knees."""
    pose = pose_of("cat-cow")
    cat = key_index(pose, "cat")
    limbs, head = still_parts("cat-cow", cat)
    near = next(s for s in "lr" if limbs[f"upper_arm_{s}"].layer != Layer.FAR)
    shoulder = limbs[f"upper_arm_{near}"].points[0]
    wrist = limbs[f"forearm_{near}"].points[-1]
    knee = limbs[f"thigh_{near}"].points[-1]
    ahead = 1.0 if wrist[0] > knee[0] else -1.0  # the way the figure faces in the picture
    assert (head.center[0] - wrist[0]) * ahead <= 75.0
    assert (head.center[0] - shoulder[0]) * ahead <= 125.0
    # the face looks down and back toward the knees, the neck well flexed (chin to chest,
    # 45 to 50 degrees, the joint's end): not ahead, not craned
    body = key_body("cat-cow", cat)
    face = sk.apply(body.frames["head"], (1.0, 0.0, 0.0))
    assert face[0] < 0.0 and face[1] < 0.0
    assert 45.0 <= pose.keys[cat].angle_map()["neck_flex"] <= 50.0


# ---- standing side bend ---------------------------------------------------------------------


def test_standing_side_bend_arcs_the_arm_above_the_head_hand_outside_the_thigh() -> None:
    """The raised arm cut across the top of the head and the lower hand ended between the
    thighs: the raised forearm now passes clear above the head, the lower hand hangs
    outside its thigh, and the feet stand hip-width apart on the floor."""
    pose = pose_of("standing-side-bend")
    last = len(pose.keys) - 1
    limbs, head = still_parts("standing-side-bend", last)
    top = head.center[1] + head.radius
    forearm = limbs["forearm_l"]
    assert min(y - w / 2 for (_, y), w in zip(forearm.points, forearm.widths, strict=True)) > top
    assert gap_2d(head.center, limbs["upper_arm_l"]) >= 0.0
    body = key_body("standing-side-bend", last)
    p = body.points
    # the lower (right) hand is outside the right thigh, toward the body's right
    pelvis = body.frames["pelvis"]
    side = sk.apply(pelvis, (0.0, 0.0, 1.0))

    def across(q: sk.Vec) -> float:
        return sum(a * b for a, b in zip(sk.sub(q, p["hip_c"]), side, strict=True))

    hand = sk.scale(sk.add(p["wrist_r"], p["fingers_r"]), 0.5)
    thigh = sk.scale(sk.add(p["hip_r"], p["knee_r"]), 0.5)
    assert across(hand) > across(thigh) + 60.0
    # a steady base: the ankles hip-width apart, and a floor under the feet in the picture
    assert sk.dist(p["ankle_l"], p["ankle_r"]) >= 2 * sk.HIP_HALF + 60.0
    items = still_drawing(pose, last).items
    assert any(getattr(item, "kind", None) == "floor" for item in items)


def test_standing_side_bend_leans_a_little_head_in_line_arm_from_the_shoulder() -> None:
    """Round twenty-one's reviewer saw the head tilt sideways on the neck rather than the
    bend come from the trunk, and the top arm reach from the head: the trunk leaned 45
    degrees (the caution says to keep the movement small), the head hung out to the side
    and the raised upper arm ran up past the head 35 degrees off upright. In the picture
    the trunk now curves 25 to 40 degrees (through the waist and the chest), the head
    never tilts further than the chest (at most a touch less: a small part of the trunk's
    bend; in line with the chest it tipped beyond the trunk as a whole, rv46, see
    test_standing_side_bend_keeps_the_head_in_line_with_the_whole_trunk), and the raised
    upper arm rises from the shoulder, clear of the head, leaning over no further than the
    chest (sb50's reviewer asked for it to follow the trunk's curve rather than stand
    within 20 degrees of upright with the forearm flopped over: see
    test_standing_side_bend_raised_arm_is_long_and_follows_the_trunk_over), before the
    forearm arcs over."""
    pose = pose_of("standing-side-bend")
    limbs, head = still_parts("standing-side-bend", len(pose.keys) - 1)

    def tilt(a: Point, b: Point) -> float:  # from upright, + toward the picture's right
        return math.degrees(math.atan2(b[0] - a[0], b[1] - a[1]))

    pelvis, waist, chest = (limbs[p].points for p in ("pelvis", "waist", "chest"))
    trunk = abs(tilt(chest[0], chest[-1]) - tilt(pelvis[0], pelvis[-1]))
    assert 25.0 <= trunk <= 40.0, trunk
    assert abs(tilt(waist[0], waist[-1]) - tilt(pelvis[0], pelvis[-1])) >= 8.0  # a curve
    lean = math.copysign(1.0, tilt(chest[0], chest[-1]))  # the way the trunk bends
    on_neck = (tilt(chest[0], chest[-1]) - tilt(limbs["neck"].points[0], head.center)) * lean
    assert -1.0 <= on_neck <= 12.0 and on_neck < trunk / 3, on_neck
    upper = limbs["upper_arm_l"]
    assert abs(tilt(upper.points[0], upper.points[-1])) <= abs(tilt(chest[0], chest[-1]))
    assert gap_2d(head.center, upper) - head.radius >= 0.02 * sk.H  # apart on a card
    forearm = limbs["forearm_l"]
    # arcing over (50 when the upper arm stood upright; sb50: the whole arm leans over now)
    assert abs(tilt(forearm.points[0], forearm.points[-1])) >= 40.0


def test_standing_side_bend_keeps_the_head_in_line_with_the_whole_trunk() -> None:
    """Round 46's reviewers saw the head tilt beyond the trunk: held in line with the chest,
    the steepest part of the trunk's curve, the head leaned 8 degrees further over than the
    trunk as a whole (the hips to the neck's base) and hung out past the lower shoulder. In
    the picture the head's line (the neck's base to the head's middle) now leans the way the
    trunk does, within 5 degrees of the trunk's own line and never further than the chest."""
    pose = pose_of("standing-side-bend")
    limbs, head = still_parts("standing-side-bend", len(pose.keys) - 1)

    def tilt(a: Point, b: Point) -> float:  # from upright, + toward the picture's right
        return math.degrees(math.atan2(b[0] - a[0], b[1] - a[1]))

    hips, neck = limbs["pelvis"].points[0], limbs["neck"].points[0]
    chest = limbs["chest"].points
    trunk = tilt(hips, neck)
    lean = math.copysign(1.0, trunk)
    beyond = (tilt(neck, head.center) - trunk) * lean  # > 0: further over than the trunk
    assert -5.0 <= beyond <= 5.0, beyond
    assert tilt(neck, head.center) * lean <= tilt(chest[0], chest[-1]) * lean


def test_standing_side_bend_raised_arm_reaches_up_and_over_not_a_wave() -> None:
    """Round 46's reviewers read the raised arm as a wave: the upper arm stood upright and the
    forearm, bent 55 degrees at the elbow, lay nearly level over the head (73 degrees from
    upright), the hand pointing out to the side. In the picture the arm now reaches up and
    over in one gentle arc: the elbow bent at most 45 degrees, the forearm still rising (at
    most 60 degrees from upright), and the hand going on the same way, a little further over
    than the forearm, never turned back up or flung out (within 15 degrees of it)."""
    pose = pose_of("standing-side-bend")
    limbs, _ = still_parts("standing-side-bend", len(pose.keys) - 1)

    def tilt(limb: Limb) -> float:  # from upright, + toward the picture's right
        (x0, y0), (x1, y1) = limb.points[0], limb.points[-1]
        return math.degrees(math.atan2(x1 - x0, y1 - y0))

    upper, fore, hand = (tilt(limbs[f"{p}_l"]) for p in ("upper_arm", "forearm", "hand"))
    over = math.copysign(1.0, fore)  # the way the arm arcs over
    assert 0.0 <= (fore - upper) * over <= 45.0, (upper, fore)
    assert abs(fore) <= 60.0, fore
    assert 0.0 <= (hand - fore) * over <= 15.0, (fore, hand)


def test_standing_side_bend_raised_arm_is_long_and_follows_the_trunk_over() -> None:
    """sb50's reviewer (physiotherapist): "the upper arm is nearly vertical and most of the
    'over' comes from a sharply bent elbow with the forearm flopped over the head. People may
    copy that as bending the elbow instead of side-bending the trunk. Draw the arm longer and
    straighter, following the curve of the trunk." (The upper arm stood 15 degrees off
    upright, the elbow bent 40.) In the picture the raised upper arm now leans over the way
    the trunk bends, at least 20 degrees but never further than the chest, and the elbow
    shows a bend of at most 25 degrees, the arm reaching as far again from the shoulder."""
    pose = pose_of("standing-side-bend")
    limbs, _ = still_parts("standing-side-bend", len(pose.keys) - 1)

    def tilt(a: Point, b: Point) -> float:  # from upright, + toward the picture's right
        return math.degrees(math.atan2(b[0] - a[0], b[1] - a[1]))

    chest = limbs["chest"].points
    lean = tilt(chest[0], chest[-1])
    over = math.copysign(1.0, lean)  # the way the trunk bends
    upper, fore = (limbs[f"{p}_l"].points for p in ("upper_arm", "forearm"))
    upper_tilt, fore_tilt = tilt(upper[0], upper[-1]) * over, tilt(fore[0], fore[-1]) * over
    assert 20.0 <= upper_tilt <= lean * over, (upper_tilt, lean)
    assert 0.0 <= fore_tilt - upper_tilt <= 25.0, (upper_tilt, fore_tilt)


def test_standing_side_bend_curves_from_the_waist_hips_out_hand_down_the_thigh() -> None:
    """Round 35's reviewers saw most of the bend as the head tilting on a long neck (the
    trunk bending less than the neck) and the hanging arm apart from the body. In the
    picture the bend now comes from the trunk: the low back leans at least 17 degrees, the
    neck's base travels sideways at least twice as far from the hips as the head travels
    from the neck's base, the head tilts no further than the chest (never more on the
    neck), the hips ease a little the other way over the feet (2.5 to 8 cm, the C of a side
    bend), and the lower hand slides down the outside of its thigh, touching it."""
    pose = pose_of("standing-side-bend")
    limbs, head = still_parts("standing-side-bend", len(pose.keys) - 1)

    def tilt(a: Point, b: Point) -> float:  # from upright, + toward the picture's right
        return math.degrees(math.atan2(b[0] - a[0], b[1] - a[1]))

    pelvis, waist, chest = (limbs[p].points for p in ("pelvis", "waist", "chest"))
    assert abs(tilt(waist[0], waist[-1]) - tilt(pelvis[0], pelvis[-1])) >= 17.0
    hips, neck = pelvis[0], limbs["neck"].points[0]
    trunk_travel = abs(neck[0] - hips[0])
    head_travel = abs(head.center[0] - neck[0])
    assert trunk_travel >= 2.0 * head_travel, (trunk_travel, head_travel)
    assert abs(tilt(neck, head.center)) <= abs(tilt(chest[-2], chest[-1]))
    lean = math.copysign(1.0, neck[0] - hips[0])
    feet = (limbs["shank_l"].points[-1][0] + limbs["shank_r"].points[-1][0]) / 2
    shift = (feet - hips[0]) * lean  # the hips' way over the feet, away from the lean
    assert 25.0 <= shift <= 80.0, shift
    hand, thigh = limbs["hand_r"], limbs["thigh_r"]
    touch = min(gap_2d(q, thigh) - w / 2 for q, w in zip(hand.points, hand.widths, strict=True))
    assert -15.0 <= touch <= 8.0, touch


def test_standing_side_bend_stands_on_soft_knees_feet_flat_and_upright() -> None:
    """sbarrow48's reviewer (physiotherapist): "Knees look locked (both panels); the text
    says 'knees soft'" (they bent 6 degrees). In both key poses both knees bend 10 to 16
    degrees, so the near knee shows a bend in the picture (5 degrees or more between the
    drawn thigh and shin; at 6 the start showed 2); the shins lean forward from flat feet
    (heel and ball level), the hips bending about as much as the shins lean, so the pelvis
    stays upright (within 3 degrees) and the hips over the feet (within 4 cm)."""
    pose = pose_of("standing-side-bend")
    up = (0.0, 1.0, 0.0)

    def lean(a: Point, b: Point) -> float:  # a drawn segment's lean from upright, degrees
        return math.degrees(math.atan2(b[0] - a[0], a[1] - b[1]))

    for key in range(len(pose.keys)):
        body = key_body("standing-side-bend", key)
        f, p = body.frames, body.points
        for s in "lr":
            bend = tilt_between(f[f"thigh_{s}"], f[f"shank_{s}"])
            assert 10.0 <= bend <= 16.0, (key, s, bend)
            assert abs(p[f"heel_{s}"][1] - p[f"ball_{s}"][1]) <= 10.0, (key, s)
        pelvis = math.degrees(math.asin(sk.apply(f["pelvis"], up)[0]))
        assert abs(pelvis) <= 3.0, (key, pelvis)
        feet = sum(p[f"ankle_{s}"][0] for s in "lr") / 2
        assert abs(p["hip_c"][0] - feet) <= 40.0, key
        limbs, _ = still_parts("standing-side-bend", key)
        kinks = []
        for s in "lr":
            thigh, shin = limbs[f"thigh_{s}"].points, limbs[f"shank_{s}"].points
            kinks.append(abs(lean(thigh[0], thigh[-1]) - lean(shin[0], shin[-1])))
        assert max(kinks) >= 5.0, (key, kinks)


# ---- seated twist ---------------------------------------------------------------------------


def facing(frame: sk.Mat) -> float:
    """Which way a trunk segment faces in the room, as a compass angle (degrees)."""
    return math.degrees(math.atan2(frame[2][0], frame[0][0]))


def test_seated_twist_turns_gently_and_the_card_reads_as_sitting() -> None:
    """The reviewer saw a ~90 degree turn, a far shoulder bump at the chin and no thighs or
    seat: the chest now turns a gentle 20 to 25 degrees (round 28's reviewers still read 42
    as about 90 and an over-rotation, rv47's physiotherapists saw 28 as "large" for people
    with back pain), seen from above but not from high up (20 to 40 degrees), with both
    thighs long in the picture and the back arm showing."""
    pose = pose_of("seated-twist")
    assert 20.0 <= (pose.elevation or 0.0) <= 40.0
    last = len(pose.keys) - 1
    body = key_body("seated-twist", last)
    turn = abs(facing(body.frames["chest"]) - facing(body.frames["pelvis"]))
    assert 20.0 <= turn <= 25.0, turn
    # the shoulder line (the front shoulder drawn a little forward, reaching to the knee)
    # turns no more than 30 degrees on the hip line: rv47 saw 33 as "large"
    p = body.points
    shoulders = sk.sub(p["shoulder_r"], p["shoulder_l"])
    hips = sk.sub(p["hip_r"], p["hip_l"])
    between = math.degrees(math.atan2(shoulders[2], shoulders[0]) - math.atan2(hips[2], hips[0]))
    assert abs((between + 180.0) % 360.0 - 180.0) <= 30.0, between
    limbs, _ = still_parts("seated-twist", last)
    for s in "lr":
        (x0, y0), (x1, y1) = limbs[f"thigh_{s}"].points[0], limbs[f"thigh_{s}"].points[-1]
        assert math.hypot(x1 - x0, y1 - y0) >= 0.6 * sk.THIGH
    trunk = [limbs[p] for p in ("pelvis", "waist", "chest")]
    # the back (left) arm shows reaching behind: its elbow stands clear of the trunk
    elbow = limbs["forearm_l"].points[0]
    assert min(gap_2d(elbow, t) for t in trunk) >= 0.04 * sk.H
    # a face in profile from the first frame on
    first = {i.part for i in still_drawing(pose, 0).items if isinstance(i, Limb)}
    assert "nose" in first


def test_seated_twist_reads_as_a_gentle_turn_with_the_head_turned_with_the_chest() -> None:
    """Round eleven's reviewers read the turn as some 90 degrees (the hips seen end-on from
    level, the chest square to the viewer); round twenty-one's from the side saw either 90
    degrees or none (the face looking the way the knees point). Seen from the left, a little
    in front and above, the hips and knees are at three quarters, well round (at least
    55 degrees off the camera's bearing). Round twenty-eight's saw the chest, turned 42
    degrees against them, face the viewer square-on (drawn at 95 % of its front-on
    breadth, the shoulder line at 92 % of its length): an over-rotation of about 90
    degrees. Turned a gentle 22 degrees, the chest is drawn at most 90 % of its front-on
    breadth and the shoulder line at most 87 % of its length, so it no longer faces the
    viewer square-on; the head turns with it (round twelve saw the head barely turn), but
    no further than the chest, as the steps ask (rv47: the head follows the chest, it does
    not lead; 8 degrees further before), 20 to 25 degrees against the hips in all. That is
    the library card, seen from its own camera. The player shows the twist from nearer the
    front (below): three blind physiotherapists (ab133, ab136, ab202) read the turn there as
    about 45 degrees, "moderate", against 60 to 80 from the card's view, which a patient
    copying it would over-reach: the hips 40 to 55 degrees off the camera's bearing."""
    player = pose_of("seated-twist")
    pose = card_pose(player)
    k = pose.keys[-1]
    state, az, el, _ = drawing_module._state(pose, motion.Moment(k, k, 0.0, False))
    f = state.placed.body.frames

    def off_camera(frame: sk.Mat) -> float:
        # the camera stands at bearing `az` round the body: -90 is in front of it (+x)
        return abs((facing(frame) - (az + 90.0) + 180.0) % 360.0 - 180.0)

    assert off_camera(f["pelvis"]) >= 55.0
    assert 0.0 <= facing(f["chest"]) - facing(f["head"]) <= 3.0  # with the chest
    assert 20.0 <= facing(f["pelvis"]) - facing(f["head"]) <= 25.0  # trunk and neck in all
    # the chest's drawn breadth against its breadth seen front-on (the camera swung round
    # to face it square, the same height above)
    limbs = {i.part: i for i in still_drawing(pose).items if isinstance(i, Limb)}
    square = dataclasses.replace(pose, azimuth=facing(f["chest"]) - 90.0)
    front = {i.part: i for i in still_drawing(square).items if isinstance(i, Limb)}
    breadth = max(limbs["chest"].widths) / max(front["chest"].widths)
    assert breadth <= 0.9, breadth
    span = sk.sub(state.placed.body.points["shoulder_r"], state.placed.body.points["shoulder_l"])
    drawn = sk.apply(scene.camera(az, el), span)
    assert math.hypot(drawn[0], drawn[1]) <= 0.87 * sk.dist(span, (0.0, 0.0, 0.0))
    state, az, _, _ = drawing_module._state(player, motion.Moment(k, k, 0.0, False))
    assert 40.0 <= off_camera(state.placed.body.frames["pelvis"]) <= 55.0


def test_seated_twist_keeps_the_chin_level_and_the_head_over_the_trunk() -> None:
    """rv48's physiotherapist saw the turned figure's chin dropped and the head poked
    forward ("looking down at the knee") rather than sitting tall: with the neck straight
    (0) the head's centre stood 37 mm ahead of the neck's base (along the chest's front) and
    the face looked level or below. The chin now lifts a little (as the start key's does):
    the face looks at least 4 degrees above level and the head's centre stands no more
    than 25 mm ahead of the neck's base (21 and 5 degrees now; lifting it further hides
    the nose in the head's disc from this camera, below)."""
    pose = pose_of("seated-twist")
    k = pose.keys[-1]
    state, *_ = drawing_module._state(pose, motion.Moment(k, k, 0.0, False))
    body = state.placed.body
    look = sk.apply(body.frames["head"], (1.0, 0.0, 0.0))
    assert math.degrees(math.asin(look[1])) >= 4.0, look
    front = sk.apply(body.frames["chest"], (1.0, 0.0, 0.0))
    level = math.hypot(front[0], front[2])
    ahead = sk.sub(body.points["head"], body.points["neck_base"])
    assert (ahead[0] * front[0] + ahead[2] * front[2]) / level <= 25.0


def test_seated_twist_nose_shows_past_the_head_clear_of_the_body() -> None:
    """rv35-rv37 and rv47's reviewers could not tell which way the face looks: with the head
    turned 8 degrees past the chest, toward the camera, the nose stood 4.5 mm out of the
    head's disc, pointing down into the near shoulder (its free part 60 mm2, some 4 pixels
    at 640 by 480). The head now turns with the chest (not beyond it, as the steps ask), so
    the face is seen more from the side: in the turned key the nose stands at least 10 mm
    out of the disc (of 105) clear of every other part, its free part at least 150 mm2
    (14 mm and 250 mm2, some 17 pixels, now)."""
    items = still_drawing(pose_of("seated-twist")).items
    head = next(item for item in items if isinstance(item, Head))
    limbs = [item for item in items if isinstance(item, Limb)]
    nose = next(limb for limb in limbs if limb.part == "nose")
    others = [limb for limb in limbs if limb.part != "nose"]
    (bx, by), (tx, ty) = nose.points
    grow = max(nose.widths)
    step = 0.5
    reach, area = 0.0, 0.0
    for i in range(int((abs(tx - bx) + 2 * grow) / step) + 1):
        for j in range(int((abs(ty - by) + 2 * grow) / step) + 1):
            q = (min(bx, tx) - grow + i * step, min(by, ty) - grow + j * step)
            out = math.dist(q, head.center) - head.radius
            if gap_2d(q, nose) < 0.0 and out > 0.0 and all(gap_2d(q, o) > 0.0 for o in others):
                reach, area = max(reach, out), area + step * step
    assert reach >= 10.0, reach
    assert area >= 150.0, area


def test_seated_twist_is_seen_from_the_side_it_turns_to_with_both_hands_showing() -> None:
    """From the front left the chest turned away, the twist read as subtle and the hand on
    the chair back hid behind the trunk: seen from the side the chest turns toward, the
    chest faces the viewer far more than the hips do, the back hand rests on the seat by
    its outer edge behind the hip, clear of the trunk, the front hand shows on the outside
    of the other knee (at the knee, the arm long across the body), and the face shows its
    nose. That is the card (seen from its own camera); the player's view, nearer the front
    (ab202), sees the chest still facing the viewer more than the hips (0.2 more)."""
    player = pose_of("seated-twist")
    pose = card_pose(player)
    assert 20.0 <= (pose.elevation or 0.0) <= 40.0
    assert 20.0 <= (player.elevation or 0.0) <= 40.0
    k = pose.keys[-1]
    for seen, least in ((player, 0.15), (pose, 0.25)):
        state, az, el, _ = drawing_module._state(seen, motion.Moment(k, k, 0.0, False))
        body = state.placed.body
        f, p = body.frames, body.points
        toward = scene.camera(az, el)[2]  # the room direction toward the viewer

        def facing_viewer(frame: sk.Mat, toward: sk.Vec = toward) -> float:
            return sum(frame[j][0] * toward[j] for j in range(3))

        # (0.3 when it turned 28 degrees, 0.28 at the gentler 22)
        assert facing_viewer(f["chest"]) >= facing_viewer(f["pelvis"]) + least
    # the back (left) hand rests on the seat by its outer edge, behind the hip (round 28's
    # reviewers saw it hang beside the chair post when it gripped the edge from outside)
    chair = [b for b in state.boxes if b.kind == "chair" and b.lo[1] > 0.0]  # not the legs
    seat = min(chair, key=lambda b: b.hi[1])  # lower than the back
    hand = sk.scale(sk.add(p["wrist_l"], p["fingers_l"]), 0.5)
    assert seat.lo[2] <= hand[2] <= seat.lo[2] + 40.0 and hand[1] >= seat.hi[1]  # over it
    assert seat.lo[0] <= hand[0] <= p["hip_l"][0] - 100.0  # behind the hip, on the seat
    items = still_drawing(pose).items
    limbs = {item.part: item for item in items if isinstance(item, Limb)}
    trunk = [limbs[q] for q in ("pelvis", "waist", "chest")]
    back_hand = limbs["hand_l"]
    assert min(gap_2d(back_hand.points[-1], t) for t in trunk) >= 0.0
    # the front (right) hand on the outside of the left knee, painted over it: at the knee,
    # not back along the thigh toward the hip (the reviewers saw it on the thigh, 11 cm
    # behind the knee)
    knee = p["knee_l"]
    grip = sk.scale(sk.add(p["wrist_r"], p["fingers_r"]), 0.5)
    assert sk.dist(grip, knee) <= 110.0
    thigh = sk.sub(knee, p["hip_l"])
    behind = sum(a * b for a, b in zip(sk.sub(knee, grip), thigh, strict=True)) / sk.THIGH
    assert behind <= 60.0, behind
    assert grip[2] < knee[2]  # toward the body's left: the outside of the left knee
    assert items.index(limbs["hand_r"]) > items.index(limbs["thigh_l"])
    assert "nose" in limbs


def turned_twist(side: str) -> Drawing:
    """The seated twist on `side`, 5 s into its hold: turned and still."""
    stretch = STRETCHES["seated-twist"]
    assert stretch.hold is not None
    return drawing_module.drawing_at(
        pose_of("seated-twist"),
        phase=PhaseKind.STRETCH,
        elapsed_ms=5000,
        phase_ms=1000 * stretch.hold,
        rep_ms=0,
        side=side,
    )


@pytest.mark.parametrize("side", ["left", "right"])
def test_seated_twist_front_arm_across_the_body_is_drawn_near(side: str) -> None:
    """Round 35's reviewers saw "the arm crossing in front drawn in the light grey for far
    limbs": the front hand's arm (the body's far side) reaches across the belly to the other
    knee, nearer the viewer than the chest. Turned, on each side, its upper arm, forearm and
    hand are drawn in the near shade, painted after the chest."""
    drawing = turned_twist(side)
    front = "r" if side == "left" else "l"
    items = list(drawing.items)
    limbs = {item.part: item for item in items if isinstance(item, Limb)}
    for part in ("upper_arm", "forearm", "hand"):
        limb = limbs[f"{part}_{front}"]
        assert limb.layer == Layer.NEAR, (part, limb.layer)
        assert items.index(limb) > items.index(limbs["chest"]), part
    # sitting tall, the same arm hangs by the far side, behind the trunk, in the far shade
    limbs, _ = still_parts("seated-twist", 0)
    assert limbs["upper_arm_r"].layer == Layer.FAR


def test_an_arm_across_the_front_is_brought_near_from_the_middle_layer_too() -> None:
    """tw3 and tw4: seen from the front left (azimuth -130, 40 up, the view a gentler-reading
    twist needs), the twist's front upper arm lies on the middle layer, not the far one, and
    was drawn in the chest's shade over it, the arm across the chest lost. An arm brought
    near is brought near from either layer: its far and middle pieces go to the near layer,
    in the near shade; its near pieces and the other arm's stay as they were."""
    pts, w = ((0.0, 0.0), (1.0, 1.0)), (10.0, 8.0)
    ordered: list[tuple[int, float, Item]] = [
        (int(layer), 1.0, Limb(part, pts, w, layer, False))
        for part, layer in (
            ("upper_arm_r", Layer.MID),
            ("forearm_r", Layer.FAR),
            ("hand_r", Layer.NEAR),
            ("upper_arm_l", Layer.MID),
            ("chest", Layer.MID),
        )
    ]
    out = drawing_module._brought_near(ordered, "r")
    layers = {e[2].part: (e[0], e[2].layer) for e in out if isinstance(e[2], Limb)}
    for part in ("upper_arm_r", "forearm_r", "hand_r"):
        assert layers[part] == (int(Layer.NEAR), Layer.NEAR), part
    assert layers["upper_arm_l"] == (int(Layer.MID), Layer.MID)
    assert layers["chest"] == (int(Layer.MID), Layer.MID)


def test_seated_twist_back_arm_shows_its_length_and_rests_on_the_chair() -> None:
    """Round twelve's reviewers saw the back arm at half its length (folded up to a chair
    back top some 17 cm behind the shoulder: the upper arm and forearm drawn at 44 % of
    their length) and the head barely turned. The back hand now holds the outer edge of the
    seat behind the hip (round twenty-two's saw it hang in the air at the chair's lower edge
    when it held the side of the chair back low down): the arm shows at least 80 % of its
    length, the hand rests on the chair within a few millimetres (its palm half a hand's
    thickness from the chair's surface), and the head turns with the chest toward it.
    Round twenty-eight's saw it "hang in mid-air beside the chair post": it held the seat's
    outer edge from outside, its fingers hanging 68 mm clear of the seat. Now its
    fingertips rest on the seat's top, 5 to 20 mm from it (a fingertip's half-thickness).
    Seen from the front left as the player shows it, the back arm reaches away from the
    viewer toward the seat's back half and is drawn at 78 % of its length (the card's view,
    83 %); ab202's physiotherapist saw its hand "resting on the seat near the chair back"."""
    pose = pose_of("seated-twist")
    k = pose.keys[-1]
    state, *_ = drawing_module._state(pose, motion.Moment(k, k, 0.0, False))
    p, f = state.placed.body.points, state.placed.body.frames
    limbs, _ = still_parts("seated-twist", len(pose.keys) - 1)
    drawn = sum(
        math.dist(limbs[n].points[0], limbs[n].points[-1]) for n in ("upper_arm_l", "forearm_l")
    )
    assert drawn >= 0.75 * (sk.UPPER_ARM + sk.FOREARM)
    card = still_drawing(card_pose(pose))
    seen = {i.part: i for i in card.items if isinstance(i, Limb)}
    drawn = sum(
        math.dist(seen[n].points[0], seen[n].points[-1]) for n in ("upper_arm_l", "forearm_l")
    )
    assert drawn >= 0.8 * (sk.UPPER_ARM + sk.FOREARM)
    palm = sk.scale(sk.add(p["wrist_l"], p["fingers_l"]), 0.5)

    def gap(box: scene.Box) -> float:
        nearest = tuple(min(max(palm[j], box.lo[j]), box.hi[j]) for j in range(3))
        return sk.dist(palm, nearest)

    touch = min(gap(box) for box in state.boxes if box.kind == "chair")
    assert touch <= 0.018 * sk.H + 20.0, touch  # the palm: the hand rests, it does not hover
    seat = min(
        (b for b in state.boxes if b.kind == "chair" and b.lo[1] > 0.0), key=lambda b: b.hi[1]
    )
    tip = p["fingers_l"]
    nearest = tuple(min(max(tip[j], seat.lo[j]), seat.hi[j]) for j in range(3))
    assert 5.0 <= sk.dist(tip, nearest) <= 20.0 and tip[1] >= seat.hi[1], tip
    chest = facing(f["chest"]) - facing(f["pelvis"])
    head = facing(f["head"]) - facing(f["pelvis"])
    # the head turns with the chest, the way it turns (rv47: no further than the chest)
    assert 20.0 <= abs(chest) <= 25.0 and abs(chest) <= abs(head) <= abs(chest) + 3.0
    assert head * chest > 0.0


def test_seated_twist_back_hand_rests_on_the_back_of_the_seat_behind_the_hip() -> None:
    """Round 32's reviewers saw the back hand "on the front corner of the seat": its palm lay
    16 cm behind the hip, mid-seat, the fingers pointing forward to the near thigh's end.
    It now rests on the seat's back half, at least 22 cm behind the hip, the fingers
    pointing back toward the backrest, clear of the backrest's post."""
    pose = pose_of("seated-twist")
    k = pose.keys[-1]
    state, *_ = drawing_module._state(pose, motion.Moment(k, k, 0.0, False))
    p = state.placed.body.points
    chair = [b for b in state.boxes if b.kind == "chair" and b.lo[1] > 0.0]
    seat = min(chair, key=lambda b: b.hi[1])
    palm = sk.scale(sk.add(p["wrist_l"], p["fingers_l"]), 0.5)
    assert palm[0] <= p["hip_l"][0] - 220.0, palm[0] - p["hip_l"][0]
    assert palm[0] <= (seat.lo[0] + seat.hi[0]) / 2 - 60.0  # the seat's back half
    assert p["fingers_l"][0] <= p["wrist_l"][0] - 0.05 * sk.H  # pointing back (the chair faces +x)
    assert min(p["wrist_l"][0], p["fingers_l"][0]) >= seat.lo[0] + 30.0  # off the post


@pytest.mark.parametrize("side", ["left", "right"])
def test_seated_twist_back_hand_is_drawn_holding_the_chair(side: str) -> None:
    """Round twenty-two's reviewers saw the back hand "hang in the air at the chair's lower
    edge instead of clearly holding the chair": it held the side of the chair back low down,
    where the picture showed it beside the chair, some 3 cm clear of it. It now holds the
    outer edge of the seat behind the hip. Round twenty-eight's still saw it "in mid-air
    beside the chair post" (its fingers drawn 26 mm outside the seat): now it rests on the
    seat's top, the whole hand drawn at least a hand's half-thickness inside the seat's
    outline, on each side, as the card shows it; seen from the front left as the player
    shows it (ab202), where the seat is drawn deeper than wide and the hand lies by its back
    corner, at least 20 mm inside (21 now): its physiotherapist saw the hand "resting on the
    seat near the chair back"."""
    pose = pose_of("seated-twist")
    drawing = turned_twist(side)
    if side == "left":  # the turned key's picture is the left side held (and the arrow)
        key = still_drawing(pose, len(pose.keys) - 1)
        bare = tuple(i for i in key.items if not (isinstance(i, Prop) and i.kind == "cue"))
        assert drawing == Drawing(bare, key.frame)
    back = "l" if side == "left" else "r"
    limbs = {item.part: item for item in drawing.items if isinstance(item, Limb)}
    hand = limbs[f"hand_{back}"]
    (x0, y0), (x1, y1) = hand.points[0], hand.points[-1]
    palm = ((x0 + x1) / 2, (y0 + y1) / 2)
    chair = [
        item.outline for item in drawing.items if isinstance(item, Prop) and item.kind == "chair"
    ]
    # the middle of the palm inside the chair's outline
    inside = max(inside_polygon(palm, outline) for outline in chair)
    assert inside >= 20.0, inside
    # and the whole hand, wrist to fingertips, inside one outline (the seat's)
    inside = max(min(inside_polygon(q, outline) for q in hand.points) for outline in chair)
    assert inside >= 20.0, inside
    if side == "left":  # the card: a hand's half-thickness inside
        card = still_drawing(card_pose(pose))
        limbs = {item.part: item for item in card.items if isinstance(item, Limb)}
        outlines = [i.outline for i in card.items if isinstance(i, Prop) and i.kind == "chair"]
        ends = limbs["hand_l"].points
        inside = max(min(inside_polygon(q, outline) for q in ends) for outline in outlines)
        assert inside >= 0.018 * sk.H, inside


def test_seated_twist_turns_the_drawn_shoulders_against_square_hips() -> None:
    """Round fifteen's reviewers saw the arms turn more than the trunk. In the turned key the
    hips stay square on the seat (the pelvis faces the chair's front, the knees side by
    side). Round twenty-one's read the card's turn as 90 degrees, or as none: the line
    between the shoulders was drawn 79 degrees off the line between the knees (the knees
    seen nearly end-on). From above and the front left the card draws the shoulder line
    22 to 31 degrees off the knee line and the hip line, about the gentle 22 degrees the
    chest turns (42 before round 31, 28 before rv47, when it was drawn 33 off), and sitting
    tall within 15 degrees of parallel to the knee line, so the picture shows the amount of
    the turn as well as its direction."""
    pose = pose_of("seated-twist")
    last = len(pose.keys) - 1
    body = key_body("seated-twist", last)
    assert abs(facing(body.frames["pelvis"])) <= 5.0  # the chair faces +x
    p = body.points
    assert abs(p["knee_l"][0] - p["knee_r"][0]) <= 30.0
    limbs, _ = still_parts("seated-twist", last)

    def angle(a: Point, b: Point) -> float:
        return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))

    def off(a: float, b: float) -> float:
        between = abs((a - b + 180.0) % 360.0 - 180.0)
        return min(between, 180.0 - between)

    shoulders = angle(limbs["upper_arm_l"].points[0], limbs["upper_arm_r"].points[0])
    hips = angle(limbs["thigh_l"].points[0], limbs["thigh_r"].points[0])
    knees = angle(limbs["shank_l"].points[0], limbs["shank_r"].points[0])
    # (rv47's physiotherapists saw the turn "large" drawn 33 degrees off both: now at most
    # 31; from the player's view nearer the front, 20.7 and 21.4, read as about 45 degrees)
    assert 18.0 <= off(shoulders, knees) <= 31.0, off(shoulders, knees)
    assert 18.0 <= off(shoulders, hips) <= 31.0, off(shoulders, hips)
    # both lines show as lines, not as points seen end-on
    for a, b in (("upper_arm_l", "upper_arm_r"), ("shank_l", "shank_r")):
        assert math.dist(limbs[a].points[0], limbs[b].points[0]) >= sk.HIP_HALF
    turn = abs(facing(body.frames["chest"]) - facing(body.frames["pelvis"]))
    assert 20.0 <= turn <= 25.0, turn
    # sitting tall, the two lines are drawn (nearly) parallel: the change between the keys
    # is the turn itself, not a trick of the view
    tall, _ = still_parts("seated-twist", 0)
    shoulders = angle(tall["upper_arm_l"].points[0], tall["upper_arm_r"].points[0])
    knees = angle(tall["shank_l"].points[0], tall["shank_r"].points[0])
    assert off(shoulders, knees) <= 15.0, off(shoulders, knees)


def test_seated_twist_turn_is_bounded_in_every_joint_that_makes_it() -> None:
    """tw2's brief: a blind physiotherapist read the card's twist as about 90 degrees, where a
    gentle seated twist for a sore back turns the shoulders some 30 to 45 degrees on the
    hips, the hips and knees square to the front, the head following the chest. Measured on
    the posed body (tw2) the turn is not large: the shoulder line turns 27 degrees on the
    knee line in the floor's plane (the trunk 22: the low back 5, the chest 17; the front
    shoulder's forward glide 5 more), the head turns with the chest and no joint turns the
    whole body or the thighs. This bounds that turn where any joint could add to it, so
    that a picture reading large is a matter of the view, not of the pose: the trunk's
    twist joints (low back at most 5, chest, neck) with the body's yaw sum to 20 to 25
    degrees, the chest faces 20 to 25 degrees off the chair's front (a chair facing +x), the
    shoulder line turns 20 to 32 degrees on the knee line (never the 42 of round 28), the
    face no further round than the chest, the pelvis and each thigh square to the chair's
    front (within 2 degrees) and the knees level across it."""
    pose = pose_of("seated-twist")
    last = len(pose.keys) - 1
    angles = pose.keys[last].angle_map()
    twist = sum(angles.get(j, 0.0) for j in ("lumbar_twist", "thoracic_twist", "neck_twist"))
    assert 20.0 <= twist + angles.get("body_yaw", 0.0) <= 25.0, twist
    assert abs(angles.get("lumbar_twist", 0.0)) <= 5.0
    body = key_body("seated-twist", last)
    f, p = body.frames, body.points

    def floor(v: sk.Vec) -> float:  # a direction's compass angle in the floor's plane
        return math.degrees(math.atan2(v[2], v[0]))

    def between(a: float, b: float) -> float:
        return abs((a - b + 180.0) % 360.0 - 180.0)

    assert 20.0 <= between(facing(f["chest"]), 0.0) <= 25.0, facing(f["chest"])
    assert between(facing(f["head"]), 0.0) <= between(facing(f["chest"]), 0.0) + 0.5
    shoulders = floor(sk.sub(p["shoulder_r"], p["shoulder_l"]))
    knees = floor(sk.sub(p["kneecap_r"], p["kneecap_l"]))
    assert 20.0 <= between(shoulders, knees) <= 32.0, (shoulders, knees)
    assert between(facing(f["pelvis"]), 0.0) <= 2.0
    assert between(knees, 90.0) <= 2.0  # the knee line square across the chair
    for s in "lr":
        assert between(floor(sk.sub(p[f"knee_{s}"], p[f"hip_{s}"])), 0.0) <= 2.0, s


def test_seated_twist_front_hand_rests_on_the_knee_with_a_soft_elbow() -> None:
    """Blind reviewers read the front arm as a lever: straight from the shoulder to the
    other knee (the elbow bent 23 degrees, drawn 14 degrees off straight, the wrist 98 % of
    the arm's length from the shoulder, the upper arm turned in to 1 degree from the end of
    its range), it looked as if it pulled the chest round, which the caution asks not to
    do. The hand now rests on the outside of the knee with the elbow soft: bent at least
    35 degrees, drawn at least 30 degrees off straight, the wrist no further than 95 % of
    the arm's length from the shoulder, and the shoulder well inside its turning range."""
    pose = pose_of("seated-twist")
    last = len(pose.keys) - 1
    angles = dict(pose.keys[last].angles)
    assert angles["elbow_flex_r"] >= 35.0
    assert -55.0 <= angles["shoulder_rot_r"] <= 75.0  # 15 degrees inside -70 to 90
    p = key_body("seated-twist", last).points
    reach = sk.dist(p["shoulder_r"], p["wrist_r"]) / (sk.UPPER_ARM + sk.FOREARM)
    assert reach <= 0.95, reach
    limbs, _ = still_parts("seated-twist", last)
    (ax, ay), (bx, by) = limbs["upper_arm_r"].points[0], limbs["upper_arm_r"].points[-1]
    cx, cy = limbs["forearm_r"].points[-1]
    upper = math.atan2(by - ay, bx - ax)
    fore = math.atan2(cy - by, cx - bx)
    bend = abs(math.degrees((fore - upper + math.pi) % (2 * math.pi) - math.pi))
    assert bend >= 30.0, bend


# ---- foam roll, glutes ----------------------------------------------------------------------


def test_foam_roll_glutes_sits_on_the_roller_the_crossed_knee_clear_of_the_body() -> None:
    """The crossed knee went into the body at chest level, the standing thigh did not show
    and the buttock sat in front of the roller: now the seat rests on top of the roller,
    the standing thigh shows its length and the crossed knee stands clear of the chest.
    Seen from the supporting leg's side, the crossed thigh lies beyond the pelvis and low
    waist, drawn behind them, and the supporting thigh in front of them."""
    pose = pose_of("foam-roll-glutes")
    for key in range(len(pose.keys)):
        k = pose.keys[key]
        state, *_ = drawing_module._state(pose, motion.Moment(k, k, 0.0, False))
        placed = state.placed
        assert placed.roller is not None
        seat = placed.body.points["seat"]
        # over the roller's top, not in front of it
        assert abs(seat[0] - placed.roller[0]) <= scene.ROLLER_R, key
        limbs, _ = still_parts("foam-roll-glutes", key)
        trunk = [limbs[p] for p in ("pelvis", "waist", "chest")]
        knee = limbs["thigh_l"].points[-1]
        assert gap_2d(knee, trunk[2]) >= 50.0, key
        items = still_drawing(pose, key).items
        parts = [getattr(i, "part", None) for i in items]
        for part in ("pelvis", "waist"):
            assert parts.index("thigh_l") < parts.index(part) < parts.index("thigh_r"), key
        (x0, y0), (x1, y1) = limbs["thigh_r"].points[0], limbs["thigh_r"].points[-1]
        assert math.hypot(x1 - x0, y1 - y0) >= 0.4 * sk.THIGH, key


def _drawn_cylinder(outline: tuple[Point, ...]) -> tuple[float, float, float]:
    """A drawn cylinder's length, diameter (its narrowest width across) and the angle of its
    axis from the horizontal (degrees, 0 to 90), from its outline."""

    def width(degrees: float) -> float:
        c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
        along = [x * c + y * s for x, y in outline]
        return max(along) - min(along)

    diameter, at = min((width(a), a) for a in range(180))
    axis = (at + 90) % 180
    return width(axis), diameter, min(axis, 180 - axis)


def test_foam_roll_glutes_card_shows_the_roller_lying_across_under_the_seat() -> None:
    """Seen from the crossed leg's side and from above, the roller showed only its end under
    the buttock, "a vertical post with the pelvis perched on top", and the crossed leg was
    one dark bar (blind review): the card now shows the roller's length lying across the mat
    under the seat, the crossed ankle on the other knee, both hands down with long arms."""
    pose = pose_of("foam-roll-glutes")
    items = still_drawing(pose).items
    roller = next(i for i in items if isinstance(i, Prop) and i.kind == "roller")
    length, diameter, tilt = _drawn_cylinder(roller.outline)
    assert length >= 2.0 * diameter, (length, diameter)
    assert tilt <= 45.0, tilt  # lying across the picture (84 degrees: a post standing up it)
    # the figure-4: the crossed ankle drawn resting on the other thigh (their outlines
    # touch), near its knee
    limbs = {i.part: i for i in items if isinstance(i, Limb)}
    ankle = limbs["shank_l"].points[-1]
    assert gap_2d(ankle, limbs["thigh_r"]) <= limbs["shank_l"].widths[-1] / 2 + 5.0
    assert math.dist(ankle, limbs["thigh_r"].points[-1]) <= 0.35 * sk.THIGH
    # its shin runs across the picture (less than 45 degrees from level), not up it as a
    # bar beside the trunk
    (sx, sy), (ax, ay) = limbs["shank_l"].points[0], ankle
    assert abs(ax - sx) >= abs(ay - sy)
    # both hands on the mat behind, the arms long (elbows nearly straight)
    still = len(pose.keys) - 1 if pose.still is None else pose.still
    p = key_body("foam-roll-glutes", still).points
    for s in "lr":
        assert p[f"fingers_{s}"][1] <= scene.MAT_T + scene.SINK_TOLERANCE, s
        shoulder, elbow, wrist = p[f"shoulder_{s}"], p[f"elbow_{s}"], p[f"wrist_{s}"]
        reach = sk.dist(shoulder, wrist)
        assert reach >= 0.98 * (sk.dist(shoulder, elbow) + sk.dist(elbow, wrist)), s


# ---- the renderer: a deeply bent knee ---------------------------------------------------------


def test_a_deeply_bent_knee_is_drawn_round_and_broad() -> None:
    """Knee to chest (then at 125 degrees): the thigh and the shin both taper to the knee, so
    folded onto each other they met in a sharp wedge, the knee the narrowest part of the leg.
    A deeply bent knee is now drawn as broad as the end of the thigh bone with the kneecap (a
    round knob wider than the thigh and the shin beside it), as the lying figure-4's crossed
    knee (128 degrees) shows; a knee at a right angle is unchanged."""
    pose = pose_of("figure-4")
    limbs, _ = still_parts("figure-4", key_index(pose, "ankle on knee"))
    bent = "l"  # the crossed leg (the left side is posed)
    assert pose.keys[key_index(pose, "ankle on knee")].angle_map()["knee_flex_l"] >= 120.0
    thigh, shank = limbs[f"thigh_{bent}"], limbs[f"shank_{bent}"]
    assert math.dist(thigh.points[-1], shank.points[0]) < 1.0  # they meet at the knee
    knee = min(thigh.widths[-1], shank.widths[0])
    assert knee >= 0.07 * sk.H
    # (broader than the shin at its ankle end: since round 41 a deeply bent shin is drawn
    # with its calf, whose belly, seen from the side, is about as broad as the knee)
    assert knee >= 1.15 * max(thigh.widths[0] * 0.6, shank.widths[-1])
    # sitting, the knee at a right angle keeps the limbs' own widths
    seated, _ = still_parts("seated-cat-cow", 0)
    for s in "lr":
        assert seated[f"shank_{s}"].widths[0] <= 0.06 * sk.H
        assert seated[f"thigh_{s}"].widths[-1] <= 0.061 * sk.H


def _extent(limb: Limb) -> tuple[float, float]:
    """A drawn limb's width and height in the picture (mm), round caps included."""
    xs = [
        x + k * w / 2 for (x, _), w in zip(limb.points, limb.widths, strict=True) for k in (-1, 1)
    ]
    ys = [
        y + k * w / 2 for (_, y), w in zip(limb.points, limb.widths, strict=True) for k in (-1, 1)
    ]
    return max(xs) - min(xs), max(ys) - min(ys)


def test_front_view_feet_read_alike_seen_from_the_front() -> None:
    """Standing side bend, seen from the front: one foot, pointing at the camera, was drawn
    end-on as a dot and the other, turned out a little more, as a wedge in profile. Both
    feet now read alike, as seen from the front: a low mound about a forefoot wide (wider
    than the ankle above it, not much taller than the instep), and a right side mirrored."""
    pose = pose_of("standing-side-bend")
    for key in range(len(pose.keys)):
        limbs, _ = still_parts("standing-side-bend", key)
        sizes = [_extent(limbs[f"foot_{s}"]) for s in "lr"]
        for s, (w, h) in zip("lr", sizes, strict=True):
            ankle = limbs[f"shank_{s}"].widths[-1]
            assert 0.055 * sk.H <= w <= 0.085 * sk.H, (key, s, w)
            assert w >= ankle + 0.015 * sk.H, (key, s, w, ankle)
            assert h <= 0.06 * sk.H, (key, s, h)
        (wl, hl), (wr, hr) = sizes
        assert max(wl, wr) / min(wl, wr) <= 1.25 and max(hl, hr) / min(hl, hr) <= 1.25, key


def test_front_view_trunk_ends_at_the_shoulders_with_the_head_on_a_neck() -> None:
    """Standing side bend, from the front: the chest's round top, as wide as the shoulders,
    rose to the chin, some 20 cm above the shoulder joints, so the raised arm seemed to
    leave the trunk at the armpit and the head sat on a corner of the trunk. Seen from the
    front the trunk now ends at the shoulders: the arms leave it at its top, a neck shows
    between it and the head, and the head sits on the trunk's axis. Seen from the side the
    chest keeps its length."""
    pose = pose_of("standing-side-bend")
    for key in range(len(pose.keys)):
        limbs, head = still_parts("standing-side-bend", key)
        chest = limbs["chest"]
        (x0, y0), (x1, y1) = chest.points[0], chest.points[-1]
        length = math.hypot(x1 - x0, y1 - y0)
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        top = chest.widths[-1] / 2  # the cap's reach past the chest's end, along its axis
        for s in "lr":
            sx, sy = limbs[f"upper_arm_{s}"].points[0]
            below = (x1 - sx) * ux + (y1 - sy) * uy + top  # shoulder joint below the top
            assert below <= 0.06 * sk.H, (key, s, below)
        hx, hy = head.center
        assert gap_2d((hx, hy), chest) - head.radius >= 0.01 * sk.H, key  # a neck shows
        off = abs((hx - x0) * uy - (hy - y0) * ux)  # from the trunk's axis
        assert off <= 0.03 * sk.H, (key, off)
    # from the side nothing changes: the chest reaches the neck's base
    body = key_body("seated-cat-cow", 0)
    limbs, _ = still_parts("seated-cat-cow", 0)
    neck = body.points["neck_base"]
    end = limbs["chest"].points[-1]
    assert abs(end[1] - neck[1]) <= 1.0


def test_standing_side_bend_glows_on_the_stretched_side_only() -> None:
    """The glow covered the whole trunk: it now lies along the stretched side only (the
    raised arm's side, long on the outside of the bend), from the top of the pelvis to the
    chest, over the trunk, and the other side does not glow; the right side glows on its
    own raised arm's side."""
    pose = pose_of("standing-side-bend")
    for key in range(len(pose.keys)):
        limbs, _ = still_parts("standing-side-bend", key)
        for part in ("pelvis", "waist", "chest"):
            assert not limbs[part].highlight, (key, part)
        assert "side_r" not in limbs
        band = limbs["side_l"]
        assert band.highlight
        chest = limbs["chest"]
        (x0, y0), (x1, y1) = limbs["waist"].points[0], chest.points[-1]
        ux, uy = (x1 - x0), (y1 - y0)

        def across(
            q: Point, x0: float = x0, y0: float = y0, ux: float = ux, uy: float = uy
        ) -> float:
            """Which side of the trunk's axis q lies on (> 0 left of it, in the picture)."""
            return ux * (q[1] - y0) - uy * (q[0] - x0)

        raised = across(limbs["upper_arm_l"].points[0])
        hanging = across(limbs["upper_arm_r"].points[0])
        assert raised * hanging < 0  # the shoulders lie either side of the axis
        assert all(across(q) * raised > 0 for q in band.points), key
        span = math.dist(band.points[0], band.points[-1])
        assert span >= 0.5 * math.hypot(ux, uy), key
    right = drawing_module.drawing_at(
        pose, phase=PhaseKind.STRETCH, elapsed_ms=9000, phase_ms=20000, rep_ms=0, side="right"
    )
    parts = {i.part for i in right.items if isinstance(i, Limb) and i.highlight}
    assert parts == {"side_r"}


def _closest3(q: sk.Vec, a: sk.Vec, b: sk.Vec) -> tuple[sk.Vec, float]:
    ab = sk.sub(b, a)
    t = sum(x * y for x, y in zip(sk.sub(q, a), ab, strict=True)) / sum(x * x for x in ab)
    t = min(1.0, max(0.0, t))
    return sk.add(a, sk.scale(ab, t)), t


def test_foam_roll_glutes_crosses_the_ankle_on_the_thigh_with_the_knee_low_and_out() -> None:
    """A figure-4 on the roller: the crossed ankle lies on top of the supporting thigh just
    short of its knee (it sat on the knee itself, sunk into it as the body rolled back), and
    the crossed knee falls out to the side no higher than it need be (it stood a whole
    thigh's length above the seat, at chest height), the shin nearly level across."""
    pose = pose_of("foam-roll-glutes")
    for key in range(len(pose.keys)):
        body = key_body("foam-roll-glutes", key)
        p = body.points
        on, t = _closest3(p["ankle_l"], p["hip_r"], p["knee_r"])
        assert 70.0 <= sk.dist(on, p["ankle_l"]) <= 115.0, key
        assert 0.7 <= t <= 0.92, (key, t)
        front = sk.apply(body.frames["thigh_r"], (1.0, 0.0, 0.0))
        assert sum(a * b for a, b in zip(sk.sub(p["ankle_l"], on), front, strict=True)) > 25.0
        assert p["knee_l"][1] - p["seat"][1] <= 0.86 * sk.THIGH, key
        assert p["knee_l"][1] - p["ankle_l"][1] <= 100.0, key
        assert p["knee_l"][2] - p["hip_l"][2] <= -0.6 * sk.THIGH, key  # out to its side


def _drawn_share(items: tuple[object, ...], part: str) -> tuple[float, float]:
    """How long a drawn limb is on the page, and how much of it is not painted over by a
    later part of the body other than its own arm (as shares of its true length)."""
    index = {getattr(item, "part", None): i for i, item in enumerate(items)}
    limb = items[index[part]]
    assert isinstance(limb, Limb)
    side = part[-1]
    own = {f"{name}_{side}" for name in ("upper_arm", "forearm", "hand", "thumb")}
    later = [
        item
        for item in items[index[part] + 1 :]
        if isinstance(item, (Limb, Head)) and getattr(item, "part", "") not in own
    ]
    drawn = shown = 0.0
    for a, b in zip(limb.points, limb.points[1:], strict=False):
        step = math.dist(a, b) / 20
        for k in range(20):
            q = (a[0] + (b[0] - a[0]) * (k + 0.5) / 20, a[1] + (b[1] - a[1]) * (k + 0.5) / 20)
            drawn += step
            covered = any(
                math.dist(q, item.center) <= item.radius
                if isinstance(item, Head)
                else gap_2d(q, item) < 0.0
                for item in later
            )
            shown += 0.0 if covered else step
    return drawn, shown


def test_foam_roll_glutes_draws_both_support_arms_long() -> None:
    """Both hands on the floor behind, both arms in view: seen from in front and the crossed
    leg's side, the far arm lay behind the trunk, only its hand showing beside the hip ("a
    small floating grey blob with no arm", blind review). Seen from the supporting leg's
    side, each arm, near and far, is drawn at least 3/5 of its length in every key of both
    sides, and each hand at least 35 % unhidden."""
    pose = pose_of("foam-roll-glutes")
    for right in (False, True):
        for key, k in enumerate(motion.side_keys(pose, right)):
            items = drawing_module._drawing(pose, motion.Moment(k, k, 0.0, right)).items
            for s in "lr":
                shown = 0.0
                for part in (f"upper_arm_{s}", f"forearm_{s}"):
                    _, v = _drawn_share(items, part)
                    shown += v
                true = sk.UPPER_ARM + sk.FOREARM
                assert shown >= 0.6 * true, (right, key, s, shown / true)
                d, v = _drawn_share(items, f"hand_{s}")
                assert v >= 0.35 * d, (right, key, s, v / d)


def _glutes_moments() -> list[tuple[bool, int, tuple[Item, ...]]]:
    """Each key pose of the glutes' rolling, both sides: (right, key, drawn items)."""
    pose = pose_of("foam-roll-glutes")
    return [
        (right, key, drawing_module._drawing(pose, motion.Moment(k, k, 0.0, right)).items)
        for right in (False, True)
        for key, k in enumerate(motion.side_keys(pose, right))
    ]


def _in_polygon(q: Point, polygon: tuple[Point, ...]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > q[1]) != (y2 > q[1]) and q[0] < x1 + (x2 - x1) * (q[1] - y1) / (y2 - y1):
            inside = not inside
    return inside


def test_foam_roll_glutes_keeps_the_head_neutral_looking_forward() -> None:
    """Leaning back on the hands, the head sits neutral with the gaze forward: the face
    turns at most 15 degrees up from level (it looked 40 degrees up at the ceiling, the neck
    bent back while the weight was on the arms)."""
    pose = pose_of("foam-roll-glutes")
    for key in range(len(pose.keys)):
        body = key_body("foam-roll-glutes", key)
        forward = sk.apply(body.frames["head"], (1.0, 0.0, 0.0))
        up = math.degrees(math.asin(max(-1.0, min(1.0, forward[1]))))
        assert -10.0 <= up <= 15.0, (key, up)


def test_foam_roll_glutes_plants_both_hands_on_the_drawn_mat() -> None:
    """Both hands, near and far, lie on the drawn mat in every key of both sides (the far
    hand lay at or past the mat's back edge, as if floating)."""
    for right, key, items in _glutes_moments():
        mat = next(i for i in items if isinstance(i, Prop) and i.kind == "mat")
        hands = [i for i in items if isinstance(i, Limb) and i.part.startswith("hand_")]
        assert len(hands) == 2
        for hand in hands:
            for q in hand.points:
                assert _in_polygon(q, mat.outline), (right, key, hand.part, q)


def test_foam_roll_glutes_drops_the_crossed_knee_out_not_up() -> None:
    """The crossed knee drops out to the side: in the room the thigh stays well away from
    vertical (it pointed nearly straight up beside the trunk). Seen from the supporting
    leg's side, a knee dropped out to the far side rises on the page, so there the knee
    stands well clear of the trunk (15 cm) and no further back than its hip: the thigh
    does not lean back over the chest."""
    for right, key, items in _glutes_moments():
        s = "r" if right else "l"
        limbs = {i.part: i for i in items if isinstance(i, Limb)}
        (hip_x, _), knee = limbs[f"thigh_{s}"].points[0], limbs[f"thigh_{s}"].points[-1]
        assert gap_2d(knee, limbs["chest"]) >= 150.0, (right, key)
        assert gap_2d(knee, limbs["waist"]) >= 150.0, (right, key)
        # forward: toward the supporting foot
        forward = 1.0 if limbs["foot_l" if right else "foot_r"].points[-1][0] > hip_x else -1.0
        assert (knee[0] - hip_x) * forward >= 0.0, (right, key)
    pose = pose_of("foam-roll-glutes")
    for key in range(len(pose.keys)):
        p = key_body("foam-roll-glutes", key).points
        up = sk.sub(p["knee_l"], p["hip_l"])
        assert math.degrees(math.acos(up[1] / math.hypot(*up))) >= 50.0, key


def test_foam_roll_glutes_far_thigh_crosses_the_roller_not_along_it() -> None:
    """The far thigh, grey like the roller, crosses its line on the page at 30 degrees or
    more: run on along it (12 to 22 degrees) it seemed to grow out of the roller's end."""
    for right, key, items in _glutes_moments():
        o = "l" if right else "r"
        roller = next(i for i in items if isinstance(i, Prop) and i.kind == "roller")
        a, b = max(
            ((p, q) for p in roller.outline for q in roller.outline), key=lambda pq: math.dist(*pq)
        )
        axis = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
        thigh = next(i for i in items if isinstance(i, Limb) and i.part == f"thigh_{o}")
        (x0, y0), (x1, y1) = thigh.points[0], thigh.points[-1]
        turn = abs((math.degrees(math.atan2(y1 - y0, x1 - x0)) - axis + 90.0) % 180.0 - 90.0)
        assert turn >= 30.0, (right, key, turn)


def test_foam_roll_glutes_draws_the_figure_4_ankle_on_knee() -> None:
    """The crossed leg reads as a figure-4 at card size, not "knee over knee": seen from the
    crossed leg's side at 30 degrees up, its thigh ran straight on to the supporting knee and
    the shin carried on past it as a stub (54 to 59 % of its length, bent 5 to 12 degrees
    from the thigh's line). Now the shin is drawn long across the picture, bent well away
    from the thigh (a "4", not one straight line), the thigh does not lie along the line to
    the supporting knee, and the crossed ankle and its foot show on the supporting thigh."""
    for right, key, items in _glutes_moments():
        s, o = ("r", "l") if right else ("l", "r")
        limbs = {i.part: i for i in items if isinstance(i, Limb)}
        thigh, shin, under = limbs[f"thigh_{s}"], limbs[f"shank_{s}"], limbs[f"thigh_{o}"]

        def heading(a: Point, b: Point) -> float:
            return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))

        def turn(a: float, b: float) -> float:
            return abs((a - b + 180.0) % 360.0 - 180.0)

        hip, knee, ankle = thigh.points[0], thigh.points[-1], shin.points[-1]
        assert math.dist(knee, ankle) >= 0.7 * sk.SHANK, (right, key)
        bend = turn(heading(knee, ankle), heading(hip, knee))
        assert 40.0 <= bend <= 150.0, (right, key, bend)  # a "4": neither straight nor folded
        to_support_knee = heading(hip, under.points[-1])
        assert turn(heading(hip, knee), to_support_knee) >= 40.0, (right, key)
        # the crossed ankle rests on the drawn supporting thigh (their outlines touch), its
        # foot shown, not hidden
        assert gap_2d(ankle, under) <= shin.widths[-1] / 2 + 5.0, (right, key)
        d, v = _drawn_share(items, f"foot_{s}")
        assert d >= 0.5 * sk.FOOT and v >= 0.6 * d, (right, key, d, v)


def _uncovered(limb: Limb, over: list[Limb | Head]) -> float:
    """The share of a drawn limb's area that none of `over` paints over (sampled on a grid)."""
    own = list(drawn_circles([limb]))
    cover = list(drawn_circles([i for i in over if isinstance(i, Limb)]))
    cover += [(i.center[0], i.center[1], i.radius) for i in over if isinstance(i, Head)]
    x0 = min(cx - r for cx, _, r in own)
    x1 = max(cx + r for cx, _, r in own)
    y0 = min(cy - r for _, cy, r in own)
    y1 = max(cy + r for _, cy, r in own)

    def inside(x: float, y: float, circles: list[tuple[float, float, float]]) -> bool:
        return any((x - cx) ** 2 + (y - cy) ** 2 <= r * r for cx, cy, r in circles)

    n = 40
    grid = [
        (x0 + (x1 - x0) * (i + 0.5) / n, y0 + (y1 - y0) * (j + 0.5) / n)
        for i in range(n)
        for j in range(n)
    ]
    mine = [q for q in grid if inside(*q, own)]
    return sum(not inside(*q, cover) for q in mine) / len(mine)


def _flexion(a: sk.Vec, joint: sk.Vec, b: sk.Vec) -> float:
    """How far a joint bends, in degrees (0: straight), from the points either side of it."""
    u, v = sk.sub(a, joint), sk.sub(b, joint)
    cos = sum(x * y for x, y in zip(u, v, strict=True)) / (math.hypot(*u) * math.hypot(*v))
    return 180.0 - math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def test_foam_roll_glutes_rolls_with_the_supporting_leg_the_arms_long() -> None:
    """The to-and-fro came from the arms: as the pelvis went over the roller the elbows bent
    from straight to 52 degrees, "the to-and-fro reads as the elbows bending" (blind
    review). Through two rolling cycles of both sides, the pelvis travels at least 6 cm over
    the roller while the elbows stay soft (at most 30 degrees bent), the hands planted, and
    the supporting knee, its foot planted, bends and straightens by 10 degrees or more: the
    planted leg moves the body."""
    pose = pose_of("foam-roll-glutes")
    for side in ("left", "right"):
        o = "l" if side == "right" else "r"
        pelvis: list[sk.Vec] = []
        elbows: list[float] = []
        knee: list[float] = []
        hands: list[sk.Vec] = []
        for _, _, at in rolling_moments("foam-roll-glutes", sides=(side,)):
            p = drawing_module.body_at(pose, **at)[1].body.points
            pelvis.append(p["hip_c"])
            elbows += [_flexion(p[f"shoulder_{s}"], p[f"elbow_{s}"], p[f"wrist_{s}"]) for s in "lr"]
            knee.append(_flexion(p[f"hip_{o}"], p[f"knee_{o}"], p[f"ankle_{o}"]))
            hands += [p["wrist_l"], p["wrist_r"]]
        travel = max(math.dist(a, b) for a in pelvis for b in pelvis)
        assert travel >= 60.0, (side, travel)
        assert max(elbows) <= 30.0, (side, max(elbows))
        assert max(knee) - min(knee) >= 10.0, (side, knee)
        assert max(math.dist(h, hands[i % 2]) for i, h in enumerate(hands)) <= 5.0, side


def test_foam_roll_glutes_crossed_leg_reads_as_a_4_seen_from_the_supporting_side() -> None:
    """Seen from in front and the crossed leg's side, the crossed thigh pointed at the camera
    and was drawn 6 % of its length: the leg read as "one straight bar from hip to ankle with
    no knee bend, a straight leg held in the air" (blind review). Through two rolling cycles
    of both sides: the crossed thigh is drawn at least 60 % of its length, its knee clearly
    bent on the page (30 to 120 degrees between thigh and shin, neither straight nor folded
    flat), the crossed ankle drawn over the supporting thigh, touching it, within a third of
    a thigh of its knee; both hands rest on the mat (within a few mm); and the pelvis, where
    the crossed buttock's glow lies, shows: at least 60 % of it not hidden by a leg, an arm
    or the head (the glow's own marks, drawn over it, hide nothing)."""
    pose = pose_of("foam-roll-glutes")
    for side, t, at in rolling_moments("foam-roll-glutes"):
        s, o = ("r", "l") if side == "right" else ("l", "r")
        _, placed = drawing_module.body_at(pose, **at)
        body = placed.body
        items = drawing_module.drawing_at(pose, **at).items
        parts = [getattr(i, "part", None) for i in items]
        limbs = {i.part: i for i in items if isinstance(i, Limb)}
        thigh, shin, under = limbs[f"thigh_{s}"], limbs[f"shank_{s}"], limbs[f"thigh_{o}"]
        hip, knee, ankle = thigh.points[0], thigh.points[-1], shin.points[-1]
        true = sk.dist(body.points[f"hip_{s}"], body.points[f"knee_{s}"])
        assert math.dist(hip, knee) >= 0.6 * true, (side, t, math.dist(hip, knee) / true)
        a = (hip[0] - knee[0], hip[1] - knee[1])
        b = (ankle[0] - knee[0], ankle[1] - knee[1])
        cos = (a[0] * b[0] + a[1] * b[1]) / (math.hypot(*a) * math.hypot(*b))
        angle = math.degrees(math.acos(max(-1.0, min(1.0, cos))))
        assert 30.0 <= angle <= 120.0, (side, t, angle)
        assert gap_2d(ankle, under) <= shin.widths[-1] / 2 + 5.0, (side, t)
        assert math.dist(ankle, under.points[-1]) <= 0.35 * sk.THIGH, (side, t)
        for part in (f"shank_{s}", f"foot_{s}"):
            assert parts.index(part) > parts.index(f"thigh_{o}"), (side, t, part)
        for hand in ("hand_l", "hand_r"):
            c, r = scene._part_point(body, hand, 0.5)
            assert abs(c[1] - r - scene.MAT_T) <= 5.0, (side, t, hand)
        at_pelvis = parts.index("pelvis")
        over = [
            i
            for i in items[at_pelvis + 1 :]
            if isinstance(i, Head)
            or (
                isinstance(i, Limb)
                and i.part not in TRUNK_AND_NECK
                and not i.part.startswith(("buttock_", "outer_hip_"))
            )
        ]
        shown = _uncovered(limbs["pelvis"], over)
        assert shown >= 0.6, (side, t, shown)


TRUNK_AND_NECK = ("pelvis", "waist", "chest", "neck")


def test_standing_back_bend_shows_no_desk_and_keeps_the_head_in_line() -> None:
    """No desk: the steps offer one for balance, but with both hands on the low back it was
    never touched, and rv36 to rv39 asked what it was for (in front, "lean on it or push
    against it?"; behind, rv35, "a thing to bump into"). In the bend the head follows the
    chest but the gaze stays near level: rv35 and rv36 read the face turned 20 degrees
    further up than standing tall as the head tipped back (more than the trunk); round 28
    bent the neck 27 degrees forward off the chest and the bend read as in the neck. The
    drawn face turns up at most 12 degrees more than standing tall, the head off the
    chest's line at most 15 more."""
    pose = pose_of("standing-back-extension")
    assert not pose.props
    for key in range(len(pose.keys)):
        k = pose.keys[key]
        state, *_ = drawing_module._state(pose, motion.Moment(k, k, 0.0, False))
        assert not [box for box in state.boxes if box.kind == "desk"], key

    def head_angles(key: int) -> tuple[float, float]:
        """(how far the head turns off the chest's line, how far up the face points)."""
        drawing = still_drawing(pose, key)
        limbs = {i.part: i for i in drawing.items if isinstance(i, Limb)}
        head = next(i for i in drawing.items if isinstance(i, Head))
        (cx0, cy0), (cx1, cy1) = limbs["chest"].points[0], limbs["chest"].points[-1]
        nx, ny = limbs["neck"].points[0]
        chest = math.degrees(math.atan2(cy1 - cy0, cx1 - cx0))
        neck = math.degrees(math.atan2(head.center[1] - ny, head.center[0] - nx))
        (ax, ay), (bx, by) = limbs["nose"].points[0], limbs["nose"].points[-1]
        face = math.degrees(math.atan2(by - ay, abs(bx - ax)))
        return (neck - chest + 180.0) % 360.0 - 180.0, face

    (off_tall, face_tall), (off_bend, face_bend) = head_angles(0), head_angles(len(pose.keys) - 1)
    assert face_bend - face_tall <= 12.0, (face_tall, face_bend)
    assert 0.0 <= off_bend - off_tall <= 15.0, (off_tall, off_bend)


def test_seated_twist_keeps_the_far_shoulder_down_and_the_lumbar_turn_small() -> None:
    """rv41's reviewers saw "the left shoulder hiked up to chin height": the front hand's
    shoulder, the far one, was drawn 16 mm below the head's disc (seen 35 degrees from
    above, the far shoulder rises in the picture, and reaching to the knee the upper arm
    started at the chin). Seen from 30 degrees up, the shoulder a little forward round the
    chest (protracted 10 degrees, as reaching across to the knee draws it), it is drawn at
    least 40 mm below the disc. The turn lies mostly in the chest: the lumbar spine turns
    little (some 5 degrees each way in the clinical norms), the thoracic spine the rest."""
    limbs, head = still_parts("seated-twist", 1)
    far = limbs["upper_arm_r"].points[0]
    below = head.center[1] - head.radius - far[1]
    assert below >= 40.0, below
    angles = pose_of("seated-twist").keys[1].angle_map()
    assert abs(angles.get("lumbar_twist", 0.0)) <= 5.0
    assert abs(angles.get("thoracic_twist", 0.0)) >= 3 * abs(angles.get("lumbar_twist", 0.0))


def test_seated_twist_caution_keeps_the_hips_and_knees_facing_forward_in_every_language() -> None:
    """rv41's reviewers read the picture as the pelvis turning with the chest; the figure
    keeps the pelvis square to the knees and only the trunk turns, and the caution says so
    too, in all four languages: the hips and the knees stay facing forward."""
    stretch = STRETCHES["seated-twist"]
    assert "hips and knees facing forward" in stretch.caution
    words = {"de": ("Hüfte", "Knie"), "fr": ("hanches", "genoux"), "es": ("caderas", "rodillas")}
    for code, (hips, knees) in words.items():
        caution = stretch.translations.for_language(code)["caution"]
        assert hips in caution and knees in caution, code
