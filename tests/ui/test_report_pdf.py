"""The clinician's PDF as a clinician reads it: who it is about, the period and the page on
every page, and figures that fit their boxes (issue 14)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer
from PySide6.QtGui import QPdfWriter
from pytestqt.qtbot import QtBot

from stretchapp.core.history import HistoryStore, Status
from stretchapp.core.palette import LIGHT
from stretchapp.core.paths import Paths
from stretchapp.core.routines import load_library
from stretchapp.core.settings import SettingsStore, defaults
from stretchapp.ui.app import MainWindow
from stretchapp.ui.dialogs import PathDialog
from stretchapp.ui.history.report import _PdfPainter, write_report_pdf
from tests.ui.test_player import RecordingSpeaker

PERIOD = (date(2026, 9, 1), date(2026, 11, 29))
MADE = datetime(2026, 11, 29, 17, tzinfo=UTC)


def pages_text(pdf: Path) -> list[str]:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed")
    out = subprocess.run([tool, "-layout", str(pdf), "-"], capture_output=True, text=True)
    return [" ".join(page.split()) for page in out.stdout.split("\f") if page.strip()]


def test_every_page_names_the_person_the_period_and_the_page(qtbot: QtBot, tmp_path: Path) -> None:
    store = HistoryStore.in_memory()
    store.add_sessions(
        (
            datetime(2026, 9, 1, 8, tzinfo=UTC) + timedelta(hours=10 * i),
            "daily-back-care",
            "Daily back care",
            Status.COMPLETED,
            600,
            5,
            0,
            6,
            4,
            [],
        )
        for i in range(200)
    )
    out = tmp_path / "report.pdf"
    write_report_pdf(store, out, *PERIOD, person="Ada Lovelace", generated=MADE)
    pages = pages_text(out)
    assert len(pages) >= 3
    for n, page in enumerate(pages, 1):
        assert "Ada Lovelace · 1 Sept 2026 – 29 Nov 2026" in page or (
            "Ada Lovelace · 1 Sep 2026 – 29 Nov 2026" in page
        )
        assert f"Page {n} of {len(pages)}" in page


def test_long_figures_shrink_to_fit_their_tile(qtbot: QtBot) -> None:
    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    doc = _PdfPainter(writer, LIGHT, "")
    try:
        width = 150.0  # a tile's text width on A4
        size = doc.fitting_size("15,065 h 05 min", 19, width)
        assert size < 19 and doc.measure("15,065 h 05 min", size) <= width
        assert doc.fitting_size("12", 19, width) == 19
    finally:
        doc.finish()


def test_the_name_is_asked_once_and_remembered(qtbot: QtBot, paths: Paths, tmp_path: Path) -> None:
    library = load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)
    store = HistoryStore.in_memory()
    store.add_session(datetime.now(UTC) - timedelta(days=1), "d", "D", active_seconds=60)
    win = MainWindow(paths, library, LIGHT, RecordingSpeaker(), settings=defaults(), history=store)
    qtbot.addWidget(win)
    win.resize(1100, 760)
    win.show()
    win.nav.setCurrentRow(1)
    page = win.history_page
    assert page is not None
    ask = page.choose_report()
    assert ask.person.text() == ""
    ask.person.setText("  Ada   Lovelace ")
    ask.accept()
    assert SettingsStore(paths).load()[0].report_name == "Ada Lovelace"
    [where] = [d for d in win.findChildren(PathDialog) if d.isVisible()]
    where.reject()
    again = page.choose_report()
    assert again.person.text() == "Ada Lovelace"  # not asked again: already filled in
    again.reject()


def test_time_stretching_is_drawn_apart_from_time_in_sessions(qtbot: QtBot, tmp_path: Path) -> None:
    store = HistoryStore.in_memory()
    store.add_session(
        datetime(2026, 11, 2, 8, tzinfo=UTC), "d", "Daily", active_seconds=600, stretch_seconds=250
    )
    store.add_session(datetime(2026, 11, 3, 8, tzinfo=UTC), "d", "Daily", active_seconds=300)
    out = tmp_path / "report.pdf"
    write_report_pdf(store, out, *PERIOD, generated=MADE)
    text = " ".join(pages_text(out))
    assert "time stretching" in text and "of 15 min in sessions" in text
    assert "1 earlier session" in text  # the session without the figure is said to be left out
    assert "4 min 10 s of 10 min" in text and "– of 5 min" in text
