"""Draws the core's posed body (a `Drawing`) with QPainter, in the app's calm style.

Every limb is one solid, tapered, round-capped shape: the outline of a chain of capsules (two
circles of the limb's widths joined by their common tangents), all wound the same way so the
chain fills as one piece with no seams. Items are drawn back to front; the far side of the
body is a shade lighter than the near side so the two read apart without outlines; the part
being stretched is marked in the accent colour inside its own outline (a part of the trunk
filled in it, an arm or a leg with an accent band down its middle), never past it. Props
share the style: mat and chair in the soft accent, a cushion in a soft warm oat, wall and
desk in a quiet grey, a foam roller in a warm clay of its own (its near end, with a hollow,
in a stronger shade; its length shaded round, a darker band along its underside and a lit
stripe along its top, and its shadow on the mat).

The drawing is fitted into the target rectangle by its frame (the same for every pose of a
stretch, so a movement never jumps), aspect kept and centred. `FigureCache`
(ui/figure_cache.py) keeps the painted pixmaps of the last few poses, so a still pose costs
one pixmap copy to repaint.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QRegion,
    QTransform,
)

from stretchapp.core.drawing import TRUNK, Drawing, Head, Item, Layer, Limb, Prop
from stretchapp.core.palette import DARK, LIGHT, Palette
from stretchapp.core.records import record

MARGIN = 0.04  # of the target's size, kept free around the frame
CHAINS = {"arm": ("upper_arm", "forearm", "hand", "thumb"), "leg": ("thigh", "shank", "foot")}
GAP_MM = 14.0
GAP_MIN_PX = 1.2  # the gap is at least this wide (pixels), at any size
# Round a head resting face down (`FACE_DOWN`) the gap is at least this wide, and so is the
# one a near arm crossing it cuts into it (`_over_face_down`): at card size (120x90, some
# 16 mm a pixel) the 1.2-pixel edge between the head and the chest or the far arm behind it
# blurred into the trunk's ink in places (its faintest pixel 1.05:1 against the head's ink),
# and blind reviewers could not pick the head out of "one blob". At 2 pixels every pixel of
# that edge stands 1.6:1 or more off the head (light and dark); from some 145 px per metre
# up GAP_MM is wider anyway, so a full-size figure is unchanged.
FACE_DOWN_GAP_PX = 2.0
# A stretched arm or leg keeps a rim of its own ink this wide (a fraction of its width, at
# least BAND_RIM_PX) round an accent band down its middle; a band narrower than BAND_MIN_PX
# is not drawn (the limb keeps its ink).
BAND_RIM = 0.22
BAND_RIM_PX = 1.2
BAND_MIN_PX = 1.5
# Painting on these, the body gets a layer of its own (QPaintDevice.devType values: widget,
# image, pixmap); anything else (the SVG generator, a printer) is painted as vectors.
RASTER_DEVICES = (1, 2, 3)  # the thin gap round a near limb that crosses the body
# At card size the nose, the only cue to which way the face looks, would stand out of the
# head by a pixel or two and vanish: it stands out at least this far, this thick (pixels),
# enough for a stranger to tell the face side of a small head at a glance. A head larger
# than SMALL_HEAD_PX (radius, pixels) eases to the floor that holds at every size, so a
# player-sized face keeps its true nose.
NOSE_MIN_PX = 3.6
NOSE_MIN_WIDTH_PX = 4.0
NOSE_FLOOR_PX = 2.4
NOSE_FLOOR_WIDTH_PX = 3.2
SMALL_HEAD_PX = (12.0, 20.0)  # the full card minimum up to the first, the floor from the second
EDGE_PX = 2  # antialiasing and rounding: how far past its shape an item can touch pixels


@record
class Inks:
    """The colours one theme draws a figure with."""

    body: QColor  # the near side
    mid: QColor  # torso, head and neck: between near and far
    far: QColor  # limbs on the far side, a shade lighter
    far_stretched: QColor  # a far arm or leg being stretched (a figure-4's crossed leg): one
    # step stronger than the far ink, between it and the trunk's
    stretched: QColor  # the part being stretched itself
    soft: QColor  # the mat
    shadow: QColor  # on the mat, under a body lifted off it: the mat's colour, darker
    chair: QColor  # a chair: thin legs and rails, so a shade stronger than the mat in dark
    cushion: QColor  # a pillow under the head: a soft warm oat, apart from the mat and head
    prop: QColor  # wall, desk
    roller: QColor  # a foam roller's length, and the hollow of its end: a warm foam colour
    prop_end: QColor  # the end of a roller that faces the viewer: the strongest prop, as in a
    # side view it is all of the roller there is to see
    roller_shade: QColor  # the underside of a roller's length, between it and its end's shade
    roller_light: QColor  # a lit stripe along the top of a roller's length
    floor: QColor
    hair: QColor  # short hair over the top and back of the head: which way it faces


def _mix(a: str, b: str, t: float) -> QColor:
    """a blended towards b by t (0..1)."""
    ca, cb = QColor(a), QColor(b)
    return QColor.fromRgbF(
        ca.redF() + (cb.redF() - ca.redF()) * t,
        ca.greenF() + (cb.greenF() - ca.greenF()) * t,
        ca.blueF() + (cb.blueF() - ca.blueF()) * t,
    )


def inks(palette: Palette) -> Inks:
    dark = palette is DARK
    body = "#D5DCE1" if dark else "#2F3B45"  # the illustration ink of ui.md, per theme
    # Three steps of one ink, near limbs to trunk to far limbs, each far enough apart to
    # tell at card size (tests/ui/test_figure.py): a near arm or thigh on the trunk at least
    # 1.6:1 (at 1.4 and less they merged for older eyes), the far limbs on the mat at least
    # 2.5:1 (at 2.1 hands and feet blurred into it); the mat a little paler in light and
    # darker in dark to leave that room, still plainly a mat on the card (blind review, 30 Nov).
    return Inks(
        body=QColor(body),
        mid=_mix(body, palette.surface, 0.29 if dark else 0.155),
        far=_mix(body, palette.surface, 0.46 if dark else 0.35),
        # The crossed leg of a figure-4, the whole point of the picture, in the far ink was
        # the palest thing in it and merged with the leg it rests on (blind review, round
        # 21): a far limb being stretched is one step stronger, halfway to the trunk.
        far_stretched=_mix(body, palette.surface, 0.375 if dark else 0.25),
        stretched=_mix(palette.accent, body, 0.12),
        soft=_mix(palette.accent_soft, palette.accent, 0.10 if dark else 0.20),
        shadow=_mix(
            _mix(palette.accent_soft, palette.accent, 0.10 if dark else 0.20).name(),
            "#000000" if dark else body,
            0.3 if dark else 0.22,
        ),
        chair=_mix(palette.accent_soft, palette.accent, 0.36 if dark else 0.30),
        # The pillow in a soft warm oat, of the palette's warm greys rather than its mint: a
        # paler mint one read as a corner of the mat. It stands apart from the mat and the
        # head lying on it (contrast 1.5 or more), and is greyer and paler than the clay of
        # a roller.
        cushion=QColor("#7A736C" if dark else "#ADA398"),
        prop=QColor("#6B7780" if dark else "#AEB7BE"),
        # The roller in a muted warm clay of the palette's warm greys (window, border), the
        # one warm thing in the picture: a grey roller the shade of the far limbs read as a
        # far limb or as nothing, and under the trunk a teal one would merge with the accent
        # of the part it rolls. Each shade stands apart from the far limbs, the body, the mat,
        # the floor and the card (contrast 1.35 or more; tests/ui/test_figure.py): one shade
        # lighter than the far limbs, one darker, the end the stronger on the card, round a
        # hollow in the side's shade.
        roller=QColor("#82634A" if dark else "#BA977F"),
        prop_end=QColor("#D2B79D" if dark else "#85604A"),
        # Shaded as a cylinder (a band of shade along the underside, a lit stripe along the
        # top), the roller's length reads as round and lying across the mat, not as a flat
        # slanted bar (ab123)
        roller_shade=_mix("#82634A", "#5E4633", 0.6) if dark else _mix("#BA977F", "#85604A", 0.5),
        roller_light=_mix("#82634A", "#D2B79D", 0.45) if dark else _mix("#BA977F", "#FFFFFF", 0.38),
        floor=_mix(palette.border, body, 0.16 if dark else 0.14),
        # the hair a step darker than the head (the trunk's ink) in both themes, as hair
        # reads: in light a shade past the near limbs, in dark between the head and the far
        # limbs, so it stands apart from the head and from a near limb crossing it
        hair=_mix(body, "#000000", 0.3) if not dark else _mix(body, palette.surface, 0.62),
    )


_INKS = {id(LIGHT): inks(LIGHT), id(DARK): inks(DARK)}


def inks_for(palette: Palette) -> Inks:
    found = _INKS.get(id(palette))
    return found if found is not None else inks(palette)


def fit(frame: tuple[float, float, float, float], rect: QRectF) -> QTransform:
    """Scene millimetres (y up) to the rectangle's pixels (y down), aspect kept, centred."""
    x0, y0, x1, y1 = frame
    fw, fh = max(1e-6, x1 - x0), max(1e-6, y1 - y0)
    inner = rect.adjusted(
        rect.width() * MARGIN,
        rect.height() * MARGIN,
        -rect.width() * MARGIN,
        -rect.height() * MARGIN,
    )
    scale = min(inner.width() / fw, inner.height() / fh)
    ox = inner.x() + (inner.width() - fw * scale) / 2
    oy = inner.y() + (inner.height() - fh * scale) / 2
    # x' = ox + (x - x0) * s ; y' = oy + (y1 - y) * s
    return QTransform(scale, 0, 0, -scale, ox - x0 * scale, oy + y1 * scale)


