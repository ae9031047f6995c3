"""Remote-capture commands, eligible devices and quota, per session, at the service level."""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import datetime
from typing import Any

import orjson
import pytest

from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.cloudflare import devices as fleet_devices
from netpath_mock.vendors.cloudflare import timeline, universe
from netpath_mock.vendors.cloudflare.capture_devices import RegisteredDevice, device_at, registry
from netpath_mock.vendors.cloudflare.commands import (
    DOC_COMMAND_ID,
    QUOTA,
    TIMEOUT_STEPS,
    CommandService,
)
from netpath_mock.vendors.cloudflare.fleet import FleetService
from netpath_mock.vendors.cloudflare.stores import dex_state
from tests.vendors.cloudflare.dex_state import (
    DOC_ACCOUNT,
    OTHER_ACCOUNT,
    body,
    envelope,
    fails,
    make_state,
    result,
)


@pytest.fixture
def world() -> tuple[MockState, Session, CommandService]:
    state = make_state()
    return state, state.session("c"), CommandService(state)


def devices(
    state: MockState, account: str = DOC_ACCOUNT, minutes: int = 0
) -> tuple[RegisteredDevice, ...]:
    epoch = state.settings.epoch
    return registry(state.seed, account, epoch, int(epoch.timestamp()) + 60 * minutes)


def _steady(state: MockState, account: str, online: bool) -> RegisteredDevice:
    # A device eligible and (not) online over the first hour of session time (one step is a
    # minute), so a test's requests do not outlast its state.
    views = [devices(state, account, minutes) for minutes in range(0, 61, 5)]
    return next(
        d
        for i, d in enumerate(views[0])
        if all(v[i].eligible and v[i].online == online for v in views)
    )


def ready_device(state: MockState, account: str = DOC_ACCOUNT) -> RegisteredDevice:
    return _steady(state, account, online=True)


def order(device: RegisteredDevice, kind: str = "warp-diag", **extra: Any) -> dict[str, Any]:
    return {"device_id": device.device_id, "user_email": device.person_email, "type": kind, **extra}


def commands(service: CommandService, session: Session, **query: Any) -> list[Any]:
    items: list[Any] = result(service.list_all(session, DOC_ACCOUNT, page=1, per_page=50, **query))[
        "commands"
    ]
    return items


def test_eligible_devices_are_the_registry(world: Any) -> None:
    state, session, service = world
    listed = result(service.devices(session, DOC_ACCOUNT, page=1, per_page=50))["devices"]
    shape = universe.account_shape(state.seed, DOC_ACCOUNT)
    assert len(listed) == shape.registry_size
    assert [d["deviceId"] for d in listed] == [
        universe.device_id(state.seed, DOC_ACCOUNT, i) for i in range(shape.registry_size)
    ]
    platforms = {d["platform"] for d in listed}
    assert {"linux", "ios"} <= platforms
    for device in listed:
        capture_platform = device["platform"] in ("windows", "mac", "linux")
        old_windows = device["platform"] == "windows" and tuple(
            int(p) for p in device["version"].split(".")
        ) < (2024, 6, 415, 0)
        assert device["eligible"] == (capture_platform and not old_windows), device
        assert ("ineligibleReason" in device) == (not device["eligible"])
        assert device["personEmail"].count("@") == 1
        assert uuid.UUID(device["registrationId"]).version == 4


def test_eligible_devices_search_and_paging(world: Any) -> None:
    state, session, service = world
    target = devices(state)[2]
    by_email = result(
        service.devices(
            session, DOC_ACCOUNT, page=1, per_page=50, search=target.person_email.upper()
        )
    )
    assert target.device_id in [d["deviceId"] for d in by_email["devices"]]
    by_name = result(
        service.devices(session, DOC_ACCOUNT, page=1, per_page=50, search=target.name[:5])
    )
    assert all(
        target.name[:5].lower() in d["deviceName"].lower()
        or target.name[:5].lower() in d["personEmail"]
        for d in by_name["devices"]
    )
    page = envelope(service.devices(session, DOC_ACCOUNT, page=2, per_page=3))
    assert page["result_info"]["count"] == len(page["result"]["devices"]) == 3


