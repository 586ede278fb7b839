"""One spec file -> plain JSON data, safely and within limits.

A spec comes from someone else. Reading it must cost bounded time and memory whatever it holds,
and must hand the later stages data they can trust: mappings with string keys and no duplicate
keys, lists, strings of valid Unicode, finite numbers, booleans and null — nothing YAML-only,
nothing self-referential, nothing nested deeper than `MAX_DEPTH`. Every refusal is one
`FILE:LINE:COL: #: message` line, the position being where the parser stopped.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from ..errors import SpecErrors, display_path
from ..spec_error import SpecError
from . import yaml_events

_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when present (twice as fast); both are safe loaders."""

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Spec files larger than this are refused before parsing (bounded memory)."""
MAX_DEPTH = 200
"""Deepest nesting of mappings and lists in one document (real specs stay under 40)."""
MAX_ALIAS_NODES = 1_000_000
"""Nodes that YAML aliases (and merge keys) may add to a document when expanded."""


def escape_token(token: str) -> str:
    """A JSON-pointer token: `~` and `/` escaped (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer(tokens: tuple[str, ...] | list[str]) -> str:
    """The JSON pointer of `tokens` as messages show it: `#/a/b`, RFC 6901 escapes, and `%XX`
    (UTF-8, as in a URI fragment) for `%`, whitespace and unprintable characters, so that a
    pointer never holds a space or a line break and `FILE: POINTER: message` stays parseable."""
    return "#" + "".join("/" + _visible(escape_token(t)) for t in tokens)


def _visible(token: str) -> str:
    if token.isprintable() and " " not in token and "%" not in token:
        return token
    return "".join(
        (
            ch
            if ch.isprintable() and ch not in " %"
            else "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))
        )
        for ch in token
    )


def read_document(path: Path) -> Any:
    """Parse one YAML or JSON file safely into plain JSON data; errors name the file and line.

    Limits keep a hostile file from costing unbounded time or memory: at most `MAX_FILE_BYTES`
    read, nesting up to `MAX_DEPTH`, YAML aliases adding at most `MAX_ALIAS_NODES` nodes and never
    referring to themselves. What comes back is JSON: string keys, no duplicate keys, finite
    numbers, valid Unicode — so every later stage can rely on it.
    """
    shown = display_path(path)
    too_big = SpecError(shown, "#", f"file is larger than the {MAX_FILE_BYTES} byte limit")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:  # refused before reading a byte
            raise SpecErrors([too_big])
        with path.open("rb") as handle:  # bounded even where stat lies (/proc, a growing file)
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise SpecErrors([SpecError(shown, "#", f"cannot read file: {exc.strerror}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise SpecErrors([too_big])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecErrors([SpecError(shown, "#", f"not UTF-8 text: {exc.reason}")]) from None
    if path.suffix.lower() == ".json":
        data = _read_json(text, shown)
    else:
        data = yaml_events.build(text, _JsonYamlLoader, MAX_DEPTH, MAX_ALIAS_NODES)
        if data is not yaml_events.UNDECIDED:
            return data  # the builder refused anything `check_data` would, as it went
        data = _read_yaml(text, shown)
    check_data(data, shown)
    return data


def _read_json(text: str, shown: str) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items):
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    raise ValueError(f"duplicate key {key!r}")
                seen.add(key)
        return result

    def number(text: str) -> float:
        value = float(text)
        if not math.isfinite(value):
            raise ValueError(f"number {text[:40]} is out of range")
        return value

    def constant(name: str) -> Any:
        raise ValueError(f"{name} is not a JSON number")

    try:
        return json.loads(
            text, object_pairs_hook=pairs, parse_float=number, parse_constant=constant
        )
    except json.JSONDecodeError as exc:
        error = SpecError(shown, "#", f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno)
        raise SpecErrors([error]) from None
    except RecursionError:
        raise SpecErrors([SpecError(shown, "#", _TOO_DEEP)]) from None
    except ValueError as exc:
        raise SpecErrors([SpecError(shown, "#", f"invalid JSON: {_value_problem(exc)}")]) from None


def _value_problem(exc: ValueError) -> str:
    """A ValueError from number parsing, in words that do not mention Python internals."""
    if "integer string conversion" in str(exc):
        limit = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
        return f"a number has more than {limit} digits"
    return str(exc)


def _read_yaml(text: str, shown: str) -> Any:
    """A YAML text the event builder left to PyYAML's full loader."""
    try:
        return _compose_and_build(_JsonYamlLoader, text, shown)
    except _AnchorRedefined:
        pass
    # YAML lets an anchor be redefined (the later definition wins), which PyYAML's composers
    # refuse; rare enough that only such files pay for composing in Python.
    return _compose_and_build(_RedefiningYamlLoader, text, shown)


class _AnchorRedefined(Exception):
    pass


def _compose_and_build(loader_class: Any, text: str, shown: str) -> Any:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        refused = _check_yaml_graph(node)
        if refused is not None:
            raise SpecErrors([_marked(shown, *refused)])
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        if "duplicate anchor" in str(exc.context) and loader_class is _JsonYamlLoader:
            raise _AnchorRedefined from None
        mark = exc.problem_mark
        problem = " ".join(str(exc.problem or exc.context or "syntax error").split())
        if problem.startswith("but found") and exc.context:
            problem = " ".join(f"{exc.context}, {problem}".split())
        if "maximum nesting depth" in problem:  # libyaml's own limit, above ours
            raise SpecErrors([_marked(shown, _TOO_DEEP, mark)]) from None
        raise SpecErrors([_marked(shown, f"invalid YAML: {problem}", mark)]) from None
    except yaml.YAMLError as exc:
        problem = " ".join(str(exc).split())
        raise SpecErrors([SpecError(shown, "#", f"invalid YAML: {problem}")]) from None
    except RecursionError:  # the pure-Python composer, without libyaml
        raise SpecErrors([SpecError(shown, "#", _TOO_DEEP)]) from None
    finally:
        loader.dispose()


def _marked(shown: str, message: str, mark: Any) -> SpecError:
    """A refusal at a YAML mark (0-based) as a 1-based line and column, when there is one."""
    if mark is None:
        return SpecError(shown, "#", message)
    return SpecError(shown, "#", message, line=mark.line + 1, column=mark.column + 1)


def _check_yaml_graph(root: yaml.Node) -> tuple[str, Any] | None:
    """Refuse a composed YAML graph that is cyclic, too deep or expands too much, before any of
    it is built: aliases share nodes, so a few kilobytes can stand for billions of nodes.

    One iterative post-order walk computes, per distinct node, its height (containers on the
    longest path down) and its size with every alias expanded; a node met again while still
    open is an alias to its own anchor.
    """
    height: dict[int, int] = {}
    size: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            open_nodes.discard(key)
            is_container = isinstance(node, yaml.CollectionNode)
            height[key] = is_container + max((height[id(c)] for c in children), default=0)
            size[key] = 1 + sum(size[id(c)] for c in children)
            if size[key] - len(size) > MAX_ALIAS_NODES:
                return f"YAML aliases expand to more than {MAX_ALIAS_NODES} extra nodes", None
            continue
        if key in height:
            continue
        if key in open_nodes:
            return "the YAML anchor here contains an alias to itself", node.start_mark
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(children))
    if height[id(root)] > MAX_DEPTH:
        node = root
        for _ in range(MAX_DEPTH):  # down the deepest path to the first container too deep
            node = max(_children(node), key=lambda c: height[id(c)])
        return _TOO_DEEP, node.start_mark
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def check_data(data: Any, shown: str) -> None:
    """Depth and Unicode of loaded data, walked without recursion; a problem names its place.

    A container met again (a YAML alias) no deeper than where it was walked is not walked
    again: that walk ended before this one (any walk still under way is an ancestor's, so
    shallower) and found nothing, and none of its containers can now be deeper than then.
    A thousand aliases to one large list are then one walk, not a thousand."""
    walked: dict[int, int] = {}
    stack: list[tuple[Any, int, tuple[str, ...]]] = [(data, 0, ())]
    while stack:
        value, depth, tokens = stack.pop()
        if isinstance(value, str):
            if not value.isascii() and not _encodable(value):
                raise SpecErrors([_data_error(shown, tokens, "text is not valid Unicode")])
        elif isinstance(value, (dict, list)):
            if depth >= MAX_DEPTH:
                raise SpecErrors([SpecError(shown, "#", _TOO_DEEP)])
            if walked.get(id(value), -1) >= depth:
                continue
            walked[id(value)] = depth
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                token = key if isinstance(key, str) else str(key)
                if isinstance(key, str) and not key.isascii() and not _encodable(key):
                    raise SpecErrors([_data_error(shown, tokens, "a key is not valid Unicode")])
                if isinstance(item, (dict, list, str)):
                    stack.append((item, depth + 1, tokens + (token,)))


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _data_error(shown: str, tokens: tuple[str, ...], message: str) -> SpecError:
    return SpecError(shown, pointer(tokens), message)


_TOO_DEEP = f"nested deeper than {MAX_DEPTH} levels"


class _JsonYamlLoader(_YamlLoader):  # type: ignore[misc]
    """A safe loader that builds JSON data only (OpenAPI's YAML is JSON written as YAML).

    Keys are the text of their scalar (`200:` is the key "200"), duplicate keys are errors,
    timestamps stay the text they were written as, numbers are finite and fit, and YAML-only
    types (binary, sets, ordered maps, pairs) are refused.
    """

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[str, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, "expected a mapping", node.start_mark
            )
        own: set[str] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a string", key_node.start_mark
                )
            if key_node.value in own:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key_node.value!r}", key_node.start_mark
                )
            own.add(key_node.value)
        self.flatten_mapping(node)
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a string", key_node.start_mark
                )
            mapping[key_node.value] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_int(self, node: yaml.Node) -> int:
        try:
            return int(super().construct_yaml_int(node))
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, _value_problem(exc), node.start_mark
            ) from None

    def construct_yaml_float(self, node: yaml.Node) -> float:
        value = float(super().construct_yaml_float(node))
        if not math.isfinite(value):
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a finite JSON number", node.start_mark
            )
        return value

    def construct_not_json(self, node: yaml.Node) -> Any:
        kind = str(node.tag).rsplit(":", 1)[-1]
        raise yaml.constructor.ConstructorError(
            None, None, f"a YAML {kind} is not JSON data", node.start_mark
        )


