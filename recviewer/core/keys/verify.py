"""Classify recording files by their key: ok, stale, legacy or unkeyed.

- ``ok``: the file name is the key the recorder computes today (for model
  lists: ``models-<key>-<8 hex>``; the digest is not part of the lookup);
- ``legacy``: a 12-hex name that matches the 12-hex era rule;
- ``unkeyed``: a recording the recorder does not look up by key
  (file-processor recordings, shapes no rule covers);
- ``stale``: anything else. ``cause`` says why where it can be shown: an
  earlier rule version, a different test id, a known in-place rename, or
  ``"unknown"``.

``classify(path)`` is the cheap per-file status (one read, one hash for files
that verify); ``verify_folder`` classifies every recording of a folder and
tries the folder's other test ids on the stale ones.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from recviewer.core.catalog.walk import display_text, walk_json
from recviewer.core.errors import RecordingError
from recviewer.core.keys.compute import (FILE_PROCESSOR, HTTP, INFERENCE, TOOL, UNKNOWN,
                                         KeyedRequest, KeyHasher, model_list_digest, read_raw,
                                         request_of)
from recviewer.core.keys.rules import (CURRENT, EARLIER, KNOWN_RENAMES, LEGACY_12HEX,
                                       MODEL_LIST_ENDPOINTS, RuleVersion)

OK = "ok"
STALE = "stale"
LEGACY = "legacy"
UNKEYED = "unkeyed"
CLASSES = (OK, STALE, LEGACY, UNKEYED)
UNKNOWN_CAUSE = "unknown"
# Test ids tried on one stale file (its folder's, those of its own test file first).
MAX_TEST_IDS = 512

_FULL = re.compile(r"[0-9a-f]{64}\Z")
_SHORT = re.compile(r"[0-9a-f]{12}\Z")
_MODELS = re.compile(r"models-([0-9a-f]{64})-([0-9a-f]{8})\Z")


@dataclass(slots=True, frozen=True)
class KeyStatus:
    """``cls`` one of CLASSES; ``expected`` the file name (without ``.json``)
    the recorder would look up today (None when it has no key); ``cause`` for
    a stale file; ``key`` today's key of the stored request."""

    cls: str
    expected: str | None
    cause: str | None
    key: str | None = None


@dataclass(slots=True, frozen=True)
class NamePart:
    form: str  # "full" | "short" | "models" | "other"
    key: str | None  # the key part of the name
    digest: str | None = None  # models-…-<digest>


def parse_name(stem: str) -> NamePart:
    if _FULL.match(stem):
        return NamePart("full", stem)
    if _SHORT.match(stem):
        return NamePart("short", stem)
    m = _MODELS.match(stem)
    if m:
        return NamePart("models", m.group(1), m.group(2))
    return NamePart("other", None)


def stem_of(path: str) -> str:
    name = os.path.basename(path)
    return name[:-5] if name.endswith(".json") else name


def looks_keyed(stem: str) -> bool:
    return parse_name(stem).form != "other"


def is_model_list(request: KeyedRequest) -> bool:
    """Named ``models-<key>-<8 hex>.json`` (by the stored ``endpoint`` field)."""
    return request.kind == INFERENCE and request.stored_endpoint in MODEL_LIST_ENDPOINTS


def _expected(request: KeyedRequest, key: str, doc: Any, name: NamePart) -> str:
    if is_model_list(request):
        if name.form == "models" and name.key == key:
            return f"models-{key}-{name.digest}"
        digest = model_list_digest(doc) or name.digest or "00000000"
        return f"models-{key}-{digest}"
    return key


def _named_by(request: KeyedRequest, name: NamePart, key: str) -> bool:
    """The name is the one the recorder looks up: ``<key>`` or, for a model
    list, ``models-<key>-*`` (the digest is not part of the lookup)."""
    wanted = "models" if is_model_list(request) else "full"
    return name.form == wanted and name.key == key


def _matches(name: NamePart, key: str) -> bool:
    if name.form == "short":
        return key[:12] == name.key
    return key == name.key


def classify(path: str, doc: Any = None, *, test_ids: Iterable[str | None] = ()) -> KeyStatus | None:
    """The key status of one file; None when it is not a recording.

    ``doc`` is the file's JSON as stored: ``compute.read_raw`` /
    ``loads_exact`` (``load.decode_json`` gives the same but for integers
    beyond 64 bits); envelopes NOT unwrapped; read from ``path`` when None. ``test_ids`` are tried as
    the test id of a stale file (e.g. the other test ids of its folder).
    """
    name = parse_name(stem_of(path))
    if doc is None:
        doc = read_raw(path)
    if isinstance(doc, RecordingError):
        if name.form == "other":
            return None
        return KeyStatus(STALE, None, f"the file cannot be read: {doc.reason}")
    request = request_of(doc)
    if request is None:
        return None
    if request.kind in (FILE_PROCESSOR, UNKNOWN):
        return KeyStatus(UNKEYED, None, None)
    try:
        hasher = KeyHasher(request, CURRENT)
    except (TypeError, ValueError, RecursionError):
        return KeyStatus(STALE, None, "the request cannot be hashed") if name.form != "other" \
            else KeyStatus(UNKEYED, None, None)
    key = hasher.key(request.test_id)
    expected = _expected(request, key, doc, name)
    if _named_by(request, name, key):
        return KeyStatus(OK, expected, None, key)
    if name.form == "short" and _legacy_key(request) == name.key:
        return KeyStatus(LEGACY, expected, None, key)
    return KeyStatus(STALE, expected, find_cause(request, name, test_ids), key)


