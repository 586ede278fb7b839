"""RFC 3339 `full-time` strings (`format: time`), as aware `datetime.time` values."""

from __future__ import annotations

from dataclasses import dataclass

from .base import MODULE, RUNTIME, Node


@dataclass(frozen=True)
class TimeType(Node):
    """A time of day with its offset, parsed to an aware `time` (one sent without an offset
    stays naive); `isoformat()` writes it back."""

    kind = "time"
    RECOGNISES = (("string", "time"),)
    ANNOTATION = "datetime.time"
    IMPORTS = ((MODULE, "datetime"),)
    READER = ((RUNTIME, "parse_time"),)
