"""Writing a file the user asked for (CSV, PDF report, shared routine) without losing the old one.

Every export is written to a temporary file beside its target, checked, flushed to disk and
only then renamed over the target: a failure (a full disk, a writer that stopped part-way)
raises OSError and leaves the old file as it was. A target that is a symbolic link is written
*through*: the file it names is replaced and the link stays a link. A target that is not a
regular file (a device such as /dev/null, a pipe, a folder) is refused.

Cells of a CSV that a spreadsheet would run as a formula are neutralised as OWASP's guidance
on CSV injection says: a text cell starting with = + - @ tab or carriage return gets a leading
apostrophe, which spreadsheets show as text.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from stretchapp.core.files import replace, sync_file
from stretchapp.core.i18n import _

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """`value`, with text that a spreadsheet would read as a formula made plain text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def target_of(path: Path) -> Path:
    """The file an export to `path` replaces: through links to the file they name.

    Raises OSError for a loop of links or a target that is not a regular file."""
    try:
        real = Path(os.path.realpath(path, strict=False))
        info = real.stat() if os.path.lexists(real) else None
    except (OSError, RuntimeError, ValueError) as exc:
        raise OSError(
            _("{path} cannot be written: {reason}").format(path=path, reason=exc)
        ) from exc
    if path.is_symlink() and real == path.absolute():
        raise OSError(
            _("{path} cannot be written: it is a loop of symbolic links").format(path=path)
        )
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OSError(
            _("{path} is not a regular file (a device, pipe or folder); choose a file").format(
                path=path
            )
        )
    return real


@contextlib.contextmanager
def replacing(path: Path, check: Callable[[Path], str | None] | None = None) -> Iterator[Path]:
    """A temporary path to write the export to; on leaving, it is checked (`check` returns
    what is wrong, or None), flushed and renamed over `path`'s target. OSError on failure,
    with the old file untouched and the temporary file removed."""
    target = target_of(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        problem = check(temp) if check is not None else None
        if problem:
            raise OSError(
                _("{path} could not be written completely ({reason}); the old file is kept").format(
                    path=path, reason=problem
                )
            )
        sync_file(temp)
        if target.exists():
            with contextlib.suppress(OSError):
                temp.chmod(target.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                umask = os.umask(0)
                os.umask(umask)
                temp.chmod(0o666 & ~umask)
        replace(temp, target)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
