"""Diff two recording sets (two folders, two git revisions) file by file.

Every ``*.json`` path is classified:

- ``unchanged``: the same bytes on both sides (for git, the same blob id: such
  files are counted, never read);
- ``noise``: both sides exist and differ only by normalisation noise (the
  two-file diff's rules: ids, timestamps, fingerprints, scores, usage);
- ``response``: same path, the request content equal, the response changed;
- ``request``: the request content changed, either in place under the same
  name (``stale``: the file name no longer matches its request) or as a key
  change: a removed recording paired with an added one (possibly in another
  folder) by test id + endpoint + model + request similarity;
- ``added`` / ``removed``: no partner.

Request content is what the two-file diff reports under ``request.*`` (URL,
endpoint, parameters, messages) and the test id. Pairing: removed and added
recordings are grouped by (test id, endpoint, model); in each group the pairs
of greatest request similarity (then file name similarity) are taken while
both are free and similar enough. Recordings with a test id pair when their
requests are at least ``PAIR_SIMILARITY`` alike; without a test id the group
is every unrelated call of an endpoint and model (a different conversation
history is a different call, not a re-keyed one), so only equal requests pair
(``PAIR_SIMILARITY_NO_TEST_ID``). Paired by request content, the key change of
a layout move (same content, new names) is a ``request`` pair too.
"""

from __future__ import annotations

import difflib
import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

import orjson

from recviewer.core.catalog.head import HeadInfo, read_head
from recviewer.core.diff import DEFAULT_RULES, RecordingDiff, diff_json, diff_recordings, summarize
from recviewer.core.errors import RecordingError, RecordingLoadError
from recviewer.core.export.json_dict import message_dict
from recviewer.core.load import decode_json, unwrap
from recviewer.core.model import Recording
from recviewer.core.stats import provider_of
from recviewer.core.sources.base import (Data, FolderSource, GitRevisionSource, RecordingSource,
                                         SourceEntry, recording_from_bytes)

JSON_SUFFIX = ".json"  # recordings; cassettes (YAML) are not set-diffed yet
CLASSES = ("noise", "response", "request", "added", "removed")
COUNT_KEYS = (*CLASSES, "unchanged")
REAL_CLASSES = frozenset(CLASSES) - {"noise"}
PAIR_SIMILARITY = 0.5
PAIR_SIMILARITY_NO_TEST_ID = 1.0  # equal requests only
_SIMILARITY_CHARS = 6000  # of a request's text compared (head and tail)
_MAX_COMPARISONS = 40_000  # per group; beyond, only equal requests pair
_REQUEST_META = frozenset({"meta.test_id", "meta.streaming"})

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
# "[client_with_models-txt=ollama/llama3.2:3b-…]": the provider a test ran against
_PROVIDER_PARAM = re.compile(r"=([A-Za-z][A-Za-z0-9_.-]*)/")
_URL = re.compile(rb'"url": *"([^"\\]{1,2000})"')


@dataclass(slots=True, frozen=True)
class SetPair:
    """One changed path (or a removed/added pair) of a set diff."""

    old: str | None        # relative path on the old side
    new: str | None        # relative path on the new side
    cls: str               # one of CLASSES
    test_id: str | None
    endpoint: str | None = None
    model: str | None = None
    stale: bool = False    # request changed in place: the file name is stale
    summary: str = ""      # one line: what changed (the two-file diff summary)
    diff: RecordingDiff | None = field(default=None, compare=False)
    old_recording: Recording | None = field(default=None, compare=False, repr=False)
    new_recording: Recording | None = field(default=None, compare=False, repr=False)
    url: str | None = None  # the request URL when known without a whole read

    @property
    def path(self) -> str:
        """The path the pair is listed by (its old one when it has one)."""
        return self.old if self.old is not None else (self.new or "")

    @property
    def provider(self) -> str:
        """Who served the call: the request URL's host when the recording was
        read whole, else the test id's ``=provider/model`` parameter, else the
        model name (``stats.provider_of``); ``"(none)"`` when nothing tells."""
        for rec in (self.new_recording, self.old_recording):
            if rec is not None:
                return provider_of(rec.url, rec.model)
        if self.url:
            return provider_of(self.url, self.model)
        found = _PROVIDER_PARAM.search(self.test_id or "")
        return found.group(1).lower() if found else provider_of(None, self.model)

    @property
    def key_changed(self) -> bool:
        return self.old is not None and self.new is not None and self.old != self.new

    def to_json(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "class": self.cls, "test_id": self.test_id}


