"""Table-driven tests for generator.naming: every naming rule, its edge cases and collisions."""

from __future__ import annotations

import builtins
import keyword
from collections.abc import Callable

import pytest
from statusgen.parser.naming import (
    PYTHON_BUILTINS,
    RESERVED_ATTRIBUTES,
    RESERVED_CLASS_NAMES,
    RESERVED_PARAMETERS,
    attribute_name,
    class_name,
    enum_member_name,
    function_name,
    is_valid_package_name,
    json_path_segment,
    module_name,
    pascal_case,
    snake_case,
    upper_snake,
    words,
)

Namer = Callable[[str, set[str]], str]


def _is_python_name(name: str) -> bool:
    return name.isascii() and name.isidentifier() and not keyword.iskeyword(name)


# --- words -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("runtimeMS", ["runtime", "ms"]),
        ("HTTPStatusCode", ["http", "status", "code"]),
        ("getStatusOfAnAsyncTask", ["get", "status", "of", "an", "async", "task"]),
        ("api-version", ["api", "version"]),
        ("X-Ms-Retry", ["x", "ms", "retry"]),
        ("progress2Total", ["progress2", "total"]),
        ("v10Api", ["v10", "api"]),
        ("HTTP2Server", ["http2", "server"]),
        ("ipv4Address", ["ipv4", "address"]),
        ("createdAt", ["created", "at"]),
        ("operation_status", ["operation", "status"]),
        ("OperationStatusType", ["operation", "status", "type"]),
        ("AsynchJobState", ["asynch", "job", "state"]),
        ("notstarted", ["notstarted"]),
        ("NOT_STARTED", ["not", "started"]),
        ("my.spec", ["my", "spec"]),
        ("  padded  ", ["padded"]),
        ("__dunder__", ["dunder"]),
        ("2fa", ["2fa"]),
        ("2FA", ["2fa"]),
        ("123", ["123"]),
        ("a1b2", ["a1", "b2"]),
        ("ABC123def", ["abc123", "def"]),
        ("café", ["cafe"]),
        ("Crème Brûlée", ["creme", "brulee"]),
        ("Straße", ["strasse"]),
        ("ŁódźCity", ["lodz", "city"]),
        ("日本", []),
        ("Ωmega", ["mega"]),
        ("fooΩbar", ["foobar"]),
        ("foo—bar", ["foo", "bar"]),
        ("Ａｂｃ", ["abc"]),
        ("ﬁle", ["file"]),
        ("😀smile", ["smile"]),
        ("", []),
        ("---", []),
        ("a\nb", ["a", "b"]),
    ],
)
def test_words(raw: str, expected: list[str]) -> None:
    assert words(raw) == expected


# --- casing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("runtimeMS", "runtime_ms"),
        ("createdAt", "created_at"),
        ("api-version", "api_version"),
        ("HTTPStatusCode", "http_status_code"),
        ("progress2Total", "progress2_total"),
        ("already_snake", "already_snake"),
        ("_links", "links"),
        ("Face-API", "face_api"),
        ("café", "cafe"),
        ("2fa", "2fa"),
        ("日本", ""),
        ("", ""),
    ],
)
def test_snake_case(raw: str, expected: str) -> None:
    assert snake_case(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("getStatusOfAnAsyncTask", "GetStatusOfAnAsyncTask"),
        ("AsynchJobState", "AsynchJobState"),
        ("OperationStatusType", "OperationStatusType"),
        ("BackgroundRequestStateDto", "BackgroundRequestStateDto"),
        ("HTTPStatus", "HTTPStatus"),
        ("UNSET", "UNSET"),
        ("api-version", "ApiVersion"),
        ("operation_status", "OperationStatus"),
        ("Operation_Status", "OperationStatus"),
        ("httpStatus", "HttpStatus"),
        ("runtimeMS", "RuntimeMs"),
        ("v10Api", "V10Api"),
        ("Café", "Cafe"),
        ("my.spec", "MySpec"),
        ("2fa", "2fa"),
        ("", ""),
    ],
)
def test_pascal_case(raw: str, expected: str) -> None:
    assert pascal_case(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("api-version", "API_VERSION"),
        ("notstarted", "NOTSTARTED"),
        ("inProgress", "IN_PROGRESS"),
        ("Started", "STARTED"),
        ("NOT_STARTED", "NOT_STARTED"),
        ("HTTPStatusCode", "HTTP_STATUS_CODE"),
        ("running.partially", "RUNNING_PARTIALLY"),
        ("2fa", "2FA"),
        ("", ""),
    ],
)
def test_upper_snake(raw: str, expected: str) -> None:
    assert upper_snake(raw) == expected


