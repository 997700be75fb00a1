"""The clinician's report as a PDF: lays out and draws what core/report.py worked out."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QMarginsF,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from stretchapp.core.exports import replacing
from stretchapp.core.history import (
    HistoryStore,
    Report,
)
from stretchapp.core.i18n import _
from stretchapp.core.palette import LIGHT, Palette
from stretchapp.core.report import (
    PainMark,
    ReportModel,
    Table,
    Tick,
    number,
    report_model,
)


class _PdfPainter:
    """Lays out the report on A4 pages in 96-dpi 'pixels', top to bottom."""

    WIDTH = 794.0  # A4 at 96 dpi
    HEIGHT = 1123.0
    MARGIN = 56.0

    def __init__(self, writer: QPdfWriter, palette: Palette, footer: str, pages: int = 0) -> None:
        self.writer = writer
        self.p = palette
        self.footer = footer
        self.pages = pages  # the page count once known (the first pass counts them)
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
        page = (
            _("Page {page} of {pages}").format(page=number(self.page), pages=number(self.pages))
            if self.pages
            else _("Page {page}").format(page=number(self.page))
        )
        room = self.width - self.measure(page, 9) - 24
        self.text(self.elide(self.footer, 9, room), 9, colour=self.p.secondary, y=y, advance=False)
        self.text(
            page,
            9,
            colour=self.p.secondary,
            y=y,
            align=Qt.AlignmentFlag.AlignRight,
            advance=False,
        )

    def measure(self, text: str, size: float, weight: QFont.Weight = QFont.Weight.Normal) -> float:
        return QFontMetricsF(self.font(size, weight), self.writer).horizontalAdvance(text)

    def elide(self, text: str, size: float, width: float) -> str:
        metrics = QFontMetricsF(self.font(size), self.writer)
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)

    def fitting_size(
        self, text: str, size: float, width: float, weight: QFont.Weight = QFont.Weight.Normal
    ) -> float:
        """`size`, or smaller until `text` fits in `width` on one line (at least half)."""
        while size > 6 and self.measure(text, size, weight) > width:
            size -= 0.5
        return size

    def heading(self, text: str) -> None:
        self.need(60)
        self.space(18)
        self.text(text, 16, weight=QFont.Weight.DemiBold)
        self.space(8)

    def finish(self) -> None:
        self._draw_footer()
        self.painter.end()


def _pdf_problem(path: Path) -> str | None:
    """What is wrong with a PDF just written, or None: a writer stopped by a full disk leaves
    a file without its end."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(5)
            f.seek(max(0, size - 1024))
            tail = f.read()
    except OSError as exc:
        return str(exc.strerror or exc)
    if not head.startswith(b"%PDF") or b"%%EOF" not in tail:
        return _("the PDF ended early; is the disk full?")
    return None


def write_report_pdf(
    store: HistoryStore,
    path: Path,
    start: date,
    end: date,
    *,
    title: str | None = None,
    person: str = "",
    generated: datetime | None = None,
) -> Report:
    """A PDF for the clinician covering local dates start..end (inclusive), for `person`
    (a name or ""), written as core/exports.py says (checked whole, the old file kept on
    failure). Raises OSError."""
    model = report_model(
        store,
        start,
        end,
        title=title,
        person=person,
        generated=generated or datetime.now().astimezone(),
    )
    counting = QBuffer()  # the first pass only counts the pages: "Page 2 of 3"
    counting.open(QBuffer.OpenModeFlag.WriteOnly)
    pages = _render(QPdfWriter(counting), model, 0)
    with replacing(path, _pdf_problem) as temp:
        _render(QPdfWriter(str(temp)), model, pages, path)
    return model.figures


def _render(writer: QPdfWriter, model: ReportModel, pages: int, path: Path | None = None) -> int:
    """Draws the report with `writer`; the number of pages."""
    writer.setTitle(f"StretchApp · {model.title}")
    writer.setCreator("StretchApp")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    doc = _PdfPainter(writer, LIGHT, model.running_head, pages)
    if not doc.painter.isActive():
        raise OSError(_("{path} could not be opened for writing").format(path=path))
    draw_report(doc, model)
    doc.finish()
    count = doc.page
    del doc, writer  # closes the file before it is checked
    return count


