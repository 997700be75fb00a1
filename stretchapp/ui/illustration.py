"""Shows a stretch's picture: the posed figure the app draws itself, or the person's own
illustration frames (SVG recoloured for the theme, PNG, JPG, GIF) for a stretch without a pose.
"""

from __future__ import annotations

import itertools
import math
from collections import OrderedDict
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, QSize, QTimer
from PySide6.QtGui import QColor, QHideEvent, QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from stretchapp.core.drawing import (
    Drawing,
    Head,
    Limb,
    Prop,
    StretchPose,
    drawing_at,
    movement,
    still_drawing,
)
from stretchapp.core.i18n import N_, _
from stretchapp.core.palette import DARK, LIGHT, Palette
from stretchapp.core.routines import Stretch
from stretchapp.ui import early_widgets
from stretchapp.ui.figure_cache import FigureCache, renderer

if TYPE_CHECKING:
    from PySide6.QtCore import QTimeLine
    from PySide6.QtGui import QMovie

    from stretchapp.core.session import PhaseKind

    _Movement = tuple[PhaseKind, int, int, str | None, int]  # phase, its ms, rep ms, side, period
    # two drawings shown one after the other, the widget's size and what that repaints
    _Change = tuple[Drawing, Drawing, tuple[int, int], tuple[bool, QRect] | None]

ASPECT = 4 / 3  # the bundled canvas is 400×300; other images are fitted inside it


# A moving figure is drawn once some part of it has moved MIN_STEP_PX: each movement (one
# eased stretch of time between two key poses) is cut into equal steps of travel, and the
# page sleeps until the next step is due (worked out from the ease, not by asking again and
# again), so a slow movement costs few frames. At most 20 frames a second: the middle of a
# faster movement takes bigger steps. About half the frames of the bundled repetitions come at
# that cap, so it sets much of their cost (at 15 a second the work per second of a routine of
# repetitions fell by a sixth, but the middle of each movement visibly stepped; bench.py).
# The poses of the steps are the same in every repetition, so they are worked out once and
# kept.
FIGURE_FRAME_MS = 50
MIN_STEP_PX = 4.0
SLOW_FRAME_MS = 200  # ... but a slow movement is drawn at least this often (in 1-4 px steps)
SAMPLES = 8  # points along a movement measured to know how far it travels
KEPT_POSES = 256  # worked-out poses of a movement's steps, kept for the next repetitions


def _ease(u: float) -> float:
    """The cosine ease of core.body.motion (0..1 -> 0..1)."""
    u = min(1.0, max(0.0, u))
    return (1.0 - math.cos(math.pi * u)) / 2.0


def _unease(t: float) -> float:
    """When (0..1 of a movement) the eased movement has come `t` of its way."""
    return math.acos(1.0 - 2.0 * min(1.0, max(0.0, t))) / math.pi


def _points(drawing: Drawing) -> dict[object, tuple[tuple[float, float], ...]]:
    """Each part's points, by the part (items are drawn back to front, and that order may
    change during a movement)."""
    found: dict[object, tuple[tuple[float, float], ...]] = {}
    for i, item in enumerate(drawing.items):
        if isinstance(item, Limb):
            found[item.part] = item.points
        elif isinstance(item, Head):
            found["head"] = (item.center,)
        elif isinstance(item, Prop):
            found[(item.kind, i)] = item.outline
    return found


def _moved_mm(a: Drawing, b: Drawing) -> float:
    """How far any point of the figure moved between two drawings, along x or y."""
    before, most = _points(a), 0.0
    for part, points in _points(b).items():
        old = before.get(part)
        if old is None or len(old) != len(points):
            continue
        for (ax, ay), (bx, by) in zip(old, points, strict=True):
            most = max(most, abs(ax - bx), abs(ay - by))
    return most


def pose_of(stretch: Stretch) -> StretchPose | None:
    return getattr(stretch, "pose", None)


# What the accent on a figure means, said wherever figures that mark a part are shown (the
# routine's page, once above its stretches; the player's figure, on hovering). Blind
# reviewers who were not told read it as "stretched", "working" or "a focus" in turn;
# "where you should feel it" (rv215) would have told a person doing the back bend to feel
# it in the low back, which its extension compresses, and to push on until they did.
GLOW_MEANS = N_("In each picture, the part in colour is the area the exercise works on.")


