"""Layout checks shared by the widget tests."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def overflowing(page: QWidget) -> list[str]:
    """Visible widgets reaching past the page's right edge or out of a scroll area's view."""
    out = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page) or widget.width() <= 0:
            continue
        right = widget.mapTo(page, QPoint(widget.width(), 0)).x()
        limit = page.width()
        parent = widget.parentWidget()
        while parent is not None and parent is not page:
            area = parent.parentWidget()
            if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
                limit = min(limit, parent.mapTo(page, QPoint(parent.width(), 0)).x())
            parent = parent.parentWidget()
        if right > limit:
            out.append(f"{type(widget).__name__} {widget.objectName()!r}: {right} > {limit}")
    return out
