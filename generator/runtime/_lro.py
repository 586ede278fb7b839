"""Long-running operations by protocol, without their I/O: what an operation's responses say
(the Azure REST API Guidelines' status monitor, a `Location` that answers 202 while running,
a resource's `provisioningState`) and where its result is read once it succeeded.

The sync and asyncio pollers in `_lro_pollers` only carry requests and sleeps to and from
`LroState`; everything the protocol decides is here, so both follow it alike.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import _words as words
from ._http import TRANSIENT_STATUS, HttpResponse, TransientError, UnexpectedResponse
from ._runtime import OperationFailed, StatusRule, ValidationError

IN_PROGRESS, SUCCEEDED, FAILED, CANCELED = (
    "in_progress",
    "succeeded",
    "failed",
    "canceled",
)
MONITOR_HEADERS = ("Azure-AsyncOperation", "Operation-Location")
"""Headers that name a status monitor, in azure-core's order."""
RESULT_IN_MONITOR = frozenset({"azure-async-operation", "operation-location"})

_STATES = {
    words.SUCCESS: SUCCEEDED,
    words.FAILURE: FAILED,
    words.CANCELED: CANCELED,
    words.PROGRESS: IN_PROGRESS,
}


def state_of(word: str) -> str:
    """IN_PROGRESS, SUCCEEDED, FAILED or CANCELED for a state word in any case style: the
    generator's word rules (`_words`), so unknown words keep polling."""
    return _STATES[words.meaning(word)]


@dataclass(frozen=True)
class LroOperation:
    """What the spec says of one long-running operation; generated pollers hold one."""

    method: str
    path: str
    name: str
    """The poller's name in continuation tokens."""
    final_state_via: str | None = None
    monitor_header: str | None = None
    """The monitor header the operation declares (or `final-state-via` names), read first."""
    has_result: bool = True
    result_optional: bool = False
    """The spec declares a success without a body: an empty final answer is None, not an
    error."""
    status_rule: StatusRule | None = None
    """The operation answers with this status model of the spec, polled until terminal."""
    status_path: str | None = None
    """That model's GET path, whose one parameter the answer's `id` fills."""
    unwrap: str | None = None
    """The key under which answers hold the status model (`{"action": {...}}`)."""


@dataclass(frozen=True)
class OperationError:
    """The `error` of a status monitor or resource: Azure's ErrorDetail, as far as given."""

    code: str | None
    message: str | None
    body: Any


@dataclass(frozen=True)
class LroStatus:
    """One observation of a long-running operation.

    `status` is the word the server wrote (`InProgress`, `Succeeded`, a `provisioningState`),
    `state` what it means (`in_progress`, `succeeded`, `failed`, `canceled`), `body` the
    decoded body it came in (None for a Location monitor's empty 202).
    """

    status: str
    state: str
    status_code: int
    body: Any = None
    error: OperationError | None = None
    percent_complete: float | None = None
    resource_location: str | None = None

    @property
    def progress(self) -> float | None:
        """The fraction done, from `percentComplete` (0-100); 1.0 once succeeded."""
        if self.state == SUCCEEDED:
            return 1.0
        if self.percent_complete is None:
            return None
        return min(max(self.percent_complete / 100.0, 0.0), 1.0)


def _error_of(body: Any) -> OperationError | None:
    if not isinstance(body, Mapping):
        return None
    error = body.get("error")
    properties = body.get("properties")
    if error is None and isinstance(properties, Mapping):
        error = properties.get("error")
    if isinstance(error, Mapping):
        inner = error.get("error") if "message" not in error else None
        if isinstance(inner, Mapping):  # ARM's {"error": {"error": {...}}}
            error = inner
        code, message = error.get("code"), error.get("message")
        return OperationError(
            code if isinstance(code, str) else None,
            message if isinstance(message, str) else None,
            error,
        )
    if isinstance(error, str):
        return OperationError(None, error, error)
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def monitor_status(response: HttpResponse, body: Any) -> LroStatus:
    """A status monitor's answer: `{"status": ..., "error": {...}}`."""
    status = body.get("status") if isinstance(body, Mapping) else None
    if not isinstance(status, str) or not status:
        raise UnexpectedResponse(
            f"the status monitor's body from {response.url or 'the server'} has no 'status'",
            response,
        )
    location = body.get("resourceLocation")
    return LroStatus(
        status,
        state_of(status),
        response.status_code,
        body,
        _error_of(body),
        _number(body.get("percentComplete")),
        location if isinstance(location, str) and location else None,
    )


