"""Atomic saves: the old file or the whole new one, synced to disk with its folder."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from stretchapp.core import files, settings
from stretchapp.core.files import atomic_path, atomic_write


def test_atomic_write_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "settings.yaml"
    atomic_write(target, "a: 1\n")
    target.chmod(0o640)
    atomic_write(target, "a: 2\r\nb: ü\n")
    assert target.read_bytes() == "a: 2\r\nb: ü\n".encode()
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in target.parent.iterdir()] == ["settings.yaml"]  # nothing left over


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "routine.stretchapp"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as temp:
        temp.write_text("half")
        raise RuntimeError("the writer stopped")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["routine.stretchapp"]


def test_any_writer_can_fill_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.zip"
    with atomic_path(target) as temp, zipfile.ZipFile(temp, "w") as archive:
        archive.writestr("routine.yaml", "version: 1\n")
    with zipfile.ZipFile(target) as archive:
        assert archive.read("routine.yaml") == b"version: 1\n"


def test_the_file_is_synced_before_the_rename_and_the_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "window.json"
    steps: list[str] = []
    real_replace = Path.replace

    def replace(self: Path, to: Path) -> Path:
        steps.append("rename")
        return real_replace(self, to)

    monkeypatch.setattr(files, "sync_file", lambda p: steps.append(f"sync file {p.parent}"))
    monkeypatch.setattr(files, "sync_folder", lambda p: steps.append(f"sync folder {p}"))
    monkeypatch.setattr(Path, "replace", replace)
    atomic_write(target, "{}")
    assert steps == [f"sync file {tmp_path}", "rename", f"sync folder {tmp_path}"]


@pytest.mark.skipif(os.name != "posix", reason="folders are synced on POSIX only")
def test_syncing_really_syncs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    atomic_write(tmp_path / "a.txt", "x")
    assert len(synced) == 2  # the file, then its folder


def test_the_settings_save_through_the_one_writer() -> None:
    assert settings.atomic_write is files.atomic_write


def test_on_windows_the_flush_opens_the_file_for_writing() -> None:
    """Windows' FlushFileBuffers (os.fsync) refuses a read-only handle: every save failed."""
    assert files.sync_flags("nt") & (os.O_WRONLY | os.O_RDWR)
    assert files.sync_flags("posix") == os.O_RDONLY  # enough there, and the file may be r/o


class HeldOpen:
    """A target another program holds open for the first `busy` renames (Windows' refusal)."""

    def __init__(self, busy: int) -> None:
        self.busy = busy
        self.waits: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.mark.parametrize("busy", [1, 7])
def test_on_windows_a_file_held_open_a_moment_is_replaced_after_a_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, busy: int
) -> None:
    target, temp = tmp_path / "settings.yaml", tmp_path / ".settings.yaml.tmp"
    target.write_text("old")
    temp.write_text("new")
    held = HeldOpen(busy)
    real = Path.replace

    def refuse_while_held(self: Path, other: Path) -> Path:
        if held.busy:
            held.busy -= 1
            raise PermissionError(13, "The process cannot access the file")
        return real(self, other)

    monkeypatch.setattr(Path, "replace", refuse_while_held)
    files.replace(temp, target, "nt", sleep=held.sleep)
    assert target.read_text() == "new" and not temp.exists()
    assert held.waits == [0.125] * busy


def test_held_open_too_long_it_fails_and_off_windows_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, temp = tmp_path / "settings.yaml", tmp_path / ".settings.yaml.tmp"
    temp.write_text("new")
    held = HeldOpen(100)

    def refuse(self: Path, other: Path) -> Path:
        raise PermissionError(13, "held")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(PermissionError):
        files.replace(temp, target, "nt", sleep=held.sleep)
    assert len(held.waits) == 7  # eight tries, about a second
    held.waits.clear()
    with pytest.raises(PermissionError):
        files.replace(temp, target, "posix", sleep=held.sleep)
    assert held.waits == []  # a refusal there is a real one (permissions): said at once