def test_history_is_coherent(world: Any) -> None:
    state, session, service = world
    registered = {d.device_id: d for d in devices(state)}
    history = commands(service, session)
    assert history, "the docs account has remote-capture history"
    assert [c["created_date"] for c in history] == sorted(
        (c["created_date"] for c in history), reverse=True
    )
    for command in history:
        device = registered[command["device_id"]]  # C13: every command's device is registered
        assert device.eligible and command["user_email"] == device.person_email
        assert command["registration_id"] == device.registration_id
        assert command["status"] in ("SUCCESS", "FAILED")
        assert command["completed_date"] >= command["created_date"]
        assert (command["filename"] is not None) == (command["status"] == "SUCCESS")
    assert {"SUCCESS", "FAILED"} <= {c["status"] for c in history}
    # A capture succeeded only on a device that was online (reporting connected) at the time.
    epoch = int(state.settings.epoch.timestamp())
    for command in history:
        if command["status"] == "SUCCESS":
            rec = registered[command["device_id"]]
            record = fleet_devices.device_record(state.seed, DOC_ACCOUNT, rec.index)
            at = device_at(
                state.seed, DOC_ACCOUNT, record, parse_time(command["created_date"]), epoch
            )
            assert at.online, command
    example = next(c for c in history if c["id"] == DOC_COMMAND_ID)
    assert (example["type"], example["status"], example["filename"]) == (
        "warp-diag",
        "SUCCESS",
        f"{DOC_COMMAND_ID}.zip",
    )


def test_lifecycle_create_progress_download(world: Any) -> None:
    state, session, service = world
    device = ready_device(state)
    usage = result(service.quota(session, DOC_ACCOUNT))["quota_usage"]
    created = result(
        service.create(
            session,
            DOC_ACCOUNT,
            body({"commands": [order(device, "pcap", args={"time-limit-min": 2}), order(device)]}),
        )
    )["commands"]
    assert [c["status"] for c in created] == ["PENDING_EXEC", "PENDING_EXEC"]
    assert created[0]["args"] == {
        "max-file-size-mb": "5",
        "packet-size-bytes": "160",
        "time-limit-min": "2",
    }
    assert created[1]["args"] == {"test-all-routes": "true"}
    ids = [c["id"] for c in created]
    # Every request to these operations is one step of the session's clock: three lists show
    # the three steps after creation.
    seen = []
    for _ in range(3):
        listed = {c["id"]: c for c in commands(service, session)}
        seen.append(listed[ids[0]]["status"])
    assert seen == ["PENDING_UPLOAD", "SUCCESS", "SUCCESS"]
    assert result(service.quota(session, DOC_ACCOUNT))["quota_usage"] == usage + 2  # C13
    done = {c["id"]: c for c in commands(service, session)}
    for command_id in ids:
        item = done[command_id]
        assert (
            item["filename"] == f"{command_id}.zip"
            and item["completed_date"] > item["created_date"]
        )
        assert item["device_id"] == device.device_id and item["user_email"] == device.person_email
    archive, headers = service.download(session, DOC_ACCOUNT, ids[0], f"{ids[0]}.zip")
    names = zipfile.ZipFile(io.BytesIO(archive)).namelist()
    assert sorted(names) == ["default-interface.pcap", "warp-tunnel.pcap"]
    header = dict(headers)
    assert header[b"accept-ranges"] == b"bytes"
    assert ids[0].encode() in header[b"content-disposition"]
    # The same command downloads byte-identically; another session never sees it.
    again, _ = service.download(session, DOC_ACCOUNT, ids[0], f"{ids[0]}.zip")
    assert again == archive
    other = state.session("someone-else")
    assert ids[0] not in [c["id"] for c in commands(service, other)]
    fails(lambda: service.download(other, DOC_ACCOUNT, ids[0], f"{ids[0]}.zip"), 404, 1001)


def test_pending_commands_have_no_file(world: Any) -> None:
    state, session, service = world
    created = result(
        service.create(session, DOC_ACCOUNT, body({"commands": [order(ready_device(state))]}))
    )
    command_id = created["commands"][0]["id"]
    fails(
        lambda: service.download(session, DOC_ACCOUNT, command_id, f"{command_id}.zip"),
        404,
        1001,
        "File",
    )


def test_a_disconnected_device_times_out(world: Any) -> None:
    state, session, service = world
    device = _steady(state, DOC_ACCOUNT, online=False)
    created = result(service.create(session, DOC_ACCOUNT, body({"commands": [order(device)]})))
    command_id = created["commands"][0]["id"]
    statuses = []
    for _ in range(TIMEOUT_STEPS):
        statuses.append({c["id"]: c for c in commands(service, session)}[command_id]["status"])
    assert statuses == ["PENDING_EXEC"] * (TIMEOUT_STEPS - 1) + ["FAILED"]
    failed = {c["id"]: c for c in commands(service, session)}[command_id]
    assert failed["filename"] is None and failed["completed_date"] is not None
    fails(
        lambda: service.download(session, DOC_ACCOUNT, command_id, f"{command_id}.zip"), 404, 1001
    )


