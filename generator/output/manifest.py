"""Each package's `.statusgen-manifest`: what it was made from and what was written, one
fingerprint a line, plus the formatted pieces and rendered items a later run may reuse.

`Manifests` reads every manifest of an output directory once per run; freshness (the no-op
fast path), known pieces and known items all come from that one parse.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from .digest import digest
from .header import has_header, package_folders, strays
from .tool import tool_fingerprint

MANIFEST = ".statusgen-manifest"
Pieces = Mapping[str, Sequence[tuple[str, int]]]
"""Per Python file: the digest of each unformatted piece and its formatted line count."""
Names = frozenset[tuple[str, str]]
"""The names (source, name) a rendered item imports."""
ItemRecord = tuple[str, str, Names, str]
"""A rendered item that formed one piece alone: its key, the piece's digest, the names it
imports and its file."""
Recorded = tuple[str, Names]
"""What a manifest says of an item: the digest of the piece it formed alone, its names."""


def manifest_text(
    header: str,
    spec: str,
    inputs: Iterable[tuple[str, bytes]],
    outputs: dict[str, str],
    tool: str,
    formatting: tuple[str, Pieces] | None = None,
    items: Iterable[ItemRecord] = (),
) -> str:
    """The manifest of one package, deterministic (sorted, relative paths only). `tool` is
    `tool_fingerprint` of its options; `formatting` (the format key and the pieces) lets a
    later run reuse formatted pieces, and `items` the models it need not render again
    (`render.items`)."""
    lines = [
        header,
        "# Fingerprints of what this package was made from and of every file written, so a",
        "# run where nothing changed can skip all work, while hand edits are still caught.",
        f"tool {tool}",
        f"spec {spec}",
    ]
    lines += [f"input {digest(data)} {name}" for name, data in sorted(inputs)]
    lines += [f"output {digest(text.encode())} {name}" for name, text in sorted(outputs.items())]
    if formatting is not None:
        key, pieces = formatting
        lines.append(f"format {key}")
        for name, entries in sorted(pieces.items()):
            lines.append(f"pieces {','.join(f'{d}:{n}' for d, n in entries)} {name}")
    lines += _item_lines(items)
    return "\n".join(lines) + "\n"


def _item_lines(items: Iterable[ItemRecord]) -> list[str]:
    """`names ID SOURCE:NAME,...` once per distinct set of names, then `item KEY:PIECE:ID FILE`
    per item, sorted."""
    records = sorted(items)
    tables = sorted({names for _, _, names, _ in records}, key=sorted)
    ids = {names: index for index, names in enumerate(tables)}
    lines = [f"names {ids[t]} {','.join(f'{s}:{n}' for s, n in sorted(t)) or '-'}" for t in tables]
    lines += [f"item {key}:{piece}:{ids[names]} {file}" for key, piece, names, file in records]
    return lines


class Manifest:
    """One package's manifest, parsed. The records of this module are plain classes: the
    no-op fast path reads them, and importing dataclasses is a fifth of such a run."""

    def __init__(self, folder: str, text: str) -> None:
        self.folder = folder
        self.text = text
        self.single: dict[str, str] = {}
        """The one-value lines: `tool`, `spec`, `format` (a repeated one is dropped: no
        value)."""
        self.inputs: list[tuple[str, str]] = []
        """(digest, path as the user names it) of each file the package was made from."""
        self.outputs: dict[str, str] = {}
        """Written file, relative to `--out` -> its digest."""
        self.pieces: list[tuple[str, str]] = []
        """(piece record, file) per formatted Python file (`manifest_text`)."""
        self.reuse: list[str] = []
        """The `names` and `item` lines, parsed only when asked (`items`): the no-op fast
        path never needs them, and they are most of a large package's manifest."""

    @functools.cached_property
    def items(self) -> dict[str, Recorded]:
        """Key of each rendered item that formed one piece alone -> what it formed."""
        lines: dict[str, list[tuple[str, str]]] = {"names": [], "item": []}
        for line in "\n".join(self.reuse).splitlines():
            kind, _, rest = line.partition(" ")
            if kind in lines:
                value, _, name = rest.partition(" ")
                lines[kind].append((value, name))
        return _items(lines["names"], lines["item"])

    @classmethod
    def parse(cls, folder: str, text: str) -> Manifest | None:
        """None for a text that is not a manifest (no header); lines that do not parse are
        left out."""
        if not has_header(text):
            return None
        manifest = cls(folder, text)
        # `manifest_text` writes the reuse lines last; anything else after them is not read,
        # which can only make a hand-edited package look stale, never fresh
        head, names, tail = text.partition("\nnames ")
        if names:
            manifest.reuse.append(names.lstrip("\n") + tail)
        lines: dict[str, list[tuple[str, str]]] = {}
        for line in head.splitlines()[1:]:
            kind, _, rest = line.partition(" ")
            if kind in ("tool", "spec", "format"):
                # a repeated one-value line leaves no value
                manifest.single[kind] = "" if kind in manifest.single else rest
            else:
                value, _, name = rest.partition(" ")
                lines.setdefault(kind, []).append((value, name))
        manifest.inputs.extend(lines.get("input", []))
        manifest.outputs.update((name, value) for value, name in lines.get("output", []))
        manifest.pieces.extend(lines.get("pieces", []))
        manifest.reuse.extend(f"item {value} {name}" for value, name in lines.get("item", []))
        return manifest


