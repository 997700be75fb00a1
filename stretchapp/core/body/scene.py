"""From joint angles to a placed body, its props and the flat items the UI paints.

Steps: forward kinematics (skeleton.pose_body) -> the body's limbs as 3D capsules ->
placement on its support (the floor or mat, a chair, a foam roller) -> props built round it ->
an orthographic camera per view -> items sorted back to front.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from stretchapp.core.body import skeleton as sk
from stretchapp.core.body.pose import Support, View
from stretchapp.core.body.skeleton import HEAD_R as HEAD_R_MM
from stretchapp.core.body.skeleton import Body, H, Mat, Vec
from stretchapp.core.records import record

MAT_T = 12.0  # a floor mat's thickness, mm
ROLLER_R = 75.0  # a 15 cm foam roller
# half its length: under the seat a 50 cm roller, shorter than the 60 cm mat is wide (90 cm
# long it stuck out past both edges of the mat, a post through the hip, round 17)
ROLLER_HALF = 250.0
# across the back a common full-length 90 cm one, reaching well past both shoulders: the 50 cm
# one hid behind the trunk and read as a short roller beside a body lying on the mat (rv38)
LONG_ROLLER_HALF = 450.0
FLOOR_T = 30.0
CONTACT_TOLERANCE = 14.0  # mm: a declared contact counts as touching within this
SINK_TOLERANCE = 15.0  # mm a part may press into a soft mat or floor
SHOULDER_GLIDE = 30.0  # mm the shoulder blade may slide toward a planted hand
# a soft low pillow under the head of a body lying on its back (a pose's `cushion` prop): the
# head rests on its top, this far above the mat
CUSHION_T = 90.0
# centred under the head (it reached 80 mm beyond the back of the head and 45 % of the way
# to the neck's base, so the picture showed its middle beyond the head: a head at its corner).
# A small head pillow, 30 cm across, its near edge at the neck (rv35: 36 cm across and 60 %
# of the way to the neck's base, seen from above the near side its far corner lay under the
# neck and shoulders, the head perched on its far edge)
# rv41: seen from above the near side and the feet, the pillow centred across the body
# still showed below and beyond the head (its middle 0.22 of a head's radius beyond it, the
# head's disc at its upper corner: "perched on the far edge", "the pillow mostly under the
# neck and near shoulder"): 28 cm across, its middle now lies CUSHION_ASIDE toward the far
# side (the head 10 cm from its near edge), so in the picture it spreads evenly either side
# of the head, straight under it
CUSHION_W = 280.0  # across the body
CUSHION_OUT = 25.0  # mm it reaches beyond the back of the head
CUSHION_IN = 0.45  # toward the shoulders: this fraction of the way to the neck's base
CUSHION_ASIDE = 40.0  # mm its middle lies toward the far side, away from the camera
CUSHIONED = ("head",)  # the contacts a cushion lifts

# ---- limbs as capsules ----------------------------------------------------------------------


@record(hot=True)
class Limb3:
    part: str
    points: tuple[Vec, ...]
    widths: tuple[float, ...]  # diameter at each point (front-to-back for trunk parts)
    breadths: tuple[float, ...] | None = None  # side-to-side, for trunk parts
    frames: tuple[Mat, ...] | None = None  # trunk orientation at each point


@record(hot=True)
class Head3:
    center: Vec
    radius: float


LIMB_PARTS = (
    "pelvis",
    "waist",
    "chest",
    "neck",
    "head",
    *(f"{p}_{s}" for s in "lr" for p in ("thigh", "shank", "foot", "upper_arm", "forearm", "hand")),
)


# what a stretch can highlight: a limb, the lower back alone (a band along the back of the
# waist, for stretches felt there and not in the belly), or one side of the trunk alone (a
# band along that flank of the waist and chest, for a side bend: the side being stretched),
# or one buttock alone (the back of the pelvis on that side, for a figure-4's crossed leg),
# or the outer hip (a thigh's top where it leaves that buttock, the glow run on into the leg)
HIGHLIGHT_PARTS = (
    *LIMB_PARTS,
    "low_back",
    "upper_back",
    "side_l",
    "side_r",
    "buttock_l",
    "buttock_r",
    "outer_hip_l",
    "outer_hip_r",
)


def limbs(body: Body) -> tuple[list[Limb3], Head3]:
    """The body's limbs as capsules and its head (worked out once per body)."""
    found = body.cache.get("limbs")
    if found is None:
        found = body.cache["limbs"] = _limbs(body)
    return found  # type: ignore[return-value]


