"""A motion cue: a soft curved arrow beside a figure that moves, showing the way a body
point travels from the stretch's first key pose to its second (a pelvic tilt's pelvis rocking
back, a bridge's hips rising), as physiotherapy handouts draw it.

The arrow is derived, never placed by hand: the cued point is posed and placed at the two
keys and halfway between them exactly as the figure is drawn (same camera, same placement,
the right side mirrored), a circle through those three drawn positions gives the path's
curve and turning, and the arrow follows that curve a little outside the body, where it
covers no limb, the head or the room under the trunk. A movement too small to read at card
size (a pelvic tilt moves the pelvis some 5 cm) is drawn longer along the same curve, centred
on the real path: its direction and curvature are the body's own, its length a legible one.

It is one `Prop` of kind "cue" (a closed outline: a round-capped band with an arrowhead),
drawn behind the body with the props, so a moving figure paints it with the backdrop and
the still-drawing cache keeps it as any prop (a twist's ring goes among the body's parts, a
rock's over the whole body: see TWISTS, ROCKS). It shows while a stretch done in repetitions
(or a hold that keeps moving: rolling) plays and on its still pictures; never on a still hold
(see `drawing.drawing_at`). While the body moves it points the way it moves now (`heading`):
it turns only as the body sets off from a key, standing still, so the backdrop is painted
again twice a repetition, never flickering; a key's still picture shows the way into that key
(the starting pose, a place to begin, none; a rock's moved key, the whole rock), the library
card the whole movement (both ways, for a two-way arrow or a rock).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from stretchapp.core.body import motion, scene
from stretchapp.core.body import skeleton as sk
from stretchapp.core.body.pose import KeyPose, StretchPose

if TYPE_CHECKING:
    from stretchapp.core.drawing import Drawing, Prop

Point = tuple[float, float]

# What a pose can cue, each a point of the body (in the frame of the part it moves with):
# (the skeleton point it starts from, the frame, an offset in that frame in mm).
_FRONT = (0.05 * sk.H, -0.035 * sk.H, 0.0)
CUE_POINTS: dict[str, tuple[str, str | None, sk.Vec]] = {
    "pelvis_front": ("hip_c", "pelvis", _FRONT),  # the pubic bone: rises as the pelvis tilts
    "hips": ("hip_c", None, (0.0, 0.0, 0.0)),
    "tailbone": ("sacrum", None, (0.0, 0.0, 0.0)),
    "low_back": ("low_back", None, (0.0, 0.0, 0.0)),
    "back": ("mid_back", None, (0.0, 0.0, 0.0)),
    "chest": ("chest_front", None, (0.0, 0.0, 0.0)),
    "head": ("head", None, (0.0, 0.0, 0.0)),
    "knee": ("knee_l", None, (0.0, 0.0, 0.0)),  # the left knee (the right side's: mirrored)
    "low_back_press": ("low_back", None, (0.0, 0.0, 0.0)),  # pressed down: see PRESSES
    "pelvis_rock": ("hip_c", "pelvis", _FRONT),  # the pubic bone, rocking: see ROCKS
    "knees_roll": ("knee_l", None, (0.0, 0.0, 0.0)),  # the knees lowered aside: see SWINGS
    "lean_back": ("upper_back", None, (0.0, 0.0, 0.0)),  # the upper back leaning: see SWINGS
    # the upper back, as the whole back tips forward from the hips (a hold: see HINGES,
    # HOLD_CUES)
    "lean_forward": ("upper_back", None, (0.0, 0.0, 0.0)),
    "chest_turn": ("chest_front", None, (0.0, 0.0, 0.0)),  # the chest turning: see TWISTS
    # the raised hand reaching up and over (a side bend: see REACHES); the left hand's
    # fingertips, the right side's mirrored
    "side_bend": ("fingers_l", None, (0.0, 0.0, 0.0)),
    "back_both_ways": ("mid_back", None, (0.0, 0.0, 0.0)),  # up and back down: see TWO_WAY
    # the same over the small of the back (see TWO_WAY), where a cow's back sags lowest, just
    # in front of the hips: between the shoulder blades the arrow stood over the upper back,
    # away from the sag (a physiotherapist's blind review of the cat-cow on hands and knees)
    "low_back_both_ways": ("lumbar", "waist", (-0.058 * sk.H, 0.5 * sk.WAIST_SEG, 0.0)),
    # to and fro over a roller (see TWO_WAY): the back at the middle of the shoulder blades,
    # the point over the roller halfway through the rolling, so the arrow sits over it
    "rolling": ("upper_back", None, (0.0, 0.0, 0.0)),
    # to and fro over a roller under the seat (see ROLLING_SEAT): the middle of the pelvis
    "rolling_seat": ("hip_c", None, (0.0, 0.0, 0.0)),
    # the hips sitting back toward the heels, from hands and knees into the rest (a child's
    # pose: a path arrow on a hold, see HOLD_CUES): cp2's blind reviewer (physiotherapist)
    # saw "no arrow for sitting back toward the heels"
    "sit_back": ("hip_c", None, (0.0, 0.0, 0.0)),
    # the supporting knee, its thigh drawn in toward the chest (a figure-4 lying down: the
    # crossed leg is the left one, the supporting knee the right; the right side's mirrored)
    "thigh_in": ("knee_r", None, (0.0, 0.0, 0.0)),
}
# Cues drawn as a press, not a path: a short straight arrow above the body pointing straight
# down at the cued point, its tip just clear of the body over it (the small of the back
# pressed into the floor, as some handouts draw it; on a pelvic tilt, rv39's reviewers read
# it as "push your stomach down"). Its place is the point's, halfway
# between the two keys; the arrow is the same in every frame, as a path's is.
PRESSES = frozenset({"low_back_press"})
PRESS_LENGTH = 0.1  # a press arrow's length, of the frame's width
# Cues drawn as a rock: a curved arrow round the pelvis, as a handout draws a pelvic tilt: a
# ring hugging the drawn pelvis, centred on its middle and over it, turning the way it turns
# (the pubic bone curling up toward the ribs, the low back going down). It is drawn over the
# body (over the thigh's root and the hands resting on the hip bones), parted from them by a
# gap, the nearest ring round the pelvis that keeps ROCK_CLEAR off the trunk (ROCK_KEEPS_OFF)
# in both keys and halfway, turning ROCK_TURN whatever the rock's real
# size (some 15 degrees: too little to read as turning at card size). The library card shows
# the whole rock, the tilt and its release: the same ring with a head at each end (a
# movement that goes one way and back, shown both ways as the two-way arrows' cards are;
# pt2, for a fresh review that saw the tilt "hard to see and to name"). That ring is the
# card's alone: at full size (the key pictures, the player) a rock is drawn tighter, at the
# pelvis itself (see ROCK_AT_PELVIS). (Drawn behind the
# body, clear of the thigh and the hands, an arc had to float high over the thigh and the
# belly: pt61's reviewers (physiotherapists) read it as "lift the hips", a mini-bridge, and
# asked for a rocking arrow at the pelvis. rv29's arrow following the front of the pelvis
# swung out over the thigh toward the knees and read "bring the knees to you"; rv39's press
# down over the belly, "push your stomach down". Tried for pt61 and not kept: an arc round
# the buttock on the feet side, under the thigh, pointing up: "lift your bottom"; a small arc
# behind the body over the hands: a sticker over the belly, unreadable at card size.)
ROCKS = frozenset({"pelvis_rock"})
ROCK_TURN = math.radians(120.0)  # how far round the pelvis a rock arrow turns
ROCK_CLEAR = 0.008 * sk.H  # room kept between a rock's band and the trunk it hugs
# where its middle lies round the pelvis, from straight up toward the feet: tried nearest
# straight up first, its head kept off the belly (pointing down into it, it would say "push
# your stomach down") by sliding it round toward the thigh
ROCK_MIDDLES = tuple(math.radians(a) for a in (0, 5, 10))
ROCK_KEEPS_OFF = ("pelvis", "waist", "chest")  # the trunk: a rock is drawn over the rest
ROCK_RADII = tuple(0.005 * sk.H * k for k in range(8, 61))  # tried round the pelvis's middle
# At full size a rock is drawn at the pelvis itself: a ring round the drawn pelvis's middle
# just over its top (ROCK_TOP either side of straight up keeps ROCK_CLEAR off the pelvis and
# the hands resting on the hip bones: ROCK_HUGS), its sides coming down beside it, drawn
# over the thigh's root, the buttock and the side of the waist. The card's ring, round the
# whole pelvis (ROCK_KEEPS_OFF), reaches out over the thigh: ab107's reviewer
# (physiotherapist) saw the key pictures' one-headed ring "over the thigh, with the risk of
# being read as pull the knees or hips up rather than flatten the low back" and asked for "a
# two-headed arrow drawn at the pelvis". A key's still picture shows the whole rock, a head
# at each end, turning ROCK_AT_PELVIS round, evenly either side of straight up; the player,
# the way the pelvis rocks now, one head, ROCK_ONE_WAY round with its head ROCK_HEAD_PAST past
# the top (heading that far down: no steeper, a head pointing down into the belly says "push
# your stomach down"), its tail on round over the buttock, the same ring turned round on
# the way back. At card size it would be a knot of two heads (20 px across on a 120 px
# card): the card keeps the ring round the whole pelvis.
ROCK_AT_PELVIS = math.radians(160.0)
ROCK_ONE_WAY = math.radians(140.0)
ROCK_HEAD_PAST = math.radians(55.0)
ROCK_TOP = math.radians(30.0)
ROCK_HUGS = ("pelvis", "hand", "thumb")

# Cues drawn as a swing: a short curved arrow round the joint a part of the body turns about, just
# beyond the part, turning the way it turns, as a handout draws a whole limb or trunk moving: both
# knees lowered to one side (see TIP_OVER_TURN; failing that, about the circle through the cued
# knee's own drawn path) or the upper body leaning back (the shoulders about the low back). Round
# 40's path arrows along the cued point came out worse than none: an arc far out by the far hand
# (the knee) and a big half circle over the standing body (the chest). A swing keeps its centre on
# the pivot and turns a set angle, legible at card size, whatever the part's own turn (the chest
# leans 24 degrees; rv41 read 45 round it, from beside the back of the head, as "tip your head
# back"). It lies as near the cued point (drawn halfway) as keeps it SWING_CLEAR off the body in
# both keys and halfway: at the point's own distance from the pivot or further out, its tail no
# further back than the point's halfway place, slid round only the way
# the part moves (past where the knees come to rest, behind the leaning shoulders: never back
# over the head, nor over the far arm lying above the knees).
SWINGS: dict[str, tuple[str | None, float]] = {
    # (the pivot: a skeleton point, drawn in the same moment as the cued point, or None for
    # the circle through the cued point's drawn path; how far round the arrow turns, degrees)
    "knees_roll": (None, 60.0),
    "lean_back": ("lumbar", 30.0),
}
# Cues drawn as a hinge: a curved arrow following the cued point's own drawn path, set back
# off the body: the back tipping forward from the hips, long and straight (a seated
# figure-4: sf61's reviewer (physiotherapist) saw the 23-degree lean as "only a lean, no
# arrow: many users won't notice that anything changes"). An arc of a circle SCALE times
# the one through the cued upper back's drawn path, ending where that path ends and
# turning DEGREES, so its head heads the way the upper back goes as the lean ends, forward
# and down; moved off the body behind the upper back (and up) by the least that keeps it
# SWING_CLEAR off the leaning body, clear of the head, and HINGE_PROP_CLEAR above the
# chair's back (its head otherwise sat 18 mm off the chair's top corner, and merged with it
# on a card); a hold (see HOLD_CUES). (Round 61's
# 30-degree arc round the hips set off from the head's halfway place over the head, forward
# and down in front of the face: sf71's blind reviewers, a physiotherapist and the card's,
# read it as "leading with the head", rounding the neck instead of hinging from the hips.
# Its successor, a swing round the drawn hips behind the upper back, from behind the
# shoulder blades toward the shoulders, turning 45 (ab102 and ab105 chose it), ended
# heading 7 degrees up: a physiotherapist read it as "lift or stand up" and asked for it
# to end "forward-and-down" (sf3). From the figure-4's camera, 44 degrees round from the
# front, the drawn hips are not the middle of the upper back's drawn path: round them, an
# arc behind the upper back rises where the upper back goes 28 degrees down.)
HINGES: dict[str, tuple[float, float]] = {"lean_forward": (1.5, 60)}  # (SCALE, DEGREES)
HINGE_MOVES = tuple(0.005 * sk.H * k for k in range(0, 61))  # how far the arc is set off
HINGE_WAYS = tuple(math.radians(5.0 * k) for k in range(0, 19))  # ... from back (0) to up (90)
HINGE_PROP_CLEAR = 0.02 * sk.H  # room kept between a hinge and a chair's outline
SWING_RADII = tuple(0.01 * sk.H * k for k in range(0, 31))  # tried beyond the cued point
SWING_SLIDES = tuple(math.radians(5.0 * k) for k in range(0, 19))  # ... and round the pivot
SWING_FLOOR_BELOW = 20.0  # a camera this many degrees up or more draws no floor line
SWING_CLEAR = 0.026 * sk.H  # room kept between a swing and the body (a path keeps CLEAR_MM)
# The knees lowered aside (knees_roll: no pivot) tip over: a quarter circle (and a little more)
# at the knees,
# setting off level from the upright knees' drawn height the way the knees go across the page
# and curving down to the side they lower to, its tail just clear of where they come to rest
# (the far arm lies just above the knees: nothing fits over them). lbr63's reviewer
# (physiotherapist) read round 41's arc (round the circle through the knee's drawn path, all
# of it past the lowered knees, setting off 49 degrees down the page, its head straight down) as
# "press the knees further towards the floor", and lbr63's (the knees' own, nearly flat,
# drawn path moved down by the shins, 19 px on a card) as "slide the feet"; they asked for
# the arrow "at the knees, arcing sideways and down from the upright start". As large as
# fits, the radius tried from TIP_OVER_RADII's largest down; the tail tried nearest first.
TIP_OVER_TURN = 95.0  # degrees: level at the tail, heading (just past) straight down at the tip
TIP_OVER_RADII = tuple(0.005 * sk.H * k for k in range(40, 15, -1))  # 340 mm down to 136
TIP_OVER_ACROSS = tuple(0.005 * sk.H * k for k in range(0, 41))  # past the lowered knee
TIP_OVER_HEIGHTS = tuple(0.005 * sk.H * k for k in range(-8, 5))  # about the upright knee

# Cues drawn as a reach: an arc round the pivot the body bends over, following the raised
# hand's way over, as a handout draws a standing side bend: "up and over". Round the pivot as
# the moved key draws it, its tail lies where the cued hand is in the first key (the arm
# straight up: the moved body is not there) and its tip where the hand is in the moved key
# (REACH_SHORT: at most this little short of it, never past, nor further across the page
# than the hand), out beyond that hand (the nearest radius that keeps SWING_CLEAR off the
# body): the arc opens out evenly from the one radius to the other (a spiral's: as a circle
# beyond the bent hand its tail met the frame's top), so its head points about the hand's
# own way round the pivot at the end of the bend, never steeper. sb50's reviewer
# (physiotherapist) asked to "start it from the vertical arm position and end the head at
# the hand": an arc from above the head to 15 degrees past the fingertips, its head some 43
# degrees below level, invited bending further than shown. Where the frame's top is too
# near for its tail, its tail starts a little further round (REACH_TRIMS). (A first side
# bend arrow, a swing of the chest round the low back, lay beside the head and the lower
# shoulder pointing down: sbarrow48's reviewer read it as "drop this side down", the
# opposite of the stretch's lengthening.)
REACHES: dict[str, str] = {"side_bend": "lumbar"}  # the pivot, a skeleton point
REACH_SHORT = tuple(math.radians(1.0 * k) for k in range(0, 6))  # the tip short of the hand
REACH_TRIMS = tuple(math.radians(2.0 * k) for k in range(0, 3))  # the tail after the hand
REACH_RADII = tuple(0.01 * sk.H * k for k in range(0, 21))  # the tip beyond the hand
REACH_TAILS = tuple(0.01 * sk.H * k for k in range(0, 7, 2))  # the tail beyond the first hand

# Cues drawn as a twist: a flat curved arrow round the spine's long axis, as a handout draws
# the chest turning on a still pelvis (a seated twist): an arc of a level circle about the
# vertical through the middle of the back, seen through the figure's own camera (from above:
# an ellipse's arc), turning the way the front of the chest turns about that axis from the
# first key to the second. It is the ring's NEAR half, a ring round the trunk whose front
# crosses in front of the chest (drawn over the chest, under the arms and legs in front of
# it: `with_cue`), between the lowest ribs' and the shoulders' drawn height (CLEAR_MM over
# the ribs: on a card it merged with a highlighted waist), its head where the front of the
# chest goes. (Round 42 drew the far half, over and behind the head: rv42's
# reviewers read its head, pointing forward, as "turn left" against the body's visible turn
# toward the chair back, and as inviting a neck turn or a lean.) It turns TWIST_TURN round
# whatever the chest's own turn (a gentle twist turns some 30 degrees: a short arc does not
# read as going round), all on the near half; it lies slid round from the chest's front
# (`TWIST_SLIDES`) as little as will do, as high (`TWIST_LEVELS`, from the shoulders down)
# and near the axis (`TWIST_RADII`) as keeps it SWING_CLEAR off the turned body (the only one
# it is drawn over) but for what it passes behind (TWIST_BEHIND), its ends CLEAR_MM off all
# but the trunk, and inside the frame. A twist is a hold: its arrow shows on the still
# pictures (the card and the turned key), never while holding.
TWISTS = frozenset({"chest_turn"})
# The arrows a still hold may have (a twist's turn, a side bend's reach, a lean forward from
# the hips, the hips sitting back toward the heels): drawn on the still
# pictures only (the library card and the moved key's picture, never the starting key's,
# never while the body holds still), clear of that moved body alone.
HOLD_CUES = TWISTS | frozenset(REACHES) | frozenset({"lean_forward", "sit_back"})
# Path arrows that follow only the last part of the cued point's path, hugging the body they
# pass over (`_hug`): (from this share of the way on, to this share: 1, where the point comes
# to rest). The hips sitting back toward the heels start over the low back, near where they
# come to rest, and curl down behind the buttock toward the heels, a little past it (a blind
# A/B's reviewer, a physiotherapist: "start the arrow nearer the hips"; following the whole
# path from hands and knees at one distance from it, the tail stood over the shoulders, 250
# mm off the back). The knee drawn toward the chest (a knee-to-chest hug): the last 40 % of
# its way round the hip, a short arc over the knee ending level with where it comes to rest
# (on the line from the hip through it), no further: a gentle hug. (A physiotherapist's
# blind review of every stretch saw "no arrow"; an arrow along the knee's whole way, a plain
# path arrow, was an arc 879 mm long from over the foot of the bent-up leg to past the
# hugged knee, pointing on round toward the head.)
PATH_FROM: dict[str, tuple[float, float]] = {"sit_back": (0.5, 1.15), "knee": (0.6, 1.0)}
# Path arrows lifted off the body: a gentle arc along the cued point's drawn path (bowed the
# way it bows, turning LIFT_TURN, at least LIFT_LENGTH long, centred on the path) moved up
# the page and across it, the least way (LIFT_UPS, LIFT_ACROSS; nearest first) that keeps
# it clear of the body in both keys and halfway and inside the frame. A figure-4's
# supporting knee, its thigh drawn in toward the chest, comes in under the crossed leg's
# foot, its own foot beside it, with no room beside the knee itself (a physiotherapist's
# blind review saw "no arrow"). Set off along the path's normal (`_place`) the arrow stood
# upright beside the supporting foot, pointing up: "lift the leg"; swung round the hip, far
# off over the crossed knee, pointing down at the mat by the head; the knee's own path,
# lifted, a hook turning some 150 degrees. Lifted as a gentle arc, it arches over the
# supporting foot toward the head, the knee's way.
LIFTS = frozenset({"thigh_in"})
# Path arrows stood over the marked part: the cued point's path moved across the page, as a
# whole, to stand over the middle of the highlighted part as drawn where the point comes to
# rest (`_marked_middle`), then placed as any path arrow (`_place`). A bridge's hips are the
# hip joints, where the thigh meets the pelvis: their arrow, halfway between where the joints
# set off and where they come to rest, stood 109 mm toward the knees from the middle of the
# teal buttock on the lifted hips (ab114's reviewer, a physiotherapist: "a little toward the
# thigh rather than right over the pelvis. Centring it over the green buttock area would
# stop anyone reading it as lift the knees"); stood over it, within 1 mm at full size.
OVER_MARK = frozenset({"hips"})
MARK_GRID = 0.005 * sk.H  # the step between the points sampled over a marked part (mm)
MARK_GAP = 7.0  # the thin gap painted round a limb drawn over the body (half figure.GAP_MM)
LIFT_TURN = math.radians(50.0)  # how far a lifted arrow turns, its tail to its head
LIFT_LENGTH = 0.17  # its least length (its chord), of the frame's width
LIFT_UPS = tuple(0.01 * sk.H * k for k in range(0, 31))
LIFT_ACROSS = tuple(0.01 * sk.H * k for k in range(-20, 21))
HUG_HEADS = tuple(0.01 * sk.H * k for k in range(0, 31))  # the head beyond the path, tried
HUG_TAILS = tuple(0.01 * sk.H * k for k in range(0, 21))  # ... the tail this much nearer
TWIST_TURN = math.radians(130.0)
TWIST_LEVELS = tuple(0.01 * sk.H * k for k in range(-12, 21, 2))  # under the shoulders (-: over)
TWIST_RADII = tuple(0.01 * sk.H * k for k in range(10, 35, 2))  # from the spine's axis
# what a twist's arrow passes behind (drawn over it) rather than keeping clear of: the
# trunk it goes round and the arms hanging beside it; its ends (TWIST_ENDS of its points
# at each end, the tail and the arrowhead) are drawn clear of the arms, out beyond them
TWIST_ENDS = 5
TWIST_ARMS = ("upper_arm", "shoulder")  # ... and what it is painted under, if drawn last
TWIST_BEHIND = ("pelvis", "waist", "chest", "low_back", "neck", "shoulder", "upper_arm", "side")
TWIST_SLIDES = tuple(math.radians(10.0 * k * s) for k in range(0, 10) for s in (1, -1))

WIDTH = 0.018 * sk.H  # the band's width (mm)
HEAD_W = 0.056 * sk.H  # across the arrowhead's base
HEAD_L = 0.05 * sk.H  # the arrowhead's length
MIN_LENGTH = 0.1  # the arrow's least length along its curve, of the frame's width
MAX_TURN = math.radians(140.0)  # an arc turns through no more than this
MIN_TURN = math.radians(70.0)  # ... and at least this, so it reads as turning, not sliding
# A path turning less than this is drawn straight: a bridge's hips rise 20 cm on a wide arc
# about the shoulders, turning 23 degrees (bowing 11 mm off straight): drawn as an arc round
# the shoulders, the nearest clear one lay out past the shins, 490 mm from the hips
STRAIGHT_BELOW = math.radians(25.0)
# A straight arrow is drawn upright or level when its path lies this near it: the hips rising
# in a bridge, 12 degrees off upright toward the shoulders, are drawn as a handout draws them,
# straight up (leaning toward the head, the arrow could be taken for pushing the hips toward
# the head, an arch)
STRAIGHT_SNAP = math.radians(15.0)
# A point this close to the pivot it turns about (a pelvis rocking about the hips) moves on a
# small circle: its arrow turns at least MIN_TURN and may follow another point of that part.
# One further out (a bridge's hips rising about the shoulders) keeps its own gentle curve.
NEAR_PIVOT = 0.12 * sk.H
CLEAR_MM = 0.02 * sk.H  # room kept between the arrow's edge and the body
FLOOR_MM = 0.02 * sk.H  # ... and above the floor
OFFSETS = tuple(0.01 * sk.H * k for k in range(0, 31))  # tried from the path outward
SAMPLES = 24  # points along the arrow's curve
PATH_BETWEEN = (0.25, 0.5, 0.75)  # where between the keys a following arrow keeps clear
SLIDES = tuple(math.radians(10.0 * k * sign) for k in range(0, 8) for sign in (1, -1))


def cue_point(body: sk.Body, cue: str, right: bool) -> sk.Vec:
    """Where the cued point is on a posed body (on the right side, its mirror image)."""
    name, frame, offset = CUE_POINTS[cue]
    if right:
        name = sk.mirror_name(name)
        offset = (offset[0], offset[1], -offset[2])
    p = body.points[name]
    if frame is None:
        return p
    return sk.add(p, sk.apply(body.frames[frame], offset))


def _drawn(
    pose: StretchPose,
    moment: motion.Moment,
    frame: tuple[float, float, float, float],
    where: Callable[[sk.Body], sk.Vec],
) -> Point:
    """A point of the body (`where` picks it from the placed body) as the figure draws it at
    `moment`: through that moment's camera, shifted as the picture is."""
    from stretchapp.core import drawing as dr

    state, az, el, shift = dr._state(pose, moment)
    q = sk.apply(scene.camera(az, el), where(state.placed.body))
    return (q[0] + shift * (frame[0] + frame[2]), q[1])


