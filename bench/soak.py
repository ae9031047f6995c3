"""Soak test: a sustained mixed load of both vendors, then a report; exits 1 on any surprise.

    python -m bench.soak --seconds 60 [--workers 4] [--seed 1234] [--url http://127.0.0.1:8000]

Without --url it starts its own `netpath-mock serve` on a free loopback port (small rate limits,
so limiting really happens; the big Datadog org) and stops it at the end; with --url it loads an
already running server, which must be on a loopback address. It always stops by itself.

Every request belongs to a scenario that says which statuses are right: catalog resources (200),
unknown and malformed ids (404/400), missing or malformed credentials (400/401), forced
`Prefer: code=429` and `code=503`, and one hot credential per vendor that runs into the rate limit
(200 or 429). Anything else is unexpected: a status outside the scenario's set (so any 5xx that
was not forced), a non-JSON answer, a body not in the vendor's shape, a transport error.

The report gives counts per status and per scenario, the unexpected answers (first few in full),
latency percentiles (p50/p90/p99), throughput and the server's RSS at start and end.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import psutil

MAX_SECONDS = 24 * 3600
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
RESERVOIR = 100_000  # latencies kept per worker (reservoir sample beyond that)
SAMPLES = 10  # unexpected answers shown in full
# The soak server's limits: small enough that the hot credentials hit them every few seconds,
# while the rotating pools (POOL credentials) stay far below.
SOAK_LIMITS = {"MOCK_CLOUDFLARE_RATE_LIMIT": "100/5", "MOCK_DATADOG_RATE_LIMIT": "100/5"}
POOL = 5000
JSON_CT = "application/json"
CF_ERROR_KEYS = {"success", "errors", "messages", "result"}


# --- scenarios ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One request to make and the statuses that are right for it."""

    vendor: str  # "cloudflare", "datadog" or "control"
    path: str
    headers: dict[str, str]
    expected: frozenset[int]


@dataclass(frozen=True)
class Universe:
    """Existing resources of the server under load."""

    cloudflare: list[tuple[str, str]]
    datadog: list[str]


def _cf_path(account: str, result: str, prefix: str = "/client/v4") -> str:
    return f"{prefix}/accounts/{account}/dex/traceroute-test-results/{result}/network-path"


def _dd_path(public_id: str) -> str:
    return f"/api/v2/synthetics/tests/network/{public_id}"


def _cf_token(rng: random.Random) -> dict[str, str]:
    return {"Authorization": f"Bearer soak-token-{rng.randrange(POOL):05d}"}


def _dd_keys(rng: random.Random) -> dict[str, str]:
    return {"DD-API-KEY": f"soak{rng.randrange(POOL):028d}", "DD-APPLICATION-KEY": "a" * 40}


CF_HOT = {"Authorization": "Bearer soak-hot-token"}
DD_HOT = {"DD-API-KEY": "soak-hot-api-key", "DD-APPLICATION-KEY": "a" * 40}
OK = frozenset({200})


