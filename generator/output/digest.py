"""The one digest every fingerprint, manifest line and cache entry uses."""

from __future__ import annotations

import hashlib


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]
