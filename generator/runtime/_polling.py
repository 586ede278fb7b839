"""Polling machinery shared by this package's pollers: timing, retries, resume tokens.

Thread-free: every request and every sleep happens in the caller's thread (sync) or task
(asyncio), so Ctrl+C and task cancellation stop polling at once. The clock, the sleep and the
random source are injectable so tests need no real waiting. httpx is imported only by the
`from_url` / `from_client` constructors; the core takes any callable.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import random as _random
import time
import urllib.parse
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

from ._runtime import (
    OperationFailed,
    PollTimeout,
    StatusRule,
    ValidationError,
    decode_json,
)

__all__ = [
    "AsyncPoller",
    "AsyncResultPoller",
    "HttpResponse",
    "PollOptions",
    "Poller",
    "ResultPoller",
    "TransientError",
    "UnexpectedResponse",
    "expand_path",
]

M = TypeVar("M")
F = TypeVar("F")
R = TypeVar("R")
P = TypeVar("P", bound="_Bound[Any, Any, Any, Any]")
Q = TypeVar("Q")
S = TypeVar("S")

TOKEN_VERSION = 1
TRANSIENT_STATUS = frozenset({408, 429}) | frozenset(range(500, 600))
LOCATION_HEADERS = ("operation-location", "azure-asyncoperation", "location")
LOCATION_KEYS = (
    "stateLocation",
    "statusLocation",
    "statusUrl",
    "operationLocation",
    "href",
)


@dataclass(frozen=True)
class HttpResponse:
    """What a transport returns: status, headers (any case) and the raw body."""

    status_code: int
    headers: Mapping[str, str] = field(default_factory=dict)
    content: bytes = b""
    url: str = ""

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        for key, value in self.headers.items():
            if key.lower() == wanted:
                return value
        return None


class TransientError(Exception):
    """A failure worth retrying: connection trouble, or a 408/429/5xx response."""

    def __init__(self, message: str, response: HttpResponse | None = None) -> None:
        super().__init__(message)
        self.response = response


class UnexpectedResponse(Exception):
    """A response that polling cannot continue from (a 4xx, an invalid body); not retried."""

    def __init__(self, message: str, response: HttpResponse | None) -> None:
        super().__init__(message)
        self.response = response


Fetch = Callable[[float], object]
"""fetch(timeout) -> a decoded status body (mapping), an HttpResponse, or any object with
status_code, headers, content (and url) such as an httpx.Response."""
AsyncFetch = Callable[[float], Awaitable[object]]


@dataclass
class PollOptions:
    """Every knob of a poller. Delays are seconds; `timeout` is the overall limit."""

    timeout: float = 600.0
    min_delay: float = 0.0
    max_delay: float = 30.0
    first_delay: float = 1.0
    request_timeout: float = 30.0
    transient_retries: int = 5
    initial_delay: float | None = None
    on_progress: Callable[[Any], None] | None = None
    clock: Callable[[], float] = time.monotonic
    now: Callable[[], float] = time.time
    random: Callable[[], float] = _random.random

    def __post_init__(self) -> None:
        if not self.timeout > 0:
            raise ValueError("timeout must be positive")
        if self.min_delay < 0 or self.max_delay < self.min_delay:
            raise ValueError("need 0 <= min_delay <= max_delay")


def retry_after(response: HttpResponse | None, now: float) -> float | None:
    """The server's delay hint: `retry-after-ms`, else `Retry-After` in seconds or HTTP-date."""
    if response is None:
        return None
    millis = response.header("retry-after-ms") or response.header("x-ms-retry-after-ms")
    if millis is not None:
        try:
            return max(float(millis) / 1000.0, 0.0)
        except ValueError:
            pass
    value = response.header("retry-after")
    if value is None:
        return None
    value = value.strip()
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(when.timestamp() - now, 0.0)


def status_location(response: HttpResponse) -> str | None:
    """Where a 202 says the status lives: Operation-Location, Location, or a body field."""
    for name in LOCATION_HEADERS:
        value = response.header(name)
        if value:
            return value
    try:
        body = json.loads(response.content) if response.content else None
    except (ValueError, RecursionError):
        return None
    if isinstance(body, dict):
        for key in LOCATION_KEYS:
            value = body.get(key)
            if isinstance(value, str) and value:
                return value
    return None


