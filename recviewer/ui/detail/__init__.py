"""The detail pane: Conversation / Raw tabs, the conversation tab with its stream timeline,
render coalescing, the load status and the Playback menu."""
