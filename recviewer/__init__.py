"""recviewer: a desktop viewer for LLM interaction recordings."""

__version__ = "0.1.0"
