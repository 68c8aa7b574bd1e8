"""Folder statistics: what is in a recordings folder, at a glance (no Qt).

``folder_stats(catalog)`` turns a scanned ``Catalog`` into ``FolderStats``:
counts per provider, model, endpoint, format, test and test file; failed
calls; the largest files; duplicates; key status (when ``core.keys`` exists);
orphans (recordings whose test id a ``pytest --collect-only -q`` listing no
longer has). Every group keeps the exact recordings it counts (absolute
paths), so a view can filter to exactly those (``FilterRequest``).

The catalog reads only the head of each file; duplicates and providers need
the request and the whole response, so each recording is read once more here
(``file_facts``). A fingerprint is the compact, key-sorted JSON of the value
with the noise of ``diff.noise`` taken out: the values of its noise keys
(ids, timestamps, token counts) and the spans its text rules rewrite (ids,
uuids, scores) — all done by regular expressions over the serialised text,
so no Python walk over a long stream.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping
from urllib.parse import urlsplit

import orjson

from recviewer.core.catalog.scan import NO_TEST_ID_GROUP, Catalog, RecordingRef, split_test_id
from recviewer.core.diff.noise import DEFAULT_RULES, NoiseRules
from recviewer.core.errors import RecordingError
from recviewer.core.load import decode_json, read_bytes

__all__ = [
    "Duplicate", "FileFacts", "FilterRequest", "FolderStats", "KINDS", "LARGEST", "NONE_LABEL",
    "SizeBin", "file_facts", "read_facts", "fingerprint", "folder_stats", "parse_collected", "provider_of",
    "size_bins", "stats_dict", "top_n",
]

ByteReader = Callable[[str], bytes]  # path -> the file's bytes (raises when unreadable)
NONE_LABEL = "(none)"   # the group of recordings without a model / endpoint / provider
LARGEST = 10            # files listed under "largest"
KEY_STATES = ("ok", "stale", "legacy", "unkeyed")
# Group kinds a FilterRequest may carry (``FolderStats.groups`` has the first ones).
KINDS = ("provider", "model", "endpoint", "format", "test", "test_file", "streamed", "failed",
         "key", "size", "duplicate", "orphan", "largest", "all")
STREAMED, NOT_STREAMED = "streamed", "not streamed"
FAILED, NOT_FAILED = "failed", "ok"


@dataclass(slots=True, frozen=True)
class FilterRequest:
    """"Show exactly these recordings": what a click on a bar or row asks for.

    ``kind`` is one of ``KINDS``, ``value`` the group's label (``"gpt-4o"``),
    ``paths`` the absolute paths (``RecordingRef.path``) of its recordings."""

    kind: str
    value: str
    paths: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class Duplicate:
    """Recordings that say the same: ``kind`` is ``"response"`` (same response
    content after noise normalisation), ``"request"`` (the same request under
    several tests) or ``"both"``. ``paths`` are absolute, in catalog order."""

    kind: str
    paths: tuple[str, ...]
    rel_paths: tuple[str, ...]
    what: str


@dataclass(slots=True, frozen=True)
class FileFacts:
    """What the stats read from a whole file beyond its catalog ref: the
    provider and exact digests of the response and the request (the request
    without its test id). Equal digests mean equal values; the noise-normalised
    fingerprint is computed only where two different digests could still be
    the same after normalisation."""

    provider: str
    response_digest: bytes | None  # None: the file could not be read again
    request_digest: bytes | None
    key: str | None = None  # key status (core.keys): ok / stale / legacy / unkeyed


@dataclass(slots=True, frozen=True)
class SizeBin:
    """One bar of the size histogram: files of ``low`` ≤ size < ``high`` bytes."""

    label: str
    low: int
    high: int
    paths: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class FolderStats:
    root: str
    recordings: tuple[RecordingRef, ...]   # readable recordings, catalog order
    unreadable: tuple[RecordingRef, ...]   # files that could not be read (ref.error set)
    groups: Mapping[str, Mapping[str, tuple[str, ...]]]  # kind -> label -> absolute paths
    duplicates: tuple[Duplicate, ...]
    keys: Mapping[str, tuple[str, ...]] | None = None  # key state -> paths; None: no key check
    orphans: tuple[RecordingRef, ...] | None = None    # None: no collection file given
    other: tuple[RecordingRef, ...] = ()               # JSON files that are not recordings
    _refs: Mapping[str, RecordingRef] = field(default_factory=dict, repr=False, compare=False)

    @property
    def tests(self) -> int:
        return len(self.groups["test"])

    @property
    def failed(self) -> tuple[str, ...]:
        return self.groups["failed"].get(FAILED, ())

    @property
    def streamed(self) -> tuple[str, ...]:
        return self.groups["streamed"].get(STREAMED, ())

    @property
    def no_test_id(self) -> tuple[str, ...]:
        return tuple(r.path for r in self.recordings if not r.test_id)

    @property
    def total_bytes(self) -> int:
        return sum(r.size for r in self.recordings)

    def ref(self, path: str) -> RecordingRef | None:
        return self._refs.get(path)

    def largest(self, n: int = LARGEST) -> list[RecordingRef]:
        return sorted(self.recordings, key=lambda r: (-r.size, r.rel_path))[:n]

    def counts(self, kind: str) -> dict[str, int]:
        return {label: len(paths) for label, paths in self.groups[kind].items()}

    def request(self, kind: str, value: str) -> FilterRequest:
        """The filter request for one group (empty paths for an unknown one)."""
        if kind == "all":
            return FilterRequest(kind, value, tuple(r.path for r in self.recordings))
        if kind == "key":
            return FilterRequest(kind, value, tuple((self.keys or {}).get(value, ())))
        if kind == "orphan":
            return FilterRequest(kind, value, tuple(r.path for r in self.orphans or ()))
        return FilterRequest(kind, value, tuple(self.groups.get(kind, {}).get(value, ())))


# ----------------------------------------------------------------- providers
_HOST_PROVIDERS: tuple[tuple[str, str], ...] = (
    (".openai.azure.com", "azure"), ("api.openai.com", "openai"),
    ("api.anthropic.com", "anthropic"), ("generativelanguage.googleapis.com", "gemini"),
    ("aiplatform.googleapis.com", "vertexai"), (".ml.cloud.ibm.com", "watsonx"),
    ("api.groq.com", "groq"), ("api.together.xyz", "together"),
    ("api.fireworks.ai", "fireworks"), ("integrate.api.nvidia.com", "nvidia"),
    ("api.mistral.ai", "mistral"), ("api.cerebras.ai", "cerebras"),
    ("api.sambanova.ai", "sambanova"), ("api.deepseek.com", "deepseek"),
)
_PORT_PROVIDERS = {11434: "ollama", 8000: "vllm"}  # the servers' default ports
_MODEL_PROVIDERS: tuple[tuple[str, str], ...] = (
    ("gpt-", "openai"), ("o1", "openai"), ("o3", "openai"), ("o4", "openai"),
    ("text-embedding-", "openai"), ("claude", "anthropic"), ("gemini", "gemini"),
    ("publishers/google/", "vertexai"),
)


def provider_of(url: str | None, model: str | None = None, provider: str | None = None) -> str:
    """Who served a call: from the request URL's host (or scheme, or a local
    server's default port), else a recorded ``provider`` field (tool runtimes),
    else the model name (``"openai/gpt-4o"``, ``"claude-…"``). ``NONE_LABEL``
    when nothing tells."""
    if url:
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
            port = parts.port
        except ValueError:
            parts, host, port = None, "", None
        if parts is not None and parts.scheme and parts.scheme not in ("http", "https"):
            return parts.scheme.lower()  # vertexai:///generate_content
        if "bedrock" in host and (host.endswith(".amazonaws.com") or host.endswith(".api.aws")):
            return "bedrock"
        for suffix, name in _HOST_PROVIDERS:
            if host == suffix.lstrip(".") or host.endswith(suffix):
                return name
        if port in _PORT_PROVIDERS:
            return _PORT_PROVIDERS[port]
    if isinstance(provider, str) and provider.strip():
        return provider.strip()
    if model:
        head, sep, _ = model.partition("/")
        if sep and head and head not in ("publishers", "models"):
            return head.lower()  # "openai/gpt-4o", "meta-llama/…" names the maker
        low = model.lower()
        for prefix, name in _MODEL_PROVIDERS:
            if low.startswith(prefix):
                return name
    if url:
        try:
            netloc = urlsplit(url).netloc
        except ValueError:
            netloc = ""
        if netloc:
            return netloc.lower()
    return NONE_LABEL


# ----------------------------------------------------------------- fingerprints
_STRING = r'"(?:[^"\\]|\\.)*"'
_FLAT = r'\{(?:[^{}"]|' + _STRING + r')*\}|\[(?:[^\[\]"]|' + _STRING + r')*\]'
_NESTED = (r'\{(?:[^{}"\[\]]|' + _STRING + '|' + _FLAT + r')*\}|\[(?:[^{}"\[\]]|' + _STRING
           + '|' + _FLAT + r')*\]')
_SCALAR = _STRING + r'|-?\d[\d.eE+-]*|true|false|null'


def _noise_key_pattern(rules: NoiseRules) -> re.Pattern[str]:
    names = "|".join(re.escape(k) for k in sorted(rules.noise_keys))
    # A key follows "{" or "," in compact JSON (inside a string a quote is escaped).
    return re.compile(r'(?<=[{,])"(?:' + names + r')":(?:' + _SCALAR + '|' + _NESTED + ')')


_NOISE_KEYS = _noise_key_pattern(DEFAULT_RULES)


def _compact(value: Any) -> bytes:
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    except (TypeError, orjson.JSONEncodeError):  # lone surrogates, 64-bit overflow
        return repr(value).encode("utf-8", "surrogatepass")


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def fingerprint(value: Any, rules: NoiseRules = DEFAULT_RULES) -> bytes:
    """A digest equal for two values that differ only in noise (``rules``): the
    values of noise keys and the spans the text rules rewrite."""
    text = _compact(value).decode("utf-8", "surrogatepass")
    keys = _NOISE_KEYS if rules is DEFAULT_RULES else _noise_key_pattern(rules)
    text = keys.sub(lambda m: m.group(0).partition(":")[0] + ":0", text)
    text = rules.normalize_text(text)
    return _digest(text.encode("utf-8", "surrogatepass"))


def _request_part(request: Any) -> Any:
    if isinstance(request, dict):
        return {k: v for k, v in request.items() if k != "test_id"}
    return request


def _document(path: str, read: ByteReader | None = None) -> dict | None:
    """The file's JSON document (a cassette interaction's as ``_interaction_document``);
    ``read``: where the bytes come from (default: the disk)."""
    if _is_interaction(path):
        return _interaction_document(path, read)
    try:
        doc = decode_json(read(path) if read is not None else read_bytes(path))
    except Exception:  # noqa: BLE001 - unreadable now (changed since the scan): no facts
        return None
    return doc if isinstance(doc, dict) else None


def _is_interaction(path: str) -> bool:
    """A cassette interaction's address ``FILE#N`` (the catalog's ref path)."""
    file, sep, tail = path.rpartition("#")
    return bool(sep and file and tail.isdigit())


_LAST_CASSETTE: list = []  # [(file, size, mtime_ns), {address: document}]: refs come in file order


def _interaction_document(address: str, read: ByteReader | None = None) -> dict | None:
    """A cassette interaction as ``{"request": …, "response": …}``: the URL
    (its host names the provider), method and decoded bodies, the status. Each
    cassette is parsed once for all its interactions (kept until the next)."""
    file = address.rpartition("#")[0]
    if read is None:
        try:
            st = os.stat(file)
        except OSError:
            return None
        key: tuple = (file, st.st_size, st.st_mtime_ns)
    else:  # bytes from elsewhere (a git revision): one parse per reader and file
        key = (file, read)
    cached = _LAST_CASSETTE[:]
    if len(cached) == 2 and cached[0] == key:
        return cached[1].get(address)
    from recviewer.core.sequence import interactions_via  # lazy: adapters, cassettes

    recs = interactions_via(file, None, read)
    docs: dict[str, dict] = {}
    if not isinstance(recs, RecordingError):
        for rec in recs:
            if not isinstance(rec, RecordingError):
                docs[rec.path] = {
                    "request": {"method": rec.method, "url": rec.url, "body": rec.request_body},
                    "response": {"status": rec.status, "body": rec.response_body}}
    _LAST_CASSETTE[:] = [key, docs]
    return docs.get(address)


def _key_class(path: str, doc: Any) -> str | None:
    from recviewer.core.keys.verify import key_class  # the class only: no cause search

    try:
        cls = key_class(path, doc)
    except Exception:  # noqa: BLE001 - a key check that fails says nothing about the file
        return None
    return cls if isinstance(cls, str) else None


def file_facts(ref: RecordingRef, read: ByteReader | None = None) -> FileFacts:
    """Read ``ref``'s file whole: its provider, exact digests and key status.
    ``read``: where the bytes come from (default: the disk). Never raises."""
    doc = _document(ref.path, read)
    if doc is None:
        return FileFacts(provider_of(None, ref.model), None, None)
    request = doc.get("request")
    if _is_interaction(ref.path):  # a cassette interaction: no recorder key to check
        url = request.get("url") if isinstance(request, dict) else None
        return FileFacts(provider_of(url if isinstance(url, str) else None, ref.model),
                         _digest(_compact(doc.get("response"))),
                         _digest(_compact(request)))
    url = provider = None
    if isinstance(request, dict):
        url = request.get("url") if isinstance(request.get("url"), str) else None
        provider = request.get("provider") if isinstance(request.get("provider"), str) else None
    return FileFacts(provider_of(url, ref.model, provider),
                     _digest(_compact(doc.get("response"))),
                     _digest(_compact(_request_part(request))), _key_class(ref.path, doc))


PARALLEL_FROM = 2000  # recordings from which the whole-file reads go to worker processes
_BATCH = 128


def _facts_batch(items: list[tuple[str, str | None]]) -> list[tuple]:
    """In a worker: ``file_facts`` of (path, model) pairs, as plain tuples."""
    out = []
    for path, model in items:
        f = file_facts(RecordingRef(path, "", None, None, model, "", False, None, 0, None))
        out.append((f.provider, f.response_digest, f.request_digest, f.key))
    return out


def read_facts(refs: list[RecordingRef], workers: int | None = None,
               read: ByteReader | None = None) -> dict[str, FileFacts]:
    """``file_facts`` of every ref by path; a big folder is read on worker
    processes (one per core, as the catalog scan; ``workers=0``: in this
    process). Falls back to reading here when workers cannot run. With
    ``read`` (the bytes of a path from elsewhere, e.g. git objects) every file
    is read in this process: workers get plain paths and read the disk."""
    from recviewer.core.catalog.pool import default_workers, map_batches

    n = default_workers() if workers is None else max(0, workers)
    out: dict[str, FileFacts] = {}
    if read is None and n > 0 and len(refs) >= PARALLEL_FROM:
        batches = [refs[i:i + _BATCH] for i in range(0, len(refs), _BATCH)]
        results = map_batches(_facts_batch, [[(r.path, r.model) for r in b] for b in batches], n)
        for batch, facts in zip(batches, results or ()):
            for ref, fact in zip(batch, facts):
                out[ref.path] = FileFacts(*fact)
    for ref in refs:
        if ref.path not in out:
            out[ref.path] = file_facts(ref, read)
    return out


def _normalised(path: str, part: str, read: ByteReader | None = None) -> bytes | None:
    doc = _document(path, read)
    if doc is None:
        return None
    value = doc.get(part)
    return fingerprint(_request_part(value) if part == "request" else value)


def _same_after_noise(items: list[tuple[int, bytes, tuple]], recs: list[RecordingRef],
                      part: str, read: ByteReader | None = None) -> list[list[int]]:
    """Group recordings (index, exact digest, bucket) by noise-normalised
    content. Equal digests are equal; recordings can only be equal after
    normalisation within one bucket (format, stream, chunk count, …), so the
    normalised fingerprint is computed once per distinct digest, and only in
    buckets that hold more than one digest."""
    exact: dict[bytes, list[int]] = defaultdict(list)
    bucket_of: dict[bytes, tuple] = {}
    for i, digest, bucket in items:
        exact[digest].append(i)
        bucket_of.setdefault(digest, bucket)
    buckets: dict[tuple, list[bytes]] = defaultdict(list)
    for digest in exact:
        buckets[bucket_of[digest]].append(digest)
    groups: list[list[int]] = []
    for digests in buckets.values():
        if len(digests) == 1:
            groups.append(exact[digests[0]])
            continue
        merged: dict[bytes, list[int]] = defaultdict(list)
        for digest in digests:
            members = exact[digest]
            key = _normalised(recs[members[0]].path, part, read) or digest
            merged[key].extend(members)
        groups.extend(merged.values())
    return [sorted(g) for g in groups]


# ----------------------------------------------------------------- collection
def parse_collected(text: str) -> frozenset[str]:
    """Node ids from ``pytest --collect-only -q`` output: one per line; blank,
    summary (``12 tests collected in 0.3s``), ``===`` and warning lines are not
    node ids (a node id has ``::`` and does not start with a space)."""
    ids = set()
    for line in text.splitlines():
        if not line or line[0].isspace() or "::" not in line or line.startswith(("=", "-")):
            continue
        ids.add(line.rstrip("\r\n"))
    return frozenset(ids)


# ----------------------------------------------------------------- compute
def _sorted_groups(groups: Mapping[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Groups biggest first, then by label (stable for JSON and charts)."""
    return {k: tuple(v) for k, v in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))}


