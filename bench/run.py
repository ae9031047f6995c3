"""`make bench`: netpath-mock's throughput as a share of the stack's ceiling and vs a baseline.

The scenarios are the entries of `bench.scenarios.SCENARIOS`: for each vendor operation, "warm"
(one resource again and again: its serialized body is cached) and "distinct" (tens of thousands
of different resources in turn, far more than the body cache holds, so every answer is
generated). The project runs as users run it (`netpath-mock serve`: one worker, auth headers
checked, rate-limit headers and the request journal on, a limit too high to refuse).

The same wrk runs against `bench.ceiling`, a bare ASGI app under the same uvicorn sending the very
bytes and headers the project sent, and, with `--baseline REF` (`make bench BASELINE=REF`),
against the project at git ref REF (see bench/baseline.py: same venv, the ref's code). All
servers stay up side by side on the same core and each scenario alternates rounds (each after a
1 s warm-up) between them, so a noisy neighbour on a shared machine hits every side of a ratio.
Figures: requests/s over all rounds, the ratio to the ceiling and to the baseline, the run-to-run
noise (the largest spread of one server's per-round r/s: (max - min) / median), the server's CPU
time per answer (psutil, user + system: what a request costs, which a noisy neighbour on a shared
host moves far less than requests/s) with its own ratio to the baseline and spread, p50/p99 latency
(median of the rounds; the worst round's p99 too), server RSS; then RSS after 100,000 distinct
Cloudflare results, the start-up time to the first answer (working tree only), and the shared
state: `serve --workers 2 --state-url redis://...` against one in-process worker (bench/shared.py,
when redis-server is installed). Server on
core 0, wrk on core 1 (-t1 -c64). The table is printed and written to
bench/results/latest.json (gitignored).

    python -m bench.run [--baseline REF] [--round-seconds S] [--rounds N] [--scenario NAME]
                        [--quick] [--skip-rss] [--skip-startup] [--check]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from contextlib import ExitStack, nullcontext
from pathlib import Path
from typing import Any

from bench import shared
from bench.baseline import checkout
from bench.ceiling import capture_json
from bench.common import (
    BIN,
    HEADERS,
    ROOT,
    WORKING_TREE,
    Server,
    Target,
    Wrk,
    WrkResult,
    bench_env,
    combine,
    fetch,
    free_port,
    logger,
    machine,
    require_wrk,
    save,
    table,
    workdir,
    write_paths,
)
from bench.scenarios import CLOUDFLARE_NETWORK_PATH, SCENARIOS, Scenario, fill, scenario_paths

RSS_RESOURCES = 100_000
STARTUP_RUNS = 3
TARGETS = {
    "p99_ms_max": 20.0,
    "rss_100k_mb_max": 100.0,
    "startup_s_max": 1.0,
}


def _catalog_limits(scenarios: list[Scenario], rss: bool) -> dict[tuple[str, str | None], int]:
    """How many catalog items of each (vendor, kind) the scenarios (and the RSS walk) need."""
    limits: dict[tuple[str, str | None], int] = {}
    for scenario in scenarios:
        key = (scenario.vendor, scenario.kind)
        limits[key] = max(limits.get(key, 1), scenario.walk)
    if rss:
        limits["cloudflare", None] = max(limits.get(("cloudflare", None), 1), RSS_RESOURCES)
    return limits


def _spread(rounds: list[WrkResult], figure: str = "rps") -> float | None:
    """(max - min) / median of the rounds' `figure` (r/s, cpu_us); None with a single round."""
    values = [getattr(r, figure) for r in rounds]
    if len(values) < 2 or any(v != v for v in values):  # v != v: NaN, not metered
        return None
    return (max(values) - min(values)) / statistics.median(values)


