"""The tool fingerprint: what of statusgen itself can change generated output, digested.

A manifest records it, so a package made by other code is rebuilt. It covers every module of
the package except those that only talk to the user (`ui/`: the command line, its options'
parsing, reporting, progress) and the `python -m` entry point, plus the templates and black's
version. Left out by name rather than taken in by name: a new module counts until someone
decides it cannot change a generated file, so an omission costs a rebuild, never a stale
file. Kept free of heavy imports: the no-op fast path of `generate` and `--check` uses it.
"""

from __future__ import annotations

import os
from pathlib import Path

from .digest import digest

SOURCE = Path(__file__).resolve().parent.parent
"""The installed `statusgen` package (the `generator/` folder of a checkout)."""
NOT_OUTPUT = ("ui/", "__main__.py")
"""Paths under `SOURCE` (folders end with "/") that never change what is generated."""


def black_version() -> str:
    """Black's version, from the one-line module black's wheel ships beside it
    (`_black_version`): importing importlib.metadata would cost a no-op run more than all
    its other work. The metadata is read only where that module is missing."""
    try:
        from _black_version import version  # type: ignore[import-untyped]
    except ImportError:
        from importlib import metadata

        return metadata.version("black")
    return str(version)


def template_dir(source: Path = SOURCE) -> Path:
    """Templates ship inside the wheel as `statusgen/templates`; a checkout has `templates/`."""
    for candidate in (source / "templates", source.parent / "templates"):
        if (candidate / "models.py.jinja").is_file():
            return candidate
    raise RuntimeError(f"statusgen templates not found next to {source}")


def output_modules(source: Path = SOURCE) -> list[str]:
    """The modules whose code can change generated output, relative to `source`, sorted."""
    return [name for name in files_under(source, ".py") if not name.startswith(NOT_OUTPUT)]


def files_under(root: Path, suffix: str) -> list[str]:
    """Relative POSIX paths of the files under `root` ending in `suffix`, sorted as paths:
    `os.walk` on strings, a third of what `Path.rglob` costs the no-op fast path."""
    found = []
    for folder, folders, names in os.walk(root):
        folders[:] = [f for f in folders if f != "__pycache__"]
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found += [prefix + name for name in names if name.endswith(suffix)]
    return sorted(found, key=lambda name: name.split("/"))


def tool_fingerprint(options: str = "", source: Path = SOURCE) -> str:
    """Those modules, the templates, black's version and the options that shape output
    (`options_key`): change any, regenerate."""
    return digest(f"black {black_version()}\0{options}\0{_code(source)}".encode())


_CODE: dict[tuple[object, ...], str] = {}
"""`_code` per module and template (path, size, mtime): a run with several specs asks once
per options key, and reading the hundred-odd files each time was a fifth of a no-op
`--check` of the four seed specs."""


def _code(source: Path) -> str:
    """The digest of every module and template that can change output."""
    templates = template_dir(source)
    files = [(name, os.path.join(source, name)) for name in output_modules(source)]
    files += [(name, os.path.join(templates, name)) for name in files_under(templates, ".jinja")]
    stats = [os.stat(path) for _, path in files]
    key = (source, *((p, s.st_size, s.st_mtime_ns) for (_, p), s in zip(files, stats, strict=True)))
    if key not in _CODE:
        parts = []
        for name, path in files:
            with open(path, "rb") as handle:
                parts.append(name.encode() + b"\0" + handle.read())
        _CODE[key] = digest(b"\0\0".join(parts))
    return _CODE[key]
