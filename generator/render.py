"""Render stage: IR `Package` -> Python source text per file (not yet formatted).

The Jinja environment is strict (`StrictUndefined`: a typo in a template is an error). This
module is the one boundary where spec strings become code: every string from a spec reaches a
template only through one of the escaping filters below, chosen for its context — `pystr` and
`pytuple`/`pyliteral` for literals (built with `repr`, never by pasting into quotes), `docstring`
for docstrings, `comment` for the header comment. Names are identifiers already checked by
`naming`. Imports are assembled last, from the names the rendered body actually uses.
"""

from __future__ import annotations

import ast
import json
import math
import textwrap
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import jinja2

from . import ir
from .fingerprint import HEADER_PREFIX, template_dir

RUNTIME_EXPORTS = (
    "UNSET",
    "OpenEnum",
    "StatusRule",
    "Unset",
    "ValidationError",
    "choose_shape",
    "decode_json",
    "describe",
    "encode_json",
    "expect_bool",
    "expect_float",
    "expect_int",
    "expect_list",
    "expect_object",
    "expect_str",
    "format_datetime",
    "key_segment",
    "parse_any",
    "parse_date",
    "parse_datetime",
    "parse_list",
    "parse_map",
    "require",
    "to_wire",
)
POLLING_EXPORTS = (
    "AsyncPoller",
    "AsyncResultPoller",
    "Poller",
    "ResultPoller",
    "expand_path",
)
POLLING_PUBLIC = ("HttpResponse", "PollOptions", "TransientError", "UnexpectedResponse")
RUNTIME_PUBLIC = ("UNSET", "OperationFailed", "PollTimeout", "Unset", "ValidationError")
TYPING_NAMES = ("Any", "TypeAlias")
MODULES = ("dataclasses", "datetime")
WRAP_WIDTH = 88


def header(package: ir.Package) -> str:
    return f"{HEADER_PREFIX} from {comment(package.spec_path)}. Do not edit."


def markdown_header(package: ir.Package) -> str:
    """The header inside an HTML comment, for Markdown files (`--` cannot occur in it)."""
    return "<!-- " + header(package)[2:].replace("--", "- -") + " -->"


# --- escaping filters: the only way spec text enters generated code ------------------------


def pystr(value: object) -> str:
    """A Python string literal for any text: `repr` escapes quotes, backslashes and controls."""
    return repr(str(value))


def pyliteral(value: Any) -> str:
    """A Python literal for a JSON value (defaults, thresholds); nothing else is accepted."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"non-finite number {value!r} cannot be a literal")
        return repr(value)
    if isinstance(value, str):
        return pystr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(pyliteral(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{pystr(k)}: {pyliteral(v)}" for k, v in value.items())
        return "{" + items + "}"
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def pytuple(values: Iterable[object] | None) -> str:
    """A tuple literal of strings (or `None`), written so black keeps it on one line."""
    if values is None:
        return "None"
    items = [pystr(v) for v in values]
    if len(items) == 1:
        return f"({items[0]},)"
    return "(" + ", ".join(items) + ")"


def members_tuple(members: Iterable[str], enum_name: str) -> str:
    """A tuple of enum members by (already checked) Python names."""
    items = [f"{enum_name}.{m}" for m in members]
    if len(items) == 1:
        return f"({items[0]},)"
    return "(" + ", ".join(items) + ")"


def _escape_docstring_text(text: str) -> str:
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\t":
            out.append("    ")
        elif ch == "\n":
            out.append(ch)
        elif ord(ch) < 32 or ord(ch) == 127 or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")
        elif ch in "\u2028\u2029\x85":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    escaped = "".join(out).replace('"""', '\\"\\"\\"')
    if escaped.endswith('"'):
        escaped = escaped[:-1] + '\\"'
    return escaped


def docstring(value: object, indent: int = 0) -> str:
    """Text safe inside a triple-quoted docstring, wrapped and indented for its place.

    Backslashes and control characters are escaped, `\"\"\"` cannot close the string, and a
    trailing quote cannot merge with the closing quotes.
    """
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    width = max(WRAP_WIDTH - indent, 40)
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if not lines:
            continue
        wrapped = textwrap.fill(
            " ".join(lines), width=width, break_long_words=False, break_on_hyphens=False
        )
        paragraphs.append(wrapped)
    body = "\n\n".join(paragraphs)
    escaped = _escape_docstring_text(body)
    pad = " " * indent
    return "\n".join(
        (pad + line) if line and i else line for i, line in enumerate(escaped.split("\n"))
    )


def tomlstr(value: object) -> str:
    """A TOML basic string: JSON's string escapes are all valid TOML escapes."""
    return json.dumps(str(value), ensure_ascii=False)


