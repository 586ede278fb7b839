"""The options that change a package's output, as one string in its manifest's fingerprint."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def options_key(
    project: bool,
    package_name: str | None,
    overlays: Sequence[Path] = (),
    strict: bool = False,
    models: str = "status",
) -> str:
    """The overlays' names are in it (their content is an input), so adding or dropping one is
    noticed; `strict` too, so a package made with warnings is validated again under it. The
    defaults add nothing, so manifests written before these options stay valid."""
    key = f"project={int(project)};package={package_name or ''}"
    if overlays:
        key += ";overlays=" + ",".join(p.as_posix() for p in overlays)
    if models != "status":
        key += f";models={models}"
    return key + (";strict" if strict else "")
