"""`python -m bench.workers`: `netpath-mock serve --workers N` serves identical data, and scales.

1. Identical bodies: a 2-worker server gets many keep-alive connections; each connection is traced
   (psutil) to the worker process holding its server end, then every id in a sample of Cloudflare
   results and Datadog tests is fetched through a connection of each worker, several times (a
   generated miss, then cached hits). All bodies must be byte-identical across workers, and equal
   to what a 1-worker server answers.
2. Scaling: wrk against 1 worker and against N workers, rounds alternating, Cloudflare warm and
   distinct. Nothing is pinned here: the workers need every core, so wrk shares them and the
   figure understates what N workers give on a machine where the load comes from elsewhere.

    python -m bench.workers [--workers N] [--duration S] [--quick]
"""

from __future__ import annotations

import argparse
import http.client
import sys
from contextlib import ExitStack
from typing import Any

import psutil

from bench.common import (
    HEADERS,
    ROOT,
    Server,
    Wrk,
    add_round_options,
    alternate,
    bench_env,
    catalog_paths,
    free_port,
    logger,
    machine,
    mock_argv,
    require_wrk,
    round_plan,
    save,
    table,
    workdir,
    write_paths,
)

SAMPLE = 150  # ids per vendor
REPEATS = 3  # fetches of each id through each worker
MAX_CONNECTIONS = 256


def worker_of(server: Server, port: int, local_port: int) -> int | None:
    """The pid of the worker holding the server end of our connection from `local_port`."""
    for child in psutil.Process(server.proc.pid).children(recursive=True):
        try:
            for conn in child.net_connections(kind="tcp"):
                ours = conn.raddr and conn.raddr.port == local_port
                if ours and conn.laddr and conn.laddr.port == port:
                    return int(child.pid)
        except psutil.Error:
            continue
    return None


def connections_per_worker(
    server: Server, port: int, workers: int, probe: str, headers: dict[str, str]
) -> dict[int, http.client.HTTPConnection]:
    """One open keep-alive connection to each worker (opening more until every worker has one)."""
    found: dict[int, http.client.HTTPConnection] = {}
    spare: list[http.client.HTTPConnection] = []
    for _ in range(MAX_CONNECTIONS):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", probe, headers=headers)
        conn.getresponse().read()
        pid = worker_of(server, port, conn.sock.getsockname()[1])
        if pid is not None and pid not in found:
            found[pid] = conn
        else:
            spare.append(conn)  # kept open so the next connection lands somewhere new
        if len(found) == workers:
            break
    for conn in spare:
        conn.close()
    return found


def get(conn: http.client.HTTPConnection, path: str, headers: dict[str, str]) -> bytes:
    """GET on an open connection; the body (asserting a 200)."""
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}: {body[:200]!r}")
    return body


def check_identical(
    args: argparse.Namespace, env: dict[str, str], samples: dict[str, list[str]]
) -> dict[str, Any]:
    """Fetch every sampled id through each worker (and a 1-worker server); compare the bytes."""
    reference: dict[str, bytes] = {}
    port = free_port()
    with Server(mock_argv(port), env, core=None) as single:
        single.wait_ready(port, samples["cloudflare"][0], HEADERS["cloudflare"])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for vendor, paths in samples.items():
            for path in paths:
                reference[path] = get(conn, path, HEADERS[vendor])
        conn.close()
    port = free_port()
    mismatches: list[str] = []
    fetched = 0
    with Server(mock_argv(port, args.workers), env, core=None) as server:
        server.wait_ready(port, samples["cloudflare"][0], HEADERS["cloudflare"], timeout=60)
        conns = connections_per_worker(
            server, port, args.workers, samples["cloudflare"][0], HEADERS["cloudflare"]
        )
        for vendor, paths in samples.items():
            for path in paths:
                for _ in range(REPEATS):
                    for pid, conn in conns.items():
                        body = get(conn, path, HEADERS[vendor])
                        fetched += 1
                        if body != reference[path]:
                            mismatches.append(f"worker {pid}: {path}")
        for conn in conns.values():
            conn.close()
    return {
        "workers_reached": len(conns),
        "workers": args.workers,
        "ids": {vendor: len(paths) for vendor, paths in samples.items()},
        "fetches": fetched,
        "mismatches": mismatches,
        "identical": not mismatches and len(conns) == args.workers,
    }