def expand_path(template: str, values: Mapping[str, object]) -> str:
    """A path template with each `{name}` replaced by its percent-encoded value."""
    result = template
    for name, value in values.items():
        result = result.replace(
            "{" + name + "}", urllib.parse.quote(str(value), safe="")
        )
    return result


class _Clock:
    """Deadline and delay arithmetic, shared by the sync and asyncio loops."""

    def __init__(self, options: PollOptions) -> None:
        self.options = options
        self.deadline: float | None = None
        self.attempt = 0

    def start(self) -> None:
        if self.deadline is None:
            self.deadline = self.options.clock() + self.options.timeout

    def remaining(self) -> float:
        assert self.deadline is not None
        return self.deadline - self.options.clock()

    @property
    def reserve(self) -> float:
        """Time kept back for the final poll, so it can get an answer before the deadline."""
        return min(self.options.request_timeout, 1.0, self.options.timeout / 10)

    def request_timeout(self) -> float:
        """Never more than the time left."""
        return max(min(self.options.request_timeout, self.remaining()), 0.001)

    def backoff(self) -> float:
        """Exponential backoff with full jitter: uniform in [0, first_delay * 2**attempt]."""
        cap = min(
            self.options.max_delay,
            self.options.first_delay * (2.0 ** min(self.attempt, 60)),
        )
        self.attempt += 1
        return self.options.random() * cap

    def next_delay(self, hint: float | None) -> float:
        delay = hint if hint is not None else self.backoff()
        return min(max(delay, self.options.min_delay), self.options.max_delay)

    def cut(self, delay: float) -> float:
        """The sleep to take: cut to the time left less the final poll's reserve, so the last
        poll lands at the deadline with time to be answered."""
        return max(min(delay, self.remaining() - self.reserve), 0.0)


def _wrap(response: Any) -> HttpResponse:
    """Any response object (httpx's, a test double) as the HttpResponse the core reads."""
    try:
        url = str(response.url)
    except (AttributeError, RuntimeError):  # httpx raises when no request was set
        url = ""
    try:
        return HttpResponse(
            int(response.status_code),
            dict(response.headers),
            bytes(response.content),
            url,
        )
    except (AttributeError, TypeError, ValueError) as exc:
        raise TypeError(
            "fetch must return a mapping or a response with status_code, headers and "
            f"content, not {type(response).__name__}"
        ) from exc