def _wrapped(angle: float) -> float:
    """The angle brought within -pi..pi: the short way round."""
    return (angle + math.pi) % (2 * math.pi) - math.pi


Step = tuple[int, int]  # a movement from one key (its index) toward another


def heading(pose: StretchPose, m: motion.Moment) -> Step:
    """Which way the body moves at a moment of the repetitions: from key a toward key b, or,
    resting in a key, the way it came into it (`key_step`). It changes only as the body sets
    off from a key, standing still at the start of its ease, so an arrow shown by it never
    flickers."""
    keys = motion.side_keys(pose, m.right)
    at = keys.index(m.a) if m.a in keys else 0
    if m.b != m.a and m.b in keys and m.t > 0.0:
        return at, keys.index(m.b)
    return key_step(len(keys), at)  # (at t 0 it has not set off: the body is the key's)


def key_step(count: int, key: int) -> Step:
    """The movement a still picture of key pose `key` (of `count`) shows: the one that
    brought the body into it, as a handout draws each position with the way to get there
    (the cat rounds up, the cow sinks); the starting pose, the way on to the next (the
    player resting there before it sets off; its still picture shows no arrow)."""
    key %= count
    return (key, (key + 1) % count) if key == 0 else (key - 1, key)


def still_step(pose: StretchPose, key: int) -> Step | None:
    """The movement key pose `key`'s still picture shows (`key_step`), or None for both ways.
    A hold that rolls to and fro (a two-way cue on a hold that keeps moving) has no position
    to reach: its keys are points the body passes, and at an end of the travel it turns back.
    A key there shows the two-headed arrow: with the way into it alone, the lowest point of
    the upper-back roll repeated the arrow toward the head, "people may keep rolling toward
    the low back" (blind review). Repetitions' keys (cat-cow's cat and cow) are positions
    reached each time: they keep the way into each, as a handout draws them. A rock's
    tilted key shows the whole rock too, at the pelvis (see ROCK_AT_PELVIS: ab107's reviewer
    asked for "a two-headed arrow drawn at the pelvis" on the key pictures)."""
    count = len(pose.keys)
    step = key_step(count, key)
    if pose.cue in ROCKS and key % count != 0:
        return None
    if pose.cue not in TWO_WAY or pose.cycle_ms <= 0 or key % count == 0 or count < 2:
        return step
    from stretchapp.core import drawing as dr

    drawn = _key_points(pose, False, dr.frame_of(pose))
    here = key % count
    (ax, ay), (bx, by) = drawn[step[0]], drawn[here]
    cx, cy = drawn[(here + 1) % count]
    into, out = (bx - ax, by - ay), (cx - bx, cy - by)
    return None if into[0] * out[0] + into[1] * out[1] < 0.0 else step


