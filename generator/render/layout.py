"""Black's layout of long calls, written while rendering so black has nothing to rewrite.

Measured (cold `generate --force`, fresh `--out`, 2 cores shared): MEASURED_GAIN.
"""

from __future__ import annotations

from typing import Any

from .filters import pystr, pytuple
from .imports import BLACK_LINE_LENGTH


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