# --- attribute_name --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("createdAt", "created_at"),
        ("runtimeMS", "runtime_ms"),
        ("api-version", "api_version"),
        ("type", "type"),
        ("id", "id"),
        ("2fa", "field_2fa"),
        ("123", "field_123"),
        ("from", "from_"),
        ("class", "class_"),
        ("import", "import_"),
        ("None", "none"),
        ("True", "true"),
        ("_links", "links"),
        ("__", "field_"),
        ("", "field_"),
        ("日本", "field_"),
        ("field", "field_"),
        ("str", "str_"),
        ("datetime", "datetime_"),
        ("DateTime", "date_time"),
        ("to_dict", "to_dict_"),
        ("toDict", "to_dict_"),
        ("isTerminal", "is_terminal_"),
        ("progress", "progress"),
        ("self", "self_"),
        ("data", "data_"),
        ("café", "cafe"),
    ],
)
def test_attribute_name(wire: str, expected: str) -> None:
    assert attribute_name(wire, set()) == expected


@pytest.mark.parametrize(
    ("wires", "expected"),
    [
        (["fooBar", "foo_bar"], ["foo_bar", "foo_bar_2"]),
        (
            ["fooBar", "foo-bar", "FOO_BAR", "foo.bar"],
            ["foo_bar", "foo_bar_2", "foo_bar_3", "foo_bar_4"],
        ),
        (["from", "from_", "From"], ["from_", "from_2", "from_3"]),
        (["", "__", "field"], ["field_", "field_2", "field_3"]),
        (["a", "a_2", "a"], ["a", "a_2", "a_3"]),
        (["x", "X", "_x"], ["x", "x_2", "x_3"]),
    ],
)
def test_attribute_name_collisions(wires: list[str], expected: list[str]) -> None:
    taken: set[str] = set()
    assert [attribute_name(wire, taken) for wire in wires] == expected
    assert taken == set(expected)


@pytest.mark.parametrize("name", sorted(RESERVED_ATTRIBUTES))
def test_attribute_name_escapes_every_reserved_name(name: str) -> None:
    assert attribute_name(name, set()) == f"{name}_"


@pytest.mark.parametrize("kw", [kw for kw in keyword.kwlist if kw.islower()])
def test_attribute_name_escapes_every_keyword(kw: str) -> None:
    assert attribute_name(kw, set()) == f"{kw}_"


# --- class_name ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("OperationStatusType", "OperationStatusType"),
        ("getStatusOfAnAsyncTask", "GetStatusOfAnAsyncTask"),
        ("operation_status", "OperationStatus"),
        ("HTTPStatus", "HTTPStatus"),
        ("", "Schema"),
        ("日本", "Schema"),
        ("Model", "ModelModel"),
        ("StatusModel", "StatusModelModel"),
        ("2fa", "Model2fa"),
        ("ValidationError", "ValidationErrorModel"),
        ("OperationFailed", "OperationFailedModel"),
        ("PollTimeout", "PollTimeoutModel"),
        ("Unset", "UnsetModel"),
        ("UNSET", "UNSETModel"),
        ("OpenEnum", "OpenEnumModel"),
        ("Any", "AnyModel"),
        ("Union", "UnionModel"),
        ("Optional", "OptionalModel"),
        ("Callable", "CallableModel"),
        ("TypeAlias", "TypeAliasModel"),
        ("Self", "SelfModel"),
        ("None", "NoneModel"),
        ("True", "TrueModel"),
        ("Exception", "ExceptionModel"),
        ("KeyError", "KeyErrorModel"),
        ("object", "Object"),
        ("datetime", "Datetime"),
        ("class", "Class"),
        ("Ωmega", "Mega"),
    ],
)
def test_class_name(raw: str, expected: str) -> None:
    assert class_name(raw, set()) == expected


