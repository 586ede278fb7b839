"""Black, with one pinned mode so output is byte-stable: the only place its settings live
(the line length, shared with render's layout, in `style`)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from . import fold as fold_module
from .digest import digest
from .fold import fold, unfold
from .style import LINE_LENGTH
from .tool import black_version


def mode() -> Any:
    from black.mode import Mode, TargetVersion  # late: the no-op fast path never imports black

    return Mode(
        target_versions={TargetVersion.PY310},
        line_length=LINE_LENGTH,
        string_normalization=True,
        magic_trailing_comma=True,
    )


@functools.cache
def format_key() -> str:
    """What formatted text depends on besides the text itself: black's version and this
    module (the mode). Recorded in manifests and naming the piece cache's folder, so a piece
    is reused only under the same key. Computed once per process: the command line reads
    earlier output under it and the pipeline records it, and both must see the same key."""
    own = Path(__file__).read_bytes() + Path(fold_module.__file__).read_bytes()
    return digest(f"black {black_version()} {LINE_LENGTH}\0".encode() + own)


def black(path: str, text: str) -> str:
    """`text` as black formats it, the runs of lines black cannot change folded away while
    it does (`fold`); a refusal is a template bug, never the user's fault."""
    folded, runs = fold(text)
    if runs:
        done = unfold(_black(path, folded), runs)
        if done is not None:
            return done
    return _black(path, text)


def _black(path: str, text: str) -> str:
    from black import format_str
    from black.parsing import InvalidInput

    try:
        return format_str(text, mode=mode())
    except InvalidInput as exc:
        raise RuntimeError(f"generated {path} is not valid Python: {exc}") from exc


def format_source(path: str, text: str) -> str:
    """Black-formatted text of one whole file, nothing folded: the reference the pieces must
    add up to; other files are returned unchanged."""
    return _black(path, text) if path.endswith(".py") else text
