"""Line and column of a diagnostic's JSON pointer in its YAML or JSON file.

Loading keeps no positions: the documents are plain JSON data, and a run without diagnostics
(nearly every run) must not pay for them. When diagnostics are shown, each file they name is
composed again — YAML's composer gives every node its start mark, and JSON is read by the same
composer — and each pointer is walked down the nodes. A pointer that the file does not hold (a
node an overlay added, a place inside a `$ref`'d document reached through this one) gets the
position of its nearest ancestor that the file does hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from ..spec_error import SpecError
from .documents import MAX_FILE_BYTES

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SOURCES = (".yaml", ".yml", ".json")
"""Files whose positions can be found; any other file named in a message keeps none."""


def locate(errors: Iterable[SpecError]) -> list[SpecError]:
    """`errors` with line and column filled in where they were not known yet, each file
    composed at most once."""
    roots: dict[tuple[str, bool], yaml.Node | None] = {}
    located = []
    for error in errors:
        if not error.line:
            file = error.source or error.file
            path = tokens(error.pointer)
            key = (file, True) if (file, True) in roots or path else (file, False)
            if key not in roots:
                roots[key] = _compose(Path(file), whole=key[1])
            root = roots[key]
            if root is not None:
                line, column = position(root, path)
                error = replace(error, line=line, column=column)
        located.append(error)
    return located


def tokens(pointer: str) -> list[str]:
    """The tokens of a pointer as `documents.pointer` writes it (`%XX`, then RFC 6901)."""
    return [
        unquote(t, errors="surrogatepass").replace("~1", "/").replace("~0", "~")
        for t in pointer.lstrip("#").split("/")[1:]
    ]


def position(root: yaml.Node, path: list[str]) -> tuple[int, int]:
    """1-based line and column of the deepest node on `path` that exists: of its key when it
    is a mapping's value (where a reader looks for `name:`), else of the node itself."""
    node, mark = root, root.start_mark
    for token in path:
        found = _child(node, token)
        if found is None:
            break
        mark, node = found
    return mark.line + 1, mark.column + 1


def _child(node: yaml.Node, token: str) -> tuple[Any, yaml.Node] | None:
    """The mark and node of `token` under `node`, through `<<: *base` merges (each base
    looked at once: an anchor may, in a file the reader refused, merge itself)."""
    bases, seen = [node], set()
    while bases:
        node = bases.pop(0)
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):  # YAML: the last of duplicate keys wins
                if isinstance(key, yaml.ScalarNode) and key.value == token:
                    return key.start_mark, value
            for key, value in node.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    bases.extend(value.value if isinstance(value, yaml.SequenceNode) else [value])
        elif isinstance(node, yaml.SequenceNode) and seen == {id(node)}:
            return _item(node, token)
    return None


def _item(node: yaml.SequenceNode, token: str) -> tuple[Any, yaml.Node] | None:
    if token.isascii() and token.isdigit() and len(token) < 10:
        index = int(token)
        if index < len(node.value):
            item = node.value[index]
            return item.start_mark, item
    return None


def _compose(path: Path, whole: bool = True) -> yaml.Node | None:
    """The node graph of a spec file (`whole=False`: its root only, composed no further);
    None for a file that is not one. A file that is too big or does not compose is one node at
    its start: its own refusal, if that is the problem, already carries the parser's position."""
    if path.suffix.lower() not in SOURCES or not path.is_file():
        return None
    start = yaml.ScalarNode("tag:yaml.org,2002:null", "", start_mark=yaml.Mark("", 0, 0, 0, "", 0))
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return start
        text = path.read_bytes().decode("utf-8-sig")
        if path.suffix.lower() == ".json":
            # Outside strings a tab is only JSON whitespace (inside one it must be escaped),
            # where YAML refuses it; one character for one keeps every column.
            text = text.replace("\t", " ")
    except (OSError, UnicodeDecodeError):
        return start
    for loader_class in (_Loader, yaml.SafeLoader):  # libyaml refuses lone surrogates
        try:  # the pure-Python reader refuses characters YAML forbids (JSON allows C1) at once
            loader = loader_class(text)
        except yaml.YAMLError:
            continue
        try:
            node = loader.get_single_node() if whole else _root_only(loader)
        except (yaml.YAMLError, RecursionError, ValueError):
            continue
        finally:
            loader.dispose()
        return node if node is not None else start
    return start


def _root_only(loader: Any) -> yaml.Node | None:
    """A node at the document root's start, read no further: a pointer to the root needs its
    mark only, and composing a deeply nested file is quadratic in YAML's scanner (10,000
    nested JSON arrays: ~2 s)."""
    while not isinstance(event := loader.get_event(), yaml.StreamEndEvent):
        if isinstance(event, yaml.NodeEvent):
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", start_mark=event.start_mark)
    return None
