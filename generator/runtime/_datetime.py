"""Strings with a format: RFC 3339 date-times and dates (one fast path,
`datetime.fromisoformat`, where it reads exactly what the full parser reads, the full parser
for everything else), times of day and UUIDs."""

from __future__ import annotations

import datetime
import re
import sys
import uuid
from typing import Any, Final

from ._base import ValidationError, describe

_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))",
    re.ASCII,
)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_fromisoformat: Final = datetime.datetime.fromisoformat
_ISO_SHAPES: Final = (
    {20: "--T::Z", **{n: "--T::." for n in range(22, 31)}}
    if sys.version_info >= (3, 11)  # from 3.11 fromisoformat reads `Z` and any fraction
    else {}
)
"""The date-times `datetime.fromisoformat` reads exactly as the RFC 3339 parser does, by their
separators (offsets 4, 7, ... 19) and length: `YYYY-MM-DDTHH:MM:SSZ` and, with 1-9 fractional
digits, `YYYY-MM-DDTHH:MM:SS.fZ`. Digits and ranges it still checks itself, and what it refuses
(a leap second, say) goes to the full parser."""


def parse_datetime(value: Any, path: str, depth: int = 0) -> datetime.datetime:
    """RFC 3339 date-time with `Z` or an offset and 0-9 fractional digits (beyond 6 truncated)."""
    if (
        type(value) is str
        and value[-1:] == "Z"
        and value[4:20:3] == _ISO_SHAPES.get(len(value))
    ):
        try:
            return _fromisoformat(value)
        except ValueError:
            pass
    return _parse_rfc3339(value, path)


def _parse_rfc3339(value: Any, path: str) -> datetime.datetime:
    if not isinstance(value, str):
        raise ValidationError(
            path, f"expected a date-time string, got {describe(value)}"
        )
    m = _DATETIME.fullmatch(value)
    if m is None:
        raise ValidationError(path, f"invalid date-time {value[:64]!r}")
    year, month, day, hour, minute, second, fraction, z, sign, oh, om = m.groups()
    if z:
        tz = datetime.timezone.utc
    else:
        if int(oh) > 23 or int(om) > 59:
            raise ValidationError(path, f"invalid date-time offset in {value[:64]!r}")
        offset = datetime.timedelta(hours=int(oh), minutes=int(om))
        tz = datetime.timezone(-offset if sign == "-" else offset)
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    leap = second == "60" and minute == "59"
    try:
        result = datetime.datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            59 if leap else int(second),
            micro,
            tzinfo=tz,
        )
    except ValueError as exc:
        raise ValidationError(
            path, f"invalid date-time {value[:64]!r}: {exc}"
        ) from None
    return result


_UTC: Final = datetime.timezone.utc
_TWO_DIGITS: Final = [f"{n:02d}" for n in range(100)]
"""`00` to `99`: picking a part's text is cheaper than formatting it, as `isoformat` does."""


def format_datetime(value: datetime.datetime) -> str:
    """Canonical RFC 3339: `Z` for UTC, fraction only when non-zero (6 digits)."""
    if value.tzinfo is not _UTC:
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    two = _TWO_DIGITS
    year = str(value.year) if value.year > 999 else f"{value.year:04d}"
    text = (
        f"{year}-{two[value.month]}-{two[value.day]}"
        f"T{two[value.hour]}:{two[value.minute]}:{two[value.second]}"
    )
    micro = value.microsecond
    return f"{text}.{str(micro + 1_000_000)[1:]}Z" if micro else f"{text}Z"


def parse_date(value: Any, path: str, depth: int = 0) -> datetime.date:
    if not isinstance(value, str):
        raise ValidationError(path, f"expected a date string, got {describe(value)}")
    m = _DATE.fullmatch(value)
    if m is None:
        raise ValidationError(path, f"invalid date {value[:64]!r}")
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise ValidationError(path, f"invalid date {value[:64]!r}: {exc}") from None


_TIME = re.compile(
    r"(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))?",
    re.ASCII,
)


def parse_time(value: Any, path: str, depth: int = 0) -> datetime.time:
    """RFC 3339 `full-time` (`15:04:05.123Z`, `15:04:05+02:00`); servers also send a time
    without its offset, which stays naive. Digits beyond microseconds are truncated."""
    if not isinstance(value, str):
        raise ValidationError(path, f"expected a time string, got {describe(value)}")
    m = _TIME.fullmatch(value)
    if m is None:
        raise ValidationError(path, f"invalid time {value[:64]!r}")
    tz: datetime.tzinfo | None = datetime.timezone.utc if m[5] else None
    if m[6]:
        offset = datetime.timedelta(hours=int(m[7]), minutes=int(m[8]))
        tz = datetime.timezone(-offset if m[6] == "-" else offset)
    micro = int((m[4] or "0")[:6].ljust(6, "0"))
    try:
        return datetime.time(int(m[1]), int(m[2]), int(m[3]), micro, tzinfo=tz)
    except ValueError as exc:
        raise ValidationError(path, f"invalid time {value[:64]!r}: {exc}") from None


_UUID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    re.ASCII | re.IGNORECASE,
)


def parse_uuid(value: Any, path: str, depth: int = 0) -> uuid.UUID:
    """A UUID in its canonical hyphenated form, either case: `uuid.UUID` alone also takes
    braces, a `urn:uuid:` prefix or no hyphens, which no server sends for `format: uuid`.
    """
    if not isinstance(value, str):
        raise ValidationError(path, f"expected a UUID string, got {describe(value)}")
    if _UUID.fullmatch(value) is None:
        raise ValidationError(path, f"invalid UUID {value[:64]!r}")
    return uuid.UUID(value)
