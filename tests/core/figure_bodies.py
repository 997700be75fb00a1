"""What the figure tests share: the bundled library, loaded once, and its posed bodies.

Imported by the figure test files as `from figure_bodies import ...` (pytest puts this folder
on the path, as it does tests/ui for layout_checks)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from stretchapp.core import drawing as drawing_module
from stretchapp.core.body import motion
from stretchapp.core.body import skeleton as sk
from stretchapp.core.body.pose import StretchPose
from stretchapp.core.drawing import Limb
from stretchapp.core.routines import Stretch, load_library
from stretchapp.core.session import PhaseKind

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


def drawn_circles(limbs: Iterable[Limb]) -> Iterator[tuple[float, float, float]]:
    """The drawn limbs traced as circles (centre x, centre y, radius), 41 along each tapered
    piece: their union is the outline the renderer fills."""
    for limb in limbs:
        for (a, b), (wa, wb) in zip(
            itertools.pairwise(limb.points), itertools.pairwise(limb.widths), strict=False
        ):
            for k in range(41):
                t = k / 40
                yield a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, (wa + (wb - wa) * t) / 2


def trunk_top(trunk: list[Limb], x: float) -> float:
    """The top of the drawn trunk's outline at `x` (its pieces are tapered capsules): on
    hands and knees, the back."""
    return max(
        (
            cy + math.sqrt(r * r - (x - cx) ** 2)
            for cx, cy, r in drawn_circles(trunk)
            if abs(x - cx) <= r
        ),
        default=-math.inf,
    )


def rolling_moments(
    stretch_id: str, step_ms: int = 0, sides: tuple[str, ...] = ("left", "right")
) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """Every `step_ms` (default a tenth of a cycle) through two cycles of a rolling hold, on
    each side: (side, t, the session-time arguments of `body_at` and `drawing_at`)."""
    stretch = STRETCHES[stretch_id]
    pose = pose_of(stretch_id)
    assert stretch.hold is not None and pose.cycle_ms > 0
    for side in sides:
        for t in range(0, 2 * pose.cycle_ms + 1, step_ms or pose.cycle_ms // 10):
            yield (
                side,
                t,
                {
                    "phase": PhaseKind.STRETCH,
                    "elapsed_ms": 5000 + t,
                    "phase_ms": 1000 * stretch.hold,
                    "rep_ms": 0,
                    "side": side,
                },
            )
