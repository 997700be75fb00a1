#!/usr/bin/env python3
"""StretchApp's benchmark: prints a table and writes JSON. Not a test: it measures.

    python scripts/bench.py                 # everything (about 3 minutes)
    python scripts/bench.py --quick         # shorter runs, for a smoke check
    python scripts/bench.py --json out.json
    python scripts/bench.py --only-figure --quick --compare-figure ../other-checkout

Measures, in one run:
- start-up: process start to the main window's first paint, against a bare PySide6 window
  (QApplication + one QLabel) started the same way, interleaved, offscreen and under Xvfb, as
  a ratio; and resident memory of both (`--compare CHECKOUT` adds another checkout to the same
  rounds, `--bundle EXE` a self-contained build; `--startup-only` measures just this);
- countdown accuracy: a routine run in real time (>= 120 s), offscreen: how late each phase
  change came against its schedule (max, median) and the drift at the end;
- CPU as a share of one core while that session runs, and while the window sits idle;
- the posed figure at 1920x1080: the fills and path elements a moving frame asks for
  (counted: `--figure-counts` alone), ms to draw a moving frame (of every stretch done in
  repetitions, and of the costliest alone), CPU during a hold (and what a still pose
  repaints) and over a routine with movements, in real time and on a simulated clock (the
  work alone);
- history (when scripts/bench_history.py is present): 100,000 sessions opened and summarised;
- pictures (scripts/bench_pictures.py): peak memory of a session with 24 large user pictures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

# (--compare-figure runs this script on another checkout's code: STRETCHAPP_BENCH_ROOT)
ROOT = Path(os.environ.get("STRETCHAPP_BENCH_ROOT") or Path(__file__).parent.parent).resolve()
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE_WINDOW = r"""
import resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

class Probe(QObject):
    seen = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, self.report)
        return False
    def report(self):
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        cpu = time.process_time() * 1000
        print(f"first-paint {time.time():.6f} rss-kib {rss} cpu-ms {cpu:.1f}", flush=True)
        QApplication.quit()