def _capsule(
    path: QPainterPath, a: tuple[float, float], ra: float, b: tuple[float, float], rb: float
) -> None:
    """Add the outline of two circles joined by their outer tangents, wound clockwise (in a
    y-up scene) like every other capsule, so overlapping capsules fill as one shape."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    d = math.hypot(dx, dy)
    if d <= abs(ra - rb) + 1e-6:  # one circle holds the other
        big, r = (a, ra) if ra >= rb else (b, rb)
        _circle(path, big, r)
        return
    theta = math.atan2(dy, dx)
    phi = math.acos(max(-1.0, min(1.0, (ra - rb) / d)))
    # Scene angles are y-up; Qt's arcTo angles count the other way in these coordinates,
    # so each angle is passed negated.
    start = theta + phi
    path.moveTo(a[0] + ra * math.cos(start), a[1] + ra * math.sin(start))
    path.lineTo(b[0] + rb * math.cos(start), b[1] + rb * math.sin(start))
    path.arcTo(
        QRectF(b[0] - rb, b[1] - rb, 2 * rb, 2 * rb), -math.degrees(start), math.degrees(2 * phi)
    )
    end = theta - phi
    path.lineTo(a[0] + ra * math.cos(end), a[1] + ra * math.sin(end))
    path.arcTo(
        QRectF(a[0] - ra, a[1] - ra, 2 * ra, 2 * ra),
        -math.degrees(end),
        math.degrees(2 * math.pi - 2 * phi),
    )
    path.closeSubpath()


def _circle(path: QPainterPath, c: tuple[float, float], r: float) -> None:
    """A circle wound the same way as the capsules."""
    path.moveTo(c[0] + r, c[1])
    path.arcTo(QRectF(c[0] - r, c[1] - r, 2 * r, 2 * r), 0.0, 360.0)
    path.closeSubpath()


def limb_path(limb: Limb, grow: float = 0.0, outline: bool = False) -> QPainterPath:
    """The limb's solid outline in scene millimetres: one tapered, round-capped shape;
    `grow` widens it all round by that many millimetres (for gaps: filling a grown shape is
    far cheaper than stroking the outline with a wide pen); a negative one narrows it (for
    the accent band down a stretched limb), each round end to no less than a point.
    `outline`: a limb through three or more points as one outline rather than a capsule a
    segment (see `_envelope`), to be filled; kept to capsules for the paths that are cut from
    or tested against each other (gaps, a far arm's own shape), where Qt's path clipper gives
    a slightly different answer for the two."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    points, widths = limb.points, limb.widths
    if not points:
        return path
    if len(points) == 1:
        _circle(path, points[0], max(0.0, widths[0] / 2 + grow))
        return path
    radii = [widths[min(i, len(widths) - 1)] / 2 + grow for i in range(len(points))]
    if outline and len(points) > 2 and _envelope(path, points, radii):
        return path
    for i in range(len(points) - 1):
        ra = max(0.0, widths[min(i, len(widths) - 1)] / 2 + grow)
        rb = max(0.0, widths[min(i + 1, len(widths) - 1)] / 2 + grow)
        _capsule(path, points[i], ra, points[i + 1], rb)
    return path


def _envelope(
    path: QPainterPath, points: Sequence[tuple[float, float]], radii: list[float]
) -> bool:
    """Add the outline of a chain of capsules (through three or more points) as one shape,
    wound like a capsule: the same area as the capsules one by one, with fewer path elements
    and no edges inside it, which the rasteriser pays for on every row they cross (a trunk
    piece drawn along its curve is three to five capsules, wider than they are long). Where
    a joint turns outwards its circle's arc joins the two tangents; where it turns inwards
    the tangents meet. False, with nothing added, when that would not be the capsules'
    outline (a circle holding its neighbour, a sharp turn, a circle reaching past a tangent
    or over an arc): the chain is then drawn capsule by capsule."""
    chain = _Chain(points, radii)
    if not (chain.tangents() and chain.outline() and chain.clear()):
        return False
    chain.add_to(path)
    return True


Point2 = tuple[float, float]
LINE = -1  # a piece of `_Chain.pieces` that is a line (to x, y) rather than a joint's arc
CLEAR_MM = 1e-3  # how far a circle may reach past the outline: rounding, nothing to see


class _Chain:
    """The outline of a chain of capsules, worked out piece by piece (see `_envelope`)."""

    __slots__ = ("down", "lines", "pieces", "points", "radii", "up")

    def __init__(self, points: Sequence[Point2], radii: list[float]) -> None:
        self.points, self.radii = points, radii
        self.up: list[float] = []  # each segment's tangent on its left (y up), and right
        self.down: list[float] = []
        # clockwise (y up): (LINE, x, y) or (joint, start angle, sweep)
        self.pieces: list[tuple[int, float, float]] = []
        self.lines: list[tuple[Point2, Point2, int]] = []  # each tangent drawn, its segment

    def at(self, i: int, angle: float) -> Point2:
        (x, y), r = self.points[i], self.radii[i]
        return (x + r * math.cos(angle), y + r * math.sin(angle))

    def tangents(self) -> bool:
        points, radii = self.points, self.radii
        for i in range(len(points) - 1):
            (ax, ay), (bx, by) = points[i], points[i + 1]
            d = math.hypot(bx - ax, by - ay)
            if d <= abs(radii[i] - radii[i + 1]) + 1e-6:  # one circle holds the other
                return False
            theta = math.atan2(by - ay, bx - ax)
            phi = math.acos(max(-1.0, min(1.0, (radii[i] - radii[i + 1]) / d)))
            self.up.append(theta + phi)
            self.down.append(theta - phi)
        return True

    def outline(self) -> bool:
        n = len(self.points)
        return self._side(self.up, range(n - 1), 1) and self._side(
            self.down, range(n - 2, -1, -1), -1
        )

    def _side(self, angles: list[float], order: range, step: int) -> bool:
        """One side's tangents, walked in `order`, and the round end after the last."""
        cur = self.at(order[0] + (0 if step > 0 else 1), angles[order[0]])
        for k, i in enumerate(order):
            j1 = i + 1 if step > 0 else i
            end = self.at(j1, angles[i])
            if k == len(order) - 1:
                self.lines.append((cur, end, i))
                self.pieces.append((LINE, *end))
                if step > 0:
                    self.pieces.append((j1, self.up[-1], self.down[-1] - self.up[-1]))
                else:
                    sweep = self.up[0] - self.down[0] - 2 * math.pi
                    self.pieces.append((j1, self.down[0], sweep))
                return True
            nxt = order[k + 1]
            swing = (angles[nxt] - angles[i] + math.pi) % (2 * math.pi) - math.pi
            if abs(swing) > math.pi / 2:
                return False
            if swing <= 1e-9:  # turns outwards (or runs straight on): the joint's arc
                self.lines.append((cur, end, i))
                self.pieces.append((LINE, *end))
                self.pieces.append((j1, angles[i], swing))
                cur = self.at(j1, angles[nxt])
                continue
            meet = self._meet(self.at(j1 - step, angles[i]), end, angles[nxt], j1, step)
            if meet is None:
                return False
            self.lines.append((cur, meet, i))
            self.pieces.append((LINE, *meet))
            cur = meet
        return True

    def _meet(self, p0: Point2, p1: Point2, angle: float, j: int, step: int) -> Point2 | None:
        """Where the tangent p0-p1 meets the next one (at `angle`, from joint j on), at a
        joint that turns inwards; None if not within both."""
        q0, q1 = self.at(j, angle), self.at(j + step, angle)
        ex, ey = p1[0] - p0[0], p1[1] - p0[1]
        fx, fy = q1[0] - q0[0], q1[1] - q0[1]
        den = ex * fy - ey * fx
        if abs(den) < 1e-12:
            return None
        t = ((q0[0] - p0[0]) * fy - (q0[1] - p0[1]) * fx) / den
        u = ((q0[0] - p0[0]) * ey - (q0[1] - p0[1]) * ex) / den
        if not (0.0 <= t <= 1.0 and 0.0 <= u <= 1.0):
            return None
        return (p0[0] + t * ex, p0[1] + t * ey)

    def clear(self) -> bool:
        """Nothing of another circle reaches past a tangent drawn or over an arc's middle.
        (A joint's own neighbours cannot reach over its arc: it lies on their capsules'
        round ends.)"""
        points = self.points
        inner = [(r - CLEAR_MM) ** 2 for r in self.radii]
        for (ax, ay), (bx, by), i in self.lines:
            dx, dy = bx - ax, by - ay
            length2 = dx * dx + dy * dy or 1.0
            for j, (cx, cy) in enumerate(points):
                if j == i or j == i + 1:
                    continue
                s = ((cx - ax) * dx + (cy - ay) * dy) / length2
                s = 0.0 if s < 0.0 else 1.0 if s > 1.0 else s
                ex, ey = ax + s * dx - cx, ay + s * dy - cy
                if ex * ex + ey * ey < inner[j]:
                    return False
        for i, start, sweep in self.pieces:
            if i == LINE:
                continue
            x, y = self.at(i, start + 0.5 * sweep)
            for j, (cx, cy) in enumerate(points):
                if (j < i - 1 or j > i + 1) and (x - cx) ** 2 + (y - cy) ** 2 < inner[j]:
                    return False
        return True

    def add_to(self, path: QPainterPath) -> None:
        pieces = self.pieces
        path.moveTo(*self.at(0, self.up[0]))
        for k, (i, a, b) in enumerate(pieces):
            if i == LINE:
                # (an arc is joined to the point before it by a line of its own)
                if k + 1 == len(pieces) or pieces[k + 1][0] == LINE:
                    path.lineTo(a, b)
                continue
            (cx, cy), r = self.points[i], self.radii[i]
            path.arcTo(QRectF(cx - r, cy - r, 2 * r, 2 * r), -math.degrees(a), -math.degrees(b))
        path.closeSubpath()


def head_path(head: Head, grow: float = 0.0) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    _circle(path, head.center, head.radius + grow)
    return path


def _shape(item: Limb | Head, grow: float = 0.0, outline: bool = False) -> QPainterPath:
    return limb_path(item, grow, outline) if isinstance(item, Limb) else head_path(item, grow)


def _size(item: Limb | Head) -> float:
    return max(item.widths, default=0.0) if isinstance(item, Limb) else 2 * item.radius


# A head resting face down on the mat among the arms (core/drawing.py puts it, with its nose,
# on the near layer): its own chain, parted by the near limbs' thin gap from the neck, the
# chest and the far arm drawn before it, in the trunk's own ink.
FACE_DOWN = "head"


def _group(item: Limb | Head) -> str:
    """Limbs of one chain (upper arm, forearm, hand) part from the rest, not from each other.
    A far shoulder half, drawn in its arm's shade right behind its upper arm, goes with the
    arm: grouped with the trunk it split the far arm's run in two (one more fill a frame)."""
    if isinstance(item, Head):
        return FACE_DOWN if item.layer == Layer.NEAR else "body"
    return _group_of(item.part, item.layer)


@functools.lru_cache(maxsize=256)
def _group_of(part: str, layer: Layer) -> str:
    # (asked some 140 times a frame: kept by part and layer)
    if part == "nose" and layer == Layer.NEAR:
        return FACE_DOWN
    base, _, side = part.rpartition("_")
    for chain, members in CHAINS.items():
        if base in members:
            return f"{chain}_{side}"
    if base == "shoulder" and layer == Layer.FAR:
        return f"arm_{side}"
    return "body"


def _limb_ink(ink: Inks, layer: Layer, strong: bool = False) -> QColor:
    if layer == Layer.FAR:
        return ink.far_stretched if strong else ink.far
    if layer == Layer.MID:
        return ink.mid
    return ink.body


# each prop's ink (an Inks field), by its kind; any other prop (wall, desk) in `prop`
PROP_INKS = {
    "mat": "soft",
    "shadow": "shadow",
    "roller_shadow": "shadow",
    "chair": "chair",
    "cushion": "cushion",
    "floor": "floor",
    "cue": "stretched",
    "roller_end": "prop_end",
    "roller": "roller",
    "roller_core": "roller",
    "roller_shade": "roller_shade",
    "roller_light": "roller_light",
}


def _prop_ink(ink: Inks, kind: str) -> QColor:
    colour: QColor = getattr(ink, PROP_INKS.get(kind, "prop"))
    return colour


Run = list[Limb | Head]  # consecutive items of one chain on one layer


def _runs(items: tuple[Limb | Head, ...]) -> list[Run]:
    runs: list[Run] = []
    for item in items:
        if runs and _group(runs[-1][0]) == _group(item) and runs[-1][0].layer == item.layer:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


# What a fill of a run is painted in: the accent (True), the run's own ink (False), or the
# head's hair ("hair", over the head, under everything after it)
Fill = bool | str


@record(hot=True)
class _Prepared:
    """A run's paths: each item's shape in order (stretched or not), the accent band down
    its stretched limbs (`bands`), the gap a near chain cuts (as one shape, and item by item:
    `cuts`), and the box all of that can paint on (scene millimetres)."""

    group: str
    layer: Layer
    strong: bool  # a far chain being stretched (see `stretched_far`)
    bands: QPainterPath | None  # inside the fills' outline: it paints nothing past them
    fills: tuple[tuple[Fill, QPainterPath], ...]
    gap: QPainterPath | None
    bounds: QRectF
    cuts: tuple[QPainterPath, ...]


LIMBS = frozenset(part for chain in CHAINS.values() for part in chain)


def _tinted(item: Limb | Head) -> bool:
    """Whether a stretched item is filled in the accent: the trunk's parts and the marks of
    core/drawing.py (low back, flank, buttock) are; an arm or a leg keeps a rim of the body's
    ink round an accent band (`_band`), as a thigh filled in the accent read as a seat or a
    tray rather than a leg (blind review, 29 Nov); a far one being stretched has no band
    (`_banded`)."""
    if not item.highlight:
        return False
    return not (isinstance(item, Limb) and item.part.rpartition("_")[0] in LIMBS)


def stretched_far(items: Sequence[Item]) -> frozenset[str]:
    """The far arms and legs (as `_group` names them) with a stretched part: each is drawn
    one ink step stronger than the far side, and parted from what it crosses by the thin
    gap a near limb cuts, so a figure-4's crossed shin reads on the thigh it rests on (in
    the far ink it was the palest thing in the picture and merged with that thigh: blind
    review, round 21)."""
    return frozenset(
        _group(item)
        for item in items
        if isinstance(item, Limb)
        and item.layer == Layer.FAR
        and item.highlight
        and item.part.rpartition("_")[0] in LIMBS
    )


def _edged(run: Run, strong: bool) -> bool:
    """Whether the run cuts a thin gap round itself into what was drawn before it: a near
    chain, a far chain being stretched, and a far arm. A far arm drawn in the far ink over
    a far leg (a seated twist's hand on the knee) merged with it, grey on the same grey, and
    where the hand landed could not be seen (blind review rv28a); over nothing it cuts
    nothing, so an arm that crosses no other limb is drawn as before."""
    return bool(_edging(run, strong))


def _is_shoulder(item: Limb | Head) -> bool:
    """A shoulder half (core/drawing.py `_shoulders`): part of the trunk's outline, so it
    never cuts a gap, even when it goes with a far arm's run (`_group`)."""
    return isinstance(item, Limb) and item.part.startswith("shoulder_")


FAR_ARM_EDGED = ("forearm", "hand", "thumb")  # of a far arm, the parts with an edge


def _edging(run: Run, strong: bool) -> list[Limb | Head]:
    """The items of the run whose outline cuts the gap (see `_edged`): all of them, or of a
    far arm not being stretched its forearm and hand only (its upper arm's round end at the
    shoulder showed a pale ring where the arm leaves the trunk)."""
    layer = run[0].layer
    if layer == Layer.NEAR or (strong and layer == Layer.FAR):
        return [item for item in run if not _is_shoulder(item)]
    if layer != Layer.FAR or not _group(run[0]).startswith("arm_"):
        return []
    return [
        item
        for item in run
        if isinstance(item, Limb) and item.part.rpartition("_")[0] in FAR_ARM_EDGED
    ]


def _marked_on_top(run: Run) -> Run:
    """The run with a stretched pelvis moved after the other trunk parts next to it in the
    run, when it is the trunk's only mark: the trunk is one ink, so only the mark's extent
    changes. Drawn in depth order, the waist's round end covered most of a stretched pelvis
    seen from the side, and with no halo round it a glute bridge's lifted hips showed a thin
    teal crescent at most. With the low back or the waist marked too, the pelvis's mark
    joins theirs where it is (lifted, its round end cut a notch into a pelvic tilt's band),
    and a stretched waist keeps its place (drawn over the pelvis and the chest, it became a
    round disc on the belly)."""
    out = list(run)
    if not any(_lifted(item) for item in out) or any(
        _tinted(item) and not _lifted(item) for item in out if isinstance(item, Limb)
    ):
        return out
    trunk = [isinstance(item, Limb) and item.part in TRUNK for item in out]
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and trunk[j]:
            j += 1
        if j - i > 1:
            out[i:j] = sorted(out[i:j], key=_lifted)
        i = max(j, i + 1)
    return out


def _lifted(item: Limb | Head) -> bool:
    return isinstance(item, Limb) and item.part == "pelvis" and _tinted(item)


def _banded(run: Run, strong: bool) -> bool:
    """Whether the run's stretched limbs get an accent band: not a far chain being stretched
    (`stretched_far`), whose stronger ink already marks it. A figure-4's crossed thigh, two
    thin grey edges round a teal stripe, read as a strap or a see-through limb, not a thigh
    (blind review by a physiotherapist); drawn solid, the stretch shows on the pelvis."""
    return not (strong and run[0].layer == Layer.FAR)


def _prepare(run: Run, px: float, strong: bool = False) -> _Prepared:
    run = _marked_on_top(run)
    bands = QPainterPath()  # the accent bands down the stretched limbs
    bands.setFillRule(Qt.FillRule.WindingFill)  # one shape: overlaps fill once
    for item in run if _banded(run, strong) else ():
        if item.highlight and not _tinted(item):
            band = _band(item, px)
            if band is not None:
                bands.addPath(band)
    fills: list[tuple[Fill, QPainterPath]] = []
    bounds = QRectF()
    # (a far arm's fills are also its own shape, spared when a later part of it cuts a gap)
    outline = run[0].layer != Layer.FAR or not _group(run[0]).startswith("arm_")
    for item in run:
        shape = _shape(item, 0.0, outline)
        bounds = bounds.united(shape.boundingRect())
        fills.append((_tinted(item), shape))
        if isinstance(item, Head) and item.hair:
            hair = QPainterPath()
            hair.addPolygon(QPolygonF([QPointF(x, y) for x, y in item.hair]))
            hair.closeSubpath()
            fills.append(("hair", hair))
    gap = None
    cuts = tuple(_gap(item, px) for item in _edging(run, strong))
    if cuts:
        gap = QPainterPath()
        gap.setFillRule(Qt.FillRule.WindingFill)
        for piece in cuts:
            gap.addPath(piece)
        bounds = bounds.united(gap.boundingRect())
    return _Prepared(
        _group(run[0]),
        run[0].layer,
        strong,
        None if bands.isEmpty() else bands,
        tuple(fills),
        gap,
        bounds,
        cuts,
    )


# The paths of the runs painted lately, by the run and the size: a movement's steps come round
# in every repetition, and a run that stayed put is painted again in the next frame. A
# repetition's worth of the bundled stretches (some 10 to 80 steps of about a dozen runs each;
# 800 runs take about 10 MB). Building them cost about an eighth of a frame.
KEPT_RUNS = 800


def _prepared(run: Run, px: float, strong: bool = False) -> _Prepared:
    return _kept(tuple(run), px, strong)


@functools.lru_cache(maxsize=KEPT_RUNS)
def _kept(run: tuple[Limb | Head, ...], px: float, strong: bool) -> _Prepared:
    return _prepare(list(run), px, strong)


def _paint_run(
    painter: QPainter,
    run: Run | _Prepared,
    ink: Inks,
    px: float,
    strong: bool = False,
    each: bool = True,
) -> None:
    """The run's shapes in their order (back to front): a head drawn after a stretched chest
    stays on top; then the accent band down its stretched limbs, inside their outline.
    Nothing is painted past the body's own outline: a soft halo round the stretched part read
    as swelling or a second body and hid where the body met the floor or a roller (blind
    review rv32). `strong`: a run not prepared yet belongs to a far chain being stretched
    (`stretched_far`).

    `each`: every shape filled on its own (on a raster device); else one fill per stretch of
    items of one colour (all shapes wound alike, so overlaps fill once: the vector output).
    The inks are opaque, so a shape filled over another of its ink leaves no seam; only where
    two shapes' antialiased edges share a pixel does its shade differ, by at most some 50 of
    255 (a joint's outline). Qt's raster engine cuts a fill into bands of rows and walks the
    whole path again for each, so a fill of several shapes costs more than their fills one
    by one: painting a moving frame's body took a sixth less (`_cut` likewise)."""
    prepared = run if isinstance(run, _Prepared) else _prepare(run, px, strong)
    colour = _limb_ink(ink, prepared.layer, prepared.strong)
    if prepared.group == FACE_DOWN:
        colour = ink.mid  # a head parted like a near limb, in the trunk's ink
    for fill, path in prepared.fills if each else _merged(prepared.fills):
        painter.fillPath(path, ink.hair if fill == "hair" else ink.stretched if fill else colour)
    if prepared.bands is not None:
        painter.fillPath(prepared.bands, ink.stretched)


def _merged(
    fills: Sequence[tuple[Fill, QPainterPath]],
) -> list[tuple[Fill, QPainterPath]]:
    """The shapes as one path per stretch of them of one colour (stretched, hair or not)."""
    out: list[tuple[Fill, QPainterPath]] = []
    for tinted, shape in fills:
        if not out or out[-1][0] != tinted:
            path = QPainterPath()
            path.setFillRule(Qt.FillRule.WindingFill)
            out.append((tinted, path))
        out[-1][1].addPath(shape)
    return out


def _band(item: Limb | Head, px: float) -> QPainterPath | None:
    """The accent band down a stretched limb: its own shape shrunk by a rim of BAND_RIM of
    its width (at least BAND_RIM_PX), or None where what is left would be under BAND_MIN_PX
    wide."""
    rim = max(_size(item) * BAND_RIM, BAND_RIM_PX * px)
    if _size(item) - 2 * rim < BAND_MIN_PX * px:
        return None
    return _shape(item, -rim)


def _gap(item: Limb | Head, px: float) -> QPainterPath:
    return _shape(item, gap_width(item, px) / 2)


def gap_width(item: Limb | Head, px: float) -> float:
    """The width of the thin gap the item cuts round itself (millimetres, at `px` millimetres
    a pixel): GAP_MM, at least GAP_MIN_PX pixels; round a head resting face down, at least
    FACE_DOWN_GAP_PX."""
    least = FACE_DOWN_GAP_PX if _group(item) == FACE_DOWN else GAP_MIN_PX
    return max(GAP_MM, least * px)


def backdrop(drawing: Drawing) -> Drawing:
    """The props drawn before any part of the body (floor, mat, chair behind it): behind all
    of it, so the same in every frame of a movement and worth painting once."""
    count = 0
    for item in drawing.items:
        if not isinstance(item, Prop):
            break
        count += 1
    return Drawing(drawing.items[:count], drawing.frame)


def changed_bounds(old: Drawing, new: Drawing, rect: QRectF, skip: int = 0) -> QRectF:
    """The pixels of `rect` that differ between two drawings of one stretch whose first
    `skip` items are the same: where the items that changed (moved, or came or went in the
    back-to-front order) were and are. An item that stayed put paints the same pixels, and
    nothing an item paints (gap, antialiasing) reaches beyond its bounds."""
    before, after = old.items[skip:], new.items[skip:]
    if old.frame != new.frame or len(before) != len(after):
        return figure_bounds(old, rect, skip).united(figure_bounds(new, rect, skip))
    pairs = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    if not pairs:
        return QRectF()
    if any(isinstance(item, Limb) and item.part == "nose" for pair in pairs for item in pair):
        # At small sizes the nose is drawn longer, out to NOSE_MIN_PX past the head's edge
        # (legible_face): the head's bounds hold it, so they are repainted with it.
        heads = [(a, b) for a, b in zip(before, after, strict=True) if isinstance(b, Head)]
        pairs += [pair for pair in heads if pair not in pairs]
    was = Drawing(tuple(a for a, _ in pairs), old.frame)
    now = Drawing(tuple(b for _, b in pairs), new.frame)
    strong = stretched_far(old.items) | stretched_far(new.items)
    return figure_bounds(was, rect, strong=strong).united(figure_bounds(now, rect, strong=strong))


def figure_bounds(
    drawing: Drawing, rect: QRectF, skip: int = 0, strong: frozenset[str] | None = None
) -> QRectF:
    """The pixels of `rect` that the drawing's items after the first `skip` can paint on:
    limbs, head and props with their gap and antialiasing. `strong`: the far chains
    being stretched, which cut a gap too (by default those of the drawing's own items)."""
    if strong is None:
        strong = stretched_far(drawing.items)
    transform = fit(drawing.frame, rect)
    px = 1.0 / max(transform.m11(), 1e-6)
    lows: list[float] = []  # each item's least x and y, less what it paints past them
    highs: list[float] = []
    for item in drawing.items[skip:]:
        if isinstance(item, Prop):
            points, r = item.outline, 0.0
        else:
            if isinstance(item, Limb):
                points, r = item.points, max(item.widths, default=0.0) / 2
            else:
                points, r = (item.center,), item.radius
            # what it paints past its shape: the gap a near limb cuts
            r += gap_width(item, px) / 2 if _edged([item], _group(item) in strong) else 0.0
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        lows += (min(xs) - r, min(ys) - r)
        highs += (max(xs) + r, max(ys) + r)
    if not lows:
        return QRectF()
    x0, y0 = min(lows[0::2]), min(lows[1::2])
    x1, y1 = max(highs[0::2]), max(highs[1::2])
    # (antialiasing; a nose drawn up to NOSE_MIN_PX longer than posed at small sizes)
    grow = NOSE_MIN_PX + EDGE_PX
    area = transform.mapRect(QRectF(x0, y0, x1 - x0, y1 - y0))
    return area.adjusted(-grow, -grow, grow, grow).intersected(rect)


def paint_drawing(
    painter: QPainter,
    drawing: Drawing,
    rect: QRectF,
    palette: Palette,
    background: str = "",
    skip: int = 0,
    exposed: QRectF | None = None,
) -> None:
    """Paint the drawing into `rect` (pixels) of whatever the painter paints on; `skip`
    leaves out that many items at the back (a backdrop already painted); `exposed`, when
    given, is all that needs painting (a paint event's rect): the body is drawn there only.

    Where a near chain (an arm, a leg) crosses body parts drawn before it, a thin gap parts
    them. On a raster device the body is painted on a layer of its own, and the gap is cut
    out of that layer, so it shows whatever lies behind (card, mat, floor); on a vector device
    (the SVG export) it is filled in `background` (default: the card colour), clipped to the
    body."""
    ink = inks_for(palette)
    transform = fit(drawing.frame, rect)
    px = 1.0 / max(transform.m11(), 1e-6)  # one pixel, in scene millimetres
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)  # the floor runs off the frame
    painter.setPen(Qt.PenStyle.NoPen)
    body: list[Limb | Head] = []
    strong = stretched_far(drawing.items)

    def paint_body() -> None:
        _paint_body(
            painter,
            tuple(body),
            transform,
            ink,
            px,
            background or palette.surface,
            exposed,
            strong,
        )

    # An arrow among the body's parts (a twist's ring in front of the chest) is painted over
    # the whole body, less the parts drawn after it and their gap: so it passes behind them
    # as a handout draws it, and the body stays one layer (split in two, a part could not
    # cut its parting gap out of those painted before the arrow)
    cues: list[tuple[Prop, int]] = []

    for item in legible_face(drawing.items[skip:], px):
        if isinstance(item, Prop) and item.kind == "cue" and body:
            cues.append((item, len(body)))
        elif isinstance(item, Prop):
            if body:  # a prop in front of part of the body: paint what is behind it first
                paint_body()
                _paint_cues(painter, cues, body, transform, ink, px, background or palette.surface)
                body, cues = [], []
            painter.save()
            painter.setTransform(transform, True)
            painter.setBrush(_prop_ink(ink, item.kind))
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in item.outline]))
            painter.restore()
        elif _shows(item, strong):
            body.append(item)
    if body:
        paint_body()
        _paint_cues(painter, cues, body, transform, ink, px, background or palette.surface)
    painter.restore()