def marks_a_part(stretch: Stretch) -> bool:
    """Whether the stretch's figure marks a part in the accent (GLOW_MEANS says what)."""
    pose = pose_of(stretch)
    return pose is not None and bool(pose.highlight)


class Illustration(QWidget):
    """Shows a stretch. A posed stretch is the drawn figure, still (`show_still`) or at a
    moment of a session (`show_moment`); otherwise one frame of its pictures, where changing
    frame cross-fades and a GIF plays by itself."""

    def __init__(self, parent: QWidget | None = None, *, dark: bool = False) -> None:
        super().__init__(parent)
        self._frames: tuple[Path, ...] = ()
        self._index = 0
        self._previous: int | None = None
        self._fade = 1.0
        self._dark = dark
        self._movie: QMovie | None = None
        self.problem = ""  # why the current picture is not shown, or ""
        self._pictures: ModuleType | None = None  # ui/pictures.py, once a picture is shown
        self._pose: StretchPose | None = None
        self._drawing: Drawing | None = None
        self._moving = False
        self._moment: tuple[object, ...] | None = None
        self._backdrop = ""  # "", "surface" or "window": filled behind the figure
        self._wait_ms: int | None = None
        self._steps: dict[tuple[object, ...], int] = {}  # steps of each movement, by size
        self._poses: OrderedDict[tuple[object, ...], Drawing] = OrderedDict()  # of the steps
        # what showing one drawing after another repaints (`_change`), by the pair
        self._changes: OrderedDict[tuple[int, int], _Change] = OrderedDict()
        self.figures = FigureCache()
        # what stays behind a moving figure (floor, mat, ...): two, as a movement's arrow
        # (part of it) points one way and then back
        self.backdrops = FigureCache(2)
        self._props_move = False  # the props behind the body moved with it in the last frame
        self._shown_moving = False  # whether the drawing shown is a moving frame
        self._warmed: tuple[object, ...] | None = None  # the moment a backdrop was painted for
        self._anim: QTimeLine | None = None  # the cross-fade between frames, made for the first
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

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
            self.figures.clear()
            self.backdrops.clear()
            self._warmed = None
            self.update()

    def palette_(self) -> Palette:
        return DARK if self._dark else LIGHT

    def set_backdrop(self, role: str) -> None:
        """Fill the widget with the palette's `role` colour ("surface" on cards, "window" in
        the player) and paint opaquely: repainting the figure then never repaints what is
        behind it."""
        self._backdrop = role
        early_widgets.opaque_paint(self, bool(role))
        self.update()

    def _background(self) -> str:
        return str(getattr(self.palette_(), self._backdrop)) if self._backdrop else ""

    # ---- a posed stretch ----

    def set_stretch(self, stretch: Stretch, key: int | None = None) -> None:
        """Show this stretch still: its figure (key pose `key`, or the most telling one), or
        its first picture when it has no pose."""
        pose = pose_of(stretch)
        if pose is None:
            self.set_pose(None)
            self.set_frames(stretch.frames[:1])
            return
        self.set_frames(())
        self.set_pose(pose)
        self.show_still(key)

    def set_pose(self, pose: StretchPose | None) -> None:
        if pose is self._pose:
            return
        self._pose = pose
        self._drawing = None
        self._moment = None
        self._warmed = None
        self._moving = False
        self._steps.clear()
        self._poses.clear()
        self._changes.clear()
        self.figures.clear()  # (the backdrop is kept: keyed by what it shows, one at most)
        self.update()

    def pose(self) -> StretchPose | None:
        return self._pose

    def drawing(self) -> Drawing | None:
        return self._drawing

    def is_moving(self) -> bool:
        """Whether the figure is in a movement (so the player draws it up to 30 times a second)."""
        return self._moving

    def show_still(self, key: int | None = None) -> None:
        if self._pose is None:
            return
        self._moving = False
        self._show(still_drawing(self._pose, key))

    def show_moment(
        self, phase: PhaseKind, elapsed_ms: int, phase_ms: int, rep_ms: int, side: str | None
    ) -> bool:
        """Show the figure at this moment of a session; returns whether it is moving there.

        During a hold the drawing is worked out once: a still pose repaints nothing. During a
        movement the figure shows the last of the movement's steps that is due (see
        MIN_STEP_PX): a pure function of the session's clock, so a pause freezes it and a
        skip lands on the right pose."""
        pose = self._pose
        if pose is None:
            return False
        key = (phase, phase_ms, rep_ms, side)
        span = movement(pose, phase, elapsed_ms, phase_ms, rep_ms, side)
        if span is None:
            if not self._moving and self._moment == key:
                return False
            self._moment, self._moving, self._wait_ms = key, False, None
            self._show(
                drawing_at(
                    pose,
                    phase=phase,
                    elapsed_ms=elapsed_ms,
                    phase_ms=phase_ms,
                    rep_ms=rep_ms,
                    side=side,
                )
            )
            moves = rep_ms > 0 or pose.cycle_ms > 0
            warm = (key, self.width(), self.height())
            if str(phase) == "stretch" and moves and warm != self._warmed:  # _warm_backdrop
                QTimer.singleShot(0, self, lambda: self._warm_backdrop(pose, key))
            return False
        start, end = span
        length = max(1e-6, end - start)
        # The session engine is not needed for the library's first paint; the player has
        # loaded it by the time a figure moves.
        from stretchapp.core.session import PhaseKind

        period = (rep_ms or pose.cycle_ms) if phase is PhaseKind.STRETCH else 0
        moment = (phase, phase_ms, rep_ms, side, period)
        steps = self._step_count(pose, moment, start, length)
        step = min(steps - 1, math.floor(steps * _ease((elapsed_ms - start) / length) + 1e-9))
        due = min(elapsed_ms, math.ceil(start + length * _unease(step / steps)))
        following = math.ceil(start + length * _unease((step + 1) / steps))
        self._moment, self._moving = key, True
        self._wait_ms = max(FIGURE_FRAME_MS, following - elapsed_ms)
        self._show(self._pose_at(pose, moment, due))
        return True

    def _pose_at(self, pose: StretchPose, moment: _Movement, at: int) -> Drawing:
        """The drawing at `at` ms into the phase, kept: every repetition has the same steps."""
        phase, phase_ms, rep_ms, side, period = moment
        kept = (phase, phase_ms, rep_ms, side, at % period if period > 0 else at)
        found = self._poses.get(kept)
        if found is not None:
            self._poses.move_to_end(kept)
            return found
        drawing = drawing_at(
            pose, phase=phase, elapsed_ms=at, phase_ms=phase_ms, rep_ms=rep_ms, side=side
        )
        self._poses[kept] = drawing
        while len(self._poses) > KEPT_POSES:
            self._poses.popitem(last=False)
        return drawing

    def _warm_backdrop(self, pose: StretchPose, moment: tuple[object, ...]) -> None:
        """While a stretch phase rests before its movement sets off, paint the backdrop the
        movement starts with (`_paint_figure`), so that its first frame only copies it:
        painting it there made that frame about twice as long as the others (some 2 ms at
        1098x789). Not in the get-ready before it: the player's layout gives the figure
        another height once the stretch starts. Nothing if the figure moved or changed
        since, or if the widget is not shown."""
        if pose is not self._pose or moment != self._moment or self._moving:
            return
        if not self.isVisible() or self.width() <= 0 or self.height() <= 0:
            return
        self._warmed = (moment, self.width(), self.height())  # (once at each size)
        from stretchapp.core.session import PhaseKind

        phase, phase_ms, rep_ms, side = moment
        assert isinstance(phase, PhaseKind) and isinstance(phase_ms, int)
        assert isinstance(rep_ms, int) and (side is None or isinstance(side, str))
        start = drawing_at(
            pose,
            phase=phase,
            elapsed_ms=0,
            phase_ms=phase_ms,
            rep_ms=rep_ms,
            side=side,
        )
        self._backdrop_pixmap(renderer().backdrop(start))

    def _kept_backdrop(self, behind: Drawing) -> QPixmap | None:
        """The backdrop `_backdrop_pixmap` would give, if it is kept (nothing painted)."""
        return self.backdrops.kept(behind, *self._backdrop_size())

    def _backdrop_pixmap(self, behind: Drawing) -> QPixmap:
        """The moving figure's backdrop (background and the props behind the body), painted
        once at the widget's size and kept."""
        return self.backdrops.pixmap(behind, *self._backdrop_size())

    def _backdrop_size(self) -> tuple[int, int, Palette, float, str]:
        """What a backdrop is painted for: the widget's size, theme, pixel ratio and ground."""
        ratio = self.devicePixelRatioF()
        return self.width(), self.height(), self.palette_(), ratio, self._background()

    def _step_count(self, pose: StretchPose, moment: _Movement, start: float, length: float) -> int:
        """How many steps of MIN_STEP_PX this movement takes at the present size: how far
        its fastest-moving point travels, measured at SAMPLES points along it."""
        period = moment[-1]
        size = (self.width(), self.height())
        key = (*moment, start % period if period > 0 else start, length, size)
        found = self._steps.get(key)
        if found is not None:
            return found
        drawings = [
            self._pose_at(pose, moment, round(start + length * _unease(i / SAMPLES)))
            for i in range(SAMPLES + 1)
        ]
        travel = sum(_moved_mm(a, b) for a, b in itertools.pairwise(drawings))
        scale = renderer().fit(drawings[0].frame, QRectF(self.rect())).m11()  # px per mm
        steps = max(1, math.ceil(travel * scale / MIN_STEP_PX))
        # A slow, short movement (a breath, a small rock of the pelvis) in steps of
        # MIN_STEP_PX would jump once a second or less: it takes smaller steps, down to a
        # pixel, so that it is drawn at least every SLOW_FRAME_MS.
        steps = max(steps, min(math.ceil(travel * scale), math.floor(length / SLOW_FRAME_MS)))
        self._steps[key] = steps
        return steps

    def frame_wait_ms(self) -> int | None:
        """While the figure moves, ms until it is next worth drawing; None when it is still."""
        return self._wait_ms if self._moving else None

    def _show(self, drawing: Drawing) -> None:
        old = self._drawing
        if drawing is old:
            return
        if old is None:  # (the first drawing: the card's, which may come from the store)
            self._drawing = drawing
            self._shown_moving = self._moving
            self.update()
            return
        change = self._change(old, drawing)
        if change is None:
            return
        self._drawing = drawing
        moved, changed = change
        # (from one moving frame to the next: the props move with the body, as a roller
        # rolls or the mat turns while the figure changes sides)
        self._props_move = moved and self._moving and self._shown_moving
        self._shown_moving = self._moving
        if moved:
            self.update()
        elif not changed.isEmpty():
            self.update(changed)

    def _change(self, old: Drawing, new: Drawing) -> tuple[bool, QRect] | None:
        """What showing `new` after `old` repaints: None when they are the same picture; else
        whether the props behind the body moved (then all of it), and if not, where the parts
        that moved were and are (in a cat-cow the back moves, the legs stay). Kept by the
        pair of drawings and the size: a movement's steps are kept (`_pose_at`), and each
        follows the same one in every repetition (comparing the two drawings and measuring
        what moved was about a fifth of the page's work for a frame)."""
        size = (self.width(), self.height())
        key = (id(old), id(new))
        found = self._changes.get(key)
        if found is not None and found[0] is old and found[1] is new and found[2] == size:
            self._changes.move_to_end(key)
            return found[3]
        change: tuple[bool, QRect] | None = None
        if new != old:
            figure = renderer()
            behind = figure.backdrop(new)
            if figure.backdrop(old) != behind:
                change = (True, QRect())
            else:
                rect = QRectF(self.rect())
                changed = figure.changed_bounds(old, new, rect, len(behind.items))
                change = (False, QRect() if changed.isEmpty() else changed.toAlignedRect())
        # (the pair is held, so that neither id is another drawing's while it is kept)
        self._changes[key] = (old, new, size, change)
        while len(self._changes) > KEPT_POSES:
            self._changes.popitem(last=False)
        return change

    def _fade_line(self) -> QTimeLine:
        """The cross-fade's timeline, made when first wanted (a drawn figure needs none, nor
        does the library's first paint)."""
        if self._anim is None:
            from PySide6.QtCore import QTimeLine

            # QTimeLine (a plain double signal) rather than QVariantAnimation, whose QVariant
            # valueChanged corrupts None's refcount in PySide6 6.12 when it fires many times.
            self._anim = QTimeLine(350, self)
            self._anim.setUpdateInterval(33)  # 30 frames a second is smooth for a cross-fade
            self._anim.valueChanged.connect(self._on_fade)
        return self._anim

    def set_frames(self, frames: tuple[Path, ...]) -> None:
        if frames == self._frames:
            return
        self._frames = frames
        if frames:
            self.set_pose(None)
        self._index = 0
        self._previous = None
        if self._anim is not None:
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
            fade = self._fade_line()
            fade.stop()
            fade.setDuration(fade_ms)
            self._fade = 0.0
            fade.start()
        else:
            self._previous = None
            self.update()

    def _picture_module(self) -> ModuleType:
        """ui/pictures.py, imported when a first picture is shown (a drawn figure needs none
        of it, and importing it cost the first start some 5 ms)."""
        if self._pictures is None:
            from stretchapp.ui import pictures

            pictures.RENDERER.ready.connect(self.update)  # an SVG drawn in a worker is ready
            self._pictures = pictures
        return self._pictures

    def _start_movie(self) -> None:
        if self._movie is not None:
            self._movie.stop()
            self._movie.deleteLater()
            self._movie = None
        if self._frames and self._frames[self._index].suffix.lower() == ".gif":
            size = self._target_rect().size().toSize() * self.devicePixelRatioF()
            movie = self._picture_module().movie(self._frames[self._index], size)
            if movie is not None:
                movie.setParent(self)
                movie.frameChanged.connect(self.update)
                movie.start()
                self._movie = movie

    def hideEvent(self, event: QHideEvent) -> None:
        # Nobody sees a cross-fade in a hidden picture: finish it rather than keep waking up.
        if self._anim is not None and self._anim.state() is self._anim.State.Running:
            self._anim.stop()
            self._on_fade(1.0)
        super().hideEvent(event)

    def _on_fade(self, value: float) -> None:
        self._fade = float(value)
        if self._fade >= 1.0:
            self._previous = None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        background = self._background()
        if self._pose is not None and self._drawing is not None:
            self._paint_figure(painter, background, QRectF(event.rect()))
            painter.end()
            return
        if background:
            painter.fillRect(self.rect(), QColor(background))
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

    def _paint_figure(self, painter: QPainter, background: str, exposed: QRectF) -> None:
        drawing = self._drawing
        assert drawing is not None
        palette = self.palette_()
        ratio = self.devicePixelRatioF()
        if self._moving:
            # A new pose every frame: painted straight on, over the backdrop (background and
            # the props behind the body) painted once and copied; both only where exposed.
            figure = renderer()
            behind = figure.backdrop(drawing)
            if self._props_move and background and self._kept_backdrop(behind) is None:
                # Props that move with the body (a roller, the mat as the figure turns) are
                # in a new place every frame: painted straight on, not on a pixmap first
                # that is copied once and thrown away (the same pixels, some 2 ms less).
                painter.fillRect(exposed, QColor(background))
                figure.paint_drawing(
                    painter, drawing, QRectF(self.rect()), palette, background, exposed=exposed
                )
                return
            pixmap = self._backdrop_pixmap(behind)
            source = QRectF(exposed.x() * ratio, exposed.y() * ratio, exposed.width() * ratio, 0)
            source.setHeight(exposed.height() * ratio)
            painter.drawPixmap(exposed, pixmap, source)
            figure.paint_drawing(
                painter,
                drawing,
                QRectF(self.rect()),
                palette,
                background or palette.surface,
                skip=len(behind.items),
                exposed=exposed,
            )
            return
        size = (self.width(), self.height())
        painter.drawPixmap(0, 0, self.figures.pixmap(drawing, *size, palette, ratio, background))

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
            shown = self._picture_module().picture(path, device, dark=dark)
            image, problem = shown.image, shown.problem
            if shown.pending:
                return  # being drawn elsewhere: the space stays calm until it is ready
        if index == self._index:
            self.problem = problem
        from PySide6.QtCore import Qt  # (a picture of the user's: see early_widgets)

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
            _("Picture unavailable") + (f"\n{problem}" if problem and area.height() > 120 else ""),
        )
