"""Which files under a specs folder are entry documents (DESIGN.md §2).

An entry document is a file whose top level has `openapi` or `swagger`; other YAML/JSON
files are fragments reached through `$ref`. Deciding that must not cost a YAML parse of
every file (a 2 MB spec takes seconds), so YAML is recognised by a top-level key line and
JSON by its top-level keys — both without importing yaml.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

SPEC_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
_YAML_ENTRY = re.compile(r"""^[{]?\s*["']?(?:openapi|swagger)["']?\s*:""", re.MULTILINE)


def is_entry_document(path: Path) -> bool:
    """True for an OpenAPI/Swagger entry document (a broken one too, so it gets reported)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    text = raw.decode("utf-8", "replace")
    if path.suffix.lower() == ".json":
        try:
            document = json.loads(text)
        except (ValueError, RecursionError):
            return bool(re.search(r'"(?:openapi|swagger)"\s*:', text[:65536]))
        return isinstance(document, dict) and ("openapi" in document or "swagger" in document)
    return _YAML_ENTRY.search(text) is not None


def find_entry_documents(root: Path) -> list[Path]:
    """Every entry document under `root`, in a stable order."""
    return [
        path
        for path in sorted(root.rglob("*"))
        if path.suffix.lower() in SPEC_SUFFIXES and path.is_file() and is_entry_document(path)
    ]