class _Core(Generic[M, F, Q, S]):
    """Everything a poller does except fetching and sleeping.

    `M` is the status model; `F` what `wait()` returns: the final status itself, or for a
    result endpoint (202 + status while running, 200 + result when done) the result. `Q` is
    the type of the request functions (fetch, cancel) and `S` of the sleep: plain functions
    for the sync poller, coroutine functions for the asyncio one.
    """

    _rule: StatusRule
    _headers: Mapping[str, str] = {}
    _cancel_suffix: str | None = None
    _name = "poller"
    _result_endpoint = False

    def __init__(
        self,
        fetch: Q,
        *,
        url: str | None = None,
        sleep: S | None = None,
        last: M | None = None,
        cancel: Q | None = None,
        options: PollOptions | None = None,
        **kwargs: Any,
    ) -> None:
        options = options or PollOptions(**kwargs)
        self._fetch = fetch
        self._sleep: S = self._default_sleep() if sleep is None else sleep
        self._cancel = cancel
        self.options = options
        self.url = url
        self._clock = _Clock(options)
        self._last: M | None = last
        self._result: F | None = None
        self._has_result = False
        self._last_progress: tuple[object, object] | None = None
        self._hint = options.initial_delay

    def _default_sleep(self) -> S:
        raise NotImplementedError

    def _parse(self, data: Any) -> M:
        raise NotImplementedError

    def _parse_result(self, data: Any) -> F:
        raise NotImplementedError

    def _final(self) -> F:
        """What `wait()` returns after success."""
        raise NotImplementedError

    @property
    def status(self) -> M | None:
        """The last observed status model (None before the first poll)."""
        return self._last

    def done(self) -> bool:
        """True once the operation is over: a terminal status (or, for a result endpoint,
        the result or a failed status)."""
        if self._has_result:
            return True
        if self._last is None:
            return False
        if self._result_endpoint:
            return self._rule.is_failure(self._last)
        return self._rule.is_terminal(self._last)

    def continuation_token(self) -> str:
        """A versioned JSON token from which another process can resume polling.

        It holds the status URL and the last status only: no credentials, no pickle.
        """
        last = getattr(self._last, "to_dict", None)
        return json.dumps(
            {
                "statusgen": TOKEN_VERSION,
                "poller": self._name,
                "url": self.url,
                "last": last() if last is not None else None,
            },
            sort_keys=True,
        )

    def _interpret(self, raw: HttpResponse | Mapping[str, Any]) -> M | None:
        """The status model of a response; None when a result endpoint delivered its result."""
        if not isinstance(raw, HttpResponse):
            return self._parse_body(raw, None)
        if raw.status_code in TRANSIENT_STATUS:
            raise TransientError(f"HTTP {raw.status_code}", raw)
        if not 200 <= raw.status_code < 300:
            raise UnexpectedResponse(
                f"HTTP {raw.status_code} from {raw.url or 'the server'}", raw
            )
        try:
            body = decode_json(raw.content) if raw.content else None
        except ValidationError as exc:
            raise UnexpectedResponse(f"invalid body: {exc}", raw) from None
        if self._result_endpoint and raw.status_code != 202:
            try:
                self._result = self._parse_result(body)
            except ValidationError as exc:
                raise UnexpectedResponse(f"invalid result body: {exc}", raw) from exc
            self._has_result = True
            return None
        return self._parse_body(body, raw)

    def _parse_body(self, body: Any, response: HttpResponse | None) -> M:
        try:
            return self._parse(body)
        except ValidationError as exc:
            raise UnexpectedResponse(f"invalid status body: {exc}", response) from exc

    def _observe(self, raw: object) -> M | None:
        """Take in one fetch result: a decoded body (a mapping), or a response — this
        package's HttpResponse or anything shaped like one (an httpx.Response works)."""
        response = None
        if isinstance(raw, Mapping):
            model = self._interpret(raw)
        else:
            response = raw if isinstance(raw, HttpResponse) else _wrap(raw)
            model = self._interpret(response)
        self._hint = retry_after(response, self.options.now())
        if model is None:
            return None
        self._last = model
        progress = (self._rule.progress(model), self._rule.progress_text(model))
        if progress != self._last_progress:
            self._last_progress = progress
            if self.options.on_progress is not None:
                self.options.on_progress(model)
        return model

    def _outcome(self) -> F:
        """The final value on success; OperationFailed on failure."""
        if self._has_result:
            return self._final()
        assert self._last is not None
        if self._rule.is_success(self._last) and not self._result_endpoint:
            return self._final()
        raise OperationFailed(self._last, self._rule.failure_message(self._last))

    def _timeout(self) -> PollTimeout:
        return PollTimeout(self._last, self.options.timeout)

    def _transient_delay(self, error: BaseException, tries: int) -> float | None:
        """How long to wait before retrying a transient error; None when out of budget.

        Past the deadline the answer is a PollTimeout (with the last model), not the error.
        """
        if self._clock.remaining() <= self._clock.reserve:
            raise self._timeout() from error
        if tries > self.options.transient_retries:
            return None
        response = error.response if isinstance(error, TransientError) else None
        hint = retry_after(response, self.options.now())
        return self._clock.cut(self._clock.next_delay(hint))

    def _first_sleep(self) -> float | None:
        """The initial 202's Retry-After delays the very first poll."""
        if self._hint is not None and self._last is None:
            return self._clock.cut(self._clock.next_delay(self._hint))
        return None

    def _known(self) -> list[M]:
        """The last model, when a resumed poller is done before polling: nothing to poll."""
        self._clock.start()
        return [self._last] if self._last is not None and self.done() else []

    def _schedule(self) -> Iterator[float | None]:
        """The loop both pollers run, without its I/O: before each poll the sleep to make
        first (None: poll at once), until the operation is done."""
        if self.done():
            return
        yield self._first_sleep()
        while not self.done():
            yield self._sleep_before_next()

    def _sleep_before_next(self) -> float:
        """The sleep before the next poll; PollTimeout once the final poll has been made."""
        if self._clock.remaining() <= self._clock.reserve:
            raise self._timeout()
        return self._clock.cut(self._clock.next_delay(self._hint))


