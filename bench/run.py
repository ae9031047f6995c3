"""`make bench`: netpath-mock's throughput as a share of the stack's ceiling, on one machine.

For each vendor endpoint (Cloudflare network-path, Datadog network test) the project runs as users
run it (`netpath-mock serve`: one worker, auth headers checked, rate-limit headers and the request
journal on, a limit too high to refuse) and wrk measures two scenarios:

* warm: one resource requested again and again (its serialized body is cached);
* distinct: tens of thousands of different resources in turn (50,000 Cloudflare results, the
  10,000 tests of the largest Datadog org), far more than the body cache holds, so every answer
  is generated.

The same wrk runs against `bench.ceiling`, a bare ASGI app under the same uvicorn sending the very
bytes and headers the project sent. All three servers stay up and each scenario alternates
rounds (each after a 1 s warm-up) between the ceiling and the project, so a noisy neighbour on a
shared machine hits both sides of the ratio. Figures: requests/s over all rounds, the ratio to
the ceiling, p50/p99 latency (median of the rounds; the worst round's p99 too), server RSS; then
RSS after 100,000 distinct Cloudflare results and the start-up time to the first answer. Server
on core 0, wrk on core 1 (-t1 -c64). The table is printed and written to
bench/results/latest.json (gitignored).

    python -m bench.run [--quick] [--duration S] [--rounds N] [--check]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from contextlib import ExitStack
from typing import Any

from bench.ceiling import capture_json
from bench.common import (
    BIN,
    DATADOG_TEST_COUNT,
    HEADERS,
    ROOT,
    Server,
    Wrk,
    WrkResult,
    bench_env,
    catalog_paths,
    combine,
    fetch,
    fleet_paths,
    free_port,
    logger,
    machine,
    mock_argv,
    require_wrk,
    save,
    table,
    workdir,
    write_paths,
)

VENDORS = ("cloudflare", "datadog", "cloudflare-fleet")
SCENARIOS = ("warm", "distinct")
CLOUDFLARE_DISTINCT = 50_000
FLEET_DISTINCT = 20_000  # fleet-status/devices pages of 50: 20,000 (account, hour) pairs
RSS_RESOURCES = 100_000
STARTUP_RUNS = 3
TARGETS = {
    "warm_ratio_min": 0.30,
    "distinct_ratio_min": 0.20,
    "p99_ms_max": 20.0,
    "rss_100k_mb_max": 100.0,
    "startup_s_max": 1.0,
}


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Every measurement; returns the results document."""
    seconds = 3.0 if args.quick else args.duration
    rounds = 1 if args.quick else max(1, args.rounds)
    env = bench_env()
    results: dict[str, Any] = {
        "machine": machine(),
        "settings": {
            "seconds": seconds,
            "rounds": rounds,
            "connections": args.connections,
            "threads": args.threads,
        },
        "targets": TARGETS,
        "project": {},
        "ceiling": {},
    }
    with workdir() as tmp, ExitStack() as servers:
        wrk = Wrk(connections=args.connections, threads=args.threads, workdir=tmp)
        log("listing catalogs")
        cloudflare = catalog_paths("cloudflare", max(CLOUDFLARE_DISTINCT, RSS_RESOURCES), env)
        datadog = catalog_paths("datadog", DATADOG_TEST_COUNT, env)
        fleet = fleet_paths(FLEET_DISTINCT)
        walks = {
            "cloudflare": write_paths(tmp, "cloudflare", cloudflare[:CLOUDFLARE_DISTINCT]),
            "datadog": write_paths(tmp, "datadog", datadog),
            "cloudflare-fleet": write_paths(tmp, "cloudflare-fleet", fleet),
        }
        warm = {"cloudflare": cloudflare[0], "datadog": datadog[0], "cloudflare-fleet": fleet[0]}
        results["settings"]["distinct_resources"] = {
            "cloudflare": min(CLOUDFLARE_DISTINCT, len(cloudflare)),
            "datadog": len(datadog),
            "cloudflare-fleet": len(fleet),
        }

        # The project and both ceilings stay up side by side (idle ones cost nothing) so each
        # scenario alternates rounds between them: a slow patch of a shared machine then hits
        # both sides of a ratio, not one.
        port = free_port()
        project = servers.enter_context(Server(mock_argv(port), env))
        project.wait_ready(port, warm["cloudflare"], HEADERS["cloudflare"])
        ports: dict[str, int] = {}
        for vendor in VENDORS:
            answer = fetch(port, warm[vendor], HEADERS[vendor])
            if answer.status != 200:
                raise RuntimeError(f"{vendor}: {warm[vendor]} answered {answer.status}")
            results["settings"][f"{vendor}_body_bytes"] = len(answer.body)
            results["settings"][f"{vendor}_headers"] = len(answer.headers)
            capture = tmp / f"capture-{vendor}.json"
            capture.write_text(capture_json(answer.status, answer.headers, answer.body))
            ports[vendor] = free_port()
            argv = [sys.executable, "-m", "bench.ceiling", "--capture", str(capture)]
            ceiling = servers.enter_context(Server([*argv, "--port", str(ports[vendor])], env))
            ceiling.wait_ready(ports[vendor], warm[vendor], HEADERS[vendor])

        for vendor in VENDORS:
            results["project"][vendor] = {}
            results["ceiling"][vendor] = {}
            ceiling_port = ports[vendor]
            for scenario in SCENARIOS:
                log(
                    f"{vendor:<10} {scenario:<8} ceiling vs project, "
                    f"{rounds} x {seconds / rounds:.0f} s"
                )
                load: dict[str, Any] = (
                    {"path": warm[vendor]} if scenario == "warm" else {"walk": walks[vendor]}
                )
                mine: list[WrkResult] = []
                theirs: list[WrkResult] = []
                for _ in range(rounds):
                    theirs.append(
                        wrk.measure(ceiling_port, HEADERS[vendor], seconds / rounds, **load)
                    )
                    mine.append(wrk.measure(port, HEADERS[vendor], seconds / rounds, **load))
                results["ceiling"][vendor][scenario] = combine(theirs, float("nan"))
                figures = combine(mine, project.rss_mb())
                figures["ratio"] = figures["rps"] / results["ceiling"][vendor][scenario]["rps"]
                results["project"][vendor][scenario] = figures
        servers.close()

        if not args.skip_rss:
            log(f"project    cloudflare {RSS_RESOURCES:,} distinct results (RSS)")
            walk = write_paths(tmp, "cloudflare-rss", cloudflare[:RSS_RESOURCES])
            port = free_port()
            with Server(mock_argv(port), env) as server:
                server.wait_ready(port, warm["cloudflare"], HEADERS["cloudflare"])
                before = server.rss_mb()
                walked = wrk.run(
                    port, HEADERS["cloudflare"], 600, walk=walk, stop_after=RSS_RESOURCES
                )  # each result once (wrk stops after as many answers)
                results["rss_100k"] = {
                    "resources": min(RSS_RESOURCES, len(cloudflare)),
                    "requests": walked.requests,
                    "errors": walked.errors,
                    "rps": walked.rps,
                    "rss_start_mb": before,
                    "rss_mb": server.rss_mb(),
                }

        if not args.skip_startup:
            log("start-up to first answer")
            times = []
            for _ in range(STARTUP_RUNS):
                port = free_port()
                with Server(mock_argv(port), env) as server:
                    times.append(server.wait_ready(port, warm["cloudflare"], HEADERS["cloudflare"]))
            results["startup_s"] = {
                "median": statistics.median(times),
                "max": max(times),
                "runs": times,
            }
    return results


