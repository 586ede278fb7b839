"""RFC 4122 `uuid` strings, as `uuid.UUID` values (written back in canonical form)."""

from __future__ import annotations

from dataclasses import dataclass

from .base import MODULE, RUNTIME, Node


@dataclass(frozen=True)
class UuidType(Node):
    """A `format: uuid` string, parsed to a `uuid.UUID`: only the canonical hyphenated form
    (either case) is read, as servers send it; `str()` writes it back."""

    kind = "uuid"
    RECOGNISES = (("string", "uuid"),)
    ANNOTATION = "uuid.UUID"
    IMPORTS = ((MODULE, "uuid"),)
    READER = ((RUNTIME, "parse_uuid"),)
    DUMP_FUNCTION = "str"
