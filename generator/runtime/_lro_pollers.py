"""The base classes of this package's long-running-operation pollers, sync and asyncio.

A poller starts from the initial response of the user's own call (`from_response`) and
follows the protocol `_lro_state` decides, every request through the user's client, so its
headers, cookies and authentication go along; a URL a response or token names on another
origin is not requested unless the user allows it (`allowed_origins`,
`follow_other_origins`). Thread-free, like the status pollers: requests and sleeps happen in
the caller's thread or task.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, ClassVar, Generic, TypeVar

from ._http import (
    TOKEN_VERSION,
    HttpResponse,
    PollOptions,
    UnexpectedResponse,
    _AsyncWaits,
    _Clock,
    _Waits,
    _wrap,
    read_token,
    retry_after,
    transient_error,
)
from ._lro import LroOperation, LroStatus
from ._lro_state import DONE, RESULT, LroState
from ._lro_token import from_token, to_token
from ._origins import Origins
from ._runtime import PollTimeout, ValidationError

__all__ = ["AsyncLroPoller", "LroPoller", "LroOperation", "LroStatus"]

R = TypeVar("R")
P = TypeVar("P", bound="_LroBase[Any]")


def _base_url(client: Any) -> str | None:
    """The client's base URL (httpx's `base_url`), when it has one."""
    value = str(getattr(client, "base_url", "") or "")
    return value or None


def _transport_errors() -> tuple[type[BaseException], ...]:
    try:
        import httpx
    except (
        ImportError
    ):  # any transport: its own errors, as the standard library names them
        return (ConnectionError, TimeoutError)
    return (httpx.TransportError, ConnectionError, TimeoutError)


def poller_parse(cls: type[_LroBase[Any]]) -> Callable[[Any], Any]:
    """The poller's result parser, for operations that answer with a status model."""
    probe = cls.__new__(cls)
    return probe._parse_result


class _LroBase(Generic[R]):
    """Everything an LRO poller does except requesting and sleeping."""

    _operation: ClassVar[LroOperation]

    def __init__(
        self,
        client: Any,
        state: LroState,
        options: PollOptions,
        hint: float | None,
        sleep: Any = None,
    ) -> None:
        self._client = client
        self._sleep = sleep or self._default_sleep()
        self._state = state
        self.options = options
        self._clock = _Clock(options)
        self._hint = hint
        self._seen: tuple[str, float | None] | None = None
        self._transport = _transport_errors()

    def _parse_result(self, data: Any) -> R:
        raise NotImplementedError

    def _default_sleep(self) -> Any:
        raise NotImplementedError

    @staticmethod
    def _options(options: dict[str, Any]) -> PollOptions:
        given = options.pop("options", None)
        return given if isinstance(given, PollOptions) else PollOptions(**options)

    @classmethod
    def _origins(
        cls, client: Any, fallback: str | None, options: PollOptions
    ) -> Origins:
        trusted = _base_url(client) or fallback
        return Origins.build(
            trusted, options.allowed_origins, options.follow_other_origins
        )

    @classmethod
    def from_response(cls: type[P], client: Any, response: Any, **options: Any) -> P:
        """A poller for the operation whose initial response (any status) is `response`: an
        `httpx.Response` or anything with status_code, headers, content and url."""
        sleep = options.pop("sleep", None)
        poll_options = cls._options(options)
        raw = _wrap(response)
        origins = cls._origins(client, raw.url or None, poll_options)
        state = LroState(cls._operation, origins, raw.url, _base_url(client))
        state.parse = poller_parse(cls)
        state.start(raw)
        hint = retry_after(raw, poll_options.now())
        poller = cls(client, state, poll_options, hint, sleep)
        if state.last is not None:
            poller._noticed(state.last)
        return poller

    @classmethod
    def from_continuation_token(
        cls: type[P], token: str, client: Any = None, **options: Any
    ) -> P:
        """Resume from `continuation_token()` with a client of your own. Its URLs must lie on
        the client's `base_url` origin, or on one you allow: a token is data from outside.
        """
        if client is None:
            raise ValueError("resuming needs the client to poll with")
        data = read_token(token, cls._operation.name)
        state_data = data.get("lro")
        if not isinstance(state_data, dict):
            raise ValueError("token holds no operation state")
        sleep = options.pop("sleep", None)
        poll_options = cls._options(options)
        origins = cls._origins(client, None, poll_options)
        state = from_token(cls._operation, origins, state_data)
        state.parse = poller_parse(cls)
        state.api_base = _base_url(client)
        return cls(client, state, poll_options, None, sleep)

    def continuation_token(self) -> str:
        """A versioned JSON token (URLs, the last state word and, once done, the result's
        body: no credentials, no pickle) from which `from_continuation_token` resumes in
        another process."""
        return json.dumps(
            {
                "statusgen": TOKEN_VERSION,
                "poller": self._operation.name,
                "lro": to_token(self._state),
            },
            sort_keys=True,
        )

    @property
    def status(self) -> str | None:
        """The last state word observed (`InProgress`, `Succeeded`, ...)."""
        last = self._state.last
        return last.status if last is not None else None

    @property
    def last(self) -> LroStatus | None:
        """The last observation, with its body and error."""
        return self._state.last

    def done(self) -> bool:
        return self._state.done

    def _noticed(self, status: LroStatus) -> None:
        seen = (status.status, status.progress)
        if seen != self._seen:
            self._seen = seen
            if self.options.on_progress is not None:
                self.options.on_progress(status)

    def _take(self, raw: Any) -> LroStatus | None:
        response = raw if isinstance(raw, HttpResponse) else _wrap(raw)
        status = self._state.observe(response)
        self._hint = retry_after(response, self.options.now())
        if status is not None:
            self._noticed(status)
        return status

    def _outcome(self) -> R:
        state = self._state
        if not state.has_body:
            return None  # type: ignore[return-value]  # R is None for such operations
        try:
            return self._parse_result(state.result_body)
        except ValidationError as exc:
            raise UnexpectedResponse(f"invalid result body: {exc}", None) from exc

    def _timeout(self) -> PollTimeout:
        return PollTimeout(self._state.last, self.options.timeout)

    def _delay(self) -> float:
        """The sleep before the next request: none before fetching the result or
        following a redirect."""
        if self._state.phase == RESULT or self._state.redirect is not None:
            return 0.0
        if self._clock.remaining() <= self._clock.reserve:
            raise self._timeout()
        return self._clock.cut(self._clock.next_delay(self._hint))

    def _url(self) -> str:
        url = self._state.redirect or self._state.url
        if url is None or self._state.phase == DONE:
            raise RuntimeError("the operation is over: nothing left to request")
        return url


