"""statusgen's machine-readable output read back: GitHub workflow commands by GitHub's grammar
and JSON lines, for the tests of `--output-format`."""

from __future__ import annotations

import json
import re

WORKFLOW_COMMAND = re.compile(
    r"^::(?P<severity>error|warning|notice)"
    r"(?: (?P<properties>[a-z]+=[^,:\r\n]*(?:,[a-z]+=[^,:\r\n]*)*))?"
    r"::(?P<message>[^\r\n]*)$"
)


def unescape(text: str) -> str:
    return (
        text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
    ).replace("%25", "%")


def commands(stdout: str) -> list[dict[str, str]]:
    """Each stdout line parsed as a workflow command (failing on any line that is not one)."""
    parsed = []
    for line in stdout.splitlines():
        found = WORKFLOW_COMMAND.match(line)
        assert found, f"not a workflow command: {line!r}"
        fields = dict(part.split("=", 1) for part in (found["properties"] or "").split(",") if part)
        parsed.append(
            {k: unescape(v) for k, v in fields.items()}
            | {"severity": found["severity"], "message": unescape(found["message"])}
        )
    return parsed


def objects(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]
