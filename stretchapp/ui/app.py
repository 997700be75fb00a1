"""The main window: a few destinations on the left, the page on the right."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLoggingCategory, QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stretchapp import APP_NAME, __version__
from stretchapp.core.palette import Palette
from stretchapp.core.paths import Paths
from stretchapp.core.routines import Library, load_library
from stretchapp.core.settings import Settings, SettingsStore, defaults
from stretchapp.ui import theme
from stretchapp.ui.illustration import Illustration
from stretchapp.ui.library import LibraryPage, RoutineDetailPage, plain_label
from stretchapp.ui.overlay import show_in_window

if TYPE_CHECKING:  # imported where first needed, so that start-up stays quick
    from stretchapp.core.history import HistoryStore, SessionRecorder
    from stretchapp.ui.editor import RoutineBuilder
    from stretchapp.ui.history import HistoryPage
    from stretchapp.ui.player import PlayerPage, Speaker
    from stretchapp.ui.settings import SettingsPage


HEARTBEAT_MS = 5000
APP_ID = "io.github.stretchapp.StretchApp"  # the desktop entry's and the icon's name


class MainWindow(QMainWindow):
    """A few destinations on the left; a session takes over the whole window."""

    settings_applied = Signal(object)  # Settings, after every change
    session_changed = Signal(bool)  # a session took over the window (True) or gave it back

    def __init__(
        self,
        paths: Paths,
        library: Library,
        palette: Palette,
        speaker: Speaker | None = None,
        *,
        store: SettingsStore | None = None,
        settings: Settings | None = None,
        messages: Sequence[str] = (),
        theme_override: str | None = None,
        history: HistoryStore | None = None,
        history_notice: str | None = None,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.library = library
        self.palette_ = palette
        self.dark = theme.is_dark(palette)
        self.store = store if store is not None else SettingsStore(paths)
        self.settings = settings if settings is not None else defaults()
        self.settings_messages = list(messages)
        self.theme_override = theme_override
        self._speaker = speaker  # made on first use: sound set-up costs start-up time
        self.player: PlayerPage | None = None
        self._factories: dict[int, Callable[[], QWidget]] = {}
        self.settings_page: SettingsPage | None = None
        self._history = history  # opened on first use unless given
        self.history_notice = history_notice
        self.history_page: HistoryPage | None = None
        self.recorder: SessionRecorder | None = None
        # While a session runs, its active time is written every few seconds (a crash then
        # loses at most that much); the timer sleeps otherwise.
        self.heartbeat = QTimer(self)
        self.heartbeat.setInterval(HEARTBEAT_MS)
        self.heartbeat.timeout.connect(self._heartbeat)
        # Asked first when the window is closed; True: it only hid (into the tray).
        self.close_hook: Callable[[QCloseEvent], bool] | None = None
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(800, 600)
        self.resize(1100, 760)
        screen = QGuiApplication.primaryScreen()
        if screen is not None:  # a first start on a small screen: fit it (remembered later)
            self.resize(self.size().boundedTo(screen.availableGeometry().size()))

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        side = QWidget()
        side.setObjectName("nav")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        title = plain_label(APP_NAME, "appTitle", wrap=False)
        side_layout.addWidget(title)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(190)
        self.nav.setAccessibleName("Sections")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_layout.addWidget(self.nav, 1)
        row.addWidget(side)
        self.side = side
        self.stack = QStackedWidget()
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._builder: RoutineBuilder | None = None
        self.library_page = LibraryPage(
            library, self.dark, str(paths.user_routines_dir), timing=self.settings.timing
        )
        self._connect_library_page()
        self.setAcceptDrops(True)  # a shared routine file dropped on the window is imported
        self.routines_stack = QStackedWidget()
        self.routines_stack.addWidget(self.library_page)
        self.detail_page: RoutineDetailPage | None = None
        if history_notice:
            self.library_page.add_notice(history_notice)
        self.add_section("Routines", self.routines_stack)
        self.add_section("History", self._make_history_page)
        self.add_section("Settings", self._make_settings_page)
        self.nav.currentRowChanged.connect(self.show_section)
        self.nav.setCurrentRow(0)
        from stretchapp.ui import shortcuts

        shortcuts.install(self)  # Ctrl+1/2/3, Ctrl+Z, Ctrl+Q (core/keys.py)

    # ---- sections ----

    def add_section(self, name: str, page: QWidget | Callable[[], QWidget]) -> int:
        """Add a destination; a factory builds its page the first time it is opened."""
        self.nav.addItem(QListWidgetItem(name))
        index = self.nav.count() - 1
        if isinstance(page, QWidget):
            self.stack.insertWidget(index, page)
        else:
            self._factories[index] = page
            self.stack.insertWidget(index, QWidget())
        return index

    def section_page(self, index: int) -> QWidget:
        factory = self._factories.pop(index, None)
        if factory is not None:
            placeholder = self.stack.widget(index)
            page = factory()
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        return self.stack.widget(index)

    def show_section(self, index: int) -> None:
        if index < 0:
            return
        page = self.section_page(index)
        if page is self.history_page and self.history_page is not None:
            self.history_page.refresh()  # sessions may have been added since it was built
        self.stack.setCurrentWidget(page)

    @property
    def history(self) -> HistoryStore:
        if self._history is None:
            from stretchapp.core.history import HistoryStore

            self._history, notice = HistoryStore.open(self.paths.history_db)
            if notice:
                self.history_notice = notice
                self.library_page.add_notice(notice)
        return self._history

    def _make_history_page(self) -> QWidget:
        from stretchapp.ui.history import HistoryPage

        page = HistoryPage(self.history, self.palette_)
        page.start_requested.connect(self.start_routine)
        page.clinic_requested.connect(lambda: self.open_settings("Your clinic"))
        if self.history_notice:
            page.set_notice(self.history_notice)
        self.history_page = page
        return page

    def open_settings(self, section: int | str = 0) -> SettingsPage:
        from stretchapp.ui.settings import SettingsPage

        index = next(i for i in range(self.nav.count()) if self.nav.item(i).text() == "Settings")
        self.nav.setCurrentRow(index)
        page = self.section_page(index)
        assert isinstance(page, SettingsPage)
        page.show_section(section)
        return page

    def _make_settings_page(self) -> QWidget:
        from stretchapp.ui.settings import SettingsPage

        page = SettingsPage(
            self.paths,
            self.store,
            self.settings,
            self.settings_messages,
            [(r.id, r.name) for r in self.library.routines],
        )
        page.settings_changed.connect(self.apply_settings)
        self.settings_page = page
        return page

    # ---- settings ----

    def change_settings(self, **changes: object) -> None:
        """Change settings from outside the pane, through it when it exists."""
        if self.settings_page is not None:
            self.settings_page.change(**changes)
            return
        new = self.settings.replace(**changes)
        self.store.save(new)
        self.apply_settings(new)

    def apply_settings(self, new: object) -> None:
        assert isinstance(new, Settings)
        old, self.settings = self.settings, new
        if new.theme != old.theme and self.theme_override is None:
            self.apply_palette(theme.resolve(new.theme))
        if self._speaker is not None:
            configure_speaker(self._speaker, new)
        if new.timing != old.timing:
            self.reload_library()  # every total shown follows the new get-ready and rest
        self.settings_applied.emit(new)

    def apply_palette(self, palette: Palette) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme.apply(app, palette)
        self.palette_ = palette
        self.dark = theme.is_dark(palette)
        for picture in self.findChildren(Illustration):
            picture.set_dark(self.dark)

    def open_routine(self, routine_id: str) -> RoutineDetailPage | None:
        routine = self.library.routine(routine_id)
        if routine is None:
            return None
        if self.detail_page is not None:
            self.routines_stack.removeWidget(self.detail_page)
            self.detail_page.deleteLater()
        from stretchapp.core.editing import can_edit

        editable = can_edit(routine, self.library)
        self.detail_page = RoutineDetailPage(
            routine, self.dark, editable=editable, timing=self.settings.timing
        )
        self.detail_page.back_requested.connect(self.show_library)
        self.detail_page.start_requested.connect(self.start_routine)
        self.detail_page.edit_requested.connect(lambda rid: self.builder.edit(rid))
        self.detail_page.duplicate_requested.connect(lambda rid: self.builder.duplicate(rid))
        self.detail_page.delete_requested.connect(lambda rid: self.builder.delete(rid))
        self.detail_page.export_requested.connect(lambda rid: self.builder.export(rid))
        self.routines_stack.addWidget(self.detail_page)
        self.routines_stack.setCurrentWidget(self.detail_page)
        self.detail_page.setFocus()
        return self.detail_page

    @property
    def speaker(self) -> Speaker:
        if self._speaker is None:
            self._speaker = make_speaker(self.paths, self)
            configure_speaker(self._speaker, self.settings)
        return self._speaker

    def start_routine(self, routine_id: str) -> PlayerPage | None:
        """A session takes over the window (the sections are hidden) until it is left."""
        routine = self.library.routine(routine_id)
        if routine is None or self.player is not None:
            return None
        from stretchapp.core.history import SessionRecorder, wall_clock_from
        from stretchapp.core.session import Session, boot_clock_ms
        from stretchapp.ui.history import FeelingCheckIn
        from stretchapp.ui.player import PlayerPage

        session = Session(
            routine,
            default_get_ready=self.settings.get_ready_seconds,
            default_rest=self.settings.rest_seconds,
        )
        self.player = PlayerPage(
            session,
            self.palette_,
            self.speaker,
            dark=self.dark,
            sound_note=self.speaker.status(),
        )
        player = self.player
        player.leave_requested.connect(self.leave_player)
        player.full_screen_toggled.connect(self.toggle_full_screen)
        self.recorder = SessionRecorder(
            self.history,
            session,
            routine,
            wall_clock_from(boot_clock_ms),
            on_error=player.show_problem,
        )
        recorder = self.recorder
        self.heartbeat.start()
        self.session_changed.emit(True)
        said: dict[str, int | str | None] = {"before": None}
        player.finished.connect(lambda _summary: self._answer_session(player, recorder, said))
        self.side.hide()
        self.stack.addWidget(player)
        self.stack.setCurrentWidget(player)
        if self.settings.start_full_screen and not self.isFullScreen():
            self.showFullScreen()
        if self.settings.checkin_before:
            check_in = FeelingCheckIn("before")

            def begin(value: object) -> None:
                from stretchapp.core.checkin import before_note

                before = value if isinstance(value, int) else None
                recorder.set_feeling_before(before)
                said["before"] = before
                player.set_note(before_note(before))
                if check_in.dont_ask.isChecked():
                    self.change_settings(checkin_before=False)
                player.start()

            check_in.answered.connect(begin)
            player.show_before(check_in)
        else:
            player.start()
        return player

    def _heartbeat(self) -> None:
        player, recorder = self.player, self.recorder
        if recorder is not None and player is not None and player.session.state.value == "running":
            recorder.heartbeat()

    def _answer_session(
        self, player: PlayerPage, recorder: SessionRecorder, said: dict[str, int | str | None]
    ) -> None:
        """The finish screen: after a Stop, why (one optional tap); the after check-in; and
        the app's answer to both (core/checkin.py decides what it says)."""
        from stretchapp.core import checkin
        from stretchapp.ui.guidance import GuidanceCard, StopReasonQuestion
        from stretchapp.ui.history import FeelingCheckIn

        stopped = player.session.state.value == "stopped"
        card = GuidanceCard()
        card.gentle_available = (
            self.library.routine(checkin.GENTLE_ROUTINE_ID) is not None
            and self.library.routine(checkin.GENTLE_ROUTINE_ID) is not player.routine
        )

        def update() -> None:
            before, after, reason = said.get("before"), said.get("after"), said.get("stop")
            now = checkin.Response(
                before if isinstance(before, int) else None,
                after if isinstance(after, int) else None,
                reason if isinstance(reason, str) else None,
            )
            recent = self.history.responses(limit=checkin.PATTERN_OF)
            said_back = checkin.guidance(now, recent)
            card.show_guidance(said_back)
            # "Your back will thank you" does not sit beside "go easier next time".
            player.finish_note.setVisible(not said_back.title)

        if stopped:
            question = StopReasonQuestion()

            def chosen(reason: str) -> None:
                recorder.set_stop_reason(reason)
                said["stop"] = reason
                update()

            question.chosen.connect(chosen)
            player.show_after(question)
        summary = player.summary
        worked = summary is not None and summary.done + summary.skipped > 0
        if self.settings.checkin_after and (worked or stopped):
            check_in = FeelingCheckIn("after")

            def answered(value: object) -> None:
                after = value if isinstance(value, int) else None
                recorder.set_feeling_after(after)
                said["after"] = after
                if check_in.dont_ask.isChecked():
                    self.change_settings(checkin_after=False)
                check_in.hide()
                update()
                player.done_button.setFocus()

            check_in.answered.connect(answered)
            player.show_after(check_in)
        card.gentle_requested.connect(lambda: self._leave_to(self._open_gentle))
        card.clinic_requested.connect(lambda: self._leave_to(self._open_clinic))
        card.get_help_requested.connect(lambda: self._leave_to(self.open_get_help))
        player.show_after(card)
        update()

    def _leave_to(self, then: Callable[[], object]) -> None:
        """Leave the finish screen, then go somewhere (after the player is gone)."""
        self.leave_player()
        then()

    def _open_gentle(self) -> None:
        from stretchapp.core.checkin import GENTLE_ROUTINE_ID

        self.nav.setCurrentRow(0)
        self.open_routine(GENTLE_ROUTINE_ID)

    def _open_clinic(self) -> None:
        self.open_settings("Your clinic")

    def open_get_help(self) -> QWidget | None:
        """Settings → About back spasms, scrolled to "When to get help"; returns that card."""
        from PySide6.QtWidgets import QScrollArea

        from stretchapp.core.checkin import GET_HELP_TITLE

        page = self.open_settings("About back spasms")
        target = next(
            (w for w in page.findChildren(QWidget) if w.accessibleName() == GET_HELP_TITLE),
            None,
        )
        if target is not None:
            parent = target.parentWidget()
            while parent is not None and not isinstance(parent, QScrollArea):
                parent = parent.parentWidget()
            if isinstance(parent, QScrollArea):
                area = parent

                def scroll() -> None:
                    body = area.widget()
                    if body is not None:  # its heading at the top, not just somewhere in view
                        top = target.mapTo(body, target.rect().topLeft()).y()
                        area.verticalScrollBar().setValue(top)

                QTimer.singleShot(0, scroll)
        return target

    def leave_player(self) -> None:
        player = self.player
        if player is None:
            return
        if player.session.state.value in ("running", "paused"):
            player.session.stop()
        player.shutdown()
        self.heartbeat.stop()
        if self.recorder is not None:
            self.recorder.close()
            self.recorder = None
        self.player = None
        self.stack.removeWidget(player)
        player.deleteLater()
        if self.isFullScreen():
            self.showNormal()
        self.side.show()
        self.show_section(self.nav.currentRow())
        self.show_library()
        self.session_changed.emit(False)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_hook is not None and self.close_hook(event):
            return
        builder = self._builder
        if builder is not None and builder.editor is not None and builder.editor.draft.dirty:
            event.ignore()  # unsaved changes in the routine editor: ask first
            self.routines_stack.setCurrentWidget(builder.editor)
            builder.leave(then=self.close)
            return
        self.save_state()
        if self.player is not None:
            self.leave_player()
        if self._history is not None:
            self._history.close()
        super().closeEvent(event)

    def save_state(self) -> None:
        from stretchapp.ui import window_state

        window_state.save(self, self.paths.config_dir)

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def handle_request(self, request: object) -> None:
        """A second `stretchapp` handed its request over: come to the front (and start)."""
        self.bring_to_front()
        if isinstance(request, dict) and request.get("action") == "start":
            routine = self.library.routine(str(request.get("routine")))
            if routine is not None and self.player is None:
                self.start_routine(routine.id)

    # ---- the routine builder ----

    @property
    def builder(self) -> RoutineBuilder:
        if self._builder is None:
            from stretchapp.ui.editor import RoutineBuilder

            self._builder = RoutineBuilder(self)
        return self._builder

    def _connect_library_page(self) -> None:
        page = self.library_page
        page.routine_opened.connect(self.open_routine)
        page.start_requested.connect(self.start_routine)
        page.new_requested.connect(lambda: self.builder.new_routine())
        page.import_requested.connect(lambda: self.builder.ask_import())

    def reload_library(self) -> None:
        """Read the routine files again (after a save, delete or import) and rebuild the
        library page; the routine shown in detail is shown again if it still exists."""
        self.library = load_library(
            self.paths.bundled_routines_dir, self.paths.user_routines_dir, self.paths.assets_dir
        )
        old = self.library_page
        self.library_page = LibraryPage(
            self.library, self.dark, str(self.paths.user_routines_dir), timing=self.settings.timing
        )
        self._connect_library_page()
        if self.history_notice:
            self.library_page.add_notice(self.history_notice)
        self.routines_stack.insertWidget(0, self.library_page)
        showing = self.routines_stack.currentWidget()
        self.routines_stack.removeWidget(old)
        old.deleteLater()
        detail = self.detail_page
        if detail is not None:
            self.detail_page = None
            self.routines_stack.removeWidget(detail)
            detail.deleteLater()
            if showing is detail and self.open_routine(detail.routine.id) is not None:
                return
        if showing is old or showing is detail:
            self.routines_stack.setCurrentWidget(self.library_page)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.player is None and _shared_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _shared_file(event.mimeData())
        if path is not None and self.player is None:
            event.acceptProposedAction()
            self.nav.setCurrentRow(0)
            self.builder.import_file(path)

    def show_library(self) -> None:
        self.routines_stack.setCurrentWidget(self.library_page)
        for card in self.library_page.cards:
            if self.detail_page is not None and card.routine.id == self.detail_page.routine.id:
                card.setFocus()


