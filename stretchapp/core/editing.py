"""The routine editor's document: a routine being made or changed, without Qt.

A `RoutineDraft` holds what a person is editing (name, description, the stretches in order with
their per-entry settings, and stretches of their own with their pictures). Saving copies the
pictures next to the user's routine files, writes the routine through the same format and
checker as every other routine file (`routines.render_file`, `routines.check_text`), and
replaces the file atomically. Bundled files are never written: a bundled routine is duplicated
first. Deleting a user routine moves its file and pictures to a trash folder, so it can be undone.
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import astuple, dataclass, field, replace
from pathlib import Path

from stretchapp.core import yamlfile
from stretchapp.core.body.pose import StretchPose
from stretchapp.core.content_i18n import TRANSLATABLE, Translations
from stretchapp.core.files import atomic_write
from stretchapp.core.i18n import _, ngettext
from stretchapp.core.paths import Paths
from stretchapp.core.platform.filenames import safe_file_name
from stretchapp.core.routines import (
    DEFAULT_GET_READY,
    DEFAULT_REST,
    IMAGE_SUFFIXES,
    MAX_ENTRIES,
    MAX_IMAGE_BYTES,
    ROUTINE_FIELDS,
    STRETCH_FIELDS,
    Entry,
    Library,
    Routine,
    Sides,
    Source,
    Stretch,
    check_text,
    render_file,
)
from stretchapp.core.schema import ID_PATTERN, field_named
from stretchapp.core.yamlfile import Problem

TRASH_DIR_NAME = "trash"
# The limits the file format declares, which the builder's checks and controls follow.
STEPS = field_named(STRETCH_FIELDS, "steps")
IMAGES = field_named(STRETCH_FIELDS, "images")
ROUTINE_NAME = field_named(ROUTINE_FIELDS, "name")
DESCRIPTION = field_named(ROUTINE_FIELDS, "description")


def slug(text: str, fallback: str = "my-routine") -> str:
    """An id made from a name: 'Morning (gentle)' -> 'morning-gentle'."""
    value = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48].strip("-")
    return value if value and ID_PATTERN.match(value) else fallback


def unique(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… whichever is not taken."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def images_dir(user_dir: Path, routine_id: str) -> Path:
    """Where a routine's own pictures are kept: beside its file, in the user's folder."""
    return user_dir / f"{routine_id}-images"


def inside(path: Path, folder: Path) -> bool:
    try:
        return folder.resolve() in path.resolve().parents
    except OSError:
        return False


@dataclass
class StretchDraft:
    """A stretch of the user's own, as the "New stretch" form edits it."""

    id: str = ""
    name: str = ""
    images: list[Path] = field(default_factory=list)  # absolute paths, copied on save
    steps: list[str] = field(default_factory=list)
    breathing: str = ""
    caution: str = ""
    hold: int | None = 30
    reps: int | None = None
    tempo: int = 4
    sides: Sides = Sides.NONE
    position: str = "floor"
    video: str = ""
    avoid_if: tuple[str, ...] = ()  # precaution ids; kept as the file has them
    # what each side is, kept as the file has them (for both sides only: see to_stretch)
    left_side: str = ""
    right_side: str = ""

    pose: StretchPose | None = None  # the drawn figure (instead of, or as well as, images)
    # Its texts in other languages, kept as the file has them (the form edits the English),
    # and the texts they translate: a text changed here drops its own translations on save.
    translations: Translations = field(default_factory=Translations)
    translated: dict[str, object] = field(default_factory=dict)

    @classmethod
    def from_stretch(cls, stretch: Stretch) -> StretchDraft:
        stretch = stretch.as_written()  # the file's own texts, not the shown translation
        return cls(
            id=stretch.id,
            name=stretch.name,
            images=list(stretch.frames),
            steps=list(stretch.steps),
            breathing=stretch.breathing,
            caution=stretch.caution,
            hold=stretch.hold,
            reps=stretch.reps,
            tempo=stretch.tempo,
            sides=stretch.sides,
            position=stretch.position,
            video=stretch.video,
            avoid_if=stretch.avoid_if,
            left_side=stretch.left_side,
            right_side=stretch.right_side,
            pose=stretch.pose,
            translations=stretch.translations,
            translated={n: getattr(stretch, n) for n in TRANSLATABLE["stretch"]},
        )

    def to_stretch(self, file: Path | None = None) -> Stretch:
        stretch = Stretch(
            id=self.id,
            name=self.name.strip(),
            frames=tuple(self.images),
            steps=tuple(s.strip() for s in self.steps if s.strip()),
            breathing=self.breathing.strip(),
            caution=self.caution.strip(),
            hold=self.hold,
            reps=self.reps if self.hold is None else None,
            tempo=self.tempo,
            sides=self.sides,
            position=self.position,
            video=self.video.strip(),
            avoid_if=self.avoid_if,
            source=Source.USER,
            file=file,
            pose=self.pose,
            # they say what "left" and "right" are: a stretch no longer done on both sides
            # has neither
            left_side=self.left_side.strip() if self.sides is Sides.BOTH else "",
            right_side=self.right_side.strip() if self.sides is Sides.BOTH else "",
        )
        now = {n: getattr(stretch, n) for n in TRANSLATABLE["stretch"]}
        return replace(stretch, translations=self.translations.still_fitting(self.translated, now))

    def problems(self) -> list[str]:
        """What stops this stretch from being saved, in words, before the full check on save."""
        out = []
        if not self.name.strip():
            out.append(_("Give the stretch a name."))
        steps = [s for s in self.steps if s.strip()]
        if not STEPS.min_items <= len(steps) <= STEPS.max_items:
            out.append(
                _("Write {minimum} to {maximum} steps, one per line (now {count}).").format(
                    minimum=STEPS.min_items, maximum=STEPS.max_items, count=len(steps)
                )
            )
        if not self.images and self.pose is None:
            out.append(_("Add at least one picture (PNG, JPG, SVG or GIF) or pose the figure."))
        if len(self.images) > IMAGES.max_items:
            out.append(
                ngettext(
                    "At most {count} picture.", "At most {count} pictures.", IMAGES.max_items
                ).format(count=IMAGES.max_items)
            )
        for image in self.images:
            if image.suffix.lower() not in IMAGE_SUFFIXES:
                out.append(
                    _("{name} is not a PNG, JPG, SVG or GIF picture.").format(name=image.name)
                )
        if self.hold is None and self.reps is None:
            out.append(_("Choose a hold time or a number of repetitions."))
        return out


