"""The navigator: what a page, the routine builder or the tray may ask of the window.

The main window (ui/app.py) is the one implementation; everything else depends on this small
interface and on the application layer (ui/controller.py), never on the window's members.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from stretchapp.ui.player import PlayerPage

# Asked first when the window is closed; True: the window only hid (into the tray).
CloseGuard = Callable[[QCloseEvent], bool]


class Navigator(Protocol):
    @property
    def dark(self) -> bool:
        """Whether the pages are drawn for a dark theme."""
        ...

    def dialog_host(self) -> QWidget:
        """The widget that in-window dialogs cover (ui/overlay.py)."""
        ...

    # ---- the Routines section ----

    def show_routines_page(self, page: QWidget) -> None:
        """Show `page` in the Routines section (added there the first time)."""
        ...

    def remove_routines_page(self, page: QWidget) -> None: ...

    def show_library(self) -> None: ...

    def open_routine(self, routine_id: str) -> QWidget | None: ...

    # ---- a session ----

    def start_routine(self, routine_id: str) -> PlayerPage | None:
        """A session of the routine takes over the window; None when it cannot start."""
        ...

    def leave_player(self) -> None: ...

    # ---- the window ----

    def bring_to_front(self) -> None: ...

    def window_visible(self) -> bool: ...

    def hide_window(self) -> None:
        """Leave any session, remember the window's place, hide it (the app keeps running)."""
        ...

    def close_window(self) -> None: ...

    def set_close_guard(self, guard: CloseGuard | None) -> None: ...

    def attach_reminders(self, status: Callable[[], str], send_test: Callable[[], object]) -> None:
        """Where Settings asks when the next reminder is, and sends a test one."""
        ...
