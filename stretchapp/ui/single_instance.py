"""One running StretchApp per user and config folder.

The first copy listens on a local socket named after the user and a hash of the config folder.
A second `stretchapp` (or `stretchapp start ID`) connects, sends one JSON line —
{"action": "show"} or {"action": "start", "routine": "…"} — waits for {"ok": true} and exits;
the running copy comes to the front (and starts the routine). So the history is only ever
written by one process. A socket left behind by a crash answers nobody: it is removed and
taken over.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

CONNECT_MS = 1500
MAX_REQUEST = 4096


def server_name(config_dir: Path) -> str:
    user = str(os.getuid()) if hasattr(os, "getuid") else getpass.getuser()
    digest = hashlib.sha256(str(config_dir.resolve()).encode("utf-8")).hexdigest()[:12]
    return f"stretchapp-{user}-{digest}"


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
    """Hand `request` to a running copy. True when it answered that it took it."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(json.dumps(request).encode("utf-8") + b"\n")
    if not socket.waitForBytesWritten(timeout_ms):
        return False
    reply = b""
    while b"\n" not in reply and socket.waitForReadyRead(timeout_ms):
        reply += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    try:
        return bool(json.loads(reply.decode("utf-8")).get("ok"))
    except (ValueError, AttributeError):
        return False


class SingleInstance(QObject):
    """`claim()` makes this process the running copy, or returns False when another is."""

    request_received = Signal(object)  # a valid request dict

    def __init__(self, config_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(config_dir)
        self.server: QLocalServer | None = None
        self.took_over_stale = False

    def hand_off(self, request: dict[str, str]) -> bool:
        return send_request(self.name, request)

    def claim(self) -> bool:
        """Listen as the running copy. False when another copy is alive and listening."""
        # Asked first: listening with access options replaces a live socket without a word.
        if self._someone_listens():
            return False
        # Left behind by a copy that crashed: nobody answers on it. Take it over.
        self.took_over_stale = (
            sys.platform != "win32" and (Path(QDir.tempPath()) / self.name).exists()
        )
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
            probe.disconnectFromServer()
        return alive

    def _accept(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            buffer = bytearray()

            def read(socket: QLocalSocket = socket, buffer: bytearray = buffer) -> None:
                buffer += bytes(socket.readAll().data())
                if b"\n" not in buffer and len(buffer) < MAX_REQUEST:
                    return
                line = bytes(buffer).split(b"\n", 1)[0]
                try:
                    request = valid_request(json.loads(line.decode("utf-8")))
                except ValueError:
                    request = None
                socket.write(json.dumps({"ok": request is not None}).encode("utf-8") + b"\n")
                socket.flush()
                socket.disconnectFromServer()
                if request is not None:
                    self.request_received.emit(request)

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
