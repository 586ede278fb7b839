"""One generated package: everything the render stage prints."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..kinds.union import UnionType
from ..spec_error import SpecError
from .endpoints import Endpoint, PollerSpec
from .models import EnumType, Model
from .operations import LroPollerSpec


@dataclass(frozen=True)
class Package:
    """One generated package, from one entry spec."""

    name: str
    spec_path: str  # as shown in headers: relative, posix, never absolute
    title: str
    version: str
    description: str | None
    models: tuple[Model, ...]
    enums: tuple[EnumType, ...]
    unions: tuple[UnionType, ...]
    endpoints: tuple[Endpoint, ...]
    servers: tuple[str, ...] = ()
    pollers: tuple[PollerSpec, ...] = ()
    lro_pollers: tuple[LroPollerSpec, ...] = ()
    distribution_version: str = "0.0.0"
    """`version` when it is a valid PEP 440 version, else 0.0.0 (for `--project`)."""
    warnings: tuple[SpecError, ...] = field(default=(), compare=False)
    """What the parser decided for the user that they may want to know (a schema renamed
    because another took its name); printed like the validator's warnings."""

    @property
    def status_models(self) -> tuple[Model, ...]:
        return tuple(m for m in self.models if m.status is not None)

    @property
    def exports(self) -> tuple[str, ...]:
        names = [m.name for m in self.models] + [e.name for e in self.enums]
        names += [u.name for u in self.unions]
        return tuple(sorted(names))

    @property
    def has_pollers(self) -> bool:
        """Whether the package has pollers.py and the polling runtime."""
        return bool(self.pollers or self.lro_pollers)

    @property
    def poller_exports(self) -> tuple[str, ...]:
        every: tuple[PollerSpec | LroPollerSpec, ...] = (*self.pollers, *self.lro_pollers)
        return tuple(sorted([p.name for p in every] + [p.async_name for p in every]))
