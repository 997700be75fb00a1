"""The check-in: "How does your back feel?" 0-10 in one click or one key, or skip.

Asked before and after a session (ui/session_flow.py); what the answers mean is decided in
core/checkin.py. Keys, the same for both: 0-9 answer at once, except 1, which waits a moment
for a 0 (1 then 0 is 10); Space or S skips. The question takes the keyboard focus when it is
shown, so the keys work without a click or Tab first.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from stretchapp.core.i18n import _, pgettext
from stretchapp.core.keys import key_name
from stretchapp.ui.library import plain_label

TEN_WAIT_MS = 800  # after the key 1, this long for a 0 that makes it 10


class FeelingCheckIn(QFrame):
    """'How does your back feel?' 0-10 in one click, or skip. Emits `answered(int | None)`.
    `moment`: "before" a session, "after" one with a stretch done, or "now" (none done)."""

    answered = Signal(object)

    def __init__(self, moment: str = "before", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        self.question = QWidget()  # gives way to `noted` once answered
        outer.addWidget(self.question)
        layout = QVBoxLayout(self.question)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        question = {
            "before": _("How does your back feel right now?"),
            "after": _("How does your back feel now, after stretching?"),
        }.get(moment) or _("How does your back feel now?")  # "now": after no stretch done
        layout.addWidget(plain_label(question, "h2"))
        layout.addWidget(
            plain_label(
                _("0 is no pain at all, 10 the worst you can imagine. Optional."), "secondary"
            )
        )
        # The scale is as wide as its eleven buttons, its ends under 0 and 10, however wide
        # the window ("worst" does not drift to the far edge at 1920).
        scale = QWidget()
        scale.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        scale_layout = QVBoxLayout(scale)
        scale_layout.setContentsMargins(0, 0, 0, 0)
        scale_layout.setSpacing(4)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.buttons = QButtonGroup(self)
        for value in range(11):
            button = QPushButton(str(value))
            button.setFixedSize(QSize(44, 44))
            button.setStyleSheet("padding: 0;")  # room for "10" in a 44 px square
            button.setToolTip(
                _("{value} (key {value})").format(value=value)
                if value < 10
                else _("10 (keys 1 then 0)")
            )
            button.setAccessibleName(_("{value} out of 10").format(value=value))
            self.buttons.addButton(button, value)
            row.addWidget(button)
        self.buttons.idClicked.connect(self._answer)
        scale_layout.addLayout(row)
        ends = QHBoxLayout()
        ends.setContentsMargins(0, 0, 0, 0)
        ends.addWidget(
            plain_label(pgettext("pain scale", "no pain"), "meta"), 0, Qt.AlignmentFlag.AlignLeft
        )
        ends.addStretch(1)
        ends.addWidget(
            plain_label(pgettext("pain scale", "worst"), "meta"), 0, Qt.AlignmentFlag.AlignRight
        )
        scale_layout.addLayout(ends)
        layout.addWidget(scale, 0, Qt.AlignmentFlag.AlignLeft)
        bottom = QHBoxLayout()
        self.dont_ask = QCheckBox(_("Don't ask me this again"))
        bottom.addWidget(self.dont_ask)
        bottom.addStretch(1)
        self.skip = QPushButton(_("Skip"))
        self.skip.setObjectName("link")
        self.skip.setToolTip(
            _("{action} ({keys})").format(action=_("Skip the question"), keys=key_name("Space"))
        )
        self.skip.clicked.connect(lambda: self._answer(None))
        bottom.addWidget(self.skip)
        layout.addLayout(bottom)
        # Shown instead of the question once it is answered, so the answer is acknowledged.
        self.noted = plain_label("", "secondary")
        self.noted.hide()
        outer.addWidget(self.noted)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(question)
        self._one = QTimer(self)  # a 1 typed: waiting for a 0
        self._one.setSingleShot(True)
        self._one.setInterval(TEN_WAIT_MS)
        self._one.timeout.connect(lambda: self._answer(1))

    def _answer(self, value: int | None) -> None:
        self._one.stop()
        self.answered.emit(value)

    def is_open(self) -> bool:
        """Whether the question still waits for an answer (not yet acknowledged)."""
        return self.noted.isHidden()

    def acknowledge(self, value: int | None) -> None:
        """Say what was noted, in place of the question (no longer a Tab stop: there is
        nothing left to answer)."""
        self.question.hide()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.noted.setText(
            _("Skipped.")
            if value is None
            else _("Noted: {value} out of 10. Thank you.").format(value=value)
        )
        self.noted.show()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.noted.isVisible():
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def hideEvent(self, event: QHideEvent) -> None:
        self._one.stop()  # a pending 1 is not answered by a question no longer shown
        super().hideEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # From the floor a key is easier than a click: digits answer 0-9, Space skips.
        text = event.text()
        if text.isdigit() and len(text) == 1:
            if self._one.isActive():  # 1 then 0 is 10; 1 then anything else is 1
                self._answer(10 if text == "0" else 1)
            elif text == "1":
                self._one.start()
            else:
                self._answer(int(text))
            return
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_S):
            self._answer(None)
            return
        super().keyPressEvent(event)
