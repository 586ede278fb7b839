"""Shared runtime of this package's models: the parse functions and field readers they call,
and the one place they import every runtime name from (`__all__`).

Copied into every generated package, which so depends on the standard library only; the
other runtime modules hold errors and enums (`_base`), date-times (`_datetime`), untyped
JSON (`_json`), the models' base classes (`_model`) and status rules (`_status`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from ._base import (
    MAX_DEPTH,
    UNSET,
    OpenEnum,
    OperationFailed,
    Parser,
    PollTimeout,
    Unset,
    ValidationError,
    _too_deep,
    describe,
    key_segment,
    none_fits,
)
from ._datetime import (
    format_datetime,
    parse_date,
    parse_datetime,
    parse_time,
    parse_uuid,
)
from ._json import (
    check_payload,
    decode_json,
    encode_json,
    parse_any,
    parse_payload,
    refuse_value,
    to_wire,
)
from ._model import Model, PlainStatusModel, StatusModel
from ._status import StatusEnum, StatusRule

__all__ = [
    "MAX_DEPTH",
    "UNSET",
    "Model",
    "OpenEnum",
    "OperationFailed",
    "PlainStatusModel",
    "PollTimeout",
    "Shapes",
    "StatusEnum",
    "StatusModel",
    "StatusRule",
    "Unset",
    "ValidationError",
    "check_payload",
    "choose_shape",
    "decode_json",
    "describe",
    "encode_json",
    "expect_bool",
    "expect_float",
    "expect_int",
    "expect_list",
    "expect_object",
    "expect_str",
    "forbid_undeclared",
    "format_datetime",
    "key_segment",
    "merge_undeclared",
    "none_fits",
    "optional",
    "optional_bool",
    "optional_datetime",
    "optional_enum",
    "optional_int",
    "optional_str",
    "parse_any",
    "parse_date",
    "parse_datetime",
    "parse_time",
    "parse_uuid",
    "parse_list",
    "parse_map",
    "parse_payload",
    "refuse_value",
    "require",
    "required",
    "required_bool",
    "required_datetime",
    "required_enum",
    "required_int",
    "required_or_null",
    "required_str",
    "to_wire",
    "undeclared",
]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
E = TypeVar("E", bound="OpenEnum")


# Every parse function takes (value, path, depth): `depth` is how deep `value` sits in the
# payload (the root is 0). Containers refuse depth >= MAX_DEPTH, so no payload can cost a
# RecursionError; scalars accept the argument and ignore it. Paths are built only on the way
# to an error.


def _expect_container(value: Any, path: str, depth: int, kind: type[T], what: str) -> T:
    """`value` if it is a `kind`; either container past MAX_DEPTH is refused as too deep."""
    if depth >= MAX_DEPTH and isinstance(value, (dict, list)):
        raise _too_deep(path)
    if isinstance(value, kind):
        return value
    raise ValidationError(path, f"expected {what}, got {describe(value)}")


def expect_object(value: Any, path: str, depth: int = 0) -> dict[str, Any]:
    return _expect_container(value, path, depth, dict, "an object")


def expect_list(value: Any, path: str, depth: int = 0) -> list[Any]:
    return _expect_container(value, path, depth, list, "an array")


class Expect(Protocol[T_co]):
    """A `Parser` of a JSON type that needs no conversion, callable without `depth`."""

    def __call__(self, value: Any, path: str, depth: int = 0) -> T_co: ...


def _expect_instance(kind: type[T], what: str) -> Expect[T]:
    """The parse function of a JSON type that needs no conversion: checked, kept as it is."""

    def expect(value: Any, path: str, depth: int = 0) -> Any:
        if not isinstance(value, kind):
            raise ValidationError(path, f"expected {what}, got {describe(value)}")
        return value

    return expect


expect_str = _expect_instance(str, "a string")
expect_bool = _expect_instance(bool, "a boolean")


def expect_int(value: Any, path: str, depth: int = 0) -> int:
    if type(value) is int:
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        if not math.isfinite(value):
            raise ValidationError(path, f"expected a finite number, got {value!r}")
    elif isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise ValidationError(path, f"expected an integer, got {describe(value)}")


def expect_float(value: Any, path: str, depth: int = 0) -> float:
    if isinstance(
        value, float
    ):  # float subclasses too (numpy.float64): NaN is never a number
        if math.isfinite(value):
            return value
        raise ValidationError(path, f"expected a finite number, got {value!r}")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValidationError(path, f"expected a number, got {describe(value)}")


def require(data: dict[str, Any], key: str, path: str) -> Any:
    """The value of a required key, or a ValidationError naming the missing key."""
    try:
        return data[key]
    except KeyError:
        raise ValidationError(path + key_segment(key), "is required") from None


def parse_list(value: Any, path: str, depth: int, item: Parser[T]) -> list[T]:
    if type(value) is not list or depth >= MAX_DEPTH:
        value = expect_list(value, path, depth)
    result: list[T] = []
    append = result.append
    try:
        for v in value:
            append(item(v, path, depth + 1))
    except (
        ValidationError
    ) as exc:  # the item was parsed at `path`: name it in the error
        raise exc.within(path, f"[{len(result)}]") from None
    return result


def parse_map(value: Any, path: str, depth: int, item: Parser[T]) -> dict[str, T]:
    if type(value) is not dict or depth >= MAX_DEPTH:
        value = expect_object(value, path, depth)
    result: dict[str, T] = {}
    for k, v in value.items():
        if type(k) is not str:
            raise ValidationError(path, f"key {k!r} is not a string")
        try:
            result[k] = item(v, path, depth + 1)
        except (
            ValidationError
        ) as exc:  # the value was parsed at `path`: name it in the error
            raise exc.within(path, key_segment(k)) from None
    return result


def _check_keys(value: dict[Any, Any], path: str) -> None:
    for key in value:
        if type(key) is not str:
            raise ValidationError(path, f"key {key!r} is not a string")


# One reader per field of a model: the value of `key` in `data`, parsed. An optional field
# that is absent stays UNSET and an explicit null stays None; a missing required one is a
# ValidationError naming it. The key enters the error's path only on the way out of an
# error: most payloads are valid, and building paths is what would cost.


def _missing(path: str, key: str) -> ValidationError:
    return ValidationError(path + key_segment(key), "is required")


def _parse_field(value: Any, key: str, path: str, parse: Parser[T], depth: int) -> T:
    try:
        return parse(value, path, depth)
    except ValidationError as exc:  # parsed at `path`: name the key in the error
        raise exc.within(path, key_segment(key)) from None


def required(
    data: dict[str, Any],
    key: str,
    path: str,
    parse: Parser[T],
    depth: int,
) -> T:
    value = data.get(key, UNSET)
    if value is UNSET:
        raise _missing(path, key)
    return _parse_field(value, key, path, parse, depth + 1)


def required_or_null(
    data: dict[str, Any],
    key: str,
    path: str,
    parse: Parser[T],
    depth: int,
) -> T | None:
    """A required field that may hold null: `parse` sees only the other values."""
    if data.get(key, UNSET) is None:
        return None
    return required(data, key, path, parse, depth)


def optional(
    data: dict[str, Any],
    key: str,
    path: str,
    parse: Parser[T],
    depth: int,
) -> T | None | Unset:
    value = data.get(key, UNSET)
    if value is UNSET or value is None:
        return value
    return _parse_field(value, key, path, parse, depth + 1)


Reader = Callable[[dict[str, Any], str, str], T]
"""A field reader of one scalar kind: (data, key, path) -> value."""


def _readers(
    kind: type[Any] | None, parse: Parser[T]
) -> tuple[Reader[T], Reader[T | None | Unset]]:
    """`required` and `optional` for one scalar kind, with its parse function bound (one call
    per field), and a value of exactly type `kind` taken as it is without even that call:
    most fields are plain strings, integers and booleans."""

    def read_required(data: dict[str, Any], key: str, path: str) -> Any:
        value = data.get(key, UNSET)
        if type(value) is kind:
            return value
        if value is UNSET:
            raise _missing(path, key)
        try:
            return parse(value, path, 0)
        except ValidationError as exc:
            raise exc.within(path, key_segment(key)) from None

    def read_optional(data: dict[str, Any], key: str, path: str) -> Any:
        value = data.get(key, UNSET)
        if type(value) is kind or value is UNSET or value is None:
            return value
        try:
            return parse(value, path, 0)
        except ValidationError as exc:
            raise exc.within(path, key_segment(key)) from None

    return read_required, read_optional


def required_enum(data: dict[str, Any], key: str, path: str, enum: type[E]) -> E:
    value = data.get(key, UNSET)
    member = enum._value2member_map_.get(value) if type(value) is str else None
    if member is not None:
        return member  # type: ignore[return-value]
    if value is UNSET:
        raise _missing(path, key)
    return _parse_field(value, key, path, enum.parse, 0)


def optional_enum(
    data: dict[str, Any], key: str, path: str, enum: type[E]
) -> E | None | Unset:
    value = data.get(key, UNSET)
    member = enum._value2member_map_.get(value) if type(value) is str else None
    if member is not None:
        return member  # type: ignore[return-value]
    if value is UNSET or value is None:
        return value
    return _parse_field(value, key, path, enum.parse, 0)


required_str, optional_str = _readers(str, expect_str)
required_int, optional_int = _readers(int, expect_int)
required_bool, optional_bool = _readers(bool, expect_bool)
required_datetime, optional_datetime = _readers(None, parse_datetime)


def undeclared(
    data: dict[str, Any],
    declared: frozenset[str],
    path: str,
    depth: int,
    parse: Parser[T] = parse_any,
) -> dict[str, T]:
    """The properties a model does not declare, kept (parsed by `parse`) for the round trip."""
    if declared.issuperset(data):
        return {}
    _check_keys(data, path)
    return {
        k: parse(v, path + key_segment(k), depth + 1)
        for k, v in data.items()
        if k not in declared
    }


def forbid_undeclared(
    data: dict[str, Any], declared: frozenset[str], path: str
) -> dict[str, Any]:
    """No undeclared properties (`additionalProperties: false`): an empty dict, or the error."""
    if declared.issuperset(data):
        return {}
    _check_keys(data, path)
    unknown = sorted(data.keys() - declared)
    raise ValidationError(path + key_segment(unknown[0]), "is not a declared property")


def merge_undeclared(result: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """A wire form with the undeclared properties after the fields (never replacing one)."""
    for key, value in extra.items():
        result.setdefault(key, value)
    return result


Shapes = tuple[tuple[frozenset[str], frozenset[str]], ...]
"""(required keys, marker keys) of each object variant of a union, for `choose_shape`."""


def choose_shape(value: dict[str, Any], path: str, shapes: Shapes) -> int:
    """Pick the union variant an object belongs to, by its keys, without trial parsing.

    Each shape is (required keys, marker keys: keys only that variant declares). Among the
    variants whose required keys are all present, the one with most markers present wins; ties
    go to the earlier variant, so the choice is deterministic.
    """
    best, best_score = -1, -1
    for index, (required, markers) in enumerate(shapes):
        if not required.issubset(value.keys()):
            continue
        score = len(markers.intersection(value.keys()))
        if score > best_score:
            best, best_score = index, score
    if best < 0:
        raise ValidationError(path, "matches none of the union's variants")
    return best
