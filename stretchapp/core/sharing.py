"""Sharing a routine as one file, and taking such a file in, without Qt.

A shared routine is a zip archive named `NAME.stretchapp` that holds `routine.yaml` (one routine
and its own stretches, in the documented format) and `images/` (the pictures of those
stretches). Bundled stretches travel by id: every StretchApp has them.

A shared file comes from someone else, so it is read as hostile: the archive, each member and
their total are size-limited (by what the archive declares and by what is actually read), the
number of members is limited, only `routine.yaml` and plain file names under `images/` are
accepted (no `..`, absolute paths, backslashes, drive letters or symbolic links), pictures must
be PNG, JPG, SVG or GIF by their first bytes as well as their names, and the routine is checked
by the same checker as every routine file. Nothing is written to the user's folder until they
have seen the `ImportPreview` and said yes; the pictures are then copied into
`<routines folder>/<routine-id>-images/`.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import stat
import struct
import tempfile
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from stretchapp.core import yamlfile
from stretchapp.core.editing import (
    Deleted,
    RoutineDraft,
    SaveResult,
    StretchDraft,
    can_edit,
    delete_routine,
    unique,
)
from stretchapp.core.exports import replacing
from stretchapp.core.i18n import _, format_number, ngettext
from stretchapp.core.paths import Paths
from stretchapp.core.pictures import SvgError, check_svg, image_kind, kind_problem, pixels_problem
from stretchapp.core.platform.filenames import safe_file_name
from stretchapp.core.routines import (
    IMAGE_SUFFIXES,
    MAX_IMAGE_BYTES,
    Library,
    Routine,
    Source,
    Stretch,
    check_files,
    render_file,
    routine_data,
)
from stretchapp.core.yamlfile import MAX_FILE_BYTES

SHARE_SUFFIX = ".stretchapp"
ROUTINE_MEMBER = "routine.yaml"
IMAGES_FOLDER = "images"
MAX_ARCHIVE_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 128 * 1024 * 1024  # everything in it, unpacked
MAX_MEMBERS = 1 + 100 * 8  # the routine, and 8 pictures for each of up to 100 stretches
_CHUNK = 64 * 1024
_IMAGE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class ShareError(Exception):
    """A shared file that cannot be exported or read; the message says why, for a person."""


# ---- export --------------------------------------------------------------------------------


def export_routine(routine: Routine, out: Path) -> Path:
    """Write `routine`, with its own stretches and their pictures, to one file at `out`.

    The file is written beside `out` first and renamed over it, so it is never half-written.
    Raises ShareError (nothing written) when a picture cannot be read.
    """
    if out.suffix != SHARE_SUFFIX:
        out = out.with_name(out.name + SHARE_SUFFIX)
    own: dict[str, Stretch] = {}
    pictures: list[tuple[str, Path]] = []
    with tempfile.TemporaryDirectory(prefix="stretchapp-export-") as tmp:
        folder = Path(tmp)
        for entry in routine.entries:
            stretch = entry.stretch
            if stretch.source is Source.BUNDLED or stretch.id in own:
                continue
            frames = []
            for n, frame in enumerate(stretch.frames, 1):
                name = f"{stretch.id}-{n}{frame.suffix.lower()}"
                pictures.append((f"{IMAGES_FOLDER}/{name}", frame))
                frames.append(folder / IMAGES_FOLDER / name)
            own[stretch.id] = replace(stretch, frames=tuple(frames))
        entries = tuple(
            replace(e, stretch=own.get(e.stretch.id, e.stretch)) for e in routine.entries
        )
        shared = replace(routine, entries=entries)
        header = "# A routine shared from StretchApp. Open it with Import in the library.\n"
        text = render_file([shared], list(own.values()), folder, header)
    out.parent.mkdir(parents=True, exist_ok=True)
    with (
        replacing(out, _zip_problem) as temp,
        zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr(ROUTINE_MEMBER, text)
        for member, source in pictures:
            try:
                data = yamlfile.read_bytes(source, MAX_IMAGE_BYTES)
            except yamlfile.YamlError as exc:
                raise ShareError(
                    _("The picture {path} cannot be read: {reason}").format(
                        path=source, reason=exc.problem.message
                    )
                ) from exc
            archive.writestr(member, data)
    return out


def _zip_problem(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return str(exc)
    return _("{name} is damaged").format(name=bad) if bad else None


def suggested_name(routine: Routine) -> str:
    """The file name offered when sharing: valid on every system (`con` -> `con_.stretchapp`)."""
    return safe_file_name(f"{routine.id}{SHARE_SUFFIX}")


# ---- import --------------------------------------------------------------------------------


@dataclass
class ImportPreview:
    """What a shared file holds and what is wrong with it, before anything is saved.

    Call `save()` to take it in (with `clash` resolved by "rename" or "replace"), and
    `close()` (or use `with`) to remove the unpacked copy either way.
    """

    source: Path
    library: Library
    paths: Paths
    routine: Routine | None = None
    stretches: list[Stretch] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    _staging: Path | None = None

    @property
    def ok(self) -> bool:
        return self.routine is not None and not self.problems

    @property
    def clash(self) -> Routine | None:
        """A routine already in the library with the same id or name."""
        if self.routine is None:
            return None
        mine = self.routine
        return next(
            (r for r in self.library.routines if r.id == mine.id or r.name == mine.name), None
        )

    @property
    def same_as(self) -> Routine | None:
        """A routine the person already has that is this one unchanged (an earlier import of
        the same file, its copy "Name (2)", or a bundled routine shared as it is): the same
        name, stretches, doses and texts, and the same pictures, byte for byte. None when
        there is none."""
        if self.routine is None:
            return None
        mine = _likeness(self.routine)
        return next((r for r in self.library.routines if _likeness(r, copy=True) == mine), None)

    @property
    def can_replace(self) -> bool:
        clash = self.clash
        return clash is not None and can_edit(clash, self.library)

    def renamed(self) -> tuple[str, str]:
        """The id and name the routine gets when it is kept beside the one it clashes with."""
        assert self.routine is not None
        ids = {r.id for r in self.library.routines}
        names = {r.name for r in self.library.routines}
        name = self.routine.name
        if name in names:
            n = 2
            while f"{name} ({n})"[:60] in names:
                n += 1
            name = f"{name} ({n})"[:60]
        return unique(self.routine.id, ids), name

    def save(self, mode: str = "rename") -> tuple[SaveResult, Deleted | None]:
        """Save into the user's routines folder. With a clash, `mode` is "rename" (keep both)
        or "replace" (the old one goes to the trash, and comes back if saving fails)."""
        if not self.ok or self.routine is None:
            return SaveResult(
                None,
                [
                    _("This file cannot be imported: {problems}").format(
                        problems="; ".join(self.problems)
                    )
                ],
            ), None
        library = self.library
        routine_id, name = self.routine.id, self.routine.name
        deleted: Deleted | None = None
        clash = self.clash
        if clash is not None and mode == "replace":
            if not self.can_replace:
                return SaveResult(
                    None, [_("“{name}” cannot be replaced").format(name=clash.name)]
                ), None
            deleted = delete_routine(clash, library, self.paths)
            library = Library(
                stretches=library.stretches,
                routines=[r for r in library.routines if r is not clash],
                reports=[r for r in library.reports if r.path != clash.file],
            )
        elif clash is not None:
            routine_id, name = self.renamed()
        draft = RoutineDraft._from(self.routine, library, self.paths)
        draft.id, draft.name = routine_id, name
        draft.own = {s.id: StretchDraft.from_stretch(s) for s in self.stretches}
        result = draft.save()
        if not result.ok and deleted is not None:
            with contextlib.suppress(OSError):
                deleted.undo()
            deleted = None
        return result, deleted

    def close(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None

    def __enter__(self) -> ImportPreview:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _likeness(routine: Routine, *, copy: bool = False) -> tuple[object, ...]:
    """What makes two routines the same for a person: everything its file says but its id
    (and, for a `copy` kept beside another, the " (2)" after its name), its stretches as
    written, and their pictures' bytes."""
    data = routine_data(routine)
    data.pop("id")
    if copy:
        data["name"] = re.sub(r" \(\d+\)$", "", data["name"])
    stretches = []
    for entry in routine.entries:
        stretch = entry.stretch.as_written()
        pictures: list[bytes | None] = []
        for frame in stretch.frames:
            try:
                pictures.append(frame.read_bytes())
            except OSError:
                pictures.append(None)
        stretches.append(
            (replace(stretch, frames=(), source=Source.USER, file=None), tuple(pictures))
        )
    return (repr(data), tuple(stretches))


