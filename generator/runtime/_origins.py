"""Which URLs a poller may follow, and how a relative one is made absolute.

A status or result URL that a response or a continuation token names is requested through the
user's client, which sends its credentials wherever it is pointed: only the client's own
origin is followed, unless the user allows others.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass

from ._http import HttpResponse, UnexpectedResponse

Origin = tuple[str, str, int]


def origin_of(url: str) -> Origin | None:
    """(scheme, host, port) of an absolute http(s) URL; None for anything else."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    return scheme, parts.hostname.lower(), port or (443 if scheme == "https" else 80)


@dataclass(frozen=True)
class Origins:
    """Which origins a poller may send the user's client to: the trusted one (the client's
    base URL, else the initial request's), those the user allowed, or any when they said so.
    A URL from a response or a token elsewhere would carry the client's credentials there.
    """

    trusted: Origin | None
    allowed: frozenset[Origin] = frozenset()
    follow_any: bool = False

    @classmethod
    def build(
        cls, trusted: str | None, allowed: Sequence[str], follow_any: bool
    ) -> Origins:
        origins = set()
        for url in allowed:
            found = origin_of(url)
            if found is None:
                raise ValueError(f"allowed_origins: {url!r} is not an http(s) URL")
            origins.add(found)
        return cls(
            origin_of(trusted) if trusted else None, frozenset(origins), follow_any
        )

    def check(self, url: str, source: str, response: HttpResponse | None) -> str:
        found = origin_of(url)
        if found is None:
            raise UnexpectedResponse(
                f"{source} {url!r} is not an http(s) URL", response
            )
        if self.follow_any or found == self.trusted or found in self.allowed:
            return url
        scheme, host, port = found
        raise UnexpectedResponse(
            f"not following {source} {url!r}: its origin {scheme}://{host}:{port} is not the "
            "client's; pass allowed_origins=[...] or follow_other_origins=True to allow it",
            response,
        )


def resolve(
    base: str,
    value: str,
    source: str,
    response: HttpResponse | None,
    api_base: str | None = None,
) -> str:
    """A header or body URL made absolute; a clear error when it is no URL at all.

    A relative URL resolves against the request URL (RFC 3986), except a path from the root
    under a client whose `base_url` has a path (`https://host/face/v1.0`): servers such as
    Azure Face answer `/operations/1` meaning the API's own path, so it goes under that path,
    as the client's own requests do (unless it already starts with it)."""
    text = value.strip()
    if not text or any(c.isspace() for c in text):
        raise UnexpectedResponse(f"{source} {value!r} is not a URL", response)
    try:
        rooted = text.startswith("/") and not text.startswith("//")
        if api_base and (rooted or (not base and "://" not in text)):
            joined = _under_api(api_base, text)
        else:
            joined = urllib.parse.urljoin(base, text) if base else text
    except ValueError:
        raise UnexpectedResponse(f"{source} {value!r} is not a URL", response) from None
    if origin_of(joined) is None:
        raise UnexpectedResponse(f"{source} {value!r} is not a URL", response)
    return joined


def _under_api(api_base: str, path: str) -> str:
    """`path` (query included) under the path of the client's base URL."""
    if path.startswith("//"):
        return urllib.parse.urljoin(api_base, path)
    parts = urllib.parse.urlsplit(api_base)
    prefix = parts.path.rstrip("/")
    if not path.startswith("/"):
        path = "/" + path
    if prefix and not (path == prefix or path.startswith((prefix + "/", prefix + "?"))):
        path = prefix + path
    return f"{parts.scheme}://{parts.netloc}{path}"
