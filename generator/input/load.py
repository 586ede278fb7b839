"""Load stage: files -> parsed documents with a `$ref` resolver (validation: validation.py).

Nothing here knows about models or Python; it hands the parser a `Spec` that can follow any
`$ref` (local, cross-file, JSON-pointer escaped, inside the folder tree of the run) and say
where every node came from.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..errors import SpecErrors, display_path, message_path
from ..spec_error import SpecError
from .documents import pointer, read_document
from .fragments import as_openapi


@dataclass(frozen=True)
class Location:
    """A node's place: the absolute file and the JSON pointer tokens inside it.

    Its hash is computed once: the parser keys every table by place, and hashing a path and a
    token tuple again on each lookup was a tenth of parsing a big spec (status_2000)."""

    file: Path
    tokens: tuple[str, ...] = ()
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.file, self.tokens)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type[Location], tuple[Path, tuple[str, ...]]]:
        return Location, (self.file, self.tokens)  # hashed again where it is unpickled

    def child(self, *keys: str | int) -> Location:
        return Location(self.file, self.tokens + tuple(map(str, keys)))

    @property
    def pointer(self) -> str:
        return pointer(self.tokens)

    def error(self, message: str) -> SpecError:
        return SpecError(display_path(self.file), self.pointer, message, source=str(self.file))


@dataclass
class Spec:
    """An entry document plus every document its `$ref`s reach, loaded on demand."""

    entry: Location
    root: Any
    documents: dict[Path, Any] = field(default_factory=dict)
    tree: Path | None = None
    """The folder every referenced file must lie in (symlinks resolved); None: anywhere."""
    overlaid: tuple[tuple[str, str], ...] = ()
    """Pointers of the entry document that overlays updated, and the action that did."""

    def blame(self, errors: list[SpecError]) -> list[SpecError]:
        """`errors`, those at or under a node an overlay updated naming that overlay action:
        the spec file does not hold what is wrong there."""
        if not self.overlaid:
            return errors
        blamed = []
        entry = self.display
        for error in errors:
            for where, action in reversed(self.overlaid):
                if error.file == entry and (error.pointer + "/").startswith(where + "/"):
                    error = replace(error, message=f"{error.message} (after overlay {action})")
                    break
            blamed.append(error)
        return blamed

    @property
    def display(self) -> str:
        return display_path(self.entry.file)

    @property
    def is_swagger2(self) -> bool:
        """Swagger 2.0: schemas under `definitions`, parameters and responses without
        `schema`/`content` wrappers, `x-nullable`."""
        return bool(self.root.get("swagger") == "2.0")

    def document(self, path: Path, referrer: Location, ref: str) -> Any:
        """A referenced file's data, read once (and only once it is referenced)."""
        if path not in self.documents:
            if self.tree is not None and not _inside(path, self.tree):
                message = _out_of_tree(ref, referrer.file, path, self.tree)
                raise SpecErrors([referrer.error(message)])
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
        if "://" in file_part or file_part.lower().startswith(("http:", "https:", "//")):
            raise SpecErrors([at.error(f"$ref {ref!r}: remote references are not supported")])
        if file_part:
            # normpath also folds the doubled slashes Azure writes (`.//examples//X.json`)
            target_file = Path(os.path.normpath(at.file.parent / unquote(file_part)))
            document = self.document(target_file, at, ref)
        else:
            target_file = at.file
            document = self.documents[at.file]
        if fragment and not fragment.startswith("/"):
            found = _anchor(document, unquote(fragment))
            if found is None:
                raise SpecErrors(
                    [at.error(f"$ref {ref!r}: fragment must be a JSON pointer or an $anchor")]
                )
            return Location(target_file, found[0]), found[1]
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


def load(path: Path, overlays: Sequence[Path] = (), tree: Path | None = None) -> Spec:
    """Read an entry document and apply `overlays` to it, in order; its `$ref`s are read as
    they are followed, only from files inside `tree` (by default the working directory, or
    the entry's own folder when the entry lies outside it)."""
    path = Path(os.path.normpath(path.absolute()))
    root = read_document(path)
    overlaid: tuple[tuple[str, str], ...] = ()
    if overlays:
        from .overlay import apply_overlays

        root, changes = apply_overlays(root, path, overlays)
        overlaid = tuple(changes)
    location = Location(path)
    if not isinstance(root, dict):
        raise SpecErrors([location.error("top level must be a mapping")])
    version = root.get("openapi", root.get("swagger"))
    if version is None:
        read = as_openapi(root, path)
        if read is None:
            raise SpecErrors(
                [location.error("not an OpenAPI document: no 'openapi' or 'swagger' key")]
            )
        root, version = read, read["openapi"]
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
    if isinstance(version, str) and version.startswith("3.2."):  # a superset of 3.1
        root, version, supported = {**root, "openapi": "3.1.2"}, "3.1.2", True
    if not isinstance(version, str) or not supported:
        raise SpecErrors([version_at.error(f"unsupported OpenAPI version {version!r}")])
    if tree is None:
        tree = Path.cwd() if _inside(path, Path.cwd()) else path.parent
    return Spec(location, root, {path: root}, tree.resolve(), overlaid)


