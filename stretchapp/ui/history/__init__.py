"""The history view, one job a module: the table's model (model.py), the charts (charts.py),
the CSV export (export.py), the PDF report's drawing (report.py; its figures come from
core/report.py) and the page that puts them together (page.py)."""

from stretchapp.ui.history.charts import draw_day_bars, draw_pain
from stretchapp.ui.history.export import export_csv
from stretchapp.ui.history.model import PAGE_ROWS, SessionTableModel
from stretchapp.ui.history.page import HistoryPage
from stretchapp.ui.history.report import write_report_pdf

__all__ = [
    "PAGE_ROWS",
    "HistoryPage",
    "SessionTableModel",
    "draw_day_bars",
    "draw_pain",
    "export_csv",
    "write_report_pdf",
]
