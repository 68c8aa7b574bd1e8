"""Folder stats of cassettes: provider from each interaction's URI host,
duplicates found per interaction (``FILE#N``)."""

from __future__ import annotations

import shutil

from recviewer.core.catalog.scan import scan
from recviewer.core.stats import file_facts, folder_stats, stats_dict
from tests.corpus_paths import CAS_BEDROCK_STREAM, CAS_GROQ_TOOLS_STREAM, CAS_JPEG, CAS_VOYAGE_400


def _folder(tmp_path):
    root = tmp_path / "suite"
    for src, rel in ((CAS_GROQ_TOOLS_STREAM, "tests/cassettes/test_a/test_one.yaml"),
                     (CAS_GROQ_TOOLS_STREAM, "tests/cassettes/test_b/test_two.yaml"),
                     (CAS_BEDROCK_STREAM, "tests/cassettes/test_a/test_bedrock.yaml"),
                     (CAS_JPEG, "tests/cassettes/test_a/test_jpeg.yaml"),
                     (CAS_VOYAGE_400, "tests/cassettes/test_a/test_voyage.yaml")):
        dest = root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    return root


def test_provider_comes_from_each_interactions_host(tmp_path):
    root = _folder(tmp_path)
    catalog = scan(root)
    stats = folder_stats(catalog)
    providers = stats.groups["provider"]
    by_rel = {r.path: r.rel_path for r in catalog.refs}
    assert sorted(by_rel[p] for p in providers["groq"]) == sorted(
        f"tests/cassettes/test_{t}.yaml#{i}" for t in ("a/test_one", "b/test_two")
        for i in range(3))
    assert [by_rel[p] for p in providers["bedrock"]] == ["tests/cassettes/test_a/test_bedrock.yaml#0"]
    # the JPEG download's host, then the Anthropic call of the same cassette
    jpeg = sorted((by_rel[p], name) for name, paths in providers.items() for p in paths
                  if "test_jpeg" in by_rel[p])
    assert jpeg[0][0].endswith("#0") and jpeg[0][1] not in ("anthropic", "(none)")
    assert jpeg[1] == ("tests/cassettes/test_a/test_jpeg.yaml#1", "anthropic")
    assert stats_dict(stats)["by_provider"]["groq"] == 6


def test_duplicates_pair_the_same_interaction_of_two_cassettes(tmp_path):
    root = _folder(tmp_path)
    stats = folder_stats(scan(root))
    pairs = {d.rel_paths: d.kind for d in stats.duplicates}
    for i in range(3):
        key = (f"tests/cassettes/test_a/test_one.yaml#{i}", f"tests/cassettes/test_b/test_two.yaml#{i}")
        assert pairs.get(key) == "both", (key, pairs)
    # different interactions of one cassette are not duplicates of each other
    assert not any(len({p.rpartition("#")[0] for p in paths}) == 1 and len(paths) > 1
                   for paths in pairs)


def test_file_facts_of_one_interaction_and_of_a_gone_one(tmp_path):
    root = _folder(tmp_path)
    refs = [r for r in scan(root).refs if r.rel_path.endswith("test_voyage.yaml#0")]
    facts = file_facts(refs[0])
    assert facts.provider == "api.voyageai.com" and facts.response_digest is not None
    gone = refs[0].__class__(refs[0].path[:-1] + "7", "x#7", None, None, None, "", False, None,
                             0, None)
    assert file_facts(gone).response_digest is None
