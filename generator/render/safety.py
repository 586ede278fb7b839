"""The safety net: every rendered module is checked before anything is formatted.

Not a substitute for escaping: a net under it that names the template at fault. Checking what
importing a module would run is a security boundary (a generated package is imported by its
users), so it stays even where escaping makes a problem impossible.
"""

from __future__ import annotations

import ast
import keyword
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import ir, kinds


def _statement_groups(
    body: str, stand_in: re.Pattern[str] | None = None
) -> Iterator[tuple[int, ast.Module | None]]:
    """`body` cut before each line that starts at column 0 with a name or decorator after a
    blank line, each part parsed on its own, with the line index where it starts. A cut
    inside a string or brackets leaves a part that does not parse: then it ends with None.

    A part `stand_in` matches whole is a one-line class stub (a reused item's placeholder,
    `items.STAND_IN`): all such parts share one parse. Parsing each was 0.2 s of a one-schema
    edit of `make bench`'s status-heavy 2,000-schema spec, whose 4,000 items are stand-ins."""
    lines = [line + "\n" for line in body.split("\n")]  # "\n" only, as the parser counts
    lines[-1] = lines[-1][:-1]
    starts = [0]
    for index in range(1, len(lines)):
        first = lines[index][:1]
        if (first == "@" or first.isidentifier()) and not lines[index - 1].strip():
            starts.append(index)
    stub = None
    for start, end in zip(starts, starts[1:] + [len(lines)], strict=True):
        part = "".join(lines[start:end])
        if stand_in is not None and stand_in.fullmatch(part):
            stub = stub or ast.parse("class Stub: ...\n")
            yield start, stub
            continue
        try:
            yield start, ast.parse(part)
        except (SyntaxError, ValueError):
            yield start, None
            return


TEMPLATES_OF = {
    "__init__.py": "__init__.py.jinja",
    "models.py": "models.py.jinja with _models_body.py.jinja",
    "pollers.py": "pollers.py.jinja with _pollers_body.py.jinja",
    "__main__.py": "__main__.py.jinja",
}
SCRIPTS = frozenset({"__main__.py"})
"""Modules run as scripts (`python -m`), not imported: checked to parse, not for side effects."""
IMPORT_TIME_CALLS = frozenset(
    # Every call that a generated module makes while it is imported: building constants,
    # classes and dataclass fields. Anything else at import time is a bug (or an injection).
    """
    frozenset range TypeVar Unset StatusRule LroOperation dataclass field dataclasses.dataclass
    dataclasses.field re.compile functools.lru_cache _expect_instance _readers
    """.split()
)
IMPORTABLE = frozenset("""
    __future__ argparse asyncio collections.abc dataclasses email.utils enum functools json math
    random re sys time typing ast linecache urllib.error urllib.parse urllib.request httpx
    """.split()) | kinds.imported_modules()


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
    for lro in package.lro_pollers:
        names += [("poller", lro.name), ("poller", lro.async_name)]
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
        problem = _statement_problem(statement)
        if problem is not None:
            return f"{problem} (line {statement.lineno + offset})"
        if isinstance(statement, (ast.ClassDef, ast.If)):  # bodies that run at import too
            inner = _import_time_problem(statement.body, offset)
            if inner is not None:
                return inner
    return None


def _statement_problem(statement: ast.stmt) -> str | None:
    """What one statement itself would run at import beyond defining names, or None."""
    if isinstance(statement, ast.Import):
        unknown = (a.name for a in statement.names if a.name not in IMPORTABLE)
        return next((f"import {name}" for name in unknown), None)
    if isinstance(statement, ast.ImportFrom):
        known = statement.level > 0 or statement.module in IMPORTABLE
        return None if known else f"import from {statement.module}"
    if isinstance(statement, ast.Expr):
        constant = isinstance(statement.value, ast.Constant)
        return None if constant else "evaluate an expression statement"
    if isinstance(statement, ast.If):
        test = statement.test
        checking = isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"
        return None if checking and not statement.orelse else "run an if statement"
    expressions = _evaluated_at_import(statement)
    if expressions is None:
        return f"run a {type(statement).__name__} statement"
    return _expressions_problem(expressions)


def _evaluated_at_import(statement: ast.stmt) -> list[ast.expr] | None:
    """The expressions a definition or an assignment evaluates when its module is imported
    (None for any other statement)."""
    if isinstance(statement, ast.ClassDef):
        keywords = [k.value for k in statement.keywords]
        return [*statement.decorator_list, *statement.bases, *keywords]
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        arguments = statement.args
        defaults = [d for d in arguments.kw_defaults if d is not None]
        return [*statement.decorator_list, *arguments.defaults, *defaults]
    if isinstance(statement, ast.Assign):
        return [*statement.targets, statement.value]
    if isinstance(statement, ast.AnnAssign):
        return [statement.target] + ([statement.value] if statement.value else [])
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
