"""``python -m recviewer.cli``."""

import sys

from recviewer.cli import main

if __name__ == "__main__":  # worker processes import this module too: no side effects then
    sys.exit(main())
