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

import contextlib
import importlib
import os
import stat
import sys
from pathlib import Path

PROBE_SECONDS = 1.5
_MAX_SOCKET_PATH = 100  # sockaddr_un holds 104-108 bytes


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
    return Path(server_name(config_dir))


def _private_folder(folder: Path, create: bool) -> bool:
    """True when `folder` is a real folder (not a link) of ours that nobody else can enter."""
    try:
        if create and not folder.exists():
            folder.mkdir(mode=0o700, parents=False)
        info = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return False
    if info.st_mode & 0o077:
        try:
            folder.chmod(0o700)
        except OSError:
            return False
    return True


def socket_folder(config_dir: Path) -> Path:
    """Where this user's socket lives (see `single_instance`'s doc)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and Path(runtime).is_absolute() and _private_folder(Path(runtime), False):
        return Path(runtime)
    import tempfile  # only here: it loads more than the probe needs

    shared = Path(tempfile.gettempdir()) / f"stretchapp-{os.getuid()}"
    if _private_folder(shared, True):
        return shared
    own = config_dir / "run"
    with contextlib.suppress(OSError):
        own.parent.mkdir(parents=True, exist_ok=True)
    _private_folder(own, True)
    return own


def server_name(config_dir: Path) -> str:
    """The socket's full path (a pipe name on Windows), per user and config folder."""
    if hasattr(os, "getuid"):
        user = str(os.getuid())
    else:
        import getpass

        user = getpass.getuser()
    digest = _sha256_hex(str(config_dir.resolve()).encode("utf-8"))[:12]
    if sys.platform == "win32":
        return f"stretchapp-{user}-{digest}"
    path = socket_folder(config_dir) / f"stretchapp-{digest}.sock"
    if len(str(path).encode()) > _MAX_SOCKET_PATH:
        import tempfile

        path = Path(tempfile.gettempdir()) / f"stretchapp-{user}" / f"{digest}.sock"
    return str(path)


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