def draw_report(doc: _PdfPainter, model: ReportModel) -> None:
    """Every part of the report, top to bottom."""
    _draw_title(doc, model)
    _draw_tiles(doc, model)
    if model.time_note:
        doc.space(6)
        doc.text(model.time_note, 9.5, colour=doc.p.secondary)
    doc.heading(_("Minutes in sessions, per week"))
    chart = QRectF(doc.left, doc.y, doc.width, 150)
    _draw_week_bars(doc, chart, model)
    doc.y = chart.bottom() + 6
    if model.week_note:
        doc.text(model.week_note, 9.5, colour=doc.p.secondary)
    _draw_pain(doc, model)
    doc.heading(_("Routines"))
    _table_or(doc, model.routines, _("No sessions in this period."))
    doc.heading(_("Often skipped"))
    _table_or(doc, model.skipped, _("Nothing was skipped."))
    if model.skipped is not None:
        doc.text(
            _("Counted per side: a two-sided stretch skipped once counts twice."),
            9.5,
            colour=doc.p.secondary,
        )
    if model.sessions is not None:
        doc.new_page()
        doc.heading(model.sessions_heading)
        _table(doc, model.sessions, flex=1, size=10)


def _draw_title(doc: _PdfPainter, model: ReportModel) -> None:
    p, painter = doc.p, doc.painter
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(p.accent))
    painter.drawRoundedRect(QRectF(doc.left, doc.y, 6, 52), 3, 3)
    doc.text("StretchApp", 12, colour=p.accent, weight=QFont.Weight.DemiBold, x=doc.left + 18)
    doc.text(model.title, 26, weight=QFont.Weight.DemiBold, x=doc.left + 18)
    doc.space(6)
    if model.person:
        doc.text(model.person, 14, weight=QFont.Weight.DemiBold)
    doc.text(model.period, 12, colour=p.secondary)
    doc.text(_("StretchApp is a companion to care, not medical advice."), 9.5, colour=p.secondary)
    doc.space(20)


def _draw_tiles(doc: _PdfPainter, model: ReportModel) -> None:
    p, painter = doc.p, doc.painter
    gap = 12.0
    tile_w = (doc.width - gap * 3) / len(model.tiles)
    top = doc.y
    for i, tile in enumerate(model.tiles):
        x = doc.left + i * (tile_w + gap)
        painter.setPen(QPen(QColor(p.border), 1))
        painter.setBrush(QColor(p.window))
        painter.drawRoundedRect(QRectF(x, top, tile_w, 92), 10, 10)
        x, w = x + 14, tile_w - 28
        size = doc.fitting_size(tile.value, 19, w, QFont.Weight.DemiBold)
        doc.text(
            tile.value,
            size,
            weight=QFont.Weight.DemiBold,
            x=x,
            width=w,
            y=top + 12 + (19 - size) / 2,
            advance=False,
        )
        doc.text(
            tile.label, doc.fitting_size(tile.label, 11, w), x=x, width=w, y=top + 46, advance=False
        )
        doc.text(tile.note, 9.5, colour=p.secondary, x=x, width=w, y=top + 64, advance=False)
    doc.y = top + 92


def _draw_pain(doc: _PdfPainter, model: ReportModel) -> None:
    p = doc.p
    doc.heading(_("How the back felt"))
    doc.text(model.pain_line, 11, colour=p.secondary)
    if model.pain:
        doc.space(6)
        doc.need(190)
        area = QRectF(doc.left, doc.y, doc.width, 170)
        _draw_pain_chart(doc, area, model.pain, model.pain_ticks)
        doc.y = area.bottom() + 2
        doc.text(model.pain_note, 9.5, colour=p.secondary)
    if model.stop_line:
        doc.space(4)
        doc.text(model.stop_line, 11)
    if model.advice:
        doc.space(6)
        doc.text(model.advice, 11, weight=QFont.Weight.DemiBold)


