"""The skeleton: segment lengths, named joints with their ranges, and 3D forward kinematics.

Body frame (the pelvis, standing in the anatomical position): x forward, y up, z to the
body's right; millimetres. Segment lengths are fractions of body height from Drillis and
Contini's table (Drillis R, Contini R, "Body segment parameters", Report 1166-03, New York
University, 1966; as reproduced in Winter DA, *Biomechanics and Motor Control of Human
Movement*, fig. 4.1): shoulder height 0.818 H, chin 0.870 H, hip (greater trochanter)
0.530 H, knee 0.285 H, ankle 0.039 H, upper arm 0.186 H, forearm 0.146 H, hand 0.108 H,
foot length 0.152 H, shoulder breadth 0.259 H, hip breadth 0.191 H, head 0.130 H. The trunk
between hip and shoulder (0.288 H) is split into pelvis, waist (lumbar) and chest segments.

Joint ranges are the published clinical norms for adults:
- limbs: American Academy of Orthopaedic Surgeons, *Joint Motion: Method of Measuring and
  Recording* (1965), as tabled in Norkin CC, White DJ, *Measurement of Joint Motion*,
  appendix A; the knee's 150 degrees is its passive range (kneeling back on the heels), as in
  Soucie JM et al., "Range of motion measurements: reference values", Haemophilia 17 (2011).
  The foot points further (75) than the ankle's own 50: kneeling with the tops of the feet
  flat on the mat, the midfoot points too, and the drawn foot is one straight segment.
  The hip turns out to 60 with the hip bent (sitting), as in Kapandji, *The Physiology of the
  Joints*, vol. 2; 45 is the norm measured lying face down. Hip flexion goes to 130, its
  passive range (the thigh drawn in by the hands or a seated forward lean), ten degrees past
  the active norm of 120. The forearm turns about its own length some 80 degrees each way
  from the mid position (thumb up): pronation 80, supination 80 (AAOS, as above). The
  skeleton's zero is the anatomical position's palm facing forward, at about the end of
  supination, so `forearm_rot` runs from 0 through the mid position (80) to the palm facing
  back (160, full pronation).
- spine and neck: American Medical Association, *Guides to the Evaluation of Permanent
  Impairment*, 5th ed. (2001), ch. 15 (cervical flexion 50, extension 60, lateral bending 45,
  rotation 80; thoracic flexion 50, rotation 30; lumbar flexion 60, extension 25, lateral
  bending 25). The shoulder girdle (the collarbone at the sternoclavicular joint) turns
  forward (protraction) and back (retraction) some 15 to 30 degrees each way (Neumann DA,
  *Kinesiology of the Musculoskeletal System*, 2nd ed., ch. 5). Lumbar rotation is small
  (about 15 degrees in all, White & Panjabi, *Clinical Biomechanics of the Spine*, 2nd ed.).
The body's own orientation (`body_pitch`, `body_roll`, `body_yaw`) is not a joint: it says
how the whole body lies in the room (e.g. `body_pitch: -90` lies on the back). Nor is
`belly_rise`: the millimetres a breath in lifts the front of the belly off the spine (up to
40, a deep belly breath), shown by the `belly` point and drawn as the trunk's front edge
moving out (core/drawing.py); no bone moves.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import field

from stretchapp.core.records import record

HEIGHT = 1700.0  # mm

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]


@record
class Joint:
    name: str
    low: float
    high: float
    doc: str
    unit: str = "degrees"  # or "mm" (belly_rise)

    def clamp(self, value: float) -> float:
        return min(self.high, max(self.low, value))


def _joints() -> tuple[Joint, ...]:
    out = [
        Joint(
            "body_pitch", -180, 180, "the whole body tips forward (+) or back (-90: on the back)"
        ),
        Joint("body_roll", -180, 180, "the whole body rolls about its length to its right (+)"),
        Joint("body_yaw", -180, 180, "the whole body turns in the room toward its left (+)"),
        Joint("lumbar_flex", -25, 60, "lower back rounds forward (+) or arches (-)"),
        Joint("lumbar_bend", -25, 25, "lower back bends toward the right (+) or left (-)"),
        Joint("lumbar_twist", -15, 15, "lower back turns the chest toward the left (+)"),
        Joint("thoracic_flex", -25, 50, "upper back rounds forward (+) or arches (-)"),
        Joint("thoracic_bend", -25, 25, "upper back bends toward the right (+) or left (-)"),
        Joint("thoracic_twist", -30, 30, "upper back turns the chest toward the left (+)"),
        Joint("neck_flex", -60, 50, "chin toward the chest (+) or head back (-)"),
        Joint("neck_bend", -45, 45, "head tilts toward the right (+) or left (-)"),
        Joint("neck_twist", -80, 80, "head turns toward the left (+)"),
        Joint(
            "belly_rise",
            0,
            40,
            "the belly's front rises with a breath in, in mm (not an angle); the back stays put",
            "mm",
        ),
    ]
    for side in ("l", "r"):
        out += [
            Joint(f"hip_flex_{side}", -30, 130, "thigh forward (+) or back (-)"),
            Joint(f"hip_abd_{side}", -30, 45, "thigh out to the side (+) or across (-)"),
            Joint(f"hip_rot_{side}", -45, 60, "thigh turns the knee outward (+) or in"),
            Joint(f"knee_flex_{side}", 0, 150, "knee bends"),
            Joint(f"ankle_flex_{side}", -75, 20, "foot up (+) or points (-)"),
            Joint(f"shoulder_flex_{side}", -60, 180, "arm forward and up (+) or back (-)"),
            Joint(f"shoulder_abd_{side}", -30, 180, "arm out to the side and up (+)"),
            Joint(f"shoulder_rot_{side}", -70, 90, "upper arm turns outward (+) or in"),
            Joint(
                f"shoulder_protract_{side}",
                -30,
                30,
                "shoulder blade glides forward round the chest (+) or back toward the spine (-)",
            ),
            Joint(f"elbow_flex_{side}", 0, 150, "elbow bends"),
            Joint(
                f"forearm_rot_{side}",
                0,
                160,
                "forearm turns the palm from facing forward toward the body and back (pronation)",
            ),
            Joint(f"wrist_flex_{side}", -70, 80, "palm side of the hand bends (+) or back"),
        ]
    return tuple(out)


JOINTS: tuple[Joint, ...] = _joints()
JOINT_BY_NAME: dict[str, Joint] = {j.name: j for j in JOINTS}
ROOT_JOINTS = ("body_pitch", "body_roll", "body_yaw")
# Mirroring left for right: these change sign, sided joints swap sides.
_SIGNED: tuple[str, ...] = ("body_roll", "body_yaw", "lumbar_bend", "lumbar_twist")
_SIGNED += ("thoracic_bend", "thoracic_twist", "neck_bend", "neck_twist")


def mirror_name(name: str) -> str:
    if name.endswith("_l"):
        return name[:-2] + "_r"
    if name.endswith("_r"):
        return name[:-2] + "_l"
    return name


def mirror_angles(angles: Mapping[str, float]) -> dict[str, float]:
    """The same pose on the other side: sided joints swap, sideways motions change sign."""
    return {mirror_name(k): (-v if k in _SIGNED else v) for k, v in angles.items()}


# ---- segment lengths (fractions of height, Drillis & Contini) -------------------------------

H = HEIGHT
HIP_Y = 0.530 * H
SHOULDER_Y = 0.818 * H
THIGH = (0.530 - 0.285) * H
SHANK = (0.285 - 0.039) * H
ANKLE_Y = 0.039 * H
FOOT = 0.152 * H
UPPER_ARM = 0.186 * H
FOREARM = 0.146 * H
HAND = 0.108 * H
HIP_HALF = 0.5 * 0.191 * H * 0.55  # hip joint centres lie inside the hip breadth
SHOULDER_HALF = 0.5 * 0.259 * H * 0.75  # shoulder joint centres, inside the acromions
PELVIS_SEG = 0.07 * H  # hip centre to the lumbosacral joint
WAIST_SEG = 0.09 * H  # lumbar
CHEST_SEG = 0.818 * H - HIP_Y - PELVIS_SEG - WAIST_SEG + 0.03 * H  # to the neck's base
NECK_SEG = 0.065 * H
HEAD_R = 0.062 * H

# (depth front-to-back, breadth side-to-side) of the trunk at each torso point
TRUNK_DEPTH = (0.125 * H, 0.115 * H, 0.135 * H, 0.11 * H)
TRUNK_BREADTH = (0.19 * H, 0.16 * H, 0.19 * H, 0.17 * H)
BELLY_FRONT = 0.058 * H  # from the lumbar spine forward to the front of the resting belly


# ---- small 3D maths --------------------------------------------------------------------------


def rx(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def ry(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def rz(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def mul(a: Mat, b: Mat) -> Mat:
    (a0, a1, a2), (b0, b1, b2) = a, b
    return (
        (
            a0[0] * b0[0] + a0[1] * b1[0] + a0[2] * b2[0],
            a0[0] * b0[1] + a0[1] * b1[1] + a0[2] * b2[1],
            a0[0] * b0[2] + a0[1] * b1[2] + a0[2] * b2[2],
        ),
        (
            a1[0] * b0[0] + a1[1] * b1[0] + a1[2] * b2[0],
            a1[0] * b0[1] + a1[1] * b1[1] + a1[2] * b2[1],
            a1[0] * b0[2] + a1[1] * b1[2] + a1[2] * b2[2],
        ),
        (
            a2[0] * b0[0] + a2[1] * b1[0] + a2[2] * b2[0],
            a2[0] * b0[1] + a2[1] * b1[1] + a2[2] * b2[1],
            a2[0] * b0[2] + a2[1] * b1[2] + a2[2] * b2[2],
        ),
    )


def apply(m: Mat, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def dist(a: Vec, b: Vec) -> float:
    return math.dist(a, b)


IDENTITY: Mat = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))
_MIRROR: Mat = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, -1.0))


def _sided(m: Mat, side: str) -> Mat:
    """A left-side rotation as the right side does it (conjugated by the z mirror)."""
    return m if side == "l" else mul(_MIRROR, mul(m, _MIRROR))


# ---- the posed body -------------------------------------------------------------------------


@record(hot=True)
class Body:
    """Joint positions and segment frames of one posed body, in the body's own frame.

    `points` names every joint and landmark; `frames` the orientation of the segments whose
    cross-section matters to the drawing (pelvis, waist, chest, head, feet, hands).
    """

    points: dict[str, Vec]
    frames: dict[str, Mat]
    cache: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def moved(self, rotation: Mat, offset: Vec) -> Body:
        if rotation is IDENTITY:
            return Body({k: add(p, offset) for k, p in self.points.items()}, self.frames)
        return Body(
            {k: add(apply(rotation, p), offset) for k, p in self.points.items()},
            {k: mul(rotation, f) for k, f in self.frames.items()},
        )


# The bones whose lengths never change: (from, to).
BONES: tuple[tuple[str, str], ...] = (
    ("hip_c", "lumbar"),
    ("lumbar", "thoracic"),
    ("thoracic", "neck_base"),
    ("neck_base", "head_joint"),
    ("hip_l", "knee_l"),
    ("knee_l", "ankle_l"),
    ("ankle_l", "toe_l"),
    ("shoulder_l", "elbow_l"),
    ("elbow_l", "wrist_l"),
    ("wrist_l", "fingers_l"),
    ("hip_r", "knee_r"),
    ("knee_r", "ankle_r"),
    ("ankle_r", "toe_r"),
    ("shoulder_r", "elbow_r"),
    ("elbow_r", "wrist_r"),
    ("wrist_r", "fingers_r"),
)


def _ball(flex: float, abd: float, rot: float, side: str) -> Mat:
    """A ball joint (hip, shoulder): turn about the limb's axis, out to the side, forward."""
    return _sided(mul(rz(flex), mul(rx(abd), ry(rot))), side)


