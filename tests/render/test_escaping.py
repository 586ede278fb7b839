"""The escaping boundary (render/filters.py) and the safety net under it.

Spec text reaches generated code only through the filters `pystr`, `pyliteral`, `pytuple`,
`docstring` and `comment`; names only through `naming`. These tests state, for any text at all,
what each filter guarantees in its context, then check that `check_module` refuses a rendered
module that would do anything at import time beyond defining names.

Each property runs 300 examples under the fuzz profile (`make fuzz`), a fifth of that in
`make test` (conftest.examples).
"""

from __future__ import annotations

import ast
import json
import math
import re
import string
import sys
from pathlib import Path

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from statusgen import render
from statusgen.parser import naming
from statusgen.render import (
    SCRIPTS,
    RenderError,
    check_module,
    comment,
    docstring,
    pyliteral,
    pystr,
)

GENERATED = Path(__file__).resolve().parents[2] / "generated"

ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=60)
"""Every code point, lone surrogates and control characters included."""
NASTY = [
    '"""',
    '""""',
    '"',
    '\\"',
    "\\",
    'x"""',
    'x" + str(1/0)  # ',
    '"""; import os; os.system("id"); """',
    "\\N{BULLET}",
    "\\x41",
    "a\x00b",
    "\r",
    "\u2028",
    "\x85",
    "\ud800",
    "{{ 1 }}",
    "{% raw %}",
]
SETTINGS = settings(max_examples=examples(300), deadline=None)


def one_string_constant(source: str) -> str:
    """The value of the module `source`, which must be exactly one string expression."""
    tree = ast.parse(source)
    assert len(tree.body) == 1, source
    statement = tree.body[0]
    assert isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
    value = statement.value.value
    assert isinstance(value, str)
    return value


@pytest.mark.parametrize("text", NASTY)
def test_pystr_is_a_literal_of_exactly_the_text(text: str) -> None:
    assert ast.literal_eval(pystr(text)) == text


@SETTINGS
@given(ANY_TEXT)
def test_pystr_round_trips_any_text(text: str) -> None:
    assert ast.literal_eval(pystr(text)) == text
    assert "\n" not in pystr(text) and "\r" not in pystr(text)


@pytest.mark.parametrize("text", NASTY)
@pytest.mark.parametrize("indent", [0, 4, 12])
def test_docstring_text_never_closes_its_string(text: str, indent: int) -> None:
    escaped = docstring(text, indent)
    for before, after in (("", ""), ("Build from ", " tag."), ("``", "``, required.")):
        value = one_string_constant(f'"""{before}{escaped}{after}"""')
        assert value.startswith(before) and value.endswith(after)


@SETTINGS
@given(ANY_TEXT, st.sampled_from(["", "x ", "Build a "]), st.sampled_from(["", " y", ".", "``"]))
def test_docstring_of_any_text_is_one_string(text: str, before: str, after: str) -> None:
    one_string_constant(f'"""{before}{docstring(text, 4)}{after}"""')


def test_docstring_keeps_the_words_of_the_text() -> None:
    value = one_string_constant('"""' + docstring('say """hi""" \\ then "stop"') + '"""')
    assert value == 'say """hi""" \\ then "stop"'


@SETTINGS
@given(ANY_TEXT)
def test_comment_stays_on_its_line(text: str) -> None:
    line = "# " + comment(text)
    assert len(line.splitlines()) == 1
    assert ast.parse(line + "\n").body == []


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=3),
    max_leaves=8,
)


@SETTINGS
@given(json_values)
def test_pyliteral_is_a_literal_of_exactly_the_value(value: object) -> None:
    rebuilt = ast.literal_eval(pyliteral(value))
    assert json.dumps(rebuilt, sort_keys=True) == json.dumps(value, sort_keys=True)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, object(), b"bytes", {1, 2}])
