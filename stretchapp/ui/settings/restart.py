"""Starting StretchApp again, as it was started, so that a new language applies.

The running copy quits the way Ctrl+Q does (the window's place saved, the history closed), and
once Python has run its other exit handlers the process becomes the same command again
(`Platform.replace_process`: `os.execv` on Linux and macOS): the same interpreter and
arguments, or the frozen executable with its arguments. Being the same process, it never meets
itself as "another StretchApp" on the single-instance socket: the socket it leaves behind
answers nobody and is taken over. Windows has no exec: there a new process starts, told to
wait until this one has ended (and its named pipe with it) before it asks for a running copy.
"""

from __future__ import annotations

import atexit
import sys
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QApplication, QWidget

Execute = Callable[[str, list[str]], object]


def restart_command(
    argv: Sequence[str] | None = None,
    executable: str | None = None,
    frozen: bool | None = None,
    orig_argv: Sequence[str] | None = None,
) -> list[str]:
    """The command this process was started with: `python -m stretchapp …` keeps its `-m`
    (from `sys.orig_argv`), a frozen bundle is its executable and arguments."""
    argv = list(sys.argv if argv is None else argv)
    executable = executable or sys.executable
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    if frozen:
        return [executable, *argv[1:]]
    orig = list(getattr(sys, "orig_argv", ()) if orig_argv is None else orig_argv)
    if orig:
        return [executable, *orig[1:]]
    return [executable, *argv]


def _run_other_exit_handlers() -> None:
    """Temporary folders and the like are cleaned up before the process is replaced."""
    run = getattr(atexit, "_run_exitfuncs", None)
    if callable(run):
        run()


def _replace_process(_path: str, argv: list[str]) -> None:
    from stretchapp.core import platform

    platform.current().replace_process(argv)


def restart_app(
    window: QWidget | None,
    command: Sequence[str] | None = None,
    execute: Execute | None = None,
    *,
    register: Callable[[Callable[[], None]], object] = atexit.register,
    unregister: Callable[[Callable[[], None]], object] = atexit.unregister,
    run_others: Callable[[], None] = _run_other_exit_handlers,
) -> bool:
    """Quit, then run `command` (default: this process's own) in this process's place.

    False when the window did not close (it asked about unsaved changes first): then nothing
    restarts later either. (`register`, `unregister` and `run_others` are the exit handlers'
    machinery, replaced in tests.)
    """
    argv = list(command or restart_command())
    run = execute or _replace_process
    done = False

    def again() -> None:
        nonlocal done
        if done:
            return
        done = True
        run_others()
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # (None in a build with no console: Windows')
                stream.flush()
        run(argv[0], argv)

    register(again)
    quit_app = getattr(window, "quit_app", None)  # the main window's Ctrl+Q (ui/app.py)
    if callable(quit_app):
        quit_app()
    else:
        QApplication.quit()
    if window is not None and window.isVisible():
        unregister(again)
        return False
    return True
