"""Small widgets the pages share: a switch, a wrapping button, a link button, a notice bar, a
card and a scrolling page column, and the style sheet of the form pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from stretchapp.core.i18n import ngettext
from stretchapp.ui.library import PAGE_MARGINS, KeyScrollArea, open_link, plain_label, plain_tip
from stretchapp.ui.links import unless_opened

# Local additions to the app's style sheet. Colours come from the application palette (which
# the theme sets), so they follow light and dark without a rebuild.
FORM_STYLE = """
QPushButton#tab { background: transparent; border: none; border-radius: 0;
                  border-bottom: 3px solid transparent; padding: 10px 2px 7px 2px;
                  color: palette(window-text); }
QPushButton#tab:checked { border-bottom: 3px solid palette(highlight); color: palette(link); }
QPushButton#tab:hover:!checked { border-bottom: 3px solid palette(mid); }
QPushButton#tab:focus { border: 2px solid palette(highlight); border-radius: 4px;
                        border-bottom: 3px solid palette(highlight); }
#rowTitle { font-weight: 600; }
#groupTitle { font-size: 18px; font-weight: 600; }
#redFlagTitle { font-weight: 600; }
#rule { font-weight: 600; }
QLineEdit, QPlainTextEdit { padding: 4px 8px; min-height: 26px;
    border: 1px solid palette(dark); border-radius: 6px; background: palette(base); }
QLineEdit:focus, QPlainTextEdit:focus { border: 2px solid palette(highlight); }
QPushButton#link { padding: 2px 0; }
#linkText { color: palette(link); text-decoration: underline; }
"""


class Switch(QCheckBox):
    """An on/off switch: a check box (for screen readers and keyboards) drawn as a toggle."""

    TRACK_W = 46
    TRACK_H = 26

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(self.TRACK_W + 6, self.TRACK_H + 6)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def hitButton(self, pos: Any) -> bool:
        return bool(self.rect().contains(pos))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        on = self.isChecked()
        track = QRectF(3, (self.height() - self.TRACK_H) / 2, self.TRACK_W, self.TRACK_H)
        if on:
            fill = pal.color(QPalette.ColorRole.Highlight)
        else:
            fill = QColor(pal.color(QPalette.ColorRole.PlaceholderText))
            fill.setAlphaF(0.55)
        if not self.isEnabled():
            painter.setOpacity(0.4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        radius = self.TRACK_H / 2
        painter.drawRoundedRect(track, radius, radius)
        knob_d = self.TRACK_H - 6
        x = track.right() - knob_d - 3 if on else track.left() + 3
        knob = QRectF(x, track.top() + 3, knob_d, knob_d)
        painter.setBrush(
            pal.color(QPalette.ColorRole.HighlightedText)
            if on
            else pal.color(QPalette.ColorRole.Base)
        )
        painter.drawEllipse(knob)
        if self.hasFocus():
            painter.setOpacity(1.0)
            pen = painter.pen()
            pen.setStyle(Qt.PenStyle.SolidLine)
            pen.setColor(pal.color(QPalette.ColorRole.Highlight))
            pen.setWidthF(2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(track.adjusted(-2, -2, 2, 2), radius + 2, radius + 2)
        painter.end()


# The longest line of prose, in pixels (about 100 characters): a prose page's column (its cards
# with their 20 px margins) is kept this narrow however wide the window, at the left where the
# other pages' columns start, so its lines stay easy to read. (Cards as wide as the page with
# their text held in by a growing right margin were given too few lines' height by Qt's
# layouts at some widths, which cut text in half; a column of bounded width is not.)
READABLE_TEXT = 880
CARD_MARGINS = 40


def scroll_page(name: str, prose: bool = False, title: str = "") -> tuple[QScrollArea, QVBoxLayout]:
    """A scrolling section under a page's header, in the shared page frame (PAGE_MARGINS):
    as wide as the History page's column, so the pages agree at every window size; a `prose`
    page's column no wider than a readable line (READABLE_TEXT) in a card. `title` is what a
    screen reader calls it (it is a Tab stop, for scrolling with the keys)."""
    scroll = KeyScrollArea()
    scroll.setObjectName(name)
    scroll.setAccessibleName(title or name)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    body = QWidget()
    scroll.setWidget(body)
    row = QHBoxLayout(body)
    left, _top, right, _bottom = PAGE_MARGINS
    row.setContentsMargins(left, 16, right, 32)
    column = QWidget()
    column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    row.addWidget(column, 1)
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(16)
    if prose:
        column.setMaximumWidth(READABLE_TEXT + CARD_MARGINS)
        row.addStretch(0)
    return scroll, layout


def make_card() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(20, 16, 20, 20)
    layout.setSpacing(8)
    return frame, layout


class WrapButton(QPushButton):
    """A push button whose text wraps, so a long link never widens the page."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = plain_label(text, "linkText")
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.label)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:  # the label holds the text, so that it can wrap
        return self.label.text()

    def sizeHint(self) -> QSize:
        # As wide as the text on one line; narrower only when the layout has less room.
        self.label.ensurePolished()
        metrics = self.label.fontMetrics()
        width = max(metrics.horizontalAdvance(line) for line in self.label.text().split("\n"))
        return QSize(width + 4, self.heightForWidth(width + 4))

    def minimumSizeHint(self) -> QSize:
        return QSize(80, self.label.fontMetrics().lineSpacing() + 4)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.heightForWidth(width) if layout is not None else -1


def link_button(
    text: str,
    url: str,
    accessible_name: str = "",
    tooltip: str = "",
    *,
    copy: str = "",
    what: str = "",
) -> QPushButton:
    """A link-styled button that opens `url` (only http(s), mailto and tel ever open); when
    nothing on the computer opens it, a notice says so and offers to copy `copy` (the link)."""
    button = WrapButton(text)
    button.setObjectName("link")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setAccessibleName(accessible_name or text)
    button.setToolTip(plain_tip(tooltip or url))
    button.setProperty("url", url)
    button.clicked.connect(lambda: unless_opened(open_link(url), button, url, copy, what))
    return button


class Notice(QFrame):
    """Things the person should know about a file: a title and one line per problem."""

    def __init__(self, title: str, lines: Sequence[str] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notice")
        self.setProperty("kind", "problem")  # the problem look (ui/theme.py)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        self.title = plain_label(title, "noticeTitle")
        layout.addWidget(self.title)
        shown = list(lines[:12])
        if len(lines) > len(shown):
            more = len(lines) - len(shown)
            shown.append(
                ngettext("… and {count} more", "… and {count} more", more).format(count=more)
            )
        self.details = plain_label("\n".join(shown), "secondary")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setVisible(bool(shown))
        layout.addWidget(self.details)

    def text(self) -> str:
        return "\n".join(x for x in (self.title.text(), self.details.text()) if x)
