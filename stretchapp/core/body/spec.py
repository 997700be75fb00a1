"""Checking a pose the way a clinician would glance at it: known joints, angles within their
range of motion, and a body that rests on its support (nothing sunk into the floor, nothing
that should touch it floating above it)."""

from __future__ import annotations

from collections.abc import Mapping

from stretchapp.core.body import scene
from stretchapp.core.body import skeleton as sk
from stretchapp.core.body.pose import KeyPose, StretchPose, Support
from stretchapp.core.i18n import N_, _, format_number
from stretchapp.core.records import record
from stretchapp.core.schema import did_you_mean

BOTH_SIDES = sorted({j.name[:-2] for j in sk.JOINTS if j.name.endswith(("_l", "_r"))})
JOINT_WORDS = sorted([j.name for j in sk.JOINTS] + BOTH_SIDES)
SINK_TOLERANCE = scene.SINK_TOLERANCE


@record
class AngleProblem:
    joint: str
    message: str
    valid: str


def expand(angles: Mapping[str, float]) -> dict[str, float]:
    """Joint angles with the both-sides shorthand (`hip_flex: 45`) given to each side; a
    sided name overrides the shorthand."""
    out: dict[str, float] = {}
    for name, value in angles.items():
        if name in BOTH_SIDES:
            out.setdefault(f"{name}_l", value)
            out.setdefault(f"{name}_r", value)
    for name, value in angles.items():
        if name not in BOTH_SIDES:
            out[name] = value
    return out


def check_angles(angles: Mapping[str, object]) -> list[AngleProblem]:
    problems = []
    for name, value in angles.items():
        if name not in JOINT_WORDS:
            hint = did_you_mean(str(name), JOINT_WORDS)
            problems.append(
                AngleProblem(
                    str(name),
                    _("is not a known joint") + (f"; {hint}" if hint else ""),
                    _("see the joint table in docs/routines.md"),
                )
            )
            continue
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(
                AngleProblem(
                    name, _("is {value}").format(value=repr(value)), _("an angle in degrees")
                )
            )
            continue
        joint = sk.JOINT_BY_NAME.get(name) or sk.JOINT_BY_NAME[name + "_l"]
        if not joint.low <= value <= joint.high:
            outside = (
                _("{value} mm is outside the range of this movement")
                if joint.unit == "mm"
                else _("{value} degrees is outside this joint's range of motion")
            )
            problems.append(
                AngleProblem(
                    name,
                    outside.format(value=format_number(value)),
                    _("{low} to {high}: {joint}").format(
                        low=format_number(joint.low),
                        high=format_number(joint.high),
                        joint=joint.doc,
                    ),
                )
            )
    return problems


@record
class SupportProblem:
    key: KeyPose
    message: str
    valid: str


# Whole sentences for the mat and for the floor: languages decline "the mat" differently in each.
_SINKS = {
    True: N_("the {part} sinks {depth} mm into the mat"),
    False: N_("the {part} sinks {depth} mm into the floor"),
}
_FLOATS = {
    True: N_("{contact} float {height} mm above the mat"),
    False: N_("{contact} float {height} mm above the floor"),
}
_TOUCH = {
    True: N_("contacts touch the mat within {tolerance} mm"),
    False: N_("contacts touch the floor within {tolerance} mm"),
}
_ON_CUSHION = (
    N_("{contact} float {height} mm above the cushion"),
    N_("the {part} sinks {depth} mm into the cushion"),
    N_("the head rests on the cushion within {tolerance} mm"),
)


def key_contacts(pose: StretchPose, key: KeyPose) -> tuple[str, ...]:
    return key.contacts if key.contacts is not None else pose.contacts


