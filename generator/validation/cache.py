"""The validator's findings kept in the user's cache directory, beside the formatted pieces,
so that a run over specs validated before (a fresh `--out`, a clone, CI with a restored cache)
neither starts the validating process nor imports the validator, which a warm run would
otherwise mostly wait on.

Sound because validation is a function of what an entry names in its key and nothing else:
every byte of every document the spec was read from and of its overlays, the working
directory and the entry's path (findings name files relative to it and may quote absolute
URIs), the versions of the validator and of the libraries it runs on, and statusgen's own
code that prepares and judges what the validator says (`validation.py`, `load.py`). A change
to any of these is another key. A spec's result is stored only when the validator ran to
its end on it; what broke while validating is never stored.

Where: `<cache root>/validation/<program>/<key>` (see `output.cache_dir`; `<program>` digests
what findings depend on besides the documents), bounded and evicted as the pieces are.
`generate --no-cache` neither reads nor writes it, `--force` only writes. An entry is JSON
that names its key; anything else (unreadable, another key, another shape) is a miss. An
entry can say no more than a finding list: someone who can write the cache directory could
hide or invent a finding, as anyone who can edit the validator in the environment could;
it never reaches generated code.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import SEVERITIES
from ..input.load import Spec
from ..output.cache_dir import evict, no_entries, read_entry, write_entry
from ..output.digest import digest
from ..spec_error import SpecError
from .defaults import URI_LIBRARIES
from .settings import installed_versions

FORMAT = "statusgen-findings 1"
LIBRARIES = (
    "openapi-spec-validator",
    "openapi-schema-validator",
    "jsonschema",
    "jsonschema-rs",
    "jsonschema-specifications",
)
OPTIONAL = (*URI_LIBRARIES, "regress")
"""Modules whose mere presence changes what is checked: jsonschema checks the uri formats
with either of the first two, openapi-schema-validator reads patterns as ECMA with the third
(and `clean.surely_clean` leaves those checks to the validator then)."""
MAX_ENTRY = 4 * 1024 * 1024
"""Bytes: more than `validation.MAX_FINDINGS` findings of one line each could take."""
MAX_BYTES = 16 * 1024 * 1024


class ValidationCache:
    """Findings per spec, by `key`. `read=False` (for `--force`) only writes."""

    def __init__(self, root: Path, read: bool = True) -> None:
        self.entries = root / "validation"
        self.directory = self.entries / _program()
        self.read = read

    def empty(self) -> bool:
        """Whether no finding can be read (a run will likely validate every spec)."""
        return not self.read or no_entries(self.directory)

    def key(self, spec: Spec, overlays: Sequence[Path]) -> str | None:
        """The spec's key, from the bytes of its files now; None if one cannot be read."""
        parts = [os.getcwd(), str(spec.entry.file.resolve())]
        try:
            for path in sorted(spec.documents) + list(overlays):
                parts.append(f"{path}\0{digest(path.read_bytes())}")
        except OSError:
            return None
        return digest("\0".join(parts).encode())

    def get(self, key: str) -> list[SpecError] | None:
        if not self.read:
            return None
        data = read_entry(self.directory / key, MAX_ENTRY)
        if data is None:
            return None
        try:
            entry = json.loads(data)
            if entry["format"] != FORMAT or entry["key"] != key:
                return None
            return [_finding(item) for item in entry["findings"]]
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, findings: list[SpecError]) -> None:
        entry = {
            "format": FORMAT,
            "key": key,
            "findings": [
                [f.file, f.pointer, f.message, f.severity, f.line, f.column, f.source]
                for f in findings
            ],
        }
        try:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_entry(self.directory, key, json.dumps(entry).encode())
        except OSError:  # read-only or full: no cache
            return
        evict(self.entries, MAX_BYTES)


def _finding(item: Any) -> SpecError:
    file, pointer, message, severity, line, column, source = item
    texts = (file, pointer, message, source)
    if not all(type(t) is str for t in texts) or severity not in SEVERITIES:
        raise ValueError("not a finding")
    if not all(type(n) is int and n >= 0 for n in (line, column)):
        raise ValueError("not a finding")
    return SpecError(file, pointer, message, severity, line, column, source)


@functools.cache
def _program() -> str:
    """What findings depend on besides the documents: the libraries' versions, Python's,
    and statusgen's own source (all of it: reading, overlays, positions and the judging of
    findings are spread over several modules, and hashing all of it is cheap). Once per
    process: none of them changes while it runs."""
    found = installed_versions(LIBRARIES)
    versions = [f"{name} {found.get(name) or _metadata_version(name)}" for name in LIBRARIES]
    versions += [name for name in OPTIONAL if importlib.util.find_spec(name) is not None]
    here = Path(__file__).parent.parent
    own = b"".join(path.read_bytes() for path in sorted(here.rglob("*.py")))
    return digest(f"{FORMAT}\0{sys.version_info[:2]}\0{versions}\0".encode() + own)


def _metadata_version(name: str) -> str:
    """What importlib.metadata says (an egg-info install, a zipped path entry)."""
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"