def read_shared(source: Path, library: Library, paths: Paths) -> ImportPreview:
    """Unpack and check a shared file into a private temporary folder; never raises for a bad
    file (its problems are in the preview)."""
    preview = ImportPreview(source, library, paths)
    try:
        members = _read_archive(source)
    except ShareError as exc:
        preview.problems.append(str(exc))
        if source.suffix.lower() in (".yaml", ".yml"):
            # A routine file itself (the documented format), not a shared one: where it goes.
            preview.problems.append(
                _(
                    "A routine file such as {name} is not imported: put it in your routines "
                    "folder, {folder}, and it shows in the library at the next start."
                ).format(name=source.name, folder=paths.user_routines_dir)
            )
        return preview
    staging = Path(tempfile.mkdtemp(prefix="stretchapp-import-"))
    preview._staging = staging
    try:
        return _check_unpacked(preview, members, staging)
    except BaseException:
        preview.close()
        raise


def _check_unpacked(
    preview: ImportPreview, members: dict[str, bytes], staging: Path
) -> ImportPreview:
    source, library, paths = preview.source, preview.library, preview.paths
    try:
        (staging / IMAGES_FOLDER).mkdir()
        for name, data in members.items():
            (staging / name).write_bytes(data)
    except OSError as exc:
        preview.problems.append(_("The file could not be unpacked: {reason}").format(reason=exc))
        return preview
    preview.images = sorted(n for n in members if n != ROUTINE_MEMBER)
    routine_file = staging / ROUTINE_MEMBER
    # Routine ids are compared with the library's later (rename or replace), not here.
    stretches_only = Library(stretches=dict(library.stretches))
    report = check_files([routine_file], stretches_only, paths.assets_dir)[0]
    shown = f"{source.name}/{ROUTINE_MEMBER}"
    preview.problems += [str(p).replace(str(routine_file), shown) for p in report.problems]
    images_root = (staging / IMAGES_FOLDER).resolve()
    for stretch in report.stretches:
        for frame in stretch.frames:
            if images_root not in frame.resolve().parents:
                preview.problems.append(
                    f"{shown}: stretches[{stretch.id}].images: "
                    + _("{name} is not one of the pictures in the shared file").format(
                        name=frame.name
                    )
                )
    if len(report.routines) != 1 and not report.problems:
        preview.problems.append(
            f"{shown}: "
            + ngettext(
                "holds {count} routine (a shared file holds one)",
                "holds {count} routines (a shared file holds one)",
                len(report.routines),
            ).format(count=len(report.routines))
        )
    if report.routines:
        preview.routine = report.routines[0]
    preview.stretches = list(report.stretches)
    return preview


