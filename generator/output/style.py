"""The style generated code is written in, shared by the stages that must agree on it: black's
mode (`format`) and the layout written while rendering (`render.layout`, docstring wrapping),
so a rendered line that fits is one black leaves alone."""

from __future__ import annotations

LINE_LENGTH = 88
"""Black's line length for generated code (the generator's own code uses 100)."""
