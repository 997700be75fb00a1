"""Hands and feet that read on a library card (blind review: "hands and feet are 2-5 px on a
card: a client cannot see where the hands are placed or which way the feet point"), measured
as the renderer draws them at 160x120, and still resting on what they rest on."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath

from stretchapp.core.body import skeleton as sk
from stretchapp.core.drawing import Drawing, Head, Limb, Prop, still_drawing
from stretchapp.ui.figure import fit, limb_path
from tests.core.figure_bodies import STRETCHES, pose_of
from tests.figure_geometry import gap_2d, inside_polygon

CARD = QRectF(0, 0, 160, 120)
# hands that lie on the trunk (on the belly, the hip bones) keep their true size: a fuller near
# hand there hid the far one beside it (hands flat on the low back, the standing back bend's,
# are drawn full: at their true size they read as fists, bb3)
ON_THE_TRUNK = {"constructive-rest", "pelvic-tilt"}
# keys of other stretches whose hands rest on the trunk (knee to chest starts with the hands on
# the belly: lying by the hips, a physiotherapist read them as a second pair of feet)
ON_THE_TRUNK_KEYS = {("knee-to-chest", 0)}
# near hands cradling the back of the head, drawn as a band round under the skull from the
# upper arm (drawing.py CUP_RADIUS), hidden behind the head but for its rim: not a mitten
# (tests/core/test_figure_lying.py checks the band)
ROUND_THE_SKULL = {("foam-roll-upper-back", "l")}
# near hands clasped behind a raised thigh, drawn on from the forearm as a band round its back
# edge (drawing.py HUG_OUT), hidden behind the thigh but for the fingers past that edge: not a
# mitten (tests/core/test_figure_lying.py checks the band)
ROUND_THE_THIGH = {("knee-to-chest", 1, "l")}


def card_keys() -> list[tuple[str, int, Drawing]]:
    return [
        (stretch_id, key, still_drawing(pose_of(stretch_id), key))
        for stretch_id in sorted(STRETCHES)
        for key in range(len(pose_of(stretch_id).keys))
    ]


def area(path: QPainterPath) -> float:
    """The filled area of a path (its own units squared)."""
    total = 0.0
    for polygon in path.simplified().toFillPolygons():
        pts = [(polygon[i].x(), polygon[i].y()) for i in range(polygon.size())]
        total += abs(
            sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(pts, pts[1:] + pts[:1], strict=True))
        )
    return total / 2


def parts(drawing: Drawing) -> dict[str, Limb]:
    return {item.part: item for item in drawing.items if isinstance(item, Limb)}


def test_every_hand_is_a_mitten_big_enough_to_see_on_a_card() -> None:
    """Each hand with its thumb covers at least 25 px² of a 160x120 card and is at least
    3.7 px across the palm (before: down to 17 px² and 3.0 px, a 2-5 px blob); hands lie
    widest across the palm, narrow at the wrist, and reach near the hand's true length."""
    for stretch_id, key, drawing in card_keys():
        if stretch_id in ON_THE_TRUNK or (stretch_id, key) in ON_THE_TRUNK_KEYS:
            continue
        px = fit(drawing.frame, CARD).m11()  # pixels per millimetre
        limbs = parts(drawing)
        for s in "lr":
            if (stretch_id, s) in ROUND_THE_SKULL or (stretch_id, key, s) in ROUND_THE_THIGH:
                continue
            hand, thumb = limbs[f"hand_{s}"], limbs[f"thumb_{s}"]
            drawn = area(limb_path(hand).united(limb_path(thumb))) * px * px
            assert drawn >= 25.0, (stretch_id, key, s, drawn)
            assert max(hand.widths) * px >= 3.7, (stretch_id, key, s, max(hand.widths) * px)
            assert max(hand.widths) >= 0.045 * sk.H, (stretch_id, key, s)
            assert hand.widths[0] < 0.5 * max(hand.widths), (stretch_id, key, s)


