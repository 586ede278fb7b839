"""`[tool.statusgen]` in ./pyproject.toml: everything the command line takes, validated.

```toml
[tool.statusgen]
specs = "specs"            # a folder or file, or a list of them
out = "generated"
models = "status"          # or "all", or a list of schema names
root = "."                 # the folder tree `$ref`s may reach (as --root)
project = false            # also --check, --force, --verbose, --strict
[tool.statusgen.packages."specs/face.yaml"]
package = "azure_face"     # overrides info.x-statusgen.package and the file stem
out = "sdk"                # this spec's package goes here instead
overlays = ["overlays/face.yaml"]   # OpenAPI Overlays applied to this spec, in order
models = ["FaceOperation"] # this spec's schemas (as --models)
```
Unknown keys, wrong types and per-spec entries for files that do not exist are errors, each
`pyproject.toml:LINE:COL: tool.statusgen.KEY: message` with the key as TOML writes it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from ..errors import SpecErrors
from ..options import DEFAULT_OUT
from ..parser.naming import is_valid_package_name

TYPE_CHECKING = False  # see statusgen/__init__.py
if TYPE_CHECKING:
    from typing import Any


FILE = "pyproject.toml"
FLAGS = ("project", "check", "force", "verbose", "strict")
TABLE = ("tool", "statusgen")

Keys = tuple[str | int, ...]
"""A place in the TOML document: table keys, and indexes into arrays."""


class SpecOptions:
    """What the configuration says about one spec. Plain classes here: a no-op run reads
    the configuration, and importing dataclasses is a fifth of such a run."""

    __slots__ = ("package", "out", "overlays", "models")

    def __init__(
        self,
        package: str | None = None,
        out: str | None = None,
        overlays: tuple[str, ...] = (),
        models: str | None = None,
    ) -> None:
        self.package = package
        self.out = out
        self.overlays = overlays
        self.models = models


class Config:
    """`[tool.statusgen]` of pyproject.toml, checked."""

    __slots__ = ("specs", "out", "flags", "packages", "models", "root")

    def __init__(
        self,
        specs: tuple[str, ...] = ("specs",),
        out: str = DEFAULT_OUT,
        flags: frozenset[str] = frozenset(),
        packages: dict[str, SpecOptions] | None = None,
        models: str | None = None,
        root: str | None = None,
    ) -> None:
        self.specs = specs
        self.out = out
        self.flags = flags
        self.packages = packages or {}
        self.models = models
        """`models` of the table; None: not set (the default, `status`)."""
        self.root = root

    def options_for(self, spec: str) -> SpecOptions:
        """Options of a spec named as in messages (relative to the working directory)."""
        return self.packages.get(Path(spec).as_posix(), SpecOptions())


class _Invalid(Exception):
    def __init__(self, keys: Keys, message: str) -> None:
        super().__init__(message)
        self.keys = keys
        self.message = message


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def dotted(keys: Keys) -> str:
    """Keys as TOML writes them: `tool.statusgen.packages."specs/1.0.yaml"`, `specs[1]`."""
    text = ""
    for key in keys:
        if isinstance(key, int):
            text += f"[{key}]"
        else:
            part = key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)
            text += ("." if text else "") + part
    return text


def _string(value: Any, keys: Keys) -> str:
    if not isinstance(value, str) or not value:
        raise _Invalid(keys, "must be a non-empty string")
    return value


def _table(text: str) -> dict[str, Any]:
    """`[tool.statusgen]` of a TOML document (empty when absent)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    data = tomllib.loads(text)
    raw = data.get("tool", {}).get("statusgen", {})
    if not isinstance(raw, dict):
        raise _Invalid(TABLE, "must be a table")
    return raw


def load_config(path: Path = Path(FILE)) -> Config:
    """The configuration of the working directory; defaults when there is none."""
    if not path.is_file():
        return Config()
    try:
        text = path.read_text(encoding="utf-8")
        return _config(_table(text))
    except (OSError, ValueError) as exc:  # unreadable, or not TOML (tomllib's own position)
        raise _refused("#", "cannot read: " + " ".join(str(exc).split())) from None
    except _Invalid as exc:
        line, column = key_position(text, exc.keys)
        raise _refused(dotted(exc.keys), exc.message, line, column) from None


def _refused(pointer: str, message: str, line: int = 0, column: int = 0) -> SpecErrors:
    from ..spec_error import SpecError  # late: only a configuration refused needs it

    return SpecErrors([SpecError(FILE, pointer, message, line=line, column=column)])


