"""Peak memory of a session with large user pictures (issue 12: pictures decoded at full size).

    python scripts/bench_pictures.py [--keep DIR]

`bench_pictures(tmpdir)` writes two user routines of 24 stretches each: one with single-colour
7900 × 7900 PNGs (what the attack used: above the pixel limit, so refused from their headers),
and one with 4096 × 4096 PNGs (at the limit, so decoded at the size shown). In a fresh process
per routine it opens the window, the routine's page and then plays it for a few seconds
(offscreen), and reports that process's peak resident memory in MB, with a bare start of the
app (no routine opened) for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT = 24

CHILD = r"""
import os, resource, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
sys.path.insert(0, sys.argv[1])
from stretchapp.core.paths import Paths
from stretchapp.ui.app import create_window

app = QApplication([])
window = create_window(Paths.default(), "light")
window.resize(1280, 800)
window.show()
routine = sys.argv[2]
steps = []
if routine != "-":
    steps = [lambda: window.open_routine(routine), lambda: window.start_routine(routine)]
    steps += [lambda: None] * 6  # let the player draw for a few seconds

def step():
    if steps:
        steps.pop(0)()
        window.grab()
        QTimer.singleShot(500, step)
    else:
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"peak-kib {rss}", flush=True)
        app.quit()

QTimer.singleShot(200, step)
app.exec()
"""


def solid_png(path: Path, width: int, height: int) -> None:
    """A single-colour RGB PNG written row by row (small memory, small file)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + b"\x4a\x90\x7a" * width
    packer = zlib.compressobj(9)
    parts = [packer.compress(row) for _ in range(height)]
    parts.append(packer.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", b"".join(parts))
        + chunk(b"IEND", b"")
    )


def write_routine(folder: Path, routine_id: str, picture: Path) -> None:
    images = folder / f"{routine_id}-images"
    images.mkdir(parents=True, exist_ok=True)
    lines = ["version: 1", "stretches:"]
    for n in range(COUNT):
        shutil.copyfile(picture, images / f"s{n}.png")
        lines += [
            f"  - id: {routine_id}-s{n}",
            f"    name: Stretch {n + 1}",
            f"    images: [{routine_id}-images/s{n}.png]",
            "    hold: 5",
            "    steps: [Get ready., Hold it., Let go.]",
        ]
    lines += ["routines:", f"  - id: {routine_id}", f"    name: {routine_id}", "    stretches:"]
    lines += [f"      - {routine_id}-s{n}" for n in range(COUNT)]
    (folder / f"{routine_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def peak_mb(tmp: Path, routine: str) -> float:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        STRETCHAPP_CONFIG_DIR=str(tmp / "config"),
        STRETCHAPP_DATA_DIR=str(tmp / "data"),
        STRETCHAPP_NO_SAFETY_NOTE="1",
        STRETCHAPP_SPEECH_ENGINE="mock",
    )
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), routine],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    for line in out.stdout.splitlines():
        if line.startswith("peak-kib "):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no figure from the picture run: {out.stderr[-2000:]}")


def bench_pictures(tmp: Path) -> dict[str, float]:
    routines = tmp / "config" / "routines"
    routines.mkdir(parents=True, exist_ok=True)
    huge, limit = tmp / "huge.png", tmp / "limit.png"
    solid_png(huge, 7900, 7900)
    solid_png(limit, 4096, 4096)
    write_routine(routines, "huge-pictures", huge)
    write_routine(routines, "limit-pictures", limit)
    return {
        "pictures_bare_start_peak_mb": peak_mb(tmp, "-"),
        "pictures_24x_7900px_peak_mb": peak_mb(tmp, "huge-pictures"),
        "pictures_24x_4096px_peak_mb": peak_mb(tmp, "limit-pictures"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the routines here and keep them")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        figures = bench_pictures(args.keep)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            figures = bench_pictures(Path(tmp))
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
