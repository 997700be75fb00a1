"""Setting up the first page's widgets without naming PySide6's `Qt` namespace.

Naming `Qt` (any `Qt.Something`, or a Qt call that hands back one of its enums) makes PySide6
build all 93 enums of the namespace at once: 14-18 ms of CPU, about 0.15x of a bare window's
start (docs/performance.md, "The floor"). Nothing the first paint shows needs them:

- what Qt keeps as a property is set by name with the enum's value, which needs no Python enum
  (tests/ui/test_early_widgets.py holds each value equal to its enum);
- what only matters once a person can reach the window (the pointer's shape, painting
  opaquely over what is behind) waits until the window has first painted, when `release`
  runs it; widgets made after that get it at once.

Modules whose widgets are on the first page import `Qt` inside the functions that need it
after the first paint; tests/ui/test_startup.py fails when the first paint builds `Qt`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QWidget
from shiboken6 import Shiboken

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractSpinBox

PLAIN_TEXT = 0  # Qt.TextFormat.PlainText
ALIGN_TOP_LEFT = 0x20 | 0x01  # Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
SCROLL_BAR_ALWAYS_OFF = 1  # Qt.ScrollBarPolicy.ScrollBarAlwaysOff
STRONG_FOCUS = 0x1 | 0x2 | 0x8  # Qt.FocusPolicy.StrongFocus (tab, click and more)
LEFT_TO_RIGHT, RIGHT_TO_LEFT = 0, 1  # Qt.LayoutDirection
SELECTABLE_BY_MOUSE = 1  # Qt.TextInteractionFlag.TextSelectableByMouse

_waiting: list[Callable[[], None]] | None = None  # while the first paint is awaited


def hold() -> None:
    """From now until `release`, what waits for the first paint is kept, not done."""
    global _waiting
    _waiting = []


def release() -> None:
    """The window has painted: do what waited for it, and from now on do it at once."""
    global _waiting
    waiting, _waiting = _waiting or [], None
    for action in waiting:
        action()


def _after_first_paint(widget: QWidget, action: Callable[[QWidget], None]) -> None:
    if _waiting is None:
        action(widget)
        return

    def later() -> None:
        if Shiboken.isValid(widget):  # (a widget may be gone before the window showed)
            action(widget)

    _waiting.append(later)


def plain_text(label: QLabel) -> None:
    """Text shown exactly as written: text from files is never rich text."""
    label.setProperty("textFormat", PLAIN_TEXT)


def align_top_left(label: QLabel) -> None:
    label.setProperty("alignment", ALIGN_TOP_LEFT)


def no_horizontal_scroll_bar(area: QAbstractScrollArea) -> None:
    area.setProperty("horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)


def strong_focus(widget: QWidget) -> None:
    """Reached by Tab and by a click."""
    widget.setProperty("focusPolicy", STRONG_FOCUS)


def pointing_hand(widget: QWidget) -> None:
    """The pointing hand over what a click opens or starts. (A cursor is no Qt property that
    takes a number, and no pointer can be over the window before it shows.)"""

    def point(widget: QWidget) -> None:
        from PySide6.QtCore import Qt

        widget.setCursor(Qt.CursorShape.PointingHandCursor)

    _after_first_paint(widget, point)


def opaque_paint(widget: QWidget, opaque: bool) -> None:
    """Whether `widget` paints every pixel it covers, so that Qt need not paint what is behind
    it first: the same picture either way, so it can wait for the first paint."""

    def paint(widget: QWidget) -> None:
        from PySide6.QtCore import Qt

        widget.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, opaque)

    _after_first_paint(widget, paint)


def selectable(label: QLabel) -> None:
    """Text a person can select with the mouse and copy (a file's problems, a notice)."""
    label.setProperty("textInteractionFlags", SELECTABLE_BY_MOUSE)


SPIN_TEXT_INSET = 5  # px: a number box's text as far in as a combo box's or a text field's


def inset_spin_text(box: QAbstractSpinBox) -> None:
    """A spin box's text (a number, a time) set in from its left edge like a text field's.

    Qt's style sheets give a spin box's inner edit field none of the box's padding, so the
    text and its cursor touched the border; the inner line edit's text margin makes up for it.
    """
    from PySide6.QtWidgets import QLineEdit  # (not before the first paint: see above)

    edit = box.findChild(QLineEdit)
    if edit is not None:
        edit.setTextMargins(SPIN_TEXT_INSET, 0, 0, 0)
