"""The wire side of polling: responses and their errors, the options, the delay hints a
server gives (Retry-After, status locations), and the clock that turns them into sleeps.
"""

from __future__ import annotations

import email.utils
import json
import random as _random
import time
import urllib.parse
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Iterator,
    Mapping,
    Sequence,
)
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")

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
    allowed_origins: Sequence[str] = ()
    """Origins (`https://host:port`) besides the client's to which URLs that responses or
    continuation tokens name may be followed."""
    follow_other_origins: bool = False
    """Follow such URLs to any origin: the client's credentials go along."""
    clock: Callable[[], float] = time.monotonic
    now: Callable[[], float] = time.time
    random: Callable[[], float] = _random.random

    def __post_init__(self) -> None:
        if not self.timeout > 0:
            raise ValueError("timeout must be positive")
        if self.min_delay < 0 or self.max_delay < self.min_delay:
            raise ValueError("need 0 <= min_delay <= max_delay")
        if isinstance(self.allowed_origins, str):
            raise ValueError("allowed_origins takes a list of origins, not one string")


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


def status_location(response: HttpResponse, declared: str | None = None) -> str | None:
    """Where a 202 says the status lives: the header the spec declares, else
    Operation-Location, Azure-AsyncOperation, Location, or a body field."""
    for name in ((declared,) if declared else ()) + LOCATION_HEADERS:
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


def expand_path(
    template: str, values: Mapping[str, object], keep_slashes: tuple[str, ...] = ()
) -> str:
    """A path template with each `{name}` replaced by its percent-encoded value; those
    named in `keep_slashes` keep their `/` (Google's `{name}`: `operations/1`)."""
    result = template
    for name, value in values.items():
        safe = "/" if name in keep_slashes else ""
        result = result.replace(
            "{" + name + "}", urllib.parse.quote(str(value), safe=safe)
        )
    return result


def read_token(token: str, poller: str) -> dict[str, Any]:
    """A continuation token's data, refused unless it is statusgen's, of a known version and
    made by `poller`: a token comes from outside, and one poller's state means nothing to
    another."""
    try:
        data = json.loads(token)
    except (ValueError, RecursionError):
        raise ValueError("not a statusgen continuation token") from None
    if not isinstance(data, dict) or data.get("statusgen") != TOKEN_VERSION:
        raise ValueError("not a statusgen continuation token of a known version")
    if data.get("poller") != poller:
        raise ValueError(f"token is for {data.get('poller')!r}, not {poller!r}")
    return data


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

    def retry_delay(
        self, error: BaseException, tries: int, timeout: Callable[[], Exception]
    ) -> float | None:
        """The wait before retrying a transient error; None once out of retries. Past the
        deadline the answer is `timeout()` (a PollTimeout with the last answer), not the
        error."""
        if self.remaining() <= self.reserve:
            raise timeout() from error
        if tries > self.options.transient_retries:
            return None
        response = error.response if isinstance(error, TransientError) else None
        return self.cut(self.next_delay(retry_after(response, self.options.now())))

    def retrying(
        self,
        attempt: Callable[[], T],
        timeout: Callable[[], Exception],
        sleep: Callable[[float], object],
        transient: tuple[type[Exception], ...] = (TransientError,),
    ) -> T:
        """`attempt()`, tried again after each transient error within the retry budget."""
        tries = 0
        while True:
            try:
                return attempt()
            except transient as exc:
                tries += 1
                delay = self.retry_delay(exc, tries, timeout)
                if delay is None:
                    raise
                sleep(delay)

    async def retrying_async(
        self,
        attempt: Callable[[], Awaitable[T]],
        timeout: Callable[[], Exception],
        sleep: Callable[[float], Awaitable[None]],
        transient: tuple[type[Exception], ...] = (TransientError,),
    ) -> T:
        """`retrying` in the caller's task: the attempt and the sleeps are awaited."""
        tries = 0
        while True:
            try:
                return await attempt()
            except transient as exc:
                tries += 1
                delay = self.retry_delay(exc, tries, timeout)
                if delay is None:
                    raise
                await sleep(delay)


class _Waits(Generic[T]):
    """`wait()` of a poller in the caller's thread: every status in turn, then the outcome."""

    def __iter__(self) -> Iterator[object]:
        raise NotImplementedError

    def _outcome(self) -> T:
        raise NotImplementedError

    def wait(self) -> T:
        """The final value on success; raises `OperationFailed` (failed or canceled:
        `.canceled` says which), `PollTimeout` or `UnexpectedResponse`."""
        for _ in self:
            pass
        return self._outcome()


class _AsyncWaits(Generic[T]):
    """`wait()` of a poller in the caller's asyncio task."""

    def __aiter__(self) -> AsyncIterator[object]:
        raise NotImplementedError

    def _outcome(self) -> T:
        raise NotImplementedError

    async def wait(self) -> T:
        """The final value on success; raises as `_Waits.wait` does."""
        async for _ in self:
            pass
        return self._outcome()


def transient_error(exc: BaseException) -> TransientError:
    """A transport's own failure (httpx's, the standard library's), as the retries know it."""
    return TransientError(f"{type(exc).__name__}: {exc}")


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