def _table_or(doc: _PdfPainter, table: Table | None, empty: str) -> None:
    if table is None:
        doc.text(empty, 11, colour=doc.p.secondary)
    else:
        _table(doc, table)


def _y_axis(
    doc: _PdfPainter,
    left: float,
    right: float,
    bottom: float,
    height: float,
    ticks: tuple[tuple[float, str], ...],
) -> None:
    """Grid lines and their labels, right-aligned in the room left of the plot."""
    painter = doc.painter
    painter.setFont(doc.font(9.5))
    for fraction, label in ticks:
        y = bottom - height * fraction
        painter.setPen(QPen(QColor(doc.p.border), 1))
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        painter.setPen(QColor(doc.p.secondary))
        painter.drawText(
            QRectF(doc.left, y - 8, left - doc.left - 6, 16),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            label,
        )


def _x_ticks(
    doc: _PdfPainter, left: float, width: float, y: float, ticks: tuple[Tick, ...]
) -> None:
    """Date labels under a chart, each centred on its place but kept inside the chart and
    never over the one before."""
    painter = doc.painter
    painter.setFont(doc.font(9.5))
    painter.setPen(QColor(doc.p.secondary))
    after = -1e9
    for tick in ticks:
        w = doc.measure(tick.label, 9.5) + 4
        x = min(max(left + width * tick.at - w / 2, left), left + width - w)
        if x < after + 6:
            continue
        painter.drawText(
            QRectF(x, y, w, 14),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
            tick.label,
        )
        after = x + w


def _draw_week_bars(doc: _PdfPainter, area: QRectF, model: ReportModel) -> None:
    painter, p = doc.painter, doc.p
    weeks = model.weeks
    scale_top = model.week_scale_top
    labels = tuple((f, number(round(scale_top * f))) for f in (0.0, 0.5, 1.0))
    room = max(doc.measure(label, 9.5) for _f, label in labels) + 12
    left = area.left() + room
    bottom = area.bottom() - 20
    top = area.top() + 8
    height = bottom - top
    _y_axis(doc, left, area.right(), bottom, height, labels)
    if not weeks:
        return
    slot = (area.right() - left) / len(weeks)
    bar = max(2.0, min(slot * 0.7, 40))
    value_size = 9.0
    show_values = len(weeks) <= 16 and all(
        doc.measure(w.value, value_size) <= slot - 2 for w in weeks
    )
    for i, week in enumerate(weeks):
        x = left + i * slot + (slot - bar) / 2
        if week.minutes > 0:
            h = max(2.0, height * week.minutes / scale_top)
            painter.setPen(Qt.PenStyle.NoPen)
            colour = QColor(p.accent)
            if week.partial:
                colour.setAlphaF(0.4)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(x, bottom - h, bar, h), 2, 2)
            if show_values:
                painter.setFont(doc.font(value_size))
                painter.setPen(QColor(p.text))
                painter.drawText(
                    QRectF(left + i * slot, bottom - h - 14, slot, 12),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                    week.value,
                )
    _x_ticks(doc, left, area.right() - left, bottom + 4, model.week_ticks)


