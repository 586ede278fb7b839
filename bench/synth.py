"""Deterministic synthetic OpenAPI specs for benchmarks: N schemas x ~12 mixed properties.

`python bench/synth.py 2000 out.yaml` writes large_2000; the same seed always gives the same
bytes, so timings are comparable across runs and machines.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import yaml

STATES = ["queued", "running", "succeeded", "failed", "canceled"]


def make_spec(count: int, seed: int = 2026) -> dict[str, Any]:
    """A 3.0 spec with `count` component schemas and one GET path per 10 schemas."""
    rng = random.Random(seed)
    schemas: dict[str, Any] = {}
    names = [f"Resource{i:04d}" for i in range(count)]
    for index, name in enumerate(names):
        properties: dict[str, Any] = {}
        required: list[str] = []
        status_like = index % 7 == 0
        if status_like:
            properties["status"] = {"type": "string", "enum": STATES, "description": "State."}
            properties["errorMessage"] = {"type": "string", "nullable": True}
            properties["percentComplete"] = {"type": "integer", "format": "int32"}
            required.append("status")
        for slot in range(12 - len(properties)):
            key = f"field{slot}{rng.choice(['Name', 'Count', 'Value', 'Time', 'Kind', 'Ref'])}"
            kind = rng.randrange(11)
            if kind == 0:
                prop: dict[str, Any] = {"type": "string", "description": f"A {key}."}
            elif kind == 1:
                prop = {"type": "integer", "format": "int64"}
            elif kind == 2:
                prop = {"type": "number", "format": "double"}
            elif kind == 3:
                prop = {"type": "boolean"}
            elif kind == 4:
                prop = {"type": "string", "format": "date-time"}
            elif kind == 5:
                prop = {"type": "string", "enum": [f"v{n}" for n in range(rng.randrange(2, 6))]}
            elif kind == 6 and index > 0:
                target = names[rng.randrange(index)]
                prop = {"type": "array", "items": {"$ref": f"#/components/schemas/{target}"}}
            elif kind == 7 and index > 0:
                prop = {"$ref": f"#/components/schemas/{names[rng.randrange(index)]}"}
            elif kind == 8:
                prop = {"type": "object", "additionalProperties": {"type": "string"}}
            elif kind == 9:
                prop = {"type": "string", "nullable": True}
            else:
                prop = {"type": "array", "items": {"type": "string"}}
            properties[key] = prop
            if rng.random() < 0.2:
                required.append(key)
        schema: dict[str, Any] = {
            "type": "object",
            "description": f"Synthetic schema number {index}.",
            "properties": properties,
        }
        if required:
            schema["required"] = required
        schemas[name] = schema
    paths: dict[str, Any] = {}
    for index in range(0, count, 10):
        name = names[index]
        paths[f"/resources{index:04d}/{{id}}"] = {
            "get": {
                "operationId": f"get{name}",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {
                        "description": "The resource.",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/{name}"}
                            }
                        },
                    }
                },
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {"title": f"Synthetic {count}", "version": "1.0"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def write_document(spec: dict[str, Any], path: Path) -> Path:
    """A synthetic spec as the YAML the benchmarks read (no anchors: yaml_events' fast path)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(spec, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")
    return path


def write_spec(count: int, path: Path, seed: int = 2026) -> Path:
    return write_document(make_spec(count, seed), path)


if __name__ == "__main__":
    write_spec(int(sys.argv[1]), Path(sys.argv[2]))
