"""What the player, cards and contact sheet draw: a flat list of shapes, back to front.

The core poses a 3D body and projects it; the UI's renderer only paints these items.
Coordinates are scene millimetres, x to the right, y UP, the floor at y = 0.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import sys
from collections.abc import Callable, Sequence
from enum import IntEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from stretchapp.core.body import motion, scene
from stretchapp.core.body import skeleton as sk
from stretchapp.core.body.pose import KeyPose, StretchPose, Support, View
from stretchapp.core.paths import frozen_key
from stretchapp.core.records import record

if TYPE_CHECKING:  # (the session engine is not needed to draw a card)
    from stretchapp.core.session import PhaseKind

__all__ = [
    "Drawing",
    "Head",
    "Item",
    "KeyPose",
    "Layer",
    "Limb",
    "Point",
    "Prop",
    "StretchPose",
    "Support",
    "View",
    "body_at",
    "drawing_at",
    "is_moving",
    "movement",
    "still_drawing",
]

Point = tuple[float, float]  # scene millimetres, x to the right, y UP, the floor at y = 0


class Layer(IntEnum):
    FAR = 0  # far-side limbs are drawn a shade lighter
    MID = 1
    NEAR = 2


@record(hot=True)
class Limb:
    """One tapered, round-capped stroke through two or more points."""

    part: str  # e.g. "thigh_l", "torso", "upper_arm_r", "foot_l", "hand_r", "thumb_r", "neck"
    points: tuple[Point, ...]
    widths: tuple[float, ...]  # stroke width in mm at each point
    layer: Layer
    highlight: bool  # the body part being stretched: marked in the accent colour


@record(hot=True)
class Head:
    center: Point
    radius: float
    layer: Layer
    highlight: bool
    hair: tuple[Point, ...] = ()  # the outline of its hair as seen (inside the disc), if any


@record(hot=True)
class Prop:
    # "floor" | "mat" | "chair" | "roller" | "roller_end" | "roller_core" | "wall" | "desk" |
    # "cushion" | "shadow" (on the mat, under a body lifted between its feet and a roller) |
    # "roller_shadow" (on the mat, under a roller) | "roller_shade" | "roller_light" (bands
    # along a roller's length: its underside, its top)
    kind: str
    outline: tuple[Point, ...]  # a closed polygon (a roller's circle as a polygon)


Item = Limb | Head | Prop


@record(hot=True)
class Drawing:
    items: tuple[Item, ...]  # already sorted back to front
    # x0, y0, x1, y1 (mm): the same box for every moment of one stretch, so the figure never jumps
    frame: tuple[float, float, float, float]


def drawing_at(
    pose: StretchPose,
    *,
    phase: PhaseKind,
    elapsed_ms: int,
    phase_ms: int,
    rep_ms: int,
    side: str | None,
) -> Drawing:
    """The figure at one moment of a session. Pure in its inputs.

    `rep_ms` is the repetition's length for a stretch done in repetitions and 0 for a hold;
    `side` is "left", "right" or None as in the session's phases.
    """
    m = motion.moment(pose, str(phase), elapsed_ms, phase_ms, rep_ms, side)
    moving = rep_ms > 0 or pose.cycle_ms > 0  # (a still hold never shows an arrow)
    if pose.cue is not None and moving and str(phase) == motion.STRETCH:
        from stretchapp.core import cue

        # (the arrow points the way the body moves now, or came into the key it rests in)
        return _cued(_drawing(pose, m), pose, m.right, cue.heading(pose, m))
    return _drawing(pose, m)


def _cued(
    drawing: Drawing,
    pose: StretchPose,
    right: bool,
    step: tuple[int, int] | None,
    card: bool = False,
) -> Drawing:
    """The drawing with the pose's motion arrow (core/cue.py): pointing the way of `step`,
    or, with none, both ways for a movement that goes one way and back (the library
    `card`'s, for a rock, round the whole pelvis)."""
    from stretchapp.core import cue

    return cue.with_cue(drawing, pose, right, step, card)


def still_drawing(pose: StretchPose, key: int | None = None) -> Drawing:
    """One still picture for cards: key pose `key` (of the left side), or the most telling one
    (the last key: the stretch itself).

    Working one out poses the body a few times (some 2 ms); a store given to `keep_stills_in`
    keeps the drawings between runs, under the key's index and the pose's full description."""
    keys = pose.keys
    key_given = key
    if key is None:
        key = len(keys) - 1 if pose.still is None else pose.still
    index = max(0, min(len(keys) - 1, key))
    k = keys[index]
    from stretchapp.core import cue

    # the card's arrow shows the whole movement; a key's, the way into it (core/cue.py), or
    # both ways where a roll turns back; the starting position none: it is where to begin,
    # not a movement (an arrow on it was read as "do this first", rv35)
    step = None if key_given is None else cue.still_step(pose, index)
    arrow = key_given is None or index != 0
    card = key_given is None
    if card:
        pose = card_pose(pose)
    store = _still_store
    if store is None:
        return _still(pose, k, step, arrow, card)
    # (a key's picture showing both ways is not the card's: a rock's arrows differ)
    name = f"{index}{'>' if step is not None else '' if card else '='}|{pose!r}"
    kept = store.get(name)
    if kept is not None:
        try:
            return decode_drawing(kept)
        except ValueError:
            pass  # not one this code could have written: worked out again and replaced
    drawing = _still(pose, k, step, arrow, card)
    store.put(name, encode_drawing(drawing))
    return drawing


def card_pose(pose: StretchPose) -> StretchPose:
    """The pose as its library card shows it: seen from the card's own camera, if it has
    one (a view read at a glance at 160 px is not always the one to copy at full size)."""
    if pose.card_azimuth is None and pose.card_elevation is None:
        return pose
    return dataclasses.replace(
        pose,
        azimuth=pose.azimuth if pose.card_azimuth is None else pose.card_azimuth,
        elevation=pose.elevation if pose.card_elevation is None else pose.card_elevation,
        card_azimuth=None,
        card_elevation=None,
    )


def _still(
    pose: StretchPose, k: KeyPose, step: tuple[int, int] | None, arrow: bool, card: bool
) -> Drawing:
    drawing = _drawing(pose, motion.Moment(k, k, 0.0, False))
    return _cued(drawing, pose, False, step, card) if arrow else drawing


def is_moving(
    pose: StretchPose, phase: PhaseKind, elapsed_ms: int, phase_ms: int, rep_ms: int
) -> bool:
    """Whether the figure changes around this moment, so the UI should animate."""
    return motion.is_moving(pose, str(phase), elapsed_ms, phase_ms, rep_ms)


def movement(
    pose: StretchPose,
    phase: PhaseKind,
    elapsed_ms: int,
    phase_ms: int,
    rep_ms: int,
    side: str | None,
) -> tuple[float, float] | None:
    """The eased movement the figure is in at this moment: its start and end (ms into the
    phase), or None while it is still. Within it the figure moves along a cosine ease, so a UI
    can work out when it will next have moved a visible step (see `motion.movement`)."""
    return motion.movement(pose, str(phase), elapsed_ms, phase_ms, rep_ms, side)


def body_at(
    pose: StretchPose,
    *,
    phase: PhaseKind,
    elapsed_ms: int,
    phase_ms: int,
    rep_ms: int,
    side: str | None,
) -> tuple[dict[str, float], scene.Placed]:
    """The joint angles and the placed 3D body behind `drawing_at` (for checks and tests)."""
    m = motion.moment(pose, str(phase), elapsed_ms, phase_ms, rep_ms, side)
    angles = scene.angles_lerp(m.a.angle_map(), m.b.angle_map(), m.t)
    return angles, _state(pose, m)[0].placed


# ---- from a moment to items -----------------------------------------------------------------


def _drawing(pose: StretchPose, m: motion.Moment) -> Drawing:
    frame = frame_of(pose)
    items = list(_items(pose, m, frame))
    if _floor_band(pose):
        x0, y0, x1, _ = frame
        items.insert(0, Prop("floor", ((x0, 0.0), (x1, 0.0), (x1, y0), (x0, y0))))
    return Drawing(tuple(items), frame)


def _floor_band(pose: StretchPose) -> bool:
    """Whether the picture stands on the floor's band (a camera about level with the mat:
    scene.LEVEL_CAMERA)."""
    return _camera_of(pose, False)[1] < scene.LEVEL_CAMERA


def _camera_of(pose: StretchPose, right: bool, turn: float = 0.0) -> tuple[float, float]:
    az, el = scene.VIEWS[pose.view]
    if pose.azimuth is not None:
        az = pose.azimuth
    if pose.elevation is not None:
        el = pose.elevation
    if not right:
        return az, el
    target, _ = scene.mirrored_view(az, el)
    options = [target - az + k * 360.0 for k in (-1, 0, 1)]
    options = [d for d in options if abs(d) <= 180.0]
    # swing round through the front of the body
    d = min(options, key=lambda d: abs(((az + d / 2) + 90.0 + 180.0) % 360.0 - 180.0))
    # mid-swing the camera dips to the horizon: a lying body seen end-on from above would
    # stand tall in the frame and shrink every still picture of the stretch
    return az + d * turn, el * (1.0 - math.sin(math.pi * turn))


@record(hot=True)
class _Scene:
    """The placed body and its props at one moment, in room coordinates."""

    placed: scene.Placed
    boxes: tuple[scene.Box, ...]
    highlight: frozenset[str]
    roller_half: float = scene.ROLLER_HALF  # half the roller's length, when on one
    seated: bool = False  # the body sits on a chair's seat


def _state(pose: StretchPose, m: motion.Moment) -> tuple[_Scene, float, float, float]:
    """The scene, the camera (azimuth, elevation) and how far the picture is shifted to
    keep a right side inside the left side's frame (0..1 of the shift)."""
    a, b = m.a.angle_map(), m.b.angle_map()
    angles = scene.angles_lerp(a, b, m.t)
    right = m.right if not m.blend_right else m.t >= 0.5
    body = sk.pose_body(angles)
    names = pose.contacts
    highlight = pose.highlight
    if right:
        names = tuple(sk.mirror_name(n) for n in names)
        highlight = tuple(sk.mirror_name(n) for n in highlight)
    roller_at = None
    if pose.support is Support.ROLLER:
        ra = scene.ROLLER_SPOTS.get(m.a.roller or "", 0.5)
        rb = scene.ROLLER_SPOTS.get(m.b.roller or "", 0.5)
        roller_at = ra + (rb - ra) * m.t
    pins = None if m.blend_right else pins_of(pose, right)
    cushion = "cushion" in pose.props
    placed = scene.place(body, pose.support, names, roller_at, pins=pins, cushion=cushion)
    boxes: list[scene.Box] = []
    layout = _layout(pose, right)
    if layout.mat is not None:
        boxes.append(layout.mat)
    if layout.cushion is not None:
        boxes.append(layout.cushion)
    if layout.floor is not None:  # under a chair, a desk or the feet, seen from above
        boxes.append(layout.floor)
    boxes.extend(layout.desk)
    if layout.seat is not None:  # (only a chair stretch has one)
        boxes.extend(scene.chair_boxes(layout.seat))
    if m.blend_right:
        az, el = _camera_of(pose, True, m.turn)
        shift = m.turn
    else:
        az, el = _camera_of(pose, m.right, 1.0)
        shift = 1.0 if m.right else 0.0
    seated = pose.support is Support.CHAIR and "seat" in names
    scene_ = _Scene(placed, tuple(boxes), frozenset(highlight), layout.roller_half, seated)
    return scene_, az, el, shift


@lru_cache(maxsize=64)
def pins_of(pose: StretchPose, right: bool) -> scene.Pins:
    """Where the first key pose puts each declared contact: planted hands, feet, knees and
    seat stay there for the whole stretch (one side)."""
    key = motion.side_keys(pose, right)[0]
    names = pose.contacts
    if right:
        names = tuple(sk.mirror_name(n) for n in names)
    roller_at = None
    if pose.support is Support.ROLLER:
        roller_at = scene.ROLLER_SPOTS.get(key.roller or "", 0.5)
    body = sk.pose_body(key.angle_map())
    placed = scene.place(body, pose.support, names, roller_at, cushion="cushion" in pose.props)
    return scene.pins_of(placed.body, names, placed.roller)


@record(hot=True)
class _Layout:
    mat: scene.Box | None
    seat: sk.Vec | None
    floor: scene.Box | None = None  # seen from above, the floor the chair and feet stand on
    cushion: scene.Box | None = None  # under the head, where the first key puts it
    desk: tuple[scene.Box, ...] = ()  # in front of a standing body, where the first key puts it
    # one roller for the whole stretch, as long as where the first key puts it asks
    roller_half: float = scene.ROLLER_HALF


@lru_cache(maxsize=64)
def _layout(pose: StretchPose, right: bool) -> _Layout:
    """Props that stay put for the whole stretch: the mat under every key, the chair under
    the first key's seat."""
    keys = motion.side_keys(pose, right)
    names = pose.contacts
    if right:
        names = tuple(sk.mirror_name(n) for n in names)
    xs: list[float] = []
    middles: list[float] = []
    touching: list[float] = []  # across the mat (z), where each floor contact rests
    seat = None
    cushion = None
    desk: tuple[scene.Box, ...] = ()
    roller_half = scene.ROLLER_HALF
    for i, key in enumerate(keys):
        body = sk.pose_body(key.angle_map())
        roller = scene.ROLLER_SPOTS.get(key.roller or "", 0.5)
        roller_at = roller if pose.support is Support.ROLLER else None
        if i == 0 and roller_at is not None:
            roller_half = scene.roller_half(roller_at)
        placed = scene.place(
            body,
            pose.support,
            names,
            roller_at,
            pins=pins_of(pose, right),
            cushion="cushion" in pose.props,
        )
        if i == 0 and "cushion" in pose.props:
            # a little toward the far side: the side of the body (z) higher in the picture
            az, el = _camera_of(pose, right, 1.0)
            up = sk.apply(scene.camera(az, el), (0.0, 0.0, 1.0))[1]
            cushion = scene.cushion_box(placed.body, 1.0 if up > 0 else -1.0)
        if i == 0 and "desk" in pose.props:
            # in front of the body (it faces +x; mirrored for the right side by the camera),
            # a small gap beyond whichever of the front of the hips or knees comes first
            pts = placed.body.points
            front = max(pts[n][0] for n in ("hip_c", "knee_l", "knee_r")) + 0.05 * sk.H
            desk = tuple(scene.desk_boxes(front + scene.DESK_GAP, pts["hip_c"][2]))
        xs += [c[0] - r for c, r in scene.samples(placed.body)]
        xs += [c[0] + r for c, r in scene.samples(placed.body)]
        middles.append(placed.body.points["hip_c"][2])
        key_names = key.contacts or pose.contacts
        if right:
            key_names = tuple(sk.mirror_name(n) for n in key_names)
        touching += [p[2] for p in _floor_contacts(placed.body, key_names)]
        if i == 0 and pose.support is Support.CHAIR:
            c, r = scene.contact_point(placed.body, "seat")
            seat = (c[0], c[1] - r, 0.0)
    mat = None
    if pose.support is Support.FLOOR or "mat" in pose.props:
        lo, hi = min(xs) - 100.0, max(xs) + 100.0
        mat = scene.mat_box((lo + hi) / 2, 0.0, hi - lo)
        middle = sum(middles) / len(middles)
        mat = _near_half(mat, middle, touching, *_camera_of(pose, right, 1.0))
    floor = None
    if seat is not None and _camera_of(pose, False)[1] > 0.0:
        # seen from above there is no floor line: a patch of floor under the chair and the
        # feet shows that they stand flat on it
        back = seat[0] - scene.CHAIR_BACK - 0.05 * sk.H
        front = max(xs) + 0.05 * sk.H
        floor = scene.Box("floor", (back, -scene.FLOOR_T, -0.2 * sk.H), (front, 0.0, 0.2 * sk.H))
    if desk and _camera_of(pose, False)[1] > 0.0:
        # the same for a body standing at a desk seen from a little above: the feet and the
        # desk's legs stand on one patch of floor
        back = min(xs) - 0.05 * sk.H
        front = max(box.hi[0] for box in desk) + 0.05 * sk.H
        half = scene.DESK_HALF + 0.05 * sk.H
        z = desk[0].lo[2] + scene.DESK_HALF
        floor = scene.Box("floor", (back, -scene.FLOOR_T, z - half), (front, 0.0, z + half))
    elif mat is None and seat is None and _camera_of(pose, False)[1] > 0.0:
        # a body standing on its own, seen from a little above: a patch of floor under the
        # feet (with no floor line there, they stood on nothing)
        back, front = min(xs) - 0.05 * sk.H, max(xs) + 0.05 * sk.H
        floor = scene.Box("floor", (back, -scene.FLOOR_T, -0.2 * sk.H), (front, 0.0, 0.2 * sk.H))
    return _Layout(mat, seat, floor, cushion, desk, roller_half)


SIDE_MAT_ELEVATION = 25.0  # at most this far above, a side view shows the mat's near half


CONTACT_MAT_MARGIN = 30.0  # mm of mat beyond the farthest contact resting on it


def _floor_contacts(body: sk.Body, names: Sequence[str]) -> list[sk.Vec]:
    """Where each declared floor contact (not a grip) touches: the bottom of each sample."""
    out = []
    for name in names:
        if name in scene.GRIPS or name not in scene.CONTACTS:
            continue
        for part, t in scene.CONTACTS[name]:
            c, r = scene._part_point(body, part, t)
            out.append((c[0], c[1] - r, c[2]))
    return out


def _near_half(
    mat: scene.Box, middle: float, touching: Sequence[float], az: float, el: float
) -> scene.Box:
    """Seen from the side and a little above, the mat ends under the body's middle (at
    `middle` across it), or just beyond the farthest contact resting on it (a far foot or
    hand) when that lies further: its far edge is the line the body lies on, and every
    contact rests on the drawn mat (a far hand beyond its edge would float above it). A whole
    mat would rise behind the body as a band as high as the body is thick, and the back,
    buttocks or shins would look sunk into it."""
    cam = scene.camera(az, el)
    toward = cam[2][2]  # how far the room's +z (across the mat) points at the viewer
    if el > SIDE_MAT_ELEVATION or abs(toward) < 0.7:
        return mat
    (x0, y0, z0), (x1, y1, z1) = mat.lo, mat.hi
    if toward > 0:
        edge = min([middle, *(z - CONTACT_MAT_MARGIN for z in touching)])
        return scene.Box(mat.kind, (x0, y0, max(z0, edge)), (x1, y1, z1))
    edge = max([middle, *(z + CONTACT_MAT_MARGIN for z in touching)])
    return scene.Box(mat.kind, (x0, y0, z0), (x1, y1, min(z1, edge)))


def _items(
    pose: StretchPose, m: motion.Moment, frame: tuple[float, float, float, float]
) -> list[Item]:
    state, az, el, shift = _state(pose, m)
    x0, _, x1, _ = frame
    return _project(state, az, el, shift * (x0 + x1))


TRUNK = ("pelvis", "waist", "chest")
ROLLER_CORE = 0.4  # the hollow in a roller's end, as a fraction of its radius
ROUND = tuple((math.cos(2 * math.pi * i / 32), math.sin(2 * math.pi * i / 32)) for i in range(32))


def _project(state: _Scene, az: float, el: float, dx: float) -> list[Item]:
    cam = scene.camera(az, el)

    def to2(p: sk.Vec) -> tuple[Point, float]:
        q = sk.apply(cam, p)
        return (q[0] + dx, q[1]), q[2]

    body = state.placed.body
    parts, head = scene.limbs(body)
    parts = [
        _full_foot(body, limb, cam) if limb.part.startswith("foot_") else limb for limb in parts
    ]
    parts = [_card_hand(body, limb) if limb.part[:-2] in HAND_PARTS else limb for limb in parts]
    parts = [_card_foot(body, limb, cam) if limb.part[:-2] == "foot" else limb for limb in parts]
    parts = [_round_knee(body, limb) if limb.part[:-2] in KNEE_ENDS else limb for limb in parts]
    parts = [_soft_leg(body, limb, cam) if limb.part[:-2] in SOFT_PARTS else limb for limb in parts]
    parts = [
        _buttock_round(body, limb, state.seated) if limb.part == "pelvis" else limb
        for limb in parts
    ]
    # which side of the body faces the camera
    lateral = {
        "leg": sk.apply(cam, sk.apply(body.frames["pelvis"], (0.0, 0.0, 1.0)))[2],
        "arm": sk.apply(cam, sk.apply(body.frames["chest"], (0.0, 0.0, 1.0)))[2],
    }
    spine = _spine(parts, cam, to2)
    rise = sk.belly_rise(body)
    if rise > 0.01:
        spine = _breathing(spine, rise, body.frames["waist"], cam)
    ordered: list[tuple[int, float, Item]] = []
    for limb in parts:
        pts, depths = zip(*(to2(p) for p in limb.points), strict=True)
        widths = tuple(limb.widths)
        if limb.part in spine:
            pts, widths = spine[limb.part]
        elif limb.breadths is not None and limb.frames is not None:
            widths = tuple(_trunk_widths(cam, limb, pts))
        layer = Layer.MID
        base, _, side = limb.part.rpartition("_")
        if side in ("l", "r"):
            kind = "arm" if base in ("upper_arm", "forearm", "hand", "thumb") else "leg"
            facing = lateral[kind] * (1.0 if side == "r" else -1.0)  # >0: this side is near
            if kind == "arm" and el >= 60.0:
                # seen from above, both arms lie on the floor: drawn alike (a pale far arm
                # would read as a shoulder lifting)
                facing = 0.0
            if facing > 0.35:
                layer = Layer.NEAR
            elif facing < -0.35:
                layer = Layer.FAR
        lit = limb.part.replace("thumb", "hand") in state.highlight
        item = Limb(limb.part, tuple(pts), tuple(widths), layer, lit)
        depth = sum(depths) / len(depths)
        if limb.part == "neck":
            depth = -math.inf  # behind the chest and head: it shows only between them
        ordered.append((int(layer), depth, item))
    trunk = [d for layer, d, item in ordered if isinstance(item, Limb) and item.part in TRUNK]
    # a far hand resting on the side of the trunk that faces the camera (on the belly, seen
    # from above) lies on top of it, not behind it, in its own arm's (far) shade: in the
    # trunk's shade, on the trunk, it did not show (rv41: "only one hand is shown, on the
    # belly")
    resting = _resting_hands(body, cam)
    for i, entry in enumerate(ordered):
        piece = entry[2]
        if not isinstance(piece, Limb) or piece.layer != Layer.FAR:
            continue
        base, _, side = piece.part.rpartition("_")
        if base in ("hand", "thumb") and side in resting:
            ordered[i] = (int(Layer.MID), max(trunk) + 0.5, piece)
    # a hand flat on the back, fingers down over the top of the buttock, lies on the round
    # top of its own side's thigh, with its thumb: painted between the two pieces of the leg,
    # it cut a gap across the knee, and under the thigh's round end its fingers' tip was cut
    # off (bb3)
    for s in "lr":
        if _on_the_back(body, s) < 1.0:
            continue
        thigh = next(
            (e for e in ordered if isinstance(e[2], Limb) and e[2].part == f"thigh_{s}"), None
        )
        if thigh is None:
            continue
        for i, (lay, depth, piece) in enumerate(ordered):
            if not isinstance(piece, Limb) or (lay, depth) >= thigh[:2]:
                continue
            if piece.part in (f"hand_{s}", f"thumb_{s}"):
                lift = 0.01 if piece.part.startswith("hand") else 0.0
                ordered[i] = (thigh[0], thigh[1] + 0.5 + lift, piece)
    # a far upper arm goes behind the trunk: its round shoulder end never pokes out above
    # the trunk's outline (seen from a little above, the far shoulder's knob showed over
    # the back like a small second head: blind review, round 12)
    trunk_limbs = [e[2] for e in ordered if isinstance(e[2], Limb) and e[2].part in TRUNK]
    for i, (lay, depth, piece) in enumerate(ordered):
        if isinstance(piece, Limb) and piece.layer == Layer.FAR and piece.part[:-2] == "upper_arm":
            ordered[i] = (lay, depth, _tucked(piece, trunk_limbs))
    # a far shin and foot resting on the near thigh from above (a figure-4's crossed ankle,
    # seen from above the supporting leg's side) lie on top of it, not behind it
    for s, other in (("l", "r"), ("r", "l")):
        if el <= 0.0 or not _rests_on_thigh(body, s, other):
            continue
        thigh = next(
            (e for e in ordered if isinstance(e[2], Limb) and e[2].part == f"thigh_{other}"), None
        )
        if thigh is None or thigh[0] != int(Layer.NEAR):
            continue
        over = thigh[1]
        # on a level thigh (seated), a foot reaching nearer the camera than the knee it rests
        # above lies in front of that knee's shin too: seen from the supporting leg's side,
        # the foot hangs over the thigh's outer edge, and drawn behind the shin it read as
        # pushed through the knee (blind review, round 13)
        shin = next(
            (e for e in ordered if isinstance(e[2], Limb) and e[2].part == f"shank_{other}"), None
        )
        knee = body.points[f"knee_{other}"]
        level = abs(sk.apply(body.frames[f"thigh_{other}"], (0.0, 1.0, 0.0))[1]) < 0.5
        foot = max(to2(body.points[f"{end}_{s}"])[1] for end in ("ankle", "toe"))
        if shin is not None and shin[0] == thigh[0] and level and foot > to2(knee)[1]:
            over = max(over, shin[1])
        for i, entry in enumerate(ordered):
            piece = entry[2]
            if not isinstance(piece, Limb) or piece.layer != Layer.FAR:
                continue
            if piece.part in (f"shank_{s}", f"foot_{s}"):
                # painted after the thigh it lies on, in its own leg's (far) shade: a dark shin
                # on a grey thigh read as two different legs (blind review rv14)
                ordered[i] = (int(Layer.NEAR), over + 0.5, piece)
    # a hand holding a thigh or knee on the side that faces the camera (a seated twist's
    # hand on the outside of the other knee) lies on top of it, with its forearm: painted
    # after the thigh, in its own shade
    for s in "lr":
        for t in "lr":
            if not _holds_thigh(body, cam, s, t):
                continue
            thigh = next(
                (e for e in ordered if isinstance(e[2], Limb) and e[2].part == f"thigh_{t}"), None
            )
            if thigh is None:
                continue
            for i, entry in enumerate(ordered):
                piece = entry[2]
                rank = ("forearm", "hand", "thumb")
                base, _, side = (
                    piece.part.rpartition("_") if isinstance(piece, Limb) else ("", "", "")
                )
                if side != s or base not in rank or entry[:2] > thigh[:2]:
                    continue
                ordered[i] = (thigh[0], thigh[1] + 0.5 + 0.01 * rank.index(base), piece)
            if s != t and _crosses_front(body, cam, s):
                ordered = _brought_near(ordered, s)
    # a near hand clasped round the back of a raised thigh shows past its back edge, the
    # fingers wrapped under it (HUG_OUT)
    for s in "lr":
        for t in "lr":
            if _behind_thigh(body, s, t):
                _hug_the_thigh(ordered, s, t)
    ordered.extend(_shoulders(body, to2, ordered))
    if "low_back" in state.highlight:
        waist = next(
            (e[2] for e in ordered if isinstance(e[2], Limb) and e[2].part == "waist"), None
        )
        ordered.append(_low_back(body, to2, cam, trunk, waist))
    for s in "lr":
        if f"side_{s}" in state.highlight:
            ordered.append(_flank(body, s, to2, cam, trunk))
        if f"buttock_{s}" in state.highlight:
            ordered.append(_buttock(body, s, to2, trunk))
        if f"outer_hip_{s}" in state.highlight:
            drawn = [e[2] for e in ordered if isinstance(e[2], Limb)]
            marked = next((t for t in drawn if t.part == f"thigh_{s}"), None)
            if marked is not None:
                ordered.append(_outer_hip(marked, s, trunk))
    if "upper_back" in state.highlight:
        chest = next(
            (e[2] for e in ordered if isinstance(e[2], Limb) and e[2].part == "chest"), None
        )
        if chest is not None:
            ordered.append(_upper_back(chest, trunk))
    c, depth = to2(head.center)
    # the head sits on the neck: never hidden behind its own trunk (seen from above, a chest
    # would otherwise be painted over the lower half of the face)
    depth = max([depth, *(d + 1.0 for d in trunk)])
    lit = "head" in state.highlight
    # a near hand cradling the back of the head (fingers laced behind it) goes behind the
    # head with its forearm: drawn over the head's side, the forearm ran across the jaw and
    # the neck and read as a hand pulling on the neck (blind review rv33, rv34). Its upper
    # arm goes behind the head too, the whole arm wrapping round it: with the elbows opened
    # out the near elbow draws on the head's disc, and the upper arm drawn over the head
    # crossed the face like a bar (with the elbow raised in front of the face instead, the
    # forearm hidden behind the head, the arm read as "one stiff rod sticking up")
    for s in _cradling_hands(body):
        for i, (lay, _d, piece) in enumerate(ordered):
            if not isinstance(piece, Limb) or lay != int(Layer.NEAR):
                continue
            base, _, side = piece.part.rpartition("_")
            if side == s and base in ("upper_arm", "forearm", "hand", "thumb"):
                ordered[i] = (int(Layer.MID), depth - 0.5 + 0.01 * len(base), piece)
        ahead = sk.apply(body.frames["head"], (head.radius, 0.0, 0.0))
        face_at = to2(sk.add(head.center, ahead))[0]
        _cup_the_skull(ordered, s, c, head.radius, to2(body.points["neck_base"])[0], face_at)
    # a head resting face down on the mat (a child's pose) lies among the arms, tucked
    # against the chest: on the near layer with its nose it is parted from the neck, the
    # chest and the far arm by the thin gap a near limb cuts (ui/figure.py paints it in the
    # trunk's ink), and a near arm nearer the camera still goes over it
    layer = Layer.NEAR if _face_down(body, head, state.placed.support_y) else Layer.MID
    face = body.frames["head"]
    hair = _hair(face, cam, c, head.radius) or ()
    ordered.append((int(layer), depth, Head(c, head.radius, layer, lit, hair)))
    # a small nose shows which way the face looks (a side view without it is ambiguous): a
    # soft wedge low on the face, pointing forward and a little down (level with the brow,
    # a bar of even width read as a cap's brim)
    nose_base, nose_tip = (
        to2(sk.add(head.center, sk.apply(face, (head.radius * k, h * head.radius, 0.0))))[0]
        for k, h in NOSE
    )
    widths = (NOSE_WIDTHS[0] * head.radius, NOSE_WIDTHS[1] * head.radius)
    nose = Limb("nose", (nose_base, nose_tip), widths, layer, lit)
    # a face turned away from the camera: its nose behind the head, showing only where it
    # stands out past the disc (over the hair it showed as a pale dot on the back of the head)
    away = sk.apply(cam, sk.apply(face, (1.0, 0.0, 0.0)))[2] < -0.1
    ordered.append((int(layer), depth - 1e-3 if away else depth + 1e-3, nose))
    props: list[Item] = []
    for box in state.boxes:
        if box.kind == "cushion":
            # soft, round-edged: each inner corner grown by a circle of the rounding radius
            core, r = scene.cushion_core(box)
            outline = [
                (x + r * dx, y + r * dy)
                for (x, y), _ in map(to2, core.corners())
                for dx, dy in ROUND
            ]
            props.append(Prop(box.kind, scene.hull(outline)))
            continue
        props.append(Prop(box.kind, scene.hull([to2(p)[0] for p in box.corners()])))
    shadow = _lift_shadow(state, cam)
    if shadow is not None:
        props.append(Prop("shadow", scene.hull([to2(q)[0] for q in shadow])))
    roller = state.placed.roller
    if roller is not None:
        mat = next((box for box in state.boxes if box.kind == "mat"), None)
        if mat is not None:
            props.append(Prop("roller_shadow", _roller_shadow(roller, mat, state.roller_half, to2)))
        # behind the whole body, which rests on it; its end that faces the camera is drawn
        # in a shade of its own so it reads as a thick cylinder, not a rod or a ball
        ring = scene.roller_points(roller, half=state.roller_half)
        props.append(Prop("roller", scene.hull([to2(p)[0] for p in ring])))
        for kind, band in zip(("roller_shade", "roller_light"), ROLLER_BANDS, strict=True):
            props.append(Prop(kind, _roller_band(roller, state.roller_half, band, cam, to2)))
        half = len(ring) // 2
        ends = [ring[:half], ring[half:]]
        near = max(ends, key=lambda end: sum(to2(p)[1] for p in end))
        props.append(Prop("roller_end", scene.hull([to2(p)[0] for p in near])))
        # the hollow of that end, a disc in the side's shade: a tube's end, not a ball
        hollow = scene.roller_points(
            roller, radius=ROLLER_CORE * scene.ROLLER_R, half=state.roller_half
        )
        near_core = hollow[:half] if near is ends[0] else hollow[half:]
        props.append(Prop("roller_core", scene.hull([to2(p)[0] for p in near_core])))
    # Depths a thousandth of a millimetre apart are level: parts level in a side view (a
    # thigh, its shin and foot) keep the body's own order instead of one that rounding
    # noise picks, which the mirrored camera of the other side picked differently.
    ordered.sort(key=lambda x: (x[0], round(x[1], 3)))
    return props + [item for _, _, item in ordered]


# A foam roller seen nearly end-on from a little above is drawn as a steep bar from its end
# on the mat up under the back; in flat colour it read as "a slanted bar running from the back
# down to a circle on the floor, a prop or lever, not a roller lying across the back" (ab123).
# Shaded as a cylinder, its length reads as round and lying along the mat's width: a band of
# shade along its underside, from the lower edge as seen, and a lighter stripe along its top,
# both parallel to its axis (each as angles round the axis from the edge seen on that side,
# degrees, toward the middle of the face the camera sees); and its contact with the mat casts
# a soft shadow band on the mat along its length, across the mat's width, reaching out past
# its lower edge (mm either side of the line where it touches, toward the room's -x and +x).
ROLLER_BANDS = ((0.0, 62.0), (38.0, 68.0))  # the shade from the lower edge, the light from the top
ROLLER_SHADOW = (1.45 * scene.ROLLER_R, 1.45 * scene.ROLLER_R)
ROLLER_SHADOW_END = 0.15  # how far its rounded ends reach along it, of its half-width


def _roller_band(
    center: sk.Vec,
    half: float,
    band: tuple[float, float],
    cam: sk.Mat,
    to2: Callable[[sk.Vec], tuple[Point, float]],
) -> tuple[Point, ...]:
    """A band along a roller's length between two lines of its surface (`band`: degrees from
    the edge seen on its lower side, or with the first above 0 from the upper one, round
    toward the camera), as a polygon on the page."""
    view = math.atan2(cam[2][1], cam[2][0])  # the camera's way round the axis (room +z)
    edges = (view - math.pi / 2, view + math.pi / 2)
    lower = min(edges, key=math.sin)
    upper = max(edges, key=math.sin)
    if band[0] == 0.0:
        start, way = lower, 1.0 if lower < view else -1.0
    else:
        start, way = upper, 1.0 if upper < view else -1.0
    x, y, z = center
    r = scene.ROLLER_R

    def line(deg: float) -> list[sk.Vec]:
        a = start + way * math.radians(deg)
        return [(x + r * math.cos(a), y + r * math.sin(a), z + e) for e in (-half, half)]

    a0, a1 = line(band[0]), line(band[1])
    return tuple(to2(p)[0] for p in (a0[0], a0[1], a1[1], a1[0]))


def _roller_shadow(
    center: sk.Vec,
    mat: scene.Box,
    half: float,
    to2: Callable[[sk.Vec], tuple[Point, float]],
) -> tuple[Point, ...]:
    """The soft shadow a roller casts on the mat where it lies: a band along its length over
    the mat's width, round at both ends."""
    x, _y, z = center
    z0, z1 = max(z - half, mat.lo[2]), min(z + half, mat.hi[2])
    lo, hi = x - ROLLER_SHADOW[0], x + ROLLER_SHADOW[1]
    w = (hi - lo) / 2
    mid = (lo + hi) / 2
    y = mat.hi[1]
    # a band with softly rounded ends, inside the mat's edges and the roller's ends
    k = ROLLER_SHADOW_END * w
    rim = [(mid + w * dx, y, (z1 - k if dz > 0 else z0 + k) + k * dz) for dx, dz in ROUND]
    return scene.hull([to2(p)[0] for p in rim])


# A face turned this far toward the floor (the height of the way it looks, 1: straight down)
# with the head on the support is a head resting face down: a child's pose's forehead on the
# mat looks down 0.92, the hanging head of a cat on hands and knees (0.5 to 0.99) stays
# 30 cm or more above the mat, and every body lying on its back looks up.
FACE_DOWN = 0.7


def _face_down(body: sk.Body, head: scene.Head3, support: float) -> bool:
    """Whether the head rests face down on the support (`FACE_DOWN`): its lowest point within
    a contact's tolerance of the support's top."""
    face = sk.apply(body.frames["head"], (1.0, 0.0, 0.0))
    low = head.center[1] - head.radius - support
    return face[1] <= -FACE_DOWN and low <= scene.CONTACT_TOLERANCE


# A body held up between its planted feet and a foam roller across the back, the hips lifted
# a little, casts a shadow on the mat: a band from under the feet to the roller, the light
# from beyond the body, so it falls a little toward the viewer. Seen from 22 degrees above,
# the mat's far half rose behind the body and the buttocks, 5 to 7 cm up, sat on it in the
# picture ("the hips are not seen lifted", blind reviews rv38 and rv40; from 5 degrees above
# the roller read as lying along the spine, rv39): the feet and the roller stand on the
# band, the buttocks plainly over it, a strip of mat between.
LIFT_SHADOW = (20.0, 150.0)  # the pelvis this far over the mat (mm) casts one
# across the mat from the body's middle toward the viewer, where the band lies (mm): from
# right under the middle it rose behind the buttocks, as the mat's far half did
SHADOW_ACROSS = (0.02 * sk.H, 0.1 * sk.H)
FOOT_ON_FLOOR = 14.0  # mm: a part this close to the floor stands on it (as validate says)


def _lift_shadow(state: _Scene, cam: sk.Mat) -> list[sk.Vec] | None:
    """The shadow band of a body lifted between its feet and a foam roller across the back
    (its outline in the room, on the mat's top), or None: no mat, no roller, the hips resting
    on the floor or sitting on the roller."""
    placed = state.placed
    mat = next((box for box in state.boxes if box.kind == "mat"), None)
    if placed.roller is None or mat is None:
        return None
    body = placed.body
    parts, _ = scene.limbs(body)
    pelvis = next(limb for limb in parts if limb.part == "pelvis")
    c, r = min((scene._along(pelvis, k / 10) for k in range(11)), key=lambda cr: cr[0][1] - cr[1])
    lift = c[1] - r - mat.hi[1]
    if not LIFT_SHADOW[0] <= lift <= LIFT_SHADOW[1]:
        return None
    roll_x = placed.roller[0]
    if abs(roll_x - c[0]) < 2 * scene.ROLLER_R:
        return None  # sitting on it
    ground = min(q[1] - rq for q, rq in scene.samples(body)) + FOOT_ON_FLOOR
    standing = [q[0] for q, rq in scene.samples(body) if q[1] - rq <= ground]
    away = 1.0 if c[0] > roll_x else -1.0  # the feet's way from the roller
    feet = [x for x in standing if (x - roll_x) * away > 2 * scene.ROLLER_R]
    if not feet:
        return None
    end = max(feet, key=lambda x: (x - roll_x) * away)
    half = (SHADOW_ACROSS[1] - SHADOW_ACROSS[0]) / 2
    # (its round end under the roller's axis, hidden by the roller)
    lo, hi = sorted((roll_x + away * half, end))
    toward = 1.0 if cam[2][2] > 0 else -1.0  # the room's +z toward the viewer, or away
    z = body.points["hip_c"][2] + toward * (SHADOW_ACROSS[0] + SHADOW_ACROSS[1]) / 2
    y = mat.hi[1]
    return [(hi + half * dx if dx > 0 else lo + half * dx, y, z + half * dz) for dx, dz in ROUND]


# Short hair over the top and back of the head, the one cue to which way a head faces when
# the nose hides in its disc (a face turned toward the viewer: blind reviewers asked "front
# or back?" of a seated twist seen from the front left, ab203): a cap round the direction
# HAIR_AT degrees from the face's forward toward the crown and back, HAIR_HALF degrees
# wide, so its edge crosses the brow some 35 degrees above the face's forward, the sides
# just above the ears and the back at the nape. A fuller cap (round 150 degrees, 100 wide:
# the face framed at the sides when seen face on) split its blind A/B (ab206) three to
# three: clearer for the twist turned toward the viewer, the child's pose and the seated
# figure-4, but from the side it read as the head turned (the side bend, the cat-cow's
# face pointing back toward the hands): not kept. An edge curving down over the temples
# (15 degrees lower at the sides: ab213, for two card reviewers who saw the child's pose's
# head, its edge seen end-on as a straight line, as "the end of a foam roller") split too:
# chosen for the cat-cow and the seated twist ("follows the skull"), equal for the side
# bend, and not for the child's pose, whose start on hands and knees then read as "a ball
# or a helmet", nearly all hair: not kept.
HAIR_AT = 120.0
HAIR_HALF = 85.0
HAIR_STEPS = 72  # points round the cap's edge
_HAIR_ROUND = tuple(
    (math.cos(2.0 * math.pi * i / HAIR_STEPS), math.sin(2.0 * math.pi * i / HAIR_STEPS))
    for i in range(HAIR_STEPS)
)


def _hair(face: sk.Mat, cam: sk.Mat, center: Point, radius: float) -> tuple[Point, ...] | None:
    """The outline of the hair cap as the camera sees it on the head's disc (centre
    `center`, `radius`), or None where it is all behind the head. The cap's edge is a circle
    on the sphere; the part of it facing the camera is drawn, closed by the disc's rim where
    the cap runs round behind the head."""
    a = math.radians(HAIR_AT)
    view = sk.mul(cam, face)  # the head's frame as the camera sees it (a rotation)
    d = sk.apply(view, (math.cos(a), math.sin(a), 0.0))
    # two directions square to d and to each other, round the cap's edge
    e1 = sk.apply(view, (-math.sin(a), math.cos(a), 0.0))
    e2 = sk.apply(view, (0.0, 0.0, 1.0))
    cos_half, sin_half = math.cos(math.radians(HAIR_HALF)), math.sin(math.radians(HAIR_HALF))
    edge = [
        tuple(cos_half * d[j] + sin_half * (ct * e1[j] + st * e2[j]) for j in range(3))
        for ct, st in _HAIR_ROUND
    ]

    def at(q: Sequence[float]) -> Point:
        return (center[0] + radius * q[0], center[1] + radius * q[1])

    seen = [q[2] >= 0.0 for q in edge]
    if all(seen):
        return tuple(at(q) for q in edge) if d[2] > 0.0 else None
    if not any(seen):
        return None
    n = len(edge)
    # the visible run of the edge, from where it comes round the rim to where it leaves
    start = next(i for i in range(n) if seen[i] and not seen[i - 1])
    run = []
    i = start
    while seen[i % n]:
        run.append(edge[i % n])
        i += 1
    leave_a, leave_b = edge[(i - 1) % n], edge[i % n]
    come_a, come_b = edge[(start - 1) % n], edge[start]

    def on_rim(p: Sequence[float], q: Sequence[float]) -> float:
        u = p[2] / (p[2] - q[2]) if p[2] != q[2] else 0.0
        x, y = p[0] + (q[0] - p[0]) * u, p[1] + (q[1] - p[1]) * u
        return math.atan2(y, x)

    out_angle = on_rim(leave_a, leave_b)
    in_angle = on_rim(come_a, come_b)
    # round the rim from where the edge leaves to where it comes back, the way that lies in
    # the cap
    sweep = (in_angle - out_angle) % (2.0 * math.pi)
    middle = out_angle + sweep / 2.0
    if math.cos(middle) * d[0] + math.sin(middle) * d[1] < cos_half:
        sweep -= 2.0 * math.pi
    steps = max(2, int(abs(sweep) / (2.0 * math.pi) * HAIR_STEPS) + 1)
    rim = [
        (math.cos(out_angle + sweep * k / steps), math.sin(out_angle + sweep * k / steps), 0.0)
        for k in range(steps + 1)
    ]
    return tuple(at(q) for q in (*run, *rim))


# the nose's base and tip in the head's frame (fractions of its radius: forward, up), and
# its widths there (fractions of the radius)
NOSE = ((0.72, -0.2), (1.1, -0.3))
NOSE_WIDTHS = (0.46, 0.2)


INSTEP_W = 0.052 * sk.H  # the foot's height at the instep, heel to toe a wedge
FOOT_BREADTH = 0.055 * sk.H  # across the forefoot (Drillis and Contini)
# how much of its length a foot shows in the picture (of 1) when it is drawn as seen from
# the front, and from when on it starts to turn into that
END_ON = (0.3, 0.6)


def _full_foot(body: sk.Body, limb: scene.Limb3, cam: sk.Mat) -> scene.Limb3:
    """The foot drawn whole: a wedge, high at the instep (up to the ankle) and tapering to
    the heel and the toes (a stick at the sole's height read as a tiny foot). It rests on
    the same sole line as the posed foot, so it sits where the body's contacts say; two
    strokes, as before, so it costs no more to paint.

    Seen end-on (from the front or behind) the wedge shrank to a dot, and a foot turned out
    a little more showed as a wedge in profile beside it: a foot pointing at the camera is
    drawn as seen from the front instead, a low mound across the forefoot's breadth under
    the instep, so both feet of a front view read alike. Between the two the shape blends
    with the angle, so a turning camera never makes it jump."""
    heel, ball, toe = limb.points
    w_heel, w_ball, w_toe = limb.widths
    frame = body.frames["foot_" + limb.part[-1]]
    up = sk.apply(frame, (0.0, 1.0, 0.0))
    instep = sk.add(
        sk.add(heel, sk.scale(sk.sub(ball, heel), 0.4)), sk.scale(up, (INSTEP_W - w_ball) / 2)
    )
    points: tuple[sk.Vec, ...] = (heel, instep, toe)
    widths = (w_heel, INSTEP_W, w_toe)
    along = sk.apply(cam, sk.apply(frame, (1.0, 0.0, 0.0)))
    t = min(1.0, max(0.0, (END_ON[1] - math.hypot(along[0], along[1])) / (END_ON[1] - END_ON[0])))
    if t <= 0.0:
        return scene.Limb3(limb.part, points, widths)
    # toward the big toe on either foot (a right foot's frame is a left one's mirrored)
    inward = 1.0 if limb.part.endswith("_l") else -1.0
    across = sk.scale(sk.apply(frame, (0.0, 0.0, inward)), FOOT_BREADTH / 2 - w_ball / 2)
    front = (sk.sub(ball, across), instep, sk.add(ball, across))
    points = tuple(sk.add(a, sk.scale(sk.sub(b, a), t)) for a, b in zip(points, front, strict=True))
    widths = (w_heel + (w_ball - w_heel) * t, INSTEP_W, w_toe + (w_ball - w_toe) * t)
    return scene.Limb3(limb.part, points, widths)


# A hand drawn to its true breadth was a blob of 4 or 5 pixels on a library card: no one could
# tell where it was placed (blind review, hands and feet). It is drawn as a mitten that reads:
# the wrist as it was, the palm about 1.3 times as wide, the fingers reaching on to 0.9 of the
# hand's true length with a round end, the thumb a little fuller; bones and joints as posed.
HAND_PARTS = ("hand", "thumb")
HAND_W = (0.02 * sk.H, 0.046 * sk.H, 0.042 * sk.H)  # wrist, palm, fingertips
THUMB_W = (0.022 * sk.H, 0.017 * sk.H)
HAND_REACH = 0.9  # of the hand's length, wrist to the mitten's round end
HAND_ON_FLOOR = 0.05 * sk.H  # mm: a palm this low rests on the floor
HAND_EASE = 10.0  # mm: a hand leaving the trunk grows to its full drawn size over this
# degrees down: fingers lie level up to the first slope, follow the hand from the second
FINGERS_LEVEL = (20.0, 45.0)


def _card_hand(body: sk.Body, limb: scene.Limb3) -> scene.Limb3:
    """A hand or thumb drawn fuller, grown upward only (square to the hand): its underside
    stays where the posed hand's was, so a hand resting on the mat, a thigh or a chair still
    rests on it, neither sunk in nor floating. A hand hanging down grows evenly. A hand on
    the trunk (on the belly, the hip bones) keeps its true size: there two hands lie close
    together on the body's outline, and a fuller near hand hid the far one; one coming off
    the trunk grows by degrees, so a moving hand never pops. A hand flat on the back (a
    standing back bend's, fingers down) is drawn full too (`_on_the_back`)."""
    side = limb.part[-1]
    g = max(_off_trunk(body, side), _on_the_back(body, side))
    if g <= 0.0:
        return limb
    wrist, fingers = body.points["wrist_" + side], body.points["fingers_" + side]
    axis = sk.sub(fingers, wrist)
    axis = sk.scale(axis, 1.0 / max(1e-6, math.hypot(*axis)))
    up = sk.sub((0.0, 1.0, 0.0), sk.scale(axis, axis[1]))  # its length: how level the hand is
    full: tuple[float, ...]
    if limb.part.startswith("thumb"):
        points, full = limb.points, THUMB_W
    else:
        palm = limb.points[1]
        full = tuple(w0 + (w1 - w0) * g for w0, w1 in zip(limb.widths, HAND_W, strict=True))
        tip = _fingertips(wrist, palm, fingers, full[2] / 2)
        points = (wrist, palm, sk.add(fingers, sk.scale(sk.sub(tip, fingers), g)))
    widths = tuple(w0 + (w1 - w0) * g for w0, w1 in zip(limb.widths, full, strict=True))
    points = tuple(
        sk.add(p, sk.scale(up, max(0.0, w1 - w0) / 2))
        for p, w0, w1 in zip(points, limb.widths, widths, strict=True)
    )
    return scene.Limb3(limb.part, points, widths)


def _off_trunk(body: sk.Body, side: str) -> float:
    """1 for a hand clear of the trunk (on the floor, a thigh, a chair, in the air), 0 for one
    resting on it, and between the two just as it leaves it."""
    p = body.points
    palm = _palm(body, side)
    if palm[1] < HAND_ON_FLOOR:
        return 1.0
    spine = [p["hip_c"], p["lumbar"], p["thoracic"], p["neck_base"]]
    near = min(
        (_closest(palm, a, b) for a, b in itertools.pairwise(spine)),
        key=lambda q: sk.dist(q, palm),
    )
    touching = max(sk.TRUNK_DEPTH) / 2 + 0.03 * sk.H  # as `_resting_hands` has it
    return min(1.0, max(0.0, (sk.dist(palm, near) - touching) / HAND_EASE + 1.0))


def _on_the_back(body: sk.Body, side: str) -> float:
    """1 for a hand lying on the back of the waist or the pelvis (its middle behind the
    back's surface), 0 for one short of it by HAND_EASE or more, between the two as it comes.
    At its true size a palm flat on the low back, fingers down, was a short round blob under
    the forearm's end, read as a fist (a physiotherapist's blind review, bb3); the two hands
    lie on either side of the spine, the far one behind the trunk, so a fuller near hand
    hides nothing of it that showed. (0 for a hand off the trunk: a hand on the floor beside
    a body lying on its back lies behind its back too.)"""
    if _off_trunk(body, side) >= 1.0:
        return 0.0
    p = body.points
    d = sk.sub(_palm(body, side), p["lumbar"])
    behind = -sum(d[j] * body.frames["waist"][j][0] for j in range(3))
    return min(1.0, max(0.0, (behind - sk.TRUNK_DEPTH[1] / 2) / HAND_EASE + 1.0))


def _fingertips(wrist: sk.Vec, palm: sk.Vec, fingers: sk.Vec, r: float) -> sk.Vec:
    """Where the round end (radius `r`) of fingers reaching the hand's true length lies, on
    from the middle of the palm (the posed fingers point is the knuckles). A hand that slopes
    down only a little rests on something: its fingers lie flat on it, level, instead of
    running on into the mat."""
    axis = sk.sub(fingers, wrist)
    length = max(1e-6, math.hypot(*axis))
    slope = math.degrees(math.asin(max(-1.0, min(1.0, -axis[1] / length))))
    k = min(1.0, max(0.0, (slope - FINGERS_LEVEL[0]) / (FINGERS_LEVEL[1] - FINGERS_LEVEL[0])))
    way = (axis[0], axis[1] * k if axis[1] < 0.0 else axis[1], axis[2])
    way = sk.scale(way, 1.0 / max(1e-6, math.hypot(*way)))
    reach = sk.HAND * HAND_REACH - r - sk.dist(wrist, palm)
    return sk.add(palm, sk.scale(way, max(0.0, reach)))


# A foot at true size was a low wedge of 5 or 6 pixels on a card, heel and toes nearly alike:
# reviewers could not tell which way it pointed. Drawn from the side, its heel is a little
# rounder, the instep higher and the toes taper to a narrower round end; seen from the front,
# the mound across the forefoot is a little wider. The sole stays on the line it was on.
FOOT_GROW = (1.15, 1.05, 0.8)  # heel, instep, toes: drawn widths, times, from the side
FOOT_GROW_FRONT = (1.15, 1.1, 1.15)  # from the front: the mound's ends and middle
FOOT_SPREAD_FRONT = 1.25  # the mound's breadth, times


def _card_foot(body: sk.Body, limb: scene.Limb3, cam: sk.Mat) -> scene.Limb3:
    """The whole foot of `_full_foot`, drawn to read at card size (see FOOT_GROW)."""
    frame = body.frames["foot_" + limb.part[-1]]
    up = sk.apply(frame, (0.0, 1.0, 0.0))
    along = sk.apply(cam, sk.apply(frame, (1.0, 0.0, 0.0)))
    t = min(1.0, max(0.0, (END_ON[1] - math.hypot(along[0], along[1])) / (END_ON[1] - END_ON[0])))
    grow = [a + (b - a) * t for a, b in zip(FOOT_GROW, FOOT_GROW_FRONT, strict=True)]
    widths = tuple(w * g for w, g in zip(limb.widths, grow, strict=True))
    middle = sk.scale(sk.add(limb.points[0], limb.points[2]), 0.5)  # between the two ends
    spread = 1.0 + (FOOT_SPREAD_FRONT - 1.0) * t
    points = tuple(
        sk.add(
            sk.add(middle, sk.scale(sk.sub(p, middle), 1.0 if i == 1 else spread)),
            sk.scale(up, (w1 - w0) / 2),
        )
        for i, (p, w0, w1) in enumerate(zip(limb.points, limb.widths, widths, strict=True))
    )
    return scene.Limb3(limb.part, points, widths)


KNEE_W = 0.075 * sk.H  # a deeply bent knee's breadth, seen from the side
# A far upper arm's shoulder end that pokes out of the trunk by no more than a knob (hidden
# once the arm starts at most this many arm widths further down) starts there instead; one
# that shows a longer piece of arm beside the trunk (an arm reaching back behind the back)
# is left whole, and between the two the knob fades in, so that a moving arm never pops.
TUCK_FULL, TUCK_NONE = 1.0, 1.25
TUCK_STEP = 4.0  # mm


def _slack(c: Point, r: float, trunk: Sequence[Limb]) -> float:
    """How far a disc (centre `c`, radius `r`) lies inside the drawn trunk (its tapered,
    round-capped pieces), in mm; below 0 it shows outside. (Written out plainly: it runs for
    every far arm of every frame, over every point of the trunk's curve.)"""
    cx, cy = c
    best = -math.inf
    for limb in trunk:
        points, widths = limb.points, limb.widths
        for i in range(min(len(points), len(widths)) - 1):
            (ax, ay), (bx, by) = points[i], points[i + 1]
            wa, wb = widths[i], widths[i + 1]
            dx, dy = bx - ax, by - ay
            length2 = dx * dx + dy * dy
            t = 0.0
            if length2 > 1e-9:
                t = ((cx - ax) * dx + (cy - ay) * dy) / length2
                t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
            inside = (wa + (wb - wa) * t) / 2 - math.hypot(ax + dx * t - cx, ay + dy * t - cy) - r
            if inside > best:
                best = inside
    return best


def _tucked(arm: Limb, trunk: Sequence[Limb]) -> Limb:
    """A far upper arm whose round shoulder end pokes out of the trunk drawn in front of it
    as a knob (seen from a little above, over the back like a small second head), begun
    further down the arm, where that end lies inside the trunk: the arm then comes out from
    behind the trunk. Left as it is when its end lies inside already, or when a longer
    piece of it shows beside the trunk (see TUCK_FULL)."""
    (a, b), (wa, wb) = arm.points[:2], arm.widths[:2]
    if _slack(a, wa / 2, trunk) >= 0.0:
        return arm
    length = math.dist(a, b)
    if length < 1e-6:
        return arm
    most = min(TUCK_NONE * wa, 0.8 * length)
    cut = TUCK_STEP
    while cut <= most:
        s = cut / length
        p = (a[0] + (b[0] - a[0]) * s, a[1] + (b[1] - a[1]) * s)
        if _slack(p, (wa + (wb - wa) * s) / 2, trunk) >= 0.0:
            break
        cut += TUCK_STEP
    else:
        return arm
    fade = min(1.0, max(0.0, (TUCK_NONE * wa - cut) / ((TUCK_NONE - TUCK_FULL) * wa)))
    s = cut * fade / length
    p = (a[0] + (b[0] - a[0]) * s, a[1] + (b[1] - a[1]) * s)
    w = wa + (wb - wa) * s
    return Limb(arm.part, (p, *arm.points[1:]), (w, *arm.widths[1:]), arm.layer, arm.highlight)


KNEE_ENDS = {"thigh": -1, "shank": 0}  # which end of each limb is at the knee


def _round_knee(body: sk.Body, limb: scene.Limb3) -> scene.Limb3:
    """A deeply bent knee drawn round: the thigh and the shin taper to the knee, so folded
    onto each other they met in a sharp wedge; the knee (the end of the thigh bone and the
    kneecap) is broader than either, and shows so as the knee bends past a right angle."""
    at = KNEE_ENDS[limb.part[:-2]]
    t = min(1.0, max(0.0, (_knee_bend(body, limb.part[-1]) - 90.0) / 40.0))
    if t <= 0.0:
        return limb
    widths = list(limb.widths)
    widths[at] += (KNEE_W - widths[at]) * t
    return scene.Limb3(limb.part, limb.points, tuple(widths))


def _knee_bend(body: sk.Body, side: str) -> float:
    """The knee's bend as posed or reached, degrees (0: straight)."""
    p = body.points
    thigh = sk.sub(p[f"knee_{side}"], p[f"hip_{side}"])
    shin = sk.sub(p[f"ankle_{side}"], p[f"knee_{side}"])
    cos = sum(a * b for a, b in zip(thigh, shin, strict=True)) / (
        math.hypot(*thigh) * math.hypot(*shin)
    )
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


# The back of the leg as deep as it is. The drawn thigh and shin are slim capsules round the
# bones; a real leg's bulk lies mostly behind them: the calf's belly a third of the way down
# the shin (the shin bone lies just under the skin in front), the hamstrings and, high up at
# the buttock's fold, the thigh's full depth. Folded past about a right angle, the calf and
# the back of the thigh press together, and a knee bent to its 150 degrees has its buttock
# on its heel with the bones still 30 degrees apart: drawn slim, the same fold showed an
# empty wedge between thigh and shin, the buttocks hovering over the heels (every blind
# review of child's pose, to round 41). So as the knee bends past SOFT_BEND[0], the back of
# each (only the back: the front of the shin and the kneecap stay where they rest) grows out
# to its true depth behind the bone, reached at SOFT_BEND[1]; a straighter leg keeps its
# slim shape, so a leg lying or standing is drawn as before and never sinks a calf into the
# mat. Where the body rests (scene.place) is unchanged: this is the drawing only.
# Depths behind the bone's axis, fractions of height at fractions of the limb's length: the
# limb's girth there (about 0.36 of height at the buttock's fold, 0.31 mid-thigh, 0.24 above
# the knee, 0.225 round the calf and 0.16 lower down it, between the calf's and the ankle's
# 0.13: adult means of anthropometric surveys such as ANSUR II, 2012) taken as round, with
# the femur a little in front of the thigh's middle (0.62, 0.57 and 0.5 of the depth behind
# it, down the thigh) and the tibia in the front quarter of the shin's (0.75 behind it).
SOFT_BEND = (110.0, 140.0)
BACK_OF_THIGH = ((0.15, 0.071 * sk.H), (0.5, 0.056 * sk.H), (0.85, 0.038 * sk.H))
BACK_OF_SHIN = ((0.3, 0.054 * sk.H), (0.7, 0.038 * sk.H))
SOFT_PARTS = {"thigh": BACK_OF_THIGH, "shank": BACK_OF_SHIN}


def _soft_leg(body: sk.Body, limb: scene.Limb3, cam: sk.Mat | None = None) -> scene.Limb3:
    """A deeply bent leg's thigh or shin with the bulk behind its bone (see SOFT_BEND): the
    limb through more points, each grown behind to the true depth there and moved back by
    half the growth, so its front edge stays on its line. Seen by the camera `cam` from the
    side the whole growth shows; from in front or behind, none (the bulk lies behind the
    bone). Without a camera, the limb in the room (its widths grown all round)."""
    s = limb.part[-1]
    bend = _knee_bend(body, s)
    k = min(1.0, max(0.0, (bend - SOFT_BEND[0]) / (SOFT_BEND[1] - SOFT_BEND[0])))
    if k <= 0.0:
        return limb
    p = body.points
    a, b = limb.points[0], limb.points[-1]
    axis = sk.sub(b, a)
    length = math.hypot(*axis)
    if length < 1e-6:
        return limb
    axis = sk.scale(axis, 1.0 / length)
    # behind the bone: toward the other half of the fold (the shin behind the thigh, the
    # thigh behind the shin), square to this bone
    other = p[f"ankle_{s}"] if limb.part.startswith("thigh") else p[f"hip_{s}"]
    toward = sk.sub(other, p[f"knee_{s}"])
    back = sk.sub(toward, sk.scale(axis, sum(x * y for x, y in zip(toward, axis, strict=True))))
    size = math.hypot(*back)
    if size < 1e-6:
        return limb
    back = sk.scale(back, 1.0 / size)
    across = 1.0 if cam is None else _across(cam, axis, back)
    w0, w1 = limb.widths[0], limb.widths[-1]
    points = [a]
    widths = [w0]
    for t, depth in SOFT_PARTS[limb.part[:-2]]:
        w = w0 + (w1 - w0) * t
        grow = max(0.0, depth - w / 2) * k
        mid = sk.add(a, sk.scale(sk.sub(b, a), t))
        points.append(sk.add(mid, sk.scale(back, grow / 2)))
        widths.append(w + grow * across)
    points.append(b)
    widths.append(w1)
    return scene.Limb3(limb.part, tuple(points), tuple(widths))


# The buttock drawn where it tips with the pelvis. The body rests on a round end of the
# pelvis centred by the hip joints (scene.limbs: where it sits and lies), which looks the same
# however the pelvis turns about the hips: a cow's tailbone lifted and a cat's tucked showed
# nothing at the back of the pelvis (a physiotherapist's blind review: "the top of the buttock
# is the same height in all three panels"). The drawn round end lies BUTTOCK_DROP further down
# the pelvis, toward the tailbone and the sitting bones, so it swings with the pelvis; never
# lower in the room than the round the body rests on, so what sits or lies on the mat, the
# seat or a roller is drawn resting there as before (the drawn pelvis holds that round: it
# lies on the line from the new round end to the lumbar end).
BUTTOCK_DROP = 0.03 * sk.H
# Raised back to that round (an upright pelvis), the drop is only a swing along the floor: back
# for a pelvis tipped forward. On a seat, under a back that arches over it (a seated
# cat-cow's lift), that swing drew the buttock pushed out behind the back (21 mm at a 24
# degree tip) and the low back as a deep hollow above it: "stick your bottom out" (ab62),
# "a very deep hollow ... a softer curve would be safer" (ab124). There the pelvis rolls
# forward on the sitting bones instead, the buttock staying where the body rests: the swing
# back fades out as the back arches (the chest tipped back on the pelvis) from 0 to
# ARCHED_NO_SWING degrees. A back that rounds, or hinges straight from the hips (a
# figure-4's lean), keeps it, as does a body off the seat (a standing back bend's).
ARCHED_NO_SWING = 10.0


def _arched(body: sk.Body) -> float:
    """How far the chest tips back on the pelvis (degrees; < 0 it tips forward: a round)."""
    pelvis, chest = body.frames["pelvis"], body.frames["chest"]
    up = sk.apply(chest, (0.0, 1.0, 0.0))
    own = [sum(pelvis[j][i] * up[j] for j in range(3)) for i in range(2)]  # in the pelvis's frame
    return math.degrees(math.atan2(-own[0], own[1]))


def _buttock_round(body: sk.Body, limb: scene.Limb3, seated: bool = False) -> scene.Limb3:
    """The pelvis as drawn: its round end moved BUTTOCK_DROP down the pelvis (see there), then
    raised back to the height of the round the body rests on wherever it would go lower; so
    raised on a seat (`seated`), its swing back fades out under an arching back
    (ARCHED_NO_SWING)."""
    c = limb.points[0]
    pelvis = body.frames["pelvis"]
    down = sk.apply(pelvis, (0.0, -BUTTOCK_DROP, 0.0))
    end = sk.add(c, down)
    if end[1] < c[1] and not seated:
        end = (end[0], c[1], end[2])
    elif end[1] < c[1]:
        front = sk.apply(pelvis, (1.0, 0.0, 0.0))
        back = down[0] * front[0] + down[2] * front[2] < 0.0  # along the floor
        keep = min(1.0, max(0.0, 1.0 - _arched(body) / ARCHED_NO_SWING)) if back else 1.0
        end = (c[0] + down[0] * keep, c[1], c[2] + down[2] * keep)
    return scene.Limb3(limb.part, (end, *limb.points[1:]), limb.widths, limb.breadths, limb.frames)


def _across(cam: sk.Mat, axis: sk.Vec, way: sk.Vec) -> float:
    """How much of a growth of a limb (along `axis`) toward `way`, square to it, shows across
    the limb in the picture: all of it seen from the side, none seen end-on to `way`."""
    on = sk.apply(cam, way)
    seen = sk.apply(cam, axis)
    run = math.hypot(seen[0], seen[1])
    if run <= 1e-6:  # the limb seen end-on: its round end grows with it
        return math.hypot(on[0], on[1])
    return abs(on[1] * seen[0] - on[0] * seen[1]) / run


def _palm(body: sk.Body, side: str) -> sk.Vec:
    """The middle of a hand, halfway from the wrist to the fingers: where it rests or holds."""
    p = body.points
    return sk.scale(sk.add(p[f"wrist_{side}"], p[f"fingers_{side}"]), 0.5)


# A near hand cradling the back of the head is hidden behind it with the forearm, and all
# that showed of the near arm was the upper arm ending at the head's edge just under the
# skull: blind reviewers saw "the near hand ends at the base of the skull or neck instead of
# clearly cradling the back of the head" (ab123). Drawn over the back of the skull the hand
# read as an ear, and as a cupped arc round it cut off from the arm as hair or a shadow
# (ur5): the hand is drawn on from the upper arm, with it behind the head, as a band round
# the head's edge from where the arm meets it to the back of the skull (the way away from
# the neck, opposite the face, and on past it), its middle line just inside the edge (of the
# head's radius), so the arm reads as wrapping round under the skull and the fingers end
# beyond its back. Its widths: where it leaves the upper arm and at the fingertips (of the
# upper arm's end). (Ended at the back of the skull, some 40 degrees round, it showed as a
# small lump under the head.)
CUP_RADIUS = 0.97
CUP_WIDTHS = (0.8, 0.62)
CUP_SPAN = (30.0, 90.0)  # degrees round the head it may reach, least and most
CUP_PAST = 40.0  # degrees round past the back of the skull: the fingers laced beyond it


def _cup_the_skull(
    ordered: list[tuple[int, float, Item]],
    s: str,
    center: Point,
    radius: float,
    neck: Point,
    face: Point,
) -> None:
    """Redraw the near hand on side `s`, moved behind the head with its arm, as the band
    round the back of the skull that `CUP_RADIUS` describes (in `ordered`, in place)."""
    limbs = {e[2].part: i for i, e in enumerate(ordered) if isinstance(e[2], Limb)}
    if f"upper_arm_{s}" not in limbs or f"hand_{s}" not in limbs:
        return
    upper = ordered[limbs[f"upper_arm_{s}"]][2]
    assert isinstance(upper, Limb)
    (ax, ay), (bx, by) = upper.points[0], upper.points[-1]
    cx, cy = center
    meet = None
    for k in range(201):
        x, y = ax + (bx - ax) * k / 200, ay + (by - ay) * k / 200
        if math.hypot(x - cx, y - cy) <= radius:
            meet = math.atan2(y - cy, x - cx)
            break
    if meet is None:
        return  # the arm does not reach the head
    neck_at = math.atan2(neck[1] - cy, neck[0] - cx)
    way = 1.0 if math.sin(meet - neck_at) > 0 else -1.0
    back_at = math.atan2(cy - face[1], cx - face[0])  # opposite the face
    turn = (way * (back_at - meet)) % (2 * math.pi) + math.radians(CUP_PAST)
    turn = min(max(turn, math.radians(CUP_SPAN[0])), math.radians(CUP_SPAN[1]))
    back = meet + way * turn
    steps = 8
    points = tuple(
        (
            cx + CUP_RADIUS * radius * math.cos(meet + (back - meet) * j / steps),
            cy + CUP_RADIUS * radius * math.sin(meet + (back - meet) * j / steps),
        )
        for j in range(steps + 1)
    )
    w0, w1 = (k * upper.widths[-1] for k in CUP_WIDTHS)
    widths = tuple(w0 + (w1 - w0) * j / steps for j in range(steps + 1))
    lay, d, hand = ordered[limbs[f"hand_{s}"]]
    assert isinstance(hand, Limb)
    cup = Limb(hand.part, points, widths, hand.layer, hand.highlight)
    ordered[limbs[f"hand_{s}"]] = (lay, d, cup)


# A near hand clasped round the back of a raised thigh (a knee hugged to the chest, seen from
# the side) is hidden behind the thigh, the forearm drawn over the thigh's side ending on its
# middle line: blind reviewers saw "the hands never hold the knee: the leg hangs in the air on
# its own strength" and "the hand rests on the front of the thigh, like pushing, not holding".
# Where the hand lies (the crook behind the knee) the thigh's back edge and the shin meet on
# the page, so nothing there can show (see the knee-to-chest's comments). As the upper-back
# roll's near hand goes round under the skull (CUP_RADIUS), the hand is drawn on from the
# forearm's end, still behind the thigh, across to its back edge (the shin's side) and along
# it toward the hip, reaching HUG_OUT past that edge (mm) so its outer part shows there as
# the fingers wrapped under the thigh (the thigh's parting gap, GAP_MM in ui/figure.py, takes
# 14 mm of it at full size and 21 on a card: 26 mm, 5 px at 420x315, shows). It meets the
# edge where its outer side is HUG_CLEAR clear of the shin's outline (10 mm under it: the
# shin, painted after, and its gap keep what shows off the shin, so the fingers start just
# under the crook of the knee) and runs HUG_LENGTH along it (mm); its widths where it leaves
# the forearm and along the edge (of the forearm's end). (Reaching 45 mm past the edge over
# 50 mm it read as a lump; any hand not hidden this way is drawn as before.)
HUG_OUT = 40.0
HUG_CLEAR = -10.0
HUG_LENGTH = 60.0
HUG_WIDTHS = (1.0, 1.45)


def _behind_thigh(body: sk.Body, side: str, thigh: str) -> bool:
    """Whether the `side` hand rests on the back of the `thigh` thigh (the hamstring side)
    below its knee, as a knee hugged to the chest is held, that knee bent."""
    p = body.points
    hip, knee = p[f"hip_{thigh}"], p[f"knee_{thigh}"]
    hand = _palm(body, side)
    on = _closest(hand, hip, knee)
    along = sk.dist(on, hip) / max(sk.dist(knee, hip), 1e-9)
    off = sk.sub(hand, on)
    gap = math.hypot(*off)
    if not 0.5 <= along <= 0.95 or gap > 0.048 * sk.H + 0.03 * sk.H + 40.0 or gap == 0.0:
        return False
    back = sk.apply(body.frames[f"thigh_{thigh}"], (-1.0, 0.0, 0.0))
    shin = sk.sub(p[f"ankle_{thigh}"], knee)
    bend = sum(a * b for a, b in zip(sk.sub(knee, hip), shin, strict=True))
    return sum(a * b for a, b in zip(off, back, strict=True)) / gap >= 0.7 and bend < 0.0


def _outline_gap(limb: Limb, q: Point) -> float:
    """How far `q` lies outside `limb`'s drawn outline (< 0: inside it)."""
    best = math.inf
    for (a, b), (wa, wb) in zip(
        itertools.pairwise(limb.points), itertools.pairwise(limb.widths), strict=True
    ):
        dx, dy = b[0] - a[0], b[1] - a[1]
        span = dx * dx + dy * dy
        t = 0.0 if span == 0 else ((q[0] - a[0]) * dx + (q[1] - a[1]) * dy) / span
        t = min(1.0, max(0.0, t))
        on = (a[0] + dx * t, a[1] + dy * t)
        best = min(best, math.dist(q, on) - (wa + (wb - wa) * t) / 2)
    return best


def _hug_the_thigh(ordered: list[tuple[int, float, Item]], s: str, t: str) -> None:
    """Redraw the near hand on side `s`, behind the `t` thigh, as the band round its back
    edge that `HUG_OUT` describes (in `ordered`, in place)."""
    at = {e[2].part: i for i, e in enumerate(ordered) if isinstance(e[2], Limb)}
    names = (f"hand_{s}", f"forearm_{s}", f"thigh_{t}", f"shank_{t}")
    if any(n not in at for n in names):
        return
    hand, forearm, thigh, shin = (ordered[at[n]][2] for n in names)
    assert isinstance(hand, Limb) and isinstance(forearm, Limb)
    assert isinstance(thigh, Limb) and isinstance(shin, Limb)
    # only a near hand hidden behind the thigh with its forearm drawn over it
    if hand.layer != Layer.NEAR or forearm.layer != Layer.NEAR:
        return
    if not ordered[at[names[0]]][:2] < ordered[at[names[2]]][:2] < ordered[at[names[1]]][:2]:
        return
    (hx, hy), (kx, ky) = thigh.points[0], thigh.points[-1]
    length = math.hypot(kx - hx, ky - hy)
    ux, uy = (kx - hx) / length, (ky - hy) / length
    nx, ny = -uy, ux
    ax, ay = shin.points[-1]
    if (ax - hx) * nx + (ay - hy) * ny < 0.0:  # the back edge: on the shin's side
        nx, ny = -nx, -ny
    wrist = forearm.points[-1]
    width = HUG_WIDTHS[1] * forearm.widths[-1]
    inset = width / 2 - HUG_OUT

    def edge(along: float) -> Point:
        """The band's middle line at `along` mm from the hip: just inside the back edge."""
        cx, cy = hx + ux * along, hy + uy * along
        inside, outside = 0.0, length  # (the edge, found to within half a millimetre)
        if _outline_gap(thigh, (cx + nx * outside, cy + ny * outside)) < 0.0:
            outside = inside = length
        while outside - inside > 0.5:
            k = (inside + outside) / 2
            if _outline_gap(thigh, (cx + nx * k, cy + ny * k)) < 0.0:
                inside = k
            else:
                outside = k
        k = outside
        return (cx + nx * (k - inset), cy + ny * (k - inset))

    start = (wrist[0] - hx) * ux + (wrist[1] - hy) * uy
    while start > 0.0:
        mx, my = edge(start)
        if _outline_gap(shin, (mx + nx * width / 2, my + ny * width / 2)) >= HUG_CLEAR:
            break
        start -= 2.0
    steps = 6
    points = (wrist, *(edge(start - HUG_LENGTH * j / steps) for j in range(steps + 1)))
    w0 = HUG_WIDTHS[0] * forearm.widths[-1]
    widths = (w0, *(width for _ in range(steps)), 0.8 * width)
    lay, d, _ = ordered[at[names[0]]]
    ordered[at[names[0]]] = (lay, d, Limb(hand.part, points, widths, hand.layer, hand.highlight))


def _cradling_hands(body: sk.Body) -> set[str]:
    """The sides whose hand holds the back of the head: the fingers within a head's radius
    of it, the palm behind the head's middle."""
    p = body.points
    face = body.frames["head"]
    out = set()
    for s in "lr":
        palm = sk.sub(_palm(body, s), p["head"])
        behind = -sum(palm[j] * face[j][0] for j in range(3))
        if sk.dist(p[f"fingers_{s}"], p["back_of_head"]) < sk.HEAD_R and behind > 0.0:
            out.add(s)
    return out


def _resting_hands(body: sk.Body, cam: sk.Mat) -> set[str]:
    """The sides whose hand lies on the trunk, on the side of it that faces the camera."""
    p = body.points
    spine = [p["hip_c"], p["lumbar"], p["thoracic"], p["neck_base"]]
    out = set()
    for s in "lr":
        hand = _palm(body, s)
        near = min(
            (_closest(hand, a, b) for a, b in itertools.pairwise(spine)),
            key=lambda q: sk.dist(q, hand),
        )
        touching = sk.dist(near, hand) < max(sk.TRUNK_DEPTH) / 2 + 0.03 * sk.H
        if touching and sk.apply(cam, hand)[2] > sk.apply(cam, near)[2]:
            out.add(s)
    return out


def _holds_thigh(body: sk.Body, cam: sk.Mat, side: str, thigh: str) -> bool:
    """Whether the `side` hand holds the `thigh` thigh (or its knee) on the side of it that
    faces the camera."""
    p = body.points
    hand = _palm(body, side)
    near = _closest(hand, p[f"hip_{thigh}"], p[f"knee_{thigh}"])
    touching = sk.dist(near, hand) < 0.03 * sk.H + 0.018 * sk.H + 25.0  # knee and hand radii
    return touching and sk.apply(cam, hand)[2] > sk.apply(cam, near)[2]


def _crosses_front(body: sk.Body, cam: sk.Mat, side: str) -> bool:
    """Whether the `side` arm reaches across in front of the trunk: its hand and elbow both
    nearer the camera than the middle of the chest (a seated twist's front hand on the other
    knee, the arm across the belly)."""
    p = body.points
    chest = sk.apply(cam, p["thoracic"])[2]
    return all(sk.apply(cam, q)[2] > chest for q in (_palm(body, side), p[f"elbow_{side}"]))


def _brought_near(
    ordered: list[tuple[int, float, Item]], side: str
) -> list[tuple[int, float, Item]]:
    """The entries with the `side` arm's far (or middle) pieces drawn in the near shade, on
    the near layer: an arm across the front of the body is nearer than the trunk, whichever
    side of the body it belongs to (drawn in the far arm's light grey over the belly, it read
    as behind the body: blind review rv35; seen from the front, its upper arm on the middle
    layer was drawn in the chest's shade, over it, and lost)."""
    out: list[tuple[int, float, Item]] = []
    for lay, depth, piece in ordered:
        base, _, s = piece.part.rpartition("_") if isinstance(piece, Limb) else ("", "", "")
        if (
            isinstance(piece, Limb)
            and s == side
            and base in ("upper_arm", "forearm", "hand", "thumb")
            and piece.layer != Layer.NEAR
        ):
            near = Limb(piece.part, piece.points, piece.widths, Layer.NEAR, piece.highlight)
            out.append((int(Layer.NEAR), depth, near))
        else:
            out.append((lay, depth, piece))
    return out


def _rests_on_thigh(body: sk.Body, side: str, other: str) -> bool:
    """Whether the `side` ankle rests on the front of the `other` thigh (lying on it, as a
    figure-4's crossed ankle does, whether that thigh lies level or stands upright)."""
    p = body.points
    ankle = p[f"ankle_{side}"]
    near = _closest(ankle, p[f"hip_{other}"], p[f"knee_{other}"])
    gap = sk.dist(near, ankle)
    touching = gap < 0.048 * sk.H + 0.018 * sk.H + 25.0  # the thigh's and ankle's radii
    if not touching:
        return False
    # the thigh's front (its frame's x axis): "above" it when seated, toward the head when the
    # thigh stands upright lying down; height alone flipped as a lying figure-4's knee came in
    front = sk.apply(body.frames[f"thigh_{other}"], (1.0, 0.0, 0.0))
    return sum(a * b for a, b in zip(sk.sub(ankle, near), front, strict=True)) > 0.25 * gap


def _closest(q: sk.Vec, a: sk.Vec, b: sk.Vec) -> sk.Vec:
    ab = sk.sub(b, a)
    length = sum(x * x for x in ab)
    t = 0.0 if length == 0 else sum(x * y for x, y in zip(sk.sub(q, a), ab, strict=True)) / length
    return sk.add(a, sk.scale(ab, min(1.0, max(0.0, t))))


LOW_BACK_W = 0.046 * sk.H
LOW_BACK_IN = 0.003 * sk.H  # the mark's edge this far inside the back's outline


def _low_back(
    body: sk.Body,
    to2: Callable[[sk.Vec], tuple[Point, float]],
    cam: sk.Mat,
    trunk: Sequence[float],
    drawn: Limb | None = None,
) -> tuple[int, float, Limb]:
    """The marked lower back: a band along the back of the waist, its edge just inside the
    back's outline, over the trunk where the back faces the camera, hidden behind it where it
    faces away. (A band standing proud of the back, below a body lying on it, read as a
    rolled towel under the back: blind review rv29.) Seen from above or three-quarters
    (a child's pose), the middle of the back lies inside the trunk's outline in the picture:
    the band then widens out to that outline (`drawn`, the waist as drawn), so that it
    reads as the back of the waist marked, not as a bar stuck on it (blind review rv32)."""
    waist, lumbar = body.frames["waist"], body.points["lumbar"]
    inset = sk.TRUNK_DEPTH[1] / 2 - LOW_BACK_W / 2 - LOW_BACK_IN
    ends = [sk.add(lumbar, sk.apply(waist, (-inset, k * sk.WAIST_SEG, 0.0))) for k in (-0.1, 1.0)]
    pts = tuple(to2(e)[0] for e in ends)
    widths: tuple[float, ...] = (LOW_BACK_W, LOW_BACK_W)
    facing = sk.apply(cam, sk.apply(waist, (-1.0, 0.0, 0.0)))[2]
    depth = max(trunk) + 0.5 if facing > -0.2 else min(trunk) - 0.5
    if drawn is not None and facing > -0.2:
        pts, widths = _to_the_outline(pts, drawn)
    return int(Layer.MID), depth, Limb("low_back", pts, widths, Layer.MID, True)


def _to_the_outline(
    pts: Sequence[Point], drawn: Limb
) -> tuple[tuple[Point, ...], tuple[float, ...]]:
    """The low back's band (its ends `pts`, LOW_BACK_W wide) widened on its outer side to
    LOW_BACK_IN inside the drawn waist's outline: each end's centre and width."""
    out: list[Point] = []
    widths: list[float] = []
    for p in pts:
        best = (math.inf, p, 0.0)
        for (a, wa), (b, wb) in zip(
            zip(drawn.points, drawn.widths, strict=True),
            zip(drawn.points[1:], drawn.widths[1:], strict=True),
            strict=False,
        ):
            ab = (b[0] - a[0], b[1] - a[1])
            n = ab[0] ** 2 + ab[1] ** 2
            t = 0.0 if n == 0 else ((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / n
            t = min(1.0, max(0.0, t))
            c = (a[0] + ab[0] * t, a[1] + ab[1] * t)
            d = math.dist(p, c)
            if d < best[0]:
                best = (d, c, wa + (wb - wa) * t)
        d, c, w = best
        reach = w / 2 - LOW_BACK_W / 2 - LOW_BACK_IN  # the band's centre at the outline
        if d < 1e-6 or d >= reach:
            out.append(p)
            widths.append(LOW_BACK_W)
            continue
        u = ((p[0] - c[0]) / d, (p[1] - c[1]) / d)
        gain = reach - d
        out.append((p[0] + u[0] * gain / 2, p[1] + u[1] * gain / 2))
        widths.append(LOW_BACK_W + gain)
    return tuple(out), tuple(widths)


# how many pieces each part of the trunk is drawn as, along the spine's curve
SPINE_PIECES = {"pelvis": 2, "waist": 3, "chest": 4}


def _spine(
    parts: Sequence[scene.Limb3], cam: sk.Mat, to2: Callable[[sk.Vec], tuple[Point, float]]
) -> dict[str, tuple[tuple[Point, ...], tuple[float, ...]]]:
    """The trunk's parts as drawn (points and widths, in the picture), each a few pieces
    along one smooth curve: a cubic from each joint of the spine to the next, leaving each
    joint halfway between the directions of the parts that meet there (at the neck's base
    along the chest), its width changing as smoothly. The back then
    bends evenly through each joint instead of showing a corner at it and a straight plank
    above (a cow read as a straight ramp from hips to shoulders, a back bend as a lean:
    blind review, round 25). Bone lengths and joint positions are unchanged."""
    found = {limb.part: limb for limb in parts if limb.part in SPINE_PIECES}
    chain = [found[name] for name in SPINE_PIECES if name in found]
    drawn: list[tuple[tuple[Point, ...], tuple[float, ...]]] = []
    for limb in chain:
        assert limb.breadths is not None and limb.frames is not None
        pts = tuple(to2(q)[0] for q in limb.points)
        widths = tuple(_trunk_widths(cam, limb, pts))
        if limb.part == "chest":
            pelvis = chain[0].frames
            lean = 0.0 if pelvis is None else _lean_back(pelvis[0], limb.frames[-1], cam)
            pts = _shoulder_line(pts, widths, lean)
        drawn.append((pts, widths))
    if len(chain) != len(SPINE_PIECES) or any(len(pts) != 2 for pts, _ in drawn):
        return {limb.part: d for limb, d in zip(chain, drawn, strict=True)}
    # per part: its length (3D), its unit direction (3D), its change of width per mm
    lengths = [math.dist(limb.points[0], limb.points[-1]) for limb in chain]
    if min(lengths) < 1e-6:
        return {limb.part: d for limb, d in zip(chain, drawn, strict=True)}
    dirs = [
        sk.scale(sk.sub(limb.points[-1], limb.points[0]), 1.0 / n)
        for limb, n in zip(chain, lengths, strict=True)
    ]
    slopes = [(w[1] - w[0]) / n for (_, w), n in zip(drawn, lengths, strict=True)]
    ends: list[tuple[sk.Vec, float]] = [(dirs[0], slopes[0])]
    for i in range(1, len(chain)):
        mid = sk.add(dirs[i - 1], dirs[i])
        size = math.hypot(*mid)
        ends.append(
            (
                sk.scale(mid, 1.0 / size) if size > 1e-6 else dirs[i],
                0.5 * (slopes[i - 1] + slopes[i]),
            )
        )
    ends.append((dirs[-1], slopes[-1]))
    # the pelvis's far end (the sacrum, inside its round end) goes on in the curve of the
    # low back: a cubic leaving it along the pelvis's own axis bowed the wrong way first, and
    # the hollow of a cow showed a corner where the pelvis met the waist
    ends[0] = (_reflected(ends[1][0], dirs[0]), slopes[0])
    out = {}
    for i, limb in enumerate(chain):
        (p0, p1), (w0, w1) = drawn[i]
        n = lengths[i]
        (d0, s0), (d1, s1) = ends[i], ends[i + 1]
        t0, t1 = sk.apply(cam, sk.scale(d0, n)), sk.apply(cam, sk.scale(d1, n))
        count = SPINE_PIECES[limb.part]
        line: list[Point] = [p0]
        sizes = [w0]
        for k in range(1, count):
            t = k / count
            h00, h10 = 2 * t**3 - 3 * t**2 + 1, t**3 - 2 * t**2 + t
            h01, h11 = -2 * t**3 + 3 * t**2, t**3 - t**2
            line.append(
                (
                    h00 * p0[0] + h10 * t0[0] + h01 * p1[0] + h11 * t1[0],
                    h00 * p0[1] + h10 * t0[1] + h01 * p1[1] + h11 * t1[1],
                )
            )
            sizes.append(h00 * w0 + h10 * s0 * n + h01 * w1 + h11 * s1 * n)
        out[limb.part] = ((*line, p1), (*sizes, w1))
    return out


# How much of a breath's rise each place along the trunk takes, by where it is: 0 the
# pelvis's middle (between the hips), 1 the lumbosacral joint, 2 the waist's top (the lowest
# ribs), 3 the neck's base. The belly rises most at the navel, the lower belly and the lowest
# ribs a little with it; the chest stays still.
BELLY_FROM, BELLY_TOP, BELLY_FALL, BELLY_TO = 0.4, 1.3, 1.7, 2.4


def _belly_share(u: float) -> float:
    if u <= BELLY_FROM or u >= BELLY_TO:
        return 0.0
    if u < BELLY_TOP:
        return _ease((u - BELLY_FROM) / (BELLY_TOP - BELLY_FROM))
    if u > BELLY_FALL:
        return _ease((BELLY_TO - u) / (BELLY_TO - BELLY_FALL))
    return 1.0


def _breathing(
    spine: dict[str, tuple[tuple[Point, ...], tuple[float, ...]]],
    rise: float,
    waist: sk.Mat,
    cam: sk.Mat,
) -> dict[str, tuple[tuple[Point, ...], tuple[float, ...]]]:
    """The trunk as drawn with a breath in: the front of the belly `rise` mm further from
    the spine, its back where it was (the trunk's front edge moves out in the picture, its
    back edge stays: on the back, it rises off a back resting still on the mat). The belly
    is taken as an elliptical cross-section whose front half-depth grows by the rise."""
    front = sk.apply(cam, sk.apply(waist, (1.0, 0.0, 0.0)))
    half = (sk.TRUNK_DEPTH[1] + sk.TRUNK_DEPTH[2]) / 4  # the belly's resting half-depth
    # the trunk as one line of points (a joint shared by two parts once), each with its
    # place along the trunk, so both parts meeting at a joint move it alike
    line: list[Point] = []
    where: list[float] = []
    slots: dict[str, list[int]] = {}
    for at, part in enumerate(SPINE_PIECES):
        if part not in spine:
            continue
        pts = spine[part][0]
        count = max(1, len(pts) - 1)
        slots[part] = []
        for i, p in enumerate(pts):
            if i == 0 and line and math.dist(line[-1], p) < 1e-6:
                slots[part].append(len(line) - 1)
                continue
            slots[part].append(len(line))
            line.append(p)
            where.append(at + i / count)
    shift: list[tuple[float, float]] = []
    grows: list[float] = []
    for g in range(len(line)):
        r = rise * _belly_share(where[g])
        j0, j1 = max(0, g - 1), min(len(line) - 1, g + 1)
        dx, dy = line[j1][0] - line[j0][0], line[j1][1] - line[j0][1]
        length = math.hypot(dx, dy)
        if r <= 0.0 or length < 1e-6:
            shift.append((0.0, 0.0))
            grows.append(0.0)
            continue
        n = (-dy / length, dx / length)
        facing = front[0] * n[0] + front[1] * n[1]  # the belly's front across the trunk
        way = 1.0 if facing >= 0.0 else -1.0
        shift.append((way * n[0], way * n[1]))
        # what the squared half-width across the picture gains: the front half-depth,
        # `half` + r where it was `half`, seen across the trunk by `facing`
        grows.append((r * r + 2 * half * r) * facing * facing)
    out = dict(spine)
    for part, places in slots.items():
        pts, widths = spine[part]
        moved: list[Point] = []
        sizes: list[float] = []
        for p, w, g in zip(pts, widths, places, strict=True):
            h = w / 2
            grow = math.sqrt(h * h + grows[g]) - h
            moved.append((p[0] + shift[g][0] * grow / 2, p[1] + shift[g][1] * grow / 2))
            sizes.append(w + grow)
        out[part] = (tuple(moved), tuple(sizes))
    return out


def _reflected(v: sk.Vec, axis: sk.Vec) -> sk.Vec:
    """`v` mirrored about the unit `axis` (the same angle from it, on its other side)."""
    k = 2.0 * (v[0] * axis[0] + v[1] * axis[1] + v[2] * axis[2])
    return (k * axis[0] - v[0], k * axis[1] - v[1], k * axis[2] - v[2])


# the band across the top of the chest from one shoulder joint to the other, seen from the
# front: as wide as the upper arm there; shown once the shoulders lie at least the first
# fraction of their true distance apart in the picture, full width from the second
YOKE_W = 0.055 * sk.H
YOKE_SPAN = (0.55, 0.8)


def _shoulders(
    body: sk.Body,
    to2: Callable[[sk.Vec], tuple[Point, float]],
    ordered: Sequence[tuple[int, float, Item]],
) -> list[tuple[int, float, Limb]]:
    """The shoulders drawn as a band across the top of the chest, when the chest is seen
    from the front (or behind, or above): the chest's tapered top is narrower than the
    shoulders, so with the shoulder line tilted (a seated twist) the far arm seemed to
    leave the trunk's top corner rather than the shoulder (blind review, round 25). Each
    half, from the middle to one shoulder, is drawn in that arm's shade, with the trunk
    (a near or level arm) or behind it (a far arm: its shoulder shows beside the chest as
    the arm's own start, not as a dark knob). Seen from the side the band would only repeat
    the arms' round ends, so it narrows away to nothing between the two spans of YOKE_SPAN."""
    found = [(lay, d, i) for lay, d, i in ordered if isinstance(i, Limb) and i.part == "chest"]
    if not found:
        return []
    layer, depth, chest = found[0]
    assert isinstance(chest, Limb)
    a, b = body.points["shoulder_l"], body.points["shoulder_r"]
    true = math.dist(a, b)
    if true < 1e-6:
        return []
    (pa, da), (pb, db) = to2(a), to2(b)
    low, high = YOKE_SPAN
    show = min(1.0, max(0.0, (math.dist(pa, pb) / true - low) / (high - low)))
    # always drawn, so that a moving figure keeps its parts, but eased in: a thin band
    # shows little beyond the arms' round ends
    w = YOKE_W * show * show * (3.0 - 2.0 * show)
    mid = ((pa[0] + pb[0]) / 2, (pa[1] + pb[1]) / 2)
    arms = {i.part: (lay, d, i) for lay, d, i in ordered if isinstance(i, Limb)}
    out = []
    for side, end, near in (("l", pa, da > db), ("r", pb, db > da)):
        arm = arms.get(f"upper_arm_{side}")
        width = w
        if arm is not None and arm[0] == int(Layer.FAR):
            # in the far arm's shade, not lit: it shows only beside the chest. A far arm
            # begun lower down (see `_tucked`: its round end poked out over the trunk as a
            # knob) keeps that knob hidden: the half narrows away as the arm's start moves
            place, shade, lit = arm[0], Layer.FAR, False
            at = arm[1] - 1e-3
            moved = math.dist(arm[2].points[0], end)
            width = w * max(0.0, 1.0 - moved / (0.5 * YOKE_W))
        else:
            # the nearer half over the other (the mirrored side paints them mirrored)
            place, shade, lit = layer, Layer.MID, chest.highlight and w > 0.0
            at = depth + (2e-3 if near else 1e-3)
        half = Limb(f"shoulder_{side}", (mid, end), (width, width), shade, lit)
        out.append((place, at, half))
    return out


SHOULDER_TOP = 0.01 * sk.H  # how far the trunk rises above the neck's base, seen from the front


# Upright with the chest leaning back, seen from the side and level, the chest's round top
# (its depth across, centred on the neck's base) rose some 9 cm above that base behind the
# neck: blind reviewers (physiotherapists) read it as a rounded upper back, the head forward
# of it, a stooped posture. The top is lowered by up to LEAN_DROP as the chest leans back from the
# first to the second of LEAN_SPAN degrees, seen from at most the first of LEVEL_SPAN degrees
# above (none from the second: seen from above, a foam roller's lean back showed the far
# shoulder's knob beside the lowered top). A chest upright or leaning a little (a seated
# cow, 7 degrees) is drawn as before.
LEAN_DROP = 0.025 * sk.H
LEAN_SPAN = (8.0, 20.0)
LEVEL_SPAN = (10.0, 20.0)


def _lean_back(pelvis: sk.Mat, chest: sk.Mat, cam: sk.Mat) -> float:
    """How much (0 to 1) the chest's top is lowered (see LEAN_DROP): by how far (degrees) an
    upright chest leans back from the room's vertical, toward the pelvis's back, and how
    level the camera `cam` looks; 0 for a chest leaning forward or lying down (more than 45
    degrees off upright)."""
    up = sk.apply(chest, (0.0, 1.0, 0.0))
    if up[1] < math.cos(math.radians(45.0)):
        return 0.0
    above = math.degrees(math.asin(min(1.0, abs(sk.apply(cam, (0.0, 1.0, 0.0))[2]))))
    level = _ease((LEVEL_SPAN[1] - above) / (LEVEL_SPAN[1] - LEVEL_SPAN[0]))
    fx, _, fz = sk.apply(pelvis, (1.0, 0.0, 0.0))
    size = math.hypot(fx, fz)
    if size < 1e-6:
        return 0.0
    ahead = (up[0] * fx + up[2] * fz) / size
    lean = math.degrees(math.asin(max(-1.0, min(1.0, -ahead))))
    return level * _ease((lean - LEAN_SPAN[0]) / (LEAN_SPAN[1] - LEAN_SPAN[0]))


def _ease(t: float) -> float:
    """0 below 0, 1 above 1, smoothly between."""
    t = min(1.0, max(0.0, t))
    return t * t * (3.0 - 2.0 * t)


def _shoulder_line(
    pts: Sequence[Point], widths: Sequence[float], lean: float = 0.0
) -> tuple[Point, ...]:
    """The chest's top end pulled in so that, seen from the front (or above), the trunk ends
    at the shoulders: its round cap is as wide as the shoulders there, and a dome that size
    rose some 20 cm above the shoulder joints (to the chin), so the arms seemed to leave
    the trunk at the armpits and the head sat on a corner of it. Seen from the side it is
    unchanged (the cap there is the trunk's depth, the slope of the neck), but lowered by
    `lean` (0 to 1) of LEAN_DROP for a chest leaning back; between the two it blends with
    the cap's width."""
    (x0, y0), (x1, y1) = pts[0], pts[-1]
    depth, breadth = sk.TRUNK_DEPTH[3], sk.TRUNK_BREADTH[3]
    front = min(1.0, max(0.0, (widths[-1] - depth) / (breadth - depth)))  # 0 side, 1 front
    side = depth / 2 - LEAN_DROP * lean
    pull = widths[-1] / 2 - (side + (SHOULDER_TOP - side) * front)
    length = math.hypot(x1 - x0, y1 - y0)
    if pull <= 0.0 or length < 1e-6:
        return tuple(pts)
    k = min(pull, 0.5 * length) / length
    return (*pts[:-1], (x1 - (x1 - x0) * k, y1 - (y1 - y0) * k))


# The marked upper back covers the chest as drawn from its top (the shoulders, the neck's
# base) down to the shoulder blades' lower tips (where the roller touches the back at the
# lowest of the rolling, some 170 mm below the neck's base, T7 to T8) and a little: its lowest
# circle is centred UPPER_BACK_END of the drawn chest's length from the top, and reaches
# some 195 mm down, above the lower ribs (the chest's end, 270 mm). (At 0.28, seen from
# 14 degrees above, it ended short of the roller at those lower tips; 0.32 did until the
# rolling moved 2 cm down the back, away from the neck.)
UPPER_BACK_END = 0.40
UPPER_BACK_IN = 0.006 * sk.H  # the mark's edge this far inside the chest's outline


def _upper_back(drawn: Limb, trunk: Sequence[float]) -> tuple[int, float, Limb]:
    """The marked upper back (a foam roller's): the top of the chest as drawn, filled in the
    accent inside its outline, from the shoulders down to the lower tips of the shoulder
    blades, never the lower ribs or the waist. The whole chest marked read as the mid and
    low back marked, an invitation to roll there (blind review rv35). Lying on the back,
    the back itself faces away from the camera: the mark is the part of the trunk, as the
    whole chest was."""
    pts, widths = drawn.points, drawn.widths
    lengths = [math.dist(a, b) for a, b in itertools.pairwise(pts)]
    goal = (1.0 - UPPER_BACK_END) * sum(lengths)  # from the chest's lower end
    start, start_w, i = pts[0], widths[0], 0
    for i, length in enumerate(lengths):
        if goal <= length or i == len(lengths) - 1:
            u = 0.0 if length == 0 else min(1.0, goal / length)
            a, b = pts[i], pts[i + 1]
            start = (a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u)
            start_w = widths[i] + (widths[i + 1] - widths[i]) * u
            break
        goal -= length
    out = (start, *pts[i + 1 :])
    out_w = tuple(max(0.0, w - 2 * UPPER_BACK_IN) for w in (start_w, *widths[i + 1 :]))
    return int(Layer.MID), max(trunk) + 0.5, Limb("upper_back", out, out_w, Layer.MID, True)


FLANK_W = 0.065 * sk.H


def _flank(
    body: sk.Body,
    side: str,
    to2: Callable[[sk.Vec], tuple[Point, float]],
    cam: sk.Mat,
    trunk: Sequence[float],
) -> tuple[int, float, Limb]:
    """One marked side of the trunk (a side bend's stretched side): a band along that flank
    from the top of the pelvis up the waist and the chest, just inside the trunk's edge, over
    the trunk where that side faces the camera (or is seen from the front), hidden behind it
    where it faces away."""
    sign = 1.0 if side == "r" else -1.0
    p, f = body.points, body.frames
    spots = (
        (p["lumbar"], f["waist"], 0.0, 0),
        (p["thoracic"], f["waist"], 0.0, 2),
        (p["thoracic"], f["chest"], 0.55 * sk.CHEST_SEG, 2),
    )
    ends = []
    for origin, frame, up, i in spots:
        inset = sk.TRUNK_BREADTH[i] / 2 - FLANK_W / 2
        ends.append(sk.add(origin, sk.apply(frame, (0.0, up, sign * inset))))
    pts = tuple(to2(e)[0] for e in ends)
    facing = sk.apply(cam, sk.apply(f["waist"], (0.0, 0.0, sign)))[2]
    depth = max(trunk) + 0.5 if facing > -0.2 else min(trunk) - 0.5
    widths = (FLANK_W * 0.8, FLANK_W, FLANK_W * 0.8)
    return int(Layer.MID), depth, Limb(f"side_{side}", pts, widths, Layer.MID, True)


# The marked buttock (a figure-4's crossed leg's: the stretch is felt deep in it): a band
# down the back of the pelvis on that side only, from the top of the buttock (some 100 mm
# above the hip joint, below the iliac crest) down to the fold where the thigh starts (some
# 100 mm below it), from near the middle out to the side of the hip. Its ends' centres, up
# the pelvis from the hip joints' centre, and its width and its centre's distance out from
# the middle. The whole pelvis marked read as the hip or the belly (a physiotherapist's
# blind review: "put the glow on the crossed leg's buttock").
BUTTOCK_SPAN = (0.025 * sk.H, -0.02 * sk.H)
BUTTOCK_W = 0.075 * sk.H
BUTTOCK_OUT = 0.05 * sk.H
BUTTOCK_IN = 0.003 * sk.H  # the band's back edge this far inside the pelvis's back


def _buttock(
    body: sk.Body,
    side: str,
    to2: Callable[[sk.Vec], tuple[Point, float]],
    trunk: Sequence[float],
) -> tuple[int, float, Limb]:
    """One marked buttock: the band of BUTTOCK_SPAN on the back of the pelvis on that side,
    drawn where it lies, over the trunk. Where it faces away from the camera (a figure-4 is
    seen from the supporting leg's side: lying, the crossed buttock is under the body on the
    far side; seated, right behind the pelvis) it is seen through the body at its own place,
    as the upper back is lying on it: drawn behind the trunk (as the low back's band is where
    it faces away) it would not show at all, and nothing would say where the stretch is felt.
    The other buttock is never marked."""
    sign = 1.0 if side == "r" else -1.0
    hip, pelvis = body.points["hip_c"], body.frames["pelvis"]
    inset = sk.TRUNK_DEPTH[0] / 2 - BUTTOCK_W / 2 - BUTTOCK_IN
    ends = [sk.add(hip, sk.apply(pelvis, (-inset, y, sign * BUTTOCK_OUT))) for y in BUTTOCK_SPAN]
    pts = tuple(to2(e)[0] for e in ends)
    mark = Limb(f"buttock_{side}", pts, (BUTTOCK_W, BUTTOCK_W), Layer.MID, True)
    return int(Layer.MID), max(trunk) + 0.5, mark


# The outer hip (highlight outer_hip_l / outer_hip_r): the top of that thigh, from the hip
# joint this share of its drawn length down it, filled in the accent across its whole width
# (no rim: a band down a crossed thigh read as a strap, a physiotherapist's blind review).
# The foam roll's crossed buttock, seen through the body, glowed beside the supporting
# thigh's root and read as the near hip (a blind review of all three figure-4s): run on into
# the crossed thigh where it leaves the body, the glow is that leg's buttock and outer hip
# (ab92: preferred at full size). The lying figure-4 does not use it: there the run-on mark
# read as a thigh or hamstring stretch at full size (ab92). (At 0.12 it barely reached the
# crossed thigh's edge on the lying card; at 0.22 it ended at that edge, a blob beside the
# supporting thigh.)
OUTER_HIP = 0.3


def _outer_hip(thigh: Limb, side: str, trunk: Sequence[float]) -> tuple[int, float, Limb]:
    """The marked buttock's outer hip: the first OUTER_HIP of its thigh as drawn (a
    figure-4's crossed thigh), filled in the accent over the trunk and that thigh like the
    buttock's band, so the glow runs from the buttock into the leg it belongs to."""
    pts, widths = thigh.points, thigh.widths
    lengths = [math.dist(a, b) for a, b in itertools.pairwise(pts)]
    goal = OUTER_HIP * sum(lengths)
    out, out_w = [pts[0]], [widths[0]]
    for i, length in enumerate(lengths):
        if goal <= length or i == len(lengths) - 1:
            u = 0.0 if length == 0 else min(1.0, goal / length)
            a, b = pts[i], pts[i + 1]
            out.append((a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u))
            out_w.append(widths[i] + (widths[i + 1] - widths[i]) * u)
            break
        goal -= length
        out.append(pts[i + 1])
        out_w.append(widths[i + 1])
    mark = Limb(f"outer_hip_{side}", tuple(out), tuple(out_w), Layer.MID, True)
    return int(Layer.MID), max(trunk) + 0.5, mark


def _trunk_widths(cam: sk.Mat, limb: scene.Limb3, pts: Sequence[Point]) -> list[float]:
    assert limb.breadths is not None and limb.frames is not None
    out = []
    for i, frame in enumerate(limb.frames):
        j0, j1 = max(0, i - 1), min(len(pts) - 1, i + 1)
        dx, dy = pts[j1][0] - pts[j0][0], pts[j1][1] - pts[j0][1]
        # measured across the end's own frame (its spine axis as drawn) where that axis shows
        # in the picture, not across the piece: at a bent join both pieces then end in the
        # same width (across the piece, a rounded cat's waist ended 65 mm thinner than the
        # chest began, and the back showed a notch: blind review, round 24)
        axis = sk.apply(cam, sk.apply(frame, (0.0, 1.0, 0.0)))
        if math.hypot(axis[0], axis[1]) > 0.5:
            dx, dy = axis[0], axis[1]
        length = math.hypot(dx, dy)
        n = (1.0, 0.0) if length < 1e-6 else (-dy / length, dx / length)
        ap = sk.apply(cam, sk.apply(frame, (1.0, 0.0, 0.0)))
        lat = sk.apply(cam, sk.apply(frame, (0.0, 0.0, 1.0)))
        a = limb.widths[i] / 2 * (ap[0] * n[0] + ap[1] * n[1])
        b = limb.breadths[i] / 2 * (lat[0] * n[0] + lat[1] * n[1])
        out.append(2 * math.hypot(a, b))
    return out


class FrameStore(Protocol):
    """Where boxes worked out before are kept between runs (the parse cache's FrameBook)."""

    def get(self, key: str) -> tuple[float, float, float, float] | None: ...

    def put(self, key: str, box: tuple[float, float, float, float]) -> None: ...


_frame_store: FrameStore | None = None


def keep_frames_in(store: FrameStore | None) -> None:
    """Look boxes up in `store` before working them out, and put new ones there."""
    global _frame_store
    _frame_store = store


class StillStore(Protocol):
    """Where still drawings worked out before are kept between runs, as `encode_drawing`
    gives them (the parse cache's StillBook)."""

    def get(self, key: str) -> object | None: ...

    def put(self, key: str, value: object) -> None: ...


_still_store: StillStore | None = None


def keep_stills_in(store: StillStore | None) -> None:
    """Look still drawings up in `store` before working them out, and put new ones there."""
    global _still_store
    _still_store = store


# A drawing as plain JSON values: [frame, items], an item one of
#   ["limb", part, layer, highlight, [x, y, ...], [width, ...]]
#   ["head", layer, highlight, x, y, radius, [hair x, y, ...]]
#   ["prop", kind, [x, y, ...]]
_MAX_ITEMS = 400
_MAX_POINTS = 400
_MAX_NAME = 40
_MAX_MM = 1e6


def encode_drawing(drawing: Drawing) -> list[object]:
    items: list[object] = []
    for item in drawing.items:
        if isinstance(item, Limb):
            flat = [c for point in item.points for c in point]
            items.append(
                ["limb", item.part, int(item.layer), item.highlight, flat, list(item.widths)]
            )
        elif isinstance(item, Head):
            x, y = item.center
            hair = [c for point in item.hair for c in point]
            items.append(["head", int(item.layer), item.highlight, x, y, item.radius, hair])
        else:
            items.append(["prop", item.kind, [c for point in item.outline for c in point]])
    return [list(drawing.frame), items]


def decode_drawing(value: object) -> Drawing:
    """A drawing back from `encode_drawing`'s values, every part checked: ValueError when
    anything is not what that could have written (a damaged or hostile store)."""
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], list)):
        raise ValueError("a drawing is not [frame, items]")
    x0, y0, x1, y1 = _numbers(value[0], 4, 4)
    if not (x0 < x1 and y0 < y1):
        raise ValueError("a drawing's frame is empty")
    raw_items = value[1]
    if len(raw_items) > _MAX_ITEMS:
        raise ValueError("too many items")
    items: list[Item] = []
    for raw in raw_items:
        if not (isinstance(raw, list) and raw and isinstance(raw[0], str)):
            raise ValueError("an item is not [kind, ...]")
        if raw[0] == "limb" and len(raw) == 6:
            points = _points(raw[4], 2)
            widths = _numbers(raw[5], len(points), len(points))
            items.append(Limb(_name(raw[1]), points, widths, _layer(raw[2]), _flag(raw[3])))
        elif raw[0] == "head" and len(raw) == 7:
            x, y, radius = _numbers(raw[3:6], 3, 3)
            if radius <= 0:
                raise ValueError("a head's radius is not positive")
            hair = _points(raw[6], 0) if raw[6] else ()
            items.append(Head((x, y), radius, _layer(raw[1]), _flag(raw[2]), hair))
        elif raw[0] == "prop" and len(raw) == 3:
            items.append(Prop(_name(raw[1]), _points(raw[2], 1)))
        else:
            raise ValueError("an item of no known kind")
    return Drawing(tuple(items), (x0, y0, x1, y1))


