"""Saving a file so that a crash or a power cut leaves either the old file or the whole new one.

The new content goes to a temporary file in the same folder, which is flushed to disk, given
the old file's permissions and renamed over the target; then the folder itself is flushed, so
the rename is on disk too (without that, a power cut can bring back the old file, or none).
Every file the app saves goes through `atomic_path`, whatever writes it: text here, a zip, or
Qt's PDF writer.

Windows differs twice. Its flush (`FlushFileBuffers`, behind `os.fsync`) needs a handle open
for writing: through a read-only one every save failed with "Bad file descriptor". And a file
that another program (a virus scanner, a backup or indexing tool) has open for a moment cannot
be renamed over: the rename is tried again for about a second before it fails.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write the new file to. When the block ends without
    an error the file is synced, renamed over `path` and the folder synced; on an error it is
    removed and `path` is left as it was. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        sync_file(temp)
        if path.exists():
            with contextlib.suppress(OSError):
                temp.chmod(path.stat().st_mode & 0o777)
        replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    sync_folder(path.parent)


def atomic_write(path: Path, text: str) -> None:
    """Save `text` as UTF-8 with "\\n" line ends, atomically (see `atomic_path`)."""
    with atomic_path(path) as temp:
        temp.write_text(text, encoding="utf-8", newline="\n")


def sync_flags(system: str = os.name) -> int:
    """How `sync_file` opens a file: read-only where that is enough to flush it (POSIX), for
    writing on Windows, whose flush refuses a read-only handle."""
    return os.O_RDWR | getattr(os, "O_BINARY", 0) if system == "nt" else os.O_RDONLY


def replace(
    temp: Path,
    path: Path,
    system: str = os.name,
    tries: int = 8,
    wait: float = 0.125,
    sleep: Callable[[float], object] = time.sleep,
) -> None:
    """Rename `temp` over `path`. On Windows a file held open for a moment by another
    program refuses it (PermissionError): tried `tries` times, `wait` seconds apart."""
    for attempt in range(tries if system == "nt" else 1):
        try:
            temp.replace(path)
            return
        except PermissionError:
            if system != "nt" or attempt == tries - 1:
                raise
            sleep(wait)


def sync_file(path: Path) -> None:
    """Flush a written file's content to disk. Raises OSError."""
    fd = os.open(path, sync_flags())
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename into it) to disk, where the system allows it:
    POSIX does; Windows cannot open a folder, and its renames need no such step."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse to sync a folder; the file itself is on disk
    finally:
        os.close(fd)
