"""What models.py prints for an enum or a model, worked out from its IR node: a field's
declaration with its default, its docstring line, how `_from_dict` reads it and how `to_dict`
writes it, and what a model does with undeclared keys (unions: `union_view`). The item macros
of `_models_body.py.jinja` print these and decide nothing.

Every name from elsewhere is asked for through `use` or the kind dispatcher while the view is
built, inside the item's `recording`, so the imports stay exactly what is printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import ir
from ..kinds.base import MODULE, TYPING
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
    """One field as the model class prints it; each text goes after its line's indentation
    (declaration 4, read 8, dump 12), continuation lines carry their own."""

    declaration: str
    doc: str
    read: str
    dump: str
    """The wire form of the field's value: of `self.<field>` where the field is required, of
    the local `v` where `to_dict` has first tested an optional one against UNSET."""


@dataclass(frozen=True)
class ModelView:
    docstring: str
    """The class docstring after its opening quotes, closed: the spec's description (or a
    stand-in), then each attribute's line."""
    keys: str
    """The frozenset of declared wire keys, laid out."""
    status_arguments: tuple[tuple[str, str], ...]
    """Keyword arguments of the model's `StatusRule` (none unless it is a status model)."""
    fields: tuple[FieldView, ...]
    """In declaration order, as the docstring lists them and `_from_dict` reads them."""
    declarations: tuple[str, ...]
    """Required fields first, then the optional ones, each in spec order: what a caller must
    pass reads first (the dataclass is keyword-only, so the order is for the reader)."""
    extra_annotation: str
    signature: str
    """`def _from_dict(...) -> Model:`, laid out."""
    read_extra: str
    to_dict: tuple[str, ...]
    """The body of `to_dict` before its `return`, a line each at 8 spaces."""


def model_view(model: ir.Model, kinds: KindMacros) -> ModelView:
    fields = tuple(_field(f, kinds) for f in model.fields)
    required = [v.declaration for f, v in zip(model.fields, fields, strict=True) if f.required]
    optional = [v.declaration for f, v in zip(model.fields, fields, strict=True) if not f.required]
    keys = [[f.wire_name for f in model.fields]]
    return ModelView(
        docstring=_model_docstring(model, fields),
        keys=wrap_call(f"{model.keys_constant}: frozenset[str] = frozenset(", keys, ")", 0),
        status_arguments=status_arguments(model.status) if model.status else (),
        fields=fields,
        declarations=tuple(required + optional),
        extra_annotation=kinds.annotation(model.extra),
        signature=wrap_call(
            "def _from_dict(",
            ["cls", "data: " + use("Any", TYPING), "path: str", "depth: int"],
            f") -> {model.name}:",
            4,
        ),
        read_extra=_read_extra(model, kinds),
        to_dict=(*_wire_dict(model, fields), *_dump_extra(model.extra, kinds)),
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
        read=_read(f, kinds),
        dump=_dump(f, kinds),
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


def _read(f: ir.Field, kinds: KindMacros) -> str:
    """`_from_dict`'s line for the field: its one-call reader, or the generic one handed the
    type's parser."""
    arguments = ["data", pystr(f.wire_name), "path"]
    if f.read_type is not None:
        arguments += [kinds.parser(f.read_type), "depth"]
    else:
        arguments += f.reader_arguments
    return wrap_call(f"obj.{f.py_name} = {use(f.read_function)}(", arguments, ")", 8)


def _dump(f: ir.Field, kinds: KindMacros) -> str:
    """The field's wire value: the value itself where it dumps as itself (null included), its
    dump where it cannot be null, else the dump guarded against null, inline: a call to a
    helper and a lambda per field cost more than the dump itself."""
    value = f"self.{f.py_name}" if f.required else "v"
    if f.value_type.dump_is_identity:
        return value
    dump = kinds.dump(f.value_type, value)
    if not f.accepts_null:
        return dump
    return f"None if {value} is None else {dump}"


def _read_extra(model: ir.Model, kinds: KindMacros) -> str:
    """`_from_dict`'s line for undeclared keys: refused, kept as they are, or parsed."""
    extra = model.extra
    arguments = ["data", model.keys_constant, "path"]
    if extra.mode == "forbid":
        function = use("forbid_undeclared")
    else:
        function = use("undeclared")
        arguments.append("depth")
        if extra.mode == "typed" and extra.value_type is not None:
            arguments.append(kinds.parser(extra.value_type))
    return wrap_call(f"obj.extra_properties = {function}(", arguments, ")", 8)


def _wire_dict(model: ir.Model, fields: tuple[FieldView, ...]) -> tuple[str, ...]:
    """The fields by wire name in declaration order: the leading required ones in the dict
    literal, each later one set after it, an optional one only where it is not UNSET. One
    local `v` holds each optional value, typed `Any` as the values differ in type."""
    pairs = list(zip(model.fields, fields, strict=True))
    lead = next((i for i, (f, _) in enumerate(pairs) if not f.required), len(pairs))
    lines = ["v: Any"] if model.has_optional_fields else []
    if lead:
        entries = (f"    {pystr(f.wire_name)}: {view.dump}," for f, view in pairs[:lead])
        lines += ["result: dict[str, Any] = {", *entries, "}"]
    else:
        lines.append("result: dict[str, Any] = {}")
    for f, view in pairs[lead:]:
        store = f"result[{pystr(f.wire_name)}] = {view.dump}"
        if f.required:
            lines.append(store)
        else:
            lines += [f"if (v := self.{f.py_name}) is not {use('UNSET')}:", f"    {store}"]
    return tuple(lines)


def _dump_extra(extra: ir.ExtraProperties, kinds: KindMacros) -> tuple[str, ...]:
    """Undeclared keys back into `result`, dumped first when they were parsed."""
    merge = use("merge_undeclared")
    if extra.mode == "typed" and extra.value_type is not None:
        each = kinds.dump(extra.value_type, "x")
        return (
            "if self.extra_properties:",
            f"    extra = {{k: {each} for k, x in self.extra_properties.items()}}",
            f"    {merge}(result, extra)",
        )
    return ("if self.extra_properties:", f"    {merge}(result, self.extra_properties)")


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
