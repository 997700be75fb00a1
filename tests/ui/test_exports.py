"""Exports never leave a half-written file, keep the old one on failure, and keep links."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from stretchapp.core.history import HistoryStore
from stretchapp.core.palette import LIGHT
from stretchapp.core.paths import Paths
from stretchapp.ui.history import HistoryPage, export_csv, write_report_pdf
from stretchapp.ui.history import page as history_page
from stretchapp.ui.history import report as history_report

START, END = date(2024, 1, 1), date(2024, 1, 31)


@pytest.fixture(autouse=True)
def app(qapp: object) -> object:
    return qapp  # fonts for the PDF need the application


@pytest.fixture
def store(paths: Paths) -> HistoryStore:
    s, _ = HistoryStore.open(paths.history_db)
    s.add_session(datetime(2024, 1, 5, 8, tzinfo=UTC), "daily", '=HYPERLINK("http://x")')
    s.add_session(datetime(2024, 1, 6, 8, tzinfo=UTC), "daily", "@SUM(A1:A9)")
    s.add_session(datetime(2024, 1, 7, 8, tzinfo=UTC), "daily", "Daily back care")
    return s


def test_export_csv_neutralises_formulas(store: HistoryStore, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    export_csv(store, target)
    with target.open(encoding="utf-8", newline="") as f:
        names = [row["routine_name"] for row in csv.DictReader(f)]
    assert names == ['\'=HYPERLINK("http://x")', "'@SUM(A1:A9)", "Daily back care"]


def test_a_pdf_that_could_not_be_finished_leaves_the_old_report(
    store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF-1.4 the old report %%EOF")
    finish = history_report._PdfPainter.finish

    def disk_full(self: history_report._PdfPainter) -> None:
        finish(self)
        # What a full disk leaves: the writer stopped part-way and said nothing.
        for temp in tmp_path.glob(".report.pdf*"):
            temp.write_bytes(temp.read_bytes()[:100])

    monkeypatch.setattr(history_report._PdfPainter, "finish", disk_full)
    with pytest.raises(OSError, match="could not be written completely"):
        write_report_pdf(store, target, START, END)
    assert target.read_bytes() == b"%PDF-1.4 the old report %%EOF"
    assert sorted(p.name for p in tmp_path.glob("*report*")) == ["report.pdf"]


def test_the_page_says_when_a_report_could_not_be_written(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = HistoryPage(store, LIGHT)
    qtbot.addWidget(page)

    def fails(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(history_page, "write_report_pdf", fails)
    assert not page.export_report_to(tmp_path / "r.pdf", START, END)
    assert "could not be written" in page.notice_text.text()


@pytest.mark.parametrize("kind", ["csv", "pdf"])
def test_exporting_onto_a_link_writes_through_it(
    store: HistoryStore, tmp_path: Path, kind: str
) -> None:
    real = tmp_path / "real" / f"out.{kind}"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / f"link.{kind}"
    link.symlink_to(real)
    if kind == "csv":
        export_csv(store, link)
    else:
        write_report_pdf(store, link, START, END)
    assert link.is_symlink()
    assert real.read_bytes() != b"old" and real.stat().st_size > 10
    assert sorted(p.name for p in real.parent.iterdir()) == [real.name]


def test_exporting_onto_a_special_file_is_refused(store: HistoryStore, tmp_path: Path) -> None:
    link = tmp_path / "null.csv"
    link.symlink_to("/dev/null")
    with pytest.raises(OSError, match="not a regular file"):
        export_csv(store, link)