def _shared_file(mime: QMimeData) -> Path | None:
    """The one local .stretchapp file being dragged, if that is what it is."""
    from stretchapp.core.sharing import SHARE_SUFFIX

    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() == SHARE_SUFFIX else None


def _max_rss_kib() -> int:
    try:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    except ImportError:
        return 0


class FirstPaintProbe(QObject):
    """Reports the wall-clock time of the window's first paint (for the start-up benchmark
    and the real-window test), and quits then if asked to."""

    def __init__(self, quit_after: bool) -> None:
        super().__init__()
        self.quit_after = quit_after
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        rss_kib = _max_rss_kib()
        print(f"first-paint {time.time():.6f} rss-kib {rss_kib}", flush=True)  # noqa: T201
        if self.quit_after:
            QApplication.quit()


class _AfterFirstPaint(QObject):
    def __init__(self, window: QWidget, action: Callable[[], object]) -> None:
        super().__init__(window)
        self.action = action
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.action)
        return False


def after_first_paint(window: QWidget, action: Callable[[], object]) -> None:
    """Run `action` once the window has first been painted: work that is not needed to
    show the window waits until the person can see it."""
    _AfterFirstPaint(window, action)


def make_speaker(paths: Paths, parent: QObject) -> Speaker:
    from stretchapp.ui.player import CueSpeaker
    from stretchapp.ui.sound import CuePlayer, Voice

    return CueSpeaker(CuePlayer(paths.assets_dir / "sounds", parent), Voice(parent))