def _duplicates(recs: list[RecordingRef], facts: list[FileFacts],
                read: ByteReader | None = None) -> tuple[Duplicate, ...]:
    responses = [(i, f.response_digest, (r.format, r.streaming, r.chunks, r.failed))
                 for i, (r, f) in enumerate(zip(recs, facts)) if f.response_digest is not None]
    requests = [(i, f.request_digest, (r.endpoint, r.model, r.streaming))
                for i, (r, f) in enumerate(zip(recs, facts))
                if f.request_digest is not None and r.test_id]
    response_sets = {tuple(g) for g in _same_after_noise(responses, recs, "response", read)
                     if len(g) > 1}
    request_sets = {tuple(g) for g in _same_after_noise(requests, recs, "request", read)
                    if len({recs[i].test_id for i in g}) > 1}
    out = []
    for members in sorted(response_sets | request_sets, key=lambda m: (-len(m), m)):
        tests = len({recs[i].test_id for i in members if recs[i].test_id})
        first = recs[members[0]]
        about = " ".join(x for x in (first.endpoint, first.model) if x)
        about = f" ({about})" if about else ""
        if members in response_sets and members in request_sets:
            kind, what = "both", f"same request and response under {tests} tests{about}"
        elif members in response_sets:
            spread = f" across {tests} tests" if tests > 1 else ""
            kind, what = "response", (f"same response content in {len(members)} files{spread}, "
                                      f"after noise normalisation{about}")
        else:
            kind, what = "request", f"same request under {tests} tests{about}"
        out.append(Duplicate(kind, tuple(recs[i].path for i in members),
                             tuple(recs[i].rel_path for i in members), what))
    return tuple(out)


