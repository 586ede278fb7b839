"""One module per kind of schema type, each with its IR node, annotation and names.

The parser asks `recognise` what a scalar schema's (type, format) is; a kind that claims a
format lists it in its `RECOGNISES`, so adding a format is one kind module (plus its
macro file and the runtime reader it prints).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Union, get_args

from . import primitive
from .any import AnyType
from .array import ArrayType
from .base import Kind, Name
from .date import DateType
from .datetime import DateTimeType
from .enum import EnumRef
from .map import MapType
from .model import ModelRef
from .never import NeverType
from .nullable import NullableType
from .primitive import PrimitiveType
from .union import UnionRef
from .uuid import UuidType

TypeRef = Union[  # noqa: UP007 - a runtime alias with forward references
    PrimitiveType,
    DateTimeType,
    DateType,
    AnyType,
    ArrayType,
    MapType,
    ModelRef,
    EnumRef,
    UnionRef,
    UuidType,
    NeverType,
    NullableType,
]

_FORMATS: dict[tuple[str, str], Callable[[], TypeRef]] = {
    key: node for node in get_args(TypeRef) for key in node.RECOGNISES
}
"""(type, format) -> kind, from each kind's `RECOGNISES`: a new format is one kind module."""


def recognise(type_name: str, fmt: str | None) -> TypeRef:
    """The kind of a scalar schema of JSON type `type_name` with format `fmt`."""
    node = _FORMATS.get((type_name, fmt)) if fmt is not None else None
    return node() if node is not None else primitive.recognise(type_name, fmt)


_JSON_CHECKS = {
    "string": "isinstance({v}, str)",
    "integer": "isinstance({v}, int) and not isinstance({v}, bool)",
    "number": "isinstance({v}, (int, float)) and not isinstance({v}, bool)",
    "boolean": "isinstance({v}, bool)",
    "array": "isinstance({v}, list)",
    "object": "isinstance({v}, dict)",
}


def json_check(json_kind: str, value: str) -> str:
    """The test that `value` (a variable name) is JSON of `json_kind`; a union or an untyped
    variant accepts anything."""
    return _JSON_CHECKS.get(json_kind, "True").format(v=value)


__all__ = [
    "AnyType",
    "ArrayType",
    "DateTimeType",
    "DateType",
    "EnumRef",
    "Kind",
    "MapType",
    "ModelRef",
    "Name",
    "NeverType",
    "NullableType",
    "PrimitiveType",
    "TypeRef",
    "UnionRef",
    "UuidType",
    "json_check",
    "recognise",
]
