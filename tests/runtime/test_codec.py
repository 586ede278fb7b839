"""A model's `_from_dict` and `to_dict` are compiled from its declarations (`_codec`): the
code each field gets, by kind and nullability, and what the compiled methods do."""

from __future__ import annotations

import dataclasses
import datetime
import traceback
import uuid
from typing import Any, TypeAlias

import pytest
from statusgen.runtime._base import UNSET, OpenEnum, Unset, ValidationError
from statusgen.runtime._codec import compile_model, model_source
from statusgen.runtime._model import Model
from statusgen.runtime._runtime import expect_int, expect_str


class Colour(OpenEnum):
    RED = "red"
    BLUE = "blue"


@dataclasses.dataclass(kw_only=True)
class Inner(Model):
    n: int
    extra_properties: dict[str, Any] = dataclasses.field(default_factory=dict)
    _wire = {"n": "n"}


Pet: TypeAlias = "Inner | str"


def parse_pet(value: Any, path: str = "$", depth: int = 0) -> Pet:
    if isinstance(value, dict):
        return Inner._from_dict(value, path, depth)
    return expect_str(value, path)


def model(annotation: str, required: bool, **attributes: Any) -> type[Model]:
    """A generated-style model of one field `at` (wire `atWire`), made in this module."""
    default = dataclasses.MISSING if required else UNSET
    cls = dataclasses.make_dataclass(
        "M",
        [
            ("at", annotation, dataclasses.field(default=default)),
            ("extra_properties", "dict[str, Any]", dataclasses.field(default_factory=dict)),
        ],
        bases=(Model,),
        namespace={"__module__": __name__, "_wire": {"at": "atWire"}, **attributes},
        kw_only=True,
    )
    return cls


@pytest.mark.parametrize(
    ("annotation", "required", "read", "write"),
    [
        ("datetime.datetime", True, "required_datetime(data, 'atWire', path)",
         "format_datetime(self.at)"),
        ("datetime.datetime | None | Unset", False, "optional_datetime(data, 'atWire', path)",
         "None if v is None else format_datetime(v)"),
        ("list[int] | None | Unset", False,
         "optional(data, 'atWire', path, (lambda v, p, d: parse_list(v, p, d, expect_int)), "
         "depth)", "None if v is None else list(v)"),
        ("dict[str, Any] | None | Unset", False,
         "optional(data, 'atWire', path, (lambda v, p, d: parse_map(v, p, d, parse_any)), depth)",
         "None if v is None else dict(v)"),
        ("list[datetime.datetime] | None | Unset", False,
         "optional(data, 'atWire', path, (lambda v, p, d: parse_list(v, p, d, parse_datetime)), "
         "depth)", "None if v is None else [format_datetime(x0) for x0 in v]"),
        ("str | None", True, "required_or_null(data, 'atWire', path, expect_str, depth)",
         "self.at"),
        ("datetime.datetime | None", True,
         "required_or_null(data, 'atWire', path, parse_datetime, depth)",
         "None if self.at is None else format_datetime(self.at)"),
        ("str | None | Unset", False, "optional_str(data, 'atWire', path)", "v"),
        ("float", True, "required(data, 'atWire', path, expect_float, depth)", "self.at"),
        ("Colour | None | Unset", False, "optional_enum(data, 'atWire', path, _r0)",
         "None if v is None else v._value_"),
        ("Inner", True, "required(data, 'atWire', path, _r0._from_dict, depth)",
         "self.at.to_dict()"),
        ("None | Unset", False, "optional(data, 'atWire', path, refuse_value, depth)", "v"),
        ("uuid.UUID | Unset | None", False,
         "optional(data, 'atWire', path, parse_uuid, depth)", "None if v is None else str(v)"),
        ("dict[str, list[Inner | None]]", True,
         "required(data, 'atWire', path, (lambda v, p, d: parse_map(v, p, d, (lambda v, p, d: "
         "parse_list(v, p, d, (lambda v, p, d: None if v is None else _r0._from_dict(v, p, d)))"
         "))), depth)",
         "{k0: [None if x1 is None else x1.to_dict() for x1 in x0] for k0, x0 in "
         "self.at.items()}"),
    ],
)  # fmt: skip
def test_each_field_is_read_and_written_by_its_kind_and_nullability(
    annotation: str, required: bool, read: str, write: str
) -> None:
    source, _ = model_source(model(annotation, required))
    assert f"    obj.at = {read}" in source.splitlines()
    if required:
        assert "    result = {'atWire': " + write + ", }" in source
    else:
        assert f"        result['atWire'] = {write}" in source


