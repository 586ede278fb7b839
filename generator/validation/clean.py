"""Proof that openapi-spec-validator would find nothing, without importing it.

Most specs have no finding. The validator's import (~0.15 s of CPU, jsonschema, referencing
and jsonschema-path behind it) and its keyword walk through path objects (~1 s on a
2,000-schema spec) were then spent to learn nothing. `surely_clean` asks the same questions
of the plain data: the schema pass by jsonschema-rs against the same OpenAPI JSON Schema
(`fast.surely_valid`), then the validator's keyword pass, step for step: what it reads
(every `$ref` followed as its document reader follows one), what it checks (duplicate tags,
operation ids and parameters, path parameters against the template, `required` names an
`allOf` does not define, each schema against the meta-schema). Whatever could make the
validator say anything — a finding, a shape it would break on, a `default` other than a plain
scalar (`defaults.py`), another dialect — answers False, and the validator runs as before, with
its own words. So True is sound and False only costs the time it used to.
`tests/validation/test_clean_specs.py` holds the answer to the validator's on every case
here, and on specs built to trip each check.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import string
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..input.load import Spec
from .defaults import URI_LIBRARIES, default_valid

OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
"""What the validator's path walk reads as operations (OpenAPI 2.0 and 3.0)."""
_PLAIN_FILE = re.compile(r"[A-Za-z0-9._/-]*")


Read = list[tuple[dict[str, Any], str]]
"""Parameters as the walk read them: each mapping, and the document it was found in."""


class _Unsure(Exception):
    """The validator might say something here."""


def package_folder(name: str) -> Path | None:
    """Where an installed package lies, found without importing it."""
    found = importlib.util.find_spec(name)
    if found is None or not found.submodule_search_locations:
        return None
    return Path(next(iter(found.submodule_search_locations)))


def _read_json(package: str, *parts: str) -> Any:
    folder = package_folder(package)
    if folder is None:
        raise _Unsure
    try:
        with open(folder.joinpath(*parts), "rb") as handle:
            return json.load(handle)
    except (OSError, ValueError) as exc:
        raise _Unsure from exc


@functools.cache
def openapi_schema(version: str) -> Any:
    """The OpenAPI JSON Schema the validator checks a document of `version` against."""
    return _read_json(
        "openapi_spec_validator", "resources", "schemas", f"v{version}", "schema.json"
    )


@functools.cache
def draft4_meta_schema() -> Any:
    """Draft 4's meta-schema, which the validator checks each schema against (OpenAPI 2.0
    and 3.0 both check schemas with openapi-schema-validator's OAS30Validator)."""
    return _read_json("jsonschema_specifications", "schemas", "draft4", "metaschema.json")


OAS31_DIALECT = "https://spec.openapis.org/oas/3.1/dialect/base"


@functools.cache
def oas31_meta_check() -> Any:
    """The check the validator makes of each OpenAPI 3.1 schema (openapi-schema-validator's
    `check_openapi_schema` for the base dialect: 2020-12 over the dialect's meta-schema and
    the OpenAPI vocabulary), by jsonschema-rs without formats; None where it cannot be."""
    if any(importlib.util.find_spec(name) for name in URI_LIBRARIES):
        return None
    import jsonschema_rs

    dialect = _read_json("openapi_schema_validator", "schemas", "oas3.1", "metaschema.json")
    vocabulary = _read_json("openapi_schema_validator", "schemas", "oas3.1", "vocabularies", "base")
    if dialect.get("$id") != OAS31_DIALECT:
        return None
    registry = jsonschema_rs.Registry([(OAS31_DIALECT, dialect), (vocabulary["$id"], vocabulary)])
    return jsonschema_rs.validator_for(dialect, registry=registry, validate_formats=False)


def surely_clean(spec: Spec, document: dict[str, Any], documents: Any) -> bool:
    """Whether the validator would find nothing in `document` (the validation copy of the
    entry; `documents(uri)` serves the copies of the others, as the validator reads them)."""
    base = spec.entry.file.as_uri()
    if "%" in base:
        return False  # a quoted path: how it joins with a reference is the validator's to say
    version = "2.0" if spec.is_swagger2 else str(document.get("openapi", ""))[:3]
    try:
        from .fast import surely_valid

        if version not in ("2.0", "3.0", "3.1") or not surely_valid(
            openapi_schema(version), document
        ):
            return False
        walk = _Walk(base, document, documents, _meta_check(version, document), version != "3.1")
        walk.root()
    except Exception:  # noqa: BLE001 - _Unsure, or a shape the validator would break on
        return False
    return True