@pytest.mark.parametrize(
    ("raws", "expected"),
    [
        (["Foo", "Foo", "foo"], ["Foo", "Foo2", "Foo3"]),
        (["a-b", "a_b", "AB"], ["AB", "AB2", "AB3"]),
        (["", "", "日本"], ["Schema", "Schema2", "Schema3"]),
        (["V1", "v1"], ["V1", "V1_2"]),
        (
            ["ValidationError", "ValidationErrorModel"],
            ["ValidationErrorModel", "ValidationErrorModel2"],
        ),
    ],
)
def test_class_name_collisions(raws: list[str], expected: list[str]) -> None:
    taken: set[str] = set()
    assert [class_name(raw, taken) for raw in raws] == expected
    assert taken == set(expected)


def test_builtins_list_covers_running_python() -> None:
    """A newer Python may add builtins; this fails so the fixed list gets updated."""
    assert {n for n in dir(builtins) if not n.startswith("_")} <= PYTHON_BUILTINS


def test_reserved_class_names_include_builtins() -> None:
    assert PYTHON_BUILTINS <= RESERVED_CLASS_NAMES


@pytest.mark.parametrize("name", sorted(n for n in PYTHON_BUILTINS if n[0].isupper()))
def test_class_name_never_shadows_builtin(name: str) -> None:
    result = class_name(name, set())
    assert result == f"{name}Model"
    assert result not in PYTHON_BUILTINS


# --- enum_member_name ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("api-version", "API_VERSION"),
        ("notstarted", "NOTSTARTED"),
        ("Started", "STARTED"),
        ("inProgress", "IN_PROGRESS"),
        ("", "EMPTY"),
        ("1", "VALUE_1"),
        ("2fa", "VALUE_2FA"),
        ("+", "VALUE"),
        ("???", "VALUE"),
        (" ", "VALUE"),
        ("_private", "PRIVATE"),
        ("__dunder__", "DUNDER"),
        ("_", "VALUE"),
        ("value", "VALUE"),
        ("name", "NAME"),
        ("None", "NONE"),
        ("日本", "VALUE"),
        ("café", "CAFE"),
    ],
)
def test_enum_member_name(value: str, expected: str) -> None:
    assert enum_member_name(value, set()) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["a-b", "a_b"], ["A_B", "A_B_2"]),
        (["a-b", "a_b", "A B", "aB"], ["A_B", "A_B_2", "A_B_3", "A_B_4"]),
        (["Started", "started", "STARTED"], ["STARTED", "STARTED_2", "STARTED_3"]),
        (["+", "-", "", "  "], ["VALUE", "VALUE_2", "EMPTY", "VALUE_3"]),
        (["1", "1.0", "1_0"], ["VALUE_1", "VALUE_1_0", "VALUE_1_0_2"]),
    ],
)
def test_enum_member_name_collisions(values: list[str], expected: list[str]) -> None:
    taken: set[str] = set()
    assert [enum_member_name(value, taken) for value in values] == expected
    assert taken == set(expected)


# --- function_name ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("requestId", "request_id"),
        ("api-version", "api_version"),
        ("getStatusOfAnAsyncTask", "get_status_of_an_async_task"),
        ("operationId", "operation_id"),
        ("id", "id"),
        ("2fa", "field_2fa"),
        ("", "field_"),
        ("lambda", "lambda_"),
        ("self", "self_"),
        ("client", "client_"),
        ("timeout", "timeout_"),
        ("minDelay", "min_delay_"),
        ("on-progress", "on_progress_"),
        ("headers", "headers_"),
        ("kwargs", "kwargs_"),
        ("type", "type_"),
        ("list", "list_"),
        ("json", "json_"),
        ("data", "data"),
        ("progress", "progress"),
    ],
)
def test_function_name(raw: str, expected: str) -> None:
    assert function_name(raw, set()) == expected


@pytest.mark.parametrize(
    ("raws", "expected"),
    [
        (["requestId", "request_id", "request-id"], ["request_id", "request_id_2", "request_id_3"]),
        (["url", "URL"], ["url_", "url_2"]),
        (["getStatus", "get_status"], ["get_status", "get_status_2"]),
    ],
)
def test_function_name_collisions(raws: list[str], expected: list[str]) -> None:
    taken: set[str] = set()
    assert [function_name(raw, taken) for raw in raws] == expected


@pytest.mark.parametrize("name", sorted(RESERVED_PARAMETERS))
def test_function_name_escapes_every_reserved_name(name: str) -> None:
    assert function_name(name, set()) == f"{name}_"


