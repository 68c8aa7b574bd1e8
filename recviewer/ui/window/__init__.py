"""The main window and what hangs off it: menus, status bar, scans, export, recent paths,
the About box, the shortcuts list, the window router, single instance, screenshots,
the standalone diff entry."""
