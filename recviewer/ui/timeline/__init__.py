"""The stream timeline: scrubber, transport, chunk list, inspector and plot.

``panel.TimelinePanel`` is the one widget the main window embeds; the rest are its
parts. Import from the modules; this package file imports nothing.
"""
