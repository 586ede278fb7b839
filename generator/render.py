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
import functools
import json
import keyword
import math
import os
import re
import string
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
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
    "optional",
    "required",
    "optional_str",
    "required_str",
    "optional_int",
    "required_int",
    "optional_bool",
    "required_bool",
    "optional_datetime",
    "optional_enum",
    "required_enum",
    "required_datetime",
    "undeclared",
    "forbid_undeclared",
    "merge_undeclared",
    "require",
    "to_wire",
    "check_payload",
    "parse_payload",
    "MAX_DEPTH",
    "Shapes",
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
BLACK_LINE_LENGTH = 88
"""format.LINE_LENGTH, repeated: rendering does not import the format stage."""
WRAP_WIDTH = 88


def header(package: ir.Package) -> str:
    return f"{HEADER_PREFIX} from {comment(package.spec_path)}. Do not edit."


def markdown_header(package: ir.Package) -> str:
    """The header inside an HTML comment, for Markdown files."""
    return "<!-- " + html_comment(header(package)[2:]) + " -->"


# --- escaping filters: the only way spec text enters generated code ------------------------


def pystr(value: object) -> str:
    """A Python string literal for any text: `repr` escapes quotes, backslashes and controls.
    Double-quoted when that needs no escape, as black would write it (black then has nothing
    to change, and formats the text in one pass instead of two)."""
    text = str(value)
    literal = repr(text)
    if literal[0] == "'" and '"' not in text:
        return '"' + literal[1:-1] + '"'
    return literal


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


_QUOTE_RUN = re.compile(r'"(?="|\Z)')
"""A double quote followed by another, or the last character: escaped, so no `\"\"\"` can
close the docstring and the closing quotes cannot merge with the text's own."""


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
    return _QUOTE_RUN.sub(r'\\"', "".join(out))


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


def close_docstring(text: str, indent: int) -> str:
    """A docstring's text (after its opening quotes) with the closing quotes where black
    leaves them: a one-line docstring closes on its line, a longer one on a line of its own."""
    text = text.rstrip()
    if "\n" in text:
        return text + "\n" + " " * indent + '"""'
    return text + '"""'


def tomlstr(value: object) -> str:
    """A TOML basic string: JSON's string escapes are all valid TOML escapes, and DEL, which
    JSON leaves alone but TOML forbids raw, is escaped too."""
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