def configure_speaker(speaker: Speaker, settings: Settings) -> None:
    speaker.configure(
        sound=settings.sound,
        volume=settings.volume / 100,
        ticks=settings.ticks,
        voice=settings.voice,
    )


def create_window(paths: Paths, theme_choice: str | None = None) -> MainWindow:
    """The main window with the user's settings applied; `theme_choice` overrides theirs."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    store = SettingsStore(paths)
    settings, messages = store.load()
    palette = theme.resolve(theme_choice or settings.theme)
    theme.apply(app, palette)
    library = load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)
    return MainWindow(
        paths,
        library,
        palette,
        store=store,
        settings=settings,
        messages=messages,
        theme_override=theme_choice,
    )


def first_start(window: MainWindow, start: str | None) -> None:
    """After the window shows: the one-time safety note, then a routine asked for."""

    def then(_result: int = 0) -> None:
        if window.settings_messages:
            window.open_settings(0)
        if start is not None:
            window.start_routine(start)

    if window.settings.safety_note_seen or os.environ.get("STRETCHAPP_NO_SAFETY_NOTE"):
        then()
        return
    from stretchapp.ui.settings import SafetyNoteDialog

    def seen(result: int) -> None:
        window.change_settings(safety_note_seen=True)
        then(result)

    show_in_window(window, SafetyNoteDialog(), seen)


def app_icon(paths: Paths) -> QIcon:
    """The app's icon: the SVG, with the rendered PNG sizes where they exist."""
    folder = paths.assets_dir / "desktop"
    icon = QIcon(str(folder / f"{APP_ID}.svg"))
    for png in sorted((folder / "icons").glob(f"*/apps/{APP_ID}.png")):
        icon.addFile(str(png))
    return icon


