"""The tool fingerprint: what of statusgen itself can change generated output, digested.

A manifest records it, so a package made by other code is rebuilt. It covers every module of
the package except those that only talk to the user (`ui/`: the command line, its options'
parsing, reporting, progress) and the `python -m` entry point, plus the templates and black's
version. Left out by name rather than taken in by name: a new module counts until someone
decides it cannot change a generated file, so an omission costs a rebuild, never a stale
file. Kept free of heavy imports: the no-op fast path of `generate` and `--check` uses it.
"""

from __future__ import annotations

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


def output_modules(source: Path = SOURCE) -> list[Path]:
    """The modules whose code can change generated output, sorted."""
    found = []
    for path in sorted(source.rglob("*.py")):
        relative = path.relative_to(source).as_posix()
        if not relative.startswith(NOT_OUTPUT):
            found.append(path)
    return found


def tool_fingerprint(options: str = "", source: Path = SOURCE) -> str:
    """Those modules, the templates, black's version and the options that shape output
    (`options_key`): change any, regenerate."""
    parts = [f"black {black_version()}".encode(), options.encode()]
    templates = template_dir(source)
    files = [(source, path) for path in output_modules(source)]
    files += [(templates, path) for path in sorted(templates.rglob("*.jinja"))]
    for root, path in files:
        parts.append(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest(b"\0\0".join(parts))
