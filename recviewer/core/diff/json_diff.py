"""Structural diff of two JSON values, without recursion.

Dicts are compared key by key (in the first document's key order, then keys
only the second has). Lists of equal length are compared position by
position; lists of different lengths are aligned with SequenceMatcher on a
noise-normalised fingerprint of each item, so one inserted item shows as one
``added`` change. Paths of ``changed``/``removed`` items use the first
document's positions, ``added`` ones the second's.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any, Hashable, Iterator, Sequence

from recviewer.core.diff.changes import Change, join_index, join_key
from recviewer.core.diff.noise import DEFAULT_RULES, NoiseRules, is_number

# Stack tasks: ("cmp", path, a, b, noisy) or ("emit", change).
_Task = tuple


def diff_json(a: Any, b: Any, *, path: str = "", noise: bool = False,
              rules: NoiseRules = DEFAULT_RULES) -> tuple[Change, ...]:
    """Every difference between ``a`` and ``b``, in document order.

    ``path`` prefixes every change path; ``noise`` marks the whole comparison
    as noise (when the caller knows the value sits under a noise key).
    """
    out: list[Change] = []
    stack: list[_Task] = [("cmp", path, a, b, noise)]
    while stack:
        task = stack.pop()
        if task[0] == "emit":
            out.append(task[1])
            continue
        _, p, x, y, noisy = task
        if x is y:
            continue
        if isinstance(x, dict) and isinstance(y, dict):
            stack.extend(reversed(_dict_tasks(p, x, y, noisy, rules)))
        elif isinstance(x, list) and isinstance(y, list):
            stack.extend(reversed(_list_tasks(p, x, y, noisy, rules)))
        elif _same_leaf(x, y):
            continue
        else:
            verdict = noisy or rules.scalars_are_noise(x, y)
            out.append(Change(p, "changed", x, y, verdict))
    return tuple(out)


def _same_leaf(x: Any, y: Any) -> bool:
    if isinstance(x, (dict, list)) or isinstance(y, (dict, list)):
        return False
    return type(x) is type(y) and x == y


def _dict_tasks(p: str, x: dict, y: dict, noisy: bool, rules: NoiseRules) -> list[_Task]:
    tasks: list[_Task] = []
    for key, value in x.items():
        child = join_key(p, key)
        child_noise = noisy or rules.is_noise_key(key)
        if key in y:
            tasks.append(("cmp", child, value, y[key], child_noise))
        else:
            tasks.append(("emit", Change(child, "removed", value, None, child_noise)))
    for key, value in y.items():
        if key not in x:
            child_noise = noisy or rules.is_noise_key(key)
            tasks.append(("emit", Change(join_key(p, key), "added", None, value, child_noise)))
    return tasks


def _list_tasks(p: str, x: list, y: list, noisy: bool, rules: NoiseRules) -> list[_Task]:
    if len(x) == len(y):
        return [("cmp", join_index(p, i), x[i], y[i], noisy) for i in range(len(x))]
    fx = [fingerprint(v, rules) for v in x]
    fy = [fingerprint(v, rules) for v in y]
    tasks: list[_Task] = []
    for i, j in aligned_pairs(fx, fy):
        if j is None:
            tasks.append(("emit", Change(join_index(p, i), "removed", x[i], None, noisy)))
        elif i is None:
            tasks.append(("emit", Change(join_index(p, j), "added", None, y[j], noisy)))
        else:
            tasks.append(("cmp", join_index(p, i), x[i], y[j], noisy))
    return tasks


# Above this many items SequenceMatcher's "popular item" heuristic is on, so
# long repetitive lists (token ids, 0/1 masks) do not take quadratic time.
_EXACT_ALIGN = 1000


Opcode = tuple[str, int, int, int, int]


def common_ends(a: Sequence[Any], b: Sequence[Any]) -> tuple[int, int]:
    """How many leading and how many (further) trailing items ``a`` and ``b``
    share; the two never overlap."""
    n = min(len(a), len(b))
    head = 0
    while head < n and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < n - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    return head, tail


def align(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """SequenceMatcher opcodes, with the common head and tail matched first."""
    head, tail = common_ends(a, b)
    ops: list[Opcode] = [("equal", 0, head, 0, head)] if head else []
    mid_a, mid_b = a[head:len(a) - tail], b[head:len(b) - tail]
    exact = len(mid_a) + len(mid_b) <= _EXACT_ALIGN
    matcher = SequenceMatcher(None, mid_a, mid_b, autojunk=not exact)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        ops.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        ops.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return ops


def aligned_pairs(a: Sequence[Hashable],
                  b: Sequence[Hashable]) -> Iterator[tuple[int | None, int | None]]:
    """Index pairs along ``align``'s blocks: ``(i, j)`` for items matched or
    replaced position by position, then ``(i, None)`` for each item left over in
    ``a`` (removed) and ``(None, j)`` for each left over in ``b`` (added)."""
    for tag, i1, i2, j1, j2 in align(a, b):
        paired = min(i2 - i1, j2 - j1) if tag in ("equal", "replace") else 0
        for k in range(paired):
            yield i1 + k, j1 + k
        for i in range(i1 + paired, i2):
            yield i, None
        for j in range(j1 + paired, j2):
            yield None, j


class _Mark(str):
    """A literal piece of fingerprint text pushed on the work stack."""


def fingerprint(value: Any, rules: NoiseRules = DEFAULT_RULES) -> str:
    """A canonical, hashable text for ``value`` that ignores noise: noise keys
    are dropped, strings normalised, floats rounded. Iterative (any depth)."""
    parts: list[str] = []
    stack: list[Any] = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, _Mark):
            parts.append(v)
        elif isinstance(v, dict):
            parts.append("{")
            stack.append(_Mark("}"))
            items = sorted(((str(k), val) for k, val in v.items()
                            if not rules.is_noise_key(k)), key=lambda kv: kv[0])
            for key, val in reversed(items):
                stack.append(_Mark(","))
                stack.append(val)
                stack.append(_Mark(repr(key) + ":"))
        elif isinstance(v, list):
            parts.append("[")
            stack.append(_Mark("]"))
            for item in reversed(v):
                stack.append(_Mark(","))
                stack.append(item)
        elif isinstance(v, str):
            parts.append(repr(rules.normalize_text(v)))
        elif isinstance(v, float) and is_number(v):
            parts.append(f"{v:.5g}")
        else:
            parts.append(repr(v))
    return "".join(parts)
