"""The conversation panel: a recording shown as chat bubbles and cards
(``view.ConversationView``). Import from the modules; this package file imports nothing."""
