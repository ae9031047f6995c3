"""What every benchmark shares: servers pinned to a core, wrk runs, catalogs and the report.

Servers run on core 0 and wrk on core 1 (`taskset`), so the server under test never competes with
the load generator for a CPU; on a machine with fewer than two cores both run unpinned and the
report says so.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

import psutil

K = TypeVar("K")  # a server's name in a comparison
ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
SERVER_CORE = "0"
LOAD_CORE = "1"

# Credentials are well-formed but arbitrary: without a credentials file the mock accepts any, and
# it still runs every check (regexes, fingerprinting, permissions) on them for each request.
CLOUDFLARE_HEADERS = {"Authorization": "Bearer Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY"}
DATADOG_HEADERS = {
    "DD-API-KEY": "0123456789abcdef0123456789abcdef",
    "DD-APPLICATION-KEY": "0123456789abcdef0123456789abcdef01234567",
}
HEADERS = {"cloudflare": CLOUDFLARE_HEADERS, "datadog": DATADOG_HEADERS}
DATADOG_TEST_COUNT = 10_000  # the largest org MOCK_DATADOG_TEST_COUNT allows
# Far above anything wrk can send in a window, so the limiter counts every request (and the
# headers report it) without ever refusing one.
HUGE_RATE = {"cloudflare": "1000000000/300", "datadog": "1000000000/60"}

WRK_MISSING = """\
wrk (the HTTP load generator) is not installed.
  Debian/Ubuntu: sudo apt-get install -y wrk
  macOS:         brew install wrk
  other:         https://github.com/wg/wrk (make; put the binary on PATH)"""

# wrk calls done() once at the end: print the figures as one JSON line the runner can parse.
_DONE_LUA = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,' ..
    '"p99_us":%d,"max_us":%d,"mean_us":%.1f,"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""

# Walks a file of paths in turn, shared by a thread's connections so requests in flight name
# different resources; each wrk thread starts its own stretch of the list (thread k of T at
# k/T of it), so threads never ask for the same resource at once. args: paths file, threads
# [, responses after which each thread stops].
_WALK_LUA = r"""
local threads_seen = 0
setup = function(thread)
  thread:set("id", threads_seen)
  threads_seen = threads_seen + 1
end
local paths, n, i = {}, 0, 0
init = function(args)
  for line in io.lines(args[1]) do
    n = n + 1
    paths[n] = line
  end
  i = math.floor(n * id / tonumber(args[2]))
end
request = function()
  i = i % n + 1
  return wrk.format(nil, paths[i])
end
"""

# Only the stop-after-N walk defines response(): wrk then parses every response for Lua, which
# costs load-generator time the throughput runs should not pay. wrk's main thread sleeps for the
# whole -d duration whatever the threads do, so the thread stops sending and prints a marker on
# which the runner interrupts wrk (SIGINT makes wrk finish and report at once).
_STOP_LUA = r"""
local seen, stop_after = 0, 0
local walk_init = init
init = function(args)
  walk_init(args)
  stop_after = tonumber(args[3])
end
response = function(status, headers, body)
  seen = seen + 1
  if seen == stop_after then
    io.write("BENCH_DONE\n")
    io.flush()
    wrk.thread:stop()
  end
end
"""


def require_wrk() -> str:
    """The wrk binary, or exit 2 explaining how to install it."""
    found = shutil.which("wrk")
    if found is None:
        print(WRK_MISSING, file=sys.stderr)
        raise SystemExit(2)
    return found


def pinning() -> bool:
    """Whether server and load generator can each have a core of their own."""
    return shutil.which("taskset") is not None and (os.cpu_count() or 1) >= 2


def pinned(core: str, argv: Sequence[str]) -> list[str]:
    """`argv` run on `core` when pinning is possible, else unchanged."""
    return ["taskset", "-c", core, *argv] if pinning() else list(argv)


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# Servers keep their compiled bytecode here (every tree, the baseline's too): a user's Python
# caches it after the first run, so start-up is measured as users meet it, even where the
# environment sets PYTHONDONTWRITEBYTECODE (which would recompile every module on every start:
# about 0.3 s of this project's start-up). Outside the repository, so no tree is written to.
PYCACHE = Path(tempfile.gettempdir()) / "netpath-mock-bench-pycache"


