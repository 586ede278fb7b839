"""YAML that is JSON written as YAML, built straight from libyaml's events.

PyYAML composes a node graph first, calling its Python resolver for every scalar, and the
loader then checks the graph and constructs data from it, an order of magnitude slower than
libyaml producing the events. Nearly every spec is plain data, at most with anchors and
aliases: no tags, merge keys, complex keys or directives. For those, one pass over the events
builds the same data `documents._JsonYamlLoader` would, close to libyaml's own speed
(`make bench`'s cold and edit rows carry it). Anything else, and any
input the full loader would refuse, is left to the full loader (`UNDECIDED`), which then reads
it as before and words the refusal.
"""

from __future__ import annotations

from typing import Any

import yaml

CParser: Any = getattr(getattr(yaml, "_yaml", None), "CParser", None)
"""libyaml's event parser; without it (PyYAML built without libyaml) the full loader reads all."""

UNDECIDED: Any = object()
"""What `build` returns for a text it leaves to the full loader."""

_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = frozenset(
    {
        _STR,
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp",
    }
)


class _Undecided(Exception):
    pass


def build(text: str, loader_class: Any, max_depth: int, max_alias_nodes: int) -> Any:
    """The data of a one-document YAML `text` as `loader_class` (the full loader, whose
    resolvers and constructors decide every scalar the same way here) would build it, or
    `UNDECIDED`. Aliases share their anchor's data, as the full loader's do; nesting near
    `max_depth` or aliases adding near `max_alias_nodes` nodes (each bounded from above, so
    never less than the full loader counts) are left to the full loader, which refuses such
    a text with a position."""
    if CParser is None:
        return UNDECIDED
    try:
        return _Builder(loader_class, max_depth, max_alias_nodes).run(CParser(text).get_event)
    except (_Undecided, yaml.YAMLError):
        return UNDECIDED


class _Anchored:
    """What an alias needs of its anchor: the data, and bounds on its size and height."""

    __slots__ = ("value", "nodes", "height")

    def __init__(self, value: Any, nodes: int, height: int) -> None:
        self.value, self.nodes, self.height = value, nodes, height


class _Builder:
    def __init__(self, loader_class: Any, max_depth: int, max_alias_nodes: int) -> None:
        self.depth_limit = max_depth - 2
        self.alias_limit = max_alias_nodes // 2
        self.loader = loader_class("")
        self.resolvers: dict[Any, list[tuple[str, Any]]] = loader_class.yaml_implicit_resolvers
        self.plain: dict[str, Any] = {}
        """Plain scalar text -> its value: specs repeat the same words thousands of times."""
        self.anchors: dict[str, object] = {}
        """Anchor -> its `_Anchored` node, or the marker of a node still open (an alias to it
        is a cycle). A later definition replaces an earlier one, as in the full loader."""
        self.nodes = 0
        """Nodes so far, aliases counted expanded."""
        self.expanded = 0
        """Nodes that aliases added."""
        self.deepest = 0
        """The deepest nesting so far, aliases counted expanded."""

    def run(self, get: Any) -> Any:
        if type(get()) is not yaml.StreamStartEvent:
            raise _Undecided
        start = get()
        if type(start) is not yaml.DocumentStartEvent or start.version or start.tags:
            raise _Undecided  # no document, or %YAML / %TAG directives
        data = self._document(get)
        if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
            raise _Undecided  # a second document: the full loader refuses it in its words
        return data

    def _document(self, get: Any) -> Any:  # noqa: C901 - one loop over every event kind
        """The root node, iteratively: `current` is the open container, `key` the mapping key
        waiting for its value (`self` while a key is expected, None in a sequence); `stack`
        holds each open container's parent, its key, and the container's anchor."""
        holder: list[Any] = []
        current: Any = holder
        key: Any = None
        stack: list[tuple[Any, Any, tuple[str, int, int, object] | None]] = []
        scalar, mapping_start, sequence_start, alias = (
            yaml.ScalarEvent,
            yaml.MappingStartEvent,
            yaml.SequenceStartEvent,
            yaml.AliasEvent,
        )
        while True:
            event = get()
            kind = type(event)
            if kind is scalar:
                if event.tag is not None:
                    raise _Undecided
                value = event.value
                self.nodes += 1
                if key is self:  # a mapping key: its text, as the full loader keeps it
                    if (
                        value in current
                        or event.anchor is not None
                        or (event.implicit[0] and value == "<<")
                    ):
                        raise _Undecided  # duplicate, anchored or merge key
                    if not value.isascii():
                        _check_unicode(value)
                    key = value
                    continue
                if event.implicit[0]:
                    value = self._plain(value)
                elif not value.isascii():
                    _check_unicode(value)
                if event.anchor is not None:
                    self.anchors[event.anchor] = _Anchored(value, 1, 0)
            elif kind is mapping_start or kind is sequence_start:
                if event.tag is not None or key is self:
                    raise _Undecided  # tagged, or a complex key
                self.nodes += 1
                anchor = None
                if event.anchor is not None:
                    anchor = (event.anchor, self.nodes, len(stack), object())
                    self.anchors[event.anchor] = anchor[3]
                stack.append((current, key, anchor))
                if len(stack) > self.deepest:
                    self.deepest = len(stack)
                    if self.deepest > self.depth_limit:
                        raise _Undecided  # near the limit: the full loader says where
                value = {} if kind is mapping_start else []
                if type(current) is dict:
                    current[key] = value
                else:
                    current.append(value)
                current, key = value, (self if kind is mapping_start else None)
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                closed = current
                current, key, anchor = stack.pop()
                if anchor is not None:
                    name, first, depth, marker = anchor
                    if self.anchors[name] is marker:  # not defined again inside itself
                        height = self.deepest - depth  # at least the real height
                        self.anchors[name] = _Anchored(closed, self.nodes - first + 1, height)
                if current is holder:
                    return holder[0]
                if key is not None:
                    key = self
                continue
            elif kind is alias:
                value = self._alias(event.anchor, key is self, len(stack))
            else:  # what only a malformed stream holds
                raise _Undecided
            if current is holder:
                return value
            if key is None:
                current.append(value)
            else:
                current[key] = value
                key = self

    def _alias(self, anchor: str, is_key: bool, depth: int) -> Any:
        """The anchor's data for an alias; undefined, cyclic, key and costly aliases are left
        to the full loader."""
        node = self.anchors.get(anchor)
        if not isinstance(node, _Anchored) or is_key:
            raise _Undecided
        self.nodes += node.nodes
        self.expanded += node.nodes
        self.deepest = max(self.deepest, depth + node.height)
        if self.expanded > self.alias_limit or self.deepest > self.depth_limit:
            raise _Undecided
        return node.value

    def _plain(self, text: str) -> Any:
        try:
            return self.plain[text]
        except KeyError:
            value = self.plain[text] = self._resolve(text)
            return value

    def _resolve(self, text: str) -> Any:
        """A plain scalar as the full loader resolves and constructs it."""
        tag = _STR
        candidates = self.resolvers.get(text[0] if text else "", []) + self.resolvers.get(None, [])
        for candidate, regexp in candidates:
            if regexp.match(text):
                tag = candidate
                break
        if tag not in _PLAIN_TAGS:
            raise _Undecided
        if tag == _STR:
            if not text.isascii():
                _check_unicode(text)
            return text
        node = yaml.ScalarNode(tag, text)
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            raise _Undecided from None


def _check_unicode(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise _Undecided from None
