"""The intermediate representation: everything the templates need, decided once by the parser.

Plain frozen dataclasses with no OpenAPI and no Jinja in them. Derived properties compute only
what follows mechanically from stored decisions (annotations, imports); every choice — names,
types, which values are terminal — is made in `parser/` / `status/` and stored here.
"""

from __future__ import annotations

from ..kinds import (
    AnyType,
    ArrayType,
    DateTimeType,
    DateType,
    EnumRef,
    MapType,
    ModelRef,
    NeverType,
    NullableType,
    PrimitiveType,
    TypeRef,
    UnionRef,
)
from ..kinds.union import UnionType, UnionVariant
from .endpoints import Endpoint, Parameter, PollerClass, PollerSpec, Response
from .fields import EnumDefault, ExtraProperties, Field, JsonValue, Source
from .models import EnumMember, EnumType, Model, status_constant
from .operations import LroPollerSpec
from .package import Package
from .status import StatusOutcome, StatusProgress, StatusSemantics

__all__ = [
    "AnyType",
    "ArrayType",
    "DateTimeType",
    "DateType",
    "Endpoint",
    "EnumDefault",
    "EnumMember",
    "EnumRef",
    "EnumType",
    "ExtraProperties",
    "Field",
    "JsonValue",
    "LroPollerSpec",
    "MapType",
    "Model",
    "ModelRef",
    "NeverType",
    "NullableType",
    "Package",
    "Parameter",
    "PollerClass",
    "PollerSpec",
    "PrimitiveType",
    "Response",
    "Source",
    "StatusOutcome",
    "StatusProgress",
    "StatusSemantics",
    "TypeRef",
    "UnionRef",
    "UnionType",
    "UnionVariant",
    "status_constant",
]
