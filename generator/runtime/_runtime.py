"""Shared runtime of this package's models: errors, the unset marker, open enums, JSON helpers.

The same text is emitted into every generated package so that each one depends on the
standard library only.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
import json
import math
import re
import sys
from collections.abc import Callable
from typing import Any, Final, Protocol, TypeVar

__all__ = [
    "MAX_DEPTH",
    "UNSET",
    "OpenEnum",
    "OperationFailed",
    "PollTimeout",
    "Shapes",
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
    "optional",
    "optional_bool",
    "optional_datetime",
    "optional_enum",
    "optional_int",
    "optional_str",
    "parse_any",
    "parse_date",
    "parse_datetime",
    "parse_list",
    "parse_map",
    "parse_payload",
    "require",
    "required",
    "required_bool",
    "required_datetime",
    "required_enum",
    "required_int",
    "required_str",
    "to_wire",
    "undeclared",
]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
E = TypeVar("E", bound="OpenEnum")
Parser = Callable[[Any, str, int], T]
"""A parse function: (value, path, depth) -> the parsed value, or a ValidationError."""


class Unset:
    """Marks an optional field that was absent on the wire, as opposed to an explicit null."""

    _instance: Unset | None = None

    def __new__(cls) -> Unset:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "UNSET"

    def __copy__(self) -> Unset:
        return self

    def __deepcopy__(self, memo: object) -> Unset:
        return self

    def __reduce__(self) -> str:
        return "UNSET"


UNSET: Final = Unset()


class ValidationError(ValueError):
    """A payload does not match the spec; `path` names the place, e.g. `$.details.error`."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message

    def within(self, parent: str, segment: str) -> ValidationError:
        """The same error for a value that was parsed at `parent` but sits at
        `parent + segment`: containers parse their items without building each item's path,
        and name the item only on the way out of an error."""
        return ValidationError(
            parent + segment + self.path[len(parent) :], self.message
        )


class OperationFailed(Exception):
    """The operation reached a failure state; `model` is the final status, `message` its error."""

    def __init__(self, model: object, message: str | None) -> None:
        super().__init__(message or "the operation failed")
        self.model = model
        self.message = message


class PollTimeout(Exception):
    """The overall timeout passed before the operation finished; `model` is the last status."""

    def __init__(self, model: object, timeout: float) -> None:
        super().__init__(f"the operation did not finish within {timeout:g} s")
        self.model = model
        self.timeout = timeout