@pytest.mark.parametrize("key", [0, 1, 2])
def test_cat_cow_s_planted_hands_lie_flat_on_the_mat_line(key: int) -> None:
    """The planted hands' undersides lie on the mat's top, level from palm to fingertips, as
    the knees do (before, the fingers ran on down through the mat to the floor, 10 mm under
    its top); the fingers point forward, toward the head."""
    drawing = still_drawing(pose_of("cat-cow"), key)
    mat = next(i for i in drawing.items if isinstance(i, Prop) and i.kind == "mat")
    top = max(y for _, y in mat.outline)
    limbs = parts(drawing)
    head = next(i for i in drawing.items if isinstance(i, Head))
    ahead = 1.0 if head.center[0] > limbs["pelvis"].points[0][0] else -1.0
    for s in "lr":
        hand = limbs[f"hand_{s}"]
        undersides = [p[1] - w / 2 for p, w in zip(hand.points[1:], hand.widths[1:], strict=True)]
        for y in undersides:
            assert abs(y - top) <= 3.0, (s, y, top)
        forward = (hand.points[-1][0] - hand.points[0][0]) * ahead
        assert forward >= 0.6 * sk.HAND, (s, forward)


def test_hands_on_the_thighs_still_rest_on_them() -> None:
    """Seated, the fuller hands still rest on the thighs: their edge within 14 mm of the
    thigh's, not sunk into it."""
    pose = pose_of("seated-cat-cow")
    for key in range(len(pose.keys)):
        limbs = parts(still_drawing(pose, key))
        for s in "lr":
            hand, thigh = limbs[f"hand_{s}"], limbs[f"thigh_{s}"]
            gap = min(
                gap_2d(p, thigh) - w / 2 for p, w in zip(hand.points, hand.widths, strict=True)
            )
            assert -5.0 <= gap <= 14.0, (key, s, gap)


def test_every_foot_shows_its_heel_and_toes_at_card_size() -> None:
    """Each foot covers at least 20 px² of a 160x120 card (before: down to 16 px²), and seen
    from the side it is a clear wedge: toes at most 0.6 as thick as the heel (before 0.79,
    heel and toes nearly alike, so which way it pointed was a guess)."""
    for stretch_id, key, drawing in card_keys():
        px = fit(drawing.frame, CARD).m11()
        limbs = parts(drawing)
        for s in "lr":
            foot = limbs[f"foot_{s}"]
            drawn = area(limb_path(foot)) * px * px
            assert drawn >= 20.0, (stretch_id, key, s, drawn)
            (hx, hy), (tx, ty) = foot.points[0], foot.points[-1]
            if math.hypot(tx - hx, ty - hy) >= 0.1 * sk.H:  # seen from the side
                assert foot.widths[-1] <= 0.6 * foot.widths[0], (stretch_id, key, s)


@pytest.mark.parametrize(
    ("stretch_id", "surface"),
    [
        ("glute-bridge", "mat"),
        ("seated-cat-cow", "floor"),
        ("standing-back-extension", "floor"),
        ("standing-side-bend", "floor"),
    ],
)
def test_feet_flat_on_the_floor_keep_their_sole_on_it(stretch_id: str, surface: str) -> None:
    """The fuller heel and instep and the thinner toes keep the sole where it was: the foot's
    underside on the mat or floor it stands on, within 2.5 mm, neither sunk in nor lifted.
    Seen from a little above (a patch of floor, not a line), the sole lies on the patch."""
    pose = pose_of(stretch_id)
    for key in range(len(pose.keys)):
        drawing = still_drawing(pose, key)
        prop = next(i for i in drawing.items if isinstance(i, Prop) and i.kind == surface)
        top = max(y for _, y in prop.outline)
        limbs = parts(drawing)
        for s in "lr":
            foot = limbs[f"foot_{s}"]
            low = min(
                zip(foot.points, foot.widths, strict=True), key=lambda pw: pw[0][1] - pw[1] / 2
            )
            sole = low[0][1] - low[1] / 2
            if (pose.elevation or 0.0) > 0.0:
                assert inside_polygon((low[0][0], sole), prop.outline) >= 0.0, (key, s)
                continue
            assert abs(sole - top) <= 2.5, (key, s, sole, top)