def test_list_filters(world: Any) -> None:
    _, session, service = world
    history = commands(service, session)
    first, second = history[0], history[1]
    for query, keep in (
        ({"status": "FAILED"}, lambda c: c["status"] == "FAILED"),
        ({"command_type": "pcap"}, lambda c: c["type"] == "pcap"),
        ({"device_id": first["device_id"]}, lambda c: c["device_id"] == first["device_id"]),
        ({"user_email": first["user_email"]}, lambda c: c["user_email"] == first["user_email"]),
        (
            {"time_from": second["created_date"]},
            lambda c: c["created_date"] >= second["created_date"],
        ),
        (
            {"time_to": second["created_date"]},
            lambda c: c["created_date"] <= second["created_date"],
        ),
    ):
        assert commands(service, session, **query) == [c for c in history if keep(c)], query
    old = {"time_from": "2023-08-20T20:45:00Z", "time_to": "2023-08-24T20:45:00Z"}
    assert commands(service, session, **old) == []
    # Service-checked query values read as the analytics' do: "<slug>: <name> '<value>' <why>".
    error = fails(lambda: commands(service, session, time_from="garbage"), 400, 11005, "from")
    assert error.message.startswith("dex.api.parameter.invalid: from 'garbage' is not an ISO 8601")
    backwards = {"time_from": second["created_date"], "time_to": "2023-08-24T20:45:00Z"}
    error = fails(lambda: commands(service, session, **backwards), 400, 11005, "from")
    assert error.message.endswith("is after to")


@pytest.mark.parametrize(
    ("mutate", "code", "named"),
    [
        (
            lambda d: {"commands": [{**order(d), "device_id": "device_id"}]},
            11004,
            "commands[0].device_id",
        ),
        (
            lambda d: {"commands": [{**order(d), "device_id": str(uuid.UUID(int=9, version=4))}]},
            11008,
            "device_id",
        ),
        (
            lambda d: {"commands": [{**order(d), "user_email": "someone@else.example"}]},
            11008,
            "user_email",
        ),
        (
            lambda d: {
                "commands": [{**order(d), "registration_id": str(uuid.UUID(int=1, version=4))}]
            },
            11008,
            "registration_id",
        ),
        (lambda d: {"commands": [{**order(d), "type": "reboot"}]}, 11005, "commands[0].type"),
        (lambda d: {"commands": [{**order(d), "type": None}]}, 11004, "commands[0].type"),
        (
            lambda d: {"commands": [order(d, "pcap", args={"test-all-routes": True})]},
            11005,
            "args.test-all-routes",
        ),
        (
            lambda d: {"commands": [order(d, "pcap", args={"time-limit-min": 31})]},
            11005,
            "time-limit-min",
        ),
        (
            lambda d: {"commands": [order(d, "pcap", args={"packet-size-bytes": 0})]},
            11005,
            "packet-size-bytes",
        ),
        (
            lambda d: {"commands": [order(d, "pcap", args={"max-file-size-mb": "5"})]},
            11005,
            "max-file-size-mb",
        ),
        (
            lambda d: {"commands": [order(d, "pcap", args={"max-file-size-mb": True})]},
            11005,
            "max-file-size-mb",
        ),
        (
            lambda d: {"commands": [order(d, args={"test-all-routes": "yes"})]},
            11005,
            "test-all-routes",
        ),
        (
            lambda d: {"commands": [order(d, "speed-test", args={"interfaces": ["wifi"]})]},
            11005,
            "interfaces[0]",
        ),
        (lambda d: {"commands": [order(d, args=[])]}, 11005, "args"),
        (lambda d: {"commands": []}, 11005, "commands"),
        (lambda d: {"commands": [order(d)] * 21}, 11005, "commands"),
        (lambda d: {"commands": order(d)}, 11005, "commands"),
        (lambda d: {"commands": ["x"]}, 11005, "commands[0]"),
        (lambda d: {}, 11004, "commands"),
    ],
)
def test_create_validation(world: Any, mutate: Any, code: int, named: str) -> None:
    state, session, service = world
    before = commands(service, session)
    usage = result(service.quota(session, DOC_ACCOUNT))["quota_usage"]
    fails(
        lambda: service.create(session, DOC_ACCOUNT, body(mutate(ready_device(state)))),
        400,
        code,
        named,
    )
    assert [c["id"] for c in commands(service, session)] == [c["id"] for c in before]
    assert result(service.quota(session, DOC_ACCOUNT))["quota_usage"] == usage


def test_ineligible_devices_are_refused(world: Any) -> None:
    state, session, service = world
    for device in (d for d in devices(state) if not d.eligible):
        error = fails(
            lambda d=device: service.create(session, DOC_ACCOUNT, body({"commands": [order(d)]})),
            400,
            11008,
        )
        assert device.ineligible_reason is not None and device.ineligible_reason in error.message


def test_devices_of_another_account_are_refused(world: Any) -> None:
    state, session, service = world
    foreign = ready_device(state, OTHER_ACCOUNT)
    fails(
        lambda: service.create(session, DOC_ACCOUNT, body({"commands": [order(foreign)]})),
        400,
        11008,
        "no device",
    )