def _limbs(body: Body) -> tuple[list[Limb3], Head3]:
    p, f = body.points, body.frames
    pelvis_c = sk.add(p["hip_c"], sk.apply(f["pelvis"], (-0.006 * H, 0.005 * H, 0.0)))
    dep, bre = sk.TRUNK_DEPTH, sk.TRUNK_BREADTH
    out = [
        Limb3(
            "pelvis",
            (pelvis_c, p["lumbar"]),
            (dep[0], dep[1]),
            (bre[0], bre[1]),
            (f["pelvis"], f["waist"]),
        ),
        Limb3(
            "waist",
            (p["lumbar"], p["thoracic"]),
            (dep[1], dep[2]),
            (bre[1], bre[2]),
            (f["waist"], f["chest"]),
        ),
        Limb3(
            "chest",
            (p["thoracic"], p["neck_base"]),
            (dep[2], dep[3]),
            (bre[2], bre[3]),
            (f["chest"], f["chest"]),
        ),
        Limb3("neck", (p["neck_base"], p["head_joint"]), (0.06 * H, 0.055 * H)),
    ]
    for s in "lr":
        out += [
            Limb3(f"thigh_{s}", (p[f"hip_{s}"], p[f"knee_{s}"]), (0.095 * H, 0.06 * H)),
            Limb3(f"shank_{s}", (p[f"knee_{s}"], p[f"ankle_{s}"]), (0.058 * H, 0.036 * H)),
            Limb3(
                f"foot_{s}",
                (p[f"heel_{s}"], p[f"ball_{s}"], p[f"toe_{s}"]),
                (0.036 * H, 0.036 * H, 0.028 * H),
            ),
            Limb3(f"upper_arm_{s}", (p[f"shoulder_{s}"], p[f"elbow_{s}"]), (0.055 * H, 0.042 * H)),
            Limb3(f"forearm_{s}", (p[f"elbow_{s}"], p[f"wrist_{s}"]), (0.042 * H, 0.024 * H)),
            # a mitten: narrow at the wrist, the palm widening, rounded at the fingers; smaller
            # and rounder than a foot, with a thumb
            Limb3(
                f"hand_{s}",
                (
                    p[f"wrist_{s}"],
                    _lerp(p[f"wrist_{s}"], p[f"fingers_{s}"], 0.5),
                    p[f"fingers_{s}"],
                ),
                (0.02 * H, 0.036 * H, 0.034 * H),
            ),
        ]
    for s in "lr":
        base = _lerp(p[f"wrist_{s}"], p[f"fingers_{s}"], 0.22)
        out.append(Limb3(f"thumb_{s}", (base, p[f"thumb_{s}"]), (0.018 * H, 0.013 * H)))
    return out, Head3(p["head"], sk.HEAD_R)


def _lerp(a: Vec, b: Vec, t: float) -> Vec:
    return sk.add(a, sk.scale(sk.sub(b, a), t))


def samples(body: Body) -> list[tuple[Vec, float]]:
    """Points on the body's surface skeleton with their radii, for floor checks."""
    parts, head = limbs(body)
    out = [(head.center, head.radius)]
    for limb in parts:
        for i in range(len(limb.points) - 1):
            a, b = limb.points[i], limb.points[i + 1]
            wa, wb = limb.widths[i], limb.widths[i + 1]
            for k in range(5):
                t = k / 4
                out.append((sk.add(a, sk.scale(sk.sub(b, a), t)), (wa + (wb - wa) * t) / 2))
    return out


# ---- contacts: what touches the support -----------------------------------------------------

