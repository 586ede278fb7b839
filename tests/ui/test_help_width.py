"""Help text is laid out for the terminal's width as argparse's own formatter finds it
(through shutil, which statusgen's formatter does not import on every run)."""

from __future__ import annotations

import argparse

import pytest
from statusgen.ui.arguments import _Help, parser


@pytest.mark.parametrize("columns", ["60", "200", "wide", "0", ""])
def test_the_width_is_the_one_argparse_would_use(
    monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    ours, stock = _Help("statusgen"), argparse.HelpFormatter("statusgen")
    assert (ours._width, ours._max_help_position) == (stock._width, stock._max_help_position)


def test_help_wraps_at_the_width_columns_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    def help_lines(columns: str) -> list[str]:
        monkeypatch.setenv("COLUMNS", columns)
        return parser().format_help().splitlines()

    narrow, wide = help_lines("60"), help_lines("200")
    assert len(narrow) > len(wide) and max(map(len, wide)) > 60