def markdown(value: object) -> str:
    """Spec text as one line of Markdown that renders as exactly that text: HTML is escaped
    and every ASCII punctuation character is backslashed, so a description cannot make a link
    (bare URLs and e-mail addresses included), HTML, a heading, a list, a rule, a table or math."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join("\\" + ch if ch in _MARKDOWN_PUNCTUATION else ch for ch in text)


_MARKDOWN_PUNCTUATION = frozenset(string.punctuation) - set("&;")
"""Escapable in CommonMark; `&` and `;` only appear in the entities written above."""


def html_comment(value: object) -> str:
    """Text safe inside `<!-- ... -->`: one line, and no `--` (so no `-->`) anywhere."""
    text = " ".join(comment(value).split())
    while "--" in text:
        text = text.replace("--", "- -")
    return text.strip("->") or "?"


def markdown_code(value: object) -> str:
    """Spec text inside a Markdown code span: one line, and no backtick to close the span."""
    return " ".join(str(value).split()).replace("`", "'")


def comment(value: object) -> str:
    """One line of text safe after `#`: no newlines or control characters survive."""
    return "".join(ch if ch.isprintable() else "?" for ch in str(value))


# --- environment -------------------------------------------------------------------------


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept in the user's cache directory, like Python's `__pycache__`:
    compiling them costs more than a small spec's whole render. Jinja checks each entry
    against the template's source and the Python version; no cache where none can be made."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    directory = os.path.join(base, "statusgen", "jinja")
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        if not os.access(directory, os.W_OK):
            return None
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(directory)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.globals["wrap_call"] = wrap_call
    env.filters.update(
        pystr=pystr,
        pyliteral=pyliteral,
        pytuple=pytuple,
        members_tuple=members_tuple,
        docstring=docstring,
        close_docstring=close_docstring,
        comment=comment,
        tomlstr=tomlstr,
        markdown=markdown,
        markdown_code=markdown_code,
    )
    return env


def _used_names(source: str) -> set[str]:
    return _names_in(ast.parse(source))


def _names_in(tree: ast.AST) -> set[str]:
    """Names the code refers to (docstrings do not count; string aliases and the forward
    references in class bases do)."""
    names: set[str] = set()
    strings: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.annotation, ast.Name)
            and node.annotation.id == "TypeAlias"
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            strings.append(node.value.value)
        elif isinstance(node, ast.ClassDef):
            strings += [
                n.value
                for base in node.bases
                for n in ast.walk(base)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)
            ]
    for text in strings:
        expression = ast.parse(text, mode="eval")
        names.update(n.id for n in ast.walk(expression) if isinstance(n, ast.Name))
    return names


def import_order(names: Iterable[str]) -> list[str]:
    """Names in the order `ruff check` (isort rules, defaults) wants them in one import:
    CONSTANTS, then Classes, then functions; within each, natural order ignoring case, then
    natural order. Spec-derived names like `I`, `I2_2`, `I22` make every detail matter."""
    return sorted(names, key=functools.cmp_to_key(_compare_members))


def _member_type(name: str) -> int:
    if len(name) > 1 and name.isupper():
        return 0
    return 1 if name[:1].isupper() else 2


def _compare_members(a: str, b: str) -> int:
    return (
        (_member_type(a) > _member_type(b)) - (_member_type(a) < _member_type(b))
        or _natural_compare(a.lower(), b.lower())
        or _natural_compare(a, b)
    )


_DIGITS = "0123456789"


def _natural_compare(a: str, b: str) -> int:
    """The `natord` crate's comparison, which ruff sorts with: digit runs compare as numbers
    (or digit by digit when one starts with 0), everything else character by character."""
    i = j = 0
    while True:
        if i >= len(a) or j >= len(b):
            return (i < len(a)) - (j < len(b))
        x, y = a[i], b[j]
        if x in _DIGITS and y in _DIGITS:
            run_a = len(a[i:]) - len(a[i:].lstrip(_DIGITS))
            run_b = len(b[j:]) - len(b[j:].lstrip(_DIGITS))
            digits_a, digits_b = a[i : i + run_a], b[j : j + run_b]
            if x == "0" or y == "0":  # "fractional": first differing digit, then the shorter
                for d, e in zip(digits_a, digits_b, strict=False):
                    if d != e:
                        return -1 if d < e else 1
                if run_a != run_b:
                    return -1 if run_a < run_b else 1
            elif run_a != run_b:  # the longer number is the bigger
                return -1 if run_a < run_b else 1
            elif digits_a != digits_b:
                return -1 if digits_a < digits_b else 1
            i, j = i + run_a, j + run_b
        elif x != y:
            return -1 if x < y else 1
        else:
            i, j = i + 1, j + 1


def _import_block(used: set[str], local: dict[str, tuple[str, ...]]) -> str:
    """Standard-library imports, then `httpx` for type checking only, then the package's own
    modules, each with exactly the names the body uses."""
    lines = [f"import {m}" for m in MODULES if m in used]
    typing_names = [n for n in TYPING_NAMES if n in used]
    if "httpx" in used:
        typing_names.append("TYPE_CHECKING")
    if typing_names:
        lines.append(_from_import("typing", import_order(typing_names)))
    sections = ["\n".join(lines)]
    if "httpx" in used:
        sections.append("if TYPE_CHECKING:\n    import httpx")
    relative = []
    for module, names in local.items():
        wanted = import_order(n for n in names if n in used)
        if wanted:
            relative.append(_from_import(f".{module}", wanted))
    sections.append("\n".join(relative))
    return "\n\n".join(section for section in sections if section)


def wrap_call(head: str, arguments: list[Any], tail: str, indent: int) -> str:
    """`head` + arguments + `tail` laid out as black lays out a bracket that does not fit:
    on one line if it fits, else the arguments on one line of their own, else one a line
    with a trailing comma. An argument given as a list is a tuple of strings (`pytuple`),
    which black opens one item a line. The first line comes without its indentation (the
    template has it). Black still formats the result; when this guess is wrong (an argument
    too long itself), black corrects it, in two passes instead of one."""
    pad = " " * indent
    inner = pad + "    "
    joined = ", ".join(pytuple(a) if isinstance(a, list) else str(a) for a in arguments)
    line = head + joined + tail
    if len(pad + line) <= BLACK_LINE_LENGTH:
        return line
    if len(pad + head) > BLACK_LINE_LENGTH or len(pad + tail) > BLACK_LINE_LENGTH:
        return line
    if len(inner + joined) <= BLACK_LINE_LENGTH:
        return f"{head}\n{inner}{joined}\n{pad}{tail}"
    if len(arguments) == 1 and isinstance(arguments[0], list):
        deeper = inner + "    "
        items = [f"{deeper}{pystr(v)}," for v in arguments[0]]
        if len(items) > 1 and all(len(item) <= BLACK_LINE_LENGTH for item in items):
            exploded = "".join(item + "\n" for item in items)
            return f"{head}\n{inner}(\n{exploded}{inner})\n{pad}{tail}"
        return line
    lines = [f"{inner}{a}," for a in arguments]
    if any(len(text) > BLACK_LINE_LENGTH for text in lines):
        return line
    return head + "\n" + "\n".join(lines) + f"\n{pad}{tail}"


def _from_import(module: str, names: list[str]) -> str:
    """One `from` import as black writes it: on one line if it fits, else one name a line
    (so black has nothing to change and formats the module in one pass, not two)."""
    line = f"from {module} import " + ", ".join(names)
    if len(line) <= BLACK_LINE_LENGTH:
        return line
    return f"from {module} import (\n" + "".join(f"    {n},\n" for n in names) + ")"


@dataclass(frozen=True)
class Source:
    """A rendered file, not yet formatted. For a Python module, `breaks` are the line indexes
    where it may be cut for formatting: each starts a top-level statement that follows a class
    or def after a blank line, where black always puts exactly two blank lines."""

    text: str
    breaks: tuple[int, ...] = ()


def render_package(package: ir.Package) -> dict[str, Source]:
    """Every file of the package as unformatted source, keyed by path relative to `--out`."""
    check_identifiers(package)
    env = environment()
    top = header(package)
    body = env.get_template("_models_body.py.jinja").render(package=package)
    models = _with_body(
        f"{package.name}/models.py",
        body,
        lambda used: env.get_template("models.py.jinja").render(
            header=top,
            package=package,
            body=body,
            imports=_import_block(used, {"_runtime": RUNTIME_EXPORTS}),
        ),
    )
    files = {
        "_runtime.py": env.get_template("_runtime.py.jinja").render(header=top),
        "py.typed": top + "\n",
    }
    checked = {"models.py": models}
    poller_names: tuple[str, ...] = ()
    if package.pollers:
        body = env.get_template("_pollers_body.py.jinja").render(package=package)
        status_rules = tuple(f"_{m.name}_STATUS" for m in package.status_models)
        parse_functions = tuple(u.parse_function for u in package.unions)
        model_names = package.exports + status_rules + parse_functions
        sources = {"_polling": POLLING_EXPORTS, "_runtime": RUNTIME_EXPORTS, "models": model_names}
        checked["pollers.py"] = _with_body(
            f"{package.name}/pollers.py",
            body,
            lambda used: env.get_template("pollers.py.jinja").render(
                header=top, package=package, body=body, imports=_import_block(used, sources)
            ),
        )
        files["_polling.py"] = env.get_template("_polling.py.jinja").render(header=top)
        files["_wait.py"] = env.get_template("_wait.py.jinja").render(header=top)
        files["__main__.py"] = env.get_template("__main__.py.jinja").render(
            header=top,
            package=package,
            poller_imports=import_order(p.name for p in package.pollers),
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
        model_names=import_order(package.exports),
        poller_names=import_order(poller_names),
        runtime_names=import_order(RUNTIME_PUBLIC),
        polling_names=import_order(POLLING_PUBLIC) if package.pollers else [],
        all_exports=all_exports,
    )
    for name, text in files.items():
        if name.endswith(".py"):
            tree = check_module(f"{package.name}/{name}", text, TEMPLATES_OF[name], name in SCRIPTS)
            checked[name] = Source(text, top_level_breaks(_outline(tree), text))
        else:
            checked[name] = Source(text)
    return {f"{package.name}/{name}": checked[name] for name in sorted(checked)}


def _with_body(path: str, body: str, render_module: Callable[[set[str]], str]) -> Source:
    """A module whose head (imports chosen from the names `body` uses) precedes `body`,
    checked like `check_module` does, but parsing the body a statement group at a time and
    keeping only an outline of each: one Python AST of a whole large module costs gigabytes."""
    template = TEMPLATES_OF[path.partition("/")[2]]
    used: set[str] = set()
    outline: list[Statement] = []
    for line, tree in _statement_groups(body):
        if tree is None:  # not cut cleanly: check it whole, which names the problem
            text = render_module(_used_names(body))
            tree = check_module(path, text, template)
            return Source(text, top_level_breaks(_outline(tree), text))
        used |= _names_in(tree)
        problem = _import_time_problem(tree.body, line)
        if problem is not None:  # reported as check_module would, with the module's lines
            check_module(path, render_module(_used_names(body)), template)
        outline += _outline(tree, line)
    text = render_module(used)
    start = text.rfind(body)
    if start < 0 or text[start:].strip() != body.strip():
        raise RenderError(f"{template} must end with the rendered body ({path})")
    head = text[:start]
    offset = head.count("\n")
    outline = _outline(check_module(path, head, template)) + [
        Statement(s.definition, s.first + offset, s.end + offset) for s in outline
    ]
    return Source(text, top_level_breaks(outline, text))


def _statement_groups(body: str) -> Iterator[tuple[int, ast.Module | None]]:
    """`body` cut before each line that starts at column 0 with a name or decorator after a
    blank line, each part parsed on its own, with the line index where it starts. A cut
    inside a string or brackets leaves a part that does not parse: then it ends with None."""
    lines = [line + "\n" for line in body.split("\n")]  # "\n" only, as the parser counts
    lines[-1] = lines[-1][:-1]
    starts = [0]
    for index in range(1, len(lines)):
        first = lines[index][:1]
        if (first == "@" or first.isidentifier()) and not lines[index - 1].strip():
            starts.append(index)
    for start, end in zip(starts, starts[1:] + [len(lines)], strict=True):
        try:
            yield start, ast.parse("".join(lines[start:end]))
        except (SyntaxError, ValueError):
            yield start, None
            return


# --- the safety net: every rendered module is checked before anything is formatted ----------

TEMPLATES_OF = {
    "__init__.py": "__init__.py.jinja",
    "models.py": "models.py.jinja with _models_body.py.jinja",
    "pollers.py": "pollers.py.jinja with _pollers_body.py.jinja",
    "_runtime.py": "_runtime.py.jinja",
    "_polling.py": "_polling.py.jinja",
    "_wait.py": "_wait.py.jinja",
    "__main__.py": "__main__.py.jinja",
}
SCRIPTS = frozenset({"__main__.py"})
"""Modules run as scripts (`python -m`), not imported: checked to parse, not for side effects."""
IMPORT_TIME_CALLS = frozenset(
    # Every call that a generated module makes while it is imported: building constants,
    # classes and dataclass fields. Anything else at import time is a bug (or an injection).
    """
    frozenset range TypeVar Unset StatusRule dataclass field dataclasses.dataclass
    dataclasses.field re.compile functools.lru_cache
    """.split()
)
IMPORTABLE = frozenset(
    """
    __future__ argparse asyncio collections.abc dataclasses datetime email.utils enum functools
    json math random re sys time typing urllib.error urllib.parse urllib.request httpx
    """.split()
)


def check_identifiers(package: ir.Package) -> None:
    """Every name the templates print bare is, in its final form, an identifier and not a
    keyword (naming.py makes them so; this is the last look before they become code)."""
    names = [("package", package.name)]
    for model in package.models:
        names.append(("model", model.name))
        names += [("attribute", f.py_name) for f in model.fields]
    for enum in package.enums:
        names.append(("enum", enum.name))
        names += [("enum member", m.py_name) for m in enum.members]
    for union in package.unions:
        names += [("union", union.name), ("function", union.parse_function)]
    for poller in package.pollers:
        names += [("poller", poller.name), ("poller", poller.async_name)]
        names += [("parameter", p.py_name) for p in poller.endpoint.parameters]
    for kind, name in names:
        if not (name.isascii() and name.isidentifier()) or keyword.iskeyword(name):
            raise RenderError(f"the {kind} name {name!r} is not a Python identifier")


class RenderError(RuntimeError):
    """A template produced a module that is not valid, side-effect-free Python: a statusgen bug
    (escaping is supposed to make this impossible), never the spec author's fault."""


