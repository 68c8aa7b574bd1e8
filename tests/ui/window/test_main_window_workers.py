"""Workers: results on the GUI thread, superseded results dropped, cancel, progress."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from recviewer.ui.workers import Workers


def test_result_and_progress_arrive_on_the_gui_thread_in_order(qtbot):
    workers = Workers()
    seen = []
    threads = set()
    gui = QThread.currentThread()

    def job(control, n):
        for i in range(n):
            control.progress(i)
        return ("done", threading.get_ident() != threading.main_thread().ident)

    def on_progress(value):
        threads.add(QThread.currentThread() is gui)
        seen.append(value)

    with qtbot.waitCallback() as done:
        workers.submit("lane", job, 5, on_done=done, on_progress=on_progress)
    assert done.args == [("done", True)]  # ran off the GUI thread
    assert seen == [0, 1, 2, 3, 4] and threads == {True}
    assert not workers.busy("lane")


def test_a_superseded_result_is_dropped(qtbot):
    workers = Workers()
    release = threading.Event()
    results = []

    def slow(control):
        release.wait(5)
        return "old"

    first = workers.submit("load", slow, on_done=results.append)
    with qtbot.waitCallback() as done:
        second = workers.submit("load", lambda control: "new", on_done=done)
    release.set()
    assert workers.wait(5000)
    qtbot.wait(50)  # let any queued delivery of the old job run
    assert second == first + 1
    assert done.args == ["new"] and results == []


def test_cancel_stops_the_job_and_lanes_are_independent(qtbot):
    workers = Workers()
    started = threading.Event()
    flags = []

    def loop(control):
        started.set()
        while not control.cancelled():
            threading.Event().wait(0.005)
        flags.append("stopped")
        return "cancelled"

    workers.submit("scan", loop, on_done=flags.append)
    assert started.wait(5)
    with qtbot.waitCallback() as other:
        workers.submit("load", lambda control: 42, on_done=other)
    assert other.args == [42] and workers.busy("scan")  # another lane does not disturb it
    workers.cancel("scan")  # cancel (not supersede): the result still arrives
    qtbot.waitUntil(lambda: "cancelled" in flags, timeout=5000)
    assert flags == ["stopped", "cancelled"]


def test_an_exception_becomes_an_error_message(qtbot):
    workers = Workers()

    def boom(control):
        raise ValueError("bad input")

    with qtbot.waitCallback() as failed:
        workers.submit("x", boom, on_done=lambda r: None, on_error=failed)
    assert failed.args == ["ValueError: bad input"]


def test_submitting_again_cancels_the_superseded_job(qtbot):
    workers = Workers()
    started, stopped = threading.Event(), threading.Event()

    def loop(control):
        started.set()
        while not control.cancelled():
            threading.Event().wait(0.005)
        stopped.set()
        return "old"

    got = []
    workers.submit("scan", loop, on_done=got.append)
    assert started.wait(5)
    with qtbot.waitCallback() as done:
        workers.submit("scan", lambda control: "new", on_done=done)
    assert stopped.wait(5) and done.args == ["new"]
    assert workers.wait(5000)
    qtbot.wait(50)
    assert got == []


def test_drop_ignores_what_the_job_still_delivers(qtbot):
    workers = Workers()
    release = threading.Event()
    got = []
    workers.submit("x", lambda control: release.wait(5) and "late", on_done=got.append)
    workers.drop("x")
    assert not workers.busy("x")
    release.set()
    assert workers.shutdown(5000)
    qtbot.wait(50)
    assert got == []
