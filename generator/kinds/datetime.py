"""RFC 3339 `date-time` strings, as aware `datetime.datetime` values."""

from __future__ import annotations

from dataclasses import dataclass

from .base import MODULE, RUNTIME, Node


@dataclass(frozen=True)
class DateTimeType(Node):
    """RFC 3339 `date-time`, parsed to an aware `datetime`; written back by
    `format_datetime` (its canonical form)."""

    kind = "datetime"
    RECOGNISES = (("string", "date-time"),)
    ANNOTATION = "datetime.datetime"
    IMPORTS = ((MODULE, "datetime"),)
    READER = ((RUNTIME, "parse_datetime"),)
    WRITER = ((RUNTIME, "format_datetime"),)
    FIELD_READER = "datetime"
