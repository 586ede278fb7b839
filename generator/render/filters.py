"""Escaping filters: the only way spec text enters generated code.

Each is chosen for its context — `pystr` and `pytuple`/`pyliteral` for literals (built with
`repr`, never by pasting into quotes), `docstring` for docstrings, `comment` for a comment.
"""

from __future__ import annotations

import json
import math
import re
import string
import textwrap
from collections.abc import Iterable
from typing import Any

WRAP_WIDTH = 88


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


def names_table(parameters: Iterable[Any], indent: int) -> str:
    """A tuple of (Python name, wire name) pairs, as black lays it out at `indent`: a pair a
    line with trailing commas when there are several (each pair ends in a comma, black's
    magic trailing comma), on one line when there is one or none."""
    pairs = [f"({pystr(p.py_name)}, {pystr(p.wire_name)})" for p in parameters]
    if len(pairs) < 2:
        return "(" + "".join(pair + "," for pair in pairs) + ")"
    inner = " " * (indent + 4)
    return "(\n" + "".join(f"{inner}{pair},\n" for pair in pairs) + " " * indent + ")"


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
