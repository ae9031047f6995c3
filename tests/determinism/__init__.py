"""Pinned sha256 digests of served bodies for a fixed seed: every change of bytes is deliberate.

`ENDPOINTS` lists the served operations as request templates. Each expands to about 50 requests:
the template filled with the vendor's catalog items (`GET /_mock/catalog`, as users list ids)
plus the docs' example ids, which must always be pinned. All of them are fetched over HTTP from a
real server (`LiveServer`, seed 1234, no fixtures, limits too high to refuse), in a shuffled
order, and each answer's status and body digest is compared with `digests.json` next to this
file (tests/test_determinism.py does, in-process and in fresh processes).

To pin a new operation, add one `Endpoint` to `ENDPOINTS`, then regenerate. When bytes change on
purpose (a realism fix, a new field), regenerate, review the diff of digests.json and say why in
the commit:

    .venv/bin/python -m tests.determinism --update     # rewrite digests.json from the current code
    .venv/bin/python -m tests.determinism              # compare only; lists what differs
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from netpath_mock.core.settings import RateLimit, Settings
from netpath_mock.netmodel.scenarios import NAMES as SCENARIO_NAMES
from netpath_mock.testing import LiveServer

SEED = 1234
COUNT = 50  # requests per endpoint (docs ids included)
PIN_FILE = Path(__file__).with_name("digests.json")
REGENERATE = "python -m tests.determinism --update"
# A session of its own; identity encoding so the digests are of the bytes as served.
CLIENT_HEADERS = {"X-Mock-Session": "determinism", "Accept-Encoding": "identity"}

DOC_ACCOUNT = "01a7362d577a6c3019a474fd6f485823"
DOC_RESULT = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
DOC_DATADOG_TESTS = ("c7a-uwa-wn2", "abc-def-123")
DOC_DATADOG_TEST_IDS = tuple({"public_id": public_id} for public_id in DOC_DATADOG_TESTS)
# The analytics pins: fewer requests each (a cold day of runs costs tens of ms), one window.
ANALYTICS_COUNT = 8
ANALYTICS_WINDOW = "from=2026-10-31T18:00:00Z&to=2026-11-01T00:00:00Z"
DOC_TEST = ({"account_id": DOC_ACCOUNT, "test_id": DOC_RESULT, "device_id": DOC_RESULT},)
# The spec's example result (of abc-def-123), resolving in every org where that test runs.
DOC_DATADOG_RESULT = {"public_id": "abc-def-123", "result_id": "5158904793181869365"}

HEADERS: Mapping[str, Mapping[str, str]] = {
    "cloudflare": {"Authorization": "Bearer Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY"},
    "datadog": {
        "DD-API-KEY": "0123456789abcdef0123456789abcdef",
        "DD-APPLICATION-KEY": "0123456789abcdef0123456789abcdef01234567",
    },
}


@dataclass(frozen=True)
class Endpoint:
    """One served operation, as a request template filled from catalog items.

    `template` is the request path (and query), with `{field}` placeholders naming fields of the
    vendor's catalog items (`netpath-mock catalog --vendor V`) or of the `ids` given here; `ids`
    come first and are always requested (docs examples), then catalog items up to `count`. A
    template without placeholders is one request. `body` (a JSON text template, same fields) is
    sent with methods that take one.
    """

    vendor: str
    template: str
    method: str = "GET"
    body: str | None = None
    ids: tuple[Mapping[str, str], ...] = ()
    count: int = COUNT
    # Which catalog (`/_mock/catalog?kind=`; None: the vendor's default) and which of its items
    # (field values they must have, e.g. (("kind", "http"),)).
    kind: str | None = None
    only: tuple[tuple[str, str], ...] = ()


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(
        "cloudflare",
        "/client/v4/accounts/{account_id}/dex/traceroute-test-results/{test_result_id}"
        "/network-path",
        ids=({"account_id": DOC_ACCOUNT, "test_result_id": DOC_RESULT},),
    ),
    # DEX test analytics (issue 11): tests of both kinds from `?kind=tests`, a 6-hour window.
    Endpoint(
        "cloudflare",
        "/client/v4/accounts/{account_id}/dex/tests/overview?per_page=5",
        kind="tests",
        count=ANALYTICS_COUNT,
    ),
    Endpoint(
        "cloudflare",
        "/client/v4/accounts/{account_id}/dex/tests/unique-devices",
        kind="tests",
        count=ANALYTICS_COUNT,
    ),
    *(
        Endpoint(
            "cloudflare",
            f"/client/v4/accounts/{{account_id}}/dex/{path}?{ANALYTICS_WINDOW}{query}",
            ids=ids,
            kind="tests",
            only=(("kind", kind),),
            count=ANALYTICS_COUNT,
        )
        for kind, path, query, ids in (
            ("traceroute", "traceroute-tests/{test_id}", "&interval=hour", DOC_TEST),
            ("traceroute", "traceroute-tests/{test_id}/percentiles", "", DOC_TEST),
            (
                "traceroute",
                "traceroute-tests/{test_id}/network-path",
                "&interval=minute&deviceId={device_id}",
                DOC_TEST,
            ),
            ("http", "http-tests/{test_id}", "&interval=minute", ()),
            ("http", "http-tests/{test_id}/percentiles", "", ()),
        )
    ),
    Endpoint(
        "datadog",
        "/api/v2/synthetics/tests/network/{public_id}",
        ids=DOC_DATADOG_TEST_IDS,
    ),
    Endpoint(
        "datadog",
        "/api/v2/synthetics/tests/{public_id}/results",
        ids=DOC_DATADOG_TEST_IDS,
        count=20,
    ),
    Endpoint(
        "datadog",
        "/api/v2/synthetics/tests/{public_id}/results?status=failed&probe_dc=aws%3Aus-east-1",
        ids=DOC_DATADOG_TEST_IDS,
        count=20,
    ),
    Endpoint(
        "datadog",
        "/api/v2/synthetics/tests/{public_id}/results/{result_id}",
        ids=(DOC_DATADOG_RESULT,),
    ),
    Endpoint(
        "datadog",
        "/api/v2/synthetics/tests/poll_results?result_ids=%5B%22{result_id}%22%5D",
        ids=(DOC_DATADOG_RESULT,),
        count=20,
    ),
    Endpoint(
        "datadog",
        "/api/v1/synthetics/tests/{public_id}/results",
        ids=DOC_DATADOG_TEST_IDS,
        count=20,
    ),
    Endpoint(
        "datadog",
        "/api/v1/synthetics/tests/{public_id}/results/{result_id}",
        ids=(DOC_DATADOG_RESULT,),
        count=20,
    ),
)

# Named path scenarios (issue 18, `?__example=`): each on the path endpoints, for the docs' ids
# and a few catalog items; one scenario on the results list (its verdicts follow the scenario).
SCENARIO_COUNT = 3
_SCENARIO_ENDPOINTS = tuple(
    endpoint
    for name in SCENARIO_NAMES
    for endpoint in (
        Endpoint(
            "cloudflare",
            "/client/v4/accounts/{account_id}/dex/traceroute-test-results/{test_result_id}"
            f"/network-path?__example={name}",
            ids=({"account_id": DOC_ACCOUNT, "test_result_id": DOC_RESULT},),
            count=SCENARIO_COUNT,
        ),
        Endpoint(
            "datadog",
            f"/api/v2/synthetics/tests/{{public_id}}/results/{{result_id}}?__example={name}",
            ids=(DOC_DATADOG_RESULT,),
            count=SCENARIO_COUNT,
        ),
    )
)
ENDPOINTS = (
    *ENDPOINTS,
    *_SCENARIO_ENDPOINTS,
    Endpoint(
        "datadog",
        "/api/v2/synthetics/tests/{public_id}/results?__example=destination-unreachable",
        ids=DOC_DATADOG_TEST_IDS,
        count=SCENARIO_COUNT,
    ),
)


@dataclass(frozen=True)
class Request:
    """One concrete request of an endpoint."""

    vendor: str
    method: str
    path: str
    body: str | None

    @property
    def key(self) -> str:
        """Its name in digests.json: method and path (and body, when it has one)."""
        return f"{self.method} {self.path}" + (f" {self.body}" if self.body is not None else "")


def settings(fixtures_dir: Path) -> Settings:
    """The pinned server: seed 1234, an empty fixtures folder, nothing refused or delayed.

    Every field that shapes bytes is explicit, so no MOCK_* variable of the caller's
    environment changes what is pinned.
    """
    huge = RateLimit(1_000_000_000, 60)
    return Settings(
        seed=SEED,
        epoch=Settings.model_fields["epoch"].default,
        fixtures_dir=fixtures_dir,
        credentials_file=None,
        cloudflare_rate_limit=huge,
        datadog_rate_limit=huge,
        datadog_legacy_forbidden=False,
        datadog_test_count=200,
        latency="0",
        fault_rate=0.0,
    )


def fill(template: str, fields: Mapping[str, Any], endpoint: Endpoint) -> str:
    """`template` with `fields` filled in; a missing field is named with those available."""
    try:
        return template.format(**fields)
    except KeyError as missing:
        raise KeyError(
            f"{endpoint.vendor} {endpoint.template}: {missing} is neither a field of the "
            f"catalog items ({sorted(fields)}) nor of the endpoint's ids"
        ) from None


def usable(endpoint: Endpoint, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The catalog items holding every field the endpoint's templates name.

    (A Datadog test paused before the retention window has no `result_id`: it is skipped by
    the results templates, not an error.)
    """
    names = set(re.findall(r"{(\w+)}", endpoint.template + (endpoint.body or "")))
    return [item for item in items if names <= set(item)]


