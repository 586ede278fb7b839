"""Each kind of type on its own: annotation, the code its macros print, the names that code
needs, and the (type, format) pairs the parser hands it."""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from statusgen import kinds
from statusgen.input import load
from statusgen.kinds.base import MODELS, MODULE, RUNTIME, TYPING
from statusgen.kinds.datetime import FORMAT, PARSE
from statusgen.kinds.time import TimeType
from statusgen.parser import parse
from statusgen.render.env import environment
from statusgen.render.imports import recording

INT = kinds.PrimitiveType("int", "int64")
DT = kinds.DateTimeType()

# node, annotation, construct(v, p, d), parser, dump(v), construct names, dump names
CASES = [
    (kinds.PrimitiveType("str"), "str", "expect_str(v, p)", "expect_str", "v",
     {(RUNTIME, "expect_str")}, set()),
    (kinds.PrimitiveType("float", "double"), "float", "expect_float(v, p)", "expect_float", "v",
     {(RUNTIME, "expect_float")}, set()),
    (DT, "datetime.datetime", f"{PARSE}(v, p)", PARSE, f"{FORMAT}(v)",
     {(RUNTIME, PARSE)}, {(RUNTIME, FORMAT)}),
    (kinds.DateType(), "datetime.date", "parse_date(v, p)", "parse_date", "v.isoformat()",
     {(RUNTIME, "parse_date")}, set()),
    (kinds.AnyType(), "Any", "parse_any(v, p, d)", "parse_any", "v",
     {(RUNTIME, "parse_any")}, set()),
    (kinds.UuidType(), "uuid.UUID", "parse_uuid(v, p)", "parse_uuid", "str(v)",
     {(RUNTIME, "parse_uuid")}, set()),
    (TimeType(), "datetime.time", "parse_time(v, p)", "parse_time", "v.isoformat()",
     {(RUNTIME, "parse_time")}, set()),
    (kinds.ModelRef("M"), "M", "M._from_dict(v, p, d)", "M._from_dict", "v.to_dict()",
     {(MODELS, "M")}, set()),
    (kinds.EnumRef("E"), "E", "E.parse(v, p)", "E.parse", "v._value_", {(MODELS, "E")}, set()),
    (kinds.UnionRef("U", "parse_u"), "U", "parse_u(v, p, d)", "parse_u", "to_wire(v)",
     {(MODELS, "parse_u")}, {(RUNTIME, "to_wire")}),
    (kinds.ArrayType(INT), "list[int]", "parse_list(v, p, d, expect_int)",
     "(lambda v, p, d: parse_list(v, p, d, expect_int))", "list(v)",
     {(RUNTIME, "parse_list"), (RUNTIME, "expect_int")}, set()),
    (kinds.ArrayType(kinds.ArrayType(DT)), "list[list[datetime.datetime]]",
     "parse_list(v, p, d, (lambda v, p, d: parse_list(v, p, d, parse_datetime)))",
     "(lambda v, p, d: parse_list(v, p, d, (lambda v, p, d: parse_list(v, p, d, parse_datetime))))",
     "[[format_datetime(x1) for x1 in x0] for x0 in v]",
     {(RUNTIME, "parse_list"), (RUNTIME, "parse_datetime")}, {(RUNTIME, "format_datetime")}),
    (kinds.MapType(kinds.ModelRef("M")), "dict[str, M]", "parse_map(v, p, d, M._from_dict)",
     "(lambda v, p, d: parse_map(v, p, d, M._from_dict))",
     "{k0: x0.to_dict() for k0, x0 in v.items()}", {(RUNTIME, "parse_map"), (MODELS, "M")},
     set()),
    (kinds.MapType(kinds.AnyType()), "dict[str, Any]", "parse_map(v, p, d, parse_any)",
     "(lambda v, p, d: parse_map(v, p, d, parse_any))", "dict(v)",
     {(RUNTIME, "parse_map"), (RUNTIME, "parse_any")}, set()),
    (kinds.NeverType(), "None", "refuse_value(v, p, d)", "refuse_value", "v",
     {(RUNTIME, "refuse_value")}, set()),
    (kinds.NullableType(kinds.DateType()), "datetime.date | None",
     "None if v is None else parse_date(v, p)",
     "(lambda v, p, d: None if v is None else parse_date(v, p))",
     "None if v is None else v.isoformat()", {(RUNTIME, "parse_date")}, set()),
    (kinds.NullableType(kinds.PrimitiveType("bool")), "bool | None",
     "None if v is None else expect_bool(v, p)",
     "(lambda v, p, d: None if v is None else expect_bool(v, p))", "v",
     {(RUNTIME, "expect_bool")}, set()),
]  # fmt: skip