class LroPoller(_LroBase[R], _Waits[R]):
    """Waits in the caller's thread for a long-running operation to finish.

    `wait()` returns the operation's result (None when it declares none), raises
    `OperationFailed` when it failed or was canceled (`.canceled` says which),
    `UnexpectedResponse` for an answer the protocol cannot go on from, and `PollTimeout`
    when the overall timeout passes. Iterating yields every `LroStatus` observed.
    """

    _sleep: Callable[[float], None]

    def _default_sleep(self) -> Callable[[float], None]:
        return time.sleep

    def _get(self, url: str) -> Any:
        timeout = self._clock.request_timeout()
        try:
            return self._client.get(url, timeout=timeout)
        except self._transport as exc:
            raise transient_error(exc) from exc

    def _step(self) -> LroStatus | None:
        """One request, transient answers retried within their own budget."""
        return self._clock.retrying(
            lambda: self._take(self._get(self._url())), self._timeout, self._sleep
        )

    def __iter__(self) -> Iterator[LroStatus]:
        self._clock.start()
        while not self._state.done:
            delay = self._delay()
            if delay:
                self._sleep(delay)
            status = self._step()
            if status is not None:
                yield status


class AsyncLroPoller(_LroBase[R], _AsyncWaits[R]):
    """The asyncio twin of `LroPoller`: cancelling the task stops it at once."""

    _sleep: Callable[[float], Awaitable[None]]

    def _default_sleep(self) -> Callable[[float], Awaitable[None]]:
        return asyncio.sleep

    async def _get(self, url: str) -> Any:
        timeout = self._clock.request_timeout()
        try:
            return await self._client.get(url, timeout=timeout)
        except self._transport as exc:
            raise transient_error(exc) from exc

    async def _step(self) -> LroStatus | None:
        async def attempt() -> LroStatus | None:
            return self._take(await self._get(self._url()))

        return await self._clock.retrying_async(attempt, self._timeout, self._sleep)

    async def __aiter__(self) -> AsyncIterator[LroStatus]:
        self._clock.start()
        while not self._state.done:
            delay = self._delay()
            if delay:
                await self._sleep(delay)
            status = await self._step()
            if status is not None:
                yield status