def test_pyliteral_refuses_what_is_not_finite_json(value: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        pyliteral(value)


# --- the safety net ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(GENERATED.glob("*/*.py")), ids=lambda p: p.as_posix())
def test_every_committed_module_passes_the_net(path: Path) -> None:
    check_module(path.name, path.read_text(encoding="utf-8"), "test", path.name in SCRIPTS)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("import os\n", "import os (line 1)"),
        ("from subprocess import run\n", "import from subprocess (line 1)"),
        ("print('hi')\n", "evaluate an expression statement (line 1)"),
        ("X = __import__('os')\n", "call __import__ (line 1)"),
        ("X = __import__('os').system('id')\n", "call an expression (line 1)"),
        ("class A:\n    x = open('f', 'w')\n", "call open (line 2)"),
        ("def f(x=exec('1')):\n    pass\n", "call exec (line 1)"),
        ("@register()\ndef f():\n    pass\n", "call register (line 2)"),
        ("class A(make_base()):\n    pass\n", "call make_base (line 1)"),
        ("for i in range(3):\n    pass\n", "run a For statement (line 1)"),
        ("try:\n    pass\nexcept Exception:\n    pass\n", "run a Try statement (line 1)"),
        ("if DEBUG:\n    import os\n", "run an if statement (line 1)"),
        ("X = [y for y in frozenset(iter([]))]\n", "call iter (line 1)"),
        ('"""doc""" + x\n', "evaluate an expression statement (line 1)"),
    ],
)
def test_the_net_refuses_import_time_code(source: str, problem: str) -> None:
    with pytest.raises(RenderError) as caught:
        check_module("pkg/models.py", source, "models.py.jinja")
    assert str(caught.value) == (
        f"models.py.jinja rendered pkg/models.py, which would {problem} when imported"
    )


def test_the_net_names_the_template_of_invalid_python() -> None:
    with pytest.raises(RenderError, match=r"^pollers.py.jinja rendered invalid Python in p/x.py"):
        check_module("p/x.py", 'X = """\n', "pollers.py.jinja")


def test_the_net_allows_definitions_and_constants() -> None:
    check_module(
        "p/models.py",
        "from __future__ import annotations\n"
        "import dataclasses\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import httpx\n"
        "_A_KEYS: frozenset[str] = frozenset(('a', 'b'))\n"
        "@dataclasses.dataclass(kw_only=True)\n"
        "class A:\n"
        '    """Doc."""\n'
        "    a: int = 1\n"
        "    b: list[int] = dataclasses.field(default_factory=lambda: [print('later')])\n"
        "    def f(self) -> None:\n        import os\n        os.system('id')\n",
        "models.py.jinja",
    )


# --- names that generated code uses itself are never a spec's -------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "StatusRule",
        "Poller",
        "AsyncPoller",
        "ResultPoller",
        "AsyncResultPoller",
        "HttpResponse",
        "PollOptions",
        "TransientError",
        "UnexpectedResponse",
    ],
)
def test_runtime_and_polling_names_are_not_class_names(name: str) -> None:
    assert naming.class_name(name, set()) == f"{name}Model"


@pytest.mark.parametrize(("wire", "attribute"), [("dataclasses", "dataclasses_")])
def test_names_a_class_body_evaluates_are_not_attributes(wire: str, attribute: str) -> None:
    assert naming.attribute_name(wire, set()) == attribute


@pytest.mark.parametrize(
    ("wire", "parameter"), [("expand_path", "expand_path_"), ("httpx", "httpx_")]
)
def test_names_a_poller_uses_are_not_parameters(wire: str, parameter: str) -> None:
    assert naming.function_name(wire, set()) == parameter