def _key_states(recs: list[RecordingRef], facts: list[FileFacts]) -> dict[str, tuple[str, ...]] | None:
    """Recordings per key status (``core.keys``)."""
    out: dict[str, list[str]] = {k: [] for k in KEY_STATES}
    for ref, fact in zip(recs, facts):
        if fact.key is not None:
            out.setdefault(fact.key, []).append(ref.path)
    return {k: tuple(v) for k, v in out.items()}


def folder_stats(catalog: Catalog, collected: Iterable[str] | None = None,
                 facts: Mapping[str, FileFacts] | None = None,
                 workers: int | None = None, read: ByteReader | None = None) -> FolderStats:
    """The statistics of a scanned folder. ``collected``: the node ids pytest
    collects (``parse_collected``), to list orphans; ``facts``: already read
    ``FileFacts`` by path (else ``read_facts(…, workers, read)``); ``read``:
    the bytes of a ref path when they do not come from the disk (a git
    revision's catalog: ``3f2a9c1d0e:tests/…/x.json`` paths), read in this process."""
    recs = [r for r in catalog.refs if r.is_recording]
    unreadable = tuple(r for r in catalog.refs if r.error is not None)
    other = tuple(r for r in catalog.refs if r.is_other)
    if facts is None:
        facts = read_facts(recs, workers, read)
    got = [facts.get(r.path) or file_facts(r, read) for r in recs]
    groups: dict[str, dict[str, list[str]]] = {k: defaultdict(list) for k in (
        "provider", "model", "endpoint", "format", "test", "test_file", "streamed", "failed")}
    for ref, fact in zip(recs, got):
        p = ref.path
        groups["provider"][fact.provider].append(p)
        groups["model"][ref.model or NONE_LABEL].append(p)
        groups["endpoint"][ref.endpoint or NONE_LABEL].append(p)
        groups["format"][ref.format or NONE_LABEL].append(p)
        if ref.test_id:
            groups["test"][ref.test_id].append(p)
        groups["test_file"][split_test_id(ref.test_id)[0] if ref.test_id
                            else NO_TEST_ID_GROUP].append(p)
        groups["streamed"][STREAMED if ref.streaming else NOT_STREAMED].append(p)
        groups["failed"][FAILED if ref.failed else NOT_FAILED].append(p)
    orphans = None
    if collected is not None:
        ids = frozenset(collected)
        orphans = tuple(r for r in recs if r.test_id and r.test_id not in ids)
    return FolderStats(
        catalog.root, tuple(recs), unreadable,
        {kind: _sorted_groups(g) for kind, g in groups.items()},
        _duplicates(recs, got, read), _key_states(recs, got), orphans, other,
        {r.path: r for r in recs})


