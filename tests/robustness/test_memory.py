"""Memory stays flat: caches are bounded, so serving the universe again does not grow the server.

The server runs as `netpath-mock serve` in its own process (so this process's memory is not
measured) and its RSS is read with psutil between passes.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

from tests.robustness.support import (
    CF_AUTH,
    DD_AUTH,
    HUGE_RATE_ENV,
    catalog,
    serve_subprocess,
)

CF_RESULTS = 20_000
DD_TESTS = 10_000  # the largest org MOCK_DATADOG_TEST_COUNT allows
ENV = {**HUGE_RATE_ENV, "MOCK_DATADOG_TEST_COUNT": str(DD_TESTS)}
WORKERS = 4
PIPELINE_DEPTH = 32
MAX_GROWTH = 0.05


def _request(path: str, headers: dict[str, str]) -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _fetch_all(port: int, requests: Sequence[bytes]) -> list[int]:
    """Send `requests` on one keep-alive connection, PIPELINE_DEPTH at a time; their statuses."""
    statuses: list[int] = []
    with (
        socket.create_connection(("127.0.0.1", port), timeout=30) as sock,
        sock.makefile("rb") as stream,
    ):
        for start in range(0, len(requests), PIPELINE_DEPTH):
            batch = requests[start : start + PIPELINE_DEPTH]
            sock.sendall(b"".join(batch))
            for _ in batch:
                statuses.append(int(stream.readline().split()[1]))
                length = 0
                while (line := stream.readline()) != b"\r\n":
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                stream.read(length)
    return statuses


def _serve_pass(port: int, requests: Sequence[bytes]) -> list[int]:
    with ThreadPoolExecutor(WORKERS) as pool:
        parts = pool.map(
            _fetch_all, [port] * WORKERS, [requests[i::WORKERS] for i in range(WORKERS)]
        )
        return [status for part in parts for status in part]


def test_second_pass_over_the_universe_does_not_grow_the_server(tmp_path: Path) -> None:
    cf = catalog("cloudflare", CF_RESULTS, ENV)
    dd = catalog("datadog", DD_TESTS, ENV)
    requests = [
        _request(
            f"/client/v4/accounts/{i['account_id']}/dex/traceroute-test-results/"
            f"{i['test_result_id']}/network-path",
            CF_AUTH,
        )
        for i in cf
    ] + [_request(f"/api/v2/synthetics/tests/network/{i['public_id']}", DD_AUTH) for i in dd]
    assert len(set(requests)) == CF_RESULTS + DD_TESTS, "distinct resources"

    with serve_subprocess(tmp_path, env=ENV) as (proc, port):
        server = psutil.Process(proc.pid)
        first = _serve_pass(port, requests)
        after_first = server.memory_info().rss
        second = _serve_pass(port, requests)
        after_second = server.memory_info().rss

    assert first.count(200) == len(requests), "every catalog resource exists"
    assert second.count(200) == len(requests)
    growth = (after_second - after_first) / after_first
    assert growth <= MAX_GROWTH, (
        f"RSS {after_first / 2**20:.1f} MiB after the first pass, "
        f"{after_second / 2**20:.1f} MiB after the second (+{growth:.1%})"
    )


def test_garbage_bodies_and_huge_headers_are_not_retained(tmp_path: Path) -> None:
    """The request journal keeps what it shows (16 KiB), not 1 MiB bodies or 60 KB headers."""
    count = 200
    body = os.urandom((1 << 20) - 64)
    head = _request(
        "/api/v2/synthetics/tests/network/c7a-uwa-wn2",
        # 60 KB: the largest header a head may carry under the 64 KiB bound (MOCK_MAX_HEADER_BYTES).
        {**DD_AUTH, "Prefer": "x" * 60_000, "Content-Length": str(len(body))},
    ).replace(b"GET ", b"POST ", 1)
    with serve_subprocess(tmp_path, env=ENV) as (proc, port):
        server = psutil.Process(proc.pid)
        with (
            socket.create_connection(("127.0.0.1", port), timeout=30) as sock,
            sock.makefile("rb") as stream,
        ):

            def post() -> int:
                sock.sendall(head + body)
                status = int(stream.readline().split()[1])
                length = 0
                while (line := stream.readline()) != b"\r\n":
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                stream.read(length)
                return status

            assert post() == 404  # Datadog: no POST on this path
            before = server.memory_info().rss
            statuses = [post() for _ in range(count)]
            after = server.memory_info().rss
    assert statuses == [404] * count
    grown_mib = (after - before) / 2**20
    # Retaining them would be ~210 MiB; what the journal may keep is ~6 MiB.
    assert grown_mib < 32, f"{count} garbage POSTs grew the server by {grown_mib:.0f} MiB"
