"""Small control icons drawn in the theme's colours (system fonts often lack media glyphs)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

SIZE = 64  # drawn large, shown at 18-24 px: crisp on HiDPI screens too


def _triangle(p: QPainter, x: float, y: float, w: float, h: float, right: bool = True) -> None:
    path = QPainterPath()
    if right:
        path.moveTo(x, y)
        path.lineTo(x + w, y + h / 2)
        path.lineTo(x, y + h)
    else:
        path.moveTo(x + w, y)
        path.lineTo(x, y + h / 2)
        path.lineTo(x + w, y + h)
    path.closeSubpath()
    p.drawPath(path)


def _play(p: QPainter) -> None:
    _triangle(p, 18, 12, 34, 40)


def _pause(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(16, 12, 11, 40), 3, 3)
    p.drawRoundedRect(QRectF(37, 12, 11, 40), 3, 3)


def _skip(p: QPainter) -> None:
    _triangle(p, 12, 14, 30, 36)
    p.drawRoundedRect(QRectF(44, 14, 8, 36), 2, 2)


def _back(p: QPainter) -> None:
    _triangle(p, 22, 14, 30, 36, right=False)
    p.drawRoundedRect(QRectF(12, 14, 8, 36), 2, 2)


def _stop(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(16, 16, 32, 32), 5, 5)


def _restart(p: QPainter) -> None:
    pen = p.pen()
    pen.setWidthF(7)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(QRectF(14, 14, 36, 36), 100 * 16, 290 * 16)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(pen.color())
    _triangle(p, 24, 4, 16, 20)


def _speaker(p: QPainter) -> None:
    path = QPainterPath()
    path.moveTo(8, 24)
    path.lineTo(20, 24)
    path.lineTo(34, 10)
    path.lineTo(34, 54)
    path.lineTo(20, 40)
    path.lineTo(8, 40)
    path.closeSubpath()
    p.drawPath(path)


def _volume(p: QPainter) -> None:
    _speaker(p)
    pen = QPen(p.brush().color(), 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(QRectF(28, 20, 16, 24), -50 * 16, 100 * 16)
    p.drawArc(QRectF(28, 10, 28, 44), -50 * 16, 100 * 16)


def _muted(p: QPainter) -> None:
    _speaker(p)
    pen = QPen(p.brush().color(), 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.drawLine(QPointF(42, 24), QPointF(56, 40))
    p.drawLine(QPointF(56, 24), QPointF(42, 40))


def _full_screen(p: QPainter) -> None:
    pen = QPen(
        p.brush().color(),
        6,
        Qt.PenStyle.SolidLine,
        Qt.PenCapStyle.RoundCap,
        Qt.PenJoinStyle.RoundJoin,
    )
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    for sx, sy in ((1, 1), (-1, 1), (1, -1), (-1, -1)):
        cx, cy = 32 - sx * 20, 32 - sy * 20
        path = QPainterPath(QPointF(cx, cy + sy * 12))
        path.lineTo(cx, cy)
        path.lineTo(cx + sx * 12, cy)
        p.drawPath(path)


DRAW: dict[str, Callable[[QPainter], None]] = {
    "play": _play,
    "pause": _pause,
    "skip": _skip,
    "back": _back,
    "stop": _stop,
    "restart": _restart,
    "volume": _volume,
    "muted": _muted,
    "full_screen": _full_screen,
}


def icon(name: str, colour: str) -> QIcon:
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(colour), 1))
    painter.setBrush(QColor(colour))
    DRAW[name](painter)
    painter.end()
    return QIcon(pixmap)
