"""Hostile files read by the core: huge numbers, special files, loops, YAML 1.1 surprises.

Each test here failed on the code before issue 12 was fixed.
"""

from __future__ import annotations

import os
import threading
import zipfile
from pathlib import Path

import pytest

from stretchapp.core import yamlfile
from stretchapp.core.paths import Paths
from stretchapp.core.routines import Library, check_files, load_library
from stretchapp.core.settings import SettingsStore, load_clinic
from stretchapp.core.sharing import read_shared
from stretchapp.core.yamlfile import YamlError

STEPS = "steps: [One step., Two steps., Three steps.]"


def bundled(paths: Paths) -> Library:
    return load_library(paths.bundled_routines_dir, None, paths.assets_dir)


def check(paths: Paths, text: str, name: str = "mine.yaml") -> list[str]:
    paths.user_routines_dir.mkdir(parents=True, exist_ok=True)
    path = paths.user_routines_dir / name
    path.write_text(text, encoding="utf-8")
    (report,) = check_files([path], bundled(paths), paths.assets_dir)
    return [str(p) for p in report.problems]


def routine_with(field_line: str) -> str:
    return (
        "version: 1\nstretches:\n  - id: mine\n    name: Mine\n"
        "    images: [bundled:desktop/io.github.stretchapp.StretchApp.svg]\n"
        f"    {STEPS}\n    {field_line}\n"
        "routines:\n  - id: my-routine\n    name: My routine\n    stretches: [mine]\n"
    )


# ---- finding 1: huge numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "0x" + "f" * 4000,
        "0o" + "7" * 5000,
        "0" + "7" * 5000,
        "0b" + "1" * 15000,
        "1" + ":59" * 3000,
        "9" * 5000,
        "-" + "9" * 5000,
    ],
    ids=["hex", "octal", "old-octal", "binary", "base-60", "decimal", "negative"],
)
def test_a_huge_number_is_one_line_out_of_range(paths: Paths, value: str) -> None:
    found = [p for p in check(paths, routine_with(f"hold: {value}")) if ".hold" in p]
    assert len(found) == 1, found
    assert ":7: stretches[mine].hold: " in found[0]
    assert "out of range" in found[0]
    assert len(found[0]) < 300


