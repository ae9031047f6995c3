"""Lifecycles of the DEX writable resources through the official SDK, in strict mode."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import cloudflare
import pytest
from cloudflare import Cloudflare

from netpath_mock.testing import LiveServer
from tests.conftest import DOC_ACCOUNT, TOKEN


@pytest.fixture
def client(server: LiveServer, session_headers: dict[str, str]) -> Iterator[Cloudflare]:
    with Cloudflare(
        base_url=server.cloudflare_base_url,
        api_token=TOKEN,
        max_retries=0,
        _strict_response_validation=True,
        default_headers=session_headers,
    ) as sdk:
        yield sdk


def test_sdk_dex_test_lifecycle(client: Cloudflare) -> None:
    tests = client.zero_trust.devices.dex_tests
    created = tests.create(
        account_id=DOC_ACCOUNT,
        data={"host": "https://dash.cloudflare.com", "kind": "http"},
        enabled=True,
        interval="30m",
        name="HTTP dash health check",
        description="Checks the dash endpoint every 30 minutes",
    )
    assert created is not None and created.test_id
    assert created.interval == "0h30m0s" and created.data.method == "GET"
    fetched = tests.get(created.test_id, account_id=DOC_ACCOUNT)
    assert fetched is not None and fetched.name == "HTTP dash health check"
    assert created.test_id in [t.test_id for t in tests.list(account_id=DOC_ACCOUNT, per_page=50)]

    updated = tests.update(
        created.test_id,
        account_id=DOC_ACCOUNT,
        data={"host": "https://dash.cloudflare.com/home", "kind": "http"},
        enabled=False,
        interval="1h",
        name="HTTP dash home",
    )
    assert updated is not None and updated.updated and created.updated
    assert updated.updated > created.updated and updated.created == created.created
    again = tests.get(created.test_id, account_id=DOC_ACCOUNT)
    assert again is not None
    assert (again.name, again.enabled, again.interval) == ("HTTP dash home", False, "1h0m0s")
    assert again.data.host == "https://dash.cloudflare.com/home"

    remaining = tests.delete(created.test_id, account_id=DOC_ACCOUNT)
    assert remaining is not None and remaining.dex_tests is not None
    assert created.test_id not in [t.test_id for t in remaining.dex_tests]
    with pytest.raises(cloudflare.NotFoundError):
        tests.get(created.test_id, account_id=DOC_ACCOUNT)


def test_sdk_rule_lifecycle(client: Cloudflare) -> None:
    rules = client.zero_trust.dex.rules
    created = rules.create(
        account_id=DOC_ACCOUNT,
        name="Engineering laptops",
        match='group_policy_id == "bd2f8f7b-d0b0-4d24-ba2b-bdfdf244d9f9"',
    )
    assert created is not None and created.targeted_tests == []
    fetched = rules.get(created.id, account_id=DOC_ACCOUNT)
    assert fetched is not None and fetched.match == created.match
    page = rules.list(account_id=DOC_ACCOUNT, page=1, per_page=50)
    assert page.result is not None
    listed = page.result.rules  # type: ignore[attr-defined]  # the contract's object form
    assert created.id in [rule["id"] for rule in listed]

    updated = rules.update(created.id, account_id=DOC_ACCOUNT, description="pilot")
    assert updated is not None and updated.description == "pilot"
    assert updated.name == "Engineering laptops"
    again = rules.get(created.id, account_id=DOC_ACCOUNT)
    assert again is not None and again.description == "pilot"

    assert rules.delete(created.id, account_id=DOC_ACCOUNT) is True
    with pytest.raises(cloudflare.NotFoundError):
        rules.get(created.id, account_id=DOC_ACCOUNT)


def test_sdk_targeting_shows_on_test_and_rule(client: Cloudflare) -> None:
    rule = client.zero_trust.dex.rules.create(account_id=DOC_ACCOUNT, name="Pilot", match="x")
    assert rule is not None
    test = client.zero_trust.devices.dex_tests.create(
        account_id=DOC_ACCOUNT,
        data={"host": "1.1.1.1", "kind": "traceroute"},
        enabled=True,
        interval="15m",
        name="Cloudflare DNS path",
        target_policies=[{"id": rule.id}],
    )
    assert test is not None and test.targeted is True and test.target_policies
    assert (test.target_policies[0].id, test.target_policies[0].name) == (rule.id, "Pilot")
    seen = client.zero_trust.dex.rules.get(rule.id, account_id=DOC_ACCOUNT)
    assert seen is not None and seen.targeted_tests is not None
    assert [t.test_id for t in seen.targeted_tests] == [test.test_id]


def test_sdk_command_lifecycle(client: Cloudflare) -> None:
    commands = client.zero_trust.dex.commands
    devices = commands.devices.list(account_id=DOC_ACCOUNT, page=1, per_page=50)
    assert devices.result is not None
    registry = devices.result.devices  # type: ignore[attr-defined]
    device = next(d for d in registry if d["eligible"] and d["status"] == "connected")
    quota = commands.quota.get(account_id=DOC_ACCOUNT)
    assert quota is not None

    created = commands.create(
        account_id=DOC_ACCOUNT,
        commands=[
            {
                "device_id": device["deviceId"],
                "user_email": device["personEmail"],
                "type": "warp-diag",
                "args": {"test_all_routes": False},
            }
        ],
    )
    assert created is not None and created.commands
    command = created.commands[0]
    assert command.status == "PENDING_EXEC" and command.args == {"test-all-routes": "false"}

    statuses = []
    for _ in range(3):
        page = commands.list(account_id=DOC_ACCOUNT, page=1, per_page=50)
        assert page.result is not None
        listed = {c["id"]: c for c in page.result.commands}  # type: ignore[attr-defined]
        statuses.append(listed[command.id]["status"])
    assert statuses == ["PENDING_UPLOAD", "SUCCESS", "SUCCESS"]
    filename = listed[command.id]["filename"]
    assert filename == f"{command.id}.zip"
    after = commands.quota.get(account_id=DOC_ACCOUNT)
    assert after is not None and after.quota_usage == quota.quota_usage + 1

    download = commands.downloads.get(filename, account_id=DOC_ACCOUNT, command_id=command.id)
    assert download.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(download.read()))
    assert archive.testzip() is None and "warp-account.txt" in archive.namelist()
    assert device["deviceId"] in archive.read("warp-account.txt").decode()


def test_sdk_command_for_a_placeholder_device_is_refused(client: Cloudflare) -> None:
    with pytest.raises(cloudflare.BadRequestError) as caught:
        client.zero_trust.dex.commands.create(
            account_id=DOC_ACCOUNT,
            commands=[{"device_id": "device_id", "type": "pcap", "user_email": "user_email"}],
        )
    assert caught.value.errors[0].code == 11004
    assert "device_id" in caught.value.errors[0].message
