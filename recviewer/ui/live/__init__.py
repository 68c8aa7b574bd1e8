"""Live reload: the folder watch, the reload of tree and open recording, the reload bar."""