def _meta_check(version: str, document: dict[str, Any]) -> Callable[[dict[str, Any]], bool]:
    """Whether a schema passes the validator's check of it against its meta-schema."""
    from .fast import meta_valid, patterns_valid

    if version != "3.1":
        meta = draft4_meta_schema()
        return lambda value: meta_valid(meta, value)
    check = oas31_meta_check()
    if check is None or document.get("jsonSchemaDialect", OAS31_DIALECT) != OAS31_DIALECT:
        raise _Unsure  # another dialect for every schema

    def valid(value: dict[str, Any]) -> bool:
        if "$schema" in value:
            return False  # a dialect of its own
        return bool(check.is_valid(value)) and patterns_valid(value, pattern_keys=True)

    return valid


class _Walk:
    """The validator's keyword pass (openapi_spec_validator.validation.keywords, 0.9) over
    plain data; any step where it could yield or raise raises `_Unsure` instead."""

    def __init__(
        self,
        base: str,
        document: Any,
        documents: Any,
        meta_valid: Callable[[dict[str, Any]], bool],
        defaults: bool,
    ) -> None:
        self.base, self.document, self.documents = base, document, documents
        self.meta_valid = meta_valid
        self.defaults = defaults
        self.operation_ids: set[str] = set()
        self.seen: set[int] = set()
        self.top_checked: set[int] = set()

    # --- reading, as jsonschema-path does -------------------------------------------------

    def read(self, node: Any, base: str) -> tuple[Any, str]:
        """`node` with every `$ref` it is followed, and the document it was found in."""
        followed = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):  # as is_ref asks
            node, base = self._target(node["$ref"], base)
            followed += 1
            if followed > 64:
                raise _Unsure
        return node, base

    def _target(self, ref: str, base: str) -> tuple[Any, str]:
        file_part, _, fragment = ref.partition("#")
        if not file_part:
            uri = base
        elif file_part.startswith("file:///"):
            uri = file_part
        elif _PLAIN_FILE.fullmatch(file_part) and not file_part.startswith("/"):
            uri = _joined(base, file_part)
        else:
            raise _Unsure
        node = self.document if uri == self.base else self.documents(uri)
        if fragment:
            if not fragment.startswith("/"):
                raise _Unsure
            for token in unquote(fragment).split("/")[1:]:
                token = token.replace("~1", "/").replace("~0", "~")
                node = node[int(token)] if isinstance(node, list) else node[token]
        return node, uri

    def mapping(self, node: Any, base: str) -> tuple[dict[str, Any], str]:
        node, base = self.read(node, base)
        if not isinstance(node, dict):
            raise _Unsure
        return node, base

    def sequence(self, node: Any, base: str) -> tuple[list[Any], str]:
        node, base = self.read(node, base)
        if not isinstance(node, list):
            raise _Unsure
        return node, base

    def text(self, node: Any, base: str) -> str:
        node, _ = self.read(node, base)
        if not isinstance(node, str):
            raise _Unsure
        return node

    # --- the walk ----------------------------------------------------------------------------

    def root(self) -> None:
        base, document = self.base, self.document
        if "tags" in document:
            tags, at = self.sequence(document["tags"], base)
            names = [
                self.text(tag["name"], tag_at)
                for tag, tag_at in (self.mapping(item, at) for item in tags)
            ]
            if len(set(names)) != len(names):
                raise _Unsure
        if "paths" in document:
            paths, at = self.mapping(document["paths"], base)
            for url, item in paths.items():
                self.path(url, *self.mapping(item, at))
        if "components" in document:
            components, at = self.mapping(document["components"], base)
            if "schemas" in components:
                schemas, at = self.mapping(components["schemas"], at)
                for schema in schemas.values():
                    self.schema(schema, at, top=True)

    def path(self, url: str, item: dict[str, Any], base: str) -> None:
        shared: Read = []
        if "parameters" in item:
            shared = self.parameters(*self.sequence(item["parameters"], base))
        for name, operation in item.items():
            if name in OPERATIONS:
                self.operation(url, *self.mapping(operation, base), shared)

    def operation(self, url: str, operation: dict[str, Any], base: str, shared: Read) -> None:
        if "operationId" in operation:
            value, _ = self.read(operation["operationId"], base)
            if value is not None:
                if not isinstance(value, str) or value in self.operation_ids:
                    raise _Unsure
                self.operation_ids.add(value)
        if "responses" in operation:
            responses, at = self.mapping(operation["responses"], base)
            for response in responses.values():
                self.response(*self.mapping(response, at))
        own: Read = []
        if "parameters" in operation:
            own = self.parameters(*self.sequence(operation["parameters"], base))
        named = set(_path_names(own + shared, self))
        if named != set(filter(None, (item[1] for item in string.Formatter().parse(url)))):
            raise _Unsure

    def response(self, response: dict[str, Any], base: str) -> None:
        if "schema" in response:  # OpenAPI 2.0
            self.schema(response["schema"], base, top=True)
        if "content" in response:  # OpenAPI 3.0
            content, at = self.mapping(response["content"], base)
            for media_type in content.values():
                media, media_at = self.mapping(media_type, at)
                if "schema" in media:
                    self.schema(media["schema"], media_at, top=True)

    def parameters(self, items: list[Any], base: str) -> Read:
        """Each parameter checked, duplicates refused; the parameters, read."""
        read = [self.mapping(item, base) for item in items]
        keys = set()
        for parameter, at in read:
            if "schema" in parameter:
                self.schema(parameter["schema"], at, top=True)
            if "default" in parameter:  # OpenAPI 2.0: checked against the parameter itself
                self.check_default(parameter, parameter["default"])
            key = (self.read(parameter["name"], at)[0], self.read(parameter["in"], at)[0])
            if not all(isinstance(part, str) for part in key) or key in keys:
                raise _Unsure
            keys.add(key)
        return read

    def schema(self, node: Any, base: str, top: bool = False) -> None:
        value, base = self.read(node, base)
        if not isinstance(value, dict):
            raise _Unsure  # the validator's "is not of type 'object', 'boolean'", or a bool
        if top and id(value) not in self.top_checked:
            self.top_checked.add(id(value))
            if not self.meta_valid(value):
                raise _Unsure
            if "allOf" in value:
                self.required_defined(value, base)
        if id(value) in self.seen:
            return
        self.seen.add(id(value))
        if "allOf" in value:
            self.defined(value, base)  # the validator collects them on every first visit
        if "default" in value and not (value["default"] is None and value.get("nullable") is True):
            self.check_default(value, value["default"])
        for child, at in self.subschemas(value, base):
            self.schema(child, at)

    def check_default(self, schema: dict[str, Any], value: Any) -> None:
        """The validator checks a default against its schema (OpenAPI 3.1's by 2020-12, left
        to it): only a plain one is answered here (`defaults.default_valid`)."""
        if not self.defaults or not default_valid(schema, value):
            raise _Unsure

    def subschemas(self, value: dict[str, Any], base: str) -> Iterator[tuple[Any, str]]:
        """The schemas the validator's walk steps into: no `additionalProperties`."""
        for keyword in ("allOf", "anyOf", "oneOf"):
            if keyword in value:
                items, at = self.sequence(value[keyword], base)
                yield from ((item, at) for item in items)
        for keyword in ("not", "items"):
            if keyword in value:
                yield value[keyword], base
        if "properties" in value:
            properties, at = self.mapping(value["properties"], base)
            yield from ((item, at) for item in properties.values())

    def required_defined(self, value: dict[str, Any], base: str) -> None:
        """The validator's one schema finding of its own: under `allOf`, a required name
        that neither the schema's properties nor any `allOf` part's defines."""
        required = self.sequence(value["required"], base)[0] if "required" in value else []
        if not all(isinstance(name, str) for name in required):
            raise _Unsure
        if not set(required) <= self.defined(value, base):
            raise _Unsure

    def defined(self, value: dict[str, Any], base: str) -> set[str]:
        """The schema's own property names and those its `allOf` parts collect."""
        names = self.own_properties(value, base)
        items, at = self.sequence(value["allOf"], base)
        for item in items:
            names |= self.collected(item, at, frozenset())
        return names

    def own_properties(self, value: dict[str, Any], base: str) -> set[str]:
        return set(self.mapping(value["properties"], base)[0]) if "properties" in value else set()

    def collected(self, node: Any, base: str, path: frozenset[int]) -> set[str]:
        """Every property name the validator collects from `node`; it follows a cycle without
        end (a RecursionError it reports), so a cycle is unsure here."""
        value, base = self.read(node, base)
        if not isinstance(value, dict) or id(value) in path:
            raise _Unsure
        path = path | {id(value)}
        names = self.own_properties(value, base)
        for keyword in ("allOf", "anyOf", "oneOf"):
            if keyword in value:
                items, at = self.sequence(value[keyword], base)
                for item in items:
                    names |= self.collected(item, at, path)
        for keyword in ("items", "not"):
            if keyword in value:
                names |= self.collected(value[keyword], base, path)
        return names


def _path_names(parameters: Read, walk: _Walk) -> Iterator[str]:
    for parameter, at in parameters:
        if walk.text(parameter["in"], at) == "path":
            yield walk.text(parameter["name"], at)


def _joined(base: str, file_part: str) -> str:
    """A relative file reference against the file URI `base`, as urljoin makes it."""
    folder = base.rpartition("/")[0]
    return "file://" + os.path.normpath(unquote(folder[len("file://") :]) + "/" + file_part)
