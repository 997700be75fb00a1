"""A seated twist's arrow is a ring round the trunk crossing in front of the chest (rv42:
"draw it as a flat ring around the trunk, the front part crossing in front of the chest"):
painted over the chest, it passes behind the upper arms beside it, stopping short of each by
the thin gap a near limb cuts, as a handout draws a line going behind; and the body keeps its
own parting gaps (painted as one layer, an upper arm still parts from the chest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPolygonF
from pytestqt.qtbot import QtBot

from stretchapp.core.drawing import Drawing, Limb, Prop, card_pose, still_drawing
from stretchapp.core.palette import DARK, LIGHT, Palette
from stretchapp.core.routines import load_library
from stretchapp.ui.figure import GAP_MM, fit, inks
from tests.figure_geometry import contrast, gap_2d, ring_around
from tests.ui.figure_images import render_image

REPO = Path(__file__).resolve().parents[2]
LIBRARY = load_library(REPO / "routines", None, REPO / "assets")
APART = 1.3  # the least contrast between a gap's pixels and the ink it parts


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_the_twist_ring_passes_behind_the_upper_arms_over_the_chest(
    qtbot: QtBot, palette: Palette
) -> None:
    player = LIBRARY.stretches["seated-twist"].pose
    assert player is not None
    # as the card sees it, and as the player does from nearer the front (ab202), where the
    # upper arms lie along the chest's sides and fewer points beside them are over the
    # chest alone: 3 of them parted by the arm's own gap (at least 4 on the card)
    check_ring(still_drawing(card_pose(player), 1), palette, 4)
    check_ring(still_drawing(player, 1), palette, 3)


def check_ring(drawing: Drawing, palette: Palette, least: int) -> None:
    (arrow,) = [i for i in drawing.items if isinstance(i, Prop) and i.kind == "cue"]
    limbs = {i.part: i for i in drawing.items if isinstance(i, Limb)}
    w, h = 1600, 1200
    image = render_image(drawing, palette, w, h)
    to_px = fit(drawing.frame, QRectF(0, 0, w, h))
    ring = QPolygonF([QPointF(x, y) for x, y in arrow.outline])
    cue_ink, chest_ink = QColor(inks(palette).stretched), QColor(inks(palette).mid)

    def pixel(q: tuple[float, float]) -> QColor:
        p = to_px.map(QPointF(*q))
        return image.pixelColor(round(p.x()), round(p.y()))

    def in_ring(q: tuple[float, float], by: float) -> list[bool]:
        return [
            ring.containsPoint(QPointF(q[0] + dx, q[1] + dy), Qt.FillRule.OddEvenFill)
            for dx, dy in ((0, 0), (by, 0), (-by, 0), (0, by), (0, -by))
        ]

    behind, parted = 0, 0
    for side in ("l", "r"):
        arm = limbs[f"upper_arm_{side}"]
        others = [i for p, i in limbs.items() if "arm" not in p and p != "chest"]
        for q in ring_around(arm, GAP_MM / 4):
            if gap_2d(q, arm) < GAP_MM / 8:
                continue  # inside a neighbouring piece of the arm
            if all(in_ring(q, 4.0)):  # the ring stops short of the arm: a gap, no arrow ink
                assert contrast(pixel(q), cue_ink) >= APART, q
                behind += 1
            elif (
                not any(in_ring(q, 8.0))
                and gap_2d(q, limbs["chest"]) < -8.0
                and all(gap_2d(q, o) > 4.0 for o in others)
            ):  # over the chest only: the arm's own gap parts it from the chest
                assert contrast(pixel(q), chest_ink) >= APART, q
                parted += 1
    assert behind >= 4 and parted >= least, (behind, parted)
