"""Explicit application palettes for the Light and Dark theme choices.

Fusion-style palettes whose colours match ``recviewer.ui.appearance.view_colours`` (LIGHT and
DARK), so that the tree, the tabs and the conversation page belong together:
the Base colour is the conversation page colour, the highlight is the link
blue. ``palette_for(dark)`` builds a complete QPalette, disabled roles too.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from recviewer.ui.appearance.view_colours import DARK, LIGHT

R = QPalette.ColorRole
G = QPalette.ColorGroup

# role -> (active/inactive colour, disabled colour or None for the same)
_DARK: dict[QPalette.ColorRole, tuple[str, str | None]] = {
    R.Window: ("#1c2128", None),
    R.WindowText: (DARK.text, "#6e7681"),
    R.Base: (DARK.page, "#161b22"),
    R.AlternateBase: ("#161b22", None),
    R.ToolTipBase: ("#2d333b", None),
    R.ToolTipText: (DARK.text, None),
    R.PlaceholderText: (DARK.muted, "#6e7681"),
    R.Text: (DARK.text, "#6e7681"),
    R.Button: ("#262c36", "#1c2128"),
    R.ButtonText: (DARK.text, "#6e7681"),
    R.BrightText: ("#ff7b72", None),
    R.Light: ("#444c56", None),
    R.Midlight: ("#373e47", None),
    R.Mid: ("#2d333b", None),
    R.Dark: ("#0b0e12", None),
    R.Shadow: ("#010409", None),
    R.Highlight: ("#1f6feb", "#30363d"),
    R.HighlightedText: ("#ffffff", "#8d96a0"),
    R.Link: (DARK.link, None),
    R.LinkVisited: ("#bc8cff", None),
}

_LIGHT: dict[QPalette.ColorRole, tuple[str, str | None]] = {
    R.Window: ("#f6f8fa", None),
    R.WindowText: (LIGHT.text, "#8c959f"),
    R.Base: (LIGHT.page, "#f6f8fa"),
    R.AlternateBase: ("#f6f8fa", None),
    R.ToolTipBase: ("#ffffff", None),
    R.ToolTipText: (LIGHT.text, None),
    R.PlaceholderText: (LIGHT.muted, "#8c959f"),
    R.Text: (LIGHT.text, "#8c959f"),
    R.Button: ("#f3f4f6", "#eaeef2"),
    R.ButtonText: (LIGHT.text, "#8c959f"),
    R.BrightText: ("#cf222e", None),
    R.Light: ("#ffffff", None),
    R.Midlight: ("#eaeef2", None),
    R.Mid: ("#d0d7de", None),
    R.Dark: ("#afb8c1", None),
    R.Shadow: ("#6e7781", None),
    R.Highlight: ("#0969da", "#d0d7de"),
    R.HighlightedText: ("#ffffff", "#57606a"),
    R.Link: (LIGHT.link, None),
    R.LinkVisited: ("#8250df", None),
}


def palette_for(dark: bool) -> QPalette:
    """A full palette for the Dark (``True``) or Light theme."""
    palette = QPalette()
    for role, (colour, disabled) in (_DARK if dark else _LIGHT).items():
        palette.setColor(G.Active, role, QColor(colour))
        palette.setColor(G.Inactive, role, QColor(colour))
        palette.setColor(G.Disabled, role, QColor(disabled or colour))
    # Qt ≥ 6.6 draws the focus ring and checked marks in the Accent colour.
    accent = getattr(R, "Accent", None)
    if accent is not None:
        for group in (G.Active, G.Inactive, G.Disabled):
            palette.setColor(group, accent, palette.color(group, R.Highlight))
    return palette


def is_dark(palette: QPalette) -> bool:
    """Whether a palette is a dark one (window colour below mid lightness)."""
    return palette.color(R.Window).lightness() < 128
