"""Format stage: black, in-process, with one pinned mode so output is byte-stable."""

from __future__ import annotations

from typing import Any

LINE_LENGTH = 88


def _mode() -> Any:
    from black.mode import Mode, TargetVersion  # late: importing black costs ~0.2 s

    return Mode(
        target_versions={TargetVersion.PY310},
        line_length=LINE_LENGTH,
        string_normalization=True,
        magic_trailing_comma=True,
    )


def format_source(path: str, text: str) -> str:
    """Black-formatted text for Python files; other files are returned unchanged."""
    if not path.endswith(".py"):
        return text
    from black import format_str
    from black.parsing import InvalidInput

    try:
        return format_str(text, mode=_mode())
    except InvalidInput as exc:  # a bug in a template, never the user's fault
        raise RuntimeError(f"generated {path} is not valid Python: {exc}") from exc


def format_files(files: dict[str, str]) -> dict[str, str]:
    """Format every file; identical texts (the runtime module) are formatted once."""
    done: dict[str, str] = {}
    result = {}
    for path, text in files.items():
        key = path.rsplit(".", 1)[-1] + "\0" + text
        if key not in done:
            done[key] = format_source(path, text)
        result[path] = done[key]
    return result
