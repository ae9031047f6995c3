"""The explorer's page and files over HTTP: served offline from the package, / redirects there."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from netpath_mock.testing import LiveServer
from netpath_mock.ui import STATIC_DIR


def test_the_front_page_redirects_to_the_explorer(http: httpx.Client) -> None:
    answer = http.get("/", follow_redirects=False)
    assert answer.status_code == 307 and answer.headers["location"] == "/_mock/ui"
    page = http.get("/", follow_redirects=True)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<title>netpath-mock explorer</title>" in page.text


def test_the_page_loads_only_its_own_files(http: httpx.Client) -> None:
    page = http.get("/_mock/ui").text
    assert "http://" not in page and "https://" not in page, "no CDN: it works offline"
    for name in ("style.css", "app.js", "api.js", "netpath.js"):
        answer = http.get(f"/_mock/ui/static/{name}")
        assert answer.status_code == 200, name
        assert answer.content == (STATIC_DIR / name).read_bytes()
        kind = "text/css" if name.endswith(".css") else "javascript"
        assert kind in answer.headers["content-type"], answer.headers["content-type"]
        # The SVG namespace is a name, not an address: nothing else may point outside.
        text = answer.text.replace('"http://www.w3.org/2000/svg"', "")
        assert "http://" not in text and "https://" not in text, name
    assert http.get("/_mock/ui/static/nope.js").status_code == 404


def test_health_tells_the_page_the_epoch_and_whether_a_token_is_needed(
    http: httpx.Client,
) -> None:
    health = http.get("/_mock/health").json()
    assert health["epoch"] == "2026-11-01T00:00:00Z"
    assert health["admin_token_required"] is False


def test_with_an_admin_token_the_page_is_served_and_the_data_is_not(
    make_server: Callable[..., LiveServer],
) -> None:
    live = make_server(admin_token="s3cret")
    assert httpx.get(live.url + "/_mock/ui").status_code == 200
    assert httpx.get(live.url + "/_mock/ui/static/app.js").status_code == 200
    assert httpx.get(live.url + "/_mock/health").json()["admin_token_required"] is True
    assert httpx.get(live.url + "/_mock/scenarios").status_code == 401
    allowed = httpx.get(live.url + "/_mock/scenarios", headers={"Authorization": "Bearer s3cret"})
    assert allowed.status_code == 200


def test_the_gate_lets_the_explorer_call_its_own_server(
    make_server: Callable[..., LiveServer],
) -> None:
    live = make_server()
    own = {"Origin": live.url}
    # The explorer's own calls (a browser sends Origin on POST and DELETE, same-origin too).
    assert httpx.post(live.url + "/_mock/reset", headers=own).status_code == 200
    assert httpx.delete(live.url + "/_mock/requests", headers=own).status_code == 200
    # Another site's page is refused, and so is a DNS name (it could be rebound to this host).
    other = {"Origin": "http://evil.example"}
    assert httpx.post(live.url + "/_mock/reset", headers=other).status_code == 403
    rebound = {"Origin": f"http://evil.example:{live.port}", "Host": f"evil.example:{live.port}"}
    assert httpx.post(live.url + "/_mock/reset", headers=rebound).status_code == 403
    local = {"Origin": f"http://localhost:{live.port}", "Host": f"localhost:{live.port}"}
    assert httpx.post(live.url + "/_mock/reset", headers=local).status_code == 200


def test_only_the_explorer_files_are_open_with_a_token(
    make_server: Callable[..., LiveServer],
) -> None:
    live = make_server(admin_token="s3cret")
    assert httpx.get(live.url + "/", follow_redirects=False).status_code == 307
    assert httpx.post(live.url + "/_mock/ui").status_code == 401, "GET and HEAD only"
    # A path that climbs out of the static folder reaches no data.
    climbed = httpx.get(live.url + "/_mock/ui/static/%2E%2E/requests")
    assert climbed.status_code == 404 and "requests" not in climbed.text
    assert httpx.get(live.url + "/_mock/requests").status_code == 401
