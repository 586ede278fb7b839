"""The validator libraries' settings, read without pydantic.

openapi-spec-validator 0.9 and openapi-schema-validator 0.9 each read their environment
variables through pydantic-settings, whose import (pydantic with it) is ~145 ms of the
validating process: a third of the validator's import, on a cold run's critical path beside
black (`make bench`: the four seed specs cold, 1,440 ms of CPU against 1,324 ms with these).
These modules give the same values from `os.environ`, by the same rules
(`tests/validation/test_validator_settings.py` compares them with the libraries' own), and
stand in for the libraries' `settings` modules only for the versions they were written
against (`VERSIONS`): any other version imports its own.
"""

from __future__ import annotations

import os
import sys
import types
import warnings
from collections.abc import Iterable, Mapping

VERSIONS = {"openapi-spec-validator": "0.9.0", "openapi-schema-validator": "0.9.0"}
"""The releases whose `settings` module these replace."""


def import_validator() -> None:
    """Import openapi-spec-validator, these settings standing in where they may."""
    if "openapi_spec_validator" not in sys.modules and installed_versions(VERSIONS) == VERSIONS:
        sys.modules.setdefault("openapi_spec_validator.settings", spec_settings())
        sys.modules.setdefault("openapi_schema_validator.settings", schema_settings())
    import openapi_spec_validator  # noqa: F401


def installed_versions(names: Iterable[str]) -> dict[str, str]:
    """Versions from the `NAME-VERSION.dist-info` folders installers make (the name with
    underscores), first on sys.path first, as importlib.metadata finds them: reading them
    with importlib.metadata imports the email package and scans every distribution, ~40 ms
    of a cold run before any spec is read."""
    wanted = {name.replace("-", "_").lower(): name for name in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            folders = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in folders:
            if folder.endswith(".dist-info"):
                prefix, _, version = folder[: -len(".dist-info")].partition("-")
                name = wanted.get(prefix.lower())
                if name is not None and version:
                    found.setdefault(name, version)
    return found


def _environ(prefix: str) -> dict[str, str]:
    """The variables under `prefix`, names lowered after it: pydantic-settings matches
    names case-insensitively unless told otherwise, and these libraries do not tell it."""
    size = len(prefix)
    return {k[size:].lower(): v for k, v in os.environ.items() if k.lower().startswith(prefix)}


SPEC_PREFIX = "openapi_spec_validator_"
SCHEMA_PREFIX = "openapi_schema_validator_"
CACHE_DEFAULT = 128
BACKENDS = ("auto", "jsonschema", "jsonschema-rs")
BACKEND_WARNING = (
    "Invalid value for OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND. Expected one of: "
    "auto, jsonschema, jsonschema-rs. Falling back to auto."
)


def resolved_cache_maxsize(env: Mapping[str, str]) -> int:
    """An integer of at least 0, else the default: never an error."""
    try:
        value = int(env["resolved_cache_maxsize"])
    except (KeyError, ValueError):
        return CACHE_DEFAULT
    return value if value >= 0 else CACHE_DEFAULT


def schema_validator_backend(env: Mapping[str, str]) -> str:
    """One of `BACKENDS` (any case, spaces around), else `auto` with a warning."""
    value = env.get("schema_validator_backend")
    if value is None:
        return "auto"
    if value.strip().lower() in BACKENDS:
        return value.strip().lower()
    warnings.warn(BACKEND_WARNING, UserWarning, stacklevel=2)
    return "auto"


class SpecSettings:
    """`OpenAPISpecValidatorSettings`: read from the environment when made."""

    def __init__(self) -> None:
        env = _environ(SPEC_PREFIX)
        self.resolved_cache_maxsize = resolved_cache_maxsize(env)
        self.schema_validator_backend = schema_validator_backend(env)


class SchemaSettings:
    """`OpenAPISchemaValidatorSettings`: a count of at least 0, or a ValueError, as the
    library's own field (`Field(default=128, ge=0)`) refuses what is not."""

    def __init__(self) -> None:
        raw = _environ(SCHEMA_PREFIX).get("compiled_validator_cache_max_size")
        value = CACHE_DEFAULT if raw is None else int(raw)
        if value < 0:
            raise ValueError(f"compiled_validator_cache_max_size must be >= 0, not {value}")
        self.compiled_validator_cache_max_size = value


def spec_settings() -> types.ModuleType:
    """A module with what `openapi_spec_validator.settings` offers."""
    module = types.ModuleType("openapi_spec_validator.settings", __doc__)
    module.__dict__.update(
        ENV_PREFIX=SPEC_PREFIX.upper(),
        RESOLVED_CACHE_MAXSIZE_DEFAULT=CACHE_DEFAULT,
        SCHEMA_VALIDATOR_BACKEND_DEFAULT="auto",
        SCHEMA_VALIDATOR_BACKEND_ALLOWED=set(BACKENDS),
        OpenAPISpecValidatorSettings=SpecSettings,
        get_resolved_cache_maxsize=lambda: SpecSettings().resolved_cache_maxsize,
        get_schema_validator_backend=lambda: SpecSettings().schema_validator_backend,
    )
    return module


def schema_settings() -> types.ModuleType:
    """A module with what `openapi_schema_validator.settings` offers: its settings made
    once, until `reset_settings_cache`."""
    module = types.ModuleType("openapi_schema_validator.settings", __doc__)
    made: list[SchemaSettings] = []

    def get_settings() -> SchemaSettings:
        if not made:
            made.append(SchemaSettings())
        return made[0]

    module.__dict__.update(
        OpenAPISchemaValidatorSettings=SchemaSettings,
        get_settings=get_settings,
        reset_settings_cache=made.clear,
    )
    return module