class _Bound(_Core[M, F, Q, S]):
    """The ways to make a poller besides its constructor: from an httpx client and a status
    URL or a 202 response, or from a continuation token."""

    @classmethod
    def _read_token(cls, token: str) -> tuple[str | None, M | None]:
        try:
            data = json.loads(token)
        except (ValueError, RecursionError):
            raise ValueError("not a statusgen continuation token") from None
        if not isinstance(data, dict) or data.get("statusgen") != TOKEN_VERSION:
            raise ValueError("not a statusgen continuation token of a known version")
        if data.get("poller") != cls._name:
            raise ValueError(f"token is for {data.get('poller')!r}, not {cls._name!r}")
        url = data.get("url")
        if url is not None and not isinstance(url, str):
            raise ValueError("token has an invalid url")
        last = data.get("last")
        probe = cls.__new__(cls)
        return url, (probe._parse(last) if last is not None else None)

    @classmethod
    def _bind(cls, client: Any, url: str) -> tuple[Any, Any]:
        raise NotImplementedError

    @classmethod
    def _httpx_headers(cls, client: Any, kind: type[Any]) -> dict[str, str]:
        """The headers of every request, once `client` is the httpx client this class needs."""
        if not isinstance(client, kind):
            raise TypeError(f"{cls.__name__} needs an httpx.{kind.__name__}")
        return dict(cls._headers)

    @classmethod
    def _cancel_target(cls, url: str) -> str | None:
        if cls._cancel_suffix is None:
            return None
        return url.split("?")[0].rstrip("/") + cls._cancel_suffix

    @classmethod
    def _cancelled(cls, response: Any) -> object:
        """The answer to a cancel request; an error status raises with the response."""
        answer = _wrap(response)
        if answer.status_code >= 400:
            raise UnexpectedResponse(
                f"cancel answered HTTP {answer.status_code}", answer
            )
        return None

    @classmethod
    def from_url(cls: type[P], client: Any, url: str, **options: Any) -> P:
        """A poller bound to an httpx client, for a full or relative status URL."""
        fetch, cancel = cls._bind(client, url)
        return cls(fetch, url=url, cancel=cancel, **options)

    @classmethod
    def from_response(cls: type[P], client: Any, response: Any, **options: Any) -> P:
        """A poller for the status URL a 202 names (Operation-Location, Location or a body
        field such as stateLocation); its Retry-After delays the first poll."""
        raw = _wrap(response)
        url = status_location(raw)
        if url is None:
            raise UnexpectedResponse("the response names no status location", raw)
        poll_options = options.get("options")
        now = (
            poll_options.now
            if isinstance(poll_options, PollOptions)
            else options.get("now")
        )
        options.setdefault("initial_delay", retry_after(raw, (now or time.time)()))
        return cls.from_url(client, url, **options)

    @classmethod
    def from_continuation_token(
        cls: type[P], token: str, client: Any = None, fetch: Any = None, **options: Any
    ) -> P:
        """Resume from `continuation_token()`: give an httpx client, or any fetch callable."""
        url, last = cls._read_token(token)
        cancel = None
        if fetch is None:
            if url is None or client is None:
                raise ValueError(
                    "resuming needs a client and a token with a url, or a fetch"
                )
            fetch, cancel = cls._bind(client, url)
        return cls(fetch, url=url, cancel=cancel, last=last, **options)


def _transient(exc: Exception) -> TransientError:
    """A transport failure of httpx, as the retry loop knows it."""
    return TransientError(f"{type(exc).__name__}: {exc}")


