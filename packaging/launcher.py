"""The frozen program's entry point: what `stretchapp` runs in a PyInstaller bundle.

A bundle has no Python to run `-m stretchapp.ui.svg_worker` with, so the window starts this
same program with `stretchapp.ui.svg_worker.FROZEN_SWITCH` first to draw a user's SVG (see
that module); such a start never reaches the app's command line.
"""

import sys

if sys.argv[1:2] == ["--draw-svg-worker"]:  # svg_worker.FROZEN_SWITCH
    from stretchapp.ui import svg_worker

    try:
        status = svg_worker.main([sys.argv[0], *sys.argv[2:]])
    except Exception:  # noqa: BLE001 - a windowed build would show its traceback in a dialog
        status = 5  # the window says the picture could not be drawn
    sys.exit(status)

from stretchapp.cli import main

sys.exit(main())