def key_class(path: str, doc: Any = None) -> str | None:
    """``classify(path, doc).cls`` (None when not a recording) without the
    cause search a stale file's full status needs: what counts per class cost."""
    if doc is None:
        doc = read_raw(path)
    status = _first_pass(path, doc)[0]
    return None if status is None else status.cls


def _legacy_key(request: KeyedRequest) -> str | None:
    if request.kind != INFERENCE:
        return None
    try:
        return KeyHasher(request, LEGACY_12HEX).key(None)[:12]
    except (TypeError, ValueError, RecursionError):
        return None


def _rule_matches(request: KeyedRequest, rule: RuleVersion, name: NamePart) -> bool:
    try:
        return _matches(name, KeyHasher(request, rule).key(request.test_id))
    except (TypeError, ValueError, RecursionError):
        return False


def _test_id_match(request: KeyedRequest, name: NamePart,
                   test_ids: list[str | None] | _Candidates) -> str | None | bool:
    """The test id (possibly None) under which the request matches today; False if none."""
    try:
        hasher = KeyHasher(request, CURRENT)
    except (TypeError, ValueError, RecursionError):
        return False
    if not hasher.uses_test_id:
        return False
    encoded = test_ids.encoded if isinstance(test_ids, _Candidates) else None
    pairs = hasher.keys(test_ids) if encoded is None else hasher.keys_encoded(encoded)
    for test_id, key in pairs:
        if test_id != request.test_id and _matches(name, key):
            return test_id
    return False


class _Candidates(list):
    """The test ids ``find_cause`` tries (a list: None first, distinct, at most
    ``MAX_TEST_IDS``), with each one's JSON text encoded once (``encoded``),
    shared by every stale file of a folder and test file."""

    __slots__ = ("encoded",)

    def __init__(self, ids: Iterable[str | None]) -> None:
        super().__init__(ids)
        self.encoded = KeyHasher.encode_test_ids(self)


def _request_text(request: KeyedRequest) -> str:
    return json.dumps([request.method, request.url, request.body, request.test_id,
                       request.provider, request.tool_name])


def _renamed(request: KeyedRequest, old: str, new: str, text: str) -> KeyedRequest | None:
    """``request`` (whose ``_request_text`` is ``text``) with every ``old``
    replaced by ``new``; None when it holds no ``old``."""
    if old not in text:
        return None
    try:
        method, url, body, test_id, provider, tool_name = json.loads(text.replace(old, new))
    except ValueError:
        return None
    return KeyedRequest(request.kind, method, url, body, test_id, provider, tool_name,
                        request.stored_endpoint, request.model)


def find_cause(request: KeyedRequest, name: NamePart, test_ids: Iterable[str | None] = ()) -> str:
    """One short sentence: why a stale file's name does not match its request."""
    if name.form == "other":
        return "the file name is not a recording key"
    if name.form in ("full", "models") and is_model_list(request) != (name.form == "models"):
        key = KeyHasher(request, CURRENT).key(request.test_id)
        if name.key == key:
            return ("a model list is looked up as models-<key>-*.json" if name.form == "full"
                    else "only model lists are looked up as models-<key>-*.json")
    for rule in EARLIER:
        if _rule_matches(request, rule, name):
            return f"matches an earlier rule version: {rule.label}"
    if name.form == "short" and request.kind == INFERENCE:
        for rule in (CURRENT, *EARLIER):
            if _rule_matches(request, rule, name):
                return f"matches {rule.label} truncated to 12 hex digits"
    candidates = test_ids if isinstance(test_ids, _Candidates) else \
        list(dict.fromkeys([None, *test_ids]))[:MAX_TEST_IDS]
    found = _test_id_match(request, name, candidates)
    if found is not False:
        return f"matches when the test id is {json.dumps(found)}"
    text = _request_text(request)
    for old, new in KNOWN_RENAMES:
        for src, dst, how in ((new, old, "is undone"), (old, new, "is applied")):
            renamed = _renamed(request, src, dst, text)
            if renamed is not None and _rule_matches(renamed, CURRENT, name):
                return f"matches once the in-place rename {old} → {new} {how}"
    return UNKNOWN_CAUSE


@dataclass(slots=True, frozen=True)
class VerifiedFile:
    path: str
    rel_path: str
    status: KeyStatus


