"""Load stage: files -> parsed documents with a `$ref` resolver, then OpenAPI validation.

Nothing here knows about models or Python; it hands the parser a `Spec` that can follow any
`$ref` (local, cross-file, JSON-pointer escaped) and say where every node came from.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .documents import pointer, read_document
from .errors import SpecError, SpecErrors, display_path


@dataclass(frozen=True)
class Location:
    """A node's place: the absolute file and the JSON pointer tokens inside it."""

    file: Path
    tokens: tuple[str, ...] = ()

    def child(self, *keys: str | int) -> Location:
        return Location(self.file, self.tokens + tuple(str(k) for k in keys))

    @property
    def pointer(self) -> str:
        return pointer(self.tokens)

    def error(self, message: str) -> SpecError:
        return SpecError(display_path(self.file), self.pointer, message)


@dataclass
class Spec:
    """An entry document plus every document its `$ref`s reach, loaded on demand."""

    entry: Location
    root: Any
    documents: dict[Path, Any] = field(default_factory=dict)

    @property
    def display(self) -> str:
        return display_path(self.entry.file)

    @property
    def is_swagger2(self) -> bool:
        """Swagger 2.0: schemas under `definitions`, parameters and responses without
        `schema`/`content` wrappers, `x-nullable`."""
        return bool(self.root.get("swagger") == "2.0")

    def document(self, path: Path, referrer: Location, ref: str) -> Any:
        if path not in self.documents:
            if not path.is_file():
                raise SpecErrors(
                    [referrer.error(f"$ref {ref!r}: file not found: {display_path(path)}")]
                )
            self.documents[path] = read_document(path)
        return self.documents[path]

    def resolve_ref(self, ref: Any, at: Location) -> tuple[Location, Any]:
        """The target of one `$ref` found at `at` (not followed further)."""
        if not isinstance(ref, str):
            raise SpecErrors([at.error("$ref must be a string")])
        file_part, _, fragment = ref.partition("#")
        if "://" in file_part:
            raise SpecErrors([at.error(f"$ref {ref!r}: remote references are not supported")])
        if file_part:
            target_file = Path(os.path.normpath(at.file.parent / unquote(file_part)))
            document = self.document(target_file, at, ref)
        else:
            target_file = at.file
            document = self.documents[at.file]
        if fragment and not fragment.startswith("/"):
            raise SpecErrors([at.error(f"$ref {ref!r}: fragment must be a JSON pointer")])
        tokens = [unquote(t).replace("~1", "/").replace("~0", "~") for t in fragment.split("/")[1:]]
        node = document
        for token in tokens:
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and _is_index(token) and int(token) < len(node):
                node = node[int(token)]
            else:
                raise SpecErrors([at.error(f"$ref {ref!r} points to nothing")])
        return Location(target_file, tuple(tokens)), node

    def node_at(self, at: Location) -> Any:
        """The node at a location already reached (its document is loaded)."""
        node = self.documents[at.file]
        for token in at.tokens:
            node = node[int(token)] if isinstance(node, list) else node[token]
        return node

    def follow(self, at: Location, node: Any) -> tuple[Location, Any]:
        """Follow `$ref` chains until a real node; a chain that comes back is an error."""
        seen: list[Location] = []
        visited: set[Location] = set()
        while isinstance(node, dict) and "$ref" in node:
            if at in visited:
                start = seen[0].file
                chain = " -> ".join(
                    loc.pointer if loc.file == start else display_path(loc.file) + loc.pointer
                    for loc in seen
                )
                raise SpecErrors([seen[0].error(f"$ref cycle with no schema: {chain}")])
            seen.append(at)
            visited.add(at)
            at, node = self.resolve_ref(node["$ref"], at)
        return at, node


def load(path: Path) -> Spec:
    """Read an entry document; its `$ref`s are read as the parser follows them."""
    path = Path(os.path.normpath(path.absolute()))
    root = read_document(path)
    location = Location(path)
    if not isinstance(root, dict):
        raise SpecErrors([location.error("top level must be a mapping")])
    version = root.get("openapi", root.get("swagger"))
    if version is None:
        raise SpecErrors([location.error("not an OpenAPI document: no 'openapi' or 'swagger' key")])
    version_at = location.child("openapi" if "openapi" in root else "swagger")
    if isinstance(version, (int, float)) and not isinstance(version, bool):
        raise SpecErrors(
            [
                version_at.error(
                    f'the OpenAPI version must be a string: write openapi: "{version}" '
                    f"(YAML reads {version} unquoted as a number)"
                )
            ]
        )
    supported = version == "2.0" if "swagger" in root else str(version).startswith(("3.0", "3.1"))
    if not isinstance(version, str) or not supported:
        raise SpecErrors([version_at.error(f"unsupported OpenAPI version {version!r}")])
    return Spec(entry=location, root=root, documents={path: root})


