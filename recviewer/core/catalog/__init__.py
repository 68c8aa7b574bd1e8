"""The catalog: which recordings a folder holds, read from each file's head.

``walk`` finds the files, ``head`` reads what a row needs, ``scan`` turns them
into ``RecordingRef`` batches, ``pool`` reads big folders on worker processes.
"""
