"""The history view: summary tiles, the last weeks, the pain trend and every session.

Model/view over `HistoryStore`: the table's model asks the store for one page of rows at a
time (sorted and filtered in SQL) and keeps only a few pages, so 100,000 sessions open as
quickly as ten. Everything read from the history is shown as plain text.
Also here: the 0-10 "How does your back feel?" check-in, and the PDF report.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QMarginsF,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPdfWriter,
    QPen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stretchapp.core import checkin
from stretchapp.core.history import (
    HistoryError,
    HistoryStore,
    PainPoint,
    Report,
    SessionFilter,
    SessionRecord,
    SortColumn,
    Status,
)
from stretchapp.core.palette import DARK, LIGHT, Palette
from stretchapp.core.routines import format_duration
from stretchapp.history_cli import status_text, write_csv
from stretchapp.ui.guidance import PatternCard
from stretchapp.ui.library import plain_label

FIRST_ROUTINE_ID = "daily-back-care"
FIRST_ROUTINE_NAME = "Daily back care"
UNDO_SECONDS = 10
CHART_WEEKS = 8
PAGE_ROWS = 200
KEPT_PAGES = 12
EARLIEST = QDate(2000, 1, 1)  # a date edit at this value means "any"
CHARTS_SIDE_BY_SIDE = 760  # content width (px) from which the two charts share a row
ROUTINE_ROOMY = 220  # the Routine column's room before the others get roomy padding
ROUTINE_MIN = 110  # below this the table scrolls sideways rather than squeeze Routine

STATUS_WORDS = {
    Status.RUNNING: "In progress",
    Status.COMPLETED: "Completed",
    Status.STOPPED: "Stopped",
    Status.INTERRUPTED: "Interrupted",
}


def _palette(p: Palette | bool) -> Palette:
    if isinstance(p, Palette):
        return p
    return DARK if p else LIGHT


def _mix(a: str, b: str, t: float) -> QColor:
    ca, cb = QColor(a), QColor(b)
    return QColor(
        round(ca.red() + (cb.red() - ca.red()) * t),
        round(ca.green() + (cb.green() - ca.green()) * t),
        round(ca.blue() + (cb.blue() - ca.blue()) * t),
    )


def _day(d: date) -> str:
    return f"{d.day} {d:%b}"


def _day_year(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def _feeling(record: SessionRecord) -> str:
    before, after = record.feeling_before, record.feeling_after
    if before is None and after is None:
        return ""
    return f"{'–' if before is None else before} → {'–' if after is None else after}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


# ---- the table model ------------------------------------------------------------------------


class SessionTableModel(QAbstractTableModel):
    """Every session matching the filters, as rows; fetched from the store a page at a time."""

    COLUMNS: tuple[tuple[str, SortColumn], ...] = (
        ("Date", SortColumn.STARTED),
        ("Routine", SortColumn.ROUTINE),
        ("Time", SortColumn.ACTIVE),
        ("Done", SortColumn.DONE),
        ("Skipped", SortColumn.SKIPPED),
        ("Status", SortColumn.STATUS),
        ("Feeling", SortColumn.FEELING_AFTER),
    )
    NUMERIC = (2, 3, 4)
    SessionIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, store: HistoryStore, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.filters = SessionFilter()
        self.sort_column = SortColumn.STARTED
        self.descending = True
        self._count = store.count(self.filters)
        self._pages: OrderedDict[int, list[SessionRecord]] = OrderedDict()
        self.pages_fetched = 0

    # reading
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section][0]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self._alignment(section))
        return None

    def record(self, row: int) -> SessionRecord | None:
        if not 0 <= row < self._count:
            return None
        page_no, offset = divmod(row, PAGE_ROWS)
        page = self._pages.get(page_no)
        if page is None:
            page = self.store.sessions(
                page_no * PAGE_ROWS, PAGE_ROWS, self.sort_column, self.descending, self.filters
            )
            self.pages_fetched += 1
            self._pages[page_no] = page
            while len(self._pages) > KEPT_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page[offset] if offset < len(page) else None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self._alignment(column))
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            self.SessionIdRole,
        ):
            return None
        rec = self.record(index.row())
        if rec is None:
            return None
        if role == self.SessionIdRole:
            return rec.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(rec, column)
        return self._text(rec, column)

    @staticmethod
    def _alignment(column: int) -> Qt.AlignmentFlag:
        horizontal = (
            Qt.AlignmentFlag.AlignRight
            if column in SessionTableModel.NUMERIC
            else Qt.AlignmentFlag.AlignLeft
        )
        return horizontal | Qt.AlignmentFlag.AlignVCenter

    @staticmethod
    def _text(rec: SessionRecord, column: int) -> str:
        if column == 0:
            return f"{rec.started_at.day} {rec.started_at:%b %Y, %H:%M}"
        if column == 1:
            return rec.routine_name
        if column == 2:
            return format_duration(rec.active_seconds)
        if column == 3:
            return str(rec.done)
        if column == 4:
            return str(rec.skipped)
        if column == 5:
            return status_text(rec)
        return _feeling(rec)

    @staticmethod
    def _tooltip(rec: SessionRecord, column: int) -> str | None:
        if column == 0:
            return rec.started_at.isoformat(timespec="seconds")
        if column == 1:
            return rec.routine_name  # in full, when a narrow column cuts it short
        if column == 5 and rec.status is Status.INTERRUPTED:
            return "Cut off before it ended (the app closed or the computer stopped)."
        if column == 5 and rec.stop_reason:
            return f"Stopped because of: {checkin.stop_reason_text(rec.stop_reason)}"
        if column == 6 and (rec.feeling_before is not None or rec.feeling_after is not None):
            return "How the back felt before → after (0 no pain, 10 worst)"
        return None

    # changing what is shown
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        self.sort_column = self.COLUMNS[column][1]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self._pages.clear()
        self.layoutChanged.emit()

    def set_filters(self, filters: SessionFilter) -> None:
        self.filters = filters
        self.refresh()

    def refresh(self) -> None:
        """Re-read the count and drop cached pages (after a delete, a restore, a session)."""
        self.beginResetModel()
        self._pages.clear()
        self._count = self.store.count(self.filters)
        self.endResetModel()


# ---- charts ---------------------------------------------------------------------------------


class DaysChart(QWidget):
    """Minutes stretched per day over the last weeks, as bars, a week per group."""

    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.p = palette
        self.days: list[tuple[date, int]] = []  # (day, active seconds)
        self.today: date | None = None
        self.setMinimumHeight(104)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Minutes stretched per day, last 8 weeks")

    def set_days(self, days: list[tuple[date, int]], today: date) -> None:
        self.days = days
        self.today = today
        stretched = sum(1 for _, s in days if s > 0)
        minutes = round(sum(s for _, s in days) / 60)
        self.setAccessibleDescription(
            f"{stretched} of {len(days)} days stretched, {minutes} minutes in all"
        )
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 170)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw_day_bars(painter, QRectF(self.rect()), self.days, self.today, self.p, self.font())
        painter.end()


def _nice_top(minutes: float) -> int:
    """The chart's top in minutes: the next round number at or above `minutes`, at least 10.

    Every top halves to a whole number, so the middle grid line reads true (no "8" for 7.5).
    """
    for top in (10, 20, 30, 40, 60, 90, 120, 180, 240):
        if minutes <= top:
            return top
    return -int(-minutes // 60) * 60  # whole hours above four


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
    peak = max(s for _, s in days) / 60
    scale_top = _nice_top(max(peak, 1))
    grid = QPen(QColor(p.border))
    grid.setWidthF(1)
    for fraction in (0.0, 0.5, 1.0):
        y = bottom - height * fraction
        painter.setPen(grid)
        painter.drawLine(QPointF(left, y), QPointF(area.right(), y))
        painter.setPen(QColor(p.secondary))
        label = f"{round(scale_top * fraction)}"
        painter.drawText(
            QRectF(area.left(), y - 8, 28, 16),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            label,
        )
    slot = (area.right() - left) / len(days)
    bar = max(2.0, slot * 0.68)
    label_every = 1 if slot * 7 >= painter.fontMetrics().horizontalAdvance("30 Sep") + 10 else 2
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
                _day(day),
            )
            painter.setPen(Qt.PenStyle.NoPen)


class PainChart(QWidget):
    """Check-ins over time: before (hollow) and after (filled), 0 no pain … 10 worst."""

    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.p = palette
        self.points: list[PainPoint] = []
        self.setMinimumHeight(104)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("How your back felt, before and after sessions")

    def set_points(self, points: list[PainPoint]) -> None:
        self.points = points
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 170)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw_pain(painter, QRectF(self.rect()), self.points, self.p, self.font())
        painter.end()


def draw_pain(
    painter: QPainter, area: QRectF, points: list[PainPoint], p: Palette, font: QFont
) -> None:
    small = QFont(font)
    small.setPixelSize(11)
    painter.setFont(small)
    legend_h = 18
    left = area.left() + 26
    top = area.top() + 8
    bottom = area.bottom() - legend_h - 8
    height = bottom - top
    if height <= 10:
        return
    for value in (0, 5, 10):
        y = bottom - height * value / 10
        painter.setPen(QPen(QColor(p.border), 1))
        painter.drawLine(QPointF(left, y), QPointF(area.right() - 4, y))
        painter.setPen(QColor(p.secondary))
        painter.drawText(
            QRectF(area.left(), y - 8, 20, 16),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            str(value),
        )
    n = len(points)
    if n:
        slot = (area.right() - 10 - left) / max(n, 1)

        def pos(i: int, v: int) -> QPointF:
            return QPointF(left + slot * (i + 0.5), bottom - height * v / 10)

        for attr, colour, filled in (
            ("before", p.secondary, False),
            ("after", p.accent, True),
        ):
            pen = QPen(QColor(colour), 2)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            line = QPainterPath()
            started = False
            for i, point in enumerate(points):
                v = getattr(point, attr)
                if v is None:
                    started = False
                    continue
                if started:
                    line.lineTo(pos(i, v))
                else:
                    line.moveTo(pos(i, v))
                    started = True
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(line)
            radius = 3.5 if n <= 40 else 2.0
            for i, point in enumerate(points):
                v = getattr(point, attr)
                if v is None:
                    continue
                painter.setBrush(QColor(colour) if filled else QColor(p.surface))
                painter.drawEllipse(pos(i, v), radius, radius)
    # legend
    y = area.bottom() - legend_h / 2
    x = left
    for text, colour, filled in (
        ("before", p.secondary, False),
        ("after", p.accent, True),
    ):
        painter.setPen(QPen(QColor(colour), 2))
        painter.setBrush(QColor(colour) if filled else QColor(p.surface))
        painter.drawEllipse(QPointF(x + 4, y), 3.5, 3.5)
        painter.setPen(QColor(p.secondary))
        painter.drawText(
            QRectF(x + 12, y - 8, 120, 16),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            text,
        )
        x += 70
    scale_note = "0 = no pain, 10 = worst"
    if painter.fontMetrics().horizontalAdvance(scale_note) < area.right() - x - 8:
        painter.drawText(
            QRectF(x, y - 8, area.right() - x, 16),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            scale_note,
        )


# ---- the check-in ---------------------------------------------------------------------------


class FeelingCheckIn(QFrame):
    """'How does your back feel?' 0-10 in one click, or skip. Emits `answered(int | None)`."""

    answered = Signal(object)

    def __init__(self, moment: str = "before", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        question = (
            "How does your back feel right now?"
            if moment == "before"
            else "How does your back feel now, after stretching?"
        )
        layout.addWidget(plain_label(question, "h2"))
        layout.addWidget(
            plain_label("0 is no pain at all, 10 the worst you can imagine. Optional.", "secondary")
        )
        row = QHBoxLayout()
        row.setSpacing(6)
        self.buttons = QButtonGroup(self)
        for value in range(11):
            button = QPushButton(str(value))
            button.setFixedSize(QSize(44, 44))
            button.setStyleSheet("padding: 0;")  # room for "10" in a 44 px square
            button.setToolTip(f"{value} (key {value % 10})" if value < 10 else "10")
            button.setAccessibleName(f"{value} out of 10")
            self.buttons.addButton(button, value)
            row.addWidget(button)
        self.buttons.idClicked.connect(self.answered.emit)
        row.addStretch(1)
        layout.addLayout(row)
        ends = QHBoxLayout()
        ends.addWidget(plain_label("no pain", "meta"))
        ends.addStretch(1)
        ends.addWidget(plain_label("worst", "meta"))
        layout.addLayout(ends)
        bottom = QHBoxLayout()
        self.dont_ask = QCheckBox("Don't ask me this again")
        bottom.addWidget(self.dont_ask)
        bottom.addStretch(1)
        self.skip = QPushButton("Skip")
        self.skip.setObjectName("link")
        self.skip.setToolTip("Skip the question (Space)")
        self.skip.clicked.connect(lambda: self.answered.emit(None))
        bottom.addWidget(self.skip)
        layout.addLayout(bottom)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # From the floor a key is easier than a click: digits answer 0-9, Space skips.
        text = event.text()
        if text.isdigit() and len(text) == 1:
            self.answered.emit(int(text))
            return
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_S):
            self.answered.emit(None)
            return
        super().keyPressEvent(event)


class FeelingDialog(QDialog):
    """The check-in as a small modal dialog: `FeelingDialog.ask(parent)` -> 0-10 or None."""

    def __init__(self, moment: str = "before", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your back")
        self.value: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.check_in = FeelingCheckIn(moment, self)
        self.check_in.answered.connect(self._answer)
        layout.addWidget(self.check_in)

    @property
    def dont_ask_again(self) -> bool:
        return self.check_in.dont_ask.isChecked()

    def _answer(self, value: int | None) -> None:
        self.value = value
        self.accept()

    def reject(self) -> None:  # Escape or closing the window is a skip
        self.value = None
        super().reject()

    @classmethod
    def ask(cls, moment: str = "before", parent: QWidget | None = None) -> tuple[int | None, bool]:
        """(value or None, whether the user asked not to be asked again)."""
        dialog = cls(moment, parent)
        dialog.exec()
        return dialog.value, dialog.dont_ask_again


# ---- exports --------------------------------------------------------------------------------


def _atomic_write(path: Path, write: Callable[[Any], object], *, binary: bool = False) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it into place."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if binary:
            with tmp.open("wb") as f:
                write(f)
                f.flush()
                os.fsync(f.fileno())
        else:
            with tmp.open("w", encoding="utf-8", newline="") as f:
                write(f)
                f.flush()
                os.fsync(f.fileno())
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()


def export_csv(store: HistoryStore, path: Path) -> int:
    """Every session to `path` as CSV (the same columns as `stretchapp history --csv`)."""
    count = 0

    def write(f: Any) -> None:
        nonlocal count
        count = write_csv(store.export_rows(), f)

    _atomic_write(path, write)
    return count


class _PdfPainter:
    """Lays out the report on A4 pages in 96-dpi 'pixels', top to bottom."""

    WIDTH = 794.0  # A4 at 96 dpi
    HEIGHT = 1123.0
    MARGIN = 56.0

    def __init__(self, writer: QPdfWriter, palette: Palette, footer: str) -> None:
        self.writer = writer
        self.p = palette
        self.footer = footer
        self.painter = QPainter(writer)
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.scale = writer.resolution() / 96.0
        self.painter.scale(self.scale, self.scale)
        self.y = self.MARGIN
        self.page = 1

    @property
    def left(self) -> float:
        return self.MARGIN

    @property
    def width(self) -> float:
        return self.WIDTH - 2 * self.MARGIN

    def font(self, size: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        f = QFont()
        # `size` is in 96-dpi px; the painter is scaled from 96 dpi to the writer's.
        f.setPointSizeF(size * 72 / self.writer.resolution())
        f.setWeight(weight)
        return f

    def text(
        self,
        text: str,
        size: float = 12,
        *,
        colour: str | None = None,
        weight: QFont.Weight = QFont.Weight.Normal,
        x: float | None = None,
        width: float | None = None,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        advance: bool = True,
        y: float | None = None,
    ) -> float:
        self.painter.setFont(self.font(size, weight))
        self.painter.setPen(QColor(colour or self.p.text))
        rect = QRectF(
            self.left if x is None else x, self.y if y is None else y, width or self.width, 2000
        )
        flags = int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        bounds = self.painter.boundingRect(rect, flags, text)
        self.painter.drawText(rect, flags, text)
        if advance:
            self.y += bounds.height()
        return bounds.height()

    def space(self, amount: float) -> None:
        self.y += amount

    def need(self, height: float) -> None:
        if self.y + height > self.HEIGHT - self.MARGIN - 24:
            self.new_page()

    def new_page(self) -> None:
        self._draw_footer()
        self.writer.newPage()
        self.page += 1
        self.y = self.MARGIN

    def _draw_footer(self) -> None:
        y = self.HEIGHT - self.MARGIN + 8
        self.painter.setPen(QPen(QColor(self.p.border), 1))
        self.painter.drawLine(QPointF(self.left, y - 6), QPointF(self.left + self.width, y - 6))
        self.text(self.footer, 9, colour=self.p.secondary, y=y, advance=False)
        self.text(
            f"Page {self.page}",
            9,
            colour=self.p.secondary,
            y=y,
            align=Qt.AlignmentFlag.AlignRight,
            advance=False,
        )

    def heading(self, text: str) -> None:
        self.need(60)
        self.space(18)
        self.text(text, 16, weight=QFont.Weight.DemiBold)
        self.space(8)

    def finish(self) -> None:
        self._draw_footer()
        self.painter.end()


def write_report_pdf(
    store: HistoryStore,
    path: Path,
    start: date,
    end: date,
    *,
    title: str = "Stretching report",
    generated: datetime | None = None,
) -> Report:
    """A PDF for the clinician covering local dates start..end (inclusive)."""
    report = store.report(start, end)
    generated = generated or datetime.now().astimezone()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        writer = QPdfWriter(str(tmp))
        writer.setTitle(f"StretchApp · {title}")
        writer.setCreator("StretchApp")
        writer.setResolution(300)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        doc = _PdfPainter(
            writer,
            LIGHT,
            "StretchApp is a companion to care, not medical advice.",
        )
        _draw_report(doc, report, title, generated, store)
        doc.finish()
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return report


def _draw_report(
    doc: _PdfPainter, r: Report, title: str, generated: datetime, store: HistoryStore
) -> None:
    p = doc.p
    painter = doc.painter
    # title band
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(p.accent))
    painter.drawRoundedRect(QRectF(doc.left, doc.y, 6, 52), 3, 3)
    doc.text("StretchApp", 12, colour=p.accent, weight=QFont.Weight.DemiBold, x=doc.left + 18)
    doc.text(title, 26, weight=QFont.Weight.DemiBold, x=doc.left + 18)
    doc.space(6)
    doc.text(
        f"{_day_year(r.start)} – {_day_year(r.end)} ({_plural(r.days, 'day')})"
        f" · made {_day_year(generated.date())}",
        12,
        colour=p.secondary,
    )
    doc.space(20)

    # tiles
    tiles = (
        (f"{r.sessions:,}", "sessions", _status_line(r)),
        (format_duration(r.active_seconds), "time stretching", "pauses not counted"),
        (f"{r.days_stretched}", f"days stretched of {r.days}", _per_week(r)),
        (_plural(r.longest_streak, "day"), "longest streak", "days in a row"),
    )
    gap = 12.0
    tile_w = (doc.width - gap * 3) / 4
    top = doc.y
    for i, (value, label, note) in enumerate(tiles):
        x = doc.left + i * (tile_w + gap)
        painter.setPen(QPen(QColor(p.border), 1))
        painter.setBrush(QColor(p.window))
        painter.drawRoundedRect(QRectF(x, top, tile_w, 92), 10, 10)
        doc.text(
            value,
            19,
            weight=QFont.Weight.DemiBold,
            x=x + 14,
            width=tile_w - 28,
            y=top + 12,
            advance=False,
        )
        doc.text(label, 11, x=x + 14, width=tile_w - 28, y=top + 46, advance=False)
        doc.text(
            note, 9.5, colour=p.secondary, x=x + 14, width=tile_w - 28, y=top + 64, advance=False
        )
    doc.y = top + 92

    # minutes per week
    doc.heading("Minutes per week")
    chart = QRectF(doc.left, doc.y, doc.width, 150)
    _draw_week_bars(painter, chart, r, p)
    doc.y = chart.bottom() + 4

    # pain trend
    doc.heading("How the back felt")
    if r.pain:
        befores = [x.before for x in r.pain if x.before is not None]
        afters = [x.after for x in r.pain if x.after is not None]
        parts = [f"{_plural(len(r.pain), 'check-in')}"]
        if befores:
            parts.append(f"average before a session {sum(befores) / len(befores):.1f}")
        if afters:
            parts.append(f"after {sum(afters) / len(afters):.1f}")
        doc.text(", ".join(parts) + " (0 = no pain, 10 = worst).", 11, colour=p.secondary)
        doc.space(6)
        doc.need(170)
        area = QRectF(doc.left, doc.y, doc.width, 160)
        draw_pain(painter, area, r.pain[-120:], p, doc.font(12))
        doc.y = area.bottom()
    else:
        doc.text("No check-ins in this period.", 11, colour=p.secondary)
    if r.stop_reasons:
        said = ", ".join(
            f"{checkin.stop_reason_text(reason)} {n:,}"
            for reason, n in sorted(
                r.stop_reasons.items(), key=lambda kv: (-kv[1], kv[0] != "pain")
            )
        )
        doc.space(4)
        doc.text(f"Stopped sessions, by the reason given: {said}.", 11)
    advice = checkin.pattern_text(store.responses(r.start, r.end, limit=checkin.PATTERN_OF))
    if advice:
        doc.space(6)
        doc.text(advice, 11, weight=QFont.Weight.DemiBold)

    # routines
    doc.heading("Routines")
    if r.routines:
        _table(
            doc,
            ("Routine", "Sessions", "Time"),
            [
                (u.routine_name, f"{u.sessions:,}", format_duration(u.active_seconds))
                for u in r.routines
            ],
            (0.6, 0.2, 0.2),
        )
    else:
        doc.text("No sessions in this period.", 11, colour=p.secondary)

    doc.heading("Often skipped")
    if r.often_skipped:
        _table(
            doc,
            ("Stretch", "Skipped", "Of"),
            [
                (
                    s.stretch_name,
                    f"{s.skipped:,} ({round(100 * s.skipped / s.attempts)} %)",
                    f"{s.attempts:,}",
                )
                for s in r.often_skipped
            ],
            (0.6, 0.2, 0.2),
        )
        doc.text(
            "Counted per side: a two-sided stretch skipped once counts twice.",
            9.5,
            colour=p.secondary,
        )
    else:
        doc.text("Nothing was skipped.", 11, colour=p.secondary)

    # every session
    limit = 400
    sessions = store.sessions(
        0, limit, SortColumn.STARTED, descending=True, filters=SessionFilter(None, r.start, r.end)
    )
    if sessions:
        doc.new_page()
        doc.heading("Sessions" + (f" (the latest {limit})" if r.sessions > limit else ""))
        _table(
            doc,
            ("Date", "Routine", "Time", "Done", "Skipped", "Status", "Feeling"),
            [
                (
                    f"{s.started_at:%a} {s.started_at.day} {s.started_at:%b %Y %H:%M}",
                    s.routine_name,
                    format_duration(s.active_seconds),
                    str(s.done),
                    str(s.skipped),
                    status_text(s),
                    _feeling(s),
                )
                for s in sessions
            ],
            (0.22, 0.24, 0.1, 0.08, 0.09, 0.17, 0.1),
            size=10,
        )


def _status_line(r: Report) -> str:
    parts = [f"{r.completed:,} completed"]
    if r.stopped:
        parts.append(f"{r.stopped:,} stopped")
    if r.interrupted:
        parts.append(f"{r.interrupted:,} cut off")
    return ", ".join(parts)


def _per_week(r: Report) -> str:
    weeks = max(r.days / 7, 1)
    return f"about {r.days_stretched / weeks:.1f} a week"


def _draw_week_bars(painter: QPainter, area: QRectF, r: Report, p: Palette) -> None:
    weeks = r.weeks
    font = QFont()
    font.setPixelSize(10)
    painter.setFont(font)
    left = area.left() + 34
    bottom = area.bottom() - 18
    top = area.top() + 6
    height = bottom - top
    peak = max((w.active_seconds for w in weeks), default=0) / 60
    scale_top = _nice_top(max(peak, 1))
    for fraction in (0.0, 0.5, 1.0):
        y = bottom - height * fraction
        painter.setPen(QPen(QColor(p.border), 1))
        painter.drawLine(QPointF(left, y), QPointF(area.right(), y))
        painter.setPen(QColor(p.secondary))
        painter.drawText(
            QRectF(area.left(), y - 7, 28, 14),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            str(round(scale_top * fraction)),
        )
    if not weeks:
        return
    slot = (area.right() - left) / len(weeks)
    bar = max(2.0, min(slot * 0.7, 40))
    every = max(1, round(len(weeks) / 10))
    for i, week in enumerate(weeks):
        x = left + i * slot + (slot - bar) / 2
        minutes = week.active_seconds / 60
        if minutes > 0:
            h = max(2.0, height * minutes / scale_top)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(p.accent))
            painter.drawRoundedRect(QRectF(x, bottom - h, bar, h), 2, 2)
            if len(weeks) <= 16:
                painter.setPen(QColor(p.text))
                painter.drawText(
                    QRectF(x - 10, bottom - h - 14, bar + 20, 12),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                    str(round(minutes)),
                )
        if i % every == 0:
            painter.setPen(QColor(p.secondary))
            painter.drawText(
                QRectF(left + i * slot - 20, bottom + 3, slot + 40, 14),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                _day(week.day),
            )


def _table(
    doc: _PdfPainter,
    header: tuple[str, ...],
    rows: list[tuple[str, ...]],
    widths: tuple[float, ...],
    *,
    size: float = 11,
) -> None:
    p = doc.p
    row_h = size * 1.9
    numeric = {
        i for i, h in enumerate(header) if h in ("Sessions", "Time", "Done", "Skipped", "Of")
    }

    def draw_header() -> None:
        x = doc.left
        for i, name in enumerate(header):
            w = doc.width * widths[i]
            align = Qt.AlignmentFlag.AlignRight if i in numeric else Qt.AlignmentFlag.AlignLeft
            pad = 16.0 if i - 1 in numeric and i not in numeric else 4.0
            doc.text(
                name,
                size,
                colour=p.secondary,
                weight=QFont.Weight.DemiBold,
                x=x + pad,
                width=w - pad - 4,
                align=align,
                advance=False,
            )
            x += w
        doc.y += row_h
        doc.painter.setPen(QPen(QColor(p.text), 0.8))
        doc.painter.drawLine(QPointF(doc.left, doc.y - 5), QPointF(doc.left + doc.width, doc.y - 5))

    draw_header()
    for n, row in enumerate(rows):
        if doc.y + row_h > doc.HEIGHT - doc.MARGIN - 24:
            doc.new_page()
            draw_header()
        if n % 2 == 1:
            doc.painter.setPen(Qt.PenStyle.NoPen)
            doc.painter.setBrush(QColor(p.window))
            doc.painter.drawRect(QRectF(doc.left, doc.y - 4, doc.width, row_h))
        x = doc.left
        for i, cell in enumerate(row):
            w = doc.width * widths[i]
            align = Qt.AlignmentFlag.AlignRight if i in numeric else Qt.AlignmentFlag.AlignLeft
            pad = 16.0 if i - 1 in numeric and i not in numeric else 4.0
            shown = _elide(doc, cell, size, w - pad - 4)
            doc.text(shown, size, x=x + pad, width=w - pad - 4, align=align, advance=False)
            x += w
        doc.y += row_h


def _elide(doc: _PdfPainter, text: str, size: float, width: float) -> str:
    from PySide6.QtGui import QFontMetricsF

    metrics = QFontMetricsF(doc.font(size), doc.writer)
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


# ---- the page -------------------------------------------------------------------------------


class SummaryTile(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(0)
        self.caption = plain_label(caption, "meta", wrap=False)
        self.value = plain_label("", "", wrap=False)
        self.value.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.note = plain_label("", "secondary", wrap=False)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)

    def set(self, value: str, note: str) -> None:
        self.value.setText(value)
        self.note.setText(note)
        self.setAccessibleName(f"{self.caption.text()}: {value}, {note}")


class ReportDialog(QDialog):
    """Choose the period the clinician's report covers."""

    PERIODS = (
        ("Last 4 weeks", 28),
        ("Last 3 months", 91),
        ("Last 12 months", 365),
        ("Everything", 0),
        ("Choose dates", -1),
    )

    def __init__(self, today: date, first: date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export report")
        self.today = today
        self.first = first or today
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 20)
        layout.setSpacing(12)
        layout.addWidget(plain_label("A PDF report for your clinician", "h2"))
        layout.addWidget(
            plain_label(
                "Sessions, minutes, routines, what was often skipped and how your back felt.",
                "secondary",
            )
        )
        self.period = QComboBox()
        for name, _ in self.PERIODS:
            self.period.addItem(name)
        self.period.setCurrentIndex(1)
        self.period.setAccessibleName("Period")
        layout.addWidget(self.period)
        dates = QHBoxLayout()
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit, name in ((self.start, "From"), (self.end, "To")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
            dates.addWidget(plain_label(name, "meta", wrap=False))
            dates.addWidget(edit, 1)
        layout.addLayout(dates)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.reject)
        ok = QPushButton("Save PDF…")
        ok.setObjectName("primary")
        ok.setDefault(True)
        ok.clicked.connect(self.accept)
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        layout.addLayout(buttons)
        self.period.currentIndexChanged.connect(self._period_changed)
        self._period_changed(self.period.currentIndex())

    def _period_changed(self, index: int) -> None:
        days = self.PERIODS[index][1]
        custom = days < 0
        self.start.setEnabled(custom)
        self.end.setEnabled(custom)
        if custom:
            return
        start = self.first if days == 0 else self.today - timedelta(days=days - 1)
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(self.today.year, self.today.month, self.today.day))

    def chosen(self) -> tuple[date, date]:
        a, b = self.start.date().toPython(), self.end.date().toPython()
        assert isinstance(a, date) and isinstance(b, date)
        return (a, b) if a <= b else (b, a)