def _paint_cues(
    painter: QPainter,
    cues: Sequence[tuple[Prop, int]],
    body: Sequence[Limb | Head],
    transform: QTransform,
    ink: Inks,
    px: float,
    background: str,
) -> None:
    """Arrows among the body's parts, each over the body painted before it: less the parts
    after it (`body[at:]`) and their gap, which it passes behind. One over the whole body (a
    pelvic tilt's ring round the pelvis, over the thigh and the hands) is parted from it by a
    gap of its own, as a near limb is, in `background` (the card's colour)."""
    for arrow, at in cues:
        shape = QPainterPath()
        shape.addPolygon(QPolygonF([QPointF(x, y) for x, y in arrow.outline]))
        shape.closeSubpath()
        box = shape.boundingRect()
        for part in body[at:]:
            gap = _gap(part, px)
            # (a boolean operation for every later part cost a moving frame some tenths of a
            # millisecond: only the parts that reach the arrow can cut it)
            if gap.boundingRect().intersects(box):
                shape = shape.subtracted(gap)
        painter.save()
        painter.setTransform(transform, True)
        if at == len(body):
            pen = QPen(QColor(background), max(GAP_MM, GAP_MIN_PX * px))  # as `_gap` parts a limb
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.strokePath(shape, pen)
        painter.fillPath(shape, _prop_ink(ink, arrow.kind))
        painter.restore()


