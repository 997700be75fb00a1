"""The cards' figures kept on disk between starts (ui/figure_store.py): read back exactly,
painted afresh whenever anything they depend on changed, and never harmed by what the
folder holds."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from stretchapp.core.paths import Paths
from stretchapp.core.routines import Stretch, load_library
from stretchapp.ui import figure, figure_cache, figure_store
from stretchapp.ui.figure_store import FigureStore
from stretchapp.ui.illustration import Illustration

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def stretch(paths: Paths) -> Stretch:
    library = load_library(paths.bundled_routines_dir, None, paths.assets_dir)
    return library.stretches["cat-cow"]


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "figures"
    figure_cache.keep_figures_in(None)


def card(qtbot: QtBot, stretch: Stretch, dark: bool = False, width: int = 234) -> Illustration:
    picture = Illustration(dark=dark)
    qtbot.addWidget(picture)
    picture.resize(width, 150)
    picture.set_stretch(stretch)
    return picture


def shown(picture: Illustration) -> QImage:
    return picture.grab().toImage()


def start(
    qtbot: QtBot, folder: Path, stretch: Stretch, **kwargs: object
) -> tuple[FigureStore, Illustration, QImage]:
    """One start: the store in use until the card has painted, then flushed."""
    store = FigureStore(folder, "code 1")
    figure_cache.keep_figures_in(store)
    picture = card(qtbot, stretch, **kwargs)  # type: ignore[arg-type]
    image = shown(picture)
    figure_cache.keep_figures_in(None)
    store.flush()
    return store, picture, image


def test_a_card_painted_once_is_read_back_on_the_next_start(
    qtbot: QtBot, folder: Path, stretch: Stretch
) -> None:
    first, picture, image = start(qtbot, folder, stretch)
    assert picture.figures.painted == 1 and first.read == 0
    assert len(list(folder.glob("*.figure"))) == 1
    again, picture, image_again = start(qtbot, folder, stretch)
    assert picture.figures.painted == 0 and again.read == 1  # copied, not painted
    assert image_again == image  # exactly what painting gives


@pytest.mark.parametrize(
    "change", [{"dark": True}, {"width": 300}], ids=["other palette", "other size"]
)
def test_a_card_that_changed_is_painted_afresh_and_the_old_file_goes(
    qtbot: QtBot, folder: Path, stretch: Stretch, change: dict[str, object]
) -> None:
    start(qtbot, folder, stretch)
    old = set(folder.glob("*.figure"))
    store, picture, image = start(qtbot, folder, stretch, **change)
    assert picture.figures.painted == 1 and store.read == 0
    assert image == shown(card(qtbot, stretch, **change))  # type: ignore[arg-type]
    now = set(folder.glob("*.figure"))
    assert len(now) == 1 and not now & old  # only what this start used is kept


def test_other_painting_code_is_not_trusted(qtbot: QtBot, folder: Path, stretch: Stretch) -> None:
    start(qtbot, folder, stretch)
    store = FigureStore(folder, "code 2")
    figure_cache.keep_figures_in(store)
    picture = card(qtbot, stretch)
    shown(picture)
    assert picture.figures.painted == 1 and store.read == 0


def test_the_painting_code_key_follows_ui_figure() -> None:
    from stretchapp.ui.figure_store import code_key

    info = Path(figure.__file__).stat()
    assert code_key("1.0").endswith(f"|{info.st_size}:{info.st_mtime_ns}")
    assert code_key("1.0") != code_key("1.1")


def _garbage(path: Path, good: bytes) -> None:
    path.write_bytes(good[:40] + os.urandom(2000))


def _wrong_size(path: Path, good: bytes) -> None:
    image = QImage(50, 50, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFFFF0000)
    path.write_bytes(figure_store._encode(image))


def _truncated(path: Path, good: bytes) -> None:
    path.write_bytes(good[: len(good) // 2])


def _too_much(path: Path, good: bytes) -> None:  # the right header, ten times the pixels
    head = len(figure_store.MAGIC) + 4
    pixels = zlib.decompress(good[head:])
    path.write_bytes(good[:head] + zlib.compress(pixels * 10))


def _too_large(path: Path, good: bytes) -> None:
    with path.open("wb") as out:
        out.write(good)
        out.truncate(5 * 1024 * 1024)


def _link(path: Path, good: bytes) -> None:
    elsewhere = path.with_name("elsewhere.bin")  # the good picture, reached through a link
    elsewhere.write_bytes(good)
    path.symlink_to(elsewhere)


def _folder(path: Path, good: bytes) -> None:
    path.mkdir()


def _fifo(path: Path, good: bytes) -> None:
    os.mkfifo(path)


@pytest.mark.parametrize(
    "make",
    [_garbage, _wrong_size, _truncated, _too_much, _too_large, _link, _folder, _fifo],
    ids=["garbage", "wrong size", "truncated", "too much", "too large", "link", "folder", "fifo"],
)
def test_whatever_the_folder_holds_the_card_shows_the_right_figure(
    qtbot: QtBot, folder: Path, stretch: Stretch, make: Callable[[Path, bytes], None]
) -> None:
    _, _, image = start(qtbot, folder, stretch)
    (stored,) = folder.glob("*.figure")
    good = stored.read_bytes()
    stored.unlink()
    make(stored, good)
    began = time.monotonic()
    store, picture, image_now = start(qtbot, folder, stretch)
    assert time.monotonic() - began < 10  # (a FIFO must not hang the start)
    assert store.read == 0 and picture.figures.painted == 1
    assert image_now == image


def test_a_folder_that_cannot_be_written_only_costs_the_time(
    qtbot: QtBot, tmp_path: Path, stretch: Stretch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    figure_cache.keep_figures_in(None)
    _, picture, image = start(qtbot, blocked / "figures", stretch)
    assert picture.figures.painted == 1
    assert image == shown(card(qtbot, stretch))


def test_later_cards_are_painted_as_usual(qtbot: QtBot, folder: Path, stretch: Stretch) -> None:
    start(qtbot, folder, stretch)
    before = sorted(p.name for p in folder.iterdir())
    picture = card(qtbot, stretch, dark=True)  # after the first paint: no store
    shown(picture)
    assert picture.figures.painted == 1
    assert sorted(p.name for p in folder.iterdir()) == before


def test_the_app_paints_no_card_on_a_usual_start(paths: Paths) -> None:
    """Two real starts to the first paint: the second copies every card from the folder."""
    probe = (
        "import sys\n"
        "from stretchapp.ui import app, figure_cache\n"
        "report = app.FirstPaintProbe.report\n"
        "def counted(self):\n"
        "    store = figure_cache._store\n"
        "    print('figures-read', store.read if store else -1, flush=True)\n"
        "    report(self)\n"
        "app.FirstPaintProbe.report = counted\n"
        "from stretchapp.cli import main\n"
        "sys.exit(main([]))\n"
    )
    env = dict(os.environ, STRETCHAPP_FIRST_PAINT="report", QT_QPA_PLATFORM="offscreen")
    env.pop("STRETCHAPP_NO_SAFETY_NOTE", None)
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("version: 1\nsafety_note_seen: true\n")

    def run() -> int:
        # "report" lets the work after the first paint (which writes the figures) happen;
        # the window is closed from outside once it has.
        child = subprocess.Popen(
            [sys.executable, "-c", probe],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert child.stdout is not None
            line = child.stdout.readline()
            assert line.startswith("figures-read "), line + (
                child.stderr.read() if child.stderr else ""
            )
            deadline = time.monotonic() + 30
            while not list(paths.figure_cache_dir.glob("*.figure")) and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.3)  # (the last file of the flush)
            return int(line.split()[1])
        finally:
            child.terminate()
            child.communicate(timeout=30)

    assert run() == 0  # nothing stored yet: every card painted
    cards = len(list(paths.figure_cache_dir.glob("*.figure")))
    assert cards >= 3
    assert run() == cards  # every card read back
