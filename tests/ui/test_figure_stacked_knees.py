"""The lower-back rotation's lowered knees, as painted on a card: they now lie together, one
on the other, with the feet together (a blind physiotherapist saw them "side by side",
lbr62), so the far leg lies mostly behind the near one. Its knee and its foot must still
show at card size, light and dark, both sides: a far leg that hides reads as one leg."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from stretchapp.core.drawing import Drawing, Layer, Limb, drawing_at, still_drawing
from stretchapp.core.palette import DARK, LIGHT, Palette
from stretchapp.core.routines import load_library
from stretchapp.core.session import PhaseKind
from stretchapp.ui.figure import fit
from tests.ui.figure_images import render_image

REPO = Path(__file__).resolve().parents[2]
LIBRARY = load_library(REPO / "routines", None, REPO / "assets")
ROTATION = "lower-back-rotation"
CARD = (160, 120)
# the least pixels of a 160x120 card that the far leg paints round its knee (within a knee's
# width of it) and with its foot: 80 and 40 with the knees and feet together (98 and 59 when
# they were apart); knees pressed 30 mm into each other left 66, feet overlapping 15 mm 20
KNEE_PX = 70
FOOT_PX = 30


def _lowered(side: str) -> Drawing:
    stretch = LIBRARY.stretches[ROTATION]
    pose = stretch.pose
    assert pose is not None
    if side == "left":
        return still_drawing(pose, len(pose.keys) - 1)
    rep = stretch.tempo * 1000
    return drawing_at(
        pose, phase=PhaseKind.STRETCH, elapsed_ms=rep // 2, phase_ms=3 * rep, rep_ms=rep, side=side
    )


def _painted_by(
    drawing: Drawing,
    parts: set[str],
    palette: Palette,
    near: tuple[tuple[float, float], float] | None = None,
) -> int:
    """How many card pixels change when these parts are left out (only within `near`, a
    page point and a radius in mm, when given)."""
    w, h = CARD
    whole = render_image(drawing, palette, w, h)
    kept = tuple(i for i in drawing.items if not (isinstance(i, Limb) and i.part in parts))
    without = render_image(dataclasses.replace(drawing, items=kept), palette, w, h)
    to_card = fit(drawing.frame, QRectF(0, 0, w, h))
    centre, radius = None, 0.0
    if near is not None:
        centre = to_card.map(QPointF(*near[0]))
        radius = near[1] * to_card.m11()
    count = 0
    for y in range(h):
        for x in range(w):
            if centre is not None:
                dx, dy = x + 0.5 - centre.x(), y + 0.5 - centre.y()
                if dx * dx + dy * dy > radius * radius:
                    continue
            a, b = QColor(whole.pixel(x, y)), QColor(without.pixel(x, y))
            count += abs(a.lightnessF() - b.lightnessF()) > 0.08
    return count


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_the_far_knee_and_foot_show_beside_the_near_ones_on_a_card(
    qtbot: QtBot, palette: Palette, side: str
) -> None:
    drawing = _lowered(side)
    limbs = {i.part: i for i in drawing.items if isinstance(i, Limb)}
    far = next(s for s in "lr" if limbs[f"thigh_{s}"].layer != Layer.NEAR)
    shin = limbs[f"shank_{far}"]
    knee = (shin.points[0], shin.widths[0])  # within a knee's width of the far knee
    leg = {f"thigh_{far}", f"shank_{far}"}
    assert _painted_by(drawing, leg, palette, near=knee) >= KNEE_PX
    assert _painted_by(drawing, {f"foot_{far}"}, palette) >= FOOT_PX