def _shows(item: Limb | Head, strong: frozenset[str]) -> bool:
    """Whether painting the item can change a pixel: not a shape of no width that neither
    glows nor cuts a gap (a shoulder half seen from the side, narrowed away to nothing, is
    kept in the drawing so a movement keeps its parts, but painting it cost a fill of its
    own every frame: a far one is a run of one item)."""
    return item.highlight or _size(item) > 0.0 or _edged([item], _group(item) in strong)


def legible_face(items: Sequence[Item], px: float) -> tuple[Item, ...]:
    """The items with the nose drawn long and thick enough to see at `px` millimetres a
    pixel: at full size it is as posed; at a small card it stands `NOSE_MIN_PX` out of the
    head, pointing the way the face looks."""
    out = list(items)
    head = next((item for item in out if isinstance(item, Head)), None)
    if head is None:
        return tuple(out)
    for i, item in enumerate(out):
        if not isinstance(item, Limb) or item.part != "nose" or len(item.points) != 2:
            continue
        (bx, by), (tx, ty) = item.points
        dx, dy = tx - bx, ty - by
        length = math.hypot(dx, dy)
        if length < 0.3 * head.radius:  # the face turned toward or away from the viewer
            continue
        ux, uy = dx / length, dy / length
        small, large = SMALL_HEAD_PX
        card = min(1.0, max(0.0, (large - head.radius / px) / (large - small)))
        out_px = NOSE_FLOOR_PX + card * (NOSE_MIN_PX - NOSE_FLOOR_PX)
        width_px = NOSE_FLOOR_WIDTH_PX + card * (NOSE_MIN_WIDTH_PX - NOSE_FLOOR_WIDTH_PX)
        tip_w = max(item.widths[-1], width_px * 0.55 * px)
        base_w = max(item.widths[0], width_px * px)
        cx, cy = head.center
        # how far the tip's round end stands out of the head now, and how far it must
        reach = math.hypot(tx - cx, ty - cy) + tip_w / 2 - head.radius
        need = out_px * px
        grow = max(0.0, need - reach)
        if grow == 0.0 and base_w == item.widths[0] and tip_w == item.widths[-1]:
            continue
        tip = (tx + ux * grow, ty + uy * grow)
        out[i] = Limb(item.part, ((bx, by), tip), (base_w, tip_w), item.layer, item.highlight)
    return tuple(out)


