"""Parse stage entry point; the parser itself lives in the `parser` package, one module per
seam (schemas, objects, enums, unions, endpoints, Swagger 2, package, names)."""

from __future__ import annotations

from .parser import MAX_SCHEMA_DEPTH, RUNTIME_FUNCTIONS, parse

__all__ = ["MAX_SCHEMA_DEPTH", "RUNTIME_FUNCTIONS", "parse"]
