"""``python -m recviewer.cli``."""

import sys

from recviewer.cli import main

sys.exit(main())
