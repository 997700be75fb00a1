"""A drawing painted on an image the size of a card or a page, on the palette's surface, the
way the widgets show it (shared by the figure tests that read pixels)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from stretchapp.core.drawing import Drawing
from stretchapp.core.palette import LIGHT, Palette
from stretchapp.core.routines import Routine
from stretchapp.core.session import Session
from stretchapp.ui.figure import paint_drawing, render_pixmap
from stretchapp.ui.illustration import Illustration
from stretchapp.ui.player import PlayerPage
from tests.fake_clock import FakeClock


def render_image(drawing: Drawing, palette: Palette, w: int, h: int) -> QImage:
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(palette.surface))
    painter = QPainter(image)
    paint_drawing(painter, drawing, QRectF(0, 0, w, h), palette, palette.surface)
    painter.end()
    return image


def started_page(
    qtbot: QtBot, routine: Routine, clock: FakeClock, size: tuple[int, int] = (1100, 760)
) -> PlayerPage:
    """A light player of `routine` on a hand-moved clock, shown at `size` and started."""
    page = PlayerPage(Session(routine, clock=clock), LIGHT)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    page.start()
    return page


def shows_drawing_whole(picture: Illustration) -> bool:
    """The widget shows exactly its drawing painted whole on the light window colour."""
    drawing = picture.drawing()
    assert drawing is not None
    shown = picture.grab().toImage()
    expected = render_pixmap(
        drawing, picture.width(), picture.height(), LIGHT, 1.0, LIGHT.window
    ).toImage()
    return shown.convertToFormat(expected.format()) == expected
