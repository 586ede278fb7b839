"""The base classes of this package's pollers, sync and asyncio; generated code imports every
polling name from here (`__all__`).

Thread-free: every request and every sleep happens in the caller's thread (sync) or task
(asyncio), so Ctrl+C and task cancellation stop polling at once. The clock, the sleep and the
random source are injectable so tests need no real waiting. httpx is imported only by the
`from_url` / `from_client` constructors; the core takes any callable.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, TypeVar, cast

from ._http import (
    AsyncFetch,
    Fetch,
    HttpResponse,
    PollOptions,
    TransientError,
    UnexpectedResponse,
    _AsyncWaits,
    _Waits,
    _wrap,
    expand_path,
    transient_error,
)
from ._loop import _Bound
from ._lro import LroStatus
from ._lro_pollers import AsyncLroPoller, LroOperation, LroPoller
from ._runtime import OperationFailed, PollTimeout

__all__ = [
    "AsyncLroPoller",
    "AsyncPoller",
    "AsyncResultPoller",
    "HttpResponse",
    "LroPoller",
    "LroOperation",
    "LroStatus",
    "OperationFailed",
    "PollOptions",
    "PollTimeout",
    "Poller",
    "ResultPoller",
    "TransientError",
    "UnexpectedResponse",
    "expand_path",
]

M = TypeVar("M")
F = TypeVar("F")
R = TypeVar("R")


_RETRIED = (TransientError, ConnectionError, TimeoutError)
"""What a status request retries: the transport's own errors, as a `fetch` may raise them."""


class _SyncPoller(_Bound[M, F, Fetch, Callable[[float], None]], _Waits[F]):
    """The polling loop in the caller's thread."""

    def _default_sleep(self) -> Callable[[float], None]:
        return time.sleep

    def poll(self) -> M | None:
        """One status request, transient errors retried within their own budget.

        Returns the status model, or None when a result endpoint delivered its result.
        """
        self._clock.start()

        def attempt() -> M | None:
            return self._observe(self._fetch(self._clock.request_timeout()))

        return self._clock.retrying(attempt, self._timeout, self._sleep, _RETRIED)

    def __iter__(self) -> Iterator[M]:
        yield from self._known()
        for delay in self._schedule():
            if delay is not None:
                self._sleep(delay)
            model = self.poll()
            if model is not None:
                yield model

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
                raise transient_error(exc) from exc

        def cancel(timeout: float) -> object:
            try:
                response = client.request(
                    cls._cancel_method, cancel_url, headers=headers, timeout=timeout
                )
            except httpx.TransportError as exc:
                raise transient_error(exc) from exc
            return cls._cancelled(response)

        return fetch, (cancel if cancel_url is not None else None)


class _AsyncPoller(
    _Bound[M, F, AsyncFetch, Callable[[float], Awaitable[None]]], _AsyncWaits[F]
):
    """The polling loop in the caller's asyncio task; cancelling the task stops it at once."""

    def _default_sleep(self) -> Callable[[float], Awaitable[None]]:
        return asyncio.sleep

    async def poll(self) -> M | None:
        """One status request, transient errors retried within their own budget."""
        self._clock.start()

        async def attempt() -> M | None:
            return self._observe(await self._fetch(self._clock.request_timeout()))

        return await self._clock.retrying_async(
            attempt, self._timeout, self._sleep, _RETRIED
        )

    async def __aiter__(self) -> AsyncIterator[M]:
        for known in self._known():
            yield known
        for delay in self._schedule():
            if delay is not None:
                await self._sleep(delay)
            model = await self.poll()
            if model is not None:
                yield model

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
                raise transient_error(exc) from exc
            return _wrap(response)

        async def cancel(timeout: float) -> object:
            try:
                response = await client.request(
                    cls._cancel_method, cancel_url, headers=headers, timeout=timeout
                )
            except httpx.TransportError as exc:
                raise transient_error(exc) from exc
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
