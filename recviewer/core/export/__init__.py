"""Exports of the model: JSON dicts (``json_dict``), Markdown (``markdown``)
and the atomic, never-overwriting file write (``file``)."""