def check_module(path: str, source: str, template: str, script: bool = False) -> ast.Module:
    """Parse a rendered module and check what importing it would run: only imports of known
    modules, definitions, and constant-building calls from `IMPORT_TIME_CALLS`. Not a
    substitute for escaping — a net under it that names the template at fault."""
    try:
        tree = ast.parse(source, filename=path)
    except (SyntaxError, ValueError) as exc:
        raise RenderError(f"{template} rendered invalid Python in {path}: {exc}") from None
    problem = None if script else _import_time_problem(tree.body)
    if problem is not None:
        raise RenderError(f"{template} rendered {path}, which would {problem} when imported")
    return tree


@dataclass(frozen=True)
class Statement:
    """A top-level statement's place: whether it is a class or def, its first line (its
    decorators included) and the line after it, as 0-based indexes into the module."""

    definition: bool
    first: int
    end: int


def _outline(tree: ast.Module, offset: int = 0) -> list[Statement]:
    """The top-level statements of a module parsed from the part starting at line `offset`."""
    definitions = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    outline = []
    for statement in tree.body:
        decorators = getattr(statement, "decorator_list", [])
        first = min([statement.lineno] + [d.lineno for d in decorators]) - 1
        end = statement.end_lineno or statement.lineno
        outline.append(Statement(isinstance(statement, definitions), first + offset, end + offset))
    return outline


