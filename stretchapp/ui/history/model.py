"""The history table's model: every session matching the filters, fetched from the store a
page at a time (sorted and filtered in SQL), so 100,000 sessions open as quickly as ten."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from stretchapp.core import checkin, shown_names
from stretchapp.core.history import (
    HistoryStore,
    SessionFilter,
    SessionRecord,
    SortColumn,
    Status,
)
from stretchapp.core.i18n import _, format_number
from stretchapp.core.present import stretch_of_session, time_split
from stretchapp.core.report import (
    date_time_text,
    feeling_text,
    list_date_time,
    session_headings,
    status_text,
)

PAGE_ROWS = 200
KEPT_PAGES = 12


class SessionTableModel(QAbstractTableModel):
    """Every session matching the filters, as rows; fetched from the store a page at a time."""

    # What each column is sorted by; its heading, translated, from `heading()`.
    COLUMNS: tuple[tuple[str, SortColumn], ...] = (
        ("date", SortColumn.STARTED),
        ("routine", SortColumn.ROUTINE),
        ("stretching", SortColumn.ACTIVE),
        ("done", SortColumn.DONE),
        ("skipped", SortColumn.SKIPPED),
        ("status", SortColumn.STATUS),
        ("feeling", SortColumn.FEELING_AFTER),
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
            return self.heading(section)
        if role == Qt.ItemDataRole.ToolTipRole and section == 2:
            return _(
                "Time in the stretches, of the time in the session (get-ready and rests included)"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self._alignment(section))
        return None

    @classmethod
    def heading(cls, column: int) -> str:
        """A column's heading as shown, in the active language."""
        return session_headings()[column]

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
            return list_date_time(rec.started_at)
        if column == 1:
            return shown_names.routine_name(rec.routine_id, rec.routine_name)
        if column == 2:
            return stretch_of_session(rec.stretch_seconds, rec.active_seconds)
        if column == 3:
            return format_number(rec.done)
        if column == 4:
            return format_number(rec.skipped)
        if column == 5:
            return status_text(rec)
        return feeling_text(rec)

    @staticmethod
    def _tooltip(rec: SessionRecord, column: int) -> str | None:
        # The row's details, for the columns a narrow table folds away (Time, Done, Skipped).
        details = _("{times} · Done {done} · Skipped {skipped}").format(
            times=time_split(rec.stretch_seconds, rec.active_seconds),
            done=format_number(rec.done),
            skipped=format_number(rec.skipped),
        )
        if column == 0:
            return f"{date_time_text(rec.started_at)}\n{details}"
        if column == 1:
            name = shown_names.routine_name(rec.routine_id, rec.routine_name)
            return f"{name}\n{details}"  # in full, when a narrow column cuts it
        if column == 5 and rec.status is Status.INTERRUPTED:
            return _("Cut off before it ended (the app closed or the computer stopped).")
        if column == 5 and rec.stop_reason:
            return _("Stopped because of: {reason}").format(
                reason=checkin.stop_reason_text(rec.stop_reason)
            )
        if column == 5:
            return status_text(rec)  # whole, when a narrow column elides it
        if column == 6 and (rec.feeling_before is not None or rec.feeling_after is not None):
            return _("How the back felt before → after (0 no pain, 10 worst)")
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