app = QApplication(sys.argv[:1])
label = QLabel("Hello")
probe = Probe()
label.installEventFilter(probe)
label.show()
app.exec()
"""


def first_paint(
    command: list[str], env: dict[str, str], cwd: Path | None = None
) -> tuple[float, int, float]:
    """Seconds from spawning `command` to its first paint, its peak RSS in KiB, and the CPU
    seconds it used until then (which other load on the machine hardly changes)."""
    started = time.time()
    out = subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )
    for line in out.stdout.splitlines():
        if line.startswith("first-paint "):
            parts = line.split()
            cpu = float(parts[5]) / 1000 if len(parts) > 5 else float("nan")
            return float(parts[1]) - started, int(parts[3]), cpu
    raise RuntimeError(f"no first paint from {command}: {out.stderr[-2000:]}")


@contextlib.contextmanager
def xvfb() -> Iterator[str | None]:
    """A private Xvfb display (':N'), or None when Xvfb is not installed."""
    if shutil.which("Xvfb") is None:
        yield None
        return
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}" if number else None
    finally:
        server.terminate()
        server.wait(timeout=10)


def _nth(name: str, index: int) -> str:
    return name if index == 0 else f"{name}{index + 1}"


def _spread(values: list[float], scale: float = 1.0, digits: int = 1) -> dict[str, float]:
    return {
        "median": round(statistics.median(values) * scale, digits),
        "min": round(min(values) * scale, digits),
        "max": round(max(values) * scale, digits),
    }


def returning_user(config: Path) -> Path:
    """A config folder (XDG_CONFIG_HOME) of someone who has seen the safety note."""
    (config / "stretchapp").mkdir(parents=True, exist_ok=True)
    (config / "stretchapp" / "settings.yaml").write_text("version: 1\nsafety_note_seen: true\n")
    return config


def bench_startup(
    runs: int,
    tmp: Path,
    compare: Sequence[Path] = (),
    bundles: Sequence[Path] = (),
    platforms: tuple[str, ...] = ("offscreen", "xcb"),
    floor: bool = True,
) -> dict[str, object]:
    """First paint of the library window against a bare PySide6 window, interleaved.

    Every round starts each subject once, in turn (the bare window, this checkout, other
    checkouts and self-contained builds when given), so that background load hits them alike.
    The user is a returning one: the safety note was seen, and one earlier start has filled
    any cache. Runs on Qt's offscreen platform and in a private Xvfb (xcb) when installed.
    With `floor`, also the same first page shown with no app code (scripts/startup_floor.py).
    """
    config, data = tmp / "config", tmp / "data"
    env = dict(
        os.environ,
        STRETCHAPP_FIRST_PAINT="quit",
        XDG_DATA_HOME=str(data),
    )
    for name in ("STRETCHAPP_CONFIG_DIR", "STRETCHAPP_DATA_DIR", "STRETCHAPP_NO_SAFETY_NOTE"):
        env.pop(name, None)
    # Measure what a user gets: bytecode cached after the first run (pip compiles it on a
    # normal install; this machine sets PYTHONDONTWRITEBYTECODE, which would make every start
    # compile the app from source again).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subjects: dict[str, tuple[list[str], Path | None]] = {
        "bare": ([sys.executable, "-c", BARE_WINDOW], None),
        "app": ([sys.executable, "-m", "stretchapp"], ROOT),
    }
    for i, checkout in enumerate(compare):
        subjects[_nth("compare", i)] = ([sys.executable, "-m", "stretchapp"], checkout.resolve())
    for i, bundle in enumerate(bundles):
        subjects[_nth("bundle", i)] = ([str(bundle.resolve())], None)
    # The floor (scripts/startup_floor.py): this checkout's first page, recorded at its first
    # paint and shown again with no app code, then the same after building PySide6's `Qt`
    # namespace. What the app costs above the floor is its own work.
    floor_script = ROOT / "scripts" / "startup_floor.py"
    recorded = tmp / "floor"
    if floor:
        subjects["floor"] = ([sys.executable, str(floor_script), "replay", str(recorded)], None)
        subjects["floor_qt"] = (
            [sys.executable, str(floor_script), "replay", str(recorded), "--qt-namespace"],
            None,
        )
    figures: dict[str, object] = {}
    for platform in platforms:
        with contextlib.ExitStack() as stack:
            penv = dict(env, QT_QPA_PLATFORM=platform)
            if platform == "xcb":
                display = stack.enter_context(xvfb())
                if display is None:
                    continue
                penv["DISPLAY"] = display
            times: dict[str, list[float]] = {name: [] for name in subjects}
            cpus: dict[str, list[float]] = {name: [] for name in subjects}
            rss: dict[str, list[float]] = {name: [] for name in subjects}
            # Each subject keeps its own data and config folders: versions with different
            # caches, or a different window.json, must not overwrite each other's at every start.
            envs = {
                name: dict(
                    penv,
                    XDG_DATA_HOME=str(data / name),
                    XDG_CONFIG_HOME=str(returning_user(config / platform / name)),
                )
                for name in subjects
            }
            for name, (command, cwd) in subjects.items():  # warm-up: disk, bytecode, caches
                if name == "floor":  # recorded on this platform, once the app has its caches
                    shutil.rmtree(recorded, ignore_errors=True)
                    subprocess.run(
                        [sys.executable, str(floor_script), "dump", str(recorded)],
                        env=envs["app"],
                        cwd=ROOT,
                        capture_output=True,
                        timeout=120,
                        check=True,
                    )
                    compared = subprocess.run(
                        [sys.executable, str(floor_script), "compare", str(recorded)],
                        env=penv,
                        capture_output=True,
                        text=True,
                        timeout=120,
                        check=False,
                    )
                    # 0 %: the floor shows the very page the app painted
                    figures[f"startup_{platform}_floor_pixels_differ"] = compared.stdout.split(
                        ": "
                    )[-1].strip()
                first_paint(command, envs[name], cwd)
            for _ in range(runs):
                for name, (command, cwd) in subjects.items():
                    seconds, kib, cpu = first_paint(command, envs[name], cwd)
                    times[name].append(seconds)
                    cpus[name].append(cpu)
                    rss[name].append(kib)
            bare = statistics.median(times["bare"])
            bare_cpu = statistics.median(cpus["bare"])
            for name in subjects:
                key = f"startup_{platform}_{name}"
                figures[f"{key}_ms"] = _spread(times[name], 1000)
                figures[f"{key}_cpu_ms"] = _spread(cpus[name], 1000)
                figures[f"{key}_rss_mib"] = _spread(rss[name], 1 / 1024)
                if name != "bare":
                    figures[f"{key}_ratio"] = round(statistics.median(times[name]) / bare, 2)
                    figures[f"{key}_cpu_ratio"] = round(statistics.median(cpus[name]) / bare_cpu, 2)
    return figures


def bench_routine() -> object:
    from stretchapp.core.routines import Entry, Routine, Sides, Stretch, load_library

    # The drawn figure of a bundled stretch: still in holds, moving in repetitions.
    pose = load_library(ROOT / "routines", None, ROOT / "assets").stretches["cat-cow"].pose
    hold = Stretch("hold", "Hold", (), ("a", "b", "c"), hold=12, pose=pose)
    reps = Stretch("reps", "Reps", (), ("a", "b", "c"), reps=4, tempo=3, pose=pose)
    sided = Stretch("sided", "Sided", (), ("a", "b", "c"), hold=8, sides=Sides.BOTH, pose=pose)
    entries = []
    for _ in range(3):
        entries += [
            Entry(hold, 12, None, 4, Sides.NONE),
            Entry(reps, None, 4, 3, Sides.NONE),
            Entry(sided, 8, None, 4, Sides.BOTH),
        ]
    # 9 stretches: 3 x (12 + 12 + 8 + 2 + 8) + 9 x 3 get-ready + 8 x 2 rest = 169 s
    return Routine("bench", "Benchmark", "", tuple(entries), get_ready=3, rest=2, switch=2)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bench_session(quick: bool, idle_seconds: float) -> dict[str, float]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from stretchapp.core.palette import LIGHT
    from stretchapp.core.paths import Paths
    from stretchapp.core.session import EventKind, PhaseKind, Session, boot_clock_ms
    from stretchapp.ui.app import create_window
    from stretchapp.ui.player import PlayerPage, Speaker
    from stretchapp.ui.theme import quiet_gui_threads

    quiet_gui_threads()  # as the application does (ui/theme.py), before anything is painted
    _app = QApplication.instance() or QApplication([])  # kept alive for the run
    tmp = Path(tempfile.mkdtemp())
    paths = Paths(tmp / "config", tmp / "data", Paths.default().bundled_root)

    def wait(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(round(seconds * 1000), loop.quit)
        loop.exec()

    # Idle: the library window shown, nobody touching it.
    window = create_window(paths, "light")
    window.resize(1280, 800)
    window.show()
    wait(1.0)
    cpu0, wall0 = cpu_seconds(), time.monotonic()
    wait(idle_seconds)
    idle_share = (cpu_seconds() - cpu0) / (time.monotonic() - wall0)

    routine = bench_routine()
    if quick:
        routine = type(routine)(**{**routine.__dict__, "entries": routine.entries[:3]})
    session = Session(routine)
    lateness: list[int] = []
    finished_late: list[int] = []

    def on_event(event: object) -> None:
        now = boot_clock_ms()
        if event.kind is EventKind.PHASE_STARTED and event.phase is not None:  # type: ignore[attr-defined]
            if not (event.phase.kind is PhaseKind.GET_READY and event.phase.entry_index == 0):  # type: ignore[attr-defined]
                lateness.append(now - event.at_ms)  # type: ignore[attr-defined]
        elif event.kind is EventKind.FINISHED:  # type: ignore[attr-defined]
            finished_late.append(now - event.at_ms)  # type: ignore[attr-defined]

    session.subscribe(on_event)
    page = PlayerPage(session, LIGHT, Speaker())
    page.resize(1280, 800)
    page.show()
    wait(0.5)
    total_ms = sum(p.duration_ms for p in session.plan)
    cpu0, wall0 = cpu_seconds(), time.monotonic()
    page.start()
    start_ms = session.summary().started_at_ms or 0
    while session.state.value == "running":
        wait(0.5)
    wall = time.monotonic() - wall0
    run_share = (cpu_seconds() - cpu0) / wall
    end_ms = session.summary().ended_at_ms or 0
    page.shutdown()
    window.close()
    return {
        "session_seconds": round(total_ms / 1000, 1),
        "phase_changes": len(lateness),
        "phase_late_max_ms": max(lateness) if lateness else -1,
        "phase_late_median_ms": statistics.median(lateness) if lateness else -1,
        "finish_noticed_late_ms": finished_late[0] if finished_late else -1,
        "drift_ms": (end_ms - start_ms) - total_ms,
        "cpu_session_pct": round(run_share * 100, 2),
        "cpu_idle_pct": round(idle_share * 100, 3),
    }


def event_counter(kind: object) -> Any:
    """A QObject that, installed as an event filter, counts the events of `kind` (`.count`)."""
    from PySide6.QtCore import QEvent, QObject

    class Counter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == kind:
                self.count += 1
            return False

    return Counter()


def cold_wake_ratio(bursts: int) -> float:
    """CPU of a few ms of plain Python run after 50 ms asleep, over the same run back to back
    (the median of each): what a wake-up alone adds to work on this machine, whatever the app
    does. The routine's real-time and simulated costs differ by about this much and more (a
    larger working set finds more of itself gone from the caches)."""
    rows = [list(range(i, i + 50)) for i in range(2000)]

    def burst() -> int:
        total = 0
        for row in rows:
            for x in row[::5]:
                total += x * x
        return total

    def cpu_of(gap: float) -> float:
        times = []
        for _ in range(bursts):
            if gap:
                time.sleep(gap)
            start = time.process_time()
            burst()
            times.append(time.process_time() - start)
        return statistics.median(times)

    for _ in range(20):
        burst()
    warm = cpu_of(0.0)
    cold = cpu_of(0.05)
    return cold / max(warm, 1e-9)


def bench_figure(quick: bool) -> dict[str, float]:
    """The posed figure in the player at 1920x1080: ms to draw a moving frame, CPU during a
    hold and over a routine with movements (in real time, and on a simulated clock), and what
    a still pose repaints.

    Frame times are CPU time (this process), not wall time: on a shared machine other work
    would otherwise be counted as drawing."""
    from PySide6.QtCore import QEvent, QEventLoop, QRectF, Qt, QTimer
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from stretchapp.core.drawing import drawing_at
    from stretchapp.core.palette import LIGHT
    from stretchapp.core.routines import Entry, Routine, Sides, load_library
    from stretchapp.core.session import PhaseKind, Session
    from stretchapp.ui.figure import paint_drawing
    from stretchapp.ui.player import PlayerPage, Speaker
    from stretchapp.ui.theme import quiet_gui_threads

    quiet_gui_threads()  # as the application does (ui/theme.py), before anything is painted
    _app = QApplication.instance() or QApplication([])  # kept alive for the run
    library = load_library(ROOT / "routines", None, ROOT / "assets")
    posed = [s for s in library.stretches.values() if getattr(s, "pose", None) is not None]
    reps = [s for s in posed if s.reps is not None]
    holds = [s for s in posed if s.hold is not None]
    if not reps or not holds:
        print("figure: no posed bundled stretches yet; skipped", file=sys.stderr)
        return {}

    def wait(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(round(seconds * 1000), loop.quit)
        loop.exec()

    def player(routine: Routine) -> PlayerPage:
        page = PlayerPage(Session(routine), LIGHT, Speaker())
        page.resize(1920, 1080)
        page.show()
        wait(0.3)
        return page

    # 1. Drawing one frame of a movement, as the player does it at 1920x1080, for every
    # bundled stretch done in repetitions (the same number of frames each).
    per_stretch: dict[str, list[float]] = {}
    for moving in reps:
        rep_ms = moving.tempo * 1000
        page = player(Routine("f", "F", "", (Entry(moving, None, 4, moving.tempo, Sides.NONE),)))
        picture = page.illustration
        assert moving.pose is not None
        picture.set_pose(moving.pose)
        # as in the player, the stretch phase starts in the start pose, still, before the
        # body sets off (the first frame's backdrop is painted then: ui/illustration.py)
        picture.show_moment(PhaseKind.STRETCH, 0, 4 * rep_ms, rep_ms, None)
        wait(0.05)
        ms = per_stretch.setdefault(moving.id, [])
        elapsed = 0
        while len(ms) < (15 if quick else 60):
            elapsed += 33
            picture.set_pose(None)  # forget the last frame: every one is drawn afresh
            picture.set_pose(moving.pose)
            if not picture.show_moment(PhaseKind.STRETCH, elapsed, 4 * rep_ms, rep_ms, None):
                continue  # only frames of the movement itself
            t0 = time.process_time()
            picture.repaint()
            ms.append((time.process_time() - t0) * 1000)
        size = f"{picture.width()}x{picture.height()}"
        page.shutdown()
        page.close()
    times = [t for ms in per_stretch.values() for t in ms]
    worst = max(per_stretch, key=lambda name: statistics.median(per_stretch[name]))
    worst_times = sorted(per_stretch[worst])
    # ... and the costliest of them alone filling a whole 1920x1080 image (the worst case).
    moving = next(stretch for stretch in reps if stretch.id == worst)
    rep_ms = moving.tempo * 1000
    image = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)
    full = []
    for i in range(20 if quick else 100):
        drawing = drawing_at(
            moving.pose,
            phase=PhaseKind.STRETCH,
            elapsed_ms=i * 33,
            phase_ms=4 * rep_ms,
            rep_ms=rep_ms,
            side=None,
        )
        image.fill(0xFFF7F5F2)
        t0 = time.process_time()
        painter = QPainter(image)
        paint_drawing(painter, drawing, QRectF(0, 0, 1920, 1080), LIGHT, LIGHT.window)
        painter.end()
        full.append((time.process_time() - t0) * 1000)

    # 2. A hold: CPU and repaints while the figure stands still.
    held = holds[0]
    hold_s = 12 if quick else 40
    page = player(
        Routine("h", "H", "", (Entry(held, hold_s, None, held.tempo, Sides.NONE),), get_ready=0)
    )
    figure_paints, ring_paints = event_counter(QEvent.Type.Paint), event_counter(QEvent.Type.Paint)
    page.illustration.installEventFilter(figure_paints)
    page.ring.installEventFilter(ring_paints)
    page.start()
    wait(4.0)  # past the ease into the stretch
    figure_paints.count = ring_paints.count = 0
    window = hold_s - 6
    cpu0, wall0 = cpu_seconds(), time.monotonic()
    wait(window)
    hold_wall = time.monotonic() - wall0
    hold_share = (cpu_seconds() - cpu0) / hold_wall
    hold_figure_paints, hold_ring_paints = figure_paints.count, ring_paints.count
    page.shutdown()
    page.close()
    # 2b. The resting breath: a hold whose figure breathes (4 s in, 6 s out), drawn in
    # small steps at least every SLOW_FRAME_MS, the ring's caption turning with it.
    breathing = next((s for s in holds if s.id == "constructive-rest"), None)
    breath_share = breath_paints_per_s = 0.0
    if breathing is not None:
        page = player(
            Routine(
                "b",
                "B",
                "",
                (Entry(breathing, hold_s, None, breathing.tempo, Sides.NONE),),
                get_ready=0,
            )
        )
        figure_paints = event_counter(QEvent.Type.Paint)
        page.illustration.installEventFilter(figure_paints)
        page.start()
        wait(1.0)
        figure_paints.count = 0
        cpu0, wall0 = cpu_seconds(), time.monotonic()
        wait(window)
        breath_wall = time.monotonic() - wall0
        breath_share = (cpu_seconds() - cpu0) / breath_wall
        breath_paints_per_s = figure_paints.count / breath_wall
        page.shutdown()
        page.close()
    # ... beside the least any countdown costs on this machine in the same minutes: a bare
    # window as large, whose one label changes once a second (how much a wake-up costs here
    # swings several-fold from hour to hour on a virtual machine; this row shows the floor).
    from PySide6.QtWidgets import QLabel, QWidget

    bare = QWidget()
    bare.resize(1920, 1080)
    label = QLabel("0", bare)
    label.setGeometry(860, 400, 200, 120)
    bare.show()
    ticks = QTimer()
    ticks.setTimerType(Qt.TimerType.PreciseTimer)
    ticks.timeout.connect(lambda: label.setText(str(int(label.text()) + 1)))
    ticks.start(1000)
    wait(2.0)
    cpu0, wall0 = cpu_seconds(), time.monotonic()
    wait(window)
    bare_share = (cpu_seconds() - cpu0) / (time.monotonic() - wall0)
    ticks.stop()
    bare.close()
    # ... and a process doing nothing but sleep for a second at a time: what the machine
    # charges for a wake-up alone, Qt or not.
    cpu0, wall0 = cpu_seconds(), time.monotonic()
    for _ in range(5 if quick else 15):
        time.sleep(1.0)
    sleep_share = (cpu_seconds() - cpu0) / (time.monotonic() - wall0)

    # ... and what waking costs on this machine, with no Qt and no app: the same few ms of
    # Python, run back to back and then each after 50 ms asleep (as a moving figure's frames
    # come). On a virtual machine the second has cost about 1.5 times the first (2 Dec 2026).
    cold_ratio = cold_wake_ratio(40 if quick else 120)

    # 3. A routine with movements: repetitions and holds, get-ready, switch and rest.
    entries = []
    for stretch in (reps + holds)[: 3 if quick else 6]:
        if stretch.reps is not None:
            entries.append(Entry(stretch, None, 2 if quick else 4, stretch.tempo, stretch.sides))
        else:
            entries.append(Entry(stretch, 8 if quick else 15, None, stretch.tempo, stretch.sides))
    routine = Routine("m", "M", "", tuple(entries), get_ready=3, rest=2, switch=3)
    page = player(routine)
    figure_paints = event_counter(QEvent.Type.Paint)
    page.illustration.installEventFilter(figure_paints)
    wakes = event_counter(QEvent.Type.Timer)  # the page's timer firing: one wake-up
    page.timer.installEventFilter(wakes)
    cpu0, wall0 = cpu_seconds(), time.monotonic()
    page.start()
    while page.session.state.value == "running":
        wait(0.5)
    run_wall = time.monotonic() - wall0
    run_cpu = cpu_seconds() - cpu0
    run_share = run_cpu / run_wall
    page.shutdown()
    page.close()

    # 4. The same routine on a simulated clock: the page's timer is not waited for but its
    # interval added to the clock, so this is the work alone, with little of what other load
    # on the machine adds (caches left cold by other programs between frames).
    class Clock:
        now = 10_000

        def __call__(self) -> int:
            return self.now

    clock = Clock()
    page = PlayerPage(Session(routine, clock=clock), LIGHT, Speaker())
    page.resize(1920, 1080)
    page.show()
    wait(0.3)
    cpu0, start = cpu_seconds(), clock.now
    page.start()
    QApplication.processEvents()
    simulated_wakes = 0
    while page.session.state.value == "running":
        clock.now += max(1, page.timer.interval())
        page._on_timer()
        QApplication.processEvents()
        simulated_wakes += 1
    simulated_cpu = cpu_seconds() - cpu0
    simulated_share = simulated_cpu / ((clock.now - start) / 1000)
    page.shutdown()
    page.close()
    times.sort()
    full.sort()
    return {
        "figure_widget_size": size,
        "figure_frame_ms_median": round(statistics.median(times), 2),
        "figure_frame_ms_p95": round(times[int(len(times) * 0.95) - 1], 2),
        "figure_frame_stretches": len(per_stretch),
        "figure_frame_worst_stretch": worst,
        "figure_frame_worst_ms_median": round(statistics.median(worst_times), 2),
        "figure_frame_worst_ms_p95": round(worst_times[int(len(worst_times) * 0.95) - 1], 2),
        "figure_full_1920x1080_ms_median": round(statistics.median(full), 2),
        "figure_hold_seconds": round(hold_wall, 1),
        "figure_cpu_hold_pct": round(hold_share * 100, 3),
        "figure_cpu_bare_countdown_pct": round(bare_share * 100, 3),
        "cpu_sleep_1hz_pct": round(sleep_share * 100, 3),
        "cpu_cold_wake_ratio": round(cold_ratio, 2),
        "figure_hold_figure_repaints": hold_figure_paints,
        "figure_hold_ring_repaints_per_s": round(hold_ring_paints / hold_wall, 1),
        "figure_cpu_breathing_hold_pct": round(breath_share * 100, 3),
        "figure_breathing_repaints_per_s": round(breath_paints_per_s, 1),
        "figure_routine_seconds": round(run_wall, 1),
        "figure_cpu_routine_pct": round(run_share * 100, 2),
        "figure_routine_frames_per_s": round(figure_paints.count / run_wall, 1),
        "figure_cpu_routine_simulated_pct": round(simulated_share * 100, 2),
        # The same wake-ups cost more in real time: between two of them other work on the
        # machine has the caches, and the interpreter's share of a wake-up was measured
        # (perf, 2 Dec 2026) at about twice its simulated cost, Qt's painting at 1.2 times.
        "figure_routine_wakes_per_s": round(wakes.count / run_wall, 1),
        "figure_routine_ms_per_wake": round(run_cpu * 1000 / max(1, wakes.count), 2),
        "figure_routine_simulated_ms_per_wake": round(
            simulated_cpu * 1000 / max(1, simulated_wakes), 2
        ),
    }


def bench_figure_pauses(quick: bool) -> dict[str, object]:
    """The longest the app stops to work a figure out, CPU time (core only, no window):

    - the player, as a stretch's movement begins: its arrow is placed then (core/cue.py), the
      box it is framed in coming from the cache as in the app; for every bundled stretch
      with an arrow, both sides, the worst;
    - the routine editor, for a slider step: the pose with one slider at -60, -30, +30 or
      +60 degrees on one key pose, that key's picture worked out afresh (a changed pose has
      no cache); every bundled posed stretch, slider and key (quick: +-60 only)."""
    from stretchapp.core import cue
    from stretchapp.core.drawing import drawing_at, frame_of, still_drawing
    from stretchapp.core.routines import load_library
    from stretchapp.core.session import PhaseKind
    from stretchapp.ui.posing import SLIDERS, adjusted

    library = load_library(ROOT / "routines", None, ROOT / "assets")
    posed = [s for s in library.stretches.values() if s.pose is not None]
    starts: list[tuple[float, str]] = []
    for stretch in posed:
        pose = stretch.pose
        assert pose is not None
        if pose.cue is None:
            continue
        rep_ms = stretch.tempo * 1000 if stretch.reps is not None else 0
        if rep_ms == 0 and pose.cycle_ms == 0:
            continue  # a still hold shows no arrow
        frame_of(pose)
        for side in ("left", "right"):
            cue.cue_prop.cache_clear()
            t0 = time.process_time()
            drawing_at(
                pose,
                phase=PhaseKind.STRETCH,
                elapsed_ms=0,
                phase_ms=8 * max(rep_ms, 1000),
                rep_ms=rep_ms,
                side=side,
            )
            starts.append(((time.process_time() - t0) * 1000, stretch.id))
    steps: list[float] = []
    worst_step = (0.0, "")
    for stretch in posed:
        pose = stretch.pose
        assert pose is not None
        for slider in SLIDERS:
            for degrees in (-60, 60) if quick else (-60, -30, 30, 60):
                for key in range(len(pose.keys)):
                    changed = adjusted(pose, {key: {slider.id: degrees}})
                    t0 = time.process_time()
                    still_drawing(changed, key)
                    ms = (time.process_time() - t0) * 1000
                    steps.append(ms)
                    if ms > worst_step[0]:
                        worst_step = (ms, f"{stretch.id} {slider.id} {degrees:+d}")
    steps.sort()
    worst_start = max(starts)
    return {
        "figure_arrow_start_ms_max": round(worst_start[0], 1),
        "figure_arrow_start_worst": worst_start[1],
        "figure_arrow_start_ms_median": round(statistics.median(t for t, _ in starts), 1),
        "editor_slider_step_ms_median": round(statistics.median(steps), 1),
        "editor_slider_step_ms_p95": round(steps[int(len(steps) * 0.95) - 1], 1),
        "editor_slider_step_ms_max": round(worst_step[0], 1),
        "editor_slider_step_worst": worst_step[1],
    }


def bench_figure_counts() -> dict[str, float]:
    """What painting a moving frame asks of the rasteriser, counted rather than timed, so
    that other load on the machine cannot move it: for every bundled stretch done in
    repetitions, 120 frames of one repetition painted as the player paints them at 1920x1080
    (the figure's area, 1098x789, over its backdrop), the fills (QPainter.fillPath, and
    drawPath and drawPolygon, which it does not use) and the path elements filled, a frame."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from stretchapp.core.drawing import drawing_at
    from stretchapp.core.palette import LIGHT
    from stretchapp.core.routines import load_library
    from stretchapp.core.session import PhaseKind
    from stretchapp.ui import figure

    _app = QApplication.instance() or QApplication([])  # kept alive for the run
    library = load_library(ROOT / "routines", None, ROOT / "assets")
    reps = [s for s in library.stretches.values() if s.pose is not None and s.reps is not None]
    counts = {"fills": 0, "elements": 0, "other": 0}
    real_fill, real_path, real_polygon = QPainter.fillPath, QPainter.drawPath, QPainter.drawPolygon

    def fill(painter: QPainter, path: object, brush: object) -> None:
        counts["fills"] += 1
        counts["elements"] += path.elementCount()  # type: ignore[attr-defined]
        real_fill(painter, path, brush)  # type: ignore[arg-type]

    def draw(painter: QPainter, *args: object) -> None:
        counts["other"] += 1
        real_path(painter, *args)  # type: ignore[arg-type]

    def polygon(painter: QPainter, *args: object) -> None:
        counts["other"] += 1
        real_polygon(painter, *args)  # type: ignore[call-overload]

    w, h, frames = 1098, 789, 120
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    out: dict[str, float] = {}
    total = {"fills": 0, "elements": 0, "other": 0}
    QPainter.fillPath, QPainter.drawPath, QPainter.drawPolygon = fill, draw, polygon  # type: ignore[method-assign,assignment]
    try:
        for stretch in reps:
            assert stretch.pose is not None
            rep_ms = round(stretch.tempo * 1000)
            for key in counts:
                counts[key] = 0
            for i in range(frames):
                drawing = drawing_at(
                    stretch.pose,
                    phase=PhaseKind.STRETCH,
                    elapsed_ms=rep_ms + i * rep_ms // frames,
                    phase_ms=4 * rep_ms,
                    rep_ms=rep_ms,
                    side=None,
                )
                image.fill(QColor(LIGHT.surface))
                painter = QPainter(image)
                skip = len(figure.backdrop(drawing).items)
                figure.paint_drawing(
                    painter, drawing, QRectF(0, 0, w, h), LIGHT, LIGHT.surface, skip=skip
                )
                painter.end()
            out[f"figure_fills_{stretch.id}"] = round(counts["fills"] / frames, 2)
            out[f"figure_elements_{stretch.id}"] = round(counts["elements"] / frames, 1)
            for key in counts:
                total[key] += counts[key]
    finally:
        QPainter.fillPath, QPainter.drawPath, QPainter.drawPolygon = (  # type: ignore[method-assign]
            real_fill,
            real_path,
            real_polygon,
        )
    n = frames * len(reps)
    out["figure_fills_per_frame"] = round(total["fills"] / n, 2)
    out["figure_elements_per_frame"] = round(total["elements"] / n, 1)
    out["figure_other_paints_per_frame"] = round(total["other"] / n, 2)
    return out


