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


def clipped(root: QWidget) -> list[str]:
    """Visible texts given less room than they need: a label, button or check box narrower
    than its one-line text, or a wrapping label shorter than its lines at its width.

    Labels that shrink or elide on purpose (FitLabel, which keeps the whole text as a tooltip)
    and texts inside a scroll area that scrolls sideways are let be.
    """
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from stretchapp.ui.fit_label import FitLabel

    out = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0 or widget.height() <= 0:
            continue
        name = f"{type(widget).__name__} {widget.objectName()!r}"
        if isinstance(widget, FitLabel):
            continue
        if isinstance(widget, QLabel):
            text = widget.text()
            if not text or (widget.pixmap() is not None and not widget.pixmap().isNull()):
                continue
            if widget.wordWrap():
                need = widget.heightForWidth(widget.width())
                if need > widget.height() + 1:
                    out.append(f"{name} {text[:40]!r}: {need} px tall text in {widget.height()}")
            elif widget.sizeHint().width() > widget.width() + 1:
                out.append(
                    f"{name} {text[:40]!r}: needs {widget.sizeHint().width()} px,"
                    f" has {widget.width()}"
                )
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.hasHeightForWidth():  # a button whose text wraps (WrapButton)
                need = widget.heightForWidth(widget.width())
                if need > widget.height() + 1:
                    out.append(
                        f"{name} {widget.text()[:40]!r}: {need} px tall in {widget.height()}"
                    )
            elif widget.sizeHint().width() > widget.width() + 1:
                out.append(
                    f"{name} {widget.text()[:40]!r}: needs {widget.sizeHint().width()} px,"
                    f" has {widget.width()}"
                )
    return out
