"""Which files under a specs folder are entry documents (DESIGN.md §2).

An entry document is a file whose top level has `openapi` or `swagger`; other YAML/JSON
files are fragments reached through `$ref`. Deciding that must not cost a YAML parse of
every file (a big spec takes seconds), so YAML is recognised by its top-level key lines and
JSON by its top-level keys — both without importing yaml. Two kinds of file are set apart:

- one that looks like an entry document but is not one (`openapi3: 3.0.3`, or `info` and
  `paths` with no version key) is a warning naming it, not a silent skip;
- one that has a version key but no paths and is reached by another entry document's `$ref`
  (Azure's `Common/Parameters.json`, shared parameters) is a fragment, not a package.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

from ..errors import WARNING, message_path

TYPE_CHECKING = False  # see statusgen/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from ..spec_error import SpecError

SPEC_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
VERSION_KEYS = ("openapi", "swagger")
_YAML_ENTRY = re.compile(r"""^[{]?\s*["']?(?:openapi|swagger)["']?\s*:""", re.MULTILINE)
_YAML_TOP_KEY = re.compile(r"""^["']?([A-Za-z_$][\w$.-]*)["']?[ \t]*:(.*)$""", re.MULTILINE)
_REF = re.compile(r"""["']?\$ref["']?\s*:\s*["']?([^"'#\s,}]+)""")


class Discovery:
    """The entry documents of a folder, and what a user should hear about the rest."""

    def __init__(self) -> None:
        self.entries: list[Path] = []
        self.warnings: list[SpecError] = []
        self.shared: list[Path] = []
        """Entry-looking files with no paths that other entries `$ref`: fragments."""


class _File:
    __slots__ = ("path", "text", "keys", "document")

    def __init__(self, path: Path, text: str, keys: dict[str, str], document: Any = None) -> None:
        self.path = path
        self.text = text
        self.keys = keys
        """Top-level keys -> the rest of their line (YAML) or "" (JSON)."""
        self.document = document


def _read(path: Path) -> _File | None:
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return None
    if path.suffix.lower() == ".json":
        try:
            document = json.loads(text)
        except (ValueError, RecursionError):
            found = re.findall(r'"(openapi|swagger)"\s*:', text[:65536])
            return _File(path, text, dict.fromkeys(found, ""))
        keys = dict.fromkeys(document, "") if isinstance(document, dict) else {}
        return _File(path, text, keys, document)
    keys = {m.group(1): m.group(2) for m in _YAML_TOP_KEY.finditer(text)}
    if _YAML_ENTRY.search(text):  # `{openapi: ...}` in flow style too
        keys.setdefault("openapi", "")
    return _File(path, text, keys)


def is_entry_document(path: Path) -> bool:
    """True for an OpenAPI/Swagger entry document (a broken one too, so it gets reported)."""
    read = _read(path)
    return read is not None and _is_entry(read)


def _is_entry(file: _File) -> bool:
    return any(key in file.keys for key in VERSION_KEYS)


def _lookalike(file: _File) -> str | None:
    """Why a file that is no entry document looks like one, or None."""
    for key in file.keys:
        folded = re.sub(r"[^a-z]", "", key.lower())
        for wanted in VERSION_KEYS:
            if folded.startswith(wanted) or _near(folded, wanted):
                return f"its top-level key {key!r} is not {wanted!r}"
    if "info" in file.keys and "paths" in file.keys:
        return "it has 'info' and 'paths' but no 'openapi' or 'swagger' key"
    return None


def _near(key: str, wanted: str) -> bool:
    """A misspelling: a similarity ratio of 0.8 or more. The bounds difflib itself checks
    first (lengths, then letters in common) settle nearly every key without importing it,
    which a no-op run of a folder of specs and fragments would otherwise pay for."""
    bound = 0.8 * (len(key) + len(wanted))
    if 2 * min(len(key), len(wanted)) < bound:
        return False
    if 2 * sum((Counter(key) & Counter(wanted)).values()) < bound:
        return False
    import difflib

    return difflib.SequenceMatcher(None, key, wanted).ratio() >= 0.8


def _has_paths(file: _File) -> bool:
    if file.document is not None:
        return isinstance(file.document, dict) and bool(file.document.get("paths"))
    rest = file.keys.get("paths")
    if rest is None:
        return False
    rest = rest.split("#")[0].strip()
    if rest:
        return not re.fullmatch(r"\{\s*\}|null|~", rest)
    after = file.text[file.text.find("\npaths") + 1 :].split("\n")[1:]
    lines = (line for line in after if line.strip() and not line.lstrip().startswith("#"))
    return next(lines, "")[:1] in (" ", "\t", "-")


def _referenced(files: list[_File], by: list[_File]) -> set[Path]:
    """The files of `files` that a `$ref` of `by` (or of a file they reach) names."""
    wanted = {os.path.normpath(f.path.absolute()) for f in files}
    found: set[Path] = set()
    seen: set[str] = set()
    queue = list(by)
    while queue:
        file = queue.pop()
        for target in _REF.findall(file.text):
            if "://" in target or target.startswith("//"):
                continue
            resolved = os.path.normpath(file.path.absolute().parent / target)
            if resolved in wanted:
                found.add(Path(resolved))
            if resolved not in seen and Path(resolved).suffix.lower() in SPEC_SUFFIXES:
                seen.add(resolved)
                more = _read(Path(resolved))
                if more is not None:
                    queue.append(more)
    return found


def discover(root: Path) -> Discovery:
    """Every entry document under `root`, in a stable order, with the warnings above."""
    result = Discovery()
    entries: list[_File] = []
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() not in SPEC_SUFFIXES or not path.is_file():
            continue
        file = _read(path)
        if file is None:
            continue
        if _is_entry(file):
            entries.append(file)
            continue
        why = _lookalike(file)
        if why is not None:
            message = f"looks like an OpenAPI document, but {why}: it is not generated"
            from ..spec_error import SpecError  # only a folder with a lookalike gets here

            result.warnings.append(SpecError(message_path(path), "#", message, WARNING))
    pathless = [f for f in entries if not _has_paths(f)]
    shared = _referenced(pathless, [f for f in entries if f not in pathless]) if pathless else set()
    for file in entries:
        if Path(os.path.normpath(file.path.absolute())) in shared:
            result.shared.append(file.path)
        else:
            result.entries.append(file.path)
    return result


def find_entry_documents(root: Path) -> list[Path]:
    """Every entry document under `root`, in a stable order."""
    return discover(root).entries
