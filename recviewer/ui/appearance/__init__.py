"""How views look: theme (mode, palettes, view colours), zoom, the Markdown toggle,
syntax highlighting, and ``follow`` (one place where views follow theme and zoom)."""
