"""A moving figure repaints only the parts that moved; what is on screen after many such
partial repaints is exactly the whole picture of that moment.

With the real body: a knee lifts while the trunk lies still. The screen's pixels are read
back from the window (not re-rendered with grab(), which would repaint everything)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from stretchapp.core.drawing import KeyPose, StretchPose
from stretchapp.core.palette import LIGHT
from stretchapp.core.routines import Entry, Routine, Sides, Stretch
from stretchapp.core.session import Session
from stretchapp.ui.figure import backdrop, figure_bounds, render_pixmap
from stretchapp.ui.player import PlayerPage
from tests.fake_clock import FakeClock as Clock

POSE = StretchPose(
    keys=(
        KeyPose("lying", (("body_pitch", -90.0),)),
        KeyPose("knee up", (("body_pitch", -90.0), ("hip_flex_l", 100.0), ("knee_flex_l", 110.0))),
    )
)


class Paints(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.rects: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())  # type: ignore[attr-defined]
        return False


def on_screen(widget: QWidget) -> QImage:
    """The widget's pixels as the window shows them now (the backing store, not a re-render)."""
    top_left = widget.mapTo(widget.window(), QPoint(0, 0))
    screen = widget.window().windowHandle().screen()
    grabbed = screen.grabWindow(
        widget.window().winId(), top_left.x(), top_left.y(), widget.width(), widget.height()
    )
    return grabbed.toImage()


def test_the_moving_parts_alone_are_repainted_and_the_picture_stays_whole(
    qtbot: QtBot,
) -> None:
    clock = Clock()
    reps = Stretch("reps", "Reps", (), ("a", "b", "c"), reps=10, tempo=4, pose=POSE)
    routine = Routine("r", "R", "", (Entry(reps, None, 10, 4, Sides.NONE),), get_ready=0, rest=0)
    page = PlayerPage(Session(routine, clock=clock), LIGHT)
    qtbot.addWidget(page)
    page.resize(1000, 750)
    page.show()
    qtbot.waitExposed(page)
    page.start()
    picture = page.illustration
    QApplication.processEvents()
    paints = Paints(picture)
    for step in [max(1, page.timer.interval())] * 30 + [250] * 6:
        # Part of a repetition as the player's timer paces it, then a few long strides (a
        # busy machine): the leg then leaves its old place well behind.
        clock.now += step
        page._on_timer()
        QApplication.processEvents()
    assert page.ring.caption == "Stretch" and picture.is_moving() and len(paints.rects) > 5
    drawing = picture.drawing()
    assert drawing is not None
    # Only the leg moves: no frame repaints the whole figure (the trunk and head lie still).
    body = figure_bounds(drawing, QRectF(picture.rect()), len(backdrop(drawing).items))
    largest = max(r.width() * r.height() for r in paints.rects)
    assert largest < 0.7 * body.width() * body.height(), (largest, body)
    expected = render_pixmap(
        drawing, picture.width(), picture.height(), LIGHT, 1.0, LIGHT.window
    ).toImage()
    shown = on_screen(picture).convertToFormat(expected.format())
    assert shown == expected