# contact name -> (part, fraction along the part) samples; "head" is the head's circle
CONTACTS: dict[str, tuple[tuple[str, float], ...]] = {
    "feet": (("foot_l", 0.0), ("foot_l", 0.6), ("foot_r", 0.0), ("foot_r", 0.6)),
    "foot_l": (("foot_l", 0.0), ("foot_l", 0.6)),
    "foot_r": (("foot_r", 0.0), ("foot_r", 0.6)),
    "toes": (("foot_l", 0.85), ("foot_r", 0.85)),
    "knees": (("shank_l", 0.06), ("shank_r", 0.06)),
    "knee_l": (("shank_l", 0.06),),
    "knee_r": (("shank_r", 0.06),),
    "shins": (("shank_l", 0.5), ("shank_r", 0.5)),
    "hands": (("hand_l", 0.5), ("hand_r", 0.5)),
    "hand_l": (("hand_l", 0.5),),
    "hand_r": (("hand_r", 0.5),),
    "forearms": (("forearm_l", 0.6), ("forearm_r", 0.6)),
    "seat": (("pelvis", 0.0),),
    "hips": (("pelvis", 0.0),),
    "low_back": (("waist", 0.3),),
    "mid_back": (("chest", 0.15),),
    "upper_back": (("chest", 0.3),),
    "shoulders": (("chest", 0.85),),
    "head": (("head", 0.0),),
    "forehead": (("head", 0.0),),
    # hands holding on (a knee, a shin, the chair): planted where the first key puts them,
    # not on the support
    "grips": (("hand_l", 0.5), ("hand_r", 0.5)),
    "grip_l": (("hand_l", 0.5),),
    "grip_r": (("hand_r", 0.5),),
}
GRIPS = ("grips", "grip_l", "grip_r")
# Where on the body a foam roller can sit, as a place along the trunk (0 pelvis .. 1 neck)
# straight above it. A trunk reclined on it (the hips low) touches it lower on the
# back than that place: the upper back's places sit high, so that the roller touches the
# back (the trunk's point nearest its axis, down the spine from the neck's base on the
# 269 mm chest, T1 to T12) at the lower tips of the shoulder blades (mid_back, some 170 mm
# below the neck's base, T7 to T8; never the low back below the ribs: a roller there is a
# risk for a back in spasm) or in their upper part (upper_back, some 74 mm below the
# neck's base, about T3), never the neck. Under the top of the shoulder blades (47 mm,
# about T2) a blind reviewer (physiotherapist) saw the roller start "right where the
# shoulders meet the neck": users would copy it and roll onto the lower neck; at 195 mm
# (about T9) two saw the roll's end leave the shoulder blades for the mid-back. Between
# the two the body rolls some 9.5 cm over it (at 8 cm blind reviewers saw the rolling
# barely show, rv29, with the hips lower; at 5 cm the two key poses looked alike);
# halfway, the roller touches the middle of the shoulder blades (shoulder_blades, some
# 122 mm, about T5). The spots assume the upper-back roll's arched back (its keys).
# How far a long roller under the back rolls along the mat for each millimetre the rolled
# spot travels along the back: the body then travels (1 + this) times as far. A real roller
# rolls, half as far as the body (1.0 here); held still under a body rolling over it (0.0),
# the back's 9.5 cm of travel moved the whole body some 17 px of a 420 px picture, and a blind
# physiotherapist saw the key poses "barely differ", the rolling not shown. At 1.0 the body's
# 19 cm opened the hips to a bridge (148 degrees at the lower end) with the feet planted
# where the knees stand no higher; at 0.5 the body travels 14 cm, the roller 5 cm.
ROLLER_ROLLS = 0.5
ROLLER_SPOTS = {
    "seat": 0.0,
    "buttock": 0.12,
    "low_back": 0.25,
    "mid_back": 0.7018,
    "shoulder_blades": 0.7922,
    "upper_back": 0.8773,
}


def _part_point(body: Body, part: str, t: float) -> tuple[Vec, float]:
    parts, head = limbs(body)
    if part == "head":
        return head.center, head.radius
    for limb in parts:
        if limb.part == part:
            return _along(limb, t)
    raise KeyError(part)


def _along(limb: Limb3, t: float) -> tuple[Vec, float]:
    lengths = [sk.dist(a, b) for a, b in zip(limb.points, limb.points[1:], strict=False)]
    goal = t * sum(lengths)
    for i, length in enumerate(lengths):
        if goal <= length or i == len(lengths) - 1:
            u = 0.0 if length == 0 else min(1.0, goal / length)
            a, b = limb.points[i], limb.points[i + 1]
            w = limb.widths[i] + (limb.widths[i + 1] - limb.widths[i]) * u
            return sk.add(a, sk.scale(sk.sub(b, a), u)), w / 2
        goal -= length
    return limb.points[-1], limb.widths[-1] / 2


def trunk_point(body: Body, where: float) -> tuple[Vec, float]:
    """A point on the trunk's centre line at `where` (0 the pelvis .. 1 the neck), radius."""
    parts = {x.part: x for x in limbs(body)[0]}
    pelvis, waist, chest = parts["pelvis"], parts["waist"], parts["chest"]
    line = Limb3(
        "trunk",
        (pelvis.points[0], waist.points[0], chest.points[0], chest.points[1]),
        (pelvis.widths[0], waist.widths[0], chest.widths[0], chest.widths[1]),
    )
    return _along(line, min(1.0, max(0.0, where)))


