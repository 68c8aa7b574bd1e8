"""Recording history in the window: a git revision of the open folder, the
revision picker, set diffs of two revisions or folders, one recording's history."""
