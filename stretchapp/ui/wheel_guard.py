"""The mouse wheel scrolls the page; it changes a value only in the control that has focus.
And Return or Enter presses the button that has focus, as Space does.

Someone scrolling the Settings page or the editor with the wheel must not change *Get ready*
or a stretch's hold on the way past. One event filter on the whole application does it: a
wheel event over a value control (spin box, combo box, slider, time edit, …) that does not
have keyboard focus goes to the control's parent instead, so the page around it scrolls.

Page Up and Page Down on a combo box scroll the page rather than jump to its first or last
choice, and a control reached with Tab comes into view with its card's heading. The same
filter lets Return and Enter press a focused button outside a dialog: Qt's buttons there
answer only Space, and someone who moved to *Start* with Tab (as on Windows, or in most Linux
apps) presses Enter. In a dialog, Qt's own default-button handling is left alone.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFrame,
    QPushButton,
    QScrollArea,
    QScrollBar,
    QToolButton,
    QWidget,
)

from stretchapp.ui.library import page_step

# Controls whose value the wheel changes (QDateTimeEdit and QTimeEdit are spin boxes).
VALUE_CONTROLS: tuple[type[QWidget], ...] = (QAbstractSpinBox, QComboBox, QAbstractSlider)


def _value_control(obj: QObject) -> QWidget | None:
    """The value control an event is for: the widget itself, or the spin box whose inner
    line edit received it."""
    widget = obj if isinstance(obj, QWidget) else None
    while widget is not None:
        if isinstance(widget, VALUE_CONTROLS):
            # A scroll bar is a slider too, and scrolling it is what the wheel is for.
            return None if isinstance(widget, QScrollBar) else widget
        if widget.isWindow():
            return None
        parent = widget.parentWidget()
        # Only step up from a control's own inner parts (a spin box's line edit).
        if parent is None or not isinstance(parent, VALUE_CONTROLS):
            return None
        widget = parent
    return None


def _no_focus_from_wheel(obj: QObject) -> None:
    """Spin boxes and combo boxes take focus from the wheel itself (Qt's WheelFocus) before
    any filter sees the event; they take it from a click or Tab instead."""
    if (
        isinstance(obj, VALUE_CONTROLS)
        and not isinstance(obj, QScrollBar)
        and obj.focusPolicy() == Qt.FocusPolicy.WheelFocus
    ):
        obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _scroll_parents(control: QWidget, event: QWheelEvent) -> None:
    """Hand the wheel to the control's parents, nearest first, until one takes it (Qt only
    does this itself for events from the window system, not for ones sent on)."""
    widget = control.parentWidget()
    position = control.mapTo(control.window(), event.position().toPoint())
    while widget is not None:
        local = QPointF(widget.mapFrom(control.window(), position))
        passed = QWheelEvent(
            local,
            event.globalPosition(),
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
            event.source(),
        )
        passed.setAccepted(False)
        QApplication.sendEvent(widget, passed)
        if passed.isAccepted() or widget.isWindow():
            return
        widget = widget.parentWidget()


def _press_focused_button(watched: QObject, event: QEvent) -> bool:
    """Return or Enter, with no modifier but the keypad's, on a push or tool button with
    focus: press it (True). Not for a button Qt already presses on Return (a dialog's)."""
    if not isinstance(watched, QPushButton | QToolButton) or not isinstance(event, QKeyEvent):
        return False
    if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or event.isAutoRepeat():
        return False
    if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return False
    if isinstance(watched, QPushButton) and (watched.autoDefault() or watched.isDefault()):
        return False
    if not (watched.isEnabled() and watched.isVisible()):  # (keys go to the focused widget)
        return False
    watched.animateClick()
    return True


def _page_past_combo(watched: QObject, event: QEvent) -> bool:
    """Page Up or Page Down on a closed combo box: scroll the page it is on (True). Qt's
    combo box takes them to jump to its first or last choice, so someone paging down the
    History page from its filters changed a filter without meaning to."""
    if not isinstance(watched, QComboBox) or not isinstance(event, QKeyEvent):
        return False
    if event.key() not in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown) or event.modifiers():
        return False
    if watched.view().isVisible():  # the open list pages through its choices
        return False
    area = watched.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is None:
        return False
    page_step(area, event.key() == Qt.Key.Key_PageDown)
    return True


class WheelGuard(QObject):
    """The app's one filter of every event (installed once the window has painted: see
    `install`): lets a value control take the wheel only while it has keyboard focus, has
    Return press a focused button, and says when the system asks the app to quit
    (`quit_requested`: the macOS Dock's or app menu's Quit, logging out), before Qt closes the
    windows to see whether it may."""

    quit_requested = Signal()

    def group_in_view(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A control reached with the keyboard comes into view with the card it is in, heading
        and all, where the card fits the page: Qt's scroll area brings the control alone, so
        Tab to a group's first field left the group's heading under the page's top edge. (Not
        for a mouse press, which must not move what is under the pointer.)"""
        if new is None or QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return
        card: QWidget | None = None
        area = new.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            if card is None and isinstance(area, QFrame) and area.objectName() == "card":
                card = area
            area = area.parentWidget()
        if card is None or area is None or card.height() > area.viewport().height():
            return
        shown = card
        # After Qt's own scroll to the control, which runs once the focus has moved.
        QTimer.singleShot(0, area, lambda: area.ensureWidgetVisible(shown, 0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Quit and watched is self.parent():
            self.quit_requested.emit()
            return False
        if event.type() == QEvent.Type.Polish:
            _no_focus_from_wheel(watched)
            return False
        if event.type() == QEvent.Type.KeyPress:
            return _press_focused_button(watched, event) or _page_past_combo(watched, event)
        if event.type() != QEvent.Type.Wheel:
            return False
        control = _value_control(watched)
        if control is None or control.hasFocus() or not isinstance(event, QWheelEvent):
            return False
        _scroll_parents(control, event)
        return True


def install(app: QApplication) -> WheelGuard:
    """Install the guard on `app` once (a second call returns the first guard)."""
    # Kept on the application object rather than found with findChild, which makes PySide
    # build the Python types (and enums) of every child of the application: 15 ms.
    existing = getattr(app, "_stretchapp_wheel_guard", None)
    with contextlib.suppress(RuntimeError):  # (a guard whose C++ side was deleted)
        if isinstance(existing, WheelGuard) and existing.parent() is app:
            return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    app.focusChanged.connect(guard.group_in_view)  # (gone with the guard)
    app._stretchapp_wheel_guard = guard  # type: ignore[attr-defined]
    return guard
