"""The tray icon, and what ties reminders, the tray and closing the window together.

With reminders on and a system tray, closing the window keeps StretchApp in the tray (said
once); the tray menu starts the reminder's routine, opens the window, pauses reminders and quits.
Where the desktop has no tray, reminders come only while the window is open (the Settings pane
says so), so closing the window with reminders on asks whether to keep it open or quit.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from stretchapp import APP_NAME
from stretchapp.core import autostart, platform
from stretchapp.core.history import HistoryError
from stretchapp.core.i18n import _
from stretchapp.core.reminders import (
    Reminder,
    ReminderPlan,
    describe_time,
    pause_for_an_hour,
    pause_until_tomorrow,
)
from stretchapp.core.routines import Routine, format_duration
from stretchapp.core.settings import Settings
from stretchapp.ui.controller import AppController
from stretchapp.ui.dialogs import Question, show_compact
from stretchapp.ui.library import plain_tip
from stretchapp.ui.navigator import Navigator
from stretchapp.ui.overlay import Overlay, show_in_window
from stretchapp.ui.reminder import ReminderClock, ReminderPrompt, local_now

NOTIFY_MS = 20_000


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class Companion(QObject):
    """Reminders, the tray and the window's close button, for the app and its window.

    It reads the settings, library and history from the application (`app`) and asks the
    window only through the `Navigator`; `status_changed(str)` says when the next reminder is.
    """

    status_changed = Signal(str)

    def __init__(
        self,
        app: AppController,
        window: Navigator,
        icon: QIcon,
        *,
        has_tray: bool | None = None,
        clock: ReminderClock | None = None,
    ) -> None:
        super().__init__(app)
        self.app = app
        self.window = window
        self.has_tray = tray_available() if has_tray is None else has_tray
        self.quitting = False
        self._last_state: object = None  # the application's state, on macOS (_made_active)
        self.clock = clock or ReminderClock(
            self._stretched_days, lambda: app.session.active, parent=self
        )
        self.prompt: ReminderPrompt | None = None
        self.prompt_reminder: Reminder | None = None
        self.prompt_is_test = False
        self.overlay: Overlay | None = None
        self.pending: Reminder | None = None  # waiting for the window to be opened
        self.in_preview = False  # the session running is a try-out from the routine builder
        self.notifications: list[tuple[str, str]] = []  # what was shown, for tests
        self.tray: QSystemTrayIcon | None = None
        if self.has_tray:
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(APP_NAME)
            self.menu = self._build_menu()
            self.tray.setContextMenu(self.menu)
            self.tray.activated.connect(self._activated)
            self.tray.messageClicked.connect(self.open_window)
        self.clock.due.connect(self.remind)
        self.clock.armed.connect(self._show_status)
        app.settings.changed.connect(self.apply)
        app.session.running_changed.connect(self._session_changed)
        window.set_close_guard(self.close_requested)
        qt_app = QApplication.instance()
        if isinstance(qt_app, QApplication):  # (made once the window has painted)
            from stretchapp.ui import wheel_guard

            wheel_guard.install(qt_app).quit_requested.connect(self._system_quits)
        if qt_app is not None and platform.current().name == "macos":
            # A click on the Dock icon comes as the app becoming active again while it already
            # is (Qt passes on the system's "reopen" that way): with the window in the menu
            # bar, that opens it. Becoming active from inactive is not a click on the icon:
            # the start itself (at login, in the background), or switching to the app.
            self._last_state = qt_app.applicationState()  # type: ignore[attr-defined]
            qt_app.applicationStateChanged.connect(self._made_active)  # type: ignore[attr-defined]
        self.apply(app.settings.value)
        window.attach_reminders(self.clock.status, self.send_test)

    # ---- settings ----

    def apply(self, settings: object) -> None:
        assert isinstance(settings, Settings)
        if self.tray is not None:
            self.tray.setVisible(settings.reminders)
            self.start_action.setText(self._start_text(settings))
        self._sync_autostart(settings.start_with_desktop)
        self.clock.set_plan(ReminderPlan.from_settings(settings))

    def _sync_autostart(self, on: bool) -> None:
        try:
            if on != autostart.is_enabled():
                autostart.set_enabled(on)
        except OSError as exc:
            if on:  # not written: the switch goes back off, so it shows what is so and the
                # same refusal is not repeated at every later change of a setting
                self.app.settings.change(start_with_desktop=False)
            self.app.settings.save_error.emit(
                _("The autostart entry could not be changed ({detail}).").format(
                    detail=exc.strerror or exc
                )
            )

    # ---- the tray ----

    def _build_menu(self) -> QMenu:
        menu = QMenu()
        self.start_action = QAction(_("Start"), menu)
        self.start_action.triggered.connect(self.start_reminder_routine)
        self.open_action = QAction(_("Open {app}").format(app=APP_NAME), menu)
        self.open_action.triggered.connect(self.open_window)
        self.pause_hour_action = QAction(_("Pause reminders for an hour"), menu)
        self.pause_hour_action.triggered.connect(lambda: self.pause(pause_for_an_hour))
        self.pause_day_action = QAction(_("Pause reminders until tomorrow"), menu)
        self.pause_day_action.triggered.connect(lambda: self.pause(pause_until_tomorrow))
        self.resume_action = QAction(_("Resume reminders"), menu)
        self.resume_action.triggered.connect(lambda: self.clock.pause_until(None))
        self.resume_action.setVisible(False)
        self.quit_action = QAction(_("Quit {app}").format(app=APP_NAME), menu)
        self.quit_action.triggered.connect(self.quit)
        for action in (self.start_action, self.open_action):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.pause_hour_action, self.pause_day_action, self.resume_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        return menu

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_window()

    def notify(self, title: str, text: str) -> None:
        self.notifications.append((title, text))
        if self.tray is not None and self.tray.isVisible():
            self.tray.showMessage(title, text, self.tray.icon(), NOTIFY_MS)

    def pause(self, until: object) -> None:
        assert callable(until)
        self.clock.pause_until(until(local_now()))

    def _show_status(self, _next: object) -> None:
        status = self.clock.status()
        if self.tray is not None:
            self.tray.setToolTip(plain_tip(f"{APP_NAME} — {status}"))
            paused = self.clock.paused_until is not None and self.clock.paused_until > local_now()
            self.resume_action.setVisible(paused)
        self.status_changed.emit(status)

    # ---- reminders ----

    def _stretched_days(self, now: datetime) -> set[date]:
        try:
            return {now.date()} if self.app.history.stretched_on(now.date()) else set()
        except HistoryError:  # a history that cannot be read must not stop reminders
            return set()

    def _routine(self, settings: Settings) -> Routine | None:
        library = self.app.library
        return library.routine(settings.reminder_routine) or library.routine(
            settings.default_routine
        )

    def _routine_text(self, settings: Settings) -> str:
        """The reminder's routine: "Morning loosener, 8 min" ("" when there is none)."""
        routine = self._routine(settings)
        if routine is None:
            return ""
        return _("{routine}, {duration}").format(
            routine=routine.name, duration=format_duration(settings.timing.total_seconds(routine))
        )

    def _start_text(self, settings: Settings) -> str:
        text = self._routine_text(settings)
        return _("Start {routine}").format(routine=text) if text else _("Start stretching")

    def _reminder_text(self, settings: Settings) -> str:
        """What a reminder names: the routine, or stretching when there is none."""
        return self._routine_text(settings) or _("A few minutes of stretching")

    def remind(self, reminder: object) -> None:
        assert isinstance(reminder, Reminder)
        if self.app.session.active:
            return  # never over a session
        text = self._reminder_text(self.app.settings.value)
        self.notify(_("Time to stretch"), text)
        if self.tray is not None and not self.window.window_visible():
            self.pending = reminder  # the notification (or the tray) opens the prompt
            return
        self.show_prompt(reminder)

    def send_test(self) -> ReminderPrompt:
        """A reminder now, as it will come, that changes nothing in the schedule."""
        self.notify(
            _("Time to stretch"),
            _("{routine} (a test)").format(routine=self._reminder_text(self.app.settings.value)),
        )
        now = local_now()
        return self.show_prompt(Reminder(at=now, scheduled=now), test=True)

    def show_prompt(self, reminder: Reminder, *, test: bool = False) -> ReminderPrompt:
        self.pending = None
        self.window.bring_to_front()
        settings = self.app.settings.value
        text = self._reminder_text(settings)
        if self.prompt is not None:  # one prompt at a time: the newest reminder's text
            self.prompt.routine_label.setText(text)
            return self.prompt
        prompt = ReminderPrompt(text, settings.snooze_minutes, reminder.catch_up)
        self.prompt = prompt
        self.prompt_reminder = reminder
        self.prompt_is_test = test
        self.overlay = show_in_window(self.window.dialog_host(), prompt, self._answered)
        prompt.setMinimumSize(min(460, self.window.dialog_host().width() - 48), 0)
        prompt.setMaximumWidth(560)
        prompt.start_button.setFocus()
        return prompt

    def _answered(self, result: int) -> None:
        reminder, test = self.prompt_reminder, self.prompt_is_test
        self.prompt = None
        self.overlay = None
        self.prompt_reminder = None
        self.prompt_is_test = False
        if result == ReminderPrompt.START:
            self.start_reminder_routine()
        elif result == ReminderPrompt.SNOOZE and test:
            self.app.notify(_("That was a test reminder: your reminders are unchanged."))
        elif result == ReminderPrompt.SNOOZE:
            self.clock.snooze(self.app.settings.value.snooze_minutes)
            until = self.clock.snoozed_until
            if until is not None:
                self.app.notify(
                    _("Snoozed until {when}").format(when=describe_time(until, local_now())),
                    _("Undo"),
                    lambda: self.undo_snooze(reminder),
                )

    def undo_snooze(self, reminder: Reminder | None) -> None:
        """Take the snooze back: the prompt comes again now."""
        self.clock.undo_snooze()
        if reminder is not None and not self.app.session.active:
            self.show_prompt(reminder)

    def start_reminder_routine(self) -> None:
        self.open_window(show_pending=False)
        routine = self._routine(self.app.settings.value)
        # A finish screen still up is left for it; a session in progress is not interrupted.
        if routine is not None and not self.app.session.in_progress:
            self.window.start_routine(routine.id)

    def open_window(self, show_pending: bool = True) -> None:
        self.window.bring_to_front()
        if show_pending and self.pending is not None:
            self.show_prompt(self.pending)

    def _session_changed(self, running: bool) -> None:
        if running:
            self.pending = None
            self.in_preview = self.app.session.is_preview
            self.clock.rearm()  # stops the timer: no reminders during a session
        elif self.in_preview:
            self.in_preview = False
            self.clock.preview_ended()  # a try-out is not a stretch: what came due comes now
        else:
            self.clock.session_ended()

    # ---- closing ----

    def _system_quits(self) -> None:
        """Quit from the system (the Dock, the app menu, logging out): the window closes
        rather than hiding into the tray, so that Qt can quit. If something still keeps it
        open (the editor asks about unsaved changes), closing hides it again afterwards."""
        if self.quitting:
            return
        self.quitting = True

        def refused() -> None:  # still running on the next turn: the quit did not happen
            self.quitting = False

        QTimer.singleShot(0, refused)

    def _made_active(self, state: object) -> None:
        from PySide6.QtCore import Qt

        active = Qt.ApplicationState.ApplicationActive
        was, self._last_state = self._last_state, state
        if state == active and was == active and not self.window.window_visible():
            self.open_window()

    def close_requested(self, event: QCloseEvent) -> bool:
        """True when the window only hides into the tray (the app keeps running)."""
        settings = self.app.settings.value
        if self.quitting or not settings.reminders:
            return False
        if self.tray is None:
            event.ignore()
            self.ask_before_quitting()
            return True
        event.ignore()
        self.window.hide_window()
        if not settings.tray_note_seen:
            text = _("It stays in the tray to remind you to stretch; quit it from the tray menu.")
            if self.clock.next is not None:
                when = describe_time(self.clock.next.at, local_now())
                text = _(
                    "It stays in the tray to remind you to stretch; quit it from the tray menu."
                    " The next reminder is at {when}."
                ).format(when=when)
            self.notify(_("{app} is still running").format(app=APP_NAME), text)
            self.app.settings.change(tray_note_seen=True)
        return True

    def ask_before_quitting(self) -> Question:
        """No tray to wait in: reminders stop with the window, so ask first."""
        ask = Question(
            _("Quit {app}?").format(app=APP_NAME),
            _(
                "Your reminders come only while this window is open: this desktop has no system "
                "tray to keep StretchApp running in. Keep the window open (you can minimise it) "
                "to be reminded, or quit."
            ),
            [(_("Quit"), ""), (_("Keep window open"), "primary")],
        )

        def answered(result: int) -> None:
            if result == 1:  # closing the last window quits, as without reminders
                self.quitting = True
                self.window.close_window()

        show_compact(self.window.dialog_host(), ask, answered)
        ask.buttons[1].setFocus()
        return ask

    def quit(self) -> None:
        self.quitting = True
        self.window.close_window()
        if self.tray is not None:
            self.tray.hide()
        QApplication.quit()
