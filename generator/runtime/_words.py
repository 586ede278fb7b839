"""What a state value means, read from its words (DESIGN.md §4, README "State words").

Servers spell states in every case style (`ValidationFailed`, `CANCELLATION_REQUESTED`,
`in-progress`, `partiallySucceeded`), so a value is split into words first, and the words
decide:

1. a value that is one known word or phrase (`TIMED_OUT`, `Succeeded`) is what it says;
2. a word saying the operation is still moving (`cancelling`, `CANCELLATION_REQUESTED`,
   `pending`, `inProgress`) keeps it in progress: asking to cancel does not end a job;
3. a mixed outcome (`partiallySucceeded`, `PartiallyCompleted`, `succeededWithErrors`,
   `PartiallyFailed`) is a terminal *success*: the job ended and delivered results, and the
   model carries the per-item errors. Raising `OperationFailed` would hide the part that
   worked; a user who wants it a failure says so with `x-statusgen: {failure: [...]}`;
4. any failure word makes a failure (`ValidationFailed`), a canceled word a cancellation;
5. any success word makes a success (`jobCompleted`);
6. everything else is in progress (`notStarted`, `Queued`, unknown values).

One definition, for the generator (which infers status models by it) and for the
long-running-operation pollers (which read a status monitor's `status` by it).
"""

from __future__ import annotations

import re

SUCCESS = "success"
FAILURE = "failure"
CANCELED = "canceled"
PROGRESS = "progress"

SUCCESS_WORDS = frozenset(
    {"succeeded", "success", "completed", "complete", "finished", "done"}
)
FAILURE_WORDS = frozenset(
    {
        "failed",
        "failure",
        "failures",
        "error",
        "errors",
        "errored",
        "timedout",
        "expired",
        "rejected",
        "aborted",
    }
)
CANCELED_WORDS = frozenset({"canceled", "cancelled"})
MOVING_WORDS = frozenset(
    {
        "cancelling",
        "canceling",
        "cancellation",
        "pending",
        "running",
        "retrying",
        "inprogress",
    }
)
PARTIAL_WORDS = frozenset({"partial", "partially"})

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


def split_words(value: str) -> tuple[str, ...]:
    """Lower-case words of a value in camelCase, PascalCase, SNAKE_CASE or kebab-case."""
    return tuple(w.lower() for w in _WORD.findall(value))


def tokens(words: tuple[str, ...]) -> set[str]:
    """The words and each adjacent pair joined, so `timed out` meets `timedout`."""
    return set(words) | {a + b for a, b in zip(words, words[1:], strict=False)}


def meaning(value: str) -> str:
    """SUCCESS, FAILURE, CANCELED or PROGRESS for one state value (rules in the module doc)."""
    words = split_words(value)
    whole = "".join(words)
    for known, kind in ((SUCCESS_WORDS, SUCCESS), (FAILURE_WORDS, FAILURE)):
        if whole in known:
            return kind
    if whole in CANCELED_WORDS:
        return CANCELED
    found = tokens(words)
    if found & MOVING_WORDS:
        return PROGRESS
    succeeded = bool(found & SUCCESS_WORDS)
    failed = bool(found & FAILURE_WORDS)
    if (succeeded and failed) or (found & PARTIAL_WORDS and (succeeded or failed)):
        return SUCCESS
    if failed:
        return FAILURE
    if found & CANCELED_WORDS:
        return CANCELED
    return SUCCESS if succeeded else PROGRESS
