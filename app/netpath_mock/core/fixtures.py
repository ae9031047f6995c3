"""Loads hand-written resources from the fixtures folder; any bad file stops start-up.

Every `*.json` file under the folder (at any depth) is one resource wrapped with its vendor:
`{"vendor": "cloudflare", ...}` or `{"vendor": "datadog", ...}`. The vendor package that owns
the resource validates the rest; this module only finds, parses and reports.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from netpath_mock.core.credentials import ConfigError, read_json_file, validation_message

# vendor -> parser(raw file object) -> (key, value); raises ValidationError or ValueError.
FixtureParser = Callable[[dict[str, Any]], tuple[Any, Any]]


def load_fixtures(
    directory: Path | None, parsers: Mapping[str, FixtureParser]
) -> dict[str, dict[Any, Any]]:
    """Parse every fixture file under `directory` into {vendor: {key: value}}."""
    store: dict[str, dict[Any, Any]] = {vendor: {} for vendor in parsers}
    if directory is None:
        return store
    if not directory.is_dir():
        raise ConfigError(f"{directory}: the fixtures folder is not a folder")
    seen: dict[tuple[str, Any], Path] = {}
    for path in sorted(directory.rglob("*.json")):
        vendor, key, value = _load_one(path, parsers)
        if (vendor, key) in seen:
            raise ConfigError(
                f"{path}: duplicate {vendor} fixture {key!r}, also in {seen[vendor, key]}"
            )
        seen[vendor, key] = path
        store[vendor][key] = value
    return store


def _load_one(path: Path, parsers: Mapping[str, FixtureParser]) -> tuple[str, Any, Any]:
    raw = read_json_file(path)
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: (root): expected a JSON object with a 'vendor' field")
    vendor = raw.get("vendor")
    if not isinstance(vendor, str) or vendor not in parsers:
        raise ConfigError(f"{path}: vendor: expected one of {sorted(parsers)}, got {vendor!r}")
    try:
        key, value = parsers[vendor](raw)
    except ValidationError as exc:
        raise ConfigError(validation_message(str(path), exc)) from exc
    except ValueError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    return vendor, key, value