@dataclass(slots=True, frozen=True)
class SetDiff:
    old_label: str
    new_label: str
    pairs: tuple[SetPair, ...]
    counts: dict[str, int]
    cancelled: bool = False  # stopped by ``cancel``: pairs and counts are partial

    @property
    def different(self) -> bool:
        """A pair other than noise exists (the CLI exits 1)."""
        return any(p.cls in REAL_CLASSES for p in self.pairs)

    def to_json(self) -> dict[str, Any]:
        """``{"counts": {class: n}, "pairs": [{"old", "new", "class", "test_id"}]}``."""
        return {"counts": dict(self.counts), "pairs": [p.to_json() for p in self.pairs]}


# ---------------------------------------------------------------- reading
@dataclass(slots=True)
class _Side:
    source: RecordingSource
    entry: SourceEntry
    data: Data
    rec: Recording | RecordingError | None = None

    head_info: HeadInfo | RecordingError | None = None

    def recording(self) -> Recording | RecordingError:
        if self.rec is None:
            self.rec = recording_from_bytes(self.source.path_of(self.entry), self.data)
        return self.rec

    def head(self) -> HeadInfo | RecordingError:
        """Test id, endpoint, model: the catalog's cheap read (a file without a
        partner is never parsed whole)."""
        if self.head_info is None:
            path = self.source.path_of(self.entry)
            if isinstance(self.data, tuple):
                self.head_info = RecordingError(path, self.data[0])
            else:
                try:
                    self.head_info = read_head(path, self.data)
                except (RecursionError, MemoryError):
                    self.head_info = RecordingError(path, "JSON nested too deeply to read")
        return self.head_info


def _read(source: RecordingSource, entries: Sequence[SourceEntry]) -> dict[str, _Side]:
    return {e.rel_path: _Side(source, e, data) for e, data in source.read(entries)}


# ---------------------------------------------------------------- one path
def _request_changed(d: RecordingDiff) -> bool:
    return any(c.path.startswith("request") or c.path in _REQUEST_META for c in d.real_changes)


def _structural(a: Data, b: Data) -> tuple[str, str]:
    """Class and summary of two files at least one of which is not a recording."""
    try:
        docs = [unwrap(decode_json(x)) for x in (a, b) if isinstance(x, bytes)]
    except (RecordingLoadError, RecursionError):
        docs = []
    if len(docs) == 2:
        changes = diff_json(docs[0], docs[1])
        real = sum(1 for c in changes if not c.noise)
        if not real:
            return "noise", "equivalent (only normalisation noise)"
        return "response", f"{real} change{'s' if real != 1 else ''} (not a recording)"
    return "response", "changed (not a readable recording)"


def _meta(a: Recording | RecordingError | None, b: Recording | RecordingError | None
          ) -> tuple[str | None, str | None, str | None]:
    for rec in (b, a):
        if isinstance(rec, Recording):
            return rec.test_id, rec.endpoint, rec.model
    return None, None, None


def _in_place(path: str, old: _Side, new: _Side) -> SetPair:
    a, b = old.recording(), new.recording()
    test_id, endpoint, model = _meta(a, b)
    if isinstance(a, Recording) and isinstance(b, Recording):
        d = diff_recordings(a, b)
        if d.equivalent:
            cls = "noise"
        else:
            cls = "request" if _request_changed(d) else "response"
        return SetPair(path, path, cls, test_id, endpoint, model, cls == "request",
                       summarize(d), d, a, b)
    cls, summary = _structural(old.data, new.data)
    return SetPair(path, path, cls, test_id, endpoint, model, False, summary, None,
                   a if isinstance(a, Recording) else None,
                   b if isinstance(b, Recording) else None)


# ---------------------------------------------------------------- pairing
def request_text(rec: Recording) -> str:
    """A recording's request content as one string, noise normalised (ids
    rewritten): one line per message (role, text, tool calls), then the
    parameters. Equal strings mean equal requests."""
    ex = rec.exchange
    lines = []
    for m in ex.request_messages:
        d = message_dict(m)
        calls = " ".join(f"{c['name']}({c['arguments']})" for c in d["tool_calls"])
        lines.append(f"{d['role']}: {d['text']} {calls}".rstrip())
    try:
        lines.append(orjson.dumps(ex.params, option=orjson.OPT_SORT_KEYS).decode())
    except (orjson.JSONEncodeError, TypeError):
        lines.append(repr(ex.params))
    return DEFAULT_RULES.normalize_text("\n".join(lines))


