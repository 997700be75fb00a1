"""What the player, cards and contact sheet draw: a flat list of shapes, back to front.

The core poses a 3D body and projects it; the UI's renderer only paints these items.
Coordinates are scene millimetres, x to the right, y UP, the floor at y = 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from stretchapp.core.body.pose import KeyPose, StretchPose, Support, View
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
    "drawing_at",
    "is_moving",
    "still_drawing",
]

Point = tuple[float, float]  # scene millimetres, x to the right, y UP, the floor at y = 0


class Layer(IntEnum):
    FAR = 0  # far-side limbs are drawn a shade lighter
    MID = 1
    NEAR = 2


@dataclass(frozen=True)
class Limb:
    """One tapered, round-capped stroke through two or more points."""

    part: str  # e.g. "thigh_l", "torso", "upper_arm_r", "foot_l", "hand_r", "neck"
    points: tuple[Point, ...]
    widths: tuple[float, ...]  # stroke width in mm at each point
    layer: Layer
    highlight: bool  # the body part being stretched glows in the accent colour


@dataclass(frozen=True)
class Head:
    center: Point
    radius: float
    layer: Layer
    highlight: bool


@dataclass(frozen=True)
class Prop:
    kind: str  # "floor" | "mat" | "chair" | "roller" | "wall" | "desk" | "cushion"
    outline: tuple[Point, ...]  # a closed polygon (a roller's circle as a polygon)


Item = Limb | Head | Prop


@dataclass(frozen=True)
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
    """The figure at one moment of a session. Pure in its inputs."""
    return _stub()


def still_drawing(pose: StretchPose, key: int | None = None) -> Drawing:
    """One still picture for cards: key pose `key`, or the most telling one."""
    return _stub()


def is_moving(
    pose: StretchPose, phase: PhaseKind, elapsed_ms: int, phase_ms: int, rep_ms: int
) -> bool:
    """Whether the figure changes around this moment, so the UI should animate."""
    return False


def _stub() -> Drawing:
    # STUB: a standing figure seen from the side, until the body model lands.
    def limb(part: str, pts: tuple[Point, ...], w: tuple[float, ...], layer: Layer) -> Limb:
        return Limb(part, pts, w, layer, False)

    items: list[Item] = [
        Prop("floor", ((-600.0, 0.0), (600.0, 0.0), (600.0, -20.0), (-600.0, -20.0))),
        limb("thigh_r", ((0.0, 900.0), (10.0, 480.0)), (150.0, 100.0), Layer.FAR),
        limb("shank_r", ((10.0, 480.0), (0.0, 70.0)), (100.0, 70.0), Layer.FAR),
        limb("foot_r", ((-20.0, 35.0), (170.0, 35.0)), (70.0, 50.0), Layer.FAR),
        limb("upper_arm_r", ((0.0, 1400.0), (10.0, 1110.0)), (90.0, 75.0), Layer.FAR),
        limb("forearm_r", ((10.0, 1110.0), (30.0, 860.0)), (75.0, 60.0), Layer.FAR),
        limb("hand_r", ((30.0, 860.0), (35.0, 760.0)), (60.0, 50.0), Layer.FAR),
        limb(
            "torso", ((0.0, 900.0), (10.0, 1150.0), (0.0, 1420.0)), (300.0, 280.0, 320.0), Layer.MID
        ),
        limb("neck", ((0.0, 1420.0), (10.0, 1530.0)), (100.0, 100.0), Layer.MID),
        Head((20.0, 1630.0), 110.0, Layer.MID, False),
        limb("thigh_l", ((0.0, 900.0), (10.0, 480.0)), (150.0, 100.0), Layer.NEAR),
        limb("shank_l", ((10.0, 480.0), (0.0, 70.0)), (100.0, 70.0), Layer.NEAR),
        limb("foot_l", ((-20.0, 35.0), (170.0, 35.0)), (70.0, 50.0), Layer.NEAR),
        limb("upper_arm_l", ((0.0, 1400.0), (10.0, 1110.0)), (90.0, 75.0), Layer.NEAR),
        limb("forearm_l", ((10.0, 1110.0), (30.0, 860.0)), (75.0, 60.0), Layer.NEAR),
        limb("hand_l", ((30.0, 860.0), (35.0, 760.0)), (60.0, 50.0), Layer.NEAR),
    ]
    return Drawing(tuple(items), (-600.0, -50.0, 600.0, 1800.0))