def _paint_body(
    painter: QPainter,
    items: tuple[Limb | Head, ...],
    transform: QTransform,
    ink: Inks,
    px: float,
    background: str,
    exposed: QRectF | None = None,
    strong: frozenset[str] = frozenset(),
) -> None:
    runs = _runs(items)
    device = painter.device()
    if isinstance(device, QPaintDevice) and device.devType() in RASTER_DEVICES:
        _paint_body_layered(painter, items, transform, ink, px, exposed, strong)
        return
    painter.save()
    painter.setTransform(transform, True)
    drawn: dict[str, QPainterPath] = {}
    for run in runs:
        group = _group(run[0])
        if _edged(run, group in strong):
            under = QPainterPath()
            under.setFillRule(Qt.FillRule.WindingFill)
            gap = QPainterPath()
            gap.setFillRule(Qt.FillRule.WindingFill)
            for item in _edging(run, group in strong):
                gap.addPath(_gap(item, px))
            for name, shape in drawn.items():
                if name != group and shape.intersects(gap):
                    under.addPath(shape)
            if not under.isEmpty():
                # Vector output: the gap's own outline (SVG generators drop clip paths).
                painter.fillPath(gap.intersected(under.simplified()), QColor(background))
            head = drawn.get(FACE_DOWN) if group != FACE_DOWN else None
            wide = _over_face_down(run, head, px, group in strong)
            if wide is not None:
                painter.fillPath(wide, QColor(background))
        _paint_run(painter, run, ink, px, group in strong, each=False)
        chain = drawn.setdefault(group, QPainterPath())
        chain.setFillRule(Qt.FillRule.WindingFill)
        for item in run:
            chain.addPath(_shape(item))
    painter.restore()


