"""About back spasms (from health.yaml), and the safety note shown on first start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stretchapp.core import health
from stretchapp.core.i18n import _
from stretchapp.ui.library import bullets, plain_label, scroll_column
from stretchapp.ui.widgets import (
    FORM_STYLE,
    Notice,
    link_button,
    make_card,
    scroll_page,
)


def health_content(layout: QVBoxLayout) -> health.HealthContent | None:
    """The health texts, or None with a notice naming every problem in their file."""
    try:
        return health.content()
    except health.HealthFileError as exc:
        layout.addWidget(
            Notice(
                _(
                    "The health information that comes with StretchApp could not be read. "
                    "If back pain comes with numbness, weakness or trouble passing urine, get "
                    "medical help at once."
                ),
                [str(p) for p in exc.problems],
            )
        )
        return None


def stop_rule_label(content: health.HealthContent) -> QLabel:
    """The rule for every stretch, in bold."""
    return plain_label(content.stop_rule, "rule")


def precautions_block(layout: QVBoxLayout, content: health.HealthContent) -> list[QLabel]:
    """Who should ask before stretching: a heading, a sentence and one line per precaution."""
    layout.addWidget(plain_label(content.precautions_title, "cardTitle"))
    layout.addWidget(plain_label(content.precautions_intro))
    box, items = bullets([p.text for p in content.precautions], "")
    layout.addWidget(box)
    return items


def red_flags_block(layout: QVBoxLayout, content: health.HealthContent) -> list[QLabel]:
    """The red flags, most urgent first: each urgent group's title and signs in the warning
    colour, its sentence in the text colour; the signs to mention to a doctor in time ("tell-
    doctor") in the text colour, as they are not an alarm. Returns the labels in the warning
    colour."""
    labels: list[QLabel] = []
    for group in content.red_flags:
        urgent = group.id != "tell-doctor"
        name = "warning" if urgent else ""
        heading = plain_label(group.title, name)
        font = heading.font()
        font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(font)
        heading.setAccessibleName(f"{group.title}: {group.intro}")
        layout.addSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(plain_label(group.intro))
        box, items = bullets(group.items, name)
        layout.addWidget(box)
        if urgent:
            labels += [heading, *items]
    return labels


class AboutSection(QWidget):
    """About back spasms: what they are, who should ask first, when to get help."""

    safety_note_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll, layout = scroll_page("about", prose=True, title=_("About back spasms"))
        outer.addWidget(scroll)
        self.red_flags: list[QLabel] = []
        self.precautions: list[QLabel] = []
        self.links: list[QPushButton] = []
        content = health_content(layout)
        if content is not None:
            about = content.about
            layout.addWidget(plain_label(about.intro))
            for section in about.sections:
                card, card_layout = make_card()
                card.setAccessibleName(section.title)
                card_layout.addWidget(plain_label(section.title, "cardTitle"))
                for paragraph in section.paragraphs:
                    card_layout.addWidget(plain_label(paragraph))
                layout.addWidget(card)
            card, card_layout = make_card()
            card.setAccessibleName(content.precautions_title)
            self.precautions = precautions_block(card_layout, content)
            card_layout.addSpacing(4)
            card_layout.addWidget(stop_rule_label(content))
            layout.addWidget(card)
            card, card_layout = make_card()
            card.setAccessibleName(content.red_flags_title)
            card.setProperty("redFlags", True)  # found by "When to get help" in any language
            card_layout.addWidget(plain_label(content.red_flags_title, "cardTitle"))
            if content.red_flags_note:
                card_layout.addWidget(plain_label(content.red_flags_note))
            self.red_flags = red_flags_block(card_layout, content)
            layout.addWidget(card)
            if about.links:
                learn, learn_layout = make_card()
                learn.setAccessibleName(_("Learn more"))
                learn_layout.addWidget(plain_label(_("Learn more"), "cardTitle"))
                self.links = [
                    link_button(
                        f"{link.title} ↗",
                        link.url,
                        link.title,
                        _("Opens {link}").format(link=link.url),
                    )
                    for link in about.links
                ]
                for button in self.links:
                    learn_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
                layout.addWidget(learn)
        self.safety_button = QPushButton(_("Read the safety note again"))
        self.safety_button.setAccessibleName(_("Read the safety note again"))
        self.safety_button.clicked.connect(self.safety_note_requested)
        layout.addWidget(self.safety_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)


class SafetyNoteDialog(QDialog):
    """The brief safety note shown on first start, and again from About back spasms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.setStyleSheet(FORM_STYLE)
        self.setModal(True)
        self.setMinimumWidth(480)
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry().height() - 60 if screen is not None else 660
        self.resize(620, max(420, min(680, room)))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 16)
        layout = scroll_column(outer, (28, 24, 28, 8), 12, _("Safety note"))
        self.red_flags: list[QLabel] = []
        content = health_content(layout)
        title = content.safety_note.title if content is not None else _("Before you start")
        self.setWindowTitle(title)
        if content is not None:
            note = content.safety_note
            layout.addWidget(plain_label(note.title, "h1"))
            for paragraph in note.paragraphs:
                layout.addWidget(plain_label(paragraph))
            layout.addWidget(stop_rule_label(content))
            layout.addSpacing(4)
            precautions_block(layout, content)
            layout.addSpacing(4)
            layout.addWidget(plain_label(content.red_flags_title, "cardTitle"))
            self.red_flags = red_flags_block(layout, content)
            if note.footer:
                layout.addWidget(plain_label(note.footer, "meta"))
            self.setAccessibleDescription(health.safety_note_text())
        layout.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(28, 0, 28, 0)
        row.addStretch(1)
        self.ok_button = QPushButton(_("I understand"))
        self.ok_button.setObjectName("primary")
        self.ok_button.setAccessibleName(_("I understand"))
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.accept)
        row.addWidget(self.ok_button)
        outer.addLayout(row)

    def text(self) -> str:
        """Everything the note says, as shown."""
        return "\n".join(label.text() for label in self.findChildren(QLabel))
