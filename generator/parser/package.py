"""Package-level facts: the Python package name, the distribution version, the servers."""

from __future__ import annotations

import contextlib
import re
from dataclasses import replace
from typing import Any

from ..errors import WARNING, display_path
from ..input.load import Location, Spec
from ..spec_error import SpecError
from . import naming, swagger2
from .context import as_list

_PEP440 = re.compile(
    r"v?(?:\d+!)?\d+(?:\.\d+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?"
    r"(?:-\d+|[-_.]?(?:post|rev|r)[-_.]?\d*)?(?:[-_.]?dev[-_.]?\d*)?"
    r"(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?",
    re.IGNORECASE | re.ASCII,
)


def package_name(
    info: dict[str, Any],
    entry: Location,
    errors: list[SpecError],
    warnings: list[SpecError] | None = None,
) -> str:
    """info.x-statusgen.package, else the entry file's stem; when the stem is no valid name
    (`1.0.yaml`), one derived from info.title, then from the folder, with a warning saying
    how to choose another (never a spec edit: the user may not own it). `invalid` after an
    error."""
    extension = info.get("x-statusgen")
    if extension is not None:
        where = entry.child("info", "x-statusgen")
        if not isinstance(extension, dict):
            errors.append(where.error("x-statusgen must be a mapping"))
        else:
            for key in sorted(set(extension) - {"package"}):
                errors.append(where.child(key).error(f"unknown key {key!r}"))
            name = extension.get("package")
            if name is not None:
                return _chosen(name, where, errors)
    try:
        return naming.module_name(entry.file.stem)
    except ValueError as exc:
        problem = str(exc)
    spec = display_path(entry.file)
    how = (
        f'choose another with --package NAME, or package = "NAME" under '
        f'[tool.statusgen.packages."{spec}"] in pyproject.toml'
    )
    sources = (("info.title", info.get("title")), ("its folder", entry.file.parent.name))
    candidates = [(s, _derived(raw, False)) for s, raw in sources if isinstance(raw, str)]
    candidates += [(s, _derived(raw, True)) for s, raw in sources if isinstance(raw, str)]
    for source, name in candidates:
        if name is not None:
            if warnings is not None:
                message = f"{problem}: the package is named {name!r}, from {source}; {how}"
                warnings.append(replace(entry.error(message), severity=WARNING))
            return name
    errors.append(entry.error(f"{problem}, and neither info.title nor its folder gives one: {how}"))
    return "invalid"


def _derived(raw: str, lenient: bool) -> str | None:
    """A package name made from a title or a folder name; `lenient` makes one where the
    words alone give none: `1Forge Finance APIs` gives `api_1forge_finance_apis`, `JSON`
    (the standard library's) `json_api`."""
    if not lenient:
        with contextlib.suppress(ValueError):
            return naming.module_name(raw)
        return None
    name = "_".join(re.findall(r"[A-Za-z0-9]+", raw)).lower()
    if not name:
        return None
    if name[0].isdigit():
        name = "api_" + name
    if naming.package_name_problem(name) is not None:
        name += "_api"
    return name if naming.package_name_problem(name) is None else None


def _chosen(name: Any, where: Location, errors: list[SpecError]) -> str:
    reason = (
        naming.package_name_problem(name)
        if isinstance(name, str)
        else "is not a valid Python identifier"
    )
    if reason is None:
        return str(name)
    errors.append(where.child("package").error(f"package {name!r} {reason}"))
    return "invalid"


def distribution_version(value: Any) -> str:
    """info.version when pip accepts it as a version (PEP 440), else 0.0.0."""
    text = str(value).strip() if value is not None else ""
    return text if _PEP440.fullmatch(text) else "0.0.0"


def servers(spec: Spec) -> tuple[str, ...]:
    root = spec.root
    if spec.is_swagger2:
        return swagger2.servers(root)
    return tuple(
        s["url"]
        for s in as_list(root.get("servers"))
        if isinstance(s, dict) and isinstance(s.get("url"), str)
    )


def component_schemas(spec: Spec, entry: Location) -> list[tuple[str, Any, Location]]:
    """Named schemas: `components/schemas` (3.x) or `definitions` (Swagger 2.0)."""
    container = swagger2.schemas_container(spec)
    node: Any = spec.root
    for key in container:
        node = node.get(key) if isinstance(node, dict) else None
    if not isinstance(node, dict):
        return []
    return [(str(key), value, entry.child(*container, key)) for key, value in node.items()]
