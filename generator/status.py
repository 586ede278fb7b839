"""Status semantics: which models are status resources, and what their states mean.

Decided once, here, from the `x-statusgen` extension or by inference from the state values
(DESIGN.md §4); the result is stored in the IR so templates and pollers only read it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from . import ir, naming
from .errors import SpecError
from .load import Location, Spec

SUCCESS_WORDS = frozenset({"succeeded", "success", "completed", "complete", "finished", "done"})
FAILURE_WORDS = frozenset(
    {"failed", "failure", "error", "timedout", "expired", "rejected", "aborted"}
)
CANCELED_WORDS = frozenset({"canceled", "cancelled"})
STATE_NAMES = ("status", "state")
ERROR_NAMES = ("error_message", "failure_message", "status_message", "message", "error")
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


def normalise(value: str) -> str:
    """State words compare without case or separators: `TIMED_OUT` == `timed out`."""
    return re.sub(r"[\s_\-.]+", "", value).lower()


class _Invalid(Exception):
    def __init__(self, *errors: SpecError) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = list(errors)


class StatusDecider:
    """Adds `StatusSemantics` to models and marks the enums that hold states."""

    def __init__(
        self,
        spec: Spec,
        models: dict[Location, ir.Model],
        enums: dict[Location, ir.EnumType],
        union_variants: dict[str, list[str]],
    ) -> None:
        self.spec = spec
        self.union_variants = union_variants
        self.models = models
        self._enums = enums
        self.by_name = {m.name: m for m in models.values()}
        self.enum_by_name = {e.name: e for e in enums.values()}
        self.errors: list[SpecError] = []
        self.status_enums: dict[str, ir.StatusSemantics] = {}

    # --- models -----------------------------------------------------------------------------

    def decide(self) -> dict[Location, ir.Model]:
        decided = {}
        for loc, model in self.models.items():
            node = self.spec.node_at(loc)
            extension = node.get("x-statusgen") if isinstance(node, dict) else None
            status: ir.StatusSemantics | None
            try:
                if extension is not None:
                    status = self._from_extension(loc.child("x-statusgen"), extension, model)
                else:
                    status = self._infer(model)
            except _Invalid as exc:
                self.errors.extend(exc.errors)
                status = None
            if status is not None and status.state_enum is not None:
                self.status_enums.setdefault(status.state_enum, status)
            decided[loc] = replace(model, status=status)
        self.by_name = {m.name: m for m in decided.values()}
        return decided

    def enums(self) -> dict[Location, ir.EnumType]:
        """Enums that hold a status model's state learn their success/failure members."""
        result = {}
        for loc, enum in self._enums.items():
            status = self.status_enums.get(enum.name)
            if status is not None:

                def members(values: tuple[str, ...], e: ir.EnumType = enum) -> tuple[str, ...]:
                    return tuple(m.py_name for m in e.members if m.value in values)

                enum = replace(
                    enum,
                    success_members=members(status.success_values),
                    failure_members=members(status.failure_values),
                    canceled_members=members(status.canceled_values),
                    qualified_members=members(status.qualified_values),
                )
            result[loc] = enum
        return result

    def _infer(self, model: ir.Model) -> ir.StatusSemantics | None:
        candidates = []
        for f in model.fields:
            value_type = f.value_type
            if not isinstance(value_type, ir.EnumRef):
                continue
            enum = self.enum_by_name[value_type.name]
            words = {normalise(m.value) for m in enum.members}
            if words & SUCCESS_WORDS and words & (FAILURE_WORDS | CANCELED_WORDS):
                named = any(n in f.py_name for n in STATE_NAMES)
                candidates.append((0 if named else 1, f, enum))
        if not candidates:
            return None
        _, state_field, enum = min(candidates, key=lambda c: c[0])
        success, failure, canceled = [], [], []
        for member in enum.members:
            word = normalise(member.value)
            if word in SUCCESS_WORDS:
                success.append(member.value)
            elif word in CANCELED_WORDS:
                canceled.append(member.value)
            elif word in FAILURE_WORDS:
                failure.append(member.value)
        error = None
        for name in ERROR_NAMES:
            found = next((f for f in model.fields if f.py_name == name), None)
            if found is not None and isinstance(found.value_type, ir.PrimitiveType):
                error = (found.py_name,)
                break
        return ir.StatusSemantics(
            origin="inferred",
            state=(state_field.py_name,),
            state_is_bool=False,
            success_values=tuple(success),
            failure_values=tuple(failure),
            canceled_values=tuple(canceled),
            error=error,
            state_enum=enum.name,
        )

    def _independent_problems(self, at: Location, node: dict[Any, Any], model: ir.Model) -> None:
        """Unknown keys and dangling paths, all of them, before any check that depends on
        another: a user fixing an extension sees every mistake in one run."""
        problems: list[SpecError] = []
        for key in node:
            if key not in EXTENSION_KEYS:
                problems.append(at.child(str(key)).error(f"unknown key {key!r}"))
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
                self._path(where, raw_path, model)
            except _Invalid as exc:
                problems.extend(exc.errors)
        if problems:
            raise _Invalid(*problems)

    def _from_extension(self, at: Location, node: Any, model: ir.Model) -> ir.StatusSemantics:
        if not isinstance(node, dict):
            raise _Invalid(at.error("x-statusgen must be a mapping"))
        self._independent_problems(at, node, model)
        inferred = self._infer(model)
        if "state" not in node:
            if inferred is None:
                raise _Invalid(at.error("no state property could be inferred: give 'state'"))
            state_path, state_field = inferred.state, None
            state_enum = inferred.state_enum
        else:
            state_path, state_field = self._path(at.child("state"), node["state"], model)
            state_enum = None
            if isinstance(state_field.value_type, ir.EnumRef):
                state_enum = state_field.value_type.name
            elif not isinstance(state_field.value_type, ir.PrimitiveType) or (
                state_field.value_type.python not in {"str", "bool"}
            ):
                raise _Invalid(
                    at.child("state").error("the state must be a string, enum or boolean")
                )
        is_bool = state_field is not None and state_field.value_type == ir.PrimitiveType("bool")
        allowed = None
        if state_enum is not None:
            allowed = {m.value for m in self.enum_by_name[state_enum].members}
        lists = {}
        for key in ("success", "failure", "canceled", "terminal"):
            lists[key] = self._values(at.child(key), node.get(key), allowed, is_bool)
        if "state" not in node and inferred is not None and not any(lists.values()):
            lists["success"] = inferred.success_values
            lists["failure"] = inferred.failure_values
            lists["canceled"] = inferred.canceled_values
        outcome = None
        if "outcome" in node:
            outcome = self._outcome(at.child("outcome"), node["outcome"], model)
            if not lists["terminal"] and not is_bool:
                raise _Invalid(
                    at.child("outcome").error("'outcome' needs 'terminal' values it decides")
                )
        elif lists["terminal"]:
            raise _Invalid(at.child("terminal").error("'terminal' values need an 'outcome'"))
        if not is_bool and not (lists["success"] or lists["terminal"]):
            raise _Invalid(at.error("no terminal state: give 'success' or 'terminal' values"))
        progress: dict[str, tuple[str, ...] | None] = {
            "current": None,
            "total": None,
            "message": None,
        }
        if "progress" in node:
            raw = node["progress"]
            if not isinstance(raw, dict):
                raise _Invalid(at.child("progress").error("progress must be a mapping"))
            for key, value in raw.items():
                if key not in PROGRESS_KEYS:
                    raise _Invalid(at.child("progress", str(key)).error(f"unknown key {key!r}"))
                progress[key] = self._path(at.child("progress", key), value, model)[0]
        error = inferred.error if inferred is not None else None
        if "error" in node:
            error = self._path(at.child("error"), node["error"], model)[0]
        result = None
        if "result" in node:
            result = self._path(at.child("result"), node["result"], model)[0]
        return ir.StatusSemantics(
            origin="extension",
            state=state_path,
            state_is_bool=is_bool,
            success_values=lists["success"],
            failure_values=lists["failure"],
            canceled_values=lists["canceled"],
            qualified_values=lists["terminal"],
            outcome=outcome,
            progress_current=progress["current"],
            progress_total=progress["total"],
            progress_message=progress["message"],
            error=error,
            result=result,
            state_enum=state_enum,
        )

    def _values(
        self, at: Location, raw: Any, allowed: set[str] | None, is_bool: bool
    ) -> tuple[str, ...]:
        if raw is None:
            return ()
        if is_bool:
            raise _Invalid(at.error("a boolean state takes no value lists; use 'outcome'"))
        if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
            raise _Invalid(at.error("must be a list of strings"))
        for index, value in enumerate(raw):
            if allowed is not None and value not in allowed:
                raise _Invalid(
                    at.child(index).error(f"{value!r} is not one of the state's enum values")
                )
        return tuple(raw)

    def _outcome(self, at: Location, raw: Any, model: ir.Model) -> ir.StatusOutcome:
        if not isinstance(raw, dict) or "path" not in raw:
            raise _Invalid(at.error("outcome must be a mapping with a 'path'"))
        for key in raw:
            if key not in OUTCOME_KEYS:
                raise _Invalid(at.child(str(key)).error(f"unknown key {key!r}"))
        path, target = self._path(at.child("path"), raw["path"], model)
        rules = [k for k in ("failure_min", "failure_if_present", "success") if k in raw]
        if "failure" in raw and "success" not in raw:
            rules.append("success")
        if len(rules) != 1:
            raise _Invalid(
                at.error(
                    "outcome needs exactly one of failure_min, failure_if_present, "
                    "or success/failure lists"
                )
            )
        if "failure_min" in raw:
            value = raw["failure_min"]
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise _Invalid(at.child("failure_min").error("must be a number"))
            if not abs(value) <= 1e300:  # NaN fails too; a float must hold it
                raise _Invalid(
                    at.child("failure_min").error("must be a number between -1e300 and 1e300")
                )
            if not (
                isinstance(target.value_type, ir.PrimitiveType)
                and target.value_type.python in {"int", "float"}
            ):
                raise _Invalid(at.child("path").error("failure_min needs a numeric field"))
            return ir.StatusOutcome(path, failure_min=float(value))
        if "failure_if_present" in raw:
            if raw["failure_if_present"] is not True:
                raise _Invalid(at.child("failure_if_present").error("must be true"))
            return ir.StatusOutcome(path, failure_if_present=True)
        allowed = None
        if isinstance(target.value_type, ir.EnumRef):
            allowed = {m.value for m in self.enum_by_name[target.value_type.name].members}
        success = self._values(at.child("success"), raw.get("success"), allowed, False)
        failure = self._values(at.child("failure"), raw.get("failure"), allowed, False)
        return ir.StatusOutcome(path, success_values=success, failure_values=failure)

    def _path(self, at: Location, raw: Any, model: ir.Model) -> tuple[tuple[str, ...], ir.Field]:
        """Resolve a dotted path of wire or attribute names to attribute names."""
        if not isinstance(raw, str) or not raw:
            raise _Invalid(at.error("must be a dotted path string"))
        candidates = [model]
        py_path: list[str] = []
        found: ir.Field | None = None
        for segment in raw.split("."):
            found = None
            for candidate in candidates:
                # A wire name wins over an attribute name: with wire keys `A` and `a` (attributes
                # `a` and `a_2`), the path `a` means the wire key `a`.
                found = next((f for f in candidate.fields if segment == f.wire_name), None)
                found = found or next((f for f in candidate.fields if segment == f.py_name), None)
                if found is not None:
                    break
            if found is None:
                raise _Invalid(at.error(f"path {raw!r} does not exist in {model.name}"))
            py_path.append(found.py_name)
            candidates = self._models_of(found.value_type)
        assert found is not None
        return tuple(py_path), found

    def _models_of(self, value_type: ir.TypeRef) -> list[ir.Model]:
        if isinstance(value_type, ir.NullableType):
            value_type = value_type.inner
        if isinstance(value_type, ir.ModelRef):
            return [self.by_name[value_type.name]]
        if isinstance(value_type, ir.UnionRef):
            return [self.by_name[n] for n in self.union_variants.get(value_type.name, [])]
        return []

    # --- endpoints ----------------------------------------------------------------------------

    def endpoint_roles(self, endpoints: list[ir.Endpoint]) -> list[ir.Endpoint]:
        """Which GET operations a poller uses: to read status, to get a result, to cancel."""
        status_names = {m.name for m in self.by_name.values() if m.status is not None}
        result = []
        for endpoint in endpoints:
            ok = [r for r in endpoint.responses if r.status_code in {"200", "2XX", "201"}]
            accepted = [r for r in endpoint.responses if r.status_code == "202"]
            role, model = "get", None
            if ok and ok[0].model in status_names:
                role, model = "status", ok[0].model
            elif accepted and accepted[0].model in status_names and ok:
                role, model = "result", accepted[0].model
            elif endpoint.path.rstrip("/").endswith("/cancel"):
                role = "cancel"
            result.append(replace(endpoint, role=role, status_model=model))
        return result

    def pollers(
        self, endpoints: list[ir.Endpoint], package: str, class_names: set[str]
    ) -> tuple[ir.PollerSpec, ...]:
        """One poller pair per status model a GET returns, and per result endpoint.

        A status model read by several operations gets its poller from the first; a cancel
        operation whose path is the status path plus a suffix gives the poller `cancel()`.
        """
        cancels = [e.path.rstrip("/") for e in endpoints if e.role == "cancel"]
        specs = []
        seen: set[str] = set()
        for endpoint in endpoints:
            if endpoint.status_model is None:
                continue
            base = endpoint.path.rstrip("/")
            suffix = next((c[len(base) :] for c in cancels if c.startswith(base + "/")), None)
            if endpoint.role == "status":
                if endpoint.status_model in seen:
                    continue
                seen.add(endpoint.status_model)
                stem = endpoint.status_model
                result_type = None
            else:
                stem = naming.pascal_case(endpoint.operation_id)
                ok = next(r for r in endpoint.responses if r.status_code != "202")
                result_type = ok.type or ir.AnyType()
                suffix = None
            name = naming.class_name(stem + "Poller", class_names)
            specs.append(
                ir.PollerSpec(
                    name=name,
                    async_name=naming.class_name("Async" + name, class_names),
                    model=endpoint.status_model,
                    endpoint=endpoint,
                    token_name=f"{package}.{name}",
                    result_type=result_type,
                    cancel_suffix=suffix,
                )
            )
        return tuple(specs)
