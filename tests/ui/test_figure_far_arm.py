"""A far arm over a far leg: drawn in the same far ink, a seated twist's forearm lying over
its far thigh merged with it, and where the hand landed on the knee could not be seen (blind
review rv28a). A far forearm and hand are parted from what they cross by the thin gap a near
limb cuts; over nothing they cut nothing, so a card where no far arm crosses a limb is
drawn exactly as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from stretchapp.core.drawing import Drawing, Head, Layer, Limb, drawing_at, still_drawing
from stretchapp.core.palette import DARK, LIGHT, Palette
from stretchapp.core.routines import load_library
from stretchapp.core.session import PhaseKind
from stretchapp.ui import figure
from stretchapp.ui.figure import GAP_MM, fit, inks
from tests.figure_geometry import contrast, gap_2d, ring_around
from tests.ui.figure_images import render_image

REPO = Path(__file__).resolve().parents[2]
LIBRARY = load_library(REPO / "routines", None, REPO / "assets")
PARTED = 1.3  # the least contrast between the gap's pixels and the far ink
# stretches whose cards have no far forearm or hand over another limb (knee to chest has,
# since its hands clasp behind the thigh)
UNCROSSED = ("cat-cow", "glute-bridge", "pelvic-tilt", "seated-cat-cow")


def _drawing(stretch_id: str, side: str) -> Drawing:
    pose = LIBRARY.stretches[stretch_id].pose
    assert pose is not None
    if side == "left":
        return still_drawing(pose)
    stretch = LIBRARY.stretches[stretch_id]
    phase_ms = 1000 * (stretch.hold or stretch.tempo)
    return drawing_at(
        pose,
        phase=PhaseKind.STRETCH,
        elapsed_ms=phase_ms // 2,
        phase_ms=phase_ms,
        rep_ms=0 if stretch.hold is not None else stretch.tempo * 1000,
        side=side,
    )


def _ring_pixels(
    drawing: Drawing, image: QImage, w: int, h: int, arm_side: str = ""
) -> list[QColor]:
    """The pixels just outside the far forearm and hand (in the middle of their gap) that lie
    well inside a far leg drawn before them, away from anything drawn after them; with
    `arm_side`, that side's forearm and hand in whichever shade they are drawn (a seated
    twist's far-side arm reaching across the body is drawn in the near one)."""
    items = list(drawing.items)
    limbs = [i for i in items if isinstance(i, Limb)]
    to_px = fit(drawing.frame, QRectF(0, 0, w, h))
    ring = GAP_MM / 4
    out = []
    for arm in limbs:
        base, _, side = arm.part.rpartition("_")
        chosen = side == arm_side if arm_side else arm.layer == Layer.FAR
        if not chosen or base not in ("forearm", "hand") or arm.highlight:
            continue
        at = items.index(arm)
        legs = [
            i
            for i in limbs[: limbs.index(arm)]
            if i.layer == Layer.FAR and i.part.rpartition("_")[0] in ("thigh", "shank")
        ]
        chain = {f"{p}_{side}" for p in ("upper_arm", "forearm", "hand", "thumb")}
        own = [i for i in limbs if i.part in chain]
        later = [i for i in items[at + 1 :] if isinstance(i, Limb) and i not in own]
        # the arm's own shapes as painted, grown to just inside the ring: a strongly tapered
        # piece (a hand, 34 mm at the wrist and 78 at the knuckles) is painted as the outer
        # tangents of its round ends, up to 2 mm outside the straight taper `gap_2d` measures,
        # so a ring point there lay on the arm's own antialiased edge, not in its gap
        painted = [figure.limb_path(i, ring - 1.0) for i in own]
        for x, y in ring_around(arm, ring):
            if any(path.contains(QPointF(x, y)) for path in painted):
                continue  # not on the ring: nearer the arm's own outline
            if not any(gap_2d((x, y), leg) < -8.0 for leg in legs):
                continue
            if any(gap_2d((x, y), i) <= GAP_MM for i in later):
                continue
            p = to_px.map(QPointF(x, y))
            out.append(image.pixelColor(round(p.x()), round(p.y())))
    return out


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_a_seated_twists_far_hand_is_parted_from_the_far_leg_it_lies_over(
    qtbot: QtBot, palette: Palette, side: str
) -> None:
    """Just outside the far-side forearm and hand, where they lie over the far leg, a thin
    edge of the card parts them from it: no pixel there is the far leg's own ink."""
    drawing = _drawing("seated-twist", side)
    w, h = 1600, 1200
    far_side = "r" if side == "left" else "l"
    seen = _ring_pixels(drawing, render_image(drawing, palette, w, h), w, h, far_side)
    assert len(seen) >= 5, len(seen)
    far = inks(palette).far
    for colour in seen:
        assert contrast(colour, far) >= PARTED, colour.name()


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("stretch_id", sorted(LIBRARY.stretches))
def test_every_far_hand_over_a_far_leg_is_parted_from_it(
    qtbot: QtBot, stretch_id: str, palette: Palette
) -> None:
    """On every card, wherever a far forearm or hand lies over a far leg drawn before it."""
    if LIBRARY.stretches[stretch_id].pose is None:
        pytest.skip("no pose")
    drawing = _drawing(stretch_id, "left")
    w, h = 1600, 1200
    far = inks(palette).far
    for colour in _ring_pixels(drawing, render_image(drawing, palette, w, h), w, h):
        assert contrast(colour, far) >= PARTED, colour.name()