def test_a_union_field_is_read_by_the_function_its_model_names() -> None:
    cls = model("Pet | None | Unset", False, _unions=(("Pet", "parse_pet"),))
    source, names = model_source(cls)
    assert "    obj.at = optional(data, 'atWire', path, _r0, depth)" in source
    assert names["_r0"] is parse_pet
    assert "        result['atWire'] = None if v is None else to_wire(v)" in source
    assert cls.from_dict({"atWire": {"n": 2}}).at == Inner(n=2)
    assert cls.from_dict({"atWire": "cat"}).to_dict() == {"atWire": "cat"}
    with pytest.raises(TypeError, match="'Pet' is not a model, enum or union"):
        model_source(model("Pet", True))


@dataclasses.dataclass(kw_only=True)
class Job(Model):
    name: str
    when: datetime.datetime | None
    colour: Colour | None | Unset = UNSET
    inner: list[Inner] | None | Unset = UNSET
    ident: uuid.UUID | None | Unset = UNSET
    extra_properties: dict[str, int] = dataclasses.field(default_factory=dict)
    _wire = {
        "colour": "colour",
        "name": "jobName",
        "inner": "inner",
        "when": "when",
        "ident": "id",
    }


def test_a_model_reads_and_writes_in_the_order_its_wire_names_come() -> None:
    data = {
        "jobName": "x",
        "when": "2026-01-02T03:04:05Z",
        "colour": "green",
        "inner": [{"n": 1, "more": [True]}],
        "id": "12345678-1234-5678-1234-567812345678",
        "count": 3,
    }
    job = Job.from_dict(data)
    assert job.colour == "green" and job.inner == [Inner(n=1, extra_properties={"more": [True]})]
    assert job.extra_properties == {"count": 3}
    assert list(job.to_dict()) == ["colour", "jobName", "inner", "when", "id", "count"]
    assert job.to_dict() == data
    assert Job(name="y", when=None).to_dict() == {"jobName": "y", "when": None}
    with pytest.raises(ValidationError, match=r"\$\.count: expected an integer"):
        Job.from_dict({**data, "count": "3"})
    with pytest.raises(ValidationError, match=r"\$\.inner\[0\]\.n: is required"):
        Job.from_dict({**data, "inner": [{}]})
    with pytest.raises(ValidationError, match=r"\$\.when: is required"):
        Job.from_dict({"jobName": "x"})


def test_a_closed_model_refuses_undeclared_keys() -> None:
    closed = model("int", True, _closed=True)
    assert closed.from_dict({"atWire": 1}).to_dict() == {"atWire": 1}
    with pytest.raises(ValidationError, match=r"\$\.other: is not a declared property"):
        closed.from_dict({"atWire": 1, "other": 2})


def test_methods_are_compiled_once_on_the_generated_class_a_user_class_derives_from() -> None:
    @dataclasses.dataclass(kw_only=True)
    class Mine(Inner):
        def double(self) -> int:
            return self.n * 2

    cls = model("int", True)
    assert "to_dict" not in cls.__dict__
    assert cls.from_dict({"atWire": 4}).to_dict() == {"atWire": 4}
    compiled = cls.__dict__["to_dict"]
    assert compile_model(cls) is cls and cls.__dict__["to_dict"] is compiled
    mine = Mine.from_dict({"n": 3})
    assert type(mine) is Mine and mine.double() == 6
    assert "to_dict" not in Mine.__dict__ and "to_dict" in Inner.__dict__
    assert mine.to_dict() == {"n": 3}
    assert int(expect_int(3, "$")) == 3


def test_a_model_that_declares_no_wire_names_says_so() -> None:
    @dataclasses.dataclass(kw_only=True)
    class Bare(Model):
        n: int

    with pytest.raises(NotImplementedError, match="declares no wire names"):
        Bare(n=1).to_dict()


def test_a_traceback_through_compiled_code_shows_its_line() -> None:
    cls = model("list[Inner]", True)
    with pytest.raises(ValidationError) as caught:
        cls.from_dict({"atWire": [{"n": "x"}]})
    text = "".join(traceback.format_exception(caught.value))
    assert "obj.at = required(data, 'atWire', path" in text