def _clip(text: str) -> str:
    if len(text) <= _SIMILARITY_CHARS:
        return text
    half = _SIMILARITY_CHARS // 2
    return text[:half] + text[-half:]


def _similarity(a: str, b: str, floor: float) -> float:
    if a == b:
        return 1.0
    m = difflib.SequenceMatcher(None, _clip(a), _clip(b), autojunk=False)
    if m.real_quick_ratio() < floor or m.quick_ratio() < floor:
        return 0.0
    return m.ratio()


def _name_similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, posixpath.basename(a), posixpath.basename(b)).ratio()


def _group_key(side: _Side) -> tuple:
    head = side.head()
    if isinstance(head, HeadInfo):
        return ("rec", head.test_id, head.endpoint, head.model)
    data = side.data if isinstance(side.data, bytes) else b""
    return ("bytes", hashlib.sha256(data).hexdigest())  # unreadable: equal bytes only


def _text(side: _Side) -> str:
    rec = side.recording()
    return request_text(rec) if isinstance(rec, Recording) else ""


def _pair_group(olds: list[_Side], news: list[_Side], floor: float) -> list[tuple[_Side, _Side]]:
    texts_o = [_text(s) for s in olds]
    texts_n = [_text(s) for s in news]
    exhaustive = len(olds) * len(news) <= _MAX_COMPARISONS
    candidates = []
    for i, to in enumerate(texts_o):
        for j, tn in enumerate(texts_n):
            sim = _similarity(to, tn, floor) if exhaustive else float(to == tn)
            if sim >= floor:
                path_o, path_n = olds[i].entry.rel_path, news[j].entry.rel_path
                candidates.append((-sim, -_name_similarity(path_o, path_n), path_o, path_n, i, j))
    candidates.sort()
    used_o: set[int] = set()
    used_n: set[int] = set()
    out = []
    for *_, i, j in candidates:
        if i in used_o or j in used_n:
            continue
        used_o.add(i)
        used_n.add(j)
        out.append((olds[i], news[j]))
    return out


def _pairs_of(removed: dict[str, _Side], added: dict[str, _Side]) -> list[tuple[_Side, _Side]]:
    groups: dict[tuple, tuple[list[_Side], list[_Side]]] = {}
    for side in removed.values():
        groups.setdefault(_group_key(side), ([], []))[0].append(side)
    for side in added.values():
        groups.setdefault(_group_key(side), ([], []))[1].append(side)
    out = []
    for key, (olds, news) in groups.items():
        if not olds or not news:
            continue
        if key[0] == "bytes":
            out.extend(zip(olds, news))
            continue
        floor = PAIR_SIMILARITY if key[1] else PAIR_SIMILARITY_NO_TEST_ID
        out.extend(_pair_group(olds, news, floor))
    return out


def _key_change(old: _Side, new: _Side) -> SetPair:
    a, b = old.recording(), new.recording()
    test_id, endpoint, model = _meta(a, b)
    if isinstance(a, Recording) and isinstance(b, Recording):
        d = diff_recordings(a, b)
        summary = summarize(d)
        summary = "same content under a new name" if d.equivalent else summary
        return SetPair(old.entry.rel_path, new.entry.rel_path, "request", test_id, endpoint,
                       model, False, f"key changed; {summary}", d, a, b)
    return SetPair(old.entry.rel_path, new.entry.rel_path, "request", None, None, None, False,
                   "key changed; same bytes under a new name")


def _alone(side: _Side, cls: str) -> SetPair:
    head = side.head()
    path = side.entry.rel_path
    old, new = (path, None) if cls == "removed" else (None, path)
    if isinstance(head, RecordingError):
        return SetPair(old, new, cls, None, summary=head.reason)
    url = None
    if isinstance(side.data, bytes):
        found = _URL.search(side.data, 0, 8192)  # the request comes first in a recording
        url = found.group(1).decode("utf-8", "replace") if found else None
    return SetPair(old, new, cls, head.test_id, head.endpoint, head.model, url=url)


# ---------------------------------------------------------------- the set diff
def _same_without_reading(a: SourceEntry, b: SourceEntry) -> bool:
    return a.key is not None and a.key == b.key and a.problem is None and b.problem is None


