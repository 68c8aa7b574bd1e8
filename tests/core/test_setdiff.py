"""Set diffs on the real history bundle: the manifest's notable pairs give its
counts; noise-only rewrites are noise; key changes pair as request; identical
blobs are never read; folders give what revisions give."""

from __future__ import annotations

import json

import pytest

from recviewer.core.diff import diff_recordings
from recviewer.core.errors import RecordingError
from recviewer.core.setdiff import COUNT_KEYS, compare_folders, compare_revisions, compare_sources
from recviewer.core.sources import GitRevisionSource
from recviewer.core.sources import git as git_module
from tests.conftest import extract_revision
from tests.corpus_paths import (
    HISTORY_BEDROCK_RENAME, HISTORY_DELETIONS, HISTORY_ISOLATION, HISTORY_MESSAGES,
    HISTORY_MODEL_LIST, HISTORY_MOVE_OUT, HISTORY_OGX_RENAME, HISTORY_PATHSPEC, HISTORY_QWEN3,
    HISTORY_RANGE, HISTORY_READDED, HISTORY_REKEY, HISTORY_REMOVE_UNUSED, HISTORY_RENAMED_BACK,
    HISTORY_RERECORD, SMALL_CHAT,
)

# The manifest's table: JSON paths added / removed / modified by git diff-tree
# (the move-out's 28 removed paths include index.sqlite, not a *.json), then
# the modified split (noise-only, response, request) and removed+added pairs.
MANIFEST = [
    (HISTORY_MOVE_OUT, 0, 27, 0, 0, 0, 0, 0),
    (HISTORY_ISOLATION, 197, 0, 0, 0, 0, 0, 0),
    (HISTORY_REKEY, 47, 131, 76, 0, 48, 28, 0),
    (HISTORY_QWEN3, 1, 0, 42, 23, 19, 0, 0),
    (HISTORY_RERECORD, 1, 0, 26, 9, 17, 0, 0),
    (HISTORY_REMOVE_UNUSED, 0, 47, 0, 0, 0, 0, 0),
    (HISTORY_DELETIONS, 0, 20, 0, 0, 0, 0, 0),
    (HISTORY_BEDROCK_RENAME, 7, 6, 0, 0, 0, 0, 0),
    (HISTORY_RENAMED_BACK, 13, 8, 0, 0, 0, 0, 1),
    (HISTORY_MODEL_LIST, 21, 0, 1, 0, 1, 0, 0),
    (HISTORY_OGX_RENAME, 0, 0, 21, 0, 0, 21, 0),
    (HISTORY_MESSAGES, 13, 0, 0, 0, 0, 0, 0),
    (HISTORY_RANGE, 284, 141, 56, 1, 26, 29, 2),
    (HISTORY_READDED, 76, 20, 9, 0, 0, 9, 0),
]


def _diff(repo, pair):
    got = compare_revisions(str(repo), pair[0], pair[1], [HISTORY_PATHSPEC])
    assert not isinstance(got, RecordingError), got
    return got


@pytest.mark.parametrize("pair, added, removed, modified, noise, response, in_place_request, pairs",
                         MANIFEST, ids=[m[0][0] + ".." + m[0][1] for m in MANIFEST])
def test_manifest_pairs_give_the_manifest_counts(history_repo, pair, added, removed, modified,
                                                 noise, response, in_place_request, pairs):
    d = _diff(history_repo, pair)
    in_place = [p for p in d.pairs if p.old is not None and p.old == p.new]
    key_changes = [p for p in d.pairs if p.key_changed]
    assert sum(1 for p in d.pairs if p.new is not None and p.old != p.new) == added
    assert sum(1 for p in d.pairs if p.old is not None and p.old != p.new) == removed
    assert len(in_place) == modified
    assert [sum(1 for p in in_place if p.cls == c) for c in ("noise", "response", "request")] \
        == [noise, response, in_place_request]
    assert len(key_changes) == pairs and all(p.cls == "request" for p in key_changes)
    assert d.counts["added"] == added - pairs and d.counts["removed"] == removed - pairs
    assert set(d.counts) == set(COUNT_KEYS)
    assert sum(d.counts.values()) - d.counts["unchanged"] == len(d.pairs)
    assert d.different == any(p.cls != "noise" for p in d.pairs)


def test_noise_only_rewrites_are_noise_and_really_only_noise(history_repo):
    d = _diff(history_repo, HISTORY_QWEN3)
    noise = [p for p in d.pairs if p.cls == "noise"]
    assert len(noise) == 23
    for p in noise:
        assert p.old == p.new and p.diff is not None and p.diff.only_noise
        assert p.summary.startswith("equivalent")
    for p in d.pairs:
        if p.cls == "response":
            assert not p.diff.equivalent and not p.stale
            assert all(not c.path.startswith("request") for c in p.diff.real_changes)


def test_key_change_pairs_as_request(history_repo):
    d = _diff(history_repo, HISTORY_RENAMED_BACK)
    [pair] = [p for p in d.pairs if p.cls == "request"]
    assert pair.old != pair.new and pair.old.startswith("tests/integration/common/")
    assert pair.test_id is None and pair.endpoint == "/v1/models"
    assert pair.summary.startswith("key changed")
    # the Bedrock renames changed test ids too: not pairable, added/removed
    renamed = _diff(history_repo, HISTORY_BEDROCK_RENAME)
    assert {p.cls for p in renamed.pairs} == {"added", "removed"}


