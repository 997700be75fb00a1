"""The history's two charts: minutes a day over the last weeks, and the 0-10 check-ins.

Each chart is a widget over a drawing function that takes a painter, so the PDF report draws
the same chart.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QSizePolicy,
    QWidget,
)

from stretchapp.core.history import (
    PainPoint,
)
from stretchapp.core.i18n import _, format_number, ngettext, pgettext
from stretchapp.core.palette import DARK, LIGHT, Palette
from stretchapp.core.report import (
    PainMark,
    Tick,
    day_text,
    nice_top,
    pain_chart,
)


def palette_of(p: Palette | bool) -> Palette:
    if isinstance(p, Palette):
        return p
    return DARK if p else LIGHT


class DaysChart(QWidget):
    """Minutes stretched per day over the last weeks, as bars, a week per group."""

    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.p = palette
        self.days: list[tuple[date, int]] = []  # (day, active seconds)
        self.today: date | None = None
        self.setMinimumHeight(104)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Minutes in sessions per day, last 8 weeks"))

    def set_days(self, days: list[tuple[date, int]], today: date) -> None:
        self.days = days
        self.today = today
        stretched = sum(1 for _day, s in days if s > 0)
        minutes = round(sum(s for _day, s in days) / 60)
        self.setAccessibleDescription(
            ngettext(
                "{stretched} of {count} day stretched, {minutes} minutes in all",
                "{stretched} of {count} days stretched, {minutes} minutes in all",
                len(days),
            ).format(
                stretched=format_number(stretched),
                count=format_number(len(days)),
                minutes=format_number(minutes),
            )
        )
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 170)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw_day_bars(painter, QRectF(self.rect()), self.days, self.today, self.p, self.font())
        painter.end()


def draw_day_bars(
    painter: QPainter,
    area: QRectF,
    days: list[tuple[date, int]],
    today: date | None,
    p: Palette,
    font: QFont,
) -> None:
    """Bars of minutes per day with a light grid; week labels under each Monday."""
    small = QFont(font)
    small.setPixelSize(11)
    painter.setFont(small)
    metrics_h = 14
    left = area.left() + 34
    bottom = area.bottom() - metrics_h - 6
    top = area.top() + 8
    height = bottom - top
    if not days or height <= 10:
        return
    peak = max(s for _day, s in days) / 60
    scale_top = nice_top(max(peak, 1))
    grid = QPen(QColor(p.border))
    grid.setWidthF(1)
    for fraction in (0.0, 0.5, 1.0):
        y = bottom - height * fraction
        painter.setPen(grid)
        painter.drawLine(QPointF(left, y), QPointF(area.right(), y))
        painter.setPen(QColor(p.secondary))
        label = format_number(round(scale_top * fraction))
        painter.drawText(
            QRectF(area.left(), y - 8, 28, 16),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            label,
        )
    slot = (area.right() - left) / len(days)
    bar = max(2.0, slot * 0.68)
    widest = max(painter.fontMetrics().horizontalAdvance(day_text(d)) for d, _s in days)
    label_every = 1 if slot * 7 >= widest + 10 else 2
    painter.setPen(Qt.PenStyle.NoPen)
    for i, (day, seconds) in enumerate(days):
        x = left + i * slot + (slot - bar) / 2
        minutes = seconds / 60
        if day == today:
            # A short mark under the axis: a full-height band would read as a full bar.
            painter.setBrush(QColor(p.accent))
            painter.drawRoundedRect(QRectF(x, bottom + 1.5, bar, 2.5), 1.2, 1.2)
        if minutes > 0:
            # In proportion to the minutes; a day with a few seconds still shows a sliver.
            h = max(2.0, height * min(minutes, scale_top) / scale_top)
            painter.setBrush(QColor(p.accent))
            path = QPainterPath()
            path.addRoundedRect(QRectF(x, bottom - h, bar, h), min(3, bar / 2), min(3, bar / 2))
            painter.drawPath(path)
        elif today is None or day <= today:
            painter.setBrush(QColor(p.border))
            painter.drawEllipse(QPointF(x + bar / 2, bottom - 2), 1.6, 1.6)
        if day.weekday() == 0 and (label_every == 1 or (i // 7) % label_every == 0):
            painter.setPen(QColor(p.secondary))
            painter.drawText(
                QRectF(left + i * slot - 2, bottom + 5, slot * 7 * label_every, metrics_h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                day_text(day),
            )
            painter.setPen(Qt.PenStyle.NoPen)


class PainChart(QWidget):
    """Check-ins at their dates: before (hollow) and after (filled), 0 no pain … 10 worst."""

    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.p = palette
        self.marks: tuple[PainMark, ...] = ()
        self.ticks: tuple[Tick, ...] = ()  # the dates under the chart
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("How your back felt, before and after sessions"))

    def set_points(self, points: list[PainPoint], today: date) -> None:
        """The check-ins, oldest first, placed along the days from the first one's to today."""
        self.marks, self.ticks = pain_chart(points, today)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 170)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw_pain(painter, QRectF(self.rect()), self.marks, self.p, self.font(), self.ticks)
        painter.end()


_PAIN_SERIES = (("before", False), ("after", True))  # which check-in, drawn filled


def _legend(attr: str) -> str:
    if attr == "before":
        return pgettext("chart legend: the check-in before a session", "before")
    return pgettext("chart legend: the check-in after a session", "after")