def model_status(
    response: HttpResponse, body: Any, parse: Callable[[Any], Any], rule: StatusRule
) -> LroStatus:
    """A status model's answer, read by the spec's rule for it."""
    try:
        model = parse(body)
    except ValidationError as exc:
        raise UnexpectedResponse(
            f"invalid status body from {response.url or 'the server'}: {exc}", response
        ) from None
    word = rule.state_of(model)
    text = str.__str__(word) if isinstance(word, str) else repr(word)
    if rule.is_canceled(model):
        state = CANCELED
    elif rule.is_failure(model):
        state = FAILED
    else:
        state = SUCCEEDED if rule.is_success(model) else IN_PROGRESS
    message = rule.failure_message(model)
    error = OperationError(None, message, None) if message else None
    fraction = rule.progress(model)
    percent = fraction * 100.0 if fraction is not None else None
    return LroStatus(text, state, response.status_code, model, error, percent)


def unwrapped(body: Any, key: str | None, response: HttpResponse) -> Any:
    if key is None:
        return body
    if not isinstance(body, Mapping) or key not in body:
        raise UnexpectedResponse(f"invalid status body: no {key!r} key", response)
    return body[key]


LINK_KEYS = (
    "statusUrl",
    "statusLocation",
    "stateLocation",
    "operationLocation",
    "href",
)
LINK_HOLDERS = ("urls", "links", "_links")


def link_in(body: Any) -> str | None:
    """Where a status model's own body says it lives: a status URL field, or `get`/`self`
    under `urls`, `links` or `_links` (HAL's `{"self": {"href": ...}}` too)."""
    if not isinstance(body, Mapping):
        return None
    for key in LINK_KEYS:
        value = body.get(key)
        if isinstance(value, str) and value:
            return value
    for holder in LINK_HOLDERS:
        links = body.get(holder)
        if not isinstance(links, Mapping):
            continue
        for key in ("get", "self", "status"):
            value = links.get(key)
            if isinstance(value, Mapping):
                value = value.get("href")
            if isinstance(value, str) and value:
                return value
    return None


def fill_path(template: str | None, body: Any) -> str | None:
    """The status model's GET path with its one parameter filled by the body's `id`."""
    if template is None or not isinstance(body, Mapping):
        return None
    names = re.findall(r"\{([^{}]+)\}", template)
    value = body.get("id")
    if len(names) != 1 or not isinstance(value, (str, int)) or isinstance(value, bool):
        return None
    quoted = urllib.parse.quote(str(value), safe="")
    return template.replace("{" + names[0] + "}", quoted)


def provisioning_state(body: Any) -> str | None:
    """A resource's `provisioningState`, under `properties` (ARM) or at the top level."""
    if not isinstance(body, Mapping):
        return None
    properties = body.get("properties")
    for holder in (properties, body):
        if isinstance(holder, Mapping):
            state = holder.get("provisioningState")
            if isinstance(state, str) and state:
                return state
    return None


def resource_status(response: HttpResponse, body: Any) -> LroStatus:
    """A resource's answer while it is provisioned: a 200 without a state has succeeded,
    a 201 or 202 without one is still being created."""
    word = provisioning_state(body)
    if word is None:
        code = response.status_code
        word = "InProgress" if code in (201, 202) else "Succeeded"
    return LroStatus(word, state_of(word), response.status_code, body, _error_of(body))


def decode(response: HttpResponse, what: str) -> Any:
    """The JSON body of a response (None when it has none); a clear error when not JSON."""
    if not response.content.strip():
        return None
    kind = (response.header("content-type") or "").lower()
    try:
        return json.loads(response.content)
    except (ValueError, RecursionError) as exc:
        if kind and "json" not in kind and what == "initial":
            return None  # a text/plain "Accepted" is no body the protocol reads
        raise UnexpectedResponse(
            f"the {what} response from {response.url or 'the server'} is not JSON: {exc}",
            response,
        ) from None


def check_status(response: HttpResponse, what: str) -> None:
    """Transient codes raise TransientError (retried); other non-2xx UnexpectedResponse."""
    code = response.status_code
    if code in TRANSIENT_STATUS:
        raise TransientError(
            f"HTTP {code} from {response.url or 'the server'}", response
        )
    if not 200 <= code < 300:
        raise UnexpectedResponse(
            f"HTTP {code} from {what} {response.url or ''}".rstrip(), response
        )


def failure(status: LroStatus) -> OperationFailed:
    """OperationFailed for a failed or canceled status, with the error's message."""
    message = status.error.message if status.error is not None else None
    return OperationFailed(status, message, canceled=status.state == CANCELED)