def contact_point(body: Body, name: str) -> tuple[Vec, float]:
    """The first sample of a named contact: its centre and radius."""
    part, t = CONTACTS[name][0]
    return _part_point(body, part, t)


def lift(name: str, cushion: bool) -> float:
    """How far above the support's surface a contact rests: on a cushion's top, the head."""
    return CUSHION_T if cushion and name in CUSHIONED else 0.0


def contact_bottoms(body: Body, names: Sequence[str]) -> dict[str, float]:
    """The lowest surface height of each named contact (mm above y = 0)."""
    out = {}
    for name in names:
        pts = [_part_point(body, part, t) for part, t in CONTACTS[name]]
        out[name] = max(c[1] - r for c, r in pts)  # every sample of it must touch
    return out


# ---- placement ------------------------------------------------------------------------------


@record(hot=True)
class Placed:
    body: Body
    support_y: float  # the height of the surface the body rests on
    roller: Vec | None = None  # the roller's centre, when on one
    chair_seat: Vec | None = None  # the front-centre of the seat's top, when on a chair


def surface(support: Support) -> float:
    return MAT_T if support is Support.FLOOR else 0.0


def lowest(body: Body) -> float:
    return min(c[1] - r for c, r in samples(body))


def place(
    body: Body,
    support: Support,
    anchor: Sequence[str],
    roller_at: float | None = None,
    chair_seat: Vec | None = None,
    pins: Pins | None = None,
    cushion: bool = False,
) -> Placed:
    """Rest the body on its support: its lowest point on the floor (or mat), the anchor
    contacts' middle over the origin; on a roller, the anchor contacts on the floor and
    the roller under the trunk.

    `pins` (where the first key pose put each contact, from `pins_of`) keeps planted contacts
    where they are for the whole stretch: the trunk, seat or knees are moved onto their pins,
    then each planted hand or foot is brought back to its pin by bending its arm or leg.
    With a `cushion` the head rests on the cushion's top, CUSHION_T above the surface."""
    base = surface(support)
    if support is Support.ROLLER and roller_at is not None:
        placed = _on_roller(body, anchor, roller_at)
        fixed = None if pins is None else pins.get(ROLLER_PIN)
        if pins is not None and fixed:
            # the body rolls over the roller: it slides until the rolled spot rests on the
            # roller, the planted hands and feet stay on their pins (the arms and legs bend).
            # Under the seat the roller stays where the first key put it; a long one under
            # the back rolls along the mat with the body (ROLLER_ROLLS)
            c, r = trunk_point(placed.body, roller_at)
            k = ROLLER_ROLLS if roller_at >= ROLLER_SPOTS["low_back"] else 0.0
            roller = (
                fixed[0][0] + k * (fixed[0][0] - c[0]),
                fixed[0][1],
                fixed[0][2] + k * (fixed[0][2] - c[2]),
            )
            shift = (roller[0] - c[0], roller[1] + ROLLER_R + r - c[1], roller[2] - c[2])
            moved = placed.body.moved(sk.IDENTITY, shift)
            return Placed(_reach(moved, anchor, pins), 0.0, roller=roller)
        carrying = [n for n in _carriers(anchor) if pins is not None and n in pins]
        if pins is None or not carrying:
            return placed
        now = [p for n in carrying for p in contact_points(placed.body, n)]
        goal = [p for n in carrying for p in pins[n]]
        k = len(now)
        dx = sum(g[0] - p[0] for g, p in zip(goal, now, strict=True)) / k
        dz = sum(g[2] - p[2] for g, p in zip(goal, now, strict=True)) / k
        moved = _reach(placed.body.moved(sk.IDENTITY, (dx, 0.0, dz)), anchor, pins)
        c, _r = trunk_point(moved, roller_at)
        return Placed(moved, 0.0, roller=(c[0], ROLLER_R, c[2]))
    if pins is not None:
        return Placed(_pinned(body, support, anchor, pins, cushion), base, chair_seat=chair_seat)
    # the body stands on what carries it (knees, seat, trunk; else the feet or hands)
    ground = [n for n in _carriers(anchor) if n != "seat" or support is not Support.CHAIR]
    ground = [n for n in ground if n not in GRIPS]
    y = base - (resting(body, ground, cushion) if ground else lowest(body))
    # a part may press a little into the mat, never through it
    y += max(0.0, (base - SINK_TOLERANCE) - (lowest(body) + y))
    body = body.moved(sk.IDENTITY, (0.0, y, 0.0))
    body = _anchored(body, anchor)
    return Placed(body, base, chair_seat=chair_seat)


