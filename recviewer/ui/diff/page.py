"""The side-by-side diff as one HTML page (pure; no widgets).

Layout: a facts table (file, test id, model, format, endpoint, URL), then the
rows in runs — request fields, request messages, response messages, response
details — each run a 4-column table ``gutter | A | gutter | B``, so the two
sides of a row always have the same height. Long runs of unchanged rows fold
into one "N identical messages" line (anchor ``rvdiff:unfold/<run>:<start>``).
Every changed row starts with an anchor ``chg-<n>`` for next/previous change.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from recviewer.core.diff import Fold, RecordingDiff, Row, fold_rows, word_diff
from recviewer.core.errors import RecordingError
from recviewer.core.model import ErrorPart, Recording
from recviewer.ui.conversation.context import RenderContext
from recviewer.ui.conversation.html import divider_html, page_html
from recviewer.ui.conversation.parts import error_html
from recviewer.ui.conversation.text import esc
from recviewer.ui.diff.cells import DiffContext, field_cell, message_cell
from recviewer.ui.diff.words_html import ops_html

UNFOLD = "rvdiff:unfold/"
REFOLD = "rvdiff:refold/"
ANCHOR = "chg-"
# Meta rows shown in the facts table rather than as field rows.
FACT_LABELS = ("meta.test_id", "request.model", "meta.format", "meta.streaming",
               "request.method", "request.endpoint", "request.url")
_MARKS = {"changed": ("\u2212", "+"), "added": ("", "+"), "removed": ("\u2212", ""),
          "noise": ("\u2248", "\u2248")}


@dataclass(slots=True)
class Page:
    html: str = ""
    anchors: list[str] = field(default_factory=list)  # change anchors, top to bottom

    def next_anchor(self) -> str:
        name = f"{ANCHOR}{len(self.anchors)}"
        self.anchors.append(name)
        return name


def with_gutter(inner: str, mark: str, bg: str | None, dc: DiffContext,
                anchor: str | None = None, margin: int = 8) -> str:
    """``inner`` (a bubble or box) with a diff gutter on its left: a coloured
    strip with ``mark`` exactly as tall as ``inner``, blank when unchanged."""
    a = f'<a name="{anchor}"></a>' if anchor else ""
    colour = f' bgcolor="{bg}"' if bg and mark else ""
    return (f'<table width="100%" cellspacing="0" cellpadding="0" border="0" '
            f'style="margin-bottom:{margin}px;"><tr>'
            f'<td width="14" align="center" valign="top"{colour} style="color:'
            f'{dc.colors.gutter_fg};font-weight:bold;">{a}{mark or "&#160;"}</td>'
            f'<td width="4"></td><td>{inner}</td></tr></table>')


def row_html(cell_a: str, cell_b: str, status: str, dc: DiffContext, page: Page,
             margin: int = 8, anchor: bool = True) -> str:
    """One aligned row (a table row: both sides share its height); a changed
    row gets gutters, a ``rv-<status>`` class and (``anchor``) a change anchor."""
    shown = dc.shown(status)
    if shown == "equal":
        cells = (with_gutter(cell_a, "", None, dc, margin=margin),
                 with_gutter(cell_b, "", None, dc, margin=margin))
        cls = ""
    else:
        mark_a, mark_b = _MARKS[shown]
        name = page.next_anchor() if anchor else None
        cells = (with_gutter(cell_a, mark_a, dc.border(shown, "a"), dc, name, margin),
                 with_gutter(cell_b, mark_b, dc.border(shown, "b"), dc, None, margin))
        cls = f' class="rv-{shown}"'
    return (f'<tr{cls}><td width="50%" valign="top">{cells[0]}</td>'
            f'<td width="50%" valign="top">{cells[1]}</td></tr>')


def _table(rows: list[str]) -> str:
    # 99%: Qt rounds a 100%-wide table of several columns 1px too wide at
    # some window widths, which shows a useless horizontal scroll bar.
    return ('<table width="99%" cellspacing="2" cellpadding="0" border="0">'
            + "".join(rows) + "</table>")


# ------------------------------------------------------------------ facts
def _label(path: str) -> str:
    return os.path.join(os.path.basename(os.path.dirname(path)), os.path.basename(path))


def _facts(rec: Recording) -> dict[str, str]:
    fmt = rec.format + (f" \u00b7 streamed, {rec.chunk_count or 0:,} chunks"
                        if rec.streaming else "")
    return {"Test": rec.test_id or "(no test id)", "Model": rec.model or "",
            "Format": fmt, "Endpoint": " ".join(x for x in (rec.method, rec.endpoint) if x),
            "URL": rec.url or ""}


_FACT_ROWS = {"Test": ("meta.test_id",), "Model": ("request.model",),
              "Format": ("meta.format", "meta.streaming"),
              "Endpoint": ("request.method", "request.endpoint"), "URL": ("request.url",)}


def facts_html(a: Recording, b: Recording, diff: RecordingDiff, dc: DiffContext,
               page: Page) -> str:
    """Which two files, and how their test ids, models and formats differ."""
    t = dc.render.theme
    changed = {r.label for r in diff.rows if r.label in FACT_LABELS and r.status == "changed"}
    fa, fb = _facts(a), _facts(b)
    rows = [row_html(f"<b>A</b> &#160;{esc(_label(a.path))}",
                     f"<b>B</b> &#160;{esc(_label(b.path))}", "equal", dc, page, margin=2)]
    anchored = False  # F7 stops once at the facts, not at every changed one
    for name, labels in _FACT_ROWS.items():
        va, vb = fa[name], fb[name]
        if not va and not vb:
            continue
        head = f'<span style="color:{t.muted};">{name}</span> &#160;'
        if changed.intersection(labels):
            ops = word_diff(va, vb)
            cells = [head + ops_html(ops, s, dc.colors, t.muted) for s in ("a", "b")]
            rows.append(row_html(cells[0], cells[1], "changed", dc, page, margin=0,
                                 anchor=not anchored))
            anchored = True
        else:
            rows.append(row_html(head + esc(va), head + esc(vb), "equal", dc, page, margin=0))
    return _table(rows)


# ------------------------------------------------------------------ runs
def runs(diff: RecordingDiff) -> list[tuple[str, list[Row]]]:
    """Rows outside the facts table, in consecutive runs named
    fields / request / response / details."""
    out: list[tuple[str, list[Row]]] = []
    seen_messages = False
    for row in diff.rows:
        if row.label in FACT_LABELS:
            continue
        if row.is_message:
            seen_messages = True
            name = row.section
        else:
            name = "details" if seen_messages else "fields"
        if out and out[-1][0] == name:
            out[-1][1].append(row)
        else:
            out.append((name, [row]))
    return out


def _title(name: str, rows: list[Row], a: Recording, b: Recording) -> str:
    if name in ("request", "response"):
        na = sum(1 for r in rows if r.left is not None)
        nb = sum(1 for r in rows if r.right is not None)
        count = f"{na} message{'s' if na != 1 else ''}" if na == nb else f"{na} \u2194 {nb} messages"
        return f"{name} \u00b7 {count}"
    return "request fields" if name == "fields" else "response details"


def _fold_html(run: str, fold: Fold, rows: list[Row], dc: DiffContext) -> str:
    folded = rows[fold.start:fold.start + fold.count]
    what = "message" if folded[0].is_message else "field"
    noisy = any(r.status == "noise" for r in folded)
    label = (f"\u25b8 {fold.count} identical {what}{'s' if fold.count != 1 else ''}"
             + (" (only noise differs)" if noisy else ""))
    t = dc.render.theme
    return (f'<tr><td colspan="2" align="center" bgcolor="{dc.colors.fold_bg}">'
            f'<p style="margin:3px;"><a href="{UNFOLD}{run}:{fold.start}" '
            f'style="color:{t.link};text-decoration:none;">{esc(label)}</a></p></td></tr>')


def _refold_html(run: str, start: int, dc: DiffContext) -> str:
    t = dc.render.theme
    return (f'<tr><td colspan="2" align="center"><a href="{REFOLD}{run}:{start}" '
            f'style="color:{t.link};text-decoration:none;font-size:small;">'
            f"\u25be fold identical rows</a></td></tr>")


def _row(row: Row, key: str, dc: DiffContext, page: Page) -> str:
    if row.is_message:
        cells = (message_cell(row, "a", key, dc), message_cell(row, "b", key, dc))
    else:
        cells = (field_cell(row, "a", dc), field_cell(row, "b", dc))
    return row_html(cells[0], cells[1], row.status, dc, page)


def fold_quiet(rows: list[Row], show_noise: bool) -> list[Row | Fold]:
    """Field rows: every stretch of unchanged fields folds (even a single
    one); unlike messages, an unchanged field is no useful context."""
    quiet = {"equal"} if show_noise else {"equal", "noise"}
    out: list[Row | Fold] = []
    for i, row in enumerate(rows):
        if row.status not in quiet:
            out.append(row)
        elif out and isinstance(out[-1], Fold):
            out[-1] = Fold(out[-1].start, out[-1].count + 1)
        else:
            out.append(Fold(i, 1))
    return out


def run_html(name: str, rows: list[Row], dc: DiffContext, unfolded: frozenset[str],
             page: Page) -> str:
    out: list[str] = []
    position = 0  # index in ``rows`` of the next plain row fold_rows yields
    items = (fold_rows(rows, context=1, show_noise=dc.show_noise) if name in ("request", "response")
             else fold_quiet(rows, dc.show_noise))
    for item in items:
        if isinstance(item, Fold):
            position = item.start + item.count
            if f"{name}:{item.start}" not in unfolded:
                out.append(_fold_html(name, item, rows, dc))
                continue
            out.append(_refold_html(name, item.start, dc))
            for i in range(item.start, item.start + item.count):
                out.append(_row(rows[i], f"{name[0]}{i}", dc, page))
        else:
            out.append(_row(item, f"{name[0]}{position}", dc, page))
            position += 1
    return _table(out)


def diff_page(a: Recording, b: Recording, diff: RecordingDiff, dc: DiffContext,
              unfolded: frozenset[str] = frozenset()) -> Page:
    page = Page()
    body = [facts_html(a, b, diff, dc, page)]
    for name, rows in runs(diff):
        body.append(divider_html(_title(name, rows, a, b), dc.render))
        body.append(run_html(name, rows, dc, unfolded, page))
    page.html = page_html("".join(body), dc.render)
    return page


def errors_page(errors: list[tuple[str, RecordingError]], ctx: RenderContext) -> str:
    """Why the comparison cannot be shown: one red box per unreadable file,
    ``errors`` as (which side, error) pairs."""
    out = []
    for i, (side, err) in enumerate(errors):
        where = f" (at byte {err.offset:,})" if err.offset is not None else ""
        part = ErrorPart(f"Cannot read {side}: {err.reason}{where}", "unreadable file")
        out.append(error_html(part, f"e{i}", ctx))
        out.append(f'<p style="color:{ctx.theme.muted};margin:0 0 12px 0;">{esc(err.path)}</p>')
    return page_html("".join(out), ctx)