# ----------------------------------------------------------------- views of it
def top_n(counts: Mapping[str, tuple[str, ...]], n: int,
          other: str = "other") -> list[tuple[str, tuple[str, ...]]]:
    """The ``n`` biggest groups (as ordered), the rest folded into ``other``."""
    items = list(counts.items())
    if len(items) <= n:
        return items
    head = items[:max(0, n - 1)]
    rest = tuple(p for _, paths in items[len(head):] for p in paths)
    return [*head, (f"{other} ({len(items) - len(head)})", rest)]


def _human(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:g} {unit}"
        n /= 1000
    return f"{n:g} GB"


def size_bins(stats: FolderStats) -> list[SizeBin]:
    """File sizes in decades split in thirds (1, 2, 5 × 10^k), from the smallest
    bin that holds a file to the largest; empty bins between stay (a histogram)."""
    edges = [m * 10 ** e for e in range(0, 10) for m in (1, 2, 5)]
    bins: dict[int, list[str]] = defaultdict(list)
    for ref in stats.recordings:
        i = max(0, next((k for k, edge in enumerate(edges) if ref.size < edge), len(edges)) - 1)
        bins[i].append(ref.path)
    if not bins:
        return []
    out = []
    for i in range(min(bins), max(bins) + 1):
        low, high = edges[i], edges[i + 1] if i + 1 < len(edges) else 10 ** 12
        out.append(SizeBin(f"{_human(low)}–{_human(high)}", low, high, tuple(bins.get(i, ()))))
    return out


