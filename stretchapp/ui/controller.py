"""The application layer: what the app holds and does, apart from how it is shown.

`AppController` is a plain QObject, built before any widget and testable without one. It owns
the user's folders (`paths`), the routine `library` (re-read by `reload_library`, announced by
`reloaded`), the one `SettingsModel` (every change goes through it; `changed` tells the rest),
the history store (opened on first use), the `SessionController` of a running session, and the
notices the person sees (`notice`). Widgets hold a reference to it and to a `Navigator`
(ui/navigator.py); they never reach into the main window or into each other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from stretchapp.core import shown_names
from stretchapp.core.paths import Paths
from stretchapp.core.records import record
from stretchapp.core.routines import Library, Routine, load_library
from stretchapp.core.settings import Settings, SettingsStore

if TYPE_CHECKING:  # imported where first needed, so that start-up stays quick
    from stretchapp.core import checkin
    from stretchapp.core.history import HistoryStore, SessionRecorder
    from stretchapp.core.session import Session

HEARTBEAT_MS = 5000


@record
class Notice:
    """A line for the person, with at most one action ("Undo") beside it."""

    text: str
    action: str = ""
    then: Callable[[], object] | None = None
    problem: bool = False  # shown in the problem look, not the calm one (ui/theme.py)


class SettingsModel(QObject):
    """The user's settings, and the only place they change: `change()` applies, saves and
    emits `changed(Settings)`; `save_error(str)` says whether the save worked ("" when it did)."""

    changed = Signal(object)  # Settings, after every change
    save_error = Signal(str)

    def __init__(
        self,
        store: SettingsStore,
        settings: Settings,
        messages: Sequence[str] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._value = settings
        self.messages = list(messages)  # what was wrong in the file when it was read

    @property
    def value(self) -> Settings:
        return self._value

    def change(self, **changes: Any) -> bool:
        """Apply and save `changes`; returns whether they were saved."""
        new = self._value.replace(**changes)
        if new == self._value:
            return True
        self._value = new
        saved = self.store.save(new)
        self.save_error.emit("" if saved else self.store.last_error)
        self.changed.emit(new)
        return saved


class SessionController(QObject):
    """One session at a time: the engine, its recorder and heartbeat, and what the person
    answered (check-ins and the reason for a Stop), which `guidance()` answers back."""

    running_changed = Signal(bool)  # a session began (True) or ended (False)

    def __init__(self, app: AppController) -> None:
        super().__init__(app)
        self.app = app
        self.session: Session | None = None
        self.routine: Routine | None = None
        self.recorder: SessionRecorder | None = None
        self._response: checkin.Response | None = None  # made with the first session
        # While a session runs, its active time is written every few seconds (a crash then
        # loses at most that much); the timer sleeps otherwise.
        self.heartbeat = QTimer(self)
        self.heartbeat.setInterval(HEARTBEAT_MS)
        self.heartbeat.timeout.connect(self._heartbeat)

    @property
    def response(self) -> checkin.Response:
        """The check-in answers of the session running or last run (none yet: all empty)."""
        if self._response is None:
            from stretchapp.core import checkin  # the check-in is a session's: not at start

            self._response = checkin.Response()
        return self._response

    @response.setter
    def response(self, value: checkin.Response) -> None:
        self._response = value

    @property
    def active(self) -> bool:
        return self.session is not None

    @property
    def in_progress(self) -> bool:
        """A session that has not ended yet (not started, running or paused): one on its
        finish screen has ended."""
        return self.session is not None and self.session.state.value in (
            "ready",
            "running",
            "paused",
        )

    @property
    def is_preview(self) -> bool:
        """The session is a try-out from the routine builder: nothing of it is recorded."""
        return self.session is not None and self.recorder is None

    def begin(
        self, routine: Routine, on_error: Callable[[str], None], *, record: bool = True
    ) -> Session:
        """A new session of `routine`, recorded in the history (`on_error` hears of a
        write that failed). A preview (`record=False`) writes nothing: it is not a session
        the person did, so neither History nor the clinician's report may count it."""
        from stretchapp.core.history import SessionRecorder, wall_clock_from
        from stretchapp.core.session import Session, boot_clock_ms

        settings = self.app.settings.value
        session = Session(
            routine,
            default_get_ready=settings.get_ready_seconds,
            default_rest=settings.rest_seconds,
        )
        self.session, self.routine = session, routine
        from stretchapp.core import checkin

        self.response = checkin.Response()
        self.recorder = None
        if record:
            self.recorder = SessionRecorder(
                self.app.history,
                session,
                routine,
                wall_clock_from(boot_clock_ms),
                on_error=on_error,
            )
            self.heartbeat.start()
        self.running_changed.emit(True)
        return session

    def answer_before(self, value: int | None, dont_ask_again: bool = False) -> str:
        """The check-in before; returns the line the player shows for it ("" for none)."""
        self._replace(before=value)
        if self.recorder is not None:
            self.recorder.set_feeling_before(value)
        if dont_ask_again:
            self.app.settings.change(checkin_before=False)
        from stretchapp.core import checkin

        return checkin.before_note(value)

    def answer_after(self, value: int | None, dont_ask_again: bool = False) -> None:
        self._replace(after=value)
        if self.recorder is not None:
            self.recorder.set_feeling_after(value)
        if dont_ask_again:
            self.app.settings.change(checkin_after=False)

    def answer_stop_reason(self, reason: str) -> None:
        self._replace(stop_reason=reason)
        if self.recorder is not None:
            self.recorder.set_stop_reason(reason)

    def _replace(self, **changes: Any) -> None:
        from dataclasses import replace

        self.response = replace(self.response, **changes)

    def guidance(self) -> checkin.Guidance:
        """What the app says back to this session's answers and the recent pattern."""
        from stretchapp.core import checkin

        recent = self.app.history.responses(limit=checkin.PATTERN_OF)
        return checkin.guidance(self.response, recent)

    def gentle_available(self) -> bool:
        """Whether "Gentle days" exists and is not the routine being followed."""
        from stretchapp.core import checkin

        gentle = self.app.library.routine(checkin.GENTLE_ROUTINE_ID)
        return gentle is not None and gentle is not self.routine

    def _heartbeat(self) -> None:
        session, recorder = self.session, self.recorder
        if recorder is not None and session is not None and session.state.value == "running":
            recorder.heartbeat()

    def end(self) -> None:
        """Stop a session still running, close its record, stop the heartbeat."""
        session = self.session
        if session is None:
            return
        if session.state.value in ("running", "paused"):
            session.stop()
        self.heartbeat.stop()
        if self.recorder is not None:
            self.recorder.close()
            self.recorder = None
        self.session = None
        self.running_changed.emit(False)


