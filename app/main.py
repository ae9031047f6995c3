"""create_app(settings) -> the ASGI app: vendor pipelines at their real base paths, /_mock beside.

Routing is by path prefix, the way the vendors' hosts split it: /client/v4/... and /accounts/...
are Cloudflare's (the SDK's own tests drop /client/v4), /api/... is Datadog's, everything else is
the control plane. CORS wraps the whole app so browser prototypes can call both vendors.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from starlette.middleware.cors import CORSMiddleware

from app.core.admin import create_control_app
from app.core.credentials import load_credentials
from app.core.fixtures import load_fixtures
from app.core.http import ASGIApp, Receive, Scope, Send
from app.core.settings import Settings, get_settings
from app.core.state import MockState
from app.vendors.cloudflare import api as cloudflare_api
from app.vendors.cloudflare import universe as cloudflare_universe

log = logging.getLogger("netpath_mock")

# Headers a browser may read from a vendor answer (CORS hides all but the simple ones).
EXPOSED_HEADERS = [
    "cf-ray",
    "ratelimit",
    "ratelimit-policy",
    "retry-after",
    "x-ratelimit-limit",
    "x-ratelimit-period",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "x-ratelimit-name",
]


def cloudflare_catalog(seed: int, limit: int) -> list[dict[str, Any]]:
    """Existing Cloudflare results as {"account_id", "test_result_id"} items."""
    return [
        {
            "account_id": ref.account_id,
            "test_result_id": cloudflare_universe.result_id(
                seed, ref.account_id, ref.test_index, ref.run_index
            ),
        }
        for ref in cloudflare_universe.catalog(seed, limit)
    ]


CATALOGS = {"cloudflare": cloudflare_catalog}


class Dispatcher:
    """Sends each request to the vendor that owns its path prefix."""

    def __init__(self, cloudflare: ASGIApp, control: ASGIApp, state: MockState) -> None:
        self.cloudflare = cloudflare
        self.control = control
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Route one ASGI event."""
        if scope["type"] == "http":
            path: str = scope["path"]
            if path.startswith(("/client/v4/", "/accounts/")) or path == "/client/v4":
                await self.cloudflare(scope, receive, send)
                return
        await self.control(scope, receive, send)


def default_fixtures_dir(settings: Settings) -> Path | None:
    """The configured fixtures folder, else ./fixtures when it exists."""
    if settings.fixtures_dir is not None:
        return settings.fixtures_dir
    local = Path("fixtures")
    return local if local.is_dir() else None


def build_state(settings: Settings) -> MockState:
    """Load fixtures and credentials (raising ConfigError on a bad file) into a fresh state."""
    fixtures = load_fixtures(
        default_fixtures_dir(settings),
        {"cloudflare": cloudflare_api.parse_fixture},
    )
    credentials = (
        load_credentials(settings.credentials_file) if settings.credentials_file else None
    )
    return MockState(
        settings,
        fixtures=fixtures,
        credentials=credentials,
        rate_limits={
            "cloudflare": (settings.cloudflare_rate_limit, False),
        },
    )


def create_app(settings: Settings | None = None) -> ASGIApp:
    """The whole mock as one ASGI app."""
    settings = settings or get_settings()
    state = build_state(settings)
    control = create_control_app(state, CATALOGS)
    dispatcher = Dispatcher(cloudflare_api.create_api(state), control, state)
    app = CORSMiddleware(
        dispatcher,
        allow_origins=settings.cors_origins,
        allow_methods=["*"],
        allow_headers=["*"],
        expose_headers=EXPOSED_HEADERS,
        max_age=600,
    )
    app.state = state  # type: ignore[attr-defined]  # tests and the plugin reach the state here
    return app
