"""The app's answers to what a person tells it: the Stop question and the guidance cards.

What to say is decided in `stretchapp.core.checkin`; these widgets only show it and forward
the person's choice (a stop reason, the gentler routine, the clinic, "When to get help").
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stretchapp.core import checkin
from stretchapp.core.checkin import Guidance, StopReason
from stretchapp.core.i18n import _
from stretchapp.ui.library import plain_label
from stretchapp.ui.widgets import WrapButton


class StopReasonQuestion(QFrame):
    """'What made you stop?' with three buttons; one optional tap. Emits `chosen(str)`."""

    chosen = Signal(str)  # a StopReason value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setAccessibleName(_(checkin.STOP_QUESTION))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.setSpacing(8)
        self.question = plain_label(
            _("{question} (optional)").format(question=_(checkin.STOP_QUESTION)), "cardTitle"
        )
        layout.addWidget(self.question)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.buttons: dict[StopReason, QPushButton] = {}
        for reason in StopReason:
            button = QPushButton(reason.label)
            button.setAccessibleName(
                _("Stopped because of: {reason}").format(reason=checkin.stop_reason_said(reason))
            )
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _=False, r=reason: self._choose(r))
            self.buttons[reason] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.thanks = plain_label("", "secondary")
        self.thanks.hide()
        layout.addWidget(self.thanks)

    def _choose(self, reason: StopReason) -> None:
        # Answered: one line says what was kept, the buttons go (room for what follows).
        for button in self.buttons.values():
            button.hide()
        self.question.hide()
        self.thanks.setText(
            _(
                "Stopped because of: {reason}. Thank you, this is kept with the "
                "session in your history."
            ).format(reason=checkin.stop_reason_said(reason))
        )
        self.thanks.show()
        self.chosen.emit(reason.value)


class GuidanceCard(QFrame):
    """The calm note after a session: what to do, and the way to the help that fits."""

    gentle_requested = Signal()
    clinic_requested = Signal()
    get_help_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setAccessibleName(_("What to do next"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.setSpacing(6)
        self.title = plain_label("", "cardTitle")
        layout.addWidget(self.title)
        self.lines: list[QLabel] = []
        self._lines_box = QVBoxLayout()
        self._lines_box.setSpacing(6)
        layout.addLayout(self._lines_box)
        self.pattern = plain_label("")
        layout.addWidget(self.pattern)
        help_row = QHBoxLayout()
        self.get_help = plain_label("")
        help_row.addWidget(self.get_help, 1)
        # A link whose text wraps: a long title (German, French) never widens the card.
        self.get_help_button = WrapButton(f"{_(checkin.GET_HELP_TITLE)} ›")
        self.get_help_button.setObjectName("link")
        # Its text is a label inside (so that it wraps): the link's colour and underline there.
        self.get_help_button.label.setStyleSheet(
            "color: palette(link); text-decoration: underline;"
        )
        self.get_help_button.setAccessibleName(_(checkin.GET_HELP_TITLE))
        self.get_help_button.setToolTip(_("Opens Settings → About back spasms"))
        self.get_help_button.clicked.connect(self.get_help_requested.emit)
        help_row.addWidget(self.get_help_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(help_row)
        # Side by side when they fit, one above the other when their text is too long for
        # the window (see resizeEvent).
        self.button_row = buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        buttons.setSpacing(8)
        self.gentle_button = QPushButton(
            _("Open {routine}").format(routine=_(checkin.GENTLE_ROUTINE_NAME))
        )
        self.gentle_button.setToolTip(_("The gentlest routine, for the days after a flare-up"))
        self.gentle_button.clicked.connect(self.gentle_requested.emit)
        self.clinic_button = QPushButton(_("Contact your clinic"))
        self.clinic_button.setToolTip(_("Opens Settings → Your clinic"))
        self.clinic_button.clicked.connect(self.clinic_requested.emit)
        buttons.addWidget(self.gentle_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons.addWidget(self.clinic_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.gentle_available = True
        self.show_guidance(Guidance())

    def show_guidance(self, g: Guidance) -> None:
        self.guidance = g
        self.title.setText(g.title)
        self.title.setVisible(bool(g.title))
        for label in self.lines:
            self._lines_box.removeWidget(label)
            label.deleteLater()
        self.lines = [plain_label(line) for line in g.lines]
        for label in self.lines:
            self._lines_box.addWidget(label)
        self.pattern.setText(g.pattern)
        self.pattern.setVisible(bool(g.pattern))
        self.get_help.setText(g.get_help)
        self.get_help.setVisible(bool(g.get_help))
        self.get_help_button.setVisible(bool(g.get_help))
        self.gentle_button.setVisible(g.suggest_gentle and self.gentle_available)
        self.clinic_button.setVisible(g.offer_clinic or bool(g.pattern))
        self.setVisible(not g.empty)

    def minimumSizeHint(self) -> QSize:
        # As narrow as its widest single button: the row of buttons stacks (resizeEvent).
        hint = super().minimumSizeHint()
        layout = self.layout()
        assert layout is not None
        margins = self.contentsMargins() + layout.contentsMargins()
        widest = max(b.sizeHint().width() for b in (self.gentle_button, self.clinic_button))
        return QSize(min(hint.width(), widest + margins.left() + margins.right()), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        shown = [b for b in (self.gentle_button, self.clinic_button) if not b.isHidden()]
        needed = sum(b.sizeHint().width() for b in shown) + self.button_row.spacing() * 2
        room = self.contentsRect().width() - 40  # the card's side margins
        direction = (
            QBoxLayout.Direction.LeftToRight if needed <= room else QBoxLayout.Direction.TopToBottom
        )
        if self.button_row.direction() != direction:
            self.button_row.setDirection(direction)
            self.updateGeometry()  # taller or shorter now: the page makes room for it
        super().resizeEvent(event)

    def text(self) -> str:
        """Everything the card says, as shown."""
        return "\n".join(
            label.text()
            for label in (self.title, *self.lines, self.pattern, self.get_help)
            if label.text() and not label.isHidden()
        )


class PatternCard(QFrame):
    """On the History page: the suggestion to contact the clinic, when there is a pattern."""

    clinic_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setAccessibleName(_("Worth talking to your clinic"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.setSpacing(6)
        layout.addWidget(plain_label(_("Worth talking to your clinic"), "cardTitle"))
        self.text_label = plain_label("")
        layout.addWidget(self.text_label)
        self.clinic_button = QPushButton(_("Contact your clinic"))
        self.clinic_button.setToolTip(_("Opens Settings → Your clinic"))
        self.clinic_button.clicked.connect(self.clinic_requested.emit)
        layout.addWidget(self.clinic_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.hide()

    def set_text(self, text: str) -> None:
        self.text_label.setText(text)
        self.setVisible(bool(text))
