"""Issue 16, item 8: settings, files and the CLI as a new user meets them.

Every bad setting exits 2 naming what the user set (never an internal field name or pydantic's
"Value error,"); a typo in a MOCK_* name stops start-up; FIFOs, devices and huge files are refused
with a message; `generate` streams and refuses to write over a file; credentials files are checked
and only their vendors become strict; --help shows every default and variable; start-up logs and
/_mock/health report seed, fixtures, strict and state mode; `make run` honours MOCK_*; nobody
loads a ./fixtures folder that was not named.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import httpx
import pytest
from typer.testing import CliRunner

from netpath_mock.cli import cli
from netpath_mock.core.settings import Settings
from tests.conftest import PROJECT_FIXTURES, network_path_url
from tests.robustness.support import NETPATH_MOCK, free_port, server_env, wait_until_listening

PROJECT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def project_fixture_counts() -> dict[str, int]:
    """What the project's own fixtures/ loads, per vendor (as health reports it)."""
    from netpath_mock.main import build_state

    state = build_state(Settings(fixtures_dir=PROJECT_FIXTURES))
    return {vendor: len(items) for vendor, items in sorted(state.fixtures.items())}


def _refuse_to_serve(*args: object, **kwargs: object) -> None:
    raise AssertionError("the command would have started serving")


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """`netpath-mock ARGS` in this process, without the caller's MOCK_* variables: (exit status,
    stderr). If a bad value got through, the test fails rather than serves."""
    clean: dict[str, str | None] = {k: None for k in os.environ if k.startswith("MOCK_")}
    with (
        mock.patch("uvicorn.Server.run", _refuse_to_serve),
        mock.patch("uvicorn.run", _refuse_to_serve),
    ):
        result = runner.invoke(cli, list(args), env={**clean, **(env or {})})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


# --- every bad setting exits 2, in the user's terms -------------------------------------------

BAD_VARIABLES = [
    ("MOCK_FIXTURES_DIR", "/no/such/folder"),
    ("MOCK_CREDENTIALS_FILE", "/no/such/file.json"),
    ("MOCK_SEED", "x"),
    ("MOCK_PORT", "99999"),
    ("MOCK_CLOUDFLARE_RATE_LIMIT", "lots"),
    ("MOCK_LATENCY", "-5"),
    ("MOCK_FAULT_RATE", "2"),
    ("MOCK_CORS_ORIGINS", "http://exämple.com"),
    ("MOCK_CORS_ORIGINS", "localhost:5173"),
    ("MOCK_HOST", "not a host!"),
    ("MOCK_HOST", "no-such-host.invalid"),
    ("MOCK_ADMIN_TOKEN", "has space"),
    ("MOCK_LOG_LEVEL", "loud"),
    ("MOCK_ACCESS_LOG", "maybe"),
    ("MOCK_EPOCH", "yesterday"),
    ("MOCK_JOURNAL_BYTES", "1"),
    ("MOCK_HTTP", "h3"),
    ("MOCK_HEADER_TIMEOUT", "0"),
]


@pytest.mark.parametrize(("variable", "value"), BAD_VARIABLES)
def test_a_bad_variable_exits_2_naming_it(variable: str, value: str) -> None:
    port = [] if variable == "MOCK_PORT" else ["--port", "0"]
    status, stderr = _run("serve", *port, env={variable: value})
    assert status == 2, stderr
    assert "Value error" not in stderr and "Traceback" not in stderr
    problem = stderr.splitlines()[1]
    assert problem.startswith(variable), stderr
    field = variable.removeprefix("MOCK_").lower()
    assert "_" not in field or field not in stderr, stderr


@pytest.mark.parametrize(
    ("variable", "value", "secret"),
    [
        ("MOCK_ADMIN_TOKEN", "has s3cret-pw", "s3cret-pw"),
        ("MOCK_STATE_URL", "http://user:s3cret-pw@127.0.0.1:6379/0", "s3cret-pw"),
    ],
)
def test_a_bad_secret_variable_is_named_but_never_echoed(
    variable: str, value: str, secret: str
) -> None:
    status, stderr = _run("serve", "--port", "0", env={variable: value})
    assert status == 2, stderr
    assert stderr.splitlines()[1].startswith(variable + ":"), stderr
    assert secret not in stderr, stderr


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--fixtures-dir", "/no/such/folder"),
        ("--credentials-file", "/no/such/file.json"),
        ("--host", "not a host!"),
        ("--log-level", "loud"),
        ("--workers", "1000"),
    ],
)
def test_a_bad_option_exits_2_naming_it(option: str, value: str) -> None:
    status, stderr = _run("serve", "--port", "0", option, value)
    assert status == 2, stderr
    assert option in stderr, stderr
    assert "Value error" not in stderr and "Traceback" not in stderr
    field = option.removeprefix("--").replace("-", "_")
    assert "_" not in field or field not in stderr, stderr


