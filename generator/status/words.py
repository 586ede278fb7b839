"""What a state value means, read from its words: the rules live with the runtime
(`runtime/_words.py`), which every package's long-running-operation pollers read states by,
so the generator and the pollers cannot disagree."""

from __future__ import annotations

from functools import lru_cache

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
    split_words,
    tokens,
)
from ..runtime._words import meaning as _meaning

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
    "STILL_MOVING_WORDS",
    "meaning",
    "split_words",
    "still_moving",
]

meaning = lru_cache(maxsize=8192)(_meaning)
"""`_words.meaning`, remembered: status enums repeat the same few values, read 18,000 times
in `make bench`'s status-heavy 2,000-schema spec (~50 ms of its parse, ~2 ms remembered)."""

STILL_MOVING_WORDS = MOVING_WORDS | frozenset(
    {
        "active",
        "queued",
        "processing",
        "notstarted",
        "terminating",
        "starting",
        "started",
        "waiting",
        "scheduled",
        "initializing",
        "preparing",
        "provisioning",
        "creating",
        "submitted",
        "accepted",
        "executing",
        "enabling",
        "disabling",
        "deleting",
        "updating",
        "validating",
        "uploading",
        "building",
        "deploying",
    }
)
"""Words that say the work is still moving: with a success word and no failure word, a
state enum holding one is a status whose failures show elsewhere (Azure Batch's job:
active, terminating, completed). `[open, done]` holds none and stays a plain enum."""


def still_moving(value: str) -> bool:
    """Whether one state value says the work is still moving."""
    return bool(tokens(split_words(value)) & STILL_MOVING_WORDS)