def _context_switches() -> dict[str, int]:
    """Voluntary context switches per thread: how often each went to sleep and was woken."""
    counts: dict[str, int] = {}
    for status in Path("/proc/self/task").glob("*/status"):
        try:
            for line in status.read_text().splitlines():
                if line.startswith("voluntary_ctxt_switches:"):
                    counts[status.parent.name] = int(line.split()[1])
        except OSError:
            continue
    return counts


def _switches_since(before: dict[str, int]) -> int:
    """Wake-ups since `before`, over threads alive now (a thread that ended meanwhile takes
    its count with it, which must not make the total go down)."""
    now = _context_switches()
    return sum(count - before.get(tid, 0) for tid, count in now.items())


def bench_tray(seconds: float) -> dict[str, float]:
    """Waiting in the tray with reminders on: CPU share and wake-ups per minute."""
    from datetime import datetime, timedelta

    from PySide6.QtCore import QEvent, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from stretchapp.core.paths import Paths
    from stretchapp.ui.app import app_icon, create_window
    from stretchapp.ui.tray import Companion

    app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp())
    paths = Paths(tmp / "config", tmp / "data", Paths.default().bundled_root)
    later = (datetime.now() + timedelta(hours=3)).strftime("%H:%M")
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text(
        f"version: 1\nsafety_note_seen: true\nreminders: true\nreminder_times: ['{later}']\n"
    )
    window = create_window(paths, "light")
    companion = Companion(window.app, window, app_icon(paths))
    window.show()
    window.history  # noqa: B018 - opened as at start-up
    window.hide()  # closed into the tray

    settle = QEventLoop()
    QTimer.singleShot(2000, settle.quit)
    settle.exec()
    counter = event_counter(QEvent.Type.Timer)
    app.installEventFilter(counter)
    loop = QEventLoop()
    # The benchmark's own end-of-wait timer is one wake-up; it is subtracted below.
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    fires0, switches0 = companion.clock.fires, _context_switches()
    cpu0, wall0 = cpu_seconds(), time.monotonic()
    loop.exec()
    wall = time.monotonic() - wall0
    cpu = cpu_seconds() - cpu0
    switches = _switches_since(switches0)
    app.removeEventFilter(counter)
    per_minute = 60 / wall
    result = {
        "tray_wait_seconds": round(wall, 1),
        "tray_tray_available": int(companion.tray is not None),
        "tray_cpu_pct": round(cpu / wall * 100, 3),
        "tray_timer_events_per_min": round(max(counter.count - 1, 0) * per_minute, 2),
        "tray_reminder_timer_fires": companion.clock.fires - fires0,
        "tray_context_switches_per_min": round(switches * per_minute, 1),
    }
    companion.quitting = True
    window.close()
    return result


