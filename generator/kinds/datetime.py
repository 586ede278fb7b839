"""RFC 3339 `date-time` strings, as aware `datetime.datetime` values."""

from __future__ import annotations

from dataclasses import dataclass

from .base import MODULE, RUNTIME, Node

PARSE = "parse_datetime"
FORMAT = "format_datetime"
"""The runtime's reader and writer (`runtime/_datetime.py`): the macros print these names and
the runtime test checks them against the functions (`kinds.runtime_names`)."""


@dataclass(frozen=True)
class DateTimeType(Node):
    """RFC 3339 `date-time`, parsed to an aware `datetime`; written back by
    `format_datetime` (its canonical form)."""

    kind = "datetime"
    RECOGNISES = (("string", "date-time"),)
    ANNOTATION = "datetime.datetime"
    IMPORTS = ((MODULE, "datetime"),)
    READER = ((RUNTIME, PARSE),)
    WRITER = ((RUNTIME, FORMAT),)
    DUMP_FUNCTION = FORMAT
