"""recviewer capture hook: write every replay miss of the ogx recorder to a folder.

Loaded at interpreter start-up because ``recviewer-cli capture`` prepends this
folder to ``PYTHONPATH`` and sets ``RECVIEWER_CAPTURE_DIR``. Standalone: it
imports nothing of recviewer (the test run may use another Python).

How: an import hook waits for ``ogx.testing.api_recorder`` (or the old name
``llama_stack.testing.api_recorder``); once the module has run, its key
functions (``normalize_inference_request``, ``normalize_http_request``,
``normalize_tool_request``) are wrapped to remember what each key was computed
from, and its replay functions (``_patched_inference_method``,
``_patched_tool_invoke_method``, ``_patched_httpx_async_post``,
``_genai_record_replay``, …) to catch the recorder's "Recording not found"
error, write ``{method, url, body, test_id, key, error}`` as one JSON file into
the capture folder, and re-raise it unchanged. Nothing else is written, and
nothing outside that folder.

If the recorder's internals differ (the key function or the inference replay
function is missing), one warning line goes to stderr and the module is left
as it is: the test run goes on, only without capture. Any failure inside the
hook is swallowed the same way. An existing ``sitecustomize`` further down the
path is still run.
"""

import sys as _sys


def _install():
    import contextvars
    import functools
    import hashlib
    import importlib.abc
    import importlib.machinery
    import inspect
    import json
    import os
    import re
    import threading

    capture_dir = os.environ.get("RECVIEWER_CAPTURE_DIR")
    here = os.path.dirname(os.path.abspath(__file__))
    if not capture_dir:
        return here
    targets = ("ogx.testing.api_recorder", "llama_stack.testing.api_recorder")
    prefix = "recviewer capture: "
    hash_re = re.compile(r"hash:\s*([0-9a-f]{64})")
    last = contextvars.ContextVar("recviewer_capture_last", default=None)
    by_key = {}
    lock = threading.Lock()

    def warn(text):
        try:
            _sys.stderr.write(prefix + text + "\n")
            _sys.stderr.flush()
        except Exception:  # noqa: BLE001 - never break the run
            pass

    def test_id_of(module):
        # the test id the key was computed with: get_test_context() (the
        # stored one falls back to the provider-data header; the key does not)
        for name in ("get_test_context", "_get_test_context_with_fallback"):
            fn = getattr(module, name, None)
            if callable(fn):
                try:
                    value = fn()
                except Exception:  # noqa: BLE001
                    return None
                return value if isinstance(value, str) or value is None else str(value)
        return None

    def remember(record):
        last.set(record)
        with lock:
            by_key[record["key"]] = record
            if len(by_key) > 512:
                by_key.pop(next(iter(by_key)))

    def wrap_key(module, name, shape):
        original = getattr(module, name, None)
        if not callable(original):
            return False

        @functools.wraps(original)
        def wrapper(*args, **kwargs):
            key = original(*args, **kwargs)
            try:
                bound = inspect.signature(original).bind(*args, **kwargs)
                record = shape(bound.arguments)
                record["key"] = key if isinstance(key, str) else None
                record["test_id"] = test_id_of(module)
                remember(record)
            except Exception:  # noqa: BLE001
                pass
            return key

        setattr(module, name, wrapper)
        return True

    def inference(a):
        return {"kind": "inference", "method": a.get("method"), "url": a.get("url"),
                "body": a.get("body")}

    def http(a):
        return {"kind": "http", "method": a.get("method"), "url": a.get("url"),
                "body": a.get("payload")}

    def tool(a):
        return {"kind": "tool", "method": None,
                "url": "tool://%s/%s" % (a.get("provider_name"), a.get("tool_name")),
                "body": a.get("kwargs")}

    def write_miss(error):
        message = str(error)
        m = hash_re.search(message)
        record = None
        if m:
            with lock:
                record = by_key.get(m.group(1))
        if record is None:
            record = last.get()
        if record is None:
            record = {"kind": None, "method": None, "url": None, "body": None,
                      "test_id": None, "key": m.group(1) if m else None}
        out = {"method": record.get("method"), "url": record.get("url"),
               "body": record.get("body"), "test_id": record.get("test_id"),
               "key": record.get("key"), "error": message}
        if record.get("kind"):
            out["kind"] = record["kind"]
        data = json.dumps(out, sort_keys=True, indent=2, default=str) + "\n"
        ident = out["key"] or hashlib.sha256(data.encode()).hexdigest()
        path = os.path.join(capture_dir, "miss-%s.json" % ident)
        tmp = os.path.join(capture_dir, ".miss-%s-%d.tmp" % (ident, os.getpid()))
        try:
            os.makedirs(capture_dir, exist_ok=True)
            if os.path.exists(path):
                return  # the same request (same key) missed before
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(data)
            os.replace(tmp, path)
        except OSError as exc:
            warn("cannot write %s: %s" % (path, exc))

    def is_miss(exc):
        return isinstance(exc, RuntimeError) and "Recording not found" in str(exc)

    def note_miss(exc):
        """Write ``exc`` down when it is a replay miss; never fails the caller."""
        if is_miss(exc):
            try:
                write_miss(exc)
            except Exception:  # noqa: BLE001
                pass

    def wrap_replay(module, name):
        original = getattr(module, name, None)
        if not callable(original):
            return False
        if inspect.iscoroutinefunction(original):
            @functools.wraps(original)
            async def wrapper(*args, **kwargs):
                try:
                    return await original(*args, **kwargs)
                except RuntimeError as exc:
                    note_miss(exc)
                    raise
        else:
            @functools.wraps(original)
            def wrapper(*args, **kwargs):
                try:
                    return original(*args, **kwargs)
                except RuntimeError as exc:
                    note_miss(exc)
                    raise
        setattr(module, name, wrapper)
        return True

    def patch(module):
        required = ("normalize_inference_request", "_patched_inference_method")
        missing = [n for n in required if not callable(getattr(module, n, None))]
        if missing:
            warn("%s has no %s; replay misses are not captured (the run goes on)"
                 % (module.__name__, ", ".join(missing)))
            return
        wrap_key(module, "normalize_inference_request", inference)
        wrap_key(module, "normalize_http_request", http)
        wrap_key(module, "normalize_tool_request", tool)
        for name in ("_patched_inference_method", "_patched_tool_invoke_method",
                     "_patched_httpx_async_post", "_patched_httpx_async_get",
                     "_patched_httpx_async_stream", "_genai_record_replay",
                     "_patched_aiohttp_post"):
            wrap_replay(module, name)

    class Loader(importlib.abc.Loader):
        def __init__(self, inner):
            self.inner = inner

        def create_module(self, spec):
            return self.inner.create_module(spec)

        def exec_module(self, module):
            self.inner.exec_module(module)
            try:
                patch(module)
            except Exception as exc:  # noqa: BLE001 - never break the run
                warn("could not hook %s (%s: %s); the run goes on without capture"
                     % (module.__name__, type(exc).__name__, exc))

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path, target=None):
            if fullname not in targets:
                return None
            for finder in _sys.meta_path:
                if finder is self or not hasattr(finder, "find_spec"):
                    continue
                spec = finder.find_spec(fullname, path, target)
                if spec is not None:
                    if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                        spec.loader = Loader(spec.loader)
                    return spec
            return None

    _sys.meta_path.insert(0, Finder())
    for name in targets:  # already imported (unlikely this early): patch now
        if name in _sys.modules:
            patch(_sys.modules[name])
    return here


def _chain(here):
    """Run the next ``sitecustomize`` on the path (ours shadowed it)."""
    import importlib.machinery
    import importlib.util
    import os
    rest = [p for p in _sys.path if os.path.abspath(p or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)


try:
    _here = _install()
    _chain(_here)
except Exception as _exc:  # noqa: BLE001 - the test run must never break here
    try:
        _sys.stderr.write("recviewer capture: hook not installed (%s)\n" % (_exc,))
    except Exception:  # noqa: BLE001
        pass
