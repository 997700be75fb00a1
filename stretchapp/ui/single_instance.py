"""One running StretchApp per user and config folder.

The first copy listens on a local socket; a second `stretchapp` (or `stretchapp start ID`)
connects, sends one JSON line — {"action": "show"} or {"action": "start", "routine": "…"} —
waits for {"ok": true} and exits; the running copy comes to the front (and starts the
routine). So the history is only ever written by one process. A socket left behind by a crash
answers nobody: it is removed and taken over.

Another user on the same computer must not be able to stand in for the running copy, nor talk
to it:

- The socket lives in `$XDG_RUNTIME_DIR` (a folder only this user can enter) or, where that is
  not set, in a private folder `stretchapp-UID` in the temporary folder, created with mode 0700
  and refused if it belongs to someone else or others can enter it (then a private folder in
  the config folder is used).
- Each side checks the other's user id before trusting it: on Linux with `SO_PEERCRED` on the
  socket's descriptor. Where the system has no such call (macOS, BSD), the private folder is
  what keeps others out; on Windows the named pipe is per session.
- The running copy reads at most MAX_REQUEST bytes per connection, accepts only a flat JSON
  object (nesting is refused before parsing), and closes a connection that says nothing for
  IDLE_MS.
"""

from __future__ import annotations

import json
import os
import socket
import struct
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

# The socket's name is worked out without Qt, so the start can probe it before loading QtNetwork.
from stretchapp.ui.instance_probe import server_name

CONNECT_MS = 1500
IDLE_MS = 3000
MAX_REQUEST = 4096


def peer_uid(sock: QLocalSocket) -> int | None:
    """The user id of the process at the other end, where the system tells (Linux)."""
    so_peercred = getattr(socket, "SO_PEERCRED", None)
    fd = int(sock.socketDescriptor())
    if so_peercred is None or fd < 0:
        return None
    try:
        with socket.socket(fileno=os.dup(fd)) as dup:
            data = dup.getsockopt(socket.SOL_SOCKET, so_peercred, struct.calcsize("3i"))
    except OSError:
        return None
    _pid, uid, _gid = struct.unpack("3i", data)
    return int(uid)


def trusted(sock: QLocalSocket) -> bool:
    """False when the other end is known to be another user."""
    if not hasattr(os, "getuid"):
        return True
    uid = peer_uid(sock)
    return uid is None or uid == os.getuid()


def flat_json(data: bytes) -> Any:
    """Parse one small JSON value that has no nesting beyond one object; None otherwise."""
    if len(data) > MAX_REQUEST:
        return None
    depth = 0
    in_string = escaped = False
    for ch in data.decode("utf-8", errors="replace"):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > 1:
                return None
        elif ch in "]}":
            depth -= 1
    try:
        return json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return None


def valid_request(request: Any) -> dict[str, str] | None:
    if not isinstance(request, dict):
        return None
    if request.get("action") == "show":
        return {"action": "show"}
    routine = request.get("routine")
    if request.get("action") == "start" and isinstance(routine, str) and 0 < len(routine) <= 64:
        return {"action": "start", "routine": routine}
    return None


def send_request(name: str, request: dict[str, str], timeout_ms: int = CONNECT_MS) -> bool:
    """Hand `request` to a running copy. True when it answered that it took it; False when
    nobody answers, or the one answering is another user."""
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(timeout_ms):
        return False
    if not trusted(sock):
        sock.abort()
        return False
    sock.write(json.dumps(request).encode("utf-8") + b"\n")
    if not sock.waitForBytesWritten(timeout_ms):
        return False
    reply = b""
    while b"\n" not in reply and len(reply) < MAX_REQUEST and sock.waitForReadyRead(timeout_ms):
        reply += bytes(sock.read(MAX_REQUEST - len(reply)).data())
    sock.disconnectFromServer()
    answer = flat_json(reply.split(b"\n", 1)[0])
    return isinstance(answer, dict) and answer.get("ok") is True


class SingleInstance(QObject):
    """`claim()` makes this process the running copy, or returns False when another is."""

    request_received = Signal(object)  # a valid request dict

    def __init__(self, config_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(config_dir)
        self.server: QLocalServer | None = None
        self.took_over_stale = False
        self.refused = 0  # connections from another user, turned away

    def hand_off(self, request: dict[str, str]) -> bool:
        return send_request(self.name, request)

    def claim(self) -> bool:
        """Listen as the running copy. False when another copy of ours is alive and listening."""
        # Asked first: listening with access options replaces a live socket without a word.
        if self._someone_listens():
            return False
        # Left behind by a copy that crashed (or planted by someone else): take it over.
        self.took_over_stale = sys.platform != "win32" and os.path.lexists(self.name)
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            if server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
                return True  # cannot listen at all: run anyway rather than not at all
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return True
        server.newConnection.connect(self._accept)
        self.server = server
        return True

    def _someone_listens(self) -> bool:
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        alive = probe.waitForConnected(CONNECT_MS)
        if alive:
            ours = trusted(probe)
            probe.abort()
            return ours
        return False

    def _accept(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            if not trusted(sock):
                self.refused += 1
                sock.abort()
                sock.deleteLater()
                continue
            buffer = bytearray()
            timer = QTimer(sock)
            timer.setSingleShot(True)
            # A connection that says nothing is closed. A Python callable, not the bound slot:
            # PySide6 cannot add QLocalSocket.abort as a dynamic slot and warns.
            timer.timeout.connect(lambda sock=sock: sock.abort())
            timer.start(IDLE_MS)

            def read(
                sock: QLocalSocket = sock, buffer: bytearray = buffer, timer: QTimer = timer
            ) -> None:
                buffer += bytes(sock.read(MAX_REQUEST + 1 - len(buffer)).data())
                if b"\n" not in buffer and len(buffer) <= MAX_REQUEST:
                    return
                timer.stop()
                sock.readyRead.disconnect()
                line = bytes(buffer).split(b"\n", 1)[0]
                request = valid_request(flat_json(line))
                sock.write(json.dumps({"ok": request is not None}).encode("utf-8") + b"\n")
                sock.flush()
                sock.disconnectFromServer()
                if request is not None:
                    self.request_received.emit(request)

            sock.readyRead.connect(read)
            sock.disconnected.connect(sock.deleteLater)

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