def _numbers(value: object, least: int, most: int) -> tuple[float, ...]:
    if not (isinstance(value, list) and least <= len(value) <= most):
        raise ValueError("not a list of numbers of the right length")
    for number in value:
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise ValueError("not a number")
        if not math.isfinite(number) or abs(number) > _MAX_MM:
            raise ValueError("a number out of range")
    return tuple(float(n) for n in value)


def _points(value: object, least: int) -> tuple[Point, ...]:
    if not isinstance(value, list) or len(value) % 2:
        raise ValueError("points are not x, y pairs")
    flat = _numbers(value, 2 * least, 2 * _MAX_POINTS)
    return tuple(zip(flat[::2], flat[1::2], strict=True))


def _name(value: object) -> str:
    if not (isinstance(value, str) and 0 < len(value) <= _MAX_NAME and value.isprintable()):
        raise ValueError("not a part's or prop's name")
    return value


def _layer(value: object) -> Layer:
    if isinstance(value, bool) or value not in (0, 1, 2):
        raise ValueError("not a layer")
    return Layer(value)


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("not true or false")
    return value


@functools.cache
def code_key(version: str) -> str:
    """What identifies the code that frames a pose: the app's `version`, and in a checkout
    each module's size and time stamp (an edited module makes every stored box stale); in a
    self-contained build, whose modules have no files, the program's own."""
    parts = [version, frozen_key()]
    from stretchapp.core import cue

    modules = (sys.modules[__name__], motion, scene, sk, sys.modules[KeyPose.__module__], cue)
    for module in modules:
        try:
            info = Path(module.__file__).stat() if module.__file__ else None
        except OSError:
            info = None
        if info is None:
            parts.append("-")
        else:
            parts.append(f"{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)


@lru_cache(maxsize=64)
def frame_of(pose: StretchPose) -> tuple[float, float, float, float]:
    """One box round every moment of the stretch (both sides, the switch), so it never jumps.

    The right side and the swing round to it are drawn shifted into the left side's box
    (`_items`), so they are measured shifted as they are drawn, not where they would fall
    unshifted (which would leave an empty band beside every still picture).

    Working it out poses the body some twenty times; a store given to `keep_frames_in` keeps
    the answer between runs, under the pose's full description."""
    store = _frame_store
    if store is None:
        return _frame_of(pose)
    key = repr(pose)
    box = store.get(key)
    if box is None:
        box = _frame_of(pose)
        store.put(key, box)
    return box


def _frame_of(pose: StretchPose) -> tuple[float, float, float, float]:
    moments = []
    keys = pose.keys
    for i, a in enumerate(keys):
        for b in keys[i:]:
            for t in (0.0, 0.25, 0.5, 0.75, 1.0):  # an arm sweeping up may arc past both keys
                moments.append(motion.Moment(a, b, t, False))
    first = motion.side_keys(pose, True)[0]
    turns = [k / 8 for k in range(1, 8)]
    swing = [motion.Moment(keys[0], first, t, True, turn=t, blend_right=True) for t in turns]
    left = _extent(pose, moments, (0.0, 0.0, 0.0, 0.0))
    box = left
    for _ in range(3):  # the shift depends on the box: settle it
        both = _extent(pose, swing, box)
        box = (
            min(left[0], both[0]),
            min(left[1], both[1]),
            max(left[2], both[2]),
            max(left[3], both[3]),
        )
    x0, y0, x1, y1 = box
    if _floor_band(pose):
        y0 = min(y0, -scene.FLOOR_T)
    pad = 0.04 * max(x1 - x0, y1 - y0)
    box = (x0 - pad, y0 - pad * 0.5, x1 + pad, y1 + pad)
    if pose.cue is not None:
        from stretchapp.core import cue

        box = (box[0], box[1], box[2], cue.cue_top(pose, box))  # room for its arrow
    return box


def _extent(
    pose: StretchPose, moments: Sequence[motion.Moment], frame: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    """x0, y0, x1, y1 round everything drawn at these moments."""
    xs: list[float] = []
    ys: list[float] = []
    for m in moments:
        for item in _items(pose, m, frame):
            if isinstance(item, Limb):
                for (x, y), w in zip(item.points, item.widths, strict=True):
                    xs += [x - w / 2, x + w / 2]
                    ys += [y - w / 2, y + w / 2]
            elif isinstance(item, Head):
                xs += [item.center[0] - item.radius, item.center[0] + item.radius]
                ys += [item.center[1] - item.radius, item.center[1] + item.radius]
            else:
                xs += [p[0] for p in item.outline]
                ys += [p[1] for p in item.outline]
    return min(xs), min(ys), max(xs), max(ys)