def test_at_most_ten_devices_per_request(world: Any) -> None:
    state, session, service = world
    account = next(
        a
        for a in universe.catalog_accounts(state.seed, 16)
        if sum(d.eligible for d in devices(state, a)) > 10
    )
    eligible = [d for d in devices(state, account) if d.eligible][:11]
    fails(
        lambda: service.create(session, account, body({"commands": [order(d) for d in eligible]})),
        400,
        11005,
        "10 devices",
    )
    result(service.create(session, account, body({"commands": [order(d) for d in eligible[:10]]})))


def test_quota_is_enforced_whole(world: Any) -> None:
    state, session, service = world
    device = ready_device(state)
    quota = result(service.quota(session, DOC_ACCOUNT))
    assert quota["quota"] == QUOTA and 0 <= quota["quota_usage"] <= QUOTA
    assert quota["reset_time"].endswith("Z")
    left = QUOTA - quota["quota_usage"]
    while left:
        batch = min(left, 20)
        result(service.create(session, DOC_ACCOUNT, body({"commands": [order(device)] * batch})))
        left -= batch
    assert result(service.quota(session, DOC_ACCOUNT))["quota_usage"] == QUOTA
    fails(
        lambda: service.create(session, DOC_ACCOUNT, body({"commands": [order(device)]})),
        400,
        11009,
        "quota",
    )
    assert result(service.quota(session, DOC_ACCOUNT))["quota_usage"] == QUOTA


def test_unknown_command_or_file_is_404(world: Any) -> None:
    _, session, service = world
    unknown = str(uuid.UUID(int=3, version=4))
    fails(
        lambda: service.download(session, DOC_ACCOUNT, unknown, f"{unknown}.zip"),
        404,
        1001,
        "Command",
    )
    fails(
        lambda: service.download(session, DOC_ACCOUNT, DOC_COMMAND_ID, "filename"),
        404,
        1001,
        "File",
    )
    archive, _ = service.download(session, DOC_ACCOUNT, DOC_COMMAND_ID, f"{DOC_COMMAND_ID}.zip")
    assert zipfile.ZipFile(io.BytesIO(archive)).testzip() is None


def test_a_full_store_queues_no_command_of_the_request(world: Any) -> None:
    state, session, service = world
    device = ready_device(state)
    dex = dex_state(session)
    dex.budget.max_objects = 3  # the account's entry and two commands
    before = commands(service, session)
    fails(
        lambda: service.create(session, DOC_ACCOUNT, body({"commands": [order(device)] * 3})),
        400,
        11010,
    )
    assert [c["id"] for c in commands(service, session)] == [c["id"] for c in before]
    assert len(dex.budget.sizes) == 1  # only the account's own entry is charged
    result(service.create(session, DOC_ACCOUNT, body({"commands": [order(device)] * 2})))


@pytest.mark.parametrize("account", [DOC_ACCOUNT, OTHER_ACCOUNT])
def test_commands_devices_agree_with_the_fleet(account: str) -> None:
    """C8/C13: commands/devices shows each device's last fleet report (owner, version, status)."""
    state = make_state()
    session = state.session("coherent")
    listed = result(CommandService(state).devices(session, account, page=1, per_page=50))
    fleet = FleetService(state)
    now = fleet.now
    # The session's first request is one step (a minute) past the epoch; the fleet's last hour
    # up to that minute (last_seen rows: each device's last report).
    rows = orjson.loads(
        fleet.fleet_devices(
            account,
            lo=now - 3600,
            hi=now,
            page_no=1,
            per_page=50,
            sort_by="device_id",
            source="last_seen",
            filters={},
        )
    )["result"]
    by_id = {row["deviceId"]: row for row in rows}
    assert by_id, "some devices reported in the last hour"
    records = {r.device_id: r for r in fleet_devices.registry(state.seed, account)}
    assert [d["deviceId"] for d in listed["devices"]] == list(records)
    checked = 0
    for device in listed["devices"]:
        rec = records[device["deviceId"]]
        assert device["personEmail"] == rec.person_email
        assert device["deviceName"] == rec.name and device["platform"] == rec.platform
        assert device["registrationId"] == rec.registration_id
        row = by_id.get(device["deviceId"])
        if row is None or device["timestamp"] > row["timestamp"]:
            continue  # silent in the fleet's hour, or reported again in the session's minute
        checked += 1
        for key in ("personEmail", "version", "timestamp", "deviceName"):
            assert device[key] == row[key], (key, device, row)
        # Reporting at the session's minute: the report's status; silent since: disconnected.
        fresh = parse_time(device["timestamp"]) > now + 60 - timeline.REPORT_S
        assert device["status"] == (row["status"] if fresh else "disconnected"), (device, row)
        assert device["eligible"] or device["platform"] not in ("windows", "mac", "linux")
    assert checked


def parse_time(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())