def pose_body(angles: Mapping[str, float]) -> Body:
    """Forward kinematics: the body for these joint angles (degrees; missing ones are 0).

    The hip centre is at the origin and the body's orientation (`body_*`) is applied.
    """

    def a(name: str) -> float:
        return float(angles.get(name, 0.0))

    pts: dict[str, Vec] = {}
    frames: dict[str, Mat] = {}
    # turn about the room's vertical, tip forward or back, then roll about the body's long axis
    root = mul(ry(a("body_yaw")), mul(rz(-a("body_pitch")), ry(-a("body_roll"))))
    origin: Vec = (0.0, 0.0, 0.0)
    pts["hip_c"] = origin
    frames["pelvis"] = root
    pts["seat"] = apply(root, (-0.03 * H, -0.05 * H, 0.0))  # under the sitting bones
    pts["sacrum"] = apply(root, (-0.065 * H, 0.02 * H, 0.0))  # the back of the pelvis

    # the spine: lumbosacral joint, then waist (lumbar), chest (thoracic), neck, head
    lumbar = add(origin, apply(root, (-0.005 * H, PELVIS_SEG, 0.0)))
    pts["lumbar"] = lumbar
    waist = mul(root, mul(rz(-a("lumbar_flex")), mul(rx(a("lumbar_bend")), ry(a("lumbar_twist")))))
    frames["waist"] = waist
    thoracic = add(lumbar, apply(waist, (0.0, WAIST_SEG, 0.0)))
    pts["thoracic"] = thoracic
    chest = mul(
        waist,
        mul(rz(-a("thoracic_flex")), mul(rx(a("thoracic_bend")), ry(a("thoracic_twist")))),
    )
    frames["chest"] = chest
    neck_base = add(thoracic, apply(chest, (0.0, CHEST_SEG, 0.0)))
    pts["neck_base"] = neck_base
    pts["mid_back"] = add(thoracic, apply(chest, (-0.06 * H, 0.25 * CHEST_SEG, 0.0)))
    pts["upper_back"] = add(thoracic, apply(chest, (-0.065 * H, 0.65 * CHEST_SEG, 0.0)))
    pts["low_back"] = add(lumbar, apply(waist, (-0.058 * H, 0.4 * WAIST_SEG, 0.0)))
    pts["chest_front"] = add(thoracic, apply(chest, (0.065 * H, 0.6 * CHEST_SEG, 0.0)))
    # the front of the belly; a breath in lifts it off the spine (the back stays where it is)
    pts["belly"] = add(lumbar, apply(waist, (BELLY_FRONT + a("belly_rise"), 0.5 * WAIST_SEG, 0.0)))
    head = mul(chest, mul(rz(-a("neck_flex")), mul(rx(a("neck_bend")), ry(a("neck_twist")))))
    frames["head"] = head
    head_joint = add(neck_base, apply(head, (0.01 * H, NECK_SEG, 0.0)))
    pts["head_joint"] = head_joint
    pts["head"] = add(head_joint, apply(head, (0.012 * H, 0.045 * H, 0.0)))
    pts["back_of_head"] = add(pts["head"], apply(head, (-HEAD_R, 0.0, 0.0)))
    pts["forehead"] = add(pts["head"], apply(head, (HEAD_R * 0.8, HEAD_R * 0.5, 0.0)))

    for side, sign in (("l", -1.0), ("r", 1.0)):
        # leg
        hip = apply(root, (0.0, 0.0, sign * HIP_HALF))
        pts[f"hip_{side}"] = hip
        thigh = mul(
            root, _ball(a(f"hip_flex_{side}"), a(f"hip_abd_{side}"), a(f"hip_rot_{side}"), side)
        )
        frames[f"thigh_{side}"] = thigh
        knee = add(hip, apply(thigh, (0.0, -THIGH, 0.0)))
        pts[f"knee_{side}"] = knee
        pts[f"kneecap_{side}"] = add(knee, apply(thigh, (0.03 * H, 0.0, 0.0)))
        shank = mul(thigh, rz(-a(f"knee_flex_{side}")))
        frames[f"shank_{side}"] = shank
        ankle = add(knee, apply(shank, (0.0, -SHANK, 0.0)))
        pts[f"ankle_{side}"] = ankle
        foot = mul(shank, rz(a(f"ankle_flex_{side}")))
        frames[f"foot_{side}"] = foot
        pts[f"heel_{side}"] = add(ankle, apply(foot, (-0.025 * H, -0.018 * H, 0.0)))
        pts[f"ball_{side}"] = add(ankle, apply(foot, (0.07 * H, -0.02 * H, 0.0)))
        pts[f"toe_{side}"] = add(ankle, apply(foot, (0.105 * H, -0.022 * H, 0.0)))
        # arm
        # the collarbone turns about its inner end: the shoulder comes forward round the
        # chest (protraction) or draws back toward the spine (retraction); on hands and knees
        # the chest sinks between the shoulder blades or is pushed up away from the floor
        girdle = math.radians(a(f"shoulder_protract_{side}"))
        shoulder = add(
            neck_base,
            apply(
                chest,
                (
                    SHOULDER_HALF * math.sin(girdle),
                    -0.035 * H,
                    sign * SHOULDER_HALF * math.cos(girdle),
                ),
            ),
        )
        pts[f"shoulder_{side}"] = shoulder
        upper = mul(
            chest,
            _ball(
                a(f"shoulder_flex_{side}"),
                a(f"shoulder_abd_{side}"),
                a(f"shoulder_rot_{side}"),
                side,
            ),
        )
        frames[f"upper_arm_{side}"] = upper
        elbow = add(shoulder, apply(upper, (0.0, -UPPER_ARM, 0.0)))
        pts[f"elbow_{side}"] = elbow
        fore = mul(upper, rz(a(f"elbow_flex_{side}")))
        wrist = add(elbow, apply(fore, (0.0, -FOREARM, 0.0)))
        pts[f"wrist_{side}"] = wrist
        # the forearm turns about its own length after the elbow's bend (pronation): the
        # palm (+x) turns toward the body's middle, the thumb with it; the wrist stays put
        turn = a(f"forearm_rot_{side}")
        if turn:
            fore = mul(fore, _sided(ry(-turn), side))
        hand = mul(fore, rz(a(f"wrist_flex_{side}")))
        frames[f"hand_{side}"] = hand
        pts[f"fingers_{side}"] = add(wrist, apply(hand, (0.0, -HAND * 0.62, 0.0)))
        # the thumb's tip: forward of the palm and out to the thumb's side, so a hand reads
        # as a hand (a mitten with a thumb), never as a foot
        pts[f"thumb_{side}"] = add(wrist, apply(hand, (0.016 * H, -0.046 * H, sign * 0.014 * H)))
    return Body(pts, frames)


def belly_rise(body: Body) -> float:
    """How far (mm) a breath in has lifted the front of the belly off its resting place: the
    `belly_rise` the body was posed with (read back from its `belly` point, so it survives
    moving and mirroring the body)."""
    front = sub(body.points["belly"], body.points["lumbar"])
    return sum(front[i] * body.frames["waist"][i][0] for i in range(3)) - BELLY_FRONT


def mirror_body(body: Body) -> Body:
    """The body reflected through its mid-plane, with left and right names swapped."""
    return Body(
        {mirror_name(k): apply(_MIRROR, p) for k, p in body.points.items()},
        {mirror_name(k): mul(_MIRROR, mul(f, _MIRROR)) for k, f in body.frames.items()},
    )
