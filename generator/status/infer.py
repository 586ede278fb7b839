"""Status semantics inferred when a model has no `x-statusgen` (DESIGN.md §4).

Three shapes are recognised: a state field whose values hold both a success and a failure
word (read word by word, see `words`); a field named like a state whose values hold a success
word, no failure word and a word saying the work is still moving (Azure Batch's job: the
success word ends it, everything else is in progress); and google.longrunning's boolean
`done` beside an `error` whose presence means failure.
"""

from __future__ import annotations

from .. import ir
from . import words
from .schemas import EnumShape, ModelShape, Schemas

STATE_NAMES = ("status", "state")
ERROR_NAMES = ("error_message", "failure_message", "status_message", "message", "error")
DONE_NAMES = ("done",)
MESSAGE_NAMES = ("message", "detail", "description")


def infer(schemas: Schemas, model: ModelShape) -> ir.StatusSemantics | None:
    """The semantics of a model with an enum field holding both success and failure words
    (a field named like a state wins over others), else of a `done` flag beside an error."""
    candidates = []
    for f in model.fields:
        value_type = f.value_type
        if not isinstance(value_type, ir.EnumRef):
            continue
        enum = schemas.enums[value_type.name]
        meanings = {words.meaning(m.value) for m in enum.members}
        named = any(n in f.py_name for n in STATE_NAMES)
        if words.SUCCESS in meanings and meanings & {words.FAILURE, words.CANCELED}:
            candidates.append((0 if named else 1, f, enum))
        elif named and words.SUCCESS in meanings and _moving(enum):
            candidates.append((2, f, enum))  # no failure word: failures show elsewhere
    if not candidates:
        return _done_flag(schemas, model)
    # the current state, not a `previousState` listed before it
    _, state_field, enum = min(candidates, key=lambda c: (c[0], "previous" in c[1].py_name))
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


def _moving(enum: EnumShape) -> bool:
    """A state enum with no failure word that still says when the work is moving."""
    return any(words.still_moving(m.value) for m in enum.members)


def _classify(enum: EnumShape) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    found: dict[str, list[str]] = {words.SUCCESS: [], words.FAILURE: [], words.CANCELED: []}
    for member in enum.members:
        found.get(words.meaning(member.value), []).append(member.value)
    return (
        tuple(found[words.SUCCESS]),
        tuple(found[words.FAILURE]),
        tuple(found[words.CANCELED]),
    )


def _done_flag(schemas: Schemas, model: ModelShape) -> ir.StatusSemantics | None:
    """google.longrunning.Operation: `done` is true once over, and failed when `error` is
    set; the failure message is the error's own message when it has one."""
    done = next((f for f in model.fields if f.py_name in DONE_NAMES), None)
    error = next((f for f in model.fields if f.py_name == "error"), None)
    if done is None or error is None or done.value_type != ir.PrimitiveType("bool"):
        return None
    message: tuple[str, ...] | None = None
    if isinstance(error.value_type, ir.PrimitiveType):
        message = (error.py_name,)
    elif isinstance(error.value_type, ir.ModelRef):
        inner = schemas.models[error.value_type.name]
        found = next((f for f in inner.fields if f.py_name in MESSAGE_NAMES), None)
        if found is not None and isinstance(found.value_type, ir.PrimitiveType):
            message = (error.py_name, found.py_name)
    return ir.StatusSemantics(
        origin="inferred",
        state=(done.py_name,),
        state_is_bool=True,
        success_values=(),
        failure_values=(),
        canceled_values=(),
        outcome=ir.StatusOutcome((error.py_name,), failure_if_present=True),
        error=message,
        state_enum=None,
    )


def error_field(model: ModelShape) -> tuple[str, ...] | None:
    """The first primitive field named like an error message."""
    for name in ERROR_NAMES:
        found = next((f for f in model.fields if f.py_name == name), None)
        if found is not None and isinstance(found.value_type, ir.PrimitiveType):
            return (found.py_name,)
    return None
