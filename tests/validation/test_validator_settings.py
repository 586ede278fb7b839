"""statusgen's stand-ins for the validator libraries' pydantic settings give what the
libraries' own give, for every kind of value the environment can hold, and the validating
process never imports pydantic when they stand in."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import ROOT
from statusgen.validation import settings


def _own(module: str) -> ModuleType:
    """The library's settings module, loaded from its file under a name of its own (the
    stand-in may hold the real name in this process)."""
    package = importlib.util.find_spec(module.split(".")[0])
    assert package is not None and package.submodule_search_locations
    path = Path(next(iter(package.submodule_search_locations))) / "settings.py"
    spec = importlib.util.spec_from_file_location(f"_own_{module.replace('.', '_')}", path)
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def _made(factory: Any, fields: tuple[str, ...]) -> tuple[object, ...]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            made = factory()
        except ValueError:
            return ("refused",)
    return (*(getattr(made, f) for f in fields), len(caught))


VALUES = [None, "0", "7", "512", "-1", "abc", "", " 3 ", "JSONSCHEMA", " jsonschema-rs ", "auto"]


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("name", ["RESOLVED_CACHE_MAXSIZE", "schema_validator_backend"])
def test_the_spec_validator_settings_match(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str | None
) -> None:
    if value is not None:
        monkeypatch.setenv(f"OPENAPI_SPEC_VALIDATOR_{name}", value)
    own = _own("openapi_spec_validator")
    fields = ("resolved_cache_maxsize", "schema_validator_backend")
    assert _made(settings.SpecSettings, fields) == _made(own.OpenAPISpecValidatorSettings, fields)
    stand_in = settings.spec_settings()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert stand_in.get_schema_validator_backend() == own.get_schema_validator_backend()
        assert stand_in.get_resolved_cache_maxsize() == own.get_resolved_cache_maxsize()


@pytest.mark.parametrize("value", [None, "0", "9", "-1", "abc"])
def test_the_schema_validator_settings_match(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is not None:
        monkeypatch.setenv("OPENAPI_SCHEMA_VALIDATOR_COMPILED_VALIDATOR_CACHE_MAX_SIZE", value)
    own = _own("openapi_schema_validator")
    fields = ("compiled_validator_cache_max_size",)
    assert _made(settings.SchemaSettings, fields) == _made(own.get_settings, fields)


def test_the_stand_ins_offer_every_public_name_of_the_modules_they_replace() -> None:
    for module, stand_in in (
        ("openapi_spec_validator", settings.spec_settings()),
        ("openapi_schema_validator", settings.schema_settings()),
    ):
        own = _own(module)
        defined = {n for n, v in vars(own).items() if getattr(v, "__module__", "") == own.__name__}
        public = {n for n in defined | {n for n in vars(own) if n.isupper()} if n[0] != "_"}
        assert public
        assert public <= set(vars(stand_in)), (module, public - set(vars(stand_in)))


def test_the_validating_process_never_imports_pydantic(tmp_path: Path) -> None:
    """A real validation through the stand-ins, in a process of its own (this one may hold
    pydantic already): findings as usual, and neither pydantic nor pydantic-settings loaded.
    Another release of the libraries gets its own settings modules, pydantic and all."""
    stood_in = settings.installed_versions(settings.VERSIONS) == settings.VERSIONS
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from statusgen.input.load import load\n"
        "from statusgen.validation import findings\n"
        "from statusgen.validation.findings import validate\n"
        "findings.surely_clean = lambda *args: False  # the validator itself, imported\n"
        "spec = load(Path('specs/face.yaml'))\n"
        "found = validate(spec)\n"
        "print(len(found) >= 0, sorted(m for m in sys.modules if m.startswith('pydantic')))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    found, _, loaded = result.stdout.strip().partition(" ")
    assert found == "True", result.stderr
    assert (loaded == "[]") == stood_in, loaded
