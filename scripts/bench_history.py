"""Benchmark the history with 100,000 sessions: open, summary, the page's first paint, scrolling.

    python scripts/bench_history.py [--sessions N] [--keep DIR]

`bench_history(tmpdir)` generates the sessions (about three years, a few a day, with stretch
outcomes and some check-ins), then measures in a fresh process (so the figures are not
flattered by warm caches in this one): opening the store, the summary, the HistoryPage until
it has painted with its summary shown (offscreen), scrolling the table to the end, and the
peak memory of that process. Returns the figures as a dict (milliseconds, MB).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from stretchapp.core.history import HistoryStore, Status  # noqa: E402

ROUTINES = (
    ("daily-back-care", "Daily back care", 840, 7),
    ("desk-break", "Desk break", 300, 5),
    ("gentle-recovery", "Gentle recovery", 540, 6),
    ("low-back", "Low back", 600, 6),
)
STRETCHES = (
    ("cat-cow", "Cat-cow"),
    ("childs-pose", "Child's pose"),
    ("glute-bridge", "Glute bridge"),
    ("knee-to-chest", "Knee to chest"),
    ("pelvic-tilt", "Pelvic tilt"),
    ("piriformis", "Piriformis stretch"),
    ("sphinx", "Sphinx"),
)


def generate(db: Path, sessions: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    store, _ = HistoryStore.open(db)
    zones = (ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York"))
    start = datetime(2022, 1, 1, 7, 0, tzinfo=zones[0])
    step = timedelta(days=3 * 365) / sessions

    def rows() -> Iterator[Any]:
        for i in range(sessions):
            tz = zones[1] if (i // 5000) % 7 == 3 else zones[0]  # now and then, a trip
            when = (start + step * i + timedelta(minutes=rnd.randint(0, 50))).astimezone(tz)
            rid, name, seconds, count = rnd.choice(ROUTINES)
            status = rnd.choices(
                (Status.COMPLETED, Status.STOPPED, Status.INTERRUPTED), (90, 7, 3)
            )[0]
            active = seconds if status is Status.COMPLETED else rnd.randint(20, seconds)
            outcomes = []
            for index in range(count):
                sid, sname = STRETCHES[index % len(STRETCHES)]
                outcome = "skipped" if rnd.random() < 0.08 else "done"
                outcomes.append((index, sid, sname, None, outcome))
            done = sum(o[4] == "done" for o in outcomes)
            before = rnd.randint(2, 8) if rnd.random() < 0.3 else None
            after = max(0, before - rnd.randint(0, 3)) if before is not None else None
            yield (when, rid, name, status, active, done, count - done, before, after, outcomes)

    store.add_sessions(rows())
    store.close()


MEASURE = r"""
import json, os, resource, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
t0 = time.perf_counter()
from stretchapp.core.history import HistoryStore
t_import = time.perf_counter()
store, notice = HistoryStore.open(Path(sys.argv[1]))
t_open = time.perf_counter()
summary = store.summary()
t_summary = time.perf_counter()
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from stretchapp.core import palette
from stretchapp.ui import theme
from stretchapp.ui.history import HistoryPage
app = QApplication(sys.argv[:1])
theme.apply(app, palette.LIGHT)
t_qt = time.perf_counter()

class Probe(QObject):
    painted = None
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and self.painted is None:
            self.painted = time.perf_counter()
        return False

probe = Probe()
page = HistoryPage(store, palette.LIGHT)
page.installEventFilter(probe)
page.resize(1100, 760)
page.show()
while probe.painted is None:
    app.processEvents()
app.processEvents()
t_page = probe.painted
shown = page.all_tile.value.text()
# Scroll to the end, a screenful at a time as a user dragging the bar would see it. The page is
# what scrolls (the table is as tall as its rows inside it).
bar = page.scroller.verticalScrollBar()
view = page.scroller.viewport()
t_s = time.perf_counter()
worst = 0.0
steps = 0
while bar.value() < bar.maximum():
    a = time.perf_counter()
    bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep() * 40))
    view.repaint()
    worst = max(worst, time.perf_counter() - a)
    steps += 1
t_scroll = time.perf_counter() - t_s
a = time.perf_counter()
bar.setValue(0); view.repaint()
bar.setValue(bar.maximum()); view.repaint()
t_jump = time.perf_counter() - a
a = time.perf_counter()
page.table.sortByColumn(1, page.table.horizontalHeader().sortIndicatorOrder())
bar.setValue(bar.maximum()); view.repaint()
t_sort = time.perf_counter() - a
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({
    "sessions": store.count(),
    "open_ms": (t_open - t_import) * 1000,
    "summary_ms": (t_summary - t_open) * 1000,
    "page_first_paint_ms": (t_page - t_qt) * 1000,
    "page_summary_text": shown,
    "scroll_to_end_ms": t_scroll * 1000,
    "scroll_steps": steps,
    "worst_scroll_step_ms": worst * 1000,
    "jump_top_bottom_ms": t_jump * 1000,
    "sort_by_routine_and_jump_ms": t_sort * 1000,
    "pages_fetched": page.model.pages_fetched,
    "peak_rss_mb": peak,
}))
"""


def bench_history(tmpdir: str | Path, sessions: int = 100_000) -> dict[str, Any]:
    """Generate `sessions` sessions in `tmpdir` and measure; returns the figures."""
    db = Path(tmpdir) / "history.sqlite3"
    began = time.perf_counter()
    if not db.exists():
        generate(db, sessions)
    generate_s = time.perf_counter() - began
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(db)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    figures: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    figures["generate_s"] = generate_s
    figures["db_mb"] = db.stat().st_size / 1e6
    return figures


def print_table(figures: dict[str, Any]) -> None:
    labels = (
        ("sessions", "sessions", "{:,}"),
        ("db_mb", "database size", "{:.1f} MB"),
        ("open_ms", "open the store", "{:.1f} ms"),
        ("summary_ms", "summary (streaks, week, month, all)", "{:.1f} ms"),
        ("page_first_paint_ms", "history page built and painted", "{:.1f} ms"),
        ("scroll_to_end_ms", "scroll the table to the end", "{:.0f} ms"),
        ("worst_scroll_step_ms", "slowest scroll step", "{:.1f} ms"),
        ("jump_top_bottom_ms", "jump to top, then to bottom", "{:.1f} ms"),
        ("sort_by_routine_and_jump_ms", "sort by routine, jump to bottom", "{:.1f} ms"),
        ("peak_rss_mb", "peak memory (RSS)", "{:.0f} MB"),
    )
    for key, label, fmt in labels:
        if key in figures:
            print(f"  {label:<38} {fmt.format(figures[key])}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        figures = bench_history(args.keep, args.sessions)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            figures = bench_history(tmp, args.sessions)
    print(f"History with {figures['sessions']:,} sessions:")
    print_table(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