def test_huge_numbers_in_settings_reset_that_setting_only(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    big = "0x" + "f" * 4000
    paths.settings_file.write_text(
        f"version: {big}\nvolume: {big}\nreminder_times: [{big}]\nrest_seconds: 20\n",
        encoding="utf-8",
    )
    settings, messages = SettingsStore(paths).load()
    assert settings.rest_seconds == 20
    joined = "\n".join(messages)
    assert "out of range" in joined
    assert all(len(m) < 400 for m in messages), [m[:300] for m in messages]


def test_a_huge_number_in_clinic_is_left_out(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.user_clinic_file.write_text(
        f"version: 1\nname: {'1' * 5000}\nphone: {'0x' + 'f' * 4000}\n", encoding="utf-8"
    )
    _details, messages = load_clinic(paths)
    assert messages  # a message, not a ValueError


# ---- finding 14: YAML 1.1 must not change what was written ------------------------------------


@pytest.mark.parametrize("value", ["030", "010", "0o30", "0x1e", "0b11", "1:30", "1_000"])
def test_a_duration_is_a_plain_decimal_number(paths: Paths, value: str) -> None:
    found = [p for p in check(paths, routine_with(f"hold: {value}")) if ".hold" in p]
    assert len(found) == 1, found
    assert "stretches[mine].hold" in found[0]
    assert "decimal" in found[0] or "leading zero" in found[0]


def test_names_are_text_as_written(paths: Paths) -> None:
    text = routine_with("hold: 30").replace("name: Mine", "name: 1:30")
    text = text.replace("name: My routine", "name: 010")
    path = paths.user_routines_dir / "mine.yaml"
    assert check(paths, text) == []
    (report,) = check_files([path], bundled(paths), paths.assets_dir)
    assert report.stretches[0].name == "1:30"
    assert report.routines[0].name == "010"


def test_get_ready_with_a_leading_zero_in_settings_is_not_octal(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("get_ready_seconds: 010\n", encoding="utf-8")
    settings, messages = SettingsStore(paths).load()
    assert settings.get_ready_seconds != 8
    assert any("get_ready_seconds" in m for m in messages)


def test_unquoted_reminder_times_still_read_as_times(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("reminder_times: [8:00, 18:30]\n", encoding="utf-8")
    settings, messages = SettingsStore(paths).load()
    assert messages == []
    assert settings.reminder_times == ("08:00", "18:30")


@pytest.mark.parametrize(
    "name",
    [
        "Line one\nLine two",
        "Tab\there",
        "Sep\u2028arated",
        "\u200b\u200b\u200b",
        "\u200b \u2060 ",
        "<!b>Safe &#x3c;i&#x3e;",
        "a &#x3c; b",
    ],
    ids=[
        "newline",
        "tab",
        "line-separator",
        "zero-width",
        "zero-width-and-spaces",
        "markup",
        "hex-entity",
    ],
)
def test_names_that_would_show_wrong_are_refused(paths: Paths, name: str) -> None:
    quoted = name.replace("\n", "\\n").replace("\t", "\\t")
    text = routine_with("hold: 30").replace("name: Mine", f'name: "{quoted}"')
    found = check(paths, text)
    assert any("stretches[mine].name" in p for p in found), found


def test_clinic_links_are_checked_for_markup(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.user_clinic_file.write_text(
        "version: 1\nname: Clinic\nbooking_url: 'https://example.org/<b>x</b>'\n",
        encoding="utf-8",
    )
    details, messages = load_clinic(paths)
    assert any("booking_url" in m for m in messages), messages
    assert details is None or details.booking_url == ""


# ---- findings 4 and 11: special files, loops, sizes -------------------------------------------


def test_a_symlink_loop_in_a_picture_path_is_a_message(paths: Paths) -> None:
    folder = paths.user_routines_dir
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "loop-a.png").symlink_to(folder / "loop-b.png")
    (folder / "loop-b.png").symlink_to(folder / "loop-a.png")
    icon = "bundled:desktop/io.github.stretchapp.StretchApp.svg"
    text = routine_with("hold: 30").replace(icon, "loop-a.png")
    found = [p for p in check(paths, text) if "images[1]" in p]
    assert len(found) == 1
    assert "loop of symbolic links" in found[0]
    library = load_library(paths.bundled_routines_dir, folder, paths.assets_dir)
    assert library.failed


def test_a_symlink_loop_as_the_routine_file_is_a_message(paths: Paths) -> None:
    folder = paths.user_routines_dir
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.yaml").symlink_to(folder / "b.yaml")
    (folder / "b.yaml").symlink_to(folder / "a.yaml")
    (report,) = check_files([folder / "a.yaml"], bundled(paths), paths.assets_dir)
    assert len(report.problems) == 1
    load_library(paths.bundled_routines_dir, folder, paths.assets_dir)


def finishes(call: object) -> object:
    """Run `call` in a thread; a reader that waits on a FIFO would hang the suite otherwise."""
    result: list[object] = []

    def run() -> None:
        try:
            result.append(call())  # type: ignore[operator]
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            result.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(20)
    assert result, "the reader waited on a special file"
    return result[0]


def test_a_fifo_is_refused_without_waiting(paths: Paths, tmp_path: Path) -> None:
    fifo = tmp_path / "routine.yaml"
    os.mkfifo(fifo)
    outcome = finishes(lambda: yamlfile.read_text(fifo))
    assert isinstance(outcome, YamlError)
    assert "not a regular file" in str(outcome)


def test_dev_zero_behind_a_link_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "routine.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(YamlError, match="not a regular file"):
        yamlfile.read_text(link)


def test_a_file_growing_past_the_limit_while_read_is_cut_off(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a" * 2000)
    with pytest.raises(YamlError, match="too large"):
        yamlfile.read_bytes(path, 1000)


def test_settings_that_are_a_fifo_or_dev_zero_start_with_defaults(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    os.mkfifo(paths.settings_file)
    _settings, messages = finishes(SettingsStore(paths).load)  # type: ignore[misc]
    assert "not a regular file" in "\n".join(messages)
    paths.settings_file.unlink()
    paths.settings_file.symlink_to("/dev/zero")
    _settings, messages = SettingsStore(paths).load()
    assert "not a regular file" in "\n".join(messages)


def test_a_huge_sparse_settings_file_is_not_copied(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    with paths.settings_file.open("wb") as out:
        out.truncate(3 * 1024**3)
    _settings, messages = SettingsStore(paths).load()
    assert "bytes" in "\n".join(messages)
    for kept in paths.config_dir.glob("settings.yaml*.bak"):
        assert kept.lstat().st_blocks * 512 < 1024 * 1024 or kept.stat().st_size < 1024 * 1024


def test_a_clinic_file_that_is_a_fifo_is_a_message(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    os.mkfifo(paths.user_clinic_file)
    _details, messages = finishes(lambda: load_clinic(paths))  # type: ignore[misc]
    assert "not a regular file" in "\n".join(messages)


# ---- findings 11 and 12: shared files ---------------------------------------------------------


def test_a_shared_file_that_is_a_fifo_or_dev_zero_is_refused(paths: Paths, tmp_path: Path) -> None:
    fifo = tmp_path / "x.stretchapp"
    os.mkfifo(fifo)
    library = bundled(paths)
    preview = finishes(lambda: read_shared(fifo, library, paths))
    assert not isinstance(preview, BaseException), preview
    assert "not a regular file" in " ".join(preview.problems)
    link = tmp_path / "z.stretchapp"
    link.symlink_to("/dev/zero")
    preview = read_shared(link, library, paths)
    assert "not a regular file" in " ".join(preview.problems)


def _eocd(entries: int, cd_size: int, cd_offset: int) -> bytes:
    import struct

    return struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, entries, entries, cd_size, cd_offset, 0)


def test_an_archive_declaring_a_million_entries_is_refused_before_listing(
    paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A central directory of 1.1 million minimal entries, made cheaply.
    import struct

    entry = (
        struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0)
        + b"a"
    )
    count = 1_100_000
    path = tmp_path / "many.stretchapp"
    with path.open("wb") as out:
        out.write(entry * count)
        out.write(_eocd(0xFFFF, len(entry) * count, 0))
    library = bundled(paths)

    def no_listing(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the archive was listed before its size was checked")

    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents", no_listing)
    preview = read_shared(path, library, paths)
    assert preview.problems
    assert "files" in preview.problems[0] or "directory" in preview.problems[0]


def test_a_member_needing_an_unknown_zip_version_is_a_message(paths: Paths, tmp_path: Path) -> None:
    path = tmp_path / "new.stretchapp"
    with zipfile.ZipFile(path, "w") as archive:
        info = zipfile.ZipInfo("routine.yaml")
        archive.writestr(info, "version: 1\n")
    data = bytearray(path.read_bytes())
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 6] = 99  # version needed to extract: 9.9
    path.write_bytes(bytes(data))
    preview = read_shared(path, bundled(paths), paths)
    assert preview.problems
    assert "version" in preview.problems[0]


def test_a_huge_number_in_a_shared_file_leaves_no_temporary_folder(
    paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    path = tmp_path / "huge.stretchapp"
    text = (
        "version: 1\nroutines:\n  - id: r\n    name: R\n    stretches:\n"
        f"      - stretch: cat-cow\n        hold: {'0x' + 'f' * 4000}\n"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("routine.yaml", text)
    with read_shared(path, bundled(paths), paths) as preview:
        assert any("out of range" in p for p in preview.problems), preview.problems
    assert list((tmp_path / "tmp").iterdir()) == []


# ---- finding 7: a shared file exported onto a link ---------------------------------------------


def test_sharing_onto_a_link_writes_through_it(paths: Paths, tmp_path: Path) -> None:
    from stretchapp.core.sharing import export_routine

    routine = bundled(paths).routine("desk-break")
    assert routine is not None
    real = tmp_path / "kept" / "desk.stretchapp"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "desk.stretchapp"
    link.symlink_to(real)
    export_routine(routine, link)
    assert link.is_symlink()
    assert zipfile.is_zipfile(real)
    assert [p.name for p in real.parent.iterdir()] == ["desk.stretchapp"]


def test_the_editor_does_not_wait_on_a_picture_that_is_a_fifo(paths: Paths, tmp_path: Path) -> None:
    from stretchapp.core.editing import RoutineDraft, StretchDraft
    from stretchapp.core.routines import Sides

    fifo = tmp_path / "door.png"
    os.mkfifo(fifo)
    draft = RoutineDraft.new(bundled(paths), paths)
    draft.name = "Evening"
    stretch = StretchDraft(
        name="Door",
        images=[fifo],
        steps=["One.", "Two.", "Three."],
        hold=20,
        sides=Sides.NONE,
        position="standing",
    )
    draft.add(draft.add_own(stretch))
    result = finishes(draft.save)
    assert not isinstance(result, BaseException), result
    assert not result.ok  # type: ignore[attr-defined]
    assert "not a regular file" in " ".join(result.problems)  # type: ignore[attr-defined]


def test_every_bundled_picture_passes_the_svg_check(paths: Paths) -> None:
    from stretchapp.core.pictures import svg_file_problem

    found = sorted(paths.assets_dir.rglob("*.svg"))
    assert found
    assert {p.name: svg_file_problem(p) for p in found if svg_file_problem(p)} == {}