@dataclass
class EntryDraft:
    """One stretch of the routine, with this routine's settings for it."""

    stretch_id: str
    hold: int | None
    reps: int | None
    tempo: int
    sides: Sides
    get_ready: int | None = None  # None: the routine's
    rest: int | None = None
    transition: str = ""  # how to get into this position (shown while getting ready)
    translations: Translations = field(default_factory=Translations)  # of the transition
    translated: str = ""  # the transition they translate (a changed one drops them)

    @classmethod
    def from_entry(cls, entry: Entry) -> EntryDraft:
        entry = entry.as_written()
        return cls(
            entry.stretch.id,
            entry.hold,
            entry.reps,
            entry.tempo,
            entry.sides,
            entry.get_ready,
            entry.rest,
            entry.transition,
            entry.translations,
            entry.transition,
        )

    @classmethod
    def for_stretch(cls, stretch: Stretch) -> EntryDraft:
        return cls(stretch.id, stretch.hold, stretch.reps, stretch.tempo, stretch.sides)


@dataclass
class SaveResult:
    path: Path | None
    problems: list[Problem | str]

    @property
    def ok(self) -> bool:
        return self.path is not None and not self.problems


class RoutineDraft:
    """A routine being made or edited. Change it with the methods; `save()` writes it."""

    def __init__(self, library: Library, paths: Paths) -> None:
        self.library = library
        self.paths = paths
        self.id = ""
        self.name = ""
        self.description = ""
        self.get_ready: int | None = DEFAULT_GET_READY
        self.rest: int | None = DEFAULT_REST
        self.switch = 5
        self.entries: list[EntryDraft] = []
        self.own: dict[str, StretchDraft] = {}  # stretches defined in this routine's file
        self.translations = Translations()  # of the name and description, kept on save
        self.translated: dict[str, object] = {}  # the texts they translate
        self.file: Path | None = None
        self._saved = self.snapshot()

    # ---- making one ----

    @classmethod
    def new(cls, library: Library, paths: Paths) -> RoutineDraft:
        return cls(library, paths)

    @classmethod
    def edit(cls, routine: Routine, library: Library, paths: Paths) -> RoutineDraft:
        """Edit a user routine in place. Raises ValueError for one that cannot be."""
        if not can_edit(routine, library):
            raise ValueError(
                _("{name} cannot be edited in place; duplicate it instead").format(
                    name=routine.name
                )
            )
        draft = cls._from(routine, library, paths)
        draft.id = routine.id
        draft.file = routine.file
        report = next(r for r in library.reports if r.path == routine.file)
        draft.own = {s.id: StretchDraft.from_stretch(s) for s in report.stretches}
        draft._saved = draft.snapshot()
        return draft

    @classmethod
    def duplicate(cls, routine: Routine, library: Library, paths: Paths) -> RoutineDraft:
        """A new routine like `routine`; its non-bundled stretches come along as its own."""
        draft = cls._from(routine, library, paths)
        draft.name = _("{name} (my copy)").format(name=routine.name)[: ROUTINE_NAME.max_length]
        for entry in routine.entries:
            stretch = entry.stretch
            if stretch.source is Source.USER and stretch.id not in draft.own:
                draft.own[stretch.id] = StretchDraft.from_stretch(stretch)
        draft._saved = (None,)  # a duplicate is not on disk yet
        return draft

    @classmethod
    def _from(cls, routine: Routine, library: Library, paths: Paths) -> RoutineDraft:
        draft = cls(library, paths)
        routine = routine.as_written()  # the file's own texts are edited, translations kept
        draft.translations = routine.translations
        draft.translated = {"name": routine.name, "description": _one_line(routine.description)}
        draft.name = routine.name
        draft.description = routine.description
        draft.get_ready = routine.get_ready
        draft.rest = routine.rest
        draft.switch = routine.switch
        draft.entries = [EntryDraft.from_entry(e) for e in routine.entries]
        return draft

    # ---- state ----

    def snapshot(self) -> tuple[object, ...]:
        return (
            self.name,
            self.description,
            self.get_ready,
            self.rest,
            self.switch,
            tuple(astuple(e) for e in self.entries),
            tuple((k, astuple(v)) for k, v in self.own.items()),
        )

    @property
    def dirty(self) -> bool:
        """True when there are changes that are not saved."""
        return self.snapshot() != self._saved

    @property
    def is_new(self) -> bool:
        return self.file is None

    # ---- stretches ----

    def stretch(self, stretch_id: str) -> Stretch | None:
        own = self.own.get(stretch_id)
        if own is not None:
            return own.to_stretch(self.file)
        return self.library.stretches.get(stretch_id)

    def available(self) -> list[Stretch]:
        """Every stretch that can be added: this routine's own, then the library's."""
        own = [d.to_stretch(self.file) for d in self.own.values()]
        return own + [s for s in self.library.stretches.values() if s.id not in self.own]

    def add(self, stretch_id: str, index: int | None = None) -> int:
        """Add a stretch (at the end, or at `index`); return where it went."""
        stretch = self.stretch(stretch_id)
        if stretch is None:
            raise KeyError(stretch_id)
        if len(self.entries) >= MAX_ENTRIES:
            raise ValueError(
                _("a routine holds at most {count} stretches").format(count=MAX_ENTRIES)
            )
        index = len(self.entries) if index is None else max(0, min(index, len(self.entries)))
        self.entries.insert(index, EntryDraft.for_stretch(stretch))
        return index

    def add_own(self, draft: StretchDraft) -> str:
        """Add (or, with a known id, update) a stretch of the user's own; returns its id."""
        if not draft.id or draft.id not in self.own:
            taken = set(self.library.stretches) | set(self.own)
            draft.id = unique(slug(draft.name, "my-stretch"), taken)
        self.own[draft.id] = draft
        for entry in self.entries:  # an edited stretch's new defaults reach its entries
            if entry.stretch_id == draft.id:
                entry.hold, entry.reps = draft.hold, draft.reps if draft.hold is None else None
                entry.tempo, entry.sides = draft.tempo, draft.sides
        return draft.id

    def move(self, index: int, to: int) -> int:
        """Move the entry at `index` to position `to` (clamped); return where it is now."""
        to = max(0, min(to, len(self.entries) - 1))
        if 0 <= index < len(self.entries) and index != to:
            self.entries.insert(to, self.entries.pop(index))
        return to

    def remove(self, index: int) -> EntryDraft:
        return self.entries.pop(index)

    def put_back(self, index: int, entry: EntryDraft) -> int:
        """Undo `remove`: `entry` at `index` again (clamped); return where it is."""
        index = max(0, min(index, len(self.entries)))
        self.entries.insert(index, entry)
        return index

    def set_entry(self, index: int, **changes: object) -> None:
        """Change one entry: hold, reps, tempo, sides, get_ready, rest, transition. Giving
        hold clears reps and the other way round."""
        entry = self.entries[index]
        if changes.get("hold") is not None:
            changes.setdefault("reps", None)
        if changes.get("reps") is not None:
            changes.setdefault("hold", None)
        self.entries[index] = replace(entry, **changes)  # type: ignore[arg-type]

    # ---- the model ----

    def routine(self, routine_id: str | None = None) -> Routine:
        """The routine as the player and the library see it (entries whose stretch is
        unknown are left out)."""
        entries = []
        for e in self.entries:
            stretch = self.stretch(e.stretch_id)
            if stretch is None:
                continue
            entries.append(
                Entry(
                    stretch,
                    e.hold,
                    e.reps,
                    e.tempo,
                    e.sides,
                    e.get_ready,
                    e.rest,
                    e.transition.strip(),
                    e.translations.still_fitting(
                        {"transition": e.translated}, {"transition": e.transition.strip()}
                    ),
                )
            )
        return Routine(
            id=routine_id or self.id or slug(self.name),
            name=self.name.strip(),
            description=_one_line(self.description),
            entries=tuple(entries),
            get_ready=self.get_ready,
            rest=self.rest,
            switch=self.switch,
            source=Source.USER,
            file=self.file,
            translations=self.translations.still_fitting(
                self.translated,
                {"name": self.name.strip(), "description": _one_line(self.description)},
            ),
        )

    def total_seconds(
        self, default_get_ready: int = DEFAULT_GET_READY, default_rest: int = DEFAULT_REST
    ) -> int:
        return self.routine().total_seconds(default_get_ready, default_rest)

    def problems(self) -> list[str]:
        """What stops saving, in words (the full check runs on save as well)."""
        out = []
        if not self.name.strip():
            out.append(_("Give the routine a name."))
        elif len(self.name.strip()) > ROUTINE_NAME.max_length:
            out.append(
                _("The name is longer than {count} characters.").format(
                    count=ROUTINE_NAME.max_length
                )
            )
        if len(" ".join(self.description.split())) > DESCRIPTION.max_length:
            out.append(
                _("The description is longer than {count} characters.").format(
                    count=DESCRIPTION.max_length
                )
            )
        if not self.entries:
            out.append(_("Add at least one stretch."))
        missing = [e.stretch_id for e in self.entries if self.stretch(e.stretch_id) is None]
        if missing:
            out.append(
                _("These stretches are no longer available: {ids}").format(ids=", ".join(missing))
            )
        return out

    # ---- saving ----

    def target(self) -> tuple[str, Path]:
        """The id and file a save writes to."""
        user_dir = self.paths.user_routines_dir
        if self.file is not None:
            return self.id, self.file
        taken = {r.id for r in self.library.routines}
        routine_id = self.id or unique(slug(self.name), taken)
        files = {p.name.lower() for p in user_dir.glob("*")} if user_dir.is_dir() else set()
        # A file name valid on every system (an id like "con" is not, on Windows).
        name = unique(safe_file_name(routine_id), {n.removesuffix(".yaml") for n in files})
        return routine_id, user_dir / f"{name}.yaml"

    def save(self) -> SaveResult:
        """Copy new pictures beside the file, check the routine as any file is checked, and
        write it atomically. Nothing is left behind when the check fails."""
        problems: list[Problem | str] = list(self.problems())
        for draft in self.own.values():
            problems += [f"{draft.name or draft.id}: {p}" for p in draft.problems()]
        if problems:
            return SaveResult(None, problems)
        routine_id, path = self.target()
        user_dir = path.parent
        copied: list[Path] = []
        try:
            user_dir.mkdir(parents=True, exist_ok=True)
            own = {}
            for stretch_id, draft in self.own.items():
                frames = [
                    self._keep_image(image, user_dir, routine_id, stretch_id, n, copied)
                    for n, image in enumerate(draft.images, 1)
                ]
                own[stretch_id] = replace(draft, images=frames)
            saved_own = self.own
            self.own = own
            routine = self.routine(routine_id)
            self.own = saved_own
            text = render_file(
                [routine],
                [d.to_stretch() for d in own.values()],
                user_dir,
                assets_dir=self.paths.assets_dir,
            )
            report = check_text(text, path, self.library, self.paths.assets_dir)
            if report.problems:
                _remove(copied)
                return SaveResult(None, list(report.problems))
            atomic_write(path, text)
        except (OSError, ValueError) as exc:
            _remove(copied)
            return SaveResult(
                None, [_("Could not save to {path}: {reason}").format(path=path, reason=exc)]
            )
        self.id, self.file, self.own = routine_id, path, own
        self._saved = self.snapshot()
        return SaveResult(path, [])

    def _keep_image(
        self,
        image: Path,
        user_dir: Path,
        routine_id: str,
        stretch_id: str,
        n: int,
        copied: list[Path],
    ) -> Path:
        # Pictures already in this routine's folder stay; so do those of a file being edited
        # in place. Anything else (a duplicate's, a chosen file's) is copied, so the routine
        # keeps working when the original moves or another routine is deleted.
        folder = images_dir(user_dir, routine_id)
        keep = inside(image, folder) or inside(image, self.paths.assets_dir)
        if keep or (self.file is not None and inside(image, user_dir)):
            return image.resolve()
        # Read like every user file: a regular file only, size-limited, never a FIFO.
        try:
            data = yamlfile.read_bytes(image, MAX_IMAGE_BYTES)
        except yamlfile.YamlError as exc:
            raise ValueError(
                _("{name}: {reason} (at most 20 MiB)").format(
                    name=image.name, reason=exc.problem.message
                )
            ) from exc
        folder.mkdir(parents=True, exist_ok=True)
        base = f"{stretch_id}-{n}"
        taken = {p.stem for p in folder.iterdir()}
        target = folder / f"{unique(base, taken)}{image.suffix.lower()}"
        with target.open("xb") as out:
            out.write(data)
        copied.append(target)
        return target.resolve()


