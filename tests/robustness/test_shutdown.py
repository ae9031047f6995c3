"""SIGTERM: `netpath-mock serve` finishes the requests in flight, then exits 0 within seconds.

uvicorn shuts down gracefully on SIGTERM and then re-raises the signal; app/cli.py installs a
handler so that re-raise ends the process with status 0 rather than "killed by SIGTERM" (-15).
"""

from __future__ import annotations

import signal
import socket
import time
from pathlib import Path

from tests.conftest import DOC_ACCOUNT, DOC_RESULT
from tests.robustness.support import (
    CF_AUTH,
    DD_AUTH,
    assert_cloudflare_shape,
    assert_datadog_shape,
    build_request,
    parse_response,
    serve_subprocess,
)

EXIT_WITHIN = 3.0
DELAY_MS = 1000
CF_PATH = f"/client/v4/accounts/{DOC_ACCOUNT}/dex/traceroute-test-results/{DOC_RESULT}/network-path"
DD_PATH = "/api/v2/synthetics/tests/network/c7a-uwa-wn2"


def _send(port: int, path: str, headers: dict[str, str]) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    pairs = [(k.encode(), v.encode()) for k, v in headers.items()]
    sock.sendall(build_request(b"GET", path.encode(), pairs))
    return sock


def _read_all(sock: socket.socket) -> bytes:
    data = b""
    with sock:
        while chunk := sock.recv(1 << 16):
            data += chunk
    return data


def test_sigterm_finishes_requests_in_flight_and_exits_zero(tmp_path: Path) -> None:
    with serve_subprocess(tmp_path) as (proc, port):
        # An idle keep-alive connection must not hold the shutdown up.
        idle = socket.create_connection(("127.0.0.1", port), timeout=10)
        idle.sendall(b"GET /_mock/health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert idle.recv(4096).startswith(b"HTTP/1.1 200")

        prefer = {"Prefer": f"latency={DELAY_MS}"}
        sent = time.monotonic()
        in_flight = [
            (_send(port, CF_PATH, {**CF_AUTH, **prefer}), "cloudflare"),
            (_send(port, DD_PATH, {**DD_AUTH, **prefer}), "datadog"),
        ]
        time.sleep(0.3)  # both requests are now sleeping inside the server
        proc.send_signal(signal.SIGTERM)
        signalled = time.monotonic()

        answers = [(parse_response(_read_all(sock)), vendor) for sock, vendor in in_flight]
        answered = time.monotonic()
        returncode = proc.wait(timeout=10)
        exited = time.monotonic()
        idle.close()

    for response, vendor in answers:
        assert response.status == 200, (vendor, response.body[:200])
        if vendor == "cloudflare":
            assert_cloudflare_shape(response)
        else:
            assert_datadog_shape(response)
    assert answered - sent >= DELAY_MS / 1000 * 0.95, "the answers waited for their latency"
    assert returncode == 0, f"exit status {returncode} (negative: killed by that signal)"
    assert exited - signalled <= EXIT_WITHIN, f"exited {exited - signalled:.2f} s after SIGTERM"


def test_sigterm_when_idle_exits_zero_at_once(tmp_path: Path) -> None:
    with serve_subprocess(tmp_path) as (proc, _):
        signalled = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        returncode = proc.wait(timeout=10)
        exited = time.monotonic()
    assert returncode == 0
    assert exited - signalled <= EXIT_WITHIN


LONG_DELAY_MS = 8000  # longer than uvicorn's grace period (5 s)


def test_sigterm_cuts_long_delays_short_and_answers_in_the_vendor_shape(tmp_path: Path) -> None:
    """Issue 16, item 5: delays that would outlast the grace period end early, so every request
    in flight is answered in the vendor's shape; never uvicorn's text/plain 500 and a traceback
    (what today's main did once the grace period ran out and uvicorn cancelled the requests)."""
    with serve_subprocess(tmp_path) as (proc, port):
        prefer = {"Prefer": f"latency={LONG_DELAY_MS}"}
        in_flight = [
            (_send(port, CF_PATH, {**CF_AUTH, **prefer}), "cloudflare"),
            (_send(port, DD_PATH, {**DD_AUTH, **prefer}), "datadog"),
        ]
        # A request whose body is still arriving when the server stops: closed, not answered 500.
        uploading = socket.create_connection(("127.0.0.1", port), timeout=10)
        auth = "".join(f"{k}: {v}\r\n" for k, v in DD_AUTH.items())
        uploading.sendall(
            f"POST /api/v2/synthetics/tests/network HTTP/1.1\r\nHost: x\r\n{auth}"
            f'Content-Length: 1000\r\n\r\n{{"data":'.encode()
        )
        time.sleep(0.5)  # both delays are now sleeping inside the server
        proc.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        answers = [(parse_response(_read_all(sock)), vendor) for sock, vendor in in_flight]
        upload_answer = _read_all(uploading)
        returncode = proc.wait(timeout=15)
        exited = time.monotonic()
    log = (tmp_path / "server.log").read_text()
    for response, vendor in answers:
        assert response.status == 200, (vendor, response.status, response.body[:200])
        if vendor == "cloudflare":
            assert_cloudflare_shape(response)
        else:
            assert_datadog_shape(response)
    assert not upload_answer.startswith(b"HTTP/1.1 500"), upload_answer[:200]
    assert returncode == 0
    assert exited - signalled <= 5.5, f"exited {exited - signalled:.2f} s after SIGTERM"
    for sign in ("Traceback", "Exception in ASGI application", "Cancel"):
        assert sign not in log, log