def _items(names: list[tuple[str, str]], items: list[tuple[str, str]]) -> dict[str, Recorded]:
    """The `item KEY:PIECE:TABLE FILE` lines, each with its `names TABLE ...` line."""
    tables: dict[str, Names] = {}
    for table, text in names:
        pairs = [] if text == "-" else [name.split(":") for name in text.split(",")]
        if all(len(pair) == 2 for pair in pairs):
            tables[table] = frozenset((source, name) for source, name in pairs)
    found: dict[str, Recorded] = {}
    for value, _ in items:
        key, _, rest = value.partition(":")
        piece, _, table = rest.partition(":")
        if table in tables:
            found[key] = (piece, tables[table])
    return found


class Fresh:
    """A package whose manifest still matches its inputs and its files on disk."""

    __slots__ = ("spec", "package", "manifest", "data")

    def __init__(
        self, spec: str, package: str, manifest: tuple[str, str], data: dict[str, bytes]
    ) -> None:
        self.spec = spec
        self.package = package
        self.manifest = manifest
        """The manifest's file name and text."""
        self.data = data
        """Every other file as read (its digest checked): decoded only for a run that writes
        beside it, a no-op run needs just the names."""

    @property
    def names(self) -> set[str]:
        return {self.manifest[0], *self.data}

    @property
    def files(self) -> dict[str, str]:
        name, text = self.manifest
        return {name: text, **{other: data.decode() for other, data in self.data.items()}}


class Known:
    """What earlier output offers under one format key: formatted pieces, and the items whose
    piece is among them."""

    __slots__ = ("pieces", "items")

    def __init__(
        self, pieces: dict[str, str] | None = None, items: dict[str, Recorded] | None = None
    ) -> None:
        self.pieces = pieces or {}
        """Digest of an unformatted piece -> its formatted text."""
        self.items = items or {}

    def piece_of(self, item: str) -> Recorded | None:
        """The piece the item formed alone and its names, when that piece's text is known."""
        found = self.items.get(item)
        return found if found is not None and found[0] in self.pieces else None


class Manifests:
    """Every package manifest under `out`, each read and parsed once; each written file read
    at most once."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.packages: list[Manifest] = []
        self._texts: dict[str, tuple[str | None, bytes | None]] = {}
        """File name -> (digest, bytes) as read, hashed once however many ask."""
        for folder in package_folders(out):
            try:
                text = (folder / MANIFEST).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            manifest = Manifest.parse(folder.name, text)
            if manifest is not None:
                self.packages.append(manifest)

    def written(self, manifest: Manifest, name: str) -> str | None:
        """The text of a file the manifest records, if it is still what was written."""
        data = self.as_written(manifest, name)
        try:
            return None if data is None else data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def as_written(self, manifest: Manifest, name: str) -> bytes | None:
        """The bytes of a file the manifest records, if they are still what was written."""
        if name not in self._texts:
            path = self.out / name
            try:
                data = None if path.is_symlink() else path.read_bytes()
            except OSError:
                data = None
            self._texts[name] = (None, None) if data is None else (digest(data), data)
        found, data = self._texts[name]
        return None if data is None or manifest.outputs.get(name) != found else data

    def fresh(self, specs: Mapping[str, tuple[Path, str]]) -> dict[Path, Fresh]:
        """Of the given specs (display name -> path and options key), those whose package is
        up to date: made by this tool with these options, from the same inputs, its files as
        written and no generated file in its folder that it does not account for."""
        found: dict[Path, Fresh] = {}
        tools: dict[str, str] = {}
        for manifest in self.packages:
            spec = manifest.single.get("spec", "")
            if spec in specs:
                path, options = specs[spec]
                if options not in tools:
                    tools[options] = tool_fingerprint(options)
                fresh = self._fresh(manifest, tools[options])
                if fresh is not None:
                    found[path] = fresh
        return found

    def _fresh(self, manifest: Manifest, tool: str) -> Fresh | None:
        if manifest.single.get("tool") != tool or not manifest.single.get("spec"):
            return None
        for value, name in manifest.inputs:
            try:
                if digest(Path(name).read_bytes()) != value:
                    return None
            except OSError:
                return None
        files = {}
        for name in manifest.outputs:
            data = self.as_written(manifest, name)
            if data is None:
                return None
            files[name] = data
        found = Fresh(
            manifest.single["spec"],
            manifest.folder,
            (f"{manifest.folder}/{MANIFEST}", manifest.text),
            files,
        )
        return None if strays(self.out, found.names, [manifest.folder]) else found

    def known(self, key: str) -> Known:
        """Pieces and items recorded under the format key `key`, read back from files that
        still match their recorded digest (a hand-edited file offers nothing)."""
        known = Known()
        for manifest in self.packages:
            if manifest.single.get("format") != key:
                continue
            for record, name in manifest.pieces:
                text = self.written(manifest, name)
                if text is not None:
                    known.pieces.update(pieces_of(text, record))
            known.items.update(manifest.items)
        return known


def pieces_of(text: str, recorded: str) -> dict[str, str]:
    """Cut a written module back into its pieces (see `formatter`); nothing when the record
    does not add up to the file."""
    lines = [line + "\n" for line in text.split("\n")]
    if lines.pop() != "\n":  # a written module ends with a newline
        return {}
    start = 1 if lines and has_header(lines[0]) else 0
    found: dict[str, str] = {}
    first = True
    for entry in recorded.split(","):
        piece, _, count = entry.partition(":")
        if not count.isdigit():
            return {}
        size = int(count)
        if size == 0:
            found[piece] = ""
            continue
        if not first:
            if lines[start : start + 2] != ["\n", "\n"]:
                return {}
            start += 2
        first = False
        found[piece] = "".join(lines[start : start + size])
        start += size
    return found if start == len(lines) else {}
