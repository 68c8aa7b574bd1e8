"""The diff view's pure parts: change navigation, titles, word HTML, the JSON model."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from recviewer.core.diff import Change, word_diff
from recviewer.ui.diff.anchors import MARGIN, next_index, previous_index, scroll_target
from recviewer.ui.diff.colours import LIGHT_DIFF
from recviewer.ui.diff.structural import StructuralModel
from recviewer.ui.diff.window import window_title
from recviewer.ui.diff.words_html import ELIDE_OVER, ops_html

TOPS = [100.0, 400.0, 1500.0, 1520.0]


def test_next_goes_to_the_first_change_below_the_view():
    assert next_index(TOPS, 0, 2000, None) == 0
    assert next_index(TOPS, 500, 2000, None) == 2  # scrolled by hand past two changes
    assert next_index(TOPS, 1600, 2000, None) is None


def test_next_steps_from_the_current_change_even_when_clamped_at_the_bottom():
    maximum = 1200  # the last two changes cannot scroll to the top of the view
    assert scroll_target(TOPS[2], maximum) == maximum
    assert next_index(TOPS, maximum, maximum, 2) == 3
    assert next_index(TOPS, maximum, maximum, 3) is None


def test_previous_goes_back_one_change_or_to_the_last_one_above():
    assert previous_index(TOPS, scroll_target(TOPS[1], 2000), 2000, 1) == 0
    assert previous_index(TOPS, scroll_target(TOPS[0], 2000), 2000, 0) is None
    assert previous_index(TOPS, 1000, 2000, None) == 1
    assert scroll_target(TOPS[1], 2000) == int(TOPS[1]) - MARGIN


def test_a_page_that_does_not_scroll_still_steps_through_changes():
    assert next_index(TOPS, 0, 0, None) == 0
    assert next_index(TOPS, 0, 0, 0) == 1
    assert previous_index(TOPS, 0, 0, 1) == 0


def test_window_title_names_the_two_files():
    assert window_title("/h/x/2025-10-08_a.json", "/h/x/2025-11-03_b.json") == (
        "2025-10-08_a.json \u2194 2025-11-03_b.json")
    assert window_title("/h/old/r.json", "/h/new/s.json") == "r.json \u2194 s.json"
    assert window_title("/p/one/a.json", "/p/two/a.json") == "one/a.json \u2194 two/a.json"


def test_word_spans_leave_surrounding_spaces_unmarked():
    ops = word_diff("The Sun is Sol.", "The big Sun is Sol.")
    right = ops_html(ops, "b", LIGHT_DIFF, "#777")
    assert re.search(r'class="rv-ins"[^>]*>big</span>', right)
    left = ops_html(ops, "a", LIGHT_DIFF, "#777")
    assert "rv-ins" not in left and "rv-del" not in left and left == "The Sun is Sol."


def test_whitespace_only_change_is_visible():
    ops = word_diff("one two", "one\ntwo")
    assert "\u23ce" in ops_html(ops, "b", LIGHT_DIFF, "#777")
    assert "\u00b7" in ops_html(ops, "a", LIGHT_DIFF, "#777")


def test_long_unchanged_text_is_shortened_around_the_change():
    filler = "lorem ipsum " * (ELIDE_OVER // 6)
    ops = word_diff(filler + "old end", filler + "new end")
    shown = ops_html(ops, "a", LIGHT_DIFF, "#777")
    assert "unchanged characters" in shown
    assert len(shown) < len(filler)
    assert re.search(r'class="rv-del"[^>]*>old</span>', shown)


def test_structural_model_filters_noise_and_escapes_tooltips(qtbot):
    model = StructuralModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    changes = (
        Change("response.body[0].id", "changed", "chatcmpl-1", "chatcmpl-2", True),
        Change("response.body[1].text", "changed", "<b>old</b>", "new", False),
        Change("request.extra", "added", None, {"k": [1, 2]}, False),
    )
    model.set_changes(changes)
    assert model.rowCount() == 2
    assert [model.index(r, 0).data() for r in range(2)] == ["response.body[1].text",
                                                            "request.extra"]
    assert model.index(1, 2).data() == "\u2014"  # absent on the A side
    assert model.index(1, 3).data() == '{"k":[1,2]}'
    tip = model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;old&lt;/b&gt;" in tip and "<b>" not in tip
    model.set_show_noise(True)
    assert model.rowCount() == 3 and model.index(0, 1).data() == "changed \u00b7 noise"
    assert model.noise_count() == 1
    model.set_changes(())
    assert model.rowCount() == 0


def test_a_swapped_id_in_a_changed_text_is_drawn_as_noise():
    ops = word_diff("Created file-abc123def4 for you.", "Created file-9f8e7d6c5b for you, done.")
    right = ops_html(ops, "b", LIGHT_DIFF, "#777")
    assert re.search(r'class="rv-noise"[^>]*>file-9f8e7d6c5b<', right)
    assert re.search(r'class="rv-ins"[^>]*>[^<]*done', right)
    left = ops_html(ops, "a", LIGHT_DIFF, "#777")
    assert re.search(r'class="rv-noise"[^>]*>file-abc123def4<', left)
    assert "file-abc123def4" not in re.findall(r'class="rv-del"[^>]*>([^<]*)<', left)