def scaling(
    args: argparse.Namespace, env: dict[str, str], warm: str, walk_paths: list[str]
) -> dict[str, Any]:
    """Throughput of 1 worker and of N, Cloudflare warm and distinct, rounds alternating."""
    seconds, rounds = round_plan(args)
    out: dict[str, Any] = {}
    with workdir() as tmp, ExitStack() as servers:
        wrk = Wrk(connections=args.connections, threads=args.workers, workdir=tmp, pin=False)
        walk = write_paths(tmp, "cloudflare", walk_paths)
        ports = {1: free_port(), args.workers: free_port()}
        for workers, port in ports.items():
            server = servers.enter_context(Server(mock_argv(port, workers), env, core=None))
            server.wait_ready(port, warm, HEADERS["cloudflare"], timeout=60)
        for scenario in ("warm", "distinct"):
            load: dict[str, Any] = {"path": warm} if scenario == "warm" else {"walk": walk}
            measured = alternate(
                wrk,
                ports,
                HEADERS["cloudflare"],
                seconds / rounds,
                rounds,
                log,
                f"{scenario:<8}",
                label=lambda workers: f"{workers} worker(s)",
                **load,
            )
            out[scenario] = {str(w): figures for w, figures in measured.items()}
            out[scenario]["speedup"] = (
                out[scenario][str(args.workers)]["rps"] / out[scenario]["1"]["rps"]
            )
    return out


log = logger("bench-workers")


def main(argv: list[str] | None = None) -> int:
    """Check identical data, measure scaling, print and save (bench/results/workers.json)."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.workers",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--workers", type=int, default=2)
    add_round_options(parser)
    args = parser.parse_args(argv)
    require_wrk()
    env = bench_env()
    cloudflare = catalog_paths("cloudflare", 50_000, env)
    datadog = catalog_paths("datadog", 10_000, env)
    step = {"cloudflare": len(cloudflare) // SAMPLE, "datadog": len(datadog) // SAMPLE}
    samples = {
        "cloudflare": cloudflare[:: step["cloudflare"]][:SAMPLE],
        "datadog": datadog[:: step["datadog"]][:SAMPLE],
    }
    log(f"comparing bodies across {args.workers} workers")
    identical = check_identical(args, env, samples)
    speed = scaling(args, env, cloudflare[0], cloudflare)
    results = {"machine": machine(), "identical": identical, "scaling": speed}
    rows = []
    for scenario, figures in speed.items():
        for workers in ("1", str(args.workers)):
            f = figures[workers]
            rows.append(
                [
                    f"cloudflare {scenario}, {workers} worker(s)",
                    f"{f['rps']:,.0f}",
                    f"{f['p50_ms']:.2f}",
                    f"{f['p99_ms']:.2f}",
                ]
            )
    print(
        f"\n{args.workers} workers: {identical['fetches']:,} fetches of "
        f"{sum(identical['ids'].values())} ids through {identical['workers_reached']} workers: "
        + ("all bodies identical to 1 worker's" if identical["identical"] else "MISMATCH")
    )
    for line in identical["mismatches"][:10]:
        print(f"  {line}")
    print(
        f"\nthroughput, wrk -t{args.workers} -c{args.connections} sharing the "
        f"{machine()['cores']} cores with the workers (nothing pinned):\n"
    )
    print(table(["scenario", "r/s", "p50 ms", "p99 ms"], rows))
    for scenario, figures in speed.items():
        print(f"{scenario}: {args.workers} workers = {figures['speedup']:.2f}x one worker")
    path = save("workers", results)
    print(f"\nresults written to {path.relative_to(ROOT)}")
    return 0 if identical["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
