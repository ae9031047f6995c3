"""A real redis-server for the tests: on a free loopback port, in a temporary folder, no disk.

The Debian package's `redis-server` (installed by .ci/run when missing). Without it the tests
that need it skip, unless CI=true: then they fail, so CI never passes without them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.robustness.support import free_port

REDIS_SERVER = shutil.which("redis-server")


def require_redis() -> str:
    """The redis-server binary, or skip (fail under CI=true) when it is not installed."""
    if REDIS_SERVER is None:
        message = "redis-server is not installed (apt-get install redis-server)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return REDIS_SERVER


class RedisServer:
    """One redis-server process; `stop()` kills it, `start()` brings it back on the same port."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        self.binary = require_redis()
        self.folder = folder
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> RedisServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        log = (self.folder / "redis.log").open("ab")
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--databases",
                "256",
                "--dir",
                str(self.folder),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"redis-server exited: {(self.folder / 'redis.log').read_text()}"
                )
            if self.command("PING") == b"+PONG":
                return self
            time.sleep(0.05)
        raise RuntimeError("redis-server did not answer PING")

    def command(self, *words: str) -> bytes | None:
        """One inline command over a plain socket; its first reply line, or None if unreachable."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=2) as sock:
                sock.sendall(" ".join(words).encode() + b"\r\n")
                reply = b""
                while not reply.endswith(b"\r\n"):
                    chunk = sock.recv(65536)
                    if not chunk:
                        break
                    reply += chunk
                return reply.split(b"\r\n", 1)[0]
        except OSError:
            return None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None
