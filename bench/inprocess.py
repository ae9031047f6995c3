"""`python -m bench.inprocess`: one vendor request through the ASGI app in process, no HTTP.

Microseconds per request (best of several runs) for the in-process state backend, the default:
the figure that shows whether a change added per-request work to the served lane. To compare
with another tree, export it and put its package first on the path:

    git archive main | tar -x -C /tmp/main
    PYTHONPATH=/tmp/main/app python -m bench.inprocess      # then without PYTHONPATH

`--state-url redis://...` measures the shared lane instead (64 requests in flight, so commands
pipeline as under load; redis-server's own CPU is not counted).
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import Any

from netpath_mock.core.settings import Settings
from netpath_mock.main import create_app

HEADERS = [
    (b"dd-api-key", b"0123456789abcdef0123456789abcdef"),
    (b"dd-application-key", b"a" * 40),
    (b"x-mock-session", b"bench"),
    (b"host", b"127.0.0.1"),
    (b"user-agent", b"wrk"),
]
PATH = "/api/v2/synthetics/tests/network/c7a-uwa-wn2"


async def _receive() -> dict[str, Any]:
    return {"type": "http.request", "body": b""}


async def _send(message: Any) -> None:
    return None


async def _measure(app: Any, runs: int, requests: int, in_flight: int) -> float:
    scope = {"type": "http", "method": "GET", "path": PATH, "query_string": b"", "headers": HEADERS}

    async def worker(count: int) -> None:
        for _ in range(count):
            await app(dict(scope), _receive, _send)

    await worker(1000)
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        await asyncio.gather(*(worker(requests // in_flight) for _ in range(in_flight)))
        best = min(best, (time.perf_counter() - started) / requests * 1e6)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.inprocess", description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--state-url", default=None)
    args = parser.parse_args(argv)
    settings = Settings(
        datadog_rate_limit="1000000000/60", state_url=args.state_url, journal_size=1000
    )
    app = create_app(settings)
    in_flight = 64 if args.state_url else 1
    best = asyncio.run(_measure(app, args.runs, args.requests, in_flight))
    kind = "redis" if args.state_url else "in process"
    print(f"{kind}: {best:.2f} us per request (best of {args.runs} x {args.requests:,})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
