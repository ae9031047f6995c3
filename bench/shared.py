"""The shared-state figures of `make bench`: `serve --workers 2 --state-url redis://...` against
one in-process worker, in the same run, rounds alternating.

A redis-server (Debian's package; skipped when it is missing) runs on a free loopback port with
no persistence. Both servers serve the same warm paths (Datadog's v2 test, Cloudflare's network
path) in one X-Mock-Session; every request through the Redis pair costs its one round trip (the
commit script: rate-limit bucket, journal entry, session and world checks). Nothing is pinned:
two workers, redis-server and wrk share the machine's cores, as they would on one host.

    python -m bench.shared [--round-seconds S] [--rounds N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from bench.common import (
    HEADERS,
    Server,
    Wrk,
    alternate,
    bench_env,
    catalog_paths,
    free_port,
    logger,
    machine,
    mock_argv,
    require_wrk,
    save,
    table,
    workdir,
)

WORKERS = 2
SESSION = {"X-Mock-Session": "bench"}
log = logger("bench-shared")


class RedisProcess:
    """redis-server on a free loopback port, no persistence, in `folder`."""

    def __init__(self, folder: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise FileNotFoundError("redis-server")
        self.port = free_port()
        self.proc = subprocess.Popen(
            [
                *(binary, "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(folder)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(0.3)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def __enter__(self) -> RedisProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def available() -> bool:
    """Whether redis-server is installed."""
    return shutil.which("redis-server") is not None


def measure(seconds: float, rounds: int, connections: int) -> dict[str, Any]:
    """Requests/s, p50/p99 of one in-process worker and of 2 workers sharing Redis."""
    env = bench_env()
    paths = {
        "datadog": catalog_paths("datadog", 1, env)[0],
        "cloudflare": catalog_paths("cloudflare", 1, env)[0],
    }
    out: dict[str, Any] = {"workers": WORKERS, "seconds_per_round": seconds, "rounds": rounds}
    with workdir() as tmp, ExitStack() as stack:
        redis = stack.enter_context(RedisProcess(tmp))
        wrk = Wrk(connections=connections, threads=WORKERS, workdir=tmp, pin=False)
        ports = {"memory-1": free_port(), f"redis-{WORKERS}": free_port()}
        servers = {
            "memory-1": Server(mock_argv(ports["memory-1"]), env, core=None),
            f"redis-{WORKERS}": Server(
                [*mock_argv(ports[f"redis-{WORKERS}"], WORKERS), "--state-url", redis.url],
                env,
                core=None,
            ),
        }
        for name, server in servers.items():
            stack.enter_context(server)
            server.wait_ready(ports[name], paths["datadog"], HEADERS["datadog"], timeout=60)
        for vendor, path in paths.items():
            headers = {**HEADERS[vendor], **SESSION}
            figures = alternate(
                wrk, ports, headers, seconds, rounds, log, f"{vendor:<10}", rotate=True, path=path
            )
            figures["ratio"] = figures[f"redis-{WORKERS}"]["rps"] / figures["memory-1"]["rps"]
            out[vendor] = figures
    return out


def rows(results: dict[str, Any]) -> tuple[list[str], list[list[str]], list[str]]:
    """Table header, rows and README Markdown lines of the figures."""
    workers = results["workers"]
    header = ["scenario", "state", "r/s", "p50 ms", "p99 ms", "errors"]
    body: list[list[str]] = []
    markdown = [
        f"| scenario | 1 worker, in process r/s | {workers} workers + Redis r/s | ratio "
        f"| p50 ms (1 / {workers}) | p99 ms (1 / {workers}) |",
        "|---|---|---|---|---|---|",
    ]
    for vendor in ("datadog", "cloudflare"):
        figures = results[vendor]
        one, many = figures["memory-1"], figures[f"redis-{workers}"]
        for label, f in (("in process, 1 worker", one), (f"Redis, {workers} workers", many)):
            body.append(
                [
                    f"{vendor} warm",
                    label,
                    f"{f['rps']:,.0f}",
                    f"{f['p50_ms']:.2f}",
                    f"{f['p99_ms']:.2f}",
                    str(f["errors"]),
                ]
            )
        markdown.append(
            f"| {vendor.capitalize()} warm | {one['rps']:,.0f} | {many['rps']:,.0f} | "
            f"{figures['ratio']:.2f} | {one['p50_ms']:.1f} / {many['p50_ms']:.1f} | "
            f"{one['p99_ms']:.1f} / {many['p99_ms']:.1f} |"
        )
    return header, body, markdown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.shared", description=__doc__)
    parser.add_argument("--round-seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args(argv)
    require_wrk()
    if not available():
        print("redis-server not found (apt-get install redis-server)", file=sys.stderr)
        return 2
    results = measure(args.round_seconds, args.rounds, args.connections)
    header, body, markdown = rows(results)
    print(table(header, body))
    print("\n".join(["", *markdown]))
    save("shared", {"machine": machine(), "shared": results})
    return 0


if __name__ == "__main__":
    sys.exit(main())