# ---- planted contacts stay put ----------------------------------------------------------

# Contacts a limb reaches out to (its arm or leg bends to keep them planted); the others
# (knees, seat, the trunk, the head) carry the body and are moved onto their pins.
REACHING = {
    "hands": ("arm_l", "arm_r"),
    "hand_l": ("arm_l",),
    "hand_r": ("arm_r",),
    "feet": ("leg_l", "leg_r"),
    "foot_l": ("leg_l",),
    "foot_r": ("leg_r",),
    "grips": ("arm_l", "arm_r"),
    "grip_l": ("arm_l",),
    "grip_r": ("arm_r",),
}
# limb -> (root joint, middle joint, end joint, points carried rigidly with the end)
_CHAINS = {
    f"{kind}_{s}": (
        (f"shoulder_{s}", f"elbow_{s}", f"wrist_{s}", (f"fingers_{s}", f"thumb_{s}"))
        if kind == "arm"
        else (f"hip_{s}", f"knee_{s}", f"ankle_{s}", (f"heel_{s}", f"ball_{s}", f"toe_{s}"))
    )
    for kind in ("arm", "leg")
    for s in "lr"
}
_CHAIN_PART = {
    f"{k}_{s}": ("hand_" if k == "arm" else "foot_") + s for k in ("arm", "leg") for s in "lr"
}

Pins = dict[str, tuple[Vec, ...]]


ROLLER_PIN = "@roller"


def pins_of(body: Body, names: Sequence[str], roller: Vec | None = None) -> Pins:
    """Where each sample of each named contact is on a placed body; for a planted hand or
    foot also where its wrist or ankle and its whole hand or foot are (under "@" + chain);
    and where the foam roller lies, when there is one (where the first key put it: the body
    rolls over it)."""
    out = {n: tuple(_part_point(body, part, t)[0] for part, t in CONTACTS[n]) for n in names}
    if roller is not None:
        out[ROLLER_PIN] = (roller,)
    for n in names:
        for chain in REACHING.get(n, ()):
            _, _, end, carried = _CHAINS[chain]
            out["@" + chain] = tuple(body.points[k] for k in (end, *carried))
    return out


def contact_points(body: Body, name: str) -> tuple[Vec, ...]:
    return tuple(_part_point(body, part, t)[0] for part, t in CONTACTS[name])


def _carriers(anchor: Sequence[str]) -> list[str]:
    carrying = [n for n in anchor if n not in REACHING and n != "toes"]
    return carrying or list(anchor[:1])


def resting(body: Body, names: Sequence[str], cushion: bool) -> float:
    """How far above its surface the lowest of these contacts is (each on its own surface:
    a cushioned head on the cushion's top)."""
    return min(b - lift(n, cushion) for n, b in contact_bottoms(body, names).items())


def _pinned(
    body: Body, support: Support, anchor: Sequence[str], pins: Pins, cushion: bool = False
) -> Body:
    carrying = [n for n in _carriers(anchor) if n in pins]
    if not carrying:
        return _reach(body, anchor, pins)
    now = [p for n in carrying for p in contact_points(body, n)]
    goal = [p for n in carrying for p in pins[n]]
    k = len(now)
    dx = sum(g[0] - p[0] for g, p in zip(goal, now, strict=True)) / k
    dz = sum(g[2] - p[2] for g, p in zip(goal, now, strict=True)) / k
    if support is Support.CHAIR and "seat" in carrying:
        dy = sum(g[1] - p[1] for g, p in zip(goal, now, strict=True)) / k
    else:
        base = surface(support)
        ground = [n for n in carrying if n != "seat" or support is not Support.CHAIR]
        dy = base - resting(body, ground, cushion)
    body = _reach(body.moved(sk.IDENTITY, (dx, dy, dz)), anchor, pins)
    body = _kept_above(body, anchor, surface(support))
    if support is not Support.CHAIR:
        # a part may press a little into the mat, never through it
        lift = (surface(support) - SINK_TOLERANCE) - lowest(body)
        if lift > 0:
            body = body.moved(sk.IDENTITY, (0.0, lift, 0.0))
    return body


