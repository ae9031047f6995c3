"""Shared helpers of the robustness tests: raw HTTP exchanges, vendor shapes, subprocess servers."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONTRACTS = Path(__file__).resolve().parents[2].parent / "shared" / "contracts"
NETPATH_MOCK = str(Path(sys.executable).with_name("netpath-mock"))

CF_TOKEN = "Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY"
CF_AUTH = {"Authorization": f"Bearer {CF_TOKEN}"}
CF_KEY_AUTH = {"X-Auth-Key": "144c9defac04969c7bfad8efaa8ea194", "X-Auth-Email": "user@example.com"}
DD_AUTH = {"DD-API-KEY": "0123456789abcdef0123456789abcdef", "DD-APPLICATION-KEY": "a" * 40}
# Far above anything a test sends, so the limiter never answers 429 unless a test forces it.
HUGE_RATE_ENV = {
    "MOCK_CLOUDFLARE_RATE_LIMIT": "1000000000/300",
    "MOCK_DATADOG_RATE_LIMIT": "1000000000/60",
}
JSON = "application/json"
CF_ERROR_KEYS = {"success", "errors", "messages", "result"}
CF_ROUTE_ERROR = 7003


class ExchangeError(AssertionError):
    """The server hung, dropped the connection or sent a malformed/truncated answer."""


@dataclass(frozen=True, slots=True)
class RawResponse:
    """One HTTP/1.1 answer read off a raw socket."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        """The first value of header `name` (case-insensitive)."""
        wanted = name.lower()
        return next((v for k, v in self.headers if k == wanted), None)

    @property
    def content_type(self) -> str:
        """The content-type header, or ''."""
        return self.header("content-type") or ""

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)


def build_request(
    method: bytes,
    target: bytes,
    headers: Sequence[tuple[bytes, bytes]] = (),
    body: bytes | None = None,
) -> bytes:
    """The bytes of one HTTP/1.1 request, exactly as given (no validation, no normalisation)."""
    lines = [method + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1", b"Connection: close"]
    lines += [name + b": " + value for name, value in headers]
    if body is not None:
        lines.append(b"Content-Length: %d" % len(body))
    return b"\r\n".join(lines) + b"\r\n\r\n" + (body or b"")


def exchange(port: int, request: bytes, timeout: float = 10.0) -> RawResponse:
    """Send `request` on a fresh connection and read the whole answer (the server closes after).

    Raises ExchangeError when no complete answer arrives within `timeout`: a hang, a reset before
    any answer, or a body shorter than its content-length.
    """
    data = b""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        # The server may answer (and close) before reading everything: then read that answer.
        with suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(request)
        try:
            while chunk := sock.recv(1 << 16):
                data += chunk
        except TimeoutError as exc:
            raise ExchangeError(
                f"no complete answer within {timeout} s (got {data[:200]!r})"
            ) from exc
        except ConnectionResetError as exc:
            if not data:
                raise ExchangeError("connection reset before any answer") from exc
    return parse_response(data)


def parse_response(data: bytes) -> RawResponse:
    """Parse one complete HTTP/1.1 response with a content-length body."""
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        raise ExchangeError(f"connection closed without a complete answer: {data[:200]!r}")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    match = re.fullmatch(r"HTTP/1\.[01] (\d{3})(?: .*)?", status_line)
    if match is None:
        raise ExchangeError(f"malformed status line {status_line!r}")
    headers = []
    for line in header_lines:
        name, _, value = line.partition(":")
        headers.append((name.strip().lower(), value.strip()))
    response = RawResponse(int(match.group(1)), tuple(headers), body)
    length = response.header("content-length")
    if length is None or int(length) != len(body):
        raise ExchangeError(
            f"body of {len(body)} bytes, content-length {length!r}: truncated answer"
        )
    return response


def is_http_layer_refusal(response: RawResponse) -> bool:
    """uvicorn's own answer to a request it cannot parse: 400 text/plain, connection closed."""
    return (
        response.status == 400
        and response.content_type.startswith("text/plain")
        and response.header("connection") == "close"
    )


def assert_cloudflare_shape(response: RawResponse) -> dict[str, Any]:
    """A Cloudflare envelope: success with a result, or the failure envelope; JSON always."""
    assert response.content_type == JSON, response
    body = response.json()
    assert isinstance(body, dict), body
    if response.status == 200:
        assert body["success"] is True and body["errors"] == [] and body["messages"] == []
        assert isinstance(body["result"], dict) and "resultId" in body["result"]
        return body
    assert set(body) == CF_ERROR_KEYS, body
    assert body["success"] is False and body["result"] is None and body["messages"] == []
    errors = body["errors"]
    assert isinstance(errors, list) and errors, body
    for item in errors:
        assert isinstance(item["code"], int) and not isinstance(item["code"], bool), item
        assert isinstance(item["message"], str) and item["message"], item
    return body


def assert_datadog_shape(response: RawResponse) -> dict[str, Any]:
    """A Datadog answer: {"data": {...}} on success, else {"errors": [str, ...]}; JSON always."""
    assert response.content_type == JSON, response
    body = response.json()
    assert isinstance(body, dict), body
    if response.status == 200:
        assert list(body) == ["data"] and isinstance(body["data"]["id"], str), body
        return body
    assert list(body) == ["errors"], body
    errors = body["errors"]
    assert isinstance(errors, list) and errors, body
    assert all(isinstance(e, str) and e for e in errors), body
    return body


def free_port() -> int:
    """A loopback TCP port that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_listening(proc: subprocess.Popen[bytes], port: int, timeout: float = 20.0) -> None:
    """Block until `port` accepts connections; fail if `proc` exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited with {proc.returncode} before listening")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"server did not listen on {port} within {timeout} s")


def server_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment without MOCK_* variables, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCK_")}
    return {**env, **(extra or {})}


@contextmanager
def serve_subprocess(
    cwd: Path, *args: str, env: Mapping[str, str] | None = None
) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """`netpath-mock serve --port P` in its own process, run in `cwd` (a folder without ./fixtures).

    Its stderr is `cwd / "server.log"`. The process is terminated (then killed) at exit.
    """
    port = free_port()
    command = [NETPATH_MOCK, "serve", "--port", str(port), "--log-level", "warning", *args]
    # stderr goes to a file: a pipe nobody reads would block the server once it fills up.
    with (cwd / "server.log").open("wb") as log:
        proc = subprocess.Popen(
            command, cwd=cwd, env=server_env(env), stdout=subprocess.DEVNULL, stderr=log
        )
    try:
        wait_until_listening(proc, port)
        yield proc, port
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def catalog(vendor: str, limit: int, env: Mapping[str, str] | None = None) -> list[dict[str, str]]:
    """`netpath-mock catalog --vendor V --limit N` as a list of items."""
    result = subprocess.run(
        [NETPATH_MOCK, "catalog", "--vendor", vendor, "--limit", str(limit)],
        env=server_env(env),
        capture_output=True,
        check=True,
        timeout=60,
    )
    return [json.loads(line) for line in result.stdout.splitlines()]
