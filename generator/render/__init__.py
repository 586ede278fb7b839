"""Render stage: IR `Package` -> Python source text per file (not yet formatted).

In parts: `filters` (the escaping boundary: every spec string reaches a template through one
of them), `environment` (strict Jinja, and the kind dispatcher), `imports` (the registry that
records each name a rendered body uses), `layout` (black's line layout) and `safety` (the net
that checks every rendered module before anything is formatted or written).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import ir, runtime
from ..kinds.base import POLLING, RUNTIME, Name
from ..output.header import HEADER_PREFIX
from ..runtime import names as exports
from .env import environment
from .filters import (
    close_docstring,
    comment,
    docstring,
    html_comment,
    markdown,
    markdown_code,
    pyliteral,
    pystr,
    pytuple,
    tomlstr,
)
from .imports import (
    LRO_PUBLIC,
    POLLING_PUBLIC,
    RUNTIME_PUBLIC,
    from_import,
    import_block,
    import_order,
)
from .items import STAND_IN, KnownPieces, Reuse, render_items, single_pieces
from .layout import wrap_call
from .safety import (
    SCRIPTS,
    TEMPLATES_OF,
    RenderError,
    Statement,
    _import_time_problem,
    _outline,
    _statement_groups,
    check_identifiers,
    check_module,
    top_level_breaks,
)

RUNTIME_EXPORTS = tuple(sorted(exports(RUNTIME)))
POLLING_EXPORTS = tuple(sorted(exports(POLLING)))


def header(package: ir.Package) -> str:
    return f"{HEADER_PREFIX} from {comment(package.spec_path)}. Do not edit."


def markdown_header(package: ir.Package) -> str:
    """The header inside an HTML comment, for Markdown files."""
    return "<!-- " + html_comment(header(package)[2:]) + " -->"


@dataclass(frozen=True)
class Source:
    """A rendered file, not yet formatted. For a Python module, `breaks` are the line indexes
    where it may be cut for formatting: each starts a top-level statement that follows a class
    or def after a blank line, where black always puts exactly two blank lines."""

    text: str
    breaks: tuple[int, ...] = ()
    formatted: bool = False
    """Already as black writes it (the runtime modules): copied, never formatted."""
    substitutes: tuple[tuple[int, str], ...] = ()
    """(index of a placeholder's piece in cut order, digest of the recorded piece to put in its
    place): items reused from an earlier run (`items.Reuse`)."""
    items: tuple[tuple[str, int, frozenset[Name]], ...] = ()
    """Items that form one piece alone: key, the piece's index in cut order, names used."""


def render_package(package: ir.Package, reuse: Reuse | None = None) -> dict[str, Source]:
    """Every file of the package as unformatted source, keyed by path relative to `--out`;
    with `reuse`, models an earlier run made stand in for themselves (`items`)."""
    check_identifiers(package)
    env = environment()
    top = header(package)
    files = {"py.typed": top + "\n"}
    checked = {"models.py": _items_module(package, top, "models", reuse)}
    checked.update((name, _runtime_file(name, top)) for name in runtime.MODEL_MODULES)
    if package.has_pollers:
        checked["pollers.py"] = _items_module(package, top, "pollers", reuse)
        checked.update((name, _runtime_file(name, top)) for name in runtime.POLLER_MODULES)
    if package.pollers:
        files["__main__.py"] = env.get_template("__main__.py.jinja").render(
            header=top,
            package=package,
            poller_import=from_import(".pollers", import_order(p.name for p in package.pollers)),
        )
    files["__init__.py"] = _init_module(package, top)
    for name, text in files.items():
        if name.endswith(".py"):
            tree = check_module(f"{package.name}/{name}", text, TEMPLATES_OF[name], name in SCRIPTS)
            checked[name] = Source(text, top_level_breaks(_outline(tree), text))
        else:
            checked[name] = Source(text)
    return {f"{package.name}/{name}": checked[name] for name in sorted(checked)}


def _runtime_file(name: str, top: str) -> Source:
    """A runtime module, copied: it has no spec text in it and is kept in black's format."""
    return Source(runtime.module_text(name, top), formatted=True)


