"""Runs of lines black leaves as they are, folded away before black and put back after.

Black costs about 0.4 ms a line whatever the line, and most of a big package is lines it
cannot change: a model's field declarations, `_wire` entries, enum members, `__all__` and
import lists, each short, spaced as black spaces it and free of anything black rewrites
(quotes, numbers, comments, backslashes). A run of three or more such lines of one kind, at
one indentation, goes to black as two placeholder lines of that kind (two, so a collection
keeps its magic trailing comma), which black leaves in place exactly as it would the run;
the run then replaces them. Anything unexpected (a placeholder moved or changed) falls back
to formatting the whole text. `make bench`'s status-heavy rows carry the gain (cold
status_2000: see bench/RESULTS.md); `tests/output/test_fold.py` holds it to black's output.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .style import LINE_LENGTH

PREFIX = "_statusgen_fold_"
MIN_RUN = 3


NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*"
STRING = r'"[ !#-\[\]-~]*"'
"""A double-quoted string of printable ASCII without quotes or backslashes."""
NUMBER = r"-?(?:0|[1-9][0-9]{0,17})(?:\.[0-9]{1,17})?"
"""An integer or a decimal fraction, as black writes them (no exponent, no leading zeros)."""
VALUE = rf"(?:{NAME}|{STRING}|{NUMBER})"
TUPLE = rf"\((?:{VALUE},|{VALUE}(?:, {VALUE})+)\)"
"""A tuple literal black keeps on its line: one item with its comma, or several without a
trailing one (which would be a magic trailing comma)."""
KINDS: tuple[tuple[str, re.Pattern[str], Callable[[str, str], str]], ...] = (
    (
        "annotated",
        re.compile(rf"( +){NAME}: ([][A-Za-z0-9_., |]+)(?: = {VALUE})?"),
        lambda pad, uid: f"{pad}{uid}: int",
    ),
    ("assigned", re.compile(rf"( +){NAME} = {VALUE}"), lambda pad, uid: f"{pad}{uid} = 0"),
    (
        "entry",
        re.compile(rf"( +){STRING}: {VALUE},"),
        lambda pad, uid: f'{pad}"{uid}": 0,',
    ),
    ("item", re.compile(rf"( +){VALUE},"), lambda pad, uid: f"{pad}{uid},"),
    (
        "keyword",
        re.compile(rf"( +){NAME}=(?:{VALUE}|{TUPLE}|frozenset\({TUPLE}\)),"),
        lambda pad, uid: f"{pad}{uid}=0,",
    ),
)
"""Line kinds black keeps as they are when they fit: (kind, pattern, placeholder)."""


def _kind(line: str) -> tuple[str, str] | None:
    """(kind, indentation) of a line black leaves alone, or None."""
    if len(line) > LINE_LENGTH or not line.startswith(" "):
        return None
    for kind, pattern, _ in KINDS:
        match = pattern.fullmatch(line)
        if match and (kind != "annotated" or _is_annotation(match.group(2))):
            return kind, match.group(1)
    return None


ANNOTATION_TOKEN = re.compile(rf"{NAME}|\[|\]|, | \| ")
FOLLOWS = {
    "name": frozenset({"[", "]", ", ", " | "}),
    "[": frozenset({"name"}),
    "]": frozenset({"]", ", ", " | "}),
    ", ": frozenset({"name"}),
    " | ": frozenset({"name"}),
}
"""Which token may come after which in an annotation as black spaces it."""


def _is_annotation(text: str) -> bool:
    """Whether `text` is a type annotation of names, subscripts and `|`, spaced as black
    spaces it (what the generated declarations are)."""
    depth, previous, at = 0, "", 0
    for match in ANNOTATION_TOKEN.finditer(text):
        token = match.group()
        kind = token if token in FOLLOWS else "name"
        if match.start() != at or (previous and kind not in FOLLOWS[previous]):
            return False
        if not previous and kind != "name":
            return False
        depth += (token == "[") - (token == "]")
        if depth < 0 or (token == ", " and depth == 0):
            return False
        previous, at = kind, match.end()
    return at == len(text) and depth == 0 and previous in ("name", "]")


PLACEHOLDERS = {kind: make for kind, _, make in KINDS}


Runs = dict[str, tuple[str, list[str]]]
"""First placeholder line -> (second placeholder line, the run they stand for)."""


def fold(text: str) -> tuple[str, Runs]:
    """`text` with each long enough run replaced by two placeholder lines. Lines inside
    triple-quoted strings are never folded."""
    if PREFIX in text:
        return text, {}
    lines = text.split("\n")
    out: list[str] = []
    runs: Runs = {}
    in_string = False
    index = 0
    while index < len(lines):
        kind = None if in_string else _kind(lines[index])
        end = index + 1
        while kind is not None and end < len(lines) and _kind(lines[end]) == kind:
            end += 1
        if kind is None or end - index < MIN_RUN:
            in_string ^= lines[index].count('"""') % 2 == 1
            out.append(lines[index])
            index += 1
            continue
        make = PLACEHOLDERS[kind[0]]
        first, second = (make(kind[1], f"{PREFIX}{len(runs)}{side}") for side in "ab")
        runs[first] = (second, lines[index:end])
        out += [first, second]
        index = end
    return "\n".join(out), runs


def unfold(formatted: str, runs: Runs) -> str | None:
    """Black's output with each run back in place of its placeholders; None where black
    did not leave them exactly as they were (the caller then formats the whole text)."""
    if not runs:
        return formatted
    lines = formatted.split("\n")
    out: list[str] = []
    index = found = 0
    while index < len(lines):
        line = lines[index]
        if PREFIX not in line:
            out.append(line)
            index += 1
            continue
        second, run = runs.get(line, ("", []))
        if not run or index + 1 >= len(lines) or lines[index + 1] != second:
            return None
        out += run
        found += 1
        index += 2
    return "\n".join(out) if found == len(runs) else None
