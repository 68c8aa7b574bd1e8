"""One running recviewer per user: a second launch hands its paths over.

``recviewer PATH`` first tries to reach a running instance over a local socket
whose name is private to the user (``server_name``). If one answers, it gets
the paths (absolute: the two processes need not share a working folder) and
the new process exits; the running instance opens them (``window_router``).
Otherwise this process becomes the running instance (``InstanceServer``).

A message is one line of JSON, ``{"paths": [...]}``, answered by ``ok``. Only
paths travel, and opening a path only reads it: a message can do no more than
the user can from File ▸ Open.
"""

from __future__ import annotations

import getpass
import os
import re

import orjson
from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

MAX_MESSAGE = 1 << 20  # bytes: far more than any command line
TIMEOUT_MS = 1500


def server_name() -> str:
    """The socket name of this user's running instance (``RECVIEWER_INSTANCE``
    in the environment names another: separate groups of windows, tests)."""
    if os.environ.get("RECVIEWER_INSTANCE"):
        return re.sub(r"[^A-Za-z0-9_.-]", "_", os.environ["RECVIEWER_INSTANCE"])
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):  # private to the user (mode 0700)
        return os.path.join(runtime, "io.github.recviewer")
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no login name (containers): the uid will do
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    return "io.github.recviewer-" + re.sub(r"[^A-Za-z0-9_.-]", "_", user)


def parse_message(line: bytes) -> list[str] | None:
    """The paths of a message, or None when it is not one."""
    try:
        doc = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    paths = doc.get("paths") if isinstance(doc, dict) else None
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        return None
    return paths


def forward(paths: list[str], name: str, timeout_ms: int = TIMEOUT_MS) -> bool:
    """Hand ``paths`` to the instance listening on ``name``; False when none
    answers (then this process should show them itself)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(orjson.dumps({"paths": paths}) + b"\n")
    socket.flush()
    answer = b""
    while b"\n" not in answer and (socket.bytesAvailable() or socket.waitForReadyRead(timeout_ms)):
        answer += bytes(socket.readAll().data())
    ok = answer.startswith(b"ok")
    socket.disconnectFromServer()
    return ok


class InstanceServer(QObject):
    """Listens on ``name``; ``pathsReceived`` for each message from a later launch."""

    pathsReceived = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        # Checked first: with access options Qt's listen() replaces a live
        # server's socket file instead of failing.
        if not is_answering(name):
            QLocalServer.removeServer(name)  # a socket file left by a crash, if any
            self._server.listen(name)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()

    def _on_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            received = bytearray()
            socket.readyRead.connect(lambda s=socket, r=received: self._on_data(s, r))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():  # arrived before the connection was taken
                self._on_data(socket, received)

    def _on_data(self, socket: QLocalSocket, received: bytearray) -> None:
        received += bytes(socket.readAll().data())
        if len(received) > MAX_MESSAGE:
            socket.abort()
            return
        if b"\n" not in received:
            return  # the rest is on its way
        paths = parse_message(bytes(received).split(b"\n", 1)[0])
        socket.write(b"ok\n" if paths is not None else b"not understood\n")
        socket.flush()
        socket.disconnectFromServer()
        if paths is not None:
            self.pathsReceived.emit(paths)


def is_answering(name: str) -> bool:
    """True when something answers on ``name``: another running instance."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    alive = socket.waitForConnected(200)
    socket.abort()
    return alive
