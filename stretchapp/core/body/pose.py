"""A stretch's pose as data: key poses (named joint angles), view, support, props, highlight.

This is what the `pose` field of a stretch in a routine file loads into.
"""

from __future__ import annotations

from enum import StrEnum

from stretchapp.core.records import record


class View(StrEnum):
    SIDE = "side"  # seen from the body's left
    FRONT = "front"
    TOP = "top"
    THREE_QUARTER = "three-quarter"  # from the front left, a little above


class Support(StrEnum):
    FLOOR = "floor"  # lying, kneeling or sitting on a mat on the floor
    STANDING = "standing"  # feet on the bare floor
    CHAIR = "chair"
    ROLLER = "roller"


@record
class KeyPose:
    """One key pose: joint angles in degrees by joint name (missing joints are 0).

    `contacts`, when given, replaces the pose's contacts for this key (a foot lifts off).
    `dwell` is the share of a repetition the figure stays in this key (None: the default).
    `roller` is where the foam roller sits under the trunk in this key.
    `move` is the share of a repetition spent moving from this key to the next (None: an
    equal share of what the dwells and the other keys' moves leave).
    """

    name: str
    angles: tuple[tuple[str, float], ...] = ()
    contacts: tuple[str, ...] | None = None
    dwell: float | None = None
    roller: str | None = None
    line: int = 0
    move: float | None = None

    def angle_map(self) -> dict[str, float]:
        return dict(self.angles)


@record
class StretchPose:
    """Everything needed to draw a stretch's figure at any moment.

    `keys` are the key poses of the left side (or the only side). A repetition moves from
    the first key through the others and back once per repetition; a hold eases from the
    first key into the last and stays there. `right`, when given, is the right side's own
    key poses; otherwise the right side is the left side mirrored. `contacts` rest on the
    support throughout and hold the body in place. `cycle_ms`, when set, makes a hold move
    through its keys at that period too (rolling on a foam roller, breathing).
    """

    keys: tuple[KeyPose, ...]
    view: View = View.SIDE
    support: Support = Support.FLOOR
    props: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    highlight: tuple[str, ...] = ()
    right: tuple[KeyPose, ...] | None = None
    cycle_ms: int = 0
    azimuth: float | None = None  # where round the body the camera stands, for the view's own
    elevation: float | None = None
    card_azimuth: float | None = None  # the library card's camera, where it is not the above
    card_elevation: float | None = None
    still: int | None = None  # the key a still picture shows (None: the last)
    cue: str | None = None  # the body point a motion arrow follows (core/cue.py), or None
    line: int = 0  # where the pose starts in its file, for messages
