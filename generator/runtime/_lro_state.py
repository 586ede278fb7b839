"""The state of one long-running operation between requests: where to ask next, what the
answers meant, and the result once there is one. No I/O: the pollers make each request
`next_url` names and hand the response to `observe`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ._http import HttpResponse, UnexpectedResponse
from ._lro import (
    CANCELED,
    FAILED,
    IN_PROGRESS,
    MONITOR_HEADERS,
    RESULT_IN_MONITOR,
    SUCCEEDED,
    LroOperation,
    LroStatus,
    check_status,
    decode,
    failure,
    fill_path,
    link_in,
    model_status,
    monitor_status,
    provisioning_state,
    resource_status,
    state_of,
    unwrapped,
)
from ._origins import Origins, resolve

MONITOR, LOCATION, RESOURCE, MODEL = "monitor", "location", "resource", "model"
RESULT, DONE = "result", "done"
"""The phases: polling a status monitor, a Location (202 while running), the resource's
provisioningState at the original URL, or a status model of the spec; fetching the
result; done."""
WITH_BODY = frozenset({"PUT", "PATCH"})
REDIRECTS = frozenset({301, 302, 307, 308})
MAX_REDIRECTS = 10


@dataclass
class Position:
    """Where one operation stands: the phase, the URL to ask next (`url`) and what is
    known so far. The moves every phase makes (poll elsewhere, fail, finish) live here;
    `LroState` reads the responses that decide them."""

    operation: LroOperation
    origins: Origins
    original: str
    api_base: str | None = None
    """The client's base URL, under whose path relative URLs go (`_lro.resolve`)."""
    redirect: str | None = None
    """Where a redirect said this one request is answered; `url` stays for the next."""
    hops: int = 0
    parse: Callable[[Any], Any] | None = None
    """The operation's status model from a body, when its answers are one (`MODEL`)."""
    phase: str = DONE
    url: str | None = None
    location: str | None = None
    last: LroStatus | None = None
    result_body: Any = None
    has_body: bool = False

    def _resolve(self, value: str, source: str, response: HttpResponse | None) -> str:
        return resolve(self.original, value, source, response, self.api_base)

    def _poll(self, phase: str, url: str, response: HttpResponse | None) -> None:
        """Ask `url` next; any URL but the user's own request URL must pass the origin rule."""
        if url != self.original:
            self.origins.check(url, f"the {phase} URL", response)
        self.phase, self.url = phase, url

    def _observe_status(self, status: LroStatus) -> None:
        self.last = status
        if status.state in (FAILED, CANCELED):
            self.phase = DONE
            raise failure(status)

    def _fetch_result(self, url: str, response: HttpResponse | None) -> None:
        self._poll(RESULT, url, response)

    def finish(self, body: Any, has_body: bool) -> None:
        self.phase, self.url = DONE, None
        self.result_body, self.has_body = body, has_body

    @property
    def done(self) -> bool:
        return self.phase == DONE


