"""SearchTests' query subset, sort, offset paging and facets (notes §9.1), without HTTP."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from netpath_mock.core.errors import BadRequest
from netpath_mock.vendors.datadog import universe
from tests.vendors.datadog.lifecycle_support import SEED, World, make_world

COUNT = 60


def _search(world: World, text: str = "", me: universe.User | None = None, **kw: Any) -> Any:
    args: dict[str, Any] = {
        "include_full_config": True,
        "facets_only": False,
        "start": 0,
        "count": 1000,
        "sort": "name,asc",
    }
    args.update(kw)
    me = me or universe.users(SEED)[0]
    return orjson.loads(world.search.search(world.session(), me, text=text, **args))


def _all(world: World) -> list[dict[str, Any]]:
    body = orjson.loads(world.v1.list_tests(world.session(), 1000, 0))
    tests: list[dict[str, Any]] = body["tests"]
    return tests


@pytest.fixture(scope="module")
def world() -> World:
    return make_world(count=COUNT)


def test_empty_query_matches_everything_sorted_by_name(world: World) -> None:
    body = _search(world)
    assert body["total"] == COUNT and body["facets"] == []
    names = [t["name"].lower() for t in body["tests"]]
    assert names == sorted(names)
    desc = _search(world, sort="name,desc")
    assert [t["public_id"] for t in desc["tests"]] == [
        t["public_id"] for t in reversed(body["tests"])
    ]


def test_tag_status_type_creator_and_free_text(world: World) -> None:
    tests = _all(world)
    some = next(t for t in tests if t["tags"])
    tag = some["tags"][0]
    expected = {t["public_id"] for t in tests if tag in t["tags"]}
    assert {t["public_id"] for t in _search(world, f'tag:"{tag}"')["tests"]} == expected
    assert {t["public_id"] for t in _search(world, f"tag:{tag}")["tests"]} == expected
    key = tag.split(":", 1)[0]
    by_key = {t["public_id"] for t in tests if any(x.split(":")[0] == key for x in t["tags"])}
    assert {t["public_id"] for t in _search(world, f"tag:{key}")["tests"]} == by_key
    paused = {t["public_id"] for t in tests if t["status"] == "paused"}
    assert {t["public_id"] for t in _search(world, "status:paused")["tests"]} == paused
    live = _search(world, "-status:paused")
    assert live["total"] == COUNT - len(paused)
    assert _search(world, "type:network")["total"] == COUNT
    assert _search(world, "type:browser")["total"] == 0
    both = _search(world, "status:(live OR paused)")
    assert both["total"] == COUNT
    creator = tests[0]["creator"]
    mine = {t["public_id"] for t in tests if t["creator"]["email"] == creator["email"]}
    me = next(u for u in universe.users(SEED) if u.email == creator["email"])
    assert {t["public_id"] for t in _search(world, 'creator:("Me")', me=me)["tests"]} == mine
    assert {t["public_id"] for t in _search(world, f"creator:{creator['email']}")["tests"]} == mine
    word = tests[0]["config"]["request"]["host"].split(".")[0]
    hits = _search(world, word)["tests"]
    assert tests[0]["public_id"] in {t["public_id"] for t in hits}
    assert all(word.lower() in (t["name"] + t["config"]["request"]["host"]).lower() for t in hits)


def test_facet_keys_are_tags_and_terms_are_anded(world: World) -> None:
    tests = _all(world)
    env = next(tag for t in tests for tag in t["tags"] if tag.startswith("env:"))
    expected = {t["public_id"] for t in tests if env in t["tags"] and t["subtype"] == "tcp"}
    found = _search(world, f"{env} subtype:tcp")["tests"]
    assert {t["public_id"] for t in found} == expected


def test_location_term_by_id_or_display_name(world: World) -> None:
    tests = _all(world)
    frankfurt = {t["public_id"] for t in tests if "aws:eu-central-1" in t["locations"]}
    assert {t["public_id"] for t in _search(world, "location:aws:eu-central-1")["tests"]} == (
        frankfurt
    )
    by_name = {t["public_id"] for t in _search(world, "location:Frankfurt")["tests"]}
    assert frankfurt <= by_name


def test_offset_paging_walks_every_match_once(world: World) -> None:
    seen: list[str] = []
    start = 0
    while True:
        page = _search(world, start=start, count=7)
        assert page["total"] == COUNT
        seen += [t["public_id"] for t in page["tests"]]
        if len(page["tests"]) < 7:
            break
        start += 7
    assert len(seen) == COUNT == len(set(seen))


def test_without_full_config_items_drop_config(world: World) -> None:
    item = _search(world, include_full_config=False, count=1)["tests"][0]
    assert "config" not in item and item["type"] == "network"


def test_facets_only_counts_the_matches(world: World) -> None:
    body = _search(world, "status:live", facets_only=True)
    assert body["tests"] == []
    facets = {f["name"]: {v["value"]: v["count"] for v in f["values"]} for f in body["facets"]}
    assert facets["status"] == {"live": body["total"]}
    assert facets["type"] == {"network": body["total"]}
    empty = _search(world, "tag:no-such-tag", facets_only=True)
    assert empty == {"tests": [], "total": 0, "facets": []}  # the recorded exact body


def test_session_edits_are_searched() -> None:
    world = make_world(count=10)
    session = world.session()
    created = world.create(session, name="Zebra crossing path")
    doomed = universe.public_ids(SEED, 10)[4]
    world.v1.delete_tests(session, orjson.dumps({"public_ids": [doomed]}))
    found = _search(world, "zebra")
    assert [t["public_id"] for t in found["tests"]] == [created]
    assert _search(world)["total"] == 10
    assert doomed not in {t["public_id"] for t in _search(world)["tests"]}


@pytest.mark.parametrize("sort", ["nope,asc", "name,up", "monitor_id"])
def test_bad_sort_is_400(world: World, sort: str) -> None:
    with pytest.raises(BadRequest, match="'sort'"):
        _search(world, sort=sort)


def test_overlong_query_is_400(world: World) -> None:
    with pytest.raises(BadRequest, match="'text'"):
        _search(world, "x" * 2000)
