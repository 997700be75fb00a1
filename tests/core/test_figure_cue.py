"""The motion cue: a soft curved arrow beside a figure that moves (a pelvic tilt's pelvis
rocking back), derived from the key poses through the figure's own camera and placement."""

from __future__ import annotations

import dataclasses
import math
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from figure_bodies import STRETCHES, drawn_circles, pose_of, rep_ms, rolling_moments, trunk_top

from stretchapp.core import cue
from stretchapp.core.body import skeleton as sk
from stretchapp.core.body.pose import StretchPose
from stretchapp.core.drawing import (
    TRUNK,
    Drawing,
    Head,
    Layer,
    Limb,
    Prop,
    card_pose,
    decode_drawing,
    drawing_at,
    encode_drawing,
    frame_of,
    still_drawing,
)
from stretchapp.core.paths import Paths
from stretchapp.core.routines import check_files, load_library, pose_data
from stretchapp.core.session import PhaseKind
from tests.figure_geometry import gap_2d

TILT = "pelvic-tilt"
NEAR_MM = 0.2 * 1750  # the arrow's ends lie this close to where the cued point is drawn
# pelvic tilt shows a rock (a curved arrow round the pelvis); the same stretch cued by the
# front of its pelvis shows a path arrow, by the small of its back a press (pushed down)
ROCK = dataclasses.replace(pose_of(TILT), cue="pelvis_front")
PRESS = dataclasses.replace(pose_of(TILT), cue="low_back_press")


def arrows(drawing: Drawing) -> list[Prop]:
    return [i for i in drawing.items if isinstance(i, Prop) and i.kind == "cue"]


def playing(
    stretch_id: str, elapsed_ms: int, side: str | None = "left", pose: StretchPose | None = None
) -> Drawing:
    stretch = STRETCHES[stretch_id]
    return drawing_at(
        pose or pose_of(stretch_id),
        phase=PhaseKind.STRETCH,
        elapsed_ms=elapsed_ms,
        phase_ms=60_000,
        rep_ms=rep_ms(stretch),
        side=side,
    )


def tail_and_tip(arrow: Prop) -> tuple[tuple[float, float], tuple[float, float]]:
    """The middle of the round tail and the arrowhead's point, from the drawn outline (the
    band's left edge, the head's three soft corners of five points each, the right edge
    back, the tail's cap of seven)."""
    n = (len(arrow.outline) - 15 - 7) // 2
    left, right = arrow.outline[:n], arrow.outline[n + 15 : 2 * n + 15]
    tail = ((left[0][0] + right[-1][0]) / 2, (left[0][1] + right[-1][1]) / 2)
    return tail, arrow.outline[n + 7]


def both_heads(arrow: Prop) -> tuple[tuple[float, float], tuple[float, float]]:
    """A two-headed arrow's tips: its line's first point's, then its last point's (the
    outline: the band's left edge, the last point's head of 15 points, the right edge back,
    the first point's head)."""
    n = cue.SAMPLES
    assert len(arrow.outline) == 2 * n + 30, "one head where two were wanted"
    return arrow.outline[-8], arrow.outline[n + 7]


