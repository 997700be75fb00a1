"""Relief options: what else can ease a back spasm, each with where to learn more."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stretchapp.core.i18n import _
from stretchapp.core.settings import (
    Relief,
    ReliefOption,
)
from stretchapp.ui.library import plain_label
from stretchapp.ui.widgets import (
    Notice,
    link_button,
    scroll_page,
)


class ReliefCard(QFrame):
    def __init__(self, option: ReliefOption, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.option = option
        self.setAccessibleName(option.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(plain_label(option.title, "cardTitle"))
        layout.addWidget(plain_label(option.text))
        self.links: list[QPushButton] = []
        for link in option.links:
            button = link_button(
                _("Learn more: {site} ↗").format(site=link.title),
                link.url,
                _("Learn more about {option}: {site}").format(option=option.title, site=link.title),
                _("Opens {link} in your browser").format(link=link.url),
            )
            self.links.append(button)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)


class ReliefSection(QWidget):
    def __init__(
        self,
        relief: Relief,
        messages: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll, layout = scroll_page("relief", prose=True, title=_("Relief options"))
        outer.addWidget(scroll)
        options = relief.options
        self.intro = plain_label(relief.intro, "secondary")
        self.intro.setVisible(bool(relief.intro))
        layout.addWidget(self.intro)
        self.notice: Notice | None = None
        if messages:
            self.notice = Notice(_("Some relief options could not be shown:"), messages)
            layout.addWidget(self.notice)
        self.cards = [ReliefCard(option) for option in options]
        for card in self.cards:
            layout.addWidget(card)
        if not self.cards:
            layout.addWidget(plain_label(_("No relief options are available."), "secondary"))
        layout.addStretch(1)
