"""The Cloudflare vendor: its spec for the registry and its runtime (auth, errors, headers)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from netpath_mock.core.errors import (
    BadRequest,
    Forbidden,
    MethodNotAllowed,
    MockError,
    RateLimited,
    RouteNotFound,
    ServerError,
)
from netpath_mock.core.http import Request, Response
from netpath_mock.core.ratelimit import Decision
from netpath_mock.core.seeding import stable_int
from netpath_mock.core.settings import RateLimit, Settings
from netpath_mock.core.state import MockState
from netpath_mock.core.vendor import Vendor, VendorSpec
from netpath_mock.vendors.cloudflare import auth, errors, runs, service, tests_catalog, universe
from netpath_mock.vendors.cloudflare.credentials import CloudflareCredentials
from netpath_mock.vendors.cloudflare.routes import ROUTERS

NAME = "cloudflare"
# Retry-After stays within 60 s so the official SDK honours it rather than backing off on its
# own (it ignores values above 60; cloudflare-contract-notes §4).
MAX_RETRY_AFTER = 60
# Headers of a real api.cloudflare.com answer (notes §3, captured 2024-03-18).
STATIC_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"server", b"cloudflare"),
    (b"cf-cache-status", b"DYNAMIC"),
    (b"cache-control", b"no-store, no-cache, must-revalidate, post-check=0, pre-check=0"),
    (b"expires", b"Sun, 25 Jan 1981 05:00:00 GMT"),
    (b"pragma", b"no-cache"),
    (b"strict-transport-security", b"max-age=31536000"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"vary", b"Accept-Encoding"),
)
RAY_COLO = b"SJC"


class CloudflareVendor(Vendor):
    """Cloudflare's answers to the shared pipeline's questions."""

    name = NAME
    forced_codes = (400, 401, 403, 404, 405, 429, 500, 502, 503, 504)

    def __init__(self, state: MockState) -> None:
        self.state = state
        self.authenticator = auth.CloudflareAuthenticator(state.credentials)
        limit = state.settings.cloudflare_rate_limit
        policy = b'"default";q=%d;w=%d' % (limit.requests, limit.seconds)
        self._policy = (b"ratelimit-policy", policy)
        self._rays = itertools.count(stable_int(state.seed, NAME, "ray") & 0xFFFFFFFFFFFF)

    def authenticate(self, request: Request) -> auth.Caller:
        """Cloudflare's header checks; see auth.py."""
        return self.authenticator.authenticate(request.headers)

    def forced_error(self, status: int, request: Request) -> MockError:
        """What the real API answers with `status` on this request."""
        if status == 400:
            return RouteNotFound()
        if status in (401, 403):
            entry = errors.NO_PERMISSION
            return Forbidden(entry.message, code=entry.code, status=status)
        if status == 404:
            # Every operation documents its own 404 (the pipeline answers it); this fallback
            # serves only routes outside the catalogue's `responses()`.
            return errors.ACCOUNT_NOT_FOUND.error()
        if status == 405:
            return MethodNotAllowed()
        if status == 429:
            limit = self.state.rate_limits[NAME][0]
            return RateLimited(retry_after=min(MAX_RETRY_AFTER, limit.seconds))
        if status in errors.SERVER_ERRORS:
            return ServerError(status=status)
        supported = ", ".join(str(c) for c in self.forced_codes)
        return BadRequest(f"Prefer code={status} is not supported; supported codes: {supported}")

    def rate_limited(self, decision: Decision) -> MockError:
        """429 971 with Retry-After (whole seconds, at most 60)."""
        return RateLimited(retry_after=min(MAX_RETRY_AFTER, decision.reset_seconds))

    def render_error(self, error: MockError, request: Request) -> Response:
        """Cloudflare's failure envelope."""
        return errors.render_error(error, request.path)

    def decorate(self, response: Response, request: Request, decision: Decision) -> None:
        """cf-ray, server: cloudflare, the cache headers and the Ratelimit pair on every answer."""
        remaining, reset = decision.remaining, decision.reset_seconds
        ray = (next(self._rays) * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        response.headers += (
            *STATIC_HEADERS,
            (b"cf-ray", b"%016x-%s" % (ray, RAY_COLO)),
            (b"ratelimit", b'"default";r=%d;t=%d' % (remaining, reset)),
            self._policy,
        )


def parse_fixture(raw: dict[str, Any]) -> tuple[Any, Any]:
    """Validate a Cloudflare fixture file; key (account or None, result id), value the result."""
    from netpath_mock.vendors.cloudflare.schemas import NetworkPathFixture

    fixture = NetworkPathFixture.model_validate(raw)
    account = fixture.account_id.lower() if fixture.account_id else None
    return (account, fixture.result.result_id.lower()), fixture.body(raw)


def catalog(settings: Settings, seed: int, limit: int) -> list[dict[str, Any]]:
    """Existing results of the universe of `seed`, as {"account_id", "test_result_id"} items.

    Only runs that happened (their device was online: runs.run_exists), so every id resolves.
    """
    epoch = int(settings.epoch.timestamp())
    return [
        {
            "account_id": ref.account_id,
            "test_result_id": universe.result_id(
                seed, ref.account_id, ref.test_index, ref.run_index
            ),
        }
        for ref in runs.catalog(seed, epoch, limit)
    ]


def catalog_tests(settings: Settings, seed: int, limit: int) -> list[dict[str, Any]]:
    """Existing tests: {"account_id", "test_id", "kind", "name", "device_id"} (docs' first).

    Accounts take turns within batches of 16, each giving its next traceroute test and its next
    HTTP test per round, so even a short list spans several accounts and both kinds.
    """
    epoch = int(settings.epoch.timestamp())
    items: list[dict[str, Any]] = []
    accounts = universe.catalog_accounts(seed, min(MAX_CATALOG_ACCOUNTS, -(-limit // 4) + 1))
    for first in range(0, len(accounts), 16):
        batch = accounts[first : first + 16]
        queues = []
        for account in batch:
            tests = tests_catalog.seeded_tests(seed, account, epoch)
            by_kind = [[t for t in tests if t.kind == kind] for kind in ("traceroute", "http")]
            queues.append((account, by_kind))
        for rank in range(max(len(t) for _, kinds in queues for t in kinds)):
            for account, kinds in queues:
                for of_kind in kinds:
                    if rank < len(of_kind):
                        test = of_kind[rank]
                        items.append(
                            {
                                "account_id": account,
                                "test_id": test.test_id,
                                "kind": test.kind,
                                "name": test.name,
                                # A device that ran the test lately (network-path's deviceId).
                                "device_id": _recent_runner(seed, epoch, account, test),
                            }
                        )
                        if len(items) == limit:
                            return items
    return items


RECENT_S = 6 * 3600


def _recent_runner(seed: int, epoch: int, account: str, test: tests_catalog.TestConfig) -> str:
    """The first device that ran `test` in the last RECENT_S before the epoch (else device 0).

    Devices sleep (runs.run_exists), so device 0 may have no run in a recent window.
    """
    index = test.index
    if index is not None:
        shape = universe.account_shape(seed, account)
        for device in range(shape.runners(index)):
            if runs.ran_between(seed, epoch, account, index, device, epoch - RECENT_S, epoch):
                return universe.device_id(seed, account, device)
    return universe.device_id(seed, account, 0)


def catalog_devices(settings: Settings, seed: int, limit: int) -> list[dict[str, Any]]:
    """Registered devices, as {"account_id", "device_id", "device_name", "platform"} items."""
    items: list[dict[str, Any]] = []
    accounts = universe.catalog_accounts(seed, min(MAX_CATALOG_ACCOUNTS, -(-limit // 7) + 1))
    for account in accounts:
        for index in range(universe.account_shape(seed, account).registry_size):
            device = service.account_device(seed, account, index)
            items.append(
                {
                    "account_id": account,
                    "device_id": universe.device_id(seed, account, index),
                    "device_name": device.name,
                    "platform": device.platform,
                }
            )
            if len(items) == limit:
                return items
    return items


def _tests_of_kind(kind: str) -> Any:
    def listing(settings: Settings, seed: int, limit: int) -> list[dict[str, Any]]:
        # Every account has 3+ traceroute tests and 1+ HTTP test: 10x items cover the limit.
        items = catalog_tests(settings, seed, min(limit * 10, MAX_CATALOG_ACCOUNTS))
        return [item for item in items if item["kind"] == kind][:limit]

    return listing


# `netpath-mock catalog --kind K` / `GET /_mock/catalog?kind=K`: every kind of id the API takes
# (traceroute-tests / http-tests: the tests of one kind, for the per-kind operations).
CATALOG_KINDS = {
    "results": catalog,
    "tests": catalog_tests,
    "traceroute-tests": _tests_of_kind("traceroute"),
    "http-tests": _tests_of_kind("http"),
    "devices": catalog_devices,
}
MAX_CATALOG_ACCOUNTS = 100_000


def write_fixtures(settings: Settings, count: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """(relative path, fixture document) for the first `count` catalog results."""
    seed = settings.seed
    # One at a time, runs that did not happen skipped: generate streams.
    for ref in runs.iter_catalog(seed, int(settings.epoch.timestamp()), count):
        rid = universe.result_id(seed, ref.account_id, ref.test_index, ref.run_index)
        result = service.build_result(seed, settings.epoch, ref, rid)
        document = {
            "vendor": "cloudflare",
            "kind": "traceroute-test-result-network-path",
            "account_id": ref.account_id,
            "result": result,
        }
        yield f"cloudflare/{ref.account_id}/{rid}.json", document


def rate_limit(settings: Settings) -> RateLimit:
    """MOCK_CLOUDFLARE_RATE_LIMIT (windows open at a caller's first request)."""
    return settings.cloudflare_rate_limit


SPEC = VendorSpec(
    name=NAME,
    title="Cloudflare DEX (netpath-mock)",
    description="Cloudflare Digital Experience Monitoring, as served by netpath-mock.",
    base_url="https://api.cloudflare.com/client/v4",
    # Routing by path prefix, the way the vendors' hosts split it: /client/v4/... and the SDK
    # tests' paths without it (/accounts/...; cloudflare-contract-notes §4).
    prefixes=("/client/v4/", "/accounts/"),
    mounts=("/client/v4", ""),
    routers=ROUTERS,
    create=CloudflareVendor,
    rate_limit=rate_limit,
    aligned_windows=False,
    credentials_model=CloudflareCredentials,
    secret_headers=frozenset(
        {"authorization", "x-auth-key", "x-auth-email", "x-auth-user-service-key"}
    ),
    exposed_headers=("cf-ray", "ratelimit", "ratelimit-policy", "retry-after"),
    parse_fixture=parse_fixture,
    write_fixtures=write_fixtures,
    catalog=catalog,
    errors=errors.CATALOGUE,
    extra={"catalog_kinds": CATALOG_KINDS},
)
