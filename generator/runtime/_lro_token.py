"""Continuation tokens of long-running operations: where an operation stands, as JSON data a
caller can store, and the state resumed from it. A token comes back from storage the user may
not fully trust, so every URL in it is held to the origin rule as a response's would be.
"""

from __future__ import annotations

from typing import Any

from ._lro import LroOperation, LroStatus, state_of
from ._lro_state import DONE, LOCATION, MODEL, MONITOR, RESOURCE, RESULT, LroState
from ._origins import Origins

PHASES = (MONITOR, LOCATION, RESOURCE, RESULT, MODEL)
"""The phases a token may resume in besides `DONE`."""


def to_token(state: LroState) -> dict[str, Any]:
    """The state as JSON data; a finished one carries its result."""
    last = state.last
    token = {
        "phase": state.phase,
        "url": state.url,
        "original": state.original,
        "location": state.location,
        "status": last.status if last is not None else None,
    }
    if state.phase == DONE:
        token["result"] = state.result_body if state.has_body else None
    return token


def from_token(
    operation: LroOperation, origins: Origins, data: dict[str, Any]
) -> LroState:
    """A state resumed from a token; every URL in it is checked like a response's."""
    phase = data.get("phase")
    if phase == DONE:
        state = LroState(operation, origins, "")
        result = data.get("result")
        state.finish(result, result is not None)
        _resume_status(state, data)
        return state
    if phase not in PHASES:
        raise ValueError("token has an invalid phase")
    urls = {}
    for key in ("url", "original", "location"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"token has an invalid {key}")
        if value:
            origins.check(value, f"the continuation token's {key}", None)
        urls[key] = value
    if not urls["url"]:
        raise ValueError("token has no url to poll")
    state = LroState(
        operation, origins, urls["original"] or "", phase=phase, url=urls["url"]
    )
    state.location = urls["location"]
    _resume_status(state, data)
    return state


def _resume_status(state: LroState, data: dict[str, Any]) -> None:
    word = data.get("status")
    if isinstance(word, str) and word:
        state.last = LroStatus(word, state_of(word), 0)
