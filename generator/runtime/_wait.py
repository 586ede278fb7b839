"""`python -m <package> wait`: poll a status resource from a terminal, with a live line.

Standard library only (urllib), so the command works without the httpx extra. Exit status:
0 success, 1 the operation failed or was canceled (its message is printed), 2 timeout or
usage, 3 the server could not be reached (connection refused, name or TLS failure, or
transient errors past their retries), 4 an answer polling cannot go on from (a 4xx, an
invalid body).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from ._polling import HttpResponse, TransientError, UnexpectedResponse, expand_path
from ._runtime import OperationFailed, PollTimeout

EXIT_SUCCESS, EXIT_FAILED, EXIT_TIMEOUT, EXIT_UNREACHABLE, EXIT_UNEXPECTED = (
    0,
    1,
    2,
    3,
    4,
)


class Target:
    """One poller the command can drive: its class, the GET path and its path parameters."""

    def __init__(
        self, name: str, poller: Any, path: str, parameters: Sequence[tuple[str, str]]
    ) -> None:
        self.name = name
        self.poller = poller
        self.path = path
        self.parameters = parameters  # (option name, wire name)


def urllib_fetch(url: str, headers: dict[str, str]) -> Callable[[float], HttpResponse]:
    """A fetch callable over urllib: any status code comes back as a response."""

    def fetch(timeout: float) -> HttpResponse:
        request = urllib.request.Request(url, headers=headers, method="GET")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return HttpResponse(
                    response.status, dict(response.headers), response.read(), url
                )
        except urllib.error.HTTPError as error:
            return HttpResponse(
                error.code, dict(error.headers or {}), error.read(), url
            )
        except (urllib.error.URLError, OSError) as error:
            raise TransientError(f"{type(error).__name__}: {error}") from error

    return fetch


class Display:
    """A live, rewritten line on a terminal; one plain line per observation otherwise."""

    def __init__(self, stream: TextIO, rule: Any, started: float) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.rule = rule
        self.started = started
        self.state = "waiting"
        self.percent: float | None = None
        self.last_width = 0

    def line(self, next_poll: float | None = None) -> str:
        parts = [f"{time.monotonic() - self.started:7.1f}s", self.state]
        if self.percent is not None:
            parts.append(f"{self.percent * 100:5.1f}%")
        if next_poll is not None:
            parts.append(f"next poll in {next_poll:.1f}s")
        return "  ".join(parts)

    def observe(self, model: Any) -> None:
        state = self.rule.state_of(model)
        self.state = str(state) if state is not None else "unknown"
        self.percent = self.rule.progress(model)
        if not self.live:
            print(self.line(), file=self.stream, flush=True)

    def show(self, next_poll: float | None) -> None:
        if self.live:
            text = self.line(next_poll)
            pad = " " * max(self.last_width - len(text), 0)
            self.stream.write("\r" + text + pad)
            self.stream.flush()
            self.last_width = len(text)

    def done(self) -> None:
        if self.live:
            self.stream.write("\n")
            self.stream.flush()


def _parser(prog: str, targets: Sequence[Target]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description="Wait for an operation to finish."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    wait = sub.add_parser(
        "wait", help="poll a status URL (or path parameters) until done"
    )
    wait.add_argument(
        "url", nargs="?", help="the status URL (absolute, or relative to --base-url)"
    )
    wait.add_argument(
        "--base-url", default="", help="the API's server, for relative URLs"
    )
    wait.add_argument(
        "--poller",
        choices=[t.name for t in targets],
        default=targets[0].name,
        help="which status resource (default: %(default)s)",
    )
    wait.add_argument("--timeout", type=float, default=600.0, help="overall seconds")
    wait.add_argument("--min-delay", type=float, default=0.0)
    wait.add_argument("--max-delay", type=float, default=30.0)
    wait.add_argument("--header", action="append", default=[], metavar="NAME:VALUE")
    options = sorted({option for t in targets for option, _ in t.parameters})
    for option in options:
        wait.add_argument("--" + option.replace("_", "-"), dest=option, metavar="VALUE")
    return parser


def _request(
    parser: argparse.ArgumentParser, args: argparse.Namespace, target: Target
) -> tuple[str, dict[str, str]]:
    """The status URL and the headers to poll it with, from the command line."""
    headers = dict(target.poller._headers)
    for raw in args.header:
        name, sep, value = raw.partition(":")
        if not sep:
            parser.error(f"--header takes NAME:VALUE, not {raw!r}")
        headers[name.strip()] = value.strip()
    if args.url:
        if "://" in args.url:
            url = args.url
        elif args.base_url:
            url = urllib.parse.urljoin(
                args.base_url.rstrip("/") + "/", args.url.lstrip("/")
            )
        else:
            parser.error(f"{args.url!r} is relative: give --base-url, or a full URL")
    else:
        values = {}
        for option, wire in target.parameters:
            value = getattr(args, option, None)
            if value is None:
                parser.error(
                    f"give a URL, or --{option.replace('_', '-')} for {target.name}"
                )
            values[wire] = value
        if not args.base_url:
            parser.error("--base-url is needed with path parameters")
        url = args.base_url.rstrip("/") + expand_path(
            target.path, values, target.poller._keep_slashes
        )
    return url, headers


def run(prog: str, targets: Sequence[Target], argv: Sequence[str] | None = None) -> int:
    """The whole command; returns the exit status. The final model goes to stdout as JSON,
    the progress line and messages to stderr."""
    parser = _parser(prog, targets)
    args = parser.parse_args(argv)
    target = next(t for t in targets if t.name == args.poller)
    url, headers = _request(parser, args, target)
    started = time.monotonic()
    display = Display(sys.stderr, target.poller._rule, started)

    def sleep(delay: float) -> None:
        end = time.monotonic() + delay
        while True:
            left = end - time.monotonic()
            display.show(max(left, 0.0))
            if left <= 0:
                return
            time.sleep(min(left, 0.2))

    poller = target.poller(
        urllib_fetch(url, headers),
        url=url,
        sleep=sleep,
        timeout=args.timeout,
        min_delay=args.min_delay,
        max_delay=args.max_delay,
        on_progress=None,
    )
    try:
        for model in poller:
            display.observe(model)
            display.show(None)
        display.done()
        final = poller.wait()
    except OperationFailed as failed:
        display.done()
        word = "canceled" if failed.canceled else "failed"
        print(f"{word}: {failed.message or f'the operation {word}'}", file=sys.stderr)
        return EXIT_FAILED
    except PollTimeout as timeout:
        display.done()
        cause = timeout.__cause__
        if timeout.model is None and isinstance(cause, TransientError):
            print(f"cannot reach {url}: {cause}", file=sys.stderr)
            return EXIT_UNREACHABLE
        print(f"timed out after {timeout.timeout:g}s", file=sys.stderr)
        return EXIT_TIMEOUT
    except TransientError as error:
        display.done()
        print(f"cannot reach {url}: {error}", file=sys.stderr)
        return EXIT_UNREACHABLE
    except UnexpectedResponse as error:
        display.done()
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNEXPECTED
    except KeyboardInterrupt:
        display.done()
        return 130
    print(f"succeeded after {time.monotonic() - started:.1f}s", file=sys.stderr)
    to_json = getattr(final, "to_json", None)
    print(to_json() if to_json is not None else json.dumps(final))
    return EXIT_SUCCESS
