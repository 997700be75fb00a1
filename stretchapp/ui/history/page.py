"""The history page: summary tiles, the last weeks, the pain trend and every session; undo
for a deleted session, and the CSV and PDF exports. Everything read from the history is
shown as plain text."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QDate,
    QEvent,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stretchapp.core import checkin, i18n, shown_names
from stretchapp.core.history import (
    STOP_REASONS,
    HistoryError,
    HistoryStore,
    SessionFilter,
    SessionRecord,
    SortColumn,
)
from stretchapp.core.i18n import N_, _, format_number, format_time, ngettext
from stretchapp.core.palette import Palette
from stretchapp.core.present import period_times, stretch_of_session, unknown_stretch_note
from stretchapp.core.report import (
    STATUS_WORDS,
    day_year_text,
    days_text,
    list_date_time,
    sessions_text,
    status_words,
)
from stretchapp.ui.dialogs import PathDialog, show_compact, show_saved
from stretchapp.ui.guidance import PatternCard
from stretchapp.ui.history.charts import DaysChart, PainChart, palette_of
from stretchapp.ui.history.export import export_csv
from stretchapp.ui.history.model import SessionTableModel
from stretchapp.ui.history.report import write_report_pdf
from stretchapp.ui.library import KeyScrollArea, TitleRow, plain_label

FIRST_ROUTINE_ID = "daily-back-care"
FIRST_ROUTINE_NAME = N_("Daily back care")  # the bundled routine's name (translated where shown)
UNDO_SECONDS = 10
TILE_NARROWEST = 200  # a summary tile's width (px) below which its lines would wrap too much
CHART_WEEKS = 8
EARLIEST = QDate(2000, 1, 1)  # a date edit at this value means "any"
CHARTS_SIDE_BY_SIDE = 760  # content width (px) from which the two charts share a row
ROUTINE_ROOMY = 220  # the Routine column's room before the others get roomy padding
ROUTINE_MIN = 110  # below this the table folds columns away rather than squeeze Routine
TALLEST_WIDGET = 16_000_000  # just under Qt's largest widget size (QWIDGETSIZE_MAX)
# Done, then Skipped, then Stretching: folded into the row's tooltip, so a narrower window
# still shows what was skipped (a clinician asks about it) while there is room for one of them.
FOLD_ORDER = (3, 4, 2)
PERIODS = (
    (N_("All dates"), 0),
    (N_("Last 7 days"), 7),
    (N_("Last 30 days"), 30),
    (N_("Last 90 days"), 90),
)


def qt_date_format(text: str) -> str:
    """A QDateEdit display format for `text`, a translated phrase around "{date}" ("from
    {date}", "ab {date}"): its words quoted, the date as the active language writes a date
    ("2 Nov 2026", "02.11.2026"; CLDR's medium pattern, which Qt's format strings share)."""
    pattern = str(i18n.active().locale.date_formats["medium"].pattern)
    # CLDR and Qt agree on d, M and quoted words; a year is "yyyy" in Qt and a stand-alone
    # month "L" is Qt's "M".
    parts = re.split(r"('(?:[^']|'')*')", pattern)
    date_format = "".join(
        part if part.startswith("'") else re.sub(r"y+", "yyyy", part).replace("L", "M")
        for part in parts
    )
    before, _sep, after = text.partition("{date}")

    def quoted(words: str) -> str:
        return "'" + words.replace("'", "''") + "'" if words else ""

    return quoted(before) + date_format + quoted(after)


class SummaryTile(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        # As tall as the row it is in: tiles side by side line up top and bottom.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(0)
        self.caption = plain_label(caption, "meta")
        self.value = plain_label("", "")
        self.value.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.note = plain_label("", "secondary")  # wraps in a longer language
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        layout.addStretch(1)  # lines at the top when the tile beside it is taller

    def natural_width(self) -> int:
        """As wide as its longest line unwrapped (a wrapping label's size hint is a guess)."""
        margins = self.layout().contentsMargins()  # type: ignore[union-attr]
        labels = (self.caption, self.value, self.note)
        for label in labels:
            label.ensurePolished()
        text = max(
            label.fontMetrics().horizontalAdvance(line)
            for label in labels
            for line in (label.text() or " ").split("\n")
        )
        return text + margins.left() + margins.right() + 2 * self.frameWidth() + 4

    def set(self, value: str, note: str) -> None:
        self.value.setText(value)
        self.note.setText(note)
        self.setAccessibleName(f"{self.caption.text()}: {value}, {note}")


class ReportDialog(QDialog):
    """Choose the period the clinician's report covers."""

    PERIODS = (
        (N_("Last 4 weeks"), 28),
        (N_("Last 3 months"), 91),
        (N_("Last 12 months"), 365),
        (N_("Everything"), 0),
        (N_("Choose dates"), -1),
    )

    def __init__(
        self,
        today: date,
        first: date | None,
        parent: QWidget | None = None,
        *,
        person: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export report"))
        self.today = today
        self.first = first or today
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 20)
        layout.setSpacing(12)
        layout.addWidget(plain_label(_("A PDF report for your clinician"), "h2"))
        layout.addWidget(
            plain_label(
                _("Sessions, minutes, routines, what was often skipped and how your back felt."),
                "secondary",
            )
        )
        self.period = QComboBox()
        for name, _days in self.PERIODS:
            self.period.addItem(_(name))
        self.period.setCurrentIndex(1)
        self.period.setAccessibleName(_("Period"))
        layout.addWidget(self.period)
        dates = QHBoxLayout()
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit, name in ((self.start, _("From")), (self.end, _("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(qt_date_format("{date}"))
            edit.setAccessibleName(name)
            dates.addWidget(plain_label(name, "meta", wrap=False))
            dates.addWidget(edit, 1)
        layout.addLayout(dates)
        layout.addWidget(plain_label(_("Your name on each page (optional)"), "meta"))
        self.person = QLineEdit(person)
        self.person.setMaxLength(80)
        self.person.setPlaceholderText(_("e.g. Anna Schmidt"))
        self.person.setAccessibleName(_("Your name on each page (optional)"))
        layout.addWidget(self.person)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(_("Cancel"))
        cancel.clicked.connect(self.reject)
        ok = QPushButton(_("Save PDF…"))
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

    def person_name(self) -> str:
        """The name typed, on one line without extra spaces ("" for none)."""
        return " ".join(self.person.text().split())

    def chosen(self) -> tuple[date, date]:
        a, b = self.start.date().toPython(), self.end.date().toPython()
        assert isinstance(a, date) and isinstance(b, date)
        return (a, b) if a <= b else (b, a)


class _OpenAtToday(QObject):
    """Turns a date edit's calendar to today's month when it opens on "any date" (which is
    stored as 1 January 2000)."""

    def __init__(self, edit: QDateEdit, today: Callable[[], date]) -> None:
        super().__init__(edit)
        self.edit = edit
        self.today = today

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if event.type() == QEvent.Type.Show and self.edit.date() == EARLIEST:
            today = self.today()
            watched.setCurrentPage(today.year, today.month)
        return False


class DateEdit(QDateEdit):
    """A date field that Tab leaves. QDateEdit spends Tab on moving between its own sections,
    and with its "any date" text shown it never let the keyboard out; the day, month and year
    are still reached with the arrow keys (and the calendar)."""

    def keyPressEvent(self, event: Any) -> None:
        tab = event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if tab and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            forward = event.key() == Qt.Key.Key_Tab and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            QWidget.focusNextPrevChild(self, forward)
            return
        super().keyPressEvent(event)


class SessionTable(QTableView):
    """The sessions, as tall as all its rows: the page around it is the one thing that scrolls
    (a list scrolling inside a scrolling page gave two scrollbars at 800×600). Page Up and
    Page Down move by the rows the page shows, not by the whole table."""

    def __init__(self, rows_in_view: Callable[[], int]) -> None:
        super().__init__()
        self.rows_in_view = rows_in_view

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Any) -> Any:
        current = self.currentIndex()
        pages = {
            QAbstractItemView.CursorAction.MovePageDown: 1,
            QAbstractItemView.CursorAction.MovePageUp: -1,
        }
        if current.isValid() and action in pages:
            step = max(1, self.rows_in_view() - 1)
            row = current.row() + pages[action] * step
            row = max(0, min(self.model().rowCount() - 1, row))
            return self.model().index(row, current.column())
        return super().moveCursor(action, modifiers)


class HistoryPage(QWidget):
    """Streaks and totals, the last weeks, the pain trend, and every session."""

    start_requested = Signal(str)  # a routine id, from the empty state
    clinic_requested = Signal()  # "Contact your clinic", when the check-ins show a pattern
    report_person_changed = Signal(str)  # the name for the report, to be remembered

    def __init__(
        self,
        store: HistoryStore,
        palette: Palette | bool = False,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.report_person = ""  # the name printed on the report; the app sets the saved one
        self.p = palette_of(palette)
        # The clock every "today", "this week" and file name on the page follows: an aware
        # local time (tests give a fixed one).
        self._now = now or (lambda: datetime.now().astimezone())
        self.setObjectName("page")
        self.last_deleted = None  # type: Any
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.setInterval(UNDO_SECONDS * 1000)
        self.undo_timer.timeout.connect(self._forget_undo)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 16)
        outer.setSpacing(12)
        outer.addWidget(self._build_header())
        outer.addWidget(self._build_notice())
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        body = self._build_content()
        body.addWidget(self._build_pattern_card())
        body.addLayout(self._build_tiles())
        # Sessions recorded before time in stretches was kept: said to be left out of it.
        self.stretch_note = plain_label("", "secondary")
        self.stretch_note.hide()
        body.addWidget(self.stretch_note)
        body.addLayout(self._build_charts())
        body.addLayout(self._build_filters())
        body.addWidget(self._build_table())
        body.addLayout(self._build_footer())
        body.addStretch(1)  # a short list sits under the filters, not spread down the page
        outer.addWidget(self._build_undo_bar())
        self.routine_filter.currentIndexChanged.connect(self._filters_changed)
        self.from_date.dateChanged.connect(self._filters_changed)
        self.to_date.dateChanged.connect(self._filters_changed)
        self._columns = 0
        self._column_fit: tuple[dict[int, int], bool] | None = None
        self.period_filter.currentIndexChanged.connect(self._period_chosen)
        self.refresh()

    # ---- building ----

    def _build_header(self) -> TitleRow:
        # The buttons go under the title when the words are too long for the width.
        self.export_csv_button = QPushButton(_("Export CSV…"))
        self.export_csv_button.setToolTip(_("Every session as one row, to open in a spreadsheet."))
        self.export_csv_button.clicked.connect(self.choose_csv)
        self.export_report_button = QPushButton(_("Export report…"))
        self.export_report_button.setToolTip(_("A PDF for your clinician"))
        self.export_report_button.clicked.connect(self.choose_report)
        self.title = plain_label(_("History"), "h1", wrap=False)
        self.header = TitleRow(self.title, [self.export_csv_button, self.export_report_button])
        return self.header

    def _build_notice(self) -> QFrame:
        self.notice = QFrame()
        self.notice.setObjectName("notice")
        self.notice.setProperty("kind", "problem")  # a moved-aside file, a failed write
        notice_layout = QHBoxLayout(self.notice)
        notice_layout.setContentsMargins(16, 10, 12, 10)
        self.notice_text = plain_label("", "")
        self.notice_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        notice_layout.addWidget(self.notice_text, 1)
        dismiss = QPushButton(_("Dismiss"))
        dismiss.setObjectName("link")
        dismiss.clicked.connect(self.notice.hide)
        notice_layout.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.notice.hide()
        return self.notice

    def _build_content(self) -> QVBoxLayout:
        self.empty = self._build_empty()
        self.stack.addWidget(self.empty)
        self.content = QWidget()
        # At small window heights the whole page scrolls, so the table keeps a usable size.
        self.scroller = KeyScrollArea()
        self.scroller.setAccessibleName(_("History"))
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidget(self.content)
        self.stack.addWidget(self.scroller)
        body = QVBoxLayout(self.content)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(12)
        return body

    def _build_pattern_card(self) -> PatternCard:
        self.pattern_card = PatternCard()
        self.pattern_card.clinic_requested.connect(self.clinic_requested.emit)
        return self.pattern_card

    def _build_tiles(self) -> QGridLayout:
        self.tiles_grid = QGridLayout()
        self.tiles_grid.setSpacing(12)
        self.streak_tile = SummaryTile(_("Current streak"))
        self.week_tile = SummaryTile(_("This week"))
        self.month_tile = SummaryTile(_("This month"))
        self.all_tile = SummaryTile(_("All time"))
        self.tiles = [
            self.streak_tile,
            self.week_tile,
            self.month_tile,
            self.all_tile,
        ]
        return self.tiles_grid

    def _build_charts(self) -> QBoxLayout:
        # Side by side when the page is wide, one above the other when it is narrow.
        self.charts_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.charts_row.setSpacing(12)
        self.days_card, self.days_chart = self._chart_card(
            _("Minutes in sessions per day, last 8 weeks"), DaysChart(self.p)
        )
        self.pain_card, self.pain_chart = self._chart_card(
            _("How your back felt"), PainChart(self.p)
        )
        self.charts_row.addWidget(self.days_card, 3)
        self.charts_row.addWidget(self.pain_card, 2)
        return self.charts_row

    def _build_filters(self) -> QBoxLayout:
        # One row when it fits; the dates (and Clear) go under the routine and the period when
        # the page is narrow or the words are long.
        self.filters_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.filters_row.setSpacing(8)
        picks = QHBoxLayout()
        picks.setSpacing(8)
        dates = self.dates_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        dates.setSpacing(8)
        self.routine_filter = QComboBox()
        self.routine_filter.setAccessibleName(_("Routine"))
        self.routine_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.routine_filter.setMinimumContentsLength(16)
        self.period_filter = QComboBox()
        self.period_filter.setAccessibleName(_("Sessions from the last"))
        for name, _days in PERIODS:
            self.period_filter.addItem(_(name))
        self.from_date = self._date_edit(_("Sessions from"), _("from {date}"), _("from any date"))
        self.to_date = self._date_edit(_("Sessions to"), _("to {date}"), _("to any date"))
        self.clear_filters = QPushButton(_("Clear"))
        self.clear_filters.setToolTip(_("Show every session again"))
        self.clear_filters.setObjectName("link")
        self.clear_filters.clicked.connect(self.reset_filters)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(_("Delete the selected session (you can undo it)"))
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.delete_selected)
        picks.addWidget(self.routine_filter)
        picks.addWidget(self.period_filter)
        picks.addStretch(1)
        self.filters_row.addLayout(picks)
        dates.addWidget(self.from_date)
        dates.addWidget(self.to_date)
        dates.addWidget(self.clear_filters)
        dates.addStretch(1)
        self.filters_row.addLayout(dates, 1)
        return self.filters_row

    def _build_table(self) -> QTableView:
        self.model = SessionTableModel(self.store, self)
        self.table = SessionTable(self._rows_in_view)
        self.table.setModel(self.model)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for change in (
            self.model.modelReset,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.layoutChanged,
        ):
            change.connect(self._fit_table_height)
        self.table.setAccessibleName(_("Sessions"))
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
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
        self.table.selectionModel().currentRowChanged.connect(self._show_row)
        self.table.viewport().installEventFilter(self)  # columns follow the table's width
        self._fit_table_height()
        return self.table

    def _build_footer(self) -> QHBoxLayout:
        footer = QHBoxLayout()
        self.shown_label = plain_label("", "meta")
        footer.addWidget(self.shown_label, 1)
        footer.addStretch(1)
        footer.addWidget(self.delete_button)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        return footer

    def _build_undo_bar(self) -> QFrame:
        self.undo_bar = QFrame()
        self.undo_bar.setObjectName("card")
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(16, 6, 8, 6)
        self.undo_text = plain_label("", "")  # wraps: a routine's name can be long
        undo_layout.addWidget(self.undo_text, 1)
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.setObjectName("primary")
        self.undo_button.setProperty("undo", True)  # Ctrl+Z presses it (ui/shortcuts.py)
        self.undo_button.clicked.connect(self.undo_delete)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()
        return self.undo_bar

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
        routine = _(FIRST_ROUTINE_NAME)
        self.empty_title = plain_label(
            _("No sessions yet — start {routine}").format(routine=routine), "h2"
        )
        inner.addWidget(self.empty_title)
        inner.addWidget(
            plain_label(
                _(
                    "Every session you do is kept here: your streak of days, the minutes you "
                    "stretched, and how your back felt, ready to show your clinician."
                ),
                "secondary",
            )
        )
        self.start_button = QPushButton(_("Start {routine}").format(routine=routine))
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
        layout.addWidget(plain_label(title, "cardTitle"))  # wraps when the words are long
        layout.addWidget(chart, 1)
        return card, chart

    def _date_edit(self, name: str, shown: str, any_date: str) -> QDateEdit:
        """A date edit named `name`, showing its date in `shown` ("from {date}") and
        `any_date` at the earliest date, which means "no limit"."""
        edit = DateEdit()
        edit.setCalendarPopup(True)
        edit.setAccessibleName(name)
        edit.setDisplayFormat(qt_date_format(shown))
        edit.setMinimumDate(EARLIEST)
        edit.setSpecialValueText(any_date)
        edit.setDate(EARLIEST)
        calendar = edit.calendarWidget()
        plain = QTextCharFormat()
        plain.setForeground(QColor(self.p.text))  # weekends are days like any other, not alarms
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            calendar.setWeekdayTextFormat(day, plain)
        calendar.installEventFilter(_OpenAtToday(edit, lambda: self._now().date()))
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
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
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
        need = max(tile.natural_width() for tile in self.tiles)
        if 4 * need + 3 * spacing <= room:
            columns = 4
        else:  # two a row while their lines can wrap readably (a longer language wraps)
            columns = 2 if 2 * min(need, TILE_NARROWEST) + spacing <= room else 1
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
        picks = self.filters_row.itemAt(0)
        assert picks is not None
        spacing = self.dates_row.spacing()
        dates_wide = sum(
            w.sizeHint().width() + spacing
            for w in (self.from_date, self.to_date, self.clear_filters)
        )
        one_row = picks.sizeHint().width() + self.filters_row.spacing() + dates_wide <= room
        direction = (
            QBoxLayout.Direction.LeftToRight if one_row else QBoxLayout.Direction.TopToBottom
        )
        if self.filters_row.direction() != direction:
            self.filters_row.setDirection(direction)
        # Even alone on its row the dates may not fit (long words, a narrow window): then one
        # above the other.
        stacked = QBoxLayout.Direction.TopToBottom
        dates_direction = stacked if dates_wide > room else QBoxLayout.Direction.LeftToRight
        if self.dates_row.direction() != dates_direction:
            self.dates_row.setDirection(dates_direction)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._size_columns(event.size().width())
            self._fit_table_height()  # a sideways scrollbar came or went
        return super().eventFilter(watched, event)

    def _fit_table_height(self, *_args: object) -> None:
        """The table as tall as its rows (header, frame and a sideways scrollbar included), so
        only the page scrolls. Past what a widget can be (half a million sessions), the table
        scrolls too rather than cut rows off."""
        row = self.table.verticalHeader().defaultSectionSize()
        around = self.table.height() - self.table.viewport().height()
        wanted = around + self.model.rowCount() * row
        if wanted > TALLEST_WIDGET:
            self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            wanted = TALLEST_WIDGET
        if self.table.height() != wanted or self.table.minimumHeight() != wanted:
            self.table.setFixedHeight(wanted)

    def _rows_in_view(self) -> int:
        return self.scroller.viewport().height() // self.table.verticalHeader().defaultSectionSize()

    def _show_row(self, current: Any, _previous: Any) -> None:
        """Scroll the page to the row the keyboard moved to."""
        if not current.isValid():
            return
        row = self.table.verticalHeader().defaultSectionSize()
        top = self.table.viewport().mapTo(
            self.content, QPoint(0, self.table.rowViewportPosition(current.row()))
        )
        self.scroller.ensureVisible(0, top.y() + row // 2, 0, row)

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
        widest = datetime(2026, 9, 30, 17, 38)  # a long month and a two-digit afternoon hour
        samples = {
            0: list_date_time(widest),
            2: stretch_of_session(2930, 3900),  # "48 min 50 s of 1 h 05 min"
            3: "100",
            4: "100",
            5: max(
                (
                    status_words(status, reason)
                    for status in STATUS_WORDS
                    for reason in (None, *STOP_REASONS)
                    if reason is None or status == "stopped"
                ),
                key=metrics.horizontalAdvance,
            ),
            6: "10 → 10",
        }

        def widths(cell_pad: int, head_pad: int) -> dict[int, int]:
            return {
                column: max(
                    metrics.horizontalAdvance(sample) + cell_pad,
                    head_metrics.horizontalAdvance(self.model.heading(column)) + head_pad,
                )
                for column, sample in samples.items()
            }

        roomy, snug = widths(34, 40), widths(24, 26)
        chosen = roomy if sum(roomy.values()) + ROUTINE_ROOMY <= inside else snug
        folded: list[int] = []
        for column in FOLD_ORDER:  # less important columns fold away before a sideways scroll
            if inside - sum(chosen.values()) >= ROUTINE_MIN:
                break
            chosen = {c: w for c, w in chosen.items() if c != column}
            folded.append(column)
        # Still short (longer words in some languages): first the status gives up the room
        # kept for a stop's reason, down to its longest word alone ("stopped: too painful"
        # elides, "completed" does not); then the date and the status give up to a quarter of
        # their width and elide. Each row's tooltip has them whole.
        short = ROUTINE_MIN - (inside - sum(chosen.values()))
        bare = max(metrics.horizontalAdvance(_(w)) for w in STATUS_WORDS.values()) + 24
        give = max(0, min(short, chosen[5] - bare))
        chosen[5] -= give
        short -= give
        for column in (5, 0):
            if short <= 0:
                break
            give = min(short, chosen[column] // 4)
            chosen[column] -= give
            short -= give
        stretch = inside - sum(chosen.values()) >= ROUTINE_MIN
        if (chosen, stretch) == self._column_fit:
            return  # unchanged: widths the person dragged stay as they are
        self._column_fit = (chosen, stretch)
        for column in range(len(self.model.COLUMNS)):
            self.table.setColumnHidden(column, column in folded)
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
        total = self.store.count()
        self.stack.setCurrentWidget(self.scroller if total else self.empty)
        self.export_csv_button.setEnabled(total > 0)
        self.export_report_button.setEnabled(total > 0)
        if not total:
            self.model.refresh()
            return
        now = self._now()
        summary = self.store.summary(now)
        today = summary.today
        self.streak_tile.set(
            days_text(summary.current_streak),
            _("longest: {days}").format(days=days_text(summary.longest_streak)),
        )
        for tile, totals in (
            (self.week_tile, summary.week),
            (self.month_tile, summary.month),
            (self.all_tile, summary.all_time),
        ):
            tile.set(
                sessions_text(totals.sessions),
                period_times(
                    totals.stretch_seconds,
                    totals.active_seconds,
                    known=totals.stretch_unknown < totals.sessions or not totals.sessions,
                    sep="\n",
                ),
            )
        note = unknown_stretch_note(summary.all_time.stretch_unknown)
        self.stretch_note.setText(note)
        self.stretch_note.setHidden(not note)
        last_sunday = today + timedelta(days=6 - today.weekday())
        first = last_sunday - timedelta(days=7 * CHART_WEEKS - 1)
        days = self.store.minutes_per_day(first, last_sunday)
        self.days_chart.set_days([(d.day, d.active_seconds) for d in days], today)
        pain = self.store.pain_trend(limit=30)
        self.pain_chart.set_points(pain, today)
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
        self.routine_filter.addItem(_("All routines"), None)
        for use in self.store.routines_used():
            name = shown_names.routine_name(use.routine_id, use.routine_name)
            self.routine_filter.addItem(name, use.routine_id)
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
        filters = self._filters()
        self.model.set_filters(filters)
        self._sync_period(filters.start, filters.end)
        self._update_shown()

    def _sync_period(self, start: date | None, end: date | None) -> None:
        """The period box says which preset the dates are, or that they were chosen by hand
        (it kept saying "Last 7 days" over dates typed since)."""
        today = self._now().date()
        index = next(
            (
                i
                for i, (_name, days) in enumerate(PERIODS)
                if (start, end)
                == ((today - timedelta(days=days - 1), today) if days else (None, None))
            ),
            len(PERIODS),
        )
        box = self.period_filter
        box.blockSignals(True)
        if index == len(PERIODS) and box.count() == len(PERIODS):
            box.addItem(_("Dates of your choice"))
        box.setCurrentIndex(index)
        if index < len(PERIODS) and box.count() > len(PERIODS):
            box.removeItem(len(PERIODS))
        box.blockSignals(False)

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

    def _period_chosen(self, index: int) -> None:
        """A preset: the last N days up to today, or every date."""
        if not 0 <= index < len(PERIODS):
            return  # "Dates of your choice": the dates are as they are
        days = PERIODS[index][1]
        today = self._now().date()
        start = today - timedelta(days=days - 1) if days else None
        self.set_filters(self.routine_filter.currentData(), start, today if days else None)

    def _update_shown(self) -> None:
        shown = self.model.rowCount()
        total = self.store.count()
        if shown == 0 and total:  # an empty table says why, and the way back
            text = ngettext(
                "None of your {count} session matches these filters: Clear shows it again.",
                "None of your {count} sessions match these filters: Clear shows them all.",
                total,
            ).format(count=format_number(total))
        elif shown == total:
            text = sessions_text(total)
        else:
            text = ngettext(
                "{shown} of {count} session", "{shown} of {count} sessions", total
            ).format(shown=format_number(shown), count=format_number(total))
        self.shown_label.setText(text)
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
            _("Deleted the {routine} session of {date}, {time}.").format(
                routine=shown_names.routine_name(record.routine_id, record.routine_name),
                date=day_year_text(record.local_date),
                time=format_time(record.started_at),
            )
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

    def choose_csv(self) -> PathDialog:
        """Where to save the CSV file, asked inside the window."""
        name = f"stretchapp-history-{self._now().date():%Y-%m-%d}.csv"
        dialog = PathDialog(
            _("Export history as CSV"),
            _("Every session as one row, to open in a spreadsheet."),
            str(Path.home() / name),
            _("Save file"),
            save=True,
            name_filter=_("CSV files ({patterns})").format(patterns="*.csv"),
        )
        show_compact(self.window(), dialog, lambda ok: ok and self.export_csv_to(dialog.chosen()))
        return dialog

    def export_csv_to(self, path: Path) -> int | None:
        try:
            count = export_csv(self.store, path)
        except OSError as exc:
            self.set_notice(
                _("The CSV file could not be written to {path}: {error}").format(
                    path=path, error=exc.strerror or exc
                )
            )
            return None
        self.set_notice(None)
        show_saved(self.window(), _("History saved"), path)
        return count

    def choose_report(self) -> ReportDialog:
        """The period, then where to save the PDF, both asked inside the window."""
        first = self.store.sessions(0, 1, SortColumn.STARTED, descending=False)
        dialog = ReportDialog(
            self._now().date(),
            first[0].local_date if first else None,
            person=self.report_person,
        )

        def chosen(result: int) -> None:
            if result == QDialog.DialogCode.Accepted.value:
                if dialog.person_name() != self.report_person:
                    self.report_person = dialog.person_name()
                    self.report_person_changed.emit(self.report_person)
                self._choose_report_file(*dialog.chosen())

        show_compact(self.window(), dialog, chosen)
        return dialog

    def _choose_report_file(self, start: date, end: date) -> PathDialog:
        name = f"stretchapp-report-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}.pdf"
        dialog = PathDialog(
            _("Save report as PDF"),
            _("A PDF to print or send to your clinician."),
            str(Path.home() / name),
            _("Save PDF"),
            save=True,
            name_filter=_("PDF files ({patterns})").format(patterns="*.pdf"),
        )
        show_compact(
            self.window(),
            dialog,
            lambda ok: ok and self.export_report_to(dialog.chosen(), start, end),
        )
        return dialog

    def export_report_to(self, path: Path, start: date, end: date) -> bool:
        try:
            write_report_pdf(self.store, path, start, end, person=self.report_person)
        except OSError as exc:
            self.set_notice(
                _("The report could not be written to {path}: {error}").format(
                    path=path, error=exc.strerror or exc
                )
            )
            return False
        self.set_notice(None)
        show_saved(
            self.window(),
            _("Report saved"),
            path,
            _("A PDF to print or send to your clinician."),
        )
        return True
