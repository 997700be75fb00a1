"""Draws a stretch's illustration frames: SVG (recoloured for the theme), PNG, JPG, GIF."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt, QTimeLine
from PySide6.QtGui import QColor, QHideEvent, QImageReader, QMovie, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from stretchapp.core.palette import themed_svg

ASPECT = 4 / 3  # the bundled canvas is 400×300; other images are fitted inside it


@lru_cache(maxsize=256)
def _svg(path: Path, dark: bool) -> QSvgRenderer | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    renderer = QSvgRenderer(QByteArray(themed_svg(text, dark).encode("utf-8")))
    return renderer if renderer.isValid() else None


@lru_cache(maxsize=128)
def _raster(path: Path) -> QPixmap | None:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    image = reader.read()
    return None if image.isNull() else QPixmap.fromImage(image)


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
        self._pixmaps: dict[tuple[object, ...], QPixmap] = {}
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
            movie = QMovie(str(self._frames[self._index]), parent=self)
            if movie.isValid() and movie.frameCount() != 1:
                movie.frameChanged.connect(self.update)
                movie.start()
                self._movie = movie
            else:
                movie.deleteLater()

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

    def _svg_pixmap(self, path: Path, area: QRectF) -> QPixmap | None:
        """The SVG rendered once at this size: frames then alternate and cross-fade as cheap
        pixmap copies instead of re-rendering vectors many times a second."""
        ratio = self.devicePixelRatioF()
        key = (path, self._dark, round(area.width()), round(area.height()), ratio)
        cached = self._pixmaps.get(key)
        if cached is not None:
            return cached
        renderer = _svg(path, self._dark)
        if renderer is None:
            return None
        pixmap = QPixmap(round(area.width() * ratio), round(area.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        renderer.render(painter, QRectF(0, 0, area.width(), area.height()))
        painter.end()
        if len(self._pixmaps) > 16:  # sizes change on resize: keep only recent ones
            self._pixmaps.clear()
        self._pixmaps[key] = pixmap
        return pixmap

    def _target_rect(self) -> QRectF:
        w, h = self.width(), self.height()
        if w / max(h, 1) > ASPECT:
            tw, th = h * ASPECT, float(h)
        else:
            tw, th = float(w), w / ASPECT
        return QRectF((w - tw) / 2, (h - th) / 2, tw, th)

    def _draw(self, painter: QPainter, index: int, area: QRectF) -> None:
        path = self._frames[index]
        if path.suffix.lower() == ".svg":
            picture = self._svg_pixmap(path, area)
            if picture is not None:
                painter.drawPixmap(area.topLeft(), picture)
                return
        else:
            pixmap = (
                self._movie.currentPixmap()
                if self._movie is not None and index == self._index
                else _raster(path)
            )
            if pixmap is not None and not pixmap.isNull():
                scaled = pixmap.size().scaled(
                    area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
                )
                x = area.x() + (area.width() - scaled.width()) / 2
                y = area.y() + (area.height() - scaled.height()) / 2
                painter.drawPixmap(QRectF(x, y, scaled.width(), scaled.height()).toRect(), pixmap)
                return
        # The picture could not be read: a calm placeholder rather than nothing at all.
        painter.setPen(QColor(self.palette().placeholderText().color()))
        painter.drawRoundedRect(area.adjusted(8, 8, -8, -8), 12, 12)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "Picture unavailable")