def _measure_scenario(
    scenario: Scenario,
    servers: dict[str, tuple[Target, int]],
    processes: dict[str, Server],
    paths: dict[str, list[str]],
    walks: dict[str, Path],
    wrk: Wrk,
    env: dict[str, str],
    rounds: int,
    seconds: float,
    tmp: Path,
) -> dict[str, Any]:
    """Rounds alternating between the ceiling and every target; the scenario's figures."""
    headers = HEADERS[scenario.vendor]
    first = {name: fetch(port, paths[name][0], headers) for name, (_, port) in servers.items()}
    for name, answer in first.items():
        if answer.status != 200:
            raise RuntimeError(f"{name}: {paths[name][0]} answered {answer.status}")
    mine = first["project"]
    capture = tmp / "capture.json"
    capture.write_text(capture_json(mine.status, mine.headers, mine.body))
    ceiling_port = free_port()
    argv = [sys.executable, "-m", "bench.ceiling", "--capture", str(capture)]
    figures: dict[str, Any] = {
        "paths": {name: len(found) for name, found in paths.items()},
        "body_bytes": len(mine.body),
        "headers": len(mine.headers),
    }
    measured: dict[str, list[WrkResult]] = {"ceiling": [], **{name: [] for name in servers}}
    with Server([*argv, "--port", str(ceiling_port)], env) as ceiling:
        ceiling.wait_ready(ceiling_port, paths["project"][0], headers)
        names = list(servers)
        for turn in range(rounds):
            # The ceiling first, then the targets in a rotating order: none is always the one
            # measured right after the ceiling.
            order = names[turn % len(names) :] + names[: turn % len(names)]
            for name in ["ceiling", *order]:
                port = ceiling_port if name == "ceiling" else servers[name][1]
                own = "project" if name == "ceiling" else name  # the ceiling answers any path
                load: dict[str, Any] = (
                    {"path": paths[own][0]} if scenario.walk == 1 else {"walk": walks[own]}
                )
                process = ceiling if name == "ceiling" else processes[name]
                measured[name].append(
                    wrk.measure(port, headers, seconds, cpu=process.cpu_seconds, **load)
                )
    figures["ceiling"] = combine(measured["ceiling"], float("nan"))
    for name in servers:
        figures[name] = combine(measured[name], float("nan"))
        figures[name]["ratio"] = figures[name]["rps"] / figures["ceiling"]["rps"]
    if "baseline" in servers:
        figures["vs_baseline"] = figures["project"]["rps"] / figures["baseline"]["rps"]
        figures["round_ratios"] = [
            p.rps / b.rps for p, b in zip(measured["project"], measured["baseline"], strict=True)
        ]
        spreads = [_spread(measured[name]) for name in ("project", "baseline")]
        figures["noise"] = None if None in spreads else max(x for x in spreads if x is not None)
        # The same comparison in CPU per answer: baseline / project (above 1: the project
        # spends less), with its own round-to-round spread.
        figures["vs_baseline_cpu"] = figures["baseline"]["cpu_us"] / figures["project"]["cpu_us"]
        spreads = [_spread(measured[name], "cpu_us") for name in ("project", "baseline")]
        figures["cpu_noise"] = None if None in spreads else max(x for x in spreads if x is not None)
        figures["same_bytes"] = first["baseline"].body == mine.body
    return figures


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Every measurement; returns the results document."""
    rounds = 1 if args.quick else max(1, args.rounds)
    if args.quick:
        seconds = 3.0
    elif args.round_seconds is not None:
        seconds = args.round_seconds
    else:
        seconds = args.duration / rounds
    scenarios = [
        s for s in SCENARIOS if not args.scenario or any(w in s.name for w in args.scenario)
    ]
    if not scenarios:
        raise SystemExit(f"no scenario matches {args.scenario}")
    env = bench_env()
    results: dict[str, Any] = {
        "machine": machine(),
        "settings": {
            "seconds_per_round": seconds,
            "rounds": rounds,
            "connections": args.connections,
            "threads": args.threads,
        },
        "targets": TARGETS,
        "labels": {},
        "scenarios": {},
    }
    results["labels"]["project"] = f"working tree ({results['machine']['git']})"
    baseline = checkout(args.baseline) if args.baseline else nullcontext(None)
    with workdir() as tmp, baseline as base, ExitStack() as servers:
        wrk = Wrk(connections=args.connections, threads=args.threads, workdir=tmp)
        targets: dict[str, Target] = {"project": WORKING_TREE}
        if base is not None:
            targets["baseline"] = base
            results["labels"]["baseline"] = base.label
        log("listing catalogs")
        catalogs = {
            (name, vendor, kind): target.catalog(vendor, limit, env, kind)
            for name, target in targets.items()
            # Only the working tree walks the RSS scenario's 100,000 results.
            for (vendor, kind), limit in _catalog_limits(
                scenarios, rss=name == "project" and not args.skip_rss
            ).items()
        }
        # The project and the baseline stay up side by side (an idle server costs nothing), so
        # each scenario alternates rounds between them and its ceiling.
        running: dict[str, tuple[Target, int]] = {}
        handles: dict[str, Server] = {}
        for name, target in targets.items():
            port = free_port()
            handles[name] = servers.enter_context(target.serve(port, env))
            probe = scenarios[0]
            first = scenario_paths(probe, catalogs[name, probe.vendor, probe.kind])[0]
            handles[name].wait_ready(port, first, HEADERS[probe.vendor])
            running[name] = (target, port)

        for scenario in scenarios:
            log(
                f"{scenario.name:<22} ceiling vs {' vs '.join(running)}, {rounds} x {seconds:.0f} s"
            )
            paths = {
                name: scenario_paths(scenario, catalogs[name, scenario.vendor, scenario.kind])
                for name in running
            }
            walks = {name: write_paths(tmp, f"walk-{name}", found) for name, found in paths.items()}
            figures = _measure_scenario(
                scenario, running, handles, paths, walks, wrk, env, rounds, seconds, tmp
            )
            for name, server in handles.items():
                figures[name]["rss_mb"] = server.rss_mb()
            figures["ceiling_ratio_min"] = scenario.ceiling_ratio_min
            results["scenarios"][scenario.name] = figures
        servers.close()

        cloudflare = fill(
            CLOUDFLARE_NETWORK_PATH,
            catalogs.get(("project", "cloudflare", None), []),
            RSS_RESOURCES,
        )
        if not args.skip_rss and cloudflare:
            log(f"project    cloudflare {RSS_RESOURCES:,} distinct results (RSS)")
            walk = write_paths(tmp, "cloudflare-rss", cloudflare)
            port = free_port()
            with WORKING_TREE.serve(port, env) as server:
                server.wait_ready(port, cloudflare[0], HEADERS["cloudflare"])
                before = server.rss_mb()
                walked = wrk.run(
                    port, HEADERS["cloudflare"], 600, walk=walk, stop_after=len(cloudflare)
                )  # each result once (wrk stops after as many answers)
                results["rss_100k"] = {
                    "resources": len(cloudflare),
                    "requests": walked.requests,
                    "errors": walked.errors,
                    "rps": walked.rps,
                    "rss_start_mb": before,
                    "rss_mb": server.rss_mb(),
                }

        if not args.skip_shared:
            if shared.available():
                log(f"shared state: {shared.WORKERS} workers + Redis vs 1 worker in process")
                results["shared"] = shared.measure(seconds, rounds, args.connections)
            else:
                log("shared state: skipped (redis-server not installed)")

        if not args.skip_startup:
            log("start-up to first answer")
            probe = scenarios[0]
            first = scenario_paths(probe, catalogs["project", probe.vendor, probe.kind])[0]
            times = []
            # One start first, not counted: it leaves the bytecode cache (bench.common.PYCACHE)
            # as any earlier run leaves it on a user's machine.
            for run in range(STARTUP_RUNS + 1):
                port = free_port()
                with WORKING_TREE.serve(port, env) as server:
                    seconds_to_200 = server.wait_ready(port, first, HEADERS[probe.vendor])
                if run:
                    times.append(seconds_to_200)
            results["startup_s"] = {
                "median": statistics.median(times),
                "max": max(times),
                "runs": times,
            }
    return results


def verdicts(results: dict[str, Any]) -> list[tuple[str, bool | None]]:
    """Each target and whether the run met it (None: reported, not judged)."""
    out: list[tuple[str, bool | None]] = []
    for name, figures in results["scenarios"].items():
        mine = figures["project"]
        floor = figures["ceiling_ratio_min"]
        if floor is not None:
            out.append((f"{name} ratio {mine['ratio']:.2f} >= {floor}", mine["ratio"] >= floor))
        out.append(
            (
                f"{name} p99 {mine['p99_ms']:.1f} ms <= {TARGETS['p99_ms_max']:.0f}",
                mine["p99_ms"] <= TARGETS["p99_ms_max"],
            )
        )
        if "vs_baseline" in figures:
            ratio, noise = figures["vs_baseline"], figures["noise"]
            if noise is None:
                text = f"{name} vs baseline {ratio:.3f} (noise unmeasured: one round)"
                out.append((text, None))
            else:
                out.append(
                    (
                        f"{name} vs baseline {ratio:.3f} >= 1 - noise {noise:.3f}",
                        ratio >= 1 - noise,
                    )
                )
            cpu_ratio, cpu_noise = figures["vs_baseline_cpu"], figures["cpu_noise"]
            if cpu_noise is not None and cpu_ratio == cpu_ratio:
                out.append(
                    (
                        f"{name} CPU per answer vs baseline {cpu_ratio:.3f} >= 1 - CPU noise "
                        f"{cpu_noise:.3f} ({mine['cpu_us']:.1f} vs "
                        f"{figures['baseline']['cpu_us']:.1f} us)",
                        cpu_ratio >= 1 - cpu_noise,
                    )
                )
            if not figures["same_bytes"]:
                out.append((f"{name}: first body differs from the baseline's", None))
        for target in ("project", "baseline"):
            if target in figures and figures[target]["errors"]:
                errors = figures[target]["errors"]
                out.append((f"{name} {target}: {errors} failed or non-2xx answers", False))
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


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"


def report(results: dict[str, Any]) -> str:
    """The printed summary: a text table, the verdicts and a Markdown table for the README."""
    baseline = "baseline" in results["labels"]
    header = ["scenario", "ceiling r/s"]
    header += ["baseline r/s", "project r/s", "vs base", "noise"] if baseline else ["project r/s"]
    header += ["ratio", "p50 ms", "p99 ms", "p99 worst", "ceil p99"]
    header += ["base p99"] if baseline else []
    header += ["CPU us"] + (["base CPU", "vs base CPU", "CPU noise"] if baseline else [])
    header += ["RSS MB"]
    rows = []
    markdown = [
        "| scenario | ceiling r/s | "
        + (
            "baseline r/s | netpath-mock r/s | vs baseline | "
            if baseline
            else "netpath-mock r/s | "
        )
        + "ratio | p50 ms | p99 ms | CPU µs/answer | "
        + ("CPU vs baseline | " if baseline else "")
        + "RSS MB |",
        "|---|---|---|---|---|---|---|---|" + ("---|---|---|" if baseline else ""),
    ]
    for name, figures in results["scenarios"].items():
        mine, ceiling = figures["project"], figures["ceiling"]
        row = [name, f"{ceiling['rps']:,.0f}"]
        cells = [name.replace("cloudflare", "Cloudflare").replace("datadog", "Datadog")]
        cells.append(f"{ceiling['rps']:,.0f}")
        if baseline:
            base = figures["baseline"]
            row += [
                f"{base['rps']:,.0f}",
                f"{mine['rps']:,.0f}",
                f"{figures['vs_baseline']:.3f}",
                _pct(figures["noise"]),
            ]
            cells += [f"{base['rps']:,.0f}", f"{mine['rps']:,.0f}", f"{figures['vs_baseline']:.2f}"]
        else:
            row.append(f"{mine['rps']:,.0f}")
            cells.append(f"{mine['rps']:,.0f}")
        row += [
            f"{mine['ratio']:.2f}",
            f"{mine['p50_ms']:.2f}",
            f"{mine['p99_ms']:.2f}",
            f"{mine['p99_worst_ms']:.2f}",
            f"{ceiling['p99_ms']:.2f}",
        ]
        if baseline:
            row.append(f"{figures['baseline']['p99_ms']:.2f}")
        row.append(f"{mine['cpu_us']:.1f}")
        if baseline:
            row += [
                f"{figures['baseline']['cpu_us']:.1f}",
                f"{figures['vs_baseline_cpu']:.3f}",
                _pct(figures["cpu_noise"]),
            ]
        row.append(f"{mine['rss_mb']:.0f}")
        rows.append(row)
        cells += [
            f"{mine['ratio']:.2f}",
            f"{mine['p50_ms']:.1f}",
            f"{mine['p99_ms']:.1f}",
            f"{mine['cpu_us']:.0f}",
        ]
        if baseline:
            cells.append(f"{figures['vs_baseline_cpu']:.2f}")
        cells.append(f"{mine['rss_mb']:.0f}")
        markdown.append("| " + " | ".join(cells) + " |")
    s = results["settings"]
    versus = " and " + results["labels"]["baseline"] if baseline else ""
    lines = [
        "",
        f"netpath-mock {results['labels']['project']} vs bare-ASGI ceiling{versus}: "
        f"1 uvicorn worker each on core 0, wrk -t{s['threads']} -c{s['connections']} on core 1, "
        f"{s['rounds']} alternating rounds of {s['seconds_per_round']:.0f} s "
        "per scenario and server"
        + (
            ""
            if results["machine"]["pinned"]
            else " (NOT pinned: fewer than 2 cores or no taskset)"
        ),
        "paths walked / body bytes: "
        + "; ".join(
            f"{name} {f['paths']['project']:,} / {f['body_bytes']:,}"
            for name, f in results["scenarios"].items()
        ),
        "",
        table(header, rows),
    ]
    if baseline:
        lines.append(
            "vs base: project r/s / baseline r/s over all rounds; noise: the larger of the two "
            "servers' round-to-round spread of r/s ((max - min) / median); CPU us: the server's "
            "CPU time per answer; vs base CPU: baseline CPU / project CPU (above 1: the project "
            "spends less), CPU noise its spread"
        )
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
    if "shared" in results:
        header_s, rows_s, markdown_s = shared.rows(results["shared"])
        lines += [
            "",
            f"shared state: `serve --workers {results['shared']['workers']} --state-url "
            "redis://...` vs one in-process worker, same session, nothing pinned:",
            "",
            table(header_s, rows_s),
        ]
        markdown += ["", *markdown_s]
    lines.append("")
    verdict = {True: "PASS", False: "FAIL", None: "INFO"}
    lines += [f"  {verdict[ok]}  {text}" for text, ok in verdicts(results)]
    lines += ["", "README table:", "", *markdown]
    return "\n".join(lines)


log = logger("bench")


def main(argv: list[str] | None = None) -> int:
    """Run, print, save; exit 1 with --check when a target is missed."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--baseline", metavar="REF", help="also measure the project at git REF")
    parser.add_argument(
        "--duration",
        type=float,
        default=12.0,
        help="seconds per scenario and server, split over the rounds (12)",
    )
    parser.add_argument(
        "--round-seconds", type=float, help="seconds per round (overrides --duration)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per scenario")
    parser.add_argument(
        "--scenario",
        action="append",
        metavar="NAME",
        help="only scenarios whose name contains NAME (repeatable)",
    )
    parser.add_argument("--quick", action="store_true", help="one 3 s round per scenario")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (all on one core)")
    parser.add_argument("--skip-rss", action="store_true", help="skip the 100k-resource RSS walk")
    parser.add_argument("--skip-startup", action="store_true", help="skip the start-up timing")
    parser.add_argument(
        "--skip-shared",
        action="store_true",
        help="skip --workers 2 with Redis vs 1 in-process worker (bench/shared.py)",
    )
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
    if args.check and any(ok is False for _, ok in verdicts(results)):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
