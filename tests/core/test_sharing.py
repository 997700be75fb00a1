"""Shared routine files: export, import, clashes, and hostile archives."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from stretchapp.core import sharing
from stretchapp.core.editing import RoutineDraft, StretchDraft
from stretchapp.core.paths import Paths
from stretchapp.core.routines import Library, Routine, Sides, Source, load_library
from stretchapp.core.sharing import ImportPreview, export_routine, image_kind, read_shared
from tests.core.test_editing import png

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>'
)
PNG_HEAD = b"\x89PNG\r\n\x1a\n"
ROUTINE = """\
version: 1
stretches:
  - id: wall-slide
    name: Wall slide
    images: [images/wall-1.svg]
    hold: 20
    steps: [Stand with your back to a wall., Slide down a little., Slide back up.]
routines:
  - id: shared-one
    name: Shared one
    stretches: [wall-slide, cat-cow]
"""


def library(paths: Paths) -> Library:
    return load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)


def make_zip(path: Path, members: dict[str, bytes], **kwargs: object) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.fixture
def saved(paths: Paths, tmp_path: Path) -> Routine:
    draft = RoutineDraft.new(library(paths), paths)
    draft.name = "Clinic plan"
    own = StretchDraft(
        name="Chin tuck",
        images=[png(tmp_path / "a.png"), png(tmp_path / "b.png")],
        steps=["Sit tall.", "Draw your chin back.", "Hold, then relax."],
        reps=5,
        hold=None,
        tempo=6,
        sides=Sides.NONE,
        position="chair",
    )
    draft.add(draft.add_own(own))
    draft.add("childs-pose")
    assert draft.save().ok
    routine = library(paths).routine("clinic-plan")
    assert routine is not None
    return routine


def test_export_holds_the_routine_its_own_stretches_and_pictures(
    saved: Routine, tmp_path: Path
) -> None:
    out = export_routine(saved, tmp_path / "out" / "plan")
    assert out.name == "plan.stretchapp"
    with zipfile.ZipFile(out) as archive:
        names = sorted(archive.namelist())
        text = archive.read("routine.yaml").decode()
    assert names == ["images/chin-tuck-1.png", "images/chin-tuck-2.png", "routine.yaml"]
    assert "images:\n  - images/chin-tuck-1.png\n  - images/chin-tuck-2.png" in text
    assert "- childs-pose" in text and "id: childs-pose" not in text  # bundled travel by id
    assert not list(out.parent.glob(".*.tmp"))


def test_export_delete_import_gives_the_same_routine_back(
    saved: Routine, paths: Paths, tmp_path: Path
) -> None:
    out = export_routine(saved, tmp_path / "plan.stretchapp")
    lib = library(paths)
    from stretchapp.core.editing import delete_routine

    delete_routine(saved, lib, paths)
    with read_shared(out, library(paths), paths) as preview:
        assert preview.ok, preview.problems
        assert preview.clash is None
        assert preview.routine is not None and preview.routine.name == "Clinic plan"
        assert [s.name for s in preview.stretches] == ["Chin tuck"]
        assert preview.images == ["images/chin-tuck-1.png", "images/chin-tuck-2.png"]
        result, deleted = preview.save()
        staging = preview._staging
        assert staging is not None and staging.is_dir()
    assert result.ok and deleted is None
    assert not staging.exists()  # the unpacked copy is gone once the preview is closed
    back = library(paths).routine("clinic-plan")
    assert back is not None and back.source is Source.USER
    assert [e.dose() for e in back.entries] == [e.dose() for e in saved.entries]
    frames = back.entries[0].stretch.frames
    folder = (paths.user_routines_dir / "clinic-plan-images").resolve()
    assert all(f.parent == folder for f in frames) and len(frames) == 2


def test_a_clash_is_renamed_or_replaced(saved: Routine, paths: Paths, tmp_path: Path) -> None:
    out = export_routine(saved, tmp_path / "plan.stretchapp")
    with read_shared(out, library(paths), paths) as preview:
        assert preview.clash == saved and preview.can_replace
        assert preview.renamed() == ("clinic-plan-2", "Clinic plan (2)")
        result, _ = preview.save("rename")
        assert result.ok
    lib = library(paths)
    assert {r.id for r in lib.routines} >= {"clinic-plan", "clinic-plan-2"}
    with read_shared(out, lib, paths) as preview:
        result, deleted = preview.save("replace")
    assert result.ok and deleted is not None
    ids = [r.id for r in library(paths).routines if r.source is Source.USER]
    assert sorted(ids) == ["clinic-plan", "clinic-plan-2"]
    assert deleted.trash.exists()  # the replaced one can still be had back


def test_importing_the_same_file_again_finds_the_one_already_there(
    saved: Routine, paths: Paths, tmp_path: Path
) -> None:
    """Importing a file twice made "Clinic plan (2)", "(3)", … with nothing said of the
    identical routine already there: the preview names it, also once a copy was kept."""
    out = export_routine(saved, tmp_path / "plan.stretchapp")
    with read_shared(out, library(paths), paths) as preview:
        assert preview.same_as == saved
        assert preview.save("rename")[0].ok
    lib = library(paths)
    with read_shared(out, lib, paths) as preview:
        assert preview.same_as is not None
        assert preview.same_as.name in ("Clinic plan", "Clinic plan (2)")
    # once its pictures differ, byte for byte, it is not the same: only a clash of names
    for routine in lib.routines:
        if routine.source is Source.USER:
            for picture in routine.entries[0].stretch.frames:
                picture.write_bytes(picture.read_bytes() + b"\0")
    with read_shared(out, library(paths), paths) as preview:
        assert preview.same_as is None and preview.clash is not None
    other = make_zip(
        tmp_path / "other.stretchapp",
        {
            "routine.yaml": ROUTINE.encode(),
            "images/wall-1.svg": SVG,
        },
    )
    with read_shared(other, library(paths), paths) as preview:
        assert preview.ok and preview.same_as is None
        assert preview.save()[0].ok
    with read_shared(other, library(paths), paths) as preview:
        assert preview.same_as is not None and preview.same_as.name == "Shared one"
    longer = make_zip(
        tmp_path / "longer.stretchapp",
        {
            "routine.yaml": ROUTINE.replace("hold: 20", "hold: 30").encode(),
            "images/wall-1.svg": SVG,
        },
    )
    with read_shared(longer, library(paths), paths) as preview:
        assert preview.ok and preview.clash is not None and preview.same_as is None


def test_a_bundled_routine_is_never_replaced(paths: Paths, tmp_path: Path) -> None:
    text = ROUTINE.replace("id: shared-one", "id: desk-break")
    out = make_zip(
        tmp_path / "x.stretchapp", {"routine.yaml": text.encode(), "images/wall-1.svg": SVG}
    )
    lib = library(paths)
    desk = lib.routine("desk-break")
    with read_shared(out, lib, paths) as preview:
        assert preview.ok and preview.clash == desk and not preview.can_replace
        result, _ = preview.save("replace")
        assert not result.ok
        result, _ = preview.save("rename")
        assert result.ok
    assert desk is not None and desk.file is not None and desk.file.exists()
    assert library(paths).routine("desk-break-2") is not None


def preview_of(tmp_path: Path, paths: Paths, members: dict[str, bytes]) -> ImportPreview:
    path = make_zip(tmp_path / "in.stretchapp", members)
    return read_shared(path, library(paths), paths)


def good() -> dict[str, bytes]:
    return {"routine.yaml": ROUTINE.encode(), "images/wall-1.svg": SVG}


def test_a_good_hand_made_archive_is_accepted(paths: Paths, tmp_path: Path) -> None:
    with preview_of(tmp_path, paths, good()) as preview:
        assert preview.ok, preview.problems


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../evil.yaml", "not a safe file name"),
        ("images/../../evil.png", "not a safe file name"),
        ("/etc/evil.png", "not a safe file name"),
        ("images\\evil.png", "not a safe file name"),
        ("C:/evil.png", "not a safe file name"),
        ("images/sub/evil.png", "does not belong"),
        ("images/evil.exe", "does not belong"),
        ("settings.yaml", "does not belong"),
    ],
)
def test_unsafe_member_names_are_refused(
    paths: Paths, tmp_path: Path, name: str, expected: str
) -> None:
    with preview_of(tmp_path, paths, {**good(), name: b"\x89PNG\r\n\x1a\n"}) as preview:
        assert not preview.ok and preview.routine is None
        assert any(expected in p for p in preview.problems), preview.problems
    assert not paths.user_routines_dir.exists()


def test_a_symlink_member_is_refused(paths: Paths, tmp_path: Path) -> None:
    path = tmp_path / "link.stretchapp"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("routine.yaml", ROUTINE)
        link = zipfile.ZipInfo("images/wall-1.svg")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    preview = read_shared(path, library(paths), paths)
    assert not preview.ok
    assert "symbolic link" in preview.problems[0]


def test_a_zip_bomb_is_stopped_while_reading(
    paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A member whose header claims 10 bytes but unpacks to 3 MB of zeros.
    bomb = b"\x89PNG\r\n\x1a\n" + b"\0" * 3_000_000
    path = make_zip(tmp_path / "bomb.stretchapp", {**good(), "images/big.png": bomb})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("images/big.png")
    monkeypatch.setattr(sharing, "MAX_IMAGE_BYTES", 1_000_000)
    # Patch the declared size in both the local header and the central directory.
    size = info.file_size.to_bytes(4, "little")
    assert data.count(size) >= 2
    data = data.replace(size, (10).to_bytes(4, "little"))
    path.write_bytes(bytes(data))
    preview = read_shared(path, library(paths), paths)
    assert not preview.ok
    # Never more than the declared size is unpacked: the lie shows as damage.
    assert "'images/big.png' is damaged" in preview.problems[0], preview.problems
    assert not paths.user_routines_dir.exists()


def test_a_member_larger_than_declared_is_cut_off_at_the_limit(
    paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The declared size is under the limit, but reading goes on past it: stopped at the limit.
    path = make_zip(tmp_path / "a.stretchapp", {**good(), "images/big.png": PNG_HEAD + b"1" * 5000})
    monkeypatch.setattr(sharing, "_CHUNK", 1024)
    real_check = sharing._read_member

    def lying(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str) -> bytes:
        return real_check(archive, info, 2000 if info.filename.endswith("big.png") else limit, name)

    monkeypatch.setattr(sharing, "_read_member", lying)
    preview = read_shared(path, library(paths), paths)
    assert "'images/big.png' unpacks to more than 2,000 bytes" in preview.problems[0]


def test_a_huge_member_is_refused_by_its_declared_size(
    paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sharing, "MAX_IMAGE_BYTES", 1000)
    big = b"\x89PNG\r\n\x1a\n" + b"\0" * 5000
    with preview_of(tmp_path, paths, {**good(), "images/big.png": big}) as preview:
        assert "is 5,008 bytes; at most 1,000" in preview.problems[0]


def test_too_many_members_and_too_large_an_archive(
    paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sharing, "MAX_MEMBERS", 3)
    members = {**good(), **{f"images/p{n}.svg": SVG for n in range(3)}}
    with preview_of(tmp_path, paths, members) as preview:
        assert "holds 5 files; at most 3" in preview.problems[0]
    monkeypatch.setattr(sharing, "MAX_ARCHIVE_BYTES", 100)
    with preview_of(tmp_path, paths, good()) as preview:
        assert "a shared routine is at most" in preview.problems[0]


@pytest.mark.parametrize(
    ("member", "data", "expected"),
    [
        ("images/wall-1.png", b"GIF89a....", "named PNG but a GIF by its content"),
        ("images/wall-1.jpg", b"MZ\x90\x00 not a picture", "not a picture by its content"),
        ("images/wall-1.svg", b"<?xml?><!DOCTYPE x [<!ENTITY a 'b'>]><svg/>", "entities"),
        ("images/wall-1.svg", b"<svg><script>alert(1)</script></svg>", "scripts"),
    ],
)
def test_pictures_are_checked_by_their_content(
    paths: Paths, tmp_path: Path, member: str, data: bytes, expected: str
) -> None:
    with preview_of(tmp_path, paths, {"routine.yaml": ROUTINE.encode(), member: data}) as p:
        assert not p.ok
        assert any(expected in problem for problem in p.problems), p.problems


def test_image_kind() -> None:
    assert image_kind(SVG) == "svg"
    assert image_kind(b"\xff\xd8\xff\xe0") == "jpg"
    assert image_kind(b"hello") is None


def test_bad_yaml_and_bad_routines_are_shown_not_saved(paths: Paths, tmp_path: Path) -> None:
    with preview_of(tmp_path, paths, {"routine.yaml": b"a: &x 1\nb: *x\n"}) as preview:
        assert not preview.ok
        assert "in.stretchapp/routine.yaml:1: anchors and aliases" in preview.problems[0]
        result, _ = preview.save()
        assert not result.ok
    wrong = ROUTINE.replace("cat-cow", "cat-cows")
    with preview_of(tmp_path, paths, {**good(), "routine.yaml": wrong.encode()}) as preview:
        assert any("did you mean 'cat-cow'" in p for p in preview.problems)
    missing = {"routine.yaml": ROUTINE.encode()}
    with preview_of(tmp_path, paths, missing) as preview:
        assert any("'images/wall-1.svg' was not found" in p for p in preview.problems)
    outside = ROUTINE.replace("images/wall-1.svg", "bundled:illustrations/cat.svg")
    with preview_of(tmp_path, paths, {**good(), "routine.yaml": outside.encode()}) as preview:
        assert not preview.ok
    assert not paths.user_routines_dir.exists()


def test_not_a_zip_and_no_routine(paths: Paths, tmp_path: Path) -> None:
    path = tmp_path / "x.stretchapp"
    path.write_text("version: 1\n")
    assert "not a zip archive" in read_shared(path, library(paths), paths).problems[0]
    # A routine file itself, in the documented format: told where such a file goes.
    plain = tmp_path / "physio-plan.yaml"
    plain.write_text("version: 1\n")
    said = read_shared(plain, library(paths), paths).problems
    assert "not a zip archive" in said[0]
    assert f"put it in your routines folder, {paths.user_routines_dir}," in said[1]
    with preview_of(tmp_path, paths, {"images/wall-1.svg": SVG}) as preview:
        assert "holds no routine.yaml" in preview.problems[0]