def stats_dict(stats: FolderStats) -> dict[str, Any]:
    """The JSON of ``recviewer-cli stats --json`` (paths relative to the root)."""
    rel = {r.path: r.rel_path for r in stats.recordings}
    by_test_file = {}
    for name, paths in stats.groups["test_file"].items():
        refs = [stats._refs[p] for p in paths]
        streamed = sum(1 for r in refs if r.streaming)
        by_test_file[name] = {"recordings": len(refs), "bytes": sum(r.size for r in refs),
                              "streamed": round(streamed / len(refs), 4)}
    out: dict[str, Any] = {
        "root": stats.root,
        "recordings": len(stats.recordings),
        "tests": stats.tests,
        "errors": len(stats.failed),
        "streamed": len(stats.streamed),
        "no_test_id": len(stats.no_test_id),
        "unreadable": len(stats.unreadable),
        "other_json": len(stats.other),
        "bytes": stats.total_bytes,
        "by_endpoint": stats.counts("endpoint"),
        "by_model": stats.counts("model"),
        "by_format": stats.counts("format"),
        "by_provider": stats.counts("provider"),
        "by_test": stats.counts("test"),
        "by_test_file": by_test_file,
        "largest": [{"path": r.rel_path, "bytes": r.size} for r in stats.largest()],
        "duplicates": [{"paths": list(d.rel_paths), "what": d.what, "kind": d.kind}
                       for d in stats.duplicates],
        "failed": sorted(rel[p] for p in stats.failed),
    }
    if stats.keys is not None:
        out["keys"] = {k: len(v) for k, v in stats.keys.items()}
    if stats.orphans is not None:
        out["orphans"] = sorted(r.rel_path for r in stats.orphans)
    return out


def stats_of_folder(root: str | os.PathLike[str], collected: Iterable[str] | None = None) -> FolderStats:
    """Scan ``root`` and compute its statistics (in this process)."""
    from recviewer.core.catalog.scan import scan

    return folder_stats(scan(root), collected)
