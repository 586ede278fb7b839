"""The import registry: generated code asks for a name, the registry records where it comes
from, and the module's imports are assembled, sorted, once its body is rendered.

Templates and kind macros print a name from elsewhere only through `use` (or a kind's
declared names, recorded by the kind dispatcher), so the imports are exactly what was printed;
nothing reads the rendered text back.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ..kinds.base import MODULE, POLLING, RUNTIME, TYPE_CHECKING, TYPING, Name
from ..output.style import LINE_LENGTH
from ..runtime import names as exports

RUNTIME_PUBLIC = ("UNSET", "OperationFailed", "PollTimeout", "Unset", "ValidationError")
POLLING_PUBLIC = ("HttpResponse", "PollOptions", "TransientError", "UnexpectedResponse")
LRO_PUBLIC = ("LroStatus",)
"""Runtime names a package re-exports from its `__init__`: part of its public API."""


_recording: ContextVar[set[Name]] = ContextVar("statusgen_imports")


@contextmanager
def recording() -> Iterator[set[Name]]:
    """Record the names used while rendering one module's body; yields the set it fills."""
    token = _recording.set(set())
    try:
        yield _recording.get()
    finally:
        _recording.reset(token)


def record(names: Iterable[Name]) -> None:
    """Note names printed into the module being rendered (a LookupError outside `recording`:
    a template rendered a name nobody will import)."""
    used = _recording.get()
    for source, name in names:
        if source in (RUNTIME, POLLING) and name not in exports(source):
            raise LookupError(f"{source} does not export {name!r}")
        used.add((source, name))


def use(name: str, source: str = RUNTIME) -> str:
    """Record `name` from `source` and hand it back, for a template to print."""
    record(((source, name),))
    return name


def import_block(used: Iterable[Name], here: str) -> str:
    """Standard-library imports, then type-checking-only ones, then the package's own modules
    (except `here`, the module being rendered), each with exactly the names recorded."""
    by_source: dict[str, set[str]] = {}
    for source, name in used:
        by_source.setdefault(source, set()).add(name)
    checking = sorted(by_source.pop(TYPE_CHECKING, ()))
    typing_names = list(by_source.pop(TYPING, ())) + (["TYPE_CHECKING"] if checking else [])
    lines = [f"import {m}" for m in sorted(by_source.pop(MODULE, ()))]
    if typing_names:
        lines.append(from_import("typing", import_order(typing_names)))
    sections = ["\n".join(lines)]
    if checking:
        sections.append("if TYPE_CHECKING:\n" + "\n".join(f"    import {m}" for m in checking))
    by_source.pop(here, None)
    relative = [from_import(f".{s}", import_order(by_source[s])) for s in sorted(by_source)]
    sections.append("\n".join(relative))
    return "\n\n".join(section for section in sections if section)


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


def from_import(module: str, names: list[str], explode: bool = False) -> str:
    """One `from` import, laid out as black lays it out: on one line if it fits, else one
    name a line with a trailing comma (always, with `explode`: black keeps such a list
    open). A module whose imports black rewrites is formatted twice (black's second pass),
    so the header piece of a small package cost double."""
    line = f"from {module} import " + ", ".join(names)
    if len(line) <= LINE_LENGTH and not explode:
        return line
    return f"from {module} import (\n" + "".join(f"    {n},\n" for n in names) + ")"