class _SyncPoller(_Bound[M, F, Fetch, Callable[[float], None]]):
    """The polling loop in the caller's thread."""

    def _default_sleep(self) -> Callable[[float], None]:
        return time.sleep

    def poll(self) -> M | None:
        """One status request, transient errors retried within their own budget.

        Returns the status model, or None when a result endpoint delivered its result.
        """
        self._clock.start()
        tries = 0
        while True:
            try:
                return self._observe(self._fetch(self._clock.request_timeout()))
            except (TransientError, ConnectionError, TimeoutError) as exc:
                tries += 1
                delay = self._transient_delay(exc, tries)
                if delay is None:
                    raise
                self._sleep(delay)

    def __iter__(self) -> Iterator[M]:
        yield from self._known()
        for delay in self._schedule():
            if delay is not None:
                self._sleep(delay)
            model = self.poll()
            if model is not None:
                yield model

    def wait(self) -> F:
        """The final value on success; raises OperationFailed or PollTimeout."""
        for _ in self:
            pass
        return self._outcome()

    def cancel(self) -> None:
        """Ask the server to cancel the operation (where the spec has a cancel operation)."""
        if self._cancel is None:
            raise NotImplementedError("this status resource has no cancel operation")
        self._clock.start()
        self._cancel(self._clock.request_timeout())

    @classmethod
    def _bind(cls, client: Any, url: str) -> tuple[Any, Any]:
        import httpx

        headers = cls._httpx_headers(client, httpx.Client)
        cancel_url = cls._cancel_target(url)

        def fetch(timeout: float) -> HttpResponse:
            try:
                return _wrap(client.get(url, headers=headers, timeout=timeout))
            except httpx.TransportError as exc:
                raise _transient(exc) from exc

        def cancel(timeout: float) -> object:
            return cls._cancelled(
                client.get(cancel_url, headers=headers, timeout=timeout)
            )

        return fetch, (cancel if cancel_url is not None else None)


class _AsyncPoller(_Bound[M, F, AsyncFetch, Callable[[float], Awaitable[None]]]):
    """The polling loop in the caller's asyncio task; cancelling the task stops it at once."""

    def _default_sleep(self) -> Callable[[float], Awaitable[None]]:
        return asyncio.sleep

    async def poll(self) -> M | None:
        """One status request, transient errors retried within their own budget."""
        self._clock.start()
        tries = 0
        while True:
            try:
                return self._observe(await self._fetch(self._clock.request_timeout()))
            except (TransientError, ConnectionError, TimeoutError) as exc:
                tries += 1
                delay = self._transient_delay(exc, tries)
                if delay is None:
                    raise
                await self._sleep(delay)

    async def __aiter__(self) -> AsyncIterator[M]:
        for known in self._known():
            yield known
        for delay in self._schedule():
            if delay is not None:
                await self._sleep(delay)
            model = await self.poll()
            if model is not None:
                yield model

    async def wait(self) -> F:
        """The final value on success; raises OperationFailed or PollTimeout."""
        async for _ in self:
            pass
        return self._outcome()

    async def cancel(self) -> None:
        """Ask the server to cancel the operation (where the spec has a cancel operation)."""
        if self._cancel is None:
            raise NotImplementedError("this status resource has no cancel operation")
        self._clock.start()
        await self._cancel(self._clock.request_timeout())

    @classmethod
    def _bind(cls, client: Any, url: str) -> tuple[Any, Any]:
        import httpx

        headers = cls._httpx_headers(client, httpx.AsyncClient)
        cancel_url = cls._cancel_target(url)

        async def fetch(timeout: float) -> HttpResponse:
            try:
                response = await client.get(url, headers=headers, timeout=timeout)
            except httpx.TransportError as exc:
                raise _transient(exc) from exc
            return _wrap(response)

        async def cancel(timeout: float) -> object:
            response = await client.get(cancel_url, headers=headers, timeout=timeout)
            return cls._cancelled(response)

        return fetch, (cancel if cancel_url is not None else None)


class Poller(_SyncPoller[M, M]):
    """Polls a status resource in the caller's thread until it is terminal.

    `wait()` returns the final model on success, raises `OperationFailed` (with the final
    model and its error message) on failure and `PollTimeout` (with the last model) when the
    overall timeout passes; it never returns a model that is still in progress. Iterating
    yields every observed model.
    """

    def _final(self) -> M:
        assert self._last is not None
        return self._last


class AsyncPoller(_AsyncPoller[M, M]):
    """The asyncio twin of `Poller`."""

    def _final(self) -> M:
        assert self._last is not None
        return self._last


class ResultPoller(_SyncPoller[M, R]):
    """Polls a result endpoint that answers 202 + status while running and 200 + the result
    when done; `wait()` returns the result. A failed status raises `OperationFailed`."""

    _result_endpoint = True

    def _final(self) -> R:
        return cast(R, self._result)


class AsyncResultPoller(_AsyncPoller[M, R]):
    """The asyncio twin of `ResultPoller`."""

    _result_endpoint = True

    def _final(self) -> R:
        return cast(R, self._result)
