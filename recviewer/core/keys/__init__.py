"""Recording keys: the file name the ogx (llama-stack) recorder looks a request up by.

Qt-free. ``rules`` names the key rule versions (today's and earlier ones),
``normalize`` is the recorder's body normalisation, ``compute`` the key of a
request or of a stored recording, ``verify`` classifies one file
(ok / stale / legacy / unkeyed, with the expected name and a cause),
``explain`` finds the recordings nearest to a request that missed, and
``miss`` reads the captured-miss files that ``recviewer-cli capture`` writes.
"""