def ring_of(arrow: Prop) -> tuple[tuple[float, float], float]:
    """The circle an arrow's band follows: its centre and radius."""
    line = band_line(arrow)
    fit = cue._circle(line[0], line[len(line) // 2], line[-1])
    assert fit is not None
    return fit


def rock_card(card: Prop, arrow: Prop) -> bool:
    """A rock's card arrow (core/cue.py, ROCKS) is a ring round the whole pelvis with a head
    at each end (the tilt and its release), a wider one than the full-size `arrow`'s at the
    pelvis (ROCK_AT_PELVIS), round the same middle."""
    both_heads(card)
    (c_card, r_card), (c_arrow, r_arrow) = ring_of(card), ring_of(arrow)
    return math.dist(c_card, c_arrow) < 0.02 * 1750 and r_card > r_arrow


def test_pelvic_tilt_plays_with_one_arrow_that_stays_put_through_the_repetition() -> None:
    period = rep_ms(STRETCHES[TILT])
    found = [tuple(arrows(playing(TILT, period * k // 40))) for k in range(40)]
    assert all(len(f) == 1 for f in found)
    # one arrow the way in, the same one turned round the way back (it points the way the
    # pelvis rocks now): it changes once each way, never flickering
    changes = sum(1 for a, b in zip(found, found[1:] + found[:1], strict=True) if a != b)
    assert len(set(found)) == 2 and changes == 2, changes
    (tail, tip), (back_tail, back_tip) = (tail_and_tip(f[0]) for f in dict.fromkeys(found))
    assert math.dist(back_tip, tail) < cue.SOFT and math.dist(back_tail, tip) < cue.SOFT
    shown = found[0]
    # over the whole body, drawn last (the ring round the pelvis passes over the thigh's root
    # and the hands: see the test of its place below)
    drawing = playing(TILT, 0)
    assert drawing.items[-1] == shown[0]


def test_the_arrow_follows_the_cued_point_from_the_first_key_to_the_second() -> None:
    pose = ROCK
    p0, pm, p1 = cue.cue_path(pose, False)
    (arrow,) = arrows(playing(TILT, 0, pose=pose))
    tail, tip = tail_and_tip(arrow)
    # near the cued point's drawn positions in the two keys
    assert math.dist(tail, p0) < NEAR_MM and math.dist(tip, p1) < NEAR_MM
    # turning about the same pivot as the point, the same way (first key to second), and at
    # least as far
    fit = cue._circle(p0, pm, p1)
    assert fit is not None
    (cx, cy), _r = fit

    def angle(p: tuple[float, float]) -> float:
        return math.atan2(p[1] - cy, p[0] - cx)

    def turn(a: tuple[float, float], b: tuple[float, float]) -> float:
        return (angle(b) - angle(a) + math.pi) % (2 * math.pi) - math.pi

    moved, shown = turn(p0, p1), turn(tail, tip)
    assert moved * shown > 0 and abs(shown) >= abs(moved) - 1e-6
    # the pelvis tilts back: the front of the pelvis rises toward the ribs (the head: +x)
    assert p1[0] > p0[0] and p1[1] > p0[1]
    assert tip[0] > tail[0]


@pytest.mark.parametrize("pose", [pose_of(TILT), PRESS, ROCK], ids=["rock", "press", "path"])
def test_the_right_side_shows_the_arrow_mirrored_exactly(pose: StretchPose) -> None:
    x0, _, x1, _ = frame_of(pose)
    (left,) = arrows(playing(TILT, 0, "left", pose))
    (right,) = arrows(playing(TILT, 0, "right", pose))
    assert right.outline == tuple((x0 + x1 - x, y) for x, y in left.outline)
    # and the right side's cued point is drawn where the left one's mirror image is
    for (lx, ly), (rx, ry) in zip(
        cue.cue_path(pose_of(TILT), False), cue.cue_path(pose_of(TILT), True), strict=True
    ):
        assert rx == pytest.approx(x0 + x1 - lx, abs=0.5) and ry == pytest.approx(ly, abs=0.5)


def test_no_arrow_on_a_hold_before_the_movement_or_without_a_cue() -> None:
    pose = pose_of(TILT)
    for phase in (PhaseKind.GET_READY, PhaseKind.REST):
        d = drawing_at(pose, phase=phase, elapsed_ms=0, phase_ms=5000, rep_ms=8000, side=None)
        assert arrows(d) == []
    # the same stretch held (a routine's entry may turn it into a hold)
    held = drawing_at(
        pose, phase=PhaseKind.STRETCH, elapsed_ms=9000, phase_ms=30000, rep_ms=0, side=None
    )
    assert arrows(held) == []
    for stretch_id, stretch in STRETCHES.items():
        # (a hold that keeps moving, rolling on a roller, may show its arrow: see below)
        if stretch.hold is not None and not pose_of(stretch_id).cycle_ms:
            assert arrows(playing(stretch_id, 9000)) == [], stretch_id
            # (a twist's card shows its turn, a side bend's its bend: see their tests below)
            if pose_of(stretch_id).cue not in cue.HOLD_CUES:
                assert arrows(still_drawing(pose_of(stretch_id))) == [], stretch_id


OVER_ROCK = ("thigh", "hand", "thumb", "forearm")  # what a rock's ring may be drawn over
# ... at full size, at the pelvis itself: over the trunk's side too (the pelvis, the waist,
# the two-headed ring's head reaching the lowest ribs), never the upper arm, legs or head
OVER_ROCK_AT_PELVIS = (*OVER_ROCK, "pelvis", "waist", "chest")


def trunk_bottom(trunk: list[Limb], x: float) -> float:
    """The bottom of the drawn trunk's outline at `x`: lying on the back, the low back over
    the room under it."""
    return min(
        (
            cy - math.sqrt(r * r - (x - cx) ** 2)
            for cx, cy, r in drawn_circles(trunk)
            if abs(x - cx) <= r
        ),
        default=-math.inf,  # (no trunk there: no room under it)
    )


@pytest.mark.parametrize("pose", [pose_of(TILT), PRESS, ROCK], ids=["rock", "press", "path"])
def test_the_arrow_covers_no_limb_nor_the_head_nor_the_room_under_the_low_back(
    pose: StretchPose,
) -> None:
    (arrow,) = arrows(playing(TILT, 0, pose=pose))
    (card,) = arrows(still_drawing(pose))  # the card shows it too
    rock = pose.cue in cue.ROCKS
    if rock:
        assert rock_card(card, arrow)  # (with a head at each end: see ROCKS)
    else:
        assert card == arrow
    for k in range(len(pose.keys)):
        drawing = still_drawing(pose, k)
        # the detail page's keys: the way into each (a path arrow back on the way back), the
        # starting position none; a rock's tilted key, the whole rock (ROCK_AT_PELVIS)
        if k == 0:
            assert arrows(drawing) == []
            drawing = playing(TILT, 0, pose=pose)  # (the player shows it there: clear too)
            shown = arrow
        else:
            (shown,) = arrows(drawing)
        if rock and k:
            both_heads(shown)  # the player's ring, a head at each end
            (c_shown, r_shown), (c_arrow, r_arrow) = ring_of(shown), ring_of(arrow)
            assert math.dist(c_shown, c_arrow) < 1.0 and abs(r_shown - r_arrow) < 1.0
        elif pose.cue in cue.PRESSES or cue.key_step(len(pose.keys), k) == (0, 1):
            assert shown == arrow
        else:
            (tail, tip), (back_tail, back_tip) = tail_and_tip(arrow), tail_and_tip(shown)
            assert math.dist(back_tip, tail) < cue.SOFT and math.dist(back_tail, tip) < cue.SOFT
        limbs = [i for i in drawing.items if isinstance(i, Limb)]
        (head,) = [i for i in drawing.items if isinstance(i, Head)]
        trunk = [limb for limb in limbs if limb.part in ("pelvis", "waist", "chest")]
        last = k == len(pose.keys) - 1
        # a rock's ring is drawn over the thigh's root and the hands and forearms resting on
        # the hip bones (parted from them by a gap), at full size over the pelvis and the
        # side of the waist too: clear of the rest (the card's over the trunk: see below)
        for outline, over in (
            (arrow.outline + shown.outline, OVER_ROCK_AT_PELVIS if rock else ()),
            (card.outline if last else (), OVER_ROCK if rock else ()),
        ):
            clear_of = [limb for limb in limbs if not (over and limb.part.startswith(over))]
            for q in outline:
                assert min(gap_2d(q, limb) for limb in clear_of) > 10.0
                assert math.dist(q, head.center) - head.radius > 100.0
                # never in the room under the back: over the trunk where it lies over it (a
                # full-size rock's ring is drawn over the trunk's side, above its bottom)
                if rock and over == OVER_ROCK_AT_PELVIS:
                    assert q[1] > trunk_bottom(trunk, q[0])
                else:
                    assert q[1] > trunk_top(trunk, q[0])


# a press arrow's tip lies at most this far above the body under it in every key (the belly
# sinks some 35 mm from under the still arrow as the back presses down)
PRESS_ABOVE_MM = 0.05 * 1750
THIGH_CLEAR_MM = 60.0  # ... and its whole outline at least this far from either thigh


def test_a_press_arrow_points_straight_down_at_the_glowing_small_of_the_back() -> None:
    # "flatten the small of your back into the floor": the arrow presses the low back down,
    # right over it, not a swing out over the thigh that reads "bring the knees to you"
    pose = PRESS
    assert pose.cue in cue.PRESSES
    (arrow,) = arrows(playing(TILT, 0, pose=pose))
    tail, tip = tail_and_tip(arrow)
    assert tip[1] < tail[1]  # pointing down
    assert abs(tip[0] - tail[0]) < 0.02 * abs(tip[1] - tail[1])  # straight down
    assert tail[1] - tip[1] >= cue.MIN_LENGTH * 0.9 * (frame_of(pose)[2] - frame_of(pose)[0])
    for k in range(len(pose.keys)):
        drawing = still_drawing(pose, k)
        limbs = [i for i in drawing.items if isinstance(i, Limb)]
        trunk = [limb for limb in limbs if limb.part in ("pelvis", "waist", "chest")]
        (glow,) = [limb for limb in limbs if limb.part == "low_back"]
        xs = [x for x, _ in glow.points]
        # over the middle half of the glowing low back, its tip just above the body there
        middle, half = (min(xs) + max(xs)) / 2, (max(xs) - min(xs)) / 2
        assert abs(tip[0] - middle) < half / 2, k
        assert 0.0 < tip[1] - trunk_top(trunk, tip[0]) < PRESS_ABOVE_MM, k
        thighs = [limb for limb in limbs if limb.part.startswith("thigh")]
        assert all(gap_2d(q, t) > THIGH_CLEAR_MM for q in arrow.outline for t in thighs), k


ROCK_RADIUS_MM = 0.2 * 1750  # a rock arrow lies at most this far from the pelvis's middle


def band_line(arrow: Prop) -> list[tuple[float, float]]:
    """The middle of an arrow's band from its tail to the arrowhead's base (with two heads:
    from the first one's base to the last one's)."""
    two = len(arrow.outline) == 2 * cue.SAMPLES + 30  # (one head: a band of fewer points)
    n = cue.SAMPLES if two else (len(arrow.outline) - 15 - 7) // 2
    left, right = arrow.outline[:n], arrow.outline[n + 15 : 2 * n + 15]
    return [
        ((a + c) / 2, (b + d) / 2) for (a, b), (c, d) in zip(left, reversed(right), strict=True)
    ]


def test_pelvic_tilt_arrow_curves_round_the_pelvis_the_way_it_rocks() -> None:
    """Blind reviews, every round: the straight arrow down over the belly read "push your
    stomach down / suck it in / hold your breath", and a reviewer asked for "a curved arrow
    for pelvic rotation". The arrow is an arc round the drawn pelvis's middle, close to it,
    turning 60 degrees or more the way the pubic bone turns about it: over the pelvis from
    the thigh's side toward the ribs as the pelvis tilts, its head heading toward the head
    end (not straight down into the belly), and the same arc turned round as it releases. It
    keeps off the thighs (rv29: an arrow swung out over the thigh read "bring the knees to
    you"). (The player's, one-headed; the still pictures show the whole rock, two-headed:
    see the tests below.)"""
    pose = pose_of(TILT)
    assert pose.cue in cue.ROCKS
    tilting = still_drawing(pose, 1)  # the pressed-down key's body
    arrow = cue.cue_prop(pose, False, (0, 1))  # the player's, as the pelvis tilts
    assert arrow is not None
    (card,) = arrows(still_drawing(pose))
    assert rock_card(card, arrow)  # the card shows the tilt, and its release: a head each end
    ends = [
        q for i in tilting.items if isinstance(i, Limb) and i.part == "pelvis" for q in i.points
    ]
    cx, cy = sum(q[0] for q in ends) / len(ends), sum(q[1] for q in ends) / len(ends)

    def angle(q: tuple[float, float]) -> float:
        return math.atan2(q[1] - cy, q[0] - cx)

    def turned(a: tuple[float, float], b: tuple[float, float]) -> float:
        return (angle(b) - angle(a) + math.pi) % (2 * math.pi) - math.pi

    line = band_line(arrow)
    radii = [math.dist(q, (cx, cy)) for q in line]
    # an arc round the pelvis (its middle over the two keys and halfway; here, the tilted
    # key's: a few mm apart, which shows more on the ring hugging the pelvis)
    assert max(radii) - min(radii) < 0.03 * max(radii)
    assert max(radii) <= ROCK_RADIUS_MM, max(radii)
    assert all(q[1] > cy for q in line)  # over it
    tail, tip = tail_and_tip(arrow)
    turn = turned(tail, tip)
    assert abs(turn) >= math.radians(60.0), math.degrees(turn)
    p0, _, p1 = cue.cue_path(pose, False)  # the pubic bone, tilting
    assert turned(p0, p1) * turn > 0.0  # the way it rocks
    (head,) = [i for i in tilting.items if isinstance(i, Head)]
    assert head.center[0] > cx and tail[0] < cx < tip[0]  # from the thigh's side to the ribs'
    (bx, by) = line[-1]  # the head's heading: toward the head end, at most 60 degrees down
    assert tip[0] > bx and math.degrees(math.atan2(by - tip[1], tip[0] - bx)) <= 60.0
    # (it no longer keeps off the thighs: it hugs the pelvis, over the thigh's root, see below)
    # releasing: the same arc, turned round
    back = cue.cue_prop(pose, False, (1, 0))
    assert back is not None
    back_tail, back_tip = tail_and_tip(back)
    assert math.dist(back_tip, tail) < cue.SOFT and math.dist(back_tail, tip) < cue.SOFT


ROCK_HUG_MM = 0.105 * 1750  # no point of a rock arrow lies further than this off the pelvis


def test_pelvic_tilt_arrow_hugs_the_pelvis_drawn_over_the_body() -> None:
    """pt61's blind reviewers (physiotherapists): the arc behind the body, clear of the thigh
    and the hands, floated over the thigh and the belly and read "lift the hips" (a
    mini-bridge); "put a rocking arrow at the pelvis". The ring lies close round the drawn
    pelvis in both keys, its middle straight over the pelvis's middle, drawn over the body
    (over the thigh's root and the hands), last."""
    pose = pose_of(TILT)
    card = still_drawing(pose)
    (arrow,) = arrows(card)
    assert card.items[-1] == arrow  # over the whole body
    assert still_drawing(pose, 1).items[-1] in arrows(still_drawing(pose, 1))
    for k in range(len(pose.keys)):
        pelvis = [
            i for i in still_drawing(pose, k).items if isinstance(i, Limb) and i.part == "pelvis"
        ]
        shapes = cue._obstacles(pelvis)
        far = max(cue.clearance(q, shapes) for q in arrow.outline)
        assert far <= ROCK_HUG_MM, (k, far)
    ends = [q for i in card.items if isinstance(i, Limb) and i.part == "pelvis" for q in i.points]
    cx = sum(q[0] for q in ends) / len(ends)
    for drawn in (card, still_drawing(pose, 1)):  # (the key's: at the pelvis, see below)
        line = band_line(arrows(drawn)[0])
        top = max(line, key=lambda q: q[1])
        assert abs(top[0] - cx) < 0.03 * 1750, (top, cx)  # straight over it


AT_PELVIS_MM = 0.075 * 1750  # no point of a full-size rock arrow lies further off the pelvis


def test_the_pelvic_tilts_key_picture_rocks_at_the_pelvis_not_over_the_thigh() -> None:
    """ab107's reviewer (physiotherapist) on the full-size key pictures: "the same one-headed
    arrow over the thigh, with the risk of being read as pull the knees or hips up rather
    than flatten the low back ... A two-headed arrow drawn at the pelvis would make both
    sets clearer." The tilted key shows the whole rock, a head at each end, on a ring at the
    pelvis itself (ROCK_AT_PELVIS): every point of it, and of the player's one-headed arrows
    on the same ring, within AT_PELVIS_MM of the drawn pelvis in both keys (the card's ring,
    round the whole pelvis, reaches 170 mm off it, out over the thigh), its middle straight
    over the pelvis's middle, both heads pointing down beside the pelvis (nothing lifts)."""
    pose = pose_of(TILT)
    drawing = still_drawing(pose, 1)
    (arrow,) = arrows(drawing)
    playing_arrows = [cue.cue_prop(pose, False, step) for step in ((0, 1), (1, 0))]
    for k in range(len(pose.keys)):
        pelvis = [
            i for i in still_drawing(pose, k).items if isinstance(i, Limb) and i.part == "pelvis"
        ]
        shapes = cue._obstacles(pelvis)
        for shown in (arrow, *playing_arrows):
            assert shown is not None
            far = max(cue.clearance(q, shapes) for q in shown.outline)
            assert far <= AT_PELVIS_MM, (k, far)
    (card,) = arrows(still_drawing(pose))
    assert max(cue.clearance(q, shapes) for q in card.outline) > AT_PELVIS_MM  # (the card's)
    first, last = both_heads(arrow)
    line = band_line(arrow)
    ends = [
        q for i in drawing.items if isinstance(i, Limb) and i.part == "pelvis" for q in i.points
    ]
    cx = sum(q[0] for q in ends) / len(ends)
    top = max(line, key=lambda q: q[1])
    assert abs(top[0] - cx) < 0.03 * 1750, (top, cx)
    # each head points down beside the pelvis's middle (neither lifts), its tip at the pelvis
    # (the feet end's on the buttock, not out along the thigh)
    pelvis = cue._obstacles(
        [i for i in drawing.items if isinstance(i, Limb) and i.part == "pelvis"]
    )
    for tip, base in ((first, line[0]), (last, line[-1])):
        assert tip[1] < base[1] - 0.5 * cue.HEAD_L, (tip, base)
        assert cue.clearance(tip, pelvis) < 0.02 * 1750, tip


def test_an_arrow_round_trips_through_the_still_cache() -> None:
    drawing = still_drawing(pose_of(TILT))
    assert arrows(drawing)
    assert decode_drawing(encode_drawing(drawing)) == drawing


def test_the_still_cache_keeps_a_rocks_card_and_its_key_apart() -> None:
    """The pelvic tilt's card and its tilted key both show the whole rock, on different rings
    (ROCK_AT_PELVIS): kept under one name, whichever was drawn first would stand for both."""
    from stretchapp.core import drawing as dr
    from stretchapp.core.parsecache import StillBook

    pose = pose_of(TILT)
    card, key = still_drawing(pose), still_drawing(pose, len(pose.keys) - 1)
    assert arrows(card) != arrows(key)
    dr.keep_stills_in(StillBook("c", {}))
    try:
        for _ in range(2):  # drawn, then read back
            assert still_drawing(pose) == card
            assert still_drawing(pose, len(pose.keys) - 1) == key
    finally:
        dr.keep_stills_in(None)


POSED = """
version: 1
stretches:
  - id: tilt
    name: Tilt
    {dose}
    steps: [Lie down., Tilt., Relax.]
    pose:
      contacts: [feet, hips, upper_back, head]
      cue: {cue}
      keys:
        - name: start
          angles: {{body_pitch: -90, hip_flex: 45, knee_flex: 104, ankle_flex: -32, neck_flex: -14}}
        - name: tilted
          angles: {{body_pitch: -90, hip_flex: 45, knee_flex: 104, ankle_flex: -32, neck_flex: -14,
                   shoulder_flex: 30}}
"""


def problems(paths: Paths, text: str) -> list[str]:
    folder = paths.user_routines_dir
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mine.yaml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    library = load_library(paths.bundled_routines_dir, None, paths.assets_dir)
    (report,) = check_files([path], library, paths.assets_dir)
    return [str(p) for p in report.problems]


def test_the_loader_reads_a_cue_and_rejects_a_bad_one(paths: Paths) -> None:
    assert problems(paths, POSED.format(dose="reps: 5", cue="head")) == []
    found = problems(paths, POSED.format(dose="reps: 5", cue="elbow"))
    assert len(found) == 1
    assert "/mine.yaml:9: stretches[tilt].pose.cue: 'elbow' is not a valid choice" in found[0]
    assert "pelvis_front" in found[0]
    one_key = POSED.split("        - name: tilted")[0]
    found = problems(paths, one_key.format(dose="reps: 5", cue="head"))
    assert len(found) == 1
    assert found[0].endswith(
        "/mine.yaml:9: stretches[tilt].pose.cue: a motion arrow needs two key poses to go "
        "between (a second key pose, or no cue)"
    )
    found = problems(paths, POSED.format(dose="hold: 20", cue="head"))
    assert len(found) == 1
    assert found[0].endswith(
        "/mine.yaml:9: stretches[tilt].pose.cue: a motion arrow is for a stretch that moves, "
        "not a still hold (reps: N with tempo, moves: true, or no cue)"
    )


def _turn_of(points: list[tuple[float, float]]) -> float:
    """How far a drawn arrow's direction turns from its tail to its tip (degrees)."""
    (a, b), (c, d) = points[:2], points[-2:]
    first = math.atan2(b[1] - a[1], b[0] - a[0])
    last = math.atan2(d[1] - c[1], d[0] - c[0])
    return abs(math.degrees((last - first + math.pi) % (2 * math.pi) - math.pi))


def test_a_point_rocking_about_a_near_pivot_gets_a_turning_arrow_a_far_one_its_own_curve() -> None:
    least = 200.0
    # the front of a pelvis rocking 30 degrees about the hip, 12 cm away: drawn turning
    near = [
        (120 * math.cos(math.radians(a)), 120 * math.sin(math.radians(a))) for a in (150, 135, 120)
    ]
    (_, spec), *_ = cue._candidates((near[0], near[1], near[2]), least)
    pts = cue._points(spec)
    assert _turn_of(pts) >= 0.9 * math.degrees(cue.MIN_TURN)  # (tangents of 24 samples)
    # hips rising 20 cm about the shoulders half a metre away (a bridge): the path's own
    # gentle curve, not a swing
    far = [
        (500 * math.cos(math.radians(a)), 500 * math.sin(math.radians(a))) for a in (190, 178, 166)
    ]
    (_, spec), *_ = cue._candidates((far[0], far[1], far[2]), least)
    pts = cue._points(spec)
    assert _turn_of(pts) < 30.0
    # turning only 15 degrees about a pivot further out still: a straight arrow
    flat = [
        (800 * math.cos(math.radians(a)), 800 * math.sin(math.radians(a)))
        for a in (187.5, 180, 172.5)
    ]
    assert cue._circle(flat[0], flat[1], flat[2]) is not None
    (_, spec), *_ = cue._candidates((flat[0], flat[1], flat[2]), least)
    pts = cue._points(spec)
    assert _turn_of(pts) < 1.0
    # straight up: a straight arrow
    (_, spec), *_ = cue._candidates(((0.0, 0.0), (1.0, 100.0), (0.0, 200.0)), least)
    pts = cue._points(spec)
    assert _turn_of(pts) < 1.0


def test_the_still_caches_code_key_follows_the_arrows_module() -> None:
    from stretchapp.core import drawing

    drawing.code_key.cache_clear()
    try:
        key = drawing.code_key("9.9")
        info = Path(cue.__file__).stat()
        assert key.endswith(f"|{info.st_size}:{info.st_mtime_ns}")
    finally:
        drawing.code_key.cache_clear()


def test_a_saved_stretch_keeps_its_arrow() -> None:
    data = pose_data(pose_of(TILT))
    assert data["cue"] == "pelvis_rock"
    assert pose_data(pose_of(CAT_COW))["cue"] == "low_back_both_ways"
    assert pose_data(pose_of("seated-cat-cow"))["cue"] == "back_both_ways"
    assert "cue" not in pose_data(pose_of("constructive-rest"))  # (a still hold: none)


def test_the_seated_cat_cow_card_says_the_back_goes_both_ways() -> None:
    """Its card's one still picture is the round: with nothing else on it, rv39's card
    reviewer saw "someone slumped in a chair". A two-way arrow beside the back, as the
    cat-cow on the floor has, says the back goes this way and back."""
    card = still_drawing(pose_of("seated-cat-cow"))
    assert [i for i in card.items if isinstance(i, Prop) and i.kind == "cue"]


def test_the_seated_cat_cow_card_arrow_is_beside_the_back_not_the_head() -> None:
    """Its card's two-way arc rose beside the head: two blind card reviewers (ab302/ab303)
    read "nod your head up and down", the neck moving instead of the back. It now lies
    behind the middle of the back: its middle below the base of the neck, its highest point
    below the middle of the head, all of it behind the back."""
    card = still_drawing(pose_of("seated-cat-cow"))
    (arrow,) = arrows(card)
    (head,) = [i for i in card.items if isinstance(i, Head)]
    limbs = {i.part: i for i in card.items if isinstance(i, Limb)}
    neck_base = limbs["neck"].points[0]
    ys = [q[1] for q in arrow.outline]
    assert sum(ys) / len(ys) < neck_base[1]
    assert max(ys) < head.center[1]


def test_the_seated_cat_cow_lift_arrow_says_chest_up_and_forward() -> None:
    """ab62's physiotherapist saw the lift's arrow (the round's, behind the back, reversed)
    point down and forward: against "lift your chest", it could cue sinking. The lift's
    arrow is now a short curved one at the front of the chest: its tail just in front of
    the chest (within 12 cm of its front, above the arm), its tip at least 10 cm higher and
    10 cm further forward, rising steeply then turning forward (at least 25 degrees), clear
    of the body (the arms and the face)."""
    pose = pose_of("seated-cat-cow")
    names = [k.name for k in pose.keys]
    drawing = still_drawing(pose, names.index("lift"))
    (arrow,) = arrows(drawing)
    tail, tip = one_way(arrow)
    assert tip[1] - tail[1] >= 100.0  # up
    assert tail[0] - tip[0] >= 100.0  # and forward (the figure faces -x)
    limbs = {i.part: i for i in drawing.items if isinstance(i, Limb)}
    chest = limbs["chest"]
    front = min(x - w / 2 for (x, _), w in zip(chest.points, chest.widths, strict=True))
    assert 0.0 < front - tail[0] <= 120.0
    body = [i for i in drawing.items if isinstance(i, (Limb, Head))]
    assert all(cue.clearance(q, cue._obstacles(body)) > 0.0 for q in arrow.outline)
    line = cue._chest_lift(pose, False, frame_of(pose), (names.index("round"), names.index("lift")))
    assert line is not None
    (a, b), (c, d) = line[:2], line[-2:]
    first = math.degrees(math.atan2(b[1] - a[1], a[0] - b[0]))
    last = math.degrees(math.atan2(d[1] - c[1], c[0] - d[0]))
    assert first - last >= 25.0 and last >= 10.0  # up, then forward: never over and down


def test_the_seated_cat_cow_round_arrow_curls_along_the_rounded_back() -> None:
    """Two physiotherapists (blind A/B of scc64) saw the round's straight arrow behind the
    back, pointing back and up toward the chair's back, as something people could copy as
    "lean back into the chair", the opposite of the rounding shown (and unlike the lift's
    curved arrow). The round's arrow (its key's picture, and the moving figure's while
    rounding) is a one-headed arc hugging the rounded back: every point of its line within
    17 cm of the drawn trunk, turning at least 100 degrees, from its tail behind the back
    (below the hump of the upper back) up and over to its tip, further forward and lower
    than its highest point, its arrowhead pointing forward and a little down (at least 3
    degrees below level: the head and shoulders curling forward), its whole outline clear
    of the body by cue.CLEAR_MM and of the chair, inside the frame."""
    pose = pose_of("seated-cat-cow")
    names = [k.name for k in pose.keys]
    drawing = still_drawing(pose, names.index("round"))
    (arrow,) = arrows(drawing)
    tail, tip = one_way(arrow)
    # the arrow's line as drawn: the middle of its band, then its tip
    n = (len(arrow.outline) - 15 - 7) // 2
    left, right = arrow.outline[:n], arrow.outline[n + 15 : 2 * n + 15][::-1]
    line = [((p[0] + q[0]) / 2, (p[1] + q[1]) / 2) for p, q in zip(left, right, strict=True)]
    line.append(tip)
    limbs = {i.part: i for i in drawing.items if isinstance(i, Limb)}
    trunk = cue._obstacles([limbs[p] for p in ("waist", "chest", "neck")])
    assert max(cue.clearance(q, trunk) for q in line) <= 170.0  # hugs the back
    (a, b), (c, d) = line[:2], line[-2:]
    first = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
    last = math.degrees(math.atan2(d[1] - c[1], d[0] - c[0]))
    assert (first - last) % 360.0 >= 100.0  # turning over the back, toward the face
    assert d[0] < c[0] and math.degrees(math.atan2(c[1] - d[1], c[0] - d[0])) >= 3.0
    top = max(line, key=lambda q: q[1])
    assert tip[0] < top[0] and tip[1] < top[1]  # curling forward and down at its end
    chest = limbs["chest"]
    back = max(x + w / 2 for (x, _), w in zip(chest.points, chest.widths, strict=True))
    upper_back = max(chest.points, key=lambda q: q[0])
    assert tail[0] > back - 60.0 and tail[1] < upper_back[1] + 100.0  # behind the back
    body = [i for i in drawing.items if isinstance(i, (Limb, Head))]
    assert min(cue.clearance(q, cue._obstacles(body)) for q in arrow.outline) >= cue.CLEAR_MM
    edges = []
    for prop in drawing.items:
        if isinstance(prop, Prop) and prop.kind not in ("cue", "floor"):
            ring = prop.outline
            edges += [(p, q, 0.0, 0.0) for p, q in zip(ring, (*ring[1:], ring[0]), strict=True)]
    assert min(cue.clearance(q, edges) for q in arrow.outline) > 0.0
    x0, y0, x1, y1 = drawing.frame
    assert all(x0 < x < x1 and y0 < y < y1 for x, y in arrow.outline)
    rounding = playing("seated-cat-cow", 1000)
    assert arrows(rounding)[0].outline == arrow.outline  # the same arrow while rounding


def test_the_seated_cat_cow_card_arrow_is_larger_and_follows_the_upper_back() -> None:
    """ab62's physiotherapist found the card's two-way arrow, straight and some 28 cm long
    (about 20 px on a 160 px card) off the hump of the upper back, small, and asked for "a
    larger curved two-way arrow that follows the upper back". It is now an arc at least
    30 cm from end to end, bowing at least 3 cm off its chord, its ends near the drawn
    chest (within 25 cm) and behind the head, its middle behind the chest, clear of the
    body and the head and inside the frame. The card still shows the round. (It crosses
    the top of the chair's back: kept clear of it too, it rose beside the head, see
    test_the_seated_cat_cow_card_arrow_is_beside_the_back_not_the_head.)"""
    pose = pose_of("seated-cat-cow")
    names = [k.name for k in pose.keys]
    assert pose.still == names.index("round")
    card = still_drawing(pose)
    (arrow,) = arrows(card)
    first, second = two_tips(arrow)
    assert math.dist(first, second) >= 300.0
    line = cue._back_arc(pose, False, frame_of(pose))
    assert line is not None
    assert min(math.dist(line[0], first), math.dist(line[0], second)) < cue.SOFT
    (ax, ay), (bx, by) = line[0], line[-1]
    chord = math.dist(line[0], line[-1])
    bow = max(abs((q[0] - ax) * (by - ay) - (q[1] - ay) * (bx - ax)) / chord for q in line)
    assert bow >= 30.0
    limbs = {i.part: i for i in card.items if isinstance(i, Limb)}
    chest = limbs["chest"]
    head = next(i for i in card.items if isinstance(i, Head))
    # behind the head and, at its middle, behind the chest (the figure faces -x)
    assert line[len(line) // 2][0] > max(x for x, _ in chest.points)
    for end in (first, second):
        assert end[0] > head.center[0] + head.radius
        assert gap_2d(end, chest) <= 250.0
    body = [i for i in card.items if isinstance(i, (Limb, Head))]
    for q in arrow.outline:
        assert cue.clearance(q, cue._obstacles(body)) > 0.0, q
    x0, y0, x1, y1 = card.frame
    assert all(x0 < x < x1 and y0 < y < y1 for x, y in arrow.outline)


def test_the_seated_cat_cow_lift_arrow_is_at_the_breastbone_not_the_face() -> None:
    """ab62's physiotherapist saw the lift's arrow "at head height in front of the face":
    people with stiff or painful necks may take it as "tip your head back and look up" or
    "poke your chin forward". It sits in front of the breastbone: its highest point (the
    outline's, the arrowhead's too) at least 30 mm below the chin (the head's lowest
    point), its tail within 40 mm of mid-chest height (halfway up the drawn chest) and
    within 12 cm of the chest's front, its whole outline clear of the body (the arms and
    hands) by cue.CLEAR_MM, also halfway into the lift."""
    pose = pose_of("seated-cat-cow")
    names = [k.name for k in pose.keys]
    drawing = still_drawing(pose, names.index("lift"))
    (arrow,) = arrows(drawing)
    tail, tip = one_way(arrow)
    assert tip[1] > tail[1] and tip[0] < tail[0]  # still up and forward
    (head,) = [i for i in drawing.items if isinstance(i, Head)]
    chin = head.center[1] - head.radius
    assert max(y for _, y in arrow.outline) <= chin - 30.0
    limbs = {i.part: i for i in drawing.items if isinstance(i, Limb)}
    chest = limbs["chest"]
    mid_chest = (chest.points[0][1] + chest.points[-1][1]) / 2
    assert abs(tail[1] - mid_chest) <= 40.0
    front = min(x - w / 2 for (x, _), w in zip(chest.points, chest.widths, strict=True))
    assert 0.0 < front - tail[0] <= 120.0
    body = [i for i in drawing.items if isinstance(i, (Limb, Head))]
    assert min(cue.clearance(q, cue._obstacles(body)) for q in arrow.outline) >= cue.CLEAR_MM
    halfway = playing("seated-cat-cow", 3000)
    assert arrows(halfway)[0].outline == arrow.outline  # the same arrow while lifting
    moving = [
        i
        for i in halfway.items
        if isinstance(i, Limb) and i.part.startswith(("upper_arm", "forearm", "hand"))
    ]
    assert min(cue.clearance(q, cue._obstacles(moving)) for q in arrow.outline) > 0.0


# ---- the two-way arrow (cat-cow: the back rounds up in the cat, sinks in the cow) ----

CAT_COW = "cat-cow"
# the arrow's ends lie this close to where the back is drawn in the cat and the cow: the arrow
# stands over the cat's rounded back, so its ends are some 28 and 39 cm from the two points
# (the small of the back, under the cat's hump: 27 and 37 cm from the back between the
# shoulder blades, before the arrow moved over the cow's sag)
TWO_WAY_NEAR_MM = 0.24 * 1750
OVER_SAG_MM = 0.015 * 1750  # the arrow at most this far along the back from the cow's sag
OVER_BACK_MM = 0.06 * 1750  # its lower tip at most this far above the cat's back under it
AXIS_MM = 0.02 * 1750  # its line at most this far across from the back's path


def two_tips(arrow: Prop) -> tuple[tuple[float, float], tuple[float, float]]:
    """The two arrowheads' points (the first key's end, the second's), from the drawn outline:
    the band's left edge, the far head (three soft corners of five points), the right edge
    back, the near head."""
    n = cue.SAMPLES
    assert len(arrow.outline) == 2 * n + 30
    return arrow.outline[2 * n + 15 + 7], arrow.outline[n + 7]


def width_across(arrow: Prop, tip: tuple[float, float], other: tuple[float, float]) -> float:
    """How wide the outline is across the arrow's line within a head's length of `tip`."""
    ux, uy = other[0] - tip[0], other[1] - tip[1]
    n = math.hypot(ux, uy)
    ux, uy = ux / n, uy / n
    near = [
        q
        for q in arrow.outline
        if -1.0 <= (q[0] - tip[0]) * ux + (q[1] - tip[1]) * uy <= 1.05 * cue.HEAD_L
    ]
    across = [-(q[0] - tip[0]) * uy + (q[1] - tip[1]) * ux for q in near]
    return max(across) - min(across)


def one_way(arrow: Prop) -> tuple[tuple[float, float], tuple[float, float]]:
    """A one-headed arrow's tail and tip (the two-way arrow's outline has two heads)."""
    assert len(arrow.outline) != 2 * cue.SAMPLES + 30, "two heads where one was wanted"
    return tail_and_tip(arrow)


def back_height(drawing: Drawing, x: float) -> float:
    trunk = [
        i for i in drawing.items if isinstance(i, Limb) and i.part in ("pelvis", "waist", "chest")
    ]
    return trunk_top(trunk, x)


def test_cat_cow_plays_with_an_arrow_pointing_the_way_the_back_moves_now() -> None:
    pose = pose_of(CAT_COW)
    assert pose.cue in cue.TWO_WAY and len(pose.keys) == 3
    period = rep_ms(STRETCHES[CAT_COW])
    (card,) = arrows(still_drawing(pose))
    x = sum(q[0] for q in card.outline) / len(card.outline)  # the back under the arrow
    steps = 60
    shown = []
    for k in range(steps):
        when = period * k // steps
        now, soon = playing(CAT_COW, when), playing(CAT_COW, when + 40)
        (arrow,) = arrows(now)
        shown.append(arrow)
        # behind the body, after the floor and mat: part of the backdrop a moving figure keeps
        at = now.items.index(arrow)
        assert all(isinstance(i, Prop) for i in now.items[:at])
        assert not any(isinstance(i, Prop) for i in now.items[at + 1 :])
        tail, tip = one_way(arrow)
        assert tip[0] == pytest.approx(tail[0], abs=0.5)  # upright, as a handout draws it
        rise = back_height(soon, x) - back_height(now, x)
        if abs(rise) > 1.0:  # moving: the arrow points the way the back goes now
            assert (tip[1] > tail[1]) == (rise > 0), k
    # one arrow up, one down, each held through its part of the repetition: it turns twice
    # a repetition, as the back sets off from the cat and from the cow, standing still
    assert len(set(shown)) == 2
    flips = [k for k in range(steps) if shown[k] != shown[k - 1]]
    assert len(flips) == 2
    for k in flips:
        before = playing(CAT_COW, period * (k - 1) // steps)
        after = playing(CAT_COW, period * k // steps)
        assert abs(back_height(after, x) - back_height(before, x)) < 0.01 * 1750, k


def test_cat_cow_keys_show_the_way_into_each_and_the_card_both_ways() -> None:
    pose = pose_of(CAT_COW)
    names = [k.name for k in pose.keys]
    assert names == ["flat back", "cat", "cow"]
    # the start is where to begin, not a movement: no arrow (rv35 read one as "do this")
    assert arrows(still_drawing(pose, 0)) == []
    ways = []
    for k in (1, 2):
        (arrow,) = arrows(still_drawing(pose, k))
        tail, tip = one_way(arrow)
        ways.append("up" if tip[1] > tail[1] else "down")
    # as a handout draws them: the cat rounds up; the cow sinks (an arrow up over a sagging
    # back would say the opposite of the picture)
    assert ways == ["up", "down"]
    (card,) = arrows(still_drawing(pose))
    assert len(card.outline) == 2 * cue.SAMPLES + 30  # the card: both heads, the whole movement
    # the player, resting at the start, shows the way on: the cat's way, up
    (resting,) = arrows(playing(CAT_COW, 0))
    assert resting == arrows(still_drawing(pose, 1))[0]


def test_the_two_way_arrow_has_a_head_at_each_end_along_the_backs_path() -> None:
    pose = pose_of(CAT_COW)
    (arrow,) = arrows(still_drawing(pose))
    first, second = two_tips(arrow)
    # the back's extremes: drawn in the cat (rounded up) and the cow (sunk)
    cat, cow = cue.two_way_path(pose, False)
    assert cat[1] - cow[1] > 0.07 * 1750  # the back moves some 16 cm up and down
    assert math.dist(first, cat) < TWO_WAY_NEAR_MM and math.dist(second, cow) < TWO_WAY_NEAR_MM
    # upright (the small of the back swings round the hips, its path some 30 degrees off
    # upright: drawn as a handout draws it, ↕)
    assert first[0] == pytest.approx(second[0], abs=0.5) and first[1] > second[1]
    assert abs(math.degrees(math.atan2(cow[0] - cat[0], cat[1] - cow[1]))) < 40.0
    # over the middle of the back's path, not off toward the head or the hips
    assert abs(first[0] - (cat[0] + cow[0]) / 2) < AXIS_MM
    # long enough for two heads and a shaft between them
    # (a little shorter than another two-way arrow, so it stays over the chest: rv40)
    assert math.dist(first, second) >= cue.ROLLING_LENGTH - 2 * cue.SOFT  # (tips rounded)
    # a head at each end: as wide as an arrowhead near either tip, a band's width midway
    middle = ((first[0] + second[0]) / 2, (first[1] + second[1]) / 2)
    for tip, other in ((first, second), (second, first)):
        assert width_across(arrow, tip, other) > 0.8 * cue.HEAD_W
    band = [q for q in arrow.outline if abs(q[1] - middle[1]) < 0.01 * 1750]
    assert band and max(q[0] for q in band) - min(q[0] for q in band) < 1.2 * cue.WIDTH


def test_the_cows_arrow_stands_over_the_sag_of_its_back() -> None:
    """A physiotherapist's blind review: the cow's arrow down stood over the mid and upper
    back (167 mm along from the sag, toward the head), but the back sags lowest just in front
    of the hips. The arrow now stands over the lowest point of the cow's drawn back (from the
    hips' round end to the shoulders), within OVER_SAG_MM of it along the back."""
    pose = pose_of(CAT_COW)
    cow = [k.name for k in pose.keys].index("cow")
    drawing = still_drawing(pose, cow)
    (arrow,) = arrows(drawing)
    tail, tip = one_way(arrow)
    assert tip[1] < tail[1]  # down, into the sag
    limbs = {i.part: i for i in drawing.items if isinstance(i, Limb)}
    near = next(s for s in "lr" if limbs[f"upper_arm_{s}"].layer != Layer.FAR)
    # the hip joint (where the thigh starts; the pelvis's drawn round end lies further back,
    # toward the tailbone)
    hip, shoulder = limbs[f"thigh_{near}"].points[0][0], limbs[f"upper_arm_{near}"].points[0][0]
    xs = [hip + (shoulder - hip) * k / 80 for k in range(1, 80)]
    sag = min(xs, key=lambda x: back_height(drawing, x))
    assert abs(tip[0] - sag) <= OVER_SAG_MM, (tip, sag)
    # the sag lies in the low back, in front of the hips: the nearer third of the way
    assert abs(sag - hip) < abs(shoulder - hip) / 3


def test_the_two_way_arrow_stands_just_over_the_back_clear_of_head_and_hands() -> None:
    pose = pose_of(CAT_COW)
    (arrow,) = arrows(still_drawing(pose))
    _first, second = two_tips(arrow)
    x0, y0, x1, y1 = frame_of(pose)
    # inside the picture's box (grown to hold it): the card shows it whole
    assert all(x0 < x < x1 and y0 < y < y1 for x, y in arrow.outline)
    lowest = []
    for k in range(len(pose.keys)):
        drawing = still_drawing(pose, k)
        limbs = [i for i in drawing.items if isinstance(i, Limb)]
        (head,) = [i for i in drawing.items if isinstance(i, Head)]
        trunk = [limb for limb in limbs if limb.part in ("pelvis", "waist", "chest")]
        hands = [limb for limb in limbs if limb.part.startswith(("hand", "thumb", "forearm"))]
        for q in arrow.outline:
            assert min(gap_2d(q, limb) for limb in limbs) > 50.0, k
            assert math.dist(q, head.center) - head.radius > 150.0, k
            assert min(gap_2d(q, limb) for limb in hands) > 300.0, k
            assert q[1] > trunk_top(trunk, q[0]), k  # above the back, never under it
        lowest.append(second[1] - trunk_top(trunk, second[0]))
    # just over the back where it rises highest (the cat), not floating far above it
    assert 0.0 < min(lowest) < OVER_BACK_MM


def test_the_right_side_shows_the_two_way_arrow_mirrored_exactly() -> None:
    pose = pose_of(CAT_COW)
    x0, _, x1, _ = frame_of(pose)
    (left,) = arrows(playing(CAT_COW, 0, "left"))
    (right,) = arrows(playing(CAT_COW, 0, "right"))
    assert right.outline == tuple((x0 + x1 - x, y) for x, y in left.outline)
    for (lx, ly), (rx, ry) in zip(
        cue.two_way_path(pose, False), cue.two_way_path(pose, True), strict=True
    ):
        assert rx == pytest.approx(x0 + x1 - lx, abs=0.5) and ry == pytest.approx(ly, abs=0.5)


def test_no_two_way_arrow_on_a_hold_or_before_the_movement() -> None:
    pose = pose_of(CAT_COW)
    for phase in (PhaseKind.GET_READY, PhaseKind.REST):
        d = drawing_at(pose, phase=phase, elapsed_ms=0, phase_ms=5000, rep_ms=6000, side=None)
        assert arrows(d) == []
    held = drawing_at(
        pose, phase=PhaseKind.STRETCH, elapsed_ms=9000, phase_ms=30000, rep_ms=0, side=None
    )
    assert arrows(held) == []


def test_a_two_way_arrow_round_trips_through_the_still_cache() -> None:
    drawing = still_drawing(pose_of(CAT_COW))
    assert arrows(drawing)
    assert decode_drawing(encode_drawing(drawing)) == drawing


def test_the_loader_reads_a_two_way_cue_only_for_repetitions(paths: Paths) -> None:
    assert problems(paths, POSED.format(dose="reps: 5", cue="back_both_ways")) == []
    found = problems(paths, POSED.format(dose="hold: 20", cue="back_both_ways"))
    assert len(found) == 1
    assert found[0].endswith(
        "/mine.yaml:9: stretches[tilt].pose.cue: a motion arrow is for a stretch that moves, "
        "not a still hold (reps: N with tempo, moves: true, or no cue)"
    )
    found = problems(paths, POSED.format(dose="reps: 5", cue="back_both"))
    assert len(found) == 1 and "back_both_ways" in found[0]


# ---- rolling (a back rolled to and fro over a foam roller: a hold that keeps moving) ----

ROLL = "foam-roll-upper-back"


def test_rolling_shows_an_arrow_the_way_the_body_rolls_now() -> None:
    pose = pose_of(ROLL)
    assert STRETCHES[ROLL].hold is not None and pose.cycle_ms > 0
    assert pose.cue == "rolling" and pose.cue in cue.TWO_WAY
    top, low = cue.two_way_path(pose, False)
    for side in ("left", "right"):
        found = {
            tuple(arrows(drawing_at(pose, **at)))
            for _side, _t, at in rolling_moments(ROLL, step_ms=pose.cycle_ms // 40, sides=(side,))
        }
        assert len(found) == 2  # to and fro: one arrow each way, each still while it shows
        heads = []
        for (arrow,) in found:
            tail, tip = one_way(arrow)
            heads.append((tip[0] - tail[0]) * (low[0] - top[0]) > 0)
        assert sorted(heads) == [False, True]  # one toward the hips, one toward the head
    (card,) = arrows(still_drawing(pose))
    assert len(card.outline) == 2 * cue.SAMPLES + 30  # the card: both ways
    # never before the rolling starts (get ready, rest)
    for phase in (PhaseKind.GET_READY, PhaseKind.REST):
        d = drawing_at(pose, phase=phase, elapsed_ms=0, phase_ms=5000, rep_ms=0, side=None)
        assert arrows(d) == []


def test_the_rolling_arrow_lies_along_the_body_over_the_roller_with_two_heads() -> None:
    pose = pose_of(ROLL)
    drawing = still_drawing(pose)
    (arrow,) = arrows(drawing)
    first, second = two_tips(arrow)
    top, low = cue.two_way_path(pose, False)  # between the shoulder blades, at both ends
    assert math.dist(top, low) > 0.05 * 1750  # the back travels some 12 cm over the roller
    # along the body's long axis, drawn from the shoulders toward the hips (the way it rolls)
    limbs = {i.part: i for i in drawing.items if isinstance(i, Limb)}
    hips, chest = limbs["pelvis"].points[0], limbs["chest"].points[-1]
    axis = math.atan2(chest[1] - hips[1], chest[0] - hips[0])
    line = math.atan2(first[1] - second[1], first[0] - second[0])
    off = abs((line - axis + math.pi) % (2 * math.pi) - math.pi)
    assert min(off, math.pi - off) < math.radians(20.0)
    assert (first[0] - second[0]) * (top[0] - low[0]) > 0  # its ends the way the back goes
    # long enough to read on a card, and a head at each end
    # (a little shorter than another two-way arrow, so it stays over the chest: rv40)
    assert math.dist(first, second) >= cue.ROLLING_LENGTH - 2 * cue.SOFT
    for tip, other in ((first, second), (second, first)):
        assert width_across(arrow, tip, other) > 0.8 * cue.HEAD_W
    # over the back where it rolls: its middle above the roller's, within a hand or two
    (roller,) = [i for i in drawing.items if isinstance(i, Prop) and i.kind == "roller"]
    middle = ((first[0] + second[0]) / 2, (first[1] + second[1]) / 2)
    centre_x = sum(x for x, _ in roller.outline) / len(roller.outline)
    assert abs(middle[0] - centre_x) < 0.15 * 1750
    # clear of the body in every key, inside the picture
    _inside_and_clear_in_every_key(pose, arrow, 20.0)


def _inside_and_clear_in_every_key(pose: StretchPose, arrow: Prop, gap: float) -> None:
    """The arrow lies inside the picture, and more than `gap` mm off every limb in every key."""
    x0, y0, x1, y1 = frame_of(pose)
    assert all(x0 < x < x1 and y0 < y < y1 for x, y in arrow.outline)
    for k in range(len(pose.keys)):
        limbs_k = [i for i in still_drawing(pose, k).items if isinstance(i, Limb)]
        for q in arrow.outline:
            assert min(gap_2d(q, limb) for limb in limbs_k) > gap, k


def _along_the_back(drawing: Drawing, point: tuple[float, float]) -> float:
    """How far `point` lies along the drawn body from the neck's base toward the hips, in
    mm of the body (the drawn trunk's length against its real one undoes the camera's
    foreshortening)."""
    limbs = {i.part: i for i in drawing.items if isinstance(i, Limb)}
    hips, neck = limbs["pelvis"].points[0], limbs["chest"].points[-1]
    drawn = math.dist(hips, neck)
    ux, uy = (hips[0] - neck[0]) / drawn, (hips[1] - neck[1]) / drawn
    along = (point[0] - neck[0]) * ux + (point[1] - neck[1]) * uy
    return along * (sk.PELVIS_SEG + sk.WAIST_SEG + sk.CHEST_SEG) / drawn


def _middle(prop: Prop) -> tuple[float, float]:
    xs = [x for x, _ in prop.outline]
    ys = [y for _, y in prop.outline]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def test_the_rolling_arrow_sits_over_the_roller_not_the_waist() -> None:
    """Blind review rv35: the arrow over the mid and low back, beside the roller, invited
    rolling down into the lumbar spine. It stays put over the roller (which rolls a little)
    as the back rolls under both: the roller's middle lies under it, between its two tips
    along the body, and its middle over the shoulder blades, above the lower ribs, in every
    key pose. (Centred on the roller, it reached over the neck and head, rv40: it now runs
    from the top of the rolling toward the hips, see the test below.)"""
    pose = pose_of(ROLL)
    for k in range(len(pose.keys)):
        drawing = still_drawing(pose, k)
        if k == 0:  # (the starting position's picture has none: the player's, resting there)
            drawing = drawing_at(pose, **next(iter(rolling_moments(ROLL, sides=("left",))))[2])
        (arrow,) = arrows(drawing)
        (roller,) = [i for i in drawing.items if isinstance(i, Prop) and i.kind == "roller"]
        contact = _along_the_back(drawing, _middle(roller))
        middle = _along_the_back(drawing, _middle(arrow))
        ends = [_along_the_back(drawing, p) for p in arrow.outline]
        assert min(ends) + 20.0 < contact < max(ends) - 20.0, (k, ends, contact)
        assert middle < 0.8 * sk.CHEST_SEG, (k, middle)  # above the lower ribs, not the waist


def test_a_roll_shows_the_turn_both_ways_at_the_end_of_its_travel() -> None:
    """Blind review (physiotherapist): the upper-back roll's picture of the lowest point
    repeated the arrow toward the head (the way into it), "people may keep rolling toward the
    low back". A hold that rolls to and fro turns back at the ends of its travel: a key there
    shows the two-headed arrow (back the way it came), the keys passed through on the way the
    one head they are passed with, the starting key none. Both rolls alike; cat-cow's keys,
    positions reached each repetition, keep the way into each (its own test)."""
    pose = pose_of(ROLL)
    top, low = cue.two_way_path(pose, False)
    names = [k.name for k in pose.keys]
    assert "lower" in names[2]  # the lowest point of the travel
    assert arrows(still_drawing(pose, 0)) == []  # where to begin
    ways = []
    for k in (1, 3):
        (arrow,) = arrows(still_drawing(pose, k))
        tail, tip = one_way(arrow)
        ways.append("head" if (tip[0] - tail[0]) * (low[0] - top[0]) > 0 else "hips")
    assert ways == ["head", "hips"]  # rolling down the back, then back up it
    (turn,) = arrows(still_drawing(pose, 2))
    assert len(turn.outline) == 2 * cue.SAMPLES + 30  # both heads: here it turns back
    assert turn == arrows(still_drawing(pose))[0]  # the card's arrow, in the same place
    glutes = pose_of(GLUTES)
    assert len(glutes.keys) == 2 and arrows(still_drawing(glutes, 0)) == []
    (back,) = arrows(still_drawing(glutes, 1))
    assert len(back.outline) == 2 * cue.SAMPLES + 30


def test_the_right_side_rolls_with_the_arrow_mirrored() -> None:
    pose = pose_of(ROLL)
    x0, _, x1, _ = frame_of(pose)
    left = [
        arrows(drawing_at(pose, **at)) for side, _t, at in rolling_moments(ROLL, sides=("left",))
    ]
    right = [
        arrows(drawing_at(pose, **at)) for side, _t, at in rolling_moments(ROLL, sides=("right",))
    ]
    assert right[0][0].outline == tuple((x0 + x1 - x, y) for x, y in left[0][0].outline)


def test_the_loader_reads_a_cue_on_a_hold_only_when_it_moves(paths: Paths) -> None:
    moving = POSED.replace("      cue: {cue}", "      moves: true\n      cue: {cue}")
    assert problems(paths, moving.format(dose="hold: 20", cue="rolling")) == []
    found = problems(paths, POSED.format(dose="hold: 20", cue="rolling"))
    assert len(found) == 1
    assert "a motion arrow is for a stretch that moves, not a still hold" in found[0]


# ---- rolling a seat (the glutes: the pelvis rolled to and fro over a roller under it) ----

GLUTES = "foam-roll-glutes"
CARD_W, CARD_H = 160, 120  # a library card


def _card_scale(pose: StretchPose) -> float:
    """Pixels per mm of the picture on a 160x120 card."""
    x0, y0, x1, y1 = frame_of(pose)
    return min(CARD_W / (x1 - x0), CARD_H / (y1 - y0))


def test_the_glutes_roll_shows_an_arrow_rolling_to_and_fro() -> None:
    """Blind review: "there are no movement arrows, and the second panel moves only about
    8 px: unlike the upper-back roll, nothing tells the user to roll back and forth". The
    card shows a two-headed arrow; while it plays, one head, the way the seat rolls now."""
    pose = pose_of(GLUTES)
    assert STRETCHES[GLUTES].hold is not None and pose.cycle_ms > 0
    assert pose.cue in cue.TWO_WAY
    (card,) = arrows(still_drawing(pose))
    first, second = two_tips(card)
    # long enough to read on a card: both heads and a shaft between them
    assert math.dist(first, second) * _card_scale(pose) >= 20.0
    for side in ("left", "right"):
        found = {
            tuple(arrows(drawing_at(pose, **at)))
            for _s, _t, at in rolling_moments(GLUTES, step_ms=pose.cycle_ms // 40, sides=(side,))
        }
        assert len(found) == 2  # to and fro: one arrow each way, each still while it shows
        tips = [one_way(arrow)[1] for (arrow,) in found]
        assert math.dist(*tips) > 0.5 * math.dist(first, second)  # pointing opposite ways


def test_the_glutes_arrow_lies_along_the_mat_beside_the_seat_clear_of_the_body() -> None:
    """It shows the seat rolling a few centimetres forward and back over the floor: along
    the mat's length (the pelvis's own drawn path, dropping as it tips onto the buttock,
    runs 45 degrees down the picture), on the mat just in front of the roller, lower in
    the picture than the seat (not up by the crossed foot, where it read as a leg moving),
    clear of every limb and of the roller in every key."""
    pose = pose_of(GLUTES)
    drawing = still_drawing(pose)
    (arrow,) = arrows(drawing)
    first, second = two_tips(arrow)
    (mat,) = [i for i in drawing.items if isinstance(i, Prop) and i.kind == "mat"]
    length_edge = max(
        zip(mat.outline, (*mat.outline[1:], mat.outline[0]), strict=True),
        key=lambda e: math.dist(*e),
    )
    (ax, ay), (bx, by) = length_edge
    along = math.atan2(by - ay, bx - ax)
    line = math.atan2(second[1] - first[1], second[0] - first[0])
    off = abs((line - along + math.pi) % (2 * math.pi) - math.pi)
    assert min(off, math.pi - off) < math.radians(10.0), math.degrees(off)
    (roller,) = [i for i in drawing.items if isinstance(i, Prop) and i.kind == "roller"]
    near_roller = min(math.dist(p, q) for p in arrow.outline for q in roller.outline)
    assert 20.0 < near_roller < 0.08 * 1750, near_roller
    limbs = {i.part: i for i in drawing.items if isinstance(i, Limb)}
    seat_y = min(y for _x, y in limbs["pelvis"].points)
    assert max(y for _x, y in arrow.outline) < seat_y
    _inside_and_clear_in_every_key(pose, arrow, 60.0)


def test_the_glutes_right_side_rolls_with_the_arrow_mirrored() -> None:
    pose = pose_of(GLUTES)
    x0, _, x1, _ = frame_of(pose)
    (left,) = arrows(drawing_at(pose, **next(rolling_moments(GLUTES, sides=("left",)))[2]))
    (right,) = arrows(drawing_at(pose, **next(rolling_moments(GLUTES, sides=("right",)))[2]))
    assert right.outline == tuple((x0 + x1 - x, y) for x, y in left.outline)


# ---- swings (a whole part turning about a joint: knees lowered aside, the upper body back) ----

ROTATION = "lower-back-rotation"
BACK_BEND = "standing-back-extension"
SWING_CLEAR_MM = 30.0  # a swing's outline keeps at least this far off every drawn limb
CARD_PX = 120  # a library card's size
CARD_CHORD_PX = 15.0  # ... on which a swing reaches at least this far from tail to tip


def _turned(centre: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """How far (degrees, counterclockwise > 0) `b` lies round `centre` from `a`."""
    ta = math.atan2(a[1] - centre[1], a[0] - centre[0])
    tb = math.atan2(b[1] - centre[1], b[0] - centre[0])
    return math.degrees((tb - ta + math.pi) % (2 * math.pi) - math.pi)


def _limbs(drawing: Drawing) -> dict[str, Limb]:
    return {i.part: i for i in drawing.items if isinstance(i, Limb)}


def _repetition(stretch_id: str, side: str | None, steps: int = 40) -> list[Drawing]:
    period = rep_ms(STRETCHES[stretch_id])
    return [playing(stretch_id, period * k // steps, side) for k in range(steps)]


@pytest.mark.parametrize("stretch_id", [ROTATION, BACK_BEND])
def test_a_swing_plays_one_arrow_each_way_clear_of_the_body_and_reads_on_a_card(
    stretch_id: str,
) -> None:
    """Blind review rv41 named both stretches right but saw "no arrow shows which way it
    moves". Round 40's path arrows (after the knee, the chest) swung far out, by the far hand
    or in a half circle over the standing figure: worse than none. A swing is one arrow the
    way in and the same one turned round on the way back, each steady, clear of every limb
    in every moment of the repetition, inside the picture and long enough to read on a
    120 px card."""
    pose = pose_of(stretch_id)
    assert pose.cue in cue.SWINGS
    x0, y0, x1, y1 = frame_of(pose)
    for side in ("left", "right") if stretch_id == ROTATION else ("left",):
        drawings = _repetition(stretch_id, side)
        found = [tuple(arrows(d)) for d in drawings]
        assert all(len(f) == 1 for f in found), side
        changes = sum(1 for a, b in zip(found, found[1:] + found[:1], strict=True) if a != b)
        assert len(set(found)) == 2 and changes == 2, (side, changes)
        (tail, tip), (back_tail, back_tip) = (tail_and_tip(f[0]) for f in dict.fromkeys(found))
        assert math.dist(back_tip, tail) < cue.SOFT and math.dist(back_tail, tip) < cue.SOFT
        for k, (drawing, (arrow,)) in enumerate(zip(drawings, found, strict=True)):
            limbs = [i for i in drawing.items if isinstance(i, Limb)]
            (head,) = [i for i in drawing.items if isinstance(i, Head)]
            for q in arrow.outline:
                assert x0 < q[0] < x1 and y0 < q[1] < y1, (side, k)
                assert min(gap_2d(q, limb) for limb in limbs) > SWING_CLEAR_MM, (side, k)
                assert math.dist(q, head.center) - head.radius > SWING_CLEAR_MM, (side, k)
    (card,) = arrows(still_drawing(pose))
    tail, tip = tail_and_tip(card)
    scale = CARD_PX / max(x1 - x0, y1 - y0)
    assert math.dist(tail, tip) * scale >= CARD_CHORD_PX
    assert arrows(still_drawing(pose, 0)) == []  # the starting position: where to begin


@pytest.mark.parametrize("stretch_id", [ROTATION, BACK_BEND])
def test_a_swing_points_the_way_the_part_moves_now(stretch_id: str) -> None:
    """While the knees lower (the shoulders lean back) the arrow's tip lies further along
    their way than its tail; on the way back, against it (the same arc, turned round)."""
    assert pose_of(stretch_id).cue in cue.SWINGS
    period = rep_ms(STRETCHES[stretch_id])

    def part(drawing: Drawing, side: str) -> tuple[float, float]:
        """The knee the arrow follows (the right side's: its own right knee, the mirror
        image of the left side's left one), or the neck's base."""
        limbs = _limbs(drawing)
        if stretch_id == ROTATION:
            return limbs["thigh_l" if side == "left" else "thigh_r"].points[-1]
        return limbs["neck"].points[0]

    moving = 0
    for side in ("left", "right") if stretch_id == ROTATION else ("left",):
        for k in range(40):
            when = period * k // 40
            now, soon = playing(stretch_id, when, side), playing(stretch_id, when + 40, side)
            now_p, soon_p = part(now, side), part(soon, side)
            dx, dy = soon_p[0] - now_p[0], soon_p[1] - now_p[1]
            if math.hypot(dx, dy) < 1.0:
                continue  # resting in a key
            moving += 1
            (arrow,) = arrows(now)
            tail, tip = tail_and_tip(arrow)
            assert (tip[0] - tail[0]) * dx + (tip[1] - tail[1]) * dy > 0.0, (side, k)
    assert moving >= 10


def test_the_knees_arrow_curves_down_beside_the_knees_to_the_side_they_lower() -> None:
    """A short arc beside where the knees come to rest, curving over and down to the side
    they lower to: near the lowered knees, all of it on that side of the upright ones, its
    tip below its tail (down toward the mat), turning 50 degrees or more the way the knee
    turns. It stays off the far arm, which lies just above the knees (round 40's arrow sat
    out by the far hand). (Until lbr64 it lay round the circle through the knee's drawn
    path; it is now an arc of its own, setting off level at the knees: see the next test.)"""
    pose = pose_of(ROTATION)
    assert pose.cue == "knees_roll"
    up, down = (_limbs(still_drawing(pose, k))["thigh_l"].points[-1] for k in (0, 1))
    (arrow,) = arrows(still_drawing(pose, 1))  # the way into the lowered key: lowering
    # the card shows the knees lowering too, from its own camera (ab300/ab301: the body
    # lying along the card): its arrow curving down toward the mat
    seen = card_pose(pose)
    assert seen.azimuth != pose.azimuth
    (card_arrow,) = arrows(still_drawing(pose))
    card_tail, card_tip = tail_and_tip(card_arrow)
    assert card_tip[1] < card_tail[1]
    p0, pm, p1 = cue.cue_path(pose, False)
    assert math.dist(p0, up) < 1.0 and math.dist(p1, down) < 1.0  # the cued knee
    fit = cue._circle(p0, pm, p1)
    assert fit is not None
    centre, _r = fit
    line = band_line(arrow)
    own = cue._circle(line[0], line[len(line) // 2], line[-1])
    assert own is not None
    radii = [math.dist(q, own[0]) for q in line]
    assert max(radii) - min(radii) < 0.01 * max(radii)  # an arc
    tail, tip = tail_and_tip(arrow)
    knee_turn, arrow_turn = _turned(centre, up, down), _turned(own[0], tail, tip)
    assert knee_turn * arrow_turn > 0.0 and abs(arrow_turn) >= 50.0, arrow_turn
    ux, uy = down[0] - up[0], down[1] - up[1]
    assert all((q[0] - up[0]) * ux + (q[1] - up[1]) * uy > 0.0 for q in arrow.outline)
    assert min(math.dist(q, down) for q in arrow.outline) < 0.1 * sk.H  # beside the knees
    assert max(math.dist(q, down) for q in arrow.outline) < 0.3 * sk.H
    assert tip[1] < tail[1]  # down, toward the mat
    for k in range(len(pose.keys)):
        limbs = _limbs(still_drawing(pose, k))
        far_arm = [limbs[p] for p in ("upper_arm_l", "forearm_l", "hand_l", "thumb_l")]
        assert all(gap_2d(q, limb) > 40.0 for q in arrow.outline for limb in far_arm), k
    # lowered to the other side: the same arrow mirrored across the picture
    x0, _, x1, _ = frame_of(pose)
    right = cue.cue_prop(pose, True, (0, 1))
    assert right is not None
    assert right.outline == tuple((x0 + x1 - x, y) for x, y in arrow.outline)


CARD_W, CARD_H = 160, 120  # the library card, as the app shows it


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_knees_arrow_sets_off_level_at_the_knees_and_tips_down(side: str) -> None:
    """lbr63's A/B (a physiotherapist, blind): round 41's arrow "starts beside knees already
    lowered and points further down" (press them further to the floor) and lbr63's, the
    knees' own nearly flat path moved down by the shins, was small and read as "slide your
    feet"; "put the arrow at the knees, arcing sideways and down from the upright start".
    On each side the arrow's tail lies at the upright knee's drawn height (within 0.025 H),
    just beside where the knees come to rest (within 0.08 H across, above the lowered knee:
    not by the shins); it sets off level (within 15 degrees) the way the knees go across
    the page and curves down, its tip heading within 20 degrees of straight down, going
    across at least 0.75 as far as down (round 41's arc, with these knees: its tail 139 mm
    across from the lowered knee, setting off 49 degrees down the page, 0.22 across per
    down; this one 102 mm, 2 degrees, 0.93); on the 160x120 card it is at least 30 px along
    its curve (31; round 41's 29 on main's pose, lbr63's some 19)."""
    pose = pose_of(ROTATION)
    right = side == "right"
    arrow = cue.cue_prop(pose, right, (0, 1))  # lowering
    assert arrow is not None
    (ux, uy), _, (dx, dy) = cue.cue_path(pose, right)
    across = 1.0 if dx > ux else -1.0  # the way the knees go on the page
    line = band_line(arrow)
    tail, tip = line[0], tail_and_tip(arrow)[1]
    assert abs(tail[1] - uy) <= 0.025 * sk.H, (tail, uy)
    assert 0.0 < (tail[0] - dx) * across <= 0.08 * sk.H and tail[1] > dy, (tail, dx, dy)
    set_off = math.degrees(math.atan2(line[1][1] - tail[1], (line[1][0] - tail[0]) * across))
    assert abs(set_off) <= 15.0, set_off
    head = math.degrees(math.atan2(tip[1] - line[-1][1], tip[0] - line[-1][0]))
    assert abs(head + 90.0) <= 20.0, head
    assert (tip[0] - tail[0]) * across >= 0.75 * (tail[1] - tip[1]) > 0.0, (tail, tip)
    x0, y0, x1, y1 = frame_of(pose)
    scale = min(CARD_W / (x1 - x0), CARD_H / (y1 - y0))
    length = sum(math.dist(a, b) for a, b in zip([*line, tip], [*line[1:], tip], strict=False))
    assert length * scale >= 30.0, length * scale


def test_the_back_bend_arrow_curves_back_behind_the_shoulders_never_over_the_head() -> None:
    """rv41: no arrow showed the lean (round 40's chest arrow drew a big half circle over the
    standing figure). A short arc round the low back (the waist's lower end, drawn halfway
    through the lean), behind the shoulders: back and down the way the shoulders lean,
    turning about as far as the chest does (24 degrees; 30 reads at card size), behind the
    neck in every key, never over the head, and its tip not below the hands on the low back.
    rv41's card reviewer read an arc turning 45 degrees, up beside the back of the head, as
    "tip your head back"; this one turns 30 and all of it stays below the head's middle."""
    pose = pose_of(BACK_BEND)
    assert pose.cue == "lean_back"
    stand, lean = (still_drawing(pose, k) for k in (0, 1))
    (arrow,) = arrows(lean)
    assert arrows(still_drawing(pose)) == [arrow]
    line = band_line(arrow)
    fit = cue._circle(line[0], line[len(line) // 2], line[-1])
    assert fit is not None
    centre, _r = fit
    lumbar = [_limbs(d)["waist"].points[0] for d in (stand, lean)]
    halfway = ((lumbar[0][0] + lumbar[1][0]) / 2, (lumbar[0][1] + lumbar[1][1]) / 2)
    assert math.dist(centre, halfway) < 0.03 * sk.H  # round the low back
    radii = [math.dist(q, centre) for q in line]
    assert max(radii) - min(radii) < 0.01 * max(radii)
    tail, tip = tail_and_tip(arrow)
    necks = [_limbs(d)["neck"].points[0] for d in (stand, lean)]  # the neck's base
    lean_turn = _turned(halfway, necks[0], necks[1])
    arrow_turn = _turned(centre, tail, tip)
    assert lean_turn * arrow_turn > 0.0 and 25.0 <= abs(arrow_turn) <= 35.0, arrow_turn
    for k, drawing in enumerate((stand, lean)):
        limbs = _limbs(drawing)
        (head,) = [i for i in drawing.items if isinstance(i, Head)]
        nose = limbs["nose"].points[-1]
        ahead = 1.0 if nose[0] > head.center[0] else -1.0  # the way the body faces
        neck = limbs["neck"].points[0]
        hands = [limbs[p] for p in limbs if p.startswith(("hand", "thumb"))]
        lowest_hand = min(q[1] for h in hands for q in h.points)
        for q in arrow.outline:
            assert (q[0] - neck[0]) * ahead < -0.05 * sk.H, k  # behind the shoulders
            # never over the head: beside the back of it or below it, never above its top
            behind_head = (head.center[0] - q[0]) * ahead - head.radius
            assert behind_head > SWING_CLEAR_MM or q[1] < head.center[1] - head.radius, k
            assert q[1] < head.center[1], k  # below the head's middle: not led by the head
            assert q[1] > lowest_hand, k
        # back and down: the tip further behind and lower than the tail
        assert (tip[0] - tail[0]) * ahead < 0.0 and tip[1] < tail[1], k


def test_the_rolling_arrow_lies_over_the_chest_not_the_head_or_neck() -> None:
    """Blind review rv40: the arrow centred over the roller reached past the shoulders over
    the neck and the head and read as "roll toward the head? push the head?". On the card
    it lies over the chest, along the back: its head-end tip no further toward the head than
    the neck's base, its other tip no further toward the hips than the chest's lower end
    (the lower ribs, never the waist). It stays put while the body rolls some 14 cm under
    it, so in every key its middle stays over the chest, above the lower ribs, and all of
    it well short of the head's drawn disc (a head's width and more)."""
    pose = pose_of(ROLL)
    for k in (None, *range(len(pose.keys))):
        drawing = still_drawing(pose, k)
        if k == 0:  # (the starting position's picture has none: the player's, resting there)
            drawing = drawing_at(pose, **next(iter(rolling_moments(ROLL, sides=("left",))))[2])
        (arrow,) = arrows(drawing)
        ends = [_along_the_back(drawing, p) for p in arrow.outline]
        if k is None:
            assert min(ends) >= -5.0, min(ends)  # not past the neck's base
            assert max(ends) <= sk.CHEST_SEG + 5.0, max(ends)  # nor the lower ribs
        middle = (min(ends) + max(ends)) / 2
        assert 0.0 <= middle <= 0.8 * sk.CHEST_SEG, (k, middle)
        head = next(i for i in drawing.items if isinstance(i, Head))
        nearest = min(math.dist(p, head.center) for p in arrow.outline)
        assert nearest >= 3 * head.radius, (k, nearest)


# ---- a twist (the chest turning on a still pelvis: a flat arc round the spine) ----------------

TWIST = "seated-twist"


def test_the_seated_twist_card_shows_a_flat_ring_in_front_of_the_chest_the_way_it_turns() -> None:
    """Blind review rv41's card reviewers saw "nothing shows a twist"; rv42's saw the arc
    then drawn over and behind the head point "left (forward)", read as "turn left" while
    the body is turned toward the chair back, inviting a neck turn or a lean: "draw it as a
    flat ring around the trunk: the front part crossing in front of the chest, the
    arrowhead showing the shoulder coming forward". The card and the turned key show one
    arrow: the near half of a level ring round the trunk (seen from above, its middle
    sagging below its chord), drawn over the chest, between the lowest ribs' and the
    shoulders' drawn height, going across the picture the way the front of the chest goes,
    clear of the head, its tail and head clear of every limb, inside the picture and long
    enough to read on a 120 px card; on the right side, the mirror image."""
    pose = pose_of(TWIST)
    assert pose.cue in cue.TWISTS
    x0, y0, x1, y1 = frame_of(pose)
    turned = still_drawing(pose, 1)
    (arrow,) = arrows(turned)
    # the card shows it too, seen from the card's own camera
    assert arrows(still_drawing(pose)) == arrows(still_drawing(card_pose(pose), 1)) != []
    limbs = _limbs(turned)
    (head,) = [i for i in turned.items if isinstance(i, Head)]
    shoulders = max(limbs[p].points[0][1] for p in ("upper_arm_l", "upper_arm_r"))
    ribs = limbs["chest"].points[0][1]  # the chest's drawn foot: the lowest ribs
    for q in arrow.outline:
        assert x0 < q[0] < x1 and y0 < q[1] < y1
        assert math.dist(q, head.center) - head.radius > SWING_CLEAR_MM
    line = band_line(arrow)
    for q in line:
        assert ribs < q[1] < shoulders, (q, ribs, shoulders)  # at the chest, not the head
    # over the chest: painted after it (the arms and legs in front over it)
    assert turned.items.index(arrow) > turned.items.index(limbs["chest"])
    tail, tip = tail_and_tip(arrow)
    # the near half: its middle below the chord from tail to tip (the far half bulges up)
    (mx, my), t = line[len(line) // 2], 0.0
    if tip[0] != tail[0]:
        t = (mx - tail[0]) / (tip[0] - tail[0])
    assert my < tail[1] + (tip[1] - tail[1]) * t
    # its ends out past the arms, clear of every limb but the trunk it goes round
    for q in (tail, tip):
        gaps = [gap_2d(q, limb) for part, limb in limbs.items() if part not in TRUNK]
        assert min(gaps) > SWING_CLEAR_MM, q
    scale = CARD_PX / max(x1 - x0, y1 - y0)
    assert math.dist(tail, tip) * scale >= 2 * CARD_CHORD_PX
    # the way round: across the picture the way the front of the chest goes (the near half
    # of the ring moves as the chest's front does), on both sides
    for right in (False, True):
        front = cue.cue_path(pose, right)
        prop = cue.cue_prop(pose, right, (0, 1))
        assert prop is not None
        tail, tip = tail_and_tip(prop)
        assert (tip[0] - tail[0]) * (front[2][0] - front[0][0]) > 0.0, right


def test_the_seated_twist_arrow_shows_on_still_pictures_never_while_holding() -> None:
    """A twist is a hold: its start key (where to begin) and the figure holding the turn
    show no arrow; the other side's arrow is the mirror image."""
    pose = pose_of(TWIST)
    assert arrows(still_drawing(pose, 0)) == []
    for side in ("left", "right"):
        assert arrows(playing(TWIST, 9000, side)) == [], side
    x0, _, x1, _ = frame_of(pose)
    left, right = cue.cue_prop(pose, False, (0, 1)), cue.cue_prop(pose, True, (0, 1))
    assert left is not None and right is not None
    assert right.outline == tuple((x0 + x1 - x, y) for x, y in left.outline)


def test_the_loader_reads_a_twist_cue_on_a_hold(paths: Paths) -> None:
    """Only a twist's arrow may stand on a still hold (its still pictures show it)."""
    assert problems(paths, POSED.format(dose="hold: 20", cue="chest_turn")) == []


# ---- a side bend (the upper body bending sideways over the low back: a swing on a hold) --------

SIDE_BEND = "standing-side-bend"
SIDE_BEND_TURN = (20.0, 45.0)  # how far round the low back its arrow turns (the trunk: 38)


def test_the_standing_side_bend_shows_its_arrow_on_still_pictures_never_while_holding() -> None:
    """A blind reviewer (physiotherapist) asked for "a curved arrow for the bend". A side
    bend is a hold, so, like a twist's, its arrow shows on the card and on the bent key's
    picture, never on the starting key (where to begin) nor while the body holds still; the
    other side's arrow is the mirror image."""
    pose = pose_of(SIDE_BEND)
    assert pose.cue in cue.HOLD_CUES and pose.cue in cue.REACHES
    (arrow,) = arrows(still_drawing(pose, len(pose.keys) - 1))
    assert arrows(still_drawing(pose)) == [arrow]  # the card
    assert arrows(still_drawing(pose, 0)) == []
    for side in ("left", "right"):
        for when in (0, 9000, 19_000):
            assert arrows(playing(SIDE_BEND, when, side)) == [], (side, when)
    x0, _, x1, _ = frame_of(pose)
    left, right = cue.cue_prop(pose, False, (0, 1)), cue.cue_prop(pose, True, (0, 1))
    assert left is not None and right is not None
    assert right.outline == tuple((x0 + x1 - x, y) for x, y in left.outline)


def _side_bend_picture(right: bool) -> tuple[Drawing, Prop]:
    """The bent key's picture of one side, with its arrow (the right side's as the player
    draws that side's body, the arrow as the still pictures would draw it)."""
    pose = pose_of(SIDE_BEND)
    body = playing(SIDE_BEND, 19_000, "right" if right else "left")
    arrow = cue.cue_prop(pose, right, (0, 1))
    assert arrow is not None
    return body, arrow


def _raised_arm(body: Drawing) -> list[tuple[float, float, float]]:
    """The drawn raised forearm and hand (the hand reaching highest): their points with
    their half widths."""
    limbs = _limbs(body)
    s = max("lr", key=lambda s: max(y for _, y in limbs[f"hand_{s}"].points))
    return [
        (x, y, w / 2)
        for part in (f"forearm_{s}", f"hand_{s}")
        for (x, y), w in zip(limbs[part].points, limbs[part].widths, strict=True)
    ]


@pytest.mark.parametrize("right", [False, True], ids=["left", "right"])
def test_the_standing_side_bend_arrow_arcs_up_and_over_beyond_the_raised_hand(
    right: bool,
) -> None:
    """sbarrow48's reviewer (physiotherapist) read the first side bend arrow, a short arc
    beside the head and the lower shoulder pointing down, as "drop this side down": the
    stretch asks for the opposite, lengthening, reaching up and over with the raised arm.
    The arrow follows the raised hand's way over: an arc round the low back (the drawn
    waist's foot) beyond the raised forearm and hand, outside the body, starting above the
    hand and curving over the top toward the side the trunk bends to (sb50: its tip at the
    bent hand, no longer past it), its head pointing over and a little down; all of it
    above the head, turning round the low back the way the trunk bends, on both sides."""
    pose = pose_of(SIDE_BEND)
    body, arrow = _side_bend_picture(right)
    limbs = _limbs(body)
    (head,) = [i for i in body.items if isinstance(i, Head)]
    pivot, neck = limbs["waist"].points[0], limbs["neck"].points[0]
    over = math.copysign(1.0, neck[0] - pivot[0])  # the way the trunk bends, across the page
    arm = _raised_arm(body)
    far = max(math.dist((x, y), pivot) + r for x, y, r in arm)
    for q in arrow.outline:
        assert q[1] > head.center[1] + head.radius + SWING_CLEAR_MM, q  # above the head
    tail, tip = tail_and_tip(arrow)
    # its head beyond the hand, outside (its tail, where the upright hand was, may lie nearer)
    assert math.dist(tip, pivot) > far + SWING_CLEAR_MM, tip
    assert tail[1] > max(y + r for _, y, r in arm), tail  # it starts above the hand
    furthest = max((x + r * over) * over for x, _, r in arm)  # the hand furthest over
    assert tail[0] * over < furthest and tip[0] * over > tail[0] * over, (tail, tip)
    # its head points over, level to a little down (0 to 40 degrees below level; see
    # test_the_standing_side_bend_arrow_runs_from_the_upright_hand_to_the_bent_hand)
    base = band_line(arrow)[-1]
    dx, dy = (tip[0] - base[0]) * over, tip[1] - base[1]
    assert dx > 0.0 and 0.0 <= math.degrees(math.atan2(-dy, dx)) <= 40.0, (dx, dy)
    # round the low back the way the upper body goes over (the chest's front turns so)
    shown = _turned(pivot, tail, tip)
    chest = cue.cue_path(dataclasses.replace(pose, cue="chest"), right)
    moved = _turned(pivot, chest[0], chest[2])
    assert moved * shown > 0.0, (moved, shown)
    assert SIDE_BEND_TURN[0] <= abs(shown) <= SIDE_BEND_TURN[1], shown


@pytest.mark.parametrize("right", [False, True], ids=["left", "right"])
def test_the_standing_side_bend_arrow_runs_from_the_upright_hand_to_the_bent_hand(
    right: bool,
) -> None:
    """sb50's reviewer (physiotherapist): "start it from the vertical arm position and end
    the head at the hand, not about 50 px past it. It should never point further downward
    than the end pose." (Its tail stood above the head and its tip 15 degrees round past
    the fingertips, pointing some 43 degrees below level: it invited bending further than
    shown.) Round the low back (the drawn waist's foot), its tail lies where the raised
    hand is in the first key (straight up, within 4 degrees and 0.08 H of the fingertips),
    its tip at the hand of the bent key (at most 6 degrees short of it, never past), and its
    head points the hand's way round the low back there, no steeper (3 degrees' leeway)."""
    body, arrow = _side_bend_picture(right)
    pivot = _limbs(body)["waist"].points[0]
    first, _, bent = cue.cue_path(pose_of(SIDE_BEND), right)
    tail, tip = tail_and_tip(arrow)
    way = math.copysign(1.0, _turned(pivot, first, bent))
    assert abs(_turned(pivot, first, tail)) <= 4.0, _turned(pivot, first, tail)
    assert math.dist(tail, first) <= 0.08 * sk.H, math.dist(tail, first)
    short = _turned(pivot, tip, bent) * way  # > 0: the tip short of the hand
    assert 0.0 <= short <= 6.0, short
    # the head's slope below level, and the hand's way round the low back at the end
    base = band_line(arrow)[-1]
    head = math.degrees(math.atan2(base[1] - tip[1], abs(tip[0] - base[0])))
    rx, ry = bent[0] - pivot[0], bent[1] - pivot[1]
    hand = math.degrees(math.atan2(-(rx * way), abs(ry * way)))  # (-ry, rx) * way, sloped
    assert head <= hand + 3.0, (head, hand)


@pytest.mark.parametrize("right", [False, True], ids=["left", "right"])
def test_the_standing_side_bend_arrow_is_clear_of_the_body_and_reads_on_a_card(
    right: bool,
) -> None:
    """Clear of every limb and the head, inside the picture, and long enough to read on a
    card (the first arrow was some 9 by 16 px there, beside the head, "a stray mark")."""
    pose = pose_of(SIDE_BEND)
    x0, y0, x1, y1 = frame_of(pose)
    body, arrow = _side_bend_picture(right)
    limbs = _limbs(body)
    (head,) = [i for i in body.items if isinstance(i, Head)]
    for q in arrow.outline:
        assert x0 < q[0] < x1 and y0 < q[1] < y1
        assert math.dist(q, head.center) - head.radius > SWING_CLEAR_MM
        gaps = {part: gap_2d(q, limb) for part, limb in limbs.items()}
        assert min(gaps.values()) > SWING_CLEAR_MM, (q, min(gaps, key=gaps.__getitem__))
    tail, tip = tail_and_tip(arrow)
    scale = CARD_PX / max(x1 - x0, y1 - y0)
    assert math.dist(tail, tip) * scale >= 1.5 * CARD_CHORD_PX


def test_the_loader_reads_a_side_bend_cue_on_a_hold(paths: Paths) -> None:
    """A side bend's arrow, as a twist's, may stand on a still hold."""
    assert problems(paths, POSED.format(dose="hold: 20", cue="side_bend")) == []


# ---- a seated figure-4 (the back tipping forward from the hips: a swing on a hold) ---------

FIGURE_4 = "seated-figure-4"
LEAN_CLEAR_MM = 30.0  # the lean arrow's outline keeps at least this far off the body
# degrees below level: the lean arrow's head heads forward and down, between these
LEAN_DOWN = (10.0, 40.0)
LEAN_ALONG = 10.0  # degrees: ... within this of the way the upper back goes as the lean ends


def test_the_seated_figure_4_shows_its_lean_on_still_pictures_never_while_holding() -> None:
    """sf61's reviewer (physiotherapist): the leaning key differs from sitting tall "only by
    a lean forward of about 15-20 degrees, with no arrow. Many users won't notice that
    anything changes." It is a hold: like a twist's or a side bend's, its arrow shows on the
    card and the leaning key's picture, never on the starting key nor while holding still;
    the other side's arrow is the mirror image."""
    pose = pose_of(FIGURE_4)
    assert pose.cue in cue.HOLD_CUES and pose.cue in cue.HINGES
    (arrow,) = arrows(still_drawing(pose, len(pose.keys) - 1))
    assert arrows(still_drawing(pose)) == [arrow]  # the card
    assert arrows(still_drawing(pose, 0)) == []
    for side in ("left", "right"):
        for when in (0, 9000, 19_000):
            assert arrows(playing(FIGURE_4, when, side)) == [], (side, when)
    x0, _, x1, _ = frame_of(pose)
    left, right = cue.cue_prop(pose, False, (0, 1)), cue.cue_prop(pose, True, (0, 1))
    assert left is not None and right is not None
    assert right.outline == tuple((x0 + x1 - x, y) for x, y in left.outline)


@pytest.mark.parametrize("right", [False, True], ids=["left", "right"])
def test_the_seated_figure_4_arrow_goes_forward_behind_the_head_clear_of_body_and_chair(
    right: bool,
) -> None:
    """The lean arrow: a short arc behind the upper back, its head forward of its tail (the
    way the body faces, as the nose points) and heading forward and down, between LEAN_DOWN
    degrees below level (sf3: a physiotherapist read a head heading 7 degrees up as "lift
    or stand up", and asked for it to end "forward-and-down"; never steeply down); all of it
    behind the back of the head: sf71's reviewers (a physiotherapist, and the card's) read round
    61's arc, setting off over the head and heading 41 degrees down in front of the face, as
    "leading with the head", rounding the neck instead of hinging from the hips. All of it
    LEAN_CLEAR_MM off every drawn limb and the head, its head above the chair, all of it
    inside the picture, on both sides."""
    from stretchapp.core import drawing as dr
    from stretchapp.core.body import motion

    pose = pose_of(FIGURE_4)
    k1 = pose.keys[-1]  # the card's picture of that side (the player draws its body so)
    body = dr._cued(dr._drawing(pose, motion.Moment(k1, k1, 0.0, right)), pose, right, None)
    (arrow,) = arrows(body)
    limbs = _limbs(body)
    (head,) = [i for i in body.items if isinstance(i, Head)]
    ahead = 1.0 if limbs["nose"].points[-1][0] > head.center[0] else -1.0
    tail, tip = tail_and_tip(arrow)
    assert (tip[0] - tail[0]) * ahead > 0.03 * sk.H, (tail, tip)  # forward
    # the arrowhead's heading: from the middle of its base (the band's end) to its point
    n = (len(arrow.outline) - 15 - 7) // 2
    (lx, ly), (rx, ry) = arrow.outline[n - 1], arrow.outline[n + 15]
    heading = math.degrees(math.atan2(tip[1] - (ly + ry) / 2, (tip[0] - (lx + rx) / 2) * ahead))
    assert LEAN_DOWN[0] <= -heading <= LEAN_DOWN[1], heading
    for q in arrow.outline:  # behind the back of the head, never over it nor the face
        assert (q[0] - head.center[0]) * ahead < -head.radius, q
    x0, y0, x1, y1 = frame_of(pose)
    chair_top = max(
        y for i in body.items if isinstance(i, Prop) and i.kind == "chair" for _, y in i.outline
    )
    for q in arrow.outline:
        assert x0 < q[0] < x1 and y0 < q[1] < y1, q
        assert min(gap_2d(q, limb) for limb in limbs.values()) > LEAN_CLEAR_MM, q
        assert math.dist(q, head.center) > head.radius + LEAN_CLEAR_MM, q
    # its tail may lie over the top corner of the chair's back, behind the shoulders (the
    # chair's back reaches up to them); its head lies above the chair, pointing at no part
    # of it
    assert tip[1] > chair_top, (tip, chair_top)


@pytest.mark.parametrize("right", [False, True], ids=["left", "right"])
def test_the_seated_figure_4_arrow_ends_heading_the_way_the_upper_back_goes(right: bool) -> None:
    """The lean arrow's head heads the way the hinge takes the upper back as the lean ends,
    forward and down, as the picture draws it (within LEAN_ALONG degrees): an arc round the
    drawn hips, behind the upper back, ended heading 7 degrees up, and a physiotherapist
    read it as "lift or stand up" (sf3). Seen from this camera the drawn hips are not the
    middle of the upper back's drawn path."""
    from stretchapp.core import drawing as dr
    from stretchapp.core.body import motion

    pose = pose_of(FIGURE_4)
    frame = frame_of(pose)
    keys = motion.side_keys(pose, right)
    a, b = (
        cue._drawn(
            pose,
            motion.Moment(keys[0], keys[1], t, right),
            frame,
            lambda body: cue.cue_point(body, "lean_forward", right),
        )
        for t in (0.9, 1.0)
    )
    k1 = pose.keys[-1]
    (arrow,) = arrows(
        dr._cued(dr._drawing(pose, motion.Moment(k1, k1, 0.0, right)), pose, right, None)
    )
    _, tip = tail_and_tip(arrow)
    n = (len(arrow.outline) - 15 - 7) // 2
    (lx, ly), (rx, ry) = arrow.outline[n - 1], arrow.outline[n + 15]
    heads = math.atan2(tip[1] - (ly + ry) / 2, tip[0] - (lx + rx) / 2)
    goes = math.atan2(b[1] - a[1], b[0] - a[0])
    assert b[1] < a[1]  # the upper back goes down as the lean ends
    assert abs(math.degrees(cue._wrapped(heads - goes))) <= LEAN_ALONG, (heads, goes)


# ---- a child's pose (the hips sitting back toward the heels: a path arrow on a hold) -------

CHILDS_POSE = "childs-pose"
SIT_BACK_CLEAR_MM = 40.0  # the sit-back arrow's outline keeps at least this far off the body


def test_the_childs_pose_shows_its_sit_back_on_still_pictures_never_while_holding() -> None:
    """cp2's reviewer (physiotherapist), on hands and knees then resting back: "There is no
    arrow for sitting back toward the heels." It is a hold: its arrow shows on the card and
    the resting key's picture, never on the starting key nor while holding still; the other
    side's arrow is the mirror image."""
    pose = pose_of(CHILDS_POSE)
    assert pose.cue == "sit_back" and pose.cue in cue.HOLD_CUES
    (arrow,) = arrows(still_drawing(pose, len(pose.keys) - 1))
    assert arrows(still_drawing(pose)) == [arrow]  # the card
    assert arrows(still_drawing(pose, 0)) == []
    for side in ("left", "right"):
        for when in (0, 9000, 19_000):
            assert arrows(playing(CHILDS_POSE, when, side)) == [], (side, when)
    x0, _, x1, _ = frame_of(pose)
    left, right = cue.cue_prop(pose, False, (0, 1)), cue.cue_prop(pose, True, (0, 1))
    assert left is not None and right is not None
    assert right.outline == tuple((x0 + x1 - x, y) for x, y in left.outline)


@pytest.mark.parametrize("right", [False, True], ids=["left", "right"])
def test_the_childs_pose_arrow_points_back_and_down_clear_of_body_and_head(right: bool) -> None:
    """The sit-back arrow follows the hips from hands and knees into the rest: its head
    further from the head end than its tail (back, toward the heels) and below it; all of it
    SIT_BACK_CLEAR_MM off every drawn limb, well off the head resting on the mat (the card
    must keep it whole: round 66's "headless lump"), and inside the picture."""
    from stretchapp.core import drawing as dr
    from stretchapp.core.body import motion

    pose = pose_of(CHILDS_POSE)
    k1 = pose.keys[-1]
    body = dr._cued(dr._drawing(pose, motion.Moment(k1, k1, 0.0, right)), pose, right, None)
    (arrow,) = arrows(body)
    limbs = _limbs(body)
    (head,) = [i for i in body.items if isinstance(i, Head)]
    back = 1.0 if limbs["pelvis"].points[0][0] > head.center[0] else -1.0
    tail, tip = tail_and_tip(arrow)
    assert (tip[0] - tail[0]) * back > 0.1 * sk.H, (tail, tip)  # back, toward the heels
    assert tip[1] < tail[1] - 0.05 * sk.H, (tail, tip)  # and down
    x0, y0, x1, y1 = frame_of(pose)
    for q in arrow.outline:
        assert x0 < q[0] < x1 and y0 < q[1] < y1, q
        assert min(gap_2d(q, limb) for limb in limbs.values()) > SIT_BACK_CLEAR_MM, q
        assert math.dist(q, head.center) > head.radius + 0.1 * sk.H, q


@pytest.mark.parametrize("right", [False, True], ids=["left", "right"])
def test_the_childs_pose_arrow_starts_over_the_low_back_near_the_hips(right: bool) -> None:
    """A blind A/B's reviewer (physiotherapist) chose the sit-back arrow and added: "start the
    arrow nearer the hips". Following the hips' whole path from hands and knees, its tail
    stood over the shoulders (0.24 of the way from the neck's end of the chest to the
    buttock) and 250 mm off the back. It now follows the path's last part, hugging the back:
    its tail over the low back, 0.6 of that way or more (0.81), within 136 mm of the body
    (116), its head curling down behind the buttock toward the heels."""
    from stretchapp.core import drawing as dr
    from stretchapp.core.body import motion

    pose = pose_of(CHILDS_POSE)
    k1 = pose.keys[-1]
    body = dr._cued(dr._drawing(pose, motion.Moment(k1, k1, 0.0, right)), pose, right, None)
    (arrow,) = arrows(body)
    limbs = _limbs(body)
    tail, tip = tail_and_tip(arrow)
    (sx, sy), (px, py) = limbs["chest"].points[-1], limbs["pelvis"].points[0]
    ax, ay = px - sx, py - sy
    along = ((tail[0] - sx) * ax + (tail[1] - sy) * ay) / (ax * ax + ay * ay)
    assert along >= 0.6, along
    assert min(gap_2d(tail, limb) for limb in limbs.values()) <= 0.08 * sk.H, tail
    assert (tip[0] - px) * ax > 0.0 and tip[1] < tail[1], (tail, tip)  # past the buttock, down


def test_the_loader_reads_a_sit_back_cue_on_a_hold(paths: Paths) -> None:
    """The hips' sitting back, as a twist's arrow, may stand on a still hold."""
    assert problems(paths, POSED.format(dose="hold: 20", cue="sit_back")) == []


BRIDGE = "glute-bridge"
BRIDGE_CLEAR_MM = 40.0  # the bridge's arrow keeps this far off every drawn limb


def _one_arrow_clear_through_a_repetition(
    stretch_id: str, side: str, clear_mm: float
) -> list[tuple[Drawing, Prop]]:
    """Each moment of a repetition (40) with its one arrow, checked inside the picture, above
    the mat, `clear_mm` off every drawn limb and well off the head."""
    pose = pose_of(stretch_id)
    x0, _, x1, y1 = frame_of(pose)
    shown = []
    for k, drawing in enumerate(_repetition(stretch_id, side)):
        (arrow,) = arrows(drawing)
        limbs = [i for i in drawing.items if isinstance(i, Limb)]
        (head,) = [i for i in drawing.items if isinstance(i, Head)]
        for q in arrow.outline:
            assert x0 < q[0] < x1 and cue.FLOOR_MM < q[1] < y1, (side, k, q)
            assert min(gap_2d(q, limb) for limb in limbs) > clear_mm, (side, k, q)
            assert math.dist(q, head.center) - head.radius > 0.1 * sk.H, (side, k, q)
        shown.append((drawing, arrow))
    return shown


def _points_the_way_it_moves(
    stretch_id: str, side: str, where: Callable[[Drawing], tuple[float, float]]
) -> int:
    """How many of a repetition's moments (40) move the point `where` picks from the
    drawing; in each, the arrow's tip lies further along the way it goes now than its tail."""
    period = rep_ms(STRETCHES[stretch_id])
    moving = 0
    for k in range(40):
        when = period * k // 40
        now, soon = playing(stretch_id, when, side), playing(stretch_id, when + 40, side)
        (ax, ay), (bx, by) = where(now), where(soon)
        if math.hypot(bx - ax, by - ay) < 1.0:
            continue  # resting in a key
        if when >= 40:
            (px, py) = where(playing(stretch_id, when - 40, side))
            if math.hypot(ax - px, ay - py) < 0.1:
                continue  # still in its key now, setting off within the next 40 ms
        moving += 1
        (arrow,) = arrows(now)
        tail, tip = tail_and_tip(arrow)
        assert (tip[0] - tail[0]) * (bx - ax) + (tip[1] - tail[1]) * (by - ay) > 0.0, (side, k)
    return moving


def test_the_bridge_arrow_points_the_hips_straight_up_over_them() -> None:
    """A physiotherapist's blind review of every stretch named the glute bridge but said "No
    arrow". The hips rise 197 mm on a wide arc about the shoulders (23 degrees): drawn as
    such an arc, the nearest room clear of the thigh and the trunk lay past the shins, 490 mm
    from the hips (an arrow from the mat to the knees: "lift the knees"). It is a short
    straight arrow straight up over the hips, its tail just over the lifted pelvis, no
    longer than the hips' rise (the card's is some 12 px tall): hips up, no higher. The card
    and the lifted key show it, the starting key none. It stands over the pelvis's far
    half, toward the waist, where the teal shows past the near thigh (over the hip joints it
    read "a little toward the thigh": tests/ui/test_figure_bridge_arrow.py measures it on the
    painted pixels)."""
    pose = pose_of(BRIDGE)
    assert pose.cue == "hips"
    (card,) = arrows(still_drawing(pose))
    assert arrows(still_drawing(pose, 1)) == [card]
    assert arrows(still_drawing(pose, 0)) == []
    x0, _, x1, _ = frame_of(pose)
    p0, _, p1 = cue.cue_path(pose, False)
    tail, tip = tail_and_tip(card)
    assert abs(tip[0] - tail[0]) < 1.0 and tip[1] > tail[1], (tail, tip)  # straight up
    assert math.dist(tail, tip) <= 1.05 * math.dist(p0, p1)
    assert math.dist(tail, tip) * CARD_PX / (x1 - x0) >= 10.0
    pelvis = _limbs(still_drawing(pose, 1))["pelvis"]
    assert pelvis.points[1][0] < tail[0] < max(q[0] for q in pelvis.points)
    assert BRIDGE_CLEAR_MM < min(gap_2d(q, pelvis) for q in card.outline) < 0.06 * sk.H


def test_the_bridge_arrow_stays_clear_and_goes_up_with_the_hips_and_down_again() -> None:
    """Through a repetition the bridge's arrow stays put over the hips, BRIDGE_CLEAR_MM off
    every limb, well off the head and above the mat, pointing up while they rise and down
    while they lower (the same arrow turned round)."""
    shown = _one_arrow_clear_through_a_repetition(BRIDGE, "left", BRIDGE_CLEAR_MM)
    found = [arrow for _, arrow in shown]
    changes = sum(1 for a, b in zip(found, found[1:] + found[:1], strict=True) if a != b)
    assert len(set(found)) == 2 and changes == 2, changes
    ways = set()
    for arrow in found:
        tail, tip = tail_and_tip(arrow)
        ways.add("up" if tip[1] > tail[1] else "down")
    assert ways == {"up", "down"}
    assert _points_the_way_it_moves(BRIDGE, "left", lambda d: _limbs(d)["pelvis"].points[1]) >= 10


KNEE_TO_CHEST = "knee-to-chest"
# the knee's arrow keeps this far off every drawn limb through a repetition: more than the
# CLEAR_MM (34 mm) its placement keeps in the keys and halfway. 40 until rv224's lower start
# (the knee's path begins lower), which brings the lowering thigh to 37 mm once, 2 px at
# full size
KNEE_CLEAR_MM = 36.0


def _hugged(side: str) -> tuple[Drawing, tuple[float, float], tuple[float, float]]:
    """The knee hugged, drawn on `side` with its arrow (the way into it), and the drawn hip
    and knee of the hugged leg (the right side's: its own right leg)."""
    from stretchapp.core import drawing as dr
    from stretchapp.core.body import motion

    pose = pose_of(KNEE_TO_CHEST)
    right = side == "right"
    k1 = motion.side_keys(pose, right)[1]
    body = dr._cued(dr._drawing(pose, motion.Moment(k1, k1, 0.0, right)), pose, right, (0, 1))
    thigh = _limbs(body)["thigh_r" if right else "thigh_l"]
    return body, thigh.points[0], thigh.points[-1]


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_knee_to_chest_arrow_is_a_short_arc_over_the_knee_no_further(side: str) -> None:
    """A physiotherapist's blind review of every stretch named knee-to-chest but said "No
    arrow". Along the knee's whole way round the hip, the arrow was an arc 879 mm long from
    over the foot of the bent-up leg to past the hugged knee, pointing on round toward the
    head. It is a short arc over the knee (a card's some 20 px across), the last 40 % of
    its way round the hip, toward the chest: its head no further round the hip than where
    the knee comes to rest (a gentle hug), its whole length above the hugged knee. The card
    and the hugged key show it, the starting key none; the right side's is the left's
    mirrored."""
    pose = pose_of(KNEE_TO_CHEST)
    assert pose.cue == "knee"
    (card,) = arrows(still_drawing(pose))
    assert arrows(still_drawing(pose, 1)) == [card]
    assert arrows(still_drawing(pose, 0)) == []
    x0, _, x1, _ = frame_of(pose)
    body, hip, knee = _hugged(side)
    (arrow,) = arrows(body)
    if side == "left":
        assert arrow == card
    tail, tip = tail_and_tip(arrow)
    (head,) = [i for i in body.items if isinstance(i, Head)]
    toward_head = 1.0 if head.center[0] > hip[0] else -1.0
    assert (tip[0] - tail[0]) * toward_head > 0.1 * sk.H, (tail, tip)  # toward the chest
    # short, and read on a card
    assert math.dist(tail, tip) < 0.2 * (x1 - x0)
    assert math.dist(tail, tip) * CARD_PX / (x1 - x0) >= CARD_CHORD_PX
    # round the hip the way the knee came, ending level with where it rests, no further
    start = _limbs(still_drawing(pose, 0))["thigh_l"].points[-1]
    if side == "right":
        start = (x0 + x1 - start[0], start[1])
    way = math.copysign(1.0, _turned(hip, start, knee))
    assert -5.0 < way * _turned(hip, knee, tip) <= 1.0, _turned(hip, knee, tip)
    assert way * _turned(hip, knee, tail) < -20.0  # the tail back along the knee's way
    # over the knee, close to it
    knee_top = knee[1] + max(_limbs(body)["thigh_r" if side == "right" else "thigh_l"].widths) / 2
    assert min(q[1] for q in arrow.outline) > knee_top, knee_top
    assert math.dist(tip, knee) < 0.12 * sk.H


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_knee_to_chest_arrow_stays_clear_and_follows_the_knee_in_and_out(side: str) -> None:
    """Through a repetition the knee's arrow stays put, KNEE_CLEAR_MM off every limb (the
    lifted shin and foot pass under it), well off the head and above the mat, pointing the
    way the knee goes: toward the chest as it comes in, back on the way down."""
    _one_arrow_clear_through_a_repetition(KNEE_TO_CHEST, side, KNEE_CLEAR_MM)
    thigh = "thigh_r" if side == "right" else "thigh_l"
    moving = _points_the_way_it_moves(KNEE_TO_CHEST, side, lambda d: _limbs(d)[thigh].points[-1])
    assert moving >= 10


LYING_FIGURE_4 = "figure-4"


@pytest.mark.parametrize("right", [False, True], ids=["left", "right"])
def test_the_figure_4_arrow_draws_the_supporting_thigh_in_toward_the_chest(right: bool) -> None:
    """A physiotherapist reviewing all 15 stretches at full size saw "no arrow" for drawing
    the supporting thigh toward the chest. The card (the start, from its own camera) and
    the drawn-in key show one arrow (the starting key none), the same one, and the player
    one pointing the way the knee goes now: it goes the supporting knee's way as drawn,
    toward the head end of the page, short (a chord of at most a fifth of the picture's
    width: no yank), over the supporting leg's foot and shin (its middle within 0.3 of the
    body's height across the page from the supporting foot's toes in the drawn-in key), more
    than 30 mm clear of every limb in both keys, far from the head, and inside the picture."""
    from stretchapp.core import drawing as dr
    from stretchapp.core.body import motion

    pose = pose_of(LYING_FIGURE_4)
    support = "l" if right else "r"
    k0, k1 = motion.side_keys(pose, right)
    key = dr._cued(dr._drawing(pose, motion.Moment(k1, k1, 0.0, right)), pose, right, (0, 1))
    (arrow,) = arrows(key)
    if not right:
        # the card (rv224): the start, ankle on knee, from its own camera, with the arrow
        # of the pull to come; the starting key's own picture has none
        seen = dr.card_pose(pose)
        assert (seen.azimuth, seen.elevation) != (pose.azimuth, pose.elevation)
        (card,) = arrows(still_drawing(pose))
        start = dr._drawing(seen, motion.Moment(k0, k0, 0.0, right))
        assert [card] == arrows(dr._cued(start, seen, right, None, True))
        assert arrows(still_drawing(pose, 0)) == []
    tail, tip = tail_and_tip(arrow)
    p0, _, p1 = cue.cue_path(pose, right)
    # the supporting knee's way as drawn (toward the head end)
    assert (tip[0] - tail[0]) * (p1[0] - p0[0]) + (tip[1] - tail[1]) * (p1[1] - p0[1]) > 0.0
    x0, y0, x1, y1 = frame_of(pose)
    assert math.dist(tail, tip) <= 0.2 * (x1 - x0)
    assert all(x0 < x < x1 and y0 < y < y1 for x, y in arrow.outline)
    limbs = _limbs(key)
    toe = limbs[f"foot_{support}"].points[-1]
    middle = (tail[0] + tip[0]) / 2
    assert abs(middle - toe[0]) <= 0.3 * sk.H and min(tail[1], tip[1]) > toe[1]
    for k in (k0, k1):
        drawing = dr._drawing(pose, motion.Moment(k, k, 0.0, right))
        shown = [i for i in drawing.items if isinstance(i, Limb)]
        (head,) = [i for i in drawing.items if isinstance(i, Head)]
        for q in arrow.outline:
            assert min(gap_2d(q, limb) for limb in shown) > 30.0
            assert math.dist(q, head.center) - head.radius > 300.0
    # playing: one arrow, the way in and the same turned round the way back
    period = rep_ms(STRETCHES[LYING_FIGURE_4])
    found = {tuple(arrows(playing(LYING_FIGURE_4, period * k // 20))) for k in range(20)}
    assert all(len(f) == 1 for f in found) and len(found) == 2
