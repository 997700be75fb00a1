"""Plane geometry and colour contrast shared by the figure's tests (core and widget).

Imported as `from tests.figure_geometry import ...`. Pure Python: colours only need the
`redF()`, `greenF()`, `blueF()` of a QColor."""

from __future__ import annotations

import math
from typing import Protocol

from stretchapp.core.drawing import Limb

Point = tuple[float, float]


def closest_on_segment(q: Point, a: Point, b: Point) -> tuple[Point, float]:
    """The point of the segment a-b nearest to q, and how far along it lies (0 at a, 1 at b)."""
    ab = (b[0] - a[0], b[1] - a[1])
    n = ab[0] ** 2 + ab[1] ** 2
    t = 0.0 if n == 0 else max(0.0, min(1.0, ((q[0] - a[0]) * ab[0] + (q[1] - a[1]) * ab[1]) / n))
    return (a[0] + ab[0] * t, a[1] + ab[1] * t), t


def gap_2d(q: Point, limb: Limb) -> float:
    """How far a point of the picture is from a drawn limb's edge (mm; < 0 inside it)."""
    best = math.inf
    for (a, wa), (b, wb) in zip(
        zip(limb.points, limb.widths, strict=True),
        zip(limb.points[1:], limb.widths[1:], strict=True),
        strict=False,
    ):
        c, t = closest_on_segment(q, a, b)
        best = min(best, math.dist(q, c) - (wa + (wb - wa) * t) / 2)
    return best


def inside_polygon(q: Point, outline: tuple[Point, ...]) -> float:
    """How far a point of the picture is inside a drawn outline (mm; < 0 outside)."""
    edge = math.inf
    inside = False
    for a, b in zip(outline, outline[1:] + outline[:1], strict=True):
        crosses = (a[1] > q[1]) != (b[1] > q[1])
        if crosses and q[0] < a[0] + (b[0] - a[0]) * (q[1] - a[1]) / (b[1] - a[1]):
            inside = not inside
        edge = min(edge, math.dist(q, closest_on_segment(q, a, b)[0]))
    return edge if inside else -edge


class Colour(Protocol):
    def redF(self) -> float: ...
    def greenF(self) -> float: ...
    def blueF(self) -> float: ...


def contrast(a: Colour, b: Colour) -> float:
    """The WCAG contrast ratio of two opaque colours."""

    def lum(c: Colour) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    la, lb = lum(a), lum(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def ring_around(limb: Limb, ring: float) -> list[Point]:
    """Points on the outline of the limb's drawn shape widened by `ring` mm: 36 round each of
    21 centres along each tapered piece (some fall inside the shape of a neighbouring piece:
    callers keep those nearer the outline by `gap_2d`)."""
    points = []
    for (a, b), wa, wb in zip(
        zip(limb.points, limb.points[1:], strict=False), limb.widths, limb.widths[1:], strict=False
    ):
        for k in range(21):
            t = k / 20
            cx, cy = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
            r = (wa + (wb - wa) * t) / 2 + ring
            for j in range(36):
                points.append(
                    (cx + r * math.cos(math.pi * j / 18), cy + r * math.sin(math.pi * j / 18))
                )
    return points
