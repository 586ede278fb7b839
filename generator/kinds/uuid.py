"""RFC 4122 `uuid` strings, as `uuid.UUID` values (written back in canonical form)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .base import MODULE, RUNTIME, Name


@dataclass(frozen=True)
class UuidType:
    """A `format: uuid` string, parsed to a `uuid.UUID`."""

    kind: ClassVar[str] = "uuid"
    recognises: ClassVar[tuple[tuple[str, str], ...]] = (("string", "uuid"),)

    @property
    def annotation(self) -> str:
        return "uuid.UUID"

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        return ((MODULE, "uuid"),)

    @property
    def json_kind(self) -> str:
        return "string"

    @property
    def construct_names(self) -> tuple[Name, ...]:
        return ((RUNTIME, "parse_uuid"),)

    @property
    def dump_names(self) -> tuple[Name, ...]:
        return ()

    @property
    def dump_is_identity(self) -> bool:
        return False

    @property
    def field_reader(self) -> str | None:
        return None
