"""`python -m generator` is the `statusgen` command."""

import sys

from .cli import main

sys.exit(main())
