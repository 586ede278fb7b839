"""What makes openapi-spec-validator fast on big specs without changing a finding: each
of these takes the same steps, or answers the same question, as the validator as it ships.
`tests/validation/test_fast_validation_agrees.py` runs every case both ways and compares; the
speed shows in `make bench`'s one-schema-edit rows, where validation is the longest step.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any


class _IdList(list[int]):
    """A list of schema ids that answers `in` from a set kept beside it.

    openapi-spec-validator's schema walk records each schema it has checked and visited by
    `id()` in a plain list, appends to it and asks `in` before every schema: a scan each time,
    quadratic in the schemas of a spec (most of a big spec's walk). Appending and
    asking are all the walk does with these lists, and for ints `in` gives the same answer
    from a set as from a list; every schema stays alive in the document for the whole walk,
    so no id is reused. The walk therefore takes the same steps in the same order and yields
    the same findings, only without the scan (tests/validation/test_fast_validation_agrees.py
    compares)."""

    def __init__(self) -> None:
        super().__init__()
        self._ids: set[int] = set()

    def append(self, item: int) -> None:
        super().append(item)
        self._ids.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._ids


_ID_LISTS = ("visited_schema_ids", "meta_checked_schema_ids")


def _faster_schema_walk(schema_validator: type[Any]) -> type[Any]:
    """The validator's schema keyword validator with `_IdList`s for its id lists (an id list
    it no longer has, in another version, is left alone) and its per-schema check against the
    JSON Schema meta-schema answered by `_surely_valid_schema` first: this can only change
    speed."""

    def __init__(self: Any, registry: Any) -> None:
        schema_validator.__init__(self, registry)
        for name in _ID_LISTS:
            if type(getattr(self, name, None)) is list and not getattr(self, name):
                setattr(self, name, _IdList())

    def _validate_schema_meta(self: Any, schema: Any, schema_value: Any) -> Any:
        if _surely_valid_schema(schema_validator, schema_value):
            return None
        return schema_validator._validate_schema_meta(self, schema, schema_value)

    members = {"__init__": __init__, "_validate_schema_meta": _validate_schema_meta}
    return type(schema_validator.__name__, (schema_validator,), members)


_DRAFT4 = "http://json-schema.org/draft-04/schema#"
_META_CHECKERS: dict[int, Any] = {}


def _surely_valid_schema(schema_validator: type[Any], value: Any) -> bool:
    """Whether the validator's check of one schema against the meta-schema (one check per
    schema, most of a big spec's keyword pass) would pass, answered by jsonschema-rs.

    Only where that check is draft 4's meta-schema with the OpenAPI 3.0 format checker
    (Swagger 2 and OpenAPI 3.0; 3.1 picks a dialect per schema and is left alone). The two
    implementations agree on draft 4's keywords but not on regular expressions (each takes
    some the other refuses), so jsonschema-rs checks no formats, and the one format the
    meta-schema names that the checker checks, `regex` on `pattern`, is checked here by the
    checker's own function on every string under a `pattern` key (a superset of where the
    meta-schema applies it). Anything in doubt runs the validator's own check, for its
    message. `tests/validation/test_fast_validation_agrees.py` holds the findings equal."""
    checker = getattr(schema_validator, "schema_validator_cls", None)
    meta = getattr(checker, "META_SCHEMA", None)
    formats = getattr(checker, "FORMAT_CHECKER", None)
    if not isinstance(meta, dict) or meta.get("$schema") != _DRAFT4 or formats is None:
        return False
    return meta_valid(meta, value, lambda pattern: formats.conforms(pattern, "regex"))


def meta_valid(
    meta: dict[str, Any], value: Any, regex: Callable[[Any], bool] | None = None
) -> bool:
    """Whether `value` is surely valid against draft 4's meta-schema `meta` with the OpenAPI
    format checker, which checks one format there: `regex` (by `regex`, each value under a
    `pattern` key; without `regex`, by `python_regex`)."""
    try:
        import jsonschema_rs

        rs = _META_CHECKERS.get(id(meta))
        if rs is None:
            rs = _META_CHECKERS[id(meta)] = jsonschema_rs.validator_for(
                meta, validate_formats=False
            )
        if not rs.is_valid(value):
            return False
    except Exception:  # whatever it cannot judge, the validator judges
        return False
    return patterns_valid(value, regex)


def patterns_valid(
    value: Any, regex: Callable[[Any], bool] | None = None, pattern_keys: bool = False
) -> bool:
    """Whether every value under a `pattern` key in `value` (and with `pattern_keys`, every
    key of a `patternProperties`, which 2020-12's meta-schema checks too) is a regex."""
    return all(map(regex or python_regex, _patterns(value, pattern_keys)))


def python_regex(pattern: Any) -> bool:
    """openapi-schema-validator's `regex` format check (`_regex.is_valid_regex`) where it
    compiles with Python's `re`: without the optional ECMA engine (`regress`) installed.
    With it, no pattern is surely valid here."""
    if not isinstance(pattern, str):
        return True
    if _has_regress():
        return False
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


@functools.cache
def _has_regress() -> bool:
    return importlib.util.find_spec("regress") is not None


def _patterns(value: Any, pattern_keys: bool = False) -> Iterator[Any]:
    """Every value under a `pattern` key anywhere in `value` (and every key of a
    `patternProperties` mapping, with `pattern_keys`)."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "pattern" in node:
                yield node["pattern"]
            if pattern_keys and isinstance(node.get("patternProperties"), dict):
                yield from node["patternProperties"]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def surely_valid(schema: dict[str, Any], document: Any) -> bool:
    """Whether jsonschema-rs finds `document` valid against the OpenAPI JSON Schema, in which
    case the Python pass would find nothing and is skipped.

    Sound because both implement the same JSON Schema drafts (draft 4 for Swagger 2 and
    OpenAPI 3.0, 2020-12 for 3.1) over the same schema; openapi-spec-validator itself runs
    this pass on jsonschema-rs when it is installed. Where they could differ, jsonschema-rs
    is the stricter (it checks draft 4's formats, which the Python pass ignores) or raises
    (a value JSON has no type for, a key that is not a string): either way the Python pass
    runs and says what it finds. `tests/validation/test_fast_validation_agrees.py` holds them
    to agreeing on every spec and corpus case here."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a dependency; a broken install is only slower
        return False
    try:
        return bool(jsonschema_rs.validator_for(schema).is_valid(document))
    except Exception:  # whatever it cannot judge, the Python pass judges
        return False


@contextlib.contextmanager
def _fast_accessors() -> Iterator[None]:
    """While the validator runs, its document reader steps into a dict or a list without
    asking `isinstance(node, Subscriptable)` first: a runtime-checkable protocol, which
    Python 3.11 answers by collecting the protocol's members on every call (a fifth of
    validating a big spec). Every dict and list is `Subscriptable`, so the answer is the one
    the check gives; any other node goes through the library's own method. Restored after."""
    try:
        from pathable.accessors import SubscriptableAccessor
    except ImportError:  # pragma: no cover - another validator version: left as it is
        yield
        return
    original = SubscriptableAccessor.__dict__.get("_get_subnode")
    if not isinstance(original, classmethod):  # pragma: no cover - another version
        yield
        return
    own = original.__func__

    def _get_subnode(cls: Any, node: Any, part: Any) -> Any:
        if type(node) is dict or type(node) is list:
            try:
                return node[part]
            except (KeyError, IndexError, TypeError) as exc:
                raise KeyError(part) from exc
        return own(cls, node, part)

    setattr(SubscriptableAccessor, "_get_subnode", classmethod(_get_subnode))  # noqa: B010
    try:
        yield
    finally:
        setattr(SubscriptableAccessor, "_get_subnode", original)  # noqa: B010


@contextlib.contextmanager
def _json_meta_schemas() -> Iterator[None]:
    """The OpenAPI JSON Schemas the validator ships, read as the JSON files they are: the
    validator reads each through its YAML reader, ~20 ms a version against ~1 ms, once per
    process and version, on the critical path of a small run (the seed specs read two).
    Same content (`tests/validation/test_fast_validation_agrees.py` compares every version);
    restored after, as the proxies that ask keep what they read."""
    try:
        from openapi_spec_validator.schemas import utils
    except ImportError:  # pragma: no cover - another validator version: left as it is
        yield
        return
    original = getattr(utils, "get_schema", None)
    if original is None:  # pragma: no cover - another version
        yield
        return

    def get_schema(version: str) -> tuple[Any, str]:
        path = os.path.join(os.path.dirname(utils.__file__), "..", "resources", "schemas")
        path = os.path.join(path, f"v{version}", "schema.json")
        try:
            with open(path, "rb") as handle:
                return json.load(handle), Path(os.path.abspath(path)).as_uri()
        except (OSError, ValueError):  # laid out otherwise: the library's own way
            return original(version)  # type: ignore[no-any-return]

    utils.get_schema = get_schema
    try:
        yield
    finally:
        utils.get_schema = original
