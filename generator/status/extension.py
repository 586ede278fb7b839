"""Status semantics from a model's `x-statusgen` extension (DESIGN.md §4).

Every problem in an extension is an error at its pointer; unknown keys and dangling paths are
all reported together before any check that depends on another."""

from __future__ import annotations

from typing import Any

from .. import ir
from ..input.load import Location
from ..spec_error import SpecError
from .infer import infer
from .schemas import Invalid, ModelShape, Schemas

EXTENSION_KEYS = frozenset(
    {
        "state",
        "success",
        "failure",
        "canceled",
        "terminal",
        "outcome",
        "progress",
        "error",
        "result",
    }
)
OUTCOME_KEYS = frozenset({"path", "failure_min", "failure_if_present", "success", "failure"})
PROGRESS_KEYS = frozenset({"current", "total", "message"})
VALUE_LISTS = ("success", "failure", "canceled", "terminal")

_State = tuple[tuple[str, ...], ir.Field | None, str | None]


def from_extension(
    schemas: Schemas, at: Location, node: Any, model: ModelShape
) -> ir.StatusSemantics:
    if not isinstance(node, dict):
        raise Invalid(at.error("x-statusgen must be a mapping"))
    _independent_problems(schemas, at, node, model)
    inferred = infer(schemas, model)
    state_path, state_field, state_enum = _state(schemas, at, node, model, inferred)
    if state_field is None:
        is_bool = inferred is not None and inferred.state_is_bool
    else:
        is_bool = state_field.value_type == ir.PrimitiveType("bool")
    allowed = schemas.enum_values(ir.EnumRef(state_enum)) if state_enum is not None else None
    lists = {key: _values(at.child(key), node.get(key), allowed, is_bool) for key in VALUE_LISTS}
    outcome = _checked_outcome(schemas, at, node, model, bool(lists["terminal"]), is_bool)
    if "state" not in node and inferred is not None and not any(lists.values()):
        lists["success"] = inferred.success_values
        lists["failure"] = inferred.failure_values
        lists["canceled"] = inferred.canceled_values
        outcome = outcome or inferred.outcome
    if not is_bool and not (lists["success"] or lists["terminal"]):
        raise Invalid(at.error("no terminal state: give 'success' or 'terminal' values"))
    progress = _progress(schemas, at, node, model)
    error = inferred.error if inferred is not None else None
    if "error" in node:
        error = schemas.path(at.child("error"), node["error"], model)[0]
    result = None
    if "result" in node:
        result = schemas.path(at.child("result"), node["result"], model)[0]
    return ir.StatusSemantics(
        origin="extension",
        state=state_path,
        state_is_bool=is_bool,
        success_values=lists["success"],
        failure_values=lists["failure"],
        canceled_values=lists["canceled"],
        qualified_values=lists["terminal"],
        outcome=outcome,
        progress=ir.StatusProgress(progress["current"], progress["total"], progress["message"]),
        error=error,
        result=result,
        state_enum=state_enum,
    )


def _independent_problems(
    schemas: Schemas, at: Location, node: dict[Any, Any], model: ModelShape
) -> None:
    """Unknown keys and dangling paths, all of them, before any check that depends on
    another: a user fixing an extension sees every mistake in one run."""
    problems: list[SpecError] = [
        at.child(str(key)).error(f"unknown key {key!r}")
        for key in node
        if key not in EXTENSION_KEYS
    ]
    paths = [(at.child(k), node[k]) for k in ("state", "error", "result") if k in node]
    for group, allowed in (("progress", PROGRESS_KEYS), ("outcome", OUTCOME_KEYS)):
        raw = node.get(group)
        if not isinstance(raw, dict):
            continue
        for key in raw:
            if key not in allowed:
                problems.append(at.child(group, str(key)).error(f"unknown key {key!r}"))
            elif group == "progress" or key == "path":
                paths.append((at.child(group, key), raw[key]))
    for where, raw_path in paths:
        try:
            schemas.path(where, raw_path, model)
        except Invalid as exc:
            problems.extend(exc.errors)
    if problems:
        raise Invalid(*problems)


