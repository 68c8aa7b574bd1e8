"""``story_of`` / ``order_refs`` / ``read_facts`` with a byte reader: the same
story as from the disk, every byte through the reader (a git revision's
catalog spells paths ``3f2a9c1d0e:tests/…/x.json``, which no disk read finds)."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from recviewer.core.catalog.scan import scan
from recviewer.core.sequence import order_refs, read_facts, story_of
from recviewer.core.sources.base import GitRevisionSource, scan_source
from tests.conftest import extract_revision
from tests.corpus_paths import (CAS_GROQ_TOOLS_STREAM, CAS_MCP, HISTORY_MESSAGES, HISTORY_PATHSPEC,
                                MCP_TEST_ID, RECORDINGS)
from tests.support.prefixed_reader import PREFIX, PrefixedReader

REV = HISTORY_MESSAGES[0]  # has chat tests whose files HEAD no longer has


def _prefixed(refs):
    return [dataclasses.replace(r, path=PREFIX + r.path) for r in refs]


Reader = PrefixedReader


def _unprefixed(story):
    """The story with the prefix taken off every path (to compare with the disk's)."""
    calls = tuple(dataclasses.replace(c, facts=dataclasses.replace(
        c.facts, path=c.facts.path.removeprefix(PREFIX))) for c in story.calls)
    unplaced = tuple(dataclasses.replace(f, path=f.path.removeprefix(PREFIX))
                     for f in story.unplaced)
    return dataclasses.replace(story, calls=calls, unplaced=unplaced)


def test_story_through_a_reader_equals_the_story_from_disk():
    refs = scan(RECORDINGS).refs
    disk = story_of(refs, MCP_TEST_ID)
    reader = Reader()
    story = story_of(_prefixed(refs), MCP_TEST_ID, read_bytes=reader)
    assert story is not None and disk is not None and len(disk.calls) >= 4
    assert _unprefixed(story) == disk
    own = {PREFIX + r.path for r in refs if r.test_id == MCP_TEST_ID}
    assert own <= set(reader.asked)


def test_order_refs_through_a_reader_equals_order_refs_from_disk():
    refs = [r for r in scan(RECORDINGS).refs if r.test_id == MCP_TEST_ID]
    disk = order_refs(refs)
    got = order_refs(_prefixed(refs), read_bytes=Reader())
    assert disk and {p.removeprefix(PREFIX): n for p, n in got.items()} == disk


def test_cassette_interactions_through_a_reader(tmp_path):
    root = tmp_path / "suite"
    for src, rel in ((CAS_MCP, "tests/cassettes/test_temporal/test_mcp.yaml"),
                     (CAS_GROQ_TOOLS_STREAM, "tests/cassettes/test_groq/test_tools.yaml")):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, root / rel)
    refs = scan(root).refs
    for test_id in ("tests/test_temporal.py::test_mcp", "tests/test_groq.py::test_tools"):
        disk = story_of(refs, test_id)
        reader = Reader()
        story = story_of(_prefixed(refs), test_id, read_bytes=reader)
        assert disk is not None and disk.calls
        assert _unprefixed(story) == disk
        assert len(set(reader.asked)) == 1  # the cassette read once for all its interactions
        assert order_refs(_prefixed(refs), read_bytes=Reader()) == {
            PREFIX + p: n for p, n in order_refs(refs).items()}


def test_a_reader_that_fails_makes_the_call_unplaced_with_its_reason(tmp_path):
    def failing(path: str) -> bytes:
        raise FileNotFoundError(2, "not in the revision")

    facts = read_facts("rev:gone.json", "gone.json", failing)
    assert not facts.conversational and facts.error and "not in the revision" in facts.error


@pytest.fixture(scope="module")
def revision(history_repo):
    source = GitRevisionSource.from_repo(history_repo, REV, (HISTORY_PATHSPEC,))
    assert not isinstance(source, Exception) and hasattr(source, "entries")
    yield source
    source.blobs.close()
    source.close()


def _git_reader(source):
    by_path = {source.path_of(e): e for e in source.entries()}

    def read(path: str) -> bytes:
        entry = by_path[path]
        data = next(d for _, d in source.read([entry]))
        if isinstance(data, tuple):
            raise OSError(data[0])
        return data
    return read


def test_a_story_at_a_git_revision_equals_the_story_of_the_extracted_revision(
        history_repo, revision, tmp_path):
    catalog = scan_source(revision)
    extracted = extract_revision(history_repo, REV, tmp_path / "x", HISTORY_PATHSPEC)
    disk_refs = scan(extracted).refs
    # a test of that revision whose files no longer exist at HEAD
    gone = sorted({r.test_id for r in catalog.refs if r.test_id and r.is_recording
                   and not (history_repo / r.rel_path).exists()})
    assert gone
    read = _git_reader(revision)
    stories = {t: story_of(catalog.refs, t, read_bytes=read) for t in gone}
    with_calls = [t for t, s in stories.items() if s is not None and len(s.calls) >= 2]
    assert with_calls
    for test_id in with_calls:
        story, disk = stories[test_id], story_of(disk_refs, test_id)
        assert disk is not None
        assert [(c.facts.rel_path, c.after, c.depth) for c in story.calls] == [
            (c.facts.rel_path, c.after, c.depth) for c in disk.calls]
        assert [c.facts.request for c in story.calls] == [c.facts.request for c in disk.calls]
        assert any(c.after for c in story.calls)  # a real chain, read from git objects
        assert all(c.facts.path.startswith(f"{revision.short}:") for c in story.calls)