def test_a_mistyped_variable_stops_start_up() -> None:
    status, stderr = _run("serve", "--port", "0", env={"MOCK_ADMIN_TOKN": "secret"})
    assert status == 2
    assert "MOCK_ADMIN_TOKN" in stderr and "MOCK_ADMIN_TOKEN" in stderr


def test_an_unrelated_mock_variable_is_reported() -> None:
    result = runner.invoke(
        cli, ["catalog", "--vendor", "datadog", "--limit", "1"], env={"MOCK_DASHBOARD_THEME": "x"}
    )
    assert result.exit_code == 0
    assert "MOCK_DASHBOARD_THEME" in result.stderr and "not a setting" in result.stderr


# --- files: FIFOs, devices, huge files; generate ------------------------------------------------


def test_a_fifo_among_the_fixtures_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    status, stderr = _run("serve", "--port", "0", "--fixtures-dir", str(tmp_path))
    assert status == 2 and "pipe.json" in stderr and "FIFO" in stderr, stderr


def test_a_fixture_over_the_size_bound_is_refused(tmp_path: Path) -> None:
    with (tmp_path / "huge.json").open("wb") as big:
        big.truncate(9 << 20)  # sparse: costs no disk
    status, stderr = _run("serve", "--port", "0", "--fixtures-dir", str(tmp_path))
    assert status == 2 and "huge.json" in stderr and "larger than" in stderr, stderr


@pytest.mark.parametrize("kind", ["fifo", "device", "huge"])
def test_a_credentials_path_that_is_no_small_file_is_refused(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "creds.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/null")
    else:
        with path.open("wb") as big:
            big.truncate(2 << 20)
    status, stderr = _run("serve", "--port", "0", "--credentials-file", str(path))
    assert status == 2, stderr
    assert "--credentials-file" in stderr or str(path) in stderr
    assert "regular file" in stderr or "larger than" in stderr, stderr


def test_generate_onto_an_existing_file_is_an_error(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("mine")
    result = runner.invoke(
        cli, ["generate", "--vendor", "datadog", "--count", "2", "--out", str(target)]
    )
    assert result.exit_code == 2
    assert "--out" in result.stderr and "not a folder" in result.stderr
    assert target.read_text() == "mine"


def test_generate_streams_rather_than_holding_the_catalog() -> None:
    from netpath_mock.vendors.cloudflare.spec import write_fixtures

    tracemalloc.start()
    try:
        files = write_fixtures(Settings(), 300_000)
        first = next(iter(files))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert first[0].startswith("cloudflare/")
    assert peak < 4 << 20, f"{peak / 2**20:.1f} MiB held before the first file"


# --- credentials files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            {"cloudflare": {"tokens": [{"token": "t", "permissions": ["Cloudflare DEX Raed"]}]}},
            "Cloudflare DEX Read",
        ),
        (
            {"cloudflare": {"tokens": [{"token": "t", "permissions": ["cloudflare dex read"]}]}},
            "Cloudflare DEX Read",
        ),
        (
            {
                "datadog": {
                    "api_keys": ["k"],
                    "application_keys": [{"key": "a", "permissions": ["synthetics_raed"]}],
                }
            },
            "synthetics_read",
        ),
        (
            {
                "datadog": {
                    "api_keys": ["k"],
                    "application_keys": [{"key": "a", "permissions": ["Synthetics Read!"]}],
                }
            },
            "permission",
        ),
        (
            {"cloudflare": {"tokens": [{"token": "t", "accounts": ["not-an-account"]}]}},
            "account id",
        ),
        (
            {
                "cloudflare": {
                    "keys": [
                        {
                            "email": "a@b.c",
                            "key": "k",
                            "accounts": ["01A7362D577A6C3019A474FD6F48582"],
                        }
                    ]
                }
            },
            "account id",
        ),
        ({}, "no vendor section"),
    ],
)
def test_a_bad_credentials_file_is_refused_at_start_up(
    tmp_path: Path, document: object, expected: str
) -> None:
    path = tmp_path / "creds.json"
    path.write_text(json.dumps(document))
    status, stderr = _run("serve", "--port", "0", "--credentials-file", str(path))
    assert status == 2, stderr
    assert str(path) in stderr and expected in stderr, stderr


def test_only_the_vendors_with_a_section_become_strict(make_server: object) -> None:
    live = make_server(  # type: ignore[operator]
        credentials={"datadog": {"api_keys": ["k"], "application_keys": [{"key": "a"}]}}
    )
    cloudflare = httpx.get(
        live.url + network_path_url(), headers={"Authorization": "Bearer any-token"}
    )
    assert cloudflare.status_code == 200  # no Cloudflare section: default mode
    unknown = {"DD-API-KEY": "other", "DD-APPLICATION-KEY": "a"}
    datadog = httpx.get(live.url + "/api/v2/synthetics/tests/network/c7a-uwa-wn2", headers=unknown)
    assert datadog.status_code == 401
    assert httpx.get(live.url + "/_mock/health").json()["strict"] == ["datadog"]


# --- help and version -------------------------------------------------------------------------


