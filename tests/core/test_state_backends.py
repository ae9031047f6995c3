"""One behaviour, two backends: the state tests run against the in-process store and Redis.

Each test gets a `Mock`: two HTTP entry points `a` and `b`. In process they are the same server.
With Redis they are two servers (two app instances, each with its own caches, as two workers or
replicas are) sharing one Redis database, and the test alternates between them: whatever the
test asserts must hold as it does for one server.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import orjson
import pytest

from netpath_mock.core.settings import Settings
from netpath_mock.testing import LiveServer
from tests.conftest import DD_HEADERS, TOKEN, network_path_url
from tests.vendors.datadog.lifecycle_support import edit_body

SEED = 1234
TESTS = "/api/v2/synthetics/tests/network"


@dataclass
class Mock:
    """Two entry points onto one mock (one server in process; two servers sharing Redis)."""

    kind: str
    servers: list[LiveServer]
    redis_url: str | None

    @property
    def a(self) -> str:
        return self.servers[0].url

    @property
    def b(self) -> str:
        return self.servers[-1].url

    def urls(self) -> Iterator[str]:
        return itertools.cycle([self.a, self.b])

    def call(
        self, url: str, method: str, path: str, session: str = "s", body: Any = None, **kw: Any
    ) -> httpx.Response:
        headers = {**DD_HEADERS, "X-Mock-Session": session, **kw.pop("headers", {})}
        content = body if body is None or isinstance(body, bytes) else orjson.dumps(body)
        return httpx.request(method, url + path, headers=headers, content=content, timeout=15, **kw)

    def journal(self, url: str, session: str = "s") -> list[dict[str, Any]]:
        answer = httpx.get(url + "/_mock/requests", headers={"X-Mock-Session": session})
        assert answer.status_code == 200, answer.text
        entries: list[dict[str, Any]] = answer.json()["requests"]
        return entries


@pytest.fixture(params=["memory", "redis"])
def make_mock(request: pytest.FixtureRequest) -> Iterator[Callable[..., Mock]]:
    """Start a mock of the parameter's kind with the given settings."""
    started: list[LiveServer] = []

    def start(**values: Any) -> Mock:
        values.setdefault("seed", SEED)
        url = None
        if request.param == "redis":
            url = request.getfixturevalue("redis_url")
            values["state_url"] = url
            servers = [LiveServer(Settings(**values)).start() for _ in range(2)]
        else:
            servers = [LiveServer(Settings(**values)).start()]
        started.extend(servers)
        return Mock(request.param, servers, url)

    yield start
    for live in started:
        live.stop()


def _clear_of_window_edge(period: int = 60, margin: float = 15.0) -> None:
    """Wait for the next calendar-aligned window when the current one ends within `margin` s.

    Datadog's limit windows follow the wall clock (X-RateLimit-Period is calendar aligned): a
    test that fills a bucket and then expects a 429 would see a fresh bucket if a window edge
    fell between the two.
    """
    left = period - time.time() % period
    if left < margin:
        time.sleep(left + 0.05)


def _first_test(mock: Mock, index: int = 0) -> str:
    """A generated test of the current seed (the first is the docs' id in every seed)."""
    items = httpx.get(mock.a + "/_mock/catalog", params={"vendor": "datadog", "limit": 5}).json()
    public_id: str = items["items"][index]["public_id"]
    return public_id


def test_journal_shows_every_request_whichever_server_answered(
    make_mock: Callable[..., Mock],
) -> None:
    mock = make_mock()
    public_id = _first_test(mock)
    urls = mock.urls()
    statuses = []
    for i in range(20):
        path = f"{TESTS}/{public_id}" if i % 2 else f"{TESTS}/zzz-zzz-zzz"
        statuses.append(mock.call(next(urls), "GET", path).status_code)
    assert statuses == [404, 200] * 10
    for url in (mock.a, mock.b):
        entries = mock.journal(url)
        assert [e["status"] for e in entries] == statuses
        assert all(e["headers"]["dd-api-key"] == "***" for e in entries)
        assert [e["path"].rsplit("/", 1)[1] for e in entries[:2]] == ["zzz-zzz-zzz", public_id]
        assert list(entries[0]) == [
            "time",
            "vendor",
            "method",
            "path",
            "query",
            "headers",
            "body",
            "status",
            "duration_ms",
        ]