@lru_cache(maxsize=64)
def cue_prop(
    pose: StretchPose, right: bool, step: Step | None = None, card: bool = False
) -> Prop | None:
    """The arrow for a pose with a `cue` (None without one, or when the cued point does not
    move between the first two keys). With a `step`, the way the body moves in it: a path
    arrow pointing back along its curve on the way back, a two-way arrow one-headed,
    pointing the way the cued point goes (a press stays a press). The library `card`'s
    arrow differs only for a rock (see ROCK_AT_PELVIS)."""
    from stretchapp.core import drawing as dr

    if pose.cue is None or len(pose.keys) < 2:
        return None
    card = card and pose.cue in ROCKS  # (one arrow, cached once, for every other cue)
    frame = dr.frame_of(pose)
    if right and pose.right is None:
        # the right side is the left one mirrored: so is its arrow, exactly (the right side
        # is drawn mirrored across the middle of the frame)
        left = cue_prop(pose, False, step, card)
        if left is None:
            return None
        middle = frame[0] + frame[2]
        return dr.Prop("cue", tuple((middle - x, y) for x, y in left.outline))
    if pose.cue in TWO_WAY:
        return _two_way_prop(pose, right, frame, step)
    path = cue_path(pose, right)
    if math.dist(path[0], path[-1]) < 1.0:
        return None
    keys = motion.side_keys(pose, right)
    bodies = _path_bodies(pose, right, frame, keys)
    if pose.cue in PRESSES:
        return dr.Prop("cue", _outline(_press(path, _obstacles(bodies), frame)))
    if pose.cue in ROCKS and not card:
        line = _rock_at_pelvis(path, bodies, step is None)
        return dr.Prop("cue", _headed(pose, right, frame, step, line))
    if pose.cue in TWISTS:
        shapes = (_obstacles(_twist_obstacles(bodies)), _obstacles(_twist_ends(bodies)))
        line = _twist(pose, right, frame, *shapes)
    else:
        line = _curve(pose, right, frame, path, bodies)
    return dr.Prop("cue", _headed(pose, right, frame, step, line))


def _path_bodies(
    pose: StretchPose,
    right: bool,
    frame: tuple[float, float, float, float],
    keys: Sequence[KeyPose],
) -> list[object]:
    """What a path arrow keeps clear of: the body drawn in the first two keys and halfway
    between them (a hold's, only over the moved key's picture: see HOLD_CUES); one that
    follows the point's own path as the body moves (`_follows`), also a quarter and three
    quarters of the way. (Kept clear of the halfway body alone, the thigh of a knee drawn
    toward the chest passed 35 mm under its arrow; now 47 mm, the least through a
    repetition.)"""
    from stretchapp.core import drawing as dr

    a, b = keys[0], keys[1]
    between = PATH_BETWEEN if _follows(pose.cue) else (0.5,)
    moments = [(a, a, 0.0), *((a, b, t) for t in between), (b, b, 0.0)]
    bodies: list[object] = []
    for k0, k1, t in moments[-1:] if pose.cue in HOLD_CUES else moments:
        bodies += dr._items(pose, motion.Moment(k0, k1, t, right), frame)
    return bodies


def _headed(
    pose: StretchPose,
    right: bool,
    frame: tuple[float, float, float, float],
    step: Step | None,
    line: list[Point],
) -> tuple[Point, ...]:
    """A one-way arrow's outline along `line`, pointing the way of `step` (back along it on
    the way back); a rock's card (no step), the whole rock: a head at each end (ROCKS)."""
    if step is None and pose.cue in ROCKS:
        return _double_curve_outline(line)
    if step is not None and _way(pose, right, frame, step, line) < 0:
        line = line[::-1]
    return _outline(line)


def _curve(
    pose: StretchPose,
    right: bool,
    frame: tuple[float, float, float, float],
    path: tuple[Point, Point, Point],
    bodies: Sequence[object],
) -> list[Point]:
    """A one-way arrow's line from tail to tip, the way from the first key to the second:
    a rock, a hinge, a swing, a reach or a path (see ROCKS, HINGES, SWINGS, REACHES, `_place`;
    one stood over the marked part: OVER_MARK), clear of `bodies`."""
    shapes = _obstacles(bodies)
    if pose.cue in ROCKS:
        return _rock(path, bodies, frame)  # round the pelvis, over the body
    if pose.cue in HINGES:
        return _hinge(frame, path, shapes, _prop_edges(bodies), *HINGES[pose.cue])
    if pose.cue in SWINGS:
        return _swing(pose, right, frame, path, shapes)
    if pose.cue in REACHES:
        return _reach(pose, right, frame, path, shapes)
    if pose.cue in PATH_FROM:
        return _hug(path, shapes, frame, *PATH_FROM[pose.cue])
    if pose.cue in LIFTS:
        return _lift(path, shapes, frame)
    if pose.cue in OVER_MARK:
        from stretchapp.core import drawing as dr

        rest = motion.side_keys(pose, right)[1]  # (where the point comes to rest)
        middle = _marked_middle(dr._items(pose, motion.Moment(rest, rest, 0.0, right), frame))
        if middle is not None:
            across = middle - (path[0][0] + path[2][0]) / 2
            p0, pm, p1 = ((x + across, y) for x, y in path)
            path = (p0, pm, p1)
    return _place(path, shapes, frame)


def _marked_middle(items: Sequence[object]) -> float | None:
    """Across the page, the middle of the highlighted trunk as it shows (None with none): the
    mean of points MARK_GRID apart inside its drawn shapes, outside everything drawn over it
    and the gap round that (MARK_GAP): every later item but the rest of the trunk (a pelvis,
    the trunk's only mark, is painted over the waist and the chest: `figure._marked_on_top`).
    A bridge's near thigh covers the pelvis's end at the hip joint; the teal that shows
    reaches on toward the waist."""
    from stretchapp.core.drawing import TRUNK, Head, Limb

    at = [
        i
        for i, item in enumerate(items)
        if isinstance(item, Limb) and item.highlight and item.part in TRUNK
    ]
    if not at:
        return None
    marked = _obstacles([items[i] for i in at])
    over = _obstacles(
        [
            item
            for item in items[at[0] + 1 :]
            if isinstance(item, Head) or (isinstance(item, Limb) and item.part not in TRUNK)
        ]
    )
    x0 = min(min(a[0] - ra, b[0] - rb) for a, b, ra, rb in marked)
    x1 = max(max(a[0] + ra, b[0] + rb) for a, b, ra, rb in marked)
    y0 = min(min(a[1] - ra, b[1] - rb) for a, b, ra, rb in marked)
    y1 = max(max(a[1] + ra, b[1] + rb) for a, b, ra, rb in marked)
    xs = [
        x
        for x in (x0 + MARK_GRID * (i + 0.5) for i in range(int((x1 - x0) / MARK_GRID)))
        for y in (y0 + MARK_GRID * (j + 0.5) for j in range(int((y1 - y0) / MARK_GRID)))
        if clearance((x, y), marked) < 0.0 and (not over or clearance((x, y), over) >= MARK_GAP)
    ]
    return sum(xs) / len(xs) if xs else None