def _out_of_tree(ref: str, referrer: Path, target: Path, tree: Path) -> str:
    """Where a `$ref` out of the folder tree leads, named from the working directory (a
    referrer outside it is named so too: its bare name, in front, would not find it), and
    how to allow it."""
    where = message_path(referrer)
    named = f" in {where}" if where != display_path(referrer) else ""
    inside = "the working directory" if tree == Path.cwd().resolve() else message_path(tree) + "/"
    return (
        f"$ref {ref!r}{named} reaches {message_path(target)}, outside the folder tree of this "
        f'run ({inside}): to allow it, set the tree with --root DIR (or root = "DIR" in '
        "[tool.statusgen])"
    )


def _anchor(document: Any, name: str) -> tuple[tuple[str, ...], Any] | None:
    """Where the schema with `$anchor` (or `$dynamicAnchor`) `name` is (JSON Schema's plain-name
    fragments, `#label`), and the schema; the first in document order."""
    stack: list[tuple[tuple[str, ...], Any]] = [((), document)]
    while stack:
        tokens, node = stack.pop()
        if isinstance(node, dict):
            if name in (node.get("$anchor"), node.get("$dynamicAnchor")):
                return tokens, node
            stack.extend((tokens + (str(k),), v) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((tokens + (str(i),), v) for i, v in reversed(list(enumerate(node))))
    return None


def _inside(path: Path, tree: Path) -> bool:
    """Whether `path`, symlinks resolved, lies in the folder `tree`."""
    return path.resolve().is_relative_to(tree.resolve())


def _is_index(token: str) -> bool:
    """A JSON-pointer array index: ASCII digits only (`"²".isdigit()` is true, `int("²")` fails)."""
    return token.isascii() and token.isdigit()


DATA_KEYS = frozenset({"example", "enum", "default", "const"})
"""Keys whose values are data, not schema: a `$ref` inside them is text, not a reference."""
NAME_MAPS = frozenset(
    {"properties", "patternProperties", "definitions", "$defs", "dependentSchemas"}
    | {"schemas", "responses", "parameters", "headers", "requestBodies"}
)
"""Keys whose mappings are keyed by names: there a key `default` or `example` is a response
code or a schema's name, not data, and a property called `$ref` is no reference."""


def references(document: Any) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every reference in one document, in document order: the tokens of the object that holds
    it and the `$ref` text. Data is skipped: examples' payloads (an Example Object's own `$ref`
    is a reference, its `value` is not), `x-` extensions, enums, defaults and constants, and
    a property that is merely named `$ref` (whose schema is a mapping, not a string)."""
    stack: list[tuple[Any, tuple[str, ...], bool]] = [(document, (), False)]
    while stack:
        node, tokens, names = stack.pop()
        if isinstance(node, list):
            stack.extend(
                (item, tokens + (str(index),), False)
                for index, item in reversed(list(enumerate(node)))
            )
            continue
        if not isinstance(node, dict):
            continue
        ref = node.get("$ref")
        if isinstance(ref, str):  # even in a name map: a property's schema is no string
            yield tokens, ref
        children = []
        for key, value in node.items():
            if names:
                if key != "$ref":
                    children.append((value, tokens + (key,), False))
            elif key == "examples" and isinstance(value, dict):
                for name, example in value.items():
                    if isinstance(example, dict) and isinstance(example.get("$ref"), str):
                        yield tokens + (key, name), example["$ref"]
            elif key not in DATA_KEYS and key != "examples" and not key.startswith("x-"):
                children.append((value, tokens + (key,), key in NAME_MAPS))
        stack.extend(reversed(children))


def resolve_all_refs(spec: Spec) -> list[SpecError]:
    """Resolve every reference (see `references`) in the entry document and in each file they
    reach, through this module's bounded reader, each file read and walked once; the problems
    found (dangling, remote, out of the tree, unreadable), in order.

    The parser follows only the `$ref`s it needs; this makes the rest safe for the validator,
    which is then given these documents and nothing else (see `validation.validate`)."""
    errors: list[SpecError] = []
    queue = [spec.entry.file]
    done: set[Path] = set()
    while queue:
        file = queue.pop(0)
        if file in done:
            continue
        done.add(file)
        for tokens, ref in references(spec.documents[file]):
            try:
                target, _ = spec.resolve_ref(ref, Location(file, tokens))
            except SpecErrors as exc:
                errors.extend(exc.errors)
            else:
                queue.append(target.file)
    return errors
