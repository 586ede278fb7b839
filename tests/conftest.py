"""Shared test set-up: the generated packages on sys.path and a payload fixture loader."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"
PAYLOADS = Path(__file__).resolve().parent / "fixtures" / "payloads"

# `import face`, `import postman`, ... resolve to the committed generated packages.
if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))


def load_payload(api: str, name: str) -> Any:
    """The decoded JSON body of tests/fixtures/payloads/<api>/<name>.json (".json" optional)."""
    file = PAYLOADS / api / (name if name.endswith(".json") else name + ".json")
    return json.loads(file.read_text(encoding="utf-8"))


@pytest.fixture
def payload() -> Callable[[str, str], Any]:
    """A loader: `payload("face", "succeeded")` gives a fresh decoded copy of that fixture."""
    return load_payload