def _config(raw: dict[str, Any]) -> Config:
    specs: tuple[str, ...] = ("specs",)
    out = DEFAULT_OUT
    flags: set[str] = set()
    packages: dict[str, SpecOptions] = {}
    models = root = None
    for key, value in raw.items():
        keys = (*TABLE, key)
        if key == "specs":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not items:
                raise _Invalid(keys, "must be a path or a non-empty list of paths")
            specs = tuple(_string(v, (*keys, i)) for i, v in enumerate(items))
        elif key in ("out", "root"):
            if key == "out":
                out = _string(value, keys)
            else:
                root = _string(value, keys)
                if not Path(root).is_dir():
                    raise _Invalid(keys, f"no such folder: {root}")
        elif key in FLAGS:
            if not isinstance(value, bool):
                raise _Invalid(keys, "must be true or false")
            if value:
                flags.add(key)
        elif key == "packages":
            packages = _packages(value, keys)
        elif key == "models":
            models = _models(value, keys)
        else:
            raise _Invalid(keys, f"unknown key {key!r}")
    return Config(specs, out, frozenset(flags), packages, models, root)


def _models(value: Any, keys: Keys) -> str:
    """`models = "status"`, `"all"`, or a list of schema names (as `--models` writes them)."""
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return ",".join(value)
    if isinstance(value, str) and value.strip(","):
        return value
    raise _Invalid(keys, "must be 'status', 'all' or a non-empty list of schema names")


def _packages(value: Any, keys: Keys) -> dict[str, SpecOptions]:
    if not isinstance(value, dict):
        raise _Invalid(keys, "must be a table of spec paths")
    result = {}
    for spec, options in value.items():
        at = (*keys, spec)
        if not isinstance(options, dict):
            raise _Invalid(at, "must be a table")
        if not Path(spec).is_file():
            raise _Invalid(at, f"no such spec file: {spec}")
        result[Path(spec).as_posix()] = _spec_options(options, at)
    return result


def _spec_options(options: dict[str, Any], at: Keys) -> SpecOptions:
    package = out = models = None
    overlays: tuple[str, ...] = ()
    for key, item in options.items():
        if key == "package":
            package = _string(item, (*at, key))
            if not is_valid_package_name(package):
                raise _Invalid((*at, key), f"{package!r} is not a valid package name")
        elif key == "out":
            out = _string(item, (*at, key))
        elif key == "overlays":
            overlays = _overlays(item, (*at, key))
        elif key == "models":
            models = _models(item, (*at, key))
        else:
            raise _Invalid((*at, key), f"unknown key {key!r}")
    return SpecOptions(package, out, overlays, models)


def _overlays(value: Any, keys: Keys) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Invalid(keys, "must be a list of overlay files")
    overlays = tuple(_string(v, (*keys, i)) for i, v in enumerate(value))
    for index, overlay in enumerate(overlays):
        if not Path(overlay).is_file():
            raise _Invalid((*keys, index), f"no such overlay file: {overlay}")
    return overlays


# --- where a key stands in the file -------------------------------------------------------------

_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?")
_ASSIGN = re.compile(rf"^(\s*)({_DOTTED})\s*=")
_PART = re.compile(_KEY_PART)


def _parts(text: str) -> tuple[str, ...]:
    parts = []
    for match in _PART.finditer(text):
        token = match.group()
        if token.startswith('"'):
            token = json.loads(token)
        elif token.startswith("'"):
            token = token[1:-1]
        parts.append(token)
    return tuple(parts)


def key_positions(text: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """1-based line and column of each table header and key assignment, by its full key
    path (the first place it appears). Enough TOML for pyproject tables: headers, dotted and
    quoted keys; keys inside inline tables are found at their table's key."""
    found: dict[tuple[str, ...], tuple[int, int]] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            table = _parts(header.group(1))
            found.setdefault(table, (number, line.index("[") + 1))
            continue
        assign = _ASSIGN.match(line)
        if assign:
            found.setdefault(table + _parts(assign.group(2)), (number, len(assign.group(1)) + 1))
    return found


def key_position(text: str, keys: Keys) -> tuple[int, int]:
    """Where `keys` (or their nearest ancestor the file spells out) stand; (0, 0): nowhere."""
    positions = key_positions(text)
    names = tuple(k for k in keys if isinstance(k, str))
    while names:
        if names in positions:
            return positions[names]
        names = names[:-1]
    return (0, 0)
