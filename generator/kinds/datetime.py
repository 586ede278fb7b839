"""RFC 3339 `date-time` strings, as aware `datetime.datetime` values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .base import MODULE, RUNTIME, Name


@dataclass(frozen=True)
class DateTimeType:
    """RFC 3339 `date-time`, parsed to an aware `datetime`."""

    kind: ClassVar[str] = "datetime"
    recognises: ClassVar[tuple[tuple[str, str], ...]] = (("string", "date-time"),)

    @property
    def annotation(self) -> str:
        return "datetime.datetime"

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        return ((MODULE, "datetime"),)

    @property
    def json_kind(self) -> str:
        return "string"

    @property
    def construct_names(self) -> tuple[Name, ...]:
        return ((RUNTIME, "parse_datetime"),)

    @property
    def dump_names(self) -> tuple[Name, ...]:
        return ((RUNTIME, "format_datetime"),)

    @property
    def dump_is_identity(self) -> bool:
        return False

    @property
    def field_reader(self) -> str | None:
        return "datetime"