def _around(
    package: ir.Package, top: str, stem: str, body: str, used: set[Name]
) -> tuple[str, Source]:
    """The module `stem` around a rendered `body`, with exactly the imports of `used`, checked;
    its text and its Source."""
    text = (
        environment()
        .get_template(f"{stem}.py.jinja")
        .render(header=top, package=package, body=body, imports=import_block(used, stem))
    )
    return text, _with_body(f"{package.name}/{stem}.py", body, text)


def _items_module(package: ir.Package, top: str, stem: str, reuse: Reuse | None) -> Source:
    """models.py or pollers.py, an item at a time (`items.render_items`), then the module
    around them with exactly the imports they use."""
    items = render_items(package, reuse, stem)
    body = "".join(item.text for item in items)
    used = {name for item in items for name in item.names}
    text, source = _around(package, top, stem, body, used)
    first_line = text[: text.rfind(body)].count("\n")
    alone = single_pieces(items, first_line, source.breaks)
    refused = {i.key for i, p in zip(items, alone, strict=True) if i.reused and p < 0}
    if reuse and refused:  # a placeholder not cut alone cannot be replaced: render those
        return _items_module(package, top, stem, replace(reuse, refused=reuse.refused | refused))
    return replace(
        source,
        substitutes=tuple((p, i.reused) for i, p in zip(items, alone, strict=True) if i.reused),
        items=tuple((i.key, p, i.names) for i, p in zip(items, alone, strict=True) if p >= 0),
    )


def _init_module(package: ir.Package, top: str) -> str:
    poller_names = package.poller_exports
    polling_public: tuple[str, ...] = POLLING_PUBLIC if package.has_pollers else ()
    if package.lro_pollers:
        polling_public += LRO_PUBLIC
    imports = [
        (module, import_order(names), explode)
        for module, names, explode in (
            ("._polling", polling_public, False),
            ("._runtime", RUNTIME_PUBLIC, False),
            (".models", package.exports, True),
            (".pollers", poller_names, True),
        )
        if names
    ]
    return (
        environment()
        .get_template("__init__.py.jinja")
        .render(
            header=top,
            package=package,
            imports=[from_import(*one) for one in imports],
            all_exports=sorted({*package.exports, *poller_names, *RUNTIME_PUBLIC, *polling_public}),
        )
    )


def _with_body(path: str, body: str, text: str) -> Source:
    """Module `text`, which ends with `body`, checked like `check_module` does, but parsing
    the body a statement group at a time and keeping only an outline of each: one Python AST
    of a whole large module costs gigabytes."""
    template = TEMPLATES_OF[path.partition("/")[2]]
    outline: list[Statement] = []
    for line, tree in _statement_groups(body, STAND_IN):
        if tree is None:  # not cut cleanly: check it whole, which names the problem
            tree = check_module(path, text, template)
            return Source(text, top_level_breaks(_outline(tree), text))
        if _import_time_problem(tree.body, line) is not None:
            check_module(path, text, template)  # reports it with the module's line numbers
        outline += _outline(tree, line)
    start = text.rfind(body)
    if start < 0 or text[start:].strip() != body.strip():
        raise RenderError(f"{template} must end with the rendered body ({path})")
    head = text[:start]
    offset = head.count("\n")
    outline = _outline(check_module(path, head, template)) + [
        Statement(s.definition, s.first + offset, s.end + offset) for s in outline
    ]
    return Source(text, top_level_breaks(outline, text))


def render_project(package: ir.Package) -> dict[str, Source]:
    """pyproject.toml and README.md that make the package folder an installable project."""
    env = environment()
    files = {
        "pyproject.toml": env.get_template("pyproject.toml.jinja").render(
            header=header(package), package=package
        ),
        "README.md": env.get_template("README.md.jinja").render(
            header=markdown_header(package), package=package
        ),
    }
    return {f"{package.name}/{name}": Source(text) for name, text in files.items()}


__all__ = [
    "POLLING_EXPORTS",
    "RUNTIME_EXPORTS",
    "SCRIPTS",
    "RenderError",
    "KnownPieces",
    "Reuse",
    "Source",
    "check_module",
    "close_docstring",
    "comment",
    "docstring",
    "header",
    "html_comment",
    "import_order",
    "markdown",
    "markdown_code",
    "markdown_header",
    "pyliteral",
    "pystr",
    "pytuple",
    "render_package",
    "render_project",
    "tomlstr",
    "top_level_breaks",
    "wrap_call",
]
