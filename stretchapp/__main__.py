"""`python -m stretchapp` does what the `stretchapp` command does."""

import sys

from stretchapp.cli import main

sys.exit(main())