def _scenarios(u: Universe) -> list[tuple[str, int, Callable[[random.Random], Call]]]:
    """(name, weight, builder) of every scenario."""

    def cf_ok(rng: random.Random) -> Call:
        account, result = rng.choice(u.cloudflare)
        prefix = rng.choice(("/client/v4", ""))
        return Call("cloudflare", _cf_path(account, result, prefix), _cf_token(rng), OK)

    def cf_unknown(rng: random.Random) -> Call:
        account = u.cloudflare[0][0] if rng.random() < 0.5 else f"{rng.getrandbits(128):032x}"
        result = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        return Call("cloudflare", _cf_path(account, result), _cf_token(rng), frozenset({404}))

    def cf_malformed(rng: random.Random) -> Call:
        account, result = rng.choice(u.cloudflare)
        bad = rng.choice(("not-an-account", account + "0", "%00%ff", "x" * 200))
        return Call("cloudflare", _cf_path(bad, result), _cf_token(rng), frozenset({400}))

    def cf_bad_auth(rng: random.Random) -> Call:
        account, result = rng.choice(u.cloudflare)
        headers = rng.choice(({}, {"Authorization": "Basic abc"}, {"X-Auth-Key": "nope"}))
        return Call("cloudflare", _cf_path(account, result), headers, frozenset({400}))

    def cf_forced(code: int) -> Callable[[random.Random], Call]:
        def build(rng: random.Random) -> Call:
            account, result = rng.choice(u.cloudflare)
            headers = {**_cf_token(rng), "Prefer": f"code={code}"}
            return Call("cloudflare", _cf_path(account, result), headers, frozenset({code}))

        return build

    def cf_hot(rng: random.Random) -> Call:
        account, result = rng.choice(u.cloudflare)
        return Call("cloudflare", _cf_path(account, result), CF_HOT, frozenset({200, 429}))

    def dd_ok(rng: random.Random) -> Call:
        return Call("datadog", _dd_path(rng.choice(u.datadog)), _dd_keys(rng), OK)

    def dd_unknown(rng: random.Random) -> Call:
        public_id = rng.choice(("zzz-zzz-zzz", "REPLACE.ME", f"x{rng.getrandbits(40):x}"))
        return Call("datadog", _dd_path(public_id), _dd_keys(rng), frozenset({404}))

    def dd_bad_auth(rng: random.Random) -> Call:
        headers = rng.choice(
            ({}, {"DD-API-KEY": "only-one"}, {"DD-API-KEY": "", "DD-APPLICATION-KEY": "k"})
        )
        return Call("datadog", _dd_path(rng.choice(u.datadog)), headers, frozenset({401}))

    def dd_forced(code: int) -> Callable[[random.Random], Call]:
        def build(rng: random.Random) -> Call:
            headers = {**_dd_keys(rng), "Prefer": f"code={code}"}
            return Call("datadog", _dd_path(rng.choice(u.datadog)), headers, frozenset({code}))

        return build

    def dd_hot(rng: random.Random) -> Call:
        return Call("datadog", _dd_path(rng.choice(u.datadog)), DD_HOT, frozenset({200, 429}))

    def health(rng: random.Random) -> Call:
        return Call("control", "/_mock/health", {}, OK)

    return [
        ("cloudflare ok", 30, cf_ok),
        ("cloudflare unknown id", 6, cf_unknown),
        ("cloudflare malformed id", 4, cf_malformed),
        ("cloudflare bad auth", 4, cf_bad_auth),
        ("cloudflare forced 429", 2, cf_forced(429)),
        ("cloudflare forced 503", 2, cf_forced(503)),
        ("cloudflare rate-limited", 6, cf_hot),
        ("datadog ok", 24, dd_ok),
        ("datadog unknown id", 6, dd_unknown),
        ("datadog bad auth", 4, dd_bad_auth),
        ("datadog forced 429", 2, dd_forced(429)),
        ("datadog forced 503", 2, dd_forced(503)),
        ("datadog rate-limited", 6, dd_hot),
        ("control health", 2, health),
    ]


# --- checking answers -----------------------------------------------------------------------------


def shape_problem(vendor: str, status: int, content_type: str, body: bytes) -> str | None:
    """Why an answer is not in its vendor's shape, or None."""
    if content_type.split(";")[0].strip() != JSON_CT:
        return f"content-type {content_type!r}"
    try:
        doc = json.loads(body)
    except ValueError:
        return "body is not JSON"
    if not isinstance(doc, dict):
        return "body is not a JSON object"
    if vendor == "cloudflare":
        if status == 200:
            ok = doc.get("success") is True and isinstance(doc.get("result"), dict)
            return None if ok else "not a Cloudflare success envelope"
        errors = doc.get("errors")
        ok = (
            set(doc) == CF_ERROR_KEYS
            and doc["success"] is False
            and doc["result"] is None
            and isinstance(errors, list)
            and bool(errors)
            and all(isinstance(e, dict) and isinstance(e.get("code"), int) for e in errors)
        )
        return None if ok else "not a Cloudflare failure envelope"
    if vendor == "datadog":
        if status == 200:
            ok = list(doc) == ["data"] and isinstance(doc["data"], dict)
            return None if ok else "not a Datadog success body"
        errors = doc.get("errors")
        if list(doc) != ["errors"] or not isinstance(errors, list) or not errors:
            return "not a Datadog {errors: [...]} body"
        return None if all(isinstance(e, str) for e in errors) else "Datadog errors not strings"
    return None if status != 200 or doc.get("status") == "ok" else "not a health answer"


# --- load -----------------------------------------------------------------------------------------