def support_problems(pose: StretchPose) -> list[SupportProblem]:
    """What sinks into or floats above the support in each key pose, placed exactly as it is
    drawn (left side; the right side is its exact mirror image)."""
    out: list[SupportProblem] = []
    seat_height: float | None = None
    on_mat = pose.support is Support.FLOOR
    base = scene.surface(pose.support)
    pins: scene.Pins | None = None  # the first key's contacts stay planted
    cushion = "cushion" in pose.props
    pillow: scene.Box | None = None  # where the first key puts the cushion
    if cushion and (pose.support is not Support.FLOOR or "head" not in pose.contacts):
        out.append(
            SupportProblem(
                pose.keys[0],
                _("the cushion has no head resting on it"),
                _(
                    "a cushion goes under the head of a body lying on the floor: list head "
                    "among the contacts"
                ),
            )
        )
        cushion = False
    for key in pose.keys:
        body = sk.pose_body(key.angle_map())
        contacts = [c for c in key_contacts(pose, key) if c in scene.CONTACTS]
        roller_at = None
        if pose.support is Support.ROLLER:
            roller_at = scene.ROLLER_SPOTS.get(key.roller or "", 0.5)
        if pins is None:
            first = scene.place(body, pose.support, pose.contacts, roller_at, cushion=cushion)
            pins = scene.pins_of(first.body, pose.contacts, first.roller)
            pillow = scene.cushion_box(first.body) if cushion else None
        placed = scene.place(
            body, pose.support, pose.contacts, roller_at, pins=pins, cushion=cushion
        )
        body = placed.body
        if roller_at is not None:
            c, r = scene.trunk_point(body, roller_at)
            gap = c[1] - r - 2 * scene.ROLLER_R
            if abs(gap) > scene.CONTACT_TOLERANCE:
                text = (
                    _("the trunk is {distance} mm above the roller")
                    if gap > 0
                    else _("the trunk is {distance} mm inside the roller")
                )
                out.append(
                    SupportProblem(
                        key,
                        text.format(distance=format_number(abs(gap), 0)),
                        _("change the angles so the trunk rests on the roller"),
                    )
                )
        floor = [n for n in contacts if n not in ("seat", key.roller, *scene.GRIPS)]
        ground = floor
        if ground:
            # resting on its contacts, would another part go through the surface?
            drop = scene.resting(body, ground, cushion) - base
            points = scene.samples(body)
            low = min(c[1] - r for c, r in points)
            # (the part is named only for the lowest points: naming is the costly step)
            deepest = (low, min(_part_of(body, c) for c, r in points if c[1] - r == low))
            if deepest[0] - drop < base - SINK_TOLERANCE - 0.5:
                out.append(
                    SupportProblem(
                        key,
                        _(_SINKS[on_mat]).format(
                            part=deepest[1], depth=format_number(base - deepest[0] + drop, 0)
                        ),
                        _(
                            "change the angles so only the contacts rest on it, or list it as "
                            "a contact"
                        ),
                    )
                )
                continue
        if pillow is not None:
            out += _into_cushion(key, body, pillow)
        for name, bottom in scene.contact_bottoms(body, floor).items():
            lift = scene.lift(name, cushion)
            if lift and abs(bottom - base - lift) > scene.CONTACT_TOLERANCE:
                height = format_number(bottom - base - lift, 0)
                out.append(
                    SupportProblem(
                        key,
                        _(_ON_CUSHION[0]).format(contact=name, height=height),
                        _(_ON_CUSHION[2]).format(tolerance=format_number(scene.CONTACT_TOLERANCE)),
                    )
                )
                continue
            if not lift and abs(bottom - base) > scene.CONTACT_TOLERANCE:
                out.append(
                    SupportProblem(
                        key,
                        _(_FLOATS[on_mat]).format(
                            contact=name, height=format_number(bottom - base, 0)
                        ),
                        _(_TOUCH[on_mat]).format(tolerance=format_number(scene.CONTACT_TOLERANCE)),
                    )
                )
        if pose.support is Support.CHAIR and "seat" in contacts:
            c, r = scene.contact_point(body, "seat")
            if seat_height is None:
                seat_height = c[1] - r
                if not 350.0 <= seat_height <= 560.0:
                    out.append(
                        SupportProblem(
                            key,
                            _("the seat would be {height} mm high").format(
                                height=format_number(seat_height, 0)
                            ),
                            _("a chair seat 350 to 560 mm high: bend the knees and hips so"),
                        )
                    )
            elif abs(c[1] - r - seat_height) > scene.CONTACT_TOLERANCE:
                out.append(
                    SupportProblem(
                        key,
                        _("the seat is {distance} mm off the chair").format(
                            distance=f"{c[1] - r - seat_height:+.0f}"
                        ),
                        _("keep the hips and knees so the seat stays on the chair"),
                    )
                )
    return out


def _part_of(body: sk.Body, point: sk.Vec) -> str:
    parts, head = scene.limbs(body)
    best = ("head", sk.dist(point, head.center))
    for limb in parts:
        for p in limb.points:
            d = sk.dist(point, p)
            if d < best[1]:
                best = (limb.part, d)
    return part_name(best[0])


# The body's parts as a message names them ("the upper arm (left) sinks …").
_PART_WORDS = {
    "pelvis": N_("pelvis"),
    "waist": N_("waist"),
    "chest": N_("chest"),
    "neck": N_("neck"),
    "head": N_("head"),
    "thigh": N_("thigh"),
    "shank": N_("shank"),
    "foot": N_("foot"),
    "upper_arm": N_("upper arm"),
    "forearm": N_("forearm"),
    "hand": N_("hand"),
}


def part_name(part: str) -> str:
    """'upper_arm_l' → 'upper arm (left)', in the person's language."""
    base, side = part, ""
    if part.endswith(("_l", "_r")):
        base, side = part[:-2], part[-1]
    word = _PART_WORDS.get(base)
    name = _(word) if word is not None else base.replace("_", " ")
    if side == "l":
        return _("{part} (left)").format(part=name)
    if side == "r":
        return _("{part} (right)").format(part=name)
    return name


def _into_cushion(key: KeyPose, body: sk.Body, pillow: scene.Box) -> list[SupportProblem]:
    """A part going through the cushion's top (the head may press into it a little, as into
    the mat; the neck and shoulders stay above it)."""
    (x0, _y0, z0), (x1, top, z1) = pillow.lo, pillow.hi
    over = [(c[1] - r, c) for c, r in scene.samples(body) if x0 <= c[0] <= x1 and z0 <= c[2] <= z1]
    low = min(over, default=None)
    if low is None or low[0] >= top - SINK_TOLERANCE - 0.5:
        return []
    return [
        SupportProblem(
            key,
            _(_ON_CUSHION[1]).format(
                part=_part_of(body, low[1]), depth=format_number(top - low[0], 0)
            ),
            _("change the angles so only the contacts rest on it, or list it as a contact"),
        )
    ]