class _RedefiningYamlLoader(yaml.composer.Composer, _JsonYamlLoader):
    """`_JsonYamlLoader` with PyYAML's Python composer, which lets an anchor be defined again:
    aliases before the new definition keep the old node, later ones get the new. The composed
    graph is then checked by `_check_yaml_graph` like any other."""

    def __init__(self, stream: str) -> None:
        _JsonYamlLoader.__init__(self, stream)  # type: ignore[call-arg]
        self.anchors: dict[Any, yaml.Node] = {}

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if not self.check_event(yaml.AliasEvent):
            anchor = self.peek_event().anchor
            if anchor is not None:
                self.anchors.pop(anchor, None)
        return super().compose_node(parent, index)


# YAML 1.2's booleans, as OpenAPI recommends: only true and false. YAML 1.1's yes/no/on/off
# are text, which is what a spec means by an enum such as DigitalOcean's [new, active, off].
_JsonYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_JsonYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_JsonYamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _JsonYamlLoader.construct_yaml_str)
_JsonYamlLoader.add_constructor("tag:yaml.org,2002:int", _JsonYamlLoader.construct_yaml_int)
_JsonYamlLoader.add_constructor("tag:yaml.org,2002:float", _JsonYamlLoader.construct_yaml_float)
for _tag in ("binary", "set", "omap", "pairs"):
    _JsonYamlLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _JsonYamlLoader.construct_not_json)