def _shown(value: object) -> str:
    if isinstance(value, dict) and {"median", "min", "max"} <= value.keys():
        return f"{value['median']} ({value['min']}-{value['max']})"
    return str(value)


def compare_figure(other: Path, rounds: int, quick: bool, out: Path) -> int:
    """The figure's figures (`--only-figure`) of this checkout and of `other`, in turns,
    each measured by this script on that checkout's code (so a change to the benchmark does
    not pass for a change to the app); prints each one's median over the rounds."""
    subjects = {"this": ROOT, "other": other.resolve()}
    runs: dict[str, list[dict[str, object]]] = {name: [] for name in subjects}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(rounds):
            for name, root in subjects.items():
                result = Path(tmp) / f"{name}-{i}.json"
                env = {**os.environ, "STRETCHAPP_BENCH_ROOT": str(root), "PYTHONPATH": str(root)}
                command = [sys.executable, str(Path(__file__).resolve()), "--only-figure"]
                command += ["--json", str(result)] + (["--quick"] if quick else [])
                done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
                if done.returncode != 0:
                    print(f"{name} ({root}) failed:\n{done.stderr[-2000:]}", file=sys.stderr)
                    return 1
                runs[name].append(json.loads(result.read_text()))
                print(f"round {i + 1}/{rounds}: {name} done", file=sys.stderr, flush=True)
    keys = [k for k, v in runs["this"][0].items() if isinstance(v, int | float)]
    table: dict[str, dict[str, float]] = {}
    for key in keys:
        values = {
            name: [float(v) for r in found if isinstance(v := r.get(key), int | float)]
            for name, found in runs.items()
        }
        if all(values.values()):
            table[key] = {name: statistics.median(v) for name, v in values.items()}
    width = max(len(k) for k in table)
    print(f"{'figure'.ljust(width)}  {'this'.rjust(9)}  {'other'.rjust(9)}  this/other")
    for key, pair in table.items():
        ratio = f"{pair['this'] / pair['other']:.3f}" if pair["other"] else ""
        print(f"{key.ljust(width)}  {pair['this']:9.3f}  {pair['other']:9.3f}  {ratio}")
    out.write_text(json.dumps({"rounds": rounds, "medians": table, "runs": runs}, indent=2) + "\n")
    print(f"\n{rounds} rounds in turns (medians); wrote {out}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short runs (smoke check)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench-results.json")
    parser.add_argument("--skip-history", action="store_true")
    parser.add_argument("--skip-pictures", action="store_true")
    parser.add_argument(
        "--only-figure", action="store_true", help="only the figure's figures (about a minute)"
    )
    parser.add_argument(
        "--figure-counts",
        action="store_true",
        help="only count what painting a moving frame asks for (fills, path elements): "
        "figures other load cannot move (a few seconds)",
    )
    parser.add_argument(
        "--tray-seconds", type=float, default=None, help="how long to wait in the tray (60)"
    )
    parser.add_argument(
        "--startup-only", action="store_true", help="measure the start-up only (about a minute)"
    )
    parser.add_argument("--runs", type=int, default=None, help="start-up rounds (7; quick: 3)")
    parser.add_argument(
        "--compare",
        type=Path,
        action="append",
        default=[],
        metavar="CHECKOUT",
        help="also start another checkout of StretchApp in the same rounds (before/after; "
        "may be given again)",
    )
    parser.add_argument(
        "--bundle",
        type=Path,
        action="append",
        default=[],
        metavar="EXE",
        help="also start a self-contained build (default: the one scripts/build-package left in "
        "build/dist/stretchapp/stretchapp, if there is one; "
        "may be given again)",
    )
    parser.add_argument(
        "--compare-figure",
        type=Path,
        default=None,
        metavar="CHECKOUT",
        help="the figure's figures (--only-figure) of this checkout and another, in turns, "
        "each run by this script on that checkout's code; medians of --rounds",
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds of --compare-figure (3)")
    args = parser.parse_args()
    if args.compare_figure is not None:
        return compare_figure(args.compare_figure, args.rounds, args.quick, args.json)
    bundles = args.bundle
    built = ROOT / "build" / "dist" / "stretchapp" / "stretchapp"  # build-package's --work
    if not bundles and built.is_file():
        bundles = [built]
    figures: dict[str, object] = {"python": sys.version.split()[0], "cores": os.cpu_count()}
    runs = args.runs or (3 if args.quick else 7)
    if args.figure_counts:
        figures.update(bench_figure_counts())
    elif args.only_figure:
        # timed first: the counting wraps QPainter's fill methods and puts them back, and
        # frames timed after it were 1.3-1.8 ms slower (30 Nov, 12:40: same code, same hour)
        figures.update(bench_figure(args.quick))
        figures.update(bench_figure_counts())
        figures.update(bench_figure_pauses(args.quick))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            figures.update(bench_startup(runs, Path(tmp), args.compare, bundles))
        if not args.startup_only:
            figures.update(bench_session(args.quick, 5.0 if args.quick else 20.0))
            figures.update(bench_figure(args.quick))  # before the counts (see above)
            figures.update(bench_figure_counts())
            figures.update(bench_figure_pauses(args.quick))
            tray_seconds = args.tray_seconds or (10.0 if args.quick else 60.0)
            figures.update(bench_tray(tray_seconds))
    if (
        not args.startup_only
        and not args.only_figure
        and not args.figure_counts
        and not args.skip_history
        and (ROOT / "scripts" / "bench_history.py").exists()
    ):
        sys.path.insert(0, str(ROOT / "scripts"))
        from bench_history import bench_history  # type: ignore[import-not-found]

        with tempfile.TemporaryDirectory() as tmp:
            figures.update({f"history_{k}": v for k, v in bench_history(Path(tmp)).items()})
    if (
        not args.skip_pictures
        and not args.startup_only
        and not args.only_figure
        and not args.figure_counts
        and (ROOT / "scripts" / "bench_pictures.py").exists()
    ):
        sys.path.insert(0, str(ROOT / "scripts"))
        from bench_pictures import bench_pictures  # type: ignore[import-not-found]

        with tempfile.TemporaryDirectory() as tmp:
            figures.update(bench_pictures(Path(tmp)))
    targets = {
        "phase_late_max_ms": "<= 50",
        "drift_ms": "0",
        "cpu_session_pct": "< 3",
        "cpu_idle_pct": "~ 0",
        "figure_frame_ms_median": "<= 4",
        "figure_frame_ms_p95": "<= 4",
        "figure_frame_worst_ms_median": "<= 4",
        "figure_frame_worst_ms_p95": "<= 4",
        "figure_cpu_hold_pct": "<= 0.5",
        "figure_cpu_breathing_hold_pct": "(a movement: <= 3)",
        "figure_cpu_bare_countdown_pct": "(floor)",
        "cpu_sleep_1hz_pct": "(floor)",
        "cpu_cold_wake_ratio": "(the machine: after 50 ms asleep / back to back)",
        "figure_hold_figure_repaints": "0",
        "figure_cpu_routine_pct": "<= 3",
        "figure_routine_frames_per_s": "<= 30",
        "figure_arrow_start_ms_max": "(a pause: one frame is 50 ms)",
        "editor_slider_step_ms_max": "(a pause)",
        "tray_cpu_pct": "~ 0",
        "tray_timer_events_per_min": "<= 0.1",
        # Was a wall-clock assertion in the unit suite; a figure belongs here.
        "history_summary_ms": "< 150",
        "history_page_first_paint_ms": "< 150",
    }
    for key in figures:
        if key.startswith("startup_") and key.endswith("_ratio"):
            targets[key] = "(floor)" if "_floor" in key else "<= 1.3 (x bare)"
    width = max(len(k) for k in figures)
    print(f"{'figure'.ljust(width)}  value (median (min-max))  target")
    for key, value in figures.items():
        print(f"{key.ljust(width)}  {_shown(value).ljust(24)}  {targets.get(key, '')}")
    args.json.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
