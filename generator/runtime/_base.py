"""What every other runtime module builds on: the unset marker, the errors, open enums,
JSON type names and path segments, and the depth limit."""

from __future__ import annotations

import enum
import functools
import json
import re
from collections.abc import Callable
from typing import Any, Final, TypeVar

T = TypeVar("T")
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


def none_fits(path: str, union: str, tried: list[ValidationError]) -> ValidationError:
    """The error for a value that no variant of a union accepted when tried in order: it
    names what each variant refused, so the reader sees why."""
    reasons = "; ".join(
        f"({index}) {error.path}: {error.message}"
        for index, error in enumerate(tried, start=1)
    )
    return ValidationError(path, f"no variant of {union} accepts the value: {reasons}")


class OperationFailed(Exception):
    """The operation reached a failure state; `model` is the final status, `message` its
    error, `canceled` whether it was canceled (a kind of failure), which `str()` says too.
    """

    def __init__(
        self, model: object, message: str | None, canceled: bool = False
    ) -> None:
        what = "the operation was canceled" if canceled else "the operation failed"
        super().__init__(f"{what}: {message}" if message else what)
        self.model = model
        self.message = message
        self.canceled = canceled


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


def _too_deep(path: str) -> ValidationError:
    return ValidationError(path, f"nested deeper than {MAX_DEPTH} levels")
