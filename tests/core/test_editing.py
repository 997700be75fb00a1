"""The routine editor's document: create, edit, reorder, save, reload, round-trip, delete."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from stretchapp.cli import main as cli_main
from stretchapp.core.editing import (
    RoutineDraft,
    StretchDraft,
    can_edit,
    delete_routine,
    slug,
    unique,
)
from stretchapp.core.paths import Paths
from stretchapp.core.routines import (
    ROUTINE_FIELDS,
    STRETCH_FIELDS,
    Library,
    Sides,
    Source,
    check_text,
    load_library,
    render_file,
)
from stretchapp.core.schema import field_named


def library(paths: Paths) -> Library:
    return load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)


def png(path: Path) -> Path:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x23\x7a\x71"))
        + chunk(b"IEND", b"")
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def own_stretch(picture: Path) -> StretchDraft:
    return StretchDraft(
        name="Doorway chest stretch",
        images=[picture],
        steps=["Stand in a doorway.", "Step forward gently.", "Breathe and step back."],
        caution="Stop if your arm tingles.",
        hold=20,
        sides=Sides.BOTH,
        position="standing",
    )


@pytest.fixture
def made(paths: Paths, tmp_path: Path) -> RoutineDraft:
    draft = RoutineDraft.new(library(paths), paths)
    draft.name = "Evening unwind"
    draft.description = "A short wind-down."
    draft.add("cat-cow")
    draft.add("childs-pose")
    stretch_id = draft.add_own(own_stretch(png(tmp_path / "pictures" / "door.png")))
    draft.add(stretch_id)
    return draft


def test_slug_and_unique() -> None:
    assert slug("Morning (gentle) stretch!") == "morning-gentle-stretch"
    assert slug("   ") == "my-routine"
    assert slug("Ünïcode") == "n-code"
    assert unique("a", {"a", "a-2"}) == "a-3"
    assert unique("b", {"a"}) == "b"


def test_new_routine_starts_empty_and_needs_a_name_and_a_stretch(paths: Paths) -> None:
    draft = RoutineDraft.new(library(paths), paths)
    assert not draft.dirty
    result = draft.save()
    assert not result.ok
    assert "Give the routine a name." in result.problems
    assert "Add at least one stretch." in result.problems
    assert not paths.user_routines_dir.exists()


def test_total_time_follows_every_change(made: RoutineDraft) -> None:
    before = made.total_seconds()
    made.set_entry(1, hold=90)
    assert made.total_seconds() == before + (90 - made.stretch("childs-pose").hold)  # type: ignore[union-attr]
    made.set_entry(0, reps=2)  # cat-cow: 2 reps at its tempo instead of 8
    assert made.entries[0].hold is None and made.entries[0].reps == 2
    shorter = made.total_seconds()
    assert shorter < before + 90
    made.get_ready = 0
    assert made.total_seconds() == shorter - 5 * 3


def test_reorder_and_remove(made: RoutineDraft) -> None:
    ids = lambda: [e.stretch_id for e in made.entries]  # noqa: E731
    own = ids()[2]
    assert made.move(2, 0) == 0
    assert ids() == [own, "cat-cow", "childs-pose"]
    assert made.move(0, 99) == 2  # clamped to the end
    assert ids() == ["cat-cow", "childs-pose", own]
    made.remove(1)
    assert ids() == ["cat-cow", own]


def test_save_copies_pictures_writes_a_valid_file_and_reloads(
    made: RoutineDraft, paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert made.dirty
    result = made.save()
    assert result.ok, result.problems
    assert not made.dirty
    path = result.path
    assert path == paths.user_routines_dir / "evening-unwind.yaml"
    copied = paths.user_routines_dir / "evening-unwind-images" / "doorway-chest-stretch-1.png"
    assert copied.read_bytes() == (tmp_path / "pictures" / "door.png").read_bytes()
    text = path.read_text(encoding="utf-8")
    assert "images:\n  - evening-unwind-images/doorway-chest-stretch-1.png" in text
    # The original may move: the routine keeps working.
    (tmp_path / "pictures" / "door.png").unlink()
    reloaded = library(paths)
    routine = reloaded.routine("evening-unwind")
    assert routine is not None and routine.source is Source.USER
    assert [e.stretch.id for e in routine.entries] == [
        "cat-cow",
        "childs-pose",
        "doorway-chest-stretch",
    ]
    assert routine.entries[2].stretch.frames == (copied.resolve(),)
    assert routine.entries[2].sides is Sides.BOTH
    assert cli_main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.strip().endswith(": OK")


def test_round_trip_is_unchanged(made: RoutineDraft, paths: Paths) -> None:
    made.set_entry(0, tempo=7, get_ready=3, rest=0)
    made.set_entry(1, sides=Sides.BOTH)
    first = made.save()
    assert first.ok
    text = first.path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    lib = library(paths)
    routine = lib.routine("evening-unwind")
    assert routine is not None
    again = RoutineDraft.edit(routine, lib, paths)
    assert not again.dirty
    assert again.save().ok
    assert first.path.read_text(encoding="utf-8") == text  # type: ignore[union-attr]
    reloaded = library(paths).routine("evening-unwind")
    assert reloaded == routine
    report = next(r for r in lib.reports if r.path == routine.file)
    assert render_file([routine], report.stretches, routine.file.parent) == text  # type: ignore[union-attr]


def test_every_bundled_routine_round_trips(paths: Paths, tmp_path: Path) -> None:
    lib = library(paths)
    stretches_only = Library(stretches=lib.stretches)
    for routine in lib.routines:
        text = render_file([routine], [], tmp_path)
        report = check_text(text, tmp_path / f"{routine.id}.yaml", stretches_only, paths.assets_dir)
        assert report.ok, report.problems
        (loaded,) = report.routines
        assert loaded.entries == routine.entries
        assert (loaded.name, loaded.description, loaded.get_ready, loaded.rest) == (
            routine.name,
            routine.description,
            routine.get_ready,
            routine.rest,
        )
        assert render_file([loaded], [], tmp_path) == text


def test_editing_renames_in_place(made: RoutineDraft, paths: Paths) -> None:
    path = made.save().path
    routine = library(paths).routine("evening-unwind")
    assert routine is not None and can_edit(routine, library(paths))
    draft = RoutineDraft.edit(routine, library(paths), paths)
    draft.name = "Bedtime"
    draft.move(2, 0)
    assert draft.save().path == path
    renamed = library(paths).routine("evening-unwind")  # the id stays: history keeps it
    assert renamed is not None and renamed.name == "Bedtime"
    assert renamed.entries[0].stretch.id == "doorway-chest-stretch"
    assert sorted(p.name for p in paths.user_routines_dir.iterdir()) == [
        "evening-unwind-images",
        "evening-unwind.yaml",
    ]


def test_bundled_routines_are_duplicated_never_changed(paths: Paths) -> None:
    lib = library(paths)
    daily = lib.routine("daily-back-care")
    assert daily is not None and not can_edit(daily, lib)
    with pytest.raises(ValueError, match="duplicate"):
        RoutineDraft.edit(daily, lib, paths)
    bundled_text = daily.file.read_bytes()  # type: ignore[union-attr]
    copy = RoutineDraft.duplicate(daily, lib, paths)
    assert copy.dirty and copy.is_new
    assert copy.name == "Daily back care (my copy)"
    copy.remove(0)
    result = copy.save()
    assert result.ok, result.problems
    assert result.path == paths.user_routines_dir / "daily-back-care-my-copy.yaml"
    assert daily.file.read_bytes() == bundled_text  # type: ignore[union-attr]
    mine = library(paths).routine("daily-back-care-my-copy")
    assert mine is not None and len(mine.entries) == len(daily.entries) - 1
    with pytest.raises(ValueError, match="bundled"):
        delete_routine(daily, lib, paths)


def test_markup_is_refused_by_the_same_checker(made: RoutineDraft, paths: Paths) -> None:
    made.description = "<b>bold</b>"
    result = made.save()
    assert not result.ok
    assert any("HTML or markup" in str(p) for p in result.problems)
    assert not paths.user_routines_dir.joinpath("evening-unwind.yaml").exists()
    assert not paths.user_routines_dir.joinpath("evening-unwind-images").exists()


def test_a_stretch_needs_steps_and_a_picture(paths: Paths) -> None:
    draft = RoutineDraft.new(library(paths), paths)
    draft.name = "x"
    stretch_id = draft.add_own(StretchDraft(name="Mine", steps=["one", "two"]))
    draft.add(stretch_id)
    problems = draft.save().problems
    assert "Mine: Write 3 to 6 steps, one per line (now 2)." in problems
    assert "Mine: Add at least one picture (PNG, JPG, SVG or GIF) or pose the figure." in problems


def test_delete_and_undo(made: RoutineDraft, paths: Paths) -> None:
    path = made.save().path
    assert path is not None
    lib = library(paths)
    routine = lib.routine("evening-unwind")
    assert routine is not None
    deleted = delete_routine(routine, lib, paths)
    assert not path.exists()
    assert not (paths.user_routines_dir / "evening-unwind-images").exists()
    assert library(paths).routine("evening-unwind") is None
    deleted.undo()
    assert path.exists()
    back = library(paths).routine("evening-unwind")
    assert back is not None and back.entries[2].stretch.frames[0].exists()


def test_a_duplicated_routine_keeps_its_transitions_and_precautions(paths: Paths) -> None:
    lib = library(paths)
    gentle = lib.routine("gentle-recovery")
    assert gentle is not None
    copy = RoutineDraft.duplicate(gentle, lib, paths)
    copy.move(len(copy.entries) - 1, 0)  # moving an entry takes its transition along
    result = copy.save()
    assert result.ok, result.problems
    assert result.path is not None
    mine = next(r for r in library(paths).routines if r.file == result.path)
    assert [e.transition for e in mine.entries] == [
        gentle.entries[-1].transition,
        *(e.transition for e in gentle.entries[:-1]),
    ]
    assert mine.entries[0].stretch.avoid_if == ("pregnancy", "osteoporosis", "surgery")


def test_a_stretch_of_ones_own_keeps_its_precautions(paths: Paths) -> None:
    from stretchapp.core.editing import StretchDraft

    twist = library(paths).stretches["seated-twist"]
    draft = StretchDraft.from_stretch(twist)
    assert draft.to_stretch().avoid_if == twist.avoid_if


def test_the_builder_accepts_what_the_file_format_declares(paths: Paths, tmp_path: Path) -> None:
    """The builder's limits are read from the declarations, not typed again: at each bound
    its own check agrees with the declaration and with the loader's check on save."""
    steps = field_named(STRETCH_FIELDS, "steps")
    name_field = field_named(ROUTINE_FIELDS, "name")
    description_field = field_named(ROUTINE_FIELDS, "description")
    picture = png(tmp_path / "p.png")
    for count in range(steps.min_items - 1, steps.max_items + 2):
        stretch = own_stretch(picture)
        stretch.steps = [f"Step {i}." for i in range(count)]
        assert (not stretch.problems()) == (steps.min_items <= count <= steps.max_items), count
    longest, most = name_field.max_length, description_field.max_length
    for name, description in (("N" * longest, "d" * most), ("N" * (longest + 1), "d")):
        draft = RoutineDraft.new(library(paths), paths)
        draft.name, draft.description = name, description
        draft.add("cat-cow")
        fits = len(name) <= longest
        assert (not draft.problems()) == fits
        assert draft.save().ok == fits
    draft = RoutineDraft.new(library(paths), paths)
    draft.name, draft.description = "N", "d" * (most + 1)
    draft.add("cat-cow")
    assert draft.problems() == [f"The description is longer than {most} characters."]
    copy = RoutineDraft.duplicate(library(paths).routines[0], library(paths), paths)
    assert len(copy.name) <= longest
