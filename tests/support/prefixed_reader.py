"""A byte reader for paths spelled ``rev:PATH`` (a spelling no file on disk
has): it reads PATH and remembers what it was asked — a stand-in for a git
revision's blob reader in core tests."""

from __future__ import annotations

from pathlib import Path

PREFIX = "rev:"


class PrefixedReader:
    """Bytes of ``rev:PATH`` from PATH; ``asked`` lists every path read."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, path: str) -> bytes:
        self.asked.append(path)
        assert path.startswith(PREFIX), path
        return Path(path[len(PREFIX):]).read_bytes()
