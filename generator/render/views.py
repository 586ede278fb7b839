"""What models.py prints for an enum or a model, worked out from its IR node: a field's
declaration with its default, its docstring line, how `_from_dict` reads it and how `to_dict`
writes it, and what a model does with undeclared keys (unions: `union_view`). The item macros
of `_models_body.py.jinja` print these and decide nothing.

Every name from elsewhere is asked for through `use` or the kind dispatcher while the view is
built, inside the item's `recording`, so the imports stay exactly what is printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import ir
from ..kinds.base import MODULE
from .filters import close_docstring, docstring, pyliteral, pystr, pytuple
from .imports import use
from .layout import wrap_call, wrap_value

if TYPE_CHECKING:
    from .env import KindMacros


@dataclass(frozen=True)
class EnumView:
    docstring: str
    """The class docstring after its opening quotes, closed: the spec's description (or a
    stand-in) and the members it describes."""
    head: str
    """The class statement, laid out: an `OpenEnum`, or a `StatusEnum` whose class keywords
    name the values of its states (the runtime has the checks)."""


def enum_view(enum: ir.EnumType) -> EnumView:
    text = docstring(enum.description, 4) if enum.description else f"Values of {enum.name}."
    members = [
        f"        {m.py_name}: {docstring(m.description, 12)}\n"
        for m in enum.members
        if m.description
    ]
    if members:
        text += "\n\n    Members:\n" + "".join(members)
    return EnumView(
        close_docstring(text, 4),
        wrap_call(f"class {enum.name}(", _enum_bases(enum), "):", 0),
    )


def _enum_bases(enum: ir.EnumType) -> list[str]:
    """`OpenEnum`, or `StatusEnum` and a keyword per non-empty group of state values."""
    if not enum.is_status:
        return [use("OpenEnum")]
    values = {m.py_name: m.value for m in enum.members}
    groups = (
        ("success", enum.success_members),
        ("failure", enum.failure_members),
        ("canceled", enum.canceled_members),
        ("qualified", enum.qualified_members),
    )
    return [use("StatusEnum")] + [
        f"{key}={pytuple(values[m] for m in group)}" for key, group in groups if group
    ]


@dataclass(frozen=True)
class FieldView:
    """One field as the model class prints it: its declaration (after 4 spaces of
    indentation; continuation lines carry their own) and its docstring line."""

    declaration: str
    doc: str


@dataclass(frozen=True)
class ModelView:
    """A model as data: the runtime compiles its `_from_dict` and `to_dict` from the
    declarations and these class attributes (`runtime/_codec.py`)."""

    docstring: str
    """The class docstring after its opening quotes, closed: the spec's description (or a
    stand-in), then each attribute's line."""
    status_arguments: tuple[tuple[str, str], ...]
    """Keyword arguments of the model's `StatusRule` (none unless it is a status model)."""
    declarations: tuple[str, ...]
    """Required fields first, then the optional ones, each in spec order: what a caller must
    pass reads first (the dataclass is keyword-only, so the order is for the reader)."""
    extra_annotation: str
    attributes: tuple[str, ...]
    """`_wire` (each field's wire name, in the spec's order: the order fields are read and
    written in), then `_unions` and `_closed` where the model needs them, laid out."""


def model_view(model: ir.Model, kinds: KindMacros) -> ModelView:
    fields = tuple(_field(f, kinds) for f in model.fields)
    required = [v.declaration for f, v in zip(model.fields, fields, strict=True) if f.required]
    optional = [v.declaration for f, v in zip(model.fields, fields, strict=True) if not f.required]
    return ModelView(
        docstring=_model_docstring(model, fields),
        status_arguments=status_arguments(model.status) if model.status else (),
        declarations=tuple(required + optional),
        extra_annotation=kinds.annotation(model.extra),
        attributes=_attributes(model),
    )


EXTRA_DOC = "extra_properties: Properties the spec does not declare, kept for the round trip."


def _model_docstring(model: ir.Model, fields: tuple[FieldView, ...]) -> str:
    if model.description:
        text = docstring(model.description, 4) + "\n"
    else:
        text = f"{model.name} (no description in the spec).\n"
    if fields:
        text += "\n    Attributes:\n" + "".join(f"        {f.doc}\n" for f in fields)
    return close_docstring(text + f"        {EXTRA_DOC}\n", 4)