def expand(client: httpx.Client, endpoints: tuple[Endpoint, ...] = ENDPOINTS) -> list[Request]:
    """Every endpoint's concrete requests (catalog read from the running server), no duplicates."""
    catalogs: dict[tuple[str, int, str | None], list[dict[str, Any]]] = {}
    requests: dict[str, Request] = {}
    for endpoint in endpoints:
        key = (endpoint.vendor, endpoint.count, endpoint.kind)
        if key not in catalogs:
            params: dict[str, Any] = {"vendor": endpoint.vendor, "limit": endpoint.count}
            if endpoint.kind is not None:
                params["kind"] = endpoint.kind
            answer = client.get("/_mock/catalog", params=params)
            answer.raise_for_status()
            catalogs[key] = answer.json()["items"]
        items = [
            item
            for item in catalogs[key]
            if all(item.get(name) == value for name, value in endpoint.only)
        ]
        chosen: list[Request] = []
        for fields in (*endpoint.ids, *usable(endpoint, items)):
            body = None if endpoint.body is None else fill(endpoint.body, fields, endpoint)
            request = Request(
                endpoint.vendor, endpoint.method, fill(endpoint.template, fields, endpoint), body
            )
            if request not in chosen:
                chosen.append(request)
        for request in chosen[: endpoint.count]:
            requests.setdefault(request.key, request)
    return list(requests.values())