def bench_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for servers: no stray MOCK_* settings, huge limits, the big Datadog org."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCK_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["MOCK_CLOUDFLARE_RATE_LIMIT"] = HUGE_RATE["cloudflare"]
    env["MOCK_DATADOG_RATE_LIMIT"] = HUGE_RATE["datadog"]
    env["MOCK_DATADOG_TEST_COUNT"] = str(DATADOG_TEST_COUNT)
    env.update(extra or {})
    return env


@dataclass
class Fetched:
    """One response as the client saw it."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


def fetch(port: int, path: str, headers: dict[str, str], timeout: float = 10.0) -> Fetched:
    """GET `path` on a fresh connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return Fetched(response.status, response.getheaders(), response.read())
    finally:
        conn.close()


class Server:
    """A server process started by the benchmark (in its own process group), stopped by id."""

    def __init__(
        self,
        argv: Sequence[str],
        env: dict[str, str],
        *,
        core: str | None = SERVER_CORE,
        cwd: Path = ROOT,
    ):
        self.argv = pinned(core, argv) if core is not None else list(argv)
        # A file, not a pipe: a server logging under load must never block on a full pipe.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - open while the server runs
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            self.argv,
            env=env,
            cwd=cwd,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so stop() reaches the workers or node children, and only them
        )

    def wait_ready(
        self,
        port: int,
        path: str,
        headers: dict[str, str],
        timeout: float = 30.0,
        poll: float = 0.005,
    ) -> float:
        """Poll `path` until it answers 200; seconds since the process was spawned."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"server exited ({self.proc.returncode}): {' '.join(self.argv)}\n{self.log()}"
                )
            try:
                if fetch(port, path, headers, timeout=2.0).status == 200:
                    return time.perf_counter() - self.started
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(poll)
        self.stop()
        raise RuntimeError(f"server not answering 200 on {path} after {timeout} s")

    def cpu_seconds(self) -> float:
        """User + system CPU time the server and its children (workers) have used so far."""
        try:
            root = psutil.Process(self.proc.pid)
            processes = [root, *root.children(recursive=True)]
        except psutil.Error:
            return float("nan")
        total = 0.0
        for process in processes:
            with suppress(psutil.Error):
                times = process.cpu_times()
                total += times.user + times.system
        return total

    def log(self) -> str:
        """What the server printed so far."""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def rss_mb(self) -> float:
        """Resident memory of the server and all its children (workers), in MB."""
        try:
            root = psutil.Process(self.proc.pid)
            procs = [root, *root.children(recursive=True)]
            rss: int = sum(p.memory_info().rss for p in procs)
            return rss / 1e6
        except psutil.Error:
            return float("nan")

    def stop(self) -> None:
        """SIGTERM the process group we created, then SIGKILL it if it lingers."""
        if self.proc.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self.proc.wait()
        self._log.close()

    def _signal(self, sig: signal.Signals) -> None:
        with suppress(ProcessLookupError):  # our own session: the server and its children only
            os.killpg(self.proc.pid, sig)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass(frozen=True)
class Target:
    """A build of the project the benchmark serves: the working tree, or a baseline checkout.

    `command` is its `netpath-mock` command (argv prefix), run in `cwd` with `env` added to the
    benchmark's environment.
    """

    label: str
    command: tuple[str, ...]
    cwd: Path = ROOT
    env: tuple[tuple[str, str], ...] = ()

    def environ(self, base: dict[str, str]) -> dict[str, str]:
        """`base` with this target's variables on top."""
        return {**base, **dict(self.env)}

    def serve_argv(self, port: int, workers: int = 1) -> list[str]:
        """`netpath-mock serve` as a user runs it (uvicorn, httptools/uvloop, no access log)."""
        argv = [*self.command, "serve", "--port", str(port), "--log-level", "warning"]
        return [*argv, "--workers", str(workers)] if workers > 1 else argv

    def serve(self, port: int, env: dict[str, str]) -> Server:
        """Start one worker of this target on `port` (on the server core)."""
        return Server(self.serve_argv(port), self.environ(env), cwd=self.cwd)

    def catalog(
        self, vendor: str, limit: int, env: dict[str, str], kind: str | None = None
    ) -> list[dict[str, str]]:
        """The first `limit` items of `vendor`'s catalog of `kind`, from `netpath-mock catalog`."""
        kinds = ["--kind", kind] if kind is not None else []
        out = subprocess.run(
            [*self.command, "catalog", "--vendor", vendor, "--limit", str(limit), *kinds],
            env=self.environ(env),
            cwd=self.cwd,
            check=True,
            capture_output=True,
        ).stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]


