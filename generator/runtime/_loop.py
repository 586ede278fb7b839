"""The polling state machine shared by the sync and asyncio pollers, without their I/O, and
the ways to make a poller from an httpx client, a 202 response or a continuation token.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping
from typing import Any, Generic, TypeVar, cast

from ._http import (
    TOKEN_VERSION,
    TRANSIENT_STATUS,
    HttpResponse,
    PollOptions,
    TransientError,
    UnexpectedResponse,
    _Clock,
    _wrap,
    expand_path,
    read_token,
    retry_after,
    status_location,
)
from ._origins import Origins
from ._runtime import (
    OperationFailed,
    PollTimeout,
    StatusRule,
    ValidationError,
    decode_json,
)

M = TypeVar("M")
F = TypeVar("F")
P = TypeVar("P", bound="_Bound[Any, Any, Any, Any]")
Q = TypeVar("Q")
S = TypeVar("S")


class _Core(Generic[M, F, Q, S]):
    """Everything a poller does except fetching and sleeping.

    `M` is the status model; `F` what `wait()` returns: the final status itself, or for a
    result endpoint (202 + status while running, 200 + result when done) the result. `Q` is
    the type of the request functions (fetch, cancel) and `S` of the sleep: plain functions
    for the sync poller, coroutine functions for the asyncio one.
    """

    _rule: StatusRule
    _model: Any = None
    """The status model's class: `_parse` builds it, and its `_status_rule` is `_rule`."""
    _path = ""
    """The status resource's path template, which `from_client` fills in."""
    _headers: Mapping[str, str] = {}
    _cancel_suffix: str | None = None
    _cancel_method = "POST"
    _unwrap: str | None = None
    _status_header: str | None = None
    _keep_slashes: tuple[str, ...] = ()
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
        self._last_progress: tuple[object, object, object] | None = None
        self._hint = options.initial_delay

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A generated poller names its `_model`; the rule comes with it."""
        super().__init_subclass__(**kwargs)
        model = cls.__dict__.get("_model")
        if model is not None and "_rule" not in cls.__dict__:
            cls._rule = model._status_rule

    def _default_sleep(self) -> S:
        raise NotImplementedError

    def _parse(self, data: Any) -> M:
        if self._model is None:
            raise NotImplementedError
        return cast(M, self._model.from_dict(data))

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
        if self._unwrap is not None:
            if not isinstance(body, Mapping) or self._unwrap not in body:
                raise UnexpectedResponse(
                    f"invalid status body: no {self._unwrap!r} key", response
                )
            body = body[self._unwrap]
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
        progress = (
            self._rule.state_of(model),
            self._rule.progress(model),
            self._rule.progress_text(model),
        )
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
        last = self._last
        raise OperationFailed(
            last, self._rule.failure_message(last), self._rule.is_canceled(last)
        )

    def _timeout(self) -> PollTimeout:
        return PollTimeout(self._last, self.options.timeout)

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
        data = read_token(token, cls._name)
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
        if not cls._cancel_suffix:
            return url  # the status resource itself (DELETE)
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
    def _at(
        cls: type[P], client: Any, values: Mapping[str, object], **options: Any
    ) -> P:
        """`from_url` for `_path` filled with `values` (by wire name): what each generated
        `from_client` does once its typed signature has the path parameters."""
        path = expand_path(cls._path, values, cls._keep_slashes)
        return cls.from_url(client, path, **options)

    @classmethod
    def from_response(cls: type[P], client: Any, response: Any, **options: Any) -> P:
        """A poller for the status URL a 202 names (Operation-Location, Location or a body
        field such as stateLocation); its Retry-After delays the first poll."""
        raw = _wrap(response)
        url = status_location(raw, cls._status_header)
        if url is None:
            raise UnexpectedResponse("the response names no status location", raw)
        poll_options = options.get("options")
        if not isinstance(poll_options, PollOptions):
            poll_options = None
        now = poll_options.now if poll_options else options.get("now")
        if "://" in url:  # a relative one goes to the client's base URL, as before
            origins = cls._origins(client, raw.url, poll_options, options)
            origins.check(url, "the status location", raw)
        options.setdefault("initial_delay", retry_after(raw, (now or time.time)()))
        return cls.from_url(client, url, **options)

    @classmethod
    def _origins(
        cls,
        client: Any,
        fallback: str | None,
        poll_options: PollOptions | None,
        options: dict[str, Any],
    ) -> Origins:
        """Where URLs from responses and tokens may lead (see `_lro.Origins`)."""
        base = str(getattr(client, "base_url", "") or "") or fallback
        if poll_options is not None:
            allowed, follow = (
                poll_options.allowed_origins,
                poll_options.follow_other_origins,
            )
        else:
            allowed = options.get("allowed_origins", ())
            follow = bool(options.get("follow_other_origins", False))
        return Origins.build(base, allowed, follow)

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
            if "://" in url:  # relative URLs go to the client's base URL
                poll_options = options.get("options")
                if not isinstance(poll_options, PollOptions):
                    poll_options = None
                origins = cls._origins(client, None, poll_options, options)
                origins.check(url, "the continuation token's url", None)
            fetch, cancel = cls._bind(client, url)
        return cls(fetch, url=url, cancel=cancel, last=last, **options)
