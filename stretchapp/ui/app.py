"""The main window: a few destinations on the left, the page on the right."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLoggingCategory, QMimeData, QObject, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QPaintEvent,
)
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
from stretchapp.core import drawing, parsecache
from stretchapp.core.i18n import N_, _
from stretchapp.core.palette import Palette
from stretchapp.core.parsecache import ParseCache
from stretchapp.core.paths import Paths
from stretchapp.core.routines import Library
from stretchapp.core.settings import Settings, SettingsStore, defaults
from stretchapp.ui import early_widgets, figure_cache, theme
from stretchapp.ui.controller import AppController, Notice, SettingsModel
from stretchapp.ui.illustration import Illustration
from stretchapp.ui.instance_probe import another_copy_answers
from stretchapp.ui.library import LibraryPage, RoutineDetailPage, plain_label
from stretchapp.ui.navigator import CloseGuard

if TYPE_CHECKING:  # imported where first needed, so that start-up stays quick
    from PySide6.QtGui import QShortcut

    from stretchapp.core.history import HistoryStore, SessionRecorder
    from stretchapp.ui.editor import RoutineBuilder
    from stretchapp.ui.figure_store import FigureStore
    from stretchapp.ui.history import HistoryPage
    from stretchapp.ui.player import PlayerPage, Speaker
    from stretchapp.ui.settings import SettingsPage
    from stretchapp.ui.single_instance import SingleInstance
    from stretchapp.ui.tray import Companion


# Shown on the player while a routine is tried out from the builder (nothing of it is kept).
PREVIEW_NOTE = N_("Preview: this try-out is not saved in your history.")
APP_ID = "io.github.stretchapp.StretchApp"  # the desktop entry's and the icon's name


class MainWindow(QMainWindow):
    """The shell: a few destinations on the left, the page on the right; a session takes over
    the whole window. What the app holds and does lives in `self.app` (ui/controller.py); this
    window is the `Navigator` (ui/navigator.py) that pages, the builder and the tray ask."""

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
        app: AppController | None = None,
    ) -> None:
        super().__init__()
        if app is None:
            model = SettingsModel(
                store if store is not None else SettingsStore(paths),
                settings if settings is not None else defaults(),
                messages,
            )
            app = AppController(
                paths, library, model, history=history, history_notice=history_notice
            )
        self.app = app
        app.setParent(self)
        self.palette_ = palette
        self.dark = theme.is_dark(palette)
        self.theme_override = theme_override
        self._theme_choice = app.settings.value.theme
        self._speaker = speaker  # made on first use: sound set-up costs start-up time
        self.player: PlayerPage | None = None
        self._factories: dict[int, Callable[[], QWidget]] = {}
        self.settings_page: SettingsPage | None = None
        self.history_page: HistoryPage | None = None
        self._close_guard: CloseGuard | None = None
        self._builder: RoutineBuilder | None = None
        self.detail_page: RoutineDetailPage | None = None
        self.reminder_status = ""  # the tray's line for the Settings pane
        self._after_first_paint: list[Callable[[], object]] = []  # see after_first_paint()
        self.shortcuts: list[QShortcut] = []  # the window's and the library's, once painted
        # When the next reminder is and a test one, from the reminders' companion (ui/tray.py)
        self._reminder_hooks: tuple[Callable[[], str], Callable[[], object]] | None = None
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(800, 600)
        self.resize(1100, 760)
        screen = QGuiApplication.primaryScreen()
        if screen is not None:  # a first start on a small screen: fit it (remembered later)
            self.resize(self.size().boundedTo(screen.availableGeometry().size()))
        self._build_layout()
        self.setAcceptDrops(True)  # a shared routine file dropped on the window is imported
        self.routines_stack.addWidget(self.library_page)
        self.add_section(_("Routines"), self.routines_stack)
        self.add_section(_("History"), self._make_history_page)
        self.settings_section = self.add_section(_("Settings"), self._make_settings_page)
        self.nav.currentRowChanged.connect(self.show_section)
        self.nav.setCurrentRow(0)
        app.settings.changed.connect(self.apply_settings)
        app.reloaded.connect(self._library_reloaded)
        app.notice.connect(self._show_notice)
        # No key can reach the window before it shows: its shortcuts are bound once it has
        # painted (core/keys.py and the key types then need not load before).
        self.after_first_paint(self.install_shortcuts)

    def install_shortcuts(self) -> list[QShortcut]:
        """Ctrl+1/2/3, Ctrl+Z, Ctrl+Q and the library's Ctrl+N, Ctrl+O (core/keys.py), once."""
        if not self.shortcuts:
            from stretchapp.ui import shortcuts

            self.shortcuts = shortcuts.install(self) + self.library_page.install_shortcuts()
        return self.shortcuts

    def _build_layout(self) -> None:
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        side = QWidget()
        side.setObjectName("nav")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(plain_label(APP_NAME, "appTitle", wrap=False))
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(190)
        self.nav.setAccessibleName(_("Sections"))
        early_widgets.no_horizontal_scroll_bar(self.nav)
        side_layout.addWidget(self.nav, 1)
        row.addWidget(side)
        self.side = side
        self.stack = QStackedWidget()
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        # Made inside the window's stack: the library page built in it is then polished for
        # the style sheet once, not again when the stack joins the window (about 3 ms).
        self.routines_stack = QStackedWidget(self.stack)
        self.library_page = self._make_library_page()

    # ---- what the application holds, for reading ----

    @property
    def paths(self) -> Paths:
        return self.app.paths

    @property
    def library(self) -> Library:
        return self.app.library

    @property
    def settings(self) -> Settings:
        return self.app.settings.value

    @property
    def settings_messages(self) -> list[str]:
        return self.app.settings.messages

    @property
    def history(self) -> HistoryStore:
        return self.app.history

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
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
        shown = self.stack.widget(index)
        assert shown is not None
        return shown

    def show_section(self, index: int) -> None:
        if index < 0:
            return
        page = self.section_page(index)
        if page is self.history_page and self.history_page is not None:
            self.history_page.refresh()  # sessions may have been added since it was built
        self.stack.setCurrentWidget(page)

    def _make_history_page(self) -> QWidget:
        from stretchapp.ui.history import HistoryPage

        page = HistoryPage(self.app.history, self.palette_)
        page.start_requested.connect(self.start_routine)
        page.clinic_requested.connect(lambda: self.open_settings("Your clinic"))
        page.report_person = self.app.settings.value.report_name
        page.report_person_changed.connect(self._remember_report_name)
        if self.app.history_notice:
            page.set_notice(self.app.history_notice)
        self.history_page = page
        return page

    def _remember_report_name(self, name: str) -> None:
        """The name for the next report; one the settings cannot hold is used only this time."""
        with contextlib.suppress(ValueError):
            self.app.settings.change(report_name=name)

    def open_settings(self, section: int | str = 0) -> SettingsPage:
        from stretchapp.ui.settings import SettingsPage

        index = self.settings_section
        self.nav.setCurrentRow(index)
        page = self.section_page(index)
        assert isinstance(page, SettingsPage)
        page.show_section(section)
        return page

    def _make_settings_page(self) -> QWidget:
        from stretchapp.ui.settings import SettingsPage

        page = SettingsPage(
            self.app.paths,
            self.app.settings,
            [(r.id, r.name) for r in self.app.library.routines],
        )
        self.settings_page = page
        if self._reminder_hooks is not None:
            page.preferences.attach_reminders(*self._reminder_hooks)
        self.show_reminder_status(self.reminder_status)
        return page

    def show_reminder_status(self, text: str) -> None:
        """The tray's line about the next reminder, shown in the Settings pane."""
        self.reminder_status = text
        if self.settings_page is not None:
            self.settings_page.preferences.show_reminder_status(text, self.settings.reminders)

    # ---- settings ----

    def apply_settings(self, new: object) -> None:
        assert isinstance(new, Settings)
        if new.theme != self._theme_choice and self.theme_override is None:
            self.apply_palette(theme.resolve(new.theme))
        self._theme_choice = new.theme
        if self._speaker is not None:
            configure_speaker(self._speaker, new)

    def follow_system_look(self) -> None:
        """The system's light or dark look, now and whenever it changes, for the "system"
        theme. (The first paint took the look remembered from the last run: asking the
        system before it would have cost the start 14-18 ms; see ui/early_widgets.py.)"""
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_look_changed)
        self._system_look_changed()

    def _system_look_changed(self, *_scheme: object) -> None:
        from stretchapp.ui import window_state

        dark = theme.system_prefers_dark()
        window_state.remember_system_dark(self.app.paths.config_dir, dark)
        if (self.theme_override or self._theme_choice) == "system" and dark != self.dark:
            self.apply_palette(theme.resolve("system", dark))

    def apply_palette(self, palette: Palette) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme.apply(app, palette)
        self.palette_ = palette
        self.dark = theme.is_dark(palette)
        for picture in self.findChildren(Illustration):
            picture.set_dark(self.dark)

    # ---- the Routines section (Navigator) ----

    def dialog_host(self) -> QWidget:
        return self

    def show_routines_page(self, page: QWidget) -> None:
        if self.routines_stack.indexOf(page) < 0:
            self.routines_stack.addWidget(page)
        self.routines_stack.setCurrentWidget(page)

    def remove_routines_page(self, page: QWidget) -> None:
        self.routines_stack.removeWidget(page)

    def open_routine(self, routine_id: str) -> RoutineDetailPage | None:
        routine = self.app.routine(routine_id)
        if routine is None:
            return None
        if self.detail_page is not None:
            self.routines_stack.removeWidget(self.detail_page)
            self.detail_page.deleteLater()
        from stretchapp.core.editing import can_edit

        editable = can_edit(routine, self.app.library)
        self.detail_page = RoutineDetailPage(
            routine, self.dark, editable=editable, timing=self.settings.timing
        )
        self.detail_page.back_requested.connect(self.show_library)
        self.detail_page.start_requested.connect(self.start_routine)
        self.detail_page.edit_requested.connect(lambda rid: self.builder.edit(rid))
        self.detail_page.duplicate_requested.connect(lambda rid: self.builder.duplicate(rid))
        self.detail_page.delete_requested.connect(lambda rid: self.builder.delete(rid))
        self.detail_page.export_requested.connect(lambda rid: self.builder.export(rid))
        self.show_routines_page(self.detail_page)
        self.detail_page.setFocus()
        return self.detail_page

    def show_library(self) -> None:
        self.routines_stack.setCurrentWidget(self.library_page)
        for card in self.library_page.cards:
            if self.detail_page is not None and card.routine.id == self.detail_page.routine.id:
                card.setFocus()

    @property
    def builder(self) -> RoutineBuilder:
        if self._builder is None:
            from stretchapp.ui.editor import RoutineBuilder

            self._builder = RoutineBuilder(self.app, self, parent=self)
        return self._builder

    def _make_library_page(self) -> LibraryPage:
        page = LibraryPage(
            self.app.library,
            self.dark,
            str(self.app.paths.user_routines_dir),
            self.routines_stack,
            timing=self.settings.timing,
            shortcuts_now=bool(self.shortcuts),  # the first page's: with the window's
        )
        page.routine_opened.connect(self.open_routine)
        page.start_requested.connect(self.start_routine)
        page.new_requested.connect(lambda: self.builder.new_routine())
        page.import_requested.connect(lambda: self.builder.ask_import())
        if self.app.history_notice:
            page.add_notice(self.app.history_notice)
        return page

    def _library_reloaded(self) -> None:
        """Rebuild the library page; the routine shown in detail is shown again if it still
        exists."""
        old = self.library_page
        self.library_page = self._make_library_page()
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

    def _show_notice(self, notice: object) -> None:
        assert isinstance(notice, Notice)
        self.library_page.add_notice(
            notice.text, notice.action, notice.then, problem=notice.problem
        )

    # ---- a session ----

    @property
    def speaker(self) -> Speaker:
        if self._speaker is None:
            self._speaker = make_speaker(self.app.paths, self)
            configure_speaker(self._speaker, self.settings)
        return self._speaker

    @property
    def recorder(self) -> SessionRecorder | None:
        return self.app.session.recorder

    def start_routine(self, routine_id: str, *, preview: bool = False) -> PlayerPage | None:
        """A session takes over the window (the sections are hidden) until it is left. A
        finish screen still up is left first; a session still going is not interrupted
        (None). A `preview` (from the routine builder) is not recorded and asks nothing."""
        routine = self.app.routine(routine_id)
        if routine is None or self.app.session.in_progress:
            return None
        if self.player is not None:  # its finish screen: that session has ended
            self.leave_player()
        from stretchapp.ui.player import PlayerPage
        from stretchapp.ui.session_flow import ask_after, ask_before

        problems: list[Callable[[str], None]] = []
        session = self.app.session.begin(
            routine, on_error=lambda text: problems[0](text), record=not preview
        )
        player = PlayerPage(
            session, self.palette_, self.speaker, dark=self.dark, sound_note=self.speaker.status()
        )
        problems.append(player.show_problem)
        self.player = player
        player.leave_requested.connect(self.leave_player)
        player.full_screen_toggled.connect(self.toggle_full_screen)
        if preview:
            player.set_note(_(PREVIEW_NOTE))
            player.mark_preview()
        else:
            player.finished.connect(
                lambda _summary: ask_after(self.app.session, player, self._guidance_targets())
            )
        self.side.hide()
        self.stack.addWidget(player)
        self.stack.setCurrentWidget(player)
        if self.settings.start_full_screen and not self.isFullScreen():
            self.showFullScreen()
        if self.settings.checkin_before and not preview:
            ask_before(self.app.session, player)
        else:
            player.start()
        return player

    def _guidance_targets(self) -> dict[str, Callable[[], object]]:
        """Where the finish screen's suggestions lead (after the player is gone)."""
        return {
            "gentle": lambda: self._leave_to(self._open_gentle),
            "clinic": lambda: self._leave_to(lambda: self.open_settings("Your clinic")),
            "get_help": lambda: self._leave_to(self.open_get_help),
        }

    def _leave_to(self, then: Callable[[], object]) -> None:
        """Leave the finish screen, then go somewhere (after the player is gone)."""
        self.leave_player()
        then()

    def _open_gentle(self) -> None:
        from stretchapp.core.checkin import GENTLE_ROUTINE_ID

        self.nav.setCurrentRow(0)
        self.open_routine(GENTLE_ROUTINE_ID)

    def open_get_help(self) -> QWidget | None:
        """Settings → About back spasms, scrolled to "When to get help"; returns that card."""
        from PySide6.QtWidgets import QScrollArea

        page = self.open_settings("About back spasms")
        # By a mark, not by its title: the title is in the person's language.
        target = next((w for w in page.findChildren(QWidget) if w.property("redFlags")), None)
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
        self.app.session.end()
        player.shutdown()
        self.player = None
        self.stack.removeWidget(player)
        player.deleteLater()
        if self.isFullScreen():
            self.showNormal()
        self.side.show()
        self.show_section(self.nav.currentRow())
        self.show_library()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    # ---- the window (Navigator) ----

    def after_first_paint(self, action: Callable[[], object], first: bool = False) -> None:
        """Run `action` once the window has first been painted (before the others waiting when
        `first`): work that is not needed to show the window waits until the person can see it.

        The window's own `paintEvent` tells, not an event filter: PySide hands a filter every
        event as its exact Python type, and making those types (some 40 kinds of event reach a
        window before it shows) cost the first paint about 3 ms."""
        if first:
            self._after_first_paint.insert(0, action)
        else:
            self._after_first_paint.append(action)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._after_first_paint:  # the first paint: what waited for it runs right after
            actions, self._after_first_paint = self._after_first_paint, []
            for action in actions:
                QTimer.singleShot(0, action)

    def set_close_guard(self, guard: CloseGuard | None) -> None:
        self._close_guard = guard

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._close_guard is not None and self._close_guard(event):
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
        self.app.close_history()
        super().closeEvent(event)

    def save_state(self) -> None:
        from stretchapp.ui import window_state

        window_state.save(self, self.app.paths.config_dir, theme.system_prefers_dark())

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def window_visible(self) -> bool:
        return self.isVisible()

    def hide_window(self) -> None:
        if self.player is not None:
            self.leave_player()
        self.save_state()
        self.hide()

    def attach_reminders(self, status: Callable[[], str], send_test: Callable[[], object]) -> None:
        self._reminder_hooks = (status, send_test)
        if self.settings_page is not None:
            self.settings_page.preferences.attach_reminders(status, send_test)

    def close_window(self) -> None:
        self.close()

    def refusal(self, request: object) -> str | None:
        """Why a second `stretchapp`'s request cannot be honoured now (None: it can). The
        running copy answers with it, and the second process prints it and fails."""
        if not isinstance(request, dict) or request.get("action") != "start":
            return None
        routine_id = str(request.get("routine"))
        if self.app.routine(routine_id) is None:
            return _("StretchApp has no routine “{id}”").format(id=routine_id)
        if self.app.session.in_progress:
            return _("StretchApp is in the middle of a session: finish or stop it first")
        editor = self._builder.editor if self._builder is not None else None
        if editor is not None and editor.draft.dirty:
            return _(
                "a routine being edited in StretchApp has unsaved changes: save or cancel first"
            )
        from stretchapp.ui.overlay import Overlay

        if any(dialog.isVisible() for dialog in self.findChildren(Overlay)):
            return _("StretchApp is asking a question: answer or close it first")
        return None

    def quit_app(self) -> None:
        """Quit (Ctrl+Q), even when reminders keep the app in the tray, where closing the
        window only hides it."""
        guard, self._close_guard = self._close_guard, None
        if self.close():
            QApplication.quit()
        else:  # the editor asks about unsaved changes first
            self._close_guard = guard

    def handle_request(self, request: object) -> None:
        """A second `stretchapp` handed its request over: come to the front (and start,
        when `refusal()` has nothing against it; a finish screen is left for it)."""
        self.bring_to_front()
        start = isinstance(request, dict) and request.get("action") == "start"
        if start and isinstance(request, dict) and self.refusal(request) is None:
            self.start_routine(str(request.get("routine")))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.player is None and _shared_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _shared_file(event.mimeData())
        if path is not None and self.player is None:
            event.acceptProposedAction()
            self.nav.setCurrentRow(0)
            self.builder.import_file(path)


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


