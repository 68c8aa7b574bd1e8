"""The Raw tab: pretty JSON with line numbers, lazy colouring, huge files a page at a time."""
