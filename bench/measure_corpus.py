"""Generate every spec file of a folder, one at a time, in-process (`--models all`), import
each package, and list the refusals by their first line (issue 19's corpus measurements).

    .venv/bin/python bench/measure_corpus.py FOLDER

Each file is generated as a user would name it on the command line; the package is named
`m<index>` (as `package =` in the configuration would), so a file named by its version
(`1.0.yaml`) measures the parser, not the naming. datamodel-code-generator's corpus comes
with its sdist: `pip download --no-deps --no-binary :all: datamodel-code-generator==0.97.0`,
then `tests/data/openapi/` inside it.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
from pathlib import Path

from statusgen import pipeline
from statusgen.errors import SpecErrors
from statusgen.options import ALL, RunOptions, SpecChoice

SUFFIXES = (".yaml", ".yml", ".json", ".jsonschema")


def main(folder: Path) -> int:
    os.chdir(folder)
    files = sorted(
        p.relative_to(folder) for p in folder.rglob("*") if p.is_file() and p.suffix in SUFFIXES
    )
    out = Path(tempfile.mkdtemp())
    ok: list[str] = []
    refused: dict[str, str] = {}
    for index, file in enumerate(files):
        name = f"m{index}"
        try:
            result = pipeline.generate(
                RunOptions((SpecChoice(file, name, models=ALL),))
            )
        except SpecErrors as exc:
            refused[str(file)] = exc.lines()[0][:220]
            continue
        except Exception as exc:  # an internal error: what this measurement is for
            refused[str(file)] = f"CRASH {type(exc).__name__}: {exc}"
            continue
        for relative, text in result.files.items():
            (out / relative).parent.mkdir(parents=True, exist_ok=True)
            (out / relative).write_text(text, encoding="utf-8")
        sys.path.insert(0, str(out))
        try:
            importlib.import_module(name)
            ok.append(str(file))
        except Exception as exc:
            refused[str(file)] = f"IMPORT {type(exc).__name__}: {exc}"
        finally:
            sys.path.remove(str(out))
    share = 100 * len(ok) / max(1, len(files))
    print(f"{len(ok)}/{len(files)} generated and imported ({share:.1f}%)")
    for path, why in refused.items():
        print(" ", path, "->", why)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]).resolve()))