def _paint_body_layered(
    painter: QPainter,
    items: tuple[Limb | Head, ...],
    transform: QTransform,
    ink: Inks,
    px: float,
    exposed: QRectF | None = None,
    strong: frozenset[str] = frozenset(),
) -> None:
    raw = _runs(items)
    runs = [_prepared(run, px, _group(run[0]) in strong) for run in raw]
    # The pixels each run can paint on (its shapes and gap, and antialiasing).
    reach = [transform.mapRect(run.bounds).toAlignedRect().adjusted(-2, -2, 2, 2) for run in runs]
    # The layer holds the body and a few pixels for antialiasing: only as much of
    # it as is exposed (a frame of a movement repaints the parts that moved), since filling
    # the shapes costs by the pixel.
    area = QRect()
    for run_reach in reach:
        area = area.united(run_reach)
    if exposed is not None:
        area = area.intersected(exposed.toAlignedRect())
        if area.isEmpty():
            return
    layer, out = _scratch(area, painter.device().devicePixelRatioF(), transform)
    seen: set[str] = set()
    painted = QRegion()  # where the runs painted so far can have painted (device pixels)
    arms: dict[str, list[_Prepared]] = {}  # far arms' runs painted so far, by chain
    before: list[_Prepared] = []
    head: QPainterPath | None = None  # a head resting face down, once painted
    for items_run, run, run_reach in zip(raw, runs, reach, strict=True):
        head = _fills_path(run) if run.group == FACE_DOWN else head
        if not run_reach.intersects(area):  # (a run that stayed put, away from what moved)
            seen.add(run.group)
            before.append(run)
            continue
        far_arm = run.layer == Layer.FAR and run.group.startswith("arm_")
        if run.gap is not None and seen - {run.group}:
            # The gap can only take away what is there: it is cut where runs before it may
            # have painted, which is far fewer pixels than all of its shape (a far arm over
            # nothing cuts nothing: not even tried, as that costs a fill of the gap)
            under = painted.intersected(run_reach)
            if not under.isEmpty() and (not far_arm or _crosses(run, before)):
                wide = _over_face_down(items_run, head, px, run.group in strong)
                _cut(out, run.cuts, under, area, transform, arms.get(run.group, ()))
                _cut(out, () if wide is None else (wide,), under, area, transform)
        if far_arm:
            arms.setdefault(run.group, []).append(run)
        _paint_run(out, run, ink, px)
        painted = painted.united(run_reach)
        seen.add(run.group)
        before.append(run)
    out.end()
    painter.drawImage(area.topLeft(), layer)


