"""Stored values as JSON: what goes in comes back equal, and nothing else is built."""

from __future__ import annotations

from collections import OrderedDict, deque
from dataclasses import dataclass

import orjson
import pytest

from netpath_mock.core import codec
from netpath_mock.vendors.datadog.ci import SessionCi, TriggeredRun
from netpath_mock.vendors.datadog.records import TestRecord, Version
from netpath_mock.vendors.datadog.service import DELETED
from netpath_mock.vendors.datadog.universe import User


def test_datadog_records_round_trip() -> None:
    user = User("u-1", 7, None, "a@example.com")
    record = TestRecord(
        data={"id": "abc-def-ghi", "attributes": {"name": "n", "tags": ["a"], "x": None}},
        created_at=1.5,
        modified_at=2.5,
        monitor_id=9,
        creator=user,
        modified_by=user,
        base_versions=0,
        versions=[Version(1, 1.5, user, {"name": "n"}, [{"action": "created"}])],
    )
    back = codec.decode(codec.encode(record))
    assert back == record and back is not record
    assert codec.encode(back) == codec.encode(record)  # deterministic bytes
    assert codec.decode(codec.encode(DELETED)) is DELETED


def test_containers_keep_their_type() -> None:
    log = SessionCi(triggers=3)
    log.batches["b"] = b"\x00{json}"
    log.runs.append(TriggeredRun("1", "p", "aws:x", 1.0, None, True))
    back = codec.decode(codec.encode(log))
    assert back == log
    assert isinstance(back.batches, OrderedDict) and back.runs.maxlen == log.runs.maxlen
    value = {
        ("account", "x"): 5,
        "\x00sneaky": 1,
        "t": (1, (2, "3")),
        "d": deque([1], maxlen=4),
        "s": {3, 1},
    }
    assert codec.decode(codec.encode(value)) == value


def test_unregistered_types_are_refused() -> None:
    @dataclass
    class Unknown:
        a: int

    with pytest.raises(codec.CodecError, match="register it"):
        codec.encode(Unknown(1))
    with pytest.raises(codec.CodecError):
        codec.encode(object())


def test_stored_bytes_cannot_name_other_classes() -> None:
    forged = orjson.dumps({codec.TAG: "os.system", "i": ["echo hi"]})
    with pytest.raises(codec.CodecError, match="unknown type"):
        codec.decode(forged)
    with pytest.raises(codec.CodecError):
        codec.decode(b"{not json")
    # A client's own dict with a key like the tag is stored inside a "map", never read as a tag.
    client_data = {codec.TAG: "const", "n": "datadog.deleted"}
    assert codec.decode(codec.encode(client_data)) == client_data
