"""Links that fail honestly, and Copy buttons that keep their size.

When the desktop has no app for a link (no phone app for tel:, no mail program for mailto:,
no browser), QDesktopServices.openUrl returns False and nothing happens. Then a notice inside
the window says so and offers to copy what the link was for (the number, the address, …).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from stretchapp.core.i18n import N_, _

COPY, COPIED = N_("Copy"), N_("Copied ✓")  # shown with `_()`
COPIED_MS = 1500


def _copy_words(what: str) -> tuple[str, str, str]:
    """(accessible name, tooltip, the notice's second half) of a Copy for `what`: "phone
    number", "email address" or "link" (the names callers pass), each a whole sentence."""
    if what == "phone number":
        return (
            _("Copy the phone number"),
            _("Copy the phone number to the clipboard"),
            _("Copy the phone number and use it wherever you like:"),
        )
    if what == "email address":
        return (
            _("Copy the email address"),
            _("Copy the email address to the clipboard"),
            _("Copy the email address and use it wherever you like:"),
        )
    return (
        _("Copy the link"),
        _("Copy the link to the clipboard"),
        _("Copy the link and use it wherever you like:"),
    )


def _what(url: str) -> str:
    scheme = url.split(":", 1)[0].lower()
    if scheme == "tel":
        return "phone number"
    if scheme == "mailto":
        return "email address"
    return "link"


def copy_button(value: str, what: str) -> QPushButton:
    """A Copy button for `value`; it reads "Copied ✓" for a moment and never changes size."""
    copy_text, copied_text = _(COPY), _(COPIED)
    name, tip, _use = _copy_words(what)
    button = QPushButton(copied_text)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.ensurePolished()  # the style sheet's padding and font are part of the width
    width = button.sizeHint().width()
    button.setText(copy_text)
    button.setFixedWidth(max(width, button.sizeHint().width()))

    def copy() -> None:
        QGuiApplication.clipboard().setText(value)
        button.setText(copied_text)
        QTimer.singleShot(COPIED_MS, button, lambda: button.setText(copy_text))

    button.clicked.connect(copy)
    return button


class LinkNotice(QFrame):
    """Across the bottom of the window: the link could not be opened, with Copy and Close.
    It takes keyboard focus (on Copy) and gives it back when closed."""

    def __init__(self, window: QWidget, url: str, value: str, what: str) -> None:
        super().__init__(window)
        self.setObjectName("notice")
        self.setProperty("kind", "problem")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._back_to = QGuiApplication.focusObject()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 14, 14)
        layout.setSpacing(6)
        title = QLabel(_("This link could not be opened"))
        title.setObjectName("noticeTitle")
        title.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(title)
        missing = _("This computer has no app set up to open {scheme}: links.").format(
            scheme=url.split(":", 1)[0]
        )
        self.message = QLabel(f"{missing} {_copy_words(what)[2]}")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.value = QLabel(value)
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.value.setWordWrap(True)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.value.font()
        font.setBold(True)
        self.value.setFont(font)
        row.addWidget(self.value, 1)
        self.copy = copy_button(value, what)
        row.addWidget(self.copy, 0, Qt.AlignmentFlag.AlignVCenter)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setAccessibleName(_("Close this notice"))
        self.close_button.clicked.connect(self.dismiss)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(row)
        window.installEventFilter(self)
        self._place()
        self.show()
        self.raise_()
        self.copy.setFocus(Qt.FocusReason.OtherFocusReason)

    def _place(self) -> None:
        window = self.parentWidget()
        if window is None:
            return
        width = min(640, window.width() - 32)
        self.setFixedWidth(width)
        self.adjustSize()
        self.move((window.width() - width) // 2, window.height() - self.height() - 16)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)

    def dismiss(self) -> None:
        back = self._back_to
        self.hide()
        self.deleteLater()
        if isinstance(back, QWidget) and back.isVisible():
            back.setFocus(Qt.FocusReason.OtherFocusReason)


def unless_opened(opened: bool, anchor: QWidget, url: str, value: str = "", what: str = "") -> bool:
    """After trying to open `url`: when it did not open, say so in `anchor`'s window and offer
    to copy `value` (the link itself when not given). Returns `opened`."""
    if opened:
        return True
    window = anchor.window()
    for old in window.findChildren(LinkNotice):
        old.dismiss()
    LinkNotice(window, url, value or url, what or _what(url))
    return False