def _remove(files: list[Path]) -> None:
    for path in files:
        path.unlink(missing_ok=True)
    for folder in {p.parent for p in files}:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def can_edit(routine: Routine, library: Library) -> bool:
    """A user routine alone in its file can be edited in place; others are duplicated."""
    if routine.source is not Source.USER or routine.file is None:
        return False
    report = next((r for r in library.reports if r.path == routine.file), None)
    return report is not None and report.ok and len(report.routines) == 1


# ---- deleting, with undo -------------------------------------------------------------------


@dataclass
class Deleted:
    """A user routine moved to the trash; `undo()` puts it back."""

    routine_id: str
    name: str
    file: Path
    images: Path | None
    trash: Path

    def undo(self) -> None:
        """Put the file (and its pictures) back. Raises OSError if something took its place."""
        if self.file.exists() or (self.images is not None and self.images.exists()):
            raise OSError(
                _("{name} exists again; the deleted copy is in {folder}").format(
                    name=self.file.name, folder=self.trash
                )
            )
        self.file.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(self.trash / self.file.name), str(self.file))
        if self.images is not None:
            shutil.move(str(self.trash / self.images.name), str(self.images))
        shutil.rmtree(self.trash, ignore_errors=True)


def delete_routine(routine: Routine, library: Library, paths: Paths) -> Deleted:
    """Move a user routine's file (and its pictures folder) to the trash folder.

    Bundled routines are never deleted (ValueError). Raises OSError when a move fails.
    """
    if routine.source is not Source.USER or routine.file is None:
        raise ValueError(
            _("{name} is bundled with StretchApp and cannot be deleted").format(name=routine.name)
        )
    stamp = time.strftime("%Y%m%d-%H%M%S")
    trash_root = paths.config_dir / TRASH_DIR_NAME
    trash = trash_root / f"{stamp}-{routine.id}"
    n = 2
    while trash.exists():
        trash = trash_root / f"{stamp}-{routine.id}-{n}"
        n += 1
    trash.mkdir(parents=True)
    pictures = images_dir(routine.file.parent, routine.id)
    shutil.move(str(routine.file), str(trash / routine.file.name))
    kept: Path | None = None
    if pictures.is_dir() and not pictures.is_symlink():
        shutil.move(str(pictures), str(trash / pictures.name))
        kept = pictures
    return Deleted(routine.id, routine.name, routine.file, kept, trash)


def _one_line(text: str) -> str:
    """A description as a routine keeps it: one line, single spaces."""
    return " ".join(text.split())
