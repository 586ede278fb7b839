"""The runtime's date-time fast path (`datetime.fromisoformat`, 3.11+) reads exactly what the
RFC 3339 parser reads: the same value and offset, and whatever the fast path does not take goes
to the full parser, so errors are the full parser's. Checked on a table of real and hostile
spellings and on generated near-RFC 3339 text. format_datetime's UTC shortcut is checked
against isoformat()."""

from __future__ import annotations

import datetime
from typing import Any

import face
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

runtime: Any = face._runtime
datetimes: Any = face._datetime  # the full parser, beside the fast path

TABLE = [
    "2018-12-25T11:41:02.2331413Z",
    "2018-12-25T11:41:02Z",
    "2018-12-25T11:41:02.1Z",
    "2018-12-25T11:41:02.123456789Z",
    "2018-12-25T11:41:02.1234567890Z",
    "2018-12-25T11:41:02.9999999Z",
    "2018-12-25T11:41:02.Z",
    "2018-12-25T11:41:02,5Z",
    "2018-12-25T11:41:02ZZ",
    "2018-12-25T11:41:02.5+01:00",
    "2018-12-25T11:41:02.5+0100",
    "2018-12-25T11:41:02+01",
    "2018-12-25t11:41:02z",
    "2018-12-25 11:41:02Z",
    "2018-12-25T11:41Z",
    "2018-12-25T11:41:60Z",
    "2016-12-31T23:59:60Z",
    "2018-12-25T24:00:00Z",
    "2018-02-30T11:41:02Z",
    "20181225T114102Z",
    "2018-W52-2T11:41:02Z",
    "2018-359T11:41:02Z",
    "2018-12-25T11:41:02.12a4Z",
    "2018-12-25T11:41:02.+1Z",
    "2018-12-25T1१:41:02Z",
    "２018-12-25T11:41:02Z",
    "2018-12-25T11:41:02",
    "",
    "Z",
]


def outcome(parse: Any, text: str) -> tuple[Any, ...]:
    try:
        value = parse(text, "$.t")
    except runtime.ValidationError as exc:
        return ("error", exc.path, exc.message)
    return ("ok", value, value.utcoffset())


@pytest.mark.parametrize("text", TABLE)
def test_fast_path_reads_what_the_full_parser_reads(text: str) -> None:
    assert outcome(runtime.parse_datetime, text) == outcome(datetimes._parse_rfc3339, text)


@pytest.mark.parametrize("text", TABLE)
def test_field_readers_agree_with_the_full_parser(text: str) -> None:
    expected = outcome(datetimes._parse_rfc3339, text)
    if expected[0] == "error":
        expected = ("error", "$.t", expected[2])
    for reader in (runtime.optional_datetime, runtime.required_datetime):
        assert outcome(lambda t, p, r=reader: r({"t": t}, "t", "$"), text) == expected


def test_seven_digits_are_truncated_not_rounded() -> None:
    value = runtime.parse_datetime("2018-12-25T11:41:02.9999999Z", "$")
    assert value == datetime.datetime(2018, 12, 25, 11, 41, 2, 999999, tzinfo=datetime.timezone.utc)
    assert value.tzinfo is datetime.timezone.utc


near_rfc3339 = st.builds(
    lambda parts: "".join(parts),
    st.tuples(
        st.sampled_from(["2018", "0001", "9999", "20x8", "201"]),
        st.sampled_from(["-", "-12", "-"]),
        st.sampled_from(["12", "02", "13", "1", "W5"]),
        st.sampled_from(["-25", "-30", "-00", "-1", "25"]),
        st.sampled_from(["T", "t", " ", "_", ""]),
        st.sampled_from(["11:41:02", "23:59:60", "24:00:00", "11:41", "114102", "1:41:02"]),
        st.sampled_from(["", ".", ".2", ".2331413", ".123456789", ".1234567890", ",5", ".5a"]),
        st.sampled_from(["Z", "z", "+01:00", "-23:59", "+24:00", "+0100", "+01", "", "ZZ"]),
    ),
)


@settings(max_examples=400, deadline=None)
@given(near_rfc3339 | st.text(alphabet="0123456789-T:.Z+ ", max_size=32))
def test_generated_spellings_agree(text: str) -> None:
    assert outcome(runtime.parse_datetime, text) == outcome(datetimes._parse_rfc3339, text)


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(
        timezones=st.sampled_from(
            [
                datetime.timezone.utc,
                datetime.timezone(datetime.timedelta(0)),
                datetime.timezone(datetime.timedelta(hours=5, minutes=30)),
            ]
        )
    )
)
def test_format_datetime_is_canonical_isoformat(value: datetime.datetime) -> None:
    text = value.isoformat()
    expected = text[:-6] + "Z" if text.endswith("+00:00") else text
    assert runtime.format_datetime(value) == expected
