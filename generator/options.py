"""The `--models` option (and `models` in `[tool.statusgen]`) as text and as a value.

Kept apart from the parser so the command line reads it without importing the parser: an
up-to-date `--check` imports nothing heavy."""

from __future__ import annotations

from collections.abc import Iterable

STATUS = "status"
ALL = "all"
Selection = str | tuple[str, ...]
"""`status`, `all`, or schema names (component keys or class names)."""


class WhereFound(tuple[str, ...]):
    """Schema names given once for several specs (`--models A,B` with two specs): each spec
    keeps those it has, one that has none keeps its status models, and `found` collects the
    names some spec had, so a name no spec has can still be refused (`missing`)."""

    found: set[str]

    def __new__(cls, names: Iterable[str]) -> WhereFound:
        self = super().__new__(cls, names)
        self.found = set()
        return self

    def missing(self) -> list[str]:
        return [name for name in self if name not in self.found]


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
