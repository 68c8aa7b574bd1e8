"""Seeded fuzzing of the render path: damaged and hostile copies of real recordings
through ConversationView (show_recording / show_stream_state / show_error, both
markdown modes, painted), RawView.show_bytes and the tree (add, re-read, remove
in a LiveTreeModel under QAbstractItemModelTester, painted by a QTreeView).

Nothing may raise, in our code or inside a Qt virtual (each example runs under
``qtbot.captureExceptions()``), and the conversation browser may never be asked
for a resource other than the thumbnails it registered itself (``rvimg:``).

~100 examples by default (CI); ``RECVIEWER_FUZZ_EXAMPLES=2000`` runs more;
``RECVIEWER_FUZZ_SEED=n`` explores another seed; ``RECVIEWER_FUZZ_SAVE=DIR``
keeps inputs that broke something.
"""

from __future__ import annotations

import copy
import hashlib
import os
import traceback
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings, strategies as st
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTreeView

from recviewer.core.catalog.scan import read_ref
from recviewer.core.catalog.walk import FoundFile
from recviewer.core.errors import RecordingError
from recviewer.core.formats.registry import read_recording
from recviewer.core.replay import ReplayCursor
from recviewer.ui.conversation.view import ConversationView
from recviewer.ui.raw.view import RawView
from recviewer.ui.tree.live_model import LiveTreeModel
from tests.support.fuzz import (
    HOSTILE_VALUES, SOURCES, Raw, as_utf16, delete_at, dump, flip_byte, fuzz_examples,
    insert_at, load_source, paths_of, replace_at, save_failure, with_bom,
)

_SEED = os.environ.get("RECVIEWER_FUZZ_SEED")
FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal

HOSTILE_TEXT: tuple[object, ...] = (
    '<script>alert(1)</script><img src="http://evil.example/x.png" onerror="alert(2)">',
    "<qt><font color=red size=7>BIG</font><table><tr><td>cell</td></tr></table></qt>",
    '<img src="file:///etc/passwd"><link rel=stylesheet href="http://evil.example/s.css">',
    "![tracker](http://evil.example/pixel.png?u=1) [x](file:///etc/passwd) <http://evil.example>",
    '![b64](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=) ![q](qrc:/x.png) ![r](rvimg:1)',
    "```\nunclosed fence\n~~~~\n<details><summary>x",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b]52;c;cHduZWQ=\x07 \x1b[2J\x1b[H",
    "user\u202egnp.exe\u202c and \u2066isolate\u2069 \u200f\u061c",
    "a\x00b\x01c\x7fd\x9be\ufeff\u200b",
    Raw('"lone \\ud83d surrogate \\udfff and pair \\ud83d\\ude00"'),
    "<think>" + "thinking " * 2000,
    "| a | b |\n|---|---|\n" + "| <b>x</b> | ![i](http://evil.example/t.png) |\n" * 300,
    "# " * 500 + "deep heading",
    "> " * 300 + "quoted",
    "x" * 400_000,  # one huge line
    "line\n" * 60_000,
    Raw("[" * 150 + "]" * 150),
)

KINDS = ("truncate", "flip", "nul", "bom", "utf16", "replace", "delete", "text", "text",
         "top")


def _settings(default: int):
    return settings(max_examples=fuzz_examples(default), deadline=None, database=None,
                    derandomize=_SEED is None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


def _seeded(fn):
    return seed(int(_SEED))(fn) if _SEED and _SEED.isdigit() else fn


_DOCS: dict[Path, object] = {}


def _doc(src: Path):
    if src not in _DOCS:
        _DOCS[src] = load_source(src)
    return copy.deepcopy(_DOCS[src])


def mutate(src: Path, kind: str, where: int, pick: int) -> tuple[bytes, str]:
    """A damaged copy of ``src`` and a description of the damage."""
    data = src.read_bytes()
    at = where % (len(data) + 1)
    if kind == "truncate":
        return data[:at], f"truncated at {at}"
    if kind == "flip":
        return flip_byte(data, at, pick % 256), f"byte {at} = {pick % 256}"
    if kind == "nul":
        return insert_at(data, at, b"\x00"), f"NUL at {at}"
    if kind == "bom":
        return with_bom(data), "UTF-8 BOM"
    if kind == "utf16":
        return as_utf16(data, bom=pick % 2 == 0, big_endian=pick % 3 == 0), "UTF-16"
    doc = _doc(src)
    if kind == "top":
        value = HOSTILE_VALUES[pick % len(HOSTILE_VALUES)]
        return dump(value).encode(), f"document replaced by {value!r:.80}"
    paths = paths_of(doc)
    if kind == "text":
        strings = [p for p in paths if isinstance(_get(doc, p), str)] or paths
        path = strings[where % len(strings)]
        value = HOSTILE_TEXT[pick % len(HOSTILE_TEXT)]
        replace_at(doc, path, value)
        return dump(doc).encode(), f"{path} = {value!r:.80}"
    path = paths[where % len(paths)]
    if kind == "delete":
        delete_at(doc, path)
        return dump(doc).encode(), f"deleted {path}"
    value = HOSTILE_VALUES[pick % len(HOSTILE_VALUES)]
    replace_at(doc, path, copy.deepcopy(value))
    return dump(doc).encode(), f"{path} = {value!r:.80}"


def _get(doc, path):
    for key in path:
        doc = doc[key]
    return doc


class RenderPath:
    """The widgets a recording goes through, made once per test."""

    def __init__(self, qtbot) -> None:
        self.conversation = ConversationView()
        self.raw = RawView()
        self.model = LiveTreeModel()
        self.tester = QAbstractItemModelTester(self.model, FATAL)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        for widget in (self.conversation, self.raw, self.tree):
            qtbot.addWidget(widget)
            widget.resize(700, 500)
            widget.show()

    def render(self, path: Path, data: bytes) -> None:
        rec = read_recording(path)
        view = self.conversation
        if isinstance(rec, RecordingError):
            assert rec.reason.strip()
            view.show_error(rec, data)
        else:
            view.show_recording(rec)
            view.grab()
            view.set_markdown(not view.markdown())
            if rec.exchange.chunks:
                cursor = ReplayCursor(rec.exchange)
                view.show_stream_state(rec, cursor.seek(len(cursor) // 2))
                view.show_stream_state(rec, None)
        view.grab()  # paint: images would be requested now
        assert view.document_text().strip()
        self.raw.show_bytes(data, str(path))
        self.raw.grab()
        ref = read_ref(FoundFile(str(path), path.name, None))
        self.model.add_refs([ref])
        self.tree.expandAll()
        self.tree.grab()  # every cell's data() for display, tooltip, icon
        for column in range(self.model.columnCount()):
            self.model.index_for_path(str(path)).siblingAtColumn(column).data()
        self.model.update_ref(ref)
        assert self.model.remove_paths([str(path)]) == 1


@pytest.fixture
def render_path(qtbot):
    return RenderPath(qtbot)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ui-fuzz")


def check(qtbot, render_path, load_spy, workdir, data: bytes, what: str) -> None:
    path = workdir / "case.json"
    path.write_bytes(data)
    del load_spy[:]
    problems: list[str] = []
    with qtbot.captureExceptions() as caught:
        try:
            render_path.render(path, data)
        except Exception as exc:  # noqa: BLE001 - every escape is a finding
            problems.append("".join(traceback.format_exception(exc, limit=-4)))
    problems += ["in a Qt virtual: " + "".join(traceback.format_exception(*info, limit=-4))
                 for info in caught]
    problems += [f"resource requested: {url}" for url in load_spy if not url.startswith("rvimg:")]
    if problems:
        save_failure(data, hashlib.sha256(data).hexdigest()[:16] + ".json")
        pytest.fail(f"{what}:\n" + "\n".join(problems))


@_seeded
@_settings(100)
@given(source=st.integers(0, len(SOURCES) - 1), kind=st.sampled_from(KINDS),
       where=st.integers(0, 10 ** 7), pick=st.integers(0, 10 ** 4))
def test_damaged_and_hostile_recordings_render(qtbot, render_path, load_spy, workdir,
                                               source, kind, where, pick):
    src = SOURCES[source]
    data, what = mutate(src, kind, where, pick)
    check(qtbot, render_path, load_spy, workdir, data, f"{src.name}: {kind}: {what}")


@pytest.mark.parametrize("text", range(len(HOSTILE_TEXT)))
def test_every_hostile_text_in_every_message_and_label(qtbot, render_path, load_spy, workdir, text):
    """Not random: one hostile text in every string of two sources at once, so it
    reaches the test id (tree labels), model, tool calls and results, and errors."""
    value = HOSTILE_TEXT[text]
    most = 40 if len(getattr(value, "text", value)) > 10_000 else None  # CI-sized files
    for src in SOURCES[:2] + (SOURCES[7],):
        doc = _doc(src)
        strings = [p for p in paths_of(doc) if isinstance(_get(doc, p), str)
                   and p[-1] not in ("role", "type", "__type__")]
        for path in strings[:most]:
            replace_at(doc, path, value)
        check(qtbot, render_path, load_spy, workdir, dump(doc).encode(),
              f"{src.name}: every string = {value!r:.60}")


def test_an_exception_in_a_qt_virtual_fails_the_check(qtbot, render_path, load_spy, workdir,
                                                      monkeypatch):
    """The harness itself: an exception raised inside a paintEvent (called from
    C++ while the raw view is painted) is caught and reported, not lost."""
    from recviewer.ui.raw.view import CodeView

    def broken(self, gutter, event):
        raise ValueError("boom in paintEvent")

    monkeypatch.setattr(CodeView, "paint_gutter", broken)
    with pytest.raises(pytest.fail.Exception, match="boom in paintEvent"):
        check(qtbot, render_path, load_spy, workdir, SOURCES[0].read_bytes(), "broken paint")
    render_path.raw.hide()  # no more paints: the test itself must not fail afterwards
    monkeypatch.undo()