@dataclass
class Tally:
    """What one worker saw."""

    statuses: Counter[str] = field(default_factory=Counter)
    by_scenario: Counter[tuple[str, str]] = field(default_factory=Counter)
    unexpected: int = 0
    samples: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    seen: int = 0

    def latency(self, seconds: float, rng: random.Random) -> None:
        """Reservoir-sample one latency (bounded memory however long the run)."""
        self.seen += 1
        if len(self.latencies) < RESERVOIR:
            self.latencies.append(seconds)
        else:
            slot = rng.randrange(self.seen)
            if slot < RESERVOIR:
                self.latencies[slot] = seconds

    def surprise(self, text: str) -> None:
        """Count an unexpected answer (and keep the first few)."""
        self.unexpected += 1
        if len(self.samples) < SAMPLES:
            self.samples.append(text)


def worker(base_url: str, universe: Universe, seed: int, deadline: float, tally: Tally) -> None:
    """Send scenario requests until `deadline`, checking each answer."""
    rng = random.Random(seed)
    scenarios = _scenarios(universe)
    names = [s[0] for s in scenarios]
    weights = [s[1] for s in scenarios]
    builders = {s[0]: s[2] for s in scenarios}
    with httpx.Client(base_url=base_url, timeout=10.0) as client:
        while time.monotonic() < deadline:
            name = rng.choices(names, weights)[0]
            call = builders[name](rng)
            started = time.perf_counter()
            try:
                response = client.get(call.path, headers=call.headers)
            except httpx.HTTPError as exc:
                tally.statuses["transport error"] += 1
                tally.by_scenario[name, "transport error"] += 1
                tally.surprise(f"{name}: GET {call.path}: {type(exc).__name__}: {exc}")
                continue
            tally.latency(time.perf_counter() - started, rng)
            status = response.status_code
            tally.statuses[str(status)] += 1
            tally.by_scenario[name, str(status)] += 1
            problem = None
            if status not in call.expected:
                problem = f"status {status}, expected {sorted(call.expected)}"
            else:
                content_type = response.headers.get("content-type", "")
                problem = shape_problem(call.vendor, status, content_type, response.content)
            if problem:
                tally.surprise(f"{name}: GET {call.path}: {problem}: {response.content[:200]!r}")


# --- the server -----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def own_server(seed: int) -> Iterator[tuple[str, psutil.Process, Path]]:
    """`netpath-mock serve` on a free loopback port; yields (url, process, its log file)."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCK_")}
    env.update(SOAK_LIMITS, MOCK_DATADOG_TEST_COUNT="10000")
    binary = str(Path(sys.executable).with_name("netpath-mock"))
    argv = [binary, "serve", "--port", str(port), "--seed", str(seed), "--log-level", "warning"]
    workdir = Path(tempfile.mkdtemp(prefix="netpath-soak-"))  # no ./fixtures here
    log_path = workdir / "server.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(argv, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"server exited with {proc.returncode}:\n{log_path.read_text()}")
            try:
                if httpx.get(f"{url}/_mock/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("server did not become ready within 30 s")
            time.sleep(0.05)
        yield url, psutil.Process(proc.pid), log_path
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def load_universe(url: str) -> Universe:
    """Catalog resources, read from the server's control plane."""
    with httpx.Client(base_url=url, timeout=30) as client:
        cf = client.get("/_mock/catalog", params={"vendor": "cloudflare", "limit": 5000}).json()
        dd = client.get("/_mock/catalog", params={"vendor": "datadog", "limit": 5000}).json()
    return Universe(
        [(i["account_id"], i["test_result_id"]) for i in cf["items"]],
        [i["public_id"] for i in dd["items"]],
    )


