"""Compare two recordings: side by side (``view.DiffView``, ``window.DiffWindow``), and as
structural JSON changes. Import from the modules; this package file imports nothing."""
