"""GitHub's workflow-run status as docs/overlays.md describes it, and its GET operation cut
down: shared by the tests that load GitHub's spec and those that poll a workflow run."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

OVERLAYS = Path(__file__).resolve().parent.parent / "docs" / "overlays.md"


def readme_overlay() -> str:
    section = OVERLAYS.read_text(encoding="utf-8")
    found = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert found is not None
    return found.group(1)


def workflow_run_get() -> dict[str, Any]:
    """GitHub's `GET /repos/{owner}/{repo}/actions/runs/{run_id}`, cut down."""
    schema = {"$ref": "#/components/schemas/workflow-run"}
    return {
        "operationId": "actions/get-workflow-run",
        "parameters": [
            {"name": n, "in": "path", "required": True, "schema": {"type": "string"}}
            for n in ("owner", "repo", "run_id")
        ],
        "responses": {
            "200": {"description": "Response", "content": {"application/json": {"schema": schema}}}
        },
    }