def _lift(
    path: tuple[Point, Point, Point],
    shapes: Sequence[tuple[Point, Point, float, float]],
    frame: tuple[float, float, float, float],
) -> list[Point]:
    """A gentle arc along the path, from where the cued point sets off to where it comes to
    rest (at least LIFT_LENGTH long, centred on the path), bowed the way the path bows and
    turning LIFT_TURN, moved up and across the page by the least that keeps it clear of the
    body, above the floor and inside the frame (see LIFTS); failing that, the clearest one."""
    x0, y0, x1, _ = frame
    p0, pm, p1 = path
    chord = math.dist(p0, p1)
    ux, uy = (p1[0] - p0[0]) / chord, (p1[1] - p0[1]) / chord
    bow = 1.0 if ux * (pm[1] - p0[1]) - uy * (pm[0] - p0[0]) >= 0.0 else -1.0
    nx, ny = -uy * bow, ux * bow  # toward the side the path bows to
    half = max(chord, LIFT_LENGTH * (x1 - x0)) / 2
    radius = half / math.sin(LIFT_TURN / 2)
    mx, my = (p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2
    own = []
    for k in range(SAMPLES):
        a = LIFT_TURN * (k / (SAMPLES - 1) - 0.5)
        along, out = radius * math.sin(a), radius * (math.cos(a) - math.cos(LIFT_TURN / 2))
        own.append((mx + ux * along + nx * out, my + uy * along + ny * out))
    shifts = sorted(
        ((dx, dy) for dx in LIFT_ACROSS for dy in LIFT_UPS), key=lambda s: math.hypot(*s)
    )
    lines = ([(x + dx, y + dy) for x, y in own] for dx, dy in shifts)
    return _first_clear(lines, shapes, frame, max(y0, 0.0) + FLOOR_MM, CLEAR_MM)


def _hug(
    path: tuple[Point, Point, Point],
    shapes: Sequence[tuple[Point, Point, float, float]],
    frame: tuple[float, float, float, float],
    share: float,
    past: float,
) -> list[Point]:
    """A path arrow along the last part of the path's curve, from `share` of the way on to
    `past` (1: its end; see PATH_FROM), that hugs the body it passes over: about the centre
    of the circle through the path, its head beyond where the point comes to rest
    (HUG_HEADS) and its tail nearer the centre (HUG_TAILS), the radius opening out evenly
    between them; the nearest such arrow on the whole (the least tail and head radii
    together) that keeps clear, failing that the clearest one. (A path too straight to
    have a centre: `_place`'s arrow along it.)"""
    fit = _circle(*path)
    if fit is None:
        return _place(path, shapes, frame)
    (cx, cy), r = fit
    p0 = path[0]
    a0 = math.atan2(p0[1] - cy, p0[0] - cx)
    turn = _turn(path, (cx, cy))
    start, end = a0 + turn * share, a0 + turn * past

    def line(r0: float, r1: float) -> list[Point]:
        pts = []
        for k in range(SAMPLES):
            t = k / (SAMPLES - 1)
            a, radius = start + (end - start) * t, r0 + (r1 - r0) * t
            pts.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
        return pts

    # nearest first: the least radius on the whole (the tail's and the head's together)
    radii = sorted(
        ((r + d1 - d0, r + d1) for d1 in HUG_HEADS for d0 in HUG_TAILS),
        key=lambda rr: (rr[0] + rr[1], rr[1]),
    )
    lines = (line(r0, r1) for r0, r1 in radii)
    floor = max(frame[1], 0.0) + FLOOR_MM
    return _first_clear(lines, shapes, frame, floor, CLEAR_MM)


def _way(
    pose: StretchPose,
    right: bool,
    frame: tuple[float, float, float, float],
    step: Step,
    line: Sequence[Point],
) -> float:
    """Whether the cued point goes along `line` (1), back against it (-1) or hardly moves
    (0) from key step[0] to key step[1]. (A twist's ring lies well out from the cued chest,
    which moves little across the picture: it goes along from the first key on, against
    back to it.)"""
    if pose.cue in TWISTS:
        return 1.0 if step[1] > step[0] else -1.0
    drawn = _key_points(pose, right, frame)
    (ax, ay), (bx, by) = drawn[step[0] % len(drawn)], drawn[step[1] % len(drawn)]
    (sx, sy), (ex, ey) = line[0], line[-1]
    along = (bx - ax) * (ex - sx) + (by - ay) * (ey - sy)
    if math.hypot(bx - ax, by - ay) < 1.0 or along == 0.0:
        return 0.0
    return math.copysign(1.0, along)


def cue_path(
    pose: StretchPose, right: bool, frame: tuple[float, float, float, float] | None = None
) -> tuple[Point, Point, Point]:
    """The cued point as drawn in the first key, halfway to the second, and in the second
    (in the pose's `frame`, or the one given)."""
    from stretchapp.core import drawing as dr

    cue = pose.cue
    assert cue is not None
    keys = motion.side_keys(pose, right)
    frame = dr.frame_of(pose) if frame is None else frame
    a, m, b = (
        _drawn(
            pose,
            motion.Moment(keys[0], keys[1], t, right),
            frame,
            lambda body: cue_point(body, cue, right),
        )
        for t in (0.0, 0.5, 1.0)
    )
    return a, m, b


def _obstacles(items: Sequence[object]) -> list[tuple[Point, Point, float, float]]:
    """The drawn body as capsules: (end, end, radius, radius); a head is a capsule of length 0."""
    from stretchapp.core.drawing import Head, Limb

    out = []
    for item in items:
        if isinstance(item, Limb):
            for i in range(len(item.points) - 1):
                out.append(
                    (item.points[i], item.points[i + 1], item.widths[i] / 2, item.widths[i + 1] / 2)
                )
        elif isinstance(item, Head):
            out.append((item.center, item.center, item.radius, item.radius))
    return out


def clearance(q: Point, shapes: Sequence[tuple[Point, Point, float, float]]) -> float:
    """How far a point lies outside the nearest capsule (below 0: inside one)."""
    # (written out without min() and max(), the same values: placing an arrow measures some
    # forty thousand points against the body's capsules)
    qx, qy = q
    best = math.inf
    for (ax, ay), (bx, by), ra, rb in shapes:
        # (a capsule whose box, grown by its radius and the nearest so far, does not reach
        # the point cannot be nearer: skipped unmeasured, with a hair to spare for rounding)
        r = (rb if rb > ra else ra) + best + 1e-6
        if (
            qx < (bx if bx < ax else ax) - r
            or qx > (bx if bx > ax else ax) + r
            or qy < (by if by < ay else ay) - r
            or qy > (by if by > ay else ay) + r
        ):
            continue
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        t = 0.0
        if length2 > 1e-9:
            t = ((qx - ax) * dx + (qy - ay) * dy) / length2
            t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
        d = math.hypot(qx - ax - dx * t, qy - ay - dy * t) - (ra + (rb - ra) * t)
        if d < best:
            best = d
    return best


def _circle(p0: Point, p1: Point, p2: Point) -> tuple[Point, float] | None:
    """The circle through three points (None when they lie on a line, near enough)."""
    ax, ay = p0
    bx, by = p1
    cx, cy = p2
    d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
    if abs(d) < 1e-9:
        return None
    ux = (
        (ax * ax + ay * ay) * (by - cy)
        + (bx * bx + by * by) * (cy - ay)
        + (cx * cx + cy * cy) * (ay - by)
    ) / d
    uy = (
        (ax * ax + ay * ay) * (cx - bx)
        + (bx * bx + by * by) * (ax - cx)
        + (cx * cx + cy * cy) * (bx - ax)
    ) / d
    r = math.hypot(ax - ux, ay - uy)
    if r > 4.0 * math.dist(p0, p2):  # hardly curved: a straight arrow reads as well
        return None
    return (ux, uy), r


def _turn(path: tuple[Point, Point, Point], centre: Point) -> float:
    """How far (radians, counterclockwise > 0) the path turns about `centre`, from its first
    point through its middle one to its last."""
    (p0, pm, p1), (cx, cy) = path, centre
    a0 = math.atan2(p0[1] - cy, p0[0] - cx)
    am = math.atan2(pm[1] - cy, pm[0] - cx)
    a1 = math.atan2(p1[1] - cy, p1[0] - cx)
    turn = _wrapped(a1 - a0)
    via = _wrapped(am - a0)
    if via * turn < 0 or abs(via) > abs(turn):
        turn = turn - math.copysign(2 * math.pi, turn)
    return turn


Spec = tuple[float, ...]  # an arrow's line before it is worked out: see `_points`


def _candidates(path: tuple[Point, Point, Point], least: float) -> list[tuple[float, Spec]]:
    """Arrows along the path's curve at each offset from it (outward and inward), each at
    least `least` long, centred on the real path, nearest first: (how far from the path,
    its line as `_points` works it out)."""
    p0, pm, p1 = path
    fit = _circle(p0, pm, p1)
    out: list[tuple[float, Spec]] = []
    if fit is not None and abs(_turn(path, fit[0])) < STRAIGHT_BELOW:
        fit = None  # hardly turning (a bridge's hips rising): a straight arrow
    if fit is None:
        length = math.dist(p0, p1)
        ux, uy = (p1[0] - p0[0]) / length, (p1[1] - p0[1]) / length
        ux, uy = _snapped(ux, uy, STRAIGHT_SNAP)
        half = max(length, least) / 2
        mx, my = (p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2
        # beside the path (moved across it), or on its own line moved along it, beyond where
        # the point comes to rest or before where it sets off (a bridge's hips rise with the
        # thigh and the lifted trunk beside them: the nearest room beside them lay past the
        # shins, 490 mm off, an arrow from the mat to the knees' height, "lift the knees";
        # over the lifted hips, 390 mm)
        for d in OFFSETS:
            for sign in (1.0, -1.0) if d else (1.0,):
                out.append((d, (mx - uy * d * sign, my + ux * d * sign, ux * half, uy * half)))
                if d:
                    out.append((d, (mx + ux * d * sign, my + uy * d * sign, ux * half, uy * half)))
        return out
    (cx, cy), r = fit
    a0 = math.atan2(p0[1] - cy, p0[0] - cx)
    turn = _turn(path, (cx, cy))
    middle = a0 + turn / 2
    for d in OFFSETS:
        for sign in (1.0, -1.0) if d else (1.0,):
            radius = r + d * sign
            if radius < 0.5 * r or radius < 2 * HEAD_L:
                continue
            near = r <= NEAR_PIVOT  # a part turning about a pivot close by: show it turning
            span = max(abs(turn), least / radius, MIN_TURN if near else 0.0)
            span = math.copysign(min(MAX_TURN, span), turn)
            for slide in SLIDES if near else (0.0,):
                # (a part turning about a pivot turns all its points alike: the arrow may
                # follow another point of it, as far round as SLIDES, where there is room)
                out.append((d + abs(slide) * r, (cx, cy, radius, middle + slide, span)))
    out.sort(key=lambda c: c[0])
    return out


def _points(spec: Spec) -> list[Point]:
    """An arrow's line from tail to tip: a straight one (middle x, y and half its length
    along x, y) or an arc (centre x, y, radius, middle angle, signed turn)."""
    if len(spec) == 4:
        mx, my, hx, hy = spec
        return [
            (mx + hx * s, my + hy * s)
            for s in (-1.0 + 2.0 * k / (SAMPLES - 1) for k in range(SAMPLES))
        ]
    cx, cy, radius, at, span = spec
    return [
        (
            cx + radius * math.cos(at + span * (k / (SAMPLES - 1) - 0.5)),
            cy + radius * math.sin(at + span * (k / (SAMPLES - 1) - 0.5)),
        )
        for k in range(SAMPLES)
    ]


def _place(
    path: tuple[Point, Point, Point],
    shapes: Sequence[tuple[Point, Point, float, float]],
    frame: tuple[float, float, float, float],
) -> list[Point]:
    """The nearest arrow to the path that keeps clear of the body, above the floor and inside
    the frame; failing that, the clearest one."""
    x0, y0, x1, _ = frame
    candidates = _candidates(path, MIN_LENGTH * (x1 - x0))
    floor = max(y0, 0.0) + FLOOR_MM
    return _first_clear((_points(spec) for _d, spec in candidates), shapes, frame, floor, CLEAR_MM)


def _worst(
    score: float,
    best: tuple[float, object] | None,
    points: Sequence[Point],
    shapes: Sequence[tuple[Point, Point, float, float]],
    *less: float,
) -> float:
    """The least of `score` and each point's clearance of `shapes` less `less`, a line's
    score: measured only while it can still beat the `best` so far (a score of no more
    than that is as good as any, as it is not picked). The same answer as measuring every
    point, for a few of them: measuring all of every line tried cost placing a path arrow
    some 100 ms, about a third of a routine's first repetitions."""
    bar = -math.inf if best is None else best[0]
    for q in points:
        if score <= bar:
            break
        clear = clearance(q, shapes)
        for part in less:
            clear -= part
        score = min(score, clear)
    return score


def _first_clear(
    lines: Iterable[list[Point]],
    shapes: Sequence[tuple[Point, Point, float, float]],
    frame: tuple[float, float, float, float],
    floor: float,
    clear: float,
) -> list[Point]:
    """The first of the arrow lines (tried in order, best placed first) that lies inside the
    frame, above `floor` and `clear` off the body; failing that, the clearest one. (Each is
    given up at its first point too near the body, which keeps working an arrow out to a few
    milliseconds.) The lines are first only tested, each given up at its first point out of
    the frame or too near the body; they are scored for the clearest only when none is clear:
    scoring each line passed over on the way to the clear one cost a lifted arrow (LIFTS,
    some 370 lines tried) 500 ms of a figure-4's first movement, against 50."""
    x0, _, x1, y1 = frame
    reach = max(WIDTH, HEAD_W) / 2
    need = reach + clear
    tried = list(lines)

    def inside(pts: list[Point]) -> float:
        return min(min(q[0] - x0, x1 - q[0], y1 - q[1], q[1] - floor) for q in pts)

    for pts in tried:
        if inside(pts) >= reach and all(_clear_of(q, shapes, need) for q in pts):
            return pts
    # each scored by the least of how far it is inside the frame and each point's clearance
    # less what it must keep
    return _clearest(tried, shapes, lambda pts: inside(pts) - reach, need)


def _press(
    path: tuple[Point, Point, Point],
    shapes: Sequence[tuple[Point, Point, float, float]],
    frame: tuple[float, float, float, float],
) -> list[Point]:
    """A straight arrow pointing down at the cued point (drawn halfway between the keys),
    its tip the least height above it that keeps clear of the body in every key."""
    x = path[1][0]
    length = PRESS_LENGTH * (frame[2] - frame[0])
    need = CLEAR_MM  # (the tip is its lowest point; the head widens above it)
    tip = max(p[1] for p in path)
    step = 0.005 * sk.H
    while not _clear_of((x, tip), shapes, need) and tip < frame[3] - length:
        tip += step
    return [(x, tip + length * (1 - k / (SAMPLES - 1))) for k in range(SAMPLES)]


def _pelvis_centre(items: Sequence[object]) -> Point:
    """The drawn pelvis's middle, averaged over the moments drawn (its shape's end points)."""
    from stretchapp.core.drawing import Limb

    ends = [
        q for item in items if isinstance(item, Limb) and item.part == "pelvis" for q in item.points
    ]
    return (sum(q[0] for q in ends) / len(ends), sum(q[1] for q in ends) / len(ends))


def _rock(
    path: tuple[Point, Point, Point],
    bodies: Sequence[object],
    frame: tuple[float, float, float, float],
) -> list[Point]:
    """A curved arrow round the pelvis's middle, turning ROCK_TURN the way the cued point
    (the pubic bone) turns about it, over it (ROCK_MIDDLES): the nearest such ring that
    keeps ROCK_CLEAR off the trunk (it is drawn over the rest of the body), above the floor
    and inside the frame (failing that, the clearest one)."""
    from stretchapp.core.drawing import Limb

    centre = _pelvis_centre(bodies)
    cx, cy = centre
    turn = _turn(path, centre)
    span = math.copysign(ROCK_TURN, turn if turn else -1.0)
    trunk = _obstacles([i for i in bodies if isinstance(i, Limb) and i.part in ROCK_KEEPS_OFF])
    # "toward the feet" is the side the pubic bone lies on
    feet = 1.0 if path[1][0] < cx else -1.0
    arcs = (
        _points((cx, cy, radius, math.pi / 2 + feet * middle, span))
        for radius in ROCK_RADII
        for middle in ROCK_MIDDLES
    )
    floor = max(frame[1], 0.0) + FLOOR_MM
    return _first_clear(arcs, trunk, frame, floor, ROCK_CLEAR + (WIDTH - HEAD_W) / 2)


def _rock_at_pelvis(
    path: tuple[Point, Point, Point], bodies: Sequence[object], both: bool
) -> list[Point]:
    """A rock's full-size ring (see ROCK_AT_PELVIS), turning the way the cued point (the
    pubic bone) turns about the pelvis's middle: round it, the least radius whose top
    (ROCK_TOP either side of straight up) keeps ROCK_CLEAR off the pelvis and the hands
    (ROCK_HUGS) in both keys and halfway; `both` ways (a head at each end: evenly either side
    of straight up) or one, its head ROCK_HEAD_PAST past the top."""
    from stretchapp.core.drawing import Limb

    cx, cy = centre = _pelvis_centre(bodies)
    turn = _turn(path, centre)
    way = math.copysign(1.0, turn if turn else -1.0)  # counterclockwise: 1
    hugged = _obstacles([i for i in bodies if isinstance(i, Limb) and i.part.startswith(ROCK_HUGS)])
    need = ROCK_CLEAR + WIDTH / 2
    radius = next(
        (
            r
            for r in ROCK_RADII
            if all(
                _clear_of(q, hugged, need) for q in _points((cx, cy, r, math.pi / 2, 2 * ROCK_TOP))
            )
        ),
        ROCK_RADII[-1],
    )
    if both:
        return _points((cx, cy, radius, math.pi / 2, way * ROCK_AT_PELVIS))
    middle = math.pi / 2 + way * (ROCK_HEAD_PAST - ROCK_ONE_WAY / 2)
    return _points((cx, cy, radius, middle, way * ROCK_ONE_WAY))


def _swing(
    pose: StretchPose,
    right: bool,
    frame: tuple[float, float, float, float],
    path: tuple[Point, Point, Point],
    shapes: Sequence[tuple[Point, Point, float, float]],
) -> list[Point]:
    """A curved arrow round the pivot the cued part turns about (see SWINGS), turning the
    way the cued point turns about it from the first key to the second: the one whose middle
    lies nearest the cued point drawn halfway that keeps clear of the body, above the floor
    and inside the frame (failing that, the clearest one)."""
    from stretchapp.core import drawing as dr

    assert pose.cue is not None
    pivot_name, degrees = SWINGS[pose.cue]
    keys = motion.side_keys(pose, right)
    if pivot_name is None:
        tipped = _tip_over(frame, path, shapes)
        if tipped is not None:
            return tipped
        fit = _circle(*path)
        centres = [fit[0] if fit is not None else path[1]] * 3
    else:
        pivot = sk.mirror_name(pivot_name) if right else pivot_name
        centres = [
            _drawn(
                pose, motion.Moment(keys[0], keys[1], t, right), frame, lambda b: b.points[pivot]
            )
            for t in (0.0, 0.5, 1.0)
        ]
    # how the cued point turns about the pivot (each drawn in the same moment)
    angles = [math.atan2(p[1] - c[1], p[0] - c[0]) for p, c in zip(path, centres, strict=True)]
    way = 1.0 if _wrapped(angles[2] - angles[0]) >= 0.0 else -1.0
    span = way * math.radians(degrees)
    (cx, cy), (mx, my) = centres[1], path[1]
    start = math.hypot(mx - cx, my - cy)
    y0 = frame[1]
    # the floor is drawn as a line at 0 only from near level: from higher up (a body lying
    # seen from the feet end) the mat spreads over the page, and an arrow may lie over it
    _, _, el, _ = dr._state(pose, motion.Moment(keys[0], keys[1], 0.5, right))
    floor = max(y0, 0.0) + FLOOR_MM if el < SWING_FLOOR_BELOW else y0
    specs = sorted(
        (
            (cx, cy, start + d, angles[1] + way * (slide + math.radians(degrees) / 2), span)
            for d in SWING_RADII
            for slide in SWING_SLIDES
        ),
        key=lambda spec: math.dist(_points(spec)[SAMPLES // 2], (mx, my)),
    )
    return _first_clear((_points(spec) for spec in specs), shapes, frame, floor, SWING_CLEAR)


def _hinge(
    frame: tuple[float, float, float, float],
    path: tuple[Point, Point, Point],
    shapes: Sequence[tuple[Point, Point, float, float]],
    props: Sequence[tuple[Point, Point, float, float]],
    scale: float,
    degrees: float,
) -> list[Point]:
    """A hinge's arrow (see HINGES): an arc of a circle `scale` times the one through the
    cued point's drawn path, turning `degrees` and ending where that path ends, heading as
    it does, so its head heads the way the point goes as the hinge ends; moved off the
    body, behind the point (against the way it goes) and up, by the least that keeps it
    SWING_CLEAR off the body, above the floor and inside the frame (failing that, the
    clearest one). (A path too straight to have a centre: `_place`'s arrow along it.)"""
    fit = _circle(*path)
    if fit is None:
        return _place(path, shapes, frame)
    (cx, cy), r = fit
    turn = _turn(path, (cx, cy))
    span = math.copysign(math.radians(degrees), turn)
    end = math.atan2(path[2][1] - cy, path[2][0] - cx)
    # the same end, on a circle `scale` times as large
    cx, cy = path[2][0] - scale * r * math.cos(end), path[2][1] - scale * r * math.sin(end)
    r *= scale
    back = -1.0 if path[2][0] >= path[0][0] else 1.0  # against the way the point goes
    moves = sorted(
        ((d * back * math.cos(a), d * math.sin(a)) for d in HINGE_MOVES for a in HINGE_WAYS),
        key=lambda m: math.hypot(*m),
    )
    specs = ((cx + mx, cy + my, r, end - span / 2, span) for mx, my in moves)
    room = max(WIDTH, HEAD_W) / 2 + HINGE_PROP_CLEAR
    lines = (
        pts
        for pts in (_points(spec) for spec in specs)
        if all(_clear_of(q, props, room) for q in pts)
    )
    floor = max(frame[1], 0.0) + FLOOR_MM
    return _first_clear(lines, shapes, frame, floor, SWING_CLEAR)


def _tip_over(
    frame: tuple[float, float, float, float],
    path: tuple[Point, Point, Point],
    shapes: Sequence[tuple[Point, Point, float, float]],
) -> list[Point] | None:
    """The knees' arrow (see TIP_OVER_TURN): a quarter circle setting off level, at the upright
    knees' drawn height, the way they go across the page and curving down, its tail just
    clear of where they come to rest: the largest that keeps clear of the body and inside
    the frame (of those, the one whose tail lies nearest beside the lowered knees at the
    upright knees' height), or None if none does."""
    (ux, uy), _, (dx, _dy) = path
    side = 1.0 if dx >= ux else -1.0  # the way the knees go across the page
    turn = math.radians(TIP_OVER_TURN)
    anchor = (dx, uy)
    tails = sorted(
        ((dx + side * a, uy + b) for a in TIP_OVER_ACROSS for b in TIP_OVER_HEIGHTS),
        key=lambda t: math.dist(t, anchor),
    )
    x0, y0, x1, y1 = frame
    at, span = math.pi / 2 - side * turn / 2, -side * turn
    bad = 0  # where the last arc tried struck: the next, beside it, most likely strikes there too
    for radius in TIP_OVER_RADII:
        # every arc of this radius is one shape moved about (as `_points` would draw it)
        offsets = [
            (
                radius * math.cos(at + span * (k / (SAMPLES - 1) - 0.5)),
                radius * math.sin(at + span * (k / (SAMPLES - 1) - 0.5)),
            )
            for k in range(SAMPLES)
        ]
        length = sum(math.dist(a, b) for a, b in itertools.pairwise(offsets))
        walked = [0.0]
        for a, b in itertools.pairwise(offsets):
            walked.append(walked[-1] + math.dist(a, b))
        # the band is WIDTH across, the arrowhead HEAD_W across its last HEAD_L
        reaches = [(HEAD_W if w >= length - HEAD_L - 1.0 else WIDTH) / 2 for w in walked]
        for tx, ty in tails:
            # the centre right under the tail: level at the tail, heading down at the tip
            cx, cy = tx, ty - radius
            # (all must keep clear, so the order they are tried in changes only how soon a
            # failing arc is known: the point the last one failed at first)
            for i in itertools.chain((bad,), range(SAMPLES)):
                q, reach = (cx + offsets[i][0], cy + offsets[i][1]), reaches[i]
                if not (
                    x0 + reach <= q[0] <= x1 - reach
                    and y0 + reach <= q[1] <= y1 - reach
                    and _clear_of(q, shapes, reach + SWING_CLEAR)
                ):
                    bad = i
                    break
            else:
                return [(cx + ox, cy + oy) for ox, oy in offsets]
    return None


def _reach(
    pose: StretchPose,
    right: bool,
    frame: tuple[float, float, float, float],
    path: tuple[Point, Point, Point],
    shapes: Sequence[tuple[Point, Point, float, float]],
) -> list[Point]:
    """An arc round the pivot of the moved key (see REACHES) from where the cued hand is in
    the first key to where it is in the second (never further across the page), opening
    out beyond the second: the fullest (tail trimmed and tip short least), then the tail
    nearest its hand, then the head, that keeps clear of the body and inside the frame
    (failing that, the clearest one)."""
    assert pose.cue is not None
    pivot = REACHES[pose.cue]
    if right:
        pivot = sk.mirror_name(pivot)
    keys = motion.side_keys(pose, right)
    moved = motion.Moment(keys[0], keys[1], 1.0, right)
    cx, cy = _drawn(pose, moved, frame, lambda body: body.points[pivot])
    ends = (path[0], path[2])
    angles = [math.atan2(p[1] - cy, p[0] - cx) for p in ends]
    turn = _wrapped(angles[1] - angles[0])
    way = 1.0 if turn >= 0.0 else -1.0
    radii = [math.hypot(p[0] - cx, p[1] - cy) for p in ends]
    specs = sorted(
        (
            (trim, short, d0, d1)
            for trim in REACH_TRIMS
            for short in REACH_SHORT
            for d0 in REACH_TAILS
            for d1 in REACH_RADII
        ),
        key=lambda spec: (spec[0] + spec[1], spec[2], spec[3]),
    )

    def line(trim: float, short: float, d0: float, d1: float) -> list[Point]:
        pts = []
        for k in range(SAMPLES):
            t = k / (SAMPLES - 1)
            a = angles[0] + way * (trim + t * (abs(turn) - trim - short))
            r = radii[0] + d0 + (radii[1] + d1 - radii[0] - d0) * t
            pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
        return pts

    over = math.copysign(1.0, ends[1][0] - ends[0][0])  # the hand's way across the page
    lines = (
        pts
        for pts in map(lambda spec: line(*spec), specs)
        if pts[-1][0] * over <= ends[1][0] * over
    )
    return _first_clear(lines, shapes, frame, frame[1], SWING_CLEAR)


def _twist(
    pose: StretchPose,
    right: bool,
    frame: tuple[float, float, float, float],
    shapes: Sequence[tuple[Point, Point, float, float]],
    end_shapes: Sequence[tuple[Point, Point, float, float]],
) -> list[Point]:
    """A flat arc round the vertical through the middle of the back (see TWISTS), on the
    ring's near half, in front of the chest, turning the way the front of the chest turns
    about it from the first key to the second, seen through the figure's camera: drawn
    between the lowest ribs' and the shoulders' height, the one slid least round from the
    chest's front, then the highest and nearest, clear of `shapes` and inside the frame,
    its two ends (the tail and the arrowhead) clear of `end_shapes` too, out beyond the
    arms (failing that, the clearest one)."""
    from stretchapp.core import drawing as dr

    assert pose.cue is not None
    keys = motion.side_keys(pose, right)
    placed = []
    for t in (0.0, 0.5, 1.0):
        state, az, el, shift = dr._state(pose, motion.Moment(keys[0], keys[1], t, right))
        placed.append(state.placed.body)
    cam = scene.camera(az, el)  # (halfway's: the camera does not move within a side)
    offset = shift * (frame[0] + frame[2])
    axis = placed[1].points["thoracic"]
    # the chest's front about the axis, seen from above: its angle in the floor's plane
    turns = []
    for body in placed:
        p = sk.sub(cue_point(body, pose.cue, right), axis)
        turns.append(math.atan2(p[2], p[0]))
    turn = _wrapped(turns[2] - turns[0])
    way = 1.0 if turn >= 0.0 else -1.0
    # toward the viewer, level: the middle of the ring's near half
    near = math.atan2(cam[2][2], cam[2][0])
    turned = placed[2].points
    drawn_y = [sk.apply(cam, turned[n])[1] for n in ("shoulder_l", "shoulder_r")]
    ribs = sk.apply(cam, turned["thoracic"])[1]
    top = max(turned[n][1] for n in ("shoulder_l", "shoulder_r"))
    x0, y0, x1, y1 = frame
    reach = max(WIDTH, HEAD_W) / 2
    need = reach + SWING_CLEAR
    best: tuple[float, list[Point]] | None = None
    for slide in TWIST_SLIDES:  # (in front of the chest first, then the highest, nearest)
        at = turns[1] + slide
        off = _wrapped(at - near)
        if abs(off) + TWIST_TURN / 2 > math.pi / 2:
            continue  # (it would reach round onto the far half)
        for level in TWIST_LEVELS:
            for radius in TWIST_RADII:
                pts = []
                for k in range(SAMPLES):
                    a = at + way * TWIST_TURN * (k / (SAMPLES - 1) - 0.5)
                    q = sk.apply(
                        cam,
                        (
                            axis[0] + radius * math.cos(a),
                            top - level,
                            axis[2] + radius * math.sin(a),
                        ),
                    )
                    pts.append((q[0] + offset, q[1]))
                inside = min(min(q[0] - x0, x1 - q[0], y1 - q[1], q[1] - y0) for q in pts)
                high = (
                    min(min(q[1] - ribs - CLEAR_MM, max(drawn_y) - q[1]) for q in pts) - WIDTH / 2
                )
                ends = pts[:TWIST_ENDS] + pts[-TWIST_ENDS:]
                if (
                    inside >= reach
                    and high >= 0.0
                    and all(_clear_of(q, shapes, need) for q in pts)
                    and all(_clear_of(q, end_shapes, reach + CLEAR_MM) for q in ends)
                ):
                    return pts
                # (its score measured only as far as it can still beat the best: `_worst`)
                score = _worst(min(inside - reach, high), best, pts, shapes, need)
                score = _worst(score, best, ends, end_shapes, reach, CLEAR_MM)
                if best is None or score > best[0]:
                    best = (score, pts)
    assert best is not None
    return best[1]


def _twist_obstacles(items: Sequence[object]) -> list[object]:
    """The drawn body a twist's arrow keeps clear of: all but what it passes behind."""
    from stretchapp.core.drawing import Limb

    def behind(item: object) -> bool:
        return isinstance(item, Limb) and (
            item.part in TWIST_BEHIND or item.part[:-2] in TWIST_BEHIND
        )

    return [i for i in items if not behind(i)]


def _twist_ends(items: Sequence[object]) -> list[object]:
    """The drawn body a twist's tail and arrowhead keep clear of: all but the trunk."""
    from stretchapp.core.drawing import TRUNK, Limb

    return [i for i in items if not (isinstance(i, Limb) and i.part in TRUNK)]


def _clear_of(q: Point, shapes: Sequence[tuple[Point, Point, float, float]], room: float) -> bool:
    """Whether a point lies at least `room` outside every capsule."""
    qx, qy = q
    for (ax, ay), (bx, by), ra, rb in shapes:  # (as `clearance`: no min() or max())
        r = (rb if rb > ra else ra) + room
        if (
            qx < (bx if bx < ax else ax) - r
            or qx > (bx if bx > ax else ax) + r
            or qy < (by if by < ay else ay) - r
            or qy > (by if by > ay else ay) + r
        ):
            continue
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        t = 0.0
        if length2 > 1e-9:
            t = ((qx - ax) * dx + (qy - ay) * dy) / length2
            t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
        if math.hypot(qx - ax - dx * t, qy - ay - dy * t) < ra + (rb - ra) * t + room:
            return False
    return True


def _fits(
    edge: tuple[Point, ...],
    box: tuple[float, float, float, float],
    shapes: Sequence[tuple[Point, Point, float, float]],
) -> bool:
    """Whether an arrow's outline (and the middle of each of its sides) lies inside `box`
    (x0, y0, x1, y1) and at least CLEAR_MM clear of every shape."""
    edge += tuple(
        ((u[0] + v[0]) / 2, (u[1] + v[1]) / 2)
        for u, v in zip(edge, edge[1:] + edge[:1], strict=True)
    )
    x0, y0, x1, y1 = box
    inside = min(min(q[0] - x0, x1 - q[0], y1 - q[1], q[1] - y0) for q in edge)
    return inside >= 0.0 and all(_clear_of(q, shapes, CLEAR_MM) for q in edge)


def _walk_to(line: Sequence[Point], d: float) -> tuple[int, float]:
    """Where `line` (two points or more) is `d` along it: the segment's index and how far
    through it (0 to 1); past its end, the end of its last segment."""
    walked = 0.0
    for i, (a, b) in enumerate(itertools.pairwise(line)):
        step = math.dist(a, b)
        if walked + step >= d:
            return i, min(1.0, (d - walked) / step) if step else 0.0
        walked += step
    return len(line) - 2, 1.0


def _outline(line: Sequence[Point]) -> tuple[Point, ...]:
    """A round-capped band along `line` ending in an arrowhead at its last point."""
    # the band stops where the head begins
    total = sum(math.dist(a, b) for a, b in itertools.pairwise(line))
    head_at = max(0.0, total - HEAD_L)
    i, t = _walk_to(line, head_at)
    a, b = line[i], line[i + 1]
    band: list[Point] = [*line[: i + 1], (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)]
    tip = line[-1]
    left: list[Point] = []
    right: list[Point] = []
    half = WIDTH / 2
    normals = []
    for i in range(len(band)):
        a, b = band[max(0, i - 1)], band[min(len(band) - 1, i + 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = math.hypot(dx, dy) or 1.0
        normals.append((-dy / n, dx / n))
    for (x, y), (nx, ny) in zip(band, normals, strict=True):
        left.append((x + nx * half, y + ny * half))
        right.append((x - nx * half, y - ny * half))
    # the head: its base across the band's end, pointing at the tip
    bx, by = band[-1]
    nx, ny = normals[-1]
    wing = HEAD_W / 2
    corners = [(bx + nx * wing, by + ny * wing), tip, (bx - nx * wing, by - ny * wing)]
    ends = [left[-1], *corners, right[-1]]
    head = [q for i in (1, 2, 3) for q in _soft_corner(ends[i - 1], ends[i], ends[i + 1])]
    # the round tail: a half circle behind the first point
    tx, ty = band[0]
    n0x, n0y = normals[0]
    back = math.atan2(n0x, -n0y)  # pointing backwards along the band
    cap = [
        (
            tx + half * math.cos(back + math.pi / 2 - math.pi * k / 8),
            ty + half * math.sin(back + math.pi / 2 - math.pi * k / 8),
        )
        for k in range(1, 8)
    ]
    return (*left, *head, *reversed(right), *cap)


def with_cue(
    drawing: Drawing, pose: StretchPose, right: bool, step: Step | None = None, card: bool = False
) -> Drawing:
    """The drawing with the pose's arrow added behind the body, after the props at the back
    (so a moving figure's backdrop holds it; a twist's among the body's parts, a rock's over
    it all, last); unchanged for a pose without a cue. The library `card`'s (see `cue_prop`)."""
    from stretchapp.core.drawing import Drawing, Prop

    arrow = cue_prop(pose, right, step, card)
    if arrow is None:
        return drawing
    at = 0
    while at < len(drawing.items) and isinstance(drawing.items[at], Prop):
        at += 1
    if pose.cue in ROCKS:
        at = len(drawing.items)  # over the whole body, parted from it by a gap (see ROCKS)
    elif pose.cue in TWISTS:
        # a twist's ring passes in front of the chest, behind the upper arms beside it: it
        # goes among the body's parts, before the upper arms drawn last (it is clear of all
        # but the trunk and those, `_twist`); the painter paints it over the body less the
        # parts after it and their gap (ui/figure.py, `paint_drawing`)
        at = len(drawing.items)
        while at > 0 and getattr(drawing.items[at - 1], "part", "")[:-2] in TWIST_ARMS:
            at -= 1
    items = (*drawing.items[:at], arrow, *drawing.items[at:])
    return Drawing(items, drawing.frame)


SOFT = 0.35 * WIDTH  # how far along each edge an arrowhead's corner is rounded off


def _soft_head(base: Point, wing: Point, tip: Point, before: Point, after: Point) -> list[Point]:
    """An arrowhead's outline, soft-cornered: from the band's edge `before`, out to the wing
    at `base + wing`, to `tip`, back to `base - wing`, on to the band's edge `after`."""
    (bx, by), (wx, wy) = base, wing
    ends = [before, (bx + wx, by + wy), tip, (bx - wx, by - wy), after]
    return [q for k in (1, 2, 3) for q in _soft_corner(ends[k - 1], ends[k], ends[k + 1])]


def _soft_corner(before: Point, corner: Point, after: Point) -> list[Point]:
    """A corner of an outline rounded off (a quadratic curve between points SOFT along its
    two edges): the arrowhead's points soft, as the figure's other shapes are."""
    out = []
    a_len, b_len = math.dist(before, corner), math.dist(after, corner)
    ta, tb = min(0.45, SOFT / max(a_len, 1e-9)), min(0.45, SOFT / max(b_len, 1e-9))
    a = (corner[0] + (before[0] - corner[0]) * ta, corner[1] + (before[1] - corner[1]) * ta)
    b = (corner[0] + (after[0] - corner[0]) * tb, corner[1] + (after[1] - corner[1]) * tb)
    for k in range(5):
        t = k / 4
        out.append(
            (
                (1 - t) ** 2 * a[0] + 2 * (1 - t) * t * corner[0] + t * t * b[0],
                (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * corner[1] + t * t * b[1],
            )
        )
    return out


# Cues drawn both ways: a short straight arrow with a head at each end (↕), for a movement that
# goes one way and back between two extremes over three keys (cat-cow: the back rounds up in
# the cat and sinks in the cow), where a one-way arrow would show half of it. Its line is the
# cued point's path between the two keys where it is drawn furthest apart, through the
# figure's own camera; it is drawn that way, centred on the path moved out along it or across
# it to the nearest place clear of the body in every key (above a kneeling back, behind a
# seated one), and made at least TWO_WAY_LENGTH long so both heads and a shaft read on a card.
# `low_back_both_ways` is the same arrow over the small of the back (the cat-cow on hands and
# knees: the cow's back sags lowest just in front of the hips), drawn upright (see BACK_SNAP).
# `rolling` is the same arrow for a back rolled to and fro over a foam roller: the point
# between the shoulder blades slides along the body's long axis, so the arrow lies along it,
# beside the body, showing both which way to roll and how far.
TWO_WAY = frozenset({"back_both_ways", "low_back_both_ways", "rolling", "rolling_seat"})
TWO_WAY_LENGTH = 2 * HEAD_L + 0.06 * sk.H  # a two-way arrow's least length (mm)
TWO_WAY_STEPS = tuple(0.01 * sk.H * k for k in range(0, 41))  # tried from the path outward
# moving the arrow across the path (off the middle of the back) costs this much more than
# moving it along (out over the back): it stays over the point it cues
ACROSS_COST = 3.0
# A rolling arrow is not slid along the body to find room: it is moved straight up off the
# back (over the raised elbows). Slid toward the hips, past the arms, it sat over the waist
# and invited rolling into the low back, a risk in spasm (blind review rv35); centred on the
# path over the roller, it reached past the shoulders over the neck and head and read as
# "roll toward the head? push the head?" (rv40). Its head-end tip lies over the path's end
# nearer the head (the top of the shoulder blades) and it reaches from there toward the
# hips, ROLLING_LENGTH long: on the card over the chest, from the shoulders to the lower
# ribs (the body rolls some 14 cm under it, so in the keys it lies a little higher or lower).
# It lies along the drawn trunk (from above the feet's side the point's drawn path sank with
# the camera's tilt and the arrow leant across the back) and its tip reaches ROLLING_PAST
# beyond the path's head end (mm of the picture): seen from there the path's head end lies
# further down the drawn back, and the arrow reached over the lower ribs in the last key.
ROLLING_LENGTH = 2 * HEAD_L + 0.04 * sk.H
ROLLING_PAST = 0.006 * sk.H
# ... and its edge stays this many head radii from the head's middle in every key, a head's
# width from its edge (rv40): lifted off the back only as far as the raised arms ask, it
# came down to 2.8 once the far elbow no longer stood up over the head (ur5)
ROLLING_HEAD_CLEAR = 3.1
# `rolling_seat` is the two-way arrow for a seat rolled to and fro over a roller under it
# (the glutes): the pelvis rolls a few centimetres forward and back over the floor, so the
# arrow is drawn the way the pelvis goes across the floor (its drawn path, some 5 cm, also
# sinks as the pelvis tips onto the buttock, and read as a slide down a slope), centred on
# the pelvis and moved out to the nearest place clear of the body and the roller.
ROLLING_SEAT = "rolling_seat"
SNAP = math.radians(10.0)  # a path this near upright or level is drawn exactly so
# The small of the back's two-way arrow is always drawn upright or level, whichever is
# nearer: that point swings round the hips, some 30 degrees off upright on hands and knees,
# and a handout draws the back going up and down as ↕
BACK = "low_back_both_ways"
BACK_SNAP = math.radians(45.0)


# The seated back's way into its lift (the step in which the breastbone rises by CHEST_RISE or
# more: the seated cat-cow's round to lift) is not the back's two-way arrow one-headed: the
# point between the shoulder blades goes down and forward into the lift, and that arrow, the
# round's reversed, pointed down and forward, against "lift your chest" (a physiotherapist's
# blind A/B, ab62: "it could cue sinking"). It is a short curved arrow at the front of the
# chest, the breastbone's own way, up and forward: an arc CHEST_LENGTH long heading the way
# the breastbone goes (end to end, within CHEST_RISING), its tail just in front of the chest
# where the breastbone ends up, moved (CHEST_SHIFTS: forward, up or down) to the nearest
# place where its whole outline is CLEAR_MM clear of the body in the lift and halfway into
# it, above the arm, and its highest point CHIN_ROOM below the lift's chin: in front of the
# breastbone, not the face. (Kept clear by the arrowhead's half-width all along, it sat a
# head's width ahead of the breastbone, its tip level with the chin: ab62's
# physiotherapist, shown scc63's arrow, saw it "at head height in front of the face",
# which people with stiff or painful necks may take as "tip your head back" or "poke your
# chin forward". Kept clear of the round too, where the head hangs in front of the chest,
# it floated a head's width ahead of the chest, away from the breastbone: while the body
# sets off from the round, the arrow may lie behind or before its bowed head for a moment.)
SEATED_BACK = "back_both_ways"
CHEST_RISE = 0.02 * sk.H
CHEST_LENGTH = 2 * HEAD_L + 0.06 * sk.H
CHEST_RISING = (math.radians(30.0), math.radians(50.0))
CHEST_TURN = math.radians(40.0)
CHEST_SHIFTS = tuple(0.01 * sk.H * k for k in range(0, 21))
CHIN_ROOM = 0.02 * sk.H


def _chest_lift(
    pose: StretchPose, right: bool, frame: tuple[float, float, float, float], step: Step
) -> list[Point] | None:
    """The seated back's arrow into its lift (see SEATED_BACK), tail to tip, or None when the
    breastbone does not rise in `step`."""
    from stretchapp.core import drawing as dr

    keys = motion.side_keys(pose, right)
    a, b = keys[step[0] % len(keys)], keys[step[1] % len(keys)]
    path = tuple(
        _drawn(
            pose, motion.Moment(a, b, t, right), frame, lambda body: cue_point(body, "chest", right)
        )
        for t in (0.0, 0.5, 1.0)
    )
    p0, _, p1 = path
    if p1[1] - p0[1] < CHEST_RISE:
        return None
    ahead = 1.0 if p1[0] > p0[0] else -1.0  # the way the chest comes forward, on the picture
    # its heading above level: the path's own (end to end), within CHEST_RISING, turning
    # CHEST_TURN from its tail to its tip (steeply up, then forward; made as long as a card
    # needs along the breastbone's own curve, it turned over and down at the tip and looked
    # like "curl forward and down")
    rising = math.atan2(p1[1] - p0[1], abs(p1[0] - p0[0]))
    rising = max(CHEST_RISING[0], min(CHEST_RISING[1], rising))
    line = [(0.0, 0.0)]
    step_l = CHEST_LENGTH / (SAMPLES - 1)
    for k in range(SAMPLES - 1):
        h = rising + CHEST_TURN * (0.5 - (k + 0.5) / (SAMPLES - 1))
        x, y = line[-1]
        line.append((x + ahead * step_l * math.cos(h), y + step_l * math.sin(h)))
    bodies: list[object] = []
    for m in ((a, b, 0.5), (b, b, 0.0)):
        bodies += dr._items(pose, motion.Moment(*m, right), frame)
    shapes = _obstacles(bodies)
    # the chin in the lift: the arrow's highest point stays CHIN_ROOM below it
    chin = min(
        i.center[1] - i.radius
        for i in dr._items(pose, motion.Moment(b, b, 0.0, right), frame)
        if isinstance(i, dr.Head)
    )
    x0, y0, x1, y1 = frame
    floor = max(y0, 0.0) + FLOOR_MM
    tries = sorted(
        (
            (ahead * dx, dy)
            for dx in CHEST_SHIFTS
            for dy in CHEST_SHIFTS + tuple(-d for d in CHEST_SHIFTS[1:])
        ),
        key=lambda d: math.hypot(*d),
    )
    for dx, dy in tries:
        pts = [(p1[0] + dx + x, p1[1] + dy + y) for x, y in line]
        edge = _outline(pts)
        if max(y for _, y in edge) > chin - CHIN_ROOM:
            continue
        if _fits(edge, (x0, floor, x1, y1), shapes):
            return pts
    return None


# The seated back's card (the round, `still`) shows a curved two-way arrow following the
# back: an arc round the drawn back's own curve (the circle through the small of the back,
# the upper back and the base of the neck), BACK_ARC_LENGTH long, its middle BACK_ARC_BELOW
# down the back from the hump, at the nearest radius out from it (BACK_ARC_OUT) clear of the
# body, slid up toward the neck (BACK_ARC_SLIDES) only where the body is in the way. The
# short straight arrow off the hump (some 20 px on a 160 px card) was hard to see; ab62's
# physiotherapist asked for "a larger curved two-way arrow that follows the upper back".
# Kept clear of the chair's back too, that arc (0.24 H, from the hump) rose beside the head:
# ab302/ab303's two blind card reviewers read it as "nod your head up and down", the neck
# moving instead of the back. Lower and shorter, behind the middle of the back, crossing the
# top of the chair's back, two more (ab304/ab305, the cards swapped) chose it: "the movement
# coming from the back".
BACK_ARC_LENGTH = 0.2 * sk.H
BACK_ARC_BELOW = math.radians(25.0)
BACK_ARC_OUT = tuple(0.01 * sk.H * k for k in range(2, 31))
BACK_ARC_SLIDES = tuple(math.radians(5.0 * k) for k in range(0, 13))
BACK_ARC_POINTS = ("low_back", "upper_back", "neck_base")


def _back_arc(
    pose: StretchPose, right: bool, frame: tuple[float, float, float, float]
) -> list[Point] | None:
    """The seated back card's curved two-way arrow's line (see BACK_ARC_LENGTH), from its
    lower end to its upper, or None where it finds no room."""
    from stretchapp.core import drawing as dr

    keys = motion.side_keys(pose, right)
    index = len(keys) - 1 if pose.still is None else pose.still
    key = keys[max(0, min(len(keys) - 1, index))]
    moment = motion.Moment(key, key, 0.0, right)

    back_arc = _back_circle(pose, moment, frame, right)
    if back_arc is None:
        return None
    (cx, cy), r, hump, toward_neck, _upper, _neck = back_arc
    items = dr._items(pose, moment, frame)
    shapes = _obstacles([i for i in items if isinstance(i, (dr.Limb, dr.Head))])
    x0, y0, x1, y1 = frame
    reach = max(WIDTH, HEAD_W) / 2
    need = reach + CLEAR_MM
    for out in BACK_ARC_OUT:
        radius = r + out
        span = BACK_ARC_LENGTH / radius
        for slide in BACK_ARC_SLIDES:
            middle = hump + toward_neck * (slide - BACK_ARC_BELOW)
            pts = [
                (
                    cx + radius * math.cos(middle + toward_neck * span * (k / (SAMPLES - 1) - 0.5)),
                    cy + radius * math.sin(middle + toward_neck * span * (k / (SAMPLES - 1) - 0.5)),
                )
                for k in range(SAMPLES)
            ]
            inside = min(min(q[0] - x0, x1 - q[0], y1 - q[1], q[1] - y0) for q in pts)
            if inside >= reach and all(_clear_of(q, shapes, need) for q in pts):
                return pts
    return None


# The seated back's way into its round (the step in which the breastbone sinks by CHEST_RISE or
# more: the seated cat-cow's sitting tall to round) is a curved arrow hugging the rounded back,
# one-headed, as the card's two-way arc: up behind the back, over the hump of the upper back and
# over the shoulders, its head pointing forward and ROUND_DOWN below level where the head and
# shoulders curl forward and down. A straight arrow behind the back pointing back and up
# toward the chair back could be copied as "lean back into the chair", the opposite of the
# rounding shown (two physiotherapists' blind A/B of scc64), and it did not pair with the
# lift's curved arrow. It is an arc of the drawn round back's own curve (the circle through
# BACK_ARC_POINTS), moved up (ROUND_UP) and back (ROUND_BACK) from it and out by ROUND_OUT (the
# rounded back's head is bowed in front of the base of the neck, where an arc round the back's
# own centre met it before turning down), turning ROUND_TURN: the one hugging the back's curve
# nearest (its points' furthest from that circle least) whose whole outline is CLEAR_MM clear
# of the round's body and the chair, inside the frame: from behind the middle of the back, just
# over the chair's back, to over the base of the neck. (Kept clear of the body halfway into
# the round too, it floated over the head. While the body sets off from sitting tall, whose
# head is higher, the arrow lies behind its head and neck for a moment, as the lift's lies by
# the bowed head.)
ROUND_DOWN = math.radians(15.0)
ROUND_TURN = math.radians(125.0)
ROUND_UP = tuple(0.01 * sk.H * k for k in range(0, 19))
ROUND_BACK = tuple(0.01 * sk.H * k for k in range(0, 4))
ROUND_OUT = tuple(0.01 * sk.H * k for k in range(1, 7))


def _back_round(
    pose: StretchPose, right: bool, frame: tuple[float, float, float, float], step: Step
) -> list[Point] | None:
    """The seated back's arrow into its round (see ROUND_DOWN), tail to tip, or None when
    the breastbone does not sink in `step` or no such arrow finds room."""
    from stretchapp.core import drawing as dr

    keys = motion.side_keys(pose, right)
    a, b = keys[step[0] % len(keys)], keys[step[1] % len(keys)]

    def breastbone(body: sk.Body) -> sk.Vec:
        return cue_point(body, "chest", right)

    chest = [_drawn(pose, motion.Moment(k, k, 0.0, right), frame, breastbone) for k in (a, b)]
    if chest[0][1] - chest[1][1] < CHEST_RISE:
        return None
    moment = motion.Moment(b, b, 0.0, right)

    back_arc = _back_circle(pose, moment, frame, right)
    if back_arc is None:
        return None
    (cx, cy), r, _hump, way, upper, neck = back_arc
    back = 1.0 if upper[0] > neck[0] else -1.0  # behind the body, on the picture
    items = dr._items(pose, moment, frame)
    shapes = _obstacles_and_props(items)
    x0, y0, x1, y1 = frame
    for pts in _round_arcs((cx, cy), r, way, back):
        edge = _outline(pts)
        if _fits(edge, (x0, y0, x1, y1), shapes):
            return pts
    return None


def _round_arcs(centre: Point, r: float, way: float, back: float) -> list[list[Point]]:
    """The round's arrow lines tried (see ROUND_DOWN), tail to tip, hugging the back's circle
    (`centre`, `r`; `way` round it toward the neck, `back` behind the body across the
    picture) nearest first."""
    cx, cy = centre
    tip_at = math.pi / 2 + way * ROUND_DOWN  # past the top, heading forward and down
    arcs = []
    for up in ROUND_UP:
        for dx in ROUND_BACK:
            for out in ROUND_OUT:
                ox, oy, radius = cx + back * dx, cy + up, r + out
                pts = [
                    (
                        ox + radius * math.cos(tip_at - way * ROUND_TURN * (1 - k / (SAMPLES - 1))),
                        oy + radius * math.sin(tip_at - way * ROUND_TURN * (1 - k / (SAMPLES - 1))),
                    )
                    for k in range(SAMPLES)
                ]
                off = max(abs(math.dist(q, (cx, cy)) - r) for q in pts)
                arcs.append((off, pts))
    arcs.sort(key=lambda arc: arc[0])
    return [pts for _, pts in arcs]


def _double_curve_outline(line: Sequence[Point]) -> tuple[Point, ...]:
    """A band along a curved `line` with an arrowhead at each end (as `_double_outline`)."""
    total = sum(math.dist(a, b) for a, b in itertools.pairwise(line))

    def point_at(d: float) -> tuple[Point, Point]:
        i, t = _walk_to(line, d)
        a, b = line[i], line[i + 1]
        step = math.dist(a, b) or 1.0
        way = ((b[0] - a[0]) / step, (b[1] - a[1]) / step)
        return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t), way

    n = SAMPLES
    band = [point_at(HEAD_L + (total - 2 * HEAD_L) * k / (n - 1)) for k in range(n)]
    half, wing = WIDTH / 2, HEAD_W / 2
    left = [(x - uy * half, y + ux * half) for (x, y), (ux, uy) in band]
    right = [(x + uy * half, y - ux * half) for (x, y), (ux, uy) in band]

    def head(i: int, tip: Point, side: float, before: Point, after: Point) -> list[Point]:
        base, (ux, uy) = band[i]
        return _soft_head(base, (-uy * wing * side, ux * wing * side), tip, before, after)

    end_head = head(-1, line[-1], 1.0, left[-1], right[-1])
    start_head = head(0, line[0], -1.0, right[0], left[0])
    return (*left, *end_head, *reversed(right), *start_head)


def two_way_path(pose: StretchPose, right: bool) -> tuple[Point, Point]:
    """The cued point as drawn in the two key poses where it lies furthest apart, in key
    order (cat-cow's back: the cat, then the cow)."""
    from stretchapp.core import drawing as dr

    assert pose.cue is not None
    frame = dr.frame_of(pose)
    return _extremes(pose, right, frame)


def _extremes(
    pose: StretchPose, right: bool, frame: tuple[float, float, float, float]
) -> tuple[Point, Point]:
    pairs = itertools.combinations(_key_points(pose, right, frame), 2)
    a, b = max(pairs, key=lambda pair: math.dist(*pair))
    return a, b


def _key_points(
    pose: StretchPose, right: bool, frame: tuple[float, float, float, float]
) -> list[Point]:
    """The cued point as drawn in each key pose, in key order."""
    cue = pose.cue
    assert cue is not None
    return [
        _drawn(pose, motion.Moment(k, k, 0.0, right), frame, lambda b: cue_point(b, cue, right))
        for k in motion.side_keys(pose, right)
    ]


def _obstacles_and_props(items: Sequence[object]) -> list[tuple[Point, Point, float, float]]:
    """The body's capsules, and the outlines of the props standing up from the floor (a
    chair), which an arrow keeps clear of."""
    return _obstacles(items) + _prop_edges(items)


def _prop_edges(items: Sequence[object]) -> list[tuple[Point, Point, float, float]]:
    """The outlines of the props standing up from the floor (a chair), as capsules of no
    width along their edges."""
    from stretchapp.core import drawing as dr

    shapes: list[tuple[Point, Point, float, float]] = []
    for item in items:
        if isinstance(item, dr.Prop) and item.kind not in ("floor", "mat", "cue"):
            ring = item.outline
            for p, q in itertools.pairwise((*ring, ring[0])):
                shapes.append((p, q, 0.0, 0.0))
    return shapes


def _back_circle(
    pose: StretchPose,
    moment: motion.Moment,
    frame: tuple[float, float, float, float],
    right: bool,
) -> tuple[Point, float, float, float, Point, Point] | None:
    """The circle through the drawn back's BACK_ARC_POINTS at `moment`: its centre, radius,
    the hump's angle round it, which way round it goes from the hump toward the neck
    (counterclockwise: +1), and the drawn hump and base of the neck; None when the three
    points lie in a line."""

    def at(name: str) -> Callable[[sk.Body], sk.Vec]:
        return lambda body: body.points[sk.mirror_name(name) if right else name]

    low, upper, neck = (_drawn(pose, moment, frame, at(n)) for n in BACK_ARC_POINTS)
    fit = _circle(low, upper, neck)
    if fit is None:
        return None
    (cx, cy), r = fit
    hump = math.atan2(upper[1] - cy, upper[0] - cx)
    way = 1.0 if _wrapped(math.atan2(neck[1] - cy, neck[0] - cx) - hump) > 0 else -1.0
    return (cx, cy), r, hump, way, upper, neck


def _two_way_obstacles(
    pose: StretchPose, right: bool, frame: tuple[float, float, float, float]
) -> list[tuple[Point, Point, float, float]]:
    """The body in every key and halfway between neighbouring keys, and the props standing
    up from the floor (a chair), as capsules the arrow keeps clear of."""
    from stretchapp.core import drawing as dr

    keys = motion.side_keys(pose, right)
    items: list[object] = []
    for i, a in enumerate(keys):
        b = keys[(i + 1) % len(keys)]
        items += dr._items(pose, motion.Moment(a, a, 0.0, right), frame)
        items += dr._items(pose, motion.Moment(a, b, 0.5, right), frame)
    shapes = _obstacles_and_props(items)
    if pose.cue == "rolling":
        # the head kept a head's width and more away (ROLLING_HEAD_CLEAR), not the body's
        # usual CLEAR_MM: an arrow near it read as "roll toward the head? push the head?"
        for item in items:
            if isinstance(item, dr.Head):
                room = ROLLING_HEAD_CLEAR * item.radius - CLEAR_MM
                shapes.append((item.center, item.center, room, room))
    return shapes


def _two_way_line(
    pose: StretchPose, right: bool, frame: tuple[float, float, float, float]
) -> list[Point] | None:
    """The two-way arrow's line (from the first extreme's end to the second's), or None when
    the cued point hardly moves. `frame` may be open above (y1 infinite): see `two_way_top`."""
    a, b = _extremes(pose, right, frame)
    length = math.dist(a, b)
    if length < 1.0:
        return None
    ux, uy = _snapped(
        (b[0] - a[0]) / length, (b[1] - a[1]) / length, BACK_SNAP if pose.cue == BACK else SNAP
    )
    half = max(length, TWO_WAY_LENGTH) / 2
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    if pose.cue == ROLLING_SEAT:
        ux, uy = _floor_way(pose, right)
    rolling = pose.cue == "rolling"
    if rolling:
        # along the drawn back, the way the body rolls: seen from above the feet's side the
        # drawn path of the point also sinks with the camera's tilt, and the arrow leant
        # across the back like a slope
        ux, uy = _trunk_way(pose, right, ux, uy)
        # its head-end tip over the path's head-end (the top of the shoulder blades), the
        # arrow reaching from there toward the hips over the chest (see ROLLING_LENGTH)
        half = max(length, ROLLING_LENGTH) / 2
        top = _headward(pose, right, frame, a, b)
        sign = 1.0 if (top[0] - mx) * ux + (top[1] - my) * uy > 0 else -1.0
        past = half - ROLLING_PAST
        mx, my = top[0] - sign * ux * past, top[1] - sign * uy * past
    shapes = _two_way_obstacles(pose, right, frame)
    x0, y0, x1, y1 = frame
    reach = max(WIDTH, HEAD_W) / 2
    need = reach + CLEAR_MM
    # a seat's arrow may lie on the mat in front of the body, below the floor's line
    floor = y0 if pose.cue == ROLLING_SEAT else max(y0, 0.0) + FLOOR_MM
    lines = []

    def near_path(q: Point) -> float:
        return math.dist(q, (mx, my))

    for dx, dy in _two_way_shifts(pose.cue, ux, uy):
        pts = [
            (mx + dx + ux * half * t, my + dy + uy * half * t)
            for t in (-1.0 + 2.0 * k / (SAMPLES - 1) for k in range(SAMPLES))
        ]
        inside = min(min(q[0] - x0, x1 - q[0], y1 - q[1], q[1] - floor) for q in pts)
        if inside < reach:
            continue
        # (given up at its first point too near the body, tried nearest the path first,
        # where the body is: a few milliseconds)
        if all(_clear_of(q, shapes, need) for q in sorted(pts, key=near_path)):
            return pts
        lines.append(pts)
    if not lines:
        return None
    # none clear: the clearest (a user's pose with no room anywhere)
    return _clearest(lines, shapes)


def _clearest(
    lines: Sequence[list[Point]],
    shapes: Sequence[tuple[Point, Point, float, float]],
    base: Callable[[list[Point]], float] = lambda pts: math.inf,
    need: float = 0.0,
) -> list[Point]:
    """Of lines none of which is clear, the best scored (the first, of equals): a line's
    score is the least of `base(line)` and each point's clearance of the body less `need`.
    Each is measured only while it can still beat the best so far (as `_worst`), from the
    point where the last line came nearest the body: the next line, beside it, most likely
    comes as near there, and is given up after a point or two. (The least of them all is
    the same in any order. Measuring every point of every line from its tail froze the
    routine editor for half a second a slider step when a user's pose left an arrow no
    room.)"""
    best: tuple[float, list[Point]] | None = None
    struck = 0
    for pts in lines:
        bar = -math.inf if best is None else best[0]
        score = base(pts)
        count, start = len(pts), struck
        for k in range(count):
            if score <= bar:
                break
            i = (start + k) % count
            clear = clearance(pts[i], shapes) - need
            if clear < score:
                score, struck = clear, i
        if best is None or score > best[0]:
            best = (score, pts)
    assert best is not None
    return best[1]


def _trunk_way(pose: StretchPose, right: bool, ux: float, uy: float) -> tuple[float, float]:
    """The drawn trunk's line (the hips to the neck's base) in the first key, as a unit
    direction on the picture pointing the same way along it as (ux, uy)."""
    from stretchapp.core import drawing as dr

    k = motion.side_keys(pose, right)[0]
    state, az, el, _ = dr._state(pose, motion.Moment(k, k, 0.0, right))
    cam = scene.camera(az, el)
    p = state.placed.body.points
    hips, neck = sk.apply(cam, p["hip_c"]), sk.apply(cam, p["neck_base"])
    dx, dy = neck[0] - hips[0], neck[1] - hips[1]
    length = math.hypot(dx, dy)
    if length < 1.0:
        return ux, uy
    sign = 1.0 if dx * ux + dy * uy >= 0 else -1.0
    return sign * dx / length, sign * dy / length


def _two_way_shifts(cue: str | None, ux: float, uy: float) -> list[Point]:
    """Where a two-way arrow along (ux, uy) is tried, nearest first: its middle moved along
    its line and across it. A back's moved across costs ACROSS_COST times more (it stays
    over the point it cues); a rolling back's only across (raised off the back, never slid
    toward the waist); a seat's only down the picture (off the seat onto the mat in front of
    it), along or across alike."""
    rolling, seat = cue == "rolling", cue == ROLLING_SEAT
    offsets = sorted(
        ((s, d) for s in ((0.0,) if rolling else TWO_WAY_STEPS) for d in TWO_WAY_STEPS),
        key=lambda sd: math.hypot(sd[0], (1.0 if seat else ACROSS_COST) * sd[1]),
    )
    below = -1.0 if ux > 0 else 1.0  # across the line, down the picture
    out = []
    for s, d in offsets:
        for along in (1.0, -1.0) if s else (1.0,):
            for across in (below,) if seat else (1.0, -1.0) if d else (1.0,):
                out.append((ux * s * along - uy * d * across, uy * s * along + ux * d * across))
    return out


def _floor_way(pose: StretchPose, right: bool) -> tuple[float, float]:
    """The way the cued point goes over the floor from the first key to the second (its
    rise and fall left out), as drawn: a unit direction on the picture."""
    from stretchapp.core import drawing as dr

    ends = []
    for k in motion.side_keys(pose, right)[:2]:
        state, az, el, _ = dr._state(pose, motion.Moment(k, k, 0.0, right))
        ends.append(cue_point(state.placed.body, pose.cue or "", right))
    (ax, _, az_), (bx, _, bz) = ends
    d = sk.apply(scene.camera(az, el), (bx - ax, 0.0, bz - az_))
    length = math.hypot(d[0], d[1])
    if length < 1e-9:
        return 1.0, 0.0
    return d[0] / length, d[1] / length


def _headward(
    pose: StretchPose, right: bool, frame: tuple[float, float, float, float], a: Point, b: Point
) -> Point:
    """Which of the path's two ends `a`, `b` lies nearer the head as drawn in the first key."""
    k = motion.side_keys(pose, right)[0]
    moment = motion.Moment(k, k, 0.0, right)
    head = _drawn(pose, moment, frame, lambda body: cue_point(body, "head", right))
    return min((a, b), key=lambda p: math.dist(p, head))


def _snapped(ux: float, uy: float, snap: float = SNAP) -> tuple[float, float]:
    """A direction within SNAP of upright or level made exactly so (a back rising 5 degrees
    off the vertical is drawn ↕, as a handout draws it, not leaning)."""
    angle = math.atan2(uy, ux)
    quarter = round(angle / (math.pi / 2)) * (math.pi / 2)
    if abs(angle - quarter) <= snap:
        return round(math.cos(quarter)), round(math.sin(quarter))
    return ux, uy


# The cues with an arrow of their own shape: the rest are plain path arrows (`_place`)
SHAPED = (
    PRESSES
    | ROCKS
    | TWISTS
    | HOLD_CUES
    | TWO_WAY
    | frozenset((*SWINGS, *HINGES, *REACHES, *PATH_FROM))
)


def _follows(cue: str | None) -> bool:
    """Whether the cue's arrow follows the cued point's own path while the body moves: a
    plain path arrow, or one hugging the last part of it on repetitions (a knee drawn
    toward the chest: PATH_FROM). Such an arrow is placed in a frame left open above (see
    `cue_top`) and kept clear of the body a quarter and three quarters of the way too."""
    if cue is None:
        return False
    return cue not in SHAPED or (cue in PATH_FROM and cue not in HOLD_CUES)


def cue_top(pose: StretchPose, frame: tuple[float, float, float, float]) -> float:
    """How high the frame must reach to hold the pose's two-way arrow, or a path arrow
    following the cued point's path (`_follows`), with a margin (the frame's own top when it
    needs no more): the arrow is placed in the frame left open above and the frame grown to
    hold it, so a card keeps room over a kneeling back, over a bridge's lifted hips (a
    straight path's arrow on its own line, past them: see `_candidates`) and over a knee
    drawn toward the chest."""
    if pose.cue is None or len(pose.keys) < 2:
        return frame[3]
    x0, y0, x1, _ = frame
    open_above = (x0, y0, x1, math.inf)
    line: list[Point] | None = None
    if pose.cue in TWO_WAY:
        line = _two_way_line(pose, False, open_above)
    elif _follows(pose.cue):
        path = cue_path(pose, False, open_above)
        if math.dist(path[0], path[-1]) >= 1.0:
            keys = motion.side_keys(pose, False)
            bodies = _path_bodies(pose, False, open_above, keys)
            line = _curve(pose, False, open_above, path, bodies)
    if line is None:
        return frame[3]
    top = max(q[1] for q in line) + max(WIDTH, HEAD_W) / 2 + 0.02 * (x1 - x0)
    return max(frame[3], top)


def _two_way_prop(
    pose: StretchPose, right: bool, frame: tuple[float, float, float, float], step: Step | None
) -> Prop | None:
    """The two-way arrow: both heads (the card), or one, the way the point goes in `step`."""
    from stretchapp.core import drawing as dr

    if pose.cue == SEATED_BACK and step is not None:
        lift = _chest_lift(pose, right, frame, step)
        if lift is not None:
            return dr.Prop("cue", _outline(lift))
    if pose.cue == SEATED_BACK and step is not None:
        curl = _back_round(pose, right, frame, step)
        if curl is not None:
            return dr.Prop("cue", _outline(curl))
    if pose.cue == SEATED_BACK and step is None:
        arc = _back_arc(pose, right, frame)
        if arc is not None:
            return dr.Prop("cue", _double_curve_outline(arc))
    line = _two_way_line(pose, right, frame)
    if line is None:
        return None
    way = 0.0 if step is None else _way(pose, right, frame, step, line)
    if way == 0.0:
        return dr.Prop("cue", _double_outline(line))
    return dr.Prop("cue", _outline(line if way > 0 else line[::-1]))


def _double_outline(line: Sequence[Point]) -> tuple[Point, ...]:
    """A band along a straight `line` with an arrowhead at each end, both soft-cornered as the
    one-way arrow's: (the band's left edge, the head at the last point (15 points), the band's
    right edge back, the head at the first point (15 points))."""
    (sx, sy), (ex, ey) = line[0], line[-1]
    total = math.dist(line[0], line[-1])
    ux, uy = (ex - sx) / total, (ey - sy) / total
    nx, ny = -uy, ux
    half, wing = WIDTH / 2, HEAD_W / 2
    n = SAMPLES
    band = [
        (
            sx + ux * (HEAD_L + (total - 2 * HEAD_L) * k / (n - 1)),
            sy + uy * (HEAD_L + (total - 2 * HEAD_L) * k / (n - 1)),
        )
        for k in range(n)
    ]
    left = [(x + nx * half, y + ny * half) for x, y in band]
    right = [(x - nx * half, y - ny * half) for x, y in band]

    end_head = _soft_head(band[-1], (nx * wing, ny * wing), (ex, ey), left[-1], right[-1])
    start_head = _soft_head(band[0], (-nx * wing, -ny * wing), (sx, sy), right[0], left[0])
    return (*left, *end_head, *reversed(right), *start_head)
