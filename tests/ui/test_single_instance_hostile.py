"""The one-running-copy socket: private, checked, bounded (issue 12, finding 9)."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket
from pytestqt.qtbot import QtBot

from stretchapp.core.paths import Paths
from stretchapp.ui import single_instance
from stretchapp.ui.single_instance import SingleInstance, send_request, server_name

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets")


def test_the_socket_is_in_the_runtime_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert Path(server_name(tmp_path / "config")).parent == runtime


def test_without_a_runtime_folder_the_socket_is_in_a_private_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    folder = Path(server_name(tmp_path / "config")).parent
    info = folder.lstat()
    assert folder.parent == tmp_path
    assert stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
    assert stat.S_IMODE(info.st_mode) == 0o700


def test_a_folder_others_can_enter_is_not_used_as_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "open"
    runtime.mkdir()
    runtime.chmod(0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    folder = Path(server_name(tmp_path / "config")).parent
    assert stat.S_IMODE(folder.lstat().st_mode) == 0o700


def test_another_user_at_the_other_end_is_not_trusted(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = SingleInstance(paths.config_dir)
    assert first.claim()
    received: list[object] = []
    first.request_received.connect(received.append)
    try:
        monkeypatch.setattr(single_instance, "peer_uid", lambda _sock: os.getuid() + 1)
        # The client will not hand its request to someone else ...
        assert not send_request(first.name, {"action": "show"}, 500)
        # ... and the running copy turns other users away.
        sock = QLocalSocket()
        sock.connectToServer(first.name)
        assert sock.waitForConnected(1000)
        sock.write(b'{"action": "show"}\n')
        sock.flush()
        qtbot.waitUntil(lambda: first.refused >= 1, timeout=3000)
        assert received == []
    finally:
        first.close()


def test_the_peer_is_this_user(qtbot: QtBot, paths: Paths) -> None:
    if not hasattr(single_instance.socket, "SO_PEERCRED"):
        pytest.skip("no SO_PEERCRED here")
    first = SingleInstance(paths.config_dir)
    assert first.claim()
    try:
        sock = QLocalSocket()
        sock.connectToServer(first.name)
        assert sock.waitForConnected(1000)
        assert single_instance.peer_uid(sock) == os.getuid()
    finally:
        first.close()


@pytest.mark.parametrize(
    "payload",
    [b"[" * 8000 + b"]" * 8000 + b"\n", b'{"a":' * 3000 + b"\n", b"x" * 100_000],
    ids=["nested-list", "nested-object", "no-newline"],
)
def test_hostile_requests_are_answered_no_and_never_raise(
    qtbot: QtBot, paths: Paths, payload: bytes
) -> None:
    first = SingleInstance(paths.config_dir)
    assert first.claim()
    received: list[object] = []
    first.request_received.connect(received.append)
    try:
        sock = QLocalSocket()
        sock.connectToServer(first.name)
        assert sock.waitForConnected(1000)
        sock.write(payload)
        sock.flush()
        reply = bytearray()

        def answered() -> bool:
            reply.extend(bytes(sock.readAll().data()))
            return b"\n" in reply or sock.state() == QLocalSocket.LocalSocketState.UnconnectedState

        qtbot.waitUntil(answered, timeout=5000)
        assert received == []
        assert b'"ok": true' not in bytes(reply)
    finally:
        first.close()


def test_an_idle_connection_is_closed(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(single_instance, "IDLE_MS", 200)
    first = SingleInstance(paths.config_dir)
    assert first.claim()
    try:
        sock = QLocalSocket()
        sock.connectToServer(first.name)
        assert sock.waitForConnected(1000)
        with qtbot.waitSignal(sock.disconnected, timeout=5000):
            pass
    finally:
        first.close()
