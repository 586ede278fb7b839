"""The `--models` option (and `models` in `[tool.statusgen]`) as text and as a value.

Kept apart from the parser so the command line reads it without importing the parser: an
up-to-date `--check` imports nothing heavy."""

from __future__ import annotations

STATUS = "status"
ALL = "all"
Selection = str | tuple[str, ...]
"""`status`, `all`, or schema names (component keys or class names)."""


def parse_selection(text: str) -> Selection:
    """`status`, `all` or `A,B,C` as the command line and the configuration write it."""
    if text in (STATUS, ALL):
        return text
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    if not names:
        raise ValueError("--models takes 'status', 'all' or a comma-separated list of schemas")
    return names


def selection_text(selection: Selection) -> str:
    """A selection as `--models` writes it (for a manifest's options)."""
    return selection if isinstance(selection, str) else ",".join(selection)