@dataclass
class LroState(Position):
    """What the responses of one operation mean: the initial one (`start`), then each
    polled one (`observe`), which move the position on."""

    def start(self, response: HttpResponse) -> None:
        """Read the initial response of the user's own call: done at once, or where to poll."""
        method = self.operation.method
        code = response.status_code
        if not 200 <= code < 300:
            raise UnexpectedResponse(
                f"HTTP {code} from {method} {response.url or ''}".rstrip(), response
            )
        raw_location = response.header("Location")
        if raw_location is not None:
            self.location = self._resolve(raw_location, "the Location header", response)
        monitor = self._monitor(response)
        if monitor is not None:
            self._poll(MONITOR, monitor, response)
            return
        if self.operation.status_rule is not None:
            self._start_model(response)
            return
        if code == 202 and self.location is not None:
            self._poll(LOCATION, self.location, response)
            return
        body = decode(response, "initial")
        word = provisioning_state(body)
        created = code == 201 and method in WITH_BODY and word is None
        if (
            code == 202
            or created
            or (word is not None and state_of(word) == IN_PROGRESS)
        ):
            self._observe_status(resource_status(response, body))
            if method in WITH_BODY and self.original:
                self._poll(RESOURCE, self.original, response)
            elif self.location is not None:
                self._poll(LOCATION, self.location, response)
            else:
                raise UnexpectedResponse(
                    f"HTTP {code} from {method} names no status monitor (no "
                    "Azure-AsyncOperation, Operation-Location or Location header): "
                    "nothing to poll",
                    response,
                )
            return
        if word is not None:
            self._observe_status(resource_status(response, body))
        self._deliver(response, body)

    def _monitor(self, response: HttpResponse) -> str | None:
        preferred = self.operation.monitor_header
        names = ((preferred,) if preferred in MONITOR_HEADERS else ()) + MONITOR_HEADERS
        for name in names:
            value = response.header(name)
            if value is not None:
                return self._resolve(value, f"the {name} header", response)
        return None

    def observe(self, response: HttpResponse) -> LroStatus | None:
        """Take in the answer to `url`; returns the status observed (None for the result).
        Raises OperationFailed, UnexpectedResponse, or TransientError to retry."""
        phase = self.phase
        hops, self.redirect = (self.hops + 1 if self.redirect else 0), None
        if response.status_code == 303 and phase != RESULT:
            return self._see_other(response)
        if response.status_code in REDIRECTS and response.header("Location"):
            self._redirected(response, hops)
            return None
        check_status(
            response, "the result" if phase == RESULT else "the status monitor"
        )
        if phase == RESULT:
            self._deliver(response, decode(response, "result"), fetched=True)
            return None
        if phase == LOCATION:
            return self._observe_location(response)
        if phase == MODEL:
            return self._observe_model(response, decode(response, "status"))
        body = decode(response, "status monitor" if phase == MONITOR else "resource")
        if phase == MONITOR:
            status = monitor_status(response, body)
        else:
            status = resource_status(response, body)
        self._observe_status(status)
        if status.state == SUCCEEDED:
            if phase == MONITOR:
                self._after_monitor(response, status)
            else:
                self._deliver(response, body)
        elif phase == MONITOR:
            self._moved(self._monitor(response), response)
        return status

    def _redirected(self, response: HttpResponse, hops: int) -> None:
        """A redirect is followed once, for this request, within the origin rule."""
        if hops >= MAX_REDIRECTS:
            raise UnexpectedResponse(f"more than {MAX_REDIRECTS} redirects", response)
        where, source = (
            response.header("Location") or "",
            "the redirect's Location header",
        )
        url = resolve(
            response.url or self.original, where, source, response
        )  # RFC 9110
        self.redirect = self.origins.check(
            url, "the redirect's Location header", response
        )
        self.hops = hops

    def _moved(self, url: str | None, response: HttpResponse) -> None:
        """A monitor that names a new URL for itself is polled there from now on."""
        if url is not None and url != self.url:
            self._poll(self.phase, url, response)

    def _see_other(self, response: HttpResponse) -> LroStatus:
        """303 See Other: done, and the result is where its Location says."""
        where = response.header("Location")
        if where is None:
            raise UnexpectedResponse("HTTP 303 without a Location header", response)
        url = self._resolve(where, "the 303's Location header", response)
        status = LroStatus("Succeeded", SUCCEEDED, 303)
        self.last = status
        if self.operation.has_result:
            self._fetch_result(url, response)
        else:
            self.finish(None, False)
        return status

    def _start_model(self, response: HttpResponse) -> None:
        """An operation that answers with a status model of the spec: done when its state
        is terminal, else polled where the answer says (Location, a link in the body) or at
        the model's own GET path filled with the body's id."""
        body = decode(response, "initial")
        if body is None and response.status_code == 202:
            if self.location is None:
                raise UnexpectedResponse(
                    f"HTTP 202 from {self.operation.method} names no status URL",
                    response,
                )
            self._poll(MODEL, self.location, response)
            return
        status = self._observe_model(response, body)
        if status.state == IN_PROGRESS:
            inner = unwrapped(body, self.operation.unwrap, response)
            self._poll(MODEL, self._model_url(response, inner), response)

    def _observe_model(self, response: HttpResponse, body: Any) -> LroStatus:
        operation = self.operation
        assert operation.status_rule is not None and self.parse is not None
        inner = unwrapped(body, operation.unwrap, response)
        status = model_status(response, inner, self.parse, operation.status_rule)
        self._observe_status(status)
        if status.state == SUCCEEDED:
            self.finish(inner, True)
        return status

    def _model_url(self, response: HttpResponse, body: Any) -> str:
        where = self.location or link_in(body)
        if where is not None:
            return self._resolve(where, "the status URL", response)
        filled = fill_path(self.operation.status_path, body)
        if filled is not None:
            return self._resolve(filled, "the status path", response)
        if self.operation.method in WITH_BODY and self.original:
            return self.original
        raise UnexpectedResponse(
            f"HTTP {response.status_code} from {self.operation.method} names no status URL "
            "and its body no id or link to poll",
            response,
        )

    def _observe_location(self, response: HttpResponse) -> LroStatus:
        if response.status_code == 202:
            status = LroStatus("InProgress", IN_PROGRESS, 202)
            self.last = status
            where = response.header("Location")
            if where is not None:
                self._moved(
                    self._resolve(where, "the Location header", response), response
                )
            return status
        body = decode(response, "Location monitor")
        status = LroStatus("Succeeded", SUCCEEDED, response.status_code, body)
        self.last = status
        if self.operation.final_state_via == "original-uri":
            self._fetch_result(self.original, response)
        else:
            self._deliver(response, body)
        return status

    def _after_monitor(self, response: HttpResponse, status: LroStatus) -> None:
        """Where the result of a succeeded operation is read (module doc of `_lro_pollers`)."""
        operation = self.operation
        if not operation.has_result:
            self.finish(None, False)
            return
        via, method = operation.final_state_via, operation.method
        if via == "location" and self.location is not None:
            self._fetch_result(self.location, response)
        elif via == "original-uri" and self.original:
            self._fetch_result(self.original, response)
        elif via in RESULT_IN_MONITOR and method not in WITH_BODY:
            self._finish_from_monitor(status.body)
        elif status.resource_location is not None:
            where = "the status monitor's resourceLocation"
            url = self._resolve(status.resource_location, where, response)
            self._fetch_result(url, response)
        elif method in WITH_BODY and self.original:
            self._fetch_result(self.original, response)
        elif method == "POST" and self.location is not None:
            self._fetch_result(self.location, response)
        else:
            self._finish_from_monitor(status.body)

    def _finish_from_monitor(self, body: Any) -> None:
        """The result a monitor carries: Azure.Core's `result` member, else the body."""
        if isinstance(body, dict) and "result" in body:
            body = body["result"]
        self.finish(body, body is not None)

    def _deliver(
        self, response: HttpResponse, body: Any, fetched: bool = False
    ) -> None:
        """A final response: its body is the result, or the result is at the original URL
        (a PUT or PATCH answered without one). A fetched resource still being provisioned
        is polled on; an empty answer where the spec promises a body is an error."""
        operation = self.operation
        if not operation.has_result:
            self.finish(None, False)
            return
        word = provisioning_state(body)
        if fetched and word is not None and state_of(word) == IN_PROGRESS:
            self._observe_status(resource_status(response, body))
            self._poll(RESOURCE, self.url or self.original, response)
        elif body is not None:
            self.finish(body, True)
        elif not fetched and operation.method in WITH_BODY and self.original:
            self._fetch_result(self.original, response)
        elif operation.result_optional or response.status_code == 204:
            self.finish(None, False)
        else:
            raise UnexpectedResponse(
                f"HTTP {response.status_code} from {response.url or 'the server'} has no "
                "body, where the operation's result should be",
                response,
            )