def _reach(body: Body, anchor: Sequence[str], pins: Pins) -> Body:
    """Bend each arm or leg whose hand or foot is planted so that it lands on its pin."""
    pts = dict(body.points)
    moved = False
    for name in anchor:
        if name not in REACHING or name not in pins:
            continue
        for chain in REACHING[name]:
            part = _CHAIN_PART[chain]
            samples = [(i, t) for i, (pp, t) in enumerate(CONTACTS[name]) if pp == part]
            if not samples:
                continue
            planted = pins.get("@" + chain)
            if planted is not None:
                _bend(pts, chain, planted, body.frames)
                moved = True
                continue
            now = [_part_point(body, part, t)[0] for _, t in samples]
            goal = [pins[name][i] for i, _ in samples]
            k = len(now)
            pairs = list(zip(goal, now, strict=True))
            d = (
                sum(g[0] - p[0] for g, p in pairs) / k,
                sum(g[1] - p[1] for g, p in pairs) / k,
                sum(g[2] - p[2] for g, p in pairs) / k,
            )
            if math.hypot(*d) < 1e-6:
                continue
            _, _, end, carried = _CHAINS[chain]
            _bend(pts, chain, tuple(sk.add(pts[x], d) for x in (end, *carried)), body.frames)
            moved = True
    if not moved:
        return body
    return Body(pts, body.frames)


def _kept_above(body: Body, anchor: Sequence[str], base: float) -> Body:
    """A free hand or foot that would go through the surface on its way between two key
    poses slides along it instead (its arm or leg bends a little)."""
    planted = {c for n in anchor for c in REACHING.get(n, ())}
    pts: dict[str, Vec] | None = None
    for chain, part in _CHAIN_PART.items():
        if chain in planted:
            continue
        low = min(c[1] - r for c, r in (_part_point(body, part, k / 4) for k in range(5)))
        sunk = (base - SINK_TOLERANCE) - low
        if sunk <= 0:
            continue
        pts = pts if pts is not None else dict(body.points)
        _, _, end, carried = _CHAINS[chain]
        goal = tuple(sk.add(pts[x], (0.0, sunk, 0.0)) for x in (end, *carried))
        _bend(pts, chain, goal, body.frames)
    return body if pts is None else Body(pts, body.frames)


def natural_bend(chain: str, frames: Mapping[str, Mat]) -> Vec:
    """The way an elbow or a knee sticks out when the limb bends (the back of the upper arm,
    the front of the thigh, as posed): never the hyperextended way."""
    side = chain[-1]
    if chain.startswith("arm"):
        return sk.apply(frames[f"upper_arm_{side}"], (-1.0, 0.0, 0.0))
    return sk.apply(frames[f"thigh_{side}"], (1.0, 0.0, 0.0))


def _bend(
    pts: dict[str, Vec], chain: str, goal: Sequence[Vec], frames: Mapping[str, Mat] | None = None
) -> None:
    """Two-bone reach: bring the chain's end (wrist or ankle) and the hand or foot it carries
    to `goal`, keeping both bone lengths; the elbow or knee sticks out the way it bends
    (`natural_bend`). Out of reach, the limb straightens toward the
    goal and the hand or foot keeps its shape."""
    root, mid, end, carried = _CHAINS[chain]
    s, m, e = pts[root], pts[mid], pts[end]
    a, b = sk.dist(s, m), sk.dist(m, e)
    target = goal[0]
    to = sk.sub(target, s)
    d = math.hypot(*to)
    if root.startswith("shoulder") and d > a + b - 1e-3:
        # the shoulder blade glides a little toward a hand that is just out of reach
        glide = min(SHOULDER_GLIDE, d - (a + b) + 1e-3)
        s = sk.add(s, sk.scale(to, glide / d))
        pts[root] = s
        to = sk.sub(target, s)
        d = math.hypot(*to)
    if d < 1e-6:
        return
    u = sk.scale(to, 1.0 / d)
    d = min(a + b - 1e-3, max(abs(a - b) + 1e-3, d))
    bend = sk.sub(m, s)
    along = sum(bend[i] * u[i] for i in range(3))
    v = sk.sub(bend, sk.scale(u, along))
    vn = math.hypot(*v)
    if frames is not None:
        # bend the way the joint bends, even when the goal lies far from the posed limb
        out0 = natural_bend(chain, frames)
        v = sk.sub(out0, sk.scale(u, sum(out0[i] * u[i] for i in range(3))))
        vn = math.hypot(*v)
    if vn < 1e-6:
        # a straight limb: bend it the way the old end pointed from the root
        old = sk.sub(e, s)
        v = sk.sub(old, sk.scale(u, sum(old[i] * u[i] for i in range(3))))
        vn = math.hypot(*v)
        if vn < 1e-6:  # straight and in line: any bend plane will do
            lateral = 1.0 if chain.endswith("_r") else -1.0  # mirror images bend alike
            out: Vec = (0.0, 0.0, lateral) if abs(u[2]) < 0.9 else (1.0, 0.0, 0.0)
            v = sk.sub(out, sk.scale(u, sum(out[i] * u[i] for i in range(3))))
            vn = math.hypot(*v)
    v = sk.scale(v, 1.0 / vn)
    cos_a = max(-1.0, min(1.0, (a * a + d * d - b * b) / (2 * a * d)))
    sin_a = math.sqrt(1.0 - cos_a * cos_a)
    new_m = sk.add(s, sk.add(sk.scale(u, a * cos_a), sk.scale(v, a * sin_a)))
    new_e = sk.add(s, sk.scale(u, d))
    shift = sk.sub(new_e, target)  # zero when the goal is in reach
    pts[mid] = new_m
    if mid.startswith("knee"):
        side = mid[-1]
        pts[f"kneecap_{side}"] = sk.add(pts[f"kneecap_{side}"], sk.sub(new_m, m))
    pts[end] = new_e
    for name, p in zip(carried, goal[1:], strict=True):
        pts[name] = sk.add(p, shift)