@dataclass(slots=True, frozen=True)
class VerifyReport:
    root: str
    files: tuple[VerifiedFile, ...]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(CLASSES, 0)
        for f in self.files:
            out[f.status.cls] += 1
        return out

    @property
    def all_good(self) -> bool:
        return all(f.status.cls in (OK, LEGACY) for f in self.files)

    def to_json(self) -> dict[str, Any]:
        return {"counts": self.counts(),
                "recordings": [{"path": display_text(f.rel_path), "class": f.status.cls,
                                "expected": f.status.expected, "cause": f.status.cause}
                               for f in self.files]}


def _test_ids_of(doc: Any) -> Iterator[str]:
    if isinstance(doc, dict):
        if isinstance(doc.get("test_id"), str):
            yield doc["test_id"]
        request = doc.get("request")
        if isinstance(request, dict) and isinstance(request.get("test_id"), str):
            yield request["test_id"]


def verify_folder(root: str | os.PathLike[str],
                  cancel: Callable[[], bool] | None = None) -> VerifyReport:
    """Every recording file under ``root`` once, sorted by relative path.

    First pass: today's key of each file (one read each). Second pass, for the
    stale files only: earlier rules, the test ids of the same folder (at most
    ``MAX_TEST_IDS``, its own test file's first), known renames. The stale
    files' requests are kept from the first pass (not read again), and the
    candidate test ids are made once per folder and test file (``_Candidates``):
    each stale file costs at most ``MAX_TEST_IDS`` hashes of a test id.
    """
    root = os.path.abspath(os.fspath(root))
    test_ids: dict[str, dict[str, None]] = {}  # folder -> its test ids, in walk order
    first: list[tuple[str, str, KeyStatus]] = []
    stale: list[tuple[int, str | None, KeyedRequest, NamePart]] = []
    for found in walk_json(root, cancel):
        doc = read_raw(found.path)
        folder = test_ids.setdefault(os.path.dirname(found.path), {})
        for t in _test_ids_of(doc):
            folder[t] = None
        status, request = _first_pass(found.path, doc)
        if status is None:
            continue
        if status.cls == STALE and status.cause is None and request is not None:
            own = doc.get("test_id") if isinstance(doc, dict) else None
            stale.append((len(first), own if isinstance(own, str) else None, request,
                          parse_name(stem_of(found.path))))
        first.append((found.path, found.rel_path, status))
    by_folder: dict[str, _FolderIds] = {}
    for i, own, request, name in stale:
        path, rel, status = first[i]
        folder = os.path.dirname(path)
        ids = by_folder.get(folder)
        if ids is None:
            ids = by_folder[folder] = _FolderIds(list(test_ids.get(folder, ())))
        cause = find_cause(request, name, ids.candidates(own))
        first[i] = (path, rel, KeyStatus(STALE, status.expected, cause, status.key))
    files = [VerifiedFile(p, rel, s) for p, rel, s in first]
    files.sort(key=lambda f: (f.rel_path, f.path))
    return VerifyReport(root, tuple(files))


class _FolderIds:
    """A folder's test ids (walk order), grouped by test file once. A stale
    file's candidates: None, then the ids of its own test file, then the
    others (each group in walk order), the first ``MAX_TEST_IDS``; made once
    per test file, without sorting."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        self.by_file: dict[str, list[str]] = {}
        for t in ids:
            self.by_file.setdefault(t.partition("::")[0], []).append(t)
        self._made: dict[str | None, _Candidates] = {}

    def candidates(self, own: str | None) -> _Candidates:
        test_file = None if own is None else own.partition("::")[0]
        made = self._made.get(test_file)
        if made is None:
            made = self._made[test_file] = _Candidates(self._ordered(test_file))
        return made

    def _ordered(self, test_file: str | None) -> list[str | None]:
        room = MAX_TEST_IDS - 1
        if test_file is None:
            return [None, *self.ids[:room]]
        mine = self.by_file.get(test_file, [])[:room]
        out: list[str | None] = [None, *mine]
        room -= len(mine)
        if room > 0:
            for t in self.ids:
                if t.partition("::")[0] != test_file:
                    out.append(t)
                    room -= 1
                    if room == 0:
                        break
        return out


def _first_pass(path: str, doc: Any) -> tuple[KeyStatus | None, KeyedRequest | None]:
    """``classify`` without the cause search (cause None for a stale request),
    and the request (for the cause search of a stale file)."""
    name = parse_name(stem_of(path))
    if isinstance(doc, RecordingError):
        return classify(path, doc), None
    request = request_of(doc)
    if request is None or request.kind in (FILE_PROCESSOR, UNKNOWN):
        return classify(path, doc), None
    try:
        key = KeyHasher(request, CURRENT).key(request.test_id)
    except (TypeError, ValueError, RecursionError):
        return classify(path, doc), None
    expected = _expected(request, key, doc, name)
    if _named_by(request, name, key):
        return KeyStatus(OK, expected, None, key), request
    if name.form == "short" and _legacy_key(request) == name.key:
        return KeyStatus(LEGACY, expected, None, key), request
    return KeyStatus(STALE, expected, None, key), request
