"""Is a StretchApp already running? A quick answer before anything is shown, without Qt.

The running copy listens on a local socket (`single_instance`, with QtNetwork). Loading
QtNetwork and asking through it costs a start about ten milliseconds, spent before the
window can show, for an answer that is almost always "no". So the start first tries a plain
connect to the socket's path: when nothing answers there, the window is built and shown at
once, and `single_instance` claims the socket right after the first paint. When something
answers, the start goes the careful way at once (`single_instance` hands the request over),
so a second `stretchapp` never shows a window of its own.

This only ever connects and closes: it sends nothing, so the checks `single_instance` makes
before it hands anything over stay where they are. `tests/ui/test_tray_and_instance.py`
checks that both modules name the same socket.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

PROBE_SECONDS = 1.5


def _sha256_hex(data: bytes) -> str:
    # The built-in SHA-256 (`_sha2` from Python 3.12, `_sha256` before): `hashlib` would load
    # OpenSSL first, a few milliseconds.
    for module in ("_sha2", "_sha256"):
        try:
            return str(importlib.import_module(module).sha256(data).hexdigest())
        except ImportError:
            continue
    import hashlib

    return hashlib.sha256(data).hexdigest()


def socket_path(config_dir: Path) -> Path | None:
    """Where `single_instance`'s QLocalServer listens for this user and config folder, or
    None where it is not a file-system socket (Windows uses a named pipe)."""
    if sys.platform == "win32" or not hasattr(os, "getuid"):
        return None
    digest = _sha256_hex(str(config_dir.resolve()).encode("utf-8"))[:12]
    name = f"stretchapp-{os.getuid()}-{digest}"
    # QLocalServer puts a plain name in QDir::tempPath(): $TMPDIR, else /tmp.
    temp = os.path.normpath(os.environ.get("TMPDIR") or "/tmp")
    return Path(temp) / name


def another_copy_answers(config_dir: Path) -> bool | None:
    """True when something accepts a connection on the running copy's socket, False when
    nothing does, None when this system cannot be asked this way (then ask through Qt)."""
    path = socket_path(config_dir)
    if path is None:
        return None
    # The C module itself: `socket` builds enums of every constant on import (milliseconds).
    import _socket

    probe = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        probe.settimeout(PROBE_SECONDS)
        probe.connect(str(path))
    except OSError:
        return False  # no socket there, or one left by a crash that nobody listens on
    finally:
        probe.close()
    return True