def _read_archive(source: Path) -> dict[str, bytes]:
    """Every member of a shared file, checked; raises ShareError with the first problem."""
    name = source.name
    data = _archive_bytes(source)
    _check_directory(name, data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except NotImplementedError as exc:
        raise ShareError(
            _(
                "{name} was made with a zip feature StretchApp cannot read ({reason}); "
                "share it again as a plain zip"
            ).format(name=name, reason=exc)
        ) from exc
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ShareError(_not_a_share(name)) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ShareError(_too_many_files(name, len(infos)))
        members: dict[str, bytes] = {}
        declared = 0
        for info in infos:
            limit = _member_limit(name, info, members)
            if limit is None:
                continue  # the images/ folder entry itself
            declared += info.file_size
            if declared > MAX_TOTAL_BYTES:
                raise ShareError(
                    _("{name} unpacks to more than {size} bytes").format(
                        name=name, size=format_number(MAX_TOTAL_BYTES)
                    )
                )
            member = info.filename
            content = _read_member(archive, info, limit, name)
            if member != ROUTINE_MEMBER:
                _check_image(name, member, content)
            members[member] = content
        if ROUTINE_MEMBER not in members:
            raise ShareError(
                _("{name} holds no {member}: it is not a shared routine").format(
                    name=name, member=ROUTINE_MEMBER
                )
            )
    return members


def _archive_bytes(source: Path) -> bytes:
    """The shared file's bytes, read once, non-blocking and size-limited, so the file cannot
    change under us; raises ShareError for a file that cannot or may not be read."""
    name = source.name
    problem = yamlfile.file_problem(source, MAX_ARCHIVE_BYTES)
    if problem is not None:
        if _larger_than(source, MAX_ARCHIVE_BYTES):
            problem = _("{problem}; a shared routine is at most {size} MiB").format(
                problem=problem, size=MAX_ARCHIVE_BYTES // (1024 * 1024)
            )
        raise ShareError(f"{name}: {problem}")
    try:
        return yamlfile.read_bytes(source, MAX_ARCHIVE_BYTES)
    except yamlfile.YamlError as exc:
        raise ShareError(f"{name}: {exc.problem.message}") from exc


def _member_limit(name: str, info: zipfile.ZipInfo, members: dict[str, bytes]) -> int | None:
    """The most bytes the member may hold, after checking what its entry says about it;
    None for a folder entry. Raises ShareError for a member that is not allowed."""
    member = info.filename
    _check_member_name(name, member)
    if _is_symlink(info):
        raise ShareError(
            f"{name}: "
            + _("{member} is a symbolic link, which is not allowed").format(member=repr(member))
        )
    if info.flag_bits & 0x1:
        raise ShareError(f"{name}: " + _("{member} is encrypted").format(member=repr(member)))
    if member.endswith("/"):
        return None
    if member in members:
        raise ShareError(f"{name}: " + _("{member} appears twice").format(member=repr(member)))
    limit = MAX_FILE_BYTES if member == ROUTINE_MEMBER else MAX_IMAGE_BYTES
    if info.file_size > limit:
        raise ShareError(
            f"{name}: "
            + _("{member} is {size} bytes; at most {maximum}").format(
                member=repr(member),
                size=format_number(info.file_size),
                maximum=format_number(limit),
            )
        )
    return limit


_EOCD = struct.Struct("<4s4H2LH")
_EOCD64_LOCATOR = struct.Struct("<4sLQL")
_EOCD64 = struct.Struct("<4sQ2H2L4Q")
_DIRECTORY_ENTRY_BYTES = 46 + 200 + 64  # at most: a central entry, its name and its extras


def _check_directory(name: str, data: bytes) -> None:
    """Refuse an archive whose central directory declares too many entries or bytes, before
    anything lists it (listing a million entries takes seconds and hundreds of MB)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65536 - _EOCD.size))
    if end < 0 or end + _EOCD.size > len(data):
        raise ShareError(_not_a_share(name))
    fields = _EOCD.unpack_from(data, end)
    entries, cd_size = fields[4], fields[5]
    locator = end - _EOCD64_LOCATOR.size
    if locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
        offset = _EOCD64_LOCATOR.unpack_from(data, locator)[2]
        if offset + _EOCD64.size <= len(data) and data[offset : offset + 4] == b"PK\x06\x06":
            record = _EOCD64.unpack_from(data, offset)
            entries, cd_size = max(entries, record[5]), max(cd_size, record[6])
    limit = MAX_MEMBERS * _DIRECTORY_ENTRY_BYTES
    if entries == 0xFFFF and cd_size > limit:
        raise ShareError(
            _("{name} holds {count} files or more; at most {maximum}").format(
                name=name, count=format_number(65535), maximum=MAX_MEMBERS
            )
        )
    if entries > MAX_MEMBERS:
        raise ShareError(_too_many_files(name, entries))
    if cd_size > limit:
        raise ShareError(
            f"{name}: "
            + _("its list of files is {size} bytes, too long for {count} files").format(
                size=format_number(cd_size), count=MAX_MEMBERS
            )
        )


def _check_member_name(archive: str, member: str) -> None:
    bad = (
        "\\" in member
        or "\x00" in member
        or member.startswith("/")
        or re.match(r"^[A-Za-z]:", member) is not None
        or any(part in ("..", ".") for part in member.split("/"))
    )
    if bad:
        raise ShareError(
            f"{archive}: "
            + _("{member} is not a safe file name inside the archive").format(member=repr(member))
        )
    if member in (ROUTINE_MEMBER, f"{IMAGES_FOLDER}/"):
        return
    folder, _sep, filename = member.partition("/")
    ok = (
        folder == IMAGES_FOLDER
        and _IMAGE_NAME.match(filename) is not None
        and Path(filename).suffix.lower() in IMAGE_SUFFIXES
    )
    if not ok:
        raise ShareError(
            f"{archive}: "
            + _(
                "{member} does not belong in a shared routine "
                "(only {routine} and PNG, JPG, SVG or GIF pictures in {folder}/)"
            ).format(member=repr(member), routine=ROUTINE_MEMBER, folder=IMAGES_FOLDER)
        )


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str) -> bytes:
    """Read at most `limit` bytes, whatever the archive claims (a zip bomb lies)."""
    parts: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as handle:
            while True:
                chunk = handle.read(_CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > limit:
                    raise ShareError(
                        f"{name}: "
                        + _("{member} unpacks to more than {size} bytes").format(
                            member=repr(info.filename), size=format_number(limit)
                        )
                    )
                parts.append(chunk)
    except NotImplementedError as exc:
        raise ShareError(
            f"{name}: "
            + _("{member} uses a zip feature StretchApp cannot read ({reason})").format(
                member=repr(info.filename), reason=exc
            )
        ) from exc
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
        raise ShareError(_damaged(name, info.filename, exc)) from exc
    except Exception as exc:  # zlib.error and friends from a crafted stream
        if isinstance(exc, ShareError):
            raise
        raise ShareError(_damaged(name, info.filename, exc)) from exc
    return b"".join(parts)


def _not_a_share(name: str) -> str:
    return _("{name} is not a shared StretchApp routine (not a zip archive)").format(name=name)


def _too_many_files(name: str, count: int) -> str:
    return _("{name} holds {count} files; at most {maximum}").format(
        name=name, count=format_number(count), maximum=MAX_MEMBERS
    )


def _damaged(name: str, member: str, exc: BaseException) -> str:
    return f"{name}: " + _("{member} is damaged ({reason})").format(member=repr(member), reason=exc)


def _larger_than(path: Path, size: int) -> bool:
    try:
        return path.stat().st_size > size
    except (OSError, ValueError):
        return False


def _check_image(archive: str, member: str, data: bytes) -> None:
    # Worded as the routine loader words it (core/pictures.py), for the same mistake.
    mismatch = kind_problem(member, data)
    if mismatch is not None:
        raise ShareError(f"{archive}: {member!r}: {mismatch}")
    kind = image_kind(data)
    if kind in ("png", "gif", "jpg"):
        problem = pixels_problem(data)
        if problem is not None:
            raise ShareError(f"{archive}: {member!r}: {problem}")
    if kind == "svg":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ShareError(
                f"{archive}: " + _("{member} is not UTF-8 text").format(member=repr(member))
            ) from exc
        lowered = text.lower()
        if "<!entity" in lowered or "<script" in lowered:
            raise ShareError(
                f"{archive}: "
                + _("{member} holds entities or scripts, which pictures do not need").format(
                    member=repr(member)
                )
            )
        try:
            check_svg(data)
        except SvgError as exc:
            raise ShareError(f"{archive}: {member!r}: {exc}") from exc
