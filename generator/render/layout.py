"""Black's layout of long calls, written while rendering so black has nothing to rewrite.

It pays because black formats a piece that it changes twice (its second pass settles magic
trailing commas), and an unwrapped `_from_dict` line makes almost every model piece change.
Pieces already in black's form are formatted once, so a cold run of a big spec spends
about half as long in black as with one-line calls (`make bench`'s cold rows carry it). The
output is the same either way.
"""

from __future__ import annotations

from typing import Any

from ..output.style import LINE_LENGTH
from .filters import pystr, pytuple


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
    if len(pad + line) <= LINE_LENGTH:
        return line
    if len(pad + head) > LINE_LENGTH or len(pad + tail) > LINE_LENGTH:
        return line
    if len(inner + joined) <= LINE_LENGTH:
        return f"{head}\n{inner}{joined}\n{pad}{tail}"
    if len(arguments) == 1 and isinstance(arguments[0], list):
        deeper = inner + "    "
        items = [f"{deeper}{pystr(v)}," for v in arguments[0]]
        if len(items) > 1 and all(len(item) <= LINE_LENGTH for item in items):
            exploded = "".join(item + "\n" for item in items)
            return f"{head}\n{inner}(\n{exploded}{inner})\n{pad}{tail}"
        return line
    lines = [f"{inner}{a}," for a in arguments]
    if any(len(text) > LINE_LENGTH for text in lines):
        return line
    return head + "\n" + "\n".join(lines) + f"\n{pad}{tail}"


def wrap_value(head: str, value: str, indent: int) -> str:
    """`head` + `value` (an assignment's right-hand side) as black lays it out when the line
    does not fit: the value alone on a line in parentheses. Only for a value and a head
    without brackets, where black has no other place to split; otherwise, or when even the
    wrapped lines do not fit, the line is left for black."""
    line = head + value
    pad = " " * indent
    if len(pad + line) <= LINE_LENGTH or any(c in line for c in "([{"):
        return line
    if len(pad + head) + 1 > LINE_LENGTH or len(pad) + 4 + len(value) > LINE_LENGTH:
        return line
    return f"{head}(\n{pad}    {value}\n{pad})"


__all__ = ["wrap_call", "wrap_value"]
