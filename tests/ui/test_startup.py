"""Start-up: what is (not) loaded before the window first shows, and one running copy still."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from stretchapp import cli
from stretchapp.core import yamlfile
from stretchapp.core.paths import Paths
from stretchapp.ui.instance_probe import another_copy_answers, socket_path
from stretchapp.ui.single_instance import SingleInstance, server_name

REPO = Path(__file__).resolve().parents[2]

# Runs the real `stretchapp` and prints the modules loaded when the window first painted.
AT_FIRST_PAINT = """
import sys
from stretchapp.core import routines
from stretchapp.ui import app

report = app.FirstPaintProbe.report
read = routines._read
checked = []

def reading(path, *args, **kwargs):  # a routine file read and checked field by field
    checked.append(path.name)
    return read(path, *args, **kwargs)

routines._read = reading

def with_modules(self):
    print("modules", " ".join(sorted(sys.modules)), flush=True)
    print("qt-types", " ".join(qt_types()), flush=True)
    print("generated", " ".join(generated_dataclasses()), flush=True)
    print("checked", " ".join(checked), flush=True)
    report(self)

def qt_types():
    # The Qt classes PySide has made so far (it makes each when first named).
    for name, module in sorted(sys.modules.items()):
        if name.startswith("PySide6.Qt"):
            yield from (f"{name[8:]}.{key}" for key in vars(module) if key.startswith("Q"))

def generated_dataclasses():
    # The app's dataclasses whose methods `dataclasses` compiled from generated text.
    import dataclasses
    for name, module in sorted(sys.modules.items()):
        if name.startswith("stretchapp"):
            for cls in vars(module).values():
                if (
                    isinstance(cls, type)
                    and cls.__module__ == name
                    and dataclasses.is_dataclass(cls)
                    and cls.__init__.__code__.co_filename == "<string>"
                ):
                    yield f"{name}.{cls.__qualname__}"

app.FirstPaintProbe.report = with_modules
from stretchapp.cli import main
sys.exit(main(sys.argv[1:]))
"""

# Not needed to show the window: loaded after the first paint, or when first used.
HEAVY = (
    "PySide6.QtNetwork",  # the local server (single_instance)
    "stretchapp.ui.single_instance",
    "stretchapp.ui.tray",
    "stretchapp.core.reminders",
    "stretchapp.core.history",
    "sqlite3",
    "stretchapp.ui.settings",
    "stretchapp.ui.player",
    "stretchapp.ui.editor",
    "PySide6.QtMultimedia",
    "_hashlib",  # OpenSSL, for hashlib
    "csv",
    "stretchapp.ui.wheel_guard",  # an event filter on every object: after the first paint
    "stretchapp.core.report",  # the history's report (`stretchapp history` only)
    "xml.etree.ElementTree",  # SVG pictures are checked when one is added or shown
    "difflib",  # "did you mean", for a misspelt word in a file
    "stretchapp.history_cli",  # `stretchapp history` (with no arguments, no parser is built)
    "stretchapp.ui.pictures",  # a stretch's own pictures: the cards draw the figure
    "PySide6.QtSvg",
    "stretchapp.core.session",  # the session engine
    "html",  # its entity table (the cards escape text themselves)
    "stretchapp.core.checkin",  # a session's check-in and what the app says back to it
    "stretchapp.core.keys",  # the shortcuts: bound once the window has painted
    "stretchapp.ui.shortcuts",
    "stretchapp.ui.overlay",  # dialogs over the window: the safety note, after the first paint
    "stretchapp.core.pictures",  # a stretch's own pictures checked: the bundled have none
    "stretchapp.ui.links",  # a link's fallback (copy the address): with a first click
)

# Runs the real `stretchapp` until the work after the first paint is done, and says whether
# the wheel guard is on by then, and the painter of figures loaded.
AFTER_SETTLING = """
import sys
from PySide6.QtWidgets import QApplication
from stretchapp.ui import app, wheel_guard

real = app.first_start

def then(window, start):
    real(window, start)
    guard = getattr(QApplication.instance(), "_stretchapp_wheel_guard", None)
    print("wheel-guard", isinstance(guard, wheel_guard.WheelGuard), flush=True)
    print("figure-warm", "stretchapp.ui.figure" in sys.modules, flush=True)
    QApplication.quit()

app.first_start = then
from stretchapp.cli import main
sys.exit(main(sys.argv[1:]))
"""


def start_env(paths: Paths) -> dict[str, str]:
    env = dict(os.environ, STRETCHAPP_FIRST_PAINT="quit", QT_QPA_PLATFORM="offscreen")
    env.pop("STRETCHAPP_NO_SAFETY_NOTE", None)
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("version: 1\nsafety_note_seen: true\n")
    return env


def run_start(paths: Paths, *args: str) -> subprocess.CompletedProcess[str]:
    """`python ARGS` run from the checkout as a returning user's start (see `start_env`)."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=start_env(paths),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def modules_at_first_paint(paths: Paths, *args: str) -> set[str]:
    return at_first_paint(paths, *args)["modules"]


