"""pytest plugin (entry point `pytest11`): the session-scoped `netpath_mock` fixture.

    def test_my_client(netpath_mock):
        cf = cloudflare.Cloudflare(api_token="t", base_url=netpath_mock.cloudflare_base_url)
        dd = datadog_api_client.Configuration(host=netpath_mock.datadog_host)
        ...
        assert netpath_mock.requests(vendor="cloudflare")

The server runs in a background thread on a free loopback port for the whole test session.
Settings come from MOCK_* variables, with `--netpath-mock-seed` and `--netpath-mock-fixtures-dir`
on top. No fixtures folder is loaded unless one is named (a project's own ./fixtures is its own).
"""

from __future__ import annotations

import json
import os
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


class NetpathMock:
    """Handle on the running mock that the `netpath_mock` fixture yields."""

    def __init__(self, url: str, admin_token: str | None = None) -> None:
        self.url = url
        self._admin_token = admin_token

    @property
    def cloudflare_base_url(self) -> str:
        """Base URL for `cloudflare.Cloudflare(base_url=...)` (ends in /client/v4)."""
        return f"{self.url}/client/v4"

    @property
    def datadog_host(self) -> str:
        """Host for `datadog_api_client.Configuration(host=...)`."""
        return self.url

    def _call(
        self, method: str, path: str, body: dict[str, Any] | None = None, session: str | None = None
    ) -> Any:
        headers = {"Content-Type": "application/json"}
        if session:
            headers["X-Mock-Session"] = session
        if self._admin_token:
            headers["Authorization"] = f"Bearer {self._admin_token}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def reset(self, *, session: str | None = None, seed: int | None = None) -> None:
        """Clear the journal, rate-limit buckets and overlays (of `session`, else the default)."""
        body: dict[str, Any] = {} if seed is None else {"seed": seed}
        self._call("POST", "/_mock/reset", body, session)

    def requests(
        self,
        *,
        vendor: str | None = None,
        method: str | None = None,
        path: str | None = None,
        session: str | None = None,
    ) -> list[dict[str, Any]]:
        """The recorded vendor requests, oldest first, credentials masked."""
        query = {k: v for k, v in {"vendor": vendor, "method": method, "path": path}.items() if v}
        suffix = f"?{urllib.parse.urlencode(query)}" if query else ""
        entries: list[dict[str, Any]] = self._call(
            "GET", f"/_mock/requests{suffix}", None, session
        )["requests"]
        return entries

    def catalog(self, vendor: str, limit: int = 10) -> list[dict[str, Any]]:
        """Existing resources of a vendor's universe."""
        query = urllib.parse.urlencode({"vendor": vendor, "limit": limit})
        items: list[dict[str, Any]] = self._call("GET", f"/_mock/catalog?{query}")["items"]
        return items


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register --netpath-mock-seed and --netpath-mock-fixtures-dir."""
    group = parser.getgroup("netpath-mock")
    group.addoption(
        "--netpath-mock-seed",
        type=int,
        default=None,
        help="Seed of the netpath_mock server (default: MOCK_SEED or 1234).",
    )
    group.addoption(
        "--netpath-mock-fixtures-dir",
        type=Path,
        default=None,
        help="Fixtures folder of the netpath_mock server (default: MOCK_FIXTURES_DIR or none).",
    )


@pytest.fixture(scope="session")
def netpath_mock(pytestconfig: pytest.Config) -> Iterator[NetpathMock]:
    """A netpath-mock server for the whole test session."""
    from pydantic import ValidationError

    from netpath_mock.core.credentials import ConfigError
    from netpath_mock.core.settings import Settings, describe_errors
    from netpath_mock.testing import LiveServer

    given = {
        "seed": pytestconfig.getoption("--netpath-mock-seed"),
        "fixtures_dir": pytestconfig.getoption("--netpath-mock-fixtures-dir"),
    }
    given = {name: value for name, value in given.items() if value is not None}
    try:
        settings = Settings(**given)
        live_server = LiveServer(settings)
    except ValidationError as exc:
        options = {name: f"--netpath-mock-{name.replace('_', '-')}" for name in given}
        lines = describe_errors(exc, from_cli=options, environ=dict(os.environ))
        raise pytest.UsageError("netpath-mock: invalid setting\n" + "\n".join(lines)) from None
    except ConfigError as exc:
        raise pytest.UsageError(f"netpath-mock: {exc}") from None
    with live_server as live:
        token = settings.admin_token.get_secret_value() if settings.admin_token else None
        yield NetpathMock(live.url, token)
