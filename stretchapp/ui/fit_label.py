"""A label that always shows its text whole inside the room it is given.

The stretch's name and the side line sit under the countdown ring in the player; a long name
(the format allows 60 characters) wrapped by a plain QLabel grows past its box and covers the
ring, or is cut off. `FitLabel` instead lays the text out itself, in the box the layout gives
it:

1. at the largest size the style sheet sets (its font) and down to `min_ratio` of it, the
   fewest lines that fit the width and height, the words balanced between lines and never one
   word alone on a line when the text has more (so not "Standing side / bend");
2. when nothing fits even at the smallest size, the smallest size on as many lines as fit, the
   last one elided, and the whole text as the tooltip.

It asks the layout for the room of its text at full size (`sizeHint`) but needs only one line
at the smallest size (`minimumSizeHint`), so a crowded page shrinks the text, never overlaps.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MAX_LINES = 3


def words_of(text: str) -> list[str]:
    """The places a line may break: at plain spaces, never at a no-break space nor before
    punctuation that French sets off with a space (" :", " ?": "Rouleau" ended a line and
    ": fessiers, hanches" began the next)."""
    words: list[str] = []
    for word in text.replace("\n", " ").split(" "):
        if not word:
            continue
        if words and word[0] in ":;?!»":
            words[-1] = f"{words[-1]} {word}"
        else:
            words.append(word)
    return words


def balanced(words: list[str], lines: int, metrics: QFontMetrics) -> list[str] | None:
    """`words` on `lines` lines, the widest line as narrow as can be; None when that would
    leave a word alone on a line (or there are too few words)."""
    if lines == 1:
        return [" ".join(words)]
    if len(words) < 2 * lines:
        return None
    best: tuple[int, list[str]] | None = None

    def split(start: int, left: int, acc: list[str]) -> None:
        nonlocal best
        if left == 1:
            rest = words[start:]
            if len(rest) < 2:
                return
            out = [*acc, " ".join(rest)]
            widest = max(metrics.horizontalAdvance(line) for line in out)
            if best is None or widest < best[0]:
                best = (widest, out)
            return
        for end in range(start + 2, len(words) - 2 * (left - 1) + 1):
            split(end, left - 1, [*acc, " ".join(words[start:end])])

    split(0, lines, [])
    return best[1] if best is not None else None


def fewest_lines(words: list[str], metrics: QFontMetrics, width: int) -> list[str] | None:
    """`words` balanced on the fewest lines (at most MAX_LINES) that each fit `width`; None
    when no number of lines does."""
    for count in range(1, MAX_LINES + 1) if words else ():
        lines = balanced(words, count, metrics)
        if lines is not None and all(metrics.horizontalAdvance(ln) <= width for ln in lines):
            return lines
    return None


class FitLabel(QLabel):
    """A plain-text label whose text shrinks, then elides (with a tooltip), to fit its box."""

    def __init__(
        self,
        text: str = "",
        name: str = "",
        *,
        min_ratio: float = 0.55,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        if name:
            self.setObjectName(name)
        self.min_ratio = min_ratio
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._layout: tuple[QFont, list[str], bool] | None = None
        self.setText(text)

    # ---- the text laid out ----

    def _sizes(self) -> list[int]:
        top = self._base_px()
        least = max(10, round(top * self.min_ratio))
        return list(range(top, least - 1, -1))

    def _base_px(self) -> int:
        font = self.font()
        px = font.pixelSize()
        if px <= 0:
            px = round(font.pointSizeF() * self.logicalDpiY() / 72)
        return max(10, px)

    def _font(self, px: int) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(px)
        return font

    def _fit(self, width: int, height: int) -> tuple[QFont, list[str], bool]:
        """The font, the lines and whether the text is shown whole, for a box this size."""
        words = words_of(self.text())
        if not words or width <= 0:
            return self.font(), [], True
        for px in self._sizes():
            font = self._font(px)
            metrics = QFontMetrics(font)
            for count in range(1, MAX_LINES + 1):
                if (count - 1) * metrics.lineSpacing() + metrics.height() > height:
                    break
                tried = balanced(words, count, metrics)
                if tried is not None and all(
                    metrics.horizontalAdvance(line) <= width for line in tried
                ):
                    return font, tried, True
        # Nothing fits: the smallest size, greedily wrapped on the lines there is room for,
        # the last elided.
        font = self._font(self._sizes()[-1])
        metrics = QFontMetrics(font)
        spare = height - metrics.height()
        room = max(1, min(MAX_LINES, 1 + spare // max(1, metrics.lineSpacing())))
        lines: list[str] = []
        current = ""
        for word in words:
            trial = f"{current} {word}".strip()
            if current and metrics.horizontalAdvance(trial) > width:
                lines.append(current)
                current = word
            else:
                current = trial
        lines.append(current)
        if len(lines) > room:
            lines = [*lines[: room - 1], " ".join(lines[room - 1 :])]
        lines = [
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
            if metrics.horizontalAdvance(line) > width or i == len(lines) - 1
            else line
            for i, line in enumerate(lines)
        ]
        whole = " ".join(lines) == " ".join(words)
        return font, lines, whole

    def _laid_out(self) -> tuple[QFont, list[str], bool]:
        if self._layout is None:
            self._layout = self._fit(self.contentsRect().width(), self.contentsRect().height())
            whole = self._layout[2]
            self.setToolTip("" if whole else self.text())
        return self._layout

    def lines(self) -> list[str]:
        """The lines as shown."""
        return list(self._laid_out()[1])

    def shown_font(self) -> QFont:
        """The font the text is drawn in (its own, or smaller to fit)."""
        return self._laid_out()[0]

    def fits(self) -> bool:
        """Whether the text is shown whole (not elided)."""
        return self._laid_out()[2]

    # ---- QLabel ----

    def setText(self, text: str) -> None:
        if text == self.text():
            return
        super().setText(text)
        self._layout = None
        self._laid_out()
        self.update()

    def _room(self, metrics: QFontMetrics, count: int) -> int:
        """The height of `count` lines in `metrics`, with the label's margins."""
        margins = self.contentsMargins()
        lines = (count - 1) * metrics.lineSpacing() + metrics.height()
        return lines + margins.top() + margins.bottom()

    def sizeHint(self) -> QSize:
        """The room for the text at the largest size it fits the current width on at most
        MAX_LINES lines (a long name asked for one line at full size, then shrank to the
        least on two where two lines a little smaller had the room)."""
        width = self.width() if self.width() > 0 else 400
        words = words_of(self.text())
        metrics, count = QFontMetrics(self.font()), 1  # nothing fits: one line, full size
        # What fits at a size fits at every smaller one: halve the sizes (largest first) to
        # the largest that fits (a long name at 1080p tried some 28 sizes in turn: 19 ms).
        sizes = self._sizes() if words else []
        low, high = 0, len(sizes)
        while low < high:
            middle = (low + high) // 2
            tried = QFontMetrics(self._font(sizes[middle]))
            lines = fewest_lines(words, tried, width)
            if lines is None:
                low = middle + 1
            else:
                metrics, count, high = tried, len(lines), middle
        return QSize(metrics.horizontalAdvance(self.text()) // count, self._room(metrics, count))

    def whole_height(self, width: int) -> int:
        """The least height in which the text shows whole at `width`: on the fewest lines
        it fits at its smallest size (one line when it cannot be whole on any)."""
        metrics = QFontMetrics(self._font(self._sizes()[-1]))
        lines = fewest_lines(words_of(self.text()), metrics, width)
        return self._room(metrics, len(lines) if lines else 1)

    def minimumSizeHint(self) -> QSize:
        """One line at the smallest size: the text shrinks rather than pushing the page."""
        metrics = QFontMetrics(self._font(self._sizes()[-1]))
        margins = self.contentsMargins()
        return QSize(0, metrics.height() + margins.top() + margins.bottom())

    def heightForWidth(self, _width: int) -> int:
        return -1

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._layout = None
        self._laid_out()
        super().resizeEvent(event)

    def changeEvent(self, event: object) -> None:
        from PySide6.QtCore import QEvent

        if isinstance(event, QEvent) and event.type() == QEvent.Type.FontChange:
            self._layout = None
            self.updateGeometry()
        super().changeEvent(event)  # type: ignore[arg-type]

    def paintEvent(self, _event: QPaintEvent) -> None:
        font, lines, _whole = self._laid_out()
        if not lines:
            return
        painter = QPainter(self)
        painter.setFont(font)
        painter.setPen(self.palette().color(self.foregroundRole()))
        metrics = QFontMetrics(font)
        box = self.contentsRect()
        block = len(lines) * metrics.lineSpacing()
        align = self.alignment()
        if align & Qt.AlignmentFlag.AlignVCenter:
            top = box.top() + max(0, (box.height() - block) // 2)
        elif align & Qt.AlignmentFlag.AlignBottom:
            top = box.bottom() - block
        else:
            top = box.top()
        horizontal = align & (
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignHCenter
        )
        for i, line in enumerate(lines):
            rect = QRect(
                box.left(), top + i * metrics.lineSpacing(), box.width(), metrics.lineSpacing()
            )
            painter.drawText(rect, int(horizontal | Qt.AlignmentFlag.AlignVCenter), line)
        painter.end()