def verdicts(results: dict[str, Any]) -> list[tuple[str, bool]]:
    """Each target and whether the run met it."""
    out = []
    for vendor in VENDORS:
        for scenario in SCENARIOS:
            figures = results["project"][vendor][scenario]
            floor = TARGETS[f"{scenario}_ratio_min"]
            out.append(
                (
                    f"{vendor} {scenario} ratio {figures['ratio']:.2f} >= {floor}",
                    figures["ratio"] >= floor,
                )
            )
            out.append(
                (
                    f"{vendor} {scenario} p99 {figures['p99_ms']:.1f} ms "
                    f"<= {TARGETS['p99_ms_max']:.0f}",
                    figures["p99_ms"] <= TARGETS["p99_ms_max"],
                )
            )
            if figures["errors"]:
                out.append(
                    (f"{vendor} {scenario}: {figures['errors']} failed or non-2xx answers", False)
                )
    if "rss_100k" in results:
        rss = results["rss_100k"]["rss_mb"]
        out.append(
            (
                f"RSS after 100k distinct {rss:.0f} MB <= {TARGETS['rss_100k_mb_max']:.0f}",
                rss <= TARGETS["rss_100k_mb_max"],
            )
        )
    if "startup_s" in results:
        worst = results["startup_s"]["max"]
        out.append(
            (
                f"start-up (worst of {STARTUP_RUNS}) {worst:.2f} s <= {TARGETS['startup_s_max']}",
                worst <= TARGETS["startup_s_max"],
            )
        )
    return out


