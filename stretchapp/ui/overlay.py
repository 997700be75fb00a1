"""Dialogs shown inside the main window, over a dimmed backdrop.

A separate dialog window depends on the desktop's window manager to be placed, raised and
painted; on a bare X server (kiosks, remote sessions, our screenshot tooling) it can come up
blank. Showing the dialog as a child of the window works everywhere and keeps the person's
attention where they already are.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QDialog, QGridLayout, QWidget


class Overlay(QWidget):
    """Covers `host` and centres `dialog` on it until the dialog is done."""

    def __init__(
        self, host: QWidget, dialog: QDialog, on_done: Callable[[int], object] | None = None
    ) -> None:
        super().__init__(host)
        self.dialog = dialog
        self._on_done = on_done
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.setGeometry(host.rect())
        host.installEventFilter(self)
        dialog.setParent(self)
        dialog.setWindowFlags(Qt.WindowType.Widget)
        dialog.setAutoFillBackground(True)
        # A hairline edge, as the app's cards have, so the dialog stands off the dimmed page.
        edge = dialog.palette().mid().color().name()
        dialog.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        dialog.setStyleSheet(dialog.styleSheet() + f"QDialog {{ border: 1px solid {edge}; }}")
        # Roomy but never larger than the window it sits in.
        dialog.setMinimumSize(min(620, host.width() - 48), min(560, host.height() - 48))
        dialog.setMaximumWidth(760)
        grid = QGridLayout(self)
        grid.setContentsMargins(24, 24, 24, 24)
        grid.addWidget(dialog, 1, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        dialog.finished.connect(self._finish)
        self.show()
        self.raise_()
        dialog.show()
        dialog.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 90))
        painter.end()

    def _finish(self, result: int) -> None:
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.hide()
        self.deleteLater()
        if self._on_done is not None:
            self._on_done(result)


def show_in_window(
    host: QWidget, dialog: QDialog, on_done: Callable[[int], object] | None = None
) -> Overlay:
    """Show `dialog` inside `host`; `on_done(result)` runs when it is accepted or rejected."""
    return Overlay(host, dialog, on_done)