class FirstPaintProbe:
    """Reports the wall-clock time of the window's first paint (for the start-up benchmark
    and the real-window test), and quits then if asked to."""

    def __init__(self, quit_after: bool) -> None:
        self.quit_after = quit_after

    def report(self) -> None:
        rss_kib = _max_rss_kib()
        cpu_ms = time.process_time() * 1000
        print(  # noqa: T201
            f"first-paint {time.time():.6f} rss-kib {rss_kib} cpu-ms {cpu_ms:.1f}", flush=True
        )
        if self.quit_after:
            QApplication.quit()


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


def create_window(
    paths: Paths,
    theme_choice: str | None = None,
    *,
    library: Library | None = None,
    cache: ParseCache | None = None,
    system_dark: bool | None = None,
) -> MainWindow:
    """The main window with the user's settings applied; `theme_choice` overrides theirs.
    `system_dark`: the system's look, if known (else the system is asked).

    Settings and routine files are parsed through `cache` (the user's parse cache when not
    given; see core/parsecache.py), which is saved afterwards if it changed. A `library`
    already loaded (by `stretchapp start`, to check the id) is used as it is."""
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    if cache is None:
        cache = ParseCache(paths.parse_cache_file, __version__)
    with parsecache.using(cache):
        app = AppController.load(paths, library=library)
    # The cards' figures are framed from boxes kept in the cache (see drawing.frame_of).
    code = drawing.code_key(__version__)
    drawing.keep_frames_in(cache.frame_book(code))
    drawing.keep_stills_in(cache.still_book(code))  # and the cards' still figures
    palette = theme.resolve(theme_choice or app.settings.value.theme, system_dark)
    theme.apply(qt_app, palette)
    window = MainWindow(paths, app.library, palette, theme_override=theme_choice, app=app)
    cache.save()
    return window


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
    from stretchapp.ui.overlay import show_in_window
    from stretchapp.ui.settings import SafetyNoteDialog

    def seen(result: int) -> None:
        window.app.settings.change(safety_note_seen=True)
        then(result)

    show_in_window(window, SafetyNoteDialog(), seen)


