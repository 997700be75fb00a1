"""What a moving frame fills: every fill paints something, and parts that cannot show (a
shoulder half seen from the side, narrowed away to nothing but kept in the drawing so a
movement keeps its parts) cost no fill of their own. Each fill of a frame is paid for by the
pixel, 30 times a second (docs/performance.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QTransform

from stretchapp.core.drawing import Drawing, Head, Layer, Limb, drawing_at
from stretchapp.core.palette import LIGHT
from stretchapp.core.routines import Stretch, load_library
from stretchapp.core.session import PhaseKind
from stretchapp.ui.figure import Run, _runs, backdrop, fit, limb_path, paint_drawing

REPO = Path(__file__).resolve().parents[2]
W, H = 400, 300


def moving() -> list[Stretch]:
    library = load_library(REPO / "routines", None, REPO / "assets")
    return [s for s in library.stretches.values() if s.pose is not None and s.reps is not None]


def frames(stretch: Stretch) -> Iterator[Drawing]:
    assert stretch.pose is not None
    rep_ms = round(stretch.tempo * 1000)
    for k in range(4):
        yield drawing_at(
            stretch.pose,
            phase=PhaseKind.STRETCH,
            elapsed_ms=rep_ms + k * rep_ms // 4,
            phase_ms=4 * rep_ms,
            rep_ms=rep_ms,
            side="left",
        )


Fill = tuple[QPainterPath, QTransform, int, int]


def fills(drawing: Drawing, monkeypatch: pytest.MonkeyPatch) -> list[Fill]:
    """Every fillPath of painting the drawing as the player paints a moving frame (over its
    backdrop): the path, the painter's transform and the size of what it painted on."""
    seen: list[Fill] = []
    real = QPainter.fillPath

    def spy(painter: QPainter, path: QPainterPath, brush: QColor | QBrush) -> None:
        device = painter.device()
        seen.append((QPainterPath(path), painter.worldTransform(), device.width(), device.height()))
        real(painter, path, brush)

    image = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(LIGHT.surface))
    painter = QPainter(image)
    with monkeypatch.context() as patch:
        patch.setattr(QPainter, "fillPath", spy)
        skip = len(backdrop(drawing).items)
        paint_drawing(painter, drawing, QRectF(0, 0, W, H), LIGHT, LIGHT.surface, skip=skip)
    painter.end()
    return seen


