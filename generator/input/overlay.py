"""OpenAPI Overlays (Overlay Specification 1.0): how a user changes a spec they do not own.

An overlay is a YAML or JSON document `{overlay: 1.0.0, info, actions}`; each action selects
nodes of the entry document with an RFC 9535 JSONPath `target` (jsonpath-rfc9535) and either
deep-merges `update` into each selected object (appends it to a selected array) or removes
them (`remove: true`). Overlays are read by the same bounded reader as specs, applied in
order, and any problem is one `OVERLAY: POINTER: message` line.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import SpecErrors, display_path
from ..spec_error import SpecError
from .documents import check_data, pointer, read_document

ACTION_KEYS = frozenset({"target", "description", "update", "remove"})


Changes = list[tuple[str, str]]
"""What overlays changed: the JSON pointer of each updated node and the action that did it."""


def apply_overlays(root: Any, spec_path: Path, overlays: Sequence[Path]) -> tuple[Any, Changes]:
    """`root` (the entry document of `spec_path`) with every overlay applied, in order, and
    where each update landed (so that an error there can name the overlay).

    The document is copied first: YAML aliases share nodes, and an update must land only
    where its target points."""
    document = json.loads(json.dumps(root))
    changes: Changes = []
    for path in overlays:
        document = _apply_overlay(document, path, display_path(spec_path), changes)
    check_data(document, display_path(spec_path))  # the reader's depth limit, after merging
    return document, changes


def _apply_overlay(document: Any, path: Path, spec: str, changes: Changes) -> Any:
    shown = display_path(path)
    overlay = read_document(path)

    def fail(tokens: tuple[str, ...], message: str) -> SpecErrors:
        return SpecErrors([SpecError(shown, pointer(tokens), message)])

    if not isinstance(overlay, dict) or "overlay" not in overlay:
        raise fail((), "not an OpenAPI Overlay document: no 'overlay' key")
    version = overlay["overlay"]
    if not isinstance(version, str) or not version.startswith("1.0"):
        raise fail(("overlay",), f"unsupported Overlay version {version!r} (1.0.x is read)")
    info = overlay.get("info")
    if not isinstance(info, dict) or not all(
        isinstance(info.get(k), str) for k in ("title", "version")
    ):
        raise fail(("info",), "info must be a mapping with a title and a version")
    actions = overlay.get("actions")
    if not isinstance(actions, list) or not actions:
        raise fail(("actions",), "actions must be a non-empty list")
    for index, action in enumerate(actions):
        at = ("actions", str(index))
        for where in _apply_action(document, action, at, fail, spec):
            changes.append((where, f"{shown}{pointer(at)}"))
    return document


def _apply_action(
    document: Any, action: Any, at: tuple[str, ...], fail: Any, spec: str
) -> list[str]:
    """One action, done in place; the pointers of the nodes it updated."""
    import jsonpath_rfc9535

    target, remove = _checked_action(action, at, fail)
    try:
        nodes = jsonpath_rfc9535.find(target, document)
    except jsonpath_rfc9535.JSONPathError as exc:
        raise fail(at + ("target",), f"invalid JSONPath {target!r}: {exc}") from None
    if not nodes:
        raise fail(at + ("target",), f"{target!r} matches nothing in {spec}")
    locations = [tuple(node.location) for node in nodes]
    if remove:
        if () in locations:
            raise fail(at + ("target",), "remove cannot remove the whole document")
        for location in sorted(locations, reverse=True):  # later list items first
            del _node(document, location[:-1])[location[-1]]
        return []
    for location in locations:
        _update(_node(document, location), action["update"], location, at, fail)
    return [pointer([str(t) for t in location]) for location in locations]


def _checked_action(action: Any, at: tuple[str, ...], fail: Any) -> tuple[str, bool]:
    """An action's target and whether it removes, once its shape is known to be right."""
    if not isinstance(action, dict):
        raise fail(at, "an action must be a mapping")
    for key in action:
        if key not in ACTION_KEYS and not str(key).startswith("x-"):
            raise fail(at + (key,), f"unknown key {key!r}")
    target, remove = action.get("target"), action.get("remove", False)
    if not isinstance(target, str):
        raise fail(at + ("target",), "target must be a JSONPath string")
    if not isinstance(remove, bool):
        raise fail(at + ("remove",), "remove must be true or false")
    if remove == ("update" in action):
        raise fail(at, "an action needs either 'update' or 'remove: true'")
    return target, remove


def _update(
    node: Any, update: Any, location: tuple[Any, ...], at: tuple[str, ...], fail: Any
) -> None:
    """Overlay 1.0's update: merged into an object, appended to an array."""
    where = pointer([str(t) for t in location])
    if isinstance(node, list):
        node.append(copy.deepcopy(update))
    elif not isinstance(node, dict):
        raise fail(at + ("target",), f"the target selects {where}, not an object or array")
    elif not isinstance(update, dict):
        raise fail(at + ("update",), f"must be a mapping to merge into the object at {where}")
    else:
        _merge(node, update)


def _node(document: Any, location: tuple[Any, ...]) -> Any:
    for token in location:
        document = document[token]
    return document


def _merge(target: dict[str, Any], update: dict[str, Any]) -> None:
    """Deep merge: mappings merge key by key; anything else (lists too) replaces."""
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)