def _anchored(body: Body, anchor: Sequence[str]) -> Body:
    pts = [
        _part_point(body, part, t)[0]
        for name in anchor
        if name not in GRIPS
        for part, t in CONTACTS[name]
    ]
    if not pts:
        pts = [body.points["hip_c"]]
    cx = sum(p[0] for p in pts) / len(pts)
    cz = sum(p[2] for p in pts) / len(pts)
    return body.moved(sk.IDENTITY, (-cx, 0.0, -cz))


def _on_roller(body: Body, anchor: Sequence[str], where: float) -> Placed:
    """Feet and hands (the anchor contacts) on the floor, the roller under the trunk at
    `where`; whether the trunk really rests on it is the pose's to get right (validated)."""
    ground = [
        _part_point(body, part, t) for n in anchor if n not in GRIPS for part, t in CONTACTS[n]
    ]
    low = min(c[1] - r for c, r in ground) if ground else lowest(body)
    body = body.moved(sk.IDENTITY, (0.0, -low, 0.0))
    body = _anchored(body, anchor)
    c, _r = trunk_point(body, where)
    return Placed(body, 0.0, roller=(c[0], ROLLER_R, c[2]))


# ---- the camera -----------------------------------------------------------------------------

# (azimuth, elevation) of each view; the azimuth turns the room about the vertical
# A camera level with the mat, or less than this many degrees above it, sees the floor as a
# band under the body, as every picture taken from the side shows it: at 2 degrees up (the knee
# to chest, for its arrow's room over the thigh) the mat alone was a thin teal line (rv218).
LEVEL_CAMERA = 5.0

VIEWS: dict[View, tuple[float, float]] = {
    View.SIDE: (180.0, 0.0),  # from the body's left
    View.FRONT: (-90.0, 0.0),
    View.TOP: (-90.0, 90.0),
    View.THREE_QUARTER: (-135.0, 20.0),
}


def camera(azimuth: float, elevation: float) -> Mat:
    return sk.mul(sk.rx(elevation), sk.ry(azimuth))


def mirrored_view(azimuth: float, elevation: float) -> tuple[float, float]:
    """The camera that sees the mirrored body as the mirror image of the first picture."""
    return 180.0 - azimuth, elevation


# ---- props ----------------------------------------------------------------------------------


@record(hot=True)
class Box:
    kind: str
    lo: Vec
    hi: Vec

    def corners(self) -> list[Vec]:
        return [
            (x, y, z)
            for x in (self.lo[0], self.hi[0])
            for y in (self.lo[1], self.hi[1])
            for z in (self.lo[2], self.hi[2])
        ]


# Where the chair's seat ends round the sitter's seat contact (x forward of the sitter): the
# steps say to sit near the front of the chair, the seat bones a hand's breadth from its front
# edge, the thighs half on the seat and the back clear of the backrest (a seat edge 19 cm
# ahead put the figure at the back of a deep seat). rv201's card reviewer saw the seated
# cat-cow and figure-4 "perched on the very front lip of the seat": an edge 13.6 cm ahead
# (the back 2.5 cm nearer) hid the figure-4's front chair leg behind its standing shin
# (round 25's "where to sit" again), and 12.7 cm (the back kept) as much: not kept
CHAIR_FRONT = 0.055 * H
CHAIR_BACK = 0.205 * H