def at_first_paint(paths: Paths, *args: str) -> dict[str, set[str]]:
    """What the real start printed at its first paint: `modules` and `generated`."""
    result = run_start(paths, "-c", AT_FIRST_PAINT, *args)
    found = {
        line.split()[0]: set(line.split()[1:])
        for line in result.stdout.splitlines()
        if line.startswith(("modules ", "generated", "qt-types", "checked"))
    }
    assert result.returncode == 0 and "modules" in found, result.stdout + result.stderr
    assert "first-paint " in result.stdout
    return found


def test_the_first_paint_waits_for_nothing_it_does_not_show(paths: Paths) -> None:
    first = modules_at_first_paint(paths)  # no parse cache yet: the files are parsed
    assert "stretchapp.ui.library" in first  # (the probe sees the real window)
    assert not first & set(HEAVY), first & set(HEAVY)
    assert paths.parse_cache_file.is_file()

    again = modules_at_first_paint(paths)  # the usual start: everything from the cache
    assert not again & set(HEAVY), again & set(HEAVY)
    assert not {m for m in again if m == "yaml" or m.startswith(("yaml.", "_yaml"))}
    assert "datetime" not in again  # (PyYAML loads it): dates are formatted later, if at all
    # The stretches' `avoid_if` are checked against the precaution ids kept in the cache:
    # the health file's content is read when a routine's page or the player shows it.
    assert "stretchapp.core.health" in first
    assert "stretchapp.core.health" not in again


def test_the_usual_start_takes_the_library_as_it_was_checked(paths: Paths) -> None:
    first = at_first_paint(paths)["checked"]  # no cache yet: every file read and checked
    assert {name for name in first if name.endswith(".yaml")} >= {"stretches.yaml"}
    again = at_first_paint(paths)["checked"]  # the library kept in the parse cache
    assert again == set(), again
    paths.user_routines_dir.mkdir(parents=True, exist_ok=True)
    (paths.user_routines_dir / "mine.yaml").write_text(
        "version: 1\nroutines:\n  - {id: mine, name: Mine, stretches: [cat-cow]}\n"
    )
    assert "mine.yaml" in at_first_paint(paths)["checked"]  # a new file: a new library


# Every class the first paint needs is a `record` (core/records.py), which compiles no code
# when its module is imported; those made by the hundred for every frame of a moving figure
# (`record(hot=True)`: the drawing's items, the posed body) compile their `__init__` when their
# first object is made, not as a dataclass's methods are, at import.
def test_the_first_paint_compiles_no_dataclass_code(paths: Paths) -> None:
    modules_at_first_paint(paths)  # (fills the caches: the usual start follows)
    found = at_first_paint(paths)
    assert {"stretchapp.core.settings", "stretchapp.core.drawing"} <= found["modules"]
    assert not found.get("generated"), sorted(found.get("generated", set()))


# PySide makes each Qt class when it is first named, or first handed to Python: the first
# paint has no use for these.
QT_CLASSES_LATER = (
    # The namespace of Qt's enums: naming it builds all 93 (14-18 ms). The first page's widgets
    # are set up through ui/early_widgets.py, and the "system" look is the one remembered.
    "QtCore.Qt",
    "QtCore.QTimeLine",  # a picture's cross-fade (the cards show drawn figures)
    "QtGui.QMovie",  # an animated GIF
    "QtGui.QShortcut",  # bound once the window has painted
    # An event filter on the window is handed every event as its own Python class (some 40
    # kinds before the first paint): the window's `paintEvent` tells when it has painted.
    "QtGui.QWindowStateChangeEvent",
    "QtGui.QShowEvent",
    "QtCore.QChildEvent",
    "QtWidgets.QGraphicsSceneEvent",
)


def test_the_first_paint_makes_no_qt_class_it_does_not_use(paths: Paths) -> None:
    modules_at_first_paint(paths)  # (fills the caches: the usual start follows)
    made = at_first_paint(paths)["qt-types"]
    assert {"QtGui.QPainter", "QtWidgets.QLabel"} <= made  # (the probe sees them)
    assert not made & set(QT_CLASSES_LATER), sorted(made & set(QT_CLASSES_LATER))


# Runs the real `stretchapp` and, at its first paint, saves the window as it is then and
# prints, for each card's picture on screen, how many colours it shows.
FIGURES_AT_FIRST_PAINT = """
import sys
from PySide6.QtWidgets import QApplication
from stretchapp.ui import app
from stretchapp.ui.illustration import Illustration

report = app.FirstPaintProbe.report

def with_figures(self):
    (window,) = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    window.grab().save(sys.argv[1], "PNG")
    for picture in window.findChildren(Illustration):
        if picture.isVisible():
            image = picture.grab().toImage()
            w, h = image.width(), image.height()
            colours = {image.pixel(x, y) for x in range(w) for y in range(h)}
            print("card", len(colours), flush=True)
    print("figure-loaded", "stretchapp.ui.figure" in sys.modules, flush=True)
    report(self)

app.FirstPaintProbe.report = with_figures
from stretchapp.cli import main
sys.exit(main([]))
"""


