"""What a moving figure's frame costs: the paths of a repetition's steps are built once, and a
frame repaints the box of what moved with only the margin it can paint past its shape (the
gap a near limb cuts, antialiasing; a stretched part's mark lies inside it), not a margin
round every part. With the real body (marks, gaps, a nose), what is on screen after many
partial repaints is still exactly the whole picture of that moment.

The page is driven by a fake clock, advanced by what the page's own timer asks for."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_figure_partial_repaint import on_screen  # tests/ui/

import stretchapp.ui.figure as figure
from stretchapp.core.drawing import Drawing, Head, KeyPose, Layer, Limb, StretchPose
from stretchapp.core.palette import LIGHT
from stretchapp.core.routines import Entry, Routine, Sides, Stretch, load_library
from stretchapp.core.session import Session
from stretchapp.ui import theme
from stretchapp.ui.figure import EDGE_PX, NOSE_MIN_PX, changed_bounds, fit, render_pixmap
from stretchapp.ui.player import PlayerPage
from tests.fake_clock import FakeClock as Clock

POSE = StretchPose(
    keys=(
        KeyPose("lying", (("body_pitch", -90.0),)),
        KeyPose("knee up", (("body_pitch", -90.0), ("hip_flex_l", 100.0), ("knee_flex_l", 110.0))),
    )
)
TEMPO = 4
REPO = Path(__file__).resolve().parents[2]


def player(qtbot: QtBot, clock: Clock, stretch: Stretch, size: tuple[int, int]) -> PlayerPage:
    entry = Entry(stretch, None, 10, stretch.tempo, Sides.NONE)
    routine = Routine("r", "R", "", (entry,), get_ready=0, rest=0)
    page = PlayerPage(Session(routine, clock=clock), LIGHT)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    page.start()
    QApplication.processEvents()
    return page


def run(page: PlayerPage, clock: Clock, ms: int) -> int:
    """Let `ms` pass as the page's timer would; returns how many frames the figure showed."""
    frames, end = 0, clock.now + ms
    while clock.now < end:
        shown = page.illustration.drawing()
        clock.now += max(1, page.timer.interval())
        page._on_timer()
        QApplication.processEvents()
        frames += page.illustration.drawing() != shown
    return frames


def test_the_paths_of_a_repetitions_steps_are_built_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    reps = Stretch("reps", "Reps", (), ("a", "b", "c"), reps=10, tempo=TEMPO, pose=POSE)
    page = player(qtbot, clock, reps, (1920, 1080))
    run(page, clock, TEMPO * 1000)  # the first repetition
    built: list[int] = []
    real = figure._prepare

    def counted(run: figure.Run, px: float) -> figure._Prepared:
        built.append(1)
        return real(run, px)

    monkeypatch.setattr(figure, "_prepare", counted)
    frames = run(page, clock, 2 * TEMPO * 1000)  # two more
    assert frames > 20  # the figure moved on screen ...
    assert len(built) <= 2  # ... painted from paths built before


def limb(x: float, layer: Layer = Layer.MID, highlight: bool = False) -> Limb:
    return Limb("forearm_l", ((x, 300.0), (x, 500.0)), (60.0, 40.0), layer, highlight)


def moved_width_px(layer: Layer, highlight: bool) -> tuple[float, float]:
    """How wide the repainted box is when one limb moves 10 mm to the right, and how wide
    the limb's own shape is with the move (pixels, at 1000 px for 1000 mm)."""
    head = Head((800.0, 800.0), 60.0, Layer.MID, False)
    frame = (0.0, 0.0, 1000.0, 1000.0)
    old = Drawing((limb(200.0, layer, highlight), head), frame)
    new = Drawing((limb(210.0, layer, highlight), head), frame)
    rect = QRectF(0, 0, 1000, 1000)
    scale = fit(frame, rect).m11()
    return changed_bounds(old, new, rect).width(), (60.0 + 10.0) * scale


def test_a_frame_repaints_what_moved_with_the_margin_it_can_paint_past_its_shape() -> None:
    edge = 2 * (NOSE_MIN_PX + EDGE_PX)
    width, shape = moved_width_px(Layer.MID, highlight=False)
    assert shape < width <= shape + edge + 1  # no margin round a part that cuts no gap
    width, shape = moved_width_px(Layer.NEAR, highlight=False)
    gap = figure.GAP_MM * (shape / 70.0)  # half the gap on either side
    assert shape + gap <= width <= shape + gap + edge + 1
    width, shape = moved_width_px(Layer.MID, highlight=True)
    assert shape < width <= shape + edge + 1  # a stretched part's mark is inside its shape


# The smallest page is the window's least size, 800x600 (ui/app.py): a smaller page has not
# the room for its rows, which are then laid over the picture's edge.
@pytest.mark.parametrize(
    ("stretch_id", "size"), [("cat-cow", (1000, 750)), ("cat-cow", (800, 600))]
)
def test_partial_repaints_of_a_real_stretch_leave_the_whole_picture(
    qtbot: QtBot, stretch_id: str, size: tuple[int, int]
) -> None:
    clock = Clock()
    stretch = load_library(REPO / "routines", None, REPO / "assets").stretches[stretch_id]
    page = player(qtbot, clock, stretch, size)
    picture = page.illustration
    checked = 0
    for _ in range(6):
        run(page, clock, stretch.tempo * 1000 // 5)
        drawing = picture.drawing()
        assert drawing is not None
        if not picture.is_moving():
            continue
        expected = render_pixmap(
            drawing, picture.width(), picture.height(), LIGHT, 1.0, LIGHT.window
        ).toImage()
        assert on_screen(picture).convertToFormat(expected.format()) == expected
        checked += 1
    assert checked >= 3


PAINT_AND_COUNT_THREADS = """
import os, sys
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath
from PySide6.QtWidgets import QApplication
from stretchapp.ui import theme

app = theme.application("test") if sys.argv[1] == "app" else QApplication(["test"])
before = len(os.listdir("/proc/self/task"))
image = QImage(1000, 800, QImage.Format.Format_ARGB32_Premultiplied)
image.fill(0)
path = QPainterPath()
for i in range(6):
    path.addEllipse(QRectF(40 + 90 * i, 40 + 60 * i, 400, 300))
painter = QPainter(image)
painter.setRenderHint(QPainter.RenderHint.Antialiasing)
painter.fillPath(path, QColor(40, 120, 200, 70))  # translucent, like the glow
painter.end()
print(before, len(os.listdir("/proc/self/task")))
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_the_application_paints_on_its_own_thread() -> None:
    """Qt's pool of painting threads cost more to wake for a frame's glow and gaps than it
    saved: the application leaves it unused."""
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in theme.QUIET_ENVIRONMENT}
    env["QT_QPA_PLATFORM"] = "offscreen"

    def threads(how: str) -> tuple[int, int]:
        out = subprocess.run(
            [sys.executable, "-c", PAINT_AND_COUNT_THREADS, how],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout.split()
        return int(out[-2]), int(out[-1])

    before, after = threads("plain")
    assert after > before  # Qt alone starts its pool for such a fill ...
    before, after = threads("app")
    assert after == before  # ... the application paints it on its own thread
