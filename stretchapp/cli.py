"""The `stretchapp` command: opens the window, or checks and lists routine files.

Everything here except `_open_window` runs without Qt, so `validate` and `routines` work on a
machine with no display and start quickly.
"""

from __future__ import annotations

import gc
import io
import os
import re
import sys
from collections.abc import MutableMapping, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from stretchapp import __version__
from stretchapp.core import i18n
from stretchapp.core.i18n import N_, _, ngettext, pgettext
from stretchapp.core.paths import Paths
from stretchapp.core.routines import (
    Library,
    check_files,
    load_library,
)

# argparse's own texts ("usage:", "options", its error messages), for the catalog: argparse
# looks each one up through `argparse._` at the moment it prints, which `translate_argparse`
# points at the active catalog.
ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("expected one argument"),
    N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def translate_argparse() -> None:
    """Let argparse's own texts follow the active language (it reads `argparse._` when used)."""
    import argparse

    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def activate_language(paths: Paths | None) -> i18n.Language:
    """The language of the Language setting, or the system's, for the command line too."""
    setting = i18n.language_from_settings(paths.settings_file) if paths else "system"
    return i18n.activate(setting)


if TYPE_CHECKING:
    import argparse

    from stretchapp.core.parsecache import ParseCache


def build_parser() -> argparse.ArgumentParser:
    # Imported here: `stretchapp` with no arguments opens the window without building it.
    import argparse

    from stretchapp import history_cli

    translate_argparse()
    parser = argparse.ArgumentParser(
        prog="stretchapp",
        description=_(
            "A calm, guided stretch timer for a healthier back. With no command, opens the window."
        ),
        epilog=_("Your own routines go in: {folder}").format(folder=_user_routines_hint()),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--theme",
        choices=("system", "light", "dark"),
        default=None,
        help=_("light or dark look for this run (default: your setting, or the system's)"),
    )
    parser.add_argument(
        "--background",
        action="store_true",
        help=_(
            "start in the tray without opening the window when reminders are on "
            "(the autostart entry uses this)"
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("gui", help=_("open the window (the default)"))
    validate = commands.add_parser(
        "validate",
        help=_("check routine files (and health.yaml)"),
        description=_(
            "Check routine files, or a health.yaml (the red flags, precautions and "
            "safety note). Prints OK per good file, or one line per problem "
            "as FILE:LINE: FIELD: what is wrong (what is valid). Exit status 0 when all are good."
        ),
    )
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    start = commands.add_parser(
        "start",
        help=_("open the window and start a routine at once"),
        description=_(
            "Open the window and start the routine with this id (see `stretchapp routines`)."
        ),
    )
    start.add_argument("routine_id", metavar="ROUTINE_ID")
    history_cli.add_parser(commands)
    commands.add_parser(
        "routines",
        help=_("list every routine found, then every file that could not be loaded"),
    )
    return parser


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """The command line's meaning. With no arguments, the window, as the parser would say
    without building it (argparse and every subcommand's parser cost the start some 8 ms)."""
    if not argv:
        return cast(
            "argparse.Namespace", SimpleNamespace(command=None, theme=None, background=False)
        )
    return build_parser().parse_args(argv)


def _user_routines_hint() -> str:
    try:
        return str(Paths.default().user_routines_dir)
    except FileNotFoundError:
        return _("<your config folder>/stretchapp/routines")


def load_user_library(paths: Paths) -> Library:
    return load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)


_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)


def one_line(text: object) -> str:
    """`text` as one printed line: line breaks, control and direction characters (from a
    file's name or contents) are shown escaped, so they cannot forge or reorder lines."""
    return _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], str(text))


def cmd_validate(files: Sequence[Path], paths: Paths) -> int:
    from stretchapp.core import health  # not needed to open the window

    status = 0
    # A health file has a format of its own; everything else is a routine file.
    health_files = [f for f in files if f.name == health.FILE_NAME]
    files = [f for f in files if f.name != health.FILE_NAME]
    for path in health_files:
        try:
            health.load(path)
        except health.HealthFileError as exc:
            status = 1
            for problem in exc.problems:
                print(problem)
        else:
            print(_("{file}: OK").format(file=path))
    # The relief options and the clinic file too (imported here: the settings module is big).
    from stretchapp.core.settings import DATA_FILE_NAMES

    status |= _validate_data_files([f for f in files if f.name in DATA_FILE_NAMES])
    files = [f for f in files if f.name not in DATA_FILE_NAMES]
    if not files:
        return status
    library = load_user_library(paths)
    from stretchapp.core.sharing import SHARE_SUFFIX

    status |= _validate_shared(
        [f for f in files if f.suffix.lower() == SHARE_SUFFIX], library, paths
    )
    files = [f for f in files if f.suffix.lower() != SHARE_SUFFIX]
    if not files:
        return status
    for report in check_files(files, library, paths.assets_dir):
        if report.ok:
            print(_("{file}: OK").format(file=one_line(report.path)))
        else:
            status = 1
            for problem in report.problems:
                print(one_line(problem))
    return status


def _validate_shared(files: Sequence[Path], library: Library, paths: Paths) -> int:
    """A shared routine (a .stretchapp archive) checked as an import would check it: read as
    a routine file it was "not UTF-8 text", which sent its author the wrong way."""
    from stretchapp.core.sharing import read_shared

    status = 0
    for path in files:
        preview = read_shared(path, library, paths)
        try:
            if preview.ok:
                print(_("{file}: OK").format(file=one_line(path)))
                continue
            status = 1
            said = [str(p) for p in preview.problems]
            for problem in said or [_("{file}: holds no routine").format(file=path)]:
                print(one_line(problem))
        finally:
            preview.close()
    return status


