"""Status semantics inferred from state words when a model has no `x-statusgen` (DESIGN.md §4)."""

from __future__ import annotations

from .. import ir
from .schemas import EnumShape, ModelShape, Schemas, normalise

SUCCESS_WORDS = frozenset({"succeeded", "success", "completed", "complete", "finished", "done"})
FAILURE_WORDS = frozenset(
    {"failed", "failure", "error", "timedout", "expired", "rejected", "aborted"}
)
CANCELED_WORDS = frozenset({"canceled", "cancelled"})
STATE_NAMES = ("status", "state")
ERROR_NAMES = ("error_message", "failure_message", "status_message", "message", "error")


def infer(schemas: Schemas, model: ModelShape) -> ir.StatusSemantics | None:
    """The semantics of a model with an enum field holding both success and failure words;
    a field named like a state wins over others."""
    candidates = []
    for f in model.fields:
        value_type = f.value_type
        if not isinstance(value_type, ir.EnumRef):
            continue
        enum = schemas.enums[value_type.name]
        words = {normalise(m.value) for m in enum.members}
        if words & SUCCESS_WORDS and words & (FAILURE_WORDS | CANCELED_WORDS):
            named = any(n in f.py_name for n in STATE_NAMES)
            candidates.append((0 if named else 1, f, enum))
    if not candidates:
        return None
    _, state_field, enum = min(candidates, key=lambda c: c[0])
    success, failure, canceled = _classify(enum)
    return ir.StatusSemantics(
        origin="inferred",
        state=(state_field.py_name,),
        state_is_bool=False,
        success_values=success,
        failure_values=failure,
        canceled_values=canceled,
        error=error_field(model),
        state_enum=enum.name,
    )


def _classify(enum: EnumShape) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    success, failure, canceled = [], [], []
    for member in enum.members:
        word = normalise(member.value)
        if word in SUCCESS_WORDS:
            success.append(member.value)
        elif word in CANCELED_WORDS:
            canceled.append(member.value)
        elif word in FAILURE_WORDS:
            failure.append(member.value)
    return tuple(success), tuple(failure), tuple(canceled)


def error_field(model: ModelShape) -> tuple[str, ...] | None:
    """The first primitive field named like an error message."""
    for name in ERROR_NAMES:
        found = next((f for f in model.fields if f.py_name == name), None)
        if found is not None and isinstance(found.value_type, ir.PrimitiveType):
            return (found.py_name,)
    return None
