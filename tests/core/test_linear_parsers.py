"""Issue 16, item 1, in process: the parsers of client input run in linear time.

The former patterns serve as oracles on short inputs (where they are fast), so the vendor
answers for normal input are unchanged; on a megabyte the parsers take milliseconds.
"""

from __future__ import annotations

import contextlib
import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpath_mock.core.errors import MockError
from netpath_mock.core.pipeline import parse_controls, prefer_item
from netpath_mock.vendors.cloudflare.auth import CloudflareAuthenticator, valid_email
from netpath_mock.vendors.datadog.auth import DatadogAuthenticator
from tests.robustness.test_linear_input import DEADLINE, SHAPES

FORMER_PREFER_ITEM = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*\"?([^\",;]*)\"?\s*")
FORMER_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
EDGE = st.text(' \t"=;,a1_-.@x\x85\xa0\x1c\n', max_size=12)


@given(EDGE)
def test_prefer_items_parse_as_the_former_pattern_did(part: str) -> None:
    match = FORMER_PREFER_ITEM.fullmatch(part.replace(",", "").replace(";", ""))
    expected = (match.group(1), match.group(2)) if match else None
    assert prefer_item(part.replace(",", "").replace(";", "")) == expected


@given(EDGE)
def test_emails_validate_as_the_former_pattern_did(value: str) -> None:
    assert valid_email(value) == bool(FORMER_EMAIL.match(value))


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_parsers_take_linear_time_on_a_megabyte(shape: str) -> None:
    value = SHAPES[shape](1 << 20)
    authenticator = CloudflareAuthenticator(None)
    datadog = DatadogAuthenticator(None, legacy_forbidden=False)
    started = time.monotonic()
    for _ in range(3):
        # Only the time matters here: what they answer is tested above and over HTTP.
        with contextlib.suppress(MockError):
            parse_controls(value, "__code=" + value[:1000])
        for header in ("authorization", "x-auth-key", "x-auth-email"):
            with contextlib.suppress(MockError):
                authenticator.authenticate({header: value, "x-auth-key": "0" * 32})
        datadog.authenticate({"dd-api-key": value, "dd-application-key": value})
    assert time.monotonic() - started < DEADLINE
