"""The pure-Python modules StretchApp has imported when its window first paints.

    python packaging/early_modules.py OUT.txt

starts the app from this checkout, offscreen, as a returning user (a throwaway config and data
folder: the safety note seen, the caches filled by a first start), and writes the names of the
modules loaded from source or bytecode files at the window's first paint, one a line.

The PyInstaller recipe (stretchapp.spec) runs this and keeps those modules as plain .pyc files
beside the program, where Python loads them quicker than from the compressed archive every
other module stays in (about 15 ms of the start; see docs/performance.md). It needs nothing
but the app's own dependencies, so it runs the same on Linux, Windows and macOS.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run in a child: the app's own start, with the probe that reports its first paint (ui/app.py)
# also writing what is loaded then.
CHILD = r"""
import sys
from stretchapp.ui import app

reported = app.FirstPaintProbe.report
out_path = sys.argv[1]

def report(probe):
    names = sorted(
        name for name, module in list(sys.modules.items())
        if str(getattr(module, "__file__", None) or "").endswith((".py", ".pyc"))
    )
    try:
        with open(out_path, "w", encoding="utf-8") as out:
            out.write("".join(name + "\n" for name in names))
    finally:
        reported(probe)  # (and the app quits)

app.FirstPaintProbe.report = report
from stretchapp.cli import main

del sys.argv[1:]
sys.exit(main())
"""


def early_modules(out: Path) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="stretchapp-early-") as tmp:
        config = Path(tmp) / "config"
        config.mkdir()
        (config / "settings.yaml").write_text(
            "version: 1\nsafety_note_seen: true\n", encoding="utf-8"
        )
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            STRETCHAPP_FIRST_PAINT="quit",
            STRETCHAPP_CONFIG_DIR=str(config),
            STRETCHAPP_DATA_DIR=str(Path(tmp) / "data"),
        )
        env.pop("STRETCHAPP_NO_SAFETY_NOTE", None)
        for _start in range(2):  # the first start fills the caches a returning user has
            subprocess.run(
                [sys.executable, "-c", CHILD, str(out)],
                env=env,
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
                timeout=120,
            )
    return out.read_text(encoding="utf-8").split()


def main() -> int:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    names = early_modules(Path(sys.argv[1]))
    print(f"{len(names)} modules at the first paint")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