def _read_in_step(old: RecordingSource, new: RecordingSource, paths: list[str],
                  by_old: dict[str, SourceEntry], by_new: dict[str, SourceEntry],
                  cancel: Cancel | None) -> tuple[dict[str, _Side], dict[str, _Side], int]:
    """Both sides of same-path files whose bytes must be compared (folders),
    read in step so only the differing ones stay in memory; (old, new, equal)."""
    sides_old: dict[str, _Side] = {}
    sides_new: dict[str, _Side] = {}
    equal = 0
    pairs = zip(old.read([by_old[p] for p in paths]), new.read([by_new[p] for p in paths]))
    for (ea, da), (eb, db) in pairs:
        if cancel is not None and cancel():
            break
        if isinstance(da, bytes) and da == db:
            equal += 1
            continue
        sides_old[ea.rel_path] = _Side(old, ea, da)
        sides_new[eb.rel_path] = _Side(new, eb, db)
    return sides_old, sides_new, equal


def compare_sources(old: RecordingSource, new: RecordingSource,
                    progress: Progress | None = None,
                    cancel: Cancel | None = None) -> SetDiff | RecordingError:
    """Classify every ``*.json`` path of two sources (see the module doc).

    Git sources compare blob ids first: identical blobs are never read; two
    folders are read in step and only differing files are kept. ``progress(done,
    total)`` after each compared file; ``cancel()`` true stops soon (the result
    is then ``cancelled`` and partial)."""
    entries_old, entries_new = old.entries(), new.entries()
    if isinstance(entries_old, RecordingError):
        return entries_old
    if isinstance(entries_new, RecordingError):
        return entries_new
    by_old = {e.rel_path: e for e in entries_old if e.rel_path.endswith(JSON_SUFFIX)}
    by_new = {e.rel_path: e for e in entries_new if e.rel_path.endswith(JSON_SUFFIX)}
    counts = dict.fromkeys(COUNT_KEYS, 0)
    common = [p for p in by_old if p in by_new]
    to_compare = []
    for path in common:
        if _same_without_reading(by_old[path], by_new[path]):
            counts["unchanged"] += 1
        else:
            to_compare.append(path)
    removed_paths = [p for p in by_old if p not in by_new]
    added_paths = [p for p in by_new if p not in by_old]
    if any(by_old[p].key is None or by_new[p].key is None for p in to_compare):
        sides_old, sides_new, equal = _read_in_step(old, new, to_compare, by_old, by_new, cancel)
        counts["unchanged"] += equal
        sides_old.update(_read(old, [by_old[p] for p in removed_paths]))
        sides_new.update(_read(new, [by_new[p] for p in added_paths]))
        to_compare = [p for p in to_compare if p in sides_old]
    else:  # blob ids differ: every one of them is read anyway
        sides_old = _read(old, [by_old[p] for p in to_compare + removed_paths])
        sides_new = _read(new, [by_new[p] for p in to_compare + added_paths])
    pairs: list[SetPair] = []
    total = len(to_compare) + len(removed_paths) + len(added_paths)
    cancelled = False
    for done, path in enumerate(to_compare, 1):
        if cancel is not None and cancel():
            cancelled = True
            break
        a, b = sides_old[path], sides_new[path]
        if isinstance(a.data, bytes) and a.data == b.data:
            counts["unchanged"] += 1
        else:
            pairs.append(_in_place(path, a, b))
        if progress is not None:
            progress(done, total)
    removed = {p: sides_old[p] for p in removed_paths}
    added = {p: sides_new[p] for p in added_paths}
    if not cancelled:
        for a, b in _pairs_of(removed, added):
            pairs.append(_key_change(a, b))
            del removed[a.entry.rel_path]
            del added[b.entry.rel_path]
        pairs += [_alone(s, "removed") for s in removed.values()]
        pairs += [_alone(s, "added") for s in added.values()]
    pairs.sort(key=lambda p: (p.path, p.new or ""))
    for p in pairs:
        counts[p.cls] += 1
    if progress is not None and not cancelled:
        progress(total, total)
    cancelled = cancelled or (cancel is not None and bool(cancel()))
    return SetDiff(old.label, new.label, tuple(pairs), counts, cancelled)


def compare_folders(old: str, new: str) -> SetDiff | RecordingError:
    return compare_sources(FolderSource(old), FolderSource(new))


def compare_revisions(repo: str, rev_a: str, rev_b: str,
                      pathspecs: Iterable[str] = ()) -> SetDiff | RecordingError:
    """Two revisions of one repository (paths relative to its root)."""
    specs = list(pathspecs)
    a = GitRevisionSource.from_repo(repo, rev_a, specs)
    if isinstance(a, RecordingError):
        return a
    b = GitRevisionSource.from_repo(a.repo, rev_b, specs, share=a)  # one cat-file process
    if isinstance(b, RecordingError):
        a.close()
        return b
    with a, b:
        return compare_sources(a, b)
