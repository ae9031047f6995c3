"""`make bench-prism`: netpath-mock against Stoplight Prism mocking the same Cloudflare contract.

Prism (`npx --yes @stoplight/prism-cli@5`, so Node and npm are needed) serves
../shared/contracts/cloudflare-dex-traceroute.openapi.json in static mode (the contract's example)
and in dynamic mode (-d, a body generated from the schema on every request). Each is measured
exactly as `bench.run` measures the project, on the same network-path endpoint: wrk -t1 -c64 on
core 1, the server on core 0, a warm scenario (one resource again and again) and a distinct one
(50,000 catalog results in turn), rounds alternating between the three servers. Prism logs at
`warn` (the project runs without an access log) in a single process, like the project's one worker.
The report gives the project's throughput as a multiple of Prism's. Without ../shared it is skipped.

    python -m bench.prism [--quick] [--duration S] [--rounds N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

from bench.common import (
    CLOUDFLARE_HEADERS,
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

CONTRACT = ROOT.parent / "shared" / "contracts" / "cloudflare-dex-traceroute.openapi.json"
PRISM = ["npx", "--yes", "@stoplight/prism-cli@5"]
DISTINCT = 50_000
SCENARIOS = ("warm", "distinct")
# Prism serves the contract's paths as written, without the server URL's /client/v4 base; the
# project serves both forms (the SDK's tests drop the prefix too), so both get the bare path.
PREFIX = "/client/v4"


def prism_version(env: dict[str, str]) -> str:
    """Prism's version; the first call also fetches the package into npx's cache."""
    done = subprocess.run(
        [*PRISM, "--version"], env=env, capture_output=True, text=True, check=False, timeout=600
    )
    if done.returncode != 0:
        raise RuntimeError(f"cannot run Prism ({done.returncode}):\n{done.stderr}")
    return done.stdout.strip().splitlines()[-1]


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Every measurement; returns the results document."""
    seconds, rounds = round_plan(args)
    env = bench_env()
    results: dict[str, Any] = {
        "machine": machine(),
        "prism": prism_version(env),
        "contract": str(CONTRACT.relative_to(ROOT.parent)),
        "settings": {"seconds": seconds, "rounds": rounds, "connections": args.connections},
        "servers": {},
    }
    with workdir() as tmp, ExitStack() as servers:
        wrk = Wrk(connections=args.connections, threads=1, workdir=tmp)
        paths = [p.removeprefix(PREFIX) for p in catalog_paths("cloudflare", DISTINCT, env)]
        walk = write_paths(tmp, "cloudflare", paths)
        warm = paths[0]
        ports: dict[str, int] = {}
        commands: dict[str, Callable[[int], list[str]]] = {
            "netpath-mock": mock_argv,
            "prism static": lambda port: [*PRISM, "mock", *prism_flags(port), str(CONTRACT)],
            "prism dynamic": lambda port: [*PRISM, "mock", "-d", *prism_flags(port), str(CONTRACT)],
        }
        for name, argv in commands.items():
            ports[name] = free_port()
            log(f"starting {name}")
            server = servers.enter_context(Server(argv(ports[name]), env))
            server.wait_ready(ports[name], warm, CLOUDFLARE_HEADERS, timeout=120)
        for scenario in SCENARIOS:
            load: dict[str, Any] = {"path": warm} if scenario == "warm" else {"walk": walk}
            each = seconds / rounds
            measured = alternate(
                wrk, ports, CLOUDFLARE_HEADERS, each, rounds, log, f"{scenario:<8}", **load
            )
            for name, figures in measured.items():
                results["servers"].setdefault(name, {})[scenario] = figures
    for scenario in SCENARIOS:
        mine = results["servers"]["netpath-mock"][scenario]["rps"]
        for name in ("prism static", "prism dynamic"):
            theirs = results["servers"][name][scenario]
            theirs["project_multiple"] = mine / theirs["rps"]
    return results


def prism_flags(port: int) -> list[str]:
    """Host, port and quiet logging: one log line per request would cost Prism throughput."""
    return ["-h", "127.0.0.1", "-p", str(port), "-v", "warn"]


def report(results: dict[str, Any]) -> str:
    """The printed summary."""
    rows = []
    for name, figures in results["servers"].items():
        for scenario in SCENARIOS:
            f = figures[scenario]
            multiple = f.get("project_multiple")
            rows.append(
                [
                    f"{name} {scenario}",
                    f"{f['rps']:,.0f}",
                    f"{f['p50_ms']:.2f}",
                    f"{f['p99_ms']:.2f}",
                    "-" if multiple is None else f"{multiple:.1f}x",
                ]
            )
    s = results["settings"]
    return "\n".join(
        [
            "",
            f"netpath-mock vs Prism {results['prism']} on {results['contract']} "
            f"(GET .../network-path), wrk -t1 -c{s['connections']}, {s['seconds']:.0f} s "
            f"per scenario and server ({s['rounds']} alternating rounds)",
            "",
            table(["server scenario", "r/s", "p50 ms", "p99 ms", "project is"], rows),
        ]
    )


log = logger("bench-prism")


def main(argv: list[str] | None = None) -> int:
    """Run, print, save (bench/results/prism.json); skip without the shared contract."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.prism",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_round_options(parser)
    args = parser.parse_args(argv)
    if not CONTRACT.exists():
        print(f"bench-prism: skipped: the contract {CONTRACT} is absent (no ../shared checkout)")
        return 0
    if shutil.which("npx") is None:
        print(
            "bench-prism: npx not found: Prism runs through Node.js and npm "
            "(Debian/Ubuntu: sudo apt-get install -y nodejs npm; or https://nodejs.org)",
            file=sys.stderr,
        )
        return 2
    require_wrk()
    results = run(args)
    print(report(results))
    path = save("prism", results)
    print(f"\nresults written to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
