"""A stretch's pose as data: key poses (named joint angles), view, support, props, highlight.

This is what the `pose` field of a stretch in a routine file loads into.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class View(StrEnum):
    SIDE = "side"  # seen from the figure's left, head to the right when lying
    FRONT = "front"
    TOP = "top"
    THREE_QUARTER = "three-quarter"


class Support(StrEnum):
    FLOOR = "floor"
    MAT = "mat"
    CHAIR = "chair"
    ROLLER = "roller"
    WALL = "wall"
    STANDING = "standing"


@dataclass(frozen=True)
class KeyPose:
    """One key pose: joint angles in degrees by joint name (missing joints are neutral)."""

    name: str
    angles: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class StretchPose:
    """Everything needed to draw a stretch's figure at any moment.

    `keys` are the key poses of the left side (or the only side); a repetition moves from the
    first key to the last and back once per rep; a hold shows the last key.
    `right`, when given, is the right side's own key poses; otherwise the right side is the
    left side mirrored.
    """

    keys: tuple[KeyPose, ...]
    view: View = View.SIDE
    support: Support = Support.FLOOR
    props: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    highlight: tuple[str, ...] = ()
    right: tuple[KeyPose, ...] | None = None
    breathe: bool = True
    line: int = 0  # where the pose starts in its file, for messages
