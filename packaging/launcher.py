"""The frozen program's entry point: what `stretchapp` runs in a PyInstaller bundle."""

import sys

from stretchapp.cli import main

sys.exit(main())