@pytest.mark.parametrize(
    ("node", "annotation", "construct", "parser", "dump", "construct_names", "dump_names"),
    CASES,
    ids=[case[1] for case in CASES],
)
def test_a_kind_prints_its_code_and_records_its_names(
    node: kinds.TypeRef,
    annotation: str,
    construct: str,
    parser: str,
    dump: str,
    construct_names: set[tuple[str, str]],
    dump_names: set[tuple[str, str]],
) -> None:
    macros = environment().globals["kinds"]
    with recording() as used:
        assert macros.annotation(node) == annotation
    assert used == set(node.annotation_names)
    with recording() as used:
        assert macros.construct(node, "v", "p", "d") == construct
    assert used == construct_names
    with recording() as used:
        assert macros.parser(node) == parser
    assert used == construct_names
    with recording() as used:
        assert macros.dump(node, "v") == dump
    assert used == dump_names


@pytest.mark.parametrize(
    ("node", "names"),
    [
        (kinds.PrimitiveType("int"), ()),
        (DT, ((MODULE, "datetime"),)),
        (kinds.ArrayType(kinds.UuidType()), ((MODULE, "uuid"),)),
        (kinds.AnyType(), ((TYPING, "Any"),)),
        (kinds.MapType(kinds.NullableType(kinds.UnionRef("U", "parse_u"))), ((MODELS, "U"),)),
    ],
)
def test_an_annotation_declares_what_it_refers_to(
    node: kinds.TypeRef, names: tuple[tuple[str, str], ...]
) -> None:
    assert node.annotation_names == names


def test_every_kind_has_its_macro_file_with_the_three_macros() -> None:
    env = environment()
    found = [k for k in kinds.kind_classes() if "kind" in vars(k)]  # not the abstract bases
    assert {k.kind for k in found} >= {"primitive", "datetime", "date", "uuid", "any", "never"}
    for node_class in found:
        module = env.get_template(f"kinds/{node_class.kind}.jinja").module
        for macro in ("construct", "parser", "dump"):
            assert callable(getattr(module, macro)), (node_class.kind, macro)


@pytest.mark.parametrize(
    ("type_name", "fmt", "node"),
    [
        ("string", "date-time", kinds.DateTimeType()),
        ("string", "date", kinds.DateType()),
        ("string", "uuid", kinds.UuidType()),
        ("string", "time", TimeType()),
        ("string", "email", kinds.PrimitiveType("str", "email")),
        ("string", None, kinds.PrimitiveType("str")),
        ("integer", "int64", kinds.PrimitiveType("int", "int64")),
        ("number", None, kinds.PrimitiveType("float")),
        ("boolean", None, kinds.PrimitiveType("bool")),
    ],
)
def test_the_registry_recognises_a_scalar_by_type_and_format(
    type_name: str, fmt: str | None, node: kinds.TypeRef
) -> None:
    assert kinds.recognise(type_name, fmt) == node


def test_the_parser_asks_the_registry(tmp_path: Path) -> None:
    spec = tmp_path / "k.yaml"
    spec.write_text(
        'openapi: 3.0.3\ninfo: {title: K, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n'
        "    K:\n      type: object\n      properties:\n"
        "        day: {type: string, format: date}\n"
        "        at: {type: string, format: date-time, nullable: true}\n"
        "        n: {type: integer, format: int32}\n",
        encoding="utf-8",
    )
    (model,) = parse.parse(load.load(spec)).models
    assert [f.type for f in model.fields] == [
        kinds.DateType(),
        kinds.NullableType(kinds.DateTimeType()),
        kinds.PrimitiveType("int", "int32"),
    ]


