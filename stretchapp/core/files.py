"""Saving a file so that a crash or a power cut leaves either the old file or the whole new one.

The new content goes to a temporary file in the same folder, which is flushed to disk, given
the old file's permissions and renamed over the target; then the folder itself is flushed, so
the rename is on disk too (without that, a power cut can bring back the old file, or none).
Every file the app saves goes through `atomic_path`, whatever writes it: text here, a zip, or
Qt's PDF writer.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
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
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    sync_folder(path.parent)


def atomic_write(path: Path, text: str) -> None:
    """Save `text` as UTF-8 with "\\n" line ends, atomically (see `atomic_path`)."""
    with atomic_path(path) as temp:
        temp.write_text(text, encoding="utf-8", newline="\n")


def sync_file(path: Path) -> None:
    """Flush a written file's content to disk. Raises OSError."""
    fd = os.open(path, os.O_RDONLY)
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
