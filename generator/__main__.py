"""`python -m statusgen` is the `statusgen` command."""

import os

try:
    from .ui.cli import run
except KeyboardInterrupt:  # Ctrl+C while still starting up: same status as later on
    os._exit(130)

run()
