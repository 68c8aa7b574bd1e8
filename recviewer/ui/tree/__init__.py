"""The test tree: plain items, the Qt model (static and live), filter and match counts,
cells, columns, selection, context menu, navigation, the pane with its filter box."""
