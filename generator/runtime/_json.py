"""JSON text and untyped JSON values: decoding, encoding, the check of values no parse
function looks into, and the wire form of any value."""

from __future__ import annotations

import datetime
import json
import math
import uuid
from typing import Any, Final, NoReturn, TypeVar

from ._base import MAX_DEPTH, OpenEnum, Parser, ValidationError, describe, key_segment
from ._datetime import format_datetime

T = TypeVar("T")


def parse_any(value: Any, path: str, depth: int = 0) -> Any:
    """Any JSON value, kept as it came once `check_payload` has walked it."""
    if type(value) not in _PLAIN and value is not None:
        check_payload(value, path, depth)
    return value


def refuse_value(value: Any, path: str, depth: int = 0) -> NoReturn:
    """The reader of a place whose schema is `false`: no value is allowed there."""
    raise ValidationError(path, f"no value is allowed here, got {describe(value)}")


def to_wire(value: Any) -> Any:
    """The JSON form of any value a union or an untyped field can hold."""
    kind = type(value)
    if kind in _PLAIN or value is None:
        return value
    if kind is not dict and kind is not list and hasattr(kind, "to_dict"):
        return value.to_dict()  # a model, the usual member of a union
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, OpenEnum):
        return value.value
    if isinstance(value, str):
        return value
    if isinstance(value, datetime.datetime):
        return format_datetime(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list):
        return [to_wire(v) for v in value]
    if isinstance(value, dict):
        return {k: to_wire(v) for k, v in value.items()}
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None:
        return to_dict()
    raise TypeError(f"cannot convert {type(value).__name__} to JSON")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def decode_json(text: str | bytes) -> Any:
    """Decode a JSON document; malformed text is a ValidationError at `$`."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:  # the decoder's own limit, well past MAX_DEPTH
        raise ValidationError("$", f"nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as exc:
        raise ValidationError("$", f"invalid JSON: {exc}") from None


def encode_json(value: Any) -> str:
    """JSON text of a wire form; NaN and infinity (JSON has neither) are a ValidationError."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError:
        check_payload(value)  # names the place
        raise


def check_payload(value: Any, path: str = "$", depth: int = 0) -> None:
    """Refuse, with the exact path, what `json.loads` could not have produced: nesting past
    MAX_DEPTH, a key that is not a string, NaN or infinity, a value that is not JSON.

    For values kept untyped (`Any`, undeclared properties, unknown union members), which no
    parse function looks into; `depth` is where `value` sits. Walked without recursion.
    """
    if not isinstance(value, (dict, list)):
        _check_scalar(value, (value, depth, None, None), path)
        return
    stack: list[tuple[Any, int, Any, Any]] = [(value, depth, None, None)]
    plain = _PLAIN
    while stack:
        entry = stack.pop()
        node, depth = entry[0], entry[1]
        if depth >= MAX_DEPTH:
            raise ValidationError(
                _path_of(entry, path), f"nested deeper than {MAX_DEPTH} levels"
            )
        if isinstance(node, dict):
            for key, child in node.items():
                if (type(child) in plain or child is None) and type(key) is str:
                    continue
                if type(key) is not str:
                    raise ValidationError(
                        _path_of(entry, path), f"key {key!r} is not a string"
                    )
                if isinstance(child, (dict, list)):
                    stack.append((child, depth + 1, entry, key))
                else:
                    _check_scalar(child, (child, depth + 1, entry, key), path)
        else:
            for index, child in enumerate(node):
                if type(child) in plain or child is None:
                    continue
                if isinstance(child, (dict, list)):
                    stack.append((child, depth + 1, entry, index))
                else:
                    _check_scalar(child, (child, depth + 1, entry, index), path)


_PLAIN: Final = frozenset({str, int, bool})
"""Scalar types that need no further check (None neither; floats do: NaN)."""


def _check_scalar(value: Any, entry: tuple[Any, int, Any, Any], root: str) -> None:
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(
                _path_of(entry, root), f"expected a finite number, got {value!r}"
            )
    elif not isinstance(value, (str, int)) and value is not None:
        raise ValidationError(
            _path_of(entry, root), f"expected a JSON value, got {type(value).__name__}"
        )


def _path_of(entry: tuple[Any, int, Any, Any], root: str) -> str:
    """The JSON path of a walked entry, rebuilt from its parents only when needed."""
    segments = []
    while entry[2] is not None:
        key = entry[3]
        segments.append(
            key_segment(key) if isinstance(entry[2][0], dict) else f"[{key}]"
        )
        entry = entry[2]
    return root + "".join(reversed(segments))


def parse_payload(parse: Parser[T], value: Any, path: str = "$") -> T:
    """Parse a whole payload. Nesting is bounded by MAX_DEPTH as it is parsed; a
    RecursionError that still happens (a caller already deep in its stack) is a
    ValidationError too."""
    try:
        return parse(value, path, 0)
    except RecursionError:
        raise ValidationError(path, "nested too deeply for the stack left") from None
