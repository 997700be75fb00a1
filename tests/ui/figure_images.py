"""A drawing painted on an image the size of a card or a page, on the palette's surface, the
way the widgets show it (shared by the figure tests that read pixels)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from stretchapp.core.drawing import Drawing
from stretchapp.core.palette import Palette
from stretchapp.ui.figure import paint_drawing


def render_image(drawing: Drawing, palette: Palette, w: int, h: int) -> QImage:
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(palette.surface))
    painter = QPainter(image)
    paint_drawing(painter, drawing, QRectF(0, 0, w, h), palette, palette.surface)
    painter.end()
    return image
