"""Colours for the conversation and raw views: one light and one dark palette.

A ``Theme`` is plain data (hex strings), so the HTML renderers stay pure and
testable; ``theme_for_palette`` picks the variant from a widget palette's
window lightness. Adding a theme switch later means choosing LIGHT or DARK
explicitly instead of calling ``theme_for_palette``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True, frozen=True)
class RoleColors:
    stripe: str   # the coloured rule on the left of a bubble
    bubble: str   # bubble background
    label: str    # role name colour


@dataclass(slots=True, frozen=True)
class Theme:
    name: str
    dark: bool
    text: str
    muted: str
    page: str
    card: str          # tool call / result / data card background
    card_border: str
    code_bg: str
    chip_bg: str
    chip_fg: str
    link: str
    error_bg: str
    error_fg: str
    error_border: str
    refusal_bg: str
    refusal_fg: str
    reasoning_rule: str
    pygments_style: str
    roles: dict[str, RoleColors] = field(default_factory=dict)

    def role(self, role: str) -> RoleColors:
        """Colours for a message role; unknown roles share the neutral set."""
        return self.roles.get(role) or self.roles["other"]


LIGHT = Theme(
    name="light", dark=False,
    text="#1f2328", muted="#6e7781", page="#ffffff",
    card="#f6f8fa", card_border="#d0d7de", code_bg="#f3f4f6",
    chip_bg="#ddf4ff", chip_fg="#0550ae", link="#0969da",
    error_bg="#ffebe9", error_fg="#a40e26", error_border="#cf222e",
    refusal_bg="#fff8c5", refusal_fg="#7d4e00",
    reasoning_rule="#afb8c1", pygments_style="friendly",
    roles={
        "system": RoleColors("#8250df", "#f6f1ff", "#6639ba"),
        "developer": RoleColors("#8250df", "#f6f1ff", "#6639ba"),
        "user": RoleColors("#0969da", "#eef6ff", "#0550ae"),
        "assistant": RoleColors("#1a7f37", "#effaf1", "#116329"),
        "tool": RoleColors("#bc4c00", "#fff4e8", "#953800"),
        "other": RoleColors("#6e7781", "#f6f8fa", "#57606a"),
    },
)

DARK = Theme(
    name="dark", dark=True,
    text="#e6edf3", muted="#8d96a0", page="#0d1117",
    card="#161b22", card_border="#30363d", code_bg="#1c2128",
    chip_bg="#12324f", chip_fg="#79c0ff", link="#58a6ff",
    error_bg="#3c1618", error_fg="#ffa198", error_border="#f85149",
    refusal_bg="#3b2e07", refusal_fg="#e3b341",
    reasoning_rule="#484f58", pygments_style="monokai",
    roles={
        "system": RoleColors("#a371f7", "#1f1933", "#d2a8ff"),
        "developer": RoleColors("#a371f7", "#1f1933", "#d2a8ff"),
        "user": RoleColors("#388bfd", "#121d2f", "#79c0ff"),
        "assistant": RoleColors("#3fb950", "#12261a", "#7ee787"),
        "tool": RoleColors("#db6d28", "#2b1a0e", "#ffa657"),
        "other": RoleColors("#8d96a0", "#161b22", "#b1bac4"),
    },
)


def theme_for_lightness(lightness: int) -> Theme:
    """DARK for a dark window colour (HSL lightness below the middle), else LIGHT."""
    return DARK if lightness < 128 else LIGHT


def theme_for_palette(palette) -> Theme:  # palette: QPalette (kept untyped: no Qt import here)
    """The variant matching a widget palette."""
    from PySide6.QtGui import QPalette

    return theme_for_lightness(palette.color(QPalette.ColorRole.Window).lightness())
