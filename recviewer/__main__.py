"""``python -m recviewer``."""

from recviewer.app import main

if __name__ == "__main__":  # worker processes import this module too: no side effects then
    raise SystemExit(main())
