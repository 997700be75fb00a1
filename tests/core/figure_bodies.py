"""What the figure tests share: the bundled library, loaded once, and its posed bodies.

Imported by the figure test files as `from figure_bodies import ...` (pytest puts this folder
on the path, as it does tests/ui for layout_checks)."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

from stretchapp.core import drawing as drawing_module
from stretchapp.core.body import motion
from stretchapp.core.body import skeleton as sk
from stretchapp.core.body.pose import StretchPose
from stretchapp.core.drawing import Limb
from stretchapp.core.routines import Stretch, load_library

REPO = Path(__file__).resolve().parents[2]
LIBRARY = load_library(REPO / "routines", None, REPO / "assets")
STRETCHES = {s.id: s for s in LIBRARY.stretches.values() if s.pose is not None}


def pose_of(stretch_id: str) -> StretchPose:
    pose = STRETCHES[stretch_id].pose
    assert pose is not None
    return pose


def key_body(stretch_id: str, key: int) -> sk.Body:
    """A key pose's body placed as it is drawn (left side)."""
    pose = pose_of(stretch_id)
    k = pose.keys[key]
    state, *_ = drawing_module._state(pose, motion.Moment(k, k, 0.0, False))
    return state.placed.body


def rep_ms(stretch: Stretch) -> int:
    """A repetition's length in ms, 0 for a hold."""
    return stretch.tempo * 1000 if stretch.hold is None else 0


def trunk_top(trunk: list[Limb], x: float) -> float:
    """The top of the drawn trunk's outline at `x` (its pieces are tapered capsules): on
    hands and knees, the back."""
    top = -math.inf
    for limb in trunk:
        for (a, b), (wa, wb) in zip(
            itertools.pairwise(limb.points), itertools.pairwise(limb.widths), strict=False
        ):
            for k in range(41):
                t = k / 40
                cx, cy = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
                r = (wa + (wb - wa) * t) / 2
                if abs(x - cx) <= r:
                    top = max(top, cy + math.sqrt(r * r - (x - cx) ** 2))
    return top