class OpenEnum(str, enum.Enum):
    """A string enum that keeps values the spec does not list: servers add states.

    An unknown value becomes a nameless pseudo-member that compares equal to its string and
    answers `is_unknown`; it is never an error.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    @classmethod
    def parse(cls: type[E], value: Any, path: str = "$", depth: int = 0) -> E:
        """Build a member from a wire value; only a non-string is an error."""
        member = cls._value2member_map_.get(value) if type(value) is str else None
        if member is not None:
            return member  # type: ignore[return-value]
        if not isinstance(value, str):
            raise ValidationError(path, f"expected a string, got {describe(value)}")
        return cls(value)

    @property
    def is_unknown(self) -> bool:
        """True for a value the spec does not list."""
        return type(self)._member_map_.get(self._name_) is not self

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, format_spec: str) -> str:
        return str.__format__(str.__str__(self), format_spec)

    def __repr__(self) -> str:
        if self.is_unknown:
            return f"<{type(self).__name__} unknown {str.__repr__(self)}>"
        return f"<{type(self).__name__}.{self._name_}: {str.__repr__(self)}>"

    def __hash__(self) -> int:
        return str.__hash__(self)


_JSON_TYPES: Final = (
    (bool, "a boolean"),  # before int: a bool is an int too
    (int, "an integer"),
    (float, "a number"),
    (str, "a string"),
    (list, "an array"),
    (dict, "an object"),
)


def describe(value: Any) -> str:
    """The JSON type of a decoded value, for error messages."""
    if value is None:
        return "null"
    for kind, name in _JSON_TYPES:
        if isinstance(value, kind):
            return name
    return type(value).__name__


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@functools.lru_cache(maxsize=4096)
def key_segment(key: str) -> str:
    """The JSON-path segment of an object key: `.name`, or `["odd key"]` when not a name."""
    if _IDENTIFIER.fullmatch(key):
        return "." + key
    return "[" + json.dumps(key, ensure_ascii=False) + "]"


MAX_DEPTH: Final = 200
"""Deepest nesting of objects and arrays a payload may have; deeper is a ValidationError."""

# Every parse function takes (value, path, depth): `depth` is how deep `value` sits in the
# payload (the root is 0). Containers refuse depth >= MAX_DEPTH, so no payload can cost a
# RecursionError; scalars accept the argument and ignore it. Paths are built only on the way
# to an error.


def _too_deep(path: str) -> ValidationError:
    return ValidationError(path, f"nested deeper than {MAX_DEPTH} levels")


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


def parse_any(value: Any, path: str, depth: int = 0) -> Any:
    """Any JSON value, kept as it came once `check_payload` has walked it."""
    if type(value) not in _PLAIN and value is not None:
        check_payload(value, path, depth)
    return value


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


_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))",
    re.ASCII,
)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_fromisoformat: Final = datetime.datetime.fromisoformat
_ISO_SHAPES: Final = (
    {20: "--T::Z", **{n: "--T::." for n in range(22, 31)}}
    if sys.version_info >= (3, 11)  # from 3.11 fromisoformat reads `Z` and any fraction
    else {}
)
"""The date-times `datetime.fromisoformat` reads exactly as the RFC 3339 parser does, by their
separators (offsets 4, 7, ... 19) and length: `YYYY-MM-DDTHH:MM:SSZ` and, with 1-9 fractional
digits, `YYYY-MM-DDTHH:MM:SS.fZ`. Digits and ranges it still checks itself, and what it refuses
(a leap second, say) goes to the full parser."""


def parse_datetime(value: Any, path: str, depth: int = 0) -> datetime.datetime:
    """RFC 3339 date-time with `Z` or an offset and 0-9 fractional digits (beyond 6 truncated)."""
    if (
        type(value) is str
        and value[-1:] == "Z"
        and value[4:20:3] == _ISO_SHAPES.get(len(value))
    ):
        try:
            return _fromisoformat(value)
        except ValueError:
            pass
    return _parse_rfc3339(value, path)


def _parse_rfc3339(value: Any, path: str) -> datetime.datetime:
    if not isinstance(value, str):
        raise ValidationError(
            path, f"expected a date-time string, got {describe(value)}"
        )
    m = _DATETIME.fullmatch(value)
    if m is None:
        raise ValidationError(path, f"invalid date-time {value[:64]!r}")
    year, month, day, hour, minute, second, fraction, z, sign, oh, om = m.groups()
    if z:
        tz = datetime.timezone.utc
    else:
        if int(oh) > 23 or int(om) > 59:
            raise ValidationError(path, f"invalid date-time offset in {value[:64]!r}")
        offset = datetime.timedelta(hours=int(oh), minutes=int(om))
        tz = datetime.timezone(-offset if sign == "-" else offset)
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    leap = second == "60" and minute == "59"
    try:
        result = datetime.datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            59 if leap else int(second),
            micro,
            tzinfo=tz,
        )
    except ValueError as exc:
        raise ValidationError(
            path, f"invalid date-time {value[:64]!r}: {exc}"
        ) from None
    return result


_UTC: Final = datetime.timezone.utc


def format_datetime(value: datetime.datetime) -> str:
    """Canonical RFC 3339: `Z` for UTC, fraction only when non-zero (6 digits)."""
    if value.tzinfo is _UTC:  # the same text, without formatting an offset to replace
        return value.date().isoformat() + "T" + value.time().isoformat() + "Z"
    text = value.isoformat()
    if text.endswith("+00:00"):
        text = text[:-6] + "Z"
    return text


def parse_date(value: Any, path: str, depth: int = 0) -> datetime.date:
    if not isinstance(value, str):
        raise ValidationError(path, f"expected a date string, got {describe(value)}")
    m = _DATE.fullmatch(value)
    if m is None:
        raise ValidationError(path, f"invalid date {value[:64]!r}")
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise ValidationError(path, f"invalid date {value[:64]!r}: {exc}") from None


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


def parse_nullable(value: Any, path: str, depth: int, inner: Parser[T]) -> T | None:
    return None if value is None else inner(value, path, depth)


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


def get_path(obj: object, path: tuple[str, ...]) -> Any:
    """Walk attribute names from a model; an absent or null step gives None."""
    for name in path:
        obj = getattr(obj, name, None)
        if obj is None or isinstance(obj, Unset):
            return None
    return obj


def _state_text(value: object) -> str | None:
    if isinstance(value, str):
        return str.__str__(value)
    return None


@dataclasses.dataclass(frozen=True)
class StatusRule:
    """What a status model's fields mean, as the generator decided from the spec.

    The rule is data, so every status model and every poller shares this one implementation.
    Unknown state values are in progress: servers add states.
    """

    state: tuple[str, ...]
    success: frozenset[str]
    failure: frozenset[str]
    canceled: frozenset[str]
    qualified: frozenset[str] = frozenset()
    state_is_bool: bool = False
    outcome: tuple[str, ...] | None = None
    outcome_failure_min: float | None = None
    outcome_failure_if_present: bool = False
    outcome_success: frozenset[str] = frozenset()
    outcome_failure: frozenset[str] = frozenset()
    progress_current: tuple[str, ...] | None = None
    progress_total: tuple[str, ...] | None = None
    progress_message: tuple[str, ...] | None = None
    error: tuple[str, ...] | None = None
    result: tuple[str, ...] | None = None

    def state_of(self, model: object) -> Any:
        return get_path(model, self.state)

    def is_terminal(self, model: object) -> bool:
        state = self.state_of(model)
        if self.state_is_bool:
            return state is True
        text = _state_text(state)
        return text is not None and (
            text in self.success
            or text in self.failure
            or text in self.canceled
            or text in self.qualified
        )

    def _outcome_failed(self, model: object) -> bool:
        if self.outcome is None:
            return False
        value = get_path(model, self.outcome)
        if self.outcome_failure_min is not None:
            return (
                isinstance(value, (int, float))
                and not isinstance(value, bool)
                and value >= self.outcome_failure_min
            )
        if self.outcome_failure_if_present:
            return value is not None
        text = _state_text(value)
        return text is None or text not in self.outcome_success

    def is_success(self, model: object) -> bool:
        if not self.is_terminal(model):
            return False
        text = _state_text(self.state_of(model))
        if text is not None and text in self.success:
            return True
        if self.state_is_bool or (text is not None and text in self.qualified):
            return not self._outcome_failed(model)
        return False

    def is_failure(self, model: object) -> bool:
        return self.is_terminal(model) and not self.is_success(model)

    def is_canceled(self, model: object) -> bool:
        text = _state_text(self.state_of(model))
        return text is not None and text in self.canceled

    def progress(self, model: object) -> float | None:
        """current / total clamped to [0, 1]; 1.0 once successful; None when unknown."""
        if self.progress_current is not None and self.progress_total is not None:
            current = get_path(model, self.progress_current)
            total = get_path(model, self.progress_total)
            numbers = (int, float)
            if (
                isinstance(current, numbers)
                and isinstance(total, numbers)
                and not isinstance(current, bool)
                and not isinstance(total, bool)
                and total > 0
            ):
                return min(max(current / total, 0.0), 1.0)
        if self.is_success(model):
            return 1.0
        return None

    def progress_text(self, model: object) -> str | None:
        if self.progress_message is None:
            return None
        value = get_path(model, self.progress_message)
        return value if isinstance(value, str) else None

    def failure_message(self, model: object) -> str | None:
        if self.error is None:
            return None
        value = get_path(model, self.error)
        if value is None:
            return None
        return value if isinstance(value, str) else str(value)

    def result_location(self, model: object) -> str | None:
        if self.result is None:
            return None
        value = get_path(model, self.result)
        return value if isinstance(value, str) else None
