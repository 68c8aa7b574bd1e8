"""Pool workers end when the process that started them dies without closing the pool."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from recviewer.core.catalog.pool import _alive

ROOT = Path(__file__).resolve().parents[2]
# Starts two workers, proves they run, prints their pids, then waits to be killed.
_CHILD = """
import os, sys, time
from recviewer.core.catalog import pool
executor = pool._executor(2)
assert list(executor.map(pool._read_groups, [[], []])) == [[], []]
for _ in range(200):
    if len(executor._processes) == 2:
        break
    time.sleep(0.05)
print(" ".join(str(p) for p in executor._processes), flush=True)
time.sleep(600)
"""


def _gone(pids: list[int], deadline_s: float) -> list[int]:
    """The pids still alive once all are gone or ``deadline_s`` passed."""
    end = time.monotonic() + deadline_s
    alive = [p for p in pids if _alive(p)]
    while alive and time.monotonic() < end:
        time.sleep(0.1)
        alive = [p for p in alive if _alive(p)]
    return alive


def test_workers_exit_when_their_parent_is_killed():
    env = dict(os.environ, PYTHONPATH=os.fspath(ROOT))
    parent = subprocess.Popen([sys.executable, "-c", _CHILD], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = parent.stdout.readline()
        pids = [int(p) for p in line.split()]
        assert len(pids) == 2 and all(_alive(p) for p in pids)
    finally:
        parent.send_signal(signal.SIGKILL)  # no chance to shut the pool down
        parent.wait()
    assert _gone(pids, 30) == []


def test_alive_tells_a_live_process_from_a_reaped_or_zombie_one():
    assert _alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    for _ in range(200):  # exited, not reaped yet: a zombie
        with open(f"/proc/{child.pid}/stat", "rb") as fh:
            if fh.read().rpartition(b")")[2].split()[0] == b"Z":
                break
        time.sleep(0.05)
    assert not _alive(child.pid)
    child.wait()
    assert not _alive(child.pid)
