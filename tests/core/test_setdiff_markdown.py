"""The Markdown review report: tables of a real pair, capped details, and
recorded text that cannot break the Markdown or inject HTML."""

from __future__ import annotations

import json
import re
import shutil

from recviewer.core.setdiff import compare_folders, compare_revisions
from recviewer.core.setdiff.markdown import MAX_DETAILS, html_text, markdown_report, md_text
from tests.corpus_paths import HISTORY_PATHSPEC, HISTORY_QWEN3, HISTORY_RANGE, SMALL_CHAT

HOSTILE = ("</details></summary><script>alert(1)</script><img src=x onerror=alert(2)> "
           "| col | ![pixel](http://evil.example/p.png) [link](javascript:alert(3)) **bold** "
           "`code` <!-- c --> @octocat $x^2$\n\n# heading\n- item\u202etxt.exe")


def _table(report: str, heading: str) -> list[list[str]]:
    block = report.split(heading, 1)[1].split("\n\n", 2)[1]
    return [[c.strip() for c in line.strip("|").split("|")] for line in block.splitlines()]


def test_report_of_a_real_pair_has_its_tables(history_repo):
    d = compare_revisions(str(history_repo), *HISTORY_QWEN3, [HISTORY_PATHSPEC])
    report = markdown_report(d)
    assert report.startswith("## Recording changes: ")
    assert "**20** real changes, **23** noise-only, **134** unchanged." in report
    summary = dict(row for row in (r for r in _table(report, "**20** real changes")[2:]))
    assert summary == {"noise only": "23", "response changed": "19", "request changed": "0",
                       "added": "1", "removed": "0", "unchanged": "134"}
    by_file = _table(report, "### By test file")
    assert by_file[0] == ["test file", "noise", "response", "request", "added", "removed"]
    rows = {r[0]: r[1:] for r in by_file[2:]}
    assert sum(int(r[1]) for r in rows.values()) == 19 and sum(int(r[0]) for r in rows.values()) == 23
    assert "tests/integration/safety/test\\_safety.py" in rows  # escaped, still readable
    by_model = _table(report, "### By provider and model")
    assert by_model[0][:2] == ["provider", "model"] and len(by_model) >= 3
    assert {r[0] for r in by_model[2:]} == {"ollama"}  # localhost:11434 and txt=ollama/…
    # each real change once in <details>, noise-only files counted not listed
    assert report.count("<details>") == report.count("</details>") == 20
    noise_paths = [p.path for p in d.pairs if p.cls == "noise"]
    assert not any(md_text(p, 200) in report for p in noise_paths)
    assert "23 files differ only by normalisation noise" in report
    assert "~~" in report and "**" in report  # the answer's changed words


def test_a_big_change_is_capped_and_says_how_many_more(history_repo):
    d = compare_revisions(str(history_repo), *HISTORY_RANGE, [HISTORY_PATHSPEC])
    real = sum(1 for p in d.pairs if p.cls != "noise")
    report = markdown_report(d)
    assert real > MAX_DETAILS
    assert report.count("<details>") == MAX_DETAILS
    assert f"… and {real - MAX_DETAILS} more changes not shown" in report
    assert len(report) < 200_000
    first = report.index("<details>")
    assert "<summary>request · " in report[first:first + 200]  # request changes first


def _hostile_pair(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    for folder in (old, new):
        folder.mkdir()
    shutil.copy(SMALL_CHAT, old / SMALL_CHAT.name)
    doc = json.loads(SMALL_CHAT.read_text())
    doc["response"]["body"]["__data__"]["choices"][0]["message"]["content"] = HOSTILE
    doc["test_id"] = "tests/x_test.py::test_" + HOSTILE
    (new / SMALL_CHAT.name).write_text(json.dumps(doc, indent=2))
    return compare_folders(str(old), str(new))


def test_hostile_text_cannot_break_the_markdown_or_inject_html(tmp_path):
    d = _hostile_pair(tmp_path)
    [pair] = d.pairs
    assert pair.cls == "request"  # the test id changed in place: stale
    report = markdown_report(d)
    lowered = report.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<!--" not in report
    # only the report's own tags
    assert re.findall(r"</?[a-z]+", report) == ["<details", "<summary", "</summary",
                                                "</details"]
    assert "![" not in report and "](" not in report.replace("\\](", "")
    assert "@octocat" not in report and "\u202e" not in report
    for line in report.splitlines():
        assert not line.startswith("# heading")  # no line of recorded text starts a block
        if line.startswith("|"):  # table rows keep their column count
            assert line.count("|") - line.count("\\|") in (3, 8, 7)
    assert "alert" in report  # the text is shown, inert, not dropped


def test_escaping_helpers():
    assert md_text("a|b*c_d<e>&") == "a\\|b\\*c\\_d&lt;e&gt;&amp;"
    assert md_text("x\ny\r\nz") == "x y z"
    assert html_text("<b>\"x\"</b>") == "&lt;b&gt;&quot;x&quot;&lt;/b&gt;"
    assert len(md_text("x" * 10_000)) <= 200
