"""Load stage: files -> parsed documents with a `$ref` resolver, then OpenAPI validation.

Nothing here knows about models or Python; it hands the parser a `Spec` that can follow any
`$ref` (local, cross-file, JSON-pointer escaped) and say where every node came from.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from .errors import SpecError, SpecErrors

_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when present (twice as fast); both are safe loaders."""

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Spec files larger than this are refused before parsing (bounded memory)."""


def display_path(path: Path) -> str:
    """How a file is named in messages and headers: relative to the working directory when
    inside it, else just its name — never an absolute path, so output is the same anywhere."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.name


def escape_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


@dataclass(frozen=True)
class Location:
    """A node's place: the absolute file and the JSON pointer tokens inside it."""

    file: Path
    tokens: tuple[str, ...] = ()

    def child(self, *keys: str | int) -> Location:
        return Location(self.file, self.tokens + tuple(str(k) for k in keys))

    @property
    def pointer(self) -> str:
        return "#" + "".join("/" + escape_token(t) for t in self.tokens)

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
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
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
        while isinstance(node, dict) and "$ref" in node:
            if at in seen:
                start = seen[0].file
                chain = " -> ".join(
                    loc.pointer if loc.file == start else display_path(loc.file) + loc.pointer
                    for loc in seen
                )
                raise SpecErrors([seen[0].error(f"$ref cycle with no schema: {chain}")])
            seen.append(at)
            at, node = self.resolve_ref(node["$ref"], at)
        return at, node


def read_document(path: Path) -> Any:
    """Parse one YAML or JSON file safely; errors name the file and the line."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SpecErrors(
                [SpecError(shown, "#", f"file is {size} bytes, over the {MAX_FILE_BYTES} limit")]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecErrors([SpecError(shown, "#", f"cannot read file: {exc.strerror}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecErrors([SpecError(shown, "#", f"not UTF-8 text: {exc.reason}")]) from None
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            message = f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
            raise SpecErrors([SpecError(shown, "#", message)]) from None
        except RecursionError:
            raise SpecErrors([SpecError(shown, "#", "JSON nested too deeply")]) from None
    try:
        return yaml.load(text, Loader=_YamlLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = " ".join(str(exc.problem or exc.context or "syntax error").split())
        raise SpecErrors([SpecError(shown, "#", f"invalid YAML{where}: {problem}")]) from None
    except yaml.YAMLError as exc:
        problem = " ".join(str(exc).split())
        raise SpecErrors([SpecError(shown, "#", f"invalid YAML: {problem}")]) from None
    except RecursionError:
        raise SpecErrors([SpecError(shown, "#", "YAML nested too deeply")]) from None


def is_entry_document(path: Path) -> bool:
    """True for a file whose top level has `openapi` or `swagger` (others are fragments)."""
    try:
        document = read_document(path)
    except SpecErrors:
        return path.suffix.lower() in {".yaml", ".yml", ".json"} and _looks_like_entry(path)
    return isinstance(document, dict) and ("openapi" in document or "swagger" in document)


def _looks_like_entry(path: Path) -> bool:
    """A broken file still counts as an entry when its text starts like one, so it is reported
    rather than silently skipped."""
    try:
        head = path.read_bytes()[:4096].decode("utf-8", "replace")
    except OSError:
        return False
    return any(
        line.lstrip("{ \t\"'").startswith(("openapi", "swagger")) for line in head.splitlines()
    )


def find_entry_documents(root: Path) -> list[Path]:
    """Every entry document under `root`, in a stable order."""
    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() in {".yaml", ".yml", ".json"} and path.is_file():
            if is_entry_document(path):
                found.append(path)
    return found


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
    pointer = location.child("openapi" if "openapi" in root else "swagger")
    if isinstance(version, (int, float)) and not isinstance(version, bool):
        raise SpecErrors(
            [
                pointer.error(
                    f'the OpenAPI version must be a string: write openapi: "{version}" '
                    f"(YAML reads {version} unquoted as a number)"
                )
            ]
        )
    if not isinstance(version, str) or not version.startswith(("3.0", "3.1")):
        raise SpecErrors([pointer.error(f"unsupported OpenAPI version {version!r}")])
    return Spec(entry=location, root=root, documents={path: root})


def validate(spec: Spec) -> None:
    """Validate against the OpenAPI schema (imported late: it is slow to import)."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    version = str(spec.root.get("openapi", ""))
    validator_class: Any = (
        OpenAPIV31SpecValidator if version.startswith("3.1") else OpenAPIV30SpecValidator
    )
    validator = validator_class(spec.root, base_uri=spec.entry.file.as_uri())
    errors = []
    for error in validator.iter_errors():
        tokens = [str(t) for t in getattr(error, "absolute_path", ())]
        message = " ".join(str(getattr(error, "message", error)).split())
        if len(message) > 300:
            message = message[:297] + "..."
        errors.append(spec.entry.child(*tokens).error(message))
        if len(errors) >= 50:
            break
    if errors:
        raise SpecErrors(errors)
