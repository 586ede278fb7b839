"""Any JSON value: schemas with no type, `true`, or `{}`."""

from __future__ import annotations

from dataclasses import dataclass

from .base import RUNTIME, TYPING, Node


@dataclass(frozen=True)
class AnyType(Node):
    """Any JSON value, kept as parsed."""

    kind = "any"
    ANNOTATION = "Any"
    IMPORTS = ((TYPING, "Any"),)
    JSON_KIND = "any"
    READER = ((RUNTIME, "parse_any"),)
    IDENTITY = True