def markdown(value: object) -> str:
    """Spec text as one line of Markdown: HTML is escaped and markup characters are
    backslashed, so a description cannot inject links, HTML or headings."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+!|" else ch for ch in text)


def markdown_code(value: object) -> str:
    """Spec text inside a Markdown code span: one line, and no backtick to close the span."""
    return " ".join(str(value).split()).replace("`", "'")


def comment(value: object) -> str:
    """One line of text safe after `#`: no newlines or control characters survive."""
    return "".join(ch if ch.isprintable() else "?" for ch in str(value))


# --- environment -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(
        pystr=pystr,
        pyliteral=pyliteral,
        pytuple=pytuple,
        members_tuple=members_tuple,
        docstring=docstring,
        comment=comment,
        tomlstr=tomlstr,
        markdown=markdown,
        markdown_code=markdown_code,
    )
    return env


def _used_names(source: str) -> set[str]:
    """Names the module's code refers to (docstrings do not count, string aliases do)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.annotation, ast.Name)
            and node.annotation.id == "TypeAlias"
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            expression = ast.parse(node.value.value, mode="eval")
            names.update(n.id for n in ast.walk(expression) if isinstance(n, ast.Name))
    return names


def _isort_key(name: str) -> tuple[int, str]:
    """isort's order-by-type: CONSTANTS, then Classes, then functions."""
    if name.isupper():
        return 0, name
    return (1 if name[:1].isupper() else 2), name


def _import_block(used: set[str], local: dict[str, tuple[str, ...]]) -> str:
    """Standard-library imports, then `httpx` for type checking only, then the package's own
    modules, each with exactly the names the body uses."""
    lines = [f"import {m}" for m in MODULES if m in used]
    typing_names = [n for n in TYPING_NAMES if n in used]
    if "httpx" in used:
        typing_names.append("TYPE_CHECKING")
    block = "\n".join(lines)
    if typing_names:
        block += (
            ("\n" if block else "")
            + "from typing import "
            + ", ".join(sorted(typing_names, key=_isort_key))
        )
    if "httpx" in used:
        block += "\n\nif TYPE_CHECKING:\n    import httpx"
    relative = []
    for module, names in local.items():
        wanted = sorted((n for n in names if n in used), key=_isort_key)
        if wanted:
            relative.append(f"from .{module} import " + ", ".join(wanted))
    if relative:
        block += "\n\n" + "\n".join(relative)
    return block


def render_package(package: ir.Package) -> dict[str, str]:
    """Every file of the package as unformatted source, keyed by path relative to `--out`."""
    env = environment()
    top = header(package)
    body = env.get_template("_models_body.py.jinja").render(package=package)
    models = env.get_template("models.py.jinja").render(
        header=top,
        package=package,
        body=body,
        imports=_import_block(_used_names(body), {"_runtime": RUNTIME_EXPORTS}),
    )
    files = {
        "_runtime.py": env.get_template("_runtime.py.jinja").render(header=top),
        "models.py": models,
        "py.typed": top + "\n",
    }
    poller_names: tuple[str, ...] = ()
    if package.pollers:
        body = env.get_template("_pollers_body.py.jinja").render(package=package)
        status_rules = tuple(f"_{m.name}_STATUS" for m in package.status_models)
        model_names = package.exports + status_rules
        imports = _import_block(
            _used_names(body),
            {"_polling": POLLING_EXPORTS, "_runtime": RUNTIME_EXPORTS, "models": model_names},
        )
        files["pollers.py"] = env.get_template("pollers.py.jinja").render(
            header=top, package=package, body=body, imports=imports
        )
        files["_polling.py"] = env.get_template("_polling.py.jinja").render(header=top)
        files["_wait.py"] = env.get_template("_wait.py.jinja").render(header=top)
        files["__main__.py"] = env.get_template("__main__.py.jinja").render(
            header=top, package=package
        )
        poller_names = package.poller_exports
    all_exports = sorted(
        set(package.exports)
        | set(poller_names)
        | set(RUNTIME_PUBLIC)
        | set(POLLING_PUBLIC if package.pollers else ())
    )
    files["__init__.py"] = env.get_template("__init__.py.jinja").render(
        header=top,
        package=package,
        poller_names=poller_names,
        runtime_names=sorted(RUNTIME_PUBLIC, key=_isort_key),
        polling_names=sorted(POLLING_PUBLIC, key=_isort_key) if package.pollers else [],
        all_exports=all_exports,
    )
    return {f"{package.name}/{name}": text for name, text in sorted(files.items())}


def render_project(package: ir.Package) -> dict[str, str]:
    """pyproject.toml and README.md that make the package folder an installable project."""
    env = environment()
    files = {
        "pyproject.toml": env.get_template("pyproject.toml.jinja").render(
            header=header(package), package=package
        ),
        "README.md": env.get_template("README.md.jinja").render(
            header=markdown_header(package), package=package
        ),
    }
    return {f"{package.name}/{name}": text for name, text in files.items()}