def app_icon(paths: Paths) -> QIcon:
    """The app's icon, drawn from its SVG at whatever size is asked for.

    The PNGs under ``desktop/icons/hicolor/`` are renders of this same SVG for the desktop's
    icon theme (scripts/make-icons); they would add nothing here.
    """
    return QIcon(str(paths.assets_dir / "desktop" / f"{APP_ID}.svg"))


def run(
    paths: Paths,
    theme_choice: str | None = None,
    start: str | None = None,
    background: bool = False,
    *,
    library: Library | None = None,
    cache: ParseCache | None = None,
) -> int:
    """Open the window (or hand the request to the copy already running) and run the app.

    What is not needed to show the window waits until after its first paint: the local
    server that makes this the running copy, the tray and reminders, the history."""
    # Qt Multimedia reports every optional codec library it probes for; that is noise here.
    QLoggingCategory.setFilterRules(
        "qt.multimedia.symbolsresolver=false\nqt.multimedia.ffmpeg=false"
    )
    app = QApplication.instance() or theme.application(sys.argv[0] if sys.argv else APP_NAME)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    from stretchapp.ui import i18n_qt  # the language itself was chosen by the command line

    i18n_qt.install(app)
    request = {"action": "start", "routine": start} if start else {"action": "show"}
    instance: SingleInstance | None = None
    if another_copy_answers(paths.config_dir) is not False:
        # Someone may be running (or this system cannot be asked without Qt): settle it now,
        # so that a second start never shows a window of its own.
        claimed = _claim_or_hand_off(paths, request)
        if isinstance(claimed, int):
            return claimed
        instance = claimed
    icon = app_icon(paths)
    app.setWindowIcon(icon)
    from stretchapp.ui import window_state

    state = window_state.read(paths.config_dir)
    early_widgets.hold()  # until the first paint (see `settle`)
    window = create_window(
        paths,
        theme_choice,
        library=library,
        cache=cache,
        system_dark=window_state.remembered_system_dark(state),
    )
    window.setWindowIcon(icon)
    window_state.restore(window, state)
    companions: list[Companion] = []  # one: made at once in the background, else once shown

    def companion() -> Companion:
        if not companions:
            from stretchapp.ui.tray import Companion

            companions.append(Companion(window.app, window, icon))
            companions[0].status_changed.connect(window.show_reminder_status)
        return companions[0]

    if instance is not None:
        _serve(window, instance)
    if background and window.settings.reminders:
        if instance is None:
            claimed = _claim_or_hand_off(paths, request)
            if isinstance(claimed, int):
                return claimed
            instance = claimed
            _serve(window, instance)
        # Hiding into the tray is not closing: the app quits only when the window closes.
        if companion().tray is not None:
            early_widgets.release()
            window.follow_system_look()
            _guard_wheel(app)
            QTimer.singleShot(0, lambda: window.history)  # the window opens from the tray
            gc.enable()  # (the command turned it off for the start; nothing is painted here)
            return app.exec()
    figures = _keep_figures(paths)  # the cards' figures, painted at an earlier start
    window.show()

    def settle() -> None:
        # Once the window is on screen: become the running copy (a copy started at the same
        # moment may have won: then hand over to it and go), the tray and reminders, the
        # history (so a damaged one is reported at once), then the one-time safety note and
        # any routine asked for.
        nonlocal instance
        gc.enable()  # off while starting (see cli._open_window)
        early_widgets.release()  # the pointer's shapes, ...
        window.follow_system_look()  # the system's look, if it changed since the last run
        figure_cache.keep_figures_in(None)
        figures.flush()  # what had to be painted is there for the next start
        figure_cache.renderer()  # warm for the routine's page and the player (about 5 ms)
        _guard_wheel(app)
        if instance is None:
            claimed = _claim_or_hand_off(paths, request)
            if isinstance(claimed, int):
                window.hide()
                app.exit(claimed)
                return
            instance = claimed
            _serve(window, instance)
        companion()
        window.history  # noqa: B018 - opened now for its notice
        first_start(window, start)

    window.after_first_paint(settle)
    probe_mode = os.environ.get("STRETCHAPP_FIRST_PAINT")  # "report" or "quit"
    if probe_mode:  # it reports before `settle` runs
        probe = FirstPaintProbe(quit_after=probe_mode == "quit")
        window.after_first_paint(probe.report, first=True)
    return app.exec()


