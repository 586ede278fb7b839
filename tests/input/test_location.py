"""`Location` keeps its hash: the parser keys its tables by place and asks them often."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

from statusgen.input.load import Location


def test_equal_places_are_one_key_however_made() -> None:
    made = Location(Path("/specs/a.yaml")).child("components", "schemas", 0)
    again = Location(Path("/specs/a.yaml"), ("components", "schemas", "0"))
    assert made == again and hash(made) == hash(again)
    assert {made: 1}[again] == 1
    assert made != again.child("x")
    assert dataclasses.replace(made, tokens=()) == Location(Path("/specs/a.yaml"))


def test_an_unpickled_place_is_hashed_where_it_is_read() -> None:
    """A hash is only good in the process that made it (str hashes are salted per process):
    what pickling carries is the place, never the kept hash."""
    place = Location(Path("/specs/a.yaml"), ("paths", "/jobs"))
    object.__setattr__(place, "_hash", 12345)  # as another process's salt would leave it
    copy = pickle.loads(pickle.dumps(place))
    assert copy == place
    assert hash(copy) == hash((Path("/specs/a.yaml"), ("paths", "/jobs")))
    assert b"12345" not in pickle.dumps(place, protocol=0)