WORKING_TREE = Target("project", (str(BIN / "netpath-mock"),))


def mock_argv(port: int, workers: int = 1) -> list[str]:
    """`netpath-mock serve` of the working tree as a user runs it."""
    return WORKING_TREE.serve_argv(port, workers)


def cloudflare_path(account_id: str, test_result_id: str) -> str:
    """The network-path URL path of one result, under the SDK's /client/v4 base."""
    return (
        f"/client/v4/accounts/{account_id}/dex/traceroute-test-results/"
        f"{test_result_id}/network-path"
    )


def datadog_path(public_id: str) -> str:
    """The v2 network-test URL path of one test."""
    return f"/api/v2/synthetics/tests/network/{public_id}"


def catalog_paths(vendor: str, limit: int, env: dict[str, str]) -> list[str]:
    """`limit` existing resource paths of `vendor` in the working tree's catalog."""
    items = WORKING_TREE.catalog(vendor, limit, env)
    if vendor == "cloudflare":
        return [cloudflare_path(i["account_id"], i["test_result_id"]) for i in items]
    return [datadog_path(i["public_id"]) for i in items]


@dataclass
class WrkResult:
    """wrk's figures for one run."""

    rps: float
    requests: int
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: int  # socket errors and non-2xx/3xx answers
    mb_per_s: float
    # The server's CPU time (user + system, its workers too) per answer, in microseconds: NaN
    # when not metered. Steal time (another VM on the same host) is not charged to a process,
    # so this stays steady where requests/s swings with the neighbours.
    cpu_us: float = float("nan")

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures."""
        return asdict(self)


class Wrk:
    """Runs wrk (on the load core unless pin=False) and parses its Lua summary."""

    def __init__(self, *, connections: int, threads: int, workdir: Path, pin: bool = True) -> None:
        self.binary = require_wrk()
        self.connections = connections
        self.threads = threads
        self.pin = pin
        self.workdir = workdir
        self._scripts: dict[str, Path] = {}

    def _script(self, name: str, text: str) -> Path:
        if name not in self._scripts:
            path = self.workdir / f"{name}.lua"
            path.write_text(text)
            self._scripts[name] = path
        return self._scripts[name]

    @staticmethod
    def _execute(argv: list[str], *, interrupt_on_done: bool) -> tuple[str, str, int]:
        if not interrupt_on_done:
            done = subprocess.run(argv, capture_output=True, text=True, check=False)
            return done.stdout, done.stderr, done.returncode
        with tempfile.TemporaryFile() as err_file:
            proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err_file, text=True)
            assert proc.stdout is not None
            lines = []
            for line in proc.stdout:
                lines.append(line)
                if line.startswith("BENCH_DONE"):
                    proc.send_signal(signal.SIGINT)
            proc.wait()
            err_file.seek(0)
            return "".join(lines), err_file.read().decode(errors="replace"), proc.returncode

    def measure(
        self,
        port: int,
        headers: dict[str, str],
        seconds: float,
        cpu: Callable[[], float] | None = None,
        **load: Any,
    ) -> WrkResult:
        """One measured round, right after a 1 s warm-up round of the same load.

        `cpu`: the server's CPU seconds so far (Server.cpu_seconds); the round's CPU per answer
        is then metered.

        Measured on this project's 2-core VM: a server that sat idle (while another server was
        measured) answers its first ~100 ms of requests late, and that alone moved p99 from ~13
        to ~55 ms for a 4 s round; the warm-up absorbs it. Each wrk run still opens fresh
        connections, whose first requests can take up to ~200 ms (kernel TCP timers, not the
        server's event loop: it never stalls that long), so rounds last seconds, not less.
        """
        self.run(port, headers, 1, **load)
        before = cpu() if cpu is not None else 0.0
        result = self.run(port, headers, seconds, **load)
        if cpu is not None and result.requests:
            result.cpu_us = (cpu() - before) / result.requests * 1e6
        return result

    def run(
        self,
        port: int,
        headers: dict[str, str],
        seconds: float,
        *,
        path: str | None = None,
        walk: Path | None = None,
        stop_after: int = 0,
    ) -> WrkResult:
        """Load `path` (again and again) or the paths in `walk` (in turn) for `seconds`."""
        argv = [
            self.binary,
            f"-t{self.threads}",
            f"-c{self.connections}",
            f"-d{max(1, round(seconds))}s",
            "--latency",
            "--timeout",
            "10s",
        ]
        for name, value in headers.items():
            argv += ["-H", f"{name}: {value}"]
        if walk is None:
            argv += ["-s", str(self._script("report", _DONE_LUA)), f"http://127.0.0.1:{port}{path}"]
        else:
            if stop_after:
                script = self._script("walk_stop", _WALK_LUA + _STOP_LUA + _DONE_LUA)
            else:
                script = self._script("walk", _WALK_LUA + _DONE_LUA)
            argv += ["-s", str(script), f"http://127.0.0.1:{port}/", "--", str(walk)]
            argv.append(str(self.threads))
            if stop_after:
                argv.append(str(stop_after))
        stdout, stderr, code = self._execute(
            pinned(LOAD_CORE, argv) if self.pin else argv, interrupt_on_done=bool(stop_after)
        )
        for line in stdout.splitlines():
            if line.startswith("BENCH_JSON "):
                raw = json.loads(line.removeprefix("BENCH_JSON "))
                break
        else:
            raise RuntimeError(f"wrk failed ({code}):\n{stdout}\n{stderr}")
        duration = raw["duration_us"] / 1e6
        errors = sum(raw[k] for k in ("connect", "read", "write", "status", "timeout"))
        return WrkResult(
            rps=raw["requests"] / duration,
            requests=raw["requests"],
            p50_ms=raw["p50_us"] / 1000,
            p90_ms=raw["p90_us"] / 1000,
            p99_ms=raw["p99_us"] / 1000,
            max_ms=raw["max_us"] / 1000,
            errors=errors,
            mb_per_s=raw["bytes"] / duration / 1e6,
        )


def combine(rounds: list[WrkResult], rss_mb: float) -> dict[str, Any]:
    """One scenario's figures over its rounds: total throughput, median p50 and p99, worst p99.

    The median p99 is the headline: on a shared machine one round can catch a neighbour's burst
    (or a TCP loss probe's 200 ms timer) that says nothing about the server; the worst is kept.
    """
    seconds = sum(r.requests / r.rps for r in rounds)
    metered = [r for r in rounds if r.cpu_us == r.cpu_us]  # NaN: not metered
    cpu_us = (
        sum(r.cpu_us * r.requests for r in metered) / sum(r.requests for r in metered)
        if metered and sum(r.requests for r in metered)
        else float("nan")
    )
    return {
        "rps": sum(r.requests for r in rounds) / seconds,
        "cpu_us": cpu_us,
        "requests": sum(r.requests for r in rounds),
        "p50_ms": statistics.median(r.p50_ms for r in rounds),
        "p99_ms": statistics.median(r.p99_ms for r in rounds),
        "p99_worst_ms": max(r.p99_ms for r in rounds),
        "max_ms": max(r.max_ms for r in rounds),
        "errors": sum(r.errors for r in rounds),
        "rss_mb": rss_mb,
        "rounds": [r.as_dict() for r in rounds],
    }


def add_round_options(parser: argparse.ArgumentParser) -> None:
    """--duration, --rounds, --quick and --connections of a comparison between servers."""
    parser.add_argument("--duration", type=float, default=12.0, help="seconds per scenario")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per scenario")
    parser.add_argument("--quick", action="store_true", help="one 3 s round per scenario")
    parser.add_argument("--connections", type=int, default=64)


def round_plan(args: argparse.Namespace) -> tuple[float, int]:
    """A scenario's seconds and alternating rounds from those options (--quick: one 3 s round)."""
    if args.quick:
        return 3.0, 1
    return args.duration, max(1, args.rounds)


def alternate(
    wrk: Wrk,
    ports: Mapping[K, int],
    headers: dict[str, str],
    seconds: float,
    rounds: int,
    log: Callable[[str], None],
    what: str,
    *,
    label: Callable[[K], str] = str,
    rotate: bool = False,
    **load: Any,
) -> dict[K, dict[str, Any]]:
    """Each server (`ports`: name -> port) measured `rounds` times for `seconds`, rounds
    alternating between the servers (in an order rotating each round with `rotate`); each
    server's rounds combined. Every measurement is logged as `what` and the server's label."""
    names = list(ports)
    measured: dict[K, list[WrkResult]] = {name: [] for name in names}
    for turn in range(rounds):
        shift = turn % len(names) if rotate else 0
        for name in names[shift:] + names[:shift]:
            log(f"{what} {label(name)}")
            measured[name].append(wrk.measure(ports[name], headers, seconds, **load))
    return {name: combine(found, float("nan")) for name, found in measured.items()}


@contextmanager
def workdir() -> Iterator[Path]:
    """A scratch folder for Lua scripts and path lists."""
    with tempfile.TemporaryDirectory(prefix="netpath-bench-") as name:
        yield Path(name)


def write_paths(folder: Path, name: str, paths: Sequence[str]) -> Path:
    """One path per line, for the walk script."""
    target = folder / f"{name}.txt"
    target.write_text("\n".join(paths) + "\n")
    return target


def machine() -> dict[str, Any]:
    """Where the figures were taken."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    wrk_version = subprocess.run(
        [require_wrk(), "-v"], capture_output=True, text=True, check=False
    ).stdout.splitlines()
    return {
        "cpu": model or platform.processor(),
        "cores": os.cpu_count(),
        "pinned": pinning(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "wrk": wrk_version[0] if wrk_version else "",
        "uvicorn": _version("uvicorn"),
        "uvloop": _version("uvloop"),
        "httptools": _version("httptools"),
        "git": _git_rev(),
    }


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "absent"


def _git_rev() -> str:
    done = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip()


def save(name: str, payload: dict[str, Any]) -> Path:
    """Write `payload` to bench/results/<name>.json (a gitignored folder)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / f"{name}.json"
    target.write_text(json.dumps(payload, indent=2) + "\n")
    return target


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain, aligned text table (numbers right-aligned)."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(
            h.ljust(w) if i == 0 else h.rjust(w)
            for i, (h, w) in enumerate(zip(header, widths, strict=True))
        )
    ]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    return "\n".join(lines)


def logger(prefix: str) -> Callable[[str], None]:
    """A progress printer on stderr (stdout stays the report alone), prefixed `prefix: `."""

    def log(message: str) -> None:
        print(f"{prefix}: {message}", file=sys.stderr, flush=True)

    return log


def fleet_paths(limit: int) -> list[str]:
    """`limit` fleet-status/devices pages of 50: the docs account's last hour first, then other
    accounts (any 32-hex id is an account) and hour windows sliding back over the retention."""
    epoch = 1_793_491_200  # the default MOCK_EPOCH, 2026-11-01T00:00:00Z
    paths = []
    for i in range(limit):
        account = "01a7362d577a6c3019a474fd6f485823" if i == 0 else f"{i * 0x9E3779B97F4A7C15:032x}"
        to = epoch - (i % 2000) * 300
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(to))
        start = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(to - 3600))
        paths.append(
            f"/client/v4/accounts/{account[-32:]}/dex/fleet-status/devices"
            f"?from={start}&to={stamp}&page=1&per_page=50"
        )
    return paths
