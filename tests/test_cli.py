"""The netpath-mock command: catalog, generate, serve's start-up checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netpath_mock.cli import cli
from netpath_mock.core.settings import Settings
from netpath_mock.main import build_state

runner = CliRunner()


def test_catalog_cloudflare_lines() -> None:
    result = runner.invoke(
        cli, ["catalog", "--vendor", "cloudflare", "--limit", "25", "--seed", "7"]
    )
    assert result.exit_code == 0
    items = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(items) == 25
    assert all(set(i) == {"account_id", "test_result_id"} for i in items)
    assert len({i["test_result_id"] for i in items}) == 25
    assert len({i["account_id"] for i in items}) >= 2


def test_catalog_datadog_lines_and_seed() -> None:
    a = runner.invoke(cli, ["catalog", "--vendor", "datadog", "--limit", "5", "--seed", "1"]).stdout
    b = runner.invoke(cli, ["catalog", "--vendor", "datadog", "--limit", "5", "--seed", "2"]).stdout
    assert [json.loads(x)["public_id"] for x in a.splitlines()][:2] == [
        "c7a-uwa-wn2",
        "abc-def-123",
    ]
    assert a != b


def test_catalog_rejects_unknown_vendor() -> None:
    result = runner.invoke(cli, ["catalog", "--vendor", "aws"])
    assert result.exit_code == 2
    assert "--vendor" in result.stderr


def test_generate_writes_loadable_fixtures(tmp_path: Path) -> None:
    for vendor in ("cloudflare", "datadog"):
        result = runner.invoke(
            cli,
            ["generate", "--vendor", vendor, "--count", "6", "--seed", "3", "--out", str(tmp_path)],
        )
        assert result.exit_code == 0, result.output
    files = sorted(tmp_path.rglob("*.json"))
    assert len(files) == 12
    state = build_state(Settings(seed=3, fixtures_dir=tmp_path))
    assert len(state.fixtures["cloudflare"]) == 6 and len(state.fixtures["datadog"]) == 6


def test_help_explains_each_option() -> None:
    for command in ("serve", "catalog", "generate"):
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0
        assert "--seed" in result.stdout


def _serve(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netpath_mock", "serve", "--port", "0", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_serve_refuses_a_bad_fixture_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text(
        json.dumps({"vendor": "cloudflare", "result": {"resultId": "x", "hops": [{"ttl": "one"}]}})
    )
    result = _serve("--fixtures-dir", str(tmp_path))
    assert result.returncode == 2
    assert str(bad) in result.stderr and "result.hops.0.ttl" in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [("MOCK_CLOUDFLARE_RATE_LIMIT", "lots"), ("MOCK_LATENCY", "-5"), ("MOCK_SEED", "x")],
)
def test_serve_refuses_a_bad_setting(name: str, value: str) -> None:
    result = _serve(env={name: value})
    assert result.returncode == 2
    # Named as the user set it, never by its internal field name or in pydantic's words.
    assert name in result.stderr
    assert name.removeprefix("MOCK_").lower() not in result.stderr
    assert "Value error" not in result.stderr
