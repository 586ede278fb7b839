"""`python -m generator` is the `statusgen` command."""

from .cli import run

run()
