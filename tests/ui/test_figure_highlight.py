"""The mark on the part being stretched: inside the body's outline, never past it.

A soft pale halo round the stretched parts read, for both blind reviewers of rv32, as
swelling, a second body or a sticker, and hid what rested on the floor or a roller. The
mark is now drawn inside the part's own outline (a trunk part filled in the accent, an arm
or a leg with an accent band down its middle): every pixel the highlight changes lies on the
body, and the props round it (mat, floor, roller, chair) look exactly as without it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from stretchapp.core.drawing import Drawing, Head, Layer, Limb, Prop, still_drawing
from stretchapp.core.palette import DARK, LIGHT, Palette
from stretchapp.core.routines import load_library
from stretchapp.ui.figure import inks, paint_drawing
from tests.figure_geometry import contrast

REPO = Path(__file__).resolve().parents[2]
LIBRARY = load_library(REPO / "routines", None, REPO / "assets")
POSED = sorted(s.id for s in LIBRARY.stretches.values() if s.pose is not None)
SIZES = ((160, 120), (400, 300))


def unlit(drawing: Drawing) -> Drawing:
    """The same drawing with nothing marked as stretched."""
    items = tuple(
        replace(item, highlight=False) if isinstance(item, (Limb, Head)) else item
        for item in drawing.items
    )
    return Drawing(items, drawing.frame)


def paint(drawing: Drawing, size: tuple[int, int], palette: Palette, card: bool) -> QImage:
    image = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(palette.surface) if card else Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint_drawing(painter, drawing, QRectF(0, 0, *size), palette, palette.surface)
    painter.end()
    return image


def body_only(drawing: Drawing, size: tuple[int, int]) -> QImage:
    """The body alone (limbs and head, no props, nothing marked) on a transparent image."""
    items = tuple(i for i in unlit(drawing).items if not isinstance(i, Prop))
    return paint(Drawing(items, drawing.frame), size, LIGHT, card=False)


def on_body(body: QImage, x: int, y: int) -> bool:
    """Whether the body touches the pixel or one next to it (antialiasing)."""
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            u, v = x + dx, y + dy
            if 0 <= u < body.width() and 0 <= v < body.height() and body.pixelColor(u, v).alpha():
                return True
    return False


def changed(a: QImage, b: QImage) -> list[tuple[int, int]]:
    """The pixels that differ by more than a trace of rounding."""
    width, stride = a.width(), a.bytesPerLine()
    da, db = bytes(a.constBits()), bytes(b.constBits())
    out = []
    for y in range(a.height()):
        row_a, row_b = (
            da[y * stride : y * stride + 4 * width],
            db[y * stride : y * stride + 4 * width],
        )
        if row_a == row_b:
            continue
        for x in range(width):
            pa, pb = row_a[4 * x : 4 * x + 3], row_b[4 * x : 4 * x + 3]
            if max(abs(p - q) for p, q in zip(pa, pb, strict=True)) > 8:
                out.append((x, y))
    return out


@pytest.mark.parametrize("stretch_id", POSED)
def test_the_mark_stays_inside_the_body_and_leaves_the_props_alone(
    qtbot: QtBot, stretch_id: str
) -> None:
    """On the card and at 400x300, in both themes, every pixel the highlight changes lies on
    the body's own silhouette (within a pixel of antialiasing): nothing glows round it, and
    the mat, floor, roller or chair it rests on are drawn as without it (the old halo
    changed some 20 to 200 pixels past the body on each light card)."""
    pose = LIBRARY.stretches[stretch_id].pose
    assert pose is not None
    drawing = still_drawing(pose)
    plain = unlit(drawing)
    for size in SIZES:
        body = body_only(drawing, size)
        for palette in (LIGHT, DARK):
            lit = paint(drawing, size, palette, card=True)
            without = paint(plain, size, palette, card=True)
            outside = [p for p in changed(lit, without) if not on_body(body, *p)]
            assert not outside, (size, palette is DARK, len(outside), outside[:5])


def chroma(c: QColor) -> float:
    rgb = c.getRgbF()[:3]
    return max(rgb) - min(rgb)


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_the_mark_reads_on_the_card_and_on_the_body(palette: Palette) -> None:
    """Drawn only inside the body, the accent carries the mark alone: strong on the card
    (contrast at least 4.5, as a halo no longer frames it) and, on the greys of the body,
    told apart by its colour (the trunk's ink is about as light: contrast 1.0 to 1.3): a
    clear teal, well apart from each body ink."""
    ink = inks(palette)
    mark = ink.stretched
    assert contrast(mark, QColor(palette.surface)) >= 4.5
    assert mark.greenF() > mark.redF() and mark.blueF() > mark.redF()  # teal
    for name in ("body", "mid", "far", "far_stretched"):
        grey = getattr(ink, name)
        assert chroma(mark) - chroma(grey) >= 0.2, name
        apart = (
            sum((a - b) ** 2 for a, b in zip(mark.getRgb()[:3], grey.getRgb()[:3], strict=True))
            ** 0.5
        )
        assert apart >= 50, (name, apart)


def side_trunk(pelvis: bool, waist: bool, low_back: bool = False) -> Drawing:
    """A trunk seen from the side, drawn in depth order pelvis, waist, chest (and the low
    back's band along the bottom of the waist): the waist's round end overlaps the pelvis's
    from x 150 to 250."""
    band = Limb("low_back", ((280.0, 230.0), (380.0, 230.0)), (40.0, 40.0), Layer.MID, True)
    return Drawing(
        (
            Limb("pelvis", ((100.0, 300.0), (200.0, 300.0)), (200.0, 200.0), Layer.MID, pelvis),
            Limb("waist", ((250.0, 300.0), (400.0, 300.0)), (200.0, 200.0), Layer.MID, waist),
            Limb("chest", ((450.0, 300.0), (600.0, 300.0)), (200.0, 200.0), Layer.MID, False),
            *((band,) if low_back else ()),
        ),
        (0.0, 0.0, 700.0, 700.0),
    )


def shows(drawing: Drawing, x: float, y: float, want: QColor) -> bool:
    """Whether the drawing shows `want` at scene point (x, y) (frame 700 mm on 700 px)."""
    image = paint(drawing, (700, 700), LIGHT, card=True)
    seen = image.pixelColor(round(x), round(700 - y))
    return max(abs(a - b) for a, b in zip(seen.getRgb()[:3], want.getRgb()[:3], strict=True)) <= 3


def test_a_stretched_pelvis_alone_is_marked_whole_over_the_waist_s_round_end(
    qtbot: QtBot,
) -> None:
    """Drawn in depth order, the unmarked waist's round end covered most of a marked pelvis
    (a glute bridge's hips showed a thin crescent of teal): the pelvis, the trunk's only mark,
    is painted over it. With another part of the trunk marked, the order stays."""
    ink = inks(LIGHT)
    assert shows(side_trunk(True, False), 220.0, 300.0, ink.stretched)
    assert shows(side_trunk(True, False), 320.0, 300.0, ink.mid)  # the waist itself
    assert shows(side_trunk(False, True), 220.0, 300.0, ink.stretched)  # as before
    assert shows(side_trunk(False, False), 220.0, 300.0, ink.mid)
    # with the low back marked too (a pelvic tilt), the pelvis's mark stays where it was
    assert shows(side_trunk(True, False, low_back=True), 220.0, 300.0, ink.mid)


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("stretch_id", ["glute-bridge", "foam-roll-glutes"])
def test_the_hips_of_a_bridge_and_on_a_roller_are_marked_on_the_card(
    qtbot: QtBot, palette: Palette, stretch_id: str
) -> None:
    """On the 160x120 card the stretched pelvis shows: at least 150 pixels of the body
    change with the mark (about 45 when the waist covered it, 180 to 230 now)."""
    pose = LIBRARY.stretches[stretch_id].pose
    assert pose is not None
    drawing = still_drawing(pose)
    lit = paint(drawing, (160, 120), palette, card=True)
    without = paint(unlit(drawing), (160, 120), palette, card=True)
    assert len(changed(lit, without)) >= 150