def _fills_path(run: _Prepared) -> QPainterPath:
    shape = QPainterPath()
    shape.setFillRule(Qt.FillRule.WindingFill)
    for _, fill in run.fills:
        shape.addPath(fill)
    return shape


def _over_face_down(
    run: Run, head: QPainterPath | None, px: float, strong: bool
) -> QPainterPath | None:
    """Where a near limb crosses a head resting face down (`head`: its shape, drawn before
    the limb), the gap it cuts into the head is as wide as the head's own
    (`FACE_DOWN_GAP_PX`): at card size the 1.2-pixel edge between the near arm and the head
    blurred away, and the head read as part of the arm and shoulder. None where there is no
    such head or the usual gap is as wide (full size)."""
    if head is None or _group(run[0]) == FACE_DOWN or FACE_DOWN_GAP_PX * px <= GAP_MM:
        return None
    grown = QPainterPath()
    grown.setFillRule(Qt.FillRule.WindingFill)
    for item in _edging(run, strong):
        grown.addPath(_shape(item, FACE_DOWN_GAP_PX * px / 2))
    if grown.isEmpty() or not grown.intersects(head):
        return None
    return grown.intersected(head)


def _scratch(
    area: QRect, ratio: float, transform: QTransform, clip: QRegion | None = None
) -> tuple[QImage, QPainter]:
    """A transparent image covering `area` (logical pixels, at `ratio`) and a painter on it
    that draws the scene's millimetres where they fall in `area`, antialiased, with no pen:
    the body's layer, or the mask of a gap. `clip`: the pixels (logical) it may paint."""
    image = QImage(
        max(1, round(area.width() * ratio)),
        max(1, round(area.height() * ratio)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.translate(-area.x(), -area.y())
    if clip is not None:
        painter.setClipRegion(clip)
    painter.setTransform(transform, True)
    return image, painter


def _crosses(run: _Prepared, before: Sequence[_Prepared]) -> bool:
    """Whether the run's gap meets the shapes of another chain's run drawn before it."""
    assert run.gap is not None
    box = run.gap.boundingRect()
    for other in before:
        if other.group == run.group or not other.bounds.intersects(box):
            continue
        if any(run.gap.intersects(path) for _, path in other.fills):
            return True
    return False


def _cut(
    out: QPainter,
    gap: Sequence[QPainterPath],
    under: QRegion,
    area: QRect,
    transform: QTransform,
    own: Sequence[_Prepared] = (),
) -> None:
    """Cut `gap` (its pieces, one fill each) out of the layer within `under` (device
    pixels), except where a far arm's own runs painted before it (`own`) lie: a far forearm
    drawn apart from its upper arm (over a thigh) leaves the elbow whole, with no ring cut
    round it (the vector path skips its own chain too)."""
    if not gap:
        return
    if own:
        _cut_sparing(out, gap, under, area, transform, own)
        return
    out.save()
    out.resetTransform()
    out.translate(-area.x(), -area.y())
    out.setClipRegion(under)  # (in pixels, not rounded to whole millimetres)
    out.setTransform(transform, True)
    # Transparent painted as Source: what each pixel keeps is what DestinationOut with an
    # opaque colour leaves, pixel for pixel, but Qt's raster engine fills Source with a
    # solid colour on its fast path, in half the time (a figure-4 frame cuts six gaps).
    out.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
    for piece in gap:
        out.fillPath(piece, QColor(0, 0, 0, 0))
    out.restore()


def _cut_sparing(
    out: QPainter,
    gap: Sequence[QPainterPath],
    under: QRegion,
    area: QRect,
    transform: QTransform,
    own: Sequence[_Prepared],
) -> None:
    """The gap less the arm's own shapes, as a mask of pixels: the gap filled, the shapes
    cleared from it, and the mask taken out of the layer. Taking one path from the other
    (QPainterPath.subtracted) drew the same but cost about 0.8 ms, in most frames of a
    figure-4; this costs a few small fills."""
    box = under.boundingRect()
    mask, cutter = _scratch(box, out.device().devicePixelRatioF(), transform, under)
    for piece in gap:
        cutter.fillPath(piece, QColor(0, 0, 0))
    cutter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
    for other in own:
        for _, shape in other.fills:
            cutter.fillPath(shape, QColor(0, 0, 0, 0))
    cutter.end()
    out.save()
    out.resetTransform()
    out.translate(-area.x(), -area.y())
    out.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOut)
    out.drawImage(box.topLeft(), mask)
    out.restore()


def render_pixmap(
    drawing: Drawing,
    width: int,
    height: int,
    palette: Palette,
    ratio: float = 1.0,
    background: str = "",
) -> QPixmap:
    """The drawing on a pixmap of this size (logical pixels): on `background` when given,
    else transparent (the gaps between near limbs and the body then use the card colour)."""
    pixmap = QPixmap(max(1, round(width * ratio)), max(1, round(height * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QColor(background) if background else Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_drawing(
        painter, drawing, QRectF(0, 0, width, height), palette, background or palette.surface
    )
    painter.end()
    return pixmap


def export_svg(
    drawing: Drawing, out: str, width: int, height: int, palette: Palette, background: str = ""
) -> None:
    """Write the drawing as an SVG file (for the docs), `width`×`height` px."""
    from PySide6.QtCore import QSize
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(out)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setTitle("StretchApp figure")
    painter = QPainter(generator)
    if background:
        painter.fillRect(QRectF(0, 0, width, height), QColor(background))
    paint_drawing(
        painter, drawing, QRectF(0, 0, width, height), palette, background or palette.surface
    )
    painter.end()
