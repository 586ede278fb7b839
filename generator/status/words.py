"""What a state value means, read from its words: the rules live with the runtime
(`runtime/_words.py`), which every package's long-running-operation pollers read states by,
so the generator and the pollers cannot disagree."""

from __future__ import annotations

from ..runtime._words import (
    CANCELED,
    CANCELED_WORDS,
    FAILURE,
    FAILURE_WORDS,
    MOVING_WORDS,
    PARTIAL_WORDS,
    PROGRESS,
    SUCCESS,
    SUCCESS_WORDS,
    meaning,
    split_words,
)

__all__ = [
    "CANCELED",
    "CANCELED_WORDS",
    "FAILURE",
    "FAILURE_WORDS",
    "MOVING_WORDS",
    "PARTIAL_WORDS",
    "PROGRESS",
    "SUCCESS",
    "SUCCESS_WORDS",
    "meaning",
    "split_words",
]
