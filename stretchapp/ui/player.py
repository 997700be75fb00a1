"""The guided session: illustration, countdown ring, and the controls, readable from the floor.

The page owns one single-shot timer. Each time it fires, the page asks the session for a
snapshot (the session computes everything from timestamps), updates only what changed, and
arms the timer again for the next moment the screen must change: the next whole second, a
cue, an illustration frame, or the ring moving by about a pixel. A moving figure's frames are
paced by the picture, by when it will next have moved a visible step (at most 30 a second);
between whole seconds the page moves the ring, strip and figure from the last snapshot, and
each repaints only the pixels that change. Paused, nothing runs.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stretchapp.core import health
from stretchapp.core.body import motion
from stretchapp.core.i18n import N_, _, ngettext, pgettext
from stretchapp.core.keys import PLAYER, Shortcut, shortcuts
from stretchapp.core.palette import Palette
from stretchapp.core.present import phase_title, session_result
from stretchapp.core.routines import Entry, Routine
from stretchapp.core.session import (
    LEFT,
    Event,
    EventKind,
    PauseReason,
    PhaseKind,
    Session,
    Snapshot,
    State,
    Summary,
)
from stretchapp.ui.fit_label import FitLabel
from stretchapp.ui.icons import icon
from stretchapp.ui.illustration import GLOW_MEANS, Illustration, marks_a_part, pose_of
from stretchapp.ui.library import plain_label, scroll_column

STALE_CUE_MS = 1500  # a cue noticed later than this (after a freeze) is not worth playing
STOP_LEAVE_GAP_MS = 1000  # an Esc this soon after the Esc that stopped is the same press
TEXT_FITS = (1.0, 0.94, 0.88, 0.82, 0.76)  # the paragraphs' type, tried largest first
# The ring's arc steps once a second, with its number: each wake-up of the page costs far
# more than the few pixels it paints, and a hold then wakes the page once a second only.
STILL_FRAME_MS = 1000


class Speaker:
    """What the player needs from sound and voice; the real ones live in ui/sound.py."""

    def play(self, cue: str) -> None: ...
    def say(self, text: str) -> None: ...
    def set_muted(self, muted: bool) -> None: ...
    def is_muted(self) -> bool:
        return False

    def set_volume(self, volume: float) -> None: ...
    def volume(self) -> float:
        return 0.7

    def status(self) -> str:
        return ""

    def configure(self, *, sound: bool, volume: float, ticks: bool, voice: bool) -> None:
        """Apply the user's sound settings (the M key mutes on top of them)."""


def side_text(snap: Snapshot) -> str:
    phase = snap.phase
    if phase is None or snap.entry is None:
        return ""
    if phase.kind is PhaseKind.GET_READY:
        return _("Starting on the left side") if snap.entry.side_count == 2 else ""
    if phase.kind is PhaseKind.SWITCH:
        return _("Switch sides → right side")
    if phase.kind is PhaseKind.STRETCH and phase.side:
        return _("Left side") if phase.side == LEFT else _("Right side")
    return ""


def _on_first_side(snap: Snapshot) -> bool:
    """A two-sided stretch before its switch: getting ready for it, or on its left side."""
    phase, entry = snap.phase, snap.entry
    return (
        phase is not None
        and entry is not None
        and entry.side_count == 2
        and (
            phase.kind is PhaseKind.GET_READY
            or (phase.kind is PhaseKind.STRETCH and phase.side == LEFT)
        )
    )


def next_side(right: str) -> str:
    """The right side's words during the switch, while the figure is still changing over."""
    return _("Next: {side}").format(side=right)


def side_hint(snap: Snapshot) -> str:
    """What the side on screen is, where the stretch says ("Left arm up, leaning right"):
    "Left side" alone does not say which arm, leg or way. The left's while getting ready
    and on the left, the right's from the switch on (as what comes next); "" otherwise."""
    phase, entry = snap.phase, snap.entry
    if phase is None or entry is None or entry.side_count != 2:
        return ""
    left, right = entry.stretch.left_side, entry.stretch.right_side
    if _on_first_side(snap):
        return left
    if phase.kind is PhaseKind.SWITCH and right:
        # the figure is still changing over: what comes, not what it shows (a stranger saw
        # "Turning to your right" over the figure still turned left)
        return next_side(right)
    if phase.kind is PhaseKind.STRETCH:
        return right
    return ""


def ready_words(entry: Entry) -> str:
    """What is said as a stretch's get-ready begins: its name, the side it starts on, the
    way into the position, in one utterance (a new one cuts off what is still being said)."""
    name, left = entry.stretch.name, entry.stretch.left_side
    if entry.side_count == 2 and left:
        ready = _("{name}. Get ready. First: {side}.").format(name=name, side=left)
    elif entry.side_count == 2:
        ready = _("{name}. Get ready. Left side first.").format(name=name)
    else:
        ready = _("{name}. Get ready.").format(name=name)
    return f"{ready} {entry.transition}".strip()


def next_text(snap: Snapshot | None, after: Sequence[Entry]) -> str:
    """The stretch after the one on screen; nothing while its right side is still to come
    (getting ready for a two-sided stretch, its left side, the switch), where "Then:
    Figure-4" read as the next thing to do during "Switch sides". No `snap`: as it shows
    once the right side has begun."""
    if snap is not None and (
        _on_first_side(snap) or (snap.phase is not None and snap.phase.kind is PhaseKind.SWITCH)
    ):
        return ""
    if not after:
        return _("Last stretch")
    return _("Then: {name}").format(name=after[0].stretch.name)


def rep_text(snap: Snapshot) -> str:
    if snap.rep is not None and snap.reps is not None:
        return _("Rep {rep} of {reps}").format(rep=snap.rep, reps=snap.reps)
    return ""


def progress_text(number: int | str, count: int | str, left: str) -> str:
    """The header's line: 'Stretch 2 of 6 · 4:42 left'."""
    return _("Stretch {number} of {count} · {time} left").format(
        number=number, count=count, time=left
    )


