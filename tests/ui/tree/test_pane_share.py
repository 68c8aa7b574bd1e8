"""The tree pane keeps its share of a wider window and remembers a dragged one
(issue 12 item 8: it stayed ~520 px when maximised)."""

from __future__ import annotations

from recviewer.ui.tree.pane_share import SHARE_KEY, clamp_share


def test_tree_share_follows_the_window_and_is_remembered(qtbot, make_window, settings):
    window = make_window()
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: window.tree.width() > 0)
    qtbot.wait(20)
    narrow = window.tree.width()
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.tree.width() > narrow * 1.3, timeout=3000)
    share = window.tree.width() / window.splitter.width()
    assert abs(share - window.tree_share.share) < 0.03
    total = sum(window.splitter.sizes())
    window.splitter.moveSplitter(int(total * 0.6), 1)
    assert abs(float(settings.value(SHARE_KEY)) - 0.6) < 0.03
    again = make_window()  # the next window starts with the remembered share
    assert abs(again.tree_share.share - 0.6) < 0.03


def test_odd_saved_shares_are_clamped():
    assert clamp_share("0.5") == 0.5
    assert clamp_share("nan") == clamp_share(None) == clamp_share("x") == 0.42
    assert clamp_share(5) == 0.85 and clamp_share(-1) == 0.15
