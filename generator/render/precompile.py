"""The templates as Jinja compiles them, kept as Python modules in `render/precompiled/`.

Compiling the templates is most of a first run's render stage (~80 ms of the four seed
specs' cold run, whose compiled templates are not in the user's cache yet); loaded as
modules, installed byte-compiled, they cost a few. They are written by `make generate`
(`main`) and used only while their key still matches the templates and the running Jinja
(`loader`): an edited template is compiled as before, and
`tests/render/test_precompiled_templates.py` fails until they are written again.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import jinja2

from ..output.digest import digest
from ..output.tool import files_under, template_dir

FOLDER = Path(__file__).parent / "precompiled"
KEY_FILE = "__init__.py"
KEY_PREFIX = "KEY = "


def source_key(templates: Path) -> str:
    """What the compiled modules are made from: each template's name and text, and Jinja's
    version (its code generator and the runtime the modules call)."""
    parts = [f"jinja2 {jinja2.__version__}".encode()]
    for name in files_under(templates, ".jinja"):
        with open(os.path.join(templates, name), "rb") as handle:
            parts.append(name.encode() + b"\0" + handle.read())
    return digest(b"\0\0".join(parts))


def recorded_key(folder: Path = FOLDER) -> str | None:
    """The key the compiled modules in `folder` were made under, if any."""
    try:
        text = (folder / KEY_FILE).read_text(encoding="utf-8")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(KEY_PREFIX):
            return line[len(KEY_PREFIX) :].strip("\"'")
    return None


def loader(templates: Path, folder: Path = FOLDER) -> jinja2.BaseLoader | None:
    """The compiled modules' loader while they match `templates`; else None."""
    if recorded_key(folder) != source_key(templates):
        return None
    return jinja2.ModuleLoader(str(folder))


def write(env: jinja2.Environment, templates: Path, folder: Path = FOLDER) -> None:
    """Compile every template of `env` into `folder`, replacing what it held."""
    folder.mkdir(exist_ok=True)
    for old in folder.glob("tmpl_*.py"):
        old.unlink()
    env.compile_templates(str(folder), zip=None, ignore_errors=False, log_function=None)
    (folder / KEY_FILE).write_text(
        '"""The templates compiled by Jinja (see `render.precompile`); written by `make '
        'generate`."""\n\n'
        f'{KEY_PREFIX}"{source_key(templates)}"\n',
        encoding="utf-8",
    )


def main() -> int:
    """`make generate`'s first step: the compiled templates brought up to date, said only
    when they were not."""
    from .env import fresh_environment

    templates = template_dir()
    if recorded_key() != source_key(templates):
        write(fresh_environment(templates), templates)
        print(f"statusgen: compiled templates written to {FOLDER}", file=sys.stderr)
    return 0
