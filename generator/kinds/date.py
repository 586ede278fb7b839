"""RFC 3339 `full-date` strings, as `datetime.date` values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .base import MODULE, RUNTIME, Name


@dataclass(frozen=True)
class DateType:
    """RFC 3339 `full-date`, parsed to a `date`."""

    kind: ClassVar[str] = "date"
    recognises: ClassVar[tuple[tuple[str, str], ...]] = (("string", "date"),)

    @property
    def annotation(self) -> str:
        return "datetime.date"

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        return ((MODULE, "datetime"),)

    @property
    def json_kind(self) -> str:
        return "string"

    @property
    def construct_names(self) -> tuple[Name, ...]:
        return ((RUNTIME, "parse_date"),)

    @property
    def dump_names(self) -> tuple[Name, ...]:
        return ()

    @property
    def dump_is_identity(self) -> bool:
        return False

    @property
    def field_reader(self) -> str | None:
        return None