@pytest.mark.parametrize(
    ("json_kind", "check"),
    [
        ("string", "isinstance(x, str)"),
        ("integer", "isinstance(x, int) and not isinstance(x, bool)"),
        ("object", "isinstance(x, dict)"),
        ("union", "True"),
        ("any", "True"),
    ],
)
def test_a_union_variant_is_tested_by_its_json_kind(json_kind: str, check: str) -> None:
    assert kinds.json_check(json_kind, "x") == check


UUID = "0b5b1b57-8d7a-4d7e-9a2a-3a7f8c1f2e11"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (UUID.upper(), None),
        (UUID, None),
        ("{" + UUID + "}", "invalid UUID"),
        ("urn:uuid:" + UUID, "invalid UUID"),
        (UUID.replace("-", ""), "invalid UUID"),
        (UUID + "\n", "invalid UUID"),
        (7, "expected a UUID string, got an integer"),
    ],
)
def test_the_runtime_reads_only_canonical_uuids(value: object, message: str | None) -> None:
    from statusgen.runtime import _runtime as runtime

    if message is None:
        assert runtime.parse_uuid(value, "$.id") == uuid.UUID(UUID)
    else:
        with pytest.raises(runtime.ValidationError, match=rf"^\$\.id: {message}"):
            runtime.parse_uuid(value, "$.id")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15:04:05Z", datetime.time(15, 4, 5, tzinfo=datetime.timezone.utc)),
        ("15:04:05.1234567+02:00",
         datetime.time(15, 4, 5, 123456, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))),
        ("00:00:00-05:30",
         datetime.time(0, 0, tzinfo=datetime.timezone(-datetime.timedelta(hours=5, minutes=30)))),
        ("23:59:59", datetime.time(23, 59, 59)),
        ("24:00:00Z", "invalid time '24:00:00Z': hour must be in 0..23"),
        ("3:04:05Z", "invalid time '3:04:05Z'"),
        ("15:04Z", "invalid time '15:04Z'"),
        (1504, "expected a time string, got an integer"),
    ],
)  # fmt: skip
def test_the_runtime_reads_rfc_3339_times(value: object, expected: object) -> None:
    from statusgen.runtime import _runtime as runtime

    if isinstance(expected, datetime.time):
        assert runtime.parse_time(value, "$.at") == expected
    else:
        with pytest.raises(runtime.ValidationError, match=rf"^\$\.at: {re.escape(str(expected))}"):
            runtime.parse_time(value, "$.at")


def test_a_time_field_generates_reads_and_writes_back(
    tmp_path: Path, fresh_import: Callable[[Path, str], ModuleType]
) -> None:
    """A `format: time` property end to end: annotation, reader, wire form, round trip."""
    from statusgen import pipeline
    from statusgen.options import RunOptions
    from statusgen.output import write

    spec = tmp_path / "clock.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: Clock, version: '1'}\npaths: {}\ncomponents:\n"
        "  schemas:\n    Window:\n      type: object\n      required: [opens]\n"
        "      properties:\n        opens: {type: string, format: time}\n"
        "        closes: {type: string, format: time}\n",
        encoding="utf-8",
    )
    files = pipeline.generate(RunOptions.of([spec], models="all")).files
    assert "opens: datetime.time" in files["clock/models.py"]
    out = tmp_path / "out"
    out.mkdir()
    write.apply(write.plan(out, files, None))
    clock = fresh_import(out, "clock")
    window = clock.Window.from_dict({"opens": "08:30:00Z"})
    assert window.opens == datetime.time(8, 30, tzinfo=datetime.timezone.utc)
    assert window.to_dict() == {"opens": "08:30:00+00:00"}
    assert clock.Window.from_dict(window.to_dict()) == window
    with pytest.raises(clock.ValidationError, match=r"^\$\.closes: invalid time"):
        clock.Window.from_dict({"opens": "08:30:00Z", "closes": "late"})
