"""A one-operation Jobs spec as data, and the variants the validation and output-format tests
share: findings placed outside what is generated."""

from __future__ import annotations

import json
from pathlib import Path

JOB = {
    "type": "object",
    "required": ["status"],
    "properties": {"status": {"type": "string"}, "id": {"type": "string"}},
}


def spec(**extra: object) -> dict[str, object]:
    operation = {
        "operationId": "getJob",
        "parameters": [
            {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
        ],
        "responses": {
            "200": {
                "description": "the job",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}},
            }
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Jobs", "version": "1"},
        "paths": {"/jobs/{id}": {"get": operation}},
        "components": {"schemas": {"Job": JOB}},
        **extra,
    }


def write(path: Path, data: object) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def unused_part_findings() -> dict[str, object]:
    """Two findings outside what is generated: a tag without a name, a `4xx`-style key on a
    POST's responses."""
    data = spec(tags=[{"description": "no name"}])
    paths = data["paths"]
    assert isinstance(paths, dict)
    paths["/jobs"] = {"post": {"responses": {"4xx": {"description": "client error"}}}}
    return data
