"""The parsed schemas status semantics reads, and how a dotted path walks them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .. import ir
from ..input.load import Location
from ..spec_error import SpecError


def normalise(value: str) -> str:
    """State words compare without case or separators: `TIMED_OUT` == `timed out`."""
    return re.sub(r"[\s_\-.]+", "", value).lower()


class Invalid(Exception):
    """Problems that make one model's status semantics undecidable."""

    def __init__(self, *errors: SpecError) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = list(errors)


class ModelShape(Protocol):
    """What status semantics needs of a model: a parser draft or a finished `ir.Model`."""

    @property
    def name(self) -> str: ...

    @property
    def fields(self) -> Sequence[ir.Field]: ...


class EnumShape(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def members(self) -> tuple[ir.EnumMember, ...]: ...


@dataclass(frozen=True)
class Schemas:
    """The parsed schemas of one spec, by name, as status semantics looks them up."""

    models: Mapping[str, ModelShape]
    enums: Mapping[str, EnumShape]
    union_variants: Mapping[str, Sequence[str]]

    def enum_values(self, value_type: ir.TypeRef) -> set[str] | None:
        """The values an enum-typed field may hold, or None when it is not an enum."""
        if isinstance(value_type, ir.EnumRef):
            return {m.value for m in self.enums[value_type.name].members}
        return None

    def path(self, at: Location, raw: Any, model: ModelShape) -> tuple[tuple[str, ...], ir.Field]:
        """Resolve a dotted path of wire or attribute names to attribute names."""
        if not isinstance(raw, str) or not raw:
            raise Invalid(at.error("must be a dotted path string"))
        candidates: list[ModelShape] = [model]
        py_path: list[str] = []
        found: ir.Field | None = None
        for segment in raw.split("."):
            found = _segment(candidates, segment)
            if found is None:
                raise Invalid(at.error(f"path {raw!r} does not exist in {model.name}"))
            py_path.append(found.py_name)
            candidates = self._models_of(found.value_type)
        assert found is not None
        return tuple(py_path), found

    def _models_of(self, value_type: ir.TypeRef) -> list[ModelShape]:
        if isinstance(value_type, ir.NullableType):
            value_type = value_type.inner
        if isinstance(value_type, ir.ModelRef):
            return [self.models[value_type.name]]
        if isinstance(value_type, ir.UnionRef):
            return [self.models[n] for n in self.union_variants.get(value_type.name, [])]
        return []


def _segment(candidates: list[ModelShape], segment: str) -> ir.Field | None:
    # A wire name wins over an attribute name: with wire keys `A` and `a` (attributes `a` and
    # `a_2`), the path `a` means the wire key `a`.
    for candidate in candidates:
        found = next((f for f in candidate.fields if segment == f.wire_name), None)
        found = found or next((f for f in candidate.fields if segment == f.py_name), None)
        if found is not None:
            return found
    return None
