"""``python -m minegraph``: the command line."""

import sys

from minegraph.cli import main

sys.exit(main())
