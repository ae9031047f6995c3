"""create_app(settings) -> the ASGI app: vendor pipelines at their real base paths, /_mock beside.

Routing is by path prefix, the way the vendors' hosts split it: /client/v4/... and /accounts/...
are Cloudflare's (the SDK's own tests drop /client/v4), /api/... is Datadog's, everything else is
the control plane. A CORS gate covers the whole app so browser prototypes can call both vendors.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import orjson

from netpath_mock.core.admin import CatalogFn, create_control_app
from netpath_mock.core.cors import CorsGate
from netpath_mock.core.credentials import load_credentials
from netpath_mock.core.errors import MockError
from netpath_mock.core.fixtures import load_fixtures
from netpath_mock.core.http import JSON_CT, ASGIApp, Receive, Scope, Send
from netpath_mock.core.settings import Settings, get_settings
from netpath_mock.core.state import MockState
from netpath_mock.vendors.cloudflare import api as cloudflare_api
from netpath_mock.vendors.cloudflare import errors as cloudflare_errors
from netpath_mock.vendors.cloudflare import service as cloudflare_service
from netpath_mock.vendors.cloudflare import universe as cloudflare_universe
from netpath_mock.vendors.datadog import api as datadog_api
from netpath_mock.vendors.datadog import errors as datadog_errors
from netpath_mock.vendors.datadog import service as datadog_service
from netpath_mock.vendors.datadog import universe as datadog_universe

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


def cloudflare_fixtures(settings: Settings, count: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """(relative path, fixture document) for the first `count` catalog results."""
    seed = settings.seed
    for ref in cloudflare_universe.iter_catalog(seed, count):
        rid = cloudflare_universe.result_id(seed, ref.account_id, ref.test_index, ref.run_index)
        result = cloudflare_service.build_result(seed, settings.epoch, ref, rid)
        document = {
            "vendor": "cloudflare",
            "kind": "traceroute-test-result-network-path",
            "account_id": ref.account_id,
            "result": result,
        }
        yield f"cloudflare/{ref.account_id}/{rid}.json", document


def datadog_catalog(seed: int, limit: int, count: int) -> list[dict[str, Any]]:
    """Existing Datadog tests (of an org of `count`) as {"public_id"} items."""
    return [{"public_id": p} for p in datadog_universe.public_ids(seed, count)[:limit]]


def datadog_fixtures(settings: Settings, count: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """(relative path, fixture document) for the first `count` tests of the org."""
    ids = datadog_universe.public_ids(settings.seed, max(count, settings.datadog_test_count))
    for public_id in ids[:count]:
        data = datadog_service.build_test(settings.seed, public_id)
        yield (
            f"datadog/network-tests/{public_id}.json",
            {"vendor": "datadog", "kind": "network-test", "data": data},
        )


def catalogs_for(settings: Settings) -> dict[str, CatalogFn]:
    """Each vendor's catalog function, bound to the settings that shape its universe."""
    count = settings.datadog_test_count
    return {
        "cloudflare": cloudflare_catalog,
        "datadog": lambda seed, limit: datadog_catalog(seed, limit, count),
    }


FIXTURE_WRITERS = {"cloudflare": cloudflare_fixtures, "datadog": datadog_fixtures}


class Dispatcher:
    """Sends each request to the vendor that owns its path prefix; the rest to /_mock."""

    def __init__(
        self, cloudflare: ASGIApp, datadog: ASGIApp, control: ASGIApp, state: MockState
    ) -> None:
        self.cloudflare = cloudflare
        self.datadog = datadog
        self.control = control
        self.state = state  # tests and the pytest plugin reach the state as `app.state`

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Route one ASGI event."""
        if scope["type"] == "http":
            path: str = scope["path"]
            if path.startswith(("/client/v4/", "/accounts/")) or path == "/client/v4":
                await self.cloudflare(scope, receive, send)
                return
            if path.startswith("/api/"):
                await self.datadog(scope, receive, send)
                return
        await self.control(scope, receive, send)


CLOUDFLARE_PREFIXES = ("/client/v4/", "/accounts/")
DATADOG_PREFIXES = ("/api/",)


def is_vendor_path(path: str) -> bool:
    """Whether `path` belongs to a vendor (not to the /_mock control plane)."""
    return path.startswith((*CLOUDFLARE_PREFIXES, *DATADOG_PREFIXES)) or path == "/client/v4"


class NetpathMock:
    """The served app: CORS around the dispatcher (see netpath_mock.core.cors)."""

    def __init__(self, dispatcher: Dispatcher, settings: Settings) -> None:
        self.dispatcher = dispatcher
        self.state = dispatcher.state
        self._app = CorsGate(
            dispatcher, settings.cors_origins, EXPOSED_HEADERS, public=is_vendor_path
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI event."""
        await self._app(scope, receive, send)

    def http_refusal(
        self, target: bytes, status: int, message: str
    ) -> tuple[list[tuple[bytes, bytes]], bytes]:
        """Headers and body of a refusal by the HTTP layer (core/guard.py).

        In the shape of the vendor that owns `target`'s path: a 431 is still the vendor's JSON.
        """
        path = target.split(b"?", 1)[0].decode("latin-1")
        error = MockError(message, status=status)
        if path.startswith(CLOUDFLARE_PREFIXES) or path == "/client/v4":
            response = cloudflare_errors.render_error(error, path)
        elif path.startswith(DATADOG_PREFIXES):
            response = datadog_errors.render_error(error)
        else:
            body = orjson.dumps({"error": {"status": status, "message": message}})
            return [JSON_CT], body
        return [JSON_CT, *response.headers], response.body


def build_state(settings: Settings) -> MockState:
    """Load fixtures and credentials (raising ConfigError on a bad file) into a fresh state."""
    # Only a folder the user named is loaded: a project's own ./fixtures is none of our business.
    fixtures = load_fixtures(
        settings.fixtures_dir,
        {"cloudflare": cloudflare_api.parse_fixture, "datadog": datadog_api.parse_fixture},
    )
    credentials = load_credentials(settings.credentials_file) if settings.credentials_file else None
    return MockState(
        settings,
        fixtures=fixtures,
        credentials=credentials,
        rate_limits={
            "cloudflare": (settings.cloudflare_rate_limit, False),
            "datadog": (settings.datadog_rate_limit, True),
        },
    )


def create_app(settings: Settings | None = None) -> NetpathMock:
    """The whole mock as one ASGI app."""
    settings = settings or get_settings()
    state = build_state(settings)
    control = create_control_app(state, catalogs_for(settings))
    dispatcher = Dispatcher(
        cloudflare_api.create_api(state), datadog_api.create_api(state), control, state
    )
    return NetpathMock(dispatcher, settings)
