"""Names kept in the history, shown as the library names them now.

Every session keeps the routine's and the stretches' names as they were when it ran: a record
never changes. For a bundled routine or stretch, History, the clinician's report and
`stretchapp history` show the name the library gives that id now, in the person's language, so
a session done in English reads "Kindhaltung" once the app speaks German, and one report never
mixes languages. A person's own routine keeps the name it was recorded with (they may have
renamed it since, and what they did is what they called it then).

The app tells this module about the library whenever it reads it (`use_library`); before
that, and for ids the library does not know, the recorded name is shown.
"""

from __future__ import annotations

from stretchapp.core.routines import Library, Source

_routines: dict[str, str] = {}
_stretches: dict[str, str] = {}


def use_library(library: Library) -> None:
    """Name bundled routines and stretches from `library` (read in the active language)."""
    _routines.clear()
    _stretches.clear()
    _routines.update({r.id: r.name for r in library.routines if r.source is Source.BUNDLED})
    _stretches.update(
        {s.id: s.name for s in library.stretches.values() if s.source is Source.BUNDLED}
    )


def forget() -> None:
    """Show recorded names only (tests, and before a library is read)."""
    _routines.clear()
    _stretches.clear()


def routine_name(routine_id: str, recorded: str) -> str:
    return _routines.get(routine_id, recorded)


def stretch_name(stretch_id: str, recorded: str) -> str:
    return _stretches.get(stretch_id, recorded)
