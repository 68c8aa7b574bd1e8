"""A second launch hands its paths to the running recviewer."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from recviewer.ui.window.single_instance import InstanceServer, forward, parse_message, server_name
from tests.corpus_paths import SEED

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def name():
    return f"recviewer-test-{uuid.uuid4().hex[:12]}"


def test_messages_are_a_list_of_paths_or_nothing():
    assert parse_message(b'{"paths": ["/a", "/b c"]}') == ["/a", "/b c"]
    assert parse_message(b'{"paths": []}') == []
    for bad in (b"", b"[1]", b'{"paths": "/a"}', b'{"paths": [1]}', b'{"x": []}', b"\xff"):
        assert parse_message(bad) is None


def test_the_instance_name_is_per_user_and_can_be_set(monkeypatch, tmp_path):
    monkeypatch.delenv("RECVIEWER_INSTANCE", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    assert server_name().startswith("io.github.recviewer-")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))  # the user's private folder
    assert server_name() == str(tmp_path / "io.github.recviewer")
    monkeypatch.setenv("RECVIEWER_INSTANCE", "group/one")
    assert server_name() == "group_one"


def _forward_from_another_process(paths: list[str], name: str) -> subprocess.Popen:
    """``forward`` as a later launch runs it: in its own process (blocking
    socket calls in a thread of this one would hold the interpreter lock
    that the server's event loop needs)."""
    code = ("import sys; from recviewer.ui.window.single_instance import forward; "
            f"sys.exit(0 if forward({paths!r}, {name!r}) else 1)")
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))


def test_paths_reach_the_running_instance(qtbot, name):
    server = InstanceServer(name)
    assert server.listening
    with qtbot.waitSignal(server.pathsReceived, timeout=30000) as got:
        client = _forward_from_another_process(["/x/rec.json", "/y"], name)
    assert got.args == [["/x/rec.json", "/y"]]
    qtbot.waitUntil(lambda: client.poll() is not None, timeout=30000)
    assert client.returncode == 0  # it was told "ok"
    server.close()


def test_nobody_listening_means_show_it_here(name):
    assert forward(["/x"], name, timeout_ms=300) is False


def test_a_second_server_does_not_steal_the_name(qtbot, name):
    first = InstanceServer(name)
    second = InstanceServer(name)
    assert first.listening and not second.listening
    with qtbot.waitSignal(first.pathsReceived, timeout=30000) as got:
        client = _forward_from_another_process([], name)
    assert got.args == [[]]
    qtbot.waitUntil(lambda: client.poll() is not None, timeout=30000)
    first.close()


def test_a_second_launch_forwards_and_exits(qtbot, name, tmp_path):
    server = InstanceServer(name)
    env = dict(os.environ, RECVIEWER_INSTANCE=name, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT))
    with qtbot.waitSignal(server.pathsReceived, timeout=30000) as got:
        proc = subprocess.Popen([sys.executable, "-m", "recviewer", os.path.relpath(SEED, tmp_path)],
                                cwd=tmp_path, env=env)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30000)
    assert proc.returncode == 0  # it did not open a window of its own
    assert got.args == [[str(SEED)]]  # made absolute: the instances need not share a folder
    server.close()


@pytest.mark.skipif(not hasattr(__import__("socket"), "AF_UNIX"), reason="Unix sockets only")
def test_a_socket_left_by_a_crash_is_taken_over(qtbot, name):
    import socket

    from PySide6.QtNetwork import QLocalServer

    probe = QLocalServer()
    assert probe.listen(name)
    path = probe.fullServerName()
    probe.close()
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(path)  # a socket file nobody listens on, as a crash leaves it
    dead.close()
    assert os.path.exists(path)
    server = InstanceServer(name)
    assert server.listening
    server.close()