def _keep_figures(paths: Paths) -> FigureStore:
    """Until the window has painted, the cards' figures come from (and go to) a store on
    disk (ui/figure_store.py): painting them cost the first paint some 7 ms."""
    from stretchapp.ui.figure_store import FigureStore, code_key

    store = FigureStore(paths.figure_cache_dir, code_key(__version__))
    figure_cache.keep_figures_in(store)
    return store


def _guard_wheel(app: QApplication) -> None:
    """The wheel scrolls pages; only a focused control takes it (see wheel_guard). Installed
    once the window shows: no wheel can reach it before, and an event filter on the whole
    application makes PySide build the Python type of every object that gets an event, which
    cost 20 ms while the window was being built."""
    from stretchapp.ui import wheel_guard

    wheel_guard.install(app)


def _claim_or_hand_off(paths: Paths, request: dict[str, str]) -> SingleInstance | int:
    """This process as the running copy; or, when another copy runs, the exit status after
    handing it `request` (0: it took it)."""
    from stretchapp.ui.single_instance import SingleInstance

    instance = SingleInstance(paths.config_dir)
    if instance.claim():
        return instance
    answer = instance.hand_off(request)
    if answer.ok:
        return 0  # the running copy came to the front
    if answer.reason:
        print(f"stretchapp: {answer.reason}", file=sys.stderr)  # noqa: T201
        return 2
    print(  # noqa: T201
        "stretchapp: " + _("another StretchApp is running but did not answer; try again"),
        file=sys.stderr,
    )
    return 1


def _serve(window: MainWindow, instance: SingleInstance) -> None:
    """Requests from later starts reach `window`; the socket closes with it."""
    window.destroyed.connect(instance.close)
    instance.check = window.refusal
    instance.request_received.connect(window.handle_request)
