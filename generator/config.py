"""`[tool.statusgen]` in ./pyproject.toml: everything the command line takes, validated.

```toml
[tool.statusgen]
specs = "specs"            # a folder or file, or a list of them
out = "generated"
models = "status"          # or "all", or a list of schema names
project = false            # also --check, --force, --verbose, --strict
[tool.statusgen.packages."specs/face.yaml"]
package = "azure_face"     # overrides info.x-statusgen.package and the file stem
out = "sdk"                # this spec's package goes here instead
overlays = ["overlays/face.yaml"]   # OpenAPI Overlays applied to this spec, in order
```
Unknown keys, wrong types and per-spec entries for files that do not exist are errors.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import SpecError, SpecErrors
from .naming import is_valid_package_name

FILE = "pyproject.toml"
FLAGS = ("project", "check", "force", "verbose", "strict")


@dataclass(frozen=True)
class SpecOptions:
    """What the configuration says about one spec."""

    package: str | None = None
    out: str | None = None
    overlays: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    specs: tuple[str, ...] = ("specs",)
    out: str = "generated"
    flags: frozenset[str] = frozenset()
    packages: dict[str, SpecOptions] = field(default_factory=dict)
    models: str = "status"

    def options_for(self, spec: str) -> SpecOptions:
        """Options of a spec named as in messages (relative to the working directory)."""
        return self.packages.get(Path(spec).as_posix(), SpecOptions())


def _error(pointer: str, message: str) -> SpecErrors:
    return SpecErrors([SpecError(FILE, "#/tool/statusgen" + pointer, message)])


def _string(value: Any, pointer: str) -> str:
    if not isinstance(value, str) or not value:
        raise _error(pointer, "must be a non-empty string")
    return value


def _table(path: Path) -> dict[str, Any]:
    """`[tool.statusgen]` of the TOML file at `path` (empty when absent)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        message = " ".join(str(exc).split())
        raise SpecErrors([SpecError(FILE, "#", f"cannot read: {message}")]) from None
    raw = data.get("tool", {}).get("statusgen", {})
    if not isinstance(raw, dict):
        raise _error("", "must be a table")
    return raw


def load_config(path: Path = Path(FILE)) -> Config:
    """The configuration of the working directory; defaults when there is none."""
    if not path.is_file():
        return Config()
    raw = _table(path)
    specs: tuple[str, ...] = ("specs",)
    out = "generated"
    flags: set[str] = set()
    packages: dict[str, SpecOptions] = {}
    models = "status"
    for key, value in raw.items():
        if key == "specs":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not items:
                raise _error("/specs", "must be a path or a non-empty list of paths")
            specs = tuple(_string(v, f"/specs/{i}") for i, v in enumerate(items))
        elif key == "out":
            out = _string(value, "/out")
        elif key in FLAGS:
            if not isinstance(value, bool):
                raise _error(f"/{key}", "must be true or false")
            if value:
                flags.add(key)
        elif key == "packages":
            packages = _packages(value)
        elif key == "models":
            models = _models(value)
        else:
            raise _error(f"/{key}", f"unknown key {key!r}")
    return Config(specs, out, frozenset(flags), packages, models)


def _models(value: Any) -> str:
    """`models = "status"`, `"all"`, or a list of schema names (as `--models` writes them)."""
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return ",".join(value)
    if isinstance(value, str) and value.strip(","):
        return value
    raise _error("/models", "must be 'status', 'all' or a non-empty list of schema names")


def _packages(value: Any) -> dict[str, SpecOptions]:
    if not isinstance(value, dict):
        raise _error("/packages", "must be a table of spec paths")
    result = {}
    for spec, options in value.items():
        pointer = "/packages/" + spec.replace("~", "~0").replace("/", "~1")
        if not isinstance(options, dict):
            raise _error(pointer, "must be a table")
        if not Path(spec).is_file():
            raise _error(pointer, f"no such spec file: {spec}")
        package = out = None
        overlays: tuple[str, ...] = ()
        for key, item in options.items():
            if key == "package":
                package = _string(item, f"{pointer}/package")
                if not is_valid_package_name(package):
                    raise _error(f"{pointer}/package", f"{package!r} is not a valid package name")
            elif key == "out":
                out = _string(item, f"{pointer}/out")
            elif key == "overlays":
                overlays = _overlays(item, f"{pointer}/overlays")
            else:
                raise _error(f"{pointer}/{key}", f"unknown key {key!r}")
        result[Path(spec).as_posix()] = SpecOptions(package, out, overlays)
    return result


def _overlays(value: Any, pointer: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _error(pointer, "must be a list of overlay files")
    overlays = tuple(_string(v, f"{pointer}/{i}") for i, v in enumerate(value))
    for index, overlay in enumerate(overlays):
        if not Path(overlay).is_file():
            raise _error(f"{pointer}/{index}", f"no such overlay file: {overlay}")
    return overlays
