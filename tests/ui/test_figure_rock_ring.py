"""A pelvic tilt's arrow is a ring hugging the pelvis (core/cue.py, ROCKS): drawn over the
whole body, over the thigh's root and the hands resting on the hip bones, it is parted from
them by the thin gap a near limb cuts, in the card's colour, so it reads as a ring round the
pelvis in front of the body rather than a teal smear merged with the thigh (pt61). At full
size the ring lies at the pelvis itself (ROCK_AT_PELVIS), over the teal pelvis too: parted
from it alike."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from stretchapp.core.cue import _obstacles, clearance
from stretchapp.core.drawing import Limb, Prop, still_drawing
from stretchapp.core.palette import DARK, LIGHT, Palette
from stretchapp.core.routines import load_library
from stretchapp.ui.figure import GAP_MM, fit, inks
from tests.ui.figure_images import render_image

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_the_pelvic_tilt_ring_is_parted_from_the_thigh_it_crosses(
    qtbot: QtBot, palette: Palette
) -> None:
    pose = load_library(REPO / "routines", None, REPO / "assets").stretches["pelvic-tilt"].pose
    assert pose is not None
    drawing = still_drawing(pose, 1)  # the tilted key's two-headed ring at the pelvis
    arrow = drawing.items[-1]
    assert isinstance(arrow, Prop) and arrow.kind == "cue"
    # the thigh's root, the hands and the (teal) pelvis it crosses
    under = ("thigh", "hand", "forearm", "pelvis")
    shapes = _obstacles(
        [i for i in drawing.items if isinstance(i, Limb) and i.part.startswith(under)]
    )
    w, h = 1600, 1200
    image = render_image(drawing, palette, w, h)
    to_px = fit(drawing.frame, QRectF(0, 0, w, h))
    card, cue_ink = QColor(palette.surface), QColor(inks(palette).stretched)

    def pixel(q: tuple[float, float]) -> QColor:
        p = to_px.map(QPointF(*q))
        return image.pixelColor(round(p.x()), round(p.y()))

    def near(a: QColor, b: QColor) -> bool:
        return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 30

    # the band's two edges (see tests/core/test_figure_cue.py, band_line: two heads)
    n = (len(arrow.outline) - 15 - 15) // 2
    checked = 0
    for i in range(2, n - 2):
        a, b = arrow.outline[i], arrow.outline[2 * n + 14 - i]
        d = math.dist(a, b)
        ux, uy = (a[0] - b[0]) / d, (a[1] - b[1]) / d
        for edge, sign in ((a, 1.0), (b, -1.0)):
            out = (edge[0] + sign * ux * 0.3 * GAP_MM, edge[1] + sign * uy * 0.3 * GAP_MM)
            if clearance(out, shapes) > -2 * GAP_MM:
                continue  # not well inside what it crosses
            checked += 1
            assert near(pixel(out), card), (i, out, pixel(out).name())
        middle = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        if clearance(middle, shapes) < -2 * GAP_MM:
            assert near(pixel(middle), cue_ink), (i, pixel(middle).name())
    assert checked >= 3, checked  # it does cross them (the thigh's root)