def clock_text(ms: int) -> str:
    seconds = -(-ms // 1000)
    return f"{seconds // 60}:{seconds % 60:02d}"


class Moment(NamedTuple):
    """What the figure is drawn from (see core.drawing.drawing_at)."""

    phase: PhaseKind
    elapsed_ms: int
    phase_ms: int
    rep_ms: int  # 0 for a hold: the figure moves only in a stretch done in repetitions
    side: str | None


def figure_moment(snap: Snapshot, elapsed_ms: int) -> Moment | None:
    """The moment of the figure on screen, `elapsed_ms` into the snapshot's phase. A rest
    shows the next stretch in its starting position; a get-ready before a two-sided stretch
    shows the left side, which comes first."""
    phase, entry = snap.phase, snap.entry
    if phase is None or entry is None:
        return None
    if phase.kind is PhaseKind.REST and snap.next_entry is not None:
        upcoming = snap.next_entry
        side = LEFT if upcoming.side_count == 2 else None
        return Moment(PhaseKind.GET_READY, 0, 1, _rep_ms(upcoming), side)
    side = phase.side
    if side is None and phase.kind is PhaseKind.GET_READY and entry.side_count == 2:
        side = LEFT
    return Moment(phase.kind, elapsed_ms, phase.duration_ms, _rep_ms(entry), side)


def _rep_ms(entry: Entry) -> int:
    return entry.tempo * 1000 if entry.hold is None else 0


# The ring's caption while a breathing figure (the resting breath) breathes in or out, in step
# with its belly: someone who looks up sees which half of the breath they are in.
BREATH_CAPTIONS = {motion.BREATH_IN: N_("Breathe in"), motion.BREATH_OUT: N_("Breathe out")}


def ring_caption(snap: Snapshot, elapsed_ms: int) -> str:
    """The ring's caption `elapsed_ms` into the snapshot's phase: the phase's title, or, while
    a breathing figure breathes, which way it breathes (core/body/motion.breath)."""
    moment = figure_moment(snap, elapsed_ms)
    pose = pose_of(snap.entry.stretch) if snap.entry is not None else None
    way = None if pose is None or moment is None else motion.breath(pose, *moment)
    return _(BREATH_CAPTIONS[way]) if way is not None else phase_title(snap)


NAME_GROWTH = 1.25  # how much faster than the rest the name grows with the window

# How far the side's cue may shrink before it elides (a share of its size): as the dose's,
# and further for the long "Switch sides → right side".
SIDE_CUE_LEAST = 0.8
SWITCH_CUE_LEAST = 0.6


class CountdownRing(QWidget):
    """A ring that empties smoothly as the phase runs, with the whole seconds in its middle."""

    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.palette_ = palette
        self.fraction = 0.0
        self.seconds = 0
        self.caption = ""
        self._caption_fit: tuple[tuple[object, ...], tuple[QFont, str]] | None = None
        self.paused = False
        self._face_key: tuple[object, ...] | None = None
        self._face_cache: QPixmap | None = None
        # Small enough that the ring, the name under it, a long caution and the pause banner
        # all fit an 800x600 window (at 200 px the ring was pushed over the name); the
        # seconds stay 56 px or more.
        self.setMinimumSize(QSize(140, 140))
        # Opaque: repainting the ring (up to 25 times a second) then never makes Qt repaint
        # the styled page behind it, which costs several times more than the ring itself.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Countdown"))

    def diameter(self) -> float:
        return max(0.0, min(self.width(), self.height()) - 12.0)

    def set_state(self, fraction: float, seconds: int, caption: str, paused: bool) -> bool:
        """Repaint only when something visible changed; returns whether it did."""
        step = 1.0 / max(1.0, math.pi * self.diameter())  # about a pixel of arc
        whole = seconds != self.seconds or caption != self.caption or paused != self.paused
        moved = abs(fraction - self.fraction) >= step
        if whole:
            only_seconds = caption == self.caption and paused == self.paused
            old_fraction = self.fraction
            self.fraction, self.seconds, self.caption, self.paused = (
                fraction,
                seconds,
                caption,
                paused,
            )
            self.setAccessibleDescription(
                ngettext(
                    "{phase}: {count} second left", "{phase}: {count} seconds left", seconds
                ).format(phase=caption, count=seconds)
            )
            if only_seconds:
                # A new second: the number, and the arc's end if it moved; not the whole ring.
                self.update(self._number_rect().toAlignedRect().adjusted(-2, -2, 2, 2))
                if moved:
                    self.update(self._arc_span(old_fraction, fraction).toAlignedRect())
            else:
                self.update()
        elif moved:
            # Only the arc's end moved: repaint the few pixels around it, not the whole ring.
            old_fraction, self.fraction = self.fraction, fraction
            self.update(self._arc_span(old_fraction, fraction).toAlignedRect())
        return whole or moved

    def _arc_span(self, start: float, end: float) -> QRectF:
        """What the arc covers between two fractions, as wide as the stroke: its two ends and
        the top, side or bottom of the ring it passes, where an arc bulges past its ends."""
        low, high = min(start, end), max(start, end)
        span = self._arc_end(low).united(self._arc_end(high))
        for quarter in (0.25, 0.5, 0.75):
            if low < quarter < high:
                span = span.united(self._arc_end(quarter))
        return span

    def _arc_end(self, fraction: float) -> QRectF:
        """A square around where the arc ends at this fraction, as wide as the stroke."""
        rect, thickness = self._geometry()
        angle = math.radians(90 + (1.0 - fraction) * 360)
        x = rect.center().x() + rect.width() / 2 * math.cos(angle)
        y = rect.center().y() - rect.height() / 2 * math.sin(angle)
        half = thickness / 2 + 3
        return QRectF(x - half, y - half, 2 * half, 2 * half)

    def _geometry(self) -> tuple[QRectF, float]:
        d = self.diameter()
        thickness = max(8.0, d * 0.06)
        rect = QRectF((self.width() - d) / 2, (self.height() - d) / 2, d, d).adjusted(
            thickness / 2, thickness / 2, -thickness / 2, -thickness / 2
        )
        return rect, thickness

    def _text_rect(self) -> QRectF:
        """Where the seconds and the caption are drawn (see _paint_text)."""
        rect, _ = self._geometry()
        return QRectF(rect.x(), rect.y() + rect.height() * 0.14, rect.width(), rect.height() * 0.68)

    def _number_rect(self) -> QRectF:
        rect, _ = self._geometry()
        return QRectF(rect.x(), rect.y() + rect.height() * 0.14, rect.width(), rect.height() * 0.56)

    def _face(self) -> QPixmap:
        """Background and track: drawn once per size, so the many small steps of the arc
        and the seconds cost a copy of the few pixels that change, an arc and a number."""
        key = (self.width(), self.height(), self.devicePixelRatioF())
        if self._face_key == key and self._face_cache is not None:
            return self._face_cache
        p = self.palette_
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor(p.window))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect, thickness = self._geometry()
        painter.setPen(
            QPen(QColor(p.accent_soft), thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        )
        painter.drawEllipse(rect)
        painter.end()
        self._face_key, self._face_cache = key, pixmap
        return pixmap

    def caption_fit(self) -> tuple[QFont, str]:
        """The caption's font and text, inside the ring: as wide as the circle is where the
        caption's box ends (0.82 of its height, a chord of 0.77 of it), less the ring and a
        little air. A longer caption ("Bereit machen") shrinks, then elides, rather than
        running into the ring."""
        key = (self.caption, self.width(), self.height(), self.font().key())
        if self._caption_fit is not None and self._caption_fit[0] == key:
            return self._caption_fit[1]  # (worked out once per caption and size, not per tick)
        rect, _ = self._geometry()
        small = QFont(self.font())
        px = max(13, round(rect.height() * 0.085))
        small.setPixelSize(px)
        room = self.caption_room()
        metrics = QFontMetrics(small)
        while px > 10 and metrics.horizontalAdvance(self.caption) > room:
            px -= 1
            small.setPixelSize(px)
            metrics = QFontMetrics(small)
        fit = (small, metrics.elidedText(self.caption, Qt.TextElideMode.ElideRight, int(room)))
        self._caption_fit = (key, fit)
        return fit

    def caption_room(self) -> float:
        """How wide the caption may be (see caption_fit)."""
        rect, thickness = self._geometry()
        return rect.height() * 0.768 - thickness - 6

    def _paint_text(self, painter: QPainter) -> None:
        p = self.palette_
        rect, _ = self._geometry()
        font = QFont(self.font())
        font.setPixelSize(max(56, round(rect.height() * 0.36)))
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(QColor(p.text))
        painter.drawText(self._number_rect(), Qt.AlignmentFlag.AlignCenter, str(self.seconds))
        small, text = self.caption_fit()
        painter.setFont(small)
        painter.setPen(QColor(p.secondary))
        caption = QRectF(
            rect.x(), rect.y() + rect.height() * 0.66, rect.width(), rect.height() * 0.16
        )
        painter.drawText(caption, Qt.AlignmentFlag.AlignCenter, text)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = event.rect()
        face = self._face()
        ratio = face.devicePixelRatio()
        source = QRectF(area.x() * ratio, area.y() * ratio, area.width() * ratio, 0.0)
        source.setHeight(area.height() * ratio)
        painter.drawPixmap(QRectF(area), face, source)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._text_rect().intersects(QRectF(area)):  # (not for a step of the arc's end)
            self._paint_text(painter)
        left = 1.0 - self.fraction
        if left > 0:
            rect, thickness = self._geometry()
            colour = QColor(self.palette_.secondary if self.paused else self.palette_.accent)
            painter.setPen(QPen(colour, thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawArc(rect, 90 * 16, round(left * 360 * 16))
        painter.end()


class StatusText(QWidget):
    """One line of text that changes every second ("4:42 left"). Unlike a QLabel, a new text
    only repaints this line: it never asks the page to lay itself out again."""

    def __init__(
        self, colour: str, parent: QWidget | None = None, *, background: str | None = None
    ) -> None:
        super().__init__(parent)
        self._text = ""
        self._colour = colour
        self._background = background
        self.setObjectName("statusText")
        if background is not None:
            # Opaque on the page's colour: the new second repaints this line, not the page.
            self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # the page's type scale changed
            self._fit()
        super().changeEvent(event)

    def _fit(self) -> None:
        metrics = self.fontMetrics()
        self.setFixedHeight(metrics.height() + 4)
        widest = progress_text(88, 88, "88:88")  # as wide as the line gets, in this language
        self.setMinimumWidth(metrics.horizontalAdvance(widest))

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.setAccessibleName(text)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._background is not None:
            painter.fillRect(event.rect(), QColor(self._background))
        painter.setPen(QColor(self._colour))
        painter.drawText(
            self.rect(), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self._text
        )
        painter.end()


class ProgressStrip(QWidget):
    """A thin bar along the top: one segment per stretch, filled as the routine goes."""

    def __init__(self, count: int, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = max(1, count)
        self.palette_ = palette
        self.position = (0, 0.0)
        self.setFixedHeight(6)
        self.setAccessibleName(_("Routine progress"))
        # Opaque (it paints the page's colour under its segments itself): a step of the fill
        # then repaints these few pixels only, not the styled page and stack behind them.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def set_position(self, index: int, fraction: float) -> None:
        # Whole-pixel steps are all the eye can see: repaint only then.
        old, new = self._end_x(*self.position), self._end_x(index, fraction)
        start = self._end_x(index, 0.0)
        if index != self.position[0] or min(old, new) - start < 8:
            # A new segment, or a fill shorter than its rounded corners: the whole strip.
            self.position = (index, fraction)
            self.update()
        elif fraction != self.position[1] and old != new:
            # Only the filled end moved: repaint the few pixels it crossed (and its corner).
            self.position = (index, fraction)
            self.update(QRect(min(old, new) - 4, 0, abs(new - old) + 8, self.height()))
            # ... and the fill's rounded start, whose antialiasing follows the fill's length.
            self.update(QRect(start - 2, 0, 10, self.height()))
        else:
            self.position = (index, fraction)

    GAP = 4.0

    def _end_x(self, index: int, fraction: float) -> int:
        """Where the filled part ends, in whole pixels."""
        width = (self.width() - self.GAP * (self.count - 1)) / self.count
        return round(index * (width + self.GAP) + width * fraction)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(self.palette_.window))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        gap = self.GAP
        width = (self.width() - gap * (self.count - 1)) / self.count
        index, fraction = self.position
        for i in range(self.count):
            x = i * (width + gap)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.palette_.accent_soft))
            painter.drawRoundedRect(QRectF(x, 0, width, self.height()), 3, 3)
            filled = 1.0 if i < index else fraction if i == index else 0.0
            if filled > 0:
                painter.setBrush(QColor(self.palette_.accent))
                painter.drawRoundedRect(QRectF(x, 0, width * filled, self.height()), 3, 3)
        painter.end()


@dataclass(frozen=True)
class Key:
    keys: tuple[str, ...]
    shortcut: Shortcut

    @property
    def label(self) -> str:
        """How a tooltip names the keys, in the active language."""
        return self.shortcut.keys_text


# The player's keys, from the app's one table of shortcuts (core/keys.py, docs/keys.md).
KEYS = {
    name: Key(s.keys, s)
    for name, s in shortcuts(PLAYER).items()
    if name in ("back", "restart", "pause", "skip", "stop", "mute", "full_screen")
}


class _CueLayout(QLayout):
    """The stretch's name, its side and its dose under the ring, one under another. When the
    room is short each is first shown whole (at its smallest), then the name keeps its size
    first, then the side, then the dose (a box layout shared the shortage by how much each
    could give, so the side came out larger than the name above it at 800x600). A hidden
    label takes no room."""

    def __init__(self, spacing: int) -> None:
        super().__init__()
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    # ---- QLayout ----

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _gaps(self, shown: list[QLayoutItem]) -> int:
        return self.spacing() * max(0, len(shown) - 1)

    def sizeHint(self) -> QSize:
        shown = self._shown()
        hints = [item.sizeHint() for item in shown]
        width = max((hint.width() for hint in hints), default=0)
        return QSize(width, sum(hint.height() for hint in hints) + self._gaps(shown))

    def minimumSize(self) -> QSize:
        shown = self._shown()
        least = sum(item.minimumSize().height() for item in shown)
        return QSize(0, least + self._gaps(shown))

    def heights(self, room: int, width: int) -> list[int]:
        """Each shown label's height in `room`: all their least (a line at their smallest);
        then, in order, what each needs to be whole (FitLabel.whole_height); then, in
        order, up to what each asks for."""
        shown = self._shown()
        heights = [item.minimumSize().height() for item in shown]
        spare = room - self._gaps(shown) - sum(heights)
        whole = []
        for item, low in zip(shown, heights, strict=True):
            label = item.widget()
            whole.append(label.whole_height(width) if isinstance(label, FitLabel) else low)
        for wanted in (whole, [item.sizeHint().height() for item in shown]):
            for i, want in enumerate(wanted):
                give = max(0, min(spare, want - heights[i]))
                heights[i] += give
                spare -= give
        return heights

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        y = rect.y()
        for item, height in zip(
            self._shown(), self.heights(rect.height(), rect.width()), strict=True
        ):
            item.setGeometry(QRect(rect.x(), y, rect.width(), height))
            y += height + self.spacing()


class _KeptRoom(QWidget):
    """A box that asks its layout for the room `keep` gave it, or more when what it holds
    (`inside`, laid out by `inside`'s own layout) needs more; like any box it can still be
    squeezed. (The room is asked for through `heightForWidth`, which a layout does not ask a
    widget of its own layout: hence the box within the box.)"""

    def __init__(self) -> None:
        super().__init__()
        self.inside = QWidget(self)
        self.kept = 0
        self._needed = 0
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def keep(self, height: int) -> None:
        if height != self.kept:
            self.kept = height
            self.updateGeometry()

    def needed_for(self, width: int) -> int:
        """The height what it holds now needs at `width`, without the kept room."""
        layout = self.inside.layout()
        return layout.totalHeightForWidth(width) if layout is not None else 0

    def hasHeightForWidth(self) -> bool:
        return True

    def settle(self) -> None:
        """Lay out what it holds now, and tell the page's layout when that needs another
        height (its layout is not part of the page's, which would otherwise do both)."""
        layout = self.inside.layout()
        if layout is not None:
            layout.activate()
        needed = self.needed_for(self.width())
        if needed != self._needed:
            self._needed = needed
            self.updateGeometry()

    def heightForWidth(self, width: int) -> int:
        return max(self.kept, self.needed_for(width))

    def sizeHint(self) -> QSize:
        hint = self.inside.sizeHint()
        return QSize(hint.width(), max(hint.height(), self.kept))

    def minimumSizeHint(self) -> QSize:
        return self.inside.minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.inside.setGeometry(self.rect())
        super().resizeEvent(event)


class _HeaderRow(QWidget):
    """The line over the stretch: the routine's name (or the pause banner) and the progress;
    it says when its width changes, for the banner to be placed again."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()


class PlayerPage(QWidget):
    """One session, from the first get-ready to the finish screen."""

    finished = Signal(object)  # Summary, when the finish screen is shown
    leave_requested = Signal()  # back to the library
    full_screen_toggled = Signal()
    # Space on the finish screen with no button focused: skip its open question, if any.
    skip_requested = Signal()

    def __init__(
        self,
        session: Session,
        palette: Palette,
        speaker: Speaker | None = None,
        *,
        dark: bool = False,
        sound_note: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.session = session
        self.routine: Routine = session.routine
        self.palette_ = palette
        self.speaker = speaker or Speaker()
        self.summary: Summary | None = None
        self._labels: dict[str, str] = {}
        self._labelled_now: set[str] | None = None  # the buttons showing their labels
        self._preview = False  # a try-out from the editor (mark_preview)
        self._type_scale = 0.0
        # The paragraphs' type as a share of its size (1.0, down to TEXT_FIT_LEAST when a small
        # window in a longer language has not the room for them), and what it was styled with.
        self._text_fit = 1.0
        self._styled_fit = 0.0
        self._fitted_for: tuple[object, ...] | None = None
        self._last_phase_index = -1
        self._last_entry: Entry | None = None
        self._tipped_for: Entry | None = None  # the stretch the precautions' tooltip is for
        self._breath_said_for = -1  # the entry whose breathing cue was last spoken
        self._unsubscribe = session.subscribe(self._on_event)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._on_timer)
        self._snap: Snapshot | None = None
        self._snap_at = 0  # the clock when _snap was taken
        self._stopped_at: int | None = None  # the clock when Esc stopped the session
        self._due_at = 0  # when the session next needs update(): a second, a cue, a frame

        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.session_view = self._build_session_view(dark, sound_note)
        self.finish_view = self._build_finish_view()
        self.stack.addWidget(self.session_view)
        self.stack.addWidget(self.finish_view)
        self.before_view: QWidget | None = None
        self._build_shortcuts()

    # ---- building ----

    def _build_session_view(self, dark: bool, sound_note: str) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)

        self.progress = ProgressStrip(len(self.routine.entries), self.palette_)
        layout.addWidget(self.progress)
        self.header_row = _HeaderRow()
        header = QHBoxLayout(self.header_row)
        header.setContentsMargins(0, 0, 0, 0)
        self.routine_label = plain_label(self.routine.name, "meta", wrap=False)
        self.progress_label = StatusText(self.palette_.text, background=self.palette_.window)

        self.banner = plain_label("", "banner", wrap=False)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setStyleSheet(
            f"#banner {{ background: {self.palette_.accent_soft}; color: {self.palette_.text};"
            " border-radius: 8px; padding: 3px 8px; font-weight: 600; }"
        )
        banner_box = QWidget()
        banner_row = QHBoxLayout(banner_box)
        banner_row.setContentsMargins(0, 0, 0, 0)
        banner_row.addWidget(self.banner)
        banner_row.addStretch(1)
        # Paused, the banner takes the place of the routine's name rather than pushing the
        # page down (at 800x600 that pushed the ring over the stretch's name), and the
        # progress stays beside it where both fit; where they do not, the banner takes the
        # whole line (_place_banner).
        self.name_or_banner = QStackedWidget()
        self.name_or_banner.addWidget(self.routine_label)
        self.name_or_banner.addWidget(banner_box)
        header.addWidget(self.name_or_banner, 1)
        header.addWidget(self.progress_label, 1)
        layout.addWidget(self.header_row)
        self.header_row.resized.connect(
            lambda: self._place_banner(self.name_or_banner.currentIndex() == 1)
        )

        main = QHBoxLayout()
        main.setSpacing(24)
        self._main_row = main
        self.illustration = Illustration(dark=dark)
        self.illustration.set_backdrop("window")
        self.illustration.setAccessibleName(_("Illustration of the stretch"))
        self.illustration.setMinimumSize(QSize(240, 180))
        main.addWidget(self.illustration, 3)
        side = QVBoxLayout()
        side.setSpacing(6)
        self.ring = CountdownRing(self.palette_)
        side.addWidget(self.ring, 3)
        # Under the ring, in the room left: each shrinks to fit, then elides with a tooltip,
        # so a long name (60 characters) never covers the ring nor is cut off.
        self.name_label = FitLabel("", "stretchName", min_ratio=0.5)
        # The side and the dose are cues read from a distance: they give up less of their size
        # (the switch's cue a little more: see show_snapshot).
        self.side_label = FitLabel("", "sideLabel", min_ratio=SIDE_CUE_LEAST)
        self.rep_label = FitLabel("", "repLabel", min_ratio=0.8)
        for label in (self.name_label, self.side_label, self.rep_label):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        cues = _CueLayout(6)
        for label in (self.name_label, self.side_label, self.rep_label):
            cues.addWidget(label)
        side.addLayout(cues)
        side.addStretch(1)
        main.addLayout(side, 2)
        layout.addLayout(main, 1)

        # The text under the picture: its room is kept for the whole of a stretch (see
        # _reserve_details), so the picture does not grow or shrink as the stretch starts.
        self.details = _KeptRoom()
        details = QHBoxLayout(self.details.inside)
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(24)
        self.steps_label = plain_label("", "steps")
        self.steps_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # How to get into this position (roll onto your side first…): while getting ready it
        # takes the steps' place, large; the steps come back when the stretch starts.
        self.transition_label = plain_label("", "transition")
        self.transition_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.transition_label.setStyleSheet(
            f"#transition {{ background: {self.palette_.accent_soft}; color: {self.palette_.text};"
            " border-radius: 8px; font-weight: 600; }"
        )
        self.transition_label.hide()
        # What the side on screen is ("Left ankle on the right thigh"), where the stretch
        # says: over the steps, where a long one has the room of a line (under the ring, at
        # 800x600, it was cut short or pushed the ring over the name).
        self.side_hint_label = plain_label("", "sideHint")
        self.side_hint_label.setIndent(0)  # in line with the steps, under its bottom margin
        self.side_hint_label.hide()
        left = QVBoxLayout()
        left.setSpacing(0)
        left.addWidget(self.side_hint_label)
        left.addWidget(self.transition_label)
        left.addWidget(self.steps_label)
        left.addStretch(1)
        details.addLayout(left, 3)
        right = QVBoxLayout()
        # The stretch's breathing cue, while stretching.
        self.breath_label = plain_label("", "breathing")
        self.breath_label.setAccessibleName(_("Breathing"))
        self.breath_label.hide()
        right.addWidget(self.breath_label)
        self.caution_label = plain_label("", "caution")
        # The precautions (pregnancy, osteoporosis, surgery) that apply, while getting ready.
        self.precautions_label = plain_label("", "precautions")
        self.precautions_label.hide()
        self.next_label = plain_label("", "nextLabel")
        right.addWidget(self.caution_label)
        right.addWidget(self.precautions_label)
        right.addWidget(self.next_label)
        right.addStretch(1)
        details.addLayout(right, 2)
        layout.addWidget(self.details)

        controls = QHBoxLayout()
        controls.setSpacing(8)
        self.buttons: dict[str, QPushButton] = {}
        spec: list[tuple[str, str, str, Callable[[], object]]] = [
            ("back", pgettext("go back", "Back"), _("Go back to the previous stretch"), self.back),
            ("restart", _("Restart"), _("Start this stretch again"), self.restart),
            ("pause", _("Pause"), _("Pause or resume"), self.toggle_pause),
            ("skip", _("Skip"), _("Skip to the next stretch"), self.skip),
            ("stop", _("Stop"), _("Stop the routine (what you did is kept)"), self.stop),
        ]
        for name, text, tip, action in spec:
            button = self._button(name, text, tip, action)
            controls.addWidget(button)
        self.buttons["pause"].setObjectName("primary")
        self.buttons["pause"].setMinimumWidth(120)
        controls.addStretch(1)
        self.mute_button = self._button(
            "mute", _("Mute"), _("Mute or unmute sound and voice"), self.toggle_mute
        )
        self.mute_button.setCheckable(True)
        controls.addWidget(self.mute_button)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(round(self.speaker.volume() * 100))
        self.volume.setFixedWidth(110)
        self.volume.setToolTip(_("Volume"))
        self.volume.setAccessibleName(_("Volume"))
        self.volume.valueChanged.connect(lambda v: self.speaker.set_volume(v / 100))
        controls.addWidget(self.volume)
        self.full_button = self._button(
            "full_screen",
            _("Full screen"),
            _("Full screen on or off"),
            self.full_screen_toggled.emit,
        )
        for name in ("back", "restart", "skip", "stop", "full_screen"):
            self.buttons[name].setIcon(icon(name, self.palette_.text))
        for name in ("back", "restart", "skip", "stop", "mute", "full_screen"):
            # Their labels never set the page's least width (the row turns to icons instead,
            # see resizeEvent): a long German label must not make the window wider.
            self.buttons[name].setMinimumWidth(44)
        self._pause_icons = {
            paused: icon("play" if paused else "pause", self.palette_.on_accent)
            for paused in (True, False)
        }
        self.buttons["pause"].setIcon(self._pause_icons[False])
        self._mute_icons = {
            m: icon("muted" if m else "volume", self.palette_.text) for m in (True, False)
        }
        controls.addWidget(self.full_button)
        layout.addLayout(controls)
        # The rule for every stretch: said once, large, on the first get-ready, then kept
        # as a small line for the whole session. Under it, a note from the check-in.
        self.rule_label = plain_label(health.stop_rule(), "rule")
        self.rule_label.setAccessibleName(_("Rule for every stretch"))
        # Its first, larger line's room is kept for the whole first stretch (_reserve_details).
        self.rule_room = _KeptRoom()
        rule = QVBoxLayout(self.rule_room.inside)
        rule.setContentsMargins(0, 0, 0, 0)
        rule.addWidget(self.rule_label)
        layout.addWidget(self.rule_room)
        self.note_label = plain_label("", "meta")
        self.note_label.hide()
        layout.addWidget(self.note_label)
        self.sound_note = plain_label(sound_note, "meta")
        self.sound_note.setVisible(bool(sound_note))
        layout.addWidget(self.sound_note)
        self._sync_mute()
        return view

    def resizeEvent(self, event: object) -> None:
        self._scale_type()
        # In a small window the secondary controls show their icons only (tooltips and
        # accessible names still say what they do), so the row never gets cut off: icons
        # only whenever the labels, as long as this language has them, would not fit. Stop
        # keeps its label while it fits beside Pause's (a square alone looked like Restart's
        # arrow to older eyes, and it is the control a person in pain looks for).
        labelled = self._labelled()
        if labelled != self._labelled_now:
            self._labelled_now = labelled
            for name, button in self.buttons.items():
                if name != "pause":
                    button.setText(self._labels[name] if name in labelled else "")
            self._sync_mute()
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self._fitted_for is not None:  # the paragraphs' type fitted again to the new room
            shown = self._fitted_for[:-2]
            QTimer.singleShot(
                0, self, lambda: self._fit_text((*shown, self.width(), self.height()))
            )

    def _labelled(self) -> set[str]:
        """The buttons whose labels show at this width: all, Pause and Stop, or Pause."""
        for names in (set(self.buttons), {"pause", "stop"}):
            if self.width() >= self._labelled_row_width(names):
                return names
        return {"pause"}

    def _labelled_row_width(self, labelled: set[str] | None = None) -> int:
        """How wide the row of controls is with these labels shown (default: every one), in
        this language; the others as icons."""
        scale = self._type_scale or 1.0
        padding = round(16 * scale) * 2 + 10  # the style's side padding, the icon's gap, border
        width = self.volume.width() + 8 * len(self.buttons) + round(24 * scale) * 2 + 24
        for name, button in self.buttons.items():
            if labelled is not None and name not in labelled:
                width += max(button.minimumWidth(), button.iconSize().width() + padding)
                continue
            label = button.text() if name == "pause" else self._labels[name]
            text = button.fontMetrics().horizontalAdvance(label)
            width += max(button.minimumWidth(), text + button.iconSize().width() + padding)
        return width

    def _scale_type(self) -> None:
        """Text grows with the window: read from the floor, a big screen needs big type."""
        scale = max(1.0, min(3.0, min(self.width() / 1100, self.height() / 760)))
        step = round(scale * 8) / 8  # restyle only in steps, not on every pixel of a resize
        if (step, self._text_fit) == (self._type_scale, self._styled_fit):
            return
        self._type_scale, self._styled_fit = step, self._text_fit
        fit = self._text_fit

        def px(size: float) -> int:
            return round(size * step)

        def text(size: float) -> int:  # the paragraphs under the picture: they may give a little
            return round(size * step * fit)

        def cue(size: float) -> int:
            # The one cue line read from across the room (the side, or the hold) grows
            # faster than the rest: about twice as large at 1080p as at 800x600.
            return round(size * step * min(step, 1.6))

        def name(size: float) -> int:
            # The stretch's name grows a little faster too, so it stays the main line over
            # the cues (at 1080p it was 44 px over a 42 px side line: read as one size).
            return round(size * step * min(step, NAME_GROWTH))

        self.session_view.setStyleSheet(
            f"#stretchName {{ font-size: {name(32)}px; }}"
            f" #sideLabel {{ font-size: {cue(22)}px; font-weight: 600; }}"
            f" #repLabel {{ font-size: {cue(20)}px; }}"
            f" #steps, #caution {{ font-size: {text(18)}px; }}"
            f" #precautions {{ font-size: {text(14)}px; }}"
            f" #sideHint {{ font-size: {text(18)}px; font-weight: 600;"
            f" color: {self.palette_.accent}; margin: 0px 0px {px(6)}px 0px; }}"
            f" #breathing {{ font-size: {text(17)}px; font-weight: 600;"
            f" color: {self.palette_.accent}; }}"
            f" #transition {{ font-size: {text(20)}px; padding: {px(6)}px {px(12)}px; }}"
            f" #rule {{ font-size: {px(14)}px; color: {self.palette_.secondary}; }}"
            f' #rule[first="true"] {{ font-size: {px(16)}px; color: {self.palette_.text};'
            " font-weight: 600; }"
            f" #nextLabel {{ font-size: {text(17)}px; }}"
            f" #meta {{ font-size: {px(14)}px; }}"
            f" #banner {{ font-size: {px(16)}px; }}"
            # "Stretch 2 of 5 · 3:17 left": legible from the floor, 2-3 m away.
            f" #statusText {{ font-size: {px(18)}px; font-weight: 600; }}"
            f" QPushButton {{ font-size: {px(15)}px; padding: {px(8)}px {px(16)}px; }}"
        )
        for button in (*self.buttons.values(), self.full_button):
            button.setIconSize(QSize(px(18), px(18)))
        self.volume.setFixedWidth(px(110))
        self.progress.setFixedHeight(px(6))
        margin = px(24)
        view_layout = self.session_view.layout()
        assert view_layout is not None
        view_layout.setContentsMargins(margin, px(16), margin, px(16))
        # 8 px between rows at the smallest size: an 800x600 window keeps the ring whole
        # with the rule line and the breathing cue on screen.
        view_layout.setSpacing(px(8))

    def _button(self, name: str, text: str, tip: str, action: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        self._labels[name] = text
        key = KEYS[name]
        # Translators: a button's tooltip, what it does and its keys: "Pause or resume (Space)".
        button.setToolTip(_("{action} ({keys})").format(action=tip, keys=key.label))
        button.setAccessibleName(tip.split(" (")[0])
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda: action())
        self.buttons[name] = button
        return button

    def _build_finish_view(self) -> QWidget:
        view = QWidget()
        outer = QVBoxLayout(view)
        outer.setContentsMargins(0, 0, 0, 0)
        # Scrolls when the questions and the guidance outgrow a small window.
        layout = scroll_column(outer, (48, 32, 48, 32), 8, _("Session summary"))
        layout.addStretch(1)
        self.finish_title = plain_label("", "h1")
        self.finish_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.finish_stats = plain_label("", "finishStats")
        self.finish_stats.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.finish_note = plain_label("", "secondary")
        self.finish_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The stop question, the check-in and the guidance go here, in a readable width.
        extra = QWidget()
        extra.setMaximumWidth(820)
        extra.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.finish_extra = QVBoxLayout(extra)
        self.finish_extra.setContentsMargins(0, 0, 0, 0)
        self.finish_extra.setSpacing(8)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(extra, 100)
        centred.addStretch(1)
        self.done_button = QPushButton(_("Back to routines"))
        self.done_button.setObjectName("primary")
        self.done_button.setToolTip(
            _("{action} ({keys})").format(
                action=_("Back to the routine library"),
                keys=_("{first} or {second}").format(
                    first=KEYS["stop"].label, second=shortcuts(PLAYER)["leave"].keys_text
                ),
            )
        )
        self.done_button.setAccessibleName(_("Back to routines"))
        self.done_button.clicked.connect(self.leave_requested.emit)
        for widget in (self.finish_title, self.finish_stats, self.finish_note):
            layout.addWidget(widget)
        layout.addLayout(centred)
        layout.addSpacing(16)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        return view

    def _build_shortcuts(self) -> None:
        actions: dict[str, Callable[[], object]] = {
            "back": self.back,
            "restart": self.restart,
            "pause": self.toggle_pause,
            "skip": self.skip,
            "stop": self.escape,
            "mute": self.toggle_mute,
            "full_screen": self.full_screen_toggled.emit,
        }
        self.shortcuts: list[QShortcut] = []
        for name, key in KEYS.items():
            for sequence in key.keys:
                shortcut = QShortcut(QKeySequence(sequence), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(actions[name])
                self.shortcuts.append(shortcut)
        for sequence in ("Return", "Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._enter)
            self.shortcuts.append(shortcut)

    # ---- the user's actions ----

    def show_before(self, widget: QWidget) -> None:
        """Show something (the check-in) before the session starts; start() follows."""
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addStretch(1)
        layout.addWidget(plain_label(self.routine.name, "h1"))
        layout.addWidget(widget)
        layout.addWidget(
            plain_label(_("Press a number to answer, or Space to skip and begin."), "meta")
        )
        layout.addStretch(1)
        self.before_view = view
        self._before_widget = widget
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        widget.setFocus()

    def show_after(self, widget: QWidget) -> None:
        """Add something (the check-in) to the finish screen."""
        self.finish_extra.addWidget(widget)

    def show_problem(self, message: str) -> None:
        """A problem that does not stop the session (e.g. history cannot be written)."""
        self.sound_note.setText(message)
        self.sound_note.setObjectName("warning")
        self.sound_note.setStyleSheet(f"color: {self.palette_.warning};")
        self.sound_note.show()

    def is_over(self) -> bool:
        """On the finish screen of a session (not an editor's try-out): leaving loses
        nothing, so the sections' keys may leave for their section."""
        return self.stack.currentWidget() is self.finish_view and not self._preview

    def mark_preview(self) -> None:
        """A try-out from the routine editor: its end says nothing is kept, and leads back
        to the editor."""
        self._preview = True
        self.done_button.setText(_("Back to the editor"))
        self.done_button.setAccessibleName(_("Back to the editor"))

    def set_note(self, text: str) -> None:
        """A line from the check-in before the session (pain of 8 or more), kept in view."""
        self.note_label.setText(text)
        self.note_label.setVisible(bool(text))

    def start(self) -> None:
        if self.before_view is not None:
            self.stack.setCurrentWidget(self.session_view)
        self.session.start()
        self.setFocus()
        self.refresh()

    def toggle_pause(self) -> None:
        """Space: pause or resume. Before the session and on the finish screen there is
        nothing to pause: a focused button is pressed, or else the open question skipped."""
        current = self.stack.currentWidget()
        if current is not self.session_view:
            if self._press_focused_button():
                return
            if current is self.before_view:
                self._before_widget.answered.emit(None)  # type: ignore[attr-defined]
            elif current is self.finish_view:
                self.skip_requested.emit()
            return
        self.session.toggle_pause()
        self.refresh()

    def _press_focused_button(self) -> bool:
        """Press the button the keyboard focus is on (Tab then Enter or Space, as everywhere
        else): the page's own keys would otherwise take the key from it."""
        widget = QApplication.focusWidget()
        if (
            isinstance(widget, QAbstractButton)
            and self.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
        ):
            widget.click()
            return True
        return False

    def skip(self) -> None:
        """Right (or N): the next stretch; before or after the session, where there is none,
        the next answer or button, as the arrow keys go in a row of buttons."""
        if self._step_focus(True):
            return
        self.session.skip()
        self.refresh()

    def back(self) -> None:
        if self._step_focus(False):
            return
        self.session.back()
        self.refresh()

    def _step_focus(self, forward: bool) -> bool:
        """Off the running session's page (the check-in before it, the finish screen), move
        the focus to the next or previous control (True); the player's own Right and Left
        kept Qt's arrow keys from reaching the stop reasons and the check-in's numbers."""
        if self.stack.currentWidget() is self.session_view:
            return False
        self.focusNextPrevChild(forward)
        return True

    def restart(self) -> None:
        self.session.restart()
        self.refresh()

    def stop(self) -> None:
        self.session.stop()
        self.refresh()

    def escape(self) -> None:
        """Esc stops a running routine (keeping what was done); on the finish screen, leaves.

        An Esc pressed twice in quick succession (or held) only stops: the finish screen's
        questions (why stopped, how the back feels) are seen before a later Esc leaves."""
        if self.session.state is State.READY and self.stack.currentWidget() is self.before_view:
            self.leave_requested.emit()
        elif self.session.state in (State.RUNNING, State.PAUSED):
            self.stop()
            self._stopped_at = self.session.clock()
        elif (
            self._stopped_at is None or self.session.clock() - self._stopped_at >= STOP_LEAVE_GAP_MS
        ):
            self.leave_requested.emit()

    def _enter(self) -> None:
        """Enter presses the focused button; on the finish screen, otherwise, it leaves."""
        if self._press_focused_button():
            return
        if self.stack.currentWidget() is self.finish_view:
            self.leave_requested.emit()

    def toggle_mute(self) -> None:
        self.speaker.set_muted(not self.speaker.is_muted())
        self._sync_mute()

    def _sync_mute(self) -> None:
        muted = self.speaker.is_muted()
        self.mute_button.setChecked(muted)
        self._labels["mute"] = _("Unmute") if muted else _("Mute")
        labelled = self._labelled_now is None or "mute" in self._labelled_now
        self.mute_button.setText(self._labels["mute"] if labelled else "")
        self.mute_button.setIcon(self._mute_icons[muted])
        self.volume.setEnabled(not muted)

    # ---- showing the session ----

    def refresh(self) -> None:
        """Ask the session where it is (catching up events) and show all of it."""
        snap = self.session.update()
        self.show_snapshot(snap)
        # The moving figure's frames are paced here (see _figure_step_ms), not by the session:
        # a slow movement then wakes the page only as often as the figure visibly moves.
        wait = self.session.next_change_ms(figure_frames=False)
        if wait is None:
            self.timer.stop()
            self._snap = None
            return
        now = self.session.clock()
        self._snap, self._snap_at, self._due_at = snap, now, now + wait
        self.timer.start(max(0, min(wait, self._figure_step_ms())))

    def _on_timer(self) -> None:
        """At each whole second the session is asked where it is and everything is shown;
        between them only a moving figure's frames are drawn, from the last snapshot."""
        snap = self._snap
        now = self.session.clock()
        if snap is None or snap.phase is None or now >= self._due_at:
            self.refresh()
            return
        self._show_figure(snap, snap.elapsed_ms + (now - self._snap_at))
        self.timer.start(max(0, min(self._due_at - now, self._figure_step_ms())))

    def _figure_step_ms(self) -> int:
        wait = self.illustration.frame_wait_ms()
        return 1000 if wait is None else max(1, wait)

    def _show_figure(self, snap: Snapshot, elapsed_ms: int) -> None:
        """The posed figure at this moment: a pure function of the session's clock, so a
        pause freezes it and skipping or going back lands on the right pose."""
        moment = figure_moment(snap, elapsed_ms)
        if moment is not None and self.illustration.pose() is not None:
            self.illustration.show_moment(*moment)
            caption = ring_caption(snap, elapsed_ms)
            if caption != self.ring.caption:  # a breath turned between two whole seconds
                ring = self.ring
                ring.set_state(ring.fraction, ring.seconds, caption, ring.paused)

    def show_snapshot(self, snap: Snapshot) -> None:
        if snap.state in (State.FINISHED, State.STOPPED):
            self._show_finish(snap.state)
            return
        phase, entry = snap.phase, snap.entry
        if phase is None or entry is None:
            return
        paused = snap.state is State.PAUSED
        caption = ring_caption(snap, snap.elapsed_ms)
        self.ring.set_state(snap.fraction, snap.display_seconds, caption, paused)
        self.progress.set_position(snap.entry_index or 0, self._entry_fraction(snap))
        shown = (
            entry
            if phase.kind is not PhaseKind.REST or snap.next_entry is None
            else snap.next_entry
        )
        if shown is not self._last_entry:
            self._last_entry = shown
            pose = pose_of(shown.stretch)
            self.illustration.set_pose(pose)
            if pose is None:
                self.illustration.set_frames(shown.stretch.frames)
            # what the figure's colour means, as the routine's page says above its stretches
            self.illustration.setToolTip(_(GLOW_MEANS) if marks_a_part(shown.stretch) else "")
            self._set(
                self.steps_label,
                "\n".join(f"{i}. {step}" for i, step in enumerate(shown.stretch.steps, 1)),
            )
            caution = shown.stretch.caution
            self._set(
                self.caution_label,
                _("Take care: {caution}").format(caution=caution) if caution else "",
            )
        # "Next" is the stretch after the one on screen (in a rest, that is the one after next).
        shown_index = (snap.entry_index or 0) + (1 if shown is not entry else 0)
        after = shown_index + 1
        entries = self.routine.entries
        self._set(self.next_label, next_text(snap if shown is entry else None, entries[after:]))
        self._set(self.side_hint_label, side_hint(snap) if shown is entry else "")
        self._show_cues(snap)
        if self.illustration.pose() is not None:
            self._show_figure(snap, snap.elapsed_ms)
        else:
            moving = phase.kind is PhaseKind.STRETCH and not paused
            self.illustration.set_frame(snap.frame if moving else 0)
        resting = phase.kind is PhaseKind.REST
        if resting:
            # What comes next is the main line while resting, and the ring says "Rest": as
            # the side's cue under "Rest and breathe", "Up next: Foam roll, glutes and hips"
            # came out at 13 px at 800x600, smaller than the dose under it. Its dose comes
            # with its get-ready.
            upcoming = snap.next_entry.stretch.name if snap.next_entry else ""
            name = _("Up next: {name}").format(name=upcoming) if upcoming else ""
            self._set(self.side_label, "")
        else:
            name = shown.stretch.name
            # The switch's long cue ("Seite wechseln → rechte Seite") may shrink further
            # than the others before it elides: whole at 13 px beats cut at 18 (it is spoken
            # too).
            switching = phase.kind is PhaseKind.SWITCH
            self.side_label.min_ratio = SWITCH_CUE_LEAST if switching else SIDE_CUE_LEAST
            self._set(self.side_label, side_text(snap))
        # A one-sided stretch has no side line: its name has the room (a first get-ready in
        # German at 800x600 drew "Beckenkippen" at 16 px over an empty line). The line is
        # empty or not for a whole stretch, so nothing moves while one is under way.
        self.side_label.setVisible(bool(self.side_label.text()))
        self._set(self.name_label, name)
        self._set(self.rep_label, "" if resting else rep_text(snap) or shown.dose())
        self.rep_label.setVisible(not resting)
        number = (snap.entry_index or 0) + 1
        self._set(
            self.progress_label,
            progress_text(number, snap.entry_count, clock_text(snap.routine_remaining_ms)),
        )
        if self._set(self.buttons["pause"], _("Resume") if paused else _("Pause")):
            self.buttons["pause"].setIcon(self._pause_icons[paused])
        if paused:
            self._set(
                self.banner,
                _("Paused while your computer was asleep. Press Space to go on.")
                if snap.paused_reason is PauseReason.SUSPEND
                else _("Paused. Press Space to go on."),
            )
        self._place_banner(paused)

    def _place_banner(self, paused: bool) -> None:
        """Paused, the banner in the routine name's place, beside the progress while the
        banner fits in its half of the line, and across the whole line when it does not."""
        self.name_or_banner.setCurrentIndex(1 if paused else 0)
        spacing = self.header_row.layout().spacing()  # type: ignore[union-attr]
        half = (self.header_row.width() - spacing) / 2
        beside = not paused or self.banner.sizeHint().width() <= half
        self.progress_label.setVisible(beside)
        self.banner.setAlignment(
            Qt.AlignmentFlag.AlignLeft if beside else Qt.AlignmentFlag.AlignCenter
        )

    def _show_cues(self, snap: Snapshot) -> None:
        """Breathing while stretching; precautions and the way into the position while
        getting ready; the every-stretch rule large on the first get-ready only."""
        phase, entry = snap.phase, snap.entry
        assert phase is not None and entry is not None
        shown = self._last_entry or entry
        ready = phase.kind is PhaseKind.GET_READY
        self._apply_cues(shown, ready, stretching=phase.kind is PhaseKind.STRETCH)
        if self.precautions_label.isVisibleTo(self) and self._tipped_for is not shown:
            self._tipped_for = shown
            self.precautions_label.setToolTip(
                "\n".join(health.precaution_texts(shown.stretch.avoid_if))
            )
        first = ready and (snap.entry_index or 0) == 0
        self._style_rule(first)
        # Fitted once for the stretch on screen (all its moments at once), not for each
        # moment: the picture keeps its size from getting ready to the last side.
        index = (snap.entry_index or 0) + (1 if shown is not entry else 0)
        self._fit_text((index, self.width(), self.height()))
        self.details.settle()
        self.rule_room.settle()

    def _apply_cues(self, shown: Entry, ready: bool, *, stretching: bool) -> None:
        """The paragraphs of one moment of the stretch on screen: getting ready (the way into
        the position, the precautions), stretching (the breathing), or in between."""
        breathing = shown.stretch.breathing if stretching else ""
        self._set(self.breath_label, breathing)
        self.breath_label.setVisible(bool(breathing))
        avoid = health.precaution_summary(shown.stretch.avoid_if) if ready else ""
        self._set(self.precautions_label, avoid)
        self.precautions_label.setVisible(bool(avoid))
        # Room for them: while getting ready, the stretch after this one can wait.
        self.next_label.setVisible(not avoid and bool(self.next_label.text()))
        transition = shown.transition if ready else ""
        self._set(self.transition_label, transition)
        self.transition_label.setVisible(bool(transition))
        self.steps_label.setVisible(not transition)
        # over the way into the position too: "Starting on the left side" alone was read as
        # "bend to the left" on the side bend, whose left side leans right
        self.side_hint_label.setVisible(bool(self.side_hint_label.text()))

    def _style_rule(self, first: bool) -> None:
        if self.rule_label.property("first") != first:
            self.rule_label.setProperty("first", first)
            self.rule_label.style().unpolish(self.rule_label)
            self.rule_label.style().polish(self.rule_label)

    def _reserve_details(self, index: int | None) -> None:
        """Keep, for the stretch on screen, the room its tallest moment's text needs: the
        details' height at each moment (getting ready, stretching, switching sides) measured
        at the present width and type, and the rule's first, larger line kept in its room
        for the whole first stretch. Each moment is shown (unpainted) and measured, then the
        present one put back. With no index, nothing is kept."""
        shown = self._last_entry
        if shown is None or index is None:
            self.details.keep(0)
            self.rule_room.keep(0)
            return
        keep = [
            (label, label.text(), label.isVisibleTo(self))
            for label in (
                self.breath_label,
                self.precautions_label,
                self.next_label,
                self.transition_label,
                self.steps_label,
                self.side_hint_label,
            )
        ]
        width = self.details.width()
        # the stretch after this one, measured as it shows once the right side has begun
        # (before, next_text leaves it out)
        self.next_label.setText(next_text(None, self.routine.entries[index + 1 :]))
        # the longer of the two sides' words, where the stretch says what they are
        left, right = shown.stretch.left_side, shown.stretch.right_side
        hints = (left, right, next_side(right)) if shown.side_count == 2 else ()
        self.side_hint_label.setText(max(hints, key=len, default="") if right else "")
        heights = []
        for ready, stretching in ((True, False), (False, True), (False, False)):
            self._apply_cues(shown, ready, stretching=stretching)
            heights.append(self.details.needed_for(width))
        for label, text, visible in keep:
            label.setText(text)
            label.setVisible(visible)
        self.details.keep(max(heights))
        first = bool(self.rule_label.property("first"))
        rule = 0
        if index == 0:
            self._style_rule(True)
            rule = self.rule_room.needed_for(self.rule_room.width())
            self._style_rule(first)
        self.rule_room.keep(rule)

    def _fit_text(self, key: tuple[object, ...]) -> None:
        """Shrink the paragraphs' type a little when they would be cut off (a long caution in
        German at 800x600), back to full size when there is room. Only when the stretch on
        screen or the window's size changed: a restyle costs a few milliseconds."""
        if key == self._fitted_for or not self.isVisible():
            return
        self._fitted_for = key
        index = key[0]
        assert isinstance(index, int)
        layout = self.session_view.layout()
        assert layout is not None
        # In a window too small for the room kept at the least type, the text gets the room
        # of the moment shown, as it would without keeping any (the picture then changes size).
        for steady in (True, False):
            for fit in TEXT_FITS:
                self._text_fit = fit
                self._scale_type()
                self._reserve_details(index if steady else None)
                layout.activate()
                if not self._text_cut():
                    return

    def _overflows(self) -> bool:
        """Whether the page's rows are laid over each other or past its edge: a window too
        small for them (the picture keeps its least size, the rest is squeezed)."""
        layout = self.session_view.layout()
        assert layout is not None
        rows = [
            item.geometry()
            for item in (layout.itemAt(i) for i in range(layout.count()))
            if item is not None and not item.isEmpty()
        ]
        bottom = layout.contentsRect().bottom()
        return (
            any(b.top() <= a.bottom() for a, b in itertools.pairwise(rows))
            or bool(rows and rows[-1].bottom() > bottom)
            # the picture keeps its least size past a row squeezed smaller
            or not self._main_row.geometry().contains(self.illustration.geometry())
        )

    def _text_cut(self) -> bool:
        labels = (
            self.side_hint_label,
            self.steps_label,
            self.transition_label,
            self.breath_label,
            self.caution_label,
            self.precautions_label,
            self.next_label,
        )
        squeezed = self.details.height() + 1 < self.details.kept
        return (
            squeezed
            or self._overflows()
            or any(
                label.isVisible()
                and label.text()
                and label.heightForWidth(label.width()) > label.height() + 1
                for label in labels
            )
        )

    def _entry_fraction(self, snap: Snapshot) -> float:
        phase = snap.phase
        if phase is None:
            return 0.0
        if phase.kind is PhaseKind.REST:
            return 1.0
        if phase.kind is PhaseKind.GET_READY:
            return 0.0
        entry = snap.entry
        sides = entry.side_count if entry else 1
        done_sides = 1 if phase.side == "right" or phase.kind is PhaseKind.SWITCH else 0
        within = snap.fraction if phase.kind is PhaseKind.STRETCH else 0.0
        return min(1.0, (done_sides + within) / sides)

    @staticmethod
    def _set(widget: QLabel | QPushButton | StatusText, text: str) -> bool:
        if widget.text() != text:
            widget.setText(text)
            return True
        return False

    def _show_finish(self, state: State) -> None:
        if self.stack.currentWidget() is self.finish_view:
            return
        self.timer.stop()
        summary = self.session.summary()
        self.summary = summary
        completed = state is State.FINISHED
        # Praise for stretches done, not for reaching the end by skipping every one.
        praised = completed and summary.done > 0
        self.finish_title.setText(
            _("Well done.")
            if praised
            else _("End of the routine")
            if completed
            else _("Session stopped")
        )
        self.finish_stats.setText(
            session_result(
                summary.done,
                summary.skipped,
                round(summary.stretch_ms / 1000),
                max(1, round(summary.active_ms / 1000)),
            )
        )
        self.finish_note.setText(
            _("This was a try-out: nothing of it is kept in your history.")
            if self._preview
            else _("Your back will thank you. See you tomorrow.")
            if praised
            else _("Every stretch was skipped. Come back whenever you are ready.")
            if completed
            else _("What you did is kept. Come back whenever you are ready.")
        )
        self.stack.setCurrentWidget(self.finish_view)
        self.done_button.setFocus()
        self.finished.emit(summary)

    # ---- sound and voice ----

    def _on_event(self, event: Event) -> None:
        if event.kind is EventKind.FINISHED:
            done = self.session.summary().done > 0
            self.speaker.say(_("Routine complete. Well done.") if done else _("Routine complete."))
        elif event.kind is EventKind.CUE and event.cue is not None:
            if self._fresh(event):
                self.speaker.play(event.cue.value)
        elif (
            event.kind is EventKind.PHASE_STARTED and event.phase is not None and self._fresh(event)
        ):
            self._speak_phase(event)

    def _fresh(self, event: Event) -> bool:
        clock = self.session._clock
        return clock() - event.at_ms <= STALE_CUE_MS

    def _speak_phase(self, event: Event) -> None:
        phase = event.phase
        assert phase is not None
        entry = self.routine.entries[phase.entry_index]
        name = entry.stretch.name
        if phase.kind is PhaseKind.GET_READY:
            self.speaker.say(ready_words(entry))
        elif phase.kind is PhaseKind.SWITCH:
            switch, right = _("Switch sides."), entry.stretch.right_side
            self.speaker.say(f"{switch} {right}." if right else switch)
        elif phase.kind is PhaseKind.REST:
            following = phase.entry_index + 1
            if following < len(self.routine.entries):
                upcoming = self.routine.entries[following].stretch.name
                self.speaker.say(_("Rest. Next: {name}.").format(name=upcoming))
        elif phase.kind is PhaseKind.STRETCH:
            index = self.session.plan.index(phase) if phase in self.session.plan else -1
            previous = self.session.plan[index - 1] if index > 0 else None
            words = []
            if previous is None or previous.entry_index != phase.entry_index:
                words.append(f"{name}.")  # no get-ready before it: say what starts
            if entry.stretch.breathing and self._breath_said_for != phase.entry_index:
                self._breath_said_for = phase.entry_index  # once per stretch, not per side
                words.append(entry.stretch.breathing)
            if words:
                self.speaker.say(" ".join(words))

    def closeEvent(self, event: object) -> None:
        self.timer.stop()
        self._unsubscribe()
        super().closeEvent(event)  # type: ignore[arg-type]

    def shutdown(self) -> None:
        """Stop the timer and listening (the page is going away)."""
        self.timer.stop()
        self._unsubscribe()


class CueSpeaker(Speaker):
    """Sound cues and voice together, muted and turned up and down as one."""

    def __init__(self, cues: object, voice: object) -> None:
        from stretchapp.ui.sound import CuePlayer, Voice

        assert isinstance(cues, CuePlayer) and isinstance(voice, Voice)
        self.cues = cues
        self.voice = voice
        self.sound_on = True

    def play(self, cue: str) -> None:
        if self.sound_on:
            self.cues.play(cue)

    def say(self, text: str) -> None:
        self.voice.say(text)

    def set_muted(self, muted: bool) -> None:
        self.cues.set_muted(muted)
        self.voice.set_muted(muted)

    def is_muted(self) -> bool:
        return self.cues.is_muted()

    def set_volume(self, volume: float) -> None:
        self.cues.set_volume(volume)
        self.voice.set_volume(volume)

    def volume(self) -> float:
        return self.cues.volume()

    def status(self) -> str:
        return self.cues.unavailable_reason

    def configure(self, *, sound: bool, volume: float, ticks: bool, voice: bool) -> None:
        self.sound_on = sound
        self.cues.set_volume(volume)
        self.voice.set_volume(volume)
        self.cues.set_ticks_enabled(ticks)
        self.voice.set_enabled(voice)
