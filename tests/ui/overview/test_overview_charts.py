"""The folder overview widgets (pytest-qt, offscreen): bars, top N, clicks,
palette and font, and the whole view on the real corpus."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QImage, QPalette  # noqa: E402

from recviewer.core.catalog.scan import scan  # noqa: E402
from recviewer.core.stats import FilterRequest, folder_stats  # noqa: E402
from recviewer.ui.overview.bars import BarChart, tooltip_html  # noqa: E402
from recviewer.ui.overview.histogram import SizeHistogram  # noqa: E402
from recviewer.ui.overview.view import OverviewView  # noqa: E402
from tests.corpus_paths import CORPUS  # noqa: E402

FOLDER = CORPUS / "recordings"


@pytest.fixture(scope="module")
def corpus_stats():
    return folder_stats(scan(FOLDER))


def groups(n: int) -> dict[str, tuple[str, ...]]:
    """``n`` groups, biggest first: group i has n - i recordings."""
    return {f"model-{i:03d}": tuple(f"/r/{i}/{k}.json" for k in range(n - i)) for i in range(n)}


def render(widget) -> QImage:
    return widget.grab().toImage()


def colours(image: QImage) -> set[int]:
    return {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}


def test_bars_render_a_row_per_group(qtbot):
    chart = BarChart("per model", "model")
    qtbot.addWidget(chart)
    chart.set_groups(groups(3))
    chart.resize(500, chart.sizeHint().height())
    chart.show()
    assert chart.rows() == [("model-000", 3), ("model-001", 2), ("model-002", 1)]
    widths = [chart.bar_rect(i).width() for i in range(3)]
    assert widths[0] > widths[1] > widths[2] > 0
    image = render(chart)
    bar = chart.bar_rect(0).center().toPoint()
    assert QColor(image.pixel(bar)) == chart.bar_colour()


def test_300_categories_fold_into_top_n_and_other(qtbot):
    chart = BarChart("per model", "model", max_bars=8)
    qtbot.addWidget(chart)
    data = groups(300)
    chart.set_groups(data)
    rows = chart.rows()
    assert len(rows) == 8 and rows[-1][0] == "other (293)"
    assert sum(n for _, n in rows) == sum(len(p) for p in data.values())
    chart.resize(400, chart.sizeHint().height())
    assert chart.sizeHint().height() < 400  # readable: eight rows, not 300
    for i in range(8):
        assert chart.bar_rect(i).right() <= chart.width()


def test_clicking_a_bar_emits_its_exact_recordings(qtbot):
    chart = BarChart("per model", "model")
    qtbot.addWidget(chart)
    data = groups(20)
    chart.set_groups(data)
    chart.resize(500, chart.sizeHint().height())
    chart.show()
    with qtbot.waitSignal(chart.filter_requested) as blocker:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_rect(1).center().toPoint())
    req = blocker.args[0]
    assert req == FilterRequest("model", "model-001", data["model-001"])
    with qtbot.waitSignal(chart.filter_requested) as blocker:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_rect(7).center().toPoint())
    other = blocker.args[0]
    assert other.value.startswith("other") and set(other.paths) == {
        p for name, paths in list(data.items())[7:] for p in paths}


def test_palette_and_font_change_repaint(qtbot):
    chart = BarChart("per model", "model")
    qtbot.addWidget(chart)
    chart.set_groups(groups(4))
    chart.resize(500, chart.sizeHint().height())
    chart.show()
    before = render(chart)
    dark = QPalette(chart.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    dark.setColor(QPalette.ColorRole.Highlight, QColor("#ff8800"))
    chart.setPalette(dark)
    after = render(chart)
    bar = chart.bar_rect(0).center().toPoint()
    assert QColor(after.pixel(bar)) == QColor("#ff8800")
    assert QColor(before.pixel(bar)) != QColor("#ff8800")
    height = chart.sizeHint().height()
    big = QFont(chart.font())
    big.setPointSizeF((chart.font().pointSizeF() if chart.font().pointSizeF() > 0 else 10) * 2)
    chart.setFont(big)
    assert chart.sizeHint().height() > height * 1.5  # zoom makes the rows taller


def test_tooltip_escapes_labels():
    tip = tooltip_html("<b>x</b>&", "3 recordings")
    assert "&lt;b&gt;x&lt;/b&gt;&amp;" in tip and "<b>x</b>" not in tip


def test_histogram_bins_click(qtbot, corpus_stats):
    from recviewer.core.stats import size_bins

    hist = SizeHistogram()
    qtbot.addWidget(hist)
    bins = size_bins(corpus_stats)
    hist.set_bins(bins)
    hist.resize(500, 240)
    hist.show()
    i = max(range(len(bins)), key=lambda k: len(bins[k].paths))
    with qtbot.waitSignal(hist.filter_requested) as blocker:
        qtbot.mouseClick(hist, Qt.MouseButton.LeftButton, pos=hist.bar_rect(i).center().toPoint())
    assert blocker.args[0] == FilterRequest("size", bins[i].label, bins[i].paths)


def test_overview_of_the_corpus_links_every_chart(qtbot, corpus_stats):
    view = OverviewView()
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.set_stats(corpus_stats)
    view.show()
    qtbot.waitExposed(view)
    assert view.cards["recordings"].value() == f"{len(corpus_stats.recordings):,}"
    assert view.cards["failed"].value() == str(len(corpus_stats.failed))
    chart = view.charts["model"]
    assert chart.rows()[0] == ("gpt-4o", len(corpus_stats.groups["model"]["gpt-4o"]))
    got: list[FilterRequest] = []
    view.filter_requested.connect(got.append)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_rect(0).center().toPoint())
    assert got[-1] == corpus_stats.request("model", "gpt-4o")
    provider = view.charts["provider"]
    qtbot.mouseClick(provider, Qt.MouseButton.LeftButton,
                     pos=provider.bar_rect(0).center().toPoint())
    assert got[-1].kind == "provider" and len(got[-1].paths) == provider.rows()[0][1]
    item = view.duplicates.list.item(0)
    view.duplicates.list.itemClicked.emit(item)
    assert got[-1].kind == "duplicate" and got[-1].paths == corpus_stats.duplicates[0].paths
    qtbot.mouseClick(view.cards["failed"], Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert set(got[-1].paths) == set(corpus_stats.failed)
    assert not view.orphans.isVisible()  # no collection file given


def test_overview_shows_orphans_when_collected(qtbot, corpus_stats):
    stats = folder_stats(scan(FOLDER), collected=())  # nothing collected: all with ids orphaned
    view = OverviewView()
    qtbot.addWidget(view)
    view.set_stats(stats)
    view.show()
    with_id = [r for r in stats.recordings if r.test_id]
    assert view.orphans.isVisible() and view.orphans.list.count() == len(with_id)
    assert view.cards["orphans"].value() == f"{len(with_id):,}"


def test_overview_renders_light_and_dark(qtbot, corpus_stats, tmp_path):
    images = []
    for dark in (False, True):
        view = OverviewView()
        qtbot.addWidget(view)
        if dark:
            pal = QPalette(view.palette())
            pal.setColor(QPalette.ColorRole.Window, QColor("#1e1f22"))
            pal.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6"))
            pal.setColor(QPalette.ColorRole.Base, QColor("#18191c"))
            pal.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
            view.setPalette(pal)
        view.resize(1280, 800)
        view.set_stats(corpus_stats)
        view.show()
        path = tmp_path / f"overview-{int(dark)}.png"
        assert view.grab().save(str(path))
        images.append(QImage(str(path)))
    light, dark = images
    assert light.size().width() == 1280 and dark.size().height() == 800
    corner = QPoint(5, 790)
    assert QColor(light.pixel(corner)).lightness() > 128 > QColor(dark.pixel(corner)).lightness()
    assert len(colours(light)) > 10  # something was drawn
