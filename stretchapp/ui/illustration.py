"""Draws a stretch's illustration frames: SVG (recoloured for the theme), PNG, JPG, GIF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QTimeLine
from PySide6.QtGui import QColor, QHideEvent, QImage, QMovie, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from stretchapp.ui import pictures

ASPECT = 4 / 3  # the bundled canvas is 400×300; other images are fitted inside it


class Illustration(QWidget):
    """Shows one frame of a stretch; changing frame cross-fades, a GIF plays by itself."""

    def __init__(self, parent: QWidget | None = None, *, dark: bool = False) -> None:
        super().__init__(parent)
        self._frames: tuple[Path, ...] = ()
        self._index = 0
        self._previous: int | None = None
        self._fade = 1.0
        self._dark = dark
        self._movie: QMovie | None = None
        self.problem = ""  # why the current picture is not shown, or ""
        pictures.RENDERER.ready.connect(self.update)  # an SVG drawn in a worker is ready
        # QTimeLine (a plain double signal) rather than QVariantAnimation, whose QVariant
        # valueChanged corrupts None's refcount in PySide6 6.12 when it fires many times.
        self._anim = QTimeLine(350, self)
        self._anim.setUpdateInterval(33)  # 30 frames a second is smooth for a cross-fade
        self._anim.valueChanged.connect(self._on_fade)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def sizeHint(self) -> QSize:
        return QSize(400, 300)

    def hasHeightForWidth(self) -> bool:
        # A picture given a fixed height (a card's thumbnail) must not ask for more.
        return self.minimumHeight() != self.maximumHeight()

    def heightForWidth(self, width: int) -> int:
        return round(width / ASPECT)

    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            self.update()

    def set_frames(self, frames: tuple[Path, ...]) -> None:
        if frames == self._frames:
            return
        self._frames = frames
        self._index = 0
        self._previous = None
        self._anim.stop()
        self._fade = 1.0
        self._start_movie()
        self.update()

    def frame_count(self) -> int:
        return len(self._frames)

    def current_frame(self) -> int:
        return self._index

    def set_frame(self, index: int, fade_ms: int = 350) -> None:
        if not self._frames:
            return
        index %= len(self._frames)
        if index == self._index:
            return
        self._previous, self._index = self._index, index
        self._start_movie()
        if fade_ms > 0:
            self._anim.stop()
            self._anim.setDuration(fade_ms)
            self._fade = 0.0
            self._anim.start()
        else:
            self._previous = None
            self.update()

    def _start_movie(self) -> None:
        if self._movie is not None:
            self._movie.stop()
            self._movie.deleteLater()
            self._movie = None
        if self._frames and self._frames[self._index].suffix.lower() == ".gif":
            size = self._target_rect().size().toSize() * self.devicePixelRatioF()
            movie = pictures.movie(self._frames[self._index], size)
            if movie is not None:
                movie.setParent(self)
                movie.frameChanged.connect(self.update)
                movie.start()
                self._movie = movie

    def hideEvent(self, event: QHideEvent) -> None:
        # Nobody sees a cross-fade in a hidden picture: finish it rather than keep waking up.
        if self._anim.state() is QTimeLine.State.Running:
            self._anim.stop()
            self._on_fade(1.0)
        super().hideEvent(event)

    def _on_fade(self, value: float) -> None:
        self._fade = float(value)
        if self._fade >= 1.0:
            self._previous = None
        self.update()

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        area = self._target_rect()
        if not self._frames:
            return
        if self._previous is not None and self._fade < 1.0:
            painter.setOpacity(1.0 - self._fade)
            self._draw(painter, self._previous, area)
            painter.setOpacity(self._fade)
        self._draw(painter, self._index, area)
        painter.end()

    def _target_rect(self) -> QRectF:
        w, h = self.width(), self.height()
        if w / max(h, 1) > ASPECT:
            tw, th = h * ASPECT, float(h)
        else:
            tw, th = float(w), w / ASPECT
        return QRectF((w - tw) / 2, (h - th) / 2, tw, th)

    def _draw(self, painter: QPainter, index: int, area: QRectF) -> None:
        # Every picture goes through ui/pictures.py: decoded or drawn at the size shown,
        # within its pixel and work limits, from a cache bounded in bytes.
        path = self._frames[index]
        ratio = self.devicePixelRatioF()
        if self._movie is not None and index == self._index:
            image: QImage | None = self._movie.currentImage()
            problem = ""
        else:
            device = QSize(round(area.width() * ratio), round(area.height() * ratio))
            dark = self._dark and path.suffix.lower() == ".svg"
            shown = pictures.picture(path, device, dark=dark)
            image, problem = shown.image, shown.problem
            if shown.pending:
                return  # being drawn elsewhere: the space stays calm until it is ready
        if index == self._index:
            self.problem = problem
        if image is not None and not image.isNull():
            scaled = image.size().scaled(area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            x = area.x() + (area.width() - scaled.width()) / 2
            y = area.y() + (area.height() - scaled.height()) / 2
            painter.drawImage(QRectF(x, y, scaled.width(), scaled.height()), image)
            return
        # The picture could not be shown: a calm placeholder rather than nothing at all.
        painter.setPen(QColor(self.palette().placeholderText().color()))
        painter.drawRoundedRect(area.adjusted(8, 8, -8, -8), 12, 12)
        painter.drawText(
            area.adjusted(16, 16, -16, -16),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            "Picture unavailable" + (f"\n{problem}" if problem and area.height() > 120 else ""),
        )
