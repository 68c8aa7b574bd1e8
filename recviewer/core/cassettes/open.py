"""Opening cassettes by address: ``FILE#N`` is interaction N (0-based) of a
cassette (split at the last ``#``). The CLI and the UI call these;
``formats.registry.read_recording`` hands cassette paths here.
"""

from __future__ import annotations

import os
from typing import Any

from recviewer.core.cassettes.cassette import (
    Cassette, is_cassette_name, looks_like_json_cassette, read_cassette,
)
from recviewer.core.cassettes.convert import interaction_recording, raw_view
from recviewer.core.cassettes.test_ids import TEST_ROOTS, cassette_test_id
from recviewer.core.errors import RecordingError
from recviewer.core.model import DataPart, Exchange, Message, Recording

EMPTY_FORMAT = "cassette"  # the format of an empty cassette (same as catalog index entries)


def split_address(address: str) -> tuple[str, int | None]:
    """``("FILE", N)`` for ``FILE#N`` when FILE exists and N is a number, else
    ``(address, None)``."""
    file, sep, tail = address.rpartition("#")
    if sep and tail.isdigit() and os.path.isfile(file):
        return file, int(tail)
    return address, None


def is_cassette_file(path: str) -> bool:
    """A cassette by name (``*.yaml``, ``*.yml``, ``*.yaml.gz``) or a vcrpy
    JSON cassette by its first bytes."""
    if is_cassette_name(path):
        return True
    if path.endswith(".json") and os.path.isfile(path):
        try:
            with open(path, "rb") as fh:
                return looks_like_json_cassette(fh.read(4096))
        except OSError:
            return False
    return False


def is_cassette_address(address: str) -> bool:
    file, index = split_address(address)
    return index is not None and is_cassette_file(file) or index is None and is_cassette_file(file)


def test_id_for(path: str) -> str:
    """The test id of a cassette opened by path: from its absolute path, which
    ``cassette_test_id`` cuts at the suite's ``tests`` folder (relative to the
    working folder when no such folder is above it)."""
    p = os.path.abspath(path)
    parts = p.replace(os.sep, "/").split("/")
    if any(name in TEST_ROOTS for name in parts[:-1]):
        return cassette_test_id("/".join(parts))
    try:
        rel = os.path.relpath(p)
    except ValueError:
        rel = p
    return cassette_test_id((p.lstrip("/") if rel.startswith("..") else rel).replace(os.sep, "/"))


def _cassette(file: str) -> Cassette | RecordingError:
    return read_cassette(file)


def read_interaction(address: str, test_id: str | None = None) -> Recording | RecordingError:
    """``FILE#N`` → that interaction; a bare ``FILE`` → its only interaction."""
    file, index = split_address(address)
    cas = _cassette(file)
    if isinstance(cas, RecordingError):
        return cas
    n = len(cas.interactions)
    if index is None:
        if n == 0:
            return empty_recording(file, test_id if test_id is not None else test_id_for(file),
                                   cas.size, cas.raw)
        if n != 1:
            return RecordingError(file, f"a cassette with {n} interactions: name one as "
                                        f"{file}#N (N from 0 to {n - 1})")
        index = 0
    if index >= n:
        return RecordingError(address, f"no interaction {index}: the cassette holds {n}")
    tid = test_id if test_id is not None else test_id_for(file)
    return interaction_recording(f"{file}#{index}", cas.interactions[index], tid, cas.size)


def empty_recording(path: str, test_id: str | None, size: int, raw: Any) -> Recording:
    """An empty cassette (``interactions: []``): an empty test, shown as such."""
    note = Message("request", (DataPart("Cassette", "an empty cassette: no interactions "
                                        "were recorded", None),))
    return Recording(path, test_id, None, None, None, None, EMPTY_FORMAT, False, None, None,
                     None, Exchange((note,)), raw, size)


def read_all(path: str, test_id: str | None = None
             ) -> list[Recording | RecordingError] | RecordingError:
    """Every interaction of a cassette, in recorded order."""
    cas = _cassette(path)
    if isinstance(cas, RecordingError):
        return cas
    tid = test_id if test_id is not None else test_id_for(path)
    return [interaction_recording(f"{path}#{i.index}", i, tid, cas.size)
            for i in cas.interactions]


def interaction_raw(address: str) -> dict[str, Any] | RecordingError:
    """For a Raw tab: the interaction as recorded plus its decoded bodies."""
    file, index = split_address(address)
    cas = _cassette(file)
    if isinstance(cas, RecordingError):
        return cas
    if index is None or index >= len(cas.interactions):
        return RecordingError(address, "no such interaction")
    return raw_view(cas.interactions[index])
