"""docs/architecture.md names every module under recviewer/.

A module ``a/b/c.py`` (path relative to recviewer/) is named when the page has
its path or a tail of it with a folder (``b/c.py``), or when one paragraph,
list item or table row (read with the heading of its section) names its
package folder (``b/``) and the file (``c.py``, or ``c`` in a list of names).
A package ``__init__.py`` is named with its folder.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "recviewer"
DOC = ROOT / "docs" / "architecture.md"


def _blocks(text: str) -> list[str]:
    """Paragraphs, list items and table rows, each with its section's heading."""
    out: list[str] = []
    for section in re.split(r"\n(?=#)", text):
        heading, _, body = section.partition("\n")
        if not heading.startswith("#"):
            heading, body = "", section
        for para in re.split(r"\n\s*\n", body):
            out.extend(f"{heading}\n{item}" for item in re.split(r"\n(?=\s*(?:- |\| ))", para))
    return out


def is_named(rel: str, text: str, blocks: list[str]) -> bool:
    parts = rel.split("/")
    if parts[-1] == "__init__.py":
        folder = "/".join(parts[:-1])
        return not folder or f"{parts[-2]}/" in text
    if len(parts) == 1:
        return f"{rel}" in text
    for start in range(len(parts) - 1):
        if "/".join(parts[start:]) in text:
            return True
    folder, name = parts[-2] + "/", parts[-1]
    stem = re.escape(name[:-3])
    # ``c.py`` as a word, or ``c`` in backquotes or in a list of names.
    word = re.compile(rf"(?<![\w.]){re.escape(name)}|`{stem}[`(,]|(?<=[ (]){stem}(?=[,)])")
    return any(folder in block and word.search(block) for block in blocks)


def unnamed_modules() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    blocks = _blocks(text)
    modules = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py"))
    assert len(modules) > 100
    return [m for m in modules if not is_named(m, text, blocks)]


def test_every_module_is_named_in_the_architecture_doc():
    assert unnamed_modules() == []


def test_the_rule_is_strict():
    text = "- `ui/tree/` — `model.py` and `items.py`\n\nOther: `pool.py`\n"
    blocks = _blocks(text)
    assert is_named("ui/tree/model.py", text, blocks)
    assert not is_named("ui/tree/pane.py", text, blocks)
    assert not is_named("core/catalog/pool.py", text, blocks)  # no folder near it
    assert is_named("core/catalog/pool.py", "`catalog/pool.py`", ["`catalog/pool.py`"])