_EDGING = figure._edging


def _unedged(run: list[Limb | Head], strong: bool) -> list[Limb | Head]:
    """The renderer before far arms had an edge."""
    return [] if run[0].layer == Layer.FAR and not strong else _EDGING(run, strong)


@pytest.mark.parametrize("stretch_id", UNCROSSED)
def test_a_card_where_no_far_arm_crosses_a_limb_is_drawn_as_before(
    qtbot: QtBot, stretch_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same pixels with far arms edged and with them not edged (the renderer before)."""
    drawing = _drawing(stretch_id, "left")
    for palette in (LIGHT, DARK):
        for w, h in ((160, 120), (800, 600)):
            now = render_image(drawing, palette, w, h)
            with monkeypatch.context() as m:
                m.setattr(figure, "_edging", _unedged)
                figure._kept.cache_clear()
                before = render_image(drawing, palette, w, h)
            figure._kept.cache_clear()
            assert now == before, (palette.surface, w)


def test_a_far_arm_drawn_in_two_runs_keeps_its_elbow_whole(qtbot: QtBot) -> None:
    """A far forearm drawn apart from its upper arm (a far thigh painted between them) cuts
    its gap into what lies under it, but not into its own upper arm: round the elbow, where
    the upper arm shows, it stays the far ink, with no ring of card cut round the joint."""
    upper = Limb("upper_arm_r", ((-100.0, 0.0), (300.0, 0.0)), (90.0, 70.0), Layer.FAR, False)
    thigh = Limb("thigh_r", ((120.0, -300.0), (120.0, 300.0)), (120.0, 110.0), Layer.FAR, False)
    forearm = Limb("forearm_r", ((300.0, 0.0), (60.0, -250.0)), (65.0, 50.0), Layer.FAR, False)
    drawing = Drawing((upper, thigh, forearm), (-200.0, -400.0, 500.0, 400.0))
    w, h = 1400, 1600
    image = render_image(drawing, LIGHT, w, h)
    to_px = fit(drawing.frame, QRectF(0, 0, w, h))
    seen = []
    for x, y in ring_around(forearm, GAP_MM / 4):
        if gap_2d((x, y), upper) < -6.0 and gap_2d((x, y), forearm) > GAP_MM / 8:
            p = to_px.map(QPointF(x, y))
            seen.append(image.pixelColor(round(p.x()), round(p.y())))
    assert len(seen) >= 5, len(seen)
    far = inks(LIGHT).far
    for colour in seen:
        assert contrast(colour, far) < 1.1, colour.name()
    # painted again, with the spared gap kept from the first time: the same pixels
    assert render_image(drawing, LIGHT, w, h) == image