def test_attribute_and_function_namespaces_are_independent() -> None:
    assert attribute_name("path", set()) == "path_"
    assert function_name("progress", set()) == "progress"
    assert attribute_name("client", set()) == "client"


# --- packages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("face", "face"),
        ("Face-API", "face_api"),
        ("my.spec", "my_spec"),
        ("azure.ai.vision", "azure_ai_vision"),
        ("PetStore", "pet_store"),
        ("v2-status", "v2_status"),
        ("café", "cafe"),
    ],
)
def test_module_name(raw: str, expected: str) -> None:
    assert module_name(raw) == expected


@pytest.mark.parametrize("raw", ["123", "", "日本", "---", "class", "import", "2fa-api"])
def test_module_name_rejects(raw: str) -> None:
    with pytest.raises(ValueError, match="is not a valid Python package name") as info:
        module_name(raw)
    assert repr(raw) in str(info.value)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("face", True),
        ("face_api", True),
        ("FaceApi", True),
        ("_private", True),
        ("v2", True),
        ("", False),
        ("_", False),
        ("__", False),
        ("__init__", False),
        ("class", False),
        ("None", False),
        ("face-api", False),
        ("my.spec", False),
        ("2fa", False),
        ("café", False),
        ("日本", False),
        ("face api", False),
    ],
)
def test_is_valid_package_name(name: str, expected: bool) -> None:
    assert is_valid_package_name(name) is expected


# --- json_path_segment -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("createdTime", ".createdTime"),
        ("_links", "._links"),
        ("a1", ".a1"),
        ("class", ".class"),
        ("api-version", '["api-version"]'),
        ('a"b', '["a\\"b"]'),
        ("a\\b", '["a\\\\b"]'),
        ("1st", '["1st"]'),
        ("", '[""]'),
        ("a b", '["a b"]'),
        ("a.b", '["a.b"]'),
        ("café", '["café"]'),
        ("日本", '["日本"]'),
        ("a\nb", '["a\\nb"]'),
    ],
)
def test_json_path_segment(wire: str, expected: str) -> None:
    assert json_path_segment(wire) == expected


# --- every function, every nasty input -------------------------------------------------------

NASTY = [
    "",
    " ",
    "_",
    "__",
    "'",
    '"',
    '"""',
    "'''",
    "\\",
    "\\n",
    "\n",
    "\r\n\t",
    "\x00",
    "{{ x }}",
    "{% if %}",
    "{# c #}",
    "${x}",
    "a\"b'c",
    "😀",
    "😀ok",
    "日本",
    "Ωmega",
    "\u200b",
    "\u00a0",
    "0",
    "007",
    "1e10",
    "-1",
    "class",
    "None",
    "__init__",
    "__class__",
    "self",
    "import os",
    "a" * 300,
]

NAMERS: list[tuple[str, Namer]] = [
    ("attribute_name", attribute_name),
    ("class_name", class_name),
    ("enum_member_name", enum_member_name),
    ("function_name", function_name),
]


@pytest.mark.parametrize("raw", NASTY)
@pytest.mark.parametrize(("label", "namer"), NAMERS, ids=[label for label, _ in NAMERS])
def test_nasty_inputs_give_python_names(label: str, namer: Namer, raw: str) -> None:
    taken: set[str] = set()
    first = namer(raw, taken)
    second = namer(raw, taken)
    assert _is_python_name(first)
    assert _is_python_name(second)
    assert first != second
    assert not first.startswith("_")
    assert taken == {first, second}


@pytest.mark.parametrize("raw", NASTY)
def test_nasty_inputs_module_name(raw: str) -> None:
    try:
        name = module_name(raw)
    except ValueError:
        return
    assert _is_python_name(name)
    assert is_valid_package_name(name)


@pytest.mark.parametrize("raw", NASTY)
def test_nasty_inputs_casing_is_ascii_word_chars(raw: str) -> None:
    for word in words(raw):
        assert word and word.isascii() and word.isalnum() and word == word.lower()
    for cased in (snake_case(raw), pascal_case(raw), upper_snake(raw)):
        assert cased == "" or cased.replace("_", "").isalnum()
        assert cased.isascii()


@pytest.mark.parametrize("raw", NASTY)
def test_nasty_inputs_json_path_segment(raw: str) -> None:
    segment = json_path_segment(raw)
    assert segment.startswith((".", "["))
    assert "\n" not in segment
