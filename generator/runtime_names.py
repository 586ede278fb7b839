"""The names a generated package's runtime modules export, read from the modules themselves.

The one seam between the generator and the runtime's contents: the render stage imports
exactly these names, and the parser keeps union parse functions off the functions among
them. When the runtime modules become real modules (`generator/runtime/`), `exports` becomes
their `exports(module)` and this module goes.
"""

from __future__ import annotations

import ast
import functools

from .fingerprint import template_dir

MODULES = ("_runtime", "_polling")


@functools.cache
def exports(module: str) -> frozenset[str]:
    """The public top-level names of runtime module `module` (`_runtime`, `_polling`)."""
    source = (template_dir() / f"{module}.py.jinja").read_text(encoding="utf-8")
    tree = ast.parse(source.replace("{{ header }}", "", 1))
    names: set[str] = set()
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
            names.add(statement.name)
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            names.add(statement.target.id)
        elif isinstance(statement, ast.Assign):
            names.update(t.id for t in statement.targets if isinstance(t, ast.Name))
    return frozenset(n for n in names if not n.startswith("_"))


def functions() -> frozenset[str]:
    """The runtime's module-level functions (lowercase names), which generated modules import
    by name and so must not define themselves."""
    return frozenset(n for m in MODULES for n in exports(m) if n.islower())
