"""The explorer in a real headless Chromium (Debian's, driven by Playwright), as a user uses it.

Each test browses the catalog by clicking, draws a path, and checks the drawing and the hop table
against the vendor API's own answer for the same request. Screenshots go to tests/artifacts/
(ignored by git). Any console error, page error, failed request or error response fails a test,
except the one error answer a test asks for on purpose.

Without /usr/bin/chromium (or Playwright) the tests skip, except on CI (CI=true), where they
fail: .ci/run installs Chromium with apt-get.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from netpath_mock.testing import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CF_HEADERS = {"Authorization": "Bearer Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY"}
DD_HEADERS = {
    "DD-API-KEY": "0123456789abcdef0123456789abcdef",
    "DD-APPLICATION-KEY": "0123456789abcdef0123456789abcdef01234567",
}
TIMEOUT_MS = 20_000


def _unavailable() -> str | None:
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (the dev extra)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    missing = _unavailable()
    if missing is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the explorer test needs Chromium on CI: {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def live() -> Iterator[LiveServer]:
    with LiveServer(seed=1234) as server:
        yield server


class Watch:
    """Everything that went wrong in a page: console errors, page errors, failed requests."""

    def __init__(self, page: Any) -> None:
        self.problems: list[str] = []
        self.expected: list[re.Pattern[str]] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on(
            "requestfailed",
            lambda request: self.problems.append(f"failed: {request.url} {request.failure}"),
        )
        page.on("response", self._response)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.problems.append(f"answer {response.status}: {response.url}")

    def expect(self, pattern: str) -> None:
        """Allow problems matching `pattern` (an error a test asks for on purpose)."""
        self.expected.append(re.compile(pattern))

    def check(self) -> None:
        left = [p for p in self.problems if not any(e.search(p) for e in self.expected)]
        assert left == [], left


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport={"width": 1720, "height": 1000})
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    watch = Watch(opened)
    yield opened, watch
    context.close()
    watch.check()


def _click(page: Any, level: str, selector: str = "button:not([disabled])") -> str:
    button = page.locator(f'section.list[data-level="{level}"] {selector}').first
    button.wait_for()
    button.click()
    return str(button.get_attribute("data-id"))


def _compare(page: Any, hops: list[dict[str, Any]], vendor: str) -> None:
    """The drawing and the hop table say what the API answered, hop by hop."""
    svg = page.locator("#path svg")
    assert svg.get_attribute("data-vendor") == vendor
    assert int(svg.get_attribute("data-hops")) == len(hops)
    assert page.locator("#path svg g.hop").count() == len(hops)
    assert page.locator("#hops tbody tr").count() == len(hops)
    for hop in hops:
        if vendor == "cloudflare":
            ip, rtt = hop["ipAddress"], hop["rttMs"]
            rtt_text = None if rtt is None else f"{rtt} ms"
        else:
            ip = hop.get("ip_address") if hop.get("reachable") else None
            rtt_text = None if ip is None else f"{hop['rtt']:.1f} ms"
        node = page.locator(f'#path svg g.hop[data-ttl="{hop["ttl"]}"]')
        text = node.text_content()
        assert node.get_attribute("data-ip") == (ip or "")
        if ip is None:
            assert node.get_attribute("data-silent") == "true" and "* * *" in text
        else:
            assert ip in text and rtt_text in text, (hop, text)
            if vendor == "cloudflare" and hop["name"]:
                row = page.locator(f'#hops tbody tr[data-ttl="{hop["ttl"]}"]').text_content()
                assert hop["name"] in row and (hop["aso"] or "") in row


def _shoot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


def test_cloudflare_path_drawn_from_the_catalog(live: LiveServer, page: Any) -> None:
    tab, watch = page
    tab.goto(live.url + "/")
    assert tab.url == live.url + "/_mock/ui"
    account = _click(tab, "account")
    _click(tab, "test")
    _click(tab, "device")
    result = _click(tab, "run")
    tab.locator("#path svg[data-hops]").wait_for()
    assert tab.evaluate("document.body.dataset.state") == "path"

    url = f"{live.url}/client/v4/accounts/{account}/dex/traceroute-test-results/{result}/"
    answer = httpx.get(url + "network-path", headers=CF_HEADERS)
    assert answer.status_code == 200
    hops = answer.json()["result"]["hops"]
    _compare(tab, hops, "cloudflare")
    # Miles and networks are drawn as the vendor's view groups them.
    miles = {h["mile"] for h in hops if h["mile"]}
    assert tab.locator("#path svg g.mile").count() >= len(miles)
    asns = {h["asn"] for h in hops if h["asn"] is not None}
    assert tab.locator("#path svg g.network").count() >= len(asns)
    summary = tab.locator("#summary").text_content()
    assert answer.json()["result"]["deviceName"] in summary

    # The journal shows the session's requests live, the path request among them.
    tab.locator("#journal-list li", has_text=f"{result}/network-path").wait_for()
    assert "explorer" in tab.locator("#journal-count").text_content()
    _shoot(tab, "explorer-cloudflare.png")
    watch.check()


def test_datadog_result_under_a_scenario(live: LiveServer, page: Any) -> None:
    tab, watch = page
    tab.goto(live.url + "/_mock/ui")
    tab.locator('section.list[data-level="account"] button').first.wait_for()
    tab.select_option("#vendor", "datadog")
    _click(tab, "test", 'button[data-id="abc-def-123"]')
    result = _click(tab, "result")
    tab.locator("#path svg[data-hops]").wait_for()
    url = f"{live.url}/api/v2/synthetics/tests/abc-def-123/results/{result}"
    plain = httpx.get(url, headers=DD_HEADERS).json()["data"]["attributes"]["result"]
    _compare(tab, plain["netpath"]["hops"], "datadog")

    tab.select_option("#ctl-scenario", "long-path")
    tab.locator("#prefer", has_text="example=long-path").wait_for()
    long_hops = httpx.get(url, headers={**DD_HEADERS, "Prefer": "example=long-path"}).json()
    hops = long_hops["data"]["attributes"]["result"]["netpath"]["hops"]
    assert len(hops) >= 25
    tab.locator(f'#path svg[data-hops="{len(hops)}"]').wait_for()
    _compare(tab, hops, "datadog")

    tab.select_option("#ctl-scenario", "destination-unreachable")
    tab.locator('#path svg[data-reached="false"]').wait_for()
    assert tab.locator("#path svg g.destination.unreachable").count() == 1
    assert "NETUNREACH" in tab.locator("#summary").text_content()
    _shoot(tab, "explorer-datadog.png")
    watch.check()


def test_a_forced_status_shows_the_vendor_error(live: LiveServer, page: Any) -> None:
    tab, watch = page
    tab.goto(live.url + "/_mock/ui")
    _click(tab, "account")
    _click(tab, "test")
    _click(tab, "device")
    _click(tab, "run")
    tab.locator("#path svg[data-hops]").wait_for()
    # The one error this test asks for: the path request answered 429 (and Chromium's console
    # line about it).
    watch.expect(r"network-path")
    watch.expect(r"status of 429")
    tab.select_option("#ctl-code", "429")
    failure = tab.locator('#summary .failure[data-status="429"]')
    failure.wait_for()
    assert "971" in failure.text_content(), "Cloudflare's rate-limit code"
    tab.select_option("#ctl-code", "")
    tab.locator("#path svg[data-hops]").wait_for()
    watch.check()


def test_with_an_admin_token_the_page_asks_for_it(page: Any) -> None:
    tab, watch = page
    with LiveServer(seed=1234, admin_token="s3cret") as guarded:
        tab.goto(guarded.url + "/_mock/ui")
        box = tab.locator("#token-box")
        box.wait_for(state="visible")
        assert tab.evaluate("document.body.dataset.state") == "token"
        token = tab.locator("#admin-token")
        token.fill("s3cret")
        token.dispatch_event("change")
        _click(tab, "account")
        tab.locator('section.list[data-level="test"] button').first.wait_for()
        tab.locator("#journal-list li").first.wait_for()
        watch.check()