def run(
    paths: Paths,
    theme_choice: str | None = None,
    start: str | None = None,
    background: bool = False,
) -> int:
    # Qt Multimedia reports every optional codec library it probes for; that is noise here.
    QLoggingCategory.setFilterRules(
        "qt.multimedia.symbolsresolver=false\nqt.multimedia.ffmpeg=false"
    )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    from stretchapp.ui import wheel_guard

    wheel_guard.install(app)  # the wheel scrolls pages; only a focused control takes it
    from stretchapp.ui import i18n_qt  # the language itself was chosen by the command line

    i18n_qt.install(app)
    from stretchapp.ui.single_instance import SingleInstance

    instance = SingleInstance(paths.config_dir)
    request = {"action": "start", "routine": start} if start else {"action": "show"}
    if not instance.claim():
        if instance.hand_off(request):
            return 0  # the running copy came to the front
        print(  # noqa: T201
            "stretchapp: another StretchApp is running but did not answer; try again",
            file=sys.stderr,
        )
        return 1
    icon = app_icon(paths)
    app.setWindowIcon(icon)
    window = create_window(paths, theme_choice)
    window.setWindowIcon(icon)
    from stretchapp.ui import window_state
    from stretchapp.ui.tray import Companion

    window_state.restore(window, paths.config_dir)
    window.destroyed.connect(instance.close)
    instance.request_received.connect(window.handle_request)
    probe_mode = os.environ.get("STRETCHAPP_FIRST_PAINT")  # "report" or "quit"
    if probe_mode:
        probe = FirstPaintProbe(quit_after=probe_mode == "quit")
        window.installEventFilter(probe)
    if background and window.settings.reminders:
        # Hiding into the tray is not closing: the app quits only when the window closes.
        companion = Companion(window, icon)
        window.companion = companion  # type: ignore[attr-defined]
        if companion.tray is not None:
            QTimer.singleShot(0, lambda: window.history)  # the window opens from the tray
            return app.exec()
    window.show()

    def settle() -> None:
        # Once the window is on screen: the tray and reminders, the history (so a damaged
        # one is reported at once), then the one-time safety note and any routine asked for.
        if not hasattr(window, "companion"):
            window.companion = Companion(window, icon)  # type: ignore[attr-defined]
        window.history  # noqa: B018 - opened now for its notice
        first_start(window, start)

    after_first_paint(window, settle)
    return app.exec()