def _validate_data_files(files: Sequence[Path]) -> int:
    """relief-options.yaml and clinic.yaml have formats of their own (core/settings.py)."""
    from stretchapp.core import settings

    status = 0
    for path in files:
        problems = settings.check_data_file(path)
        for problem in problems:
            print(one_line(problem))
        if problems:
            status = 1
        else:
            print(_("{file}: OK").format(file=one_line(path)))
    return status


def cmd_routines(paths: Paths) -> int:
    from stretchapp.core.settings import read_settings

    library = load_user_library(paths)
    timing = read_settings(paths).timing  # the totals the app shows
    sources = {"bundled": _("bundled"), "user": _("user")}
    rows = [
        (
            r.id,
            one_line(r.name),
            i18n.format_duration(timing.total_seconds(r)),
            sources.get(r.source.value, r.source.value),
        )
        for r in library.routines
    ]
    if rows:
        header = (
            pgettext("column heading", "ID"),
            pgettext("column heading", "NAME"),
            pgettext("column heading", "TIME"),
            pgettext("column heading", "SOURCE"),
        )
        widths = [max(len(row[i]) for row in [*rows, header]) for i in range(4)]
        for row in [header, *rows]:
            print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    else:
        print(_("No routines found."))
    if library.stretches:
        print("\n" + _("Stretches your routines can use by id:"))
        width = max(len(i) for i in library.stretches)
        yours = "  " + _("(yours)")
        for stretch in library.stretches.values():
            mark = "" if stretch.source.value == "bundled" else yours
            print(f"  {stretch.id.ljust(width)}  {one_line(stretch.name)}{mark}")
    folder = one_line(paths.user_routines_dir)
    print("\n" + _("Your own routine files go in {folder}").format(folder=folder))
    print(
        _("The format is described in docs/routines.md; check a file with `stretchapp validate`.")
    )
    failed = library.failed
    if failed:
        count = ngettext(
            "{count} file could not be loaded completely:",
            "{count} files could not be loaded completely:",
            len(failed),
        )
        print("\n" + count.format(count=len(failed)))
        for report in failed:
            for problem in report.problems:
                print(f"  {one_line(problem)}")
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A name the console's code page cannot hold (Windows' cp1252 and "→" or "ü" in
        # another script) prints as "?" rather than ending the command with a traceback.
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="replace")
    try:
        return _main(argv)
    except BrokenPipeError:
        # `stretchapp history --csv | head`: the reader has gone, which is fine.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _main(argv: Sequence[str] | None = None) -> int:
    try:
        paths: Paths | None = Paths.default()
    except FileNotFoundError as exc:
        paths, missing = None, exc
    cache: ParseCache | None = None
    if paths is None:
        activate_language(paths)
    else:
        # The language comes from settings.yaml, read through the parse cache the window
        # uses too: a start whose files are all cached never loads PyYAML.
        from stretchapp.core import parsecache

        cache = parsecache.ParseCache(paths.parse_cache_file, __version__)
        with parsecache.using(cache):
            activate_language(paths)
    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    if paths is None:
        print(f"stretchapp: {missing}", file=sys.stderr)
        return 2
    if args.command == "validate":
        return cmd_validate(args.files, paths)
    if args.command == "routines":
        return cmd_routines(paths)
    if args.command == "history":
        from stretchapp import history_cli

        return history_cli.run(args, paths)
    start, library = None, None
    if args.command == "start" and cache is not None:
        # Loaded through the parse cache once, here, and handed to the window.
        from stretchapp.core import parsecache

        with parsecache.using(cache):
            library = load_user_library(paths)
        if library.routine(args.routine_id) is None:
            ids = ", ".join(r.id for r in library.routines) or _("(none)")
            print(
                "stretchapp: "
                + _("there is no routine with the id {id}. Routines you can start: {ids}").format(
                    id=repr(args.routine_id), ids=ids
                ),
                file=sys.stderr,
            )
            return 1
        start = args.routine_id
    return _open_window(paths, args.theme, start, args.background, library, cache)


def _wait_for_the_copy_restarting(environ: MutableMapping[str, str] = os.environ) -> None:
    """A copy started again in a new process (Windows' restart for a new language) first
    waits for the old one to end (core/platform/base.py RESTARTED_FROM)."""
    old = environ.pop("STRETCHAPP_RESTARTED_FROM", "")  # (base.RESTARTED_FROM)
    if old.isdigit() and int(old) != os.getpid():
        from stretchapp.core import platform

        platform.current().wait_for_exit(int(old))


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
    _wait_for_the_copy_restarting()
    try:
        # Before PySide6: it looks at the source of each module imported after it (for its
        # `__feature__` switches), which these pure-Python modules need not pay for.
        import json  # noqa: F401

        from stretchapp.core import (  # noqa: F401
            drawing,
            palette,
            parsecache,
            settings,
            shown_names,
        )
        from stretchapp.ui import source_check

        # PySide6 loaded, its look at each later module's source made quick (about 5 ms).
        source_check.install()
        from stretchapp.ui.app import run  # Qt is imported only when a window is wanted

        return run(paths, theme_choice, start, background, library=library, cache=cache)
    finally:
        gc.enable()