def test_request_changed_in_place_is_stale(history_repo):
    d = _diff(history_repo, HISTORY_OGX_RENAME)
    assert len(d.pairs) == 21
    for p in d.pairs:
        assert p.cls == "request" and p.stale and p.old == p.new
        assert any(c.path in ("request.url", "meta.test_id") for c in p.diff.real_changes)


def test_pairs_are_in_index_order_with_repository_relative_paths(history_repo):
    d = _diff(history_repo, HISTORY_RANGE)
    keys = [p.old if p.old is not None else p.new for p in d.pairs]
    assert keys == sorted(keys)
    assert all(k.startswith(HISTORY_PATHSPEC + "/") for k in keys)


def test_identical_blobs_are_not_read(history_repo, monkeypatch):
    asked: list[str] = []
    real = git_module.BlobReader.read

    def spy(self, oids):
        asked.extend(oids)
        return real(self, oids)

    monkeypatch.setattr(git_module.BlobReader, "read", spy)
    d = _diff(history_repo, HISTORY_QWEN3)
    assert d.counts["unchanged"] == 134
    assert len(asked) == 2 * 42 + 1  # both sides of the modified files, the added one


def test_two_folders_give_what_two_revisions_give(history_repo, tmp_path):
    a = extract_revision(history_repo, HISTORY_RENAMED_BACK[0], tmp_path / "a", HISTORY_PATHSPEC)
    b = extract_revision(history_repo, HISTORY_RENAMED_BACK[1], tmp_path / "b", HISTORY_PATHSPEC)
    folders = compare_folders(str(a), str(b))
    revisions = _diff(history_repo, HISTORY_RENAMED_BACK)
    assert folders.to_json() == revisions.to_json()
    assert folders.counts["unchanged"] == 294


def test_bad_inputs_are_errors(history_repo, tmp_path):
    assert isinstance(compare_revisions(str(history_repo), "nope", "HEAD"), RecordingError)
    assert isinstance(compare_revisions(str(tmp_path), "HEAD", "HEAD"), RecordingError)
    got = compare_folders(str(tmp_path / "absent"), str(tmp_path))
    assert isinstance(got, RecordingError) and got.reason == "no such folder"


def test_the_same_revision_twice_is_all_unchanged(history_repo):
    d = _diff(history_repo, (HISTORY_QWEN3[1], HISTORY_QWEN3[1]))
    assert d.pairs == () and not d.different and d.counts["unchanged"] == 177


def test_recording_diff_is_the_two_file_diff(history_repo):
    d = _diff(history_repo, HISTORY_RERECORD)
    p = next(p for p in d.pairs if p.cls == "response")
    again = diff_recordings(p.old_recording, p.new_recording)
    assert again.changes == p.diff.changes


def _write(path, doc):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2))


def test_same_test_id_key_change_with_a_changed_prompt_pairs_as_request(tmp_path):
    doc = json.loads(SMALL_CHAT.read_text())
    old, new = tmp_path / "old", tmp_path / "new"
    _write(old / "a/old-name.json", doc)
    changed = json.loads(SMALL_CHAT.read_text())
    changed["request"]["body"]["messages"][0]["content"] += " Answer briefly."
    _write(new / "b/new-name.json", changed)  # another folder, another name
    other = json.loads(SMALL_CHAT.read_text())
    other["test_id"] = doc["test_id"] + "-other"
    _write(new / "a/unrelated.json", other)  # same request, another test: not a partner
    d = compare_folders(str(old), str(new))
    pairs = {(p.old, p.new, p.cls) for p in d.pairs}
    assert pairs == {("a/old-name.json", "b/new-name.json", "request"),
                     (None, "a/unrelated.json", "added")}
    [key_change] = [p for p in d.pairs if p.cls == "request"]
    assert key_change.test_id == doc["test_id"] and not key_change.stale
    assert any(c.path.startswith("request.messages") for c in key_change.diff.real_changes)


def test_unreadable_files_are_classified_not_raised(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    for folder, body in ((old, b'{"request": {'), (new, b'{"request": {"x"')):
        folder.mkdir()
        (folder / "broken.json").write_bytes(body)
        (folder / "same.json").write_bytes(b"not json")
    (new / "empty.json").write_bytes(b"")
    d = compare_folders(str(old), str(new))
    by_path = {p.path: p for p in d.pairs}
    assert by_path["broken.json"].cls == "response" and "not a readable" in by_path["broken.json"].summary
    assert by_path["empty.json"].cls == "added" and by_path["empty.json"].summary
    assert d.counts["unchanged"] == 1


def test_progress_and_cancel(history_repo):
    seen = []
    with GitRevisionSource.from_repo(history_repo, HISTORY_QWEN3[0]) as a, \
            GitRevisionSource.from_repo(history_repo, HISTORY_QWEN3[1]) as b:
        done = compare_sources(a, b, progress=lambda n, total: seen.append((n, total)))
        stopped = compare_sources(a, b, cancel=lambda: len(seen) >= 1)
    assert seen[-1] == (43, 43) and not done.cancelled
    assert stopped.cancelled and len(stopped.pairs) < len(done.pairs)
