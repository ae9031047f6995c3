"""The vendors' catalogs and fixture writers as the tests call them (via the registry specs)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from netpath_mock.core.settings import Settings
from netpath_mock.vendors.cloudflare.spec import SPEC as CLOUDFLARE
from netpath_mock.vendors.datadog.spec import SPEC as DATADOG


def cloudflare_catalog(seed: int, limit: int) -> list[dict[str, Any]]:
    return CLOUDFLARE.catalog(Settings(seed=seed), seed, limit)


def datadog_catalog(seed: int, limit: int, count: int) -> list[dict[str, Any]]:
    return DATADOG.catalog(Settings(seed=seed, datadog_test_count=count), seed, limit)


def cloudflare_fixtures(settings: Settings, count: int) -> Iterator[tuple[str, dict[str, Any]]]:
    return CLOUDFLARE.write_fixtures(settings, count)


def datadog_fixtures(settings: Settings, count: int) -> Iterator[tuple[str, dict[str, Any]]]:
    return DATADOG.write_fixtures(settings, count)