def chair_boxes(seat: Vec) -> list[Box]:
    """A plain chair whose seat top is under `seat`, near the seat's front edge."""
    x, y, z = seat
    front = x + CHAIR_FRONT
    back = x - CHAIR_BACK
    half = 0.13 * H
    t = 30.0
    leg = 30.0
    out = [
        Box("chair", (back, y - t, z - half), (front, y, z + half)),
        Box("chair", (back - t, y - t, z - half), (back, y + 0.27 * H, z + half)),
    ]
    for lx in (back - t, front - leg):
        for lz in (z - half, z + half - leg):
            out.append(Box("chair", (lx, 0.0, lz), (lx + leg, y - t, lz + leg)))
    return out


DESK_TOP = 740.0  # mm: an ordinary desk's height
DESK_DEPTH = 600.0
DESK_HALF = 400.0  # half its width, across the body
DESK_GAP = 150.0  # from the front of the body (its hips or knees) to the desk's near edge


def desk_boxes(front: float, z: float) -> list[Box]:
    """A plain desk whose near edge stands at x = `front`, centred across at `z`: a top and
    four legs, within reach of a standing body's hands."""
    t, leg = 30.0, 40.0
    back = front + DESK_DEPTH
    out = [Box("desk", (front, DESK_TOP - t, z - DESK_HALF), (back, DESK_TOP, z + DESK_HALF))]
    for lx in (front + 20.0, back - 20.0 - leg):
        for lz in (z - DESK_HALF + 20.0, z + DESK_HALF - 20.0 - leg):
            out.append(Box("desk", (lx, 0.0, lz), (lx + leg, DESK_TOP - t, lz + leg)))
    return out


def mat_box(center_x: float, center_z: float, length: float) -> Box:
    half = length / 2
    return Box(
        "mat", (center_x - half, 0.0, center_z - 300.0), (center_x + half, MAT_T, center_z + 300.0)
    )


def cushion_box(body: Body, far: float = 0.0) -> Box:
    """A soft low pillow under the head of a body lying on its back: its top CUSHION_T above
    the mat, under the head, from just beyond the back of the head to under the neck (never
    under the shoulders, which rest on the mat); its middle CUSHION_ASIDE toward `far` across
    the body (+1: +z, -1: -z, the side away from the camera; 0: centred)."""
    c = body.points["head"]
    base = body.points["neck_base"]
    toward = 1.0 if base[0] >= c[0] else -1.0
    outer = c[0] - toward * (HEAD_R_MM + CUSHION_OUT)
    inner = c[0] + CUSHION_IN * (base[0] - c[0])
    lo, hi = min(outer, inner), max(outer, inner)
    half = CUSHION_W / 2
    z = c[2] + far * CUSHION_ASIDE
    return Box("cushion", (lo, MAT_T, z - half), (hi, MAT_T + CUSHION_T, z + half))


def cushion_core(box: Box) -> tuple[Box, float]:
    """The pillow as a box with well-rounded edges: the box within, whose every point grown
    by the radius makes it (seen from anywhere, its outline is that of the inner box's
    corners each grown by a circle of the radius)."""
    (x0, y0, z0), (x1, y1, z1) = box.lo, box.hi
    r = min(x1 - x0, y1 - y0, z1 - z0) / 2 * 0.9
    return Box(box.kind, (x0 + r, y0 + r, z0 + r), (x1 - r, y1 - r, z1 - r)), r


def roller_half(roller_at: float) -> float:
    """Half the length of the roller placed at `roller_at` (a ROLLER_SPOTS value): a long one
    under the back, a short one under the seat."""
    return LONG_ROLLER_HALF if roller_at >= ROLLER_SPOTS["low_back"] else ROLLER_HALF


def roller_points(
    center: Vec, segments: int = 28, radius: float = ROLLER_R, half: float = ROLLER_HALF
) -> list[Vec]:
    """Points round the roller's two ends (`radius` from its axis, `half` its length either
    side of `center`): the first half the end at -z, the second the end at +z."""
    x, y, z = center
    out = []
    for end in (-half, half):
        for i in range(segments):
            a = 2 * math.pi * i / segments
            out.append((x + radius * math.cos(a), y + radius * math.sin(a), z + end))
    return out


def hull(points: Sequence[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """The convex hull, counter-clockwise (Andrew's monotone chain)."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return tuple(pts)

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, float]] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return tuple(lower[:-1] + upper[:-1])


def angles_lerp(a: Mapping[str, float], b: Mapping[str, float], t: float) -> dict[str, float]:
    names = set(a) | set(b)
    return {n: a.get(n, 0.0) + (b.get(n, 0.0) - a.get(n, 0.0)) * t for n in names}
