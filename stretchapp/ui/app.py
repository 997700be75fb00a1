"""The main window: a few destinations on the left, the page on the right."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
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
from stretchapp.ui import theme
from stretchapp.ui.library import LibraryPage, RoutineDetailPage


class MainWindow(QMainWindow):
    def __init__(self, paths: Paths, library: Library, palette: Palette) -> None:
        super().__init__()
        self.paths = paths
        self.library = library
        self.dark = theme.is_dark(palette)
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(800, 600)
        self.resize(1100, 760)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        side = QWidget()
        side.setObjectName("nav")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(APP_NAME)
        title.setObjectName("appTitle")
        side_layout.addWidget(title)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(190)
        self.nav.setAccessibleName("Sections")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_layout.addWidget(self.nav, 1)
        row.addWidget(side)
        self.stack = QStackedWidget()
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.library_page = LibraryPage(library, self.dark, str(paths.user_routines_dir))
        self.library_page.routine_opened.connect(self.open_routine)
        self.routines_stack = QStackedWidget()
        self.routines_stack.addWidget(self.library_page)
        self.detail_page: RoutineDetailPage | None = None
        self.add_section("Routines", self.routines_stack)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)

    def add_section(self, name: str, page: QWidget) -> None:
        self.nav.addItem(QListWidgetItem(name))
        self.stack.addWidget(page)

    def open_routine(self, routine_id: str) -> RoutineDetailPage | None:
        routine = self.library.routine(routine_id)
        if routine is None:
            return None
        if self.detail_page is not None:
            self.routines_stack.removeWidget(self.detail_page)
            self.detail_page.deleteLater()
        self.detail_page = RoutineDetailPage(routine, self.dark)
        self.detail_page.back_requested.connect(self.show_library)
        self.routines_stack.addWidget(self.detail_page)
        self.routines_stack.setCurrentWidget(self.detail_page)
        self.detail_page.setFocus()
        return self.detail_page

    def show_library(self) -> None:
        self.routines_stack.setCurrentWidget(self.library_page)
        for card in self.library_page.cards:
            if self.detail_page is not None and card.routine.id == self.detail_page.routine.id:
                card.setFocus()


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
        print(f"first-paint {time.time():.6f}", flush=True)  # noqa: T201 - read by scripts
        if self.quit_after:
            QApplication.quit()


def create_window(paths: Paths, theme_choice: str = "system") -> MainWindow:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette = theme.resolve(theme_choice)
    theme.apply(app, palette)
    library = load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)
    return MainWindow(paths, library, palette)


def run(paths: Paths, theme_choice: str = "system") -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("stretchapp")
    window = create_window(paths, theme_choice)
    probe_mode = os.environ.get("STRETCHAPP_FIRST_PAINT")  # "report" or "quit"
    if probe_mode:
        probe = FirstPaintProbe(quit_after=probe_mode == "quit")
        window.installEventFilter(probe)
    window.show()
    return app.exec()