def draw_pain(
    painter: QPainter,
    area: QRectF,
    marks: tuple[PainMark, ...],
    p: Palette,
    font: QFont,
    ticks: tuple[Tick, ...] = (),
) -> None:
    """The check-ins before (hollow, grey) and after (filled, accent) each session, 0-10,
    each at its place along the chart's days, with the `ticks` dates written under it."""
    small = QFont(font)
    small.setPixelSize(11)
    painter.setFont(small)
    legend_h = 18
    dates_h = 16 if ticks else 0
    left = area.left() + 26
    plot = QRectF(
        QPointF(left, area.top() + 8),
        QPointF(area.right(), area.bottom() - legend_h - dates_h - 8),
    )
    if plot.height() <= 10:
        return
    for value in (0, 5, 10):
        y = plot.bottom() - plot.height() * value / 10
        painter.setPen(QPen(QColor(p.border), 1))
        painter.drawLine(QPointF(left, y), QPointF(area.right() - 4, y))
        painter.setPen(QColor(p.secondary))
        painter.drawText(
            QRectF(area.left(), y - 8, 20, 16),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            str(value),
        )
    for attr, filled in _PAIN_SERIES:
        colour = p.accent if filled else p.secondary
        _draw_pain_series(painter, plot, marks, attr, QColor(colour), filled, p)
    if ticks and marks:
        _draw_pain_dates(painter, plot, ticks, p)
    _draw_pain_legend(painter, area, left, area.bottom() - legend_h / 2, p)


def _pain_x(plot: QRectF, at: float) -> float:
    """Where a place along the chart's days (0-1) is drawn: inside the plot, a dot's
    width clear of its edges."""
    return plot.left() + 6 + (plot.width() - 16) * at


PAIN_DOT_GAP = 10.0  # px between check-ins' middles at the least: a dot's width and a gap


def spread(xs: list[float], least: float, left: float, right: float) -> list[float]:
    """`xs` (in order) moved apart to at least `least` from each other, as little as can be,
    all within `left` to `right` (closer, evenly, where that is too narrow for them): three
    sessions a minute apart are three dots, not one column of them."""
    if len(xs) < 2:
        return xs
    least = min(least, (right - left) / (len(xs) - 1))
    out = list(xs)
    for i in range(1, len(out)):
        out[i] = max(out[i], out[i - 1] + least)
    out[-1] = min(out[-1], right)
    for i in range(len(out) - 2, -1, -1):
        out[i] = min(out[i], out[i + 1] - least)
    out[0] = max(out[0], left)
    for i in range(1, len(out)):  # never past `right`: least is at most its share
        out[i] = max(out[i], out[i - 1] + least)
    return out


def _draw_pain_series(
    painter: QPainter,
    plot: QRectF,
    marks: tuple[PainMark, ...],
    attr: str,
    colour: QColor,
    filled: bool,
    p: Palette,
) -> None:
    """One series as a line broken where a check-in was not answered, and its dots."""
    n = len(marks)
    if not n:
        return
    values: list[float | None] = [getattr(mark, attr) for mark in marks]
    xs = spread(
        [_pain_x(plot, mark.at) for mark in marks],
        PAIN_DOT_GAP,
        _pain_x(plot, 0.0),
        _pain_x(plot, 1.0),
    )
    at = {
        i: QPointF(xs[i], plot.bottom() - plot.height() * v / 10)
        for i, v in enumerate(values)
        if v is not None
    }
    pen = QPen(colour, 2)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    line = QPainterPath()
    for i, point in at.items():
        if i - 1 in at:
            line.lineTo(point)
        else:
            line.moveTo(point)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(line)
    radius = 3.5 if n <= 40 else 2.0
    painter.setBrush(colour if filled else QColor(p.surface))
    for point in at.values():
        painter.drawEllipse(point, radius, radius)


def _draw_pain_dates(painter: QPainter, plot: QRectF, ticks: tuple[Tick, ...], p: Palette) -> None:
    """Each date centred under its day, kept inside the plot and never over the one
    before."""
    metrics = painter.fontMetrics()
    painter.setPen(QColor(p.secondary))
    after = -1e9
    for tick in ticks:
        w = metrics.horizontalAdvance(tick.label) + 4
        x = min(max(_pain_x(plot, tick.at) - w / 2, plot.left()), plot.right() - w)
        if x < after + 8:
            continue
        painter.drawText(
            QRectF(x, plot.bottom() + 4, w, 14),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
            tick.label,
        )
        after = x + w


def _draw_pain_legend(painter: QPainter, area: QRectF, x: float, y: float, p: Palette) -> None:
    metrics = painter.fontMetrics()
    for attr, filled in _PAIN_SERIES:
        text = _legend(attr)
        colour = p.accent if filled else p.secondary
        painter.setPen(QPen(QColor(colour), 2))
        painter.setBrush(QColor(colour) if filled else QColor(p.surface))
        painter.drawEllipse(QPointF(x + 4, y), 3.5, 3.5)
        painter.setPen(QColor(p.secondary))
        width = metrics.horizontalAdvance(text) + 4
        painter.drawText(
            QRectF(x + 12, y - 8, width, 16),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            text,
        )
        x += max(70, 12 + width + 16)
    scale_note = _("0 = no pain, 10 = worst")
    if metrics.horizontalAdvance(scale_note) < area.right() - x - 8:
        painter.drawText(
            QRectF(x, y - 8, area.right() - x, 16),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            scale_note,
        )
