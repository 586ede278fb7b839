"""RFC 3339 `full-date` strings, as `datetime.date` values."""

from __future__ import annotations

from dataclasses import dataclass

from .base import MODULE, RUNTIME, Node


@dataclass(frozen=True)
class DateType(Node):
    """RFC 3339 `full-date`, parsed to a `date`."""

    kind = "date"
    RECOGNISES = (("string", "date"),)
    ANNOTATION = "datetime.date"
    IMPORTS = ((MODULE, "datetime"),)
    READER = ((RUNTIME, "parse_date"),)