def test_rate_limit_counts_exactly_across_servers(make_mock: Callable[..., Mock]) -> None:
    mock = make_mock(datadog_rate_limit="10/60")
    public_id = _first_test(mock)
    _clear_of_window_edge()
    urls = mock.urls()
    answers = [mock.call(next(urls), "GET", f"{TESTS}/{public_id}") for _ in range(20)]
    assert [r.status_code for r in answers] == [200] * 10 + [429] * 10
    remaining = [int(r.headers["x-ratelimit-remaining"]) for r in answers]
    assert remaining == [*range(9, -1, -1), *([0] * 10)]
    assert all(1 <= int(r.headers["x-ratelimit-reset"]) <= 60 for r in answers)
    # Another session has its own buckets.
    assert mock.call(mock.b, "GET", f"{TESTS}/{public_id}", session="other").status_code == 200
    # Every request, refused or not, is in the journal with the status it got.
    assert [e["status"] for e in mock.journal(mock.b)] == [r.status_code for r in answers]


def test_concurrent_requests_are_counted_once_each(make_mock: Callable[..., Mock]) -> None:
    mock = make_mock(datadog_rate_limit="25/60")
    public_id = _first_test(mock)
    _clear_of_window_edge()
    codes: list[int] = []
    lock = threading.Lock()

    def worker(url: str) -> None:
        for _ in range(10):
            code = mock.call(url, "GET", f"{TESTS}/{public_id}").status_code
            with lock:
                codes.append(code)

    threads = [threading.Thread(target=worker, args=(url,)) for url in [mock.a, mock.b] * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [200] * 25 + [429] * 15
    assert len(mock.journal(mock.a)) == 40


def test_a_test_created_through_one_server_is_seen_through_all(
    make_mock: Callable[..., Mock],
) -> None:
    mock = make_mock()
    created = mock.call(mock.a, "POST", TESTS, body=edit_body(name="shared-one"))
    assert created.status_code == 200, created.text
    public_id = created.json()["data"]["id"]
    seen = mock.call(mock.b, "GET", f"{TESTS}/{public_id}")
    assert seen.status_code == 200 and seen.json()["data"]["attributes"]["name"] == "shared-one"
    v1 = mock.call(mock.b, "GET", f"/api/v1/synthetics/tests/{public_id}")
    assert v1.status_code == 200 and v1.json()["name"] == "shared-one"
    # An update through b is what a reads; its version history has both versions.
    updated = mock.call(mock.b, "PUT", f"{TESTS}/{public_id}", body=edit_body(name="renamed"))
    assert updated.status_code == 200, updated.text
    read = mock.call(mock.a, "GET", f"{TESTS}/{public_id}").json()
    assert read["data"]["attributes"]["name"] == "renamed"
    history = mock.call(mock.a, "GET", f"/api/v2/synthetics/tests/{public_id}/version_history")
    assert [v["attributes"]["version_number"] for v in history.json()["data"]] == [2, 1]
    # Paused through a, listed paused through b; deleted through b, gone through a.
    paused = mock.call(
        mock.a,
        "PUT",
        f"/api/v1/synthetics/tests/{public_id}/status",
        body={"new_status": "paused"},
    )
    assert paused.status_code == 200
    assert mock.call(mock.b, "GET", f"{TESTS}/{public_id}").json()["data"]["attributes"][
        "status"
    ] == ("paused")
    deleted = mock.call(
        mock.b, "POST", "/api/v1/synthetics/tests/delete", body={"public_ids": [public_id]}
    )
    assert deleted.status_code == 200
    assert mock.call(mock.a, "GET", f"{TESTS}/{public_id}").status_code == 404
    # Sessions stay apart: another session never saw the test.
    assert mock.call(mock.a, "GET", f"{TESTS}/{public_id}", session="x").status_code == 404


def test_creates_racing_through_both_servers_all_land(make_mock: Callable[..., Mock]) -> None:
    mock = make_mock()
    ids: list[str] = []
    lock = threading.Lock()

    def worker(url: str, n: int) -> None:
        for i in range(6):
            answer = mock.call(url, "POST", TESTS, body=edit_body(name=f"race-{n}-{i}"))
            assert answer.status_code == 200, answer.text
            with lock:
                ids.append(answer.json()["data"]["id"])

    threads = [
        threading.Thread(target=worker, args=(url, n)) for n, url in enumerate([mock.a, mock.b] * 2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(ids)) == 24
    listed = mock.call(mock.b, "GET", "/api/v1/synthetics/tests", params={"page_size": 1000})
    names = {t["name"] for t in listed.json()["tests"]}
    assert {f"race-{n}-{i}" for n in range(4) for i in range(6)} <= names


def test_ci_batches_and_trigger_counters_are_shared(make_mock: Callable[..., Mock]) -> None:
    mock = make_mock()
    public_id = _first_test(mock)
    body = {"tests": [{"public_id": public_id}]}
    batches = []
    for url in (mock.a, mock.b, mock.a):
        answer = mock.call(url, "POST", "/api/v1/synthetics/tests/trigger/ci", body=body)
        assert answer.status_code == 200, answer.text
        batches.append(answer.json()["batch_id"])
    assert len(set(batches)) == 3  # each trigger counted once, whichever server took it
    for url, batch in zip((mock.b, mock.a, mock.b), batches, strict=True):
        read = mock.call(url, "GET", f"/api/v1/synthetics/ci/batch/{batch}")
        assert read.status_code == 200, read.text
        # Each run of the batch is a result of the test, read through the other server.
        for run in read.json()["data"]["results"]:
            result = mock.call(
                mock.b if url == mock.a else mock.a,
                "GET",
                f"/api/v1/synthetics/tests/{public_id}/results/{run['result_id']}",
            )
            assert result.status_code == 200, result.text
            assert result.json()["result_id"] == run["result_id"]


def test_seed_switch_reaches_every_server_before_the_reset_answers(
    make_mock: Callable[..., Mock],
) -> None:
    mock = make_mock()
    old = _first_test(mock, 3)
    assert mock.call(mock.a, "GET", f"{TESTS}/{old}").status_code == 200  # a caches seed 1234
    created = mock.call(mock.a, "POST", TESTS, body=edit_body()).json()["data"]["id"]
    reset = httpx.post(mock.b + "/_mock/reset", json={"seed": 42})
    assert reset.json() == {"reset": "all", "seed": 42}
    for url in (mock.a, mock.b):
        assert httpx.get(url + "/_mock/health").json()["seed"] == 42
        new = httpx.get(url + "/_mock/catalog", params={"vendor": "datadog", "limit": 5})
        assert new.json()["seed"] == 42
        new_id = new.json()["items"][3]["public_id"]
        assert new_id != old
        assert mock.call(url, "GET", f"{TESTS}/{old}").status_code == 404
        assert mock.call(url, "GET", f"{TESTS}/{new_id}").status_code == 200
        assert mock.call(url, "GET", f"{TESTS}/{created}").status_code == 404  # sessions cleared
    # Back to the first seed: the first universe again, byte for byte.
    before = mock.call(mock.b, "GET", f"{TESTS}/{old}", session="z")
    assert before.status_code == 404
    httpx.post(mock.a + "/_mock/reset", json={"seed": SEED})
    again = mock.call(mock.b, "GET", f"{TESTS}/{old}", session="z")
    assert again.status_code == 200
    assert again.content == mock.call(mock.a, "GET", f"{TESTS}/{old}", session="y").content


def test_session_reset_forgets_only_that_session(make_mock: Callable[..., Mock]) -> None:
    mock = make_mock(datadog_rate_limit="3/60")
    public_id = _first_test(mock)
    _clear_of_window_edge()
    for session in ("one", "two"):
        for url in (mock.a, mock.b, mock.a, mock.b):
            mock.call(url, "GET", f"{TESTS}/{public_id}", session=session)
        mock.call(mock.a, "POST", TESTS, session=session, body=edit_body())
    answer = httpx.post(mock.b + "/_mock/reset", headers={"X-Mock-Session": "one"})
    assert answer.json() == {"reset": "one", "seed": SEED}
    assert mock.journal(mock.a, "one") == []
    # Its bucket is full again, its stores empty; session two kept everything.
    assert mock.call(mock.a, "GET", f"{TESTS}/{public_id}", session="one").status_code == 200
    assert mock.call(mock.b, "GET", f"{TESTS}/{public_id}", session="two").status_code == 429
    assert len(mock.journal(mock.b, "two")) == 6
    listed = mock.call(
        mock.b, "GET", "/api/v1/synthetics/tests", session="one", params={"page_size": 1000}
    )
    assert all(t["name"] != "Checkout API path" for t in listed.json()["tests"])
    # Clearing a journal leaves the rest.
    assert httpx.delete(mock.a + "/_mock/requests", headers={"X-Mock-Session": "two"}).json()[
        "cleared"
    ]
    assert mock.journal(mock.b, "two") == []
    assert mock.call(mock.a, "GET", f"{TESTS}/{public_id}", session="two").status_code == 429


def test_journal_is_capped_alike(make_mock: Callable[..., Mock]) -> None:
    mock = make_mock(journal_size=5)
    urls = mock.urls()
    for i in range(8):
        mock.call(next(urls), "GET", f"{TESTS}/aaa-aaa-{i:03d}")
    paths = [e["path"][-3:] for e in mock.journal(mock.a)]
    assert paths == ["003", "004", "005", "006", "007"]


def test_session_count_is_bounded_alike(make_mock: Callable[..., Mock]) -> None:
    mock = make_mock(max_sessions=3)
    urls = mock.urls()
    for name in ("s1", "s2", "s3", "s4", "s5"):
        mock.call(next(urls), "GET", f"{TESTS}/aaa-aaa-aaa", session=name)
    assert httpx.get(mock.b + "/_mock/health").json()["sessions"] == 3
    assert mock.journal(mock.a, "s5") and mock.journal(mock.b, "s3")


def test_sessions_expire_with_their_keys(make_mock: Callable[..., Mock]) -> None:
    mock = make_mock(session_ttl=1)
    created = mock.call(mock.a, "POST", TESTS, body=edit_body()).json()["data"]["id"]
    assert mock.journal(mock.b)
    if mock.redis_url is not None:
        import redis

        with redis.Redis.from_url(mock.redis_url) as client:
            keys = client.keys("netpath-mock:s:s:*")
            # The keys' own TTL is a backstop a little past the session's (1 s + 1/16, rounded up).
            assert keys and all(0 < client.pttl(key) <= 2000 for key in keys)
    time.sleep(1.5)
    assert httpx.get(mock.a + "/_mock/health").json()["sessions"] == 0
    assert mock.call(mock.b, "GET", f"{TESTS}/{created}").status_code == 404
    if mock.redis_url is not None:
        with redis.Redis.from_url(mock.redis_url) as client:
            # Left: the session the GET above started afresh: its journal (with its byte count)
            # and bucket, no stored test.
            left = {k.rsplit(b":", 1)[1] for k in client.keys("netpath-mock:s:s:*")}
            assert left == {b"j", b"m", b"r"}
            assert client.hkeys("netpath-mock:s:s:m") == [b"jb"]


def test_cloudflare_limit_and_journal_are_shared(make_mock: Callable[..., Mock]) -> None:
    mock = make_mock(cloudflare_rate_limit="4/300")
    urls = mock.urls()
    path = network_path_url()
    answers = [
        httpx.get(
            next(urls) + path, headers={"Authorization": f"Bearer {TOKEN}", "X-Mock-Session": "cf"}
        )
        for _ in range(6)
    ]
    assert [r.status_code for r in answers] == [200] * 4 + [429] * 2
    assert answers[-1].json()["errors"][0]["code"] == 971
    assert [e["vendor"] for e in mock.journal(mock.b, "cf")] == ["cloudflare"] * 6


# What a client of the backend can send outside its scripts (commands run inside a script are
# counted by Redis too, so the total is no measure of round trips).
TOP_LEVEL = ("eval", "script", "lrange", "client", "hello", "ping", "select", "info")


def _commands(client: Any) -> dict[str, int]:
    """Calls per command so far (evalsha is a script call: one round trip)."""
    stats = client.info("commandstats")
    return {
        name: int(stats.get(f"cmdstat_{name}", {}).get("calls", 0))
        for name in ("evalsha", *TOP_LEVEL)
    }


def _round_trips(client: Any, before: dict[str, int]) -> dict[str, int]:
    after = _commands(client)
    delta = {name: after[name] - before[name] for name in after}
    delta["info"] -= 1  # the call that read these
    return {name: count for name, count in delta.items() if count}


def test_one_round_trip_per_request(redis_url: str) -> None:
    """Each vendor request is one command (EVALSHA) when the worker's view is current; a
    second only for the first request after another worker changed that session."""
    import redis

    settings = Settings(seed=SEED, state_url=redis_url)
    with (
        redis.Redis.from_url(redis_url) as stats,
        LiveServer(settings) as a,
        LiveServer(settings) as b,
    ):
        stats.ping()
        mock = Mock("redis", [a, b], redis_url)
        public_id = _first_test(mock)
        mock.call(a.url, "GET", f"{TESTS}/{public_id}")  # warm: connection set-up, script load
        mock.call(b.url, "GET", f"{TESTS}/{public_id}")
        before = _commands(stats)
        created = []
        for i in range(10):  # reads and writes through one server
            mock.call(a.url, "GET", f"{TESTS}/{public_id}")
            answer = mock.call(a.url, "POST", TESTS, body=edit_body(name=f"rt-{i}"))
            created.append(answer.json()["data"]["id"])
            mock.call(a.url, "PUT", f"{TESTS}/{created[-1]}", body=edit_body(name=f"rt2-{i}"))
        assert _round_trips(stats, before) == {"evalsha": 30}
        # Reads alternating between two servers of an unchanged session: still one each.
        before = _commands(stats)
        mock.call(b.url, "GET", f"{TESTS}/{public_id}")  # b learns a's writes: two commands
        for url in [a.url, b.url] * 10:
            assert mock.call(url, "GET", f"{TESTS}/{created[3]}").status_code == 200
        assert _round_trips(stats, before) == {"evalsha": 2 + 20}


def test_dex_tests_rules_and_commands_are_shared(make_mock: Callable[..., Mock]) -> None:
    from tests.vendors.cloudflare.test_writable_routes import BASE, NEW_TEST

    mock = make_mock()

    def cf(url: str, method: str, path: str, body: Any = None) -> Any:
        headers = {"Authorization": f"Bearer {TOKEN}", "X-Mock-Session": "dex"}
        answer = httpx.request(method, url + path, json=body, headers=headers, timeout=15)
        assert answer.status_code == 200, answer.text
        return answer.json()["result"]

    test_id = cf(mock.a, "POST", f"{BASE}/devices/dex_tests", NEW_TEST)["test_id"]
    listed = cf(mock.b, "GET", f"{BASE}/devices/dex_tests?per_page=50")
    assert test_id in [t["test_id"] for t in listed]
    rule = cf(mock.b, "POST", f"{BASE}/rules", {"name": "Pilot", "match": 'os.name == "mac"'})
    targeted = {**NEW_TEST, "name": "Targeted", "target_policies": [{"id": rule["id"]}]}
    second = cf(mock.a, "POST", f"{BASE}/devices/dex_tests", targeted)
    read = cf(mock.b, "GET", f"{BASE}/rules/{rule['id']}")
    assert [t["test_id"] for t in read["targeted_tests"]] == [second["test_id"]]
    devices = cf(mock.a, "GET", f"{BASE}/commands/devices?page=1&per_page=50")["devices"]
    device = next(d for d in devices if d["eligible"] and d["status"] == "connected")
    order = {"device_id": device["deviceId"], "user_email": device["personEmail"], "type": "pcap"}
    created = cf(mock.b, "POST", f"{BASE}/commands", {"commands": [order]})["commands"][0]
    assert created["status"] == "PENDING_EXEC"
    # Every request to a writable DEX operation is a minute of the session's clock, whichever
    # server takes it.
    statuses = []
    for url in (mock.a, mock.b):
        commands = cf(url, "GET", f"{BASE}/commands?page=1&per_page=50")["commands"]
        statuses.append(next(c for c in commands if c["id"] == created["id"])["status"])
    assert statuses == ["PENDING_UPLOAD", "SUCCESS"]
    cf(mock.b, "DELETE", f"{BASE}/devices/dex_tests/{test_id}")
    gone = httpx.get(
        mock.a + f"{BASE}/devices/dex_tests/{test_id}",
        headers={"Authorization": f"Bearer {TOKEN}", "X-Mock-Session": "dex"},
    )
    assert gone.status_code == 404


def test_the_session_write_clock_is_shared(make_mock: Callable[..., Mock]) -> None:
    """Datadog write times come from the session's simulated clock: one tick per write request,
    whichever server takes it, so the same requests give the same times in either backend."""
    mock = make_mock()
    stamps = []
    for url in (mock.a, mock.b, mock.a):
        public_id = mock.call(url, "POST", TESTS, body=edit_body()).json()["data"]["id"]
        v1 = mock.call(mock.b, "GET", f"/api/v1/synthetics/tests/{public_id}").json()
        stamps.append(v1["created_at"])
    assert stamps == sorted(stamps) and len(set(stamps)) == 3
    seconds = [s[:19] for s in stamps]
    assert seconds == ["2026-11-01T00:00:01", "2026-11-01T00:00:02", "2026-11-01T00:00:03"]


def test_journal_bytes_are_capped_alike(make_mock: Callable[..., Mock]) -> None:
    mock = make_mock(journal_bytes=64 * 1024)
    urls = mock.urls()
    for i in range(10):
        # A 16 KiB body is recorded whole (then refused: not JSON), so the byte cap bites first.
        body = f"{i:04d}".encode() + b"x" * 16_000
        assert mock.call(next(urls), "POST", TESTS, body=body).status_code == 400
    entries = mock.journal(mock.b)
    # Same charge per entry in both backends (journal.bounded): the same entries are kept.
    assert [e["body"][:4] for e in entries] == ["0007", "0008", "0009"]


def test_session_stores_are_capped_alike(make_mock: Callable[..., Mock]) -> None:
    mock = make_mock(session_store_bytes=64 * 1024)
    urls = mock.urls()
    created = 0
    refusal = None
    for i in range(100):
        answer = mock.call(next(urls), "POST", TESTS, body=edit_body(name=f"{i:03d}" + "n" * 2000))
        if answer.status_code != 200:
            refusal = answer
            break
        created += 1
    # The in-process store counts Python objects, the shared one JSON bytes: the cap is reached
    # after a different number of creates, with the same answer, and the refused one is not kept.
    assert refusal is not None and refusal.status_code == 400 and 5 < created < 60
    assert "reached for this session" in refusal.json()["errors"][0]
    listed = mock.call(mock.a, "GET", "/api/v1/synthetics/tests", params={"page_size": 1000})
    mine = [t for t in listed.json()["tests"] if t["name"].endswith("n" * 2000)]
    assert len(mine) == created