# --- report ---------------------------------------------------------------------------------------


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return float("nan")
    rank = max(0, min(len(sorted_values) - 1, round(pct / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[rank]


def report(
    tallies: list[Tally],
    elapsed: float,
    rss: tuple[float | None, float | None],
    server_errors: int,
    rss_trend: list[float],
) -> dict[str, Any]:
    """Merge the workers' tallies into the final report (also printed)."""
    statuses: Counter[str] = Counter()
    by_scenario: Counter[tuple[str, str]] = Counter()
    samples: list[str] = []
    latencies: list[float] = []
    for t in tallies:
        statuses.update(t.statuses)
        by_scenario.update(t.by_scenario)
        samples.extend(t.samples)
        latencies.extend(t.latencies)
    latencies.sort()
    total = sum(statuses.values())
    unexpected = sum(t.unexpected for t in tallies)
    result: dict[str, Any] = {
        "seconds": round(elapsed, 1),
        "requests": total,
        "requests_per_s": round(total / elapsed, 1) if elapsed else 0.0,
        "statuses": dict(sorted(statuses.items())),
        "scenarios": {
            f"{name} -> {status}": n for (name, status), n in sorted(by_scenario.items())
        },
        "latency_ms": {f"p{p}": round(percentile(latencies, p) * 1000, 2) for p in (50, 90, 99)},
        "rss_mib": {
            "start": None if rss[0] is None else round(rss[0], 1),
            "end": None if rss[1] is None else round(rss[1], 1),
            "trend": rss_trend,
        },
        "unexpected": unexpected,
        "server_logged_errors": server_errors,
        "unexpected_samples": samples[:SAMPLES],
    }
    print(f"soak: {total} requests in {elapsed:.1f} s ({result['requests_per_s']} req/s)")
    print("statuses:", ", ".join(f"{s}: {n}" for s, n in result["statuses"].items()))
    print("per scenario:")
    for key, n in result["scenarios"].items():
        print(f"  {key:<40} {n:>8}")
    lat = result["latency_ms"]
    print(f"latency ms: p50 {lat['p50']}  p90 {lat['p90']}  p99 {lat['p99']}")
    start, end = result["rss_mib"]["start"], result["rss_mib"]["end"]
    print(f"server RSS MiB: start {start}  end {end}  (during the run: {rss_trend or 'n/a'})")
    print(f"server-logged errors: {server_errors}")
    print(f"unexpected responses: {unexpected}")
    for sample in result["unexpected_samples"]:
        print(f"  {sample}")
    return result


# --- main -----------------------------------------------------------------------------------------


def _seconds(text: str) -> float:
    value = float(text)
    if not 0 < value <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(f"must be in (0, {MAX_SECONDS}]")
    return value


def _loopback_url(text: str) -> str:
    host = urlsplit(text).hostname or ""
    if host not in LOOPBACK and not host.startswith("127."):
        raise argparse.ArgumentTypeError("the soak only targets loopback servers")
    return text.rstrip("/")


def main(argv: list[str] | None = None) -> int:
    """Run the soak; 0 when every answer was expected, 1 otherwise."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.soak", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seconds", type=_seconds, default=60.0, help="how long to load")
    parser.add_argument("--workers", type=int, default=4, choices=range(1, 65), metavar="N")
    parser.add_argument("--seed", type=int, default=1234, help="seed of the server and the mix")
    parser.add_argument("--url", type=_loopback_url, help="load this running server instead")
    parser.add_argument("--report", type=Path, help="also write the report as JSON here")
    args = parser.parse_args(argv)

    with contextmanager_for(args) as (url, proc, log_path):
        universe = load_universe(url)
        rss_start = proc.memory_info().rss / 2**20 if proc else None
        deadline = time.monotonic() + args.seconds
        tallies = [Tally() for _ in range(args.workers)]
        threads = [
            threading.Thread(
                target=worker, args=(url, universe, args.seed * 1000 + i, deadline, tallies[i])
            )
            for i in range(args.workers)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        # RSS every tenth of the run, to tell warm-up (caches filling) from a leak.
        rss_trend: list[float] = []
        step = max(1.0, args.seconds / 10)
        while (left := deadline - time.monotonic()) > step / 2:
            time.sleep(min(step, left))
            if proc is not None:
                rss_trend.append(round(proc.memory_info().rss / 2**20, 1))
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        rss_end = proc.memory_info().rss / 2**20 if proc else None
        logged = log_path.read_text(errors="replace") if log_path else ""
        server_errors = logged.count("Traceback") + logged.count("unhandled error")

    result = report(tallies, elapsed, (rss_start, rss_end), server_errors, rss_trend)
    if args.report:
        args.report.write_text(json.dumps(result, indent=2) + "\n")
    return 1 if result["unexpected"] or server_errors else 0


@contextmanager
def contextmanager_for(
    args: argparse.Namespace,
) -> Iterator[tuple[str, psutil.Process | None, Path | None]]:
    """The server to load: our own, or the one at --url."""
    if args.url:
        yield args.url, None, None
        return
    with own_server(args.seed) as (url, proc, log_path):
        yield url, proc, log_path


if __name__ == "__main__":
    raise SystemExit(main())
