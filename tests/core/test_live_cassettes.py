"""Live reload of cassettes: the snapshot sees *.yaml / *.yml / *.yaml.gz, and a
check names catalog entries (``REL#N``), so added and removed interactions of
a real cassette copied to tmp_path and edited show up."""

from __future__ import annotations

import gzip
import os
import shutil

from recviewer.core.catalog.folder_check import check_folder, take_state
from recviewer.core.catalog.scan import scan
from recviewer.core.folder_changes import FolderSnapshot
from tests.corpus_paths import CAS_GROQ_TOOLS_STREAM, CAS_MCP, SEED

REL = "tests/cassettes/test_x/test_groq.yaml"  # a pytest-recording layout


def _folder(tmp_path):
    root = tmp_path / "suite"
    dest = root / REL
    dest.parent.mkdir(parents=True)
    shutil.copyfile(CAS_GROQ_TOOLS_STREAM, dest)
    shutil.copyfile(SEED, root / "recording.json")
    return root, dest


def _blocks(data: bytes) -> tuple[bytes, list[bytes]]:
    """(the text before the first interaction, each interaction's block)."""
    head, _, rest = data.partition(b"\n- request:")
    blocks = [b"\n- request:" + b for b in rest.split(b"\n- request:")]
    return head, blocks


def _bump(path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))


def test_snapshot_lists_cassettes_like_the_walk(tmp_path):
    root, dest = _folder(tmp_path)
    (root / "b.yml").write_bytes(b"interactions: []\n")
    (root / "c.yaml.gz").write_bytes(gzip.compress(b"interactions: []\n"))
    (root / "notes.txt").write_text("x")
    snap = FolderSnapshot.take(root)
    assert set(snap.files) == {REL, "recording.json", "b.yml", "c.yaml.gz"}
    assert set(snap.files) == {r.rel_path.partition("#")[0] for r in scan(root).refs}


def test_baseline_counts_the_interactions_of_each_cassette(tmp_path):
    root, dest = _folder(tmp_path)
    state = take_state(str(root), 100)
    entries = [r.rel_path for r in scan(root).refs if r.rel_path.startswith(REL)]
    assert entries == [f"{REL}#0", f"{REL}#1", f"{REL}#2"]
    assert dict(state.snapshot.parts) == {REL: 3}


def test_an_added_interaction_is_reported_as_added_and_read(tmp_path):
    root, dest = _folder(tmp_path)
    state = take_state(str(root), 100)
    head, blocks = _blocks(dest.read_bytes())
    dest.write_bytes(head + b"".join([blocks[0]] + blocks))  # #0 twice: 4 interactions
    result = check_folder(str(root), state.snapshot, 100)
    assert result is not None
    assert result.changes.added == (f"{REL}#3",)
    assert result.changes.modified == (f"{REL}#0", f"{REL}#1", f"{REL}#2")
    assert result.changes.removed == ()
    refs = {r.rel_path: r for r in result.refs}
    assert set(refs) == {f"{REL}#{i}" for i in range(4)}
    assert refs[f"{REL}#3"].path == os.path.join(str(root), *REL.split("/")) + "#3"
    assert refs[f"{REL}#1"].model == refs[f"{REL}#0"].model == "openai/gpt-oss-120b"
    assert refs[f"{REL}#3"].test_id == "tests/test_x.py::test_groq"
    assert result.state.snapshot.parts[REL] == 4
    # the new snapshot is the next baseline: a second edit is measured from it
    dest.write_bytes(head + blocks[0] + b"\nversion: 1\n")
    again = check_folder(str(root), result.state.snapshot, 100)
    assert again is not None
    assert again.changes.removed == (f"{REL}#1", f"{REL}#2", f"{REL}#3")
    assert again.changes.modified == (f"{REL}#0",) and again.changes.added == ()
    assert again.state.snapshot.parts[REL] == 1


def test_removed_interactions_and_a_removed_cassette(tmp_path):
    root, dest = _folder(tmp_path)
    state = take_state(str(root), 100)
    head, blocks = _blocks(dest.read_bytes())
    dest.write_bytes(head + blocks[0] + blocks[1] + b"\nversion: 1\n")
    result = check_folder(str(root), state.snapshot, 100)
    assert result is not None and result.changes.removed == (f"{REL}#2",)
    assert [r.rel_path for r in result.refs] == [f"{REL}#0", f"{REL}#1"]
    dest.unlink()
    gone = check_folder(str(root), result.state.snapshot, 100)
    assert gone is not None
    assert gone.changes.removed == (f"{REL}#0", f"{REL}#1")
    assert gone.refs == () and REL not in gone.state.snapshot.parts


def test_an_emptied_cassette_becomes_its_one_empty_entry(tmp_path):
    root, dest = _folder(tmp_path)
    state = take_state(str(root), 100)
    dest.write_bytes(b"interactions: []\nversion: 1\n")
    result = check_folder(str(root), state.snapshot, 100)
    assert result is not None
    assert result.changes.added == (REL,)
    assert result.changes.removed == (f"{REL}#0", f"{REL}#1", f"{REL}#2")
    assert [(r.rel_path, r.format, r.error) for r in result.refs] == [(REL, "cassette", None)]


def test_a_new_cassette_lists_every_interaction_and_plain_json_stays_one_entry(tmp_path):
    root, dest = _folder(tmp_path)
    state = take_state(str(root), 100)
    new = root / "tests/cassettes/test_x/test_mcp.yaml"
    shutil.copyfile(CAS_MCP, new)
    _bump(root / "recording.json")
    result = check_folder(str(root), state.snapshot, 100)
    assert result is not None
    rel = "tests/cassettes/test_x/test_mcp.yaml"
    n = len([r for r in scan(root).refs if r.rel_path.startswith(rel + "#")])
    assert n > 10
    assert result.changes.added == tuple(sorted(f"{rel}#{i}" for i in range(n)))
    assert result.changes.modified == ("recording.json",)
    assert result.state.snapshot.parts == {REL: 3, rel: n}