def _is_index(token: str) -> bool:
    """A JSON-pointer array index: ASCII digits only (`"²".isdigit()` is true, `int("²")` fails)."""
    return token.isascii() and token.isdigit()


NOT_REFERENCES = frozenset({"example", "examples", "enum", "default", "const"})
"""Keys whose values are data, not schema: a `$ref` inside them is text, not a reference."""


def resolve_all_refs(spec: Spec) -> list[SpecError]:
    """Resolve every `$ref` in the entry document and in each file they reach, through this
    module's bounded reader; the problems found (dangling, remote, unreadable), in order.

    The parser follows only the `$ref`s it needs; this makes the rest safe for the validator,
    which is then given these documents and nothing else (see `validate`)."""
    errors: list[SpecError] = []
    queue = [spec.entry.file]
    done: set[Path] = set()
    while queue:
        file = queue.pop(0)
        if file in done:
            continue
        done.add(file)
        stack: list[tuple[Any, tuple[str, ...]]] = [(spec.documents[file], ())]
        while stack:
            node, tokens = stack.pop()
            if isinstance(node, dict):
                ref = node.get("$ref")
                if isinstance(ref, str):
                    try:
                        target, _ = spec.resolve_ref(ref, Location(file, tokens))
                    except SpecErrors as exc:
                        errors.extend(exc.errors)
                    else:
                        queue.append(target.file)
                items = [
                    (k, v)
                    for k, v in node.items()
                    if k not in NOT_REFERENCES and not k.startswith("x-")
                ]
            elif isinstance(node, list):
                items = [(str(i), v) for i, v in enumerate(node)]
            else:
                continue
            stack.extend(
                (value, tokens + (key,))
                for key, value in reversed(items)
                if isinstance(value, (dict, list))
            )
    return errors


class _SealedDocuments:
    """The validator's only way to read a referenced document: those already read by this
    module, with its limits. It never opens a file or a URL itself."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec

    def __call__(self, uri: str) -> Any:
        from urllib.parse import urlparse
        from urllib.request import url2pathname

        parsed = urlparse(uri)
        path = Path(os.path.normpath(url2pathname(parsed.path)))
        if parsed.scheme != "file" or path not in self.spec.documents:
            raise LookupError(f"refusing to read {uri} during validation")
        return self.spec.documents[path]


def validate(spec: Spec) -> None:
    """Validate against the OpenAPI schema (imported late: it is slow to import).

    Every `$ref` is resolved first, by `resolve_all_refs`; the validator then reads documents
    only through `_SealedDocuments`, so a spec cannot make it fetch a URL or read an unbounded
    file. A validator that breaks on a malformed document is reported as a spec problem."""
    from openapi_spec_validator import (
        OpenAPIV2SpecValidator,
        OpenAPIV30SpecValidator,
        OpenAPIV31SpecValidator,
    )

    ref_errors = resolve_all_refs(spec)
    if ref_errors:
        raise SpecErrors(ref_errors)
    version = str(spec.root.get("openapi", ""))
    base: Any = OpenAPIV31SpecValidator if version.startswith("3.1") else OpenAPIV30SpecValidator
    if spec.is_swagger2:
        base = OpenAPIV2SpecValidator
    handler = _SealedDocuments(spec)
    handlers = {scheme: handler for scheme in ("<all_urls>", "file", "http", "https")}
    sealed = type("SealedValidator", (base,), {"resolver_handlers": handlers})
    errors = []
    try:
        validator = sealed(spec.root, base_uri=spec.entry.file.as_uri())
        for error in validator.iter_errors():
            tokens = [str(t) for t in getattr(error, "absolute_path", ())]
            message = " ".join(str(getattr(error, "message", error)).split())
            if len(message) > 300:
                message = message[:297] + "..."
            errors.append(spec.entry.child(*tokens).error(message))
            if len(errors) >= 50:
                break
    except RecursionError:
        if not errors:
            errors.append(spec.entry.error("nested too deeply for the OpenAPI validator"))
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # e.g. a shape the errors above refuse; also a PanicException
        # from the validator's Rust parts (a BaseException) on a recursive schema
        if not errors:
            problem = " ".join(str(exc).split())[:200]
            errors.append(
                spec.entry.error(f"the OpenAPI validator failed: {type(exc).__name__}: {problem}")
            )
    if errors:
        raise SpecErrors(errors)