class HistoryPage(QWidget):
    """Streaks and totals, the last weeks, the pain trend, and every session."""

    start_requested = Signal(str)  # a routine id, from the empty state
    clinic_requested = Signal()  # "Contact your clinic", when the check-ins show a pattern

    def __init__(
        self,
        store: HistoryStore,
        palette: Palette | bool = False,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.p = _palette(palette)
        self._today = today or date.today
        self.setObjectName("page")
        self.last_deleted = None  # type: Any
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.setInterval(UNDO_SECONDS * 1000)
        self.undo_timer.timeout.connect(self._forget_undo)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 16)
        outer.setSpacing(12)
        header = QHBoxLayout()
        header.addWidget(plain_label("History", "h1", wrap=False))
        header.addStretch(1)
        self.export_csv_button = QPushButton("Export CSV…")
        self.export_csv_button.clicked.connect(self.choose_csv)
        self.export_report_button = QPushButton("Export report…")
        self.export_report_button.setToolTip("A PDF for your clinician")
        self.export_report_button.clicked.connect(self.choose_report)
        header.addWidget(self.export_csv_button)
        header.addWidget(self.export_report_button)
        outer.addLayout(header)

        self.notice = QFrame()
        self.notice.setObjectName("notice")
        self.notice.setProperty("kind", "problem")  # a moved-aside file, a failed write
        notice_layout = QHBoxLayout(self.notice)
        notice_layout.setContentsMargins(16, 10, 12, 10)
        self.notice_text = plain_label("", "")
        self.notice_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        notice_layout.addWidget(self.notice_text, 1)
        dismiss = QPushButton("Dismiss")
        dismiss.setObjectName("link")
        dismiss.clicked.connect(self.notice.hide)
        notice_layout.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.notice.hide()
        outer.addWidget(self.notice)

        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.empty = self._build_empty()
        self.stack.addWidget(self.empty)
        self.content = QWidget()
        # At small window heights the whole page scrolls, so the table keeps a usable size.
        self.scroller = QScrollArea()
        self.scroller.setAccessibleName("History")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidget(self.content)
        self.stack.addWidget(self.scroller)
        body = QVBoxLayout(self.content)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(12)

        self.pattern_card = PatternCard()
        self.pattern_card.clinic_requested.connect(self.clinic_requested.emit)
        body.addWidget(self.pattern_card)

        self.tiles_grid = QGridLayout()
        self.tiles_grid.setSpacing(12)
        self.streak_tile = SummaryTile("Current streak")
        self.week_tile = SummaryTile("This week")
        self.month_tile = SummaryTile("This month")
        self.all_tile = SummaryTile("All time")
        self.tiles = [
            self.streak_tile,
            self.week_tile,
            self.month_tile,
            self.all_tile,
        ]
        body.addLayout(self.tiles_grid)

        # Side by side when the page is wide, one above the other when it is narrow.
        self.charts_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.charts_row.setSpacing(12)
        self.days_card, self.days_chart = self._chart_card(
            "Minutes per day, last 8 weeks", DaysChart(self.p)
        )
        self.pain_card, self.pain_chart = self._chart_card("How your back felt", PainChart(self.p))
        self.charts_row.addWidget(self.days_card, 3)
        self.charts_row.addWidget(self.pain_card, 2)
        body.addLayout(self.charts_row)

        # One row when it fits; the dates go under the routine when the page is narrow.
        self.filters_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.filters_row.setSpacing(8)
        dates = QHBoxLayout()
        dates.setSpacing(8)
        self.routine_filter = QComboBox()
        self.routine_filter.setAccessibleName("Routine")
        self.routine_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.routine_filter.setMinimumContentsLength(16)
        self.from_date = self._date_edit("from")
        self.to_date = self._date_edit("to")
        self.clear_filters = QPushButton("Clear")
        self.clear_filters.setObjectName("link")
        self.clear_filters.clicked.connect(self.reset_filters)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the selected session (you can undo it)")
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.delete_selected)
        self.filters_row.addWidget(self.routine_filter, 0, Qt.AlignmentFlag.AlignLeft)
        dates.addWidget(self.from_date)
        dates.addWidget(self.to_date)
        dates.addWidget(self.clear_filters)
        dates.addStretch(1)
        self.filters_row.addLayout(dates, 1)
        body.addLayout(self.filters_row)

        self.model = SessionTableModel(store, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Sessions")
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        head = self.table.horizontalHeader()
        head.setHighlightSections(False)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(False)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setMinimumSectionSize(56)
        head.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setMinimumHeight(200)
        self.table.setStyleSheet(
            f"QTableView {{ background: {self.p.surface}; border: 1px solid {self.p.border};"
            f" border-radius: 12px; padding: 4px; selection-background-color: {self.p.accent_soft};"
            f" selection-color: {self.p.text}; outline: 0; }}"
            f" QTableView:focus {{ border: 2px solid {self.p.accent}; padding: 3px; }}"
            f" QTableView::item {{ padding: 0 6px; border-bottom: 1px solid {self.p.window}; }}"
            f" QHeaderView::section {{ background: {self.p.surface}; color: {self.p.secondary};"
            f" border: none; border-bottom: 1px solid {self.p.border}; padding: 6px 8px;"
            f" font-weight: 600; }}"
            f" QTableCornerButton::section {{ background: {self.p.surface}; border: none; }}"
        )
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.viewport().installEventFilter(self)  # columns follow the table's width
        body.addWidget(self.table, 1)
        footer = QHBoxLayout()
        self.shown_label = plain_label("", "meta", wrap=False)
        footer.addWidget(self.shown_label)
        footer.addStretch(1)
        footer.addWidget(self.delete_button)
        body.addLayout(footer)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)

        self.undo_bar = QFrame()
        self.undo_bar.setObjectName("card")
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(16, 6, 8, 6)
        self.undo_text = plain_label("", "", wrap=False)
        undo_layout.addWidget(self.undo_text, 1)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setObjectName("primary")
        self.undo_button.setProperty("undo", True)  # Ctrl+Z presses it (ui/shortcuts.py)
        self.undo_button.clicked.connect(self.undo_delete)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()
        outer.addWidget(self.undo_bar)

        self.routine_filter.currentIndexChanged.connect(self._filters_changed)
        self.from_date.dateChanged.connect(self._filters_changed)
        self.to_date.dateChanged.connect(self._filters_changed)
        self._columns = 0
        self._column_fit: tuple[dict[int, int], bool] | None = None
        self.refresh()

    # ---- building ----

    def _build_empty(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(560)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(12)
        self.empty_title = plain_label(f"No sessions yet — start {FIRST_ROUTINE_NAME}", "h2")
        inner.addWidget(self.empty_title)
        inner.addWidget(
            plain_label(
                "Every session you do is kept here: your streak of days, the minutes you "
                "stretched, and how your back felt, ready to show your clinician.",
                "secondary",
            )
        )
        self.start_button = QPushButton(f"Start {FIRST_ROUTINE_NAME}")
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(lambda: self.start_requested.emit(FIRST_ROUTINE_ID))
        inner.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 100)  # all the width up to its maximum, then centred
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _chart_card(self, title: str, chart: QWidget) -> tuple[QFrame, Any]:
        card = QFrame()
        card.setObjectName("card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.setSpacing(4)
        layout.addWidget(plain_label(title, "cardTitle", wrap=False))
        layout.addWidget(chart, 1)
        return card, chart

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setAccessibleName(f"Sessions {name}")
        edit.setDisplayFormat(f"'{name}' d MMM yyyy")
        edit.setMinimumDate(EARLIEST)
        edit.setSpecialValueText(f"{name} any date")  # shown at the minimum, meaning "no limit"
        edit.setDate(EARLIEST)
        return edit

    # ---- showing ----

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._reflow()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _room(self) -> int:
        """The width the scrolling content gets: the page less its margins and a scroll bar."""
        margins = self.layout().contentsMargins()
        bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        return self.width() - margins.left() - margins.right() - bar

    def _reflow(self) -> None:
        """Lay the page out for its width: tiles, charts, filters and table columns."""
        room = self._room()
        self._place_tiles(room)
        self._place_charts(room)
        self._place_filters(room)

    def _place_tiles(self, room: int) -> None:
        """Four tiles in a row when each gets its natural width, else two (or one) a row."""
        spacing = self.tiles_grid.horizontalSpacing()
        need = max(tile.sizeHint().width() for tile in self.tiles)
        columns = next(
            (n for n in (4, 2) if n * need + (n - 1) * spacing <= room),
            1,
        )
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self.tiles:
            self.tiles_grid.removeWidget(tile)
        for i, tile in enumerate(self.tiles):
            self.tiles_grid.addWidget(tile, i // columns, i % columns)
        for c in range(4):
            self.tiles_grid.setColumnStretch(c, 1 if c < columns else 0)

    def _place_charts(self, room: int) -> None:
        # Side by side only while the daily bars keep room to read (about 60 % of the row).
        needs = self.days_card.minimumSizeHint().width() + self.pain_card.minimumSizeHint().width()
        side = room >= max(CHARTS_SIDE_BY_SIDE, needs + self.charts_row.spacing())
        direction = QBoxLayout.Direction.LeftToRight if side else QBoxLayout.Direction.TopToBottom
        if self.charts_row.direction() != direction:
            self.charts_row.setDirection(direction)

    def _place_filters(self, room: int) -> None:
        dates = self.filters_row.itemAt(1).layout()
        assert dates is not None
        one_row = (
            self.routine_filter.sizeHint().width()
            + self.filters_row.spacing()
            + dates.sizeHint().width()
            <= room
        )
        direction = (
            QBoxLayout.Direction.LeftToRight if one_row else QBoxLayout.Direction.TopToBottom
        )
        if self.filters_row.direction() != direction:
            self.filters_row.setDirection(direction)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._size_columns(event.size().width())
        return super().eventFilter(watched, event)

    def _size_columns(self, inside: int) -> None:
        """Fit the columns to what they hold (in the theme's fonts) within `inside` px.

        Date, numbers, status and feeling get their width (with roomy padding when there is
        room, snug when not); Routine takes the rest. When even the snug widths leave Routine
        too little, Routine keeps a readable width and the table scrolls sideways.
        Measured from samples, never from the rows: 100,000 sessions size as quickly as ten.
        """
        self.table.ensurePolished()
        head = self.table.horizontalHeader()
        head.ensurePolished()
        metrics = self.table.fontMetrics()
        head_metrics = head.fontMetrics()
        samples = {
            0: "30 Sep 2026, 07:18",
            2: "1 h 05 min",
            3: "100",
            4: "100",
            5: "stopped: no time",
            6: "10 → 10",
        }

        def widths(cell_pad: int, head_pad: int) -> dict[int, int]:
            return {
                column: max(
                    metrics.horizontalAdvance(sample) + cell_pad,
                    head_metrics.horizontalAdvance(self.model.COLUMNS[column][0]) + head_pad,
                )
                for column, sample in samples.items()
            }

        roomy, snug = widths(34, 40), widths(24, 26)
        chosen = roomy if sum(roomy.values()) + ROUTINE_ROOMY <= inside else snug
        stretch = inside - sum(chosen.values()) >= ROUTINE_MIN
        if (chosen, stretch) == self._column_fit:
            return  # unchanged: widths the person dragged stay as they are
        self._column_fit = (chosen, stretch)
        for column, width in chosen.items():
            self.table.setColumnWidth(column, width)
        if stretch:
            head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        else:
            head.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(1, ROUTINE_MIN)

    def set_notice(self, text: str | None) -> None:
        """Show something the user should know (a moved-aside file, a failed write)."""
        if text:
            self.notice_text.setText(text)
            self.notice.show()
        else:
            self.notice.hide()

    def refresh(self) -> None:
        """Re-read everything from the store."""
        today = self._today()
        total = self.store.count()
        self.stack.setCurrentWidget(self.scroller if total else self.empty)
        self.export_csv_button.setEnabled(total > 0)
        self.export_report_button.setEnabled(total > 0)
        if not total:
            self.model.refresh()
            return
        now = datetime.now().astimezone()
        summary = self.store.summary(now)
        today = summary.today
        self.streak_tile.set(
            _plural(summary.current_streak, "day"),
            f"longest: {_plural(summary.longest_streak, 'day')}",
        )
        for tile, totals in (
            (self.week_tile, summary.week),
            (self.month_tile, summary.month),
            (self.all_tile, summary.all_time),
        ):
            tile.set(_plural(totals.sessions, "session"), format_duration(totals.active_seconds))
        last_sunday = today + timedelta(days=6 - today.weekday())
        first = last_sunday - timedelta(days=7 * CHART_WEEKS - 1)
        days = self.store.minutes_per_day(first, last_sunday)
        self.days_chart.set_days([(d.day, d.active_seconds) for d in days], today)
        pain = self.store.pain_trend(limit=30)
        self.pain_chart.set_points(pain)
        self.pain_card.setVisible(bool(pain))
        self.pattern_card.set_text(
            checkin.pattern_text(self.store.responses(limit=checkin.PATTERN_OF))
        )
        self._fill_routines()
        self.model.refresh()
        self._update_shown()
        self._columns = 0  # new texts may need other widths
        self._reflow()

    def _fill_routines(self) -> None:
        current = self.routine_filter.currentData()
        self.routine_filter.blockSignals(True)
        self.routine_filter.clear()
        self.routine_filter.addItem("All routines", None)
        for use in self.store.routines_used():
            self.routine_filter.addItem(use.routine_name, use.routine_id)
        index = self.routine_filter.findData(current) if current is not None else 0
        self.routine_filter.setCurrentIndex(max(index, 0))
        self.routine_filter.blockSignals(False)

    def _filters(self) -> SessionFilter:
        def value(edit: QDateEdit) -> date | None:
            if edit.date() == EARLIEST:
                return None
            d = edit.date().toPython()
            return d if isinstance(d, date) else None

        return SessionFilter(
            self.routine_filter.currentData(), value(self.from_date), value(self.to_date)
        )

    def _filters_changed(self) -> None:
        self.model.set_filters(self._filters())
        self._update_shown()

    def set_filters(self, routine_id: str | None, start: date | None, end: date | None) -> None:
        index = self.routine_filter.findData(routine_id) if routine_id is not None else 0
        for edit, d in ((self.from_date, start), (self.to_date, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(d.year, d.month, d.day) if d else EARLIEST)
            edit.blockSignals(False)
        self.routine_filter.blockSignals(True)
        self.routine_filter.setCurrentIndex(max(index, 0))
        self.routine_filter.blockSignals(False)
        self._filters_changed()

    def reset_filters(self) -> None:
        self.set_filters(None, None, None)

    def _update_shown(self) -> None:
        shown = self.model.rowCount()
        total = self.store.count()
        self.shown_label.setText(
            _plural(total, "session") if shown == total else f"{shown:,} of {total:,} sessions"
        )
        self.delete_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _selection_changed(self) -> None:
        self.delete_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    # ---- deleting ----

    def selected_session(self) -> SessionRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def delete_selected(self) -> bool:
        record = self.selected_session()
        return self.delete_session(record.id) if record else False

    def delete_session(self, session_id: int) -> bool:
        record = self.store.session(session_id)
        try:
            deleted = self.store.delete(session_id)
        except HistoryError as exc:
            self.set_notice(str(exc))
            return False
        if deleted is None or record is None:
            return False
        self.last_deleted = deleted
        self.undo_text.setText(
            f"Deleted the {record.routine_name} session of "
            f"{_day_year(record.local_date)}, {record.started_at:%H:%M}."
        )
        self.undo_bar.show()
        self.undo_timer.start()
        self.refresh()
        return True

    def undo_delete(self) -> bool:
        if self.last_deleted is None:
            return False
        try:
            self.store.restore(self.last_deleted)
        except HistoryError as exc:
            self.set_notice(str(exc))
            return False
        self._forget_undo()
        self.refresh()
        return True

    def _forget_undo(self) -> None:
        self.undo_timer.stop()
        self.last_deleted = None
        self.undo_bar.hide()

    # ---- exporting ----

    def choose_csv(self) -> None:
        name = f"stretchapp-history-{self._today():%Y-%m-%d}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, "Export history as CSV", str(Path.home() / name), "CSV files (*.csv)"
        )
        if path:
            self.export_csv_to(Path(path))

    def export_csv_to(self, path: Path) -> int | None:
        try:
            count = export_csv(self.store, path)
        except OSError as exc:
            self.set_notice(f"The CSV file could not be written to {path}: {exc.strerror or exc}")
            return None
        self.set_notice(None)
        return count

    def choose_report(self) -> None:
        first = self.store.sessions(0, 1, SortColumn.STARTED, descending=False)
        dialog = ReportDialog(self._today(), first[0].local_date if first else None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        start, end = dialog.chosen()
        name = f"stretchapp-report-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save report as PDF", str(Path.home() / name), "PDF files (*.pdf)"
        )
        if path:
            self.export_report_to(Path(path), start, end)

    def export_report_to(self, path: Path, start: date, end: date) -> bool:
        try:
            write_report_pdf(self.store, path, start, end)
        except OSError as exc:
            self.set_notice(f"The report could not be written to {path}: {exc.strerror or exc}")
            return False
        return True