def test_render_package_runs_the_net(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every module render_package renders goes through check_module, named by its template
    (the runtime modules are copied, not rendered: test_runtime_modules.py)."""
    seen: list[tuple[str, str]] = []
    real = render.check_module

    def spy(path: str, source: str, template: str, script: bool = False) -> ast.Module:
        seen.append((path, template))
        return real(path, source, template, script)

    monkeypatch.setattr(render, "check_module", spy)
    from statusgen.input import load
    from statusgen.parser import parse

    spec = Path(__file__).resolve().parents[2] / "specs" / "face.yaml"
    render.render_package(parse.parse(load.load(spec)))
    assert sorted(seen) == [
        ("face/__init__.py", "__init__.py.jinja"),
        ("face/__main__.py", "__main__.py.jinja"),
        ("face/models.py", "models.py.jinja with _models_body.py.jinja"),
        ("face/pollers.py", "pollers.py.jinja with _pollers_body.py.jinja"),
    ]


# --- Markdown, HTML comments and TOML (the --project files) -----------------------------------


def unescaped_punctuation(rendered: str) -> list[str]:
    """ASCII punctuation in Markdown text that is neither backslash-escaped nor part of one of
    the entities `&amp;`, `&lt;`, `&gt;`."""
    text = re.sub(r"&(amp|lt|gt);", "", rendered)
    found, index = [], 0
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] in string.punctuation and text[index] != ";":  # no `&`: no entity
            found.append(text[index])
        index += 1
    return found


@SETTINGS
@given(ANY_TEXT)
def test_markdown_leaves_no_markup_character_unescaped(text: str) -> None:
    rendered = render.markdown(text)
    assert len(rendered.splitlines()) <= 1
    assert unescaped_punctuation(rendered) == [], rendered


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("see https://evil.example", "see https\\:\\/\\/evil\\.example"),
        ("- item", "\\- item"),
        ("<img src=x onerror=alert(1)>", "&lt;img src\\=x onerror\\=alert\\(1\\)&gt;"),
        ("[a](javascript:x)", "\\[a\\]\\(javascript\\:x\\)"),
        ("a & b", "a &amp; b"),
    ],
)
def test_markdown_examples(text: str, rendered: str) -> None:
    assert render.markdown(text) == rendered


@SETTINGS
@given(ANY_TEXT)
def test_html_comment_text_cannot_close_the_comment(text: str) -> None:
    inner = render.html_comment(text)
    assert "--" not in inner and "\n" not in inner
    assert not inner.startswith(">") and not inner.endswith("-")


def test_the_readme_header_survives_a_hostile_file_name() -> None:
    from statusgen import ir

    package = ir.Package(
        name="p", spec_path="x---><script>alert(1)</script>.yaml", title="T", version="1",
        description=None, models=(), enums=(), unions=(), endpoints=(),
    )  # fmt: skip
    line = render.markdown_header(package)
    assert line.startswith("<!-- ") and line.endswith(" -->")
    assert line.count("-->") == 1


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib")
@SETTINGS
@given(ANY_TEXT.filter(lambda t: not any(0xD800 <= ord(c) <= 0xDFFF for c in t)))
def test_tomlstr_is_a_toml_string_of_exactly_the_text(text: str) -> None:
    import tomllib

    assert tomllib.loads("x = " + render.tomlstr(text)) == {"x": text}


@pytest.mark.parametrize("bad", ["class", "1x", "a-b", "", "café", "None"])
def test_render_refuses_a_name_that_is_not_an_identifier(bad: str) -> None:
    from statusgen import ir

    package = ir.Package(
        name="p", spec_path="p.yaml", title="T", version="1", description=None,
        models=(
            ir.Model(
                name="M", description=None, extra=ir.ExtraProperties("keep"),
                source=ir.Source("p.yaml", "#"),
                fields=(
                    ir.Field(
                        py_name=bad, wire_name="x", type=ir.AnyType(), required=False,
                        description=None, read_only=False, path_segment=".x",
                    ),
                ),
            ),
        ),
        enums=(), unions=(), endpoints=(),
    )  # fmt: skip
    with pytest.raises(RenderError, match=f"^the attribute name {re.escape(repr(bad))} is not"):
        render.render_package(package)


def test_names_ruff_finds_ambiguous_get_a_suffix() -> None:
    assert naming.class_name("I", set()) == "IModel"
    assert naming.class_name("O", set()) == "OModel"
    assert naming.attribute_name("l", set()) == "l_"
    assert naming.function_name("l", set()) == "l_"
    assert naming.enum_member_name("İ", set()) == "I_"
    assert naming.enum_member_name("o", set()) == "O_"
    taken: set[str] = set()
    assert [naming.enum_member_name(v, taken) for v in ["i", "I", "Ì"]] == ["I_", "I_2", "I_3"]


def test_a_body_checked_in_groups_names_the_line_in_the_whole_module() -> None:
    """Large bodies are parsed a statement group at a time; a problem in a later group is
    still reported with its line in the module, as a whole-module check would."""
    body = "X = 1\n\n\nclass A:\n    y = 1\n\n\nY = print('side effect')\n"
    head = "# header\n\nimport dataclasses\n\n"
    with pytest.raises(RenderError) as caught:
        render._with_body("p/models.py", body, head + body)
    line = (head + body).splitlines().index("Y = print('side effect')") + 1
    assert str(caught.value).endswith(f"would call print (line {line}) when imported")


@pytest.mark.parametrize(
    "body",
    [
        'class A:\n    """Doc.\n\nclass B: in the docstring\n"""\n\n\nclass C:\n    y = 1\n',
        "def f():\n    return (\n        1,\n\nY\n)\n\n\nclass C:\n    y = 1\n",
    ],
)
def test_a_body_that_does_not_cut_cleanly_is_checked_whole(body: str) -> None:
    source = render._with_body("p/models.py", body, "# header\n" + body)
    whole = render.check_module("p/models.py", "# header\n" + body, "t")
    assert source.breaks == render.top_level_breaks(render._outline(whole), source.text)
    assert source.breaks  # before class C