def _state(
    schemas: Schemas,
    at: Location,
    node: dict[Any, Any],
    model: ModelShape,
    inferred: ir.StatusSemantics | None,
) -> _State:
    """The state's attribute path, its field (None when inferred) and its enum, if any."""
    if "state" not in node:
        if inferred is None:
            raise Invalid(at.error("no state property could be inferred: give 'state'"))
        return inferred.state, None, inferred.state_enum
    state_path, state_field = schemas.path(at.child("state"), node["state"], model)
    value_type = state_field.value_type
    if isinstance(value_type, ir.EnumRef):
        return state_path, state_field, value_type.name
    if not isinstance(value_type, ir.PrimitiveType) or value_type.python not in {"str", "bool"}:
        raise Invalid(at.child("state").error("the state must be a string, enum or boolean"))
    return state_path, state_field, None


def _values(at: Location, raw: Any, allowed: set[str] | None, is_bool: bool) -> tuple[str, ...]:
    if raw is None:
        return ()
    if is_bool:
        raise Invalid(at.error("a boolean state takes no value lists; use 'outcome'"))
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise Invalid(at.error("must be a list of strings"))
    for index, value in enumerate(raw):
        if allowed is not None and value not in allowed:
            raise Invalid(at.child(index).error(f"{value!r} is not one of the state's enum values"))
    return tuple(raw)


def _checked_outcome(
    schemas: Schemas,
    at: Location,
    node: dict[Any, Any],
    model: ModelShape,
    has_terminal: bool,
    is_bool: bool,
) -> ir.StatusOutcome | None:
    """The outcome rule, which exactly the `terminal` values (or a boolean state) need."""
    if "outcome" not in node:
        if has_terminal:
            raise Invalid(at.child("terminal").error("'terminal' values need an 'outcome'"))
        return None
    outcome = _outcome(schemas, at.child("outcome"), node["outcome"], model)
    if not has_terminal and not is_bool:
        raise Invalid(at.child("outcome").error("'outcome' needs 'terminal' values it decides"))
    return outcome


def _outcome(schemas: Schemas, at: Location, raw: Any, model: ModelShape) -> ir.StatusOutcome:
    if not isinstance(raw, dict) or "path" not in raw:
        raise Invalid(at.error("outcome must be a mapping with a 'path'"))
    for key in raw:
        if key not in OUTCOME_KEYS:
            raise Invalid(at.child(str(key)).error(f"unknown key {key!r}"))
    path, target = schemas.path(at.child("path"), raw["path"], model)
    rules = [k for k in ("failure_min", "failure_if_present", "success") if k in raw]
    if "failure" in raw and "success" not in raw:
        rules.append("success")
    if len(rules) != 1:
        raise Invalid(
            at.error(
                "outcome needs exactly one of failure_min, failure_if_present, "
                "or success/failure lists"
            )
        )
    if "failure_min" in raw:
        return _failure_min(at, raw["failure_min"], path, target)
    if "failure_if_present" in raw:
        if raw["failure_if_present"] is not True:
            raise Invalid(at.child("failure_if_present").error("must be true"))
        return ir.StatusOutcome(path, failure_if_present=True)
    allowed = schemas.enum_values(target.value_type)
    success = _values(at.child("success"), raw.get("success"), allowed, False)
    failure = _values(at.child("failure"), raw.get("failure"), allowed, False)
    return ir.StatusOutcome(path, success_values=success, failure_values=failure)


def _failure_min(
    at: Location, value: Any, path: tuple[str, ...], target: ir.Field
) -> ir.StatusOutcome:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid(at.child("failure_min").error("must be a number"))
    if not abs(value) <= 1e300:  # NaN fails too; a float must hold it
        raise Invalid(at.child("failure_min").error("must be a number between -1e300 and 1e300"))
    if not (
        isinstance(target.value_type, ir.PrimitiveType)
        and target.value_type.python in {"int", "float"}
    ):
        raise Invalid(at.child("path").error("failure_min needs a numeric field"))
    return ir.StatusOutcome(path, failure_min=float(value))


def _progress(
    schemas: Schemas, at: Location, node: dict[Any, Any], model: ModelShape
) -> dict[str, tuple[str, ...] | None]:
    progress: dict[str, tuple[str, ...] | None] = dict.fromkeys(("current", "total", "message"))
    if "progress" not in node:
        return progress
    raw = node["progress"]
    if not isinstance(raw, dict):
        raise Invalid(at.child("progress").error("progress must be a mapping"))
    for key, value in raw.items():
        if key not in PROGRESS_KEYS:
            raise Invalid(at.child("progress", str(key)).error(f"unknown key {key!r}"))
        progress[key] = schemas.path(at.child("progress", key), value, model)[0]
    return progress
