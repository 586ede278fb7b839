"""The tool fingerprint that manifests record: it must change whenever generator code does."""

from __future__ import annotations

from pathlib import Path

import pytest
from statusgen.output import fingerprint


def test_the_tool_fingerprint_covers_the_parser_subpackages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Manifests go stale when any generator module changes, those in subpackages included."""
    tool = tmp_path / "statusgen"
    (tool / "parser").mkdir(parents=True)
    (tool / "templates").mkdir()
    (tool / "templates" / "models.py.jinja").write_text("x", encoding="utf-8")
    (tool / "output").mkdir()
    (tool / "output" / "fingerprint.py").write_text("", encoding="utf-8")
    (tool / "parser" / "schemas.py").write_text("A = 1\n", encoding="utf-8")
    monkeypatch.setattr(fingerprint, "__file__", str(tool / "output" / "fingerprint.py"))
    before = fingerprint.tool_fingerprint()
    (tool / "parser" / "schemas.py").write_text("A = 2\n", encoding="utf-8")
    assert fingerprint.tool_fingerprint() != before
