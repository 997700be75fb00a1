"""The `stretchapp` command: opens the window, or checks and lists routine files.

Everything here except `_open_window` runs without Qt, so `validate` and `routines` work on a
machine with no display and start quickly.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from stretchapp import __version__, history_cli
from stretchapp.core.paths import Paths
from stretchapp.core.routines import (
    Library,
    check_files,
    format_duration,
    load_library,
)

if TYPE_CHECKING:
    from stretchapp.core.parsecache import ParseCache


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stretchapp",
        description="A calm, guided stretch timer for a healthier back. "
        "With no command, opens the window.",
        epilog="Your own routines go in: " + _user_routines_hint(),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--theme",
        choices=("system", "light", "dark"),
        default=None,
        help="light or dark look for this run (default: your setting, or the system's)",
    )
    parser.add_argument(
        "--background",
        action="store_true",
        help="start in the tray without opening the window when reminders are on "
        "(the autostart entry uses this)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("gui", help="open the window (the default)")
    validate = commands.add_parser(
        "validate",
        help="check routine files",
        description="Check routine files. Prints OK per good file, or one line per problem "
        "as FILE:LINE: FIELD: what is wrong (what is valid). Exit status 0 when all are good.",
    )
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    start = commands.add_parser(
        "start",
        help="open the window and start a routine at once",
        description="Open the window and start the routine with this id "
        "(see `stretchapp routines`).",
    )
    start.add_argument("routine_id", metavar="ROUTINE_ID")
    history_cli.add_parser(commands)
    commands.add_parser(
        "routines",
        help="list every routine found, then every file that could not be loaded",
    )
    return parser


def _user_routines_hint() -> str:
    try:
        return str(Paths.default().user_routines_dir)
    except FileNotFoundError:
        return "<your config folder>/stretchapp/routines"


def load_user_library(paths: Paths) -> Library:
    return load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)


def cmd_validate(files: Sequence[Path], paths: Paths) -> int:
    library = load_user_library(paths)
    status = 0
    for report in check_files(files, library, paths.assets_dir):
        if report.ok:
            print(f"{report.path}: OK")
        else:
            status = 1
            for problem in report.problems:
                print(problem)
    return status


def cmd_routines(paths: Paths) -> int:
    library = load_user_library(paths)
    rows = [
        (r.id, r.name, format_duration(r.total_seconds()), r.source.value) for r in library.routines
    ]
    if rows:
        widths = [
            max(len(row[i]) for row in [*rows, ("ID", "NAME", "TIME", "SOURCE")]) for i in range(4)
        ]
        header = ("ID", "NAME", "TIME", "SOURCE")
        for row in [header, *rows]:
            print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    else:
        print("No routines found.")
    if library.stretches:
        print("\nStretches your routines can use by id:")
        width = max(len(i) for i in library.stretches)
        for stretch in library.stretches.values():
            mark = "" if stretch.source.value == "bundled" else "  (yours)"
            print(f"  {stretch.id.ljust(width)}  {stretch.name}{mark}")
    print(f"\nYour own routine files go in {paths.user_routines_dir}")
    print("The format is described in docs/routines.md; check a file with `stretchapp validate`.")
    failed = library.failed
    if failed:
        print(f"\n{len(failed)} file(s) could not be loaded completely:")
        for report in failed:
            for problem in report.problems:
                print(f"  {problem}")
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # `stretchapp history --csv | head`: the reader has gone, which is fine.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        paths = Paths.default()
    except FileNotFoundError as exc:
        print(f"stretchapp: {exc}", file=sys.stderr)
        return 2
    if args.command == "validate":
        return cmd_validate(args.files, paths)
    if args.command == "routines":
        return cmd_routines(paths)
    if args.command == "history":
        return history_cli.run(args, paths)
    start, library, cache = None, None, None
    if args.command == "start":
        # Loaded through the parse cache once, here, and handed to the window.
        from stretchapp.core import parsecache

        cache = parsecache.ParseCache(paths.parse_cache_file)
        with parsecache.using(cache):
            library = load_user_library(paths)
        if library.routine(args.routine_id) is None:
            ids = ", ".join(r.id for r in library.routines) or "(none)"
            print(
                f"stretchapp: there is no routine with the id {args.routine_id!r}. "
                f"Routines you can start: {ids}",
                file=sys.stderr,
            )
            return 1
        start = args.routine_id
    return _open_window(paths, args.theme, start, args.background, library, cache)


def _open_window(
    paths: Paths,
    theme_choice: str | None,
    start: str | None = None,
    background: bool = False,
    library: Library | None = None,
    cache: ParseCache | None = None,
) -> int:
    # No cyclic garbage collection until the window has painted (`run` turns it back on then):
    # starting allocates some 30,000 objects that live on, and collecting among them again and
    # again cost 10-20 ms before the window could show, for next to no garbage.
    gc.disable()
    try:
        # Before PySide6: it reads the source of each module imported after it (looking for
        # its `__feature__` switches), which these pure-Python modules need not pay for.
        from stretchapp.core import palette, parsecache, settings  # noqa: F401
        from stretchapp.ui.app import run  # Qt is imported only when a window is wanted

        return run(paths, theme_choice, start, background, library=library, cache=cache)
    finally:
        gc.enable()