def top_level_breaks(outline: list[Statement], source: str) -> tuple[int, ...]:
    """Line indexes (0-based) of `Source.breaks`. Comment lines just above a statement go with
    it; a statement with no blank line above is not a break (black keeps stubs together)."""
    lines = source.split("\n")
    breaks = []
    for before, statement in zip(outline, outline[1:], strict=False):
        if not before.definition:
            continue
        index = statement.first
        while index > before.end and lines[index - 1].startswith("#"):
            index -= 1
        gap = lines[before.end : index]
        if gap and all(not line.strip() for line in gap):
            breaks.append(index)
    return tuple(breaks)


def _import_time_problem(body: list[ast.stmt], offset: int = 0) -> str | None:
    """What a module or class body would do beyond defining names, or None (`offset`: lines
    above the part the statements were parsed from)."""
    for statement in body:
        problem: str | None = None
        if isinstance(statement, ast.Import):
            names = [alias.name for alias in statement.names]
            problem = next((f"import {n}" for n in names if n not in IMPORTABLE), None)
        elif isinstance(statement, ast.ImportFrom):
            if statement.level == 0 and statement.module not in IMPORTABLE:
                problem = f"import from {statement.module}"
        elif isinstance(statement, ast.ClassDef):
            problem = _expressions_problem(
                [*statement.decorator_list, *statement.bases]
                + [k.value for k in statement.keywords]
            )
            if problem is None:
                inner = _import_time_problem(statement.body, offset)
                if inner is not None:
                    return inner
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = statement.args
            problem = _expressions_problem(
                [*statement.decorator_list, *arguments.defaults]
                + [d for d in arguments.kw_defaults if d is not None]
            )
        elif isinstance(statement, ast.Assign):
            problem = _expressions_problem([*statement.targets, statement.value])
        elif isinstance(statement, ast.AnnAssign):
            problem = _expressions_problem(
                [statement.target] + ([statement.value] if statement.value else [])
            )
        elif isinstance(statement, ast.Expr):
            if not isinstance(statement.value, ast.Constant):
                problem = "evaluate an expression statement"
        elif isinstance(statement, ast.If):
            test = statement.test
            if not (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or statement.orelse:
                problem = "run an if statement"
            else:
                inner = _import_time_problem(statement.body, offset)
                if inner is not None:
                    return inner
        else:
            problem = f"run a {type(statement).__name__} statement"
        if problem is not None:
            return f"{problem} (line {statement.lineno + offset})"
    return None


def _expressions_problem(expressions: list[ast.expr]) -> str | None:
    """The first call in `expressions` that is not a known constant-building one (lambda
    bodies run later, not at import), or another construct that could run code."""
    stack: list[ast.AST] = list(expressions)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, ast.Call):
            callee = _dotted(node.func)
            if callee not in IMPORT_TIME_CALLS:
                return f"call {callee or 'an expression'}"
        elif isinstance(node, (ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)):
            return f"evaluate {type(node).__name__}"
        stack.extend(ast.iter_child_nodes(node))
    return None


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def render_project(package: ir.Package) -> dict[str, Source]:
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
    return {f"{package.name}/{name}": Source(text) for name, text in files.items()}
