"""Entry documents without an `openapi` or `swagger` key that still say what they hold.

Schemas are often published on their own: a JSON Schema file (`$schema`, `type`,
`properties`, `definitions`), a file of named schemas that others reach with
`schemas.yaml#/Pet`, or an OpenAPI `components` fragment missing its header. Given as an entry
on the command line, each is read as an OpenAPI document holding those schemas: the keys stay
where they are (so `$ref`s and positions in the file keep working) and
`components/schemas` gains a `$ref` to each schema. Anything else is still refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

SCHEMA_KEYS = frozenset(
    {
        "$schema",
        "type",
        "properties",
        "allOf",
        "oneOf",
        "anyOf",
        "items",
        "enum",
        "$ref",
        "additionalProperties",
        "const",
    }
)
DEFINITIONS = ("definitions", "$defs")
HEADER = {"openapi": "3.1.0", "info": {"title": "", "version": "0"}, "paths": {}}


def as_openapi(root: dict[str, Any], path: Path) -> dict[str, Any] | None:
    """The document read as OpenAPI, or None when it holds no schemas that can be named."""
    if isinstance(root.get("components"), dict):  # an OpenAPI 3 fragment without its header
        return {**HEADER, "openapi": "3.0.3", **root}
    schemas: dict[str, Any] = {}
    if _is_schema(root):
        schemas[path.stem or "Schema"] = {"$ref": "#"}
        for container in DEFINITIONS:
            named = root.get(container)
            if isinstance(named, dict):
                schemas.update(
                    (str(k), {"$ref": f"#/{container}/{_escape(str(k))}"})
                    for k, v in named.items()
                    if isinstance(v, (dict, bool))
                )
    elif root and all(isinstance(v, dict) and _is_schema(v) for v in root.values()):
        schemas = {str(k): {"$ref": f"#/{_escape(str(k))}"} for k in root}
    if not schemas:
        return None
    return {**root, **HEADER, "components": {"schemas": schemas}}


def _is_schema(node: dict[str, Any]) -> bool:
    return any(key in node for key in SCHEMA_KEYS) or any(
        isinstance(node.get(c), dict) for c in DEFINITIONS
    )


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")