def digest(status: int, body: bytes) -> str:
    """A pin: the status and the body's sha256."""
    return f"{status} sha256:{hashlib.sha256(body).hexdigest()}"


def collect(order_seed: int | None = None) -> dict[str, str]:
    """Serve every listed request (shuffled by `order_seed`, else in table order); key -> pin."""
    with (
        tempfile.TemporaryDirectory(prefix="netpath-determinism-") as empty,
        LiveServer(settings(Path(empty))) as live,
        httpx.Client(base_url=live.url, timeout=30, headers=CLIENT_HEADERS) as client,
    ):
        requests = expand(client)
        if order_seed is not None:
            random.Random(order_seed).shuffle(requests)
        out: dict[str, str] = {}
        for request in requests:
            headers = dict(HEADERS[request.vendor])
            if request.body is not None:
                headers["Content-Type"] = "application/json"
            answer = client.request(
                request.method, request.path, headers=headers, content=request.body
            )
            out[request.key] = digest(answer.status_code, answer.content)
        return out


def load_pins() -> dict[str, str]:
    """The pinned digests (empty when digests.json does not exist yet)."""
    if not PIN_FILE.exists():
        return {}
    document = json.loads(PIN_FILE.read_text())
    if document.get("seed") != SEED:
        raise ValueError(f"{PIN_FILE.name} pins seed {document.get('seed')}, not {SEED}")
    pins: dict[str, str] = document["digests"]
    return pins


def write_pins(digests: Mapping[str, str]) -> None:
    """Rewrite digests.json: one sorted entry per line, so reviews and merges stay readable."""
    document = {"seed": SEED, "regenerate": REGENERATE, "digests": dict(sorted(digests.items()))}
    PIN_FILE.write_text(json.dumps(document, indent=1) + "\n")


def differences(pins: Mapping[str, str], served: Mapping[str, str]) -> list[str]:
    """What keeps `served` from matching `pins`, one line each (empty when they match)."""
    lines = [f"not pinned: {key}" for key in served if key not in pins]
    lines += [f"pinned but no longer listed: {key}" for key in pins if key not in served]
    lines += [
        f"changed: {key}: pinned {pins[key]}, served {value}"
        for key, value in served.items()
        if key in pins and pins[key] != value
    ]
    return lines