def _draw_pain_chart(
    doc: _PdfPainter, area: QRectF, marks: tuple[PainMark, ...], ticks: tuple[Tick, ...]
) -> None:
    """Before (hollow, grey) and after (filled, accent), 0–10, at their dates."""
    painter, p = doc.painter, doc.p
    legend_h = 18.0
    labels = ((0.0, number(0)), (0.5, number(5)), (1.0, number(10)))
    left = area.left() + doc.measure("10", 9.5) + 12
    right = area.right() - 6
    bottom = area.bottom() - legend_h - 22
    top = area.top() + 8
    height = bottom - top
    _y_axis(doc, left, right, bottom, height, labels)
    width = right - left - 8
    radius = 3.2 if len(marks) <= 40 else 2.2
    for attr, filled in (("before", False), ("after", True)):
        colour = QColor(p.accent if filled else p.secondary)
        points = [
            QPointF(left + 4 + width * m.at, bottom - height * value / 10)
            for m in marks
            if (value := getattr(m, attr)) is not None
        ]
        pen = QPen(colour, 1.6)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for a, b in itertools.pairwise(points):
            painter.drawLine(a, b)
        painter.setBrush(colour if filled else QColor(p.surface))
        for point in points:
            painter.drawEllipse(point, radius, radius)
    _x_ticks(doc, left + 4, width, bottom + 4, ticks)
    painter.setFont(doc.font(9.5))
    x = left
    y = area.bottom() - legend_h / 2
    for text, filled in ((_("Before the session"), False), (_("After the session"), True)):
        colour = QColor(p.accent if filled else p.secondary)
        painter.setPen(QPen(colour, 1.6))
        painter.setBrush(colour if filled else QColor(p.surface))
        painter.drawEllipse(QPointF(x + 4, y), 3.5, 3.5)
        painter.setPen(QColor(p.text))
        w = doc.measure(text, 9.5) + 4
        painter.drawText(
            QRectF(x + 12, y - 8, w, 16),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            text,
        )
        x += w + 36


def _pad(numeric: frozenset[int], i: int) -> float:
    """The room left of column i's text: more for words that follow figures."""
    return 16.0 if i - 1 in numeric and i not in numeric else 4.0


def _column_widths(doc: _PdfPainter, table: Table, size: float, flex: int) -> list[float]:
    """Each column as wide as its widest cell and its heading (in the language shown; a long
    heading may shrink a little), and column `flex` (the names) the room left. When that
    leaves the names too little, the others give up room in proportion (their headings then
    shrink to fit, cells elide)."""
    natural = [
        max(
            [doc.measure(heading, size * 0.85, QFont.Weight.DemiBold)]
            + [doc.measure(row[i], size) for row in table.rows]
        )
        + _pad(table.numeric, i)
        + 12
        for i, heading in enumerate(table.header)
    ]
    least = doc.width * 0.16
    others = sum(w for i, w in enumerate(natural) if i != flex)
    if doc.width - others >= least:
        natural[flex] = doc.width - others
        return natural
    scale = (doc.width - least) / others
    return [least if i == flex else w * scale for i, w in enumerate(natural)]


def _table(doc: _PdfPainter, table: Table, *, flex: int = 0, size: float = 11) -> None:
    """A table of `table`'s rows under its heading row, repeated on every page it runs to;
    figures flush right, column `flex` (the names) taking the room the others leave."""
    p = doc.p
    header, rows = table.header, table.rows
    row_h = size * 1.9
    numeric = table.numeric
    widths = _column_widths(doc, table, size, flex)

    def cell_box(i: int, x: float) -> tuple[float, float, Qt.AlignmentFlag]:
        """Where column i's text goes (its left, its width) and how it is aligned."""
        align = Qt.AlignmentFlag.AlignRight if i in numeric else Qt.AlignmentFlag.AlignLeft
        pad = _pad(numeric, i)
        return x + pad, widths[i] - pad - 4, align

    def draw_header() -> None:
        x = doc.left
        for i, name in enumerate(header):
            left, w, align = cell_box(i, x)
            doc.text(
                name,
                doc.fitting_size(name, size, w, QFont.Weight.DemiBold),
                colour=p.secondary,
                weight=QFont.Weight.DemiBold,
                x=left,
                width=w,
                align=align,
                advance=False,
            )
            x += widths[i]
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
            left, w, align = cell_box(i, x)
            shown = _elide(doc, cell, size, w)
            doc.text(shown, size, x=left, width=w, align=align, advance=False)
            x += widths[i]
        doc.y += row_h


def _elide(doc: _PdfPainter, text: str, size: float, width: float) -> str:
    return doc.elide(text, size, width)
