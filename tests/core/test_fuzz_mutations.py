"""Seeded fuzzing: damaged copies of real recordings through every core consumer.

Each example mutates one small real recording (deleted keys, values replaced by
the wrong type, 1e400 / 10**400, 10,000-deep nesting, duplicate keys, lone
surrogate escapes, ``__type__`` envelopes naming callables; or byte damage:
truncation, flipped bytes, NUL, BOM, invalid UTF-8, UTF-16 with and without
BOM) and runs it through ``fuzz_support.exercise``: read_recording, the replay
cursor, exports, diff, the catalog and the CLI in-process. Zero problems allowed.

Reproducible: examples are derandomized. ``RECVIEWER_FUZZ_EXAMPLES=2000`` runs
more; ``RECVIEWER_FUZZ_SEED=n`` explores another seed; ``RECVIEWER_FUZZ_SAVE=DIR``
keeps inputs that broke something (copy them into tests/regressions/).
"""

from __future__ import annotations

import copy
import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings, strategies as st

from tests.support.fuzz import (
    HOSTILE_VALUES, SOURCES, as_utf16, delete_at, dump, duplicate_key_at, exercise,
    flip_byte, fuzz_examples, insert_at, load_source, paths_of, replace_at, save_failure,
    with_bom,
)

_SEED = os.environ.get("RECVIEWER_FUZZ_SEED")


def _settings(default: int):
    return settings(max_examples=fuzz_examples(default), deadline=None, database=None,
                    derandomize=_SEED is None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _seeded(fn):
    return seed(int(_SEED))(fn) if _SEED and _SEED.isdigit() else fn


_DOCS: dict[Path, object] = {}
_PATHS: dict[Path, list[tuple]] = {}


def _source(i: int) -> tuple[Path, object, list[tuple]]:
    src = SOURCES[i % len(SOURCES)]
    if src not in _DOCS:
        _DOCS[src] = load_source(src)
        _PATHS[src] = paths_of(_DOCS[src])
    return src, copy.deepcopy(_DOCS[src]), _PATHS[src]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _check(workdir: Path, data: bytes, what: str, source: Path = SOURCES[0]) -> None:
    path = workdir / "case.json"
    path.write_bytes(data)
    problems = exercise(path, against=source)
    if problems:
        name = hashlib.sha256(data).hexdigest()[:16] + ".json"
        save_failure(data, name)
        pytest.fail(f"{what}:\n" + "\n".join(problems))


STRUCT_KINDS = ("delete", "replace", "duplicate", "replace_top")
mutation = st.tuples(st.sampled_from(STRUCT_KINDS), st.integers(0, 10 ** 6),
                     st.integers(0, len(HOSTILE_VALUES) - 1))


def test_every_source_is_a_readable_recording():
    from recviewer.core.formats.registry import read_recording
    from recviewer.core.model import Recording

    formats = set()
    for src in SOURCES:
        rec = read_recording(src)
        assert isinstance(rec, Recording), rec
        formats.add((rec.format, rec.streaming))
    assert len(formats) >= 14, formats  # the sources cover the adapters


@_seeded
@_settings(100)
@given(source=st.integers(0, len(SOURCES) - 1), mutations=st.lists(mutation, min_size=1, max_size=3))
def test_structural_mutations_are_handled(workdir, source, mutations):
    src, doc, paths = _source(source)
    done = []
    for kind, where, value_index in mutations:
        value = HOSTILE_VALUES[value_index]
        live = paths_of(doc) if done else paths
        if not live or not isinstance(doc, dict):
            break
        path = live[where % len(live)]
        try:
            if kind == "delete":
                delete_at(doc, path)
            elif kind == "replace":
                replace_at(doc, path, copy.deepcopy(value))
            elif kind == "duplicate":
                duplicate_key_at(doc, path, copy.deepcopy(value))
            else:
                key = ("request", "response", "test_id")[where % 3]
                doc[key] = copy.deepcopy(value)
        except (KeyError, IndexError, TypeError):
            continue  # the path went away with an earlier mutation
        done.append((kind, path, value))
    _check(workdir, dump(doc).encode(), f"{src.name} mutated by {done!r:.600}", src)


BYTE_KINDS = ("truncate", "flip", "nul", "bom", "bad_utf8", "utf16", "utf16_nobom",
              "utf16be", "utf16be_nobom", "cut_middle")


@_seeded
@_settings(60)
@given(source=st.integers(0, len(SOURCES) - 1), kind=st.sampled_from(BYTE_KINDS),
       where=st.integers(0, 10 ** 7), value=st.integers(0, 255))
def test_byte_mutations_are_handled(workdir, source, kind, where, value):
    src = SOURCES[source % len(SOURCES)]
    data = src.read_bytes()
    at = where % (len(data) + 1)
    if kind == "truncate":
        data = data[:at]
    elif kind == "flip":
        data = flip_byte(data, at, value)
    elif kind == "nul":
        data = insert_at(data, at, b"\x00")
    elif kind == "bom":
        data = with_bom(data)
    elif kind == "bad_utf8":
        data = insert_at(data, at, bytes([0x80 | (value & 0x3F), 0xFF]))
    elif kind == "cut_middle":
        data = data[:at] + data[at + 1 + value:]
    else:
        data = as_utf16(data, bom="nobom" not in kind, big_endian="be" in kind)
    _check(workdir, data, f"{src.name}: {kind} at {at} (value {value})", src)


@pytest.mark.parametrize("src", SOURCES, ids=lambda p: p.stem[:12])
def test_every_top_level_key_deleted_or_retyped(workdir, src):
    """Exhaustive (not random): every top-level and request/response key of every
    source, deleted, or set to each wrong type."""
    base = load_source(src)
    targets = [(k,) for k in base] + [(s, k) for s in ("request", "response")
                                      for k in (base.get(s) or {})]
    for path in targets:
        doc = copy.deepcopy(base)
        delete_at(doc, path)
        _check(workdir, dump(doc).encode(), f"{src.name}: deleted {path}", src)
        for value in ([], 0, None, "x", {}):
            doc = copy.deepcopy(base)
            replace_at(doc, path, value)
            problems = exercise(_write(workdir, dump(doc).encode()), cli=False, against=src)
            assert not problems, f"{src.name}: {path} = {value!r}:\n" + "\n".join(problems)


def _write(workdir: Path, data: bytes) -> Path:
    path = workdir / "case.json"
    path.write_bytes(data)
    return path
