"""Deterministic status-heavy synthetic OpenAPI specs for benchmarks: every schema a status
resource.

Each of the N schemas has a state enum with success and failure words, an error message, a
progress percentage and ~8 mixed properties; every tenth has a GET that returns it and a POST
`.../cancel`, so statusgen writes a poller pair with a cancel for it. Where `bench/synth.py`
measures a general spec, this one measures the status models, enums and pollers that
statusgen writes and its peers do not specialise.

`python bench/synth_status.py 2000 out.yaml` writes status_2000; the same seed always gives
the same bytes. The cancel answers 204: with a 202, or 200 and the job, statusgen would also
treat it as a long-running operation of its own, which is not what these rows measure.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

from synth import write_document

STATE_SETS = (
    ["queued", "running", "succeeded", "failed", "canceled"],
    ["notStarted", "inProgress", "completed", "error"],
    ["pending", "processing", "done", "failed", "cancelled"],
    ["submitted", "active", "finished", "aborted"],
)
"""State vocabularies, each with in-progress, success and failure words."""


def _other(rng: random.Random, key: str, index: int, names: list[str]) -> dict[str, Any]:
    kind = rng.randrange(8)
    if kind == 0:
        return {"type": "string", "description": f"A {key}."}
    if kind == 1:
        return {"type": "integer", "format": "int64"}
    if kind == 2:
        return {"type": "number", "format": "double"}
    if kind == 3:
        return {"type": "boolean"}
    if kind == 4:
        return {"type": "string", "format": "date-time"}
    if kind == 5 and index > 0:
        return {"$ref": f"#/components/schemas/{names[rng.randrange(index)]}"}
    if kind == 6:
        return {"type": "string", "nullable": True}
    return {"type": "array", "items": {"type": "string"}}


def _schema(rng: random.Random, index: int, names: list[str]) -> dict[str, Any]:
    states = STATE_SETS[index % len(STATE_SETS)]
    properties: dict[str, Any] = {
        "status": {"type": "string", "enum": list(states), "description": "State of the job."},
        "errorMessage": {"type": "string", "nullable": True},
        "percentComplete": {"type": "integer", "format": "int32"},
    }
    required = ["status"]
    for slot in range(8):
        key = f"field{slot}{rng.choice(['Name', 'Count', 'Value', 'Time', 'Kind', 'Ref'])}"
        properties[key] = _other(rng, key, index, names)
        if rng.random() < 0.2:
            required.append(key)
    return {
        "type": "object",
        "description": f"Synthetic status schema number {index}.",
        "properties": properties,
        "required": required,
    }


def _operations(name: str, index: int) -> dict[str, Any]:
    """The GET of a status resource and its cancel; each node its own object, so the YAML
    has no anchors."""

    def parameters() -> list[dict[str, Any]]:
        return [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]

    content = {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}
    base = f"/jobs{index:04d}/{{id}}"
    return {
        base: {
            "get": {
                "operationId": f"get{name}",
                "parameters": parameters(),
                "responses": {"200": {"description": "The job.", "content": content}},
            }
        },
        f"{base}/cancel": {
            "post": {
                "operationId": f"cancel{name}",
                "parameters": parameters(),
                "responses": {"204": {"description": "Cancel requested."}},
            }
        },
    }


def make_spec(count: int, seed: int = 2026) -> dict[str, Any]:
    """A 3.0 spec with `count` status schemas; a GET and a cancel per 10 schemas."""
    rng = random.Random(seed)
    names = [f"Job{i:04d}" for i in range(count)]
    schemas = {name: _schema(rng, index, names) for index, name in enumerate(names)}
    paths: dict[str, Any] = {}
    for index in range(0, count, 10):
        paths.update(_operations(names[index], index))
    return {
        "openapi": "3.0.3",
        "info": {"title": f"Status-heavy {count}", "version": "1.0"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def write_spec(count: int, path: Path, seed: int = 2026) -> Path:
    return write_document(make_spec(count, seed), path)


if __name__ == "__main__":
    write_spec(int(sys.argv[1]), Path(sys.argv[2]))
