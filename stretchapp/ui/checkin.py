"""The check-in: "How does your back feel?" 0-10 in one click or one key, or skip.

Asked before and after a session (ui/session_flow.py); what the answers mean is decided in
core/checkin.py.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stretchapp.ui.library import plain_label


class FeelingCheckIn(QFrame):
    """'How does your back feel?' 0-10 in one click, or skip. Emits `answered(int | None)`."""

    answered = Signal(object)

    def __init__(self, moment: str = "before", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        question = (
            "How does your back feel right now?"
            if moment == "before"
            else "How does your back feel now, after stretching?"
        )
        layout.addWidget(plain_label(question, "h2"))
        layout.addWidget(
            plain_label("0 is no pain at all, 10 the worst you can imagine. Optional.", "secondary")
        )
        row = QHBoxLayout()
        row.setSpacing(6)
        self.buttons = QButtonGroup(self)
        for value in range(11):
            button = QPushButton(str(value))
            button.setFixedSize(QSize(44, 44))
            button.setStyleSheet("padding: 0;")  # room for "10" in a 44 px square
            button.setToolTip(f"{value} (key {value % 10})" if value < 10 else "10")
            button.setAccessibleName(f"{value} out of 10")
            self.buttons.addButton(button, value)
            row.addWidget(button)
        self.buttons.idClicked.connect(self.answered.emit)
        row.addStretch(1)
        layout.addLayout(row)
        ends = QHBoxLayout()
        ends.addWidget(plain_label("no pain", "meta"))
        ends.addStretch(1)
        ends.addWidget(plain_label("worst", "meta"))
        layout.addLayout(ends)
        bottom = QHBoxLayout()
        self.dont_ask = QCheckBox("Don't ask me this again")
        bottom.addWidget(self.dont_ask)
        bottom.addStretch(1)
        self.skip = QPushButton("Skip")
        self.skip.setObjectName("link")
        self.skip.setToolTip("Skip the question (Space)")
        self.skip.clicked.connect(lambda: self.answered.emit(None))
        bottom.addWidget(self.skip)
        layout.addLayout(bottom)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # From the floor a key is easier than a click: digits answer 0-9, Space skips.
        text = event.text()
        if text.isdigit() and len(text) == 1:
            self.answered.emit(int(text))
            return
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_S):
            self.answered.emit(None)
            return
        super().keyPressEvent(event)
