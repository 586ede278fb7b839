"""What the models and pollers templates print is decided in Python: nullability, how
`to_dict` writes each field, quoting of forward references, and the layout of long lines."""

from __future__ import annotations

import pytest
from statusgen import ir, kinds
from statusgen.render.env import environment
from statusgen.render.imports import recording
from statusgen.render.poller_view import type_argument
from statusgen.render.views import enum_view, model_view

DT = kinds.DateTimeType()
UNION = kinds.UnionRef("Pet", "parse_pet")


def field(name: str, type_: kinds.TypeRef, required: bool) -> ir.Field:
    return ir.Field(
        py_name=name, wire_name=name, type=type_, required=required, description=None,
        read_only=False, path_segment="." + name,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("t", "nullable"),
    [(DT, kinds.NullableType(DT)), (kinds.NullableType(DT), kinds.NullableType(DT)),
     (kinds.AnyType(), kinds.AnyType())],
)  # fmt: skip
def test_null_is_added_once_and_an_untyped_value_takes_it_already(
    t: kinds.TypeRef, nullable: kinds.TypeRef
) -> None:
    assert kinds.with_null(t) == nullable
    assert kinds.without_null(kinds.with_null(t)) == kinds.without_null(t)


@pytest.mark.parametrize(
    ("type_", "required", "accepts_null", "annotation"),
    [
        (DT, True, False, "datetime.datetime"),
        (kinds.NullableType(DT), True, True, "datetime.datetime | None"),
        (DT, False, True, "datetime.datetime | None | Unset"),
        (kinds.NeverType(), False, True, "None | Unset"),
    ],
)
def test_a_field_takes_null_where_its_type_or_its_absence_allows(
    type_: kinds.TypeRef, required: bool, accepts_null: bool, annotation: str
) -> None:
    f = field("at", type_, required)
    assert (f.accepts_null, f.annotation, f.value_type) == (
        accepts_null,
        annotation,
        kinds.without_null(type_),
    )


def test_a_model_names_its_wire_keys_in_spec_order_and_the_unions_it_holds() -> None:
    """The runtime reads and writes fields in `_wire`'s order (`runtime/_codec.py`); a union
    at any depth is named with its parse function; `additionalProperties: false` closes it."""
    fields = (field("late", DT, False), field("first", kinds.ArrayType(UNION), True),
              field("pet", kinds.NullableType(UNION), False))  # fmt: skip
    model = ir.Model("M", None, fields, ir.ExtraProperties("forbid"), ir.Source("f", "#"))
    with recording():
        view = model_view(model, environment().globals["kinds"])
    assert view.attributes == (
        '_wire = {"late": "late", "first": "first", "pet": "pet"}',
        '_unions = (("Pet", "parse_pet"),)',
        "_closed = True",
    )
    assert view.declarations[0] == "first: list[Pet]"
    long = tuple(field(f"field_number_{i}", DT, True) for i in range(4))
    model = ir.Model("M", None, long, ir.ExtraProperties("keep"), ir.Source("f", "#"))
    with recording():
        view = model_view(model, environment().globals["kinds"])
    assert view.attributes == (
        "_wire = {\n"
        + "".join(f'        "field_number_{i}": "field_number_{i}",\n' for i in range(4))
        + "    }",
    )


def test_required_fields_are_declared_first_and_optional_ones_default_to_unset() -> None:
    fields = (field("late", DT, False), field("first", DT, True))
    model = ir.Model("M", None, fields, ir.ExtraProperties("keep"), ir.Source("f", "#"))
    with recording() as used:
        view = model_view(model, environment().globals["kinds"])
    assert view.declarations == (
        "first: datetime.datetime",
        "late: datetime.datetime | None | Unset = UNSET",
    )
    assert ("_runtime", "UNSET") in used


@pytest.mark.parametrize(
    ("t", "argument"),
    [
        (None, "None"),
        (kinds.ModelRef("Job"), "Job"),
        (kinds.NullableType(kinds.ModelRef("Job")), '"Job | None"'),
        (kinds.NullableType(UNION), '"Pet | None"'),
    ],
)
def test_a_result_that_python_cannot_evaluate_at_import_is_quoted(
    t: kinds.TypeRef | None, argument: str
) -> None:
    with recording():
        assert type_argument(t, environment().globals["kinds"]) == argument


def test_a_status_enum_names_the_values_of_its_states_in_its_class_statement() -> None:
    members = tuple(
        ir.EnumMember(name.upper(), name) for name in ("queued", "done", "broken", "gone", "odd")
    )
    groups = {"success_members": ("DONE",), "failure_members": ("BROKEN",),
              "canceled_members": ("GONE",)}  # fmt: skip
    enum = ir.EnumType("ImportJobState", None, members, ir.Source("f", "#"), **groups)
    with recording() as used:
        head = enum_view(enum).head
    assert head == (
        "class ImportJobState(\n"
        '    StatusEnum, success=("done",), failure=("broken",), canceled=("gone",)\n'
        "):"
    )
    assert ("_runtime", "StatusEnum") in used
    plain = ir.EnumType("Colour", None, members, ir.Source("f", "#"))
    with recording():
        assert enum_view(plain).head == "class Colour(OpenEnum):"
