"""The runtime every generated package carries: plain Python modules, kept here in black's
format, typed and tested where they live, and copied into each package behind its header line.

They import one another relatively (`from ._runtime import ...`), as they do inside a generated
package, and never import statusgen: a generated package depends on the standard library only.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

MODEL_MODULES = (
    "_base.py",
    "_codec.py",
    "_datetime.py",
    "_json.py",
    "_model.py",
    "_runtime.py",
    "_status.py",
)
"""What every package's models need; `_runtime` re-exports the rest, so generated code
imports every runtime name from `._runtime` (its `__all__`)."""
POLLER_MODULES = (
    "_http.py",
    "_loop.py",
    "_lro.py",
    "_lro_pollers.py",
    "_lro_state.py",
    "_lro_token.py",
    "_origins.py",
    "_polling.py",
    "_wait.py",
    "_words.py",
)
"""What a package with pollers adds: responses and timing, the polling state machine, the
sync and asyncio pollers (`_polling` re-exports the rest) and the `wait` command."""
MODULES = MODEL_MODULES + POLLER_MODULES
"""The runtime's files, by their name in a generated package."""
_HERE = Path(__file__).resolve().parent


@cache
def source(name: str) -> str:
    """The text of one runtime file, as it is kept (already as black writes it)."""
    if name not in MODULES:
        raise ValueError(f"{name!r} is not a runtime module")
    return (_HERE / name).read_text(encoding="utf-8")


def module_text(name: str, header: str) -> str:
    """The file as a generated package holds it: the header line, then the source."""
    return header + "\n" + source(name)


@cache
def exports(name: str) -> tuple[str, ...]:
    """The names a module lists in `__all__`: what generated code may import from it. Read
    from the source, not by importing it, so nothing of the runtime runs inside statusgen:
    the statement alone where black laid it out as it lays out a list (parsing the whole
    module was ~10 ms of every run's imports), else the whole module."""
    found = _ALL.search(source(name))
    if found is not None:
        value = ast.literal_eval(found.group(1))
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(value)
    return _parsed_exports(name)


_ALL = re.compile(r"^__all__ = (\[$.*?^\])$", re.MULTILINE | re.DOTALL)


def _parsed_exports(name: str) -> tuple[str, ...]:
    for node in ast.parse(source(name)).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            return tuple(value)
    return ()


def names(module: str) -> frozenset[str]:
    """`exports` of a runtime module by its import name (`_runtime`, `_polling`)."""
    return frozenset(exports(f"{module}.py"))


def functions() -> frozenset[str]:
    """The runtime's exported functions (lowercase names): generated modules import them by
    name, so a union's parse function must never take one."""
    return frozenset(
        n for m in ("_runtime", "_polling") for n in names(m) if n.islower()
    )
