"""The Jinja environment: strict, with the escaping filters, the import registry and the
kind dispatcher as the only things templates can call."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import jinja2

from .. import kinds
from ..kinds.base import MODELS, MODULE, POLLING, TYPE_CHECKING, TYPING, Kind, Name
from ..output.tool import template_dir
from . import filters, precompile
from .imports import record, use
from .poller_view import from_client, lro_base, lro_operation, poller_base
from .union_view import union_view
from .views import enum_view, model_view


class _Annotated(Protocol):
    @property
    def annotation(self) -> str: ...

    @property
    def annotation_names(self) -> tuple[Name, ...]: ...


class KindMacros:
    """Calls the macro pair of a type's kind (`templates/kinds/<kind>.jinja`), recording the
    names the macro prints: templates never branch on a kind."""

    def __init__(self, env: jinja2.Environment) -> None:
        self._env = env
        self._modules: dict[str, Any] = {}

    def _macros(self, t: Kind) -> Any:
        module = self._modules.get(t.kind)
        if module is None:
            module = self._env.get_template(f"kinds/{t.kind}.jinja").module
            self._modules[t.kind] = module
        return module

    def construct(self, t: Kind, value: str, path: str, depth: str) -> str:
        """JSON `value` at `path`, `depth` containers deep, as this type's Python value."""
        record(t.construct_names)
        return str(self._macros(t).construct(t, value, path, depth))

    def parser(self, t: Kind) -> str:
        """`construct` as a callable (value, path, depth)."""
        record(t.construct_names)
        return str(self._macros(t).parser(t))

    def dump(self, t: Kind, value: str, depth: int = 0) -> str:
        """Python `value` as JSON; `depth` numbers nested comprehension variables."""
        record(t.dump_names)
        return str(self._macros(t).dump(t, value, depth))

    def annotation(self, node: _Annotated) -> str:
        record(node.annotation_names)
        return node.annotation

    json_check = staticmethod(kinds.json_check)


def _bytecode_cache(root: Path | None) -> jinja2.BytecodeCache | None:
    """Compiled templates, in `jinja/` of the cache directory (`output.cache_dir`), never in
    the installed package; no cache without a cache directory or where it cannot be made.
    Jinja checks each entry against the template's source and the Python version, and writes
    it to a temporary file renamed into place."""
    if root is None:
        return None
    directory = root / "jinja"
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(directory)) if os.access(directory, os.W_OK) else None


def use_cache_dir(root: Path | None) -> None:
    """Keep compiled templates in `root` from now on (None: nowhere, for `--no-cache`). The
    command line decides, as it does for pieces and findings; until then, nowhere."""
    environment().bytecode_cache = _bytecode_cache(root)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The run's environment: the templates as compiled ahead (`precompile`) while they
    match, else compiled from their files (and kept in the cache directory)."""
    templates = template_dir()
    return fresh_environment(templates, precompile.loader(templates))


def fresh_environment(
    templates: Path, loader: jinja2.BaseLoader | None = None
) -> jinja2.Environment:
    """An environment over `templates`: compiled from their files, or loaded by `loader`."""
    env = jinja2.Environment(
        loader=loader or jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    kind_macros = KindMacros(env)
    env.globals.update(
        kinds=kind_macros,
        enum_view=enum_view,
        model_view=lambda model: model_view(model, kind_macros),
        union_view=lambda union: union_view(union, kind_macros),
        poller_base=lambda poller, base: poller_base(poller, base, kind_macros),
        lro_base=lambda lro, base: lro_base(lro, base, kind_macros),
        from_client=lambda poller, cls: from_client(poller, cls, kind_macros),
        lro_operation=lro_operation,
        use=use,
        module=lambda name: use(name, MODULE),
        typing=lambda name: use(name, TYPING),
        type_checking=lambda name: use(name, TYPE_CHECKING),
        polling=lambda name: use(name, POLLING),
        model=lambda name: use(name, MODELS),
    )
    env.filters.update(
        pystr=filters.pystr,
        pyliteral=filters.pyliteral,
        pytuple=filters.pytuple,
        names_table=filters.names_table,
        docstring=filters.docstring,
        close_docstring=filters.close_docstring,
        comment=filters.comment,
        tomlstr=filters.tomlstr,
        markdown=filters.markdown,
        markdown_code=filters.markdown_code,
    )
    return env