def figures_at_first_paint(paths: Paths, out: Path) -> tuple[list[int], bool]:
    """The real start to its first paint: the colours of each card's picture shown, and
    whether ui/figure.py (which paints figures) was loaded by then; the window in `out`."""
    result = run_start(paths, "-c", FIGURES_AT_FIRST_PAINT, str(out))
    assert result.returncode == 0 and "first-paint " in result.stdout, result.stdout + result.stderr
    lines = [line.split() for line in result.stdout.splitlines()]
    cards = [int(line[1]) for line in lines if line[0] == "card"]
    (loaded,) = [line[1] == "True" for line in lines if line[0] == "figure-loaded"]
    return cards, loaded


# ui/figure.py paints figures; on the usual start every card's figure is copied from the
# store on disk (ui/figure_store.py), so the first paint waits for none of it. It is
# imported when a figure must be painted: on a first start, for the cards.
def test_the_usual_start_copies_the_cards_figures_without_the_painter(
    paths: Paths, tmp_path: Path
) -> None:
    from PySide6.QtGui import QImage

    first_cards, first_loaded = figures_at_first_paint(paths, tmp_path / "first.png")
    assert first_loaded  # nothing in the store yet: the cards' figures were painted
    assert len(first_cards) >= 3 and min(first_cards) > 20, first_cards  # figures, not blanks
    again_cards, again_loaded = figures_at_first_paint(paths, tmp_path / "again.png")
    assert not again_loaded
    assert again_cards == first_cards
    first, again = QImage(str(tmp_path / "first.png")), QImage(str(tmp_path / "again.png"))
    assert not first.isNull() and first == again  # the same to the pixel


def test_the_wheel_guard_is_on_once_the_window_shows(paths: Paths) -> None:
    env = start_env(paths)
    env.pop("STRETCHAPP_FIRST_PAINT")
    for _start in ("first", "usual: the cards' figures from the store"):
        result = subprocess.run(
            [sys.executable, "-c", AFTER_SETTLING],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert "wheel-guard True" in result.stdout, result.stdout + result.stderr
        # The painter of figures is loaded just after the first paint, even when it painted
        # nothing: the routine's page and the player's first frame need not wait for it.
        assert "figure-warm True" in result.stdout, result.stdout


def test_start_parses_each_file_once(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []
    real = yamlfile._parse

    def counting(text: str, name: str) -> Any:
        parsed.append(name)
        return real(text, name)

    opened: dict[str, Any] = {}

    def run(*args: Any, **kwargs: Any) -> int:
        from stretchapp.ui.app import create_window

        opened.update(kwargs)
        window = create_window(args[0], "light", library=kwargs["library"], cache=kwargs["cache"])
        qtbot.addWidget(window)
        return 0

    monkeypatch.setattr(yamlfile, "_parse", counting)
    monkeypatch.setattr("stretchapp.ui.app.run", run)
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("version: 1\nsafety_note_seen: true\n")
    assert cli.main(["start", "desk-break"]) == 0
    assert opened["library"].routine("desk-break") is not None
    assert len(parsed) == len(set(parsed)), parsed
    # Six routine files and the settings (read for the language first, then served from the
    # cache to the settings store); the health content too, unless this process has it already.
    assert {Path(p).name for p in parsed} - {"health.yaml"} == {
        "daily-back-care.yaml", "desk-break.yaml", "foam-roller.yaml", "gentle-recovery.yaml",
        "low-back.yaml", "settings.yaml", "stretches.yaml",
    }  # fmt: skip


def test_the_quick_check_and_the_local_server_name_the_same_socket(
    qtbot: QtBot, paths: Paths
) -> None:
    path = socket_path(paths.config_dir)
    if path is None:
        pytest.skip("named pipes: the quick check does not apply")
    assert path == Path(server_name(paths.config_dir))
    assert another_copy_answers(paths.config_dir) is False
    running = SingleInstance(paths.config_dir)
    assert running.claim()
    try:
        assert another_copy_answers(paths.config_dir) is True
    finally:
        running.close()
    assert another_copy_answers(paths.config_dir) is False


@pytest.fixture
def running_copy(paths: Paths) -> Iterator[subprocess.Popen[str]]:
    env = start_env(paths)
    env["STRETCHAPP_FIRST_PAINT"] = "report"
    first = subprocess.Popen(
        [sys.executable, "-m", "stretchapp"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert first.stdout is not None
        assert first.stdout.readline().startswith("first-paint ")
        # The local server is claimed right after the first paint.
        deadline = time.monotonic() + 30
        while not another_copy_answers(paths.config_dir):
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        yield first
    finally:
        first.terminate()
        first.communicate(timeout=30)  # waits, and closes the pipes


def test_a_second_start_reaches_the_running_copy_without_a_window(
    paths: Paths, running_copy: subprocess.Popen[str]
) -> None:
    env = start_env(paths)
    env["STRETCHAPP_FIRST_PAINT"] = "report"
    second = subprocess.run(
        [sys.executable, "-m", "stretchapp", "start", "desk-break"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert second.returncode == 0, second.stderr
    assert "first-paint" not in second.stdout  # it never showed a window of its own
    assert running_copy.poll() is None
