"""``python -m landplanner`` is the same as the ``landplanner`` command."""

import sys

from landplanner.cli import main

sys.exit(main())
