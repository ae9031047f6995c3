"""Issue 16, items 2 and 3: journal entries are bounded; no secret is ever recorded or logged."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import httpx
import pytest

from netpath_mock.core.journal import (
    MAX_RECORDED_BODY,
    MAX_RECORDED_HEADER_BYTES,
    MAX_RECORDED_HEADERS,
    AccessLogMask,
    Entry,
    Journal,
    masked,
    masked_query,
)
from tests.conftest import DD_HEADERS, TOKEN, network_path_url
from tests.robustness.support import NETPATH_MOCK, free_port, server_env, wait_until_listening

SECRET = "s3cr3t-value-0123456789"
SECRET_QUERY = {
    "api_key": SECRET,
    "application_key": SECRET,
    "dd-api-key": SECRET,
    "dd-application-key": SECRET,
    "access_token": SECRET,
    "client_secret": SECRET,
    "password": SECRET,
    "x-api-key": SECRET,
    "sessionid": SECRET,
    "SIGNATURE": SECRET,
}
SECRET_HEADERS = {
    "X-Api-Key": SECRET,
    "cf-access-client-secret": SECRET,
    "cf-access-client-id": SECRET,
    "Cookie": f"session={SECRET}",
    "Proxy-Authorization": f"Basic {SECRET}",
    "X-Auth-User-Service-Key": SECRET,
    "X-Amz-Security-Token": SECRET,
    "X-Custom-Password": SECRET,
}


@pytest.mark.parametrize("vendor", ["cloudflare", "datadog"])
def test_query_and_header_secrets_are_masked_in_the_journal(
    http: httpx.Client, session_headers: dict[str, str], vendor: str
) -> None:
    if vendor == "cloudflare":
        url, auth = network_path_url(), {"Authorization": f"Bearer {TOKEN}"}
    else:
        url, auth = "/api/v2/synthetics/tests/network/c7a-uwa-wn2", DD_HEADERS
    params = {**SECRET_QUERY, "page": "2"}
    response = http.get(url, params=params, headers={**auth, **SECRET_HEADERS, **session_headers})
    assert response.status_code == 200
    journal = http.get("/_mock/requests", headers=session_headers).text
    assert SECRET not in journal and TOKEN not in journal
    (entry,) = http.get("/_mock/requests", headers=session_headers).json()["requests"]
    assert "page=2" in entry["query"]
    for name in SECRET_QUERY:
        assert f"{name}=***" in entry["query"]
    for name in SECRET_HEADERS:
        assert entry["headers"][name.lower()] == "***"


def test_secrets_never_reach_the_access_log(caplog: pytest.LogCaptureFixture) -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        (
            "127.0.0.1:5000",
            "GET",
            f"/api/v2/x?api_key={SECRET}&page=2&DD-APPLICATION-KEY={SECRET}",
            "1.1",
            200,
        ),
        None,
    )
    assert AccessLogMask().filter(record)
    line = record.getMessage()
    assert SECRET not in line
    assert "api_key=***" in line and "page=2" in line and "DD-APPLICATION-KEY=***" in line


def test_served_access_log_masks_query_credentials(tmp_path: Path) -> None:
    """`serve --access-log`: the lines uvicorn writes carry no query credential."""
    port = free_port()
    out = tmp_path / "access.log"
    with out.open("wb") as stdout:
        proc = subprocess.Popen(
            [NETPATH_MOCK, "serve", "--port", str(port), "--access-log"],
            cwd=tmp_path,
            env=server_env(),
            stdout=stdout,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_listening(proc, port)
        url = f"http://127.0.0.1:{port}/api/v2/synthetics/tests/network/c7a-uwa-wn2"
        params = {"application_key": SECRET, "api_key": SECRET, "page": "2"}
        assert httpx.get(url, params=params, headers=DD_HEADERS).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    log = out.read_text()
    assert "api_key=***" in log and "page=2" in log, log
    assert SECRET not in log


def test_masking_by_name() -> None:
    headers = {
        "authorization": "Bearer x",
        "x-my-token": "t",
        "accept": "a",
        "keep-alive": "timeout=5",
        "x-mock-session": "s",
    }
    assert masked(dict(headers)) == {
        "authorization": "***",
        "x-my-token": "***",
        "accept": "a",
        "keep-alive": "timeout=5",
        "x-mock-session": "s",
    }
    assert masked_query("a=1&apiKey=2&b") == "a=1&apiKey=***&b"
    assert masked_query("api%5Fkey=2") == "api%5Fkey=***"
    assert masked_query("__code=503&__latency=10") == "__code=503&__latency=10"


def test_names_the_classification_memo_cannot_keep_are_still_masked() -> None:
    # Over the memo's name length: classified afresh on every request, never remembered.
    long_secret = "x-" + "a" * 200 + "-token"
    long_plain = "x-" + "b" * 200
    for _ in range(2):
        assert masked({long_secret: "v", long_plain: "p"}) == {long_secret: "***", long_plain: "p"}
    journal = Journal(5)
    journal.add("datadog", "GET", "/p", "", {long_secret: "v", "accept": "a"}, b"", 200, 1.0)
    (entry,) = journal.entries()
    assert entry.headers == {long_secret: "***", "accept": "a"}


def test_entries_are_bounded() -> None:
    journal = Journal(10)
    headers = {f"x-h{i}": "v" * 1000 for i in range(300)}
    journal.record(
        Entry(0.0, "datadog", "POST", "/p" * 5000, "q" * 9000, headers, b"b" * 50_000, 400, 1.0)
    )
    (entry,) = journal.entries()
    assert len(entry.headers) <= MAX_RECORDED_HEADERS
    assert sum(len(k) + len(v) for k, v in entry.headers.items()) <= MAX_RECORDED_HEADER_BYTES + 64
    assert entry.headers["x-netpath-mock-dropped-headers"].isdigit()
    assert len(entry.body) == MAX_RECORDED_BODY
    assert len(entry.path) <= 4096 and len(entry.query) <= 4096
    assert journal.bytes < 64 * 1024
