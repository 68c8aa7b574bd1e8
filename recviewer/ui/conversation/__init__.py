"""The conversation panel: a recording shown as chat bubbles and cards."""

from __future__ import annotations

from recviewer.ui.conversation.view import ConversationView

__all__ = ["ConversationView"]
