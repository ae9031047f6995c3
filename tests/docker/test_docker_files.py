"""No engine runs here: check by reading that the Docker files agree with the CLI and settings."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml
from typer.main import get_command

from netpath_mock.cli import cli
from netpath_mock.core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "docker" / "Dockerfile").read_text()
COMPOSE = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())
SERVICE = COMPOSE["services"]["netpath-mock"]


def _instruction(name: str) -> list[str]:
    joined = DOCKERFILE.replace("\\\n", " ")
    return [
        line[len(name) + 1 :].strip() for line in joined.splitlines() if line.startswith(name + " ")
    ]


def _cmd() -> list[str]:
    cmd: list[str] = json.loads(_instruction("CMD")[-1])
    return cmd


def test_cmd_is_a_valid_serve_invocation() -> None:
    cmd = _cmd()
    assert cmd[:2] == ["netpath-mock", "serve"]
    serve = get_command(cli).commands["serve"]  # type: ignore[attr-defined]
    options = {opt for param in serve.params for opt in param.opts}
    given = [a for a in cmd[2:] if a.startswith("--")]
    assert given and set(given) <= options
    ctx = serve.make_context("serve", cmd[2:])  # parses exactly as the container would
    assert ctx.params["host"] == "0.0.0.0"
    assert ctx.params["port"] == 8080


def test_port_agrees_everywhere() -> None:
    port = str(_cmd()[_cmd().index("--port") + 1])
    assert _instruction("EXPOSE") == [port]
    assert any(mapping.endswith(f":{port}") for mapping in SERVICE["ports"])
    assert f"127.0.0.1:{port}/_mock/health" in DOCKERFILE


def test_environment_names_are_real_settings() -> None:
    fields = {f"MOCK_{name.upper()}" for name in Settings.model_fields}
    in_dockerfile = set(re.findall(r"\b(MOCK_[A-Z_]+)=", DOCKERFILE))
    in_compose = set(SERVICE["environment"])
    commented = set(
        re.findall(r"#\s*(MOCK_[A-Z_]+):", (ROOT / "docker" / "compose.yaml").read_text())
    )
    assert in_dockerfile and in_compose
    assert in_dockerfile | in_compose | commented <= fields


def test_fixtures_mount_matches_setting() -> None:
    env_dir = re.search(r"MOCK_FIXTURES_DIR=(\S+)", DOCKERFILE)
    assert env_dir
    fixtures_dir = env_dir.group(1)
    assert SERVICE["environment"]["MOCK_FIXTURES_DIR"] == fixtures_dir
    source, target, *_ = SERVICE["volumes"][0].split(":")
    assert target == fixtures_dir
    assert (ROOT / "docker" / source).resolve() == ROOT / "fixtures"
    assert f'VOLUME ["{fixtures_dir}"]' in DOCKERFILE


def test_healthcheck_hits_the_control_plane() -> None:
    test = " ".join(SERVICE["healthcheck"]["test"])
    assert "/_mock/health" in test
    assert _instruction("HEALTHCHECK")


def test_runs_as_non_root_from_a_slim_base() -> None:
    assert all("slim" in base for base in _instruction("FROM"))
    users = _instruction("USER")
    assert users and users[-1] not in {"root", "0"}


def test_copied_sources_exist() -> None:
    for copy in _instruction("COPY"):
        if copy.startswith("--from"):
            continue
        *sources, _ = shlex.split(copy)
        for source in sources:
            assert (ROOT / source).exists(), source


@pytest.mark.parametrize("target", ["docker-build", "docker-up"])
def test_makefile_targets_use_these_files(target: str) -> None:
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split(f"\n{target}:", 1)[1].split("\n\n", 1)[0]
    assert "docker/" in recipe