class AppController(QObject):
    """The application: paths, library, settings, history, the session and the notices."""

    reloaded = Signal()  # the library was read again
    notice = Signal(object)  # a Notice for the person
    history_opened = Signal()

    def __init__(
        self,
        paths: Paths,
        library: Library,
        settings: SettingsModel,
        *,
        history: HistoryStore | None = None,
        history_notice: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.library = library
        shown_names.use_library(library)  # History and the report name bundled items as it does
        self.settings = settings
        settings.setParent(self)
        self._history = history  # opened on first use unless given
        self.history_notice = history_notice
        self.session = SessionController(self)
        self._timing = settings.value.timing
        settings.changed.connect(self._settings_changed)

    @classmethod
    def load(cls, paths: Paths, *, library: Library | None = None) -> AppController:
        """The app over the user's files: their settings (and what was wrong in them) and
        every routine found (or `library`, when it was loaded already)."""
        store = SettingsStore(paths)
        settings, messages = store.load()
        if library is None:
            library = read_library(paths)
        return cls(paths, library, SettingsModel(store, settings, messages))

    # ---- the library ----

    def reload_library(self) -> None:
        """Read the routine files again (after a save, delete, import, or new timings)."""
        self.library = read_library(self.paths)
        shown_names.use_library(self.library)
        self.reloaded.emit()

    def routine(self, routine_id: str) -> Routine | None:
        return self.library.routine(routine_id)

    def _settings_changed(self, new: object) -> None:
        assert isinstance(new, Settings)
        if new.timing != self._timing:
            self._timing = new.timing
            self.reload_library()  # every total shown follows the new get-ready and rest

    # ---- the history ----

    @property
    def history_is_open(self) -> bool:
        return self._history is not None

    @property
    def history(self) -> HistoryStore:
        if self._history is None:
            from stretchapp.core.history import HistoryStore

            self._history, notice = HistoryStore.open(self.paths.history_db)
            if notice:
                self.history_notice = notice
                self.notify(notice)
            self.history_opened.emit()
        return self._history

    def close_history(self) -> None:
        if self._history is not None:
            self._history.close()

    # ---- notices ----

    def notify(
        self,
        text: str,
        action: str = "",
        then: Callable[[], object] | None = None,
        *,
        problem: bool = False,
    ) -> None:
        self.notice.emit(Notice(text, action, then, problem))


def read_library(paths: Paths) -> Library:
    return load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)