def paints_something(fill: Fill) -> bool:
    path, transform, w, h = fill
    image = QImage(max(1, w), max(1, h), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setTransform(transform)
    painter.fillPath(path, QColor(0, 0, 0))
    painter.end()
    blank = QImage(image.size(), image.format())
    blank.fill(Qt.GlobalColor.transparent)
    return image != blank


def cannot_show(item: object) -> bool:
    if isinstance(item, Limb):
        return not item.highlight and max(item.widths) <= 0.0
    if isinstance(item, Head):
        return not item.highlight and item.radius <= 0.0
    return False


def test_every_fill_of_a_moving_frame_paints_something(monkeypatch: pytest.MonkeyPatch) -> None:
    empty = []
    for stretch in moving():
        for i, drawing in enumerate(frames(stretch)):
            for fill in fills(drawing, monkeypatch):
                if not paints_something(fill):
                    empty.append(f"{stretch.id} frame {i}: a fill of {fill[0].elementCount()}")
    assert not empty


def test_parts_that_cannot_show_cost_no_fill(monkeypatch: pytest.MonkeyPatch) -> None:
    found = 0
    for stretch in moving():
        for drawing in frames(stretch):
            hidden = [item for item in drawing.items if cannot_show(item)]
            if not hidden:
                continue
            found += len(hidden)
            shown = Drawing(tuple(i for i in drawing.items if i not in hidden), drawing.frame)
            with_them = len(fills(drawing, monkeypatch))
            without = len(fills(shown, monkeypatch))
            assert with_them == without, stretch.id
    # side views of the bundled movements keep their shoulder halves, at no width
    assert found > 0


def far_shoulder(item: object) -> bool:
    return (
        isinstance(item, Limb)
        and item.part.startswith("shoulder_")
        and item.layer == Layer.FAR
        and max(item.widths) > 0.0
    )


def test_a_far_shoulder_half_fills_with_its_arm(monkeypatch: pytest.MonkeyPatch) -> None:
    """Drawn in the far arm's shade right behind the upper arm, it is painted with that arm,
    not as a run of its own that splits the arm's run in two (the second part cutting its gap
    again): it costs its own shape's fill and nothing more (every shape of a run is filled
    on its own: ui/figure.py `_paint_run`)."""
    found = 0
    for stretch in moving():
        for drawing in frames(stretch):
            shoulders = [item for item in drawing.items if far_shoulder(item)]
            if not shoulders:
                continue
            found += 1
            without = Drawing(tuple(i for i in drawing.items if i not in shoulders), drawing.frame)
            extra = len(fills(drawing, monkeypatch)) - len(fills(without, monkeypatch))
            assert extra == len(shoulders), stretch.id
            assert len(runs(drawing)) == len(runs(without)), stretch.id
    assert found > 0  # the bundled seated and lying twists show a far shoulder


def runs(drawing: Drawing) -> list[Run]:
    return _runs(tuple(item for item in drawing.items if isinstance(item, Limb | Head)))


def test_a_limb_through_many_points_is_filled_as_one_outline_of_the_same_shape() -> None:
    """A trunk piece drawn along its curve (three to five points) and a hand or foot are
    filled as one outline: the same shape as a capsule a segment, in fewer path elements and
    with no edges inside it for the rasteriser to cross."""
    outlined = trunk = trunk_outlined = 0
    for stretch in moving():
        drawing = next(frames(stretch))
        for item in drawing.items:
            if not isinstance(item, Limb) or len(item.points) < 3:
                continue
            for grow in (0.0, 20.0):
                one = limb_path(item, grow, outline=True)
                capsules = limb_path(item, grow)
                if item.part in ("pelvis", "waist", "chest"):
                    trunk += 1
                    trunk_outlined += one.elementCount() < 0.7 * capsules.elementCount()
                outlined += one.elementCount() < capsules.elementCount()
                box = capsules.boundingRect().adjusted(-5, -5, 5, 5)
                a, b = coverage(one, box), coverage(capsules, box)
                off = sum(1 for x, y in zip(a, b, strict=True) if abs(x - y) > 96)
                assert off <= 0.001 * len(a), (stretch.id, item.part, grow, off)
    assert outlined > 0
    # (a chest seen straight on, wider in its middle than at its ends, keeps its capsules)
    assert trunk_outlined >= 0.8 * trunk


def coverage(path: QPainterPath, box: QRectF) -> bytes:
    """The path filled white on black at 200x200 pixels, a byte a pixel."""
    image = QImage(200, 200, QImage.Format.Format_Grayscale8)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scale = 200 / max(box.width(), box.height())
    painter.setTransform(QTransform(scale, 0, 0, scale, -box.x() * scale, -box.y() * scale))
    painter.fillPath(path, QColor(255, 255, 255))
    painter.end()
    return bytes(image.constBits())


def arm_over_trunk() -> Drawing:
    """A near arm (upper arm, forearm, hand: three shapes meeting at the joints) lying across
    a trunk piece drawn before it, so it cuts its gap."""
    trunk = Limb("torso", ((100.0, 500.0), (900.0, 500.0)), (300.0, 300.0), Layer.MID, False)
    arm = (
        Limb("upper_arm_l", ((200.0, 800.0), (450.0, 450.0)), (90.0, 80.0), Layer.NEAR, False),
        Limb("forearm_l", ((450.0, 450.0), (750.0, 300.0)), (80.0, 60.0), Layer.NEAR, False),
        Limb("hand_l", ((750.0, 300.0), (850.0, 250.0)), (60.0, 50.0), Layer.NEAR, False),
    )
    return Drawing((trunk, *arm), (0.0, 0.0, 1000.0, 1000.0))


def test_each_shape_of_a_run_is_filled_on_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt's raster engine pays for a fill by bands of rows, walking the whole path again for
    each band: an arm's three shapes and their gap filled one by one cost less than as one
    path each (ui/figure.py `_paint_run`). The trunk: one fill; the arm's gap, cut in three;
    the arm, three."""
    assert len(fills(arm_over_trunk(), monkeypatch)) == 1 + 3 + 3


def test_a_run_filled_shape_by_shape_shows_no_seam() -> None:
    """The inks are opaque: a shape filled over another of its ink leaves its colour as it
    was, so no line shows where the arm's shapes meet, inside the arm or at its joints."""
    image = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(LIGHT.surface))
    painter = QPainter(image)
    paint_drawing(painter, arm_over_trunk(), QRectF(0, 0, W, H), LIGHT, LIGHT.surface)
    painter.end()
    transform = fit(arm_over_trunk().frame, QRectF(0, 0, W, H))
    ink = image.pixelColor(transform.map(QPointF(450.0, 450.0)).toPoint())  # the elbow
    assert ink != QColor(LIGHT.surface)
    for (ax, ay), (bx, by) in (((200.0, 800.0), (450.0, 450.0)), ((450.0, 450.0), (850.0, 250.0))):
        for k in range(41):  # along the arm's middle, through both joints
            t = k / 40
            at = transform.map(QPointF(ax + t * (bx - ax), ay + t * (by - ay))).toPoint()
            assert image.pixelColor(at) == ink, (at, image.pixelColor(at).name())
