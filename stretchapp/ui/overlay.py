"""Dialogs shown inside the main window, over a dimmed backdrop: the one dialog convention
of the app (ui/dialogs.py builds the common ones on it).

A separate dialog window depends on the desktop's window manager to be placed, raised and
painted; on a bare X server (kiosks, remote sessions, our screenshot tooling) it can come up
blank. Showing the dialog as a child of the window works everywhere and keeps the person's
attention where they already are.

While a dialog is open, the keyboard stays in it: Tab past its last control comes back to its
first instead of wandering to the page behind. When it closes, focus goes back to where it was
before it opened (unless the answer's own action puts it elsewhere).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QDialog, QGridLayout, QWidget

_open: list[Overlay] = []  # the open dialogs, the newest (the one on top) last


class Overlay(QWidget):
    """Covers `host` and centres `dialog` on it until the dialog is done."""

    def __init__(
        self, host: QWidget, dialog: QDialog, on_done: Callable[[int], object] | None = None
    ) -> None:
        super().__init__(host)
        self.dialog = dialog
        self._on_done = on_done
        self._return_to = QApplication.focusWidget()
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.setGeometry(host.rect())
        host.installEventFilter(self)
        dialog.setParent(self)
        dialog.setWindowFlags(Qt.WindowType.Widget)
        dialog.setAutoFillBackground(True)
        # A hairline edge, as the app's cards have, so the dialog stands off the dimmed page.
        # The background is said outright: a style sheet border alone left the dialog
        # see-through in the dark theme, the page showing through its text.
        edge = dialog.palette().mid().color().name()
        ground = dialog.palette().window().color().name()
        dialog.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        dialog.setStyleSheet(
            dialog.styleSheet() + f"QDialog {{ background: {ground}; border: 1px solid {edge}; }}"
        )
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
        _prune()
        _open.append(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._keep_focus)

    def _keep_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Focus that leaves the newest dialog for the page behind it goes back in (popups,
        such as a combo box's list, are windows of their own and are let be)."""
        _prune()
        if new is None or not _open or _open[-1] is not self:
            return
        if new is self.dialog or self.dialog.isAncestorOf(new) or new.window() is not self.window():
            return
        first = next(
            (
                w
                for w in self.dialog.findChildren(QWidget)
                if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisible() and w.isEnabled()
            ),
            self.dialog,
        )
        first.setFocus(Qt.FocusReason.TabFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 90))
        painter.end()

    def _finish(self, result: int) -> None:
        if self in _open:
            _open.remove(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._keep_focus)
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.hide()
        self.deleteLater()
        back = self._return_to
        if back is not None and shiboken6.isValid(back) and back.isVisible():
            back.setFocus(Qt.FocusReason.OtherFocusReason)
        if self._on_done is not None:
            self._on_done(result)


def _prune() -> None:
    """Forget dialogs that went away without finishing (their window was closed)."""
    _open[:] = [o for o in _open if shiboken6.isValid(o) and o.isVisible()]


def show_in_window(
    host: QWidget, dialog: QDialog, on_done: Callable[[int], object] | None = None
) -> Overlay:
    """Show `dialog` inside `host`; `on_done(result)` runs when it is accepted or rejected."""
    return Overlay(host, dialog, on_done)