def test_help_shows_every_default_and_variable() -> None:
    result = runner.invoke(cli, ["serve", "--help"], terminal_width=200)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for variable, default in [
        ("MOCK_HOST", "127.0.0.1"),
        ("MOCK_PORT", "8000"),
        ("MOCK_SEED", "1234"),
        ("MOCK_FIXTURES_DIR", "none"),
        ("MOCK_CREDENTIALS_FILE", "none"),
        ("MOCK_WORKERS", "1"),
        ("MOCK_LOG_LEVEL", "info"),
        ("MOCK_ACCESS_LOG", "off"),
    ]:
        assert f"[env {variable}; default: {default}]" in text, (variable, text)
    assert "per worker" in text  # --workers explains what is not shared


def test_version() -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("netpath-mock ")


# --- start-up line and health -----------------------------------------------------------------


@contextmanager
def _serving(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, log: Path
) -> Iterator[int]:
    port = free_port()
    with log.open("wb") as stderr:
        proc = subprocess.Popen(
            [NETPATH_MOCK, "serve", "--port", str(port), *args],
            env=server_env(env),
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
        )
    try:
        wait_until_listening(proc, port, timeout=60)
        yield port
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def test_start_up_line_and_health_report_the_same(tmp_path: Path) -> None:
    creds = tmp_path / "creds.json"
    creds.write_text(json.dumps({"cloudflare": {"tokens": [{"token": "t"}]}}))
    log = tmp_path / "serve.log"
    args = (
        "--seed",
        "42",
        "--fixtures-dir",
        str(PROJECT_FIXTURES),
        "--credentials-file",
        str(creds),
    )
    with _serving(*args, log=log) as port:
        health = httpx.get(f"http://127.0.0.1:{port}/_mock/health").json()
    lines = [line for line in log.read_text().splitlines() if "seed 42" in line]
    assert len(lines) == 1, log.read_text()
    counts = project_fixture_counts()
    listed = ", ".join(f"{vendor} {n}" for vendor, n in counts.items())
    assert f"fixtures {sum(counts.values())} ({listed})" in lines[0], lines[0]
    assert str(PROJECT_FIXTURES) in lines[0]
    assert "strict cloudflare" in lines[0] and "state in-memory (1 worker)" in lines[0]
    assert health["seed"] == 42
    assert health["fixtures"] == counts and all(counts.values())
    assert health["strict"] == ["cloudflare"]
    assert health["state"] == {"mode": "in-memory", "workers": 1, "per_worker": []}


def test_workers_report_their_state_is_per_worker(tmp_path: Path) -> None:
    with _serving("--workers", "2", log=tmp_path / "serve.log") as port:
        health = httpx.get(f"http://127.0.0.1:{port}/_mock/health").json()
    assert health["state"]["workers"] == 2
    assert "per worker" in health["state"]["mode"]
    assert {"sessions", "journal", "rate limits", "seed switches"} <= set(
        health["state"]["per_worker"]
    )


# --- nobody loads a ./fixtures folder it was not given ----------------------------------------


def _broken_project(tmp_path: Path) -> Path:
    """A user's project whose own fixtures/ folder means something else entirely."""
    (tmp_path / "fixtures").mkdir()
    (tmp_path / "fixtures" / "users.json").write_text('[{"name": "alice"}]')
    return tmp_path


def test_serve_ignores_a_fixtures_folder_it_was_not_given(tmp_path: Path) -> None:
    project = _broken_project(tmp_path)
    with _serving(cwd=project, log=tmp_path / "serve.log") as port:
        health = httpx.get(f"http://127.0.0.1:{port}/_mock/health").json()
    assert health["fixtures"] == {"cloudflare": 0, "datadog": 0}


PLUGIN_TEST = """
def test_mock_is_up(netpath_mock):
    assert netpath_mock.catalog("datadog", 1)[0]["public_id"] == "c7a-uwa-wn2"
"""


def test_plugin_ignores_a_fixtures_folder_it_was_not_given(pytester: pytest.Pytester) -> None:
    _broken_project(pytester.path)
    pytester.makepyfile(test_user=PLUGIN_TEST)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


# The plugin's --netpath-mock-fixtures-dir: tests/test_pytest_plugin.py.


# --- make run ---------------------------------------------------------------------------------


def test_make_run_honours_mock_variables_and_serves_the_project_fixtures(tmp_path: Path) -> None:
    port = free_port()
    env = {**server_env(), "MOCK_SEED": "42", "MOCK_HOST": "127.0.0.1", "MOCK_PORT": str(port)}
    env["PYTHON"] = sys.executable
    with (tmp_path / "make.log").open("wb") as log:
        proc = subprocess.Popen(
            ["make", "--no-print-directory", "run"],
            cwd=PROJECT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_listening(proc, port, timeout=120)
        health = httpx.get(f"http://127.0.0.1:{port}/_mock/health").json()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    assert health["seed"] == 42
    assert health["fixtures"] == project_fixture_counts()
