"""One module per kind of schema type, each with its IR node, annotation and names.

The parser asks `recognise` what a scalar schema's (type, format) is; a kind that claims a
format lists it in its `RECOGNISES`, so adding a format is one kind module (plus its
macro file and the runtime reader it prints).
"""

from __future__ import annotations

import importlib
import pkgutil

from . import primitive
from .any import AnyType
from .array import ArrayType
from .base import MODULE, RUNTIME, Kind, Name, Node
from .date import DateType
from .datetime import DateTimeType
from .enum import EnumRef
from .map import MapType
from .model import ModelRef
from .never import NeverType
from .nullable import NullableType, is_nullable, with_null, without_null
from .primitive import PrimitiveType
from .union import UnionRef
from .uuid import UuidType

TypeRef = Kind
"""Any kind's node: the render stage and the templates use only the `Kind` interface, and
code that needs one kind's fields narrows with `isinstance` first."""


def kind_classes() -> tuple[type[Node], ...]:
    """Every kind, found by importing each module of this package: a new kind is its own
    module (with its macro file and runtime reader), registered nowhere else."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    found: list[type[Node]] = []
    todo: list[type[Node]] = [Node]
    while todo:
        subclasses = todo.pop().__subclasses__()
        found += subclasses
        todo += subclasses
    return tuple(sorted(found, key=lambda kind: kind.__qualname__))


_FORMATS: dict[tuple[str, str], type[Node]] = {
    key: kind for kind in kind_classes() for key in kind.RECOGNISES
}
"""(type, format) -> kind, from each kind's `RECOGNISES`."""


def recognise(type_name: str, fmt: str | None) -> TypeRef:
    """The kind of a scalar schema of JSON type `type_name` with format `fmt`."""
    kind = _FORMATS.get((type_name, fmt)) if fmt is not None else None
    return kind() if kind is not None else primitive.recognise(type_name, fmt)


def imported_modules() -> frozenset[str]:
    """The standard-library modules kinds' annotations import whole (`datetime`, `uuid`)."""
    return frozenset(
        name for kind in kind_classes() for source, name in kind.IMPORTS if source == MODULE
    )


def runtime_names() -> frozenset[str]:
    """Every runtime function a kind's macros print: the one table of them, which the
    runtime's tests check against the runtime."""
    names = {
        name
        for kind in kind_classes()
        for source, name in (*kind.READER, *kind.WRITER)
        if source == RUNTIME
    }
    scalars = [primitive.PrimitiveType(python) for python in primitive.JSON_OF]
    names.update(construct for s in scalars for _, construct in s.construct_names)
    return frozenset(names)


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
    "imported_modules",
    "is_nullable",
    "json_check",
    "kind_classes",
    "recognise",
    "runtime_names",
    "with_null",
    "without_null",
]
