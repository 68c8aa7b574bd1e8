"""Diff colours beside the conversation theme: removed, added, noise.

The bubbles keep the conversation panel's role colours (``ui.theme``); a
changed row is marked by a gutter on each side (− red on the left, + green on
the right, ≈ amber for noise) and a tinted bubble, and changed words get a
stronger background of the same hue.
"""

from __future__ import annotations

from dataclasses import dataclass

from recviewer.ui.appearance.view_colours import Theme


@dataclass(slots=True, frozen=True)
class DiffColors:
    del_tint: str    # bubble background of a removed / changed-left message
    del_word: str    # background of deleted words
    del_gutter: str  # the "−" gutter
    ins_tint: str
    ins_word: str
    ins_gutter: str
    noise_tint: str
    noise_word: str
    noise_gutter: str
    gutter_fg: str   # the mark drawn in a gutter
    fold_bg: str     # background of a "N identical messages" line
    placeholder: str # text of an empty side ("not in B")


LIGHT_DIFF = DiffColors(
    del_tint="#fff5f4", del_word="#ffc0bb", del_gutter="#f47067",
    ins_tint="#f0fff3", ins_word="#9be9a8", ins_gutter="#2da44e",
    noise_tint="#fffbea", noise_word="#fae17d", noise_gutter="#d4a72c",
    gutter_fg="#ffffff", fold_bg="#f0f3f6", placeholder="#8c959f",
)

DARK_DIFF = DiffColors(
    del_tint="#2a1619", del_word="#7d2a2f", del_gutter="#da3633",
    ins_tint="#122117", ins_word="#1f6332", ins_gutter="#2ea043",
    noise_tint="#272114", noise_word="#6c5412", noise_gutter="#bb8009",
    gutter_fg="#0d1117", fold_bg="#161b22", placeholder="#6e7681",
)


def diff_colors(theme: Theme) -> DiffColors:
    return DARK_DIFF if theme.dark else LIGHT_DIFF
