"""No engine runs here: compose's Redis and replicas, and the Kubernetes manifest, checked by
reading them against the CLI and the settings (as test_docker_files does for the Dockerfile)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from typer.main import get_command

from netpath_mock.cli import cli
from netpath_mock.core.settings import Settings
from tests.docker.test_docker_files import _cmd

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())
MANIFEST = list(yaml.safe_load_all((ROOT / "docker" / "kubernetes.yaml").read_text()))
SETTINGS = {f"MOCK_{name.upper()}" for name in Settings.model_fields}


def _kind(kind: str) -> list[dict[str, Any]]:
    return [doc for doc in MANIFEST if doc and doc["kind"] == kind]


def _named(kind: str, name: str) -> dict[str, Any]:
    (found,) = [doc for doc in _kind(kind) if doc["metadata"]["name"] == name]
    return found


def _serve_params(argv: list[str]) -> dict[str, Any]:
    assert argv[:2] == ["netpath-mock", "serve"]
    serve = get_command(cli).commands["serve"]  # type: ignore[attr-defined]
    params: dict[str, Any] = serve.make_context("serve", argv[2:]).params
    return params


def _state_url_host(env: dict[str, str]) -> tuple[str, int]:
    url = env["MOCK_STATE_URL"]
    settings = Settings(state_url=url)  # a URL the settings accept
    assert settings.state_url is not None
    parts = urlsplit(url)
    assert parts.hostname and parts.port
    return parts.hostname, parts.port


def test_compose_runs_two_replicas_on_one_redis() -> None:
    services = COMPOSE["services"]
    mock, redis = services["netpath-mock"], services["redis"]
    assert mock["deploy"]["replicas"] == 2
    host, port = _state_url_host(mock["environment"])
    assert host == "redis" and port == 6379
    assert mock["depends_on"]["redis"]["condition"] == "service_healthy"
    assert "redis-cli" in redis["healthcheck"]["test"]
    assert set(mock["environment"]) <= SETTINGS
    # One host port per replica, each mapped to the port the image serves on.
    (mapping,) = mock["ports"]
    host_ports, container = mapping.rsplit(":", 1)
    low, high = (int(p) for p in host_ports.split("-"))
    assert high - low + 1 == mock["deploy"]["replicas"]
    assert container == str(_cmd()[_cmd().index("--port") + 1])


def test_kubernetes_deployment_serves_from_redis_behind_a_service() -> None:
    mock = _named("Deployment", "netpath-mock")
    assert mock["spec"]["replicas"] >= 2
    labels = mock["spec"]["template"]["metadata"]["labels"]
    assert mock["spec"]["selector"]["matchLabels"] == labels
    (container,) = mock["spec"]["template"]["spec"]["containers"]
    params = _serve_params(container["args"])
    assert params["host"] == "0.0.0.0"
    port = params["port"]
    assert [p["containerPort"] for p in container["ports"]] == [port]
    env = {item["name"]: item["value"] for item in container["env"]}
    assert set(env) <= SETTINGS
    host, redis_port = _state_url_host(env)
    # The URL names the Redis Service, which selects the Redis Deployment's pods on its port.
    redis_service = _named("Service", host)
    redis = next(
        d
        for d in _kind("Deployment")
        if d["spec"]["template"]["metadata"]["labels"] == redis_service["spec"]["selector"]
    )
    (redis_container,) = redis["spec"]["template"]["spec"]["containers"]
    assert redis_container["args"][0] == "redis-server"
    assert [p["port"] for p in redis_service["spec"]["ports"]] == [redis_port]
    assert [p["containerPort"] for p in redis_container["ports"]] == [redis_port]
    service = _named("Service", "netpath-mock")
    assert service["spec"]["selector"] == labels
    assert [p["targetPort"] for p in service["spec"]["ports"]] == [port]


def test_kubernetes_probes_use_the_health_endpoint() -> None:
    (container,) = _named("Deployment", "netpath-mock")["spec"]["template"]["spec"]["containers"]
    port = _serve_params(container["args"])["port"]
    ready, live = container["readinessProbe"]["httpGet"], container["livenessProbe"]["httpGet"]
    assert ready == {"path": "/_mock/health", "port": port}
    assert live == {"path": "/_mock/health?probe=liveness", "port": port}


def test_the_image_installs_the_redis_extra() -> None:
    dockerfile = (ROOT / "docker" / "Dockerfile").read_text()
    assert '".[redis]"' in dockerfile
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert "\nredis = [" in pyproject
