"""Escaping filters: the only way spec text enters generated code.

Each is chosen for its context — `pystr` and `pytuple`/`pyliteral` for literals (built with
`repr`, never by pasting into quotes), `docstring` for docstrings, `comment` for a comment.
"""

from __future__ import annotations

import html
import json
import math
import re
import string
import textwrap
from collections.abc import Iterable
from typing import Any

from ..output.style import LINE_LENGTH


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


_QUOTE_RUN = re.compile(r'"(?="|\Z)')
"""A double quote followed by another, or the last character: escaped, so no `\"\"\"` can
close the docstring and the closing quotes cannot merge with the text's own."""


_NEEDS_ESCAPE = re.compile(r"[\\\x00-\x09\x0b-\x1f\x7f\ud800-\udfff\u2028\u2029\x85]")
"""A character `_escape_docstring_text` rewrites. Most spec text holds none: one search then
stands in for the loop over every character, and only quotes are left to escape."""


def _escape_docstring_text(text: str) -> str:
    if _NEEDS_ESCAPE.search(text) is None:
        return _QUOTE_RUN.sub(r'\\"', text)
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
    """Text safe inside a triple-quoted docstring, laid out for its place: the spec's Markdown
    kept readable (`markdown_lines`), its paragraphs wrapped, then indented.

    Backslashes and control characters are escaped, `\"\"\"` cannot close the string, and a
    trailing quote cannot merge with the closing quotes.
    """
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    width = max(LINE_LENGTH - indent, 40)
    escaped = _escape_docstring_text("\n".join(markdown_lines(text, width)))
    pad = " " * indent
    return "\n".join(
        (pad + line) if line and i else line for i, line in enumerate(escaped.split("\n"))
    )


_FENCE = re.compile(r"^\s*(```|~~~)")
_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$")
_VERBATIM = re.compile(r"^\s*(#{1,6}\s|\|)")
"""A heading or a table row: a line of its own."""
BREAK = "\ue000"
"""A line break inside a paragraph (`<br>`), until the paragraph is wrapped."""


def markdown_lines(text: str, width: int) -> list[str]:
    """Markdown as docstring lines: paragraphs wrapped at `width`; fenced and indented code
    blocks, headings and table rows kept line by line; each list item on lines of its own,
    wrapped under its marker; blank lines between blocks. HTML is turned into text first."""
    lines: list[str] = []
    block: list[str] = []
    code = ""

    def flush() -> None:
        if block:
            lines.extend(_layout(block, width))
            block.clear()

    for line in html_to_text(text).split("\n"):
        fence = _FENCE.match(line)
        if code or fence:
            if not code:
                flush()
                code = fence.group(1) if fence else ""
            elif fence and fence.group(1) == code:
                code = ""
            lines.append(line.rstrip())
        elif not line.strip():
            flush()
            lines.append("")
        else:
            block.append(line)
    flush()
    return _squeeze(lines)


def _squeeze(lines: list[str]) -> list[str]:
    """No leading, trailing or doubled blank lines."""
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return kept


def _layout(block: list[str], width: int) -> list[str]:
    """One block of lines between blank lines: an indented code block as it is, else items,
    headings and table rows on lines of their own and the text between them wrapped."""
    if all(line.startswith(("    ", "\t")) for line in block) and not _ITEM.match(block[0]):
        return [line.rstrip() for line in block]
    out: list[str] = []
    current: list[str] = []
    prefix = ""

    def flush() -> None:
        if current:
            out.extend(_wrap(" ".join(current), width, prefix))
            current.clear()

    for line in block:
        item = _ITEM.match(line)
        if item or _VERBATIM.match(line):
            flush()
            if item:
                lead, marker, rest = item.groups()
                lead = lead.replace("\t", "    ")[:12]
                prefix = lead + marker + " "
                current.append(rest.strip())
            else:
                out.append(line.strip())
                prefix = ""
        else:
            current.append(line.strip())
    flush()
    return out


def _wrap(text: str, width: int, prefix: str) -> list[str]:
    """`text` filled to `width`, after `prefix` (a list marker: later lines hang under it)."""
    lines: list[str] = []
    hang = " " * len(prefix)
    for index, part in enumerate(text.split(BREAK)):
        part = " ".join(part.split())
        if not part:
            continue
        first = prefix if index == 0 else hang
        lines.extend(
            textwrap.wrap(
                part,
                width=width,
                initial_indent=first,
                subsequent_indent=hang,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return lines


_TAG_NAMES = (
    "a|abbr|b|big|blockquote|br|caption|center|cite|code|dd|del|details|div|dl|dt|em|font|"
    "h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|pre|q|s|samp|section|small|span|strike|strong|sub|"
    "summary|sup|table|tbody|td|tfoot|th|thead|tr|tt|u|ul|var"
)
_TAG = re.compile(rf"<(/?)({_TAG_NAMES})\b((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)/?>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_ANCHOR = re.compile(r"<a\b([^<>]*)>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_PRE = re.compile(r"<pre\b[^<>]*>(.*?)</pre\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAGS = frozenset(
    "blockquote caption center details div dl h1 h2 h3 h4 h5 h6 hr ol p section summary "
    "table tbody tfoot thead tr ul".split()
)
_CODE_TAGS = frozenset({"code", "kbd", "samp", "tt", "var"})


def html_to_text(text: str) -> str:
    """The HTML a description holds as the text it shows: `<a href=u>t</a>` -> `t (u)`,
    `<code>` -> backticks, `<br>` a line break, `<p>`/`<div>` paragraph breaks, `<li>` list
    items, `<pre>` a fenced code block, other known tags dropped and entities decoded.
    Outside fenced code only; `<` that opens no known tag is left as it is (`List<T>`)."""
    if "<" not in text and "&" not in text:
        return text
    parts = re.split(r"(^\s*```.*?^\s*```[^\n]*$)", text, flags=re.MULTILINE | re.DOTALL)
    return "".join(part if i % 2 else _html_part(part) for i, part in enumerate(parts))


def _html_part(text: str) -> str:
    text = _PRE.sub(lambda m: f"\n\n```\n{html.unescape(_strip_tags(m.group(1)))}\n```\n\n", text)
    text = _ANCHOR.sub(_anchor, text)
    text = _TAG.sub(_tag, text)
    return html.unescape(text)


def _anchor(match: re.Match[str]) -> str:
    found = _HREF.search(match.group(1))
    label = " ".join(_strip_tags(match.group(2)).split())
    href = next((g for g in found.groups() if g), "") if found else ""
    if not href or href.startswith(("#", "javascript:")) or href == label:
        return label or href
    return f"{label} ({href})" if label else href


def _strip_tags(text: str) -> str:
    return _TAG.sub("", text)


def _tag(match: re.Match[str]) -> str:
    closing, name = match.group(1), match.group(2).lower()
    if name == "br":
        return BREAK
    if name == "li":
        return "" if closing else "\n- "
    if name in _BLOCK_TAGS:
        return "\n\n"
    if name in _CODE_TAGS:
        return "`"
    if name == "img":
        alt = _ALT.search(match.group(3))
        return next((g for g in alt.groups() if g), "") if alt else ""
    return ""


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