def report(results: dict[str, Any]) -> str:
    """The printed summary."""
    rows = []
    for vendor in VENDORS:
        for scenario in SCENARIOS:
            mine = results["project"][vendor][scenario]
            ceiling = results["ceiling"][vendor][scenario]
            rows.append(
                [
                    f"{vendor} {scenario}",
                    f"{ceiling['rps']:,.0f}",
                    f"{mine['rps']:,.0f}",
                    f"{mine['ratio']:.2f}",
                    f"{mine['p50_ms']:.2f}",
                    f"{mine['p99_ms']:.2f}",
                    f"{mine['p99_worst_ms']:.2f}",
                    f"{ceiling['p99_ms']:.2f}",
                    f"{mine['rss_mb']:.0f}",
                ]
            )
    header = [
        "scenario",
        "ceiling r/s",
        "project r/s",
        "ratio",
        "p50 ms",
        "p99 ms",
        "p99 worst",
        "ceil p99",
        "RSS MB",
    ]
    s = results["settings"]
    lines = [
        "",
        f"netpath-mock vs bare-ASGI ceiling: 1 uvicorn worker on core 0, wrk -t{s['threads']} "
        f"-c{s['connections']} on core 1, {s['seconds']:.0f} s per scenario and server "
        f"({s['rounds']} alternating rounds)"
        + (
            ""
            if results["machine"]["pinned"]
            else " (NOT pinned: fewer than 2 cores or no taskset)"
        ),
        "distinct walks: "
        f"{s['distinct_resources']['cloudflare']:,} Cloudflare results, "
        f"{s['distinct_resources']['datadog']:,} Datadog tests; bodies "
        f"{s['cloudflare_body_bytes']:,} / {s['datadog_body_bytes']:,} bytes",
        "",
        table(header, rows),
    ]
    if "rss_100k" in results:
        r = results["rss_100k"]
        lines.append(
            f"\nRSS after {r['resources']:,} distinct Cloudflare results: {r['rss_mb']:.0f} MB "
            f"(idle {r['rss_start_mb']:.0f} MB; {r['rps']:,.0f} r/s, {r['errors']} errors)"
        )
    if "startup_s" in results:
        t = results["startup_s"]
        lines.append(
            f"start-up to first 200: median {t['median']:.2f} s, worst {t['max']:.2f} s "
            f"of {len(t['runs'])}"
        )
    lines.append("")
    lines += [f"  {'PASS' if ok else 'FAIL'}  {text}" for text, ok in verdicts(results)]
    return "\n".join(lines)


log = logger("bench")


def main(argv: list[str] | None = None) -> int:
    """Run, print, save; exit 1 with --check when a target is missed."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--duration", type=float, default=12.0, help="seconds per scenario and server (12)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per scenario")
    parser.add_argument("--quick", action="store_true", help="one 3 s round per scenario")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (all on one core)")
    parser.add_argument("--skip-rss", action="store_true", help="skip the 100k-resource RSS walk")
    parser.add_argument("--skip-startup", action="store_true", help="skip the start-up timing")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--out", default="latest", help="results file name under bench/results")
    args = parser.parse_args(argv)
    require_wrk()
    if not (BIN / "netpath-mock").exists():
        print(f"{BIN / 'netpath-mock'} not found: run `make install-dev` first", file=sys.stderr)
        return 2
    results = run(args)
    print(report(results))
    path = save(args.out, results)
    print(f"\nresults written to {path.relative_to(ROOT)}")
    if args.check and not all(ok for _, ok in verdicts(results)):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
