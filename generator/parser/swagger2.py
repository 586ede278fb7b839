"""Where Swagger 2.0 keeps what OpenAPI 3.x keeps elsewhere, in one place.

Every 2.0 difference the parser knows: schemas under `definitions`, servers from
host/basePath/schemes, response bodies in `schema` gated by `produces`, parameters that carry
their own type, and a discriminator that is just the property name.
"""

from __future__ import annotations

from typing import Any

from ..errors import SpecErrors
from ..input.load import Location, Spec
from .context import is_json_media


def schemas_container(spec: Spec) -> tuple[str, ...]:
    """Where the named schemas live: `definitions` (2.0) or `components/schemas` (3.x)."""
    return ("definitions",) if spec.is_swagger2 else ("components", "schemas")


def short_ref(spec: Spec, name: str) -> str:
    """A discriminator mapping value that is a bare schema name, as a `$ref`."""
    return ("#/definitions/" if spec.is_swagger2 else "#/components/schemas/") + name


def discriminator(spec: Spec, node: Any) -> Any:
    """2.0 writes the discriminator as the property name alone."""
    if isinstance(node, str) and spec.is_swagger2:
        return {"propertyName": node}
    return node


def servers(root: dict[str, Any]) -> tuple[str, ...]:
    host, base = root.get("host"), root.get("basePath", "")
    if not isinstance(host, str) or not isinstance(base, str):
        return ()
    schemes = [s for s in root.get("schemes") or ["https"] if isinstance(s, str)]
    return tuple(f"{scheme}://{host}{base}" for scheme in schemes)


def response_schema(
    spec: Spec, at: Location, response: dict[str, Any], operation: dict[str, Any]
) -> tuple[Location, Any]:
    """A 2.0 response body: `schema`, when the operation produces JSON."""
    produces = operation.get("produces", spec.root.get("produces"))
    json_ok = produces is None or (
        isinstance(produces, list) and any(is_json_media(str(m)) for m in produces)
    )
    if json_ok and "schema" in response and not is_binary(spec, at, response["schema"]):
        return at.child("schema"), response["schema"]
    return at, None


def is_binary(spec: Spec, at: Location, schema: Any) -> bool:
    """A body of bytes, not JSON: 2.0's `type: file` (a download)."""
    if isinstance(schema, dict) and "$ref" in schema:
        try:
            schema = spec.follow(at.child("schema"), schema)[1]
        except SpecErrors:
            return False  # reported where the schema is parsed
    return isinstance(schema, dict) and schema.get("type") == "file"


def parameter_schema(param_at: Location, param: dict[str, Any]) -> tuple[Location, Any]:
    """A 2.0 parameter carries type/format/enum itself."""
    return param_at, {k: v for k, v in param.items() if k not in {"name", "in", "required"}}
