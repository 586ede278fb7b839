"""The base classes of generated models: what every model, and every status model, does the
same way, written once here instead of once per class."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from ._codec import compile_model
from ._json import decode_json, encode_json, parse_payload
from ._status import StatusRule

_M = TypeVar("_M", bound="Model")
T = TypeVar("T")


class Model:
    """A generated model: a dataclass that declares its fields, the wire name of each
    (`_wire`, in the spec's order) and the parse function of each union it names (`_unions`);
    `_closed` where it refuses undeclared keys. Its `_from_dict` and `to_dict` are compiled
    from those on first use (`_codec`); the JSON-text and whole-payload entry points are here.
    """

    __slots__ = ()
    _wire: ClassVar[dict[str, str]]
    _unions: ClassVar[tuple[tuple[str, str], ...]] = ()
    _closed: ClassVar[bool] = False

    @classmethod
    def _from_dict(cls: type[_M], data: Any, path: str, depth: int) -> _M:
        """Read the fields of a decoded JSON object (`depth` containers deep) at `path`."""
        read = compile_model(cls).__dict__["_from_dict"].__func__
        model: _M = read(cls, data, path, depth)
        return model

    def to_dict(self) -> dict[str, Any]:
        """The wire form: wire names, absent fields left out, explicit nulls kept."""
        wire: dict[str, Any] = compile_model(type(self)).__dict__["to_dict"](self)
        return wire

    @classmethod
    def from_dict(cls: type[_M], data: Any, path: str = "$") -> _M:
        """Validate a decoded JSON object and build the model; errors name the JSON path."""
        return parse_payload(cls._from_dict, data, path)

    @classmethod
    def from_json(cls: type[_M], text: str | bytes) -> _M:
        """Decode JSON text and build the model."""
        return cls.from_dict(decode_json(text))

    def to_json(self) -> str:
        """The wire form as JSON text."""
        return encode_json(self.to_dict())


class PlainStatusModel(Model):
    """A model that reports an operation's status; `_status_rule` (set by each class) says
    what its fields mean. The base of a status model with a `progress` field of its own,
    which keeps that name; every other status model is a `StatusModel`."""

    __slots__ = ()
    _status_rule: ClassVar[StatusRule]

    @property
    def is_terminal(self) -> bool:
        """True once the operation has finished, successfully or not."""
        return self._status_rule.is_terminal(self)

    @property
    def is_success(self) -> bool:
        """True once the operation has finished successfully."""
        return self._status_rule.is_success(self)

    @property
    def is_failure(self) -> bool:
        """True once the operation has finished with a failure (cancellation included)."""
        return self._status_rule.is_failure(self)

    @property
    def failure_message(self) -> str | None:
        """The error message the status carries, if any."""
        return self._status_rule.failure_message(self)


class StatusModel(PlainStatusModel):
    """A status model, with the completed fraction as `progress`."""

    __slots__ = ()

    @property
    def progress(self) -> float | None:
        """Completed fraction in [0, 1] when the status reports it."""
        return self._status_rule.progress(self)