def _field(f: ir.Field, kinds: KindMacros) -> FieldView:
    notes = ", required" * f.required + ", read-only" * f.read_only
    notes += ", deprecated" * f.deprecated
    about = f" {f.description}" if f.description else ""
    head = f"{f.py_name}: {kinds.annotation(f)}"
    default = default_expression(f)
    return FieldView(
        declaration=head if default is None else wrap_value(f"{head} = ", default, 4),
        doc=docstring(f"{f.py_name}: ``{f.wire_name}``{notes}.{about}", 12),
    )


def default_expression(f: ir.Field) -> str | None:
    """The default of the field's declaration: none for a required field, a fresh copy of a
    mutable one, the enum member, the spec's literal, else UNSET (absent)."""
    if f.required:
        return None
    if f.default_is_mutable:
        field = use("dataclasses", MODULE)
        return f"{field}.field(default_factory=lambda: {pyliteral(f.default)})"
    if isinstance(f.default, ir.EnumDefault):
        return f"{f.default.enum}.{f.default.member}"
    if f.has_default:
        return pyliteral(f.default)
    return use("UNSET")


def _attributes(model: ir.Model) -> tuple[str, ...]:
    """The class attributes the runtime reads the model by (`runtime/_model.Model`)."""
    wire = [f"{pystr(f.py_name)}: {pystr(f.wire_name)}" for f in model.fields]
    found = [wrap_call("_wire = {", wire, "}", 4)]
    unions = sorted({(u.name, u.parse_function) for u in _unions(model)})
    if unions:
        pairs = [f"({pystr(name)}, {pystr(parse)})" for name, parse in unions]
        tail = ",)" if len(pairs) == 1 else ")"
        found.append(wrap_call("_unions = (", pairs, tail, 4))
    if model.extra.mode == "forbid":
        found.append("_closed = True")
    return tuple(found)


def _unions(model: ir.Model) -> Iterator[ir.UnionRef]:
    """The unions the model's fields (and undeclared keys) hold, at any depth."""
    types = [f.type for f in model.fields]
    if model.extra.value_type is not None:
        types.append(model.extra.value_type)
    while types:
        t = types.pop()
        if isinstance(t, ir.UnionRef):
            yield t
        elif isinstance(t, ir.NullableType | ir.ArrayType | ir.MapType):
            types.append(t.element)


def status_arguments(s: ir.StatusSemantics) -> tuple[tuple[str, str], ...]:
    """The keyword arguments of a model's `StatusRule`, each a literal; the optional ones only
    where they are set, and exactly one outcome rule where a field decides the outcome."""
    found: list[tuple[str, str]] = [("state", pytuple(s.state))]
    if s.state_is_bool:
        found.append(("state_is_bool", "True"))
    for key, values in (("success", s.success_values), ("failure", s.failure_values)):
        found.append((key, f"frozenset({pytuple(values)})"))
    if s.canceled_values:
        found.append(("canceled", f"frozenset({pytuple(s.canceled_values)})"))
    if s.qualified_values:
        found.append(("qualified", f"frozenset({pytuple(s.qualified_values)})"))
    if s.outcome is not None:
        found.append(("outcome", pytuple(s.outcome.path)))
        found += _outcome_rule(s.outcome)
    found += [(key, pytuple(path)) for key, path in s.rule_paths]
    if s.progress.scale is not None:
        found.append(("progress_scale", pyliteral(s.progress.scale)))
    return tuple(found)


def _outcome_rule(outcome: ir.StatusOutcome) -> list[tuple[str, str]]:
    if outcome.failure_min is not None:
        return [("outcome_failure_min", pyliteral(outcome.failure_min))]
    if outcome.failure_if_present:
        return [("outcome_failure_if_present", "True")]
    return [
        ("outcome_success", f"frozenset({pytuple(outcome.success_values)})"),
        ("outcome_failure", f"frozenset({pytuple(outcome.failure_values)})"),
    ]
